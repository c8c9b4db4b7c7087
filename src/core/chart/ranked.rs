//! Latest-year comparisons drawn as SVG: an authority and its neighbours as sorted
//! horizontal bars, or every authority as a sorted row of columns with the chosen one
//! picked out and labelled. England's figure is a dashed reference line in both.
//!
//! The chosen place is told apart by its label (bold, named beside its bar or column),
//! never by colour alone; places without a figure are listed with the reason.

use std::fmt::Write;

use super::line::{finish_svg, Rendered};
use super::palette::{hex, AXIS, GRID, SECONDARY_TEXT, TEXT};
use super::scale::{nice_ticks, tick_decimals};
use super::text::{escape_xml, estimate_width, wrap};
use crate::core::compare::{Comparison, Entry};
use crate::core::format;

const PAD: f64 = 8.0;
const LABEL: f64 = 13.0;
const SMALL: f64 = 12.0;
const CHOSEN: (u8, u8, u8) = (0x12, 0x43, 0x6D);
const OTHER: (u8, u8, u8) = (0x6F, 0x77, 0x7B);
/// Up to this many places are drawn as bars; more as columns.
pub const BAR_LIMIT: usize = 24;

/// Renders `c` at `width` px (at least 300).
pub fn render(c: &Comparison, width: u32) -> Rendered {
    let width = width.max(300);
    let svg = if c.placed.len() + c.unplaced.len() <= BAR_LIMIT { bars(c, width as f64) } else { columns(c, width as f64) };
    let height = svg.1.ceil() as u32;
    let body = format!("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">{}</svg>", svg.0);
    Rendered { svg: finish_svg(body, &c.title, &c.description), width, height, points: Vec::new() }
}

fn text(out: &mut String, x: f64, y: f64, size: f64, anchor: &str, bold: bool, colour: (u8, u8, u8), s: &str) {
    let weight = if bold { " font-weight=\"bold\"" } else { "" };
    let _ = write!(out, "<text x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"{size}\" text-anchor=\"{anchor}\" dominant-baseline=\"middle\" fill=\"{}\"{weight}>{}</text>", hex(colour), escape_xml(s));
}

fn label_of(e: &Entry) -> String {
    let mut s = match e.position {
        Some(p) => format!("{p}. {}", e.name),
        None => e.name.clone(),
    };
    if e.chosen {
        s.push_str(" (chosen)");
    } else if !e.closeness.is_empty() {
        s.push_str(&format!(" ({})", e.closeness.trim().to_lowercase()));
    }
    s
}

/// Value range and ticks covering the placed values, England and zero.
fn tick_text(c: &Comparison, t: f64, d: u8) -> String {
    if c.unit == "%" { format!("{}%", format::number(t, d)) } else { format::number(t, d) }
}

fn ticks(c: &Comparison, target: usize) -> (Vec<f64>, u8) {
    let mut values: Vec<f64> = c.placed.iter().filter_map(|e| e.value.number()).collect();
    values.extend(c.england.as_ref().and_then(|e| e.value.number()));
    let (lo, hi) = values.iter().fold((0.0f64, f64::NEG_INFINITY), |(a, b), v| (a.min(*v), b.max(*v)));
    let hi = if hi <= lo { lo + 1.0 } else { hi };
    let t = nice_ticks(lo, hi, target);
    let d = tick_decimals(&t);
    (t, d)
}

fn bars(c: &Comparison, w: f64) -> (String, f64) {
    let mut out = String::new();
    let entries: Vec<&Entry> = c.placed.iter().chain(&c.unplaced).collect();
    let value_w = entries.iter().map(|e| estimate_width(&e.text, SMALL)).fold(0.0, f64::max).min(w * 0.4) + 10.0;
    // Wide: labels to the left of the bars; narrow: each label on its own line above its bar.
    let side = w >= 560.0;
    let label_w = if side { entries.iter().map(|e| estimate_width(&label_of(e), LABEL)).fold(0.0, f64::max).min(w * 0.4) + 10.0 } else { 0.0 };
    let (ticks, d) = ticks(c, if w < 500.0 { 4 } else { 6 });
    // The first tick's label is centred on the axis: room for its left half.
    let first_half = ticks.first().map_or(0.0, |t| estimate_width(&tick_text(c, *t, d), SMALL) / 2.0 + 2.0);
    let plot_left = (PAD + label_w).max(PAD + first_half);
    let plot_right = w - PAD - value_w;
    let (lo, hi) = (ticks[0], *ticks.last().unwrap_or(&1.0));
    let x = |v: f64| plot_left + (plot_right - plot_left) * (v - lo) / (hi - lo);
    let mut y = PAD + 18.0;
    // England's label sits above the rows.
    let top = y;
    if let Some(e) = &c.england {
        let ex = x(e.value.number().unwrap_or(0.0));
        let label = format!("England {}", e.text);
        let anchor = if ex + estimate_width(&label, SMALL) / 2.0 > w - PAD { "end" } else if ex - estimate_width(&label, SMALL) / 2.0 < PAD { "start" } else { "middle" };
        text(&mut out, ex, PAD + 6.0, SMALL, anchor, false, SECONDARY_TEXT, &label);
    }
    for e in &entries {
        let lines: Vec<String> = if side { wrap(&label_of(e), LABEL, label_w - 10.0) } else { wrap(&label_of(e), LABEL, w - 2.0 * PAD) };
        let colour = if e.chosen { CHOSEN } else { OTHER };
        if side {
            let h = (lines.len() as f64 * 16.0).max(22.0) + 6.0;
            for (i, l) in lines.iter().enumerate() {
                text(&mut out, plot_left - 10.0, y + h / 2.0 + (i as f64 - (lines.len() as f64 - 1.0) / 2.0) * 16.0, LABEL, "end", e.chosen, TEXT, l);
            }
            bar(&mut out, c, e, y + 3.0, h - 6.0, &x, lo, colour);
            y += h;
        } else {
            for l in &lines {
                text(&mut out, PAD, y + 8.0, LABEL, "start", e.chosen, TEXT, l);
                y += 16.0;
            }
            bar(&mut out, c, e, y + 2.0, 16.0, &x, lo, colour);
            y += 24.0;
        }
    }
    let bottom = y;
    // Grid and axis under the bars' values.
    let mut grid = String::new();
    for t in &ticks {
        let gx = x(*t);
        let _ = write!(grid, "<line x1=\"{gx:.1}\" y1=\"{top:.1}\" x2=\"{gx:.1}\" y2=\"{bottom:.1}\" stroke=\"{}\" stroke-width=\"1\"/>", hex(GRID));
        text(&mut grid, gx, bottom + 10.0, SMALL, "middle", false, SECONDARY_TEXT, &tick_text(c, *t, d));
    }
    let _ = write!(grid, "<line x1=\"{:.1}\" y1=\"{top:.1}\" x2=\"{:.1}\" y2=\"{bottom:.1}\" stroke=\"{}\" stroke-width=\"1\"/>", x(lo.max(0.0).min(hi)), x(lo.max(0.0).min(hi)), hex(AXIS));
    if let Some(e) = &c.england {
        let ex = x(e.value.number().unwrap_or(0.0));
        let _ = write!(out, "<line x1=\"{ex:.1}\" y1=\"{:.1}\" x2=\"{ex:.1}\" y2=\"{bottom:.1}\" stroke=\"{}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>", PAD + 13.0, hex(TEXT));
    }
    (grid + &out, bottom + 22.0)
}

fn bar(out: &mut String, c: &Comparison, e: &Entry, y: f64, h: f64, x: &dyn Fn(f64) -> f64, lo: f64, colour: (u8, u8, u8)) {
    let _ = c;
    match e.value.number() {
        Some(v) => {
            let zero = x(lo.max(0.0));
            let (a, b) = if x(v) >= zero { (zero, x(v)) } else { (x(v), zero) };
            let _ = write!(out, "<rect x=\"{a:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{h:.1}\" fill=\"{}\"/>", (b - a).max(1.0), hex(colour));
            text(out, b + 6.0, y + h / 2.0, SMALL, "start", e.chosen, TEXT, &e.text);
        }
        None => {
            let zero = x(lo.max(0.0));
            let _ = write!(out, "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{SMALL}\" font-style=\"italic\" dominant-baseline=\"middle\" fill=\"{}\">{}</text>", zero + 4.0, y + h / 2.0, hex(SECONDARY_TEXT), escape_xml(&e.text));
        }
    }
}

fn columns(c: &Comparison, w: f64) -> (String, f64) {
    let mut out = String::new();
    let (ticks, d) = ticks(c, 5);
    let (lo, hi) = (ticks[0], *ticks.last().unwrap_or(&1.0));
    let axis_w = ticks.iter().map(|t| estimate_width(&tick_text(c, *t, d), SMALL)).fold(0.0, f64::max) + 10.0;
    let (left, right) = (PAD + axis_w, w - PAD);
    let label_h = 40.0;
    let (top, bottom) = (PAD + label_h, PAD + label_h + 220.0);
    let y = |v: f64| bottom - (bottom - top) * (v - lo) / (hi - lo);
    for t in &ticks {
        let gy = y(*t);
        let _ = write!(out, "<line x1=\"{left:.1}\" y1=\"{gy:.1}\" x2=\"{right:.1}\" y2=\"{gy:.1}\" stroke=\"{}\" stroke-width=\"1\"/>", hex(GRID));
        text(&mut out, left - 6.0, gy, SMALL, "end", false, SECONDARY_TEXT, &tick_text(c, *t, d));
    }
    let n = c.placed.len().max(1) as f64;
    let step = (right - left) / n;
    let mut chosen_at: Option<(f64, f64, &Entry)> = None;
    for (i, e) in c.placed.iter().enumerate() {
        let v = e.value.number().unwrap_or(0.0);
        let x0 = left + step * i as f64;
        let (a, b) = (y(v.max(lo.max(0.0))), y(lo.max(0.0)));
        let (y0, y1) = if v >= lo.max(0.0) { (a, b) } else { (b, y(v)) };
        if e.chosen {
            chosen_at = Some((x0 + step / 2.0, y0, e));
            continue;
        }
        let _ = write!(out, "<rect x=\"{x0:.2}\" y=\"{y0:.1}\" width=\"{:.2}\" height=\"{:.1}\" fill=\"{}\"/>", (step - 0.6).max(0.6), (y1 - y0).max(0.5), hex(OTHER));
    }
    if let Some(e) = &c.england {
        let ey = y(e.value.number().unwrap_or(0.0));
        let _ = write!(out, "<line x1=\"{left:.1}\" y1=\"{ey:.1}\" x2=\"{right:.1}\" y2=\"{ey:.1}\" stroke=\"{}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>", hex(TEXT));
        let label = format!("England {}", e.text);
        let _ = write!(out, "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"16\" fill=\"#ffffff\" opacity=\"0.85\"/>", right - estimate_width(&label, SMALL) - 6.0, ey - 20.0, estimate_width(&label, SMALL) + 6.0);
        text(&mut out, right - 3.0, ey - 12.0, SMALL, "end", false, TEXT, &label);
    }
    if let Some((cx, cy, e)) = chosen_at {
        let (x0, wbar) = (cx - (step / 2.0).max(1.5), step.max(3.0));
        let _ = write!(out, "<rect x=\"{x0:.2}\" y=\"{cy:.1}\" width=\"{wbar:.2}\" height=\"{:.1}\" fill=\"{}\"/>", (y(lo.max(0.0)) - cy).max(0.5), hex(CHOSEN));
        let label = match e.position {
            Some(p) => format!("{}: {} ({p} of {})", e.name, e.text, c.placed.len()),
            None => format!("{}: {}", e.name, e.text),
        };
        let lw = estimate_width(&label, LABEL) * 1.08;
        let (anchor, lx) = if cx + lw / 2.0 > right { ("end", right) } else if cx - lw / 2.0 < left { ("start", left) } else { ("middle", cx) };
        text(&mut out, lx, PAD + 10.0, LABEL, anchor, true, TEXT, &label);
        let _ = write!(out, "<line x1=\"{cx:.1}\" y1=\"{:.1}\" x2=\"{cx:.1}\" y2=\"{:.1}\" stroke=\"{}\" stroke-width=\"1.5\"/>", PAD + 20.0, (cy - 3.0).max(PAD + 21.0), hex(CHOSEN));
    }
    let _ = write!(out, "<line x1=\"{left:.1}\" y1=\"{:.1}\" x2=\"{right:.1}\" y2=\"{:.1}\" stroke=\"{}\" stroke-width=\"1\"/>", y(lo.max(0.0)), y(lo.max(0.0)), hex(AXIS));
    let note = format!("{} authorities, {}", c.placed.len(), c.order.trim_end_matches('.').to_lowercase());
    for (i, l) in wrap(&note, SMALL, right - left).iter().enumerate() {
        text(&mut out, left, bottom + 12.0 + i as f64 * 15.0, SMALL, "start", false, SECONDARY_TEXT, l);
    }
    let lines = wrap(&note, SMALL, right - left).len() as f64;
    (out, bottom + 12.0 + lines * 15.0 + 6.0)
}
