//! The browser's own localStorage, for the test crates that run in headless
//! Chromium: every such test starts from an empty origin.

use std::collections::BTreeMap;

use rapport::storage::local::LocalBackend;
use rapport::storage::Backend;

/// The page's localStorage.
pub fn local_storage() -> web_sys::Storage {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("localStorage")
}

/// Empties the origin's storage and opens Rapport's backend on it.
pub fn clean() -> LocalBackend {
    local_storage().clear().expect("cleared");
    reopen()
}

/// Another view of the same storage, as after a reload or in a second tab.
pub fn reopen() -> LocalBackend {
    LocalBackend::open().expect("localStorage opens")
}

/// Puts exactly `entries` into localStorage.
pub fn restore(entries: &BTreeMap<String, String>) -> LocalBackend {
    let backend = clean();
    for (key, value) in entries {
        local_storage().set_item(key, value).expect("restored");
    }
    backend
}

/// Keys another app on the origin fills the quota with.
const FILLER: &str = "filler-";

/// Fills the rest of the origin's quota, as another app on the site might.
pub fn use_up_the_quota() {
    let mut size = 256 * 1024;
    let mut written = 0;
    while size > 0 {
        if local_storage()
            .set_item(&format!("{FILLER}{written}"), &"x".repeat(size))
            .is_ok()
        {
            written += 1;
        } else {
            size /= 2;
        }
    }
}

/// Removes what [`use_up_the_quota`] wrote.
pub fn free_space() {
    let keys = reopen().keys().expect("keys");
    for key in keys.into_iter().filter(|k| k.starts_with(FILLER)) {
        local_storage().remove_item(&key).expect("removed");
    }
}
