//! Hostile text at every level: every string from a CSV, meta file or configuration
//! (labels, notes, area names, source titles, filter values) is drawn as text, never as
//! markup, in every kind of chart SVG, and spreadsheet formulas in downloaded CSV are
//! neutralised. The fixture `tests/fixtures/hostile/` (a valid data folder full of
//! `<script>`, `"><img onerror>`, `]]>`, `&` and `=HYPERLINK(…)`) is also served by
//! `tests/e2e/hostile.test.mjs`, which checks the same in Chromium.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use safeguarding_dashboard::core::catalog::{build, theme_charts, Choice};
use safeguarding_dashboard::core::chart::line;
use safeguarding_dashboard::core::chart::model::Chart;
use safeguarding_dashboard::core::chart::text::escape_xml;
use safeguarding_dashboard::core::check::{check_dir, Report};
use safeguarding_dashboard::core::export::{chart_csv, field, SourceTitles};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile");

/// Elements the chart renderer writes; anything else in an SVG came from data.
const SVG_ELEMENTS: [&str; 11] = ["svg", "title", "desc", "rect", "line", "polyline", "polygon", "path", "circle", "text", "g"];

fn report() -> Report {
    let report = check_dir(Path::new(FIXTURE));
    assert_eq!(report.errors(), 0, "the fixture is valid data: {:#?}", report.problems);
    report
}

/// Every chart of the fixture, of every kind.
fn charts(report: &Report) -> Vec<(String, Chart)> {
    let config = report.config.as_ref().unwrap();
    let files: Vec<_> = report.tables.iter().map(|(id, t)| (config.file(id).unwrap(), t)).collect();
    let area = &config.areas[0];
    let choice = Choice { area: area.code.clone(), comparators: area.comparators.clone(), years: None, ..Default::default() };
    let specs = theme_charts(&files, &["children-in-need"]);
    let charts: Vec<(String, Chart)> = specs.iter().filter_map(|s| build(config, &files, s, &choice).map(|c| (s.id.clone(), c))).collect();
    let kinds: Vec<&str> = charts.iter().map(|(_, c)| match c {
        Chart::Line(_) => "line",
        Chart::Bars(_) => "bars",
        Chart::Multiples(_) => "multiples",
    }).collect();
    for kind in ["line", "bars", "multiples"] {
        assert!(kinds.contains(&kind), "the fixture draws {kind} charts too: {kinds:?}");
    }
    charts
}

/// A minimal XML reader: checks every tag is one the renderer writes, with only
/// attributes it writes, and every text and attribute is well formed (no raw `<`, `&`
/// outside an entity, or `"` inside a quoted attribute). Returns the decoded text content.
fn check_svg(svg: &str) -> String {
    let mut text = String::new();
    let mut rest = svg;
    while let Some(open) = rest.find('<') {
        text.push_str(&check_text(&rest[..open]));
        let after = &rest[open + 1..];
        let close = after.find('>').unwrap_or_else(|| panic!("unclosed tag in {after:.80}"));
        let tag = &after[..close];
        rest = &after[close + 1..];
        let tag = tag.trim_start_matches('/').trim_end_matches('/');
        let name = tag.split_whitespace().next().unwrap_or("");
        assert!(SVG_ELEMENTS.contains(&name), "element <{name}> is not one the renderer writes: <{tag:.120}>");
        // Attributes: name="value" pairs, values without `<` or raw `"`.
        let mut attrs = tag[name.len()..].trim();
        while !attrs.is_empty() {
            let eq = attrs.find("=\"").unwrap_or_else(|| panic!("bad attribute in <{tag:.120}>"));
            let attr = attrs[..eq].trim();
            assert!(!attr.to_ascii_lowercase().starts_with("on"), "event handler attribute {attr} in <{tag:.120}>");
            assert!(attr.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':'), "odd attribute name {attr:?}");
            let value_end = attrs[eq + 2..].find('"').unwrap() + eq + 2;
            let value = &attrs[eq + 2..value_end];
            assert!(!value.contains('<'), "raw < in attribute {attr}");
            check_text(value);
            attrs = attrs[value_end + 1..].trim();
        }
    }
    text.push_str(&check_text(rest));
    text
}

/// Decodes the five XML entities, asserting no other `&` and no `>` appear raw.
fn check_text(s: &str) -> String {
    assert!(!s.contains('>'), "raw > in text {s:.80}");
    let mut out = String::new();
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let entity = &rest[amp..];
        let (decoded, len) = [("&lt;", '<'), ("&gt;", '>'), ("&amp;", '&'), ("&quot;", '"'), ("&apos;", '\'')]
            .iter()
            .find(|(e, _)| entity.starts_with(e))
            .map(|(e, c)| (*c, e.len()))
            .unwrap_or_else(|| panic!("raw & in text {entity:.40}"));
        out.push(decoded);
        rest = &rest[amp + len..];
    }
    out.push_str(rest);
    out
}

#[test]
fn escape_xml_leaves_no_markup() {
    for hostile in ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "]]>", "&", "&amp;", "'"] {
        let escaped = escape_xml(hostile);
        assert!(!escaped.contains(['<', '>', '"', '\'']), "{escaped}");
        assert_eq!(check_text(&escaped), hostile, "decodes back to the text");
    }
}

#[test]
fn every_chart_svg_shows_hostile_strings_as_text() {
    let report = report();
    for (id, chart) in charts(&report) {
        for (width, full) in [(760, true), (760, false), (340, true)] {
            let svg = chart.draw(width, full).svg;
            for raw in ["<script", "<img", "<svg onload", "<b>", "<!--", "]]>"] {
                assert!(!svg.contains(raw), "{id} at {width} px (full: {full}) has raw {raw:?}");
            }
            // Long texts are wrapped over several <text> elements: compare without spaces.
            let text: String = check_svg(&svg).split_whitespace().collect();
            let shows = |s: &str| text.contains(&s.split_whitespace().collect::<String>());
            // The hostile strings are there, as text: place names, a source, a label.
            assert!(shows("Durham \"><img src=x onerror=alert('area')>"), "{id}: the area's name is drawn as text in:\n{text:.600}");
            match &chart {
                Chart::Line(m) if m.series.len() > 1 => assert!(shows("England <script>alert('country')</script>"), "{id}: a comparator's name as text"),
                Chart::Line(_) => {}
                _ => assert!(shows("<script>alert('cat')</script>"), "{id}: a category as text"),
            }
            if full {
                assert!(shows("@SUM(A1) Report <img src=x onerror=alert('source')> & annex"), "{id}: source title drawn as text in:\n{text}");
                assert!(shows("=HYPERLINK(\"http://evil.example\""), "{id}: title drawn as text");
            }
        }
    }
}

#[test]
fn a_line_chart_with_hostile_labels_renders_well_formed_svg() {
    // The plotters backend path, on its own: the line renderer with every string hostile.
    let report = report();
    let Chart::Line(model) = charts(&report).into_iter().map(|(_, c)| c).find(|c| matches!(c, Chart::Line(_))).unwrap() else { unreachable!() };
    let mut model = model;
    model.y_label = "<script>alert(1)</script>".into();
    model.x_label = "\"><img src=x onerror=alert(1)>".into();
    model.notes = vec!["]]><![CDATA[ & <!-- -->".into()];
    model.series[0].name = "& <tspan>".into();
    let svg = line::render(&model, 600).svg;
    let text = check_svg(&svg);
    for shown in ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "]]><![CDATA[ & <!-- -->", "& <tspan>"] {
        assert!(text.contains(shown), "{shown:?} drawn as text");
    }
}

#[test]
fn exported_csv_neutralises_formulas_in_text_fields() {
    let report = report();
    let config = report.config.as_ref().unwrap();
    let text_columns = ["indicator", "period", "place", "category", "unit", "status", "source", "source_location", "conflict", "note"];
    let mut neutralised = std::collections::BTreeSet::new();
    for (id, chart) in charts(&report) {
        let csv = chart_csv(&chart, &SourceTitles::of(config, &chart));
        let rows = parse_csv(&csv);
        let header = &rows[0];
        assert!(rows.len() > 1, "{id} exports rows");
        for row in &rows[1..] {
            assert_eq!(row.len(), header.len(), "{id}: every row has every column");
            for (name, value) in header.iter().zip(row) {
                if text_columns.contains(&name.as_str()) {
                    assert!(!value.starts_with(['=', '+', '-', '@', '\t', '\r']), "{id}: {name} = {value:?} would run as a formula");
                    if value.starts_with('\'') {
                        neutralised.insert((name.clone(), value.clone()));
                    }
                }
            }
        }
    }
    // Each kind of risky start was met and kept, behind a quote mark.
    let has = |column: &str, value: &str| neutralised.contains(&(column.to_string(), value.to_string()));
    assert!(has("source_location", "'=HYPERLINK(\"http://evil.example\",\"loc\")"), "{neutralised:#?}");
    assert!(has("place", "'+North East <img src=x onerror=alert('region')>"), "{neutralised:#?}");
    assert!(has("category", "'=1+2") && has("category", "'@Category two"), "{neutralised:#?}");
    assert!(has("note", "'-2+3 <script>alert('note')</script> ]]> & more") && has("note", "'@note starts with at"), "{neutralised:#?}");
    assert!(has("source", "'@SUM(A1) Report <img src=x onerror=alert('source')> & annex"), "{neutralised:#?}");
    assert!(neutralised.iter().any(|(c, v)| c == "indicator" && v.starts_with("'=HYPERLINK(")), "{neutralised:#?}");
    // Numbers are ours, not text: a negative value stays a number.
    assert_eq!(field("-3"), "'-3", "text starting with - is neutralised");
}

/// RFC 4180 rows.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    rows
}
