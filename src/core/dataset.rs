//! One data file and its meta file, parsed and validated against the site configuration.
//! The site (after fetching) and the native checker (after reading from disk) both call this.

use super::config::{FileEntry, SiteConfig};
use super::parse::{parse_data, parse_meta, Context, Parsed};
use super::table::Table;

/// Folder name used in messages, as a publisher sees it.
pub const DATA_DIR: &str = "data";

/// Parses `meta` then `data` for `entry`. Meta problems come first; a data file is not
/// read when its meta file has errors.
pub fn load_file(config: &SiteConfig, entry: &FileEntry, data: &[u8], meta: &[u8]) -> Parsed<Table> {
    let meta_name = format!("{DATA_DIR}/{}", entry.meta);
    let data_name = format!("{DATA_DIR}/{}", entry.path);
    let parsed_meta = parse_meta(&meta_name, meta);
    let Some(meta) = parsed_meta.value else {
        return Parsed { value: None, problems: parsed_meta.problems };
    };
    let sources: Vec<String> = config.sources.iter().map(|s| s.id.clone()).collect();
    let ctx = Context { sources: Some(&sources), default_source: entry.source.as_deref() };
    let mut parsed = parse_data(&data_name, data, &meta, &ctx);
    let mut problems = parsed_meta.problems;
    problems.append(&mut parsed.problems);
    Parsed { value: parsed.value, problems }
}
