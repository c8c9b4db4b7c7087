//! Children's safeguarding dashboard.
//!
//! `core` is pure Rust (data contract, parsing, validation, series, SVG charts) and is
//! tested natively; `web` is the thin Yew layer: in the browser it hydrates the pages, and
//! natively (`web::prerender`) the build step renders them to HTML with the same components.

pub mod core;

/// The build step: derived files written into `dist/` (native only).
#[cfg(not(target_arch = "wasm32"))]
pub mod build;

pub mod web;
