//! Scorecards: measures grouped under the questions a panel asks, each with its recent
//! periods, latest value with counts, benchmarks, a sparkline, direction of travel by
//! polarity and a status against a target or England, said in words.
//!
//! Configured in `data/scorecards.json`; every figure comes from the data files. A measure
//! may name the Department for Education figure that measures the same thing by the same
//! definition (`official`), or say why there is none (`no_official`): a mapped row takes
//! its full years from the official file (both figures shown where the report and DfE
//! differ for one period), its England and regional benchmarks from the official file's
//! National and Regional rows, and the median of the area's ten statistical neighbours.

use serde::Deserialize;

use super::cell::Cell;
use super::config::{FileEntry, SiteConfig};
use super::error::{DataError, ErrorKind, Position};
use super::format;
use super::headline::{judge, Direction, ENGLAND};
use super::measure::same_published;
use super::meta::Polarity;
use super::period::{Period, TimeIdentifier};
use super::ranks::RankRow;
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
    /// The official (DfE) figure measuring the same thing by the same definition.
    #[serde(default)]
    pub official: Option<OfficialConfig>,
    /// Why no official figure is shown (when `official` is absent), in a few words.
    #[serde(default)]
    pub no_official: Option<String>,
}

/// Where the same measure sits in an official file: exact file id, indicator column and
/// filter values (filters not named must be `Total`).
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct OfficialConfig {
    pub file: String,
    pub indicator: String,
    #[serde(default)]
    pub filters: Vec<(String, String)>,
    /// A difference of wording or population worth telling the reader (row detail).
    #[serde(default)]
    pub note: Option<String>,
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
    /// Not compared: the figures are for different periods, or the latest is not a number.
    NotCompared,
}

/// One figure of a row's sparkline.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SparkPoint {
    /// Index of the card's period column.
    pub column: usize,
    /// Position in time across the card's periods, 0 (first period's date) to 1 (last's).
    pub at: f64,
    pub value: f64,
    /// Whether a line joins it to the previous point (same kind of figure, no gap).
    pub joins: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub label: String,
    /// One cell per scorecard period: value with counts (the report's figure where it has
    /// one, else the official figure), `None` for no data.
    pub cells: Vec<Option<String>>,
    /// Per period: `DfE: 99 (984)` where the official figure differs from the cell's.
    pub also: Vec<Option<String>>,
    /// Latest value with counts, and its period.
    pub latest: Option<(String, String)>,
    /// (benchmark name, "70 (2021-22)").
    pub benchmarks: Vec<(String, Option<String>)>,
    pub direction: Option<Direction>,
    /// "improving", "worsening", "no change", or "up"/"down" without polarity.
    pub travel: Option<String>,
    /// The two periods compared for the direction, "2023-24 to 2024-25".
    pub travel_periods: Option<String>,
    pub status: Option<(Standing, String)>,
    /// The sparkline's figures, in the card's periods with a number (see [`SparkPoint`]).
    pub spark: Vec<SparkPoint>,
    /// Which columns came from which document and where in it.
    pub source: String,
    /// Whether the row has an official equivalent configured and loaded.
    pub official: bool,
    /// Why there is no official equivalent (configured `no_official`).
    pub no_official: Option<String>,
    /// The area's rank among authorities on the official figure, in words.
    pub rank: Option<String>,
    /// Definition notes for the reader (from the configuration).
    pub notes: Vec<String>,
    /// The measure as configured (its file, indicator and filters find its chart).
    pub measure: MeasureConfig,
    /// The area the row's figures are for (the measure's, else the card's).
    pub area: String,
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
    /// Per period: filled only from official files (no report figure in any row), so a
    /// row without an official equivalent says so there instead of showing blanks.
    pub official_columns: Vec<bool>,
    /// Benchmark column names (England, region, statistical neighbours).
    pub benchmark_names: Vec<String>,
    pub groups: Vec<Group>,
    pub source_note: String,
    /// What the official columns are, when there are any.
    pub official_note: String,
    /// Documents the figures come from.
    pub sources: Vec<String>,
    /// Measures configured but not found in the data (file or indicator missing), and
    /// official mappings that do not match their file.
    pub missing: Vec<String>,
}

/// What a scorecard needs beyond the tables: the area's statistical neighbours (new codes,
/// nearest first, from DfE's model) and its ranks among authorities (from the build).
#[derive(Clone, Copy, Debug, Default)]
pub struct Extras<'a> {
    pub neighbours: &'a [String],
    pub ranks: &'a [RankRow],
}

/// Benchmark column name of the median of the area's statistical neighbours.
pub const NEIGHBOUR_MEDIAN: &str = "Statistical neighbours (median, our calculation)";

/// Parses `data/scorecards.json`.
pub fn parse(file: &str, text: &str) -> Result<ScorecardFile, DataError> {
    serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| DataError::new(Position::new(file, e.line() as u64, e.column()), ErrorKind::BadConfig { reason: e.to_string() }))
}

/// A report's figure with its counts, flagged where they contradict it ([`Point::shown`]).
fn value_text(p: &Point, unit: &str) -> Option<String> {
    p.shown(unit)
}

/// Below this many children in both numerators, a move is "little change (small numbers)";
/// and a move of this many children or fewer is too (see docs/data-format.md).
pub const SMALL_NUMBERS: f64 = 10.0;
pub const SMALL_MOVE: f64 = 2.0;

/// How the direction of travel reads a pair: (direction, words), or the reason there is no
/// comparison. Percentages with counts are compared on the counts (our calculation), so a
/// rounded 2% → 2% from 16/982 to 24/1,028 is a rise; small numbers are little change.
fn travel_words(a: &Point, b: &Point, unit: &str, dp: u8) -> Result<(Direction, String), String> {
    use crate::core::chart::continuity;
    continuity::comparable(a, b).map_err(|e| format!("no comparison: {}", e.reason()))?;
    for p in [a, b] {
        if let Some(c) = format::contradiction(p.value, unit, p.numerator, p.denominator).filter(|_| !p.source_location.starts_with("file ")) {
            return Err(format!("no comparison: the {} figure contradicts its counts ({c})", p.period.label()));
        }
    }
    let (x, y) = (a.value.number().ok_or("no comparison")?, b.value.number().ok_or("no comparison")?);
    let counts = |p: &Point| Some((p.numerator.number()?, p.denominator.number()?));
    if let (Some(n0), Some(n1)) = (a.numerator.number(), b.numerator.number()) {
        if (n0 < SMALL_NUMBERS && n1 < SMALL_NUMBERS) || (n1 - n0).abs() <= SMALL_MOVE {
            return Ok((Direction::Same, format!("little change (small numbers: {} to {})", format::number(n0, 0), format::number(n1, 0))));
        }
    }
    let (dx, dy, ours) = match (unit, counts(a), counts(b)) {
        ("%", Some((n0, d0)), Some((n1, d1))) if d0 > 0.0 && d1 > 0.0 => (n0 / d0 * 100.0, n1 / d1 * 100.0, true),
        _ => (x, y, false),
    };
    let digits = if ours { 1 } else { format::decimals_of(a.value).min(format::decimals_of(b.value)).min(dp) };
    if format::number(dx, digits) == format::number(dy, digits) {
        return Ok((Direction::Same, "little change".into()));
    }
    let d = if dy > dx { Direction::Up } else { Direction::Down };
    let from_counts = if ours { format!(" ({}% to {}% from the counts, our calculation)", format::number(dx, 1), format::number(dy, 1)) } else { String::new() };
    Ok((d, from_counts))
}

/// Checks an official mapping against its file: the file is loaded, the indicator is
/// described and every filter value occurs in its column.
fn resolve_official<'a>(tables: &[(&'a FileEntry, &'a Table)], o: &OfficialConfig) -> Result<(&'a FileEntry, &'a Table), String> {
    let (entry, table) = *tables.iter().find(|(e, _)| e.id == o.file).ok_or_else(|| format!("official file {} is not loaded", o.file))?;
    table.indicator_meta(&o.indicator).ok_or_else(|| format!("{} has no indicator {}", o.file, o.indicator))?;
    for (column, value) in &o.filters {
        let f = table.filter_index(column).ok_or_else(|| format!("{} has no filter column {column}", o.file))?;
        let present = table.strings.find(value).is_some_and(|id| table.filter_values[f].contains(&id));
        if !present {
            return Err(format!("{} has no {column} value \"{value}\"", o.file));
        }
    }
    Ok((entry, table))
}

/// An official figure as the row shows it: the row's unit, and only the counts the row's
/// own indicator links (a rate's population is not printed).
fn official_text(p: &Point, unit: &str, numerator: bool, denominator: bool) -> Option<String> {
    match p.value {
        Cell::Number { .. } => format::with_counts(
            p.value,
            unit,
            if numerator { p.numerator } else { Cell::Empty },
            if denominator { p.denominator } else { Cell::Empty },
        ),
        other => format::cell(other, unit),
    }
}

/// Whether two figures for one period differ at the precision both publish (the value,
/// or the count in brackets when both give one).
fn differ(a: &Point, b: &Point, counts: bool) -> bool {
    let counted = |c: Cell| matches!(c, Cell::Number { .. });
    !same_published(a.value, b.value) || (counts && counted(a.numerator) && counted(b.numerator) && !same_published(a.numerator, b.numerator))
}

/// The latest point of `points` with a value.
fn newest(points: &[Point]) -> Option<&Point> {
    points.iter().filter(|p| !p.value.is_empty()).max_by_key(|p| p.period.sort_key())
}

/// The two points the direction of travel compares: the latest figure and the latest
/// earlier one of the same kind (a full year with a full year, a quarter with the same
/// quarter, a count at a date with the previous count); when the latest has none, the
/// newest figure that has one. Never an in-year figure against a full year.
fn travel_pair<'p>(points: &[&'p Point]) -> Option<(&'p Point, &'p Point)> {
    use crate::core::chart::continuity::comparable;
    (1..points.len()).rev().find_map(|i| {
        let last = points[i];
        // Counts at a date compare with the previous count (31 March with 30 September).
        let same_kind = |p: &&Point| p.period.identifier == last.period.identifier || (p.snapshot.is_some() && last.snapshot.is_some());
        points[..i].iter().rev().find(|p| same_kind(p) && comparable(p, last).is_ok()).map(|prev| (*prev, last))
    })
}

/// Periods as a reader says them: consecutive columns as a range.
fn periods_text(indices: &[usize], periods: &[Period]) -> String {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &i in indices {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == i => *end = i,
            _ => runs.push((i, i)),
        }
    }
    let parts: Vec<String> = runs
        .iter()
        .flat_map(|&(a, b)| match b - a {
            0 => vec![periods[a].label()],
            1 => vec![periods[a].label(), periods[b].label()],
            _ => vec![format!("{} to {}", periods[a].label(), periods[b].label())],
        })
        .collect();
    join_and(&parts)
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// One place for several locations in a document: locations sharing their start (up to a
/// comma) are said once, "…, the column of each"; others are listed.
fn common_location(locations: &[String]) -> String {
    /// Length of the start `a` and `b` share, ending before a ", " (at least 20 bytes).
    fn shared(a: &str, b: &str) -> Option<usize> {
        let mut n = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
        while !a.is_char_boundary(n) {
            n -= 1;
        }
        if (n == a.len() && b[n..].starts_with(", ")) || (n == b.len() && a[n..].starts_with(", ")) {
            return Some(n);
        }
        let cut = a[..n].rfind(", ")?;
        (cut >= 20).then_some(cut)
    }
    // (the location, or the start several share; whether several do)
    let mut clusters: Vec<(String, bool)> = Vec::new();
    for l in locations.iter().filter(|l| !l.is_empty()) {
        if clusters.iter().any(|(c, merged)| !merged && c == l) {
            continue;
        }
        match clusters.iter_mut().find(|(c, _)| shared(c, l).is_some()) {
            Some((c, merged)) => {
                let n = shared(c, l).unwrap_or(c.len());
                c.truncate(n);
                *merged = true;
            }
            None => clusters.push((l.clone(), false)),
        }
    }
    clusters.into_iter().map(|(c, merged)| if merged { format!("{c}, the column of each") } else { c }).collect::<Vec<_>>().join("; ")
}

/// What a part of a row shows and where it comes from: (what, source id, location).
type Origin = (String, String, String);

/// The row's source line: each document once, with what it gives and where.
fn source_line(config: &SiteConfig, periods: &[Period], cells: &[(usize, &Point)], others: &[Origin]) -> String {
    // (source id, column indices, other parts, locations)
    let mut groups: Vec<(String, Vec<usize>, Vec<String>, Vec<String>)> = Vec::new();
    let mut add = |id: &str, col: Option<usize>, what: Option<&str>, location: &str| {
        let i = match groups.iter().position(|g| g.0 == id) {
            Some(i) => i,
            None => {
                groups.push((id.to_string(), Vec::new(), Vec::new(), Vec::new()));
                groups.len() - 1
            }
        };
        let g = &mut groups[i];
        if let Some(c) = col {
            if !g.1.contains(&c) {
                g.1.push(c);
            }
        }
        if let Some(w) = what {
            if !g.2.iter().any(|x| x == w) {
                g.2.push(w.to_string());
            }
        }
        g.3.push(location.to_string());
    };
    for (i, p) in cells {
        add(&p.source, Some(*i), None, &p.source_location);
    }
    for (what, id, location) in others {
        add(id, None, Some(what), location);
    }
    groups
        .into_iter()
        .map(|(id, mut cols, whats, locations)| {
            cols.sort_unstable();
            let mut what: Vec<String> = Vec::new();
            if !cols.is_empty() {
                what.push(periods_text(&cols, periods));
            }
            what.extend(whats);
            let title = config.source(&id).map_or(id.clone(), |s| s.title.clone());
            let location = common_location(&locations);
            let place = if location.is_empty() { title } else { format!("{title}, {location}") };
            format!("{}: {place}", join_and(&what))
        })
        .collect::<Vec<_>>()
        .join(". ")
}

/// Builds the scorecard from the loaded tables (no neighbours' median or ranks).
pub fn build(config: &SiteConfig, tables: &[(&FileEntry, &Table)], card: &ScorecardConfig) -> Scorecard {
    build_with(config, tables, card, Extras::default())
}

/// Builds the scorecard from the loaded tables, with the area's statistical neighbours and
/// ranks for rows that have an official equivalent.
pub fn build_with(config: &SiteConfig, tables: &[(&FileEntry, &Table)], card: &ScorecardConfig, extras: Extras) -> Scorecard {
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
    let any_official = card.groups.iter().flat_map(|g| &g.measures).any(|m| m.official.is_some());
    // Column headers stay short so the table fits an A4 landscape page. With official
    // figures, the report's own neighbour figure is told apart from our median.
    let mut benchmark_names: Vec<String> = bench_codes
        .iter()
        .map(|c| {
            let name = name_of(c);
            match c.starts_with("SN-") {
                true if any_official => "Statistical neighbours (report's figure)".to_string(),
                true if name.to_ascii_lowercase().contains("statistical") => "Statistical neighbours".to_string(),
                true => "Comparator authorities".to_string(),
                false => name,
            }
        })
        .collect();
    let median_at = (any_official && !extras.neighbours.is_empty()).then(|| {
        let at = bench_codes.iter().position(|c| c.starts_with("SN-")).unwrap_or(bench_codes.len());
        benchmark_names.insert(at, NEIGHBOUR_MEDIAN.to_string());
        at
    });

    struct Official<'a> {
        config: &'a OfficialConfig,
        points: Vec<Point>,
        /// Per benchmark code.
        benchmarks: Vec<Vec<Point>>,
        /// (period, median, source id) of the neighbours in the latest period they publish.
        median: Option<(Period, super::stats::Average, String)>,
    }
    struct Found<'a> {
        label: String,
        unit: String,
        dp: u8,
        polarity: Polarity,
        numerator: bool,
        denominator: bool,
        points: Vec<Point>,
        benchmarks: Vec<Vec<Point>>,
        measure: &'a MeasureConfig,
        official: Option<Official<'a>>,
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
            if m.official.is_some() && m.no_official.is_some() {
                missing.push(format!("{label}: both official and no_official are given"));
            }
            let code = m.area.clone().unwrap_or_else(|| card.area.clone());
            let filters: Vec<(&str, &str)> = m.filters.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
            let points = select(table, &m.indicator, &filters, &[&code]).into_iter().next().map(|s| s.points).unwrap_or_default();
            let benchmarks = bench_codes
                .iter()
                .map(|b| select(table, &m.indicator, &filters, &[b]).into_iter().next().map(|s| s.points).unwrap_or_default())
                .collect();
            let official = m.official.as_ref().and_then(|o| match resolve_official(tables, o) {
                Err(why) => {
                    missing.push(format!("{label}: {why}"));
                    None
                }
                Ok((entry, t)) => {
                    let of: Vec<(&str, &str)> = o.filters.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
                    let name = entry.path.rsplit('/').next().unwrap_or(&entry.path);
                    let values: Vec<&str> = o.filters.iter().map(|(_, v)| v.as_str()).collect();
                    let location = if values.is_empty() { format!("{name}, {}", o.indicator) } else { format!("{name}, {}: {}", values.join(" / "), o.indicator) };
                    let with_location = |pts: Vec<Point>| -> Vec<Point> {
                        pts.into_iter()
                            .map(|mut p| {
                                p.source_location = location.clone();
                                p
                            })
                            .collect()
                    };
                    let points = with_location(select(t, &o.indicator, &of, &[&code]).into_iter().next().map(|s| s.points).unwrap_or_default());
                    if points.is_empty() {
                        missing.push(format!("{label}: {} has no figures for {code}", o.file));
                    }
                    let benchmarks = bench_codes
                        .iter()
                        .map(|b| match b.starts_with("SN-") {
                            true => Vec::new(),
                            false => with_location(select(t, &o.indicator, &of, &[b]).into_iter().next().map(|s| s.points).unwrap_or_default()),
                        })
                        .collect();
                    let median = (code == card.area && !extras.neighbours.is_empty())
                        .then(|| {
                            let codes: Vec<&str> = extras.neighbours.iter().map(String::as_str).collect();
                            let series = select(t, &o.indicator, &of, &codes);
                            let latest = series.iter().flat_map(|s| &s.points).filter(|p| !p.value.is_empty()).max_by_key(|p| p.period.sort_key())?;
                            let period = latest.period;
                            let cells: Vec<Cell> = extras
                                .neighbours
                                .iter()
                                .map(|n| series.iter().find(|s| s.geography.code == *n).and_then(|s| s.points.iter().find(|p| p.period == period)).map_or(Cell::Empty, |p| p.value))
                                .collect();
                            super::stats::neighbour_average(&cells).map(|avg| (period, avg, latest.source.clone()))
                        })
                        .flatten();
                    Some(Official { config: o, points, benchmarks, median })
                }
            });
            rows.push(Found {
                label,
                unit: meta.unit.clone(),
                dp: meta.dp,
                polarity: meta.polarity,
                numerator: meta.numerator.is_some(),
                denominator: meta.denominator.is_some(),
                points,
                benchmarks,
                measure: m,
                official,
            });
        }
        found_groups.push((g.question.clone(), rows));
    }
    // Columns: as configured, else the most recent years or quarters with a value in any row.
    let configured: Vec<Period> = card
        .columns
        .iter()
        .filter_map(|(tp, ti)| TimeIdentifier::parse(ti).and_then(|i| Period::parse(tp, i)))
        .collect();
    let periods = if !configured.is_empty() {
        configured
    } else {
        use TimeIdentifier::{Month, Week};
        let mut periods: Vec<Period> = Vec::new();
        for (_, rows) in &found_groups {
            for r in rows {
                for p in r.points.iter().chain(r.official.iter().flat_map(|o| &o.points)) {
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
    let rows_of = || found_groups.iter().flat_map(|(_, rows)| rows.iter());
    let official_columns: Vec<bool> = periods
        .iter()
        .map(|q| {
            rows_of().any(|r| r.official.as_ref().is_some_and(|o| o.points.iter().any(|p| p.period == *q)))
                && !rows_of().any(|r| r.points.iter().any(|p| p.period == *q))
        })
        .collect();
    let official_note = {
        let cols: Vec<usize> = (0..periods.len()).filter(|&i| official_columns[i]).collect();
        let in_year: Vec<String> = periods.iter().filter(|p| !matches!(p.identifier, TimeIdentifier::FinancialYear | TimeIdentifier::ReportingYear)).map(|p| p.label()).collect();
        match cols.is_empty() {
            true => String::new(),
            false => {
                let mut s = format!("{}: the Department for Education's figures (at or in the year to 31 March).", periods_text(&cols, &periods));
                if !in_year.is_empty() {
                    s.push_str(&format!(" {} {} part of a year, not the full year.", join_and(&in_year), if in_year.len() == 1 { "is" } else { "are" }));
                }
                s.push_str(" \"DfE:\" gives DfE's figure where it differs from the report's for the same year.");
                s
            }
        }
    };

    let mut sources: Vec<String> = Vec::new();
    let mut note_source = |id: &str| {
        let title = config.source(id).map_or(id.to_string(), |s| s.title.clone());
        if !sources.contains(&title) {
            sources.push(title);
        }
    };
    let neighbour_model = config.sources.iter().find(|s| s.title.to_ascii_lowercase().contains("statistical neighbour")).map(|s| s.id.clone());
    let groups: Vec<Group> = found_groups
        .iter()
        .map(|(question, rows)| Group {
            question: question.clone(),
            rows: rows
                .iter()
                .map(|f| {
                    let off = f.official.as_ref();
                    let off_points: &[Point] = off.map_or(&[], |o| &o.points);
                    for p in f.points.iter().chain(off_points) {
                        note_source(&p.source);
                    }
                    let at = |pts: &'_ [Point], period: &Period| pts.iter().find(|p| p.period == *period).cloned();
                    let off_text = |p: &Point| official_text(p, &f.unit, f.numerator, f.denominator);
                    // What each column shows: the report's figure where it has one, else DfE's.
                    let mut cells = Vec::new();
                    let mut also = Vec::new();
                    let mut shown_at: Vec<(usize, Point)> = Vec::new();
                    let mut also_at: Vec<usize> = Vec::new();
                    for (i, q) in periods.iter().enumerate() {
                        match (at(&f.points, q), at(off_points, q)) {
                            (Some(l), o) => {
                                cells.push(value_text(&l, &f.unit));
                                let second = o.filter(|o| differ(&l, o, f.numerator)).and_then(|o| off_text(&o)).map(|t| format!("DfE: {t}"));
                                if second.is_some() {
                                    also_at.push(i);
                                }
                                also.push(second);
                                shown_at.push((i, l));
                            }
                            (None, Some(o)) => {
                                cells.push(off_text(&o));
                                also.push(None);
                                shown_at.push((i, o));
                            }
                            (None, None) => {
                                cells.push(None);
                                also.push(None);
                            }
                        }
                    }
                    // Every figure the row has, one per period: the report's first.
                    let mut shown: Vec<Point> = f.points.clone();
                    for p in off_points {
                        if !shown.iter().any(|q| q.period == p.period) {
                            shown.push(p.clone());
                        }
                    }
                    shown.sort_by_key(|p| p.period.sort_key());
                    let spark = spark_points(&periods, &shown);
                    let latest_point = newest(&shown);
                    let latest = latest_point.and_then(|p| {
                        // `shown` holds the report's figure for a period it has, DfE's otherwise.
                        let text = if f.points.iter().any(|l| l.period == p.period) { value_text(p, &f.unit) } else { off_text(p) };
                        text.map(|t| (t, p.period.label()))
                    });
                    let numbered: Vec<&Point> = {
                        let mut v: Vec<&Point> = shown.iter().filter(|p| p.value.number().is_some()).collect();
                        v.dedup_by_key(|p| p.period);
                        v
                    };
                    // Never a direction from a latest figure that is not a number.
                    let latest_is_number = latest_point.is_some_and(|p| p.value.number().is_some());
                    let pair = travel_pair(&numbered).filter(|_| latest_is_number);
                    let read = pair.map(|(a, b)| travel_words(a, b, &f.unit, f.dp));
                    let direction = read.as_ref().and_then(|r| r.as_ref().ok()).map(|(d, _)| *d);
                    let travel = match (&read, latest_point) {
                        (Some(Ok((d, extra))), _) => {
                            let word = match d {
                                Direction::Same => extra.clone(),
                                _ => format!("{}{extra}", judge(*d, f.polarity).map(str::to_string).unwrap_or_else(|| if *d == Direction::Up { "up".into() } else { "down".into() })),
                            };
                            Some(if *d == Direction::Same && extra.is_empty() { "little change".into() } else { word })
                        }
                        (Some(Err(why)), _) => Some(why.clone()),
                        (None, Some(p)) if !latest_is_number => Some(format!("no comparison: the latest figure ({}) is {}", p.period.label(), format::cell(p.value, &f.unit).unwrap_or_default())),
                        _ => None,
                    };
                    // A gap in the years compared is said in words.
                    let travel_periods = pair.map(|(a, b)| {
                        let gap = match crate::core::chart::continuity::joinable(a, b) {
                            Err(crate::core::chart::continuity::Break::Gap { missing }) => format!(" (no figures for {missing})"),
                            _ => String::new(),
                        };
                        format!("{} to {}{gap}", a.period.label(), b.period.label())
                    });
                    // Benchmarks: the official file's National and Regional rows for a mapped
                    // row (its latest year), else the report's; the neighbours' median; the
                    // report's own neighbour figure.
                    let mut origins: Vec<Origin> = Vec::new();
                    let mut benchmarks: Vec<(String, Option<String>)> = Vec::new();
                    let mut official_england: Option<&Vec<Point>> = None;
                    for (k, (code, local)) in bench_codes.iter().zip(&f.benchmarks).enumerate() {
                        let name = benchmark_names[if median_at.is_some_and(|m| k >= m) { k + 1 } else { k }].clone();
                        let from_official = off.and_then(|o| newest(&o.benchmarks[k]).map(|p| (p, &o.benchmarks[k])));
                        let text = match from_official {
                            Some((p, all)) => {
                                if code == ENGLAND {
                                    official_england = Some(all);
                                }
                                origins.push((name.clone(), p.source.clone(), p.source_location.clone()));
                                format::cell(p.value, &f.unit).map(|t| format!("{t} ({})", p.period.label()))
                            }
                            None => newest(local).and_then(|p| {
                                origins.push((name.clone(), p.source.clone(), p.source_location.clone()));
                                value_text(p, &f.unit).map(|t| format!("{t} ({})", p.period.label()))
                            }),
                        };
                        benchmarks.push((name, text));
                    }
                    let mut median_source = String::new();
                    if let Some(m) = median_at {
                        let text = off.and_then(|o| o.median.as_ref()).map(|(period, avg, source)| {
                            note_source(source);
                            let model = neighbour_model.as_ref().map(|id| {
                                note_source(id);
                                config.source(id).map_or(id.clone(), |s| s.title.clone())
                            });
                            median_source = format!(
                                "{NEIGHBOUR_MEDIAN}: the {} of the figures {} of the area's {} neighbours publish for {} in the same DfE file{}",
                                avg.statistic.word(),
                                avg.contributed,
                                avg.of,
                                period.label(),
                                model.map(|m| format!(" (neighbours from {m})")).unwrap_or_default()
                            );
                            format!("{} ({}; {} of {})", avg.text(&f.unit), period.label(), avg.contributed, avg.of)
                        });
                        benchmarks.insert(m, (NEIGHBOUR_MEDIAN.to_string(), text));
                    }
                    let status = match (off, official_england) {
                        (Some(_), Some(england)) => {
                            // Against England in the newest full year both publish.
                            let years: Vec<Point> = shown.iter().filter(|p| p.period.identifier == TimeIdentifier::FinancialYear).cloned().collect();
                            standing(&f.measure.target, f.polarity, &years, england, &f.unit)
                        }
                        _ => standing(&f.measure.target, f.polarity, &f.points, &f.benchmarks[0], &f.unit),
                    };
                    for (_, id, _) in &origins {
                        note_source(id);
                    }
                    if let Some(o) = also_at.first().and_then(|&i| at(off_points, &periods[i])) {
                        origins.insert(0, (format!("DfE's figures beside {}", periods_text(&also_at, &periods)), o.source.clone(), o.source_location.clone()));
                    }
                    // A latest figure for a period no column shows (a month's verbal update)
                    // is named with its own source and note.
                    let mut notes: Vec<String> = Vec::new();
                    if let Some(p) = latest_point.filter(|p| !periods.contains(&p.period)) {
                        if !p.note.is_empty() {
                            notes.push(format!("Latest ({}): {}", p.period.label(), p.note));
                        }
                        origins.push((format!("the latest figure ({})", p.period.label()), p.source.clone(), p.source_location.clone()));
                    }
                    let cell_refs: Vec<(usize, &Point)> = shown_at.iter().map(|(i, p)| (*i, p)).collect();
                    let mut source = source_line(config, &periods, &cell_refs, &origins);
                    if !median_source.is_empty() {
                        source.push_str(&format!(". {median_source}"));
                    }
                    let rank = off.and_then(|o| {
                        let words = match f.polarity {
                            Polarity::HigherIsBetter => "higher is better",
                            Polarity::LowerIsBetter => "lower is better",
                            Polarity::Neither => return None,
                        };
                        let row = extras.ranks.iter().find(|r| r.matches(&o.config.file, &o.config.indicator, &o.config.filters))?;
                        Some(row.sentence(words))
                    });
                    notes.extend(off.and_then(|o| o.config.note.clone()));
                    Row {
                        label: f.label.clone(),
                        cells,
                        also,
                        latest,
                        benchmarks,
                        direction,
                        travel,
                        travel_periods,
                        status,
                        spark,
                        source,
                        official: off.is_some(),
                        no_official: f.measure.no_official.clone(),
                        rank,
                        notes,
                        measure: f.measure.clone(),
                        area: f.measure.area.clone().unwrap_or_else(|| card.area.clone()),
                    }
                })
                .collect(),
        })
        .collect();
    Scorecard {
        id: card.id.clone(),
        title: card.title.clone(),
        area_name,
        periods,
        official_columns,
        benchmark_names,
        groups,
        source_note: card.source_note.clone(),
        official_note,
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
    // The newest period with any value (a suppressed figure included): a comparison in an
    // earlier period names it.
    let newest = points.iter().filter(|p| !p.value.is_empty()).max_by_key(|p| p.period.sort_key());
    let newest_period = newest.map_or(latest.period, |p| p.period);
    // No verdict on a latest figure that is not a number, or that contradicts its counts.
    if let Some(p) = newest.filter(|p| p.value.number().is_none()) {
        return Some((Standing::NotCompared, format!("No comparison: the latest figure ({}) is {}", p.period.label(), format::cell(p.value, unit).unwrap_or_default())));
    }
    if let Some(c) = format::contradiction(latest.value, unit, latest.numerator, latest.denominator).filter(|_| !latest.source_location.starts_with("file ")) {
        return Some((Standing::NotCompared, format!("No comparison: the latest figure contradicts its counts ({c})")));
    }
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
    // A verdict only against England's figure for the same period as the area's (the
    // latest both publish, named when it is not the latest of either: England's column
    // shows its latest); none across periods.
    let england_latest = eng.first().map(|e| e.period);
    let (a, e, detail) = match shared {
        Some((a, e)) if a.period == latest.period && a.period == newest_period && Some(e.period) == england_latest => (a, e, format!("({})", text(e))),
        Some((a, e)) => (a, e, format!("in {} ({} vs {})", a.period.label(), text(a), text(e))),
        None => {
            let e = eng.first()?;
            return Some((Standing::NotCompared, format!("No comparison: England's latest figure is for {} ({}), this one for {}", e.period.label(), text(e), latest.period.label())));
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
/// A row's sparkline figures: its numbers in the card's periods, placed by date (the day
/// counted, or the period's last day) across the card's span, joined only where a chart's
/// line would join them ([`continuity::joinable`]).
/// The sparkline points of `shown` (a series' drawn figures) across `periods`.
pub fn spark_points(periods: &[Period], shown: &[Point]) -> Vec<SparkPoint> {
    use crate::core::chart::continuity::{date_of, day_number, joinable};
    let end = |q: &Period| day_number(q.bounds().1) as f64;
    let (first, last) = match (periods.first(), periods.last()) {
        (Some(a), Some(b)) => (end(a), end(b)),
        _ => return Vec::new(),
    };
    let span = (last - first).max(1.0);
    let mut out: Vec<SparkPoint> = Vec::new();
    let mut prev: Option<&Point> = None;
    for (column, q) in periods.iter().enumerate() {
        let Some(p) = shown.iter().find(|p| p.period == *q) else { continue };
        let Some(value) = p.value.number() else {
            prev = None;
            continue;
        };
        let joins = prev.is_some_and(|a| joinable(a, p).is_ok());
        let at = ((day_number(date_of(p)) as f64 - first) / span).clamp(0.0, 1.0);
        out.push(SparkPoint { column, at, value, joins });
        prev = Some(p);
    }
    out
}

/// A small trend line: figures placed in proportion to time, lines only between joinable
/// figures, one dot per figure; no text (the row's cells carry the values).
pub fn sparkline(points: &[SparkPoint], width: u32, height: u32) -> String {
    let mut svg = format!("<svg class=\"sparkline\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" aria-hidden=\"true\" focusable=\"false\" xmlns=\"http://www.w3.org/2000/svg\">");
    if !points.is_empty() {
        let (min, max) = points.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| (a.min(p.value), b.max(p.value)));
        let span = if max > min { max - min } else { 1.0 };
        let x = |at: f64| 3.0 + (width as f64 - 6.0) * at;
        let y = |v: f64| if max > min { 3.0 + (height as f64 - 6.0) * (1.0 - (v - min) / span) } else { height as f64 / 2.0 };
        for w in points.windows(2) {
            if w[1].joins {
                svg.push_str(&format!("<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#12436d\" stroke-width=\"2\"/>", x(w[0].at), y(w[0].value), x(w[1].at), y(w[1].value)));
            }
        }
        for p in points {
            svg.push_str(&format!("<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2.5\" fill=\"#12436d\"/>", x(p.at), y(p.value)));
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(period: &str, identifier: &str, value: f64) -> Point {
        Point {
            period: Period::parse(period, TimeIdentifier::parse(identifier).unwrap()).unwrap(),
            value: Cell::Number { value, decimals: 0 },
            numerator: Cell::Empty,
            denominator: Cell::Empty,
            snapshot: None,
            source: "s".into(),
            source_location: String::new(),
            note: String::new(),
            basis: Default::default(),
            coverage: String::new(),
            conflict: None,
            line: 0,
        }
    }

    #[test]
    fn direction_compares_a_full_year_with_a_full_year_never_with_part_of_one() {
        let (a, b, q2) = (point("202021", "Financial year", 1.0), point("202122", "Financial year", 2.0), point("202223", "Financial year Q2", 9.0));
        let pts = [&a, &b, &q2];
        let (x, y) = travel_pair(&pts).unwrap();
        assert_eq!((x.period.label(), y.period.label()), ("2020-21".to_string(), "2021-22".to_string()));
        let later_q2 = point("202324", "Financial year Q2", 5.0);
        let pts = [&a, &q2, &b, &later_q2];
        let (x, y) = travel_pair(&pts).unwrap();
        assert_eq!((x.period.label(), y.period.label()), ("Q2 2022-23".to_string(), "Q2 2023-24".to_string()), "a quarter with the same quarter");
        assert!(travel_pair(&[&q2]).is_none());
        // A latest figure with no earlier one of its kind: the newest pair that has one.
        let month = point("2022", "November", 44.0);
        let pts = [&a, &b, &later_q2, &month];
        let (x, y) = travel_pair(&pts).unwrap();
        assert_eq!((x.period.label(), y.period.label()), ("2020-21".to_string(), "2021-22".to_string()));
    }

    #[test]
    fn status_names_the_period_when_englands_column_shows_a_later_year() {
        let area = [point("202122", "Financial year", 59.0)];
        let england = [point("202122", "Financial year", 70.0), point("202425", "Financial year", 67.0)];
        let (s, words) = standing(&None, Polarity::Neither, &area, &england, "").unwrap();
        assert_eq!((s, words.as_str()), (Standing::Neutral, "Below England in 2021-22 (59 vs 70)"));
        let (_, words) = standing(&None, Polarity::Neither, &area, &england[..1], "").unwrap();
        assert_eq!(words, "Below England (70)", "same period as England's column: not repeated");
    }

    #[test]
    fn locations_in_one_document_are_said_once() {
        let l = |s: &str| s.to_string();
        let cols = [l("Scorecard, table 'Q', row 'R', 2018/19 column"), l("Scorecard, table 'Q', row 'R', 2019/20 column"), l("Scorecard, table 'Q', row 'R', England column")];
        assert_eq!(common_location(&cols), "Scorecard, table 'Q', row 'R', the column of each");
        assert_eq!(common_location(&[l("p.30"), l("p.30")]), "p.30");
        assert_eq!(common_location(&[l("p.30"), l("slide 4")]), "p.30; slide 4");
        let periods: Vec<Period> = ["201819", "201920", "202021", "202122"].iter().map(|p| Period::parse(p, TimeIdentifier::FinancialYear).unwrap()).collect();
        assert_eq!(periods_text(&[0, 1, 2], &periods), "2018-19 to 2020-21");
        assert_eq!(periods_text(&[0, 2, 3], &periods), "2018-19, 2020-21 and 2021-22");
    }

    #[test]
    fn sparkline_breaks_at_gaps_and_holds_only_numbers() {
        let periods: Vec<Period> = ["201819", "201920", "202021", "202122"].iter().map(|y| Period::parse(y, TimeIdentifier::FinancialYear).unwrap()).collect();
        let shown = vec![point("201819", "Financial year", 1.0), point("202021", "Financial year", 3.0), point("202122", "Financial year", 2.0)];
        let spark = spark_points(&periods, &shown);
        assert_eq!(spark.iter().map(|p| p.joins).collect::<Vec<_>>(), [false, false, true]);
        assert_eq!(spark.iter().map(|p| p.column).collect::<Vec<_>>(), [0, 2, 3]);
        assert!((spark[1].at - 2.0 / 3.0).abs() < 0.01, "placed by date: {}", spark[1].at);
        let s = sparkline(&spark, 80, 24);
        assert_eq!(s.matches("<line").count(), 1, "only the consecutive pair is joined");
        assert_eq!(s.matches("<circle").count(), 3);
        assert!(!s.contains("<text"));
    }
}
