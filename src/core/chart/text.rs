//! Text helpers for SVG: escaping, text widths from the font's metrics, line wrapping.

/// Regular advance widths (1/1,000 em) of ' '..='~' then '£–—…‘’“”·é≤≥↑↓→✓✗×°'; 0 = not in the font.
const REGULAR: [u16; 114] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 556,
    556, 1000, 1000, 222, 222, 333, 333, 278, 556, 549, 549, 500, 500, 1000, 0, 0,
    584, 400,
];
/// Bold advance widths (1/1,000 em) of ' '..='~' then '£–—…‘’“”·é≤≥↑↓→✓✗×°'; 0 = not in the font.
const BOLD: [u16; 114] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 556,
    556, 1000, 1000, 278, 278, 500, 500, 278, 556, 549, 549, 500, 500, 1000, 0, 0,
    584, 400,
];
const EXTRA: &str = "£–—…‘’“”·é≤≥↑↓→✓✗×°";

/// Escapes text for XML content and attribute values.
pub fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// Width in px of `s` at `size` px in regular Arial, as a browser lays it out: the sum of
/// the advance widths of Liberation Sans (the font Chromium on Linux uses for Arial, with
/// Arial's metrics; `scripts/font-widths.py` reads them from the font file). Kerning is
/// left out; it narrows text by well under 1% in our labels. A character the font lacks
/// (✓, ✗) is counted as a fallback glyph 0.8 em wide. The e2e suite compares this with
/// Chromium's own measurements (tests/e2e/text-metrics.test.mjs).
pub fn estimate_width(s: &str, size: f64) -> f64 {
    measure(s, size, false)
}

/// [`estimate_width`] for regular (`bold == false`) or bold text.
pub fn measure(s: &str, size: f64, bold: bool) -> f64 {
    let table = if bold { &BOLD } else { &REGULAR };
    let units: u32 = s
        .chars()
        .map(|c| {
            let i = if (' '..='~').contains(&c) { Some(c as usize - 32) } else { EXTRA.chars().position(|e| e == c).map(|p| 95 + p) };
            match i.map(|i| table[i]) {
                Some(w) if w > 0 => w as u32,
                _ => 800,
            }
        })
        .sum();
    units as f64 * size / 1000.0
}

/// Breaks `s` into lines no wider than `max_width` px at `size` px (words longer than
/// a line stand alone).
pub fn wrap(s: &str, size: f64, max_width: f64) -> Vec<String> {
    wrap_weighted(s, size, false, max_width)
}

/// [`wrap`] for regular or bold text. A word longer than a line (a file name) is broken
/// after a `_`, `/` or `-` where one fits, else between characters.
pub fn wrap_weighted(s: &str, size: f64, bold: bool, max_width: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in s.split_whitespace() {
        let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
        if measure(&candidate, size, bold) <= max_width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        let mut rest = word;
        while measure(rest, size, bold) > max_width && rest.chars().count() > 1 {
            let fits: Vec<usize> = rest.char_indices().map(|(i, c)| i + c.len_utf8()).take_while(|&end| measure(&rest[..end], size, bold) <= max_width).collect();
            let Some(&last) = fits.last() else { break };
            let cut = fits.iter().rev().copied().find(|&end| matches!(rest[..end].chars().last(), Some('_' | '/' | '-'))).unwrap_or(last);
            lines.push(rest[..cut].to_string());
            rest = &rest[cut..];
        }
        line = rest.to_string();
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape_xml("<script>a&b</script>\"'"), "&lt;script&gt;a&amp;b&lt;/script&gt;&quot;&apos;");
    }

    #[test]
    fn wraps_within_width() {
        let lines = wrap("Children looked after per 10,000 children under 18 in County Durham", 16.0, 200.0);
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(estimate_width(l, 16.0) <= 200.0, "{l}");
        }
        assert_eq!(lines.join(" "), "Children looked after per 10,000 children under 18 in County Durham");
        let file = wrap("Source: c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv", 14.0, 200.0);
        assert!(file.len() > 1 && file.iter().all(|l| estimate_width(l, 14.0) <= 200.0), "{file:?}");
        assert!(file[1].ends_with('_'), "broken after an underscore: {file:?}");
        assert_eq!(file.concat(), "Source:c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv");
    }
}
