//! Latest-year comparisons of one indicator across places: an authority beside its ten
//! statistical neighbours, or beside every authority that publishes the figure.
//!
//! Both views take one period: the latest in which the chosen authority has a row for the
//! indicator (or, when it has none, the latest any authority in view has). Places with a
//! number are sorted best first by the indicator's polarity (highest first when it has
//! none) and given positions (ties share the best one); places whose figure is suppressed,
//! not available or missing are listed after them, unranked, with the reason.

use super::cell::Cell;
use super::config::SiteConfig;
use super::format;
use super::geography::Level;
use super::meta::Polarity;
use super::period::Period;
use super::series::select_with;
use super::table::Table;

/// Which places are compared.
#[derive(Clone, Debug, PartialEq)]
pub enum Scope {
    /// The authority and its neighbours: (new code, DfE's closeness word), nearest first.
    Neighbours(Vec<(String, String)>),
    /// Every local authority in the table.
    All,
}

/// One place in a comparison.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Entry {
    pub code: String,
    pub name: String,
    pub value: Cell,
    /// The value as published (`118`, `12%`), or why there is none (`suppressed (c)`).
    pub text: String,
    /// Position among the placed entries (1 = best; ties share); `None` when unplaced or
    /// when the indicator has no better direction.
    pub position: Option<usize>,
    pub chosen: bool,
    /// DfE's closeness word for a neighbour (`Close`), empty otherwise.
    pub closeness: String,
}

/// A latest-year comparison, with what its chart and table show.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Comparison {
    pub title: String,
    pub period: String,
    pub unit: String,
    pub dp: u8,
    pub polarity: Polarity,
    /// Places with a number, sorted.
    pub placed: Vec<Entry>,
    /// Places without one, in scope order, with the reason in `text`.
    pub unplaced: Vec<Entry>,
    /// England's figure for the same period, when published.
    pub england: Option<Entry>,
    /// How the places are sorted, in words.
    pub order: String,
    pub source: String,
    /// Accessible description (≤ 220 characters).
    pub description: String,
}

impl Comparison {
    /// The chosen place's entry (placed or not).
    pub fn chosen(&self) -> Option<&Entry> {
        self.placed.iter().chain(&self.unplaced).find(|e| e.chosen)
    }
}

/// Builds the comparison of `indicator` (rows matching `filters`; filters not named are
/// `Total`) for `area` within `scope`, or `None` when no place in scope publishes it.
pub fn latest(config: &SiteConfig, table: &Table, indicator: &str, filters: &[(String, String)], area: &str, scope: &Scope) -> Option<Comparison> {
    let meta = table.indicator_meta(indicator)?;
    let mut codes: Vec<(String, String)> = vec![(area.to_string(), String::new())];
    match scope {
        Scope::Neighbours(n) => codes.extend(n.iter().filter(|(c, _)| c != area).cloned()),
        Scope::All => codes.extend(
            table
                .geographies
                .iter()
                .filter(|g| g.level == Level::LocalAuthority && g.code != area && !g.code.contains(' '))
                .map(|g| (g.code.clone(), String::new())),
        ),
    }
    let f: Vec<(&str, &str)> = filters.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let refs: Vec<&str> = codes.iter().map(|(c, _)| c.as_str()).collect();
    let series = select_with(table, indicator, &f, &refs, false);
    let latest_of = |code: &str| series.iter().find(|s| s.geography.code == code).and_then(|s| s.points.iter().map(|p| p.period).max_by_key(|p| p.sort_key()));
    let period: Period = latest_of(area).or_else(|| series.iter().flat_map(|s| s.points.iter().map(|p| p.period)).max_by_key(|p| p.sort_key()))?;
    let name_of = |code: &str| -> String {
        table.geography_index(code).map(|g| table.geographies[g as usize].name.clone()).unwrap_or_else(|| code.to_string())
    };
    let mut placed: Vec<Entry> = Vec::new();
    let mut unplaced: Vec<Entry> = Vec::new();
    let mut sources: Vec<(String, String)> = Vec::new();
    for (code, closeness) in &codes {
        let point = series.iter().find(|s| s.geography.code == *code).and_then(|s| s.points.iter().find(|p| p.period == period));
        if let Some(p) = point {
            if !sources.iter().any(|(s, _)| *s == p.source) {
                sources.push((p.source.clone(), p.source_location.clone()));
            }
        }
        let value = point.map_or(Cell::Empty, |p| p.value);
        let entry = |text: String| Entry { code: code.clone(), name: name_of(code), value, text, position: None, chosen: code == area, closeness: closeness.clone() };
        match value {
            Cell::Number { value: v, decimals } => placed.push(entry(format::with_unit(v, decimals, &meta.unit))),
            Cell::Symbol(s) => unplaced.push(entry(format!("{} ({})", s.meaning(), s.code()))),
            // All-authorities view: a place with no row for the period is not listed.
            Cell::Empty if matches!(scope, Scope::Neighbours(_)) || code == area => unplaced.push(entry(format!("not published for {}", period.label()))),
            Cell::Empty => {}
        }
    }
    if placed.is_empty() {
        return None;
    }
    let key = |e: &Entry| e.value.number().unwrap_or(0.0);
    match meta.polarity {
        Polarity::LowerIsBetter => placed.sort_by(|a, b| key(a).total_cmp(&key(b)).then_with(|| a.name.cmp(&b.name))),
        _ => placed.sort_by(|a, b| key(b).total_cmp(&key(a)).then_with(|| a.name.cmp(&b.name))),
    }
    if meta.polarity != Polarity::Neither {
        // Ties (equal at the published precision) share the best position.
        let shown = |e: &Entry| format::number(key(e), meta.dp.min(e.value_decimals()));
        let mut pos = 0;
        for i in 0..placed.len() {
            if i == 0 || shown(&placed[i]) != shown(&placed[i - 1]) {
                pos = i + 1;
            }
            placed[i].position = Some(pos);
        }
    }
    let order = match meta.polarity {
        Polarity::LowerIsBetter => "Sorted lowest first: lower is better.",
        Polarity::HigherIsBetter => "Sorted highest first: higher is better.",
        Polarity::Neither => "Sorted highest first; this measure has no better direction, so places are not ranked.",
    }
    .to_string();
    let england = select_with(table, indicator, &f, &["E92000001"], false)
        .into_iter()
        .next()
        .and_then(|s| s.points.into_iter().find(|p| p.period == period))
        .and_then(|p| {
            let Cell::Number { value, decimals } = p.value else { return None };
            Some(Entry { code: "E92000001".into(), name: "England".into(), value: p.value, text: format::with_unit(value, decimals, &meta.unit), position: None, chosen: false, closeness: String::new() })
        });
    let area_name = name_of(area);
    let label = format!("{}{}", meta.label, super::chart::filter_label(table, filters));
    let title = match scope {
        Scope::Neighbours(_) => format!("{label}, {}: {area_name} and its statistical neighbours", period.label()),
        Scope::All => format!("{label}, {}: every local authority, {area_name} picked out", period.label()),
    };
    let source = {
        let parts: Vec<String> = sources
            .iter()
            .map(|(id, loc)| {
                let t = config.source(id).map_or(id.as_str(), |s| s.title.as_str());
                if loc.is_empty() { t.to_string() } else { format!("{t}, {loc}") }
            })
            .collect();
        format!("Source: {}", parts.join("; "))
    };
    let mut c = Comparison {
        title,
        period: period.label(),
        unit: meta.unit.clone(),
        dp: meta.dp,
        polarity: meta.polarity,
        placed,
        unplaced,
        england,
        order,
        source,
        description: String::new(),
    };
    c.description = describe(&c);
    Some(c)
}

impl Entry {
    fn value_decimals(&self) -> u8 {
        match self.value {
            Cell::Number { decimals, .. } => decimals,
            _ => 0,
        }
    }
}

/// "County Durham: 118, 5th of 11 (lower is better). Highest Hartlepool 160, lowest …".
fn describe(c: &Comparison) -> String {
    let n = c.placed.len();
    let mut text = match c.chosen() {
        Some(e) => match e.position {
            Some(p) => format!("{}: {}, position {p} of {n} with a figure ({}).", e.name, e.text, c.order.trim_end_matches('.').to_lowercase()),
            None => format!("{}: {}.", e.name, e.text),
        },
        None => String::new(),
    };
    if let (Some(first), Some(last)) = (c.placed.first(), c.placed.last()) {
        text.push_str(&format!(" Range {} ({}) to {} ({}).", first.text, first.name, last.text, last.name));
    }
    if let Some(e) = &c.england {
        text.push_str(&format!(" England {}.", e.text));
    }
    if !c.unplaced.is_empty() {
        text.push_str(&format!(" {} without a figure.", c.unplaced.len()));
    }
    let text = text.trim().to_string();
    if text.chars().count() > 220 {
        let cut: String = text.chars().take(219).collect();
        return format!("{}…", cut.trim_end());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dataset::load_file;

    const META: &str = "col_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,filter_grouping_column,theme,polarity\nrate,Indicator,Rate,,\"per 10,000\",0,,,looked-after,lower-is-better\n";

    fn table(rows: &[(&str, &str, &str)]) -> (SiteConfig, Table) {
        let config = SiteConfig::parse("site.json", r#"{"title":"t","areas":[],"files":[{"id":"f","path":"f.csv","meta":"f.meta.csv","title":"F","source":"dfe"}],"sources":[{"id":"dfe","title":"DfE"}]}"#).unwrap();
        let mut csv = String::from("time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,rate\n");
        csv.push_str("2025,Reporting year,National,E92000001,England,,,,,,70\n");
        for (code, name, v) in rows {
            csv.push_str(&format!("2025,Reporting year,Local authority,E92000001,England,E12000001,North East,1,{code},{name},{v}\n"));
        }
        let t = load_file(&config, &config.files[0], csv.as_bytes(), META.as_bytes());
        let t = t.value.unwrap_or_else(|| panic!("{:?}", t.problems));
        (config, t)
    }

    #[test]
    fn places_are_sorted_by_polarity_ties_share_and_suppressed_come_last() {
        let (config, t) = table(&[("E06000001", "A", "90"), ("E06000002", "B", "c"), ("E06000003", "C", "60"), ("E06000004", "D", "90"), ("E06000005", "E", "120")]);
        let scope = Scope::Neighbours(vec![("E06000002".into(), "Close".into()), ("E06000003".into(), "Close".into()), ("E06000004".into(), "Somewhat close".into()), ("E06000009".into(), "Close".into())]);
        let c = latest(&config, &t, "rate", &[], "E06000001", &scope).unwrap();
        let order: Vec<(&str, Option<usize>)> = c.placed.iter().map(|e| (e.name.as_str(), e.position)).collect();
        assert_eq!(order, vec![("C", Some(1)), ("A", Some(2)), ("D", Some(2))]);
        assert!(c.placed[1].chosen);
        let unplaced: Vec<(&str, &str)> = c.unplaced.iter().map(|e| (e.code.as_str(), e.text.as_str())).collect();
        assert_eq!(unplaced, vec![("E06000002", "suppressed (c)"), ("E06000009", "not published for 2024-25")]);
        assert_eq!(c.england.as_ref().map(|e| e.text.as_str()), Some("70"));
        assert!(c.description.starts_with("A: 90, position 2 of 3"), "{}", c.description);
        let all = latest(&config, &t, "rate", &[], "E06000001", &Scope::All).unwrap();
        assert_eq!(all.placed.len(), 4);
        assert_eq!(all.placed.last().unwrap().name, "E");
        assert_eq!(all.unplaced.len(), 1, "only B, suppressed; places with no row are not listed");
    }
}
