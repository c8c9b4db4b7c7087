//! Shown while the data loads: a progress bar with bytes downloaded and rows read, e.g.
//! "112.4 MB of 228.5 MB, 492,113 rows".

use yew::prelude::*;

use crate::core::format;
use crate::web::progress::{self, Progress};

/// `12.3 MB` (decimal megabytes, as file managers show them).
fn mb(bytes: u64) -> String {
    format!("{} MB", format::number(bytes as f64 / 1e6, 1))
}

/// The progress in words: "x MB of y MB, n rows".
pub fn describe(p: &Progress) -> String {
    let rows = format!("{} rows", format::number(p.rows as f64, 0));
    if p.unknown || p.total < p.loaded || p.total == 0 {
        format!("{}, {rows}", mb(p.loaded))
    } else {
        format!("{} of {}, {rows}", mb(p.loaded), mb(p.total))
    }
}

#[function_component]
pub fn LoadProgress() -> Html {
    let state = use_state(progress::current);
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            progress::listen(Some(Callback::from(move |p| state.set(p))));
            || progress::listen(None)
        });
    }
    let p = &*state;
    let text = describe(p);
    // Indeterminate (no value) until a size is known.
    let known = !p.unknown && p.total > 0 && p.loaded <= p.total;
    html! {
        <div class="loading">
            <p role="status" id="load-status">{ "Loading data…" }</p>
            if known {
                <progress id="load-progress" max={p.total.to_string()} value={p.loaded.to_string()}
                    aria-labelledby="load-status" aria-valuetext={text.clone()} aria-describedby="load-detail"></progress>
            } else {
                <progress id="load-progress" aria-labelledby="load-status" aria-valuetext={text.clone()} aria-describedby="load-detail"></progress>
            }
            <p id="load-detail" class="load-detail">{ text }</p>
        </div>
    }
}
