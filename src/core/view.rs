//! The whole view a reader sees, as a URL fragment, so a copied link reopens it:
//! `#/looked-after?area=E06000047&cmp=E92000001,E12000001&from=2018&to=2022&table=id1,id2`.
//! Hash routing needs no server rewrites and works from any sub-path.

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
    /// One chart alone, for embedding in another site.
    Embed(String),
    /// The corporate parenting scorecard for an area.
    Scorecard,
    NotFound(String),
}

/// Theme pages: (id, title, meta themes shown).
pub const THEME_PAGES: [(&str, &str, &[&str]); 6] = [
    ("children-in-need", "Children in need", &["children-in-need"]),
    ("child-protection", "Child protection plans", &["child-protection"]),
    ("looked-after", "Children looked after and care leavers", &["looked-after", "care-leavers"]),
    ("training", "Safeguarding training", &["training"]),
    ("child-deaths", "Child deaths", &["child-deaths"]),
    ("context", "Context: population, early help, budgets", &["context"]),
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

fn decode(s: &str) -> String {
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

    /// The fragment for this view, with only non-default parts.
    pub fn to_hash(&self) -> String {
        let path = match &self.page {
            Page::Home => String::new(),
            Page::Theme(t) => t.clone(),
            Page::Indicator(t, slug) => format!("{t}/{}", encode(slug)),
            Page::Data => "data".into(),
            Page::Accessibility => "accessibility".into(),
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
        let query = if q.is_empty() { String::new() } else { format!("?{}", q.join("&")) };
        format!("#/{path}{query}")
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
