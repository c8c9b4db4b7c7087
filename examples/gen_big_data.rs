//! Generates a large, valid data folder for performance work:
//! `cargo run --release --example gen_big_data -- [OUT_DIR] [ROWS]`
//! (default `target/big-data`, 1,000,000 rows; never commit the output).
//!
//! Writes `OUT_DIR/site.json`, `OUT_DIR/cin-big.csv` and `OUT_DIR/cin-big.meta.csv` in the
//! format of docs/data-format.md: England, the 9 regions and 153 upper-tier local
//! authorities (plausible generated codes and names, not the real list) × 10 financial
//! years × as many `primary_need` × `age_band` × `gender` × `ethnicity` combinations
//! as it takes to reach ROWS. Indicators: a count, a population, a rate per 10,000 with its
//! numerator and denominator, and a percentage with its numerator and denominator. A few
//! small counts are suppressed (`c`, with a note), a few cells are `x` (not available) and a
//! percentage of nothing is `z`. The figures are random (fixed seed), each row consistent on
//! its own (rate = count / population) but totals are not sums of their parts:
//! **synthetic, not real**.
//!
//! `tests/big_data.rs` includes this file as a module and checks a small instance passes
//! `core::check::check_dir` with no problems, so the generator cannot rot.

use std::fmt::Write as _;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Data file name inside the output folder.
pub const DATA_FILE: &str = "cin-big.csv";
/// Meta file name inside the output folder.
pub const META_FILE: &str = "cin-big.meta.csv";
/// Id of the single file in the generated `site.json`.
pub const FILE_ID: &str = "cin-big";
/// Id of the single (synthetic) source document.
pub const SOURCE_ID: &str = "synthetic-cin-census";
/// Default row count.
pub const DEFAULT_ROWS: usize = 1_000_000;

const YEARS: u16 = 10;
const FIRST_YEAR: u16 = 2013;

const REGIONS: [(&str, &str); 9] = [
    ("E12000001", "North East"),
    ("E12000002", "North West"),
    ("E12000003", "Yorkshire and The Humber"),
    ("E12000004", "East Midlands"),
    ("E12000005", "West Midlands"),
    ("E12000006", "East of England"),
    ("E12000007", "London"),
    ("E12000008", "South East"),
    ("E12000009", "South West"),
];
const LONDON: usize = 6;

/// Upper-tier local authorities by code prefix: unitary (E06), metropolitan (E08),
/// London boroughs incl. the City (E09), counties (E10): 63 + 36 + 33 + 21 = 153.
const LA_KINDS: [(&str, u32, usize); 4] = [("E06", 1, 63), ("E08", 1, 36), ("E09", 1, 33), ("E10", 2, 21)];

/// Primary need at assessment (the DfE's N1-N9).
const NEED: [&str; 10] = [
    "Total",
    "Abuse or neglect",
    "Child's disability or illness",
    "Parental disability or illness",
    "Family in acute stress",
    "Family dysfunction",
    "Socially unacceptable behaviour",
    "Low income",
    "Absent parenting",
    "Cases other than children in need",
];
const AGE: [&str; 6] = ["Total", "Under 1", "1 to 4", "5 to 9", "10 to 15", "16 and over"];
const GENDER: [&str; 4] = ["Total", "Boys", "Girls", "Unknown"];
const ETHNICITY: [&str; 20] = [
    "Total",
    "White British",
    "White Irish",
    "Any other White background",
    "Gypsy/Roma",
    "Traveller of Irish heritage",
    "White and Black Caribbean",
    "White and Black African",
    "White and Asian",
    "Any other mixed background",
    "Indian",
    "Pakistani",
    "Bangladeshi",
    "Chinese",
    "Any other Asian background",
    "Black Caribbean",
    "Black African",
    "Any other Black background",
    "Any other ethnic group",
    "Refused or information not yet obtained",
];

pub const META: &str = "col_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,filter_grouping_column,theme,polarity,definition,numerator,denominator
primary_need,Filter,Primary need,,,,Primary need at assessment,,children-in-need,,,,
age_band,Filter,Age band,,,,Age at 31 March,,children-in-need,,,,
gender,Filter,Gender,,,,,,children-in-need,,,,
ethnicity,Filter,Ethnicity,,,,Ethnicity as recorded by the local authority,,children-in-need,,,,
cin_count,Indicator,Number of children in need,Children in need,,0,,,children-in-need,neither,Number of children in need at 31 March (synthetic).,,
child_population,Indicator,Children aged under 18,Population,,0,,,context,neither,Estimated children aged under 18 living in the area (synthetic).,,
cin_rate,Indicator,\"Children in need per 10,000 children\",Children in need,\"per 10,000\",1,,,children-in-need,neither,\"Children in need per 10,000 children aged under 18 (synthetic).\",cin_count,child_population
repeat_count,Indicator,Number in need for a second or later time,Children in need,,0,,,children-in-need,lower-is-better,Children in need who had been in need before (synthetic).,,
repeat_pct,Indicator,Percentage in need for a second or later time,Children in need,%,1,,,children-in-need,lower-is-better,Share of children in need who had been in need before (synthetic).,repeat_count,cin_count
";

const HEADER: &str = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name,primary_need,age_band,gender,ethnicity,cin_count,child_population,cin_rate,repeat_count,repeat_pct,source,source_location,snapshot_date,note";

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub rows: usize,
    pub bytes: u64,
    pub geographies: usize,
    pub filter_combinations: usize,
    pub suppressed_cells: usize,
    pub not_available_cells: usize,
}

struct Geo {
    level: &'static str,
    region: usize, // index into REGIONS; unused for National
    code: String,
    old_code: String,
    name: String,
    children: f64,
}

fn geographies() -> Vec<Geo> {
    let mut rng = Rng(0x5eed_1a5e);
    let mut las = Vec::new();
    let mut n = 0usize;
    for (prefix, first, count) in LA_KINDS {
        for i in 0..count {
            let region = if prefix == "E09" { LONDON } else { [0, 1, 2, 3, 4, 5, 7, 8][n % 8] };
            n += 1;
            las.push(Geo {
                level: "Local authority",
                region,
                code: format!("{prefix}{:06}", first as usize + i),
                old_code: format!("{}", 300 + n),
                name: format!("Local authority {n:03}"),
                children: 15_000.0 + rng.unit() * 125_000.0,
            });
        }
    }
    let mut geos = Vec::with_capacity(1 + REGIONS.len() + las.len());
    let england: f64 = las.iter().map(|g| g.children).sum();
    geos.push(Geo { level: "National", region: 0, code: "E92000001".into(), old_code: String::new(), name: "England".into(), children: england });
    for (r, (code, name)) in REGIONS.iter().enumerate() {
        let children = las.iter().filter(|g| g.region == r).map(|g| g.children).sum();
        geos.push(Geo { level: "Regional", region: r, code: (*code).into(), old_code: String::new(), name: (*name).into(), children });
    }
    geos.extend(las);
    geos
}

/// SplitMix64: small, deterministic, good enough for plausible noise.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Filter combinations in order, ethnicity varying fastest.
fn combination(index: usize) -> [usize; 4] {
    let e = index % ETHNICITY.len();
    let rest = index / ETHNICITY.len();
    let g = rest % GENDER.len();
    let rest = rest / GENDER.len();
    let a = rest % AGE.len();
    let c = rest / AGE.len();
    [c, a, g, e]
}

/// Largest number of rows the generator can make (every combination).
pub fn max_rows() -> usize {
    (1 + REGIONS.len() + 153) * YEARS as usize * NEED.len() * AGE.len() * GENDER.len() * ETHNICITY.len()
}

/// Writes the folder; returns what it wrote. At least `rows` rows (rounded up to whole
/// filter sets per year and place), at most [`max_rows`].
pub fn generate(out: &Path, rows: usize) -> io::Result<Summary> {
    std::fs::create_dir_all(out)?;
    let geos = geographies();
    let all = NEED.len() * AGE.len() * GENDER.len() * ETHNICITY.len();
    let per_block = geos.len() * YEARS as usize;
    let combos = rows.div_ceil(per_block).clamp(1, all);

    std::fs::write(out.join(META_FILE), META)?;
    std::fs::write(out.join("site.json"), site_json(&geos))?;

    let mut w = BufWriter::with_capacity(1 << 20, std::fs::File::create(out.join(DATA_FILE))?);
    w.write_all(HEADER.as_bytes())?;
    w.write_all(b"\n")?;
    let mut rng = Rng(0x00c0_ffee);
    let mut summary = Summary { rows: 0, bytes: 0, geographies: geos.len(), filter_combinations: combos, suppressed_cells: 0, not_available_cells: 0 };
    let mut line = String::with_capacity(512);
    for y in 0..YEARS {
        let year = FIRST_YEAR + y;
        let period = format!("{year}{:02}", (year + 1) % 100);
        let snapshot = format!("{}-03-31", year + 1);
        for geo in &geos {
            let (region_code, region_name) = if geo.level == "National" { ("", "") } else { REGIONS[geo.region] };
            let (la_code, la_old, la_name) =
                if geo.level == "Local authority" { (geo.code.as_str(), geo.old_code.as_str(), geo.name.as_str()) } else { ("", "", "") };
            // Each place has its own level of need, drifting over the years.
            let base_rate = 250.0 + 200.0 * ((geo.children as u64 % 97) as f64 / 97.0) + 3.0 * y as f64;
            for k in 0..combos {
                let [c, a, g, e] = combination(k);
                // A filter value other than `Total` is a smaller group of children (a share,
                // not a partition: totals are not sums of their parts). 1% of counts are
                // below 5 (suppressed) and 0.5% are zero, as well as any that come out so.
                let totals = [c, a, g, e].iter().filter(|&&v| v == 0).count() as i32;
                let population = (geo.children * 2f64.powi(totals - 4) * (0.7 + 0.6 * rng.unit())).round().max(1.0);
                let u = rng.unit();
                let count = if u < 0.01 {
                    1.0 + (u * 400.0).floor()
                } else if u < 0.015 {
                    0.0
                } else {
                    (population * base_rate * (0.8 + 0.4 * rng.unit()) / 10_000.0).round()
                };
                let repeat = (count * (0.15 + 0.15 * rng.unit())).round();
                line.clear();
                write!(
                    line,
                    "{period},Financial year,{},E92000001,England,{region_code},{region_name},{la_code},{la_old},{la_name},{},{},{},{},",
                    geo.level, NEED[c], AGE[a], GENDER[g], ETHNICITY[e]
                )
                .unwrap();
                let mut note = "";
                if (1.0..5.0).contains(&count) {
                    // A count below 5 is published as `c`, and so is anything derived from it.
                    summary.suppressed_cells += 4;
                    write!(line, "c,{population},c,c,c").unwrap();
                    note = "source gives <5";
                } else if rng.next().is_multiple_of(997) {
                    summary.not_available_cells += 2;
                    write!(line, "{count},{population},{:.1},x,x", count / population * 10_000.0).unwrap();
                    note = "repeat episodes not collected";
                } else if count == 0.0 {
                    write!(line, "0,{population},0.0,0,z").unwrap();
                } else if (1.0..5.0).contains(&repeat) {
                    summary.suppressed_cells += 2;
                    write!(line, "{count},{population},{:.1},c,c", count / population * 10_000.0).unwrap();
                    note = "source gives <5";
                } else {
                    write!(line, "{count},{population},{:.1},{repeat},{:.1}", count / population * 10_000.0, repeat / count * 100.0).unwrap();
                }
                writeln!(line, ",{SOURCE_ID},\"Table B1, row {}\",{snapshot},{note}", k + 1).unwrap();
                w.write_all(line.as_bytes())?;
                summary.bytes += line.len() as u64;
                summary.rows += 1;
            }
        }
    }
    w.flush()?;
    summary.bytes += HEADER.len() as u64 + 1;
    Ok(summary)
}

fn site_json(geos: &[Geo]) -> String {
    let mut areas = String::new();
    // Offer the first authority of each kind as an area, compared with England and its region.
    for code in ["E06000001", "E08000001", "E09000001", "E10000002"] {
        let g = geos.iter().find(|g| g.code == code).expect("generated");
        if !areas.is_empty() {
            areas.push_str(",\n");
        }
        write!(
            areas,
            "    {{ \"code\": \"{}\", \"name\": \"{}\", \"level\": \"Local authority\", \"comparators\": [\"E92000001\", \"{}\"] }}",
            g.code, g.name, REGIONS[g.region].0
        )
        .unwrap();
    }
    format!(
        r#"{{
  "title": "Synthetic big data (examples/gen_big_data.rs): not real figures",
  "partnerships": [],
  "areas": [
{areas}
  ],
  "files": [
    {{ "id": "{FILE_ID}", "path": "{DATA_FILE}", "meta": "{META_FILE}", "title": "Children in need (synthetic)", "theme": "children-in-need" }}
  ],
  "sources": [
    {{ "id": "{SOURCE_ID}", "title": "Synthetic children in need census tables", "publisher": "examples/gen_big_data.rs", "published": "" }}
  ]
}}
"#
    )
}

#[allow(dead_code)] // unused when tests/big_data.rs includes this file as a module
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = args.first().map_or("target/big-data", String::as_str);
    let rows = match args.get(1).map(|r| r.replace('_', "").parse::<usize>()) {
        None => DEFAULT_ROWS,
        Some(Ok(r)) => r,
        Some(Err(_)) => {
            eprintln!("usage: gen_big_data [OUT_DIR] [ROWS]   (default target/big-data {DEFAULT_ROWS})");
            std::process::exit(2);
        }
    };
    if rows > max_rows() {
        eprintln!("note: {rows} rows asked for, {} is the most this generator makes", max_rows());
    }
    let t = std::time::Instant::now();
    match generate(Path::new(out), rows) {
        Ok(s) => println!(
            "wrote {out}/{DATA_FILE}: {} rows ({} places × {YEARS} years × {} filter combinations), {:.1} MB, {} suppressed and {} not-available cells, in {:.1} s",
            s.rows,
            s.geographies,
            s.filter_combinations,
            s.bytes as f64 / 1e6,
            s.suppressed_cells,
            s.not_available_cells,
            t.elapsed().as_secs_f64()
        ),
        Err(e) => {
            eprintln!("gen_big_data: {out}: {e}");
            std::process::exit(1);
        }
    }
}
