//! Comparisons with other authorities: DfE's statistical neighbour model, the
//! neighbour average, rank and quartile band among authorities, and direction of
//! travel between two periods. Pure functions over [`Cell`]s; no I/O.

use std::collections::BTreeMap;
use std::fmt;

use super::cell::Cell;
use super::error::Position;
use super::format;
use super::meta::Polarity;

// ---------------------------------------------------------------------------
// 1. Statistical neighbour model
// ---------------------------------------------------------------------------

/// How close a neighbour is, as DfE words it in the `SN_kP` columns.
/// Ordered closest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Closeness {
    ExtremelyClose,
    VeryClose,
    Close,
    SomewhatClose,
    NotClose,
}

impl Closeness {
    /// Every closeness, closest first.
    pub const ALL: [Closeness; 5] = [
        Closeness::ExtremelyClose,
        Closeness::VeryClose,
        Closeness::Close,
        Closeness::SomewhatClose,
        Closeness::NotClose,
    ];

    /// Reads DfE's word. Surrounding spaces are ignored (the 2025 file writes
    /// `"Close "`); the words themselves must match exactly, capitals included.
    pub fn parse(s: &str) -> Option<Closeness> {
        let s = s.trim();
        Closeness::ALL.into_iter().find(|c| c.label() == s)
    }

    /// The words, trimmed: `"Extremely close"`, `"Very close"`, `"Close"`,
    /// `"Somewhat close"`, `"Not close"`.
    pub fn label(self) -> &'static str {
        match self {
            Closeness::ExtremelyClose => "Extremely close",
            Closeness::VeryClose => "Very close",
            Closeness::Close => "Close",
            Closeness::SomewhatClose => "Somewhat close",
            Closeness::NotClose => "Not close",
        }
    }
}

/// One statistical neighbour of an authority.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Neighbour {
    /// 1 = nearest, up to 10.
    pub rank: u8,
    /// The neighbour's old (3-digit) LA code.
    pub old_la_code: String,
    pub closeness: Closeness,
}

/// One row of the model: an authority and its ten neighbours, nearest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Authority {
    pub old_la_code: String,
    pub name: String,
    /// Empty when the file has no `region_name` column.
    pub region_name: String,
    pub neighbours: Vec<Neighbour>,
}

/// The number of neighbours per authority in DfE's model (`SN_1` to `SN_10`).
pub const NEIGHBOURS: u8 = 10;

/// DfE's statistical neighbour model, in file order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NeighbourModel {
    authorities: Vec<Authority>,
    index: BTreeMap<String, usize>,
}

impl NeighbourModel {
    /// Every authority, in file order.
    pub fn authorities(&self) -> &[Authority] {
        &self.authorities
    }
    pub fn len(&self) -> usize {
        self.authorities.len()
    }
    pub fn is_empty(&self) -> bool {
        self.authorities.is_empty()
    }
    pub fn get(&self, old_la_code: &str) -> Option<&Authority> {
        self.index.get(old_la_code).map(|&i| &self.authorities[i])
    }
    /// The authority's ten neighbours, nearest (`rank` 1) first.
    pub fn neighbours(&self, old_la_code: &str) -> Option<&[Neighbour]> {
        self.get(old_la_code).map(|a| a.neighbours.as_slice())
    }
    /// The authority's name as the file writes it, e.g. `Bristol, City of`.
    pub fn name(&self, old_la_code: &str) -> Option<&str> {
        self.get(old_la_code).map(|a| a.name.as_str())
    }
}

/// Why a neighbour file could not be read, and where: line 1 is the header;
/// column is the 1-based field number (0 when the whole line or file is meant).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NeighbourError {
    pub position: Position,
    pub message: String,
}

impl NeighbourError {
    fn at(file: &str, line: u64, column: usize, message: impl Into<String>) -> Self {
        NeighbourError { position: Position::new(file, line, column), message: message.into() }
    }
}

impl fmt::Display for NeighbourError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.position, self.message)
    }
}

impl std::error::Error for NeighbourError {}

/// Splits one CSV line into fields. Fields are separated by commas; a field that
/// starts with `"` is quoted, may contain commas, writes a quote as `""`, and must
/// be followed by a comma or the end of the line. A quote anywhere else, or a
/// quoted field left open at the end of the line, is an error (fields may not span
/// lines). The error carries the 1-based field number.
pub fn split_fields(line: &str) -> Result<Vec<String>, (usize, String)> {
    let mut fields = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        let n = fields.len() + 1;
        let mut field = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next() {
                    None => return Err((n, "a quoted field is not closed on this line".into())),
                    Some('"') => match chars.peek() {
                        Some('"') => {
                            chars.next();
                            field.push('"');
                        }
                        Some(',') | None => break,
                        Some(c) => return Err((n, format!("{c:?} follows a closing quote; expected a comma"))),
                    },
                    Some(c) => field.push(c),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == ',' {
                    break;
                }
                if c == '"' {
                    return Err((n, "a quote inside an unquoted field; quote the whole field".into()));
                }
                field.push(c);
                chars.next();
            }
        }
        fields.push(field);
        if chars.next().is_none() {
            return Ok(fields);
        }
    }
}

fn is_code(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Parses DfE's `sn_model_2025_wide.csv`.
///
/// Rules: UTF-8, optional byte-order mark, LF or CRLF line ends, blank lines
/// ignored. Columns are found by header name in any order; `old_la_code`,
/// `la_name` and `SN_1`, `SN_1P` … `SN_10`, `SN_10P` are required, `region_name`
/// is optional, others are ignored. Every row needs as many fields as the header
/// and all ten neighbours; `SN_k` is the k-th nearest neighbour's old LA code
/// (digits), `SN_kP` its [`Closeness`]. An authority may appear once, may not be
/// its own neighbour nor list a neighbour twice, and every neighbour must itself
/// be a row of the file. Never panics; the first problem is returned with its
/// line and field.
pub fn parse_neighbours(file: &str, bytes: &[u8]) -> Result<NeighbourModel, NeighbourError> {
    let err = |line: u64, col: usize, msg: String| NeighbourError::at(file, line, col, msg);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
            return Err(err(line, 0, "is not valid UTF-8".into()));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| (i as u64 + 1, l.strip_suffix('\r').unwrap_or(l)))
        .filter(|(_, l)| !l.trim().is_empty());

    let Some((header_line, header)) = lines.next() else {
        return Err(err(0, 0, "is empty".into()));
    };
    let names = split_fields(header).map_err(|(c, m)| err(header_line, c, m))?;
    let mut columns: BTreeMap<String, usize> = BTreeMap::new();
    for (i, name) in names.iter().enumerate() {
        if columns.insert(name.trim().to_string(), i).is_some() {
            return Err(err(header_line, i + 1, format!("column \"{}\" appears twice", name.trim())));
        }
    }
    let need = |name: &str| {
        columns
            .get(name)
            .copied()
            .ok_or_else(|| err(header_line, 0, format!("missing required column \"{name}\"")))
    };
    let code_col = need("old_la_code")?;
    let name_col = need("la_name")?;
    let region_col = columns.get("region_name").copied();
    let mut sn_cols = Vec::with_capacity(NEIGHBOURS as usize);
    for k in 1..=NEIGHBOURS {
        sn_cols.push((k, need(&format!("SN_{k}"))?, need(&format!("SN_{k}P"))?));
    }

    let mut model = NeighbourModel::default();
    let mut first_line: BTreeMap<String, u64> = BTreeMap::new();
    // Every neighbour cell, to check it names an authority once all rows are read.
    let mut cited: Vec<(String, u64, usize)> = Vec::new();
    for (line, row) in lines {
        let fields = split_fields(row).map_err(|(c, m)| err(line, c, m))?;
        if fields.len() != names.len() {
            return Err(err(
                line,
                0,
                format!("has {} fields but the header has {}", fields.len(), names.len()),
            ));
        }
        let code = fields[code_col].trim();
        if !is_code(code) {
            return Err(err(line, code_col + 1, format!("old_la_code \"{code}\" is not a code of digits")));
        }
        if let Some(first) = first_line.get(code) {
            return Err(err(line, code_col + 1, format!("authority {code} already appears on line {first}")));
        }
        let name = fields[name_col].trim();
        if name.is_empty() {
            return Err(err(line, name_col + 1, format!("authority {code} has no la_name")));
        }
        let mut neighbours: Vec<Neighbour> = Vec::with_capacity(NEIGHBOURS as usize);
        for &(k, sn, snp) in &sn_cols {
            let n = fields[sn].trim();
            if !is_code(n) {
                return Err(err(line, sn + 1, format!("SN_{k} \"{n}\" is not a code of digits")));
            }
            if n == code {
                return Err(err(line, sn + 1, format!("authority {code} is listed as its own neighbour (SN_{k})")));
            }
            if let Some(same) = neighbours.iter().find(|x| x.old_la_code == n) {
                return Err(err(line, sn + 1, format!("neighbour {n} is listed twice (SN_{} and SN_{k})", same.rank)));
            }
            let Some(closeness) = Closeness::parse(&fields[snp]) else {
                return Err(err(
                    line,
                    snp + 1,
                    format!(
                        "SN_{k}P \"{}\" is not one of: Extremely close, Very close, Close, Somewhat close, Not close",
                        fields[snp]
                    ),
                ));
            };
            cited.push((n.to_string(), line, sn + 1));
            neighbours.push(Neighbour { rank: k, old_la_code: n.to_string(), closeness });
        }
        first_line.insert(code.to_string(), line);
        model.index.insert(code.to_string(), model.authorities.len());
        model.authorities.push(Authority {
            old_la_code: code.to_string(),
            name: name.to_string(),
            region_name: region_col.map_or(String::new(), |c| fields[c].trim().to_string()),
            neighbours,
        });
    }
    if model.is_empty() {
        return Err(err(header_line, 0, "has a header but no authorities".into()));
    }
    if let Some((code, line, col)) = cited.into_iter().find(|(c, _, _)| !model.index.contains_key(c)) {
        return Err(err(line, col, format!("neighbour {code} is not an authority in the file")));
    }
    Ok(model)
}

// ---------------------------------------------------------------------------
// 2. Neighbour average
// ---------------------------------------------------------------------------

/// Which average of the neighbours is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Statistic {
    Median,
    Mean,
}

impl Statistic {
    /// `"median"` or `"mean"`.
    pub fn word(self) -> &'static str {
        match self {
            Statistic::Median => "median",
            Statistic::Mean => "mean",
        }
    }
}

/// The statistic the site uses for "statistical neighbours": the median, as DfE's
/// current CSC outcomes and enablers dashboard does (LAIT used the mean). Change it
/// here to switch every page.
pub const NEIGHBOUR_STATISTIC: Statistic = Statistic::Median;

/// An average of several authorities' cells for one period.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Average {
    pub value: f64,
    pub statistic: Statistic,
    /// How many cells were numbers and counted.
    pub contributed: usize,
    /// How many cells were given.
    pub of: usize,
    /// Decimals to show the value with (see [`median`] and [`mean`]).
    pub decimals: u8,
}

impl Average {
    /// `"median of 9 of 10 neighbours"`.
    pub fn label(&self) -> String {
        let noun = if self.of == 1 { "neighbour" } else { "neighbours" };
        format!("{} of {} of {} {noun}", self.statistic.word(), self.contributed, self.of)
    }
    /// The value with its unit and decimals, e.g. `12.5%`.
    pub fn text(&self, unit: &str) -> String {
        format::with_unit(self.value, self.decimals, unit)
    }
}

/// The neighbours' average with [`NEIGHBOUR_STATISTIC`]: `values` are the ten
/// neighbours' cells for one period. `None` when no neighbour publishes a number.
pub fn neighbour_average(values: &[Cell]) -> Option<Average> {
    average(values, NEIGHBOUR_STATISTIC)
}

/// [`median`] or [`mean`], as asked.
pub fn average(values: &[Cell], statistic: Statistic) -> Option<Average> {
    match statistic {
        Statistic::Median => median(values),
        Statistic::Mean => mean(values),
    }
}

/// The numbers among the cells, with the most decimals any of them has.
/// Symbols, empty cells and non-finite numbers do not contribute.
fn contributors(values: &[Cell]) -> Option<(Vec<f64>, u8)> {
    let mut xs = Vec::with_capacity(values.len());
    let mut d = 0u8;
    for c in values {
        if let Cell::Number { value, decimals } = *c {
            if value.is_finite() {
                xs.push(value);
                d = d.max(decimals);
            }
        }
    }
    (!xs.is_empty()).then_some((xs, d))
}

/// Is the mean of `xs` exactly a number with `d` decimals? (Each x has at most `d`.)
/// Beyond what an `f64` holds exactly it answers yes, so no decimal is added.
fn mean_exact_at(xs: &[f64], d: u8) -> bool {
    let scale = 10f64.powi(d as i32);
    let mut sum: i128 = 0;
    for &x in xs {
        let s = (x * scale).round();
        if s.abs() >= 9e15 {
            return true;
        }
        sum += s as i128;
    }
    sum % xs.len() as i128 == 0
}

fn build(value: f64, statistic: Statistic, contributed: usize, of: usize, d: u8, exact: bool) -> Average {
    let decimals = if exact { d } else { d.saturating_add(1) };
    Average { value: value + 0.0, statistic, contributed, of, decimals }
}

/// Median of the cells that are numbers; symbols and empty cells do not
/// contribute, and `None` if none is a number. With an odd count it is the middle
/// value; with an even count the mean of the two middle values. Decimals are the
/// most decimals among the contributing values, plus one only when the mean of the
/// two middle values needs it (e.g. 10 and 11 give 10.5).
pub fn median(values: &[Cell]) -> Option<Average> {
    let (mut xs, d) = contributors(values)?;
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    let (value, exact) = if n % 2 == 1 {
        (xs[n / 2], true)
    } else {
        let pair = [xs[n / 2 - 1], xs[n / 2]];
        (pair[0] / 2.0 + pair[1] / 2.0, mean_exact_at(&pair, d))
    };
    Some(build(value, Statistic::Median, n, values.len(), d, exact))
}

/// Arithmetic mean of the cells that are numbers, with the same contract as
/// [`median`]: symbols and empty cells do not contribute, `None` if none is a
/// number; decimals are the most among the contributing values, plus one when the
/// mean is not exact at that many (it is then shown rounded to that one more).
pub fn mean(values: &[Cell]) -> Option<Average> {
    let (xs, d) = contributors(values)?;
    let n = xs.len();
    let value = xs.iter().sum::<f64>() / n as f64;
    Some(build(value, Statistic::Mean, n, values.len(), d, mean_exact_at(&xs, d)))
}

// ---------------------------------------------------------------------------
// 3. Rank and quartile band
// ---------------------------------------------------------------------------

/// Quartile band: A is the best quarter, D the worst.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Band {
    A,
    B,
    C,
    D,
}

impl Band {
    pub const ALL: [Band; 4] = [Band::A, Band::B, Band::C, Band::D];
    pub fn letter(self) -> &'static str {
        match self {
            Band::A => "A",
            Band::B => "B",
            Band::C => "C",
            Band::D => "D",
        }
    }
}

/// The band of a rank among `n` ranked authorities: A if rank ≤ ⌈n/4⌉, B if
/// ≤ ⌈n/2⌉, C if ≤ ⌈3n/4⌉, else D. For n = 153: A 1–39, B 40–77, C 78–115,
/// D 116–153.
pub fn band_for(rank: usize, n: usize) -> Band {
    let ceil_quarter = |k: usize| (k * n).div_ceil(4);
    if rank <= ceil_quarter(1) {
        Band::A
    } else if rank <= ceil_quarter(2) {
        Band::B
    } else if rank <= ceil_quarter(3) {
        Band::C
    } else {
        Band::D
    }
}

/// One ranked authority.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked {
    pub code: String,
    pub value: f64,
    pub decimals: u8,
    /// 1 = best.
    pub rank: usize,
    pub band: Band,
}

/// The values in one band, smallest to largest whatever the polarity.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BandRange {
    pub band: Band,
    pub min: f64,
    pub max: f64,
    /// The most decimals among the band's values.
    pub decimals: u8,
    /// How many authorities are in the band.
    pub count: usize,
}

impl BandRange {
    /// `"A: 45 to 58"`, or `"A: 45"` when every value in the band is the same.
    pub fn label(&self, unit: &str) -> String {
        let lo = format::with_unit(self.min, self.decimals, unit);
        if self.min == self.max {
            format!("{}: {lo}", self.band.letter())
        } else {
            format!("{}: {lo} to {}", self.band.letter(), format::with_unit(self.max, self.decimals, unit))
        }
    }
}

/// Authorities ranked on one indicator for one period.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranking {
    pub polarity: Polarity,
    /// Best first; authorities with equal values keep their input order.
    pub ranked: Vec<Ranked>,
    /// How many are ranked.
    pub n: usize,
    /// How many are not ranked (a symbol or an empty cell).
    pub unranked: usize,
    /// The codes not ranked, with their cell, in input order.
    pub unranked_codes: Vec<(String, Cell)>,
    /// The value range of each band that has anyone in it, A first. A band can be
    /// empty: for n = 2 (no B) or when ties fill it from the band above.
    pub bands: Vec<BandRange>,
}

impl Ranking {
    /// The ranked authority with this code (`None` if unranked or absent).
    pub fn get(&self, code: &str) -> Option<&Ranked> {
        self.ranked.iter().find(|r| r.code == code)
    }
    /// The value range of a band, if anyone is in it.
    pub fn band(&self, band: Band) -> Option<&BandRange> {
        self.bands.iter().find(|b| b.band == band)
    }
}

/// Ranks authorities on one indicator. `None` for [`Polarity::Neither`]:
/// indicators without a polarity are not ranked. Authorities with a number are
/// ranked 1 = best (highest first for higher-is-better, lowest first for
/// lower-is-better); equal values share the best rank of their group (standard
/// competition ranking, "1224"). Symbols and empty cells are not ranked, and are
/// counted and listed instead. Bands follow [`band_for`] with n = the number
/// ranked; tied authorities share the band of their shared rank. With no numbers
/// at all the ranking is empty (n = 0).
pub fn rank(values: &[(String, Cell)], polarity: Polarity) -> Option<Ranking> {
    let higher_first = match polarity {
        Polarity::Neither => return None,
        Polarity::HigherIsBetter => true,
        Polarity::LowerIsBetter => false,
    };
    let mut numbers: Vec<(&str, f64, u8)> = Vec::new();
    let mut unranked_codes = Vec::new();
    for (code, cell) in values {
        match *cell {
            Cell::Number { value, decimals } if value.is_finite() => numbers.push((code, value + 0.0, decimals)),
            c => unranked_codes.push((code.clone(), c)),
        }
    }
    // Stable: equal values keep input order.
    numbers.sort_by(|a, b| if higher_first { b.1.total_cmp(&a.1) } else { a.1.total_cmp(&b.1) });
    let n = numbers.len();
    let mut ranked: Vec<Ranked> = Vec::with_capacity(n);
    for (i, &(code, value, decimals)) in numbers.iter().enumerate() {
        let rank = match ranked.last() {
            Some(prev) if prev.value == value => prev.rank,
            _ => i + 1,
        };
        ranked.push(Ranked { code: code.to_string(), value, decimals, rank, band: band_for(rank, n) });
    }
    let bands = Band::ALL
        .into_iter()
        .filter_map(|band| {
            let members: Vec<&Ranked> = ranked.iter().filter(|r| r.band == band).collect();
            let first = members.first()?;
            let (mut min, mut max, mut decimals) = (first.value, first.value, 0);
            for r in &members {
                min = min.min(r.value);
                max = max.max(r.value);
                decimals = decimals.max(r.decimals);
            }
            Some(BandRange { band, min, max, decimals, count: members.len() })
        })
        .collect();
    Some(Ranking { polarity, ranked, n, unranked: unranked_codes.len(), unranked_codes, bands })
}

// ---------------------------------------------------------------------------
// 4. Direction of travel
// ---------------------------------------------------------------------------

/// The two figures compared, as numbers and as written.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub from: f64,
    pub to: f64,
    /// `from` with its own decimals and the unit, e.g. `20%`, `1,027`.
    pub from_text: String,
    pub to_text: String,
    pub from_period: String,
    pub to_period: String,
    pub polarity: Polarity,
}

/// How an indicator moved from the previous period to the latest.
#[derive(Clone, Debug, PartialEq)]
pub enum Direction {
    /// Moved the good way (polarity known).
    Improved(Change),
    /// Moved the bad way (polarity known).
    Worsened(Change),
    /// Went up; the indicator has no polarity.
    Up(Change),
    /// Went down; the indicator has no polarity.
    Down(Change),
    /// Equal at the published precision.
    LittleChange(Change),
    /// One figure is missing or not a number; `reason` completes "no comparison: …".
    NotComparable { reason: String },
}

fn better_phrase(p: Polarity) -> &'static str {
    match p {
        Polarity::HigherIsBetter => "higher is better",
        Polarity::LowerIsBetter => "lower is better",
        Polarity::Neither => "",
    }
}

impl Direction {
    /// One line for the page: `improved: down from 132 to 118; lower is better`,
    /// `worsened: up from 20% to 24%; lower is better`, `up from 96 to 100`,
    /// `little change: 96 to 96`, `no comparison: the latest figure is suppressed (c)`.
    pub fn sentence(&self) -> String {
        let moved = |c: &Change| {
            let way = if c.to > c.from { "up" } else { "down" };
            format!("{way} from {} to {}", c.from_text, c.to_text)
        };
        match self {
            Direction::Improved(c) => format!("improved: {}; {}", moved(c), better_phrase(c.polarity)),
            Direction::Worsened(c) => format!("worsened: {}; {}", moved(c), better_phrase(c.polarity)),
            Direction::Up(c) | Direction::Down(c) => moved(c),
            Direction::LittleChange(c) => format!("little change: {} to {}", c.from_text, c.to_text),
            Direction::NotComparable { reason } => format!("no comparison: {reason}"),
        }
    }
    /// The figures compared, unless not comparable.
    pub fn change(&self) -> Option<&Change> {
        match self {
            Direction::Improved(c)
            | Direction::Worsened(c)
            | Direction::Up(c)
            | Direction::Down(c)
            | Direction::LittleChange(c) => Some(c),
            Direction::NotComparable { .. } => None,
        }
    }
}

/// Direction of travel from `previous` to `latest` (each a cell and its period
/// label). Not comparable when either is absent, either cell is not a number (the
/// reason names the symbol, latest first), or both are for the same period.
/// Otherwise the two are compared at the published precision: rounded to the
/// fewest decimals among the two cells and `decimals` (the indicator's
/// `indicator_dp`); equal there is little change. A move is Improved/Worsened by
/// `polarity`, or plain Up/Down when it is Neither. Figures are shown as written,
/// each with its own decimals, thousands separators and the unit (`20%`; a rate
/// "per 10,000" is shown without its unit).
pub fn direction(
    previous: Option<(Cell, &str)>,
    latest: Option<(Cell, &str)>,
    polarity: Polarity,
    unit: &str,
    decimals: u8,
) -> Direction {
    let not = |reason: String| Direction::NotComparable { reason };
    let Some((latest_cell, to_period)) = latest else {
        return not("there is no latest figure".into());
    };
    let Some((previous_cell, from_period)) = previous else {
        return not("there is no earlier figure".into());
    };
    let number = |c: Cell, which: &str| match c {
        Cell::Number { value, decimals } if value.is_finite() => Ok((value, decimals)),
        Cell::Number { .. } => Err(format!("the {which} figure is not a usable number")),
        Cell::Empty => Err(format!("the {which} figure is not published")),
        Cell::Symbol(s) => Err(format!("the {which} figure is {} ({})", s.meaning(), s.code())),
    };
    let (to, to_dp) = match number(latest_cell, "latest") {
        Ok(x) => x,
        Err(reason) => return not(reason),
    };
    let (from, from_dp) = match number(previous_cell, "earlier") {
        Ok(x) => x,
        Err(reason) => return not(reason),
    };
    if from_period == to_period {
        return not(format!("both figures are for {to_period}"));
    }
    let change = Change {
        from,
        to,
        from_text: format::with_unit(from, from_dp, unit),
        to_text: format::with_unit(to, to_dp, unit),
        from_period: from_period.to_string(),
        to_period: to_period.to_string(),
        polarity,
    };
    let dp = from_dp.min(to_dp).min(decimals);
    if format::number(from, dp) == format::number(to, dp) {
        return Direction::LittleChange(change);
    }
    let up = to > from;
    match (polarity, up) {
        (Polarity::Neither, true) => Direction::Up(change),
        (Polarity::Neither, false) => Direction::Down(change),
        (Polarity::HigherIsBetter, true) | (Polarity::LowerIsBetter, false) => Direction::Improved(change),
        _ => Direction::Worsened(change),
    }
}

#[cfg(test)]
mod tests;
