//! Home: for the chosen area, one headline per theme, each linking to its page.

use yew::prelude::*;

use crate::core::catalog::{build, chart_for, resolve_area, ChartSpec};
use crate::core::headline::{from_model, headline, Direction, Headline};
use crate::core::view::{Page, View, THEME_PAGES};
use crate::web::route;
use crate::web::site::Site;

/// A headline found for a theme: the figure, the rank sentence, and the chart it is read
/// from (its id).
struct Found {
    headline: Headline,
    rank: Option<String>,
    chart: Option<String>,
}

/// The configured candidate with the newest figure for the area (the first listed among
/// equals). A candidate with a chart is read from the chart's own model, so the official and
/// report figures are joined as on the theme page, with the chart's comparators. When no
/// candidate has a figure for the area, the theme's first trend chart with one is used.
fn find(site: &Site, theme: &str, choice: &crate::core::catalog::Choice) -> Option<Found> {
    let themes: Vec<&str> = THEME_PAGES.iter().find(|(id, _, _)| *id == theme).map(|(_, _, t)| t.to_vec()).unwrap_or_default();
    let specs = site.theme_specs(&themes);
    let tables = site.tables();
    let choice = crate::core::catalog::Choice { years: None, lines: Vec::new(), ..choice.clone() };
    // `filters`: the candidate's filter values (a DfE file holding several measures in one
    // column): a rate's label names the one chosen ("Children looked after on 31 March per
    // 10,000 children under 18", not the file's "starting or ceasing").
    let from_spec_with = |spec: &ChartSpec, filters: &[(String, String)]| -> Option<Found> {
        let table = site.file(&spec.file)?.table.as_ref().ok()?;
        let Some(crate::core::chart::model::Chart::Line(m)) = build(&site.config, &tables, spec, &choice) else { return None };
        let meta = table.indicator_meta(&spec.indicator)?;
        let place = m.series[0].name.clone();
        let label = match (filters, crate::core::headline::label_parts(&meta.label).1) {
            ([(_, value)], Some(per)) => format!("{} {per}", value.trim().trim_end_matches(" each year")),
            _ => meta.label.clone(),
        };
        from_model(&m, &label, meta.polarity, &place).map(|h| Found { headline: h, rank: site.rank_text(spec, &choice.area), chart: Some(spec.id.clone()) })
    };
    let from_spec = |spec: &ChartSpec| from_spec_with(spec, &[]);
    let candidates = site.config.headlines.get(theme).cloned().unwrap_or_default();
    let found = candidates.iter().filter_map(|c| {
        let (file, indicator) = (c.file(), c.indicator());
        if let Some(spec) = chart_for(&specs, file, indicator, c.filters()).filter(|s| s.varies.is_none()) {
            return from_spec_with(spec, c.filters());
        }
        // A figure picked by filter values is read from its chart only.
        if !c.filters().is_empty() {
            return None;
        }
        let table = site.file(file)?.table.as_ref().ok()?;
        resolve_area(&site.config, table, &choice.area)
            .into_iter()
            .find_map(|(code, name)| headline(table, &site.config, indicator, &code, &name))
            .map(|h| Found { headline: h, rank: None, chart: None })
    });
    // Newest first; among equals, the first configured.
    let best = found.fold(None, |best: Option<Found>, next| match &best {
        Some(b) if b.headline.when.sort_key() >= next.headline.when.sort_key() => best,
        _ => Some(next),
    });
    best.or_else(|| specs.iter().filter(|s| s.varies.is_none()).find_map(from_spec))
}

pub fn render(site: &Site, view: &View) -> Html {
    let choice = super::choice(site, view);
    let area_name = site.place_name(&choice.area);
    let cards = THEME_PAGES.iter().map(|(id, title, _)| {
        let link = route::href(&view.with_page(Page::Theme(id.to_string())));
        let body = match find(site, id, &choice) {
            None => match super::no_theme_figures(site, id) {
                Some(none) => html! { <p class="headline-none">{ none }</p> },
                None => html! { <p class="headline-none">{ format!("No figures on this theme are published for {area_name} yet; the page lists what is published for other areas.") }</p> },
            },
            Some(Found { headline: h, rank, chart }) => {
                let arrow = match h.direction {
                    Some(Direction::Up) => "↑",
                    Some(Direction::Down) => "↓",
                    Some(Direction::Same) => "→",
                    None => "",
                };
                let chart_href = chart.map(|c| route::href(&View { page: Page::Indicator(id.to_string(), crate::core::indicator::slug_of(&c).to_string()), ..view.with_page(Page::Home) }));
                let age = crate::core::period::Date::parse(&site.config.updated).and_then(|d| h.age(d));
                html! {
                    <>
                        <p class="headline-label">{ &h.label }{ if h.place != area_name { format!(" ({})", h.place) } else { String::new() } }</p>
                        <p class="headline-figure">
                            <span class="headline-value">{ &h.figure }</span>{ " " }
                            if !h.words.is_empty() { <span class="headline-words">{ &h.words }</span> }<span class="visually-hidden">{ "," }</span>{ " " }
                            <span class="headline-date">{ if h.snapshot { format!("at {}", h.date) } else { h.date.clone() } }</span>
                        </p>
                        if let Some(a) = age { <p class="headline-age">{ format!("The newest figure published; {a}.") }</p> }
                        if let Some(change) = &h.change {
                            <p class="headline-change">
                                <span aria-hidden="true" class="arrow">{ arrow }</span>{ " " }
                                { change }
                                if let Some(j) = h.judgement { <strong class="judgement">{ format!(" ({j})") }</strong> }
                            </p>
                        }
                        if let Some(why) = &h.no_change { <p class="headline-change">{ format!("{}{}.", why[..1].to_uppercase(), &why[1..]) }</p> }
                        if let Some(e) = &h.versus_england { <p class="headline-england">{ e }</p> }
                        if !h.versus_others.is_empty() { <p class="headline-others">{ format!("{}.", h.versus_others.join("; ")) }</p> }
                        if let Some(r) = rank { <p class="headline-rank">{ r }</p> }
                        if let Some(href) = chart_href { <p class="headline-chart"><a href={href}>{ "See this figure's chart and table" }<span class="visually-hidden">{ format!(": {}", h.label) }</span></a></p> }
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
            <p class="lede">{ "The newest figure published on each theme and how old it is, how it changed since the last comparable figure, and how it compares with England, the region and statistical neighbours. Each figure links to its chart and table, and each theme to its page." }</p>
            if let Some(note) = site.config.area_notes.get(&choice.area) {
                <p class="notice area-note">{ note }</p>
            }
            <ul class="headlines">{ for cards }</ul>
        </>
    }
}

/// The home page as the light program draws it: the area control, and the headlines as the
/// build drew them (they have no controls of their own).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct HomeModel {
    pub brand: crate::web::app::Brand,
    pub controls: crate::web::components::ControlsModel,
    /// [`render`]'s HTML, drawn by the build.
    pub body: String,
}

impl HomeModel {
    #[cfg(not(target_arch = "wasm32"))]
    pub fn of(site: &Site, view: &View) -> HomeModel {
        HomeModel {
            brand: crate::web::app::Brand::of(&site.config),
            controls: crate::web::components::ControlsModel::of(site, view),
            body: crate::web::prerender::static_html(render(site, view)),
        }
    }
}

/// The page of `model` (as the app draws it: the area control, then the headlines).
pub fn view(model: &HomeModel, view: &View) -> Html {
    let controls = std::rc::Rc::new(model.controls.clone());
    html! {
        <>
            <crate::web::components::Controls model={controls} view={view.clone()} area_only=true />
            // Drawn by the build with the app's components: every text in it is escaped.
            { Html::from_html_unchecked(AttrValue::from(model.body.clone())) }
        </>
    }
}
