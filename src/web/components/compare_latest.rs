//! The latest year compared across places, under a chart of official figures: the
//! authority beside its ten statistical neighbours (from the page's own slice), or beside
//! every authority (`slices/<file>/recent.csv`, fetched only when asked for, or worked out
//! by the build for a page the light program draws). Each view is a chart and a table of
//! the same [`Comparison`].

use std::rc::Rc;

use yew::prelude::*;

use futures::future::LocalBoxFuture;

use crate::core::compare::{latest, Comparison, Entry, Scope};

/// What a chart's comparisons hold.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum CompareModel {
    /// Drawn by the build, for the light program: the period compared, and each view as
    /// HTML ([`drawn`]), with its chart for a wide and a phone's frame. (First, so that its
    /// index in `model.bin` is the same for the light program, which has only this one.)
    Drawn { period: String, neighbours: String, all: String },
    /// Drawn by the page (the app): beside the neighbours, and beside every authority.
    #[cfg(not(feature = "light"))]
    Live { near: Comparison, all: AllAuthorities },
}

/// What the app fetches, when asked, for the comparison with every authority: the official
/// file, indicator and fixed filters of the chart, for the area (it reads the file's
/// `recent.csv`).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AllAuthorities {
    pub file: String,
    pub indicator: String,
    pub filters: Vec<(String, String)>,
    pub area: String,
}

/// Fetches the comparison with every authority (the app gives one that reads the file's
/// `recent.csv`; the light program has none, as the build draws the comparison). Compared
/// by pointer.
#[derive(Clone)]
#[allow(clippy::type_complexity)]
pub struct AllFetcher(pub Rc<dyn Fn(&AllAuthorities) -> LocalBoxFuture<'static, Result<Option<Comparison>, String>>>);

impl PartialEq for AllFetcher {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub model: Rc<CompareModel>,
    #[prop_or_default]
    pub fetch: Option<AllFetcher>,
    /// Prefix for element ids (the chart's id).
    pub id: AttrValue,
}

#[derive(Clone, PartialEq)]
enum View {
    Closed,
    Neighbours,
    All,
}

#[cfg_attr(feature = "light", allow(dead_code))]
enum Fetched {
    Idle,
    Loading,
    Ready(Option<Comparison>),
    Failed(String),
}

/// The latest year of `file`'s `indicator` (with `filters`) for `area` beside its
/// statistical neighbours, when the page's slice has it.
pub fn neighbours(site: &crate::web::site::Site, file: &str, indicator: &str, filters: &[(String, String)], area: &str) -> Option<Comparison> {
    let table = site.file(file)?.table.as_ref().ok()?;
    let near: Vec<(String, String)> = site.places.iter().find(|p| p.code == area).map(|p| p.neighbours.clone()).unwrap_or_default();
    if near.is_empty() {
        return None;
    }
    latest(&site.config, table, indicator, filters, area, &Scope::Neighbours(near))
}

#[function_component]
pub fn CompareLatest(props: &Props) -> Html {
    let view = use_state(|| View::Closed);
    let fetched = use_state(|| Fetched::Idle);
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
    let open = |v: View| {
        let (view, fetched, fetch, model) = (view.clone(), fetched.clone(), props.fetch.clone(), props.model.clone());
        Callback::from(move |_: MouseEvent| {
            // The light program's comparisons are drawn by the build: nothing to fetch.
            #[cfg(feature = "light")]
            let _ = (&fetched, &fetch, &model);
            #[cfg(not(feature = "light"))]
            if let (View::All, Some(fetch), CompareModel::Live { all, .. }) = (&v, &fetch, &*model) {
                let all = Rc::new(all.clone());
                if matches!(*fetched, Fetched::Idle | Fetched::Failed(_)) {
                    fetched.set(Fetched::Loading);
                    let (fetched, future) = (fetched.clone(), (fetch.0)(&all));
                    yew::platform::spawn_local(async move {
                        fetched.set(match future.await {
                            Ok(c) => Fetched::Ready(c),
                            Err(e) => Fetched::Failed(e),
                        });
                    });
                }
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
    let none = || html! { <p>{ "No authority publishes this figure in the latest release." }</p> };
    // HTML drawn by the build from the same components (`drawn`): every text in it is escaped.
    let raw = |html: &str| Html::from_html_unchecked(AttrValue::from(html.to_string()));
    let (period, body) = match &*props.model {
        CompareModel::Drawn { period, neighbours, all } => (period.clone(), match &*view {
            View::Closed => Html::default(),
            View::Neighbours => raw(neighbours),
            View::All => raw(all),
        }),
        #[cfg(not(feature = "light"))]
        CompareModel::Live { near, .. } => (near.period.clone(), match (&*view, &*fetched) {
            (View::Closed, _) => Html::default(),
            (View::Neighbours, _) => comparison(near, &[(*width, "")], &props.id, true),
            (View::All, Fetched::Ready(Some(c))) => comparison(c, &[(*width, "")], &props.id, false),
            (View::All, Fetched::Ready(None)) => none(),
            (View::All, Fetched::Failed(e)) => html! { <p class="notice" role="alert">{ format!("The figures for every authority could not be loaded: {e}") }</p> },
            (View::All, _) => html! { <p role="status">{ "Loading the figures for every authority…" }</p> },
        }),
    };
    #[cfg(feature = "light")]
    let _ = (none, &fetched);
    let pressed = |v: View| (*view == v).to_string();
    html! {
        <details class="compare-latest" ontoggle={toggle}>
            <summary>{ format!("Compare {period}: beside its statistical neighbours, or all authorities") }</summary>
            <div class="compare-switch" role="group" aria-label="Compare with">
                <button type="button" class="button-secondary" aria-pressed={pressed(View::Neighbours)} onclick={open(View::Neighbours)}>{ "Beside its 10 statistical neighbours" }</button>
                <button type="button" class="button-secondary" aria-pressed={pressed(View::All)} onclick={open(View::All)}>{ "All authorities" }</button>
            </div>
            <div class="compare-frame" ref={frame}>{ body }</div>
        </details>
    }
}

#[cfg_attr(feature = "light", allow(dead_code))]
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

/// The comparison `c` as a chart (drawn at each of `widths`, with its CSS class) and a table.
#[cfg_attr(feature = "light", allow(dead_code))]
fn comparison(c: &Comparison, widths: &[(u32, &str)], id: &str, neighbours: bool) -> Html {
    let charts = widths.iter().map(|(w, class)| {
        let drawn = crate::core::chart::ranked::render(c, *w);
        html! {
            <div class={classes!("chart", (!class.is_empty()).then(|| class.to_string()))} role="img" aria-label={c.description.clone()}>
                // SVG generated by the core: every text in it is escaped there.
                { Html::from_html_unchecked(AttrValue::from(drawn.svg)) }
            </div>
        }
    });
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
            { for charts }
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

/// The comparisons as the build draws them for the light program: each view as HTML, with
/// its chart for a wide and a phone's frame (the page's CSS shows the one for the screen).
/// `all`: beside every authority, when any publishes the figure.
#[cfg(not(target_arch = "wasm32"))]
pub fn drawn(near: &Comparison, all: Option<&Comparison>, id: &str) -> CompareModel {
    use crate::web::components::chart_card::{DEFAULT_WIDTH, NARROW_WIDTH};
    let render = crate::web::prerender::static_html;
    let widths = [(DEFAULT_WIDTH - 16, "chart-wide"), (NARROW_WIDTH - 16, "chart-narrow")];
    let all = match all {
        Some(c) => render(comparison(c, &widths, id, false)),
        None => render(html! { <p>{ "No authority publishes this figure in the latest release." }</p> }),
    };
    CompareModel::Drawn { period: near.period.clone(), neighbours: render(comparison(near, &widths, id, true)), all }
}
