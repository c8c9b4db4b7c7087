//! Where a chart would be, when its data file could not be used: which file, what is
//! wrong (with line and column), and what to do.

use yew::prelude::*;

use crate::core::error::{DataError, Severity};

#[derive(Properties, PartialEq)]
pub struct Props {
    /// What could not be shown, e.g. the file's title.
    pub what: AttrValue,
    pub problems: Vec<DataError>,
    /// Heading level of the title (2 when directly under the page's h1).
    #[prop_or(3)]
    pub level: u8,
}

/// Problems listed before "and N more".
const SHOWN: usize = 10;

#[function_component]
pub fn FileError(props: &Props) -> Html {
    let errors: Vec<&DataError> = props.problems.iter().filter(|p| p.severity == Severity::Error).collect();
    let more = errors.len().saturating_sub(SHOWN);
    html! {
        <div class="file-error" role="alert">
            { match props.level {
                2 => html! { <h2 class="file-error-title">{ format!("{} cannot be shown", props.what) }</h2> },
                _ => html! { <h3 class="file-error-title">{ format!("{} cannot be shown", props.what) }</h3> },
            } }
            <p>{ "The data file has problems, so this chart is not drawn rather than drawn wrongly. The rest of the page is not affected." }</p>
            <ul>
                { for errors.iter().take(SHOWN).map(|e| html! {
                    <li>
                        <code>{ e.position.to_string() }</code>{ ": " }{ e.message() }
                        <br/><span class="hint">{ "What to do: " }{ e.hint() }</span>
                    </li>
                }) }
            </ul>
            if more > 0 { <p>{ format!("…and {more} more. Run the data checker for the full list.") }</p> }
            <p class="hint">{ "If you publish this data, run " }<code>{ "cargo run --release -- check data" }</code>{ " to see every problem before uploading." }</p>
        </div>
    }
}
