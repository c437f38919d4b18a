//! Journal entries (interactions) and the units of reciprocity inside them (exchanges).
//!
//! # Reciprocity rules
//!
//! An [`Exchange`] records something that went (or was asked to go) one way
//! between you and one person: `direction` says who gives, `ask` (optional)
//! says who asked and how it was answered, and when.
//!
//! * **Asks have a life.** An ask is *open* (waiting for an answer),
//!   *granted* (yes), *declined* (no, by the one who was asked) or
//!   *withdrawn* (by the one who asked). An open ask is never a debt: it is
//!   "waiting on you" or "waiting on them".
//! * **Delivered** (counts as a give or a take): no ask, or the ask was
//!   granted; a promise only once it has been fully settled. Declined,
//!   withdrawn and open asks never count.
//! * **Obligation** (something owed) exists only where the user says so,
//!   at most one per exchange:
//!   * a **promise** (`promised`, "I promised to…") is owed by the giver
//!     until settled, in percentages of the whole;
//!   * a **loan** that was made (no ask, or granted) is owed back by the
//!     receiver (`gave` → they owe you, `got` → you owe them). Money loans are
//!     repaid in amounts of the same currency, item loans in percentages.
//!   * declined, withdrawn and open asks owe nothing.

use std::fmt;

use chrono::{DateTime, NaiveDate, NaiveTime, Timelike, Utc};
use serde::{Deserialize, Serialize};

use super::ids::{ExchangeId, InteractionId, PersonId, PurposeId};

/// What kind of contact an interaction was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InteractionKind {
    Coffee,
    Meal,
    Call,
    Video,
    Message,
    Email,
    Event,
    Introduction,
    Other,
}

impl InteractionKind {
    /// Every kind, in menu order.
    pub const ALL: [InteractionKind; 9] = [
        Self::Coffee,
        Self::Meal,
        Self::Call,
        Self::Video,
        Self::Message,
        Self::Email,
        Self::Event,
        Self::Introduction,
        Self::Other,
    ];

    /// English label for menus.
    pub fn label(self) -> &'static str {
        match self {
            Self::Coffee => "Coffee",
            Self::Meal => "Meal",
            Self::Call => "Call",
            Self::Video => "Video call",
            Self::Message => "Message",
            Self::Email => "Email",
            Self::Event => "Event",
            Self::Introduction => "Introduction",
            Self::Other => "Other",
        }
    }
}

/// Who reached out for an interaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Initiator {
    Me,
    Them,
    Mutual,
}

impl Initiator {
    /// Every initiator, in the order the forms offer them.
    pub const ALL: [Initiator; 3] = [Self::Me, Self::Them, Self::Mutual];

    /// A stable lowercase code for form values and element ids (the same as
    /// the stored value): "me", "them", "mutual".
    pub fn code(self) -> &'static str {
        match self {
            Self::Me => "me",
            Self::Them => "them",
            Self::Mutual => "mutual",
        }
    }

    /// The initiator in a column of its own (the CSV export): "Me", "Them", "Mutual".
    pub fn label(self) -> &'static str {
        match self {
            Self::Me => "Me",
            Self::Them => "Them",
            Self::Mutual => "Mutual",
        }
    }

    /// The answer to "Who reached out?": "I did", "They did", "Both of us".
    pub fn answer(self) -> &'static str {
        match self {
            Self::Me => "I did",
            Self::Them => "They did",
            Self::Mutual => "Both of us",
        }
    }

    /// In a sentence about the contact: "you reached out", "they reached out"…
    pub fn phrase(self) -> &'static str {
        match self {
            Self::Me => "you reached out",
            Self::Them => "they reached out",
            Self::Mutual => "both reached out",
        }
    }
}

/// One journal entry: a contact with one or more people on a given day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interaction {
    /// Stable id.
    pub id: InteractionId,
    /// Local calendar day of the contact (no time zone, so DST cannot shift it).
    pub date: NaiveDate,
    /// Local time of day, when noted. Written as `"HH:MM"` (`"HH:MM:SS"` if it has seconds).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "time_of_day")]
    pub time: Option<NaiveTime>,
    /// Everyone involved; at least one, no repeats.
    #[serde(rename = "who")]
    pub people: Vec<PersonId>,
    /// Coffee, call, ...
    pub kind: InteractionKind,
    /// Who reached out.
    #[serde(rename = "by")]
    pub initiated_by: Initiator,
    /// Why, from the journal's purpose list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<PurposeId>,
    /// Free note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// What was given, taken or asked.
    #[serde(rename = "ex", default, skip_serializing_if = "Vec::is_empty")]
    pub exchanges: Vec<Exchange>,
    /// When the entry was created (UTC, epoch milliseconds).
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub created: DateTime<Utc>,
    /// When the entry last changed (UTC, epoch milliseconds); used for merge-by-newer.
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub updated: DateTime<Utc>,
}

impl Interaction {
    /// An interaction with no purpose, note or exchanges, created and updated at `now`.
    pub fn new(
        id: InteractionId,
        date: NaiveDate,
        people: Vec<PersonId>,
        kind: InteractionKind,
        initiated_by: Initiator,
        now: DateTime<Utc>,
    ) -> Self {
        Self {
            id,
            date,
            time: None,
            people,
            kind,
            initiated_by,
            purpose: None,
            note: String::new(),
            exchanges: Vec::new(),
            created: now,
            updated: now,
        }
    }

    /// Whether `person` took part.
    pub fn includes(&self, person: &PersonId) -> bool {
        self.people.contains(person)
    }

    /// Whether any exchange carries an ask made by you (to anyone).
    pub fn has_ask_from_me(&self) -> bool {
        self.exchanges
            .iter()
            .any(|e| e.ask.is_some_and(|a| a.by == Party::Me))
    }

    /// Whether an exchange with `person` carries an ask made by you.
    pub fn has_ask_from_me_to(&self, person: &PersonId) -> bool {
        self.exchanges
            .iter()
            .any(|e| &e.person == person && e.ask.is_some_and(|a| a.by == Party::Me))
    }

    /// The exchange with this id.
    pub fn exchange(&self, id: &ExchangeId) -> Option<&Exchange> {
        self.exchanges.iter().find(|e| &e.id == id)
    }

    /// Sort key for "most recent": date, then time (untimed first), then
    /// creation time, then id, so the order is total and stable.
    pub fn chronological_key(
        &self,
    ) -> (NaiveDate, Option<NaiveTime>, DateTime<Utc>, &InteractionId) {
        (self.date, self.time, self.created, &self.id)
    }
}

/// A time of day as entries store it and files and form fields carry it:
/// `"09:30"`, or `"09:30:15"` and `"09:30:15.250"` when it has seconds.
/// Written by hand: chrono's `format` machinery costs kilobytes of wasm, and
/// `NaiveTime`'s own ISO display always writes the seconds.
pub fn time_text(time: NaiveTime) -> String {
    if time.second() == 0 && time.nanosecond() == 0 {
        format!("{:02}:{:02}", time.hour(), time.minute())
    } else {
        time.to_string()
    }
}

/// `Option<NaiveTime>` as [`time_text`] writes it; reads `"09:30"` and `"09:30:15"`.
mod time_of_day {
    use chrono::NaiveTime;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(time: &Option<NaiveTime>, s: S) -> Result<S::Ok, S::Error> {
        match time {
            Some(t) => s.serialize_str(&super::time_text(*t)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveTime>, D::Error> {
        let Some(text) = Option::<String>::deserialize(d)? else {
            return Ok(None);
        };
        NaiveTime::parse_from_str(&text, "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(&text, "%H:%M:%S%.f"))
            .map(Some)
            .map_err(|_| {
                serde::de::Error::custom(format!("\"{text}\" is not a time of day (use HH:MM)"))
            })
    }
}

/// Which way an exchange goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// I gave to them.
    Gave,
    /// They gave to me.
    Got,
}

/// What was exchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExchangeKind {
    /// A favour or practical help.
    Favour,
    /// An introduction to someone.
    Introduction,
    /// Advice or information.
    Advice,
    /// A referral (job, client).
    Referral,
    /// A gift.
    Gift,
    /// A loan of money or an item; see [`LoanSubject`].
    Loan,
}

impl ExchangeKind {
    /// Every kind, in menu order.
    pub const ALL: [ExchangeKind; 6] = [
        Self::Favour,
        Self::Introduction,
        Self::Advice,
        Self::Referral,
        Self::Gift,
        Self::Loan,
    ];

    /// The kind in a menu: "A favour or help", "Advice or information"…
    pub fn label(self) -> &'static str {
        match self {
            ExchangeKind::Favour => "A favour or help",
            ExchangeKind::Introduction => "An introduction",
            ExchangeKind::Advice => "Advice or information",
            ExchangeKind::Referral => "A referral",
            ExchangeKind::Gift => "A gift",
            ExchangeKind::Loan => "A loan",
        }
    }

    /// The kind in a sentence: "a favour", "an introduction", "advice"…
    pub fn phrase(self) -> &'static str {
        match self {
            ExchangeKind::Favour => "a favour",
            ExchangeKind::Introduction => "an introduction",
            ExchangeKind::Advice => "advice",
            ExchangeKind::Referral => "a referral",
            ExchangeKind::Gift => "a gift",
            ExchangeKind::Loan => "a loan",
        }
    }
}

/// You or the other person (used for asks and for who owes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Party {
    Me,
    Them,
}

/// Where an ask stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Yes: the ask was granted.
    Granted,
    /// The other person said no.
    DeclinedByThem,
    /// You said no.
    DeclinedByMe,
    /// The one who asked took it back.
    Withdrawn,
    /// Waiting for an answer.
    Open,
}

impl Outcome {
    /// Where the ask stands, in a list of details: "granted", "declined by
    /// them", "declined by me", "withdrawn", "open".
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Granted => "granted",
            Outcome::DeclinedByThem => "declined by them",
            Outcome::DeclinedByMe => "declined by me",
            Outcome::Withdrawn => "withdrawn",
            Outcome::Open => "open",
        }
    }
}

/// An ask attached to an exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Ask {
    /// Who asked.
    pub by: Party,
    /// Where it stands.
    pub outcome: Outcome,
    /// The day it was answered, when that was later than the entry's day.
    #[serde(rename = "on", default, skip_serializing_if = "Option::is_none")]
    pub answered: Option<NaiveDate>,
}

impl Ask {
    /// An ask by `by` with this outcome, answered the day it was made.
    pub fn new(by: Party, outcome: Outcome) -> Self {
        Self {
            by,
            outcome,
            answered: None,
        }
    }

    /// Whether it still waits for an answer.
    pub fn is_open(&self) -> bool {
        self.outcome == Outcome::Open
    }

    /// The party who was asked (the one who answers yes or no).
    pub fn asked(&self) -> Party {
        self.by.other()
    }
}

impl Party {
    /// The start of a sentence about what this debtor owes: "You owe them",
    /// "They owe you".
    pub fn owes(self) -> &'static str {
        match self {
            Party::Me => "You owe them",
            Party::Them => "They owe you",
        }
    }

    /// Who asked, in a list of details: "asked by me", "asked by them".
    pub fn asked_by(self) -> &'static str {
        match self {
            Party::Me => "asked by me",
            Party::Them => "asked by them",
        }
    }

    /// The other side.
    pub fn other(self) -> Party {
        match self {
            Party::Me => Party::Them,
            Party::Them => Party::Me,
        }
    }
}

/// What a loan was: an amount of money or an item.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum LoanSubject {
    /// `amount` in minor units (cents) of `currency` (ISO 4217 code, e.g. "EUR").
    Money { amount: u64, currency: String },
    /// A lent item, described in words.
    Item { item: String },
}

/// One unit of reciprocity between you and one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exchange {
    /// Stable id, unique within its interaction.
    pub id: ExchangeId,
    /// Who gave to whom.
    #[serde(rename = "dir")]
    pub direction: Direction,
    /// The person on the other side; must be one of the interaction's people.
    #[serde(rename = "who")]
    pub person: PersonId,
    /// What was exchanged.
    pub kind: ExchangeKind,
    /// The ask behind it, if there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ask: Option<Ask>,
    /// Loan details; only on loans, and optional even there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loan: Option<LoanSubject>,
    /// Promised, not yet done: the giver owes it until it is settled.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub promised: bool,
    /// Partial or full settlements of the obligation, oldest first.
    #[serde(rename = "settled", default, skip_serializing_if = "Vec::is_empty")]
    pub settlements: Vec<Settlement>,
    /// Free note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// How an obligation is measured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Measure {
    /// A money loan: settled in minor units of `currency`, `whole` in total.
    Money { whole: u64, currency: String },
    /// Anything else: settled in percentages of 100.
    Percent,
}

impl Exchange {
    /// A plain exchange with no ask, loan details, settlements or note.
    pub fn new(id: ExchangeId, direction: Direction, person: PersonId, kind: ExchangeKind) -> Self {
        Self {
            id,
            direction,
            person,
            kind,
            ask: None,
            loan: None,
            promised: false,
            settlements: Vec::new(),
            note: String::new(),
        }
    }

    /// Builder: attach an ask.
    pub fn with_ask(mut self, by: Party, outcome: Outcome) -> Self {
        self.ask = Some(Ask::new(by, outcome));
        self
    }

    /// Builder: mark it promised and not yet done.
    pub fn promised(mut self) -> Self {
        self.promised = true;
        self
    }

    /// Builder: make this a loan of `amount` minor units of `currency`.
    pub fn with_money_loan(mut self, amount: u64, currency: impl Into<String>) -> Self {
        self.kind = ExchangeKind::Loan;
        self.loan = Some(LoanSubject::Money {
            amount,
            currency: currency.into(),
        });
        self
    }

    /// Builder: make this a loan of an item.
    pub fn with_item_loan(mut self, item: impl Into<String>) -> Self {
        self.kind = ExchangeKind::Loan;
        self.loan = Some(LoanSubject::Item { item: item.into() });
        self
    }

    /// Builder: add a settlement.
    pub fn with_settlement(mut self, settlement: Settlement) -> Self {
        self.settlements.push(settlement);
        self
    }

    /// Whether the ask (if any) was declined by either side.
    pub fn is_declined(&self) -> bool {
        matches!(
            self.ask.map(|a| a.outcome),
            Some(Outcome::DeclinedByMe | Outcome::DeclinedByThem)
        )
    }

    /// Whether it is an ask still waiting for an answer.
    pub fn is_open_ask(&self) -> bool {
        self.ask.is_some_and(|a| a.is_open())
    }

    /// Whether the ask (if any) was declined or withdrawn: nothing came of it.
    fn came_to_nothing(&self) -> bool {
        matches!(
            self.ask.map(|a| a.outcome),
            Some(Outcome::DeclinedByMe | Outcome::DeclinedByThem | Outcome::Withdrawn)
        )
    }

    /// How the obligation (if any) is measured.
    pub fn measure(&self) -> Measure {
        match &self.loan {
            Some(LoanSubject::Money { amount, currency }) if self.kind == ExchangeKind::Loan => {
                Measure::Money {
                    whole: *amount,
                    currency: currency.clone(),
                }
            }
            _ => Measure::Percent,
        }
    }

    /// Sum of the settlements in this exchange's unit (minor units or percent).
    pub fn settled_total(&self) -> u64 {
        let money = matches!(self.measure(), Measure::Money { .. });
        self.settlements
            .iter()
            .map(|s| match (s.portion, money) {
                (Portion::Amount(a), true) => a,
                (Portion::Percent(p), false) => u64::from(p),
                _ => 0,
            })
            .fold(0u64, u64::saturating_add)
    }

    /// What it is, in words: the note, else the lent item or amount, else
    /// the kind ("a favour", "an introduction", ...).
    pub fn what(&self) -> String {
        let note = self.note.trim();
        if !note.is_empty() {
            return note.to_owned();
        }
        match &self.loan {
            Some(LoanSubject::Item { item }) if !item.trim().is_empty() => item.trim().to_owned(),
            Some(LoanSubject::Money { amount, currency }) => format_money(*amount, currency),
            _ => self.kind.phrase().to_owned(),
        }
    }

    /// What happened, in a sentence for the history; `date` writes a day the
    /// reader's way: "You asked for advice: they said no on 3 Dec 2026."
    pub fn describe(&self, date: impl Fn(NaiveDate) -> String) -> String {
        let what = self.what();
        let Some(ask) = self.ask else {
            let promise_left = self.obligation().filter(|_| self.promised);
            return match (self.direction, promise_left) {
                (Direction::Gave, Some(o)) if !o.outstanding.is_zero() => {
                    format!("You promised {what}: not done yet.")
                }
                (Direction::Got, Some(o)) if !o.outstanding.is_zero() => {
                    format!("They promised {what}: not done yet.")
                }
                (Direction::Gave, _) => format!("You gave {what}."),
                (Direction::Got, _) => format!("They gave {what}."),
            };
        };
        let asked = match ask.by {
            Party::Me => format!("You asked for {what}"),
            Party::Them => format!("They asked for {what}"),
        };
        let answer = match (ask.outcome, ask.by) {
            (Outcome::Open, Party::Me) => "waiting for an answer",
            (Outcome::Open, Party::Them) => "you haven't answered",
            (Outcome::Granted, Party::Me) => "they said yes",
            (Outcome::Granted, Party::Them) => "you said yes",
            (Outcome::DeclinedByThem, _) => "they said no",
            (Outcome::DeclinedByMe, _) => "you said no",
            (Outcome::Withdrawn, Party::Me) => "you withdrew it",
            (Outcome::Withdrawn, Party::Them) => "they withdrew it",
        };
        let when = ask
            .answered
            .map(|day| format!(" on {}", date(day)))
            .unwrap_or_default();
        let promised =
            if self.promised && self.obligation().is_some_and(|o| !o.outstanding.is_zero()) {
                ", not done yet"
            } else {
                ""
            };
        format!("{asked}: {answer}{when}{promised}.")
    }

    /// Whether this counts as a give (or take): it happened. Open, declined
    /// and withdrawn asks do not; a promise counts once fully settled.
    pub fn is_delivered(&self) -> bool {
        match self.ask.map(|a| a.outcome) {
            None | Some(Outcome::Granted) => {
                !self.promised || self.kind == ExchangeKind::Loan || self.settled_total() >= 100
            }
            Some(Outcome::DeclinedByMe | Outcome::DeclinedByThem | Outcome::Withdrawn) => false,
            Some(Outcome::Open) => false,
        }
    }

    /// Who gives in this exchange.
    pub fn giver(&self) -> Party {
        match self.direction {
            Direction::Gave => Party::Me,
            Direction::Got => Party::Them,
        }
    }

    /// What is owed on this exchange, if anything (see the module docs).
    pub fn obligation(&self) -> Option<Obligation> {
        if self.came_to_nothing() || self.is_open_ask() {
            return None;
        }
        let giver = self.giver();
        let (debtor, kind) = if self.kind == ExchangeKind::Loan {
            (giver.other(), ObligationKind::Repayment)
        } else if self.promised {
            (giver, ObligationKind::Delivery)
        } else {
            return None;
        };
        let settled = self.settled_total();
        let outstanding = match self.measure() {
            Measure::Money { whole, currency } => Outstanding::Money {
                amount: whole.saturating_sub(settled),
                currency,
            },
            Measure::Percent => Outstanding::Percent(
                100u32.saturating_sub(u32::try_from(settled).unwrap_or(u32::MAX)),
            ),
        };
        Some(Obligation {
            debtor,
            kind,
            outstanding,
        })
    }
}

/// A part of an obligation settled on a given day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "SettlementWire", into = "SettlementWire")]
pub struct Settlement {
    /// The day it was settled (not before the interaction).
    pub date: NaiveDate,
    /// How much.
    pub portion: Portion,
    /// Free note.
    pub note: String,
}

impl Settlement {
    /// A settlement with no note.
    pub fn new(date: NaiveDate, portion: Portion) -> Self {
        Self {
            date,
            portion,
            note: String::new(),
        }
    }
}

/// JSON form of a settlement: exactly one of `amount` and `percent`.
#[derive(Serialize, Deserialize)]
struct SettlementWire {
    date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    amount: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    percent: Option<u32>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    note: String,
}

impl TryFrom<SettlementWire> for Settlement {
    type Error = String;
    fn try_from(w: SettlementWire) -> Result<Self, String> {
        let portion = match (w.amount, w.percent) {
            (Some(a), None) => Portion::Amount(a),
            (None, Some(p)) => Portion::Percent(p),
            _ => return Err("a settlement needs exactly one of \"amount\" and \"percent\"".into()),
        };
        Ok(Self {
            date: w.date,
            portion,
            note: w.note,
        })
    }
}

impl From<Settlement> for SettlementWire {
    fn from(s: Settlement) -> Self {
        let (amount, percent) = match s.portion {
            Portion::Amount(a) => (Some(a), None),
            Portion::Percent(p) => (None, Some(p)),
        };
        Self {
            date: s.date,
            amount,
            percent,
            note: s.note,
        }
    }
}

/// The size of a settlement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Portion {
    /// Minor units of the loan's currency (money loans only).
    Amount(u64),
    /// Percentage of the whole item, 1..=100 (everything except money loans).
    Percent(u32),
}

impl fmt::Display for Portion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Portion::Amount(a) => write!(f, "{a} minor units"),
            Portion::Percent(p) => write!(f, "{p}%"),
        }
    }
}

/// Whether an obligation is a pending favour or a loan to pay back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ObligationKind {
    /// A promise still to be delivered by the giver.
    Delivery,
    /// A loan still to be returned by the receiver.
    Repayment,
}

/// Something owed on an exchange.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Obligation {
    /// Who owes it.
    pub debtor: Party,
    /// Delivery or repayment.
    pub kind: ObligationKind,
    /// What is still outstanding (zero when fully settled).
    pub outstanding: Outstanding,
}

/// An outstanding quantity.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Outstanding {
    /// Minor units of a currency.
    Money { amount: u64, currency: String },
    /// Percentage of the whole.
    Percent(u32),
}

impl Outstanding {
    /// True when nothing is left.
    pub fn is_zero(&self) -> bool {
        match self {
            Outstanding::Money { amount, .. } => *amount == 0,
            Outstanding::Percent(p) => *p == 0,
        }
    }

    /// The portion that settles all of it.
    pub fn as_portion(&self) -> Portion {
        match self {
            Outstanding::Money { amount, .. } => Portion::Amount(*amount),
            Outstanding::Percent(p) => Portion::Percent(*p),
        }
    }
}

impl fmt::Display for Outstanding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outstanding::Money { amount, currency } => {
                f.write_str(&format_money(*amount, currency))
            }
            Outstanding::Percent(p) => write!(f, "{p}%"),
        }
    }
}

/// Currencies whose minor unit is the major unit (no decimals).
const ZERO_DECIMAL_CURRENCIES: [&str; 8] = ["JPY", "KRW", "VND", "CLP", "ISK", "PYG", "UGX", "XOF"];

/// Formats minor units for people: `2550, "EUR"` → `"25.50 EUR"`, `1200, "JPY"` → `"1200 JPY"`.
pub fn format_money(amount: u64, currency: &str) -> String {
    if ZERO_DECIMAL_CURRENCIES
        .iter()
        .any(|c| c.eq_ignore_ascii_case(currency))
    {
        format!("{amount} {currency}")
    } else {
        format!("{}.{:02} {currency}", amount / 100, amount % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    fn ex(direction: Direction, kind: ExchangeKind) -> Exchange {
        Exchange::new(ExchangeId::new(1), direction, PersonId::new(1), kind)
    }

    #[test]
    fn an_open_ask_is_never_a_debt_and_counts_for_nobody() {
        for direction in [Direction::Gave, Direction::Got] {
            for by in [Party::Me, Party::Them] {
                let e = ex(direction, ExchangeKind::Favour).with_ask(by, Outcome::Open);
                assert_eq!(e.obligation(), None);
                assert!(!e.is_delivered());
                assert!(e.is_open_ask());
            }
        }
    }

    #[test]
    fn a_promise_is_owed_by_the_giver_and_settles_in_percent() {
        let mut e = ex(Direction::Gave, ExchangeKind::Favour).promised();
        let Some(ob) = e.obligation() else {
            panic!("a promise is owed");
        };
        assert_eq!(ob.debtor, Party::Me);
        assert_eq!(ob.kind, ObligationKind::Delivery);
        assert_eq!(ob.outstanding, Outstanding::Percent(100));
        assert!(!e.is_delivered());
        e.settlements
            .push(Settlement::new(d(2024, 1, 2), Portion::Percent(40)));
        assert_eq!(
            e.obligation().map(|o| o.outstanding),
            Some(Outstanding::Percent(60))
        );
        e.settlements
            .push(Settlement::new(d(2024, 1, 3), Portion::Percent(60)));
        assert!(e.obligation().is_some_and(|o| o.outstanding.is_zero()));
        assert!(e.is_delivered());
    }

    #[test]
    fn money_loan_is_owed_back_by_the_receiver() {
        let e = ex(Direction::Got, ExchangeKind::Loan)
            .with_money_loan(5000, "EUR")
            .with_settlement(Settlement::new(d(2024, 1, 2), Portion::Amount(1250)));
        let ob = e.obligation();
        assert_eq!(ob.as_ref().map(|o| o.debtor), Some(Party::Me));
        assert_eq!(ob.as_ref().map(|o| o.kind), Some(ObligationKind::Repayment));
        assert_eq!(
            ob.map(|o| o.outstanding.to_string()),
            Some("37.50 EUR".into())
        );
        assert!(e.is_delivered());
    }

    #[test]
    fn a_loan_only_asked_for_is_owed_once_granted() {
        let mut e = ex(Direction::Got, ExchangeKind::Loan)
            .with_money_loan(5000, "GBP")
            .with_ask(Party::Me, Outcome::Open);
        assert_eq!(e.obligation(), None);
        assert!(!e.is_delivered());
        e.ask = Some(Ask::new(Party::Me, Outcome::Granted));
        assert_eq!(e.obligation().map(|o| o.debtor), Some(Party::Me));
        assert!(e.is_delivered());
    }

    #[test]
    fn declined_withdrawn_and_plain_exchanges_owe_nothing() {
        for outcome in [
            Outcome::DeclinedByMe,
            Outcome::DeclinedByThem,
            Outcome::Withdrawn,
        ] {
            let e = ex(Direction::Gave, ExchangeKind::Loan)
                .with_money_loan(100, "EUR")
                .with_ask(Party::Them, outcome);
            assert_eq!(e.obligation(), None);
            assert!(!e.is_delivered());
        }
        let advice = ex(Direction::Gave, ExchangeKind::Advice);
        assert_eq!(advice.obligation(), None);
        assert!(advice.is_delivered());
    }

    #[test]
    fn money_formatting() {
        assert_eq!(format_money(2550, "EUR"), "25.50 EUR");
        assert_eq!(format_money(5, "USD"), "0.05 USD");
        assert_eq!(format_money(1200, "JPY"), "1200 JPY");
    }
}
