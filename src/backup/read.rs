//! Reading a backup file: one pass from the file's text to typed records,
//! then the model's own checks, then the journal, built once.
//!
//! The model's serde types are the one description of the format. The file
//! is split into its records without copying them (`RawValue`), and each
//! record is read straight into its type. Paths and messages are built only
//! for a record that has a problem: serde's line and column become the path
//! in the file (`interactions[12].date`) and its reason a plain sentence.
//! To find every problem in such a record rather than the first, the wrong
//! value is swapped for a harmless one of the same kind and the record read
//! again; problems the swap could cause are not reported.
//!
//! [`BackupReader`] reads in steps of a given number of records, so that the
//! screen can show progress and stay responsive between steps.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;

use super::json::{
    kind_of, show, too_deep, ImportErrors, ImportProblem, ParsedBackup, BACKUP_SCHEMA,
};
use super::json_path::{join, offset_of, path_at, Step};
use super::strict_json::repeated_keys;
use crate::model::{
    Found, Journal, JournalParts, ModelError, PersonId, PurposeId, RecordList, Settings, Unread,
    FORMAT_VERSION,
};

/// Most problems listed; the rest are only counted.
pub const MAX_PROBLEMS: usize = 100;

/// Problems found so far, each with where it is in the file, put in file
/// order at the end (the model's checks run after the records are read).
#[derive(Debug, Default)]
pub(crate) struct Problems {
    list: Vec<((RecordList, usize), ImportProblem)>,
    more: usize,
}

/// Problems kept before the rest are only counted (they are sorted before
/// the first [`MAX_PROBLEMS`] are shown).
const KEPT_PROBLEMS: usize = 10 * MAX_PROBLEMS;

impl Problems {
    /// A problem that belongs before every record (the file as a whole).
    pub(crate) fn add(&mut self, at: impl Into<String>, message: impl Into<String>) {
        self.add_at((RecordList::People, 0), at, message);
    }

    fn add_at(
        &mut self,
        record: (RecordList, usize),
        at: impl Into<String>,
        message: impl Into<String>,
    ) {
        if self.list.len() < KEPT_PROBLEMS {
            self.list.push((
                record,
                ImportProblem {
                    at: at.into(),
                    message: message.into(),
                },
            ));
        } else {
            self.more += 1;
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub(crate) fn into_errors(mut self) -> ImportErrors {
        self.list.sort_by_key(|(record, _)| *record);
        let shown = self.list.len().min(MAX_PROBLEMS);
        let more = self.more + self.list.len() - shown;
        ImportErrors {
            problems: self.list.into_iter().take(shown).map(|(_, p)| p).collect(),
            more,
        }
    }
}

/// The file's key for a list, as paths show it.
fn key_of(list: RecordList) -> &'static str {
    match list {
        RecordList::People => "people",
        RecordList::Interactions => "interactions",
        RecordList::Purposes => "purposes",
        RecordList::Milestones => "milestones",
        RecordList::Settings => "settings",
    }
}

/// The top of a backup, its lists split into records but not yet read.
#[derive(Deserialize)]
struct Top<'a> {
    #[serde(borrow, default)]
    format: Option<&'a RawValue>,
    #[serde(borrow, default)]
    schema: Option<&'a RawValue>,
    #[serde(borrow, default)]
    app: Option<&'a RawValue>,
    #[serde(borrow, default)]
    exported: Option<&'a RawValue>,
    #[serde(borrow, default)]
    people: Option<Vec<&'a RawValue>>,
    #[serde(borrow, default)]
    interactions: Option<Vec<&'a RawValue>>,
    #[serde(borrow, default)]
    purposes: Option<Vec<&'a RawValue>>,
    #[serde(borrow, default)]
    milestones: Option<Vec<&'a RawValue>>,
    #[serde(borrow, default)]
    settings: Option<&'a RawValue>,
}

/// The top of a file whose lists could not be split: every value kept whole,
/// to find what is wrong.
#[derive(Deserialize)]
struct LooseTop<'a> {
    #[serde(borrow, default)]
    format: Option<&'a RawValue>,
    #[serde(borrow, default)]
    schema: Option<&'a RawValue>,
}

/// How far reading has come: records read out of all records in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// A record read with some values swapped (see the module docs): the spots
/// swapped, relative to the record.
struct Guessed {
    record: (RecordList, usize),
    spots: Vec<String>,
}

/// A backup being read, step by step. See [`parse_backup`](super::json::parse_backup)
/// for the whole read in one call.
pub struct BackupReader<'a> {
    text: &'a str,
    /// A key was found twice in one object somewhere.
    repeated: bool,
    raw: [Vec<&'a RawValue>; 4],
    settings: Option<&'a RawValue>,
    schema: u32,
    app: Option<String>,
    exported: Option<chrono::DateTime<chrono::Utc>>,
    parts: JournalParts,
    /// Per list, the file positions of records that could not be read at all.
    skipped: [Vec<usize>; 4],
    unread: Unread,
    guessed: Vec<Guessed>,
    problems: Problems,
    /// The list and position reading has reached.
    list: usize,
    next: usize,
    done: usize,
}

const LISTS: [RecordList; 4] = [
    RecordList::People,
    RecordList::Interactions,
    RecordList::Purposes,
    RecordList::Milestones,
];

impl<'a> BackupReader<'a> {
    /// Checks that `text` is a Rapport backup this version reads and splits
    /// it into records. A file that is not one is refused here, whole.
    pub fn open(text: &'a str) -> Result<Self, ImportErrors> {
        if too_deep(text) {
            return Err(super::json::too_deep_message(text));
        }
        let top: Top<'a> = match serde_json::from_slice(text.as_bytes()) {
            // serde would also read a list as the fields in order.
            Ok(_) if !text.trim_start().starts_with('{') => return Err(not_an_object(text)),
            Ok(top) => top,
            Err(err) => return Err(explain_top(text, &err)),
        };
        if let Err(errors) = check_format(top.format) {
            // A repeated key is named even in a file that is not a plain backup.
            let mut repeats = Problems::default();
            repeated_keys(text, &mut repeats);
            return Err(if repeats.is_empty() {
                errors
            } else {
                repeats.into_errors()
            });
        }
        let schema = read_schema(top.schema)?;
        let mut problems = Problems::default();
        let app = match top.app.map(value_of) {
            None | Some(Value::Null) => None,
            Some(Value::String(app)) => Some(app),
            Some(other) => {
                problems.add("app", format!("{} is not a version", show(&other)));
                None
            }
        };
        let exported = match top.exported.map(value_of) {
            None | Some(Value::Null) => None,
            Some(value) => match value
                .as_str()
                .and_then(|text| chrono::DateTime::parse_from_rfc3339(text).ok())
            {
                Some(time) => Some(time.with_timezone(&chrono::Utc)),
                None => {
                    problems.add(
                        "exported",
                        format!("{} is not a date and time", show(&value)),
                    );
                    None
                }
            },
        };
        let mut missing = |list: Option<Vec<&'a RawValue>>, key: &str, required: bool| {
            if list.is_none() && required {
                problems.add(
                    key,
                    "missing (a backup always has this list, even when it is empty)",
                );
            }
            list.unwrap_or_default()
        };
        let raw = [
            missing(top.people, "people", true),
            missing(top.interactions, "interactions", true),
            missing(top.purposes, "purposes", true),
            // Files written before milestones existed have none.
            missing(top.milestones, "milestones", false),
        ];
        if !problems.is_empty() {
            return Err(problems.into_errors());
        }
        let parts = JournalParts {
            version: FORMAT_VERSION,
            people: Vec::with_capacity(raw[0].len()),
            interactions: Vec::with_capacity(raw[1].len()),
            purposes: Vec::with_capacity(raw[2].len()),
            settings: Settings::default(),
            milestones: Vec::with_capacity(raw[3].len()),
        };
        Ok(Self {
            text,
            repeated: false,
            raw,
            settings: top.settings,
            schema,
            app,
            exported,
            parts,
            skipped: Default::default(),
            unread: Unread::default(),
            guessed: Vec::new(),
            problems,
            list: 0,
            next: 0,
            done: 0,
        })
    }

    /// How far reading has come.
    pub fn progress(&self) -> Progress {
        Progress {
            done: self.done,
            total: self.raw.iter().map(Vec::len).sum(),
        }
    }

    /// True once every record has been read.
    pub fn is_read(&self) -> bool {
        self.list >= LISTS.len()
    }

    /// Reads up to `records` more records.
    pub fn step(&mut self, records: usize) -> Progress {
        let mut budget = records.max(1);
        while budget > 0 && !self.is_read() {
            let list = self.list;
            let end = (self.next + budget).min(self.raw[list].len());
            for index in self.next..end {
                let raw = self.raw[list][index].get();
                let record = (LISTS[list], index);
                match list {
                    0 => self.read_into(raw, record, |parts, person| parts.people.push(person)),
                    1 => self.read_into(raw, record, |parts, interaction| {
                        parts.interactions.push(interaction)
                    }),
                    2 => self.read_into(raw, record, |parts, purpose| parts.purposes.push(purpose)),
                    _ => self.read_into(raw, record, |parts, milestone| {
                        parts.milestones.push(milestone)
                    }),
                }
            }
            budget -= end - self.next;
            self.done += end - self.next;
            self.next = end;
            if self.next >= self.raw[list].len() {
                self.list += 1;
                self.next = 0;
            }
        }
        self.progress()
    }

    fn read_into<T: DeserializeOwned>(
        &mut self,
        raw: &str,
        record: (RecordList, usize),
        push: impl FnOnce(&mut JournalParts, T),
    ) {
        match read_record::<T>(raw, record, &mut self.problems) {
            Read::Clean(value) => push(&mut self.parts, value),
            Read::Guessed(value, spots) => {
                push(&mut self.parts, value);
                self.guessed.push(Guessed { record, spots });
            }
            Read::Repeated => self.repeated = true,
            Read::Unreadable => {
                if let Some(skipped) = self.skipped.get_mut(record.0 as usize) {
                    skipped.push(record.1);
                }
                let id = serde_json::from_slice::<Value>(raw.as_bytes())
                    .ok()
                    .and_then(|v| v.get("id").and_then(Value::as_str).map(str::to_owned));
                match (record.0, id) {
                    (RecordList::People, Some(id)) => {
                        if let Ok(id) = id.parse::<PersonId>() {
                            self.unread.people.insert(id);
                        }
                    }
                    (RecordList::Purposes, Some(id)) => {
                        if let Ok(id) = id.parse::<PurposeId>() {
                            self.unread.purposes.insert(id);
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    /// Reads whatever is left, checks the records against the model's rules
    /// and builds the journal, or returns every problem found.
    pub fn finish(mut self) -> Result<ParsedBackup, ImportErrors> {
        while !self.is_read() {
            self.step(usize::MAX);
        }
        if let Some(raw) = self.settings {
            let record = (RecordList::Settings, 0);
            match read_record::<Settings>(raw.get(), record, &mut self.problems) {
                Read::Clean(settings) => self.parts.settings = settings,
                Read::Guessed(settings, spots) => {
                    self.parts.settings = settings;
                    self.guessed.push(Guessed { record, spots });
                }
                Read::Repeated => self.repeated = true,
                Read::Unreadable => {}
            }
        }
        if self.repeated {
            // Which of the two was meant is unknown, so nothing else is checked.
            let mut repeats = Problems::default();
            repeated_keys(self.text, &mut repeats);
            if repeats.is_empty() {
                repeats.add("", "a key appears twice in one object");
            }
            return Err(repeats.into_errors());
        }
        // Files from before the usual circle became a list say "circle".
        let old_circle = self.settings.is_some_and(|raw| {
            !raw.get().contains("\"circles\"") && raw.get().contains("\"circle\"")
        });
        let Self {
            parts,
            skipped,
            unread,
            guessed,
            mut problems,
            schema,
            app,
            exported,
            ..
        } = self;
        let records = Journal::check(parts, &unread, &mut |found| {
            let Found {
                list,
                index,
                spot,
                earlier,
                error,
            } = found;
            let index = file_position(&skipped, list, index);
            if let Some(guess) = guessed.iter().find(|g| g.record == (list, index)) {
                if caused_by_swap(&guess.spots, &spot, &error) {
                    return;
                }
            }
            let record = record_path(list, index);
            let spot = match (list, old_circle) {
                (RecordList::Settings, true) if spot.starts_with("circles") => "circle".to_owned(),
                _ => spot,
            };
            let at = match spot.as_str() {
                "" => record.clone(),
                spot => format!("{record}.{spot}"),
            };
            let message = in_file_words(&error, &record, &spot, earlier);
            problems.add_at((list, index), at, message);
        });
        match records {
            Some(records) if problems.is_empty() => Ok(ParsedBackup {
                records,
                schema,
                app,
                exported,
            }),
            _ => Err(problems.into_errors()),
        }
    }
}

/// `interactions[12]`, or `settings`.
fn record_path(list: RecordList, index: usize) -> String {
    match list {
        RecordList::Settings => key_of(list).to_owned(),
        list => format!("{}[{index}]", key_of(list)),
    }
}

/// The position in the file of the `index`th record that was read of a list.
fn file_position(skipped: &[Vec<usize>; 4], list: RecordList, index: usize) -> usize {
    let Some(skipped) = skipped.get(list as usize) else {
        return index;
    };
    let mut position = index;
    for &gone in skipped {
        if gone <= position {
            position += 1;
        }
    }
    position
}

/// True when a problem may come from a value swapped in while reading (see
/// the module docs) rather than from the file.
fn caused_by_swap(spots: &[String], spot: &str, error: &ModelError) -> bool {
    let ordering = matches!(
        error,
        ModelError::UpdatedBeforeCreated(_)
            | ModelError::AnswerBeforeAsk { .. }
            | ModelError::SettlementBeforeInteraction { .. }
    );
    ordering
        || spots.iter().any(|swapped| {
            spot == swapped
                || spot.starts_with(&format!("{swapped}."))
                || spot.starts_with(&format!("{swapped}["))
                || swapped.starts_with(&format!("{spot}."))
                || swapped.starts_with(&format!("{spot}["))
                || spot.is_empty()
        })
}

/// A model rule as the person fixing the file needs to read it.
fn in_file_words(error: &ModelError, record: &str, spot: &str, earlier: Option<usize>) -> String {
    use ModelError::*;
    match error {
        UnknownPerson(id) => format!("\"{id}\" is not anyone in this file"),
        UnknownPurpose(id) => format!("\"{id}\" is not a purpose in this file"),
        DuplicatePerson(_)
        | DuplicateInteraction(_)
        | DuplicatePurpose(_)
        | DuplicateMilestone(_) => match (earlier, record.split_once('[')) {
            (Some(first), Some((list, _))) => format!("duplicates {list}[{first}].id"),
            _ => error.to_string(),
        },
        DuplicateExchange { .. } => match earlier {
            Some(first) => format!("duplicates {record}.ex[{first}].id"),
            None => error.to_string(),
        },
        DuplicatePurposeLabel(label) => match earlier {
            Some(first) => format!("\"{label}\" is already the label of purposes[{first}]"),
            None => error.to_string(),
        },
        EmptyName(_) | EmptyPurposeLabel(_) | EmptyCircleTag => "must not be empty".to_owned(),
        NoPeople(_) => "lists nobody; an interaction needs at least one person".to_owned(),
        PersonListedTwice { person, .. } => format!("\"{person}\" is listed twice"),
        ExchangePersonNotInInteraction { person, .. } => {
            format!("\"{person}\" is not one of this interaction's people (\"who\")")
        }
        IntroducedBySelf(_) => "a person cannot have introduced themselves".to_owned(),
        UpdatedBeforeCreated(_) => "is earlier than \"created\"".to_owned(),
        DateOutOfRange(date) if !spot.is_empty() && !spot.starts_with("ex[") => format!(
            "\"{date}\" is outside the years {} to {}",
            crate::model::dates::MIN_YEAR,
            crate::model::dates::MAX_YEAR
        ),
        _ => error.to_string(),
    }
}

/// What reading one record gave.
enum Read<T> {
    Clean(T),
    /// Read with some values swapped; the problems are reported already.
    Guessed(T, Vec<String>),
    Unreadable,
    /// A key appears twice in one object: the file is ambiguous.
    Repeated,
}

/// Times a record is read again to find its next problem.
const MAX_SWAPS: usize = 24;

/// Reads one record, reporting its problems at `record`'s path.
fn read_record<T: DeserializeOwned>(
    raw: &str,
    record: (RecordList, usize),
    problems: &mut Problems,
) -> Read<T> {
    let err = match serde_json::from_slice::<T>(raw.as_bytes()) {
        Ok(value) => return Read::Clean(value),
        Err(err) if is_repeat(&err) => return Read::Repeated,
        Err(err) => err,
    };
    // The search for every problem is not generic: one copy serves every type.
    let mut try_read = |text: &str| serde_json::from_slice::<T>(text.as_bytes()).map(|_| ());
    match find_problems(raw, err, record, problems, &mut try_read) {
        Some((text, spots)) => match serde_json::from_slice::<T>(text.as_bytes()) {
            Ok(read) => Read::Guessed(read, spots),
            Err(_) => Read::Unreadable,
        },
        None => Read::Unreadable,
    }
}

/// Reports `err` and every further problem of a record, swapping each wrong
/// value for a harmless one; returns the record as it reads in the end,
/// with the spots swapped, or nothing when it cannot be read at all.
fn find_problems(
    raw: &str,
    err: serde_json::Error,
    record: (RecordList, usize),
    problems: &mut Problems,
    try_read: &mut dyn FnMut(&str) -> Result<(), serde_json::Error>,
) -> Option<(String, Vec<String>)> {
    let prefix = record_path(record.0, record.1);
    let report = |problems: &mut Problems, steps: &[Step], message: String| {
        let at = match join(steps) {
            path if path.is_empty() => prefix.clone(),
            path if path.starts_with('[') => format!("{prefix}{path}"),
            path => format!("{prefix}.{path}"),
        };
        problems.add_at(record, at, message);
    };
    let Ok(mut value) = serde_json::from_slice::<Value>(raw.as_bytes()) else {
        report(problems, &[], "could not be read".to_owned());
        return None;
    };
    let mut swapped: Vec<Vec<Step>> = Vec::new();
    let mut text = raw.to_owned();
    let mut err = err;
    for _ in 0..MAX_SWAPS {
        let (steps, message, fix) = explain(&text, &err);
        report(problems, &steps, message);
        if swapped.contains(&steps) || !apply_fix(&mut value, &steps, fix) {
            return None;
        }
        swapped.push(steps);
        text = value.to_string();
        match try_read(&text) {
            Ok(()) => return Some((text, swapped.iter().map(|steps| join(steps)).collect())),
            Err(next) => err = next,
        }
    }
    None
}

/// serde's word for a key that appears twice in one record.
fn is_repeat(err: &serde_json::Error) -> bool {
    err.to_string().starts_with("duplicate field")
}

/// What to put in place of a wrong value to read on.
enum Fix {
    Put(Value),
    Remove,
    Stop,
}

fn apply_fix(value: &mut Value, steps: &[Step], fix: Fix) -> bool {
    let Some((last, parents)) = steps.split_last() else {
        return false;
    };
    let mut node = value;
    for step in parents {
        node = match (step, node) {
            (Step::Key(key), Value::Object(map)) => match map.get_mut(key) {
                Some(next) => next,
                None => return false,
            },
            (Step::Index(index), Value::Array(items)) => match items.get_mut(*index) {
                Some(next) => next,
                None => return false,
            },
            _ => return false,
        };
    }
    match (fix, last, node) {
        (Fix::Put(new), Step::Key(key), Value::Object(map)) => {
            map.insert(key.clone(), new);
            true
        }
        (Fix::Put(new), Step::Index(index), Value::Array(items)) => match items.get_mut(*index) {
            Some(slot) => {
                *slot = new;
                true
            }
            None => false,
        },
        (Fix::Remove, Step::Key(key), Value::Object(map)) => map.remove(key).is_some(),
        _ => false,
    }
}

/// serde's reason without serde_json's " at line 1 column 40".
fn reason_of(err: &serde_json::Error) -> String {
    let full = err.to_string();
    match full.rsplit_once(" at line ") {
        Some((reason, _)) => reason.to_owned(),
        None => full,
    }
}

/// The text between two backquotes after `prefix`: "unknown variant `tea`" gives "tea".
fn quoted<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let rest = text.strip_prefix(prefix)?;
    let rest = rest.strip_prefix('`')?;
    rest.split_once('`').map(|(inside, _)| inside)
}

/// Messages chrono gives for a date it cannot read.
const DATE_REASONS: &[&str] = &[
    "input contains invalid characters",
    "input is out of range",
    "premature end of input",
    "trailing input",
    "input is not enough for unique date and time",
    "no possible date and time matching input",
];

/// Where the problem serde found is, what it is in plain words, and what
/// to swap in to read on.
fn explain(text: &str, err: &serde_json::Error) -> (Vec<Step>, String, Fix) {
    let offset = offset_of(text, err.line(), err.column());
    let (mut steps, value_start) = path_at(text, offset);
    let reason = reason_of(err);
    let shown = shown_value(text, offset, value_start);
    if let Some(field) = quoted(&reason, "missing field ") {
        steps.push(Step::Key(field.to_owned()));
        return (steps, "missing".to_owned(), Fix::Stop);
    }
    if let Some(variant) = quoted(&reason, "unknown variant ") {
        let choices: Vec<&str> = reason.split('`').skip(3).step_by(2).collect();
        let first = choices.first().map(|c| Value::from(*c));
        return (
            steps,
            format!(
                "{} is not one of {}",
                show(&Value::from(variant)),
                choices.join(", ")
            ),
            first.map_or(Fix::Stop, Fix::Put),
        );
    }
    if reason.starts_with("data did not match any variant of untagged enum LoanSubject") {
        return (
            steps,
            "needs either \"amount\" and \"currency\", or \"item\"".to_owned(),
            Fix::Put(serde_json::json!({"item": "?"})),
        );
    }
    if reason.starts_with("invalid type: null") {
        return (
            steps,
            "must not be null (leave it out instead)".to_owned(),
            Fix::Remove,
        );
    }
    if let Some((_, expected)) = reason
        .strip_prefix("invalid type: ")
        .or_else(|| reason.strip_prefix("invalid value: "))
        .and_then(|rest| rest.rsplit_once(", expected "))
    {
        let (noun, fix) = expected_kind(expected);
        return (steps, format!("{shown} is not {noun}"), fix);
    }
    if DATE_REASONS.contains(&reason.as_str()) {
        return (
            steps,
            format!("{shown} is not a date"),
            Fix::Put(Value::from("2000-01-01")),
        );
    }
    if reason.starts_with("value is not a legal timestamp") {
        return (
            steps,
            format!("{shown} is not a time (milliseconds since 1970)"),
            Fix::Put(Value::from(0)),
        );
    }
    if reason.ends_with("is not a valid birthday") {
        return (
            steps,
            format!("{shown} is not a birthday (use YYYY-MM-DD, or --MM-DD without a year)"),
            Fix::Put(Value::from("--01-01")),
        );
    }
    if reason.contains("is not a valid id") {
        return (steps, reason, Fix::Put(Value::from("x0")));
    }
    if reason.contains("is not a time of day") {
        return (steps, reason, Fix::Put(Value::from("12:00")));
    }
    (steps, reason, Fix::Stop)
}

/// The plain name of what serde expected, and a value of that kind.
fn expected_kind(expected: &str) -> (String, Fix) {
    let (noun, value) = match expected {
        "a string" => ("text", Some(Value::from("x0"))),
        "a sequence" => ("a list", Some(Value::Array(Vec::new()))),
        "a boolean" => ("true or false", Some(Value::Bool(false))),
        "u32" => ("a whole number from 0 to 4294967295", Some(Value::from(1))),
        "u64" => ("a whole number of 0 or more", Some(Value::from(1))),
        "a unix timestamp in milliseconds" => {
            ("a time (milliseconds since 1970)", Some(Value::from(0)))
        }
        other if other.starts_with("struct ") || other == "a map" => ("an object", None),
        other => return (other.to_owned(), Fix::Stop),
    };
    (noun.to_owned(), value.map_or(Fix::Stop, Fix::Put))
}

/// The value a problem is about, as a message shows it.
fn shown_value(text: &str, offset: usize, value_start: Option<usize>) -> String {
    let ending_here = value_start
        .and_then(|start| text.get(start..offset))
        .and_then(|slice| serde_json::from_slice::<Value>(slice.trim().as_bytes()).ok());
    let starting_here = || {
        text.get(offset.saturating_sub(1)..)
            .and_then(|rest| {
                serde_json::Deserializer::from_slice(
                    rest.trim_start_matches([',', ':', ' ']).as_bytes(),
                )
                .into_iter::<Value>()
                .next()
            })
            .and_then(Result::ok)
    };
    match ending_here.or_else(starting_here) {
        Some(value) => show(&value),
        None => "this value".to_owned(),
    }
}

/// A file that could not even be split into its lists: a plain message.
fn explain_top(text: &str, err: &serde_json::Error) -> ImportErrors {
    use serde_json::error::Category;
    if err.classify() != Category::Data {
        if reason_of(err) == "recursion limit exceeded" {
            return super::json::too_deep_message(text);
        }
        return ImportErrors::one("", super::json::describe_json_error(err));
    }
    let root = match serde_json::from_slice::<LooseTop>(text.as_bytes()) {
        Ok(root) if text.trim_start().starts_with('{') => root,
        _ => return not_an_object(text),
    };
    if let Err(errors) = check_format(root.format).and_then(|()| read_schema(root.schema)) {
        return errors;
    }
    let mut problems = Problems::default();
    if is_repeat(err) {
        repeated_keys(text, &mut problems);
    }
    if problems.is_empty() {
        let (steps, message, _) = explain(text, err);
        problems.add(join(&steps), message);
    }
    problems.into_errors()
}

/// A file that holds JSON, but not an object.
fn not_an_object(text: &str) -> ImportErrors {
    let kind = serde_json::from_slice::<Value>(text.as_bytes())
        .map(|value| kind_of(&value))
        .unwrap_or("something else");
    ImportErrors::one(
        "",
        format!("this is not a Rapport backup (the file holds {kind}, not an object)"),
    )
}

fn value_of(raw: &RawValue) -> Value {
    serde_json::from_slice(raw.get().as_bytes()).unwrap_or(Value::Null)
}

fn check_format(format: Option<&RawValue>) -> Result<(), ImportErrors> {
    match format.map(value_of) {
        Some(Value::String(format)) if format == super::json::BACKUP_FORMAT => Ok(()),
        Some(Value::String(format)) if format == super::envelope::ENVELOPE_FORMAT => {
            Err(ImportErrors::one(
                "",
                "this backup is encrypted: open it with its password to import it",
            ))
        }
        Some(other) => Err(ImportErrors::one(
            "format",
            format!(
                "{} is not \"{}\"; this is not a Rapport backup",
                show(&other),
                super::json::BACKUP_FORMAT
            ),
        )),
        None => Err(ImportErrors::one(
            "format",
            format!(
                "missing; this is not a Rapport backup (it has no \"format\": \"{}\")",
                super::json::BACKUP_FORMAT
            ),
        )),
    }
}

fn read_schema(schema: Option<&RawValue>) -> Result<u32, ImportErrors> {
    let value = schema
        .map(value_of)
        .ok_or_else(|| ImportErrors::one("schema", "missing (the backup's format version)"))?;
    match value.as_u64() {
        Some(schema) if schema > u64::from(BACKUP_SCHEMA) => Err(ImportErrors::one(
            "schema",
            format!(
                "this backup is format {schema}, newer than this version of Rapport ({BACKUP_SCHEMA}) reads. Update the app to import it."
            ),
        )),
        // Every format so far is the first; an older one would be upgraded
        // here by the storage migrations before its records are read.
        Some(schema) if schema >= 1 => u32::try_from(schema)
            .map_err(|_| ImportErrors::one("schema", format!("{schema} is not a backup format version"))),
        _ => Err(ImportErrors::one(
            "schema",
            format!("{} is not a backup format version", show(&value)),
        )),
    }
}
