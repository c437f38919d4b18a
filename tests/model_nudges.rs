//! Every nudge rule: when it fires, when it does not, and its message.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::BTreeMap;

use rapport::model::nudges::nudges_for;
use rapport::model::today::all_nudges;
use rapport::model::{
    Action, Cadence, DeleteMode, Direction::*, ExchangeKind::*, Initiator, Interaction, Journal,
    Nudge, NudgeConfig, Outcome::*, Party, Settings,
};
use support::*;

const TODAY: (i32, u32, u32) = (2024, 6, 30);

fn today() -> chrono::NaiveDate {
    d(TODAY.0, TODAY.1, TODAY.2)
}

fn with_ana(interactions: Vec<Interaction>) -> Journal {
    journal(vec![person(1, "Ana"), person(2, "Ben")], interactions)
}

fn nudges(j: &Journal) -> Vec<Nudge> {
    nudges_for(j, &pid(1), today())
}

// ----- Two-way street ------------------------------------------------------

#[test]
fn two_way_street_fires_after_three_contacts_in_a_row_from_me() {
    let j = with_ana(vec![
        meet(1, d(2024, 6, 1), &[1], Initiator::Them),
        // Logged out of order on purpose: the rule uses dates, not insertion order.
        meet(4, d(2024, 6, 20), &[1], Initiator::Me),
        meet(2, d(2024, 6, 5), &[1], Initiator::Me),
        meet(3, d(2024, 6, 10), &[1], Initiator::Me),
    ]);
    let found = nudges(&j);
    assert_eq!(found, vec![Nudge::TwoWayStreet { streak: 3 }]);
    assert_eq!(
        found[0].message(),
        "You made the last 3 contacts. It's a two-way street."
    );
    assert_eq!(found[0].key(), "two_way_street");
}

#[test]
fn two_way_street_is_broken_by_them_or_mutual() {
    let j = with_ana(vec![
        meet(1, d(2024, 6, 1), &[1], Initiator::Me),
        meet(2, d(2024, 6, 5), &[1], Initiator::Me),
        meet(3, d(2024, 6, 10), &[1], Initiator::Mutual),
        meet(4, d(2024, 6, 20), &[1], Initiator::Me),
        meet(5, d(2024, 6, 25), &[1], Initiator::Me),
    ]);
    assert_eq!(nudges(&j), vec![]);
}

#[test]
fn two_way_street_reports_the_whole_run_and_follows_the_configured_n() {
    let mut j = with_ana(vec![
        meet(1, d(2024, 6, 1), &[1], Initiator::Me),
        meet(2, d(2024, 6, 5), &[1], Initiator::Me),
        meet(3, d(2024, 6, 10), &[1], Initiator::Me),
        meet(4, d(2024, 6, 12), &[1], Initiator::Me),
    ]);
    assert_eq!(nudges(&j), vec![Nudge::TwoWayStreet { streak: 4 }]);
    let settings = Settings {
        nudges: NudgeConfig {
            streak: 5,
            ..NudgeConfig::default()
        },
        ..Settings::default()
    };
    j.apply(Action::UpdateSettings(settings)).unwrap();
    assert_eq!(nudges(&j), vec![]);
}

// ----- Only when you need something ---------------------------------------

fn asking(n: u64, date: chrono::NaiveDate, ask: bool) -> Interaction {
    let mut i = meet(n, date, &[1], Initiator::Me);
    if ask {
        i.exchanges
            .push(exchange(1, Got, 1, Advice).with_ask(Party::Me, Granted));
    }
    i
}

#[test]
fn only_when_you_need_something_fires_when_most_recent_outreach_carried_an_ask() {
    let j = with_ana(vec![
        asking(1, d(2024, 1, 1), false),
        meet(2, d(2024, 1, 15), &[1], Initiator::Them),
        asking(3, d(2024, 2, 1), true),
        asking(4, d(2024, 3, 1), false),
        meet(5, d(2024, 3, 15), &[1], Initiator::Them),
        asking(6, d(2024, 4, 1), true),
        asking(7, d(2024, 5, 1), true),
    ]);
    let found = nudges(&j);
    // The last five you-initiated contacts are 1, 3, 4, 6, 7: three carried an ask.
    assert_eq!(
        found,
        vec![Nudge::OnlyWhenYouNeedSomething { with_ask: 3, of: 5 }]
    );
    assert_eq!(
        found[0].message(),
        "3 of your last 5 contacts carried an ask from you. Reach out sometimes just to connect."
    );
}

#[test]
fn only_when_you_need_something_stays_quiet_for_two_of_five() {
    let j = with_ana(vec![
        asking(1, d(2024, 1, 1), false),
        asking(2, d(2024, 2, 1), true),
        meet(3, d(2024, 2, 15), &[1], Initiator::Them),
        asking(4, d(2024, 3, 1), false),
        asking(5, d(2024, 4, 1), true),
        meet(6, d(2024, 4, 15), &[1], Initiator::Them),
        asking(7, d(2024, 5, 1), false),
    ]);
    assert_eq!(nudges(&j), vec![]);
}

#[test]
fn only_when_you_need_something_needs_more_than_half_of_the_window() {
    // Two you-initiated contacts, both asks: 2 × 2 = 4 is not more than 5.
    let mut interactions = vec![
        asking(1, d(2024, 1, 1), true),
        asking(2, d(2024, 2, 1), true),
    ];
    interactions.push(meet(3, d(2024, 3, 1), &[1], Initiator::Them));
    let j = with_ana(interactions.clone());
    assert_eq!(nudges(&j), vec![]);
    // A third one makes it 3 of 3 (and also a streak would need them in a row, which they are not).
    interactions.push(asking(4, d(2024, 4, 1), true));
    let j = with_ana(interactions);
    assert_eq!(
        nudges(&j),
        vec![Nudge::OnlyWhenYouNeedSomething { with_ask: 3, of: 3 }]
    );
}

#[test]
fn an_ask_to_someone_else_in_a_group_does_not_count() {
    let group = |n, date| {
        let mut i = meet(n, date, &[1, 2], Initiator::Me);
        i.exchanges
            .push(exchange(1, Got, 2, Advice).with_ask(Party::Me, Granted));
        i
    };
    let j = with_ana(vec![
        group(1, d(2024, 1, 1)),
        meet(2, d(2024, 1, 2), &[1], Initiator::Them),
        group(3, d(2024, 2, 1)),
        meet(4, d(2024, 2, 2), &[1], Initiator::Them),
        group(5, d(2024, 3, 1)),
    ]);
    assert_eq!(nudges(&j), vec![]);
    // Ben, who was asked each time (and only ever contacted by me), does get it.
    assert_eq!(
        nudges_for(&j, &pid(2), today()),
        vec![
            Nudge::TwoWayStreet { streak: 3 },
            Nudge::OnlyWhenYouNeedSomething { with_ask: 3, of: 3 },
        ]
    );
}

// ----- It's okay to say no -------------------------------------------------

fn they_ask(n: u64, date: chrono::NaiveDate, outcome: rapport::model::Outcome) -> Interaction {
    let mut i = meet(n, date, &[1], Initiator::Them);
    i.exchanges
        .push(exchange(1, Gave, 1, Favour).with_ask(Party::Them, outcome));
    i
}

#[test]
fn okay_to_say_no_fires_after_three_asks_without_a_no() {
    let j = with_ana(vec![
        they_ask(1, d(2024, 1, 1), Granted),
        they_ask(2, d(2024, 2, 1), Granted),
        they_ask(3, d(2024, 3, 1), Granted),
    ]);
    let found = nudges(&j);
    assert_eq!(found, vec![Nudge::OkayToSayNo { their_asks: 3 }]);
    assert_eq!(
        found[0].message(),
        "They have asked 3 times and you have never said no. It's okay to say no."
    );
}

#[test]
fn okay_to_say_no_is_quiet_after_one_no_or_with_only_two_asks() {
    let j = with_ana(vec![
        they_ask(1, d(2024, 1, 1), Granted),
        they_ask(2, d(2024, 2, 1), DeclinedByMe),
        they_ask(3, d(2024, 3, 1), Granted),
        they_ask(4, d(2024, 4, 1), Granted),
    ]);
    assert_eq!(nudges(&j), vec![]);
    let j = with_ana(vec![
        they_ask(1, d(2024, 1, 1), Granted),
        they_ask(2, d(2024, 2, 1), Granted),
    ]);
    assert_eq!(nudges(&j), vec![]);
}

// ----- You owe them ----------------------------------------------------------

/// They asked me for a favour and I said yes: I owe it until it is done.
fn i_promised(n: u64, date: chrono::NaiveDate) -> Interaction {
    let mut i = they_ask(n, date, Granted);
    i.exchanges[0].promised = true;
    i
}

#[test]
fn you_owe_them_a_promise() {
    let j = with_ana(vec![i_promised(1, d(2024, 1, 1))]);
    let found = nudges(&j);
    assert_eq!(
        found,
        vec![Nudge::YouOweThem {
            items: 1,
            money: BTreeMap::new()
        }]
    );
    assert_eq!(found[0].message(), "You owe them a promise or loan.");
}

#[test]
fn an_unanswered_ask_or_a_yes_already_done_is_not_owed() {
    // Their ask still waits on me: not a debt until I say yes and promise it.
    let j = with_ana(vec![they_ask(1, d(2024, 1, 1), Open)]);
    assert_eq!(nudges(&j), vec![]);
    // A yes that was done there and then.
    let j = with_ana(vec![they_ask(1, d(2024, 1, 1), Granted)]);
    assert_eq!(nudges(&j), vec![]);
}

#[test]
fn you_owe_them_a_loan_with_the_amount_left() {
    let mut i = meet(1, d(2024, 1, 1), &[1], Initiator::Them);
    i.exchanges.push(
        exchange(1, Got, 1, Loan)
            .with_money_loan(12000, "EUR")
            .with_settlement(rapport::model::Settlement::new(
                d(2024, 2, 1),
                rapport::model::Portion::Amount(2000),
            )),
    );
    i.exchanges
        .push(exchange(2, Got, 1, Loan).with_item_loan("a drill"));
    let j = with_ana(vec![i]);
    let found = nudges(&j);
    assert_eq!(
        found,
        vec![Nudge::YouOweThem {
            items: 2,
            money: BTreeMap::from([("EUR".to_string(), 10000)])
        }]
    );
    assert_eq!(
        found[0].message(),
        "You owe them 2 promises or loans (100.00 EUR outstanding)."
    );
}

#[test]
fn no_owe_nudge_once_settled_or_when_they_owe_me() {
    let mut j = with_ana(vec![i_promised(1, d(2024, 1, 1))]);
    assert_eq!(nudges(&j).len(), 1);
    j.apply(Action::Settle {
        interaction: iid(1),
        exchange: xid(1),
        date: d(2024, 1, 5),
        portion: None,
        note: String::new(),
        now: ts(2024, 1, 5),
    })
    .unwrap();
    assert_eq!(nudges(&j), vec![]);

    let mut i = meet(1, d(2024, 1, 1), &[1], Initiator::Me);
    i.exchanges
        .push(exchange(1, Gave, 1, Loan).with_money_loan(500, "EUR"));
    let j = with_ana(vec![i]);
    assert_eq!(nudges(&j), vec![]);
}

// ----- Past the maximum gap ---------------------------------------------------

#[test]
fn past_max_gap_fires_only_after_the_maximum() {
    let mut ana = person(1, "Ana");
    ana.cadence = Some(Cadence::new(7, Some(14)));
    let j = journal(
        vec![ana],
        vec![meet(1, d(2024, 6, 16), &[1], Initiator::Them)],
    );
    assert_eq!(nudges_for(&j, &pid(1), d(2024, 6, 30)), vec![]); // 14 days: overdue, not past max
    let found = nudges_for(&j, &pid(1), d(2024, 7, 1));
    assert_eq!(
        found,
        vec![Nudge::PastMaxGap {
            days_since: 15,
            max_days: 14
        }]
    );
    assert_eq!(
        found[0].message(),
        "It's been 15 days since you were in touch, past your maximum of 14 days."
    );
}

/// Long gaps read in words, never as a day count nobody can picture.
#[test]
fn past_max_gap_says_long_gaps_in_words() {
    let cases = [
        (
            59,
            "It's been 59 days since you were in touch, past your maximum of 30 days.",
        ),
        (
            60,
            "It's been about 2 months since you were in touch, past your maximum of 30 days.",
        ),
        (
            100,
            "It's been about 3 months since you were in touch, past your maximum of 30 days.",
        ),
        (
            364,
            "It's been about 11 months since you were in touch, past your maximum of 30 days.",
        ),
        (
            365,
            "It's been over a year since you were in touch, past your maximum of 30 days.",
        ),
        (
            729,
            "It's been over a year since you were in touch, past your maximum of 30 days.",
        ),
        (
            730,
            "It's been over 2 years since you were in touch, past your maximum of 30 days.",
        ),
        (
            4292,
            "It's been over 11 years since you were in touch, past your maximum of 30 days.",
        ),
    ];
    for (days_since, message) in cases {
        let nudge = Nudge::PastMaxGap {
            days_since,
            max_days: 30,
        };
        assert_eq!(nudge.message(), message, "{days_since} days");
    }
    assert_eq!(rapport::model::dates::gap_in_words(1), "1 day");
    assert_eq!(rapport::model::dates::gap_in_words(-3), "0 days");
}

#[test]
fn overdue_without_a_maximum_is_not_a_nudge() {
    let mut ana = person(1, "Ana");
    ana.cadence = Some(Cadence::new(7, None));
    let j = journal(
        vec![ana],
        vec![meet(1, d(2020, 1, 1), &[1], Initiator::Them)],
    );
    assert_eq!(nudges(&j), vec![]);
}

// ----- Combined, ordering and archive -----------------------------------------

#[test]
fn several_rules_fire_in_table_order_and_archived_people_get_none() {
    let mut ana = person(1, "Ana");
    ana.cadence = Some(Cadence::new(7, Some(10)));
    let mut owe = i_promised(1, d(2024, 1, 1));
    owe.initiated_by = Initiator::Me;
    let mut j = journal(
        vec![ana, person(2, "Ben")],
        vec![
            owe,
            meet(2, d(2024, 2, 1), &[1], Initiator::Me),
            meet(3, d(2024, 3, 1), &[1], Initiator::Me),
        ],
    );
    let found = nudges(&j);
    assert_eq!(
        found.iter().map(Nudge::key).collect::<Vec<_>>(),
        vec!["you_owe_them", "past_max_gap", "two_way_street"]
    );
    assert_eq!(all_nudges(&j, today()).len(), 3);

    j.apply(Action::DeletePerson {
        id: pid(1),
        mode: DeleteMode::Archive,
        now: ts(2024, 6, 1),
    })
    .unwrap();
    assert_eq!(nudges(&j), vec![]);
    assert_eq!(all_nudges(&j, today()), vec![]);
}
