//! Small wrappers over browser APIs: randomness, the clock, downloads, theme and
//! storage persistence. Each degrades quietly where the browser lacks the API.

use chrono::{DateTime, Local, NaiveDate, Utc};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The user's local date.
pub fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// The current instant.
pub fn now() -> DateTime<Utc> {
    Utc::now()
}

/// 64 random bits from the browser's cryptographic generator (ids must not collide
/// across devices, since merging backups matches records by id).
pub fn random_u64() -> u64 {
    let mut bytes = [0u8; 8];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        let high = (js_sys::Math::random() * f64::from(u32::MAX)) as u64;
        let low = (js_sys::Math::random() * f64::from(u32::MAX)) as u64;
        return (high << 32) | low;
    }
    u64::from_le_bytes(bytes)
}

/// The browser's clock and randomness, from which the model mints ids and times.
pub struct BrowserMinter;

impl crate::model::Minter for BrowserMinter {
    fn now(&mut self) -> DateTime<Utc> {
        now()
    }

    fn random(&mut self) -> u64 {
        random_u64()
    }
}

/// A short random token that tells this tab's writes apart from other tabs'.
pub fn random_token() -> String {
    let mut n = random_u64();
    (0..5)
        .map(|_| {
            let digit = (n % 36) as u32;
            n /= 36;
            char::from_digit(digit, 36).unwrap_or('0')
        })
        .collect()
}

/// How long one slice of long work (demo data, a backup) runs before the
/// browser gets its thread back: well under a long task (50 ms) here, so that
/// a phone several times slower stays under 200 ms.
pub const SLICE_MS: f64 = 25.0;

/// Hands the thread back to the browser, which paints, answers taps and runs
/// whatever else waits, then resumes: a message to itself, which (unlike a zero
/// timeout) is not held back by the 4 ms floor of nested timers, and (unlike
/// `scheduler.yield()`) does not go ahead of the page's other tasks.
pub async fn yield_now() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Ok(channel) = web_sys::MessageChannel::new() {
            channel.port1().set_onmessage(Some(&resolve));
            if channel
                .port2()
                .post_message(&wasm_bindgen::JsValue::UNDEFINED)
                .is_ok()
            {
                return;
            }
        }
        let started = web_sys::window().is_some_and(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .is_ok()
        });
        if !started {
            let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Runs long work a slice at a time, yielding to the browser between slices.
/// `step` does a small batch and says how far the work is, as (done, total);
/// `report` hears that before each pause and once at the end.
pub async fn in_slices(mut step: impl FnMut() -> (usize, usize), report: impl Fn(usize, usize)) {
    loop {
        let started = js_sys::Date::now();
        let (done, total) = loop {
            let (done, total) = step();
            if done >= total || js_sys::Date::now() - started >= SLICE_MS {
                break (done, total);
            }
        };
        report(done, total);
        if done >= total {
            return;
        }
        yield_now().await;
    }
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Offers `contents` to the user as a file download.
pub fn download(file_name: &str, mime: &str, contents: &str) -> Result<(), String> {
    // The UTF-8 bytes go into the Blob as they are: a JS string would be
    // decoded from them and then encoded again (15 MB for a large journal).
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(contents.as_bytes()));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser could not prepare the file".to_owned())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser could not prepare the file".to_owned())?;
    let doc = document().ok_or("there is no document")?;
    let anchor: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into().ok())
        .ok_or("the browser could not start the download")?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Applies a theme choice to the page: `"light"`, `"dark"` or `"system"`.
pub fn apply_theme(theme: &str) {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = match theme {
            "light" | "dark" => root.set_attribute("data-theme", theme),
            _ => root.remove_attribute("data-theme"),
        };
    }
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // Older browsers have no StorageManager; the getter would throw.
    js_sys::Reflect::has(&navigator, &"storage".into())
        .ok()?
        .then(|| navigator.storage())
}

/// Whether the browser has promised not to evict this site's storage.
pub async fn is_persisted() -> Option<bool> {
    let promise = storage_manager()?.persisted().ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}

/// Asks the browser to keep this site's storage; returns whether it agreed.
pub async fn request_persistence() -> Option<bool> {
    let promise = storage_manager()?.persist().ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}

/// Whether keyboard focus is in a field where typing a letter means text.
pub fn typing_in_field() -> bool {
    let Some(active) = document().and_then(|d| d.active_element()) else {
        return false;
    };
    let tag = active.tag_name().to_ascii_lowercase();
    matches!(tag.as_str(), "input" | "textarea" | "select")
        || active.has_attribute("contenteditable")
}

/// Moves keyboard focus to the element with `id`, if it exists.
pub fn focus(id: &str) {
    if let Some(element) = document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}
