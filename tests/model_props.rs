//! Property tests over arbitrary action sequences (valid and invalid):
//!
//! * the incrementally maintained stats equal a full recompute after every step;
//! * no id ever dangles (people, purposes, exchange people, introduced-by);
//! * a rejected action leaves the journal unchanged;
//! * `Applied` names exactly the records that changed, with correct old dates;
//! * the JSON round trip is lossless.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use proptest::prelude::*;
use rapport::model::stats::compute_all;
use rapport::model::*;

/// Small id pools so that actions often hit existing records (and sometimes collide).
const PEOPLE: u64 = 10;
const INTERACTIONS: u64 = 12;
const EXTRA_PURPOSES: u64 = 3;
const LABELS: [&str; 5] = ["Mentoring", "mentoring", "Side project", "", "Job search"];
const TAGS: [&str; 4] = ["posse", "Posse", "alumni", "crew"];

fn base_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
}

fn day(n: u16) -> NaiveDate {
    base_date() + Duration::days(i64::from(n))
}

fn stamp(n: u16) -> DateTime<Utc> {
    day(n).and_hms_opt(10, 0, 0).unwrap().and_utc()
}

fn purpose_pool(index: u8) -> PurposeId {
    let defaults = ["touch", "job", "gig", "info", "volunteer", "help"];
    match defaults.get(index as usize) {
        Some(id) => id.parse().unwrap(),
        None => PurposeId::new(u64::from(index) % EXTRA_PURPOSES),
    }
}

#[derive(Debug, Clone)]
struct ExSpec {
    x: u64,
    person: u8,
    gave: bool,
    kind: u8,
    ask: Option<(bool, u8)>,
    loan: u8,
    amount: u64,
    settle: Vec<(u16, u32)>,
}

#[derive(Debug, Clone)]
enum Step {
    AddPerson {
        p: u64,
        blank: bool,
        intro: Option<u64>,
        tags: Vec<u8>,
        cadence: Option<(u32, Option<u32>)>,
        met: Option<u16>,
        day: u16,
    },
    EditPerson {
        p: u64,
        blank: bool,
        intro: Option<u64>,
        tags: Vec<u8>,
        archived: bool,
        day: u16,
    },
    DeletePerson {
        p: u64,
        archive: bool,
        day: u16,
    },
    AddInteraction {
        i: u64,
        people: Vec<u64>,
        day: u16,
        init: u8,
        purpose: Option<u8>,
        exchanges: Vec<ExSpec>,
    },
    EditInteraction {
        i: u64,
        people: Vec<u64>,
        day: u16,
        init: u8,
        purpose: Option<u8>,
        exchanges: Vec<ExSpec>,
    },
    DeleteInteraction {
        i: u64,
    },
    Merge {
        keep: u64,
        absorb: u64,
        day: u16,
    },
    Settle {
        i: u64,
        x: u64,
        day: u16,
        portion: Option<u32>,
    },
    AddPurpose {
        w: u64,
        label: u8,
    },
    RenamePurpose {
        w: u8,
        label: u8,
    },
    RemovePurpose {
        w: u8,
        mode: u8,
        to: u8,
        day: u16,
    },
    Settings {
        circle: u8,
    },
}

fn ex_spec() -> impl Strategy<Value = ExSpec> {
    (
        0..3u64,
        0..4u8,
        any::<bool>(),
        0..8u8,
        proptest::option::of((any::<bool>(), 0..6u8)),
        0..3u8,
        0..3000u64,
        prop_oneof![3 => Just(Vec::new()), 1 => proptest::collection::vec((0..200u16, 0..120u32), 1..3)],
    )
        .prop_map(|(x, person, gave, kind, ask, loan, amount, settle)| ExSpec {
            x,
            person,
            gave,
            kind,
            ask,
            loan,
            amount,
            settle,
        })
}

fn step() -> impl Strategy<Value = Step> {
    // Raw person references: 0..18 resolve to existing people, 18 and 19 stay unknown ids.
    let people =
        || prop_oneof![1 => Just(Vec::new()), 30 => proptest::collection::vec(0..20u64, 1..4)];
    let exchanges = || proptest::collection::vec(ex_spec(), 0..4);
    let days = || 0..1500u16;
    prop_oneof![
        4 => (0..PEOPLE, proptest::bool::weighted(0.05), proptest::option::weighted(0.3, 0..20u64),
              proptest::collection::vec(0..4u8, 0..3),
              proptest::option::of((0..40u32, proptest::option::of(0..80u32))),
              proptest::option::of(days()), days())
            .prop_map(|(p, blank, intro, tags, cadence, met, day)| Step::AddPerson { p, blank, intro, tags, cadence, met, day }),
        2 => (0..20u64, proptest::bool::weighted(0.05), proptest::option::weighted(0.3, 0..20u64),
              proptest::collection::vec(0..4u8, 0..3), any::<bool>(), days())
            .prop_map(|(p, blank, intro, tags, archived, day)| Step::EditPerson { p, blank, intro, tags, archived, day }),
        1 => (0..20u64, any::<bool>(), days()).prop_map(|(p, archive, day)| Step::DeletePerson { p, archive, day }),
        10 => (0..INTERACTIONS, people(), days(), 0..3u8, proptest::option::of(0..7u8), exchanges())
            .prop_map(|(i, people, day, init, purpose, exchanges)| Step::AddInteraction { i, people, day, init, purpose, exchanges }),
        3 => (0..20u64, people(), days(), 0..3u8, proptest::option::of(0..7u8), exchanges())
            .prop_map(|(i, people, day, init, purpose, exchanges)| Step::EditInteraction { i, people, day, init, purpose, exchanges }),
        1 => (0..20u64).prop_map(|i| Step::DeleteInteraction { i }),
        1 => (0..20u64, 0..20u64, days()).prop_map(|(keep, absorb, day)| Step::Merge { keep, absorb, day }),
        3 => (0..20u64, 0..4u64, days(), proptest::option::of(0..3000u32))
            .prop_map(|(i, x, day, portion)| Step::Settle { i, x, day, portion }),
        1 => (0..EXTRA_PURPOSES, 0..5u8).prop_map(|(w, label)| Step::AddPurpose { w, label }),
        1 => (0..9u8, 0..5u8).prop_map(|(w, label)| Step::RenamePurpose { w, label }),
        1 => (0..9u8, 0..3u8, 0..9u8, days()).prop_map(|(w, mode, to, day)| Step::RemovePurpose { w, mode, to, day }),
        1 => (0..5u8).prop_map(|circle| Step::Settings { circle }),
    ]
}

/// Maps a raw reference onto an existing person (0..18) or keeps an unknown id (18, 19).
fn resolve_person(journal: &Journal, raw: u64) -> PersonId {
    let ids: Vec<&PersonId> = journal.people().map(|p| &p.id).collect();
    if raw >= 18 || ids.is_empty() {
        PersonId::new(100 + raw)
    } else {
        ids[raw as usize % ids.len()].clone()
    }
}

/// Same for interactions.
fn resolve_interaction(journal: &Journal, raw: u64) -> InteractionId {
    let ids: Vec<&InteractionId> = journal.interactions().map(|i| &i.id).collect();
    if raw >= 18 || ids.is_empty() {
        InteractionId::new(100 + raw)
    } else {
        ids[raw as usize % ids.len()].clone()
    }
}

fn resolve_people(journal: &Journal, raw: &[u64]) -> Vec<PersonId> {
    let mut people: Vec<PersonId> = raw.iter().map(|&r| resolve_person(journal, r)).collect();
    // Keep an occasional repeat (invalid) but mostly list each person once.
    if raw.first() != Some(&17) {
        let mut seen = BTreeSet::new();
        people.retain(|p| seen.insert(p.clone()));
    }
    people
}

fn build_exchange(spec: &ExSpec, people: &[PersonId], date_day: u16) -> Exchange {
    // 0..3 pick one of the interaction's people, 3 someone outside it (invalid).
    let person = if spec.person < 3 && !people.is_empty() {
        people[spec.person as usize % people.len()].clone()
    } else {
        PersonId::new(PEOPLE + 1)
    };
    // Kinds 5..8 are all loans, outcomes 4..6 all open: loans make settleable items likelier.
    let kind = ExchangeKind::ALL[usize::from(spec.kind.min(5))];
    // Loan details mostly on loans; sometimes on other kinds (invalid).
    let loan = if kind == ExchangeKind::Loan || spec.amount.is_multiple_of(10) {
        spec.loan
    } else {
        0
    };
    let direction = if spec.gave {
        Direction::Gave
    } else {
        Direction::Got
    };
    let mut ex = Exchange::new(ExchangeId::new(spec.x), direction, person, kind);
    if let Some((by_me, outcome)) = spec.ask {
        let outcome = [
            Outcome::Granted,
            Outcome::DeclinedByThem,
            Outcome::DeclinedByMe,
            Outcome::Withdrawn,
            Outcome::Open,
        ][usize::from(outcome.min(4))];
        ex = ex.with_ask(if by_me { Party::Me } else { Party::Them }, outcome);
    }
    // Some promises, valid or not (a promise needs a yes, if it was asked).
    ex.promised = spec.x.is_multiple_of(3);
    let money = loan == 1 && kind == ExchangeKind::Loan;
    match loan {
        1 => {
            ex.loan = Some(LoanSubject::Money {
                amount: spec.amount,
                currency: "EUR".into(),
            })
        }
        2 => {
            ex.loan = Some(LoanSubject::Item {
                item: "a ladder".into(),
            })
        }
        _ => {}
    }
    for (offset, size) in &spec.settle {
        let portion = if money {
            Portion::Amount(u64::from(*size) * 10)
        } else {
            Portion::Percent(*size)
        };
        // Mostly after the interaction, occasionally before it (invalid).
        let date = day(date_day.saturating_add(*offset).saturating_sub(5));
        ex.settlements.push(Settlement::new(date, portion));
    }
    ex
}

fn build_interaction(
    id: InteractionId,
    people: Vec<PersonId>,
    day_n: u16,
    init: u8,
    purpose: Option<u8>,
    exchanges: &[ExSpec],
) -> Interaction {
    let initiator = [Initiator::Me, Initiator::Them, Initiator::Mutual][init as usize];
    let mut interaction = Interaction::new(
        id,
        day(day_n),
        people.clone(),
        InteractionKind::ALL[usize::from(init) * 3 % 9],
        initiator,
        stamp(day_n),
    );
    interaction.purpose = purpose.map(purpose_pool);
    interaction.exchanges = exchanges
        .iter()
        .map(|s| build_exchange(s, &people, day_n))
        .collect();
    interaction
}

fn build(step: &Step, journal: &Journal) -> Action {
    match step {
        Step::AddPerson {
            p,
            blank,
            intro,
            tags,
            cadence,
            met,
            day: d,
        } => {
            let mut person = Person::new(
                PersonId::new(*p),
                if *blank { " " } else { "Zoë" },
                stamp(*d),
            );
            person.met.introduced_by = intro.map(|r| resolve_person(journal, r));
            person.tags = tags.iter().map(|t| TAGS[*t as usize].to_string()).collect();
            person.cadence = cadence.map(|(ideal, max)| Cadence::new(ideal, max));
            person.met.date = met.map(day);
            Action::AddPerson(person)
        }
        Step::EditPerson {
            p,
            blank,
            intro,
            tags,
            archived,
            day: d,
        } => {
            let id = resolve_person(journal, *p);
            let mut person = journal
                .person(&id)
                .cloned()
                .unwrap_or_else(|| Person::new(id, "Ghost", stamp(0)));
            person.name = if *blank {
                String::new()
            } else {
                format!("Edited {p}")
            };
            person.met.introduced_by = intro.map(|r| resolve_person(journal, r));
            person.tags = tags.iter().map(|t| TAGS[*t as usize].to_string()).collect();
            person.archived = *archived;
            person.updated = person.created.max(stamp(*d));
            Action::EditPerson(person)
        }
        Step::DeletePerson { p, archive, day: d } => Action::DeletePerson {
            id: resolve_person(journal, *p),
            mode: if *archive {
                DeleteMode::Archive
            } else {
                DeleteMode::RemoveFromInteractions
            },
            now: stamp(*d),
        },
        Step::AddInteraction {
            i,
            people,
            day: d,
            init,
            purpose,
            exchanges,
        } => {
            let people = resolve_people(journal, people);
            Action::AddInteraction(build_interaction(
                InteractionId::new(*i),
                people,
                *d,
                *init,
                *purpose,
                exchanges,
            ))
        }
        Step::EditInteraction {
            i,
            people,
            day: d,
            init,
            purpose,
            exchanges,
        } => {
            let people = resolve_people(journal, people);
            let mut edited = build_interaction(
                resolve_interaction(journal, *i),
                people,
                *d,
                *init,
                *purpose,
                exchanges,
            );
            edited.updated = stamp(*d).max(stamp(1400));
            Action::EditInteraction(edited)
        }
        Step::DeleteInteraction { i } => Action::DeleteInteraction {
            id: resolve_interaction(journal, *i),
        },
        Step::Merge {
            keep,
            absorb,
            day: d,
        } => Action::MergePeople {
            keep: resolve_person(journal, *keep),
            absorb: resolve_person(journal, *absorb),
            now: stamp(*d),
        },
        Step::Settle {
            i,
            x,
            day: d,
            portion,
        } => {
            // Mostly target an interaction that has something left to settle.
            let settleable =
                |e: &Exchange| e.obligation().is_some_and(|o| !o.outstanding.is_zero());
            let with_open: Vec<&InteractionId> = journal
                .interactions()
                .filter(|i| i.exchanges.iter().any(settleable))
                .map(|i| &i.id)
                .collect();
            let id = if *i < 15 && !with_open.is_empty() {
                with_open[*i as usize % with_open.len()].clone()
            } else {
                resolve_interaction(journal, *i)
            };
            // 0..3 pick an existing exchange of that interaction, 3 an unknown one.
            // Prefer exchanges that still have something to settle.
            let exchange = journal
                .interaction(&id)
                .filter(|i| *x < 3 && !i.exchanges.is_empty())
                .map(|i| {
                    let open: Vec<&Exchange> =
                        i.exchanges.iter().filter(|e| settleable(e)).collect();
                    let pool: Vec<&Exchange> = if open.is_empty() {
                        i.exchanges.iter().collect()
                    } else {
                        open
                    };
                    pool[*x as usize % pool.len()].id.clone()
                })
                .unwrap_or_else(|| ExchangeId::new(50 + x));
            let money = journal
                .interaction(&id)
                .and_then(|i| i.exchange(&exchange))
                .is_some_and(|e| {
                    matches!(e.loan, Some(LoanSubject::Money { .. }))
                        && e.kind == ExchangeKind::Loan
                });
            // Usually within 100 days after the interaction, occasionally just before it.
            let date = journal
                .interaction(&id)
                .map(|i| i.date + Duration::days(i64::from(*d % 100) - 3))
                .unwrap_or_else(|| day(*d));
            Action::Settle {
                interaction: id,
                exchange,
                date,
                portion: portion.map(|n| {
                    if money {
                        Portion::Amount(u64::from(n))
                    } else {
                        Portion::Percent(n % 110)
                    }
                }),
                note: String::new(),
                now: stamp(*d),
            }
        }
        Step::AddPurpose { w, label } => {
            Action::AddPurpose(Purpose::new(PurposeId::new(*w), LABELS[*label as usize]))
        }
        Step::RenamePurpose { w, label } => Action::RenamePurpose {
            id: purpose_pool(*w),
            label: LABELS[*label as usize].to_string(),
        },
        Step::RemovePurpose {
            w,
            mode,
            to,
            day: d,
        } => Action::RemovePurpose {
            id: purpose_pool(*w),
            removal: match mode {
                0 => PurposeRemoval::OnlyIfUnused,
                1 => PurposeRemoval::ReassignTo(purpose_pool(*to)),
                _ => PurposeRemoval::ClearFromInteractions,
            },
            now: stamp(*d),
        },
        Step::Settings { circle } => Action::UpdateSettings(Settings {
            circles: match circle {
                0 => vec![],
                1 => vec!["crew".into()],
                2 => vec!["posse".into(), "alumni".into()],
                3 => vec![" ".into()],
                _ => vec!["Posse".into(), "posse ".into()],
            },
            ..Settings::default()
        }),
    }
}

/// `Applied` must name every record that changed, and only removals that happened.
fn check_applied(
    before: &Journal,
    after: &Journal,
    applied: &Applied,
) -> Result<(), TestCaseError> {
    let person_ids: BTreeSet<PersonId> = before
        .people()
        .chain(after.people())
        .map(|p| p.id.clone())
        .collect();
    for id in &person_ids {
        let (old, new) = (before.person(id), after.person(id));
        match new {
            Some(_) => {
                prop_assert!(!applied.people_removed.contains(id));
                if old != new {
                    prop_assert!(
                        applied.people_upserted.contains(id),
                        "person {} changed but was not reported",
                        id
                    );
                }
            }
            None => {
                prop_assert!(old.is_some());
                prop_assert!(
                    applied.people_removed.contains(id),
                    "person {} removed but not reported",
                    id
                );
            }
        }
    }
    for id in &applied.people_upserted {
        prop_assert!(after.person(id).is_some());
    }
    let interaction_ids: BTreeSet<InteractionId> = before
        .interactions()
        .chain(after.interactions())
        .map(|i| i.id.clone())
        .collect();
    for id in &interaction_ids {
        let (old, new) = (before.interaction(id), after.interaction(id));
        let upsert = applied.interactions_upserted.iter().find(|u| &u.id == id);
        let removal = applied.interactions_removed.iter().find(|r| &r.id == id);
        match (old, new) {
            (_, Some(new)) => {
                prop_assert!(removal.is_none());
                if old != Some(new) {
                    let upsert = upsert.ok_or_else(|| {
                        TestCaseError::fail(format!(
                            "interaction {id} changed but was not reported"
                        ))
                    })?;
                    prop_assert_eq!(upsert.old_date, old.map(|o| o.date));
                    prop_assert_eq!(upsert.date, new.date);
                }
            }
            (Some(old), None) => {
                let removal = removal.ok_or_else(|| {
                    TestCaseError::fail(format!("interaction {id} removed but not reported"))
                })?;
                prop_assert_eq!(removal.date, old.date);
                prop_assert!(upsert.is_none());
            }
            (None, None) => unreachable!(),
        }
    }
    prop_assert_eq!(
        applied.purposes_changed,
        before.purposes() != after.purposes()
    );
    prop_assert_eq!(
        applied.settings_changed,
        before.settings() != after.settings()
    );
    Ok(())
}

struct Outcomes {
    ok: usize,
    rejected: usize,
}

/// Every sequence starts from a journal with three people, so that most
/// references can resolve from the first step.
fn seeded() -> Journal {
    let mut journal = Journal::new();
    for n in 0..3 {
        journal
            .apply(Action::AddPerson(Person::new(
                PersonId::new(n),
                "Seed",
                stamp(0),
            )))
            .unwrap();
    }
    journal
}

fn run(steps: &[Step], check_applied_report: bool) -> Result<(Journal, Outcomes), TestCaseError> {
    let mut journal = seeded();
    let mut outcomes = Outcomes { ok: 0, rejected: 0 };
    for step in steps {
        let action = build(step, &journal);
        let before = journal.clone();
        match journal.apply(action) {
            Ok(applied) => {
                outcomes.ok += 1;
                if check_applied_report {
                    check_applied(&before, &journal, &applied)?;
                }
            }
            Err(_) => {
                outcomes.rejected += 1;
                prop_assert_eq!(&journal, &before, "rejected action changed the journal");
            }
        }
        let fresh = compute_all(journal.people().map(|p| &p.id), journal.interactions());
        prop_assert_eq!(
            journal.all_stats(),
            &fresh,
            "incremental stats drifted after {:?}",
            step
        );
        if let Err(e) = journal.check_integrity() {
            return Err(TestCaseError::fail(format!(
                "integrity after {step:?}: {e}"
            )));
        }
    }
    Ok((journal, outcomes))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn incremental_stats_equal_full_recompute(steps in proptest::collection::vec(step(), 1..40)) {
        let (mut journal, _) = run(&steps, false)?;
        let cached = journal.all_stats().clone();
        journal.recompute_all();
        prop_assert_eq!(journal.all_stats(), &cached);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn no_dangling_ids_and_applied_reports_every_change(steps in proptest::collection::vec(step(), 1..40)) {
        let (journal, _) = run(&steps, true)?;
        for interaction in journal.interactions() {
            prop_assert!(!interaction.people.is_empty());
            for p in &interaction.people {
                prop_assert!(journal.person(p).is_some());
            }
            for e in &interaction.exchanges {
                prop_assert!(interaction.people.contains(&e.person));
            }
            if let Some(purpose) = &interaction.purpose {
                prop_assert!(journal.purpose(purpose).is_some());
            }
        }
        for person in journal.people() {
            if let Some(via) = &person.met.introduced_by {
                prop_assert!(journal.person(via).is_some());
                prop_assert!(via != &person.id);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn json_round_trip_is_lossless(steps in proptest::collection::vec(step(), 1..30)) {
        let (journal, _) = run(&steps, false)?;
        let json = serde_json::to_string(&journal).unwrap();
        let back: Journal = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &journal);
    }
}

/// Guards against a generator that only ever produces rejected actions.
#[test]
fn the_generator_produces_both_accepted_and_rejected_actions() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut ok, mut rejected, mut interactions) = (0, 0, 0);
    for _ in 0..200 {
        let steps = proptest::collection::vec(step(), 30..40)
            .new_tree(&mut runner)
            .unwrap()
            .current();
        let (journal, outcomes) = run(&steps, true).unwrap();
        ok += outcomes.ok;
        rejected += outcomes.rejected;
        interactions += journal.interaction_count();
    }
    assert!(ok > 1500, "accepted {ok}");
    assert!(rejected > 1500, "rejected {rejected}");
    assert!(interactions > 400, "interactions kept {interactions}");
}
