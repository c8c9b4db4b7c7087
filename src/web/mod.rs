//! The thin Yew layer: fetching, components and page structure. All data work is in
//! [`crate::core`]; components only lay out what the core produced. The same components
//! are rendered natively by the build ([`prerender`]) and hydrated in the browser ([`start`]).

pub mod app;
pub mod components;
pub mod download;
pub mod embed;
pub mod fetch;
pub mod light;
pub mod pages;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
pub mod progress;
pub mod route;
pub mod site;

/// The file beside a prerendered embed holding its model ([`pages::embed::EmbedModel`]), in
/// postcard's compact binary form: written by the build ([`prerender`]), read by the light
/// program ([`light`]), both from this crate, so the two cannot disagree on its layout.
pub const MODEL: &str = "model.bin";

/// What a page holds when the program starts: where it sits (read from its metas into
/// [`route::links`]), the view it was drawn for (`<meta name="dashboard-view">`, prerendered
/// pages only) and the fingerprint of the data it was drawn from.
#[cfg(target_arch = "wasm32")]
struct Boot {
    root: web_sys::Element,
    rendered: Option<crate::core::view::View>,
    data: Option<String>,
}

/// Reads the page's metas; `None` when there is nothing to start, or when an old address
/// (`#/looked-after?area=…`) is being replaced by its page's.
#[cfg(target_arch = "wasm32")]
fn boot() -> Option<Boot> {
    let window = web_sys::window()?;
    let document = window.document()?;
    let meta = |name: &str| document.query_selector(&format!("meta[name=\"{name}\"]")).ok().flatten().and_then(|m| m.get_attribute("content"));
    let areas = meta("dashboard-areas").map(|s| s.split_whitespace().map(str::to_string).collect()).unwrap_or_default();
    route::set_links(route::Links { root: meta("dashboard-root").unwrap_or_default(), areas });
    let hash = window.location().hash().unwrap_or_default();
    if hash.starts_with("#/") {
        let _ = window.location().replace(&route::href(&crate::core::view::View::parse(&hash)));
        return None;
    }
    let root = document.get_element_by_id("app")?;
    let rendered = meta("dashboard-view").map(|u| {
        let (path, query) = u.split_once('?').unwrap_or((u.as_str(), ""));
        crate::core::view::View::from_url(path, query)
    });
    Some(Boot { root, rendered, data: meta("dashboard-data") })
}

/// Starts the dashboard on `<div id="app">`. A page the build prerendered names the view it
/// holds (`<meta name="dashboard-view">`): the site is loaded for that view and the page is
/// hydrated, so what is drawn is kept and gains its controls; then the options the address
/// adds are applied. A page asked for another area (`?area=`) is drawn afresh in the
/// browser. An old address (`#/looked-after?area=…`) is replaced by its page's.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    use std::rc::Rc;
    let Some(Boot { root, rendered, data }) = boot() else { return };
    let now = route::current();
    let fresh = |root: web_sys::Element, view: crate::core::view::View| {
        root.set_inner_html("");
        yew::Renderer::<app::App>::with_root_and_props(root, app::Props { site: None, view }).render();
    };
    // A page the build drew is kept when the address asks for the same area (any area, on
    // the pages every area shares).
    let shared = |v: &crate::core::view::View| matches!(v.page, crate::core::view::Page::Data | crate::core::view::Page::Accessibility);
    match rendered {
        Some(view) if view.area == now.area || shared(&view) => {
            yew::platform::spawn_local(async move {
                match site::load(view.area.clone()).await {
                    // The data are those the page was drawn from: keep what is drawn.
                    Ok(site) if data.as_deref() == Some(format!("{:016x}", site.fingerprint).as_str()) => {
                        let props = app::Props { site: Some(Rc::new(components::SiteRef(site))), view };
                        yew::Renderer::<app::App>::with_root_and_props(root, props).hydrate();
                    }
                    // The data changed since the page was built (a file replaced on the host):
                    // draw it again from what was loaded.
                    Ok(site) => {
                        root.set_inner_html("");
                        let props = app::Props { site: Some(Rc::new(components::SiteRef(site))), view: now };
                        yew::Renderer::<app::App>::with_root_and_props(root, props).render();
                    }
                    Err(_) => fresh(root, now),
                }
            });
        }
        _ => fresh(root, now),
    }
}
