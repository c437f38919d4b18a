//! Journal-wide settings that change what the computed figures mean.

use serde::{Deserialize, Serialize};

use super::error::ModelError;
use super::person::{same_text, Person};

/// Settings stored with the journal.
///
/// Reading also accepts the older single tag, `"circle": "crew"`, as the
/// list `["crew"]`; writing always uses `circles`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "StoredSettings")]
pub struct Settings {
    /// Tags whose people form your usual circle (Insights: "usual circle and
    /// everyone else"), as the user chose them; empty until they choose.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub circles: Vec<String>,
    /// Thresholds of the nudge rules.
    #[serde(skip_serializing_if = "NudgeConfig::is_default")]
    pub nudges: NudgeConfig,
}

/// Settings as stored, in either shape of the usual circle.
#[derive(Deserialize)]
struct StoredSettings {
    #[serde(default)]
    circles: Option<Vec<String>>,
    /// The shape before the list: one tag.
    #[serde(default)]
    circle: Option<String>,
    #[serde(default)]
    nudges: NudgeConfig,
}

impl From<StoredSettings> for Settings {
    fn from(stored: StoredSettings) -> Self {
        Self {
            circles: stored
                .circles
                .unwrap_or_else(|| stored.circle.into_iter().collect()),
            nudges: stored.nudges,
        }
    }
}

impl Settings {
    /// True for the settings of a new journal (then they are left out of the JSON).
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }

    /// Whether the usual circle has been chosen.
    pub fn has_circle(&self) -> bool {
        !self.circles.is_empty()
    }

    /// Whether `tag` is one of the usual-circle tags (ignoring case).
    pub fn is_circle_tag(&self, tag: &str) -> bool {
        self.circles.iter().any(|c| same_text(c, tag))
    }

    /// Whether `person` belongs to the usual circle: they carry one of its tags.
    pub fn in_circle(&self, person: &Person) -> bool {
        self.circles.iter().any(|tag| person.has_tag(tag))
    }

    /// The usual circle with `tag` added (`chosen`) or taken out; the rest
    /// keeps its order.
    pub fn with_circle_tag(&self, tag: &str, chosen: bool) -> Self {
        let mut next = self.clone();
        next.circles.retain(|c| !same_text(c, tag));
        if chosen {
            next.circles.push(tag.trim().to_owned());
        }
        next
    }

    /// Trims the circle tags and drops repeats (ignoring case; the first
    /// spelling stays). Blank tags are left for [`validate`](Self::validate)
    /// to refuse.
    pub fn normalize(&mut self) {
        let mut kept: Vec<String> = Vec::with_capacity(self.circles.len());
        for tag in self.circles.drain(..) {
            let tag = tag.trim().to_owned();
            if tag.is_empty() || !kept.iter().any(|k| same_text(k, &tag)) {
                kept.push(tag);
            }
        }
        self.circles = kept;
    }

    /// Checks the settings make sense.
    pub fn validate(&self) -> Result<(), ModelError> {
        if self.circles.iter().any(|tag| tag.trim().is_empty()) {
            return Err(ModelError::EmptyCircleTag);
        }
        self.nudges.validate()
    }
}

/// Thresholds for the nudge rules (see `nudges.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NudgeConfig {
    /// "Two-way street": fires when you initiated this many most recent contacts in a row.
    #[serde(default = "three")]
    pub streak: u32,
    /// "Only when you need something": how many of your most recent you-initiated contacts to look at.
    #[serde(default = "five")]
    pub window: u32,
    /// "It's okay to say no": fires when they asked at least this many times and you never declined.
    #[serde(default = "three")]
    pub asks: u32,
}

fn three() -> u32 {
    3
}

fn five() -> u32 {
    5
}

impl Default for NudgeConfig {
    fn default() -> Self {
        Self {
            streak: 3,
            window: 5,
            asks: 3,
        }
    }
}

impl NudgeConfig {
    /// True for the default thresholds.
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }

    /// Every threshold must be at least 1.
    pub fn validate(&self) -> Result<(), ModelError> {
        if self.streak == 0 {
            return Err(ModelError::InvalidNudgeSetting("streak"));
        }
        if self.window == 0 {
            return Err(ModelError::InvalidNudgeSetting("window"));
        }
        if self.asks == 0 {
            return Err(ModelError::InvalidNudgeSetting("asks"));
        }
        Ok(())
    }
}
