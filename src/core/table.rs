//! A parsed, validated data file held column by column, with repeated strings interned.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::cell::Cell;
use super::geography::Geography;
use super::meta::{ColumnMeta, Meta};
use super::period::{Date, Period};

/// A fast, non-cryptographic hasher (the "Fx" hash rustc uses) for the maps the parser
/// fills once per row. The default SipHash was a fifth of the time spent parsing a big
/// file (measured with `perf`); resistance to crafted collisions buys nothing here, as a
/// data file can only slow down its own loading.
#[derive(Clone, Copy, Debug, Default)]
pub struct FxHasher(u64);

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }
    #[inline]
    fn write_u8(&mut self, n: u8) {
        self.add(n.into());
    }
    #[inline]
    fn write_u16(&mut self, n: u16) {
        self.add(n.into());
    }
    #[inline]
    fn write_u32(&mut self, n: u32) {
        self.add(n.into());
    }
    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }
    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashMap` with [`FxHasher`].
pub type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Interned strings; id 0 is always the empty string.
#[derive(Clone, Debug)]
pub struct Strings {
    list: Vec<String>,
    index: FxHashMap<String, u32>,
}

impl Default for Strings {
    fn default() -> Self {
        let mut s = Strings { list: Vec::new(), index: FxHashMap::default() };
        s.intern("");
        s
    }
}

impl Strings {
    pub fn intern(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.index.get(s) {
            return id;
        }
        let id = self.list.len() as u32;
        self.list.push(s.to_string());
        self.index.insert(s.to_string(), id);
        id
    }
    pub fn get(&self, id: u32) -> &str {
        &self.list[id as usize]
    }
    pub fn find(&self, s: &str) -> Option<u32> {
        self.index.get(s).copied()
    }
    /// Number of distinct strings (ids are `0..len()`).
    pub fn len(&self) -> usize {
        self.list.len()
    }
    /// Always false: the empty string is interned first.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

/// Two rows that state the same observation differently, both kept.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub id: String,
    pub indicator: String,
    pub rows: [usize; 2],
}

/// One data file after parsing and validation. Row `r` is described by `period[r]`,
/// `geography[r]`, `filter_values[f][r]`, `values[i][r]` and the provenance columns.
#[derive(Clone, Debug, Default)]
pub struct Table {
    /// Name used in messages, e.g. `data/cla-rate.csv`.
    pub file: String,
    pub meta: Meta,
    /// Filter column names, in header order.
    pub filters: Vec<String>,
    /// Indicator column names, in header order.
    pub indicators: Vec<String>,
    pub strings: Strings,
    pub geographies: Vec<Geography>,
    pub period: Vec<Period>,
    pub geography: Vec<u32>,
    pub filter_values: Vec<Vec<u32>>,
    pub values: Vec<Vec<Cell>>,
    pub source: Vec<u32>,
    pub source_location: Vec<u32>,
    pub snapshot: Vec<Option<Date>>,
    pub conflict: Vec<u32>,
    pub note: Vec<u32>,
    /// Per row: the `basis` column (empty when the file has none: every row is `Period`).
    pub basis: Vec<crate::core::period::Basis>,
    /// Per row: the `coverage` column's interned text (empty when the file has none).
    pub coverage: Vec<u32>,
    /// Line in the file of each row (for messages and provenance).
    pub line: Vec<u64>,
    pub conflicts: Vec<Conflict>,
    /// Per geography (index into `geographies`): its rows in file order, built by
    /// [`Table::index`] when parsing finishes, so drawing a place's chart reads only that
    /// place's rows instead of scanning the whole table.
    pub geography_rows: Vec<Vec<u32>>,
}

impl Table {
    pub fn rows(&self) -> usize {
        self.period.len()
    }
    /// Makes room for `more` rows in every per-row column (one allocation each, instead
    /// of growth by doubling, which can leave half of a big table's memory unused).
    pub fn reserve(&mut self, more: usize) {
        for col in self.values.iter_mut() {
            col.reserve_exact(more);
        }
        for col in self.filter_values.iter_mut() {
            col.reserve_exact(more);
        }
        self.period.reserve_exact(more);
        self.geography.reserve_exact(more);
        self.source.reserve_exact(more);
        self.source_location.reserve_exact(more);
        self.snapshot.reserve_exact(more);
        self.conflict.reserve_exact(more);
        self.note.reserve_exact(more);
        if !self.basis.is_empty() || !self.coverage.is_empty() {
            self.basis.reserve_exact(more);
            self.coverage.reserve_exact(more);
        }
        self.line.reserve_exact(more);
    }
    /// Builds [`Table::geography_rows`].
    pub fn index(&mut self) {
        let mut rows = vec![Vec::new(); self.geographies.len()];
        for (r, &g) in self.geography.iter().enumerate() {
            rows[g as usize].push(r as u32);
        }
        for list in &mut rows {
            list.shrink_to_fit();
        }
        self.geography_rows = rows;
    }
    /// Rows describing geography `g`, in file order (from the index when it is built).
    pub fn rows_of(&self, g: u32) -> impl Iterator<Item = usize> + '_ {
        let indexed = (self.geography_rows.len() == self.geographies.len()).then(|| self.geography_rows.get(g as usize)).flatten();
        let scan = indexed.is_none().then(|| (0..self.rows()).filter(move |&r| self.geography[r] == g));
        indexed.into_iter().flatten().map(|&r| r as usize).chain(scan.into_iter().flatten())
    }
    /// Gives back capacity beyond the rows held.
    pub fn shrink_to_fit(&mut self) {
        for col in self.values.iter_mut() {
            col.shrink_to_fit();
        }
        for col in self.filter_values.iter_mut() {
            col.shrink_to_fit();
        }
        self.period.shrink_to_fit();
        self.geography.shrink_to_fit();
        self.source.shrink_to_fit();
        self.source_location.shrink_to_fit();
        self.snapshot.shrink_to_fit();
        self.conflict.shrink_to_fit();
        self.note.shrink_to_fit();
        self.basis.shrink_to_fit();
        self.coverage.shrink_to_fit();
        self.line.shrink_to_fit();
    }
    /// Row `r`'s basis (`Period` when the file has no `basis` column).
    pub fn basis_of(&self, r: usize) -> crate::core::period::Basis {
        self.basis.get(r).copied().unwrap_or_default()
    }
    /// Row `r`'s `coverage` text ("" when the file has none).
    pub fn coverage_of(&self, r: usize) -> &str {
        self.coverage.get(r).map_or("", |&id| self.text(id))
    }
    pub fn indicator_index(&self, name: &str) -> Option<usize> {
        self.indicators.iter().position(|n| n == name)
    }
    pub fn filter_index(&self, name: &str) -> Option<usize> {
        self.filters.iter().position(|n| n == name)
    }
    pub fn indicator_meta(&self, name: &str) -> Option<&ColumnMeta> {
        self.meta.get(name)
    }
    pub fn geography_of(&self, row: usize) -> &Geography {
        &self.geographies[self.geography[row] as usize]
    }
    pub fn text(&self, id: u32) -> &str {
        self.strings.get(id)
    }
    /// Index of a geography by code, if any row describes it.
    pub fn geography_index(&self, code: &str) -> Option<u32> {
        self.geographies.iter().position(|g| g.code == code).map(|i| i as u32)
    }
}
