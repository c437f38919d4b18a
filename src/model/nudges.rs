//! Nudges: gentle prompts about one relationship, each a named rule.
//!
//! | Rule | Fires when | Threshold (settings) |
//! |------|------------|----------------------|
//! | [`Nudge::YouOweThem`] | you owe them a promise or loan with something outstanding | – |
//! | [`Nudge::PastMaxGap`] | days since last contact exceed the cadence's maximum gap | cadence `max` |
//! | [`Nudge::TwoWayStreet`] | you initiated each of the last N contacts | `streak` = 3 |
//! | [`Nudge::OnlyWhenYouNeedSomething`] | of your last W you-initiated contacts, more than W/2 carried an ask from you | `window` = 5 |
//! | [`Nudge::OkayToSayNo`] | they asked at least K times and you never said no | `asks` = 3 |
//!
//! Archived people get no nudges. Nudges come in the order of the table.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::dates::gap_in_words;
use super::ids::PersonId;
use super::interaction::{format_money, Initiator, Interaction, Party};
use super::journal::Journal;
use super::person::Person;
use super::settings::NudgeConfig;
use super::stats::{contact_due, DueStatus, PersonStats};

/// One nudge about one person, with the numbers that triggered it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Nudge {
    /// You owe them `items` promises or loans; `money` is the outstanding
    /// amount per currency, in minor units.
    YouOweThem {
        items: u32,
        money: BTreeMap<String, u64>,
    },
    /// It has been `days_since` days, more than your maximum gap of `max_days`
    /// (the message says long gaps in words: "over a year").
    PastMaxGap { days_since: i64, max_days: u32 },
    /// You initiated the last `streak` contacts in a row.
    TwoWayStreet { streak: u32 },
    /// `with_ask` of your last `of` you-initiated contacts carried an ask from you.
    OnlyWhenYouNeedSomething { with_ask: u32, of: u32 },
    /// They asked `their_asks` times and you never said no.
    OkayToSayNo { their_asks: u32 },
}

impl Nudge {
    /// Stable key for the rule (e.g. to remember a dismissed nudge).
    pub fn key(&self) -> &'static str {
        match self {
            Nudge::YouOweThem { .. } => "you_owe_them",
            Nudge::PastMaxGap { .. } => "past_max_gap",
            Nudge::TwoWayStreet { .. } => "two_way_street",
            Nudge::OnlyWhenYouNeedSomething { .. } => "only_when_you_need_something",
            Nudge::OkayToSayNo { .. } => "okay_to_say_no",
        }
    }

    /// Plain-language message.
    pub fn message(&self) -> String {
        match self {
            Nudge::YouOweThem { items, money } => {
                let what = if *items == 1 {
                    "a promise or loan".to_owned()
                } else {
                    format!("{items} promises or loans")
                };
                let amounts: Vec<String> = money
                    .iter()
                    .map(|(currency, amount)| format_money(*amount, currency))
                    .collect();
                let you_owe = Party::Me.owes();
                if amounts.is_empty() {
                    format!("{you_owe} {what}.")
                } else {
                    format!("{you_owe} {what} ({} outstanding).", amounts.join(", "))
                }
            }
            Nudge::PastMaxGap {
                days_since,
                max_days,
            } => format!(
                "It's been {} since you were in touch, past your maximum of {max_days} days.",
                gap_in_words(*days_since)
            ),
            Nudge::TwoWayStreet { streak } => format!(
                "You made the last {streak} contacts. It's a two-way street."
            ),
            Nudge::OnlyWhenYouNeedSomething { with_ask, of } => format!(
                "{with_ask} of your last {of} contacts carried an ask from you. Reach out sometimes just to connect."
            ),
            Nudge::OkayToSayNo { their_asks } => format!(
                "They have asked {their_asks} times and you have never said no. It's okay to say no."
            ),
        }
    }
}

/// Nudges for one person on `today`, using the journal's thresholds.
pub fn nudges_for(journal: &Journal, person: &PersonId, today: NaiveDate) -> Vec<Nudge> {
    let (Some(record), Some(stats)) = (journal.person(person), journal.stats(person)) else {
        return Vec::new();
    };
    let history = journal.interactions_with(person);
    evaluate(record, stats, &history, today, &journal.settings().nudges)
}

/// The rules themselves, on explicit inputs. `history` is the person's
/// interactions oldest first (as from `Journal::interactions_with`).
pub fn evaluate(
    person: &Person,
    stats: &PersonStats,
    history: &[&Interaction],
    today: NaiveDate,
    config: &NudgeConfig,
) -> Vec<Nudge> {
    let mut nudges = Vec::new();
    if person.archived {
        return nudges;
    }
    if !stats.owed_by_me.is_empty() {
        nudges.push(Nudge::YouOweThem {
            items: stats.owed_by_me.items,
            money: stats.owed_by_me.money.clone(),
        });
    }
    let due = contact_due(person, stats, today);
    if due.status == DueStatus::PastMax {
        if let Some(max_days) = person.cadence.and_then(|c| c.max) {
            nudges.push(Nudge::PastMaxGap {
                days_since: due.days_since,
                max_days,
            });
        }
    }
    let streak = history
        .iter()
        .rev()
        .take_while(|i| i.initiated_by == Initiator::Me)
        .count() as u32;
    if streak >= config.streak {
        nudges.push(Nudge::TwoWayStreet { streak });
    }
    let mine: Vec<&&Interaction> = history
        .iter()
        .rev()
        .filter(|i| i.initiated_by == Initiator::Me)
        .take(config.window as usize)
        .collect();
    let with_ask = mine
        .iter()
        .filter(|i| i.has_ask_from_me_to(&person.id))
        .count() as u32;
    if with_ask * 2 > config.window {
        nudges.push(Nudge::OnlyWhenYouNeedSomething {
            with_ask,
            of: mine.len() as u32,
        });
    }
    if stats.asks_by_them >= config.asks && stats.nos_by_me == 0 {
        nudges.push(Nudge::OkayToSayNo {
            their_asks: stats.asks_by_them,
        });
    }
    nudges
}
