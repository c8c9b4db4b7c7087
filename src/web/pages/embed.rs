//! One chart alone, for an iframe on another site: the chart (with the view from the
//! URL), its source line, and a link to the full view. Controls unless `controls=0`.
//!
//! The page is drawn from an [`EmbedModel`]: worked out from the site for one view, by the
//! app in the browser or by the build, which writes it beside the prerendered page
//! (`model.bin`) so the light program ([`crate::web::light`]) makes the page interactive
//! without the data files.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::catalog::build;
use crate::core::chart::model::Chart;
use crate::core::export::SourceTitles;
use crate::core::view::{Page, View, THEME_PAGES};
use crate::web::components::{ChartCard, Controls, ControlsModel};
use crate::web::route;
use crate::web::site::Site;

/// Everything an embedded chart draws, for one view.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EmbedModel {
    /// The chart's id.
    pub id: String,
    /// The chart, or why there is none: a notice.
    pub chart: Result<Chart, String>,
    pub sources: SourceTitles,
    pub controls: ControlsModel,
    /// The indicator page that holds the chart, (theme, slug), for the "full view" link.
    pub indicator: Option<(String, String)>,
}

impl EmbedModel {
    /// The embed of chart `id` for `view` of `site`.
    pub fn of(site: &Site, view: &View, id: &str) -> EmbedModel {
        let tables = site.tables();
        let spec = THEME_PAGES.iter().find_map(|(_, _, themes)| site.theme_specs(themes).iter().find(|s| s.id == id).cloned());
        let choice = super::choice(site, view);
        let chart = match spec {
            None => Err(format!("There is no chart called “{id}” on this dashboard.")),
            Some(spec) => build(&site.config, &tables, &spec, &choice).ok_or_else(|| format!("No figures for {} on this measure.", site.place_name(&choice.area))),
        };
        let sources = chart.as_ref().map(|c| SourceTitles::of(&site.config, c)).unwrap_or_default();
        EmbedModel { id: id.to_string(), chart, sources, controls: ControlsModel::of(site, view), indicator: site.indicator_of(id) }
    }

    /// The document's title: the chart's (with its area), so a screen reader in the host
    /// page hears which chart and which area the frame holds.
    pub fn title(&self) -> Option<&str> {
        self.chart.as_ref().ok().map(Chart::title)
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub model: Rc<EmbedModel>,
    pub view: View,
}

#[function_component]
pub fn EmbedView(props: &Props) -> Html {
    let (model, view) = (&props.model, &props.view);
    let id = model.id.as_str();
    let mut full = view.with_page(match &model.indicator {
        Some((theme, slug)) => Page::Indicator(theme.clone(), slug.clone()),
        None => Page::Home,
    });
    full.tables = view.tables.clone();
    let full_href = route::absolute(&route::href(&full));
    let controls = (!view.hide_controls && model.indicator.is_some()).then(|| html! { <Controls model={Rc::new(model.controls.clone())} view={view.clone()} /> });
    html! {
        <>
            { controls.unwrap_or_default() }
            { match &model.chart {
                Ok(chart) => {
                    let on_tab = {
                        let (view, id) = (view.clone(), id.to_string());
                        Callback::from(move |table: bool| route::go(&view.with_tab(&id, table)))
                    };
                    html! { <ChartCard id={id.to_string()} chart={Rc::new(chart.clone())} sources={Rc::new(model.sources.clone())} show_table={view.shows_table(id)} {on_tab} level={1} area={model.controls.area.clone()} /> }
                }
                Err(notice) => html! { <p class="notice">{ notice }</p> },
            } }
            <p class="embed-link"><a href={full_href} target="_blank" rel="noopener">{ "See this chart with all the data on the dashboard (opens in a new tab)" }</a></p>
        </>
    }
}

/// The embed of chart `id`, for the app.
pub fn render(site: &Rc<Site>, view: &View, id: &str) -> Html {
    html! { <EmbedView model={Rc::new(EmbedModel::of(site, view, id))} view={view.clone()} /> }
}
