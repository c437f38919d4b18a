//! Milestones: who to thank after a new job, the keep-in-touch nudge, the
//! stage's purposes, and milestones in backups, merges, storage and undo.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use proptest::prelude::*;
use rapport::backup::{apply_import, export_backup, parse_backup, Mode};
use rapport::model::milestone::{
    boundary_suggestion, keep_going, milestones_between, people_to_thank, stage_offer, thanks_due,
    timeline, TimelineItem, THANKS_PURPOSE,
};
use rapport::model::*;
use rapport::storage::{MemoryBackend, Store};
use support::{d, person, pid, ts};

struct TestMinter {
    now: DateTime<Utc>,
    next: u64,
}

impl TestMinter {
    fn new() -> Self {
        Self {
            now: ts(2026, 6, 1),
            next: 7,
        }
    }
}

impl Minter for TestMinter {
    fn now(&mut self) -> DateTime<Utc> {
        self.now += Duration::seconds(1);
        self.now
    }
    fn random(&mut self) -> u64 {
        self.next = self
            .next
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.next
    }
}

fn run(j: &mut Journal, m: &mut TestMinter, commands: Vec<Command>) -> Executed {
    j.execute(commands, m).expect("the commands run")
}

/// One entry with one person and one exchange, for the job search or not.
fn log(
    j: &mut Journal,
    m: &mut TestMinter,
    on: NaiveDate,
    who: u64,
    (gesture, kind, answer): (Gesture, ExchangeKind, Answer),
    job: bool,
) {
    let draft = EntryDraft {
        date: on,
        time: None,
        people: vec![Who::Known(pid(who))],
        kind: InteractionKind::Coffee,
        initiated_by: Initiator::Me,
        purpose: job.then(|| "job".parse().unwrap()),
        note: String::new(),
        exchanges: vec![ExchangeDraft::new(gesture, kind, answer, "")],
    };
    run(j, m, vec![Command::LogContact(draft)]);
}

const NAMES: [&str; 10] = [
    "Ana", "Ben", "Cid", "Dot", "Eve", "Fay", "Gus", "Hal", "Ivy", "Jon",
];

fn journal_with_people() -> Journal {
    let mut j = Journal::new();
    for (n, name) in NAMES.iter().enumerate() {
        j.apply(Action::AddPerson(person(n as u64 + 1, name)))
            .unwrap();
    }
    j
}

fn new_job(j: &mut Journal, m: &mut TestMinter, on: NaiveDate) -> MilestoneId {
    run(
        j,
        m,
        vec![Command::AddMilestone {
            date: on,
            kind: MilestoneKind::NewJob,
            note: "Started at Fabrikam".into(),
        }],
    )
    .added_milestones[0]
        .clone()
}

fn names(j: &Journal, list: &[Helper]) -> Vec<String> {
    list.iter()
        .map(|h| j.person(&h.person).unwrap().name.clone())
        .collect()
}

/// The job search of the acceptance story, plus everyone who must stay out.
fn job_search() -> (Journal, TestMinter, MilestoneId) {
    use Answer::*;
    use ExchangeKind::*;
    use Gesture::*;
    let mut j = journal_with_people();
    let mut m = TestMinter::new();
    let job_day = d(2026, 6, 1);
    // In: a granted ask for the job search (any kind).
    log(
        &mut j,
        &mut m,
        d(2026, 3, 2),
        1,
        (IAsked, Favour, Yes),
        true,
    );
    // In: an introduction given to me, unasked, for no purpose at all.
    log(
        &mut j,
        &mut m,
        d(2026, 4, 10),
        2,
        (TheyGave, Introduction, Yes),
        false,
    );
    // In: a granted ask for a referral, on the window's first day.
    log(
        &mut j,
        &mut m,
        d(2025, 12, 1),
        3,
        (IAsked, Referral, Yes),
        false,
    );
    // Out: an ask still open.
    log(
        &mut j,
        &mut m,
        d(2026, 5, 2),
        4,
        (IAsked, Introduction, Open),
        true,
    );
    // Out: an ask declined.
    log(&mut j, &mut m, d(2026, 5, 3), 5, (IAsked, Advice, No), true);
    // Out: a favour granted, but not for the job search.
    log(
        &mut j,
        &mut m,
        d(2026, 5, 4),
        6,
        (IAsked, Favour, Yes),
        false,
    );
    // Out: advice more than six months before.
    log(
        &mut j,
        &mut m,
        d(2025, 11, 30),
        7,
        (TheyGave, Advice, Yes),
        true,
    );
    // Out: an introduction after the milestone.
    log(
        &mut j,
        &mut m,
        d(2026, 6, 2),
        8,
        (TheyGave, Introduction, Yes),
        true,
    );
    // Out: I gave them advice (the wrong way round).
    log(&mut j, &mut m, d(2026, 5, 5), 9, (IGave, Advice, Yes), true);
    // Out: they asked me and I said yes.
    log(
        &mut j,
        &mut m,
        d(2026, 5, 6),
        10,
        (TheyAsked, Introduction, Yes),
        true,
    );
    let id = new_job(&mut j, &mut m, job_day);
    (j, m, id)
}

#[test]
fn the_people_to_thank_are_exactly_those_who_helped_in_the_window() {
    let (j, _, id) = job_search();
    let milestone = j.milestone(&id).unwrap();
    let helpers = people_to_thank(&j, milestone);
    assert_eq!(names(&j, &helpers), ["Ana", "Ben", "Cid"]);
    assert_eq!(helpers[1].summary(), "An introduction");
    let (due, list) = thanks_due(&j, d(2026, 6, 3)).unwrap();
    assert_eq!(due, id);
    assert_eq!(list, helpers);
    // Before the milestone's day there is no list yet.
    assert_eq!(thanks_due(&j, d(2026, 5, 31)), None);
}

#[test]
fn a_retired_milestone_has_nobody_to_thank() {
    let (mut j, mut m, id) = job_search();
    let record = j.milestone(&id).unwrap().clone();
    run(
        &mut j,
        &mut m,
        vec![Command::EditMilestone {
            id: id.clone(),
            date: record.date,
            kind: MilestoneKind::Retired,
            note: String::new(),
        }],
    );
    assert!(people_to_thank(&j, j.milestone(&id).unwrap()).is_empty());
    assert_eq!(j.milestone(&id).unwrap().headline(), "Retired");
    assert_eq!(
        boundary_suggestion(&j, d(2026, 6, 2)),
        "Not looking for full-time work"
    );
}

#[test]
fn logging_a_thank_you_adds_the_purpose_once_and_takes_the_person_off() {
    let (mut j, mut m, id) = job_search();
    assert!(THANKS_PURPOSE.find(j.purposes()).is_none());
    let before = j.purposes().len();
    let done = run(
        &mut j,
        &mut m,
        vec![Command::LogThanks {
            person: pid(2),
            on: d(2026, 6, 5),
        }],
    );
    assert_eq!(j.purposes().len(), before + 1);
    assert_eq!(j.purposes().last().unwrap().label, "Thank-you");
    let entry = j.interaction(&done.added_entries[0]).unwrap();
    assert_eq!(entry.kind, InteractionKind::Message);
    assert_eq!(entry.initiated_by, Initiator::Me);
    let (_, list) = thanks_due(&j, d(2026, 6, 5)).unwrap();
    assert_eq!(names(&j, &list), ["Ana", "Cid"]);

    // Undo takes the entry and the purpose it added away again.
    run(&mut j, &mut m, vec![Command::Undo(done.undo)]);
    assert_eq!(j.purposes().len(), before);
    let (_, list) = thanks_due(&j, d(2026, 6, 5)).unwrap();
    assert_eq!(names(&j, &list), ["Ana", "Ben", "Cid"]);

    // Thanks in one go: the purpose is added once and reused.
    let thanks = |n| Command::LogThanks {
        person: pid(n),
        on: d(2026, 6, 5),
    };
    run(&mut j, &mut m, vec![thanks(1), thanks(2)]);
    assert_eq!(j.purposes().len(), before + 1);
    run(&mut j, &mut m, vec![thanks(3)]);
    assert_eq!(j.purposes().len(), before + 1);
    assert_eq!(thanks_due(&j, d(2026, 6, 5)), None);
    let _ = id;
}

#[test]
fn a_thank_you_before_the_milestone_does_not_count() {
    let (mut j, mut m, _) = job_search();
    run(
        &mut j,
        &mut m,
        vec![Command::LogThanks {
            person: pid(2),
            on: d(2026, 5, 20),
        }],
    );
    let (_, list) = thanks_due(&j, d(2026, 6, 5)).unwrap();
    assert_eq!(names(&j, &list), ["Ana", "Ben", "Cid"]);
}

#[test]
fn dismissing_the_list_is_stored_and_undoable() {
    let (mut j, mut m, id) = job_search();
    let done = run(&mut j, &mut m, vec![Command::DismissThanks(id.clone())]);
    assert!(done.applied.milestones_changed);
    assert_eq!(thanks_due(&j, d(2026, 6, 5)), None);
    run(&mut j, &mut m, vec![Command::Undo(done.undo)]);
    assert!(thanks_due(&j, d(2026, 6, 5)).is_some());
}

#[test]
fn milestones_are_edited_deleted_and_undone() {
    let (mut j, mut m, id) = job_search();
    let created = j.milestone(&id).unwrap().created;
    let edit = run(
        &mut j,
        &mut m,
        vec![Command::EditMilestone {
            id: id.clone(),
            date: d(2026, 6, 8),
            kind: MilestoneKind::NewJob,
            note: "  Started at Contoso ".into(),
        }],
    );
    let edited = j.milestone(&id).unwrap().clone();
    assert_eq!(edited.note, "Started at Contoso");
    assert_eq!(edited.created, created);
    assert!(edited.updated > created);
    let delete = run(&mut j, &mut m, vec![Command::DeleteMilestone(id.clone())]);
    assert_eq!(j.milestone_count(), 0);
    run(&mut j, &mut m, vec![Command::Undo(delete.undo)]);
    let back = j.milestone(&id).unwrap().clone();
    assert_eq!(back.note, "Started at Contoso");
    assert!(back.updated > edited.updated, "an undo is a later change");
    run(&mut j, &mut m, vec![Command::Undo(edit.undo)]);
    assert_eq!(j.milestone(&id).unwrap().note, "Started at Fabrikam");
    assert_eq!(
        j.execute(vec![Command::DeleteMilestone(MilestoneId::new(1))], &mut m)
            .err(),
        Some(ModelError::UnknownMilestone(MilestoneId::new(1)))
    );
}

#[test]
fn the_timeline_puts_milestones_among_the_entries_newest_first() {
    use Answer::*;
    use ExchangeKind::*;
    use Gesture::*;
    let mut j = journal_with_people();
    let mut m = TestMinter::new();
    log(
        &mut j,
        &mut m,
        d(2026, 5, 1),
        1,
        (TheyGave, Advice, Yes),
        false,
    );
    log(
        &mut j,
        &mut m,
        d(2026, 6, 3),
        2,
        (TheyGave, Advice, Yes),
        false,
    );
    log(
        &mut j,
        &mut m,
        d(2026, 6, 1),
        3,
        (TheyGave, Advice, Yes),
        false,
    );
    let job = new_job(&mut j, &mut m, d(2026, 6, 1));
    let later = run(
        &mut j,
        &mut m,
        vec![Command::AddMilestone {
            date: d(2026, 7, 1),
            kind: MilestoneKind::Retired,
            note: String::new(),
        }],
    )
    .added_milestones[0]
        .clone();
    let days: Vec<(NaiveDate, Option<MilestoneId>)> = timeline(&j)
        .iter()
        .map(|item| match item {
            TimelineItem::Milestone(m) => (item.date(), Some(m.id.clone())),
            TimelineItem::Entry(_) => (item.date(), None),
        })
        .collect();
    assert_eq!(
        days,
        vec![
            (d(2026, 7, 1), Some(later.clone())),
            (d(2026, 6, 3), None),
            (d(2026, 6, 1), Some(job.clone())),
            (d(2026, 6, 1), None),
            (d(2026, 5, 1), None),
        ]
    );
    let ids = |list: Vec<&Milestone>| list.into_iter().map(|m| m.id.clone()).collect::<Vec<_>>();
    assert_eq!(
        ids(milestones_between(&j, d(2026, 6, 1), d(2026, 6, 30))),
        vec![job.clone()]
    );
    assert_eq!(
        ids(milestones_between(&j, d(2026, 1, 1), d(2026, 7, 1))),
        vec![job, later]
    );
    assert!(milestones_between(&j, d(2026, 7, 2), d(2026, 12, 31)).is_empty());
}

#[test]
fn the_keep_in_touch_nudge_watches_ninety_days_for_a_quiet_week() {
    let mut j = journal_with_people();
    let mut m = TestMinter::new();
    let job_day = d(2026, 6, 1);
    assert_eq!(keep_going(&j, d(2026, 6, 20)), None, "no milestone yet");
    new_job(&mut j, &mut m, job_day);
    // Six quiet days: not yet. Seven: the nudge.
    assert_eq!(keep_going(&j, d(2026, 6, 7)), None);
    let nudge = keep_going(&j, d(2026, 6, 8)).unwrap();
    assert_eq!(nudge.quiet_days, 7);
    assert_eq!(
        KeepGoing::MESSAGE,
        "You landed the job — keep in touch while you don't need anything."
    );
    // A contact resets the week.
    log(
        &mut j,
        &mut m,
        d(2026, 6, 10),
        1,
        (Gesture::IGave, ExchangeKind::Advice, Answer::Yes),
        false,
    );
    assert_eq!(keep_going(&j, d(2026, 6, 16)), None);
    assert_eq!(keep_going(&j, d(2026, 6, 17)).unwrap().quiet_days, 7);
    // Day 89 still watches; day 90 is past the first ninety days.
    assert!(keep_going(&j, d(2026, 8, 29)).is_some());
    assert_eq!(keep_going(&j, d(2026, 8, 30)), None);
}

#[test]
fn a_retired_milestone_offers_the_missing_stage_purposes_once() {
    let mut j = Journal::new();
    let mut m = TestMinter::new();
    let done = run(
        &mut j,
        &mut m,
        vec![Command::AddMilestone {
            date: d(2026, 6, 1),
            kind: MilestoneKind::Retired,
            note: String::new(),
        }],
    );
    let id = done.added_milestones[0].clone();
    // The default list has "Consulting gig" and "Volunteering" already.
    let (offered_by, missing) = stage_offer(&j, d(2026, 6, 1)).unwrap();
    assert_eq!(offered_by, id);
    let labels: Vec<&str> = missing.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Part-time job",
            "Benefits (Social Security, Medicare, pensions)"
        ]
    );
    let accepted = run(
        &mut j,
        &mut m,
        vec![Command::AnswerStageOffer {
            milestone: id.clone(),
            accept: true,
        }],
    );
    assert!(j.purposes().iter().any(|p| p.label == "Part-time job"));
    assert_eq!(stage_offer(&j, d(2026, 6, 2)), None, "offered once");
    run(&mut j, &mut m, vec![Command::Undo(accepted.undo)]);
    assert!(!j.purposes().iter().any(|p| p.label == "Part-time job"));
    assert!(stage_offer(&j, d(2026, 6, 2)).is_some());
    // Declining also ends the offer, and adds nothing.
    let count = j.purposes().len();
    run(
        &mut j,
        &mut m,
        vec![Command::AnswerStageOffer {
            milestone: id,
            accept: false,
        }],
    );
    assert_eq!(j.purposes().len(), count);
    assert_eq!(stage_offer(&j, d(2026, 6, 2)), None);
}

#[test]
fn milestones_round_trip_through_a_backup_and_storage() {
    let (j, _, _) = job_search();
    let text = export_backup(&j, ts(2026, 6, 2)).unwrap();
    assert!(text.contains("\"milestones\""));
    let parsed = parse_backup(text.as_bytes()).unwrap();
    assert_eq!(parsed.into_journal().to_parts(), j.to_parts());

    let id = thanks_due(&j, d(2026, 6, 2)).unwrap().0;
    let (mut j, mut m) = (j, TestMinter::new());
    let (mut store, empty) = Store::load(MemoryBackend::default(), "t1").unwrap();
    assert_eq!(empty.milestone_count(), 0);
    store.stage_replacement(&empty, &j);
    store.retry(&mut j).unwrap();
    // A change to a milestone alone is written too.
    let done = run(&mut j, &mut m, vec![Command::DismissThanks(id.clone())]);
    store.save(&mut j, &done.applied).unwrap();
    let (_, loaded) = Store::load(store.into_backend(), "t2").unwrap();
    assert_eq!(loaded.to_parts(), j.to_parts());
    assert!(loaded.milestone(&id).unwrap().thanks_dismissed);
}

#[test]
fn a_journal_without_milestones_exports_as_before() {
    let j = journal_with_people();
    let text = export_backup(&j, ts(2026, 6, 2)).unwrap();
    assert!(!text.contains("milestones"));
}

#[test]
fn hostile_milestones_are_reported_at_their_path() {
    let (j, _, _) = job_search();
    let text = export_backup(&j, ts(2026, 6, 2)).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["milestones"][0]["date"] = "tomorrow".into();
    value["milestones"][0]["kind"] = "promotion".into();
    let problems = parse_backup(value.to_string().as_bytes())
        .err()
        .unwrap()
        .lines();
    assert!(
        problems.contains(&"milestones[0].date: \"tomorrow\" is not a date".to_owned()),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("milestones[0].kind:")),
        "{problems:?}"
    );
    value["milestones"] = serde_json::json!({"not": "a list"});
    let problems = parse_backup(value.to_string().as_bytes())
        .err()
        .unwrap()
        .lines();
    assert!(
        problems.iter().any(|p| p.starts_with("milestones:")),
        "{problems:?}"
    );
}

#[test]
fn merging_backups_keeps_every_milestone_and_the_newer_edit() {
    let (ours, mut m, id) = job_search();
    let mut theirs = ours.clone();
    run(
        &mut theirs,
        &mut m,
        vec![Command::DismissThanks(id.clone())],
    );
    let extra = run(
        &mut theirs,
        &mut m,
        vec![Command::AddMilestone {
            date: d(2026, 9, 1),
            kind: MilestoneKind::Other,
            note: "Moved to Lisbon".into(),
        }],
    )
    .added_milestones[0]
        .clone();
    let file = parse_backup(export_backup(&theirs, ts(2026, 9, 2)).unwrap().as_bytes()).unwrap();
    let merged = apply_import(&ours, file, Mode::Merge).unwrap();
    assert_eq!(merged.milestone_count(), 2);
    assert!(merged.milestone(&id).unwrap().thanks_dismissed);
    assert_eq!(merged.milestone(&extra).unwrap().note, "Moved to Lisbon");
    // The other way round the newer (dismissed) one also wins.
    let file = parse_backup(export_backup(&ours, ts(2026, 9, 2)).unwrap().as_bytes()).unwrap();
    let merged = apply_import(&theirs, file, Mode::Merge).unwrap();
    assert!(merged.milestone(&id).unwrap().thanks_dismissed);
}

fn gesture() -> impl Strategy<Value = Gesture> {
    prop::sample::select(Gesture::ALL.to_vec())
}
fn kind() -> impl Strategy<Value = ExchangeKind> {
    prop::sample::select(
        ExchangeKind::ALL
            .into_iter()
            .filter(|k| *k != ExchangeKind::Loan)
            .collect::<Vec<_>>(),
    )
}
fn answer() -> impl Strategy<Value = Answer> {
    prop::sample::select(Answer::ALL.to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Everyone listed got something from an entry in the window, and a
    /// thank-you to each empties the list.
    #[test]
    fn thanking_everyone_listed_empties_the_list(
        entries in prop::collection::vec(
            (0i64..400, 1u64..=10, gesture(), kind(), answer(), any::<bool>()),
            0..25,
        )
    ) {
        let mut j = journal_with_people();
        let mut m = TestMinter::new();
        let job_day = d(2026, 6, 1);
        for (back, who, g, k, a, job) in entries {
            let on = job_day - Duration::days(back - 30);
            log(&mut j, &mut m, on, who, (g, k, a), job);
        }
        let id = new_job(&mut j, &mut m, job_day);
        let helpers = people_to_thank(&j, j.milestone(&id).unwrap());
        for helper in &helpers {
            let got = j.interactions_with(&helper.person).iter().any(|i| {
                i.date <= job_day
                    && i.date >= d(2025, 12, 1)
                    && i.exchanges.iter().any(|x| x.direction == Direction::Got)
            });
            prop_assert!(got);
        }
        let thanks: Vec<Command> = helpers
            .iter()
            .map(|h| Command::LogThanks { person: h.person.clone(), on: job_day })
            .collect();
        if !thanks.is_empty() {
            run(&mut j, &mut m, thanks);
        }
        prop_assert_eq!(thanks_due(&j, job_day), None);
        prop_assert!(people_to_thank(&j, j.milestone(&id).unwrap()).is_empty());
    }
}
