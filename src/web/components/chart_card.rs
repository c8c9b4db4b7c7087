//! One chart with everything around it: title, chart/table tabs, focusable data points
//! with tooltips, source, notes, last updated and downloads.

use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::DataTable;
use crate::core::chart::model::{Chart, Mark};
use crate::core::export::{chart_csv, SourceTitles};
use crate::web::download;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub chart: Rc<Chart>,
    /// Unique id: used for element ids, the URL and file names.
    pub id: AttrValue,
    /// When the data were checked, and the titles of the chart's sources.
    pub sources: Rc<SourceTitles>,
    pub show_table: bool,
    pub on_tab: Callback<bool>,
    /// Heading level for the title (3 on theme pages, 2 when alone).
    #[prop_or(3)]
    pub level: u8,
    /// The area's rank and quartile band among all authorities (official data), in words.
    #[prop_or_default]
    pub rank: Option<AttrValue>,
    /// Latest-year comparisons across places, shown after the rank.
    #[prop_or_default]
    pub compare: Html,
    /// The area drawn, for the names of downloaded files (`<id>--<area>.csv`), so files of
    /// two areas do not share a name.
    #[prop_or_default]
    pub area: AttrValue,
    /// Extra actions (e.g. embed) rendered after the downloads.
    #[prop_or_default]
    pub children: Html,
}

/// Width charts are drawn at before their frame is measured: the frame's width on a screen
/// of 960 px or more (`.wrap`), so prerendered charts are not drawn again there.
pub const DEFAULT_WIDTH: u32 = 928;

/// Until the frame is measured the chart is drawn twice, at [`DEFAULT_WIDTH`] and at a
/// phone's frame width (a 375 px screen less the page's padding), and `style/main.css`
/// shows the one for the screen: a prerendered page on a phone then shows a chart drawn
/// for it, which the measured drawing replaces without moving the page.
pub const NARROW_WIDTH: u32 = 343;

/// Index of the mark to move to from `i` for an arrow key, if any.
fn next_mark(marks: &[Mark], i: usize, key: &str) -> Option<usize> {
    let m = &marks[i];
    let along = |forward: bool| {
        marks
            .iter()
            .enumerate()
            .filter(|(_, o)| o.series == m.series && if forward { o.slot > m.slot } else { o.slot < m.slot })
            .min_by_key(|(_, o)| if forward { o.slot - m.slot } else { m.slot - o.slot })
            .map(|(j, _)| j)
    };
    let across = |down: bool| {
        let mut others: Vec<(usize, &Mark)> = marks.iter().enumerate().filter(|(_, o)| o.series != m.series).collect();
        others.retain(|(_, o)| if down { o.series > m.series } else { o.series < m.series });
        others.sort_by_key(|(_, o)| (if down { o.series - m.series } else { m.series - o.series }, o.slot.abs_diff(m.slot)));
        others.first().map(|(j, _)| *j)
    };
    match key {
        "ArrowRight" => along(true),
        "ArrowLeft" => along(false),
        "ArrowDown" => across(true),
        "ArrowUp" => across(false),
        "Home" => Some(0),
        "End" => Some(marks.len().saturating_sub(1)),
        _ => None,
    }
}

#[function_component]
pub fn ChartCard(props: &Props) -> Html {
    let container = use_node_ref();
    // `None` until the frame has been measured (prerendered, and hydrating).
    let width = use_state(|| None::<u32>);
    let active = use_state(|| 0usize);
    let shown = use_state(|| None::<usize>);
    {
        let container = container.clone();
        let width = width.clone();
        use_effect_with(props.show_table, move |_| {
            let measure = move || {
                if let Some(el) = container.cast::<web_sys::HtmlElement>() {
                    let w = el.client_width().max(0) as u32;
                    if w > 0 && Some(w) != *width {
                        width.set(Some(w));
                    }
                }
            };
            measure();
            let listener = web_sys::window().map(|w| EventListener::new(&w, "resize", move |_| measure()));
            move || drop(listener)
        });
    }
    let drawn = use_memo((props.chart.clone(), *width), |(chart, width)| chart.draw(width.unwrap_or(DEFAULT_WIDTH), false));
    let narrow = use_memo((props.chart.clone(), width.is_none()), |(chart, unmeasured)| unmeasured.then(|| chart.draw(NARROW_WIDTH, false)));
    let width = width.unwrap_or(DEFAULT_WIDTH);
    let chart = &props.chart;
    let id = props.id.to_string();
    let (w, h) = (drawn.width as f64, drawn.height as f64);

    let marks = drawn.marks.iter().enumerate().map(|(i, m)| {
        let style = format!("left:{:.3}%;top:{:.3}%", m.x as f64 / w * 100.0, m.y as f64 / h * 100.0);
        let onfocus = {
            let (active, shown) = (active.clone(), shown.clone());
            Callback::from(move |_: FocusEvent| {
                active.set(i);
                shown.set(Some(i));
            })
        };
        let onblur = {
            let shown = shown.clone();
            Callback::from(move |_: FocusEvent| shown.set(None))
        };
        let onmouseenter = {
            let shown = shown.clone();
            Callback::from(move |_: MouseEvent| shown.set(Some(i)))
        };
        let onmouseleave = {
            let shown = shown.clone();
            Callback::from(move |_: MouseEvent| shown.set(None))
        };
        let onkeydown = {
            let drawn = drawn.clone();
            let shown = shown.clone();
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Escape" {
                    shown.set(None);
                    return;
                }
                if let Some(j) = next_mark(&drawn.marks, i, &e.key()) {
                    e.prevent_default();
                    let target: Option<web_sys::Element> = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
                    let sibling = target.and_then(|t| t.parent_element()).and_then(|p| p.children().item(j as u32));
                    if let Some(el) = sibling.and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok()) {
                        let _ = el.focus();
                    }
                }
            })
        };
        html! {
            <button type="button" class="mark" {style} tabindex={if i == *active { "0" } else { "-1" }}
                aria-label={m.text.clone()} {onfocus} {onblur} {onmouseenter} {onmouseleave} {onkeydown}></button>
        }
    });
    // The tooltip of a mark shows every series' value at its date or category (the one
    // pointed at first), so a place is compared with England without moving the pointer.
    let multiples = matches!(&*props.chart, Chart::Multiples(_));
    let tooltip = shown.and_then(|i| drawn.marks.get(i)).map(|m| {
        let left = m.x as f64 / w * 100.0;
        let class = if left > 60.0 { "tooltip tooltip-left" } else { "tooltip" };
        let style = format!("left:{:.3}%;top:{:.3}%", left, m.y as f64 / h * 100.0);
        let same = |o: &&Mark| o.slot == m.slot && o.series != m.series && (!multiples || (o.x - m.x).abs() <= 2);
        let others: Vec<&Mark> = drawn.marks.iter().filter(same).collect();
        html! {
            <div {class} {style} aria-hidden="true">
                <span class="tooltip-main">{ &m.text }</span>
                { for others.iter().map(|o| html! { <span class="tooltip-other">{ &o.text }</span> }) }
            </div>
        }
    });

    let tab = |table: bool| {
        let selected = props.show_table == table;
        let on_tab = props.on_tab.clone();
        let onclick = Callback::from(move |_: MouseEvent| on_tab.emit(table));
        let on_tab = props.on_tab.clone();
        let other = format!("{id}-tab-{}", if table { "chart" } else { "table" });
        let onkeydown = Callback::from(move |e: KeyboardEvent| {
            if matches!(e.key().as_str(), "ArrowLeft" | "ArrowRight" | "Home" | "End") {
                e.prevent_default();
                // Focus moves with the selection (the tab pattern of WAI-ARIA).
                let go = match e.key().as_str() { "Home" => table, "End" => !table, _ => true };
                if go {
                    on_tab.emit(!table);
                    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&other)).and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
                        let _ = el.focus();
                    }
                }
            }
        });
        let name = if table { "table" } else { "chart" };
        html! {
            <button type="button" role="tab" id={format!("{id}-tab-{name}")} aria-selected={selected.to_string()}
                aria-controls={format!("{id}-panel-{name}")} tabindex={if selected { "0" } else { "-1" }} class="tab" {onclick} {onkeydown}>
                { if table { "Table" } else { "Chart" } }
            </button>
        }
    };
    let stem = match props.area.is_empty() {
        true => id.clone(),
        false => format!("{id}--{}", props.area),
    };
    let downloads = {
        let csv = {
            let (chart, sources, id) = (chart.clone(), props.sources.clone(), stem.clone());
            Callback::from(move |_: MouseEvent| download::text_file(&chart_csv(&chart, &sources), "text/csv;charset=utf-8", &format!("{id}.csv")))
        };
        let svg = {
            let (chart, id) = (chart.clone(), stem.clone());
            Callback::from(move |_: MouseEvent| download::text_file(&chart.draw(width, true).svg, "image/svg+xml", &format!("{id}.svg")))
        };
        let png = {
            let (chart, id) = (chart.clone(), stem.clone());
            Callback::from(move |_: MouseEvent| {
                let d = chart.draw(width, true);
                download::png(&d.svg, d.width, d.height, &format!("{id}.png"));
            })
        };
        html! {
            <div class="chart-actions">
                <button type="button" class="button-secondary" onclick={csv}>{ "Download CSV" }</button>
                <button type="button" class="button-secondary" onclick={svg}>{ "Download SVG" }</button>
                <button type="button" class="button-secondary" onclick={png}>{ "Download PNG" }</button>
                { props.children.clone() }
            </div>
        }
    };
    let heading_id = format!("{id}-heading");
    let title = html! { <>{ chart.title() }</> };
    let heading = match props.level {
        1 => html! { <h1 id={heading_id.clone()} class="chart-title">{ title }</h1> },
        2 => html! { <h2 id={heading_id.clone()} class="chart-title">{ title }</h2> },
        _ => html! { <h3 id={heading_id.clone()} class="chart-title">{ title }</h3> },
    };
    let updated = match props.sources.updated.as_str() {
        "" => String::new(),
        d => format!("Data last checked against its sources: {d}."),
    };
    html! {
        <article class="chart-card" id={id.clone()} aria-labelledby={heading_id}>
            { heading }
            <p class="chart-subtitle">{ chart.subtitle() }</p>
            <div role="tablist" class="tabs" aria-label={format!("Show {} as", chart.title())}>
                { tab(false) }{ tab(true) }
            </div>
            <div role="tabpanel" id={format!("{id}-panel-chart")} aria-labelledby={format!("{id}-tab-chart")} hidden={props.show_table} class="chart-panel">
                <div class="chart-frame" ref={container}>
                    <div class={if narrow.is_some() { "chart chart-wide" } else { "chart" }} role="img" aria-label={chart.description().to_string()}>
                        // SVG generated by the core: every text in it is escaped there.
                        { Html::from_html_unchecked(AttrValue::from(drawn.svg.clone())) }
                    </div>
                    if let Some(n) = &*narrow {
                        <div class="chart chart-narrow" role="img" aria-label={chart.description().to_string()}>
                            { Html::from_html_unchecked(AttrValue::from(n.svg.clone())) }
                        </div>
                    }
                    <div class="marks" role="group" aria-label="Data points: use the arrow keys to move between them">
                        { for marks }
                    </div>
                    { tooltip.unwrap_or_default() }
                </div>
                <p class="chart-description">{ chart.description() }</p>
            </div>
            <div role="tabpanel" id={format!("{id}-panel-table")} aria-labelledby={format!("{id}-tab-table")} hidden={!props.show_table} class="table-panel">
                <DataTable view={chart.table()} caption={chart.title().to_string()} detail={chart.subtitle().to_string()}
                    value_label={chart.value_label().to_string()} counts_note={chart.counts_note().map(|s| AttrValue::from(s.to_string()))} />
            </div>
            if let Some(change) = chart.change() {
                <p class="chart-change"><strong>{ "Change: " }</strong>{ change }</p>
            }
            if let Some(rank) = &props.rank {
                <p class="chart-rank"><strong>{ "Compared with all authorities: " }</strong>{ rank.clone() }
                    { " Ranks and bands are our calculation from the published figures; they place areas, not the quality of their services, and this is not a league table." }</p>
            }
            { props.compare.clone() }
            <p class="chart-source">{ chart.source() }</p>
            if !chart.notes().is_empty() {
                <ul class="chart-notes">{ for chart.notes().iter().map(|n| html! { <li>{ n }</li> }) }</ul>
            }
            if !updated.is_empty() { <p class="chart-updated">{ updated }</p> }
            { downloads }
        </article>
    }
}
