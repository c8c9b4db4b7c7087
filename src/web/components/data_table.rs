//! The accessible table view of a chart: same model, same values, with counts.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::chart::{table_rows, LineModel};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub model: Rc<LineModel>,
}

#[function_component]
pub fn DataTable(props: &Props) -> Html {
    let model = &props.model;
    let rows = table_rows(model);
    let has_dates = rows.iter().any(|r| r.counted_at.is_some());
    html! {
        <div class="table-wrap" tabindex="0" role="region" aria-label={format!("Data table: {}", model.title)}>
            <table class="data-table">
                <caption>
                    { &model.title }
                    <span class="caption-detail">{ format!(" {}", model.subtitle) }</span>
                </caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Period" }</th>
                        if has_dates { <th scope="col">{ "Counted at" }</th> }
                        { for model.series.iter().map(|s| html! { <th scope="col" class="num">{ &s.name }</th> }) }
                    </tr>
                </thead>
                <tbody>
                    { for rows.iter().map(|r| html! {
                        <tr>
                            <th scope="row">{ &r.period }</th>
                            if has_dates { <td>{ r.counted_at.clone().unwrap_or_default() }</td> }
                            { for r.cells.iter().map(|c| match c {
                                Some(text) => html! { <td class="num">{ text }</td> },
                                None => html! { <td class="num no-data">{ "no data" }</td> },
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
            <p class="table-note">
                { format!("Values: {}.", model.y_label.to_lowercase()) }
                if let Some(n) = &model.counts_note { { " " }{ n } }
                { " “no data”: the sources publish no figure for that period." }
            </p>
            if !model.notes.is_empty() {
                <ul class="table-notes">
                    { for model.notes.iter().map(|n| html! { <li>{ n }</li> }) }
                </ul>
            }
        </div>
    }
}
