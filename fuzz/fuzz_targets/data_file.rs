//! Arbitrary bytes as a data file, against fixed valid meta files: the copy of
//! data/cla-rate.meta.csv (through `core::dataset::load_file`, as the site does) and the
//! big-data generator's meta (filters, a percentage, a rate with numerator/denominator).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

use safeguarding_dashboard::core::meta::Meta;
use safeguarding_dashboard::core::parse::{parse_data, parse_meta, Context};

#[path = "common.rs"]
mod common;
#[allow(dead_code)]
#[path = "../../examples/gen_big_data.rs"]
mod gen_big_data;

fuzz_target!(|data: &[u8]| {
    let site = common::site();
    let entry = &site.files[0];
    let parsed = safeguarding_dashboard::core::dataset::load_file(site, entry, data, common::CLA_META.as_bytes());
    common::check_parsed(&parsed, &["data/cla-rate.csv", "data/cla-rate.meta.csv"], "data/cla-rate.csv", data.len());
    if let Some(t) = &parsed.value {
        common::check_table(t);
        common::exercise_chart(t, site);
    }

    static FIXED: OnceLock<(Meta, Vec<String>)> = OnceLock::new();
    let (meta, sources) = FIXED.get_or_init(|| {
        let meta = parse_meta("data/big.meta.csv", gen_big_data::META.as_bytes()).into_result().expect("generator meta is valid");
        (meta, common::SOURCES.iter().map(|s| s.to_string()).collect())
    });
    let ctx = Context { sources: Some(sources), default_source: None };
    let parsed = parse_data("data/big.csv", data, meta, &ctx);
    common::check_parsed(&parsed, &["data/big.csv", "data/big.meta.csv"], "data/big.csv", data.len());
    if let Some(t) = &parsed.value {
        common::check_table(t);
        common::exercise_chart(t, site);
    }
});
