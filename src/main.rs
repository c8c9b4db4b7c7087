//! Binary entry point: in the browser, the dashboard; natively, the data checker.

#[cfg(target_arch = "wasm32")]
fn main() {
    // The light programs (embeds; with `pages`, indicator pages): see web::light.
    #[cfg(all(feature = "light", not(any(feature = "check", feature = "checker"))))]
    safeguarding_dashboard::web::light::start();
    #[cfg(feature = "checker")]
    safeguarding_dashboard::web::light::start_checker();
    #[cfg(feature = "check")]
    safeguarding_dashboard::web::light::start_check();
    #[cfg(not(feature = "light"))]
    safeguarding_dashboard::web::start();
}

/// `new-site CONFIG OUT`: a dashboard for another partnership (`build::newsite`).
/// `pages [DIST]`: prerender the site's pages into a built `dist/` (after `slice`).
/// `check … --previous OLD.csv` / `check DIR`: also what a release revised (see core::revisions).
/// `release NEW.csv [DIR]`: put next year's release of an official file in place (build::release).
/// `check [DIR]` / `check FILE.csv`: validate a data folder (default `data`) as the site would, print every
/// problem as `file:line:column: message` with a hint; exit 1 on errors, 0 on warnings only.
#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::process::ExitCode;
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    // `--all`: every revised figure, not the first few; `--previous OLD.csv`: compare with it.
    let all = args.iter().any(|a| a == "--all");
    args.retain(|a| a != "--all");
    let previous = args.iter().position(|a| a == "--previous").map(|i| {
        let old = args.get(i + 1).cloned();
        args.drain(i..(i + 2).min(args.len()));
        old
    });
    let limit = if all { usize::MAX } else { safeguarding_dashboard::core::revisions::SHOWN };
    match args.first().map(String::as_str) {
        Some("check") if previous == Some(None) => {
            eprintln!("check: --previous needs the earlier release's file: check NEW.csv --previous OLD.csv");
            ExitCode::from(2)
        }
        Some("check") if args.get(1).is_some_and(|a| a.ends_with(".csv")) => {
            check_file(std::path::Path::new(&args[1]), previous.flatten().as_deref().map(std::path::Path::new), limit)
        }
        Some("check") => {
            let dir = args.get(1).map_or("data", String::as_str);
            let report = safeguarding_dashboard::core::check::check_dir_with(std::path::Path::new(dir), &mut say_progress());
            for p in &report.problems {
                println!("{p}");
            }
            // What each listed file's current release changed from the previous one kept in
            // `previous/` beside it: information, not problems (the exit status ignores it).
            for (_, revisions) in safeguarding_dashboard::core::check::revisions_dir(std::path::Path::new(dir), &report) {
                match revisions {
                    Ok(mut r) => {
                        r.limit = limit;
                        println!("{r}");
                    }
                    Err(problems) => {
                        for p in problems {
                            println!("{p}");
                        }
                    }
                }
            }
            let rows: usize = report.tables.iter().map(|(_, t)| t.rows()).sum();
            println!(
                "checked {} file(s), {} row(s): {} error(s), {} warning(s)",
                report.tables.len(),
                rows,
                report.errors(),
                report.warnings()
            );
            if report.errors() > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS }
        }
        Some("coverage") => {
            let dir = args.get(1).map_or("data", String::as_str);
            let report = safeguarding_dashboard::core::check::check_dir(std::path::Path::new(dir));
            println!("| theme | area | indicators | periods | values |\n|---|---|---:|---:|---:|");
            for c in safeguarding_dashboard::core::check::coverage(&report.tables) {
                println!("| {} | {} | {} | {} | {} |", c.theme, c.area, c.indicators, c.periods, c.values);
            }
            if report.errors() > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS }
        }
        Some("slice") => {
            let (data, out) = (args.get(1).map_or("data", String::as_str), args.get(2).map_or("dist/data", String::as_str));
            match safeguarding_dashboard::build::write_slices(std::path::Path::new(data), std::path::Path::new(out)) {
                Ok(w) => {
                    println!("wrote {} file(s), {} bytes, for {} place(s) into {out}", w.files, w.bytes, w.places);
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("slice: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Some("release") => {
            let Some(new) = args.get(1) else {
                eprintln!("usage: safeguarding-dashboard release NEW_FILE.csv [DATA_DIR]");
                return ExitCode::from(2);
            };
            let data = args.get(2).map_or("data", String::as_str);
            match safeguarding_dashboard::build::release::release(std::path::Path::new(new), std::path::Path::new(data), all) {
                Ok(true) => ExitCode::SUCCESS,
                Ok(false) => ExitCode::FAILURE,
                Err(e) => {
                    eprintln!("release: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Some("pages") => {
            let dist = args.get(1).map_or("dist", String::as_str);
            let t0 = std::time::Instant::now();
            match safeguarding_dashboard::web::prerender::write_pages(std::path::Path::new(dist)) {
                Ok(w) => {
                    println!("wrote {} page(s), {} of them with a model for the light program, and {} shell(s), {} bytes, for {} area(s) and the default pages into {dist} in {:.1} s", w.pages, w.models, w.shells, w.bytes, w.areas, t0.elapsed().as_secs_f64());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("pages: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Some("new-site") if args.len() >= 3 => {
            // new-site CONFIG OUT [--data DIR] [--dist DIR]
            let flag = |name: &str, default: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map_or(default.to_string(), String::clone);
            let opts = safeguarding_dashboard::build::newsite::Options {
                config: args[1].clone().into(),
                out: args[2].clone().into(),
                seed: flag("--data", "data").into(),
                dist: flag("--dist", "dist").into(),
            };
            match safeguarding_dashboard::build::newsite::run(&opts, &mut |line| println!("{line}")) {
                Ok(site) => {
                    println!("the site for {} is in {}/dist: serve it with
  python3 -m http.server 8080 --bind 127.0.0.1 --directory {}/dist", site.name, opts.out.display(), opts.out.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::FAILURE
                }
            }
        }
        _ => {
            eprintln!("usage: safeguarding-dashboard check [DATA_DIR]     validate a data folder (default: data) before publishing\n       safeguarding-dashboard check FILE.csv       validate one data file with its FILE.meta.csv, or with inferred metadata\n       safeguarding-dashboard check NEW.csv --previous OLD.csv   also say what NEW revised from the release OLD (--all: every figure)\n       safeguarding-dashboard release NEW.csv [DATA_DIR]   put next year's release of an official file in place, check, and print its revisions\n       safeguarding-dashboard coverage [DATA_DIR]  indicators, periods and values per theme and area\n       safeguarding-dashboard new-site CONFIG OUT [--data DIR] [--dist DIR]  a dashboard for another partnership (README.md)");
            ExitCode::from(2)
        }
    }
}

/// `check path/to/file.csv`: one file with its sibling `.meta.csv`, or with metadata
/// inferred from its header and values (each inference printed), and no `site.json`.
#[cfg(not(target_arch = "wasm32"))]
fn check_file(path: &std::path::Path, previous: Option<&std::path::Path>, limit: usize) -> std::process::ExitCode {
    use safeguarding_dashboard::core::{infer, parse};
    use std::process::ExitCode;
    let name = path.to_string_lossy().to_string();
    let data = match std::fs::read(path) {
        Ok(d) => d,
        Err(e) => {
            println!("{name}: cannot be read: {e}");
            return ExitCode::FAILURE;
        }
    };
    // `a.b.csv` → `a.b.meta.csv` (not `a.meta.csv`, as `with_extension` would give).
    let stem = path.file_name().map_or(String::new(), |n| n.to_string_lossy().trim_end_matches(".csv").to_string());
    let meta_path = path.with_file_name(format!("{stem}.meta.csv"));
    let mut problems = Vec::new();
    let meta = match std::fs::read(&meta_path) {
        Ok(bytes) => {
            let parsed = parse::parse_meta(&meta_path.to_string_lossy(), &bytes);
            problems.extend(parsed.problems);
            parsed.value
        }
        Err(_) => {
            let (meta, said) = infer::infer_meta(&name, &data);
            println!("{name}: no {} found: metadata inferred from the header and values", meta_path.display());
            for line in said {
                println!("{line}");
            }
            Some(meta)
        }
    };
    let mut rows = 0;
    let mut revisions = None;
    if let Some(meta) = meta {
        let stem = path.file_name().map_or(name.clone(), |n| n.to_string_lossy().to_string());
        let parsed = parse::parse_data(&name, &data, &meta, &parse::Context { sources: None, default_source: Some(&stem) });
        rows = parsed.value.as_ref().map_or(0, |t| t.rows());
        problems.extend(parsed.problems);
        if let (Some(old), Some(current)) = (previous, parsed.value.as_ref()) {
            revisions = Some(compare_with(old, current, limit));
        }
    }
    for p in &problems {
        println!("{p}");
    }
    match revisions {
        Some(Ok(r)) => println!("{r}"),
        Some(Err(lines)) => lines.iter().for_each(|l| println!("{l}")),
        None if previous.is_some() => println!("{name}: not compared with {}: the file did not load", previous.map_or(String::new(), |p| p.display().to_string())),
        None => {}
    }
    let errors = problems.iter().filter(|p| p.severity == safeguarding_dashboard::core::error::Severity::Error).count();
    println!("checked 1 file(s), {rows} row(s): {errors} error(s), {} warning(s)", problems.len() - errors);
    if errors > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// What `current` revised from the earlier release in the file `old`, read with the
/// current file's meta; or the lines saying why the old file cannot be compared.
#[cfg(not(target_arch = "wasm32"))]
fn compare_with(old: &std::path::Path, current: &safeguarding_dashboard::core::table::Table, limit: usize) -> Result<safeguarding_dashboard::core::revisions::Revisions, Vec<String>> {
    use safeguarding_dashboard::core::revisions;
    let name = old.to_string_lossy().to_string();
    let bytes = std::fs::read(old).map_err(|e| vec![format!("{name}: cannot be read: {e}")])?;
    let parsed = revisions::read_previous(&name, &bytes, &current.meta, None);
    let Some(table) = parsed.value else {
        return Err(parsed.problems.iter().map(|p| p.to_string()).collect());
    };
    let mut r = revisions::compare(&table, current);
    r.limit = limit;
    Ok(r)
}

/// Progress of `check DIR` on stderr (stdout is the report): on a terminal one line kept up to
/// date, at most every 0.2 s; otherwise (a log) one line per file read.
#[cfg(not(target_arch = "wasm32"))]
fn say_progress() -> impl FnMut(safeguarding_dashboard::core::check::Progress) {
    use std::io::{IsTerminal, Write};
    let terminal = std::io::stderr().is_terminal();
    let start = std::time::Instant::now();
    let mut last = std::time::Instant::now();
    move |p| {
        let mb = |b: u64| b as f64 / 1e6;
        let line = format!("check: file {} of {}, {:.1} of {:.1} MB read ({}), {:.1} s", p.index, p.count, mb(p.read), mb(p.total), p.file, start.elapsed().as_secs_f64());
        if terminal {
            if p.done && p.index == p.count {
                eprintln!("\r{line}\x1b[K");
            } else if last.elapsed().as_millis() >= 200 || p.done {
                eprint!("\r{line}\x1b[K");
                let _ = std::io::stderr().flush();
                last = std::time::Instant::now();
            }
        } else if p.done {
            eprintln!("{line}");
        }
    }
}

