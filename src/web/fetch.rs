//! Fetching files from the site's own `data/` folder, relative to the page, so the site
//! works from any sub-path. Small files are read whole ([`data_file`]); data files are
//! streamed ([`open`]) so they can be parsed while they download.

use gloo_net::http::Request;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStreamDefaultReader, ReadableStreamReadResult};

/// `data/<path>`, relative to the site's root from whichever page folder this is.
fn data_url(path: &str) -> String {
    format!("{}data/{path}", super::route::links().root)
}

/// Requests `url`; any status other than 200 is an error naming the status.
async fn get(url: &str) -> Result<gloo_net::http::Response, String> {
    let response = Request::get(url).send().await.map_err(|e| format!("the request failed ({e})"))?;
    if response.status() != 200 {
        return Err(format!("the server answered {} {}", response.status(), response.status_text()));
    }
    Ok(response)
}

/// The whole body of `url`.
async fn read_all(url: &str) -> Result<Vec<u8>, String> {
    get(url).await?.binary().await.map_err(|e| format!("the download was interrupted ({e})"))
}

/// Fetches `data/<path>` relative to the current page.
pub async fn data_file(path: &str) -> Result<Vec<u8>, String> {
    read_all(&data_url(path)).await
}

/// Fetches `name` from the page's own folder (a prerendered page's `model.bin`).
pub async fn page_file(name: &str) -> Result<Vec<u8>, String> {
    read_all(name).await
}

/// A download whose body is read chunk by chunk, as it arrives.
pub struct Download {
    reader: ReadableStreamDefaultReader,
    /// Size of the body in bytes, when the server says (`Content-Length`) and it is not
    /// compressed (a compressed length is not the length of the bytes read).
    pub total: Option<u64>,
}

/// Starts fetching `data/<path>`; returns once the response headers have arrived.
pub async fn open(path: &str) -> Result<Download, String> {
    let response = get(&data_url(path)).await?;
    let headers = response.headers();
    let compressed = headers.get("content-encoding").is_some_and(|e| !e.is_empty() && e != "identity");
    let total = headers.get("content-length").and_then(|v| v.trim().parse().ok()).filter(|_| !compressed);
    let body = response.body().ok_or_else(|| "the response has no body".to_string())?;
    let reader = body.get_reader().dyn_into::<ReadableStreamDefaultReader>().map_err(|_| "the response cannot be read as a stream".to_string())?;
    Ok(Download { reader, total })
}

impl Download {
    /// Reads the next chunk of the body into `chunk` (reusing its memory); false at the end.
    pub async fn next(&mut self, chunk: &mut Vec<u8>) -> Result<bool, String> {
        let result = JsFuture::from(self.reader.read()).await.map_err(|e| format!("the download was interrupted ({})", describe(&e)))?;
        let result: ReadableStreamReadResult = result.unchecked_into();
        if result.get_done().unwrap_or(false) {
            return Ok(false);
        }
        let bytes = js_sys::Uint8Array::new(&result.get_value());
        chunk.resize(bytes.length() as usize, 0);
        bytes.copy_to(chunk);
        Ok(true)
    }

    /// Stops the download (the rest of the body is not needed).
    pub fn cancel(&self) {
        let _ = self.reader.cancel();
    }
}

fn describe(e: &wasm_bindgen::JsValue) -> String {
    e.as_string()
        .or_else(|| e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())))
        .unwrap_or_else(|| "network error".into())
}
