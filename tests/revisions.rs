//! What next year's release of an official file revised, and putting it in place in one step:
//! the real previous releases kept in `data/official/previous/` against the current files,
//! a synthetic pair, the `check --previous` and `release` commands, and the build's
//! `revisions.csv` with the note an indicator page shows.

use std::path::{Path, PathBuf};
use std::process::Command;

use safeguarding_dashboard::core::cell::{Cell, Symbol};
use safeguarding_dashboard::core::parse::{parse_data, parse_meta, Context};
use safeguarding_dashboard::core::revisions::{compare, read_previous, release_key, Revisions};
use safeguarding_dashboard::core::table::Table;

const BIN: &str = env!("CARGO_BIN_EXE_safeguarding-dashboard");

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// The current release `official/<current>.csv` with its meta, and `official/previous/<previous>.csv`.
fn real(current: &str, previous: &str) -> Revisions {
    let dir = data().join("official");
    let meta_bytes = std::fs::read(dir.join(format!("{current}.meta.csv"))).unwrap();
    let meta = parse_meta(&format!("data/official/{current}.meta.csv"), &meta_bytes).value.expect("meta parses");
    let bytes = std::fs::read(dir.join(format!("{current}.csv"))).unwrap();
    let ctx = Context { sources: None, default_source: Some("dfe") };
    let now = parse_data(&format!("data/official/{current}.csv"), &bytes, &meta, &ctx);
    let now: Table = now.value.unwrap_or_else(|| panic!("{:#?}", now.problems));
    let old_bytes = std::fs::read(dir.join("previous").join(format!("{previous}.csv"))).unwrap();
    let old = read_previous(&format!("data/official/previous/{previous}.csv"), &old_bytes, &now.meta, Some("dfe"));
    let old = old.value.unwrap_or_else(|| panic!("an old release is readable with the current meta: {:#?}", old.problems));
    compare(&old, &now)
}

#[test]
fn b1_2025_adds_2024_25_drops_the_rates_renames_awaiting_assessment_and_suppresses_herefordshire() {
    let r = real("b1_children_in_need_2013_to_2025", "b1_children_in_need_2013_to_2024");
    let labels: Vec<String> = r.new_periods.iter().map(|p| p.canonical().label()).collect();
    assert_eq!(labels, ["2024-25"]);
    assert!(r.gone_periods.is_empty() && r.gone_areas.is_empty() && r.gone_rows.is_empty(), "{r}");
    let removed: Vec<&str> = r.removed.iter().map(|c| c.name.as_str()).collect();
    for rate in ["Anypoint_episodes_rate", "Anypoint_child_rate", "Started_episodes_rate", "Started_child_rate", "Ended_episodes_rate", "Ended_child_rate", "At31_episodes_rate", "Awaiting_assessment_rate"] {
        assert!(removed.contains(&rate), "{rate} is reported removed: {removed:?}");
    }
    assert_eq!(removed.len(), 8, "{removed:?}");
    assert!(r.added.is_empty(), "{:?}", r.added);
    assert_eq!(r.renamed, [("Awaiting_assessment".to_string(), "awaiting_assessment".to_string())]);
    // The 2025 release publishes no number for Herefordshire's starts in 2023-24 any more.
    assert!(r.revised.is_empty(), "no figure of b1 common to both releases changed: {r}");
    let h: Vec<_> = r.symbols.iter().filter(|c| c.code == "E06000019").collect();
    assert_eq!(h.len(), 2, "{r}");
    assert_eq!(h[0].indicator, "Started_episodes");
    assert_eq!((h[0].old, h[0].new), (Cell::Number { value: 808.0, decimals: 0 }, Cell::Symbol(Symbol::LowReliability)));
    let text = r.to_string();
    assert!(
        text.contains("data/official/b1_children_in_need_2013_to_2025.csv: 2023-24 Herefordshire, County of (E06000019), episodes of need starting in the year: 808 → u (now low reliability)"),
        "{text}"
    );
    assert!(text.contains("column \"At31_episodes_rate\" removed"), "{text}");
    assert!(text.ends_with("revisions since b1_children_in_need_2013_to_2024.csv: 1 new period, 0 figures revised, 2 symbols or gaps changed, 0 new rows, 0 rows gone, 0 periods gone, 0 areas gone; columns: 0 added, 8 removed, 1 renamed"), "{text}");
}

#[test]
fn d3_2025_revises_englands_and_yorkshires_2021_22_subsequent_plans() {
    let r = real("d3_cpps_subsequent_plan_2013_to_2025", "d3_cpps_subsequent_plan_2013_to_2024");
    let find = |code: &str, ind: &str| r.revised.iter().find(|c| c.code == code && c.indicator == ind && c.period.year == 2022).unwrap_or_else(|| panic!("{code} {ind}: {r}"));
    let e = find("E92000001", "CPP_subsequent");
    assert_eq!((e.old.number(), e.new.number()), (Some(14990.0), Some(14550.0)));
    assert_eq!(e.to_string(), "2021-22 England (E92000001), plans starting that were a second or subsequent plan: 14,990 → 14,550 (revised)");
    let y = find("E12000003", "CPP_subsequent_percent");
    assert_eq!((y.old.number(), y.new.number()), (Some(28.0), Some(23.6)));
    assert_eq!(r.revised.len(), 4, "{r}");
    assert_eq!(r.per_indicator().iter().map(|(_, n)| n).sum::<usize>(), 4);
}

#[test]
fn c1_2025_renamed_every_column_and_is_still_compared_column_by_column() {
    let r = real("c1_children_in_need_referrals_and_rereferrals_2013_to_2025", "c1_children_in_need_referrals_and_rereferrals_2013_to_2024");
    assert!(r.renamed.contains(&("Referrals".to_string(), "referral_count".to_string())), "{:?}", r.renamed);
    assert!(r.renamed.contains(&("Re_referrals_percent".to_string(), "rereferral_percent".to_string())), "{:?}", r.renamed);
    assert_eq!(r.renamed.len(), 10, "{:?}", r.renamed);
    let removed: Vec<&str> = r.removed.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(removed, ["Referrals_rate", "Referrals_child_rate"]);
    assert!(r.added.is_empty());
}

const META: &str = "col_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,filter_grouping_column,theme,polarity,definition,numerator,denominator
category,Filter,Category,,,,,,children-in-need,,,,
referral_count,Indicator,Referrals in the year,,,0,,,children-in-need,neither,Referrals.,,
";

/// A small file: `rows` authorities × 2024 (and 2025 when `new`), column `column`, with
/// Durham's 2024 figure `durham`.
fn small(column: &str, durham: &str, new: bool) -> String {
    let mut s = format!("time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,category,{column}\n");
    let years: &[u16] = if new { &[2024, 2025] } else { &[2024] };
    for &y in years {
        s.push_str(&format!("{y},Reporting year,National,E92000001,England,,,,,,Referrals,{}\n", 600000 + y as u32));
        for i in 0..12u32 {
            let v = if i == 0 && y == 2024 { durham.to_string() } else { format!("{}", 1000 + i * 7 + y as u32) };
            s.push_str(&format!("{y},Reporting year,Local authority,E92000001,England,E12000001,North East,{},E0600{:04},Area {i},Referrals,{v}\n", 800 + i, 47 + i));
        }
    }
    s
}

fn table(name: &str, text: &str) -> Table {
    let meta = parse_meta("m.meta.csv", META.as_bytes()).value.unwrap();
    let parsed = parse_data(name, text.as_bytes(), &meta, &Context { sources: None, default_source: Some("dfe") });
    parsed.value.unwrap_or_else(|| panic!("{:#?}", parsed.problems))
}

#[test]
fn a_number_that_becomes_c_is_reported_as_a_new_symbol_not_a_revision() {
    let now = table("data/official/cin_2013_to_2025.csv", &small("referral_count", "c", true));
    let old = read_previous("data/official/previous/cin_2013_to_2024.csv", small("referral_count", "3455", false).as_bytes(), &now.meta, None).value.unwrap();
    let r = compare(&old, &now);
    assert!(r.revised.is_empty(), "{r}");
    assert_eq!(r.symbols.len(), 1, "{r}");
    assert_eq!((r.symbols[0].old, r.symbols[0].new), (Cell::Number { value: 3455.0, decimals: 0 }, Cell::Symbol(Symbol::Suppressed)));
    assert!(r.to_string().contains("data/official/cin_2013_to_2025.csv: 2023-24 Area 0 (E06000047), referrals in the year: 3,455 → c (now suppressed)"), "{r}");
    // And the reverse, with a figure equal at the published precision (3455.0 = 3455) not revised.
    let back = compare(&table("a.csv", &small("referral_count", "3455.0", false)), &table("b.csv", &small("referral_count", "3455", true)));
    assert!(back.revised.is_empty() && back.symbols.is_empty(), "{back}");
    let up = compare(&table("a.csv", &small("referral_count", "3455", false)), &table("b.csv", &small("referral_count", "3471", true)));
    assert_eq!(up.revised.len(), 1);
    assert!(up.to_string().contains("2023-24 Area 0 (E06000047), referrals in the year: 3,455 → 3,471 (revised)"), "{up}");
}

#[test]
fn a_national_file_prints_counts_and_the_first_lines_or_everything() {
    let mut old = small("referral_count", "1", false);
    let new = small("referral_count", "2", true);
    // Revise all 12 authorities: more than a short list would print when limited to 5.
    old = old.lines().map(|l| if l.contains("Local authority") { format!("{l}1") } else { l.to_string() }).collect::<Vec<_>>().join("\n") + "\n";
    let mut r = compare(&table("a.csv", &old), &table("b.csv", &new));
    assert_eq!(r.revised.len(), 12, "{r}");
    r.limit = 5;
    let text = r.to_string();
    assert_eq!(text.lines().filter(|l| l.ends_with("(revised)")).count(), 5, "{text}");
    assert!(text.contains("b.csv: … and 7 more revised figures (check --all prints every one)"), "{text}");
    assert!(text.contains("b.csv: figures revised per indicator: Referrals in the year 12"), "{text}");
    r.limit = usize::MAX;
    assert_eq!(r.to_string().lines().filter(|l| l.ends_with("(revised)")).count(), 12);
}

#[test]
fn check_previous_compares_two_files_and_exits_as_the_check_does() {
    let official = data().join("official");
    let out = Command::new(BIN)
        .arg("check")
        .arg(official.join("b1_children_in_need_2013_to_2025.csv"))
        .arg("--previous")
        .arg(official.join("previous/b1_children_in_need_2013_to_2024.csv"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "revisions are information, not errors: {text}");
    assert!(text.contains("b1_children_in_need_2013_to_2025.csv: new periods: 2024-25"), "{text}");
    assert!(text.contains("2023-24 Herefordshire, County of (E06000019), children starting an episode of need in the year: 808 → u (now low reliability)"), "{text}");
    assert!(text.contains("column \"Anypoint_child_rate\" removed"), "{text}");
    assert!(text.contains("column \"Awaiting_assessment\" is now \"awaiting_assessment\""), "{text}");
    assert!(text.trim_end().ends_with("checked 1 file(s), 2132 row(s): 0 error(s), 0 warning(s)"), "{text}");
}

#[test]
fn check_dir_prints_the_revisions_of_every_file_with_a_previous_release() {
    let out = Command::new(BIN).arg("check").arg(data()).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    for f in ["b1_children_in_need_2013_to_2025", "c1_children_in_need_referrals_and_rereferrals_2013_to_2025", "d3_cpps_subsequent_plan_2013_to_2025", "csww_indicators_2017_to_2025"] {
        assert!(text.contains(&format!("data/official/{f}.csv: compared with the previous release data/official/previous/")), "{f}: {text}");
    }
    assert!(text.contains("data/official/d3_cpps_subsequent_plan_2013_to_2025.csv: 2021-22 England (E92000001), plans starting that were a second or subsequent plan: 14,990 → 14,550 (revised)"), "{text}");
    assert!(text.trim_end().lines().last().unwrap().starts_with(&format!("checked {} file(s)", listed_files())), "{text}");
}

/// The number of files `data/site.json` lists (each one is checked).
fn listed_files() -> usize {
    let site: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(data().join("site.json")).unwrap()).unwrap();
    site["files"].as_array().unwrap().len()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

fn temp(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("revisions-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn release_puts_the_2025_b1_in_place_over_a_copy_holding_the_2024_one() {
    let dir = temp("release-b1");
    copy_dir(&data(), &dir);
    let official = dir.join("official");
    let (b24, b25) = ("b1_children_in_need_2013_to_2024", "b1_children_in_need_2013_to_2025");
    // The copy as it was a year ago: the 2024 release listed, no previous release of b1.
    std::fs::rename(official.join(format!("previous/{b24}.csv")), official.join(format!("{b24}.csv"))).unwrap();
    std::fs::remove_file(official.join(format!("{b25}.csv"))).unwrap();
    std::fs::rename(official.join(format!("{b25}.meta.csv")), official.join(format!("{b24}.meta.csv"))).unwrap();
    let site = std::fs::read_to_string(data().join("site.json")).unwrap();
    std::fs::write(dir.join("site.json"), site.replace(b25, b24)).unwrap();
    let sums = std::fs::read_to_string(data().join("official/SHA256SUMS")).unwrap();
    let year_ago: String = sums.lines().filter(|l| !l.ends_with(&format!("  {b25}.csv"))).map(|l| l.replace(&format!("previous/{b24}"), b24) + "\n").collect();
    std::fs::write(official.join("SHA256SUMS"), year_ago).unwrap();

    let out = Command::new(BIN).arg("release").arg(data().join(format!("official/{b25}.csv"))).arg(&dir).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}\n{}", String::from_utf8_lossy(&out.stderr));
    // The files moved, copied and renamed; site.json and SHA256SUMS as they are today.
    let bytes = |p: &Path| std::fs::read(p).unwrap();
    assert_eq!(bytes(&official.join(format!("previous/{b24}.csv"))), bytes(&data().join(format!("official/previous/{b24}.csv"))));
    assert_eq!(bytes(&official.join(format!("{b25}.csv"))), bytes(&data().join(format!("official/{b25}.csv"))));
    assert!(official.join(format!("{b25}.meta.csv")).exists() && !official.join(format!("{b24}.meta.csv")).exists());
    assert!(!official.join(format!("{b24}.csv")).exists());
    assert_eq!(std::fs::read_to_string(dir.join("site.json")).unwrap(), site, "only the entry's path and meta changed, formatting kept");
    let mut now: Vec<String> = std::fs::read_to_string(official.join("SHA256SUMS")).unwrap().lines().map(String::from).collect();
    let mut want: Vec<String> = sums.lines().map(String::from).collect();
    now.sort();
    want.sort();
    assert_eq!(now, want, "SHA256SUMS follows the files");
    // Step by step, then the check and the revisions.
    assert!(text.contains(&format!("1. {b25}.csv is the next release of \"dfe-cin\" (official/{b24}.csv)")), "{text}");
    assert!(text.contains(&format!("moved official/{b24}.csv to official/previous/{b24}.csv")), "{text}");
    assert!(text.contains(&format!("renamed official/{b24}.meta.csv to official/{b25}.meta.csv")), "{text}");
    assert!(text.contains(&format!("rewrote the entry \"dfe-cin\" in site.json: \"path\": \"official/{b25}.csv\", \"meta\": \"official/{b25}.meta.csv\"")), "{text}");
    assert!(text.contains(&format!("checked {} file(s)", listed_files())) && text.contains(": 0 error(s), 0 warning(s)"), "{text}");
    assert!(text.contains(&format!("data/official/{b25}.csv: 2023-24 Herefordshire, County of (E06000019), episodes of need starting in the year: 808 → u (now low reliability)")), "{text}");
    assert!(text.contains(&format!("data/official/{b25}.csv: revisions since {b24}.csv: 1 new period")), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

const SMALL_META_OLD: &str = "col_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,filter_grouping_column,theme,polarity,definition,numerator,denominator
category,Filter,Category,,,,,,children-in-need,,,,
Referrals,Indicator,Referrals in the year,,,0,,,children-in-need,neither,Referrals.,,
";

/// A data folder with one official file listed (`cin_2013_to_2024.csv`, column `Referrals`)
/// and a measure mapped onto it by that name only.
fn small_folder(name: &str) -> PathBuf {
    let dir = temp(name);
    std::fs::create_dir_all(dir.join("official/previous")).unwrap();
    std::fs::write(dir.join("official/cin_2013_to_2024.csv"), small("Referrals", "3455", false)).unwrap();
    std::fs::write(dir.join("official/previous/cin_2013_to_2023.csv"), small("Referrals", "3400", false)).unwrap();
    std::fs::write(dir.join("official/cin_2013_to_2024.meta.csv"), SMALL_META_OLD).unwrap();
    std::fs::write(
        dir.join("site.json"),
        "{\n  \"title\": \"t\",\n  \"areas\": [],\n  \"files\": [\n    {\n      \"id\": \"cin\",\n      \"path\": \"official/cin_2013_to_2024.csv\",\n      \"meta\": \"official/cin_2013_to_2024.meta.csv\",\n      \"title\": \"CIN\",\n      \"theme\": \"children-in-need\",\n      \"source\": \"dfe\",\n      \"sliced\": true\n    }\n  ],\n  \"sources\": [\n    {\n      \"id\": \"dfe\",\n      \"title\": \"DfE\"\n    }\n  ],\n  \"measures\": [\n    {\n      \"id\": \"referrals\",\n      \"parts\": [\n        {\n          \"file\": \"cin\",\n          \"indicator\": [\n            \"Referrals\"\n          ]\n        }\n      ]\n    }\n  ]\n}\n",
    )
    .unwrap();
    dir
}

#[test]
fn release_of_a_renamed_column_names_the_measure_and_the_site_json_line_to_change() {
    let dir = small_folder("release-renamed");
    let new = dir.join("cin_2013_to_2025.csv");
    std::fs::write(&new, small("referral_count", "3471", true)).unwrap();
    // The publisher described the new release's columns first (the meta keeps its name until the release).
    std::fs::write(dir.join("official/cin_2013_to_2024.meta.csv"), META).unwrap();
    let out = Command::new(BIN).arg("release").arg(&new).arg(&dir).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "a mapping mismatch is a warning: {text}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("removed the older previous release official/previous/cin_2013_to_2023.csv"), "{text}");
    assert!(!dir.join("official/previous/cin_2013_to_2023.csv").exists());
    assert!(dir.join("official/previous/cin_2013_to_2024.csv").exists());
    let site = std::fs::read_to_string(dir.join("site.json")).unwrap();
    assert!(site.contains("      \"path\": \"official/cin_2013_to_2025.csv\",\n      \"meta\": \"official/cin_2013_to_2025.meta.csv\",\n"), "{site}");
    // Line 27 of site.json is the part's "indicator" line.
    assert_eq!(site.lines().nth(26).map(str::trim), Some("\"indicator\": ["));
    assert!(
        text.contains("data/site.json:27: warning: measure \"referrals\" does not match data/official/cin_2013_to_2025.csv: no indicator column Referrals (the file has: referral_count)"),
        "{text}"
    );
    assert!(text.contains("column \"Referrals\" is now \"referral_count\""), "{text}");
    assert!(text.contains("measure \"referrals\" must change: its part for \"cin\" lists \"indicator\": [\"Referrals\"], and this release renamed \"Referrals\" to \"referral_count\""), "{text}");
    assert!(text.contains("2023-24 Area 0 (E06000047), referrals in the year: 3,455 → 3,471 (revised)"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn release_of_a_file_no_entry_lists_says_so_and_changes_nothing() {
    let dir = small_folder("release-unmatched");
    let new = dir.join("c4_section_47s_2013_to_2025.csv");
    std::fs::write(&new, small("Referrals", "1", true)).unwrap();
    let before = std::fs::read_to_string(dir.join("site.json")).unwrap();
    let out = Command::new(BIN).arg("release").arg(&new).arg(&dir).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("no entry in") && err.contains("is an earlier release of c4_section_47s_2013_to_2025.csv"), "{err}");
    assert!(err.contains("\"c4_section_47s\" once the year range is removed") && err.contains("Nothing was changed"), "{err}");
    assert_eq!(std::fs::read_to_string(dir.join("site.json")).unwrap(), before);
    assert!(dir.join("official/cin_2013_to_2024.csv").exists());
    assert_eq!(release_key("c4_section_47s_2013_to_2025.csv"), "c4_section_47s");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_build_writes_revisions_csv_and_the_page_notes_the_revised_figures_of_the_places_it_shows() {
    use safeguarding_dashboard::core::view::{Page, View};
    use safeguarding_dashboard::web::pages::indicator::IndicatorModel;
    let out = temp("build");
    safeguarding_dashboard::build::write_slices(&data(), &out).unwrap();
    let csv = std::fs::read_to_string(out.join("revisions.csv")).unwrap();
    assert!(csv.starts_with("time_period,time_identifier,geographic_level,geography_code,geography_name,file_id,indicator,filters,previous_value,current_value,previous_file,current_file\n"), "{csv}");
    let line = "2022,Reporting year,National,E92000001,England,dfe-cpp-subsequent,CPP_subsequent_percent,category=Child Protection Plans which are a second or subsequent plan,23.3,22.7,d3_cpps_subsequent_plan_2013_to_2024.csv,d3_cpps_subsequent_plan_2013_to_2025.csv\n";
    assert!(csv.contains(line), "{csv}");
    assert!(csv.contains("2024,Reporting year,Local authority,E06000019,\"Herefordshire, County of\",dfe-cin,Started_episodes,category=Children in Need,808,u,b1_children_in_need_2013_to_2024.csv,b1_children_in_need_2013_to_2025.csv\n"), "{csv}");
    let durham = std::fs::read_to_string(out.join("slices/revisions/E06000047.csv")).unwrap();
    assert!(durham.contains(line) && !durham.contains("E06000019"), "a place's slice holds the places its pages draw: {durham}");
    // The page as the build draws it: the data folder as deployed beside the slices.
    let config: safeguarding_dashboard::core::config::SiteConfig = serde_json::from_str(&std::fs::read_to_string(data().join("site.json")).unwrap()).unwrap();
    std::fs::copy(data().join("site.json"), out.join("site.json")).unwrap();
    for f in &config.files {
        let mut paths = vec![&f.meta];
        if !f.sliced {
            paths.push(&f.path);
        }
        for p in paths {
            std::fs::create_dir_all(out.join(p).parent().unwrap()).unwrap();
            std::fs::copy(data().join(p), out.join(p)).unwrap();
        }
    }
    let site = safeguarding_dashboard::web::site::load_dir(&out, Some("E06000047")).unwrap();
    assert!(!site.revisions.is_empty());
    let specs = site.theme_specs(&["child-protection"]);
    let list = safeguarding_dashboard::core::indicator::indicators(&specs);
    let ind = list.iter().find(|i| i.charts[0].file == "dfe-cpp-subsequent" && i.charts[0].indicator == "CPP_subsequent_percent").expect("the indicator is listed");
    let view = View { page: Page::Indicator("child-protection".into(), ind.slug.clone()), area: Some("E06000047".into()), ..View::default() };
    let model = IndicatorModel::of(&site, &view, "child-protection", &ind.slug, None).unwrap();
    let notes: Vec<&String> = model.cards.iter().flat_map(|c| c.chart.notes()).collect();
    assert!(
        notes.iter().any(|n| n.as_str() == "England: Revised in the 2025 release: 2021-22 23.3% → 22.7% (previous release: d3_cpps_subsequent_plan_2013_to_2024.csv)."),
        "{notes:#?}"
    );
    assert!(!notes.iter().any(|n| n.contains("Yorkshire")), "only the places the chart shows: {notes:#?}");
    // A built site without revisions (an older dist) loads as before.
    std::fs::remove_dir_all(out.join("slices/revisions")).unwrap();
    let old = safeguarding_dashboard::web::site::load_dir(&out, Some("E06000047")).unwrap();
    assert!(old.revisions.is_empty());
    let _ = std::fs::remove_dir_all(&out);
}
