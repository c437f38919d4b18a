//! The storage engine: loads a journal from segments, saves only what changed, and
//! pulls in what another tab saved.
//!
//! The engine is generic over [`Backend`], so the same code runs against the real
//! localStorage in the browser and against [`MemoryBackend`](super::backend::MemoryBackend)
//! in host tests.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::hash::Hash;

use serde::{de::DeserializeOwned, Deserialize, Serialize};

use super::backend::{Backend, BackendError, QUOTA_UNITS};
use super::codec::{self, utf16_units};
use super::layout::{
    make_version, parse_segment_key, version_generation, version_time, Head, SegmentName,
    GARBAGE_MIN_AGE_MS, HEAD_KEY, INTERACTIONS_PER_SEGMENT, LINEAGE_LENGTH, PEOPLE_PER_SEGMENT,
    PREFIX, SEGMENT_PREFIX,
};
use super::migrate;
use crate::model::{
    Applied, Interaction, InteractionId, Journal, JournalParts, Person, PersonId, Purpose,
    Settings, FORMAT_VERSION,
};

/// The version of the app, written into the head for the user's information.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Why the stored journal could not be loaded. Nothing is changed in storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Storage cannot be used at all.
    Unavailable(String),
    /// The data was written by a newer version of Rapport.
    NewerVersion { found: u32, supported: u32 },
    /// Something stored cannot be read; `key` says where.
    Corrupt { key: String, reason: String },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Unavailable(why) => write!(f, "This browser's storage cannot be used: {why}."),
            LoadError::NewerVersion { found, supported } => write!(
                f,
                "Your journal was saved by a newer version of Rapport (data format {found}; \
                 this version reads up to {supported}). Reload to update the app; nothing was changed."
            ),
            LoadError::Corrupt { key, reason } => write!(f, "{key}: {reason}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// Why a change could not be saved. The change stays in memory; storage is as before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    /// The browser's storage for this site is full.
    QuotaExceeded,
    /// Storage refused the write for another reason.
    Backend(BackendError),
    /// Saving is off because the stored data could not be read; see [`LoadError`].
    ReadOnly,
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::QuotaExceeded => write!(f, "This browser's storage for Rapport is full."),
            SaveError::Backend(err) => write!(f, "Saving failed: {err}."),
            SaveError::ReadOnly => write!(f, "Saving is off until the stored journal can be read."),
        }
    }
}

impl std::error::Error for SaveError {}

impl From<BackendError> for SaveError {
    fn from(err: BackendError) -> Self {
        match err {
            BackendError::QuotaExceeded => SaveError::QuotaExceeded,
            other => SaveError::Backend(other),
        }
    }
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

/// How much of the origin's quota is in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    /// UTF-16 code units used by every key and value of this origin.
    pub used_units: usize,
    /// Units used by Rapport's own keys.
    pub rapport_units: usize,
    /// The quota, in units.
    pub quota_units: usize,
}

impl Usage {
    /// The share of the quota in use, from 0 to 1.
    pub fn fraction(&self) -> f64 {
        self.used_units as f64 / self.quota_units as f64
    }

    /// At or past the point where the user should be warned (80 %).
    pub fn is_high(&self) -> bool {
        self.fraction() >= 0.8
    }
}

/// Which segment holds each record, for one kind of record.
#[derive(Debug, Clone)]
struct Chunks<Id> {
    at: HashMap<Id, u32>,
    members: BTreeMap<u32, BTreeSet<Id>>,
    capacity: usize,
}

impl<Id: Clone + Ord + Hash> Chunks<Id> {
    fn new(capacity: usize) -> Self {
        Self {
            at: HashMap::new(),
            members: BTreeMap::new(),
            capacity,
        }
    }

    fn insert(&mut self, chunk: u32, id: Id) {
        self.at.insert(id.clone(), chunk);
        self.members.entry(chunk).or_default().insert(id);
    }

    /// Replaces one chunk's members.
    fn set_members(&mut self, chunk: u32, ids: BTreeSet<Id>) {
        if let Some(old) = self.members.remove(&chunk) {
            for id in old {
                if self.at.get(&id) == Some(&chunk) {
                    self.at.remove(&id);
                }
            }
        }
        if !ids.is_empty() {
            for id in &ids {
                self.at.insert(id.clone(), chunk);
            }
            self.members.insert(chunk, ids);
        }
    }

    /// The new members of every chunk touched by `ids`: existing records stay where
    /// they are, vanished ones leave, new ones fill the newest chunk with room.
    fn plan(
        &self,
        ids: &BTreeSet<Id>,
        exists: impl Fn(&Id) -> bool,
    ) -> BTreeMap<u32, BTreeSet<Id>> {
        let mut planned: BTreeMap<u32, BTreeSet<Id>> = BTreeMap::new();
        let mut newcomers = Vec::new();
        for id in ids {
            match (self.at.get(id), exists(id)) {
                (Some(&chunk), present) => {
                    let members = planned
                        .entry(chunk)
                        .or_insert_with(|| self.members.get(&chunk).cloned().unwrap_or_default());
                    if !present {
                        members.remove(id);
                    }
                }
                (None, true) => newcomers.push(id.clone()),
                (None, false) => {}
            }
        }
        let mut open = self.members.keys().next_back().copied().unwrap_or(0);
        for id in newcomers {
            loop {
                let members = planned
                    .entry(open)
                    .or_insert_with(|| self.members.get(&open).cloned().unwrap_or_default());
                if members.len() < self.capacity {
                    members.insert(id);
                    break;
                }
                open += 1;
            }
        }
        planned
    }
}

/// Records changed in memory but not yet written.
#[derive(Debug, Clone, Default)]
struct Pending {
    people: BTreeSet<PersonId>,
    interactions: BTreeSet<InteractionId>,
    config: bool,
}

impl Pending {
    fn absorb(&mut self, applied: &Applied) {
        self.people.extend(applied.people_upserted.iter().cloned());
        self.people.extend(applied.people_removed.iter().cloned());
        self.interactions
            .extend(applied.interactions_upserted.iter().map(|u| u.id.clone()));
        self.interactions
            .extend(applied.interactions_removed.iter().map(|r| r.id.clone()));
        self.config |= applied.purposes_changed || applied.settings_changed;
    }

    fn is_empty(&self) -> bool {
        self.people.is_empty() && self.interactions.is_empty() && !self.config
    }

    fn extend(&mut self, other: Pending) {
        self.people.extend(other.people);
        self.interactions.extend(other.interactions);
        self.config |= other.config;
    }
}

/// A save of this tab that no other tab's head has yet been seen to build on.
#[derive(Debug, Clone)]
struct Commit {
    /// The head id it wrote.
    id: String,
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
fn judge(unconfirmed: &mut Vec<Commit>, head: &Head) -> (Pending, Vec<String>) {
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

/// The configuration segment's contents.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Config {
    purposes: Vec<Purpose>,
    #[serde(default)]
    settings: Settings,
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
    /// This tab's saves not yet known to stand (see [`judge`]).
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
        pending.config |=
            before.purposes() != after.purposes() || before.settings() != after.settings();
    }

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
            true,
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
                    false,
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

    fn remove_keys(&mut self, keys: &[String]) {
        for key in keys {
            let _ = self.backend.remove(key);
        }
    }

    /// The journal's records with the given segments' records replaced by `loaded`.
    /// With `keep_local`, records changed here and not yet saved keep their local form.
    fn merge_parts(
        &self,
        journal: &Journal,
        loaded: &Loaded,
        replaced_people: &BTreeSet<PersonId>,
        replaced_interactions: &BTreeSet<InteractionId>,
        keep_local: bool,
    ) -> JournalParts {
        let local = |pending: bool| keep_local && pending;
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
        let (purposes, settings) = match (&loaded.config, local(self.pending.config)) {
            (Some(config), false) => (config.purposes.clone(), config.settings.clone()),
            _ => (journal.purposes().to_vec(), journal.settings().clone()),
        };
        JournalParts {
            version: FORMAT_VERSION,
            people: people.into_values().collect(),
            interactions: interactions.into_values().collect(),
            purposes,
            settings,
        }
    }

    fn write_pending(&mut self, journal: &Journal) -> Result<(), SaveError> {
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
            };
            writes.push((SegmentName::Config, Some(to_json(&config))));
        }
        for (chunk, ids) in &people_plan {
            let records: Vec<&Person> = ids.iter().filter_map(|id| journal.person(id)).collect();
            writes.push((
                SegmentName::People(*chunk),
                (!records.is_empty()).then(|| to_json(&records)),
            ));
        }
        for (chunk, ids) in &interaction_plan {
            let records: Vec<&Interaction> = ids
                .iter()
                .filter_map(|id| journal.interaction(id))
                .collect();
            writes.push((
                SegmentName::Interactions(*chunk),
                (!records.is_empty()).then(|| to_json(&records)),
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
                        self.undo_writes(&written);
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

        let head_json = serde_json::to_string(&head)
            .map_err(|err| SaveError::Backend(BackendError::Unavailable(err.to_string())))?;
        if let Err(err) = self.backend.set(HEAD_KEY, &head_json) {
            self.undo_writes(&written);
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

    fn undo_writes(&mut self, keys: &[String]) {
        for key in keys {
            let _ = self.backend.remove(key);
        }
    }

    fn read_head(&self) -> Result<Option<Head>, LoadError> {
        match self.backend.get(HEAD_KEY).map_err(unavailable)? {
            Some(text) => parse_head(&text).map(Some),
            None => Ok(None),
        }
    }

    fn load_from(&mut self, head: Head) -> Result<Journal, LoadError> {
        let segments = head.segments().map_err(corrupt_head)?;
        let upgrading = head.schema < FORMAT_VERSION;
        let mut loaded = Loaded::default();
        let mut raw = RawDocument::default();
        for (name, version) in &segments {
            if upgrading {
                raw.read(&self.backend, *name, version)?;
            } else {
                self.read_segment(*name, version, &mut loaded)?;
            }
        }
        if upgrading {
            loaded = raw.upgrade(head.schema)?;
        }

        let config = loaded.config.clone().unwrap_or_else(|| Config {
            purposes: JournalParts::default().purposes,
            settings: Settings::default(),
        });
        let parts = JournalParts {
            version: FORMAT_VERSION,
            people: std::mem::take(&mut loaded.people),
            interactions: std::mem::take(&mut loaded.interactions),
            purposes: config.purposes,
            settings: config.settings,
        };
        let journal = Journal::from_parts(parts).map_err(|err| LoadError::Corrupt {
            key: "journal".to_owned(),
            reason: err.to_string(),
        })?;

        for (chunk, ids) in loaded.people_in {
            for id in ids {
                self.people.insert(chunk, id);
            }
        }
        for (chunk, ids) in loaded.interactions_in {
            for id in ids {
                self.interactions.insert(chunk, id);
            }
        }
        self.head = head;
        self.head_text.clear();

        if upgrading {
            self.rewrite_everything(&journal).map_err(|err| {
                LoadError::Unavailable(format!("the upgraded journal could not be saved: {err}"))
            })?;
        }
        Ok(journal)
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

    fn rewrite_everything(&mut self, journal: &Journal) -> Result<(), SaveError> {
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

    fn read_segment(
        &self,
        name: SegmentName,
        version: &str,
        loaded: &mut Loaded,
    ) -> Result<(), LoadError> {
        let key = name.key(version);
        let bytes = read_bytes(&self.backend, &key)?;
        match name {
            SegmentName::Config => loaded.config = Some(parse_records(&key, &bytes)?),
            SegmentName::People(n) => {
                let people: Vec<Person> = parse_records(&key, &bytes)?;
                loaded
                    .people_in
                    .entry(n)
                    .or_default()
                    .extend(people.iter().map(|p| p.id.clone()));
                loaded.people.extend(people);
            }
            SegmentName::Interactions(n) => {
                let interactions: Vec<Interaction> = parse_records(&key, &bytes)?;
                loaded
                    .interactions_in
                    .entry(n)
                    .or_default()
                    .extend(interactions.iter().map(|i| i.id.clone()));
                loaded.interactions.extend(interactions);
            }
        }
        Ok(())
    }

    /// Removes segments no head can point to any more: those left by an interrupted
    /// or overwritten save. Only generations up to the head's are touched, and only
    /// segments at least [`GARBAGE_MIN_AGE_MS`] old, so a save another tab is making
    /// right now (even one that has not yet seen the newest head) is left alone.
    fn collect_garbage(&mut self) {
        let Ok(keys) = self.backend.keys() else {
            return;
        };
        let now = self.backend.now_ms();
        let old_enough = |version: &str| match (version_time(version), now) {
            // Written before versions carried a time.
            (None, _) => true,
            (Some(written), Some(now)) => now.saturating_sub(written) >= GARBAGE_MIN_AGE_MS,
            (Some(_), None) => false,
        };
        let live: BTreeSet<String> = self
            .head
            .seg
            .iter()
            .filter_map(|(name, version)| SegmentName::parse(name).map(|n| n.key(version)))
            .collect();
        for key in keys {
            let Some((_, version)) = parse_segment_key(&key) else {
                continue;
            };
            let stale = version_generation(version).is_none_or(|gen| gen <= self.head.gen);
            if stale && old_enough(version) && !live.contains(&key) {
                let _ = self.backend.remove(&key);
            }
        }
    }
}

/// Records read from segments, and which segment each came from.
#[derive(Debug, Default)]
struct Loaded {
    people: Vec<Person>,
    interactions: Vec<Interaction>,
    config: Option<Config>,
    people_in: BTreeMap<u32, BTreeSet<PersonId>>,
    interactions_in: BTreeMap<u32, BTreeSet<InteractionId>>,
}

/// Segments read as untyped JSON, for a migration from an older schema.
#[derive(Debug, Default)]
struct RawDocument {
    people: Vec<(u32, serde_json::Value)>,
    interactions: Vec<(u32, serde_json::Value)>,
    config: Option<serde_json::Value>,
}

impl RawDocument {
    fn read<B: Backend>(
        &mut self,
        backend: &B,
        name: SegmentName,
        version: &str,
    ) -> Result<(), LoadError> {
        let key = name.key(version);
        let bytes = read_bytes(backend, &key)?;
        match name {
            SegmentName::Config => self.config = Some(parse_records(&key, &bytes)?),
            SegmentName::People(n) => {
                let records: Vec<serde_json::Value> = parse_records(&key, &bytes)?;
                self.people.extend(records.into_iter().map(|r| (n, r)));
            }
            SegmentName::Interactions(n) => {
                let records: Vec<serde_json::Value> = parse_records(&key, &bytes)?;
                self.interactions
                    .extend(records.into_iter().map(|r| (n, r)));
            }
        }
        Ok(())
    }

    /// Runs the migrations on the whole document, then reads it as the current schema.
    fn upgrade(self, from: u32) -> Result<Loaded, LoadError> {
        let mut document = serde_json::Map::new();
        document.insert("v".into(), from.into());
        document.insert(
            "people".into(),
            self.people.iter().map(|(_, r)| r.clone()).collect(),
        );
        document.insert(
            "log".into(),
            self.interactions.iter().map(|(_, r)| r.clone()).collect(),
        );
        if let Some(serde_json::Value::Object(config)) = self.config {
            document.extend(config);
        }
        let upgraded = migrate::upgrade(serde_json::Value::Object(document)).map_err(|reason| {
            LoadError::Corrupt {
                key: "journal".to_owned(),
                reason,
            }
        })?;
        // Through bytes, not `from_value`: one deserializer for every record type
        // keeps the wasm smaller.
        let parts: JournalParts =
            serde_json::from_slice(&to_json(&upgraded)).map_err(|err| LoadError::Corrupt {
                key: "journal".to_owned(),
                reason: format!("after upgrading: {err}"),
            })?;
        Ok(Loaded {
            people: parts.people,
            interactions: parts.interactions,
            config: Some(Config {
                purposes: parts.purposes,
                settings: parts.settings,
            }),
            // Chunk membership is rebuilt when everything is rewritten.
            people_in: BTreeMap::new(),
            interactions_in: BTreeMap::new(),
        })
    }
}

/// Reads a head's text, refusing one written by a newer version.
fn parse_head(text: &str) -> Result<Head, LoadError> {
    let head: Head = serde_json::from_slice(text.as_bytes()).map_err(|err| LoadError::Corrupt {
        key: HEAD_KEY.to_owned(),
        reason: format!("is not a valid head ({err})"),
    })?;
    if head.schema > FORMAT_VERSION {
        return Err(LoadError::NewerVersion {
            found: head.schema,
            supported: FORMAT_VERSION,
        });
    }
    Ok(head)
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    // Serialising our own plain data types cannot fail.
    serde_json::to_vec(value).unwrap_or_default()
}

fn unavailable(err: BackendError) -> LoadError {
    LoadError::Unavailable(err.to_string())
}

fn corrupt_head(reason: String) -> LoadError {
    LoadError::Corrupt {
        key: HEAD_KEY.to_owned(),
        reason,
    }
}

fn read_bytes<B: Backend>(backend: &B, key: &str) -> Result<Vec<u8>, LoadError> {
    let text = backend
        .get(key)
        .map_err(unavailable)?
        .ok_or_else(|| LoadError::Corrupt {
            key: key.to_owned(),
            reason: "is missing".to_owned(),
        })?;
    codec::decode(&text).map_err(|err| LoadError::Corrupt {
        key: key.to_owned(),
        reason: err.to_string(),
    })
}

/// Parses a segment; on failure, finds the first record that is wrong and says which.
fn parse_records<T: DeserializeOwned>(key: &str, bytes: &[u8]) -> Result<T, LoadError> {
    serde_json::from_slice(bytes).map_err(|err| {
        let detail = match serde_json::from_slice::<Vec<serde_json::Value>>(bytes) {
            Ok(records) => format!(
                "a record does not match the expected shape ({err}); it holds {} records",
                records.len()
            ),
            Err(_) => format!("is not valid JSON ({err})"),
        };
        LoadError::Corrupt {
            key: key.to_owned(),
            reason: detail,
        }
    })
}

/// Measures how much of the quota is used, as the browser counts it.
pub fn usage<B: Backend>(backend: &B) -> Result<Usage, BackendError> {
    let mut used = 0;
    let mut ours = 0;
    for key in backend.keys()? {
        let units = utf16_units(&key) + backend.get(&key)?.map_or(0, |v| utf16_units(&v));
        used += units;
        if key.starts_with(PREFIX) {
            ours += units;
        }
    }
    Ok(Usage {
        used_units: used,
        rapport_units: ours,
        quota_units: QUOTA_UNITS,
    })
}

/// Every Rapport key and its raw value as a JSON object, with segments also decoded
/// where possible: what the recovery screen offers to download.
pub fn raw_dump<B: Backend>(backend: &B) -> Result<String, BackendError> {
    let mut dump = serde_json::Map::new();
    for key in backend.keys()? {
        if !key.starts_with(PREFIX) {
            continue;
        }
        let Some(raw) = backend.get(&key)? else {
            continue;
        };
        let mut entry = serde_json::Map::new();
        if key.starts_with(SEGMENT_PREFIX) {
            if let Ok(bytes) = codec::decode(&raw) {
                let decoded = serde_json::from_slice(&bytes).unwrap_or_else(|_| {
                    serde_json::Value::String(String::from_utf8_lossy(&bytes).into_owned())
                });
                entry.insert("decoded".into(), decoded);
            }
        }
        entry.insert("raw".into(), serde_json::Value::String(raw));
        dump.insert(key, serde_json::Value::Object(entry));
    }
    serde_json::to_string_pretty(&dump).map_err(|err| BackendError::Unavailable(err.to_string()))
}

/// Deletes every Rapport key: "start fresh", only after the user confirmed.
pub fn erase_all<B: Backend>(backend: &mut B) -> Result<(), BackendError> {
    for key in backend.keys()? {
        if key.starts_with(PREFIX) {
            backend.remove(&key)?;
        }
    }
    Ok(())
}
