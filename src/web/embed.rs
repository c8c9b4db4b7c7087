//! The embedded chart tells its host page how tall it is, in the formats hosts already
//! understand: pym.js (`pymxPYMx<id>xPYMxheightxPYMx<px>`) and AMP
//! (`{sentinel: "amp", type: "embed-size", height}`). It listens to no messages.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Posts the document's current height to the parent window, if framed and if it
/// differs from `last` (updated).
fn post_if_changed(child_id: &str, last: &std::cell::Cell<i32>) {
    let height = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .map_or(0, |root| (root.get_bounding_client_rect().height().ceil() as i32).max(1));
    if height != last.get() {
        last.set(height);
        post_height(child_id);
    }
}

/// Posts the document's current height to the parent window, if framed.
pub fn post_height(child_id: &str) {
    let Some(window) = web_sys::window() else { return };
    let Ok(Some(parent)) = window.parent() else { return };
    if parent == window {
        return;
    }
    let Some(root) = window.document().and_then(|d| d.document_element()) else { return };
    // The rendered height of the page's content (not of the iframe's viewport).
    let height = (root.get_bounding_client_rect().height().ceil() as i32).max(1);
    // Heights are not secret and the host's origin is unknown: "*" is the target.
    let _ = parent.post_message(&JsValue::from_str(&format!("pymxPYMx{child_id}xPYMxheightxPYMx{height}")), "*");
    let amp = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&amp, &"sentinel".into(), &"amp".into());
    let _ = js_sys::Reflect::set(&amp, &"type".into(), &"embed-size".into());
    let _ = js_sys::Reflect::set(&amp, &"height".into(), &JsValue::from_f64(height as f64));
    let _ = parent.post_message(&amp, "*");
}

/// Watches the page's height and posts it whenever it changes, until dropped.
pub struct HeightWatcher {
    observer: web_sys::ResizeObserver,
    interval: i32,
    _callback: Closure<dyn FnMut()>,
}

impl Drop for HeightWatcher {
    fn drop(&mut self) {
        self.observer.disconnect();
        if let Some(w) = web_sys::window() {
            w.clear_interval_with_handle(self.interval);
        }
    }
}

/// Posts the height now and whenever it changes: on resize (ResizeObserver), and every
/// half second as a fallback, because browsers pause resize observation in cross-origin
/// frames scrolled out of view.
pub fn watch_height(child_id: String) -> Option<HeightWatcher> {
    let window = web_sys::window()?;
    let document = window.document()?;
    let last = std::rc::Rc::new(std::cell::Cell::new(-1));
    let callback = Closure::<dyn FnMut()>::new(move || post_if_changed(&child_id, &last));
    let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    observer.observe(&document.document_element()?);
    let interval = window.set_interval_with_callback_and_timeout_and_arguments_0(callback.as_ref().unchecked_ref(), 500).ok()?;
    Some(HeightWatcher { observer, interval, _callback: callback })
}
