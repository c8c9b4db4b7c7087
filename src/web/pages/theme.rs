//! A theme overview: one row per indicator (latest figure, change, comparisons, rank and a
//! small trend), grouped by data file, each linking to the indicator's own page; a box
//! filters the rows by name. A file that failed shows its error where its rows would be
//! (in the order of `site.json`), so the rest of the page is drawn as usual.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::catalog::build;
use crate::core::headline::Direction;
use crate::core::indicator::{indicators, matches, row, Row};
use crate::core::scorecard::sparkline;
use crate::core::view::{Page, View, THEME_PAGES};
use crate::web::components::{FileError, SiteRef};
use crate::web::route;
use crate::web::site::Site;

/// An overview row with what the site adds to the core's: the area's rank in words.
#[derive(Clone, PartialEq)]
struct Listed {
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

#[derive(Properties, PartialEq)]
pub struct Props {
    pub site: Rc<SiteRef>,
    pub view: View,
    pub theme: AttrValue,
    /// The area, comparison and year controls, placed under the heading.
    pub controls: Html,
}

#[function_component]
pub fn Overview(props: &Props) -> Html {
    let site = &props.site.0;
    let view = &props.view;
    let filter = use_state(String::new);
    let built = use_memo((props.site.clone(), view.clone(), props.theme.clone()), |(s, v, t)| rows(&s.0, v, t));
    let (groups, missing) = &*built;
    let Some((_, title, themes)) = THEME_PAGES.iter().find(|(id, _, _)| *id == props.theme.as_str()) else { return Html::default() };
    let choice = super::choice(site, view);
    let area_name = site.place_name(&choice.area);
    let total: usize = groups.iter().map(|(_, l)| l.len()).sum();
    let shown = |l: &Listed| matches(&l.row, &filter);
    let showing: usize = groups.iter().flat_map(|(_, l)| l.iter()).filter(|l| shown(l)).count();
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| filter.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let failed = failed_files(site, themes);
    let theme = props.theme.to_string();
    html! {
        <>
            <h1>{ *title }</h1>
            <p class="lede">{ format!("{total} {} for {area_name}: the latest figure of each, its change since the last comparable figure, how it compares and its trend. Choose an indicator for its charts, tables, sources and downloads.", if total == 1 { "indicator" } else { "indicators" }) }</p>
            { props.controls.clone() }
            if let Some(note) = site.config.area_notes.get(&choice.area) {
                <p class="notice area-note">{ note }</p>
            }
            if total > 5 {
                <div class="indicator-filter">
                    <label for="indicator-filter">{ "Filter the indicators by name" }</label>
                    <input id="indicator-filter" type="search" autocomplete="off" value={(*filter).clone()} oninput={on_filter} />
                    <p class="filter-count" aria-live="polite">{ if filter.trim().is_empty() { String::new() } else { format!("{showing} of {total} indicators match") } }</p>
                </div>
            }
            { for groups.iter().enumerate().filter(|(_, (_, l))| l.iter().any(shown)).map(|(i, (group, list))| {
                // The first groups are open; the others show their name and size until opened
                // (or until a filter matches in them), so the whole list fits a few screens.
                let open = i < OPEN_GROUPS || !filter.trim().is_empty();
                html! {
                    <details class="indicator-group" id={format!("group-{i}")} {open}>
                        <summary><h2 class="indicator-group-title">{ group }</h2>
                            <span class="indicator-count">{ format!(" {} {}", list.len(), if list.len() == 1 { "indicator" } else { "indicators" }) }</span></summary>
                        <ul class="indicator-list">
                            { for list.iter().filter(|l| shown(l)).map(|l| item(view, &theme, l)) }
                        </ul>
                    </details>
                }
            }) }
            { for failed }
            if total == 0 {
                <p class="notice">{ format!("The source documents publish no figures on this theme for {area_name}. Choose another area above.") }</p>
            }
            if showing == 0 && total > 0 {
                <p class="notice">{ "No indicator on this page matches that filter." }</p>
            }
            if total > 0 {
                <p class="every-chart"><a href={route::href(&View { tables: Vec::new(), ..view.with_page(Page::Indicator(theme.clone(), super::indicator::ALL.to_string())) })}>
                    { format!("Every chart of this theme on one page ({} charts; long, for printing or reading straight through)", groups.iter().flat_map(|(_, l)| l.iter()).map(|l| l.row.charts).sum::<usize>()) }</a></p>
            }
            if !missing.is_empty() {
                <details class="missing">
                    <summary>{ format!("{} measures have no figures for {area_name}", missing.len()) }</summary>
                    <ul>{ for missing.iter().map(|(slug, label)| {
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
                            <p class="indicator-figure"><span class="indicator-value">{ &h.figure }</span>{ " " }
                                if !h.words.is_empty() { <span class="indicator-words">{ &h.words }</span> }{ ", " }
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
