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

/// A person waiting on `check` over a big folder is told how far it has read: every listed
/// file once when done, bytes never going back, ending at the folder's total; the command
/// prints it on stderr, leaving stdout to the report.
#[test]
fn check_says_how_far_it_has_read() {
    let dir = folder("checker-progress");
    // A second listed file, bigger, so the reading goes past the first.
    let big: String = std::iter::once(DATA.lines().next().unwrap().to_string())
        .chain((0..20_000).map(|i| format!("2025,Reporting year,National,E92000001,England,,,,,,Population {i},{i},1")))
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(dir.join("official/big.csv"), &big).unwrap();
    let site = std::fs::read_to_string(dir.join("site.json")).unwrap().replace(
        r#""source": "dfe" }],"#,
        r#""source": "dfe" }, { "id": "big", "path": "official/big.csv", "meta": "official/cla.meta.csv", "title": "Big", "theme": "looked-after", "source": "dfe" }],"#,
    );
    std::fs::write(dir.join("site.json"), site).unwrap();
    let mut seen = Vec::new();
    let report = safeguarding_dashboard::core::check::check_dir_with(&dir, &mut |p| seen.push((p.file.to_string(), p.index, p.count, p.read, p.total, p.done)));
    assert_eq!(report.tables.len(), 2);
    let total = (DATA.len() + big.len()) as u64;
    assert!(seen.windows(2).all(|w| w[0].3 <= w[1].3), "bytes read never go back");
    let done: Vec<_> = seen.iter().filter(|s| s.5).map(|s| (s.0.as_str(), s.1, s.2)).collect();
    assert_eq!(done, [("official/cla.csv", 1, 2), ("official/big.csv", 2, 2)]);
    assert_eq!(seen.last().map(|s| (s.3, s.4)), Some((total, total)));
    assert!(seen.iter().filter(|s| !s.5 && s.0 == "official/big.csv").count() >= 1, "progress while the big file is read");

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_safeguarding-dashboard")).arg("check").arg(&dir).output().unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(stderr.contains("check: file 1 of 2") && stderr.contains("check: file 2 of 2"), "{stderr}");
    assert!(stderr.contains(&format!("{:.1} of {:.1} MB read (official/big.csv)", total as f64 / 1e6, total as f64 / 1e6)), "{stderr}");
    assert!(!stdout.contains("check: file"), "progress stays off the report: {stdout}");
}
