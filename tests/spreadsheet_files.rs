//! Files as publishers really save them from a spreadsheet: each quirk is either read
//! (with a warning saying how) or refused with a message saying what was found and what
//! to do, at its `file:line:column`. The fixtures are in tests/fixtures/spreadsheet/, each
//! data file with its `.meta.csv`, written as the spreadsheet writes them.

use std::path::Path;

use safeguarding_dashboard::core::cell::Cell;
use safeguarding_dashboard::core::error::{DataError, ErrorKind, Severity};
use safeguarding_dashboard::core::meta::Meta;
use safeguarding_dashboard::core::parse::{parse_meta, Context, DataParser, Parsed};
use safeguarding_dashboard::core::period::Date;
use safeguarding_dashboard::core::table::Table;

const DIR: &str = "tests/fixtures/spreadsheet";

/// A fixture's name as messages give it (relative to the crate, as `check` is run).
fn name(stem: &str) -> String {
    format!("{DIR}/{stem}.csv")
}

fn bytes(path: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn meta_of(stem: &str) -> Parsed<Meta> {
    let path = format!("{DIR}/{stem}.meta.csv");
    parse_meta(&path, &bytes(&path))
}

/// Parses `data` (as the fixture `stem`) in chunks of `size` bytes, as `check FILE.csv` does
/// (the file name stands in for its source).
fn parse_in_chunks(stem: &str, data: &[u8], meta: &Meta, size: usize) -> Parsed<Table> {
    let source = format!("{stem}.csv");
    let mut p = DataParser::new(&name(stem), meta, &Context { sources: None, default_source: Some(&source) });
    for chunk in data.chunks(size.max(1)) {
        p.feed(chunk);
    }
    p.finish()
}

/// The fixture's meta problems and its data file parsed whole.
fn load(stem: &str) -> (Vec<DataError>, Parsed<Table>) {
    let meta = meta_of(stem);
    let m = meta.value.clone().expect("meta reads");
    (meta.problems, parse_in_chunks(stem, &bytes(&name(stem)), &m, usize::MAX))
}

fn shown(problems: &[DataError]) -> Vec<String> {
    problems.iter().map(ToString::to_string).collect()
}

/// The data file loads; returns its table and its problems (all warnings).
fn loads(stem: &str) -> (Table, Vec<String>, Vec<String>) {
    let (meta, parsed) = load(stem);
    let data = shown(&parsed.problems);
    assert!(parsed.problems.iter().all(|p| p.severity == Severity::Warning), "{data:#?}");
    (parsed.value.expect("loads"), shown(&meta), data)
}

/// The data file is refused; returns its problems as shown.
fn refused(stem: &str) -> Vec<String> {
    let (meta, parsed) = load(stem);
    assert!(meta.is_empty(), "{meta:#?}");
    assert!(parsed.value.is_none(), "{stem} must not load");
    shown(&parsed.problems)
}

fn filter_text(t: &Table, row: usize) -> &str {
    t.text(t.filter_values[0][row])
}

fn number(t: &Table, indicator: &str, row: usize) -> Cell {
    let i = t.indicators.iter().position(|n| n == indicator).expect("indicator");
    t.values[i][row]
}

const STEMS: [&str; 17] = [
    "windows-1252",
    "undefined-byte",
    "mixed-encoding",
    "bom-crlf",
    "semicolons",
    "semicolon-decimal-comma",
    "tabs",
    "thousands",
    "badly-grouped",
    "percent-sign",
    "percent-sign-not-a-percentage",
    "trailing-empty",
    "value-in-unnamed-column",
    "excel-errors",
    "uk-dates",
    "impossible-date",
    "date-as-period",
];

#[test]
fn windows_1252_is_read_with_one_warning_in_data_and_meta_files() {
    let (t, meta, data) = loads("windows-1252");
    assert_eq!(filter_text(&t, 1), "£1,027 – total");
    assert_eq!(filter_text(&t, 2), "Café");
    assert_eq!(t.meta.get("children_count").unwrap().label, "Children – count");
    assert_eq!(meta, ["tests/fixtures/spreadsheet/windows-1252.meta.csv:3:3: warning: is not UTF-8: read as Windows-1252 (\"–\" is its first character that is not ASCII)\n  hint: check the text reads correctly, and save the file as \"CSV UTF-8 (comma delimited)\""]);
    assert_eq!(data, ["tests/fixtures/spreadsheet/windows-1252.csv:3:6: warning: is not UTF-8: read as Windows-1252 (\"£\" is its first character that is not ASCII)\n  hint: check the text reads correctly, and save the file as \"CSV UTF-8 (comma delimited)\""]);
}

#[test]
fn a_header_can_be_the_first_record_in_windows_1252() {
    let meta = "col_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,filter_grouping_column\nspend_£,Indicator,Spend (£),,£,0,,\n";
    let meta = parse_meta("m.meta.csv", meta.as_bytes()).into_result().expect("meta");
    let data = b"time_period,time_identifier,geographic_level,country_code,country_name,spend_\xa3\n2022,Calendar year,National,E92000001,England,12\n";
    let parsed = parse_in_chunks("h", data, &meta, 3);
    assert_eq!(shown(&parsed.problems), ["tests/fixtures/spreadsheet/h.csv:1:6: warning: is not UTF-8: read as Windows-1252 (\"£\" is its first character that is not ASCII)\n  hint: check the text reads correctly, and save the file as \"CSV UTF-8 (comma delimited)\""]);
    let t = parsed.value.expect("loads");
    assert_eq!(t.indicators, ["spend_£"]);
    assert_eq!(number(&t, "spend_£", 0).number(), Some(12.0));
}

#[test]
fn bytes_undefined_in_windows_1252_or_a_file_mixing_encodings_are_refused() {
    let hint = "hint: save the file as \"CSV UTF-8 (comma delimited)\" (a file read as Windows-1252 must have no UTF-8 text, and no bytes 0x81, 0x8D, 0x8F, 0x90 or 0x9D)";
    assert_eq!(refused("undefined-byte"), [format!("tests/fixtures/spreadsheet/undefined-byte.csv:3:6: is not valid CSV here: field is not valid UTF-8 text\n  {hint}")]);
    // Line 2 is UTF-8 ("Under – 1"), line 3 holds a Windows-1252 "£".
    assert_eq!(refused("mixed-encoding"), [format!("tests/fixtures/spreadsheet/mixed-encoding.csv:3:6: is not valid CSV here: field is not valid UTF-8 text\n  {hint}")]);
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_are_read() {
    let (t, meta, data) = loads("bom-crlf");
    assert!(meta.is_empty() && data.is_empty(), "{meta:?} {data:?}");
    assert_eq!(t.rows(), 2);
    assert_eq!(t.line, [2, 3]);
    assert_eq!(t.snapshot[1], Some(Date { year: 2023, month: 3, day: 31 }), "the last column holds no \\r");
}

#[test]
fn a_file_separated_by_semicolons_is_read_as_such() {
    let (t, meta, data) = loads("semicolons");
    let warning = |f: &str| format!("tests/fixtures/spreadsheet/{f}:1: warning: is separated by semicolons, not commas: read as such\n  hint: save it as \"CSV UTF-8 (comma delimited)\": in a file separated by semicolons a number with a comma (12,5) cannot be read");
    assert_eq!(meta, [warning("semicolons.meta.csv")]);
    assert_eq!(data, [warning("semicolons.csv")]);
    assert_eq!(t.meta.get("rate").unwrap().unit, "per 10,000");
    assert_eq!(filter_text(&t, 0), "1, 2 or 3");
    assert_eq!(number(&t, "rate", 1), Cell::Number { value: 65.3, decimals: 1 });
}

#[test]
fn a_number_with_a_comma_in_a_semicolon_file_is_refused() {
    let shown = refused("semicolon-decimal-comma");
    assert_eq!(shown.len(), 2, "{shown:#?}");
    assert_eq!(shown[1], "tests/fixtures/spreadsheet/semicolon-decimal-comma.csv:2:8: \"65,3\" holds a comma in a file separated by semicolons: it could be a decimal comma or a thousands separator\n  hint: write 65.3 with a decimal point, or 653 with no separator");
}

#[test]
fn a_file_separated_by_tabs_is_read_as_such() {
    let (t, _, data) = loads("tabs");
    assert_eq!(data, ["tests/fixtures/spreadsheet/tabs.csv:1: warning: is separated by tabs, not commas: read as such\n  hint: save it as \"CSV UTF-8 (comma delimited)\", the format's delimiter"]);
    assert_eq!(number(&t, "children_count", 0).number(), Some(1027.0));
}

#[test]
fn thousands_separators_grouped_in_threes_are_read_with_one_warning_per_column() {
    let (t, _, data) = loads("thousands");
    assert_eq!(number(&t, "children_count", 0), Cell::Number { value: 1027.0, decimals: 0 });
    assert_eq!(number(&t, "children_count", 1), Cell::Number { value: 12345.0, decimals: 0 });
    assert_eq!(number(&t, "rate", 0), Cell::Number { value: 1234.5, decimals: 1 });
    assert_eq!(data, [
        "tests/fixtures/spreadsheet/thousands.csv:2:7: warning: \"1,027\" was read as 1027, without its thousands separator, and 1 more in this column\n  hint: write numbers without separators (1027), so no program reads them differently",
        "tests/fixtures/spreadsheet/thousands.csv:2:8: warning: \"1,234.5\" was read as 1234.5, without its thousands separator\n  hint: write numbers without separators (1234.5), so no program reads them differently",
    ]);
}

#[test]
fn a_badly_grouped_number_is_refused() {
    assert_eq!(refused("badly-grouped"), ["tests/fixtures/spreadsheet/badly-grouped.csv:2:7: \"10,27\" has a comma that is not a thousands separator (digits in groups of three)\n  hint: write it with no separator (1027), or with a decimal point (10.27) if the comma is a decimal comma"]);
}

#[test]
fn fifty_thousand_rows_of_thousands_separators_load_completely_with_one_warning() {
    let meta = meta_of("thousands").value.expect("meta");
    let mut text = String::from("time_period,time_identifier,geographic_level,country_code,country_name,age,children_count,rate,pct,snapshot_date\n");
    for i in 0..50_000 {
        text.push_str(&format!("202122,Financial year,National,E92000001,England,Group {i},\"1,{:03}\",65.3,12.5,2022-03-31\n", i % 1000));
    }
    let parsed = parse_in_chunks("big", text.as_bytes(), &meta, 1 << 16);
    assert_eq!(shown(&parsed.problems), ["tests/fixtures/spreadsheet/big.csv:2:7: warning: \"1,000\" was read as 1000, without its thousands separator, and 49,999 more in this column\n  hint: write numbers without separators (1000), so no program reads them differently"]);
    let t = parsed.value.expect("warnings never stop a table loading");
    assert_eq!(t.rows(), 50_000);
    assert_eq!(number(&t, "children_count", 49_999).number(), Some(1999.0));
}

#[test]
fn a_percent_sign_is_read_in_a_percentage_column_and_refused_elsewhere() {
    let (t, _, data) = loads("percent-sign");
    assert_eq!(number(&t, "pct", 0), Cell::Number { value: 12.0, decimals: 0 });
    assert_eq!(number(&t, "pct", 1), Cell::Number { value: 7.5, decimals: 1 });
    assert_eq!(data, ["tests/fixtures/spreadsheet/percent-sign.csv:2:9: warning: \"12%\" was read as 12 (the column's unit is %), and 1 more in this column\n  hint: write the figure without the % sign: 12"]);
    assert_eq!(refused("percent-sign-not-a-percentage"), ["tests/fixtures/spreadsheet/percent-sign-not-a-percentage.csv:2:8: \"12%\" is a percentage but the unit of \"rate\" is not a percentage (it is \"per 10,000\")\n  hint: write the figure in the column's unit without a % sign; if rate is a percentage, set its indicator_unit to % in the meta file"]);
}

#[test]
fn empty_columns_and_rows_at_the_end_are_ignored() {
    let (t, meta, data) = loads("trailing-empty");
    let hint = "hint: delete the empty columns after the last named one (a spreadsheet saves them as trailing commas)";
    assert_eq!(meta, [format!("tests/fixtures/spreadsheet/trailing-empty.meta.csv:1:14: warning: 2 empty columns at the end were ignored\n  {hint}")]);
    assert_eq!(data, [format!("tests/fixtures/spreadsheet/trailing-empty.csv:1:11: warning: 3 empty columns at the end were ignored\n  {hint}")]);
    assert_eq!(t.meta.columns.len(), 4, "the meta file's empty row is skipped");
    assert_eq!((t.rows(), &t.line[..]), (2, &[2, 4][..]), "rows of empty fields are skipped like blank lines");
    let shown = refused("value-in-unnamed-column");
    assert_eq!(shown[1..], ["tests/fixtures/spreadsheet/value-in-unnamed-column.csv:3:12: \"see note\" is in a column with no name in the header\n  hint: give the column a name in the header (and a row in the meta file), or delete the value"]);
}

#[test]
fn spreadsheet_formula_errors_are_refused_each_where_it_is() {
    let (_, parsed) = load("excel-errors");
    assert!(parsed.value.is_none());
    let errors: Vec<&DataError> = parsed.errors().collect();
    let found: Vec<(String, String)> = errors
        .iter()
        .map(|e| match &e.kind {
            ErrorKind::SpreadsheetError { value, column } if column == "children_count" => (e.position.to_string(), value.clone()),
            other => panic!("{other:?}"),
        })
        .collect();
    let expected: Vec<(String, String)> = ["#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!"]
        .iter()
        .enumerate()
        .map(|(i, v)| (format!("tests/fixtures/spreadsheet/excel-errors.csv:{}:7", i + 2), v.to_string()))
        .collect();
    assert_eq!(found, expected);
    assert_eq!(errors[1].message(), "\"#DIV/0!\" is a spreadsheet formula error, not a figure");
    assert_eq!(errors[1].hint(), "write the figure, or x (not available), z (not applicable) or c (suppressed) where there is none");
}

#[test]
fn uk_dates_are_read_day_first_and_impossible_ones_refused() {
    let (t, _, data) = loads("uk-dates");
    assert_eq!(t.snapshot, [Some(Date { year: 2022, month: 3, day: 31 }), Some(Date { year: 2022, month: 3, day: 31 }), Some(Date { year: 2022, month: 4, day: 1 })]);
    assert_eq!(data, ["tests/fixtures/spreadsheet/uk-dates.csv:2:10: warning: snapshot_date \"31/03/2022\" was read as day/month/year: 2022-03-31, and 2 more in this column\n  hint: write dates as YYYY-MM-DD (2022-03-31), which cannot be read two ways"]);
    assert_eq!(refused("impossible-date"), ["tests/fixtures/spreadsheet/impossible-date.csv:2:10: snapshot_date \"31/02/2022\" is not a date within 2021-22 (Financial year)\n  hint: write the date as YYYY-MM-DD, e.g. 2022-03-31 for 31 March of a 2021-22 year"]);
    assert_eq!(refused("date-as-period"), ["tests/fixtures/spreadsheet/date-as-period.csv:2:1: \"31/03/2022\" is not a valid time_period for \"Financial year\"\n  hint: time_period is the year, not a date: e.g. 202122 for the year to 31 March 2022, or 2022 for a calendar or reporting year; a date a figure is counted at goes in snapshot_date"]);
}

/// What a parse gave, to compare: problems as shown, and the table's contents.
fn outcome(p: &Parsed<Table>) -> (Vec<String>, Option<String>) {
    let table = p.value.as_ref().map(|t| {
        let filters: Vec<Vec<&str>> = t.filter_values.iter().map(|f| f.iter().map(|&id| t.text(id)).collect()).collect();
        format!("{:?} {:?} {:?} {:?} {filters:?} {:?}", t.line, t.period, t.values, t.snapshot, t.indicators)
    });
    (shown(&p.problems), table)
}

#[test]
fn chunk_boundaries_anywhere_give_the_same_result() {
    for stem in STEMS {
        let meta = meta_of(stem).value.expect("meta");
        let data = bytes(&name(stem));
        let whole = outcome(&parse_in_chunks(stem, &data, &meta, usize::MAX));
        assert!(!whole.0.is_empty() || whole.1.is_some(), "{stem}");
        for size in [1, 2, 3, 7] {
            assert_eq!(outcome(&parse_in_chunks(stem, &data, &meta, size)), whole, "{stem} in chunks of {size}");
        }
    }
}

#[test]
fn the_checker_prints_the_same_problems() {
    for stem in ["windows-1252", "excel-errors", "trailing-empty", "semicolon-decimal-comma"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_safeguarding-dashboard"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["check", &name(stem)])
            .output()
            .expect("the checker runs");
        let printed = String::from_utf8(out.stdout).expect("UTF-8");
        let (meta, parsed) = load(stem);
        let mut expected: Vec<String> = shown(&meta);
        expected.extend(shown(&parsed.problems));
        let errors = parsed.errors().count();
        let rows = parsed.value.as_ref().map_or(0, |t| t.rows());
        expected.push(format!("checked 1 file(s), {rows} row(s): {errors} error(s), {} warning(s)", meta.len() + parsed.problems.len() - errors));
        assert_eq!(printed.lines().collect::<Vec<_>>(), expected.join("\n").lines().collect::<Vec<_>>(), "{stem}");
        assert_eq!(out.status.success(), errors == 0, "{stem}");
    }
}
