//! Metadata inferred for a data file dropped in with no `.meta.csv`: which columns are
//! indicators and which are filters, from the header and the values, with labels from the
//! column names. What was inferred is said, one line per column, so a publisher can write
//! the meta file it should have.

use super::cell::Cell;
use super::geography::GEOGRAPHY_COLUMNS;
use super::meta::{ColumnMeta, ColumnType, Meta, Polarity};
use super::parse::EXTENSION_COLUMNS;

/// `children_count` → `Children count`.
pub fn label_of(column: &str) -> String {
    let words = column.replace('_', " ");
    let mut c = words.trim().chars();
    c.next().map_or(String::new(), |f| f.to_uppercase().collect::<String>() + c.as_str())
}

/// Infers the meta of `data` (the file named `file` in messages). A column is an indicator
/// when every non-empty cell is a number, a symbol or (unit `months`) a `YY:MM` duration;
/// otherwise a filter. Units: `%` for names ending `_percent`, `percentage` or `_pct`,
/// `per 10,000` for names containing `per_10000` or `rate_per_10k`; decimals are the most
/// used. Themes are left empty (no page shows the file until one is given).
pub fn infer_meta(file: &str, data: &[u8]) -> (Meta, Vec<String>) {
    let text = String::from_utf8_lossy(data);
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = text.lines();
    let header: Vec<String> = lines.next().map(|h| super::slice::fields(h)).unwrap_or_default();
    let skip = |n: &str| n == "time_period" || n == "time_identifier" || GEOGRAPHY_COLUMNS.contains(&n) || EXTENSION_COLUMNS.contains(&n);
    // Per column: (all cells numeric?, all numeric or duration?, most decimals).
    let mut stats: Vec<(bool, bool, u8, bool)> = vec![(true, true, 0, false); header.len()];
    for line in lines {
        let f = super::slice::fields(line);
        for (i, v) in f.iter().enumerate().take(header.len()) {
            let v = v.trim();
            if v.is_empty() {
                continue;
            }
            let s = &mut stats[i];
            s.3 = true;
            match Cell::parse(v) {
                Ok(Cell::Number { decimals, .. }) => s.2 = s.2.max(decimals),
                Ok(_) => {}
                Err(_) if Cell::parse_grouped(v).is_some() => {}
                Err(_) => {
                    s.0 = false;
                    if Cell::parse_duration(v).is_none() {
                        s.1 = false;
                    }
                }
            }
        }
    }
    let mut columns = Vec::new();
    let mut said = Vec::new();
    for (i, name) in header.iter().enumerate() {
        if skip(name) {
            continue;
        }
        let (numeric, durations, dp, any) = stats[i];
        let indicator = any && (numeric || durations);
        let lower = name.to_ascii_lowercase();
        let unit = if !numeric && durations {
            "months"
        } else if lower.ends_with("_percent") || lower.ends_with("percentage") || lower.ends_with("_pct") {
            "%"
        } else if lower.contains("per_10000") || lower.contains("rate_per_10k") {
            "per 10,000"
        } else {
            ""
        };
        let label = label_of(name);
        said.push(if indicator {
            let kind = if unit.is_empty() { "count".to_string() } else { unit.to_string() };
            format!("{file}: inferred: {name} is an indicator ({kind}, {} dp), label \"{label}\"", dp.min(4))
        } else {
            format!("{file}: inferred: {name} is a filter, label \"{label}\"")
        });
        columns.push(ColumnMeta {
            name: name.clone(),
            col_type: if indicator { ColumnType::Indicator } else { ColumnType::Filter },
            label,
            grouping: String::new(),
            unit: if indicator { unit.to_string() } else { String::new() },
            dp: dp.min(4),
            filter_hint: String::new(),
            theme: String::new(),
            polarity: Polarity::Neither,
            definition: String::new(),
            numerator: None,
            denominator: None,
            line: 0,
        });
    }
    (Meta { file: format!("{file} (inferred meta)"), columns }, said)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indicators_and_filters_come_from_the_values() {
        let data = "\u{feff}time_period,time_identifier,geographic_level,country_code,country_name,population_type,children_count,rate_per_10000,care_leaver_percent,number\r\n\
2025,Reporting year,National,E92000001,England,On 31 March,81770,67,c,00:10\r\n\
2024,Reporting year,National,E92000001,England,Starting,\"\",69.5,low,01:02\r\n";
        let (meta, said) = infer_meta("x.csv", data.as_bytes());
        let get = |n: &str| meta.get(n).unwrap();
        assert_eq!(get("population_type").col_type, ColumnType::Filter);
        assert_eq!(get("children_count").col_type, ColumnType::Indicator);
        assert_eq!(get("children_count").label, "Children count");
        assert_eq!(get("rate_per_10000").unit, "per 10,000");
        assert_eq!(get("rate_per_10000").dp, 1);
        assert_eq!(get("care_leaver_percent").unit, "%");
        assert_eq!(get("number").unit, "months");
        assert!(meta.get("country_code").is_none());
        assert_eq!(said.len(), 5);
        assert!(said[1].contains("children_count is an indicator (count, 0 dp)"), "{said:?}");
    }
}
