//! [`Backend`] over the browser's real localStorage.

use wasm_bindgen::JsCast;
use web_sys::{DomException, Storage};

use super::backend::{is_quota_error, Backend, BackendError};

/// The origin's localStorage.
#[derive(Debug, Clone)]
pub struct LocalBackend {
    storage: Storage,
}

impl LocalBackend {
    /// Opens localStorage, or says why it cannot be used (for example, blocked by the
    /// user's settings).
    pub fn open() -> Result<Self, BackendError> {
        let window = web_sys::window().ok_or_else(|| unavailable("there is no window"))?;
        match window.local_storage() {
            Ok(Some(storage)) => Ok(Self { storage }),
            Ok(None) => Err(unavailable("localStorage is missing")),
            Err(err) => Err(unavailable(&describe(&err))),
        }
    }
}

fn unavailable(why: &str) -> BackendError {
    BackendError::Unavailable(why.to_owned())
}

fn describe(err: &wasm_bindgen::JsValue) -> String {
    match err.dyn_ref::<DomException>() {
        Some(dom) => format!("{}: {}", dom.name(), dom.message()),
        None => format!("{err:?}"),
    }
}

fn classify(err: wasm_bindgen::JsValue) -> BackendError {
    match err.dyn_ref::<DomException>() {
        Some(dom) if is_quota_error(&dom.name(), dom.code()) => BackendError::QuotaExceeded,
        _ => BackendError::Unavailable(describe(&err)),
    }
}

impl Backend for LocalBackend {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        self.storage.get_item(key).map_err(classify)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        self.storage.set_item(key, value).map_err(classify)
    }

    fn remove(&mut self, key: &str) -> Result<(), BackendError> {
        self.storage.remove_item(key).map_err(classify)
    }

    fn keys(&self) -> Result<Vec<String>, BackendError> {
        let count = self.storage.length().map_err(classify)?;
        let mut keys = Vec::with_capacity(count as usize);
        for index in 0..count {
            if let Some(key) = self.storage.key(index).map_err(classify)? {
                keys.push(key);
            }
        }
        Ok(keys)
    }

    fn now_ms(&self) -> Option<u64> {
        Some(js_sys::Date::now() as u64)
    }
}
