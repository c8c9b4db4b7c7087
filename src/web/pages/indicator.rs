//! One indicator's page: its charts (the trend and its breakdowns), each with its table,
//! comparisons, rank, definition, notes, conflicts, sources, downloads and embed code; the
//! theme overview it belongs to and its neighbours in the list are linked.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::catalog::build;
use crate::core::chart::model::Chart;
use crate::core::compare::Comparison;
use crate::core::export::SourceTitles;
use crate::core::indicator::{find, indicators};
use crate::core::view::{Page, View, THEME_PAGES};
use crate::web::components::compare_latest::{AllFetcher, CompareModel};
use crate::web::components::{ChartCard, CompareLatest, Controls, ControlsModel, EmbedCode};
use crate::web::route;
use crate::web::site::Site;

/// One chart card of an indicator page: the chart with what is shown around it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CardModel {
    pub id: String,
    pub chart: Chart,
    pub sources: SourceTitles,
    /// The area's rank among all authorities, in words.
    pub rank: Option<String>,
    /// The latest year beside the statistical neighbours, and beside every authority.
    pub compare: Option<CompareModel>,
}

/// Everything an indicator's page draws, for one view.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct IndicatorModel {
    /// The site's title, for the page's header.
    pub brand: crate::web::app::Brand,
    pub theme: String,
    pub theme_title: String,
    pub label: String,
    pub area_name: String,
    /// Heading the indicator is listed under on the overview (its data file's title).
    pub group: String,
    pub definition: String,
    /// A note on the area, when the configuration has one.
    pub area_note: Option<String>,
    pub controls: ControlsModel,
    pub cards: Vec<CardModel>,
    /// The indicators before and after it on the overview: (slug, label).
    pub prev: Option<(String, String)>,
    pub next: Option<(String, String)>,
}

/// The comparison with every authority for an official part of a chart: worked out from
/// `recent` when it can read the file's latest years of every authority (the build), or
/// fetched by the page when asked for (the app).
pub type Recent<'a> = Option<&'a dyn Fn(&str) -> Option<Rc<crate::core::table::Table>>>;

/// The cards of indicator `ind` for `view`'s area (only the charts it has figures for).
pub fn card_models(site: &Site, view: &View, ind: &crate::core::indicator::Indicator, recent: Recent) -> Vec<CardModel> {
    let choice = super::choice(site, view);
    let tables = site.tables();
    ind.charts
        .iter()
        .filter_map(|spec| build(&site.config, &tables, spec, &choice).map(|c| (spec, c)))
        .map(|(spec, mut chart)| {
            revision_notes(site, spec, &mut chart);
            let compare = site.official_part(spec, &choice.area).and_then(|(file, indicator, filters)| {
                let near = crate::web::components::compare_latest::neighbours(site, &file, &indicator, &filters, &choice.area)?;
                Some(compare_model(site, near, recent, file, indicator, filters, &choice.area, &spec.id))
            });
            CardModel { id: spec.id.clone(), sources: SourceTitles::of(&site.config, &chart), rank: site.rank_text(spec, &choice.area), compare, chart }
        })
        .collect()
}

/// Adds to a trend chart's notes the figures of the places it draws that the current
/// release of an official file revised (`Site::revisions`, from the build's
/// `slices/revisions/`), in the chart's existing notes.
fn revision_notes(site: &Site, spec: &crate::core::catalog::ChartSpec, chart: &mut Chart) {
    let Chart::Line(model) = chart else { return };
    if site.revisions.is_empty() {
        return;
    }
    let unit = |file: &str, indicator: &str| {
        site.file(file).and_then(|f| f.table.as_ref().ok()).and_then(|t| t.indicator_meta(indicator)).map_or_else(String::new, |m| m.unit.clone())
    };
    let units: Vec<String> = std::iter::once(unit(&spec.file, &spec.indicator)).chain(spec.joined.iter().map(|(f, r)| unit(f, &r.indicator))).collect();
    let mut parts: Vec<crate::core::revisions::Part> = vec![(spec.file.as_str(), spec.indicator.as_str(), spec.fixed.as_slice(), units[0].as_str())];
    for ((file, r), u) in spec.joined.iter().zip(&units[1..]) {
        parts.push((file.as_str(), r.indicator.as_str(), r.filters.as_slice(), u.as_str()));
    }
    let series: Vec<(&str, &str)> = model.series.iter().map(|s| (s.code.as_str(), s.name.as_str())).collect();
    let notes = crate::core::revisions::chart_notes(&site.revisions, &parts, &series);
    model.notes.extend(notes);
}

/// A chart's comparisons: drawn by the build when it can read every authority's latest
/// years (`recent`), or left to the page, which fetches them when asked for.
#[allow(clippy::too_many_arguments)]
fn compare_model(site: &Site, near: Comparison, recent: Recent, file: String, indicator: String, filters: Vec<(String, String)>, area: &str, id: &str) -> CompareModel {
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(t) = recent.and_then(|r| r(&file)) {
        let all = crate::core::compare::latest(&site.config, &t, &indicator, &filters, area, &crate::core::compare::Scope::All);
        return crate::web::components::compare_latest::drawn(&near, all.as_ref(), id);
    }
    let _ = (site, recent, id);
    #[cfg(not(feature = "light"))]
    return CompareModel::Live { near, all: crate::web::components::compare_latest::AllAuthorities { file, indicator, filters, area: area.to_string() } };
    #[cfg(feature = "light")]
    {
        let _ = (near, file, indicator, filters, area);
        unreachable!("the light program draws models, it does not make them")
    }
}

impl IndicatorModel {
    /// The page of indicator `slug` of `theme` for `view` of `site`; `None` when the theme
    /// has no such indicator.
    pub fn of(site: &Site, view: &View, theme: &str, slug: &str, recent: Recent) -> Option<IndicatorModel> {
        let (_, theme_title, themes) = THEME_PAGES.iter().find(|(id, _, _)| *id == theme)?;
        let list = indicators(&site.theme_specs(themes));
        let ind = find(&list, slug)?;
        let choice = super::choice(site, view);
        let meta = site.file(&ind.charts[0].file).and_then(|f| f.table.as_ref().ok()).and_then(|t| t.indicator_meta(&ind.charts[0].indicator).cloned());
        let position = list.iter().position(|i| i.slug == ind.slug).unwrap_or(0);
        let entry = |i: &crate::core::indicator::Indicator| (i.slug.clone(), i.label.clone());
        Some(IndicatorModel {
            brand: crate::web::app::Brand::of(&site.config),
            theme: theme.to_string(),
            theme_title: theme_title.to_string(),
            label: ind.label.clone(),
            area_name: site.place_name(&choice.area),
            group: ind.group.clone(),
            definition: meta.map(|m| m.definition).unwrap_or_default(),
            area_note: site.config.area_notes.get(&choice.area).cloned(),
            controls: ControlsModel::of(site, view),
            cards: card_models(site, view, ind, recent),
            prev: position.checked_sub(1).and_then(|p| list.get(p)).map(entry),
            next: list.get(position + 1).map(entry),
        })
    }

    /// The document's title.
    pub fn title(&self) -> String {
        format!("{}: {}", self.label, self.area_name)
    }
}

/// The breadcrumbs of a page of `theme`: Home, then the theme's overview.
fn crumbs(view: &View, theme: &str, theme_title: &str) -> Html {
    let overview = route::href(&View { tables: Vec::new(), ..view.with_page(Page::Theme(theme.to_string())) });
    let home = route::href(&view.with_page(Page::Home));
    html! {
        <nav class="breadcrumbs" aria-label="You are here">
            <ol>
                <li><a href={home}>{ "Home" }</a></li>
                <li><a href={overview}>{ theme_title.to_string() }</a></li>
            </ol>
        </nav>
    }
}

/// A chart card of `area` with its rank, comparisons and embed code, titled at heading
/// `level`. `fetch`: for the comparison with every authority when the model does not hold it.
pub fn card_view(card: &CardModel, view: &View, level: u8, area: &str, fetch: Option<AllFetcher>) -> Html {
    let id = card.id.clone();
    let on_tab = {
        let (view, id) = (view.clone(), id.clone());
        Callback::from(move |table: bool| route::go(&view.with_tab(&id, table)))
    };
    let compare = card.compare.as_ref().map(|model| html! {
        <CompareLatest model={Rc::new(model.clone())} fetch={fetch.clone()} id={id.clone()} />
    }).unwrap_or_default();
    let rank = card.rank.clone().map(AttrValue::from);
    html! {
        <ChartCard key={id.clone()} id={id.clone()} chart={Rc::new(card.chart.clone())} sources={Rc::new(card.sources.clone())} {rank} {compare} {level} area={area.to_string()}
            show_table={view.shows_table(&id)} {on_tab}>
            <EmbedCode id={id.clone()} title={card.chart.title().to_string()} view={view.clone()} />
        </ChartCard>
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub model: Rc<IndicatorModel>,
    pub view: View,
    /// For comparisons fetched when asked for (the app's; the light program's models hold them).
    #[prop_or_default]
    pub fetch: Option<AllFetcher>,
}

/// An indicator's page: its charts (the trend and its breakdowns) with tables,
/// comparisons, ranks, definition, notes, conflicts, sources, downloads and embed codes,
/// under its heading and the controls.
#[function_component]
pub fn IndicatorView(props: &Props) -> Html {
    let (m, view) = (&*props.model, &props.view);
    let overview = route::href(&View { tables: Vec::new(), ..view.with_page(Page::Theme(m.theme.clone())) });
    let area_name = &m.area_name;
    let neighbour = |i: &Option<(String, String)>, rel: &'static str| {
        i.as_ref().map(|(slug, label)| {
            let href = route::href(&View { tables: Vec::new(), ..view.with_page(Page::Indicator(m.theme.clone(), slug.clone())) });
            html! { <li class={rel}><a {href}>{ if rel == "prev" { "Previous: " } else { "Next: " } }{ label }</a></li> }
        })
    };
    let count = m.cards.len();
    html! {
        <>
            { crumbs(view, &m.theme, &m.theme_title) }
            <h1>{ &m.label }<span class="h1-area">{ format!(": {area_name}") }</span></h1>
            <p class="lede">{ format!("{} for {area_name}, from {}.", if count == 1 { "One chart".to_string() } else { format!("{count} charts") }, m.group) }</p>
            <Controls model={Rc::new(m.controls.clone())} view={view.clone()} />
            if !m.definition.is_empty() {
                <div class="definition"><h2 class="definition-title">{ "Definition" }</h2><p>{ &m.definition }</p></div>
            }
            if let Some(note) = &m.area_note {
                <p class="notice area-note">{ note }</p>
            }
            if m.cards.is_empty() {
                <p class="notice">{ format!("The sources publish no figures on this indicator for {area_name}. ") }<a href={overview.clone()}>{ "See the indicators they do publish" }</a>{ "." }</p>
            }
            { for m.cards.iter().map(|c| card_view(c, view, 2, &m.controls.area, props.fetch.clone())) }
            <nav class="pager" aria-label="Other indicators">
                <ul>
                    { neighbour(&m.prev, "prev").unwrap_or_default() }
                    <li class="up"><a href={overview}>{ format!("All indicators of {}", m.theme_title) }</a></li>
                    { neighbour(&m.next, "next").unwrap_or_default() }
                </ul>
            </nav>
        </>
    }
}

/// The page of indicator `slug` of `theme`, for the app (every chart of the theme for
/// [`ALL`]; a page saying so when there is no such indicator).
pub fn render(site: &Rc<Site>, view: &View, theme: &str, slug: &str, controls: Html) -> Html {
    let Some((_, theme_title, themes)) = THEME_PAGES.iter().find(|(id, _, _)| *id == theme) else { return Html::default() };
    if slug == ALL {
        let list = indicators(&site.theme_specs(themes));
        return every_chart(site, view, theme, &list, crumbs(view, theme, theme_title), controls);
    }
    match IndicatorModel::of(site, view, theme, slug, None) {
        Some(model) => html! { <IndicatorView model={Rc::new(model)} view={view.clone()} fetch={site.all_fetcher()} /> },
        None => {
            let overview = route::href(&View { tables: Vec::new(), ..view.with_page(Page::Theme(theme.to_string())) });
            html! {
                <>
                    { crumbs(view, theme, theme_title) }
                    <h1>{ "Indicator not found" }</h1>
                    <p>{ format!("There is no indicator called “{slug}” on this page. ") }<a href={overview}>{ format!("See every indicator of {theme_title}") }</a>{ "." }</p>
                    // Its file may be one that could not be read.
                    { for super::theme::failed_files(site, themes) }
                </>
            }
        }
    }
}

/// The slug of the page holding every chart of a theme (for printing a whole theme, or
/// checking every chart at once); no indicator has it, as chart ids name a file and a column.
pub const ALL: &str = "all";

/// Every chart of a theme on one page, under its indicator's name.
fn every_chart(site: &Rc<Site>, view: &View, theme: &str, list: &[crate::core::indicator::Indicator], crumbs: Html, controls: Html) -> Html {
    let (title, themes) = THEME_PAGES.iter().find(|(id, _, _)| *id == theme).map_or(("", &[][..]), |(_, t, th)| (*t, *th));
    let area = super::choice(site, view).area;
    let area_name = site.place_name(&area);
    let fetch = site.all_fetcher();
    // By data file, as the overview groups them; each chart's title names its indicator.
    let mut groups: Vec<(String, Vec<Html>)> = Vec::new();
    for i in list {
        let c: Vec<Html> = card_models(site, view, i, None).iter().map(|c| card_view(c, view, 3, &area, Some(fetch.clone()))).collect();
        if c.is_empty() {
            continue;
        }
        match groups.iter_mut().find(|(g, _)| *g == i.group) {
            Some((_, l)) => l.extend(c),
            None => groups.push((i.group.clone(), c)),
        }
    }
    let count: usize = groups.iter().map(|(_, c)| c.len()).sum();
    html! {
        <>
            { crumbs }
            <h1>{ format!("Every chart: {title}") }</h1>
            <p class="lede">{ format!("{count} charts for {area_name}, one after another, for printing or reading straight through. The overview lists them by indicator.") }</p>
            { controls }
            { for groups.into_iter().enumerate().map(|(n, (group, cards))| html! {
                <section class="chart-group" aria-labelledby={format!("group-{n}")}>
                    <h2 id={format!("group-{n}")}>{ group }</h2>
                    { for cards }
                </section>
            }) }
            { for super::theme::failed_files(site, themes) }
        </>
    }
}
