//! The pure core: everything that turns CSV bytes into a chart, with no browser.
//!
//! Flow: bytes → [`parse::parse_meta`] / [`parse::parse_data`] → [`table::Table`]
//! → [`series::select`] → [`chart::line::render`] (SVG string) and
//! [`chart::table_rows`] (the accessible data table).

pub mod brand;
pub mod catalog;
pub mod cell;
pub mod chart;
pub mod compare;
pub mod config;
pub mod dataset;
pub mod error;
pub mod excerpt;
pub mod export;
pub mod format;
pub mod geography;
pub mod headline;
pub mod indicator;
pub mod infer;
pub mod measure;
pub mod meta;
pub mod newsite;
pub mod parse;
pub mod period;
pub mod ranks;
pub mod revisions;
pub mod scorecard;
pub mod series;
pub mod slice;
pub mod stats;
pub mod summary;
pub mod table;
pub mod view;

#[cfg(not(target_arch = "wasm32"))]
pub mod check;
