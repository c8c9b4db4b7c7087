//! What to chart: every indicator of a theme, as the right kind of chart for the data,
//! for the place a reader chose.

use crate::core::chart::bar::bar_model;
use crate::core::chart::model::{multiples, Chart};
use crate::core::chart::{joined_line_model, line_model, Selection};
use crate::core::config::{FileEntry, SiteConfig};
use crate::core::meta::ColumnType;
use crate::core::table::Table;

/// One chart on a theme page, independent of the place chosen.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartSpec {
    /// Stable id for URLs and anchors: `file--indicator[--filter-value]`.
    pub id: String,
    pub file: String,
    pub indicator: String,
    /// Filter values fixed for this chart (other than the one varied).
    pub fixed: Vec<(String, String)>,
    /// The filter whose values are compared, if any.
    pub varies: Option<String>,
    /// Group heading (the file's title).
    pub group: String,
    pub label: String,
    /// The other files publishing this measure (configured `measures`), drawn as one
    /// series with this chart's: (file id, resolved part). Empty for most charts.
    pub joined: Vec<(String, crate::core::measure::Resolved)>,
    /// Whether this chart's own figures are counts at the end of each period.
    pub at_end: bool,
    /// The joined parts come before this chart's own figures (they are listed first in the
    /// measure: their value is drawn where the sources differ).
    pub joined_first: bool,
}

/// Options a reader chose.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Choice {
    /// Configured area code.
    pub area: String,
    /// Comparator codes to draw (a subset of the area's, in its order).
    pub comparators: Vec<String>,
    pub years: Option<(u16, u16)>,
    /// Name of the area (for authorities known only from the official data).
    pub area_name: String,
    /// Codes of the area's statistical neighbours (for the `SNM-` median comparator).
    pub neighbours: Vec<String>,
    /// Neighbours drawn as lines of their own: (code, DfE's closeness word), at most
    /// [`MAX_NEIGHBOUR_LINES`]. Trend charts only, and never on a count.
    pub lines: Vec<(String, String)>,
}

/// The area `code` as configured, or built from the official places list (compared with
/// England and its region); either way with the median of its statistical neighbours
/// (`SNM-<code>`) when the model names them. No code: the first configured area.
pub fn area_for(config: &SiteConfig, places: &[crate::core::slice::Place], code: Option<&str>) -> Option<crate::core::config::Area> {
    let configured = code.and_then(|a| config.area(a)).cloned();
    let mut area = configured
        .or_else(|| {
            let p = places.iter().find(|p| Some(p.code.as_str()) == code)?;
            let mut comparators = Vec::new();
            if p.code != "E92000001" {
                comparators.push("E92000001".to_string());
            }
            if !p.region_code.is_empty() && p.region_code != p.code {
                comparators.push(p.region_code.clone());
            }
            Some(crate::core::config::Area { code: p.code.clone(), name: p.name.clone(), level: p.level.clone(), comparators })
        })
        .or_else(|| config.areas.first().cloned())?;
    let has_neighbours = places.iter().any(|p| p.code == area.code && !p.neighbours.is_empty());
    let snm = format!("SNM-{}", area.code);
    if has_neighbours && !area.comparators.contains(&snm) {
        area.comparators.push(snm);
    }
    Some(area)
}

/// What a reader who opens `code`'s page sees: all its comparators, every year, the
/// neighbours' median, no named neighbours as lines.
pub fn default_choice(config: &SiteConfig, places: &[crate::core::slice::Place], code: &str) -> Option<Choice> {
    let area = area_for(config, places, Some(code))?;
    let neighbours = places.iter().find(|p| p.code == area.code).map(|p| p.neighbours.iter().map(|(c, _)| c.clone()).collect()).unwrap_or_default();
    Some(Choice { area_name: area.name.clone(), area: area.code, comparators: area.comparators, years: None, neighbours, lines: Vec::new() })
}

/// How many named neighbours can be drawn at once, so every line keeps a style of its own.
pub const MAX_NEIGHBOUR_LINES: usize = 3;

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// Every chart for indicators whose meta `theme` is in `themes`, in file then column order.
pub fn theme_charts(files: &[(&FileEntry, &Table)], themes: &[&str]) -> Vec<ChartSpec> {
    theme_charts_joined(None, files, themes)
}

/// [`theme_charts`], with the configured measures joined: a measure published by several
/// files is one chart (the anchor part's, or the first part's whose file is loaded), and
/// its other parts add their figures to it instead of charts of their own.
pub fn theme_charts_joined(config: Option<&SiteConfig>, files: &[(&FileEntry, &Table)], themes: &[&str]) -> Vec<ChartSpec> {
    let mut specs = raw_charts(files, themes);
    let Some(config) = config else { return specs };
    let table_of = |id: &str| files.iter().find(|(e, _)| e.id == id).map(|(_, t)| *t);
    let mut drop: Vec<usize> = Vec::new();
    for m in &config.measures {
        // Each loaded part, resolved, with the index of its chart among the specs.
        let mut found: Vec<(usize, &crate::core::config::MeasurePart, crate::core::measure::Resolved)> = Vec::new();
        for part in &m.parts {
            let Some(t) = table_of(&part.file) else { continue };
            let Ok(r) = crate::core::measure::resolve(&m.id, t, part) else { continue };
            let fixed_matches = |s: &ChartSpec| {
                s.varies.is_none() && s.file == part.file && s.indicator == r.indicator && r.filters.iter().all(|f| s.fixed.contains(f))
                    && s.fixed.iter().all(|(k, v)| v == "Total" || r.filters.iter().any(|(a, b)| a == k && b == v))
            };
            if let Some(i) = specs.iter().position(fixed_matches) {
                found.push((i, part, r));
            }
        }
        let Some(anchor) = found.iter().position(|(_, p, _)| p.anchor).or((!found.is_empty()).then_some(0)) else { continue };
        let (ai, _, ar) = found[anchor].clone();
        specs[ai].at_end = ar.at_end;
        // Order of drawing is the configured order of parts: the anchor's own figures keep
        // their place among them.
        let joined: Vec<(String, crate::core::measure::Resolved)> = found
            .iter()
            .filter(|(i, _, _)| *i != ai)
            .map(|(i, p, r)| {
                drop.push(*i);
                (p.file.clone(), r.clone())
            })
            .collect();
        let anchor_pos = m.parts.iter().position(|p| p.file == specs[ai].file).unwrap_or(0);
        specs[ai].joined = joined;
        specs[ai].joined_first = m.parts.iter().position(|p| found.iter().any(|(i, q, _)| *i != ai && q.file == p.file)).is_some_and(|first_other| first_other < anchor_pos);
    }
    drop.sort_unstable();
    drop.dedup();
    for i in drop.into_iter().rev() {
        specs.remove(i);
    }
    specs
}

/// The chart that draws a figure (a scorecard row's `file`, `indicator` and `filters`):
/// its own trend chart (filters fixed, others at Total), else the chart comparing the values
/// of a filter it fixes, else the chart it is joined into as part of a measure.
pub fn chart_for<'s>(specs: &'s [ChartSpec], file: &str, indicator: &str, filters: &[(String, String)]) -> Option<&'s ChartSpec> {
    let fixed_ok = |fixed: &[(String, String)], varies: Option<&str>| {
        filters.iter().all(|(k, v)| fixed.iter().any(|(a, b)| a == k && b == v) || varies == Some(k.as_str()))
            && fixed.iter().all(|(k, v)| v == "Total" || filters.iter().any(|(a, b)| a == k && b == v))
    };
    let own = specs.iter().filter(|s| s.file == file && s.indicator == indicator);
    own.clone().find(|s| s.varies.is_none() && fixed_ok(&s.fixed, None))
        .or_else(|| own.clone().find(|s| fixed_ok(&s.fixed, s.varies.as_deref())))
        .or_else(|| specs.iter().find(|s| s.joined.iter().any(|(f, r)| f == file && r.indicator == indicator && fixed_ok(&r.filters, None))))
}

fn raw_charts(files: &[(&FileEntry, &Table)], themes: &[&str]) -> Vec<ChartSpec> {
    let mut specs = Vec::new();
    for (entry, table) in files {
        for m in &table.meta.columns {
            if m.col_type != ColumnType::Indicator || !themes.contains(&m.theme.as_str()) {
                continue;
            }
            let Some(ind) = table.indicator_index(&m.name) else { continue };
            // Distinct values of each filter on rows with this indicator, in file order
            // (one pass, comparing interned ids, so a million-row file stays fast).
            let mut seen = vec![vec![false; table.strings.len()]; table.filters.len()];
            let mut distinct: Vec<Vec<&str>> = vec![Vec::new(); table.filters.len()];
            let mut any = false;
            for (r, cell) in table.values[ind].iter().enumerate() {
                if cell.is_empty() {
                    continue;
                }
                any = true;
                for (f, values) in table.filter_values.iter().enumerate() {
                    let id = values[r];
                    if !std::mem::replace(&mut seen[f][id as usize], true) {
                        distinct[f].push(table.text(id));
                    }
                }
            }
            if !any {
                continue;
            }
            // A filter with one value, or whose values are separate measures, is fixed: one
            // chart per value. The filter with most categories is compared.
            let varying = (0..table.filters.len())
                .filter(|&f| distinct[f].iter().any(|v| *v != "Total") && distinct[f].len() > 1 && !entry.measure_filters.contains(&table.filters[f]))
                .max_by_key(|&f| distinct[f].len());
            let base = |fixed: &[(String, String)], varies: Option<&str>| {
                let mut id = format!("{}--{}", entry.id, m.name);
                for (_, v) in fixed.iter().filter(|(_, v)| v != "Total") {
                    id.push_str("--");
                    id.push_str(&slug(v));
                }
                if let Some(f) = varies {
                    id.push_str("--by-");
                    id.push_str(&slug(f));
                }
                ChartSpec {
                    id,
                    file: entry.id.clone(),
                    indicator: m.name.clone(),
                    fixed: fixed.to_vec(),
                    varies: varies.map(str::to_string),
                    group: entry.title.clone(),
                    label: m.label.clone(),
                    joined: Vec::new(),
                    at_end: false,
                    joined_first: false,
                }
            };
            // Other filters: fixed at Total when they have it, otherwise one chart per value.
            let others: Vec<usize> = (0..table.filters.len()).filter(|&o| Some(o) != varying).collect();
            let mut combos: Vec<Vec<(String, String)>> = vec![Vec::new()];
            for &o in &others {
                let values: Vec<&str> = if distinct[o].contains(&"Total") { vec!["Total"] } else { distinct[o].clone() };
                combos = combos
                    .into_iter()
                    .flat_map(|c| values.iter().map(move |v| {
                        let mut c = c.clone();
                        c.push((table.filters[o].clone(), v.to_string()));
                        c
                    }))
                    .collect();
            }
            for combo in combos {
                let Some(f) = varying else {
                    specs.push(base(&combo, None));
                    continue;
                };
                // A Total row for the varied filter gets a trend of its own.
                if distinct[f].contains(&"Total") {
                    specs.push(base(&combo, None));
                }
                specs.push(base(&combo, Some(&table.filters[f])));
            }
        }
    }
    specs
}

/// The geographies to draw for `area`, main one first: the area itself when the table
/// has it; otherwise every configured partnership covering it that the table has (a
/// board and its successor partnership can both cover a council).
pub fn resolve_area(config: &SiteConfig, table: &Table, area: &str) -> Vec<(String, String)> {
    if table.geography_index(area).is_some() {
        let name = config.area(area).map_or(area.to_string(), |a| a.name.clone());
        return vec![(area.to_string(), name)];
    }
    // A partnership chosen directly stands for the councils it covers.
    let places: Vec<&str> = match config.partnerships.iter().find(|p| p.code == area) {
        Some(p) => p.areas.iter().map(String::as_str).collect(),
        None => vec![area],
    };
    config
        .partnerships
        .iter()
        .filter(|p| p.code == area || p.areas.iter().any(|a| places.contains(&a.as_str())))
        .filter(|p| table.geography_index(&p.code).is_some())
        .map(|p| (p.code.clone(), p.name.clone()))
        .collect()
}

/// Whether the reader asked for comparisons a count chart leaves out.
fn comparators_dropped(comparators: &[String], lines: &[(String, String)]) -> bool {
    !lines.is_empty() || comparators.iter().any(|c| c.starts_with("E92") || c.starts_with("E12") || c.starts_with("E13") || c.starts_with("SNM-"))
}

/// Builds the chart for `spec` and the reader's choice, or `None` when nothing is
/// published for that place. Categories with three or more periods for the place become
/// small multiples (up to eight panels); otherwise bars for the latest period.
pub fn build(config: &SiteConfig, tables: &[(&FileEntry, &Table)], spec: &ChartSpec, choice: &Choice) -> Option<Chart> {
    let table: &Table = tables.iter().find(|(e, _)| e.id == spec.file)?.1;
    let places = resolve_area(config, table, &choice.area);
    // The main place is the first covering place with values for this indicator.
    let filters: Vec<(&str, &str)> = spec.fixed.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let has_values = |code: &str| {
        let f: Vec<(&str, &str)> = if spec.varies.is_some() { Vec::new() } else { filters.clone() };
        match &spec.varies {
            None => !crate::core::series::select(table, &spec.indicator, &f, &[code]).is_empty(),
            Some(_) => table.geography_index(code).is_some_and(|g| {
                let i = table.indicator_index(&spec.indicator);
                table.rows_of(g).any(|r| i.is_some_and(|i| !table.values[i][r].is_empty()))
            }),
        }
    };
    let joined_has = |code: &str| {
        spec.joined.iter().any(|(file, r)| {
            tables.iter().find(|(e, _)| e.id == *file).is_some_and(|(_, t)| {
                let f: Vec<(&str, &str)> = r.filters.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
                !crate::core::series::select(t, &r.indicator, &f, &[code]).is_empty()
            })
        })
    };
    let main = places.iter().position(|(c, _)| has_values(c)).or_else(|| {
        // Only a joined file publishes this place (an authority the reports do not cover).
        (!spec.joined.is_empty() && joined_has(&choice.area)).then_some(usize::MAX)
    })?;
    let places = if main == usize::MAX { vec![(choice.area.clone(), choice.area_name.clone())] } else { places };
    let main = main.min(places.len() - 1);
    let (code, mut name) = places[main].clone();
    // An authority no partnership configures is named as the reader's choice names it.
    if name == code && code == choice.area && !choice.area_name.is_empty() {
        name = choice.area_name.clone();
    }
    let mut comparators: Vec<String> = places.iter().enumerate().filter(|(i, _)| *i != main).map(|(_, (c, _))| c.clone()).collect();
    // Other bodies covering the area (a predecessor board, a child death overview panel)
    // are drawn beside it only named as what they are.
    let other_bodies = comparators.clone();
    let body_name = |name: &str| format!("{name} (another body)");
    comparators.extend(choice.comparators.iter().cloned());
    // A count of one authority is not drawn beside England's or a region's (or a median of
    // other authorities' counts): their sizes differ, and the authority's line would lie
    // flat on the axis. Rates and percentages carry the comparison.
    let is_count = table.indicator_meta(&spec.indicator).is_some_and(|m| m.unit.is_empty());
    let local = table.geography_index(&code).is_some_and(|g| table.geographies[g as usize].level == crate::core::geography::Level::LocalAuthority)
        || config.area(&code).is_none_or(|a| a.level == "Local authority");
    let official = !spec.joined.is_empty() || config.file(&spec.file).is_some_and(|f| f.sliced);
    let counts_apart = is_count && local && official;
    if counts_apart {
        comparators.retain(|c| !(c.starts_with("E92") || c.starts_with("E12") || c.starts_with("E13") || c.starts_with("SNM-")));
    } else if spec.varies.is_none() && code == choice.area {
        comparators.extend(choice.lines.iter().take(MAX_NEIGHBOUR_LINES).map(|(c, _)| c.clone()));
    }
    let sel = Selection {
        indicator: spec.indicator.clone(),
        filters: spec.fixed.clone(),
        area: code,
        area_name: name,
        comparators,
        years: choice.years,
        neighbours: choice.neighbours.clone(),
    };
    let Some(filter) = &spec.varies else {
        let mut parts: Vec<(&Table, Selection, bool)> = vec![(table, sel.clone(), spec.at_end)];
        for (file, r) in &spec.joined {
            let Some((_, t)) = tables.iter().find(|(e, _)| e.id == *file) else { continue };
            parts.push((t, Selection { indicator: r.indicator.clone(), filters: r.filters.clone(), ..sel.clone() }, r.at_end));
        }
        let name_lines = |mut model: crate::core::chart::LineModel| {
            for s in &mut model.series {
                if other_bodies.contains(&s.code) {
                    s.name = body_name(&s.name);
                }
                if let Some((_, close)) = choice.lines.iter().find(|(c, _)| *c == s.code) {
                    s.name = format!("{} (neighbour, {})", s.name, close.trim().to_lowercase());
                }
            }
            if counts_apart && comparators_dropped(&choice.comparators, &choice.lines) {
                model.notes.insert(0, format!("Counts of other places are not drawn beside {}'s: their sizes differ. The rate per 10,000 children compares them.", model.series[0].name));
            }
            model
        };
        if !spec.joined_first {
            return joined_line_model(config, &parts, &sel).map(name_lines).map(Chart::Line);
        }
        // The official figures are drawn first; the chart keeps the anchor's own label,
        // which names the measure (the official column is often shared by several).
        parts.rotate_left(1);
        let mut model = joined_line_model(config, &parts, &sel)?;
        if let Some(meta) = table.indicator_meta(&spec.indicator) {
            model.title = format!("{}: {}", meta.label, model.series[0].name);
        }
        return Some(Chart::Line(name_lines(model)));
    };
    let mut bars = bar_model(table, config, &sel, filter)?;
    for s in &mut bars.series {
        if other_bodies.contains(&s.code) {
            s.name = match s.name.split_once(", ") {
                Some((place, when)) => format!("{}, {when}", body_name(place)),
                None => body_name(&s.name),
            };
        }
    }
    let panels: Vec<(String, crate::core::chart::LineModel)> = bars
        .categories
        .iter()
        .filter_map(|c| {
            let mut s = sel.clone();
            s.filters.push((filter.clone(), c.clone()));
            line_model(table, config, &s).map(|m| (c.clone(), m))
        })
        .collect();
    let long_enough = !panels.is_empty() && panels.iter().all(|(_, p)| p.periods.len() >= 3) && panels.len() <= 8;
    if long_enough {
        let meta = table.indicator_meta(&spec.indicator)?;
        // Named by the place alone: the bars' series name carries the latest period
        // ("Derby, Q4 2017-18"), which the panels span rather than show.
        let place = panels[0].1.series.first().map_or(bars.series[0].name.as_str(), |s| s.name.as_str());
        let title = crate::core::chart::bar::by_title(&meta.label, &bars.filter_label, place);
        return multiples(title, bars.filter_label.clone(), panels).map(Chart::Multiples);
    }
    Some(Chart::Bars(bars))
}
