//! Why loading or saving failed, in words the user can read.

use std::fmt;

use crate::storage::backend::BackendError;
use crate::storage::layout::HEAD_KEY;

/// Why the stored journal could not be loaded. Nothing is changed in storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Storage cannot be used at all.
    Unavailable(String),
    /// The data was written by a newer version of Rapport.
    NewerVersion { found: u32, supported: u32 },
    /// Something stored cannot be read; `key` says where.
    Corrupt { key: String, reason: String },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Unavailable(why) => write!(f, "This browser's storage cannot be used: {why}."),
            LoadError::NewerVersion { found, supported } => write!(
                f,
                "Your journal was saved by a newer version of Rapport (data format {found}; \
                 this version reads up to {supported}). Reload to update the app; nothing was changed."
            ),
            LoadError::Corrupt { key, reason } => write!(f, "{key}: {reason}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// Why a change could not be saved. The change stays in memory; storage is as before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    /// The browser's storage for this site is full.
    QuotaExceeded,
    /// Storage refused the write for another reason.
    Backend(BackendError),
    /// Saving is off because the stored data could not be read; see [`LoadError`].
    ReadOnly,
    /// A record could not be written as JSON; nothing was written.
    Encode(String),
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::QuotaExceeded => write!(f, "This browser's storage for Rapport is full."),
            SaveError::Backend(err) => write!(f, "Saving failed: {err}."),
            SaveError::ReadOnly => write!(f, "Saving is off until the stored journal can be read."),
            SaveError::Encode(why) => {
                write!(f, "Saving failed: a record could not be written ({why}).")
            }
        }
    }
}

impl std::error::Error for SaveError {}

impl From<BackendError> for SaveError {
    fn from(err: BackendError) -> Self {
        match err {
            BackendError::QuotaExceeded => SaveError::QuotaExceeded,
            other => SaveError::Backend(other),
        }
    }
}

/// Storage could not be read at all.
pub(super) fn unavailable(err: BackendError) -> LoadError {
    LoadError::Unavailable(err.to_string())
}

/// The head names segments in a way that cannot be read.
pub(super) fn corrupt_head(reason: String) -> LoadError {
    LoadError::Corrupt {
        key: HEAD_KEY.to_owned(),
        reason,
    }
}
