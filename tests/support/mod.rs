//! Helpers shared by every test crate, host and browser alike: ids, dates and
//! small journals built one way everywhere, and storage scenarios written once
//! against any [`Backend`], so that the same checks run on [`MemoryBackend`] and
//! on the browser's real localStorage.
#![allow(dead_code)]

#[cfg(target_arch = "wasm32")]
pub mod browser;

use std::cell::RefCell;
use std::rc::Rc;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rapport::model::{
    Action, Applied, Direction, Exchange, ExchangeId, ExchangeKind, Initiator, Interaction,
    InteractionId, InteractionKind, Journal, Person, PersonId,
};
use rapport::storage::{
    Backend, BackendError, FailAfter, LoadError, MemoryBackend, SaveError, Store,
};

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A date in 2026, the year of [`now`].
pub fn day(month: u32, day: u32) -> NaiveDate {
    d(2026, month, day)
}

/// Noon UTC on a day.
pub fn ts(y: i32, m: u32, day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, day, 12, 0, 0).unwrap()
}

/// A fixed instant, so journals are reproducible.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 9, 30, 0).unwrap()
}

pub fn pid(n: u64) -> PersonId {
    PersonId::new(n)
}

pub fn iid(n: u64) -> InteractionId {
    InteractionId::new(n)
}

pub fn xid(n: u64) -> ExchangeId {
    ExchangeId::new(n)
}

/// A person created on 2020-01-01, with the id [`pid`] gives for `n`.
pub fn person(n: u64, name: &str) -> Person {
    Person::new(pid(n), name, ts(2020, 1, 1))
}

/// A coffee on `date` with the given people, created at noon that day.
pub fn meet(n: u64, date: NaiveDate, people: &[u64], by: Initiator) -> Interaction {
    coffee_among(n, date, people.iter().map(|&p| pid(p)).collect(), by)
}

/// A coffee I asked `with` for on `date`, with a note long enough to fill a
/// segment the way real entries do.
pub fn coffee(n: u64, with: &Person, date: NaiveDate) -> Interaction {
    let mut interaction = coffee_among(n, date, vec![with.id.clone()], Initiator::Me);
    interaction.note = format!(
        "Coffee number {n} with {}, about the new role at the library.",
        with.name
    );
    interaction
}

fn coffee_among(n: u64, date: NaiveDate, people: Vec<PersonId>, by: Initiator) -> Interaction {
    Interaction::new(
        iid(n),
        date,
        people,
        InteractionKind::Coffee,
        by,
        date.and_hms_opt(12, 0, 0).unwrap().and_utc(),
    )
}

pub fn exchange(n: u64, direction: Direction, person: u64, kind: ExchangeKind) -> Exchange {
    Exchange::new(xid(n), direction, pid(person), kind)
}

/// Builds a journal through the reducer (so the incremental caches are exercised).
pub fn journal(people: Vec<Person>, interactions: Vec<Interaction>) -> Journal {
    let mut j = Journal::new();
    for p in people {
        j.apply(Action::AddPerson(p)).unwrap();
    }
    for i in interactions {
        j.apply(Action::AddInteraction(i)).unwrap();
    }
    j
}

/// Asserts the incremental stats cache matches a full recompute and no id dangles.
pub fn assert_consistent(j: &Journal) {
    let fresh = rapport::model::stats::compute_all(j.people().map(|p| &p.id), j.interactions());
    assert_eq!(j.all_stats(), &fresh);
    j.check_integrity().unwrap();
}

/// Applies an action and saves it, panicking with the reason if either fails.
pub fn apply_and_save<B: Backend>(
    store: &mut Store<B>,
    journal: &mut Journal,
    action: Action,
) -> Applied {
    let applied = journal
        .apply(action)
        .unwrap_or_else(|err| panic!("action rejected: {err}"));
    store
        .save(journal, &applied)
        .unwrap_or_else(|err| panic!("save failed: {err}"));
    applied
}

/// A journal of `people` people with `per_person` coffees each, saved through `store`.
pub fn fill<B: Backend>(store: &mut Store<B>, journal: &mut Journal, people: u32, per_person: u32) {
    for p in 0..people {
        let someone = person(u64::from(p), &format!("Person {p} Chloé"));
        apply_and_save(store, journal, Action::AddPerson(someone.clone()));
        for k in 0..per_person {
            let date = day(1 + k % 12, 1 + (p + k) % 28);
            let n = u64::from(p) * 1_000 + u64::from(k);
            apply_and_save(
                store,
                journal,
                Action::AddInteraction(coffee(n, &someone, date)),
            );
        }
    }
}

/// Loads, panicking with the reason on failure.
pub fn load<B: Backend>(backend: B, token: &str) -> (Store<B>, Journal) {
    Store::load(backend, token).unwrap_or_else(|err| panic!("load failed: {err}"))
}

/// Every way a save can be cut short: the tab dies after 0, 1, 2, … writes. Each time
/// the next load must see exactly the state before the save or exactly the state after.
/// `reset` puts the "before" state into the backend and returns it. Returns how many
/// writes the complete save took.
pub fn interrupted_saves_are_all_or_nothing<B: Backend>(reset: impl Fn() -> B) -> usize {
    let (_, before) = load(reset(), "aa");
    let action = |journal: &Journal| {
        let someone = journal
            .people()
            .next()
            .cloned()
            .unwrap_or_else(|| person(999, "Ada"));
        Action::AddInteraction(coffee(424_242, &someone, day(11, 24)))
    };
    let mut after = before.clone();
    after
        .apply(action(&before))
        .unwrap_or_else(|err| panic!("{err}"));

    let mut saw_old = false;
    let mut writes_allowed = 0;
    loop {
        let (mut store, mut journal) = load(FailAfter::new(reset(), writes_allowed), "bb");
        let applied = journal
            .apply(action(&journal))
            .unwrap_or_else(|err| panic!("{err}"));
        let saved = store.save(&mut journal, &applied);
        assert_eq!(
            journal, after,
            "the change must stay in memory whatever happened to the save"
        );
        let (_, reloaded) = load(store.into_backend().inner, "cc");
        if reloaded == before {
            saw_old = true;
            assert!(
                saved.is_err(),
                "a save that reported success left the old state"
            );
        } else if reloaded != after {
            panic!("after {writes_allowed} writes the stored journal is neither the old nor the new state");
        }
        if saved.is_ok() {
            break;
        }
        writes_allowed += 1;
    }
    assert!(saw_old, "an interrupted save should leave the old state");
    writes_allowed
}

/// A frozen copy of a backend's entries, itself a backend.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot(pub std::collections::BTreeMap<String, String>);

impl Snapshot {
    /// Copies every entry of `backend`.
    pub fn of<B: Backend>(backend: &B) -> Self {
        let keys = backend.keys().unwrap_or_default();
        Self(
            keys.into_iter()
                .filter_map(|k| backend.get(&k).ok().flatten().map(|v| (k, v)))
                .collect(),
        )
    }

    /// Only Rapport's entries.
    pub fn rapport(&self) -> Self {
        Self(
            self.0
                .iter()
                .filter(|(k, _)| k.starts_with("rapport/"))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        )
    }
}

impl Backend for Snapshot {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        Ok(self.0.get(key).cloned())
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        self.0.insert(key.to_owned(), value.to_owned());
        Ok(())
    }
    fn remove(&mut self, key: &str) -> Result<(), BackendError> {
        self.0.remove(key);
        Ok(())
    }
    fn keys(&self) -> Result<Vec<String>, BackendError> {
        Ok(self.0.keys().cloned().collect())
    }
}

/// Asserts that a load fails as corrupt, naming `key_part`, and changes nothing
/// stored. `open` gives a fresh view of the storage, as a reload does.
pub fn assert_corrupt_and_untouched<B: Backend>(open: impl Fn() -> B, key_part: &str) -> LoadError {
    let before = Snapshot::of(&open());
    let err = match Store::load(open(), "zz") {
        Ok(_) => panic!("a corrupt store loaded"),
        Err(err) => err,
    };
    match &err {
        LoadError::Corrupt { key, .. } => assert!(
            key.contains(key_part),
            "error names {key}, expected {key_part}"
        ),
        other => panic!("expected a corrupt-data error, got {other:?}"),
    }
    assert_eq!(
        Snapshot::of(&open()),
        before,
        "a failed load changed what was stored"
    );
    err
}

/// A full quota: the change stays in memory, what was stored stays intact and
/// still loads, and once there is room again a retry stores the change.
/// `open` gives a fresh view of one empty storage, as a reload does;
/// `use_up_the_quota` lets another app on the origin take every unit left, and
/// `free_space` removes what it wrote.
pub fn a_full_quota_keeps_the_change_and_what_was_stored<B: Backend>(
    open: impl Fn() -> B,
    use_up_the_quota: impl FnOnce(),
    free_space: impl FnOnce(),
) {
    let (mut store, mut journal) = load(open(), "q1");
    fill(&mut store, &mut journal, 2, 10);
    // The tab's next look at the head removes the segments its last save replaced.
    store
        .sync(&mut journal)
        .unwrap_or_else(|err| panic!("sync failed: {err}"));
    let stored_before = Snapshot::of(store.backend()).rapport();
    use_up_the_quota();

    let someone = journal
        .people()
        .next()
        .cloned()
        .unwrap_or_else(|| person(0, "Ada"));
    let applied = journal
        .apply(Action::AddInteraction(coffee(99, &someone, day(11, 25))))
        .unwrap_or_else(|err| panic!("action rejected: {err}"));
    let result = store.save(&mut journal, &applied);
    assert_eq!(result, Err(SaveError::QuotaExceeded));
    assert!(store.has_unsaved_changes());
    assert_eq!(
        journal.interaction_count(),
        21,
        "the change stays in memory"
    );
    assert_eq!(
        Snapshot::of(store.backend()).rapport(),
        stored_before,
        "nothing stored changed"
    );
    let (_, reloaded) = load(open(), "q2");
    assert_eq!(
        reloaded.interaction_count(),
        20,
        "what was stored still loads, as it was"
    );

    free_space();
    store
        .retry(&mut journal)
        .unwrap_or_else(|err| panic!("retry failed once there is room: {err}"));
    assert!(!store.has_unsaved_changes());
    let (_, reloaded) = load(open(), "q3");
    assert_eq!(reloaded, journal);
}

/// One backend seen by several stores, as two tabs (or a tab and its reload)
/// see one origin's localStorage.
#[derive(Clone)]
pub struct Shared(pub Rc<RefCell<MemoryBackend>>);

impl Shared {
    pub fn new(inner: MemoryBackend) -> Self {
        Self(Rc::new(RefCell::new(inner)))
    }
}

impl Backend for Shared {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        self.0.borrow().get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        self.0.borrow_mut().set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), BackendError> {
        self.0.borrow_mut().remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, BackendError> {
        self.0.borrow().keys()
    }
    fn now_ms(&self) -> Option<u64> {
        self.0.borrow().now_ms()
    }
}

impl Shared {
    /// A copy of this storage as it is now: what a tab sees whose view lags behind.
    pub fn lagging_copy(&self) -> Shared {
        Shared::new(self.0.borrow().clone())
    }

    /// Writes into `self` every key of `from` that differs (and removes what `from`
    /// lacks, with `removals`): a lagging tab's writes arriving late.
    pub fn receive(&self, from: &Shared, only: impl Fn(&str) -> bool, removals: bool) {
        let theirs = from.0.borrow().snapshot();
        let mut ours = self.0.borrow_mut();
        for (key, value) in &theirs {
            if only(key) && ours.get(key).ok().flatten().as_ref() != Some(value) {
                ours.set(key, value).unwrap_or_else(|e| panic!("{e}"));
            }
        }
        if removals {
            for key in ours.snapshot().keys() {
                if only(key) && !theirs.contains_key(key) {
                    ours.remove(key).unwrap_or_else(|e| panic!("{e}"));
                }
            }
        }
    }
}

/// Every file with `extension` under the folder named by `RAPPORT_SAMPLES`, read
/// at run time (`make samples` sets it to real exports kept outside the
/// repository), or `None` when it is not set.
#[cfg(not(target_arch = "wasm32"))]
pub fn real_samples(extension: &str) -> Option<Vec<(String, Vec<u8>)>> {
    let root = std::env::var_os("RAPPORT_SAMPLES")?;
    let mut found = Vec::new();
    let mut folders = vec![std::path::PathBuf::from(root)];
    while let Some(folder) = folders.pop() {
        let entries =
            std::fs::read_dir(&folder).unwrap_or_else(|err| panic!("{}: {err}", folder.display()));
        for path in entries.flatten().map(|entry| entry.path()) {
            if path.is_dir() {
                folders.push(path);
            } else if path
                .extension()
                .is_some_and(|ext| ext.eq_ignore_ascii_case(extension))
            {
                let bytes =
                    std::fs::read(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
                found.push((path.display().to_string(), bytes));
            }
        }
    }
    found.sort();
    assert!(
        !found.is_empty(),
        "RAPPORT_SAMPLES holds no .{extension} file"
    );
    Some(found)
}
