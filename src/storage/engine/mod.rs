//! The storage engine: loads a journal from segments, saves only what changed, and
//! pulls in what another tab saved.
//!
//! The engine is generic over [`Backend`], so the same code runs against the real
//! localStorage in the browser and against [`MemoryBackend`](super::backend::MemoryBackend)
//! in host tests. This file holds the [`Store`] and its entry points; each job it
//! does lives in its own file:
//!
//! * [`segments`]: which segment holds each record.
//! * [`pending`]: what changed in memory and still has to be written.
//! * [`merge`]: pulling in what another tab saved.
//! * [`commit`]: writing new segments and a head, all or nothing.
//! * [`load`]: reading (and upgrading) a stored journal.
//! * [`sweep`]: removing segments no head names any more.
//! * [`usage`]: how much of the quota is in use.
//! * [`dump`]: the raw dump for recovery, and erasing everything.
//! * [`error`]: why loading or saving failed.

mod commit;
mod dump;
mod error;
mod load;
mod merge;
mod pending;
mod segments;
mod sweep;
mod usage;

use serde::{Deserialize, Serialize};

use super::backend::{Backend, BackendError};
use super::layout::{Head, INTERACTIONS_PER_SEGMENT, PEOPLE_PER_SEGMENT};
use crate::model::{
    Applied, InteractionId, Journal, Milestone, PersonId, Purpose, Settings, FORMAT_VERSION,
};

pub use commit::to_json;
pub use dump::{erase_all, raw_dump};
pub use error::{LoadError, SaveError};
pub use merge::SyncReport;
pub use usage::{usage, Usage};

use commit::Commit;
use pending::Pending;
use segments::Chunks;

/// The version of the app, written into the head for the user's information.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The configuration segment's contents: purposes, settings and milestones
/// (a handful in a lifetime, so they share this small segment). A segment
/// written before milestones existed has no `milestones` and loads as none.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Config {
    purposes: Vec<Purpose>,
    #[serde(default)]
    settings: Settings,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    milestones: Vec<Milestone>,
}

/// The storage engine over one backend.
#[derive(Debug)]
pub struct Store<B> {
    backend: B,
    head: Head,
    token: String,
    people: Chunks<PersonId>,
    interactions: Chunks<InteractionId>,
    pending: Pending,
    read_only: bool,
    /// The stored text of `head` as last read or written, so that a sync
    /// which finds the same text skips parsing it (it names every segment).
    head_text: String,
    /// This tab's saves not yet known to stand (see [`commit::judge`]).
    unconfirmed: Vec<Commit>,
}

impl<B: Backend> Store<B> {
    /// Loads the journal. `token` tells this tab's writes apart from other tabs'
    /// (a few random characters, `[a-z0-9]`).
    pub fn load(backend: B, token: &str) -> Result<(Self, Journal), LoadError> {
        let mut store = Self {
            backend,
            head: Head::empty(FORMAT_VERSION),
            token: token.to_owned(),
            people: Chunks::new(PEOPLE_PER_SEGMENT),
            interactions: Chunks::new(INTERACTIONS_PER_SEGMENT),
            pending: Pending::default(),
            read_only: false,
            head_text: String::new(),
            unconfirmed: Vec::new(),
        };
        let journal = match store.read_head()? {
            None => Journal::new(),
            Some(head) => store.load_from(head)?,
        };
        store.collect_garbage();
        Ok((store, journal))
    }

    /// The backend, for reading usage or dumping raw data.
    pub fn backend(&self) -> &B {
        &self.backend
    }

    /// Gives the backend back.
    pub fn into_backend(self) -> B {
        self.backend
    }

    /// The generation of the last head this store wrote or read.
    pub fn generation(&self) -> u64 {
        self.head.gen
    }

    /// True when changes are waiting to be written (after a failed save).
    pub fn has_unsaved_changes(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Writes what `applied` changed, and anything left unsaved before. Another tab's
    /// newer save is merged into `journal` first, so neither tab's edits are lost.
    /// On error nothing in storage has changed and the change is kept for next time.
    pub fn save(
        &mut self,
        journal: &mut Journal,
        applied: &Applied,
    ) -> Result<SyncReport, SaveError> {
        if self.read_only {
            return Err(SaveError::ReadOnly);
        }
        self.pending.absorb(applied);
        let report = match self.sync(journal) {
            Ok(report) => report,
            Err(LoadError::NewerVersion { .. }) | Err(LoadError::Corrupt { .. }) => {
                self.read_only = true;
                return Err(SaveError::ReadOnly);
            }
            Err(LoadError::Unavailable(why)) => {
                return Err(SaveError::Backend(BackendError::Unavailable(why)))
            }
        };
        self.write_pending(journal)?;
        Ok(report)
    }

    /// Retries writing changes left unsaved by an earlier failure.
    pub fn retry(&mut self, journal: &mut Journal) -> Result<SyncReport, SaveError> {
        self.save(journal, &Applied::default())
    }

    /// Notes what `applied` changed, to be written by the next [`Store::retry`]. The
    /// browser stages a change at once and writes it once it holds the save lock.
    pub fn stage(&mut self, applied: &Applied) {
        self.pending.absorb(applied);
    }
}
