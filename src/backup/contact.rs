//! Contacts read from other tools (vCard, LinkedIn, CSV), before they become people.
//!
//! Importers return plain [`ImportedContact`]s and a list of
//! [`ContactProblem`]s: one bad card or row is reported and skipped, never
//! the whole file. Turning a contact into a [`Person`] takes the id and the
//! time from the caller, like everything in the model.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};

use super::text::TextError;
use crate::model::{Birthday, Person, PersonId};

/// Most problems listed per import; the rest are only counted.
pub const MAX_CONTACT_PROBLEMS: usize = 100;

/// A contact read from a file, not yet in the journal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportedContact {
    /// Display name (never empty).
    pub name: String,
    /// Organisation (vCard `ORG`, LinkedIn Company).
    pub org: Option<String>,
    /// Role or job title (vCard `TITLE`, LinkedIn Position).
    pub role: Option<String>,
    /// Email addresses, without repeats.
    pub emails: Vec<String>,
    /// Phone numbers as written, without repeats.
    pub phones: Vec<String>,
    /// Web addresses (vCard `URL`, LinkedIn profile).
    pub links: Vec<String>,
    /// Birthday, possibly without a year.
    pub birthday: Option<Birthday>,
    /// Tags (vCard `CATEGORIES`), without repeats.
    pub tags: Vec<String>,
    /// Notes, as written (not trimmed).
    pub notes: String,
    /// The day you met (LinkedIn's "Connected On", a CSV "met" column).
    pub met_on: Option<NaiveDate>,
    /// The line of the file the contact starts on.
    pub line: usize,
}

impl ImportedContact {
    /// For a contact with no name: what to name it after (its organisation,
    /// else its first email address, else its first phone number), and what
    /// that is, for the message that says so.
    pub fn name_stand_in(&self) -> Option<(String, &'static str)> {
        [
            (self.org.as_ref(), "organisation"),
            (self.emails.first(), "email address"),
            (self.phones.first(), "phone number"),
        ]
        .into_iter()
        .find_map(|(value, what)| value.map(|v| (v.clone(), what)))
    }

    /// A new person from this contact, created and updated at `now`, marked
    /// as imported (so the day of the import does not count as the day you met).
    pub fn into_person(self, id: PersonId, now: DateTime<Utc>) -> Person {
        let mut person = Person::new(id, self.name, now);
        person.imported = true;
        person.org = self.org;
        person.role = self.role;
        person.emails = self.emails;
        person.phones = self.phones;
        person.links = self.links;
        person.birthday = self.birthday;
        person.tags = self.tags;
        person.notes = self.notes;
        person.met.date = self.met_on;
        person
    }

    /// `existing` with this contact's details added: empty fields are filled,
    /// lists are united, different notes are appended. The name is kept.
    pub fn merge_into(&self, existing: &Person, now: DateTime<Utc>) -> Person {
        let mut person = existing.clone();
        if person.org.is_none() {
            person.org = self.org.clone();
        }
        if person.role.is_none() {
            person.role = self.role.clone();
        }
        if person.birthday.is_none() {
            person.birthday = self.birthday;
        }
        if person.met.date.is_none() {
            person.met.date = self.met_on;
        }
        unite(&mut person.emails, &self.emails, true);
        unite(&mut person.phones, &self.phones, false);
        unite(&mut person.links, &self.links, false);
        unite(&mut person.tags, &self.tags, true);
        let notes = self.notes.trim();
        if !notes.is_empty() && !person.notes.contains(notes) {
            person.notes = if person.notes.trim().is_empty() {
                self.notes.clone()
            } else {
                format!("{}\n\n{}", person.notes, self.notes)
            };
        }
        person.updated = person.updated.max(now);
        person
    }
}

fn unite(list: &mut Vec<String>, extra: &[String], ignore_case: bool) {
    for item in extra {
        let present = list.iter().any(|have| {
            if ignore_case {
                have.trim().to_lowercase() == item.trim().to_lowercase()
            } else {
                have.trim() == item.trim()
            }
        });
        if !present {
            list.push(item.clone());
        }
    }
}

/// Whether a problem is about a vCard card or a CSV row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordKind {
    /// A vCard card.
    Card,
    /// A CSV row.
    Row,
}

/// Something wrong with one card or row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactProblem {
    /// Card or row.
    pub kind: RecordKind,
    /// The card's or row's number (1-based, header row not counted).
    pub number: usize,
    /// The line of the file it is on.
    pub line: usize,
    /// What is wrong, in plain English.
    pub message: String,
    /// True when the card or row was left out; false for a warning about a kept contact.
    pub skipped: bool,
}

impl fmt::Display for ContactProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            RecordKind::Card => "card",
            RecordKind::Row => "row",
        };
        write!(
            f,
            "{what} {} (line {}): {}",
            self.number, self.line, self.message
        )?;
        if self.skipped {
            f.write_str("; skipped")?;
        }
        Ok(())
    }
}

/// The result of reading a contacts file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactImport {
    /// The contacts read, in file order.
    pub contacts: Vec<ImportedContact>,
    /// Problems with individual cards or rows (at most [`MAX_CONTACT_PROBLEMS`]).
    pub problems: Vec<ContactProblem>,
    /// How many more problems there were.
    pub more_problems: usize,
}

impl ContactImport {
    pub(crate) fn problem(
        &mut self,
        kind: RecordKind,
        number: usize,
        line: usize,
        message: impl Into<String>,
        skipped: bool,
    ) {
        if self.problems.len() < MAX_CONTACT_PROBLEMS {
            self.problems.push(ContactProblem {
                kind,
                number,
                line,
                message: message.into(),
                skipped,
            });
        } else {
            self.more_problems += 1;
        }
    }
}

/// Why a whole contacts file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContactFileError {
    /// Not text, too large or empty.
    Text(TextError),
    /// A vCard file without a single card.
    NoCards,
    /// A CSV file without a header row the importer recognises.
    NoHeader(String),
    /// The column mapping does not fit the file.
    Mapping(String),
}

impl fmt::Display for ContactFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ContactFileError::Text(err) => err.fmt(f),
            ContactFileError::NoCards => {
                write!(f, "this is not a vCard file: it has no BEGIN:VCARD line")
            }
            ContactFileError::NoHeader(why) => f.write_str(why),
            ContactFileError::Mapping(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for ContactFileError {}

impl From<TextError> for ContactFileError {
    fn from(err: TextError) -> Self {
        ContactFileError::Text(err)
    }
}

/// Trims and drops empty values and repeats (ignoring case when asked).
pub(crate) fn clean_list(list: &mut Vec<String>, ignore_case: bool) {
    let mut kept: Vec<String> = Vec::with_capacity(list.len());
    for item in list.drain(..) {
        let item = item.trim().to_owned();
        let repeat = kept.iter().any(|k| {
            if ignore_case {
                k.to_lowercase() == item.to_lowercase()
            } else {
                *k == item
            }
        });
        if !item.is_empty() && !repeat {
            kept.push(item);
        }
    }
    *list = kept;
}

/// `Some(trimmed)` unless blank.
pub(crate) fn non_blank(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_750_000_000, 0).unwrap()
    }

    #[test]
    fn a_contact_becomes_a_person_with_the_callers_id_and_time() {
        let contact = ImportedContact {
            name: "Ada Quill".into(),
            org: Some("Lumen Labs".into()),
            emails: vec!["ada@example.org".into()],
            met_on: NaiveDate::from_ymd_opt(2024, 3, 12),
            ..ImportedContact::default()
        };
        let person = contact.into_person(PersonId::new(5), now());
        assert_eq!(person.id, PersonId::new(5));
        assert_eq!(person.name, "Ada Quill");
        assert_eq!(person.org.as_deref(), Some("Lumen Labs"));
        assert_eq!(person.emails, ["ada@example.org"]);
        assert_eq!(person.met.date, NaiveDate::from_ymd_opt(2024, 3, 12));
        assert_eq!(person.created, now());
        assert!(person.imported);
    }

    #[test]
    fn merging_fills_gaps_and_unites_lists() {
        let mut existing = Person::new(
            PersonId::new(1),
            "Ada",
            DateTime::from_timestamp(0, 0).unwrap(),
        );
        existing.emails = vec!["ADA@example.org".into()];
        existing.notes = "Met at PyCon.".into();
        let contact = ImportedContact {
            name: "Ada Quill".into(),
            role: Some("Engineer".into()),
            emails: vec!["ada@example.org".into(), "ada@work.example".into()],
            notes: "Likes tea.".into(),
            ..ImportedContact::default()
        };
        let merged = contact.merge_into(&existing, now());
        assert_eq!(merged.name, "Ada");
        assert_eq!(merged.role.as_deref(), Some("Engineer"));
        assert_eq!(merged.emails, ["ADA@example.org", "ada@work.example"]);
        assert_eq!(merged.notes, "Met at PyCon.\n\nLikes tea.");
        assert_eq!(merged.updated, now());
    }

    #[test]
    fn problems_read_as_sentences() {
        let problem = ContactProblem {
            kind: RecordKind::Card,
            number: 3,
            line: 12,
            message: "it has no END:VCARD line".into(),
            skipped: true,
        };
        assert_eq!(
            problem.to_string(),
            "card 3 (line 12): it has no END:VCARD line; skipped"
        );
    }
}
