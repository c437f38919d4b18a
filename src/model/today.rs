//! Lists for a "Today" screen: upcoming birthdays, who is due, all nudges.
//! Archived people are left out of all of them.

use chrono::NaiveDate;

use super::dates::{add_days, days_between};
use super::ids::PersonId;
use super::journal::Journal;
use super::nudges::{nudges_for, Nudge};
use super::stats::{ContactDue, DueStatus};

/// A birthday coming up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpcomingBirthday {
    pub person: PersonId,
    /// The day it is celebrated (29 Feb falls on 28 Feb in common years).
    pub date: NaiveDate,
    /// Days from today (0 = today).
    pub in_days: i64,
    /// Age they turn, when the birth year is known.
    pub turning: Option<u32>,
}

/// Birthdays from `today` through `today + days` inclusive, soonest first
/// (then by name). Birthdays without a year are included with `turning: None`.
pub fn upcoming_birthdays(journal: &Journal, today: NaiveDate, days: u32) -> Vec<UpcomingBirthday> {
    let last = add_days(today, i64::from(days));
    let mut list: Vec<(UpcomingBirthday, &str)> = journal
        .people()
        .filter(|p| !p.archived)
        .filter_map(|p| {
            let birthday = p.birthday?;
            let date = birthday.next_on_or_after(today);
            (date <= last).then(|| {
                (
                    UpcomingBirthday {
                        person: p.id.clone(),
                        date,
                        in_days: days_between(today, date),
                        turning: birthday.age_in(chrono::Datelike::year(&date)),
                    },
                    p.name.as_str(),
                )
            })
        })
        .collect();
    list.sort_by(|(a, an), (b, bn)| (a.date, an, &a.person).cmp(&(b.date, bn, &b.person)));
    list.into_iter().map(|(b, _)| b).collect()
}

/// Someone due for contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueContact {
    pub person: PersonId,
    pub due: ContactDue,
}

/// People whose status is not `Ok`, most urgent first: past max, then
/// overdue, then due soon; within a status, fewest days left first.
pub fn due_contacts(journal: &Journal, today: NaiveDate) -> Vec<DueContact> {
    let mut list: Vec<DueContact> = journal
        .people()
        .filter(|p| !p.archived)
        .filter_map(|p| {
            let due = journal.contact_due(&p.id, today)?;
            (due.status != DueStatus::Ok).then(|| DueContact {
                person: p.id.clone(),
                due,
            })
        })
        .collect();
    list.sort_by(|a, b| {
        b.due
            .status
            .cmp(&a.due.status)
            .then(a.due.days_until_due.cmp(&b.due.days_until_due))
            .then(a.person.cmp(&b.person))
    });
    list
}

/// One nudge about one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonNudge {
    pub person: PersonId,
    pub nudge: Nudge,
}

/// Every nudge for every non-archived person, by person id.
pub fn all_nudges(journal: &Journal, today: NaiveDate) -> Vec<PersonNudge> {
    journal
        .people()
        .filter(|p| !p.archived)
        .flat_map(|p| {
            nudges_for(journal, &p.id, today)
                .into_iter()
                .map(|nudge| PersonNudge {
                    person: p.id.clone(),
                    nudge,
                })
        })
        .collect()
}
