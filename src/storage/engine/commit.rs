//! Committing: writing pending changes as new segments and a new head, all or nothing,
//! and later telling which of this tab's saves stand.

use serde::Serialize;

use super::error::SaveError;
use super::pending::Pending;
use super::segments::Chunks;
use super::{Config, Store, APP_VERSION};
use crate::model::{Interaction, Journal, Person, FORMAT_VERSION};
use crate::storage::backend::Backend;
use crate::storage::codec;
use crate::storage::layout::{make_version, SegmentName, HEAD_KEY, LINEAGE_LENGTH};
use crate::storage::layout::{Head, INTERACTIONS_PER_SEGMENT, PEOPLE_PER_SEGMENT};

/// A save of this tab that no other tab's head has yet been seen to build on.
#[derive(Debug, Clone)]
pub(super) struct Commit {
    /// The head id it wrote.
    id: String,
    /// The generation of that head.
    gen: u64,
    /// What it wrote, to write again if another tab's head replaced it unseen.
    wrote: Pending,
    /// Segments its head replaced: removed only once the save is known to stand,
    /// since a head that wrote over it may still name them.
    superseded: Vec<String>,
}

/// Sorts this tab's unconfirmed saves by what `head` shows: a save in its lineage
/// stands; a save at a generation where the lineage names another head, or past
/// the head's generation, was written over. Returns what must be written again and
/// the segments that may now be removed.
pub(super) fn judge(unconfirmed: &mut Vec<Commit>, head: &Head) -> (Pending, Vec<String>) {
    let mut lost = Pending::default();
    let mut removable = Vec::new();
    for commit in unconfirmed.drain(..) {
        let at_gen = if commit.gen == head.gen {
            Some(head.id.as_str())
        } else if commit.gen < head.gen {
            let back = head.gen - 1 - commit.gen;
            usize::try_from(back)
                .ok()
                .and_then(|i| head.prev.get(i))
                .map(String::as_str)
        } else {
            Some("")
        };
        match at_gen {
            Some(id) if id != commit.id => lost.extend(commit.wrote),
            // In the lineage, or too far back to tell: it stands.
            _ => removable.extend(commit.superseded),
        }
    }
    (lost, removable)
}

impl<B: Backend> Store<B> {
    /// Writes every pending change as new segments, then the head that names them:
    /// the head is the commit point, so on error storage is as before.
    pub(super) fn write_pending(&mut self, journal: &Journal) -> Result<(), SaveError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let people_plan = self
            .people
            .plan(&self.pending.people, |id| journal.person(id).is_some());
        let interaction_plan = self.interactions.plan(&self.pending.interactions, |id| {
            journal.interaction(id).is_some()
        });

        let gen = self.head.gen + 1;
        let version = make_version(gen, &self.token, self.backend.now_ms());
        let mut head = self.head.clone();
        head.gen = gen;
        head.schema = FORMAT_VERSION;
        head.app = APP_VERSION.to_owned();
        head.id = version.clone();
        if self.head.gen > 0 {
            head.prev.insert(0, self.head.id.clone());
            head.prev.truncate(LINEAGE_LENGTH);
        }

        let mut writes: Vec<(SegmentName, Option<Vec<u8>>)> = Vec::new();
        if self.pending.config || self.head.gen == 0 {
            let config = Config {
                purposes: journal.purposes().to_vec(),
                settings: journal.settings().clone(),
                milestones: journal.milestones_by_date().cloned().collect(),
            };
            writes.push((SegmentName::Config, Some(to_json(&config)?)));
        }
        for (chunk, ids) in &people_plan {
            let records: Vec<&Person> = ids.iter().filter_map(|id| journal.person(id)).collect();
            writes.push((
                SegmentName::People(*chunk),
                (!records.is_empty())
                    .then(|| to_json(&records))
                    .transpose()?,
            ));
        }
        for (chunk, ids) in &interaction_plan {
            let records: Vec<&Interaction> = ids
                .iter()
                .filter_map(|id| journal.interaction(id))
                .collect();
            writes.push((
                SegmentName::Interactions(*chunk),
                (!records.is_empty())
                    .then(|| to_json(&records))
                    .transpose()?,
            ));
        }

        let mut written = Vec::new();
        let mut superseded = Vec::new();
        for (name, bytes) in writes {
            if let Some(old) = head.seg.get(&name.to_string()) {
                superseded.push(name.key(old));
            }
            match bytes {
                Some(bytes) => {
                    let key = name.key(&version);
                    if let Err(err) = self.backend.set(&key, &codec::encode(&bytes)) {
                        self.remove_keys(&written);
                        return Err(err.into());
                    }
                    written.push(key);
                    head.seg.insert(name.to_string(), version.clone());
                }
                None => {
                    head.seg.remove(&name.to_string());
                }
            }
        }

        let head_json =
            serde_json::to_string(&head).map_err(|err| SaveError::Encode(err.to_string()))?;
        if let Err(err) = self.backend.set(HEAD_KEY, &head_json) {
            self.remove_keys(&written);
            return Err(err.into());
        }
        self.head_text = head_json;

        // The new head is the commit point. The segments it replaced are removed once
        // a later look at the head shows that this save stands (see `judge`).
        self.unconfirmed.push(Commit {
            id: version,
            gen,
            wrote: std::mem::take(&mut self.pending),
            superseded,
        });
        if self.unconfirmed.len() > LINEAGE_LENGTH {
            self.unconfirmed.remove(0);
        }
        for (chunk, ids) in people_plan {
            self.people.set_members(
                chunk,
                ids.into_iter()
                    .filter(|id| journal.person(id).is_some())
                    .collect(),
            );
        }
        for (chunk, ids) in interaction_plan {
            self.interactions.set_members(
                chunk,
                ids.into_iter()
                    .filter(|id| journal.interaction(id).is_some())
                    .collect(),
            );
        }
        self.head = head;
        Ok(())
    }

    /// Writes the whole journal afresh, replacing everything stored: after a
    /// migration, an import that replaces the journal, or loading demo data.
    /// All-or-nothing like any save.
    pub fn replace_all(&mut self, journal: &Journal) -> Result<(), SaveError> {
        if self.read_only {
            return Err(SaveError::ReadOnly);
        }
        self.rewrite_everything(journal)
    }

    pub(super) fn rewrite_everything(&mut self, journal: &Journal) -> Result<(), SaveError> {
        let before = (
            self.people.clone(),
            self.interactions.clone(),
            self.pending.clone(),
            self.head.clone(),
        );
        let old: Vec<String> = self
            .head
            .seg
            .iter()
            .filter_map(|(name, version)| SegmentName::parse(name).map(|n| n.key(version)))
            .collect();
        self.people = Chunks::new(PEOPLE_PER_SEGMENT);
        self.interactions = Chunks::new(INTERACTIONS_PER_SEGMENT);
        self.pending = Pending {
            people: journal.people().map(|p| p.id.clone()).collect(),
            interactions: journal.interactions().map(|i| i.id.clone()).collect(),
            config: true,
        };
        self.head.seg.clear();
        if let Err(err) = self.write_pending(journal) {
            (self.people, self.interactions, self.pending, self.head) = before;
            return Err(err);
        }
        for key in old {
            let _ = self.backend.remove(&key);
        }
        Ok(())
    }
}

/// A segment's records as JSON bytes. A value that cannot be written as JSON is an
/// error, never an empty segment: writing one would lose its records on the next load.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, SaveError> {
    serde_json::to_vec(value).map_err(|err| SaveError::Encode(err.to_string()))
}
