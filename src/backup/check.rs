//! Checking a whole backup document, collecting every problem
//! with its exact location (`interactions[12].date`).
//!
//! Three layers, so that the messages are specific and nothing invalid slips
//! through:
//! 1. each field's JSON type and format (see [`shape`](super::shape));
//! 2. references across records (duplicate ids, people and purposes that are
//!    not in the file);
//! 3. the model's own rules, by loading each record on its own into a tiny
//!    journal, then the whole file into one.
//!
//! Paths use the keys of the backup file (`interactions[4].ex[0].who`), so the
//! user can find the spot in the file.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::json::{show, ImportErrors, ImportProblem};
use super::shape::{check, Kind::Object, INTERACTION, MILESTONE, PERSON, PURPOSE, SETTINGS};
use crate::model::{
    ExchangeId, Interaction, Journal, JournalParts, ModelError, Person, PersonId, Purpose,
    Settings, FORMAT_VERSION,
};

/// Most problems listed; the rest are only counted.
pub const MAX_PROBLEMS: usize = 100;

/// Problems found so far (at most [`MAX_PROBLEMS`] kept).
#[derive(Debug, Default)]
pub(crate) struct Problems {
    list: Vec<ImportProblem>,
    more: usize,
}

impl Problems {
    pub(crate) fn add(&mut self, at: impl Into<String>, message: impl Into<String>) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(ImportProblem {
                at: at.into(),
                message: message.into(),
            });
        } else {
            self.more += 1;
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub(crate) fn into_errors(self) -> ImportErrors {
        ImportErrors {
            problems: self.list,
            more: self.more,
        }
    }
}

/// The list at `key`, reporting it under the backup's own key when it is not one.
fn list<'a>(
    doc: &'a Map<String, Value>,
    key: &str,
    shown: &str,
    problems: &mut Problems,
) -> &'a [Value] {
    match doc.get(key) {
        Some(Value::Array(items)) => items,
        None => &[],
        Some(other) => {
            problems.add(shown, format!("{} is not a list", show(other)));
            &[]
        }
    }
}

/// The valid ids of the records (used to resolve references even when a
/// record has other problems, so one bad field does not cascade).
fn ids_in(values: &[Value]) -> BTreeSet<&str> {
    values
        .iter()
        .filter_map(|v| valid_id(v.get("id")))
        .collect()
}

/// The text of a value that is a well-formed id.
fn valid_id(value: Option<&Value>) -> Option<&str> {
    value
        .and_then(Value::as_str)
        .filter(|id| id.parse::<PersonId>().is_ok())
}

/// Reports duplicate ids: `people[3].id` duplicates `people[1].id`.
fn note_id<'a>(
    seen: &mut BTreeMap<&'a str, usize>,
    id: &'a str,
    list: &str,
    index: usize,
    problems: &mut Problems,
) {
    match seen.get(id) {
        Some(first) => problems.add(
            format!("{list}[{index}].id"),
            format!("duplicates {list}[{first}].id"),
        ),
        None => {
            seen.insert(id, index);
        }
    }
}

/// `updated` earlier than `created`, on the raw record.
fn check_times(value: &Value, path: &str, problems: &mut Problems) {
    let time = |key: &str| value.get(key).and_then(Value::as_i64);
    if let (Some(created), Some(updated)) = (time("created"), time("updated")) {
        if updated < created {
            problems.add(format!("{path}.updated"), "is earlier than \"created\"");
        }
    }
}

/// Checks the whole (already migrated) document and builds the journal it describes.
///
/// Every record is checked as JSON first, so that all problems are found at
/// once; only a clean document is read into the model's types (in one go,
/// with the same code that loads stored data) and checked against the
/// model's own rules.
pub(crate) fn check_document(
    document: Value,
    mut problems: Problems,
) -> Result<Journal, ImportErrors> {
    let Value::Object(doc) = &document else {
        problems.add("", "the migrated backup is not an object");
        return Err(problems.into_errors());
    };
    let people = list(doc, "people", "people", &mut problems);
    let log = list(doc, "log", "interactions", &mut problems);
    let purposes = list(doc, "purposes", "purposes", &mut problems);
    let person_ids = ids_in(people);
    let purpose_ids = ids_in(purposes);
    check_people(people, &person_ids, &mut problems);
    check_interactions(log, &person_ids, &purpose_ids, &mut problems);
    check_purposes(purposes, &mut problems);
    let milestones = list(doc, "milestones", "milestones", &mut problems);
    check_milestones(milestones, &mut problems);
    if let Some(settings) = doc.get("settings") {
        check(&Object(SETTINGS), settings, "settings", &mut problems);
    }
    if !problems.is_empty() {
        return Err(problems.into_errors());
    }

    let parts: JournalParts = serde_json::to_vec(&document)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or_else(|| ImportErrors::one("", "the backup could not be read"))?;
    if let Err(err) = parts.settings.validate() {
        problems.add("settings", err.to_string());
    }
    for (index, person) in parts.people.iter().enumerate() {
        if let Some(err) = model_check_person(person) {
            problems.add(format!("people[{index}]"), err.to_string());
        }
    }
    for (index, interaction) in parts.interactions.iter().enumerate() {
        if let Some(err) = model_check_interaction(interaction) {
            let at = match exchange_of(&err, interaction) {
                Some(k) => format!("interactions[{index}].ex[{k}]"),
                None => format!("interactions[{index}]"),
            };
            problems.add(at, err.to_string());
        }
    }
    if !problems.is_empty() {
        return Err(problems.into_errors());
    }
    Journal::from_parts(parts)
        .map_err(|err| ImportErrors::one("", format!("the backup is inconsistent: {err}")))
}

fn check_people(values: &[Value], person_ids: &BTreeSet<&str>, problems: &mut Problems) {
    let mut seen = BTreeMap::new();
    for (index, value) in values.iter().enumerate() {
        let path = format!("people[{index}]");
        check(&Object(PERSON), value, &path, problems);
        if let Some(id) = valid_id(value.get("id")) {
            note_id(&mut seen, id, "people", index, problems);
            if let Some(via) = valid_id(value.get("met").and_then(|m| m.get("via"))) {
                if via == id {
                    problems.add(
                        format!("{path}.met.via"),
                        "a person cannot have introduced themselves",
                    );
                } else if !person_ids.contains(via) {
                    problems.add(
                        format!("{path}.met.via"),
                        format!("\"{via}\" is not anyone in this file"),
                    );
                }
            }
        }
        check_times(value, &path, problems);
    }
}

/// The model's own rules for one person, loaded alone (with a stand-in for
/// whoever introduced them).
fn model_check_person(person: &Person) -> Option<ModelError> {
    let mut people = vec![person.clone()];
    if let Some(via) = &person.met.introduced_by {
        people.push(Person::new(via.clone(), "stand-in", person.created));
    }
    Journal::from_parts(JournalParts {
        version: FORMAT_VERSION,
        people,
        interactions: Vec::new(),
        purposes: Vec::new(),
        settings: Settings::default(),
        milestones: Vec::new(),
    })
    .err()
}

fn check_interactions(
    values: &[Value],
    person_ids: &BTreeSet<&str>,
    purpose_ids: &BTreeSet<&str>,
    problems: &mut Problems,
) {
    let mut seen = BTreeMap::new();
    for (index, value) in values.iter().enumerate() {
        let path = format!("interactions[{index}]");
        check(&Object(INTERACTION), value, &path, problems);
        if let Some(id) = valid_id(value.get("id")) {
            note_id(&mut seen, id, "interactions", index, problems);
        }
        check_references(value, &path, person_ids, purpose_ids, problems);
        check_times(value, &path, problems);
    }
}

/// People, purposes and exchange ids an interaction refers to, on the raw record.
fn check_references(
    value: &Value,
    path: &str,
    person_ids: &BTreeSet<&str>,
    purpose_ids: &BTreeSet<&str>,
    problems: &mut Problems,
) {
    let who: Vec<Option<&str>> = match value.get("who").and_then(Value::as_array) {
        Some(list) => list.iter().map(|v| valid_id(Some(v))).collect(),
        None => Vec::new(),
    };
    if value
        .get("who")
        .and_then(Value::as_array)
        .is_some_and(Vec::is_empty)
    {
        problems.add(
            format!("{path}.who"),
            "lists nobody; an interaction needs at least one person",
        );
    }
    for (k, person) in who.iter().enumerate() {
        let Some(person) = person else { continue };
        if who[..k].contains(&Some(person)) {
            problems.add(
                format!("{path}.who[{k}]"),
                format!("\"{person}\" is listed twice"),
            );
        } else if !person_ids.contains(person) {
            problems.add(
                format!("{path}.who[{k}]"),
                format!("\"{person}\" is not anyone in this file"),
            );
        }
    }
    if let Some(purpose) = valid_id(value.get("purpose")) {
        if !purpose_ids.contains(purpose) {
            problems.add(
                format!("{path}.purpose"),
                format!("\"{purpose}\" is not a purpose in this file"),
            );
        }
    }
    let exchanges = value
        .get("ex")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    for (k, exchange) in exchanges.iter().enumerate() {
        if let Some(id) = valid_id(exchange.get("id")) {
            let first = exchanges[..k]
                .iter()
                .position(|e| valid_id(e.get("id")) == Some(id));
            if let Some(first) = first {
                problems.add(
                    format!("{path}.ex[{k}].id"),
                    format!("duplicates {path}.ex[{first}].id"),
                );
            }
        }
        let Some(person) = valid_id(exchange.get("who")) else {
            continue;
        };
        if !person_ids.contains(person) {
            problems.add(
                format!("{path}.ex[{k}].who"),
                format!("\"{person}\" is not anyone in this file"),
            );
        } else if !who.contains(&Some(person)) {
            problems.add(
                format!("{path}.ex[{k}].who"),
                format!("\"{person}\" is not one of this interaction's people (\"who\")"),
            );
        }
    }
}

/// The model's own rules for one interaction, loaded alone with stand-ins
/// for its people and purpose.
fn model_check_interaction(interaction: &Interaction) -> Option<ModelError> {
    let people = interaction
        .people
        .iter()
        .map(|id| Person::new(id.clone(), "stand-in", interaction.created))
        .collect();
    let purposes = interaction
        .purpose
        .iter()
        .map(|id| Purpose::new(id.clone(), "stand-in"))
        .collect();
    Journal::from_parts(JournalParts {
        version: FORMAT_VERSION,
        people,
        interactions: vec![interaction.clone()],
        purposes,
        settings: Settings::default(),
        milestones: Vec::new(),
    })
    .err()
}

/// The position of the exchange a model error is about, when it names one.
fn exchange_of(err: &ModelError, interaction: &Interaction) -> Option<usize> {
    use ModelError::*;
    let id: &ExchangeId = match err {
        LoanDetailsOnNonLoan(x)
        | ZeroAmount(x)
        | EmptyLoanItem(x)
        | NothingToSettle(x)
        | LoanNotMadeYet(x)
        | AlreadySettled(x) => x,
        InvalidPercent { exchange, .. }
        | WrongSettlementUnit { exchange, .. }
        | SettlementExceedsOutstanding { exchange, .. }
        | SettlementBeforeInteraction { exchange, .. }
        | DuplicateExchange { exchange, .. }
        | ExchangePersonNotInInteraction { exchange, .. } => exchange,
        InvalidCurrency(code) => {
            return interaction.exchanges.iter().position(|e| {
                matches!(&e.loan, Some(crate::model::LoanSubject::Money { currency, .. })
                    if currency.trim().eq_ignore_ascii_case(code))
            })
        }
        _ => return None,
    };
    interaction.exchanges.iter().position(|e| &e.id == id)
}

fn check_milestones(values: &[Value], problems: &mut Problems) {
    let mut seen = BTreeMap::new();
    for (index, value) in values.iter().enumerate() {
        let path = format!("milestones[{index}]");
        check(&Object(MILESTONE), value, &path, problems);
        if let Some(id) = valid_id(value.get("id")) {
            note_id(&mut seen, id, "milestones", index, problems);
        }
        check_times(value, &path, problems);
    }
}

fn check_purposes(values: &[Value], problems: &mut Problems) {
    let mut seen = BTreeMap::new();
    let mut labels: Vec<(String, usize)> = Vec::new();
    for (index, value) in values.iter().enumerate() {
        let path = format!("purposes[{index}]");
        check(&Object(PURPOSE), value, &path, problems);
        if let Some(id) = valid_id(value.get("id")) {
            note_id(&mut seen, id, "purposes", index, problems);
        }
        let Some(label) = value.get("label").and_then(Value::as_str) else {
            continue;
        };
        let folded = label.trim().to_lowercase();
        if let Some((_, first)) = labels.iter().find(|(seen, _)| *seen == folded) {
            problems.add(
                format!("{path}.label"),
                format!(
                    "\"{}\" is already the label of purposes[{first}]",
                    label.trim()
                ),
            );
        } else if !folded.is_empty() {
            labels.push((folded, index));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_beyond_the_limit_are_counted() {
        let mut problems = Problems::default();
        for n in 0..MAX_PROBLEMS + 5 {
            problems.add(format!("people[{n}]"), "bad");
        }
        let errors = problems.into_errors();
        assert_eq!(errors.problems.len(), MAX_PROBLEMS);
        assert_eq!(errors.more, 5);
        assert_eq!(
            errors.lines().last().map(String::as_str),
            Some("…and 5 more problems")
        );
    }
}
