//! Value cells: a number, a GSS symbol, or nothing.

/// A Government Statistical Service symbol standing in for a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Symbol {
    /// `c`: confidential / suppressed.
    Suppressed,
    /// `x`: not available.
    NotAvailable,
    /// `z`: not applicable.
    NotApplicable,
    /// `k`: rounds to zero.
    RoundsToZero,
    /// `u`: low reliability.
    LowReliability,
    /// `low`: DfE's mark for a positive figure too small to publish (used in the workforce
    /// file); like `k`, a small figure, but carrying no number.
    Low,
}

impl Symbol {
    pub fn parse(s: &str) -> Option<Symbol> {
        Some(match s {
            "c" => Symbol::Suppressed,
            "x" => Symbol::NotAvailable,
            "z" => Symbol::NotApplicable,
            "k" => Symbol::RoundsToZero,
            "u" => Symbol::LowReliability,
            "low" => Symbol::Low,
            _ => return None,
        })
    }
    pub fn code(self) -> &'static str {
        match self {
            Symbol::Suppressed => "c",
            Symbol::NotAvailable => "x",
            Symbol::NotApplicable => "z",
            Symbol::RoundsToZero => "k",
            Symbol::LowReliability => "u",
            Symbol::Low => "low",
        }
    }
    /// Plain words for tables and screen readers.
    pub fn meaning(self) -> &'static str {
        match self {
            Symbol::Suppressed => "suppressed",
            Symbol::NotAvailable => "not available",
            Symbol::NotApplicable => "not applicable",
            Symbol::RoundsToZero => "rounds to zero",
            Symbol::LowReliability => "low reliability",
            Symbol::Low => "low, not published",
        }
    }
}

/// One indicator cell. `Number` keeps the decimals it was written with, so `90`
/// is shown as `90` and `100.7` as `100.7`.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Cell {
    Empty,
    Number { value: f64, decimals: u8 },
    Symbol(Symbol),
}

/// Numbers must be smaller than this in size (10^15). Beyond it an `f64` no longer holds
/// every whole number, so the site could not show the value as written, and 309 or more
/// digits read as infinity; a range such as ±9e307 also overflows the chart's axis
/// arithmetic. Found with the hand-made inputs of `tests/fuzz_regressions.rs`.
pub const MAX_MAGNITUDE: f64 = 1e15;

/// Why a cell could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellError {
    NotANumber,
    ThousandsSeparator,
    /// Digits, but not smaller than [`MAX_MAGNITUDE`] in size.
    TooLarge,
}

impl Cell {
    /// Reads a cell. Surrounding spaces are ignored; anything else that is not a plain
    /// decimal number (smaller than [`MAX_MAGNITUDE`] in size) or one GSS symbol is an error.
    pub fn parse(raw: &str) -> Result<Cell, CellError> {
        let s = raw.trim();
        if s.is_empty() {
            return Ok(Cell::Empty);
        }
        if let Some(sym) = Symbol::parse(s) {
            return Ok(Cell::Symbol(sym));
        }
        let digits = s.strip_prefix('-').unwrap_or(s);
        let (int, frac) = match digits.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (digits, None),
        };
        let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        let ok = all_digits(int) && frac.map_or(true, all_digits);
        if !ok {
            let without_commas = int.replace(',', "");
            if int.contains(',') && all_digits(&without_commas) && frac.map_or(true, all_digits) {
                return Err(CellError::ThousandsSeparator);
            }
            return Err(CellError::NotANumber);
        }
        let value: f64 = s.parse().map_err(|_| CellError::NotANumber)?;
        if value.abs() >= MAX_MAGNITUDE {
            return Err(CellError::TooLarge);
        }
        let decimals = frac.map_or(0, |f| f.len().min(u8::MAX as usize) as u8);
        Ok(Cell::Number { value, decimals })
    }

    /// Reads a number written with thousands separators grouped strictly in threes
    /// (`1,027`, `-12,345.5`: `-?\d{1,3}(,\d{3})+(\.\d+)?`); `None` for anything else,
    /// such as `10,27` or a plain number.
    pub fn parse_grouped(raw: &str) -> Option<Cell> {
        let s = raw.trim();
        let digits = s.strip_prefix('-').unwrap_or(s);
        let (int, frac) = match digits.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (digits, None),
        };
        let mut groups = int.split(',');
        let first = groups.next()?;
        let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        let grouped = (1..=3).contains(&first.len()) && all_digits(first) && int.contains(',') && groups.all(|g| g.len() == 3 && all_digits(g));
        if !grouped || !frac.is_none_or(all_digits) {
            return None;
        }
        match Cell::parse(&s.replace(',', "")) {
            Ok(cell @ Cell::Number { .. }) => Some(cell),
            _ => None,
        }
    }

    /// Reads a duration written `YY:MM` (years and months, as in DfE's adoption file) as a
    /// whole number of months; `None` when the text is not of that form.
    pub fn parse_duration(raw: &str) -> Option<Cell> {
        let (y, m) = raw.trim().split_once(':')?;
        let digits = |t: &str| !t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit());
        if !digits(y) || !digits(m) {
            return None;
        }
        let (y, m): (u32, u32) = (y.parse().ok()?, m.parse().ok()?);
        (m < 12).then_some(Cell::Number { value: f64::from(y * 12 + m), decimals: 0 })
    }

    pub fn number(self) -> Option<f64> {
        match self {
            Cell::Number { value, .. } => Some(value),
            _ => None,
        }
    }

    pub fn is_empty(self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// Same observation? Numbers compare by value (`90` equals `90.0`).
    pub fn same_as(self, other: Cell) -> bool {
        match (self, other) {
            (Cell::Number { value: a, .. }, Cell::Number { value: b, .. }) => a == b,
            (a, b) => a == b,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_decimals() {
        assert_eq!(Cell::parse("100.7"), Ok(Cell::Number { value: 100.7, decimals: 1 }));
        assert_eq!(Cell::parse("90"), Ok(Cell::Number { value: 90.0, decimals: 0 }));
        assert_eq!(Cell::parse(" -3.25 "), Ok(Cell::Number { value: -3.25, decimals: 2 }));
    }

    #[test]
    fn symbols_and_empty() {
        assert_eq!(Cell::parse("c"), Ok(Cell::Symbol(Symbol::Suppressed)));
        assert_eq!(Cell::parse("u"), Ok(Cell::Symbol(Symbol::LowReliability)));
        assert_eq!(Cell::parse("low"), Ok(Cell::Symbol(Symbol::Low)));
        assert_eq!(Cell::parse("LOW"), Err(CellError::NotANumber));
        assert_eq!(Cell::parse(""), Ok(Cell::Empty));
    }

    #[test]
    fn durations_in_years_and_months() {
        assert_eq!(Cell::parse_duration("00:10"), Some(Cell::Number { value: 10.0, decimals: 0 }));
        assert_eq!(Cell::parse_duration("01:02"), Some(Cell::Number { value: 14.0, decimals: 0 }));
        assert_eq!(Cell::parse_duration("01:12"), None);
        assert_eq!(Cell::parse_duration("1:2:3"), None);
        assert_eq!(Cell::parse_duration("10"), None);
        assert_eq!(Cell::parse("00:10"), Err(CellError::NotANumber), "only a months column reads durations");
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        for bad in ["9o.0", "<5", "12%", "1.2.3", ".", "-", "1e3", "C", "NaN", "inf", "5 6"] {
            assert_eq!(Cell::parse(bad), Err(CellError::NotANumber), "{bad}");
        }
        assert_eq!(Cell::parse("1,027"), Err(CellError::ThousandsSeparator));
    }

    #[test]
    fn thousands_separators_read_only_when_grouped_in_threes() {
        assert_eq!(Cell::parse_grouped("1,027"), Some(Cell::Number { value: 1027.0, decimals: 0 }));
        assert_eq!(Cell::parse_grouped(" -12,345,678.25 "), Some(Cell::Number { value: -12345678.25, decimals: 2 }));
        for bad in ["10,27", "1,0270", "1027", ",027", "1,027,", "1234,567", "1,027.", "1,02a", "-,027", "1,,027"] {
            assert_eq!(Cell::parse_grouped(bad), None, "{bad}");
        }
    }
}
