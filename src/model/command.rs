//! What a person does in the app, as commands, each with its exact undo.
//!
//! Screens never build records or decide how a change is recorded: they send
//! [`Command`]s to [`Journal::execute`] together with a [`Minter`] (the clock
//! and a source of entropy). The model mints ids and timestamps, applies the
//! whole batch as one step (all or nothing), and returns what changed with an
//! [`Undo`] that puts every touched record back as it was.
//!
//! An undo is itself a new, later change: a restored record keeps its old
//! content but gets an `updated` time no earlier than both its old one and
//! the current one. `updated` therefore never moves backwards, and merging
//! backups ("the newer wins") keeps the undo rather than the undone change.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use super::action::{Action, Applied, DeleteMode};
use super::error::ModelError;
use super::ids::{ExchangeId, InteractionId, MilestoneId, PersonId, PurposeId};
use super::interaction::{
    Ask, Direction, Exchange, ExchangeKind, Initiator, Interaction, InteractionKind, Outcome,
    Party, Portion,
};
use super::journal::{Changes, Journal};
use super::milestone::{
    fresh_purpose, missing_stage_purposes, Milestone, MilestoneKind, THANKS_PURPOSE,
};
use super::person::Person;
use super::purpose::Purpose;
use super::settings::Settings;
use super::validate::{bump, to_millis, validate_interaction, validate_person};

/// The clock and the entropy the model mints ids and timestamps from.
///
/// The browser passes its clock and cryptographic randomness; tests pass
/// something deterministic.
pub trait Minter {
    /// The current instant.
    fn now(&mut self) -> DateTime<Utc>;
    /// 64 fresh random bits.
    fn random(&mut self) -> u64;
}

/// Someone an entry is with: a person in the journal, or a new one by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    /// Someone already in the journal.
    Known(PersonId),
    /// Someone new, added with this name as part of the same step.
    New(String),
}

/// What happened in an exchange, as the user says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gesture {
    /// "I asked them for…": they are the ones to give.
    IAsked,
    /// "They asked me for…": I am the one to give.
    TheyAsked,
    /// "I gave them…"
    IGave,
    /// "They gave me…"
    TheyGave,
}

impl Gesture {
    /// Every gesture, in menu order.
    pub const ALL: [Gesture; 4] = [Self::IAsked, Self::TheyAsked, Self::IGave, Self::TheyGave];

    /// Which way the thing goes.
    pub fn direction(self) -> Direction {
        match self {
            Self::IAsked | Self::TheyGave => Direction::Got,
            Self::TheyAsked | Self::IGave => Direction::Gave,
        }
    }

    /// Who asked, for the two asking gestures.
    pub fn asker(self) -> Option<Party> {
        match self {
            Self::IAsked => Some(Party::Me),
            Self::TheyAsked => Some(Party::Them),
            Self::IGave | Self::TheyGave => None,
        }
    }

    /// The words a form shows for it.
    pub fn label(self) -> &'static str {
        match self {
            Self::IAsked => "I asked for…",
            Self::TheyAsked => "They asked for…",
            Self::IGave => "I gave…",
            Self::TheyGave => "They gave…",
        }
    }

    /// The gesture an exchange was recorded with.
    pub fn of(exchange: &Exchange) -> Self {
        match (exchange.ask.map(|a| a.by), exchange.direction) {
            (Some(Party::Me), _) => Self::IAsked,
            (Some(Party::Them), _) => Self::TheyAsked,
            (None, Direction::Gave) => Self::IGave,
            (None, Direction::Got) => Self::TheyGave,
        }
    }
}

/// Where an ask stands, as the one who records it says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Answer {
    /// Waiting for an answer.
    Open,
    /// "Yes, done."
    Yes,
    /// "Said no", by the one who was asked.
    No,
    /// Taken back by the one who asked.
    Withdrawn,
}

impl Answer {
    /// Every answer, in menu order.
    pub const ALL: [Answer; 4] = [Self::Open, Self::Yes, Self::No, Self::Withdrawn];

    /// The words a form shows for it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Waiting for an answer",
            Self::Yes => "Yes, done",
            Self::No => "Said no",
            Self::Withdrawn => "Withdrawn",
        }
    }

    /// The stored outcome of an ask made by `asker`.
    pub fn outcome(self, asker: Party) -> Outcome {
        match (self, asker) {
            (Self::Open, _) => Outcome::Open,
            (Self::Yes, _) => Outcome::Granted,
            // The one who was asked says no.
            (Self::No, Party::Me) => Outcome::DeclinedByThem,
            (Self::No, Party::Them) => Outcome::DeclinedByMe,
            (Self::Withdrawn, _) => Outcome::Withdrawn,
        }
    }

    /// The answer an outcome records.
    pub fn of(outcome: Outcome) -> Self {
        match outcome {
            Outcome::Open => Self::Open,
            Outcome::Granted => Self::Yes,
            Outcome::DeclinedByMe | Outcome::DeclinedByThem => Self::No,
            Outcome::Withdrawn => Self::Withdrawn,
        }
    }
}

/// The note of a thank-you logged in one tap.
pub const THANKS_NOTE: &str = "Said thank you";

/// How forms ask whether a give is only promised so far.
pub const PROMISED_LABEL: &str = "Promised, not done yet";

/// One exchange of an entry, as the user describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExchangeDraft {
    /// The exchange being edited; `None` for a new one. An edited exchange
    /// keeps its loan details, settlements and answer date where they still apply.
    pub id: Option<ExchangeId>,
    /// Who it is with: an index into the entry's people.
    pub with: usize,
    /// Asked, or given, and by whom.
    pub gesture: Gesture,
    /// What was asked or given.
    pub kind: ExchangeKind,
    /// For asks: where the ask stands. Ignored for gifts given outright.
    pub answer: Answer,
    /// Promised, not done yet: the giver owes it until it is settled.
    pub promised: bool,
    /// What exactly, in words ("an intro to Fabrikam").
    pub note: String,
}

impl ExchangeDraft {
    /// A new exchange with the first person of the entry.
    pub fn new(gesture: Gesture, kind: ExchangeKind, answer: Answer, note: &str) -> Self {
        Self {
            id: None,
            with: 0,
            gesture,
            kind,
            answer,
            promised: false,
            note: note.trim().to_owned(),
        }
    }

    /// The draft that describes `exchange` of `interaction`.
    pub fn of(exchange: &Exchange, interaction: &Interaction) -> Self {
        Self {
            id: Some(exchange.id.clone()),
            with: interaction
                .people
                .iter()
                .position(|p| p == &exchange.person)
                .unwrap_or(0),
            gesture: Gesture::of(exchange),
            kind: exchange.kind,
            answer: exchange
                .ask
                .map_or(Answer::Yes, |ask| Answer::of(ask.outcome)),
            promised: exchange.promised,
            note: exchange.note.clone(),
        }
    }
}

/// A journal entry as the user describes it, for logging or editing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryDraft {
    /// The local day of the contact.
    pub date: NaiveDate,
    /// The local time of day, when noted.
    pub time: Option<NaiveTime>,
    /// Everyone it was with.
    pub people: Vec<Who>,
    /// Coffee, call, ...
    pub kind: InteractionKind,
    /// Who reached out.
    pub initiated_by: Initiator,
    /// Why.
    pub purpose: Option<PurposeId>,
    /// A free note.
    pub note: String,
    /// What was asked, given or promised.
    pub exchanges: Vec<ExchangeDraft>,
}

impl EntryDraft {
    /// The draft that describes a logged entry, for editing it.
    pub fn of(interaction: &Interaction) -> Self {
        Self {
            date: interaction.date,
            time: interaction.time,
            people: interaction.people.iter().cloned().map(Who::Known).collect(),
            kind: interaction.kind,
            initiated_by: interaction.initiated_by,
            purpose: interaction.purpose.clone(),
            note: interaction.note.clone(),
            exchanges: interaction
                .exchanges
                .iter()
                .map(|e| ExchangeDraft::of(e, interaction))
                .collect(),
        }
    }
}

/// Everything a person can do to the journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Adds someone. Their id and their created and updated times are minted.
    AddPerson(Person),
    /// Changes someone's details. Their created time is kept.
    EditPerson(Person),
    /// Archives someone (keeping their history), or brings them back.
    SetArchived { person: PersonId, archived: bool },
    /// Hides someone from "Reconnect" until a day, or clears that.
    Snooze {
        person: PersonId,
        until: Option<NaiveDate>,
    },
    /// Deletes someone for good: out of every entry, entries left with nobody deleted.
    DeletePerson(PersonId),
    /// Merges `absorb` into `keep`, keeping every entry of both.
    MergePeople { keep: PersonId, absorb: PersonId },
    /// Logs a new entry, adding the new people it names.
    LogContact(EntryDraft),
    /// Rewrites an entry: anything can change, its created time stays.
    EditEntry {
        id: InteractionId,
        entry: EntryDraft,
    },
    /// Deletes an entry.
    DeleteEntry(InteractionId),
    /// Records the answer to an ask, on the day it came.
    AnswerAsk {
        interaction: InteractionId,
        exchange: ExchangeId,
        answer: Answer,
        on: NaiveDate,
    },
    /// Settles a promise or a loan, all of what is left (`portion: None`) or a part.
    Settle {
        interaction: InteractionId,
        exchange: ExchangeId,
        on: NaiveDate,
        portion: Option<Portion>,
        note: String,
    },
    /// Marks a turning point: a new job, retiring…
    AddMilestone {
        date: NaiveDate,
        kind: MilestoneKind,
        note: String,
    },
    /// Corrects a milestone's day, kind or note.
    EditMilestone {
        id: MilestoneId,
        date: NaiveDate,
        kind: MilestoneKind,
        note: String,
    },
    /// Deletes a milestone.
    DeleteMilestone(MilestoneId),
    /// Hides the thank-you list after a new-job milestone.
    DismissThanks(MilestoneId),
    /// Answers the one-time offer of a stage's purposes after retiring or
    /// unretiring: with `accept`, the missing ones are added.
    AnswerStageOffer {
        milestone: MilestoneId,
        accept: bool,
    },
    /// Logs a thank-you message to someone on a day (initiated by me, with the
    /// thank-you purpose, which is added to the purposes when missing).
    LogThanks { person: PersonId, on: NaiveDate },
    /// Any lower-level change (purposes, settings, imported records).
    Apply(Action),
    /// Puts back what an earlier step changed.
    Undo(Undo),
}

/// What an executed batch changed, and how to take it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Executed {
    /// Every record touched, for storage (one save for the whole batch).
    pub applied: Applied,
    /// Puts every touched record back as it was before the batch.
    pub undo: Undo,
    /// People the batch added, in order.
    pub added_people: Vec<PersonId>,
    /// Entries the batch added, in order.
    pub added_entries: Vec<InteractionId>,
    /// Milestones the batch added, in order.
    pub added_milestones: Vec<MilestoneId>,
}

/// The records a step touched, as they were before it: `None` where a record
/// did not exist. Executing it restores them (see the module docs).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Undo {
    people: BTreeMap<PersonId, Option<Person>>,
    interactions: BTreeMap<InteractionId, Option<Interaction>>,
    purposes: Option<Vec<Purpose>>,
    settings: Option<Settings>,
    milestones: BTreeMap<MilestoneId, Option<Milestone>>,
}

impl Undo {
    /// True when the step changed nothing.
    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
            && self.interactions.is_empty()
            && self.purposes.is_none()
            && self.settings.is_none()
            && self.milestones.is_empty()
    }

    /// Remembers how the records `changes` is about to touch look now (the
    /// first time only: the earliest state is the one to go back to).
    fn remember(&mut self, journal: &Journal, changes: &Changes) {
        let people = changes
            .upsert_people
            .iter()
            .map(|p| &p.id)
            .chain(&changes.remove_people);
        for id in people {
            self.people
                .entry(id.clone())
                .or_insert_with(|| journal.person(id).cloned());
        }
        let interactions = changes
            .upsert_interactions
            .iter()
            .map(|i| &i.id)
            .chain(&changes.remove_interactions);
        for id in interactions {
            self.interactions
                .entry(id.clone())
                .or_insert_with(|| journal.interaction(id).cloned());
        }
        if changes.purposes.is_some() && self.purposes.is_none() {
            self.purposes = Some(journal.purposes().to_vec());
        }
        if changes.settings.is_some() && self.settings.is_none() {
            self.settings = Some(journal.settings().clone());
        }
        let milestones = changes
            .upsert_milestones
            .iter()
            .map(|m| &m.id)
            .chain(&changes.remove_milestones);
        for id in milestones {
            self.milestones
                .entry(id.clone())
                .or_insert_with(|| journal.milestone(id).cloned());
        }
    }
}

impl Journal {
    /// Executes a batch of commands as one step: all of them, or (on the
    /// first error) none. Returns what changed and its undo.
    pub fn execute(
        &mut self,
        commands: Vec<Command>,
        minter: &mut dyn Minter,
    ) -> Result<Executed, ModelError> {
        let mut done = Executed {
            applied: Applied::default(),
            undo: Undo::default(),
            added_people: Vec::new(),
            added_entries: Vec::new(),
            added_milestones: Vec::new(),
        };
        for command in commands {
            if let Err(err) = self.execute_one(command, minter, &mut done) {
                // Put back exactly what the earlier commands of the batch changed.
                let rollback = self.plan_restore(&done.undo, None)?;
                self.commit(rollback);
                return Err(err);
            }
        }
        Ok(done)
    }

    fn execute_one(
        &mut self,
        command: Command,
        minter: &mut dyn Minter,
        done: &mut Executed,
    ) -> Result<(), ModelError> {
        let now = to_millis(minter.now());
        if let Command::Undo(undo) = command {
            let changes = self.plan_restore(&undo, Some(now))?;
            self.commit_remembered(changes, done);
            return Ok(());
        }
        for action in self.actions_for(command, now, minter, done)? {
            let changes = self.plan(action)?;
            self.commit_remembered(changes, done);
        }
        Ok(())
    }

    fn commit_remembered(&mut self, changes: Changes, done: &mut Executed) {
        done.undo.remember(self, &changes);
        let applied = self.commit(changes);
        done.applied.absorb(applied);
    }

    /// The reducer actions that carry out `command`, with ids and times minted.
    fn actions_for(
        &self,
        command: Command,
        now: DateTime<Utc>,
        minter: &mut dyn Minter,
        done: &mut Executed,
    ) -> Result<Vec<Action>, ModelError> {
        let edited = |person: &PersonId, change: &dyn Fn(&mut Person)| {
            let mut record = self
                .person(person)
                .cloned()
                .ok_or_else(|| ModelError::InvalidId(THANKS_PURPOSE.id.to_owned()))?;
            change(&mut record);
            record.updated = bump(record.updated, now);
            Ok::<_, ModelError>(vec![Action::EditPerson(record)])
        };
        let milestone = |id: &MilestoneId| {
            self.milestone(id)
                .cloned()
                .ok_or_else(|| ModelError::UnknownMilestone(id.clone()))
        };
        Ok(match command {
            Command::AddMilestone { date, kind, note } => {
                let mut record = Milestone::new(MilestoneId::new(minter.random()), date, kind, now);
                record.note = note.trim().to_owned();
                done.added_milestones.push(record.id.clone());
                vec![Action::AddMilestone(record)]
            }
            Command::EditMilestone {
                id,
                date,
                kind,
                note,
            } => {
                let mut record = milestone(&id)?;
                record.date = date;
                record.kind = kind;
                record.note = note.trim().to_owned();
                record.updated = bump(record.updated, now);
                vec![Action::EditMilestone(record)]
            }
            Command::DeleteMilestone(id) => vec![Action::DeleteMilestone { id }],
            Command::DismissThanks(id) => {
                let mut record = milestone(&id)?;
                record.thanks_dismissed = true;
                record.updated = bump(record.updated, now);
                vec![Action::EditMilestone(record)]
            }
            Command::AnswerStageOffer {
                milestone: id,
                accept,
            } => {
                let mut record = milestone(&id)?;
                record.purposes_offered = true;
                record.updated = bump(record.updated, now);
                let mut actions: Vec<Action> = if accept {
                    missing_stage_purposes(self.purposes())
                        .into_iter()
                        .map(Action::AddPurpose)
                        .collect()
                } else {
                    Vec::new()
                };
                actions.push(Action::EditMilestone(record));
                actions
            }
            Command::LogThanks { person, on } => {
                let mut actions = Vec::new();
                let purpose = match THANKS_PURPOSE.find(self.purposes()) {
                    Some(found) => found.id.clone(),
                    None => {
                        let added = fresh_purpose(&THANKS_PURPOSE, self.purposes())
                            .ok_or_else(|| ModelError::InvalidId(THANKS_PURPOSE.id.to_owned()))?;
                        let id = added.id.clone();
                        actions.push(Action::AddPurpose(added));
                        id
                    }
                };
                let id = InteractionId::new(minter.random());
                let mut entry = Interaction::new(
                    id.clone(),
                    on,
                    vec![person],
                    InteractionKind::Message,
                    Initiator::Me,
                    now,
                );
                entry.purpose = Some(purpose);
                entry.note = THANKS_NOTE.to_owned();
                done.added_entries.push(id);
                actions.push(Action::AddInteraction(entry));
                actions
            }
            Command::AddPerson(mut person) => {
                person.id = PersonId::new(minter.random());
                person.created = now;
                person.updated = now;
                done.added_people.push(person.id.clone());
                vec![Action::AddPerson(person)]
            }
            Command::EditPerson(mut person) => {
                let old = self
                    .person(&person.id)
                    .ok_or_else(|| ModelError::UnknownPerson(person.id.clone()))?;
                person.created = old.created;
                person.updated = bump(old.updated, now);
                vec![Action::EditPerson(person)]
            }
            Command::SetArchived { person, archived } => {
                edited(&person, &|p| p.archived = archived)?
            }
            Command::Snooze { person, until } => edited(&person, &|p| p.snoozed_until = until)?,
            Command::DeletePerson(id) => vec![Action::DeletePerson {
                id,
                mode: DeleteMode::RemoveFromInteractions,
                now,
            }],
            Command::MergePeople { keep, absorb } => {
                vec![Action::MergePeople { keep, absorb, now }]
            }
            Command::LogContact(entry) => {
                let (mut actions, people) = self.resolve_people(&entry.people, now, minter, done);
                let id = InteractionId::new(minter.random());
                let interaction = build_entry(id.clone(), &entry, people, None, now, minter);
                done.added_entries.push(id);
                actions.push(Action::AddInteraction(interaction));
                actions
            }
            Command::EditEntry { id, entry } => {
                let old = self
                    .interaction(&id)
                    .cloned()
                    .ok_or_else(|| ModelError::UnknownInteraction(id.clone()))?;
                let (mut actions, people) = self.resolve_people(&entry.people, now, minter, done);
                let interaction = build_entry(id, &entry, people, Some(&old), now, minter);
                actions.push(Action::EditInteraction(interaction));
                actions
            }
            Command::DeleteEntry(id) => vec![Action::DeleteInteraction { id }],
            Command::AnswerAsk {
                interaction,
                exchange,
                answer,
                on,
            } => vec![Action::EditInteraction(self.answered(
                &interaction,
                &exchange,
                answer,
                on,
                now,
            )?)],
            Command::Settle {
                interaction,
                exchange,
                on,
                portion,
                note,
            } => vec![Action::Settle {
                interaction,
                exchange,
                date: on,
                portion,
                note,
                now,
            }],
            Command::Apply(action) => vec![action],
            // Handled by the caller.
            Command::Undo(_) => Vec::new(),
        })
    }

    /// Ids for the people of an entry, with the actions that add the new ones.
    fn resolve_people(
        &self,
        people: &[Who],
        now: DateTime<Utc>,
        minter: &mut dyn Minter,
        done: &mut Executed,
    ) -> (Vec<Action>, Vec<PersonId>) {
        let mut actions = Vec::new();
        let ids = people
            .iter()
            .map(|who| match who {
                Who::Known(id) => id.clone(),
                Who::New(name) => {
                    let person = Person::new(PersonId::new(minter.random()), name.trim(), now);
                    done.added_people.push(person.id.clone());
                    let id = person.id.clone();
                    actions.push(Action::AddPerson(person));
                    id
                }
            })
            .collect();
        (actions, ids)
    }

    /// The entry with one ask answered.
    fn answered(
        &self,
        interaction: &InteractionId,
        exchange: &ExchangeId,
        answer: Answer,
        on: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Interaction, ModelError> {
        let mut entry = self
            .interaction(interaction)
            .cloned()
            .ok_or_else(|| ModelError::UnknownInteraction(interaction.clone()))?;
        let record = entry
            .exchanges
            .iter_mut()
            .find(|e| &e.id == exchange)
            .ok_or_else(|| ModelError::UnknownExchange {
                interaction: interaction.clone(),
                exchange: exchange.clone(),
            })?;
        let ask = record
            .ask
            .as_mut()
            .ok_or_else(|| ModelError::NotAnAsk(exchange.clone()))?;
        ask.outcome = answer.outcome(ask.by);
        ask.answered = (answer != Answer::Open).then_some(on);
        if answer != Answer::Yes {
            record.promised = false;
        }
        entry.updated = bump(entry.updated, now);
        Ok(entry)
    }

    /// The changes that put back what `undo` remembers. With `now`, it is a
    /// new change (checked, and stamped later than anything before); without,
    /// an exact rollback of a batch that failed part-way.
    fn plan_restore(&self, undo: &Undo, now: Option<DateTime<Utc>>) -> Result<Changes, ModelError> {
        let mut changes = Changes::default();
        let stamp = |old: DateTime<Utc>, current: Option<DateTime<Utc>>| match now {
            Some(now) => bump(current.map_or(old, |c| c.max(old)), now),
            None => old,
        };
        for (id, before) in &undo.people {
            match before {
                Some(person) => {
                    let mut person = person.clone();
                    person.updated = stamp(person.updated, self.person(id).map(|p| p.updated));
                    changes.upsert_people.push(person);
                }
                None if self.person(id).is_some() => changes.remove_people.push(id.clone()),
                None => {}
            }
        }
        for (id, before) in &undo.interactions {
            match before {
                Some(interaction) => {
                    let mut interaction = interaction.clone();
                    interaction.updated =
                        stamp(interaction.updated, self.interaction(id).map(|i| i.updated));
                    changes.upsert_interactions.push(interaction);
                }
                None if self.interaction(id).is_some() => {
                    changes.remove_interactions.push(id.clone())
                }
                None => {}
            }
        }
        for (id, before) in &undo.milestones {
            match before {
                Some(milestone) => {
                    let mut milestone = milestone.clone();
                    milestone.updated =
                        stamp(milestone.updated, self.milestone(id).map(|m| m.updated));
                    changes.upsert_milestones.push(milestone);
                }
                None if self.milestone(id).is_some() => changes.remove_milestones.push(id.clone()),
                None => {}
            }
        }
        changes.purposes = undo.purposes.clone();
        changes.settings = undo.settings.clone();
        if now.is_some() {
            self.check_restore(undo, &changes)?;
        }
        Ok(changes)
    }

    /// Whether restoring leaves every reference whole; other changes made
    /// since the step may have removed what it refers to.
    fn check_restore(&self, undo: &Undo, changes: &Changes) -> Result<(), ModelError> {
        let broken = |_| {
            ModelError::CannotRestore(
                "it refers to people, entries or purposes changed since".to_owned(),
            )
        };
        let person_exists = |id: &PersonId| match undo.people.get(id) {
            Some(before) => before.is_some(),
            None => self.person(id).is_some(),
        };
        let purposes = undo.purposes.as_deref().unwrap_or_else(|| self.purposes());
        let purpose_exists = |id: &PurposeId| purposes.iter().any(|p| &p.id == id);
        for person in &changes.upsert_people {
            validate_person(person, person_exists).map_err(broken)?;
        }
        for interaction in &changes.upsert_interactions {
            validate_interaction(interaction, person_exists, purpose_exists).map_err(broken)?;
        }
        // Someone taken away again must not be named by a record the undo leaves alone.
        for id in &changes.remove_people {
            let named_elsewhere = self
                .interactions_with(id)
                .iter()
                .any(|i| !undo.interactions.contains_key(&i.id))
                || self.people().any(|p| {
                    p.met.introduced_by.as_ref() == Some(id) && !undo.people.contains_key(&p.id)
                });
            if named_elsewhere {
                return Err(ModelError::CannotRestore(
                    "someone it added has been logged with since".to_owned(),
                ));
            }
        }
        if undo.purposes.is_some() {
            let orphaned = self.interactions().any(|i| {
                !undo.interactions.contains_key(&i.id)
                    && i.purpose.as_ref().is_some_and(|p| !purpose_exists(p))
            });
            if orphaned {
                return Err(ModelError::CannotRestore(
                    "a purpose it removes is in use again".to_owned(),
                ));
            }
        }
        if let Some(settings) = &undo.settings {
            settings.validate()?;
        }
        Ok(())
    }
}

/// Builds the stored entry from a draft. Exchanges that existed keep their
/// loan details, settlements and answer date where those still apply.
fn build_entry(
    id: InteractionId,
    entry: &EntryDraft,
    people: Vec<PersonId>,
    old: Option<&Interaction>,
    now: DateTime<Utc>,
    minter: &mut dyn Minter,
) -> Interaction {
    let exchanges = entry
        .exchanges
        .iter()
        .map(|draft| {
            let before = draft
                .id
                .as_ref()
                .and_then(|x| old.and_then(|o| o.exchange(x)));
            let id = match (&draft.id, before) {
                (Some(id), Some(_)) => id.clone(),
                _ => ExchangeId::new(minter.random()),
            };
            // An out-of-range index names nobody; validation then refuses it.
            let person = people
                .get(draft.with)
                .or(people.first())
                .cloned()
                .unwrap_or_else(|| PersonId::new(0));
            build_exchange(id, person, draft, before)
        })
        .collect();
    Interaction {
        id,
        date: entry.date,
        time: entry.time,
        people,
        kind: entry.kind,
        initiated_by: entry.initiated_by,
        purpose: entry.purpose.clone(),
        note: entry.note.trim().to_owned(),
        exchanges,
        created: old.map_or(now, |o| o.created),
        updated: old.map_or(now, |o| bump(o.updated, now)),
    }
}

fn build_exchange(
    id: ExchangeId,
    person: PersonId,
    draft: &ExchangeDraft,
    before: Option<&Exchange>,
) -> Exchange {
    let mut exchange = Exchange::new(id, draft.gesture.direction(), person, draft.kind);
    exchange.note = draft.note.trim().to_owned();
    exchange.ask = draft.gesture.asker().map(|by| {
        let outcome = draft.answer.outcome(by);
        // An answer date survives an edit that keeps the same answer.
        let answered = before
            .and_then(|b| b.ask)
            .filter(|a| a.outcome == outcome && outcome != Outcome::Open)
            .and_then(|a| a.answered);
        Ask {
            by,
            outcome,
            answered,
        }
    });
    let said_yes = exchange.ask.is_none_or(|a| a.outcome == Outcome::Granted);
    exchange.promised = draft.promised && said_yes && draft.kind != ExchangeKind::Loan;
    if let Some(before) = before {
        if draft.kind == ExchangeKind::Loan && before.kind == ExchangeKind::Loan {
            exchange.loan = before.loan.clone();
        }
        // Settlements stay while something is still owed the same way.
        let same_way = before.direction == exchange.direction && before.kind == exchange.kind;
        if same_way && exchange.obligation().is_some() {
            exchange.settlements = before.settlements.clone();
        }
    }
    exchange
}
