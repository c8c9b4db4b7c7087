//! Each class of bad input gets a message naming file, line and column, the offending
//! value and a hint. Inputs are small files written as a publisher would write them.

use safeguarding_dashboard::core::error::{DataError, ErrorKind, Severity};
use safeguarding_dashboard::core::parse::{parse_data, parse_meta, Context, Parsed};
use safeguarding_dashboard::core::table::Table;

const META: &str = "col_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,filter_grouping_column,theme,polarity,definition,numerator,denominator
cla_rate,Indicator,\"Rate per 10,000\",Children looked after,\"per 10,000\",1,,,looked-after,neither,Rate.,cla_count,
cla_count,Indicator,Number,Children looked after,,0,,,looked-after,neither,Count.,,
pct,Indicator,Percent placed far away,Placements,%,1,,,looked-after,lower-is-better,Share.,,
";

const HEADER: &str = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name,cla_rate,cla_count,pct,source,source_location,snapshot_date,conflict,note";
const DURHAM: &str = "Local authority,E92000001,England,E12000001,North East,E06000047,840,County Durham";

fn sources() -> Vec<String> {
    vec!["durham-cpp-2022-12".to_string()]
}

fn parse(csv: &str) -> Parsed<Table> {
    let meta = parse_meta("data/cla.meta.csv", META.as_bytes()).into_result().expect("meta is valid");
    let sources = sources();
    parse_data("data/cla.csv", csv.as_bytes(), &meta, &Context { sources: Some(&sources), default_source: None })
}

fn row(period: &str, ident: &str, rate: &str, count: &str) -> String {
    format!("{period},{ident},{DURHAM},{rate},{count},,durham-cpp-2022-12,scorecard p.30,,,")
}

fn file(rows: &[String]) -> String {
    let mut s = String::from(HEADER);
    for r in rows {
        s.push('\n');
        s.push_str(r);
    }
    s.push('\n');
    s
}

fn only_error(parsed: &Parsed<Table>) -> &DataError {
    let errors: Vec<&DataError> = parsed.errors().collect();
    assert_eq!(errors.len(), 1, "expected one error, got {errors:#?}");
    assert!(parsed.value.is_none(), "a file with errors must not be used");
    errors[0]
}

#[test]
fn a_valid_file_parses_with_values_and_provenance() {
    let parsed = parse(&file(&[row("201819", "Financial year", "82.9", "833"), row("202223", "Financial year Q2", "100.7", "1027")]));
    let table = parsed.into_result().expect("valid");
    assert_eq!(table.rows(), 2);
    assert_eq!(table.values[0][1].number(), Some(100.7));
    assert_eq!(table.text(table.source_location[0]), "scorecard p.30");
}

#[test]
fn bom_and_crlf_are_accepted() {
    let text = format!("\u{feff}{}", file(&[row("201819", "Financial year", "82.9", "833")]).replace('\n', "\r\n"));
    let table = parse(&text).into_result().expect("BOM + CRLF accepted");
    assert_eq!(table.rows(), 1);
    assert_eq!(table.values[1][0].number(), Some(833.0), "last indicator column is not polluted by \\r");
}

#[test]
fn non_numeric_cell_names_file_line_column_and_value() {
    let parsed = parse(&file(&[row("201819", "Financial year", "82.9", "833"), row("201920", "Financial year", "9o.0", "914")]));
    let e = only_error(&parsed);
    assert_eq!(e.to_string().lines().next().unwrap(), "data/cla.csv:3:11: \"9o.0\" is not a number or a GSS symbol (c, x, z, k, u, low)");
    assert!(e.hint().contains("c suppressed"));
}

#[test]
fn thousands_separators_are_read_when_grouped_in_threes_and_refused_otherwise() {
    // Was an error; a spreadsheet writes `1,027`, so it is read, with one warning.
    let parsed = parse(&file(&[format!("201819,Financial year,{DURHAM},82.9,\"1,027\",,durham-cpp-2022-12,p.30,,,")]));
    assert!(matches!(&parsed.problems[..], [w] if w.severity == Severity::Warning && matches!(w.kind, ErrorKind::GroupedNumber { more: 0, .. })), "{:#?}", parsed.problems);
    assert_eq!(parsed.problems[0].position.to_string(), "data/cla.csv:2:12");
    assert_eq!(parsed.into_result().expect("read").values[1][0].number(), Some(1027.0));
    let parsed = parse(&file(&[format!("201819,Financial year,{DURHAM},82.9,\"10,27\",,durham-cpp-2022-12,p.30,,,")]));
    let e = only_error(&parsed);
    assert_eq!(e.position.to_string(), "data/cla.csv:2:12");
    assert!(matches!(e.kind, ErrorKind::ThousandsSeparator { .. }));
    assert!(e.hint().contains("1027") && e.hint().contains("10.27"), "{}", e.hint());
}

#[test]
fn unknown_column_suggests_the_closest_name() {
    let text = file(&[row("201819", "Financial year", "82.9", "833")]).replacen("cla_count", "cla_cuont", 1);
    let parsed = parse(&text);
    let errors: Vec<&DataError> = parsed.errors().collect();
    let unknown = errors.iter().find(|e| matches!(e.kind, ErrorKind::UnknownColumn { .. })).expect("unknown column reported");
    assert_eq!(unknown.position.to_string(), "data/cla.csv:1:12");
    assert!(unknown.message().contains("\"cla_cuont\""));
    assert!(unknown.hint().contains("did you mean \"cla_count\""), "{}", unknown.hint());
}

#[test]
fn missing_required_column() {
    let text = file(&[row("201819", "Financial year", "82.9", "833")]).replacen("time_identifier", "period_type", 1);
    let parsed = parse(&text);
    assert!(parsed.value.is_none());
    assert!(parsed.errors().any(|e| matches!(&e.kind, ErrorKind::MissingColumn { column, .. } if column == "time_identifier")));
}

#[test]
fn missing_geography_column_for_a_level() {
    let text = "time_period,time_identifier,geographic_level,country_code,country_name,cla_rate,cla_count,pct,source,source_location\n\
                202122,Financial year,Regional,E92000001,England,110,,,durham-cpp-2022-12,p.30\n";
    let parsed = parse(text);
    let e = parsed.errors().next().expect("error");
    assert!(matches!(&e.kind, ErrorKind::MissingColumn { column, .. } if column == "region_code"), "{e}");
    assert!(e.message().contains("\"Regional\" rows (first on line 2)"));
}

#[test]
fn bad_time_period() {
    for bad in ["202123", "2021", "2021-22", "20212"] {
        let parsed = parse(&file(&[row(bad, "Financial year", "82.9", "833")]));
        let e = only_error(&parsed);
        assert_eq!(e.position.to_string(), "data/cla.csv:2:1", "{bad}");
        assert!(matches!(e.kind, ErrorKind::BadTimePeriod { .. }), "{bad}");
    }
}

#[test]
fn unknown_time_identifier() {
    let parsed = parse(&file(&[row("201819", "Fiscal year", "82.9", "833")]));
    let e = only_error(&parsed);
    assert_eq!(e.to_string().lines().next().unwrap(), "data/cla.csv:2:2: unknown time_identifier \"Fiscal year\"");
}

#[test]
fn duplicate_observation_with_a_different_value() {
    let parsed = parse(&file(&[row("202122", "Financial year", "96", "982"), row("202122", "Financial year", "96", "985")]));
    let e = only_error(&parsed);
    assert_eq!(e.position.to_string(), "data/cla.csv:3:12");
    assert_eq!(e.message(), "\"cla_count\" is 985 here but 982 on line 2 for the same period, area and filters");
}

#[test]
fn same_observation_twice_with_the_same_value_is_accepted() {
    let parsed = parse(&file(&[row("202122", "Financial year", "96", "982"), row("202122", "Financial year", "96.0", "")]));
    assert!(parsed.value.is_some(), "{:#?}", parsed.problems);
}

#[test]
fn a_recorded_conflict_keeps_both_values() {
    let a = format!("202122,Financial year,{DURHAM},,982,,durham-cpp-2022-12,scorecard,,cla-2122,");
    let b = format!("202122,Financial year,{DURHAM},,985,,durham-cpp-2022-12,annual report,,cla-2122,");
    let table = parse(&file(&[a, b])).into_result().expect("conflict accepted");
    assert_eq!(table.conflicts.len(), 1);
    assert_eq!(table.conflicts[0].id, "cla-2122");
}

#[test]
fn indicator_without_metadata() {
    let meta = META.replace("cla_rate,Indicator,\"Rate per 10,000\",Children looked after,\"per 10,000\",1,,,looked-after,neither,Rate.,cla_count,", "cla_rate,Indicator,\"Rate per 10,000\",Children looked after,\"per 10,000\",1,,,looked-after,neither,Rate.,cla_number,");
    let parsed = parse_meta("data/cla.meta.csv", meta.as_bytes());
    let e = parsed.errors().next().expect("error");
    assert_eq!(e.position.to_string(), "data/cla.meta.csv:2:12");
    assert_eq!(e.message(), "indicator \"cla_number\" has no metadata (referred to by the numerator of \"cla_rate\")");
    let unlabelled = META.replace("Number,Children looked after", ",Children looked after");
    let parsed = parse_meta("data/cla.meta.csv", unlabelled.as_bytes());
    assert!(parsed.errors().any(|e| matches!(&e.kind, ErrorKind::IndicatorWithoutMetadata { indicator, .. } if indicator == "cla_count")));
}

#[test]
fn meta_row_for_a_column_the_data_lacks() {
    let text = file(&[row("201819", "Financial year", "82.9", "833")]).replace(",pct,", ",").replace(",833,,", ",833,");
    let parsed = parse(&text);
    let e = parsed.errors().next().expect("error");
    assert_eq!(e.position.to_string(), "data/cla.meta.csv:4:1");
    assert!(matches!(&e.kind, ErrorKind::MetaOutOfStep { column } if column == "pct"));
}

#[test]
fn impossible_percentage() {
    let r = format!("201819,Financial year,{DURHAM},,,112,durham-cpp-2022-12,p.30,,,");
    let e = only_error(&parse(&file(&[r]))).clone();
    assert_eq!(e.position.to_string(), "data/cla.csv:2:13");
    assert!(matches!(e.kind, ErrorKind::ImpossiblePercentage { .. }));
}

#[test]
fn snapshot_date_outside_its_period() {
    let r = format!("201819,Financial year,{DURHAM},82.9,,,durham-cpp-2022-12,p.30,2019-04-01,,");
    let e = only_error(&parse(&file(&[r]))).clone();
    assert_eq!(e.position.to_string(), "data/cla.csv:2:16");
    assert!(e.message().contains("2018-19 (Financial year)"));
}

#[test]
fn every_value_names_its_source() {
    let r = format!("201819,Financial year,{DURHAM},82.9,,,,p.30,,,");
    let e = only_error(&parse(&file(&[r]))).clone();
    assert!(matches!(&e.kind, ErrorKind::MissingSource { column } if column == "source"));
    let r = format!("201819,Financial year,{DURHAM},82.9,,,a-report-we-do-not-list,p.30,,,");
    let e = only_error(&parse(&file(&[r]))).clone();
    assert_eq!(e.message(), "source \"a-report-we-do-not-list\" is not listed in site.json");
}

#[test]
fn truncated_row_and_wrong_delimiter() {
    let parsed = parse(&format!("{HEADER}\n201819,Financial year,Local authority,E92000001\n"));
    let e = only_error(&parsed);
    assert_eq!(e.position.to_string(), "data/cla.csv:2:5");
    assert!(e.message().contains("row has 4 fields but the header has 18"));
    // A file separated by semicolons used to stop at its header; it is read, with a warning.
    let semicolons = file(&[row("201819", "Financial year", "82.9", "833")]).replace(',', ";");
    let parsed = parse(&semicolons);
    assert!(parsed.problems.iter().all(|p| p.severity == Severity::Warning), "{:#?}", parsed.problems);
    assert!(parsed.problems[0].message().contains("semicolons"));
    assert_eq!(parsed.into_result().expect("read").rows(), 1);
    // Unless its first line holds semicolons and tabs: then it still stops there.
    let parsed = parse(&semicolons.replacen(';', "\t", 1));
    assert!(only_error(&parsed).message().contains("separated by semicolons or tabs"));
}

#[test]
fn empty_and_header_only_files() {
    assert!(matches!(parse("").errors().next().unwrap().kind, ErrorKind::Empty { header_only: false }));
    assert!(matches!(parse(&format!("{HEADER}\n")).errors().next().unwrap().kind, ErrorKind::Empty { header_only: true }));
}

#[test]
fn suppressed_cells_stay_symbols() {
    let table = parse(&file(&[row("201819", "Financial year", "c", "x")])).into_result().unwrap();
    use safeguarding_dashboard::core::cell::{Cell, Symbol};
    assert_eq!(table.values[0][0], Cell::Symbol(Symbol::Suppressed));
    assert_eq!(table.values[1][0], Cell::Symbol(Symbol::NotAvailable));
}

#[test]
fn low_is_a_symbol() {
    use safeguarding_dashboard::core::cell::{Cell, Symbol};
    let table = parse(&file(&[row("201819", "Financial year", "low", "k")])).into_result().unwrap();
    assert_eq!(table.values[0][0], Cell::Symbol(Symbol::Low));
    assert_eq!(table.values[1][0], Cell::Symbol(Symbol::RoundsToZero));
    assert_eq!(Symbol::Low.code(), "low");
}

/// An official file as DfE publishes it: no extension columns, `""` for empty geography
/// cells on National rows, and the looked-after files' column order
/// (`old_la_code,la_name,new_la_code`).
const OFFICIAL_META: &str = "col_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,filter_grouping_column
stage,Filter,Stage,,,,,
number,Indicator,Average time,,months,0,,
children_count,Indicator,Children,,,0,,
";

fn parse_official(csv: &str) -> Parsed<Table> {
    let meta = parse_meta("data/official/x.meta.csv", OFFICIAL_META.as_bytes()).into_result().expect("meta is valid");
    parse_data("data/official/x.csv", csv.as_bytes(), &meta, &Context { sources: None, default_source: Some("dfe") })
}

#[test]
fn quoted_empty_geography_cells_are_empty_and_columns_are_read_by_name() {
    let csv = "\u{feff}time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,la_name,new_la_code,stage,number,children_count\r\n\
2025,Reporting year,National,E92000001,England,\"\",\"\",\"\",\"\",\"\",Total,00:10,81770\r\n\
2025,Reporting year,Local authority,E92000001,England,E12000001,North East,840,County Durham,E06000047,Total,01:02,984\r\n";
    let table = parse_official(csv).into_result().unwrap();
    assert_eq!(table.rows(), 2);
    let la = table.geography_of(1);
    assert_eq!((la.code.as_str(), la.name.as_str()), ("E06000047", "County Durham"), "new_la_code read by name, not position");
    assert_eq!(table.geography_of(0).code, "E92000001");

    // A Local authority row whose quoted code is empty is missing its code.
    let bad = csv.replace("840,County Durham,E06000047", "840,County Durham,\"\"");
    let parsed = parse_official(&bad);
    let e = only_error(&parsed);
    assert!(matches!(&e.kind, ErrorKind::MissingGeography { column, .. } if column == "new_la_code"), "{e}");
    assert_eq!((e.position.line, e.position.column), (3, 10));
}

#[test]
fn durations_read_as_months_only_in_a_months_column() {
    use safeguarding_dashboard::core::cell::Cell;
    use safeguarding_dashboard::core::format;
    let csv = "time_period,time_identifier,geographic_level,country_code,country_name,stage,number,children_count\n\
2025,Reporting year,National,E92000001,England,Total,00:10,81770\n\
2024,Reporting year,National,E92000001,England,Total,01:02,c\n";
    let table = parse_official(csv).into_result().unwrap();
    assert_eq!(table.values[0][0], Cell::Number { value: 10.0, decimals: 0 });
    assert_eq!(table.values[0][1], Cell::Number { value: 14.0, decimals: 0 });
    assert_eq!(format::cell(table.values[0][0], "months").unwrap(), "10 months");
    assert_eq!(format::cell(table.values[0][1], "months").unwrap(), "1 year 2 months");

    // Elsewhere `00:10` is not a number, with a hint saying how to read it.
    let parsed = parse_official(&csv.replace(",81770", ",00:10"));
    let e = only_error(&parsed);
    assert_eq!(e.position.to_string(), "data/official/x.csv:2:8");
    assert!(matches!(&e.kind, ErrorKind::NotANumber { value, column } if value == "00:10" && column == "children_count"));
    assert!(e.hint().contains("years and months (YY:MM)") && e.hint().contains("children_count's unit to months"), "{}", e.hint());

    // `01:12` is not a duration (12 months is a year) and is reported as not a number.
    let parsed = parse_official(&csv.replace(",01:02,", ",01:12,"));
    assert!(matches!(&only_error(&parsed).kind, ErrorKind::NotANumber { value, .. } if value == "01:12"));
}
