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
