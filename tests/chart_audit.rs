//! The honest-chart checker's own tests: one deliberately bad chart per rule, each caught,
//! made from a real chart that passes; and the real charts the review named, now honest.

use std::path::Path;

use safeguarding_dashboard::core::catalog::{build, default_choice, theme_charts_joined};
use safeguarding_dashboard::core::chart::audit::{audit, audit_drawn, audit_model, Rule};
use safeguarding_dashboard::core::chart::model::{Chart, Drawn};
use safeguarding_dashboard::core::check::{check_dir, Report};
use safeguarding_dashboard::core::meta::THEMES;

fn data() -> Report {
    check_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"))
}

fn chart(report: &Report, id: &str, area: &str) -> Chart {
    let config = report.config.as_ref().unwrap();
    let files: Vec<_> = report.tables.iter().map(|(id, t)| (config.file(id).unwrap(), t)).collect();
    let specs = theme_charts_joined(Some(config), &files, &THEMES);
    let spec = specs.iter().find(|s| s.id == id).unwrap_or_else(|| panic!("chart {id}"));
    let choice = default_choice(config, &[], area).unwrap();
    build(config, &files, spec, &choice).unwrap_or_else(|| panic!("{id} for {area}"))
}

fn rules(defects: &[safeguarding_dashboard::core::chart::audit::Defect]) -> Vec<Rule> {
    let mut r: Vec<Rule> = defects.iter().map(|d| d.rule).collect();
    r.dedup();
    r
}

/// Adds SVG inside the outer chart, as if the renderer had drawn it.
fn with_svg(drawn: &Drawn, extra: &str) -> Drawn {
    let mut d = drawn.clone();
    let end = d.svg.rfind("</svg>").unwrap();
    d.svg.insert_str(end, extra);
    d
}

/// A line from one mark to another, in the series group.
fn joining(drawn: &Drawn, a: usize, b: usize) -> Drawn {
    let (p, q) = (&drawn.marks[a], &drawn.marks[b]);
    with_svg(drawn, &format!("<g class=\"series\"><polyline fill=\"none\" stroke=\"#12436d\" points=\"{},{} {},{}\"/></g>", p.x, p.y, q.x, q.y))
}

fn line(c: &Chart) -> &safeguarding_dashboard::core::chart::LineModel {
    match c {
        Chart::Line(m) => m,
        other => panic!("a line chart: {other:?}"),
    }
}

/// The marks of the chosen area at two periods.
fn marks_at(c: &Chart, drawn: &Drawn, from: &str, to: &str) -> (usize, usize) {
    let m = line(c);
    let slot = |label: &str| m.periods.iter().position(|p| p.label() == label).unwrap_or_else(|| panic!("{label}"));
    let find = |s: usize| drawn.marks.iter().position(|mk| mk.series == 0 && mk.slot == s).unwrap();
    (find(slot(from)), find(slot(to)))
}

#[test]
fn a_line_across_a_missing_period_is_caught() {
    let r = data();
    let c = chart(&r, "cin-rates--cin_rate", "E06000015");
    let drawn = c.draw(760, false);
    assert!(audit(&c, 760).is_empty(), "{:?}", audit(&c, 760));
    let (a, b) = marks_at(&c, &drawn, "2017-18", "2021-22");
    assert_eq!(rules(&audit_drawn(&c, &joining(&drawn, a, b))), [Rule::LineAcrossGap]);
}

#[test]
fn a_line_from_a_full_year_to_a_year_to_date_is_caught() {
    let r = data();
    let c = chart(&r, "cla-carers-approved--mainstream_fc_approved", "E06000047");
    let drawn = c.draw(760, false);
    assert!(audit(&c, 760).is_empty());
    let (a, b) = marks_at(&c, &drawn, "2021-22", "Q2 2022-23");
    assert_eq!(rules(&audit_drawn(&c, &joining(&drawn, a, b))), [Rule::LineAcrossUnlikePeriods]);
}

#[test]
fn a_line_across_a_change_of_definition_is_caught() {
    let r = data();
    let mut c = chart(&r, "cla-rate--cla_rate", "E06000047");
    if let Chart::Line(m) = &mut c {
        let last = m.periods.len() - 1;
        m.series[0].points[last][0].coverage = "children under 16 only".into();
    }
    let drawn = c.draw(760, false);
    let m = line(&c);
    let (a, b) = marks_at(&c, &drawn, &m.periods[m.periods.len() - 2].label(), &m.periods[m.periods.len() - 1].label());
    assert!(audit_drawn(&c, &drawn).is_empty(), "the renderer breaks the line itself");
    assert_eq!(rules(&audit_drawn(&c, &joining(&drawn, a, b))), [Rule::LineAcrossDefinitions]);
}

#[test]
fn x_not_proportional_to_time_is_caught() {
    let r = data();
    let c = chart(&r, "cla-rate--cla_rate", "E06000047");
    let mut drawn = c.draw(760, false);
    // Evenly spaced, as the old axis drew them: the half-year step drawn as a year's.
    let xs: Vec<i32> = drawn.marks.iter().filter(|m| m.series == 0).map(|m| m.x).collect();
    let step = (xs[xs.len() - 1] - xs[0]) / (xs.len() as i32 - 1);
    for m in drawn.marks.iter_mut() {
        m.x = xs[0] + step * m.slot as i32;
    }
    assert!(rules(&audit_drawn(&c, &drawn)).contains(&Rule::TimeNotProportional));
}

#[test]
fn one_date_twice_is_caught() {
    let r = data();
    let mut c = chart(&r, "cla-rate--cla_count", "E06000015");
    assert!(audit_model(&c).is_empty());
    if let Chart::Line(m) = &mut c {
        // Split the merged 31 March 2017 observation back into two slots.
        let i = m.periods.iter().position(|p| p.label() == "2016-17").unwrap();
        let mut q4 = m.periods[i];
        q4.identifier = safeguarding_dashboard::core::period::TimeIdentifier::FinancialQuarter(4);
        m.periods.insert(i, q4);
        for s in &mut m.series {
            let slot = s.points[i].clone();
            s.points.insert(i, slot);
        }
    }
    assert_eq!(rules(&audit_model(&c)), [Rule::DateTwice]);
}

#[test]
fn a_total_beside_its_parts_is_caught() {
    let r = data();
    let mut c = chart(&r, "context-population--population--by-age-band", "E06000047");
    assert!(audit_model(&c).is_empty(), "{:?}", audit_model(&c));
    match &mut c {
        Chart::Bars(b) => {
            b.categories.push("0-17".into());
            for s in &mut b.series {
                s.values.push(None);
            }
        }
        Chart::Multiples(m) => {
            let p = m.panels[0].1.clone();
            m.panels.push(("0-17".into(), p));
        }
        Chart::Line(_) => panic!("by age band"),
    }
    assert_eq!(rules(&audit_model(&c)), [Rule::TotalBesideParts]);
}

#[test]
fn two_series_in_one_style_are_caught() {
    let r = data();
    let mut c = chart(&r, "cla-rate--cla_rate", "E06000047");
    if let Chart::Line(m) = &mut c {
        m.series[2].style = m.series[1].style;
    }
    let found = rules(&audit(&c, 760));
    assert!(found.contains(&Rule::SharedLegendStyle), "{found:?}");
}

#[test]
fn a_comparator_from_another_body_or_period_not_named_is_caught() {
    let r = data();
    let mut c = chart(&r, "training-events--attendees--by-event", "E06000015");
    assert!(audit_model(&c).is_empty(), "{:?}", audit_model(&c));
    let Chart::Bars(b) = &mut c else { panic!("bars") };
    assert!(b.series.iter().skip(1).all(|s| !s.code.starts_with("P-") || s.name.contains("(another body)")), "named: {:?}", b.series.iter().map(|s| &s.name).collect::<Vec<_>>());
    let other = b.series.iter().position(|s| s.name.contains("another body")).expect("another body drawn");
    b.series[other].name = b.series[other].name.replace(" (another body)", "").replace(&format!(", {}", b.series[other].period.label()), "");
    assert!(rules(&audit_model(&c)).contains(&Rule::ComparatorNotNamed));
}

#[test]
fn text_outside_the_chart_and_overlapping_text_are_caught() {
    let r = data();
    let c = chart(&r, "cla-rate--cla_rate", "E06000047");
    let drawn = c.draw(375, false);
    assert!(audit_drawn(&c, &drawn).is_empty());
    let outside = with_svg(&drawn, "<text x=\"300\" y=\"40\" font-size=\"14\">50,000100,000150,000</text>");
    assert_eq!(rules(&audit_drawn(&c, &outside)), [Rule::TextOutside]);
    let t = drawn.marks[0].clone();
    let overlap = with_svg(&drawn, &format!("<text x=\"{}\" y=\"{}\" font-size=\"14\">2021-22</text><text x=\"{}\" y=\"{}\" font-size=\"14\">England</text>", t.x, t.y, t.x + 10, t.y + 4));
    assert_eq!(rules(&audit_drawn(&c, &overlap)), [Rule::TextOverlap]);
}

#[test]
fn a_disagreement_note_on_equal_values_is_caught() {
    let r = data();
    let mut c = chart(&r, "cla-rate--cla_count", "E06000047");
    assert!(audit_model(&c).is_empty());
    if let Chart::Line(m) = &mut c {
        m.notes.push("County Durham Q2 2022-23: the sources differ: 7.0% (scorecard); 7% (presentation). The chart draws the first.".into());
    }
    assert_eq!(rules(&audit_model(&c)), [Rule::FalseDisagreement]);
    let real = line(&chart(&r, "cla-rate--cla_count", "E06000047")).notes.iter().any(|n| n.contains("2021-22: the sources differ"));
    assert!(real, "a real disagreement (984, 982, 985) is still noted");
}

#[test]
fn a_mark_with_no_tooltip_focus_or_legend_is_caught() {
    let r = data();
    let c = chart(&r, "cla-rate--cla_rate", "E06000047");
    let drawn = c.draw(760, false);
    let m = &drawn.marks[0];
    let dot = with_svg(&drawn, &format!("<g class=\"series\"><circle cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"#12436d\" stroke=\"#12436d\"/></g>", m.x, m.y - 40));
    assert_eq!(rules(&audit_drawn(&c, &dot)), [Rule::MarkUnexplained]);
    let odd = with_svg(&drawn, &format!("<g class=\"series\"><circle cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"#ff0000\" stroke=\"#ff0000\"/></g>", m.x, m.y));
    assert_eq!(rules(&audit_drawn(&c, &odd)), [Rule::MarkUnexplained], "a marker in no legend style");
}

// ---------------------------------------------------------------------------
// The charts the review named
// ---------------------------------------------------------------------------

#[test]
fn durhams_number_in_care_is_spaced_by_date_and_breaks_where_figures_are_unlike() {
    let r = data();
    let c = chart(&r, "cla-rate--cla_count", "E06000047");
    let m = line(&c);
    let drawn = c.draw(1280, false);
    let x = |label: &str| {
        let s = m.periods.iter().position(|p| p.label() == label).unwrap();
        drawn.marks.iter().find(|mk| mk.series == 0 && mk.slot == s).unwrap().x
    };
    let year = x("2021-22") - x("2020-21");
    let half = x("Q2 2022-23") - x("2021-22");
    assert!((half as f64 / year as f64 - 183.0 / 365.0).abs() < 0.02, "half a year is half a year's width: {half} against {year}");
    let month = x("November 2022") - x("October 2022");
    assert!((month as f64 / year as f64 - 30.0 / 365.0).abs() < 0.02, "a month is a twelfth: {month} against {year}");
    assert!(audit(&c, 375).is_empty() && audit(&c, 1280).is_empty());
}

#[test]
fn derbys_rate_line_breaks_over_the_missing_years_and_says_so() {
    let r = data();
    let c = chart(&r, "cin-rates--cin_rate", "E06000015");
    let m = line(&c);
    assert!(m.notes.iter().any(|n| n.contains("the line breaks between 2017-18 and 2021-22 (no figures for 31 March 2019 to 31 March 2021)")), "{:?}", m.notes);
    assert!(m.description.contains("(no figures for 31 March 2019 to 31 March 2021)"), "{}", m.description);
    // 31 March 2017 once: the Q4 count and the year's count are one observation.
    let count = chart(&r, "cla-rate--cla_count", "E06000015");
    let labels: Vec<String> = line(&count).periods.iter().map(|p| p.label()).collect();
    assert!(labels.contains(&"2016-17".to_string()) && !labels.contains(&"Q4 2016-17".to_string()), "{labels:?}");
    let days = line(&count).slot_days();
    let mut unique = days.clone();
    unique.dedup();
    assert_eq!(unique, days, "no date twice");
}

#[test]
fn a_year_to_date_figure_is_never_called_a_fall_from_a_full_year() {
    let r = data();
    let c = chart(&r, "cla-carers-approved--mainstream_fc_approved", "E06000047");
    let m = line(&c);
    assert!(!m.description.contains("fell"), "{}", m.description);
    assert!(m.description.contains("year to date"), "{}", m.description);
    assert!(m.notes.iter().any(|n| n.contains("the line breaks between 2021-22 and Q2 2022-23")), "{:?}", m.notes);
    assert_eq!(m.change, None, "no change from a year before: the Q2 figure has no Q2 a year earlier");
    let leavers = chart(&r, "care-leavers-cohort--care_leavers_count", "E06000047");
    assert!(!leavers.description().contains("fell from 285"), "{}", leavers.description());
}

#[test]
fn population_bands_leave_their_totals_out_and_say_what_is_missing() {
    let r = data();
    let c = chart(&r, "context-population--population--by-age-band", "E06000047");
    let categories: Vec<String> = match &c {
        Chart::Bars(b) => b.categories.clone(),
        Chart::Multiples(m) => m.panels.iter().map(|(c, _)| c.clone()).collect(),
        _ => panic!(),
    };
    assert!(!categories.iter().any(|c| c == "0-17" || c == "0-18"), "{categories:?}");
    assert!(c.notes().iter().any(|n| n.starts_with("Not drawn beside bands they contain") && n.contains("0-17: 101,979")), "{:?}", c.notes());
    assert!(!c.notes().iter().any(|n| n.contains("0-18")), "Durham has no 0-18 figure to mention: {:?}", c.notes());
    // Derby's reports give totals only (0-17 in 2021-22, 0-18 in 2017): the narrower is
    // drawn, the other said in a note, and a band with no figure is said, never blank.
    let derby = chart(&r, "context-population--population--by-age-band", "E06000015");
    assert!(audit_model(&derby).is_empty(), "{:?}", audit_model(&derby));
    let Chart::Bars(b) = &derby else { panic!("bars for Derby") };
    assert_eq!(b.categories, ["0-17"]);
    assert!(derby.notes().iter().any(|n| n.contains("0-18")), "{:?}", derby.notes());
    let blanks: usize = b.series.iter().map(|s| s.values.iter().filter(|v| v.is_none()).count()).sum();
    assert!(derby.draw(760, false).svg.matches("no figure").count() >= blanks, "{blanks} bars without a figure are said");
}

#[test]
fn a_percentage_that_contradicts_its_own_counts_is_flagged_in_the_table_and_tooltip() {
    let r = data();
    let c = chart(&r, "care-leavers-eet--eet_pct--by-age-band", "E06000047");
    let cells: Vec<String> = c.table().rows.iter().flat_map(|row| row.cells.iter().flatten().cloned()).collect();
    let flagged: Vec<&String> = cells.iter().filter(|t| t.contains("⚠")).collect();
    assert!(flagged.iter().any(|t| t.starts_with("66% (27 / 79) ⚠ 27 / 79 is 34%")), "{cells:?}");
    let marks = c.draw(760, false).marks;
    assert!(marks.iter().any(|m| m.text.contains("⚠ 27 / 79 is 34%")), "the tooltip says it too");
}

#[test]
fn axis_labels_that_misname_their_gridlines_are_caught() {
    let r = data();
    let c = chart(&r, "cla-rate--cla_rate", "E06000047");
    let drawn = c.draw(760, false);
    assert!(audit_drawn(&c, &drawn).is_empty(), "the real chart passes");
    // The y axis as a rounding bug would print it: one gridline's label off by its
    // rounding ("2.5" shown as "3"), everything else in place.
    let ticks: Vec<String> = drawn.svg.split("text-anchor=\"end\"").skip(1).filter_map(|t| Some(t.split_once('>')?.1.split_once('<')?.0.trim().to_string())).collect();
    assert!(ticks.len() >= 3, "{ticks:?}");
    let second = &ticks[1];
    let off: f64 = second.replace(',', "").parse::<f64>().unwrap() + 1.0;
    let mut bad = drawn.clone();
    bad.svg = bad.svg.replacen(&format!("\n{second}\n<"), &format!("\n{off}\n<"), 1);
    assert_ne!(bad.svg, drawn.svg);
    assert_eq!(rules(&audit_drawn(&c, &bad)), [Rule::AxisLabelsUneven], "{ticks:?}");
}
