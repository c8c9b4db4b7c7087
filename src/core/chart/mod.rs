//! Chart models built from series, rendered to SVG (plotters) and to table rows.
//!
//! A [`LineModel`] is everything a trend chart and its data table show; both views are
//! produced from the same model so they cannot disagree.

pub mod audit;
pub mod bar;
pub mod continuity;
pub mod line;
pub mod model;
pub mod palette;
pub mod ranked;
pub mod scale;
pub mod text;

use super::cell::Cell;
use super::config::SiteConfig;
use super::format;
use super::period::Period;
use super::series::{Point, Series};
use super::table::Table;

/// One line of a chart: a place and its points, aligned to the model's periods.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LineSeries {
    pub code: String,
    pub name: String,
    /// 0 for the chosen area; comparators count from 1, in configuration order.
    pub style: usize,
    /// One slot per model period; a slot may hold two points when sources conflict.
    pub points: Vec<Vec<Point>>,
}

impl LineModel {
    /// Per period, the day number ([`continuity::day_number`]) it is drawn at: the date its
    /// figures were counted, or its last day.
    pub fn slot_days(&self) -> Vec<i64> {
        (0..self.periods.len())
            .map(|i| {
                let date = self.series.iter().find_map(|s| s.points[i].first().map(continuity::date_of)).unwrap_or_else(|| self.periods[i].bounds().1);
                continuity::day_number(date)
            })
            .collect()
    }

    /// Puts the model on the given periods (a superset of its own, in order), so small
    /// multiples share one time axis.
    pub fn align_to(&mut self, periods: &[Period]) {
        for s in &mut self.series {
            s.points = periods
                .iter()
                .map(|p| self.periods.iter().position(|q| q == p).map(|i| s.points[i].clone()).unwrap_or_default())
                .collect();
        }
        self.periods = periods.to_vec();
    }
}

impl LineSeries {
    /// Whether a line may join slot `a` to slot `b` ([`continuity::joinable`] on the figures
    /// drawn there).
    pub fn joinable(&self, a: usize, b: usize) -> Result<(), continuity::Break> {
        match (self.points[a].first(), self.points[b].first()) {
            (Some(p), Some(q)) => continuity::joinable(p, q),
            _ => Ok(()),
        }
    }
    /// The value drawn for a period (the first point's number, if any).
    pub fn value_at(&self, i: usize) -> Option<f64> {
        self.points[i].first().and_then(|p| p.value.number())
    }
}

/// Everything a trend chart and its table show.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LineModel {
    pub title: String,
    pub subtitle: String,
    pub y_label: String,
    pub x_label: String,
    pub unit: String,
    pub dp: u8,
    pub periods: Vec<Period>,
    pub series: Vec<LineSeries>,
    /// "Source: …" naming documents and locations.
    pub source: String,
    pub notes: Vec<String>,
    /// What the numbers in brackets are, when the table shows counts.
    pub counts_note: Option<String>,
    /// Generated description (≤ 220 characters) used as the chart's accessible name.
    pub description: String,
    /// The chosen area's change from the same kind of period a year before the latest, in
    /// words ([`change_text`]); `None` when the latest period has no such predecessor.
    pub change: Option<String>,
}

/// What to draw: one indicator (with fixed filter values) for one place and its
/// comparators, optionally limited to a range of years.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Selection {
    pub indicator: String,
    /// Fixed filter values; filters not named must be `Total`.
    pub filters: Vec<(String, String)>,
    /// Geography code drawn as the main series.
    pub area: String,
    /// Name shown for it (the configured area name, or the partnership's).
    pub area_name: String,
    /// Comparator geography codes, in order.
    pub comparators: Vec<String>,
    /// Inclusive range of first calendar years of periods (`2018` for 2018-19).
    pub years: Option<(u16, u16)>,
    /// The area's statistical neighbours (new codes), for an `SNM-<area>` comparator: their
    /// median by [`crate::core::stats::neighbour_average`], computed here, per period.
    pub neighbours: Vec<String>,
}

impl Selection {
    /// The area with its configured comparators, all years, no filters.
    pub fn for_area(config: &SiteConfig, indicator: &str, area: &str) -> Selection {
        let a = config.area(area);
        Selection {
            indicator: indicator.to_string(),
            filters: Vec::new(),
            area: area.to_string(),
            area_name: a.map_or(area.to_string(), |a| a.name.clone()),
            comparators: a.map(|a| a.comparators.clone()).unwrap_or_default(),
            years: None,
            neighbours: Vec::new(),
        }
    }

    fn in_range(&self, p: &Period) -> bool {
        self.years.map_or(true, |(from, to)| p.year >= from && p.year <= to)
    }
}

/// Builds the trend model for a selection. Returns `None` when the area has no values
/// for the indicator in the range.
pub fn line_model(table: &Table, config: &SiteConfig, sel: &Selection) -> Option<LineModel> {
    joined_line_model(config, &[(table, sel.clone(), false)], sel)
}

/// The trend of one measure from several files (see [`crate::core::config::Measure`]):
/// each part is (table, its selection, `at_end`); the places and years are `sel`'s. Points
/// of one place from every part are joined by canonical period, so an official figure and
/// a report's figure for the same date share one x position and one table row; where
/// they differ at the precision published, both are kept (the first part's drawn) and a
/// note names each value's source. The first part gives labels and units.
pub fn joined_line_model(config: &SiteConfig, parts: &[(&Table, Selection, bool)], sel: &Selection) -> Option<LineModel> {
    let (table, first_sel, _) = parts.first()?;
    let table: &Table = table;
    let meta = table.indicator_meta(&first_sel.indicator)?;
    let mut codes = vec![sel.area.as_str()];
    codes.extend(sel.comparators.iter().map(String::as_str));
    let mut selected: Vec<Series> = Vec::new();
    for (t, part_sel, at_end) in parts {
        let filters: Vec<(&str, &str)> = part_sel.filters.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        for s in super::series::select_with(t, &part_sel.indicator, &filters, &codes, *at_end) {
            match selected.iter_mut().find(|x| x.geography.code == s.geography.code) {
                Some(x) => {
                    for p in s.points {
                        let same = x.points.iter().any(|q| q.period == p.period && q.source != p.source && crate::core::measure::same_published(q.value, p.value));
                        if !same {
                            x.points.push(p);
                        }
                    }
                }
                None => selected.push(s),
            }
        }
    }
    let snm = format!("SNM-{}", sel.area);
    if codes.contains(&snm.as_str()) && !sel.neighbours.is_empty() {
        if let Some(s) = neighbour_median(parts, sel, &snm) {
            selected.push(s);
        }
    }
    selected.sort_by_key(|s| codes.iter().position(|c| *c == s.geography.code));
    for s in &mut selected {
        s.points.sort_by_key(|p| p.period.sort_key());
    }
    for s in &mut selected {
        s.points.retain(|p| sel.in_range(&p.period));
    }
    selected.retain(|s| !s.points.is_empty());
    if selected.first().map(|s| s.geography.code.as_str()) != Some(sel.area.as_str()) {
        return None;
    }
    let mut periods: Vec<Period> = Vec::new();
    // Periods come from the area; comparators are drawn where they share them, and
    // their other periods are kept too so a benchmark year is never silently dropped.
    for s in &selected {
        for p in &s.points {
            if !periods.contains(&p.period) {
                periods.push(p.period);
            }
        }
    }
    periods.sort_by_key(|p| p.sort_key());
    // Two periods whose figures are all counts at one date (a year's 31 March and its Q4)
    // are one observation: one x position and one table row, under the first period.
    let counted_at = |p: &Period| -> Option<super::period::Date> {
        let mut dates = selected.iter().flat_map(|s| s.points.iter().filter(move |q| q.period == *p)).map(|q| q.snapshot);
        let first = dates.next()??;
        dates.all(|d| d == Some(first)).then_some(first)
    };
    let mut alias: Vec<(Period, Period)> = Vec::new();
    let mut kept: Vec<Period> = Vec::new();
    for p in periods {
        let same = counted_at(&p).and_then(|d| kept.iter().find(|k| counted_at(k) == Some(d)).copied());
        match same {
            Some(k) => alias.push((p, k)),
            None => kept.push(p),
        }
    }
    let periods = kept;
    let slot_of = |p: Period| alias.iter().find(|(a, _)| *a == p).map_or(p, |(_, k)| *k);
    let series: Vec<LineSeries> = selected
        .iter()
        .map(|s: &Series| {
            let style = codes.iter().position(|c| *c == s.geography.code).unwrap_or(0);
            let name = if style == 0 { sel.area_name.clone() } else { s.geography.name.clone() };
            let points = periods
                .iter()
                .map(|period| {
                    let mut slot: Vec<Point> = Vec::new();
                    for p in s.points.iter().filter(|p| slot_of(p.period) == *period) {
                        if !slot.iter().any(|q| crate::core::measure::same_published(q.value, p.value)) {
                            slot.push(p.clone());
                        }
                    }
                    slot
                })
                .collect();
            LineSeries { code: s.geography.code.clone(), name, style, points }
        })
        .collect();
    let area_name = series[0].name.clone();
    let comparator_names: Vec<&str> = series[1..].iter().map(|s| s.name.as_str()).collect();
    let span = match (periods.first(), periods.last()) {
        (Some(a), Some(b)) if a != b => format!("{} to {}", a.label(), b.label()),
        (Some(a), _) => a.label(),
        _ => String::new(),
    };
    let places = if comparator_names.is_empty() {
        area_name.clone()
    } else {
        format!("{} compared with {}", area_name, join_and(&comparator_names))
    };
    let filter_text = filter_label(table, &sel.filters);
    let title = format!("{}{}: {}", meta.label, filter_text, area_name);
    let subtitle = format!("{}. {}, {}", y_label(&meta.label, &meta.unit), places, span);
    let mut notes = Vec::new();
    if let Some(snapshots) = snapshot_note(&periods, &series) {
        notes.push(snapshots);
    }
    let mut point_notes: Vec<(String, String)> = Vec::new();
    for s in &series {
        for slot in &s.points {
            for p in slot {
                let at = format!("{} {}", s.name, p.period.label());
                if !p.note.is_empty() {
                    point_notes.push((at.clone(), p.note.clone()));
                }
                if let Cell::Symbol(sym) = p.value {
                    point_notes.push((at, format!("{} ({}), shown as a gap", sym.meaning(), sym.code())));
                }
            }
            if slot.len() > 1 && slot.iter().any(|p| !crate::core::measure::same_published(p.value, slot[0].value)) {
                let values: Vec<String> = slot
                    .iter()
                    .filter_map(|p| {
                        let v = format::cell(p.value, &meta.unit)?;
                        let doc = config.source(&p.source).map_or(p.source.as_str(), |d| d.title.as_str());
                        Some(if p.source_location.is_empty() { format!("{v} ({doc})") } else { format!("{v} ({doc}, {})", p.source_location) })
                    })
                    .collect();
                notes.push(format!("{} {}: the sources differ: {}. The chart draws the first.", s.name, slot[0].period.label(), values.join("; ")));
            }
        }
    }
    notes.extend(group_notes(point_notes));
    notes.extend(break_notes(&periods, &series));
    // Conflicts on the counts shown in brackets (the value's own conflicts are above).
    let linked = [meta.numerator.as_deref(), meta.denominator.as_deref()];
    for c in &table.conflicts {
        if !linked.contains(&Some(c.indicator.as_str())) {
            continue;
        }
        let [a, b] = c.rows;
        let geo = table.geography_of(a);
        let Some(s) = series.iter().find(|s| s.code == geo.code) else { continue };
        if !periods.contains(&table.period[a]) {
            continue;
        }
        let Some(i) = table.indicator_index(&c.indicator) else { continue };
        let label = table.indicator_meta(&c.indicator).map_or(c.indicator.clone(), |m| m.label.to_ascii_lowercase());
        let value = |r: usize| format::cell(table.values[i][r], "").unwrap_or_default();
        notes.push(format!(
            "Sources disagree on the {label} for {}, {}: {} ({}) and {} ({}).",
            s.name,
            table.period[a].label(),
            value(a),
            table.text(table.source_location[a]),
            value(b),
            table.text(table.source_location[b])
        ));
    }
    notes.dedup();
    let source = source_line(config, series.iter().flat_map(|s| s.points.iter().flatten()));
    let counts_note = counts_note(table, meta, series.iter().flat_map(|s| s.points.iter().flatten()));
    let mut model = LineModel {
        title,
        subtitle,
        y_label: y_label(&meta.label, &meta.unit),
        x_label: x_label(&periods),
        unit: meta.unit.clone(),
        dp: meta.dp,
        periods,
        series,
        source,
        notes,
        counts_note,
        description: String::new(),
        change: None,
    };
    model.description = describe(&model);
    model.change = change_text(&model, meta.polarity);
    Some(model)
}

/// The median of the neighbours' figures per period, from the first part that has any
/// (the official file): a comparator series of our own, named as such, each point saying
/// how many of the ten contributed.
fn neighbour_median(parts: &[(&Table, Selection, bool)], sel: &Selection, code: &str) -> Option<Series> {
    for (t, part_sel, at_end) in parts {
        let filters: Vec<(&str, &str)> = part_sel.filters.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let codes: Vec<&str> = sel.neighbours.iter().map(String::as_str).collect();
        let series = super::series::select_with(t, &part_sel.indicator, &filters, &codes, *at_end);
        if series.is_empty() {
            continue;
        }
        let mut periods: Vec<Period> = series.iter().flat_map(|s| s.points.iter().map(|p| p.period)).collect();
        periods.sort_by_key(|p| p.sort_key());
        periods.dedup();
        let mut points = Vec::new();
        for period in periods {
            let cells: Vec<Cell> = sel
                .neighbours
                .iter()
                .map(|n| series.iter().find(|s| s.geography.code == *n).and_then(|s| s.points.iter().find(|p| p.period == period)).map_or(Cell::Empty, |p| p.value))
                .collect();
            let Some(avg) = crate::core::stats::neighbour_average(&cells) else { continue };
            let first = series.iter().find_map(|s| s.points.iter().find(|p| p.period == period))?;
            points.push(Point {
                value: Cell::Number { value: avg.value, decimals: avg.decimals },
                numerator: Cell::Empty,
                denominator: Cell::Empty,
                note: format!("our calculation: {}", avg.label()),
                conflict: None,
                ..first.clone()
            });
        }
        if points.is_empty() {
            return None;
        }
        let geography = crate::core::geography::Geography {
            level: crate::core::geography::Level::ComparatorGroup,
            code: code.to_string(),
            name: format!("Statistical neighbours (median, our calculation)"),
        };
        return Some(Series { geography, points });
    }
    None
}

/// Where a line breaks and why, each break once with the places it applies to:
/// "County Durham and England: the line breaks between 2021-22 and Q2 2022-23 (2021-22
/// covers a full year (April to March), Q2 2022-23 covers the year to date (30 September
/// 2022): not comparable)."
fn break_notes(periods: &[Period], series: &[LineSeries]) -> Vec<String> {
    let mut items: Vec<(String, String)> = Vec::new();
    for s in series {
        let mut last: Option<usize> = None;
        for i in 0..periods.len() {
            if s.value_at(i).is_none() {
                if s.points[i].first().is_some_and(|p| matches!(p.value, Cell::Symbol(_))) {
                    last = None;
                }
                continue;
            }
            if let Some(j) = last {
                if let Err(e) = s.joinable(j, i) {
                    items.push((s.name.clone(), format!("the line breaks between {} and {} ({}).", periods[j].label(), periods[i].label(), e.reason())));
                }
            }
            last = Some(i);
        }
    }
    group_notes(items)
}

/// Notes that repeat across points are said once, naming where they apply:
/// `(where, note)` pairs become `note (where1, where2 and where3)`.
pub(crate) fn group_notes(items: Vec<(String, String)>) -> Vec<String> {
    let mut grouped: Vec<(String, Vec<String>)> = Vec::new();
    for (at, note) in items {
        match grouped.iter_mut().find(|(n, _)| *n == note) {
            Some((_, places)) => {
                if !places.contains(&at) {
                    places.push(at)
                }
            }
            None => grouped.push((note, vec![at])),
        }
    }
    grouped
        .into_iter()
        .map(|(note, places)| {
            let refs: Vec<&str> = places.iter().map(String::as_str).collect();
            let list = if refs.len() > 4 { format!("{} and {} more", refs[..3].join(", "), refs.len() - 3) } else { join_and(&refs) };
            format!("{list}: {note}")
        })
        .collect()
}

/// ` (Age 17-18)` for fixed filters other than Total, using the filters' labels.
pub fn filter_label(table: &Table, filters: &[(String, String)]) -> String {
    let parts: Vec<String> = filters
        .iter()
        .filter(|(_, v)| v != "Total")
        .map(|(f, v)| {
            let label = table.meta.get(f).map_or(f.as_str(), |m| m.label.as_str());
            format!("{label}: {v}")
        })
        .collect();
    if parts.is_empty() { String::new() } else { format!(" ({})", parts.join("; ")) }
}

pub(crate) fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {}", rest.join(", "), last),
    }
}

pub(crate) fn y_label(label: &str, unit: &str) -> String {
    match unit {
        "%" => "Percentage".into(),
        "per 10,000" => "Rate per 10,000 children".into(),
        "£" | "£m" => format!("Amount ({unit})"),
        "days" => "Days".into(),
        "" => "Number".into(),
        other => {
            let _ = label;
            other.to_string()
        }
    }
}

fn x_label(periods: &[Period]) -> String {
    use super::period::TimeIdentifier as T;
    let mut kinds: Vec<&str> = Vec::new();
    for p in periods {
        let word = match p.identifier {
            T::FinancialYear | T::ReportingYear | T::TaxYear => "year (April to March)",
            T::AcademicYear => "academic year",
            T::CalendarYear => "calendar year",
            T::FinancialQuarter(_) | T::AcademicQuarter(_) | T::CalendarQuarter(_) => "quarter",
            T::Month(_) => "month",
            T::Week(_) => "week",
        };
        if !kinds.contains(&word) {
            kinds.push(word);
        }
    }
    let joined = join_and(&kinds);
    let mut chars = joined.chars();
    chars.next().map_or(String::new(), |c| c.to_ascii_uppercase().to_string() + chars.as_str())
}

/// When the counts were made, in one sentence: "Counted at 31 March for 2018-19 to
/// 2021-22, and at 30 September 2022 for Q2 2022-23." Counts made at the end of their
/// period (31 March of a year, the last day of a quarter or month) are said together once
/// there are more than three kinds of date: "Counted at the end of each period shown
/// (31 March for years, the last day of each quarter or month)".
fn snapshot_note(periods: &[Period], series: &[LineSeries]) -> Option<String> {
    let dated: Vec<(Period, super::period::Date)> = periods
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let date = series.iter().find_map(|s| s.points[i].iter().find_map(|pt| pt.snapshot))?;
            Some((*p, date))
        })
        .collect();
    if dated.is_empty() {
        return None;
    }
    let year_end = |p: &Period, d: &super::period::Date| *d == p.bounds().1 && d.month == 3 && d.day == 31;
    // Group runs of years counted at their 31 March.
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < dated.len() {
        let (p, d) = dated[i];
        if year_end(&p, &d) {
            let mut j = i;
            while j + 1 < dated.len() && year_end(&dated[j + 1].0, &dated[j + 1].1) && dated[j + 1].0.identifier == p.identifier {
                j += 1;
            }
            let span = if j > i { format!("{} to {}", p.label(), dated[j].0.label()) } else { p.label() };
            parts.push(format!("at 31 March for {span}"));
            i = j + 1;
        } else {
            parts.push(format!("at {} for {}", d.long(), p.label()));
            i += 1;
        }
    }
    if parts.len() > 3 {
        let others: Vec<String> = dated.iter().filter(|(p, d)| *d != p.bounds().1).map(|(p, d)| format!("at {} for {}", d.long(), p.label())).collect();
        let mut text = "Counted at the end of each period shown (31 March for years, the last day of each quarter or month)".to_string();
        if !others.is_empty() {
            let refs: Vec<&str> = others.iter().map(String::as_str).collect();
            text.push_str(&format!(", except {}", join_and(&refs)));
        }
        return Some(format!("{text}."));
    }
    let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
    Some(format!("Counted {}.", join_and(&refs)))
}

/// "Source: document, location; other document, location" for the points shown, each
/// document once, with every location its points cite ([`locations_text`]).
pub(crate) fn source_line<'a>(config: &SiteConfig, points: impl Iterator<Item = &'a Point>) -> String {
    let mut docs: Vec<(&str, Vec<&str>)> = Vec::new();
    for p in points {
        match docs.iter_mut().find(|(id, _)| *id == p.source) {
            Some((_, locs)) => {
                if !p.source_location.is_empty() && !locs.contains(&p.source_location.as_str()) {
                    locs.push(&p.source_location);
                }
            }
            None => docs.push((&p.source, if p.source_location.is_empty() { Vec::new() } else { vec![&p.source_location] })),
        }
    }
    let parts: Vec<String> = docs
        .iter()
        .map(|(id, locs)| {
            let title = config.source(id).map_or(*id, |s| s.title.as_str());
            match locations_text(locs) {
                None => title.to_string(),
                Some(loc) => format!("{title}, {loc}"),
            }
        })
        .collect();
    format!("Source: {}", parts.join("; "))
}

/// Several locations in one document said once: their shared leading parts (split at ", ")
/// then what differs in brackets — "table 'A', row 'B' (2018/19 column, 2019/20 column)";
/// with nothing shared, each in turn.
pub(crate) fn locations_text(locs: &[&str]) -> Option<String> {
    match locs {
        [] => None,
        [one] => Some(one.to_string()),
        _ => {
            let split: Vec<Vec<&str>> = locs.iter().map(|l| l.split(", ").collect()).collect();
            let shortest = split.iter().map(Vec::len).min().unwrap_or(0);
            let shared = (0..shortest).take_while(|&k| split.iter().all(|s| s[k] == split[0][k])).count().min(shortest.saturating_sub(1));
            if shared == 0 {
                return Some(locs.join("; "));
            }
            let tails: Vec<String> = split.iter().map(|s| s[shared..].join(", ")).collect();
            Some(format!("{} ({})", split[0][..shared].join(", "), tails.join("; ")))
        }
    }
}

/// "In brackets: number of children / all children." when the shown points carry the
/// indicator's numerator and/or denominator.
pub(crate) fn counts_note<'a>(table: &Table, meta: &crate::core::meta::ColumnMeta, points: impl Iterator<Item = &'a Point> + Clone) -> Option<String> {
    let label_of = |n: &Option<String>| n.as_ref().and_then(|n| table.indicator_meta(n)).map(|m| m.label.to_ascii_lowercase());
    let any = |f: fn(&Point) -> Cell| points.clone().any(|p| !f(p).is_empty());
    match (label_of(&meta.numerator).filter(|_| any(|p| p.numerator)), label_of(&meta.denominator).filter(|_| any(|p| p.denominator))) {
        (Some(n), Some(d)) => Some(format!("In brackets: {n} / {d}.")),
        (Some(n), None) => Some(format!("In brackets: {n}.")),
        (None, Some(d)) => Some(format!("In brackets: {d}.")),
        (None, None) => None,
    }
}

/// The chosen area's latest figure against the same kind of period one year before
/// (a year with the year before, a Q2 with the Q2 before; never a part-year with a full
/// year), by [`crate::core::stats::direction`]:
/// "From 2023-24 to 2024-25: improved: down from 132 to 118; lower is better."
/// `None` when the latest period is not a year and has no predecessor of its kind.
pub fn change_text(model: &LineModel, polarity: crate::core::meta::Polarity) -> Option<String> {
    use super::period::TimeIdentifier as T;
    let area = model.series.first()?;
    let last = (0..model.periods.len()).rev().find(|&i| !area.points[i].is_empty())?;
    let latest = model.periods[last];
    let previous = Period { year: latest.year.checked_sub(1)?, identifier: latest.identifier };
    let prev_index = model.periods.iter().position(|p| *p == previous);
    let yearly = matches!(latest.identifier, T::FinancialYear | T::AcademicYear | T::TaxYear | T::CalendarYear | T::ReportingYear);
    if prev_index.is_none() && !yearly {
        return None;
    }
    let (pl, ll) = (previous.label(), latest.label());
    let prev_cell = prev_index.and_then(|i| area.points[i].first()).map(|p| (p.value, pl.as_str()));
    let latest_cell = area.points[last].first().map(|p| (p.value, ll.as_str()));
    if let (Some(i), Some(l)) = (prev_index, area.points[last].first()) {
        if let Some(p) = area.points[i].first() {
            if let Err(e) = continuity::comparable(p, l) {
                return Some(format!("From {pl} to {ll}: no comparison: {}.", e.reason()));
            }
        }
    }
    let d = crate::core::stats::direction(prev_cell, latest_cell, polarity, &model.unit, model.dp);
    Some(format!("From {pl} to {ll}: {}.", d.sentence()))
}

/// Trend and latest comparison in ≤ 220 characters, without repeating the title.
pub fn describe(model: &LineModel) -> String {
    let Some(area) = model.series.first() else { return String::new() };
    let fmt = |v: f64, dp: u8| format::with_unit(v, dp, &model.unit);
    let known: Vec<(usize, f64, u8)> = (0..model.periods.len())
        .filter_map(|i| {
            let p = area.points[i].first()?;
            match p.value {
                Cell::Number { value, decimals } => Some((i, value, decimals)),
                _ => None,
            }
        })
        .collect();
    // The latest figure against the earliest figure of the same kind (continuity::
    // comparable): never a part-year against a full year, or a different definition; a
    // gap in the years between is said.
    let point = |i: usize| &area.points[i][0];
    let last = known.last().copied();
    let earliest = last.and_then(|(il, _, _)| known.iter().copied().find(|&(i, _, _)| i != il && continuity::comparable(point(i), point(il)).is_ok()));
    let mut text = match (earliest, last) {
        (Some((i0, v0, d0)), Some((i1, v1, d1))) => {
            let run: Vec<usize> = known.iter().map(|k| k.0).filter(|&i| i >= i0 && continuity::comparable(point(i), point(i1)).is_ok()).collect();
            let gaps: Vec<String> = run
                .windows(2)
                .filter_map(|w| match continuity::joinable(point(w[0]), point(w[1])) {
                    Err(continuity::Break::Gap { missing }) => Some(missing),
                    _ => None,
                })
                .collect();
            let gap = if gaps.is_empty() { String::new() } else { format!(" (no figures for {})", gaps.join(", ")) };
            let same = format::with_unit(v0, d0.min(d1), &model.unit) == format::with_unit(v1, d0.min(d1), &model.unit);
            if same {
                format!("{} was unchanged at {} from {} to {}{gap}.", area.name, fmt(v1, d1), model.periods[i0].label(), model.periods[i1].label())
            } else {
                let verb = if v1 > v0 { "rose" } else { "fell" };
                format!("{} {verb} from {} in {} to {} in {}{gap}.", area.name, fmt(v0, d0), model.periods[i0].label(), fmt(v1, d1), model.periods[i1].label())
            }
        }
        (None, Some((i, v, d))) => {
            let unlike = known.len() > 1;
            let earlier = known.iter().rev().find(|k| k.0 != i).map(|k| point(k.0));
            let tail = match earlier {
                Some(e) if unlike => format!(" ({}; not comparable with the earlier figures)", continuity::unlike_words(e, point(i))),
                _ => String::new(),
            };
            format!("{} was {} in {}{tail}.", area.name, fmt(v, d), model.periods[i].label())
        }
        _ => format!("No published values for {}.", area.name),
    };
    // Latest period where the area and at least one comparator both have numbers.
    let latest_shared = (0..model.periods.len()).rev().find(|&i| {
        area.value_at(i).is_some() && model.series[1..].iter().any(|s| s.value_at(i).is_some())
    });
    if let Some(i) = latest_shared {
        let (v, d) = match area.points[i][0].value {
            Cell::Number { value, decimals } => (value, decimals),
            _ => unreachable!("value_at checked a number"),
        };
        let comparisons: Vec<String> = model.series[1..]
            .iter()
            .filter_map(|s| {
                let c = s.points[i].first()?;
                let Cell::Number { value, decimals } = c.value else { return None };
                let word = if v > value { "above" } else if v < value { "below" } else { "level with" };
                Some(format!("{word} {} ({})", s.name, fmt(value, decimals)))
            })
            .collect();
        let refs: Vec<&str> = comparisons.iter().map(String::as_str).collect();
        text.push_str(&format!(" In {} it was {}, {}.", model.periods[i].label(), fmt(v, d), join_and(&refs)));
    }
    if text.chars().count() > 220 {
        let cut: String = text.chars().take(219).collect();
        text = format!("{}…", cut.trim_end());
    }
    text
}

/// One row of the data table: a period, when it was counted, and one cell per series.
#[derive(Clone, Debug, PartialEq)]
pub struct TableRow {
    pub period: String,
    pub counted_at: Option<String>,
    /// Per series: the text shown (`100.7 (1,027)`), or `None` for no data.
    pub cells: Vec<Option<String>>,
}

/// The table view of a model: the same values as the chart, with their counts.
pub fn table_rows(model: &LineModel) -> Vec<TableRow> {
    (0..model.periods.len())
        .map(|i| {
            let counted_at = model.series.iter().find_map(|s| s.points[i].iter().find_map(|p| p.snapshot)).map(|d| d.long());
            let cells = model
                .series
                .iter()
                .map(|s| {
                    let texts: Vec<String> = s.points[i]
                        .iter()
                        .filter_map(|p| p.shown(&model.unit))
                        .collect();
                    (!texts.is_empty()).then(|| texts.join(" / conflicting source: "))
                })
                .collect();
            TableRow { period: model.periods[i].label(), counted_at, cells }
        })
        .collect()
}

#[cfg(test)]
mod source_tests {
    use super::locations_text;

    #[test]
    fn every_location_a_document_gives_is_said_once() {
        let a = "scorecard, table 'Stable', row 'Carers approved', 2018/19 column";
        let b = "scorecard, table 'Stable', row 'Carers approved', 2019/20 column";
        assert_eq!(locations_text(&[a, b]).as_deref(), Some("scorecard, table 'Stable', row 'Carers approved' (2018/19 column; 2019/20 column)"));
        assert_eq!(locations_text(&["para 27.23", "para 28.1"]).as_deref(), Some("para 27.23; para 28.1"));
        assert_eq!(locations_text(&[a]).as_deref(), Some(a));
        assert_eq!(locations_text(&[]), None);
    }
}
