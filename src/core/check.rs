//! The native data checker: validates a `data/` folder exactly as the site would.

use std::path::Path;

use super::config::SiteConfig;
use super::dataset::{load_file, DATA_DIR};
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
    for entry in &config.files {
        let read = |name: &str, report: &mut Report| match std::fs::read(dir.join(name)) {
            Ok(b) => Some(b),
            Err(e) => {
                report.problems.push(DataError::new(
                    Position::file(&format!("{DATA_DIR}/{name}")),
                    ErrorKind::Unreadable { reason: e.to_string() },
                ));
                None
            }
        };
        let (Some(meta), Some(data)) = (read(&entry.meta, &mut report), read(&entry.path, &mut report)) else { continue };
        let mut parsed = load_file(&config, entry, &data, &meta);
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
    for code in codes {
        if !report.tables.iter().any(|(_, t)| t.geography_index(code).is_some()) {
            report.problems.push(DataError::warning(Position::file(&site_name), ErrorKind::UnknownArea { code: code.to_string() }));
        }
    }
    report.config = Some(config);
    report
}
