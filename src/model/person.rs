//! People in the journal.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::dates::Birthday;
use super::ids::PersonId;

/// Someone in your network.
///
/// Only `id`, `name` and the timestamps are required; every other field is
/// optional and left out of the JSON when empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Stable id; never changes, even when the person is renamed.
    pub id: PersonId,
    /// Display name; must not be blank.
    pub name: String,
    /// Organisation they work for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
    /// Their role or job title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Email addresses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<String>,
    /// Phone numbers, as typed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<String>,
    /// Links (profile pages, websites).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    /// Birthday, possibly without a year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birthday: Option<Birthday>,
    /// How you met.
    #[serde(default, skip_serializing_if = "HowWeMet::is_unknown")]
    pub met: HowWeMet,
    /// Circles/tags, free-form (e.g. "posse", "alumni"). Compared ignoring case.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// How often you want to be in touch; `None` means never overdue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadence: Option<Cadence>,
    /// What you say no to with this person.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub boundaries: String,
    /// Free notes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Archived people are kept with their history but get no nudges.
    #[serde(default, skip_serializing_if = "is_false")]
    pub archived: bool,
    /// Snoozed: left out of the Today screen's "Reconnect" list before this day.
    #[serde(rename = "snooze", default, skip_serializing_if = "Option::is_none")]
    pub snoozed_until: Option<NaiveDate>,
    /// Brought in by a contacts import (vCard, LinkedIn, CSV), not added by
    /// hand: the day they were added says nothing about when you met, so
    /// they count as new people only by their met date.
    #[serde(default, skip_serializing_if = "is_false")]
    pub imported: bool,
    /// When the record was created (UTC, stored as epoch milliseconds).
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub created: DateTime<Utc>,
    /// When the record last changed (UTC, epoch milliseconds); used for merge-by-newer.
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub updated: DateTime<Utc>,
}

fn is_false(value: &bool) -> bool {
    !*value
}

impl Person {
    /// A person with just a name, created and updated at `now`.
    pub fn new(id: PersonId, name: impl Into<String>, now: DateTime<Utc>) -> Self {
        Self {
            id,
            name: name.into(),
            org: None,
            role: None,
            emails: Vec::new(),
            phones: Vec::new(),
            links: Vec::new(),
            birthday: None,
            met: HowWeMet::default(),
            tags: Vec::new(),
            cadence: None,
            boundaries: String::new(),
            notes: String::new(),
            archived: false,
            snoozed_until: None,
            imported: false,
            created: now,
            updated: now,
        }
    }

    /// Whether the person carries `tag` (ignoring case and surrounding spaces).
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| same_text(t, tag))
    }

    /// Whether the person is snoozed on `today` (snoozed until a later day).
    pub fn is_snoozed(&self, today: NaiveDate) -> bool {
        self.snoozed_until.is_some_and(|until| until > today)
    }

    /// The day you met, falling back to the day the record was created.
    pub fn met_or_created(&self) -> NaiveDate {
        self.met.date.unwrap_or_else(|| self.created.date_naive())
    }

    /// The day they count as a new person: the met date, else the first
    /// logged contact (`first_contact`), else the day they were added. People
    /// who came in by an import count only by their met date (`None` without
    /// one): the day of the import is not the day you met.
    pub fn new_on(&self, first_contact: Option<NaiveDate>) -> Option<NaiveDate> {
        match (self.met.date, self.imported) {
            (Some(met), _) => Some(met),
            (None, true) => None,
            (None, false) => Some(first_contact.unwrap_or_else(|| self.created.date_naive())),
        }
    }
}

/// Case-insensitive comparison that also covers non-ASCII letters (É = é).
pub(crate) fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

/// How you met someone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HowWeMet {
    /// Where, or at what event.
    #[serde(rename = "where", default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// On what day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Who introduced you (must be a person in the journal).
    #[serde(rename = "via", default, skip_serializing_if = "Option::is_none")]
    pub introduced_by: Option<PersonId>,
}

impl HowWeMet {
    /// True when nothing is known about how you met.
    pub fn is_unknown(&self) -> bool {
        self.place.is_none() && self.date.is_none() && self.introduced_by.is_none()
    }
}

/// Keep-in-touch cadence in days.
///
/// Past `ideal` days without contact the person is overdue; past `max` (when
/// set) they are past the maximum gap and get a nudge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cadence {
    /// Ideal gap between contacts, at least 1 day.
    pub ideal: u32,
    /// Longest acceptable gap; when set, at least `ideal`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
}

impl Cadence {
    /// A cadence of every `ideal` days with an optional maximum.
    pub fn new(ideal: u32, max: Option<u32>) -> Self {
        Self { ideal, max }
    }

    /// Whether the numbers make sense (ideal ≥ 1, max ≥ ideal).
    pub fn is_valid(&self) -> bool {
        self.ideal >= 1 && self.max.is_none_or(|max| max >= self.ideal)
    }
}
