//! The backup written a slice at a time: however it is sliced, the text is byte
//! for byte that of `export_backup`, and the count of records written only grows
//! to the total.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use chrono::{DateTime, NaiveDate, Utc};
use proptest::prelude::*;
use rapport::backup::{export_backup, ExportWriter};
use rapport::model::demo::generate_with;
use rapport::model::*;
use support::{d, ts};

fn today() -> NaiveDate {
    d(2026, 3, 4)
}

fn exported() -> DateTime<Utc> {
    ts(2026, 3, 4)
}

/// A demo journal; with `milestones` of them added, and the purposes emptied when asked.
fn journal(
    seed: u64,
    people: usize,
    interactions: usize,
    milestones: u64,
    no_purposes: bool,
) -> Journal {
    let mut journal = generate_with(seed, people, interactions, today()).unwrap();
    for n in 0..milestones {
        let date = d(2025, 1 + (n % 12) as u32, 1 + (n % 28) as u32);
        let record = Milestone::new(
            MilestoneId::new(seed ^ n),
            date,
            MilestoneKind::NewJob,
            exported(),
        );
        journal.apply(Action::AddMilestone(record)).unwrap();
    }
    if no_purposes && interactions == 0 {
        let ids: Vec<PurposeId> = journal.purposes().iter().map(|p| p.id.clone()).collect();
        for id in ids {
            journal
                .apply(Action::RemovePurpose {
                    id,
                    removal: PurposeRemoval::OnlyIfUnused,
                    now: exported(),
                })
                .unwrap();
        }
    }
    journal
}

/// Writes `journal` with steps of the sizes in `steps`, over and over; checks
/// the count after each step. Returns the text.
fn sliced(journal: &Journal, steps: &[usize]) -> String {
    let mut writer = ExportWriter::new(journal, exported()).unwrap();
    let total = writer.total();
    assert_eq!(
        total,
        journal.person_count()
            + journal.interaction_count()
            + journal.purposes().len()
            + journal.milestone_count()
    );
    let mut before = writer.done();
    assert_eq!(before, 0);
    for &n in steps.iter().cycle() {
        if writer.is_complete() {
            break;
        }
        let done = writer.step(n).unwrap();
        assert_eq!(done, writer.done());
        assert_eq!(done, (before + n).min(total), "a step of {n} from {before}");
        before = done;
    }
    assert_eq!(writer.done(), total);
    writer.finish().unwrap()
}

#[test]
fn one_record_at_a_time_writes_the_same_bytes() {
    for j in [
        journal(1, 30, 120, 0, false),
        journal(2, 5, 0, 3, true),
        journal(3, 0, 0, 0, false),
        journal(4, 12, 40, 7, false),
    ] {
        assert_eq!(sliced(&j, &[1]), export_backup(&j, exported()).unwrap());
    }
}

#[test]
fn finish_writes_whatever_is_left() {
    let j = journal(5, 20, 80, 2, false);
    let mut writer = ExportWriter::new(&j, exported()).unwrap();
    writer.step(25).unwrap();
    assert!(!writer.is_complete());
    assert_eq!(
        writer.finish().unwrap(),
        export_backup(&j, exported()).unwrap()
    );
}

#[test]
fn an_empty_journal_is_complete_after_one_step() {
    let j = journal(6, 0, 0, 0, true);
    let mut writer = ExportWriter::new(&j, exported()).unwrap();
    assert_eq!(writer.total(), 0);
    assert!(!writer.is_complete(), "the lists are not closed yet");
    assert_eq!(writer.step(1).unwrap(), 0);
    assert!(writer.is_complete());
    assert_eq!(
        writer.finish().unwrap(),
        export_backup(&j, exported()).unwrap()
    );
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
    fn any_slicing_writes_the_one_shot_text(
        seed in any::<u64>(),
        people in 0usize..25,
        interactions in 0usize..80,
        milestones in 0u64..4,
        no_purposes in any::<bool>(),
        steps in proptest::collection::vec(1usize..40, 1..6),
    ) {
        let j = journal(seed, people, interactions, milestones, no_purposes);
        prop_assert_eq!(sliced(&j, &steps), export_backup(&j, exported()).unwrap());
    }
}
