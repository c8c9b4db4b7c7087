//! Ranks and quartile bands of every authority, computed by the build from the whole
//! official files (a page loads only its area's slice, so it cannot rank): written per area
//! as `slices/ranks/<code>.csv` (see docs/data-format.md, "Ranks").

use std::collections::BTreeMap;

use crate::core::cell::Cell;
use crate::core::geography::Level;
use crate::core::meta::{ColumnType, Polarity};
use crate::core::stats;
use crate::core::table::Table;

/// One authority's standing on one indicator in the latest period.
#[derive(Clone, Debug, PartialEq)]
pub struct RankRow {
    pub file: String,
    pub indicator: String,
    /// `column=value` for every filter of the file, joined by `;`.
    pub filters: String,
    pub period: String,
    pub rank: usize,
    pub n: usize,
    pub unranked: usize,
    pub band: String,
    /// `A: 45 to 58; B: …`
    pub bands: String,
}

/// The ranks of every authority of `table` (file id `file`), per indicator with a polarity
/// and filter combination, in the latest period that combination has; by authority code.
pub fn ranks(file: &str, table: &Table) -> BTreeMap<String, Vec<RankRow>> {
    let mut out: BTreeMap<String, Vec<RankRow>> = BTreeMap::new();
    let la: Vec<bool> = table.geographies.iter().map(|g| g.level == Level::LocalAuthority && !g.code.contains(' ')).collect();
    for m in &table.meta.columns {
        if m.col_type != ColumnType::Indicator || m.polarity == Polarity::Neither {
            continue;
        }
        let Some(i) = table.indicator_index(&m.name) else { continue };
        // (filter ids) → rows of local authorities
        let mut groups: BTreeMap<Vec<u32>, Vec<usize>> = BTreeMap::new();
        for r in 0..table.rows() {
            if la[table.geography[r] as usize] && !table.values[i][r].is_empty() {
                groups.entry(table.filter_values.iter().map(|f| f[r]).collect()).or_default().push(r);
            }
        }
        for (key, rows) in groups {
            let Some(latest) = rows.iter().map(|&r| table.period[r]).max_by_key(|p| p.sort_key()) else { continue };
            let cells: Vec<(String, Cell)> = rows
                .iter()
                .filter(|&&r| table.period[r] == latest)
                .map(|&r| (table.geography_of(r).code.clone(), table.values[i][r]))
                .collect();
            let Some(ranking) = stats::rank(&cells, m.polarity) else { continue };
            let filters: Vec<String> = table.filters.iter().zip(&key).map(|(f, &id)| format!("{f}={}", table.text(id))).collect();
            let bands: Vec<String> = ranking.bands.iter().map(|b| b.label(&m.unit)).collect();
            for r in &ranking.ranked {
                out.entry(r.code.clone()).or_default().push(RankRow {
                    file: file.to_string(),
                    indicator: m.name.clone(),
                    filters: filters.join(";"),
                    period: latest.canonical().label(),
                    rank: r.rank,
                    n: ranking.n,
                    unranked: ranking.unranked,
                    band: r.band.letter().to_string(),
                    bands: bands.join("; "),
                });
            }
        }
    }
    out
}

/// The CSV of one authority's rows (header: `file,indicator,filters,period,rank,n,unranked,band,bands`).
pub fn ranks_csv(rows: &[RankRow]) -> String {
    let q = |s: &str| if s.contains([',', '"', '\n']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() };
    let mut out = String::from("file,indicator,filters,period,rank,n,unranked,band,bands\n");
    for r in rows {
        out.push_str(&format!("{},{},{},{},{},{},{},{},{}\n", q(&r.file), q(&r.indicator), q(&r.filters), q(&r.period), r.rank, r.n, r.unranked, r.band, q(&r.bands)));
    }
    out
}

/// Reads [`ranks_csv`] back (rows that do not parse are skipped: the file is ours).
pub fn parse_ranks(text: &str) -> Vec<RankRow> {
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let f = crate::core::stats::split_fields(line).ok()?;
            if f.len() < 9 {
                return None;
            }
            Some(RankRow {
                file: f[0].clone(),
                indicator: f[1].clone(),
                filters: f[2].clone(),
                period: f[3].clone(),
                rank: f[4].parse().ok()?,
                n: f[5].parse().ok()?,
                unranked: f[6].parse().ok()?,
                band: f[7].clone(),
                bands: f[8].clone(),
            })
        })
        .collect()
}

impl RankRow {
    /// Whether this row is for `file`'s `indicator` with exactly these filter values
    /// (filters given as `Total` may be left out of `fixed`).
    pub fn matches(&self, file: &str, indicator: &str, fixed: &[(String, String)]) -> bool {
        if self.file != file || self.indicator != indicator {
            return false;
        }
        let mine: Vec<(&str, &str)> = self.filters.split(';').filter(|s| !s.is_empty()).filter_map(|kv| kv.split_once('=')).collect();
        mine.iter().all(|(k, v)| fixed.iter().any(|(a, b)| a == k && b == v) || (*v == "Total" && !fixed.iter().any(|(a, _)| a == k)))
            && fixed.iter().all(|(a, b)| mine.iter().any(|(k, v)| k == a && v == b))
    }

    /// "Rank 12 of 150 authorities in 2024-25 (1 = best; lower is better), quartile band A.
    /// Bands: A: 20 to 45; …. 3 authorities unranked (suppressed or not published)."
    pub fn sentence(&self, polarity_words: &str) -> String {
        let mut s = format!(
            "Rank {} of {} authorities that publish this for {} (1 = best; {polarity_words}), quartile band {}. Bands: {}.",
            self.rank, self.n, self.period, self.band, self.bands
        );
        if self.unranked > 0 {
            s.push_str(&format!(" {} not ranked (figure suppressed or not published).", self.unranked));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_rows_round_trip_and_match_their_filters() {
        let row = RankRow {
            file: "dfe-x".into(),
            indicator: "p".into(),
            filters: "age=17 to 18 years;kind=Total".into(),
            period: "2024-25".into(),
            rank: 3,
            n: 150,
            unranked: 2,
            band: "A".into(),
            bands: "A: 1% to 5%; B: 6% to 9%".into(),
        };
        let back = parse_ranks(&ranks_csv(&[row.clone()]));
        assert_eq!(back, vec![row.clone()]);
        let fixed = vec![("age".to_string(), "17 to 18 years".to_string())];
        assert!(row.matches("dfe-x", "p", &fixed));
        assert!(!row.matches("dfe-x", "p", &[("age".to_string(), "19 to 21 years".to_string())]));
        assert!(!row.matches("dfe-x", "q", &fixed));
        assert!(row.sentence("lower is better").contains("Rank 3 of 150"));
    }
}
