//! The network-wide filter, the weekly streak and the figure types the
//! Insights screen shows ([`super::insights`] computes them in one pass).
//!
//! A [`NetworkFilter`] (use `NetworkFilter::default()` for everything)
//! narrows the data to a tag and/or a date range:
//!
//! * an **interaction** passes the tag filter when at least one of its people
//!   carries the tag;
//! * an **exchange** passes when its person carries the tag;
//! * a **person** passes when they carry the tag, and the date range applies
//!   to the day they count as new ([`Person::new_on`]: the met date, else the
//!   first logged contact, else the day added; imported people only by their
//!   met date).
//!
//! The streak and the 52-week strip use the intersection of their own window
//! and the filter's range.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::dates::{add_days, week_start, YearMonth};
use super::ids::PurposeId;
use super::interaction::Interaction;
use super::journal::Journal;
use super::person::Person;

/// Narrows network figures to a tag and a date range (both optional, inclusive).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NetworkFilter {
    /// Only people carrying this tag (ignoring case).
    pub tag: Option<String>,
    /// First day included.
    pub from: Option<NaiveDate>,
    /// Last day included.
    pub to: Option<NaiveDate>,
}

impl NetworkFilter {
    /// No filtering.
    pub fn all() -> Self {
        Self::default()
    }

    /// Builder: only people with `tag`.
    pub fn tagged(mut self, tag: impl Into<String>) -> Self {
        self.tag = Some(tag.into());
        self
    }

    /// Builder: only dates in `from..=to`.
    pub fn between(mut self, from: NaiveDate, to: NaiveDate) -> Self {
        self.from = Some(from);
        self.to = Some(to);
        self
    }

    /// Builder: the last `months` calendar months, this one included: from the
    /// first day of the month `months − 1` months before `today`'s, to `today`
    /// (`last_months(2026-03-04, 12)` is 2025-04-01..=2026-03-04). 0 months is
    /// treated as 1.
    pub fn last_months(self, today: NaiveDate, months: u32) -> Self {
        let back = i32::try_from(months.max(1) - 1).unwrap_or(i32::MAX);
        let from = YearMonth::of(today).plus(-back).first_day();
        self.between(from, today)
    }

    /// Whether `date` is inside the range.
    pub fn includes_date(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|from| date >= from) && self.to.is_none_or(|to| date <= to)
    }

    /// Whether `person` passes the tag filter.
    pub fn includes_person(&self, person: &Person) -> bool {
        self.tag.as_deref().is_none_or(|tag| person.has_tag(tag))
    }

    fn includes_interaction(&self, journal: &Journal, interaction: &Interaction) -> bool {
        match self.tag.as_deref() {
            None => true,
            Some(tag) => interaction
                .people
                .iter()
                .any(|p| journal.person(p).is_some_and(|p| p.has_tag(tag))),
        }
    }
}

fn later(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

fn earlier(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Interactions passing the filter and inside `from..=to`.
fn interactions<'a>(
    journal: &'a Journal,
    filter: &'a NetworkFilter,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> impl Iterator<Item = &'a Interaction> + 'a {
    journal
        .interactions_between(later(filter.from, from), earlier(filter.to, to))
        .filter(move |i| filter.includes_interaction(journal, i))
}

/// The day `person` counts as new (see [`Person::new_on`]).
pub fn new_person_date(journal: &Journal, person: &Person) -> Option<NaiveDate> {
    person.new_on(journal.stats(&person.id).and_then(|s| s.first_contact))
}

/// Interactions with your usual circle versus everyone else.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CircleSplit {
    /// Interactions where at least one person carries a usual-circle tag.
    pub usual: u32,
    /// All other interactions.
    pub others: u32,
}

impl CircleSplit {
    /// Share of the usual circle in whole percent (rounded half up); 0 with no interactions.
    pub fn usual_percent(&self) -> u32 {
        let total = self.usual + self.others;
        if total == 0 {
            0
        } else {
            (self.usual * 200 + total) / (2 * total)
        }
    }
}

/// Mondays of the weeks (up to `today`) that contain at least one
/// interaction with no ask from you.
fn counted_weeks(
    journal: &Journal,
    today: NaiveDate,
    filter: &NetworkFilter,
    from: Option<NaiveDate>,
) -> BTreeSet<NaiveDate> {
    interactions(journal, filter, from, Some(today))
        .filter(|i| !i.has_ask_from_me())
        .map(|i| week_start(i.date))
        .collect()
}

/// Weeks in a row with networking not tied to an ask: consecutive ISO weeks
/// that each contain at least one interaction with no ask from you, ending
/// with this week, or with last week if this week has none yet.
pub fn weekly_streak(journal: &Journal, today: NaiveDate, filter: &NetworkFilter) -> u32 {
    streak(journal, today, filter).weeks
}

/// The weekly streak with whether this week already counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Streak {
    /// Weeks in a row (as [`weekly_streak`] counts them).
    pub weeks: u32,
    /// Whether this week already has networking not tied to an ask.
    pub this_week: bool,
}

impl Streak {
    /// A short, friendly line about the streak, for the Today screen.
    ///
    /// * 0 weeks: "No streak yet. Reach out to someone this week just to say hello."
    /// * 1 week, this week: "1 week of networking without needing anything. A good start."
    /// * n weeks, this week: "n weeks of networking without needing anything. Keep it up."
    /// * 1 or n weeks up to last week: "… Reach out this week to keep it going."
    pub fn message(&self) -> String {
        let weeks = match self.weeks {
            0 => {
                return "No streak yet. Reach out to someone this week just to say hello."
                    .to_owned()
            }
            1 => "1 week".to_owned(),
            n => format!("{n} weeks"),
        };
        let tail = match (self.this_week, self.weeks) {
            (false, _) => "Reach out this week to keep it going.",
            (true, 1) => "A good start.",
            (true, _) => "Keep it up.",
        };
        format!("{weeks} of networking without needing anything. {tail}")
    }
}

/// The weekly streak on `today` and whether this week counts yet.
///
/// One scan of the log into a set of counted weeks: walking the date index
/// newest first would cost a lookup per interaction, which is slower on a
/// long streak than reading every record once.
pub fn streak(journal: &Journal, today: NaiveDate, filter: &NetworkFilter) -> Streak {
    let to = earlier(filter.to, Some(today)).unwrap_or(today);
    let weeks: BTreeSet<NaiveDate> = journal
        .interactions()
        .filter(|i| {
            i.date <= to
                && filter.from.is_none_or(|from| i.date >= from)
                && !i.has_ask_from_me()
                && filter.includes_interaction(journal, i)
        })
        .map(|i| week_start(i.date))
        .collect();
    Streak {
        weeks: streak_in(&weeks, today),
        this_week: weeks.contains(&week_start(today)),
    }
}

/// Consecutive counted weeks ending with `today`'s week, or with the week
/// before when `today`'s week is not counted (yet).
pub(crate) fn streak_in(weeks: &BTreeSet<NaiveDate>, today: NaiveDate) -> u32 {
    let this_week = week_start(today);
    let mut week = if weeks.contains(&this_week) {
        this_week
    } else {
        add_days(this_week, -7)
    };
    let mut streak = 0;
    while weeks.contains(&week) {
        streak += 1;
        week = add_days(week, -7);
    }
    streak
}

/// One week of the calendar strip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekMark {
    /// Monday of the ISO week.
    pub week_start: NaiveDate,
    /// Whether it had an interaction with no ask from you (same rule as the streak).
    pub counted: bool,
}

/// The last 52 ISO weeks, oldest first, ending with this week.
pub fn weeks_counted(journal: &Journal, today: NaiveDate, filter: &NetworkFilter) -> Vec<WeekMark> {
    let this_week = week_start(today);
    let first = add_days(this_week, -7 * 51);
    let weeks = counted_weeks(journal, today, filter, Some(first));
    (0..52)
        .map(|n| {
            let monday = add_days(first, 7 * n);
            WeekMark {
                week_start: monday,
                counted: weeks.contains(&monday),
            }
        })
        .collect()
}

/// Interactions with one purpose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurposeCount {
    /// `None` for interactions without a purpose.
    pub purpose: Option<PurposeId>,
    /// The purpose label, or "No purpose".
    pub label: String,
    pub count: u32,
}

/// Gives and takes counted over some period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GiveTake {
    /// Delivered exchanges you gave.
    pub gave: u32,
    /// Delivered exchanges you got.
    pub got: u32,
}
