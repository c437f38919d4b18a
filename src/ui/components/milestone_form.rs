//! Adding or editing a milestone (a new job, retiring…): its kind, day and
//! what happened. Saving and deleting show a toast with Undo.

use yew::prelude::*;

use crate::model::{Command, Milestone, MilestoneKind};
use crate::ui::browser;
use crate::ui::components::dialog::Dialog;
use crate::ui::components::field::{
    edits, indexed_options, parse_day, pick_indexed, SelectField, TextField,
};
use crate::ui::hooks::use_app;

/// Props for [`MilestoneForm`].
#[derive(Properties, PartialEq)]
pub struct MilestoneFormProps {
    /// The milestone being edited; `None` adds a new one.
    #[prop_or_default]
    pub milestone: Option<Milestone>,
    /// Called when the dialog should close.
    pub on_close: Callback<()>,
}

/// The form's fields as typed.
#[derive(Clone, PartialEq)]
struct Form {
    kind: MilestoneKind,
    date: String,
    note: String,
}

fn position_of(kind: MilestoneKind) -> String {
    MilestoneKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(0)
        .to_string()
}

/// The milestone editor, in a dialog.
#[component]
pub fn MilestoneForm(props: &MilestoneFormProps) -> Html {
    let app = use_app();
    let form = {
        let milestone = props.milestone.clone();
        use_state(move || match milestone {
            Some(m) => Form {
                kind: m.kind,
                date: m.date.to_string(),
                note: m.note,
            },
            None => Form {
                kind: MilestoneKind::NewJob,
                date: browser::today().to_string(),
                note: String::new(),
            },
        })
    };
    let error = use_state(|| None::<String>);
    let date_error = use_state(|| None::<String>);

    let update = |change: fn(&mut Form, String)| edits(&form, change);

    let save = {
        let app = app.clone();
        let form = form.clone();
        let error = error.clone();
        let date_error = date_error.clone();
        let on_close = props.on_close.clone();
        let id = props.milestone.as_ref().map(|m| m.id.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let date = match parse_day(&form.date) {
                Ok(day) => day,
                Err(message) => {
                    date_error.set(Some(message));
                    browser::focus("milestone-date");
                    return;
                }
            };
            date_error.set(None);
            let (kind, note) = (form.kind, form.note.trim().to_owned());
            let (command, message) = match &id {
                Some(id) => (
                    Command::EditMilestone {
                        id: id.clone(),
                        date,
                        kind,
                        note,
                    },
                    "Milestone saved.",
                ),
                None => (
                    Command::AddMilestone { date, kind, note },
                    "Milestone added.",
                ),
            };
            match app.run(vec![command], message) {
                Ok(_) => on_close.emit(()),
                Err(err) => error.set(Some(err.to_string())),
            }
        })
    };
    let delete = props.milestone.as_ref().map(|milestone| {
        let app = app.clone();
        let error = error.clone();
        let on_close = props.on_close.clone();
        let id = milestone.id.clone();
        Callback::from(move |_: MouseEvent| {
            match app.run(
                vec![Command::DeleteMilestone(id.clone())],
                "Milestone deleted.",
            ) {
                Ok(_) => on_close.emit(()),
                Err(err) => error.set(Some(err.to_string())),
            }
        })
    });
    let cancel = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    let title = if props.milestone.is_some() {
        "Edit the milestone"
    } else {
        "Add a milestone"
    };

    html! {
        <Dialog title={title} on_close={props.on_close.clone()} class="milestone-form">
            <form onsubmit={save} novalidate=true>
                if let Some(message) = (*error).clone() { <p class="error" role="alert">{ message }</p> }
                <SelectField id="milestone-kind" label="Kind of milestone"
                    options={indexed_options(MilestoneKind::ALL.iter().map(|k| k.label()))}
                    value={position_of(form.kind)}
                    on_change={update(|f, v| if let Some(k) = pick_indexed(&MilestoneKind::ALL, &v) { f.kind = k })} />
                <TextField id="milestone-date" label="Date" input_type="date" value={form.date.clone()}
                    error={(*date_error).clone()} required=true on_change={update(|f, v| f.date = v)} />
                <TextField id="milestone-note" label="What happened" value={form.note.clone()}
                    hint={AttrValue::from("For example: Started at Fabrikam, or Back to part-time work.")}
                    on_change={update(|f, v| f.note = v)} />
                <div class="dialog-actions">
                    if let Some(delete) = delete {
                        <button type="button" class="button danger" onclick={delete}>{ "Delete milestone" }</button>
                    }
                    <button type="button" class="button" onclick={cancel}>{ "Cancel" }</button>
                    <button type="submit" class="button primary">{ "Save" }</button>
                </div>
            </form>
        </Dialog>
    }
}
