//! The running journal: the model in memory and the store behind it.
//!
//! Every change goes through [`Session::execute`]: it pulls in anything another
//! tab saved, executes the commands in the model, then saves just what changed. A failed
//! save keeps the change in memory and says why, so the UI can warn and offer a
//! backup.

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

    /// Executes a batch of commands as one step: one sync with other tabs, the
    /// commands (all or none), then one save. A rejected batch changes nothing.
    pub fn execute(&mut self, commands: Vec<Command>) -> Result<(SaveState, Executed), ModelError> {
        let _ = self.store.sync(&mut self.journal);
        let executed = self
            .journal
            .execute(commands, &mut browser::BrowserMinter)?;
        let state = match self.store.save(&mut self.journal, &executed.applied) {
            Ok(_) => SaveState::Saved,
            Err(err) => SaveState::Unsaved(err.to_string()),
        };
        Ok((state, executed))
    }

    /// Writes again whatever a failed save left unsaved.
    pub fn retry(&mut self) -> SaveState {
        match self.store.retry(&mut self.journal) {
            Ok(_) => SaveState::Saved,
            Err(err) => SaveState::Unsaved(err.to_string()),
        }
    }

    /// Pulls in what another tab saved; true when the journal changed.
    pub fn sync(&mut self) -> bool {
        matches!(self.store.sync(&mut self.journal), Ok(report) if report.merged_foreign)
    }

    /// Replaces the whole journal (import, demo data). All or nothing: when it
    /// cannot be stored, the current journal stays, in memory and in storage.
    pub fn replace(&mut self, journal: Journal) -> Result<(), String> {
        self.store
            .replace_all(&journal)
            .map_err(|err| err.to_string())?;
        self.journal = journal;
        Ok(())
    }

    /// How much of the browser's storage is used.
    pub fn usage(&self) -> Option<Usage> {
        storage::usage(self.store.backend()).ok()
    }
}
