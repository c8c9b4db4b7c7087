//! The view lives in the URL fragment; this module reads and writes it.

use crate::core::view::View;

/// The view in the current location's fragment.
pub fn current() -> View {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    View::parse(&hash)
}

/// Shows `view`: sets the fragment, which adds a history entry and fires `hashchange`.
pub fn go(view: &View) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(&view.to_hash());
    }
}

/// Href for a link to `view` (a fragment, so it works from any sub-path).
pub fn href(view: &View) -> String {
    view.to_hash()
}
