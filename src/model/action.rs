//! Everything that can change a journal, and the report of what changed.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};

use super::dates::YearMonth;
use super::ids::{ExchangeId, InteractionId, MilestoneId, PersonId, PurposeId};
use super::interaction::{Interaction, Portion};
use super::milestone::Milestone;
use super::person::Person;
use super::purpose::Purpose;
use super::settings::Settings;

/// A change to the journal, applied by [`Journal::apply`](super::journal::Journal::apply).
///
/// Actions that touch records indirectly (delete, merge, settle, remove a
/// purpose) carry `now`, which becomes the `updated` time of every record they
/// rewrite (never moving it backwards). The model never reads the clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Adds a new person; the id must be unused.
    AddPerson(Person),
    /// Replaces a person's record. Their stored `created` time is kept.
    EditPerson(Person),
    /// Deletes (or archives) a person; see [`DeleteMode`].
    DeletePerson {
        id: PersonId,
        mode: DeleteMode,
        now: DateTime<Utc>,
    },
    /// Logs a new interaction; the id must be unused.
    AddInteraction(Interaction),
    /// Replaces an interaction. Its stored `created` time is kept.
    EditInteraction(Interaction),
    /// Deletes an interaction.
    DeleteInteraction { id: InteractionId },
    /// Merges `absorb` into `keep`, keeping every interaction of both.
    ///
    /// Every reference to `absorb` (interaction people, exchange people,
    /// "introduced by") is rewritten to `keep`; tags, emails, phones and links
    /// are united; empty fields of `keep` are filled from `absorb`; notes and
    /// boundaries are joined; the older `created` time is kept; the merged
    /// person is archived only if both were. `absorb` is then removed.
    MergePeople {
        keep: PersonId,
        absorb: PersonId,
        now: DateTime<Utc>,
    },
    /// Records a settlement of an open item or loan. `portion: None` settles
    /// everything still outstanding.
    Settle {
        interaction: InteractionId,
        exchange: ExchangeId,
        date: NaiveDate,
        portion: Option<Portion>,
        note: String,
        now: DateTime<Utc>,
    },
    /// Appends a purpose to the list.
    AddPurpose(Purpose),
    /// Renames a purpose; interactions keep pointing at it by id.
    RenamePurpose { id: PurposeId, label: String },
    /// Removes a purpose; see [`PurposeRemoval`] for interactions that use it.
    RemovePurpose {
        id: PurposeId,
        removal: PurposeRemoval,
        now: DateTime<Utc>,
    },
    /// Replaces the settings.
    UpdateSettings(Settings),
    /// Adds a milestone; the id must be unused.
    AddMilestone(Milestone),
    /// Replaces a milestone. Its stored `created` time is kept.
    EditMilestone(Milestone),
    /// Deletes a milestone.
    DeleteMilestone { id: MilestoneId },
}

/// What deleting a person does to their history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeleteMode {
    /// Keep the person and their history, marked archived (no nudges).
    Archive,
    /// Remove the person for good: they are taken out of every interaction
    /// together with their exchanges; an interaction left with nobody is
    /// deleted; "introduced by" pointing at them is cleared.
    RemoveFromInteractions,
}

/// What to do with interactions that use a purpose being removed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PurposeRemoval {
    /// Fail with `PurposeInUse` if any interaction uses it.
    OnlyIfUnused,
    /// Point those interactions at another existing purpose.
    ReassignTo(PurposeId),
    /// Leave those interactions without a purpose.
    ClearFromInteractions,
}

/// Exactly what an applied action changed, so storage can rewrite only the
/// affected segments. Lists are sorted by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// People added or changed (write these records).
    pub people_upserted: BTreeSet<PersonId>,
    /// People deleted.
    pub people_removed: BTreeSet<PersonId>,
    /// Interactions added or changed, with their old and new dates.
    pub interactions_upserted: Vec<InteractionUpsert>,
    /// Interactions deleted, with the date they had.
    pub interactions_removed: Vec<InteractionRemoval>,
    /// The purpose list changed.
    pub purposes_changed: bool,
    /// The settings changed.
    pub settings_changed: bool,
    /// A milestone was added, changed or deleted.
    pub milestones_changed: bool,
}

/// An interaction that was added or changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InteractionUpsert {
    pub id: InteractionId,
    /// Its date before the action; `None` when it was added.
    pub old_date: Option<NaiveDate>,
    /// Its date now.
    pub date: NaiveDate,
}

/// An interaction that was deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InteractionRemoval {
    pub id: InteractionId,
    /// The date it had (which segment to rewrite).
    pub date: NaiveDate,
}

impl Applied {
    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        self.people_upserted.is_empty()
            && self.people_removed.is_empty()
            && self.interactions_upserted.is_empty()
            && self.interactions_removed.is_empty()
            && !self.purposes_changed
            && !self.settings_changed
            && !self.milestones_changed
    }

    /// Adds what a later change in the same step touched.
    pub fn absorb(&mut self, later: Applied) {
        for id in later.people_upserted {
            self.people_removed.remove(&id);
            self.people_upserted.insert(id);
        }
        for id in later.people_removed {
            self.people_upserted.remove(&id);
            self.people_removed.insert(id);
        }
        for upsert in later.interactions_upserted {
            let removed = self
                .interactions_removed
                .iter()
                .position(|r| r.id == upsert.id);
            let earlier_date = removed.map(|i| self.interactions_removed.remove(i).date);
            match self
                .interactions_upserted
                .iter_mut()
                .find(|u| u.id == upsert.id)
            {
                Some(known) => known.date = upsert.date,
                None => self.interactions_upserted.push(InteractionUpsert {
                    old_date: earlier_date.or(upsert.old_date),
                    ..upsert
                }),
            }
        }
        for removal in later.interactions_removed {
            let upserted = self
                .interactions_upserted
                .iter()
                .position(|u| u.id == removal.id);
            let first_date = upserted.and_then(|i| self.interactions_upserted.remove(i).old_date);
            match (upserted, first_date) {
                // Added within the step, then deleted: storage never had it.
                (Some(_), None) => {}
                (Some(_), Some(date)) => self.interactions_removed.push(InteractionRemoval {
                    id: removal.id,
                    date,
                }),
                (None, _) => self.interactions_removed.push(removal),
            }
        }
        self.interactions_upserted.sort_by(|a, b| a.id.cmp(&b.id));
        self.interactions_removed.sort_by(|a, b| a.id.cmp(&b.id));
        self.purposes_changed |= later.purposes_changed;
        self.settings_changed |= later.settings_changed;
        self.milestones_changed |= later.milestones_changed;
    }

    /// Months whose interaction segment must be rewritten (old and new dates of
    /// every changed interaction, and the dates of deleted ones).
    pub fn months_touched(&self) -> BTreeSet<YearMonth> {
        let mut months = BTreeSet::new();
        for upsert in &self.interactions_upserted {
            months.insert(YearMonth::of(upsert.date));
            if let Some(old) = upsert.old_date {
                months.insert(YearMonth::of(old));
            }
        }
        for removal in &self.interactions_removed {
            months.insert(YearMonth::of(removal.date));
        }
        months
    }
}
