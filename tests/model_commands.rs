//! User-level commands: every command can be undone exactly, an undo is a
//! later change (`updated` never moves backwards), a batch is all or nothing,
//! and asks have a life of their own (open, then yes, no or withdrawn) that
//! is never counted as a debt.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use proptest::prelude::*;
use rapport::model::today::{open_ask_sentence, overview, OwedItem};
use rapport::model::*;
use support::{d, person, ts};

/// A clock that moves one second per reading, and counter-based entropy.
struct TestMinter {
    now: DateTime<Utc>,
    next: u64,
}

impl TestMinter {
    fn at(now: DateTime<Utc>) -> Self {
        Self { now, next: 1 }
    }
}

impl Minter for TestMinter {
    fn now(&mut self) -> DateTime<Utc> {
        self.now += Duration::seconds(1);
        self.now
    }

    fn random(&mut self) -> u64 {
        // SplitMix64: distinct, well-spread values.
        self.next = self.next.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.next;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

fn entry(date: NaiveDate, who: Who, exchanges: Vec<ExchangeDraft>) -> EntryDraft {
    EntryDraft {
        date,
        time: None,
        people: vec![who],
        kind: InteractionKind::Coffee,
        initiated_by: Initiator::Me,
        purpose: None,
        note: String::new(),
        exchanges,
    }
}

/// The id of an entry's first exchange (a dangling id if there is none, which the command then refuses).
fn first_exchange(j: &Journal, entry: &InteractionId) -> ExchangeId {
    j.interaction(entry)
        .and_then(|i| i.exchanges.first())
        .map_or_else(|| ExchangeId::new(0), |e| e.id.clone())
}

fn run(j: &mut Journal, minter: &mut TestMinter, commands: Vec<Command>) -> Executed {
    match j.execute(commands, minter) {
        Ok(done) => done,
        Err(err) => panic!("the commands were refused: {err}"),
    }
}

/// Logs a plain coffee with `who` on `date`; returns the new entry's id.
fn log_plain(
    j: &mut Journal,
    minter: &mut TestMinter,
    date: NaiveDate,
    who: &PersonId,
) -> InteractionId {
    let logged = run(
        j,
        minter,
        vec![Command::LogContact(entry(
            date,
            Who::Known(who.clone()),
            vec![],
        ))],
    );
    logged.added_entries[0].clone()
}

/// A journal with Sam and Daniel, built through commands.
fn sam_and_daniel(minter: &mut TestMinter) -> (Journal, PersonId, PersonId) {
    let mut j = Journal::new();
    let done = run(
        &mut j,
        minter,
        vec![
            Command::AddPerson(person(0, "Sam Lee")),
            Command::AddPerson(person(0, "Daniel Ortiz")),
        ],
    );
    (
        j,
        done.added_people[0].clone(),
        done.added_people[1].clone(),
    )
}

/// The stored records with every `updated` time blanked out.
fn content(j: &Journal) -> JournalParts {
    let mut parts = j.to_parts();
    for p in &mut parts.people {
        p.updated = p.created;
    }
    for i in &mut parts.interactions {
        i.updated = i.created;
    }
    parts
}

fn updated_times(j: &Journal) -> Vec<(String, DateTime<Utc>)> {
    let people = j.people().map(|p| (p.id.to_string(), p.updated));
    let entries = j.interactions().map(|i| (i.id.to_string(), i.updated));
    people.chain(entries).collect()
}

/// Every record present both before and after has an `updated` no earlier than before.
fn assert_no_time_went_back(before: &[(String, DateTime<Utc>)], after: &Journal) {
    let after = updated_times(after);
    for (id, then) in before {
        if let Some((_, now)) = after.iter().find(|(other, _)| other == id) {
            assert!(now >= then, "{id}: updated moved back from {then} to {now}");
        }
    }
}

#[test]
fn the_model_mints_ids_and_times_and_never_trusts_the_callers() {
    let mut minter = TestMinter::at(ts(2026, 12, 1));
    let (mut j, sam, _) = sam_and_daniel(&mut minter);
    let stored = j.person(&sam).cloned().unwrap_or_else(|| person(0, "?"));
    // Ids carry all 64 bits: thirteen base-36 digits after the prefix.
    assert_eq!(sam.as_str().len(), 14);
    assert!(stored.created > ts(2026, 12, 1));
    // An edit sent with an old `updated` time still moves it forward.
    let mut edit = stored.clone();
    edit.name = "Samuel Lee".into();
    edit.updated = ts(2000, 1, 1);
    edit.created = ts(2000, 1, 1);
    run(&mut j, &mut minter, vec![Command::EditPerson(edit)]);
    let after = j.person(&sam).cloned().unwrap_or_else(|| person(0, "?"));
    assert!(after.updated > stored.updated);
    assert_eq!(after.created, stored.created);
}

#[test]
fn a_batch_is_all_or_nothing() {
    let mut minter = TestMinter::at(ts(2026, 12, 1));
    let (mut j, sam, _) = sam_and_daniel(&mut minter);
    let before = j.clone();
    let result = j.execute(
        vec![
            Command::LogContact(entry(d(2026, 12, 1), Who::New("Priya".into()), vec![])),
            Command::SetArchived {
                person: sam.clone(),
                archived: true,
            },
            // Fails: nobody has this id.
            Command::DeleteEntry(InteractionId::new(7)),
        ],
        &mut minter,
    );
    assert!(result.is_err());
    assert_eq!(j, before);
}

#[test]
fn deleting_an_entry_and_undoing_brings_it_back_with_a_later_time() {
    let mut minter = TestMinter::at(ts(2026, 12, 1));
    let (mut j, sam, _) = sam_and_daniel(&mut minter);
    let id = log_plain(&mut j, &mut minter, d(2026, 11, 30), &sam);
    let original = j.interaction(&id).cloned();
    let deleted = run(&mut j, &mut minter, vec![Command::DeleteEntry(id.clone())]);
    assert_eq!(j.interaction(&id), None);
    assert_eq!(j.stats(&sam).map(|s| s.interactions), Some(0));
    run(&mut j, &mut minter, vec![Command::Undo(deleted.undo)]);
    let restored = j.interaction(&id).cloned();
    assert_eq!(
        restored.as_ref().map(|i| i.created),
        original.as_ref().map(|i| i.created)
    );
    assert!(restored.as_ref().map(|i| i.updated) > original.as_ref().map(|i| i.updated));
    assert_eq!(j.stats(&sam).map(|s| s.interactions), Some(1));
}

#[test]
fn editing_an_entry_changes_the_counters_and_undo_restores_them() {
    let mut minter = TestMinter::at(ts(2026, 12, 1));
    let (mut j, sam, daniel) = sam_and_daniel(&mut minter);
    let id = log_plain(&mut j, &mut minter, d(2026, 11, 1), &sam);
    let Some(old) = j.interaction(&id).cloned() else {
        panic!("logged");
    };
    let mut draft = EntryDraft::of(&old);
    draft.date = d(2026, 11, 20);
    draft.initiated_by = Initiator::Them;
    draft.people.push(Who::Known(daniel.clone()));
    let edited = run(
        &mut j,
        &mut minter,
        vec![Command::EditEntry {
            id: id.clone(),
            entry: draft,
        }],
    );
    let stats = j.stats(&sam).cloned().unwrap_or_default();
    assert_eq!(stats.initiated.them, 1);
    assert_eq!(stats.initiated.me, 0);
    assert_eq!(stats.last_contact, Some(d(2026, 11, 20)));
    assert_eq!(j.stats(&daniel).map(|s| s.interactions), Some(1));
    run(&mut j, &mut minter, vec![Command::Undo(edited.undo)]);
    let stats = j.stats(&sam).cloned().unwrap_or_default();
    assert_eq!((stats.initiated.me, stats.initiated.them), (1, 0));
    assert_eq!(stats.last_contact, Some(d(2026, 11, 1)));
    assert_eq!(j.stats(&daniel).map(|s| s.interactions), Some(0));
}

#[test]
fn undo_of_an_undo_redoes() {
    let mut minter = TestMinter::at(ts(2026, 12, 1));
    let (mut j, sam, _) = sam_and_daniel(&mut minter);
    let archived = run(
        &mut j,
        &mut minter,
        vec![Command::SetArchived {
            person: sam.clone(),
            archived: true,
        }],
    );
    let undone = run(&mut j, &mut minter, vec![Command::Undo(archived.undo)]);
    assert_eq!(j.person(&sam).map(|p| p.archived), Some(false));
    run(&mut j, &mut minter, vec![Command::Undo(undone.undo)]);
    assert_eq!(j.person(&sam).map(|p| p.archived), Some(true));
}

#[test]
fn an_undo_that_would_leave_a_dangling_reference_is_refused() {
    let mut minter = TestMinter::at(ts(2026, 12, 1));
    let mut j = Journal::new();
    let added = run(
        &mut j,
        &mut minter,
        vec![Command::AddPerson(person(0, "Priya"))],
    );
    let priya = added.added_people[0].clone();
    // Logged with Priya after she was added: undoing the add would orphan the entry.
    log_plain(&mut j, &mut minter, d(2026, 12, 1), &priya);
    let before = j.clone();
    let refused = j.execute(vec![Command::Undo(added.undo)], &mut minter);
    assert!(matches!(refused, Err(ModelError::CannotRestore(_))));
    assert_eq!(j, before);
}

// ---------------------------------------------------------------- asks

/// The ask sentences, the counters and Today's four lists, for each state of an ask.
#[test]
fn asks_and_obligations_give_the_counters_and_todays_lists() {
    let mut minter = TestMinter::at(ts(2026, 12, 1));
    let (mut j, sam, daniel) = sam_and_daniel(&mut minter);
    let ask = |gesture, answer, note: &str| {
        ExchangeDraft::new(gesture, ExchangeKind::Favour, answer, note)
    };
    let logged = run(
        &mut j,
        &mut minter,
        vec![
            Command::LogContact(entry(
                d(2026, 11, 2),
                Who::Known(sam.clone()),
                vec![ask(
                    Gesture::IAsked,
                    Answer::Open,
                    "a 3-month consulting engagement",
                )],
            )),
            Command::LogContact(entry(
                d(2026, 11, 3),
                Who::Known(daniel.clone()),
                vec![ask(
                    Gesture::TheyAsked,
                    Answer::Open,
                    "an intro to Fabrikam",
                )],
            )),
        ],
    );
    // An open ask is no debt, either way, and nobody gave anything yet.
    let sam_stats = j.stats(&sam).cloned().unwrap_or_default();
    assert_eq!((sam_stats.gave, sam_stats.got), (0, 0));
    assert_eq!(sam_stats.waiting_on_them, 1);
    assert!(sam_stats.owed_by_me.is_empty() && sam_stats.owed_to_me.is_empty());
    let today = overview(&j, d(2026, 12, 5));
    assert!(today.owed.by_me.is_empty() && today.owed.to_me.is_empty());
    let sentence = |ask: &today::OpenAsk| {
        let name = j
            .person(&ask.person)
            .map(|p| p.name.clone())
            .unwrap_or_default();
        ask.sentence(&name)
    };
    assert_eq!(
        today
            .waiting
            .on_them
            .iter()
            .map(sentence)
            .collect::<Vec<_>>(),
        ["You asked Sam Lee for a 3-month consulting engagement: waiting for an answer."]
    );
    assert_eq!(
        today.waiting.on_me.iter().map(sentence).collect::<Vec<_>>(),
        ["Daniel Ortiz asked you for an intro to Fabrikam: you haven't answered."]
    );

    // Daniel's ask: I say no, two days later. The "no" counts; nothing is owed.
    let daniels_entry = logged.added_entries[1].clone();
    let exchange = first_exchange(&j, &daniels_entry);
    run(
        &mut j,
        &mut minter,
        vec![Command::AnswerAsk {
            interaction: daniels_entry.clone(),
            exchange: exchange.clone(),
            answer: Answer::No,
            on: d(2026, 11, 5),
        }],
    );
    let daniel_stats = j.stats(&daniel).cloned().unwrap_or_default();
    assert_eq!(daniel_stats.nos_by_me, 1);
    assert_eq!(daniel_stats.waiting_on_me, 0);
    assert_eq!((daniel_stats.gave, daniel_stats.got), (0, 0));
    let history = j
        .interaction(&daniels_entry)
        .and_then(|i| i.exchanges.first())
        .map(|e| e.describe(|day| day.to_string()));
    assert_eq!(
        history.as_deref(),
        Some("They asked for an intro to Fabrikam: you said no on 2026-11-05.")
    );
    assert!(overview(&j, d(2026, 12, 5)).waiting.on_me.is_empty());

    // An answer cannot come before the ask.
    let too_early = j.execute(
        vec![Command::AnswerAsk {
            interaction: daniels_entry,
            exchange,
            answer: Answer::Yes,
            on: d(2026, 11, 1),
        }],
        &mut minter,
    );
    assert!(matches!(too_early, Err(ModelError::AnswerBeforeAsk { .. })));

    // Sam's answer: yes. Now Sam gave; still nobody owes anything.
    let sams_entry = logged.added_entries[0].clone();
    let sams_exchange = first_exchange(&j, &sams_entry);
    run(
        &mut j,
        &mut minter,
        vec![Command::AnswerAsk {
            interaction: sams_entry,
            exchange: sams_exchange,
            answer: Answer::Yes,
            on: d(2026, 11, 9),
        }],
    );
    let sam_stats = j.stats(&sam).cloned().unwrap_or_default();
    assert_eq!(
        (sam_stats.gave, sam_stats.got, sam_stats.waiting_on_them),
        (0, 1, 0)
    );
    assert!(sam_stats.owed_by_me.is_empty());
}

#[test]
fn promises_and_loans_are_owed_the_right_way_and_settle_in_parts() {
    let mut minter = TestMinter::at(ts(2026, 12, 1));
    let (mut j, sam, daniel) = sam_and_daniel(&mut minter);
    let promise = ExchangeDraft {
        promised: true,
        ..ExchangeDraft::new(
            Gesture::IGave,
            ExchangeKind::Favour,
            Answer::Yes,
            "a review of his CV",
        )
    };
    let their_promise = ExchangeDraft {
        promised: true,
        ..ExchangeDraft::new(
            Gesture::TheyGave,
            ExchangeKind::Introduction,
            Answer::Yes,
            "an intro",
        )
    };
    let logged = run(
        &mut j,
        &mut minter,
        vec![
            Command::LogContact(entry(
                d(2026, 11, 2),
                Who::Known(sam.clone()),
                vec![promise],
            )),
            Command::LogContact(entry(
                d(2026, 11, 3),
                Who::Known(daniel.clone()),
                vec![their_promise],
            )),
        ],
    );
    let today = overview(&j, d(2026, 12, 5));
    assert_eq!(
        summaries(&today.owed.by_me),
        ["Promised: a review of his CV"]
    );
    assert_eq!(summaries(&today.owed.to_me), ["Promised: an intro"]);
    // Not yet given: it does not count as a give until settled.
    assert_eq!(j.stats(&sam).map(|s| s.gave), Some(0));
    let entry_id = logged.added_entries[0].clone();
    let exchange = first_exchange(&j, &entry_id);
    let half = run(
        &mut j,
        &mut minter,
        vec![Command::Settle {
            interaction: entry_id.clone(),
            exchange: exchange.clone(),
            on: d(2026, 11, 10),
            portion: Some(Portion::Percent(50)),
            note: String::new(),
        }],
    );
    let today = overview(&j, d(2026, 12, 5));
    assert_eq!(
        summaries(&today.owed.by_me),
        ["Promised: a review of his CV (50% left)"]
    );
    let rest = run(
        &mut j,
        &mut minter,
        vec![Command::Settle {
            interaction: entry_id.clone(),
            exchange: exchange.clone(),
            on: d(2026, 11, 12),
            portion: None,
            note: String::new(),
        }],
    );
    assert!(overview(&j, d(2026, 12, 5)).owed.by_me.is_empty());
    assert_eq!(j.stats(&sam).map(|s| s.gave), Some(1));
    // Settling can be undone, back to exactly what was there.
    run(&mut j, &mut minter, vec![Command::Undo(rest.undo)]);
    let today = overview(&j, d(2026, 12, 5));
    assert_eq!(
        summaries(&today.owed.by_me),
        ["Promised: a review of his CV (50% left)"]
    );
    assert_eq!(j.stats(&sam).map(|s| s.gave), Some(0));
    run(&mut j, &mut minter, vec![Command::Undo(half.undo)]);
    assert_eq!(
        summaries(&overview(&j, d(2026, 12, 5)).owed.by_me),
        ["Promised: a review of his CV"]
    );
}

#[test]
fn the_open_ask_sentences_name_the_thing_asked() {
    assert_eq!(
        open_ask_sentence(Party::Me, "Sam", "a consulting gig"),
        "You asked Sam for a consulting gig: waiting for an answer."
    );
    assert_eq!(
        open_ask_sentence(Party::Them, "Daniel", "an intro to Fabrikam"),
        "Daniel asked you for an intro to Fabrikam: you haven't answered."
    );
}

// ---------------------------------------------------------------- property

#[derive(Debug, Clone)]
enum Op {
    AddPerson(u8),
    Rename(u8, u8),
    Archive(u8, bool),
    Snooze(u8, Option<u8>),
    DeletePerson(u8),
    Merge(u8, u8),
    Log {
        who: Option<u8>,
        day: u8,
        gesture: u8,
        answer: u8,
        promised: bool,
    },
    EditEntry {
        entry: u8,
        day: u8,
        by: u8,
        add: Option<u8>,
        drop_exchanges: bool,
    },
    DeleteEntry(u8),
    Answer {
        entry: u8,
        answer: u8,
        later: u8,
    },
    Settle(u8, Option<u32>),
    AddPurpose(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        any::<u8>().prop_map(Op::AddPerson),
        (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::Rename(a, b)),
        (any::<u8>(), any::<bool>()).prop_map(|(a, b)| Op::Archive(a, b)),
        (any::<u8>(), proptest::option::of(0u8..30)).prop_map(|(a, b)| Op::Snooze(a, b)),
        any::<u8>().prop_map(Op::DeletePerson),
        (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::Merge(a, b)),
        (
            proptest::option::of(any::<u8>()),
            0u8..60,
            0u8..5,
            0u8..4,
            any::<bool>()
        )
            .prop_map(|(who, day, gesture, answer, promised)| Op::Log {
                who,
                day,
                gesture,
                answer,
                promised
            }),
        (
            any::<u8>(),
            0u8..60,
            0u8..3,
            proptest::option::of(any::<u8>()),
            any::<bool>()
        )
            .prop_map(|(entry, day, by, add, drop_exchanges)| Op::EditEntry {
                entry,
                day,
                by,
                add,
                drop_exchanges
            }),
        any::<u8>().prop_map(Op::DeleteEntry),
        (any::<u8>(), 0u8..4, 0u8..10).prop_map(|(entry, answer, later)| Op::Answer {
            entry,
            answer,
            later
        }),
        (any::<u8>(), proptest::option::of(1u32..60)).prop_map(|(a, b)| Op::Settle(a, b)),
        any::<u8>().prop_map(Op::AddPurpose),
    ]
}

fn nth<T: Clone>(items: Vec<T>, n: u8) -> Option<T> {
    (!items.is_empty()).then(|| items[n as usize % items.len()].clone())
}

/// Turns an op into a command against the journal as it is (some are refused, on purpose).
fn command(j: &Journal, op: &Op) -> Option<Command> {
    let people: Vec<PersonId> = j.people().map(|p| p.id.clone()).collect();
    let entries: Vec<InteractionId> = j.interactions().map(|i| i.id.clone()).collect();
    let day = |n: u8| d(2026, 1, 1) + Duration::days(i64::from(n));
    Some(match op.clone() {
        Op::AddPerson(n) => Command::AddPerson(person(0, &format!("Person {n}"))),
        Op::Rename(p, n) => {
            let mut record = j.person(&nth(people, p)?)?.clone();
            record.name = format!("Renamed {n}");
            record.tags = vec![format!("tag{}", n % 3)];
            Command::EditPerson(record)
        }
        Op::Archive(p, archived) => Command::SetArchived {
            person: nth(people, p)?,
            archived,
        },
        Op::Snooze(p, until) => Command::Snooze {
            person: nth(people, p)?,
            until: until.map(day),
        },
        Op::DeletePerson(p) => Command::DeletePerson(nth(people, p)?),
        Op::Merge(a, b) => Command::MergePeople {
            keep: nth(people.clone(), a)?,
            absorb: nth(people, b)?,
        },
        Op::Log {
            who,
            day: n,
            gesture,
            answer,
            promised,
        } => {
            let who = match who.and_then(|p| nth(people, p)) {
                Some(id) => Who::Known(id),
                None => Who::New(format!("New {n}")),
            };
            let exchanges = Gesture::ALL
                .get(usize::from(gesture))
                .map(|g| ExchangeDraft {
                    promised,
                    ..ExchangeDraft::new(
                        *g,
                        ExchangeKind::Advice,
                        Answer::ALL[usize::from(answer)],
                        "help",
                    )
                })
                .into_iter()
                .collect();
            Command::LogContact(entry(day(n), who, exchanges))
        }
        Op::EditEntry {
            entry: e,
            day: n,
            by,
            add,
            drop_exchanges,
        } => {
            let id = nth(entries, e)?;
            let mut draft = EntryDraft::of(j.interaction(&id)?);
            draft.date = day(n);
            draft.initiated_by =
                [Initiator::Me, Initiator::Them, Initiator::Mutual][usize::from(by)];
            if let Some(extra) = add.and_then(|p| nth(people, p)) {
                if !draft.people.contains(&Who::Known(extra.clone())) {
                    draft.people.push(Who::Known(extra));
                }
            }
            if drop_exchanges {
                draft.exchanges.clear();
            }
            Command::EditEntry { id, entry: draft }
        }
        Op::DeleteEntry(e) => Command::DeleteEntry(nth(entries, e)?),
        Op::Answer {
            entry: e,
            answer,
            later,
        } => {
            let id = nth(entries, e)?;
            let interaction = j.interaction(&id)?;
            let exchange = interaction.exchanges.first()?.id.clone();
            Command::AnswerAsk {
                interaction: id,
                exchange,
                answer: Answer::ALL[usize::from(answer)],
                on: interaction.date + Duration::days(i64::from(later)),
            }
        }
        Op::Settle(e, percent) => {
            let id = nth(entries, e)?;
            let interaction = j.interaction(&id)?;
            Command::Settle {
                exchange: interaction.exchanges.first()?.id.clone(),
                on: interaction.date + Duration::days(3),
                interaction: id,
                portion: percent.map(Portion::Percent),
                note: String::new(),
            }
        }
        Op::AddPurpose(n) => Command::Apply(Action::AddPurpose(Purpose::new(
            PurposeId::new(u64::from(n)),
            format!("Purpose {n}"),
        ))),
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("RAPPORT_FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(96)
    ))]

    /// Executing batches and then undoing them all (last first) gives back the
    /// journal it started from, apart from `updated` times, which never decrease.
    #[test]
    fn execute_then_undo_returns_the_original(
        batches in proptest::collection::vec(proptest::collection::vec(op(), 1..4), 1..14)
    ) {
        let mut minter = TestMinter::at(ts(2026, 12, 1));
        let (mut j, _, _) = sam_and_daniel(&mut minter);
        run(&mut j, &mut minter, vec![
            Command::LogContact(entry(d(2026, 1, 5), Who::New("Priya".into()), vec![
                ExchangeDraft::new(Gesture::TheyAsked, ExchangeKind::Referral, Answer::Open, "a referral"),
            ])),
        ]);
        let original = j.clone();
        let original_times = updated_times(&j);
        let mut undos = Vec::new();
        for batch in &batches {
            let commands: Vec<Command> = batch.iter().filter_map(|op| command(&j, op)).collect();
            if commands.is_empty() {
                continue;
            }
            let before = j.clone();
            let before_times = updated_times(&j);
            match j.execute(commands, &mut minter) {
                Ok(done) => {
                    assert_no_time_went_back(&before_times, &j);
                    undos.push(done.undo);
                }
                // A refused batch changes nothing at all.
                Err(_) => prop_assert_eq!(&j, &before),
            }
            let fresh = stats::compute_all(j.people().map(|p| &p.id), j.interactions());
            prop_assert_eq!(j.all_stats(), &fresh);
            prop_assert!(j.check_integrity().is_ok());
        }
        while let Some(undo) = undos.pop() {
            let before_times = updated_times(&j);
            let undone = j.execute(vec![Command::Undo(undo)], &mut minter);
            prop_assert!(undone.is_ok(), "undo refused: {:?}", undone.err());
            assert_no_time_went_back(&before_times, &j);
        }
        prop_assert_eq!(content(&j), content(&original));
        assert_no_time_went_back(&original_times, &j);
    }
}

/// What Today's "You owe" or "They owe" list says, line by line.
fn summaries(list: &[OwedItem]) -> Vec<String> {
    list.iter().map(OwedItem::summary).collect()
}
