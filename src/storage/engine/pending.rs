//! Keeping track of what changed in memory and still has to be written.

use std::collections::BTreeSet;

use crate::model::{Applied, InteractionId, Journal, PersonId};

use super::Store;

/// Records changed in memory but not yet written.
#[derive(Debug, Clone, Default)]
pub(super) struct Pending {
    pub(super) people: BTreeSet<PersonId>,
    pub(super) interactions: BTreeSet<InteractionId>,
    /// The purposes, settings or milestones changed.
    pub(super) config: bool,
}

impl Pending {
    /// Adds what one applied command changed.
    pub(super) fn absorb(&mut self, applied: &Applied) {
        self.people.extend(applied.people_upserted.iter().cloned());
        self.people.extend(applied.people_removed.iter().cloned());
        self.interactions
            .extend(applied.interactions_upserted.iter().map(|u| u.id.clone()));
        self.interactions
            .extend(applied.interactions_removed.iter().map(|r| r.id.clone()));
        self.config |=
            applied.purposes_changed || applied.settings_changed || applied.milestones_changed;
    }

    /// Nothing is waiting to be written.
    pub(super) fn is_empty(&self) -> bool {
        self.people.is_empty() && self.interactions.is_empty() && !self.config
    }

    /// Adds everything `other` has waiting.
    pub(super) fn extend(&mut self, other: Pending) {
        self.people.extend(other.people);
        self.interactions.extend(other.interactions);
        self.config |= other.config;
    }
}

impl<B> Store<B> {
    /// Notes every record that differs between `before` (the journal in memory)
    /// and `after`, which replaces it, to be written by the next [`Store::retry`]. A
    /// replacement saved this way merges with another tab's changes like any save.
    pub fn stage_replacement(&mut self, before: &Journal, after: &Journal) {
        let pending = &mut self.pending;
        for person in after.people() {
            if before.person(&person.id) != Some(person) {
                pending.people.insert(person.id.clone());
            }
        }
        for person in before.people() {
            if after.person(&person.id).is_none() {
                pending.people.insert(person.id.clone());
            }
        }
        for interaction in after.interactions() {
            if before.interaction(&interaction.id) != Some(interaction) {
                pending.interactions.insert(interaction.id.clone());
            }
        }
        for interaction in before.interactions() {
            if after.interaction(&interaction.id).is_none() {
                pending.interactions.insert(interaction.id.clone());
            }
        }
        pending.config |= before.purposes() != after.purposes()
            || before.settings() != after.settings()
            || !before.milestones_by_date().eq(after.milestones_by_date());
    }
}
