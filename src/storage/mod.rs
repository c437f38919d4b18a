//! Storage: the journal in localStorage, saved in small segments so that one change
//! costs the same whatever the journal's size, and never half-written.
//!
//! * [`layout`]: the keys, and why a save is all-or-nothing.
//! * [`codec`]: how a segment becomes a compact string.
//! * [`engine`]: load, save, sync with other tabs, usage, recovery; one file per job.
//! * [`migrate`]: upgrading data written by older versions.
//! * [`backend`]: the key-value interface; [`local`] is the browser's localStorage.
//! * [`lock`]: one save at a time across tabs.
//! * [`preferences`]: this device's theme and last backup time, beside the journal.

pub mod backend;
pub mod codec;
pub mod engine;
pub mod layout;
pub mod local;
pub mod lock;
pub mod migrate;
pub mod preferences;

pub use backend::{Backend, BackendError, FailAfter, MemoryBackend};
pub use engine::{erase_all, raw_dump, usage, LoadError, SaveError, Store, SyncReport, Usage};
