//! View controls: area, comparators and time range. Every change becomes a new URL.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::view::View;
use crate::web::route;
use crate::web::site::Site;

/// Everything the controls offer, worked out from the site for one view: the browser draws
/// them from this alone, so an embed can be made interactive from its model without the
/// data files (see [`crate::web::light`]).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ControlsModel {
    /// The area drawn (its code), selected in the area list.
    pub area: String,
    /// The partnerships' areas: (code, name).
    pub configured: Vec<(String, String)>,
    /// Every other place the official files describe: (code, name, level), in file order.
    pub places: Vec<(String, String, String)>,
    /// The area's comparators: (code, name).
    pub comparators: Vec<(String, String)>,
    /// Its statistical neighbours, nearest first: (code, name, DfE's closeness word).
    pub neighbours: Vec<(String, String, String)>,
    /// The area's name.
    pub area_name: String,
    /// First and last years of any period in the data.
    pub years: (u16, u16),
}

impl ControlsModel {
    /// What the controls offer for `view` of `site`.
    pub fn of(site: &Site, view: &View) -> ControlsModel {
        let area = crate::web::pages::area_of(site, view);
        let code = area.as_ref().map_or(String::new(), |a| a.code.clone());
        let neighbours = site.places.iter().find(|p| p.code == code).map(|p| p.neighbours.clone()).unwrap_or_default();
        ControlsModel {
            configured: site.config.areas.iter().map(|a| (a.code.clone(), a.name.clone())).collect(),
            places: site.places.iter().filter(|p| !p.code.contains(' ')).map(|p| (p.code.clone(), p.name.clone(), p.level.clone())).collect(),
            comparators: area.as_ref().map(|a| a.comparators.iter().map(|c| (c.clone(), site.place_name(c))).collect()).unwrap_or_default(),
            neighbours: neighbours.into_iter().map(|(c, close)| (site.place_name(&c), c, close)).map(|(name, c, close)| (c, name, close)).collect(),
            area_name: site.place_name(&code),
            area: code,
            years: site.years(),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub model: Rc<ControlsModel>,
    pub view: View,
    /// Only the area selector (pages where comparisons and years do not apply).
    #[prop_or_default]
    pub area_only: bool,
}

/// `Rc<Site>` compared by pointer (the site never changes once loaded).
pub struct SiteRef(pub Rc<Site>);

impl PartialEq for SiteRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Handlers for a `<select>` whose choice becomes a new view: a mouse or touch choice
/// applies at once; arrowing through the closed select (Chromium fires `change` on every
/// arrow press) applies only on Enter or when focus leaves it, so skimming the options
/// draws the page once, not once per option.
struct Deferred {
    onkeydown: Callback<KeyboardEvent>,
    onchange: Callback<Event>,
    onblur: Callback<FocusEvent>,
    onmousedown: Callback<MouseEvent>,
}

fn deferred(keyed: &Rc<std::cell::Cell<bool>>, current: String, apply: Callback<String>) -> Deferred {
    let value_of = |t: Option<web_sys::EventTarget>| t.and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlSelectElement>(t).ok()).map(|s| s.value());
    let onkeydown = {
        let (keyed, apply, current) = (keyed.clone(), apply.clone(), current.clone());
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight" | "Home" | "End" | "PageUp" | "PageDown" if !e.alt_key() => keyed.set(true),
            "Enter" => {
                keyed.set(false);
                if let Some(v) = value_of(e.target()).filter(|v| *v != current) {
                    e.prevent_default();
                    apply.emit(v);
                }
            }
            _ => {}
        })
    };
    let onchange = {
        let (keyed, apply) = (keyed.clone(), apply.clone());
        Callback::from(move |e: Event| {
            if !keyed.get() {
                if let Some(v) = value_of(e.target()) {
                    apply.emit(v);
                }
            }
        })
    };
    let onblur = {
        let (keyed, apply) = (keyed.clone(), apply.clone());
        Callback::from(move |e: FocusEvent| {
            if keyed.replace(false) {
                if let Some(v) = value_of(e.target()).filter(|v| *v != current) {
                    apply.emit(v);
                }
            }
        })
    };
    let onmousedown = {
        let keyed = keyed.clone();
        Callback::from(move |_: MouseEvent| keyed.set(false))
    };
    Deferred { onkeydown, onchange, onblur, onmousedown }
}

#[function_component]
pub fn Controls(props: &Props) -> Html {
    let model = &props.model;
    let view = &props.view;
    let area_code = model.area.clone();
    let comparators: Vec<String> = model.comparators.iter().map(|(c, _)| c.clone()).collect();
    let enabled: Vec<String> = view.comparators.clone().unwrap_or_else(|| comparators.clone());
    let (first, last) = model.years;

    let keyed = use_memo((), |_| Rc::new(std::cell::Cell::new(false)));
    let (area_ref, from_ref, to_ref) = (use_node_ref(), use_node_ref(), use_node_ref());
    {
        // After Back, Forward or any new view, each select shows the view drawn (a select
        // the reader has touched no longer follows its options' `selected` attribute).
        let refs = (area_ref.clone(), from_ref.clone(), to_ref.clone());
        let year = |y: Option<u16>| y.map(|y| y.to_string()).unwrap_or_default();
        use_effect_with((area_code.clone(), year(view.from), year(view.to)), move |(a, f, t)| {
            for (r, v) in [(&refs.0, a), (&refs.1, f), (&refs.2, t)] {
                if let Some(s) = r.cast::<web_sys::HtmlSelectElement>() {
                    if s.value() != *v {
                        s.set_value(v);
                    }
                }
            }
        });
    }
    let on_area = {
        let view = view.clone();
        let apply = Callback::from(move |code: String| {
            // A new area has its own comparators: reset to all of them.
            route::go(&View { area: Some(code), comparators: None, lines: Vec::new(), ..view.clone() });
        });
        deferred(&keyed, area_code.clone(), apply)
    };
    // Typing part of a name or code in the search box: an exact pick from the list opens it.
    let on_find = {
        let view = view.clone();
        let places: Vec<(String, String)> = model.places.iter().map(|(code, name, _)| (format!("{name} ({code})"), code.clone())).collect();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            let text = input.value();
            let t = text.trim().to_lowercase();
            let hit = places.iter().find(|(label, code)| label.to_lowercase() == t || code.to_lowercase() == t)
                .or_else(|| {
                    let matches: Vec<&(String, String)> = places.iter().filter(|(label, _)| label.to_lowercase().contains(&t)).collect();
                    (matches.len() == 1).then(|| matches[0])
                });
            if let Some((_, code)) = hit {
                input.set_value("");
                route::go(&View { area: Some(code.clone()), comparators: None, lines: Vec::new(), ..view.clone() });
            }
        })
    };
    let configured: Vec<&str> = model.configured.iter().map(|(c, _)| c.as_str()).collect();
    let group = |level: &str| -> Vec<Html> {
        model
            .places
            .iter()
            .filter(|(code, _, l)| l == level && !configured.contains(&code.as_str()))
            .map(|(code, name, _)| html! { <option value={code.clone()} selected={*code == area_code}>{ name }</option> })
            .collect()
    };
    let on_toggle = |code: String| {
        let view = view.clone();
        let enabled = enabled.clone();
        let all = comparators.clone();
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<web_sys::HtmlInputElement>().checked();
            let next: Vec<String> = all.iter().filter(|c| if **c == code { on } else { enabled.contains(c) }).cloned().collect();
            route::go(&View { comparators: Some(next), ..view.clone() });
        })
    };
    // The area's statistical neighbours (DfE's model), each a line of its own when ticked.
    let neighbours: Vec<(String, String)> = model.neighbours.iter().map(|(c, _, close)| (c.clone(), close.clone())).collect();
    let neighbour_name = |code: &str| model.neighbours.iter().find(|(c, _, _)| c == code).map_or(code.to_string(), |(_, n, _)| n.clone());
    let drawn: Vec<String> = neighbours.iter().filter(|(c, _)| view.lines.contains(c)).map(|(c, _)| c.clone()).collect();
    let max = crate::core::catalog::MAX_NEIGHBOUR_LINES;
    let on_line = |code: String| {
        let view = view.clone();
        let (drawn, order) = (drawn.clone(), neighbours.clone());
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<web_sys::HtmlInputElement>().checked();
            let next: Vec<String> = order.iter().map(|(c, _)| c.clone()).filter(|c| if *c == code { on } else { drawn.contains(c) }).collect();
            route::go(&View { lines: next, ..view.clone() });
        })
    };
    let on_year = |is_from: bool| {
        let view = view.clone();
        let current = if is_from { view.from } else { view.to }.map(|y| y.to_string()).unwrap_or_default();
        let apply = Callback::from(move |value: String| {
            let v = value.parse::<u16>().ok();
            let mut next = view.clone();
            if is_from { next.from = v } else { next.to = v }
            if let (Some(a), Some(b)) = (next.from, next.to) {
                if a > b {
                    if is_from { next.to = Some(a) } else { next.from = Some(b) }
                }
            }
            route::go(&next);
        });
        deferred(&keyed, current, apply)
    };
    let year_options = |selected: Option<u16>, default_label: &str| {
        html! {
            <>
                <option value="" selected={selected.is_none()}>{ default_label.to_string() }</option>
                { for (first..=last).map(|y| html! {
                    <option value={y.to_string()} selected={selected == Some(y)}>{ format!("{}-{:02}", y, (y + 1) % 100) }</option>
                }) }
            </>
        }
    };
    let (from, to) = (on_year(true), on_year(false));
    html! {
        <form class="controls" aria-label="Choose the area, comparisons and years" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <div class="control">
                <label for="area-select">{ "Area" }</label>
                <select id="area-select" autocomplete="off" ref={area_ref} onchange={on_area.onchange} onkeydown={on_area.onkeydown} onblur={on_area.onblur} onmousedown={on_area.onmousedown}>
                    <optgroup label="Partnerships' areas">
                    { for model.configured.iter().map(|(code, name)| html! {
                        <option value={code.clone()} selected={*code == area_code}>{ name }</option>
                    }) }
                    </optgroup>
                    if !model.places.is_empty() {
                        <optgroup label="England and regions">{ for group("National") }{ for group("Regional") }</optgroup>
                        <optgroup label="Local authorities">{ for group("Local authority") }</optgroup>
                    }
                </select>
            </div>
            if !model.places.is_empty() {
                <div class="control">
                    <label for="area-find">{ "Find an area by name or code" }</label>
                    <input id="area-find" type="search" list="area-list" autocomplete="off" onchange={on_find} />
                    <datalist id="area-list">
                        { for model.places.iter().map(|(code, name, _)| html! { <option value={format!("{name} ({code})")} /> }) }
                    </datalist>
                </div>
            }
            if !comparators.is_empty() && !props.area_only {
                <fieldset class="control comparators">
                    <legend>{ "Compare with" }</legend>
                    { for model.comparators.iter().map(|(c, name)| {
                        let id = format!("cmp-{c}");
                        html! {
                            <div class="checkbox">
                                <input type="checkbox" id={id.clone()} checked={enabled.contains(c)} onchange={on_toggle(c.clone())} />
                                <label for={id}>{ name }</label>
                            </div>
                        }
                    }) }
                </fieldset>
            }
            if !neighbours.is_empty() && !props.area_only {
                <details class="control neighbours" open={!drawn.is_empty()}>
                    <summary>{ format!("Statistical neighbours as lines ({} of {} shown)", drawn.len(), neighbours.len()) }</summary>
                    <fieldset>
                        <legend>{ format!("DfE's ten statistical neighbours of {}, nearest first. Up to {max} at once, so each line keeps its own style; trend charts of rates and percentages only.", model.area_name) }</legend>
                        { for neighbours.iter().map(|(c, close)| {
                            let id = format!("sn-{c}");
                            let on = drawn.contains(c);
                            html! {
                                <div class="checkbox">
                                    <input type="checkbox" id={id.clone()} checked={on} disabled={!on && drawn.len() >= max} onchange={on_line(c.clone())} />
                                    <label for={id}>{ neighbour_name(c) }<span class="closeness">{ format!(" ({})", close.trim().to_lowercase()) }</span></label>
                                </div>
                            }
                        }) }
                    </fieldset>
                </details>
            }
            if !props.area_only {
                <div class="control">
                    <label for="from-year">{ "From" }</label>
                    <select id="from-year" autocomplete="off" ref={from_ref} onchange={from.onchange} onkeydown={from.onkeydown} onblur={from.onblur} onmousedown={from.onmousedown}>{ year_options(view.from, "earliest") }</select>
                </div>
                <div class="control">
                    <label for="to-year">{ "To" }</label>
                    <select id="to-year" autocomplete="off" ref={to_ref} onchange={to.onchange} onkeydown={to.onkeydown} onblur={to.onblur} onmousedown={to.onmousedown}>{ year_options(view.to, "latest") }</select>
                </div>
            }
        </form>
    }
}
