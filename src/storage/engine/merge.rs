//! Merging what another tab saved into this tab's journal.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{
    Interaction, InteractionId, Journal, JournalParts, Person, PersonId, FORMAT_VERSION,
};

use super::commit::judge;
use super::error::{corrupt_head, unavailable, LoadError};
use super::load::{parse_head, Loaded};
use super::pending::Pending;
use super::Store;
use crate::storage::backend::Backend;
use crate::storage::layout::{SegmentName, HEAD_KEY};

/// What happens to records changed here and not yet saved when another tab's
/// version of them is merged in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LocalChanges {
    /// They keep their local form and are written by the next save.
    Keep,
    /// The other tab's version replaces them.
    Drop,
}

/// What a save or a sync did besides writing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Changes saved by another tab were merged into the journal.
    pub merged_foreign: bool,
    /// Local unsaved changes conflicted with another tab's and were dropped.
    pub dropped_local: bool,
    /// Another tab wrote over a save of this tab without seeing it. The change is
    /// merged back into the journal and waits to be saved again ([`Store::retry`]).
    pub reapplied: bool,
}

impl<B: Backend> Store<B> {
    /// Merges what another tab saved since this store last read or wrote. Local
    /// unsaved changes win over the other tab's version of the same record.
    pub fn sync(&mut self, journal: &mut Journal) -> Result<SyncReport, LoadError> {
        let Some(text) = self.backend.get(HEAD_KEY).map_err(unavailable)? else {
            return Ok(SyncReport::default());
        };
        if !self.head_text.is_empty() && text == self.head_text {
            // Still this tab's head (or the one it last read): its saves stand.
            if !self.unconfirmed.is_empty() {
                let (_, removable) = judge(&mut self.unconfirmed, &self.head);
                self.remove_keys(&removable);
            }
            return Ok(SyncReport::default());
        }
        let theirs = parse_head(&text)?;
        if theirs == self.head {
            self.head_text = text;
            return Ok(SyncReport::default());
        }
        let (lost, removable) = judge(&mut self.unconfirmed, &theirs);
        let reapplied = !lost.is_empty();
        // What was written over is this tab's change again: it keeps its local
        // form in the merge below and is written by the next save.
        self.pending.extend(lost);
        let mine = self.head.segments().map_err(corrupt_head)?;
        let fresh = theirs.segments().map_err(corrupt_head)?;
        let changed: BTreeSet<SegmentName> = mine
            .iter()
            .filter(|(name, version)| fresh.get(name) != Some(version))
            .map(|(name, _)| *name)
            .chain(
                fresh
                    .iter()
                    .filter(|(name, version)| mine.get(name) != Some(version))
                    .map(|(name, _)| *name),
            )
            .collect();

        let mut loaded = Loaded::default();
        for name in &changed {
            if let Some(version) = fresh.get(name) {
                self.read_segment(*name, version, &mut loaded)?;
            }
        }

        let mut replaced_people = BTreeSet::new();
        let mut replaced_interactions = BTreeSet::new();
        for name in &changed {
            match name {
                SegmentName::People(n) => {
                    replaced_people.extend(self.people.members.get(n).cloned().unwrap_or_default())
                }
                SegmentName::Interactions(n) => replaced_interactions.extend(
                    self.interactions
                        .members
                        .get(n)
                        .cloned()
                        .unwrap_or_default(),
                ),
                SegmentName::Config => {}
            }
        }

        let merged = self.merge_parts(
            journal,
            &loaded,
            &replaced_people,
            &replaced_interactions,
            LocalChanges::Keep,
        );
        let mut report = SyncReport {
            merged_foreign: true,
            dropped_local: false,
            reapplied,
        };
        *journal = match Journal::from_parts(merged) {
            Ok(journal) => journal,
            Err(_) if !self.pending.is_empty() => {
                let theirs_only = self.merge_parts(
                    journal,
                    &loaded,
                    &replaced_people,
                    &replaced_interactions,
                    LocalChanges::Drop,
                );
                report.dropped_local = true;
                self.pending = Pending::default();
                Journal::from_parts(theirs_only).map_err(|err| LoadError::Corrupt {
                    key: HEAD_KEY.to_owned(),
                    reason: format!("another tab's changes do not fit together: {err}"),
                })?
            }
            Err(err) => {
                return Err(LoadError::Corrupt {
                    key: HEAD_KEY.to_owned(),
                    reason: format!("another tab's changes do not fit together: {err}"),
                })
            }
        };

        for name in &changed {
            match name {
                SegmentName::People(n) => self
                    .people
                    .set_members(*n, loaded.people_in.remove(n).unwrap_or_default()),
                SegmentName::Interactions(n) => self
                    .interactions
                    .set_members(*n, loaded.interactions_in.remove(n).unwrap_or_default()),
                SegmentName::Config => {}
            }
        }
        self.head = theirs;
        self.head_text = text;
        self.remove_keys(&removable);
        Ok(report)
    }

    /// The journal's records with the given segments' records replaced by `loaded`.
    /// `local_changes` says whether records changed here and not yet saved keep their local form.
    fn merge_parts(
        &self,
        journal: &Journal,
        loaded: &Loaded,
        replaced_people: &BTreeSet<PersonId>,
        replaced_interactions: &BTreeSet<InteractionId>,
        local_changes: LocalChanges,
    ) -> JournalParts {
        let local = |pending: bool| local_changes == LocalChanges::Keep && pending;
        let mut people: BTreeMap<PersonId, Person> = journal
            .people()
            .filter(|p| {
                !replaced_people.contains(&p.id) || local(self.pending.people.contains(&p.id))
            })
            .map(|p| (p.id.clone(), p.clone()))
            .collect();
        for person in &loaded.people {
            if !local(self.pending.people.contains(&person.id)) {
                people.insert(person.id.clone(), person.clone());
            }
        }
        let mut interactions: BTreeMap<InteractionId, Interaction> = journal
            .interactions()
            .filter(|i| {
                !replaced_interactions.contains(&i.id)
                    || local(self.pending.interactions.contains(&i.id))
            })
            .map(|i| (i.id.clone(), i.clone()))
            .collect();
        for interaction in &loaded.interactions {
            if !local(self.pending.interactions.contains(&interaction.id)) {
                interactions.insert(interaction.id.clone(), interaction.clone());
            }
        }
        let (purposes, settings, milestones) = match (&loaded.config, local(self.pending.config)) {
            (Some(config), false) => (
                config.purposes.clone(),
                config.settings.clone(),
                config.milestones.clone(),
            ),
            _ => (
                journal.purposes().to_vec(),
                journal.settings().clone(),
                journal.milestones_by_date().cloned().collect(),
            ),
        };
        JournalParts {
            version: FORMAT_VERSION,
            people: people.into_values().collect(),
            interactions: interactions.into_values().collect(),
            purposes,
            settings,
            milestones,
        }
    }
}
