//! Number and value formatting for tables, tooltips and chart labels (en-GB).

use super::cell::Cell;

/// `1027` → `1,027`; `100.7` with 1 decimal → `100.7`; negative numbers keep their sign.
pub fn number(value: f64, decimals: u8) -> String {
    let text = format!("{:.*}", decimals as usize, value.abs());
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let mut grouped = String::with_capacity(text.len() + int.len() / 3);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    if let Some(f) = frac {
        grouped.push('.');
        grouped.push_str(f);
    }
    let negative = value < 0.0 && grouped.chars().any(|c| c.is_ascii_digit() && c != '0');
    if negative {
        format!("-{grouped}")
    } else {
        grouped
    }
}

/// A value with its unit: `12%`, `100.7`, `£1,200`, `430 days`.
pub fn with_unit(value: f64, decimals: u8, unit: &str) -> String {
    let n = number(value, decimals);
    match unit {
        "%" => format!("{n}%"),
        "£" => format!("£{n}"),
        "£m" => format!("£{n}m"),
        "pp" => format!("{n} pp"),
        "days" => format!("{n} days"),
        "years" => format!("{n} years"),
        "months" if decimals == 0 && value >= 0.0 => {
            let (y, m) = ((value as u64) / 12, (value as u64) % 12);
            let plural = |k: u64, w: &str| if k == 1 { format!("1 {w}") } else { format!("{k} {w}s") };
            match (y, m) {
                (0, m) => plural(m, "month"),
                (y, 0) => plural(y, "year"),
                (y, m) => format!("{} {}", plural(y, "year"), plural(m, "month")),
            }
        }
        "months" => format!("{n} months"),
        _ => n,
    }
}

/// A cell as text: a number with the decimals it was published with, or the
/// meaning of its symbol; `None` for an empty cell.
pub fn cell(c: Cell, unit: &str) -> Option<String> {
    match c {
        Cell::Number { value, decimals } => Some(with_unit(value, decimals, unit)),
        Cell::Symbol(s) => Some(format!("{} ({})", s.meaning(), s.code())),
        Cell::Empty => None,
    }
}

/// A value with its counts: `100.7 (1,027)` when only a numerator is known,
/// `12% (126 / 1,030)` with both.
pub fn with_counts(value: Cell, unit: &str, numerator: Cell, denominator: Cell) -> Option<String> {
    let main = cell(value, unit)?;
    let count = |c: Cell| match c {
        Cell::Number { value, decimals } => Some(number(value, decimals)),
        Cell::Symbol(s) => Some(s.code().to_string()),
        Cell::Empty => None,
    };
    Some(match (count(numerator), count(denominator)) {
        (Some(n), Some(d)) => format!("{main} ({n} / {d})"),
        (Some(n), None) => format!("{main} ({n})"),
        (None, Some(d)) => format!("{main} (of {d})"),
        (None, None) => main,
    })
}

/// The decimals a cell was published with (0 for anything but a number).
pub fn decimals_of(c: Cell) -> u8 {
    match c {
        Cell::Number { decimals, .. } => decimals,
        _ => 0,
    }
}

/// A percentage that contradicts its own numerator and denominator as the source printed
/// them, in words: "27 / 79 is 34%" beside a published 66%. `None` when they agree to the
/// published precision (allowing the source's own rounding of half a point) or when either
/// count is missing.
pub fn contradiction(value: Cell, unit: &str, numerator: Cell, denominator: Cell) -> Option<String> {
    let (Cell::Number { value: v, decimals }, Some(n), Some(d)) = (value, numerator.number(), denominator.number()) else { return None };
    if unit != "%" || d <= 0.0 || n > d {
        return None;
    }
    let computed = n / d * 100.0;
    let tolerance = 0.5 * 10f64.powi(-(decimals as i32)) + 0.5;
    ((computed - v).abs() > tolerance).then(|| format!("{} / {} is {}%", number(n, 0), number(d, 0), number(computed, decimals)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_percentage_against_its_own_counts() {
        use super::*;
        let n = |v: f64| Cell::Number { value: v, decimals: 0 };
        assert_eq!(contradiction(n(66.0), "%", n(27.0), n(79.0)).as_deref(), Some("27 / 79 is 34%"));
        assert_eq!(contradiction(n(34.0), "%", n(27.0), n(79.0)), None);
        assert_eq!(contradiction(n(12.0), "%", n(126.0), n(1030.0)), None, "12.2% printed as 12");
    }

    use super::*;

    #[test]
    fn thousands_and_decimals() {
        assert_eq!(number(1027.0, 0), "1,027");
        assert_eq!(number(100.7, 1), "100.7");
        assert_eq!(number(1234567.891, 2), "1,234,567.89");
        assert_eq!(number(-4500.0, 0), "-4,500");
        assert_eq!(number(-0.01, 0), "0");
        assert_eq!(number(999.0, 0), "999");
    }

    #[test]
    fn counts_in_brackets() {
        let v = Cell::parse("100.7").unwrap();
        let n = Cell::parse("1027").unwrap();
        assert_eq!(with_counts(v, "per 10,000", n, Cell::Empty).unwrap(), "100.7 (1,027)");
        let p = Cell::parse("12").unwrap();
        let d = Cell::parse("1030").unwrap();
        assert_eq!(with_counts(p, "%", Cell::parse("126").unwrap(), d).unwrap(), "12% (126 / 1,030)");
        assert_eq!(cell(Cell::parse("c").unwrap(), "").unwrap(), "suppressed (c)");
        assert_eq!(cell(Cell::Empty, ""), None);
    }
}
