//! One data file and its meta file, parsed and validated against the site configuration.
//! The site (while downloading) and the native checker (while reading from disk) both call
//! this: [`FileLoader`] takes the data file in chunks, [`load_file`] all at once.

use super::config::{FileEntry, SiteConfig};
use super::error::DataError;
use super::parse::{parse_meta, Context, DataParser, Parsed};
use super::table::Table;

/// Folder name used in messages, as a publisher sees it.
pub const DATA_DIR: &str = "data";

/// A data file being read in chunks, after its meta file parsed without errors.
pub struct FileLoader {
    meta_problems: Vec<DataError>,
    parser: DataParser,
}

impl FileLoader {
    /// Parses `meta` for `entry`; `Err` with its problems when it has errors (the data file
    /// is then not read at all).
    pub fn start(config: &SiteConfig, entry: &FileEntry, meta: &[u8]) -> Result<FileLoader, Vec<DataError>> {
        let parsed_meta = parse_meta(&format!("{DATA_DIR}/{}", entry.meta), meta);
        let Some(meta) = parsed_meta.value else { return Err(parsed_meta.problems) };
        let sources: Vec<String> = config.sources.iter().map(|s| s.id.clone()).collect();
        let ctx = Context { sources: Some(&sources), default_source: entry.source.as_deref() };
        let parser = DataParser::new(&format!("{DATA_DIR}/{}", entry.path), &meta, &ctx);
        Ok(FileLoader { meta_problems: parsed_meta.problems, parser })
    }

    /// The data file's size, when known in advance (see [`DataParser::expect_bytes`]).
    pub fn expect_bytes(&mut self, total: u64) {
        self.parser.expect_bytes(total);
    }

    /// Reads the next chunk of the data file.
    pub fn feed(&mut self, chunk: &[u8]) {
        self.parser.feed(chunk);
    }

    /// Bytes of the data file read so far.
    pub fn bytes(&self) -> u64 {
        self.parser.bytes()
    }

    /// Rows validated so far.
    pub fn rows(&self) -> usize {
        self.parser.rows()
    }

    /// True when the rest of the data file would not be looked at.
    pub fn stopped(&self) -> bool {
        self.parser.stopped()
    }

    /// The table, or every problem found (meta problems first).
    pub fn finish(self) -> Parsed<Table> {
        let mut parsed = self.parser.finish();
        let mut problems = self.meta_problems;
        problems.append(&mut parsed.problems);
        Parsed { value: parsed.value, problems }
    }
}

/// Parses `meta` then `data` for `entry`. Meta problems come first; a data file is not
/// read when its meta file has errors.
pub fn load_file(config: &SiteConfig, entry: &FileEntry, data: &[u8], meta: &[u8]) -> Parsed<Table> {
    match FileLoader::start(config, entry, meta) {
        Err(problems) => Parsed { value: None, problems },
        Ok(mut loader) => {
            loader.feed(data);
            loader.finish()
        }
    }
}

/// FNV-1a over `bytes`, continuing from `hash` (start from [`FNV_START`]). The site's
/// fingerprint of its data files: the build writes it into each page it prerenders, and the
/// browser computes it again as it loads, so a page whose data changed since it was built is
/// drawn afresh rather than hydrated (see `web::start`).
pub fn fnv1a(mut hash: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        hash ^= *b as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Where an [`fnv1a`] hash starts.
pub const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;
