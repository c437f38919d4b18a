//! The network-wide figures written the plain way, one function per figure,
//! as the reference the Insights pass (`rapport::model::insights`) and the
//! calendar tests are checked against. The app itself computes all of them in
//! one pass; these read the whole log again for every figure, which is slow
//! but obviously right.
//!
//! The filter rules are those of [`NetworkFilter`]: an interaction passes the
//! tag when one of its people carries it, an exchange when its person does,
//! a person when they do; the date range applies to interactions by their
//! day and to people by the day they count as new.
#![allow(dead_code)]

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rapport::model::dates::{add_days, add_months_clamped, Quarter, YearMonth};
use rapport::model::network::{
    new_person_date, CircleSplit, GiveTake, NetworkFilter, PurposeCount,
};
use rapport::model::{Direction, Exchange, Interaction, Journal, PersonId, PurposeId};

/// A count for one period of a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodCount<P> {
    pub period: P,
    pub count: u32,
}

/// Give and take over two recent windows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RecentGiveTake {
    /// `today − 89 ..= today` (90 days including today).
    pub last_90_days: GiveTake,
    /// The day after the same date a year earlier `..= today`
    /// (e.g. 2023-05-16..=2024-05-15; from 2024-02-29 it starts 2023-03-01).
    pub last_12_months: GiveTake,
}

/// Give and take in one calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthGiveTake {
    pub month: YearMonth,
    pub gave: u32,
    pub got: u32,
}

/// Whether `person` passes the filter's tag (everyone does without one).
fn tagged(journal: &Journal, filter: &NetworkFilter, person: &PersonId) -> bool {
    filter.tag.is_none()
        || journal
            .person(person)
            .is_some_and(|p| filter.includes_person(p))
}

/// Interactions passing the filter (tag and range) and inside `from..=to`.
fn interactions<'a>(
    journal: &'a Journal,
    filter: &'a NetworkFilter,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> impl Iterator<Item = &'a Interaction> + 'a {
    journal.interactions().filter(move |i| {
        filter.includes_date(i.date)
            && from.is_none_or(|from| i.date >= from)
            && to.is_none_or(|to| i.date <= to)
            && i.people.iter().any(|p| tagged(journal, filter, p))
    })
}

/// The days people passing the filter count as new, inside its range.
fn new_people_dates(journal: &Journal, filter: &NetworkFilter) -> Vec<NaiveDate> {
    journal
        .people()
        .filter(|p| filter.includes_person(p))
        .filter_map(|p| new_person_date(journal, p))
        .filter(|d| filter.includes_date(*d))
        .collect()
}

/// Zero-filled series from `start` (or the first counted period) to `end`
/// (or the last counted period).
fn series<P: Ord + Copy>(
    counts: &BTreeMap<P, u32>,
    start: Option<P>,
    end: Option<P>,
    next: impl Fn(P) -> P,
) -> Vec<PeriodCount<P>> {
    let (Some(start), Some(end)) = (
        start.or(counts.keys().next().copied()),
        end.or(counts.keys().next_back().copied()),
    ) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut period = start;
    while period <= end {
        out.push(PeriodCount {
            period,
            count: counts.get(&period).copied().unwrap_or(0),
        });
        period = next(period);
    }
    out
}

/// New people per month, archived people included, zero-filled from the
/// filter's `from` month (or the first month with someone new) to its `to`
/// month (or the last such month).
pub fn new_people_per_month(
    journal: &Journal,
    filter: &NetworkFilter,
) -> Vec<PeriodCount<YearMonth>> {
    let mut counts = BTreeMap::new();
    for date in new_people_dates(journal, filter) {
        *counts.entry(YearMonth::of(date)).or_insert(0) += 1;
    }
    series(
        &counts,
        filter.from.map(YearMonth::of),
        filter.to.map(YearMonth::of),
        |m| m.plus(1),
    )
}

/// New people per quarter; same rules as [`new_people_per_month`].
pub fn new_people_per_quarter(
    journal: &Journal,
    filter: &NetworkFilter,
) -> Vec<PeriodCount<Quarter>> {
    let mut counts = BTreeMap::new();
    for date in new_people_dates(journal, filter) {
        *counts.entry(Quarter::of(date)).or_insert(0) += 1;
    }
    series(
        &counts,
        filter.from.map(Quarter::of),
        filter.to.map(Quarter::of),
        Quarter::next,
    )
}

/// Interactions with someone of the usual circle (a person carrying one of
/// the tags in `settings.circles`) versus all others.
pub fn circle_split(journal: &Journal, filter: &NetworkFilter) -> CircleSplit {
    let settings = journal.settings();
    let mut split = CircleSplit::default();
    for interaction in interactions(journal, filter, None, None) {
        let usual = interaction
            .people
            .iter()
            .any(|p| journal.person(p).is_some_and(|p| settings.in_circle(p)));
        if usual {
            split.usual += 1;
        } else {
            split.others += 1;
        }
    }
    split
}

/// Interactions per purpose: every purpose in list order (zeros included),
/// then "No purpose" if any interaction has none.
pub fn purpose_breakdown(journal: &Journal, filter: &NetworkFilter) -> Vec<PurposeCount> {
    let mut counts: BTreeMap<Option<&PurposeId>, u32> = BTreeMap::new();
    for interaction in interactions(journal, filter, None, None) {
        *counts.entry(interaction.purpose.as_ref()).or_insert(0) += 1;
    }
    let mut out: Vec<PurposeCount> = journal
        .purposes()
        .iter()
        .map(|p| PurposeCount {
            purpose: Some(p.id.clone()),
            label: p.label.clone(),
            count: counts.get(&Some(&p.id)).copied().unwrap_or(0),
        })
        .collect();
    if let Some(&count) = counts.get(&None) {
        out.push(PurposeCount {
            purpose: None,
            label: "No purpose".to_owned(),
            count,
        });
    }
    out
}

/// Delivered gives and takes among `exchanges` whose person passes the tag.
fn count_delivered<'a>(
    journal: &Journal,
    filter: &NetworkFilter,
    exchanges: impl Iterator<Item = &'a Exchange>,
) -> GiveTake {
    let mut total = GiveTake::default();
    for exchange in exchanges.filter(|e| e.is_delivered() && tagged(journal, filter, &e.person)) {
        match exchange.direction {
            Direction::Gave => total.gave += 1,
            Direction::Got => total.got += 1,
        }
    }
    total
}

/// Gives and takes in interactions dated `from..=to` (same "delivered" rule
/// as per-person stats).
pub fn give_take_between(
    journal: &Journal,
    from: NaiveDate,
    to: NaiveDate,
    filter: &NetworkFilter,
) -> GiveTake {
    count_delivered(
        journal,
        filter,
        interactions(journal, filter, Some(from), Some(to)).flat_map(|i| &i.exchanges),
    )
}

/// Give and take over the last 90 days and the last 12 months.
pub fn recent_give_take(
    journal: &Journal,
    today: NaiveDate,
    filter: &NetworkFilter,
) -> RecentGiveTake {
    RecentGiveTake {
        last_90_days: give_take_between(journal, add_days(today, -89), today, filter),
        last_12_months: give_take_between(
            journal,
            add_days(add_months_clamped(today, -12), 1),
            today,
            filter,
        ),
    }
}

/// Give and take per calendar month for the 12 months ending with today's
/// month, oldest first.
pub fn monthly_give_take(
    journal: &Journal,
    today: NaiveDate,
    filter: &NetworkFilter,
) -> Vec<MonthGiveTake> {
    let first = YearMonth::of(today).plus(-11);
    (0..12)
        .map(|n| {
            let month = first.plus(n);
            let totals = give_take_between(journal, month.first_day(), month.last_day(), filter);
            MonthGiveTake {
                month,
                gave: totals.gave,
                got: totals.got,
            }
        })
        .collect()
}
