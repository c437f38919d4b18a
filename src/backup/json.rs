//! The native backup: one JSON file holding the whole journal.
//!
//! Export writes `rapport-backup-YYYY-MM-DD.json` (see `docs/backup-format.md`):
//! the format name, the schema version, the app version, the export time and
//! every record in exactly the model's serde shape, one record per line so the
//! file stays readable and diffs well.
//!
//! Import is two-step so that nothing changes before the user confirms:
//! [`parse_backup`] checks the whole file and collects every problem with its
//! location; [`preview`](super::merge::preview) and
//! [`apply_import`](super::merge::apply_import) come after.

use std::fmt;

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use serde::Serialize;
use serde_json::Value;

use super::read::{BackupReader, Problems};
use super::strict_json::{parse_strict, repeated_keys, StrictError};
use super::text::{decode_utf8, line_col};
use crate::model::{CheckedParts, Journal, JournalParts, FORMAT_VERSION};

/// The value of the `"format"` key of a plain backup.
pub const BACKUP_FORMAT: &str = "rapport-backup";

/// The schema version written by this build. It is the journal format version
/// ([`FORMAT_VERSION`]), so older backups go through the same migrations as
/// stored data.
pub const BACKUP_SCHEMA: u32 = FORMAT_VERSION;

/// Deepest JSON nesting accepted. The backup needs 5 levels; anything deeper
/// is refused by a scan before parsing, with the same message whatever the
/// depth (serde_json's own limit refuses 128 levels and accepts 127).
pub const MAX_NESTING: usize = 127;

/// The suggested file name of a backup made on `date`: `rapport-backup-2026-11-25.json`.
pub fn backup_file_name(date: NaiveDate) -> String {
    format!("rapport-backup-{}.json", date)
}

/// A record could not be written as JSON (should never happen with the model's types).
#[derive(Debug)]
pub struct ExportError(serde_json::Error);

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the backup could not be written: {}", self.0)
    }
}

impl std::error::Error for ExportError {}

/// The text of a backup of `journal`, stamped with `exported` (UTC, whole seconds).
pub fn export_backup(journal: &Journal, exported: DateTime<Utc>) -> Result<String, ExportError> {
    ExportWriter::new(journal, exported)?.finish()
}

/// A backup written a few records at a time, so that a caller can hand the
/// browser back its thread between slices and show how far it got. However it
/// is sliced, the text is byte for byte that of [`export_backup`].
pub struct ExportWriter<'a> {
    journal: &'a Journal,
    out: Vec<u8>,
    part: Part<'a>,
    done: usize,
    total: usize,
}

/// The list being written, and the ones after it.
enum Part<'a> {
    People(List<'a, crate::model::Person>),
    Interactions(List<'a, crate::model::Interaction>),
    Purposes(List<'a, crate::model::Purpose>),
    Milestones(List<'a, crate::model::Milestone>),
    Done,
}

/// One list of records, written as `"key": [` then one record per line.
struct List<'a, T> {
    items: Box<dyn Iterator<Item = &'a T> + 'a>,
    first: bool,
}

impl<'a, T: Serialize + 'a> List<'a, T> {
    fn open(out: &mut Vec<u8>, key: &str, items: impl Iterator<Item = &'a T> + 'a) -> Self {
        out.extend_from_slice(format!("\"{key}\": [").as_bytes());
        Self {
            items: Box::new(items),
            first: true,
        }
    }

    /// Writes up to `*left` records, counting them down; true once the list is closed.
    fn write(&mut self, out: &mut Vec<u8>, left: &mut usize) -> Result<bool, ExportError> {
        while *left > 0 {
            let Some(item) = self.items.next() else {
                out.extend_from_slice(if self.first { b"],\n" } else { b"\n],\n" });
                return Ok(true);
            };
            out.extend_from_slice(if self.first { b"\n" } else { b",\n" });
            write_json(out, item)?;
            self.first = false;
            *left -= 1;
        }
        Ok(false)
    }
}

impl<'a> ExportWriter<'a> {
    /// Starts a backup of `journal`, stamped with `exported`: writes the header.
    pub fn new(journal: &'a Journal, exported: DateTime<Utc>) -> Result<Self, ExportError> {
        let mut out: Vec<u8> = Vec::with_capacity(256 + 300 * journal.interaction_count());
        out.extend_from_slice(b"{\n");
        push_field(&mut out, "format", &BACKUP_FORMAT)?;
        push_field(&mut out, "schema", &BACKUP_SCHEMA)?;
        push_field(&mut out, "app", &env!("CARGO_PKG_VERSION"))?;
        push_field(&mut out, "exported", &utc_stamp(exported, "-", ":"))?;
        let part = Part::People(List::open(&mut out, "people", journal.people()));
        let total = journal.person_count()
            + journal.interaction_count()
            + journal.purposes().len()
            + journal.milestone_count();
        Ok(Self {
            journal,
            out,
            part,
            done: 0,
            total,
        })
    }

    /// How many records the backup holds.
    pub fn total(&self) -> usize {
        self.total
    }

    /// How many records are written so far.
    pub fn done(&self) -> usize {
        self.done
    }

    /// Whether the whole backup is written.
    pub fn is_complete(&self) -> bool {
        matches!(self.part, Part::Done)
    }

    /// Writes up to `records` more records; returns how many are written so far.
    pub fn step(&mut self, records: usize) -> Result<usize, ExportError> {
        let mut left = records;
        loop {
            let before = left;
            let closed = match &mut self.part {
                Part::People(list) => list.write(&mut self.out, &mut left)?,
                Part::Interactions(list) => list.write(&mut self.out, &mut left)?,
                Part::Purposes(list) => list.write(&mut self.out, &mut left)?,
                Part::Milestones(list) => list.write(&mut self.out, &mut left)?,
                Part::Done => return Ok(self.done),
            };
            self.done += before - left;
            if !closed {
                return Ok(self.done);
            }
            self.next_part()?;
        }
    }

    /// Closes the list just written and opens the next (or writes the end).
    fn next_part(&mut self) -> Result<(), ExportError> {
        let journal = self.journal;
        let out = &mut self.out;
        let next = match &self.part {
            Part::People(_) => Part::Interactions(List::open(
                out,
                "interactions",
                journal.interactions_by_date(),
            )),
            Part::Interactions(_) => {
                Part::Purposes(List::open(out, "purposes", journal.purposes().iter()))
            }
            // Left out when empty, so a journal without milestones exports as before.
            Part::Purposes(_) if journal.milestone_count() > 0 => {
                Part::Milestones(List::open(out, "milestones", journal.milestones_by_date()))
            }
            Part::Purposes(_) | Part::Milestones(_) | Part::Done => {
                out.extend_from_slice(b"\"settings\": ");
                write_json(out, journal.settings())?;
                out.extend_from_slice(b"\n}\n");
                Part::Done
            }
        };
        self.part = next;
        Ok(())
    }

    /// The text of the backup: writes whatever is left first.
    pub fn finish(mut self) -> Result<String, ExportError> {
        while !self.is_complete() {
            self.step(usize::MAX)?;
        }
        // serde_json writes valid UTF-8, so this never fails; it is checked anyway.
        String::from_utf8(self.out).map_err(|err| ExportError(serde::ser::Error::custom(err)))
    }
}

/// A UTC time to the second: `2026-11-25T09:30:00Z` with separators `-` and
/// `:`, `20261125T093000Z` (iCalendar) without. Written by hand because
/// chrono's `format` adds kilobytes to the wasm.
pub(crate) fn utc_stamp(time: DateTime<Utc>, date_sep: &str, time_sep: &str) -> String {
    format!(
        "{:04}{date_sep}{:02}{date_sep}{:02}T{:02}{time_sep}{:02}{time_sep}{:02}Z",
        time.year(),
        time.month(),
        time.day(),
        time.hour(),
        time.minute(),
        time.second()
    )
}

/// Appends `value` as compact JSON, straight into `out` (no string per record).
fn write_json<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result<(), ExportError> {
    serde_json::to_writer(out, value).map_err(ExportError)
}

fn push_field<T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    key: &str,
    value: &T,
) -> Result<(), ExportError> {
    out.extend_from_slice(format!("\"{key}\": ").as_bytes());
    write_json(out, value)?;
    out.extend_from_slice(b",\n");
    Ok(())
}

/// One thing wrong with an imported file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProblem {
    /// Where: a path such as `interactions[12].date`, or empty for the whole file.
    pub at: String,
    /// What is wrong, in plain English.
    pub message: String,
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.at.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.at, self.message)
        }
    }
}

/// Every problem found in a backup file (up to a limit), so the user can fix them all at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportErrors {
    /// The problems, in file order.
    pub problems: Vec<ImportProblem>,
    /// How many more problems there were beyond the limit.
    pub more: usize,
}

impl ImportErrors {
    pub(crate) fn one(at: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            problems: vec![ImportProblem {
                at: at.into(),
                message: message.into(),
            }],
            more: 0,
        }
    }

    /// The problems as lines of text, one per problem (plus "…and N more").
    pub fn lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self.problems.iter().map(ToString::to_string).collect();
        if self.more > 0 {
            lines.push(format!(
                "…and {} more problem{}",
                self.more,
                if self.more == 1 { "" } else { "s" }
            ));
        }
        lines
    }
}

impl fmt::Display for ImportErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.lines().join("\n"))
    }
}

impl std::error::Error for ImportErrors {}

/// A backup that passed every check, ready for a preview and an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedBackup {
    /// The records, checked; the journal is built from them only on import.
    pub(crate) records: CheckedParts,
    /// The schema version the file was written with (before any migration).
    pub schema: u32,
    /// The app version that wrote it, when given.
    pub app: Option<String>,
    /// When it was exported, when given.
    pub exported: Option<DateTime<Utc>>,
}

impl ParsedBackup {
    /// The file's records, in the file's order.
    pub fn records(&self) -> &JournalParts {
        self.records.parts()
    }

    /// The file's contents as a journal, indexed and with its counters.
    pub fn into_journal(self) -> Journal {
        Journal::from_checked(self.records)
    }
}

/// Checks a backup file completely and returns its contents, or every problem found.
///
/// Nothing is changed anywhere: the result is handed to
/// [`preview`](super::merge::preview) and [`apply_import`](super::merge::apply_import).
/// [`BackupReader`](super::read::BackupReader) does the same in steps.
pub fn parse_backup(bytes: &[u8]) -> Result<ParsedBackup, ImportErrors> {
    let text =
        decode_utf8(bytes, "a Rapport backup").map_err(|e| ImportErrors::one("", e.to_string()))?;
    BackupReader::open(text)?.finish()
}

/// The message for a file nested deeper than [`MAX_NESTING`], at the first bracket too deep.
pub(crate) fn too_deep_message(text: &str) -> ImportErrors {
    let offset = deeper_than(text, MAX_NESTING).unwrap_or(0);
    let (line, column) = line_col(text, offset);
    ImportErrors::one("", format!(
        "this file nests brackets more than {MAX_NESTING} levels deep (line {line}, column {column}); it is not a Rapport backup"
    ))
}

/// Parses JSON after making sure it is not nested too deeply. A syntax error
/// comes back as one plain sentence with line and column; a key repeated
/// within one object (which serde_json would quietly resolve by keeping the
/// last) as one problem per repeat, at its path, with both places.
pub(crate) fn parse_json(text: &str) -> Result<Value, ImportErrors> {
    if let Some(offset) = deeper_than(text, MAX_NESTING) {
        let (line, column) = line_col(text, offset);
        return Err(ImportErrors::one("", format!(
            "this file nests brackets more than {MAX_NESTING} levels deep (line {line}, column {column}); it is not a Rapport backup"
        )));
    }
    match parse_strict(text.as_bytes()) {
        Ok(value) => Ok(value),
        Err(StrictError::Syntax(err)) => Err(ImportErrors::one("", describe_json_error(&err))),
        Err(StrictError::Repeated) => {
            let mut problems = Problems::default();
            repeated_keys(text, &mut problems);
            if problems.is_empty() {
                // The scan always finds what the parser found; this is a safety net.
                problems.add("", "a key appears twice in one object");
            }
            Err(problems.into_errors())
        }
    }
}

/// True when brackets nest deeper than [`MAX_NESTING`] anywhere in `text`.
pub(crate) fn too_deep(text: &str) -> bool {
    deeper_than(text, MAX_NESTING).is_some()
}

/// The byte offset of the first bracket that goes deeper than `limit`.
fn deeper_than(text: &str, limit: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (offset, byte) in text.bytes().enumerate() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return Some(offset);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

pub(crate) fn describe_json_error(err: &serde_json::Error) -> String {
    let (line, column) = (err.line(), err.column());
    let full = err.to_string();
    let reason = full
        .rsplit_once(" at line ")
        .map_or(full.as_str(), |(reason, _)| reason);
    match err.classify() {
        serde_json::error::Category::Eof => format!(
            "the file ends too early (line {line}, column {column}); it may be truncated or incomplete"
        ),
        _ => format!("this is not valid JSON: {reason} (line {line}, column {column})"),
    }
}

/// "an array", "a number", ... for messages.
pub(crate) fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A value as shown in a message: short JSON for scalars, a word for containers.
pub(crate) fn show(value: &Value) -> String {
    match value {
        Value::String(text) => {
            let short: String = text.chars().take(60).collect();
            let ellipsis = if short.len() < text.len() { "…" } else { "" };
            format!("{}{ellipsis}", Value::String(short))
        }
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => i.to_string(),
            (_, Some(u), _) => u.to_string(),
            // Whole floats as integers; formatting f64 would cost 10 KB of wasm.
            (_, _, Some(f)) if f.fract() == 0.0 && f.abs() < 1e18 => format!("{}.0", f as i64),
            _ => "a fractional number".to_owned(),
        },
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_name_uses_the_date() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 5).unwrap();
        assert_eq!(backup_file_name(date), "rapport-backup-2026-11-05.json");
    }

    #[test]
    fn nesting_is_measured_outside_strings_only() {
        assert_eq!(deeper_than("[[[]]]", 3), None);
        assert_eq!(deeper_than("[[[[]]]]", 3), Some(3));
        assert_eq!(deeper_than(r#"["[[[[[[", "\"[[[["]"#, 2), None);
    }

    #[test]
    fn json_errors_have_line_and_column() {
        let parse_json = |text: &str| parse_backup(text.as_bytes()).map(|_| ());
        assert_eq!(
            parse_json("{\n  \"a\": 1,\n  \"b\": }").map_err(|e| e.to_string()),
            Err("this is not valid JSON: expected value (line 3, column 8)".to_owned())
        );
        assert_eq!(
            parse_json("{\"a\": [1, 2").map_err(|e| e.to_string()),
            Err(
                "the file ends too early (line 1, column 11); it may be truncated or incomplete"
                    .to_owned()
            )
        );
    }

    #[test]
    fn shown_values_are_short() {
        assert_eq!(
            show(&Value::String("x".repeat(100))),
            format!("\"{}\"…", "x".repeat(60))
        );
        assert_eq!(show(&serde_json::json!(42)), "42");
        assert_eq!(show(&serde_json::json!(-1.0)), "-1.0");
        assert_eq!(show(&serde_json::json!(0.5)), "a fractional number");
        assert_eq!(show(&serde_json::json!([1])), "a list");
    }
}
