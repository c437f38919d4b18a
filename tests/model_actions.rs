//! The reducer: validation errors, delete modes, merge, settlements, purposes,
//! and the `Applied` report.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::{BTreeMap, BTreeSet};

use rapport::model::*;
use support::*;

/// Applies an action that must fail, and checks the journal did not change.
fn rejected(j: &mut Journal, action: Action) -> ModelError {
    let before = j.clone();
    let shown = format!("{action:?}");
    let Err(error) = j.apply(action) else {
        panic!("this action should be rejected: {shown}");
    };
    assert_eq!(*j, before, "a rejected action changed the journal: {shown}");
    error
}

/// Applies each action, which must fail with its error, leaving the journal as it was.
fn assert_all_rejected(j: &mut Journal, cases: impl IntoIterator<Item = (Action, ModelError)>) {
    for (action, expected) in cases {
        let shown = format!("{action:?}");
        assert_eq!(rejected(j, action), expected, "{shown}");
    }
}

fn base() -> Journal {
    let mut i1 = meet(1, d(2024, 3, 10), &[1, 2], Initiator::Me);
    i1.exchanges
        .push(exchange(1, Direction::Gave, 1, ExchangeKind::Loan).with_money_loan(5000, "EUR"));
    // Ben asked me for a favour; I said yes and owe it until it is done.
    i1.exchanges.push(
        exchange(2, Direction::Gave, 2, ExchangeKind::Favour)
            .with_ask(Party::Them, Outcome::Granted)
            .promised(),
    );
    i1.exchanges
        .push(exchange(3, Direction::Got, 1, ExchangeKind::Advice));
    i1.exchanges.push(
        exchange(4, Direction::Got, 1, ExchangeKind::Loan)
            .with_money_loan(800, "GBP")
            .with_ask(Party::Me, Outcome::Open),
    );
    journal(
        vec![person(1, "Ana"), person(2, "Ben")],
        vec![i1, meet(2, d(2024, 4, 1), &[1], Initiator::Them)],
    )
}

// ----- validation -----------------------------------------------------------

#[test]
fn person_validation_errors() {
    let cai = |change: &dyn Fn(&mut Person)| {
        let mut p = person(3, "Cai");
        change(&mut p);
        Action::AddPerson(p)
    };
    let cases = [
        (
            Action::AddPerson(person(3, "   ")),
            ModelError::EmptyName(pid(3)),
        ),
        (
            Action::AddPerson(person(1, "Again")),
            ModelError::DuplicatePerson(pid(1)),
        ),
        (
            cai(&|p| p.met.introduced_by = Some(pid(99))),
            ModelError::UnknownPerson(pid(99)),
        ),
        (
            cai(&|p| p.met.introduced_by = Some(pid(3))),
            ModelError::IntroducedBySelf(pid(3)),
        ),
        (
            cai(&|p| p.cadence = Some(Cadence::new(0, None))),
            ModelError::InvalidCadence {
                ideal: 0,
                max: None,
            },
        ),
        (
            cai(&|p| p.cadence = Some(Cadence::new(30, Some(10)))),
            ModelError::InvalidCadence {
                ideal: 30,
                max: Some(10),
            },
        ),
        (
            cai(&|p| p.updated = ts(2019, 1, 1)),
            ModelError::UpdatedBeforeCreated("p0000000000003".into()),
        ),
        (
            cai(&|p| p.met.date = Some(d(999, 1, 1))),
            ModelError::DateOutOfRange(d(999, 1, 1)),
        ),
        (
            Action::EditPerson(person(9, "Nobody")),
            ModelError::UnknownPerson(pid(9)),
        ),
    ];
    let mut j = base();
    assert_all_rejected(&mut j, cases);
    assert_eq!(
        j.apply(cai(&|_| {})).map(|a| a.people_upserted.len()),
        Ok(1)
    );
}

#[test]
fn interaction_validation_errors() {
    let ok = || meet(10, d(2024, 5, 1), &[1], Initiator::Me);
    let changed = |change: &dyn Fn(&mut Interaction)| {
        let mut i = ok();
        change(&mut i);
        Action::AddInteraction(i)
    };
    let with = |exchange: Exchange| {
        let mut i = ok();
        i.exchanges.push(exchange);
        Action::AddInteraction(i)
    };
    let settled = |exchange: Exchange, on: chrono::NaiveDate, portion: Portion| {
        with(exchange.with_settlement(Settlement::new(on, portion)))
    };
    // An answer comes on or after the day of the ask, and only once there is one.
    let answered_on = |outcome, day| {
        let mut ask =
            exchange(1, Direction::Got, 1, ExchangeKind::Advice).with_ask(Party::Me, outcome);
        if let Some(a) = ask.ask.as_mut() {
            a.answered = Some(day);
        }
        with(ask)
    };
    let money_loan =
        |amount| exchange(1, Direction::Gave, 1, ExchangeKind::Loan).with_money_loan(amount, "EUR");
    let mut cases = vec![
        (
            changed(&|i| i.people.clear()),
            ModelError::NoPeople(iid(10)),
        ),
        (
            Action::AddInteraction(meet(10, d(2024, 5, 1), &[1, 7], Initiator::Me)),
            ModelError::UnknownPerson(pid(7)),
        ),
        (
            Action::AddInteraction(meet(10, d(2024, 5, 1), &[1, 2, 1], Initiator::Me)),
            ModelError::PersonListedTwice {
                interaction: iid(10),
                person: pid(1),
            },
        ),
        (
            changed(&|i| i.purpose = Some("nope".parse().unwrap())),
            ModelError::UnknownPurpose("nope".parse().unwrap()),
        ),
        (
            Action::AddInteraction(meet(1, d(2024, 5, 1), &[1], Initiator::Me)),
            ModelError::DuplicateInteraction(iid(1)),
        ),
        (
            with(exchange(1, Direction::Gave, 2, ExchangeKind::Gift)),
            ModelError::ExchangePersonNotInInteraction {
                interaction: iid(10),
                exchange: xid(1),
                person: pid(2),
            },
        ),
        (
            changed(&|i| {
                i.exchanges
                    .push(exchange(1, Direction::Gave, 1, ExchangeKind::Gift));
                i.exchanges
                    .push(exchange(1, Direction::Got, 1, ExchangeKind::Gift));
            }),
            ModelError::DuplicateExchange {
                interaction: iid(10),
                exchange: xid(1),
            },
        ),
        (
            with(Exchange {
                kind: ExchangeKind::Gift,
                ..money_loan(100)
            }),
            ModelError::LoanDetailsOnNonLoan(xid(1)),
        ),
        (with(money_loan(0)), ModelError::ZeroAmount(xid(1))),
        (
            with(exchange(1, Direction::Gave, 1, ExchangeKind::Loan).with_money_loan(10, "euro")),
            ModelError::InvalidCurrency("EURO".into()),
        ),
        (
            with(exchange(1, Direction::Gave, 1, ExchangeKind::Loan).with_item_loan("  ")),
            ModelError::EmptyLoanItem(xid(1)),
        ),
        (
            settled(
                money_loan(1000)
                    .with_settlement(Settlement::new(d(2024, 5, 2), Portion::Amount(600))),
                d(2024, 5, 3),
                Portion::Amount(600),
            ),
            ModelError::SettlementExceedsOutstanding {
                exchange: xid(1),
                outstanding: Outstanding::Money {
                    amount: 400,
                    currency: "EUR".into(),
                },
                requested: Portion::Amount(600),
            },
        ),
        (
            settled(
                exchange(1, Direction::Gave, 1, ExchangeKind::Favour)
                    .with_ask(Party::Them, Outcome::Granted)
                    .promised(),
                d(2024, 4, 30),
                Portion::Percent(50),
            ),
            ModelError::SettlementBeforeInteraction {
                exchange: xid(1),
                settlement: d(2024, 4, 30),
                interaction: d(2024, 5, 1),
            },
        ),
        (
            settled(
                exchange(1, Direction::Gave, 1, ExchangeKind::Advice),
                d(2024, 5, 1),
                Portion::Percent(50),
            ),
            ModelError::NothingToSettle(xid(1)),
        ),
        (
            settled(money_loan(1000), d(2024, 5, 1), Portion::Percent(50)),
            ModelError::WrongSettlementUnit {
                exchange: xid(1),
                expected: "an amount of money",
            },
        ),
        (
            settled(
                exchange(1, Direction::Gave, 1, ExchangeKind::Favour).promised(),
                d(2024, 5, 1),
                Portion::Percent(0),
            ),
            ModelError::InvalidPercent {
                exchange: xid(1),
                percent: 0,
            },
        ),
        // A loan I said no to was never made, so nothing comes back.
        (
            settled(
                money_loan(1000).with_ask(Party::Them, Outcome::DeclinedByMe),
                d(2024, 5, 1),
                Portion::Amount(10),
            ),
            ModelError::NothingToSettle(xid(1)),
        ),
        (
            answered_on(Outcome::Granted, d(2024, 4, 30)),
            ModelError::AnswerBeforeAsk {
                exchange: xid(1),
                answered: d(2024, 4, 30),
                asked: d(2024, 5, 1),
            },
        ),
        (
            answered_on(Outcome::Open, d(2024, 5, 2)),
            ModelError::OpenAskWithAnswerDate(xid(1)),
        ),
        (
            changed(&|i| i.date = d(10000, 1, 1)),
            ModelError::DateOutOfRange(d(10000, 1, 1)),
        ),
        (
            Action::EditInteraction(meet(9, d(2024, 5, 1), &[1], Initiator::Me)),
            ModelError::UnknownInteraction(iid(9)),
        ),
        (
            Action::DeleteInteraction { id: iid(9) },
            ModelError::UnknownInteraction(iid(9)),
        ),
    ];
    // A favour that was only given (not promised) owes nothing, and neither
    // does one that was withdrawn.
    for plain in [
        exchange(1, Direction::Gave, 1, ExchangeKind::Favour)
            .with_ask(Party::Them, Outcome::Granted),
        exchange(1, Direction::Got, 1, ExchangeKind::Favour)
            .with_ask(Party::Me, Outcome::Withdrawn),
    ] {
        cases.push((
            settled(plain, d(2024, 5, 1), Portion::Percent(50)),
            ModelError::NothingToSettle(xid(1)),
        ));
    }
    // Promises need a yes.
    for outcome in [Outcome::Open, Outcome::DeclinedByThem, Outcome::Withdrawn] {
        cases.push((
            with(
                exchange(1, Direction::Got, 1, ExchangeKind::Introduction)
                    .with_ask(Party::Me, outcome)
                    .promised(),
            ),
            ModelError::PromiseWithoutYes(xid(1)),
        ));
    }

    let mut j = base();
    assert_all_rejected(&mut j, cases);
    assert_consistent(&j);
}

#[test]
fn errors_read_as_plain_english() {
    assert_eq!(
        ModelError::EmptyName(pid(3)).to_string(),
        "person p0000000000003 needs a name"
    );
    assert_eq!(
        ModelError::NoPeople(iid(4)).to_string(),
        "interaction i0000000000004 must include at least one person"
    );
    assert_eq!(
        ModelError::PurposeInUse {
            purpose: "job".parse().unwrap(),
            interactions: 2
        }
        .to_string(),
        "purpose job is used by 2 interaction(s); reassign or clear them to remove it"
    );
    assert_eq!(
        ModelError::SettlementExceedsOutstanding {
            exchange: xid(1),
            outstanding: Outstanding::Percent(30),
            requested: Portion::Percent(50),
        }
        .to_string(),
        "exchange x0000000000001: cannot settle 50%, only 30% is outstanding"
    );
    assert_eq!(
        ModelError::InvalidCurrency("euro".into()).to_string(),
        "\"euro\" is not a currency code (use three letters such as EUR)"
    );
}

// ----- delete person ----------------------------------------------------------

#[test]
fn delete_person_archive_keeps_history() {
    let mut j = base();
    let before_log: Vec<Interaction> = j.interactions().cloned().collect();
    let applied = j
        .apply(Action::DeletePerson {
            id: pid(1),
            mode: DeleteMode::Archive,
            now: ts(2024, 6, 1),
        })
        .unwrap();
    assert_eq!(applied, person_upserted(1));
    let ana = j.person(&pid(1)).unwrap();
    assert!(ana.archived);
    assert_eq!(ana.updated, ts(2024, 6, 1));
    assert_eq!(j.interactions().cloned().collect::<Vec<_>>(), before_log);
    assert_eq!(j.stats(&pid(1)).unwrap().interactions, 2);
    assert_eq!(
        rejected(
            &mut j,
            Action::DeletePerson {
                id: pid(9),
                mode: DeleteMode::Archive,
                now: ts(2024, 6, 1)
            }
        ),
        ModelError::UnknownPerson(pid(9))
    );
}

#[test]
fn delete_person_removing_them_from_interactions() {
    let mut j = base();
    let mut cai = person(3, "Cai");
    cai.met.introduced_by = Some(pid(1));
    j.apply(Action::AddPerson(cai)).unwrap();

    let applied = j
        .apply(Action::DeletePerson {
            id: pid(1),
            mode: DeleteMode::RemoveFromInteractions,
            now: ts(2024, 6, 1),
        })
        .unwrap();
    assert_eq!(
        applied,
        Applied {
            people_upserted: BTreeSet::from([pid(3)]),
            people_removed: BTreeSet::from([pid(1)]),
            interactions_upserted: vec![InteractionUpsert {
                id: iid(1),
                old_date: Some(d(2024, 3, 10)),
                date: d(2024, 3, 10)
            }],
            // Ana was the only person in i2, so it is deleted.
            interactions_removed: vec![InteractionRemoval {
                id: iid(2),
                date: d(2024, 4, 1)
            }],
            purposes_changed: false,
            settings_changed: false,
            milestones_changed: false,
        }
    );
    assert!(j.person(&pid(1)).is_none());
    assert!(j.interaction(&iid(2)).is_none());
    let i1 = j.interaction(&iid(1)).unwrap();
    assert_eq!(i1.people, vec![pid(2)]);
    // Ana's three exchanges went with her; the favour I promised Ben stays.
    assert_eq!(
        i1.exchanges
            .iter()
            .map(|e| e.id.clone())
            .collect::<Vec<_>>(),
        vec![xid(2)]
    );
    assert_eq!(i1.updated, ts(2024, 6, 1));
    let cai = j.person(&pid(3)).unwrap();
    assert_eq!(cai.met.introduced_by, None);
    assert_eq!(cai.updated, ts(2024, 6, 1));
    assert_eq!(j.stats(&pid(2)).unwrap().interactions, 1);
    assert_eq!(j.stats(&pid(2)).unwrap().owed_by_me.items, 1);
    assert!(j.stats(&pid(1)).is_none());
    assert_consistent(&j);
}

// ----- merge -------------------------------------------------------------------

#[test]
fn merge_keeps_every_interaction_and_unites_details() {
    let mut keep = person(1, "Ana García");
    keep.created = ts(2021, 1, 1);
    keep.updated = ts(2021, 1, 1);
    keep.emails = vec!["ana@example.com".into()];
    keep.tags = vec!["posse".into()];
    keep.notes = "Met at PyCon.".into();
    let mut absorb = person(2, "Ana G.");
    absorb.created = ts(2019, 5, 5);
    absorb.updated = ts(2022, 1, 1);
    absorb.emails = vec!["ANA@example.com".into(), "ana@work.example".into()];
    absorb.phones = vec!["+34 600 000 000".into()];
    absorb.tags = vec!["Posse".into(), "alumni".into()];
    absorb.org = Some("Fjord Labs".into());
    absorb.notes = "Likes climbing.".into();
    absorb.met.introduced_by = Some(pid(1)); // would become "introduced by herself"
    let mut dan = person(3, "Dan");
    dan.met.introduced_by = Some(pid(2));

    let mut both = meet(3, d(2024, 3, 1), &[1, 2, 3], Initiator::Mutual);
    both.exchanges
        .push(exchange(1, Direction::Gave, 2, ExchangeKind::Gift));
    let mut j = journal(
        vec![keep, absorb, dan],
        vec![
            meet(1, d(2024, 1, 1), &[1], Initiator::Me),
            meet(2, d(2024, 2, 1), &[2], Initiator::Them),
            both,
        ],
    );
    assert_eq!(
        rejected(
            &mut j,
            Action::MergePeople {
                keep: pid(1),
                absorb: pid(1),
                now: ts(2024, 6, 1)
            }
        ),
        ModelError::MergeIntoSelf(pid(1))
    );
    assert_eq!(
        rejected(
            &mut j,
            Action::MergePeople {
                keep: pid(1),
                absorb: pid(8),
                now: ts(2024, 6, 1)
            }
        ),
        ModelError::UnknownPerson(pid(8))
    );

    let applied = j
        .apply(Action::MergePeople {
            keep: pid(1),
            absorb: pid(2),
            now: ts(2024, 6, 1),
        })
        .unwrap();
    assert_eq!(applied.people_upserted, BTreeSet::from([pid(1), pid(3)]));
    assert_eq!(applied.people_removed, BTreeSet::from([pid(2)]));
    assert_eq!(
        applied
            .interactions_upserted
            .iter()
            .map(|u| u.id.clone())
            .collect::<Vec<_>>(),
        vec![iid(2), iid(3)]
    );

    let ana = j.person(&pid(1)).unwrap();
    assert_eq!(ana.name, "Ana García");
    assert_eq!(
        ana.emails,
        vec![
            "ana@example.com".to_string(),
            "ana@work.example".to_string()
        ]
    );
    assert_eq!(ana.phones, vec!["+34 600 000 000".to_string()]);
    assert_eq!(ana.tags, vec!["posse".to_string(), "alumni".to_string()]);
    assert_eq!(ana.org.as_deref(), Some("Fjord Labs"));
    assert_eq!(ana.notes, "Met at PyCon.\n\nLikes climbing.");
    assert_eq!(ana.met.introduced_by, None);
    assert_eq!(ana.created, ts(2019, 5, 5));
    assert_eq!(ana.updated, ts(2024, 6, 1));
    assert_eq!(j.person(&pid(3)).unwrap().met.introduced_by, Some(pid(1)));

    assert_eq!(j.interaction(&iid(2)).unwrap().people, vec![pid(1)]);
    let group = j.interaction(&iid(3)).unwrap();
    assert_eq!(group.people, vec![pid(1), pid(3)]);
    assert_eq!(group.exchanges[0].person, pid(1));
    let stats = j.stats(&pid(1)).unwrap();
    assert_eq!(stats.interactions, 3);
    assert_eq!(stats.gave, 1);
    assert_eq!(stats.first_contact, Some(d(2024, 1, 1)));
    assert_eq!(j.person_count(), 2);
    assert_eq!(j.interaction_count(), 3);
    assert_consistent(&j);
}

// ----- settlements -------------------------------------------------------------

fn settle(portion: Option<Portion>, date: chrono::NaiveDate, exchange: u64) -> Action {
    Action::Settle {
        interaction: iid(1),
        exchange: xid(exchange),
        date,
        portion,
        note: " partial ".into(),
        now: date.and_hms_opt(18, 0, 0).unwrap().and_utc(),
    }
}

#[test]
fn settle_a_loan_in_parts() {
    let mut j = base();
    let owed = |j: &Journal| j.stats(&pid(1)).unwrap().owed_to_me.clone();
    // The GBP loan I asked Ana for is still unanswered: it waits on her and
    // nobody owes anything on it; only the EUR loan I made her is owed.
    assert_eq!(owed(&j).items, 1);
    assert_eq!(owed(&j).money, BTreeMap::from([("EUR".to_string(), 5000)]));
    assert!(j.stats(&pid(1)).unwrap().owed_by_me.is_empty());
    assert_eq!(j.stats(&pid(1)).unwrap().waiting_on_them, 1);

    let applied = j
        .apply(settle(Some(Portion::Amount(2000)), d(2024, 4, 1), 1))
        .unwrap();
    assert_eq!(
        applied.interactions_upserted,
        vec![InteractionUpsert {
            id: iid(1),
            old_date: Some(d(2024, 3, 10)),
            date: d(2024, 3, 10)
        }]
    );
    assert_eq!(owed(&j).money["EUR"], 3000);
    let i1 = j.interaction(&iid(1)).unwrap();
    assert_eq!(i1.exchanges[0].settlements[0].note, "partial");
    assert_eq!(
        i1.updated,
        d(2024, 4, 1).and_hms_opt(18, 0, 0).unwrap().and_utc()
    );

    let error = rejected(
        &mut j,
        settle(Some(Portion::Amount(4000)), d(2024, 5, 1), 1),
    );
    assert_eq!(
        error.to_string(),
        "exchange x0000000000001: cannot settle 40.00 EUR, only 30.00 EUR is outstanding"
    );
    assert_eq!(
        rejected(&mut j, settle(Some(Portion::Percent(10)), d(2024, 5, 1), 1)),
        ModelError::WrongSettlementUnit {
            exchange: xid(1),
            expected: "an amount of money"
        }
    );
    assert_eq!(
        rejected(&mut j, settle(Some(Portion::Amount(100)), d(2024, 3, 9), 1)),
        ModelError::SettlementBeforeInteraction {
            exchange: xid(1),
            settlement: d(2024, 3, 9),
            interaction: d(2024, 3, 10)
        }
    );

    // `None` settles the rest.
    j.apply(settle(None, d(2024, 5, 1), 1)).unwrap();
    assert_eq!(
        j.interaction(&iid(1)).unwrap().exchanges[0]
            .settlements
            .iter()
            .map(|s| (s.date, s.portion))
            .collect::<Vec<_>>(),
        vec![
            (d(2024, 4, 1), Portion::Amount(2000)),
            (d(2024, 5, 1), Portion::Amount(3000))
        ]
    );
    assert!(owed(&j).is_empty());
    assert_eq!(
        rejected(&mut j, settle(None, d(2024, 6, 1), 1)),
        ModelError::AlreadySettled(xid(1))
    );
    assert_consistent(&j);
}

#[test]
fn settle_a_promise_in_percent() {
    let mut j = base();
    assert_eq!(j.stats(&pid(2)).unwrap().owed_by_me.items, 1);
    assert_eq!(j.stats(&pid(2)).unwrap().gave, 0);
    j.apply(settle(Some(Portion::Percent(30)), d(2024, 3, 20), 2))
        .unwrap();
    assert_eq!(j.stats(&pid(2)).unwrap().owed_by_me.items, 1);
    assert_eq!(
        rejected(
            &mut j,
            settle(Some(Portion::Percent(80)), d(2024, 3, 21), 2)
        ),
        ModelError::SettlementExceedsOutstanding {
            exchange: xid(2),
            outstanding: Outstanding::Percent(70),
            requested: Portion::Percent(80)
        }
    );
    assert_eq!(
        rejected(&mut j, settle(Some(Portion::Amount(5)), d(2024, 3, 21), 2)),
        ModelError::WrongSettlementUnit {
            exchange: xid(2),
            expected: "a percentage"
        }
    );
    j.apply(settle(None, d(2024, 3, 25), 2)).unwrap();
    let ben = j.stats(&pid(2)).unwrap();
    assert_eq!(ben.owed_by_me.items, 0);
    assert_eq!(ben.gave, 1); // fully delivered now counts as a give
    assert_consistent(&j);
}

#[test]
fn settle_errors_for_unknown_or_unsettleable_items() {
    let mut j = base();
    assert_eq!(
        rejected(
            &mut j,
            Action::Settle {
                interaction: iid(9),
                exchange: xid(1),
                date: d(2024, 5, 1),
                portion: None,
                note: String::new(),
                now: ts(2024, 5, 1),
            }
        ),
        ModelError::UnknownInteraction(iid(9))
    );
    assert_eq!(
        rejected(&mut j, settle(None, d(2024, 5, 1), 9)),
        ModelError::UnknownExchange {
            interaction: iid(1),
            exchange: xid(9)
        }
    );
    assert_eq!(
        rejected(&mut j, settle(None, d(2024, 5, 1), 3)),
        ModelError::NothingToSettle(xid(3))
    );
    assert_eq!(
        rejected(&mut j, settle(None, d(2024, 5, 1), 4)),
        ModelError::LoanNotMadeYet(xid(4))
    );
}

// ----- purposes and settings ----------------------------------------------------

#[test]
fn purpose_edits() {
    let mut j = base();
    let job: PurposeId = "job".parse().unwrap();
    let info: PurposeId = "info".parse().unwrap();
    let mut i1 = j.interaction(&iid(1)).unwrap().clone();
    i1.purpose = Some(job.clone());
    j.apply(Action::EditInteraction(i1)).unwrap();
    let mut i2 = j.interaction(&iid(2)).unwrap().clone();
    i2.purpose = Some(job.clone());
    j.apply(Action::EditInteraction(i2)).unwrap();

    // Add
    let mentoring = Purpose::new(PurposeId::new(5), " Mentoring ");
    let applied = j.apply(Action::AddPurpose(mentoring)).unwrap();
    assert_eq!(
        applied,
        Applied {
            purposes_changed: true,
            ..Applied::default()
        }
    );
    assert_eq!(j.purposes().last().unwrap().label, "Mentoring");
    assert_eq!(
        rejected(
            &mut j,
            Action::AddPurpose(Purpose::new(PurposeId::new(5), "Other"))
        ),
        ModelError::DuplicatePurpose(PurposeId::new(5))
    );
    assert_eq!(
        rejected(
            &mut j,
            Action::AddPurpose(Purpose::new(PurposeId::new(6), "job SEARCH"))
        ),
        ModelError::DuplicatePurposeLabel("job SEARCH".into())
    );
    assert_eq!(
        rejected(
            &mut j,
            Action::AddPurpose(Purpose::new(PurposeId::new(6), " "))
        ),
        ModelError::EmptyPurposeLabel(PurposeId::new(6))
    );

    // Rename: interactions are untouched because they store the id.
    let before: Vec<Interaction> = j.interactions().cloned().collect();
    let applied = j
        .apply(Action::RenamePurpose {
            id: job.clone(),
            label: "Finding work".into(),
        })
        .unwrap();
    assert_eq!(
        applied,
        Applied {
            purposes_changed: true,
            ..Applied::default()
        }
    );
    assert_eq!(j.purpose(&job).unwrap().label, "Finding work");
    assert_eq!(j.interactions().cloned().collect::<Vec<_>>(), before);
    assert_eq!(
        rejected(
            &mut j,
            Action::RenamePurpose {
                id: job.clone(),
                label: "information".into()
            }
        ),
        ModelError::DuplicatePurposeLabel("information".into())
    );
    assert_eq!(
        rejected(
            &mut j,
            Action::RenamePurpose {
                id: PurposeId::new(77),
                label: "x".into()
            }
        ),
        ModelError::UnknownPurpose(PurposeId::new(77))
    );

    // Remove: explicit handling when in use.
    let remove = |removal| Action::RemovePurpose {
        id: job.clone(),
        removal,
        now: ts(2024, 6, 1),
    };
    assert_eq!(
        rejected(&mut j, remove(PurposeRemoval::OnlyIfUnused)),
        ModelError::PurposeInUse {
            purpose: job.clone(),
            interactions: 2
        }
    );
    assert_eq!(
        rejected(&mut j, remove(PurposeRemoval::ReassignTo(job.clone()))),
        ModelError::ReassignToSamePurpose(job.clone())
    );
    assert_eq!(
        rejected(
            &mut j,
            remove(PurposeRemoval::ReassignTo(PurposeId::new(77)))
        ),
        ModelError::UnknownPurpose(PurposeId::new(77))
    );
    let applied = j
        .apply(remove(PurposeRemoval::ReassignTo(info.clone())))
        .unwrap();
    assert!(applied.purposes_changed);
    assert_eq!(
        applied.interactions_upserted,
        vec![
            InteractionUpsert {
                id: iid(1),
                old_date: Some(d(2024, 3, 10)),
                date: d(2024, 3, 10)
            },
            InteractionUpsert {
                id: iid(2),
                old_date: Some(d(2024, 4, 1)),
                date: d(2024, 4, 1)
            },
        ]
    );
    assert!(j.purpose(&job).is_none());
    assert_eq!(j.interaction(&iid(1)).unwrap().purpose, Some(info.clone()));
    assert_eq!(j.interaction(&iid(1)).unwrap().updated, ts(2024, 6, 1));

    // Clearing instead of reassigning.
    let applied = j
        .apply(Action::RemovePurpose {
            id: info.clone(),
            removal: PurposeRemoval::ClearFromInteractions,
            now: ts(2024, 6, 2),
        })
        .unwrap();
    assert_eq!(applied.interactions_upserted.len(), 2);
    assert_eq!(j.interaction(&iid(2)).unwrap().purpose, None);

    // An unused purpose goes with OnlyIfUnused and touches no interaction.
    let applied = j
        .apply(Action::RemovePurpose {
            id: "gig".parse().unwrap(),
            removal: PurposeRemoval::OnlyIfUnused,
            now: ts(2024, 6, 3),
        })
        .unwrap();
    assert_eq!(
        applied,
        Applied {
            purposes_changed: true,
            ..Applied::default()
        }
    );
    assert_eq!(
        j.purposes()
            .iter()
            .map(|p| p.label.as_str())
            .collect::<Vec<_>>(),
        vec![
            "Staying in touch",
            "Volunteering",
            "Helping them",
            "Mentoring"
        ]
    );
    assert_consistent(&j);
}

#[test]
fn settings_validation() {
    let mut j = base();
    assert_eq!(
        rejected(
            &mut j,
            Action::UpdateSettings(Settings {
                circles: vec!["crew".into(), " ".into()],
                ..Settings::default()
            })
        ),
        ModelError::EmptyCircleTag
    );
    assert_eq!(
        rejected(
            &mut j,
            Action::UpdateSettings(Settings {
                nudges: NudgeConfig {
                    window: 0,
                    ..NudgeConfig::default()
                },
                ..Settings::default()
            })
        ),
        ModelError::InvalidNudgeSetting("window")
    );
    // Tags are trimmed and repeats (ignoring case) dropped, first spelling kept.
    let applied = j
        .apply(Action::UpdateSettings(Settings {
            circles: vec![" crew ".into(), "Family".into(), "CREW".into()],
            ..Settings::default()
        }))
        .unwrap();
    assert_eq!(
        applied,
        Applied {
            settings_changed: true,
            ..Applied::default()
        }
    );
    assert_eq!(j.settings().circles, ["crew", "Family"]);
    // Same settings again: nothing changed.
    let applied = j
        .apply(Action::UpdateSettings(Settings {
            circles: vec!["crew".into(), "Family".into()],
            ..Settings::default()
        }))
        .unwrap();
    assert!(applied.is_empty());
    // Ticking and unticking one tag, as Settings does.
    let next = j.settings().with_circle_tag("family", false);
    assert_eq!(next.circles, ["crew"]);
    assert_eq!(
        next.with_circle_tag("alumni", true).circles,
        ["crew", "alumni"]
    );
}

// ----- edits and the Applied report ---------------------------------------------

#[test]
fn edit_interaction_moving_months_and_people_updates_both_sides() {
    let mut j = base();
    j.apply(Action::AddPerson(person(3, "Cai"))).unwrap();
    let mut i2 = j.interaction(&iid(2)).unwrap().clone();
    i2.date = d(2024, 5, 31);
    i2.people = vec![pid(3)];
    i2.created = ts(2000, 1, 1); // ignored: the stored created time is kept
    i2.updated = ts(2000, 1, 1); // an edit never moves `updated` back
    let applied = j.apply(Action::EditInteraction(i2)).unwrap();
    assert_eq!(
        applied.interactions_upserted,
        vec![InteractionUpsert {
            id: iid(2),
            old_date: Some(d(2024, 4, 1)),
            date: d(2024, 5, 31)
        }]
    );
    assert_eq!(
        applied.months_touched(),
        BTreeSet::from([
            YearMonth::new(2024, 4).unwrap(),
            YearMonth::new(2024, 5).unwrap()
        ])
    );
    assert_eq!(
        j.interaction(&iid(2)).unwrap().created,
        d(2024, 4, 1).and_hms_opt(12, 0, 0).unwrap().and_utc()
    );
    assert_eq!(
        j.interaction(&iid(2)).unwrap().updated,
        d(2024, 4, 1).and_hms_opt(12, 0, 0).unwrap().and_utc()
    );
    assert_eq!(j.stats(&pid(1)).unwrap().interactions, 1);
    assert_eq!(j.stats(&pid(1)).unwrap().last_contact, Some(d(2024, 3, 10)));
    assert_eq!(j.stats(&pid(3)).unwrap().interactions, 1);
    assert_eq!(
        j.interactions_in_month(YearMonth::new(2024, 5).unwrap())
            .map(|i| i.id.clone())
            .collect::<Vec<_>>(),
        vec![iid(2)]
    );
    assert_consistent(&j);

    let applied = j.apply(Action::DeleteInteraction { id: iid(2) }).unwrap();
    assert_eq!(
        applied.interactions_removed,
        vec![InteractionRemoval {
            id: iid(2),
            date: d(2024, 5, 31)
        }]
    );
    assert_eq!(j.stats(&pid(3)).unwrap(), &PersonStats::default());
    assert_consistent(&j);
}

#[test]
fn edit_person_keeps_created_and_normalises_lists() {
    let mut j = base();
    let mut ana = j.person(&pid(1)).unwrap().clone();
    ana.name = "  Ana María ".into();
    ana.created = ts(2023, 1, 1);
    ana.updated = ts(2024, 6, 1);
    ana.tags = vec![
        " posse".into(),
        "".into(),
        "POSSE".into(),
        "Zürich".into(),
        "zürich".into(),
    ];
    ana.emails = vec!["a@x.example".into(), "A@X.example ".into()];
    let applied = j.apply(Action::EditPerson(ana)).unwrap();
    assert_eq!(applied, person_upserted(1));
    let ana = j.person(&pid(1)).unwrap();
    assert_eq!(ana.name, "Ana María");
    assert_eq!(ana.created, ts(2020, 1, 1));
    assert_eq!(ana.tags, vec!["posse".to_string(), "Zürich".to_string()]);
    assert_eq!(ana.emails, vec!["a@x.example".to_string()]);
    assert!(ana.has_tag("ZÜRICH"));
    assert_eq!(ana.updated, ts(2024, 6, 1));
    // Editing a person's details does not touch the stats.
    assert_eq!(j.stats(&pid(1)).unwrap().interactions, 2);
    // An edit sent with an older `updated` time keeps the stored one, so
    // merging backups by "the newer wins" still sees the latest change.
    let mut stale = j.person(&pid(1)).unwrap().clone();
    stale.role = Some("Editor".into());
    stale.updated = ts(2024, 1, 1);
    j.apply(Action::EditPerson(stale)).unwrap();
    let ana = j.person(&pid(1)).unwrap();
    assert_eq!(ana.role.as_deref(), Some("Editor"));
    assert_eq!(ana.updated, ts(2024, 6, 1));
}

/// What a change that rewrote one person, and nothing else, reports.
fn person_upserted(n: u64) -> Applied {
    Applied {
        people_upserted: BTreeSet::from([pid(n)]),
        ..Applied::default()
    }
}
