//! The thin Yew layer: fetching, components and page structure. All data work is in
//! [`crate::core`]; components only lay out what the core produced.

pub mod app;
pub mod components;
pub mod download;
pub mod embed;
pub mod fetch;
pub mod pages;
pub mod progress;
pub mod route;
pub mod site;

/// Mounts the dashboard on `<main id="app">` (or the body if absent).
pub fn start() {
    let document = web_sys::window().and_then(|w| w.document());
    match document.and_then(|d| d.get_element_by_id("app")) {
        Some(root) => {
            yew::Renderer::<app::App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<app::App>::new().render();
        }
    }
}
