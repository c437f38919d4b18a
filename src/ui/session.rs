//! The running journal: the model in memory and the store behind it.
//!
//! Every change goes through [`Session::execute`]: it pulls in anything another
//! tab saved and executes the commands in the model. [`Session::commit`] then saves
//! just what changed; the app calls it while holding the save lock
//! ([`storage::lock`]), so that no other tab's save interleaves. A failed save keeps
//! the change in memory and says why, so the UI can warn and offer a backup.

use crate::model::{Command, Executed, Journal, ModelError};
use crate::storage::local::LocalBackend;
use crate::storage::{self, LoadError, Store, Usage};

use super::browser;

/// Whether everything in memory is also stored.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SaveState {
    /// Stored.
    #[default]
    Saved,
    /// Not stored; the reason, in words.
    Unsaved(String),
}

/// What a sync with other tabs did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Synced {
    /// The journal in memory changed.
    pub changed: bool,
    /// Another tab wrote over a save of this tab; it must be saved again.
    pub must_save: bool,
}

/// The journal and its store.
pub struct Session {
    journal: Journal,
    store: Store<LocalBackend>,
}

impl Session {
    /// Opens this browser's journal.
    pub fn open() -> Result<Self, LoadError> {
        let backend =
            LocalBackend::open().map_err(|err| LoadError::Unavailable(err.to_string()))?;
        let (store, journal) = Store::load(backend, &browser::random_token())?;
        Ok(Self { journal, store })
    }

    /// The journal as it is in memory.
    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    /// Executes a batch of commands as one step: one sync with other tabs, then the
    /// commands (all or none). The change is in memory at once and waits for
    /// [`Session::commit`]. A rejected batch changes nothing.
    pub fn execute(&mut self, commands: Vec<Command>) -> Result<Executed, ModelError> {
        let _ = self.store.sync(&mut self.journal);
        let executed = self
            .journal
            .execute(commands, &mut browser::BrowserMinter)?;
        self.store.stage(&executed.applied);
        Ok(executed)
    }

    /// Saves everything not yet stored, after merging what another tab saved: the
    /// read, merge and writes of one save, run while holding the save lock. Also
    /// writes again whatever a failed save left unsaved.
    pub fn commit(&mut self) -> SaveState {
        match self.store.retry(&mut self.journal) {
            Ok(_) => SaveState::Saved,
            Err(err) => SaveState::Unsaved(err.to_string()),
        }
    }

    /// Pulls in what another tab saved.
    pub fn sync(&mut self) -> Synced {
        match self.store.sync(&mut self.journal) {
            Ok(report) => Synced {
                changed: report.merged_foreign,
                must_save: report.reapplied,
            },
            Err(_) => Synced::default(),
        }
    }

    /// Replaces the whole journal (import, demo data) in memory; [`Session::commit`]
    /// stores it. Only the records that differ are written, and like any save it
    /// merges with what another tab saved meanwhile rather than writing over it.
    pub fn replace(&mut self, journal: Journal) {
        self.store.stage_replacement(&self.journal, &journal);
        self.journal = journal;
    }

    /// How much of the browser's storage is used.
    pub fn usage(&self) -> Option<Usage> {
        storage::usage(self.store.backend()).ok()
    }
}
