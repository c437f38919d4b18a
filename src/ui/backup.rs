//! The browser side of backups: the backup file the UI offers for download,
//! when the last one was made, and reading a chosen file.

use chrono::{DateTime, Utc};
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use crate::backup::MAX_IMPORT_BYTES;
use crate::model::words::capitalise;
use crate::model::Journal;
use crate::storage::preferences::Preferences;

use super::browser;

/// After this many days without a backup, the app nudges.
pub const NUDGE_AFTER_DAYS: i64 = 30;

/// The backup's file name: `rapport-backup-YYYY-MM-DD.json`.
pub fn backup_file_name() -> String {
    crate::backup::backup_file_name(browser::today())
}

/// The whole journal as backup JSON.
pub fn backup_json(journal: &Journal) -> String {
    crate::backup::export_backup(journal, browser::now())
        .unwrap_or_else(|_| serde_json::to_string_pretty(&journal.to_parts()).unwrap_or_default())
}

/// Records written between two looks at the clock while a backup is written.
const EXPORT_BATCH: usize = 200;

/// The whole journal as backup JSON, like [`backup_json`], but written a slice
/// at a time so the page keeps painting; `report` hears how far it got
/// (records written, records in all).
pub async fn backup_json_in_slices(journal: &Journal, report: impl Fn(usize, usize)) -> String {
    let Ok(mut writer) = crate::backup::ExportWriter::new(journal, browser::now()) else {
        return backup_json(journal);
    };
    let mut failed = false;
    browser::in_slices(
        || match writer.step(EXPORT_BATCH) {
            Ok(done) => (done, writer.total()),
            Err(_) => {
                failed = true;
                (0, 0)
            }
        },
        report,
    )
    .await;
    match writer.finish() {
        Ok(text) if !failed => text,
        _ => backup_json(journal),
    }
}

/// Remembers that a backup was just downloaded; the error, in words, says why not.
pub fn record_backup() -> Result<(), String> {
    Preferences::open()
        .map_err(Into::into)
        .and_then(|mut preferences| preferences.record_backup(browser::now()))
        .map_err(|err| {
            format!("The backup was downloaded, but this browser could not note when: {err}")
        })
}

/// When the last backup was downloaded, if ever (on this browser). Unreadable
/// storage counts as never: the nudge to back up is then the right advice.
pub fn last_backup() -> Option<DateTime<Utc>> {
    Preferences::open()
        .and_then(|preferences| preferences.last_backup())
        .ok()
        .flatten()
}

/// "Last backup 3 days ago", and whether it is time to nudge.
pub fn last_backup_text(now: DateTime<Utc>) -> (String, bool) {
    match last_backup() {
        None => (
            "No backup downloaded from this browser yet.".to_owned(),
            true,
        ),
        Some(then) => {
            let days = (now - then).num_days().max(0);
            let when = match days {
                0 => "today".to_owned(),
                1 => "1 day ago".to_owned(),
                n => format!("{n} days ago"),
            };
            let nudge = days >= NUDGE_AFTER_DAYS;
            let mut text = format!("Last backup {when}.");
            if nudge {
                text.push_str(" Time for a new one.");
            }
            (text, nudge)
        }
    }
}

/// Props of [`LastBackup`].
#[derive(Properties, PartialEq)]
pub struct LastBackupProps {
    /// Changes when a backup was just made, so the line re-reads storage.
    #[prop_or_default]
    pub stamp: u64,
}

/// One line: when the last backup was made, with a nudge after 30 days.
#[component]
pub fn LastBackup(props: &LastBackupProps) -> Html {
    let _ = props.stamp;
    let (text, nudge) = last_backup_text(browser::now());
    html! {
        <p class={if nudge { "warning last-backup" } else { "muted last-backup" }}>{ text }</p>
    }
}

/// Downloads a backup of `journal`, written a slice at a time (`report` hears how
/// far it got), and records the time; the error, in words, says what went wrong.
pub async fn download_backup(
    journal: &Journal,
    report: impl Fn(usize, usize),
) -> Result<(), String> {
    let text = backup_json_in_slices(journal, report).await;
    browser::download(&backup_file_name(), "application/json", &text)
        .map_err(|err| format!("Download failed: {err}"))?;
    record_backup()
}

/// The first file chosen in a file input, read whole. Files over the import
/// cap are refused before they are read.
pub async fn read_chosen_file(input: &web_sys::HtmlInputElement) -> Result<Vec<u8>, String> {
    let file = input
        .files()
        .and_then(|files| files.get(0))
        .ok_or_else(|| "No file was chosen.".to_owned())?;
    let size = file.size();
    if size > MAX_IMPORT_BYTES as f64 {
        let err = crate::backup::TextError::TooLarge {
            bytes: size as usize,
        };
        return Err(capitalise(&err.to_string()));
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "The browser could not read this file.".to_owned())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
