//! What a data file was understood to hold, for a publisher checking it before it goes on
//! the site ("Check your data"): its places by level, its periods, its filters and their
//! values, its indicators with their units and symbols, and the pages each would appear on.
//! Everything is counted from the parsed [`Table`]; nothing is guessed beyond what the
//! parser and the catalog decided.

use super::catalog::{theme_charts, ChartSpec};
use super::cell::{Cell, Symbol};
use super::config::{Area, FileEntry};
use super::geography::Level;
use super::indicator::indicators;
use super::table::Table;
use super::view::THEME_PAGES;

/// How many names or values a list shows before "and N more".
pub const SHOWN: usize = 8;

/// Places of one geographic level.
#[derive(Clone, Debug, PartialEq)]
pub struct Places {
    pub level: &'static str,
    pub count: usize,
    /// The first [`SHOWN`] names, with their codes: `County Durham (E06000047)`.
    pub first: Vec<String>,
}

/// One filter column and its values, in the order first met.
#[derive(Clone, Debug, PartialEq)]
pub struct Filter {
    pub column: String,
    pub label: String,
    pub count: usize,
    pub first: Vec<String>,
}

/// One indicator column as understood.
#[derive(Clone, Debug, PartialEq)]
pub struct Indicator {
    pub column: String,
    pub label: String,
    /// Its unit as the meta file gives it (`count` when none).
    pub unit: String,
    pub numbers: usize,
    /// Cells holding each GSS symbol, in the order of [`Symbol`].
    pub symbols: Vec<(Symbol, usize)>,
    /// The theme page it would appear on, or `None` (no theme in its meta row).
    pub page: Option<(&'static str, &'static str)>,
}

/// An indicator page a file's figures would appear on: (theme page id, its title,
/// indicator slug, indicator label). Its address is `<theme>/<slug>/`.
#[derive(Clone, Debug, PartialEq)]
pub struct PagePlace {
    pub theme: &'static str,
    pub theme_title: &'static str,
    pub slug: String,
    pub label: String,
    pub charts: Vec<ChartSpec>,
}

/// Everything [`summarise`] found.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub rows: usize,
    pub places: Vec<Places>,
    /// Each kind of period (`Financial year`, …) with its first and last label and count.
    pub periods: Vec<(String, String, String, usize)>,
    pub filters: Vec<Filter>,
    pub indicators: Vec<Indicator>,
    /// Symbols over the whole file.
    pub symbols: Vec<(Symbol, usize)>,
    pub conflicts: usize,
}

const SYMBOLS: [Symbol; 6] = [Symbol::Suppressed, Symbol::NotAvailable, Symbol::NotApplicable, Symbol::RoundsToZero, Symbol::LowReliability, Symbol::Low];
const LEVELS: [Level; 5] = [Level::National, Level::Regional, Level::LocalAuthority, Level::Partnership, Level::ComparatorGroup];

/// The theme page showing meta theme `theme`.
pub fn page_of_theme(theme: &str) -> Option<(&'static str, &'static str)> {
    THEME_PAGES.iter().find(|(_, _, themes)| themes.contains(&theme)).map(|(id, title, _)| (*id, *title))
}

/// What `table` holds.
pub fn summarise(table: &Table) -> Summary {
    let mut places = Vec::new();
    for level in LEVELS {
        let of_level: Vec<&super::geography::Geography> = table.geographies.iter().filter(|g| g.level == level).collect();
        if !of_level.is_empty() {
            let first = of_level.iter().take(SHOWN).map(|g| format!("{} ({})", g.name, g.code)).collect();
            places.push(Places { level: level.name(), count: of_level.len(), first });
        }
    }
    let mut periods: Vec<(super::period::TimeIdentifier, super::period::Period, super::period::Period, std::collections::BTreeSet<u16>)> = Vec::new();
    for p in &table.period {
        match periods.iter_mut().find(|(id, ..)| *id == p.identifier) {
            Some((_, first, last, years)) => {
                if p.year < first.year {
                    *first = *p;
                }
                if p.year > last.year {
                    *last = *p;
                }
                years.insert(p.year);
            }
            None => periods.push((p.identifier, *p, *p, std::iter::once(p.year).collect())),
        }
    }
    let periods = periods.into_iter().map(|(id, first, last, years)| (id.name().to_string(), first.label(), last.label(), years.len())).collect();
    let filters = table
        .filters
        .iter()
        .enumerate()
        .map(|(f, column)| {
            let mut seen: Vec<u32> = Vec::new();
            for &v in &table.filter_values[f] {
                if !seen.contains(&v) {
                    seen.push(v);
                }
            }
            let label = table.meta.get(column).map_or_else(|| column.clone(), |m| m.label.clone());
            Filter { column: column.clone(), label, count: seen.len(), first: seen.iter().take(SHOWN).map(|&v| table.text(v).to_string()).collect() }
        })
        .collect();
    let mut totals = [0usize; 6];
    let indicators = table
        .indicators
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let mut counts = [0usize; 6];
            let mut numbers = 0;
            for cell in &table.values[i] {
                match cell {
                    Cell::Number { .. } => numbers += 1,
                    Cell::Symbol(s) => counts[SYMBOLS.iter().position(|x| x == s).unwrap_or(0)] += 1,
                    Cell::Empty => {}
                }
            }
            for (t, c) in totals.iter_mut().zip(counts) {
                *t += c;
            }
            let meta = table.meta.get(column);
            Indicator {
                column: column.clone(),
                label: meta.map_or_else(|| column.clone(), |m| m.label.clone()),
                unit: meta.map(|m| m.unit.clone()).filter(|u| !u.is_empty()).unwrap_or_else(|| "count".into()),
                numbers,
                symbols: SYMBOLS.iter().zip(counts).filter(|(_, c)| *c > 0).map(|(s, c)| (*s, c)).collect(),
                page: meta.and_then(|m| page_of_theme(&m.theme)),
            }
        })
        .collect();
    Summary {
        rows: table.rows(),
        places,
        periods,
        filters,
        indicators,
        symbols: SYMBOLS.iter().zip(totals).filter(|(_, c)| *c > 0).map(|(s, c)| (*s, c)).collect(),
        conflicts: table.conflicts.len(),
    }
}

/// The indicator pages the file `entry` (parsed as `table`) would add charts to, in theme
/// order, as the catalog groups its charts.
pub fn pages(entry: &FileEntry, table: &Table) -> Vec<PagePlace> {
    let mut out = Vec::new();
    for (id, title, themes) in THEME_PAGES.iter() {
        let specs = theme_charts(&[(entry, table)], themes);
        for ind in indicators(&specs) {
            out.push(PagePlace { theme: id, theme_title: title, slug: ind.slug, label: ind.label, charts: ind.charts });
        }
    }
    out
}

/// The place a preview of `table` draws: the first of `preferred` (the site's configured
/// areas) the file describes, else its first local authority, partnership, region or
/// country; compared with the file's England and the place's region when it has them.
pub fn preview_area(table: &Table, preferred: &[Area]) -> Option<Area> {
    let find = |code: &str| table.geographies.iter().find(|g| g.code == code);
    let chosen = preferred
        .iter()
        .find_map(|a| find(&a.code))
        .or_else(|| [Level::LocalAuthority, Level::Partnership, Level::Regional, Level::National].iter().find_map(|l| table.geographies.iter().find(|g| g.level == *l)))?;
    let mut comparators = Vec::new();
    if chosen.level != Level::National {
        if let Some(e) = table.geographies.iter().find(|g| g.level == Level::National) {
            comparators.push(e.code.clone());
        }
    }
    if chosen.level == Level::LocalAuthority {
        // The region the file gives for the authority's rows.
        let region = preferred.iter().find(|a| a.code == chosen.code).and_then(|a| a.comparators.iter().find(|c| c.starts_with("E12") && find(c).is_some()).cloned());
        if let Some(r) = region {
            comparators.push(r);
        }
    }
    Some(Area { code: chosen.code.clone(), name: chosen.name.clone(), level: chosen.level.name().to_string(), comparators })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::parse::{parse_data, parse_meta, Context};

    const META: &str = "col_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,filter_grouping_column,theme\n\
        placement,Filter,Placement type,,,,,,\n\
        children,Indicator,Children placed,,,0,,,looked-after\n\
        rate,Indicator,\"Rate per 10,000\",,\"per 10,000\",0,,,\n";
    const DATA: &str = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name,placement,children,rate,source,source_location\n\
        202223,Financial year,National,E92000001,England,,,,,,Total,100,5,s,t\n\
        202324,Financial year,National,E92000001,England,,,,,,Total,110,c,s,t\n\
        202324,Financial year,Local authority,E92000001,England,E12000001,North East,E06000047,840,County Durham,Foster,c,x,s,t\n\
        202324,Financial year,Local authority,E92000001,England,E12000001,North East,E06000047,840,County Durham,Total,40,7,s,t\n";

    fn table() -> Table {
        let meta = parse_meta("m.meta.csv", META.as_bytes()).value.unwrap();
        let parsed = parse_data("m.csv", DATA.as_bytes(), &meta, &Context::default());
        assert!(parsed.errors().next().is_none(), "{:?}", parsed.problems);
        parsed.value.unwrap()
    }

    #[test]
    fn counts_what_the_file_holds() {
        let s = summarise(&table());
        assert_eq!(s.rows, 4);
        assert_eq!(s.places.iter().map(|p| (p.level, p.count)).collect::<Vec<_>>(), vec![("National", 1), ("Local authority", 1)]);
        assert_eq!(s.places[1].first, vec!["County Durham (E06000047)".to_string()]);
        assert_eq!(s.periods, vec![("Financial year".to_string(), "2022-23".to_string(), "2023-24".to_string(), 2)]);
        assert_eq!(s.filters[0].first, vec!["Total".to_string(), "Foster".to_string()]);
        let children = &s.indicators[0];
        assert_eq!((children.numbers, children.symbols.clone(), children.page), (3, vec![(Symbol::Suppressed, 1)], Some(("looked-after", "Children looked after and care leavers"))));
        // No theme: on no page.
        assert_eq!(s.indicators[1].page, None);
        assert_eq!(s.indicators[1].unit, "per 10,000");
        assert_eq!(s.symbols, vec![(Symbol::Suppressed, 2), (Symbol::NotAvailable, 1)]);
    }

    #[test]
    fn the_preview_draws_a_configured_area_compared_with_england() {
        let t = table();
        let durham = Area { code: "E06000047".into(), name: "County Durham".into(), level: "Local authority".into(), comparators: vec!["E92000001".into(), "E12000001".into()] };
        let a = preview_area(&t, &[Area { code: "E06000015".into(), ..durham.clone() }, durham]).unwrap();
        // The region has no rows of its own in the file: only England is drawn beside it.
        assert_eq!((a.code.as_str(), a.comparators.clone()), ("E06000047", vec!["E92000001".to_string()]));
        // With no configured area in the file, its first authority.
        assert_eq!(preview_area(&t, &[]).unwrap().name, "County Durham");
    }

    #[test]
    fn names_the_pages_a_file_adds_to() {
        let t = table();
        let entry = FileEntry { id: "m".into(), path: "m.csv".into(), meta: "m.meta.csv".into(), title: "Placements".into(), theme: String::new(), source: None, measure_filters: Vec::new(), sliced: false };
        let pages = pages(&entry, &t);
        assert_eq!(pages.len(), 1, "{pages:?}");
        assert_eq!((pages[0].theme, pages[0].slug.as_str()), ("looked-after", "m--children"));
    }
}
