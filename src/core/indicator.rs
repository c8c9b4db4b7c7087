//! Indicators: what a theme overview lists, one row each, and what an indicator page
//! shows. An indicator is one measure with its fixed filter values: its trend chart and
//! the charts that break it down by one filter (`…--by-<filter>`), under one slug (the
//! trend chart's id, or the breakdown's id without its `--by-` part when there is no trend).

use super::catalog::ChartSpec;
use super::chart::model::Chart;
use super::headline::{from_model, Headline};
use super::meta::Polarity;
use super::scorecard::{spark_points, SparkPoint};

/// One indicator of a theme page.
#[derive(Clone, Debug, PartialEq)]
pub struct Indicator {
    /// Stable part of its address: the trend chart's id.
    pub slug: String,
    /// The measure's label with the fixed filter values that tell it apart from its
    /// neighbours in the list ("Children ceasing to be looked after (number): gender").
    pub label: String,
    /// Heading it is listed under (its data file's title).
    pub group: String,
    /// Its charts, in catalog order: the trend first when there is one.
    pub charts: Vec<ChartSpec>,
}

/// The slug of the indicator a chart belongs to.
pub fn slug_of(chart_id: &str) -> &str {
    match chart_id.rfind("--by-") {
        Some(i) => &chart_id[..i],
        None => chart_id,
    }
}

/// Groups a theme's charts into indicators, in the order their first chart comes.
pub fn indicators(specs: &[ChartSpec]) -> Vec<Indicator> {
    let mut out: Vec<Indicator> = Vec::new();
    for spec in specs {
        let slug = slug_of(&spec.id);
        match out.iter_mut().find(|i| i.slug == slug) {
            Some(i) => i.charts.push(spec.clone()),
            None => {
                let fixed: Vec<&str> = spec.fixed.iter().map(|(_, v)| v.as_str()).filter(|v| *v != "Total" && !spec.label.to_lowercase().contains(&v.to_lowercase())).collect();
                let label = match fixed.is_empty() {
                    true => spec.label.clone(),
                    false => format!("{}: {}", spec.label, fixed.join(", ").to_lowercase()),
                };
                out.push(Indicator { slug: slug.to_string(), label, group: spec.group.clone(), charts: vec![spec.clone()] });
            }
        }
    }
    // Two indicators whose labels read the same are told apart by their file's title.
    let labels: Vec<String> = out.iter().map(|i| i.label.clone()).collect();
    for i in &mut out {
        if labels.iter().filter(|l| **l == i.label).count() > 1 {
            i.label = format!("{} ({})", i.label, i.group);
        }
    }
    out
}

/// The indicator `slug` names, or the one holding chart `slug` (an old link to a chart).
pub fn find<'a>(list: &'a [Indicator], slug: &str) -> Option<&'a Indicator> {
    list.iter().find(|i| i.slug == slug).or_else(|| list.iter().find(|i| i.charts.iter().any(|c| c.id == slug)))
}

/// One row of a theme overview, read from the indicator's first chart the area has.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub slug: String,
    pub label: String,
    pub group: String,
    /// The latest figure, its change and its comparisons, when the first chart is a trend.
    pub headline: Option<Headline>,
    /// The trend, placed in proportion to time (lines only between joinable figures).
    pub spark: Vec<SparkPoint>,
    /// First and last period of the trend, for the sparkline's text alternative.
    pub span: Option<(String, String)>,
    /// What the charts break it down by, when they do ("age band").
    pub breakdowns: Vec<String>,
    /// How many charts its page holds.
    pub charts: usize,
}

/// The overview row of `indicator` from its built charts (`None` where the area has no
/// figures); `None` when the area has no figures on any of them.
pub fn row(indicator: &Indicator, built: &[Option<&Chart>], polarity: Polarity) -> Option<Row> {
    let first = built.iter().flatten().next()?;
    let breakdowns = indicator.charts.iter().zip(built).filter(|(s, b)| s.varies.is_some() && b.is_some()).filter_map(|(s, _)| s.varies.clone()).map(|f| f.replace('_', " ")).collect();
    let mut r = Row { slug: indicator.slug.clone(), label: indicator.label.clone(), group: indicator.group.clone(), headline: None, spark: Vec::new(), span: None, breakdowns, charts: built.iter().flatten().count() };
    let model = match first {
        Chart::Line(m) => Some(m),
        _ => None,
    };
    if let Some(m) = model {
        let area = &m.series[0];
        r.headline = from_model(m, &indicator.charts[0].label, polarity, &area.name);
        let shown: Vec<super::series::Point> = area.points.iter().filter_map(|slot| slot.first().cloned()).collect();
        r.spark = spark_points(&m.periods, &shown);
        let named = |i: usize| shown.get(i).map(|p| p.period.label());
        r.span = named(0).zip(named(shown.len().saturating_sub(1)));
    }
    Some(r)
}

/// Whether `row` matches a reader's filter text: every word appears in its label, group
/// or breakdowns, ignoring case.
pub fn matches(row: &Row, filter: &str) -> bool {
    matches_text(&haystack(row), filter)
}

/// What a filter reads of `row`: its label, group and breakdowns, lower-cased.
pub fn haystack(row: &Row) -> String {
    format!("{} {} {}", row.label, row.group, row.breakdowns.join(" ")).to_lowercase()
}

/// Whether every word of `filter` appears in `hay` (a [`haystack`]), ignoring case.
pub fn matches_text(hay: &str, filter: &str) -> bool {
    filter.split_whitespace().all(|w| hay.contains(&w.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(id: &str, label: &str, fixed: &[(&str, &str)], varies: Option<&str>) -> ChartSpec {
        ChartSpec {
            id: id.into(),
            file: id.split("--").next().unwrap().into(),
            indicator: "n".into(),
            fixed: fixed.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect(),
            varies: varies.map(str::to_string),
            group: "File".into(),
            label: label.into(),
            joined: Vec::new(),
            at_end: false,
            joined_first: false,
        }
    }

    #[test]
    fn a_trend_and_its_breakdowns_are_one_indicator() {
        let specs = [
            spec("f--n--gender", "Children (number)", &[("group", "Gender")], None),
            spec("f--n--gender--by-characteristic", "Children (number)", &[("group", "Gender")], Some("characteristic")),
            spec("f--n--reason", "Children (number)", &[("group", "Reason")], None),
            spec("g--m--by-age", "Only a breakdown", &[], Some("age")),
        ];
        let list = indicators(&specs);
        assert_eq!(list.iter().map(|i| i.slug.as_str()).collect::<Vec<_>>(), ["f--n--gender", "f--n--reason", "g--m"]);
        assert_eq!(list[0].charts.len(), 2);
        assert_eq!(list[0].label, "Children (number): gender", "fixed values tell same-label indicators apart");
        assert_eq!(list[2].label, "Only a breakdown");
        assert_eq!(find(&list, "f--n--gender--by-characteristic").map(|i| i.slug.as_str()), Some("f--n--gender"), "an old chart link finds its indicator");
        assert!(find(&list, "nope").is_none());
    }

    #[test]
    fn same_labels_are_told_apart_by_file() {
        let mut a = spec("a--n", "Rate", &[], None);
        a.group = "Report".into();
        let mut b = spec("b--n", "Rate", &[], None);
        b.group = "DfE".into();
        let list = indicators(&[a, b]);
        assert_eq!(list[0].label, "Rate (Report)");
        assert_eq!(list[1].label, "Rate (DfE)");
    }

    #[test]
    fn filter_words_match_anywhere_in_any_order() {
        let r = Row { slug: "s".into(), label: "Children looked after rate".into(), group: "DfE".into(), headline: None, spark: vec![], span: None, breakdowns: vec!["age band".into()], charts: 1 };
        assert!(matches(&r, "RATE looked"));
        assert!(matches(&r, "age"));
        assert!(matches(&r, ""));
        assert!(!matches(&r, "protection"));
    }
}
