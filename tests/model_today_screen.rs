//! The Today screen's numbers on a hand-made journal (today = Wed 2026-03-04).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use rapport::model::demo::{generate, DemoSize};
use rapport::model::network::{streak, weekly_streak, NetworkFilter, Streak};
use rapport::model::today::*;
use rapport::model::{
    Action, Birthday, Cadence, Direction::*, ExchangeKind::*, Initiator, Journal, ObligationKind,
    Outcome::*, Party, Person, Portion, Settlement,
};
use support::*;

fn today() -> chrono::NaiveDate {
    d(2026, 3, 4)
}

fn with_cadence(mut p: Person, ideal: u32, max: Option<u32>) -> Person {
    p.cadence = Some(Cadence::new(ideal, max));
    p
}

fn names(j: &Journal, ids: impl IntoIterator<Item = rapport::model::PersonId>) -> Vec<String> {
    ids.into_iter()
        .map(|id| j.person(&id).unwrap().name.clone())
        .collect()
}

/// Ana (1), Ben (2), Cai (3), Dee (4), Eve (5, snoozed), Fay (6, archived),
/// Gus (7, never contacted), Hal (8, snooze ended today).
fn sample() -> Journal {
    let mut ana = with_cadence(person(1, "Ana"), 14, Some(30));
    ana.birthday = Some(Birthday::new(3, 4, None).unwrap());
    let mut ben = with_cadence(person(2, "Ben"), 30, None);
    ben.birthday = Some(Birthday::new(3, 11, Some(1990)).unwrap());
    let mut cai = with_cadence(person(3, "Cai"), 30, None);
    cai.birthday = Some(Birthday::new(3, 12, Some(1985)).unwrap());
    let mut dee = with_cadence(person(4, "Dee"), 30, None);
    dee.birthday = Some(Birthday::new(3, 3, None).unwrap());
    let mut eve = with_cadence(person(5, "Eve"), 7, None);
    eve.snoozed_until = Some(d(2026, 3, 8));
    let mut fay = with_cadence(person(6, "Fay"), 7, None);
    fay.archived = true;
    fay.birthday = Some(Birthday::new(3, 5, None).unwrap());
    let mut gus = with_cadence(person(7, "Gus"), 60, None);
    gus.met.date = Some(d(2025, 12, 1));
    let mut hal = with_cadence(person(8, "Hal"), 14, None);
    hal.snoozed_until = Some(d(2026, 3, 4));

    let mut i1 = meet(1, d(2026, 1, 20), &[1], Initiator::Them);
    // Ana asked; I said yes and promised it, not done yet: I owe it.
    let mut favour = exchange(1, Gave, 1, Favour)
        .with_ask(Party::Them, Granted)
        .promised();
    favour.note = "review her talk".into();
    i1.exchanges.push(favour);
    let i2 = meet(2, d(2026, 1, 5), &[2], Initiator::Me);
    let i3 = meet(3, d(2026, 1, 15), &[2], Initiator::Me);
    let mut i4 = meet(4, d(2026, 2, 1), &[2], Initiator::Me);
    i4.exchanges.push(
        exchange(1, Got, 2, Loan)
            .with_money_loan(5000, "EUR")
            .with_ask(Party::Me, Granted)
            .with_settlement(Settlement::new(d(2026, 2, 15), Portion::Amount(2000))),
    );
    let mut i5 = meet(5, d(2026, 2, 8), &[3], Initiator::Them);
    i5.exchanges
        .push(exchange(1, Gave, 3, Loan).with_item_loan("a ladder"));
    let mut i6 = meet(6, d(2025, 11, 10), &[3], Initiator::Them);
    i6.exchanges
        .push(exchange(1, Gave, 3, Advice).with_ask(Party::Them, DeclinedByMe));
    i6.exchanges
        .push(exchange(2, Got, 3, Introduction).with_ask(Party::Me, Open));
    let mut i7 = meet(7, d(2025, 11, 12), &[3], Initiator::Them);
    for n in 1..=3 {
        i7.exchanges
            .push(exchange(n, Gave, 3, Advice).with_ask(Party::Them, Granted));
    }
    let mut i8 = meet(8, d(2026, 3, 1), &[4], Initiator::Them);
    for n in 1..=3 {
        i8.exchanges
            .push(exchange(n, Gave, 4, Favour).with_ask(Party::Them, Granted));
    }
    let mut i9 = meet(9, d(2026, 2, 20), &[4], Initiator::Me);
    i9.exchanges.push(
        exchange(1, Got, 4, Loan)
            .with_money_loan(2000, "GBP")
            .with_settlement(Settlement::new(d(2026, 2, 25), Portion::Amount(2000))),
    );
    let mut i10 = meet(10, d(2026, 2, 1), &[5], Initiator::Me);
    i10.exchanges
        .push(exchange(1, Got, 5, Advice).with_ask(Party::Me, Granted));
    let mut i11 = meet(11, d(2026, 1, 10), &[5], Initiator::Me);
    i11.exchanges
        .push(exchange(1, Got, 5, Favour).with_ask(Party::Me, Granted));
    let mut i12 = meet(12, d(2025, 12, 10), &[5], Initiator::Me);
    i12.exchanges
        .push(exchange(1, Got, 5, Referral).with_ask(Party::Me, Open));
    let mut i13 = meet(13, d(2026, 2, 10), &[8], Initiator::Them);
    for n in 1..=5 {
        i13.exchanges
            .push(exchange(n, Gave, 8, Advice).with_ask(Party::Them, Granted));
    }
    let mut i14 = meet(14, d(2026, 2, 2), &[6], Initiator::Them);
    i14.exchanges
        .push(exchange(1, Gave, 6, Favour).with_ask(Party::Them, Open));
    journal(
        vec![ana, ben, cai, dee, eve, fay, gus, hal],
        vec![i1, i2, i3, i4, i5, i6, i7, i8, i9, i10, i11, i12, i13, i14],
    )
}

#[test]
fn reconnect_lists_the_most_overdue_first_and_leaves_out_snoozed_and_archived_people() {
    let j = sample();
    let due = due_contacts(&j, today());
    let rows: Vec<(String, String, Option<i64>)> = due
        .iter()
        .map(|d| {
            (
                j.person(&d.person).unwrap().name.clone(),
                format!("{:?}", d.due.status),
                d.due.days_until_due,
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("Ana".to_string(), "PastMax".to_string(), Some(-29)),
            ("Gus".to_string(), "Overdue".to_string(), Some(-33)),
            ("Hal".to_string(), "Overdue".to_string(), Some(-8)),
            ("Ben".to_string(), "Overdue".to_string(), Some(-1)),
            ("Cai".to_string(), "DueSoon".to_string(), Some(6)),
        ]
    );
    // Ana's clock counts from her last contact, Gus's from the day you met.
    assert_eq!(due[0].due.since, d(2026, 1, 20));
    assert_eq!(due[0].due.days_since, 43);
    assert_eq!(due[1].due.since, d(2025, 12, 1));
    assert_eq!(due[1].due.days_since, 93);

    // Eve comes back on the day her snooze ends.
    let back = due_contacts(&j, d(2026, 3, 8));
    assert!(names(&j, back.into_iter().map(|d| d.person)).contains(&"Eve".to_string()));
    assert_eq!(overview(&j, today()).snoozed, 1);
    assert_eq!(overview(&j, d(2026, 3, 8)).snoozed, 0);
}

#[test]
fn snoozing_is_an_edit_that_survives_a_reload() {
    let mut j = sample();
    let mut ben = j.person(&pid(2)).unwrap().clone();
    assert_eq!(snooze_until(today()), d(2026, 3, 11));
    ben.snoozed_until = Some(snooze_until(today()));
    j.apply(Action::EditPerson(ben)).unwrap();
    let due = names(&j, due_contacts(&j, today()).into_iter().map(|d| d.person));
    assert_eq!(due, vec!["Ana", "Gus", "Hal", "Cai"]);
    assert_eq!(overview(&j, today()).snoozed, 2);

    // The snooze is stored in the JSON as "snooze" and read back.
    let json = serde_json::to_string(&j.to_parts()).unwrap();
    assert!(json.contains(r#""snooze":"2026-03-11""#), "{json}");
    assert!(!json.contains(r#""name":"Gus","snooze""#));
    let reloaded = Journal::from_parts(serde_json::from_str(&json).unwrap()).unwrap();
    assert_eq!(reloaded, j);
    assert_eq!(
        reloaded.person(&pid(2)).unwrap().snoozed_until,
        Some(d(2026, 3, 11))
    );
    // A person without a snooze has no "snooze" key at all.
    let gus = serde_json::to_value(j.person(&pid(7)).unwrap()).unwrap();
    assert!(gus.get("snooze").is_none());
}

#[test]
fn you_owe_lists_promises_and_unpaid_loans_with_what_and_since_when() {
    let j = sample();
    let owed = owed(&j);
    let by_me: Vec<(String, chrono::NaiveDate, String)> = owed
        .by_me
        .iter()
        .map(|o| {
            (
                j.person(&o.person).unwrap().name.clone(),
                o.since,
                o.summary(),
            )
        })
        .collect();
    assert_eq!(
        by_me,
        vec![
            (
                "Ana".to_string(),
                d(2026, 1, 20),
                "Promised: review her talk".to_string()
            ),
            (
                "Ben".to_string(),
                d(2026, 2, 1),
                "Loan: 50.00 EUR (30.00 EUR left)".to_string()
            ),
        ]
    );
    assert_eq!(owed.by_me[0].kind, ObligationKind::Delivery);
    assert_eq!(owed.by_me[1].kind, ObligationKind::Repayment);
    assert!(owed.by_me[1].partly_settled);
    assert_eq!(owed.by_me[0].interaction, iid(1));
    assert_eq!(owed.by_me[0].exchange, xid(1));
    // They owe: Cai still has the ladder. Dee's loan is paid back; Fay is archived;
    // open asks you made (Cai, Eve) wait for an answer and are owed by nobody.
    let lent: Vec<(String, String)> = owed
        .to_me
        .iter()
        .map(|o| (j.person(&o.person).unwrap().name.clone(), o.summary()))
        .collect();
    assert_eq!(
        lent,
        vec![("Cai".to_string(), "Loan: a ladder".to_string())]
    );
    assert_eq!(owed.to_me[0].debtor, Party::Them);
    assert_eq!(owed.to_me[0].since, d(2026, 2, 8));
    // Those open asks are "waiting on them", each in words with what was asked.
    let waiting = waiting(&j);
    let on_them: Vec<String> = waiting
        .on_them
        .iter()
        .map(|a| a.sentence(&j.person(&a.person).unwrap().name))
        .collect();
    assert_eq!(
        on_them,
        vec![
            "You asked Cai for an introduction: waiting for an answer.".to_string(),
            "You asked Eve for a referral: waiting for an answer.".to_string(),
        ]
    );
    assert!(waiting.on_me.is_empty());
}

#[test]
fn owed_item_summaries() {
    let base = OwedItem {
        person: pid(1),
        interaction: iid(1),
        exchange: xid(1),
        since: d(2026, 1, 1),
        debtor: Party::Me,
        kind: ObligationKind::Repayment,
        what: "12.50 GBP".into(),
        outstanding: rapport::model::Outstanding::Money {
            amount: 1250,
            currency: "GBP".into(),
        },
        partly_settled: false,
    };
    assert_eq!(base.summary(), "Loan: 12.50 GBP");
    let rent = OwedItem {
        what: "rent".into(),
        ..base.clone()
    };
    assert_eq!(rent.summary(), "Loan: rent (12.50 GBP left)");
    let talk = OwedItem {
        kind: ObligationKind::Delivery,
        what: "a talk".into(),
        outstanding: rapport::model::Outstanding::Percent(60),
        partly_settled: true,
        ..base.clone()
    };
    assert_eq!(talk.summary(), "Promised: a talk (60% left)");
    let whole = OwedItem {
        outstanding: rapport::model::Outstanding::Percent(100),
        partly_settled: false,
        ..talk
    };
    assert_eq!(whole.summary(), "Promised: a talk");
}

#[test]
fn birthdays_in_the_next_seven_days_include_those_without_a_year() {
    let j = sample();
    let list = overview(&j, today()).birthdays;
    let rows: Vec<(String, chrono::NaiveDate, i64, Option<u32>)> = list
        .iter()
        .map(|b| {
            (
                j.person(&b.person).unwrap().name.clone(),
                b.date,
                b.in_days,
                b.turning,
            )
        })
        .collect();
    // Dee's was yesterday, Cai's is in 8 days, Fay is archived.
    assert_eq!(
        rows,
        vec![
            ("Ana".to_string(), d(2026, 3, 4), 0, None),
            ("Ben".to_string(), d(2026, 3, 11), 7, Some(36)),
        ]
    );
}

#[test]
fn say_no_and_one_sided_nudges() {
    let j = sample();
    let nudges = today_nudges(&j, today());
    let say_no: Vec<(String, String)> = nudges
        .say_no
        .iter()
        .map(|n| (j.person(&n.person).unwrap().name.clone(), n.nudge.message()))
        .collect();
    assert_eq!(
        say_no,
        vec![
            (
                "Hal".to_string(),
                "They have asked 5 times and you have never said no. It's okay to say no."
                    .to_string()
            ),
            (
                "Dee".to_string(),
                "They have asked 3 times and you have never said no. It's okay to say no."
                    .to_string()
            ),
        ]
    );
    let one_sided: Vec<(String, Vec<&str>)> = nudges
        .one_sided
        .iter()
        .map(|n| {
            (
                j.person(&n.person).unwrap().name.clone(),
                n.nudges.iter().map(|n| n.key()).collect(),
            )
        })
        .collect();
    // Eve is snoozed, which only hides her from Reconnect; she has both rules.
    assert_eq!(
        one_sided,
        vec![
            ("Ben".to_string(), vec!["two_way_street"]),
            (
                "Eve".to_string(),
                vec!["two_way_street", "only_when_you_need_something"]
            ),
        ]
    );
    // Today's lists use short lines under headings that explain the rule.
    let short: Vec<String> = nudges
        .say_no
        .iter()
        .map(|n| &n.nudge)
        .chain(nudges.one_sided.iter().flat_map(|n| &n.nudges))
        .map(short_message)
        .collect();
    assert_eq!(
        short,
        vec![
            "Asked 5 times; you never said no.",
            "Asked 3 times; you never said no.",
            "You made the last 3 contacts.",
            "You made the last 3 contacts.",
            "3 of your last 3 contacts came with an ask.",
        ]
    );
    assert_eq!(
        short_message(&rapport::model::Nudge::PastMaxGap {
            days_since: 40,
            max_days: 30
        }),
        "It's been 40 days since you were in touch, past your maximum of 30 days."
    );
    // With the threshold set to one ask, the line still reads as English.
    assert_eq!(
        short_message(&rapport::model::Nudge::OkayToSayNo { their_asks: 1 }),
        "Asked once; you never said no."
    );
    assert_eq!(
        nudges.one_sided[1].nudges[1].message(),
        "3 of your last 3 contacts carried an ask from you. Reach out sometimes just to connect."
    );
}

#[test]
fn the_streak_line_reads_well_for_zero_one_and_many_weeks() {
    let j = sample();
    // Weeks of Feb 23 (Dee), Feb 16 (Dee's loan, no ask), Feb 9 (Hal) and Feb 2
    // (Cai; Fay counts too, archived or not); nothing yet this week.
    let s = overview(&j, today()).streak;
    assert_eq!(
        s,
        Streak {
            weeks: 4,
            this_week: false
        }
    );
    assert_eq!(
        s.message(),
        "4 weeks of networking without needing anything. Reach out this week to keep it going."
    );
    assert_eq!(weekly_streak(&j, today(), &NetworkFilter::all()), 4);

    // A coffee this week with no ask keeps it going.
    let mut j2 = j.clone();
    j2.apply(Action::AddInteraction(meet(
        20,
        d(2026, 3, 3),
        &[7],
        Initiator::Me,
    )))
    .unwrap();
    let s = streak(&j2, today(), &NetworkFilter::all());
    assert_eq!(
        s,
        Streak {
            weeks: 5,
            this_week: true
        }
    );
    assert_eq!(
        s.message(),
        "5 weeks of networking without needing anything. Keep it up."
    );
    // Gus is no longer due after that coffee.
    assert!(!names(
        &j2,
        due_contacts(&j2, today()).into_iter().map(|d| d.person)
    )
    .contains(&"Gus".to_string()));

    // A coffee that carried an ask from you does not count.
    let mut j3 = j.clone();
    let mut asking = meet(21, d(2026, 3, 3), &[7], Initiator::Me);
    asking
        .exchanges
        .push(exchange(1, Got, 7, Referral).with_ask(Party::Me, Granted));
    j3.apply(Action::AddInteraction(asking)).unwrap();
    assert_eq!(streak(&j3, today(), &NetworkFilter::all()).weeks, 4);

    // Two weeks later the streak is gone.
    let s = streak(&j, d(2026, 3, 16), &NetworkFilter::all());
    assert_eq!(
        s,
        Streak {
            weeks: 0,
            this_week: false
        }
    );
    assert_eq!(
        s.message(),
        "No streak yet. Reach out to someone this week just to say hello."
    );

    let one_now = Streak {
        weeks: 1,
        this_week: true,
    };
    assert_eq!(
        one_now.message(),
        "1 week of networking without needing anything. A good start."
    );
    let one_before = Streak {
        weeks: 1,
        this_week: false,
    };
    assert_eq!(
        one_before.message(),
        "1 week of networking without needing anything. Reach out this week to keep it going."
    );
    assert_eq!(
        streak(&Journal::new(), today(), &NetworkFilter::all()).message(),
        "No streak yet. Reach out to someone this week just to say hello."
    );
}

#[test]
fn an_empty_journal_has_an_empty_today() {
    let o = overview(&Journal::new(), today());
    assert!(o.reconnect.is_empty());
    assert_eq!(o.snoozed, 0);
    assert!(o.owed.by_me.is_empty() && o.owed.to_me.is_empty());
    assert!(o.birthdays.is_empty());
    assert!(o.nudges.say_no.is_empty() && o.nudges.one_sided.is_empty());
    assert_eq!(o.streak, Streak::default());
}

/// The shortcuts (reading only people whose counters can match) give exactly
/// what the plain rules give, on a realistic journal.
#[test]
fn shortcuts_agree_with_the_plain_rules_on_the_demo_journal() {
    let j = generate(2026, DemoSize::Small, today()).unwrap();
    let nudges = today_nudges(&j, today());
    let all = all_nudges(&j, today());
    let mut say_no: Vec<_> = all
        .iter()
        .filter(|n| n.nudge.key() == "okay_to_say_no")
        .cloned()
        .collect();
    let mut one_sided: Vec<_> = all
        .iter()
        .filter(|n| rapport::model::query::is_one_sided(&n.nudge))
        .cloned()
        .collect();
    let mut got_say_no = nudges.say_no.clone();
    let mut got_one_sided: Vec<PersonNudge> = nudges
        .one_sided
        .iter()
        .flat_map(|n| {
            n.nudges.iter().map(|nudge| PersonNudge {
                person: n.person.clone(),
                nudge: nudge.clone(),
            })
        })
        .collect();
    for list in [
        &mut say_no,
        &mut one_sided,
        &mut got_say_no,
        &mut got_one_sided,
    ] {
        list.sort_by_key(|n| (n.person.clone(), n.nudge.key()));
    }
    assert_eq!(got_say_no, say_no);
    assert_eq!(got_one_sided, one_sided);
    assert!(!say_no.is_empty() && !one_sided.is_empty());

    // Owed items match the person pages' open items.
    let owed = owed(&j);
    let mut expected_by_me = 0;
    let mut expected_to_me = 0;
    for person in j.people().filter(|p| !p.archived) {
        for item in j.open_items(&person.id) {
            match item.obligation.debtor {
                Party::Me => expected_by_me += 1,
                Party::Them => expected_to_me += 1,
            }
        }
    }
    assert_eq!(owed.by_me.len(), expected_by_me);
    assert_eq!(owed.to_me.len(), expected_to_me);
    assert!(owed.by_me.windows(2).all(|w| w[0].since <= w[1].since));
}

/// The numbers the end-to-end test reads on the Today screen with the demo
/// journal (seed 2026, small, today = 2026-03-04).
#[test]
fn demo_journal_today_numbers() {
    let j = generate(2026, DemoSize::Small, today()).unwrap();
    let o = overview(&j, today());
    let first_due = j.person(&o.reconnect[0].person).unwrap().name.clone();
    // Open asks wait (on you, on them) and are owed by nobody; only recent
    // asks are still open. What is owed is promises and loans.
    let summary = (
        o.reconnect.len(),
        (o.waiting.on_me.len(), o.waiting.on_them.len()),
        o.owed.by_me.len(),
        o.owed.to_me.len(),
        o.birthdays.len(),
        o.nudges.say_no.len(),
        o.nudges.one_sided.len(),
        o.streak,
        first_due,
    );
    assert_eq!(
        summary,
        (
            26,
            (4, 8),
            46,
            58,
            2,
            15,
            19,
            Streak {
                weeks: 156,
                this_week: true
            },
            "Kateřina Horváth".to_string()
        )
    );
    assert_eq!(
        o.streak.message(),
        "156 weeks of networking without needing anything. Keep it up."
    );
}
