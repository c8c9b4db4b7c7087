//! The big-data generator (`examples/gen_big_data.rs`) writes a folder the checker accepts
//! with no problem at all. Run on a small instance so the generator cannot rot unnoticed.
#![cfg(not(target_arch = "wasm32"))]

#[allow(dead_code)]
#[path = "../examples/gen_big_data.rs"]
mod gen_big_data;

use safeguarding_dashboard::core::cell::{Cell, Symbol};
use safeguarding_dashboard::core::check::check_dir;

#[test]
fn generated_folder_passes_the_checker_with_no_problems() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("big-data-test");
    let _ = std::fs::remove_dir_all(&dir);
    let summary = gen_big_data::generate(&dir, 20_000).expect("generate");
    assert!(summary.rows >= 20_000, "{summary:?}");
    assert_eq!(summary.geographies, 1 + 9 + 153, "England, 9 regions, 153 local authorities");

    let report = check_dir(&dir);
    let shown: Vec<String> = report.problems.iter().take(10).map(ToString::to_string).collect();
    assert_eq!(report.problems.len(), 0, "{}", shown.join("\n"));
    let (id, table) = &report.tables[0];
    assert_eq!(id, gen_big_data::FILE_ID);
    assert_eq!(table.rows(), summary.rows);
    assert_eq!(table.geographies.len(), summary.geographies);
    assert_eq!(table.filters, ["primary_need", "age_band", "gender", "ethnicity"]);

    // Rates and percentages carry their numerator and denominator.
    let rate = table.indicator_meta("cin_rate").unwrap();
    assert_eq!((rate.numerator.as_deref(), rate.denominator.as_deref()), (Some("cin_count"), Some("child_population")));
    assert!(table.indicator_meta("repeat_pct").unwrap().is_percentage());

    // Some cells are symbols, and every number has its provenance.
    let cells = |name: &str| &table.values[table.indicator_index(name).unwrap()];
    let count_of = |s: Symbol| table.values.iter().flatten().filter(|c| **c == Cell::Symbol(s)).count();
    assert!(count_of(Symbol::Suppressed) > 0, "some c");
    assert_eq!(count_of(Symbol::Suppressed), summary.suppressed_cells);
    assert!(cells("cin_count").iter().filter(|c| c.number().is_some()).count() > summary.rows * 9 / 10);
    assert!(table.source.iter().all(|&s| table.text(s) == gen_big_data::SOURCE_ID));
}

#[test]
fn generator_is_deterministic_and_rounds_up_to_whole_filter_sets() {
    let base = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let (a, b) = (base.join("big-data-a"), base.join("big-data-b"));
    let sa = gen_big_data::generate(&a, 2_000).unwrap();
    let sb = gen_big_data::generate(&b, 2_000).unwrap();
    assert_eq!(sa, sb);
    assert_eq!(sa.rows % (sa.geographies * 10), 0);
    let read = |d: &std::path::Path| std::fs::read(d.join(gen_big_data::DATA_FILE)).unwrap();
    assert!(read(&a) == read(&b), "same bytes on every run");
    assert_eq!(read(&a).len() as u64, sa.bytes);
}
