//! CSV bytes → [`Meta`] and [`Table`], reporting every problem with its position.
//!
//! Both parsers collect problems instead of stopping at the first, so a publisher sees
//! them all at once. A table is returned only when no problem is an error.

use std::collections::HashMap;

use csv::{ByteRecord, ReaderBuilder};

use super::cell::{Cell, CellError};
use super::error::{DataError, ErrorKind, Position, Severity};
use super::geography::{Geography, Level, COUNTRY_COLUMNS, GEOGRAPHY_COLUMNS};
use super::meta::{ColumnMeta, ColumnType, Meta, Polarity, EES_META_COLUMNS, EXTENSION_META_COLUMNS, THEMES, UNITS};
use super::period::{Date, Period, TimeIdentifier};
use super::table::{Conflict, Table};

/// Stop collecting after this many problems in one file.
pub const MAX_PROBLEMS: usize = 200;

/// Our reserved extension columns in data files.
pub const EXTENSION_COLUMNS: [&str; 5] = ["source", "source_location", "snapshot_date", "conflict", "note"];

/// What the data parser needs to know beyond the file itself.
#[derive(Clone, Debug, Default)]
pub struct Context<'a> {
    /// Source ids listed in `site.json`; `None` skips the check.
    pub sources: Option<&'a [String]>,
    /// Source for a file with no `source` column (an official EES file).
    pub default_source: Option<&'a str>,
}

/// Problems found, and the result if none of them is an error.
#[derive(Debug)]
pub struct Parsed<T> {
    pub value: Option<T>,
    pub problems: Vec<DataError>,
}

impl<T> Parsed<T> {
    pub fn errors(&self) -> impl Iterator<Item = &DataError> {
        self.problems.iter().filter(|p| p.severity == Severity::Error)
    }
    pub fn into_result(self) -> Result<T, Vec<DataError>> {
        match self.value {
            Some(v) => Ok(v),
            None => Err(self.problems),
        }
    }
}

struct Problems {
    file: String,
    list: Vec<DataError>,
}

impl Problems {
    fn new(file: &str) -> Self {
        Problems { file: file.to_string(), list: Vec::new() }
    }
    fn at(&mut self, line: u64, column: usize, kind: ErrorKind) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(DataError::new(Position::new(&self.file, line, column), kind));
        }
    }
    fn full(&self) -> bool {
        self.list.len() >= MAX_PROBLEMS
    }
    fn has_errors(&self) -> bool {
        self.list.iter().any(|p| p.severity == Severity::Error)
    }
}

/// Reads all records, reporting malformed ones. Accepts a BOM and CRLF line ends.
/// Returns the header and (line, record) pairs; `None` only with a problem reported
/// (a file of blank lines, even quoted ones like `""`, is reported as empty).
fn read_records(bytes: &[u8], problems: &mut Problems) -> Option<(Vec<String>, Vec<(u64, ByteRecord)>)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        problems.at(0, 0, ErrorKind::Empty { header_only: false });
        return None;
    }
    let mut reader = ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut record = ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.at(line, 0, ErrorKind::Malformed { reason: e.to_string() });
                return None;
            }
        }
        let line = record.position().map_or(0, |p| p.line());
        // A line holding only whitespace (e.g. a trailing blank line) is not a row.
        if record.len() == 1 && record[0].iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        match &header {
            None => {
                let mut names = Vec::with_capacity(record.len());
                for (i, field) in record.iter().enumerate() {
                    match std::str::from_utf8(field) {
                        Ok(s) => names.push(s.trim().to_string()),
                        Err(_) => {
                            problems.at(line, i + 1, ErrorKind::Malformed { reason: "header is not valid UTF-8 text".into() });
                            return None;
                        }
                    }
                }
                header = Some(names);
            }
            Some(h) => {
                if record.len() != h.len() {
                    let reason = if h.len() == 1 && record.len() == 1 {
                        "only one column: is the file separated by semicolons or tabs instead of commas?".to_string()
                    } else {
                        format!("row has {} fields but the header has {}", record.len(), h.len())
                    };
                    problems.at(line, record.len().min(h.len()) + 1, ErrorKind::Malformed { reason });
                    if problems.full() {
                        return None;
                    }
                    continue;
                }
                if let Some(bad) = record.iter().position(|f| std::str::from_utf8(f).is_err()) {
                    problems.at(line, bad + 1, ErrorKind::Malformed { reason: "field is not valid UTF-8 text".into() });
                    continue;
                }
                rows.push((line, record.clone()));
            }
        }
    }
    // Found with the fuzz targets' invariants (fuzz/): a file whose only lines are blank
    // records (`""`, `"  "`) has no header, and used to be dropped with no problem at all.
    let Some(header) = header else {
        problems.at(0, 0, ErrorKind::Empty { header_only: false });
        return None;
    };
    if header.len() == 1 && header[0].contains([';', '\t']) {
        problems.at(1, 1, ErrorKind::Malformed {
            reason: "the header is one field: is the file separated by semicolons or tabs instead of commas?".into(),
        });
        return None;
    }
    Some((header, rows))
}

fn field(record: &ByteRecord, i: usize) -> &str {
    // UTF-8 was checked when the record was read.
    std::str::from_utf8(&record[i]).unwrap_or("").trim()
}

fn duplicate_columns(header: &[String], problems: &mut Problems) {
    for (i, name) in header.iter().enumerate() {
        if header[..i].contains(name) {
            problems.at(1, i + 1, ErrorKind::DuplicateColumn { column: name.clone() });
        }
    }
}

/// Closest name within a small edit distance, for "did you mean" hints.
fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    candidates
        .map(|c| (edit_distance(name, c), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.to_string())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Parses a `.meta.csv` file.
pub fn parse_meta(file: &str, bytes: &[u8]) -> Parsed<Meta> {
    let mut problems = Problems::new(file);
    let Some((header, rows)) = read_records(bytes, &mut problems) else {
        return Parsed { value: None, problems: problems.list };
    };
    duplicate_columns(&header, &mut problems);
    for (i, name) in header.iter().enumerate() {
        if !EES_META_COLUMNS.contains(&name.as_str()) && !EXTENSION_META_COLUMNS.contains(&name.as_str()) {
            let suggestion = closest(name, EES_META_COLUMNS.iter().chain(EXTENSION_META_COLUMNS.iter()).copied());
            problems.at(1, i + 1, ErrorKind::UnknownColumn { column: name.clone(), suggestion });
        }
    }
    for required in EES_META_COLUMNS {
        if !header.iter().any(|h| h == required) {
            problems.at(1, 0, ErrorKind::MissingColumn { column: required.into(), needed_for: "every meta file".into() });
        }
    }
    if problems.has_errors() {
        return Parsed { value: None, problems: problems.list };
    }
    if rows.is_empty() {
        problems.at(0, 0, ErrorKind::Empty { header_only: true });
        return Parsed { value: None, problems: problems.list };
    }
    let col = |name: &str| header.iter().position(|h| h == name);
    let mut columns: Vec<ColumnMeta> = Vec::new();
    for (line, record) in &rows {
        let get = |name: &str| col(name).map_or("", |i| field(record, i));
        let bad = |name: &str, value: &str, allowed: &str, problems: &mut Problems| {
            problems.at(*line, col(name).map_or(0, |i| i + 1), ErrorKind::BadMetaValue {
                column: name.into(),
                value: value.into(),
                allowed: allowed.into(),
            });
        };
        let col_type = match get("col_type") {
            "Filter" => ColumnType::Filter,
            "Indicator" => ColumnType::Indicator,
            other => {
                bad("col_type", other, "Filter, Indicator", &mut problems);
                continue;
            }
        };
        let name = get("col_name").to_string();
        if name.is_empty() {
            bad("col_name", "", "the name of a column of the data file", &mut problems);
            continue;
        }
        if columns.iter().any(|c| c.name == name) {
            problems.at(*line, col("col_name").unwrap() + 1, ErrorKind::DuplicateColumn { column: name.clone() });
        }
        let label = get("label").to_string();
        if label.is_empty() {
            problems.at(*line, col("label").unwrap() + 1, ErrorKind::IndicatorWithoutMetadata {
                indicator: name.clone(),
                referred_by: "its meta row, whose label is empty".into(),
            });
        }
        let unit = get("indicator_unit").to_string();
        if col_type == ColumnType::Indicator && !UNITS.contains(&unit.as_str()) {
            bad("indicator_unit", &unit, "(empty), %, £, £m, pp, per 10,000, days, score, years", &mut problems);
        }
        let dp_text = get("indicator_dp");
        let dp = match (col_type, dp_text.parse::<u8>()) {
            (_, Ok(dp)) if dp <= 4 => dp,
            (ColumnType::Filter, _) if dp_text.is_empty() => 0,
            _ => {
                bad("indicator_dp", dp_text, "a whole number from 0 to 4", &mut problems);
                0
            }
        };
        let theme = get("theme").to_string();
        if !theme.is_empty() && !THEMES.contains(&theme.as_str()) {
            bad("theme", &theme, &THEMES.join(", "), &mut problems);
        }
        let polarity = Polarity::parse(get("polarity")).unwrap_or_else(|| {
            bad("polarity", get("polarity"), "higher-is-better, lower-is-better, neither", &mut problems);
            Polarity::Neither
        });
        let optional = |s: &str| (!s.is_empty()).then(|| s.to_string());
        columns.push(ColumnMeta {
            name,
            col_type,
            label,
            grouping: get("indicator_grouping").to_string(),
            unit,
            dp,
            filter_hint: get("filter_hint").to_string(),
            theme,
            polarity,
            definition: get("definition").to_string(),
            numerator: optional(get("numerator")),
            denominator: optional(get("denominator")),
            line: *line,
        });
    }
    // Numerators and denominators must be indicators described in this file.
    for c in &columns {
        for (role, target) in [("numerator", &c.numerator), ("denominator", &c.denominator)] {
            let Some(target) = target else { continue };
            let described = columns.iter().any(|o| &o.name == target && o.col_type == ColumnType::Indicator);
            if !described {
                problems.at(c.line, col(role).map_or(0, |i| i + 1), ErrorKind::IndicatorWithoutMetadata {
                    indicator: target.clone(),
                    referred_by: format!("the {role} of \"{}\"", c.name),
                });
            }
        }
    }
    let ok = !problems.has_errors();
    Parsed { value: ok.then(|| Meta { file: file.to_string(), columns }), problems: problems.list }
}

/// What a data-file column is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Role {
    TimePeriod,
    TimeIdentifier,
    Geography,
    Extension,
    Filter(usize),
    Indicator(usize),
}

/// Parses and validates a data file against its meta file.
pub fn parse_data(file: &str, bytes: &[u8], meta: &Meta, ctx: &Context) -> Parsed<Table> {
    let mut problems = Problems::new(file);
    let Some((header, rows)) = read_records(bytes, &mut problems) else {
        return Parsed { value: None, problems: problems.list };
    };
    duplicate_columns(&header, &mut problems);

    let mut table = Table { file: file.to_string(), meta: meta.clone(), ..Table::default() };
    let mut roles = Vec::with_capacity(header.len());
    for (i, name) in header.iter().enumerate() {
        let role = match name.as_str() {
            "time_period" => Role::TimePeriod,
            "time_identifier" => Role::TimeIdentifier,
            n if GEOGRAPHY_COLUMNS.contains(&n) => Role::Geography,
            n if EXTENSION_COLUMNS.contains(&n) => Role::Extension,
            n => match meta.get(n) {
                Some(m) if m.col_type == ColumnType::Filter => {
                    table.filters.push(n.to_string());
                    Role::Filter(table.filters.len() - 1)
                }
                Some(_) => {
                    table.indicators.push(n.to_string());
                    Role::Indicator(table.indicators.len() - 1)
                }
                None => {
                    let known = meta.columns.iter().map(|c| c.name.as_str()).filter(|c| !header.iter().any(|h| h == c));
                    let suggestion = closest(n, known.chain(GEOGRAPHY_COLUMNS).chain(EXTENSION_COLUMNS).chain(["time_period", "time_identifier"]));
                    problems.at(1, i + 1, ErrorKind::UnknownColumn { column: n.to_string(), suggestion });
                    Role::Extension
                }
            },
        };
        roles.push(role);
    }
    let col = |name: &str| header.iter().position(|h| h == name);
    for required in ["time_period", "time_identifier", "geographic_level"].iter().chain(COUNTRY_COLUMNS.iter()) {
        if col(required).is_none() {
            problems.at(1, 0, ErrorKind::MissingColumn { column: required.to_string(), needed_for: "every data file".into() });
        }
    }
    let source_col = col("source");
    let location_col = col("source_location");
    if source_col.is_none() && ctx.default_source.is_none() {
        problems.at(1, 0, ErrorKind::MissingColumn {
            column: "source".into(),
            needed_for: "provenance: every figure names its document (or give the file a \"source\" in site.json)".into(),
        });
    }
    if source_col.is_some() && location_col.is_none() {
        problems.at(1, 0, ErrorKind::MissingColumn {
            column: "source_location".into(),
            needed_for: "provenance: where in the document each figure is".into(),
        });
    }
    for m in &meta.columns {
        if !header.iter().any(|h| h == &m.name) {
            let meta_pos = Position::new(&meta.file, m.line, 1);
            if problems.list.len() < MAX_PROBLEMS {
                problems.list.push(DataError::new(meta_pos, ErrorKind::MetaOutOfStep { column: m.name.clone() }));
            }
        }
    }
    if problems.has_errors() {
        return Parsed { value: None, problems: problems.list };
    }
    if rows.is_empty() {
        problems.at(0, 0, ErrorKind::Empty { header_only: true });
        return Parsed { value: None, problems: problems.list };
    }

    let (tp, ti, gl) = (col("time_period").unwrap(), col("time_identifier").unwrap(), col("geographic_level").unwrap());
    let snapshot_col = col("snapshot_date");
    let conflict_col = col("conflict");
    let note_col = col("note");
    let indicator_cols: Vec<(usize, usize)> = roles.iter().enumerate().filter_map(|(c, r)| match r {
        Role::Indicator(i) => Some((c, *i)),
        _ => None,
    }).collect();
    let filter_cols: Vec<(usize, usize)> = roles.iter().enumerate().filter_map(|(c, r)| match r {
        Role::Filter(f) => Some((c, *f)),
        _ => None,
    }).collect();
    let percent: Vec<bool> = table.indicators.iter().map(|n| meta.get(n).is_some_and(|m| m.is_percentage())).collect();
    table.values = vec![Vec::with_capacity(rows.len()); table.indicators.len()];
    table.filter_values = vec![Vec::with_capacity(rows.len()); table.filters.len()];
    let mut reported_missing_level_columns: Vec<&str> = Vec::new();
    let mut geo_index: HashMap<(Level, String), u32> = HashMap::new();
    // (period, geography, filters) -> rows already seen with that key
    let mut seen: HashMap<(Period, u32, Vec<u32>), Vec<usize>> = HashMap::new();

    'rows: for (line, record) in &rows {
        let line = *line;
        if problems.full() {
            break;
        }
        let ident_text = field(record, ti);
        let Some(identifier) = TimeIdentifier::parse(ident_text) else {
            problems.at(line, ti + 1, ErrorKind::UnknownTimeIdentifier { value: ident_text.into() });
            continue;
        };
        let period_text = field(record, tp);
        let Some(period) = Period::parse(period_text, identifier) else {
            problems.at(line, tp + 1, ErrorKind::BadTimePeriod { value: period_text.into(), identifier: ident_text.into() });
            continue;
        };
        let level_text = field(record, gl);
        let Some(level) = Level::parse(level_text) else {
            problems.at(line, gl + 1, ErrorKind::UnknownGeographicLevel { value: level_text.into() });
            continue;
        };
        for needed in COUNTRY_COLUMNS.iter().chain(level.required_columns()) {
            match col(needed) {
                None => {
                    if !reported_missing_level_columns.contains(needed) {
                        reported_missing_level_columns.push(needed);
                        problems.at(1, 0, ErrorKind::MissingColumn {
                            column: needed.to_string(),
                            needed_for: format!("\"{}\" rows (first on line {line})", level.name()),
                        });
                    }
                    continue 'rows;
                }
                Some(c) if field(record, c).is_empty() => {
                    problems.at(line, c + 1, ErrorKind::MissingGeography { column: needed.to_string(), level: level.name().into() });
                    continue 'rows;
                }
                Some(_) => {}
            }
        }
        let (code_col, name_col) = level.key_columns();
        let code = field(record, col(code_col).unwrap()).to_string();
        let name = field(record, col(name_col).unwrap()).to_string();
        let next_geo = table.geographies.len() as u32;
        let geo = *geo_index.entry((level, code.clone())).or_insert_with(|| {
            table.geographies.push(Geography { level, code, name });
            next_geo
        });

        let mut cells = Vec::with_capacity(indicator_cols.len());
        let mut row_ok = true;
        for &(c, i) in &indicator_cols {
            let raw = field(record, c);
            match Cell::parse(raw) {
                Ok(cell) => {
                    if percent[i] && cell.number().is_some_and(|v| !(0.0..=100.0).contains(&v)) {
                        problems.at(line, c + 1, ErrorKind::ImpossiblePercentage { value: raw.into(), column: header[c].clone() });
                        row_ok = false;
                    }
                    cells.push(cell);
                }
                Err(e) => {
                    let kind = match e {
                        CellError::NotANumber => ErrorKind::NotANumber { value: raw.into(), column: header[c].clone() },
                        CellError::ThousandsSeparator => ErrorKind::ThousandsSeparator { value: raw.into(), column: header[c].clone() },
                        CellError::TooLarge => ErrorKind::NumberTooLarge { value: raw.into(), column: header[c].clone() },
                    };
                    problems.at(line, c + 1, kind);
                    row_ok = false;
                }
            }
        }
        let has_values = cells.iter().any(|c| !c.is_empty());
        let snapshot = match snapshot_col.map(|c| (c, field(record, c))) {
            Some((_, "")) | None => None,
            Some((c, text)) => match Date::parse(text).filter(|d| period.contains(*d)) {
                Some(d) => Some(d),
                None => {
                    problems.at(line, c + 1, ErrorKind::BadSnapshotDate { value: text.into(), period: period.to_string() });
                    row_ok = false;
                    None
                }
            },
        };
        let source_text = match source_col {
            Some(c) => {
                let s = field(record, c);
                if has_values && s.is_empty() {
                    problems.at(line, c + 1, ErrorKind::MissingSource { column: "source".into() });
                    row_ok = false;
                } else if !s.is_empty() && ctx.sources.is_some_and(|known| !known.iter().any(|k| k == s)) {
                    problems.at(line, c + 1, ErrorKind::UnknownSource { value: s.into() });
                    row_ok = false;
                }
                s
            }
            None => ctx.default_source.unwrap_or(""),
        };
        let location_text = location_col.map_or("", |c| field(record, c));
        if let (Some(c), true) = (location_col, has_values && location_text.is_empty()) {
            problems.at(line, c + 1, ErrorKind::MissingSource { column: "source_location".into() });
            row_ok = false;
        }
        if !row_ok {
            continue;
        }

        let filters: Vec<u32> = filter_cols.iter().map(|&(c, _)| table.strings.intern(field(record, c))).collect();
        let conflict_text = conflict_col.map_or("", |c| field(record, c));
        let row = table.period.len();
        let key = (period, geo, filters.clone());
        let earlier = seen.entry(key).or_default();
        for &prev in earlier.iter() {
            for (k, &(c, i)) in indicator_cols.iter().enumerate() {
                let (now, before) = (cells[k], table.values[i][prev]);
                if now.is_empty() || before.is_empty() || now.same_as(before) {
                    continue;
                }
                let prev_conflict = table.strings.get(table.conflict[prev]);
                if !conflict_text.is_empty() && conflict_text == prev_conflict {
                    table.conflicts.push(Conflict { id: conflict_text.into(), indicator: header[c].clone(), rows: [prev, row] });
                } else {
                    problems.at(line, c + 1, ErrorKind::DuplicateObservation {
                        indicator: header[c].clone(),
                        value: field(record, c).into(),
                        first_value: display_cell(before),
                        first_line: table.line[prev],
                    });
                }
            }
        }
        earlier.push(row);

        table.period.push(period);
        table.geography.push(geo);
        for (f, id) in filters.into_iter().enumerate() {
            table.filter_values[f].push(id);
        }
        for (k, &(_, i)) in indicator_cols.iter().enumerate() {
            table.values[i].push(cells[k]);
        }
        let source_id = table.strings.intern(source_text);
        table.source.push(source_id);
        let loc = table.strings.intern(location_text);
        table.source_location.push(loc);
        table.snapshot.push(snapshot);
        let conflict_id = table.strings.intern(conflict_text);
        table.conflict.push(conflict_id);
        let note = table.strings.intern(note_col.map_or("", |c| field(record, c)));
        table.note.push(note);
        table.line.push(line);
    }
    let ok = !problems.has_errors();
    Parsed { value: ok.then_some(table), problems: problems.list }
}

fn display_cell(cell: Cell) -> String {
    match cell {
        Cell::Number { value, decimals } => format!("{value:.*}", decimals as usize),
        Cell::Symbol(s) => s.code().to_string(),
        Cell::Empty => String::new(),
    }
}
