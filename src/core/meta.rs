//! The `.meta.csv` contract: one row per filter and indicator column.

/// Filter or indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnType {
    Filter,
    Indicator,
}

/// Extension: which way is good.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Polarity {
    HigherIsBetter,
    LowerIsBetter,
    #[default]
    Neither,
}

impl Polarity {
    pub fn parse(s: &str) -> Option<Polarity> {
        Some(match s {
            "higher-is-better" => Polarity::HigherIsBetter,
            "lower-is-better" => Polarity::LowerIsBetter,
            "" | "neither" => Polarity::Neither,
            _ => return None,
        })
    }
}

/// Units we accept in `indicator_unit` (EES units plus our extensions).
pub const UNITS: [&str; 10] = ["", "%", "£", "£m", "pp", "per 10,000", "days", "score", "years", "months"];

/// Themes (extension column `theme`).
pub const THEMES: [&str; 8] = [
    "children-in-need",
    "child-protection",
    "looked-after",
    "care-leavers",
    "training",
    "child-deaths",
    "context",
    "partnership-activity",
];

/// The EES meta columns, in order; all required.
pub const EES_META_COLUMNS: [&str; 8] = [
    "col_name",
    "col_type",
    "label",
    "indicator_grouping",
    "indicator_unit",
    "indicator_dp",
    "filter_hint",
    "filter_grouping_column",
];

/// Our optional meta columns.
pub const EXTENSION_META_COLUMNS: [&str; 5] = ["theme", "polarity", "definition", "numerator", "denominator"];

/// One row of a meta file.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnMeta {
    pub name: String,
    pub col_type: ColumnType,
    pub label: String,
    pub grouping: String,
    pub unit: String,
    pub dp: u8,
    pub filter_hint: String,
    pub theme: String,
    pub polarity: Polarity,
    pub definition: String,
    pub numerator: Option<String>,
    pub denominator: Option<String>,
    /// Line of the meta file this came from.
    pub line: u64,
}

impl ColumnMeta {
    pub fn is_percentage(&self) -> bool {
        self.unit == "%"
    }
}

/// A parsed meta file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meta {
    pub file: String,
    pub columns: Vec<ColumnMeta>,
}

impl Meta {
    pub fn get(&self, name: &str) -> Option<&ColumnMeta> {
        self.columns.iter().find(|c| c.name == name)
    }
}
