//! The journal: all records, the one reducer that changes them, and the
//! derived caches kept in step with it.
//!
//! `apply` works in two phases: `plan` validates the action against the
//! current state and builds the new versions of every record it touches
//! (without mutating anything), then `commit` writes them, updates the
//! indexes and re-derives the stats of the people involved. An error in
//! `plan` therefore leaves the journal exactly as it was.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound;

use rustc_hash::FxHashMap;

use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::action::{
    Action, Applied, DeleteMode, InteractionRemoval, InteractionUpsert, PurposeRemoval,
};
use super::dates::{check_date, YearMonth};
use super::error::ModelError;
use super::ids::{ExchangeId, InteractionId, MilestoneId, PersonId, PurposeId};
use super::interaction::{Interaction, Obligation, Outstanding, Portion, Settlement};
use super::milestone::Milestone;
use super::person::same_text;
use super::person::Person;
use super::purpose::{default_purposes, Purpose};
use super::settings::Settings;
use super::stats::{compute_all, contact_due, Balance, ContactDue, PersonStats};
use super::validate::{
    bump, check_interaction, check_person, check_portion, normalize_interaction, normalize_person,
    normalize_purpose, union_into, validate_interaction, validate_person, validate_purpose,
};

/// Version written to the `"v"` field of the JSON.
pub const FORMAT_VERSION: u32 = 1;

/// The whole journal.
///
/// Records live in maps keyed by id. Three derived caches are never
/// serialised and are rebuilt on load: interactions by person, interactions
/// by date, and per-person [`PersonStats`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Journal {
    people: BTreeMap<PersonId, Person>,
    interactions: BTreeMap<InteractionId, Interaction>,
    purposes: Vec<Purpose>,
    settings: Settings,
    milestones: BTreeMap<MilestoneId, Milestone>,
    // Derived caches (not serialised).
    by_person: BTreeMap<PersonId, BTreeSet<InteractionId>>,
    by_date: BTreeSet<(NaiveDate, InteractionId)>,
    stats: BTreeMap<PersonId, PersonStats>,
}

/// The list a record is in, in the order a backup writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordList {
    People,
    Interactions,
    Purposes,
    Milestones,
    Settings,
}

/// A rule broken by a record, found by [`Journal::build`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The list the record is in.
    pub list: RecordList,
    /// Its position in that list (0 for the settings).
    pub index: usize,
    /// Where in the record, such as `who[1]` or `ex[0].who`; empty for all of it.
    pub spot: String,
    /// For a duplicate: the position of the first record (or exchange) with that id or label.
    pub earlier: Option<usize>,
    /// The rule.
    pub error: ModelError,
}

/// Ids of records that were in the same file but could not be read, so
/// that references to them are not reported as well.
#[derive(Debug, Clone, Default)]
pub struct Unread {
    pub people: BTreeSet<PersonId>,
    pub purposes: BTreeSet<PurposeId>,
}

/// Records that passed every rule of a whole journal ([`Journal::check`]),
/// normalised, in their lists' order; [`Journal::from_checked`] indexes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedParts(JournalParts);

impl CheckedParts {
    /// The records.
    pub fn parts(&self) -> &JournalParts {
        &self.0
    }

    /// The records, to be combined with others (and checked again).
    pub fn into_parts(self) -> JournalParts {
        self.0
    }
}

/// The stored form of a journal: plain lists, as in the JSON.
///
/// The storage layer can load segments separately, concatenate them into
/// `JournalParts` and call [`Journal::from_parts`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalParts {
    /// Format version, currently [`FORMAT_VERSION`].
    #[serde(rename = "v")]
    pub version: u32,
    /// Everyone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
    /// Every interaction.
    #[serde(rename = "log", default, skip_serializing_if = "Vec::is_empty")]
    pub interactions: Vec<Interaction>,
    /// The purpose list in display order (always written; an empty list is
    /// meaningful). Missing in the input means the default purposes.
    #[serde(default = "default_purposes")]
    pub purposes: Vec<Purpose>,
    /// Settings; left out when default.
    #[serde(default, skip_serializing_if = "Settings::is_default")]
    pub settings: Settings,
    /// Milestones, by date then id; left out when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub milestones: Vec<Milestone>,
}

impl Default for JournalParts {
    fn default() -> Self {
        Self {
            version: FORMAT_VERSION,
            people: Vec::new(),
            interactions: Vec::new(),
            purposes: default_purposes(),
            settings: Settings::default(),
            milestones: Vec::new(),
        }
    }
}

/// An item with something still outstanding, for a "settle" list in the UI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenItem {
    pub interaction: InteractionId,
    pub exchange: ExchangeId,
    /// Date of the interaction the item comes from.
    pub date: NaiveDate,
    pub obligation: Obligation,
}

/// Records to write and delete, built by `plan` and written by `commit`.
#[derive(Default)]
pub(super) struct Changes {
    pub(super) upsert_people: Vec<Person>,
    pub(super) remove_people: Vec<PersonId>,
    pub(super) upsert_interactions: Vec<Interaction>,
    pub(super) remove_interactions: Vec<InteractionId>,
    pub(super) purposes: Option<Vec<Purpose>>,
    pub(super) settings: Option<Settings>,
    pub(super) upsert_milestones: Vec<Milestone>,
    pub(super) remove_milestones: Vec<MilestoneId>,
}

impl Default for Journal {
    fn default() -> Self {
        Self::new()
    }
}

impl Journal {
    /// An empty journal with the default purposes and settings.
    pub fn new() -> Self {
        Self {
            people: BTreeMap::new(),
            interactions: BTreeMap::new(),
            purposes: default_purposes(),
            settings: Settings::default(),
            milestones: BTreeMap::new(),
            by_person: BTreeMap::new(),
            by_date: BTreeSet::new(),
            stats: BTreeMap::new(),
        }
    }

    /// Builds a journal from stored parts: normalises and validates every
    /// record (unique ids, no dangling references) and builds the caches.
    /// The error is the first problem found; [`Journal::build`] finds them all.
    pub fn from_parts(parts: JournalParts) -> Result<Self, ModelError> {
        let mut first = None;
        let journal = Self::build(parts, &Unread::default(), &mut |found| {
            first.get_or_insert(found.error);
        });
        match (journal, first) {
            (Some(journal), None) => Ok(journal),
            (_, Some(error)) => Err(error),
            (None, None) => Err(ModelError::CannotRestore("nothing was built".to_owned())),
        }
    }

    /// Builds a journal from parts, reporting every broken rule (see
    /// [`Journal::check`]); returns the journal only when nothing was reported.
    pub fn build(
        parts: JournalParts,
        unread: &Unread,
        report: &mut dyn FnMut(Found),
    ) -> Option<Self> {
        Self::check(parts, unread, report).map(Self::from_checked)
    }

    /// Normalises the parts and checks them against every rule of a whole
    /// journal, reporting each broken rule with the record and field it is
    /// in, in the order of the lists. Records in `unread` were in the same
    /// file but could not be read; references to them are not reported again.
    /// Returns the records only when nothing was reported.
    ///
    /// This is the one place the rules of a whole journal are checked: by
    /// loading, by imports, and (record by record, through the same
    /// validation) by [`Journal::apply`].
    pub fn check(
        mut parts: JournalParts,
        unread: &Unread,
        report: &mut dyn FnMut(Found),
    ) -> Option<CheckedParts> {
        let mut clean = true;
        let mut found = |list, index, spot: String, earlier, error| {
            clean = false;
            report(Found {
                list,
                index,
                spot,
                earlier,
                error,
            });
        };
        if parts.version != FORMAT_VERSION {
            found(
                RecordList::Settings,
                0,
                String::new(),
                None,
                ModelError::UnsupportedVersion(parts.version),
            );
        }
        parts.settings.normalize();
        let settings = &parts.settings;
        if let Err(error) = settings.validate() {
            let spot = match &error {
                ModelError::InvalidNudgeSetting(name) => format!("nudges.{name}"),
                _ => match settings
                    .circles
                    .iter()
                    .position(|tag| tag.trim().is_empty())
                {
                    Some(index) if settings.circles.len() > 1 => format!("circles[{index}]"),
                    _ => "circles".to_owned(),
                },
            };
            found(RecordList::Settings, 0, spot, None, error);
        }

        let purposes = &mut parts.purposes;
        for index in 0..purposes.len() {
            normalize_purpose(&mut purposes[index]);
            let earlier: Vec<&Purpose> = purposes[..index].iter().collect();
            if let Err(error) = validate_purpose(&purposes[index], &earlier) {
                let this = &purposes[index];
                let (spot, first) = match &error {
                    ModelError::DuplicatePurpose(_) => {
                        ("id", earlier.iter().position(|p| p.id == this.id))
                    }
                    ModelError::DuplicatePurposeLabel(_) => (
                        "label",
                        earlier
                            .iter()
                            .position(|p| same_text(&p.label, &this.label)),
                    ),
                    _ => ("label", None),
                };
                found(RecordList::Purposes, index, spot.to_owned(), first, error);
            }
        }

        parts.people.iter_mut().for_each(normalize_person);
        parts
            .interactions
            .iter_mut()
            .for_each(normalize_interaction);
        parts.milestones.iter_mut().for_each(normalize_milestone);

        let people = &parts.people;
        let person_at = first_places(people.iter().map(|p| &p.id), |index, first| {
            let error = ModelError::DuplicatePerson(people[index].id.clone());
            found(
                RecordList::People,
                index,
                "id".to_owned(),
                Some(first),
                error,
            )
        });
        let person_exists =
            |id: &PersonId| person_at.contains_key(id) || unread.people.contains(id);
        for (index, person) in parts.people.iter().enumerate() {
            check_person(person, &person_exists, &mut |spot, error| {
                found(RecordList::People, index, spot, None, error)
            });
        }

        let purposes = &parts.purposes;
        let purpose_exists =
            |id: &PurposeId| purposes.iter().any(|p| &p.id == id) || unread.purposes.contains(id);
        let interactions = &parts.interactions;
        first_places(interactions.iter().map(|i| &i.id), |index, first| {
            let error = ModelError::DuplicateInteraction(interactions[index].id.clone());
            found(
                RecordList::Interactions,
                index,
                "id".to_owned(),
                Some(first),
                error,
            )
        });
        for (index, interaction) in interactions.iter().enumerate() {
            check_interaction(
                interaction,
                &person_exists,
                &purpose_exists,
                &mut |spot, error| {
                    let earlier = match &error {
                        ModelError::DuplicateExchange { exchange, .. } => {
                            interaction.exchanges.iter().position(|e| &e.id == exchange)
                        }
                        _ => None,
                    };
                    found(RecordList::Interactions, index, spot, earlier, error)
                },
            );
        }

        let milestones = &parts.milestones;
        for (index, milestone) in milestones.iter().enumerate() {
            if let Err((spot, error)) = validate_milestone(milestone) {
                found(RecordList::Milestones, index, spot.to_owned(), None, error);
            }
        }
        first_places(milestones.iter().map(|m| &m.id), |index, first| {
            let error = ModelError::DuplicateMilestone(milestones[index].id.clone());
            found(
                RecordList::Milestones,
                index,
                "id".to_owned(),
                Some(first),
                error,
            )
        });
        clean.then_some(CheckedParts(parts))
    }

    /// The journal of records that passed [`Journal::check`], with its
    /// indexes and every person's counters, built once.
    pub fn from_checked(checked: CheckedParts) -> Self {
        let parts = checked.0;
        let mut journal = Self {
            people: parts
                .people
                .into_iter()
                .map(|person| (person.id.clone(), person))
                .collect(),
            interactions: parts
                .interactions
                .into_iter()
                .map(|interaction| (interaction.id.clone(), interaction))
                .collect(),
            purposes: parts.purposes,
            settings: parts.settings,
            milestones: parts
                .milestones
                .into_iter()
                .map(|milestone| (milestone.id.clone(), milestone))
                .collect(),
            by_person: BTreeMap::new(),
            by_date: BTreeSet::new(),
            stats: BTreeMap::new(),
        };
        journal.recompute_all();
        journal
    }

    /// A copy of the stored records (people by id, interactions by date then id).
    pub fn to_parts(&self) -> JournalParts {
        JournalParts {
            version: FORMAT_VERSION,
            people: self.people.values().cloned().collect(),
            interactions: self.interactions_by_date().cloned().collect(),
            purposes: self.purposes.clone(),
            settings: self.settings.clone(),
            milestones: self.milestones_by_date().cloned().collect(),
        }
    }

    /// Rebuilds every cache (indexes and stats) from the records.
    pub fn recompute_all(&mut self) {
        self.by_person = self
            .people
            .keys()
            .map(|id| (id.clone(), BTreeSet::new()))
            .collect();
        self.by_date.clear();
        for interaction in self.interactions.values() {
            self.by_date
                .insert((interaction.date, interaction.id.clone()));
            for person in &interaction.people {
                if let Some(ids) = self.by_person.get_mut(person) {
                    ids.insert(interaction.id.clone());
                }
            }
        }
        self.stats = compute_all(self.people.keys(), self.interactions.values());
    }

    // ----- reading -------------------------------------------------------

    /// The person with this id.
    pub fn person(&self, id: &PersonId) -> Option<&Person> {
        self.people.get(id)
    }

    /// Everyone, by id.
    pub fn people(&self) -> impl Iterator<Item = &Person> + '_ {
        self.people.values()
    }

    /// Number of people (archived included).
    pub fn person_count(&self) -> usize {
        self.people.len()
    }

    /// The interaction with this id.
    pub fn interaction(&self, id: &InteractionId) -> Option<&Interaction> {
        self.interactions.get(id)
    }

    /// Every interaction, by id.
    pub fn interactions(&self) -> impl Iterator<Item = &Interaction> + '_ {
        self.interactions.values()
    }

    /// Number of interactions.
    pub fn interaction_count(&self) -> usize {
        self.interactions.len()
    }

    /// Every interaction by date (then id); reverse it for newest first.
    pub fn interactions_by_date(&self) -> impl DoubleEndedIterator<Item = &Interaction> + '_ {
        self.by_date
            .iter()
            .filter_map(|(_, id)| self.interactions.get(id))
    }

    /// Interactions dated within `from..=to` (open ends when `None`), by date.
    pub fn interactions_between(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> impl DoubleEndedIterator<Item = &Interaction> + '_ {
        let lower = match from {
            Some(from) => Bound::Included((from, InteractionId::range_floor())),
            None => Bound::Unbounded,
        };
        let upper = match to.and_then(|to| to.succ_opt()) {
            Some(after) => Bound::Excluded((after, InteractionId::range_floor())),
            None => Bound::Unbounded,
        };
        // An inverted range would make BTreeSet::range panic; yield nothing instead.
        let empty = matches!((from, to), (Some(f), Some(t)) if f > t);
        let range = if empty {
            self.by_date.range((
                Bound::Unbounded,
                Bound::Excluded((NaiveDate::MIN, InteractionId::range_floor())),
            ))
        } else {
            self.by_date.range((lower, upper))
        };
        range.filter_map(|(_, id)| self.interactions.get(id))
    }

    /// Interactions in one month (one storage segment), by date.
    pub fn interactions_in_month(
        &self,
        month: YearMonth,
    ) -> impl DoubleEndedIterator<Item = &Interaction> + '_ {
        self.interactions_between(Some(month.first_day()), Some(month.last_day()))
    }

    /// The interactions `person` appears in, oldest first (by date, time, created, id).
    pub fn interactions_with(&self, person: &PersonId) -> Vec<&Interaction> {
        let mut list: Vec<&Interaction> = self
            .by_person
            .get(person)
            .into_iter()
            .flatten()
            .filter_map(|id| self.interactions.get(id))
            .collect();
        list.sort_by(|a, b| a.chronological_key().cmp(&b.chronological_key()));
        list
    }

    /// The purpose list, in display order.
    pub fn purposes(&self) -> &[Purpose] {
        &self.purposes
    }

    /// The purpose with this id.
    pub fn purpose(&self, id: &PurposeId) -> Option<&Purpose> {
        self.purposes.iter().find(|p| &p.id == id)
    }

    /// The settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The milestone with this id.
    pub fn milestone(&self, id: &MilestoneId) -> Option<&Milestone> {
        self.milestones.get(id)
    }

    /// Every milestone by date (then id); reverse it for newest first.
    pub fn milestones_by_date(&self) -> impl DoubleEndedIterator<Item = &Milestone> + '_ {
        let mut list: Vec<&Milestone> = self.milestones.values().collect();
        list.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
        list.into_iter()
    }

    /// Number of milestones.
    pub fn milestone_count(&self) -> usize {
        self.milestones.len()
    }

    /// Cached counters for a person.
    pub fn stats(&self, person: &PersonId) -> Option<&PersonStats> {
        self.stats.get(person)
    }

    /// The whole stats cache (compare with [`compute_all`] to check it).
    pub fn all_stats(&self) -> &BTreeMap<PersonId, PersonStats> {
        &self.stats
    }

    /// How due a contact with `person` is on `today`.
    pub fn contact_due(&self, person: &PersonId, today: NaiveDate) -> Option<ContactDue> {
        let record = self.people.get(person)?;
        let stats = self.stats.get(person)?;
        Some(contact_due(record, stats, today))
    }

    /// The balance figure for `person`.
    pub fn balance(&self, person: &PersonId) -> Option<Balance> {
        self.stats.get(person).map(PersonStats::balance)
    }

    /// Items with `person` that still have something outstanding (either direction), oldest first.
    pub fn open_items(&self, person: &PersonId) -> Vec<OpenItem> {
        let mut items = Vec::new();
        for interaction in self.interactions_with(person) {
            for exchange in interaction.exchanges.iter().filter(|e| &e.person == person) {
                if let Some(obligation) = exchange.obligation() {
                    if !obligation.outstanding.is_zero() {
                        items.push(OpenItem {
                            interaction: interaction.id.clone(),
                            exchange: exchange.id.clone(),
                            date: interaction.date,
                            obligation,
                        });
                    }
                }
            }
        }
        items
    }

    /// Verifies that every record still keeps every rule of a whole journal
    /// (the same check as loading: no id dangles) and that the indexes and
    /// counters match the records.
    pub fn check_integrity(&self) -> Result<(), ModelError> {
        let mut first = None;
        let checked = Self::check(self.to_parts(), &Unread::default(), &mut |found| {
            first.get_or_insert(found.error);
        });
        if let Some(error) = first {
            return Err(error);
        }
        let dangling = |place: &str| ModelError::DanglingId {
            place: place.to_owned(),
            id: "(out of date)".to_owned(),
        };
        let Some(checked) = checked else {
            return Err(dangling("the records"));
        };
        let fresh = Self::from_checked(checked);
        if fresh.by_person != self.by_person {
            return Err(dangling("the person index"));
        }
        if fresh.by_date != self.by_date {
            return Err(dangling("the date index"));
        }
        if fresh.stats != self.stats {
            return Err(dangling("the counters"));
        }
        Ok(())
    }
    // ----- changing ------------------------------------------------------

    /// Applies one action. On error nothing changes.
    pub fn apply(&mut self, action: Action) -> Result<Applied, ModelError> {
        let changes = self.plan(action)?;
        Ok(self.commit(changes))
    }

    fn person_or_err(&self, id: &PersonId) -> Result<&Person, ModelError> {
        self.people
            .get(id)
            .ok_or_else(|| ModelError::UnknownPerson(id.clone()))
    }

    fn interaction_or_err(&self, id: &InteractionId) -> Result<&Interaction, ModelError> {
        self.interactions
            .get(id)
            .ok_or_else(|| ModelError::UnknownInteraction(id.clone()))
    }

    fn check_interaction(&self, interaction: &Interaction) -> Result<(), ModelError> {
        validate_interaction(
            interaction,
            |id| self.people.contains_key(id),
            |id| self.purpose(id).is_some(),
        )
    }

    pub(super) fn plan(&self, action: Action) -> Result<Changes, ModelError> {
        let mut changes = Changes::default();
        match action {
            Action::AddPerson(mut person) => {
                normalize_person(&mut person);
                if self.people.contains_key(&person.id) {
                    return Err(ModelError::DuplicatePerson(person.id));
                }
                validate_person(&person, |id| self.people.contains_key(id))?;
                changes.upsert_people.push(person);
            }
            Action::EditPerson(mut person) => {
                let old = self.person_or_err(&person.id)?;
                normalize_person(&mut person);
                person.created = old.created;
                // An edit is a later change, whatever time the caller sent.
                person.updated = person.updated.max(old.updated);
                validate_person(&person, |id| self.people.contains_key(id))?;
                changes.upsert_people.push(person);
            }
            Action::DeletePerson { id, mode, now } => {
                let old = self.person_or_err(&id)?;
                match mode {
                    DeleteMode::Archive => {
                        let mut person = old.clone();
                        person.archived = true;
                        person.updated = bump(person.updated, now);
                        changes.upsert_people.push(person);
                    }
                    DeleteMode::RemoveFromInteractions => self.plan_removal(&id, now, &mut changes),
                }
            }
            Action::AddInteraction(mut interaction) => {
                normalize_interaction(&mut interaction);
                if self.interactions.contains_key(&interaction.id) {
                    return Err(ModelError::DuplicateInteraction(interaction.id));
                }
                self.check_interaction(&interaction)?;
                changes.upsert_interactions.push(interaction);
            }
            Action::EditInteraction(mut interaction) => {
                let old = self.interaction_or_err(&interaction.id)?;
                normalize_interaction(&mut interaction);
                interaction.created = old.created;
                interaction.updated = interaction.updated.max(old.updated);
                self.check_interaction(&interaction)?;
                changes.upsert_interactions.push(interaction);
            }
            Action::DeleteInteraction { id } => {
                self.interaction_or_err(&id)?;
                changes.remove_interactions.push(id);
            }
            Action::MergePeople { keep, absorb, now } => {
                self.plan_merge(&keep, &absorb, now, &mut changes)?
            }
            Action::Settle {
                interaction,
                exchange,
                date,
                portion,
                note,
                now,
            } => {
                let updated =
                    self.plan_settlement(&interaction, &exchange, date, portion, note, now)?;
                changes.upsert_interactions.push(updated);
            }
            Action::AddPurpose(mut purpose) => {
                normalize_purpose(&mut purpose);
                let others: Vec<&Purpose> = self.purposes.iter().collect();
                validate_purpose(&purpose, &others)?;
                let mut list = self.purposes.clone();
                list.push(purpose);
                changes.purposes = Some(list);
            }
            Action::RenamePurpose { id, label } => {
                let mut list = self.purposes.clone();
                let index = list
                    .iter()
                    .position(|p| p.id == id)
                    .ok_or_else(|| ModelError::UnknownPurpose(id.clone()))?;
                list[index].label = label;
                normalize_purpose(&mut list[index]);
                let others: Vec<&Purpose> = list
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != index)
                    .map(|(_, p)| p)
                    .collect();
                validate_purpose(&list[index], &others)?;
                changes.purposes = Some(list);
            }
            Action::RemovePurpose { id, removal, now } => {
                self.plan_purpose_removal(&id, removal, now, &mut changes)?
            }
            Action::UpdateSettings(mut settings) => {
                settings.normalize();
                settings.validate()?;
                changes.settings = Some(settings);
            }
            Action::AddMilestone(mut milestone) => {
                normalize_milestone(&mut milestone);
                if self.milestones.contains_key(&milestone.id) {
                    return Err(ModelError::DuplicateMilestone(milestone.id));
                }
                validate_milestone(&milestone).map_err(|(_, err)| err)?;
                changes.upsert_milestones.push(milestone);
            }
            Action::EditMilestone(mut milestone) => {
                let old = self
                    .milestones
                    .get(&milestone.id)
                    .ok_or_else(|| ModelError::UnknownMilestone(milestone.id.clone()))?;
                normalize_milestone(&mut milestone);
                milestone.created = old.created;
                milestone.updated = milestone.updated.max(old.updated);
                validate_milestone(&milestone).map_err(|(_, err)| err)?;
                changes.upsert_milestones.push(milestone);
            }
            Action::DeleteMilestone { id } => {
                if !self.milestones.contains_key(&id) {
                    return Err(ModelError::UnknownMilestone(id));
                }
                changes.remove_milestones.push(id);
            }
        }
        Ok(changes)
    }

    /// Deleting for good: out of every interaction, "introduced by" cleared.
    fn plan_removal(&self, id: &PersonId, now: chrono::DateTime<Utc>, changes: &mut Changes) {
        for interaction_id in self.by_person.get(id).into_iter().flatten() {
            let Some(old) = self.interactions.get(interaction_id) else {
                continue;
            };
            let mut interaction = old.clone();
            interaction.people.retain(|p| p != id);
            interaction.exchanges.retain(|e| &e.person != id);
            if interaction.people.is_empty() {
                changes.remove_interactions.push(interaction.id);
            } else {
                interaction.updated = bump(interaction.updated, now);
                changes.upsert_interactions.push(interaction);
            }
        }
        for person in self.people.values() {
            if person.met.introduced_by.as_ref() == Some(id) && &person.id != id {
                let mut person = person.clone();
                person.met.introduced_by = None;
                person.updated = bump(person.updated, now);
                changes.upsert_people.push(person);
            }
        }
        changes.remove_people.push(id.clone());
    }

    fn plan_merge(
        &self,
        keep_id: &PersonId,
        absorb_id: &PersonId,
        now: chrono::DateTime<Utc>,
        changes: &mut Changes,
    ) -> Result<(), ModelError> {
        if keep_id == absorb_id {
            return Err(ModelError::MergeIntoSelf(keep_id.clone()));
        }
        let keep = self.person_or_err(keep_id)?;
        let absorb = self.person_or_err(absorb_id)?;

        let mut merged = keep.clone();
        merged.org = keep.org.clone().or_else(|| absorb.org.clone());
        merged.role = keep.role.clone().or_else(|| absorb.role.clone());
        merged.birthday = keep.birthday.or(absorb.birthday);
        merged.cadence = keep.cadence.or(absorb.cadence);
        merged.met.place = keep.met.place.clone().or_else(|| absorb.met.place.clone());
        merged.met.date = keep.met.date.or(absorb.met.date);
        // Introduced by either of the two would become "introduced by themselves".
        merged.met.introduced_by = [&keep.met.introduced_by, &absorb.met.introduced_by]
            .into_iter()
            .flatten()
            .find(|via| *via != keep_id && *via != absorb_id)
            .cloned();
        union_into(&mut merged.emails, &absorb.emails, true);
        union_into(&mut merged.phones, &absorb.phones, false);
        union_into(&mut merged.links, &absorb.links, false);
        union_into(&mut merged.tags, &absorb.tags, true);
        merged.boundaries = join_text(&keep.boundaries, &absorb.boundaries);
        merged.notes = join_text(&keep.notes, &absorb.notes);
        merged.archived = keep.archived && absorb.archived;
        merged.created = keep.created.min(absorb.created);
        merged.updated = bump(keep.updated.max(absorb.updated), now);
        changes.upsert_people.push(merged);

        for interaction_id in self.by_person.get(absorb_id).into_iter().flatten() {
            let Some(old) = self.interactions.get(interaction_id) else {
                continue;
            };
            let mut interaction = old.clone();
            let mut people = Vec::with_capacity(interaction.people.len());
            for person in interaction.people.drain(..) {
                let person = if &person == absorb_id {
                    keep_id.clone()
                } else {
                    person
                };
                if !people.contains(&person) {
                    people.push(person);
                }
            }
            interaction.people = people;
            for exchange in &mut interaction.exchanges {
                if &exchange.person == absorb_id {
                    exchange.person = keep_id.clone();
                }
            }
            interaction.updated = bump(interaction.updated, now);
            changes.upsert_interactions.push(interaction);
        }
        for person in self.people.values() {
            if person.met.introduced_by.as_ref() == Some(absorb_id)
                && &person.id != keep_id
                && &person.id != absorb_id
            {
                let mut person = person.clone();
                person.met.introduced_by = Some(keep_id.clone());
                person.updated = bump(person.updated, now);
                changes.upsert_people.push(person);
            }
        }
        changes.remove_people.push(absorb_id.clone());
        Ok(())
    }

    fn plan_settlement(
        &self,
        interaction_id: &InteractionId,
        exchange_id: &ExchangeId,
        date: NaiveDate,
        portion: Option<Portion>,
        note: String,
        now: chrono::DateTime<Utc>,
    ) -> Result<Interaction, ModelError> {
        let old = self.interaction_or_err(interaction_id)?;
        let index = old
            .exchanges
            .iter()
            .position(|e| &e.id == exchange_id)
            .ok_or_else(|| ModelError::UnknownExchange {
                interaction: interaction_id.clone(),
                exchange: exchange_id.clone(),
            })?;
        let exchange = &old.exchanges[index];
        let obligation = exchange.obligation().ok_or_else(|| {
            if exchange.kind == crate::model::ExchangeKind::Loan && exchange.is_open_ask() {
                ModelError::LoanNotMadeYet(exchange_id.clone())
            } else {
                ModelError::NothingToSettle(exchange_id.clone())
            }
        })?;
        if obligation.outstanding.is_zero() {
            return Err(ModelError::AlreadySettled(exchange_id.clone()));
        }
        let portion = portion.unwrap_or_else(|| obligation.outstanding.as_portion());
        let money = matches!(obligation.outstanding, Outstanding::Money { .. });
        let size = check_portion(exchange_id, portion, money)?;
        let left = match obligation.outstanding {
            Outstanding::Money { amount, .. } => amount,
            Outstanding::Percent(p) => u64::from(p),
        };
        if size > left {
            return Err(ModelError::SettlementExceedsOutstanding {
                exchange: exchange_id.clone(),
                outstanding: obligation.outstanding,
                requested: portion,
            });
        }
        check_date(date)?;
        if date < old.date {
            return Err(ModelError::SettlementBeforeInteraction {
                exchange: exchange_id.clone(),
                settlement: date,
                interaction: old.date,
            });
        }
        let mut interaction = old.clone();
        interaction.exchanges[index].settlements.push(Settlement {
            date,
            portion,
            note: note.trim().to_owned(),
        });
        interaction.updated = bump(interaction.updated, now);
        self.check_interaction(&interaction)?;
        Ok(interaction)
    }

    fn plan_purpose_removal(
        &self,
        id: &PurposeId,
        removal: PurposeRemoval,
        now: chrono::DateTime<Utc>,
        changes: &mut Changes,
    ) -> Result<(), ModelError> {
        if self.purpose(id).is_none() {
            return Err(ModelError::UnknownPurpose(id.clone()));
        }
        let users: Vec<&Interaction> = self
            .interactions
            .values()
            .filter(|i| i.purpose.as_ref() == Some(id))
            .collect();
        let replacement = match removal {
            PurposeRemoval::OnlyIfUnused => {
                if !users.is_empty() {
                    return Err(ModelError::PurposeInUse {
                        purpose: id.clone(),
                        interactions: users.len(),
                    });
                }
                None
            }
            PurposeRemoval::ReassignTo(other) => {
                if &other == id {
                    return Err(ModelError::ReassignToSamePurpose(other));
                }
                if self.purpose(&other).is_none() {
                    return Err(ModelError::UnknownPurpose(other));
                }
                Some(other)
            }
            PurposeRemoval::ClearFromInteractions => None,
        };
        for old in users {
            let mut interaction = old.clone();
            interaction.purpose = replacement.clone();
            interaction.updated = bump(interaction.updated, now);
            changes.upsert_interactions.push(interaction);
        }
        changes.purposes = Some(
            self.purposes
                .iter()
                .filter(|p| &p.id != id)
                .cloned()
                .collect(),
        );
        Ok(())
    }

    fn index(&mut self, interaction: &Interaction) {
        self.by_date
            .insert((interaction.date, interaction.id.clone()));
        for person in &interaction.people {
            self.by_person
                .entry(person.clone())
                .or_default()
                .insert(interaction.id.clone());
        }
    }

    fn unindex(&mut self, interaction: &Interaction) {
        self.by_date
            .remove(&(interaction.date, interaction.id.clone()));
        for person in &interaction.people {
            if let Some(ids) = self.by_person.get_mut(person) {
                ids.remove(&interaction.id);
            }
        }
    }

    /// Writes planned changes, keeps the indexes in step and re-derives the
    /// stats of every person whose interactions changed (and only those).
    pub(super) fn commit(&mut self, changes: Changes) -> Applied {
        let mut applied = Applied::default();
        let mut affected: BTreeSet<PersonId> = BTreeSet::new();

        for person in changes.upsert_people {
            let id = person.id.clone();
            if self.people.insert(id.clone(), person).is_none() {
                self.by_person.entry(id.clone()).or_default();
                self.stats.entry(id.clone()).or_default();
            }
            applied.people_upserted.insert(id);
        }
        for id in changes.remove_interactions {
            if let Some(old) = self.interactions.remove(&id) {
                self.unindex(&old);
                affected.extend(old.people.iter().cloned());
                applied
                    .interactions_removed
                    .push(InteractionRemoval { id, date: old.date });
            }
        }
        for interaction in changes.upsert_interactions {
            let old_date = match self.interactions.get(&interaction.id) {
                Some(old) => {
                    let old = old.clone();
                    self.unindex(&old);
                    affected.extend(old.people.iter().cloned());
                    Some(old.date)
                }
                None => None,
            };
            self.index(&interaction);
            affected.extend(interaction.people.iter().cloned());
            applied.interactions_upserted.push(InteractionUpsert {
                id: interaction.id.clone(),
                old_date,
                date: interaction.date,
            });
            self.interactions
                .insert(interaction.id.clone(), interaction);
        }
        for id in changes.remove_people {
            self.people.remove(&id);
            self.by_person.remove(&id);
            self.stats.remove(&id);
            affected.remove(&id);
            applied.people_upserted.remove(&id);
            applied.people_removed.insert(id);
        }
        for id in affected {
            let stats = PersonStats::from_interactions(
                &id,
                self.by_person
                    .get(&id)
                    .into_iter()
                    .flatten()
                    .filter_map(|i| self.interactions.get(i)),
            );
            if self.people.contains_key(&id) {
                self.stats.insert(id, stats);
            }
        }
        if let Some(purposes) = changes.purposes {
            applied.purposes_changed = purposes != self.purposes;
            self.purposes = purposes;
        }
        if let Some(settings) = changes.settings {
            applied.settings_changed = settings != self.settings;
            self.settings = settings;
        }
        for milestone in changes.upsert_milestones {
            applied.milestones_changed |= self.milestones.get(&milestone.id) != Some(&milestone);
            self.milestones.insert(milestone.id.clone(), milestone);
        }
        for id in changes.remove_milestones {
            applied.milestones_changed |= self.milestones.remove(&id).is_some();
        }
        applied
            .interactions_upserted
            .sort_by(|a, b| a.id.cmp(&b.id));
        applied.interactions_removed.sort_by(|a, b| a.id.cmp(&b.id));
        applied
    }
}

/// Where each id first appears in a list; `duplicate(index, first)` is
/// called for every later record with the same id.
fn first_places<'p, Id: std::hash::Hash + Eq + 'p>(
    ids: impl ExactSizeIterator<Item = &'p Id>,
    mut duplicate: impl FnMut(usize, usize),
) -> FxHashMap<&'p Id, usize> {
    let mut first_at = FxHashMap::default();
    first_at.reserve(ids.len());
    for (index, id) in ids.enumerate() {
        match first_at.get(id) {
            Some(&first) => duplicate(index, first),
            None => {
                first_at.insert(id, index);
            }
        }
    }
    first_at
}

/// Trims a milestone's note.
fn normalize_milestone(milestone: &mut Milestone) {
    let trimmed = milestone.note.trim();
    if trimmed.len() != milestone.note.len() {
        milestone.note = trimmed.to_owned();
    }
}

/// A milestone's day must be within the supported years, and it cannot be
/// updated before it was created.
fn validate_milestone(milestone: &Milestone) -> Result<(), (&'static str, ModelError)> {
    check_date(milestone.date).map_err(|err| ("date", err))?;
    if milestone.updated < milestone.created {
        return Err((
            "updated",
            ModelError::UpdatedBeforeCreated(milestone.id.to_string()),
        ));
    }
    Ok(())
}

fn join_text(first: &str, second: &str) -> String {
    match (first.trim().is_empty(), second.trim().is_empty()) {
        (_, true) => first.to_owned(),
        (true, false) => second.to_owned(),
        (false, false) if first.trim() == second.trim() => first.to_owned(),
        (false, false) => format!("{first}\n\n{second}"),
    }
}

/// Borrowed mirror of [`JournalParts`], so saving does not copy the records.
#[derive(Serialize)]
struct JournalPartsRef<'a> {
    #[serde(rename = "v")]
    version: u32,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    people: Vec<&'a Person>,
    #[serde(rename = "log", skip_serializing_if = "Vec::is_empty")]
    interactions: Vec<&'a Interaction>,
    purposes: &'a [Purpose],
    #[serde(skip_serializing_if = "is_default_settings")]
    settings: &'a Settings,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    milestones: Vec<&'a Milestone>,
}

fn is_default_settings(settings: &&Settings) -> bool {
    settings.is_default()
}

/// Writes the same JSON as [`JournalParts`]; the caches are skipped.
impl Serialize for Journal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        JournalPartsRef {
            version: FORMAT_VERSION,
            people: self.people.values().collect(),
            interactions: self.interactions_by_date().collect(),
            purposes: &self.purposes,
            settings: &self.settings,
            milestones: self.milestones_by_date().collect(),
        }
        .serialize(serializer)
    }
}

/// Reads [`JournalParts`] and goes through [`Journal::from_parts`], so a loaded
/// journal is validated and has its caches built.
impl<'de> Deserialize<'de> for Journal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let parts = JournalParts::deserialize(deserializer)?;
        Journal::from_parts(parts).map_err(serde::de::Error::custom)
    }
}
