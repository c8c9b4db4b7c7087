//! Components in headless Chromium (wasm-bindgen-test): the chart figure and the file
//! error, mounted into a real document and inspected as a user's browser sees them.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;
use std::time::Duration;

use safeguarding_dashboard::core::chart::line_model;
use safeguarding_dashboard::core::config::SiteConfig;
use safeguarding_dashboard::core::dataset::load_file;
use safeguarding_dashboard::core::error::DataError;
use safeguarding_dashboard::core::chart::model::Chart;
use safeguarding_dashboard::core::export::SourceTitles;
use safeguarding_dashboard::core::view::{Page, View};
use safeguarding_dashboard::web::components::ControlsModel;
use safeguarding_dashboard::web::light::{self, LightModel, LightPage};
use safeguarding_dashboard::web::pages::embed::EmbedModel;
use safeguarding_dashboard::web::components::{chart_card, file_error, ChartCard, FileError};
use yew::Callback;
use wasm_bindgen_test::*;
use yew::platform::time::sleep;

wasm_bindgen_test_configure!(run_in_browser);

const SITE: &str = include_str!("../data/site.json");
const CLA: &[u8] = include_bytes!("../data/cla-rate.csv");
const CLA_META: &[u8] = include_bytes!("../data/cla-rate.meta.csv");

fn mount_point() -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    div.set_attribute("style", "width: 640px").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

fn config() -> Rc<SiteConfig> {
    Rc::new(SiteConfig::parse("data/site.json", SITE).unwrap())
}

fn durham_model() -> Rc<safeguarding_dashboard::core::chart::LineModel> {
    let config = config();
    let entry = config.file("cla-rate").unwrap().clone();
    let table = load_file(&config, &entry, CLA, CLA_META).into_result().unwrap();
    Rc::new(line_model(&table, &config, &safeguarding_dashboard::core::chart::Selection::for_area(&config, "cla_rate", "E06000047")).unwrap())
}

fn card(model: safeguarding_dashboard::core::chart::LineModel, id: &str, show_table: bool) -> chart_card::Props {
    let chart = Chart::Line(model);
    chart_card::Props {
        sources: Rc::new(SourceTitles::of(&config(), &chart)),
        chart: Rc::new(chart),
        id: id.to_string().into(),
        show_table,
        on_tab: Callback::noop(),
        level: 2,
        rank: None,
        compare: Default::default(),
        area: Default::default(),
        children: Default::default(),
    }
}

#[wasm_bindgen_test]
async fn a_rank_among_all_authorities_is_said_in_words_with_its_caveat() {
    let root = mount_point();
    let mut props = card((*durham_model()).clone(), "t-rank", false);
    props.rank = Some("Rank 3 of 150 authorities that publish this for 2024-25 (1 = best; lower is better), quartile band A. Bands: A: 1% to 5%.".into());
    yew::Renderer::<ChartCard>::with_root_and_props(root.clone(), props).render();
    sleep(Duration::from_millis(50)).await;
    let text = root.query_selector(".chart-rank").unwrap().expect("a rank paragraph").text_content().unwrap();
    assert!(text.contains("Rank 3 of 150") && text.contains("quartile band A"), "{text}");
    assert!(text.contains("not a league table"), "{text}");
    let plain = card((*durham_model()).clone(), "t-norank", false);
    let root2 = mount_point();
    yew::Renderer::<ChartCard>::with_root_and_props(root2.clone(), plain).render();
    sleep(Duration::from_millis(50)).await;
    assert!(root2.query_selector(".chart-rank").unwrap().is_none(), "no rank line without a rank");
}

#[wasm_bindgen_test]
async fn the_change_from_the_year_before_is_said_under_the_chart() {
    // Up to 2021-22: its latest full year has the year before it.
    let config = config();
    let entry = config.file("cla-rate").unwrap().clone();
    let table = load_file(&config, &entry, CLA, CLA_META).into_result().unwrap();
    let mut sel = safeguarding_dashboard::core::chart::Selection::for_area(&config, "cla_rate", "E06000047");
    sel.years = Some((2018, 2021));
    let model = line_model(&table, &config, &sel).unwrap();
    let change = model.change.clone().expect("Durham's 2021-22 rate has 2020-21 before it");
    assert!(change.starts_with("From 2020-21 to 2021-22: "), "{change}");
    let root = mount_point();
    yew::Renderer::<ChartCard>::with_root_and_props(root.clone(), card(model, "t-change", false)).render();
    sleep(Duration::from_millis(50)).await;
    let text = root.query_selector(".chart-change").unwrap().expect("a change paragraph").text_content().unwrap();
    assert!(text.contains(&change) && text.starts_with("Change: From "), "{text}");
}

#[wasm_bindgen_test]
async fn chart_figure_draws_svg_named_by_its_description_and_a_matching_table() {
    let root = mount_point();
    let model = durham_model();
    yew::Renderer::<ChartCard>::with_root_and_props(root.clone(), card((*model).clone(), "t1", false)).render();
    sleep(Duration::from_millis(50)).await;

    let chart = root.query_selector("[role=img]").unwrap().expect("chart container with role img");
    assert_eq!(chart.get_attribute("aria-label").unwrap(), model.description);
    let svg = chart.query_selector("svg").unwrap().expect("svg drawn");
    // Redrawn at the measured width of its 640 px container (not the 760 px default).
    let width = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&chart).unwrap().client_width();
    assert!(width > 0 && width <= 640, "container is inside a 640 px box");
    assert!(svg.get_attribute("viewBox").unwrap().starts_with(&format!("0 0 {width} ")), "{:?}", svg.get_attribute("viewBox"));
    assert!(svg.text_content().unwrap().contains("County Durham"));
    // One focusable point per drawn value, named by its value: 5 Durham + England + North East.
    let marks = root.query_selector_all(".marks button").unwrap();
    assert_eq!(marks.length(), 7);
    let labels: Vec<String> = (0..marks.length()).map(|i| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(marks.item(i).unwrap()).unwrap().get_attribute("aria-label").unwrap()).collect();
    assert!(labels.iter().any(|l| l == "County Durham, Q2 2022-23 (at 30 September 2022): 100.7 (1,027)"), "{labels:?}");
    // Exactly one point is in the tab order (arrow keys move between them).
    let tabbable = root.query_selector_all(".marks button[tabindex='0']").unwrap();
    assert_eq!(tabbable.length(), 1);
    // The chart tab is selected and the table panel hidden, but present.
    assert_eq!(root.query_selector("#t1-tab-chart").unwrap().unwrap().get_attribute("aria-selected").as_deref(), Some("true"));
    assert!(root.query_selector("#t1-panel-table").unwrap().unwrap().has_attribute("hidden"));

    let cells: Vec<String> = {
        let list = root.query_selector_all("tbody tr td.num").unwrap();
        (0..list.length()).map(|i| list.item(i).unwrap().text_content().unwrap()).collect()
    };
    assert_eq!(cells.len(), 15, "5 periods x 3 places");
    assert_eq!(cells[0], "82.9 (833)");
    assert_eq!(cells[12], "100.7 (1,027)");
    assert_eq!(cells[10], "70");
    assert_eq!(cells[11], "110");
    assert_eq!(cells[1], "no data");
    let caption = root.query_selector("caption").unwrap().unwrap().text_content().unwrap();
    assert!(caption.starts_with(&model.title));
}

#[wasm_bindgen_test]
async fn hostile_labels_are_text_not_markup() {
    let root = mount_point();
    let mut model = (*durham_model()).clone();
    model.title = "<img src=x onerror=alert(1)>Title".into();
    model.series[0].name = "<script>window.pwned=1</script>Durham".into();
    yew::Renderer::<ChartCard>::with_root_and_props(root.clone(), card(model, "t2", true)).render();
    sleep(Duration::from_millis(50)).await;
    assert!(root.query_selector("img").unwrap().is_none(), "no element injected");
    assert!(root.query_selector("script").unwrap().is_none(), "no script injected");
    assert!(root.text_content().unwrap().contains("<script>window.pwned=1</script>Durham"));
}

#[wasm_bindgen_test]
async fn file_error_is_an_alert_naming_file_line_column_and_hint() {
    let root = mount_point();
    let config = SiteConfig::parse("data/site.json", SITE).unwrap();
    let entry = config.file("cla-rate").unwrap().clone();
    let bad = String::from_utf8(CLA.to_vec()).unwrap().replacen("82.9", "9o.0", 1);
    let problems: Vec<DataError> = load_file(&config, &entry, bad.as_bytes(), CLA_META).problems;
    yew::Renderer::<FileError>::with_root_and_props(root.clone(), file_error::Props { what: "Children looked after".into(), problems, level: 3 }).render();
    sleep(Duration::from_millis(50)).await;
    let alert = root.query_selector("[role=alert]").unwrap().expect("alert");
    let text = alert.text_content().unwrap();
    assert!(text.contains("data/cla-rate.csv:2:11"), "{text}");
    assert!(text.contains("\"9o.0\" is not a number or a GSS symbol"), "{text}");
    assert!(text.contains("What to do"), "{text}");
}

/// A chart card rendered to HTML as the build renders it (server-side rendering), then
/// hydrated in the browser: the drawn SVG is the same element afterwards (kept, not drawn
/// again), and its data points gain their handlers (focus shows the tooltip).
#[wasm_bindgen_test]
async fn a_prerendered_chart_card_is_hydrated_in_place() {
    let root = mount_point();
    // The frame is as wide as the width charts are drawn at before measuring (928 px), so
    // hydration keeps the drawing.
    root.set_attribute("style", "width: 928px").unwrap();
    let html = yew::LocalServerRenderer::<ChartCard>::with_props(card((*durham_model()).clone(), "t-hyd", false)).render().await;
    root.set_inner_html(&html);
    let svg = root.query_selector(".chart svg").unwrap().expect("the prerendered HTML holds the SVG");
    svg.set_attribute("data-prerendered", "yes").unwrap();
    assert!(root.query_selector(".tooltip").unwrap().is_none());
    yew::Renderer::<ChartCard>::with_root_and_props(root.clone(), card((*durham_model()).clone(), "t-hyd", false)).hydrate();
    sleep(Duration::from_millis(100)).await;
    let after = root.query_selector(".chart svg").unwrap().unwrap();
    assert_eq!(after.get_attribute("data-prerendered").as_deref(), Some("yes"), "the same SVG element");
    let mark: web_sys::HtmlElement = wasm_bindgen::JsCast::dyn_into(root.query_selector(".marks button").unwrap().unwrap()).unwrap();
    mark.focus().unwrap();
    sleep(Duration::from_millis(50)).await;
    let tooltip = root.query_selector(".tooltip .tooltip-main").unwrap().expect("focus shows the tooltip once hydrated");
    assert_eq!(tooltip.text_content(), mark.get_attribute("aria-label"));
}

/// An embed as the build writes it: its model in postcard's form beside a page rendered from
/// it; the light program reads the model back unchanged and hydrates the page in place: the
/// SVG is kept, the controls are the model's, and the data points gain their handlers.
#[wasm_bindgen_test]
async fn a_light_embed_is_hydrated_from_its_model() {
    let chart = Chart::Line((*durham_model()).clone());
    let model = EmbedModel {
        id: "t-light".into(),
        sources: SourceTitles::of(&config(), &chart),
        chart: Ok(chart),
        controls: ControlsModel {
            area: "E06000047".into(),
            configured: vec![("E06000047".into(), "County Durham".into()), ("E06000015".into(), "Derby".into())],
            places: vec![("E92000001".into(), "England".into(), "National".into())],
            comparators: vec![("E92000001".into(), "England".into())],
            neighbours: Vec::new(),
            area_name: "County Durham".into(),
            years: (2018, 2024),
        },
        indicator: Some(("looked-after".into(), "cla-rate--cla_rate".into())),
    };
    let bytes = postcard::to_allocvec(&model).unwrap();
    let read: EmbedModel = postcard::from_bytes(&bytes).unwrap();
    assert_eq!(read, model, "the model reads back as written");
    let view = View { page: Page::Embed("t-light".into()), area: Some("E06000047".into()), ..View::default() };
    assert!(light::drawable(&view) && !light::drawable(&View { from: Some(2020), ..view.clone() }), "other years are the full app's");
    let root = mount_point();
    root.set_attribute("style", "width: 928px").unwrap();
    let props = || light::Props { model: Rc::new(LightModel::Embed(read.clone())), view: view.clone() };
    let html = yew::LocalServerRenderer::<LightPage>::with_props(props()).render().await;
    root.set_inner_html(&html);
    root.query_selector(".chart svg").unwrap().expect("the page holds the SVG").set_attribute("data-prerendered", "yes").unwrap();
    yew::Renderer::<LightPage>::with_root_and_props(root.clone(), props()).hydrate();
    sleep(Duration::from_millis(100)).await;
    let svg = root.query_selector(".chart svg").unwrap().unwrap();
    assert_eq!(svg.get_attribute("data-prerendered").as_deref(), Some("yes"), "the same SVG element");
    let area = root.query_selector("#area-select option[selected]").unwrap().expect("the area list");
    assert_eq!(area.text_content().as_deref(), Some("County Durham"));
    assert!(root.query_selector("#cmp-E92000001").unwrap().is_some(), "the model's comparators");
    let mark: web_sys::HtmlElement = wasm_bindgen::JsCast::dyn_into(root.query_selector(".marks button").unwrap().unwrap()).unwrap();
    mark.focus().unwrap();
    sleep(Duration::from_millis(50)).await;
    assert!(root.query_selector(".tooltip .tooltip-main").unwrap().is_some(), "focus shows the tooltip once hydrated");
}
