//! Native tests of the chart pipeline on the real data: file → table → model → SVG and table.

use std::path::Path;

use safeguarding_dashboard::core::chart::{line, line_model, table_rows, Selection};
use safeguarding_dashboard::core::check::check_dir;

fn durham_model() -> (safeguarding_dashboard::core::chart::LineModel, safeguarding_dashboard::core::config::SiteConfig) {
    let report = check_dir(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data")));
    assert_eq!(report.errors(), 0, "{:#?}", report.problems);
    let config = report.config.clone().unwrap();
    let (_, table) = report.tables.iter().find(|(id, _)| id == "cla-rate").expect("cla-rate loads");
    (line_model(table, &config, &Selection::for_area(&config, "cla_rate", "E06000047")).expect("Durham has values"), config)
}

#[test]
fn durham_cla_rate_table_has_the_scorecard_values_with_counts() {
    let (model, _) = durham_model();
    let rows = table_rows(&model);
    let periods: Vec<&str> = rows.iter().map(|r| r.period.as_str()).collect();
    assert_eq!(periods, ["2018-19", "2019-20", "2020-21", "2021-22", "Q2 2022-23"]);
    let durham: Vec<&str> = rows.iter().map(|r| r.cells[0].as_deref().unwrap()).collect();
    assert_eq!(durham, ["82.9 (833)", "90 (914)", "93 (949)", "96 (982)", "100.7 (1,027)"]);
    let names: Vec<&str> = model.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["County Durham", "England", "North East"]);
    assert_eq!(rows[3].cells[1].as_deref(), Some("70"));
    assert_eq!(rows[3].cells[2].as_deref(), Some("110"));
    assert_eq!(rows[0].cells[1], None, "England is only published for 2021-22");
    assert_eq!(rows[4].counted_at.as_deref(), Some("30 September 2022"));
}

#[test]
fn description_states_trend_and_latest_comparison_within_220_characters() {
    let (model, _) = durham_model();
    assert!(model.description.chars().count() <= 220, "{}", model.description);
    assert!(model.description.contains("rose from 82.9 in 2018-19 to 100.7 in Q2 2022-23"), "{}", model.description);
    assert!(model.description.contains("above England (70)"), "{}", model.description);
    assert!(model.description.contains("below North East (110)"), "{}", model.description);
    assert!(!model.description.contains(&model.title));
}

#[test]
fn svg_has_title_subtitle_axes_legend_source_and_one_marker_per_value() {
    let (model, config) = durham_model();
    let r = line::render(&model, 760);
    let svg = &r.svg;
    assert!(svg.starts_with("<svg"));
    assert!(svg.contains("viewBox=\"0 0 760"));
    assert!(svg.contains("<title>Children looked after per 10,000 children under 18: County Durham</title>"), "{svg}");
    for text in ["County Durham", "England", "North East", "2018-19", "Q2 2022-23", "Rate per 10,000 children", "Source: "] {
        assert!(svg.contains(text), "missing {text}");
    }
    assert!(svg.contains(&config.source("durham-cpp-2022-12").unwrap().title));
    // 5 Durham values + England + North East.
    assert_eq!(r.points.len(), 7);
    // Higher values are drawn higher (smaller y): North East 110 above England 70 in 2021-22.
    let y = |series: usize, period: usize| r.points.iter().find(|p| p.0 == series && p.1 == period).unwrap().3;
    assert!(y(2, 3) < y(0, 3) && y(0, 3) < y(1, 3));
    assert!(y(0, 4) < y(0, 0), "Durham rose");
}

#[test]
fn narrow_charts_stay_inside_their_width() {
    let (model, _) = durham_model();
    let r = line::render(&model, 320);
    assert_eq!(r.width, 320);
    assert!(r.points.iter().all(|p| p.2 > 0 && p.2 < 320));
}
