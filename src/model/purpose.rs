//! The user-editable list of interaction purposes.

use serde::{Deserialize, Serialize};

use super::ids::PurposeId;

/// Why an interaction happened. Interactions store only the id, so renaming a
/// purpose never rewrites the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Purpose {
    /// Stable id.
    pub id: PurposeId,
    /// Label shown to the user; unique ignoring case.
    pub label: String,
}

impl Purpose {
    /// A purpose with this id and label.
    pub fn new(id: PurposeId, label: impl Into<String>) -> Self {
        Self {
            id,
            label: label.into(),
        }
    }
}

/// What interactions without a purpose are called, in charts and menus.
pub const NO_PURPOSE: &str = "No purpose";

/// Ids and labels of the purposes a new journal starts with.
pub const DEFAULT_PURPOSES: [(&str, &str); 6] = [
    ("touch", "Staying in touch"),
    ("job", "Job search"),
    ("gig", "Consulting gig"),
    ("info", "Information"),
    ("volunteer", "Volunteering"),
    ("help", "Helping them"),
];

/// The purposes a new journal starts with, in display order.
pub fn default_purposes() -> Vec<Purpose> {
    DEFAULT_PURPOSES
        .iter()
        .filter_map(|(id, label)| id.parse().ok().map(|id| Purpose::new(id, *label)))
        .collect()
}
