use super::*;
use crate::core::cell::Symbol;

const SN_2025: &[u8] = include_bytes!("../../../data/official/sn_model_2025_wide.csv");

fn n(s: &str) -> Cell {
    Cell::parse(s).unwrap()
}
fn cells(xs: &[&str]) -> Vec<Cell> {
    xs.iter().map(|s| n(s)).collect()
}

// ---- neighbour model: the real file -------------------------------------

#[test]
fn real_file_parses() {
    assert!(SN_2025.starts_with(b"\xEF\xBB\xBF"), "the copy should keep DfE's byte-order mark");
    let m = parse_neighbours("sn_model_2025_wide.csv", SN_2025).unwrap();
    assert_eq!(m.len(), 153);
    let mut counts = BTreeMap::new();
    for a in m.authorities() {
        assert_eq!(a.neighbours.len(), 10, "{}", a.old_la_code);
        for (i, nb) in a.neighbours.iter().enumerate() {
            assert_eq!(nb.rank as usize, i + 1);
            assert_ne!(nb.old_la_code, a.old_la_code, "{} is its own neighbour", a.old_la_code);
            assert!(m.get(&nb.old_la_code).is_some(), "{} not in model", nb.old_la_code);
            *counts.entry(nb.closeness).or_insert(0) += 1;
        }
    }
    // Counted with awk on the file: the five words, "Close " with a trailing space.
    assert_eq!(counts[&Closeness::ExtremelyClose], 12);
    assert_eq!(counts[&Closeness::VeryClose], 820);
    assert_eq!(counts[&Closeness::Close], 513);
    assert_eq!(counts[&Closeness::SomewhatClose], 136);
    assert_eq!(counts[&Closeness::NotClose], 49);

    // County Durham: 876,Very close,344,Very close,... ,841,Very close
    let durham = m.neighbours("840").unwrap();
    assert_eq!(m.name("840"), Some("County Durham"));
    assert_eq!(durham[0], Neighbour { rank: 1, old_la_code: "876".into(), closeness: Closeness::VeryClose });
    assert_eq!(m.name("876"), Some("Halton"));
    assert_eq!(durham[9].old_la_code, "841");
    assert_eq!(m.get("840").unwrap().region_name, "North East");

    // Quoted names with commas.
    assert_eq!(m.name("801"), Some("Bristol, City of"));
    assert_eq!(m.name("839"), Some("Bournemouth, Christchurch and Poole"));
    assert_eq!(m.neighbours("801").unwrap()[0].old_la_code, "846");
    assert_eq!(m.neighbours("801").unwrap()[8].closeness, Closeness::SomewhatClose);
    // Barking and Dagenham's first neighbour is written "Close " in the file.
    assert_eq!(m.neighbours("301").unwrap()[0].closeness.label(), "Close");
    assert_eq!(m.neighbours("999"), None);
    assert_eq!(m.name("999"), None);
}

// ---- neighbour model: hand-made files -------------------------------------

/// A complete model of 11 authorities (codes 100..=110), each listing the other
/// ten, with columns in a scrambled order.
fn tiny(eol: &str, bom: bool) -> String {
    let mut header: Vec<String> = (1..=10).rev().flat_map(|k| [format!("SN_{k}P"), format!("SN_{k}")]).collect();
    header.extend(["la_name".into(), "region_name".into(), "old_la_code".into(), "extra".into()]);
    let mut s = String::new();
    if bom {
        s.push('\u{feff}');
    }
    s.push_str(&header.join(","));
    s.push_str(eol);
    for code in 100..=110 {
        let others: Vec<u32> = (100..=110).filter(|&c| c != code).collect();
        let mut row: Vec<String> = Vec::new();
        for k in (1..=10).rev() {
            row.push(if k <= 3 { "Very close ".into() } else { "Not close".into() });
            row.push(others[k - 1].to_string());
        }
        let name = if code == 105 { "\"Bristol, City of\"".to_string() } else { format!("Area {code}") };
        row.extend([name, "\"South \"\"West\"\"\"".into(), code.to_string(), String::new()]);
        s.push_str(&row.join(","));
        s.push_str(eol);
    }
    s
}

#[test]
fn columns_by_name_bom_and_crlf() {
    for (eol, bom) in [("\n", false), ("\r\n", true), ("\r\n", false)] {
        let m = parse_neighbours("t.csv", tiny(eol, bom).as_bytes()).unwrap();
        assert_eq!(m.len(), 11);
        assert_eq!(m.name("105"), Some("Bristol, City of"));
        assert_eq!(m.get("105").unwrap().region_name, "South \"West\"");
        let nb = m.neighbours("100").unwrap();
        assert_eq!(nb[0].old_la_code, "101");
        assert_eq!(nb[2].closeness, Closeness::VeryClose);
        assert_eq!(nb[3].closeness, Closeness::NotClose);
        assert_eq!(nb[9].old_la_code, "110");
        assert_eq!(m.authorities()[0].old_la_code, "100");
    }
}

#[test]
fn blank_lines_are_ignored() {
    let s = tiny("\n", false).replace("\n1", "\n\n  \n1") + "\n\n";
    assert_eq!(parse_neighbours("t.csv", s.as_bytes()).unwrap().len(), 11);
}

fn error(s: &str) -> (u64, usize, String) {
    let e = parse_neighbours("t.csv", s.as_bytes()).unwrap_err();
    assert_eq!(e.position.file, "t.csv");
    (e.position.line, e.position.column, e.message)
}

#[test]
fn bad_files_are_errors_with_positions() {
    let good = tiny("\r\n", true);
    // Header is line 1; authority 100 is line 2. Field 1 is SN_10P, 2 SN_10, ... 19 SN_1P, 20 SN_1.
    assert_eq!(error(""), (0, 0, "is empty".into()));
    let header_only = good.lines().next().unwrap().to_string();
    assert_eq!(error(&header_only).2, "has a header but no authorities");

    let (l, c, m) = error(&good.replace("SN_7P", "SN_7Q"));
    assert_eq!((l, c), (1, 0));
    assert!(m.contains("\"SN_7P\""), "{m}");

    let (l, c, m) = error(&good.replace("la_name", "SN_3"));
    assert_eq!((l, c), (1, 21)); // the second "SN_3"
    assert!(m.contains("appears twice"), "{m}");

    // 100's SN_1P (field 19) is an unknown word.
    let bad_word = good.replacen("Very close ,101", "Quite close,101", 1);
    let (l, c, m) = error(&bad_word);
    assert_eq!((l, c), (2, 19), "{m}");
    assert!(m.contains("\"Quite close\""), "{m}");

    // The open quote swallows the next comma and closes at the region's quote.
    let (l, c, m) = error(&good.replace("\"Bristol, City of\"", "\"Bristol, City of"));
    assert_eq!((l, c), (7, 21));
    assert!(m.contains("'S' follows a closing quote"), "{m}");
    let (l, c, m) = error(&good.replace(",105,\r\n", ",105,\"\r\n"));
    assert_eq!((l, c), (7, 24));
    assert!(m.contains("not closed"), "{m}");

    let (l, c, _) = error(&good.replace("\"Bristol, City of\"", "Bristol \"City\" of"));
    assert_eq!((l, c), (7, 21));

    let (l, c, m) = error(&good.replace("\"Bristol, City of\"", "Bristol, City of"));
    assert_eq!((l, c), (7, 0));
    assert!(m.contains("25 fields but the header has 24"), "{m}");

    // 101 lists itself as SN_1 (it replaces 100).
    let lines: Vec<&str> = good.split("\r\n").collect();
    let self_row = lines[2].replacen(",100,Area", ",101,Area", 1);
    assert!(self_row.ends_with(",Area 101,\"South \"\"West\"\"\",101,"), "{self_row}");
    let s = [lines[0], lines[1], &self_row].join("\r\n");
    let (l, c, m) = error(&s);
    assert_eq!((l, c), (3, 20));
    assert!(m.contains("its own neighbour"), "{m}");

    // 100 lists 102 twice (SN_1 and SN_2).
    let twice = lines[1].replacen(",101,Area", ",102,Area", 1);
    let (l, c, m) = error(&[lines[0], &twice].join("\n"));
    assert_eq!((l, c), (2, 18));
    assert!(m.contains("SN_1 and SN_2"), "{m}");

    // A neighbour that is not a row: drop authority 110's row.
    let without_110: Vec<&str> = lines.iter().copied().filter(|l| !l.contains(",110,\r") && !l.ends_with(",110,")).collect();
    assert_eq!(without_110.len(), lines.len() - 1);
    let (l, c, m) = error(&without_110.join("\n"));
    assert_eq!((l, c), (2, 2), "{m}"); // 100's SN_10 is field 2
    assert!(m.contains("110 is not an authority"), "{m}");

    // Duplicate authority.
    let dup = [lines[0], lines[1], lines[2], lines[1]].join("\n");
    let (l, c, m) = error(&dup);
    assert_eq!((l, c), (4, 23));
    assert!(m.contains("already appears on line 2"), "{m}");

    // Non-digit code and empty neighbour.
    let (l, c, _) = error(&[lines[0], &lines[1].replacen(",100,", ",E06000047,", 1)].join("\n"));
    assert_eq!((l, c), (2, 23));
    let (l, c, _) = error(&[lines[0], &lines[1].replacen(",110,", ",,", 1)].join("\n"));
    assert_eq!((l, c), (2, 2));

    // Invalid UTF-8 on line 3.
    let mut bytes = good.clone().into_bytes();
    let at = good.match_indices("Area 101").next().unwrap().0;
    bytes[at] = 0xFF;
    let e = parse_neighbours("t.csv", &bytes).unwrap_err();
    assert_eq!((e.position.line, e.position.column), (3, 0));
    assert_eq!(e.to_string(), "t.csv:3: is not valid UTF-8");
}

#[test]
fn field_splitter() {
    assert_eq!(split_fields("a,\"b, c\",,\"d \"\"e\"\"\"").unwrap(), ["a", "b, c", "", "d \"e\""]);
    assert_eq!(split_fields("").unwrap(), [""]);
    assert_eq!(split_fields("a,").unwrap(), ["a", ""]);
    assert_eq!(split_fields("\"\"").unwrap(), [""]);
    assert_eq!(split_fields("x,\"a\"b").unwrap_err().0, 2);
    assert_eq!(split_fields("x,y,\"open").unwrap_err().0, 3);
    assert_eq!(split_fields("a\"b").unwrap_err().0, 1);
}

#[test]
fn closeness_words() {
    for c in Closeness::ALL {
        assert_eq!(Closeness::parse(c.label()), Some(c));
        assert_eq!(Closeness::parse(&format!("{} ", c.label())), Some(c));
        assert_eq!(c.label().trim(), c.label());
    }
    assert_eq!(Closeness::parse("close"), None);
    assert_eq!(Closeness::parse(""), None);
    assert!(Closeness::ExtremelyClose < Closeness::NotClose);
}

// ---- neighbour average ------------------------------------------------------

#[test]
fn median_of_nine_with_one_suppressed() {
    let v = cells(&["50", "c", "10", "40", "20", "90", "30", "70", "60", "80"]);
    let a = neighbour_average(&v).unwrap();
    assert_eq!(a.statistic, Statistic::Median);
    assert_eq!((a.value, a.contributed, a.of, a.decimals), (50.0, 9, 10, 0));
    assert_eq!(a.label(), "median of 9 of 10 neighbours");
    // The mean of the same cells differs, so the test can tell them apart.
    let m = mean(&v).unwrap();
    assert_eq!((m.value, m.statistic), (50.0, Statistic::Mean));
    let skew = cells(&["1", "2", "c", "", "x", "100"]);
    assert_eq!(neighbour_average(&skew).unwrap().value, 2.0);
    assert_eq!(mean(&skew).unwrap().value, 103.0 / 3.0);
    assert_eq!(mean(&skew).unwrap().label(), "mean of 3 of 6 neighbours");
}

#[test]
fn median_of_even_count() {
    // 10 and 11 (0 dp) → 10.5 needs one more decimal.
    let a = median(&cells(&["11", "4", "10", "20"])).unwrap();
    assert_eq!((a.value, a.decimals, a.contributed), (10.5, 1, 4));
    assert_eq!(a.text("%"), "10.5%");
    // 10 and 12 → 11 exactly at 0 dp.
    let a = median(&cells(&["12", "10"])).unwrap();
    assert_eq!((a.value, a.decimals), (11.0, 0));
    // Mixed decimals: max is 1; 10 and 11.5 → 10.75 needs 2.
    let a = median(&cells(&["11.5", "10", "c", "z"])).unwrap();
    assert_eq!((a.value, a.decimals, a.of), (10.75, 2, 4));
    // 0.1 and 0.3 → 0.2 is exact at 1 dp despite binary floating point.
    let a = median(&cells(&["0.1", "0.3"])).unwrap();
    assert_eq!(a.decimals, 1);
    assert!((a.value - 0.2).abs() < 1e-12);
    // Odd count: the middle value with the most decimals among contributors.
    let a = median(&cells(&["3", "1.25", "2"])).unwrap();
    assert_eq!((a.value, a.decimals), (2.0, 2));
    // Negative values sort correctly.
    assert_eq!(median(&cells(&["-5", "-1", "-3"])).unwrap().value, -3.0);
}

#[test]
fn no_numbers_no_average() {
    assert_eq!(neighbour_average(&cells(&["c", "c", "x", "", "z"])), None);
    assert_eq!(neighbour_average(&[]), None);
    assert_eq!(mean(&[Cell::Empty]), None);
    assert_eq!(median(&[Cell::Number { value: f64::NAN, decimals: 0 }]), None);
    let one = neighbour_average(&cells(&["7", "c"])).unwrap();
    assert_eq!(one.label(), "median of 1 of 2 neighbours");
    assert_eq!(neighbour_average(&cells(&["7"])).unwrap().label(), "median of 1 of 1 neighbour");
}

#[test]
fn mean_decimals() {
    let a = mean(&cells(&["1", "3"])).unwrap();
    assert_eq!((a.value, a.decimals), (2.0, 0));
    let a = mean(&cells(&["1", "2", "2"])).unwrap();
    assert_eq!(a.decimals, 1);
    assert_eq!(a.text(""), "1.7");
    assert_eq!(average(&cells(&["1", "2"]), Statistic::Mean).unwrap().statistic, Statistic::Mean);
    assert_eq!(NEIGHBOUR_STATISTIC, Statistic::Median);
}

// ---- rank and band --------------------------------------------------------

fn rows(xs: &[(&str, &str)]) -> Vec<(String, Cell)> {
    xs.iter().map(|(c, v)| (c.to_string(), n(v))).collect()
}
fn ranks(r: &Ranking) -> Vec<(&str, usize)> {
    r.ranked.iter().map(|x| (x.code.as_str(), x.rank)).collect()
}

#[test]
fn ties_share_the_best_rank() {
    let v = rows(&[("a", "5"), ("b", "8"), ("c", "10"), ("d", "8"), ("e", "1")]);
    let hi = rank(&v, Polarity::HigherIsBetter).unwrap();
    assert_eq!(ranks(&hi), [("c", 1), ("b", 2), ("d", 2), ("a", 4), ("e", 5)]);
    let lo = rank(&v, Polarity::LowerIsBetter).unwrap();
    assert_eq!(ranks(&lo), [("e", 1), ("a", 2), ("b", 3), ("d", 3), ("c", 5)]);
    assert_eq!(lo.get("c").unwrap().rank, 5);
    assert_eq!(lo.get("zz"), None);
    // 8 and 8.0 are the same value.
    let v = rows(&[("a", "8.0"), ("b", "8")]);
    assert_eq!(ranks(&rank(&v, Polarity::LowerIsBetter).unwrap()), [("a", 1), ("b", 1)]);
}

#[test]
fn suppressed_and_empty_are_unranked() {
    let v = rows(&[("a", "c"), ("b", "3"), ("c", ""), ("d", "2"), ("e", "x")]);
    let r = rank(&v, Polarity::HigherIsBetter).unwrap();
    assert_eq!(r.n, 2);
    assert_eq!(r.unranked, 3);
    assert_eq!(
        r.unranked_codes,
        [
            ("a".to_string(), Cell::Symbol(Symbol::Suppressed)),
            ("c".to_string(), Cell::Empty),
            ("e".to_string(), Cell::Symbol(Symbol::NotAvailable)),
        ]
    );
    assert_eq!(r.get("a"), None);
    assert_eq!(ranks(&r), [("b", 1), ("d", 2)]);
    // n = 2: A rank ≤ 1, B rank ≤ 1 (empty), C rank ≤ 2.
    assert_eq!(r.get("d").unwrap().band, Band::C);
    assert_eq!(r.bands.iter().map(|b| b.band).collect::<Vec<_>>(), [Band::A, Band::C]);

    let none = rank(&rows(&[("a", "c")]), Polarity::LowerIsBetter).unwrap();
    assert_eq!((none.n, none.unranked, none.bands.len()), (0, 1, 0));
}

#[test]
fn no_polarity_no_rank() {
    assert_eq!(rank(&rows(&[("a", "1"), ("b", "2")]), Polarity::Neither), None);
}

#[test]
fn bands_for_153() {
    let cut = |n| (1..=n).map(|r| band_for(r, n)).collect::<Vec<_>>();
    let b = cut(153);
    let count = |x| b.iter().filter(|&&y| y == x).count();
    assert_eq!((count(Band::A), count(Band::B), count(Band::C), count(Band::D)), (39, 38, 38, 38));
    for (r, band) in [(39, Band::A), (40, Band::B), (77, Band::B), (78, Band::C), (115, Band::C), (116, Band::D)] {
        assert_eq!(band_for(r, 153), band, "rank {r}");
    }
    // Values 1..=153, lower is better: rank = value.
    let v: Vec<(String, Cell)> = (1..=153).rev().map(|i| (format!("{i}"), Cell::Number { value: i as f64, decimals: 0 })).collect();
    let r = rank(&v, Polarity::LowerIsBetter).unwrap();
    assert_eq!(r.n, 153);
    let labels: Vec<String> = r.bands.iter().map(|b| b.label("")).collect();
    assert_eq!(labels, ["A: 1 to 39", "B: 40 to 77", "C: 78 to 115", "D: 116 to 153"]);
    assert_eq!(r.get("116").unwrap().band, Band::D);
    // Higher is better: A holds the largest values, still printed smallest first.
    let r = rank(&v, Polarity::HigherIsBetter).unwrap();
    assert_eq!(r.band(Band::A).unwrap().label("%"), "A: 115% to 153%");
    assert_eq!(r.band(Band::A).unwrap().count, 39);
}

#[test]
fn bands_for_5_and_small_n() {
    let cut = |n| (1..=n).map(|r| band_for(r, n)).collect::<Vec<_>>();
    assert_eq!(cut(5), [Band::A, Band::A, Band::B, Band::C, Band::D]);
    assert_eq!(cut(4), [Band::A, Band::B, Band::C, Band::D]);
    assert_eq!(cut(1), [Band::A]);
    assert_eq!(cut(3), [Band::A, Band::B, Band::C]);
    // Ties across a boundary share the band of their rank (2 → A), emptying B and C.
    let v = rows(&[("a", "1"), ("b", "2"), ("c", "2"), ("d", "2"), ("e", "5.5")]);
    let r = rank(&v, Polarity::LowerIsBetter).unwrap();
    let bands: Vec<Band> = r.ranked.iter().map(|x| x.band).collect();
    assert_eq!(bands, [Band::A, Band::A, Band::A, Band::A, Band::D]);
    assert_eq!(r.bands.len(), 2);
    assert_eq!(r.band(Band::A).unwrap().label(""), "A: 1 to 2");
    assert_eq!(r.band(Band::D).unwrap().label(""), "D: 5.5");
    assert_eq!(r.band(Band::B), None);
}

// ---- direction of travel ----------------------------------------------------

fn dir(prev: &str, latest: &str, p: Polarity, unit: &str, dp: u8) -> Direction {
    direction(Some((n(prev), "2022-23")), Some((n(latest), "2023-24")), p, unit, dp)
}

#[test]
fn improved_and_worsened() {
    let d = dir("132", "118", Polarity::LowerIsBetter, "per 10,000", 0);
    assert!(matches!(d, Direction::Improved(_)));
    assert_eq!(d.sentence(), "improved: down from 132 to 118; lower is better");
    let d = dir("20", "24", Polarity::LowerIsBetter, "%", 0);
    assert!(matches!(d, Direction::Worsened(_)));
    assert_eq!(d.sentence(), "worsened: up from 20% to 24%; lower is better");
    let d = dir("20", "24", Polarity::HigherIsBetter, "%", 0);
    assert_eq!(d.sentence(), "improved: up from 20% to 24%; higher is better");
    let d = dir("24.5", "20", Polarity::HigherIsBetter, "%", 1);
    assert!(matches!(d, Direction::Worsened(_)));
    assert_eq!(d.sentence(), "worsened: down from 24.5% to 20%; higher is better");
    let c = d.change().unwrap();
    assert_eq!((c.from_period.as_str(), c.to_period.as_str()), ("2022-23", "2023-24"));
}

#[test]
fn up_and_down_without_polarity() {
    let d = dir("96", "100", Polarity::Neither, "", 0);
    assert!(matches!(d, Direction::Up(_)));
    assert_eq!(d.sentence(), "up from 96 to 100");
    let d = dir("1027", "996.5", Polarity::Neither, "per 10,000", 1);
    assert!(matches!(d, Direction::Down(_)));
    assert_eq!(d.sentence(), "down from 1,027 to 996.5");
}

#[test]
fn little_change_at_published_precision() {
    let d = dir("96", "96", Polarity::HigherIsBetter, "", 0);
    assert!(matches!(d, Direction::LittleChange(_)));
    assert_eq!(d.sentence(), "little change: 96 to 96");
    // 96.04 vs 96.0: compared at 1 dp, equal; shown as written.
    assert_eq!(dir("96.04", "96.0", Polarity::LowerIsBetter, "%", 2).sentence(), "little change: 96.04% to 96.0%");
    // 96.4 vs 96: compared at 0 dp → 96 and 96.
    assert!(matches!(dir("96.4", "96", Polarity::LowerIsBetter, "", 1), Direction::LittleChange(_)));
    // 96.6 vs 96: 97 vs 96 → a real move.
    assert_eq!(dir("96", "96.6", Polarity::LowerIsBetter, "", 1).sentence(), "worsened: up from 96 to 96.6; lower is better");
    // The indicator's dp caps the precision: 12.34 vs 12.31 at 1 dp.
    assert!(matches!(dir("12.34", "12.31", Polarity::Neither, "", 1), Direction::LittleChange(_)));
    assert!(matches!(dir("12.34", "12.31", Polarity::Neither, "", 2), Direction::Down(_)));
    // -0.0 and 0 are the same figure.
    assert!(matches!(dir("-0.0", "0", Polarity::Neither, "", 1), Direction::LittleChange(_)));
}

#[test]
fn not_comparable() {
    let s = |d: Direction| {
        assert!(matches!(d, Direction::NotComparable { .. }));
        assert_eq!(d.change(), None);
        d.sentence()
    };
    let p = Polarity::LowerIsBetter;
    assert_eq!(s(dir("12", "c", p, "%", 0)), "no comparison: the latest figure is suppressed (c)");
    assert_eq!(s(dir("x", "12", p, "%", 0)), "no comparison: the earlier figure is not available (x)");
    assert_eq!(s(dir("x", "c", p, "%", 0)), "no comparison: the latest figure is suppressed (c)");
    assert_eq!(s(dir("", "12", p, "%", 0)), "no comparison: the earlier figure is not published");
    assert_eq!(s(direction(None, Some((n("5"), "2024")), p, "", 0)), "no comparison: there is no earlier figure");
    assert_eq!(s(direction(Some((n("5"), "2023")), None, p, "", 0)), "no comparison: there is no latest figure");
    assert_eq!(
        s(direction(Some((n("5"), "2024")), Some((n("6"), "2024")), p, "", 0)),
        "no comparison: both figures are for 2024"
    );
}
