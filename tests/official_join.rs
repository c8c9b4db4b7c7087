//! Official statistics beside the partnerships' reports, on the real data: one series per
//! measure joined by date, any authority with England, region and its neighbours' median,
//! and ranks among all authorities.

use std::path::Path;

use safeguarding_dashboard::core::catalog::{build, theme_charts_joined, Choice};
use safeguarding_dashboard::core::chart::model::Chart;
use safeguarding_dashboard::core::check::{check_dir, Report};
use safeguarding_dashboard::core::{ranks, slice, stats};

fn data() -> Report {
    check_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"))
}

fn raw(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/official").join(name)).unwrap()
}

/// DfE's published (period label, count, rate) of children looked after on 31 March.
fn published(code: &str) -> Vec<(String, String, String)> {
    let text = raw("cla_number_and_rate_per_10k_children.csv");
    let mut out: Vec<(String, String, String)> = text
        .lines()
        .filter(|l| l.contains(&format!(",{code},Children looked after on 31 March each year,")))
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            let y: u16 = f[0].parse().unwrap();
            (format!("{}-{:02}", y - 1, y % 100), f[f.len() - 2].to_string(), f[f.len() - 1].to_string())
        })
        .collect();
    out.sort();
    out
}

fn line(report: &Report, id: &str, choice: &Choice) -> safeguarding_dashboard::core::chart::LineModel {
    let config = report.config.as_ref().unwrap();
    let files: Vec<_> = report.tables.iter().map(|(id, t)| (config.file(id).unwrap(), t)).collect();
    let specs = theme_charts_joined(Some(config), &files, &["looked-after", "care-leavers"]);
    let spec = specs.iter().find(|s| s.id == id).unwrap_or_else(|| panic!("chart {id}"));
    assert!(!spec.joined.is_empty(), "{id} joins the official figures");
    match build(config, &files, spec, choice) {
        Some(Chart::Line(m)) => m,
        other => panic!("{id}: a line chart, got {other:?}"),
    }
}

#[test]
fn durhams_looked_after_count_runs_from_the_reports_through_2024_25_with_every_disagreement() {
    let report = data();
    let area = report.config.as_ref().unwrap().area("E06000047").unwrap().clone();
    let choice = Choice { area: area.code.clone(), area_name: area.name.clone(), comparators: area.comparators.clone(), ..Default::default() };
    let m = line(&report, "cla-rate--cla_count", &choice);
    let labels: Vec<String> = m.periods.iter().map(|p| p.label()).collect();
    for p in ["2018-19", "2021-22", "Q2 2022-23", "October 2022", "2022-23", "2023-24", "2024-25"] {
        assert!(labels.contains(&p.to_string()), "{p} in {labels:?}");
    }
    let mut dedup = labels.clone();
    dedup.dedup();
    assert_eq!(dedup, labels, "one x position per date");
    let i = labels.iter().position(|l| l == "2021-22").unwrap();
    let slot = &m.series[0].points[i];
    let values: Vec<f64> = slot.iter().filter_map(|p| p.value.number()).collect();
    assert_eq!(values[0], 984.0, "DfE's final figure is drawn: {values:?}");
    assert!(values.contains(&982.0) && values.contains(&985.0), "the scorecard's and the annual report's figures are kept: {values:?}");
    assert_eq!(slot[0].source, "dfe-cla-2025");
    let note = m.notes.iter().find(|n| n.contains("2021-22: the sources differ")).expect("a note on the disagreement");
    assert!(note.contains("984 (Department for Education") && note.contains("982 (") && note.contains("985 ("), "{note}");
    // Every published Durham figure is in the series.
    for (period, count, _) in published("E06000047") {
        let i = labels.iter().position(|l| *l == period).unwrap();
        assert!(m.series[0].points[i].iter().any(|p| p.value.number() == count.parse().ok()), "{period}: {count}");
    }
    assert!(!m.notes.iter().any(|n| n.contains("2022-23: the sources differ") && n.contains("1,027 (") && n.matches("1,027").count() > 1), "no false alarm on equal figures");
}

#[test]
fn an_authority_no_report_covers_has_its_published_figures_and_its_neighbours_median() {
    let report = data();
    let sn = raw("sn_model_2025_wide.csv");
    let model = stats::parse_neighbours("sn", sn.as_bytes()).unwrap();
    let texts = [raw("cla_number_and_rate_per_10k_children.csv")];
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let places = slice::places(&refs, &slice::neighbour_lists(&model));
    for code in ["E09000003", "E08000025", "E06000014"] {
        let place = places.iter().find(|p| p.code == code).unwrap();
        assert_eq!(place.neighbours.len(), 10, "{code} has ten neighbours");
        let snm = format!("SNM-{code}");
        let choice = Choice {
            area: code.into(),
            area_name: place.name.clone(),
            comparators: vec!["E92000001".into(), place.region_code.clone(), snm.clone()],
            neighbours: place.neighbours.iter().map(|(c, _)| c.clone()).collect(),
            ..Default::default()
        };
        let m = line(&report, "cla-rate--cla_rate", &choice);
        assert_eq!(m.series[0].name, place.name);
        let labels: Vec<String> = m.periods.iter().map(|p| p.label()).collect();
        let expected = published(code);
        assert_eq!(expected.len(), 5);
        for (period, _, rate) in &expected {
            let i = labels.iter().position(|l| l == period).unwrap_or_else(|| panic!("{code} {period} in {labels:?}"));
            assert_eq!(m.series[0].points[i][0].value.number(), rate.parse().ok(), "{code} {period}");
        }
        let codes: Vec<&str> = m.series.iter().map(|s| s.code.as_str()).collect();
        assert_eq!(codes, vec![code, "E92000001", place.region_code.as_str(), snm.as_str()]);
        // The median is the median of the neighbours' published rates.
        let last = labels.iter().position(|l| l == "2024-25").unwrap();
        let mut rates: Vec<f64> = place
            .neighbours
            .iter()
            .filter_map(|(n, _)| published(n).into_iter().find(|(p, _, _)| p == "2024-25").and_then(|(_, _, r)| r.parse().ok()))
            .collect();
        rates.sort_by(f64::total_cmp);
        let median = if rates.len() % 2 == 1 { rates[rates.len() / 2] } else { (rates[rates.len() / 2 - 1] + rates[rates.len() / 2]) / 2.0 };
        assert_eq!(m.series[3].points[last][0].value.number(), Some(median), "{code} neighbours' median");
        assert!(m.series[3].points[last][0].note.contains(&format!("of {} of 10", rates.len())) || m.series[3].points[last][0].note.contains(&format!("{} of 10", rates.len())));
    }
}

#[test]
fn ranks_put_the_best_authority_first_by_polarity_and_count_the_unranked() {
    let report = data();
    let table = &report.tables.iter().find(|(id, _)| id == "dfe-cpp-subsequent").expect("the official file loads").1;
    let by_code = ranks::ranks("dfe-cpp-subsequent", table);
    assert!(by_code.len() >= 140, "most authorities are ranked ({})", by_code.len());
    let rows: Vec<&ranks::RankRow> = by_code.values().flat_map(|v| v.iter()).filter(|r| r.indicator == "CPP_subsequent_percent").collect();
    let n = rows[0].n;
    assert!(rows.iter().all(|r| r.period == "2024-25" && r.n == n && (1..=n).contains(&r.rank)));
    // Lower is better: rank 1 holds the lowest published 2025 percentage.
    let text = raw("d3_cpps_subsequent_plan_2013_to_2025.csv");
    let mut lowest = f64::MAX;
    let mut lowest_code = String::new();
    for l in text.lines().filter(|l| l.starts_with("2025,") && l.contains(",Local authority,")) {
        let f: Vec<&str> = l.split(',').collect();
        if let Ok(v) = f[f.len() - 1].parse::<f64>() {
            if v < lowest {
                lowest = v;
                lowest_code = f[8].to_string();
            }
        }
    }
    let first = by_code.get(&lowest_code).and_then(|v| v.iter().find(|r| r.indicator == "CPP_subsequent_percent")).unwrap();
    assert_eq!(first.rank, 1);
    assert_eq!(first.band, "A");
    assert!(first.bands.starts_with("A: "), "{}", first.bands);
}

#[test]
fn every_official_file_loads_with_inferred_metadata_when_its_meta_file_is_missing() {
    use safeguarding_dashboard::core::{infer, parse};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/official");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if !name.ends_with(".csv") || name.ends_with(".meta.csv") || name.starts_with("sn_model") {
            continue;
        }
        let data = std::fs::read(e.path()).unwrap();
        let (meta, said) = infer::infer_meta(&name, &data);
        assert!(said.iter().any(|s| s.contains("is an indicator")), "{name}: {said:?}");
        let parsed = parse::parse_data(&name, &data, &meta, &parse::Context { sources: None, default_source: Some("dfe") });
        let errors: Vec<String> = parsed.errors().map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
        assert!(parsed.value.unwrap().rows() > 100, "{name}");
        n += 1;
    }
    assert_eq!(n, 18);
}

/// DfE's 2025 second-or-subsequent-plan percentages by new authority code, as written.
fn subsequent_2025() -> Vec<(String, String)> {
    raw("d3_cpps_subsequent_plan_2013_to_2025.csv")
        .lines()
        .filter(|l| l.starts_with("2025,") && l.contains(",Local authority,"))
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[8].to_string(), f[f.len() - 1].to_string())
        })
        .collect()
}

fn category() -> Vec<(String, String)> {
    vec![("category".into(), "Child Protection Plans which are a second or subsequent plan".into())]
}

fn neighbours_of(code: &str) -> Vec<(String, String)> {
    let sn = raw("sn_model_2025_wide.csv");
    let model = stats::parse_neighbours("sn", sn.as_bytes()).unwrap();
    let texts = [raw("cla_number_and_rate_per_10k_children.csv")];
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    slice::places(&refs, &slice::neighbour_lists(&model)).into_iter().find(|p| p.code == code).unwrap().neighbours
}

#[test]
fn latest_year_views_hold_the_published_figures_sorted_best_first_with_suppressed_placed_last() {
    use safeguarding_dashboard::core::compare::{latest, Scope};
    let report = data();
    let config = report.config.as_ref().unwrap();
    let table = &report.tables.iter().find(|(id, _)| id == "dfe-cpp-subsequent").unwrap().1;
    let published = subsequent_2025();
    // Barnet (London), no partnership report covers it.
    let neighbours = neighbours_of("E09000003");
    let c = latest(config, table, "CPP_subsequent_percent", &category(), "E09000003", &Scope::Neighbours(neighbours.clone())).expect("a comparison");
    assert_eq!(c.period, "2024-25");
    assert_eq!(c.placed.len() + c.unplaced.len(), 11, "Barnet and its ten neighbours, each placed or explained");
    let values: Vec<f64> = c.placed.iter().map(|e| e.value.number().unwrap()).collect();
    assert!(values.windows(2).all(|w| w[0] <= w[1]), "lower is better: lowest first {values:?}");
    for e in &c.placed {
        let want = &published.iter().find(|(code, _)| *code == e.code).unwrap().1;
        assert_eq!(e.value.number(), want.parse().ok(), "{} as published", e.name);
        assert_eq!(e.closeness.is_empty(), e.chosen, "neighbours carry DfE's closeness word");
    }
    for e in &c.unplaced {
        let want = &published.iter().find(|(code, _)| *code == e.code).map_or("none".to_string(), |(_, v)| v.clone());
        assert!(want.parse::<f64>().is_err(), "{} is unplaced only without a number ({want})", e.name);
    }
    assert_eq!(c.england.as_ref().map(|e| e.text.as_str()), Some("24.5%"));
    // All authorities: every authority with a number, the same order rule, positions shared on ties.
    let all = latest(config, table, "CPP_subsequent_percent", &category(), "E09000003", &Scope::All).unwrap();
    let numeric = published.iter().filter(|(code, v)| v.parse::<f64>().is_ok() && !code.contains(' ')).count();
    assert_eq!(all.placed.len(), numeric);
    assert_eq!(all.placed[0].position, Some(1));
    let lowest = published.iter().filter_map(|(_, v)| v.parse::<f64>().ok()).fold(f64::MAX, f64::min);
    assert_eq!(all.placed[0].value.number(), Some(lowest));
    let ties: Vec<_> = all.placed.windows(2).filter(|w| w[0].value.number() == w[1].value.number()).collect();
    assert!(!ties.is_empty() && ties.iter().all(|w| w[0].position == w[1].position), "ties share a position");
    let chosen = all.chosen().unwrap();
    let rank = ranks::ranks("dfe-cpp-subsequent", table).remove("E09000003").unwrap().into_iter().find(|r| r.indicator == "CPP_subsequent_percent").unwrap();
    assert_eq!(chosen.position, Some(rank.rank), "the view's position is the rank the page prints");
}

/// Every `<text>` of an SVG, as (x, anchor, estimated width) — the way the chart checker
/// estimates it — must lie inside the drawing.
fn texts_inside(svg: &str, width: f64) -> Result<(), String> {
    use safeguarding_dashboard::core::chart::text::estimate_width;
    for part in svg.split("<text ").skip(1) {
        let attr = |name: &str| part.split(&format!("{name}=\"")).nth(1).and_then(|r| r.split('"').next()).unwrap_or("");
        let x: f64 = attr("x").parse().map_err(|_| format!("no x in {part}"))?;
        let size: f64 = attr("font-size").parse().unwrap_or(12.0);
        let content = part.split('>').nth(1).and_then(|r| r.split('<').next()).unwrap_or("");
        let bold = if part.contains("font-weight=\"bold\"") { 1.08 } else { 1.0 };
        let w = estimate_width(content, size) * bold;
        let (a, b) = match attr("text-anchor") {
            "end" => (x - w, x),
            "middle" => (x - w / 2.0, x + w / 2.0),
            _ => (x, x + w),
        };
        if a < -0.5 || b > width + 0.5 {
            return Err(format!("\"{content}\" spans {a:.0}..{b:.0} of {width}"));
        }
    }
    Ok(())
}

#[test]
fn latest_year_charts_keep_every_label_inside_at_every_width() {
    use safeguarding_dashboard::core::chart::ranked::render;
    use safeguarding_dashboard::core::compare::{latest, Scope};
    let report = data();
    let config = report.config.as_ref().unwrap();
    let table = &report.tables.iter().find(|(id, _)| id == "dfe-cpp-subsequent").unwrap().1;
    for code in ["E09000003", "E06000047", "E08000025", "E06000014"] {
        let near = latest(config, table, "CPP_subsequent_percent", &category(), code, &Scope::Neighbours(neighbours_of(code))).unwrap();
        let all = latest(config, table, "CPP_subsequent_percent", &category(), code, &Scope::All).unwrap();
        for width in [320u32, 375, 760, 1280] {
            for c in [&near, &all] {
                let r = render(c, width);
                texts_inside(&r.svg, width as f64).unwrap_or_else(|e| panic!("{code} at {width}px: {e}"));
                assert!(r.svg.contains("(chosen)") || r.svg.contains(&format!("{}:", c.chosen().unwrap().name)), "the chosen place is named, not only coloured");
                assert!(r.svg.contains("England 24.5%"), "England's line is labelled");
            }
        }
    }
}

#[test]
fn a_chart_says_how_the_latest_year_changed_and_draws_named_neighbours_as_lines() {
    let report = data();
    let code = "E06000014"; // York
    let neighbours = neighbours_of(code);
    let choice = Choice {
        area: code.into(),
        area_name: "York".into(),
        comparators: vec!["E92000001".into(), "E12000003".into(), format!("SNM-{code}")],
        neighbours: neighbours.iter().map(|(c, _)| c.clone()).collect(),
        lines: neighbours[..2].to_vec(),
        ..Default::default()
    };
    let m = line(&report, "cla-rate--cla_rate", &choice);
    let rates = published(code);
    let (prev, last) = (&rates[rates.len() - 2], &rates[rates.len() - 1]);
    let change = m.change.clone().expect("a change sentence");
    assert!(change.starts_with(&format!("From {} to {}: ", prev.0, last.0)), "{change}");
    assert!(change.contains(&format!("from {} to {}", prev.2, last.2)) || change.contains(&format!("little change: {} to {}", prev.2, last.2)), "{change}");
    let names: Vec<&str> = m.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(m.series.len(), 6, "{names:?}");
    for (c, close) in &neighbours[..2] {
        let s = m.series.iter().find(|s| s.code == *c).unwrap_or_else(|| panic!("{c} drawn: {names:?}"));
        assert!(s.name.ends_with(&format!("(neighbour, {})", close.trim().to_lowercase())), "{}", s.name);
        let theirs = published(c);
        let i = m.periods.iter().position(|p| p.label() == theirs.last().unwrap().0).unwrap();
        assert_eq!(s.points[i][0].value.number(), theirs.last().unwrap().2.parse().ok());
    }
    let mut styles: Vec<usize> = m.series.iter().map(|s| s.style).collect();
    styles.dedup();
    assert_eq!(styles.len(), 6, "every line has a style of its own");
    // A count is not drawn beside other places, and the chart says why.
    let counts = line(&report, "cla-rate--cla_count", &choice);
    assert_eq!(counts.series.len(), 1);
    assert!(counts.notes[0].starts_with("Counts of other places are not drawn beside York's"), "{:?}", counts.notes);
}
