//! Loading the configuration and every data file it lists; one bad file never stops
//! the others.

use std::cell::RefCell;
use std::rc::Rc;

use crate::core::catalog::{theme_charts_joined, ChartSpec};
use crate::core::slice::Place;
use crate::core::config::{FileEntry, SiteConfig};
use crate::core::dataset::{FileLoader, DATA_DIR};
use crate::core::error::{DataError, ErrorKind, Position};
use crate::core::table::Table;
use crate::web::progress;

/// A data file as loaded: its table, or the problems that stopped it.
#[derive(Debug)]
pub struct LoadedFile {
    pub entry: FileEntry,
    pub table: Result<Table, Vec<DataError>>,
    /// [`fnv1a`](crate::core::dataset::fnv1a) of the meta file's bytes then the data file's, as read.
    pub hash: u64,
}

/// Everything the pages draw from.
#[derive(Debug)]
pub struct Site {
    pub config: SiteConfig,
    pub files: Vec<LoadedFile>,
    /// Every place the official files describe (`data/areas.csv`, written by the build).
    pub places: Vec<Place>,
    /// The place whose slices of the official files are loaded.
    pub slice_area: String,
    /// That place's ranks among all authorities (`slices/ranks/<code>.csv`, by the build).
    pub ranks: Vec<crate::core::ranks::RankRow>,
    /// Figures of that place (and the places its charts draw beside it) that the current
    /// release of an official file revised (`slices/revisions/<code>.csv`, by the build;
    /// none when a built site has no such file).
    pub revisions: Vec<crate::core::revisions::RevisionRow>,
    /// Charts of each theme page (they depend only on the data, not on the view): found
    /// once, not on every change of area or comparator, which matters for big files.
    specs: RefCell<Vec<(String, Rc<Vec<ChartSpec>>)>>,
    /// The data as loaded: [`fnv1a`](crate::core::dataset::fnv1a) of `site.json`, `areas.csv`,
    /// the ranks and every file's hash, in that order (see [`fingerprint`]).
    pub fingerprint: u64,
    /// Every authority's latest years of an official file (`slices/<id>/recent.csv`), by
    /// file id, once fetched for a comparison.
    pub recent: RefCell<std::collections::BTreeMap<String, Rc<Table>>>,
}

/// Where `entry`'s data are read from for `area`: its slice when the file is sliced.
fn data_path(entry: &FileEntry, area: &str) -> String {
    if entry.sliced { format!("slices/{}/{area}.csv", entry.id) } else { entry.path.clone() }
}

/// The fingerprint of a site's data from the hashes of what it read.
pub fn fingerprint(site_json: &[u8], areas: &[u8], ranks: &[u8], files: &[LoadedFile]) -> u64 {
    use crate::core::dataset::{fnv1a, FNV_START};
    let mut h = fnv1a(fnv1a(fnv1a(FNV_START, site_json), areas), ranks);
    for f in files {
        h = fnv1a(h, &f.hash.to_le_bytes());
    }
    h
}

/// The fingerprint with the revisions read (unchanged when there are none, as for a site
/// built before revisions were written).
fn with_revisions(fingerprint: u64, revisions: &[u8]) -> u64 {
    if revisions.is_empty() { fingerprint } else { crate::core::dataset::fnv1a(fingerprint, revisions) }
}

impl Site {
    /// A site of one file, as "Check your data" previews it: the configuration's title,
    /// sources and measures, `entry` as its only file and `area` as its only area, so
    /// its charts are drawn by the same catalog and components as the site's.
    pub fn preview(mut config: SiteConfig, entry: FileEntry, table: Table, area: crate::core::config::Area) -> Site {
        config.files = vec![entry.clone()];
        let slice_area = area.code.clone();
        config.areas = vec![area];
        let files = vec![LoadedFile { entry, table: Ok(table), hash: 0 }];
        Site { config, files, places: Vec::new(), slice_area, ranks: Vec::new(), revisions: Vec::new(), fingerprint: 0, specs: RefCell::default(), recent: RefCell::default() }
    }

    pub fn file(&self, id: &str) -> Option<&LoadedFile> {
        self.files.iter().find(|f| f.entry.id == id)
    }
}

/// The place whose official slices a view of `area` needs: the area itself when the
/// official files describe it, a partnership's first authority, otherwise the first
/// configured area.
pub fn slice_area(config: &SiteConfig, places: &[Place], area: Option<&str>) -> String {
    let area = area.unwrap_or_else(|| config.areas.first().map_or("E92000001", |a| a.code.as_str()));
    if places.iter().any(|p| p.code == area) {
        return area.to_string();
    }
    if let Some(p) = config.partnerships.iter().find(|p| p.code == area) {
        if let Some(first) = p.areas.first() {
            return first.clone();
        }
    }
    config.areas.first().map_or(area.to_string(), |a| a.code.clone())
}

/// Fetches `site.json` and `areas.csv`, then every file it lists (concurrently); files
/// marked `sliced` are fetched as the slice for `area` (see `core::slice`).
pub async fn load(area: Option<String>) -> Result<Rc<Site>, DataError> {
    let site_name = format!("{DATA_DIR}/site.json");
    let bytes = super::fetch::data_file("site.json")
        .await
        .map_err(|reason| DataError::new(Position::file(&site_name), ErrorKind::Unreadable { reason }))?;
    let text = String::from_utf8_lossy(&bytes);
    let config = SiteConfig::parse(&site_name, &text)?;
    // The build writes areas.csv and the slices only for a site with sliced files.
    let sliced = config.files.iter().any(|f| f.sliced);
    let areas_bytes = match sliced {
        true => super::fetch::data_file("areas.csv").await.unwrap_or_default(),
        false => Vec::new(),
    };
    let places = crate::core::slice::parse_areas(&String::from_utf8_lossy(&areas_bytes));
    let slice_area = slice_area(&config, &places, area.as_deref());
    // Marks for scripts/bench.sh: from here to `data-ready` the data files download and
    // are parsed, validated and indexed.
    progress::mark("dashboard:data-start");
    let loads = config.files.iter().map(|entry| load_entry(&config, entry, &slice_area));
    let ranks_path = format!("slices/ranks/{slice_area}.csv");
    let ranks = async {
        match sliced {
            true => super::fetch::data_file(&ranks_path).await.unwrap_or_default(),
            false => Vec::new(),
        }
    };
    let revisions_path = format!("slices/revisions/{slice_area}.csv");
    let revisions = async {
        match sliced {
            true => crate::core::revisions::if_revisions(super::fetch::data_file(&revisions_path).await.unwrap_or_default()),
            false => Vec::new(),
        }
    };
    let (files, ranks_bytes, revisions_bytes) = futures::future::join3(futures::future::join_all(loads), ranks, revisions).await;
    let ranks = crate::core::ranks::parse_ranks(&String::from_utf8_lossy(&ranks_bytes));
    let revisions = crate::core::revisions::parse_csv(&String::from_utf8_lossy(&revisions_bytes));
    let fingerprint = with_revisions(fingerprint(&bytes, &areas_bytes, &ranks_bytes, &files), &revisions_bytes);
    progress::publish();
    progress::mark("dashboard:data-ready");
    // Drawing the page is a task of its own, after the bar has shown the last chunk.
    progress::yield_now().await;
    Ok(Rc::new(Site { config, files, places, slice_area, ranks, revisions, fingerprint, specs: RefCell::default(), recent: RefCell::default() }))
}

/// Reads the site from a built `data/` folder on disk, as [`load`] fetches it in the
/// browser: the configuration, the places, the files (the slices for `area`) and the ranks.
/// For prerendering, so that the page written and the page hydrated draw from the same data.
#[cfg(not(target_arch = "wasm32"))]
pub fn load_dir(dir: &std::path::Path, area: Option<&str>) -> Result<Rc<Site>, DataError> {
    let site_name = format!("{DATA_DIR}/site.json");
    let read = |name: &str| std::fs::read(dir.join(name)).map_err(|e| e.to_string());
    let bytes = read("site.json").map_err(|reason| DataError::new(Position::file(&site_name), ErrorKind::Unreadable { reason }))?;
    let config = SiteConfig::parse(&site_name, &String::from_utf8_lossy(&bytes))?;
    let sliced = config.files.iter().any(|f| f.sliced);
    let areas_bytes = if sliced { read("areas.csv").unwrap_or_default() } else { Vec::new() };
    let places = crate::core::slice::parse_areas(&String::from_utf8_lossy(&areas_bytes));
    let slice_area = slice_area(&config, &places, area);
    let unreadable = |name: &str, reason: String| vec![DataError::new(Position::file(&format!("{DATA_DIR}/{name}")), ErrorKind::Unreadable { reason })];
    let files: Vec<LoadedFile> = config
        .files
        .iter()
        .map(|entry| {
            let path = data_path(entry, &slice_area);
            let mut hash = crate::core::dataset::FNV_START;
            let table = match (read(&entry.meta), read(&path)) {
                (Err(reason), _) => Err(unreadable(&entry.meta, reason)),
                (Ok(meta), Err(reason)) => {
                    hash = crate::core::dataset::fnv1a(hash, &meta);
                    Err(unreadable(&entry.path, reason))
                }
                (Ok(meta), Ok(data)) => {
                    hash = crate::core::dataset::fnv1a(crate::core::dataset::fnv1a(hash, &meta), &data);
                    crate::core::dataset::load_file(&config, entry, &data, &meta).into_result()
                }
            };
            LoadedFile { entry: entry.clone(), table, hash }
        })
        .collect();
    let ranks_bytes = if sliced { read(&format!("slices/ranks/{slice_area}.csv")).unwrap_or_default() } else { Vec::new() };
    let ranks = crate::core::ranks::parse_ranks(&String::from_utf8_lossy(&ranks_bytes));
    let revisions_bytes = if sliced { crate::core::revisions::if_revisions(read(&format!("slices/revisions/{slice_area}.csv")).unwrap_or_default()) } else { Vec::new() };
    let revisions = crate::core::revisions::parse_csv(&String::from_utf8_lossy(&revisions_bytes));
    let fingerprint = with_revisions(fingerprint(&bytes, &areas_bytes, &ranks_bytes, &files), &revisions_bytes);
    Ok(Rc::new(Site { config, files, places, slice_area, ranks, revisions, fingerprint, specs: RefCell::default(), recent: RefCell::default() }))
}

async fn load_entry(config: &SiteConfig, entry: &FileEntry, area: &str) -> LoadedFile {
    let mut hash = crate::core::dataset::FNV_START;
    let table = load_table(config, entry, area, &mut hash).await;
    LoadedFile { entry: entry.clone(), table, hash }
}

/// Fetches the meta file and starts the data file at the same time, then parses the data
/// file chunk by chunk as it downloads, updating the progress bar and yielding to the
/// browser between chunks (see [`progress::maybe_yield`]). A file with an unusable header
/// stops downloading at once.
async fn load_table(config: &SiteConfig, entry: &FileEntry, area: &str, hash: &mut u64) -> Result<Table, Vec<DataError>> {
    let unreadable = |name: &str, reason: String| {
        vec![DataError::new(Position::file(&format!("{DATA_DIR}/{name}")), ErrorKind::Unreadable { reason })]
    };
    let path = data_path(entry, area);
    let (meta, data) = futures::future::join(super::fetch::data_file(&entry.meta), super::fetch::open(&path)).await;
    let meta = match meta {
        Ok(meta) => meta,
        Err(reason) => {
            if let Ok(d) = &data {
                d.cancel();
            }
            return Err(unreadable(&entry.meta, reason));
        }
    };
    *hash = crate::core::dataset::fnv1a(*hash, &meta);
    let mut download = data.map_err(|reason| unreadable(&entry.path, reason))?;
    let mut loader = match FileLoader::start(config, entry, &meta) {
        Ok(loader) => loader,
        Err(problems) => {
            download.cancel();
            return Err(problems);
        }
    };
    match download.total {
        Some(total) => {
            loader.expect_bytes(total);
            progress::update(|p| p.total += total);
        }
        None => progress::update(|p| p.unknown = true),
    }
    let mut rows = 0;
    let mut chunk = Vec::new();
    loop {
        match download.next(&mut chunk).await {
            Ok(true) => {
                *hash = crate::core::dataset::fnv1a(*hash, &chunk);
                loader.feed(&chunk);
                let now = loader.rows();
                progress::update(|p| {
                    p.loaded += chunk.len() as u64;
                    p.rows += now - rows;
                });
                rows = now;
                if loader.stopped() {
                    download.cancel();
                    break;
                }
                progress::maybe_yield().await;
            }
            Ok(false) => break,
            Err(reason) => return Err(unreadable(&entry.path, reason)),
        }
    }
    loader.finish().into_result()
}

impl Site {
    /// Every chart for indicators of `themes` (see [`theme_charts`]), cached.
    pub fn theme_specs(&self, themes: &[&str]) -> Rc<Vec<ChartSpec>> {
        let key = themes.join(",");
        if let Some((_, specs)) = self.specs.borrow().iter().find(|(k, _)| *k == key) {
            return specs.clone();
        }
        let specs = Rc::new(theme_charts_joined(Some(&self.config), &self.tables(), themes));
        self.specs.borrow_mut().push((key, specs.clone()));
        specs
    }

    /// The theme page (id) and indicator slug of chart `id`, for a link to the indicator's page.
    pub fn indicator_of(&self, id: &str) -> Option<(String, String)> {
        crate::core::view::THEME_PAGES.iter().find_map(|(page, _, themes)| {
            let specs = self.theme_specs(themes);
            specs.iter().any(|s| s.id == id).then(|| (page.to_string(), crate::core::indicator::slug_of(id).to_string()))
        })
    }

    /// The label of indicator `slug` of theme page `theme`, when there is one.
    pub fn indicator_label(&self, theme: &str, slug: &str) -> Option<String> {
        let (_, _, themes) = crate::core::view::THEME_PAGES.iter().find(|(id, _, _)| *id == theme)?;
        if slug == crate::web::pages::indicator::ALL {
            let title = crate::core::view::THEME_PAGES.iter().find(|(id, _, _)| *id == theme).map_or("", |(_, t, _)| *t);
            return Some(format!("Every chart: {title}"));
        }
        let list = crate::core::indicator::indicators(&self.theme_specs(themes));
        crate::core::indicator::find(&list, slug).map(|i| i.label.clone())
    }

    /// Tables that loaded, with their configuration entries, in configuration order.
    pub fn tables(&self) -> Vec<(&FileEntry, &Table)> {
        self.files.iter().filter_map(|f| f.table.as_ref().ok().map(|t| (&f.entry, t))).collect()
    }

    /// The area's rank for a chart, in words, when the chart is of the area itself (not a
    /// partnership standing for it) and an official file it draws ranks it.
    pub fn rank_text(&self, spec: &ChartSpec, area: &str) -> Option<String> {
        if area != self.slice_area {
            return None;
        }
        let mut candidates: Vec<(&str, &str, &[(String, String)])> = vec![(&spec.file, &spec.indicator, &spec.fixed)];
        for (file, r) in &spec.joined {
            candidates.push((file, &r.indicator, &r.filters));
        }
        candidates.iter().find_map(|(file, ind, fixed)| {
            let row = self.ranks.iter().find(|r| r.matches(file, ind, fixed))?;
            let table = self.file(file)?.table.as_ref().ok()?;
            let words = match table.indicator_meta(ind)?.polarity {
                crate::core::meta::Polarity::LowerIsBetter => "lower is better",
                crate::core::meta::Polarity::HigherIsBetter => "higher is better",
                crate::core::meta::Polarity::Neither => return None,
            };
            Some(row.sentence(words))
        })
    }

    /// The official figures a chart draws for an authority, for its latest-year comparisons:
    /// (file id, indicator, filters) of the first sliced file among the chart's parts, when
    /// the area is an authority whose slices are loaded.
    pub fn official_part(&self, spec: &ChartSpec, area: &str) -> Option<(String, String, Vec<(String, String)>)> {
        if area != self.slice_area || spec.varies.is_some() || !self.places.iter().any(|p| p.code == area && p.level == "Local authority") {
            return None;
        }
        let mut parts: Vec<(String, String, Vec<(String, String)>)> = vec![(spec.file.clone(), spec.indicator.clone(), spec.fixed.clone())];
        parts.extend(spec.joined.iter().map(|(f, r)| (f.clone(), r.indicator.clone(), r.filters.clone())));
        parts.into_iter().find(|(f, _, _)| self.config.file(f).is_some_and(|e| e.sliced))
    }

    /// Files that failed, with their problems.
    pub fn failures(&self) -> Vec<(&FileEntry, &Vec<DataError>)> {
        self.files.iter().filter_map(|f| f.table.as_ref().err().map(|e| (&f.entry, e))).collect()
    }

    /// Name of a geography code, from configuration, the official places or any table.
    pub fn place_name(&self, code: &str) -> String {
        if let Some(a) = self.config.area(code) {
            return a.name.clone();
        }
        if let Some(p) = self.places.iter().find(|p| p.code == code) {
            return p.name.clone();
        }
        if let Some(own) = code.strip_prefix("SNM-") {
            return format!("{}'s statistical neighbours (median, our calculation)", self.place_name(own));
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

impl Site {
    /// Every authority's latest years of official file `file` (`slices/<file>/recent.csv`,
    /// written by the build), fetched once, for the comparison with every authority.
    pub async fn recent_table(&self, file: &str) -> Result<Rc<Table>, DataError> {
        if let Some(t) = self.recent.borrow().get(file) {
            return Ok(t.clone());
        }
        let entry = self.config.file(file).ok_or_else(|| DataError::new(Position::file(file), ErrorKind::Unreadable { reason: "not configured".into() }))?;
        let path = format!("slices/{file}/recent.csv");
        let unreadable = |reason: String| DataError::new(Position::file(&format!("data/{path}")), ErrorKind::Unreadable { reason });
        let (meta, data) = futures::future::join(super::fetch::data_file(&entry.meta), super::fetch::data_file(&path)).await;
        let (meta, data) = (meta.map_err(unreadable)?, data.map_err(unreadable)?);
        let parsed = crate::core::dataset::load_file(&self.config, entry, &data, &meta);
        let table = Rc::new(parsed.value.ok_or_else(|| parsed.problems.into_iter().next().unwrap_or_else(|| unreadable("no rows".into())))?);
        self.recent.borrow_mut().insert(file.to_string(), table.clone());
        Ok(table)
    }

    /// Fetches the comparisons with every authority of this site's charts, for
    /// [`crate::web::components::CompareLatest`].
    pub fn all_fetcher(self: &Rc<Self>) -> crate::web::components::compare_latest::AllFetcher {
        use crate::web::components::compare_latest::{AllAuthorities, AllFetcher};
        let site = self.clone();
        AllFetcher(Rc::new(move |all: &AllAuthorities| {
            let (site, all) = (site.clone(), all.clone());
            Box::pin(async move {
                let AllAuthorities { file, indicator, filters, area } = all;
                let table = site.recent_table(&file).await.map_err(|e| e.to_string())?;
                Ok(crate::core::compare::latest(&site.config, &table, &indicator, &filters, &area, &crate::core::compare::Scope::All))
            })
        }))
    }
}
