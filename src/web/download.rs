//! Downloads made in the page: CSV and SVG as blobs, PNG by drawing the SVG on a canvas.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlCanvasElement, HtmlImageElement, Url};

fn blob(text: &str, mime: &str) -> Result<Blob, JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    Blob::new_with_str_sequence_and_options(&parts, &options)
}

fn save(blob: &Blob, filename: &str) -> Result<(), JsValue> {
    let url = Url::create_object_url_with_blob(blob)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    // Released a minute later, not at once: some browsers (Safari, Firefox) start reading the
    // blob only after the click has returned, and a revoked address cancels the download.
    let revoke = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000)?;
    }
    Ok(())
}

/// Saves `text` as a file.
pub fn text_file(text: &str, mime: &str, filename: &str) {
    if let Ok(b) = blob(text, mime) {
        let _ = save(&b, filename);
    }
}

/// Renders `svg` (of `width` × `height` px) at twice the size into a PNG and saves it.
pub fn png(svg: &str, width: u32, height: u32, filename: &str) {
    let Ok(b) = blob(svg, "image/svg+xml") else { return };
    let Ok(url) = Url::create_object_url_with_blob(&b) else { return };
    let Ok(img) = HtmlImageElement::new() else { return };
    let filename = filename.to_string();
    let img2 = img.clone();
    let url2 = url.clone();
    let onload = Closure::once(move || {
        let _ = (|| -> Result<(), JsValue> {
            let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
            let canvas: HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
            canvas.set_width(width * 2);
            canvas.set_height(height * 2);
            let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d")?.ok_or("no 2d")?.dyn_into()?;
            ctx.scale(2.0, 2.0)?;
            ctx.draw_image_with_html_image_element(&img2, 0.0, 0.0)?;
            let data_url = canvas.to_data_url_with_type("image/png")?;
            let a: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
            a.set_href(&data_url);
            a.set_download(&filename);
            a.click();
            Url::revoke_object_url(&url2)?;
            Ok(())
        })();
    });
    img.set_onload(Some(onload.as_ref().unchecked_ref()));
    onload.forget();
    img.set_src(&url);
}
