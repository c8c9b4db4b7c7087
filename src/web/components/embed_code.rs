//! "Embed this chart": copy-paste code for an iframe pointing at the chart's embed route,
//! with options to hide controls and fix the height.

use yew::prelude::*;

use crate::core::chart::text::escape_xml;
use crate::core::view::{Page, View};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub id: AttrValue,
    /// The chart's title, used as the iframe's title.
    pub title: AttrValue,
    /// The current view (area, comparators, range) to carry into the embed.
    pub view: View,
}


/// Height given to the iframe before its chart has said how tall it is, when nothing
/// better is known.
pub const DEFAULT_HEIGHT: u32 = 900;

/// The embed code for `view` (whose page is the embed route): `src` is the embed page's
/// address and `script` that of `embed.js`; `expected` is the height the embedded page is
/// expected to take, reserved so the host page does not jump as it loads.
pub fn code(src: &str, script: &str, view: &View, title: &str, expected: u32) -> String {
    let (height, fixed) = match view.height {
        Some(h) => (h, " data-fixed-height"),
        None => (expected, ""),
    };
    format!(
        "<iframe src=\"{}\" title=\"{}\" style=\"width:100%;height:{height}px;border:0\" loading=\"lazy\"{fixed}></iframe>\n<script src=\"{}\" async></script>",
        escape_xml(src),
        escape_xml(title),
        escape_xml(script)
    )
}

/// Measures, in this page, how tall the embed of chart `id` will be: the chart card without
/// what an embed leaves out (its comparisons and this embed code), its controls unless
/// hidden, and the embed's own link and padding.
fn expected_height(id: &str, controls: bool) -> Option<u32> {
    let document = web_sys::window()?.document()?;
    let card = document.get_element_by_id(id)?;
    let mut h = card.get_bounding_client_rect().height();
    for sel in [".compare-latest", ".embed-code"] {
        if let Ok(Some(el)) = card.query_selector(sel) {
            h -= el.get_bounding_client_rect().height() + 12.0;
        }
    }
    if controls {
        if let Ok(Some(el)) = document.query_selector(".controls") {
            h += el.get_bounding_client_rect().height() + 16.0;
        }
    }
    // The embed's heading is larger, then its link to the dashboard and the page's padding.
    h += 12.0 + 40.0 + 16.0;
    (h > 100.0).then(|| (h / 10.0).ceil() as u32 * 10)
}

/// Copies `text` to the clipboard (the asynchronous Clipboard API, where the page may).
fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let Ok(navigator) = js_sys::Reflect::get(&window, &"navigator".into()) else { return false };
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &"clipboard".into()) else { return false };
    let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into()) else { return false };
    let Ok(write) = wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(write) else { return false };
    write.call1(&clipboard, &text.into()).is_ok()
}

#[function_component]
pub fn EmbedCode(props: &Props) -> Html {
    let hide_controls = use_state(|| false);
    let fixed = use_state(|| None::<u32>);
    let expected = use_state(|| None::<(bool, u32)>);
    let copied = use_state(|| false);
    let mut view = props.view.with_page(Page::Embed(props.id.to_string()));
    view.tables.clear();
    view.hide_controls = *hide_controls;
    view.height = *fixed;
    let reserve = expected.filter(|(hidden, _)| *hidden == *hide_controls).map_or(DEFAULT_HEIGHT, |(_, h)| h);
    let src = crate::web::route::absolute(&crate::web::route::href(&view));
    let script = crate::web::route::absolute(&format!("{}embed.js", crate::web::route::links().root));
    let text = code(&src, &script, &view, &props.title, reserve);
    let id = &props.id;
    // Measured when opened, and again when the controls are hidden or shown.
    let measure = {
        let (expected, id, hidden) = (expected.clone(), id.to_string(), *hide_controls);
        move || {
            if let Some(h) = expected_height(&id, !hidden) {
                expected.set(Some((hidden, h)));
            }
        }
    };
    // Only while open: closed, the summary shares a row with the download buttons, so
    // taking its height away would under-count.
    let ontoggle = {
        let measure = measure.clone();
        Callback::from(move |e: Event| {
            if e.target_unchecked_into::<web_sys::HtmlDetailsElement>().open() {
                measure();
            }
        })
    };
    {
        let measure = measure.clone();
        let opened = expected.is_some();
        use_effect_with(*hide_controls, move |_| {
            if opened {
                measure();
            }
        });
    }
    // Copies what the text box shows.
    let on_copy = {
        let (copied, field) = (copied.clone(), format!("{id}-embed-text"));
        Callback::from(move |_: MouseEvent| {
            let shown = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&field))
                .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlTextAreaElement>(el).ok())
                .map(|t| t.value());
            copied.set(shown.is_some_and(|text| copy_text(&text)));
        })
    };
    let on_hide = {
        let hide_controls = hide_controls.clone();
        Callback::from(move |e: Event| hide_controls.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().checked()))
    };
    let on_fixed = {
        let fixed = fixed.clone();
        Callback::from(move |e: Event| fixed.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().checked().then_some(reserve)))
    };
    let on_height = {
        let fixed = fixed.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value().parse::<u32>().ok().filter(|h| (100..=5000).contains(h));
            if v.is_some() {
                fixed.set(v);
            }
        })
    };
    let select_all = Callback::from(|e: FocusEvent| e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().select());
    html! {
        <details class="embed-code" {ontoggle}>
            <summary>{ "Embed this chart" }</summary>
            <p>{ "Paste this into your web page. The chart resizes itself to fit; keep the script line once per page." }</p>
            <div class="checkbox">
                <input type="checkbox" id={format!("{id}-embed-hide")} checked={*hide_controls} onchange={on_hide} />
                <label for={format!("{id}-embed-hide")}>{ "Hide the controls" }</label>
            </div>
            <div class="checkbox">
                <input type="checkbox" id={format!("{id}-embed-fixed")} checked={fixed.is_some()} onchange={on_fixed} />
                <label for={format!("{id}-embed-fixed")}>{ "Fixed height" }</label>
            </div>
            if let Some(h) = *fixed {
                <div class="control">
                    <label for={format!("{id}-embed-height")}>{ "Height in pixels" }</label>
                    <input type="number" min="100" max="5000" step="10" id={format!("{id}-embed-height")} value={h.to_string()} onchange={on_height} />
                </div>
            }
            <label for={format!("{id}-embed-text")} class="embed-label">{ "Embed code" }</label>
            <textarea id={format!("{id}-embed-text")} class="embed-text" readonly=true rows="5" value={text} onfocus={select_all} />
            <p class="embed-copy">
                <button type="button" class="button-secondary" onclick={on_copy}>{ "Copy the embed code" }</button>
                <span class="embed-copied" aria-live="polite">{ if *copied { " Copied." } else { "" } }</span>
            </p>
            <p class="embed-open"><a href={crate::web::route::href(&view)}>{ "Open the chart as it will be embedded" }</a></p>
            <p class="embed-reserve">{ format!("The frame starts {reserve} px tall, the height measured for this chart here, so the page around it does not jump while it loads; with the script line it then fits its content.") }</p>
        </details>
    }
}
