//! The whole view a reader sees, as an address relative to the site's root, so a copied
//! link reopens it: `looked-after/cla-rate--cla_rate/E06000047/?cmp=E92000001&from=2018`.
//! Each page is a real `index.html` in `dist/` (written by the build for the partnerships'
//! areas), so no server rewrites are needed and `dist/` works from any sub-path. An area
//! without pages of its own is asked for in the query (`looked-after/?area=E09000003`) and
//! drawn in the browser. The old fragment form (`#/looked-after?area=…`) is still read.

/// Pages of the site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    Home,
    /// A theme overview, by theme id (see [`THEME_PAGES`]): one row per indicator.
    Theme(String),
    /// One indicator's page: (theme id, indicator slug, see [`crate::core::indicator`]).
    Indicator(String, String),
    Data,
    Accessibility,
    /// "Check your data": a publisher's files checked and previewed in the browser.
    Check,
    /// One chart alone, for embedding in another site.
    Embed(String),
    /// The corporate parenting scorecard for an area.
    Scorecard,
    NotFound(String),
}

/// Theme pages: (id, title, meta themes shown).
pub const THEME_PAGES: [(&str, &str, &[&str]); 7] = [
    ("children-in-need", "Children in need", &["children-in-need"]),
    ("child-protection", "Child protection plans", &["child-protection"]),
    ("looked-after", "Children looked after and care leavers", &["looked-after", "care-leavers"]),
    ("training", "Safeguarding training", &["training"]),
    ("child-deaths", "Child deaths", &["child-deaths"]),
    ("context", "Context: population, early help, budgets", &["context"]),
    ("partnership-activity", "Partnership activity", &["partnership-activity"]),
];

/// Everything that defines what is on screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct View {
    pub page: Page,
    /// Chosen area code; `None` means the site's first area.
    pub area: Option<String>,
    /// Comparators switched on; `None` means all of the area's.
    pub comparators: Option<Vec<String>>,
    pub from: Option<u16>,
    pub to: Option<u16>,
    /// Statistical neighbours drawn as lines of their own (`sn=` codes, nearest first).
    pub lines: Vec<String>,
    /// Charts showing their table instead of the chart.
    pub tables: Vec<String>,
    /// Embed options: hide controls, fixed height in px.
    pub hide_controls: bool,
    pub height: Option<u32>,
    /// pym.js child id given by a pym parent (`childId`), echoed in height messages.
    pub child_id: Option<String>,
}

impl Default for View {
    fn default() -> Self {
        View { page: Page::Home, area: None, comparators: None, from: None, to: None, lines: Vec::new(), tables: Vec::new(), hide_controls: false, height: None, child_id: None }
    }
}

fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Percent-decodes a part of an address (`+` as a space, as in a query).
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(v) = std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(if bytes[i] == b'+' { b' ' } else { bytes[i] });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The folder of the page that draws, in the browser, a view of an area without pages of
/// its own: `view/?page=looked-after/&area=E09000003`.
pub const VIEW_PAGE: &str = "view";

/// Whether a path segment names an area rather than a page: page and indicator names are
/// lower case (indicator slugs hold `--`); area codes are upper case (`E06000047`,
/// `P-DDSCP`).
fn is_area_segment(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && !s.contains("--")
}

fn list(s: &str) -> Vec<String> {
    s.split(',').filter(|x| !x.is_empty()).map(decode).collect()
}

impl View {
    /// Reads a fragment such as `#/training?area=E06000015`. Unknown parameters are
    /// ignored; unknown pages become [`Page::NotFound`].
    pub fn parse(hash: &str) -> View {
        let h = hash.trim_start_matches('#').trim_start_matches('/');
        let (path, query) = h.split_once('?').unwrap_or((h, ""));
        let mut v = View::default();
        let mut segments = path.split('/').filter(|s| !s.is_empty());
        v.page = match segments.next() {
            None | Some("") => Page::Home,
            Some("data") => Page::Data,
            Some("accessibility") => Page::Accessibility,
            Some("check") => Page::Check,
            Some("scorecard") => Page::Scorecard,
            Some("embed") => match segments.next() {
                Some(id) => Page::Embed(decode(id)),
                None => Page::NotFound("embed".into()),
            },
            Some(t) if THEME_PAGES.iter().any(|(id, _, _)| *id == t) => match segments.next() {
                Some(slug) => Page::Indicator(t.to_string(), decode(slug)),
                None => Page::Theme(t.to_string()),
            },
            Some(other) => Page::NotFound(decode(other)),
        };
        for pair in query.split('&') {
            let (k, val) = pair.split_once('=').unwrap_or((pair, ""));
            match k {
                "area" if !val.is_empty() => v.area = Some(decode(val)),
                "cmp" => v.comparators = Some(list(val)),
                "from" => v.from = val.parse().ok(),
                "to" => v.to = val.parse().ok(),
                "table" => v.tables = list(val),
                "sn" => v.lines = list(val),
                "controls" => v.hide_controls = val == "0",
                "height" => v.height = val.parse().ok().filter(|h| (100..=5000).contains(h)),
                "childId" => v.child_id = Some(decode(val)).filter(|c| !c.is_empty() && c.len() <= 64),
                _ => {}
            }
        }
        v
    }

    /// Reads an address relative to the site's root: `path` is the part after the root
    /// (`looked-after/E06000047/`), `query` the part after `?`. See [`View::to_url`].
    pub fn from_url(path: &str, query: &str) -> View {
        // The page that draws any view in the browser carries the view's own folder.
        if path.trim_end_matches("index.html").trim_matches('/') == VIEW_PAGE {
            let page = query.split('&').find_map(|p| p.strip_prefix("page=")).map(decode).unwrap_or_default();
            let rest: Vec<&str> = query.split('&').filter(|p| !p.starts_with("page=")).collect();
            let page = page.trim_start_matches('/');
            if page.trim_matches('/') != VIEW_PAGE {
                return View::from_url(page, &rest.join("&"));
            }
        }
        let mut segments: Vec<String> = path.split('/').filter(|s| !s.is_empty() && *s != "index.html").map(decode).collect();
        // The area comes last in the path, when it is there.
        let area = segments.last().filter(|s| is_area_segment(s)).cloned();
        if area.is_some() {
            segments.pop();
        }
        let page = match segments.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            [] => Page::Home,
            ["sources"] => Page::Data,
            ["accessibility"] => Page::Accessibility,
            ["check"] => Page::Check,
            ["scorecard"] => Page::Scorecard,
            ["embed", id] => Page::Embed(id.to_string()),
            [t] if THEME_PAGES.iter().any(|(id, _, _)| id == t) => Page::Theme(t.to_string()),
            [t, slug] if THEME_PAGES.iter().any(|(id, _, _)| id == t) => Page::Indicator(t.to_string(), slug.to_string()),
            other => Page::NotFound(other.join("/")),
        };
        let mut v = View::parse(&format!("?{query}"));
        v.page = page;
        if v.area.is_none() {
            v.area = area;
        }
        v
    }

    /// This view's address relative to the site's root: the page's folder, with the area in
    /// it when `has_pages(area)` (the build wrote that area's pages), else as `?area=`, then
    /// the non-default options. Home is `""` (or `<area>/`).
    pub fn to_url(&self, has_pages: impl Fn(&str) -> bool) -> String {
        let mut path = match &self.page {
            Page::Home => String::new(),
            Page::Theme(t) => format!("{t}/"),
            // A chart's id (an old link, or a breakdown) names its indicator's page.
            Page::Indicator(t, slug) => format!("{t}/{}/", encode(super::indicator::slug_of(slug))),
            Page::Data => "sources/".into(),
            Page::Accessibility => "accessibility/".into(),
            Page::Check => "check/".into(),
            Page::Scorecard => "scorecard/".into(),
            Page::Embed(id) => format!("embed/{}/", encode(id)),
            Page::NotFound(p) => format!("{}/", encode(p)),
        };
        // …and the page opens at that chart.
        let at = match &self.page {
            Page::Indicator(_, slug) if super::indicator::slug_of(slug) != slug => format!("#{}", encode(slug)),
            _ => String::new(),
        };
        let per_area = !matches!(self.page, Page::Data | Page::Accessibility | Page::Check | Page::NotFound(_));
        let mut rest = self.clone();
        match self.area.as_deref() {
            Some(a) if per_area && has_pages(a) => {
                path.push_str(&encode(a));
                path.push('/');
                rest.area = None;
            }
            // An area without pages of its own: the page that draws any view in the browser.
            Some(_) if per_area => {
                let query = rest.query();
                let more = query.strip_prefix('?').map(|q| format!("&{q}")).unwrap_or_default();
                return format!("{VIEW_PAGE}/?page={}{more}{at}", encode(&path));
            }
            _ => {}
        }
        format!("{path}{}{at}", rest.query())
    }

    /// The fragment for this view, with only non-default parts.
    pub fn to_hash(&self) -> String {
        let path = match &self.page {
            Page::Home => String::new(),
            Page::Theme(t) => t.clone(),
            Page::Indicator(t, slug) => format!("{t}/{}", encode(slug)),
            Page::Data => "data".into(),
            Page::Accessibility => "accessibility".into(),
            Page::Check => "check".into(),
            Page::Scorecard => "scorecard".into(),
            Page::Embed(id) => format!("embed/{}", encode(id)),
            Page::NotFound(p) => encode(p),
        };
        let mut q: Vec<String> = Vec::new();
        if let Some(a) = &self.area {
            q.push(format!("area={}", encode(a)));
        }
        if let Some(c) = &self.comparators {
            q.push(format!("cmp={}", c.iter().map(|x| encode(x)).collect::<Vec<_>>().join(",")));
        }
        if let Some(f) = self.from {
            q.push(format!("from={f}"));
        }
        if let Some(t) = self.to {
            q.push(format!("to={t}"));
        }
        if !self.lines.is_empty() {
            q.push(format!("sn={}", self.lines.iter().map(|x| encode(x)).collect::<Vec<_>>().join(",")));
        }
        if !self.tables.is_empty() {
            q.push(format!("table={}", self.tables.iter().map(|x| encode(x)).collect::<Vec<_>>().join(",")));
        }
        if self.hide_controls {
            q.push("controls=0".into());
        }
        if let Some(h) = self.height {
            q.push(format!("height={h}"));
        }
        if let Some(c) = &self.child_id {
            q.push(format!("childId={}", encode(c)));
        }
        let query = if q.is_empty() { String::new() } else { format!("?{}", q.join("&")) };
        format!("#/{path}{query}")
    }

    /// The options of this view as a query (`?area=…&cmp=…`), or `""` when all are default.
    pub fn query(&self) -> String {
        let hash = View { page: Page::Home, ..self.clone() }.to_hash();
        hash.trim_start_matches("#/").to_string()
    }

    /// The same view on another page (keeping area, comparators and range).
    pub fn with_page(&self, page: Page) -> View {
        View { page, tables: Vec::new(), hide_controls: false, height: None, child_id: None, ..self.clone() }
    }

    /// Whether chart `id` shows its table.
    pub fn shows_table(&self, id: &str) -> bool {
        self.tables.iter().any(|t| t == id)
    }

    /// Toggles chart `id` between chart and table.
    pub fn with_tab(&self, id: &str, table: bool) -> View {
        let mut v = self.clone();
        v.tables.retain(|t| t != id);
        if table {
            v.tables.push(id.to_string());
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_part() {
        let v = View {
            page: Page::Theme("looked-after".into()),
            area: Some("E06000047".into()),
            comparators: Some(vec!["E92000001".into()]),
            from: Some(2018),
            to: Some(2022),
            lines: vec!["E06000005".into()],
            tables: vec!["cla-rate--cla_rate".into()],
            hide_controls: false,
            height: None,
            child_id: None,
        };
        let h = v.to_hash();
        assert_eq!(h, "#/looked-after?area=E06000047&cmp=E92000001&from=2018&to=2022&sn=E06000005&table=cla-rate--cla_rate");
        assert_eq!(View::parse(&h), v);
    }

    #[test]
    fn addresses_are_folders_with_the_area_in_them_when_it_has_pages() {
        let pages = |a: &str| a == "E06000047";
        let v = View { page: Page::Indicator("looked-after".into(), "cla-rate--cla_rate".into()), area: Some("E06000047".into()), from: Some(2018), ..View::default() };
        assert_eq!(v.to_url(pages), "looked-after/cla-rate--cla_rate/E06000047/?from=2018");
        assert_eq!(View::from_url("looked-after/cla-rate--cla_rate/E06000047/", "from=2018"), v);
        let other = View { area: Some("E09000003".into()), ..v.clone() };
        assert_eq!(other.to_url(pages), "view/?page=looked-after%2Fcla-rate--cla_rate%2F&area=E09000003&from=2018", "no pages: drawn in the browser");
        assert_eq!(View::from_url("view/", "page=looked-after%2Fcla-rate--cla_rate%2F&area=E09000003&from=2018"), other);
        assert_eq!(View::from_url("looked-after/cla-rate--cla_rate/", "area=E09000003&from=2018"), other, "an area asked for in the query");
        for (page, url) in [(Page::Home, ""), (Page::Theme("training".into()), "training/"), (Page::Data, "sources/"), (Page::Accessibility, "accessibility/"), (Page::Check, "check/"),
            (Page::Scorecard, "scorecard/"), (Page::Embed("cla-rate--cla_rate".into()), "embed/cla-rate--cla_rate/")] {
            let v = View { page: page.clone(), ..View::default() };
            assert_eq!(v.to_url(pages), url);
            assert_eq!(View::from_url(url, ""), v, "{url}");
        }
        assert_eq!(View::from_url("E06000047/", "").area.as_deref(), Some("E06000047"), "an area's home page");
        assert_eq!(View::from_url("P-DDSCP/", "").area.as_deref(), Some("P-DDSCP"));
        assert_eq!(View::from_url("training/all/index.html", "").page, Page::Indicator("training".into(), "all".into()));
        assert_eq!(View::from_url("nope/", "").page, Page::NotFound("nope".into()));
        let chart = View { page: Page::Indicator("child-deaths".into(), "f--n--by-factor".into()), ..View::default() };
        assert_eq!(chart.to_url(pages), "child-deaths/f--n/#f--n--by-factor", "a chart's address is its indicator's page, opened at it");
        let data = View { page: Page::Data, area: Some("E06000047".into()), ..View::default() };
        assert_eq!(data.to_url(pages), "sources/?area=E06000047", "pages for every area are not per area");
    }

    #[test]
    fn empty_comparator_list_is_kept_distinct_from_default() {
        let v = View::parse("#/training?cmp=");
        assert_eq!(v.comparators, Some(vec![]));
        assert_eq!(View::parse("#/training").comparators, None);
        assert_eq!(View::parse(&v.to_hash()), v);
    }

    #[test]
    fn pages_and_junk() {
        assert_eq!(View::parse("").page, Page::Home);
        assert_eq!(View::parse("#/").page, Page::Home);
        assert_eq!(View::parse("#/data").page, Page::Data);
        assert_eq!(View::parse("#/embed/cla-rate--cla_rate?controls=0&height=500").page, Page::Embed("cla-rate--cla_rate".into()));
        assert_eq!(View::parse("#/nope").page, Page::NotFound("nope".into()));
        let ind = View::parse("#/looked-after/cla-rate--cla_rate?area=E06000047");
        assert_eq!(ind.page, Page::Indicator("looked-after".into(), "cla-rate--cla_rate".into()));
        assert_eq!(View::parse(&ind.to_hash()), ind);
        let v = View::parse("#/training?area=%3Cscript%3E&from=abc&height=99999999");
        assert_eq!(v.area.as_deref(), Some("<script>"));
        assert_eq!(v.from, None);
        assert_eq!(v.height, None);
        assert_eq!(View::parse("#/x?area=%E2%82").area.as_deref(), Some("\u{FFFD}"));
        assert_eq!(View::parse("#/x?area=%é%").area.as_deref(), Some("%é%"));
    }
}
