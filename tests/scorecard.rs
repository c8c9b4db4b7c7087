//! The scorecards built from the data files: Durham's reproduces the pack's measures,
//! groups, periods and benchmarks; every configured measure exists.

use std::path::Path;

use safeguarding_dashboard::core::check::check_dir;
use safeguarding_dashboard::core::scorecard::{build, parse, Scorecard, Standing};

fn cards() -> Vec<Scorecard> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let report = check_dir(&dir);
    let config = report.config.clone().unwrap();
    let file = parse("data/scorecards.json", &std::fs::read_to_string(dir.join("scorecards.json")).unwrap()).expect("valid scorecards.json");
    let tables: Vec<_> = report.tables.iter().map(|(id, t)| (config.file(id).unwrap(), t)).collect();
    file.scorecards.iter().map(|c| build(&config, &tables, c)).collect()
}

#[test]
fn every_configured_measure_is_in_the_data() {
    for card in cards() {
        assert!(card.missing.is_empty(), "{}: {:?}", card.id, card.missing);
        assert!(card.groups.iter().all(|g| !g.rows.is_empty()));
    }
}

#[test]
fn durham_scorecard_has_the_packs_periods_groups_and_figures() {
    let cards = cards();
    let d = cards.iter().find(|c| c.id == "durham").unwrap();
    let periods: Vec<String> = d.periods.iter().map(|p| p.label()).collect();
    assert_eq!(periods, ["2018-19", "2019-20", "2020-21", "2021-22", "Q2 2022-23"]);
    assert_eq!(d.groups.len(), 6);
    assert_eq!(d.groups[0].question, "What are the characteristics of our cohort of children in care and care leavers?");
    assert_eq!(d.benchmark_names, ["England", "North East", "Statistical neighbours"]);
    let rate = &d.groups[0].rows[0];
    let cells: Vec<&str> = rate.cells.iter().map(|c| c.as_deref().unwrap_or("")).collect();
    assert_eq!(cells, ["82.9 (833)", "90 (914)", "93 (949)", "96 (982)", "100.7 (1,027)"]);
    assert_eq!(rate.benchmarks[0].1.as_deref(), Some("70 (2021-22)"));
    assert_eq!(rate.benchmarks[1].1.as_deref(), Some("110 (2021-22)"));
    assert_eq!(rate.travel.as_deref(), Some("up"), "no polarity: direction in words without a judgement");
    let (standing, text) = rate.status.clone().unwrap();
    assert_eq!(standing, Standing::Neutral);
    assert_eq!(text, "Above England in 2021-22 (96 vs 70)", "compared in the latest period both publish");
    // A higher-is-better measure gets a judgement: care leavers 19-21 in EET fell from 61% to 60%.
    let eet = d.groups[5].rows.iter().find(|r| r.label.contains("19-21 in education")).unwrap();
    assert_eq!(eet.cells[4].as_deref(), Some("60% (100 / 166)"));
    assert_eq!(eet.travel.as_deref(), Some("worsening"));
    assert_eq!(eet.status.as_ref().unwrap().1, "Better than England in 2021-22 (61% vs 55%)");
}
