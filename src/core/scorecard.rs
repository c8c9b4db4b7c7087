//! Scorecards: measures grouped under the questions a panel asks, each with its recent
//! periods, latest value with counts, benchmarks, a sparkline, direction of travel by
//! polarity and a status against a target or England, said in words.
//!
//! Configured in `data/scorecards.json`; every figure comes from the data files.

use serde::Deserialize;

use super::cell::Cell;
use super::config::{FileEntry, SiteConfig};
use super::error::{DataError, ErrorKind, Position};
use super::format;
use super::headline::{judge, Direction, ENGLAND};
use super::meta::Polarity;
use super::period::Period;
use super::series::{select, Point};
use super::table::Table;

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct ScorecardFile {
    pub scorecards: Vec<ScorecardConfig>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct ScorecardConfig {
    pub id: String,
    pub title: String,
    /// The area the scorecard is for (a configured area code).
    pub area: String,
    /// How many recent periods to show.
    #[serde(default = "default_periods")]
    pub periods: usize,
    #[serde(default)]
    pub source_note: String,
    /// Explicit columns as (time_period, time_identifier); when absent, the most recent
    /// `periods` years or quarters with values.
    #[serde(default)]
    pub columns: Vec<(String, String)>,
    pub groups: Vec<GroupConfig>,
}

fn default_periods() -> usize {
    5
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct GroupConfig {
    pub question: String,
    pub measures: Vec<MeasureConfig>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct MeasureConfig {
    pub file: String,
    pub indicator: String,
    /// Row label; the indicator's label when absent.
    #[serde(default)]
    pub label: Option<String>,
    /// Geography for this row when it differs from the scorecard's area.
    #[serde(default)]
    pub area: Option<String>,
    #[serde(default)]
    pub filters: Vec<(String, String)>,
    #[serde(default)]
    pub target: Option<Target>,
}

/// A target: the value must be `at-least` or `at-most` this.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Target {
    pub value: f64,
    pub kind: String,
}

/// How a measure stands against its target or England, for a reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    Better,
    Worse,
    Same,
    /// Compared, but the indicator has no better direction.
    Neutral,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub label: String,
    /// One cell per scorecard period: value with counts, `None` for no data.
    pub cells: Vec<Option<String>>,
    /// Latest value with counts, and its period.
    pub latest: Option<(String, String)>,
    /// (benchmark name, "70 (2021-22)").
    pub benchmarks: Vec<(String, Option<String>)>,
    pub direction: Option<Direction>,
    /// "improving", "worsening", "no change", or "up"/"down" without polarity.
    pub travel: Option<String>,
    pub status: Option<(Standing, String)>,
    /// Values for the sparkline, one per scorecard period.
    pub spark: Vec<Option<f64>>,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub question: String,
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Scorecard {
    pub id: String,
    pub title: String,
    pub area_name: String,
    pub periods: Vec<Period>,
    /// Benchmark column names (England, region, statistical neighbours).
    pub benchmark_names: Vec<String>,
    pub groups: Vec<Group>,
    pub source_note: String,
    /// Documents the figures come from.
    pub sources: Vec<String>,
    /// Measures configured but not found in the data (file or indicator missing).
    pub missing: Vec<String>,
}

/// Parses `data/scorecards.json`.
pub fn parse(file: &str, text: &str) -> Result<ScorecardFile, DataError> {
    serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| DataError::new(Position::new(file, e.line() as u64, e.column()), ErrorKind::BadConfig { reason: e.to_string() }))
}

fn value_text(p: &Point, unit: &str) -> Option<String> {
    format::with_counts(p.value, unit, p.numerator, p.denominator)
}

/// Builds the scorecard from the loaded tables.
pub fn build(config: &SiteConfig, tables: &[(&FileEntry, &Table)], card: &ScorecardConfig) -> Scorecard {
    let area = config.area(&card.area);
    let area_name = area.map_or(card.area.clone(), |a| a.name.clone());
    // Benchmarks: England, the area's region and statistical neighbours, from its comparators;
    // a partnership falls back to England only.
    let mut bench_codes: Vec<String> = vec![ENGLAND.to_string()];
    if let Some(a) = area {
        for c in &a.comparators {
            if c != ENGLAND && (c.starts_with("E12") || c.starts_with("SN-")) {
                bench_codes.push(c.clone());
            }
        }
    }
    let name_of = |code: &str| {
        tables
            .iter()
            .find_map(|(_, t)| t.geography_index(code).map(|g| t.geographies[g as usize].name.clone()))
            .unwrap_or_else(|| code.to_string())
    };
    // Column headers stay short so the table fits an A4 landscape page.
    let benchmark_names: Vec<String> = bench_codes
        .iter()
        .map(|c| {
            let name = name_of(c);
            match c.starts_with("SN-") {
                true if name.to_ascii_lowercase().contains("statistical") => "Statistical neighbours".to_string(),
                true => "Comparator authorities".to_string(),
                false => name,
            }
        })
        .collect();

    struct Found<'a> {
        label: String,
        unit: String,
        polarity: Polarity,
        points: Vec<Point>,
        benchmarks: Vec<Vec<Point>>,
        measure: &'a MeasureConfig,
    }
    let mut missing = Vec::new();
    let mut found_groups: Vec<(String, Vec<Found>)> = Vec::new();
    for g in &card.groups {
        let mut rows = Vec::new();
        for m in &g.measures {
            let label = m.label.clone().unwrap_or_else(|| m.indicator.clone());
            let Some((_, table)) = tables.iter().find(|(e, _)| e.id == m.file) else {
                missing.push(label);
                continue;
            };
            let Some(meta) = table.indicator_meta(&m.indicator) else {
                missing.push(label);
                continue;
            };
            let code = m.area.clone().unwrap_or_else(|| card.area.clone());
            let filters: Vec<(&str, &str)> = m.filters.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
            let points = select(table, &m.indicator, &filters, &[&code]).into_iter().next().map(|s| s.points).unwrap_or_default();
            let benchmarks = bench_codes
                .iter()
                .map(|b| select(table, &m.indicator, &filters, &[b]).into_iter().next().map(|s| s.points).unwrap_or_default())
                .collect();
            rows.push(Found { label, unit: meta.unit.clone(), polarity: meta.polarity, points, benchmarks, measure: m });
        }
        found_groups.push((g.question.clone(), rows));
    }
    // Columns: as configured, else the most recent years or quarters with a value in any row.
    let configured: Vec<Period> = card
        .columns
        .iter()
        .filter_map(|(tp, ti)| super::period::TimeIdentifier::parse(ti).and_then(|i| Period::parse(tp, i)))
        .collect();
    let periods = if !configured.is_empty() {
        configured
    } else {
        use super::period::TimeIdentifier::{Month, Week};
        let mut periods: Vec<Period> = Vec::new();
        for (_, rows) in &found_groups {
            for r in rows {
                for p in &r.points {
                    if !periods.contains(&p.period) && !matches!(p.period.identifier, Month(_) | Week(_)) {
                        periods.push(p.period);
                    }
                }
            }
        }
        periods.sort_by_key(|p| p.sort_key());
        let skip = periods.len().saturating_sub(card.periods);
        periods.into_iter().skip(skip).collect()
    };

    let mut sources: Vec<String> = Vec::new();
    let groups = found_groups
        .into_iter()
        .map(|(question, rows)| Group {
            question,
            rows: rows
                .into_iter()
                .map(|f| {
                    let at = |period: &Period| f.points.iter().find(|p| p.period == *period);
                    let cells: Vec<Option<String>> = periods.iter().map(|q| at(q).and_then(|p| value_text(p, &f.unit))).collect();
                    let spark: Vec<Option<f64>> = periods.iter().map(|q| at(q).and_then(|p| p.value.number())).collect();
                    let latest_point = f.points.iter().filter(|p| !p.value.is_empty()).max_by_key(|p| p.period.sort_key());
                    let latest = latest_point.and_then(|p| value_text(p, &f.unit).map(|t| (t, p.period.label())));
                    let numbered: Vec<&Point> = {
                        // One point per period (two sources may give the same period).
                        let mut v: Vec<&Point> = f.points.iter().filter(|p| p.value.number().is_some()).collect();
                        v.sort_by_key(|p| p.period.sort_key());
                        v.dedup_by_key(|p| p.period);
                        v
                    };
                    let direction = match numbered.as_slice() {
                        [.., a, b] => {
                            let (x, y) = (a.value.number().unwrap_or(0.0), b.value.number().unwrap_or(0.0));
                            Some(if y > x { Direction::Up } else if y < x { Direction::Down } else { Direction::Same })
                        }
                        _ => None,
                    };
                    let travel = direction.map(|d| {
                        judge(d, f.polarity).map(str::to_string).unwrap_or_else(|| match d {
                            Direction::Up => "up".into(),
                            Direction::Down => "down".into(),
                            Direction::Same => "no change".into(),
                        })
                    });
                    let benchmarks: Vec<(String, Option<String>)> = benchmark_names
                        .iter()
                        .zip(&f.benchmarks)
                        .map(|(n, pts)| {
                            let last = pts.iter().filter(|p| !p.value.is_empty()).max_by_key(|p| p.period.sort_key());
                            (n.clone(), last.and_then(|p| value_text(p, &f.unit).map(|t| format!("{t} ({})", p.period.label()))))
                        })
                        .collect();
                    let status = standing(&f.measure.target, f.polarity, &f.points, &f.benchmarks[0], &f.unit);
                    for p in &f.points {
                        let title = config.source(&p.source).map_or(p.source.clone(), |s| s.title.clone());
                        if !sources.contains(&title) {
                            sources.push(title);
                        }
                    }
                    let source = latest_point.map(|p| p.source_location.clone()).unwrap_or_default();
                    Row { label: f.label, cells, latest, benchmarks, direction, travel, status, spark, source }
                })
                .collect(),
        })
        .collect();
    Scorecard {
        id: card.id.clone(),
        title: card.title.clone(),
        area_name,
        periods,
        benchmark_names,
        groups,
        source_note: card.source_note.clone(),
        sources,
        missing,
    }
}

/// Against the target when there is one (latest value); else against England in the
/// latest period both publish, saying which period when it is not the latest; else against
/// England's latest figure, naming its period.
fn standing(target: &Option<Target>, polarity: Polarity, points: &[Point], england: &[Point], unit: &str) -> Option<(Standing, String)> {
    let numbered = |ps: &[Point]| {
        let mut v: Vec<Point> = ps.iter().filter(|p| p.value.number().is_some()).cloned().collect();
        v.sort_by_key(|p| std::cmp::Reverse(p.period.sort_key()));
        v
    };
    let (area, eng) = (numbered(points), numbered(england));
    let latest = area.first()?;
    let text = |p: &Point| match p.value {
        Cell::Number { value, decimals } => format::with_unit(value, decimals, unit),
        _ => String::new(),
    };
    if let Some(t) = target {
        let v = latest.value.number()?;
        let goal = format::with_unit(t.value, 1, unit);
        let ok = if t.kind == "at-most" { v <= t.value } else { v >= t.value };
        let words = if t.kind == "at-most" { "at most" } else { "at least" };
        return Some(if ok {
            (Standing::Better, format!("Meets target ({words} {goal})"))
        } else {
            (Standing::Worse, format!("Misses target ({words} {goal})"))
        });
    }
    let shared = area.iter().find_map(|a| eng.iter().find(|e| e.period == a.period).map(|e| (a, e)));
    let (a, e, detail) = match shared {
        Some((a, e)) if a.period == latest.period => (a, e, format!("({})", text(e))),
        Some((a, e)) => (a, e, format!("in {} ({} vs {})", a.period.label(), text(a), text(e))),
        None => {
            let e = eng.first()?;
            (latest, e, format!("'s {} figure ({})", e.period.label(), text(e)))
        }
    };
    let (v, ev) = (a.value.number()?, e.value.number()?);
    let england = if detail.starts_with('\'') { format!("England{detail}") } else { format!("England {detail}") };
    let (higher, lower) = (v > ev, v < ev);
    Some(match polarity {
        Polarity::Neither => {
            let w = if higher { "Above" } else if lower { "Below" } else { "Same as" };
            (Standing::Neutral, format!("{w} {england}"))
        }
        pol => {
            let better = (pol == Polarity::HigherIsBetter && higher) || (pol == Polarity::LowerIsBetter && lower);
            if !higher && !lower {
                (Standing::Same, format!("Same as {england}"))
            } else if better {
                (Standing::Better, format!("Better than {england}"))
            } else {
                (Standing::Worse, format!("Worse than {england}"))
            }
        }
    })
}

/// A small trend line (numbers only, no text), 0..1 scaled to the row's own range.
pub fn sparkline(values: &[Option<f64>], width: u32, height: u32) -> String {
    let known: Vec<(usize, f64)> = values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (i, v))).collect();
    let mut svg = format!("<svg class=\"sparkline\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" aria-hidden=\"true\" focusable=\"false\" xmlns=\"http://www.w3.org/2000/svg\">");
    if !known.is_empty() {
        let (min, max) = known.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), (_, v)| (a.min(*v), b.max(*v)));
        let span = if max > min { max - min } else { 1.0 };
        let n = values.len().max(2) - 1;
        let x = |i: usize| 3.0 + (width as f64 - 6.0) * i as f64 / n as f64;
        let y = |v: f64| if max > min { 3.0 + (height as f64 - 6.0) * (1.0 - (v - min) / span) } else { height as f64 / 2.0 };
        // Lines join consecutive known values only; gaps stay gaps.
        for w in known.windows(2) {
            let ((i0, v0), (i1, v1)) = (w[0], w[1]);
            if i1 == i0 + 1 {
                svg.push_str(&format!("<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#12436d\" stroke-width=\"2\"/>", x(i0), y(v0), x(i1), y(v1)));
            }
        }
        for (i, v) in &known {
            svg.push_str(&format!("<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2.5\" fill=\"#12436d\"/>", x(*i), y(*v)));
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparkline_breaks_at_gaps_and_holds_only_numbers() {
        let s = sparkline(&[Some(1.0), None, Some(3.0), Some(2.0)], 80, 24);
        assert_eq!(s.matches("<line").count(), 1, "only the consecutive pair is joined");
        assert_eq!(s.matches("<circle").count(), 3);
        assert!(!s.contains("<text"));
    }
}
