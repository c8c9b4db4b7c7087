//! Children's safeguarding dashboard.
//!
//! `core` is pure Rust (data contract, parsing, validation, series, SVG charts) and is
//! tested natively; `web` is the thin Yew layer, compiled only for `wasm32`.

pub mod core;

/// The build step: derived files written into `dist/` (native only).
#[cfg(not(target_arch = "wasm32"))]
pub mod build;

#[cfg(target_arch = "wasm32")]
pub mod web;
