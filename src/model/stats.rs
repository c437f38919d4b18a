//! Per-person counters derived from the log, the balance reading, and how
//! due a contact is.
//!
//! Nothing here is stored: [`PersonStats`] is a cache the journal keeps up to
//! date (see `journal.rs`), and [`compute_all`] rebuilds it from scratch.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::dates::days_between;
use super::ids::PersonId;
use super::interaction::{Direction, Initiator, Interaction, Outcome, Outstanding, Party};
use super::person::Person;

/// Counters for one person, derived from every interaction they appear in.
///
/// Exchange counters only look at exchanges whose `person` is this person, so
/// a group coffee with an introduction to Ana does not count for Ben.
/// Accumulation is order independent, so the cache can be rebuilt in any order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonStats {
    /// Interactions they appear in.
    pub interactions: u32,
    /// Earliest interaction date.
    pub first_contact: Option<NaiveDate>,
    /// Latest interaction date.
    pub last_contact: Option<NaiveDate>,
    /// Who initiated those interactions.
    pub initiated: InitiationCounts,
    /// Delivered exchanges you gave them (see `interaction.rs` for "delivered").
    pub gave: u32,
    /// Delivered exchanges they gave you.
    pub got: u32,
    /// Asks you made of them.
    pub asks_by_me: u32,
    /// Asks they made of you.
    pub asks_by_them: u32,
    /// Times you said no.
    pub nos_by_me: u32,
    /// Times they said no.
    pub nos_by_them: u32,
    /// Asks taken back by whoever made them.
    pub withdrawn: u32,
    /// Their asks you have not answered yet.
    pub waiting_on_me: u32,
    /// Your asks they have not answered yet.
    pub waiting_on_them: u32,
    /// Promises and loans you owe them, with amounts still outstanding.
    pub owed_by_me: OwedTotal,
    /// Promises and loans they owe you.
    pub owed_to_me: OwedTotal,
}

/// How many interactions each side initiated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct InitiationCounts {
    pub me: u32,
    pub them: u32,
    pub mutual: u32,
}

impl InitiationCounts {
    /// All interactions.
    pub fn total(&self) -> u32 {
        self.me + self.them + self.mutual
    }

    /// Count for one initiator.
    pub fn count(&self, who: Initiator) -> u32 {
        match who {
            Initiator::Me => self.me,
            Initiator::Them => self.them,
            Initiator::Mutual => self.mutual,
        }
    }

    /// Share of one initiator in whole percent, rounded half up; 0 when there is no contact.
    pub fn percent(&self, who: Initiator) -> u32 {
        let total = self.total();
        if total == 0 {
            0
        } else {
            (self.count(who) * 200 + total) / (2 * total)
        }
    }
}

/// How much is owed in one direction: a count of open items and the money
/// per currency (the lists themselves are [`super::today::OwedLists`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OwedTotal {
    /// Items with something still outstanding (promises, loans).
    pub items: u32,
    /// Outstanding money per currency, in minor units (money loans only).
    pub money: BTreeMap<String, u64>,
}

impl OwedTotal {
    /// True when nothing is owed.
    pub fn is_empty(&self) -> bool {
        self.items == 0
    }

    fn add(&mut self, outstanding: Outstanding) {
        self.items += 1;
        if let Outstanding::Money { amount, currency } = outstanding {
            let entry = self.money.entry(currency).or_default();
            *entry = entry.saturating_add(amount);
        }
    }
}

impl PersonStats {
    /// Adds one interaction (which must include `person`) to the counters.
    pub fn add(&mut self, person: &PersonId, interaction: &Interaction) {
        self.interactions += 1;
        let date = interaction.date;
        self.first_contact = Some(self.first_contact.map_or(date, |d| d.min(date)));
        self.last_contact = Some(self.last_contact.map_or(date, |d| d.max(date)));
        match interaction.initiated_by {
            Initiator::Me => self.initiated.me += 1,
            Initiator::Them => self.initiated.them += 1,
            Initiator::Mutual => self.initiated.mutual += 1,
        }
        for exchange in interaction.exchanges.iter().filter(|e| &e.person == person) {
            if exchange.is_delivered() {
                match exchange.direction {
                    Direction::Gave => self.gave += 1,
                    Direction::Got => self.got += 1,
                }
            }
            if let Some(ask) = exchange.ask {
                match ask.by {
                    Party::Me => self.asks_by_me += 1,
                    Party::Them => self.asks_by_them += 1,
                }
                match (ask.outcome, ask.by) {
                    (Outcome::DeclinedByMe, _) => self.nos_by_me += 1,
                    (Outcome::DeclinedByThem, _) => self.nos_by_them += 1,
                    (Outcome::Withdrawn, _) => self.withdrawn += 1,
                    (Outcome::Open, Party::Them) => self.waiting_on_me += 1,
                    (Outcome::Open, Party::Me) => self.waiting_on_them += 1,
                    (Outcome::Granted, _) => {}
                }
            }
            if let Some(obligation) = exchange.obligation() {
                if !obligation.outstanding.is_zero() {
                    match obligation.debtor {
                        Party::Me => self.owed_by_me.add(obligation.outstanding),
                        Party::Them => self.owed_to_me.add(obligation.outstanding),
                    }
                }
            }
        }
    }

    /// Counters for `person` from the interactions they appear in.
    pub fn from_interactions<'a>(
        person: &PersonId,
        interactions: impl IntoIterator<Item = &'a Interaction>,
    ) -> Self {
        let mut stats = Self::default();
        for interaction in interactions {
            stats.add(person, interaction);
        }
        stats
    }

    /// The give/take balance and its plain-language reading.
    pub fn balance(&self) -> Balance {
        Balance {
            score: i64::from(self.gave) - i64::from(self.got),
            reading: read_balance(self.gave, self.got, self.asks_by_me, self.asks_by_them),
        }
    }
}

/// Stats for every person, computed from scratch in one pass over the log.
/// People with no interactions get default (zero) stats.
pub fn compute_all<'a>(
    people: impl IntoIterator<Item = &'a PersonId>,
    interactions: impl IntoIterator<Item = &'a Interaction>,
) -> BTreeMap<PersonId, PersonStats> {
    let mut all: BTreeMap<PersonId, PersonStats> = people
        .into_iter()
        .map(|id| (id.clone(), PersonStats::default()))
        .collect();
    for interaction in interactions {
        for person in &interaction.people {
            if let Some(stats) = all.get_mut(person) {
                stats.add(person, interaction);
            }
        }
    }
    all
}

/// The balance figure: `score` = gives − takes (positive: you give more).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Balance {
    pub score: i64,
    pub reading: BalanceReading,
}

/// Plain-language reading of the balance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BalanceReading {
    /// No gives or takes and too few asks to say anything.
    NothingYet,
    /// Fewer than [`HANDFUL`] gives and takes, both sides some: too few to
    /// call it balanced or not, so only the counts are shown.
    FewSoFar { gave: u32, got: u32 },
    /// Only one side has given anything (the other side's count is 0).
    OnlyOneWay { gave: u32, got: u32 },
    /// Gives and takes are close (see [`read_balance`]).
    Balanced,
    /// You give clearly more than you get.
    YouGiveMore,
    /// They give clearly more than you do.
    TheyGiveMore,
    /// At least two thirds of the asks (and at least 3 asks) are yours.
    YouMostlyAsk,
    /// At least two thirds of the asks (and at least 3 asks) are theirs.
    TheyMostlyAsk,
}

/// "You gave 1 · they gave 0": the raw counts, as every screen writes them.
pub fn gave_got_phrase(gave: u32, got: u32) -> String {
    format!("You gave {gave} · they gave {got}")
}

impl BalanceReading {
    /// The reading in a few words, for lists: "balanced", or the raw counts
    /// when there are too few to read ("You gave 1 · they gave 0").
    pub fn label(self) -> String {
        match self {
            Self::NothingYet => "nothing given either way yet".to_owned(),
            Self::FewSoFar { gave, got } | Self::OnlyOneWay { gave, got } => {
                gave_got_phrase(gave, got)
            }
            Self::Balanced => "balanced".to_owned(),
            Self::YouGiveMore => "you give more".to_owned(),
            Self::TheyGiveMore => "they give more".to_owned(),
            Self::YouMostlyAsk => "you mostly ask".to_owned(),
            Self::TheyMostlyAsk => "they mostly ask".to_owned(),
        }
    }

    /// What the reading means, in a sentence that follows [`label`](Self::label).
    pub fn message(self) -> &'static str {
        match self {
            Self::NothingYet => "Nothing given either way yet.",
            Self::FewSoFar { .. } => "Too few exchanges yet to tell whether it is balanced.",
            Self::OnlyOneWay { gave, .. } if gave > 0 => "So far only you have given.",
            Self::OnlyOneWay { .. } => "So far only they have given.",
            Self::Balanced => "Balanced: you give and take about equally.",
            Self::YouGiveMore => "You give more than you get.",
            Self::TheyGiveMore => "They give more than you do.",
            Self::YouMostlyAsk => "You do most of the asking.",
            Self::TheyMostlyAsk => "They do most of the asking.",
        }
    }
}

/// Asks needed before the asking pattern overrides the give/take reading.
pub const MIN_ASKS_FOR_ASK_READING: u32 = 3;

/// Gives and takes needed before the balance is read as balanced or not:
/// with fewer, one exchange would swing the reading.
pub const HANDFUL: u32 = 5;

/// Reads the balance. Rules, in order:
///
/// 1. With at least [`MIN_ASKS_FOR_ASK_READING`] asks in total, if one side
///    made at least two thirds of them: `YouMostlyAsk` / `TheyMostlyAsk`.
/// 2. With no gives and no takes: `NothingYet`.
/// 3. When one side has given nothing: `OnlyOneWay` with the counts.
/// 4. With fewer than [`HANDFUL`] gives and takes: `FewSoFar` with the counts.
/// 5. `Balanced` when gives and takes differ by at most 1, or by at most 20%
///    of all gives and takes (difference × 5 ≤ total).
/// 6. Otherwise `YouGiveMore` or `TheyGiveMore`.
pub fn read_balance(gave: u32, got: u32, asks_by_me: u32, asks_by_them: u32) -> BalanceReading {
    let asks = asks_by_me + asks_by_them;
    if asks >= MIN_ASKS_FOR_ASK_READING {
        if asks_by_me * 3 >= asks * 2 {
            return BalanceReading::YouMostlyAsk;
        }
        if asks_by_them * 3 >= asks * 2 {
            return BalanceReading::TheyMostlyAsk;
        }
    }
    let total = u64::from(gave) + u64::from(got);
    if total == 0 {
        return BalanceReading::NothingYet;
    }
    if gave == 0 || got == 0 {
        return BalanceReading::OnlyOneWay { gave, got };
    }
    if total < u64::from(HANDFUL) {
        return BalanceReading::FewSoFar { gave, got };
    }
    let diff = u64::from(gave.abs_diff(got));
    if diff <= 1 || diff * 5 <= total {
        BalanceReading::Balanced
    } else if gave > got {
        BalanceReading::YouGiveMore
    } else {
        BalanceReading::TheyGiveMore
    }
}

/// Where someone stands against their cadence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DueStatus {
    /// Not due yet, or no cadence.
    Ok,
    /// Due within the due-soon window (or due today).
    DueSoon,
    /// Past the ideal gap.
    Overdue,
    /// Past the maximum gap.
    PastMax,
}

/// How due a contact is on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContactDue {
    /// Status against the cadence.
    pub status: DueStatus,
    /// The day the clock counts from: the last contact; with none, the later
    /// of the met date and the day they were added.
    pub since: NaiveDate,
    /// Whole days from `since` to today (0 if `since` is in the future).
    pub days_since: i64,
    /// Days left until the ideal gap is reached (negative: overdue by that much);
    /// `None` without a cadence.
    pub days_until_due: Option<i64>,
}

/// Width of the "due soon" window for an ideal gap: a quarter of the gap
/// rounded up, at least 1 and at most 14 days (7 → 2, 30 → 8, 90 → 14).
pub fn due_soon_window(ideal: u32) -> i64 {
    i64::from(ideal.div_ceil(4).clamp(1, 14))
}

/// How due `person` is on `today`. Any logged contact resets the clock; with
/// no contact ever it starts on the later of the met date and the day they
/// were added, so someone met years ago and added today is not overdue.
pub fn contact_due(person: &Person, stats: &PersonStats, today: NaiveDate) -> ContactDue {
    let added = person.created.date_naive();
    let since = stats
        .last_contact
        .unwrap_or_else(|| person.met.date.map_or(added, |met| met.max(added)));
    let days_since = days_between(since, today).max(0);
    let Some(cadence) = person.cadence else {
        return ContactDue {
            status: DueStatus::Ok,
            since,
            days_since,
            days_until_due: None,
        };
    };
    let days_until_due = i64::from(cadence.ideal) - days_since;
    let status = if cadence.max.is_some_and(|max| days_since > i64::from(max)) {
        DueStatus::PastMax
    } else if days_until_due < 0 {
        DueStatus::Overdue
    } else if days_until_due <= due_soon_window(cadence.ideal) {
        DueStatus::DueSoon
    } else {
        DueStatus::Ok
    };
    ContactDue {
        status,
        since,
        days_since,
        days_until_due: Some(days_until_due),
    }
}
