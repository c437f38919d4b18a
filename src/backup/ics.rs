//! A calendar (RFC 5545) of keep-in-touch due dates and birthdays, to
//! subscribe to or import into any calendar app.
//!
//! * Birthdays of people who are not archived: all-day events that repeat
//!   every year (`RRULE:FREQ=YEARLY`). A 29 February birthday repeats on the
//!   last day of February, which is the model's rule (28 February in common years).
//! * Due dates of people with a cadence, within the horizon: an all-day event
//!   on the day the ideal gap is reached, or today when they are already overdue.
//!
//! UIDs are stable (`<person id>-birthday@rapport`, `<person id>-due@rapport`),
//! so importing a newer calendar updates events instead of duplicating them.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::content_line::{escape_text, push_folded};
use super::json::utc_stamp;
use crate::model::dates::add_days;
use crate::model::today::upcoming_birthdays;
use crate::model::{Journal, Person};

/// The suggested file name of a calendar made on `date`.
pub fn calendar_file_name(date: NaiveDate) -> String {
    format!("rapport-calendar-{}.ics", date)
}

struct Event {
    uid: String,
    date: NaiveDate,
    summary: String,
    description: Option<String>,
    rrule: Option<&'static str>,
}

/// The calendar text: every birthday, and due dates up to `horizon_days`
/// after `today`. `now` becomes each event's DTSTAMP.
pub fn export_calendar(
    journal: &Journal,
    today: NaiveDate,
    horizon_days: u32,
    now: DateTime<Utc>,
) -> String {
    let mut events = Vec::new();
    // Every birthday comes round within 366 days.
    for birthday in upcoming_birthdays(journal, today, 366) {
        let Some(person) = journal.person(&birthday.person) else {
            continue;
        };
        let leap_day = person
            .birthday
            .is_some_and(|b| b.month() == 2 && b.day() == 29);
        events.push(Event {
            uid: format!("{}-birthday@rapport", person.id),
            date: birthday.date,
            summary: format!("{}'s birthday", person.name),
            description: person
                .birthday
                .and_then(|b| b.year())
                .map(|year| format!("Born in {year}.")),
            rrule: Some(if leap_day {
                "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
            } else {
                "FREQ=YEARLY"
            }),
        });
    }
    let last = add_days(today, i64::from(horizon_days));
    for person in journal.people().filter(|p| !p.archived) {
        if let Some(event) = due_event(journal, person, today, last) {
            events.push(event);
        }
    }
    events.sort_by(|a, b| (a.date, &a.summary, &a.uid).cmp(&(b.date, &b.summary, &b.uid)));

    let mut out = String::new();
    let mut line = |text: &str| push_folded(&mut out, text);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line(&format!(
        "PRODID:-//Rapport//Rapport {}//EN",
        env!("CARGO_PKG_VERSION")
    ));
    line("CALSCALE:GREGORIAN");
    line("X-WR-CALNAME:Rapport");
    let stamp = utc_stamp(now, "", "");
    for event in events {
        line("BEGIN:VEVENT");
        line(&format!("UID:{}", event.uid));
        line(&format!("DTSTAMP:{stamp}"));
        line(&format!(
            "DTSTART;VALUE=DATE:{:04}{:02}{:02}",
            event.date.year(),
            event.date.month(),
            event.date.day()
        ));
        if let Some(rule) = event.rrule {
            line(&format!("RRULE:{rule}"));
        }
        line(&format!("SUMMARY:{}", escape_text(&event.summary)));
        if let Some(description) = &event.description {
            line(&format!("DESCRIPTION:{}", escape_text(description)));
        }
        line("TRANSP:TRANSPARENT");
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

/// The keep-in-touch event for `person`, if they have a cadence and are due by `last`.
fn due_event(
    journal: &Journal,
    person: &Person,
    today: NaiveDate,
    last: NaiveDate,
) -> Option<Event> {
    let cadence = person.cadence?;
    let due = journal.contact_due(&person.id, today)?;
    let days_left = due.days_until_due?;
    let overdue = days_left < 0;
    let date = if overdue {
        today
    } else {
        add_days(today, days_left)
    };
    if date > last {
        return None;
    }
    let summary = if overdue {
        format!("Overdue: get in touch with {}", person.name)
    } else {
        format!("Get in touch with {}", person.name)
    };
    let every = match cadence.max {
        Some(max) => format!("every {} days, at most {max}", cadence.ideal),
        None => format!("every {} days", cadence.ideal),
    };
    Some(Event {
        uid: format!("{}-due@rapport", person.id),
        date,
        summary,
        description: Some(format!("Counting from {} ({every}).", due.since)),
        rrule: None,
    })
}
