//! Network-wide figures on a small hand-made journal (today = Wed 2024-06-12).
#![cfg(not(target_arch = "wasm32"))]

mod network_oracle;
mod support;

use network_oracle::*;
use rapport::model::network::*;
use rapport::model::{
    Action, Direction::*, ExchangeKind::*, Initiator, Interaction, Journal, Outcome::*, Party,
    PurposeId, Quarter, Settings, YearMonth,
};
use support::*;

fn today() -> chrono::NaiveDate {
    d(2024, 6, 12)
}

fn ym(y: i32, m: u32) -> YearMonth {
    YearMonth::new(y, m).unwrap()
}

fn with_purpose(mut i: Interaction, purpose: &str) -> Interaction {
    i.purpose = Some(purpose.parse::<PurposeId>().unwrap());
    i
}

/// People: Ana (1, posse), Ben (2, posse), Cai (3, alumni, no met date, first seen 2024-05-29),
/// Dee (4, alumni), Eve (5, archived).
fn sample() -> Journal {
    let mut ana = person(1, "Ana");
    ana.tags = vec!["posse".into()];
    ana.met.date = Some(d(2024, 1, 15));
    let mut ben = person(2, "Ben");
    ben.tags = vec!["Posse".into(), "alumni-not".into()];
    ben.met.date = Some(d(2024, 2, 3));
    let mut cai = person(3, "Cai");
    cai.tags = vec!["alumni".into()];
    cai.created = ts(2024, 2, 20);
    cai.updated = ts(2024, 2, 20);
    let mut dee = person(4, "Dee");
    dee.tags = vec!["alumni".into()];
    dee.met.date = Some(d(2023, 11, 30));
    let mut eve = person(5, "Eve");
    eve.met.date = Some(d(2024, 4, 1));
    eve.archived = true;

    let i1 = with_purpose(meet(1, d(2024, 6, 11), &[1], Initiator::Me), "touch");
    let mut i2 = with_purpose(meet(2, d(2024, 6, 4), &[2], Initiator::Me), "job");
    i2.exchanges
        .push(exchange(1, Got, 2, Advice).with_ask(Party::Me, Granted));
    let i3 = with_purpose(meet(3, d(2024, 6, 5), &[3], Initiator::Them), "touch");
    let mut i4 = with_purpose(meet(4, d(2024, 5, 29), &[1, 3], Initiator::Mutual), "help");
    i4.exchanges.push(exchange(1, Gave, 3, Favour));
    let i5 = meet(5, d(2024, 5, 15), &[4], Initiator::Me);
    let mut i6 = with_purpose(meet(6, d(2024, 3, 1), &[2], Initiator::Them), "touch");
    i6.exchanges.push(exchange(1, Gave, 2, Gift));
    i6.exchanges.push(exchange(2, Got, 2, Advice));
    let mut i7 = with_purpose(meet(7, d(2023, 6, 12), &[4], Initiator::Me), "gig");
    i7.exchanges.push(exchange(1, Gave, 4, Referral));
    let mut i8 = with_purpose(meet(8, d(2023, 6, 13), &[4], Initiator::Them), "info");
    i8.exchanges.push(exchange(1, Got, 4, Favour));
    let mut i9 = with_purpose(meet(9, d(2024, 4, 10), &[1], Initiator::Them), "job");
    i9.exchanges
        .push(exchange(1, Gave, 1, Favour).with_ask(Party::Them, DeclinedByMe));
    i9.exchanges.push(
        exchange(2, Got, 1, Loan)
            .with_money_loan(2000, "EUR")
            .with_ask(Party::Me, Open),
    );
    journal(
        vec![ana, ben, cai, dee, eve],
        vec![i1, i2, i3, i4, i5, i6, i7, i8, i9],
    )
}

fn months(series: &[PeriodCount<YearMonth>]) -> Vec<(String, u32)> {
    series
        .iter()
        .map(|c| (c.period.to_string(), c.count))
        .collect()
}

#[test]
fn new_people_per_month_zero_fills_and_falls_back_to_first_contact() {
    let j = sample();
    let all = new_people_per_month(&j, &NetworkFilter::default());
    assert_eq!(
        months(&all),
        vec![
            ("2023-11".to_string(), 1),
            ("2023-12".to_string(), 0),
            ("2024-01".to_string(), 1),
            ("2024-02".to_string(), 1), // Ben by met date
            ("2024-03".to_string(), 0),
            ("2024-04".to_string(), 1), // Eve, archived, still counts
            ("2024-05".to_string(), 1), // Cai, no met date, by first contact
        ]
    );
    let posse = new_people_per_month(&j, &NetworkFilter::default().tagged("posse"));
    assert_eq!(
        months(&posse),
        vec![("2024-01".to_string(), 1), ("2024-02".to_string(), 1)]
    );
    let ranged = new_people_per_month(
        &j,
        &NetworkFilter::default().between(d(2024, 2, 1), d(2024, 3, 31)),
    );
    assert_eq!(
        months(&ranged),
        vec![("2024-02".to_string(), 1), ("2024-03".to_string(), 0)]
    );
    assert_eq!(
        new_people_per_month(&Journal::new(), &NetworkFilter::all()),
        vec![]
    );
}

#[test]
fn new_people_per_quarter_series() {
    let j = sample();
    let q = new_people_per_quarter(&j, &NetworkFilter::default());
    assert_eq!(
        q,
        vec![
            PeriodCount {
                period: Quarter::new(2023, 4).unwrap(),
                count: 1
            },
            PeriodCount {
                period: Quarter::new(2024, 1).unwrap(),
                count: 2
            },
            PeriodCount {
                period: Quarter::new(2024, 2).unwrap(),
                count: 2
            },
        ]
    );
    let alumni = new_people_per_quarter(&j, &NetworkFilter::default().tagged("ALUMNI"));
    assert_eq!(
        alumni
            .iter()
            .map(|c| (c.period.to_string(), c.count))
            .collect::<Vec<_>>(),
        vec![
            ("2023-Q4".to_string(), 1),
            ("2024-Q1".to_string(), 0),
            ("2024-Q2".to_string(), 1)
        ]
    );
}

#[test]
fn usual_circle_versus_everyone_else() {
    let mut j = sample();
    // Until the user chooses a circle, everything is "everyone else".
    assert_eq!(
        circle_split(&j, &NetworkFilter::default()),
        CircleSplit {
            usual: 0,
            others: 9
        }
    );
    j.apply(Action::UpdateSettings(Settings {
        circles: vec!["posse".into()],
        ..Settings::default()
    }))
    .unwrap();
    let split = circle_split(&j, &NetworkFilter::default());
    assert_eq!(
        split,
        CircleSplit {
            usual: 5,
            others: 4
        }
    );
    assert_eq!(split.usual_percent(), 56);
    let alumni = circle_split(&j, &NetworkFilter::default().tagged("alumni"));
    assert_eq!(
        alumni,
        CircleSplit {
            usual: 1,
            others: 4
        }
    );
    let spring = circle_split(
        &j,
        &NetworkFilter::default().between(d(2024, 5, 1), d(2024, 6, 30)),
    );
    assert_eq!(
        spring,
        CircleSplit {
            usual: 3,
            others: 2
        }
    );
    // The circle is the tags chosen in the settings.
    j.apply(Action::UpdateSettings(Settings {
        circles: vec!["alumni".into()],
        ..Settings::default()
    }))
    .unwrap();
    assert_eq!(
        circle_split(&j, &NetworkFilter::default()),
        CircleSplit {
            usual: 5,
            others: 4
        }
    );
    // Several tags: anyone carrying one of them.
    j.apply(Action::UpdateSettings(Settings {
        circles: vec!["alumni".into(), "posse".into()],
        ..Settings::default()
    }))
    .unwrap();
    assert_eq!(
        circle_split(&j, &NetworkFilter::default()),
        CircleSplit {
            usual: 9,
            others: 0
        }
    );
    assert_eq!(CircleSplit::default().usual_percent(), 0);
}

#[test]
fn weekly_streak_counts_weeks_with_networking_not_tied_to_an_ask() {
    let j = sample();
    let all = NetworkFilter::default();
    // Weeks of Jun 10, Jun 3 (Cai; Ben's week-mate had my ask) and May 27; May 20 is empty.
    assert_eq!(weekly_streak(&j, today(), &all), 3);
    assert_eq!(weekly_streak(&j, d(2024, 6, 16), &all), 3); // Sunday, same week
    assert_eq!(weekly_streak(&j, d(2024, 6, 17), &all), 3); // nothing yet this week: count from last week
    assert_eq!(weekly_streak(&j, d(2024, 6, 24), &all), 0); // two empty weeks
    assert_eq!(weekly_streak(&j, d(2024, 5, 16), &all), 1); // May 15 only
    assert_eq!(
        weekly_streak(&j, today(), &NetworkFilter::default().tagged("posse")),
        1
    );
}

#[test]
fn weeks_counted_is_a_52_week_strip_ending_this_week() {
    let j = sample();
    let strip = weeks_counted(&j, today(), &NetworkFilter::default());
    assert_eq!(strip.len(), 52);
    assert_eq!(strip[0].week_start, d(2023, 6, 19));
    assert_eq!(strip[51].week_start, d(2024, 6, 10));
    let counted: Vec<chrono::NaiveDate> = strip
        .iter()
        .filter(|w| w.counted)
        .map(|w| w.week_start)
        .collect();
    assert_eq!(
        counted,
        vec![
            d(2024, 2, 26), // Ben, Mar 1: gifts, no ask
            d(2024, 5, 13),
            d(2024, 5, 27),
            d(2024, 6, 3),
            d(2024, 6, 10),
        ]
    );
    assert!(!strip[48].counted); // week of May 20
}

#[test]
fn breakdown_by_purpose_keeps_list_order_and_reports_missing_purpose() {
    let j = sample();
    let rows: Vec<(String, u32)> = purpose_breakdown(&j, &NetworkFilter::default())
        .into_iter()
        .map(|r| (r.label, r.count))
        .collect();
    assert_eq!(
        rows,
        vec![
            ("Staying in touch".to_string(), 3),
            ("Job search".to_string(), 2),
            ("Consulting gig".to_string(), 1),
            ("Information".to_string(), 1),
            ("Volunteering".to_string(), 0),
            ("Helping them".to_string(), 1),
            ("No purpose".to_string(), 1),
        ]
    );
    let posse: Vec<u32> = purpose_breakdown(&j, &NetworkFilter::default().tagged("posse"))
        .into_iter()
        .map(|r| r.count)
        .collect();
    // i1, i6 touch; i2, i9 job; i4 help (Ana is in it).
    assert_eq!(posse, vec![2, 2, 0, 0, 0, 1]);
}

#[test]
fn give_and_take_over_90_days_and_12_months() {
    let j = sample();
    let recent = recent_give_take(&j, today(), &NetworkFilter::default());
    // 90 days = 2024-03-15..=2024-06-12: Ben's advice (got), the favour for Cai (gave).
    // Declined and open asks (i9) never count.
    assert_eq!(recent.last_90_days, GiveTake { gave: 1, got: 1 });
    // 12 months = 2023-06-13..=2024-06-12: adds Ben's gift/advice and Dee's favour on 2023-06-13;
    // Dee's referral on 2023-06-12 is one day too early.
    assert_eq!(recent.last_12_months, GiveTake { gave: 2, got: 3 });

    let posse = recent_give_take(&j, today(), &NetworkFilter::default().tagged("posse"));
    // The favour in i4 went to Cai, who is not in the posse, although Ana was there.
    assert_eq!(posse.last_90_days, GiveTake { gave: 0, got: 1 });
    assert_eq!(posse.last_12_months, GiveTake { gave: 1, got: 2 });

    let between = give_take_between(
        &j,
        d(2023, 6, 12),
        d(2023, 6, 12),
        &NetworkFilter::default(),
    );
    assert_eq!(between, GiveTake { gave: 1, got: 0 });
}

#[test]
fn monthly_give_take_series_for_the_last_12_months() {
    let j = sample();
    let series = monthly_give_take(&j, today(), &NetworkFilter::default());
    assert_eq!(series.len(), 12);
    assert_eq!(series[0].month, ym(2023, 7));
    assert_eq!(series[11].month, ym(2024, 6));
    let nonzero: Vec<(String, u32, u32)> = series
        .iter()
        .filter(|m| m.gave + m.got > 0)
        .map(|m| (m.month.to_string(), m.gave, m.got))
        .collect();
    assert_eq!(
        nonzero,
        vec![
            ("2024-03".to_string(), 1, 1),
            ("2024-05".to_string(), 1, 0),
            ("2024-06".to_string(), 0, 1),
        ]
    );
    // A date range narrows the series too.
    let narrowed = monthly_give_take(
        &j,
        today(),
        &NetworkFilter::default().between(d(2024, 4, 1), d(2024, 12, 31)),
    );
    assert_eq!(narrowed.iter().map(|m| m.gave + m.got).sum::<u32>(), 2);
}
