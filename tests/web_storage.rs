//! Storage in a real browser: the engine against Chromium's own localStorage, with
//! its real quota. Run by wasm-bindgen-test in headless Chromium.
#![cfg(target_arch = "wasm32")]

mod support;

use std::collections::BTreeMap;

use rapport::model::Journal;
use rapport::storage::layout::{make_version, HEAD_KEY};
use rapport::storage::{usage, Backend};
use support::browser::*;
use support::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn a_saved_journal_survives_a_reload_from_real_local_storage() {
    let (mut store, mut journal) = load(clean(), "w1");
    fill(&mut store, &mut journal, 4, 40);
    // A new store reading the same origin, as after a reload.
    let (_, reloaded) = load(reopen(), "w2");
    assert_eq!(reloaded, journal);
    assert_eq!(reloaded.interaction_count(), 160);
    assert!(local_storage()
        .get_item(HEAD_KEY)
        .ok()
        .flatten()
        .is_some_and(|h| h.contains("\"schema\":1")));
}

#[wasm_bindgen_test]
fn a_tab_dying_between_writes_leaves_the_old_state_or_the_new_one() {
    let (mut store, mut journal) = load(clean(), "w1");
    fill(&mut store, &mut journal, 1, 140);
    let prepared = Snapshot::of(store.backend()).0;
    let writes = interrupted_saves_are_all_or_nothing(|| restore(&prepared));
    assert!(
        writes >= 2,
        "a save takes at least two writes, took {writes}"
    );
}

#[wasm_bindgen_test]
fn a_full_quota_keeps_the_change_in_memory_and_what_was_stored_intact() {
    clean();
    a_full_quota_keeps_the_change_and_what_was_stored(reopen, use_up_the_quota, free_space);
}

#[wasm_bindgen_test]
fn corrupt_storage_is_reported_and_never_wiped() {
    let (mut store, mut journal) = load(clean(), "w1");
    fill(&mut store, &mut journal, 2, 3);
    local_storage()
        .set_item(HEAD_KEY, "{\"schema\":1,\"gen\":7,\"seg\":{\"p0\":")
        .expect("hand edit");
    assert_corrupt_and_untouched(reopen, HEAD_KEY);
}

#[wasm_bindgen_test]
fn the_version_1_fixture_loads_from_local_storage() {
    let fixture: BTreeMap<String, String> =
        serde_json::from_str(include_str!("fixtures/storage/v1.json")).expect("fixture parses");
    let (_, journal) = load(restore(&fixture), "w1");
    let names: Vec<_> = journal.people().map(|p| p.name.clone()).collect();
    assert_eq!(names, ["Chloé Dubois", "Zoë Ng", "José Álvarez"]);
    assert_eq!(journal.interaction_count(), 6);
}

#[wasm_bindgen_test]
fn usage_counts_utf16_units_as_the_browser_does() {
    let backend = clean();
    local_storage().set_item("rapport/x", "é😀").expect("set");
    local_storage().set_item("other", "abc").expect("set");
    let measured = usage(&backend).expect("measured");
    assert_eq!(
        measured.used_units,
        "rapport/x".len() + 3 + "other".len() + 3
    );
    assert_eq!(measured.rapport_units, "rapport/x".len() + 3);
    let (_, journal) = load(backend, "w1");
    assert_eq!(journal, Journal::new());
}

#[wasm_bindgen_test]
fn the_clean_up_at_load_spares_segments_another_tab_is_still_committing() {
    let (mut store, mut journal) = load(clean(), "w1");
    fill(&mut store, &mut journal, 1, 2);
    store.sync(&mut journal).expect("synced");
    let generation = store.generation();
    let now = js_sys::Date::now() as u64;
    let mut backend = reopen();
    // Another tab, behind by one save, has written its segments but not yet its head.
    let young = format!(
        "rapport/s/p0/{}",
        make_version(generation, "other", Some(now))
    );
    // What an overwritten save left an hour ago.
    let old = format!(
        "rapport/s/p0/{}",
        make_version(generation, "gone", Some(now - 60 * 60 * 1000))
    );
    backend.set(&young, "Z0").expect("written");
    backend.set(&old, "Z0").expect("written");

    let _ = load(reopen(), "w2");
    let keys = reopen().keys().expect("keys");
    assert!(keys.contains(&young), "the other tab's segment was removed");
    assert!(!keys.contains(&old), "the hour-old orphan was kept");
}
