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

/// What a chart's card and its download need of the site's configuration: when the data
/// were last checked against their sources, and the titles of the sources its points name.
/// Small, so an embed can carry it in its model instead of the whole configuration.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SourceTitles {
    /// The date the data were checked, in words (`22 November 2026`), or empty.
    pub updated: String,
    /// (source id, title), for the sources `chart`'s points name.
    pub titles: Vec<(String, String)>,
}

impl SourceTitles {
    pub fn of(config: &SiteConfig, chart: &Chart) -> SourceTitles {
        let mut titles: Vec<(String, String)> = Vec::new();
        for (_, _, p, _) in chart.points() {
            if let Some(s) = config.source(&p.source) {
                if !titles.iter().any(|(id, _)| *id == s.id) {
                    titles.push((s.id.clone(), s.title.clone()));
                }
            }
        }
        SourceTitles { updated: config.updated_long(), titles }
    }

    /// The title of source `id`, if named.
    pub fn title(&self, id: &str) -> Option<&str> {
        self.titles.iter().find(|(i, _)| i == id).map(|(_, t)| t.as_str())
    }
}

/// The chart's points as CSV: one row per value, with period, date counted, place,
/// category, value or GSS symbol, its meaning, counts, source (by its title in `sources`)
/// and note.
pub fn chart_csv(chart: &Chart, sources: &SourceTitles) -> String {
    let mut out = String::from("indicator,period,time_period,time_identifier,snapshot_date,place,category,value,unit,status,numerator,denominator,source,source_location,conflict,note\n");
    for (place, category, p, unit) in chart.points() {
        let status = match p.value {
            Cell::Symbol(s) => s.meaning().to_string(),
            Cell::Number { .. } => String::new(),
            Cell::Empty => "no data".into(),
        };
        let source = sources.title(&p.source).map_or(p.source.clone(), str::to_string);
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
