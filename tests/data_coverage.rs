//! The published data: every file passes the validator, every indicator is described,
//! every value names its source, and every theme has data.

use std::path::Path;

use safeguarding_dashboard::core::check::{check_dir, coverage, Report};
use safeguarding_dashboard::core::meta::{ColumnType, THEMES};

fn report() -> Report {
    check_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"))
}

#[test]
fn every_listed_file_passes_the_validator_without_warnings() {
    let r = report();
    let text: Vec<String> = r.problems.iter().map(|p| p.to_string()).collect();
    assert!(r.problems.is_empty(), "{}", text.join("\n"));
    assert_eq!(r.tables.len(), r.config.as_ref().unwrap().files.len());
}

#[test]
fn every_csv_in_data_is_listed_in_site_json() {
    let r = report();
    let config = r.config.unwrap();
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("data")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".csv") {
            assert!(config.files.iter().any(|f| f.path == name || f.meta == name), "{name} is not listed in site.json");
        }
    }
}

#[test]
fn every_indicator_has_label_unit_theme_polarity_and_definition() {
    for (_, t) in report().tables {
        for m in t.meta.columns.iter().filter(|m| m.col_type == ColumnType::Indicator) {
            let at = format!("{}:{} ({})", t.meta.file, m.line, m.name);
            assert!(!m.label.is_empty(), "{at}: label");
            assert!(THEMES.contains(&m.theme.as_str()), "{at}: theme \"{}\"", m.theme);
            assert!(m.definition.ends_with('.') && m.definition.len() > 20, "{at}: one-sentence definition");
        }
    }
}

#[test]
fn every_row_with_a_value_names_a_listed_source_and_location() {
    let r = report();
    let config = r.config.unwrap();
    for (_, t) in &r.tables {
        for row in 0..t.rows() {
            if t.values.iter().all(|col| col[row].is_empty()) {
                continue;
            }
            let at = format!("{}:{}", t.file, t.line[row]);
            assert!(config.source(t.text(t.source[row])).is_some(), "{at}: source");
            assert!(!t.text(t.source_location[row]).is_empty(), "{at}: source_location");
        }
    }
}

#[test]
fn every_theme_has_data_and_the_coverage_is_reported() {
    let r = report();
    let cov = coverage(&r.tables);
    let mut lines = Vec::new();
    for theme in THEMES {
        let rows: Vec<_> = cov.iter().filter(|c| c.theme == theme).collect();
        assert!(!rows.is_empty(), "theme {theme} has no data");
        for c in rows {
            lines.push(format!("{:<18} {:<60} {:>3} indicators {:>3} periods {:>4} values", c.theme, c.area, c.indicators, c.periods, c.values));
        }
    }
    println!("{}", lines.join("\n"));
    for (theme, area) in [("looked-after", "County Durham"), ("children-in-need", "Derby"), ("child-protection", "Derby"), ("child-deaths", "Derby and Derbyshire"), ("training", "Derby and Derbyshire")] {
        assert!(cov.iter().any(|c| c.theme == theme && c.area.starts_with(area)), "{theme} has no data for {area}");
    }
}

#[test]
fn suppressed_child_death_factors_stay_symbols() {
    use safeguarding_dashboard::core::cell::{Cell, Symbol};
    let r = report();
    let (_, t) = r.tables.iter().find(|(id, _)| id == "child-deaths-contributory-factors").expect("file");
    let suppressed = t.values.iter().flatten().filter(|c| **c == Cell::Symbol(Symbol::Suppressed)).count();
    assert!(suppressed >= 4, "source's <5 cells are kept as c, found {suppressed}");
}

#[test]
fn recorded_conflicts_include_durhams_2021_22_looked_after_count() {
    let r = report();
    let (_, t) = r.tables.iter().find(|(id, _)| id == "cla-rate").unwrap();
    let c = t.conflicts.iter().find(|c| c.id == "dur-cla-count-202122").expect("982 vs 985 recorded");
    let i = t.indicator_index("cla_count").unwrap();
    let mut values: Vec<f64> = c.rows.iter().map(|&r| t.values[i][r].number().unwrap()).collect();
    values.sort_by(f64::total_cmp);
    assert_eq!(values, [982.0, 985.0]);
}
