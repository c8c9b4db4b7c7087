//! Data and sources: every file (with download links), every indicator with its
//! definition, unit and sources, the GSS symbols, and every conflict between sources.

use yew::prelude::*;

use crate::core::cell::Symbol;
use crate::core::format;
use crate::core::meta::{ColumnType, Polarity};
use crate::web::components::FileError;
use crate::web::site::Site;

pub fn render(site: &Site) -> Html {
    let tables = site.tables();
    let conflicts: Vec<Html> = tables
        .iter()
        .flat_map(|(entry, t)| {
            t.conflicts.iter().map(move |c| {
                let i = t.indicator_index(&c.indicator).unwrap_or(0);
                let unit = t.indicator_meta(&c.indicator).map_or("", |m| m.unit.as_str());
                let label = t.indicator_meta(&c.indicator).map_or(c.indicator.clone(), |m| m.label.clone());
                let [a, b] = c.rows;
                let side = |r: usize| {
                    let source = site.config.source(t.text(t.source[r])).map_or(t.text(t.source[r]).to_string(), |s| s.title.clone());
                    format!("{} ({}, {}; line {})", format::cell(t.values[i][r], unit).unwrap_or_default(), source, t.text(t.source_location[r]), t.line[r])
                };
                html! {
                    <tr>
                        <td>{ &label }{ format!(", {}, {}", t.geography_of(a).name, t.period[a].label()) }</td>
                        <td>{ side(a) }</td>
                        <td>{ side(b) }</td>
                        <td><a href={format!("{}data/{}", crate::web::route::links().root, entry.path)}>{ &entry.path }</a></td>
                    </tr>
                }
            })
        })
        .collect();
    let symbols = [Symbol::Suppressed, Symbol::NotAvailable, Symbol::NotApplicable, Symbol::RoundsToZero, Symbol::LowReliability, Symbol::Low];
    html! {
        <>
            <h1>{ "Data and sources" }</h1>
            <p class="lede">{ "Every figure on this site comes from a published document and names it. The data files follow the Department for Education's open-data CSV format and can be downloaded below." }</p>
            for (entry, problems) in site.failures() {
                <FileError what={entry.title.clone()} problems={problems.clone()} />
            }

            <h2>{ "Source documents" }</h2>
            <ul class="sources">
                { for site.config.sources.iter().map(|s| html! {
                    <li>
                        <strong>{ &s.title }</strong>
                        { format!(". {}", s.publisher) }
                        { match crate::core::period::Date::parse(&s.published) {
                            Some(d) => format!(". Published {}.", d.long()),
                            None => ". Publication date not stated.".to_string(),
                        } }
                    </li>
                }) }
            </ul>

            <h2>{ "Data files" }</h2>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Data files">
                <table class="data-table">
                    <caption>{ format!("{} data files, each with a metadata file", site.config.files.len()) }</caption>
                    <thead><tr><th scope="col">{ "File" }</th><th scope="col">{ "Download" }</th><th scope="col" class="num">{ "Rows" }</th><th scope="col" class="num">{ "Indicators" }</th></tr></thead>
                    <tbody>
                        { for site.files.iter().map(|f| html! {
                            <tr>
                                <th scope="row">{ &f.entry.title }</th>
                                <td>
                                    <a href={format!("{}data/{}", crate::web::route::links().root, f.entry.path)} download="">{ &f.entry.path }</a>{ " · " }
                                    <a href={format!("{}data/{}", crate::web::route::links().root, f.entry.meta)} download="">{ "metadata" }</a>
                                </td>
                                <td class="num">{ f.table.as_ref().map(|t| t.rows().to_string()).unwrap_or_else(|_| "not loaded".into()) }</td>
                                <td class="num">{ f.table.as_ref().map(|t| t.indicators.len().to_string()).unwrap_or_default() }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>

            <h2>{ "Symbols" }</h2>
            <p>{ "Where a source publishes no number, the data holds a symbol from the Government Statistical Service guidance. Charts leave a gap with the symbol; tables show its meaning. A source's “<5” (fewer than five, withheld to protect children's privacy) is stored as c." }</p>
            <dl class="symbols">
                { for symbols.iter().map(|s| html! { <><dt><code>{ s.code() }</code></dt><dd>{ s.meaning() }</dd></> }) }
            </dl>

            <h2>{ "Where sources disagree" }</h2>
            <p>{ "When two passages give different figures for the same thing, both are kept and shown; neither is chosen silently." }</p>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Conflicts between sources">
                <table class="data-table">
                    <caption>{ format!("{} conflicts between sources", conflicts.len()) }</caption>
                    <thead><tr><th scope="col">{ "Figure" }</th><th scope="col">{ "One source" }</th><th scope="col">{ "The other" }</th><th scope="col">{ "File" }</th></tr></thead>
                    <tbody>{ for conflicts }</tbody>
                </table>
            </div>

            <h2>{ "Indicators" }</h2>
            { for tables.iter().map(|(entry, t)| html! {
                <section class="indicator-file">
                    <h3>{ &entry.title }</h3>
                    <dl class="indicators">
                        { for t.meta.columns.iter().filter(|m| m.col_type == ColumnType::Indicator).map(|m| {
                            let col = t.indicator_index(&m.name).unwrap_or(0);
                            let mut sources: Vec<String> = Vec::new();
                            for r in 0..t.rows() {
                                if t.values[col][r].is_empty() { continue; }
                                let s = site.config.source(t.text(t.source[r])).map_or(t.text(t.source[r]).to_string(), |s| s.title.clone());
                                if !sources.contains(&s) { sources.push(s); }
                            }
                            let polarity = match m.polarity {
                                Polarity::HigherIsBetter => "higher is better",
                                Polarity::LowerIsBetter => "lower is better",
                                Polarity::Neither => "neither higher nor lower is better",
                            };
                            let unit = if m.unit.is_empty() { "count".to_string() } else { m.unit.clone() };
                            html! {
                                <>
                                    <dt>{ &m.label }</dt>
                                    <dd>
                                        { &m.definition }
                                        <br/><span class="meta">{ format!("Unit: {unit}; {polarity}; column {} in {}. Sources: {}.", m.name, entry.path, sources.join("; ")) }</span>
                                    </dd>
                                </>
                            }
                        }) }
                    </dl>
                </section>
            }) }
        </>
    }
}
