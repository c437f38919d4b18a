//! What an import would change ([`preview`]) and doing it ([`apply_import`]).
//!
//! Merging is by id, and a record is known by its id and its `created` time,
//! which never changes:
//! * same id, same `created`: the same record, perhaps edited on both sides.
//!   The one with the later `updated` time wins; on a tie the one whose JSON
//!   sorts later wins, so that two devices that merge each other's exports
//!   end up with the same records whichever merges first.
//! * same id, different `created`: two records that happen to share an id
//!   (made separately on two devices). Both are kept: the older keeps the id,
//!   the younger gets a new one minted from its old id and `created` time,
//!   and every reference to it on its side (interaction people, exchange
//!   people, "introduced by") follows. Which one is older and the new id are
//!   the same on every device, so merging in either direction agrees.
//!
//! Merging never deletes: a record removed on one device comes back when the
//! other device's export is merged.
//!
//! `apply_import` returns a new journal and leaves the current one untouched,
//! so the UI can offer "Undo import" by keeping the old one.

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap, FxHashSet};
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::json::ParsedBackup;
use crate::model::{
    Interaction, InteractionId, Journal, JournalParts, Milestone, ModelError, Person, PersonId,
    Purpose, PurposeId, FORMAT_VERSION,
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

/// Two separate records with the same id: a merge keeps both, one under a new id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptBoth {
    /// Person or interaction.
    pub kind: RecordKind,
    /// The id they share.
    pub id: String,
    /// The file's record: a person's name, or an interaction's date, kind and people.
    pub file_label: String,
    /// The journal's record, labelled the same way.
    pub journal_label: String,
}

/// How many records of one kind are new, identical or in conflict.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// In the file only.
    pub new: usize,
    /// Same id and same content on both sides.
    pub identical: usize,
    /// Same id, different content (the same record, changed on one side or both).
    pub conflicts: usize,
    /// Same id but made separately (a different `created` time): a merge keeps both.
    pub kept_both: usize,
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
    /// Every pair of separate records that share an id, in the same order as conflicts.
    pub kept_both: Vec<KeptBoth>,
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
    let file = parsed.records();
    let file_people: FxHashMap<&PersonId, &Person> =
        file.people.iter().map(|p| (&p.id, p)).collect();
    let file_interactions: FxHashSet<&InteractionId> =
        file.interactions.iter().map(|i| &i.id).collect();
    let mut conflicts = Vec::new();
    let mut kept_both = Vec::new();
    let mut people = Counts::default();
    for theirs in &file.people {
        match journal.person(&theirs.id) {
            None => people.new += 1,
            Some(ours) if ours == theirs => people.identical += 1,
            Some(ours) if ours.created != theirs.created => {
                people.kept_both += 1;
                kept_both.push(KeptBoth {
                    kind: RecordKind::Person,
                    id: theirs.id.to_string(),
                    file_label: theirs.name.clone(),
                    journal_label: ours.name.clone(),
                });
            }
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
        .filter(|p| !file_people.contains_key(&p.id))
        .count();

    let mut interactions = Counts::default();
    let mut dated = Vec::new();
    let mut dated_kept = Vec::new();
    let file_name = |id: &PersonId| file_people.get(id).map(|p| p.name.as_str());
    let mut by_date: Vec<&Interaction> = file.interactions.iter().collect();
    by_date.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    for theirs in by_date {
        match journal.interaction(&theirs.id) {
            None => interactions.new += 1,
            Some(ours) if ours == theirs => interactions.identical += 1,
            Some(ours) if ours.created != theirs.created => {
                interactions.kept_both += 1;
                dated_kept.push(KeptBoth {
                    kind: RecordKind::Interaction,
                    id: theirs.id.to_string(),
                    file_label: interaction_label(theirs, &file_name),
                    journal_label: interaction_label(ours, &|id| journal_name(journal, id)),
                });
            }
            Some(ours) => {
                interactions.conflicts += 1;
                dated.push(Conflict {
                    kind: RecordKind::Interaction,
                    id: theirs.id.to_string(),
                    label: interaction_label(theirs, &file_name),
                    newer: newer(theirs.updated, ours.updated),
                    file_updated: theirs.updated,
                    journal_updated: ours.updated,
                });
            }
        }
    }
    interactions.only_in_journal = journal
        .interactions()
        .filter(|i| !file_interactions.contains(&i.id))
        .count();
    conflicts.sort_by(|a, b| (a.label.to_lowercase(), &a.id).cmp(&(b.label.to_lowercase(), &b.id)));
    conflicts.extend(dated);
    kept_both.sort_by(|a, b| {
        (a.file_label.to_lowercase(), &a.id).cmp(&(b.file_label.to_lowercase(), &b.id))
    });
    kept_both.extend(dated_kept);

    let new_purposes = file
        .purposes
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
        kept_both,
        new_purposes,
        settings_differ: &file.settings != journal.settings(),
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

fn journal_name<'j>(journal: &'j Journal, id: &PersonId) -> Option<&'j str> {
    journal.person(id).map(|p| p.name.as_str())
}

/// "2024-03-12, Coffee with Ana Silva, Ben Okafor", with names from `name_of`.
fn interaction_label<'n>(
    interaction: &'n Interaction,
    name_of: &dyn Fn(&PersonId) -> Option<&'n str>,
) -> String {
    let names: Vec<&str> = interaction
        .people
        .iter()
        .map(|id| name_of(id).unwrap_or(id.as_str()))
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
/// * [`Mode::Merge`]: records are combined by id (newer wins); two separate
///   records that share an id are both kept (see the module notes). Purposes are
///   united (two purposes with the same label become one, keeping the smaller
///   id); the journal's settings are kept. Merging into a journal with no
///   people and no interactions takes the file's purposes and settings as
///   they are, so a backup restored on a new device is exactly the original.
pub fn apply_import(
    journal: &Journal,
    parsed: ParsedBackup,
    mode: Mode,
) -> Result<Journal, ApplyError> {
    let empty = journal.person_count() == 0
        && journal.interaction_count() == 0
        && journal.milestone_count() == 0;
    if mode == Mode::Replace || empty {
        return Ok(parsed.into_journal());
    }
    let mut file = parsed.records.into_parts();
    let mut ours = journal.to_parts();
    separate_shared_ids(&mut ours, &mut file);

    let mut people: BTreeMap<_, Person> =
        ours.people.into_iter().map(|p| (p.id.clone(), p)).collect();
    for theirs in file.people {
        match people.get(&theirs.id) {
            Some(ours) if !takes_theirs(ours, &theirs, ours.updated, theirs.updated) => {}
            _ => {
                people.insert(theirs.id.clone(), theirs);
            }
        }
    }
    // Each interaction remembers its side: purpose renames differ per side.
    let mut interactions: BTreeMap<_, (Interaction, bool)> = ours
        .interactions
        .into_iter()
        .map(|i| (i.id.clone(), (i, false)))
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
    // Milestones refer to nothing, so they merge by id alone: the newer wins.
    let mut milestones: BTreeMap<_, Milestone> = ours
        .milestones
        .into_iter()
        .map(|m| (m.id.clone(), m))
        .collect();
    for theirs in file.milestones {
        match milestones.get(&theirs.id) {
            Some(ours) if !takes_theirs(ours, &theirs, ours.updated, theirs.updated) => {}
            _ => {
                milestones.insert(theirs.id.clone(), theirs);
            }
        }
    }
    Journal::from_parts(JournalParts {
        version: FORMAT_VERSION,
        people: people.into_values().collect(),
        interactions,
        purposes,
        settings: journal.settings().clone(),
        milestones: milestones.into_values().collect(),
    })
    .map_err(ApplyError)
}

/// Gives new ids to records that share an id with a separate record on the
/// other side (different `created`): the younger of the two is renamed, on
/// whichever side it is, and the references on that side follow it.
fn separate_shared_ids(ours: &mut JournalParts, theirs: &mut JournalParts) {
    let stamps = |people: &[Person]| -> BTreeMap<PersonId, DateTime<Utc>> {
        people.iter().map(|p| (p.id.clone(), p.created)).collect()
    };
    let (our_people, their_people) = (stamps(&ours.people), stamps(&theirs.people));
    let (rename_ours, rename_theirs) = shared_ids(&our_people, &their_people);
    let stamps = |log: &[Interaction]| -> BTreeMap<InteractionId, DateTime<Utc>> {
        log.iter().map(|i| (i.id.clone(), i.created)).collect()
    };
    let (our_log, their_log) = (stamps(&ours.interactions), stamps(&theirs.interactions));
    let (rename_our_log, rename_their_log) = shared_ids(&our_log, &their_log);
    rename(ours, &rename_ours, &rename_our_log);
    rename(theirs, &rename_theirs, &rename_their_log);
}

/// For ids on both sides with different `created` times: the new id of the
/// younger record, on our side and on theirs.
type Renames<Id> = (BTreeMap<Id, Id>, BTreeMap<Id, Id>);

fn shared_ids<Id>(
    ours: &BTreeMap<Id, DateTime<Utc>>,
    theirs: &BTreeMap<Id, DateTime<Utc>>,
) -> Renames<Id>
where
    Id: Ord + Clone + FromStr + fmt::Display,
{
    let mut renamed: Renames<Id> = (BTreeMap::new(), BTreeMap::new());
    for (id, their_created) in theirs {
        let Some(our_created) = ours.get(id) else {
            continue;
        };
        if our_created == their_created {
            continue;
        }
        // The younger record moves, so both devices move the same one.
        let side_is_theirs = their_created > our_created;
        let (created, side, other) = if side_is_theirs {
            (*their_created, theirs, ours)
        } else {
            (*our_created, ours, theirs)
        };
        let minted: Vec<&Id> = renamed.0.values().chain(renamed.1.values()).collect();
        if let Some(new_id) = mint_id(id, created, side, other, &minted) {
            let moved = if side_is_theirs {
                &mut renamed.1
            } else {
                &mut renamed.0
            };
            moved.insert(id.clone(), new_id);
        }
    }
    renamed
}

/// A new id for the record `id` created at `created`, the same on every
/// device: a hash of both, after the id's first letter (`p`, `i`). It must be
/// free on the record's own side and not minted already in this merge; on
/// the other side it may only be the same record (same `created`), renamed
/// there by an earlier merge.
fn mint_id<Id>(
    id: &Id,
    created: DateTime<Utc>,
    side: &BTreeMap<Id, DateTime<Utc>>,
    other: &BTreeMap<Id, DateTime<Utc>>,
    minted: &[&Id],
) -> Option<Id>
where
    Id: Ord + FromStr + fmt::Display,
{
    let old = id.to_string();
    let prefix: String = old.chars().take(1).collect();
    (0u32..64).find_map(|attempt| {
        let mut hash = Fnv::default();
        hash.write(old.as_bytes());
        hash.write(&created.timestamp_millis().to_le_bytes());
        hash.write(&attempt.to_le_bytes());
        let candidate: Id = format!("{prefix}{}", base36(hash.finish())).parse().ok()?;
        let free = !side.contains_key(&candidate)
            && !minted.contains(&&candidate)
            && other.get(&candidate).is_none_or(|c| *c == created);
        free.then_some(candidate)
    })
}

/// FNV-1a with a final mix: a small hash that is the same on every platform
/// and Rust version (the standard hasher promises neither).
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        // splitmix64's finaliser, so nearby inputs give unrelated ids.
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// `n` as 13 base-36 digits (enough for any u64).
fn base36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = [b'0'; 13];
    for slot in out.iter_mut().rev() {
        *slot = DIGITS[(n % 36) as usize];
        n /= 36;
    }
    out.iter().map(|&b| char::from(b)).collect()
}

/// Applies new ids to one side's records and to every reference to them on that side.
fn rename(
    side: &mut JournalParts,
    people: &BTreeMap<PersonId, PersonId>,
    log: &BTreeMap<InteractionId, InteractionId>,
) {
    let moved = |id: &mut PersonId| {
        if let Some(new_id) = people.get(id) {
            *id = new_id.clone();
        }
    };
    if !people.is_empty() {
        for person in &mut side.people {
            moved(&mut person.id);
            if let Some(via) = person.met.introduced_by.as_mut() {
                moved(via);
            }
        }
    }
    for interaction in &mut side.interactions {
        if let Some(new_id) = log.get(&interaction.id) {
            interaction.id = new_id.clone();
        }
        if !people.is_empty() {
            for person in &mut interaction.people {
                moved(person);
            }
            for exchange in &mut interaction.exchanges {
                moved(&mut exchange.person);
            }
        }
    }
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
