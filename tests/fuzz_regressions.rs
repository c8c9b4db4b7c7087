//! Regressions from fuzzing (`scripts/fuzz.sh`, targets in `fuzz/`) and hand-made nasty
//! inputs: the parser never panics, and every problem it reports names its file, line and
//! column. A table comes back exactly when no problem is an error.

use safeguarding_dashboard::core::cell::{Cell, CellError, MAX_MAGNITUDE};
use safeguarding_dashboard::core::error::{DataError, ErrorKind, Severity};
use safeguarding_dashboard::core::meta::Meta;
use safeguarding_dashboard::core::parse::{parse_data, parse_meta, Context, Parsed, MAX_PROBLEMS};
use safeguarding_dashboard::core::table::Table;

const META_FILE: &str = "data/cla.meta.csv";
const DATA_FILE: &str = "data/cla.csv";

const META: &str = "col_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,filter_grouping_column,theme,polarity,definition,numerator,denominator
cla_rate,Indicator,\"Rate per 10,000\",Children looked after,\"per 10,000\",1,,,looked-after,neither,Rate.,cla_count,
cla_count,Indicator,Number,Children looked after,,0,,,looked-after,neither,Count.,,
";

const HEADER: &str = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name,cla_rate,cla_count,source,source_location,note";
/// Columns of [`HEADER`], 1-based: the rate, the count and the note.
const RATE_COL: usize = 11;
const COUNT_COL: usize = 12;
const NOTE_COL: usize = 15;

fn row(rate: &str, count: &str, note: &str) -> String {
    format!("202122,Financial year,Local authority,E92000001,England,E12000001,North East,E06000047,840,County Durham,{rate},{count},src,table 1,{note}")
}

fn file(rows: &[String]) -> Vec<u8> {
    let mut s = String::from(HEADER);
    for r in rows {
        s.push('\n');
        s.push_str(r);
    }
    s.push('\n');
    s.into_bytes()
}

fn meta() -> Meta {
    parse_meta(META_FILE, META.as_bytes()).into_result().expect("meta is valid")
}

fn data(bytes: &[u8]) -> Parsed<Table> {
    let sources = vec!["src".to_string()];
    let parsed = parse_data(DATA_FILE, bytes, &meta(), &Context { sources: Some(&sources), default_source: None });
    assert_well_formed(&parsed, DATA_FILE, bytes);
    parsed
}

fn meta_of(bytes: &[u8]) -> Parsed<Meta> {
    let parsed = parse_meta(META_FILE, bytes);
    assert_well_formed(&parsed, META_FILE, bytes);
    parsed
}

/// What the fuzz targets assert for every input (see fuzz/fuzz_targets/common.rs). Lines
/// are checked only for problems in `file`, the one read (others point into the meta file).
fn assert_well_formed<T>(parsed: &Parsed<T>, file: &str, input: &[u8]) {
    let has_error = parsed.problems.iter().any(|p| p.severity == Severity::Error);
    assert_eq!(parsed.value.is_some(), !has_error, "a value exactly when there is no error: {:#?}", parsed.problems);
    assert!(parsed.errors().count() <= MAX_PROBLEMS && parsed.problems.len() <= 2 * MAX_PROBLEMS);
    let lines = input.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    for p in &parsed.problems {
        assert!([DATA_FILE, META_FILE].contains(&p.position.file.as_str()), "{p}");
        if p.position.file == file {
            assert!(p.position.line <= lines, "line {} of a {lines}-line file: {p}", p.position.line);
        }
        assert!(p.to_string().contains("\n  hint: "));
    }
}

fn errors<T>(parsed: &Parsed<T>) -> Vec<&DataError> {
    parsed.errors().collect()
}

/// The one error, at `line:column`.
fn only_error_at<T>(parsed: &Parsed<T>, line: u64, column: usize) -> &ErrorKind {
    let errors = errors(parsed);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!((errors[0].position.line, errors[0].position.column), (line, column), "{}", errors[0]);
    &errors[0].kind
}

// Found by the fuzz targets' invariant: blank records used to leave no header and no problem.
#[test]
fn a_file_of_quoted_blank_lines_is_reported_empty_not_dropped_silently() {
    for bytes in [&b"\"\""[..], b"\"  \"\n\n", b"\n\"\"\r\n  \n\"\"", b"\xEF\xBB\xBF\"\""] {
        let d = data(bytes);
        assert!(matches!(only_error_at(&d, 0, 0), ErrorKind::Empty { header_only: false }), "{bytes:?}");
        let m = meta_of(bytes);
        assert!(matches!(only_error_at(&m, 0, 0), ErrorKind::Empty { header_only: false }), "{bytes:?}");
        assert_eq!(m.problems[0].to_string(), "data/cla.meta.csv: is empty\n  hint: add data rows, or remove the file from data/site.json");
    }
}

// 309+ digits used to be read as infinity, and ±9e307 in one chart made the axis loop forever.
#[test]
fn numbers_too_large_to_show_exactly_are_rejected_at_their_cell() {
    assert_eq!(Cell::parse(&"9".repeat(400)), Err(CellError::TooLarge));
    assert_eq!(Cell::parse(&format!("-{}", "9".repeat(308))), Err(CellError::TooLarge));
    assert_eq!(Cell::parse("1000000000000000"), Err(CellError::TooLarge));
    assert_eq!(Cell::parse("999999999999999"), Ok(Cell::Number { value: 999_999_999_999_999.0, decimals: 0 }));
    assert_eq!(MAX_MAGNITUDE, 1e15);

    let d = data(&file(&[row("1.5", &"9".repeat(400), "")]));
    assert!(matches!(only_error_at(&d, 2, COUNT_COL), ErrorKind::NumberTooLarge { column, .. } if column == "cla_count"));
    assert!(d.problems[0].to_string().contains("numbers must be smaller than 10^15"));
    let d = data(&file(&[row(&format!("-{}.5", "9".repeat(307)), "3", "")]));
    assert!(matches!(only_error_at(&d, 2, RATE_COL), ErrorKind::NumberTooLarge { .. }));
    // A tiny number is fine: it underflows to zero, and keeps (at most 255) decimals.
    let tiny = format!("0.{}1", "0".repeat(400));
    assert_eq!(Cell::parse(&tiny), Ok(Cell::Number { value: 0.0, decimals: 255 }));
}

#[test]
fn nul_bytes_are_reported_where_they_are() {
    let d = data(&file(&[row("1\u{0}2", "3", "")]));
    assert!(matches!(only_error_at(&d, 2, RATE_COL), ErrorKind::NotANumber { value, .. } if value == "1\u{0}2"));
    // In a free-text column a NUL is just a character.
    let d = data(&file(&[row("1", "3", "a\u{0}b")]));
    assert_eq!(d.value.expect("valid").rows(), 1);
    // In the header it makes an unknown column.
    let mut bytes = file(&[row("1", "3", "")]);
    bytes.splice(0..0, *b"\0");
    let d = data(&bytes);
    assert!(errors(&d).iter().any(|e| e.position.line == 1 && e.position.column == 1
        && matches!(&e.kind, ErrorKind::UnknownColumn { column, .. } if column == "\u{0}time_period")));
    // A file of nothing but NULs.
    for bytes in [vec![0u8; 1], vec![0u8; 4096], b"\0,\0\n\0\0".to_vec()] {
        assert!(!errors(&data(&bytes)).is_empty());
        assert!(!errors(&meta_of(&bytes)).is_empty());
    }
}

#[test]
fn lone_quotes_never_panic_and_errors_are_positioned() {
    // An unterminated quote swallows the rest of the file into one field: a short row.
    let bytes = file(&[row("1", "3", ""), "\"202122,Financial year".into(), row("2", "4", "")]);
    let d = data(&bytes);
    let e = errors(&d);
    assert_eq!(e.len(), 1, "{e:#?}");
    assert_eq!(e[0].position.line, 3);
    assert!(matches!(&e[0].kind, ErrorKind::Malformed { reason } if reason.contains("1 fields")), "{}", e[0]);
    // A quote inside a field is kept as text, so the value is not a number.
    let d = data(&file(&[row("1\"", "3", "")]));
    assert!(matches!(only_error_at(&d, 2, RATE_COL), ErrorKind::NotANumber { .. }));
    for bytes in [&b"\""[..], b"\"\"\"", b",\"", b"\"\n\"", b"a,\"b\nc", b"\r\"\r"] {
        assert!(!errors(&data(bytes)).is_empty(), "{bytes:?}");
        assert!(!errors(&meta_of(bytes)).is_empty(), "{bytes:?}");
    }
}

#[test]
fn ten_thousand_columns_give_a_bounded_list_of_positioned_errors() {
    let mut header = String::from(HEADER);
    for i in 0..10_000 {
        header.push_str(&format!(",extra_{i}"));
    }
    let d = data(format!("{header}\n").as_bytes());
    let e = errors(&d);
    assert_eq!(e.len(), MAX_PROBLEMS, "capped");
    assert!(matches!(&e[0].kind, ErrorKind::UnknownColumn { column, .. } if column == "extra_0"));
    assert_eq!((e[0].position.line, e[0].position.column), (1, NOTE_COL + 1));

    // A row of 10,000 fields under a normal header.
    let wide = format!("{}{}", row("1", "2", ""), ",x".repeat(9_985));
    let d = data(&file(&[row("1", "2", ""), wide]));
    let kind = only_error_at(&d, 3, NOTE_COL + 1);
    assert!(matches!(kind, ErrorKind::Malformed { reason } if reason == "row has 10000 fields but the header has 15"), "{kind:?}");

    // A meta file with 10,000 unknown columns.
    let meta_header: String = (0..10_000).map(|i| format!("c{i}")).collect::<Vec<_>>().join(",");
    let m = meta_of(format!("{meta_header}\nx\n").as_bytes());
    assert_eq!(errors(&m).len(), MAX_PROBLEMS);
}

#[test]
fn text_that_is_neither_utf8_nor_windows_1252_is_reported_at_its_field() {
    // A lone continuation byte in an otherwise ASCII file is Windows-1252 ("©"): read, with
    // a warning at its field.
    let mut bytes = file(&[row("1", "3", "")]);
    bytes.extend_from_slice(row("2", "4", "caf").replacen("202122", "202223", 1).as_bytes());
    bytes.extend_from_slice(b"\xA9\n");
    let d = data(&bytes);
    assert!(errors(&d).is_empty(), "{:#?}", d.problems);
    assert!(matches!(d.problems[..], [DataError { kind: ErrorKind::NotUtf8 { found: '©' }, ref position, .. }] if (position.line, position.column) == (3, NOTE_COL)), "{:#?}", d.problems);
    let t = d.value.expect("read");
    assert_eq!(t.text(t.note[1]), "caf©");
    // After UTF-8 text ("é" on line 2), it is an error.
    let mut bytes = file(&[row("1", "3", "café")]);
    bytes.extend_from_slice(row("2", "4", "caf").replacen("202122", "202223", 1).as_bytes());
    bytes.extend_from_slice(b"\xA9\n");
    let d = data(&bytes);
    assert!(matches!(only_error_at(&d, 3, NOTE_COL), ErrorKind::Malformed { reason } if reason.contains("UTF-8")));
    // A byte Windows-1252 leaves undefined (0x81) is an error too, in a value or a header.
    let mut bytes = file(&[row("1", "3", "")]);
    let rate_at = bytes.windows(4).position(|w| w == b",1,3").unwrap() + 1;
    bytes[rate_at] = 0x81;
    let d = data(&bytes);
    assert!(matches!(only_error_at(&d, 2, RATE_COL), ErrorKind::Malformed { .. }));

    let mut header = b"time_period,\x8D(,".to_vec();
    header.extend_from_slice(&file(&[])[..]);
    let d = data(&header);
    assert!(matches!(only_error_at(&d, 1, 2), ErrorKind::Malformed { reason } if reason.contains("header")));
    let m = meta_of(b"col_name,\x90\xFF\nx,y\n");
    assert!(matches!(only_error_at(&m, 1, 2), ErrorKind::Malformed { .. }));
    // A header in Windows-1252 is read: "\xC3(" is "Ã(", an unknown column.
    let m = meta_of(b"col_name,\xC3(\nx,y\n");
    assert!(errors(&m).iter().any(|e| (e.position.line, e.position.column) == (1, 2) && matches!(&e.kind, ErrorKind::UnknownColumn { column, .. } if column == "Ã(")));
}

#[test]
fn a_one_megabyte_field_is_read_or_reported_at_its_cell() {
    let mb = 1 << 20;
    // Free text of 1 MB is accepted and kept whole.
    let note = "n".repeat(mb);
    let t = data(&file(&[row("1", "3", &format!("\"{note}\""))])).value.expect("valid");
    assert_eq!(t.text(t.note[0]).len(), mb);
    // 1 MB of text, of digits, and a 1 MB quoted field that never closes.
    let d = data(&file(&[row(&"a".repeat(mb), "3", "")]));
    assert!(matches!(only_error_at(&d, 2, RATE_COL), ErrorKind::NotANumber { .. }));
    let d = data(&file(&[row("1", &"7".repeat(mb), "")]));
    assert!(matches!(only_error_at(&d, 2, COUNT_COL), ErrorKind::NumberTooLarge { .. }));
    let mut bytes = file(&[row("1", "3", "")]);
    bytes.extend_from_slice(b"\"");
    bytes.extend(std::iter::repeat_n(b'q', mb));
    let d = data(&bytes);
    assert!(matches!(only_error_at(&d, 3, 2), ErrorKind::Malformed { .. }));
    // And a 1 MB header field in a meta file.
    let m = meta_of(format!("{},col_type\n", "h".repeat(mb)).as_bytes());
    assert!(errors(&m).iter().any(|e| e.position.line == 1 && e.position.column == 1));
}

#[test]
fn many_bad_rows_stop_at_the_problem_cap() {
    let rows: Vec<String> = (0..1_000).map(|_| row("oops", "3", "")).collect();
    let d = data(&file(&rows));
    let e = errors(&d);
    assert_eq!(e.len(), MAX_PROBLEMS);
    assert_eq!((e[0].position.line, e.last().unwrap().position.line), (2, MAX_PROBLEMS as u64 + 1));
}

#[test]
fn odd_shapes_never_panic() {
    let inputs: Vec<Vec<u8>> = vec![
        b"".to_vec(),
        b"\xEF\xBB\xBF".to_vec(),
        b",,,,\n,,,,\n".to_vec(),
        b"\r\r\r".to_vec(),
        format!("{HEADER}\r{}\r", row("1", "3", "")).into_bytes(),
        format!("{HEADER},{HEADER}\n").into_bytes(),
        format!("{HEADER}\n{}", row("1", "3", "")).into_bytes(),
        format!("{HEADER}\n\n\n{}\n\n", row("1", "3", "")).into_bytes(),
        b"time_period;time_identifier\n2022;Calendar year\n".to_vec(),
        b"time_period\ttime_identifier\n".to_vec(),
        format!("{HEADER}\n{}", row("-0", "0.", "")).into_bytes(),
        format!("{HEADER}\n{}", row("1", "-", "")).into_bytes(),
        format!("{HEADER}\n{}", row("\u{0661}", "\u{FF11}", "")).into_bytes(),
    ];
    for bytes in &inputs {
        let _ = data(bytes);
        let _ = meta_of(bytes);
    }
    // Meta edge cases: dp out of u8 range, a numerator that names itself, an empty name.
    let m = meta_of(format!("{}\nx,Indicator,X,,,300,,,,,,,\n", META.lines().next().unwrap()).as_bytes());
    assert!(matches!(only_error_at(&m, 2, 6), ErrorKind::BadMetaValue { column, .. } if column == "indicator_dp"));
    let m = meta_of(format!("{}\nx,Indicator,X,,%,1,,,,,,x,x\n", META.lines().next().unwrap()).as_bytes());
    assert!(m.value.is_some(), "a self-referencing numerator is described");
    let m = meta_of(format!("{}\n,Indicator,X,,,1,,,,,,,\n", META.lines().next().unwrap()).as_bytes());
    assert!(matches!(only_error_at(&m, 2, 1), ErrorKind::BadMetaValue { .. }));
}
