//! The view lives in the URL fragment; this module reads and writes it.

use crate::core::view::View;

/// The view in the current location's fragment.
pub fn current() -> View {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    View::parse(&hash)
}

/// Shows `view`: adds a history entry with its fragment (replaces it in an embed) and tells the app at once with a
/// `hashchange` event of our own. Setting `location.hash` would fire the browser's event
/// only after the next frame: measured, that was most of the time from a click on a
/// control to the new chart (scripts/bench.sh). Back and forward still fire the
/// browser's `hashchange`, as the entries differ only in their fragment.
pub fn go(view: &View) {
    let Some(w) = web_sys::window() else { return };
    let hash = view.to_hash();
    if w.location().hash().ok().as_deref() == Some(hash.as_str()) {
        return;
    }
    // An embedded chart changes its own entry only: the host page's Back button leaves
    // the host page instead of stepping through the chart's views.
    let embedded = matches!(view.page, crate::core::view::Page::Embed(_));
    let pushed = w
        .history()
        .and_then(|h| match embedded {
            true => h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&hash)),
            false => h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&hash)),
        })
        .is_ok();
    match web_sys::Event::new("hashchange") {
        Ok(event) if pushed => {
            let _ = w.dispatch_event(&event);
        }
        _ => {
            let _ = w.location().set_hash(&hash);
        }
    }
}

/// Href for a link to `view` (a fragment, so it works from any sub-path).
pub fn href(view: &View) -> String {
    view.to_hash()
}
