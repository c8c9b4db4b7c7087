//! The scorecards built from the data files: Durham's reproduces the pack's measures,
//! groups, periods and benchmarks and gains DfE's 2022-23 to 2024-25 for the rows DfE
//! measures the same way; every configured measure exists.

use std::collections::HashMap;
use std::path::Path;

use safeguarding_dashboard::core::check::{check_dir, Report};
use safeguarding_dashboard::core::ranks::RankRow;
use safeguarding_dashboard::core::scorecard::{build, build_with, parse, Extras, Row, Scorecard, ScorecardFile, Standing, NEIGHBOUR_MEDIAN};
use safeguarding_dashboard::core::{slice, stats};

fn data() -> Report {
    check_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"))
}

fn config_file() -> ScorecardFile {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scorecards.json")).unwrap();
    parse("data/scorecards.json", &text).expect("valid scorecards.json")
}

fn raw(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/official").join(name)).unwrap()
}

/// The rows of a DfE file, read directly (not through the site's parser), by column name.
fn dfe_rows(name: &str) -> Vec<HashMap<String, String>> {
    let text = raw(name);
    let mut lines = text.lines();
    let header = stats::split_fields(lines.next().unwrap().trim_start_matches('\u{feff}')).unwrap();
    lines.map(|l| header.iter().cloned().zip(stats::split_fields(l).unwrap()).collect()).collect()
}

/// DfE's children looked after on 31 March in `year` for `code` (or "National"/"Regional"
/// rows by their code): (rate, count).
fn dfe_cla(year: &str, code: &str) -> (String, String) {
    let r = dfe_rows("cla_number_and_rate_per_10k_children.csv")
        .into_iter()
        .find(|r| {
            r["time_period"] == year
                && r["population_type"] == "Children looked after on 31 March each year"
                && match r["geographic_level"].as_str() {
                    "National" => r["country_code"] == code,
                    "Regional" => r["region_code"] == code,
                    _ => r["new_la_code"] == code,
                }
        })
        .unwrap_or_else(|| panic!("DfE publishes {code} for {year}"));
    (r["rate_per_10000"].clone(), r["children_count"].clone())
}

fn thousands(n: &str) -> String {
    let mut out = String::new();
    for (i, ch) in n.chars().enumerate() {
        if i > 0 && (n.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Durham's ten DfE statistical neighbours (new codes), from DfE's model.
fn durham_neighbours() -> Vec<String> {
    let model = stats::parse_neighbours("sn", raw("sn_model_2025_wide.csv").as_bytes()).unwrap();
    let texts = [raw("cla_number_and_rate_per_10k_children.csv")];
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let places = slice::places(&refs, &slice::neighbour_lists(&model));
    places.iter().find(|p| p.code == "E06000047").unwrap().neighbours.iter().map(|(c, _)| c.clone()).collect()
}

fn cards_with(report: &Report, neighbours: &[String], ranks: &[RankRow]) -> Vec<Scorecard> {
    let config = report.config.clone().unwrap();
    let tables: Vec<_> = report.tables.iter().map(|(id, t)| (config.file(id).unwrap(), t)).collect();
    config_file()
        .scorecards
        .iter()
        .map(|c| if c.area == "E06000047" { build_with(&config, &tables, c, Extras { neighbours, ranks }) } else { build(&config, &tables, c) })
        .collect()
}

fn durham_with(ranks: &[RankRow]) -> Scorecard {
    cards_with(&data(), &durham_neighbours(), ranks).into_iter().find(|c| c.id == "durham").unwrap()
}

fn durham() -> Scorecard {
    durham_with(&[])
}

fn rows(d: &Scorecard) -> Vec<&Row> {
    d.groups.iter().flat_map(|g| &g.rows).collect()
}

fn find<'a>(d: &'a Scorecard, label: &str) -> &'a Row {
    rows(d).into_iter().find(|r| r.label.contains(label)).unwrap_or_else(|| panic!("row {label}"))
}

fn column(d: &Scorecard, label: &str) -> usize {
    d.periods.iter().position(|p| p.label() == label).unwrap_or_else(|| panic!("column {label}"))
}

#[test]
fn every_configured_measure_and_official_mapping_is_in_the_data() {
    for card in cards_with(&data(), &durham_neighbours(), &[]) {
        assert!(card.missing.is_empty(), "{}: {:?}", card.id, card.missing);
        assert!(card.groups.iter().all(|g| !g.rows.is_empty()));
    }
}

#[test]
fn durham_scorecard_keeps_the_packs_periods_groups_and_figures() {
    let d = durham();
    let periods: Vec<String> = d.periods.iter().map(|p| p.label()).collect();
    assert_eq!(periods, ["2018-19", "2019-20", "2020-21", "2021-22", "Q2 2022-23", "2022-23", "2023-24", "2024-25"]);
    assert_eq!(d.official_columns, [false, false, false, false, false, true, true, true]);
    assert_eq!(d.groups.len(), 6);
    assert_eq!(d.groups[0].question, "What are the characteristics of our cohort of children in care and care leavers?");
    assert_eq!(d.benchmark_names, ["England", "North East", NEIGHBOUR_MEDIAN, "Statistical neighbours (report's figure)"]);
    let rate = &d.groups[0].rows[0];
    let cells: Vec<&str> = rate.cells[..5].iter().map(|c| c.as_deref().unwrap_or("")).collect();
    assert_eq!(cells, ["82.9 (833)", "90 (914)", "93 (949)", "96 (982)", "100.7 (1,027)"], "the pack's figures first, as published");
    assert_eq!(rate.travel.as_deref().map(|t| t == "up" || t == "down" || t == "no change"), Some(true), "no polarity: direction in words without a judgement");
    // A row without a DfE equivalent keeps the pack's benchmarks and status.
    let distance = find(&d, "over 20 miles");
    assert_eq!(distance.benchmarks[0].1.as_deref(), Some("16% (2021-22)"));
    assert_eq!(distance.status.as_ref().unwrap().1, "Better than England in 2021-22 (10% vs 16%)");
    // The pack's own statistical-neighbour figure stays, separately sourced.
    let eet = find(&d, "19-21 in education");
    assert_eq!(eet.cells[4].as_deref(), Some("60% (100 / 166)"));
    assert_eq!(eet.benchmarks[3].1.as_deref(), Some("54% (2020-21)"));
    assert!(eet.source.contains("Statistical neighbours (report's figure): Durham County Council") || eet.source.contains("and Statistical neighbours (report's figure): Durham County Council"), "{}", eet.source);
    assert!(eet.source.contains("'Children in our Care' presentation"), "{}", eet.source);
}

#[test]
fn durhams_looked_after_rate_for_2024_25_is_dfes_published_figure() {
    let d = durham();
    let rate = find(&d, "Rate of children looked after");
    assert!(rate.official);
    let (value, count) = dfe_cla("2025", "E06000047");
    let expected = format!("{value} ({})", thousands(&count));
    let i = column(&d, "2024-25");
    assert_eq!(rate.cells[i].as_deref(), Some(expected.as_str()));
    assert_eq!(rate.latest, Some((expected, "2024-25".to_string())), "the latest is the newest full year");
    for (label, year) in [("2022-23", "2023"), ("2023-24", "2024")] {
        let (v, c) = dfe_cla(year, "E06000047");
        assert_eq!(rate.cells[column(&d, label)].as_deref(), Some(format!("{v} ({})", thousands(&c)).as_str()), "{label}");
    }
}

#[test]
fn most_mapped_rows_have_a_2024_25_figure() {
    let d = durham();
    let i = column(&d, "2024-25");
    let mapped: Vec<&Row> = rows(&d).into_iter().filter(|r| r.official).collect();
    assert_eq!(mapped.len(), 16, "{:?}", mapped.iter().map(|r| &r.label).collect::<Vec<_>>());
    let with_number: Vec<&&Row> = mapped.iter().filter(|r| r.spark.iter().any(|p| p.column == i)).collect();
    assert!(with_number.len() >= 12, "{} mapped rows have a 2024-25 number", with_number.len());
    assert!(mapped.iter().all(|r| r.cells[i].is_some() || r.label.contains("adopted")), "only DfE's ceased file (to 2023-24) has no 2024-25");
}

#[test]
fn every_row_without_an_official_equivalent_says_why() {
    let d = durham();
    let configured: Vec<_> = config_file().scorecards.into_iter().find(|c| c.id == "durham").unwrap().groups.into_iter().flat_map(|g| g.measures).collect();
    let rows = rows(&d);
    assert_eq!(rows.len(), configured.len());
    let mut unmapped = 0;
    for (r, m) in rows.iter().zip(&configured) {
        assert!(m.official.is_some() != m.no_official.is_some(), "{}: exactly one of official and no_official", r.label);
        assert_eq!(r.official, m.official.is_some(), "{}", r.label);
        if !r.official {
            unmapped += 1;
            let why = r.no_official.as_deref().unwrap_or("");
            assert!(why.len() > 20, "{}: a reason in words ({why:?})", r.label);
            for (i, official) in d.official_columns.iter().enumerate() {
                if *official {
                    assert!(r.cells[i].is_none(), "{}: nothing invented in {}", r.label, d.periods[i].label());
                }
            }
        }
    }
    assert_eq!(unmapped, 17);
    assert!(find(&d, "Mainstream foster carers").no_official.as_deref().unwrap().contains("year-to-date"));
    assert!(find(&d, "(A10)").no_official.as_deref().unwrap().contains("England only"));
}

#[test]
fn the_in_year_q2_column_is_not_the_full_year_2022_23() {
    let d = durham();
    let (q2, fy) = (column(&d, "Q2 2022-23"), column(&d, "2022-23"));
    assert_ne!(q2, fy);
    assert_ne!(d.periods[q2], d.periods[fy]);
    assert!(!d.official_columns[q2] && d.official_columns[fy]);
    let rate = find(&d, "Rate of children looked after");
    let (v, c) = dfe_cla("2023", "E06000047");
    assert_eq!(rate.cells[q2].as_deref(), Some("100.7 (1,027)"), "the pack's figure at 30 September 2022");
    assert_eq!(rate.cells[fy].as_deref(), Some(format!("{v} ({})", thousands(&c)).as_str()), "DfE's at 31 March 2023");
    assert_eq!(rate.also[q2], None, "DfE's full year is not set beside the pack's half year");
    // Direction compares like with like: two full years, never a half year with a year.
    assert_eq!(rate.travel_periods.as_deref(), Some("2023-24 to 2024-25"));
    let carers = find(&d, "Mainstream foster carers");
    assert_eq!(carers.travel_periods.as_deref(), Some("2020-21 to 2021-22"), "year to date at Q2 is not compared with a full year");
}

#[test]
fn where_the_pack_and_dfe_differ_for_one_year_both_are_shown() {
    let d = durham();
    let rate = find(&d, "Rate of children looked after");
    let i = column(&d, "2021-22");
    let (v, c) = dfe_cla("2022", "E06000047");
    assert_eq!(rate.cells[i].as_deref(), Some("96 (982)"), "the pack's figure first");
    assert_eq!(rate.also[i].as_deref(), Some(format!("DfE: {v} ({})", thousands(&c)).as_str()));
    assert!(rate.source.contains("DfE's figures beside 2020-21 and 2021-22"), "{}", rate.source);
    // Figures equal at the precision both publish are shown once: 90.9% and 91%.
    let imm = find(&d, "immunisations");
    assert_eq!(imm.cells[i].as_deref(), Some("90.9%"));
    assert_eq!(imm.also[i], None);
}

#[test]
fn mapped_rows_are_benchmarked_on_dfes_figures_with_the_neighbours_median() {
    let d = durham();
    let rate = find(&d, "Rate of children looked after");
    let (england, _) = dfe_cla("2025", "E92000001");
    let (north_east, _) = dfe_cla("2025", "E12000001");
    assert_eq!(rate.benchmarks[0], ("England".to_string(), Some(format!("{england} (2024-25)"))));
    assert_eq!(rate.benchmarks[1], ("North East".to_string(), Some(format!("{north_east} (2024-25)"))));
    let mut rates: Vec<f64> = durham_neighbours().iter().filter_map(|n| dfe_cla("2025", n).0.parse().ok()).collect();
    assert_eq!(rates.len(), 10);
    rates.sort_by(f64::total_cmp);
    let median = (rates[4] + rates[5]) / 2.0;
    let (name, text) = &rate.benchmarks[2];
    assert_eq!(name, NEIGHBOUR_MEDIAN);
    let text = text.as_deref().unwrap();
    assert!(text.ends_with("(2024-25; 10 of 10)"), "{text}");
    assert_eq!(text.split(' ').next().unwrap().parse::<f64>().unwrap(), median, "{text}");
    let (standing, words) = rate.status.clone().unwrap();
    assert_eq!(standing, Standing::Neutral);
    assert_eq!(words, format!("Above England ({england})"), "against England in the newest full year");
    // A judged measure: care leavers aged 19-21 in education, employment or training.
    let eet = find(&d, "19-21 in education");
    let i = column(&d, "2024-25");
    assert!(eet.cells[i].is_some() && eet.travel_periods.as_deref() == Some("2023-24 to 2024-25"));
    assert!(matches!(eet.travel.as_deref(), Some("improving" | "worsening" | "no change")));
    assert!(eet.status.as_ref().unwrap().1.ends_with("%)") && eet.status.as_ref().unwrap().1.contains("England"));
}

#[test]
fn each_row_says_which_columns_came_from_which_document() {
    let d = durham();
    let rate = find(&d, "Rate of children looked after");
    assert!(rate.source.starts_with("2018-19 to Q2 2022-23: Durham County Council Corporate Parenting Panel papers, 16 December 2022"), "{}", rate.source);
    assert!(rate.source.contains("2022-23 to 2024-25, DfE's figures beside"), "{}", rate.source);
    assert!(rate.source.contains("England and North East: Department for Education, Children looked after in England including adoption: 2025, cla_number_and_rate_per_10k_children.csv"), "{}", rate.source);
    assert!(rate.source.contains(NEIGHBOUR_MEDIAN), "{}", rate.source);
    assert!(d.sources[0].starts_with("Durham County Council"));
    assert!(d.sources.iter().any(|s| s.contains("Children looked after in England including adoption")));
    assert!(d.sources.iter().any(|s| s.contains("statistical neighbour model")));
    let unmapped = find(&d, "independent visitor");
    assert!(unmapped.source.starts_with("2020-21 to Q2 2022-23: Durham County Council"), "{}", unmapped.source);
    assert!(!unmapped.source.contains("Department for Education"));
}

#[test]
fn a_rank_for_the_official_figure_is_shown_on_its_row() {
    let rank = RankRow {
        file: "dfe-cla-stability".into(),
        indicator: "children_percent".into(),
        filters: "cla_group=CLA on 31 March;placement_stability=With 3 or more placements during the year".into(),
        period: "2024-25".into(),
        rank: 40,
        n: 150,
        unranked: 3,
        band: "B".into(),
        bands: "A: 4% to 8%; B: 9%".into(),
    };
    let d = durham_with(&[rank]);
    let text = find(&d, "3 or more placements").rank.clone().expect("the rank is shown");
    assert!(text.starts_with("Rank 40 of 150") && text.contains("lower is better") && text.contains("band B"), "{text}");
    assert_eq!(find(&d, "in the same placement for at least 2 years").rank, None, "another filter of the same file");
    assert_eq!(find(&d, "Rate of children looked after").rank, None, "no polarity, no rank");
}

#[test]
fn derby_and_derbyshire_scorecard_reaches_dfes_2024_25_where_a_measure_matches() {
    let card = cards_with(&data(), &[], &[]).into_iter().find(|c| c.id == "derby-derbyshire").unwrap();
    let labels: Vec<String> = card.periods.iter().map(|p| p.label()).collect();
    assert_eq!(labels.last().map(String::as_str), Some("2024-25"), "{labels:?}");
    let i = column(&card, "2024-25");
    for (label, code) in [("looked after per 10,000 children: Derby", "E06000015"), ("looked after per 10,000 children: Derbyshire", "E10000007")] {
        let row = find(&card, label);
        assert!(row.official, "{label}");
        let (value, count) = dfe_cla("2025", code);
        assert_eq!(row.cells[i].as_deref(), Some(format!("{value} ({})", thousands(&count)).as_str()), "{label}");
    }
    let unmapped: Vec<&Row> = rows(&card).into_iter().filter(|r| !r.official).collect();
    assert!(!unmapped.is_empty() && unmapped.iter().all(|r| r.no_official.as_ref().is_some_and(|w| w.len() > 20)), "each says why");
}

fn card(id: &str) -> Scorecard {
    cards_with(&data(), &durham_neighbours(), &[]).into_iter().find(|c| c.id == id).unwrap()
}

#[test]
fn a_latest_figure_that_is_not_a_number_gets_no_direction_and_no_verdict() {
    let d = durham();
    for label in ["Development assessments up to date", "New presentations to drug and alcohol", "17-18 in higher education"] {
        let r = find(&d, label);
        assert!(r.latest.as_ref().is_some_and(|(v, _)| v.starts_with("not available") || v.starts_with("suppressed")), "{label}: {:?}", r.latest);
        assert_eq!(r.direction, None, "{label}");
        assert!(r.travel.as_deref().is_some_and(|t| t.starts_with("no comparison: the latest figure")), "{label}: {:?}", r.travel);
        assert_eq!(r.status.as_ref().map(|s| s.0), Some(Standing::NotCompared), "{label}");
    }
}

#[test]
fn a_share_is_compared_on_its_counts_and_counts_at_dates_compare_with_the_previous_count() {
    // UASC: 16 / 982 at 31 March 2022 and 24 / 1,028 at 30 September 2022 both round to 2%.
    let d = durham();
    let r = find(&d, "unaccompanied asylum-seeking");
    assert_eq!(r.travel_periods.as_deref(), Some("2021-22 to Q2 2022-23"));
    assert_eq!(r.direction, Some(safeguarding_dashboard::core::headline::Direction::Up));
    assert!(r.travel.as_deref().unwrap().contains("1.6% to 2.3% from the counts, our calculation"), "{:?}", r.travel);
}

#[test]
fn a_latest_figure_no_column_shows_is_sourced_and_direction_uses_the_newest_comparable_pair() {
    // Placed for adoption: 38 (2021-22), 45 (Q2 2022-23), then 44 said at the panel in
    // November 2022, a month's verbal update with no earlier month to compare with.
    let d = durham();
    let r = find(&d, "placed for adoption");
    assert_eq!(r.latest.as_ref().map(|(v, p)| (v.as_str(), p.as_str())), Some(("44", "November 2022")));
    assert_eq!(r.travel_periods.as_deref(), Some("2021-22 to Q2 2022-23"), "not two older full years");
    assert_eq!(r.direction, Some(safeguarding_dashboard::core::headline::Direction::Up));
    assert!(r.source.starts_with("2018-19 to Q2 2022-23 and the latest figure (November 2022): Durham County Council Corporate Parenting Panel papers, 16 December 2022,") && r.source.contains("; Minutes of the Corporate Parenting Panel of 25 November 2022, item 5"), "{}", r.source);
    assert!(r.notes.iter().any(|n| n.starts_with("Latest (November 2022): verbal update")), "{:?}", r.notes);
}

#[test]
fn a_move_of_a_few_children_is_little_change_not_a_trend() {
    // Convictions: 20 then 18 children (3% of each cohort).
    let d = durham();
    let r = find(&d, "convicted or given a youth caution");
    assert_eq!(r.direction, Some(safeguarding_dashboard::core::headline::Direction::Same));
    assert_eq!(r.travel.as_deref(), Some("little change (small numbers: 20 to 18)"));
}

#[test]
fn a_percentage_contradicting_its_own_counts_is_flagged_where_it_is_shown() {
    let d = durham();
    let r = find(&d, "17-18 in education, employment or training");
    let q2 = column(&d, "Q2 2022-23");
    assert_eq!(r.cells[q2].as_deref(), Some("66% (27 / 79) ⚠ 27 / 79 is 34%"));
    // A consistent one is not flagged.
    assert_eq!(r.cells[q2 - 1].as_deref(), Some("66% (55 / 83)"));
}

#[test]
fn year_to_date_figures_are_never_compared_with_full_years() {
    let d = durham();
    for label in ["Mainstream foster carers approved", "Adopters approved"] {
        let r = find(&d, label);
        assert_eq!(r.latest.as_ref().map(|l| l.1.as_str()), Some("Q2 2022-23"), "{label}");
        let periods = r.travel_periods.as_deref().unwrap_or("");
        assert!(!periods.contains("Q2"), "{label}: a half year compared: {periods}");
    }
}

#[test]
fn a_gap_in_the_years_compared_is_said_and_no_status_across_periods() {
    let c = card("derby-derbyshire");
    let derby = find(&c, "Children in need per 10,000 children: Derby");
    let periods = derby.travel_periods.as_deref().unwrap();
    assert!(periods.starts_with("2017-18 to 2021-22 (no figures for"), "{periods}");
    let shire = find(&c, "Children in need per 10,000 children: Derbyshire");
    let (standing, words) = shire.status.clone().unwrap();
    assert_eq!(standing, Standing::NotCompared, "Derbyshire 2021-22 is not compared with England 2017-18");
    assert!(words.contains("England's latest figure is for 2017-18"), "{words}");
}

#[test]
fn every_row_finds_the_chart_that_draws_its_figures() {
    use safeguarding_dashboard::core::catalog::{chart_for, theme_charts_joined};
    use safeguarding_dashboard::core::view::THEME_PAGES;
    let report = data();
    let config = report.config.clone().unwrap();
    let tables: Vec<_> = report.tables.iter().map(|(id, t)| (config.file(id).unwrap(), t)).collect();
    let themes: Vec<&str> = THEME_PAGES.iter().flat_map(|(_, _, t)| t.iter().copied()).collect();
    let specs = theme_charts_joined(Some(&config), &tables, &themes);
    let mut missing = Vec::new();
    for c in cards_with(&report, &durham_neighbours(), &[]) {
        for r in rows(&c) {
            let m = &r.measure;
            match chart_for(&specs, &m.file, &m.indicator, &m.filters) {
                Some(s) => assert!(s.file == m.file || s.joined.iter().any(|(f, _)| *f == m.file), "{}: {}", r.label, s.id),
                None => missing.push(format!("{} ({} {} {:?})", r.label, m.file, m.indicator, m.filters)),
            }
        }
    }
    assert!(missing.is_empty(), "rows with no chart: {missing:#?}");
    // The looked-after rate row opens the joined chart (report and DfE figures as one line).
    let d = durham();
    let rate = find(&d, "Rate of children looked after");
    let spec = chart_for(&specs, &rate.measure.file, &rate.measure.indicator, &rate.measure.filters).unwrap();
    assert!(!spec.joined.is_empty(), "{}", spec.id);
}
