//! The corporate parenting scorecard: a printable table per area, drawn from the data
//! and `data/scorecards.json`.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::error::{DataError, ErrorKind, Position};
use crate::core::headline::Direction;
use crate::core::catalog::{chart_for, ChartSpec};
use crate::core::scorecard::{build_with, parse, sparkline, Extras, Row, Scorecard, ScorecardFile, Standing};
use crate::core::view::{Page, View, THEME_PAGES};
use crate::web::components::{Controls, ControlsModel, FileError};
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
    let (body, folds) = match &*load {
        Load::Loading => (html! { <p role="status">{ "Loading the scorecard configuration…" }</p> }, None),
        Load::Ready(file) => cards(&props.site, &props.view, file),
    };
    let controls = Rc::new(ControlsModel::of(&props.site, &props.view));
    html! { <ScorecardView {controls} view={props.view.clone()} {body} {folds} /> }
}

/// The scorecards of `view`'s area from `file` (or its problem), and the most period columns
/// any of them has when some fold away on screen.
pub fn cards(site: &Site, view: &View, file: &Result<ScorecardFile, DataError>) -> (Html, Option<usize>) {
    let file = match file {
        Err(e) => return (html! { <FileError what="The scorecard configuration" problems={vec![e.clone()]} /> }, None),
        Ok(file) => file,
    };
    let area = super::choice(site, view).area;
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
        let text = match names.is_empty() {
            true => format!("No scorecard is published on this site, for {} or any other area. The figures are on the theme pages.", site.place_name(&area)),
            false => format!("No scorecard is configured for {}. Scorecards exist for: {}.", site.place_name(&area), names.join(", ")),
        };
        return (html! { <p class="notice">{ text }</p> }, None);
    }
    let themes: Vec<&str> = THEME_PAGES.iter().flat_map(|(_, _, t)| t.iter().copied()).collect();
    let specs = site.theme_specs(&themes);
    let most = cards.iter().map(|c| c.periods.len()).max().unwrap_or(0);
    let ctx = Ctx { site, specs: &specs, updated: site.config.updated_long() };
    (html! { <>{ key() }{ for cards.iter().map(|c| card(c, &ctx)) }</> }, (most > SCREEN_PERIODS).then_some(most))
}

/// The scorecard page as the light program draws it: the area control, and the scorecards
/// as the build drew them.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ScorecardModel {
    pub brand: crate::web::app::Brand,
    pub controls: ControlsModel,
    /// [`cards`]' HTML, drawn by the build.
    pub body: String,
    pub folds: Option<usize>,
}

impl ScorecardModel {
    /// The page for `view` of `site`, with the scorecards of `file`.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn of(site: &Site, view: &View, file: &Result<ScorecardFile, DataError>) -> ScorecardModel {
        let (body, folds) = cards(site, view, file);
        ScorecardModel { brand: crate::web::app::Brand::of(&site.config), controls: ControlsModel::of(site, view), body: crate::web::prerender::static_html(body), folds }
    }
}

#[derive(Properties, PartialEq)]
pub struct ViewProps {
    pub controls: Rc<ControlsModel>,
    pub view: View,
    /// The scorecards (or why there are none).
    pub body: Html,
    /// The most period columns of the scorecards, when older ones fold away on screen.
    #[prop_or_default]
    pub folds: Option<usize>,
}

/// The page: the area control, the print button, the fold of older periods and the cards.
#[function_component]
pub fn ScorecardView(props: &ViewProps) -> Html {
    // On screen the latest periods show and the older ones fold away (print shows all): a
    // class on the cards' frame, so the cards themselves need not be drawn again.
    let show_all = use_state(|| false);
    {
        // The printed footer names the page's address, which the build does not know.
        use_effect_with((), |_| {
            let address = crate::web::route::location_href();
            if let Some(list) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector_all(".sc-address").ok()) {
                for i in 0..list.length() {
                    if let Some(n) = list.item(i) {
                        n.set_text_content(Some(&format!(" Printed from {address}")));
                    }
                }
            }
        });
    }
    let print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let toggle = {
        let show_all = show_all.clone();
        Callback::from(move |_: MouseEvent| show_all.set(!*show_all))
    };
    html! {
        <>
            <Controls model={props.controls.clone()} view={props.view.clone()} area_only=true />
            <div class="scorecard-intro">
                <h1>{ "Scorecards" }</h1>
                <p class="lede">{ "Measures grouped under the questions a corporate parenting panel asks: recent periods, the latest value with its counts, England and regional benchmarks, the trend, the direction of travel and how each stands. Drawn from the data files each time the site is built." }</p>
                <button type="button" class="button-secondary" onclick={print}>{ "Print or save as PDF (A4 landscape)" }</button>
            </div>
            if let Some(most) = props.folds {
                <p class="sc-columns">
                    <button type="button" class="button-secondary" aria-pressed={(*show_all).to_string()} onclick={toggle}>
                        { if *show_all { format!("Show the latest {SCREEN_PERIODS} periods") } else { format!("Show all {most} periods") } }
                    </button>
                    <span class="sc-columns-note">{ if *show_all { " All periods are shown." } else { " Older periods are folded away on screen; printing shows them all." } }</span>
                </p>
            }
            <div class={classes!("sc-cards", show_all.then_some("sc-show-all"))}>{ props.body.clone() }</div>
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

/// Period columns shown on screen before "Show all" (the newest ones).
const SCREEN_PERIODS: usize = 5;

struct Ctx<'a> {
    site: &'a Site,
    specs: &'a [ChartSpec],
    updated: String,
}

/// The key: what each column and mark means (docs/data-format.md, "When the scorecard gives
/// no direction or no verdict").
fn key() -> Html {
    // Constant text of ours (never data), kept as one string: far fewer bytes of wasm than
    // the same markup built node by node.
    Html::from_html_unchecked(AttrValue::Static(KEY_HTML))
}

const KEY_HTML: &str = concat!(
    r#"<section class="sc-key" aria-labelledby="sc-key-title"><h2 id="sc-key-title">How to read the scorecard</h2>"#,
    r#"<p class="sc-legend"><span>↑ up</span><span>↓ down</span><span>→ little change</span><span>✓ better than England</span><span>✗ worse than England</span><span>⚠ a percentage that does not match its own counts</span><span>– no figure</span></p>"#,
    r#"<p class="sc-key-lede">Direction of travel compares the latest figure with the previous one of the same kind (or, where it has none, the newest figure that has one; never the year to date with a full year), on the counts for a percentage, and names the two periods; small numbers (under 10 children, or a move of 2 or fewer) are "little change". Status compares with England for the period named, or says why not.</p>"#,
    r#"<details><summary>Every column and mark explained</summary><dl>"#,
    r#"<div><dt>Latest</dt><dd>The newest figure, with its counts in brackets (number, or number / base), and its period beneath.</dd></div>"#,
    r#"<div><dt>Trend</dt><dd>The figures in the period columns, placed by date. A line joins only figures of the same kind with no period missing between them.</dd></div>"#,
    r#"<div><dt>Direction of travel</dt><dd>Compares the latest figure with the previous one of the same kind (a full year with a full year, a count at a date with the previous count; never the year to date with a full year); when the latest figure has none of its kind before it, the newest figure that has one. The two periods are printed beneath. <span aria-hidden="true">↑ </span>up, <span aria-hidden="true">↓ </span>down, <span aria-hidden="true">→ </span>little change. "Improving" or "worsening" where the measure has a better direction, "up" or "down" where it has none. Little change: equal at the precision published, or small numbers (both under 10 children, or 2 children or fewer apart). Percentages with counts are compared on the counts (our calculation).</dd></div>"#,
    r#"<div><dt>Status</dt><dd><span aria-hidden="true">✓ </span>better than England (or the target), <span aria-hidden="true">✗ </span>worse; no mark: the same, above or below England for a measure with no better direction, or not compared (England's figure is for another period, or the latest figure is not a number). The comparison is for the period named.</dd></div>"#,
    r#"<div><dt>Marks in cells</dt><dd>– no figure; "DfE:" the Department for Education's figure where it differs from the report's for the same period; ⚠ a report's percentage that does not match its own counts (the counts' percentage follows it).</dd></div>"#,
    r#"</dl></details></section>"#,
);

/// A figure as printed: the value, its counts in brackets and any flag after them may
/// stack, and neither the value nor the counts is split.
fn figure(text: &str) -> Html {
    let Some((v, rest)) = text.split_once(" (") else { return html! { <span class="fig">{ text }</span> } };
    let (counts, after) = match rest.split_once(')') {
        Some((c, a)) => (format!("({c})"), a.trim_start().to_string()),
        None => (format!("({rest}"), String::new()),
    };
    html! { <>
        <span class="fig">{ v }</span>{ " " }<span class="fig">{ counts }</span>
        { if after.is_empty() { html! {} } else { html! { <>{ " " }<span class="fig-flag">{ after }</span></> } } }
    </> }
}

/// Text whose words never break inside ("2023-24" stays whole): each word is unbreakable,
/// lines break between words.
fn words(text: &str) -> Html {
    html! { <>{ for text.split(' ').enumerate().map(|(i, w)| html! { <>{ if i > 0 { " " } else { "" } }<span class="w">{ w }</span></> }) }</> }
}

/// Whether period column `i` folds away on screen (unless all are shown: style/main.css).
fn folded(c: &Scorecard, i: usize, _ctx: &Ctx) -> bool {
    i + SCREEN_PERIODS < c.periods.len()
}

/// The period cells of a row: its figures (DfE's beside the report's where they differ),
/// and for a row with no official equivalent one cell across the official columns saying why.
fn period_cells(c: &Scorecard, r: &Row, ctx: &Ctx) -> Vec<Html> {
    let mut out = Vec::new();
    let mut i = 0;
    let old = |i: usize| if folded(c, i, ctx) { "sc-old" } else { "" };
    while i < c.periods.len() {
        let label = c.periods[i].label();
        let official_only = c.official_columns.get(i).copied().unwrap_or(false);
        if official_only && !r.official {
            let run = c.official_columns[i..].iter().take_while(|o| **o).count();
            // The reason is said once, in the last run of official columns.
            if c.official_columns[i + run..].iter().any(|o| *o) {
                for k in 0..run {
                    out.push(html! { <td class={classes!("num", "no-data", old(i + k))} data-label={c.periods[i + k].label()}>{ "–" }<span class="visually-hidden">{ "no data" }</span></td> });
                }
                i += run;
                continue;
            }
            let why = r.no_official.as_deref().map_or("No official equivalent configured".to_string(), |w| format!("No official equivalent: {w}"));
            let span_label = format!("{} to {}", label, c.periods[i + run - 1].label());
            out.push(html! { <td class="sc-no-official" colspan={run.to_string()} data-label={span_label}>{ why }</td> });
            i += run;
            continue;
        }
        out.push(match (&r.cells[i], r.also.get(i).and_then(|a| a.as_ref())) {
            (Some(t), Some(dfe)) => html! { <td class={classes!("num", old(i))} data-label={label}>{ figure(t) }<br/><span class="sc-dfe">{ figure(dfe) }</span></td> },
            (Some(t), None) => html! { <td class={classes!("num", old(i))} data-label={label}>{ figure(t) }</td> },
            (None, _) => html! { <td class={classes!("num", "no-data", old(i))} data-label={label}>{ "–" }<span class="visually-hidden">{ "no data" }</span></td> },
        });
        i += 1;
    }
    out
}

/// Links of a row: its chart and table, and the data files its figures come from.
fn row_links(r: &Row, ctx: &Ctx) -> (Option<String>, Vec<(String, String)>) {
    let m = &r.measure;
    let chart = chart_for(ctx.specs, &m.file, &m.indicator, &m.filters)
        .map(|s| match ctx.site.indicator_of(&s.id) {
            Some((theme, slug)) => crate::web::route::href(&View { page: Page::Indicator(theme, slug), area: Some(r.area.clone()), ..View::default() }),
            None => crate::web::route::href(&View { page: Page::Embed(s.id.clone()), area: Some(r.area.clone()), ..View::default() }),
        });
    let mut files: Vec<(String, String)> = Vec::new();
    for id in std::iter::once(&m.file).chain(m.official.as_ref().map(|o| &o.file)) {
        if let Some(e) = ctx.site.config.file(id) {
            let name = e.path.rsplit('/').next().unwrap_or(&e.path).to_string();
            files.push((name, format!("{}data/{}", crate::web::route::links().root, e.path)));
        }
    }
    (chart, files)
}

fn row(c: &Scorecard, r: &Row, columns: usize, ctx: &Ctx) -> Html {
    let (chart, files) = row_links(r, ctx);
    html! {
        <>
            <tr class="sc-row">
                <th scope="row">{ match &chart {
                    Some(href) => html! { <a href={href.clone()}>{ &r.label }<span class="visually-hidden">{ " (chart and table)" }</span></a> },
                    None => html! { { &r.label } },
                } }</th>
                { for period_cells(c, r, ctx) }
                <td class="num latest" data-label="Latest">{ match &r.latest {
                    Some((v, p)) => html! { <>{ figure(v) }<br/><span class="sc-when">{ words(p) }</span></> },
                    None => html! { { "no data" } },
                } }</td>
                { for r.benchmarks.iter().zip(&c.benchmark_names).map(|((_, b), name)| html! {
                    <td class="num bench" data-label={name.clone()}>{ b.as_deref().map(figure).unwrap_or_else(|| html! { { "–" } }) }</td>
                }) }
                <td class="travel" data-label="Trend and direction of travel">
                    { Html::from_html_unchecked(AttrValue::from(sparkline(&r.spark, 72, 22))) }
                    { r.travel.as_ref().map(|t| html! { <>
                        <span aria-hidden="true">{ arrow(r.direction) }</span>{ " " }{ words(t) }
                        { r.travel_periods.as_ref().map(|p| html! { <><br/><span class="sc-when">{ words(p) }</span></> }).unwrap_or_default() }
                    </> }).unwrap_or_default() }
                </td>
                <td class="sc-status" data-label="Status">{ r.status.as_ref().map(|(s, t)| html! { <span class={status_class(*s)}>{ status_icon(*s) }{ words(t) }</span> }).unwrap_or_default() }</td>
            </tr>
            <tr class="sc-detail">
                <td colspan={columns.to_string()}>
                    <span class="visually-hidden">{ format!("{}. ", r.label) }</span>
                    { words(&format!("Sources: {}.", r.source)) }
                    { for r.notes.iter().map(|n| html! { <>{ " " }<span class="sc-note">{ format!("{n}.") }</span></> }) }
                    { r.rank.as_ref().map(|k| html! { <>{ " " }<span class="sc-rank">{ k }</span></> }).unwrap_or_default() }
                    { if files.is_empty() { html! {} } else { html! { <span class="sc-files">
                        { " Data: " }
                        { for files.iter().enumerate().map(|(k, (name, href))| html! { <>{ if k > 0 { ", " } else { "" } }<a href={href.clone()} download="">{ name }</a></> }) }
                        { "." }
                    </span> } } }
                </td>
            </tr>
        </>
    }
}

fn card(c: &Scorecard, ctx: &Ctx) -> Html {
    let columns = 1 + c.periods.len() + 1 + c.benchmark_names.len() + 2;
    let heading_id = format!("scorecard-{}", c.id);
    let updated = &ctx.updated;
    // A card with many columns gets narrower print columns (style/main.css).
    let class = classes!("scorecard-table", (c.periods.len() + c.benchmark_names.len() > 9).then_some("sc-many"));
    html! {
        <section class="scorecard" aria-labelledby={heading_id.clone()}>
            <h2 id={heading_id} class="visually-hidden">{ &c.title }</h2>
            <div class="scorecard-wrap" tabindex="0" role="group" aria-label={format!("Scorecard table: {}", c.title)}>
                <table class={class}>
                    <colgroup>
                        <col class="col-measure" />
                        { for (0..c.periods.len()).map(|i| html! { <col class={classes!("col-period", folded(c, i, ctx).then_some("sc-old"))} /> }) }
                        <col class="col-latest" />
                        { for c.benchmark_names.iter().map(|_| html! { <col class="col-bench" /> }) }
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
                        <tr class="sc-head">
                            <th scope="col">{ "Measure" }</th>
                            { for c.periods.iter().enumerate().map(|(i, p)| html! { <th scope="col" class={classes!("num", folded(c, i, ctx).then_some("sc-old"))}>{ p.label() }</th> }) }
                            <th scope="col" class="num">{ "Latest" }</th>
                            { for c.benchmark_names.iter().map(|b| html! { <th scope="col" class="num bench">{ b }</th> }) }
                            <th scope="col">{ "Trend and direction of travel" }</th>
                            <th scope="col">{ "Status" }</th>
                        </tr>
                    </thead>
                    <tfoot>
                        <tr>
                            <td colspan={columns.to_string()}>
                                { format!("Sources: {}. ", c.sources.join("; ")) }
                                { &c.source_note }
                                { if c.official_note.is_empty() { String::new() } else { format!(" {}", c.official_note) } }
                                { " Values with counts in brackets (number, or number / base). Data checked against its sources " }<span class="w">{ updated }</span>{ "." }
                                <span class="print-only sc-address"></span>
                            </td>
                        </tr>
                    </tfoot>
                    { for c.groups.iter().map(|g| html! {
                        <tbody>
                            <tr class="sc-group"><th colspan={columns.to_string()} scope="colgroup">{ &g.question }</th></tr>
                            { for g.rows.iter().map(|r| row(c, r, columns, ctx)) }
                        </tbody>
                    }) }
                </table>
            </div>
        </section>
    }
}
