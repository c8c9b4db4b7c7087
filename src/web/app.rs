//! The application shell: lays out the header, navigation, controls and the page for the
//! view in the address. Prerendered natively with the site already loaded, and hydrated in
//! the browser with the same site and view (see [`super::start`]); it loads the site itself
//! when it starts without one (an area with no pages of its own), and again when the area
//! changes to one whose slices are not loaded.

use std::rc::Rc;

use gloo_events::EventListener;
use yew::prelude::*;

use super::components::{Controls, ControlsModel, FileError, SiteRef};
use super::pages;
use super::route;
use super::site::{self, Site};
use crate::core::error::DataError;
use crate::core::view::{Page, View, THEME_PAGES};

enum State {
    Loading,
    Failed(DataError),
    Ready(Rc<Site>),
}

fn page_title(view: &View) -> String {
    match &view.page {
        Page::Home => "Home".into(),
        Page::Theme(t) => THEME_PAGES.iter().find(|(id, _, _)| id == t).map_or(t.clone(), |(_, title, _)| title.to_string()),
        Page::Indicator(_, slug) => slug.clone(),
        Page::Data => "Data and sources".into(),
        Page::Accessibility => "Accessibility statement".into(),
        Page::Check => "Check your data".into(),
        Page::Embed(_) => "Chart".into(),
        Page::Scorecard => "Corporate parenting scorecard".into(),
        Page::NotFound(_) => "Page not found".into(),
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The site, when it is loaded before the first render (prerendering and hydration).
    #[prop_or_default]
    pub site: Option<Rc<SiteRef>>,
    /// The view drawn first: the page's own (the address may ask for more, applied after).
    pub view: View,
}

/// The title of the page drawn for `view`, as the document's `<title>` shows it.
pub fn document_title(site: Option<&Site>, view: &View) -> String {
    let title = match (site, &view.page) {
        (Some(site), Page::Indicator(t, slug)) => site.indicator_label(t, slug).map(|l| format!("{l}: {}", site.place_name(&pages::choice(site, view).area))).unwrap_or_else(|| page_title(view)),
        // An embedded chart is titled by its chart (with its area), so a screen reader in the
        // host page hears which chart and which area the frame holds.
        (Some(site), Page::Embed(id)) => pages::embed::EmbedModel::of(site, view, id).title().map_or_else(|| page_title(view), str::to_string),
        _ => page_title(view),
    };
    format!("{title} – Children's safeguarding data")
}

#[function_component]
pub fn App(props: &Props) -> Html {
    let state = use_state(|| match &props.site {
        Some(site) => State::Ready(site.0.clone()),
        None => State::Loading,
    });
    let view = use_state(|| props.view.clone());
    {
        // Loads the site, and again when the area changes to one whose official slices
        // are not loaded (each page loads only its area's rows of the national files).
        let state = state.clone();
        use_effect_with(view.area.clone(), move |area| {
            let needed = match &*state {
                State::Ready(s) => site::slice_area(&s.config, &s.places, area.as_deref()) != s.slice_area,
                _ => true,
            };
            if needed {
                // The loaded slices are another area's: show progress, never that area's data.
                if matches!(&*state, State::Ready(_)) {
                    state.set(State::Loading);
                }
                let area = area.clone();
                yew::platform::spawn_local(async move {
                    state.set(match site::load(area).await {
                        Ok(site) => State::Ready(site),
                        Err(e) => State::Failed(e),
                    });
                });
            }
        });
    }
    {
        // Back and Forward between the views of this page, and our own changes (route::go).
        // Once mounted, the options the address asks for beyond the page's own are applied.
        let view = view.clone();
        use_effect_with((), move |_| {
            let now = route::current();
            if now != *view {
                view.set(now);
            }
            let listener = web_sys::window().map(|w| EventListener::new(&w, "popstate", move |_| view.set(route::current())));
            move || drop(listener)
        });
    }
    {
        let site = match &*state {
            State::Ready(s) => Some(s.clone()),
            _ => None,
        };
        // The title depends on the page and area only, not on the options: worked out again
        // only when those change (an embed's names its chart, which is built for it).
        let key = (site.as_ref().map(|s| Rc::as_ptr(s) as usize), view.page.clone(), view.area.clone());
        let title = {
            let v = (*view).clone();
            use_memo(key, move |_| document_title(site.as_deref(), &v))
        };
        use_effect_with(title, |title| {
            if let Some(d) = web_sys::window().and_then(|w| w.document()) {
                d.set_title(title);
            }
        });
    }
    {
        // For scripts/bench.sh: the page's controls and charts have their handlers from here.
        let ready = matches!(&*state, State::Ready(_));
        use_effect_with(ready, |ready| {
            if *ready {
                super::progress::interactive();
            }
        });
    }
    let v = (*view).clone();
    // An embedded chart reports its height to the host page as it changes.
    let embed_child = match &v.page {
        // Only once the chart is drawn: a height posted while loading makes the host's
        // frame jump (640 → 170 → 1,284 px) before it settles.
        Page::Embed(id) if v.height.is_none() && matches!(&*state, State::Ready(_)) => Some(v.child_id.clone().unwrap_or_else(|| id.clone())),
        _ => None,
    };
    use_effect_with(embed_child, |child| {
        let watcher = child.clone().and_then(super::embed::watch_height);
        move || drop(watcher)
    });
    let body = match &*state {
        State::Loading => html! { <super::components::LoadProgress /> },
        State::Failed(e) => html! {
            <>
                <h1>{ "The dashboard cannot start" }</h1>
                <FileError what="The dashboard's configuration" problems={vec![e.clone()]} level={2} />
            </>
        },
        // The loaded slices are another area's (the effect above is fetching this one's):
        // progress, never another area's figures.
        State::Ready(site) if site::slice_area(&site.config, &site.places, v.area.as_deref()) != site.slice_area => {
            html! { <super::components::LoadProgress /> }
        }
        State::Ready(site) => page(site, &v),
    };
    let brand = match &*state {
        State::Ready(site) => Brand::of(&site.config),
        _ => Brand { title: "Children's safeguarding data".to_string(), logo: None, reports: true },
    };
    if let Page::Embed(_) = v.page {
        return html! { <main id="main" class="embed">{ body }</main> };
    }
    chrome(&brand, &v, body)
}

/// What the header and footer of every page show of the site: its title, the partnership's
/// logo, and whether it holds report figures beside the official statistics. Carried in each
/// light program's model, so the page it hydrates has the same header.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Brand {
    pub title: String,
    pub logo: Option<crate::core::config::Logo>,
    pub reports: bool,
}

impl Brand {
    pub fn of(config: &crate::core::config::SiteConfig) -> Brand {
        Brand {
            title: config.title.clone(),
            logo: config.logo.clone(),
            // Official files name their source in site.json; a report's rows name theirs.
            reports: config.files.iter().any(|f| f.source.is_none()),
        }
    }
}

/// The site's header (title and navigation), `body` as the page's main content, and the
/// footer: every page but an embed, drawn by the app or by the light program.
pub fn chrome(brand: &Brand, v: &View, body: Html) -> Html {
    let site_title = brand.title.as_str();
    let nav_item = |page: Page, label: &str| {
        let current = v.page == page || matches!((&v.page, &page), (Page::Indicator(t, _), Page::Theme(u)) if t == u);
        html! {
            <li><a href={route::href(&v.with_page(page))} aria-current={if current { Some("page") } else { None }}>{ label.to_string() }</a></li>
        }
    };
    html! {
        <>
            <header class="site-header">
                <div class="wrap">
                    { match &brand.logo {
                        None => html! { <p class="site-title"><a href={route::href(&v.with_page(Page::Home))}>{ site_title.to_string() }</a></p> },
                        Some(logo) => {
                            let src = format!("{}{}/{}", route::links().root, crate::core::dataset::DATA_DIR, logo.path);
                            let size = |n: u32| (n > 0).then(|| n.to_string());
                            html! {
                                <div class="site-id">
                                    <img class="site-logo" {src} alt={logo.alt.clone()} width={size(logo.width)} height={size(logo.height)} />
                                    <p class="site-title"><a href={route::href(&v.with_page(Page::Home))}>{ site_title.to_string() }</a></p>
                                </div>
                            }
                        }
                    } }
                    <nav aria-label="Main">
                        <ul class="nav">
                            { nav_item(Page::Home, "Home") }
                            { for THEME_PAGES.iter().map(|(id, title, _)| nav_item(Page::Theme(id.to_string()), title)) }
                            { nav_item(Page::Scorecard, "Scorecards") }
                            { nav_item(Page::Data, "Data and sources") }
                        </ul>
                    </nav>
                </div>
            </header>
            <main id="main" class={if v.page == Page::Scorecard { "wrap wide" } else { "wrap" }} tabindex="-1">{ body }</main>
            <footer class="site-footer">
                <div class="wrap">
                    <p>{ if brand.reports { "Figures are taken from the Department for Education's official statistics and the partnerships' published reports, each named under its chart. " } else { "Figures are taken from the Department for Education's official statistics, each named under its chart. " } }
                        <a href={route::href(&v.with_page(Page::Data))}>{ "Data and sources" }</a>{ " · " }
                        <a href={route::href(&v.with_page(Page::Accessibility))}>{ "Accessibility statement" }</a>{ " · " }
                        <a href={route::href(&v.with_page(Page::Check))}>{ "Check your data (for publishers)" }</a>
                    </p>
                </div>
            </footer>
        </>
    }
}

fn page(site: &Rc<Site>, view: &View) -> Html {
    let site_ref = Rc::new(SiteRef(site.clone()));
    let model = Rc::new(ControlsModel::of(site, view));
    let controls = html! { <Controls model={model.clone()} view={view.clone()} /> };
    match &view.page {
        Page::Home => html! { <><Controls {model} view={view.clone()} area_only=true />{ pages::home::render(site, view) }</> },
        // The page's heading comes first, then the controls (on a phone the heading is on
        // the first screen).
        Page::Theme(t) => html! { <pages::theme::OverviewPage site={site_ref} view={view.clone()} theme={t.clone()} /> },
        Page::Indicator(t, slug) => pages::indicator::render(site, view, t, slug, controls),
        Page::Data => pages::data::render(site),
        Page::Accessibility => pages::accessibility::render(),
        // Drawn by the build, and in the browser by its own program (`light-checker`), which
        // the app does not carry.
        #[cfg(not(target_arch = "wasm32"))]
        Page::Check => html! { <pages::check::CheckPage /> },
        #[cfg(target_arch = "wasm32")]
        Page::Check => html! { <p><a href={route::href(view)}>{ "Open “Check your data”" }</a></p> },
        Page::Embed(id) => pages::embed::render(site, view, id),
        Page::Scorecard => html! { <pages::scorecard::ScorecardPage site={site.clone()} view={view.clone()} /> },
        Page::NotFound(_) => html! {
            <>
                <h1>{ "Page not found" }</h1>
                <p>{ "There is no page at this address. " }<a href={route::href(&view.with_page(Page::Home))}>{ "Go to the home page" }</a>{ "." }</p>
            </>
        },
    }
}
