//! Normalisation and validation shared by the reducer and by loading.
//!
//! Normalising is lossless cleanup (trim text, drop empty and duplicate list
//! entries, upper-case currency codes, cut timestamps to milliseconds so they
//! round-trip through JSON). Validation rejects anything that would break an
//! invariant of the journal.

use chrono::{DateTime, Utc};

use super::dates::check_date;
use super::error::ModelError;
use super::ids::{PersonId, PurposeId};
use super::interaction::{
    ExchangeKind, Interaction, LoanSubject, Measure, Outcome, Outstanding, Portion,
};
use super::person::{same_text, Person};
use super::purpose::Purpose;

/// Drops sub-millisecond precision, which the JSON shape does not keep.
pub(crate) fn to_millis(t: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(t.timestamp_millis()).unwrap_or(t)
}

/// The `updated` time for a record touched at `now`: never earlier than before.
pub(crate) fn bump(previous: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
    previous.max(to_millis(now))
}

fn clean_optional(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

fn clean_list(list: &mut Vec<String>, same: fn(&str, &str) -> bool) {
    let mut kept: Vec<String> = Vec::with_capacity(list.len());
    for item in list.drain(..) {
        let item = item.trim().to_owned();
        if !item.is_empty() && !kept.iter().any(|k| same(k, &item)) {
            kept.push(item);
        }
    }
    *list = kept;
}

fn exact(a: &str, b: &str) -> bool {
    a == b
}

/// Appends the entries of `extra` missing from `list` (used when merging).
pub(crate) fn union_into(list: &mut Vec<String>, extra: &[String], case_insensitive: bool) {
    list.extend(extra.iter().cloned());
    clean_list(list, if case_insensitive { same_text } else { exact });
}

pub(crate) fn normalize_person(person: &mut Person) {
    person.name = person.name.trim().to_owned();
    person.org = clean_optional(person.org.take());
    person.role = clean_optional(person.role.take());
    clean_list(&mut person.emails, same_text);
    clean_list(&mut person.phones, exact);
    clean_list(&mut person.links, exact);
    clean_list(&mut person.tags, same_text);
    person.met.place = clean_optional(person.met.place.take());
    person.created = to_millis(person.created);
    person.updated = to_millis(person.updated);
}

/// Where a broken rule was found, relative to its record (`who[1]`,
/// `ex[0].who`; empty for the record as a whole), and the rule. Validation
/// reports every problem it finds to one of these; the reducer keeps the
/// first, an import keeps them all.
pub(crate) type Report<'r> = &'r mut dyn FnMut(String, ModelError);

/// Runs `check` and returns the first problem it reports.
fn first_problem(check: impl FnOnce(Report<'_>)) -> Result<(), ModelError> {
    let mut first = None;
    check(&mut |_, error| {
        first.get_or_insert(error);
    });
    first.map_or(Ok(()), Err)
}

pub(crate) fn validate_person(
    person: &Person,
    person_exists: impl Fn(&PersonId) -> bool,
) -> Result<(), ModelError> {
    first_problem(|report| check_person(person, &person_exists, report))
}

/// Every rule a person breaks, each at its field.
pub(crate) fn check_person(
    person: &Person,
    person_exists: &dyn Fn(&PersonId) -> bool,
    report: Report<'_>,
) {
    if person.name.is_empty() {
        report("name".into(), ModelError::EmptyName(person.id.clone()));
    }
    if let Some(via) = &person.met.introduced_by {
        if via == &person.id {
            report(
                "met.via".into(),
                ModelError::IntroducedBySelf(person.id.clone()),
            );
        } else if !person_exists(via) {
            report("met.via".into(), ModelError::UnknownPerson(via.clone()));
        }
    }
    if let Some(cadence) = person.cadence {
        if !cadence.is_valid() {
            report(
                "cadence".into(),
                ModelError::InvalidCadence {
                    ideal: cadence.ideal,
                    max: cadence.max,
                },
            );
        }
    }
    if let Some(Err(err)) = person.met.date.map(check_date) {
        report("met.date".into(), err);
    }
    if let Some(Err(err)) = person.snoozed_until.map(check_date) {
        report("snooze".into(), err);
    }
    if person.updated < person.created {
        report(
            "updated".into(),
            ModelError::UpdatedBeforeCreated(person.id.to_string()),
        );
    }
}

pub(crate) fn normalize_interaction(interaction: &mut Interaction) {
    interaction.created = to_millis(interaction.created);
    interaction.updated = to_millis(interaction.updated);
    for exchange in &mut interaction.exchanges {
        // Journals written before asks had answers settled open asks in parts:
        // such an ask was said yes to and is being delivered, so it is a
        // granted promise (settled in parts, as before).
        // A loan is owed back once made; "promised" adds nothing to it.
        if exchange.kind == ExchangeKind::Loan {
            exchange.promised = false;
        }
        if let Some(ask) = &mut exchange.ask {
            if ask.is_open() && !exchange.settlements.is_empty() {
                ask.outcome = Outcome::Granted;
                exchange.promised = exchange.kind != ExchangeKind::Loan;
            }
        }
        match &mut exchange.loan {
            Some(LoanSubject::Money { currency, .. }) => {
                *currency = currency.trim().to_ascii_uppercase();
            }
            Some(LoanSubject::Item { item }) => *item = item.trim().to_owned(),
            None => {}
        }
    }
}

fn is_currency_code(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

pub(crate) fn validate_interaction(
    interaction: &Interaction,
    person_exists: impl Fn(&PersonId) -> bool,
    purpose_exists: impl Fn(&PurposeId) -> bool,
) -> Result<(), ModelError> {
    first_problem(|report| check_interaction(interaction, &person_exists, &purpose_exists, report))
}

/// Every rule an interaction breaks, each at its field (an exchange
/// reports its first problem only: later rules assume the earlier hold).
pub(crate) fn check_interaction(
    interaction: &Interaction,
    person_exists: &dyn Fn(&PersonId) -> bool,
    purpose_exists: &dyn Fn(&PurposeId) -> bool,
    report: Report<'_>,
) {
    let id = &interaction.id;
    if let Err(err) = check_date(interaction.date) {
        report("date".into(), err);
    }
    if interaction.people.is_empty() {
        report("who".into(), ModelError::NoPeople(id.clone()));
    }
    for (index, person) in interaction.people.iter().enumerate() {
        if interaction.people[..index].contains(person) {
            report(
                format!("who[{index}]"),
                ModelError::PersonListedTwice {
                    interaction: id.clone(),
                    person: person.clone(),
                },
            );
        } else if !person_exists(person) {
            report(
                format!("who[{index}]"),
                ModelError::UnknownPerson(person.clone()),
            );
        }
    }
    if let Some(purpose) = &interaction.purpose {
        if !purpose_exists(purpose) {
            report(
                "purpose".into(),
                ModelError::UnknownPurpose(purpose.clone()),
            );
        }
    }
    for (index, exchange) in interaction.exchanges.iter().enumerate() {
        if interaction.exchanges[..index]
            .iter()
            .any(|e| e.id == exchange.id)
        {
            report(
                format!("ex[{index}].id"),
                ModelError::DuplicateExchange {
                    interaction: id.clone(),
                    exchange: exchange.id.clone(),
                },
            );
        }
        if let Err((field, err)) = validate_exchange(interaction, index, person_exists) {
            let spot = match field {
                "" => format!("ex[{index}]"),
                field => format!("ex[{index}].{field}"),
            };
            report(spot, err);
        }
    }
    if interaction.updated < interaction.created {
        report(
            "updated".into(),
            ModelError::UpdatedBeforeCreated(id.to_string()),
        );
    }
}

/// The first rule an exchange breaks, with the field it is about (empty for
/// the exchange as a whole).
fn validate_exchange(
    interaction: &Interaction,
    index: usize,
    person_exists: &dyn Fn(&PersonId) -> bool,
) -> Result<(), (&'static str, ModelError)> {
    let exchange = &interaction.exchanges[index];
    let xid = &exchange.id;
    let whole = |err| ("", err);
    if !person_exists(&exchange.person) {
        return Err(("who", ModelError::UnknownPerson(exchange.person.clone())));
    }
    if !interaction.people.contains(&exchange.person) {
        return Err((
            "who",
            ModelError::ExchangePersonNotInInteraction {
                interaction: interaction.id.clone(),
                exchange: xid.clone(),
                person: exchange.person.clone(),
            },
        ));
    }
    match &exchange.loan {
        Some(_) if exchange.kind != ExchangeKind::Loan => {
            return Err(("loan", ModelError::LoanDetailsOnNonLoan(xid.clone())));
        }
        Some(LoanSubject::Money { amount, currency }) => {
            if *amount == 0 {
                return Err(("loan.amount", ModelError::ZeroAmount(xid.clone())));
            }
            if !is_currency_code(currency) {
                return Err((
                    "loan.currency",
                    ModelError::InvalidCurrency(currency.clone()),
                ));
            }
        }
        Some(LoanSubject::Item { item }) if item.is_empty() => {
            return Err(("loan.item", ModelError::EmptyLoanItem(xid.clone())));
        }
        _ => {}
    }
    if let Some(ask) = exchange.ask {
        match (ask.outcome, ask.answered) {
            (Outcome::Open, Some(_)) => {
                return Err(("ask.on", ModelError::OpenAskWithAnswerDate(xid.clone())))
            }
            (_, Some(answered)) => {
                check_date(answered).map_err(|err| ("ask.on", err))?;
                if answered < interaction.date {
                    return Err((
                        "ask.on",
                        ModelError::AnswerBeforeAsk {
                            exchange: xid.clone(),
                            answered,
                            asked: interaction.date,
                        },
                    ));
                }
            }
            (_, None) => {}
        }
        if exchange.promised && ask.outcome != Outcome::Granted {
            return Err(("promised", ModelError::PromiseWithoutYes(xid.clone())));
        }
    }
    if exchange.settlements.is_empty() {
        return Ok(());
    }
    if exchange.obligation().is_none() {
        return Err(whole(
            if exchange.kind == ExchangeKind::Loan && exchange.is_open_ask() {
                ModelError::LoanNotMadeYet(xid.clone())
            } else {
                ModelError::NothingToSettle(xid.clone())
            },
        ));
    }
    let (whole_size, currency) = match exchange.measure() {
        Measure::Money { whole, currency } => (whole, Some(currency)),
        Measure::Percent => (100, None),
    };
    let mut settled: u64 = 0;
    for settlement in &exchange.settlements {
        check_date(settlement.date).map_err(whole)?;
        if settlement.date < interaction.date {
            return Err(whole(ModelError::SettlementBeforeInteraction {
                exchange: xid.clone(),
                settlement: settlement.date,
                interaction: interaction.date,
            }));
        }
        let size = check_portion(xid, settlement.portion, currency.is_some()).map_err(whole)?;
        let left = whole_size.saturating_sub(settled);
        if size > left {
            let outstanding = match &currency {
                Some(currency) => Outstanding::Money {
                    amount: left,
                    currency: currency.clone(),
                },
                None => Outstanding::Percent(u32::try_from(left).unwrap_or(100)),
            };
            return Err(whole(ModelError::SettlementExceedsOutstanding {
                exchange: xid.clone(),
                outstanding,
                requested: settlement.portion,
            }));
        }
        settled += size;
    }
    Ok(())
}

/// Checks a settlement's unit and size; returns the size in the exchange's unit.
pub(crate) fn check_portion(
    exchange: &super::ids::ExchangeId,
    portion: Portion,
    money: bool,
) -> Result<u64, ModelError> {
    match (portion, money) {
        (Portion::Amount(0), true) => Err(ModelError::ZeroAmount(exchange.clone())),
        (Portion::Amount(amount), true) => Ok(amount),
        (Portion::Percent(percent), false) if (1..=100).contains(&percent) => {
            Ok(u64::from(percent))
        }
        (Portion::Percent(percent), false) => Err(ModelError::InvalidPercent {
            exchange: exchange.clone(),
            percent,
        }),
        (Portion::Percent(_), true) => Err(ModelError::WrongSettlementUnit {
            exchange: exchange.clone(),
            expected: "an amount of money",
        }),
        (Portion::Amount(_), false) => Err(ModelError::WrongSettlementUnit {
            exchange: exchange.clone(),
            expected: "a percentage",
        }),
    }
}

pub(crate) fn normalize_purpose(purpose: &mut Purpose) {
    purpose.label = purpose.label.trim().to_owned();
}

/// Checks one purpose against the others in the list (ids and labels unique, label not blank).
pub(crate) fn validate_purpose(purpose: &Purpose, others: &[&Purpose]) -> Result<(), ModelError> {
    if purpose.label.is_empty() {
        return Err(ModelError::EmptyPurposeLabel(purpose.id.clone()));
    }
    for other in others {
        if other.id == purpose.id {
            return Err(ModelError::DuplicatePurpose(purpose.id.clone()));
        }
        if same_text(&other.label, &purpose.label) {
            return Err(ModelError::DuplicatePurposeLabel(purpose.label.clone()));
        }
    }
    Ok(())
}
