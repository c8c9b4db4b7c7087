//! Home: for the chosen area, one headline per theme, each linking to its page.

use yew::prelude::*;

use crate::core::catalog::{build, resolve_area};
use crate::core::headline::{from_model, headline, Direction, Headline};
use crate::core::view::{Page, View, THEME_PAGES};
use crate::web::route;
use crate::web::site::Site;

/// The configured candidate with the newest figure for the area (the first listed among
/// equals), with its chart's id. A candidate that is part of a measure is read from the
/// measure's chart, so the official and report figures are joined as on the theme page
/// (the newest official year shows for any authority), with the chart's comparators.
fn find(site: &Site, theme: &str, choice: &crate::core::catalog::Choice) -> Option<(Headline, Option<String>)> {
    let candidates = site.config.headlines.get(theme)?;
    let themes: Vec<&str> = THEME_PAGES.iter().find(|(id, _, _)| *id == theme).map(|(_, _, t)| t.to_vec()).unwrap_or_default();
    let specs = site.theme_specs(&themes);
    let tables = site.tables();
    let choice = crate::core::catalog::Choice { years: None, lines: Vec::new(), ..choice.clone() };
    let found = candidates.iter().filter_map(|(file, indicator)| {
        let table = site.file(file)?.table.as_ref().ok()?;
        if site.config.measure_of(file, indicator).is_some() {
            let spec = specs.iter().find(|s| s.file == *file && s.indicator == *indicator && s.varies.is_none() && !s.joined.is_empty())?;
            let Some(crate::core::chart::model::Chart::Line(m)) = build(&site.config, &tables, spec, &choice) else { return None };
            let meta = table.indicator_meta(indicator)?;
            let place = m.series[0].name.clone();
            return from_model(&m, &meta.label, meta.polarity, &place).map(|h| (h, site.rank_text(spec, &choice.area)));
        }
        resolve_area(&site.config, table, &choice.area).into_iter().find_map(|(code, name)| headline(table, &site.config, indicator, &code, &name)).map(|h| (h, None))
    });
    // Newest first; among equals, the first configured.
    found.fold(None, |best: Option<(Headline, Option<String>)>, next| match &best {
        Some((b, _)) if b.when.sort_key() >= next.0.when.sort_key() => best,
        _ => Some(next),
    })
}

pub fn render(site: &Site, view: &View) -> Html {
    let choice = super::choice(site, view);
    let area_name = site.place_name(&choice.area);
    let cards = THEME_PAGES.iter().map(|(id, title, _)| {
        let link = route::href(&view.with_page(Page::Theme(id.to_string())));
        let body = match find(site, id, &choice) {
            None => html! { <p class="headline-none">{ format!("No headline figure is published for {area_name}.") }</p> },
            Some((h, rank)) => {
                let arrow = match h.direction {
                    Some(Direction::Up) => "↑",
                    Some(Direction::Down) => "↓",
                    Some(Direction::Same) => "→",
                    None => "",
                };
                html! {
                    <>
                        <p class="headline-label">{ &h.label }{ if h.place != area_name { format!(" ({})", h.place) } else { String::new() } }</p>
                        <p class="headline-value">{ &h.value }</p>
                        <p class="headline-period">{ &h.period }{ h.counted_at.as_ref().map(|d| format!(", counted {d}")).unwrap_or_default() }</p>
                        if let Some(change) = &h.change {
                            <p class="headline-change">
                                <span aria-hidden="true" class="arrow">{ arrow }</span>{ " " }
                                { change }
                                if let Some(j) = h.judgement { <strong class="judgement">{ format!(" ({j})") }</strong> }
                            </p>
                        }
                        if let Some(e) = &h.versus_england { <p class="headline-england">{ e }</p> }
                        if !h.versus_others.is_empty() { <p class="headline-others">{ format!("{}.", h.versus_others.join("; ")) }</p> }
                        if let Some(r) = rank { <p class="headline-rank">{ r }</p> }
                    </>
                }
            }
        };
        html! {
            <li class="headline-card">
                <h2><a href={link}>{ *title }</a></h2>
                { body }
            </li>
        }
    });
    html! {
        <>
            <h1>{ format!("Children's safeguarding in {area_name}") }</h1>
            <p class="lede">{ "The latest published figure on each theme, how it changed since the period before, and how it compares with England, the region and statistical neighbours. Every figure links to its charts, tables and sources." }</p>
            if let Some(note) = site.config.area_notes.get(&choice.area) {
                <p class="notice area-note">{ note }</p>
            }
            <ul class="headlines">{ for cards }</ul>
        </>
    }
}
