//! Host tests of the storage engine over the in-memory backend, which applies the
//! browser's quota arithmetic. The same scenarios run against real localStorage in
//! `web_storage.rs`.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::BTreeMap;

use proptest::prelude::*;
use rapport::model::demo::{generate, DemoSize};
use rapport::model::{Action, DeleteMode, Journal};
use rapport::storage::engine::to_json;
use rapport::storage::layout::HEAD_KEY;
use rapport::storage::{usage, Backend, BackendError, LoadError, MemoryBackend, SaveError, Store};
use support::*;

#[test]
fn an_empty_store_loads_an_empty_journal_and_writes_nothing() {
    let (store, journal) = load(MemoryBackend::default(), "t1");
    assert_eq!(journal, Journal::new());
    assert!(store.backend().keys().unwrap_or_default().is_empty());
}

#[test]
fn what_is_saved_loads_back_identical() {
    let (mut store, mut journal) = load(MemoryBackend::default(), "t1");
    fill(&mut store, &mut journal, 5, 30);
    let (_, reloaded) = load(store.into_backend(), "t2");
    assert_eq!(reloaded, journal);
    assert_eq!(reloaded.person_count(), 5);
    assert_eq!(reloaded.interaction_count(), 150);
}

#[test]
fn edits_and_deletes_survive_a_reload() {
    let (mut store, mut journal) = load(MemoryBackend::default(), "t1");
    fill(&mut store, &mut journal, 3, 4);
    let mut renamed = journal
        .people()
        .next()
        .cloned()
        .unwrap_or_else(|| person(0, "x"));
    renamed.name = "Zoë Renamed".into();
    apply_and_save(
        &mut store,
        &mut journal,
        Action::EditPerson(renamed.clone()),
    );
    let victim = journal
        .people()
        .nth(1)
        .map(|p| p.id.clone())
        .unwrap_or_else(|| person(1, "x").id);
    apply_and_save(
        &mut store,
        &mut journal,
        Action::DeletePerson {
            id: victim.clone(),
            mode: DeleteMode::RemoveFromInteractions,
            now: now(),
        },
    );
    let (_, reloaded) = load(store.into_backend(), "t2");
    assert_eq!(reloaded, journal);
    assert_eq!(
        reloaded.person(&renamed.id).map(|p| p.name.as_str()),
        Some("Zoë Renamed")
    );
    assert!(reloaded.person(&victim).is_none());
    assert_eq!(reloaded.interaction_count(), 8);
}

/// Counts what a save writes.
#[derive(Default)]
struct Counting {
    inner: MemoryBackend,
    sets: usize,
    units_written: usize,
}

impl Backend for Counting {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        self.inner.get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        self.sets += 1;
        self.units_written += value.encode_utf16().count();
        self.inner.set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), BackendError> {
        self.inner.remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, BackendError> {
        self.inner.keys()
    }
}

fn units_to_log_one_more(people: usize, interactions: usize) -> (usize, usize) {
    let today = day(11, 25);
    let journal = rapport::model::demo::generate_with(7, people, interactions, today)
        .unwrap_or_else(|err| panic!("{err}"));
    let (mut store, _) = load(Counting::default(), "t1");
    store
        .replace_all(&journal)
        .unwrap_or_else(|err| panic!("{err}"));
    let (mut store, mut journal) = load(store.into_backend(), "t2");
    let (sets_before, units_before) = (store.backend().sets, store.backend().units_written);
    let someone = journal
        .people()
        .next()
        .cloned()
        .unwrap_or_else(|| person(0, "x"));
    apply_and_save(
        &mut store,
        &mut journal,
        Action::AddInteraction(coffee(777_777, &someone, today)),
    );
    (
        store.backend().sets - sets_before,
        store.backend().units_written - units_before,
    )
}

#[test]
fn logging_one_interaction_writes_the_same_amount_at_500_and_at_50000() {
    let (small_sets, small_units) = units_to_log_one_more(50, 500);
    let (large_sets, large_units) = units_to_log_one_more(5_000, 50_000);
    // One interaction segment, then the head.
    assert_eq!(small_sets, 2);
    assert_eq!(large_sets, 2);
    // The head lists more segments in a larger journal, and the open segment may hold
    // up to 128 interactions: bounded, whatever the journal's size.
    assert!(
        large_units < 12_000,
        "large journal wrote {large_units} units for one interaction"
    );
    assert!(
        large_units < small_units * 20 + 12_000,
        "{small_units} vs {large_units}"
    );
}

#[test]
fn every_point_of_failure_leaves_the_old_or_the_new_state() {
    let (mut store, mut journal) = load(MemoryBackend::default(), "t0");
    fill(&mut store, &mut journal, 3, 130);
    let prepared = store.into_backend();
    let writes = interrupted_saves_are_all_or_nothing(|| prepared.clone());
    assert!(
        writes >= 2,
        "a save writes at least a segment and the head; took {writes}"
    );
}

#[test]
fn a_full_quota_keeps_the_change_in_memory_and_the_store_intact() {
    let shared = Shared::new(MemoryBackend::with_quota(40_000));
    let other_app = "other-app";
    a_full_quota_keeps_the_change_and_what_was_stored(
        || shared.clone(),
        || {
            let free = shared.0.borrow().quota_left();
            shared
                .0
                .borrow_mut()
                .set(other_app, &"x".repeat(free - other_app.len()))
                .unwrap_or_else(|e| panic!("{e}"));
        },
        || {
            shared
                .0
                .borrow_mut()
                .remove(other_app)
                .unwrap_or_else(|e| panic!("{e}"));
        },
    );
}

fn names(journal: &Journal) -> Vec<String> {
    let mut names: Vec<String> = journal.people().map(|p| p.name.clone()).collect();
    names.sort();
    names
}

/// Tab A saves Ada. Tab B then saves Linus at the same instant as A saves Grace,
/// on a view of storage without A's save (returned, for its writes to arrive
/// later): both write generation 2.
fn saving_at_once(shared: &Shared) -> (Store<Shared>, Journal, Shared, Store<Shared>, Journal) {
    let (mut tab_a, mut journal_a) = load(shared.clone(), "aa");
    apply_and_save(
        &mut tab_a,
        &mut journal_a,
        Action::AddPerson(person(1, "Ada")),
    );
    let lagging = shared.lagging_copy();
    let (mut tab_b, mut journal_b) = load(lagging.clone(), "bb");
    apply_and_save(
        &mut tab_a,
        &mut journal_a,
        Action::AddPerson(person(2, "Grace")),
    );
    apply_and_save(
        &mut tab_b,
        &mut journal_b,
        Action::AddPerson(person(3, "Linus")),
    );
    (tab_a, journal_a, lagging, tab_b, journal_b)
}

#[test]
fn a_save_written_over_by_a_tab_that_had_not_seen_it_is_written_again() {
    let shared = Shared::new(MemoryBackend::default());
    // B's head lands last.
    let (mut tab_a, mut journal_a, lagging, mut tab_b, mut journal_b) = saving_at_once(&shared);
    shared.receive(&lagging, |_| true, false);

    // A hears of B's head, sees that it wrote over Grace, and saves her again.
    let report = tab_a.sync(&mut journal_a).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        report.reapplied,
        "A must notice that its save was written over"
    );
    assert_eq!(names(&journal_a), ["Ada", "Grace", "Linus"]);
    tab_a
        .retry(&mut journal_a)
        .unwrap_or_else(|e| panic!("{e}"));

    lagging.receive(&shared, |_| true, true);
    tab_b.sync(&mut journal_b).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(names(&journal_b), ["Ada", "Grace", "Linus"]);
    let (_, reloaded) = load(shared, "cc");
    assert_eq!(names(&reloaded), ["Ada", "Grace", "Linus"]);
}

#[test]
fn the_clean_up_leaves_segments_another_tab_has_not_committed_yet() {
    let start = 1_800_000_000_000;
    let mut memory = MemoryBackend::default();
    memory.set_clock(start);
    let shared = Shared::new(memory);
    let (mut tab_a, mut journal_a, lagging, _, _) = saving_at_once(&shared);

    // B's segments have arrived, its head not yet: a tab that loads now runs the
    // clean-up, which must not touch them.
    shared.receive(&lagging, |key| key != HEAD_KEY, false);
    shared.0.borrow_mut().set_clock(start + 1_000);
    let _ = load(shared.clone(), "cc");
    shared.receive(&lagging, |key| key == HEAD_KEY, false);
    let (_, after_b) = Store::load(shared.clone(), "dd")
        .unwrap_or_else(|e| panic!("B's head names segments the clean-up removed: {e}"));
    assert_eq!(names(&after_b), ["Ada", "Linus"]);

    // A saves Grace again; nothing is lost.
    tab_a
        .retry(&mut journal_a)
        .unwrap_or_else(|e| panic!("{e}"));
    tab_a.sync(&mut journal_a).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(names(&journal_a), ["Ada", "Grace", "Linus"]);

    // Much later, what no head names is removed.
    shared.0.borrow_mut().set_clock(start + 11 * 60 * 1000);
    let (store, reloaded) = load(shared.clone(), "ee");
    assert_eq!(names(&reloaded), ["Ada", "Grace", "Linus"]);
    let head: serde_json::Value = serde_json::from_str(
        &store
            .backend()
            .get(HEAD_KEY)
            .ok()
            .flatten()
            .unwrap_or_default(),
    )
    .unwrap_or_default();
    let named: Vec<String> = head["seg"]
        .as_object()
        .map(|seg| {
            seg.iter()
                .map(|(name, version)| {
                    format!("rapport/s/{name}/{}", version.as_str().unwrap_or(""))
                })
                .collect()
        })
        .unwrap_or_default();
    let mut segments: Vec<String> = store
        .backend()
        .keys()
        .unwrap_or_default()
        .into_iter()
        .filter(|k| k.starts_with("rapport/s/"))
        .collect();
    segments.sort();
    let mut named = named;
    named.sort();
    assert_eq!(segments, named);
}

#[test]
fn two_tabs_editing_at_once_both_keep_their_edits() {
    let shared = Shared::new(MemoryBackend::default());
    let (mut tab_a, mut journal_a) = load(shared.clone(), "aa");
    let (mut tab_b, mut journal_b) = load(shared.clone(), "bb");

    apply_and_save(
        &mut tab_a,
        &mut journal_a,
        Action::AddPerson(person(1, "Ada")),
    );
    // Tab B has not heard of Ada yet; its save merges her in before writing.
    let applied = journal_b
        .apply(Action::AddPerson(person(2, "Grace")))
        .unwrap_or_default();
    let report = tab_b
        .save(&mut journal_b, &applied)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(report.merged_foreign);
    apply_and_save(
        &mut tab_b,
        &mut journal_b,
        Action::AddPerson(person(3, "Linus")),
    );

    let names = |journal: &Journal| journal.people().map(|p| p.name.clone()).collect::<Vec<_>>();
    // Tab A learns of B's people through sync (the storage event in the browser).
    let synced = tab_a.sync(&mut journal_a).unwrap_or_else(|e| panic!("{e}"));
    assert!(synced.merged_foreign);
    assert_eq!(names(&journal_a), names(&journal_b));
    for name in ["Ada", "Grace", "Linus"] {
        assert!(
            names(&journal_a).contains(&name.to_owned()),
            "{name} missing"
        );
    }

    let (_, reloaded) = load(shared.clone(), "cc");
    assert_eq!(reloaded, journal_a);
}

#[test]
fn two_tabs_adding_to_the_same_segment_keep_both_records() {
    let shared = Shared::new(MemoryBackend::default());
    let (mut tab_a, mut journal_a) = load(shared.clone(), "aa");
    apply_and_save(
        &mut tab_a,
        &mut journal_a,
        Action::AddPerson(person(1, "Ada")),
    );
    let (mut tab_b, mut journal_b) = load(shared.clone(), "bb");

    let ada = person(1, "Ada");
    apply_and_save(
        &mut tab_a,
        &mut journal_a,
        Action::AddInteraction(coffee(1, &ada, day(3, 1))),
    );
    apply_and_save(
        &mut tab_b,
        &mut journal_b,
        Action::AddInteraction(coffee(2, &ada, day(3, 2))),
    );
    tab_a.sync(&mut journal_a).unwrap_or_else(|e| panic!("{e}"));

    assert_eq!(journal_a.interaction_count(), 2);
    assert_eq!(journal_a, journal_b);
    let (_, reloaded) = load(shared, "cc");
    assert_eq!(reloaded, journal_b);
}

#[test]
fn corrupt_heads_and_segments_are_reported_by_key_and_left_untouched() {
    let (mut store, mut journal) = load(MemoryBackend::default(), "t1");
    fill(&mut store, &mut journal, 2, 3);
    let good = store.into_backend();
    // Loads `backend` through views that share it, so the check sees what the load left.
    let corrupt = |backend: MemoryBackend, key: &str| {
        let shared = Shared::new(backend);
        assert_corrupt_and_untouched(|| shared.clone(), key)
    };

    let mut hand_edited = good.clone();
    hand_edited
        .set(HEAD_KEY, "{\"schema\":1,\"gen\":")
        .unwrap_or_else(|e| panic!("{e}"));
    let err = corrupt(hand_edited, "rapport/head");
    assert!(
        err.to_string()
            .starts_with("rapport/head: is not a valid head"),
        "{err}"
    );

    let segment = good
        .keys()
        .unwrap_or_default()
        .into_iter()
        .find(|k| k.starts_with("rapport/s/p"));
    let segment = segment.unwrap_or_else(|| panic!("no people segment"));
    let mut truncated = good.clone();
    let value = good.get(&segment).ok().flatten().unwrap_or_default();
    let half: String = value.chars().take(value.chars().count() / 2).collect();
    truncated
        .set(&segment, &half)
        .unwrap_or_else(|e| panic!("{e}"));
    let err = corrupt(truncated, &segment);
    assert!(err.to_string().contains("damaged or truncated"), "{err}");

    let mut wrong_types = good.clone();
    let bad = rapport::storage::codec::encode(br#"[{"id":"p-0","name":42}]"#);
    wrong_types
        .set(&segment, &bad)
        .unwrap_or_else(|e| panic!("{e}"));
    let err = corrupt(wrong_types, &segment);
    assert!(
        err.to_string()
            .contains("does not match the expected shape"),
        "{err}"
    );

    let mut missing = good.clone();
    missing.remove(&segment).unwrap_or_else(|e| panic!("{e}"));
    let err = corrupt(missing, &segment);
    assert!(err.to_string().ends_with("is missing"), "{err}");
}

#[test]
fn a_newer_schema_is_refused_and_never_overwritten() {
    let (mut store, mut journal) = load(MemoryBackend::default(), "t1");
    fill(&mut store, &mut journal, 1, 1);
    let mut backend = store.into_backend();
    let head = backend
        .get(HEAD_KEY)
        .ok()
        .flatten()
        .unwrap_or_default()
        .replace("\"schema\":1", "\"schema\":9");
    backend
        .set(HEAD_KEY, &head)
        .unwrap_or_else(|e| panic!("{e}"));
    let shared = Shared::new(backend);
    let before = Snapshot::of(&shared);
    match Store::load(shared.clone(), "t2") {
        Err(LoadError::NewerVersion {
            found: 9,
            supported: 1,
        }) => {}
        other => panic!(
            "expected a newer-version error, got {:?}",
            other.map(|_| ())
        ),
    }
    assert_eq!(Snapshot::of(&shared), before);
}

#[test]
fn a_tab_that_sees_a_newer_schema_stops_saving() {
    let shared = Shared::new(MemoryBackend::default());
    let (mut tab, mut journal) = load(shared.clone(), "aa");
    apply_and_save(&mut tab, &mut journal, Action::AddPerson(person(1, "Ada")));
    let head = shared
        .get(HEAD_KEY)
        .ok()
        .flatten()
        .unwrap_or_default()
        .replace("\"schema\":1", "\"schema\":2");
    shared
        .0
        .borrow_mut()
        .set(HEAD_KEY, &head)
        .unwrap_or_else(|e| panic!("{e}"));
    let before = Snapshot::of(&shared);
    let applied = journal
        .apply(Action::AddPerson(person(2, "Grace")))
        .unwrap_or_default();
    assert_eq!(tab.save(&mut journal, &applied), Err(SaveError::ReadOnly));
    assert_eq!(Snapshot::of(&shared), before);
}

#[test]
fn the_version_1_fixture_loads() {
    let fixture: BTreeMap<String, String> =
        serde_json::from_str(include_str!("fixtures/storage/v1.json"))
            .unwrap_or_else(|e| panic!("{e}"));
    let (_, journal) = load(Snapshot(fixture), "t1");
    assert_fixture_v1(&journal);
}

/// What the version 1 fixture holds: written by [`write_fixture_v1`].
fn assert_fixture_v1(journal: &Journal) {
    assert_eq!(journal.person_count(), 3);
    assert_eq!(journal.interaction_count(), 6);
    let names: Vec<_> = journal.people().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Chloé Dubois", "Zoë Ng", "José Álvarez"]);
}

/// Regenerates `tests/fixtures/storage/v1.json`; run only by hand, and only while
/// version 1 is the current format (`RAPPORT_WRITE_FIXTURES=1 cargo test -- --ignored`).
#[test]
#[ignore]
fn write_fixture_v1() {
    if std::env::var("RAPPORT_WRITE_FIXTURES").is_err() {
        return;
    }
    let (mut store, mut journal) = load(MemoryBackend::default(), "fx");
    for (n, name) in [(1, "Chloé Dubois"), (2, "Zoë Ng"), (3, "José Álvarez")] {
        let someone = person(n, name);
        apply_and_save(&mut store, &mut journal, Action::AddPerson(someone.clone()));
        for k in 0..2 {
            apply_and_save(
                &mut store,
                &mut journal,
                Action::AddInteraction(coffee(
                    n * 10 + u64::from(k),
                    &someone,
                    day(2 + k, 28 + n as u32 % 2),
                )),
            );
        }
    }
    assert_fixture_v1(&journal);
    let text = serde_json::to_string_pretty(&store.backend().snapshot()).unwrap_or_default();
    std::fs::write(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/storage/v1.json"
        ),
        text + "\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn a_record_that_cannot_be_written_as_json_is_an_error_not_an_empty_segment() {
    // JSON object keys must be strings, so a map keyed by pairs cannot be written.
    let unwritable: BTreeMap<(u8, u8), u8> = BTreeMap::from([((1, 2), 3)]);
    match to_json(&unwritable) {
        Err(SaveError::Encode(reason)) => assert!(reason.contains("key must be a string")),
        other => panic!("expected an encoding error, got {other:?}"),
    }
}

#[test]
fn the_large_demo_journal_fits_with_room_to_spare() {
    let journal = generate(1, DemoSize::Large, day(11, 25)).unwrap_or_else(|e| panic!("{e}"));
    let (mut store, _) = load(MemoryBackend::default(), "t1");
    store
        .replace_all(&journal)
        .unwrap_or_else(|e| panic!("{e}"));
    let used = usage(store.backend()).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        used.fraction() < 0.6,
        "5,000 people and 50,000 interactions use {:.0}% of the quota",
        used.fraction() * 100.0
    );
    let (_, reloaded) = load(store.into_backend(), "t2");
    assert_eq!(reloaded, journal);
}

#[test]
fn garbage_from_an_interrupted_save_is_collected_on_the_next_load() {
    let (mut store, mut journal) = load(MemoryBackend::default(), "t1");
    fill(&mut store, &mut journal, 1, 2);
    store.sync(&mut journal).unwrap_or_else(|e| panic!("{e}"));
    let mut backend = store.into_backend();
    let keys_before = backend.keys().unwrap_or_default();
    backend
        .set("rapport/s/i0/1-dead", "Z0")
        .unwrap_or_else(|e| panic!("{e}"));
    let (store, _) = load(backend, "t2");
    assert_eq!(store.backend().keys().unwrap_or_default(), keys_before);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Whatever sequence of adds, edits and deletes is saved, a reload gives back
    /// exactly the journal in memory.
    #[test]
    fn any_saved_sequence_reloads_identically(steps in proptest::collection::vec((0u8..5, 0u32..12, 1u32..28), 1..60)) {
        let (mut store, mut journal) = load(MemoryBackend::default(), "pt");
        for (kind, n, d) in steps {
            let someone = person(u64::from(n), &format!("Person {n}"));
            let entry = u64::from(n * 100 + d);
            let action = match kind {
                0 => Action::AddPerson(someone),
                1 => Action::AddInteraction(coffee(entry, &someone, day(1 + d % 12, d))),
                2 => {
                    let mut renamed = someone;
                    renamed.name = format!("Renamed {d}");
                    Action::EditPerson(renamed)
                }
                3 => Action::DeletePerson { id: someone.id, mode: DeleteMode::RemoveFromInteractions, now: now() },
                _ => Action::DeleteInteraction { id: iid(entry) },
            };
            if let Ok(applied) = journal.apply(action) {
                store.save(&mut journal, &applied).map_err(|e| TestCaseError::fail(e.to_string()))?;
            }
        }
        let (_, reloaded) = load(store.into_backend(), "p2");
        prop_assert_eq!(reloaded, journal);
    }
}
