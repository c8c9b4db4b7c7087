//! Prints a chart's title, description, change line and notes for a spec id and area:
//! `cargo run --example chart_words -- ID AREA`.
use safeguarding_dashboard::core::{catalog, check::check_dir, meta::THEMES};
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let report = check_dir(std::path::Path::new("data"));
    let config = report.config.clone().unwrap();
    let files: Vec<_> = report.tables.iter().map(|(id, t)| (config.file(id).unwrap(), t)).collect();
    let specs = catalog::theme_charts_joined(Some(&config), &files, &THEMES);
    let spec = specs.iter().find(|s| s.id == args[1]).expect("spec");
    let choice = catalog::default_choice(&config, &[], &args[2]).expect("area");
    let chart = catalog::build(&config, &files, spec, &choice).expect("chart");
    println!("{}\n{}\nchange: {:?}", chart.title(), chart.description(), chart.change());
    for n in chart.notes() {
        println!("- {n}");
    }
}
