//! When a line may join two points of one series, and when two figures may be compared
//! in words. The chart renderer, the chart's notes, its summary sentence and the checker
//! ([`super::audit`]) all ask these functions, so what is drawn and what is said agree.
//!
//! Two kinds of figure:
//! - a **count at a date** (the point has a `snapshot` date): comparable with any other count
//!   at a date of the same coverage, whatever its period is called; joined unless more
//!   than [`MAX_SNAPSHOT_STEP_DAYS`] apart (a missing year of a yearly count);
//! - a **figure over a period** (no snapshot date): comparable only with a figure over the
//!   same kind of period (the same `time_identifier`, the same `basis`, the same coverage);
//!   joined only to the period that directly follows it (the next year, the next quarter;
//!   for a year-to-date figure, the same point of the next year).

use crate::core::period::{Basis, Date, Period, TimeIdentifier};
use crate::core::series::Point;

/// Counts at dates further apart than this (a year and a month) are not joined: a yearly
/// count with a year missing breaks; monthly, quarterly and yearly counts join.
pub const MAX_SNAPSHOT_STEP_DAYS: i64 = 397;

/// Why two neighbouring points are not joined (or not compared).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Break {
    /// Periods between them have no figure: "2018-19 to 2020-21".
    Gap { missing: String },
    /// One is a count at a date and the other a figure over a period, or the periods
    /// differ in length or kind (a full year and the year to date).
    Unlike { first: String, second: String },
    /// The source says the figures count different groups (the `coverage` column).
    Definition { first: String, second: String },
}

impl Break {
    /// Completes "The line breaks between A and B: …".
    pub fn reason(&self) -> String {
        match self {
            Break::Gap { missing } => format!("no figures for {missing}"),
            Break::Unlike { first, second } => format!("{first}, {second}: not comparable"),
            Break::Definition { first, second } => format!("the figures count different groups ({first}; {second})"),
        }
    }
    /// Short name of the rule, for the checker.
    pub fn rule(&self) -> &'static str {
        match self {
            Break::Gap { .. } => "missing period",
            Break::Unlike { .. } => "different kind of period",
            Break::Definition { .. } => "different definition",
        }
    }
}

/// Days since 1 March of year 0 (for differences between dates).
pub fn day_number(d: Date) -> i64 {
    let (y, m) = if d.month <= 2 { (d.year as i64 - 1, d.month as i64 + 9) } else { (d.year as i64, d.month as i64 - 3) };
    365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + d.day as i64 - 1
}

/// The date a point is drawn at: when it was counted, or the last day of its period.
pub fn date_of(p: &Point) -> Date {
    p.snapshot.unwrap_or_else(|| p.period.bounds().1)
}

/// What kind of figure a point is, in words: "a count at 31 March 2022", "a full
/// financial year", "the year to date at Q2 2022-23", "one month".
pub fn kind_words(p: &Point) -> String {
    use TimeIdentifier as T;
    if let Some(d) = p.snapshot {
        return format!("{} is a count at {}", p.period.label(), d.long());
    }
    let what = match (p.basis, p.period.identifier) {
        (Basis::YearToDate, _) => {
            let (_, end) = p.period.bounds();
            format!("the year to date ({})", end.long())
        }
        (Basis::Rolling12, _) => "the 12 months to its end".to_string(),
        (Basis::Cumulative, _) => "a running total".to_string(),
        (_, T::FinancialYear | T::ReportingYear | T::TaxYear) => "a full year (April to March)".to_string(),
        (_, T::AcademicYear) => "an academic year".to_string(),
        (_, T::CalendarYear) => "a calendar year".to_string(),
        (_, T::FinancialQuarter(_) | T::AcademicQuarter(_) | T::CalendarQuarter(_)) => "one quarter".to_string(),
        (_, T::Month(_)) => "one month".to_string(),
        (_, T::Week(_)) => "one week".to_string(),
    };
    format!("{} covers {what}", p.period.label())
}

/// Why `latest` cannot be set against `earlier`, in words about `latest` alone: what it
/// covers when the periods differ in kind ("Q2 2022-23 covers the year to date (…)"), what
/// it counts when the source says the groups differ ("Q4 2017-18: Q3 and Q4 combined").
pub fn unlike_words(earlier: &Point, latest: &Point) -> String {
    match comparable(earlier, latest) {
        Err(Break::Definition { .. }) => coverage_words(latest),
        _ => kind_words(latest),
    }
}

fn coverage_words(p: &Point) -> String {
    if p.coverage.is_empty() { format!("{}: as defined", p.period.label()) } else { format!("{}: {}", p.period.label(), p.coverage) }
}

/// The kind of period, whichever quarter, month or week it is.
fn length_kind(t: TimeIdentifier) -> TimeIdentifier {
    use TimeIdentifier as T;
    match t {
        T::FinancialQuarter(_) => T::FinancialQuarter(1),
        T::AcademicQuarter(_) => T::AcademicQuarter(1),
        T::CalendarQuarter(_) => T::CalendarQuarter(1),
        T::Month(_) => T::Month(1),
        T::Week(_) => T::Week(1),
        T::ReportingYear => T::FinancialYear,
        other => other,
    }
}

/// Whether `a` and `b` are the same kind of figure (comparable in words), whatever lies
/// between them.
pub fn comparable(a: &Point, b: &Point) -> Result<(), Break> {
    let kind_differs = match (a.snapshot, b.snapshot) {
        (Some(_), Some(_)) => a.basis != b.basis,
        (None, None) => length_kind(a.period.identifier) != length_kind(b.period.identifier) || a.basis != b.basis || (a.basis == Basis::YearToDate && a.period.identifier != b.period.identifier),
        _ => true,
    };
    if kind_differs {
        return Err(Break::Unlike { first: kind_words(a), second: kind_words(b) });
    }
    if a.coverage != b.coverage {
        return Err(Break::Definition { first: coverage_words(a), second: coverage_words(b) });
    }
    Ok(())
}

/// The period that directly follows `p` in a series of its kind.
pub fn successor(p: Period, basis: Basis) -> Period {
    use TimeIdentifier as T;
    let next_year = Period { year: p.year + 1, identifier: p.identifier };
    if basis == Basis::YearToDate {
        return next_year;
    }
    match p.identifier {
        T::FinancialQuarter(4) | T::AcademicQuarter(4) | T::CalendarQuarter(4) => Period {
            year: p.year + 1,
            identifier: match p.identifier {
                T::FinancialQuarter(_) => T::FinancialQuarter(1),
                T::AcademicQuarter(_) => T::AcademicQuarter(1),
                _ => T::CalendarQuarter(1),
            },
        },
        T::FinancialQuarter(q) => Period { year: p.year, identifier: T::FinancialQuarter(q + 1) },
        T::AcademicQuarter(q) => Period { year: p.year, identifier: T::AcademicQuarter(q + 1) },
        T::CalendarQuarter(q) => Period { year: p.year, identifier: T::CalendarQuarter(q + 1) },
        T::Month(12) => Period { year: p.year + 1, identifier: T::Month(1) },
        T::Month(m) => Period { year: p.year, identifier: T::Month(m + 1) },
        _ => next_year,
    }
}

/// The periods strictly between `a` and `b` of `a`'s kind, as "2018-19 to 2020-21" (or
/// one label); at most 40 steps are walked.
fn missing_between(a: Period, b: Period, basis: Basis) -> String {
    let mut missing = Vec::new();
    let mut p = successor(a, basis);
    while p.sort_key() < b.sort_key() && missing.len() < 40 {
        missing.push(p);
        p = successor(p, basis);
    }
    match (missing.first(), missing.last()) {
        (Some(f), Some(l)) if f != l => format!("{} to {}", f.label(), l.label()),
        (Some(f), _) => f.label(),
        _ => "the time between".to_string(),
    }
}

/// Whether a line may join `a` to the next point of its series, `b`.
pub fn joinable(a: &Point, b: &Point) -> Result<(), Break> {
    comparable(a, b)?;
    match (a.snapshot, b.snapshot) {
        (Some(da), Some(db)) => {
            if day_number(db) - day_number(da) > MAX_SNAPSHOT_STEP_DAYS {
                let years: Vec<u16> = (da.year + 1..db.year).collect();
                let missing = match (years.first(), years.last()) {
                    (Some(f), Some(l)) if f != l => format!("{day} {f} to {day} {l}", day = format_args!("{} {}", da.day, month_name(da.month))),
                    (Some(f), _) => format!("{} {} {f}", da.day, month_name(da.month)),
                    _ => "the time between".to_string(),
                };
                return Err(Break::Gap { missing });
            }
            Ok(())
        }
        _ => {
            if successor(a.period, a.basis) == b.period {
                Ok(())
            } else {
                Err(Break::Gap { missing: missing_between(a.period, b.period, a.basis) })
            }
        }
    }
}

fn month_name(m: u8) -> &'static str {
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"][(m.clamp(1, 12) - 1) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::cell::Cell;

    fn pt(period: &str, id: &str, snapshot: Option<&str>) -> Point {
        Point {
            period: Period::parse(period, TimeIdentifier::parse(id).unwrap()).unwrap().canonical(),
            value: Cell::Number { value: 1.0, decimals: 0 },
            numerator: Cell::Empty,
            denominator: Cell::Empty,
            snapshot: snapshot.map(|s| Date::parse(s).unwrap()),
            source: String::new(),
            source_location: String::new(),
            note: String::new(),
            basis: Basis::Period,
            coverage: String::new(),
            conflict: None,
            line: 0,
        }
    }

    #[test]
    fn counts_at_dates_join_across_period_names_but_not_across_a_missing_year() {
        let year = pt("202122", "Financial year", Some("2022-03-31"));
        let q2 = pt("202223", "Financial year Q2", Some("2022-09-30"));
        let nov = pt("2022", "November", Some("2022-11-30"));
        assert_eq!(joinable(&year, &q2), Ok(()));
        assert_eq!(joinable(&q2, &nov), Ok(()));
        let y2018 = pt("201718", "Financial year", Some("2018-03-31"));
        let err = joinable(&y2018, &year).unwrap_err();
        assert_eq!(err.rule(), "missing period");
        assert_eq!(err.reason(), "no figures for 31 March 2019 to 31 March 2021");
        assert_eq!(joinable(&pt("202021", "Financial year", Some("2021-03-31")), &year), Ok(()));
    }

    #[test]
    fn period_figures_join_only_their_successor_of_the_same_kind() {
        let y = pt("202122", "Financial year", None);
        assert_eq!(joinable(&y, &pt("202223", "Financial year", None)), Ok(()));
        assert_eq!(joinable(&y, &pt("2023", "Reporting year", None)), Ok(()), "2023 reporting year is 2022-23");
        let gap = joinable(&pt("201718", "Financial year", None), &y).unwrap_err();
        assert_eq!(gap.reason(), "no figures for 2018-19 to 2020-21");
        let mut ytd = pt("202223", "Financial year Q2", None);
        ytd.basis = Basis::YearToDate;
        let e = joinable(&y, &ytd).unwrap_err();
        assert_eq!(e.rule(), "different kind of period");
        assert!(e.reason().contains("the year to date (30 September 2022)"), "{}", e.reason());
        assert!(joinable(&y, &pt("202122", "Financial year", Some("2022-03-31"))).is_err(), "a total and a count at a date");
        assert_eq!(joinable(&pt("202122", "Financial year Q4", None), &pt("202223", "Financial year Q1", None)), Ok(()));
        assert_eq!(joinable(&pt("2022", "December", None), &pt("2023", "January", None)), Ok(()));
    }

    #[test]
    fn different_coverage_breaks() {
        let mut a = pt("202223", "Financial year Q2", Some("2022-09-30"));
        a.coverage = "ages 17-24".into();
        let b = pt("2022", "November", Some("2022-11-30"));
        let e = joinable(&a, &b).unwrap_err();
        assert_eq!(e.rule(), "different definition");
        assert!(e.reason().contains("ages 17-24"));
    }

    #[test]
    fn unlike_words_say_what_sets_the_latest_figure_apart() {
        let q3 = pt("201718", "Financial year Q3", None);
        let mut q4 = pt("201718", "Financial year Q4", None);
        q4.coverage = "Q3 and Q4 combined".into();
        assert_eq!(unlike_words(&q3, &q4), "Q4 2017-18: Q3 and Q4 combined", "a combined half-year is not called one quarter");
        let y = pt("202122", "Financial year", None);
        let mut ytd = pt("202223", "Financial year Q2", None);
        ytd.basis = Basis::YearToDate;
        assert_eq!(unlike_words(&y, &ytd), "Q2 2022-23 covers the year to date (30 September 2022)");
    }

    #[test]
    fn day_numbers_count_days() {
        let d = |s: &str| day_number(Date::parse(s).unwrap());
        assert_eq!(d("2022-03-31") - d("2021-03-31"), 365);
        assert_eq!(d("2024-03-31") - d("2023-03-31"), 366);
        assert_eq!(d("2022-11-30") - d("2022-09-30"), 61);
    }
}
