//! Binary entry point: in the browser, the dashboard; natively, the data checker.

#[cfg(target_arch = "wasm32")]
fn main() {
    safeguarding_dashboard::web::start();
}

/// `check [DIR]`: validate a data folder (default `data`) as the site would, print every
/// problem as `file:line:column: message` with a hint; exit 1 on errors, 0 on warnings only.
#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::process::ExitCode;
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("check") => {
            let dir = args.get(1).map_or("data", String::as_str);
            let report = safeguarding_dashboard::core::check::check_dir(std::path::Path::new(dir));
            for p in &report.problems {
                println!("{p}");
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
        _ => {
            eprintln!("usage: safeguarding-dashboard check [DATA_DIR]     validate a data folder (default: data) before publishing\n       safeguarding-dashboard coverage [DATA_DIR]  indicators, periods and values per theme and area");
            ExitCode::from(2)
        }
    }
}
