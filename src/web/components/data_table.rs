//! The accessible table view of a chart: same values, with counts, as a real `<table>`.

use yew::prelude::*;

use crate::core::chart::model::TableView;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub view: TableView,
    pub caption: AttrValue,
    pub detail: AttrValue,
    pub value_label: AttrValue,
    #[prop_or_default]
    pub counts_note: Option<AttrValue>,
}

#[function_component]
pub fn DataTable(props: &Props) -> Html {
    let v = &props.view;
    html! {
        <div class="table-wrap" tabindex="0" role="group" aria-label={format!("Table: {}", props.caption)}>
            <table class="data-table">
                <caption>
                    { &props.caption }
                    <span class="caption-detail">{ format!(" {}", props.detail) }</span>
                </caption>
                <thead>
                    <tr>
                        <th scope="col">{ &v.row_header }</th>
                        if v.has_dates { <th scope="col">{ "Counted at" }</th> }
                        { for v.columns.iter().map(|c| html! { <th scope="col" class="num">{ c }</th> }) }
                    </tr>
                </thead>
                <tbody>
                    { for v.rows.iter().map(|r| html! {
                        <tr>
                            <th scope="row">{ &r.header }</th>
                            if v.has_dates { <td>{ r.counted_at.clone().unwrap_or_default() }</td> }
                            { for r.cells.iter().map(|c| match c {
                                Some(text) => html! { <td class="num">{ text }</td> },
                                None => html! { <td class="num no-data">{ "no data" }</td> },
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
            <p class="table-note">
                { format!("Values: {}.", props.value_label.to_ascii_lowercase()) }
                if let Some(n) = &props.counts_note { { " " }{ n } }
                { " “no data”: the sources publish no figure for that place and period. Symbols: c suppressed, x not available, z not applicable, k rounds to zero, u low reliability, low not published (DfE)." }
            </p>
        </div>
    }
}
