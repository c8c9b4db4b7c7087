//! Home-page headlines: the latest value of a theme's main indicator for an area, the
//! change since the previous period in words, and how it compares with England.

use super::cell::Cell;
use super::chart::{line_model, Selection};
use super::config::SiteConfig;
use super::format;
use super::meta::Polarity;
use super::table::Table;

/// Direction of travel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    Same,
}

/// One headline.
#[derive(Clone, Debug, PartialEq)]
pub struct Headline {
    pub label: String,
    pub place: String,
    pub value: String,
    pub period: String,
    /// `at 31 March 2022` when the value is a count at a date.
    pub counted_at: Option<String>,
    pub direction: Option<Direction>,
    /// "up from 96 in 2021-22".
    pub change: Option<String>,
    /// "improving", "worsening", "no change"; `None` when the indicator has no polarity.
    pub judgement: Option<&'static str>,
    /// "above England (70 in 2021-22)".
    pub versus_england: Option<String>,
    /// The same for the other comparators drawn (region, neighbours' median), in the
    /// latest period only: "below North East (110)".
    pub versus_others: Vec<String>,
    /// The period of the value (to choose the newest of several candidates).
    pub when: super::period::Period,
}

pub const ENGLAND: &str = "E92000001";

/// Judgement of a move given the indicator's polarity.
pub fn judge(direction: Direction, polarity: Polarity) -> Option<&'static str> {
    match (direction, polarity) {
        (_, Polarity::Neither) => None,
        (Direction::Same, _) => Some("no change"),
        (Direction::Up, Polarity::HigherIsBetter) | (Direction::Down, Polarity::LowerIsBetter) => Some("improving"),
        _ => Some("worsening"),
    }
}

/// The headline for `indicator` in `table` for the geography `code` named `place`.
pub fn headline(table: &Table, config: &SiteConfig, indicator: &str, code: &str, place: &str) -> Option<Headline> {
    let meta = table.indicator_meta(indicator)?;
    let sel = Selection {
        indicator: indicator.to_string(),
        filters: Vec::new(),
        area: code.to_string(),
        area_name: place.to_string(),
        comparators: vec![ENGLAND.to_string()],
        years: None,
        neighbours: Vec::new(),
    };
    let model = line_model(table, config, &sel)?;
    from_model(&model, &meta.label, meta.polarity, place)
}

/// The headline of a trend already built (the chart's own model, so the home page and the
/// chart agree): its main series' latest number, the change since the number before, and
/// England (a comparator series with code `E92000001`) in the latest period both publish.
pub fn from_model(model: &super::chart::LineModel, label: &str, polarity: Polarity, place: &str) -> Option<Headline> {
    let area = &model.series[0];
    let england = model.series.iter().skip(1).find(|s| s.code == ENGLAND);
    let numbered: Vec<usize> = (0..model.periods.len()).filter(|&i| area.value_at(i).is_some()).collect();
    let &last = numbered.last()?;
    let p = area.points[last].first()?;
    let unit = model.unit.as_str();
    let value = format::with_counts(p.value, unit, p.numerator, p.denominator)?;
    let (direction, change) = match numbered.len().checked_sub(2).map(|i| numbered[i]) {
        Some(prev) => {
            let (a, b) = (area.value_at(prev)?, area.value_at(last)?);
            let d = if b > a { Direction::Up } else if b < a { Direction::Down } else { Direction::Same };
            let prev_text = match area.points[prev][0].value {
                Cell::Number { value, decimals } => format::with_unit(value, decimals, unit),
                _ => String::new(),
            };
            let word = match d {
                Direction::Up => "up from",
                Direction::Down => "down from",
                Direction::Same => "the same as",
            };
            (Some(d), Some(format!("{word} {prev_text} in {}", model.periods[prev].label())))
        }
        None => (None, None),
    };
    let text_at = |s: &super::chart::LineSeries, i: usize| match s.points[i][0].value {
        Cell::Number { value, decimals } => Some(format::with_unit(value, decimals, unit)),
        _ => None,
    };
    let versus_england = england.and_then(|eng| {
        let i = (0..=last).rev().find(|&i| eng.value_at(i).is_some() && area.value_at(i).is_some())?;
        let (v, e) = (area.value_at(i)?, eng.value_at(i)?);
        let word = if v > e { "above" } else if v < e { "below" } else { "level with" };
        let when = if i == last { String::new() } else { format!("; {place} was {} then", text_at(area, i)?) };
        Some(format!("{word} England ({} in {}){when}", text_at(eng, i)?, model.periods[i].label()))
    });
    let versus_others = model
        .series
        .iter()
        .skip(1)
        .filter(|s| s.code != ENGLAND)
        .filter_map(|s| {
            let (v, o) = (area.value_at(last)?, s.value_at(last)?);
            let word = if v > o { "above" } else if v < o { "below" } else { "level with" };
            Some(format!("{word} {} ({})", s.name, text_at(s, last)?))
        })
        .collect();
    Some(Headline {
        versus_others,
        when: model.periods[last],
        label: label.to_string(),
        place: place.to_string(),
        value,
        period: model.periods[last].label(),
        counted_at: p.snapshot.map(|d| format!("at {}", d.long())),
        direction,
        judgement: direction.and_then(|d| judge(d, polarity)),
        change,
        versus_england,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn judgement_follows_polarity() {
        assert_eq!(judge(Direction::Up, Polarity::HigherIsBetter), Some("improving"));
        assert_eq!(judge(Direction::Up, Polarity::LowerIsBetter), Some("worsening"));
        assert_eq!(judge(Direction::Down, Polarity::LowerIsBetter), Some("improving"));
        assert_eq!(judge(Direction::Same, Polarity::HigherIsBetter), Some("no change"));
        assert_eq!(judge(Direction::Up, Polarity::Neither), None);
    }
}
