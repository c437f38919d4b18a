//! What an import would change ([`preview`]) and doing it ([`apply_import`]).
//!
//! Merging is by id. When both sides have a record with the same id and
//! different content, the one with the later `updated` time wins; on a tie
//! the one whose JSON sorts later wins, so that two devices that merge each
//! other's exports end up with the same records whichever merges first.
//! Merging never deletes: a record removed on one device comes back when the
//! other device's export is merged.
//!
//! `apply_import` returns a new journal and leaves the current one untouched,
//! so the UI can offer "Undo import" by keeping the old one.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::json::ParsedBackup;
use crate::model::{
    Interaction, Journal, JournalParts, ModelError, Person, Purpose, PurposeId, FORMAT_VERSION,
};

/// How an import combines the file with the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Keep everything; add new records; on a conflict the newer record wins.
    Merge,
    /// The file becomes the journal.
    Replace,
}

/// Which kind of record a conflict is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordKind {
    /// A person.
    Person,
    /// An interaction.
    Interaction,
}

/// Which side of a conflict changed last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Newer {
    /// The record in the file is newer: merging takes it.
    File,
    /// The record in the journal is newer: merging keeps it.
    Journal,
    /// Both were changed at the same moment: merging takes the one whose JSON sorts later.
    Same,
}

/// A record present on both sides with different content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// Person or interaction.
    pub kind: RecordKind,
    /// The record's id.
    pub id: String,
    /// A person's name, or an interaction's date, kind and people ("2024-03-12, Coffee with Ana").
    pub label: String,
    /// Which side changed last (and so wins a merge).
    pub newer: Newer,
    /// `updated` of the record in the file.
    pub file_updated: DateTime<Utc>,
    /// `updated` of the record in the journal.
    pub journal_updated: DateTime<Utc>,
}

/// How many records of one kind are new, identical or in conflict.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// In the file only.
    pub new: usize,
    /// Same id and same content on both sides.
    pub identical: usize,
    /// Same id, different content.
    pub conflicts: usize,
    /// In the journal only (kept by a merge, removed by a replace).
    pub only_in_journal: usize,
}

/// What importing a backup would do, for the confirmation screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// People in the file against people in the journal.
    pub people: Counts,
    /// Interactions in the file against interactions in the journal.
    pub interactions: Counts,
    /// Every conflict, people first (by name), then interactions (by date).
    pub conflicts: Vec<Conflict>,
    /// Labels of purposes in the file that the journal lacks.
    pub new_purposes: Vec<String>,
    /// Whether the file's settings differ from the journal's (a merge keeps the journal's).
    pub settings_differ: bool,
    /// The file's schema version.
    pub schema: u32,
    /// The app version that wrote the file.
    pub app: Option<String>,
    /// When the file was exported.
    pub exported: Option<DateTime<Utc>>,
}

/// The import could not be applied (the merged records broke a rule of the model).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplyError(pub ModelError);

impl fmt::Display for ApplyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the import could not be applied: {}", self.0)
    }
}

impl std::error::Error for ApplyError {}

/// Compares the file with the journal without changing either.
pub fn preview(parsed: &ParsedBackup, journal: &Journal) -> Preview {
    let file = &parsed.journal;
    let mut conflicts = Vec::new();
    let mut people = Counts::default();
    for theirs in file.people() {
        match journal.person(&theirs.id) {
            None => people.new += 1,
            Some(ours) if ours == theirs => people.identical += 1,
            Some(ours) => {
                people.conflicts += 1;
                conflicts.push(Conflict {
                    kind: RecordKind::Person,
                    id: theirs.id.to_string(),
                    label: theirs.name.clone(),
                    newer: newer(theirs.updated, ours.updated),
                    file_updated: theirs.updated,
                    journal_updated: ours.updated,
                });
            }
        }
    }
    people.only_in_journal = journal
        .people()
        .filter(|p| file.person(&p.id).is_none())
        .count();

    let mut interactions = Counts::default();
    let mut dated = Vec::new();
    for theirs in file.interactions_by_date() {
        match journal.interaction(&theirs.id) {
            None => interactions.new += 1,
            Some(ours) if ours == theirs => interactions.identical += 1,
            Some(ours) => {
                interactions.conflicts += 1;
                dated.push(Conflict {
                    kind: RecordKind::Interaction,
                    id: theirs.id.to_string(),
                    label: interaction_label(theirs, file),
                    newer: newer(theirs.updated, ours.updated),
                    file_updated: theirs.updated,
                    journal_updated: ours.updated,
                });
            }
        }
    }
    interactions.only_in_journal = journal
        .interactions()
        .filter(|i| file.interaction(&i.id).is_none())
        .count();
    conflicts.sort_by(|a, b| (a.label.to_lowercase(), &a.id).cmp(&(b.label.to_lowercase(), &b.id)));
    conflicts.extend(dated);

    let new_purposes = file
        .purposes()
        .iter()
        .filter(|p| {
            journal.purpose(&p.id).is_none()
                && !journal
                    .purposes()
                    .iter()
                    .any(|q| same_label(&q.label, &p.label))
        })
        .map(|p| p.label.clone())
        .collect();
    Preview {
        people,
        interactions,
        conflicts,
        new_purposes,
        settings_differ: file.settings() != journal.settings(),
        schema: parsed.schema,
        app: parsed.app.clone(),
        exported: parsed.exported,
    }
}

fn newer(file: DateTime<Utc>, journal: DateTime<Utc>) -> Newer {
    match file.cmp(&journal) {
        std::cmp::Ordering::Greater => Newer::File,
        std::cmp::Ordering::Less => Newer::Journal,
        std::cmp::Ordering::Equal => Newer::Same,
    }
}

/// "2024-03-12, Coffee with Ana Silva, Ben Okafor".
fn interaction_label(interaction: &Interaction, journal: &Journal) -> String {
    let names: Vec<&str> = interaction
        .people
        .iter()
        .map(|id| journal.person(id).map_or(id.as_str(), |p| p.name.as_str()))
        .collect();
    format!(
        "{}, {} with {}",
        interaction.date,
        interaction.kind.label(),
        names.join(", ")
    )
}

fn same_label(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// Imports a checked backup and returns the resulting journal; `journal` itself is not changed.
///
/// * [`Mode::Replace`]: the file becomes the journal.
/// * [`Mode::Merge`]: records are combined by id (newer wins). Purposes are
///   united (two purposes with the same label become one, keeping the smaller
///   id); the journal's settings are kept. Merging into a journal with no
///   people and no interactions takes the file's purposes and settings as
///   they are, so a backup restored on a new device is exactly the original.
pub fn apply_import(
    journal: &Journal,
    parsed: ParsedBackup,
    mode: Mode,
) -> Result<Journal, ApplyError> {
    let file = parsed.journal;
    if mode == Mode::Replace || (journal.person_count() == 0 && journal.interaction_count() == 0) {
        return Ok(file);
    }
    let file = file.to_parts();

    let mut people: BTreeMap<_, Person> = journal
        .people()
        .map(|p| (p.id.clone(), p.clone()))
        .collect();
    for theirs in file.people {
        match people.get(&theirs.id) {
            Some(ours) if !takes_theirs(ours, &theirs, ours.updated, theirs.updated) => {}
            _ => {
                people.insert(theirs.id.clone(), theirs);
            }
        }
    }
    // Each interaction remembers its side: purpose renames differ per side.
    let mut interactions: BTreeMap<_, (Interaction, bool)> = journal
        .interactions()
        .map(|i| (i.id.clone(), (i.clone(), false)))
        .collect();
    for theirs in file.interactions {
        match interactions.get(&theirs.id) {
            Some((ours, _)) if !takes_theirs(ours, &theirs, ours.updated, theirs.updated) => {}
            _ => {
                interactions.insert(theirs.id.clone(), (theirs, true));
            }
        }
    }

    let united = unite_purposes(journal.purposes(), &file.purposes);
    let interactions: Vec<Interaction> = interactions
        .into_values()
        .map(|(mut interaction, from_file)| {
            let renamed = if from_file {
                &united.theirs_renamed
            } else {
                &united.ours_renamed
            };
            if let Some(new_id) = interaction.purpose.as_ref().and_then(|p| renamed.get(p)) {
                interaction.purpose = Some(new_id.clone());
            }
            interaction
        })
        .collect();
    let purposes = united.list;
    Journal::from_parts(JournalParts {
        version: FORMAT_VERSION,
        people: people.into_values().collect(),
        interactions,
        purposes,
        settings: journal.settings().clone(),
    })
    .map_err(ApplyError)
}

/// Whether the file's version of a record replaces ours: newer `updated`
/// wins; on a tie the larger JSON wins, the same answer on both devices.
fn takes_theirs<T: Serialize + PartialEq>(
    ours: &T,
    theirs: &T,
    our_time: DateTime<Utc>,
    their_time: DateTime<Utc>,
) -> bool {
    if ours == theirs {
        return false;
    }
    match their_time.cmp(&our_time) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => {
            let ours = serde_json::to_string(ours).unwrap_or_default();
            let theirs = serde_json::to_string(theirs).unwrap_or_default();
            theirs > ours
        }
    }
}

/// The purposes after a merge, and the ids that changed on each side.
struct UnitedPurposes {
    list: Vec<Purpose>,
    ours_renamed: BTreeMap<PurposeId, PurposeId>,
    theirs_renamed: BTreeMap<PurposeId, PurposeId>,
}

/// The journal's purposes plus the file's new ones. Two purposes with the
/// same label (ignoring case) become one with the smaller id, whichever side
/// it came from, so both devices pick the same one.
fn unite_purposes(ours: &[Purpose], theirs: &[Purpose]) -> UnitedPurposes {
    let mut united = UnitedPurposes {
        list: ours.to_vec(),
        ours_renamed: BTreeMap::new(),
        theirs_renamed: BTreeMap::new(),
    };
    for purpose in theirs {
        if united.list.iter().any(|p| p.id == purpose.id) {
            continue;
        }
        match united
            .list
            .iter_mut()
            .find(|p| same_label(&p.label, &purpose.label))
        {
            Some(existing) if purpose.id < existing.id => {
                united
                    .ours_renamed
                    .insert(existing.id.clone(), purpose.id.clone());
                existing.id = purpose.id.clone();
            }
            Some(existing) => {
                united
                    .theirs_renamed
                    .insert(purpose.id.clone(), existing.id.clone());
            }
            None => united.list.push(purpose.clone()),
        }
    }
    united
}
