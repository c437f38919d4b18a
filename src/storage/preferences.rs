//! Device preferences: small values this browser keeps beside the journal but outside
//! its segments (the theme, when the last backup was downloaded, whether the app's
//! icon shows a badge, whether the note about installing was read).
//!
//! They go through the same [`Backend`] as the journal, so a full quota or a refused
//! write comes back as a [`SaveError`] the user can read. Values are stored as JSON
//! strings under the keys earlier versions used, so existing choices are kept.

use chrono::{DateTime, Utc};

use super::backend::{Backend, BackendError};
use super::engine::SaveError;
use super::local::LocalBackend;

/// Where the theme choice is kept.
pub const THEME_KEY: &str = "rapport/theme";

/// Where the time of the last downloaded backup is kept.
pub const LAST_BACKUP_KEY: &str = "rapport/last-backup";

/// Whether the installed app's icon shows how many people are due ("on" or "off").
pub const APP_BADGE_KEY: &str = "rapport/app-badge";

/// Set once the user has read the note about what installing the app does.
pub const INSTALL_NOTE_KEY: &str = "rapport/install-note";

/// The theme when none was chosen: follow the device.
pub const DEFAULT_THEME: &str = "system";

/// This device's preferences over one backend.
#[derive(Debug, Clone)]
pub struct Preferences<B> {
    backend: B,
}

impl Preferences<LocalBackend> {
    /// The preferences in this browser's localStorage.
    pub fn open() -> Result<Self, BackendError> {
        LocalBackend::open().map(Self::new)
    }
}

impl<B: Backend> Preferences<B> {
    /// Preferences kept in `backend`.
    pub fn new(backend: B) -> Self {
        Self { backend }
    }

    /// The backend, for inspecting what was stored.
    pub fn backend(&self) -> &B {
        &self.backend
    }

    /// The chosen theme: "system", "light" or "dark"; [`DEFAULT_THEME`] if none
    /// was chosen or the stored value cannot be read.
    pub fn theme(&self) -> Result<String, BackendError> {
        Ok(self
            .read(THEME_KEY)?
            .unwrap_or_else(|| DEFAULT_THEME.to_owned()))
    }

    /// Keeps the theme choice.
    pub fn set_theme(&mut self, theme: &str) -> Result<(), SaveError> {
        self.write(THEME_KEY, theme)
    }

    /// When the last backup was downloaded on this browser, if ever.
    pub fn last_backup(&self) -> Result<Option<DateTime<Utc>>, BackendError> {
        Ok(self.read(LAST_BACKUP_KEY)?.and_then(|text| {
            DateTime::parse_from_rfc3339(&text)
                .ok()
                .map(|t| t.with_timezone(&Utc))
        }))
    }

    /// Keeps `at` as the time of the last downloaded backup.
    pub fn record_backup(&mut self, at: DateTime<Utc>) -> Result<(), SaveError> {
        self.write(LAST_BACKUP_KEY, &at.to_rfc3339())
    }

    /// Whether the app's icon should show how many people are due. Off until
    /// the user turns it on.
    pub fn app_badge(&self) -> Result<bool, BackendError> {
        Ok(self.read(APP_BADGE_KEY)?.as_deref() == Some("on"))
    }

    /// Keeps the choice to show (or not) the count on the app's icon.
    pub fn set_app_badge(&mut self, on: bool) -> Result<(), SaveError> {
        self.write(APP_BADGE_KEY, if on { "on" } else { "off" })
    }

    /// Whether the note about installing was dismissed on this device.
    pub fn install_note_dismissed(&self) -> Result<bool, BackendError> {
        Ok(self.read(INSTALL_NOTE_KEY)?.as_deref() == Some("dismissed"))
    }

    /// Remembers that the note about installing was read, so it is not shown again.
    pub fn dismiss_install_note(&mut self) -> Result<(), SaveError> {
        self.write(INSTALL_NOTE_KEY, "dismissed")
    }

    /// The string stored under `key`; a value that is not a JSON string counts as
    /// none, as it did when these were first written.
    fn read(&self, key: &str) -> Result<Option<String>, BackendError> {
        Ok(self
            .backend
            .get(key)?
            .and_then(|text| serde_json::from_str::<String>(&text).ok()))
    }

    fn write(&mut self, key: &str, value: &str) -> Result<(), SaveError> {
        let json =
            serde_json::to_string(value).map_err(|err| SaveError::Encode(err.to_string()))?;
        self.backend.set(key, &json).map_err(SaveError::from)
    }
}

/// The theme to show at start: the stored choice, or [`DEFAULT_THEME`] when storage
/// cannot be read (the journal's own load then says why).
pub fn stored_theme() -> String {
    Preferences::open()
        .and_then(|preferences| preferences.theme())
        .unwrap_or_else(|_| DEFAULT_THEME.to_owned())
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::storage::backend::MemoryBackend;

    #[test]
    fn the_theme_is_stored_as_earlier_versions_stored_it() {
        let mut preferences = Preferences::new(MemoryBackend::default());
        assert_eq!(preferences.theme(), Ok("system".to_owned()));
        assert_eq!(preferences.set_theme("dark"), Ok(()));
        assert_eq!(preferences.theme(), Ok("dark".to_owned()));
        assert_eq!(
            preferences.backend().get("rapport/theme"),
            Ok(Some("\"dark\"".to_owned()))
        );
    }

    #[test]
    fn a_choice_written_by_an_earlier_version_is_read() {
        let mut backend = MemoryBackend::default();
        backend.set("rapport/theme", "\"light\"").ok();
        backend
            .set("rapport/last-backup", "\"2026-03-01T09:30:00+00:00\"")
            .ok();
        let preferences = Preferences::new(backend);
        assert_eq!(preferences.theme(), Ok("light".to_owned()));
        assert_eq!(
            preferences.last_backup(),
            Ok(Utc.with_ymd_and_hms(2026, 3, 1, 9, 30, 0).single())
        );
    }

    #[test]
    fn the_last_backup_time_comes_back_as_recorded() {
        let mut preferences = Preferences::new(MemoryBackend::default());
        assert_eq!(preferences.last_backup(), Ok(None));
        let at = Utc.with_ymd_and_hms(2026, 12, 5, 16, 0, 0).single();
        let Some(at) = at else { panic!("a valid date") };
        assert_eq!(preferences.record_backup(at), Ok(()));
        assert_eq!(preferences.last_backup(), Ok(Some(at)));
    }

    #[test]
    fn the_app_badge_is_off_until_turned_on() {
        let mut preferences = Preferences::new(MemoryBackend::default());
        assert_eq!(preferences.app_badge(), Ok(false));
        assert_eq!(preferences.set_app_badge(true), Ok(()));
        assert_eq!(preferences.app_badge(), Ok(true));
        assert_eq!(
            preferences.backend().get("rapport/app-badge"),
            Ok(Some("\"on\"".to_owned()))
        );
        assert_eq!(preferences.set_app_badge(false), Ok(()));
        assert_eq!(preferences.app_badge(), Ok(false));
    }

    #[test]
    fn an_unreadable_badge_choice_counts_as_off() {
        let mut backend = MemoryBackend::default();
        backend.set("rapport/app-badge", "true").ok();
        assert_eq!(Preferences::new(backend).app_badge(), Ok(false));
    }

    #[test]
    fn the_install_note_stays_dismissed() {
        let mut preferences = Preferences::new(MemoryBackend::default());
        assert_eq!(preferences.install_note_dismissed(), Ok(false));
        assert_eq!(preferences.dismiss_install_note(), Ok(()));
        assert_eq!(preferences.install_note_dismissed(), Ok(true));
        let kept = Preferences::new(preferences.backend().clone());
        assert_eq!(kept.install_note_dismissed(), Ok(true));
    }

    #[test]
    fn a_full_quota_is_reported_not_swallowed() {
        let mut preferences = Preferences::new(MemoryBackend::with_quota(10));
        assert_eq!(preferences.set_theme("dark"), Err(SaveError::QuotaExceeded));
        let at = Utc.with_ymd_and_hms(2026, 12, 5, 16, 0, 0).single();
        let Some(at) = at else { panic!("a valid date") };
        assert_eq!(preferences.record_backup(at), Err(SaveError::QuotaExceeded));
        assert_eq!(
            preferences.set_app_badge(true),
            Err(SaveError::QuotaExceeded)
        );
        assert_eq!(
            preferences.dismiss_install_note(),
            Err(SaveError::QuotaExceeded)
        );
        assert_eq!(preferences.theme(), Ok("system".to_owned()));
        assert_eq!(preferences.app_badge(), Ok(false));
    }
}
