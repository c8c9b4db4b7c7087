//! "Check your data": a publisher chooses or drops CSV files (with or without their
//! `.meta.csv`) and sees, before publishing, every problem the build would report
//! (`file:line:column`, the value, a hint, the lines around it), what the file was
//! understood to hold, and its charts and tables as the dashboard would draw them, with
//! the page each would appear on. The files are read by this page with the same parser as
//! the build and `check`, in chunks (a file of hundreds of megabytes streams, with
//! progress, and can be cancelled); nothing is sent anywhere.

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use crate::core::config::{FileEntry, SiteConfig};
use crate::core::error::{DataError, ErrorKind, Position, Severity};
use crate::core::format;
use crate::core::summary::{self, PagePlace, Summary};
use crate::core::view::{Page, View};
use crate::web::pages::indicator::CardModel;

/// Bytes read from a file at a time.
const CHUNK: f64 = 4.0 * 1024.0 * 1024.0;
/// Bytes read to infer the metadata of a file chosen without its `.meta.csv`.
const INFER_BYTES: f64 = 2.0 * 1024.0 * 1024.0;
/// Indicator pages previewed per file (the others are listed).
const PREVIEWS: usize = 6;

/// One file's check, as far as it has got.
#[derive(Clone)]
struct Job {
    id: usize,
    name: String,
    size: u64,
    meta_name: Option<String>,
    file: web_sys::File,
    cancel: Rc<Cell<bool>>,
    state: JobState,
}

#[derive(Clone)]
enum JobState {
    Reading { loaded: u64, rows: usize },
    Cancelled { loaded: u64 },
    Done(Rc<Checked>),
}

/// What a finished check found.
pub struct Checked {
    pub problems: Vec<DataError>,
    /// How the metadata was inferred, one line per column (no `.meta.csv` given).
    pub inferred: Option<Vec<String>>,
    pub summary: Option<Summary>,
    pub pages: Vec<PagePlace>,
    /// The place the previews draw, and their charts by page.
    pub previewed: Option<(String, Vec<String>)>,
    pub previews: Vec<(PagePlace, Vec<CardModel>)>,
}

#[derive(Default)]
struct Jobs {
    list: Vec<Job>,
    next: usize,
}

enum Action {
    Add(Vec<Job>),
    Progress(usize, u64, usize),
    Cancelled(usize),
    Done(usize, Rc<Checked>),
    Clear,
}

impl Reducible for Jobs {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut list = self.list.clone();
        let mut next = self.next;
        let set = |list: &mut Vec<Job>, id: usize, state: JobState| {
            if let Some(j) = list.iter_mut().find(|j| j.id == id) {
                j.state = state;
            }
        };
        match action {
            Action::Add(jobs) => {
                next += jobs.len();
                list.extend(jobs);
            }
            Action::Progress(id, loaded, rows) => set(&mut list, id, JobState::Reading { loaded, rows }),
            Action::Cancelled(id) => {
                let loaded = list.iter().find(|j| j.id == id).map_or(0, |j| match j.state {
                    JobState::Reading { loaded, .. } => loaded,
                    _ => 0,
                });
                set(&mut list, id, JobState::Cancelled { loaded })
            }
            Action::Done(id, checked) => set(&mut list, id, JobState::Done(checked)),
            Action::Clear => {
                for j in &list {
                    j.cancel.set(true);
                }
                list.clear();
            }
        }
        Rc::new(Jobs { list, next })
    }
}

/// `12.3 MB`.
fn mb(bytes: u64) -> String {
    format!("{} MB", format::number(bytes as f64 / 1e6, 1))
}

/// Bytes `start..end` of `blob`.
async fn read_slice(blob: &web_sys::Blob, start: f64, end: f64) -> Result<Vec<u8>, String> {
    let part = blob.slice_with_f64_and_f64(start, end).map_err(|_| "the file cannot be read".to_string())?;
    let buffer = wasm_bindgen_futures::JsFuture::from(part.array_buffer()).await.map_err(|_| "the file could not be read (was it moved or deleted?)".to_string())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The file's name without `.csv` (or `.meta.csv`).
fn stem(name: &str) -> &str {
    name.strip_suffix(".meta.csv").or_else(|| name.strip_suffix(".csv")).unwrap_or(name)
}

/// A spreadsheet workbook chosen instead of its CSV export.
fn workbook(name: &str, head: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    [".xlsx", ".xls", ".xlsm", ".ods", ".numbers"].iter().any(|e| lower.ends_with(e)) || head.starts_with(b"PK\x03\x04") || head.starts_with(b"\xD0\xCF\x11\xE0")
}

/// A configuration with nothing in it, when the site's own cannot be read.
fn empty_config() -> SiteConfig {
    SiteConfig {
        title: String::new(),
        partnerships: Vec::new(),
        areas: Vec::new(),
        files: Vec::new(),
        sources: Vec::new(),
        updated: String::new(),
        headlines: Default::default(),
        measures: Vec::new(),
        area_notes: Default::default(),
        neighbours: None,
        colours: None,
        logo: None,
    }
}

/// Checks `file` (with `meta`, or metadata inferred from its first rows), reporting progress
/// as it reads; `None` when cancelled.
async fn check(config: Rc<SiteConfig>, file: web_sys::File, meta: Option<web_sys::File>, cancel: Rc<Cell<bool>>, progress: impl Fn(u64, usize)) -> Option<Checked> {
    use crate::core::parse;
    let name = file.name();
    let size = file.size();
    let mut problems = Vec::new();
    let done = |problems: Vec<DataError>, inferred| Some(Checked { problems, inferred, summary: None, pages: Vec::new(), previewed: None, previews: Vec::new() });
    let unreadable = |reason: String| vec![DataError::new(Position::file(&name), ErrorKind::Unreadable { reason })];
    let head = match read_slice(&file, 0.0, size.min(INFER_BYTES)).await {
        Ok(h) => h,
        Err(reason) => return done(unreadable(reason), None),
    };
    if workbook(&name, &head) {
        let reason = "it is a spreadsheet workbook, not a CSV file: save it from the spreadsheet as \"CSV UTF-8 (comma delimited)\" and choose that file".to_string();
        return done(unreadable(reason), None);
    }
    let (meta, inferred) = match &meta {
        Some(m) => match read_slice(m, 0.0, m.size()).await {
            Ok(bytes) => {
                let parsed = parse::parse_meta(&m.name(), &bytes);
                problems.extend(parsed.problems);
                (parsed.value, None)
            }
            Err(reason) => return done(vec![DataError::new(Position::file(&m.name()), ErrorKind::Unreadable { reason })], None),
        },
        None => {
            // Inferred from the first rows (up to the last whole line read).
            let whole = if (head.len() as f64) < size { head.iter().rposition(|&b| b == b'\n').map_or(&head[..], |i| &head[..i]) } else { &head[..] };
            let (meta, said) = parse::infer_meta(&name, whole);
            (Some(meta), Some(said))
        }
    };
    let Some(meta) = meta else { return done(problems, inferred) };
    let source = stem(&name).to_string();
    let mut parser = parse::DataParser::new(&name, &meta, &parse::Context { sources: None, default_source: Some(&source) });
    parser.expect_bytes(size as u64);
    let mut at = 0.0;
    while at < size {
        if cancel.get() {
            return None;
        }
        let end = (at + CHUNK).min(size);
        match read_slice(&file, at, end).await {
            Ok(bytes) => parser.feed(&bytes),
            Err(reason) => {
                problems.extend(unreadable(reason));
                return done(problems, inferred);
            }
        }
        at = end;
        progress(at as u64, parser.rows());
        if parser.stopped() {
            break;
        }
    }
    let parsed = parser.finish();
    problems.extend(parsed.problems);
    let Some(table) = parsed.value else { return done(problems, inferred) };
    let summary = summary::summarise(&table);
    let theme = table.meta.columns.iter().find(|c| !c.theme.is_empty()).map(|c| c.theme.clone()).unwrap_or_default();
    // A file the site already lists keeps its entry (id, title, measures), so its pages'
    // addresses are the site's; another is named after itself.
    let listed = config.files.iter().find(|e| e.path == name || e.path.ends_with(&format!("/{name}"))).cloned();
    let entry = listed.map(|e| FileEntry { path: name.clone(), sliced: false, ..e }).unwrap_or(FileEntry {
        id: source.clone(),
        path: name.clone(),
        meta: meta_name_of(&name),
        title: crate::core::infer::label_of(&source),
        theme,
        source: None,
        measure_filters: Vec::new(),
        sliced: false,
    });
    let pages = summary::pages(&entry, &table);
    let mut previews = Vec::new();
    let mut previewed = None;
    if let Some(area) = summary::preview_area(&table, &config.areas) {
        let name_of = |code: &String| table.geographies.iter().find(|g| g.code == *code).map_or_else(|| code.clone(), |g| g.name.clone());
        previewed = Some((area.name.clone(), area.comparators.iter().map(name_of).collect()));
        let code = area.code.clone();
        let site = crate::web::site::Site::preview((*config).clone(), entry.clone(), table, area);
        for place in pages.iter().take(PREVIEWS) {
            let view = View { page: Page::Indicator(place.theme.to_string(), place.slug.clone()), area: Some(code.clone()), ..View::default() };
            let ind = crate::core::indicator::Indicator { slug: place.slug.clone(), label: place.label.clone(), group: entry.title.clone(), charts: place.charts.clone() };
            let cards = super::indicator::card_models(&site, &view, &ind, None);
            previews.push((place.clone(), cards));
        }
    }
    Some(Checked { problems, inferred, summary: Some(summary), pages, previewed, previews })
}

fn meta_name_of(name: &str) -> String {
    format!("{}.meta.csv", stem(name))
}

/// The files chosen, as jobs: each data file with its `.meta.csv` when that was chosen
/// too; a meta file chosen alone is checked alone.
fn jobs_of(files: Vec<web_sys::File>, first: usize) -> Vec<(Job, Option<web_sys::File>)> {
    let names: Vec<String> = files.iter().map(|f| f.name()).collect();
    let mut out = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let name = &names[i];
        let is_meta = name.ends_with(".meta.csv");
        let data_chosen = is_meta && names.iter().any(|n| meta_name_of(n) == *name && !n.ends_with(".meta.csv"));
        if data_chosen {
            continue;
        }
        let meta = (!is_meta).then(|| names.iter().position(|n| *n == meta_name_of(name))).flatten().map(|j| files[j].clone());
        let job = Job {
            id: first + out.len(),
            name: name.clone(),
            size: f.size() as u64,
            meta_name: meta.as_ref().map(|m| m.name()),
            file: f.clone(),
            cancel: Rc::new(Cell::new(false)),
            state: JobState::Reading { loaded: 0, rows: 0 },
        };
        out.push((job, meta));
    }
    out
}

/// A meta file chosen without its data file: its own problems only.
async fn check_meta_alone(file: &web_sys::File) -> Checked {
    let name = file.name();
    let problems = match read_slice(file, 0.0, file.size()).await {
        Ok(bytes) => {
            let mut p = crate::core::parse::parse_meta(&name, &bytes).problems;
            p.push(DataError::warning(Position::file(&name), ErrorKind::Unreadable { reason: format!("no data file was chosen with it: choose {}.csv too to check the figures", stem(&name)) }));
            p
        }
        Err(reason) => vec![DataError::new(Position::file(&name), ErrorKind::Unreadable { reason })],
    };
    Checked { problems, inferred: None, summary: None, pages: Vec::new(), previewed: None, previews: Vec::new() }
}

fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}


#[function_component]
pub fn CheckPage() -> Html {
    let jobs = use_reducer(Jobs::default);
    let config = use_state(|| None::<Rc<SiteConfig>>);
    let dragging = use_state(|| false);
    {
        // The site's configuration, for the previews (its areas, sources and measures).
        let config = config.clone();
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move {
                let parsed = match crate::web::fetch::data_file("site.json").await {
                    Ok(bytes) => SiteConfig::parse("data/site.json", &String::from_utf8_lossy(&bytes)).unwrap_or_else(|_| empty_config()),
                    Err(_) => empty_config(),
                };
                config.set(Some(Rc::new(parsed)));
                crate::web::progress::interactive();
            });
        });
    }
    let start = {
        let (jobs, config) = (jobs.clone(), config.clone());
        Callback::from(move |files: Vec<web_sys::File>| {
            if files.is_empty() {
                return;
            }
            let config = (*config).clone().unwrap_or_else(|| Rc::new(empty_config()));
            let pairs = jobs_of(files, jobs.next);
            jobs.dispatch(Action::Add(pairs.iter().map(|(j, _)| j.clone()).collect()));
            let jobs = jobs.dispatcher();
            yew::platform::spawn_local(async move {
                // One after another, so each file's progress reads plainly.
                for (job, meta) in pairs {
                    let id = job.id;
                    let checked = if job.name.ends_with(".meta.csv") {
                        Some(check_meta_alone(&job.file).await)
                    } else {
                        let d = jobs.clone();
                        check(config.clone(), job.file.clone(), meta, job.cancel.clone(), move |loaded, rows| d.dispatch(Action::Progress(id, loaded, rows))).await
                    };
                    match checked {
                        Some(c) => jobs.dispatch(Action::Done(id, Rc::new(c))),
                        None => jobs.dispatch(Action::Cancelled(id)),
                    }
                }
            });
        })
    };
    let onchange = {
        let start = start.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            start.emit(files_of(input.files()));
            // The same file can be chosen again after it is changed.
            input.set_value("");
        })
    };
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if !*dragging {
                dragging.set(true);
            }
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let ondrop = {
        let (start, dragging) = (start.clone(), dragging.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            start.emit(files_of(e.data_transfer().and_then(|d| d.files())));
        })
    };
    let clear = {
        let jobs = jobs.clone();
        Callback::from(move |_| jobs.dispatch(Action::Clear))
    };
    html! {
        <>
            <h1>{ "Check your data" }</h1>
            <p class="lede">{ "Before you publish a data file, check it here: the same checks as the dashboard's build, every problem with its line and column, what the file was understood to hold, and its charts as the dashboard would draw them." }</p>
            <p class="privacy"><strong>{ "Your files stay on your computer." }</strong>{ " This page reads them itself; nothing is uploaded or sent anywhere." }</p>
            <div class={classes!("drop-zone", dragging.then_some("dragging"))} {ondragover} {ondragleave} {ondrop}>
                <label for="check-files" class="drop-label">{ "Choose CSV files, or drop them here" }</label>
                <p class="drop-hint" id="check-files-hint">{ "Choose a data file with its .meta.csv to check both; a data file alone is read with metadata inferred from its header and values." }</p>
                <input type="file" id="check-files" multiple=true accept=".csv,text/csv" aria-describedby="check-files-hint" {onchange} />
            </div>
            <noscript><p>{ "This page needs JavaScript. Without it, run " }<code>{ "safeguarding-dashboard check FILE.csv" }</code>{ " (see the README), which gives the same messages." }</p></noscript>
            if !jobs.list.is_empty() {
                <p><button type="button" class="button-secondary" onclick={clear}>{ "Clear the results" }</button></p>
            }
            { for jobs.list.iter().map(job_view) }
        </>
    }
}

fn job_view(job: &Job) -> Html {
    let heading = format!("check-file-{}", job.id);
    let with = job.meta_name.as_ref().map(|m| format!(" with {m}")).unwrap_or_default();
    let body = match &job.state {
        JobState::Reading { loaded, rows } => {
            let cancel = {
                let c = job.cancel.clone();
                Callback::from(move |_| c.set(true))
            };
            let text = format!("{} of {}, {} rows", mb(*loaded), mb(job.size), format::number(*rows as f64, 0));
            html! {
                <div class="check-progress">
                    <p role="status" id={format!("{heading}-status")}>{ format!("Reading {}…", job.name) }</p>
                    <progress max={job.size.max(1).to_string()} value={loaded.to_string()} aria-labelledby={format!("{heading}-status")} aria-valuetext={text.clone()}></progress>
                    <p class="load-detail">{ text }</p>
                    <button type="button" onclick={cancel}>{ format!("Cancel reading {}", job.name) }</button>
                </div>
            }
        }
        JobState::Cancelled { loaded } => html! { <p role="status" class="verdict">{ format!("Cancelled after {} of {}: {} was not checked. Choose it again to check it.", mb(*loaded), mb(job.size), job.name) }</p> },
        JobState::Done(c) => checked_view(job, c),
    };
    html! {
        <section class="check-file" aria-labelledby={heading.clone()}>
            <h2 id={heading}>{ format!("{}{with}", job.name) }</h2>
            { body }
        </section>
    }
}

fn verdict(c: &Checked) -> String {
    let errors = c.problems.iter().filter(|p| p.severity == Severity::Error).count();
    let warnings = c.problems.len() - errors;
    let plural = |n: usize, w: &str| format!("{} {w}{}", format::number(n as f64, 0), if n == 1 { "" } else { "s" });
    let rows = c.summary.as_ref().map(|s| format!("{} read. ", plural(s.rows, "row"))).unwrap_or_default();
    match (errors, warnings) {
        (0, 0) => format!("{rows}No problems: the dashboard can use this file."),
        (0, w) => format!("{rows}No errors; {}. The dashboard can use this file.", plural(w, "warning")),
        (e, w) => format!("{rows}{} and {}: the dashboard cannot use this file until the errors are corrected.", plural(e, "error"), plural(w, "warning")),
    }
}

fn checked_view(job: &Job, c: &Rc<Checked>) -> Html {
    let ok = c.problems.iter().all(|p| p.severity != Severity::Error);
    html! {
        <>
            <p class={if ok { "verdict verdict-ok" } else { "verdict verdict-bad" }} role="status">
                <span aria-hidden="true">{ if ok { "✓ " } else { "✗ " } }</span>{ verdict(c) }
            </p>
            if !c.problems.is_empty() {
                <h3>{ "Problems" }</h3>
                <ol class="problems">
                    { for c.problems.iter().enumerate().map(|(i, p)| html! {
                        <li class={if p.severity == Severity::Error { "problem problem-error" } else { "problem problem-warning" }}>
                            <p><code class="position">{ p.position.to_string() }</code>{ ": " }
                                <strong>{ if p.severity == Severity::Error { "Error" } else { "Warning" } }</strong>{ ": " }{ p.message() }</p>
                            <p class="hint">{ "What to do: " }{ p.hint() }</p>
                            if p.position.line > 0 && p.position.file == job.name {
                                <LineView key={i} file={job.file.clone()} name={job.name.clone()} line={p.position.line} column={p.position.column} />
                            }
                        </li>
                    }) }
                </ol>
            }
            if let Some(said) = &c.inferred {
                <h3>{ "Metadata inferred" }</h3>
                <p>{ format!("No {} was chosen, so the columns were read from the header and values as follows. Write a .meta.csv to give labels, units and a theme.", meta_name_of(&job.name)) }</p>
                <ul class="inferred">{ for said.iter().map(|l| html! { <li>{ l }</li> }) }</ul>
            }
            if let Some(s) = &c.summary {
                { understood(s) }
            }
            if c.summary.is_some() {
                { pages_view(c) }
            }
        </>
    }
}

fn more(count: usize, first: &[String]) -> String {
    let rest = count.saturating_sub(first.len());
    let list = first.join("; ");
    if rest > 0 { format!("{list}; and {} more", format::number(rest as f64, 0)) } else { list }
}

fn understood(s: &Summary) -> Html {
    let symbols = |list: &[(crate::core::cell::Symbol, usize)]| {
        if list.is_empty() {
            "none".to_string()
        } else {
            list.iter().map(|(sym, n)| format!("{} {} ({})", format::number(*n as f64, 0), sym.code(), sym.meaning())).collect::<Vec<_>>().join(", ")
        }
    };
    html! {
        <>
            <h3>{ "What the file holds" }</h3>
            <dl class="understood">
                <dt>{ "Rows" }</dt><dd>{ format::number(s.rows as f64, 0) }</dd>
                { for s.places.iter().map(|p| html! { <><dt>{ format!("{} ({})", p.level, format::number(p.count as f64, 0)) }</dt><dd>{ more(p.count, &p.first) }</dd></> }) }
                { for s.periods.iter().map(|(kind, first, last, n)| html! {
                    <><dt>{ format!("Periods: {kind}") }</dt><dd>{ if first == last { first.clone() } else { format!("{first} to {last} ({n} periods)") } }</dd></>
                }) }
                { for s.filters.iter().map(|f| html! { <><dt>{ format!("Filter: {} ({} {})", f.label, f.count, if f.count == 1 { "value" } else { "values" }) }</dt><dd>{ more(f.count, &f.first) }</dd></> }) }
                <dt>{ "Symbols" }</dt><dd>{ symbols(&s.symbols) }</dd>
                if s.conflicts > 0 {
                    <dt>{ "Conflicts kept" }</dt><dd>{ format!("{} {} of rows giving different figures for the same thing, both kept", s.conflicts, if s.conflicts == 1 { "pair" } else { "pairs" }) }</dd>
                }
            </dl>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Indicators in the file">
                <table class="data-table">
                    <caption>{ format!("{} indicators", s.indicators.len()) }</caption>
                    <thead><tr><th scope="col">{ "Column" }</th><th scope="col">{ "Label" }</th><th scope="col">{ "Unit" }</th><th scope="col" class="num">{ "Numbers" }</th><th scope="col">{ "Symbols" }</th><th scope="col">{ "Page" }</th></tr></thead>
                    <tbody>
                        { for s.indicators.iter().map(|i| html! {
                            <tr>
                                <th scope="row"><code>{ &i.column }</code></th>
                                <td>{ &i.label }</td>
                                <td>{ &i.unit }</td>
                                <td class="num">{ format::number(i.numbers as f64, 0) }</td>
                                <td>{ symbols(&i.symbols) }</td>
                                <td>{ i.page.map_or_else(|| "none: no theme in its meta row".to_string(), |(_, t)| t.to_string()) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </>
    }
}

fn pages_view(c: &Checked) -> Html {
    if c.pages.is_empty() {
        return html! { <><h3>{ "Where it would appear" }</h3><p>{ "On no page: no indicator has a theme. Give each indicator's meta row a theme (children-in-need, child-protection, looked-after, care-leavers, training, child-deaths, context or partnership-activity)." }</p></> };
    }
    let (area, comparators) = c.previewed.clone().unwrap_or_default();
    let beside = if comparators.is_empty() { String::new() } else { format!(" beside {}", comparators.join(" and ")) };
    html! {
        <>
            <h3>{ "Where it would appear" }</h3>
            <ul class="appears">
                { for c.pages.iter().map(|p| html! {
                    <li>{ format!("{} › {}", p.theme_title, p.label) }{ " — its address on the site: " }<code>{ format!("{}", View { page: Page::Indicator(p.theme.to_string(), p.slug.clone()), ..View::default() }.to_url(|_| false)) }</code></li>
                }) }
            </ul>
            <h3>{ "Preview" }</h3>
            <p>{ format!("Drawn for {area}{beside}, as its indicator pages would draw them (with the rest of the site's data the page may show more).") }
                if c.pages.len() > c.previews.len() { { format!(" The first {} of {} pages are previewed.", c.previews.len(), c.pages.len()) } }</p>
            { for c.previews.iter().map(|(place, cards)| html! {
                <div class="preview">
                    <p class="preview-page">{ format!("On the page “{}” of {}", place.label, place.theme_title) }</p>
                    if cards.is_empty() {
                        <p>{ format!("Nothing to draw for {area}.") }</p>
                    }
                    { for cards.iter().map(|card| html! { <PreviewCard card={Rc::new(card.clone())} area={area.clone()} /> }) }
                </div>
            }) }
        </>
    }
}

#[derive(Properties)]
struct CardProps {
    card: Rc<CardModel>,
    area: String,
}

impl PartialEq for CardProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.card, &other.card) && self.area == other.area
    }
}

/// A previewed chart, with its table tab kept on this page.
#[function_component]
fn PreviewCard(props: &CardProps) -> Html {
    let table = use_state(|| false);
    let on_tab = {
        let table = table.clone();
        Callback::from(move |t: bool| table.set(t))
    };
    let card = &props.card;
    html! {
        <super::super::components::ChartCard id={format!("preview-{}", card.id)} chart={Rc::new(card.chart.clone())} sources={Rc::new(card.sources.clone())}
            show_table={*table} {on_tab} level={4} area={props.area.clone()} />
    }
}

#[derive(Properties)]
struct LineProps {
    file: web_sys::File,
    name: String,
    line: u64,
    column: usize,
}

impl PartialEq for LineProps {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.line == other.line && self.column == other.column
    }
}

enum Lines {
    Hidden,
    Finding,
    /// The lines found, and the header naming their fields.
    Shown(Vec<(u64, String)>, Option<String>),
}

/// A button that shows the lines around a problem, read again from the file.
#[function_component]
fn LineView(props: &LineProps) -> Html {
    let lines = use_state(|| Lines::Hidden);
    let onclick = {
        let (lines, file, line) = (lines.clone(), props.file.clone(), props.line);
        Callback::from(move |_| {
            if let Lines::Shown(..) = *lines {
                return lines.set(Lines::Hidden);
            }
            lines.set(Lines::Finding);
            let (lines, file) = (lines.clone(), file.clone());
            yew::platform::spawn_local(async move {
                let mut finder = crate::core::excerpt::LineFinder::new(line, 1, 1);
                let (size, mut at) = (file.size(), 0.0);
                while at < size {
                    let end = (at + CHUNK).min(size);
                    let Ok(bytes) = read_slice(&file, at, end).await else { break };
                    at = end;
                    if finder.feed(&bytes) {
                        break;
                    }
                }
                let header = finder.header().map(str::to_string);
                lines.set(Lines::Shown(finder.finish(), header));
            });
        })
    };
    let shown = matches!(*lines, Lines::Shown(..));
    let label = if shown { format!("Hide line {}", props.line) } else { format!("Show line {}", props.line) };
    html! {
        <div class="line-view">
            <button type="button" class="link-button" aria-expanded={shown.to_string()} {onclick}>{ label }</button>
            { match &*lines {
                Lines::Hidden => Html::default(),
                Lines::Finding => html! { <p role="status">{ format!("Finding line {}…", props.line) }</p> },
                Lines::Shown(found, header) => excerpt(found, header.as_deref(), props),
            } }
        </div>
    }
}

/// Longest part of a line shown, around the marked field.
const SHOWN_CHARS: usize = 240;
/// Characters shown before the marked field.
const BEFORE_MARK: usize = 40;

fn excerpt(found: &[(u64, String)], header: Option<&str>, props: &LineProps) -> Html {
    use crate::core::excerpt::{delimiter_of, field_ranges};
    let delimiter = header.or(found.first().map(|(_, l)| l.as_str())).map_or(b',', delimiter_of);
    let at = found.iter().find(|(n, _)| *n == props.line);
    let marked = at.filter(|_| props.column > 0).and_then(|(_, text)| field_ranges(text, delimiter).get(props.column - 1).copied());
    let cut_end = |s: &str| {
        let chars: Vec<char> = s.chars().collect();
        if chars.len() <= SHOWN_CHARS { s.to_string() } else { format!("{}…", chars[..SHOWN_CHARS].iter().collect::<String>()) }
    };
    // The text before the marked field is cut short, so the field is on screen.
    let cut_start = |s: &str| {
        let chars: Vec<char> = s.chars().collect();
        if chars.len() <= BEFORE_MARK { s.to_string() } else { format!("…{}", chars[chars.len() - BEFORE_MARK..].iter().collect::<String>()) }
    };
    let row = |(n, text): &(u64, String)| {
        let content = match marked.filter(|_| *n == props.line) {
            Some((a, b)) => html! { <>{ cut_start(&text[..a]) }<mark>{ if a == b { "(empty)".to_string() } else { text[a..b].to_string() } }</mark>{ cut_end(&text[b..]) }</> },
            None => html! { { cut_end(text) } },
        };
        html! { <tr class={(*n == props.line).then_some("line-at")}><th scope="row">{ n.to_string() }</th><td><code>{ content }</code></td></tr> }
    };
    // The line's fields beside the header's names, around the one marked.
    let fields = match (at, header) {
        (Some((_, text)), Some(h)) if props.line > 1 => {
            let names: Vec<&str> = field_ranges(h, delimiter).iter().map(|&(a, b)| h[a..b].trim_matches('"')).collect();
            let values: Vec<&str> = field_ranges(text, delimiter).iter().map(|&(a, b)| &text[a..b]).collect();
            let centre = props.column.max(1) - 1;
            let range = centre.saturating_sub(2)..(centre + 3).min(values.len().max(names.len()));
            html! {
                <table class="fields">
                    <caption>{ format!("Line {}, field by field", props.line) }</caption>
                    <thead><tr><th scope="col">{ "Column" }</th><th scope="col">{ "Name in the header" }</th><th scope="col">{ "Value" }</th></tr></thead>
                    <tbody>
                        { for range.map(|i| html! {
                            <tr class={(i == centre && props.column > 0).then_some("line-at")}>
                                <td>{ (i + 1).to_string() }</td>
                                <td><code>{ names.get(i).copied().unwrap_or("(none)") }</code></td>
                                <td><code>{ match values.get(i) { Some(v) if i == centre && props.column > 0 => html! { <mark>{ if v.is_empty() { "(empty)" } else { v } }</mark> }, Some(v) => html! { { *v } }, None => html! { "(missing)" } } }</code></td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
        }
        _ => Html::default(),
    };
    html! {
        <>
            <div class="table-wrap" tabindex="0" role="region" aria-label={format!("Lines around line {} of {}", props.line, props.name)}>
                <table class="lines">
                    <caption>{ format!("{}, around line {}{}", props.name, props.line, if props.column > 0 { format!(" (column {} marked)", props.column) } else { String::new() }) }</caption>
                    <tbody>{ for found.iter().map(row) }</tbody>
                </table>
            </div>
            { fields }
        </>
    }
}
