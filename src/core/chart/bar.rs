//! Category shares as horizontal bars: one group per category, one bar per place. The
//! chosen area is a solid bar; comparators are outlined bars ending in their marker, so
//! places are told apart without colour.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::line::{draw_marker, finish_svg, FONT};
use super::palette;
use super::scale::{nice_ticks, tick_decimals};
use super::text::{estimate_width, wrap};
use super::{join_and, Selection};
use crate::core::cell::Cell;
use crate::core::config::SiteConfig;
use crate::core::format;
use crate::core::period::Period;
use crate::core::series::{select, Point};
use crate::core::table::Table;

/// One place's bars, one slot per category.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BarSeries {
    pub code: String,
    /// Place, plus the period when the chart mixes periods.
    pub name: String,
    pub style: usize,
    pub values: Vec<Option<Point>>,
    pub period: Period,
    /// An earlier period of the same place: drawn outlined.
    pub older: bool,
}

/// Everything a category chart and its table show.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BarModel {
    pub title: String,
    pub subtitle: String,
    pub value_label: String,
    pub unit: String,
    pub period: Period,
    pub filter: String,
    pub filter_label: String,
    pub categories: Vec<String>,
    pub series: Vec<BarSeries>,
    pub source: String,
    pub notes: Vec<String>,
    pub counts_note: Option<String>,
    pub description: String,
}

/// Bars of `sel.indicator` across the values of `filter` for the latest period in range
/// where the area has a value. Categories keep file order; `Total` is left out.
pub fn bar_model(table: &Table, config: &SiteConfig, sel: &Selection, filter: &str) -> Option<BarModel> {
    let meta = table.indicator_meta(&sel.indicator)?;
    let f = table.filter_index(filter)?;
    let ind = table.indicator_index(&sel.indicator)?;
    // Values of the filter on rows with this indicator, in file order (by interned id).
    let mut seen = vec![false; table.strings.len()];
    let total = table.strings.find("Total");
    let mut categories: Vec<String> = Vec::new();
    for (r, cell) in table.values[ind].iter().enumerate() {
        let id = table.filter_values[f][r];
        if Some(id) != total && !cell.is_empty() && !std::mem::replace(&mut seen[id as usize], true) {
            categories.push(table.text(id).to_string());
        }
    }
    // A band that contains other bands (0-17 beside 0-4 … 15-19) is their total, not
    // their peer: it is left out of the bars and its figure said in a note. Where the area
    // has figures only for totals, those are drawn instead (the narrowest of them).
    let contains = |c: &str, among: &[String]| {
        super::audit::range_of(c).is_some_and(|(a0, a1)| among.iter().any(|d| d != c && super::audit::range_of(d).is_some_and(|(b0, b1)| b0 >= a0 && b1 <= a1)))
    };
    let area_has = |c: &str| {
        let mut fs: Vec<(&str, &str)> = sel.filters.iter().filter(|(n, _)| n != filter).map(|(a, b)| (a.as_str(), b.as_str())).collect();
        fs.push((filter, c));
        !select(table, &sel.indicator, &fs, &[sel.area.as_str()]).is_empty()
    };
    let parts: Vec<String> = categories.iter().filter(|c| !contains(c, &categories)).cloned().collect();
    let keep: Vec<String> = if parts.len() == categories.len() || parts.iter().any(|c| area_has(c)) {
        parts
    } else {
        let own: Vec<String> = categories.iter().filter(|c| area_has(c)).cloned().collect();
        own.iter().filter(|c| !contains(c, &own)).cloned().collect()
    };
    let totals: Vec<String> = categories.iter().filter(|c| !keep.contains(c)).cloned().collect();
    categories.retain(|c| !totals.contains(c));
    if categories.is_empty() {
        return None;
    }
    let mut codes = vec![sel.area.as_str()];
    codes.extend(sel.comparators.iter().map(String::as_str));
    let fixed: Vec<(&str, &str)> = sel.filters.iter().filter(|(n, _)| n != filter).map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let per_category: Vec<Vec<crate::core::series::Series>> = categories
        .iter()
        .map(|c| {
            let mut fs = fixed.clone();
            fs.push((filter, c.as_str()));
            select(table, &sel.indicator, &fs, &codes)
        })
        .collect();
    let in_range = |p: &Period| sel.years.map_or(true, |(a, b)| p.year >= a && p.year <= b);
    // Each place's periods in range, newest first (at most two per place), so a newer
    // local figure and an older benchmark are both shown, each labelled with its period.
    let periods_of = |code: &str| {
        let mut ps: Vec<Period> = per_category
            .iter()
            .flatten()
            .filter(|s| s.geography.code == code)
            .flat_map(|s| s.points.iter().map(|p| p.period))
            .filter(in_range)
            .collect();
        ps.sort_by_key(|p| std::cmp::Reverse(p.sort_key()));
        ps.dedup();
        ps.truncate(2);
        ps
    };
    let area_periods = periods_of(&sel.area);
    let &period = area_periods.first()?;
    let mut series: Vec<BarSeries> = Vec::new();
    for (style, code) in codes.iter().enumerate() {
        let place = if style == 0 {
            sel.area_name.clone()
        } else {
            table.geography_index(code).map_or(code.to_string(), |g| table.geographies[g as usize].name.clone())
        };
        // The area shows its two latest periods (the older outlined); a comparator one: the
        // area's latest when it has it, else its own latest (named with its period), so no
        // two bars of one place share a style.
        let mut own = periods_of(code);
        if style > 0 {
            own = match own.iter().find(|p| **p == period) {
                Some(p) => vec![*p],
                None => own.into_iter().take(1).collect(),
            };
        }
        for (k, p) in own.into_iter().enumerate() {
            let values: Vec<Option<Point>> = per_category
                .iter()
                .map(|ss| ss.iter().find(|s| s.geography.code == *code).and_then(|s| s.points.iter().find(|q| q.period == p).cloned()))
                .collect();
            series.push(BarSeries { code: code.to_string(), name: place.clone(), style, values, period: p, older: k > 0 });
        }
    }
    let mixed = series.iter().any(|s| s.period != period);
    if mixed {
        for s in &mut series {
            s.name = format!("{}, {}", s.name, s.period.label());
        }
    }
    let filter_label = meta_label(table, filter);
    let mut place_names: Vec<&str> = Vec::new();
    for s in &series[1..] {
        let n = s.name.split(", ").next().unwrap_or(&s.name);
        if s.style != 0 && !place_names.contains(&n) {
            place_names.push(n);
        }
    }
    let area_name = sel.area_name.clone();
    let places = if place_names.is_empty() { area_name.clone() } else { format!("{} compared with {}", area_name, join_and(&place_names)) };
    let snapshot = series[0].values.iter().flatten().find_map(|p| p.snapshot);
    let when = match (mixed, snapshot) {
        (true, _) => {
            let mut labels: Vec<String> = series.iter().map(|s| s.period.label()).collect();
            labels.dedup();
            labels.sort();
            labels.dedup();
            format!("periods {}", labels.join(" and "))
        }
        (false, Some(d)) => format!("at {}", d.long()),
        (false, None) => period.label(),
    };
    let value_label = super::y_label(&meta.label, &meta.unit);
    let mut items = Vec::new();
    for s in &series {
        let all = s.values.iter().flatten().count();
        for (c, p) in categories.iter().zip(&s.values) {
            let Some(p) = p else { continue };
            if let Cell::Symbol(sym) = p.value {
                items.push((format!("{} {c}", s.name), format!("{} ({}), no bar drawn", sym.meaning(), sym.code())));
            }
            if !p.note.is_empty() {
                let same_for_all = s.values.iter().flatten().filter(|q| q.note == p.note).count() == all;
                let at = if same_for_all { format!("{}, every {}", s.name, meta_label(table, filter).to_ascii_lowercase()) } else { format!("{} {c}", s.name) };
                items.push((at, p.note.clone()));
            }
        }
    }
    let mut notes = super::group_notes(items);
    if !totals.is_empty() {
        // Only the totals the area has a figure for (another area's band is not news here).
        let said: Vec<String> = totals
            .iter()
            .filter_map(|c| {
                let mut fs = fixed.clone();
                fs.push((filter, c.as_str()));
                let latest = select(table, &sel.indicator, &fs, &[sel.area.as_str()]).into_iter().next().and_then(|s| s.points.into_iter().rfind(|p| in_range(&p.period)));
                let p = latest?;
                Some(match format::with_counts(p.value, &meta.unit, p.numerator, p.denominator) {
                    Some(v) => format!("{c}: {v} in {}", p.period.label()),
                    None => format!("{c}: {} in {}", format::cell(p.value, &meta.unit).unwrap_or_default(), p.period.label()),
                })
            })
            .collect();
        if !said.is_empty() {
            let refs: Vec<&str> = said.iter().map(String::as_str).collect();
            notes.push(format!("Not drawn beside bands they contain or are contained in (a total is not a peer of its parts): {}.", join_and(&refs)));
        }
    }
    let shown = || series.iter().flat_map(|s| s.values.iter().flatten());
    let source = super::source_line(config, shown());
    let counts_note = super::counts_note(table, meta, shown());
    let mut model = BarModel {
        title: by_title(&meta.label, &filter_label, &area_name),
        subtitle: format!("{}. {}, {}", value_label, places, when),
        value_label,
        unit: meta.unit.clone(),
        period,
        filter: filter.to_string(),
        filter_label,
        categories,
        series,
        source,
        notes,
        counts_note,
        description: String::new(),
    };
    model.description = describe(&model);
    Some(model)
}

/// "Share of children by age: Derby", without repeating a "by …" the label already has.
pub fn by_title(label: &str, filter_label: &str, place: &str) -> String {
    let f = filter_label.to_ascii_lowercase();
    // "age (years)" is named by "…, by age" already.
    let core = f.split(" (").next().unwrap_or(&f).trim();
    let l = label.to_ascii_lowercase();
    if l.contains(&format!("by {f}")) || l.contains(&f) || l.contains(&format!("by {core}")) {
        format!("{label}: {place}")
    } else {
        format!("{label} by {f}: {place}")
    }
}

fn meta_label(table: &Table, column: &str) -> String {
    table.meta.get(column).map_or(column.to_string(), |m| m.label.clone())
}

/// Largest category and the area's position against its first comparator, ≤ 220 chars.
pub fn describe(m: &BarModel) -> String {
    let area = &m.series[0];
    let place = |s: &BarSeries| s.name.split(", ").next().unwrap_or(&s.name).to_string();
    let fmt = |p: &Point| format::cell(p.value, &m.unit).unwrap_or_default();
    let best = area
        .values
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.as_ref().and_then(|p| p.value.number().map(|v| (i, v, p))))
        .max_by(|a, b| a.1.total_cmp(&b.1));
    let mut text = match best {
        Some((i, _, p)) => format!("In {}, the largest for {} was {} ({}).", m.period.label(), place(area), m.categories[i], fmt(p)),
        None => format!("No published values for {} in {}.", place(area), m.period.label()),
    };
    // Compare the same category in the same period: the latest period a comparator shares
    // with the area.
    if let Some((i, _, _)) = best {
        let pair = m.series.iter().filter(|s| s.style == 0).find_map(|a| {
            let cmp = m.series.iter().find(|c| c.style != 0 && c.period == a.period && c.values[i].as_ref().is_some_and(|p| p.value.number().is_some()))?;
            let av = a.values[i].as_ref().filter(|p| p.value.number().is_some())?;
            Some((a, av, cmp, cmp.values[i].as_ref()?))
        });
        if let Some((a, av, cmp, cv)) = pair {
            let (v, c) = (av.value.number().unwrap_or(0.0), cv.value.number().unwrap_or(0.0));
            let word = if v > c { "above" } else if v < c { "below" } else { "level with" };
            text.push_str(&format!(" In {} it was {}, {word} {} ({}).", a.period.label(), fmt(av), place(cmp), fmt(cv)));
        }
    }
    if text.chars().count() > 220 {
        text = text.chars().take(219).collect::<String>() + "…";
    }
    text
}

/// Table view: one row per category, one column per place.
pub fn table_rows(m: &BarModel) -> Vec<(String, Vec<Option<String>>)> {
    m.categories
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let cells = m
                .series
                .iter()
                .map(|s| s.values[i].as_ref().and_then(|p| p.shown(&m.unit)))
                .collect();
            (c.clone(), cells)
        })
        .collect()
}

const PAD: i32 = 16;

/// Renders the bars at `width` px. Returns the SVG and the end of every bar (series,
/// category, x, y) for focusable tooltips.
/// With `full`, the title, subtitle, source and notes are drawn too (for downloads);
/// without, the page shows them as HTML around the SVG.
pub fn render(m: &BarModel, width: u32, full: bool) -> super::line::Rendered {
    let width = width.max(300);
    let w = width as i32;
    let text_w = (w - 2 * PAD) as f64;
    let (mut title, mut subtitle, mut footer) = (Vec::new(), Vec::new(), Vec::new());
    if full {
        title = super::text::wrap_weighted(&m.title, 20.0, true, text_w);
        subtitle = wrap(&m.subtitle, 15.0, text_w);
        footer = wrap(&m.source, 14.0, text_w);
        for n in &m.notes {
            footer.extend(wrap(n, 14.0, text_w));
        }
    }
    let label_w = ((w as f64) * 0.32).clamp(90.0, 220.0);
    let cat_lines: Vec<Vec<String>> = m.categories.iter().map(|c| wrap(c, 14.0, label_w - 8.0)).collect();
    let bar_h = 14;
    let n_series = m.series.len() as i32;
    let group_h: Vec<i32> = cat_lines.iter().map(|l| (n_series * (bar_h + 3) + 10).max(l.len() as i32 * 18 + 8)).collect();
    let legend_h = legend_layout(m, w).last().map_or(0, |(_, row, lines)| (row + lines.len() as i32) * 22);
    let header_h = if full { PAD + title.len() as i32 * 27 + 4 + subtitle.len() as i32 * 20 + 10 } else { 8 } + legend_h + 8;
    let plot_h: i32 = group_h.iter().sum();
    let axis_h = 40;
    let footer_h = footer.len() as i32 * 18 + PAD;
    let height = (header_h + plot_h + axis_h + footer_h) as u32;
    let mut svg = String::new();
    let mut points = Vec::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let _ = draw(&root, m, &title, &subtitle, &footer, &cat_lines, &group_h, header_h, label_w as i32, bar_h, &mut points);
        let _ = root.present();
    }
    super::line::Rendered { svg: finish_svg(svg, &m.title, &m.description), width, height, points }
}

/// Legend item positions (x, row, lines of the name), wrapping to new rows within `width`
/// (a name too long for one row wraps under itself); empty for one series.
fn legend_layout(m: &BarModel, width: i32) -> Vec<(i32, i32, Vec<String>)> {
    if m.series.len() < 2 {
        return Vec::new();
    }
    let (mut x, mut row) = (PAD, 0);
    let mut out = Vec::new();
    for s in &m.series {
        let item = 32 + estimate_width(&s.name, 14.0).ceil() as i32 + 22;
        if x > PAD && x + item - 22 > width - PAD {
            x = PAD;
            row += 1;
        }
        if item - 22 > width - 2 * PAD {
            let lines = wrap(&s.name, 14.0, (width - 2 * PAD - 32) as f64);
            let n = lines.len() as i32;
            out.push((PAD, row, lines));
            row += n;
            x = PAD;
            continue;
        }
        out.push((x, row, vec![s.name.clone()]));
        x += item;
    }
    out
}

fn style(size: f64, colour: (u8, u8, u8), h: HPos, v: VPos) -> TextStyle<'static> {
    (FONT, size * 1.24).into_font().color(&RGBColor(colour.0, colour.1, colour.2)).pos(Pos::new(h, v))
}

#[allow(clippy::too_many_arguments)]
fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    m: &BarModel,
    title: &[String],
    subtitle: &[String],
    footer: &[String],
    cat_lines: &[Vec<String>],
    group_h: &[i32],
    header_h: i32,
    label_w: i32,
    bar_h: i32,
    points: &mut Vec<(usize, usize, i32, i32)>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let rgb = |c: (u8, u8, u8)| RGBColor(c.0, c.1, c.2);
    root.fill(&WHITE)?;
    let (w, _) = root.dim_in_pixel();
    let w = w as i32;
    let mut y = if title.is_empty() { 8 } else { PAD };
    for l in title {
        root.draw(&Text::new(l.clone(), (PAD, y), (FONT, 20.0 * 1.24).into_font().style(FontStyle::Bold).color(&rgb(palette::TEXT)).pos(Pos::new(HPos::Left, VPos::Top))))?;
        y += 27;
    }
    for l in subtitle {
        root.draw(&Text::new(l.clone(), (PAD, y + 4), style(15.0, palette::SECONDARY_TEXT, HPos::Left, VPos::Top)))?;
        y += 20;
    }
    if !title.is_empty() {
        y += 14;
    }
    let layout = legend_layout(m, w);
    for (s, (x, row, lines)) in m.series.iter().zip(&layout) {
        let (x, row) = (*x, *row);
        let y = y + row * 22;
        {
            let st = palette::style(s.style);
            let c = rgb(st.colour);
            if s.style == 0 && !s.older {
                root.draw(&Rectangle::new([(x, y + 4), (x + 22, y + 16)], c.filled()))?;
            } else {
                root.draw(&Rectangle::new([(x, y + 4), (x + 22, y + 16)], c.stroke_width(2)))?;
                draw_marker(root, (x + 22, y + 10), &st)?;
            }
            for (k, l) in lines.iter().enumerate() {
                root.draw(&Text::new(l.clone(), (x + 32, y + 10 + 22 * k as i32), style(14.0, palette::TEXT, HPos::Left, VPos::Center)))?;
            }
        }
    }
    let values: Vec<f64> = m.series.iter().flat_map(|s| s.values.iter().flatten().filter_map(|p| p.value.number())).collect();
    let left = PAD + label_w;
    let right = w - PAD - 56;
    // As many ticks as fit with 12 px between their labels.
    let top_value = values.iter().cloned().fold(0.0, f64::max);
    let (ticks, dp) = (2..=4)
        .rev()
        .map(|target| {
            let t = nice_ticks(0.0, top_value, target);
            let d = tick_decimals(&t);
            (t, d)
        })
        .find(|(t, d)| {
            let step = (right - left) as f64 / (t.len() - 1).max(1) as f64;
            t.iter().map(|v| estimate_width(&format::with_unit(*v, *d, &m.unit), 14.0)).fold(0.0, f64::max) + 12.0 <= step
        })
        .unwrap_or_else(|| {
            let t = nice_ticks(0.0, top_value, 1);
            let d = tick_decimals(&t);
            (t, d)
        });
    let max = *ticks.last().unwrap();
    let top = header_h;
    let bottom = header_h + group_h.iter().sum::<i32>();
    let x_of = |v: f64| left + ((v / max) * (right - left) as f64).round() as i32;
    for t in &ticks {
        let x = x_of(*t);
        let colour = if *t == 0.0 { palette::AXIS } else { palette::GRID };
        root.draw(&PathElement::new(vec![(x, top), (x, bottom)], rgb(colour).stroke_width(1)))?;
        root.draw(&Text::new(format::with_unit(*t, dp, &m.unit), (x, bottom + 6), style(14.0, palette::SECONDARY_TEXT, HPos::Center, VPos::Top)))?;
    }
    root.draw(&Text::new(m.value_label.clone(), ((left + right) / 2, bottom + 24), style(14.0, palette::TEXT, HPos::Center, VPos::Top)))?;
    let mut gy = top;
    for (ci, lines) in cat_lines.iter().enumerate() {
        let mut ly = gy + 6;
        for l in lines {
            root.draw(&Text::new(l.clone(), (left - 8, ly), style(14.0, palette::TEXT, HPos::Right, VPos::Top)))?;
            ly += 18;
        }
        for (si, s) in m.series.iter().enumerate() {
            let by = gy + 5 + si as i32 * (bar_h + 3);
            let st = palette::style(s.style);
            let c = rgb(st.colour);
            match s.values[ci].as_ref().map(|p| p.value) {
                Some(Cell::Number { value, decimals }) => {
                    let x1 = x_of(value).max(left + 1);
                    if s.style == 0 && !s.older {
                        root.draw(&Rectangle::new([(left, by), (x1, by + bar_h)], c.filled()))?;
                    } else {
                        root.draw(&Rectangle::new([(left, by + 1), (x1, by + bar_h - 1)], c.stroke_width(2)))?;
                        draw_marker(root, (x1, by + bar_h / 2), &st)?;
                    }
                    root.draw(&Text::new(format::with_unit(value, decimals, &m.unit), (x1 + 8, by + bar_h / 2), style(14.0, palette::TEXT, HPos::Left, VPos::Center)))?;
                    points.push((si, ci, x1, by + bar_h / 2));
                }
                Some(Cell::Symbol(sym)) => {
                    root.draw(&Text::new(format!("{} ({})", sym.meaning(), sym.code()), (left + 6, by + bar_h / 2), style(14.0, st.colour, HPos::Left, VPos::Center)))?;
                }
                // Not published for this band: said, so a blank never reads as zero.
                _ => {
                    root.draw(&Text::new("no figure".to_string(), (left + 6, by + bar_h / 2), style(14.0, palette::SECONDARY_TEXT, HPos::Left, VPos::Center)))?;
                }
            }
        }
        gy += group_h[ci];
    }
    let mut fy = bottom + 48;
    for l in footer {
        root.draw(&Text::new(l.clone(), (PAD, fy), style(14.0, palette::SECONDARY_TEXT, HPos::Left, VPos::Top)))?;
        fy += 18;
    }
    Ok(())
}
