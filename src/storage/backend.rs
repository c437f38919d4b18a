//! The key-value store underneath: localStorage in the browser, memory in host tests.
//!
//! The engine only needs get, set, remove and a key listing. Keeping that behind a
//! trait lets the same engine code run against the real localStorage in Chromium and
//! against [`MemoryBackend`], which enforces the same quota arithmetic, on the host.

use std::collections::BTreeMap;
use std::fmt;

use super::codec::utf16_units;

/// Chromium's localStorage quota per origin, in UTF-16 code units (keys and values).
pub const QUOTA_UNITS: usize = 5_242_880;

/// Why a storage call failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackendError {
    /// The origin's quota is full: nothing was written.
    QuotaExceeded,
    /// Storage is missing or refused (private mode, disabled by the user).
    Unavailable(String),
    /// The write was cut short: used by [`FailAfter`] to stand for a dying tab.
    Interrupted,
}

impl fmt::Display for BackendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BackendError::QuotaExceeded => write!(f, "this browser's storage for Rapport is full"),
            BackendError::Unavailable(why) => {
                write!(f, "this browser's storage is not available: {why}")
            }
            BackendError::Interrupted => write!(f, "the write was interrupted"),
        }
    }
}

impl std::error::Error for BackendError {}

/// A string key-value store with localStorage's semantics.
pub trait Backend {
    /// The value under `key`, if any.
    fn get(&self, key: &str) -> Result<Option<String>, BackendError>;
    /// Stores `value` under `key`; on error nothing changed.
    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError>;
    /// Removes `key` if present.
    fn remove(&mut self, key: &str) -> Result<(), BackendError>;
    /// Every key in the store.
    fn keys(&self) -> Result<Vec<String>, BackendError>;
    /// The time now, in milliseconds since 1970, when the backend has a clock. Segment
    /// versions carry it so that the clean-up can leave young segments alone.
    fn now_ms(&self) -> Option<u64> {
        None
    }
}

/// An in-memory store with the browser's quota arithmetic, for host tests.
#[derive(Debug, Clone)]
pub struct MemoryBackend {
    entries: BTreeMap<String, String>,
    quota_units: usize,
    clock: Option<u64>,
}

impl Default for MemoryBackend {
    fn default() -> Self {
        Self::with_quota(QUOTA_UNITS)
    }
}

impl MemoryBackend {
    /// An empty store holding at most `quota_units` UTF-16 code units.
    pub fn with_quota(quota_units: usize) -> Self {
        Self {
            entries: BTreeMap::new(),
            quota_units,
            clock: None,
        }
    }

    /// Sets the time the backend reports, in milliseconds since 1970 (none by default).
    pub fn set_clock(&mut self, now_ms: u64) {
        self.clock = Some(now_ms);
    }

    /// UTF-16 code units used by keys and values, as the browser counts them.
    pub fn used_units(&self) -> usize {
        self.entries
            .iter()
            .map(|(k, v)| utf16_units(k) + utf16_units(v))
            .sum()
    }

    /// Units still free under the quota.
    pub fn quota_left(&self) -> usize {
        self.quota_units.saturating_sub(self.used_units())
    }

    /// A copy of every entry, for comparing states in tests.
    pub fn snapshot(&self) -> BTreeMap<String, String> {
        self.entries.clone()
    }
}

impl Backend for MemoryBackend {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        Ok(self.entries.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        let old = self
            .entries
            .get(key)
            .map_or(0, |v| utf16_units(key) + utf16_units(v));
        let new = utf16_units(key) + utf16_units(value);
        if self.used_units() - old + new > self.quota_units {
            return Err(BackendError::QuotaExceeded);
        }
        self.entries.insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), BackendError> {
        self.entries.remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, BackendError> {
        Ok(self.entries.keys().cloned().collect())
    }

    fn now_ms(&self) -> Option<u64> {
        self.clock
    }
}

/// Wraps a backend and lets only the first `writes_allowed` writes through; every
/// later write or removal fails with [`BackendError::Interrupted`], as if the tab had
/// died at that point. Tests use it to prove that a save is all-or-nothing.
#[derive(Debug)]
pub struct FailAfter<B> {
    /// The store that really holds the data.
    pub inner: B,
    writes_allowed: usize,
}

impl<B: Backend> FailAfter<B> {
    /// Lets `writes_allowed` writes (sets or removals) through, then fails.
    pub fn new(inner: B, writes_allowed: usize) -> Self {
        Self {
            inner,
            writes_allowed,
        }
    }

    fn spend(&mut self) -> Result<(), BackendError> {
        if self.writes_allowed == 0 {
            return Err(BackendError::Interrupted);
        }
        self.writes_allowed -= 1;
        Ok(())
    }
}

impl<B: Backend> Backend for FailAfter<B> {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        self.inner.get(key)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        self.spend()?;
        self.inner.set(key, value)
    }

    fn remove(&mut self, key: &str) -> Result<(), BackendError> {
        self.spend()?;
        self.inner.remove(key)
    }

    fn keys(&self) -> Result<Vec<String>, BackendError> {
        self.inner.keys()
    }

    fn now_ms(&self) -> Option<u64> {
        self.inner.now_ms()
    }
}

/// Whether a DOMException from `setItem` means the quota is full, in any browser:
/// `QuotaExceededError` (Chromium, Safari), `NS_ERROR_DOM_QUOTA_REACHED` (Firefox),
/// or the legacy codes 22 and 1014.
pub fn is_quota_error(name: &str, code: u16) -> bool {
    matches!(name, "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED")
        || code == 22
        || code == 1014
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_backend_counts_units_like_the_browser_and_refuses_past_quota() {
        let mut store = MemoryBackend::with_quota(10);
        store.set("ab", "é😀").ok();
        // 2 for the key, 1 for é, 2 for the emoji.
        assert_eq!(store.used_units(), 5);
        assert_eq!(store.set("cd", "123456"), Err(BackendError::QuotaExceeded));
        assert_eq!(store.get("cd"), Ok(None));
        // Replacing a value frees the old one first.
        assert_eq!(store.set("ab", "12345678"), Ok(()));
    }

    #[test]
    fn quota_errors_are_recognised_in_every_browser() {
        assert!(is_quota_error("QuotaExceededError", 22));
        assert!(is_quota_error("NS_ERROR_DOM_QUOTA_REACHED", 1014));
        assert!(is_quota_error("Error", 22));
        assert!(!is_quota_error("SecurityError", 18));
    }

    #[test]
    fn fail_after_stops_writing_at_the_given_point() {
        let mut store = FailAfter::new(MemoryBackend::default(), 1);
        assert_eq!(store.set("a", "1"), Ok(()));
        assert_eq!(store.set("b", "2"), Err(BackendError::Interrupted));
        assert_eq!(store.inner.keys(), Ok(vec!["a".to_owned()]));
    }
}
