//! Importing contacts from a vCard file or LinkedIn's Connections.csv: choose
//! a file, see who would be added (likely duplicates flagged to merge or
//! skip), confirm.

use std::collections::BTreeMap;
use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::backup::{
    find_duplicates, import_csv, import_linkedin, import_vcard, sniff_csv, ColumnMapping,
    ContactImport, CsvPreview, DuplicateOf, LikelyDuplicate, MatchReason,
};
use crate::model::words::capitalise;
use crate::model::{Command, Person, PersonId};
use crate::ui::browser;
use crate::ui::hooks::{use_app, use_file_input, FileInputHandle};
use crate::ui::state::Toast;

/// Which kind of file a contacts import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactSource {
    VCard,
    LinkedIn,
    /// Any CSV file, with a column-mapping step.
    Csv,
}

impl ContactSource {
    fn accept(self) -> &'static str {
        match self {
            ContactSource::VCard => ".vcf,.vcard,text/vcard,text/x-vcard",
            ContactSource::LinkedIn | ContactSource::Csv => ".csv,text/csv",
        }
    }

    fn file_label(self) -> &'static str {
        match self {
            ContactSource::VCard => "vCard file",
            ContactSource::LinkedIn => "LinkedIn Connections.csv",
            ContactSource::Csv => "CSV file",
        }
    }
}

/// What to do with one imported contact.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Choice {
    Add,
    Skip,
    Merge(PersonId),
}

impl Choice {
    fn value(&self) -> String {
        match self {
            Choice::Add => "add".to_owned(),
            Choice::Skip => "skip".to_owned(),
            Choice::Merge(id) => format!("merge:{id}"),
        }
    }

    fn parse(value: &str) -> Choice {
        match value.strip_prefix("merge:").map(str::parse::<PersonId>) {
            Some(Ok(id)) => Choice::Merge(id),
            _ if value == "skip" => Choice::Skip,
            _ => Choice::Add,
        }
    }
}

#[derive(Clone, PartialEq)]
enum Stage {
    Idle,
    Reading,
    Failed(String),
    /// A CSV file waiting for its columns to be named.
    Mapping {
        bytes: Rc<Vec<u8>>,
        preview: Rc<CsvPreview>,
        mapping: ColumnMapping,
        error: Option<String>,
    },
    Ready {
        import: Rc<ContactImport>,
        duplicates: Rc<Vec<LikelyDuplicate>>,
        choices: Vec<Choice>,
    },
}

/// "Likely the same as Ana Silva (same email ana@example.org)"; a name alone only "possibly".
fn duplicate_text(duplicate: &LikelyDuplicate) -> String {
    let name = match duplicate.of {
        DuplicateOf::Existing(_) => duplicate.name.clone(),
        DuplicateOf::Earlier(_) => format!("{} earlier in this file", duplicate.name),
    };
    match &duplicate.reason {
        MatchReason::SameEmail(email) => format!("Likely the same as {name} (same email {email})"),
        MatchReason::SamePhone(phone) => format!("Likely the same as {name} (same phone {phone})"),
        MatchReason::SimilarName => format!("Possibly the same as {name} (same name)"),
    }
}

/// The fields a CSV column can fill.
const FIELDS: [(&str, &str); 10] = [
    ("name", "Full name"),
    ("first", "First name"),
    ("last", "Last name"),
    ("org", "Organisation"),
    ("role", "Role"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("tags", "Circles or tags"),
    ("notes", "Notes"),
    ("met", "When you met"),
];

fn mapped(mapping: &ColumnMapping, field: &str) -> Option<usize> {
    match field {
        "name" => mapping.name,
        "first" => mapping.first_name,
        "last" => mapping.last_name,
        "org" => mapping.org,
        "role" => mapping.role,
        "email" => mapping.emails.first().copied(),
        "phone" => mapping.phones.first().copied(),
        "tags" => mapping.tags,
        "notes" => mapping.notes,
        _ => mapping.met_date,
    }
}

fn set_mapped(mapping: &mut ColumnMapping, field: &str, column: Option<usize>) {
    match field {
        "name" => mapping.name = column,
        "first" => mapping.first_name = column,
        "last" => mapping.last_name = column,
        "org" => mapping.org = column,
        "role" => mapping.role = column,
        "email" => mapping.emails = column.into_iter().collect(),
        "phone" => mapping.phones = column.into_iter().collect(),
        "tags" => mapping.tags = column,
        "notes" => mapping.notes = column,
        _ => mapping.met_date = column,
    }
}

/// The preview stage for contacts read from a file.
fn ready(import: ContactImport, journal: &crate::model::Journal) -> Stage {
    let duplicates = find_duplicates(&import.contacts, journal);
    // A contact's first flag is its strongest. A name alone is not enough to
    // merge or skip: two people can share a name, so the default is to add.
    let choices = (0..import.contacts.len())
        .map(|i| match duplicates.iter().find(|d| d.contact == i) {
            Some(d) if d.reason == MatchReason::SimilarName => Choice::Add,
            Some(d) => match &d.of {
                DuplicateOf::Existing(id) => Choice::Merge(id.clone()),
                DuplicateOf::Earlier(_) => Choice::Skip,
            },
            None => Choice::Add,
        })
        .collect();
    Stage::Ready {
        import: Rc::new(import),
        duplicates: Rc::new(duplicates),
        choices,
    }
}

/// Text that may wrap after `/`, `@` and `.` on a narrow screen (long URLs and emails).
fn breakable(text: &str) -> Html {
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '/' | '@' | '.') {
            let end = i + c.len_utf8();
            parts.push(html! { <>{ text[start..end].to_owned() }<wbr /></> });
            start = end;
        }
    }
    parts.push(html! { { text[start..].to_owned() } });
    parts.into_iter().collect()
}

/// Props of [`ImportContacts`].
#[derive(Properties, PartialEq)]
pub struct ImportContactsProps {
    pub source: ContactSource,
    /// The section's id (links point at it).
    pub id: AttrValue,
    pub title: AttrValue,
    pub intro: AttrValue,
}

/// A card that imports contacts from one kind of file.
#[component]
pub fn ImportContacts(props: &ImportContactsProps) -> Html {
    let app = use_app();
    let stage = use_state(|| Stage::Idle);
    let file = use_file_input();
    let source = props.source;
    let id = props.id.clone();

    let on_file = {
        let app = app.clone();
        let stage = stage.clone();
        let started = {
            let stage = stage.clone();
            move || stage.set(Stage::Reading)
        };
        let process = Rc::new(move |read: Result<Vec<u8>, String>| {
            let next = match read {
                Err(message) => Stage::Failed(message),
                Ok(bytes) if source == ContactSource::Csv => match sniff_csv(&bytes) {
                    Err(err) => Stage::Failed(capitalise(&err.to_string())),
                    Ok(preview) => Stage::Mapping {
                        bytes: Rc::new(bytes),
                        mapping: preview.suggested.clone(),
                        preview: Rc::new(preview),
                        error: None,
                    },
                },
                Ok(bytes) => {
                    let result = match source {
                        ContactSource::VCard => import_vcard(&bytes),
                        _ => import_linkedin(&bytes),
                    };
                    match result {
                        Err(err) => Stage::Failed(capitalise(&err.to_string())),
                        Ok(import) => app.read(|journal| ready(import, journal)),
                    }
                }
            };
            stage.set(next);
        });
        // A contacts file shared to the installed app, or opened with it,
        // arrives here as if chosen in the file input.
        {
            let process = process.clone();
            use_effect_with(source, move |source| {
                let open = {
                    let vcard = *source == ContactSource::VCard;
                    move || {
                        if !vcard {
                            return;
                        }
                        if let Some(file) = crate::ui::platform::take_incoming(true) {
                            process(file.contents.and_then(|bytes| {
                                crate::backup::text::check_size(&bytes)
                                    .map(|()| bytes)
                                    .map_err(|err| capitalise(&err.to_string()))
                            }));
                        }
                    }
                };
                open();
                let listener = web_sys::window().map(|window| {
                    gloo_events::EventListener::new(
                        &window,
                        crate::ui::platform::INCOMING_EVENT,
                        move |_| open(),
                    )
                });
                move || drop(listener)
            });
        }
        FileInputHandle::on_change(started, move |read| process(read))
    };

    let read_rows = {
        let app = app.clone();
        let stage = stage.clone();
        Callback::from(move |_: MouseEvent| {
            let Stage::Mapping {
                bytes,
                preview,
                mapping,
                ..
            } = (*stage).clone()
            else {
                return;
            };
            match import_csv(&bytes, &mapping) {
                Ok(import) => stage.set(app.read(|journal| ready(import, journal))),
                Err(err) => stage.set(Stage::Mapping {
                    bytes,
                    preview,
                    mapping,
                    error: Some(capitalise(&err.to_string())),
                }),
            }
        })
    };

    let cancel = {
        let stage = stage.clone();
        let file = file.clone();
        Callback::from(move |_: MouseEvent| {
            stage.set(Stage::Idle);
            file.reset();
        })
    };

    let confirm = {
        let app = app.clone();
        let stage = stage.clone();
        let file = file.clone();
        Callback::from(move |_: MouseEvent| {
            let Stage::Ready {
                import, choices, ..
            } = (*stage).clone()
            else {
                return;
            };
            let now = browser::now();
            let mut actions = Vec::new();
            let mut merged: BTreeMap<PersonId, Person> = BTreeMap::new();
            let (mut added, mut skipped) = (0usize, 0usize);
            app.read(|journal| {
                for (contact, choice) in import.contacts.iter().zip(&choices) {
                    match choice {
                        Choice::Add => {
                            added += 1;
                            // The model mints the id.
                            actions.push(Command::AddPerson(
                                contact.clone().into_person(PersonId::new(0), now),
                            ));
                        }
                        Choice::Skip => skipped += 1,
                        Choice::Merge(id) => {
                            let base = merged
                                .get(id)
                                .cloned()
                                .or_else(|| journal.person(id).cloned());
                            match base {
                                Some(base) => {
                                    merged.insert(id.clone(), contact.merge_into(&base, now));
                                }
                                None => skipped += 1,
                            }
                        }
                    }
                }
            });
            let merges = merged.len();
            actions.extend(merged.into_values().map(Command::EditPerson));
            if actions.is_empty() {
                app.toast(Toast::say(
                    "Nothing to import: every contact was skipped.".to_owned(),
                ));
                return;
            }
            let mut message = format!(
                "Imported {added} {}",
                if added == 1 { "person" } else { "people" }
            );
            if merges > 0 {
                message.push_str(&format!(", merged into {merges}"));
            }
            if skipped > 0 {
                message.push_str(&format!(", skipped {skipped}"));
            }
            message.push('.');
            match app.run(actions, &message) {
                Ok(_) => {
                    stage.set(Stage::Idle);
                    file.reset();
                }
                Err(err) => app.toast(Toast::say(format!("Import failed, nothing changed: {err}"))),
            }
        })
    };

    let body = match (*stage).clone() {
        Stage::Idle => html! {},
        Stage::Reading => html! { <p class="muted" role="status">{ "Reading the file…" }</p> },
        Stage::Failed(message) => html! {
            <div class="import-problems" role="alert">
                <p><strong>{ "This file was not imported. Nothing was changed." }</strong></p>
                <p>{ message }</p>
            </div>
        },
        Stage::Mapping {
            preview,
            mapping,
            error,
            ..
        } => html! {
            <section class="import-preview" aria-labelledby={format!("{id}-mapping-title")}>
                <h3 id={format!("{id}-mapping-title")}>{ format!(
                    "Which column is what? ({} row{})",
                    preview.row_count,
                    if preview.row_count == 1 { "" } else { "s" }
                ) }</h3>
                if preview.looks_like_linkedin {
                    <p class="muted">{ "This looks like LinkedIn's Connections.csv: the LinkedIn import reads it without this step." }</p>
                }
                { for FIELDS.iter().map(|&(field, label)| {
                    let select_id = format!("{id}-map-{field}");
                    let current = mapped(&mapping, field);
                    let on_change = {
                        let stage = stage.clone();
                        Callback::from(move |e: Event| {
                            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
                            if let Stage::Mapping { bytes, preview, mut mapping, .. } = (*stage).clone() {
                                set_mapped(&mut mapping, field, value.parse::<usize>().ok());
                                stage.set(Stage::Mapping { bytes, preview, mapping, error: None });
                            }
                        })
                    };
                    html! {
                        <div class="field">
                            <label for={select_id.clone()}>{ label }</label>
                            <select id={select_id} onchange={on_change}>
                                <option value="" selected={current.is_none()}>{ "Not in this file" }</option>
                                { for preview.headers.iter().enumerate().map(|(column, header)| {
                                    let sample = preview.rows.first().and_then(|row| row.get(column)).cloned().unwrap_or_default();
                                    let text = if sample.trim().is_empty() {
                                        header.clone()
                                    } else {
                                        format!("{header} (e.g. {})", sample.chars().take(30).collect::<String>())
                                    };
                                    html! { <option value={column.to_string()} selected={current == Some(column)}>{ text }</option> }
                                }) }
                            </select>
                        </div>
                    }
                }) }
                if let Some(message) = error {
                    <p class="error" role="alert">{ message }</p>
                }
                <div class="dialog-actions">
                    <button type="button" class="button primary" onclick={read_rows}>{ "Read the rows" }</button>
                    <button type="button" class="button" onclick={cancel.clone()}>{ "Cancel" }</button>
                </div>
            </section>
        },
        Stage::Ready {
            import,
            duplicates,
            choices,
        } => {
            let to_add = choices.iter().filter(|c| **c == Choice::Add).count();
            let title_id = format!("{id}-preview-title");
            let list_label = format!("Contacts in the file ({})", import.contacts.len());
            html! {
                <section class="import-preview" aria-labelledby={title_id.clone()}>
                    <h3 id={title_id}>{ format!(
                        "{} contact{} found, {to_add} to add",
                        import.contacts.len(),
                        if import.contacts.len() == 1 { "" } else { "s" }
                    ) }</h3>
                    if !import.problems.is_empty() {
                        <div class="import-problems">
                            <p>{ "Some cards or rows had problems:" }</p>
                            <ul aria-label="Problems in the file">
                                { for import.problems.iter().map(|p| html! { <li>{ breakable(&capitalise(&p.to_string())) }</li> }) }
                                if import.more_problems > 0 {
                                    <li>{ format!("…and {} more", import.more_problems) }</li>
                                }
                            </ul>
                        </div>
                    }
                    <ul class="import-contacts" aria-label={list_label}>
                        { for import.contacts.iter().enumerate().map(|(i, contact)| {
                            let flags: Vec<&LikelyDuplicate> = duplicates.iter().filter(|d| d.contact == i).collect();
                            let detail = [contact.role.clone(), contact.org.clone()]
                                .into_iter()
                                .flatten()
                                .collect::<Vec<_>>()
                                .join(", ");
                            let contacts_line = contact
                                .emails
                                .iter()
                                .chain(contact.phones.iter())
                                .cloned()
                                .collect::<Vec<_>>()
                                .join(", ");
                            let select_id = format!("{id}-choice-{i}");
                            let on_change = {
                                let stage = stage.clone();
                                Callback::from(move |e: Event| {
                                    let value = e.target_unchecked_into::<HtmlSelectElement>().value();
                                    if let Stage::Ready { import, duplicates, mut choices } = (*stage).clone() {
                                        if let Some(slot) = choices.get_mut(i) {
                                            *slot = Choice::parse(&value);
                                        }
                                        stage.set(Stage::Ready { import, duplicates, choices });
                                    }
                                })
                            };
                            let current = choices.get(i).cloned().unwrap_or(Choice::Add);
                            html! {
                                <li class="import-contact">
                                    <strong class="import-name">{ contact.name.clone() }</strong>
                                    if !detail.is_empty() { <span class="muted">{ format!(" — {detail}") }</span> }
                                    if !contacts_line.is_empty() { <div class="muted">{ breakable(&contacts_line) }</div> }
                                    if !flags.is_empty() {
                                        <div class="field import-duplicate">
                                            { for flags.iter().map(|d| html! {
                                                <p class={if d.reason == MatchReason::SimilarName { "hint" } else { "warning" }}>{ duplicate_text(d) }</p>
                                            }) }
                                            <label for={select_id.clone()}>{ format!("What to do with {}", contact.name) }</label>
                                            <select id={select_id} onchange={on_change}>
                                                { for flags.iter().filter_map(|d| match &d.of {
                                                    DuplicateOf::Existing(pid) => Some((Choice::Merge(pid.clone()), format!("Merge into {}", d.name))),
                                                    DuplicateOf::Earlier(_) => None,
                                                }).chain([
                                                    (Choice::Add, "Add as a new person".to_owned()),
                                                    (Choice::Skip, "Skip".to_owned()),
                                                ]).map(|(choice, label)| html! {
                                                    <option value={choice.value()} selected={choice == current}>{ label }</option>
                                                }) }
                                            </select>
                                        </div>
                                    }
                                </li>
                            }
                        }) }
                    </ul>
                    <div class="dialog-actions">
                        <button type="button" class="button primary" onclick={confirm}>{ "Import these contacts" }</button>
                        <button type="button" class="button" onclick={cancel}>{ "Cancel" }</button>
                    </div>
                </section>
            }
        }
    };

    let file_id = format!("{}-file", props.id);
    html! {
        <section class="card" id={props.id.clone()} aria-labelledby={format!("{}-title", props.id)}>
            <h2 id={format!("{}-title", props.id)}>{ props.title.clone() }</h2>
            <p>{ props.intro.clone() }</p>
            <div class="field">
                <label for={file_id.clone()}>{ source.file_label() }</label>
                <input id={file_id} ref={file.node.clone()} type="file" accept={source.accept()} onchange={on_file} />
            </div>
            { body }
        </section>
    }
}
