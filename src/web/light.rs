//! The light program, for prerendered embeds: the page's [`EmbedModel`] (`model.bin`,
//! written by the build beside the page) hydrates the page as drawn, without the site's
//! data files or the rest of the app. It is built from this crate with the `light`
//! feature (`scripts/lib.sh`), so it holds only the embed's components.
//!
//! It draws what the model holds: the chart, its table tab, tooltips, downloads and its
//! controls. A control that asks for another view (other comparators, years or
//! neighbours, an area without pages) hands over to the full app on the page that draws any
//! view (`view/`), replacing the embed's history entry as every embed change does.

use std::rc::Rc;

use gloo_events::EventListener;
use yew::prelude::*;

use crate::core::view::{Page, View};
use crate::web::pages::embed::{EmbedModel, EmbedView};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub model: Rc<EmbedModel>,
    /// The view drawn first: the page's own (the address may ask for more, applied after).
    pub view: View,
}

/// Whether the model of the page at `view`'s address draws `view`: the build writes models
/// for each chart's default view only (the area's comparators, every year, no neighbour lines).
pub fn drawable(view: &View) -> bool {
    view.comparators.is_none() && view.from.is_none() && view.to.is_none() && view.lines.is_empty()
}

/// The root of a light embed, hydrating the app's own [`EmbedView`].
#[function_component]
pub fn LightEmbed(props: &Props) -> Html {
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
    html! { <main id="main" class="embed"><EmbedView model={props.model.clone()} view={(*view).clone()} /></main> }
}

/// Starts the light program on a prerendered embed page: hydrates it from its model, or
/// hands the view to the full app when the address asks for one the model does not draw
/// or the model cannot be read.
#[cfg(target_arch = "wasm32")]
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
    let Some(view) = boot.rendered else { return full_app(&now) };
    yew::platform::spawn_local(async move {
        let model = match super::fetch::page_file(super::MODEL).await {
            Ok(bytes) => postcard::from_bytes::<EmbedModel>(&bytes).ok(),
            Err(_) => None,
        };
        match model {
            Some(model) => {
                let props = Props { model: Rc::new(model), view };
                yew::Renderer::<LightEmbed>::with_root_and_props(boot.root, props).hydrate();
            }
            None => full_app(&now),
        }
    });
}
