//! A theme overview: one row per indicator (latest figure, change, comparisons, rank and a
//! small trend), grouped by data file, each linking to the indicator's own page; a box
//! filters the rows by name. A file that failed shows its error where its rows would be
//! (in the order of `site.json`), so the rest of the page is drawn as usual.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::catalog::build;
use crate::core::headline::Direction;
use crate::core::indicator::{haystack, indicators, matches_text, row, Row};
use crate::core::scorecard::sparkline;
use crate::core::view::{Page, View, THEME_PAGES};
use crate::web::components::{Controls, ControlsModel, FileError, SiteRef};
use crate::web::route;
use crate::web::site::Site;

/// An overview row with what the site adds to the core's: the area's rank in words.
#[derive(Clone, Debug, PartialEq)]
pub struct Listed {
    row: Row,
    rank: Option<String>,
}

/// The theme's indicators for the view's area, with their rows, grouped (group, rows) in
/// catalog order, and the labels of indicators with no figures for the area.
fn rows(site: &Site, view: &View, theme: &str) -> (Vec<(String, Vec<Listed>)>, Vec<(String, String)>) {
    let Some((_, _, themes)) = THEME_PAGES.iter().find(|(id, _, _)| *id == theme) else { return Default::default() };
    let choice = super::choice(site, view);
    let tables = site.tables();
    let specs = site.theme_specs(themes);
    let mut groups: Vec<(String, Vec<Listed>)> = Vec::new();
    let mut missing = Vec::new();
    for ind in indicators(&specs) {
        let built: Vec<Option<crate::core::chart::model::Chart>> = ind.charts.iter().map(|s| build(&site.config, &tables, s, &choice)).collect();
        let refs: Vec<Option<&crate::core::chart::model::Chart>> = built.iter().map(Option::as_ref).collect();
        let polarity = site.file(&ind.charts[0].file).and_then(|f| f.table.as_ref().ok()).and_then(|t| t.indicator_meta(&ind.charts[0].indicator)).map(|m| m.polarity).unwrap_or_default();
        let Some(r) = row(&ind, &refs, polarity) else {
            missing.push((ind.slug.clone(), ind.label.clone()));
            continue;
        };
        let first = ind.charts.iter().zip(&built).find(|(_, b)| b.is_some()).map(|(s, _)| s);
        let rank = first.and_then(|s| site.rank_text(s, &choice.area));
        let listed = Listed { row: r, rank };
        match groups.iter_mut().find(|(g, _)| *g == ind.group) {
            Some((_, list)) => list.push(listed),
            None => groups.push((ind.group.clone(), vec![listed])),
        }
    }
    (groups, missing)
}

/// One row of the overview as drawn.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Item {
    /// What the filter reads ([`haystack`]).
    pub hay: String,
    /// How many charts its page holds.
    pub charts: usize,
    pub body: ItemBody,
}

/// A row's content.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ItemBody {
    /// Drawn by the build, for the light program: [`item`]'s HTML. (First: its index in
    /// `model.bin` is the same for the light program, which has only this one.)
    Drawn(String),
    /// Drawn by the page (the app).
    #[cfg(not(feature = "light"))]
    #[serde(skip)]
    Live(Box<Listed>),
}

/// Everything a theme overview draws, for one view.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct OverviewModel {
    pub brand: crate::web::app::Brand,
    pub theme: String,
    pub title: String,
    pub area_name: String,
    pub area_note: Option<String>,
    pub controls: ControlsModel,
    /// Rows by group, in catalog order.
    pub groups: Vec<(String, Vec<Item>)>,
    /// Indicators with no figures for the area: (slug, label).
    pub missing: Vec<(String, String)>,
    /// The sections of files that failed to load ([`failed_files`]), drawn by the build.
    pub failed: String,
    /// Why the page has no rows when no file of the site has figures on the theme
    /// ([`super::no_theme_figures`]).
    pub none: Option<String>,
}

impl OverviewModel {
    /// The overview of `theme` for `view` of `site`; its rows drawn as HTML when `drawn`
    /// (by the build, for the light program).
    pub fn of(site: &Site, view: &View, theme: &str, drawn: bool) -> OverviewModel {
        let (groups, missing) = rows(site, view, theme);
        let choice = super::choice(site, view);
        let title = THEME_PAGES.iter().find(|(id, _, _)| *id == theme).map_or(theme, |(_, t, _)| t);
        let items = |list: Vec<Listed>| -> Vec<Item> {
            list.into_iter().map(|l| Item { hay: haystack(&l.row), charts: l.row.charts, body: body(view, theme, l, drawn) }).collect()
        };
        #[cfg(not(target_arch = "wasm32"))]
        let failed = match drawn {
            true => crate::web::prerender::static_html(html! { <>{ for failed_files(site, THEME_PAGES.iter().find(|(id, _, _)| *id == theme).map_or(&[][..], |(_, _, t)| *t)) }</> }),
            false => String::new(),
        };
        #[cfg(target_arch = "wasm32")]
        let failed = String::new();
        OverviewModel {
            brand: crate::web::app::Brand::of(&site.config),
            theme: theme.to_string(),
            title: title.to_string(),
            area_name: site.place_name(&choice.area),
            area_note: site.config.area_notes.get(&choice.area).cloned(),
            controls: ControlsModel::of(site, view),
            groups: groups.into_iter().map(|(g, list)| (g, items(list))).collect(),
            missing,
            failed,
            none: super::no_theme_figures(site, theme),
        }
    }
}

/// A row's content: drawn as HTML when `drawn` (by the build), else left to the page.
fn body(view: &View, theme: &str, l: Listed, drawn: bool) -> ItemBody {
    #[cfg(not(target_arch = "wasm32"))]
    if drawn {
        return ItemBody::Drawn(crate::web::prerender::static_html(item(view, theme, &l)));
    }
    let _ = (view, theme, drawn);
    #[cfg(not(feature = "light"))]
    return ItemBody::Live(Box::new(l));
    #[cfg(feature = "light")]
    {
        drop(l);
        unreachable!("the light program draws models, it does not make them")
    }
}

#[derive(Properties, PartialEq)]
pub struct PageProps {
    pub site: Rc<SiteRef>,
    pub view: View,
    pub theme: AttrValue,
}

/// The overview as the app draws it: its model worked out once per site, view and theme.
#[function_component]
pub fn OverviewPage(props: &PageProps) -> Html {
    let model = use_memo((props.site.clone(), props.view.clone(), props.theme.clone()), |(s, v, t)| OverviewModel::of(&s.0, v, t, false));
    let themes = THEME_PAGES.iter().find(|(id, _, _)| *id == props.theme.as_str()).map_or(&[][..], |(_, _, t)| *t);
    let failed = html! { <>{ for failed_files(&props.site.0, themes) }</> };
    html! { <Overview model={model} view={props.view.clone()} {failed} /> }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub model: Rc<OverviewModel>,
    pub view: View,
    /// The sections of files that failed to load, in place of their rows.
    #[prop_or_default]
    pub failed: Html,
}

#[function_component]
pub fn Overview(props: &Props) -> Html {
    let (m, view) = (&*props.model, &props.view);
    let filter = use_state(String::new);
    let area_name = &m.area_name;
    let total: usize = m.groups.iter().map(|(_, l)| l.len()).sum();
    let shown = |i: &Item| matches_text(&i.hay, &filter);
    let showing: usize = m.groups.iter().flat_map(|(_, l)| l.iter()).filter(|i| shown(i)).count();
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| filter.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    // No file of the site has figures on the theme (a site of the official statistics only,
    // on training or child deaths): say so, with nothing to choose or filter.
    if let (0, Some(none)) = (total, &m.none) {
        return html! {
            <>
                <h1>{ &m.title }</h1>
                <p class="notice no-figures">{ none }</p>
                { props.failed.clone() }
            </>
        };
    }
    let theme = m.theme.clone();
    // Drawn by the build with the app's components: every text in it is escaped.
    let draw = |i: &Item| match &i.body {
        ItemBody::Drawn(html) => Html::from_html_unchecked(AttrValue::from(html.clone())),
        #[cfg(not(feature = "light"))]
        ItemBody::Live(l) => item(view, &theme, l),
    };
    html! {
        <>
            <h1>{ &m.title }</h1>
            <p class="lede">{ format!("{total} {} for {area_name}: the latest figure of each, its change since the last comparable figure, how it compares and its trend. Choose an indicator for its charts, tables, sources and downloads.", if total == 1 { "indicator" } else { "indicators" }) }</p>
            <Controls model={Rc::new(m.controls.clone())} view={view.clone()} />
            if let Some(note) = &m.area_note {
                <p class="notice area-note">{ note }</p>
            }
            if total > 5 {
                <div class="indicator-filter">
                    <label for="indicator-filter">{ "Filter the indicators by name" }</label>
                    <input id="indicator-filter" type="search" autocomplete="off" value={(*filter).clone()} oninput={on_filter} />
                    <p class="filter-count" aria-live="polite">{ if filter.trim().is_empty() { String::new() } else { format!("{showing} of {total} indicators match") } }</p>
                </div>
            }
            { for m.groups.iter().enumerate().filter(|(_, (_, l))| l.iter().any(shown)).map(|(i, (group, list))| {
                // The first groups are open; the others show their name and size until opened
                // (or until a filter matches in them), so the whole list fits a few screens.
                let open = i < OPEN_GROUPS || !filter.trim().is_empty();
                html! {
                    <details class="indicator-group" id={format!("group-{i}")} {open}>
                        <summary><h2 class="indicator-group-title">{ group }</h2>
                            <span class="indicator-count">{ format!(" {} {}", list.len(), if list.len() == 1 { "indicator" } else { "indicators" }) }</span></summary>
                        <ul class="indicator-list">
                            { for list.iter().filter(|l| shown(l)).map(draw) }
                        </ul>
                    </details>
                }
            }) }
            { props.failed.clone() }
            if total == 0 {
                <p class="notice">{ format!("The source documents publish no figures on this theme for {area_name}. Choose another area above.") }</p>
            }
            if showing == 0 && total > 0 {
                <p class="notice">{ "No indicator on this page matches that filter." }</p>
            }
            if total > 0 {
                <p class="every-chart"><a href={route::href(&View { tables: Vec::new(), ..view.with_page(Page::Indicator(theme.clone(), super::indicator::ALL.to_string())) })}>
                    { format!("Every chart of this theme on one page ({} charts; long, for printing or reading straight through)", m.groups.iter().flat_map(|(_, l)| l.iter()).map(|i| i.charts).sum::<usize>()) }</a></p>
            }
            if !m.missing.is_empty() {
                <details class="missing">
                    <summary>{ format!("{} measures have no figures for {area_name}", m.missing.len()) }</summary>
                    <ul>{ for m.missing.iter().map(|(slug, label)| {
                        let href = route::href(&View { tables: Vec::new(), ..view.with_page(Page::Indicator(theme.clone(), slug.clone())) });
                        html! { <li><a {href}>{ label }</a></li> }
                    }) }</ul>
                </details>
            }
        </>
    }
}

/// Groups open before the reader opens any.
const OPEN_GROUPS: usize = 2;

/// A section per file of `themes` that failed to load, with its problems, in the order of
/// `site.json`. A file with no theme in site.json could hold charts of any theme: its error
/// shows on every theme's pages.
pub fn failed_files(site: &Site, themes: &[&str]) -> Vec<Html> {
    site.files
        .iter()
        .filter_map(|f| f.table.as_ref().err().map(|problems| (&f.entry, problems)))
        .filter(|(e, _)| e.theme.is_empty() || themes.contains(&e.theme.as_str()))
        .map(|(e, problems)| {
            let heading = format!("failed-{}", e.id);
            html! {
                <section class="chart-group" aria-labelledby={heading.clone()}>
                    <h2 id={heading} tabindex="-1">{ &e.title }</h2>
                    <FileError what={e.title.clone()} problems={problems.clone()} />
                </section>
            }
        })
        .collect()
}

/// One indicator's card: its name (the link), the latest figure, change, comparisons and
/// rank, and its trend.
#[cfg_attr(feature = "light", allow(dead_code))]
fn item(view: &View, theme: &str, l: &Listed) -> Html {
    let r = &l.row;
    let href = route::href(&View { tables: Vec::new(), ..view.with_page(Page::Indicator(theme.to_string(), r.slug.clone())) });
    let h = r.headline.as_ref();
    let arrow = match h.and_then(|h| h.direction) {
        Some(Direction::Up) => "↑",
        Some(Direction::Down) => "↓",
        Some(Direction::Same) => "→",
        None => "",
    };
    let trend = r.span.as_ref().filter(|_| r.spark.len() > 1).map(|(a, b)| {
        html! {
            <div class="indicator-trend">
                { Html::from_html_unchecked(AttrValue::from(sparkline(&r.spark, 120, 32))) }
                <span class="visually-hidden">{ format!("Trend: {} figures from {a} to {b}.", r.spark.len()) }</span>
            </div>
        }
    });
    let breakdowns = (!r.breakdowns.is_empty()).then(|| format!("Also by {}.", r.breakdowns.join(" and by ")));
    html! {
        <li class="indicator-item">
            <div class="indicator-main">
                <h3 class="indicator-name"><a {href}>{ &r.label }</a></h3>
                { match h {
                    Some(h) => html! {
                        <>
                            <p class="indicator-figure"><span class="indicator-value">{ &h.figure }</span>
                                if !h.words.is_empty() { { " " }<span class="indicator-words">{ &h.words }</span> }{ ", " }
                                <span class="indicator-date">{ if h.snapshot { format!("at {}", h.date) } else { h.date.clone() } }</span></p>
                            if let Some(change) = &h.change {
                                <p class="indicator-change"><span aria-hidden="true" class="arrow">{ arrow }</span>{ " " }{ change }
                                    if let Some(j) = h.judgement { <strong class="judgement">{ format!(" ({j})") }</strong> }</p>
                            }
                            if let Some(why) = &h.no_change { <p class="indicator-change">{ format!("{}{}.", why[..1].to_uppercase(), &why[1..]) }</p> }
                            if h.versus_england.is_some() || !h.versus_others.is_empty() {
                                <p class="indicator-compare">{ h.versus_england.iter().chain(h.versus_others.iter()).cloned().collect::<Vec<_>>().join("; ") }{ "." }</p>
                            }
                        </>
                    },
                    None => html! { <p class="indicator-figure">{ format!("{} {} by category: see its page.", r.charts, if r.charts == 1 { "chart" } else { "charts" }) }</p> },
                } }
                if let Some(rank) = &l.rank { <p class="indicator-rank">{ rank }</p> }
                if let Some(b) = breakdowns { <p class="indicator-breakdowns">{ b }</p> }
            </div>
            { trend.unwrap_or_default() }
        </li>
    }
}
