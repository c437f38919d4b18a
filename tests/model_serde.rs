//! The stored JSON shape: exact compact form, round trips, and rejection of
//! invalid input.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use rapport::model::demo::{generate, DemoSize};
use rapport::model::*;
use support::*;

fn small() -> Journal {
    let mut zoe = person(1, "Zoë Müller");
    zoe.org = Some("Fjord Labs".into());
    zoe.emails = vec!["zoe@example.com".into()];
    zoe.birthday = Some(Birthday::new(2, 29, None).unwrap());
    zoe.met.place = Some("PyCon".into());
    zoe.met.date = Some(d(2019, 5, 1));
    zoe.tags = vec!["posse".into()];
    zoe.cadence = Some(Cadence::new(30, Some(60)));
    let mut jose = person(2, "José");
    jose.met.introduced_by = Some(pid(1));
    jose.archived = true;
    let mut i = meet(1, d(2024, 3, 31), &[1, 2], Initiator::Them);
    i.time = chrono::NaiveTime::from_hms_opt(9, 30, 0);
    i.kind = InteractionKind::Meal;
    i.purpose = Some("job".parse().unwrap());
    i.note = "Tapas".into();
    i.exchanges.push(
        exchange(1, Direction::Got, 1, ExchangeKind::Loan)
            .with_money_loan(5000, "EUR")
            .with_settlement(Settlement::new(d(2024, 4, 2), Portion::Amount(2000))),
    );
    i.exchanges.push(
        exchange(2, Direction::Gave, 2, ExchangeKind::Introduction)
            .with_ask(Party::Them, Outcome::DeclinedByMe),
    );
    // Zoë said yes two days later and promised a CV review, 40% done so far.
    let mut review = exchange(3, Direction::Got, 1, ExchangeKind::Favour)
        .with_ask(Party::Me, Outcome::Granted)
        .promised()
        .with_settlement(Settlement::new(d(2024, 4, 5), Portion::Percent(40)));
    review.note = "CV review".into();
    if let Some(ask) = review.ask.as_mut() {
        ask.answered = Some(d(2024, 4, 2));
    }
    i.exchanges.push(review);
    i.exchanges.push(
        exchange(4, Direction::Got, 1, ExchangeKind::Advice)
            .with_ask(Party::Me, Outcome::Withdrawn),
    );
    Journal::from_parts(JournalParts {
        people: vec![zoe, jose],
        interactions: vec![i],
        purposes: vec![Purpose::new("job".parse().unwrap(), "Job search")],
        ..JournalParts::default()
    })
    .unwrap()
}

const SMALL_JSON: &str = concat!(
    r#"{"v":1,"people":["#,
    r#"{"id":"p0000000000001","name":"Zoë Müller","org":"Fjord Labs","emails":["zoe@example.com"],"#,
    r#""birthday":"--02-29","met":{"where":"PyCon","date":"2019-05-01"},"tags":["posse"],"#,
    r#""cadence":{"ideal":30,"max":60},"created":1577880000000,"updated":1577880000000},"#,
    r#"{"id":"p0000000000002","name":"José","met":{"via":"p0000000000001"},"archived":true,"#,
    r#""created":1577880000000,"updated":1577880000000}],"#,
    r#""log":[{"id":"i0000000000001","date":"2024-03-31","time":"09:30","#,
    r#""who":["p0000000000001","p0000000000002"],"kind":"meal","by":"them","purpose":"job","note":"Tapas","#,
    r#""ex":[{"id":"x0000000000001","dir":"got","who":"p0000000000001","kind":"loan","#,
    r#""loan":{"amount":5000,"currency":"EUR"},"settled":[{"date":"2024-04-02","amount":2000}]},"#,
    r#"{"id":"x0000000000002","dir":"gave","who":"p0000000000002","kind":"introduction","#,
    r#""ask":{"by":"them","outcome":"declined_by_me"}},"#,
    r#"{"id":"x0000000000003","dir":"got","who":"p0000000000001","kind":"favour","#,
    r#""ask":{"by":"me","outcome":"granted","on":"2024-04-02"},"promised":true,"#,
    r#""settled":[{"date":"2024-04-05","percent":40}],"note":"CV review"},"#,
    r#"{"id":"x0000000000004","dir":"got","who":"p0000000000001","kind":"advice","#,
    r#""ask":{"by":"me","outcome":"withdrawn"}}],"#,
    r#""created":1711886400000,"updated":1711886400000}],"#,
    r#""purposes":[{"id":"job","label":"Job search"}]}"#,
);

#[test]
fn exact_compact_json_shape() {
    assert_eq!(serde_json::to_string(&small()).unwrap(), SMALL_JSON);
}

#[test]
fn literal_json_reads_back_to_the_same_journal() {
    let read: Journal = serde_json::from_str(SMALL_JSON).unwrap();
    assert_eq!(read, small());
    // Caches are rebuilt on load.
    let zoe = read.stats(&pid(1)).unwrap();
    assert_eq!(zoe.owed_by_me.money["EUR"], 3000);
    // Her promise is owed to me; the withdrawn ask owes nothing.
    assert_eq!(zoe.owed_to_me.items, 1);
    assert_eq!(zoe.withdrawn, 1);
    assert_eq!(zoe.got, 1); // the loan; the promise is not done yet
    assert_eq!(read.stats(&pid(2)).unwrap().nos_by_me, 1);
    assert_consistent(&read);
}

#[test]
fn enums_are_short_lowercase_strings() {
    let text = |v: &dyn erased::Ser| v.json();
    assert_eq!(text(&InteractionKind::Video), "\"video\"");
    assert_eq!(text(&InteractionKind::Introduction), "\"introduction\"");
    assert_eq!(text(&Initiator::Mutual), "\"mutual\"");
    assert_eq!(text(&Direction::Gave), "\"gave\"");
    assert_eq!(text(&ExchangeKind::Favour), "\"favour\"");
    assert_eq!(text(&Party::Me), "\"me\"");
    assert_eq!(text(&Outcome::DeclinedByThem), "\"declined_by_them\"");
    assert_eq!(text(&Outcome::Open), "\"open\"");
    assert_eq!(text(&Outcome::Withdrawn), "\"withdrawn\"");
}

/// Tiny helper so the enum test can take different types.
mod erased {
    pub trait Ser {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Ser for T {
        fn json(&self) -> String {
            serde_json::to_string(self).unwrap()
        }
    }
}

#[test]
fn a_minimal_person_and_interaction_leave_out_every_empty_field() {
    let p = person(7, "Ana");
    assert_eq!(
        serde_json::to_string(&p).unwrap(),
        r#"{"id":"p0000000000007","name":"Ana","created":1577880000000,"updated":1577880000000}"#
    );
    let i = meet(3, d(2024, 1, 2), &[7], Initiator::Me);
    assert_eq!(
        serde_json::to_string(&i).unwrap(),
        r#"{"id":"i0000000000003","date":"2024-01-02","who":["p0000000000007"],"kind":"coffee","by":"me","created":1704196800000,"updated":1704196800000}"#
    );
    let item = exchange(1, Direction::Gave, 7, ExchangeKind::Loan)
        .with_item_loan("a tent")
        .with_settlement(Settlement::new(d(2024, 1, 3), Portion::Percent(50)));
    assert_eq!(
        serde_json::to_string(&item).unwrap(),
        r#"{"id":"x0000000000001","dir":"gave","who":"p0000000000007","kind":"loan","loan":{"item":"a tent"},"settled":[{"date":"2024-01-03","percent":50}]}"#
    );
    // An empty journal still writes its purposes: an empty list is meaningful.
    let mut empty = Journal::new();
    empty
        .apply(Action::UpdateSettings(Settings {
            circles: vec!["crew".into()],
            ..Settings::default()
        }))
        .unwrap();
    let json = serde_json::to_string(&empty).unwrap();
    assert!(
        json.starts_with(r#"{"v":1,"purposes":[{"id":"touch","label":"Staying in touch"},"#),
        "{json}"
    );
    assert!(
        json.ends_with(r#"{"id":"help","label":"Helping them"}],"settings":{"circles":["crew"]}}"#),
        "{json}"
    );
    assert_eq!(serde_json::from_str::<Journal>(&json).unwrap(), empty);
}

/// Journals stored before the usual circle became a list still load: the
/// single tag becomes a list of one, and is written back as the list.
#[test]
fn a_stored_single_circle_tag_loads_as_a_list() {
    let old = r#"{"v":1,"purposes":[],"settings":{"circle":" crew ","nudges":{"streak":4}}}"#;
    let j: Journal = serde_json::from_str(old).unwrap();
    assert_eq!(j.settings().circles, ["crew"]);
    assert_eq!(j.settings().nudges.streak, 4);
    let json = serde_json::to_string(&j).unwrap();
    assert!(
        json.ends_with(
            r#""settings":{"circles":["crew"],"nudges":{"streak":4,"window":5,"asks":3}}}"#
        ),
        "{json}"
    );
    assert_eq!(serde_json::from_str::<Journal>(&json).unwrap(), j);
    // The list wins when a file somehow has both.
    let both: Journal =
        serde_json::from_str(r#"{"v":1,"settings":{"circle":"crew","circles":["a","b"]}}"#)
            .unwrap();
    assert_eq!(both.settings().circles, ["a", "b"]);
    // A blank tag is refused, as when typed.
    assert!(serde_json::from_str::<Journal>(r#"{"v":1,"settings":{"circle":" "}}"#).is_err());
}

#[test]
fn times_with_seconds_round_trip() {
    let mut i = meet(3, d(2024, 1, 2), &[7], Initiator::Me);
    i.time = chrono::NaiveTime::from_hms_opt(18, 5, 9);
    let json = serde_json::to_string(&i).unwrap();
    assert!(json.contains(r#""time":"18:05:09""#), "{json}");
    assert_eq!(serde_json::from_str::<Interaction>(&json).unwrap(), i);
    let bad = json.replace("18:05:09", "6pm");
    assert!(serde_json::from_str::<Interaction>(&bad).is_err());
}

#[test]
fn demo_journal_round_trips() {
    let journal = generate(11, DemoSize::Small, d(2024, 6, 30)).unwrap();
    let json = serde_json::to_string(&journal).unwrap();
    let back: Journal = serde_json::from_str(&json).unwrap();
    assert_eq!(back, journal);
    assert_eq!(serde_json::to_string(&back).unwrap(), json);
    // JournalParts reads the same text.
    let parts: JournalParts = serde_json::from_str(&json).unwrap();
    assert_eq!(parts.people.len(), 200);
    assert_eq!(parts.interactions.len(), 2000);
    assert_eq!(Journal::from_parts(parts).unwrap(), journal);
}

#[test]
fn sub_millisecond_timestamps_are_normalised_so_they_round_trip() {
    let mut p = person(1, "Ana");
    p.created += chrono::Duration::nanoseconds(1_234_567);
    p.updated = p.created;
    let mut j = Journal::new();
    j.apply(Action::AddPerson(p)).unwrap();
    assert_eq!(
        j.person(&pid(1)).unwrap().created,
        ts(2020, 1, 1) + chrono::Duration::milliseconds(1)
    );
    let back: Journal = serde_json::from_str(&serde_json::to_string(&j).unwrap()).unwrap();
    assert_eq!(back, j);
}

#[test]
fn loading_rejects_invalid_data_with_a_readable_message() {
    let dangling = SMALL_JSON.replace(r#""who":"p0000000000002""#, r#""who":"p0000000000009""#);
    let error = serde_json::from_str::<Journal>(&dangling)
        .unwrap_err()
        .to_string();
    // Someone who is in no record at all is named as such, before the
    // narrower "not part of the interaction".
    assert!(
        error.contains("there is no person with id p0000000000009"),
        "{error}"
    );

    let unknown_via = SMALL_JSON.replace(r#""via":"p0000000000001""#, r#""via":"p0000000000042""#);
    let error = serde_json::from_str::<Journal>(&unknown_via)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("there is no person with id p0000000000042"),
        "{error}"
    );

    let duplicate = SMALL_JSON.replace(r#""id":"p0000000000002""#, r#""id":"p0000000000001""#);
    let error = serde_json::from_str::<Journal>(&duplicate)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("a person with id p0000000000001 already exists"),
        "{error}"
    );

    let version = SMALL_JSON.replace(r#"{"v":1,"#, r#"{"v":2,"#);
    let error = serde_json::from_str::<Journal>(&version)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("journal format version 2 is not supported"),
        "{error}"
    );

    let bad_id = SMALL_JSON.replace(r#""id":"p0000000000002""#, r#""id":"p 2""#);
    assert!(serde_json::from_str::<Journal>(&bad_id).is_err());

    let bad_birthday = SMALL_JSON.replace("--02-29", "--02-30");
    assert!(serde_json::from_str::<Journal>(&bad_birthday).is_err());

    let both_units = SMALL_JSON.replace(r#""amount":2000}"#, r#""amount":2000,"percent":5}"#);
    assert!(serde_json::from_str::<Journal>(&both_units).is_err());

    let over = SMALL_JSON.replace(r#""amount":2000}"#, r#""amount":9000}"#);
    let error = serde_json::from_str::<Journal>(&over)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("cannot settle 90.00 EUR, only 50.00 EUR is outstanding"),
        "{error}"
    );

    let early_answer = SMALL_JSON.replace(r#""on":"2024-04-02""#, r#""on":"2024-03-30""#);
    let error = serde_json::from_str::<Journal>(&early_answer)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("an answer on 2024-03-30 cannot come before the ask on 2024-03-31"),
        "{error}"
    );

    let promise_after_no = SMALL_JSON.replace(
        r#""outcome":"granted","on""#,
        r#""outcome":"declined_by_them","on""#,
    );
    let error = serde_json::from_str::<Journal>(&promise_after_no)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("is marked promised, but its ask was not said yes to"),
        "{error}"
    );

    let open_with_answer = SMALL_JSON.replace(
        r#""outcome":"withdrawn"}"#,
        r#""outcome":"open","on":"2024-04-01"}"#,
    );
    let error = serde_json::from_str::<Journal>(&open_with_answer)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("is still waiting for an answer, so it cannot have an answer date"),
        "{error}"
    );
}

/// Journals written before asks had answers settled open asks in parts. Such
/// an ask had been said yes to and was under way, so it loads as a granted
/// promise (a loan: as a loan made), and what was settled still counts.
#[test]
fn an_open_ask_settled_in_parts_loads_as_a_yes() {
    let old = concat!(
        r#"{"v":1,"people":[{"id":"p1","name":"Ana","created":0,"updated":0}],"#,
        r#""log":[{"id":"i1","date":"2024-03-01","who":["p1"],"kind":"call","by":"them","#,
        r#""ex":[{"id":"x1","dir":"gave","who":"p1","kind":"favour","#,
        r#""ask":{"by":"them","outcome":"open"},"settled":[{"date":"2024-03-02","percent":30}]},"#,
        r#"{"id":"x2","dir":"got","who":"p1","kind":"loan","loan":{"amount":1000,"currency":"EUR"},"#,
        r#""ask":{"by":"me","outcome":"open"},"settled":[{"date":"2024-03-03","amount":400}]},"#,
        r#"{"id":"x3","dir":"gave","who":"p1","kind":"advice","#,
        r#""ask":{"by":"them","outcome":"open"}}],"#,
        r#""created":0,"updated":0}],"purposes":[]}"#,
    );
    let j: Journal = serde_json::from_str(old).unwrap();
    let entry = j.interaction(&"i1".parse().unwrap()).unwrap();
    let favour = &entry.exchanges[0];
    assert_eq!(favour.ask.map(|a| a.outcome), Some(Outcome::Granted));
    assert!(favour.promised);
    assert_eq!(
        favour.obligation().map(|o| (o.debtor, o.outstanding)),
        Some((Party::Me, Outstanding::Percent(70)))
    );
    let loan = &entry.exchanges[1];
    assert_eq!(loan.ask.map(|a| a.outcome), Some(Outcome::Granted));
    assert!(!loan.promised);
    // An open ask with nothing settled is left waiting.
    assert_eq!(
        entry.exchanges[2].ask.map(|a| a.outcome),
        Some(Outcome::Open)
    );
    let ana = j.stats(&"p1".parse().unwrap()).unwrap();
    assert_eq!(ana.owed_by_me.items, 2);
    assert_eq!(ana.owed_by_me.money["EUR"], 600);
    assert_eq!(ana.waiting_on_me, 1);
    // Written back in the new shape, it reads the same.
    let json = serde_json::to_string(&j).unwrap();
    assert!(
        json.contains(r#""ask":{"by":"them","outcome":"granted"},"promised":true"#),
        "{json}"
    );
    assert_eq!(serde_json::from_str::<Journal>(&json).unwrap(), j);
}

#[test]
fn missing_optional_fields_take_defaults() {
    let json =
        r#"{"v":1,"people":[{"id":"p1","name":"Ana","created":0,"updated":0}],"purposes":[]}"#;
    let j: Journal = serde_json::from_str(json).unwrap();
    let ana = j.person(&"p1".parse().unwrap()).unwrap();
    assert_eq!(ana.tags, Vec::<String>::new());
    assert!(!ana.archived);
    assert!(ana.met.is_unknown());
    assert_eq!(j.settings(), &Settings::default());
    assert_eq!(j.purposes(), &[]);
    assert_eq!(j.interaction_count(), 0);

    // Without a "purposes" field the default list applies.
    let j: Journal = serde_json::from_str(r#"{"v":1}"#).unwrap();
    assert_eq!(j.purposes().len(), 6);
    assert_eq!(j.purposes()[0].label, "Staying in touch");
    // The version is required.
    assert!(serde_json::from_str::<Journal>(r#"{"purposes":[]}"#).is_err());
}
