//! Every chart of every theme page, for every selectable area, builds, draws and has a
//! table with the same number of values as marks or symbols.

use std::path::Path;

use safeguarding_dashboard::core::catalog::{build, theme_charts, Choice};
use safeguarding_dashboard::core::chart::model::Chart;
use safeguarding_dashboard::core::check::check_dir;

const THEMES: [&[&str]; 6] = [&["children-in-need"], &["child-protection"], &["looked-after", "care-leavers"], &["training"], &["child-deaths"], &["context"]];

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
            }
            println!("{:?} {}: {} of {} charts", themes, area.name, shown, specs.len());
            total += shown;
        }
    }
    assert!(total > 100, "{total} charts in all");
}
