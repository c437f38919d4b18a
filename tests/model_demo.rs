//! The deterministic demo generator.
#![cfg(not(target_arch = "wasm32"))]

mod network_oracle;
mod support;

use network_oracle::circle_split;
use rapport::model::demo::{generate, generate_with, DemoSize};
use rapport::model::network::{weekly_streak, NetworkFilter};
use rapport::model::*;
use std::collections::BTreeSet;
use support::*;

fn today() -> chrono::NaiveDate {
    d(2024, 6, 30)
}

#[test]
fn small_demo_is_valid_realistic_and_deterministic() {
    let j = generate(42, DemoSize::Small, today()).unwrap();
    assert_eq!(j.person_count(), 200);
    assert_eq!(j.interaction_count(), 2000);
    assert_consistent(&j);
    assert_eq!(j, generate(42, DemoSize::Small, today()).unwrap());
    assert_ne!(j, generate(43, DemoSize::Small, today()).unwrap());

    // Ten years of dates ending today.
    let first = j.interactions_by_date().next().unwrap().date;
    let last = j.interactions_by_date().next_back().unwrap().date;
    assert!(first >= d(2014, 6, 30), "{first}");
    assert!(last <= today(), "{last}");
    assert!(last >= d(2024, 6, 1), "recent years are busiest: {last}");

    // Names with accents, the usual circle, cadences and 80-character notes.
    assert!(j.people().any(|p| !p.name.is_ascii()));
    let posse = j.people().filter(|p| p.has_tag("posse")).count();
    assert!((5..=40).contains(&posse), "posse {posse}");
    assert!(j.people().filter(|p| p.cadence.is_some()).count() > 40);
    assert!(j
        .people()
        .any(|p| p.birthday.is_some_and(|b| b.year().is_none())));
    assert!(j
        .interactions()
        .filter(|i| !i.note.is_empty())
        .all(|i| i.note.chars().count() == 80));

    // Exchanges on about a third of interactions, with every outcome, promises, loans and settlements.
    let with_exchanges = j.interactions().filter(|i| !i.exchanges.is_empty()).count();
    assert!(
        (560..=760).contains(&with_exchanges),
        "with exchanges {with_exchanges}"
    );
    let exchanges: Vec<&Exchange> = j.interactions().flat_map(|i| &i.exchanges).collect();
    let outcomes: BTreeSet<String> = exchanges
        .iter()
        .filter_map(|e| e.ask.map(|a| format!("{:?}", a.outcome)))
        .collect();
    assert_eq!(outcomes.len(), 5, "{outcomes:?}");
    // Promises, some kept, and asks answered days after they were made.
    assert!(exchanges.iter().any(|e| e.promised && e.is_delivered()));
    assert!(exchanges.iter().any(|e| e.promised && !e.is_delivered()));
    assert!(exchanges
        .iter()
        .any(|e| e.ask.is_some_and(|a| a.answered.is_some())));
    assert!(exchanges
        .iter()
        .any(|e| matches!(e.loan, Some(LoanSubject::Money { .. }))));
    assert!(exchanges
        .iter()
        .any(|e| matches!(e.loan, Some(LoanSubject::Item { .. }))));
    assert!(exchanges.iter().any(|e| e.settlements.len() == 2));
    assert!(j.people().any(|p| p.met.introduced_by.is_some()));

    // Network figures work on it.
    let split = circle_split(&j, &NetworkFilter::default());
    assert_eq!(split.usual + split.others, 2000);
    assert!(
        split.usual > 200,
        "posse people are contacted more often: {split:?}"
    );
    let _ = weekly_streak(&j, today(), &NetworkFilter::default());
}

#[test]
fn demo_sizes() {
    assert_eq!(
        (DemoSize::Tiny.people(), DemoSize::Tiny.interactions()),
        (50, 500)
    );
    let tiny_demo = generate(5, DemoSize::Tiny, today()).unwrap();
    assert_eq!(
        (tiny_demo.person_count(), tiny_demo.interaction_count()),
        (50, 500)
    );
    assert_eq!(
        (DemoSize::Small.people(), DemoSize::Small.interactions()),
        (200, 2_000)
    );
    assert_eq!(
        (DemoSize::Medium.people(), DemoSize::Medium.interactions()),
        (2_000, 20_000)
    );
    assert_eq!(
        (DemoSize::Large.people(), DemoSize::Large.interactions()),
        (5_000, 50_000)
    );
    let tiny = generate_with(1, 3, 10, today()).unwrap();
    assert_eq!((tiny.person_count(), tiny.interaction_count()), (3, 10));
    let nobody = generate_with(1, 0, 10, today()).unwrap();
    assert_eq!((nobody.person_count(), nobody.interaction_count()), (0, 0));
}

#[test]
fn large_demo_builds_through_validation() {
    let j = generate(7, DemoSize::Large, today()).unwrap();
    assert_eq!(j.person_count(), 5_000);
    assert_eq!(j.interaction_count(), 50_000);
    j.check_integrity().unwrap();
}
