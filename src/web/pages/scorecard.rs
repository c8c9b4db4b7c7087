//! The corporate parenting scorecard: a printable table per area, built live from the data
//! and `data/scorecards.json`.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::error::{DataError, ErrorKind, Position};
use crate::core::headline::Direction;
use crate::core::scorecard::{build_with, parse, sparkline, Extras, Row, Scorecard, ScorecardFile, Standing};
use crate::core::view::View;
use crate::web::components::{Controls, FileError, SiteRef};
use crate::web::site::Site;

#[derive(Properties)]
pub struct Props {
    pub site: Rc<Site>,
    pub view: View,
}

impl PartialEq for Props {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.site, &other.site) && self.view == other.view
    }
}

enum Load {
    Loading,
    Ready(Result<ScorecardFile, DataError>),
}

#[function_component]
pub fn ScorecardPage(props: &Props) -> Html {
    let load = use_state(|| Load::Loading);
    {
        let load = load.clone();
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move {
                let name = "data/scorecards.json";
                let result = match crate::web::fetch::data_file("scorecards.json").await {
                    Err(reason) => Err(DataError::new(Position::file(name), ErrorKind::Unreadable { reason })),
                    Ok(bytes) => parse(name, &String::from_utf8_lossy(&bytes)),
                };
                load.set(Load::Ready(result));
            });
        });
    }
    let site = &props.site;
    let area = super::choice(site, &props.view).area;
    let controls = html! { <Controls site={Rc::new(SiteRef(site.clone()))} view={props.view.clone()} area_only=true /> };
    let body = match &*load {
        Load::Loading => html! { <p role="status">{ "Loading the scorecard configuration…" }</p> },
        Load::Ready(Err(e)) => html! { <FileError what="The scorecard configuration" problems={vec![e.clone()]} /> },
        Load::Ready(Ok(file)) => {
            let tables = site.tables();
            let cards: Vec<Scorecard> = file
                .scorecards
                .iter()
                .filter(|c| c.area == area || c.groups.iter().flat_map(|g| &g.measures).any(|m| m.area.as_deref() == Some(area.as_str())))
                .map(|c| {
                    // The card area's DfE neighbours (for the median) and, when its slices are
                    // the ones loaded, its ranks among authorities.
                    let neighbours: Vec<String> = site.places.iter().find(|p| p.code == c.area).map(|p| p.neighbours.iter().map(|(n, _)| n.clone()).collect()).unwrap_or_default();
                    let ranks: &[crate::core::ranks::RankRow] = if site.slice_area == c.area { &site.ranks } else { &[] };
                    build_with(&site.config, &tables, c, Extras { neighbours: &neighbours, ranks })
                })
                .collect();
            if cards.is_empty() {
                let names: Vec<String> = file.scorecards.iter().map(|c| site.place_name(&c.area)).collect();
                html! { <p class="notice">{ format!("No scorecard is configured for {}. Scorecards exist for: {}.", site.place_name(&area), names.join(", ")) }</p> }
            } else {
                html! { <>{ for cards.iter().map(|c| card(c, &site.config.updated_long())) }</> }
            }
        }
    };
    let print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    html! {
        <>
            { controls }
            <div class="scorecard-intro">
                <h1>{ "Scorecards" }</h1>
                <p class="lede">{ "Measures grouped under the questions a corporate parenting panel asks: recent periods, the latest value with its counts, England and regional benchmarks, the trend, the direction of travel and how each stands. Built live from the data files." }</p>
                <button type="button" class="button-secondary" onclick={print}>{ "Print or save as PDF (A4 landscape)" }</button>
            </div>
            { body }
        </>
    }
}

fn arrow(d: Option<Direction>) -> &'static str {
    match d {
        Some(Direction::Up) => "↑",
        Some(Direction::Down) => "↓",
        Some(Direction::Same) => "→",
        None => "",
    }
}

fn status_class(s: Standing) -> &'static str {
    match s {
        Standing::Better => "status status-better",
        Standing::Worse => "status status-worse",
        Standing::Same | Standing::Neutral | Standing::NotCompared => "status status-neutral",
    }
}

fn status_icon(s: Standing) -> &'static str {
    match s {
        Standing::Better => "✓ ",
        Standing::Worse => "✗ ",
        Standing::Same | Standing::Neutral | Standing::NotCompared => "",
    }
}

/// The period cells of a row: its figures (DfE's beside the report's where they differ),
/// and for a row with no official equivalent one cell across the official columns saying why.
fn period_cells(c: &Scorecard, r: &Row) -> Vec<Html> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.periods.len() {
        let official_only = c.official_columns.get(i).copied().unwrap_or(false);
        if official_only && !r.official {
            let run = c.official_columns[i..].iter().take_while(|o| **o).count();
            // The reason is said once, in the last run of official columns.
            if c.official_columns[i + run..].iter().any(|o| *o) {
                for _ in 0..run {
                    out.push(html! { <td class="num no-data">{ "–" }<span class="visually-hidden">{ "no data" }</span></td> });
                }
                i += run;
                continue;
            }
            let why = r.no_official.as_deref().map_or("No official equivalent configured".to_string(), |w| format!("No official equivalent: {w}"));
            out.push(html! { <td class="sc-no-official" colspan={run.to_string()}>{ why }</td> });
            i += run;
            continue;
        }
        out.push(match (&r.cells[i], r.also.get(i).and_then(|a| a.as_ref())) {
            (Some(t), Some(dfe)) => html! { <td class="num">{ t }<br/><span class="sc-dfe">{ dfe }</span></td> },
            (Some(t), None) => html! { <td class="num">{ t }</td> },
            (None, _) => html! { <td class="num no-data">{ "–" }<span class="visually-hidden">{ "no data" }</span></td> },
        });
        i += 1;
    }
    out
}

fn row(c: &Scorecard, r: &Row, columns: usize) -> Html {
    html! {
        <>
            <tr class="sc-row">
                <th scope="row">{ &r.label }</th>
                { for period_cells(c, r) }
                <td class="num latest">{ match &r.latest {
                    Some((v, p)) => html! { <>{ v }<br/><span class="sc-when">{ p }</span></> },
                    None => html! { { "no data" } },
                } }</td>
                { for r.benchmarks.iter().map(|(_, b)| html! { <td class="num">{ b.clone().unwrap_or_else(|| "–".into()) }</td> }) }
                <td class="spark">{ Html::from_html_unchecked(AttrValue::from(sparkline(&r.spark, 72, 22))) }</td>
                <td>{ r.travel.as_ref().map(|t| html! { <>
                    <span aria-hidden="true">{ arrow(r.direction) }</span>{ " " }{ t }
                    { r.travel_periods.as_ref().map(|p| html! { <><br/><span class="sc-when">{ p }</span></> }).unwrap_or_default() }
                </> }).unwrap_or_default() }</td>
                <td>{ r.status.as_ref().map(|(s, t)| html! { <span class={status_class(*s)}>{ status_icon(*s) }{ t }</span> }).unwrap_or_default() }</td>
            </tr>
            <tr class="sc-detail">
                <td colspan={columns.to_string()}>
                    <span class="visually-hidden">{ format!("{}. ", r.label) }</span>
                    { format!("Sources: {}.", r.source) }
                    { for r.notes.iter().map(|n| html! { <>{ " " }<span class="sc-note">{ format!("{n}.") }</span></> }) }
                    { r.rank.as_ref().map(|k| html! { <>{ " " }<span class="sc-rank">{ k }</span></> }).unwrap_or_default() }
                </td>
            </tr>
        </>
    }
}

fn card(c: &Scorecard, updated: &str) -> Html {
    let columns = 1 + c.periods.len() + 1 + c.benchmark_names.len() + 3;
    let heading_id = format!("scorecard-{}", c.id);
    // A card with many columns gets narrower print columns (style/main.css).
    let class = if c.periods.len() + c.benchmark_names.len() > 9 { "scorecard-table sc-many" } else { "scorecard-table" };
    html! {
        <section class="scorecard" aria-labelledby={heading_id.clone()}>
            <h2 id={heading_id} class="visually-hidden">{ &c.title }</h2>
            <div class="scorecard-wrap" tabindex="0" role="group" aria-label={format!("Scorecard table: {}", c.title)}>
                <table class={class}>
                    <colgroup>
                        <col class="col-measure" />
                        { for c.periods.iter().map(|_| html! { <col class="col-period" /> }) }
                        <col class="col-latest" />
                        { for c.benchmark_names.iter().map(|_| html! { <col class="col-bench" /> }) }
                        <col class="col-trend" />
                        <col class="col-travel" />
                        <col class="col-status" />
                    </colgroup>
                    <thead>
                        <tr class="sc-title">
                            <th colspan={columns.to_string()} scope="colgroup">
                                <span class="sc-title-text">{ &c.title }</span>
                                <span class="sc-title-meta">{ format!(" · {} · data checked {}", c.area_name, updated) }</span>
                            </th>
                        </tr>
                        <tr>
                            <th scope="col">{ "Measure" }</th>
                            { for c.periods.iter().map(|p| html! { <th scope="col" class="num">{ p.label() }</th> }) }
                            <th scope="col" class="num">{ "Latest" }</th>
                            { for c.benchmark_names.iter().map(|b| html! { <th scope="col" class="num">{ b }</th> }) }
                            <th scope="col">{ "Trend" }</th>
                            <th scope="col">{ "Direction of travel" }</th>
                            <th scope="col">{ "Status" }</th>
                        </tr>
                    </thead>
                    <tfoot>
                        <tr>
                            <td colspan={columns.to_string()}>
                                { format!("Sources: {}. ", c.sources.join("; ")) }
                                { &c.source_note }
                                { if c.official_note.is_empty() { String::new() } else { format!(" {}", c.official_note) } }
                                { format!(" Values with counts in brackets (number, or number / base). Data checked against its sources {updated}.") }
                            </td>
                        </tr>
                    </tfoot>
                    { for c.groups.iter().map(|g| html! {
                        <tbody>
                            <tr class="sc-group"><th colspan={columns.to_string()} scope="colgroup">{ &g.question }</th></tr>
                            { for g.rows.iter().map(|r| row(c, r, columns)) }
                        </tbody>
                    }) }
                </table>
            </div>
        </section>
    }
}
