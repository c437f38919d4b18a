//! Journal-wide settings that change what the computed figures mean.

use serde::{Deserialize, Serialize};

use super::error::ModelError;

/// The tag that marks your usual circle unless the user picks another.
pub const DEFAULT_CIRCLE_TAG: &str = "posse";

/// Settings stored with the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// People with this tag form your usual circle (network chart "usual circle vs everyone else").
    #[serde(default = "default_circle")]
    pub circle: String,
    /// Thresholds of the nudge rules.
    #[serde(default, skip_serializing_if = "NudgeConfig::is_default")]
    pub nudges: NudgeConfig,
}

fn default_circle() -> String {
    DEFAULT_CIRCLE_TAG.to_owned()
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            circle: default_circle(),
            nudges: NudgeConfig::default(),
        }
    }
}

impl Settings {
    /// True for the settings of a new journal (then they are left out of the JSON).
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }

    /// Checks the settings make sense.
    pub fn validate(&self) -> Result<(), ModelError> {
        if self.circle.trim().is_empty() {
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
