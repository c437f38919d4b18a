//! Demo data made a slice at a time: however it is sliced, the journal is the one
//! `generate_with` makes, and the count of records done only grows to the total.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use proptest::prelude::*;
use rapport::model::demo::{generate, generate_with, DemoBuilder, DemoSize};
use support::d;

fn today() -> chrono::NaiveDate {
    d(2026, 3, 4)
}

/// Steps `builder` with the sizes in `steps`, over and over, until every record
/// is made; checks the count each time. Returns how many steps it took.
fn step_through(builder: &mut DemoBuilder, steps: &[usize]) -> usize {
    let total = builder.total();
    let mut before = builder.done();
    let mut taken = 0;
    for &n in steps.iter().cycle() {
        if builder.is_complete() {
            break;
        }
        let done = builder.step(n);
        assert_eq!(done, builder.done());
        assert_eq!(done, (before + n).min(total), "a step of {n} from {before}");
        before = done;
        taken += 1;
    }
    taken
}

#[test]
fn the_medium_demo_counts_22_000_records_and_slices_to_the_same_journal() {
    let mut builder = DemoBuilder::new(2026, DemoSize::Medium, today());
    assert_eq!(builder.total(), 22_000);
    assert_eq!(builder.done(), 0);
    assert_eq!(step_through(&mut builder, &[1_000]), 22);
    assert!(builder.is_complete());
    let sliced = builder.finish().unwrap();
    assert_eq!(sliced, generate(2026, DemoSize::Medium, today()).unwrap());
    assert_eq!(sliced.person_count(), 2_000);
    assert_eq!(sliced.interaction_count(), 20_000);
}

#[test]
fn finish_makes_whatever_is_left() {
    let mut builder = DemoBuilder::new(9, DemoSize::Small, today());
    builder.step(150);
    assert_eq!(builder.done(), 150);
    assert!(!builder.is_complete());
    assert_eq!(
        builder.finish().unwrap(),
        generate(9, DemoSize::Small, today()).unwrap()
    );
}

#[test]
fn no_people_means_no_interactions_to_count() {
    let mut builder = DemoBuilder::with_counts(1, 0, 50, today());
    assert_eq!(builder.total(), 0);
    assert!(builder.is_complete());
    assert_eq!(builder.step(10), 0);
    assert_eq!(builder.finish().unwrap().interaction_count(), 0);
}

fn cases() -> u32 {
    std::env::var("RAPPORT_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse::<u32>().ok())
        .map_or(48, |n| (n / 10).max(48))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn any_slicing_makes_the_one_shot_journal(
        seed in any::<u64>(),
        people in 0usize..40,
        interactions in 0usize..200,
        steps in proptest::collection::vec(0usize..60, 1..8),
    ) {
        // Steps of 0 make nothing; at least one step must make something.
        let mut steps = steps;
        steps.push(1);
        let mut builder = DemoBuilder::with_counts(seed, people, interactions, today());
        prop_assert_eq!(builder.total(), if people == 0 { 0 } else { people + interactions });
        step_through(&mut builder, &steps);
        prop_assert!(builder.is_complete());
        let sliced = builder.finish().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let whole = generate_with(seed, people, interactions, today()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(sliced, whole);
    }
}
