//! The Department for Education's files in `data/official/` read as published: with our
//! meta files, and with metadata inferred from the files alone (as `check FILE.csv` does).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use safeguarding_dashboard::core::cell::{Cell, Symbol};
use safeguarding_dashboard::core::geography::Level;
use safeguarding_dashboard::core::meta::ColumnType;
use safeguarding_dashboard::core::parse::{infer_meta, parse_data, parse_meta, Context, Parsed};
use safeguarding_dashboard::core::table::Table;

fn official() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/official")
}

/// Every data file in `data/official/` (not meta files, not `previous/`).
fn data_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(official())
        .expect("data/official exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            p.is_file() && n.ends_with(".csv") && !n.ends_with(".meta.csv")
        })
        .collect();
    files.sort();
    files
}

fn meta_of(path: &Path) -> PathBuf {
    path.with_extension("meta.csv")
}

fn name(path: &Path) -> String {
    format!("data/official/{}", path.file_name().unwrap().to_string_lossy())
}

const CTX: Context<'static> = Context { sources: None, default_source: Some("dfe") };

fn with_meta(path: &Path) -> Option<Parsed<Table>> {
    let meta_bytes = std::fs::read(meta_of(path)).ok()?;
    let meta = parse_meta(&name(&meta_of(path)), &meta_bytes);
    let errors: Vec<String> = meta.errors().map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let data = std::fs::read(path).unwrap();
    Some(parse_data(&name(path), &data, meta.value.as_ref().unwrap(), &CTX))
}

fn assert_no_errors(parsed: &Parsed<Table>, what: &str) {
    let errors: Vec<String> = parsed.errors().take(20).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{what}:\n{}", errors.join("\n"));
    assert!(parsed.value.as_ref().is_some_and(|t| t.rows() > 0), "{what}: no rows");
}

#[test]
fn every_official_file_with_a_meta_file_reads_without_errors() {
    let mut read = 0;
    for path in data_files() {
        if let Some(parsed) = with_meta(&path) {
            assert_no_errors(&parsed, &name(&path));
            read += 1;
        }
    }
    // The statistical-neighbour model is a lookup, not a data file, and has no meta file.
    assert!(read >= 17, "only {read} official files have a meta file");
}

#[test]
fn every_official_file_reads_with_inferred_metadata() {
    for path in data_files() {
        if path.file_name().unwrap() == "sn_model_2025_wide.csv" {
            continue; // no time or geography columns: not a data file
        }
        let data = std::fs::read(&path).unwrap();
        let (meta, said) = infer_meta(&name(&path), &data);
        assert_eq!(said.len(), meta.columns.len());
        assert!(meta.columns.iter().any(|c| c.col_type == ColumnType::Indicator), "{}: {said:#?}", name(&path));
        assert_no_errors(&parse_data(&name(&path), &data, &meta, &CTX), &format!("{} (inferred meta)", name(&path)));
    }
}

#[test]
fn adoption_durations_are_inferred_as_months() {
    let path = official().join("national_cla_adopted_average_time_between_adoption_process_stages.csv");
    let data = std::fs::read(&path).unwrap();
    let (meta, said) = infer_meta(&name(&path), &data);
    let number = meta.get("number").unwrap();
    assert_eq!((number.col_type, number.unit.as_str(), number.dp), (ColumnType::Indicator, "months", 0), "{said:#?}");
    let table = parse_data(&name(&path), &data, &meta, &CTX).into_result().unwrap();
    // The first row is `00:10`: ten months.
    assert_eq!(table.values[0][0], Cell::Number { value: 10.0, decimals: 0 });
}

#[test]
fn county_durham_children_looked_after_in_2022() {
    let path = official().join("cla_number_and_rate_per_10k_children.csv");
    let parsed = match with_meta(&path) {
        Some(p) => p,
        None => {
            let data = std::fs::read(&path).unwrap();
            let (meta, _) = infer_meta(&name(&path), &data);
            parse_data(&name(&path), &data, &meta, &CTX)
        }
    };
    assert_no_errors(&parsed, "cla_number_and_rate_per_10k_children.csv");
    let t = parsed.value.unwrap();
    let pop = t.filter_index("population_type").unwrap();
    let (count, rate) = (t.indicator_index("children_count").unwrap(), t.indicator_index("rate_per_10000").unwrap());
    let rows: Vec<usize> = (0..t.rows())
        .filter(|&r| {
            t.geography_of(r).code == "E06000047"
                && t.period[r].year == 2022
                && t.strings.get(t.filter_values[pop][r]) == "Children looked after on 31 March each year"
        })
        .collect();
    assert_eq!(rows.len(), 1, "one row for County Durham, 2022, looked after on 31 March");
    assert_eq!(t.values[count][rows[0]].number(), Some(984.0));
    assert_eq!(t.values[rate][rows[0]].number(), Some(99.0));
    assert_eq!(t.geography_of(rows[0]).name, "County Durham");

    for level in [Level::National, Level::Regional, Level::LocalAuthority] {
        assert!(t.geographies.iter().any(|g| g.level == level), "no {} rows", level.name());
    }
    let las_2025: BTreeSet<&str> = (0..t.rows())
        .filter(|&r| t.period[r].year == 2025 && t.geography_of(r).level == Level::LocalAuthority)
        .map(|r| t.geography_of(r).code.as_str())
        .collect();
    // 153 authorities publish for 2025; the file also carries, as rows of `z` (not
    // applicable), the two county councils abolished by reorganisation: Northamptonshire
    // (E10000021, 2021) and Cumbria (E10000006, 2023). The Isles of Scilly (E06000053) is one
    // of the 153 but its counts are `z` too (it is counted with Cornwall).
    let abolished = ["E10000006", "E10000021"];
    assert_eq!(las_2025.len(), 155);
    assert_eq!(las_2025.iter().filter(|c| !abolished.contains(c)).count(), 153);
    let all_z: BTreeSet<&str> = las_2025
        .iter()
        .copied()
        .filter(|&code| {
            (0..t.rows())
                .filter(|&r| t.period[r].year == 2025 && t.geography_of(r).code == code)
                .all(|r| t.values[count][r] == Cell::Symbol(Symbol::NotApplicable))
        })
        .collect();
    assert_eq!(all_z, BTreeSet::from(["E06000053", "E10000006", "E10000021"]));
}
