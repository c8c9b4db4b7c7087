//! One indicator's page: its charts (the trend and its breakdowns), each with its table,
//! comparisons, rank, definition, notes, conflicts, sources, downloads and embed code; the
//! theme overview it belongs to and its neighbours in the list are linked.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::export::SourceTitles;

use crate::core::catalog::build;
use crate::core::config::SiteConfig;
use crate::core::indicator::{find, indicators};
use crate::core::view::{Page, View, THEME_PAGES};
use crate::web::components::{ChartCard, CompareLatest, EmbedCode, SiteRef};
use crate::web::route;
use crate::web::site::Site;

/// The page, with `controls` (area, comparisons, years) under its heading.
pub fn render(site: &Rc<Site>, config: &Rc<SiteConfig>, view: &View, theme: &str, slug: &str, controls: Html) -> Html {
    let Some((_, theme_title, themes)) = THEME_PAGES.iter().find(|(id, _, _)| *id == theme) else { return Html::default() };
    let overview = route::href(&View { tables: Vec::new(), ..view.with_page(Page::Theme(theme.to_string())) });
    let home = route::href(&view.with_page(Page::Home));
    let crumbs = html! {
        <nav class="breadcrumbs" aria-label="You are here">
            <ol>
                <li><a href={home}>{ "Home" }</a></li>
                <li><a href={overview.clone()}>{ *theme_title }</a></li>
            </ol>
        </nav>
    };
    let specs = site.theme_specs(themes);
    let list = indicators(&specs);
    if slug == ALL {
        return every_chart(site, config, view, theme, &list, crumbs, controls);
    }
    let Some(ind) = find(&list, slug) else {
        return html! {
            <>
                { crumbs }
                <h1>{ "Indicator not found" }</h1>
                <p>{ format!("There is no indicator called “{slug}” on this page. ") }<a href={overview}>{ format!("See every indicator of {theme_title}") }</a>{ "." }</p>
                // Its file may be one that could not be read.
                { for super::theme::failed_files(site, themes) }
            </>
        };
    };
    let choice = super::choice(site, view);
    let area_name = site.place_name(&choice.area);
    let meta = site.file(&ind.charts[0].file).and_then(|f| f.table.as_ref().ok()).and_then(|t| t.indicator_meta(&ind.charts[0].indicator).cloned());
    let cards = cards(site, config, view, ind, 2);
    // Its neighbours in the overview's order.
    let position = list.iter().position(|i| i.slug == ind.slug).unwrap_or(0);
    let neighbour = |i: Option<&crate::core::indicator::Indicator>, rel: &'static str| {
        i.map(|i| {
            let href = route::href(&View { tables: Vec::new(), ..view.with_page(Page::Indicator(theme.to_string(), i.slug.clone())) });
            html! { <li class={rel}><a {href}>{ if rel == "prev" { "Previous: " } else { "Next: " } }{ &i.label }</a></li> }
        })
    };
    let prev = position.checked_sub(1).and_then(|p| list.get(p));
    let next = list.get(position + 1);
    html! {
        <>
            { crumbs }
            <h1>{ &ind.label }<span class="h1-area">{ format!(": {area_name}") }</span></h1>
            <p class="lede">{ format!("{} for {area_name}, from {}.", if cards.len() == 1 { "One chart".to_string() } else { format!("{} charts", cards.len()) }, ind.group) }</p>
            { controls }
            if let Some(m) = meta.as_ref().filter(|m| !m.definition.is_empty()) {
                <div class="definition"><h2 class="definition-title">{ "Definition" }</h2><p>{ &m.definition }</p></div>
            }
            if let Some(note) = site.config.area_notes.get(&choice.area) {
                <p class="notice area-note">{ note }</p>
            }
            if cards.is_empty() {
                <p class="notice">{ format!("The sources publish no figures on this indicator for {area_name}. ") }<a href={overview.clone()}>{ "See the indicators they do publish" }</a>{ "." }</p>
            }
            { for cards }
            <nav class="pager" aria-label="Other indicators">
                <ul>
                    { neighbour(prev, "prev").unwrap_or_default() }
                    <li class="up"><a href={overview}>{ format!("All indicators of {theme_title}") }</a></li>
                    { neighbour(next, "next").unwrap_or_default() }
                </ul>
            </nav>
        </>
    }
}

/// The slug of the page holding every chart of a theme (for printing a whole theme, or
/// checking every chart at once); no indicator has it, as chart ids name a file and a column.
pub const ALL: &str = "all";

/// The chart cards of an indicator for the view's area (only the charts it has figures
/// for), with titles at heading `level`.
fn cards(site: &Rc<Site>, config: &Rc<SiteConfig>, view: &View, ind: &crate::core::indicator::Indicator, level: u8) -> Vec<Html> {
    let choice = super::choice(site, view);
    let tables = site.tables();
    let site_ref = Rc::new(SiteRef(site.clone()));
    ind.charts
        .iter()
        .filter_map(|spec| build(&site.config, &tables, spec, &choice).map(|c| (spec, Rc::new(c))))
        .map(|(spec, chart)| {
            let id = spec.id.clone();
            let on_tab = {
                let (view, id) = (view.clone(), id.clone());
                Callback::from(move |table: bool| route::go(&view.with_tab(&id, table)))
            };
            let rank = site.rank_text(spec, &choice.area).map(AttrValue::from);
            let compare = site.official_part(spec, &choice.area).map(|(file, indicator, filters)| html! {
                <CompareLatest site={site_ref.clone()} file={file} indicator={indicator} {filters} area={choice.area.clone()} id={id.clone()} />
            }).unwrap_or_default();
            html! {
                <ChartCard key={id.clone()} id={id.clone()} chart={chart.clone()} sources={Rc::new(SourceTitles::of(config, &chart))} {rank} {compare} {level} area={choice.area.clone()}
                    show_table={view.shows_table(&id)} {on_tab}>
                    <EmbedCode id={id.clone()} title={chart.title().to_string()} view={view.clone()} />
                </ChartCard>
            }
        })
        .collect()
}

/// Every chart of a theme on one page, under its indicator's name.
fn every_chart(site: &Rc<Site>, config: &Rc<SiteConfig>, view: &View, theme: &str, list: &[crate::core::indicator::Indicator], crumbs: Html, controls: Html) -> Html {
    let (title, themes) = THEME_PAGES.iter().find(|(id, _, _)| *id == theme).map_or(("", &[][..]), |(_, t, th)| (*t, *th));
    let area_name = site.place_name(&super::choice(site, view).area);
    // By data file, as the overview groups them; each chart's title names its indicator.
    let mut groups: Vec<(String, Vec<Html>)> = Vec::new();
    for i in list {
        let c = cards(site, config, view, i, 3);
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
