//! A parsed, validated data file held column by column, with repeated strings interned.

use std::collections::HashMap;

use super::cell::Cell;
use super::geography::Geography;
use super::meta::{ColumnMeta, Meta};
use super::period::{Date, Period};

/// Interned strings; id 0 is always the empty string.
#[derive(Clone, Debug)]
pub struct Strings {
    list: Vec<String>,
    index: HashMap<String, u32>,
}

impl Default for Strings {
    fn default() -> Self {
        let mut s = Strings { list: Vec::new(), index: HashMap::new() };
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
    /// Line in the file of each row (for messages and provenance).
    pub line: Vec<u64>,
    pub conflicts: Vec<Conflict>,
}

impl Table {
    pub fn rows(&self) -> usize {
        self.period.len()
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
