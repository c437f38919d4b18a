//! The quick log: record a contact in as few steps as possible.
//!
//! Type a few letters, press Enter to pick the first match, press Enter again to
//! log a coffee you started, today. Everything else (kind, who started it, purpose,
//! an exchange in plain words, a note) is optional.

use chrono::NaiveDate;
use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use crate::model::query::pick_people;
use crate::model::{
    Action, Direction, Exchange, ExchangeId, ExchangeKind, Initiator, Interaction, InteractionId,
    InteractionKind, Outcome, Party, Person, PersonId, PurposeId,
};
use crate::ui::browser;
use crate::ui::components::dialog::Dialog;
use crate::ui::components::field::{SelectField, TextArea, TextField};
use crate::ui::hooks::use_app;
use crate::ui::state::Toast;

/// How the exchange is phrased.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExchangePhrase {
    /// Nothing was exchanged.
    None,
    /// "I asked for…"
    IAsked,
    /// "They asked for…"
    TheyAsked,
    /// "I gave…"
    IGave,
    /// "They gave…"
    TheyGave,
}

impl ExchangePhrase {
    const ALL: [(Self, &'static str, &'static str); 5] = [
        (Self::None, "none", "Nothing exchanged"),
        (Self::IAsked, "i-asked", "I asked for…"),
        (Self::TheyAsked, "they-asked", "They asked for…"),
        (Self::IGave, "i-gave", "I gave…"),
        (Self::TheyGave, "they-gave", "They gave…"),
    ];

    fn from_value(value: &str) -> Self {
        Self::ALL
            .iter()
            .find(|(_, v, _)| *v == value)
            .map_or(Self::None, |(p, _, _)| *p)
    }

    fn is_ask(self) -> bool {
        matches!(self, Self::IAsked | Self::TheyAsked)
    }
}

/// The answer to an ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Granted.
    Yes,
    /// Declined.
    No,
    /// Not answered yet.
    Open,
}

/// Turns the plain-words exchange into the model's exchange.
pub fn build_exchange(
    id: ExchangeId,
    person: PersonId,
    phrase: ExchangePhrase,
    kind: ExchangeKind,
    answer: Answer,
    what: &str,
) -> Option<Exchange> {
    let (direction, ask) = match phrase {
        ExchangePhrase::None => return None,
        // I asked them: they are the giver; a "no" is theirs.
        ExchangePhrase::IAsked => (
            Direction::Got,
            Some((
                Party::Me,
                match answer {
                    Answer::Yes => Outcome::Granted,
                    Answer::No => Outcome::DeclinedByThem,
                    Answer::Open => Outcome::Open,
                },
            )),
        ),
        ExchangePhrase::TheyAsked => (
            Direction::Gave,
            Some((
                Party::Them,
                match answer {
                    Answer::Yes => Outcome::Granted,
                    Answer::No => Outcome::DeclinedByMe,
                    Answer::Open => Outcome::Open,
                },
            )),
        ),
        ExchangePhrase::IGave => (Direction::Gave, None),
        ExchangePhrase::TheyGave => (Direction::Got, None),
    };
    let mut exchange = Exchange::new(id, direction, person, kind);
    if let Some((by, outcome)) = ask {
        exchange = exchange.with_ask(by, outcome);
    }
    exchange.note = what.trim().to_owned();
    Some(exchange)
}

fn kind_value(kind: InteractionKind) -> String {
    format!("{kind:?}").to_lowercase()
}

fn exchange_kind_label(kind: ExchangeKind) -> &'static str {
    match kind {
        ExchangeKind::Favour => "A favour or help",
        ExchangeKind::Introduction => "An introduction",
        ExchangeKind::Advice => "Advice or information",
        ExchangeKind::Referral => "A referral",
        ExchangeKind::Gift => "A gift",
        ExchangeKind::Loan => "A loan",
    }
}

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
        .and_then(|id| app.journal().person(id).map(|p| p.name.clone()))
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
    let phrase = use_state(|| ExchangePhrase::None);
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
        let journal = app.journal();
        pick_people(&journal, &query, 6)
            .into_iter()
            .filter_map(|id| journal.person(&id).map(|p| (id.clone(), p.name.clone())))
            .collect()
    } else {
        Vec::new()
    };
    let offer_new = typing && !query.trim().is_empty();
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
        let phrase = phrase.clone();
        let exchange_kind = exchange_kind.clone();
        let answer = answer.clone();
        let what = what.clone();
        let errors = errors.clone();
        Callback::from(move |()| {
            let name = query.trim().to_owned();
            let mut person_error = None;
            let mut date_error = None;
            let mut new_person = None;
            let picked = (*chosen)
                .clone()
                .filter(|(_, picked)| picked.trim() == name);
            let person_id = match picked.and_then(|(id, _)| id) {
                Some(id) if app.journal().person(&id).is_some() => Some(id),
                _ if name.is_empty() => {
                    person_error = Some("Choose who it was with, or type a new name.".to_owned());
                    None
                }
                _ => {
                    let person = Person::new(
                        PersonId::new(browser::random_u64()),
                        name.clone(),
                        browser::now(),
                    );
                    let id = person.id.clone();
                    new_person = Some(person);
                    Some(id)
                }
            };
            let day = match NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d") {
                Ok(day) => Some(day),
                Err(_) => {
                    date_error = Some(format!(
                        "\"{}\" is not a date; use the date picker or YYYY-MM-DD.",
                        date.trim()
                    ));
                    None
                }
            };
            let (Some(person_id), Some(day)) = (person_id, day) else {
                errors.set((person_error, date_error, None));
                return;
            };
            let now = browser::now();
            let mut interaction = Interaction::new(
                InteractionId::new(browser::random_u64()),
                day,
                vec![person_id.clone()],
                *kind,
                *initiator,
                now,
            );
            interaction.purpose = purpose.parse::<PurposeId>().ok();
            interaction.note = note.trim().to_owned();
            if let Some(exchange) = build_exchange(
                ExchangeId::new(browser::random_u64()),
                person_id,
                *phrase,
                *exchange_kind,
                *answer,
                &what,
            ) {
                interaction.exchanges.push(exchange);
            }
            let mut actions = Vec::new();
            if let Some(person) = new_person {
                actions.push(Action::AddPerson(person));
            }
            actions.push(Action::AddInteraction(interaction));
            match app.apply_all(actions) {
                Ok(()) => {
                    app.close_quick_log();
                    app.toast(Toast {
                        message: format!("Logged with {name}."),
                        undo: None,
                    });
                }
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

    let kinds: Vec<(String, String)> = InteractionKind::ALL
        .iter()
        .map(|k| (kind_value(*k), k.label().to_owned()))
        .collect();
    let purposes: Vec<(String, String)> =
        std::iter::once((String::new(), "No particular purpose".to_owned()))
            .chain(
                app.journal()
                    .purposes()
                    .iter()
                    .map(|p| (p.id.to_string(), p.label.clone())),
            )
            .collect();

    let initiator_radio = |value: Initiator, label: &'static str| {
        let initiator = initiator.clone();
        let id = format!("quick-log-by-{value:?}").to_lowercase();
        html! {
            <label for={id.clone()} class="radio">
                <input type="radio" id={id} name="quick-log-by" checked={*initiator == value}
                    onchange={Callback::from(move |_| initiator.set(value))} />
                { label }
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
                    <SelectField id="quick-log-kind" label="What" options={kinds} value={kind_value(*kind)}
                        on_change={{
                            let kind = kind.clone();
                            Callback::from(move |v: String| {
                                if let Some(k) = InteractionKind::ALL.iter().find(|k| kind_value(**k) == v) {
                                    kind.set(*k);
                                }
                            })
                        }} />
                    <TextField id="quick-log-date" label="When" input_type="date" value={(*date).clone()}
                        error={date_error} on_change={{ let date = date.clone(); Callback::from(move |v| date.set(v)) }} />
                </div>
                <fieldset class="radios">
                    <legend>{ "Who reached out" }</legend>
                    { initiator_radio(Initiator::Me, "I did") }
                    { initiator_radio(Initiator::Them, "They did") }
                    { initiator_radio(Initiator::Mutual, "Both of us") }
                </fieldset>
                <SelectField id="quick-log-purpose" label="What it was for" options={purposes} value={(*purpose).clone()}
                    on_change={{ let purpose = purpose.clone(); Callback::from(move |v| purpose.set(v)) }} />
                <SelectField id="quick-log-exchange" label="Anything asked or given?"
                    options={ExchangePhrase::ALL.iter().map(|(_, v, l)| ((*v).to_owned(), (*l).to_owned())).collect::<Vec<_>>()}
                    value={ExchangePhrase::ALL.iter().find(|(p, _, _)| p == &*phrase).map(|(_, v, _)| *v).unwrap_or("none")}
                    on_change={{ let phrase = phrase.clone(); Callback::from(move |v: String| phrase.set(ExchangePhrase::from_value(&v))) }} />
                if *phrase != ExchangePhrase::None {
                    <div class="exchange-details">
                        <TextField id="quick-log-what" label="What" value={(*what).clone()}
                            hint={AttrValue::from("For example: an intro to their manager, advice on a CV")}
                            on_change={{ let what = what.clone(); Callback::from(move |v| what.set(v)) }} />
                        <SelectField id="quick-log-exchange-kind" label="Kind"
                            options={ExchangeKind::ALL.iter().map(|k| (format!("{k:?}"), exchange_kind_label(*k).to_owned())).collect::<Vec<_>>()}
                            value={format!("{:?}", *exchange_kind)}
                            on_change={{
                                let exchange_kind = exchange_kind.clone();
                                Callback::from(move |v: String| {
                                    if let Some(k) = ExchangeKind::ALL.iter().find(|k| format!("{k:?}") == v) {
                                        exchange_kind.set(*k);
                                    }
                                })
                            }} />
                        if phrase.is_ask() {
                            <fieldset class="radios">
                                <legend>{ "The answer" }</legend>
                                { for [(Answer::Yes, "Yes"), (Answer::No, "No"), (Answer::Open, "Still open")].into_iter().map(|(value, label)| {
                                    let answer = answer.clone();
                                    let id = format!("quick-log-answer-{value:?}").to_lowercase();
                                    html! {
                                        <label for={id.clone()} class="radio">
                                            <input type="radio" id={id} name="quick-log-answer" checked={*answer == value}
                                                onchange={Callback::from(move |_| answer.set(value))} />
                                            { label }
                                        </label>
                                    }
                                }) }
                            </fieldset>
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
