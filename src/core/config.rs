//! `data/site.json`: the partnerships, areas, comparators, files and sources.

use serde::Deserialize;

use super::error::{DataError, ErrorKind, Position};

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct SiteConfig {
    pub title: String,
    #[serde(default)]
    pub partnerships: Vec<Partnership>,
    pub areas: Vec<Area>,
    pub files: Vec<FileEntry>,
    pub sources: Vec<Source>,
    /// Date the data was last reviewed (ISO), shown as "last updated".
    #[serde(default)]
    pub updated: String,
    /// Per theme page: `[file id, indicator]` (or `[file id, indicator, [[filter, value], …]]`)
    /// candidates for the home-page headline; the first with a value for the chosen area is shown.
    #[serde(default)]
    pub headlines: std::collections::BTreeMap<String, Vec<Candidate>>,
    /// Measures published by more than one file (official and report figures of the same
    /// thing), joined into one series: see [`Measure`].
    #[serde(default)]
    pub measures: Vec<Measure>,
    /// Notes shown with an area, by code: local government reorganisations (where a
    /// series starts or a predecessor's ends).
    #[serde(default)]
    pub area_notes: std::collections::BTreeMap<String, String>,
    /// Path (relative to `data/`) of DfE's statistical-neighbour model (`sn_model_*_wide.csv`), if any.
    #[serde(default)]
    pub neighbours: Option<String>,
    /// The partnership's logo, shown in the header of every page.
    #[serde(default)]
    pub logo: Option<Logo>,
    /// Colours of the site's header, links and graphics, in place of the stylesheet's
    /// (the build writes them to `brand.css`; `check` tests their contrast). Not read by the
    /// browser's programs, which have the stylesheet.
    #[cfg_attr(target_arch = "wasm32", serde(skip))]
    #[serde(default)]
    pub colours: Option<Colours>,
}

/// A home-page headline candidate: a file's indicator, with the values of the file's
/// filters that pick one measure (DfE files hold several in one column, e.g.
/// `population_type`); filters not named are `Total`.
#[derive(Clone, Debug, PartialEq)]
pub enum Candidate {
    Plain(String, String),
    Filtered(String, String, Vec<(String, String)>),
}

/// Read as a sequence of two or three elements (not `untagged`, whose buffering of every
/// value costs the browser's program several KB).
impl<'de> Deserialize<'de> for Candidate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Seq;
        impl<'de> serde::de::Visitor<'de> for Seq {
            type Value = Candidate;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("[file id, indicator] or [file id, indicator, [[filter, value], …]]")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Candidate, A::Error> {
                use serde::de::Error;
                let file: String = seq.next_element()?.ok_or_else(|| A::Error::invalid_length(0, &self))?;
                let indicator: String = seq.next_element()?.ok_or_else(|| A::Error::invalid_length(1, &self))?;
                Ok(match seq.next_element::<Vec<(String, String)>>()? {
                    Some(filters) => Candidate::Filtered(file, indicator, filters),
                    None => Candidate::Plain(file, indicator),
                })
            }
        }
        d.deserialize_seq(Seq)
    }
}

impl Candidate {
    pub fn file(&self) -> &str {
        match self {
            Candidate::Plain(f, _) | Candidate::Filtered(f, _, _) => f,
        }
    }
    pub fn indicator(&self) -> &str {
        match self {
            Candidate::Plain(_, i) | Candidate::Filtered(_, i, _) => i,
        }
    }
    pub fn filters(&self) -> &[(String, String)] {
        match self {
            Candidate::Plain(..) => &[],
            Candidate::Filtered(_, _, f) => f,
        }
    }
}

/// The logo in the header: an SVG or PNG file in the data folder.
#[derive(Clone, Debug, Deserialize, serde::Serialize, PartialEq)]
pub struct Logo {
    /// Relative to `data/`.
    pub path: String,
    /// Its text alternative: the partnership's name.
    pub alt: String,
    /// Size drawn in the header, in CSS px (0: the stylesheet's height, width from the file).
    #[serde(default)]
    pub width: u32,
    #[serde(default)]
    pub height: u32,
}

/// `#rrggbb` colours: `brand` for the header's background (white text on it) and for text
/// and links on white; `accent` (default: `brand`) for graphics such as the rules above charts.
#[derive(Clone, Debug, Deserialize, serde::Serialize, PartialEq)]
pub struct Colours {
    pub brand: String,
    #[serde(default)]
    pub accent: Option<String>,
}

/// One measure and every file that publishes it. Each part maps the measure onto one
/// file *by meaning*: the indicator column and filter values are lists of the names a
/// release has used (first present wins), so a renamed column or reworded filter in next
/// year's file is one line here, not a code change. The first part is drawn first when
/// two sources disagree (put the official statistics first).
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Measure {
    pub id: String,
    pub parts: Vec<MeasurePart>,
}

/// Where a measure sits in one file.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct MeasurePart {
    /// File id in `files`.
    pub file: String,
    /// Indicator column names, first present wins.
    pub indicator: Vec<String>,
    /// (filter column, accepted values), first value present wins; filters not named are `Total`.
    #[serde(default)]
    pub filters: Vec<(String, Vec<String>)>,
    /// The figure is a count at the end of each period (for example "on 31 March"): its
    /// points are dated at the period's last day when the file gives no `snapshot_date`.
    #[serde(default)]
    pub at_end: bool,
    /// The chart of this part carries the measure's id and stable link (default: none; the
    /// first part's chart is used).
    #[serde(default)]
    pub anchor: bool,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Partnership {
    pub code: String,
    pub name: String,
    /// Codes of the local authorities it covers.
    #[serde(default)]
    pub areas: Vec<String>,
}

/// A place a reader can choose, with the comparators drawn beside it, in order.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Area {
    pub code: String,
    pub name: String,
    pub level: String,
    #[serde(default)]
    pub comparators: Vec<String>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct FileEntry {
    pub id: String,
    /// Data file, relative to `data/`.
    pub path: String,
    /// Meta file, relative to `data/`.
    pub meta: String,
    pub title: String,
    /// Theme whose page shows this file's errors if it fails to load.
    #[serde(default)]
    pub theme: String,
    /// Source id for an official file without a `source` column.
    #[serde(default)]
    pub source: Option<String>,
    /// Filter columns whose values are different measures (DfE files put several measures in
    /// one file, e.g. `population_type`): one chart per value, never compared as categories.
    #[serde(default)]
    pub measure_filters: Vec<String>,
    /// Published by DfE for every authority: the build writes one slice per area
    /// (`slices/<id>/<code>.csv`, see docs/data-format.md) and a page loads only its area's.
    #[serde(default)]
    pub sliced: bool,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Source {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub publisher: String,
    /// ISO date, or empty when the document gives none.
    #[serde(default)]
    pub published: String,
    /// The plain-text copy in `shared/seeds/`, for traceability.
    #[serde(default)]
    pub seed: String,
    #[serde(default)]
    pub url: String,
}

impl SiteConfig {
    /// Parses `site.json`; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<SiteConfig, DataError> {
        serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| {
            DataError::new(
                Position::new(file, e.line() as u64, e.column()),
                ErrorKind::BadConfig { reason: e.to_string() },
            )
        })
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    pub fn area(&self, code: &str) -> Option<&Area> {
        self.areas.iter().find(|a| a.code == code)
    }

    /// "22 November 2026" for `updated`, or empty.
    pub fn updated_long(&self) -> String {
        super::period::Date::parse(&self.updated).map(|d| d.long()).unwrap_or_default()
    }

    pub fn measure_of(&self, file: &str, indicator: &str) -> Option<&Measure> {
        self.measures.iter().find(|m| m.parts.iter().any(|p| p.file == file && p.indicator.iter().any(|i| i == indicator)))
    }

    pub fn file(&self, id: &str) -> Option<&FileEntry> {
        self.files.iter().find(|f| f.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::Candidate;

    #[test]
    fn headline_candidates_read_with_or_without_filters() {
        let c: Vec<Candidate> = serde_json::from_str(r#"[["cin", "rate"], ["dfe-cla", "number", [["population_type", "Looked after"]]]]"#).unwrap();
        assert_eq!(c[0], Candidate::Plain("cin".into(), "rate".into()));
        assert_eq!(c[1].filters(), &[("population_type".to_string(), "Looked after".to_string())]);
        assert_eq!((c[1].file(), c[1].indicator()), ("dfe-cla", "number"));
        let e = serde_json::from_str::<Candidate>(r#"["cin"]"#).unwrap_err().to_string();
        assert!(e.contains("[file id, indicator]"), "{e}");
    }
}
