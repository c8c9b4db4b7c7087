//! What a new release of an official file changed from the release before: periods added,
//! figures revised, rows, periods and areas that went, cells that became a symbol (or the
//! reverse), and columns added, removed or renamed.
//!
//! Pure: the checker (`check`, `release`) prints a [`Revisions`]; the build writes
//! [`csv`] (`dist/data/revisions.csv`) and per-area slices of it, which the site reads
//! back with [`parse_csv`] to say on a chart which of its figures were revised.
//!
//! Observations are matched by (period, geography code, filter values, indicator). Figures
//! equal at the precision both releases publish ([`same_published`]) are not revisions.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;

use super::cell::Cell;
use super::measure::same_published;
use super::meta::{ColumnType, Meta};
use super::parse::{parse_data, Context, Parsed};
use super::period::Period;
use super::table::Table;

/// Lines printed per list unless every one is asked for (`--all`).
pub const SHOWN: usize = 20;

/// A previous release's name matched to its current file's: the name with the year range
/// (`_2013_to_2024`) and `.csv` removed: `b1_children_in_need_2013_to_2024.csv` and
/// `b1_children_in_need_2013_to_2025.csv` are both `b1_children_in_need`.
pub fn release_key(file_name: &str) -> String {
    let name = file_name.rsplit('/').next().unwrap_or(file_name);
    let stem = name.strip_suffix(".csv").unwrap_or(name);
    let b = stem.as_bytes();
    // `_YYYY_to_YYYY`, wherever it is (normally at the end).
    for i in 0..b.len() {
        let rest = &b[i..];
        if rest.len() >= 13 && rest[0] == b'_' && rest[1..5].iter().all(u8::is_ascii_digit) && &rest[5..9] == b"_to_" && rest[9..13].iter().all(u8::is_ascii_digit) {
            return format!("{}{}", &stem[..i], &stem[i + 13..]);
        }
    }
    stem.to_string()
}

/// The last year of a file name's year range (`…_2013_to_2025.csv` → 2025).
pub fn release_year(file_name: &str) -> Option<u16> {
    let name = file_name.rsplit('/').next().unwrap_or(file_name);
    let at = name.rfind("_to_")?;
    name.get(at + 4..at + 8)?.parse().ok()
}

/// Reads an earlier release of a file with the current release's meta: columns the meta
/// describes keep its description; columns it does not (an old release's rates, its old
/// names) are described from their values ([`super::infer::infer_meta`]), and meta rows
/// for columns the old release lacks are left out. So an old release is never unreadable
/// for being old: its extra and missing columns are compared, not reported as errors.
pub fn read_previous(file: &str, bytes: &[u8], current: &Meta, default_source: Option<&str>) -> Parsed<Table> {
    let (inferred, _) = super::infer::infer_meta(file, bytes);
    let columns = inferred
        .columns
        .into_iter()
        .map(|col| match current.get(&col.name) {
            // A column the current meta calls an indicator but whose old values are not
            // all figures (a filter then) is read as the old release has it.
            Some(m) if !(m.col_type == ColumnType::Indicator && col.col_type == ColumnType::Filter) => m.clone(),
            _ => col,
        })
        .collect();
    let meta = Meta { file: current.file.clone(), columns };
    parse_data(file, bytes, &meta, &Context { sources: None, default_source: Some(default_source.unwrap_or("previous release")) })
}

/// One cell that differs between the releases.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub period: Period,
    pub level: String,
    pub code: String,
    pub name: String,
    /// Every filter column's value on the row, in the current file's order.
    pub filters: Vec<(String, String)>,
    /// The filter values that tell rows apart (not `Total`, not a filter with one value).
    pub shown_filters: Vec<String>,
    /// The indicator column in the current release.
    pub indicator: String,
    /// Its name in the previous release, when it was renamed.
    pub previous_indicator: Option<String>,
    pub label: String,
    pub unit: String,
    pub old: Cell,
    pub new: Cell,
}

/// A cell as written in the file: the number with its decimals, the symbol, or empty.
pub fn raw(c: Cell) -> String {
    match c {
        Cell::Number { value, decimals } => format!("{value:.*}", decimals as usize),
        Cell::Symbol(s) => s.code().to_string(),
        Cell::Empty => String::new(),
    }
}

/// A cell for a reader: `3,471`, `12.5%`, `c` (suppressed), "no figure".
fn shown(c: Cell, unit: &str) -> String {
    match c {
        Cell::Number { value, decimals } => super::format::with_unit(value, decimals, unit),
        Cell::Symbol(s) => s.code().to_string(),
        Cell::Empty => "no figure".into(),
    }
}

impl Change {
    /// Whether a number was revised to another number (otherwise a symbol or a gap changed).
    pub fn is_revision(&self) -> bool {
        matches!((self.old, self.new), (Cell::Number { .. }, Cell::Number { .. }))
    }
    /// `revised`, `now suppressed`, `now published`, …
    pub fn kind(&self) -> String {
        match (self.old, self.new) {
            (Cell::Number { .. }, Cell::Number { .. }) => "revised".into(),
            (Cell::Symbol(a), Cell::Symbol(b)) => format!("was {}, now {}", a.meaning(), b.meaning()),
            (_, Cell::Symbol(s)) => format!("now {}", s.meaning()),
            (Cell::Symbol(a), Cell::Number { .. }) => format!("was {}, now published", a.meaning()),
            (_, Cell::Number { .. }) => "now published".into(),
            (_, Cell::Empty) => "no longer given".into(),
        }
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut label = self.label.clone();
        if let Some(first) = label.get(0..1) {
            // "Episodes of need…" reads in a line as "episodes of need…" (not an acronym).
            if label.get(1..2).is_some_and(|s| s.chars().all(char::is_lowercase)) {
                label = first.to_lowercase() + &label[1..];
            }
        }
        write!(f, "{} {} ({})", self.period.canonical().label(), self.name, self.code)?;
        for v in &self.shown_filters {
            write!(f, ", {v}")?;
        }
        write!(f, ", {label}: {} → {} ({})", shown(self.old, &self.unit), shown(self.new, &self.unit), self.kind())
    }
}

/// A column of one release only.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub name: String,
    pub label: String,
    pub filter: bool,
}

/// A row of the previous release with no row in the current one.
#[derive(Clone, Debug, PartialEq)]
pub struct Gone {
    pub period: Period,
    pub code: String,
    pub name: String,
    pub shown_filters: Vec<String>,
}

/// Everything the current release changed from the previous one.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Revisions {
    /// The files as named in messages (`data/official/previous/b1_….csv`, `data/official/b1_….csv`).
    pub previous: String,
    pub current: String,
    pub new_periods: Vec<Period>,
    pub gone_periods: Vec<Period>,
    /// (code, name).
    pub new_areas: Vec<(String, String)>,
    pub gone_areas: Vec<(String, String)>,
    /// Numbers revised to other numbers.
    pub revised: Vec<Change>,
    /// A number became a symbol or no figure, or the reverse, or one symbol another.
    pub symbols: Vec<Change>,
    /// Rows gone, other than those of a gone period or area.
    pub gone_rows: Vec<Gone>,
    /// Rows new in the current release, other than those of a new period or area.
    pub new_rows: usize,
    /// Columns of the current release only, and of the previous one only.
    pub added: Vec<Column>,
    pub removed: Vec<Column>,
    /// (previous name, current name): the same figures under a new name.
    pub renamed: Vec<(String, String)>,
    /// (filter column, value) found in one release only.
    pub new_filter_values: Vec<(String, String)>,
    pub gone_filter_values: Vec<(String, String)>,
    /// What the column changes mean for `site.json` "measures" ([`Revisions::measures`]).
    pub mappings: Vec<String>,
    /// Lines printed per list by `Display` ([`SHOWN`]; `usize::MAX` for every one).
    pub limit: usize,
}

type Key = (Period, String, Vec<String>);

/// Per row of `t`: its key over `filters` (by name), keeping only rows whose value is
/// `Total` in a filter the other release does not have (when that filter has a `Total`).
fn keys(t: &Table, filters: &[String]) -> HashMap<Key, usize> {
    let idx: Vec<usize> = filters.iter().filter_map(|f| t.filter_index(f)).collect();
    let only: Vec<usize> = (0..t.filters.len())
        .filter(|i| !filters.contains(&t.filters[*i]))
        .filter(|&i| t.strings.find("Total").is_some_and(|id| t.filter_values[i].contains(&id)))
        .collect();
    let mut out = HashMap::with_capacity(t.rows());
    for r in 0..t.rows() {
        if only.iter().any(|&i| t.text(t.filter_values[i][r]) != "Total") {
            continue;
        }
        let k = (t.period[r], t.geography_of(r).code.clone(), idx.iter().map(|&i| t.text(t.filter_values[i][r]).to_string()).collect());
        out.entry(k).or_insert(r);
    }
    out
}

fn normalised(name: &str) -> String {
    name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

fn distinct_values(t: &Table, f: usize) -> BTreeSet<String> {
    let ids: BTreeSet<u32> = t.filter_values[f].iter().copied().collect();
    ids.into_iter().map(|id| t.text(id).to_string()).collect()
}

/// Compares `previous` (the release before) with `current`.
pub fn compare(previous: &Table, current: &Table) -> Revisions {
    let mut out = Revisions { previous: previous.file.clone(), current: current.file.clone(), limit: SHOWN, ..Revisions::default() };
    // Periods and areas.
    let periods = |t: &Table| t.period.iter().copied().collect::<HashSet<_>>();
    let (pp, cp) = (periods(previous), periods(current));
    let by_time = |s: HashSet<Period>| {
        let mut v: Vec<Period> = s.into_iter().collect();
        v.sort_by_key(|p| p.sort_key());
        v
    };
    out.new_periods = by_time(cp.difference(&pp).copied().collect());
    out.gone_periods = by_time(pp.difference(&cp).copied().collect());
    let areas = |t: &Table| t.geographies.iter().map(|g| (g.code.clone(), g.name.clone())).collect::<BTreeMap<_, _>>();
    let (pa, ca) = (areas(previous), areas(current));
    out.new_areas = ca.iter().filter(|(c, _)| !pa.contains_key(*c)).map(|(c, n)| (c.clone(), n.clone())).collect();
    out.gone_areas = pa.iter().filter(|(c, _)| !ca.contains_key(*c)).map(|(c, n)| (c.clone(), n.clone())).collect();
    // Columns.
    let label = |t: &Table, n: &str| t.meta.get(n).map_or_else(|| n.to_string(), |m| m.label.clone());
    let common_filters: Vec<String> = current.filters.iter().filter(|f| previous.filter_index(f).is_some()).cloned().collect();
    for f in &current.filters {
        if previous.filter_index(f).is_none() {
            out.added.push(Column { name: f.clone(), label: label(current, f), filter: true });
        }
    }
    for f in &previous.filters {
        if current.filter_index(f).is_none() {
            out.removed.push(Column { name: f.clone(), label: label(previous, f), filter: true });
        }
    }
    for f in &common_filters {
        let (a, b) = (distinct_values(previous, previous.filter_index(f).unwrap_or(0)), distinct_values(current, current.filter_index(f).unwrap_or(0)));
        out.new_filter_values.extend(b.difference(&a).map(|v| (f.clone(), v.clone())));
        out.gone_filter_values.extend(a.difference(&b).map(|v| (f.clone(), v.clone())));
    }
    // Rows matched by key.
    let (pk, ck) = (keys(previous, &common_filters), keys(current, &common_filters));
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (k, &c) in &ck {
        match pk.get(k) {
            Some(&p) => pairs.push((p, c)),
            None if !pp.contains(&k.0) || !pa.contains_key(&k.1) => {}
            None => out.new_rows += 1,
        }
    }
    pairs.sort_by_key(|&(_, c)| c);
    // Which filters tell rows apart, for the printed lines.
    let varying: Vec<usize> = (0..current.filters.len()).filter(|&i| distinct_values(current, i).len() > 1).collect();
    let shown_filters = |t: &Table, r: usize, names: &[String]| -> Vec<String> {
        names
            .iter()
            .filter_map(|n| t.filter_index(n))
            .map(|i| t.text(t.filter_values[i][r]).to_string())
            .filter(|v| v != "Total")
            .collect()
    };
    let varying_names: Vec<String> = varying.iter().map(|&i| current.filters[i].clone()).collect();
    let mut gone: Vec<(usize, Gone)> = pk
        .iter()
        .filter(|(k, _)| !ck.contains_key(*k) && cp.contains(&k.0) && ca.contains_key(&k.1))
        .map(|(k, &r)| (r, Gone { period: k.0, code: k.1.clone(), name: previous.geography_of(r).name.clone(), shown_filters: shown_filters(previous, r, &varying_names) }))
        .collect();
    gone.sort_by_key(|(r, _)| *r);
    out.gone_rows = gone.into_iter().map(|(_, g)| g).collect();
    // Indicators: the same name, else a renamed column (same letters and digits, or the
    // same figures on most matched rows).
    let mut matched: Vec<(usize, usize, bool)> = Vec::new();
    let mut removed: Vec<usize> = Vec::new();
    let mut added: Vec<usize> = Vec::new();
    for (ci, name) in current.indicators.iter().enumerate() {
        match previous.indicator_index(name) {
            Some(pi) => matched.push((pi, ci, false)),
            None => added.push(ci),
        }
    }
    for (pi, name) in previous.indicators.iter().enumerate() {
        if current.indicator_index(name).is_none() {
            removed.push(pi);
        }
    }
    let mut pair = |pi: usize, ci: usize, removed: &mut Vec<usize>, added: &mut Vec<usize>| {
        removed.retain(|&x| x != pi);
        added.retain(|&x| x != ci);
        matched.push((pi, ci, true));
    };
    for pi in removed.clone() {
        let n = normalised(&previous.indicators[pi]);
        let found = added.iter().copied().find(|&ci| normalised(&current.indicators[ci]) == n);
        if let Some(ci) = found {
            pair(pi, ci, &mut removed, &mut added);
        }
    }
    let agreement = |pi: usize, ci: usize| {
        let (mut both, mut same) = (0usize, 0usize);
        for &(p, c) in &pairs {
            let (a, b) = (previous.values[pi][p], current.values[ci][c]);
            if a.number().is_some() && b.number().is_some() {
                both += 1;
                same += usize::from(same_published(a, b));
            }
        }
        (both, same)
    };
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
    for &pi in &removed {
        for &ci in &added {
            let (both, same) = agreement(pi, ci);
            if both >= 10 && same * 10 >= both * 8 {
                candidates.push((same, pi, ci));
            }
        }
    }
    candidates.sort_by_key(|c| std::cmp::Reverse(c.0));
    for (_, pi, ci) in candidates {
        if removed.contains(&pi) && added.contains(&ci) {
            pair(pi, ci, &mut removed, &mut added);
        }
    }
    for &ci in &added {
        let n = &current.indicators[ci];
        out.added.push(Column { name: n.clone(), label: label(current, n), filter: false });
    }
    for &pi in &removed {
        let n = &previous.indicators[pi];
        out.removed.push(Column { name: n.clone(), label: label(previous, n), filter: false });
    }
    matched.sort_by_key(|m| m.1);
    for &(pi, ci, renamed) in &matched {
        let name = &current.indicators[ci];
        if renamed {
            out.renamed.push((previous.indicators[pi].clone(), name.clone()));
        }
        let meta = current.meta.get(name);
        for &(p, c) in &pairs {
            let (old, new) = (previous.values[pi][p], current.values[ci][c]);
            let changed = match (old, new) {
                (Cell::Number { .. }, Cell::Number { .. }) => !same_published(old, new),
                (a, b) => a != b,
            };
            if !changed {
                continue;
            }
            let g = current.geography_of(c);
            let change = Change {
                period: current.period[c],
                level: g.level.name().to_string(),
                code: g.code.clone(),
                name: g.name.clone(),
                filters: current.filters.iter().enumerate().map(|(i, f)| (f.clone(), current.text(current.filter_values[i][c]).to_string())).collect(),
                shown_filters: shown_filters(current, c, &varying_names),
                indicator: name.clone(),
                previous_indicator: renamed.then(|| previous.indicators[pi].clone()),
                label: meta.map_or_else(|| name.clone(), |m| m.label.clone()),
                unit: meta.map_or_else(String::new, |m| m.unit.clone()),
                old,
                new,
            };
            if change.is_revision() {
                out.revised.push(change);
            } else {
                out.symbols.push(change);
            }
        }
    }
    out
}

impl Revisions {
    /// Says, for every measure in `config` with a part on file `file_id`, whether the column
    /// changes leave its mapping working: a removed or renamed column the part lists, with
    /// or without the current name beside it.
    pub fn measures(&mut self, config: &super::config::SiteConfig, file_id: &str) {
        let current: BTreeSet<&str> = self.renamed.iter().map(|(_, n)| n.as_str()).collect();
        for m in &config.measures {
            for part in m.parts.iter().filter(|p| p.file == file_id) {
                let listed = |n: &str| part.indicator.iter().any(|i| i == n);
                for (old, new) in &self.renamed {
                    match (listed(old), listed(new)) {
                        (true, true) => self.mappings.push(format!("measure \"{}\" still maps: its part for \"{file_id}\" lists both \"{old}\" and \"{new}\"", m.id)),
                        (true, false) => self.mappings.push(format!(
                            "measure \"{}\" must change: its part for \"{file_id}\" lists \"indicator\": [{}], and this release renamed \"{old}\" to \"{new}\": add \"{new}\" to that list in site.json \"measures\"",
                            m.id,
                            part.indicator.iter().map(|i| format!("\"{i}\"")).collect::<Vec<_>>().join(", ")
                        )),
                        _ => {}
                    }
                }
                for col in self.removed.iter().filter(|c| !c.filter && listed(&c.name)) {
                    let still = part.indicator.iter().find(|i| current.contains(i.as_str()) || self.added.iter().any(|a| a.name == **i));
                    self.mappings.push(match still {
                        Some(other) => format!("measure \"{}\" still maps: its part for \"{file_id}\" lists \"{other}\" beside the removed \"{}\"", m.id, col.name),
                        None => format!("measure \"{}\" must change: its part for \"{file_id}\" lists \"{}\", which this release no longer has: name the column that replaces it in site.json \"measures\", or remove the part", m.id, col.name),
                    });
                }
            }
        }
    }

    /// Revised figures per indicator label, in the current file's column order.
    pub fn per_indicator(&self) -> Vec<(String, usize)> {
        let mut out: Vec<(String, usize)> = Vec::new();
        for c in &self.revised {
            match out.iter_mut().find(|(l, _)| *l == c.label) {
                Some(e) => e.1 += 1,
                None => out.push((c.label.clone(), 1)),
            }
        }
        out
    }

    /// Whether nothing changed but what a new period adds.
    pub fn is_empty(&self) -> bool {
        self.revised.is_empty() && self.symbols.is_empty() && self.gone_rows.is_empty() && self.gone_periods.is_empty() && self.gone_areas.is_empty() && self.added.is_empty() && self.removed.is_empty() && self.renamed.is_empty()
    }

    /// The one-line summary with counts.
    pub fn summary(&self) -> String {
        let n = |k: usize, one: &str, many: &str| format!("{} {}", super::format::number(k as f64, 0), if k == 1 { one } else { many });
        format!(
            "{}: revisions since {}: {}, {}, {}, {}, {} gone, {} gone, {} gone; columns: {} added, {} removed, {} renamed",
            self.current,
            self.previous.rsplit('/').next().unwrap_or(&self.previous),
            n(self.new_periods.len(), "new period", "new periods"),
            n(self.revised.len(), "figure revised", "figures revised"),
            n(self.symbols.len(), "symbol or gap changed", "symbols or gaps changed"),
            n(self.new_rows, "new row", "new rows"),
            n(self.gone_rows.len(), "row", "rows"),
            n(self.gone_periods.len(), "period", "periods"),
            n(self.gone_areas.len(), "area", "areas"),
            self.added.len(),
            self.removed.len(),
            self.renamed.len(),
        )
    }
}

impl fmt::Display for Revisions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = &self.current;
        let limit = if self.limit == 0 { SHOWN } else { self.limit };
        writeln!(f, "{file}: compared with the previous release {}", self.previous)?;
        let list = |f: &mut fmt::Formatter<'_>, what: &str, items: &[String]| -> fmt::Result {
            if items.is_empty() {
                return Ok(());
            }
            let mut text = items.iter().take(limit).cloned().collect::<Vec<_>>().join(", ");
            if items.len() > limit {
                text.push_str(&format!(", … ({} in all)", items.len()));
            }
            writeln!(f, "{file}: {what}: {text}")
        };
        let labels = |ps: &[Period]| ps.iter().map(|p| p.canonical().label()).collect::<Vec<_>>();
        let places = |a: &[(String, String)]| a.iter().map(|(c, n)| format!("{n} ({c})")).collect::<Vec<_>>();
        list(f, "new periods", &labels(&self.new_periods))?;
        list(f, "periods no longer in the file", &labels(&self.gone_periods))?;
        list(f, "new areas", &places(&self.new_areas))?;
        list(f, "areas no longer in the file", &places(&self.gone_areas))?;
        for (old, new) in &self.renamed {
            writeln!(f, "{file}: column \"{old}\" is now \"{new}\" (the same figures under a new name; compared as one)")?;
        }
        for c in &self.removed {
            let kind = if c.filter { "filter column" } else { "column" };
            writeln!(f, "{file}: {kind} \"{}\" removed: the previous release had it, this one does not (its figures stay only in the previous release)", c.name)?;
        }
        for c in &self.added {
            let kind = if c.filter { "filter column" } else { "column" };
            writeln!(f, "{file}: {kind} \"{}\" ({}) added: the previous release did not have it", c.name, c.label)?;
        }
        let values = |v: &[(String, String)]| v.iter().map(|(c, v)| format!("{c} \"{v}\"")).collect::<Vec<_>>();
        list(f, "filter values new in this release", &values(&self.new_filter_values))?;
        list(f, "filter values no longer used", &values(&self.gone_filter_values))?;
        for m in &self.mappings {
            writeln!(f, "{file}: {m}")?;
        }
        let per = self.per_indicator();
        if !per.is_empty() {
            let text = per.iter().map(|(l, n)| format!("{l} {}", super::format::number(*n as f64, 0))).collect::<Vec<_>>().join("; ");
            writeln!(f, "{file}: figures revised per indicator: {text}")?;
        }
        let changes = |f: &mut fmt::Formatter<'_>, items: &[Change], what: &str| -> fmt::Result {
            for c in items.iter().take(limit) {
                writeln!(f, "{file}: {c}")?;
            }
            if items.len() > limit {
                writeln!(f, "{file}: … and {} more {what} (check --all prints every one)", super::format::number((items.len() - limit) as f64, 0))?;
            }
            Ok(())
        };
        changes(f, &self.revised, "revised figures")?;
        changes(f, &self.symbols, "symbols or gaps changed")?;
        for g in self.gone_rows.iter().take(limit) {
            let filters: String = g.shown_filters.iter().map(|v| format!(", {v}")).collect();
            writeln!(f, "{file}: {} {} ({}){filters}: row no longer in the file", g.period.canonical().label(), g.name, g.code)?;
        }
        if self.gone_rows.len() > limit {
            writeln!(f, "{file}: … and {} more rows no longer in the file", self.gone_rows.len() - limit)?;
        }
        write!(f, "{}", self.summary())
    }
}

/// Columns of `revisions.csv` (see docs/data-format.md).
pub const CSV_HEADER: &str = "time_period,time_identifier,geographic_level,geography_code,geography_name,file_id,indicator,filters,previous_value,current_value,previous_file,current_file";

fn quote(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One row of `revisions.csv`: one cell of the current release that differs from the
/// previous release's.
#[derive(Clone, Debug, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct RevisionRow {
    /// `time_period` as written (`2024`), with its `time_identifier`.
    pub time_period: String,
    pub time_identifier: String,
    pub level: String,
    pub code: String,
    pub name: String,
    pub file_id: String,
    pub indicator: String,
    /// (filter column, value), every filter of the file.
    pub filters: Vec<(String, String)>,
    /// The cells as written: a number with its decimals, a symbol, or empty.
    pub previous: String,
    pub current: String,
    /// File names (without folders).
    pub previous_file: String,
    pub current_file: String,
}

/// The rows of `revisions.csv` for one compared file (revised figures and changed symbols).
pub fn rows(file_id: &str, r: &Revisions) -> Vec<RevisionRow> {
    let base = |p: &str| p.rsplit('/').next().unwrap_or(p).to_string();
    r.revised
        .iter()
        .chain(&r.symbols)
        .map(|c| RevisionRow {
            time_period: c.period.code(),
            time_identifier: c.period.identifier.name(),
            level: c.level.clone(),
            code: c.code.clone(),
            name: c.name.clone(),
            file_id: file_id.to_string(),
            indicator: c.indicator.clone(),
            filters: c.filters.clone(),
            previous: raw(c.old),
            current: raw(c.new),
            previous_file: base(&r.previous),
            current_file: base(&r.current),
        })
        .collect()
}

/// `revisions.csv`: the header and one line per row. Filters are written
/// `column=value`, several joined by `; `.
pub fn csv(rows: &[&RevisionRow]) -> String {
    let mut out = String::from(CSV_HEADER);
    out.push('\n');
    for r in rows {
        let filters = r.filters.iter().map(|(c, v)| format!("{c}={v}")).collect::<Vec<_>>().join("; ");
        let fields = [&r.time_period, &r.time_identifier, &r.level, &r.code, &r.name, &r.file_id, &r.indicator, &filters, &r.previous, &r.current, &r.previous_file, &r.current_file];
        out.push_str(&fields.iter().map(|f| quote(f)).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    out
}

/// Reads `revisions.csv` (or a slice of it) back; lines it cannot read are skipped, and
/// an empty or absent file is no revisions.
pub fn parse_csv(text: &str) -> Vec<RevisionRow> {
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let Some(header) = lines.next() else { return Vec::new() };
    let names = super::slice::fields(header);
    let col = |n: &str| names.iter().position(|h| h == n);
    let cols: Vec<Option<usize>> = CSV_HEADER.split(',').map(col).collect();
    let mut out = Vec::new();
    for line in lines {
        let f = super::slice::fields(line);
        if f.is_empty() {
            continue;
        }
        let get = |i: usize| cols[i].and_then(|c| f.get(c)).cloned().unwrap_or_default();
        let filters = get(7)
            .split("; ")
            .filter_map(|p| p.split_once('='))
            .map(|(c, v)| (c.to_string(), v.to_string()))
            .collect();
        out.push(RevisionRow {
            time_period: get(0),
            time_identifier: get(1),
            level: get(2),
            code: get(3),
            name: get(4),
            file_id: get(5),
            indicator: get(6),
            filters,
            previous: get(8),
            current: get(9),
            previous_file: get(10),
            current_file: get(11),
        });
    }
    out
}

impl RevisionRow {
    /// Whether the row is a figure of `file`'s `indicator` for `code` with the chart's
    /// fixed filter values (filters the chart does not fix must be `Total`, or the file's
    /// only value, which the chart's row then has too).
    pub fn matches(&self, file: &str, indicator: &str, code: &str, fixed: &[(String, String)]) -> bool {
        self.file_id == file
            && self.indicator == indicator
            && self.code == code
            && fixed.iter().all(|(c, v)| self.filters.iter().any(|(fc, fv)| fc == c && fv == v))
            && self.filters.iter().all(|(c, v)| v == "Total" || fixed.iter().any(|(fc, _)| fc == c))
    }

    /// The period's label (`2023-24` for DfE's reporting year 2024), as the charts label it.
    pub fn period_label(&self) -> String {
        let id = super::period::TimeIdentifier::parse(&self.time_identifier);
        id.and_then(|id| Period::parse(&self.time_period, id)).map_or_else(|| self.time_period.clone(), |p| p.canonical().label())
    }
}

/// A chart's note on its revised figures for one place: "Revised in the 2025 release:
/// 2023-24 3,455 → 3,471; … (previous release: b1_children_in_need_2013_to_2024.csv)".
/// `rows` are that place's matching rows; `unit` the indicator's; `name` the place, when
/// the chart draws several. At most [`NOTE_PERIODS`] periods are listed.
pub fn note(rows: &[&RevisionRow], unit: &str, name: Option<&str>) -> Option<String> {
    let first = rows.first()?;
    let value = |t: &str| match Cell::parse(t) {
        Ok(c @ Cell::Number { .. }) => shown(c, unit),
        Ok(Cell::Symbol(s)) => s.code().to_string(),
        _ => "no figure".into(),
    };
    let mut parts: Vec<String> = rows.iter().take(NOTE_PERIODS).map(|r| format!("{} {} → {}", r.period_label(), value(&r.previous), value(&r.current))).collect();
    if rows.len() > NOTE_PERIODS {
        parts.push(format!("and {} more", rows.len() - NOTE_PERIODS));
    }
    let release = release_year(&first.current_file).map_or_else(|| "the current release".to_string(), |y| format!("the {y} release"));
    let who = name.map_or_else(String::new, |n| format!("{n}: "));
    Some(format!("{who}Revised in {release}: {} (previous release: {}).", parts.join("; "), first.previous_file))
}

/// A chart part whose figures may have been revised: (file id, indicator, fixed filter
/// values, unit).
pub type Part<'a> = (&'a str, &'a str, &'a [(String, String)], &'a str);

/// The notes a trend chart adds for its revised figures: one per place drawn (`series`:
/// code and name, the chosen area first) that has revised figures in one of `parts`; the
/// place is named when the chart draws more than one.
pub fn chart_notes(rows: &[RevisionRow], parts: &[Part], series: &[(&str, &str)]) -> Vec<String> {
    let mut out = Vec::new();
    for (code, name) in series {
        for (file, indicator, fixed, unit) in parts {
            let mine: Vec<&RevisionRow> = rows.iter().filter(|r| r.matches(file, indicator, code, fixed)).collect();
            if let Some(n) = note(&mine, unit, (series.len() > 1).then_some(*name)) {
                out.push(n);
            }
        }
    }
    out
}

/// `bytes` when they are a revisions file (a host may answer a missing file with a page).
pub fn if_revisions(bytes: Vec<u8>) -> Vec<u8> {
    if bytes.strip_prefix(b"\xef\xbb\xbf".as_slice()).unwrap_or(&bytes).starts_with(CSV_HEADER.as_bytes()) { bytes } else { Vec::new() }
}

/// Periods a chart's revision note lists for one place.
pub const NOTE_PERIODS: usize = 6;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn release_keys_drop_the_year_range() {
        assert_eq!(release_key("b1_children_in_need_2013_to_2024.csv"), "b1_children_in_need");
        assert_eq!(release_key("official/previous/b1_children_in_need_2013_to_2025.csv"), "b1_children_in_need");
        assert_eq!(release_key("la_cla_swcount.csv"), "la_cla_swcount");
        assert_eq!(release_year("csww_indicators_2017_to_2025.csv"), Some(2025));
        assert_eq!(release_year("la_cla_swcount.csv"), None);
    }

    #[test]
    fn csv_rows_read_back() {
        let row = RevisionRow {
            time_period: "2024".into(),
            time_identifier: "Reporting year".into(),
            level: "Local authority".into(),
            code: "E06000058".into(),
            name: "Bournemouth, Christchurch and Poole".into(),
            file_id: "dfe-cin".into(),
            indicator: "At31_episodes".into(),
            filters: vec![("category".into(), "Children in Need".into())],
            previous: "3455".into(),
            current: "c".into(),
            previous_file: "b1_2013_to_2024.csv".into(),
            current_file: "b1_2013_to_2025.csv".into(),
        };
        let text = csv(&[&row]);
        assert_eq!(parse_csv(&text), vec![row.clone()]);
        assert_eq!(row.period_label(), "2023-24");
        assert!(row.matches("dfe-cin", "At31_episodes", "E06000058", &[("category".into(), "Children in Need".into())]));
        assert!(!row.matches("dfe-cin", "At31_episodes", "E06000058", &[]), "a filter the chart does not fix must be Total");
        assert_eq!(note(&[&row], "", None).unwrap(), "Revised in the 2025 release: 2023-24 3,455 → c (previous release: b1_2013_to_2024.csv).");
        assert!(parse_csv("").is_empty());
    }
}
