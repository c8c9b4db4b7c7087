//! `safeguarding-dashboard new-site CONFIG OUT`: a dashboard for another partnership, in one
//! step, from a small configuration ([`crate::core::newsite`]): writes `OUT/data/` (the
//! official files only, with a `site.json` and `scorecards.json` of its own), checks it with
//! the same checker as `check`, and builds `OUT/dist/` from the program already built in
//! `dist/` (the programs do not depend on the data) with the data steps `slice` and `pages`.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::core::config::{MeasurePart, SiteConfig};
use crate::core::newsite::{self, ConfigError, ErrorKind, Key, NewSite};

/// Where to read and write.
pub struct Options {
    /// The partnership's configuration (`sites/northumberland.json`).
    pub config: PathBuf,
    /// Output folder: `OUT/data/` and `OUT/dist/` are written (replaced) in it.
    pub out: PathBuf,
    /// The seed data folder whose official files and settings are used (`data`).
    pub seed: PathBuf,
    /// A built site whose program files are copied (`dist`).
    pub dist: PathBuf,
}

/// Why it stopped.
#[derive(Debug)]
pub enum Failure {
    /// The configuration has problems (each at its field).
    Config(Vec<ConfigError>),
    /// The data folder written fails the checker (its report's errors, printed).
    Check(usize),
    Other(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Config(errors) => {
                for e in errors {
                    writeln!(f, "{e}")?;
                }
                write!(f, "{} problem(s) in the configuration: nothing was written", errors.len())
            }
            Failure::Check(n) => write!(f, "the data folder written has {n} error(s) (above)"),
            Failure::Other(s) => write!(f, "{s}"),
        }
    }
}

fn io(path: &Path, e: std::io::Error) -> Failure {
    Failure::Other(format!("{}: {e}", path.display()))
}

fn copy(from: &Path, to: &Path) -> Result<u64, Failure> {
    if let Some(dir) = to.parent() {
        std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    }
    std::fs::copy(from, to).map_err(|e| io(from, e))
}

/// Copies folder `from` into `to`, returning (files, bytes).
fn copy_dir(from: &Path, to: &Path) -> Result<(usize, u64), Failure> {
    let mut n = (0, 0);
    for entry in std::fs::read_dir(from).map_err(|e| io(from, e))? {
        let entry = entry.map_err(|e| io(from, e))?;
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            let (f, b) = copy_dir(&path, &target)?;
            n = (n.0 + f, n.1 + b);
        } else {
            n = (n.0 + 1, n.1 + copy(&path, &target)?);
        }
    }
    Ok(n)
}

/// The logo's kind and size in px (when the file says), from its first bytes.
fn logo_kind(bytes: &[u8]) -> Option<(&'static str, Option<(f64, f64)>)> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() >= 24 {
        let be = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]) as f64;
        return Some(("png", Some((be(16), be(20)))));
    }
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let open = text.find("<svg")?;
    let tag = &text[open..text[open..].find('>').map_or(text.len(), |e| open + e)];
    let attr = |name: &str| -> Option<String> {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(tag[at..].split('"').next()?.to_string())
    };
    let px = |s: String| s.trim_end_matches("px").trim().parse::<f64>().ok();
    let size = match (attr("width").and_then(px), attr("height").and_then(px)) {
        (Some(w), Some(h)) => Some((w, h)),
        _ => attr("viewBox").and_then(|v| {
            let n: Vec<f64> = v.split([' ', ',']).filter(|s| !s.is_empty()).filter_map(|s| s.parse().ok()).collect();
            (n.len() == 4).then(|| (n[2], n[3]))
        }),
    };
    Some(("svg", size.filter(|(w, h)| *w > 0.0 && *h > 0.0)))
}

/// The height of the logo in the header (px) and its widest.
pub const LOGO_HEIGHT: u32 = 48;
pub const LOGO_MAX_WIDTH: u32 = 240;

/// Reads and checks the logo named in the configuration: (extension, bytes, width, height).
fn read_logo(config_path: &Path, text: &str, logo: &str) -> Result<(&'static str, Vec<u8>, u32, u32), ConfigError> {
    let name = config_path.display().to_string();
    let bad = |reason: String| newsite::error_at(&name, text, &[Key::Name("logo")], ErrorKind::BadLogo { path: logo.to_string(), reason });
    let path = config_path.parent().unwrap_or(Path::new(".")).join(logo);
    let bytes = std::fs::read(&path).map_err(|e| bad(format!("cannot be read ({}: {e})", path.display())))?;
    let (ext, size) = logo_kind(&bytes).ok_or_else(|| bad("is neither an SVG nor a PNG file".into()))?;
    let named = Path::new(logo).extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    if named != ext {
        return Err(bad(format!("is a{} {} file but its name ends .{named}", if ext == "svg" { "n" } else { "" }, ext.to_uppercase())));
    }
    let (w, h) = size.unwrap_or((1.0, 1.0));
    let (mut width, mut height) = (((LOGO_HEIGHT as f64) * w / h).round() as u32, LOGO_HEIGHT);
    if width > LOGO_MAX_WIDTH {
        height = ((LOGO_MAX_WIDTH as f64) * h / w).round().max(1.0) as u32;
        width = LOGO_MAX_WIDTH;
    }
    Ok((ext, bytes, width.max(1), height))
}

/// Every place of the seed's official files (with their neighbours), for checking codes.
fn official_places(seed: &Path, config: &SiteConfig) -> Result<(Vec<crate::core::slice::Place>, usize), Failure> {
    let sliced: Vec<_> = config.files.iter().filter(|f| f.sliced).collect();
    let texts: Vec<String> = sliced.iter().map(|f| std::fs::read_to_string(seed.join(&f.path)).map_err(|e| io(&seed.join(&f.path), e))).collect::<Result<_, _>>()?;
    let model = match config.neighbours.as_deref() {
        Some(p) => {
            let bytes = std::fs::read(seed.join(p)).map_err(|e| io(&seed.join(p), e))?;
            let model = crate::core::stats::parse_neighbours(&format!("data/{p}"), &bytes).map_err(|e| Failure::Other(e.to_string()))?;
            crate::core::slice::neighbour_lists(&model)
        }
        None => Default::default(),
    };
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    Ok((crate::core::slice::places(&refs, &model), sliced.len()))
}

/// Builds the site for `opts`, telling `say` each step as it goes.
pub fn run(opts: &Options, say: &mut dyn FnMut(String)) -> Result<NewSite, Failure> {
    let t0 = std::time::Instant::now();
    let config_name = opts.config.display().to_string();
    let text = std::fs::read_to_string(&opts.config).map_err(|e| io(&opts.config, e))?;
    let seed_json = std::fs::read_to_string(opts.seed.join("site.json")).map_err(|e| io(&opts.seed.join("site.json"), e))?;
    let seed_config = SiteConfig::parse("data/site.json", &seed_json).map_err(|e| Failure::Other(e.to_string()))?;
    let seed: Value = serde_json::from_str(seed_json.trim_start_matches('\u{feff}')).map_err(|e| Failure::Other(format!("data/site.json: {e}")))?;

    say(format!("1/5 reading the official files in {} for the authorities' codes", opts.seed.join("official").display()));
    let (places, files) = official_places(&opts.seed, &seed_config)?;
    let authorities = places.iter().filter(|p| p.level == "Local authority").count();
    say(format!("    {authorities} local authorities in {files} official file(s)"));

    say(format!("2/5 checking {config_name}"));
    let site = newsite::parse(&config_name, &text, &places).map_err(Failure::Config)?;
    let logo = match &site.logo {
        Some(l) => Some(read_logo(&opts.config, &text, l).map_err(|e| Failure::Config(vec![e]))?),
        None => None,
    };
    for p in &site.areas {
        let neighbours = match p.neighbours.len() {
            0 => "no statistical neighbours in DfE's model".to_string(),
            n => format!("{n} statistical neighbours"),
        };
        say(format!("    {} is {} ({}; figures {} to {}; {neighbours})", p.code, p.name, if p.region_name.is_empty() { "no region" } else { &p.region_name }, p.first_year, p.last_year));
    }
    let ratio = |c| crate::core::brand::ratio_text(crate::core::chart::palette::contrast(c, crate::core::brand::WHITE));
    say(format!("    brand colour {}: {}:1 with white (WCAG 2.2 AA needs 4.5:1 for text)", crate::core::chart::palette::hex(site.brand), ratio(site.brand)));
    if let Some(a) = site.accent {
        say(format!("    accent colour {}: {}:1 with white (3:1 for graphics)", crate::core::chart::palette::hex(a), ratio(a)));
    }

    let data = opts.out.join("data");
    say(format!("3/5 writing the data folder {}", data.display()));
    if data.exists() {
        std::fs::remove_dir_all(&data).map_err(|e| io(&data, e))?;
    }
    let mut copied = (0usize, 0u64);
    let official: Vec<&Value> = seed["files"].as_array().map(|a| a.iter().filter(|f| newsite::is_official(f)).collect()).unwrap_or_default();
    let mut paths: Vec<String> = official.iter().flat_map(|f| [f["path"].as_str(), f["meta"].as_str()]).flatten().map(str::to_string).collect();
    paths.extend(seed_config.neighbours.iter().cloned());
    paths.push("official/README.md".into());
    for p in &paths {
        let from = opts.seed.join(p);
        if p.ends_with("README.md") && !from.exists() {
            continue;
        }
        copied.0 += 1;
        copied.1 += copy(&from, &data.join(p))?;
    }
    let logo_file = match &logo {
        Some((ext, bytes, w, h)) => {
            let name = format!("logo.{ext}");
            std::fs::write(data.join(&name), bytes).map_err(|e| io(&data.join(&name), e))?;
            Some((name, *w, *h))
        }
        None => None,
    };
    // The filter values a measure's official part takes in its file, for the headlines.
    let tables: std::cell::RefCell<std::collections::BTreeMap<String, Option<crate::core::table::Table>>> = Default::default();
    let resolve = |file: &str, part: &Value| -> Option<Vec<(String, String)>> {
        let part: MeasurePart = serde_json::from_value(part.clone()).ok()?;
        let entry = seed_config.file(file)?;
        let mut t = tables.borrow_mut();
        let table = t.entry(file.to_string()).or_insert_with(|| {
            let data = std::fs::read(opts.seed.join(&entry.path)).ok()?;
            let meta = std::fs::read(opts.seed.join(&entry.meta)).ok()?;
            crate::core::dataset::load_file(&seed_config, entry, &data, &meta).value
        });
        crate::core::measure::resolve(file, table.as_ref()?, &part).ok().map(|r| r.filters)
    };
    let site_json = newsite::site_json(&seed, &site, logo_file.as_ref().map(|(n, w, h)| (n.as_str(), *w, *h)), &resolve);
    let pretty = |v: &Value| serde_json::to_string_pretty(v).map(|s| s + "\n").map_err(|e| Failure::Other(e.to_string()));
    std::fs::write(data.join("site.json"), pretty(&site_json)?).map_err(|e| io(&data.join("site.json"), e))?;
    let seed_cards: Value = std::fs::read_to_string(opts.seed.join("scorecards.json")).ok().and_then(|t| serde_json::from_str(&t).ok()).unwrap_or(Value::Null);
    let cards = newsite::scorecards_json(&seed_cards, &site);
    std::fs::write(data.join("scorecards.json"), pretty(&cards)?).map_err(|e| io(&data.join("scorecards.json"), e))?;
    say(format!(
        "    {} official file(s) and metas, {} MB; site.json ({} files, {} sources, {} measures, headlines for {} themes); scorecards.json ({} scorecard(s)){}",
        copied.0,
        copied.1 / 1_000_000,
        site_json["files"].as_array().map_or(0, Vec::len),
        site_json["sources"].as_array().map_or(0, Vec::len),
        site_json["measures"].as_array().map_or(0, Vec::len),
        site_json["headlines"].as_object().map_or(0, |h| h.len()),
        cards["scorecards"].as_array().map_or(0, Vec::len),
        logo_file.as_ref().map_or(String::new(), |(n, w, h)| format!("; {n} ({w}×{h} px in the header)"))
    ));

    say(format!("4/5 checking {} as `check` does", data.display()));
    let report = crate::core::check::check_dir(&data);
    for p in &report.problems {
        say(format!("{p}"));
    }
    let rows: usize = report.tables.iter().map(|(_, t)| t.rows()).sum();
    say(format!("    checked {} file(s), {rows} row(s): {} error(s), {} warning(s)", report.tables.len(), report.errors(), report.warnings()));
    if report.errors() > 0 {
        return Err(Failure::Check(report.errors()));
    }

    let dist = opts.out.join("dist");
    say(format!("5/5 building {} from the program in {}", dist.display(), opts.dist.display()));
    if !opts.dist.join("index.html").exists() || !opts.dist.join("safeguarding-dashboard_bg.wasm").exists() {
        return Err(Failure::Other(format!("{} has no built program (index.html, safeguarding-dashboard_bg.wasm): build the site first (scripts/serve.sh or scripts/new-site.sh)", opts.dist.display())));
    }
    if dist.exists() {
        std::fs::remove_dir_all(&dist).map_err(|e| io(&dist, e))?;
    }
    std::fs::create_dir_all(&dist).map_err(|e| io(&dist, e))?;
    // The program: the files at dist's top level (the shell, scripts, wasm, styles) and the
    // light programs' folders; not the data, the pages or their models.
    let mut program = (0usize, 0u64);
    for entry in std::fs::read_dir(&opts.dist).map_err(|e| io(&opts.dist, e))? {
        let entry = entry.map_err(|e| io(&opts.dist, e))?;
        let name = entry.file_name().to_string_lossy().to_string();
        let path = entry.path();
        if path.is_dir() && name.starts_with("light") {
            let (f, b) = copy_dir(&path, &dist.join(&name))?;
            program = (program.0 + f, program.1 + b);
        } else if path.is_file() && name != crate::web::MODEL && name != "brand.css" {
            program = (program.0 + 1, program.1 + copy(&path, &dist.join(&name))?);
        }
    }
    // The page shell's description names the seed's partnerships: this site's instead.
    let shell = dist.join("index.html");
    let html = std::fs::read_to_string(&shell).map_err(|e| io(&shell, e))?;
    let description = crate::core::chart::text::escape_xml(&format!("Children's safeguarding data for {}: children in need, child protection, children looked after and care leavers, from the Department for Education's official statistics, with sources.", site.authorities_text()));
    let tag = "<meta name=\"description\" content=\"";
    let html = match html.find(tag) {
        Some(a) => {
            let start = a + tag.len();
            let end = html[start..].find('"').map_or(start, |e| start + e);
            format!("{}{}{}", &html[..start], description, &html[end..])
        }
        None => html,
    };
    std::fs::write(&shell, html).map_err(|e| io(&shell, e))?;
    say(format!("    copied the program: {} file(s), {} MB", program.0, program.1 / 1_000_000));
    let (f, b) = copy_dir(&data, &dist.join("data"))?;
    say(format!("    copied the data folder: {f} file(s), {} MB", b / 1_000_000));
    let t = std::time::Instant::now();
    let w = super::write_slices(&data, &dist.join("data")).map_err(|e| Failure::Other(format!("slice: {e}")))?;
    say(format!("    slice: wrote {} file(s), {} MB, for {} place(s) in {:.1} s", w.files, w.bytes / 1_000_000, w.places, t.elapsed().as_secs_f64()));
    let t = std::time::Instant::now();
    let w = crate::web::prerender::write_pages(&dist).map_err(|e| Failure::Other(format!("pages: {e}")))?;
    say(format!("    pages: wrote {} page(s) ({} with a model for the light program) and {} shell(s), {} MB, for {} area(s) and the default pages in {:.1} s", w.pages, w.models, w.shells, w.bytes / 1_000_000, w.areas, t.elapsed().as_secs_f64()));
    say(format!("built {} in {:.1} s", dist.display(), t0.elapsed().as_secs_f64()));
    Ok(site)
}

impl NewSite {
    /// "Northumberland" or "Cumberland and Westmorland and Furness".
    pub fn authorities_text(&self) -> String {
        let names: Vec<&str> = self.areas.iter().map(|p| p.name.as_str()).collect();
        match names.split_last() {
            None => self.name.clone(),
            Some((last, [])) => last.to_string(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_logo_kind_and_size_are_read_from_the_file() {
        let svg = br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 50"><rect/></svg>"#;
        assert_eq!(logo_kind(svg), Some(("svg", Some((200.0, 50.0)))));
        let sized = br#"<svg width="120px" height="40" xmlns="http://www.w3.org/2000/svg"></svg>"#;
        assert_eq!(logo_kind(sized), Some(("svg", Some((120.0, 40.0)))));
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend_from_slice(&64u32.to_be_bytes());
        png.extend_from_slice(&32u32.to_be_bytes());
        assert_eq!(logo_kind(&png), Some(("png", Some((64.0, 32.0)))));
        assert_eq!(logo_kind(b"GIF89a"), None);
    }
}
