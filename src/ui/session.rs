//! The running journal: the model in memory and the store behind it.
//!
//! Every change goes through [`Session::apply`]: it pulls in anything another tab
//! saved, applies the action to the model, then saves just what changed. A failed
//! save keeps the change in memory and says why, so the UI can warn and offer a
//! backup.

use crate::model::{Action, Journal, ModelError};
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

    /// Applies one action and saves it. A rejected action changes nothing.
    pub fn apply(&mut self, action: Action) -> Result<SaveState, ModelError> {
        self.apply_all(vec![action])
    }

    /// Applies several actions as one step (all or none), then saves them.
    pub fn apply_all(&mut self, actions: Vec<Action>) -> Result<SaveState, ModelError> {
        let _ = self.store.sync(&mut self.journal);
        let mut applied_all = Vec::with_capacity(actions.len());
        if let [action] = actions.as_slice() {
            applied_all.push(self.journal.apply(action.clone())?);
        } else {
            // Several actions go to a copy first, so a failure part-way changes nothing.
            let mut draft = self.journal.clone();
            for action in actions {
                applied_all.push(draft.apply(action)?);
            }
            self.journal = draft;
        }
        let mut state = SaveState::Saved;
        for applied in &applied_all {
            if let Err(err) = self.store.save(&mut self.journal, applied) {
                state = SaveState::Unsaved(err.to_string());
            }
        }
        Ok(state)
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
