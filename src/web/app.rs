//! The application shell: loads the site once, then lays out the page.

use std::rc::Rc;

use yew::prelude::*;

use super::components::{ChartFigure, FileError};
use super::site::{self, Site};
use crate::core::chart::line_model;
use crate::core::error::DataError;

enum State {
    Loading,
    Failed(DataError),
    Ready(Rc<Site>),
}

#[function_component]
pub fn App() -> Html {
    let state = use_state(|| State::Loading);
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move {
                state.set(match site::load().await {
                    Ok(site) => State::Ready(site),
                    Err(e) => State::Failed(e),
                });
            });
        });
    }
    let body = match &*state {
        State::Loading => html! { <p class="loading" role="status">{ "Loading data…" }</p> },
        State::Failed(e) => html! { <FileError what="The dashboard's configuration" problems={vec![e.clone()]} /> },
        State::Ready(site) => looked_after_page(site),
    };
    let title = match &*state {
        State::Ready(site) => site.config.title.clone(),
        _ => "Children's safeguarding data".to_string(),
    };
    html! {
        <>
            <header class="site-header">
                <div class="wrap"><p class="site-title">{ title }</p></div>
            </header>
            <main id="main" class="wrap">{ body }</main>
            <footer class="site-footer">
                <div class="wrap">
                    <p>{ "Figures are taken from the published reports named under each chart. Data in the Department for Education's open-data format; see the data and sources for every file." }</p>
                </div>
            </footer>
        </>
    }
}

/// The first page: children looked after, for County Durham.
fn looked_after_page(site: &Site) -> Html {
    const AREA: &str = "E06000047";
    let chart = match site.file("cla-rate") {
        None => html! { <p>{ "No children looked after data is configured." }</p> },
        Some(file) => match &file.table {
            Err(problems) => html! { <FileError what={file.entry.title.clone()} problems={problems.clone()} /> },
            Ok(table) => match line_model(table, &site.config, &crate::core::chart::Selection::for_area(&site.config, "cla_rate", AREA)) {
                Some(model) => html! { <ChartFigure id="cla-rate" model={Rc::new(model)} /> },
                None => html! { <p>{ "No values are published for this area." }</p> },
            },
        },
    };
    html! {
        <>
            <h1>{ "Children looked after" }</h1>
            <p class="lede">{ "How many children the council looks after, per 10,000 children living in the area, compared with England and the region." }</p>
            { chart }
        </>
    }
}
