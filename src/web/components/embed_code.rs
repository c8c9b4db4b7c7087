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

/// The page's address without its fragment: where the dashboard is served from.
fn base_url() -> String {
    let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}

/// The embed code for `view` (whose page is the embed route).
pub fn code(base: &str, view: &View, title: &str) -> String {
    let dir = base.rsplit_once('/').map_or(base, |(d, _)| d);
    let src = format!("{base}{}", view.to_hash());
    let (height, fixed) = match view.height {
        Some(h) => (h, " data-fixed-height"),
        None => (640, ""),
    };
    format!(
        "<iframe src=\"{}\" title=\"{}\" style=\"width:100%;height:{height}px;border:0\" loading=\"lazy\"{fixed}></iframe>\n<script src=\"{}/embed.js\" async></script>",
        escape_xml(&src),
        escape_xml(title),
        escape_xml(dir)
    )
}

#[function_component]
pub fn EmbedCode(props: &Props) -> Html {
    let hide_controls = use_state(|| false);
    let fixed = use_state(|| None::<u32>);
    let mut view = props.view.with_page(Page::Embed(props.id.to_string()));
    view.tables.clear();
    view.hide_controls = *hide_controls;
    view.height = *fixed;
    let text = code(&base_url(), &view, &props.title);
    let id = &props.id;
    let on_hide = {
        let hide_controls = hide_controls.clone();
        Callback::from(move |e: Event| hide_controls.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().checked()))
    };
    let on_fixed = {
        let fixed = fixed.clone();
        Callback::from(move |e: Event| fixed.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().checked().then_some(600)))
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
        <details class="embed-code">
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
        </details>
    }
}
