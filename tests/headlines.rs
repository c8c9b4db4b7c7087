//! Home-page headlines on the real data: read at a glance, counted and dated in words, and
//! changes only between comparable figures.

use std::path::Path;

use safeguarding_dashboard::core::catalog::{build, chart_for, theme_charts_joined, Choice};
use safeguarding_dashboard::core::chart::model::Chart;
use safeguarding_dashboard::core::check::{check_dir, Report};
use safeguarding_dashboard::core::headline::{from_model, Headline};
use safeguarding_dashboard::core::period::Date;

fn data() -> Report {
    check_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"))
}

/// The headline the home page reads from `file`/`indicator`'s chart for a configured area.
fn headline_of(report: &Report, area: &str, file: &str, indicator: &str, years: Option<(u16, u16)>) -> Headline {
    let config = report.config.as_ref().unwrap();
    let files: Vec<_> = report.tables.iter().map(|(id, t)| (config.file(id).unwrap(), t)).collect();
    let themes: Vec<&str> = safeguarding_dashboard::core::view::THEME_PAGES.iter().flat_map(|(_, _, t)| t.iter().copied()).collect();
    let specs = theme_charts_joined(Some(config), &files, &themes);
    let spec = chart_for(&specs, file, indicator, &[]).unwrap_or_else(|| panic!("a chart for {file} {indicator}"));
    let a = config.area(area).unwrap().clone();
    let choice = Choice { area: a.code.clone(), area_name: a.name.clone(), comparators: a.comparators.clone(), years, ..Default::default() };
    let Some(Chart::Line(m)) = build(config, &files, spec, &choice) else { panic!("a line chart for {}", spec.id) };
    let table = report.tables.iter().find(|(id, _)| id == &spec.file).unwrap().1.clone();
    let meta = table.indicator_meta(&spec.indicator).unwrap().clone();
    from_model(&m, &meta.label, meta.polarity, &m.series[0].name).expect("a headline")
}

fn published(year: &str, code: &str) -> (String, String) {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/official/cla_number_and_rate_per_10k_children.csv")).unwrap();
    let line = text.lines().find(|l| l.starts_with(&format!("{year},")) && l.contains(&format!(",{code},Children looked after on 31 March each year,"))).unwrap();
    let f: Vec<&str> = line.split(',').collect();
    (f[f.len() - 2].to_string(), f[f.len() - 1].to_string())
}

fn thousands(n: &str) -> String {
    n.parse::<f64>().map(|v| safeguarding_dashboard::core::format::number(v, 0)).unwrap()
}

#[test]
fn the_looked_after_headline_reads_count_rate_and_date_in_words() {
    let report = data();
    let h = headline_of(&report, "E06000047", "cla-rate", "cla_rate", None);
    let (count, rate) = published("2025", "E06000047");
    assert_eq!(h.summary(), format!("{} children looked after ({rate} per 10,000 children under 18), 31 March 2025 (2024-25)", thousands(&count)));
    let (count0, rate0) = published("2024", "E06000047");
    let word = if count.parse::<f64>().unwrap() < count0.parse::<f64>().unwrap() { "down" } else { "up" };
    assert_eq!(h.change.as_deref(), Some(format!("{word} from {} ({rate0} per 10,000) at 31 March 2024", thousands(&count0)).as_str()));
    assert!(h.snapshot);
    assert_eq!(h.age(Date::parse("2026-11-22").unwrap()).as_deref(), Some("1 year 7 months old when the data were checked on 22 November 2026"));
    assert_eq!(h.age(Date::parse("2025-12-01").unwrap()), None, "under a year: no age said");
}

#[test]
fn the_year_to_date_is_dated_as_such_and_never_compared_with_a_full_year() {
    // Foster carers approved: 2021-22 is a full year, Q2 2022-23 the half year to 30 September.
    let report = data();
    let h = headline_of(&report, "E06000047", "cla-carers-approved", "mainstream_fc_approved", None);
    assert_eq!(h.period, "Q2 2022-23");
    assert_eq!(h.date, "the year to 30 September 2022 (Q2 2022-23, year to date)");
    assert_eq!(h.change, None, "no change from a full year: {:?}", h.change);
    assert!(h.no_change.as_deref().is_some_and(|w| w.starts_with("not compared with 2021-22")), "{:?}", h.no_change);
}

#[test]
fn a_gap_in_years_is_said_and_a_rate_without_counts_keeps_its_words() {
    let report = data();
    let h = headline_of(&report, "E06000015", "cin-rates", "cin_rate", Some((2016, 2022)));
    assert!(h.words.starts_with("children in need per 10,000"), "{}", h.words);
    let change = h.change.as_deref().unwrap_or_default();
    assert!(change.contains("(no figures for"), "Derby's rate jumps 2017-18 to 2021-22: {change}");
}
