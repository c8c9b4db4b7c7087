//! Loading the configuration and every data file it lists; one bad file never stops
//! the others.

use std::rc::Rc;

use crate::core::config::{FileEntry, SiteConfig};
use crate::core::dataset::{load_file, DATA_DIR};
use crate::core::error::{DataError, ErrorKind, Position};
use crate::core::table::Table;

/// A data file as loaded: its table, or the problems that stopped it.
#[derive(Debug)]
pub struct LoadedFile {
    pub entry: FileEntry,
    pub table: Result<Table, Vec<DataError>>,
}

/// Everything the pages draw from.
#[derive(Debug)]
pub struct Site {
    pub config: SiteConfig,
    pub files: Vec<LoadedFile>,
}

impl Site {
    pub fn file(&self, id: &str) -> Option<&LoadedFile> {
        self.files.iter().find(|f| f.entry.id == id)
    }
}

/// Fetches `site.json`, then every file it lists (concurrently).
pub async fn load() -> Result<Rc<Site>, DataError> {
    let site_name = format!("{DATA_DIR}/site.json");
    let bytes = super::fetch::data_file("site.json")
        .await
        .map_err(|reason| DataError::new(Position::file(&site_name), ErrorKind::Unreadable { reason }))?;
    let text = String::from_utf8_lossy(&bytes);
    let config = SiteConfig::parse(&site_name, &text)?;
    let loads = config.files.iter().map(|entry| load_entry(&config, entry));
    let files = futures::future::join_all(loads).await;
    Ok(Rc::new(Site { config, files }))
}

async fn load_entry(config: &SiteConfig, entry: &FileEntry) -> LoadedFile {
    let unreadable = |name: &str, reason: String| {
        vec![DataError::new(Position::file(&format!("{DATA_DIR}/{name}")), ErrorKind::Unreadable { reason })]
    };
    let (meta, data) = futures::future::join(super::fetch::data_file(&entry.meta), super::fetch::data_file(&entry.path)).await;
    let table = match (meta, data) {
        (Err(reason), _) => Err(unreadable(&entry.meta, reason)),
        (_, Err(reason)) => Err(unreadable(&entry.path, reason)),
        (Ok(meta), Ok(data)) => load_file(config, entry, &data, &meta).into_result(),
    };
    LoadedFile { entry: entry.clone(), table }
}

impl Site {
    /// Tables that loaded, with their configuration entries, in configuration order.
    pub fn tables(&self) -> Vec<(&FileEntry, &Table)> {
        self.files.iter().filter_map(|f| f.table.as_ref().ok().map(|t| (&f.entry, t))).collect()
    }

    /// Files that failed, with their problems.
    pub fn failures(&self) -> Vec<(&FileEntry, &Vec<DataError>)> {
        self.files.iter().filter_map(|f| f.table.as_ref().err().map(|e| (&f.entry, e))).collect()
    }

    /// Name of a geography code, from configuration or any table.
    pub fn place_name(&self, code: &str) -> String {
        if let Some(a) = self.config.area(code) {
            return a.name.clone();
        }
        self.tables()
            .iter()
            .find_map(|(_, t)| t.geography_index(code).map(|g| t.geographies[g as usize].name.clone()))
            .unwrap_or_else(|| code.to_string())
    }

    /// First and last calendar years of any period in the data.
    pub fn years(&self) -> (u16, u16) {
        let mut years = self.tables().into_iter().flat_map(|(_, t)| t.period.iter().map(|p| p.year).collect::<Vec<_>>());
        let first = years.next().unwrap_or(2018);
        years.fold((first, first), |(a, b), y| (a.min(y), b.max(y)))
    }
}
