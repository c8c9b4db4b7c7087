//! Trend chart rendered to SVG with plotters: title, subtitle, legend, axes with labels,
//! light grid, one styled line per series, source line and notes.
//!
//! Every string drawn comes from data files or configuration and is escaped by the SVG
//! backend (text and attributes) or by [`escape_xml`]; nothing is passed through as markup.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::palette::{self, Marker, SeriesStyle};
use super::scale::{nice_ticks, tick_decimals};
use super::text::{escape_xml, estimate_width, wrap};
use super::LineModel;
use crate::core::format;

/// Font stack used for all chart text.
pub const FONT: &str = "Arial, Helvetica, sans-serif";

const PAD: i32 = 16;
const TITLE_SIZE: f64 = 20.0;
const SUBTITLE_SIZE: f64 = 15.0;
const LABEL_SIZE: f64 = 14.0;
const SMALL_SIZE: f64 = 14.0;
/// plotters-svg divides font sizes by 1.24; multiply to get the size we mean.
const SVG_FONT_SCALE: f64 = 1.24;

fn rgb(c: (u8, u8, u8)) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

fn font(size: f64) -> FontDesc<'static> {
    (FONT, size * SVG_FONT_SCALE).into_font()
}

fn text_style(size: f64, colour: (u8, u8, u8), h: HPos, v: VPos) -> TextStyle<'static> {
    font(size).color(&rgb(colour)).pos(Pos::new(h, v))
}

fn line_height(size: f64) -> i32 {
    (size * 1.35).round() as i32
}

/// Rendered chart plus the pixel position of every data point, so a UI layer can place
/// focusable targets and tooltips over it.
#[derive(Clone, Debug, PartialEq)]
pub struct Rendered {
    pub svg: String,
    pub width: u32,
    pub height: u32,
    /// (series index, slot index, x, y) in SVG pixels: slot is the period (lines) or
    /// category (bars).
    pub points: Vec<(usize, usize, i32, i32)>,
}

/// Which parts of a line chart to draw; small multiples leave out the shared parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    pub header: bool,
    pub legend: bool,
    pub footer: bool,
    pub plot_height: i32,
}

impl Layout {
    /// A complete chart: title, subtitle, legend, plot, source and notes.
    pub fn full(width: u32) -> Layout {
        Layout { header: true, legend: true, footer: true, plot_height: if width < 500 { 240 } else { 300 } }
    }
    /// Legend and plot only: the page shows title, source and notes as HTML.
    pub fn plot_only(width: u32) -> Layout {
        Layout { header: false, footer: false, ..Layout::full(width) }
    }
}

/// Renders `model` at `width` px (at least 300). Height follows from the width.
pub fn render(model: &LineModel, width: u32) -> Rendered {
    render_with(model, width, Layout::full(width))
}

/// Renders with a chosen layout (`width` at least 200).
pub fn render_with(model: &LineModel, width: u32, layout: Layout) -> Rendered {
    let width = width.max(if layout.header { 300 } else { 200 });
    let w = width as i32;
    let text_width = (w - 2 * PAD) as f64;
    let title = if layout.header { super::text::wrap_weighted(&model.title, TITLE_SIZE, true, text_width) } else { Vec::new() };
    let subtitle = if layout.header { wrap(&model.subtitle, SUBTITLE_SIZE, text_width) } else { Vec::new() };
    let legend = if layout.legend { legend_rows(model, text_width) } else { Vec::new() };
    let mut footer: Vec<String> = Vec::new();
    if layout.footer {
        footer = wrap(&model.source, SMALL_SIZE, text_width);
        for n in &model.notes {
            footer.extend(wrap(n, SMALL_SIZE, text_width));
        }
    }
    let header_h = if !layout.header && !layout.legend { 12 } else if !layout.header { 8 + legend.len() as i32 * line_height(LABEL_SIZE) + 8 } else { PAD
        + title.len() as i32 * line_height(TITLE_SIZE)
        + 4
        + subtitle.len() as i32 * line_height(SUBTITLE_SIZE)
        + 10
        + legend.len() as i32 * line_height(LABEL_SIZE)
        + 8 };
    let plot_h = layout.plot_height;
    let x_axis_h = 2 * line_height(SMALL_SIZE) + 9;
    let footer_h = footer.len() as i32 * line_height(SMALL_SIZE) + PAD;
    let height = (header_h + plot_h + x_axis_h + footer_h) as u32;

    let mut svg = String::new();
    let mut points = Vec::new();
    let mut layer = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        // Drawing into a String cannot fail; errors would only come from the backend's I/O.
        let _ = draw(&root, model, &title, &subtitle, &legend, &footer, header_h, plot_h, &mut points, &mut layer);
        let _ = root.present();
    }
    // Lines, markers and legend keys go on top of what plotters drew (nothing overlaps).
    if let Some(end) = svg.rfind("</svg>") {
        svg.insert_str(end, &layer);
    }
    Rendered { svg: finish_svg(svg, &model.title, &model.description), width, height, points }
}

/// Makes the SVG self-describing: adds `<title>` and `<desc>` (for standalone use such as
/// downloads) and a class; CSS scales it to its container through the viewBox.
pub(crate) fn finish_svg(svg: String, title: &str, description: &str) -> String {
    let Some(end) = svg.find('>') else { return svg };
    let open = &svg[..end];
    let rest = &svg[end + 1..];
    let mut attrs = String::new();
    for part in open.trim_start_matches("<svg").split("\" ") {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        attrs.push(' ');
        attrs.push_str(part.trim_end_matches('"'));
        attrs.push('"');
    }
    format!(
        "<svg{attrs} class=\"chart-svg\" focusable=\"false\" font-family=\"{}\">\n<title>{}</title>\n<desc>{}</desc>{}",
        escape_xml(FONT),
        escape_xml(title),
        escape_xml(description),
        rest
    )
}

/// Legend entries laid out in rows: (series index, or `None` for a name's continuation
/// line, text, x offset) per entry. A name too long for the width wraps under itself.
fn legend_rows(model: &LineModel, max_width: f64) -> Vec<Vec<(Option<usize>, String, i32)>> {
    let mut rows: Vec<Vec<(Option<usize>, String, i32)>> = vec![Vec::new()];
    let mut x = 0.0;
    for (i, s) in model.series.iter().enumerate() {
        let item_w = 34.0 + estimate_width(&s.name, LABEL_SIZE) + 18.0;
        if x > 0.0 && x + item_w - 18.0 > max_width {
            rows.push(Vec::new());
            x = 0.0;
        }
        if item_w - 18.0 > max_width {
            let lines = wrap(&s.name, LABEL_SIZE, max_width - 34.0);
            for (k, l) in lines.iter().enumerate() {
                if k > 0 {
                    rows.push(Vec::new());
                }
                rows.last_mut().unwrap().push(((k == 0).then_some(i), l.clone(), 0));
            }
            rows.push(Vec::new());
            x = 0.0;
            continue;
        }
        rows.last_mut().unwrap().push((Some(i), s.name.clone(), x as i32));
        x += item_w;
    }
    rows.retain(|r| !r.is_empty());
    rows
}

fn marker_path(marker: Marker, size: i32) -> Vec<(i32, i32)> {
    match marker {
        Marker::Circle => Vec::new(),
        Marker::Square => vec![(-size, -size), (size, -size), (size, size), (-size, size)],
        Marker::Triangle => vec![(0, -size - 1), (size + 1, size), (-size - 1, size)],
        Marker::Diamond => vec![(0, -size - 2), (size + 1, 0), (0, size + 2), (-size - 1, 0)],
    }
}

pub(crate) fn draw_marker<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, at: (i32, i32), style: &SeriesStyle) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let colour = rgb(style.colour);
    let size = 5;
    let fill = if style.filled { colour.filled() } else { WHITE.filled() };
    let stroke = colour.stroke_width(2);
    match style.marker {
        Marker::Circle => {
            area.draw(&Circle::new(at, size, fill))?;
            area.draw(&Circle::new(at, size, stroke))?;
        }
        m => {
            let path: Vec<(i32, i32)> = marker_path(m, size - 1).into_iter().map(|(dx, dy)| (at.0 + dx, at.1 + dy)).collect();
            area.draw(&Polygon::new(path.clone(), fill))?;
            let mut closed = path.clone();
            closed.push(path[0]);
            area.draw(&PathElement::new(closed, stroke))?;
        }
    }
    Ok(())
}

/// A series' line through `points` as one SVG element, dashed with `stroke-dasharray`.
/// Written directly rather than through plotters, which draws every dash as a path of its
/// own: a 12-series chart came to 1,188 paths (149 KB), and replacing that SVG was most of
/// the time of a redraw after a comparator toggle (docs/performance.md).
pub(crate) fn line_svg(out: &mut String, points: &[(i32, i32)], style: &SeriesStyle) {
    use std::fmt::Write as _;
    if points.len() < 2 {
        return;
    }
    let _ = write!(out, "<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"", palette::hex(style.colour), style.width);
    if let Some((dash, gap)) = style.dash {
        let _ = write!(out, " stroke-dasharray=\"{dash} {gap}\"");
    }
    out.push_str(" points=\"");
    for (i, (x, y)) in points.iter().enumerate() {
        let _ = write!(out, "{}{x},{y}", if i == 0 { "" } else { " " });
    }
    out.push_str("\"/>\n");
}

/// A data-point marker as one SVG element (fill and outline together).
pub(crate) fn marker_svg(out: &mut String, at: (i32, i32), style: &SeriesStyle) {
    use std::fmt::Write as _;
    let colour = palette::hex(style.colour);
    let fill = if style.filled { colour.clone() } else { palette::hex(palette::BACKGROUND) };
    let size = 5;
    match style.marker {
        Marker::Circle => {
            let _ = writeln!(out, "<circle cx=\"{}\" cy=\"{}\" r=\"{size}\" fill=\"{fill}\" stroke=\"{colour}\" stroke-width=\"2\"/>", at.0, at.1);
        }
        m => {
            let corners: Vec<String> = marker_path(m, size - 1).into_iter().map(|(dx, dy)| format!("{},{}", at.0 + dx, at.1 + dy)).collect();
            let _ = writeln!(out, "<polygon points=\"{}\" fill=\"{fill}\" stroke=\"{colour}\" stroke-width=\"2\"/>", corners.join(" "));
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    model: &LineModel,
    title: &[String],
    subtitle: &[String],
    legend: &[Vec<(Option<usize>, String, i32)>],
    footer: &[String],
    header_h: i32,
    plot_h: i32,
    points: &mut Vec<(usize, usize, i32, i32)>,
    layer: &mut String,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&rgb(palette::BACKGROUND))?;
    let (w, _) = root.dim_in_pixel();
    let w = w as i32;
    let mut y = if title.is_empty() { 8 } else { PAD };
    for line in title {
        root.draw(&Text::new(line.clone(), (PAD, y), font(TITLE_SIZE).style(FontStyle::Bold).color(&rgb(palette::TEXT)).pos(Pos::new(HPos::Left, VPos::Top))))?;
        y += line_height(TITLE_SIZE);
    }
    if !title.is_empty() {
        y += 4;
        for line in subtitle {
            root.draw(&Text::new(line.clone(), (PAD, y), text_style(SUBTITLE_SIZE, palette::SECONDARY_TEXT, HPos::Left, VPos::Top)))?;
            y += line_height(SUBTITLE_SIZE);
        }
        y += 10;
    }
    layer.push_str("<g class=\"legend\">\n");
    for row in legend {
        for (i, name, x) in row {
            let cy = y + line_height(LABEL_SIZE) / 2;
            let x0 = PAD + x;
            if let Some(i) = i {
                let style = palette::style(model.series[*i].style);
                line_svg(layer, &[(x0, cy), (x0 + 28, cy)], &style);
                marker_svg(layer, (x0 + 14, cy), &style);
            }
            root.draw(&Text::new(name.clone(), (x0 + 34, cy), text_style(LABEL_SIZE, palette::TEXT, HPos::Left, VPos::Center)))?;
        }
        y += line_height(LABEL_SIZE);
    }
    layer.push_str("</g>\n");

    // Scales.
    let values: Vec<f64> = model.series.iter().flat_map(|s| s.points.iter().flatten().filter_map(|p| p.value.number())).collect();
    let max = values.iter().cloned().fold(0.0, f64::max);
    let min = values.iter().cloned().fold(0.0, f64::min);
    let ticks = nice_ticks(min, max, 5);
    let tick_dp = tick_decimals(&ticks).max(0);
    let (y_min, y_max) = (ticks[0], *ticks.last().unwrap());
    let tick_labels: Vec<String> = ticks.iter().map(|t| format::with_unit(*t, tick_dp, &model.unit)).collect();
    let y_label_w = tick_labels.iter().map(|t| estimate_width(t, SMALL_SIZE)).fold(0.0, f64::max).ceil() as i32;
    let plot_left = PAD + line_height(LABEL_SIZE) + 6 + y_label_w + 8;
    let plot_right = w - PAD - 8;
    let plot_top = header_h + 8;
    let plot_bottom = header_h + plot_h;
    // Time: x is proportional to the date each period is drawn at (when it was counted,
    // or the last day of the period), inset so the first and last markers sit inside.
    let dates = model.slot_days();
    let inset = 14.0;
    let (d_min, d_max) = (dates.iter().copied().min().unwrap_or(0), dates.iter().copied().max().unwrap_or(0));
    let plot_w = (plot_right - plot_left) as f64;
    let x_of = |i: usize| -> i32 {
        if d_max == d_min {
            return plot_left + (plot_w / 2.0).round() as i32;
        }
        plot_left + (inset + (dates[i] - d_min) as f64 / (d_max - d_min) as f64 * (plot_w - 2.0 * inset)).round() as i32
    };
    let y_of = |v: f64| plot_bottom - (((v - y_min) / (y_max - y_min)) * (plot_bottom - plot_top) as f64).round() as i32;

    // Grid and y axis labels.
    for (t, label) in ticks.iter().zip(&tick_labels) {
        let gy = y_of(*t);
        let colour = if *t == 0.0 { palette::AXIS } else { palette::GRID };
        root.draw(&PathElement::new(vec![(plot_left, gy), (plot_right, gy)], rgb(colour).stroke_width(1)))?;
        root.draw(&Text::new(label.clone(), (plot_left - 8, gy), text_style(SMALL_SIZE, palette::SECONDARY_TEXT, HPos::Right, VPos::Center)))?;
    }
    // Y axis title, rotated, centred on the plot.
    let y_title = Text::new(
        model.y_label.clone(),
        (PAD, (plot_top + plot_bottom) / 2),
        font(LABEL_SIZE).transform(FontTransform::Rotate270).color(&rgb(palette::TEXT)).pos(Pos::new(HPos::Center, VPos::Top)),
    );
    root.draw(&y_title)?;

    // X axis labels at their dates: the latest first, then each earlier one that leaves
    // 10 px to its neighbours and stays inside the chart.
    let mut kept: Vec<(f64, f64, usize)> = Vec::new();
    let mut order: Vec<usize> = (0..model.periods.len()).rev().collect();
    if let Some(first) = order.pop() {
        order.insert(1.min(order.len()), first);
    }
    for i in order {
        let label = model.periods[i].label();
        let half = estimate_width(&label, SMALL_SIZE) / 2.0;
        // Never left of the plot, where the vertical axis labels are.
        let centre = (x_of(i) as f64).clamp((plot_left - 4) as f64 + half, w as f64 - 2.0 - half);
        let (a, b) = (centre - half, centre + half);
        if kept.iter().all(|&(ka, kb, _)| b + 10.0 <= ka || a >= kb + 10.0) {
            kept.push((a, b, i));
        }
    }
    kept.sort_by_key(|k| k.2);
    for &(a, b, i) in &kept {
        root.draw(&PathElement::new(vec![(x_of(i), plot_bottom), (x_of(i), plot_bottom + 5)], rgb(palette::AXIS).stroke_width(1)))?;
        root.draw(&Text::new(model.periods[i].label(), (((a + b) / 2.0).round() as i32, plot_bottom + 11), text_style(SMALL_SIZE, palette::SECONDARY_TEXT, HPos::Center, VPos::Top)))?;
    }
    // The axis title, shortened when the plot is too narrow for it.
    let plot_span = (plot_right - plot_left) as f64;
    let x_title = [model.x_label.clone(), model.x_label.replace(" (April to March)", ""), "Period".to_string()]
        .into_iter()
        .find(|t| estimate_width(t, LABEL_SIZE) <= plot_span)
        .unwrap_or_default();
    root.draw(&Text::new(
        x_title,
        ((plot_left + plot_right) / 2, plot_bottom + 11 + line_height(SMALL_SIZE) + 2),
        text_style(LABEL_SIZE, palette::TEXT, HPos::Center, VPos::Top),
    ))?;

    // Series: comparators first, the chosen area on top. Lines break at gaps.
    layer.push_str("<g class=\"series\">\n");
    let mut order: Vec<usize> = (0..model.series.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(model.series[i].style));
    for si in order {
        let s = &model.series[si];
        let style = palette::style(s.style);
        // Unbroken runs of values, each one line; a gap (no value) breaks the line.
        let mut run: Vec<(i32, i32)> = Vec::new();
        let mut last: Option<usize> = None;
        for i in 0..model.periods.len() {
            match s.value_at(i) {
                Some(v) => {
                    // A line joins only what may be joined (continuity::joinable).
                    if let Some(j) = last {
                        if s.joinable(j, i).is_err() {
                            line_svg(layer, &run, &style);
                            run.clear();
                        }
                    }
                    run.push((x_of(i), y_of(v)));
                    last = Some(i);
                }
                None => {
                    // A symbol (suppressed, not available…) is a gap with a visible mark.
                    if let Some(sym) = s.points[i].first().and_then(|p| match p.value {
                        crate::core::cell::Cell::Symbol(sym) => Some(sym),
                        _ => None,
                    }) {
                        // Stacked when several places have a symbol for one period.
                        let below = (0..si).filter(|&o| model.series[o].value_at(i).is_none() && model.series[o].points[i].first().is_some_and(|p| matches!(p.value, crate::core::cell::Cell::Symbol(_)))).count() as i32;
                        let at = (x_of(i), plot_bottom - 10 - 16 * below);
                        root.draw(&Text::new(sym.code().to_string(), at, text_style(SMALL_SIZE, style.colour, HPos::Center, VPos::Center)))?;
                    }
                    line_svg(layer, &run, &style);
                    run.clear();
                    last = None;
                }
            }
        }
        line_svg(layer, &run, &style);
        for i in 0..model.periods.len() {
            // The drawn figure only: where sources differ, the other figures are in the
            // table, the tooltip and the notes (an unlabelled second dot would be a mark
            // with no legend entry and no focus).
            if let Some(v) = s.value_at(i) {
                let at = (x_of(i), y_of(v));
                marker_svg(layer, at, &style);
                points.push((si, i, at.0, at.1));
            }
        }
    }

    layer.push_str("</g>\n");

    // Footer: source and notes.
    let mut fy = plot_bottom + 2 * line_height(SMALL_SIZE) + 9 + 8 + 4;
    for line in footer {
        root.draw(&Text::new(line.clone(), (PAD, fy), text_style(SMALL_SIZE, palette::SECONDARY_TEXT, HPos::Left, VPos::Top)))?;
        fy += line_height(SMALL_SIZE);
    }
    Ok(())
}
