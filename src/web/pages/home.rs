//! Home: for the chosen area, one headline per theme, each linking to its page.

use yew::prelude::*;

use crate::core::catalog::resolve_area;
use crate::core::headline::{headline, Direction, Headline};
use crate::core::view::{Page, View, THEME_PAGES};
use crate::web::route;
use crate::web::site::Site;

fn find(site: &Site, theme: &str, area: &str) -> Option<Headline> {
    let candidates = site.config.headlines.get(theme)?;
    candidates.iter().find_map(|(file, indicator)| {
        let table = site.file(file)?.table.as_ref().ok()?;
        resolve_area(&site.config, table, area).into_iter().find_map(|(code, name)| headline(table, &site.config, indicator, &code, &name))
    })
}

pub fn render(site: &Site, view: &View) -> Html {
    let choice = super::choice(site, view);
    let area_name = site.place_name(&choice.area);
    let cards = THEME_PAGES.iter().map(|(id, title, _)| {
        let link = route::href(&view.with_page(Page::Theme(id.to_string())));
        let body = match find(site, id, &choice.area) {
            None => html! { <p class="headline-none">{ format!("No headline figure is published for {area_name}.") }</p> },
            Some(h) => {
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
            <p class="lede">{ "The latest published figure on each theme, how it changed since the period before, and how it compares with England. Every figure links to its charts, tables and sources." }</p>
            <ul class="headlines">{ for cards }</ul>
        </>
    }
}
