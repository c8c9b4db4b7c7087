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

/// One headline, read at a glance: "1,183 children looked after (118 per 10,000 children
/// under 18), 31 March 2025 (2024-25)". Its parts are kept apart for the page to style.
#[derive(Clone, Debug, PartialEq)]
pub struct Headline {
    /// The measure's label, as on its chart.
    pub label: String,
    pub place: String,
    /// The big figure: the count where the indicator links one, else the value ("92.5%").
    pub figure: String,
    /// What the figure counts, with the rate beside a count: "children looked after (118 per
    /// 10,000 children under 18)".
    pub words: String,
    /// When, in words: "31 March 2025 (2024-25)" for a count at a date, "April 2024 to March
    /// 2025 (2024-25)" for a year's total, "the year to 30 September 2022 (Q2 2022-23)".
    pub date: String,
    /// The period label ("2024-25").
    pub period: String,
    /// Whether the figure is a count at a date (a snapshot) rather than a period's total.
    pub snapshot: bool,
    pub direction: Option<Direction>,
    /// "down from 1,208 (121 per 10,000) at 31 March 2024", only between comparable figures;
    /// a gap in years is said ("no figures for 2018-19 to 2020-21").
    pub change: Option<String>,
    /// Why there is no change: "not compared with 2021-22: …".
    pub no_change: Option<String>,
    /// "improving", "worsening", "no change"; `None` when the indicator has no polarity.
    pub judgement: Option<&'static str>,
    /// "above England (67 in 2024-25)".
    pub versus_england: Option<String>,
    /// The same for the other comparators drawn (region, neighbours' median), in the
    /// latest period only: "below North East (110)".
    pub versus_others: Vec<String>,
    /// The period of the value (to choose the newest of several candidates).
    pub when: super::period::Period,
    /// The date the figure is for (the day counted, or its period's last day).
    pub as_of: super::period::Date,
}

impl Headline {
    /// The headline as one sentence: "1,183 children looked after (…), 31 March 2025 (2024-25)".
    pub fn summary(&self) -> String {
        match self.words.is_empty() {
            true => format!("{}: {}, {}", self.label, self.figure, self.date),
            false => format!("{} {}, {}", self.figure, self.words, self.date),
        }
    }

    /// How old the figure is when the data were checked, in words, when a year or more:
    /// "1 year 8 months old when the data were checked on 22 November 2026".
    pub fn age(&self, checked: super::period::Date) -> Option<String> {
        let months = (checked.year as i32 - self.as_of.year as i32) * 12 + checked.month as i32 - self.as_of.month as i32 - i32::from(checked.day < self.as_of.day);
        if months < 12 {
            return None;
        }
        let (y, m) = (months / 12, months % 12);
        let years = if y == 1 { "1 year".to_string() } else { format!("{y} years") };
        let rest = match m {
            0 => String::new(),
            1 => " 1 month".to_string(),
            m => format!(" {m} months"),
        };
        Some(format!("{years}{rest} old when the data were checked on {}", checked.long()))
    }
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

/// What a label counts and its rate words: "Children looked after per 10,000 children under
/// 18" is ("children looked after", Some("per 10,000 children under 18")); "Number of
/// children in need" is ("children in need", None).
pub fn label_parts(label: &str) -> (String, Option<String>) {
    let lower_first = |s: &str| {
        let mut c = s.chars();
        match (c.next(), c.clone().next()) {
            // Keep acronyms and initialisms ("CDOP", "E-learning" stays "e-learning").
            (Some(f), Some(n)) if f.is_uppercase() && !n.is_uppercase() => f.to_lowercase().chain(c).collect(),
            _ => s.to_string(),
        }
    };
    let label = label.trim();
    let label = label.strip_prefix("Number of ").unwrap_or(label);
    match label.find(" per ") {
        Some(i) => (lower_first(&label[..i]), Some(label[i + 1..].to_string())),
        None => (lower_first(label), None),
    }
}

/// When a point is for, in words, with its period label.
pub fn date_words(p: &super::series::Point) -> String {
    use super::period::{Basis, TimeIdentifier as T};
    let label = p.period.label();
    if let Some(d) = p.snapshot {
        return format!("{} ({label})", d.long());
    }
    let (start, end) = p.period.bounds();
    let month = |d: super::period::Date| format!("{} {}", super::period::MONTHS[d.month as usize - 1], d.year);
    match (p.basis, p.period.identifier) {
        (Basis::YearToDate, _) => format!("the year to {} ({label}, year to date)", end.long()),
        (Basis::Rolling12, _) => format!("the 12 months to {} ({label})", end.long()),
        (_, T::Month(_)) => month(end),
        (_, T::Week(_)) => format!("the week to {}", end.long()),
        _ if (start.year, start.month) == (end.year, end.month) => month(end),
        _ => format!("{} to {} ({label})", month(start), month(end)),
    }
}

/// The headline of a trend already built (the chart's own model, so the home page and the
/// chart agree): its main series' latest number (its count where it links one), the change
/// since the latest earlier figure of the same kind, and England (a comparator series with
/// code `E92000001`) in the latest period both publish.
pub fn from_model(model: &super::chart::LineModel, label: &str, polarity: Polarity, place: &str) -> Option<Headline> {
    use super::chart::continuity::{comparable, joinable, Break};
    let area = &model.series[0];
    let england = model.series.iter().skip(1).find(|s| s.code == ENGLAND);
    let numbered: Vec<usize> = (0..model.periods.len()).filter(|&i| area.value_at(i).is_some()).collect();
    let &last = numbered.last()?;
    let p = area.points[last].first()?;
    let unit = model.unit.as_str();
    let value_text = |c: Cell| match c {
        Cell::Number { value, decimals } => Some(format::with_unit(value, decimals, unit)),
        _ => None,
    };
    let (noun, rate_words) = label_parts(label);
    let rate_words = rate_words.or_else(|| (unit.starts_with("per ")).then(|| unit.to_string()));
    let count_of = |p: &super::series::Point| p.numerator.number().filter(|_| !unit.is_empty() && unit != "%");
    let (figure, words) = match (count_of(p), &rate_words) {
        (Some(n), Some(per)) => {
            let rate = value_text(p.value)?;
            let rate = rate.strip_suffix(unit).map(str::trim_end).unwrap_or(&rate).to_string();
            (format::number(n, 0), format!("{noun} ({rate} {per})"))
        }
        (_, Some(per)) => {
            let v = value_text(p.value)?;
            (v.strip_suffix(unit).map(str::trim_end).unwrap_or(&v).to_string(), format!("{noun} {per}"))
        }
        // A percentage or other unit: the label above the figure says what it is.
        _ if !unit.is_empty() => (format::with_counts(p.value, unit, p.numerator, p.denominator)?, String::new()),
        _ => (format::with_counts(p.value, unit, p.numerator, p.denominator)?, noun.clone()),
    };
    // The latest earlier figure of the same kind and definition.
    let earlier = numbered[..numbered.len() - 1].iter().rev().map(|&i| (i, area.points[i].first())).filter_map(|(i, q)| Some((i, q?)));
    let mut no_change = None;
    let mut prev = None;
    for (i, q) in earlier {
        match comparable(q, p) {
            Ok(()) => {
                prev = Some((i, q));
                break;
            }
            Err(why) if no_change.is_none() => no_change = Some(format!("not compared with {}: {}", q.period.label(), why.reason())),
            Err(_) => {}
        }
    }
    let (direction, change) = match prev {
        Some((i, q)) => {
            let by_count = matches!((count_of(q), count_of(p)), (Some(_), Some(_))) && rate_words.is_some();
            let (a, b) = if by_count { (count_of(q)?, count_of(p)?) } else { (area.value_at(i)?, area.value_at(last)?) };
            let d = if b > a { Direction::Up } else if b < a { Direction::Down } else { Direction::Same };
            let prev_text = if by_count {
                let rate = value_text(q.value).unwrap_or_default();
                let per: Vec<&str> = rate_words.as_deref().unwrap_or("").split(' ').take(2).collect();
                format!("{} ({rate} {})", format::number(a, 0), per.join(" "))
            } else {
                value_text(q.value).unwrap_or_default()
            };
            let word = match d {
                Direction::Up => "up from",
                Direction::Down => "down from",
                Direction::Same => "the same as",
            };
            let when = match q.snapshot {
                Some(dq) => format!("at {}", dq.long()),
                None => format!("in {}", q.period.label()),
            };
            let gap = match joinable(q, p) {
                Err(Break::Gap { missing }) => format!(" (no figures for {missing})"),
                _ => String::new(),
            };
            no_change = None;
            (Some(d), Some(format!("{word} {prev_text} {when}{gap}")))
        }
        None => (None, None),
    };
    let text_at = |s: &super::chart::LineSeries, i: usize| value_text(s.points[i][0].value);
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
        as_of: super::chart::continuity::date_of(p),
        label: label.to_string(),
        place: place.to_string(),
        figure,
        words,
        date: date_words(p),
        period: model.periods[last].label(),
        snapshot: p.snapshot.is_some(),
        direction,
        judgement: direction.and_then(|d| judge(d, polarity)),
        change,
        no_change,
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

    #[test]
    fn a_label_splits_into_what_it_counts_and_its_rate() {
        assert_eq!(label_parts("Children looked after per 10,000 children under 18"), ("children looked after".into(), Some("per 10,000 children under 18".into())));
        assert_eq!(label_parts("Number of children in need"), ("children in need".into(), None));
        assert_eq!(label_parts("CDOP reviews"), ("CDOP reviews".into(), None));
    }
}
