//! The build step that writes the site's pages: for the partnerships' areas (and the
//! default pages, which are the first area's), every page is rendered natively by the same
//! Yew components the browser runs (server-side rendering), into a real `index.html` under
//! `dist/` at the page's address. The browser then hydrates it: what is drawn stays, and
//! gains its controls, tooltips, tabs and downloads. Pages need no script to be read: their
//! charts are SVG, their tables are in the page, `noscript.css` shows both.

use std::path::Path;
use std::rc::Rc;

use yew::Html;

use crate::core::catalog::build;
use crate::core::chart::text::escape_xml;
use crate::core::indicator::indicators;
use crate::core::view::{Page, View, THEME_PAGES};
use crate::web::app::{document_title, App, Props};
use crate::web::components::SiteRef;
use crate::web::light::{LightModel, LightPage, ListModel, Props as LightProps};
use crate::web::pages::embed::EmbedModel;
use crate::web::pages::indicator::IndicatorModel;
use crate::web::route::{self, Links};
use crate::web::site::{self, Site};

/// What [`write_pages`] wrote.
#[derive(Debug, Default)]
pub struct Written {
    pub pages: usize,
    /// Pages written without content, drawn in the browser (every chart of a theme at once).
    pub shells: usize,
    pub bytes: u64,
    pub areas: usize,
    /// Models written beside pages the light program draws (embeds, indicator pages).
    pub models: usize,
}

/// Marks around what this step adds to the page shell, so it can be run again on its output.
const START: &str = "<!--prerender-->";
const END: &str = "<!--/prerender-->";

/// The stylesheet of a site's own colours (`colours` in `site.json`), written by [`write_pages`].
pub const BRAND_CSS: &str = "brand.css";

/// The program's file stem (trunk's output for the crate's binary).
const PROGRAM: &str = "safeguarding-dashboard";
/// Folders of `dist/` holding the light programs ([`crate::web::light`], `scripts/lib.sh`):
/// for embeds, and for indicator pages. Each is started by `boot-<folder>.js`.
pub const LIGHT: &str = "light";
pub const LIGHT_PAGES: &str = "light-pages";
pub const LIGHT_LISTS: &str = "light-lists";
pub const LIGHT_CHECK: &str = "light-check";
pub const LIGHT_CHECKER: &str = "light-checker";

/// What a written page loads to become interactive.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Program {
    /// The app, which loads the data files (pages drawn in the browser).
    App,
    /// A light program, from its folder ([`LIGHT`], [`LIGHT_PAGES`], [`LIGHT_LISTS`] with the
    /// page's model; [`LIGHT_CHECK`], which loads the data files).
    Light(&'static str),
    /// Nothing: the page has no controls (the accessibility statement).
    None,
}

/// The page shell (trunk's `dist/index.html`), to be filled per page.
struct Shell {
    html: String,
    /// Whether the site has colours of its own (`brand.css`, linked from every page).
    brand: bool,
}

impl Shell {
    fn read(dist: &Path) -> Result<Shell, String> {
        let mut html = std::fs::read_to_string(dist.join("index.html")).map_err(|e| format!("dist/index.html: {e}"))?;
        while let (Some(a), Some(b)) = (html.find(START), html.find(END)) {
            html.replace_range(a..b + END.len(), "");
        }
        // Run again on its own output: the root page loads a light program; back to the app.
        for dir in [LIGHT_CHECKER, LIGHT_CHECK, LIGHT_LISTS, LIGHT_PAGES, LIGHT] {
            html = html.replace(&format!("\"{dir}/{PROGRAM}.js\""), &format!("\"{PROGRAM}.js\"")).replace(&format!("\"boot-{dir}.js\""), "\"boot.js\"");
        }
        if !html.contains("<div id=\"app\">") || !html.contains("</head>") || !html.contains("\"boot.js\"") {
            return Err("dist/index.html has no <div id=\"app\">, </head> or boot.js: is it trunk's output?".into());
        }
        Ok(Shell { html, brand: false })
    }

    /// The page at depth `root` (`"../../"`) with `title`, the view it holds and the
    /// fingerprint of the data it was drawn from (`None`: drawn in the browser), and its
    /// content, loading `program`.
    fn page(&self, root: &str, title: &str, view: Option<(&str, u64)>, areas: &str, content: &str, program: Program) -> String {
        let shell = match program {
            Program::App => self.html.clone(),
            Program::Light(dir) => self.html.replace(&format!("\"{PROGRAM}.js\""), &format!("\"{dir}/{PROGRAM}.js\"")).replace("\"boot.js\"", &format!("\"boot-{dir}.js\"")),
            // Nothing to start: the page is ready as it is.
            Program::None => self
                .html
                .replace(&format!("<link rel=\"modulepreload\" href=\"{PROGRAM}.js\">"), "")
                .replace("<script type=\"module\" src=\"boot.js\"></script>", "")
                .replacen("<html ", "<html data-dashboard=\"ready\" ", 1),
        };
        let mut html = prefix_urls(&shell, root);
        if let (Some(a), Some(b)) = (html.find("<title>"), html.find("</title>")) {
            html.replace_range(a..b + "</title>".len(), &format!("<title>{}</title>", escape_xml(title)));
        }
        let mut head = format!("{START}<meta name=\"dashboard-root\" content=\"{}\"><meta name=\"dashboard-areas\" content=\"{}\">", escape_xml(root), escape_xml(areas));
        if let Some((v, data)) = view {
            head.push_str(&format!("<meta name=\"dashboard-view\" content=\"{}\"><meta name=\"dashboard-data\" content=\"{data:016x}\">", escape_xml(v)));
        }
        // After the stylesheet, so its colours win; in the head, so no page shows another's first.
        if self.brand {
            head.push_str(&format!("<link rel=\"stylesheet\" href=\"{root}{BRAND_CSS}\">"));
        }
        head.push_str(&format!("<noscript><link rel=\"stylesheet\" href=\"{root}noscript.css\"></noscript>{END}"));
        if let Some(at) = html.find("</head>") {
            html.insert_str(at, &head);
        }
        let open = "<div id=\"app\">";
        if let (Some(a), Some(b)) = (html.find(open), html.rfind("</body>")) {
            let close = html[..b].rfind("</div>").unwrap_or(b);
            html.replace_range(a + open.len()..close, content);
        }
        html
    }
}

/// `href="x"` and `src="x"` of the shell made relative to a page `root` below the site's
/// root (fragments, `data:` and absolute addresses are left alone).
fn prefix_urls(html: &str, root: &str) -> String {
    if root.is_empty() {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(i) = rest.find(|c| c == 'h' || c == 's') {
        let (before, at) = rest.split_at(i);
        out.push_str(before);
        let attr = ["href=\"", "src=\""].into_iter().find(|a| at.starts_with(a));
        match attr {
            Some(a) => {
                out.push_str(a);
                let value = &at[a.len()..];
                let keep = ["#", "data:", "http:", "https:", "/", "../"].iter().any(|p| value.starts_with(p));
                if !keep {
                    out.push_str(root);
                }
                rest = value.strip_prefix("./").unwrap_or(value);
            }
            None => {
                out.push_str(&at[..1]);
                rest = &at[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// From a page at `url` (`looked-after/E06000047/`) back to the site's root.
fn root_of(url: &str) -> String {
    "../".repeat(url.split(['?', '#']).next().unwrap_or_default().matches('/').count())
}

/// Renders `view` of `site` with the app's components, as the browser will hydrate it.
pub fn render(site: &Rc<Site>, view: &View) -> String {
    let props = Props { site: Some(Rc::new(SiteRef(site.clone()))), view: view.clone() };
    futures::executor::block_on(yew::LocalServerRenderer::<App>::with_props(props).render())
}

/// `html` as HTML, without the marks hydration needs: for parts of a page the light program
/// shows as they are (`Html::from_html_unchecked`), every text in them escaped by Yew.
pub fn static_html(html: Html) -> String {
    #[derive(yew::Properties, PartialEq)]
    struct One {
        html: Html,
    }
    #[yew::function_component]
    fn Static(p: &One) -> Html {
        p.html.clone()
    }
    futures::executor::block_on(yew::LocalServerRenderer::<Static>::with_props(One { html }).hydratable(false).render())
}

/// Renders a page from its model, as the light program hydrates it.
pub fn render_light(model: &Rc<LightModel>, view: &View) -> String {
    let props = LightProps { model: model.clone(), view: view.clone() };
    futures::executor::block_on(yew::LocalServerRenderer::<LightPage>::with_props(props).render())
}

/// Renders "Data and sources" as the `light-check` program hydrates it.
pub fn render_data(site: &Rc<Site>, view: &View) -> String {
    let props = crate::web::light::DataProps { site: site.clone(), view: view.clone() };
    futures::executor::block_on(yew::LocalServerRenderer::<crate::web::light::DataPage>::with_props(props).render())
}

/// Every authority's latest years of the official files (`data/slices/<file>/recent.csv`,
/// written by the slice step), read once per file for the comparisons the build works out.
#[derive(Default)]
struct RecentTables {
    dir: std::path::PathBuf,
    read: std::cell::RefCell<std::collections::BTreeMap<String, Option<Rc<crate::core::table::Table>>>>,
}

impl RecentTables {
    fn table(&self, site: &Site, file: &str) -> Option<Rc<crate::core::table::Table>> {
        if let Some(t) = self.read.borrow().get(file) {
            return t.clone();
        }
        let table = (|| {
            let entry = site.config.file(file)?;
            let meta = std::fs::read(self.dir.join(&entry.meta)).ok()?;
            let data = std::fs::read(self.dir.join(format!("slices/{file}/recent.csv"))).ok()?;
            crate::core::dataset::load_file(&site.config, entry, &data, &meta).value.map(Rc::new)
        })();
        self.read.borrow_mut().insert(file.to_string(), table.clone());
        table
    }
}

/// The views prerendered for `area` (`None`: the default pages, the first area's).
fn views(site: &Rc<Site>, area: Option<&str>) -> Vec<View> {
    let at = |page: Page| View { page, area: area.map(str::to_string), ..View::default() };
    let mut out = vec![at(Page::Home), at(Page::Scorecard)];
    let choice = crate::web::pages::choice(site, &at(Page::Home));
    let tables = site.tables();
    for (theme, _, themes) in THEME_PAGES.iter() {
        out.push(at(Page::Theme(theme.to_string())));
        let specs = site.theme_specs(themes);
        for ind in indicators(&specs) {
            out.push(at(Page::Indicator(theme.to_string(), ind.slug.clone())));
            for spec in &ind.charts {
                if build(&site.config, &tables, spec, &choice).is_some() {
                    out.push(at(Page::Embed(spec.id.clone())));
                }
            }
        }
    }
    out
}

/// Writes every page of the partnerships' areas into `dist` (whose `data/` the pages draw
/// from, slices included), plus the pages every area shares. Returns what it wrote.
pub fn write_pages(dist: &Path) -> Result<Written, String> {
    let mut shell = Shell::read(dist)?;
    let data = dist.join("data");
    let first = site::load_dir(&data, None).map_err(|e| e.to_string())?;
    // The site's colours, checked as `check` does: a colour without contrast is not written.
    let _ = std::fs::remove_file(dist.join(BRAND_CSS));
    if let Some(c) = &first.config.colours {
        use crate::core::brand::{check, parse_hex, Role};
        let colour = |value: &str, role: Role| -> Result<(u8, u8, u8), String> {
            let rgb = parse_hex(value).ok_or_else(|| format!("data/site.json: colours: \"{value}\" is not a colour written as #rrggbb"))?;
            check(role, rgb).map(|_| rgb).map_err(|p| format!("data/site.json: colours: {}; {}", p.message(), p.hint()))
        };
        let brand = colour(&c.brand, Role::Brand)?;
        let accent = c.accent.as_deref().map(|a| colour(a, Role::Accent)).transpose()?;
        std::fs::write(dist.join(BRAND_CSS), crate::core::brand::css(brand, accent)).map_err(|e| format!("{BRAND_CSS}: {e}"))?;
        shell.brand = true;
    }
    let recent = RecentTables { dir: data.clone(), ..RecentTables::default() };
    // The scorecards' configuration, or its problem (shown on the scorecard pages).
    let scorecards = {
        let name = "data/scorecards.json";
        match std::fs::read(data.join("scorecards.json")) {
            Ok(bytes) => crate::core::scorecard::parse(name, &String::from_utf8_lossy(&bytes)),
            Err(e) => Err(crate::core::error::DataError::new(crate::core::error::Position::file(name), crate::core::error::ErrorKind::Unreadable { reason: e.to_string() })),
        }
    };
    let areas: Vec<String> = first.config.areas.iter().map(|a| a.code.clone()).collect();
    let area_list = areas.join(" ");
    let mut written = Written { areas: areas.len(), ..Written::default() };
    let mut write = |url: &str, name: &str, bytes: &[u8]| -> Result<(), String> {
        // A host maps a decoded path to its files: `%2B` in an address is `+` in a folder name.
        let folder: Vec<String> = url.split(['?', '#']).next().unwrap_or_default().split('/').map(crate::core::view::decode).collect();
        let dir = dist.join(folder.join("/"));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        std::fs::write(dir.join(name), bytes).map_err(|e| format!("{}: {e}", dir.display()))?;
        written.bytes += bytes.len() as u64;
        Ok(())
    };
    let targets: Vec<Option<String>> = std::iter::once(None).chain(areas.iter().cloned().map(Some)).collect();
    let t0 = std::time::Instant::now();
    for (n, area) in targets.iter().enumerate() {
        let site = match area {
            None => first.clone(),
            Some(a) => site::load_dir(&data, Some(a)).map_err(|e| e.to_string())?,
        };
        let mut list = views(&site, area.as_deref());
        if area.is_none() {
            list.push(View { page: Page::Data, ..View::default() });
            list.push(View { page: Page::Accessibility, ..View::default() });
            list.push(View { page: Page::Check, ..View::default() });
        }
        for view in list {
            let links = Links { root: String::new(), areas: areas.clone() };
            route::set_links(links.clone());
            let url = route::url(&view);
            let root = root_of(&url);
            route::set_links(Links { root: root.clone(), ..links });
            let title = document_title(Some(&site), &view);
            // An embed and an indicator page are drawn from their model, written beside them
            // for the light program; other pages by the app, for the full one.
            let light = match &view.page {
                Page::Embed(id) => Some(LightModel::Embed(EmbedModel::of(&site, &view, id))),
                Page::Indicator(theme, slug) => IndicatorModel::of(&site, &view, theme, slug, Some(&|file: &str| recent.table(&site, file))).map(LightModel::Indicator),
                Page::Home => Some(LightModel::List(ListModel::Home(crate::web::pages::home::HomeModel::of(&site, &view)))),
                Page::Theme(theme) => Some(LightModel::List(ListModel::Overview(crate::web::pages::theme::OverviewModel::of(&site, &view, theme, true)))),
                Page::Scorecard => Some(LightModel::List(ListModel::Scorecard(crate::web::pages::scorecard::ScorecardModel::of(&site, &view, &scorecards)))),
                _ => None,
            };
            let html = match light {
                Some(model) => {
                    let bytes = model.to_bytes().map_err(|e| format!("{url}: {e}"))?;
                    let program = match model { LightModel::Embed(_) => LIGHT, LightModel::Indicator(_) => LIGHT_PAGES, LightModel::List(_) => LIGHT_LISTS };
                    write(&url, crate::web::MODEL, &bytes)?;
                    written.models += 1;
                    shell.page(&root, &title, Some((&url, site.fingerprint)), &area_list, &render_light(&Rc::new(model), &view), Program::Light(program))
                }
                // The data page says how every file reads on the host as it is now: its program
                // loads and checks them all, and draws the page again if they changed.
                None if view.page == Page::Data => shell.page(&root, &title, Some((&url, site.fingerprint)), &area_list, &render_data(&site, &view), Program::Light(LIGHT_CHECK)),
                // "Check your data" reads files with the app's parser, catalog and charts.
                None if view.page == Page::Check => shell.page(&root, &title, Some((&url, site.fingerprint)), &area_list, &render(&site, &view), Program::Light(LIGHT_CHECKER)),
                // The accessibility statement has nothing to do.
                None => shell.page(&root, &title, Some((&url, site.fingerprint)), &area_list, &render(&site, &view), Program::None),
            };
            write(&url, "index.html", html.as_bytes())?;
            written.pages += 1;
        }
        // Progress, for a person waiting on the build (on stderr: stdout is the summary).
        eprintln!(
            "pages: {} of {} done ({}): {} pages so far, {:.1} s",
            n + 1,
            targets.len(),
            area.as_deref().map_or_else(|| "the default pages".to_string(), |a| first.config.area(a).map_or(a.to_string(), |x| format!("{} {a}", x.name))),
            written.pages,
            t0.elapsed().as_secs_f64()
        );
        // Every chart of a theme at once is long (a few MB): drawn in the browser. So is any
        // view of an area without pages, by one page that reads the view from its address.
        if area.is_none() {
            let note = "<main id=\"main\" class=\"wrap\"><h1>Children's safeguarding data</h1><noscript><p>This page draws, with JavaScript, the figures of an area the partnerships' pages do not cover. Without it, see <a href=\"../sources/\">Data and sources</a> for every data file.</p></noscript></main>";
            let html = shell.page("../", "Children's safeguarding data", None, &area_list, note, Program::App);
            write(&format!("{}/", crate::core::view::VIEW_PAGE), "index.html", html.as_bytes())?;
            written.shells += 1;
            for (theme, title, _) in THEME_PAGES.iter() {
                let url = format!("{theme}/{}/", crate::web::pages::indicator::ALL);
                let root = root_of(&url);
                let note = format!("<main id=\"main\" class=\"wrap\"><h1>Every chart: {}</h1><noscript><p>This page draws every chart of the theme in the browser, with JavaScript. Each indicator's own page has its charts without it: see <a href=\"{root}{theme}/\">{}</a>.</p></noscript></main>", escape_xml(title), escape_xml(title));
                let html = shell.page(&root, &format!("Every chart: {title} – Children's safeguarding data"), None, &area_list, &note, Program::App);
                write(&url, "index.html", html.as_bytes())?;
                written.shells += 1;
            }
        }
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The step runs again on its own output (tests fill a copy of `dist/` and write its
    /// pages again): the shell read back from a written root page loads the app, so the page
    /// for any view does not load a light program (which would send it to itself).
    #[test]
    fn the_shell_read_back_from_a_written_page_loads_the_app() {
        let dir = std::env::temp_dir().join(format!("shell-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let trunk = r#"<html lang="en-GB"><head><link rel="modulepreload" href="safeguarding-dashboard.js"><script type="module" src="boot.js"></script></head><body><div id="app"></div></body></html>"#;
        std::fs::write(dir.join("index.html"), trunk).unwrap();
        let shell = Shell::read(&dir).unwrap();
        let written = shell.page("", "Home", Some(("", 1)), "E1", "<main>home</main>", Program::Light(LIGHT_LISTS));
        assert!(written.contains(r#"src="boot-light-lists.js""#) && written.contains(r#"href="light-lists/safeguarding-dashboard.js""#), "{written}");
        std::fs::write(dir.join("index.html"), &written).unwrap();
        let again = Shell::read(&dir).unwrap();
        let shell_page = again.page("../", "Any view", None, "E1", "", Program::App);
        assert!(shell_page.contains(r#"src="../boot.js""#) && shell_page.contains(r#"href="../safeguarding-dashboard.js""#), "{shell_page}");
        assert!(!shell_page.contains("light"), "{shell_page}");
        let none = again.page("../", "Sources", Some(("sources/", 1)), "E1", "", Program::None);
        assert!(!none.contains("boot") && none.contains(r#"<html data-dashboard="ready" lang="en-GB">"#), "{none}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn shell_urls_are_made_relative_to_the_page() {
        let html = r##"<link rel="stylesheet" href="./main.css"><link rel="modulepreload" href="app.js"><script type="module" src="boot.js"></script><a href="#main">Skip</a><link rel="icon" href="data:,"><a href="https://x.org/">x</a>"##;
        let out = prefix_urls(html, "../../");
        assert!(out.contains(r#"href="../../main.css""#), "{out}");
        assert!(out.contains(r#"href="../../app.js""#));
        assert!(out.contains(r#"src="../../boot.js""#));
        assert!(out.contains(r##"href="#main""##) && out.contains(r#"href="data:,""#) && out.contains(r#"href="https://x.org/""#));
        assert_eq!(prefix_urls(html, ""), html);
        assert_eq!(root_of("looked-after/cla-rate--cla_rate/E06000047/?x=1"), "../../../");
        assert_eq!(root_of(""), "");
    }
}
