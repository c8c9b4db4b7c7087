//! The light programs, for prerendered embeds, indicator pages, theme overviews, home pages
//! and scorecards: the page's model ([`LightModel`], `model.bin`, written by the build beside the
//! page) hydrates the page as drawn, without the site's data files or the rest of the app.
//! Each is built from this crate (`scripts/lib.sh`): with the `light` feature for embeds (`dist/light/`), with
//! `light` and `pages` for indicator pages (`dist/light-pages/`), and with `light` and
//! `lists` for the home page, theme overviews and scorecards (`dist/light-lists/`), so each holds only
//! its pages' components. The data page has a fourth (`light` and `check`, `dist/light-check/`):
//! it loads and checks every data file as it is on the host, as the app does, and draws the
//! page again when they are not the files it was built from.
//!
//! It draws what the model holds: the charts, their table tabs, tooltips, downloads,
//! comparisons, embed codes, the overview's filter and the controls. Links to another view
//! (other comparators, years or neighbours, an area without pages) lead to the page that
//! draws any view with the full app (`view/`, see [`crate::web::route::url`]); an embed
//! replaces its history entry to go there.

use std::rc::Rc;

use gloo_events::EventListener;
use yew::prelude::*;

use crate::core::view::{Page, View};
use crate::web::pages::embed::EmbedModel;
#[cfg(not(all(feature = "light", any(feature = "pages", feature = "lists"))))]
use crate::web::pages::embed::EmbedView;
use crate::web::pages::home::HomeModel;
use crate::web::pages::scorecard::ScorecardModel;
use crate::web::pages::theme::OverviewModel;
use crate::web::pages::indicator::IndicatorModel;
#[cfg(not(all(feature = "light", not(feature = "pages"))))]
use crate::web::pages::indicator::IndicatorView;

/// What a page the light programs draw holds (its `model.bin` holds the variant's model,
/// read by the program of that kind of page).
#[derive(Clone, Debug, PartialEq)]
pub enum LightModel {
    /// `light`: an embed.
    Embed(EmbedModel),
    /// `light-pages`: an indicator page.
    Indicator(IndicatorModel),
    /// `light-lists`: the pages that list the area's figures.
    List(ListModel),
}

/// The pages the `light-lists` program draws.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ListModel {
    Home(HomeModel),
    Overview(OverviewModel),
    Scorecard(ScorecardModel),
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub model: Rc<LightModel>,
    /// The view drawn first: the page's own (the address may ask for more, applied after).
    pub view: View,
}

/// Whether the model of the page at `view`'s address draws `view`: the build writes models
/// for each chart's default view only (the area's comparators, every year, no neighbour lines).
pub fn drawable(view: &View) -> bool {
    view.comparators.is_none() && view.from.is_none() && view.to.is_none() && view.lines.is_empty()
}

/// The root of a page the light program draws, hydrating the app's own page component
/// ([`EmbedView`], [`IndicatorView`]) in the app's own frame ([`crate::web::app::chrome`]).
#[function_component]
pub fn LightPage(props: &Props) -> Html {
    let view = use_state(|| props.view.clone());
    {
        // The options the address adds (table tab, hidden controls, height), then Back and
        // Forward and our own changes (route::go).
        let view = view.clone();
        use_effect_with((), move |_| {
            let now = super::route::current();
            if now != *view {
                view.set(now);
            }
            let listener = web_sys::window().map(|w| EventListener::new(&w, "popstate", move |_| view.set(super::route::current())));
            move || drop(listener)
        });
    }
    use_effect_with((), |_| super::progress::interactive());
    let child = match &view.page {
        Page::Embed(id) if view.height.is_none() => Some(view.child_id.clone().unwrap_or_else(|| id.clone())),
        _ => None,
    };
    use_effect_with(child, |child| {
        let watcher = child.clone().and_then(super::embed::watch_height);
        move || drop(watcher)
    });
    let v = (*view).clone();
    match &*props.model {
        // Each program draws its own kind of page (the other is never given to it).
        #[cfg(not(all(feature = "light", any(feature = "pages", feature = "lists"))))]
        LightModel::Embed(m) => html! { <main id="main" class="embed"><EmbedView model={Rc::new(m.clone())} view={v} /></main> },
        #[cfg(not(all(feature = "light", not(feature = "pages"))))]
        LightModel::Indicator(m) => {
            let body = html! { <IndicatorView model={Rc::new(m.clone())} view={v.clone()} /> };
            crate::web::app::chrome(&m.brand, &v, body)
        }
        #[cfg(not(all(feature = "light", not(feature = "lists"))))]
        LightModel::List(ListModel::Home(m)) => crate::web::app::chrome(&m.brand, &v, crate::web::pages::home::view(m, &v)),
        #[cfg(not(all(feature = "light", not(feature = "lists"))))]
        LightModel::List(ListModel::Overview(m)) => {
            // Drawn by the build with the app's components: every text in it is escaped.
            let failed = Html::from_html_unchecked(AttrValue::from(m.failed.clone()));
            let body = html! { <crate::web::pages::theme::Overview model={Rc::new(m.clone())} view={v.clone()} {failed} /> };
            crate::web::app::chrome(&m.brand, &v, body)
        }
        #[cfg(not(all(feature = "light", not(feature = "lists"))))]
        LightModel::List(ListModel::Scorecard(m)) => {
            // Drawn by the build with the app's components: every text in it is escaped.
            let body = Html::from_html_unchecked(AttrValue::from(m.body.clone()));
            let body = html! { <crate::web::pages::scorecard::ScorecardView controls={Rc::new(m.controls.clone())} view={v.clone()} {body} folds={m.folds} /> };
            crate::web::app::chrome(&m.brand, &v, body)
        }
        #[allow(unreachable_patterns)]
        _ => Html::default(),
    }
}

impl LightModel {
    /// The model as written beside its page: the variant's model, in postcard's form.
    pub fn to_bytes(&self) -> Result<Vec<u8>, postcard::Error> {
        match self {
            LightModel::Embed(m) => postcard::to_allocvec(m),
            LightModel::Indicator(m) => postcard::to_allocvec(m),
            LightModel::List(m) => postcard::to_allocvec(m),
        }
    }

    /// Reads back the model of this program's kind of page.
    #[cfg(feature = "light")]
    pub fn from_bytes(bytes: &[u8]) -> Option<LightModel> {
        #[cfg(feature = "pages")]
        return postcard::from_bytes(bytes).ok().map(LightModel::Indicator);
        #[cfg(feature = "lists")]
        return postcard::from_bytes(bytes).ok().map(LightModel::List);
        #[cfg(not(any(feature = "pages", feature = "lists")))]
        return postcard::from_bytes(bytes).ok().map(LightModel::Embed);
    }
}

/// Starts the light program on a prerendered page: hydrates it from its model, or
/// hands the view to the full app when the address asks for one the model does not draw
/// or the model cannot be read.
#[cfg(all(target_arch = "wasm32", feature = "light"))]
pub fn start() {
    let Some(boot) = super::boot() else { return };
    let now = super::route::current();
    let full_app = move |view: &View| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().replace(&super::route::shell_href(view));
        }
    };
    if !drawable(&now) {
        return full_app(&now);
    }
    // A page the build did not draw has nothing to hydrate (it loads the full app).
    let Some(view) = boot.rendered else { return };
    yew::platform::spawn_local(async move {
        let model = match super::fetch::page_file(super::MODEL).await {
            Ok(bytes) => LightModel::from_bytes(&bytes),
            Err(_) => None,
        };
        match model {
            Some(model) => {
                let props = Props { model: Rc::new(model), view };
                yew::Renderer::<LightPage>::with_root_and_props(boot.root, props).hydrate();
            }
            None => full_app(&now),
        }
    });
}

/// Starts the `light-checker` program on "Check your data": it reads the publisher's files,
/// not the site's (only its configuration), so it draws the page's main part afresh and keeps
/// the header and footer the build wrote (the site's title, logo and links).
#[cfg(all(target_arch = "wasm32", feature = "checker"))]
pub fn start_checker() {
    let Some(boot) = super::boot() else { return };
    let Some(main) = boot.root.query_selector("#main").ok().flatten() else { return };
    main.set_inner_html("");
    yew::Renderer::<crate::web::pages::check::CheckPage>::with_root(main).render();
}

/// The data page's props: the site as loaded (compared by pointer).
#[derive(Properties)]
pub struct DataProps {
    pub site: Rc<crate::web::site::Site>,
    pub view: View,
}

impl PartialEq for DataProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.site, &other.site) && self.view == other.view
    }
}

/// The root of "Data and sources" as the `light-check` program draws it: every file as it
/// reads on the host now.
#[function_component]
pub fn DataPage(props: &DataProps) -> Html {
    use_effect_with((), |_| super::progress::interactive());
    crate::web::app::chrome(&crate::web::app::Brand::of(&props.site.config), &props.view, crate::web::pages::data::render(&props.site))
}

/// Starts the `light-check` program on the data page: loads every data file, then hydrates
/// the page when they are the files it was drawn from, or draws it again from them.
#[cfg(all(target_arch = "wasm32", feature = "check"))]
pub fn start_check() {
    let Some(boot) = super::boot() else { return };
    let view = boot.rendered.unwrap_or_else(super::route::current);
    yew::platform::spawn_local(async move {
        let Ok(site) = super::site::load(None).await else { return };
        let same = boot.data.as_deref() == Some(format!("{:016x}", site.fingerprint).as_str());
        let props = DataProps { site, view };
        let renderer = yew::Renderer::<DataPage>::with_root_and_props(boot.root.clone(), props);
        if same {
            renderer.hydrate();
        } else {
            boot.root.set_inner_html("");
            renderer.render();
        }
    });
}
