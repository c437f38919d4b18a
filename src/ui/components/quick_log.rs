//! The quick log: record a contact in as few steps as possible.
//!
//! Type a few letters, press Enter to pick the first match, press Enter again to
//! log a coffee you started, today. Everything else (kind, who started it, purpose,
//! an exchange in plain words, a note) is optional.

use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use crate::model::query::{people_named, pick_people};
use crate::model::{
    Answer, Command, EntryDraft, ExchangeDraft, ExchangeKind, Gesture, Initiator, InteractionKind,
    Journal, PersonId, PurposeId, Who, PROMISED_LABEL,
};
use crate::ui::browser;
use crate::ui::components::dialog::Dialog;
use crate::ui::components::field::{
    indexed_options, labels, parse_day, pick_indexed, purpose_options, SelectField, TextArea,
    TextField,
};
use crate::ui::hooks::use_app;

/// Who the entry is with: the person picked from the suggestions while the
/// name still reads as picked; else whoever already has the typed name
/// (ignoring case, accents, punctuation and spaces), so that a name typed in
/// full never makes a second them; else someone new by that name.
fn resolve_person(
    journal: &Journal,
    chosen: Option<(Option<PersonId>, String)>,
    name: &str,
) -> Option<Who> {
    let picked = chosen.filter(|(_, picked)| picked.trim() == name);
    match picked.and_then(|(id, _)| id) {
        Some(id) if journal.person(&id).is_some() => Some(Who::Known(id)),
        _ if name.is_empty() => None,
        _ => Some(match people_named(journal, name).into_iter().next() {
            Some(id) => Who::Known(id),
            None => Who::New(name.to_owned()),
        }),
    }
}

/// The answers an ask can be logged with, most likely first.
const LOGGED_ANSWERS: [Answer; 3] = [Answer::Yes, Answer::No, Answer::Open];

/// Props for [`QuickLog`].
#[derive(Properties, PartialEq)]
pub struct QuickLogProps {
    /// Start with this person chosen.
    #[prop_or_default]
    pub person: Option<PersonId>,
}

/// The quick-log dialog.
#[component]
pub fn QuickLog(props: &QuickLogProps) -> Html {
    let app = use_app();
    let today = browser::today();
    let initial_name = props
        .person
        .as_ref()
        .and_then(|id| app.read(|journal| journal.person(id).map(|p| p.name.clone())))
        .unwrap_or_default();
    let query = use_state(|| initial_name.clone());
    // Who was picked from the list (`None` id: someone new), with the name as picked.
    let chosen = use_state(|| props.person.clone().map(|id| (Some(id), initial_name)));
    let active = use_state(|| 0usize);
    let kind = use_state(|| InteractionKind::Coffee);
    let initiator = use_state(|| Initiator::Me);
    let date = use_state(|| today.to_string());
    let purpose = use_state(String::new);
    let note = use_state(String::new);
    // `None`: nothing was asked or given.
    let gesture = use_state(|| None::<Gesture>);
    let promised = use_state(|| false);
    let exchange_kind = use_state(|| ExchangeKind::Favour);
    let answer = use_state(|| Answer::Yes);
    let what = use_state(String::new);
    let errors = use_state(|| (None::<String>, None::<String>, None::<String>));

    let close = {
        let app = app.clone();
        Callback::from(move |_| app.close_quick_log())
    };

    // Suggestions: matches for what is typed, unless it is what was just picked.
    let typing = (*chosen).as_ref().map(|(_, name)| name.trim()) != Some(query.trim());
    let matches: Vec<(PersonId, String)> = if typing {
        app.read(|journal| {
            pick_people(journal, &query, 6)
                .into_iter()
                .filter_map(|id| journal.person(&id).map(|p| (id.clone(), p.name.clone())))
                .collect()
        })
    } else {
        Vec::new()
    };
    // Someone new only when nobody has the name already; listed last, so it is
    // never the highlighted default while anyone matches.
    let offer_new = typing
        && !query.trim().is_empty()
        && app.read(|journal| people_named(journal, &query).is_empty());
    let option_count = matches.len() + usize::from(offer_new);
    let active_index = (*active).min(option_count.saturating_sub(1));

    let choose = {
        let query = query.clone();
        let chosen = chosen.clone();
        let active = active.clone();
        Callback::from(move |(id, name): (Option<PersonId>, String)| {
            chosen.set(Some((id, name.clone())));
            query.set(name);
            active.set(0);
        })
    };

    let submit = {
        let app = app.clone();
        let query = query.clone();
        let chosen = chosen.clone();
        let kind = kind.clone();
        let initiator = initiator.clone();
        let date = date.clone();
        let purpose = purpose.clone();
        let note = note.clone();
        let gesture = gesture.clone();
        let promised = promised.clone();
        let exchange_kind = exchange_kind.clone();
        let answer = answer.clone();
        let what = what.clone();
        let errors = errors.clone();
        Callback::from(move |()| {
            let name = query.trim().to_owned();
            let who = app.read(|journal| resolve_person(journal, (*chosen).clone(), &name));
            let person_error = who
                .is_none()
                .then(|| "Choose who it was with, or type a new name.".to_owned());
            let (day, date_error) = match parse_day(&date) {
                Ok(day) => (Some(day), None),
                Err(message) => (None, Some(message)),
            };
            let (Some(who), Some(day)) = (who, day) else {
                errors.set((person_error, date_error, None));
                return;
            };
            // The toast names the person as saved, not as typed.
            let shown = match &who {
                Who::Known(id) => app.read(|journal| journal.person(id).map(|p| p.name.clone())),
                Who::New(_) => None,
            }
            .unwrap_or_else(|| name.clone());
            let exchanges = (*gesture)
                .map(|gesture| ExchangeDraft {
                    promised: *promised,
                    ..ExchangeDraft::new(gesture, *exchange_kind, *answer, &what)
                })
                .into_iter()
                .collect();
            let entry = EntryDraft {
                date: day,
                time: None,
                people: vec![who],
                kind: *kind,
                initiated_by: *initiator,
                purpose: purpose.parse::<PurposeId>().ok(),
                note: note.trim().to_owned(),
                exchanges,
            };
            match app.run(
                vec![Command::LogContact(entry)],
                &format!("Logged with {shown}."),
            ) {
                Ok(_) => app.close_quick_log(),
                Err(err) => errors.set((None, None, Some(err.to_string()))),
            }
        })
    };

    let on_form_submit = {
        let submit = submit.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            submit.emit(());
        })
    };

    let on_person_input = {
        let query = query.clone();
        let active = active.clone();
        Callback::from(move |e: InputEvent| {
            query.set(e.target_unchecked_into::<HtmlInputElement>().value());
            active.set(0);
        })
    };

    let on_person_key = {
        let matches = matches.clone();
        let choose = choose.clone();
        let active = active.clone();
        let query = query.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "ArrowDown" if option_count > 0 => {
                e.prevent_default();
                active.set((active_index + 1) % option_count);
            }
            "ArrowUp" if option_count > 0 => {
                e.prevent_default();
                active.set((active_index + option_count - 1) % option_count);
            }
            // While suggestions show, Enter picks one; otherwise it submits the form.
            "Enter" if option_count > 0 => {
                e.prevent_default();
                match matches.get(active_index) {
                    Some((id, name)) => choose.emit((Some(id.clone()), name.clone())),
                    None => choose.emit((None, query.trim().to_owned())),
                }
            }
            _ => {}
        })
    };

    let listbox_id = "quick-log-people";
    let option_id = |i: usize| format!("quick-log-option-{i}");
    let (person_error, date_error, form_error) = (*errors).clone();

    let kinds = indexed_options(InteractionKind::ALL.iter().map(|k| k.label()));
    let purposes = app.read(purpose_options);

    let initiator_radio = |value: Initiator| {
        let initiator = initiator.clone();
        let id = format!("quick-log-by-{}", value.code());
        html! {
            <label for={id.clone()} class="radio">
                <input type="radio" id={id} name="quick-log-by" checked={*initiator == value}
                    onchange={Callback::from(move |_| initiator.set(value))} />
                { value.answer() }
            </label>
        }
    };

    html! {
        <Dialog title="Log a contact" on_close={close.clone()} class="quick-log">
            <form onsubmit={on_form_submit} novalidate=true>
                if let Some(error) = form_error {
                    <p class="error" role="alert">{ error }</p>
                }
                <div class={classes!("field", "combobox", person_error.is_some().then_some("has-error"))}>
                    <label for="quick-log-person">{ "Who with" }</label>
                    <input
                        id="quick-log-person"
                        type="text"
                        role="combobox"
                        autocomplete="off"
                        aria-autocomplete="list"
                        aria-expanded={if option_count > 0 { "true" } else { "false" }}
                        aria-controls={listbox_id}
                        aria-activedescendant={(option_count > 0).then(|| option_id(active_index))}
                        aria-invalid={person_error.is_some().then_some("true")}
                        aria-describedby={person_error.is_some().then_some("quick-log-person-error")}
                        value={(*query).clone()}
                        oninput={on_person_input}
                        onkeydown={on_person_key}
                        autofocus=true
                    />
                    if let Some(error) = person_error {
                        <p class="error" id="quick-log-person-error">{ error }</p>
                    }
                    <ul id={listbox_id} role="listbox" aria-label="Matching people" class="suggestions" hidden={option_count == 0}>
                        { for matches.iter().enumerate().map(|(i, (id, name))| {
                            let choose = choose.clone();
                            let pick = (Some(id.clone()), name.clone());
                            html! {
                                <li id={option_id(i)} role="option" aria-selected={if i == active_index { "true" } else { "false" }}
                                    onclick={Callback::from(move |_| choose.emit(pick.clone()))}>
                                    { name.clone() }
                                </li>
                            }
                        }) }
                        if offer_new {
                            <li id={option_id(matches.len())} role="option"
                                aria-selected={if active_index == matches.len() { "true" } else { "false" }}
                                onclick={{
                                    let choose = choose.clone();
                                    let name = query.trim().to_owned();
                                    Callback::from(move |_| choose.emit((None, name.clone())))
                                }}>
                                { format!("Add “{}” as someone new", query.trim()) }
                            </li>
                        }
                    </ul>
                </div>
                <div class="field-row">
                    <SelectField id="quick-log-kind" label="What" options={kinds} value={InteractionKind::ALL.iter().position(|k| k == &*kind).unwrap_or(0).to_string()}
                        on_change={{
                            let kind = kind.clone();
                            Callback::from(move |v: String| {
                                if let Some(k) = pick_indexed(&InteractionKind::ALL, &v) {
                                    kind.set(k);
                                }
                            })
                        }} />
                    <TextField id="quick-log-date" label="When" input_type="date" value={(*date).clone()}
                        error={date_error} on_change={{ let date = date.clone(); Callback::from(move |v| date.set(v)) }} />
                </div>
                <fieldset class="radios">
                    <legend>{ labels::WHO_REACHED_OUT }</legend>
                    { for Initiator::ALL.into_iter().map(initiator_radio) }
                </fieldset>
                <SelectField id="quick-log-purpose" label={labels::WHAT_IT_WAS_FOR} options={purposes} value={(*purpose).clone()}
                    on_change={{ let purpose = purpose.clone(); Callback::from(move |v| purpose.set(v)) }} />
                <SelectField id="quick-log-exchange" label="Anything asked or given?"
                    options={std::iter::once((String::new(), "Nothing asked or given".to_owned()))
                        .chain(indexed_options(Gesture::ALL.iter().map(|g| g.label())))
                        .collect::<Vec<_>>()}
                    value={gesture.and_then(|g| Gesture::ALL.iter().position(|x| *x == g)).map(|i| i.to_string()).unwrap_or_default()}
                    on_change={{ let gesture = gesture.clone(); Callback::from(move |v: String| gesture.set(pick_indexed(&Gesture::ALL, &v))) }} />
                if let Some(chosen_gesture) = *gesture {
                    <div class="exchange-details">
                        <TextField id="quick-log-what" label="What" value={(*what).clone()}
                            hint={AttrValue::from("For example: an intro to their manager, advice on a CV")}
                            on_change={{ let what = what.clone(); Callback::from(move |v| what.set(v)) }} />
                        <SelectField id="quick-log-exchange-kind" label={labels::KIND}
                            options={indexed_options(ExchangeKind::ALL.iter().map(|k| k.label()))}
                            value={ExchangeKind::ALL.iter().position(|k| k == &*exchange_kind).unwrap_or(0).to_string()}
                            on_change={{
                                let exchange_kind = exchange_kind.clone();
                                Callback::from(move |v: String| {
                                    if let Some(k) = pick_indexed(&ExchangeKind::ALL, &v) {
                                        exchange_kind.set(k);
                                    }
                                })
                            }} />
                        if chosen_gesture.asker().is_some() {
                            <fieldset class="radios">
                                <legend>{ labels::THE_ANSWER }</legend>
                                { for LOGGED_ANSWERS.into_iter().map(|value| {
                                    let answer = answer.clone();
                                    let id = format!("quick-log-answer-{}", Answer::ALL.iter().position(|a| *a == value).unwrap_or(0));
                                    html! {
                                        <label for={id.clone()} class="radio">
                                            <input type="radio" id={id} name="quick-log-answer" checked={*answer == value}
                                                onchange={Callback::from(move |_| answer.set(value))} />
                                            { value.label() }
                                        </label>
                                    }
                                }) }
                            </fieldset>
                        }
                        if chosen_gesture.asker().is_none() || *answer == Answer::Yes {
                            <label class="checkbox" for="quick-log-promised">
                                <input type="checkbox" id="quick-log-promised" checked={*promised}
                                    onchange={{ let promised = promised.clone(); Callback::from(move |_| promised.set(!*promised)) }} />
                                { PROMISED_LABEL }
                            </label>
                        }
                    </div>
                }
                <TextArea id="quick-log-note" label="Note" value={(*note).clone()}
                    on_change={{ let note = note.clone(); Callback::from(move |v| note.set(v)) }} />
                <div class="dialog-actions">
                    <button type="button" class="button" onclick={Callback::from(move |_| close.emit(()))}>{ "Cancel" }</button>
                    <button type="submit" class="button primary">{ "Log it" }</button>
                </div>
            </form>
        </Dialog>
    }
}
