//! A theme page: every chart the data holds for the theme, grouped by data file, for
//! the chosen area; a file that failed shows its error where its charts would be (in
//! the order of `site.json`), so the rest of the page is drawn as usual.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::catalog::{build, ChartSpec};
use crate::core::config::SiteConfig;
use crate::core::view::{View, THEME_PAGES};
use crate::web::components::{ChartCard, CompareLatest, EmbedCode, FileError, SiteRef};
use crate::web::route;
use crate::web::site::Site;

pub fn render(site: &Rc<Site>, config: &Rc<SiteConfig>, view: &View, theme: &str) -> Html {
    let Some((_, title, themes)) = THEME_PAGES.iter().find(|(id, _, _)| *id == theme) else { return Html::default() };
    let choice = super::choice(site, view);
    let site_ref = Rc::new(SiteRef(site.clone()));
    let area_name = site.place_name(&choice.area);
    let tables = site.tables();
    let specs = site.theme_specs(themes);
    let mut groups: Vec<(String, Vec<(ChartSpec, Rc<crate::core::chart::model::Chart>)>)> = Vec::new();
    let mut missing: Vec<String> = Vec::new();
    for spec in specs.iter().cloned() {
        if !tables.iter().any(|(e, _)| e.id == spec.file) {
            continue;
        }
        match build(&site.config, &tables, &spec, &choice) {
            Some(chart) => {
                match groups.iter_mut().find(|(g, _)| *g == spec.group) {
                    Some((_, list)) => list.push((spec, Rc::new(chart))),
                    None => groups.push((spec.group.clone(), vec![(spec, Rc::new(chart))])),
                }
            }
            None => {
                if !missing.contains(&spec.label) {
                    missing.push(spec.label.clone());
                }
            }
        }
    }
    // Files of this theme that failed to load, by position in site.json. A file with no
    // theme in site.json could hold charts of any theme: its error shows on every theme page.
    let failed: Vec<(usize, Html)> = site
        .files
        .iter()
        .enumerate()
        .filter_map(|(i, f)| f.table.as_ref().err().map(|problems| (i, &f.entry, problems)))
        .filter(|(_, e, _)| e.theme.is_empty() || themes.contains(&e.theme.as_str()))
        .map(|(i, e, problems)| {
            let heading = format!("failed-{}", e.id);
            (i, html! {
                <section class="chart-group" aria-labelledby={heading.clone()}>
                    <h2 id={heading} tabindex="-1">{ &e.title }</h2>
                    <FileError what={e.title.clone()} problems={problems.clone()} />
                </section>
            })
        })
        .collect();
    // Position in site.json of each group's file, to place failed files among them.
    let position = |group: &(String, Vec<(ChartSpec, Rc<crate::core::chart::model::Chart>)>)| {
        group.1.first().and_then(|(spec, _)| site.files.iter().position(|f| f.entry.id == spec.file)).unwrap_or(usize::MAX)
    };
    let count: usize = groups.iter().map(|(_, l)| l.len()).sum();
    let toc = groups.iter().enumerate().map(|(i, (g, list))| {
        let target = format!("group-{i}");
        let onclick = Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&target)) {
                el.scroll_into_view();
                if let Ok(h) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                    let _ = h.focus();
                }
            }
        });
        html! { <li><a href={route::href(view)} {onclick}>{ g }</a>{ format!(" ({})", list.len()) }</li> }
    });
    html! {
        <>
            <h1>{ *title }</h1>
            <p class="lede">{ format!("{count} {} for {area_name}, with the comparisons the sources publish.", if count == 1 { "chart" } else { "charts" }) }</p>
            if let Some(note) = site.config.area_notes.get(&choice.area) {
                <p class="notice area-note">{ note }</p>
            }
            if count > 3 {
                <nav class="toc" aria-label="On this page">
                    <h2 class="toc-title">{ "On this page" }</h2>
                    <ul>{ for toc }</ul>
                </nav>
            }
            { for groups.iter().enumerate().map(|(i, g)| {
                let before: Vec<Html> = failed.iter().filter(|(f, _)| *f < position(g) && (i == 0 || *f > position(&groups[i - 1]))).map(|(_, h)| h.clone()).collect();
                let (group, list) = g;
                html! { <>{ for before }
                <section class="chart-group" aria-labelledby={format!("group-{i}")}>
                    <h2 id={format!("group-{i}")} tabindex="-1">{ group }</h2>
                    { for list.iter().map(|(spec, chart)| {
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
                            <ChartCard key={id.clone()} id={id.clone()} chart={chart.clone()} config={config.clone()} {rank} {compare}
                                show_table={view.shows_table(&id)} {on_tab}>
                                <EmbedCode id={id.clone()} title={chart.title().to_string()} view={view.clone()} />
                            </ChartCard>
                        }
                    }) }
                </section>
                </> }
            }) }
            { for failed.iter().filter(|(f, _)| groups.last().is_none_or(|g| *f > position(g))).map(|(_, h)| h.clone()) }
            if count == 0 {
                <p class="notice">{ format!("The source documents publish no figures on this theme for {area_name}. Choose another area above.") }</p>
            }
            if !missing.is_empty() {
                <details class="missing">
                    <summary>{ format!("{} measures have no figures for {area_name}", missing.len()) }</summary>
                    <ul>{ for missing.iter().map(|m| html! { <li>{ m }</li> }) }</ul>
                </details>
            }
        </>
    }
}
