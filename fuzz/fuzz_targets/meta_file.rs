//! Arbitrary bytes as a meta file. When it parses, a one-row data file with exactly the
//! columns it describes is parsed against it, so odd column names reach the data parser.
#![no_main]

use libfuzzer_sys::fuzz_target;
use safeguarding_dashboard::core::meta::ColumnType;
use safeguarding_dashboard::core::parse::{parse_data, parse_meta, Context};

#[path = "common.rs"]
mod common;

fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

fuzz_target!(|data: &[u8]| {
    let parsed = parse_meta("data/x.meta.csv", data);
    common::check_parsed(&parsed, &["data/x.meta.csv"], "data/x.meta.csv", data.len());
    let Some(meta) = parsed.value else { return };
    assert!(!meta.columns.is_empty());
    for c in &meta.columns {
        assert!(c.dp <= 4 && !c.name.is_empty());
    }

    let mut header = String::from("time_period,time_identifier,geographic_level,country_code,country_name,source,source_location");
    let mut row = String::from("202122,Financial year,National,E92000001,England,s1,table 1");
    for c in &meta.columns {
        header.push(',');
        header.push_str(&quoted(&c.name));
        row.push_str(if c.col_type == ColumnType::Filter { ",Total" } else { ",1" });
    }
    let file = format!("{header}\n{row}\n");
    let sources = vec!["s1".to_string()];
    let parsed = parse_data("data/x.csv", file.as_bytes(), &meta, &Context { sources: Some(&sources), default_source: None });
    common::check_parsed(&parsed, &["data/x.csv", "data/x.meta.csv"], "data/x.csv", file.len());
    if let Some(t) = &parsed.value {
        common::check_table(t);
    }
});
