//! The per-document inventory in docs/sources.md ("Every figure, per document") is the count
//! of what `data/` carries: for each source document and each data file, the filled indicator
//! cells (numbers and symbols such as `c` and `x`) of the rows naming that document. A figure
//! added to or dropped from `data/` without the inventory being updated fails here.

use std::collections::BTreeMap;
use std::path::Path;

/// RFC 4180 records (quoted fields, doubled quotes, line breaks inside quotes).
fn records(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (mut out, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                out.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        out.push(row);
    }
    out.retain(|r| r.iter().any(|f| !f.is_empty()));
    out
}

/// (source id, file id) → filled indicator cells, over data/*.csv (not data/official).
fn counted() -> BTreeMap<(String, String), usize> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut counts = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let Some(id) = name.strip_suffix(".csv").filter(|n| !n.ends_with(".meta")) else { continue };
        let meta = records(&std::fs::read_to_string(dir.join(format!("{id}.meta.csv"))).unwrap());
        let (head, rows) = meta.split_first().unwrap();
        let (name_at, type_at) = (head.iter().position(|h| h == "col_name").unwrap(), head.iter().position(|h| h == "col_type").unwrap());
        let indicators: Vec<&str> = rows.iter().filter(|r| r[type_at] == "Indicator").map(|r| r[name_at].as_str()).collect();
        let data = records(&std::fs::read_to_string(dir.join(&name)).unwrap());
        let (head, rows) = data.split_first().unwrap();
        let source = head.iter().position(|h| h == "source").unwrap_or_else(|| panic!("{name}: no source column"));
        let columns: Vec<usize> = indicators.iter().map(|i| head.iter().position(|h| h == i).unwrap_or_else(|| panic!("{name}: no column {i}"))).collect();
        for row in rows {
            let filled = columns.iter().filter(|&&c| row.get(c).is_some_and(|v| !v.trim().is_empty())).count();
            if filled > 0 {
                *counts.entry((row[source].clone(), id.to_string())).or_insert(0) += filled;
            }
        }
    }
    counts
}

/// The rows of the first table after `heading` in docs/sources.md, as cells.
fn table_after(doc: &str, heading: &str) -> Vec<Vec<String>> {
    let start = doc.find(heading).unwrap_or_else(|| panic!("docs/sources.md has no heading {heading:?}"));
    doc[start..]
        .lines()
        .skip(1)
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| l.trim().trim_matches('|').split('|').map(|c| c.trim().trim_matches('`').trim_matches('*').to_string()).collect())
        .collect()
}

fn doc() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/sources.md")).unwrap()
}

#[test]
fn the_inventory_counts_every_figure_per_document_and_file() {
    let doc = doc();
    let mut written: BTreeMap<(String, String), usize> = BTreeMap::new();
    for row in table_after(&doc, "### Carried, per document and file") {
        assert_eq!(row.len(), 4, "inventory row {row:?}: document | location | file | figures");
        let n: usize = row[3].parse().unwrap_or_else(|_| panic!("inventory row {row:?}: figures is not a number"));
        *written.entry((row[0].clone(), row[2].clone())).or_insert(0) += n;
    }
    let counted = counted();
    let mut wrong = Vec::new();
    for key in written.keys().chain(counted.keys()) {
        let (w, c) = (written.get(key).copied().unwrap_or(0), counted.get(key).copied().unwrap_or(0));
        if w != c && !wrong.iter().any(|(k, _, _): &(&(String, String), usize, usize)| *k == key) {
            wrong.push((key, w, c));
        }
    }
    let text: Vec<String> = wrong.iter().map(|((s, f), w, c)| format!("{s} → {f}: docs/sources.md says {w}, data/ has {c}")).collect();
    assert!(wrong.is_empty(), "the inventory in docs/sources.md is out of date:\n{}", text.join("\n"));
}

#[test]
fn the_inventory_totals_per_document_match_the_data() {
    let doc = doc();
    let mut per_source: BTreeMap<String, usize> = BTreeMap::new();
    for ((s, _), n) in counted() {
        *per_source.entry(s).or_insert(0) += n;
    }
    let rows = table_after(&doc, "### Totals, per document");
    let mut all = None;
    for row in &rows {
        let n: usize = row[1].parse().unwrap_or_else(|_| panic!("totals row {row:?}"));
        if row[0] == "all documents" {
            all = Some(n);
        } else {
            assert_eq!(per_source.get(&row[0]).copied().unwrap_or(0), n, "figures carried from {}", row[0]);
        }
    }
    for s in per_source.keys() {
        assert!(rows.iter().any(|r| &r[0] == s), "the totals table has no row for {s}");
    }
    assert_eq!(all, Some(per_source.values().sum()), "the all-documents total");
}

#[test]
fn every_source_in_site_json_has_a_totals_row() {
    let site: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/site.json")).unwrap()).unwrap();
    let rows = table_after(&doc(), "### Totals, per document");
    for s in site["sources"].as_array().unwrap() {
        // Only the documents with a seed text are reports whose figures we carry by hand.
        if s["seed"].as_str().is_some_and(|seed| !seed.is_empty()) {
            let id = s["id"].as_str().unwrap();
            assert!(rows.iter().any(|r| r[0] == id), "no totals row for {id}");
        }
    }
}
