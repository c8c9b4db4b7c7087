//! The honest-chart checker (`core::chart::audit`) over every chart the site can draw: every
//! theme of every configured area and of every authority the official files add, at the
//! widths readers use (320, 375, 760 and 1,280 px), on the page and as a download.
//!
//! It also writes `target/chart-texts.json`: a sample of the text boxes it measured, which
//! tests/e2e/text-metrics.test.mjs measures again in Chromium.

use std::collections::BTreeMap;
use std::path::Path;

use safeguarding_dashboard::core::catalog::{build, default_choice, theme_charts_joined, Choice};
use safeguarding_dashboard::core::chart::audit::{audit, read_svg, Defect, Rule};
use safeguarding_dashboard::core::chart::model::Chart;
use safeguarding_dashboard::core::check::{check_dir, Report};
use safeguarding_dashboard::core::meta::THEMES;
use safeguarding_dashboard::core::{slice, stats};

const WIDTHS: [u32; 4] = [320, 375, 760, 1280];

fn data() -> Report {
    check_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"))
}

fn places(report: &Report) -> Vec<slice::Place> {
    let config = report.config.as_ref().unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let texts: Vec<String> = config.files.iter().filter(|f| f.sliced).map(|f| std::fs::read_to_string(dir.join(&f.path)).unwrap()).collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let model = config.neighbours.as_ref().map(|p| stats::parse_neighbours(p, &std::fs::read(dir.join(p)).unwrap()).unwrap());
    slice::places(&refs, &model.map(|m| slice::neighbour_lists(&m)).unwrap_or_default())
}

/// Every (area, chart) the site draws by default, and with three named neighbours for one
/// authority of each kind of page.
fn every_chart(report: &Report) -> Vec<(String, Chart)> {
    let config = report.config.as_ref().unwrap();
    let files: Vec<_> = report.tables.iter().map(|(id, t)| (config.file(id).unwrap(), t)).collect();
    let places = places(report);
    let mut areas: Vec<String> = config.areas.iter().map(|a| a.code.clone()).collect();
    // CHECK_AREAS=configured limits a run to the configured areas (while working on a fix).
    if std::env::var("CHECK_AREAS").as_deref() != Ok("configured") {
        areas.extend(places.iter().filter(|p| p.level == "Local authority").map(|p| p.code.clone()));
    }
    areas.dedup();
    let mut out = Vec::new();
    for theme in THEMES {
        let specs = theme_charts_joined(Some(config), &files, &[theme]);
        for code in &areas {
            let Some(mut choice) = default_choice(config, &places, code) else { continue };
            let mut choices: Vec<Choice> = vec![choice.clone()];
            if code == "E06000047" || code == "E09000003" {
                if let Some(p) = places.iter().find(|p| p.code == *code) {
                    choice.lines = p.neighbours.iter().take(3).cloned().collect();
                    choices.push(choice);
                }
            }
            for choice in &choices {
                for spec in &specs {
                    if let Some(chart) = build(config, &files, spec, choice) {
                        out.push((format!("{code} {}{}", spec.id, if choice.lines.is_empty() { "" } else { " +neighbours" }), chart));
                    }
                }
            }
        }
    }
    out
}

#[test]
fn every_chart_of_every_area_passes_the_checker_at_every_width() {
    let report = data();
    let charts = every_chart(&report);
    let few = std::env::var("CHECK_AREAS").is_ok();
    assert!(few || charts.len() > 5_000, "charts of 150+ authorities: {}", charts.len());
    let mut by_rule: BTreeMap<Rule, Vec<String>> = BTreeMap::new();
    let mut charts_by_rule: BTreeMap<Rule, std::collections::BTreeSet<String>> = BTreeMap::new();
    let mut sample: Vec<String> = Vec::new();
    for (i, (id, chart)) in charts.iter().enumerate() {
        for w in WIDTHS {
            for d in audit(chart, w) {
                let Defect { rule, detail } = d;
                charts_by_rule.entry(rule).or_default().insert(id.clone());
                let list = by_rule.entry(rule).or_default();
                if list.len() < 12 {
                    list.push(format!("{id} at {w}px: {detail}"));
                }
            }
        }
        // A sample of measured text for the browser to measure again.
        if i % 40 == 0 && sample.len() < 4000 {
            for full in [false, true] {
                for t in read_svg(&chart.draw(375, full).svg).texts.iter().filter(|t| !t.rotated).take(60) {
                    sample.push(format!("{{\"text\":{:?},\"size\":{},\"bold\":{},\"width\":{:.2}}}", t.text, t.size, t.bold, t.x1 - t.x0));
                }
            }
        }
    }
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    let _ = std::fs::create_dir_all(&target);
    std::fs::write(target.join("chart-texts.json"), format!("[{}]", sample.join(",\n"))).unwrap();
    let mut report_text = format!("{} charts × {} widths checked\n", charts.len(), WIDTHS.len());
    for rule in Rule::ALL {
        let n = charts_by_rule.get(&rule).map_or(0, |s| s.len());
        report_text.push_str(&format!("{n:>6} charts: {}\n", rule.describe()));
    }
    std::fs::write(target.join("chart-audit.txt"), &report_text).unwrap();
    eprintln!("{report_text}");
    let failures: Vec<String> = by_rule.values().flatten().cloned().collect();
    assert!(failures.is_empty(), "{report_text}\n{}", failures.join("\n"));
}
