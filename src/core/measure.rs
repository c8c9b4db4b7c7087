//! Measures published by more than one file, mapped onto each file by meaning
//! (configured under `measures` in `site.json`; see docs/data-format.md).

use std::fmt;

use super::cell::Cell;
use super::config::{MeasurePart, SiteConfig};
use super::table::Table;

/// A measure part resolved against one loaded file: the column and filter values it uses.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    pub indicator: String,
    pub filters: Vec<(String, String)>,
    pub at_end: bool,
}

/// Why a configured part does not match its file (a release renamed a column or reworded
/// a filter): says which `site.json` line to change.
#[derive(Clone, Debug, PartialEq)]
pub struct MappingProblem {
    pub measure: String,
    pub file: String,
    /// The part's file id (its `"file"` in `site.json`), to find the line to change.
    pub part_file: String,
    /// What was looked for and not found, e.g. `indicator rate_per_10000`.
    pub wanted: String,
    /// What the file has instead (column names or filter values).
    pub found: Vec<String>,
}

impl fmt::Display for MappingProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut found = self.found.iter().take(8).cloned().collect::<Vec<_>>().join(", ");
        if self.found.len() > 8 {
            found.push_str(", …");
        }
        write!(
            f,
            "measure \"{}\" does not match {}: no {} (the file has: {}); add the new name to that part's list in site.json \"measures\"",
            self.measure, self.file, self.wanted, found
        )
    }
}

/// Finds the part's indicator column (first listed name present) and filter values (first
/// listed value present in that filter column).
pub fn resolve(measure: &str, table: &Table, part: &MeasurePart) -> Result<Resolved, MappingProblem> {
    let problem = |wanted: String, found: Vec<String>| MappingProblem { measure: measure.to_string(), file: table.file.clone(), part_file: part.file.clone(), wanted, found };
    let indicator = part
        .indicator
        .iter()
        .find(|i| table.indicator_index(i).is_some())
        .ok_or_else(|| problem(format!("indicator column {}", part.indicator.join(" or ")), table.indicators.clone()))?;
    let mut filters = Vec::new();
    for (column, values) in &part.filters {
        let Some(f) = table.filter_index(column) else {
            return Err(problem(format!("filter column {column}"), table.filters.clone()));
        };
        let present = |v: &String| table.strings.find(v).is_some_and(|id| table.filter_values[f].contains(&id));
        let Some(v) = values.iter().find(|v| present(v)) else {
            let mut found: Vec<String> = Vec::new();
            for &id in &table.filter_values[f] {
                let t = table.text(id).to_string();
                if !found.contains(&t) {
                    found.push(t);
                }
            }
            return Err(problem(format!("{column} value \"{}\"", values.join("\" or \"")), found));
        };
        filters.push((column.clone(), v.clone()));
    }
    Ok(Resolved { indicator: indicator.clone(), filters, at_end: part.at_end })
}

/// Every configured measure part whose file is loaded, checked against it.
pub fn check_all(config: &SiteConfig, tables: &[(&str, &Table)]) -> Vec<MappingProblem> {
    let mut out = Vec::new();
    for m in &config.measures {
        for part in &m.parts {
            if let Some((_, t)) = tables.iter().find(|(id, _)| *id == part.file) {
                if let Err(p) = resolve(&m.id, t, part) {
                    out.push(p);
                }
            }
        }
    }
    out
}

/// Whether two cells state the same figure at the precision both publish: numbers are
/// compared rounded to the fewer decimals of the two (`7.0` and `7`, `87.0` and `87`
/// agree; `982` and `984` do not); symbols must be the same symbol.
pub fn same_published(a: Cell, b: Cell) -> bool {
    match (a, b) {
        (Cell::Number { value: x, decimals: dx }, Cell::Number { value: y, decimals: dy }) => {
            let scale = 10f64.powi(dx.min(dy) as i32);
            (x * scale).round() == (y * scale).round()
        }
        (a, b) => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(value: f64, decimals: u8) -> Cell {
        Cell::Number { value, decimals }
    }

    #[test]
    fn figures_agree_at_the_precision_published() {
        assert!(same_published(n(7.0, 1), n(7.0, 0)));
        assert!(same_published(n(87.0, 1), n(87.0, 1)));
        assert!(same_published(n(99.4, 1), n(99.0, 0)));
        assert!(!same_published(n(982.0, 0), n(984.0, 0)));
        assert!(!same_published(n(96.0, 0), n(99.0, 0)));
        assert!(!same_published(n(7.0, 0), Cell::Symbol(crate::core::cell::Symbol::Suppressed)));
    }
}
