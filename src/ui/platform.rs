//! Rapport as an app on the device: whether it runs installed or in a browser tab,
//! the system share sheet, files handed to it from outside (a share, or "Open
//! with" on a `.json` or `.vcf` file), and the count on the app's icon.
//!
//! These APIs are newer than the rest of the web platform Rapport uses and exist
//! only in some browsers, so each is looked up at run time and every function
//! here degrades quietly where it is missing.

use std::cell::RefCell;

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::backup::MAX_IMPORT_BYTES;
use crate::model::today::due_contacts;
use crate::model::words::capitalise;
use crate::model::Journal;
use crate::storage::preferences::Preferences;

use super::browser;
use super::route::Route;

/// How Rapport is running on this device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisplayMode {
    /// Opened from the Home Screen or the app list: an installed app, which on
    /// iPhone and iPad keeps storage of its own, apart from Safari's.
    Installed,
    /// In a browser tab.
    BrowserTab,
}

impl DisplayMode {
    /// The mode from what the browser reports: whether a `display-mode` media
    /// query for an app window matches, and Safari's `navigator.standalone`.
    pub fn from_signals(app_window: bool, ios_standalone: bool) -> Self {
        if app_window || ios_standalone {
            DisplayMode::Installed
        } else {
            DisplayMode::BrowserTab
        }
    }

    /// One sentence for Settings.
    pub fn sentence(self) -> &'static str {
        match self {
            DisplayMode::Installed => "Rapport is running as an installed app on this device.",
            DisplayMode::BrowserTab => "Rapport is running in a browser tab.",
        }
    }
}

/// Whether an installed Rapport keeps storage apart from this browser's tabs.
///
/// Safari's engine (every browser on iPhone and iPad, and Safari's web apps
/// on a Mac) gives a Home Screen or Dock app its own storage. Chromium and
/// Firefox installs share the site's storage with the browser, so there the
/// journal simply comes along.
pub fn installs_apart() -> bool {
    navigator()
        .and_then(|n| get(&n, "vendor"))
        .and_then(|vendor| vendor.as_string())
        .is_some_and(|vendor| vendor.starts_with("Apple"))
}

/// What installing does where it keeps the journal: it comes along.
pub const INSTALL_SHARES: &str =
    "Installing Rapport from this browser keeps this journal: the installed app and this browser's tabs share it.";

/// The installed app's side of [`INSTALL_SHARES`].
pub const INSTALLED_SHARES: &str = "The installed app and this browser's tabs share one journal.";

/// What installing does to the journal where it makes a separate copy.
pub const INSTALL_NOTE: &str =
    "Installing makes a separate copy of the app. Move your journal into it with a backup.";

/// The two steps that move a journal from a browser tab into the installed app.
pub const INSTALL_STEPS: [&str; 2] = [
    "In this browser tab, open Settings, then Backups, and download (or share) a backup.",
    "Open the installed app, go to Settings, then Backups, and restore that file.",
];

/// The installed app's side of the same move, for its first-run screen.
pub const BRING_STEPS: [&str; 2] = [
    "In the browser tab where you kept Rapport, open Settings, then Backups, and download a backup.",
    "Here, choose that file under Restore a backup.",
];

/// The `display-mode` values of an app window rather than a browser tab.
const APP_DISPLAY_MODES: [&str; 3] = ["standalone", "fullscreen", "minimal-ui"];

fn get(target: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(target, &JsValue::from_str(name))
        .ok()
        .filter(|value| !value.is_undefined() && !value.is_null())
}

fn method(target: &JsValue, name: &str) -> Option<Function> {
    get(target, name)?.dyn_into().ok()
}

fn navigator() -> Option<JsValue> {
    Some(web_sys::window()?.navigator().into())
}

/// Awaits a value that may be a promise; `Err` holds the rejection.
async fn settle(value: JsValue) -> Result<JsValue, JsValue> {
    match value.dyn_into::<Promise>() {
        Ok(promise) => JsFuture::from(promise).await,
        Err(plain) => Ok(plain),
    }
}

/// Whether Rapport runs installed or in a browser tab, now.
pub fn display_mode() -> DisplayMode {
    let Some(window) = web_sys::window() else {
        return DisplayMode::BrowserTab;
    };
    let app_window = APP_DISPLAY_MODES.iter().any(|mode| {
        window
            .match_media(&format!("(display-mode: {mode})"))
            .ok()
            .flatten()
            .is_some_and(|query| query.matches())
    });
    let ios_standalone = navigator()
        .and_then(|n| get(&n, "standalone"))
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    DisplayMode::from_signals(app_window, ios_standalone)
}

// ---------------------------------------------------------------- sharing

/// How a share ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shared {
    /// The file went to the app the user picked.
    Sent,
    /// The user closed the share sheet: not an error, nothing happened.
    Cancelled,
}

fn make_file(name: &str, mime: &str, bytes: &[u8]) -> Option<JsValue> {
    let constructor: Function = get(&js_sys::global(), "File")?.dyn_into().ok()?;
    let parts = Array::of1(&Uint8Array::from(bytes));
    let options = Object::new();
    Reflect::set(&options, &"type".into(), &mime.into()).ok()?;
    Reflect::construct(&constructor, &Array::of3(&parts, &name.into(), &options)).ok()
}

fn share_data(file: &JsValue) -> Object {
    let data = Object::new();
    let _ = Reflect::set(&data, &"files".into(), &Array::of1(file));
    data
}

fn can_share(navigator: &JsValue, data: &Object) -> bool {
    method(navigator, "share").is_some()
        && method(navigator, "canShare")
            .and_then(|can| can.call1(navigator, data).ok())
            .and_then(|answer| answer.as_bool())
            .unwrap_or(false)
}

/// Whether this browser can hand a backup file to the system share sheet.
pub fn can_share_files() -> bool {
    let Some(navigator) = navigator() else {
        return false;
    };
    make_file("rapport-backup.json", "application/json", b"{}")
        .is_some_and(|file| can_share(&navigator, &share_data(&file)))
}

/// Hands a file to the system share sheet; the error, in words, says why not.
pub async fn share_file(name: &str, mime: &str, bytes: &[u8]) -> Result<Shared, String> {
    let navigator = navigator().ok_or("there is no browser window")?;
    let file = make_file(name, mime, bytes).ok_or("the browser could not prepare the file")?;
    let data = share_data(&file);
    if !can_share(&navigator, &data) {
        return Err("this browser cannot share this file".to_owned());
    }
    let share = method(&navigator, "share").ok_or("this browser cannot share files")?;
    let started = share
        .call1(&navigator, &data)
        .map_err(|_| "the share sheet did not open".to_owned())?;
    match settle(started).await {
        Ok(_) => Ok(Shared::Sent),
        Err(err) => match get(&err, "name").and_then(|n| n.as_string()).as_deref() {
            Some("AbortError") => Ok(Shared::Cancelled),
            Some("NotAllowedError") => {
                Err("the browser did not allow sharing just now; try again".to_owned())
            }
            _ => Err("the share sheet could not send the file".to_owned()),
        },
    }
}

// ---------------------------------------------------------------- files from outside

/// A file handed to Rapport from outside: shared to it, or opened with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomingFile {
    /// The file's name as the system gave it.
    pub name: String,
    /// Its bytes, or a sentence saying why they could not be read.
    pub contents: Result<Vec<u8>, String>,
}

impl IncomingFile {
    /// Whether it is a contacts file (`.vcf`) rather than a backup.
    pub fn is_vcard(&self) -> bool {
        let name = self.name.to_ascii_lowercase();
        name.ends_with(".vcf") || name.ends_with(".vcard")
    }

    /// The section of Backups that opens it.
    pub fn section(&self) -> &'static str {
        if self.is_vcard() {
            "import-vcard"
        } else {
            "restore"
        }
    }
}

/// The name of the window event that says a file was handed over.
pub const INCOMING_EVENT: &str = "rapport-incoming-file";

/// The query parameter the service worker adds after a share reaches it.
pub const SHARE_TARGET_QUERY: &str = "share-target";

/// Where the service worker keeps a shared file until the app reads it
/// (see assets/sw.js), relative to the app.
const SHARED_FILE_PATH: &str = "shared-file";

/// The Cache Storage cache the shared file waits in.
const SHARE_CACHE: &str = "rapport-shared";

thread_local! {
    static INCOMING: RefCell<Option<IncomingFile>> = const { RefCell::new(None) };
}

/// Keeps `file` for the Backups screen, which shows its preview, and goes there.
/// Nothing is imported until the user chooses to.
pub fn hand_over(file: IncomingFile) {
    let section = file.section();
    INCOMING.with(|slot| *slot.borrow_mut() = Some(file));
    let Some(window) = web_sys::window() else {
        return;
    };
    let _ = window
        .location()
        .set_hash(&format!("{}#{section}", Route::Backups.href()));
    // A Backups screen already open picks the file up from this event.
    if let Ok(event) = web_sys::Event::new(INCOMING_EVENT) {
        let _ = window.dispatch_event(&event);
    }
}

/// The file handed over, if it is of the kind asked for (a contacts file, or a
/// backup); it is taken, so it is opened once.
pub fn take_incoming(vcard: bool) -> Option<IncomingFile> {
    INCOMING.with(|slot| {
        let mut slot = slot.borrow_mut();
        if slot.as_ref().is_some_and(|file| file.is_vcard() == vcard) {
            slot.take()
        } else {
            None
        }
    })
}

fn too_large(bytes: f64) -> String {
    let err = crate::backup::TextError::TooLarge {
        bytes: bytes as usize,
    };
    capitalise(&err.to_string())
}

/// Reads a `Blob` or `File` whole, refusing one over the import cap unread.
async fn read_blob(blob: &JsValue) -> Result<Vec<u8>, String> {
    let size = get(blob, "size").and_then(|s| s.as_f64()).unwrap_or(0.0);
    if size > MAX_IMPORT_BYTES as f64 {
        return Err(too_large(size));
    }
    let unreadable = || "The browser could not read this file.".to_owned();
    let read = method(blob, "arrayBuffer").ok_or_else(unreadable)?;
    let buffer = settle(read.call0(blob).map_err(|_| unreadable())?)
        .await
        .map_err(|_| unreadable())?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

async fn file_from_handle(handle: JsValue) -> Option<IncomingFile> {
    let get_file = method(&handle, "getFile")?;
    let file = settle(get_file.call0(&handle).ok()?).await.ok()?;
    let name = get(&file, "name")
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    let contents = read_blob(&file).await;
    Some(IncomingFile { name, contents })
}

/// Opens files the system launches the installed app with ("Open with
/// Rapport", or a double click where Rapport handles `.json` and `.vcf`), through
/// `window.launchQueue`, in the Backups preview.
pub fn receive_launched_files() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(queue) = get(&window, "launchQueue") else {
        return;
    };
    let Some(set_consumer) = method(&queue, "setConsumer") else {
        return;
    };
    let consumer = Closure::<dyn FnMut(JsValue)>::new(|params: JsValue| {
        let Some(first) = get(&params, "files").map(|files| Array::from(&files).get(0)) else {
            return;
        };
        if first.is_undefined() {
            return;
        }
        wasm_bindgen_futures::spawn_local(async move {
            if let Some(file) = file_from_handle(first).await {
                hand_over(file);
            }
        });
    });
    if set_consumer.call1(&queue, consumer.as_ref()).is_ok() {
        // The queue keeps calling it for every later launch, for the page's life.
        consumer.forget();
    }
}

/// Whether the address says a share just arrived (`?share-target`).
pub fn is_share_arrival(search: &str) -> bool {
    search
        .trim_start_matches('?')
        .split('&')
        .any(|part| part == SHARE_TARGET_QUERY || part.starts_with("share-target="))
}

/// Picks up a file shared to the installed app. The service worker received it
/// (a POST to the manifest's share target), kept it in Cache Storage and opened
/// the app at `?share-target`; the kept copy is removed once read.
pub async fn receive_shared_file() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    if !location
        .search()
        .is_ok_and(|search| is_share_arrival(&search))
    {
        return;
    }
    // Out of the address first, so a reload does not look for the file again.
    if let (Some(history), Ok(path), Ok(hash)) = (
        get(&window, "history"),
        location.pathname(),
        location.hash(),
    ) {
        if let Some(replace) = method(&history, "replaceState") {
            let address = JsValue::from_str(&format!("{path}{hash}"));
            let _ = replace.call3(&history, &JsValue::NULL, &JsValue::from_str(""), &address);
        }
    }
    let file = match take_shared_file(&window).await {
        Some(file) => file,
        None => IncomingFile {
            name: "shared file".to_owned(),
            contents: Err(
                "The shared file did not reach Rapport. Share it again, or choose it here."
                    .to_owned(),
            ),
        },
    };
    hand_over(file);
}

async fn take_shared_file(window: &web_sys::Window) -> Option<IncomingFile> {
    let caches = get(window, "caches")?;
    let open = method(&caches, "open")?;
    let cache = settle(open.call1(&caches, &SHARE_CACHE.into()).ok()?)
        .await
        .ok()?;
    let key = web_sys::Url::new_with_base(SHARED_FILE_PATH, &window.location().href().ok()?)
        .ok()?
        .href();
    let lookup = method(&cache, "match")?;
    let response = settle(lookup.call1(&cache, &key.as_str().into()).ok()?)
        .await
        .ok()
        .filter(|r| !r.is_undefined())?;
    let name = get(&response, "headers")
        .and_then(|headers| {
            method(&headers, "get")?
                .call1(&headers, &"X-File-Name".into())
                .ok()?
                .as_string()
        })
        .and_then(|encoded| js_sys::decode_uri_component(&encoded).ok())
        .map(String::from)
        .unwrap_or_else(|| "shared file".to_owned());
    let contents = read_blob(&response_blob(&response).await?).await;
    if let Some(delete) = method(&cache, "delete") {
        if let Ok(done) = delete.call1(&cache, &key.as_str().into()) {
            let _ = settle(done).await;
        }
    }
    Some(IncomingFile { name, contents })
}

async fn response_blob(response: &JsValue) -> Option<JsValue> {
    let blob = method(response, "blob")?;
    settle(blob.call0(response).ok()?).await.ok()
}

// ---------------------------------------------------------------- the app badge

/// Whether this browser can put a count on the installed app's icon.
pub fn badge_available() -> bool {
    navigator().is_some_and(|n| method(&n, "setAppBadge").is_some())
}

fn call_badge(name: &str, argument: Option<u32>) {
    let Some(navigator) = navigator() else {
        return;
    };
    let Some(call) = method(&navigator, name) else {
        return;
    };
    let result = match argument {
        Some(count) => call.call1(&navigator, &JsValue::from(count)),
        None => call.call0(&navigator),
    };
    if let Ok(value) = result {
        // A refusal (say, not installed) is not the user's concern: the
        // promise is awaited so it is never left rejected and unhandled.
        wasm_bindgen_futures::spawn_local(async move {
            let _ = settle(value).await;
        });
    }
}

/// How many people the badge counts: those Today lists as due, snoozed people left out.
pub fn due_today(journal: &Journal) -> u32 {
    due_contacts(journal, browser::today()).len() as u32
}

/// Whether the user turned the badge on, on this device (off if unreadable).
pub fn badge_wanted() -> bool {
    Preferences::open()
        .and_then(|preferences| preferences.app_badge())
        .unwrap_or(false)
}

/// Shows `count` on the app's icon, or clears it at zero.
pub fn show_badge(count: u32) {
    if count == 0 {
        clear_badge();
    } else {
        call_badge("setAppBadge", Some(count));
    }
}

/// Takes the count off the app's icon.
pub fn clear_badge() {
    call_badge("clearAppBadge", None);
}

/// Brings the icon's count up to date with `journal`, if the user wants one.
/// With the setting off nothing is called at all.
pub fn refresh_badge(journal: &Journal) {
    if badge_wanted() && badge_available() {
        show_badge(due_today(journal));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_app_window_or_safari_standalone_is_installed() {
        assert_eq!(
            DisplayMode::from_signals(true, false),
            DisplayMode::Installed
        );
        assert_eq!(
            DisplayMode::from_signals(false, true),
            DisplayMode::Installed
        );
        assert_eq!(
            DisplayMode::from_signals(false, false),
            DisplayMode::BrowserTab
        );
    }

    #[test]
    fn a_share_arrival_is_read_from_the_query() {
        assert!(is_share_arrival("?share-target"));
        assert!(is_share_arrival("?a=1&share-target"));
        assert!(!is_share_arrival(""));
        assert!(!is_share_arrival("?share-targets"));
    }

    #[test]
    fn a_vcf_opens_in_the_contacts_import_and_anything_else_in_restore() {
        let file = |name: &str| IncomingFile {
            name: name.to_owned(),
            contents: Ok(Vec::new()),
        };
        assert_eq!(file("Contacts.VCF").section(), "import-vcard");
        assert_eq!(file("rapport-backup-2026-12-05.json").section(), "restore");
        assert_eq!(file("shared file").section(), "restore");
    }
}
