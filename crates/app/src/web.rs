//! The page around the web edition: downloads instead of written files, the browser's file picker,
//! the address bar, the title and a status line that screen readers (and browser tests) can read.
//! Every call tolerates a page without the element or API it uses: it does nothing, or says why.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn document() -> Option<web_sys::Document> {
    window()?.document()
}

/// A message from a failed browser call.
fn said(e: &wasm_bindgen::JsValue) -> String {
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}

/// A file the user picked, once its bytes have been read: its name and its bytes.
pub type Picked = Rc<RefCell<Option<(String, Vec<u8>)>>>;

/// Opens the browser's file picker for files ending in `accept` (".ron"); the chosen file's name
/// and bytes arrive in `into`, and `then` runs (to wake the app).
pub fn pick_file(accept: &str, into: Picked, then: impl Fn() + 'static) -> Result<(), String> {
    let fail = |e: wasm_bindgen::JsValue| format!("cannot open the file picker: {}", said(&e));
    let document = document().ok_or("cannot open the file picker: no page")?;
    let input: web_sys::HtmlInputElement = document
        .create_element("input")
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| "cannot open the file picker".to_owned())?;
    input.set_type("file");
    input.set_accept(accept);
    let chooser = input.clone();
    let on_change = Closure::once(move || {
        let Some(file) = chooser.files().and_then(|files| files.get(0)) else {
            return;
        };
        wasm_bindgen_futures::spawn_local(async move {
            let name = file.name();
            let read = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await;
            if let Ok(buffer) = read {
                let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                *into.borrow_mut() = Some((name, bytes));
                then();
            }
        });
    });
    input.set_onchange(Some(on_change.as_ref().unchecked_ref()));
    // The picker calls back at most once; the closure lives as long as the page.
    on_change.forget();
    input.click();
    Ok(())
}

/// The page's address without its fragment (the base of a link).
pub fn address() -> Option<String> {
    let location = window()?.location();
    let href = location.href().ok()?;
    Some(href.split('#').next().unwrap_or_default().to_owned())
}

/// The page's fragment, with its `#`, if it has one.
pub fn fragment() -> Option<String> {
    let hash = window()?.location().hash().ok()?;
    (!hash.is_empty()).then_some(hash)
}

/// Puts `fragment` in the address bar without a new history entry.
pub fn replace_fragment(fragment: &str) {
    let (Some(window), Some(base)) = (window(), address()) else {
        return;
    };
    if let Ok(history) = window.history() {
        let url = format!("{base}{fragment}");
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Sets the page's title.
pub fn set_title(title: &str) {
    if let Some(document) = document() {
        document.set_title(title);
    }
}

/// Puts `text` in the page's status line (`#status`, a live region screen readers announce).
pub fn set_status(text: &str) {
    if let Some(status) = document().and_then(|d| d.get_element_by_id("status")) {
        status.set_text_content(Some(text));
    }
}

/// Shows `text` over the page, for when the app can no longer draw (it stopped on an error).
pub fn show_over_page(text: &str) {
    let Some(document) = document() else { return };
    let Ok(note) = document.create_element("div") else {
        return;
    };
    note.set_id("stopped");
    note.set_text_content(Some(text));
    let _ = note.set_attribute(
        "style",
        "position:absolute;left:0;right:0;top:40%;padding:1em;text-align:center;\
         background:#400;color:#fff;font:1.1rem system-ui,sans-serif",
    );
    if let Some(body) = document.body() {
        let _ = body.append_child(&note);
    }
    set_status(text);
}

/// Records a named moment in the page's performance timeline (read by the budget measurements).
pub fn mark(name: &str) {
    if let Some(performance) = window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// The screen's size in CSS pixels (the browser tells pages no monitor size otherwise).
pub fn screen_size() -> Option<(f32, f32)> {
    let screen = window()?.screen().ok()?;
    Some((screen.width().ok()? as f32, screen.height().ok()? as f32))
}

/// The page's canvas for the app, by id.
pub fn canvas(id: &str) -> Option<web_sys::HtmlCanvasElement> {
    document()?.get_element_by_id(id)?.dyn_into().ok()
}
