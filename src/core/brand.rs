//! A partnership's colours (`colours` in `site.json`): read, checked for contrast against
//! WCAG 2.2 AA with the palette's [`contrast`], and written as the stylesheet's overrides
//! (`brand.css`, linked from every page by the build).
//!
//! The brand colour is the header's background under white text and the colour of links
//! and some text on white, so it needs 4.5:1 with white (1.4.3, text); the accent colours
//! graphics on white (the rules above charts, the borders of notices and cards), so it
//! needs 3:1 (1.4.11, non-text contrast). A colour that fails is refused with its ratio and
//! the nearest darker shade of the same hue that passes.

use super::chart::palette::{contrast, hex};

pub type Rgb = (u8, u8, u8);

pub const WHITE: Rgb = (255, 255, 255);
/// WCAG 2.2 AA for text (1.4.3).
pub const TEXT_RATIO: f64 = 4.5;
/// WCAG 2.2 AA for graphics (1.4.11).
pub const GRAPHICS_RATIO: f64 = 3.0;

/// `#rrggbb` or `#rgb` (case-insensitive).
pub fn parse_hex(s: &str) -> Option<Rgb> {
    let h = s.trim().strip_prefix('#')?;
    if !h.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let n = |i: usize, w: usize| u8::from_str_radix(&h[i..i + w], 16).ok();
    match h.len() {
        6 => Some((n(0, 2)?, n(2, 2)?, n(4, 2)?)),
        3 => Some((n(0, 1)? * 17, n(1, 1)? * 17, n(2, 1)? * 17)),
        _ => None,
    }
}

/// What a colour is used for, and so the contrast it needs with white.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Brand,
    Accent,
}

impl Role {
    pub fn needed(self) -> f64 {
        match self {
            Role::Brand => TEXT_RATIO,
            Role::Accent => GRAPHICS_RATIO,
        }
    }
    /// Where the colour is drawn, for messages.
    pub fn uses(self) -> &'static str {
        match self {
            Role::Brand => "white header text on it, and text and links in it on white",
            Role::Accent => "graphics in it (rules and borders) on white",
        }
    }
}

/// A colour without enough contrast for its role.
#[derive(Clone, Debug, PartialEq)]
pub struct ContrastProblem {
    pub role: Role,
    pub colour: Rgb,
    pub ratio: f64,
    /// The nearest darker shade of the same hue that passes, and its ratio.
    pub suggestion: Rgb,
    pub suggestion_ratio: f64,
}

impl ContrastProblem {
    pub fn message(&self) -> String {
        format!(
            "{} has a contrast of {}:1 with white, below the {}:1 WCAG 2.2 AA needs for {}",
            hex(self.colour),
            ratio_text(self.ratio),
            self.role.needed(),
            self.role.uses()
        )
    }
    pub fn hint(&self) -> String {
        format!("use {} instead (the nearest darker shade of the same colour that passes: {}:1), or another colour", hex(self.suggestion), ratio_text(self.suggestion_ratio))
    }
}

/// A ratio as WCAG reads it, to two decimals and never rounded up (4.499 is "4.49", which fails).
pub fn ratio_text(r: f64) -> String {
    format!("{:.2}", (r * 100.0 + 1e-9).floor() / 100.0)
}

/// `colour`'s contrast with white when it is enough for `role`, else why not.
pub fn check(role: Role, colour: Rgb) -> Result<f64, ContrastProblem> {
    let ratio = contrast(colour, WHITE);
    if ratio >= role.needed() {
        return Ok(ratio);
    }
    let suggestion = darker_passing(colour, role.needed());
    Err(ContrastProblem { role, colour, ratio, suggestion, suggestion_ratio: contrast(suggestion, WHITE) })
}

/// `colour` with every channel scaled by `k`/1000 (towards black, keeping its hue).
fn shade((r, g, b): Rgb, k: u32) -> Rgb {
    let s = |c: u8| ((c as u32 * k + 500) / 1000) as u8;
    (s(r), s(g), s(b))
}

/// The lightest shade of `colour` (its channels scaled down together) with at least
/// `needed` contrast with white: the nearest darker colour that passes. `colour` itself
/// when it passes; black passes every ratio up to 21.
pub fn darker_passing(colour: Rgb, needed: f64) -> Rgb {
    if contrast(colour, WHITE) >= needed {
        return colour;
    }
    // Contrast with white rises as the shade darkens: the largest passing k, by bisection.
    let (mut lo, mut hi) = (0u32, 1000u32); // shade(lo) passes, shade(hi) fails
    while hi - lo > 1 {
        let mid = (lo + hi) / 2;
        if contrast(shade(colour, mid), WHITE) >= needed {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    shade(colour, lo)
}

/// The stylesheet overrides for `brand` and `accent` (already checked).
pub fn css(brand: Rgb, accent: Option<Rgb>) -> String {
    let accent = accent.unwrap_or(brand);
    format!(
        "/* Written by the build from \"colours\" in data/site.json (contrast checked by `check`). */\n:root {{ --brand: {b}; --link: {b}; --accent: {a}; }}\n",
        b = hex(brand),
        a = hex(accent)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_read_in_either_hex_form() {
        assert_eq!(parse_hex("#12436D"), Some((0x12, 0x43, 0x6d)));
        assert_eq!(parse_hex("#fff"), Some((255, 255, 255)));
        assert_eq!(parse_hex("12436d"), None);
        assert_eq!(parse_hex("#12436g"), None);
        assert_eq!(parse_hex("#1243"), None);
        assert_eq!(parse_hex("#ééé"), None);
    }

    #[test]
    fn the_site_default_brand_passes_and_a_light_one_is_refused_with_its_ratio() {
        assert!(check(Role::Brand, (0x12, 0x43, 0x6d)).unwrap() > 9.0);
        // GOV.UK's light blue: 3.7:1 with white, enough for graphics but not for text.
        let p = check(Role::Brand, (0x2b, 0x8c, 0xc4)).unwrap_err();
        assert_eq!(ratio_text(p.ratio), "3.71");
        assert!(p.message().contains("3.71:1") && p.message().contains("4.5:1"), "{}", p.message());
        assert!(check(Role::Accent, (0x2b, 0x8c, 0xc4)).is_ok());
        assert!(check(Role::Accent, (0x5b, 0x9b, 0xd5)).is_err());
        assert!(p.hint().starts_with("use #"), "{}", p.hint());
    }

    #[test]
    fn the_suggestion_is_the_nearest_darker_shade_that_passes() {
        for (colour, needed) in [((0x5b, 0x9b, 0xd5), 4.5), ((0xff, 0xdd, 0x00), 4.5), ((0xff, 0xdd, 0x00), 3.0), ((0xf4, 0x6a, 0x25), 4.5), ((250, 250, 250), 4.5)] {
            let s = darker_passing(colour, needed);
            assert!(contrast(s, WHITE) >= needed, "{} for {needed}", hex(s));
            // Darker in every channel, the hue kept (channels in the same order).
            assert!(s.0 <= colour.0 && s.1 <= colour.1 && s.2 <= colour.2);
            // Nearest: one step lighter fails.
            let lighter = (s.0.saturating_add(1).min(colour.0), s.1.saturating_add(1).min(colour.1), s.2.saturating_add(1).min(colour.2));
            if lighter != s {
                assert!(contrast(lighter, WHITE) < needed + 0.05, "{} is not the nearest ({})", hex(s), hex(lighter));
            }
        }
        // A passing colour is its own suggestion.
        assert_eq!(darker_passing((0x12, 0x43, 0x6d), 4.5), (0x12, 0x43, 0x6d));
        assert_eq!(darker_passing((0x5b, 0x9b, 0xd5), 4.5), (0x48, 0x7a, 0xa8));
    }

    #[test]
    fn ratios_are_never_rounded_up_to_a_pass() {
        assert_eq!(ratio_text(4.4999), "4.49");
        assert_eq!(ratio_text(4.5), "4.50");
        assert_eq!(ratio_text(21.0), "21.00");
    }

    #[test]
    fn the_overrides_set_brand_link_and_accent() {
        let css = css((0x1d, 0x5c, 0x3a), None);
        assert!(css.contains("--brand: #1d5c3a; --link: #1d5c3a; --accent: #1d5c3a;"), "{css}");
        assert!(super::css((1, 2, 3), Some((4, 5, 6))).contains("--accent: #040506"));
    }
}
