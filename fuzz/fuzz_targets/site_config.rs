//! Arbitrary bytes as `site.json`; when it parses, each listed file (up to 4) is loaded
//! with fixed valid data and meta through `core::dataset::load_file`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use safeguarding_dashboard::core::config::SiteConfig;
use safeguarding_dashboard::core::dataset::load_file;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let config = match SiteConfig::parse("data/site.json", text) {
        Ok(c) => c,
        Err(e) => {
            assert_eq!(e.position.file, "data/site.json");
            assert!(e.to_string().contains("hint:"));
            return;
        }
    };
    for entry in config.files.iter().take(4) {
        let _ = config.file(&entry.id);
        let parsed = load_file(&config, entry, common::CLA_DATA.as_bytes(), common::CLA_META.as_bytes());
        let data_name = format!("data/{}", entry.path);
        let meta_name = format!("data/{}", entry.meta);
        common::check_parsed(&parsed, &[data_name.as_str(), meta_name.as_str()], &data_name, common::CLA_DATA.len());
        if let Some(t) = &parsed.value {
            common::check_table(t);
            common::exercise_chart(t, &config);
        }
    }
    for area in config.areas.iter().take(4) {
        let _ = config.area(&area.code);
        for c in area.comparators.iter().take(4) {
            let _ = config.source(c);
        }
    }
});
