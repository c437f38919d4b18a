//! Calendar edge cases: month ends, leap days, DST, many years, birthdays.
#![cfg(not(target_arch = "wasm32"))]

mod network_oracle;
mod support;

use chrono::{Datelike, TimeZone, Utc};
use network_oracle::*;
use rapport::model::dates::{add_months_clamped, days_between, week_start};
use rapport::model::network::*;
use rapport::model::today::{due_contacts, upcoming_birthdays, UpcomingBirthday};
use rapport::model::*;
use support::*;

fn gave(n: u64, date: chrono::NaiveDate) -> Interaction {
    let mut i = meet(n, date, &[1], Initiator::Me);
    i.exchanges
        .push(exchange(1, Direction::Gave, 1, ExchangeKind::Advice));
    i
}

// ----- month ends ----------------------------------------------------------

#[test]
fn twelve_month_window_at_month_ends_and_leap_day() {
    let j = journal(
        vec![person(1, "Ana")],
        vec![
            gave(1, d(2023, 2, 28)),
            gave(2, d(2023, 3, 1)),
            gave(3, d(2023, 3, 31)),
            gave(4, d(2023, 4, 1)),
        ],
    );
    let all = NetworkFilter::default();
    // From 2024-02-29 the window starts the day after 2023-02-28.
    assert_eq!(
        recent_give_take(&j, d(2024, 2, 29), &all).last_12_months,
        GiveTake { gave: 3, got: 0 }
    );
    // From 2024-03-31 it starts on 2023-04-01.
    assert_eq!(
        recent_give_take(&j, d(2024, 3, 31), &all).last_12_months,
        GiveTake { gave: 1, got: 0 }
    );
    // 90 days back from 2023-05-30 is 2023-03-02 (inclusive): only Mar 31 and Apr 1.
    assert_eq!(
        recent_give_take(&j, d(2023, 5, 30), &all).last_90_days,
        GiveTake { gave: 2, got: 0 }
    );
    assert_eq!(add_months_clamped(d(2024, 2, 29), -12), d(2023, 2, 28));
}

#[test]
fn monthly_series_from_a_month_end_counts_whole_months() {
    let j = journal(
        vec![person(1, "Ana")],
        vec![
            gave(1, d(2023, 2, 1)),
            gave(2, d(2023, 2, 28)),
            gave(3, d(2024, 1, 31)),
        ],
    );
    let series = monthly_give_take(&j, d(2024, 1, 31), &NetworkFilter::default());
    assert_eq!(series[0].month.to_string(), "2023-02");
    assert_eq!((series[0].gave, series[11].gave), (2, 1));
    assert_eq!(series.iter().map(|m| m.gave).sum::<u32>(), 3);
}

#[test]
fn cadence_across_a_month_end() {
    let mut ana = person(1, "Ana");
    ana.cadence = Some(Cadence::new(30, None));
    let j = journal(
        vec![ana],
        vec![meet(1, d(2023, 1, 31), &[1], Initiator::Me)],
    );
    // 2023 is not a leap year: Jan 31 + 30 days = Mar 2.
    assert_eq!(
        j.contact_due(&pid(1), d(2023, 3, 2))
            .unwrap()
            .days_until_due,
        Some(0)
    );
    assert_eq!(
        j.contact_due(&pid(1), d(2023, 3, 3)).unwrap().status,
        DueStatus::Overdue
    );
}

// ----- leap days and birthdays -----------------------------------------------

fn with_birthdays() -> Journal {
    let mut leap = person(1, "Leap");
    leap.birthday = Some(Birthday::new(2, 29, Some(2000)).unwrap());
    let mut no_year = person(2, "Noyear");
    no_year.birthday = Some(Birthday::new(3, 1, None).unwrap());
    let mut new_year = person(3, "Newyear");
    new_year.birthday = Some(Birthday::new(1, 2, Some(1990)).unwrap());
    let mut archived = person(4, "Archived");
    archived.birthday = Some(Birthday::new(3, 1, Some(1980)).unwrap());
    archived.archived = true;
    journal(vec![leap, no_year, new_year, archived], vec![])
}

#[test]
fn leap_day_birthday_falls_on_feb_28_in_common_years() {
    let j = with_birthdays();
    assert_eq!(
        upcoming_birthdays(&j, d(2023, 2, 27), 1),
        vec![UpcomingBirthday {
            person: pid(1),
            date: d(2023, 2, 28),
            in_days: 1,
            turning: Some(23)
        }]
    );
    assert_eq!(
        upcoming_birthdays(&j, d(2024, 2, 28), 2),
        vec![
            UpcomingBirthday {
                person: pid(1),
                date: d(2024, 2, 29),
                in_days: 1,
                turning: Some(24)
            },
            UpcomingBirthday {
                person: pid(2),
                date: d(2024, 3, 1),
                in_days: 2,
                turning: None
            },
        ]
    );
    // On Feb 28 of a common year it is today.
    assert_eq!(upcoming_birthdays(&j, d(2025, 2, 28), 0)[0].in_days, 0);
}

#[test]
fn birthdays_in_the_next_days_wrap_the_year_and_skip_archived() {
    let j = with_birthdays();
    assert_eq!(
        upcoming_birthdays(&j, d(2024, 12, 30), 3),
        vec![UpcomingBirthday {
            person: pid(3),
            date: d(2025, 1, 2),
            in_days: 3,
            turning: Some(35)
        }]
    );
    assert_eq!(upcoming_birthdays(&j, d(2024, 12, 30), 2), vec![]);
    let in_year: Vec<PersonId> = upcoming_birthdays(&j, d(2024, 1, 1), 365)
        .into_iter()
        .map(|b| b.person)
        .collect();
    assert_eq!(in_year, vec![pid(3), pid(1), pid(2)]);
}

// ----- DST -------------------------------------------------------------------

#[test]
fn dst_changes_cannot_shift_a_contact_to_another_day() {
    // 2024-03-31 is the EU spring-forward day; 2024-03-10 the US one; 2024-10-27 EU fall-back.
    let mut ana = person(1, "Ana");
    ana.cadence = Some(Cadence::new(1, Some(2)));
    let mut spring = meet(1, d(2024, 3, 31), &[1], Initiator::Me);
    // Created 01:30 UTC, i.e. inside the skipped hour in Berlin and London.
    spring.created = Utc.with_ymd_and_hms(2024, 3, 31, 1, 30, 0).unwrap();
    spring.updated = spring.created;
    let mut us = meet(2, d(2024, 3, 10), &[1], Initiator::Me);
    us.time = chrono::NaiveTime::from_hms_opt(2, 30, 0); // a local time that does not exist in New York
    let mut j = journal(vec![ana], vec![spring, us]);
    assert_eq!(j.stats(&pid(1)).unwrap().last_contact, Some(d(2024, 3, 31)));
    let due = j.contact_due(&pid(1), d(2024, 4, 1)).unwrap();
    assert_eq!(
        (due.days_since, due.days_until_due, due.status),
        (1, Some(0), DueStatus::DueSoon)
    );
    assert_eq!(
        j.contact_due(&pid(1), d(2024, 4, 3)).unwrap().status,
        DueStatus::PastMax
    );
    assert_eq!(days_between(d(2024, 3, 30), d(2024, 4, 1)), 2);
    assert_eq!(days_between(d(2024, 10, 26), d(2024, 10, 28)), 2);

    j.apply(Action::AddInteraction(meet(
        3,
        d(2024, 10, 27),
        &[1],
        Initiator::Them,
    )))
    .unwrap();
    let strip = weeks_counted(&j, d(2024, 10, 27), &NetworkFilter::default());
    assert_eq!(strip[51].week_start, d(2024, 10, 21));
    assert!(strip[51].counted);
    assert_eq!(j.interaction(&iid(2)).unwrap().date, d(2024, 3, 10));
}

// ----- many years --------------------------------------------------------------

#[test]
fn a_journal_spanning_thirty_years() {
    let mut people = Vec::new();
    let mut log = Vec::new();
    for year in 1995..2025 {
        let n = (year - 1994) as u64;
        let mut p = person(n, &format!("Person {year}"));
        p.met.date = Some(d(year, 7, 1));
        p.tags = if year % 2 == 0 {
            vec!["posse".into()]
        } else {
            vec![]
        };
        people.push(p);
        log.push(gave(n, d(year, 7, 15)));
        log.last_mut().unwrap().people = vec![pid(n)];
        log.last_mut().unwrap().exchanges[0].person = pid(n);
    }
    let mut j = journal(people, log);
    j.apply(Action::UpdateSettings(Settings {
        circles: vec!["posse".into()],
        ..Settings::default()
    }))
    .unwrap();
    let quarters = new_people_per_quarter(&j, &NetworkFilter::default());
    assert_eq!(quarters.len(), 30 * 4 - 3); // 1995-Q3 ..= 2024-Q3
    assert_eq!(quarters.iter().map(|q| q.count).sum::<u32>(), 30);
    assert_eq!(quarters[0].period.to_string(), "1995-Q3");
    assert_eq!(quarters.last().unwrap().period.to_string(), "2024-Q3");
    let months = new_people_per_month(&j, &NetworkFilter::default());
    assert_eq!(months.len(), 29 * 12 + 1);
    assert_eq!(
        circle_split(&j, &NetworkFilter::default()),
        CircleSplit {
            usual: 15,
            others: 15
        }
    );
    let decade = NetworkFilter::default().between(d(2000, 1, 1), d(2009, 12, 31));
    assert_eq!(
        circle_split(&j, &decade),
        CircleSplit {
            usual: 5,
            others: 5
        }
    );
    assert_eq!(
        give_take_between(&j, d(1990, 1, 1), d(2030, 1, 1), &decade),
        GiveTake { gave: 10, got: 0 }
    );
    assert_eq!(
        j.interactions_between(Some(d(2010, 1, 1)), Some(d(2010, 12, 31)))
            .count(),
        1
    );
    assert_eq!(
        j.interactions_between(Some(d(2011, 1, 1)), Some(d(2010, 1, 1)))
            .count(),
        0
    );
    assert_eq!(j.interactions_by_date().next().unwrap().date.year(), 1995);
    assert_eq!(
        j.interactions_by_date().next_back().unwrap().date.year(),
        2024
    );
}

#[test]
fn weekly_streak_crosses_an_iso_year_with_53_weeks() {
    let j = journal(
        vec![person(1, "Ana")],
        vec![
            meet(1, d(2020, 12, 21), &[1], Initiator::Me), // 2020-W52
            meet(2, d(2020, 12, 31), &[1], Initiator::Me), // 2020-W53
            meet(3, d(2021, 1, 4), &[1], Initiator::Me),   // 2021-W01
        ],
    );
    assert_eq!(week_start(d(2021, 1, 3)), d(2020, 12, 28));
    assert_eq!(
        weekly_streak(&j, d(2021, 1, 6), &NetworkFilter::default()),
        3
    );
    assert_eq!(
        weekly_streak(&j, d(2021, 1, 11), &NetworkFilter::default()),
        3
    );
}

#[test]
fn due_contacts_lists_the_most_urgent_first() {
    let mut a = person(1, "Soon");
    a.cadence = Some(Cadence::new(30, None));
    let mut b = person(2, "Past max");
    b.cadence = Some(Cadence::new(7, Some(14)));
    let mut c = person(3, "Overdue");
    c.cadence = Some(Cadence::new(10, None));
    let e = person(4, "No cadence");
    let mut f = person(5, "Archived");
    f.cadence = Some(Cadence::new(7, Some(8)));
    f.archived = true;
    let j = journal(
        vec![a, b, c, e, f],
        vec![
            meet(1, d(2024, 5, 5), &[1], Initiator::Me),
            meet(2, d(2024, 5, 1), &[2], Initiator::Me),
            meet(3, d(2024, 5, 20), &[3], Initiator::Me),
            meet(4, d(2020, 5, 20), &[4, 5], Initiator::Me),
        ],
    );
    let list: Vec<(PersonId, DueStatus, Option<i64>)> = due_contacts(&j, d(2024, 5, 31))
        .into_iter()
        .map(|c| (c.person, c.due.status, c.due.days_until_due))
        .collect();
    assert_eq!(
        list,
        vec![
            (pid(2), DueStatus::PastMax, Some(-23)),
            (pid(3), DueStatus::Overdue, Some(-1)),
            (pid(1), DueStatus::DueSoon, Some(4)),
        ]
    );
}
