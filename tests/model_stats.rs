//! Per-person counters, balance readings and cadence status.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::BTreeMap;

use rapport::model::stats::{due_soon_window, read_balance, HANDFUL, MIN_ASKS_FOR_ASK_READING};
use rapport::model::{
    Balance, BalanceReading, Cadence, Direction::*, DueStatus, ExchangeKind::*, Initiator,
    Outcome::*, Party, PersonStats, Portion, Settlement,
};
use support::*;

/// Ana (1) and Ben (2), five interactions covering every counter.
fn scenario() -> rapport::model::Journal {
    let mut i1 = meet(1, d(2024, 1, 10), &[1], Initiator::Me);
    i1.exchanges.push(exchange(1, Gave, 1, Advice));

    let mut i2 = meet(2, d(2024, 2, 5), &[1], Initiator::Them);
    i2.exchanges
        .push(exchange(1, Got, 1, Referral).with_ask(Party::Me, Granted));

    let mut i3 = meet(3, d(2024, 3, 1), &[1, 2], Initiator::Mutual);
    i3.exchanges
        .push(exchange(1, Gave, 2, Favour).with_ask(Party::Them, DeclinedByMe));
    i3.exchanges
        .push(exchange(2, Got, 1, Introduction).with_ask(Party::Me, DeclinedByThem));
    // With Ben: an ask of mine he has not answered, one of his I have not
    // answered, and one he took back.
    i3.exchanges
        .push(exchange(3, Got, 2, Advice).with_ask(Party::Me, Open));
    i3.exchanges
        .push(exchange(4, Gave, 2, Introduction).with_ask(Party::Them, Open));
    i3.exchanges
        .push(exchange(5, Gave, 2, Favour).with_ask(Party::Them, Withdrawn));

    let mut i4 = meet(4, d(2024, 3, 20), &[1], Initiator::Them);
    i4.exchanges.push(
        exchange(1, Gave, 1, Favour)
            .with_ask(Party::Them, Granted)
            .promised(),
    );
    i4.exchanges.push(
        exchange(2, Got, 1, Loan)
            .with_money_loan(5000, "EUR")
            .with_settlement(Settlement::new(d(2024, 4, 1), Portion::Amount(2000))),
    );

    let mut i5 = meet(5, d(2024, 4, 2), &[1], Initiator::Me);
    i5.exchanges.push(
        exchange(1, Gave, 1, Loan)
            .with_item_loan("a tent")
            .with_ask(Party::Them, Granted),
    );
    i5.exchanges.push(
        exchange(2, Got, 1, Favour)
            .with_ask(Party::Me, Granted)
            .promised()
            .with_settlement(Settlement::new(d(2024, 4, 3), Portion::Percent(60)))
            .with_settlement(Settlement::new(d(2024, 4, 9), Portion::Percent(40))),
    );
    i5.exchanges
        .push(exchange(3, Gave, 1, Loan).with_money_loan(1000, "GBP"));

    journal(
        vec![person(1, "Ana"), person(2, "Ben")],
        vec![i1, i2, i3, i4, i5],
    )
}

#[test]
fn every_counter_for_a_hand_made_journal() {
    let j = scenario();
    let ana = j.stats(&pid(1)).unwrap();
    assert_eq!(ana.interactions, 5);
    assert_eq!(ana.first_contact, Some(d(2024, 1, 10)));
    assert_eq!(ana.last_contact, Some(d(2024, 4, 2)));
    assert_eq!(ana.initiated.me, 2);
    assert_eq!(ana.initiated.them, 2);
    assert_eq!(ana.initiated.mutual, 1);
    assert_eq!(ana.initiated.total(), 5);
    assert_eq!(ana.initiated.percent(Initiator::Me), 40);
    assert_eq!(ana.initiated.percent(Initiator::Them), 40);
    assert_eq!(ana.initiated.percent(Initiator::Mutual), 20);
    // Gave: advice, the tent, the GBP loan (my promise is not kept yet).
    // Got: referral, EUR loan, and her promise, kept in full.
    assert_eq!(ana.gave, 3);
    assert_eq!(ana.got, 3);
    assert_eq!(ana.asks_by_me, 3);
    assert_eq!(ana.asks_by_them, 2);
    assert_eq!(ana.nos_by_me, 0);
    assert_eq!(ana.nos_by_them, 1);
    assert_eq!(
        (ana.withdrawn, ana.waiting_on_me, ana.waiting_on_them),
        (0, 0, 0)
    );
    // I owe: the favour I promised (100%) and 30.00 EUR of the loan.
    assert_eq!(ana.owed_by_me.items, 2);
    assert_eq!(
        ana.owed_by_me.money,
        BTreeMap::from([("EUR".to_string(), 3000)])
    );
    // Owed to me: the tent and 10.00 GBP.
    assert_eq!(ana.owed_to_me.items, 2);
    assert_eq!(
        ana.owed_to_me.money,
        BTreeMap::from([("GBP".to_string(), 1000)])
    );
    assert_eq!(
        j.balance(&pid(1)),
        Some(Balance {
            score: 0,
            reading: BalanceReading::Balanced
        })
    );

    let ben = j.stats(&pid(2)).unwrap();
    let mut expected = PersonStats {
        interactions: 1,
        first_contact: Some(d(2024, 3, 1)),
        last_contact: Some(d(2024, 3, 1)),
        asks_by_me: 1,
        asks_by_them: 3,
        nos_by_me: 1,
        withdrawn: 1,
        waiting_on_me: 1,
        waiting_on_them: 1,
        ..PersonStats::default()
    };
    expected.initiated.mutual = 1;
    assert_eq!(ben, &expected);
    assert_consistent(&j);
}

#[test]
fn open_items_list_what_is_outstanding() {
    let j = scenario();
    let items = j.open_items(&pid(1));
    let summary: Vec<(String, String, Party, String)> = items
        .iter()
        .map(|item| {
            (
                item.interaction.to_string(),
                item.exchange.to_string(),
                item.obligation.debtor,
                item.obligation.outstanding.to_string(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                "i0000000000004".into(),
                "x0000000000001".into(),
                Party::Me,
                "100%".into()
            ),
            (
                "i0000000000004".into(),
                "x0000000000002".into(),
                Party::Me,
                "30.00 EUR".into()
            ),
            (
                "i0000000000005".into(),
                "x0000000000001".into(),
                Party::Them,
                "100%".into()
            ),
            (
                "i0000000000005".into(),
                "x0000000000003".into(),
                Party::Them,
                "10.00 GBP".into()
            ),
        ]
    );
    assert!(j.open_items(&pid(2)).is_empty());
}

#[test]
fn owed_money_adds_up_per_currency() {
    let mut i1 = meet(1, d(2024, 1, 1), &[1], Initiator::Them);
    i1.exchanges
        .push(exchange(1, Got, 1, Loan).with_money_loan(1500, "EUR"));
    i1.exchanges
        .push(exchange(2, Got, 1, Loan).with_money_loan(2500, "EUR"));
    i1.exchanges
        .push(exchange(3, Got, 1, Loan).with_money_loan(700, "USD"));
    let j = journal(vec![person(1, "Ana")], vec![i1]);
    let ana = j.stats(&pid(1)).unwrap();
    assert_eq!(ana.owed_by_me.items, 3);
    assert_eq!(
        ana.owed_by_me.money,
        BTreeMap::from([("EUR".to_string(), 4000), ("USD".to_string(), 700)])
    );
    assert_eq!(ana.got, 3);
}

#[test]
fn an_open_loan_ask_waits_and_owes_nothing_until_the_loan_is_made() {
    let asked = |outcome| {
        let mut i1 = meet(1, d(2024, 1, 1), &[1], Initiator::Them);
        i1.exchanges.push(
            exchange(1, Gave, 1, Loan)
                .with_money_loan(900, "EUR")
                .with_ask(Party::Them, outcome),
        );
        journal(vec![person(1, "Ana")], vec![i1])
    };
    let j = asked(Open);
    let ana = j.stats(&pid(1)).unwrap();
    assert_eq!(ana.gave, 0);
    assert_eq!(ana.asks_by_them, 1);
    assert_eq!(ana.waiting_on_me, 1);
    assert!(ana.owed_by_me.is_empty());
    assert!(ana.owed_to_me.is_empty());
    assert!(j.open_items(&pid(1)).is_empty());

    // Once I said yes the loan is made: a give, and she owes it back.
    let j = asked(Granted);
    let ana = j.stats(&pid(1)).unwrap();
    assert_eq!(ana.gave, 1);
    assert_eq!(ana.waiting_on_me, 0);
    assert!(ana.owed_by_me.is_empty());
    assert_eq!(ana.owed_to_me.items, 1);
    assert_eq!(
        ana.owed_to_me.money,
        BTreeMap::from([("EUR".to_string(), 900)])
    );
}

#[test]
fn initiation_percentages_round_half_up() {
    let j = journal(
        vec![person(1, "Ana")],
        vec![
            meet(1, d(2024, 1, 1), &[1], Initiator::Me),
            meet(2, d(2024, 1, 2), &[1], Initiator::Me),
            meet(3, d(2024, 1, 3), &[1], Initiator::Them),
        ],
    );
    let s = j.stats(&pid(1)).unwrap();
    assert_eq!(s.initiated.percent(Initiator::Me), 67);
    assert_eq!(s.initiated.percent(Initiator::Them), 33);
    assert_eq!(s.initiated.percent(Initiator::Mutual), 0);
    assert_eq!(PersonStats::default().initiated.percent(Initiator::Me), 0);
}

/// Every reading, with the counts that lead to it and the words each screen shows.
#[test]
fn balance_readings_table() {
    use BalanceReading::*;
    assert_eq!(MIN_ASKS_FOR_ASK_READING, 3);
    assert_eq!(HANDFUL, 5);
    const ONLY_ME: &str = "So far only you have given.";
    const ONLY_THEM: &str = "So far only they have given.";
    const FEW: &str = "Too few exchanges yet to tell whether it is balanced.";
    const EVEN: &str = "Balanced: you give and take about equally.";
    // (gave, got, asks by me, asks by them) → reading, its label, its message.
    let cases = [
        (
            (0, 0, 0, 0),
            NothingYet,
            "nothing given either way yet",
            "Nothing given either way yet.",
        ),
        (
            (0, 0, 1, 1),
            NothingYet,
            "nothing given either way yet",
            "Nothing given either way yet.",
        ),
        // One side has nothing: the raw counts, never "balanced".
        (
            (1, 0, 0, 0),
            OnlyOneWay { gave: 1, got: 0 },
            "You gave 1 · they gave 0",
            ONLY_ME,
        ),
        (
            (0, 1, 0, 0),
            OnlyOneWay { gave: 0, got: 1 },
            "You gave 0 · they gave 1",
            ONLY_THEM,
        ),
        (
            (2, 0, 0, 0),
            OnlyOneWay { gave: 2, got: 0 },
            "You gave 2 · they gave 0",
            ONLY_ME,
        ),
        (
            (0, 9, 0, 0),
            OnlyOneWay { gave: 0, got: 9 },
            "You gave 0 · they gave 9",
            ONLY_THEM,
        ),
        (
            (1, 0, 2, 0),
            OnlyOneWay { gave: 1, got: 0 },
            "You gave 1 · they gave 0",
            ONLY_ME,
        ),
        // Fewer than a handful of gives and takes: the raw counts, never "balanced".
        (
            (1, 1, 0, 0),
            FewSoFar { gave: 1, got: 1 },
            "You gave 1 · they gave 1",
            FEW,
        ),
        (
            (2, 1, 0, 0),
            FewSoFar { gave: 2, got: 1 },
            "You gave 2 · they gave 1",
            FEW,
        ),
        (
            (1, 3, 0, 0),
            FewSoFar { gave: 1, got: 3 },
            "You gave 1 · they gave 3",
            FEW,
        ),
        (
            (2, 2, 0, 0),
            FewSoFar { gave: 2, got: 2 },
            "You gave 2 · they gave 2",
            FEW,
        ),
        // From a handful on, the reading.
        ((3, 2, 0, 0), Balanced, "balanced", EVEN),
        ((6, 4, 0, 0), Balanced, "balanced", EVEN), // diff 2, 2 × 5 = 10 ≤ 10
        ((12, 10, 0, 0), Balanced, "balanced", EVEN),
        (
            (4, 1, 0, 0),
            YouGiveMore,
            "you give more",
            "You give more than you get.",
        ),
        (
            (7, 4, 0, 0),
            YouGiveMore,
            "you give more",
            "You give more than you get.",
        ), // 15 > 11
        (
            (4, 7, 0, 0),
            TheyGiveMore,
            "they give more",
            "They give more than you do.",
        ),
        // The asking pattern, with at least 3 asks, wins over give and take.
        (
            (5, 5, 2, 1),
            YouMostlyAsk,
            "you mostly ask",
            "You do most of the asking.",
        ), // 2 of 3
        (
            (5, 5, 1, 2),
            TheyMostlyAsk,
            "they mostly ask",
            "They do most of the asking.",
        ),
        (
            (9, 1, 0, 3),
            TheyMostlyAsk,
            "they mostly ask",
            "They do most of the asking.",
        ),
        (
            (0, 0, 4, 0),
            YouMostlyAsk,
            "you mostly ask",
            "You do most of the asking.",
        ),
        ((5, 5, 3, 2), Balanced, "balanced", EVEN), // 3 of 5 is less than two thirds
        ((5, 5, 2, 0), Balanced, "balanced", EVEN), // fewer than 3 asks
    ];
    for ((gave, got, me, them), expected, label, message) in cases {
        let reading = read_balance(gave, got, me, them);
        let case = format!("gave {gave} got {got} asks me {me} them {them}");
        assert_eq!(reading, expected, "{case}");
        assert_eq!(reading.label(), label, "{case}");
        assert_eq!(reading.message(), message, "{case}");
    }
}

#[test]
fn balance_score_is_gives_minus_takes() {
    let mut i1 = meet(1, d(2024, 1, 1), &[1], Initiator::Me);
    for n in 1..=4 {
        i1.exchanges.push(exchange(n, Gave, 1, Advice));
    }
    i1.exchanges.push(exchange(5, Got, 1, Gift));
    let j = journal(vec![person(1, "Ana")], vec![i1]);
    assert_eq!(
        j.balance(&pid(1)),
        Some(Balance {
            score: 3,
            reading: BalanceReading::YouGiveMore
        })
    );
}

#[test]
fn due_soon_window_sizes() {
    assert_eq!(due_soon_window(1), 1);
    assert_eq!(due_soon_window(4), 1);
    assert_eq!(due_soon_window(7), 2);
    assert_eq!(due_soon_window(30), 8);
    assert_eq!(due_soon_window(90), 14);
    assert_eq!(due_soon_window(365), 14);
}

#[test]
fn cadence_status_moves_from_ok_to_past_max() {
    let mut ana = person(1, "Ana");
    ana.cadence = Some(Cadence::new(30, Some(60)));
    let j = journal(vec![ana], vec![meet(1, d(2024, 1, 1), &[1], Initiator::Me)]);
    let check = |today, status, since: i64, until: i64| {
        let due = j.contact_due(&pid(1), today).unwrap();
        assert_eq!(due.status, status, "{today}");
        assert_eq!(due.since, d(2024, 1, 1));
        assert_eq!(due.days_since, since, "{today}");
        assert_eq!(due.days_until_due, Some(until), "{today}");
    };
    check(d(2024, 1, 20), DueStatus::Ok, 19, 11);
    check(d(2024, 1, 23), DueStatus::DueSoon, 22, 8);
    check(d(2024, 1, 31), DueStatus::DueSoon, 30, 0);
    check(d(2024, 2, 1), DueStatus::Overdue, 31, -1);
    // 2024 is a leap year: Jan 1 + 60 days = Mar 1.
    check(d(2024, 3, 1), DueStatus::Overdue, 60, -30);
    check(d(2024, 3, 2), DueStatus::PastMax, 61, -31);
}

#[test]
fn any_contact_resets_the_clock_and_without_contact_it_counts_from_met_or_created() {
    let mut met = person(1, "Met");
    met.cadence = Some(Cadence::new(10, None));
    met.met.date = Some(d(2024, 5, 1));
    let mut created_only = person(2, "Created");
    created_only.cadence = Some(Cadence::new(10, None));
    created_only.created = ts(2024, 5, 3);
    created_only.updated = ts(2024, 5, 3);
    let mut j = journal(vec![met, created_only], vec![]);

    let due = j.contact_due(&pid(1), d(2024, 5, 20)).unwrap();
    assert_eq!(
        (due.since, due.days_since, due.status),
        (d(2024, 5, 1), 19, DueStatus::Overdue)
    );
    let due = j.contact_due(&pid(2), d(2024, 5, 20)).unwrap();
    assert_eq!(
        (due.since, due.days_since, due.status),
        (d(2024, 5, 3), 17, DueStatus::Overdue)
    );

    // A message they initiated still counts as contact.
    j.apply(rapport::model::Action::AddInteraction(meet(
        1,
        d(2024, 5, 18),
        &[1],
        Initiator::Them,
    )))
    .unwrap();
    let due = j.contact_due(&pid(1), d(2024, 5, 20)).unwrap();
    assert_eq!(
        (due.since, due.days_since, due.days_until_due, due.status),
        (d(2024, 5, 18), 2, Some(8), DueStatus::Ok)
    );
}

/// Priya, met in 2015 and added today with a 30-day cadence: her clock starts
/// today, not in 2015.
#[test]
fn the_clock_of_someone_with_nothing_logged_starts_at_the_later_of_added_and_met() {
    let mut priya = person(1, "Priya");
    priya.cadence = Some(Cadence::new(30, Some(60)));
    priya.met.date = Some(d(2015, 3, 1));
    priya.created = ts(2026, 11, 25);
    priya.updated = ts(2026, 11, 25);
    // Met after the record was made (planned, then met): the met day.
    let mut later = person(2, "Later");
    later.cadence = Some(Cadence::new(30, None));
    later.met.date = Some(d(2026, 11, 1));
    later.created = ts(2026, 10, 1);
    later.updated = ts(2026, 10, 1);
    let mut j = journal(vec![priya, later], vec![]);

    let due = j.contact_due(&pid(1), d(2026, 11, 25)).unwrap();
    assert_eq!(
        (due.since, due.days_since, due.days_until_due, due.status),
        (d(2026, 11, 25), 0, Some(30), DueStatus::Ok),
        "added today: not overdue"
    );
    let due = j.contact_due(&pid(1), d(2026, 12, 26)).unwrap();
    assert_eq!((due.days_since, due.status), (31, DueStatus::Overdue));
    let due = j.contact_due(&pid(2), d(2026, 11, 25)).unwrap();
    assert_eq!((due.since, due.days_since), (d(2026, 11, 1), 24));

    // A logged contact, even one from years ago, is what the clock counts from.
    j.apply(rapport::model::Action::AddInteraction(meet(
        1,
        d(2016, 1, 1),
        &[1],
        Initiator::Me,
    )))
    .unwrap();
    let due = j.contact_due(&pid(1), d(2026, 11, 25)).unwrap();
    assert_eq!((due.since, due.status), (d(2016, 1, 1), DueStatus::PastMax));
}

#[test]
fn no_cadence_is_never_overdue_and_future_contacts_clamp_to_zero() {
    let j = journal(
        vec![person(1, "Ana")],
        vec![
            meet(1, d(2010, 1, 1), &[1], Initiator::Me),
            meet(2, d(2030, 1, 1), &[1], Initiator::Me),
        ],
    );
    let due = j.contact_due(&pid(1), d(2024, 1, 1)).unwrap();
    assert_eq!(due.status, DueStatus::Ok);
    assert_eq!(due.days_until_due, None);
    assert_eq!(due.since, d(2030, 1, 1));
    assert_eq!(due.days_since, 0);
}
