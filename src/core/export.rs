//! Downloads: the current view of a chart as CSV, with sources and symbols, safe to open
//! in a spreadsheet.

use super::cell::Cell;
use super::chart::model::Chart;
use super::config::SiteConfig;

/// Quotes a CSV field when needed, and neutralises spreadsheet formulas: a text field
/// starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'` so
/// spreadsheet programs show it as text instead of running it (OWASP "CSV injection").
pub fn field(s: &str) -> String {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let s = if risky { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// A number as published (never neutralised: it is ours, not text from a file).
fn number(c: Cell) -> String {
    match c {
        Cell::Number { value, decimals } => format!("{value:.*}", decimals as usize),
        Cell::Symbol(s) => s.code().to_string(),
        Cell::Empty => String::new(),
    }
}

/// The chart's points as CSV: one row per value, with period, date counted, place,
/// category, value or GSS symbol, its meaning, counts, source and note.
pub fn chart_csv(chart: &Chart, config: &SiteConfig) -> String {
    let mut out = String::from("indicator,period,time_period,time_identifier,snapshot_date,place,category,value,unit,status,numerator,denominator,source,source_location,conflict,note\n");
    for (place, category, p, unit) in chart.points() {
        let status = match p.value {
            Cell::Symbol(s) => s.meaning().to_string(),
            Cell::Number { .. } => String::new(),
            Cell::Empty => "no data".into(),
        };
        let source = config.source(&p.source).map_or(p.source.clone(), |s| s.title.clone());
        let snapshot = p.snapshot.map(|d| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)).unwrap_or_default();
        let row = [
            field(chart.title()),
            field(&p.period.label()),
            p.period.code(),
            field(&p.period.identifier.name()),
            snapshot,
            field(&place),
            field(category.as_deref().unwrap_or("")),
            number(p.value),
            field(&unit),
            field(&status),
            number(p.numerator),
            number(p.denominator),
            field(&source),
            field(&p.source_location),
            field(p.conflict.as_deref().unwrap_or("")),
            field(&p.note),
        ];
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_quoted() {
        assert_eq!(field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
        assert_eq!(field("+1"), "'+1");
        assert_eq!(field("-2+3"), "'-2+3");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("County Durham"), "County Durham");
        assert_eq!(field("a, b"), "\"a, b\"");
    }
}
