//! Every chart of every theme page, for every selectable area, builds, draws and has a
//! table with the same number of values as marks or symbols.

use std::path::Path;

use safeguarding_dashboard::core::catalog::{build, theme_charts, Choice};
use safeguarding_dashboard::core::chart::model::Chart;
use safeguarding_dashboard::core::check::check_dir;

const THEMES: [&[&str]; 7] = [&["children-in-need"], &["child-protection"], &["looked-after", "care-leavers"], &["training"], &["child-deaths"], &["context"], &["partnership-activity"]];

#[test]
fn every_theme_chart_builds_and_draws_for_every_area() {
    let report = check_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"));
    let config = report.config.clone().unwrap();
    let files: Vec<_> = report.tables.iter().map(|(id, t)| (config.file(id).unwrap(), t)).collect();
    let mut total = 0;
    for themes in THEMES {
        let specs = theme_charts(&files, themes);
        assert!(!specs.is_empty(), "{themes:?} has charts");
        let mut ids: Vec<&str> = specs.iter().map(|s| s.id.as_str()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), specs.len(), "chart ids are unique");
        for area in &config.areas {
            let choice = Choice { area: area.code.clone(), comparators: area.comparators.clone(), years: None, ..Default::default() };
            let mut shown = 0;
            for spec in &specs {

                let Some(chart) = build(&config, &files, spec, &choice) else { continue };
                shown += 1;
                let drawn = chart.draw(720, true);
                assert!(drawn.svg.starts_with("<svg"), "{}", spec.id);
                assert!(chart.description().chars().count() <= 220, "{}: {}", spec.id, chart.description());
                let numbers = chart.points().iter().filter(|(_, _, p, _)| p.value.number().is_some()).count();
                let drawn_in = |m: &safeguarding_dashboard::core::chart::LineModel| {
                    m.series.iter().map(|s| s.points.iter().filter(|slot| slot.first().is_some_and(|p| p.value.number().is_some())).count()).sum::<usize>()
                };
                let first_of_slot = match &chart {
                    Chart::Line(m) => drawn_in(m),
                    Chart::Multiples(m) => m.panels.iter().map(|(_, p)| drawn_in(p)).sum(),
                    Chart::Bars(_) => numbers,
                };
                assert_eq!(drawn.marks.len(), first_of_slot, "{}: a focusable mark per drawn value", spec.id);
                let table_view = chart.table();
                assert!(!table_view.rows.is_empty(), "{}", spec.id);
                if let Chart::Multiples(m) = &chart {
                    // The panels span their periods: the title names no single one of them.
                    let latest = m.panels[0].1.periods.last().unwrap().label();
                    assert!(!m.title.ends_with(&format!(", {latest}")), "{}: {}", spec.id, m.title);
                    // A note the panels share is said once, naming who it applies to.
                    let mut bodies: Vec<&str> = m.notes.iter().map(|n| n.split_once(": ").map_or(n.as_str(), |(_, b)| b)).collect();
                    bodies.sort();
                    let said = bodies.len();
                    bodies.dedup();
                    assert_eq!(bodies.len(), said, "{}: a note repeated per panel: {:?}", spec.id, m.notes);
                }
            }
            println!("{:?} {}: {} of {} charts", themes, area.name, shown, specs.len());
            total += shown;
        }
    }
    assert!(total > 100, "{total} charts in all");
}

/// Every chart of a theme page is on exactly one indicator page, and indicators are told
/// apart in the overview by slug (their address) and by label (what a reader sees).
#[test]
fn indicators_partition_each_theme_and_read_apart() {
    use safeguarding_dashboard::core::catalog::theme_charts_joined;
    use safeguarding_dashboard::core::indicator::{find, indicators};
    let report = check_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"));
    let config = report.config.clone().unwrap();
    let files: Vec<_> = report.tables.iter().map(|(id, t)| (config.file(id).unwrap(), t)).collect();
    for themes in THEMES {
        let specs = theme_charts_joined(Some(&config), &files, themes);
        let list = indicators(&specs);
        let charts: usize = list.iter().map(|i| i.charts.len()).sum();
        assert_eq!(charts, specs.len(), "{themes:?}: each chart on one indicator page");
        for s in &specs {
            assert_eq!(list.iter().filter(|i| i.charts.iter().any(|c| c.id == s.id)).count(), 1, "{}", s.id);
            assert!(find(&list, &s.id).is_some(), "an old link to {} finds its indicator", s.id);
        }
        let mut slugs: Vec<&str> = list.iter().map(|i| i.slug.as_str()).collect();
        slugs.sort();
        slugs.dedup();
        assert_eq!(slugs.len(), list.len(), "{themes:?}: slugs unique");
        let mut labels: Vec<&str> = list.iter().map(|i| i.label.as_str()).collect();
        labels.sort();
        let before = labels.len();
        labels.dedup();
        assert_eq!(labels.len(), before, "{themes:?}: labels unique: {:?}", list.iter().map(|i| &i.label).collect::<Vec<_>>());
        println!("{themes:?}: {} indicators, {} charts", list.len(), specs.len());
    }
}
