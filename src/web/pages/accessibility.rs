//! Accessibility statement, in the form UK public sector bodies publish.

use yew::prelude::*;

pub fn render() -> Html {
    html! {
        <>
            <h1>{ "Accessibility statement" }</h1>
            <p>{ "This statement applies to the children's safeguarding data dashboard. We want as many people as possible to be able to use it. You should be able to:" }</p>
            <ul>
                <li>{ "read every chart as a data table with the same figures, including counts" }</li>
                <li>{ "reach every control and every data point with a keyboard alone: Tab moves between controls and charts; in a chart, the arrow keys move between data points and each point's value is announced" }</li>
                <li>{ "tell lines and bars apart without colour: each place has its own line style and marker shape" }</li>
                <li>{ "zoom the page to 400% and use it on a screen 320 pixels wide without scrolling sideways" }</li>
                <li>{ "use a screen reader: every chart has a text description of its trend and latest comparison" }</li>
                <li>{ "print a page without the controls" }</li>
            </ul>
            <h2>{ "How accessible this website is" }</h2>
            <p>{ "We test every page with automated checks (axe-core, WCAG 2.2 A and AA rules) and by keyboard in Chromium at 375 and 1280 pixels wide. We know of these limitations:" }</p>
            <ul>
                <li>{ "Downloaded SVG and PNG images are pictures of charts; use the CSV download or the table for the figures." }</li>
                <li>{ "Some source documents give figures without a date or period; we show them as published and say so in a note." }</li>
                <li>{ "We have not yet tested with every screen reader; testing has used Chromium's accessibility tree." }</li>
            </ul>
            <h2>{ "Feedback and contact information" }</h2>
            <p>{ "If you find a problem not listed on this page or need the data in a different format, contact the partnership that published the source document (named under each chart)." }</p>
            <h2>{ "Enforcement procedure" }</h2>
            <p>{ "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018. If you are not happy with how we respond to your complaint, contact the Equality Advisory and Support Service (EASS)." }</p>
            <h2>{ "Technical information about this website's accessibility" }</h2>
            <p>{ "This website is fully compliant with the Web Content Accessibility Guidelines version 2.2 AA standard, as far as our automated and keyboard testing shows." }</p>
            <h2>{ "Preparation of this accessibility statement" }</h2>
            <p>{ "This statement was prepared on 22 November 2026. It was last reviewed on 22 November 2026." }</p>
        </>
    }
}
