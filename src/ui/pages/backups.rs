//! Backups: download or share the journal (plain or encrypted), restore a backup
//! with a preview and an undo, import contacts, and export to other tools. A file
//! shared to the installed app, or opened with it, lands in the same preview.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::backup::{
    apply_import, detect_backup_kind, parse_envelope, preview, BackupKind, BackupReader, Envelope,
    Mode, Newer, ParsedBackup, Preview, Progress, RecordKind,
};
use crate::model::words::{self, capitalise};
use crate::model::Journal;
use crate::ui::backup::{
    backup_file_name, backup_json, download_backup, record_backup, LastBackup,
};
use crate::ui::browser;
use crate::ui::components::import_contacts::{ContactSource, ImportContacts};
use crate::ui::components::progress::ProgressBar;
use crate::ui::crypto;
use crate::ui::dates;
use crate::ui::hooks::{use_app, use_file_input, AppHandle, FileInputHandle};
use crate::ui::platform::{self, Shared};
use crate::ui::state::Toast;

fn say(app: &AppHandle, message: impl Into<String>) {
    app.toast(Toast::say(message.into()));
}

/// Scrolls to the section named after a second `#` in the address
/// (`#/backups#import-vcard`), so links from elsewhere land on it.
fn scroll_to_section() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(hash) = window.location().hash() else {
        return;
    };
    let Some(section) = hash.split('#').nth(2).filter(|s| !s.is_empty()) else {
        return;
    };
    if let Some(element) = window.document().and_then(|d| d.get_element_by_id(section)) {
        element.scroll_into_view();
    }
}

/// The Backups screen.
#[component]
pub fn BackupsPage() -> Html {
    use_effect_with((), |_| {
        // After the app's own scroll to the top of a new screen.
        yew::platform::spawn_local(async {
            yew::platform::time::sleep(std::time::Duration::from_millis(50)).await;
            scroll_to_section();
        });
    });
    html! {
        <div class="backups">
            <h1>{ "Backups" }</h1>
            <ExportSection />
            <RestoreSection />
            <ImportContacts
                source={ContactSource::VCard}
                id="import-vcard"
                title="Import phone contacts (vCard)"
                intro="Choose a .vcf file exported from your phone, Google Contacts or Outlook."
            />
            <ImportContacts
                source={ContactSource::LinkedIn}
                id="import-linkedin"
                title="Import LinkedIn connections"
                intro="Choose Connections.csv from LinkedIn's data export (Settings, Data privacy, Get a copy of your data)."
            />
            <ImportContacts
                source={ContactSource::Csv}
                id="import-csv"
                title="Import contacts from a spreadsheet (CSV)"
                intro="Choose any CSV file with one person per row; then say which column holds what."
            />
            <OtherToolsSection />
        </div>
    }
}

#[component]
fn ExportSection() -> Html {
    let app = use_app();
    let stamp = use_state(|| 0u64);
    // While a download is written: records written, records in all.
    let writing = use_state(|| None::<(usize, usize)>);
    let download = {
        let app = app.clone();
        let stamp = stamp.clone();
        let writing = writing.clone();
        Callback::from(move |_: MouseEvent| {
            if writing.is_some() {
                return;
            }
            // What the journal is now, whatever changes while it is written.
            let journal = app.read(Journal::clone);
            let (app, stamp, writing) = (app.clone(), stamp.clone(), writing.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result =
                    download_backup(&journal, |done, total| writing.set(Some((done, total)))).await;
                writing.set(None);
                match result {
                    Ok(()) => stamp.set(*stamp + 1),
                    Err(err) => say(&app, err),
                }
            });
        })
    };
    let shareable = *use_memo((), |_| platform::can_share_files());
    let share = {
        let app = app.clone();
        let stamp = stamp.clone();
        Callback::from(move |_: MouseEvent| {
            let text = app.read(backup_json);
            let (app, stamp) = (app.clone(), stamp.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let shared =
                    platform::share_file(&backup_file_name(), "application/json", text.as_bytes())
                        .await;
                after_share(&app, shared, "Backup shared.", || stamp.set(*stamp + 1));
            });
        })
    };
    let on_encrypted = {
        let stamp = stamp.clone();
        Callback::from(move |()| stamp.set(*stamp + 1))
    };
    html! {
        <section class="card" id="export" aria-labelledby="export-title">
            <h2 id="export-title">{ if shareable { "Share or download a backup" } else { "Download a backup" } }</h2>
            <p>{ "One file with everything in your journal. Keep it somewhere safe: it is not encrypted." }</p>
            if shareable {
                <p class="muted">{ "Share sends the file to another app or device: Files, mail, AirDrop, Nearby Share." }</p>
            }
            <LastBackup stamp={*stamp} />
            if shareable {
                <button type="button" class="button primary" onclick={share}>{ "Share a backup" }</button>
                { " " }
            }
                <button type="button" class={if shareable { "button" } else { "button primary" }} onclick={download}
                    disabled={writing.is_some()}>{ "Download a backup" }</button>
            if let Some((done, total)) = *writing {
                <ProgressBar id="export-progress"
                    doing={crate::model::words::WRITING_BACKUP} {done} {total} />
            }
            <EncryptedExport on_done={on_encrypted} {shareable} />
        </section>
    }
}

/// Says how a share ended; `done` runs once the file went out. A closed share
/// sheet is not an error and says nothing.
fn after_share(
    app: &AppHandle,
    shared: Result<Shared, String>,
    message: &str,
    done: impl FnOnce(),
) {
    match shared {
        Ok(Shared::Sent) => {
            done();
            match record_backup() {
                Ok(()) => say(app, message),
                Err(err) => say(app, err),
            }
        }
        Ok(Shared::Cancelled) => {}
        Err(err) => say(
            app,
            format!(
                "Sharing failed: {err}. Nothing was sent; you can download the backup instead."
            ),
        ),
    }
}

#[derive(Properties, PartialEq)]
struct EncryptedExportProps {
    on_done: Callback<()>,
    /// Hand the file to the system share sheet rather than download it.
    shareable: bool,
}

fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

#[component]
fn EncryptedExport(props: &EncryptedExportProps) -> Html {
    let app = use_app();
    let first = use_state(String::new);
    let second = use_state(String::new);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let on_first = {
        let first = first.clone();
        Callback::from(move |e: InputEvent| first.set(input_value(&e)))
    };
    let on_second = {
        let second = second.clone();
        Callback::from(move |e: InputEvent| second.set(input_value(&e)))
    };
    let submit = {
        let app = app.clone();
        let (first, second, error, busy) =
            (first.clone(), second.clone(), error.clone(), busy.clone());
        let on_done = props.on_done.clone();
        let props_shareable = props.shareable;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let passphrase = (*first).clone();
            if passphrase.chars().count() < 8 {
                error.set(Some(
                    "Use a passphrase of at least 8 characters.".to_owned(),
                ));
                return;
            }
            if passphrase != *second {
                error.set(Some(
                    "The two passphrases are not the same. Type it again.".to_owned(),
                ));
                return;
            }
            error.set(None);
            busy.set(true);
            let text = app.read(backup_json);
            let shareable = props_shareable;
            let (app, first, second, error, busy, on_done) = (
                app.clone(),
                first.clone(),
                second.clone(),
                error.clone(),
                busy.clone(),
                on_done.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let result = crypto::encrypt_backup(&text, &passphrase).await;
                busy.set(false);
                match result {
                    Ok(envelope) if shareable => {
                        let name = crate::backup::encrypted_backup_file_name(browser::today());
                        let shared =
                            platform::share_file(&name, "application/json", envelope.as_bytes())
                                .await;
                        after_share(&app, shared, "Encrypted backup shared.", || {
                            first.set(String::new());
                            second.set(String::new());
                            on_done.emit(());
                        });
                    }
                    Ok(envelope) => {
                        let name = crate::backup::encrypted_backup_file_name(browser::today());
                        match browser::download(&name, "application/json", &envelope) {
                            Ok(()) => {
                                first.set(String::new());
                                second.set(String::new());
                                on_done.emit(());
                                match record_backup() {
                                    Ok(()) => say(&app, "Encrypted backup downloaded."),
                                    Err(err) => say(&app, err),
                                }
                            }
                            Err(err) => error.set(Some(format!("Download failed: {err}"))),
                        }
                    }
                    Err(err) => error.set(Some(capitalise(&err))),
                }
            });
        })
    };
    html! {
        <form class="inline-form encrypted-export" onsubmit={submit}>
            <h3>{ "Encrypted backup" }</h3>
            <p class="muted">{ "Protect the file with a passphrase. Without it the backup cannot be opened, by anyone — including you." }</p>
            <div class="field">
                <label for="export-passphrase">{ "Passphrase" }</label>
                <input id="export-passphrase" type="password" autocomplete="new-password"
                    value={(*first).clone()} oninput={on_first} />
            </div>
            <div class="field">
                <label for="export-passphrase-again">{ "Passphrase again" }</label>
                <input id="export-passphrase-again" type="password" autocomplete="new-password"
                    value={(*second).clone()} oninput={on_second} />
            </div>
            if let Some(message) = (*error).clone() {
                <p class="error" role="alert">{ message }</p>
            }
            <button type="submit" class="button" disabled={*busy}>
                { match (*busy, props.shareable) {
                    (true, _) => "Encrypting…",
                    (false, true) => "Share an encrypted backup",
                    (false, false) => "Download an encrypted backup",
                } }
            </button>
        </form>
    }
}

/// Where a restore stands.
#[derive(Clone, PartialEq)]
enum Restore {
    Idle,
    /// Reading the file; how many of its records so far, once known.
    Reading(Option<Progress>),
    /// The file was rejected: every problem, located.
    Rejected(Vec<String>),
    /// An encrypted backup waiting for its passphrase.
    Locked(Rc<Envelope>),
    /// Checked and compared: waiting for Merge or Replace.
    Ready {
        parsed: Rc<ParsedBackup>,
        preview: Rc<Preview>,
    },
}

/// Records read between two looks at the clock.
const RECORDS_PER_LOOK: usize = 500;

/// Reads a backup in slices, showing how far it has come, then compares it
/// with the journal. An encrypted backup asks for its passphrase first.
async fn check_file(bytes: &[u8], app: &AppHandle, state: &UseStateHandle<Restore>) -> Restore {
    if let Err(err) = crate::backup::text::check_size(bytes) {
        return Restore::Rejected(vec![capitalise(&err.to_string())]);
    }
    let text = match crate::backup::text::decode_utf8(bytes, "a Rapport backup") {
        Ok(text) => text,
        Err(err) => return Restore::Rejected(vec![capitalise(&err.to_string())]),
    };
    let mut reader = match BackupReader::open(text) {
        Ok(reader) => reader,
        // Only a file that is not a plain backup is looked at again.
        Err(errors) => {
            return match detect_backup_kind(bytes) {
                BackupKind::Encrypted => match parse_envelope(bytes) {
                    Ok(envelope) => Restore::Locked(Rc::new(envelope)),
                    Err(err) => Restore::Rejected(vec![err.to_string()]),
                },
                BackupKind::Plain | BackupKind::Unknown => Restore::Rejected(errors.lines()),
            }
        }
    };
    state.set(Restore::Reading(Some(reader.progress())));
    browser::yield_now().await;
    browser::in_slices(
        || {
            let Progress { done, total } = reader.step(RECORDS_PER_LOOK);
            (done, total)
        },
        |done, total| state.set(Restore::Reading(Some(Progress { done, total }))),
    )
    .await;
    match reader.finish() {
        Ok(parsed) => {
            let preview = app.read(|journal| preview(&parsed, journal));
            Restore::Ready {
                parsed: Rc::new(parsed),
                preview: Rc::new(preview),
            }
        }
        Err(errors) => Restore::Rejected(errors.lines()),
    }
}

/// Checks a file in the background and shows the result.
fn check_in_background(bytes: Vec<u8>, app: AppHandle, state: UseStateHandle<Restore>) {
    wasm_bindgen_futures::spawn_local(async move {
        let result = check_file(&bytes, &app, &state).await;
        state.set(result);
    });
}

fn counts_line(what: &str, counts: &crate::backup::Counts) -> String {
    let mut line = format!(
        "{what}: {} new, {} identical, {} in conflict, {} only in this journal",
        counts.new, counts.identical, counts.conflicts, counts.only_in_journal
    );
    if counts.kept_both > 0 {
        line.push_str(&format!(
            ", {} kept as two records (see below)",
            counts.kept_both
        ));
    }
    line
}

#[component]
fn RestoreSection() -> Html {
    let app = use_app();
    let state = use_state(|| Restore::Idle);
    let mode = use_state(|| Mode::Merge);
    let passphrase = use_state(String::new);
    let pass_error = use_state(|| None::<String>);
    let unlocking = use_state(|| false);
    let undo = use_state(|| None::<Rc<Journal>>);
    let file = use_file_input();

    let on_file = {
        let app = app.clone();
        let started = {
            let (state, passphrase, pass_error, mode) = (
                state.clone(),
                passphrase.clone(),
                pass_error.clone(),
                mode.clone(),
            );
            move || {
                state.set(Restore::Reading(None));
                passphrase.set(String::new());
                pass_error.set(None);
                mode.set(Mode::Merge);
            }
        };
        let state = state.clone();
        FileInputHandle::on_change(started, move |read| match read {
            Ok(bytes) => check_in_background(bytes, app.clone(), state.clone()),
            Err(message) => state.set(Restore::Rejected(vec![message])),
        })
    };

    // A backup shared to the installed app, or opened with it: the same check
    // and preview as a chosen file, and nothing stored until the user chooses.
    {
        let (app, state, mode) = (app.clone(), state.clone(), mode.clone());
        use_effect_with((), move |_| {
            let open = move || {
                if let Some(incoming) = platform::take_incoming(false) {
                    mode.set(Mode::Merge);
                    match incoming.contents {
                        Ok(bytes) => {
                            state.set(Restore::Reading(None));
                            check_in_background(bytes, app.clone(), state.clone());
                        }
                        Err(message) => state.set(Restore::Rejected(vec![message])),
                    }
                }
            };
            open();
            let listener = web_sys::window().map(|window| {
                gloo_events::EventListener::new(&window, platform::INCOMING_EVENT, move |_| open())
            });
            move || drop(listener)
        });
    }

    let on_passphrase = {
        let passphrase = passphrase.clone();
        Callback::from(move |e: InputEvent| passphrase.set(input_value(&e)))
    };

    let unlock = {
        let app = app.clone();
        let (state, passphrase, pass_error, unlocking) = (
            state.clone(),
            passphrase.clone(),
            pass_error.clone(),
            unlocking.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Restore::Locked(envelope) = (*state).clone() else {
                return;
            };
            if *unlocking {
                return;
            }
            if passphrase.is_empty() {
                pass_error.set(Some("Type the backup's passphrase.".to_owned()));
                return;
            }
            unlocking.set(true);
            pass_error.set(None);
            let secret = (*passphrase).clone();
            let (app, state, pass_error, unlocking) = (
                app.clone(),
                state.clone(),
                pass_error.clone(),
                unlocking.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let result = crypto::decrypt_backup(&envelope, &secret).await;
                unlocking.set(false);
                match result {
                    Ok(plain) => {
                        state.set(Restore::Reading(None));
                        let checked = check_file(&plain, &app, &state).await;
                        state.set(checked);
                    }
                    Err(message) => pass_error.set(Some(message)),
                }
            });
        })
    };

    let cancel = {
        let state = state.clone();
        let file = file.clone();
        Callback::from(move |_: MouseEvent| {
            state.set(Restore::Idle);
            file.reset();
        })
    };

    let confirm = {
        let app = app.clone();
        let (state, mode, undo) = (state.clone(), mode.clone(), undo.clone());
        let file = file.clone();
        Callback::from(move |_: MouseEvent| {
            let Restore::Ready { parsed, .. } = (*state).clone() else {
                return;
            };
            let before = app.read(Journal::clone);
            let result = apply_import(&before, (*parsed).clone(), *mode);
            let message = if *mode == Mode::Replace {
                "Backup imported: your journal was replaced."
            } else {
                "Backup imported and merged."
            };
            match result {
                Ok(after) => match app.replace_with_undo(after, message) {
                    Ok(()) => {
                        undo.set(Some(Rc::new(before)));
                        state.set(Restore::Idle);
                        file.reset();
                    }
                    Err(err) => say(&app, format!("Import failed, nothing changed: {err}")),
                },
                Err(err) => say(&app, format!("Import failed, nothing changed: {err}")),
            }
        })
    };

    let undo_import = {
        let app = app.clone();
        let undo = undo.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(before) = (*undo).clone() else {
                return;
            };
            match app.replace((*before).clone()) {
                Ok(()) => {
                    undo.set(None);
                    say(&app, "Import undone: your journal is as it was.");
                }
                Err(err) => say(&app, format!("Could not undo the import: {err}")),
            }
        })
    };

    let download_before = {
        let app = app.clone();
        let undo = undo.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(before) = (*undo).clone() else {
                return;
            };
            let name = format!("rapport-before-import-{}.json", browser::today());
            if let Err(err) = browser::download(&name, "application/json", &backup_json(&before)) {
                say(&app, format!("Download failed: {err}"));
            }
        })
    };

    let dismiss_undo = {
        let undo = undo.clone();
        Callback::from(move |_: MouseEvent| undo.set(None))
    };

    let choose_mode = |value: Mode| {
        let mode = mode.clone();
        Callback::from(move |_: Event| mode.set(value))
    };

    let body = match (*state).clone() {
        Restore::Idle => html! {},
        Restore::Reading(progress) => html! { <ReadingProgress {progress} /> },
        Restore::Rejected(lines) => html! {
            <div class="import-problems" role="alert">
                <p><strong>{ "This file was not imported. Nothing was changed." }</strong></p>
                <ul aria-label="Problems in the file">
                    { for lines.into_iter().map(|line| html! { <li>{ line }</li> }) }
                </ul>
            </div>
        },
        Restore::Locked(_) => html! {
            <form class="inline-form" onsubmit={unlock}>
                <p>{ "This backup is encrypted." }</p>
                <div class="field">
                    <label for="import-passphrase">{ "Passphrase for this backup" }</label>
                    <input id="import-passphrase" type="password" autocomplete="current-password"
                        value={(*passphrase).clone()} oninput={on_passphrase} />
                </div>
                if let Some(message) = (*pass_error).clone() {
                    <p class="error" role="alert">{ message }</p>
                }
                <div class="dialog-actions">
                    <button type="submit" class="button primary" disabled={*unlocking}>
                        { if *unlocking { "Decrypting…" } else { "Decrypt" } }
                    </button>
                    <button type="button" class="button" onclick={cancel.clone()}>{ "Cancel" }</button>
                </div>
            </form>
        },
        Restore::Ready { preview, .. } => html! {
            <section class="import-preview" aria-labelledby="restore-preview-title">
                <h3 id="restore-preview-title">{ "What this backup holds" }</h3>
                if let Some(exported) = preview.exported {
                    <p class="muted">{ format!("Exported {}", dates::moment(exported)) }</p>
                }
                <ul class="import-counts">
                    <li>{ counts_line("People", &preview.people) }</li>
                    <li>{ counts_line("Interactions", &preview.interactions) }</li>
                    if !preview.new_purposes.is_empty() {
                        <li>{ format!("New purposes: {}", preview.new_purposes.join(", ")) }</li>
                    }
                </ul>
                if !preview.conflicts.is_empty() {
                    <h4 id="restore-conflicts-title">{ "Conflicts" }</h4>
                    <ul aria-labelledby="restore-conflicts-title" class="import-conflicts">
                        { for preview.conflicts.iter().map(|c| {
                            let what = match c.kind { RecordKind::Person => "Person", RecordKind::Interaction => "Interaction" };
                            let newer = match c.newer {
                                Newer::File => "the backup's version is newer (a merge takes it)",
                                Newer::Journal => "your version is newer (a merge keeps it)",
                                Newer::Same => "both changed at the same time",
                            };
                            html! { <li>{ format!("{what} {}: {newer}", c.label) }</li> }
                        }) }
                    </ul>
                }
                if !preview.kept_both.is_empty() {
                    <h4 id="restore-kept-both-title">{ "Kept as two records" }</h4>
                    <ul aria-labelledby="restore-kept-both-title" class="import-conflicts">
                        { for preview.kept_both.iter().map(|k| {
                            let what = match k.kind { RecordKind::Person => "Person", RecordKind::Interaction => "Interaction" };
                            html! { <li>{ format!("{what} {} (in the backup) and {} (in your journal) were made separately on two devices; a merge keeps both", k.file_label, k.journal_label) }</li> }
                        }) }
                    </ul>
                }
                <fieldset class="radios">
                    <legend>{ "How to import" }</legend>
                    <label class="radio">
                        <input type="radio" name="restore-mode" checked={*mode == Mode::Merge}
                            onchange={choose_mode(Mode::Merge)} />
                        { " Merge: keep your journal and add the backup; where both changed, the newer wins" }
                    </label>
                    <label class="radio">
                        <input type="radio" name="restore-mode" checked={*mode == Mode::Replace}
                            onchange={choose_mode(Mode::Replace)} />
                        { " Replace: your journal becomes exactly the backup" }
                    </label>
                </fieldset>
                <div class="dialog-actions">
                    <button type="button" class="button primary" onclick={confirm}>
                        { if *mode == Mode::Replace { "Replace my journal" } else { "Merge into my journal" } }
                    </button>
                    <button type="button" class="button" onclick={cancel}>{ "Cancel" }</button>
                </div>
            </section>
        },
    };

    html! {
        <section class="card" id="restore" aria-labelledby="restore-title">
            <h2 id="restore-title">{ "Restore a backup" }</h2>
            <p>{ "Choose a Rapport backup (.json, plain or encrypted). It is checked completely and shown to you before anything changes." }</p>
            <div class="field">
                <label for="restore-file">{ "Backup file" }</label>
                <input id="restore-file" ref={file.node.clone()} type="file" accept=".json,application/json" onchange={on_file} />
            </div>
            { body }
            if undo.is_some() {
                <div class="import-undo" role="region" aria-label="Undo the import">
                    <p>{ "The backup was imported. Your journal as it was before is kept until you leave this page." }</p>
                    <div class="dialog-actions">
                        <button type="button" class="button" onclick={undo_import}>{ "Undo import" }</button>
                        <button type="button" class="button" onclick={download_before}>{ "Download the journal as it was" }</button>
                        <button type="button" class="button" onclick={dismiss_undo}>{ "Keep the import" }</button>
                    </div>
                </div>
            }
        </section>
    }
}

#[component]
fn OtherToolsSection() -> Html {
    let app = use_app();
    let export = |kind: &'static str| {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            let today = browser::today();
            let (name, mime, text) = app.read(|journal| match kind {
                "vcard" => (
                    crate::backup::vcard_file_name(today),
                    "text/vcard",
                    crate::backup::export_vcard(journal.people()),
                ),
                "csv" => (
                    crate::backup::interactions_csv_file_name(today),
                    "text/csv",
                    crate::backup::export_interactions_csv(journal, journal.interactions()),
                ),
                _ => (
                    crate::backup::calendar_file_name(today),
                    "text/calendar",
                    crate::backup::export_calendar(journal, today, 90, browser::now()),
                ),
            });
            if let Err(err) = browser::download(&name, mime, &text) {
                say(&app, format!("Download failed: {err}"));
            }
        })
    };
    html! {
        <section class="card" id="export-other" aria-labelledby="export-other-title">
            <h2 id="export-other-title">{ "Export to other tools" }</h2>
            <ul class="start-options">
                <li>
                    <button type="button" class="button" onclick={export("vcard")}>{ "Download contacts (vCard)" }</button>
                    <span class="muted">{ " Everyone, for your phone or address book." }</span>
                </li>
                <li>
                    <button type="button" class="button" onclick={export("csv")}>{ "Download interactions (CSV)" }</button>
                    <span class="muted">{ " For a spreadsheet." }</span>
                </li>
                <li>
                    <button type="button" class="button" onclick={export("ics")}>{ "Download a calendar (ICS)" }</button>
                    <span class="muted">{ " Birthdays, and keep-in-touch dates for the next 90 days." }</span>
                </li>
            </ul>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ReadingProgressProps {
    progress: Option<Progress>,
}

/// "Checking the file…", then a bar with the count of records once known.
#[function_component]
fn ReadingProgress(props: &ReadingProgressProps) -> Html {
    match props.progress {
        Some(Progress { done, total }) => html! {
            <div role="status">
                <ProgressBar id="restore-progress" doing={words::CHECKING_BACKUP} {done} {total} />
            </div>
        },
        None => html! { <p class="muted" role="status">{ "Checking the file…" }</p> },
    }
}
