//! Lists for the "Today" screen: who to reconnect with, asks waiting on you
//! and on them, what you owe and what you are owed, upcoming birthdays, the
//! nudges, and the weekly streak.
//! Archived people are left out of all of them.
//!
//! [`overview`] computes the whole screen at once, and each list stays cheap
//! with thousands of people: the cadence lists and birthdays read each person
//! once (with the per-person stats cache), what is owed is one pass over the
//! log, the nudges gather in one pass the histories of only those people
//! whose cached counters allow a nudge (enough asks, enough contacts you
//! initiated), and the streak is one more pass over the log.

use std::cmp::Reverse;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::dates::{add_days, days_between};
use super::ids::{ExchangeId, InteractionId, PersonId};
use super::interaction::{Interaction, ObligationKind, Outstanding, Party};
use super::journal::Journal;
use super::network::{streak, NetworkFilter, Streak};
use super::nudges::{evaluate, nudges_for, Nudge};
use super::query::fold;
use super::stats::{ContactDue, DueStatus, PersonStats};

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
/// People snoozed on `today` ([`Person::is_snoozed`](super::person::Person::is_snoozed))
/// are left out until their snooze ends.
pub fn due_contacts(journal: &Journal, today: NaiveDate) -> Vec<DueContact> {
    let mut list: Vec<DueContact> = journal
        .people()
        .filter(|p| !p.archived && !p.is_snoozed(today))
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

/// Several nudges about one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonNudges {
    pub person: PersonId,
    pub nudges: Vec<Nudge>,
}

/// The nudges the Today screen lists, each most telling first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TodayNudges {
    /// "It's okay to say no": most asks first, then by name.
    pub say_no: Vec<PersonNudge>,
    /// "Two-way street" and "only when you need something", by name: one
    /// entry per person, with their one or two nudges in the rules' order.
    pub one_sided: Vec<PersonNudges>,
}

/// Whether the cached counters allow a one-sided or say-no nudge at all; the
/// rules themselves then run on the person's history. "Two-way street" needs
/// at least `streak` contacts you initiated, "only when you need something"
/// more than `window / 2` asks from you, "okay to say no" `asks` asks from
/// them and no "no" from you.
fn may_nudge(stats: &PersonStats, config: &super::settings::NudgeConfig) -> bool {
    stats.initiated.me >= config.streak
        || stats.asks_by_me * 2 > config.window
        || (stats.asks_by_them >= config.asks && stats.nos_by_me == 0)
}

/// The say-no and one-sided nudges for everyone not archived (the same rules
/// as [`all_nudges`]). The histories of the people whose counters allow a
/// nudge are gathered in one pass over the log.
pub fn today_nudges(journal: &Journal, today: NaiveDate) -> TodayNudges {
    let config = journal.settings().nudges;
    let mut histories: FxHashMap<&PersonId, Vec<&Interaction>> = journal
        .people()
        .filter(|p| !p.archived)
        .filter(|p| journal.stats(&p.id).is_some_and(|s| may_nudge(s, &config)))
        .map(|p| (&p.id, Vec::new()))
        .collect();
    for interaction in journal.interactions() {
        for person in &interaction.people {
            if let Some(history) = histories.get_mut(person) {
                history.push(interaction);
            }
        }
    }
    let mut say_no: Vec<(Reverse<u32>, String, PersonNudge)> = Vec::new();
    let mut one_sided: Vec<(String, PersonNudges)> = Vec::new();
    for (id, mut history) in histories {
        let (Some(person), Some(stats)) = (journal.person(id), journal.stats(id)) else {
            continue;
        };
        history.sort_by(|a, b| a.chronological_key().cmp(&b.chronological_key()));
        let mut sided = Vec::new();
        for nudge in evaluate(person, stats, &history, today, &config) {
            match nudge {
                Nudge::OkayToSayNo { their_asks } => say_no.push((
                    Reverse(their_asks),
                    fold(&person.name),
                    PersonNudge {
                        person: person.id.clone(),
                        nudge,
                    },
                )),
                Nudge::TwoWayStreet { .. } | Nudge::OnlyWhenYouNeedSomething { .. } => {
                    sided.push(nudge)
                }
                _ => {}
            }
        }
        if !sided.is_empty() {
            one_sided.push((
                fold(&person.name),
                PersonNudges {
                    person: person.id.clone(),
                    nudges: sided,
                },
            ));
        }
    }
    say_no.sort_by(|a, b| (&a.0, &a.1, &a.2.person).cmp(&(&b.0, &b.1, &b.2.person)));
    one_sided.sort_by(|a, b| (&a.0, &a.1.person).cmp(&(&b.0, &b.1.person)));
    TodayNudges {
        say_no: say_no.into_iter().map(|(_, _, n)| n).collect(),
        one_sided: one_sided.into_iter().map(|(_, n)| n).collect(),
    }
}

/// A short line for a nudge in a Today list, whose heading already says what
/// the rule means: "Asked 5 times; you never said no.", "You made the last 3
/// contacts.", "3 of your last 3 contacts came with an ask." Other rules keep
/// their full [`Nudge::message`].
pub fn short_message(nudge: &Nudge) -> String {
    match nudge {
        Nudge::OkayToSayNo { their_asks } => {
            format!(
                "Asked {}; you never said no.",
                super::words::times(*their_asks)
            )
        }
        Nudge::TwoWayStreet { streak } => format!("You made the last {streak} contacts."),
        Nudge::OnlyWhenYouNeedSomething { with_ask, of } => {
            format!("{with_ask} of your last {of} contacts came with an ask.")
        }
        other => other.message(),
    }
}

/// An ask still waiting for an answer, for "Waiting on you" and "Waiting on them".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenAsk {
    /// The person on the other side.
    pub person: PersonId,
    /// Where it was logged.
    pub interaction: InteractionId,
    pub exchange: ExchangeId,
    /// The day it was asked.
    pub since: NaiveDate,
    /// Who asked.
    pub asker: Party,
    /// What was asked for, in words.
    pub what: String,
}

impl OpenAsk {
    /// The ask in words, with the other person's name (see [`open_ask_sentence`]).
    pub fn sentence(&self, name: &str) -> String {
        open_ask_sentence(self.asker, name, &self.what)
    }
}

/// An open ask in plain words: "You asked Sam for a consulting gig: waiting
/// for an answer." or "Daniel asked you for an intro: you haven't answered."
pub fn open_ask_sentence(asker: Party, name: &str, what: &str) -> String {
    match asker {
        Party::Me => format!("You asked {name} for {what}: waiting for an answer."),
        Party::Them => format!("{name} asked you for {what}: you haven't answered."),
    }
}

/// The open asks of `interaction` with `person` (or with anyone, for `None`).
pub fn open_asks_in<'a>(
    interaction: &'a Interaction,
    person: Option<&'a PersonId>,
) -> impl Iterator<Item = OpenAsk> + 'a {
    interaction
        .exchanges
        .iter()
        .filter(move |e| person.is_none_or(|p| &e.person == p))
        .filter_map(move |e| {
            let ask = e.ask.filter(|a| a.is_open())?;
            Some(OpenAsk {
                person: e.person.clone(),
                interaction: interaction.id.clone(),
                exchange: e.id.clone(),
                since: interaction.date,
                asker: ask.by,
                what: e.what(),
            })
        })
}

/// Whether the lists of asks and debts leave `person` out: archived people
/// (and anyone no longer in the journal) are not shown there.
fn left_out(journal: &Journal, person: &PersonId) -> bool {
    journal.person(person).is_none_or(|p| p.archived)
}

/// Asks waiting for an answer, either way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Waiting {
    /// Their asks you have not answered, oldest first.
    pub on_me: Vec<OpenAsk>,
    /// Your asks they have not answered, oldest first.
    pub on_them: Vec<OpenAsk>,
}

/// Open asks with everyone not archived, in one pass over the log.
pub fn waiting(journal: &Journal) -> Waiting {
    let mut waiting = Waiting::default();
    for interaction in journal.interactions() {
        for ask in open_asks_in(interaction, None) {
            if left_out(journal, &ask.person) {
                continue;
            }
            match ask.asker {
                Party::Them => waiting.on_me.push(ask),
                Party::Me => waiting.on_them.push(ask),
            }
        }
    }
    let key = |a: &OpenAsk| (a.since, a.interaction.clone(), a.exchange.clone());
    waiting.on_me.sort_by_key(key);
    waiting.on_them.sort_by_key(key);
    waiting
}

/// Something still owed on one exchange, for the "You owe" and "They owe" lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwedItem {
    /// The person on the other side.
    pub person: PersonId,
    /// Where it was logged.
    pub interaction: InteractionId,
    pub exchange: ExchangeId,
    /// Since when: the day of the interaction.
    pub since: NaiveDate,
    /// Who owes it.
    pub debtor: Party,
    /// A promise to deliver, or a loan to pay back.
    pub kind: ObligationKind,
    /// What it is, in words: the exchange's note, else the lent item or
    /// amount, else the kind ("a favour", "an introduction", ...).
    pub what: String,
    /// What is still outstanding.
    pub outstanding: Outstanding,
    /// Whether part of it was already settled.
    pub partly_settled: bool,
}

impl OwedItem {
    /// One line: "Promised: a review of my notes", "Loan: 50.00 EUR",
    /// "Loan: rent (37.50 EUR left)", "Promised: a talk (60% left)".
    pub fn summary(&self) -> String {
        let label = match self.kind {
            ObligationKind::Delivery => "Promised",
            ObligationKind::Repayment => "Loan",
        };
        let money_is_what = matches!(&self.outstanding, Outstanding::Money { .. })
            && !self.partly_settled
            && self.what == self.outstanding.to_string();
        let left = if money_is_what {
            None
        } else if self.partly_settled || matches!(self.outstanding, Outstanding::Money { .. }) {
            Some(format!(" ({} left)", self.outstanding))
        } else {
            None
        };
        format!("{label}: {}{}", self.what, left.unwrap_or_default())
    }
}

/// What you owe and what you are owed: promises and loans, never open asks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OwedLists {
    /// Your promises not yet kept and loans you have not paid back, oldest first.
    pub by_me: Vec<OwedItem>,
    /// Their promises not yet kept and your loans not paid back yet, oldest first.
    pub to_me: Vec<OwedItem>,
}

/// Open items with everyone not archived, in one pass over the log.
pub fn owed(journal: &Journal) -> OwedLists {
    let mut owed = OwedLists::default();
    for interaction in journal.interactions() {
        for exchange in &interaction.exchanges {
            let Some(obligation) = exchange.obligation() else {
                continue;
            };
            if obligation.outstanding.is_zero() {
                continue;
            }
            let list = match obligation.debtor {
                Party::Me => &mut owed.by_me,
                Party::Them => &mut owed.to_me,
            };
            if left_out(journal, &exchange.person) {
                continue;
            }
            list.push(OwedItem {
                person: exchange.person.clone(),
                interaction: interaction.id.clone(),
                exchange: exchange.id.clone(),
                since: interaction.date,
                debtor: obligation.debtor,
                kind: obligation.kind,
                what: exchange.what(),
                partly_settled: exchange.settled_total() > 0,
                outstanding: obligation.outstanding,
            });
        }
    }
    let key = |item: &OwedItem| (item.since, item.interaction.clone(), item.exchange.clone());
    owed.by_me.sort_by_key(key);
    owed.to_me.sort_by_key(key);
    owed
}

/// Everything the Today screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TodayOverview {
    /// Due or overdue by cadence, most overdue first; snoozed people left out.
    pub reconnect: Vec<DueContact>,
    /// People not archived who are snoozed on this day.
    pub snoozed: u32,
    /// Asks waiting for an answer, either way.
    pub waiting: Waiting,
    /// What you owe and what you are owed.
    pub owed: OwedLists,
    /// Birthdays in the next 7 days (today included), with or without a year.
    pub birthdays: Vec<UpcomingBirthday>,
    /// Say-no and one-sided nudges.
    pub nudges: TodayNudges,
    /// Weeks of networking not tied to an ask.
    pub streak: Streak,
}

/// Days ahead the Today screen looks for birthdays (today + 7 days).
pub const BIRTHDAY_DAYS: u32 = 7;

/// Days a "snooze" lasts on the Today screen.
pub const SNOOZE_DAYS: i64 = 7;

/// The day a snooze pressed on `today` ends.
pub fn snooze_until(today: NaiveDate) -> NaiveDate {
    add_days(today, SNOOZE_DAYS)
}

/// The whole Today screen for `today`.
pub fn overview(journal: &Journal, today: NaiveDate) -> TodayOverview {
    TodayOverview {
        reconnect: due_contacts(journal, today),
        snoozed: journal
            .people()
            .filter(|p| !p.archived && p.is_snoozed(today))
            .count() as u32,
        waiting: waiting(journal),
        owed: owed(journal),
        birthdays: upcoming_birthdays(journal, today, BIRTHDAY_DAYS),
        nudges: today_nudges(journal, today),
        streak: streak(journal, today, &NetworkFilter::all()),
    }
}
