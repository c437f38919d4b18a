//! Storage benchmarks in headless Chromium against its real localStorage, run by
//! `make bench` (ignored by `make test`). Each prints `BENCH name value` lines that
//! `tests/bench/run.mjs` collects into BENCHMARKS.md.
#![cfg(target_arch = "wasm32")]

mod support;

use chrono::{NaiveDate, TimeZone, Utc};
use rapport::model::demo::generate_with;
use rapport::model::{
    Action, Command, EntryDraft, Initiator, Interaction, InteractionId, InteractionKind, Journal,
    Minter, PersonId, Who,
};
use rapport::storage::local::LocalBackend;
use rapport::storage::{lock, usage, Store};
use std::cell::RefCell;
use std::rc::Rc;
use support::browser::local_storage;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn precise_now() -> f64 {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"performance".into()).ok())
        .and_then(|p| {
            let now = js_sys::Reflect::get(&p, &"now".into()).ok()?;
            let now: js_sys::Function = now.into();
            now.call0(&p).ok()?.as_f64()
        })
        .unwrap_or_else(now_ms)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).expect("a date")
}

fn report(name: &str, value: impl std::fmt::Display) {
    web_sys::console::log_1(&format!("BENCH {name} {value}").into());
}

fn stats(mut samples: Vec<f64>) -> String {
    samples.sort_by(f64::total_cmp);
    let median = samples[samples.len() / 2];
    format!(
        "{median:.3} {:.3} {:.3}",
        samples[0],
        samples[samples.len() - 1]
    )
}

/// A demo journal of this size stored in a cleared localStorage and loaded back
/// as a tab would, with the first person in it.
fn stored_demo(people: usize, interactions: usize) -> (Store<LocalBackend>, Journal, PersonId) {
    local_storage().clear().expect("cleared");
    let journal = generate_with(11, people, interactions, today()).expect("demo journal");
    let (mut store, _) = Store::load(LocalBackend::open().expect("opens"), "bn").expect("loads");
    store.replace_all(&journal).expect("stored");
    let (store, journal) = Store::load(LocalBackend::open().expect("opens"), "bm").expect("loads");
    let someone = journal
        .people()
        .next()
        .map(|p| p.id.clone())
        .expect("a person");
    (store, journal, someone)
}

/// Median, min and max milliseconds to save one new interaction into a stored
/// journal of `people` people and `interactions` interactions.
fn save_cost(people: usize, interactions: usize) -> String {
    let (mut store, mut journal, someone) = stored_demo(people, interactions);
    let stamp = Utc
        .with_ymd_and_hms(2026, 11, 25, 9, 0, 0)
        .single()
        .expect("a time");
    let mut samples = Vec::new();
    for n in 0..25u64 {
        let interaction = Interaction::new(
            InteractionId::new(9_000_000 + n),
            today(),
            vec![someone.clone()],
            InteractionKind::Coffee,
            Initiator::Me,
            stamp,
        );
        let started = precise_now();
        let applied = journal
            .apply(Action::AddInteraction(interaction))
            .expect("accepted");
        store.save(&mut journal, &applied).expect("saved");
        samples.push(precise_now() - started);
    }
    stats(samples)
}

#[wasm_bindgen_test]
#[ignore]
fn bench_save_cost() {
    report("save_500", save_cost(50, 500));
    report("save_50000", save_cost(5_000, 50_000));
}

/// As [`save_cost`], but each save as the app makes it: staged, then written once
/// this tab holds the save lock that serialises saves across tabs.
async fn locked_save_cost(people: usize, interactions: usize) -> String {
    assert!(
        lock::locks_available(),
        "the bench runs where Web Locks exist"
    );
    local_storage().clear().expect("cleared");
    let journal = generate_with(11, people, interactions, today()).expect("demo journal");
    let (mut store, _) = Store::load(LocalBackend::open().expect("opens"), "ln").expect("loads");
    store.replace_all(&journal).expect("stored");
    let (store, journal) = Store::load(LocalBackend::open().expect("opens"), "lm").expect("loads");
    let someone = journal
        .people()
        .next()
        .map(|p| p.id.clone())
        .expect("a person");
    let stamp = Utc
        .with_ymd_and_hms(2026, 11, 25, 9, 0, 0)
        .single()
        .expect("a time");
    let state = Rc::new(RefCell::new((store, journal)));
    let mut samples = Vec::new();
    for n in 0..25u64 {
        let interaction = Interaction::new(
            InteractionId::new(9_100_000 + n),
            today(),
            vec![someone.clone()],
            InteractionKind::Coffee,
            Initiator::Me,
            stamp,
        );
        let started = precise_now();
        {
            let (store, journal) = &mut *state.borrow_mut();
            let applied = journal
                .apply(Action::AddInteraction(interaction))
                .expect("accepted");
            store.stage(&applied);
        }
        let saved = js_sys::Promise::new(&mut |resolve, _reject| {
            let state = state.clone();
            lock::with_save_lock(move || {
                let (store, journal) = &mut *state.borrow_mut();
                store.retry(journal).expect("saved");
                let _ = resolve.call0(&JsValue::NULL);
            });
        });
        JsFuture::from(saved).await.expect("saved under the lock");
        samples.push(precise_now() - started);
    }
    stats(samples)
}

#[wasm_bindgen_test]
#[ignore]
async fn bench_locked_save_cost() {
    report("save_locked_500", locked_save_cost(50, 500).await);
    report("save_locked_50000", locked_save_cost(5_000, 50_000).await);
}

/// The browser's clock, and counter entropy (the bench needs no secrecy).
struct BenchMinter(u64);

impl Minter for BenchMinter {
    fn now(&mut self) -> chrono::DateTime<Utc> {
        Utc::now()
    }

    fn random(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        self.0
    }
}

/// One step as the app takes it: pull in other tabs' saves, execute, save once.
/// Returns the milliseconds and how many times the head was written.
fn step(
    store: &mut Store<LocalBackend>,
    journal: &mut Journal,
    minter: &mut BenchMinter,
    commands: Vec<Command>,
) -> (f64, u64, rapport::model::Executed) {
    let generation = store.generation();
    let started = precise_now();
    store.sync(journal).expect("synced");
    let done = journal.execute(commands, minter).expect("accepted");
    store.save(journal, &done.applied).expect("saved");
    let elapsed = precise_now() - started;
    (elapsed, store.generation() - generation, done)
}

/// Median, min and max milliseconds to log one entry, edit it, and undo the
/// edit, each until stored, with a journal of this size; then the most head
/// writes any one step made.
fn command_costs(people: usize, interactions: usize) -> [String; 4] {
    let (mut store, mut journal, someone) = stored_demo(people, interactions);
    let mut minter = BenchMinter(7);
    let (mut log, mut edit, mut undo) = (Vec::new(), Vec::new(), Vec::new());
    let mut most_writes = 0;
    for _ in 0..61 {
        let entry = EntryDraft {
            date: today(),
            time: None,
            people: vec![Who::Known(someone.clone())],
            kind: InteractionKind::Coffee,
            initiated_by: Initiator::Me,
            purpose: None,
            note: String::new(),
            exchanges: Vec::new(),
        };
        let (ms, writes, done) = step(
            &mut store,
            &mut journal,
            &mut minter,
            vec![Command::LogContact(entry.clone())],
        );
        log.push(ms);
        most_writes = most_writes.max(writes);
        let id = done.added_entries[0].clone();
        let changed = EntryDraft {
            initiated_by: Initiator::Them,
            note: "edited".into(),
            ..entry
        };
        let (ms, writes, done) = step(
            &mut store,
            &mut journal,
            &mut minter,
            vec![Command::EditEntry { id, entry: changed }],
        );
        edit.push(ms);
        most_writes = most_writes.max(writes);
        let (ms, writes, _) = step(
            &mut store,
            &mut journal,
            &mut minter,
            vec![Command::Undo(done.undo)],
        );
        undo.push(ms);
        most_writes = most_writes.max(writes);
    }
    [
        stats(log),
        stats(edit),
        stats(undo),
        most_writes.to_string(),
    ]
}

#[wasm_bindgen_test]
#[ignore]
fn bench_command_cost() {
    // Both journals end on a full segment, so new entries start a fresh one in
    // both: a save's cost follows how full the segment it rewrites is, which
    // has nothing to do with the journal's size.
    for (size, people, interactions) in [("s", 50, 512), ("l", 4_992, 49_920)] {
        let [log, edit, undo, writes] = command_costs(people, interactions);
        report(&format!("log_entry_{size}"), log);
        report(&format!("edit_entry_{size}"), edit);
        report(&format!("undo_edit_{size}"), undo);
        report(&format!("head_writes_per_step_{size}"), writes);
    }
}

/// Whether a journal of this size fits, stored Rapport's way.
fn fits_segmented(journal: &Journal) -> Option<usize> {
    local_storage().clear().expect("cleared");
    let (mut store, _) = Store::load(LocalBackend::open().expect("opens"), "cp").ok()?;
    store.replace_all(journal).ok()?;
    usage(store.backend()).ok().map(|u| u.used_units)
}

/// Whether it fits as one JSON value under one key (the naive layout).
fn fits_naive(journal: &Journal) -> bool {
    local_storage().clear().expect("cleared");
    let json = serde_json::to_string(&journal.to_parts()).expect("serialises");
    local_storage().set_item("naive", &json).is_ok()
}

/// The largest multiple of `step` interactions (one person per ten) that fits.
fn largest(fits: impl Fn(&Journal) -> bool, step: usize, limit: usize) -> usize {
    let (mut low, mut high) = (0usize, limit / step);
    while low < high {
        let mid = (low + high).div_ceil(2);
        let journal =
            generate_with(5, (mid * step / 10).max(1), mid * step, today()).expect("demo journal");
        if fits(&journal) {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    low * step
}

#[wasm_bindgen_test]
#[ignore]
fn bench_capacity() {
    let large = generate_with(1, 5_000, 50_000, today()).expect("demo journal");
    let used = fits_segmented(&large).expect("the L journal fits");
    report("capacity_l_units", used);
    let naive = largest(fits_naive, 1_000, 60_000);
    report("capacity_naive_interactions", naive);
    let segmented = largest(|j| fits_segmented(j).is_some(), 10_000, 400_000);
    report("capacity_segmented_interactions", segmented);
    local_storage().clear().expect("cleared");
}
