//! Prints a chart's table for a spec id and area: `cargo run --example debug_chart -- ID AREA`.
use safeguarding_dashboard::core::{catalog, check::check_dir};
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let report = check_dir(std::path::Path::new("data"));
    let config = report.config.clone().unwrap();
    let files: Vec<_> = report.tables.iter().map(|(id, t)| (config.file(id).unwrap(), t)).collect();
    let themes = ["children-in-need", "child-protection", "looked-after", "care-leavers", "training", "child-deaths", "context"];
    let specs = catalog::theme_charts_joined(Some(&config), &files, &themes);
    let spec = specs.iter().find(|s| s.id == args[1]).expect("spec");
    let area = config.area(&args[2]).unwrap();
    let choice = catalog::Choice { area: area.code.clone(), comparators: area.comparators.clone(), years: None, area_name: area.name.clone(), ..Default::default() };
    let chart = catalog::build(&config, &files, spec, &choice).expect("chart");
    println!("{}\n{}\n{:#?}", chart.title(), chart.subtitle(), chart.table());
}
