//! Dumping every stored key for recovery, and erasing them all to start fresh.

use crate::storage::backend::{Backend, BackendError};
use crate::storage::codec;
use crate::storage::layout::{PREFIX, SEGMENT_PREFIX};

/// Every Rapport key and its raw value as a JSON object, with segments also decoded
/// where possible: what the recovery screen offers to download.
pub fn raw_dump<B: Backend>(backend: &B) -> Result<String, BackendError> {
    let mut dump = serde_json::Map::new();
    for key in backend.keys()? {
        if !key.starts_with(PREFIX) {
            continue;
        }
        let Some(raw) = backend.get(&key)? else {
            continue;
        };
        let mut entry = serde_json::Map::new();
        if key.starts_with(SEGMENT_PREFIX) {
            if let Ok(bytes) = codec::decode(&raw) {
                let decoded = serde_json::from_slice(&bytes).unwrap_or_else(|_| {
                    serde_json::Value::String(String::from_utf8_lossy(&bytes).into_owned())
                });
                entry.insert("decoded".into(), decoded);
            }
        }
        entry.insert("raw".into(), serde_json::Value::String(raw));
        dump.insert(key, serde_json::Value::Object(entry));
    }
    serde_json::to_string_pretty(&dump).map_err(|err| BackendError::Unavailable(err.to_string()))
}

/// Deletes every Rapport key: "start fresh", only after the user confirmed.
pub fn erase_all<B: Backend>(backend: &mut B) -> Result<(), BackendError> {
    for key in backend.keys()? {
        if key.starts_with(PREFIX) {
            backend.remove(&key)?;
        }
    }
    Ok(())
}
