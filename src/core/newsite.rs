//! A dashboard for another partnership from a small configuration (`sites/<name>.json`):
//! its name, its authorities' GSS codes, an optional logo and its colours. This module reads
//! and validates that configuration (every problem with its file, line, column and JSON
//! field) and works out the new site's `site.json` and `scorecards.json` from the seed's,
//! keeping only what the official statistics publish for every authority. The build step
//! (`safeguarding-dashboard new-site`, [`crate::build::newsite`]) does the reading and writing.

use std::fmt;

use serde::Deserialize;
use serde_json::{json, Value};

use super::brand::{self, ContrastProblem, Role};
use super::error::Position;
use super::slice::Place;

/// The configuration as written (`deny_unknown_fields`: a misspelt key is an error, not
/// a setting silently ignored).
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Raw {
    name: String,
    #[serde(default)]
    code: Option<String>,
    areas: Vec<String>,
    #[serde(default)]
    logo: Option<String>,
    colours: RawColours,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct RawColours {
    brand: String,
    #[serde(default)]
    accent: Option<String>,
}

/// A checked configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct NewSite {
    /// The partnership's name ("Northumberland Safeguarding Children Partnership").
    pub name: String,
    /// Its code in `partnerships` (`P-` and letters), given or made from the name's initials.
    pub code: String,
    /// Its authorities, as found in the official files.
    pub areas: Vec<Place>,
    /// The logo's path as written (relative to the configuration file).
    pub logo: Option<String>,
    pub brand: brand::Rgb,
    pub accent: Option<brand::Rgb>,
}

/// What is wrong with one field.
#[derive(Clone, Debug, PartialEq)]
pub enum ErrorKind {
    /// Not JSON of the configuration's shape (serde's reason: a missing or unknown field, a wrong type).
    BadJson { reason: String },
    /// An empty name or list.
    Empty,
    /// Not the GSS code of a local authority (E06, E08, E09 or E10 and six digits).
    NotAuthorityCode { code: String },
    /// A well-formed code that no official file describes, with the nearest code that one does.
    UnknownAuthority { code: String, nearest: Option<(String, String)> },
    /// A code the official files give to a region or to England, not to an authority.
    NotLocalAuthority { code: String, name: String, level: String },
    /// The same authority twice.
    Duplicate { code: String },
    /// Not `#rrggbb` or `#rgb`.
    BadColour { value: String },
    /// Too little contrast with white for the colour's use.
    LowContrast(ContrastProblem),
    /// The logo is missing, unreadable, or neither SVG nor PNG.
    BadLogo { path: String, reason: String },
    /// A partnership code with characters an address or CSV cell cannot take.
    BadCode { value: String },
}

/// One problem in the configuration, at its place in the file and its JSON field
/// (`areas[1]`, `colours.brand`), like the data's [`super::error::DataError`].
#[derive(Clone, Debug, PartialEq)]
pub struct ConfigError {
    pub position: Position,
    pub field: String,
    pub kind: ErrorKind,
}

impl ConfigError {
    pub fn message(&self) -> String {
        use ErrorKind::*;
        match &self.kind {
            BadJson { reason } => format!("is not a valid site configuration: {reason}"),
            Empty => "is empty".into(),
            NotAuthorityCode { code } => format!("\"{code}\" is not the GSS code of a local authority"),
            UnknownAuthority { code, .. } => format!("\"{code}\" is not an authority in the official files (data/official/)"),
            NotLocalAuthority { code, name, level } => {
                let what = match level.as_str() {
                    "Regional" => "region",
                    "National" => "country",
                    other => other,
                };
                format!("\"{code}\" is {name}, a {} in the official files, not a local authority", what.to_lowercase())
            }
            Duplicate { code } => format!("\"{code}\" is listed twice"),
            BadColour { value } => format!("\"{value}\" is not a colour written as #rrggbb"),
            LowContrast(p) => p.message(),
            BadLogo { path, reason } => format!("logo \"{path}\" {reason}"),
            BadCode { value } => format!("\"{value}\" is not a usable partnership code"),
        }
    }

    pub fn hint(&self) -> String {
        use ErrorKind::*;
        match &self.kind {
            BadJson { .. } => "compare it with the example in README.md (\"A dashboard for another partnership\")".into(),
            Empty => "give a value".into(),
            NotAuthorityCode { .. } => "local authorities' codes are E06, E08, E09 or E10 and six digits, e.g. E06000057 (Northumberland)".into(),
            UnknownAuthority { nearest: Some((c, n)), .. } => format!("did you mean {c} ({n})? Every authority's code is in the new_la_code column of the official files"),
            UnknownAuthority { nearest: None, .. } => "every authority's code is in the new_la_code column of the official files".into(),
            NotLocalAuthority { .. } => "list the partnership's local authorities: England and its region are drawn beside them already".into(),
            Duplicate { .. } => "list each authority once".into(),
            BadColour { .. } => "write it as # and six hexadecimal digits, e.g. #12436d".into(),
            LowContrast(p) => p.hint(),
            BadLogo { .. } => "give the path of an SVG or PNG file, relative to the configuration file, or leave \"logo\" out".into(),
            BadCode { .. } => "use P- and capital letters or digits, e.g. P-NSCP, or leave \"code\" out".into(),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}\n  hint: {}", self.position, self.field, self.message(), self.hint())
    }
}

impl std::error::Error for ConfigError {}

/// One step of a path into a JSON document: an object's key or an array's index.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Key<'a> {
    Name(&'a str),
    Index(usize),
}

/// `path` as a field name: `areas[1]`, `colours.brand`.
pub fn field_name(path: &[Key]) -> String {
    let mut out = String::new();
    for k in path {
        match k {
            Key::Name(n) if out.is_empty() => out.push_str(n),
            Key::Name(n) => {
                out.push('.');
                out.push_str(n);
            }
            Key::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// The 1-based line and column where the value at `path` starts in `text` (the nearest
/// enclosing value found when the path goes further than the document), for messages.
pub fn locate(text: &str, path: &[Key]) -> (u64, usize) {
    let b = text.as_bytes();
    let mut i = 0;
    let skip_ws = |i: &mut usize| {
        while *i < b.len() && (b[*i] as char).is_whitespace() {
            *i += 1;
        }
    };
    // Skips one JSON value starting at `i` (after whitespace).
    fn skip_value(b: &[u8], i: &mut usize) {
        match b.get(*i) {
            Some(b'"') => {
                *i += 1;
                while *i < b.len() && b[*i] != b'"' {
                    if b[*i] == b'\\' {
                        *i += 1;
                    }
                    *i += 1;
                }
                *i += 1;
            }
            Some(b'{') | Some(b'[') => {
                let mut depth = 0;
                while *i < b.len() {
                    match b[*i] {
                        b'"' => {
                            skip_value(b, i);
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                *i += 1;
                                return;
                            }
                        }
                        _ => {}
                    }
                    *i += 1;
                }
            }
            _ => {
                while *i < b.len() && !matches!(b[*i], b',' | b'}' | b']') && !(b[*i] as char).is_whitespace() {
                    *i += 1;
                }
            }
        }
    }
    let read_string = |i: &mut usize| -> String {
        let start = *i + 1;
        skip_value(b, i);
        String::from_utf8_lossy(&b[start..i.saturating_sub(1).max(start)]).to_string()
    };
    if text.starts_with('\u{feff}') {
        i = 3;
    }
    skip_ws(&mut i);
    'path: for key in path {
        match (key, b.get(i)) {
            (Key::Name(name), Some(b'{')) => {
                let open = i;
                i += 1;
                loop {
                    skip_ws(&mut i);
                    if b.get(i) != Some(&b'"') {
                        i = open;
                        break 'path;
                    }
                    let k = read_string(&mut i);
                    skip_ws(&mut i);
                    if b.get(i) != Some(&b':') {
                        i = open;
                        break 'path;
                    }
                    i += 1;
                    skip_ws(&mut i);
                    if k == *name {
                        continue 'path;
                    }
                    skip_value(b, &mut i);
                    skip_ws(&mut i);
                    if b.get(i) == Some(&b',') {
                        i += 1;
                    } else {
                        i = open;
                        break 'path;
                    }
                }
            }
            (Key::Index(n), Some(b'[')) => {
                let open = i;
                i += 1;
                for _ in 0..*n {
                    skip_ws(&mut i);
                    skip_value(b, &mut i);
                    skip_ws(&mut i);
                    if b.get(i) != Some(&b',') {
                        i = open;
                        break 'path;
                    }
                    i += 1;
                }
                skip_ws(&mut i);
            }
            _ => break,
        }
    }
    let before = &text[..i.min(text.len())];
    let line = before.matches('\n').count() as u64 + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// An error at `path` of `file`'s `text`.
pub fn error_at(file: &str, text: &str, path: &[Key], kind: ErrorKind) -> ConfigError {
    let (line, column) = locate(text, path);
    ConfigError { position: Position::new(file, line, column), field: field_name(path), kind }
}

fn is_authority_code(code: &str) -> bool {
    code.len() == 9 && ["E06", "E08", "E09", "E10"].iter().any(|p| code.starts_with(p)) && code[3..].bytes().all(|b| b.is_ascii_digit())
}

/// Edit distance, for "did you mean".
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// `P-` and the initials of the name's words ("Northumberland Safeguarding Children
/// Partnership" → `P-NSCP`).
pub fn code_from_name(name: &str) -> String {
    let initials: String = name.split(|c: char| !c.is_alphanumeric()).filter_map(|w| w.chars().next()).filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect();
    format!("P-{}", if initials.is_empty() { "SITE".to_string() } else { initials })
}

/// Reads and checks the configuration `text` of `file` against the places of the official
/// files: every problem found, each at its field.
pub fn parse(file: &str, text: &str, places: &[Place]) -> Result<NewSite, Vec<ConfigError>> {
    let raw: Raw = serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| {
        vec![ConfigError { position: Position::new(file, e.line() as u64, e.column()), field: "(file)".into(), kind: ErrorKind::BadJson { reason: e.to_string() } }]
    })?;
    let mut errors = Vec::new();
    let at = |path: &[Key], kind: ErrorKind| error_at(file, text, path, kind);
    if raw.name.trim().is_empty() {
        errors.push(at(&[Key::Name("name")], ErrorKind::Empty));
    }
    let code = match raw.code.as_deref().map(str::trim) {
        Some(c) if !c.is_empty() && c.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') => c.to_string(),
        Some(c) => {
            errors.push(at(&[Key::Name("code")], ErrorKind::BadCode { value: c.to_string() }));
            String::new()
        }
        None => code_from_name(&raw.name),
    };
    if raw.areas.is_empty() {
        errors.push(at(&[Key::Name("areas")], ErrorKind::Empty));
    }
    let mut areas: Vec<Place> = Vec::new();
    for (i, code) in raw.areas.iter().enumerate() {
        let path = [Key::Name("areas"), Key::Index(i)];
        let code = code.trim();
        let found = places.iter().find(|p| p.code == code);
        match found {
            Some(p) if p.level == "Local authority" => {
                if areas.iter().any(|a| a.code == p.code) {
                    errors.push(at(&path, ErrorKind::Duplicate { code: code.to_string() }));
                } else {
                    areas.push(p.clone());
                }
            }
            Some(p) => errors.push(at(&path, ErrorKind::NotLocalAuthority { code: code.to_string(), name: p.name.clone(), level: p.level.clone() })),
            None if !is_authority_code(code) => errors.push(at(&path, ErrorKind::NotAuthorityCode { code: code.to_string() })),
            None => {
                let nearest = places.iter().filter(|p| p.level == "Local authority").min_by_key(|p| (distance(&p.code, code), p.code.clone())).filter(|p| distance(&p.code, code) <= 2);
                errors.push(at(&path, ErrorKind::UnknownAuthority { code: code.to_string(), nearest: nearest.map(|p| (p.code.clone(), p.name.clone())) }));
            }
        }
    }
    let mut colour = |name: &'static str, value: &str, role: Role| -> Option<brand::Rgb> {
        let path = [Key::Name("colours"), Key::Name(name)];
        let Some(rgb) = brand::parse_hex(value) else {
            errors.push(at(&path, ErrorKind::BadColour { value: value.to_string() }));
            return None;
        };
        match brand::check(role, rgb) {
            Ok(_) => Some(rgb),
            Err(p) => {
                errors.push(at(&path, ErrorKind::LowContrast(p)));
                None
            }
        }
    };
    let brand = colour("brand", &raw.colours.brand, Role::Brand);
    let accent = raw.colours.accent.as_deref().map(|a| colour("accent", a, Role::Accent));
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(NewSite {
        name: raw.name.trim().to_string(),
        code,
        areas,
        logo: raw.logo.filter(|l| !l.trim().is_empty()),
        brand: brand.unwrap_or(brand::WHITE),
        accent: accent.flatten(),
    })
}

/// Whether a `site.json` file entry is one of the official files (DfE's, for every
/// authority: it names its source in `site.json`; a report's rows name theirs).
pub fn is_official(file: &Value) -> bool {
    file.get("source").is_some_and(|s| s.is_string()) && file.get("path").and_then(Value::as_str).is_some_and(|p| p.starts_with("official/"))
}

/// The theme page showing a file of meta theme `theme` (`care-leavers` is on `looked-after`).
fn page_of(theme: &str) -> Option<&'static str> {
    super::view::THEME_PAGES.iter().find(|(_, _, themes)| themes.contains(&theme)).map(|(id, _, _)| *id)
}

/// The new site's `site.json`, from the seed's (`seed`): its official files, their sources
/// and the neighbour model; the measures' official parts; headlines from the official files
/// (a theme whose candidates were all report figures gets the official parts of the
/// measures on it, each with the filter values `resolve` finds in its file); the
/// partnership and its authorities, compared with England, their region and the median of
/// their statistical neighbours; and `logo` (its path in the data folder, width, height).
pub fn site_json(seed: &Value, site: &NewSite, logo: Option<(&str, u32, u32)>, resolve: &dyn Fn(&str, &Value) -> Option<Vec<(String, String)>>) -> Value {
    let files: Vec<Value> = seed["files"].as_array().map(|a| a.iter().filter(|f| is_official(f)).cloned().collect()).unwrap_or_default();
    let kept = |id: &str| files.iter().any(|f| f["id"] == id);
    let used_sources: Vec<&str> = files.iter().filter_map(|f| f["source"].as_str()).collect();
    // Official documents (no partnership report's text copy behind them) and those the files cite.
    let sources: Vec<Value> = seed["sources"]
        .as_array()
        .map(|a| a.iter().filter(|s| used_sources.contains(&s["id"].as_str().unwrap_or_default()) || s["seed"].as_str().unwrap_or_default().is_empty()).cloned().collect())
        .unwrap_or_default();
    let measures: Vec<Value> = seed["measures"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|m| {
                    let parts: Vec<Value> = m["parts"].as_array()?.iter().filter(|p| kept(p["file"].as_str().unwrap_or_default())).cloned().collect();
                    (!parts.is_empty()).then(|| json!({ "id": m["id"], "parts": parts }))
                })
                .collect()
        })
        .unwrap_or_default();
    let mut headlines = serde_json::Map::new();
    if let Some(seeded) = seed["headlines"].as_object() {
        for (theme, list) in seeded {
            let own: Vec<Value> = list.as_array().map(|l| l.iter().filter(|c| kept(c[0].as_str().unwrap_or_default())).cloned().collect()).unwrap_or_default();
            if !own.is_empty() {
                headlines.insert(theme.clone(), Value::Array(own));
            }
        }
    }
    for m in &measures {
        for part in m["parts"].as_array().into_iter().flatten() {
            let file = part["file"].as_str().unwrap_or_default();
            let Some(page) = files.iter().find(|f| f["id"] == file).and_then(|f| f["theme"].as_str()).and_then(page_of) else { continue };
            let ours = headlines.get(page).is_some_and(|l| l.as_array().is_some_and(|l| l.iter().any(|c| c.get(2).is_some())));
            if headlines.contains_key(page) && !ours {
                continue;
            }
            let Some(filters) = resolve(file, part) else { continue };
            let indicator = part["indicator"][0].clone();
            let list = headlines.entry(page.to_string()).or_insert_with(|| Value::Array(Vec::new()));
            if let Some(l) = list.as_array_mut() {
                l.push(json!([file, indicator, filters]));
            }
        }
    }
    let areas: Vec<Value> = site
        .areas
        .iter()
        .map(|p| {
            let mut comparators = vec![json!("E92000001")];
            if !p.region_code.is_empty() {
                comparators.push(json!(p.region_code));
            }
            if !p.neighbours.is_empty() {
                comparators.push(json!(format!("SNM-{}", p.code)));
            }
            json!({ "code": p.code, "name": p.name, "level": "Local authority", "comparators": comparators })
        })
        .collect();
    let mut out = json!({
        "title": format!("Children's safeguarding data: {}", site.name),
        "updated": seed["updated"],
        "partnerships": [{ "code": site.code, "name": site.name, "areas": site.areas.iter().map(|p| p.code.clone()).collect::<Vec<_>>() }],
        "areas": areas,
        "headlines": headlines,
        "files": files,
        "sources": sources,
        "measures": measures,
        "area_notes": seed["area_notes"],
        "colours": { "brand": super::chart::palette::hex(site.brand) },
    });
    if let Some(n) = seed.get("neighbours") {
        out["neighbours"] = n.clone();
    }
    if let Some(a) = site.accent {
        out["colours"]["accent"] = json!(super::chart::palette::hex(a));
    }
    if let Some((path, width, height)) = logo {
        out["logo"] = json!({ "path": path, "alt": site.name, "width": width, "height": height });
    }
    out
}

/// The new site's `scorecards.json`: for each of its authorities, one scorecard of the
/// seed scorecards' measures that DfE publishes for every authority (each measure's
/// `official` figure, under the seed's questions and labels; rows for one named area, and
/// targets, which are a panel's own, are left out).
pub fn scorecards_json(seed: &Value, site: &NewSite) -> Value {
    let mut groups: Vec<(String, Vec<Value>)> = Vec::new();
    let mut seen: Vec<Value> = Vec::new();
    for card in seed["scorecards"].as_array().into_iter().flatten() {
        for g in card["groups"].as_array().into_iter().flatten() {
            let question = g["question"].as_str().unwrap_or_default().to_string();
            for m in g["measures"].as_array().into_iter().flatten() {
                let Some(o) = m.get("official") else { continue };
                if m.get("area").is_some() {
                    continue;
                }
                let key = json!([o["file"], o["indicator"], o["filters"]]);
                if seen.contains(&key) {
                    continue;
                }
                seen.push(key);
                let mut row = json!({ "file": o["file"], "indicator": o["indicator"], "filters": o.get("filters").cloned().unwrap_or(json!([])) });
                if let Some(l) = m.get("label") {
                    row["label"] = l.clone();
                }
                match groups.iter_mut().find(|(q, _)| *q == question) {
                    Some((_, rows)) => rows.push(row),
                    None => groups.push((question.clone(), vec![row])),
                }
            }
        }
    }
    let cards: Vec<Value> = site
        .areas
        .iter()
        .filter(|_| !groups.is_empty())
        .map(|p| {
            json!({
                "id": format!("official-{}", p.code.to_lowercase()),
                "area": p.code,
                "periods": 6,
                "title": format!("{}: children in care and care leavers (official statistics)", p.name),
                "source_note": format!("The measures of a corporate parenting scorecard that the Department for Education publishes for every authority, with England, {} and {}'s statistical neighbours beside them. {} publishes no scorecard of its own here: the panel's own measures and targets are in its reports.", if p.region_name.is_empty() { "the region".to_string() } else { p.region_name.clone() }, p.name, site.name),
                "groups": groups.iter().map(|(q, rows)| json!({ "question": q, "measures": rows })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({ "scorecards": cards })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places() -> Vec<Place> {
        let p = |code: &str, name: &str, level: &str, region: &str| Place { code: code.into(), name: name.into(), level: level.into(), region_code: region.into(), region_name: "North East".into(), ..Place::default() };
        vec![
            p("E92000001", "England", "National", ""),
            p("E12000001", "North East", "Regional", "E12000001"),
            Place { neighbours: vec![("E06000047".into(), "Close".into())], ..p("E06000057", "Northumberland", "Local authority", "E12000001") },
            p("E06000047", "County Durham", "Local authority", "E12000001"),
        ]
    }

    const GOOD: &str = "{\n  \"name\": \"Northumberland Safeguarding Children Partnership\",\n  \"areas\": [\"E06000057\"],\n  \"colours\": { \"brand\": \"#1d5c3a\" }\n}\n";

    #[test]
    fn a_good_configuration_is_read_with_its_authority_and_a_code_from_its_name() {
        let site = parse("sites/n.json", GOOD, &places()).unwrap();
        assert_eq!(site.code, "P-NSCP");
        assert_eq!(site.areas[0].name, "Northumberland");
        assert_eq!(site.brand, (0x1d, 0x5c, 0x3a));
        assert_eq!(site.accent, None);
    }

    #[test]
    fn a_wrong_code_is_named_at_its_field_with_what_it_is() {
        let text = "{\n  \"name\": \"X\",\n  \"areas\": [\"E06000057\",\n            \"E06000067\", \"E12000001\", \"W06000001\", \"E06000057\"],\n  \"colours\": { \"brand\": \"#1d5c3a\" }\n}";
        let errors = parse("sites/x.json", text, &places()).unwrap_err();
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(errors.len(), 4, "{shown:#?}");
        assert!(shown[0].starts_with("sites/x.json:4:13: areas[1]: \"E06000067\" is not an authority in the official files"), "{}", shown[0]);
        assert!(shown[0].contains("did you mean E06000047 (County Durham)?") || shown[0].contains("did you mean E06000057 (Northumberland)?"), "{}", shown[0]);
        assert!(shown[1].starts_with("sites/x.json:4:26: areas[2]: \"E12000001\" is North East, a region in the official files"), "{}", shown[1]);
        assert!(matches!(errors[2].kind, ErrorKind::NotAuthorityCode { .. }) && errors[2].field == "areas[3]");
        assert!(matches!(errors[3].kind, ErrorKind::Duplicate { .. }) && errors[3].field == "areas[4]");
    }

    #[test]
    fn a_colour_without_contrast_is_refused_with_its_ratio_and_a_darker_shade() {
        let text = GOOD.replace("\"#1d5c3a\" }", "\"#5b9bd5\", \"accent\": \"#ffdd00\" }");
        let errors = parse("sites/n.json", &text, &places()).unwrap_err();
        assert_eq!(errors.len(), 2);
        let brand = errors[0].to_string();
        assert!(brand.starts_with("sites/n.json:4:25: colours.brand: #5b9bd5 has a contrast of 2.96:1 with white, below the 4.5:1"), "{brand}");
        assert!(brand.contains("hint: use #487aa8 instead"), "{brand}");
        assert_eq!(errors[1].field, "colours.accent");
        assert!(errors[1].to_string().contains("below the 3:1"), "{}", errors[1]);
        let bad = parse("sites/n.json", &GOOD.replace("#1d5c3a", "green"), &places()).unwrap_err();
        assert!(matches!(bad[0].kind, ErrorKind::BadColour { .. }));
    }

    #[test]
    fn a_misspelt_or_missing_field_is_a_json_error_with_its_line() {
        let errors = parse("sites/n.json", &GOOD.replace("\"colours\"", "\"colors\""), &places()).unwrap_err();
        assert!(errors[0].to_string().starts_with("sites/n.json:4:"), "{}", errors[0]);
        assert!(errors[0].to_string().contains("colors"), "{}", errors[0]);
        let empty = parse("sites/n.json", &GOOD.replace("[\"E06000057\"]", "[]"), &places()).unwrap_err();
        assert_eq!(empty[0].field, "areas");
        assert_eq!(empty[0].kind, ErrorKind::Empty);
    }

    #[test]
    fn fields_are_located_through_objects_and_arrays() {
        let text = "{\"a\": {\"b\": [1, {\"c\": \"x,]\"}, 3]},\n \"d\": \"e\"}";
        assert_eq!(locate(text, &[Key::Name("d")]), (2, 7));
        assert_eq!(locate(text, &[Key::Name("a"), Key::Name("b"), Key::Index(2)]), (1, 31));
        assert_eq!(locate(text, &[Key::Name("a"), Key::Name("b"), Key::Index(1), Key::Name("c")]), (1, 23));
        // A path past the document stops at the nearest value.
        assert_eq!(locate(text, &[Key::Name("a"), Key::Name("zz")]), (1, 7));
        assert_eq!(field_name(&[Key::Name("a"), Key::Index(1), Key::Name("c")]), "a[1].c");
    }

    #[test]
    fn the_new_site_keeps_the_official_files_and_their_measures_only() {
        let seed = json!({
            "title": "Seed", "updated": "2026-11-22",
            "files": [
                { "id": "cla-rate", "path": "cla-rate.csv", "meta": "cla-rate.meta.csv", "title": "r", "theme": "looked-after" },
                { "id": "dfe-cla", "path": "official/cla.csv", "meta": "official/cla.meta.csv", "title": "o", "theme": "looked-after", "source": "dfe-cla-2025", "sliced": true }
            ],
            "sources": [
                { "id": "report", "title": "A report", "seed": "000.txt" },
                { "id": "dfe-cla-2025", "title": "DfE", "seed": "" },
                { "id": "dfe-sn-2025", "title": "SN", "seed": "" }
            ],
            "headlines": { "looked-after": [["cla-rate", "cla_rate"]], "training": [["training-programme", "participants"]] },
            "measures": [{ "id": "m", "parts": [
                { "file": "dfe-cla", "indicator": ["rate_per_10000"], "filters": [["population_type", ["A", "B"]]], "at_end": true },
                { "file": "cla-rate", "indicator": ["cla_rate"], "anchor": true }
            ] }],
            "neighbours": "official/sn.csv",
            "area_notes": {}
        });
        let site = parse("n.json", GOOD, &places()).unwrap();
        let resolve = |_: &str, _: &Value| Some(vec![("population_type".to_string(), "B".to_string())]);
        let out = site_json(&seed, &site, Some(("logo.svg", 96, 48)), &resolve);
        assert_eq!(out["title"], "Children's safeguarding data: Northumberland Safeguarding Children Partnership");
        assert_eq!(out["files"].as_array().unwrap().len(), 1);
        assert_eq!(out["sources"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect::<Vec<_>>(), ["dfe-cla-2025", "dfe-sn-2025"]);
        assert_eq!(out["measures"][0]["parts"].as_array().unwrap().len(), 1);
        assert_eq!(out["headlines"], json!({ "looked-after": [["dfe-cla", "rate_per_10000", [["population_type", "B"]]]] }));
        assert_eq!(out["areas"][0]["comparators"], json!(["E92000001", "E12000001", "SNM-E06000057"]));
        assert_eq!(out["partnerships"][0], json!({ "code": "P-NSCP", "name": "Northumberland Safeguarding Children Partnership", "areas": ["E06000057"] }));
        assert_eq!(out["logo"]["alt"], "Northumberland Safeguarding Children Partnership");
        assert_eq!(out["colours"], json!({ "brand": "#1d5c3a" }));
        // It reads as a site configuration.
        let config = super::super::config::SiteConfig::parse("site.json", &out.to_string()).unwrap();
        assert_eq!(config.headlines["looked-after"][0].filters(), [("population_type".to_string(), "B".to_string())]);
        assert_eq!(config.logo.unwrap().width, 96);
    }
}
