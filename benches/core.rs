//! Native benchmarks of the pure core, with a small hand-written harness (no dependency):
//!
//! ```sh
//! nice -n 10 cargo bench --bench core            # all
//! nice -n 10 cargo bench --bench core -- chart   # those whose name contains "chart"
//! ```
//!
//! Each benchmark runs a warm-up, then N timed iterations, and prints median, min and max
//! (and MB/s over the bytes parsed). The bench profile is the release profile, so this
//! measures the shipped code (`opt-level = "z"`, LTO). The big file comes from
//! `cargo run --release --example gen_big_data` (skipped with a message when absent).
//! Results and the machine they were measured on: docs/benchmarks-native.md.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use safeguarding_dashboard::core::catalog::{build, theme_charts, Choice};
use safeguarding_dashboard::core::chart;
use safeguarding_dashboard::core::check::check_dir;
use safeguarding_dashboard::core::config::{FileEntry, SiteConfig};
use safeguarding_dashboard::core::dataset::load_file;

/// A folder's site.json and every file it lists, read into memory once.
struct Folder {
    config: SiteConfig,
    files: Vec<(FileEntry, Vec<u8>, Vec<u8>)>,
    bytes: u64,
}

fn read_folder(dir: &Path) -> Option<Folder> {
    let text = std::fs::read_to_string(dir.join("site.json")).ok()?;
    let config = SiteConfig::parse("data/site.json", &text).ok()?;
    let mut files = Vec::new();
    let mut bytes = text.len() as u64;
    for entry in &config.files {
        let data = std::fs::read(dir.join(&entry.path)).ok()?;
        let meta = std::fs::read(dir.join(&entry.meta)).ok()?;
        bytes += (data.len() + meta.len()) as u64;
        files.push((entry.clone(), data, meta));
    }
    Some(Folder { config, files, bytes })
}

/// Parses and validates every file of the folder as the site does; returns rows loaded
/// and errors found (a file with errors is still fully validated, but loads no rows).
fn parse_folder(f: &Folder) -> (usize, usize) {
    let (mut rows, mut errors) = (0, 0);
    for (entry, data, meta) in &f.files {
        let parsed = load_file(&f.config, entry, black_box(data), black_box(meta));
        errors += parsed.errors().count();
        rows += parsed.value.map_or(0, |t| t.rows());
    }
    (rows, errors)
}

struct Bench {
    filter: Option<String>,
}

impl Bench {
    /// Times `iters` runs of `f` after one warm-up run; `bytes` gives MB/s.
    fn run<T>(&self, name: &str, iters: usize, bytes: Option<u64>, mut f: impl FnMut() -> T) {
        if self.filter.as_deref().is_some_and(|w| !name.contains(w)) {
            return;
        }
        black_box(f());
        let mut times: Vec<Duration> = (0..iters.max(1))
            .map(|_| {
                let t = Instant::now();
                black_box(f());
                t.elapsed()
            })
            .collect();
        times.sort();
        let median = times[times.len() / 2];
        let rate = bytes.map_or(String::new(), |b| format!("  {:>8.1} MB/s", b as f64 / 1e6 / median.as_secs_f64()));
        println!(
            "{name:<44} {:>4} iters  median {:>10}  min {:>10}  max {:>10}{rate}",
            times.len(),
            show(median),
            show(times[0]),
            show(times[times.len() - 1])
        );
    }
}

fn show(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 1.0 {
        format!("{s:.2} s")
    } else if s >= 1e-3 {
        format!("{:.2} ms", s * 1e3)
    } else {
        format!("{:.1} µs", s * 1e6)
    }
}

fn iters(var: &str, default: usize) -> usize {
    std::env::var(var).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn main() {
    // `cargo bench` passes `--bench`; the first other argument filters by name.
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let b = Bench { filter };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));

    let data = read_folder(&root.join("data")).expect("data/ reads");
    let (rows, errors) = parse_folder(&data);
    println!("data/: {} files, {rows} rows, {errors} errors, {:.2} MB", data.files.len(), data.bytes as f64 / 1e6);
    b.run("parse+validate data/ (in memory)", iters("BENCH_ITERS", 30), Some(data.bytes), || parse_folder(&data));
    b.run("check_dir data/ (read + parse + validate)", iters("BENCH_ITERS", 30), Some(data.bytes), || check_dir(&root.join("data")).tables.len());

    let report = check_dir(&root.join("data"));
    let config = report.config.clone().expect("site.json");
    let (_, table) = report.tables.iter().find(|(id, _)| id == "cla-rate").expect("cla-rate");
    let selection = chart::Selection::for_area(&config, "cla_rate", "E06000047");
    let model = chart::line_model(table, &config, &selection).expect("Durham CLA rate");
    b.run("chart model: Durham CLA rate", iters("BENCH_CHART_ITERS", 2000), None, || chart::line_model(table, &config, &selection));
    b.run("chart SVG: Durham CLA rate, 760 px", iters("BENCH_CHART_ITERS", 2000), None, || chart::line::render(&model, 760).svg.len());
    b.run("chart model + SVG: Durham CLA rate", iters("BENCH_CHART_ITERS", 2000), None, || {
        chart::line::render(&chart::line_model(table, &config, &selection).unwrap(), 760).svg.len()
    });

    let big_dir = root.join("target/big-data");
    match read_folder(&big_dir) {
        None => println!(
            "parse+validate target/big-data: skipped (generate it with `cargo run --release --example gen_big_data`)"
        ),
        Some(big) => {
            let (rows, errors) = parse_folder(&big);
            println!("target/big-data: {rows} rows, {errors} errors, {:.1} MB", big.bytes as f64 / 1e6);
            b.run("parse+validate target/big-data (in memory)", iters("BENCH_BIG_ITERS", 3), Some(big.bytes), || parse_folder(&big));
            // What the children-in-need page does once the big file is loaded: find its
            // charts, then build each for the first area.
            let (entry, data, meta) = &big.files[0];
            let table = load_file(&big.config, entry, data, meta).value.expect("big file is valid");
            let files = [(entry, &table)];
            let choice = Choice { area: big.config.areas[0].code.clone(), comparators: big.config.areas[0].comparators.clone(), years: None, ..Default::default() };
            b.run("theme page charts: target/big-data, first area", iters("BENCH_BIG_ITERS", 3), None, || {
                let specs = theme_charts(&files, &["children-in-need"]);
                specs.iter().filter_map(|s| build(&big.config, &files, s, &choice)).count()
            });
        }
    }
}
