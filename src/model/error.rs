//! The single error type returned by the reducer and by loading.

use std::fmt;

use chrono::NaiveDate;

use super::ids::{ExchangeId, InteractionId, MilestoneId, PersonId, PurposeId};
use super::interaction::{format_money, Outstanding, Portion};

/// Why an action (or a loaded journal) was rejected.
///
/// Every variant reads as plain English through `Display`, so the UI can show
/// it as is. When `Journal::apply` returns an error the journal is unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelError {
    /// An id is empty, too long or has characters other than `a-z A-Z 0-9 - _`.
    InvalidId(String),
    /// No person has this id.
    UnknownPerson(PersonId),
    /// No interaction has this id.
    UnknownInteraction(InteractionId),
    /// The interaction has no exchange with this id.
    UnknownExchange {
        interaction: InteractionId,
        exchange: ExchangeId,
    },
    /// No purpose has this id.
    UnknownPurpose(PurposeId),
    /// No milestone has this id.
    UnknownMilestone(MilestoneId),
    /// A milestone with this id already exists.
    DuplicateMilestone(MilestoneId),
    /// A person with this id already exists.
    DuplicatePerson(PersonId),
    /// An interaction with this id already exists.
    DuplicateInteraction(InteractionId),
    /// Two exchanges in one interaction share an id.
    DuplicateExchange {
        interaction: InteractionId,
        exchange: ExchangeId,
    },
    /// A purpose with this id already exists.
    DuplicatePurpose(PurposeId),
    /// Another purpose already has this label (compared ignoring case).
    DuplicatePurposeLabel(String),
    /// A person's name is empty or only whitespace.
    EmptyName(PersonId),
    /// A purpose label is empty or only whitespace.
    EmptyPurposeLabel(PurposeId),
    /// A usual-circle tag in the settings is empty.
    EmptyCircleTag,
    /// A nudge threshold in the settings is zero.
    InvalidNudgeSetting(&'static str),
    /// An interaction lists nobody.
    NoPeople(InteractionId),
    /// An interaction lists the same person twice.
    PersonListedTwice {
        interaction: InteractionId,
        person: PersonId,
    },
    /// An exchange names a person who is not part of its interaction.
    ExchangePersonNotInInteraction {
        interaction: InteractionId,
        exchange: ExchangeId,
        person: PersonId,
    },
    /// A person is recorded as having introduced themselves.
    IntroducedBySelf(PersonId),
    /// A merge was asked to merge a person into themselves.
    MergeIntoSelf(PersonId),
    /// Loan details were given on an exchange that is not a loan.
    LoanDetailsOnNonLoan(ExchangeId),
    /// A loan amount or settlement amount of zero.
    ZeroAmount(ExchangeId),
    /// A currency that is not three ASCII letters, e.g. "EUR".
    InvalidCurrency(String),
    /// A loaned item with an empty description.
    EmptyLoanItem(ExchangeId),
    /// A settlement percentage outside 1..=100.
    InvalidPercent { exchange: ExchangeId, percent: u32 },
    /// A money loan settled with a percentage, or anything else settled with an amount.
    WrongSettlementUnit {
        exchange: ExchangeId,
        expected: &'static str,
    },
    /// The exchange has nothing that can be settled (no open ask, no loan, or it was declined).
    NothingToSettle(ExchangeId),
    /// The loan was asked for but not made yet, so there is nothing to repay.
    LoanNotMadeYet(ExchangeId),
    /// Everything on this item has already been settled.
    AlreadySettled(ExchangeId),
    /// A settlement larger than what is still outstanding.
    SettlementExceedsOutstanding {
        exchange: ExchangeId,
        outstanding: Outstanding,
        requested: Portion,
    },
    /// A settlement dated before the interaction it settles.
    SettlementBeforeInteraction {
        exchange: ExchangeId,
        settlement: NaiveDate,
        interaction: NaiveDate,
    },
    /// A purpose cannot be removed while interactions use it, unless told what to do with them.
    PurposeInUse {
        purpose: PurposeId,
        interactions: usize,
    },
    /// A purpose removal asked to reassign its interactions to the same purpose.
    ReassignToSamePurpose(PurposeId),
    /// The cadence must have an ideal gap of at least one day and a maximum no smaller than it.
    InvalidCadence { ideal: u32, max: Option<u32> },
    /// A birthday that is not a real calendar day.
    InvalidBirthday(String),
    /// A date outside the years 1000 to 9999.
    DateOutOfRange(NaiveDate),
    /// A record whose `updated` time is earlier than its `created` time.
    UpdatedBeforeCreated(String),
    /// A saved journal in a format version this code does not read.
    UnsupportedVersion(u32),
    /// Found by the integrity check: an id that points at nothing.
    DanglingId { place: String, id: String },
    /// An answer was recorded on an exchange that carries no ask.
    NotAnAsk(ExchangeId),
    /// An ask was answered before it was made.
    AnswerBeforeAsk {
        exchange: ExchangeId,
        answered: NaiveDate,
        asked: NaiveDate,
    },
    /// An open ask carries an answer date.
    OpenAskWithAnswerDate(ExchangeId),
    /// A promise that was declined, withdrawn or is still only asked for.
    PromiseWithoutYes(ExchangeId),
    /// Undo met a record that another change has since made impossible to restore.
    CannotRestore(String),
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ModelError::*;
        match self {
            InvalidId(text) => write!(
                f,
                "\"{text}\" is not a valid id (use 1 to 40 letters, digits, '-' or '_')"
            ),
            UnknownPerson(id) => write!(f, "there is no person with id {id}"),
            UnknownInteraction(id) => write!(f, "there is no interaction with id {id}"),
            UnknownExchange {
                interaction,
                exchange,
            } => write!(
                f,
                "interaction {interaction} has no exchange with id {exchange}"
            ),
            UnknownPurpose(id) => write!(f, "there is no purpose with id {id}"),
            UnknownMilestone(id) => write!(f, "there is no milestone with id {id}"),
            DuplicateMilestone(id) => write!(f, "a milestone with id {id} already exists"),
            DuplicatePerson(id) => write!(f, "a person with id {id} already exists"),
            DuplicateInteraction(id) => write!(f, "an interaction with id {id} already exists"),
            DuplicateExchange {
                interaction,
                exchange,
            } => write!(
                f,
                "interaction {interaction} has two exchanges with id {exchange}"
            ),
            DuplicatePurpose(id) => write!(f, "a purpose with id {id} already exists"),
            DuplicatePurposeLabel(label) => {
                write!(f, "a purpose called \"{label}\" already exists")
            }
            EmptyName(id) => write!(f, "person {id} needs a name"),
            EmptyPurposeLabel(id) => write!(f, "purpose {id} needs a label"),
            EmptyCircleTag => write!(f, "a usual-circle tag cannot be empty"),
            InvalidNudgeSetting(what) => write!(f, "the nudge setting \"{what}\" must be at least 1"),
            NoPeople(id) => write!(f, "interaction {id} must include at least one person"),
            PersonListedTwice {
                interaction,
                person,
            } => write!(f, "interaction {interaction} lists person {person} twice"),
            ExchangePersonNotInInteraction {
                interaction,
                exchange,
                person,
            } => write!(
                f,
                "exchange {exchange} names person {person}, who is not part of interaction {interaction}"
            ),
            IntroducedBySelf(id) => write!(f, "person {id} cannot have introduced themselves"),
            MergeIntoSelf(id) => write!(f, "cannot merge person {id} into themselves"),
            LoanDetailsOnNonLoan(id) => {
                write!(f, "exchange {id} has loan details but is not a loan")
            }
            ZeroAmount(id) => write!(f, "exchange {id} has an amount of zero"),
            InvalidCurrency(cur) => write!(
                f,
                "\"{cur}\" is not a currency code (use three letters such as EUR)"
            ),
            EmptyLoanItem(id) => write!(f, "exchange {id} lends an item with no description"),
            InvalidPercent { exchange, percent } => write!(
                f,
                "exchange {exchange}: {percent}% is not a valid share (use 1 to 100)"
            ),
            WrongSettlementUnit { exchange, expected } => {
                write!(f, "exchange {exchange} must be settled with {expected}")
            }
            NothingToSettle(id) => write!(
                f,
                "exchange {id} has nothing to settle (only promises and loans can be settled)"
            ),
            LoanNotMadeYet(id) => write!(
                f,
                "the loan in exchange {id} is still only asked for; mark it granted before recording repayments"
            ),
            AlreadySettled(id) => write!(f, "exchange {id} is already fully settled"),
            SettlementExceedsOutstanding {
                exchange,
                outstanding,
                requested,
            } => {
                let requested = match (outstanding, requested) {
                    (Outstanding::Money { currency, .. }, Portion::Amount(amount)) => {
                        format_money(*amount, currency)
                    }
                    (_, other) => other.to_string(),
                };
                write!(
                    f,
                    "exchange {exchange}: cannot settle {requested}, only {outstanding} is outstanding"
                )
            }
            SettlementBeforeInteraction {
                exchange,
                settlement,
                interaction,
            } => write!(
                f,
                "exchange {exchange}: a settlement on {settlement} cannot come before the interaction on {interaction}"
            ),
            PurposeInUse {
                purpose,
                interactions,
            } => write!(
                f,
                "purpose {purpose} is used by {interactions} interaction(s); reassign or clear them to remove it"
            ),
            ReassignToSamePurpose(id) => {
                write!(f, "cannot reassign purpose {id} to itself while removing it")
            }
            InvalidCadence { ideal, max } => match max {
                Some(max) => write!(
                    f,
                    "a cadence of every {ideal} day(s) with a maximum of {max} is invalid (ideal must be at least 1 and the maximum no smaller)"
                ),
                None => write!(f, "a cadence of every {ideal} day(s) is invalid (use at least 1)"),
            },
            InvalidBirthday(text) => write!(f, "\"{text}\" is not a valid birthday"),
            DateOutOfRange(date) => {
                write!(f, "the date {date} is outside the years 1000 to 9999")
            }
            UpdatedBeforeCreated(id) => {
                write!(f, "record {id} says it was updated before it was created")
            }
            UnsupportedVersion(v) => write!(f, "journal format version {v} is not supported"),
            DanglingId { place, id } => write!(f, "{place} refers to missing id {id}"),
            NotAnAsk(id) => write!(f, "exchange {id} was not an ask, so it has no answer"),
            AnswerBeforeAsk {
                exchange,
                answered,
                asked,
            } => write!(
                f,
                "exchange {exchange}: an answer on {answered} cannot come before the ask on {asked}"
            ),
            OpenAskWithAnswerDate(id) => write!(
                f,
                "exchange {id} is still waiting for an answer, so it cannot have an answer date"
            ),
            PromiseWithoutYes(id) => write!(
                f,
                "exchange {id} is marked promised, but its ask was not said yes to"
            ),
            CannotRestore(why) => write!(f, "cannot undo: {why}"),
        }
    }
}

impl std::error::Error for ModelError {}
