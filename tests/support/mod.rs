//! Helpers shared by the host tests and the browser tests: small journals, and
//! storage scenarios written once against any [`Backend`], so that the same checks
//! run on [`MemoryBackend`] and on the browser's real localStorage.
#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rapport::model::{
    Action, Applied, Initiator, Interaction, InteractionId, InteractionKind, Journal, Person,
    PersonId,
};
use rapport::storage::{Backend, FailAfter, LoadError, SaveError, Store};

/// A fixed instant, so journals are reproducible.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 9, 30, 0)
        .single()
        .unwrap_or_default()
}

/// A date in 2026.
pub fn day(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, month, day).unwrap_or_default()
}

/// A person with a readable id: `p-<n>`.
pub fn person(n: u32, name: &str) -> Person {
    Person::new(
        format!("p-{n}")
            .parse()
            .unwrap_or_else(|_| PersonId::new(u64::from(n))),
        name,
        now(),
    )
}

/// A coffee with one person on `date`, with a readable id: `i-<n>`.
pub fn coffee(n: u32, with: &Person, date: NaiveDate) -> Interaction {
    let mut interaction = Interaction::new(
        format!("i-{n}")
            .parse()
            .unwrap_or_else(|_| InteractionId::new(u64::from(n))),
        date,
        vec![with.id.clone()],
        InteractionKind::Coffee,
        Initiator::Me,
        now(),
    );
    interaction.note = format!(
        "Coffee number {n} with {}, about the new role at the library.",
        with.name
    );
    interaction
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
        let someone = person(p, &format!("Person {p} Chloé"));
        apply_and_save(store, journal, Action::AddPerson(someone.clone()));
        for k in 0..per_person {
            let date = day(1 + (k % 12), 1 + (p + k) % 28);
            apply_and_save(
                store,
                journal,
                Action::AddInteraction(coffee(p * 1_000 + k, &someone, date)),
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
    fn get(&self, key: &str) -> Result<Option<String>, rapport::storage::BackendError> {
        Ok(self.0.get(key).cloned())
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), rapport::storage::BackendError> {
        self.0.insert(key.to_owned(), value.to_owned());
        Ok(())
    }
    fn remove(&mut self, key: &str) -> Result<(), rapport::storage::BackendError> {
        self.0.remove(key);
        Ok(())
    }
    fn keys(&self) -> Result<Vec<String>, rapport::storage::BackendError> {
        Ok(self.0.keys().cloned().collect())
    }
}

/// Asserts that a load fails as corrupt, naming `key`, and changes nothing stored.
pub fn assert_corrupt_and_untouched<B: Backend>(backend: B, key_part: &str) -> LoadError {
    let before = Snapshot::of(&backend);
    let probe = Snapshot::of(&backend);
    let err = match Store::load(backend, "zz") {
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
    assert_eq!(probe, before);
    err
}

/// Whether the error is a full quota.
pub fn is_quota(result: &Result<rapport::storage::SyncReport, SaveError>) -> bool {
    matches!(result, Err(SaveError::QuotaExceeded))
}
