//! The checker speaks up about what would silently not show: an unlisted CSV, an indicator
//! with no theme, a geography code that is not a GSS code, and a measure whose mapping no
//! longer matches its file (next year's release renamed a filter value).

use std::path::PathBuf;

use safeguarding_dashboard::core::check::check_dir;
use safeguarding_dashboard::core::error::Severity;

const META: &str = "col_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,filter_grouping_column,theme,polarity,definition,numerator,denominator
population_type,Filter,Population,,,,,,looked-after,,,,
children_count,Indicator,Children,,,0,,,looked-after,neither,Children in the row's population.,,
spare,Indicator,Spare,,,0,,,,neither,A column no page shows.,,
";

const DATA: &str = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,la_name,new_la_code,population_type,children_count,spare
2025,Reporting year,National,E92000001,England,,,,,,Children looked after at 31 March each year,81770,1
2025,Reporting year,Local authority,E92000001,England,E12000001,North East,840,County Durham,E6000047,Children looked after at 31 March each year,1183,1
";

fn folder(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("official/previous")).unwrap();
    std::fs::write(dir.join("official/cla.csv"), DATA).unwrap();
    std::fs::write(dir.join("official/cla.meta.csv"), META).unwrap();
    std::fs::write(dir.join("official/previous/cla_2024.csv"), DATA).unwrap();
    std::fs::write(dir.join("stray.csv"), DATA).unwrap();
    std::fs::write(
        dir.join("site.json"),
        r#"{ "title": "t", "areas": [{ "code": "E92000001", "name": "England", "level": "National" }],
  "files": [{ "id": "dfe-cla", "path": "official/cla.csv", "meta": "official/cla.meta.csv", "title": "CLA", "theme": "looked-after", "source": "dfe" }],
  "sources": [{ "id": "dfe", "title": "DfE" }],
  "measures": [{ "id": "cla-count", "parts": [{ "file": "dfe-cla", "indicator": ["children_count"],
     "filters": [["population_type", ["Children looked after on 31 March each year"]]] }] }] }"#,
    )
    .unwrap();
    dir
}

#[test]
fn the_checker_warns_about_what_no_page_would_show() {
    let report = check_dir(&folder("checker-warnings"));
    let text: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    let all = text.join("\n");
    assert_eq!(report.errors(), 0, "{all}");
    assert!(report.problems.iter().all(|p| p.severity == Severity::Warning));
    assert!(all.contains("data/stray.csv: warning: data/stray.csv is in the data folder but no entry in site.json lists it"), "{all}");
    assert!(!all.contains("previous/"), "earlier releases kept to compare with are not flagged: {all}");
    assert!(all.contains("data/official/cla.meta.csv:4:1: warning: indicator \"spare\" has no theme"), "{all}");
    assert!(all.contains("\"E6000047\" is not a GSS code for a Local authority row"), "{all}");
    assert!(all.contains("measure \"cla-count\" does not match data/official/cla.csv: no population_type value \"Children looked after on 31 March each year\" (the file has: Children looked after at 31 March each year)"), "{all}");
    assert_eq!(report.warnings(), 4, "{all}");
}
