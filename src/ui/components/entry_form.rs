//! Editing one logged entry: everything about it can change (date, time,
//! people, kind, who reached out, purpose, note and every exchange), and it
//! can be deleted. Both show a toast with Undo.

use chrono::NaiveTime;
use yew::prelude::*;

use crate::model::interaction::time_text;
use crate::model::{
    Answer, Command, EntryDraft, ExchangeDraft, ExchangeKind, Gesture, Initiator, Interaction,
    InteractionKind, PersonId, PurposeId, Who, PROMISED_LABEL,
};
use crate::ui::components::dialog::Dialog;
use crate::ui::components::field::{
    edits, indexed_options, labels, parse_day, person_options, pick_indexed, purpose_options,
    SelectField, TextArea, TextField,
};
use crate::ui::dates;
use crate::ui::hooks::use_app;

/// Props for [`EntryForm`].
#[derive(Properties, PartialEq)]
pub struct EntryFormProps {
    /// The entry being edited.
    pub entry: Interaction,
    /// Called when the dialog should close.
    pub on_close: Callback<()>,
}

/// The form's own copy of the entry, with the date and time as typed.
#[derive(Clone, PartialEq)]
struct Form {
    draft: EntryDraft,
    date: String,
    time: String,
}

fn position_of<T: PartialEq>(items: &[T], item: &T) -> String {
    items
        .iter()
        .position(|x| x == item)
        .unwrap_or(0)
        .to_string()
}

/// The entry editor, in a dialog.
#[component]
pub fn EntryForm(props: &EntryFormProps) -> Html {
    let app = use_app();
    let form = use_state(|| Form {
        draft: EntryDraft::of(&props.entry),
        date: props.entry.date.to_string(),
        time: props.entry.time.map(time_text).unwrap_or_default(),
    });
    let error = use_state(|| None::<String>);
    let date_error = use_state(|| None::<String>);

    let update = |change: fn(&mut Form, String)| edits(&form, change);
    let edit_exchange = |index: usize, change: fn(&mut ExchangeDraft, String)| {
        let form = form.clone();
        Callback::from(move |value: String| {
            let mut next = (*form).clone();
            if let Some(exchange) = next.draft.exchanges.get_mut(index) {
                change(exchange, value);
            }
            form.set(next);
        })
    };

    let name_of = app.read(|journal| {
        let names: Vec<String> = form
            .draft
            .people
            .iter()
            .map(|who| match who {
                Who::Known(id) => journal
                    .person(id)
                    .map_or_else(|| id.to_string(), |p| p.name.clone()),
                Who::New(name) => name.clone(),
            })
            .collect();
        names
    });
    let present: Vec<PersonId> = form
        .draft
        .people
        .iter()
        .filter_map(|who| match who {
            Who::Known(id) => Some(id.clone()),
            Who::New(_) => None,
        })
        .collect();
    let addable: Vec<(String, String)> = app
        .read(|journal| person_options(journal, None, "Choose someone"))
        .into_iter()
        .filter(|(id, _)| !present.iter().any(|p| p.as_str() == id))
        .collect();
    let purposes = app.read(purpose_options);

    let save = {
        let app = app.clone();
        let form = form.clone();
        let error = error.clone();
        let date_error = date_error.clone();
        let on_close = props.on_close.clone();
        let id = props.entry.id.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let date = match parse_day(&form.date) {
                Ok(day) => day,
                Err(message) => {
                    date_error.set(Some(message));
                    return;
                }
            };
            let time = NaiveTime::parse_from_str(form.time.trim(), "%H:%M").ok();
            let entry = EntryDraft {
                date,
                time,
                ..form.draft.clone()
            };
            let command = Command::EditEntry {
                id: id.clone(),
                entry,
            };
            match app.run(vec![command], "Entry saved.") {
                Ok(_) => on_close.emit(()),
                Err(err) => error.set(Some(err.to_string())),
            }
        })
    };
    let delete = {
        let app = app.clone();
        let error = error.clone();
        let on_close = props.on_close.clone();
        let id = props.entry.id.clone();
        Callback::from(move |_: MouseEvent| {
            match app.run(vec![Command::DeleteEntry(id.clone())], "Entry deleted.") {
                Ok(_) => on_close.emit(()),
                Err(err) => error.set(Some(err.to_string())),
            }
        })
    };
    let add_person = {
        let form = form.clone();
        Callback::from(move |value: String| {
            if let Ok(id) = value.parse::<PersonId>() {
                let mut next = (*form).clone();
                next.draft.people.push(Who::Known(id));
                form.set(next);
            }
        })
    };
    let remove_person = |index: usize| {
        let form = form.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*form).clone();
            if next.draft.people.len() > 1 {
                next.draft.people.remove(index);
                // Exchanges with them go too; the others keep pointing at the same people.
                next.draft.exchanges.retain(|x| x.with != index);
                for exchange in &mut next.draft.exchanges {
                    if exchange.with > index {
                        exchange.with -= 1;
                    }
                }
            }
            form.set(next);
        })
    };
    let add_exchange = {
        let form = form.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*form).clone();
            next.draft.exchanges.push(ExchangeDraft::new(
                Gesture::IGave,
                ExchangeKind::Favour,
                Answer::Yes,
                "",
            ));
            form.set(next);
        })
    };
    let remove_exchange = |index: usize| {
        let form = form.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*form).clone();
            if index < next.draft.exchanges.len() {
                next.draft.exchanges.remove(index);
            }
            form.set(next);
        })
    };
    let toggle_promised = |index: usize| {
        let form = form.clone();
        Callback::from(move |_: Event| {
            let mut next = (*form).clone();
            if let Some(exchange) = next.draft.exchanges.get_mut(index) {
                exchange.promised = !exchange.promised;
            }
            form.set(next);
        })
    };
    let initiator_radio = |value: Initiator| {
        let form = form.clone();
        let id = format!("entry-by-{}", position_of(&Initiator::ALL, &value));
        html! {
            <label for={id.clone()} class="radio">
                <input type="radio" id={id} name="entry-by" checked={form.draft.initiated_by == value}
                    onchange={Callback::from(move |_| {
                        let mut next = (*form).clone();
                        next.draft.initiated_by = value;
                        form.set(next);
                    })} />
                { value.answer() }
            </label>
        }
    };
    let people_options: Vec<(String, String)> = name_of
        .iter()
        .enumerate()
        .map(|(i, name)| (i.to_string(), name.clone()))
        .collect();
    let on_close = props.on_close.clone();
    let title = format!("Edit the entry of {}", dates::long_date(props.entry.date));

    html! {
        <Dialog title={title} on_close={props.on_close.clone()} class="entry-form">
            <form onsubmit={save} novalidate=true>
                if let Some(message) = (*error).clone() { <p class="error" role="alert">{ message }</p> }
                <div class="field-row">
                    <TextField id="entry-date" label="Date" input_type="date" value={form.date.clone()}
                        error={(*date_error).clone()} on_change={update(|f, v| f.date = v)} />
                    <TextField id="entry-time" label="Time (optional)" input_type="time" value={form.time.clone()}
                        on_change={update(|f, v| f.time = v)} />
                </div>
                <fieldset class="entry-people">
                    <legend>{ "With" }</legend>
                    <ul class="chips">
                        { for name_of.iter().enumerate().map(|(i, name)| html! {
                            <li>
                                <span>{ name.clone() }</span>
                                if name_of.len() > 1 {
                                    <button type="button" class="button small" onclick={remove_person(i)}
                                        aria-label={format!("Remove {name} from this entry")}>{ "Remove" }</button>
                                }
                            </li>
                        }) }
                    </ul>
                    <SelectField id="entry-add-person" label="Add someone to this entry" options={addable}
                        value="" on_change={add_person} />
                </fieldset>
                <SelectField id="entry-kind" label="What" options={indexed_options(InteractionKind::ALL.iter().map(|k| k.label()))}
                    value={position_of(&InteractionKind::ALL, &form.draft.kind)}
                    on_change={update(|f, v| if let Some(k) = pick_indexed(&InteractionKind::ALL, &v) { f.draft.kind = k })} />
                <fieldset class="radios">
                    <legend>{ labels::WHO_REACHED_OUT }</legend>
                    { for Initiator::ALL.into_iter().map(initiator_radio) }
                </fieldset>
                <SelectField id="entry-purpose" label={labels::WHAT_IT_WAS_FOR} options={purposes}
                    value={form.draft.purpose.as_ref().map(|p| p.to_string()).unwrap_or_default()}
                    on_change={update(|f, v| f.draft.purpose = v.parse::<PurposeId>().ok())} />
                { for form.draft.exchanges.iter().enumerate().map(|(i, exchange)| {
                    let n = i + 1;
                    let is_ask = exchange.gesture.asker().is_some();
                    html! {
                        <fieldset class="exchange-details">
                            <legend>{ format!("Asked or given ({n})") }</legend>
                            if name_of.len() > 1 {
                                <SelectField id={format!("entry-x{n}-with")} label="With" options={people_options.clone()}
                                    value={exchange.with.to_string()}
                                    on_change={edit_exchange(i, |x, v| if let Ok(w) = v.parse() { x.with = w })} />
                            }
                            <SelectField id={format!("entry-x{n}-gesture")} label="What happened"
                                options={indexed_options(Gesture::ALL.iter().map(|g| g.label()))}
                                value={position_of(&Gesture::ALL, &exchange.gesture)}
                                on_change={edit_exchange(i, |x, v| if let Some(g) = pick_indexed(&Gesture::ALL, &v) { x.gesture = g })} />
                            <TextField id={format!("entry-x{n}-what")} label="What" value={exchange.note.clone()}
                                on_change={edit_exchange(i, |x, v| x.note = v)} />
                            <SelectField id={format!("entry-x{n}-kind")} label={labels::KIND}
                                options={indexed_options(ExchangeKind::ALL.iter().map(|k| k.label()))}
                                value={position_of(&ExchangeKind::ALL, &exchange.kind)}
                                on_change={edit_exchange(i, |x, v| if let Some(k) = pick_indexed(&ExchangeKind::ALL, &v) { x.kind = k })} />
                            if is_ask {
                                <SelectField id={format!("entry-x{n}-answer")} label={labels::THE_ANSWER}
                                    options={indexed_options(Answer::ALL.iter().map(|a| a.label()))}
                                    value={position_of(&Answer::ALL, &exchange.answer)}
                                    on_change={edit_exchange(i, |x, v| if let Some(a) = pick_indexed(&Answer::ALL, &v) { x.answer = a })} />
                            }
                            if !is_ask || exchange.answer == Answer::Yes {
                                <label class="checkbox" for={format!("entry-x{n}-promised")}>
                                    <input type="checkbox" id={format!("entry-x{n}-promised")} checked={exchange.promised}
                                        onchange={toggle_promised(i)} />
                                    { PROMISED_LABEL }
                                </label>
                            }
                            <button type="button" class="button small" onclick={remove_exchange(i)}>
                                { format!("Remove what was asked or given ({n})") }
                            </button>
                        </fieldset>
                    }
                }) }
                <button type="button" class="button" onclick={add_exchange}>{ "Add something asked or given" }</button>
                <TextArea id="entry-note" label="Note" value={form.draft.note.clone()}
                    on_change={update(|f, v| f.draft.note = v)} />
                <div class="dialog-actions">
                    <button type="button" class="button danger" onclick={delete}>{ "Delete entry" }</button>
                    <button type="button" class="button" onclick={Callback::from(move |_| on_close.emit(()))}>{ "Cancel" }</button>
                    <button type="submit" class="button primary">{ "Save" }</button>
                </div>
            </form>
        </Dialog>
    }
}
