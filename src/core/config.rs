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
    /// Per theme page: (file id, indicator) candidates for the home-page headline; the
    /// first with a value for the chosen area is shown.
    #[serde(default)]
    pub headlines: std::collections::BTreeMap<String, Vec<(String, String)>>,
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

    pub fn file(&self, id: &str) -> Option<&FileEntry> {
        self.files.iter().find(|f| f.id == id)
    }
}
