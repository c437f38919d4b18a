//! Small builders shared by the `tests/model_*.rs` files.
#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rapport::model::{
    Action, Direction, Exchange, ExchangeId, ExchangeKind, Initiator, Interaction, InteractionId,
    InteractionKind, Journal, Person, PersonId,
};

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Noon UTC on a day.
pub fn ts(y: i32, m: u32, day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, day, 12, 0, 0).unwrap()
}

pub fn pid(n: u64) -> PersonId {
    PersonId::new(n)
}

pub fn iid(n: u64) -> InteractionId {
    InteractionId::new(n)
}

pub fn xid(n: u64) -> ExchangeId {
    ExchangeId::new(n)
}

/// A person created on 2020-01-01.
pub fn person(n: u64, name: &str) -> Person {
    Person::new(pid(n), name, ts(2020, 1, 1))
}

/// A coffee on `date` with the given people, created at noon that day.
pub fn meet(n: u64, date: NaiveDate, people: &[u64], by: Initiator) -> Interaction {
    Interaction::new(
        iid(n),
        date,
        people.iter().map(|&p| pid(p)).collect(),
        InteractionKind::Coffee,
        by,
        date.and_hms_opt(12, 0, 0).unwrap().and_utc(),
    )
}

pub fn exchange(n: u64, direction: Direction, person: u64, kind: ExchangeKind) -> Exchange {
    Exchange::new(xid(n), direction, pid(person), kind)
}

/// Builds a journal through the reducer (so the incremental caches are exercised).
pub fn journal(people: Vec<Person>, interactions: Vec<Interaction>) -> Journal {
    let mut j = Journal::new();
    for p in people {
        j.apply(Action::AddPerson(p)).unwrap();
    }
    for i in interactions {
        j.apply(Action::AddInteraction(i)).unwrap();
    }
    j
}

/// Asserts the incremental stats cache matches a full recompute and no id dangles.
pub fn assert_consistent(j: &Journal) {
    let fresh = rapport::model::stats::compute_all(j.people().map(|p| &p.id), j.interactions());
    assert_eq!(j.all_stats(), &fresh);
    j.check_integrity().unwrap();
}
