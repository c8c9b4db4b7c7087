//! Fetching files from the site's own `data/` folder, relative to the page, so the site
//! works from any sub-path.

use gloo_net::http::Request;

/// Fetches `data/<path>` relative to the current page. Any status other than 200 is an
/// error naming the status.
pub async fn data_file(path: &str) -> Result<Vec<u8>, String> {
    let url = format!("data/{path}");
    let response = Request::get(&url).send().await.map_err(|e| format!("the request failed ({e})"))?;
    if response.status() != 200 {
        return Err(format!("the server answered {} {}", response.status(), response.status_text()));
    }
    response.binary().await.map_err(|e| format!("the download was interrupted ({e})"))
}
