//! The native data checker: validates a `data/` folder exactly as the site would.

use std::io::Read;
use std::path::Path;

use super::config::SiteConfig;
use super::dataset::{FileLoader, DATA_DIR};
use super::error::{DataError, ErrorKind, Position, Severity};
use super::table::Table;

/// Everything found in a folder: problems in file order, and the tables that loaded.
pub struct Report {
    pub problems: Vec<DataError>,
    pub tables: Vec<(String, Table)>,
    pub config: Option<SiteConfig>,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|p| p.severity == Severity::Error).count()
    }
    pub fn warnings(&self) -> usize {
        self.problems.len() - self.errors()
    }
}

/// Reads `dir/site.json` and every file it lists.
pub fn check_dir(dir: &Path) -> Report {
    check_dir_with(dir, &mut |_| {})
}

/// How far [`check_dir_with`] has read: after each chunk of a file, and when a file is done.
#[derive(Clone, Copy, Debug)]
pub struct Progress<'a> {
    /// The file being read, relative to the data folder.
    pub file: &'a str,
    /// Its place among the listed files (1-based), and their number.
    pub index: usize,
    pub count: usize,
    /// Bytes read so far of all the listed data files, and their total size.
    pub read: u64,
    pub total: u64,
    /// Whether the file has been read to its end (or given up).
    pub done: bool,
}

/// [`check_dir`], telling `progress` how far it has read (for a person waiting on a big folder).
pub fn check_dir_with(dir: &Path, progress: &mut dyn FnMut(Progress)) -> Report {
    let site_name = format!("{DATA_DIR}/site.json");
    let mut report = Report { problems: Vec::new(), tables: Vec::new(), config: None };
    let config = match std::fs::read_to_string(dir.join("site.json")) {
        Err(e) => {
            report.problems.push(DataError::new(Position::file(&site_name), ErrorKind::Unreadable { reason: e.to_string() }));
            return report;
        }
        Ok(text) => match SiteConfig::parse(&site_name, &text) {
            Ok(c) => c,
            Err(e) => {
                report.problems.push(e);
                return report;
            }
        },
    };
    let total: u64 = config.files.iter().filter_map(|f| std::fs::metadata(dir.join(&f.path)).ok()).map(|m| m.len()).sum();
    let mut read = 0u64;
    let count = config.files.len();
    for (i, entry) in config.files.iter().enumerate() {
        let at = |read: u64, done: bool| Progress { file: &entry.path, index: i + 1, count, read, total, done };
        let unreadable = |name: &str, e: std::io::Error| {
            DataError::new(Position::file(&format!("{DATA_DIR}/{name}")), ErrorKind::Unreadable { reason: e.to_string() })
        };
        let meta = match std::fs::read(dir.join(&entry.meta)) {
            Ok(b) => b,
            Err(e) => {
                report.problems.push(unreadable(&entry.meta, e));
                continue;
            }
        };
        // The data file is streamed through the parser in chunks, as the site does, so a
        // big file is never held in memory whole.
        let mut file = match std::fs::File::open(dir.join(&entry.path)) {
            Ok(f) => f,
            Err(e) => {
                report.problems.push(unreadable(&entry.path, e));
                continue;
            }
        };
        let mut loader = match FileLoader::start(&config, entry, &meta) {
            Ok(l) => l,
            Err(mut problems) => {
                report.problems.append(&mut problems);
                continue;
            }
        };
        if let Ok(m) = file.metadata() {
            loader.expect_bytes(m.len());
        }
        let mut chunk = vec![0; 1 << 20];
        loop {
            match file.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => {
                    loader.feed(&chunk[..n]);
                    read += n as u64;
                    progress(at(read, false));
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    report.problems.push(unreadable(&entry.path, e));
                    break;
                }
            }
            if loader.stopped() {
                break;
            }
        }
        let mut parsed = loader.finish();
        progress(at(read, true));
        report.problems.append(&mut parsed.problems);
        if let Some(t) = parsed.value {
            report.tables.push((entry.id.clone(), t));
        }
    }
    // Areas and comparators that no file describes are probably typos.
    let mut codes: Vec<&str> = config.areas.iter().map(|a| a.code.as_str()).collect();
    codes.extend(config.areas.iter().flat_map(|a| a.comparators.iter().map(String::as_str)));
    codes.sort();
    codes.dedup();
    // `SNM-<code>`: the median of <code>'s statistical neighbours, worked out from the
    // official files (known when the neighbour model is configured).
    let computed = |code: &str| code.strip_prefix("SNM-").is_some_and(|own| config.neighbours.is_some() && report.tables.iter().any(|(_, t)| t.geography_index(own).is_some()));
    for code in codes {
        if !computed(code) && !report.tables.iter().any(|(_, t)| t.geography_index(code).is_some()) {
            report.problems.push(DataError::warning(Position::file(&site_name), ErrorKind::UnknownArea { code: code.to_string() }));
        }
    }
    let text = std::fs::read_to_string(dir.join("site.json")).unwrap_or_default();
    speak_up(dir, &config, &text, &mut report);
    check_look(dir, &config, &mut report);
    report.config = Some(config);
    check_scorecards(dir, &mut report);
    report
}

/// Warnings about what would silently not show: unlisted CSV files, indicators with no
/// theme, geography codes that are not GSS codes, and measures whose mapping no longer
/// matches their file.
fn speak_up(dir: &Path, config: &SiteConfig, site_json: &str, report: &mut Report) {
    let mut listed: Vec<String> = config.files.iter().flat_map(|f| [f.path.clone(), f.meta.clone()]).collect();
    listed.extend(config.neighbours.iter().cloned());
    for path in csv_files(dir, dir) {
        if !listed.contains(&path) {
            report.problems.push(DataError::warning(Position::file(&format!("{DATA_DIR}/{path}")), ErrorKind::UnlistedFile { path: format!("{DATA_DIR}/{path}") }));
        }
    }
    for (id, t) in &report.tables {
        let header = config.files.iter().find(|f| f.id == *id).map_or_else(Vec::new, |f| header_of(&dir.join(&f.path)));
        for m in &t.meta.columns {
            if m.col_type == super::meta::ColumnType::Indicator && m.theme.is_empty() {
                report.problems.push(DataError::warning(Position::new(&t.meta.file, m.line, 1), ErrorKind::IndicatorOnNoPage { indicator: m.name.clone() }));
            }
        }
        for g in &t.geographies {
            let ok = match g.level {
                super::geography::Level::LocalAuthority => g.code.split(" / ").all(|c| gss(c, &["E06", "E08", "E09", "E10"])),
                super::geography::Level::Regional => gss(&g.code, &["E12", "E13"]),
                super::geography::Level::National => gss(&g.code, &["E92"]),
                _ => true,
            };
            if !ok {
                let line = (0..t.rows()).find(|&r| t.geography_of(r).code == g.code).map_or(0, |r| t.line[r]);
                let column = header.iter().position(|h| h == g.level.key_columns().0).map_or(0, |i| i + 1);
                report.problems.push(DataError::warning(Position::new(&t.file, line, column), ErrorKind::UnknownGeographyCode { code: g.code.clone(), level: g.level.name().to_string() }));
            }
        }
    }
    let tables: Vec<(&str, &Table)> = report.tables.iter().map(|(id, t)| (id.as_str(), t)).collect();
    for p in super::measure::check_all(config, &tables) {
        let line = mapping_line(site_json, &p);
        report.problems.push(DataError::warning(Position::new(&format!("{DATA_DIR}/site.json"), line, 0), ErrorKind::MappingMismatch { detail: p.to_string() }));
    }
}

/// The site's colours (contrast with white, WCAG 2.2 AA: 4.5:1 for the brand colour, which
/// is under white text and is the links' colour, 3:1 for the accent, used for graphics) and
/// its logo (a file in the folder), each at its line of `site.json`.
fn check_look(dir: &Path, config: &SiteConfig, report: &mut Report) {
    use super::brand::{check, parse_hex, Role};
    use super::newsite::{locate, Key};
    let name = format!("{DATA_DIR}/site.json");
    let text = std::fs::read_to_string(dir.join("site.json")).unwrap_or_default();
    let mut problem = |path: &[Key], problem: String, fix: String| {
        let (line, column) = locate(&text, path);
        let field = super::newsite::field_name(path);
        report.problems.push(DataError::new(Position::new(&name, line, column), ErrorKind::BadSetting { field, problem, fix }));
    };
    if let Some(c) = &config.colours {
        for (key, value, role) in [("brand", Some(&c.brand), Role::Brand), ("accent", c.accent.as_ref(), Role::Accent)] {
            let Some(value) = value else { continue };
            let path = [Key::Name("colours"), Key::Name(key)];
            match parse_hex(value).map(|rgb| check(role, rgb)) {
                None => problem(&path, format!("\"{value}\" is not a colour written as #rrggbb"), "write it as # and six hexadecimal digits, e.g. #12436d".into()),
                Some(Err(p)) => problem(&path, p.message(), p.hint()),
                Some(Ok(_)) => {}
            }
        }
    }
    if let Some(logo) = &config.logo {
        let path = dir.join(&logo.path);
        if !path.is_file() {
            problem(&[Key::Name("logo"), Key::Name("path")], format!("{DATA_DIR}/{} is not in the data folder", logo.path), "put the SVG or PNG file there, or remove \"logo\"".into());
        }
        if logo.alt.trim().is_empty() {
            problem(&[Key::Name("logo"), Key::Name("alt")], "the logo has no text alternative".into(), "give the partnership's name as \"alt\"".into());
        }
    }
}

/// The line of `site.json` to change for a mapping problem: the `"indicator"` (or
/// `"filters"`) line of the measure's part for the file; 0 when it cannot be found.
pub fn mapping_line(site_json: &str, p: &super::measure::MappingProblem) -> u64 {
    let lines: Vec<&str> = site_json.lines().collect();
    let has = |l: &str, key: &str, value: &str| {
        let l = l.replace(' ', "");
        l.contains(&format!("\"{key}\":\"{value}\""))
    };
    let from = lines.iter().position(|l| l.contains("\"measures\"")).unwrap_or(0);
    let Some(id) = lines.iter().skip(from).position(|l| has(l, "id", &p.measure)).map(|i| i + from) else { return 0 };
    // The part's object: from its `"file"` line back to its `{` and on to its `}`.
    let Some(file) = lines.iter().skip(id).position(|l| has(l, "file", &p.part_file)).map(|i| i + id) else { return 0 };
    let key = if p.wanted.starts_with("indicator") { "\"indicator\"" } else { "\"filters\"" };
    let start = lines[..=file].iter().rposition(|l| l.contains('{')).unwrap_or(file);
    let end = lines.iter().skip(file).position(|l| l.contains('}')).map_or(lines.len(), |i| i + file + 1);
    lines[start..end].iter().position(|l| l.contains(key)).map_or(file as u64 + 1, |i| (start + i) as u64 + 1)
}

/// The column names of a CSV file's header (empty if it cannot be read).
fn header_of(path: &Path) -> Vec<String> {
    use std::io::BufRead;
    let Ok(f) = std::fs::File::open(path) else { return Vec::new() };
    let mut line = String::new();
    if std::io::BufReader::new(f).read_line(&mut line).is_err() {
        return Vec::new();
    }
    super::slice::fields(line.trim_start_matches('\u{feff}').trim_end_matches('\n'))
}

fn gss(code: &str, prefixes: &[&str]) -> bool {
    code.len() == 9 && prefixes.iter().any(|p| code.starts_with(p)) && code[3..].bytes().all(|b| b.is_ascii_digit())
}

/// CSV files under `dir` (paths relative to `root`, `/`-separated), skipping meta files and
/// `previous/` folders (earlier releases kept to compare with).
fn csv_files(root: &Path, dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return out };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        if path.is_dir() {
            if name != "previous" {
                out.extend(csv_files(root, &path));
            }
        } else if name.ends_with(".csv") && !name.ends_with(".meta.csv") {
            let rel = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            out.push(rel);
        }
    }
    out
}

/// The previous release of the file at `path` (relative to `dir`) kept in the `previous/`
/// folder beside it: the file there with the same name once the year range is removed
/// ([`release_key`](super::revisions::release_key)), the latest if there are several.
/// Its path relative to `dir`.
pub fn previous_release(dir: &Path, path: &str) -> Option<String> {
    let rel = Path::new(path);
    let folder = rel.parent().unwrap_or(Path::new("")).join("previous");
    let key = super::revisions::release_key(path);
    let mut found: Vec<String> = std::fs::read_dir(dir.join(&folder))
        .ok()?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".csv") && !n.ends_with(".meta.csv") && super::revisions::release_key(n) == key)
        .collect();
    found.sort_by_key(|n| (super::revisions::release_year(n), n.clone()));
    let name = found.pop()?;
    Some(folder.join(name).to_string_lossy().replace('\\', "/"))
}

/// Reads the previous release at `previous` (relative to `dir`) with `current`'s meta and
/// compares it with `current`; its problems when it cannot be read even so.
pub fn revisions_of(dir: &Path, previous: &str, current: &Table, source: Option<&str>) -> Result<super::revisions::Revisions, Vec<DataError>> {
    let name = format!("{DATA_DIR}/{previous}");
    let bytes = std::fs::read(dir.join(previous)).map_err(|e| vec![DataError::new(Position::file(&name), ErrorKind::Unreadable { reason: e.to_string() })])?;
    let parsed = super::revisions::read_previous(&name, &bytes, &current.meta, source);
    match parsed.value {
        Some(old) => Ok(super::revisions::compare(&old, current)),
        None => Err(parsed.problems),
    }
}

/// For every listed file of `report` with a previous release kept beside it (in
/// `previous/`), what the current release changed: (file id, revisions or the previous
/// release's problems).
pub fn revisions_dir(dir: &Path, report: &Report) -> Vec<(String, Result<super::revisions::Revisions, Vec<DataError>>)> {
    let Some(config) = &report.config else { return Vec::new() };
    let mut out = Vec::new();
    for entry in &config.files {
        let Some((_, table)) = report.tables.iter().find(|(id, _)| *id == entry.id) else { continue };
        let Some(previous) = previous_release(dir, &entry.path) else { continue };
        let result = revisions_of(dir, &previous, table, entry.source.as_deref()).map(|mut r| {
            r.measures(config, &entry.id);
            r
        });
        out.push((entry.id.clone(), result));
    }
    out
}

/// How much data one theme holds for one place.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Coverage {
    pub theme: String,
    pub area: String,
    /// Distinct indicators with at least one value or symbol.
    pub indicators: usize,
    /// Distinct periods with at least one value or symbol.
    pub periods: usize,
    /// Filled cells (numbers and symbols).
    pub values: usize,
}

/// Coverage per theme and place over every loaded table, sorted by theme then place.
pub fn coverage(tables: &[(String, Table)]) -> Vec<Coverage> {
    use std::collections::{BTreeMap, BTreeSet};
    type Acc = (BTreeSet<String>, BTreeSet<(u16, String)>, usize);
    let mut acc: BTreeMap<(String, String), Acc> = BTreeMap::new();
    for (_, t) in tables {
        for (i, name) in t.indicators.iter().enumerate() {
            let theme = t.indicator_meta(name).map_or("", |m| m.theme.as_str()).to_string();
            for r in 0..t.rows() {
                if t.values[i][r].is_empty() {
                    continue;
                }
                let g = t.geography_of(r);
                let e = acc.entry((theme.clone(), format!("{} ({})", g.name, g.code))).or_default();
                e.0.insert(format!("{}:{name}", t.file));
                e.1.insert((t.period[r].year, t.period[r].identifier.name()));
                e.2 += 1;
            }
        }
    }
    acc.into_iter()
        .map(|((theme, area), (i, p, v))| Coverage { theme, area, indicators: i.len(), periods: p.len(), values: v })
        .collect()
}

/// Checks `dir/scorecards.json`, if present, against the loaded tables: every measure
/// must name a listed file and an indicator described in its meta file.
pub fn check_scorecards(dir: &Path, report: &mut Report) {
    let name = format!("{DATA_DIR}/scorecards.json");
    let Ok(text) = std::fs::read_to_string(dir.join("scorecards.json")) else { return };
    let file = match super::scorecard::parse(&name, &text) {
        Ok(f) => f,
        Err(e) => {
            report.problems.push(e);
            return;
        }
    };
    for card in &file.scorecards {
        for m in card.groups.iter().flat_map(|g| &g.measures) {
            let known = report.tables.iter().find(|(id, _)| *id == m.file).is_some_and(|(_, t)| t.indicator_meta(&m.indicator).is_some());
            if !known {
                report.problems.push(DataError::new(
                    Position::file(&name),
                    ErrorKind::IndicatorWithoutMetadata {
                        indicator: format!("{}/{}", m.file, m.indicator),
                        referred_by: format!("scorecard \"{}\"", card.id),
                    },
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_non_gss_code_is_reported_once_at_its_first_row_and_column() {
        let dir = std::env::temp_dir().join(format!("check-gss-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let meta = "col_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,filter_grouping_column,theme\n\
children_count,Indicator,Children,,,0,,,looked-after\n";
        let data = "\u{feff}time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,la_name,new_la_code,children_count\n\
2025,Reporting year,National,E92000001,England,\"\",\"\",\"\",\"\",\"\",81770\n\
2025,Reporting year,Local authority,E92000001,England,E12000001,North East,840,County Durham,E6000047,984\n\
2024,Reporting year,Local authority,E92000001,England,E12000001,North East,840,County Durham,E6000047,990\n";
        std::fs::write(dir.join("cla.csv"), data).unwrap();
        std::fs::write(dir.join("cla.meta.csv"), meta).unwrap();
        std::fs::write(
            dir.join("site.json"),
            r#"{ "title": "t", "areas": [], "files": [{ "id": "cla", "path": "cla.csv", "meta": "cla.meta.csv", "title": "CLA", "theme": "looked-after", "source": "dfe" }],
  "sources": [{ "id": "dfe", "title": "DfE" }] }"#,
        )
        .unwrap();
        let report = check_dir(&dir);
        let text: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(report.errors(), 0, "{text:#?}");
        let gss: Vec<&String> = text.iter().filter(|t| t.contains("not a GSS code")).collect();
        assert_eq!(gss.len(), 1, "{text:#?}");
        assert!(gss[0].starts_with("data/cla.csv:3:10: warning: \"E6000047\" is not a GSS code for a Local authority row"), "{}", gss[0]);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
