//! Writes the Durham CLA-rate chart to an SVG file: `cargo run --example render_chart -- out.svg [width]`.
use safeguarding_dashboard::core::{chart, check::check_dir};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let out = args.get(1).map_or("chart.svg", String::as_str);
    let width = args.get(2).and_then(|w| w.parse().ok()).unwrap_or(760);
    let report = check_dir(std::path::Path::new("data"));
    let config = report.config.clone().expect("site.json");
    let (_, table) = report.tables.iter().find(|(id, _)| id == "cla-rate").expect("cla-rate");
    let model = chart::line_model(table, &config, &chart::Selection::for_area(&config, "cla_rate", "E06000047")).expect("model");
    std::fs::write(out, chart::line::render(&model, width).svg).expect("write");
}
