//! CSV bytes → [`Meta`] and [`Table`], reporting every problem with its position.
//!
//! Both parsers collect problems instead of stopping at the first, so a publisher sees
//! them all at once. A table is returned only when no problem is an error.
//!
//! Data files can be large (hundreds of megabytes), so they are read **incrementally**:
//! [`DataParser`] takes a file in chunks of any size (as the browser downloads it, or as
//! the checker reads it from disk), validates each row as soon as it is complete and stores
//! it straight into the column-wise [`Table`]. Nothing is kept per row beyond the table and
//! a small duplicate-detection index, so memory follows the table, not the file.
//! [`parse_data`] is the same parser given the whole file at once: the site and the native
//! checker share one implementation.

use std::hash::{Hash, Hasher};

use csv_core::{ReadRecordResult, Reader as CsvReader};

use super::cell::{Cell, CellError};
use super::error::{DataError, ErrorKind, Position, Severity};
use super::geography::{Geography, Level, COUNTRY_COLUMNS, GEOGRAPHY_COLUMNS};
use super::meta::{ColumnMeta, ColumnType, Meta, Polarity, EES_META_COLUMNS, EXTENSION_META_COLUMNS, THEMES, UNITS};
use super::period::{Basis, Date, Period, TimeIdentifier};
use super::table::{Conflict, FxHashMap, FxHasher, Strings, Table};

/// Metadata inferred for a data file with no `.meta.csv` (implemented in `core::infer`):
/// `infer_meta(file, bytes) -> (Meta, Vec<String>)`, one line per inferred column.
pub use super::infer::{infer_meta, label_of};

/// Stop collecting after this many problems in one file.
pub const MAX_PROBLEMS: usize = 200;

/// Our reserved extension columns in data files.
pub const EXTENSION_COLUMNS: [&str; 7] = ["source", "source_location", "snapshot_date", "conflict", "note", "basis", "coverage"];

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

/// Problems found in one file. Errors are kept up to [`MAX_PROBLEMS`] (then reading
/// stops); warnings never stop reading, and those that can repeat on every row are
/// tallied: one per (kind, column) at its first place, with a count of the others. At
/// most [`MAX_PROBLEMS`] warnings are kept too.
struct Problems {
    file: String,
    list: Vec<DataError>,
    errors: usize,
    /// (tally key, first warning, how many more), emitted by [`Problems::into_list`].
    tallies: Vec<(Tally, DataError, u64)>,
}

/// Warnings tallied per column (see [`Problems::tally`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tally {
    GroupedNumber,
    PercentSign,
    DayMonthYear,
}

impl Problems {
    fn new(file: &str) -> Self {
        Problems { file: file.to_string(), list: Vec::new(), errors: 0, tallies: Vec::new() }
    }
    fn at(&mut self, line: u64, column: usize, kind: ErrorKind) {
        self.push(DataError::new(Position::new(&self.file, line, column), kind));
    }
    fn push(&mut self, problem: DataError) {
        if problem.severity == Severity::Warning {
            if self.warnings() < MAX_PROBLEMS {
                self.list.push(problem);
            }
        } else if self.errors < MAX_PROBLEMS {
            self.errors += 1;
            self.list.push(problem);
        }
    }
    fn warn(&mut self, line: u64, column: usize, kind: ErrorKind) {
        self.push(DataError::warning(Position::new(&self.file, line, column), kind));
    }
    fn warnings(&self) -> usize {
        self.list.len() - self.errors + self.tallies.len()
    }
    /// Counts a warning of kind `key` in `column`: the first is made (by `kind`) and kept,
    /// later ones only counted.
    fn tally(&mut self, key: Tally, line: u64, column: usize, kind: impl FnOnce() -> ErrorKind) {
        let full = self.warnings() >= MAX_PROBLEMS;
        match self.tallies.iter_mut().find(|(k, first, _)| *k == key && first.position.column == column) {
            Some((_, _, more)) => *more += 1,
            None if full => {}
            None => self.tallies.push((key, DataError::warning(Position::new(&self.file, line, column), kind()), 0)),
        }
    }
    fn full(&self) -> bool {
        self.errors >= MAX_PROBLEMS
    }
    fn has_errors(&self) -> bool {
        self.errors > 0
    }
    /// Every problem, the tallied warnings last (in the order they were first found).
    fn into_list(mut self) -> Vec<DataError> {
        for (_, mut first, n) in std::mem::take(&mut self.tallies) {
            if let ErrorKind::GroupedNumber { more, .. } | ErrorKind::PercentSign { more, .. } | ErrorKind::DayMonthYear { more, .. } = &mut first.kind {
                *more = n;
            }
            self.list.push(first);
        }
        self.list
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// One CSV record as read: the bytes of its fields, untrimmed, end to end.
struct Fields<'a> {
    bytes: &'a [u8],
    ends: &'a [usize],
}

impl<'a> Fields<'a> {
    fn len(&self) -> usize {
        self.ends.len()
    }
    fn raw(&self, i: usize) -> &'a [u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.bytes[start..self.ends[i]]
    }
    fn iter(&self) -> impl Iterator<Item = &'a [u8]> + '_ {
        (0..self.len()).map(|i| self.raw(i))
    }
    /// The record as text, when every field is UTF-8; else the first field that is not.
    /// Checked once for the whole record: valid as a whole and split on character
    /// boundaries means every field is valid.
    fn to_text(&self) -> Result<Row<'a>, usize> {
        match std::str::from_utf8(self.bytes) {
            Ok(text) if self.ends.iter().all(|&e| text.is_char_boundary(e)) => Ok(Row { text, ends: self.ends }),
            _ => Err(self.iter().position(|f| std::str::from_utf8(f).is_err()).unwrap_or(0)),
        }
    }
}

/// A well-formed row: its fields as text.
struct Row<'a> {
    text: &'a str,
    ends: &'a [usize],
}

impl<'a> Row<'a> {
    fn len(&self) -> usize {
        self.ends.len()
    }
    /// Field `i`, trimmed (of Unicode whitespace, as `str::trim`).
    fn text(&self, i: usize) -> &'a str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        let field = self.text.get(start..self.ends[i]).unwrap_or("");
        // Most fields start and end with a visible ASCII character: skip the trim.
        let plain = |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii() && !(b as char).is_whitespace());
        if plain(field.as_bytes().first()) && plain(field.as_bytes().last()) {
            field
        } else {
            field.trim()
        }
    }
}

/// What a [`Splitter`] hands on: the header once, then each well-formed row.
trait Sink {
    /// Called once with the header (its named columns) and the file's delimiter; returns
    /// whether rows should be passed on (false when the header has errors: rows are then
    /// only checked for their shape).
    fn header(&mut self, header: &[String], delimiter: u8, problems: &mut Problems) -> bool;
    fn row(&mut self, line: u64, record: &Row, problems: &mut Problems);
}

/// The most bytes held to find the first line (and so the delimiter) before reading.
const HEAD_LIMIT: usize = 64 * 1024;

/// Finds the delimiter from the first line that is not blank: counts `,` `;` and tab
/// outside quotes, fed the head of the file in pieces.
#[derive(Default)]
struct Sniff {
    quoted: bool,
    /// Whether the current line has anything but whitespace.
    content: bool,
    counts: [usize; 3],
    done: bool,
}

impl Sniff {
    /// Scans more of the head; true once the first line that is not blank has ended.
    fn scan(&mut self, bytes: &[u8]) -> bool {
        for &b in bytes {
            if self.done {
                break;
            }
            match b {
                b'"' => self.quoted = !self.quoted,
                b'\n' | b'\r' if !self.quoted => {
                    self.done = self.content;
                    if !self.done {
                        self.counts = [0; 3];
                    }
                }
                _ if self.quoted => {}
                b',' => self.counts[0] += 1,
                b';' => self.counts[1] += 1,
                b'\t' => self.counts[2] += 1,
                _ => {}
            }
            self.content |= !b.is_ascii_whitespace();
        }
        self.done
    }

    /// `;` or tab when the first line holds it and neither of the others; else a comma.
    fn delimiter(&self) -> u8 {
        match self.counts {
            [0, s, 0] if s > 0 => b';',
            [0, 0, t] if t > 0 => b'\t',
            _ => b',',
        }
    }
}

/// The text encoding of a file, as far as its records so far tell.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Encoding {
    /// Every record so far was ASCII.
    Ascii,
    /// A record held UTF-8 that is not ASCII: the file is UTF-8.
    Utf8,
    /// A record was not UTF-8 but was Windows-1252: the file is read as that from then on.
    Windows1252,
}

/// Windows-1252's characters for bytes 0x80–0x9F (`None`: undefined); the other bytes
/// are Latin-1 (the Unicode code point of the same number).
const WINDOWS_1252: [Option<char>; 32] = [
    Some('€'), None, Some('‚'), Some('ƒ'), Some('„'), Some('…'), Some('†'), Some('‡'),
    Some('ˆ'), Some('‰'), Some('Š'), Some('‹'), Some('Œ'), None, Some('Ž'), None,
    None, Some('‘'), Some('’'), Some('“'), Some('”'), Some('•'), Some('–'), Some('—'),
    Some('˜'), Some('™'), Some('š'), Some('›'), Some('œ'), None, Some('ž'), Some('Ÿ'),
];

/// The character a Windows-1252 byte stands for; `None` for the five undefined bytes.
fn windows_1252(b: u8) -> Option<char> {
    match b {
        0x80..=0x9F => WINDOWS_1252[usize::from(b - 0x80)],
        _ => Some(char::from(b)),
    }
}

/// Splits CSV bytes, given in chunks of any size, into a header and well-formed rows,
/// reporting malformed records where they are (a row with a different number of fields
/// from the header, text that is neither UTF-8 nor Windows-1252). As a spreadsheet saves
/// a file, it also reads:
/// - a byte-order mark (even one split across chunks) and CR, LF or CRLF line ends;
/// - `;` or tab as the delimiter, found from the first line (one warning);
/// - Windows-1252 text: a file whose first record that is not UTF-8 comes before any
///   that is UTF-8 beyond ASCII is read as Windows-1252 from that record on (one warning);
/// - empty columns at the end of the header, ignored (one warning) when their cells are
///   empty; rows whose every field is empty are skipped like blank lines.
///
/// RFC 4180 quoting, via `csv-core`.
struct Splitter {
    reader: CsvReader,
    out: Vec<u8>,
    ends: Vec<usize>,
    nout: usize,
    nend: usize,
    /// The first bytes, held until the first line has ended (to find the delimiter).
    head: Vec<u8>,
    head_done: bool,
    sniff: Sniff,
    delimiter: u8,
    encoding: Encoding,
    /// A Windows-1252 record as UTF-8 text, and its fields' ends.
    scratch: (String, Vec<usize>),
    header: Option<Vec<String>>,
    /// Header columns up to the last with a name (the rest are ignored).
    named: usize,
    header_ok: bool,
    /// Set when reading can stop: the header is unusable or the problem list is full.
    stopped: bool,
    /// Bytes given so far.
    bytes: u64,
    /// Well-formed rows after the header.
    rows: usize,
}

impl Splitter {
    fn new() -> Self {
        Splitter {
            reader: CsvReader::new(),
            out: vec![0; 4096],
            ends: vec![0; 64],
            nout: 0,
            nend: 0,
            head: Vec::new(),
            head_done: false,
            sniff: Sniff::default(),
            delimiter: b',',
            encoding: Encoding::Ascii,
            scratch: (String::new(), Vec::new()),
            header: None,
            named: 0,
            header_ok: false,
            stopped: false,
            bytes: 0,
            rows: 0,
        }
    }

    fn feed(&mut self, chunk: &[u8], problems: &mut Problems, sink: &mut dyn Sink) {
        self.bytes += chunk.len() as u64;
        if self.stopped {
            return;
        }
        if self.head_done {
            self.tokenize(chunk, false, problems, sink);
            return;
        }
        self.head.extend_from_slice(chunk);
        if self.sniff.scan(chunk) || self.head.len() >= HEAD_LIMIT {
            self.release_head(problems, sink);
        }
    }

    fn release_head(&mut self, problems: &mut Problems, sink: &mut dyn Sink) {
        self.head_done = true;
        self.delimiter = self.sniff.delimiter();
        if self.delimiter != b',' {
            self.reader = csv_core::ReaderBuilder::new().delimiter(self.delimiter).build();
            let delimiter = if self.delimiter == b';' { "semicolons" } else { "tabs" };
            problems.warn(1, 0, ErrorKind::Delimiter { delimiter: delimiter.into() });
        }
        let head = std::mem::take(&mut self.head);
        self.tokenize(head.strip_prefix(BOM).unwrap_or(&head), false, problems, sink);
    }

    /// Reads what is left; reports a file with no header (nothing, or only blank lines) as
    /// empty.
    fn finish(&mut self, problems: &mut Problems, sink: &mut dyn Sink) {
        if !self.head_done {
            self.release_head(problems, sink);
        }
        self.tokenize(&[], true, problems, sink);
        // Found with the fuzz targets' invariants (fuzz/): a file whose only lines are blank
        // records (`""`, `"  "`) has no header, and used to be dropped with no problem at all.
        if self.header.is_none() && !self.stopped {
            problems.at(0, 0, ErrorKind::Empty { header_only: false });
        }
    }

    fn tokenize(&mut self, mut input: &[u8], eof: bool, problems: &mut Problems, sink: &mut dyn Sink) {
        while !self.stopped {
            let (res, nin, nout, nend) = self.reader.read_record(input, &mut self.out[self.nout..], &mut self.ends[self.nend..]);
            let last_read = input[..nin].last().copied();
            input = &input[nin..];
            self.nout += nout;
            self.nend += nend;
            match res {
                // Everything given was read; at the end, stop if nothing moved.
                ReadRecordResult::InputEmpty => {
                    if !eof || (nin, nout, nend) == (0, 0, 0) {
                        return;
                    }
                }
                ReadRecordResult::OutputFull => {
                    let n = self.out.len();
                    self.out.resize(n * 2, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let n = self.ends.len();
                    self.ends.resize(n * 2, 0);
                }
                ReadRecordResult::Record => {
                    let (out, ends) = (std::mem::take(&mut self.out), std::mem::take(&mut self.ends));
                    let record = Fields { bytes: &out[..self.nout], ends: &ends[..self.nend] };
                    // The line the record starts on, counted back from where it ended: the
                    // reader has counted every LF so far, including the one ending this
                    // record (not yet, when a CRLF's CR ended it), and the record's quoted
                    // fields may hold line breaks of their own. (Counting forward would
                    // give blank lines before a record, or a CRLF split from its CR, the
                    // wrong line.)
                    let breaks = record.bytes.iter().filter(|&&b| b == b'\n').count() as u64;
                    let line = self.reader.line().saturating_sub(u64::from(last_read == Some(b'\n')) + breaks).max(1);
                    let mut scratch = std::mem::take(&mut self.scratch);
                    self.record(line, &record, &mut scratch, problems, sink);
                    self.scratch = scratch;
                    (self.out, self.ends) = (out, ends);
                    (self.nout, self.nend) = (0, 0);
                }
                ReadRecordResult::End => return,
            }
        }
    }

    /// The record as text: UTF-8 as it is, or transcoded from Windows-1252 into `scratch`
    /// (see [`Encoding`]); else the index of the first field that is neither.
    fn decode<'r>(&mut self, line: u64, record: &Fields<'r>, scratch: &'r mut (String, Vec<usize>), problems: &mut Problems) -> Result<Row<'r>, usize> {
        let utf8 = record.to_text();
        match (utf8, self.encoding) {
            (Ok(row), Encoding::Utf8) => return Ok(row),
            (Ok(row), Encoding::Ascii) => {
                if !row.text.is_ascii() {
                    self.encoding = Encoding::Utf8;
                }
                return Ok(row);
            }
            (Ok(row), Encoding::Windows1252) if row.text.is_ascii() => return Ok(row),
            (Err(bad), Encoding::Utf8) => return Err(bad),
            _ => {}
        }
        let (text, ends) = scratch;
        text.clear();
        ends.clear();
        for (i, field) in record.iter().enumerate() {
            for &b in field {
                text.push(windows_1252(b).ok_or(i)?);
            }
            ends.push(text.len());
        }
        let (text, ends): (&'r String, &'r Vec<usize>) = (text, ends);
        if self.encoding != Encoding::Windows1252 {
            self.encoding = Encoding::Windows1252;
            let field = record.iter().position(|f| !f.is_ascii()).unwrap_or(0);
            let found = record.raw(field).iter().find(|b| !b.is_ascii()).and_then(|&b| windows_1252(b)).unwrap_or('?');
            problems.warn(line, field + 1, ErrorKind::NotUtf8 { found });
        }
        Ok(Row { text, ends })
    }

    fn record(&mut self, line: u64, record: &Fields, scratch: &mut (String, Vec<usize>), problems: &mut Problems, sink: &mut dyn Sink) {
        // A line holding only whitespace (e.g. a trailing blank line), or a row of empty
        // fields (`,,,,` from a spreadsheet's empty row), is not a row.
        if record.bytes.iter().all(|b| b.is_ascii_whitespace()) {
            return;
        }
        let Some(header) = &self.header else {
            let row = match self.decode(line, record, scratch, problems) {
                Ok(row) => row,
                Err(bad) => {
                    problems.at(line, bad + 1, ErrorKind::Malformed { reason: "header is not valid UTF-8 text".into() });
                    self.stopped = true;
                    return;
                }
            };
            let names: Vec<String> = (0..row.len()).map(|i| row.text(i).to_string()).collect();
            // Found with tests/e2e/robustness.test.mjs: a spreadsheet's semicolon-separated
            // export quotes fields holding `;` but not those holding `,`, so its rows split
            // into a varying number of fields and used to give one "row has N fields" error
            // per row (up to the cap) and never this message. A first line holding both
            // semicolons and tabs (and no comma) still stops here.
            if names.len() == 1 && names[0].contains([';', '\t']) {
                problems.at(line, 1, ErrorKind::Malformed {
                    reason: "the header is one field: is the file separated by semicolons or tabs instead of commas?".into(),
                });
                self.stopped = true;
                return;
            }
            self.named = names.iter().rposition(|n| !n.is_empty()).map_or(0, |last| last + 1);
            if self.named < names.len() {
                problems.warn(line, self.named + 1, ErrorKind::EmptyColumns { count: names.len() - self.named });
            }
            self.header_ok = sink.header(&names[..self.named], self.delimiter, problems);
            self.header = Some(names);
            self.stopped = problems.full();
            return;
        };
        let (width, named) = (header.len(), self.named);
        if record.len() != width && (named == width || record.len() != named) {
            let reason = if width == 1 && record.len() == 1 {
                "only one column: is the file separated by semicolons or tabs instead of commas?".to_string()
            } else {
                format!("row has {} fields but the header has {}", record.len(), width)
            };
            problems.at(line, record.len().min(width) + 1, ErrorKind::Malformed { reason });
        } else {
            match self.decode(line, record, scratch, problems) {
                Err(bad) => problems.at(line, bad + 1, ErrorKind::Malformed { reason: "field is not valid UTF-8 text".into() }),
                Ok(row) => {
                    let mut unnamed = false;
                    for i in named..row.len() {
                        let value = row.text(i);
                        if !value.is_empty() {
                            problems.at(line, i + 1, ErrorKind::ValueInUnnamedColumn { value: value.into() });
                            unnamed = true;
                        }
                    }
                    if !unnamed {
                        self.rows += 1;
                        if self.header_ok {
                            sink.row(line, &Row { text: row.text, ends: &row.ends[..named] }, problems);
                        }
                    }
                }
            }
        }
        self.stopped = problems.full();
    }
}

/// A whole small file read into its header and rows (of trimmed fields).
#[derive(Default)]
struct Collect {
    header: Vec<String>,
    rows: Vec<(u64, Vec<String>)>,
}

impl Sink for Collect {
    fn header(&mut self, header: &[String], _: u8, _: &mut Problems) -> bool {
        self.header = header.to_vec();
        true
    }
    fn row(&mut self, line: u64, record: &Row, _: &mut Problems) {
        self.rows.push((line, (0..record.len()).map(|i| record.text(i).to_string()).collect()));
    }
}

/// Reads all of a small file; `None` (with a problem reported) when it has no usable header.
fn read_all(bytes: &[u8], problems: &mut Problems) -> Option<(Vec<String>, Vec<(u64, Vec<String>)>)> {
    let mut split = Splitter::new();
    let mut collect = Collect::default();
    split.feed(bytes, problems, &mut collect);
    split.finish(problems, &mut collect);
    if split.header.is_none() || problems.full() {
        return None;
    }
    Some((collect.header, collect.rows))
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
    let Some((header, rows)) = read_all(bytes, &mut problems) else {
        return Parsed { value: None, problems: problems.into_list() };
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
        return Parsed { value: None, problems: problems.into_list() };
    }
    if rows.is_empty() {
        problems.at(0, 0, ErrorKind::Empty { header_only: true });
        return Parsed { value: None, problems: problems.into_list() };
    }
    let col = |name: &str| header.iter().position(|h| h == name);
    let mut columns: Vec<ColumnMeta> = Vec::new();
    for (line, record) in &rows {
        let get = |name: &str| col(name).map_or("", |i| record[i].as_str());
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
    Parsed { value: ok.then(|| Meta { file: file.to_string(), columns }), problems: problems.into_list() }
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

/// Where the columns a row needs are, worked out once from the header.
struct Columns {
    time_period: usize,
    time_identifier: usize,
    level: usize,
    snapshot: Option<usize>,
    conflict: Option<usize>,
    note: Option<usize>,
    basis: Option<usize>,
    coverage: Option<usize>,
    source: Option<usize>,
    location: Option<usize>,
    /// (column, indicator index) in header order.
    indicators: Vec<(usize, usize)>,
    /// (column, filter index) in header order.
    filters: Vec<(usize, usize)>,
    /// Per indicator: is it a percentage?
    percent: Vec<bool>,
    /// Per indicator: is it a duration in months (cells may be written `YY:MM`)?
    months: Vec<bool>,
    /// The file is separated by semicolons: a comma in a number is ambiguous.
    semicolons: bool,
    /// Per geographic level (`Level as usize`): each column a row of that level must fill,
    /// with its position if the header has it.
    needed: [Vec<(&'static str, Option<usize>)>; 5],
    /// Per geographic level: positions of its (code, name) columns.
    keys: [(Option<usize>, Option<usize>); 5],
}

const LEVELS: [Level; 5] = [Level::National, Level::Regional, Level::LocalAuthority, Level::Partnership, Level::ComparatorGroup];

/// The data-file [`Sink`]: checks the header against the meta file, then validates each
/// row and appends it to the table.
struct Rows {
    table: Table,
    header: Vec<String>,
    sources: Option<Vec<String>>,
    default_source: Option<String>,
    /// `None` until a header without errors has been read.
    cols: Option<Columns>,
    reported_missing_level_columns: Vec<&'static str>,
    /// Geography code → (level, index into `table.geographies`).
    geo_index: FxHashMap<String, Vec<(Level, u32)>>,
    /// Duplicate detection without a key per row: a hash of (period, geography, filter
    /// values) → the first row with that hash; `same_hash` chains any later rows with the
    /// same hash. The keys themselves are read back from the table's columns.
    /// The hash is cut to 32 bits (8 bytes an entry instead of 16: a million-row file's
    /// map is the largest allocation after the table); collisions only lengthen a chain.
    first_with_hash: FxHashMap<u32, u32>,
    same_hash: FxHashMap<u32, u32>,
    /// Reused for every row.
    cells: Vec<Cell>,
    filter_ids: Vec<u32>,
    /// The previous row's values, reused when a row repeats them (most rows of a sorted
    /// file do): saves parsing and hashing the same text again.
    last: LastRow,
}

/// See [`Rows::last`].
#[derive(Default)]
struct LastRow {
    /// Per header column: the id of the text interned from it last.
    interned: Vec<u32>,
    /// `time_identifier` and `time_period` texts, and the period they gave.
    time: (String, String, Option<Period>),
    /// `geographic_level` and code texts, and the geography they gave.
    geography: (String, String, Option<(Level, u32)>),
    /// `snapshot_date` text and the date it gave (and whether written day/month/year).
    snapshot: (String, Option<(Date, bool)>),
}

impl LastRow {
    /// Interns `text` from header column `col`, skipping the hash when it repeats.
    fn intern(&mut self, strings: &mut Strings, col: usize, text: &str) -> u32 {
        let last = self.interned[col];
        if strings.get(last) == text {
            return last;
        }
        let id = strings.intern(text);
        self.interned[col] = id;
        id
    }
}

/// Remembers `a` and `b` in `slot` (reusing its buffers).
fn remember(slot: &mut (String, String), a: &str, b: &str) {
    slot.0.clear();
    slot.0.push_str(a);
    slot.1.clear();
    slot.1.push_str(b);
}

fn key_hash(period: Period, geo: u32, filters: &[u32]) -> u32 {
    let mut h = FxHasher::default();
    (period, geo, filters).hash(&mut h);
    let h = h.finish();
    (h >> 32) as u32 ^ h as u32
}

impl Sink for Rows {
    fn header(&mut self, header: &[String], delimiter: u8, problems: &mut Problems) -> bool {
        self.header = header.to_vec();
        duplicate_columns(header, problems);
        let meta = &self.table.meta;
        let mut roles = Vec::with_capacity(header.len());
        let (mut filters, mut indicators) = (Vec::new(), Vec::new());
        for (i, name) in header.iter().enumerate() {
            let role = match name.as_str() {
                "time_period" => Role::TimePeriod,
                "time_identifier" => Role::TimeIdentifier,
                n if GEOGRAPHY_COLUMNS.contains(&n) => Role::Geography,
                n if EXTENSION_COLUMNS.contains(&n) => Role::Extension,
                n => match meta.get(n) {
                    Some(m) if m.col_type == ColumnType::Filter => {
                        filters.push(n.to_string());
                        Role::Filter(filters.len() - 1)
                    }
                    Some(_) => {
                        indicators.push(n.to_string());
                        Role::Indicator(indicators.len() - 1)
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
        let (source, location) = (col("source"), col("source_location"));
        if source.is_none() && self.default_source.is_none() {
            problems.at(1, 0, ErrorKind::MissingColumn {
                column: "source".into(),
                needed_for: "provenance: every figure names its document (or give the file a \"source\" in site.json)".into(),
            });
        }
        if source.is_some() && location.is_none() {
            problems.at(1, 0, ErrorKind::MissingColumn {
                column: "source_location".into(),
                needed_for: "provenance: where in the document each figure is".into(),
            });
        }
        for m in &meta.columns {
            if !header.iter().any(|h| h == &m.name) {
                let meta_pos = Position::new(&meta.file, m.line, 1);
                problems.push(DataError::new(meta_pos, ErrorKind::MetaOutOfStep { column: m.name.clone() }));
            }
        }
        if problems.has_errors() {
            return false;
        }
        let percent = indicators.iter().map(|n| meta.get(n).is_some_and(|m| m.is_percentage())).collect();
        let months = indicators.iter().map(|n| meta.get(n).is_some_and(|m| m.unit == "months")).collect();
        let needed = LEVELS.map(|level| COUNTRY_COLUMNS.iter().chain(level.required_columns()).map(|&c| (c, col(c))).collect());
        self.cols = Some(Columns {
            time_period: col("time_period").unwrap_or(0),
            time_identifier: col("time_identifier").unwrap_or(0),
            level: col("geographic_level").unwrap_or(0),
            snapshot: col("snapshot_date"),
            conflict: col("conflict"),
            note: col("note"),
            basis: col("basis"),
            coverage: col("coverage"),
            source,
            location,
            indicators: roles.iter().enumerate().filter_map(|(c, r)| if let Role::Indicator(i) = r { Some((c, *i)) } else { None }).collect(),
            filters: roles.iter().enumerate().filter_map(|(c, r)| if let Role::Filter(f) = r { Some((c, *f)) } else { None }).collect(),
            percent,
            months,
            semicolons: delimiter == b';',
            needed,
            keys: LEVELS.map(|level| (col(level.key_columns().0), col(level.key_columns().1))),
        });
        self.last.interned = vec![0; header.len()];
        self.table.values = vec![Vec::new(); indicators.len()];
        self.table.filter_values = vec![Vec::new(); filters.len()];
        self.table.filters = filters;
        self.table.indicators = indicators;
        true
    }

    fn row(&mut self, line: u64, record: &Row, problems: &mut Problems) {
        let Some(c) = &self.cols else { return };
        let table = &mut self.table;
        let header = &self.header;
        let field = |i: usize| record.text(i);
        let ident_text = field(c.time_identifier);
        let period_text = field(c.time_period);
        let cache = &mut self.last;
        let period = match &cache.time {
            (i, p, Some(period)) if i == ident_text && p == period_text => *period,
            _ => {
                let Some(identifier) = TimeIdentifier::parse(ident_text) else {
                    problems.at(line, c.time_identifier + 1, ErrorKind::UnknownTimeIdentifier { value: ident_text.into() });
                    return;
                };
                // A date (`31/03/2022`) is refused too; the hint says what time_period is.
                let Some(period) = Period::parse(period_text, identifier) else {
                    problems.at(line, c.time_period + 1, ErrorKind::BadTimePeriod { value: period_text.into(), identifier: ident_text.into() });
                    return;
                };
                let mut slot = (std::mem::take(&mut cache.time.0), std::mem::take(&mut cache.time.1));
                remember(&mut slot, ident_text, period_text);
                cache.time = (slot.0, slot.1, Some(period));
                period
            }
        };
        let level_text = field(c.level);
        let Some(level) = Level::parse(level_text) else {
            problems.at(line, c.level + 1, ErrorKind::UnknownGeographicLevel { value: level_text.into() });
            return;
        };
        for &(needed, at) in &c.needed[level as usize] {
            match at {
                None => {
                    if !self.reported_missing_level_columns.contains(&needed) {
                        self.reported_missing_level_columns.push(needed);
                        problems.at(1, 0, ErrorKind::MissingColumn {
                            column: needed.to_string(),
                            needed_for: format!("\"{}\" rows (first on line {line})", level.name()),
                        });
                    }
                    return;
                }
                Some(at) if field(at).is_empty() => {
                    problems.at(line, at + 1, ErrorKind::MissingGeography { column: needed.to_string(), level: level.name().into() });
                    return;
                }
                Some(_) => {}
            }
        }
        // The key columns are among those just checked, so they are present and filled.
        let (Some(code_col), Some(name_col)) = c.keys[level as usize] else { return };
        let code = field(code_col);
        let geo = match &cache.geography {
            (l, k, Some((lv, g))) if *lv == level && l == level_text && k == code => *g,
            _ => {
                let known = self.geo_index.get(code).and_then(|v| v.iter().find(|(l, _)| *l == level)).map(|(_, g)| *g);
                let g = known.unwrap_or_else(|| {
                    let g = table.geographies.len() as u32;
                    table.geographies.push(Geography { level, code: code.to_string(), name: field(name_col).to_string() });
                    self.geo_index.entry(code.to_string()).or_default().push((level, g));
                    g
                });
                let mut slot = (std::mem::take(&mut cache.geography.0), std::mem::take(&mut cache.geography.1));
                remember(&mut slot, level_text, code);
                cache.geography = (slot.0, slot.1, Some((level, g)));
                g
            }
        };

        let cells = &mut self.cells;
        cells.clear();
        let mut row_ok = true;
        for &(col, i) in &c.indicators {
            let raw = field(col);
            let parsed = match c.months[i].then(|| Cell::parse_duration(raw)).flatten() {
                Some(duration) => Ok(duration),
                None => Cell::parse(raw),
            };
            let cell = match parsed {
                Ok(cell) => cell,
                Err(e) => match spreadsheet_cell(e, raw, i, c, &table.meta, &header[col]) {
                    Ok((cell, key)) => {
                        problems.tally(key, line, col + 1, || match key {
                            Tally::PercentSign => ErrorKind::PercentSign { value: raw.into(), column: header[col].clone(), more: 0 },
                            _ => ErrorKind::GroupedNumber { value: raw.into(), column: header[col].clone(), more: 0 },
                        });
                        cell
                    }
                    Err(kind) => {
                        problems.at(line, col + 1, kind);
                        row_ok = false;
                        continue;
                    }
                },
            };
            if c.percent[i] && cell.number().is_some_and(|v| !(0.0..=100.0).contains(&v)) {
                problems.at(line, col + 1, ErrorKind::ImpossiblePercentage { value: raw.into(), column: header[col].clone() });
                row_ok = false;
            }
            cells.push(cell);
        }
        let has_values = cells.iter().any(|c| !c.is_empty());
        let snapshot = match c.snapshot.map(|col| (col, field(col))) {
            Some((_, "")) | None => None,
            Some((col, text)) => {
                if cache.snapshot.0 != text {
                    cache.snapshot.0.clear();
                    cache.snapshot.0.push_str(text);
                    cache.snapshot.1 = Date::parse(text).map(|d| (d, false)).or_else(|| Date::parse_day_month_year(text).map(|d| (d, true)));
                }
                match cache.snapshot.1.filter(|(d, _)| period.contains(*d)) {
                    Some((d, day_first)) => {
                        if day_first {
                            problems.tally(Tally::DayMonthYear, line, col + 1, || ErrorKind::DayMonthYear { value: text.into(), read: d.iso(), more: 0 });
                        }
                        Some(d)
                    }
                    None => {
                        problems.at(line, col + 1, ErrorKind::BadSnapshotDate { value: text.into(), period: period.to_string() });
                        row_ok = false;
                        None
                    }
                }
            }
        };
        let basis = match c.basis.map(|col| (col, field(col))) {
            None => Basis::Period,
            Some((col, text)) => match Basis::parse(text) {
                Some(b) => b,
                None => {
                    problems.at(line, col + 1, ErrorKind::BadBasis { value: text.into() });
                    row_ok = false;
                    Basis::Period
                }
            },
        };
        let source_text = match c.source {
            Some(col) => {
                let s = field(col);
                if has_values && s.is_empty() {
                    problems.at(line, col + 1, ErrorKind::MissingSource { column: "source".into() });
                    row_ok = false;
                } else if !s.is_empty() && self.sources.as_ref().is_some_and(|known| !known.iter().any(|k| k == s)) {
                    problems.at(line, col + 1, ErrorKind::UnknownSource { value: s.into() });
                    row_ok = false;
                }
                s
            }
            None => self.default_source.as_deref().unwrap_or(""),
        };
        let location_text = c.location.map_or("", |col| field(col));
        if let (Some(col), true) = (c.location, has_values && location_text.is_empty()) {
            problems.at(line, col + 1, ErrorKind::MissingSource { column: "source_location".into() });
            row_ok = false;
        }
        if !row_ok {
            return;
        }

        let filter_ids = &mut self.filter_ids;
        filter_ids.clear();
        filter_ids.extend(c.filters.iter().map(|&(col, _)| cache.intern(&mut table.strings, col, field(col))));
        let conflict_text = c.conflict.map_or("", |col| field(col));
        let row = table.period.len();
        let hash = key_hash(period, geo, filter_ids);
        let mut last = None;
        let mut next = self.first_with_hash.get(&hash).copied();
        while let Some(prev) = next {
            let p = prev as usize;
            let same_key = table.period[p] == period
                && table.geography[p] == geo
                && filter_ids.iter().enumerate().all(|(f, id)| table.filter_values[f][p] == *id);
            if same_key {
                for (k, &(col, i)) in c.indicators.iter().enumerate() {
                    let (now, before) = (cells[k], table.values[i][p]);
                    if now.is_empty() || before.is_empty() || now.same_as(before) {
                        continue;
                    }
                    let prev_conflict = table.strings.get(table.conflict[p]);
                    if !conflict_text.is_empty() && conflict_text == prev_conflict {
                        table.conflicts.push(Conflict { id: conflict_text.into(), indicator: header[col].clone(), rows: [p, row] });
                    } else {
                        problems.at(line, col + 1, ErrorKind::DuplicateObservation {
                            indicator: header[col].clone(),
                            value: field(col).into(),
                            first_value: display_cell(before),
                            first_line: table.line[p],
                        });
                    }
                }
            }
            last = Some(prev);
            next = self.same_hash.get(&prev).copied();
        }
        match last {
            None => self.first_with_hash.insert(hash, row as u32),
            Some(prev) => self.same_hash.insert(prev, row as u32),
        };

        table.period.push(period);
        table.geography.push(geo);
        for (f, &id) in filter_ids.iter().enumerate() {
            table.filter_values[f].push(id);
        }
        for (k, &(_, i)) in c.indicators.iter().enumerate() {
            table.values[i].push(cells[k]);
        }
        let source_id = match c.source {
            Some(col) => cache.intern(&mut table.strings, col, source_text),
            None => table.strings.intern(source_text),
        };
        table.source.push(source_id);
        let location_id = match c.location {
            Some(col) => cache.intern(&mut table.strings, col, location_text),
            // A published file without provenance columns: its figures are located by the
            // file's own name (the publication is the source named in site.json).
            None if c.source.is_none() && self.default_source.is_some() => {
                let name = table.file.rsplit('/').next().unwrap_or(&table.file);
                let text = format!("file {name}");
                table.strings.intern(&text)
            }
            None => 0,
        };
        table.source_location.push(location_id);
        table.snapshot.push(snapshot);
        let conflict_id = c.conflict.map_or(0, |col| cache.intern(&mut table.strings, col, conflict_text));
        table.conflict.push(conflict_id);
        let note_id = c.note.map_or(0, |col| cache.intern(&mut table.strings, col, field(col)));
        table.note.push(note_id);
        if c.basis.is_some() || c.coverage.is_some() {
            table.basis.push(basis);
            let coverage_id = c.coverage.map_or(0, |col| cache.intern(&mut table.strings, col, field(col)));
            table.coverage.push(coverage_id);
        }
        table.line.push(line);
    }
}

/// Parses and validates a data file against its meta file, incrementally: give it the
/// file in chunks of any size with [`DataParser::feed`], then [`DataParser::finish`].
///
/// Each row is validated and stored as soon as its last byte arrives, so a caller can show
/// progress ([`DataParser::rows`]) and stop reading early when [`DataParser::stopped`]
/// says nothing more will be looked at. The result is exactly that of [`parse_data`] on
/// the whole file, whatever the chunk boundaries (see the tests).
pub struct DataParser {
    split: Splitter,
    problems: Problems,
    rows: Rows,
    /// Expected size of the whole file, to size the table's columns once.
    expected_bytes: Option<u64>,
    reserved: bool,
}

impl DataParser {
    /// A parser for `file` (the name used in messages) described by `meta`.
    pub fn new(file: &str, meta: &Meta, ctx: &Context) -> DataParser {
        DataParser {
            split: Splitter::new(),
            problems: Problems::new(file),
            rows: Rows {
                table: Table { file: file.to_string(), meta: meta.clone(), ..Table::default() },
                header: Vec::new(),
                sources: ctx.sources.map(<[String]>::to_vec),
                default_source: ctx.default_source.map(str::to_string),
                cols: None,
                reported_missing_level_columns: Vec::new(),
                geo_index: FxHashMap::default(),
                first_with_hash: FxHashMap::default(),
                same_hash: FxHashMap::default(),
                cells: Vec::new(),
                filter_ids: Vec::new(),
                last: LastRow::default(),
            },
            expected_bytes: None,
            reserved: false,
        }
    }

    /// Tells the parser how big the whole file will be (e.g. from `Content-Length`), so
    /// it can size the table's columns once instead of growing them by doubling.
    pub fn expect_bytes(&mut self, total: u64) {
        self.expected_bytes = Some(total);
    }

    /// Reads the next chunk of the file.
    pub fn feed(&mut self, chunk: &[u8]) {
        self.split.feed(chunk, &mut self.problems, &mut self.rows);
        if !self.reserved && self.rows.table.rows() >= 1000 {
            self.reserved = true;
            if let Some(total) = self.expected_bytes {
                // Rows still to come, from the bytes per row so far (plus 2 %).
                let per_row = self.split.bytes as f64 / self.rows.table.rows() as f64;
                let more = ((total.saturating_sub(self.split.bytes)) as f64 / per_row * 1.02) as usize;
                self.rows.table.reserve(more);
            }
        }
    }

    /// Bytes given so far.
    pub fn bytes(&self) -> u64 {
        self.split.bytes
    }

    /// Rows validated and stored so far.
    pub fn rows(&self) -> usize {
        self.rows.table.rows()
    }

    /// True when the rest of the file would not be looked at (the header is unusable or
    /// the problem list is full): the caller may stop reading and call `finish`.
    pub fn stopped(&self) -> bool {
        self.split.stopped
    }

    /// Reads the end of the file and returns the table, or the problems that stop it.
    pub fn finish(mut self) -> Parsed<Table> {
        self.split.finish(&mut self.problems, &mut self.rows);
        let mut problems = self.problems;
        if self.rows.cols.is_some() && self.split.rows == 0 && !problems.has_errors() {
            problems.at(0, 0, ErrorKind::Empty { header_only: true });
        }
        let ok = self.rows.cols.is_some() && !problems.has_errors();
        let mut table = self.rows.table;
        if ok {
            table.shrink_to_fit();
            table.index();
        }
        Parsed { value: ok.then_some(table), problems: problems.into_list() }
    }
}

/// Parses and validates a whole data file against its meta file (a [`DataParser`] given
/// all the bytes at once).
pub fn parse_data(file: &str, bytes: &[u8], meta: &Meta, ctx: &Context) -> Parsed<Table> {
    let mut parser = DataParser::new(file, meta, ctx);
    parser.feed(bytes);
    parser.finish()
}

/// Spreadsheet formula errors, as Excel writes them into a saved file.
const SPREADSHEET_ERRORS: [&str; 7] = ["#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!"];

/// An indicator cell that [`Cell::parse`] refused (with `e`), as a spreadsheet may save
/// it: read (with the warning to tally) when it is a strictly grouped number in a file
/// not separated by semicolons, or a percentage with a `%` sign in a `%` column;
/// otherwise the error to report.
fn spreadsheet_cell(e: CellError, raw: &str, indicator: usize, c: &Columns, meta: &Meta, column: &str) -> Result<(Cell, Tally), ErrorKind> {
    let (value, column) = (raw.to_string(), column.to_string());
    match e {
        CellError::ThousandsSeparator if c.semicolons => Err(ErrorKind::AmbiguousComma { value, column }),
        CellError::ThousandsSeparator => match Cell::parse_grouped(raw) {
            Some(cell) => Ok((cell, Tally::GroupedNumber)),
            None => Err(ErrorKind::ThousandsSeparator { value, column }),
        },
        CellError::TooLarge => Err(ErrorKind::NumberTooLarge { value, column }),
        CellError::NotANumber => match raw.strip_suffix('%').map(|n| Cell::parse(n.trim_end())) {
            Some(Ok(cell @ Cell::Number { .. })) if c.percent[indicator] => Ok((cell, Tally::PercentSign)),
            Some(Ok(Cell::Number { .. })) => {
                let unit = meta.get(&column).map_or(String::new(), |m| m.unit.clone());
                Err(ErrorKind::NotAPercentage { value, column, unit })
            }
            _ if SPREADSHEET_ERRORS.contains(&raw) => Err(ErrorKind::SpreadsheetError { value, column }),
            _ => Err(ErrorKind::NotANumber { value, column }),
        },
    }
}

fn display_cell(cell: Cell) -> String {
    match cell {
        Cell::Number { value, decimals } => format!("{value:.*}", decimals as usize),
        Cell::Symbol(s) => s.code().to_string(),
        Cell::Empty => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const META: &str = "col_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,filter_grouping_column,theme,polarity,definition,numerator,denominator
age,Filter,Age,,,,,,looked-after,,,,
rate,Indicator,Rate,,\"per 10,000\",1,,,looked-after,neither,Rate.,,
pct,Indicator,Share,,%,1,,,looked-after,neither,Share.,,
";

    fn meta() -> Meta {
        parse_meta("m.csv", META.as_bytes()).into_result().expect("meta")
    }

    fn file() -> String {
        let mut s = String::from("\u{feff}time_period,time_identifier,geographic_level,country_code,country_name,age,rate,pct,source,source_location,note\r\n");
        for y in 2010..2030 {
            for age in ["Total", "Under 1", "\"1, 2 or 3\""] {
                s.push_str(&format!("{y},Calendar year,National,E92000001,England,{age},{}.5,{},src,\"table 1, row 2\",\"a \"\"quoted\"\" note\"\r\n", y - 2000, y % 100));
            }
        }
        s
    }

    fn parse_in_chunks(bytes: &[u8], size: usize) -> Parsed<Table> {
        let sources = vec!["src".to_string()];
        let mut p = DataParser::new("d.csv", &meta(), &Context { sources: Some(&sources), default_source: None });
        p.expect_bytes(bytes.len() as u64);
        for chunk in bytes.chunks(size) {
            p.feed(chunk);
        }
        p.finish()
    }

    #[test]
    fn chunk_boundaries_do_not_change_the_result() {
        let text = file();
        let whole = parse_in_chunks(text.as_bytes(), usize::MAX).into_result().expect("valid");
        assert_eq!(whole.rows(), 60);
        assert_eq!(whole.text(whole.filter_values[0][2]), "1, 2 or 3");
        assert_eq!(whole.text(whole.note[0]), "a \"quoted\" note");
        assert_eq!(whole.line[59], 61);
        // Chunks of 1 byte split the byte-order mark, CRLFs, quotes and fields.
        for size in [1, 2, 3, 7, 64, 1000] {
            let t = parse_in_chunks(text.as_bytes(), size).into_result().expect("valid");
            assert_eq!((t.rows(), &t.line, &t.period, &t.filter_values), (whole.rows(), &whole.line, &whole.period, &whole.filter_values), "chunks of {size}");
            assert_eq!(t.values, whole.values);
        }
        // And problems are found at the same places.
        let bad = text.replace("2015,Calendar year,National,E92000001,England,Total,15.5", "2015,Calendar year,National,E92000001,England,Total,1o.5");
        let expected: Vec<String> = parse_in_chunks(bad.as_bytes(), usize::MAX).problems.iter().map(ToString::to_string).collect();
        assert_eq!(expected.len(), 1);
        assert!(expected[0].starts_with("d.csv:17:7:"), "{}", expected[0]);
        for size in [1, 5, 100] {
            let got: Vec<String> = parse_in_chunks(bad.as_bytes(), size).problems.iter().map(ToString::to_string).collect();
            assert_eq!(got, expected, "chunks of {size}");
        }
    }

    #[test]
    fn a_semicolon_separated_export_is_read_as_such() {
        // As a spreadsheet writes it: `;` between fields, commas left unquoted in text.
        let text = file().replace(',', ";").replace("\"1; 2 or 3\"", "1, 2 or 3").replace("\"table 1; row 2\"", "table 1, row 2");
        for size in [1, 7, 100, usize::MAX] {
            let parsed = parse_in_chunks(text.as_bytes(), size);
            let shown: Vec<String> = parsed.problems.iter().map(ToString::to_string).collect();
            assert_eq!(shown.len(), 1, "{shown:#?}");
            assert!(shown[0].starts_with("d.csv:1: warning: is separated by semicolons, not commas: read as such"), "{}", shown[0]);
            let t = parsed.value.expect("read");
            assert_eq!((t.rows(), t.text(t.filter_values[0][2]), t.text(t.source_location[0])), (60, "1, 2 or 3", "table 1, row 2"));
        }
        // A decimal comma cannot be told from a thousands separator there.
        let decimal_commas = text.replace(".5;", ",5;");
        let parsed = parse_in_chunks(decimal_commas.as_bytes(), 5);
        let first = parsed.errors().next().expect("refused");
        assert_eq!(first.position.to_string(), "d.csv:2:7");
        assert!(matches!(&first.kind, ErrorKind::AmbiguousComma { value, .. } if value == "10,5"), "{first}");
    }

    #[test]
    fn duplicates_are_found_across_chunks_without_a_key_per_row() {
        let mut text = file();
        text.push_str("2012,Calendar year,National,E92000001,England,Under 1,99,12,src,t,\r\n");
        text.push_str("2012,Calendar year,National,E92000001,England,Under 1,,12,src,t,\r\n");
        let parsed = parse_in_chunks(text.as_bytes(), 33);
        let e: Vec<&DataError> = parsed.errors().collect();
        assert_eq!(e.len(), 1, "{e:#?}");
        assert_eq!(e[0].position.to_string(), "d.csv:62:7");
        assert!(matches!(&e[0].kind, ErrorKind::DuplicateObservation { first_line: 9, first_value, .. } if first_value == "12.5"));
    }

    #[test]
    fn a_parser_stops_reading_when_the_header_is_unusable() {
        let sources = vec!["src".to_string()];
        let mut p = DataParser::new("d.csv", &meta(), &Context { sources: Some(&sources), default_source: None });
        // Semicolons and a tab on the first line: no delimiter can be chosen.
        p.feed(b"time_period;time_identifier\tx\n2022;Calendar year\tx\n");
        assert!(p.stopped(), "a caller can stop downloading");
        assert_eq!(p.finish().errors().count(), 1);
    }
}
