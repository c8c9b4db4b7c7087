//! Build-time slices of the official files: for each area, the rows a page for that area
//! draws, so no page downloads a national file (see docs/data-format.md, "Slices").
//!
//! A slice is the original file's header line followed by a subset of its lines, byte for
//! byte, in file order: it is itself a valid data file, read by the same parser. The slice
//! of a local authority holds its rows, its region's, England's, those of its ten
//! statistical neighbours and those of the authorities it shares a partnership with (a
//! partnership's scorecard shows both councils on one page); a region's holds England's,
//! its own and its authorities'; the slice of England holds the National and Regional rows. `areas.csv` lists every place
//! the official files describe, with its region, the years it publishes, and its
//! neighbours.

use std::collections::BTreeMap;

/// A place found in the official files.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Place {
    pub code: String,
    pub old_code: String,
    pub name: String,
    /// `National`, `Regional` or `Local authority`.
    pub level: String,
    pub region_code: String,
    pub region_name: String,
    pub first_year: u16,
    pub last_year: u16,
    /// New codes of its statistical neighbours, nearest first, with DfE's closeness word.
    pub neighbours: Vec<(String, String)>,
}

/// Splits one CSV line into fields (RFC 4180 quotes; no line breaks inside fields, as in
/// every official file), by the same splitter as the neighbour model; a line it cannot
/// split gives no fields (and so no row).
pub fn fields(line: &str) -> Vec<String> {
    crate::core::stats::split_fields(line.trim_end_matches('\r')).unwrap_or_default()
}

/// One official file split into lines with the geography of each.
pub struct Indexed<'a> {
    pub header: &'a str,
    /// (line text including its newline, level, code, region code, year).
    pub lines: Vec<(&'a str, String, String, String, u16)>,
}

/// Reads the geography of every line of `text` by column name.
pub fn index(text: &str) -> Option<Indexed<'_>> {
    let mut it = text.split_inclusive('\n');
    let header = it.next()?;
    let names: Vec<String> = fields(header.trim_end_matches(['\n', '\r']).trim_start_matches('\u{feff}'));
    let col = |n: &str| names.iter().position(|h| h == n);
    let (level, country, region, la, period) = (col("geographic_level")?, col("country_code")?, col("region_code"), col("new_la_code"), col("time_period")?);
    let mut lines = Vec::new();
    for line in it {
        if line.trim().is_empty() {
            continue;
        }
        let f = fields(line.trim_end_matches(['\n', '\r']));
        let get = |i: Option<usize>| i.and_then(|i| f.get(i)).cloned().unwrap_or_default();
        let lvl = get(Some(level));
        let code = match lvl.as_str() {
            "National" => get(Some(country)),
            "Regional" => get(region),
            "Local authority" => get(la),
            _ => continue,
        };
        let year = get(Some(period)).get(0..4).and_then(|y| y.parse().ok()).unwrap_or(0);
        lines.push((line, lvl, code, get(region), year));
    }
    Some(Indexed { header, lines })
}

/// Every place of the indexed files (names and old codes read from their lines), with
/// neighbours from DfE's model: `(old code → [(old code, closeness)])`.
pub fn places(files: &[&str], neighbours: &BTreeMap<String, Vec<(String, String)>>) -> Vec<Place> {
    let mut by_code: BTreeMap<String, Place> = BTreeMap::new();
    for text in files {
        let mut it = text.split_inclusive('\n');
        let Some(header) = it.next() else { continue };
        let names: Vec<String> = fields(header.trim_end_matches(['\n', '\r']).trim_start_matches('\u{feff}'));
        let col = |n: &str| names.iter().position(|h| h == n);
        let Some(level) = col("geographic_level") else { continue };
        let Some(period) = col("time_period") else { continue };
        let cols = [col("country_code"), col("country_name"), col("region_code"), col("region_name"), col("new_la_code"), col("old_la_code"), col("la_name")];
        for line in it {
            let f = fields(line.trim_end_matches(['\n', '\r']));
            let get = |i: Option<usize>| i.and_then(|i| f.get(i)).cloned().unwrap_or_default();
            let [cc, cn, rc, rn, lc, lo, ln] = cols.map(get);
            let (code, name, old) = match f.get(level).map(String::as_str) {
                Some("National") => (cc, cn, String::new()),
                Some("Regional") => (rc.clone(), rn.clone(), String::new()),
                Some("Local authority") => (lc, ln, lo),
                _ => continue,
            };
            if code.is_empty() {
                continue;
            }
            let year: u16 = get(Some(period)).get(0..4).and_then(|y| y.parse().ok()).unwrap_or(0);
            let p = by_code.entry(code.clone()).or_insert_with(|| Place {
                code: code.clone(),
                name: name.clone(),
                level: f[level].clone(),
                first_year: year,
                last_year: year,
                ..Place::default()
            });
            if f[level] != "National" {
                if p.region_code.is_empty() && !rc.is_empty() {
                    p.region_code = rc.clone();
                    p.region_name = rn.clone();
                }
            }
            if p.old_code.is_empty() {
                p.old_code = old;
            }
            // The newest name wins (names are tidied between releases).
            if year >= p.last_year {
                p.name = name;
            }
            p.first_year = p.first_year.min(year);
            p.last_year = p.last_year.max(year);
        }
    }
    let new_code: BTreeMap<String, String> = by_code.values().filter(|p| !p.old_code.is_empty()).map(|p| (p.old_code.clone(), p.code.clone())).collect();
    for p in by_code.values_mut() {
        if let Some(list) = neighbours.get(&p.old_code) {
            p.neighbours = list.iter().filter_map(|(old, close)| Some((new_code.get(old)?.clone(), close.clone()))).collect();
        }
    }
    let mut out: Vec<Place> = by_code.into_values().collect();
    out.sort_by(|a, b| (level_order(&a.level), &a.name).cmp(&(level_order(&b.level), &b.name)));
    out
}

fn level_order(level: &str) -> u8 {
    match level {
        "National" => 0,
        "Regional" => 1,
        _ => 2,
    }
}

/// The codes whose rows go into `place`'s slice (see the module comment); `partners` are
/// the authorities sharing a partnership with it.
pub fn slice_codes(place: &Place, all: &[Place], partners: &[String]) -> Vec<String> {
    let mut codes = vec![place.code.clone()];
    match place.level.as_str() {
        "National" => codes.extend(all.iter().filter(|p| p.level == "Regional").map(|p| p.code.clone())),
        "Regional" => {
            codes.push("E92000001".into());
            codes.extend(all.iter().filter(|p| p.level == "Local authority" && p.region_code == place.code).map(|p| p.code.clone()));
        }
        _ => {
            codes.push("E92000001".into());
            if !place.region_code.is_empty() {
                codes.push(place.region_code.clone());
            }
            codes.extend(place.neighbours.iter().map(|(c, _)| c.clone()));
            codes.extend(partners.iter().filter(|c| **c != place.code).cloned());
        }
    }
    codes
}

/// The slice of one indexed file for `codes`.
pub fn slice(file: &Indexed, codes: &[String]) -> String {
    let mut out = String::from(file.header);
    for (line, _, code, _, _) in &file.lines {
        if codes.contains(code) {
            out.push_str(line);
        }
    }
    out
}

/// The file's lines for its `years` latest years, every place: what the all-authorities
/// comparison of a page needs (`slices/<file id>/recent.csv`), fetched only when asked for.
pub fn recent(file: &Indexed, years: usize) -> String {
    let mut all: Vec<u16> = file.lines.iter().map(|l| l.4).collect();
    all.sort_unstable();
    all.dedup();
    let keep: Vec<u16> = all.iter().rev().take(years).copied().collect();
    let mut out = String::from(file.header);
    for (line, _, _, _, year) in &file.lines {
        if keep.contains(year) {
            out.push_str(line);
        }
    }
    out
}

/// `areas.csv`: one row per place (a DfE-convention geography list, plus our columns
/// `first_year`, `last_year` and `neighbours`, space-separated new codes nearest first).
pub fn areas_csv(places: &[Place]) -> String {
    let q = |s: &str| if s.contains([',', '"']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() };
    let mut out = String::from("geographic_level,code,old_la_code,name,region_code,region_name,first_year,last_year,neighbours,closeness\n");
    for p in places {
        let n: Vec<&str> = p.neighbours.iter().map(|(c, _)| c.as_str()).collect();
        let c: Vec<String> = p.neighbours.iter().map(|(_, w)| w.trim().replace(' ', "_")).collect();
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{}\n",
            p.level,
            p.code,
            p.old_code,
            q(&p.name),
            p.region_code,
            q(&p.region_name),
            p.first_year,
            p.last_year,
            n.join(" "),
            c.join(" ")
        ));
    }
    out
}

/// Reads `areas.csv` back.
pub fn parse_areas(text: &str) -> Vec<Place> {
    let mut out = Vec::new();
    for line in text.lines().skip(1) {
        let f = fields(line);
        if f.len() < 10 {
            continue;
        }
        let n: Vec<&str> = f[8].split_whitespace().collect();
        let c: Vec<String> = f[9].split_whitespace().map(|w| w.replace('_', " ")).collect();
        out.push(Place {
            level: f[0].clone(),
            code: f[1].clone(),
            old_code: f[2].clone(),
            name: f[3].clone(),
            region_code: f[4].clone(),
            region_name: f[5].clone(),
            first_year: f[6].parse().unwrap_or(0),
            last_year: f[7].parse().unwrap_or(0),
            neighbours: n.iter().zip(c.iter().chain(std::iter::repeat(&String::new()))).map(|(a, b)| (a.to_string(), b.clone())).collect(),
        });
    }
    out
}

/// DfE's neighbour model as [`places`] takes it: old code → [(old code, closeness)].
pub fn neighbour_lists(model: &crate::core::stats::NeighbourModel) -> BTreeMap<String, Vec<(String, String)>> {
    model
        .authorities()
        .iter()
        .map(|a| (a.old_la_code.clone(), a.neighbours.iter().map(|n| (n.old_la_code.clone(), n.closeness.label().to_string())).collect()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "\u{feff}time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,la_name,new_la_code,x\n\
2025,Reporting year,National,E92000001,England,,,,,,1\n\
2025,Reporting year,Regional,E92000001,England,E12000001,North East,,,,2\n\
2025,Reporting year,Local authority,E92000001,England,E12000001,North East,840,County Durham,E06000047,3\n\
2025,Reporting year,Local authority,E92000001,England,E12000001,North East,841,Darlington,E06000005,4\n\
2025,Reporting year,Local authority,E92000001,England,E12000002,North West,\"\",\"Far, away\",E06000099,5\n";

    #[test]
    fn a_slice_is_the_header_and_the_area_rows_byte_for_byte() {
        let sn: BTreeMap<String, Vec<(String, String)>> = [("840".to_string(), vec![("841".to_string(), "Close".to_string())])].into();
        let places = places(&[FILE], &sn);
        let durham = places.iter().find(|p| p.code == "E06000047").unwrap();
        assert_eq!(durham.region_code, "E12000001");
        assert_eq!(durham.neighbours, vec![("E06000005".to_string(), "Close".to_string())]);
        let idx = index(FILE).unwrap();
        let s = slice(&idx, &slice_codes(durham, &places, &[]));
        assert!(s.starts_with("\u{feff}time_period"));
        assert_eq!(s.lines().count(), 5, "{s}");
        assert!(!s.contains("Far, away"));
        // A partner authority's rows come too (a partnership's scorecard shows both).
        let with_partner = slice(&idx, &slice_codes(durham, &places, &["E06000099".to_string(), "E06000047".to_string()]));
        assert_eq!(with_partner.lines().count(), 6, "{with_partner}");
        assert!(with_partner.contains("Far, away"));
        for line in s.lines() {
            assert!(FILE.contains(line));
        }
        let recent = recent(&idx, 1);
        assert_eq!(recent.lines().count(), 6, "header and every 2025 line: {recent}");
        let far = places.iter().find(|p| p.code == "E06000099").unwrap();
        assert_eq!(far.name, "Far, away");
        let back = parse_areas(&areas_csv(&places));
        assert_eq!(back, places);
    }
}
