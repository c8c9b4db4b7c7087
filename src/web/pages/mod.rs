//! Pages. Each takes the loaded site and the view from the URL.

pub mod accessibility;
pub mod data;
pub mod embed;
pub mod home;
pub mod scorecard;
pub mod theme;

use crate::core::catalog::Choice;
use crate::core::view::View;
use crate::web::site::Site;

/// The reader's choice of area, comparators and years, from the view.
pub fn choice(site: &Site, view: &View) -> Choice {
    let area = view
        .area
        .as_ref()
        .and_then(|a| site.config.area(a))
        .or(site.config.areas.first())
        .map(|a| a.clone());
    let Some(area) = area else { return Choice::default() };
    let comparators = match &view.comparators {
        None => area.comparators.clone(),
        Some(on) => area.comparators.iter().filter(|c| on.contains(c)).cloned().collect(),
    };
    let years = match (view.from, view.to) {
        (None, None) => None,
        (a, b) => Some((a.unwrap_or(0), b.unwrap_or(u16::MAX))),
    };
    Choice { area: area.code, comparators, years }
}
