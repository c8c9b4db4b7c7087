//! Series styles: colour, dash and marker together, so no series is told apart by colour alone.
//!
//! Colours follow the UK Government Analysis Function's accessible categorical palette;
//! each has at least 3:1 contrast against the white chart background (tested below).

/// Marker drawn at each data point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    Circle,
    Square,
    Triangle,
    Diamond,
}

/// How one series is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SeriesStyle {
    pub colour: (u8, u8, u8),
    /// (dash, gap) in px; `None` is a solid line.
    pub dash: Option<(u32, u32)>,
    pub marker: Marker,
    pub filled: bool,
    pub width: u32,
}

pub const BACKGROUND: (u8, u8, u8) = (255, 255, 255);
pub const TEXT: (u8, u8, u8) = (11, 12, 12);
pub const SECONDARY_TEXT: (u8, u8, u8) = (80, 90, 95);
pub const GRID: (u8, u8, u8) = (222, 224, 226);
pub const AXIS: (u8, u8, u8) = (80, 90, 95);

const STYLES: [SeriesStyle; 9] = [
    // The chosen area: dark blue, solid, filled circles.
    SeriesStyle { colour: (0x12, 0x43, 0x6D), dash: None, marker: Marker::Circle, filled: true, width: 3 },
    // First comparator (England): dark grey, dashed, squares.
    SeriesStyle { colour: (0x3D, 0x3D, 0x3D), dash: Some((8, 5)), marker: Marker::Square, filled: false, width: 2 },
    // Second (region): dark pink, short dashes, triangles.
    SeriesStyle { colour: (0x80, 0x16, 0x50), dash: Some((3, 4)), marker: Marker::Triangle, filled: true, width: 2 },
    // Third (statistical neighbours): turquoise, long dashes, diamonds.
    SeriesStyle { colour: (0x28, 0xA1, 0x97), dash: Some((12, 4)), marker: Marker::Diamond, filled: true, width: 2 },
    SeriesStyle { colour: (0xF4, 0x6A, 0x25), dash: Some((2, 2)), marker: Marker::Circle, filled: false, width: 2 },
    SeriesStyle { colour: (0xA2, 0x85, 0xD1), dash: Some((6, 2)), marker: Marker::Square, filled: true, width: 2 },
    // Named statistical neighbours drawn as lines (up to three at once) use these too.
    SeriesStyle { colour: (0x00, 0x70, 0x3C), dash: Some((1, 3)), marker: Marker::Triangle, filled: false, width: 2 },
    SeriesStyle { colour: (0x8A, 0x4B, 0x08), dash: Some((14, 3)), marker: Marker::Diamond, filled: false, width: 2 },
    SeriesStyle { colour: (0x4C, 0x2C, 0x92), dash: Some((5, 5)), marker: Marker::Square, filled: false, width: 2 },
];

/// How many series can be drawn before a style repeats.
pub const DISTINCT_STYLES: usize = STYLES.len();

/// Style for series `index` (0 = chosen area).
pub fn style(index: usize) -> SeriesStyle {
    STYLES[index % STYLES.len()]
}

/// `#rrggbb`.
pub fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// WCAG 2 contrast ratio between two colours.
pub fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
        let channel = |c: u8| {
            let c = c as f64 / 255.0;
            if c <= 0.03928 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_series_colour_has_3_to_1_contrast_with_the_background() {
        for (i, s) in STYLES.iter().enumerate() {
            let c = contrast(s.colour, BACKGROUND);
            assert!(c >= 3.0, "style {i} {} has contrast {c:.2}", hex(s.colour));
        }
        assert!(contrast(TEXT, BACKGROUND) >= 4.5);
        assert!(contrast(SECONDARY_TEXT, BACKGROUND) >= 4.5);
    }

    #[test]
    fn every_style_differs_from_every_other_in_colour_and_in_dash_or_marker() {
        for i in 0..STYLES.len() {
            for j in 0..i {
                assert_ne!(STYLES[i].colour, STYLES[j].colour, "{i} and {j}");
                assert!(STYLES[i].dash != STYLES[j].dash || STYLES[i].marker != STYLES[j].marker || STYLES[i].filled != STYLES[j].filled, "{i} and {j}");
            }
        }
    }

    #[test]
    fn no_two_of_the_first_four_styles_share_marker_or_dash() {
        for i in 0..4 {
            for j in 0..i {
                assert_ne!(STYLES[i].marker, STYLES[j].marker);
                assert_ne!(STYLES[i].dash, STYLES[j].dash);
            }
        }
    }
}
