//! Geographic levels and the code/name columns each one needs.

/// `geographic_level` values: the EES levels we use plus our two extensions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    National,
    Regional,
    LocalAuthority,
    /// Extension: a safeguarding partnership or child death overview panel area.
    Partnership,
    /// Extension: the average of an authority's statistical neighbours or comparators.
    ComparatorGroup,
}

impl Level {
    pub fn parse(s: &str) -> Option<Level> {
        Some(match s {
            "National" => Level::National,
            "Regional" => Level::Regional,
            "Local authority" => Level::LocalAuthority,
            "Partnership" => Level::Partnership,
            "Comparator group" => Level::ComparatorGroup,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Level::National => "National",
            Level::Regional => "Regional",
            Level::LocalAuthority => "Local authority",
            Level::Partnership => "Partnership",
            Level::ComparatorGroup => "Comparator group",
        }
    }

    /// Columns that must be filled on a row of this level, beyond the country columns.
    pub fn required_columns(self) -> &'static [&'static str] {
        match self {
            Level::National => &[],
            Level::Regional => &["region_code", "region_name"],
            Level::LocalAuthority => &["region_code", "region_name", "new_la_code", "old_la_code", "la_name"],
            Level::Partnership => &["partnership_code", "partnership_name"],
            Level::ComparatorGroup => &["comparator_code", "comparator_name"],
        }
    }

    /// The (code, name) columns that identify a row of this level.
    pub fn key_columns(self) -> (&'static str, &'static str) {
        match self {
            Level::National => ("country_code", "country_name"),
            Level::Regional => ("region_code", "region_name"),
            Level::LocalAuthority => ("new_la_code", "la_name"),
            Level::Partnership => ("partnership_code", "partnership_name"),
            Level::ComparatorGroup => ("comparator_code", "comparator_name"),
        }
    }
}

/// Columns always required in a data file.
pub const COUNTRY_COLUMNS: [&str; 2] = ["country_code", "country_name"];

/// Every geography column the format knows (EES plus our extensions).
pub const GEOGRAPHY_COLUMNS: [&str; 12] = [
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "new_la_code",
    "old_la_code",
    "la_name",
    "partnership_code",
    "partnership_name",
    "comparator_code",
    "comparator_name",
];

/// A place a row describes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Geography {
    pub level: Level,
    pub code: String,
    pub name: String,
}
