//! Text helpers for SVG: escaping and line wrapping by estimated width.

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

/// Estimated width in px of `s` at `size` px in a sans-serif face (average glyph ≈ 0.55 em).
pub fn estimate_width(s: &str, size: f64) -> f64 {
    s.chars()
        .map(|c| match c {
            'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' | ' ' | '(' | ')' | 'f' | 't' | 'r' => 0.32,
            'm' | 'w' | 'M' | 'W' | '%' | '@' => 0.85,
            c if c.is_ascii_uppercase() || c.is_ascii_digit() => 0.62,
            _ => 0.53,
        })
        .sum::<f64>()
        * size
}

/// Breaks `s` into lines no wider than `max_width` px at `size` px (words longer than
/// a line stand alone).
pub fn wrap(s: &str, size: f64, max_width: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in s.split_whitespace() {
        let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
        if !line.is_empty() && estimate_width(&candidate, size) > max_width {
            lines.push(std::mem::take(&mut line));
            line = word.to_string();
        } else {
            line = candidate;
        }
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
            assert!(estimate_width(l, 16.0) <= 200.0 || !l.contains(' '), "{l}");
        }
        assert_eq!(lines.join(" "), "Children looked after per 10,000 children under 18 in County Durham");
    }
}
