//! Shared by the fuzz targets: fixed inputs and the invariants every parse must keep.
//! Included with `#[path]` by each target (it is not a target itself).
#![allow(dead_code)]

use safeguarding_dashboard::core::chart;
use safeguarding_dashboard::core::config::SiteConfig;
use safeguarding_dashboard::core::error::Severity;
use safeguarding_dashboard::core::parse::{Parsed, MAX_PROBLEMS};
use safeguarding_dashboard::core::table::Table;

/// A copy of `data/cla-rate.meta.csv` (kept here so data edits don't change the target).
pub const CLA_META: &str = "col_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,filter_grouping_column,theme,polarity,definition,numerator,denominator
cla_rate,Indicator,\"Children looked after per 10,000 children under 18\",Children looked after,\"per 10,000\",1,,,looked-after,neither,\"Children looked after by the local authority, per 10,000 children aged under 18 living in the area.\",cla_count,
cla_count,Indicator,Number of children looked after,Children looked after,,0,,,looked-after,neither,Number of children looked after by the local authority.,,
";

/// A few rows in the shape of `data/cla-rate.csv`, valid against [`CLA_META`].
pub const CLA_DATA: &str = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name,cla_rate,cla_count,source,source_location,snapshot_date,conflict,note
201819,Financial year,Local authority,E92000001,England,E12000001,North East,E06000047,840,County Durham,82.9,833,durham-cpp-2022-12,\"scorecard, p.30\",2019-03-31,,
202122,Financial year,Local authority,E92000001,England,E12000001,North East,E06000047,840,County Durham,96,982,durham-cpp-2022-12,\"scorecard, p.30\",2022-03-31,dur-1,
202122,Financial year,Local authority,E92000001,England,E12000001,North East,E06000047,840,County Durham,,990,durham-cpp-2022-12,\"report, para 3\",2022-03-31,dur-1,
202223,Financial year Q2,Local authority,E92000001,England,E12000001,North East,E06000047,840,County Durham,100.7,1027,durham-cpp-2022-12,\"scorecard, p.30\",2022-09-30,,
202122,Financial year,National,E92000001,England,,,,,,70,,durham-cpp-2022-12,\"England column, p.30\",2022-03-31,,
202122,Financial year,Regional,E92000001,England,E12000001,North East,,,,110,c,durham-cpp-2022-12,\"North East column, p.30\",2022-03-31,,source gives <5
";

/// Source ids the data target accepts (those of data/cla-rate.csv and the generator).
pub const SOURCES: [&str; 3] = ["durham-cpp-2022-12", "derby-scb-ar-2017-18", "synthetic-cin-census"];

pub const SITE_JSON: &str = r#"{
  "title": "fuzz",
  "areas": [{ "code": "E06000047", "name": "County Durham", "level": "Local authority", "comparators": ["E92000001", "E12000001"] }],
  "files": [{ "id": "cla-rate", "path": "cla-rate.csv", "meta": "cla-rate.meta.csv", "title": "CLA rate" }],
  "sources": [{ "id": "durham-cpp-2022-12", "title": "Durham" }, { "id": "derby-scb-ar-2017-18", "title": "Derby" }, { "id": "synthetic-cin-census", "title": "Synthetic" }]
}"#;

/// [`SITE_JSON`], parsed once.
pub fn site() -> &'static SiteConfig {
    static SITE: std::sync::OnceLock<SiteConfig> = std::sync::OnceLock::new();
    SITE.get_or_init(|| SiteConfig::parse("data/site.json", SITE_JSON).expect("fixed site.json is valid"))
}

/// What must hold for any input: a value exactly when there is no error, a bounded list of
/// positioned problems that all display, and a table whose columns line up.
/// `files` are the names problems may be in; `input` names the file the fuzzed bytes are
/// (a meta-file problem found while reading a data file points into the meta file).
pub fn check_parsed<T>(parsed: &Parsed<T>, files: &[&str], input: &str, input_len: usize) {
    let has_error = parsed.problems.iter().any(|p| p.severity == Severity::Error);
    assert_eq!(parsed.value.is_some(), !has_error, "a value exactly when there is no error: {:#?}", parsed.problems);
    assert!(parsed.problems.len() <= 2 * MAX_PROBLEMS, "{} problems", parsed.problems.len());
    for p in &parsed.problems {
        assert!(files.contains(&p.position.file.as_str()), "problem in unexpected file: {p}");
        if p.position.file == input {
            assert!(p.position.line as usize <= input_len + 1, "line {} past the end of a {input_len}-byte file: {p}", p.position.line);
        }
        let shown = p.to_string();
        assert!(shown.contains("\n  hint: "), "{shown}");
    }
}

pub fn check_table(t: &Table) {
    let n = t.rows();
    assert!(n > 0, "a table has rows");
    for len in [t.geography.len(), t.source.len(), t.source_location.len(), t.snapshot.len(), t.conflict.len(), t.note.len(), t.line.len()] {
        assert_eq!(len, n);
    }
    assert_eq!(t.values.len(), t.indicators.len());
    assert_eq!(t.filter_values.len(), t.filters.len());
    assert!(t.values.iter().all(|v| v.len() == n));
    for (f, col) in t.filter_values.iter().enumerate() {
        assert_eq!(col.len(), n, "filter {f}");
        for &id in col {
            let _ = t.text(id);
        }
    }
    for r in 0..n {
        let _ = t.geography_of(r);
        let _ = (t.text(t.source[r]), t.text(t.source_location[r]), t.text(t.conflict[r]), t.text(t.note[r]));
        let _ = (t.period[r].label(), t.period[r].code(), t.period[r].sort_key());
        assert!(r == 0 || t.line[r] > t.line[r - 1], "lines increase");
    }
    for c in &t.conflicts {
        assert!(c.rows[0] < n && c.rows[1] < n);
    }
}

/// The rest of the pipeline on a valid table: model, data table and SVG for the first
/// place, each indicator (a valid fuzzed table is rare, so this costs little).
pub fn exercise_chart(t: &Table, site: &SiteConfig) {
    let Some(code) = t.geographies.first().map(|g| g.code.clone()) else { return };
    for indicator in t.indicators.iter().take(2) {
        if let Some(model) = chart::line_model(t, site, &chart::Selection::for_area(site, indicator, &code)) {
            let _ = chart::table_rows(&model);
            let _ = chart::line::render(&model, 320);
        }
    }
}
