//! Time periods in the EES convention: `time_period` plus `time_identifier`.

use std::fmt;

/// The kinds of `time_identifier` we accept (see docs/data-format.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum TimeIdentifier {
    /// April to March, 6-digit period.
    FinancialYear,
    /// Quarter 1-4 of a financial year (Q1 = April-June).
    FinancialQuarter(u8),
    /// September to August, 6-digit period.
    AcademicYear,
    AcademicQuarter(u8),
    TaxYear,
    /// January to December, 4-digit period.
    CalendarYear,
    CalendarQuarter(u8),
    /// A yearly collection (e.g. children looked after at 31 March), 4-digit period.
    ReportingYear,
    /// Month 1-12 of a 4-digit year.
    Month(u8),
    /// Week 1-52 of a 4-digit year.
    Week(u8),
}

pub const MONTHS: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
];

impl TimeIdentifier {
    pub fn parse(s: &str) -> Option<TimeIdentifier> {
        use TimeIdentifier::*;
        let quarter = |rest: &str| -> Option<u8> {
            let q = rest.strip_prefix(" Q")?.parse::<u8>().ok()?;
            (1..=4).contains(&q).then_some(q)
        };
        Some(match s {
            "Financial year" => FinancialYear,
            "Academic year" => AcademicYear,
            "Tax year" => TaxYear,
            "Calendar year" => CalendarYear,
            "Reporting year" => ReportingYear,
            _ => {
                if let Some(r) = s.strip_prefix("Financial year") {
                    FinancialQuarter(quarter(r)?)
                } else if let Some(r) = s.strip_prefix("Academic year") {
                    AcademicQuarter(quarter(r)?)
                } else if let Some(r) = s.strip_prefix("Calendar year") {
                    CalendarQuarter(quarter(r)?)
                } else if let Some(w) = s.strip_prefix("Week ") {
                    let w = w.parse::<u8>().ok()?;
                    if !(1..=53).contains(&w) {
                        return None;
                    }
                    Week(w)
                } else {
                    Month(MONTHS.iter().position(|m| *m == s)? as u8 + 1)
                }
            }
        })
    }

    /// Whether periods with this identifier are written with 6 digits (two years).
    pub fn spans_two_years(self) -> bool {
        use TimeIdentifier::*;
        matches!(self, FinancialYear | FinancialQuarter(_) | AcademicYear | AcademicQuarter(_) | TaxYear)
    }

    pub fn name(self) -> String {
        use TimeIdentifier::*;
        match self {
            FinancialYear => "Financial year".into(),
            FinancialQuarter(q) => format!("Financial year Q{q}"),
            AcademicYear => "Academic year".into(),
            AcademicQuarter(q) => format!("Academic year Q{q}"),
            TaxYear => "Tax year".into(),
            CalendarYear => "Calendar year".into(),
            CalendarQuarter(q) => format!("Calendar year Q{q}"),
            ReportingYear => "Reporting year".into(),
            Month(m) => MONTHS[m as usize - 1].into(),
            Week(w) => format!("Week {w}"),
        }
    }
}

/// What a figure covers within its period (the optional `basis` column): the whole period
/// (or a count at `snapshot_date`) unless it says otherwise. Figures of different bases are
/// never joined by a line or compared in words.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Basis {
    #[default]
    Period,
    /// From the start of the financial (or academic) year to the end of the period named:
    /// `Financial year Q2` with this basis is April to September.
    YearToDate,
    /// The 12 months ending at the end of the period named.
    Rolling12,
    /// A running total since a start the source states (in the row's note).
    Cumulative,
}

impl Basis {
    /// Reads the `basis` column: empty, `year to date`, `rolling 12 months` or `cumulative`.
    pub fn parse(s: &str) -> Option<Basis> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "" => Basis::Period,
            "year to date" => Basis::YearToDate,
            "rolling 12 months" => Basis::Rolling12,
            "cumulative" => Basis::Cumulative,
            _ => return None,
        })
    }
    /// Words for labels; empty for the whole period.
    pub fn words(self) -> &'static str {
        match self {
            Basis::Period => "",
            Basis::YearToDate => "year to date",
            Basis::Rolling12 => "rolling 12 months",
            Basis::Cumulative => "cumulative",
        }
    }
}

/// A period: the first calendar year it touches plus what kind of period it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Period {
    pub year: u16,
    pub identifier: TimeIdentifier,
}

/// A calendar date (no time zone), as in `snapshot_date`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, rejecting impossible dates such as 2022-02-30.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u16> {
            let t = &s[r];
            t.bytes().all(|c| c.is_ascii_digit()).then(|| t.parse().ok()).flatten()
        };
        let (year, month, day) = (num(0..4)?, num(5..7)? as u8, num(8..10)? as u8);
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses a UK spreadsheet date `D/M/YYYY` (day first, `31/03/2022`), rejecting
    /// impossible dates such as 31/02/2022.
    pub fn parse_day_month_year(s: &str) -> Option<Date> {
        let (year, month, day) = day_month_year(s)?;
        (day != 0 && (1..=12).contains(&month) && day <= days_in_month(year, month)).then_some(Date { year, month, day })
    }

    /// `2022-03-31`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `31 March 2022`.
    pub fn long(self) -> String {
        format!("{} {} {}", self.day, MONTHS[self.month as usize - 1], self.year)
    }
}

/// (year, month, day) of text shaped `D/M/YYYY` (one or two digits for day and month), valid or not.
fn day_month_year(s: &str) -> Option<(u16, u8, u8)> {
    let mut parts = s.split('/');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |t: &str, n: std::ops::RangeInclusive<usize>| n.contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit());
    if parts.next().is_some() || !digits(d, 1..=2) || !digits(m, 1..=2) || !digits(y, 4..=4) {
        return None;
    }
    Some((y.parse().ok()?, m.parse().ok()?, d.parse().ok()?))
}

/// The year of text that is shaped like a date (`2022-03-31` or `31/03/2022`), possible or not.
pub fn date_like_year(s: &str) -> Option<u16> {
    let b = s.as_bytes();
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit()) {
        return s[..4].parse().ok();
    }
    day_month_year(s).map(|(y, _, _)| y)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl Period {
    /// Reads `time_period` for the given identifier. 6-digit periods must name
    /// consecutive years (`202122`).
    pub fn parse(time_period: &str, identifier: TimeIdentifier) -> Option<Period> {
        let t = time_period.trim();
        if !t.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: u16 = t.get(0..4)?.parse().ok()?;
        if !(1900..=2100).contains(&year) {
            return None;
        }
        match (t.len(), identifier.spans_two_years()) {
            (4, false) => Some(Period { year, identifier }),
            (6, true) => {
                let next: u16 = t[4..6].parse().ok()?;
                (next == (year + 1) % 100).then_some(Period { year, identifier })
            }
            _ => None,
        }
    }

    /// First and last day of the period.
    pub fn bounds(self) -> (Date, Date) {
        use TimeIdentifier::*;
        let y = self.year;
        let d = |year: u16, month: u8, day: u8| Date { year, month, day };
        let end_of = |year: u16, month: u8| d(year, month, days_in_month(year, month));
        match self.identifier {
            FinancialYear | TaxYear => (d(y, 4, 1), d(y + 1, 3, 31)),
            FinancialQuarter(q) => {
                let start_month = 4 + (q - 1) * 3; // 4, 7, 10, 13
                let (sy, sm) = if start_month > 12 { (y + 1, start_month - 12) } else { (y, start_month) };
                (d(sy, sm, 1), end_of(sy, sm + 2))
            }
            AcademicYear => (d(y, 9, 1), d(y + 1, 8, 31)),
            AcademicQuarter(q) => {
                let start_month = 9 + (q - 1) * 3; // 9, 12, 15, 18
                let (sy, sm) = if start_month > 12 { (y + 1, start_month - 12) } else { (y, start_month) };
                let (ey, em) = if sm + 2 > 12 { (sy + 1, sm + 2 - 12) } else { (sy, sm + 2) };
                (d(sy, sm, 1), end_of(ey, em))
            }
            CalendarYear => (d(y, 1, 1), d(y, 12, 31)),
            // A reporting year's collection date is 31 March; the year is the one before it.
            ReportingYear => (d(y - 1, 4, 1), d(y, 3, 31)),
            CalendarQuarter(q) => (d(y, (q - 1) * 3 + 1, 1), end_of(y, q * 3)),
            Month(m) => (d(y, m, 1), end_of(y, m)),
            Week(_) => (d(y, 1, 1), d(y, 12, 31)),
        }
    }

    /// The period as charts and tables place it. DfE's `Reporting year` 2022 is the year
    /// ending 31 March 2022, the same observation as the reports' `Financial year` 202122,
    /// so both share one x position and one table row (labelled `2021-22`). Every other
    /// period is its own canonical form.
    pub fn canonical(self) -> Period {
        match self.identifier {
            TimeIdentifier::ReportingYear => Period { year: self.year - 1, identifier: TimeIdentifier::FinancialYear },
            _ => self,
        }
    }

    /// Whether a snapshot date belongs to this period.
    pub fn contains(self, date: Date) -> bool {
        let (start, end) = self.bounds();
        start <= date && date <= end
    }

    /// Chronological sort key: the period's end date, then longer periods first.
    pub fn sort_key(self) -> (Date, Date) {
        let (start, end) = self.bounds();
        (end, start)
    }

    /// The `time_period` cell as written (`202122`).
    pub fn code(self) -> String {
        if self.identifier.spans_two_years() {
            format!("{}{:02}", self.year, (self.year + 1) % 100)
        } else {
            format!("{}", self.year)
        }
    }

    /// Short label for axes and tables: `2021-22`, `Q2 2022-23`, `2022`, `March 2022`.
    pub fn label(self) -> String {
        use TimeIdentifier::*;
        let two = || format!("{}-{:02}", self.year, (self.year + 1) % 100);
        match self.identifier {
            FinancialYear | AcademicYear | TaxYear => two(),
            FinancialQuarter(q) | AcademicQuarter(q) => format!("Q{q} {}", two()),
            CalendarYear | ReportingYear => format!("{}", self.year),
            CalendarQuarter(q) => format!("Q{q} {}", self.year),
            Month(m) => format!("{} {}", MONTHS[m as usize - 1], self.year),
            Week(w) => format!("Week {w} {}", self.year),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.label(), self.identifier.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TimeIdentifier::*;

    #[test]
    fn identifiers() {
        assert_eq!(TimeIdentifier::parse("Financial year Q2"), Some(FinancialQuarter(2)));
        assert_eq!(TimeIdentifier::parse("March"), Some(Month(3)));
        assert_eq!(TimeIdentifier::parse("Financial year Q5"), None);
        assert_eq!(TimeIdentifier::parse("financial year"), None);
        assert_eq!(TimeIdentifier::parse("Fiscal year"), None);
    }

    #[test]
    fn periods_and_labels() {
        let p = Period::parse("202122", FinancialYear).unwrap();
        assert_eq!(p.label(), "2021-22");
        assert_eq!(p.code(), "202122");
        assert_eq!(Period::parse("202223", FinancialQuarter(2)).unwrap().label(), "Q2 2022-23");
        assert_eq!(Period::parse("201920", FinancialYear).unwrap().label(), "2019-20");
        assert_eq!(Period::parse("199900", FinancialYear).unwrap().label(), "1999-00");
        assert!(Period::parse("202123", FinancialYear).is_none());
        assert!(Period::parse("2021", FinancialYear).is_none());
        assert!(Period::parse("202122", CalendarYear).is_none());
        assert!(Period::parse("20212", CalendarYear).is_none());
        assert!(Period::parse("2021-22", FinancialYear).is_none());
    }

    #[test]
    fn snapshot_dates_fall_inside_periods() {
        let fy = Period::parse("202122", FinancialYear).unwrap();
        assert!(fy.contains(Date::parse("2022-03-31").unwrap()));
        assert!(!fy.contains(Date::parse("2022-04-01").unwrap()));
        let q2 = Period::parse("202223", FinancialQuarter(2)).unwrap();
        assert!(q2.contains(Date::parse("2022-09-30").unwrap()));
        assert!(!q2.contains(Date::parse("2022-10-01").unwrap()));
        let q4 = Period::parse("202223", FinancialQuarter(4)).unwrap();
        assert_eq!(q4.bounds().1, Date::parse("2023-03-31").unwrap());
        assert!(Date::parse("2022-02-29").is_none());
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("31/03/2022").is_none());
    }

    #[test]
    fn a_reporting_year_is_the_financial_year_ending_in_it() {
        let official = Period::parse("2022", ReportingYear).unwrap();
        let report = Period::parse("202122", FinancialYear).unwrap();
        assert_eq!(official.canonical(), report);
        assert_eq!(official.canonical().label(), "2021-22");
        assert_eq!(official.bounds(), report.bounds());
        assert_eq!(report.canonical(), report);
        let q2 = Period::parse("202223", FinancialQuarter(2)).unwrap();
        assert_eq!(q2.canonical(), q2);
    }

    #[test]
    fn quarters_sort_after_their_financial_year_start() {
        let fy = Period::parse("202122", FinancialYear).unwrap();
        let q2 = Period::parse("202223", FinancialQuarter(2)).unwrap();
        let fy2 = Period::parse("202223", FinancialYear).unwrap();
        assert!(fy.sort_key() < q2.sort_key());
        assert!(q2.sort_key() < fy2.sort_key());
    }
}
