//! The build step (native): writes the derived files a page loads instead of whole
//! national files. Run after `trunk build` as `safeguarding-dashboard slice data dist/data`.

use std::path::Path;

use crate::core::config::SiteConfig;
use crate::core::slice;

pub mod newsite;
pub mod release;

/// Years of every authority kept in `slices/<file id>/recent.csv`: the latest, and the one
/// before for an indicator the latest release no longer carries.
pub const RECENT_YEARS: usize = 2;

/// What the build wrote.
#[derive(Debug, Default)]
pub struct Written {
    pub files: usize,
    pub bytes: u64,
    pub places: usize,
}

/// Writes `out/areas.csv`, `out/revisions.csv`, `out/slices/revisions/<code>.csv`, `out/slices/<file id>/<code>.csv` and `out/slices/<file id>/recent.csv` for every `sliced` file of
/// `data/site.json` and every place the official files describe.
pub fn write_slices(data: &Path, out: &Path) -> Result<Written, String> {
    let text = std::fs::read_to_string(data.join("site.json")).map_err(|e| format!("{}: {e}", data.join("site.json").display()))?;
    let config = SiteConfig::parse("data/site.json", &text).map_err(|e| e.to_string())?;
    let read = |p: &str| std::fs::read_to_string(data.join(p)).map_err(|e| format!("{}: {e}", data.join(p).display()));
    let sliced: Vec<_> = config.files.iter().filter(|f| f.sliced).collect();
    let texts: Vec<String> = sliced.iter().map(|f| read(&f.path)).collect::<Result<_, _>>()?;
    let model = match config.neighbours.as_deref() {
        Some(path) => {
            let bytes = std::fs::read(data.join(path)).map_err(|e| format!("data/{path}: {e}"))?;
            let model = crate::core::stats::parse_neighbours(&format!("data/{path}"), &bytes).map_err(|e| e.to_string())?;
            slice::neighbour_lists(&model)
        }
        None => Default::default(),
    };
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let places = slice::places(&refs, &model);
    let mut written = Written { places: places.len(), ..Written::default() };
    let mut put = |path: &Path, body: &str| -> Result<(), String> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(path, body).map_err(|e| format!("{}: {e}", path.display()))?;
        written.files += 1;
        written.bytes += body.len() as u64;
        Ok(())
    };
    put(&out.join("areas.csv"), &slice::areas_csv(&places))?;
    // Ranks need the whole file: parse each with the same loader the checker uses.
    let mut ranks: std::collections::BTreeMap<String, Vec<crate::core::ranks::RankRow>> = Default::default();
    // And what each file's current release revised from the previous one kept beside it.
    let mut revisions: Vec<crate::core::revisions::RevisionRow> = Vec::new();
    for (entry, text) in sliced.iter().zip(&texts) {
        let meta = std::fs::read(data.join(&entry.meta)).map_err(|e| format!("data/{}: {e}", entry.meta))?;
        let parsed = crate::core::dataset::load_file(&config, entry, text.as_bytes(), &meta);
        if let Some(table) = parsed.value {
            for (code, rows) in crate::core::ranks::ranks(&entry.id, &table) {
                ranks.entry(code).or_default().extend(rows);
            }
            if let Some(previous) = crate::core::check::previous_release(data, &entry.path) {
                let r = crate::core::check::revisions_of(data, &previous, &table, entry.source.as_deref())
                    .map_err(|p| format!("data/{previous}: the previous release cannot be compared: {}", p.first().map_or(String::new(), |p| p.to_string())))?;
                revisions.extend(crate::core::revisions::rows(&entry.id, &r));
            }
        }
    }
    put(&out.join("revisions.csv"), &crate::core::revisions::csv(&revisions.iter().collect::<Vec<_>>()))?;
    // Per place: the rows of the places its pages draw (as its slices hold); a header alone
    // when nothing was revised, so the browser's request for it always finds a file.
    for p in &places {
        let partners: Vec<String> = config.partnerships.iter().filter(|g| g.areas.contains(&p.code)).flat_map(|g| g.areas.iter().cloned()).collect();
        let codes = slice::slice_codes(p, &places, &partners);
        let mine: Vec<_> = revisions.iter().filter(|r| codes.contains(&r.code)).collect();
        put(&out.join("slices").join("revisions").join(format!("{}.csv", p.code)), &crate::core::revisions::csv(&mine))?;
    }
    for p in &places {
        let rows = ranks.get(&p.code).map_or(&[][..], Vec::as_slice);
        put(&out.join("slices").join("ranks").join(format!("{}.csv", p.code)), &crate::core::ranks::ranks_csv(rows))?;
    }
    let start = std::time::Instant::now();
    for (i, (entry, text)) in sliced.iter().zip(&texts).enumerate() {
        // Progress, for a person waiting on the build (stderr: stdout is the summary).
        eprintln!("slice: file {} of {} ({}, {:.1} MB) for {} places, {:.1} s", i + 1, sliced.len(), entry.path, text.len() as f64 / 1e6, places.len(), start.elapsed().as_secs_f64());
        let idx = slice::index(text).ok_or_else(|| format!("data/{}: no geography columns to slice by", entry.path))?;
        for p in &places {
            let partners: Vec<String> = config.partnerships.iter().filter(|g| g.areas.contains(&p.code)).flat_map(|g| g.areas.iter().cloned()).collect();
            let body = slice::slice(&idx, &slice::slice_codes(p, &places, &partners));
            put(&out.join("slices").join(&entry.id).join(format!("{}.csv", p.code)), &body)?;
        }
        put(&out.join("slices").join(&entry.id).join("recent.csv"), &slice::recent(&idx, RECENT_YEARS))?;
    }
    Ok(written)
}
