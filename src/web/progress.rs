//! How far loading has got: bytes downloaded and rows parsed over every data file, for
//! the progress bar shown while the site loads ([`crate::web::components::LoadProgress`]),
//! and yielding to the browser while parsing, so the page stays responsive and the bar
//! moves.

use std::cell::{Cell, RefCell};

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use yew::Callback;

/// Loading progress over all data files.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Progress {
    /// Bytes of data files downloaded (and parsed) so far.
    pub loaded: u64,
    /// Bytes of the data files whose size is known.
    pub total: u64,
    /// Whether some data file's size is not known (the total is then a lower bound).
    pub unknown: bool,
    /// Rows validated so far.
    pub rows: usize,
}

thread_local! {
    static PROGRESS: RefCell<Progress> = RefCell::new(Progress::default());
    static LISTENER: RefCell<Option<Callback<Progress>>> = const { RefCell::new(None) };
    static LAST_YIELD: Cell<f64> = const { Cell::new(0.0) };
}

/// Parse for at most this long before letting the browser run (render, handle input).
const SLICE_MS: f64 = 40.0;

/// The progress so far.
pub fn current() -> Progress {
    PROGRESS.with(|p| p.borrow().clone())
}

/// Changes the progress (not shown until [`publish`] or the next yield).
pub fn update(f: impl FnOnce(&mut Progress)) {
    PROGRESS.with(|p| f(&mut p.borrow_mut()));
}

/// Tells the listener, if any, the progress so far.
pub fn publish() {
    let listener = LISTENER.with(|l| l.borrow().clone());
    if let Some(l) = listener {
        l.emit(current());
    }
}

/// Sets the one listener (the progress bar); `None` removes it.
pub fn listen(callback: Option<Callback<Progress>>) {
    LISTENER.with(|l| *l.borrow_mut() = callback);
}

/// Adds a `performance.mark` (User Timing), e.g. `dashboard:data-ready`, for
/// `scripts/bench.sh` and the browser's performance panel.
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Marks the page as interactive: its controls and charts have their handlers from here
/// (`dashboard:interactive`, for scripts/bench.sh; `<html data-dashboard="ready">`, for
/// tests and scripts).
pub fn interactive() {
    mark("dashboard:interactive");
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-dashboard", "ready");
    }
}

/// Lets the browser run, so it can render and handle input: `scheduler.yield()` where the
/// browser has it (it resumes without delay), else a `setTimeout(0)` task (which browsers
/// delay to 4 ms once nested: measured, that made loading the 1,000,000-row file about
/// 10 % slower).
pub async fn yield_now() {
    let scheduler = web_sys::window().and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str("scheduler")).ok()).filter(|s| s.is_object());
    let yielded = scheduler
        .and_then(|s| {
            let f = js_sys::Reflect::get(&s, &JsValue::from_str("yield")).ok()?.dyn_into::<js_sys::Function>().ok()?;
            f.call0(&s).ok()?.dyn_into::<js_sys::Promise>().ok()
        })
        .unwrap_or_else(|| {
            js_sys::Promise::new(&mut |resolve, _| {
                let scheduled = web_sys::window().map(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0).is_ok());
                if scheduled != Some(true) {
                    let _ = resolve.call0(&JsValue::NULL);
                }
            })
        });
    let _ = JsFuture::from(yielded).await;
    LAST_YIELD.with(|t| t.set(js_sys::Date::now()));
}

/// Publishes the progress and yields if this task has run for [`SLICE_MS`] since the
/// last yield. Called between chunks: a downloaded chunk that is already buffered
/// resolves at once, so without this a fast download would parse in one long task.
pub async fn maybe_yield() {
    let now = js_sys::Date::now();
    if now - LAST_YIELD.with(Cell::get) >= SLICE_MS {
        publish();
        yield_now().await;
    }
}
