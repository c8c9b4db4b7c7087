//! Pages. Each takes the loaded site and the view from the URL.

pub mod accessibility;
pub mod check;
pub mod data;
pub mod embed;
pub mod home;
pub mod indicator;
pub mod scorecard;
pub mod theme;

use crate::core::catalog::Choice;
use crate::core::view::View;
use crate::web::site::Site;

/// The reader's choice of area, comparators and years, from the view. An authority that
/// no partnership configures is compared with England, its region and the median of its
/// statistical neighbours (`SNM-` code, computed from the official data); configured
/// areas gain that median after their own comparators.
pub fn choice(site: &Site, view: &View) -> Choice {
    let area = area_of(site, view);
    let Some(area) = area else { return Choice::default() };
    let comparators = match &view.comparators {
        None => area.comparators.clone(),
        Some(on) => area.comparators.iter().filter(|c| on.contains(c)).cloned().collect(),
    };
    let years = match (view.from, view.to) {
        (None, None) => None,
        (a, b) => Some((a.unwrap_or(0), b.unwrap_or(u16::MAX))),
    };
    let named: Vec<(String, String)> = site.places.iter().find(|p| p.code == area.code).map(|p| p.neighbours.clone()).unwrap_or_default();
    let neighbours = named.iter().map(|(c, _)| c.clone()).collect();
    // Neighbours drawn as lines: the ones asked for that are the area's, nearest first.
    let lines = named.iter().filter(|(c, _)| view.lines.contains(c)).take(crate::core::catalog::MAX_NEIGHBOUR_LINES).cloned().collect();
    Choice { area_name: area.name.clone(), area: area.code, comparators, years, neighbours, lines }
}

/// The chosen area as configured, or built from the official places list
/// ([`crate::core::catalog::area_for`]).
pub fn area_of(site: &Site, view: &View) -> Option<crate::core::config::Area> {
    crate::core::catalog::area_for(&site.config, &site.places, view.area.as_deref())
}

/// When no data file of the site has a figure on theme page `theme` for any area (a site
/// of the official statistics only has none on training or child deaths, which only the
/// partnerships' reports publish): the sentence that says so plainly, naming the partnership.
pub fn no_theme_figures(site: &Site, theme: &str) -> Option<String> {
    let (_, title, themes) = crate::core::view::THEME_PAGES.iter().find(|(id, _, _)| *id == theme)?;
    if !site.theme_specs(themes).is_empty() || !theme::failed_files(site, themes).is_empty() {
        return None;
    }
    let topic = format!("{}{}", title[..1].to_lowercase(), &title[1..]);
    let who = site.config.partnerships.first().map_or("This partnership".to_string(), |p| p.name.clone());
    Some(format!(
        "{who} publishes no figures on {topic} here. This dashboard shows the Department for Education's official statistics, which have none on {topic} for any authority: see the partnership's own reports."
    ))
}
