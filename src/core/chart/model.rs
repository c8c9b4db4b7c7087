//! One type for every kind of chart, so pages, tables, tooltips and downloads treat
//! them alike.

use super::bar::{self, BarModel};
use super::line::{self, Layout, Rendered};
use super::text::escape_xml;
use super::{join_and, table_rows as line_rows, LineModel};
use crate::core::cell::Cell;
use crate::core::series::Point;

/// Small multiples: one compact trend per category, sharing title, legend and source.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MultiplesModel {
    pub title: String,
    pub subtitle: String,
    pub description: String,
    pub source: String,
    pub notes: Vec<String>,
    pub counts_note: Option<String>,
    pub filter_label: String,
    /// (category, its trend).
    pub panels: Vec<(String, LineModel)>,
}

/// A chart of any kind.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Chart {
    Line(LineModel),
    Bars(BarModel),
    Multiples(MultiplesModel),
}

/// A focusable data point: where it is drawn and what its tooltip says.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub x: i32,
    pub y: i32,
    /// Series (place) index, for arrow-key moves between places.
    pub series: usize,
    /// Position along the chart (period or category), for moves along it.
    pub slot: usize,
    pub text: String,
}

/// A chart drawn: SVG plus its marks.
#[derive(Clone, Debug, PartialEq)]
pub struct Drawn {
    pub svg: String,
    pub width: u32,
    pub height: u32,
    pub marks: Vec<Mark>,
}

/// The table view of any chart.
#[derive(Clone, Debug, PartialEq)]
pub struct TableView {
    pub row_header: String,
    pub columns: Vec<String>,
    pub rows: Vec<TableRowView>,
    pub has_dates: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TableRowView {
    pub header: String,
    pub counted_at: Option<String>,
    pub cells: Vec<Option<String>>,
}

/// Tooltip text for one point: place, period (and date counted), value with counts,
/// status, note.
pub fn point_text(place: &str, category: Option<&str>, p: &Point, unit: &str) -> String {
    let mut t = String::from(place);
    if let Some(c) = category {
        t.push_str(&format!(", {c}"));
    }
    t.push_str(&format!(", {}", p.period.label()));
    if let Some(d) = p.snapshot {
        t.push_str(&format!(" (at {})", d.long()));
    }
    let value = p.shown(unit).unwrap_or_default();
    t.push_str(&format!(": {value}"));
    if let Cell::Symbol(s) = p.value {
        t.push_str(&format!(" — {}", s.meaning()));
    }
    if p.conflict.is_some() {
        t.push_str(" — sources disagree, see notes");
    }
    if !p.note.is_empty() {
        t.push_str(&format!(". Note: {}", p.note));
    }
    t
}

impl Chart {
    /// The chosen area's change from a year before, in words (trend charts only).
    pub fn change(&self) -> Option<&str> {
        match self {
            Chart::Line(m) => m.change.as_deref(),
            _ => None,
        }
    }

    pub fn title(&self) -> &str {
        match self {
            Chart::Line(m) => &m.title,
            Chart::Bars(m) => &m.title,
            Chart::Multiples(m) => &m.title,
        }
    }
    pub fn subtitle(&self) -> &str {
        match self {
            Chart::Line(m) => &m.subtitle,
            Chart::Bars(m) => &m.subtitle,
            Chart::Multiples(m) => &m.subtitle,
        }
    }
    pub fn description(&self) -> &str {
        match self {
            Chart::Line(m) => &m.description,
            Chart::Bars(m) => &m.description,
            Chart::Multiples(m) => &m.description,
        }
    }
    pub fn source(&self) -> &str {
        match self {
            Chart::Line(m) => &m.source,
            Chart::Bars(m) => &m.source,
            Chart::Multiples(m) => &m.source,
        }
    }
    pub fn notes(&self) -> &[String] {
        match self {
            Chart::Line(m) => &m.notes,
            Chart::Bars(m) => &m.notes,
            Chart::Multiples(m) => &m.notes,
        }
    }
    pub fn counts_note(&self) -> Option<&str> {
        match self {
            Chart::Line(m) => m.counts_note.as_deref(),
            Chart::Bars(m) => m.counts_note.as_deref(),
            Chart::Multiples(m) => m.counts_note.as_deref(),
        }
    }
    /// What the values are (axis label), for table notes.
    pub fn value_label(&self) -> &str {
        match self {
            Chart::Line(m) => &m.y_label,
            Chart::Bars(m) => &m.value_label,
            Chart::Multiples(m) => m.panels.first().map_or("", |(_, p)| p.y_label.as_str()),
        }
    }

    /// Draws the chart at `width` px; `full` adds title, subtitle, source and notes
    /// (standalone SVG for downloads) where the page shows them as HTML.
    pub fn draw(&self, width: u32, full: bool) -> Drawn {
        let mut drawn = self.draw_unsorted(width, full);
        // Document order = keyboard order: place by place, along the chart.
        drawn.marks.sort_by_key(|m| (m.series, m.slot));
        drawn
    }

    fn draw_unsorted(&self, width: u32, full: bool) -> Drawn {
        match self {
            Chart::Line(m) => {
                let layout = if full { Layout::full(width) } else { Layout::plot_only(width) };
                let r = line::render_with(m, width, layout);
                let marks = line_marks(m, &r, None, 0, 0);
                Drawn { svg: r.svg, width: r.width, height: r.height, marks }
            }
            Chart::Bars(m) => {
                let r = bar::render(m, width, full);
                let marks = r
                    .points
                    .iter()
                    .filter_map(|&(s, c, x, y)| {
                        let p = m.series[s].values[c].as_ref()?;
                        Some(Mark { x, y, series: s, slot: c, text: point_text(&m.series[s].name, Some(&m.categories[c]), p, &m.unit) })
                    })
                    .collect();
                Drawn { svg: r.svg, width: r.width, height: r.height, marks }
            }
            Chart::Multiples(m) => draw_multiples(m, width, full),
        }
    }

    /// The same values as the chart, as table rows.
    pub fn table(&self) -> TableView {
        match self {
            Chart::Line(m) => {
                let rows = line_rows(m);
                TableView {
                    row_header: "Period".into(),
                    columns: m.series.iter().map(|s| s.name.clone()).collect(),
                    has_dates: rows.iter().any(|r| r.counted_at.is_some()),
                    rows: rows.into_iter().map(|r| TableRowView { header: r.period, counted_at: r.counted_at, cells: r.cells }).collect(),
                }
            }
            Chart::Bars(m) => TableView {
                row_header: m.filter_label.clone(),
                columns: m.series.iter().map(|s| s.name.clone()).collect(),
                has_dates: false,
                rows: bar::table_rows(m).into_iter().map(|(h, cells)| TableRowView { header: h, counted_at: None, cells }).collect(),
            },
            Chart::Multiples(m) => {
                // Rows: periods of all panels; columns: category × place.
                let mut periods = Vec::new();
                for (_, p) in &m.panels {
                    for q in &p.periods {
                        if !periods.contains(q) {
                            periods.push(*q);
                        }
                    }
                }
                periods.sort_by_key(|p| p.sort_key());
                let mut columns = Vec::new();
                for (c, p) in &m.panels {
                    for s in &p.series {
                        columns.push(format!("{c}: {}", s.name));
                    }
                }
                let rows = periods
                    .iter()
                    .map(|q| {
                        let mut cells = Vec::new();
                        let mut counted_at = None;
                        for (_, p) in &m.panels {
                            let i = p.periods.iter().position(|x| x == q);
                            for s in &p.series {
                                let pt = i.and_then(|i| s.points[i].first());
                                if counted_at.is_none() {
                                    counted_at = pt.and_then(|pt| pt.snapshot).map(|d| d.long());
                                }
                                cells.push(pt.and_then(|pt| pt.shown(&p.unit)));
                            }
                        }
                        TableRowView { header: q.label(), counted_at, cells }
                    })
                    .collect::<Vec<_>>();
                TableView { row_header: "Period".into(), columns, has_dates: rows.iter().any(|r| r.counted_at.is_some()), rows }
            }
        }
    }

    /// Every point shown, for the CSV download: (place, category, point, unit).
    pub fn points(&self) -> Vec<(String, Option<String>, Point, String)> {
        let mut out = Vec::new();
        let line_points = |m: &LineModel, category: Option<&str>, out: &mut Vec<(String, Option<String>, Point, String)>| {
            for s in &m.series {
                for p in s.points.iter().flatten() {
                    out.push((s.name.clone(), category.map(str::to_string), p.clone(), m.unit.clone()));
                }
            }
        };
        match self {
            Chart::Line(m) => line_points(m, None, &mut out),
            Chart::Multiples(m) => {
                for (c, p) in &m.panels {
                    line_points(p, Some(c), &mut out);
                }
            }
            Chart::Bars(m) => {
                for s in &m.series {
                    for (c, p) in m.categories.iter().zip(&s.values) {
                        if let Some(p) = p {
                            out.push((s.name.clone(), Some(c.clone()), p.clone(), m.unit.clone()));
                        }
                    }
                }
            }
        }
        out
    }
}

fn line_marks(m: &LineModel, r: &Rendered, category: Option<&str>, dx: i32, dy: i32) -> Vec<Mark> {
    r.points
        .iter()
        .filter_map(|&(s, i, x, y)| {
            let p = m.series[s].points[i].first()?;
            Some(Mark { x: x + dx, y: y + dy, series: s, slot: i, text: point_text(&m.series[s].name, category, p, &m.unit) })
        })
        .collect()
}

/// Builds small multiples from per-category trends that share one selection.
pub fn multiples(title: String, filter_label: String, mut panels: Vec<(String, LineModel)>) -> Option<MultiplesModel> {
    // One shared time axis.
    let mut periods: Vec<crate::core::period::Period> = Vec::new();
    for (_, p) in &panels {
        for q in &p.periods {
            if !periods.contains(q) {
                periods.push(*q);
            }
        }
    }
    periods.sort_by_key(|p| p.sort_key());
    for (_, p) in &mut panels {
        p.align_to(&periods);
    }
    let first = &panels.first()?.1;
    let notes = shared_notes(&panels);
    let mut sources: Vec<String> = Vec::new();
    for (_, p) in &panels {
        for part in p.source.trim_start_matches("Source: ").split("; ") {
            if !sources.iter().any(|s| s == part) {
                sources.push(part.to_string());
            }
        }
    }
    let names: Vec<&str> = panels.iter().map(|(c, _)| c.as_str()).collect();
    let area = first.series[0].name.clone();
    let mut description = String::new();
    for (c, p) in &panels {
        let d = super::describe(p);
        let short = d.replacen(&format!("{area} "), "", 1);
        let piece = format!("{c}: {short} ");
        if description.chars().count() + piece.chars().count() > 220 {
            break;
        }
        description.push_str(&piece);
    }
    let description = description.trim_end().to_string();
    Some(MultiplesModel {
        subtitle: format!("{}. One panel per {}: {}.", first.subtitle, filter_label.to_ascii_lowercase(), join_and(&names)),
        title,
        description: if description.is_empty() { super::describe(first) } else { description },
        source: format!("Source: {}", sources.join("; ")),
        notes,
        counts_note: first.counts_note.clone(),
        filter_label,
        panels,
    })
}

/// The panels' notes, each said once: a note every panel carries is prefixed "Every
/// panel", one some carry names them ("Drift and Excellence: …"); "Counted …" notes,
/// which say where the shared axis is counted, appear once unprefixed.
fn shared_notes(panels: &[(String, LineModel)]) -> Vec<String> {
    let mut counted: Option<String> = None;
    let mut grouped: Vec<(&str, Vec<&str>)> = Vec::new();
    for (c, p) in panels {
        for n in &p.notes {
            if n.starts_with("Counted ") {
                counted.get_or_insert_with(|| n.clone());
                continue;
            }
            match grouped.iter_mut().find(|(g, _)| g == n) {
                Some((_, cats)) if !cats.contains(&c.as_str()) => cats.push(c),
                Some(_) => {}
                None => grouped.push((n, vec![c])),
            }
        }
    }
    let mut notes: Vec<String> = counted.into_iter().collect();
    for (n, cats) in grouped {
        let who = if cats.len() == panels.len() && panels.len() > 1 { "Every panel".to_string() } else { join_and(&cats) };
        notes.push(format!("{who}: {n}"));
    }
    notes
}

fn draw_multiples(m: &MultiplesModel, width: u32, full: bool) -> Drawn {
    let width = width.max(300);
    let w = width as i32;
    let pad = 16;
    let cols = if width >= 720 { 3 } else if width >= 480 { 2 } else { 1 };
    let panel_w = (w - 2 * pad - (cols - 1) * 12) / cols;
    let mut body = String::new();
    let mut marks = Vec::new();
    let text_w = (w - 2 * pad) as f64;
    let mut y = pad;
    let text = |s: &str, size: f64, weight: &str, fill: &str, y: &mut i32, out: &mut String| {
        for line in super::text::wrap_weighted(s, size, weight == "bold", text_w) {
            out.push_str(&format!(
                "<text x=\"{pad}\" y=\"{}\" font-size=\"{size}\" font-weight=\"{weight}\" fill=\"{fill}\">{}</text>\n",
                *y as f64 + size,
                escape_xml(&line)
            ));
            *y += (size * 1.35).round() as i32;
        }
    };
    if full {
        text(&m.title, 20.0, "bold", "#0b0c0c", &mut y, &mut body);
        y += 4;
        text(&m.subtitle, 15.0, "normal", "#505a5f", &mut y, &mut body);
        y += 8;
    }
    // Shared legend: a one-period model of the first panel has all the series names.
    let legend_names: Vec<(usize, String)> = m.panels.first().map(|(_, p)| p.series.iter().map(|s| (s.style, s.name.clone())).collect()).unwrap_or_default();
    // Legend keys in rows that wrap within the width, each with its line and marker.
    let mut x = pad;
    body.push_str("<g class=\"legend\">\n");
    for (style, name) in &legend_names {
        let st = super::palette::style(*style);
        let item = 34 + super::text::estimate_width(name, 14.0).ceil() as i32;
        if x > pad && x + item > w - pad {
            x = pad;
            y += 22;
        }
        line::line_svg(&mut body, &[(x, y + 9), (x + 28, y + 9)], &st);
        line::marker_svg(&mut body, (x + 14, y + 9), &st);
        for (k, l) in super::text::wrap(name, 14.0, (w - pad - x - 34) as f64).iter().enumerate() {
            body.push_str(&format!("<text x=\"{}\" y=\"{}\" font-size=\"14\" fill=\"#0b0c0c\">{}</text>\n", x + 34, y + 14 + 19 * k as i32, escape_xml(l)));
            if k > 0 {
                y += 19;
            }
        }
        x += item + 18;
    }
    body.push_str("</g>\n");
    y += 26;
    let layout = Layout { header: false, legend: false, footer: false, plot_height: 150 };
    let mut row_h = 0;
    // Panel titles wrap within the panel; a row of panels starts below its tallest title.
    let titles: Vec<Vec<String>> = m.panels.iter().map(|(c, _)| super::text::wrap_weighted(c, 15.0, true, panel_w as f64)).collect();
    let mut title_h = 0;
    for (i, (category, panel)) in m.panels.iter().enumerate() {
        let col = i as i32 % cols;
        if col == 0 {
            if i > 0 {
                y += row_h + 10;
                row_h = 0;
            }
            let end = (i + cols as usize).min(m.panels.len());
            title_h = titles[i..end].iter().map(|t| t.len() as i32).max().unwrap_or(1) * 20;
        }
        let px = pad + col * (panel_w + 12);
        let r = line::render_with(panel, panel_w as u32, layout);
        for (k, l) in titles[i].iter().enumerate() {
            body.push_str(&format!("<text x=\"{px}\" y=\"{}\" font-size=\"15\" font-weight=\"bold\" fill=\"#0b0c0c\">{}</text>\n", y + 15 + 20 * k as i32, escape_xml(l)));
        }
        let inner_y = y + title_h;
        body.push_str(&format!("<svg x=\"{px}\" y=\"{inner_y}\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\">", r.width, r.height, r.width, r.height));
        let inner = r.svg.split_once('>').map_or("", |(_, rest)| rest);
        body.push_str(inner);
        row_h = row_h.max(r.height as i32 + title_h);
        marks.extend(line_marks(panel, &r, Some(category), px, inner_y).into_iter().map(|mut mk| {
            mk.series += i * 100;
            mk
        }));
    }
    y += row_h + 8;
    let mut footer = String::new();
    if full {
        text(&m.source, 14.0, "normal", "#505a5f", &mut y, &mut footer);
        for n in &m.notes {
            text(n, 14.0, "normal", "#505a5f", &mut y, &mut footer);
        }
    }
    body.push_str(&footer);
    let height = (y + pad) as u32;
    let svg = format!(
        "<svg width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg\" focusable=\"false\" font-family=\"{}\">\n<title>{}</title>\n<desc>{}</desc>\n<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>\n{body}</svg>\n",
        escape_xml(line::FONT),
        escape_xml(&m.title),
        escape_xml(&m.description)
    );
    Drawn { svg, width, height, marks }
}
