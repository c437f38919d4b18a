//! The backup file the UI offers for download.

use crate::model::Journal;

use super::browser;

/// The backup's file name: `rapport-backup-YYYY-MM-DD.json`.
pub fn backup_file_name() -> String {
    format!("rapport-backup-{}.json", browser::today())
}

/// The whole journal as backup JSON.
pub fn backup_json(journal: &Journal) -> String {
    serde_json::to_string_pretty(&journal.to_parts()).unwrap_or_default()
}
