//! The latest year compared across places, under a chart of official figures: the
//! authority beside its ten statistical neighbours (from the page's own slice), or beside
//! every authority (`slices/<file>/recent.csv`, fetched only when asked for). Each view
//! is a chart and a table of the same [`Comparison`].

use std::rc::Rc;

use yew::prelude::*;

use crate::core::compare::{latest, Comparison, Entry, Scope};
use crate::core::error::{DataError, ErrorKind, Position};
use crate::core::table::Table;
use crate::web::components::SiteRef;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub site: Rc<SiteRef>,
    /// Official file id, indicator and fixed filters of the chart.
    pub file: AttrValue,
    pub indicator: AttrValue,
    pub filters: Vec<(String, String)>,
    pub area: AttrValue,
    /// Prefix for element ids (the chart's id).
    pub id: AttrValue,
}

#[derive(Clone, PartialEq)]
enum View {
    Closed,
    Neighbours,
    All,
}

enum Recent {
    Idle,
    Loading,
    Ready(Rc<Table>),
    Failed(String),
}

#[function_component]
pub fn CompareLatest(props: &Props) -> Html {
    let site = props.site.0.clone();
    let view = use_state(|| View::Closed);
    let recent = use_state(|| Recent::Idle);
    let width = use_state(|| 640u32);
    let frame = use_node_ref();
    {
        let (frame, width) = (frame.clone(), width.clone());
        use_effect_with((*view).clone(), move |_| {
            if let Some(el) = frame.cast::<web_sys::HtmlElement>() {
                let w = el.client_width().max(0) as u32;
                if w > 0 && w != *width {
                    width.set(w);
                }
            }
        });
    }
    let Some(loaded) = site.file(&props.file) else { return Html::default() };
    let Ok(table) = loaded.table.as_ref() else { return Html::default() };
    let neighbours: Vec<(String, String)> = site.places.iter().find(|p| p.code == props.area.as_str()).map(|p| p.neighbours.clone()).unwrap_or_default();
    if neighbours.is_empty() {
        return Html::default();
    }
    let config = &site.config;
    // The summary names the period of the neighbours' view (always available).
    let Some(near) = latest(config, table, &props.indicator, &props.filters, &props.area, &Scope::Neighbours(neighbours.clone())) else { return Html::default() };

    let open = |v: View| {
        let (view, recent, site, file) = (view.clone(), recent.clone(), site.clone(), props.file.to_string());
        Callback::from(move |_: MouseEvent| {
            if v == View::All && matches!(*recent, Recent::Idle | Recent::Failed(_)) {
                recent.set(Recent::Loading);
                let (recent, site, file) = (recent.clone(), site.clone(), file.clone());
                yew::platform::spawn_local(async move {
                    recent.set(match load_recent(&site, &file).await {
                        Ok(t) => Recent::Ready(t),
                        Err(e) => Recent::Failed(e.to_string()),
                    });
                });
            }
            view.set(v.clone());
        })
    };
    let toggle = {
        let view = view.clone();
        Callback::from(move |e: Event| {
            let open = e.target_unchecked_into::<web_sys::Element>().has_attribute("open");
            if !open {
                view.set(View::Closed);
            } else if *view == View::Closed {
                view.set(View::Neighbours);
            }
        })
    };
    let body = match (&*view, &*recent) {
        (View::Closed, _) => Html::default(),
        (View::Neighbours, _) => comparison(&near, *width, &props.id, true),
        (View::All, Recent::Ready(t)) => match latest(config, t, &props.indicator, &props.filters, &props.area, &Scope::All) {
            Some(c) => comparison(&c, *width, &props.id, false),
            None => html! { <p>{ "No authority publishes this figure in the latest release." }</p> },
        },
        (View::All, Recent::Failed(e)) => html! { <p class="notice" role="alert">{ format!("The figures for every authority could not be loaded: {e}") }</p> },
        (View::All, _) => html! { <p role="status">{ "Loading the figures for every authority…" }</p> },
    };
    let pressed = |v: View| (*view == v).to_string();
    html! {
        <details class="compare-latest" ontoggle={toggle}>
            <summary>{ format!("Compare {}: beside its statistical neighbours, or all authorities", near.period) }</summary>
            <div class="compare-switch" role="group" aria-label="Compare with">
                <button type="button" class="button-secondary" aria-pressed={pressed(View::Neighbours)} onclick={open(View::Neighbours)}>{ "Beside its 10 statistical neighbours" }</button>
                <button type="button" class="button-secondary" aria-pressed={pressed(View::All)} onclick={open(View::All)}>{ "All authorities" }</button>
            </div>
            <div class="compare-frame" ref={frame}>{ body }</div>
        </details>
    }
}

async fn load_recent(site: &crate::web::site::Site, file: &str) -> Result<Rc<Table>, DataError> {
    if let Some(t) = site.recent.borrow().get(file) {
        return Ok(t.clone());
    }
    let entry = site.config.file(file).ok_or_else(|| DataError::new(Position::file(file), ErrorKind::Unreadable { reason: "not configured".into() }))?;
    let path = format!("slices/{file}/recent.csv");
    let unreadable = |reason: String| DataError::new(Position::file(&format!("data/{path}")), ErrorKind::Unreadable { reason });
    let (meta, data) = futures::future::join(crate::web::fetch::data_file(&entry.meta), crate::web::fetch::data_file(&path)).await;
    let (meta, data) = (meta.map_err(unreadable)?, data.map_err(unreadable)?);
    let parsed = crate::core::dataset::load_file(&site.config, entry, &data, &meta);
    let table = Rc::new(parsed.value.ok_or_else(|| parsed.problems.into_iter().next().unwrap_or_else(|| unreadable("no rows".into())))?);
    site.recent.borrow_mut().insert(file.to_string(), table.clone());
    Ok(table)
}

fn row(e: &Entry, neighbours: bool) -> Html {
    let class = if e.chosen { "chosen" } else { "" };
    html! {
        <tr {class}>
            <td class="num">{ e.position.map_or("–".to_string(), |p| p.to_string()) }</td>
            <th scope="row">{ &e.name }{ if e.chosen { " (chosen)" } else { "" } }</th>
            if neighbours { <td>{ if e.closeness.is_empty() { "–".to_string() } else { e.closeness.trim().to_string() } }</td> }
            <td class="num">{ &e.text }</td>
        </tr>
    }
}

fn comparison(c: &Comparison, width: u32, id: &str, neighbours: bool) -> Html {
    let drawn = crate::core::chart::ranked::render(c, width);
    let table = html! {
        <div class="table-wrap" tabindex="0" role="group" aria-label={format!("Table: {}", c.title)}>
            <table class="data-table">
                <caption>{ &c.title }<span class="caption-detail">{ format!(" {}", c.order) }</span></caption>
                <thead><tr>
                    <th scope="col" class="num">{ "Position" }</th>
                    <th scope="col">{ "Area" }</th>
                    if neighbours { <th scope="col">{ "Closeness (DfE)" }</th> }
                    <th scope="col" class="num">{ "Value" }</th>
                </tr></thead>
                <tbody>
                    { for c.placed.iter().chain(&c.unplaced).map(|e| row(e, neighbours)) }
                    if let Some(e) = &c.england { { row(e, neighbours) } }
                </tbody>
            </table>
        </div>
    };
    let unplaced = (!c.unplaced.is_empty()).then(|| {
        let names: Vec<String> = c.unplaced.iter().map(|e| format!("{} ({})", e.name, e.text)).collect();
        html! { <p class="compare-unplaced">{ format!("Without a figure, listed last and not ranked: {}. DfE suppresses small numbers so that no child can be identified.", names.join("; ")) }</p> }
    });
    html! {
        <div class="compare-view" id={format!("{id}-compare")}>
            <p class="compare-title">{ &c.title }</p>
            <div class="chart" role="img" aria-label={c.description.clone()}>
                // SVG generated by the core: every text in it is escaped there.
                { Html::from_html_unchecked(AttrValue::from(drawn.svg)) }
            </div>
            <p class="compare-order">{ format!("{} Positions are our calculation from the published figures; ties share a position. This is not a league table: it places areas, not the quality of their services.", c.order) }</p>
            { unplaced.unwrap_or_default() }
            if neighbours {
                { table }
            } else {
                <details class="compare-table"><summary>{ format!("Table of all {} authorities", c.placed.len() + c.unplaced.len()) }</summary>{ table }</details>
            }
            <p class="chart-source">{ &c.source }</p>
        </div>
    }
}
