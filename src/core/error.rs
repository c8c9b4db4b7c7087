//! Errors that carry their position: `file:line:column: message` plus a hint.

use std::fmt;

/// Where a problem is: file name as given (e.g. `data/cla.csv`), 1-based line
/// (1 is the header) and 1-based column (0 when the whole line or file is meant).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Position {
    pub file: String,
    pub line: u64,
    pub column: usize,
}

impl Position {
    pub fn new(file: &str, line: u64, column: usize) -> Self {
        Position { file: file.to_string(), line, column }
    }
    /// The file as a whole (no line).
    pub fn file(file: &str) -> Self {
        Position::new(file, 0, 0)
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (0, _) => write!(f, "{}", self.file),
            (l, 0) => write!(f, "{}:{}", self.file, l),
            (l, c) => write!(f, "{}:{}:{}", self.file, l, c),
        }
    }
}

/// Whether a problem stops the file being used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// Every class of problem the validator reports. Values quoted in messages are the
/// offending text exactly as found.
#[derive(Clone, Debug, PartialEq)]
pub enum ErrorKind {
    /// The file could not be read or fetched (I/O, HTTP status).
    Unreadable { reason: String },
    /// The file has no rows at all, or only a header.
    Empty { header_only: bool },
    /// A CSV-level problem: wrong field count, bad quoting, invalid UTF-8.
    Malformed { reason: String },
    /// A header names a column that is neither standard, ours, nor in the meta file.
    UnknownColumn { column: String, suggestion: Option<String> },
    /// A column the format requires is absent from the header.
    MissingColumn { column: String, needed_for: String },
    /// A column name appears twice in a header.
    DuplicateColumn { column: String },
    /// `time_period` is not 4 or 6 digits, or a 6-digit period does not span consecutive years.
    BadTimePeriod { value: String, identifier: String },
    /// `time_identifier` is not one we know.
    UnknownTimeIdentifier { value: String },
    /// `geographic_level` is not one we know.
    UnknownGeographicLevel { value: String },
    /// A geography code or name required by the row's level is empty.
    MissingGeography { column: String, level: String },
    /// An indicator cell is neither a number nor a GSS symbol.
    NotANumber { value: String, column: String },
    /// A number with commas that are not thousands separators grouped in threes (`10,27`).
    ThousandsSeparator { value: String, column: String },
    /// Warning: numbers written with thousands separators (`1,027`) were read without them;
    /// `more` other cells of the column were too.
    GroupedNumber { value: String, column: String, more: u64 },
    /// A number holding a comma in a file separated by semicolons: a decimal comma
    /// (`12,5`) or a thousands separator (`1,027`), which cannot be told apart.
    AmbiguousComma { value: String, column: String },
    /// Warning: percentages written with a `%` sign in a column whose unit is `%` were read
    /// without it; `more` other cells of the column were too.
    PercentSign { value: String, column: String, more: u64 },
    /// A figure with a `%` sign in a column whose unit (`unit`) is not `%`.
    NotAPercentage { value: String, column: String, unit: String },
    /// A spreadsheet formula error (`#N/A`, `#DIV/0!`…) saved in place of a figure.
    SpreadsheetError { value: String, column: String },
    /// A number not smaller than `cell::MAX_MAGNITUDE` (10^15) in size, which could not be
    /// shown as written (found with tests/fuzz_regressions.rs).
    NumberTooLarge { value: String, column: String },
    /// A percentage outside 0-100.
    ImpossiblePercentage { value: String, column: String },
    /// `snapshot_date` is not a real ISO date inside the row's period.
    BadSnapshotDate { value: String, period: String },
    /// Warning: `snapshot_date`s written day/month/year (`31/03/2022`) were read as such;
    /// `read` is the first as `YYYY-MM-DD`, `more` the other cells read so.
    DayMonthYear { value: String, read: String, more: u64 },
    /// Warning: the file is not UTF-8 and was read as Windows-1252 from this record on;
    /// `found` is its first character that is not ASCII.
    NotUtf8 { found: char },
    /// Warning: the file is separated by `delimiter` (semicolons or tabs), not commas, and
    /// was read as such.
    Delimiter { delimiter: String },
    /// Warning: the header ends in `count` columns with no name; they were ignored.
    EmptyColumns { count: usize },
    /// A value under a header column with no name.
    ValueInUnnamedColumn { value: String },
    /// `basis` is not one of [`crate::core::period::Basis`]'s words.
    BadBasis { value: String },
    /// The same observation with a different value and no shared `conflict` id.
    DuplicateObservation { indicator: String, value: String, first_value: String, first_line: u64 },
    /// A row with values but no `source`/`source_location`.
    MissingSource { column: String },
    /// `source` names a document `site.json` does not list.
    UnknownSource { value: String },
    /// An indicator referred to (numerator, denominator, configuration) has no meta row,
    /// or its meta row lacks a label.
    IndicatorWithoutMetadata { indicator: String, referred_by: String },
    /// The meta file describes a column the data file does not have.
    MetaOutOfStep { column: String },
    /// A meta cell with a value outside its allowed set.
    BadMetaValue { column: String, value: String, allowed: String },
    /// An area or comparator code in `site.json` that no data describes (warning).
    UnknownArea { code: String },
    /// A CSV file in the data folder that no `site.json` entry lists (its figures are shown nowhere).
    UnlistedFile { path: String },
    /// An indicator whose meta row names no theme, so no page shows it.
    IndicatorOnNoPage { indicator: String },
    /// A local-authority, regional or national code that is not a GSS code of that kind.
    UnknownGeographyCode { code: String, level: String },
    /// A configured measure no longer matches its file (a release renamed a column or value).
    MappingMismatch { detail: String },
    /// `site.json` is not valid JSON of the expected shape.
    BadConfig { reason: String },
    /// A `site.json` setting of the site's look (`colours`, `logo`) that cannot be used:
    /// a colour without enough contrast, a logo file that is missing. `fix` is the hint.
    BadSetting { field: String, problem: String, fix: String },
}

/// One problem found in one file.
#[derive(Clone, Debug, PartialEq)]
pub struct DataError {
    pub position: Position,
    pub kind: ErrorKind,
    pub severity: Severity,
}

impl DataError {
    pub fn new(position: Position, kind: ErrorKind) -> Self {
        DataError { position, kind, severity: Severity::Error }
    }
    pub fn warning(position: Position, kind: ErrorKind) -> Self {
        DataError { position, kind, severity: Severity::Warning }
    }

    /// One sentence saying what is wrong, quoting the offending value.
    pub fn message(&self) -> String {
        use ErrorKind::*;
        match &self.kind {
            Unreadable { reason } => format!("could not be read: {reason}"),
            Empty { header_only: true } => "has a header but no data rows".into(),
            Empty { header_only: false } => "is empty".into(),
            Malformed { reason } => format!("is not valid CSV here: {reason}"),
            UnknownColumn { column, .. } => format!("unknown column \"{column}\""),
            MissingColumn { column, needed_for } => {
                format!("missing required column \"{column}\" (needed for {needed_for})")
            }
            DuplicateColumn { column } => format!("column \"{column}\" appears twice"),
            BadTimePeriod { value, identifier } => {
                format!("\"{value}\" is not a valid time_period for \"{identifier}\"")
            }
            UnknownTimeIdentifier { value } => format!("unknown time_identifier \"{value}\""),
            UnknownGeographicLevel { value } => format!("unknown geographic_level \"{value}\""),
            MissingGeography { column, level } => {
                format!("\"{column}\" is empty but a \"{level}\" row needs it")
            }
            NotANumber { value, .. } => {
                format!("\"{value}\" is not a number or a GSS symbol (c, x, z, k, u, low)")
            }
            ThousandsSeparator { value, .. } => {
                format!("\"{value}\" has a comma that is not a thousands separator (digits in groups of three)")
            }
            GroupedNumber { value, more, .. } => {
                format!("\"{value}\" was read as {}, without its thousands separator{}", value.replace(',', ""), more_in_column(*more))
            }
            AmbiguousComma { value, .. } => format!(
                "\"{value}\" holds a comma in a file separated by semicolons: it could be a decimal comma or a thousands separator"
            ),
            PercentSign { value, more, .. } => {
                format!("\"{value}\" was read as {} (the column's unit is %){}", value.trim_end_matches('%').trim(), more_in_column(*more))
            }
            NotAPercentage { value, column, unit } => {
                let unit = if unit.is_empty() { "a count".to_string() } else { format!("\"{unit}\"") };
                format!("\"{value}\" is a percentage but the unit of \"{column}\" is not a percentage (it is {unit})")
            }
            SpreadsheetError { value, .. } => format!("\"{value}\" is a spreadsheet formula error, not a figure"),
            NumberTooLarge { value, .. } => {
                format!("\"{value}\" is too large to be a figure (numbers must be smaller than 10^15)")
            }
            ImpossiblePercentage { value, column } => {
                format!("\"{value}\" is not a possible percentage for \"{column}\"")
            }
            BadSnapshotDate { value, period } => {
                format!("snapshot_date \"{value}\" is not a date within {period}")
            }
            DayMonthYear { value, read, more } => {
                format!("snapshot_date \"{value}\" was read as day/month/year: {read}{}", more_in_column(*more))
            }
            NotUtf8 { found } => format!("is not UTF-8: read as Windows-1252 (\"{found}\" is its first character that is not ASCII)"),
            Delimiter { delimiter } => format!("is separated by {delimiter}, not commas: read as such"),
            EmptyColumns { count: 1 } => "1 empty column at the end was ignored".into(),
            EmptyColumns { count } => format!("{count} empty columns at the end were ignored"),
            ValueInUnnamedColumn { value } => format!("\"{value}\" is in a column with no name in the header"),
            BadBasis { value } => format!("basis \"{value}\" is not one of: year to date, rolling 12 months, cumulative"),
            DuplicateObservation { indicator, value, first_value, first_line } => format!(
                "\"{indicator}\" is {value} here but {first_value} on line {first_line} for the same period, area and filters"
            ),
            MissingSource { column } => format!("row has values but no {column}"),
            UnknownSource { value } => format!("source \"{value}\" is not listed in site.json"),
            IndicatorWithoutMetadata { indicator, referred_by } => {
                format!("indicator \"{indicator}\" has no metadata (referred to by {referred_by})")
            }
            MetaOutOfStep { column } => {
                format!("meta file describes column \"{column}\" but the data file has no such column")
            }
            BadMetaValue { column, value, .. } => format!("\"{value}\" is not a valid {column}"),
            UnknownArea { code } => format!("area \"{code}\" has no rows in any data file"),
            UnlistedFile { path } => format!("{path} is in the data folder but no entry in site.json lists it, so the site shows none of it"),
            IndicatorOnNoPage { indicator } => format!("indicator \"{indicator}\" has no theme in its meta file, so no page shows it"),
            UnknownGeographyCode { code, level } => format!("\"{code}\" is not a GSS code for a {level} row"),
            MappingMismatch { detail } => detail.clone(),
            BadConfig { reason } => format!("is not a valid site configuration: {reason}"),
            BadSetting { field, problem, .. } => format!("{field}: {problem}"),
        }
    }

    /// What to do about it.
    pub fn hint(&self) -> String {
        use ErrorKind::*;
        match &self.kind {
            Unreadable { .. } => "check the file exists in data/ and is listed correctly in data/site.json".into(),
            Empty { .. } => "add data rows, or remove the file from data/site.json".into(),
            Malformed { reason } if reason.contains("semicolons or tabs") => {
                "save it as comma-separated values (in a spreadsheet: \"CSV UTF-8 (comma delimited)\"), not separated by semicolons or tabs".into()
            }
            Malformed { reason } if reason.contains("UTF-8") => {
                "save the file as \"CSV UTF-8 (comma delimited)\" (a file read as Windows-1252 must have no UTF-8 text, and no bytes 0x81, 0x8D, 0x8F, 0x90 or 0x9D)".into()
            }
            Malformed { .. } => "every row needs the same number of comma-separated fields as the header; quote fields that contain commas".into(),
            UnknownColumn { suggestion: Some(s), .. } => format!("did you mean \"{s}\"? Otherwise add a row for it to the meta file"),
            UnknownColumn { .. } => "add a row for it to the meta file (as a Filter or Indicator), or remove it".into(),
            MissingColumn { .. } => "add the column to the header; see docs/data-format.md".into(),
            DuplicateColumn { .. } => "rename or remove one of them".into(),
            BadTimePeriod { value, .. } if super::period::date_like_year(value).is_some() => {
                let year = super::period::date_like_year(value).unwrap_or(2022);
                format!(
                    "time_period is the year, not a date: e.g. {}{:02} for the year to 31 March {year}, or {year} for a calendar or reporting year; a date a figure is counted at goes in snapshot_date",
                    year.saturating_sub(1),
                    year % 100
                )
            }
            BadTimePeriod { .. } => "use 4 digits (2022) or 6 digits for consecutive years (202122)".into(),
            UnknownTimeIdentifier { .. } => "use one of: Financial year, Financial year Q1-Q4, Academic year, Calendar year, Reporting year (see docs/data-format.md)".into(),
            UnknownGeographicLevel { .. } => "use National, Regional, Local authority, Partnership or Comparator group".into(),
            MissingGeography { .. } => "fill the code and name columns for the row's geographic_level".into(),
            NotANumber { value, column } if super::cell::Cell::parse_duration(value).is_some() => format!(
                "\"{value}\" looks like a duration in years and months (YY:MM); only a column whose indicator_unit is months reads it: set {column}'s unit to months in the meta file, or write the figure as a number"
            ),
            NotANumber { .. } => "write the value as digits, or use a symbol: c suppressed, x not available, z not applicable, k rounds to zero, u low reliability, low not published".into(),
            ThousandsSeparator { value, .. } => match value.matches(',').count() {
                1 => format!("write it with no separator ({}), or with a decimal point ({}) if the comma is a decimal comma", value.replace(',', ""), value.replace(',', ".")),
                _ => format!("write it without commas: {}", value.replace(',', "")),
            },
            GroupedNumber { value, .. } => format!("write numbers without separators ({}), so no program reads them differently", value.replace(',', "")),
            AmbiguousComma { value, .. } => match value.matches(',').count() {
                1 => format!("write {} with a decimal point, or {} with no separator", value.replace(',', "."), value.replace(',', "")),
                _ => format!("write {} with no separator (and a decimal point for decimals)", value.replace(',', "")),
            },
            PercentSign { value, .. } => format!("write the figure without the % sign: {}", value.trim_end_matches('%').trim()),
            NotAPercentage { column, .. } => format!(
                "write the figure in the column's unit without a % sign; if {column} is a percentage, set its indicator_unit to % in the meta file"
            ),
            SpreadsheetError { .. } => "write the figure, or x (not available), z (not applicable) or c (suppressed) where there is none".into(),
            DayMonthYear { read, .. } => format!("write dates as YYYY-MM-DD ({read}), which cannot be read two ways"),
            NotUtf8 { .. } => "check the text reads correctly, and save the file as \"CSV UTF-8 (comma delimited)\"".into(),
            Delimiter { delimiter } if delimiter == "tabs" => "save it as \"CSV UTF-8 (comma delimited)\", the format's delimiter".into(),
            Delimiter { .. } => "save it as \"CSV UTF-8 (comma delimited)\": in a file separated by semicolons a number with a comma (12,5) cannot be read".into(),
            EmptyColumns { .. } => "delete the empty columns after the last named one (a spreadsheet saves them as trailing commas)".into(),
            ValueInUnnamedColumn { .. } => "give the column a name in the header (and a row in the meta file), or delete the value".into(),
            NumberTooLarge { .. } => "check for a typo, a missing decimal point, or two cells run together".into(),
            ImpossiblePercentage { .. } => "percentages are between 0 and 100; check the unit in the meta file".into(),
            BadBasis { .. } => "leave basis empty for a figure over the whole period (or counted at snapshot_date); otherwise write year to date, rolling 12 months or cumulative".into(),
            BadSnapshotDate { .. } => "write the date as YYYY-MM-DD, e.g. 2022-03-31 for 31 March of a 2021-22 year".into(),
            DuplicateObservation { .. } => "correct one of the rows, or if two sources really disagree give both rows the same conflict id".into(),
            MissingSource { .. } => "name the source document id and where in it the figure is (paragraph or table)".into(),
            UnknownSource { .. } => "add the document to \"sources\" in data/site.json, or correct the id".into(),
            IndicatorWithoutMetadata { .. } => "add a row for it, with a label, to the meta file".into(),
            MetaOutOfStep { .. } => "remove the meta row, or add the column to the data file".into(),
            BadMetaValue { allowed, .. } => format!("use one of: {allowed}"),
            UnknownArea { .. } => "check the code, or add data for it".into(),
            UnlistedFile { .. } => "add it to \"files\" in site.json with its meta file, or move it out of the folder".into(),
            IndicatorOnNoPage { .. } => "fill its theme column (children-in-need, child-protection, looked-after, care-leavers, training, child-deaths, context, partnership-activity)".into(),
            UnknownGeographyCode { .. } => "local authorities are E06, E08, E09 or E10 and six digits, regions E12 or E13, England E92000001".into(),
            MappingMismatch { .. } => "edit the measure's part in site.json \"measures\": each list takes every name a release has used".into(),
            BadConfig { .. } => "compare data/site.json with the example in docs/data-format.md".into(),
            BadSetting { fix, .. } => fix.clone(),
        }
    }
}

/// `, and 4,211 more in this column`, or nothing.
fn more_in_column(more: u64) -> String {
    match more {
        0 => String::new(),
        n => format!(", and {} more in this column", super::format::number(n as f64, 0)),
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "",
            Severity::Warning => "warning: ",
        };
        write!(f, "{}: {}{}\n  hint: {}", self.position, level, self.message(), self.hint())
    }
}

impl std::error::Error for DataError {}
