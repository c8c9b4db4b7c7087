//! One chart alone, for an iframe on another site: the chart (with the view from the
//! URL), its source line, and a link to the full view. Controls unless `controls=0`.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::catalog::{build, theme_charts_joined};
use crate::core::config::SiteConfig;
use crate::core::view::{Page, View, THEME_PAGES};
use crate::web::components::{ChartCard, Controls, SiteRef};
use crate::web::route;
use crate::web::site::Site;

pub fn render(site: &Rc<Site>, config: &Rc<SiteConfig>, view: &View, id: &str) -> Html {
    let tables = site.tables();
    let all: Vec<&str> = THEME_PAGES.iter().flat_map(|(_, _, t)| t.iter().copied()).collect();
    let spec = theme_charts_joined(Some(&site.config), &tables, &all).into_iter().find(|s| s.id == id);
    let Some(spec) = spec else {
        return html! { <p class="notice">{ format!("There is no chart called “{id}” on this dashboard.") }</p> };
    };
    let choice = super::choice(site, view);
    let chart = build(&site.config, &tables, &spec, &choice);
    // The indicator page that holds this chart, for the "full view" link.
    let page = match site.indicator_of(id) {
        Some((theme, slug)) => Page::Indicator(theme, slug),
        None => Page::Home,
    };
    let mut full = view.with_page(page);
    full.tables = view.tables.clone();
    let full_href = route::absolute(&route::href(&full));
    let controls = (!view.hide_controls).then(|| html! { <Controls site={Rc::new(SiteRef(site.clone()))} view={view.clone()} /> });
    html! {
        <>
            { controls.unwrap_or_default() }
            { match chart {
                Some(chart) => {
                    let on_tab = {
                        let (view, id) = (view.clone(), id.to_string());
                        Callback::from(move |table: bool| route::go(&view.with_tab(&id, table)))
                    };
                    html! { <ChartCard id={id.to_string()} chart={Rc::new(chart)} config={config.clone()} show_table={view.shows_table(id)} {on_tab} level={1} area={choice.area.clone()} /> }
                }
                None => html! { <p class="notice">{ format!("No figures for {} on this measure.", site.place_name(&choice.area)) }</p> },
            } }
            <p class="embed-link"><a href={full_href} target="_blank" rel="noopener">{ "See this chart with all the data on the dashboard (opens in a new tab)" }</a></p>
        </>
    }
}
