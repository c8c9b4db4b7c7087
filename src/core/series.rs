//! Indicator series: the values of one indicator for chosen places, in time order.

use super::cell::Cell;
use super::geography::Geography;
use super::period::{Date, Period};
use super::table::Table;

/// One value with everything a table row or tooltip shows about it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Point {
    pub period: Period,
    pub value: Cell,
    pub numerator: Cell,
    pub denominator: Cell,
    pub snapshot: Option<Date>,
    pub source: String,
    pub source_location: String,
    pub note: String,
    /// What the figure covers within its period (year to date, rolling…).
    pub basis: crate::core::period::Basis,
    /// How the figure's definition differs from the indicator's, as the source states it
    /// (`ages 17-24`); figures of different coverage are not joined.
    pub coverage: String,
    /// Conflict id when another source gives a different value for this observation.
    pub conflict: Option<String>,
    /// Line of the data file.
    pub line: u64,
}

impl Point {
    /// The value as shown, with its counts ([`super::format::with_counts`]), flagged where a
    /// report's percentage contradicts its own counts: "66% (27 / 79) ⚠ 27 / 79 is 34%".
    /// Official files (located as "file …") are not checked: DfE computes its rates from
    /// unrounded counts and prints the counts rounded.
    pub fn shown(&self, unit: &str) -> Option<String> {
        let text = super::format::with_counts(self.value, unit, self.numerator, self.denominator)?;
        let official = self.source_location.starts_with("file ");
        match super::format::contradiction(self.value, unit, self.numerator, self.denominator).filter(|_| !official) {
            Some(c) => Some(format!("{text} ⚠ {c}")),
            None => Some(text),
        }
    }
}

/// The points of one place.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub geography: Geography,
    pub points: Vec<Point>,
}

/// Selects `indicator` for each of `codes` (in that order; places with no values are
/// left out). Rows must match `filters` (column, value); a filter not named must be
/// `Total`. Numerator and denominator come from the indicator's meta links and may sit
/// on another row with the same period, place and filters.
///
/// Periods are placed by [`Period::canonical`]; with `at_end`, a point without a
/// `snapshot_date` is dated at its period's last day (a count "on 31 March").
pub fn select(table: &Table, indicator: &str, filters: &[(&str, &str)], codes: &[&str]) -> Vec<Series> {
    select_with(table, indicator, filters, codes, false)
}

/// [`select`], choosing whether undated points are counts at the end of their period.
pub fn select_with(table: &Table, indicator: &str, filters: &[(&str, &str)], codes: &[&str], at_end: bool) -> Vec<Series> {
    let Some(ind) = table.indicator_index(indicator) else { return Vec::new() };
    let meta = table.indicator_meta(indicator);
    let link = |name: Option<&String>| name.and_then(|n| table.indicator_index(n));
    let numerator = link(meta.and_then(|m| m.numerator.as_ref()));
    let denominator = link(meta.and_then(|m| m.denominator.as_ref()));
    let wanted: Vec<Option<u32>> = table
        .filters
        .iter()
        .map(|f| {
            let value = filters.iter().find(|(name, _)| name == f).map_or("Total", |(_, v)| v);
            table.strings.find(value)
        })
        .collect();
    let matches = |row: usize| {
        wanted.iter().enumerate().all(|(f, w)| w.is_some_and(|id| table.filter_values[f][row] == id))
    };
    let mut out = Vec::new();
    for code in codes {
        let Some(geo) = table.geography_index(code) else { continue };
        let rows: Vec<usize> = table.rows_of(geo).filter(|&r| matches(r)).collect();
        let other_cell = |col: Option<usize>, period: Period| -> Cell {
            col.and_then(|c| {
                rows.iter().map(|&r| table.values[c][r]).zip(rows.iter()).find(|(v, &r)| !v.is_empty() && table.period[r] == period).map(|(v, _)| v)
            })
            .unwrap_or(Cell::Empty)
        };
        let mut points: Vec<Point> = rows
            .iter()
            .filter(|&&r| !table.values[ind][r].is_empty())
            .map(|&r| {
                let period = table.period[r];
                let snapshot = table.snapshot[r].or_else(|| at_end.then(|| period.bounds().1));
                let conflict = table.text(table.conflict[r]);
                Point {
                    period: period.canonical(),
                    value: table.values[ind][r],
                    numerator: other_cell(numerator, period),
                    denominator: other_cell(denominator, period),
                    snapshot,
                    source: table.text(table.source[r]).to_string(),
                    source_location: table.text(table.source_location[r]).to_string(),
                    note: table.text(table.note[r]).to_string(),
                    basis: table.basis_of(r),
                    coverage: table.coverage_of(r).to_string(),
                    conflict: (!conflict.is_empty()).then(|| conflict.to_string()),
                    line: table.line[r],
                }
            })
            .collect();
        if points.is_empty() {
            continue;
        }
        points.sort_by_key(|p| p.period.sort_key());
        out.push(Series { geography: table.geographies[geo as usize].clone(), points });
    }
    out
}
