//! The calendar export (RFC 5545): birthdays every year, keep-in-touch due
//! dates within the horizon, escaped text, folded lines, CRLF.
#![cfg(not(target_arch = "wasm32"))]

use chrono::{DateTime, NaiveDate, Utc};
use rapport::backup::*;
use rapport::model::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn today() -> NaiveDate {
    d(2026, 11, 25)
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-25T09:30:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn journal() -> Journal {
    let created = DateTime::from_timestamp(1_600_000_000, 0).unwrap();
    let person = |id: &str, name: &str| Person::new(id.parse().unwrap(), name, created);
    let mut ana = person(
        "pana",
        "Ana María de la Santísima Trinidad Fernández-Villaverde y Montenegro",
    );
    ana.birthday = Birthday::new(7, 4, Some(1990)).ok();
    let mut ben = person("pben", "Ben");
    ben.birthday = Birthday::new(2, 29, None).ok();
    let mut cid = person("pcid", "Cid");
    cid.birthday = Birthday::new(12, 1, None).ok();
    cid.archived = true;
    let mut dot = person("pdot", "Dot; \"Dotty\", Jr.");
    dot.cadence = Some(Cadence::new(30, None));
    let mut eve = person("peve", "Eve");
    eve.cadence = Some(Cadence::new(14, Some(28)));
    let mut fay = person("pfay", "Fay");
    fay.cadence = Some(Cadence::new(90, None));
    fay.met.date = Some(d(2026, 11, 15));
    let meet = |id: &str, who: &Person, date: NaiveDate| {
        Interaction::new(
            id.parse().unwrap(),
            date,
            vec![who.id.clone()],
            InteractionKind::Call,
            Initiator::Me,
            created,
        )
    };
    let log = vec![
        meet("i1", &dot, d(2026, 10, 16)),
        meet("i2", &eve, d(2026, 11, 15)),
    ];
    Journal::from_parts(JournalParts {
        people: vec![ana, ben, cid, dot, eve, fay],
        interactions: log,
        ..JournalParts::default()
    })
    .unwrap()
}

#[test]
fn calendar_of_due_dates_and_birthdays() {
    let text = export_calendar(&journal(), today(), 60, now());
    let expected = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Rapport//Rapport 0.1.0//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:Rapport",
        "BEGIN:VEVENT",
        "UID:pdot-due@rapport",
        "DTSTAMP:20261125T093000Z",
        "DTSTART;VALUE=DATE:20261125",
        "SUMMARY:Overdue: get in touch with Dot\\; \"Dotty\"\\, Jr.",
        "DESCRIPTION:Counting from 2026-10-16 (every 30 days).",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:peve-due@rapport",
        "DTSTAMP:20261125T093000Z",
        "DTSTART;VALUE=DATE:20261129",
        "SUMMARY:Get in touch with Eve",
        "DESCRIPTION:Counting from 2026-11-15 (every 14 days\\, at most 28).",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:pben-birthday@rapport",
        "DTSTAMP:20261125T093000Z",
        "DTSTART;VALUE=DATE:20270228",
        "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1",
        "SUMMARY:Ben's birthday",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:pana-birthday@rapport",
        "DTSTAMP:20261125T093000Z",
        "DTSTART;VALUE=DATE:20270704",
        "RRULE:FREQ=YEARLY",
        "SUMMARY:Ana María de la Santísima Trinidad Fernández-Villaverde y Monten",
        " egro's birthday",
        "DESCRIPTION:Born in 1990.",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
    .join("\r\n");
    assert_eq!(text, expected);
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{line:?}");
    }
}

#[test]
fn a_shorter_horizon_leaves_later_due_dates_out_but_keeps_birthdays() {
    let text = export_calendar(&journal(), today(), 0, now());
    assert!(text.contains("UID:pdot-due@rapport"));
    assert!(!text.contains("UID:peve-due@rapport"));
    assert!(!text.contains("UID:pfay-due@rapport"));
    assert!(!text.contains("pcid"), "archived people are left out");
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 3);
    let long = export_calendar(&journal(), today(), 365, now());
    assert!(long.contains(
        "UID:pfay-due@rapport\r\nDTSTAMP:20261125T093000Z\r\nDTSTART;VALUE=DATE:20270213\r\n"
    ));
    assert_eq!(
        calendar_file_name(today()),
        "rapport-calendar-2026-11-25.ics"
    );
}
