//! Addresses: the view lives in the page's path and query (see [`View::to_url`]). Links are
//! relative to the page they are on, so `dist/` works from any sub-path of any host: the
//! page knows how far it is below the site's root (`<meta name="dashboard-root">`, written
//! by the build), and which areas have pages of their own.

use std::cell::RefCell;

use crate::core::view::View;

/// Where the page being drawn sits, for the links it holds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Links {
    /// From this page to the site's root: `""`, `"../"`, `"../../"`…
    pub root: String,
    /// Areas the build wrote pages for (the partnerships' areas).
    pub areas: Vec<String>,
}

thread_local! {
    static LINKS: RefCell<Links> = RefCell::default();
}

/// Sets where the page being drawn sits (once in the browser; per page when prerendering).
pub fn set_links(links: Links) {
    LINKS.with(|l| *l.borrow_mut() = links);
}

/// Where the page being drawn sits.
pub fn links() -> Links {
    LINKS.with(|l| l.borrow().clone())
}

/// The folder (relative to the site's root, `looked-after/E06000047/`) of `view`'s page.
pub fn page_path(view: &View) -> String {
    let url = url(view);
    url.split(['?', '#']).next().unwrap_or_default().to_string()
}

/// The address of `view` relative to the site's root, for the prerendered page's
/// `<meta name="dashboard-view">` and for comparing views.
pub fn url(view: &View) -> String {
    use crate::core::view::Page;
    let areas = links().areas;
    // Every chart of a theme at once is drawn in the browser (only the default one has a
    // folder of its own).
    let all = matches!(&view.page, Page::Indicator(_, s) if s == crate::web::pages::indicator::ALL);
    // A page the light programs draw holds its default view only: other views of it are
    // drawn by the full app, at the page for any view.
    let light = matches!(view.page, Page::Embed(_) | Page::Indicator(..) | Page::Home | Page::Theme(_));
    let own = !light || crate::web::light::drawable(view);
    view.to_url(|a| !all && own && areas.iter().any(|x| x == a))
}

/// Href, from the page being drawn, of the page that draws any view in the browser with the
/// full app (`view/?page=…&area=…`), for `view` (of the first area when it names none).
pub fn shell_href(view: &View) -> String {
    let links = links();
    let mut v = view.clone();
    if v.area.is_none() {
        v.area = links.areas.first().cloned();
    }
    format!("{}{}", links.root, v.to_url(|_| false))
}

/// Href for a link to `view` from the page being drawn.
pub fn href(view: &View) -> String {
    let url = url(view);
    let root = links().root;
    match url.is_empty() && root.is_empty() {
        // The root page itself: "./" rather than an empty href (which means "this page").
        true => "./".into(),
        false => format!("{root}{url}"),
    }
}



#[cfg(target_arch = "wasm32")]
mod browser {
    use super::*;
    use crate::core::view::Page;

    /// The page's path below the site's root and its query, from the location.
    fn location_parts() -> (String, String) {
        let Some(w) = web_sys::window() else { return Default::default() };
        let location = w.location();
        let path = location.pathname().unwrap_or_default();
        let query = location.search().unwrap_or_default();
        // The last `depth` folders of the path are the page's own.
        let depth = links().root.matches("../").count();
        let mut parts: Vec<&str> = path.trim_end_matches("index.html").trim_end_matches('/').split('/').collect();
        let own: Vec<&str> = parts.split_off(parts.len().saturating_sub(depth));
        (own.join("/"), query.trim_start_matches('?').to_string())
    }

    /// The view in the current location.
    pub fn current() -> View {
        let (path, query) = location_parts();
        View::from_url(&path, &query)
    }

    /// Shows `view`. On the same page (only options differ), adds a history entry with its
    /// query and tells the app at once with a `popstate` event of our own; in an embed it
    /// replaces the entry instead, so the host page's Back button leaves the host page. On
    /// another page (another area or page), goes there.
    pub fn go(view: &View) {
        let Some(w) = web_sys::window() else { return };
        let target = href(view);
        let here = current();
        // The page this is: its own folder, or the page for any view (whatever view it holds).
        let shell = format!("{}/", crate::core::view::VIEW_PAGE);
        let this_page = match location_parts().0 == crate::core::view::VIEW_PAGE {
            true => shell.clone(),
            false => page_path(&here),
        };
        if page_path(view) != this_page {
            let _ = match matches!(view.page, Page::Embed(_)) {
                true => w.location().replace(&target),
                false => w.location().assign(&target),
            };
            return;
        }
        if url(view) == url(&here) {
            return;
        }
        let embedded = matches!(view.page, Page::Embed(_));
        let changed = w
            .history()
            .and_then(|h| match embedded {
                true => h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&target)),
                false => h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&target)),
            })
            .is_ok();
        match web_sys::Event::new("popstate") {
            Ok(event) if changed => {
                let _ = w.dispatch_event(&event);
            }
            _ => {
                let _ = w.location().assign(&target);
            }
        }
    }

    /// `relative` (an href from this page) as an absolute address.
    pub fn absolute(relative: &str) -> String {
        let base = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
        web_sys::Url::new_with_base(relative, &base).map(|u| u.href()).unwrap_or_else(|_| relative.to_string())
    }

    /// The address of the page being read.
    pub fn location_href() -> String {
        web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default()
    }
}

#[cfg(target_arch = "wasm32")]
pub use browser::{absolute, current, go, location_href};

/// Natively (prerendering) addresses stay relative: the host is not known until the page
/// is read, when the browser makes them absolute.
#[cfg(not(target_arch = "wasm32"))]
pub fn absolute(relative: &str) -> String {
    relative.to_string()
}

/// Natively (prerendering) there is no address yet.
#[cfg(not(target_arch = "wasm32"))]
pub fn location_href() -> String {
    String::new()
}

/// Natively (prerendering) nothing navigates.
#[cfg(not(target_arch = "wasm32"))]
pub fn go(_view: &View) {}

/// Natively (prerendering) the view is the page's own.
#[cfg(not(target_arch = "wasm32"))]
pub fn current() -> View {
    View::default()
}
