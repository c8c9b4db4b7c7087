//! The honest-chart checker: draws a chart the way the site does and reads back what was
//! drawn, failing on what would mislead a reader or hide text from them.
//!
//! It reads the SVG itself (text boxes, lines, markers, legend keys), not the renderer's
//! intentions, and the model for what the marks mean. Text is measured with the font's
//! own advance widths ([`super::text::measure`]) and Chromium's box for a line of text
//! (ascent 0.905 em above the baseline, descent 0.212 em below, Liberation Sans/Arial);
//! tests/e2e/text-metrics.test.mjs compares these boxes with Chromium's `getBBox`.
//!
//! Rules ([`Rule`]): a line across a missing period, across figures of different kinds or
//! definitions; x not proportional to time; one date twice; a total beside its own parts;
//! two series with one legend style; a comparator from another body or period not named
//! as such; text outside the chart or overlapping other text; a "sources differ" note on
//! values equal at the precision published; a drawn mark with no legend entry, tooltip or
//! focus.

use super::continuity::{self, day_number};
use super::model::{Chart, Drawn, MultiplesModel};
use super::text::measure;
use super::LineModel;

/// What the checker fails a chart on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    LineAcrossGap,
    LineAcrossUnlikePeriods,
    LineAcrossDefinitions,
    TimeNotProportional,
    DateTwice,
    TotalBesideParts,
    SharedLegendStyle,
    ComparatorNotNamed,
    TextOutside,
    TextOverlap,
    FalseDisagreement,
    MarkUnexplained,
    AxisLabelsUneven,
}

impl Rule {
    pub const ALL: [Rule; 13] = [
        Rule::LineAcrossGap,
        Rule::LineAcrossUnlikePeriods,
        Rule::LineAcrossDefinitions,
        Rule::TimeNotProportional,
        Rule::DateTwice,
        Rule::TotalBesideParts,
        Rule::SharedLegendStyle,
        Rule::ComparatorNotNamed,
        Rule::TextOutside,
        Rule::TextOverlap,
        Rule::FalseDisagreement,
        Rule::MarkUnexplained,
        Rule::AxisLabelsUneven,
    ];
    pub fn describe(self) -> &'static str {
        match self {
            Rule::LineAcrossGap => "a line joins points across a missing period",
            Rule::LineAcrossUnlikePeriods => "a line joins figures of different kinds of period",
            Rule::LineAcrossDefinitions => "a line joins figures of different definitions",
            Rule::TimeNotProportional => "x positions not proportional to time",
            Rule::DateTwice => "one date drawn twice",
            Rule::TotalBesideParts => "a total drawn beside its own parts",
            Rule::SharedLegendStyle => "two series share one legend style",
            Rule::ComparatorNotNamed => "a comparator from another body or period not named as such",
            Rule::TextOutside => "text outside the chart",
            Rule::TextOverlap => "text overlapping other text",
            Rule::FalseDisagreement => "a 'sources differ' note on values equal at the published precision",
            Rule::MarkUnexplained => "a drawn mark with no legend entry, tooltip or focus",
            Rule::AxisLabelsUneven => "axis labels evenly spaced on the page but not in value",
        }
    }
}

/// One thing wrong with one chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Defect {
    pub rule: Rule,
    pub detail: String,
}

impl std::fmt::Display for Defect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.rule.describe(), self.detail)
    }
}

/// Checks `chart` drawn at `width` as the page shows it and as the download is (with
/// title, source and notes).
pub fn audit(chart: &Chart, width: u32) -> Vec<Defect> {
    let mut out = audit_model(chart);
    for full in [false, true] {
        let drawn = chart.draw(width, full);
        out.extend(audit_drawn(chart, &drawn));
    }
    out.sort_by(|a, b| (a.rule, &a.detail).cmp(&(b.rule, &b.detail)));
    out.dedup();
    out
}

// ---------------------------------------------------------------------------
// Reading the SVG
// ---------------------------------------------------------------------------

/// A line of text as the browser will lay it out, in the outer SVG's pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct TextBox {
    pub text: String,
    /// Font size in px, whether bold, and whether rotated (a vertical axis title).
    pub size: f64,
    pub bold: bool,
    pub rotated: bool,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    /// The viewport it is clipped to (the innermost `<svg>`).
    pub clip: (f64, f64, f64, f64),
}

/// A polyline or marker drawn in a `series` or `legend` group.
#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    pub legend: bool,
    /// `polyline`, `circle` or `polygon` (with its corner count: `polygon3`, `polygon4`).
    pub kind: String,
    pub stroke: String,
    pub fill: String,
    pub dash: String,
    /// Vertices (polyline), or the centre (marker).
    pub points: Vec<(f64, f64)>,
}

/// Everything the checker reads from an SVG.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    pub texts: Vec<TextBox>,
    pub shapes: Vec<Shape>,
    pub width: f64,
    pub height: f64,
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    loop {
        let i = rest.find(name)?;
        let before = rest[..i].chars().last();
        let after = &rest[i + name.len()..];
        if before.is_some_and(|c| c.is_whitespace()) && after.starts_with("=\"") {
            let v = &after[2..];
            return v.find('"').map(|e| &v[..e]);
        }
        rest = &rest[i + name.len()..];
    }
}

fn num(tag: &str, name: &str) -> f64 {
    attr(tag, name).and_then(|v| v.trim().parse().ok()).unwrap_or(0.0)
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&#39;", "'").replace("&amp;", "&")
}

fn points_of(s: &str) -> Vec<(f64, f64)> {
    s.split_whitespace()
        .filter_map(|p| {
            let (x, y) = p.split_once(',')?;
            Some((x.parse().ok()?, y.parse().ok()?))
        })
        .collect()
}

/// Reads the text boxes and the series and legend shapes of an SVG we drew.
pub fn read_svg(svg: &str) -> Scene {
    let mut scene = Scene::default();
    // (dx, dy, width, height) of each open <svg>, in outer pixels.
    let mut viewports: Vec<(f64, f64, f64, f64)> = Vec::new();
    // Class of each open <g>.
    let mut groups: Vec<String> = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find('<') {
        rest = &rest[start..];
        let Some(end) = rest.find('>') else { break };
        let tag = &rest[..=end];
        let after = &rest[end + 1..];
        let name: String = tag[1..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '/').collect();
        let (ox, oy) = viewports.last().map_or((0.0, 0.0), |v| (v.0, v.1));
        match name.as_str() {
            "svg" => {
                let (w, h) = (num(tag, "width"), num(tag, "height"));
                if viewports.is_empty() {
                    scene.width = w;
                    scene.height = h;
                    viewports.push((0.0, 0.0, w, h));
                } else {
                    viewports.push((ox + num(tag, "x"), oy + num(tag, "y"), w, h));
                }
            }
            "/svg" => {
                viewports.pop();
            }
            "g" if !tag.ends_with("/>") => groups.push(attr(tag, "class").unwrap_or("").to_string()),
            "/g" => {
                groups.pop();
            }
            "text" => {
                let content_end = after.find("</text>").unwrap_or(0);
                let text = unescape(after[..content_end].trim());
                if !text.trim().is_empty() {
                    let size = num(tag, "font-size");
                    let bold = attr(tag, "font-weight") == Some("bold");
                    let (x, y) = (num(tag, "x"), num(tag, "y"));
                    let baseline = match attr(tag, "dy") {
                        Some("0.76em") => y + 0.76 * size,
                        Some("0.5ex") => y + 0.264 * size,
                        Some(other) => y + other.trim_end_matches("px").parse::<f64>().unwrap_or(0.0),
                        None if attr(tag, "dominant-baseline") == Some("middle") => y + 0.264 * size,
                        None => y,
                    };
                    let w = measure(&text, size, bold);
                    let x0 = match attr(tag, "text-anchor") {
                        Some("middle") => x - w / 2.0,
                        Some("end") => x - w,
                        _ => x,
                    };
                    let rotated = attr(tag, "transform").is_some();
                    let (mut bx0, mut by0, mut bx1, mut by1) = (x0, baseline - 0.905 * size, x0 + w, baseline + 0.212 * size);
                    if let Some(t) = attr(tag, "transform").and_then(|t| t.strip_prefix("rotate(")) {
                        let parts: Vec<f64> = t.trim_end_matches(')').split(',').filter_map(|p| p.trim().parse().ok()).collect();
                        if let [angle, cx, cy] = parts[..] {
                            let (s, c) = angle.to_radians().sin_cos();
                            let corners = [(bx0, by0), (bx1, by0), (bx0, by1), (bx1, by1)].map(|(px, py)| (cx + (px - cx) * c - (py - cy) * s, cy + (px - cx) * s + (py - cy) * c));
                            bx0 = corners.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
                            bx1 = corners.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
                            by0 = corners.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
                            by1 = corners.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
                        }
                    }
                    let clip = viewports.last().map_or((0.0, 0.0, 0.0, 0.0), |v| (v.0, v.1, v.0 + v.2, v.1 + v.3));
                    scene.texts.push(TextBox { text, size, bold, rotated, x0: bx0 + ox, y0: by0 + oy, x1: bx1 + ox, y1: by1 + oy, clip });
                }
            }
            "polyline" | "circle" | "polygon" => {
                let group = groups.iter().rev().find(|g| g.as_str() == "series" || g.as_str() == "legend");
                if let Some(g) = group {
                    let stroke = attr(tag, "stroke").unwrap_or("").to_ascii_lowercase();
                    let fill = attr(tag, "fill").unwrap_or("").to_ascii_lowercase();
                    let dash = attr(tag, "stroke-dasharray").unwrap_or("").to_string();
                    let (kind, points) = match name.as_str() {
                        "circle" => ("circle".to_string(), vec![(num(tag, "cx") + ox, num(tag, "cy") + oy)]),
                        "polygon" => {
                            let pts = points_of(attr(tag, "points").unwrap_or(""));
                            let (x0, x1) = pts.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| (a.min(p.0), b.max(p.0)));
                            let (y0, y1) = pts.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| (a.min(p.1), b.max(p.1)));
                            (format!("polygon{}", pts.len()), vec![((x0 + x1) / 2.0 + ox, (y0 + y1) / 2.0 + oy)])
                        }
                        _ => ("polyline".to_string(), points_of(attr(tag, "points").unwrap_or("")).into_iter().map(|(x, y)| (x + ox, y + oy)).collect()),
                    };
                    scene.shapes.push(Shape { legend: g == "legend", kind, stroke, fill, dash, points });
                }
            }
            _ => {}
        }
        rest = after;
    }
    scene
}

// ---------------------------------------------------------------------------
// Rules on what was drawn
// ---------------------------------------------------------------------------

/// The trend models of a chart with the offset of their series numbers in its marks.
fn line_models(chart: &Chart) -> Vec<(usize, &LineModel)> {
    match chart {
        Chart::Line(m) => vec![(0, m)],
        Chart::Multiples(MultiplesModel { panels, .. }) => panels.iter().enumerate().map(|(i, (_, p))| (i * 100, p)).collect(),
        Chart::Bars(_) => Vec::new(),
    }
}

/// Checks a drawn chart: its text, its lines and its marks.
pub fn audit_drawn(chart: &Chart, drawn: &Drawn) -> Vec<Defect> {
    let scene = read_svg(&drawn.svg);
    let mut out = Vec::new();
    text_rules(&scene, &mut out);
    axis_rules(&scene, &mut out);
    let models = line_models(chart);
    let model_of = |s: usize| models.iter().rev().find(|(base, _)| s >= *base).map(|(base, m)| (s - base, *m));
    let mark_at = |x: f64, y: f64| drawn.marks.iter().find(|m| (m.x as f64 - x).abs() < 0.6 && (m.y as f64 - y).abs() < 0.6);
    // Lines: each segment joins two marks of one series; the points must be joinable.
    for shape in scene.shapes.iter().filter(|s| !s.legend && s.kind == "polyline") {
        for w in shape.points.windows(2) {
            let (Some(a), Some(b)) = (mark_at(w[0].0, w[0].1), mark_at(w[1].0, w[1].1)) else { continue };
            if a.series != b.series {
                continue;
            }
            let Some((s, m)) = model_of(a.series) else { continue };
            let (Some(pa), Some(pb)) = (m.series[s].points[a.slot].first(), m.series[s].points[b.slot].first()) else { continue };
            if let Err(e) = continuity::joinable(pa, pb) {
                let rule = match e {
                    continuity::Break::Gap { .. } => Rule::LineAcrossGap,
                    continuity::Break::Unlike { .. } => Rule::LineAcrossUnlikePeriods,
                    continuity::Break::Definition { .. } => Rule::LineAcrossDefinitions,
                };
                out.push(Defect { rule, detail: format!("{}: {} to {}: {}", m.series[s].name, pa.period.label(), pb.period.label(), e.reason()) });
            }
        }
    }
    // Time: within each trend, x is a linear function of the date drawn at.
    for (base, m) in &models {
        let mut xs: Vec<(i64, f64, String)> = Vec::new();
        for mk in drawn.marks.iter().filter(|mk| mk.series >= *base && mk.series < base + 100) {
            let s = mk.series - base;
            let Some(p) = m.series.get(s).and_then(|s| s.points.get(mk.slot)).and_then(|slot| slot.first()) else { continue };
            xs.push((day_number(continuity::date_of(p)), mk.x as f64, m.periods[mk.slot].label()));
        }
        xs.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        xs.dedup_by(|a, b| a.0 == b.0 && (a.1 - b.1).abs() < 0.6);
        if let (Some(first), Some(last)) = (xs.first(), xs.last()) {
            if last.0 > first.0 {
                let per_day = (last.1 - first.1) / (last.0 - first.0) as f64;
                for (d, x, label) in &xs {
                    let expected = first.1 + per_day * (*d - first.0) as f64;
                    if (x - expected).abs() > 1.5 {
                        out.push(Defect { rule: Rule::TimeNotProportional, detail: format!("{}: {label} drawn at x={x:.0}, its date puts it at {expected:.0}", m.title) });
                    }
                }
            }
        }
    }
    // Marks: every marker drawn is a focusable point with a tooltip, in the legend's style.
    let legend: Vec<&Shape> = scene.shapes.iter().filter(|s| s.legend).collect();
    let legend_markers: Vec<&&Shape> = legend.iter().filter(|s| s.kind != "polyline").collect();
    for shape in scene.shapes.iter().filter(|s| !s.legend && s.kind != "polyline") {
        let (x, y) = shape.points[0];
        let near = drawn.marks.iter().any(|m| (m.x as f64 - x).abs() <= 1.6 && (m.y as f64 - y).abs() <= 1.6);
        if !near {
            out.push(Defect { rule: Rule::MarkUnexplained, detail: format!("a {} marker at ({x:.0}, {y:.0}) has no tooltip or focus", shape.stroke) });
        }
        let in_legend = legend_markers.iter().any(|l| l.kind == shape.kind && l.stroke == shape.stroke && l.fill == shape.fill);
        if !in_legend && !legend.is_empty() {
            out.push(Defect { rule: Rule::MarkUnexplained, detail: format!("a {} {} marker has no legend entry", shape.stroke, shape.kind) });
        }
    }
    // Legend keys: each (line, marker) pair is one style; no two entries alike.
    let mut keys: Vec<String> = Vec::new();
    let lines: Vec<&&Shape> = legend.iter().filter(|s| s.kind == "polyline").collect();
    for (i, l) in lines.iter().enumerate() {
        let marker = legend_markers.get(i).map_or(String::new(), |m| format!("{} {}", m.kind, m.fill));
        let key = format!("{} {} {marker}", l.stroke, l.dash);
        if keys.contains(&key) {
            out.push(Defect { rule: Rule::SharedLegendStyle, detail: format!("two legend entries drawn as {key}") });
        }
        keys.push(key);
    }
    out
}

fn text_rules(scene: &Scene, out: &mut Vec<Defect>) {
    const SLACK: f64 = 0.5;
    for t in &scene.texts {
        let (cx0, cy0, cx1, cy1) = t.clip;
        if t.x0 < cx0 - SLACK || t.x1 > cx1 + SLACK || t.y0 < cy0 - SLACK || t.y1 > cy1 + SLACK {
            out.push(Defect {
                rule: Rule::TextOutside,
                detail: format!("\"{}\" spans x {:.0}..{:.0}, y {:.0}..{:.0} of a {:.0}×{:.0} area", t.text, t.x0 - cx0, t.x1 - cx0, t.y0 - cy0, t.y1 - cy0, cx1 - cx0, cy1 - cy0),
            });
        }
    }
    let mut order: Vec<&TextBox> = scene.texts.iter().collect();
    order.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    for (i, a) in order.iter().enumerate() {
        for b in &order[i + 1..] {
            if b.x0 >= a.x1 - 1.0 {
                break;
            }
            let w = a.x1.min(b.x1) - a.x0.max(b.x0);
            let h = a.y1.min(b.y1) - a.y0.max(b.y0);
            if w > 0.5 && h > 0.5 {
                out.push(Defect { rule: Rule::TextOverlap, detail: format!("\"{}\" overlaps \"{}\" by {w:.0}×{h:.0} px", a.text, b.text) });
            }
        }
    }
}

/// The number an axis label prints ("12%", "£1.5m", "50,000", "10 days"); `None` for
/// any other text.
fn tick_value(text: &str) -> Option<f64> {
    let t = text.trim().trim_start_matches('£');
    let t = ["%", "m", " pp", " days", " years", " months"].iter().find_map(|u| t.strip_suffix(u)).unwrap_or(t);
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '−')) {
        return None;
    }
    t.replace(',', "").replace('−', "-").parse().ok()
}

/// Labels that line up as an axis (the same right edge, or the same top, within one
/// viewport), at least three, evenly spaced on the page and ordered in value, must be
/// evenly spaced in value too: otherwise a label names a height its gridline is not at.
fn axis_rules(scene: &Scene, out: &mut Vec<Defect>) {
    let labels: Vec<(&TextBox, f64)> = scene.texts.iter().filter(|t| !t.rotated).filter_map(|t| Some((t, tick_value(&t.text)?))).collect();
    let clip_key = |t: &TextBox| format!("{:.0},{:.0},{:.0},{:.0}", t.clip.0, t.clip.1, t.clip.2, t.clip.3);
    for vertical in [true, false] {
        let mut groups: Vec<(String, Vec<(f64, f64, &str)>)> = Vec::new();
        for (t, v) in &labels {
            let key = format!("{} {:.0}", clip_key(t), if vertical { t.x1 } else { t.y0 });
            let at = if vertical { (t.y0 + t.y1) / 2.0 } else { (t.x0 + t.x1) / 2.0 };
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, g)) => g.push((at, *v, t.text.as_str())),
                None => groups.push((key, vec![(at, *v, t.text.as_str())])),
            }
        }
        for (_, mut g) in groups.into_iter().filter(|(_, g)| g.len() >= 3) {
            g.sort_by(|a, b| a.0.total_cmp(&b.0));
            let gaps: Vec<f64> = g.windows(2).map(|w| w[1].0 - w[0].0).collect();
            let (lo, hi) = gaps.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &d| (a.min(d), b.max(d)));
            let steps: Vec<f64> = g.windows(2).map(|w| w[1].1 - w[0].1).collect();
            let monotonic = steps.iter().all(|&d| d > 0.0) || steps.iter().all(|&d| d < 0.0);
            if lo < 4.0 || hi - lo > 1.5 || !monotonic {
                continue;
            }
            let (slo, shi) = steps.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &d| (a.min(d.abs()), b.max(d.abs())));
            if shi - slo > 1e-6 * shi.max(1.0) {
                let shown: Vec<&str> = g.iter().map(|x| x.2).collect();
                out.push(Defect { rule: Rule::AxisLabelsUneven, detail: format!("axis labels {} are evenly spaced but step by {slo} to {shi}", shown.join(", ")) });
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Rules on the model
// ---------------------------------------------------------------------------

/// The age (or other numeric) range a category names: "0-4", "10 to 15", "16+", "16 and
/// over", "under 1". `None` for other categories.
pub fn range_of(category: &str) -> Option<(f64, f64)> {
    let c = category.trim().to_ascii_lowercase();
    let c = c.trim_start_matches("aged ").trim_start_matches("age ").trim_end_matches(" years").trim_end_matches(" year");
    let n = |s: &str| s.trim().parse::<f64>().ok();
    if let Some(r) = c.strip_prefix("under ") {
        return n(r).map(|v| (0.0, v - 1.0));
    }
    for suffix in ["+", " and over", " or over", " and above"] {
        if let Some(r) = c.strip_suffix(suffix) {
            return n(r).map(|v| (v, f64::INFINITY));
        }
    }
    for sep in [" to ", "-", "–"] {
        if let Some((a, b)) = c.split_once(sep) {
            return Some((n(a)?, n(b)?));
        }
    }
    None
}

/// Values written in a note ("1,027", "87.0", "7%"), with their decimals.
fn values_in(text: &str) -> Vec<(f64, usize)> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .filter(|t| t.chars().any(|c| c.is_ascii_digit()))
        .filter_map(|t| {
            let t = t.trim_matches(|c| c == ',' || c == '.').replace(',', "");
            let decimals = t.split_once('.').map_or(0, |(_, d)| d.len());
            t.parse().ok().map(|v| (v, decimals))
        })
        .collect()
}

/// The values a disagreement note names: "…: the sources differ: 984 (doc); 982 (doc). …"
/// and "Sources disagree on the X for P, T: 1,027 (loc) and 1,027 (loc)."
fn disagreement_values(note: &str) -> Option<Vec<(f64, usize)>> {
    let list = if let Some((_, rest)) = note.split_once("the sources differ: ") {
        rest.split_once(". The chart").map_or(rest, |(a, _)| a).split("; ").map(|v| v.split(" (").next().unwrap_or("")).collect::<Vec<_>>()
    } else if note.starts_with("Sources disagree on") {
        let tail = note.splitn(2, ": ").nth(1)?;
        tail.split(") and ").map(|v| v.split(" (").next().unwrap_or("")).collect()
    } else {
        return None;
    };
    let values: Vec<(f64, usize)> = list.iter().filter_map(|v| values_in(v).first().copied()).collect();
    (values.len() >= 2).then_some(values)
}

/// Checks what the model says and draws, independent of width.
pub fn audit_model(chart: &Chart) -> Vec<Defect> {
    let mut out = Vec::new();
    // One date twice.
    for (_, m) in line_models(chart) {
        let mut seen: Vec<(i64, String)> = Vec::new();
        for (i, p) in m.periods.iter().enumerate() {
            let Some(pt) = m.series.iter().find_map(|s| s.points[i].first()) else { continue };
            let d = day_number(continuity::date_of(pt));
            let both_counts = m.series.iter().all(|s| s.points[i].iter().all(|q| q.snapshot.is_some()));
            if let Some((_, other)) = seen.iter().find(|(e, _)| *e == d) {
                if both_counts {
                    out.push(Defect { rule: Rule::DateTwice, detail: format!("{}: {other} and {} are both counts at {}", m.title, p.label(), continuity::date_of(pt).long()) });
                }
            }
            seen.push((d, p.label()));
        }
        // Comparators from another body.
        for s in m.series.iter().skip(1) {
            if s.code.starts_with("P-") && s.code != m.series[0].code && !s.name.contains("another body") {
                out.push(Defect { rule: Rule::ComparatorNotNamed, detail: format!("{}: {} is another body, not named as such", m.title, s.name) });
            }
        }
        for (i, s) in m.series.iter().enumerate() {
            if m.series[..i].iter().any(|o| o.style == s.style) {
                out.push(Defect { rule: Rule::SharedLegendStyle, detail: format!("{}: {} shares a style with another series", m.title, s.name) });
            }
        }
    }
    // Totals beside their parts.
    let categories: Vec<&str> = match chart {
        Chart::Bars(b) => b.categories.iter().map(String::as_str).collect(),
        Chart::Multiples(m) => m.panels.iter().map(|(c, _)| c.as_str()).collect(),
        Chart::Line(_) => Vec::new(),
    };
    let ranges: Vec<(&str, (f64, f64))> = categories.iter().filter_map(|c| range_of(c).map(|r| (*c, r))).collect();
    for (c, (a0, a1)) in &ranges {
        let parts: Vec<&str> = ranges.iter().filter(|(d, (b0, b1))| d != c && b0 >= a0 && b1 <= a1).map(|(d, _)| *d).collect();
        if !parts.is_empty() {
            out.push(Defect { rule: Rule::TotalBesideParts, detail: format!("{}: {c} is drawn beside {}, which it contains", chart.title(), parts.join(", ")) });
        }
    }
    if let Chart::Bars(b) = chart {
        for (i, s) in b.series.iter().enumerate() {
            if b.series[..i].iter().any(|o| o.style == s.style && (o.older && o.style == 0) == (s.older && s.style == 0)) {
                out.push(Defect { rule: Rule::SharedLegendStyle, detail: format!("{}: {} shares a style with another series", b.title, s.name) });
            }
            if s.period != b.period && !s.name.contains(&s.period.label()) {
                out.push(Defect { rule: Rule::ComparatorNotNamed, detail: format!("{}: {} is for {}, not {}", b.title, s.name, s.period.label(), b.period.label()) });
            }
            if i > 0 && s.code.starts_with("P-") && s.code != b.series[0].code && !s.name.contains("another body") {
                out.push(Defect { rule: Rule::ComparatorNotNamed, detail: format!("{}: {} is another body, not named as such", b.title, s.name) });
            }
        }
    }
    // "Sources differ" where the values agree at the precision published.
    for n in chart.notes() {
        if let Some(values) = disagreement_values(n) {
            let dp = values.iter().map(|v| v.1).min().unwrap_or(0) as i32;
            let scale = 10f64.powi(dp);
            let first = (values[0].0 * scale).round();
            if values.iter().all(|v| (v.0 * scale).round() == first) {
                out.push(Defect { rule: Rule::FalseDisagreement, detail: n.clone() });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_of_categories() {
        assert_eq!(range_of("0-4"), Some((0.0, 4.0)));
        assert_eq!(range_of("Aged 10 to 15"), Some((10.0, 15.0)));
        assert_eq!(range_of("16+"), Some((16.0, f64::INFINITY)));
        assert_eq!(range_of("Under 1"), Some((0.0, 0.0)));
        assert_eq!(range_of("Neglect"), None);
    }

    #[test]
    fn disagreement_notes_are_read() {
        assert_eq!(disagreement_values("County Durham 2021-22: the sources differ: 984 (DfE); 982 (pack, p.30). The chart draws the first."), Some(vec![(984.0, 0), (982.0, 0)]));
        let v = disagreement_values("Sources disagree on the number of children for County Durham, Q2 2022-23: 1,027 (slide 3) and 1,027 (p.30).").unwrap();
        assert_eq!(v, vec![(1027.0, 0), (1027.0, 0)]);
        assert_eq!(disagreement_values("Counted at 31 March."), None);
    }

    #[test]
    fn text_boxes_follow_anchor_baseline_rotation_and_nested_viewports() {
        let svg = r##"<svg width="200" height="100" viewBox="0 0 200 100"><text x="100" y="10" dy="0.76em" text-anchor="middle" font-size="10">ab</text><svg x="50" y="40" width="60" height="40" viewBox="0 0 60 40"><text x="0" y="20" dominant-baseline="middle" font-size="10">c &amp; d</text></svg><text x="16" y="50" dy="0.76em" text-anchor="middle" font-size="10" transform="rotate(270, 16, 50)">long label</text></svg>"##;
        let s = read_svg(svg);
        assert_eq!(s.texts.len(), 3);
        let w = measure("ab", 10.0, false);
        assert!((s.texts[0].x0 - (100.0 - w / 2.0)).abs() < 1e-9);
        assert!((s.texts[0].y0 - (10.0 + 7.6 - 9.05)).abs() < 1e-9);
        assert_eq!(s.texts[1].text, "c & d");
        assert_eq!(s.texts[1].clip, (50.0, 40.0, 110.0, 80.0));
        assert!(s.texts[1].x0 == 50.0);
        // Rotated: taller than wide.
        assert!(s.texts[2].y1 - s.texts[2].y0 > s.texts[2].x1 - s.texts[2].x0);
    }
}
