//! One person: where you stand, what the numbers say, what is still open, and the
//! history, newest first. Edit, archive, merge and delete (with undo) live here.

use yew::prelude::*;

use crate::model::nudges::nudges_for;
use crate::model::today::{open_asks_in, OpenAsk};
use crate::model::{
    Command, ExchangeId, Initiator, Interaction, InteractionId, Obligation, Outstanding, Person,
    PersonId, Portion,
};
use crate::ui::browser;
use crate::ui::components::answer_form::AnswerForm;
use crate::ui::components::badges::StatusBadge;
use crate::ui::components::dialog::Dialog;
use crate::ui::components::entry_form::EntryForm;
use crate::ui::components::field::{person_options, SelectField};
use crate::ui::components::person_form::PersonForm;
use crate::ui::dates;
use crate::ui::format;
use crate::ui::hooks::{navigate, use_app, AppHandle};
use crate::ui::route::Route;
use crate::ui::state::Toast;

/// Props for [`PersonPage`].
#[derive(Properties, PartialEq)]
pub struct PersonPageProps {
    /// Whose page.
    pub id: PersonId,
}

#[derive(Clone, PartialEq)]
enum Open {
    Nothing,
    Edit,
    Merge,
    Delete,
    /// The editor of one entry.
    Entry(InteractionId),
    /// The answer to one open ask, with the ask in words.
    Answer(InteractionId, ExchangeId, String),
}

/// A link the user stored: clickable only for http(s), so an imported
/// `javascript:` address stays inert text.
fn web_link(link: &str) -> Html {
    let lower = link.trim().to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        html! { <a href={link.trim().to_owned()} rel="noopener noreferrer external">{ link.trim().to_owned() }</a> }
    } else {
        html! { { link.to_owned() } }
    }
}

/// What is owed, in words: "You owe them: a review of my notes (60% left)".
fn describe_obligation(obligation: &Obligation, what: &str) -> String {
    let who = obligation.debtor.owes();
    let left = match &obligation.outstanding {
        Outstanding::Percent(100) => String::new(),
        left => format!(" ({left} left)"),
    };
    format!("{who}: {what}{left}")
}

/// Half of what is left, or `None` when it cannot be split.
fn half_of(left: &Outstanding) -> Option<Portion> {
    match left {
        Outstanding::Money { amount, .. } if *amount >= 2 => Some(Portion::Amount(amount / 2)),
        Outstanding::Percent(p) if *p >= 2 => Some(Portion::Percent(p / 2)),
        _ => None,
    }
}

/// The person screen.
#[component]
pub fn PersonPage(props: &PersonPageProps) -> Html {
    let app = use_app();
    let open = use_state(|| Open::Nothing);
    let today = browser::today();
    let Some(person) = app.read(|journal| journal.person(&props.id).cloned()) else {
        return html! {
            <section class="empty-state">
                <h1>{ "Nobody here" }</h1>
                <p>{ "This person is not in your journal; perhaps they were deleted or merged." }</p>
                <a class="button" href={Route::People.href()}>{ "Back to People" }</a>
            </section>
        };
    };
    let (stats, due, balance, nudges, open_items, waiting, history, introducer) =
        app.read(|journal| {
            let stats = journal.stats(&person.id).cloned().unwrap_or_default();
            let due = journal.contact_due(&person.id, today);
            let balance = journal.balance(&person.id);
            let nudges = nudges_for(journal, &person.id, today);
            let open_items: Vec<(crate::model::OpenItem, String)> = journal
                .open_items(&person.id)
                .into_iter()
                .map(|item| {
                    let what = journal
                        .interaction(&item.interaction)
                        .and_then(|i| i.exchange(&item.exchange))
                        .map(|e| e.what())
                        .unwrap_or_default();
                    (item, what)
                })
                .collect();
            let waiting: Vec<OpenAsk> = journal
                .interactions_with(&person.id)
                .into_iter()
                .flat_map(|i| open_asks_in(i, Some(&person.id)).collect::<Vec<_>>())
                .collect();
            let history: Vec<(Interaction, Option<String>)> = journal
                .interactions_with(&person.id)
                .into_iter()
                .rev()
                .map(|i| {
                    (
                        i.clone(),
                        i.purpose
                            .as_ref()
                            .and_then(|id| journal.purpose(id))
                            .map(|p| p.label.clone()),
                    )
                })
                .collect();
            let introducer = person
                .met
                .introduced_by
                .as_ref()
                .and_then(|id| journal.person(id))
                .map(|p| (p.id.clone(), p.name.clone()));
            (
                stats, due, balance, nudges, open_items, waiting, history, introducer,
            )
        });

    let set_open = |what: Open| {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(what.clone()))
    };
    let close = {
        let open = open.clone();
        Callback::from(move |()| open.set(Open::Nothing))
    };
    let log = {
        let app = app.clone();
        let id = person.id.clone();
        Callback::from(move |_: MouseEvent| app.open_quick_log(Some(id.clone())))
    };
    let toggle_archive = {
        let app = app.clone();
        let id = person.id.clone();
        let archived = !person.archived;
        let message = if archived {
            format!("Archived {}.", person.name)
        } else {
            format!("{} is back.", person.name)
        };
        Callback::from(move |_: MouseEvent| {
            let command = Command::SetArchived {
                person: id.clone(),
                archived,
            };
            if let Err(err) = app.run(vec![command], &message) {
                app.toast(Toast::say(err.to_string()));
            }
        })
    };
    let initiated = stats.initiated;
    let shares = (initiated.total() > 0).then(|| {
        format!(
            "Who reached out: you {}% · them {}% · both {}%",
            initiated.percent(Initiator::Me),
            initiated.percent(Initiator::Them),
            initiated.percent(Initiator::Mutual)
        )
    });

    html! {
        <article class="person-page" aria-labelledby="person-title">
            <header class="person-header">
                <h1 id="person-title">{ person.name.clone() }</h1>
                if let Some(detail) = [person.role.clone(), person.org.clone()].into_iter().flatten().reduce(|a, b| format!("{a}, {b}")) {
                    <p class="muted">{ detail }</p>
                }
                <p class="person-status">
                    if let Some(due) = due.filter(|_| person.cadence.is_some()) {
                        <StatusBadge status={due.status} />{ " " }
                    }
                    { format!("Last contact: {}", format::last_contact(Some(&stats), today)) }
                    if let Some(cadence) = person.cadence {
                        { format!(" · Keep in touch every {} days", cadence.ideal) }
                        if let Some(max) = cadence.max { { format!(" (at most {max})") } }
                    }
                    if person.archived { { " · Archived" } }
                </p>
                <p class="counters">{ format::counters_sentence(&stats) }</p>
                if let Some(balance) = balance {
                    <p class="balance-line">{ balance.reading.message() }</p>
                }
                if let Some(shares) = shares { <p class="muted">{ shares }</p> }
                <div class="actions">
                    <button type="button" class="button primary" onclick={log}>{ "Log contact" }</button>
                    <button type="button" class="button" onclick={set_open(Open::Edit)}>{ "Edit" }</button>
                    <button type="button" class="button" onclick={toggle_archive}>
                        { if person.archived { "Unarchive" } else { "Archive" } }
                    </button>
                    <button type="button" class="button" onclick={set_open(Open::Merge)}>{ "Merge…" }</button>
                    <button type="button" class="button danger" onclick={set_open(Open::Delete)}>{ "Delete…" }</button>
                </div>
            </header>

            if !nudges.is_empty() {
                <section aria-labelledby="nudges-title" class="card">
                    <h2 id="nudges-title">{ "Nudges" }</h2>
                    <ul class="nudges">{ for nudges.iter().map(|n| html! { <li>{ n.message() }</li> }) }</ul>
                </section>
            }

            if !waiting.is_empty() {
                <section aria-labelledby="waiting-title" class="card">
                    <h2 id="waiting-title">{ "Waiting for an answer" }</h2>
                    <ul class="open-items">
                        { for waiting.iter().map(|ask| {
                            let sentence = ask.sentence(&person.name);
                            html! {
                                <li>
                                    <span>{ format!("{sentence} Asked {}.", dates::long_date(ask.since)) }</span>
                                    <button type="button" class="button small"
                                        aria-label={format!("Record the answer: {sentence}")}
                                        onclick={set_open(Open::Answer(ask.interaction.clone(), ask.exchange.clone(), sentence.clone()))}>
                                        { "Record the answer" }
                                    </button>
                                </li>
                            }
                        }) }
                    </ul>
                </section>
            }

            if !open_items.is_empty() {
                <section aria-labelledby="open-title" class="card">
                    <h2 id="open-title">{ "Owed" }</h2>
                    <ul class="open-items">
                        { for open_items.iter().map(|(item, what)| {
                            let label = describe_obligation(&item.obligation, what);
                            html! {
                                <li>
                                    <span>{ format!("{label}. Since {}.", dates::long_date(item.date)) }</span>
                                    <SettleButtons app={app.clone()} interaction={item.interaction.clone()} exchange={item.exchange.clone()}
                                        label={label.clone()} half={half_of(&item.obligation.outstanding)} />
                                </li>
                            }
                        }) }
                    </ul>
                </section>
            }

            <section aria-labelledby="about-title" class="card">
                <h2 id="about-title">{ "About" }</h2>
                <dl class="facts">
                    if let Some(place) = person.met.place.clone() { <dt>{ "Met at" }</dt><dd>{ place }</dd> }
                    if let Some(date) = person.met.date { <dt>{ "Met on" }</dt><dd>{ dates::long_date(date) }</dd> }
                    if let Some((id, name)) = introducer { <dt>{ "Introduced by" }</dt><dd><a href={Route::Person(id).href()}>{ name }</a></dd> }
                    if !person.tags.is_empty() { <dt>{ "Circles" }</dt><dd>{ person.tags.join(", ") }</dd> }
                    if !person.emails.is_empty() { <dt>{ "Email" }</dt><dd>{ person.emails.join(", ") }</dd> }
                    if !person.phones.is_empty() { <dt>{ "Phone" }</dt><dd>{ person.phones.join(", ") }</dd> }
                    if !person.links.is_empty() {
                        <dt>{ "Links" }</dt>
                        <dd>{ for person.links.iter().map(|link| html! { <span class="link-item">{ web_link(link) }</span> }) }</dd>
                    }
                    if !person.boundaries.is_empty() { <dt>{ "Boundaries" }</dt><dd>{ person.boundaries.clone() }</dd> }
                    if !person.notes.is_empty() { <dt>{ "Notes" }</dt><dd class="notes">{ person.notes.clone() }</dd> }
                </dl>
            </section>

            <section aria-labelledby="history-title">
                <h2 id="history-title">{ "History" }</h2>
                if history.is_empty() {
                    <p class="muted">{ "Nothing logged yet." }</p>
                } else {
                    <ol class="timeline">
                        { for history.iter().map(|(interaction, purpose)| html! {
                            <li key={interaction.id.to_string()}>
                                <p class="timeline-head">
                                    <strong>{ interaction.kind.label() }</strong>
                                    { format!(" · {} · {}", dates::long_date(interaction.date), interaction.initiated_by.phrase()) }
                                    if let Some(label) = purpose { { format!(" · {label}") } }
                                </p>
                                if !interaction.note.is_empty() { <p>{ interaction.note.clone() }</p> }
                                if !interaction.exchanges.is_empty() {
                                    <ul class="exchanges">
                                        { for interaction.exchanges.iter().filter(|e| e.person == person.id).map(|e| html! { <li>{ e.describe(dates::long_date) }</li> }) }
                                    </ul>
                                }
                                <button type="button" class="button small"
                                    aria-label={format!("Edit the {} of {}", interaction.kind.label().to_lowercase(), dates::long_date(interaction.date))}
                                    onclick={set_open(Open::Entry(interaction.id.clone()))}>
                                    { "Edit" }
                                </button>
                            </li>
                        }) }
                    </ol>
                }
            </section>

            if *open == Open::Edit {
                <PersonForm person={person.clone()} on_close={close.clone()} />
            }
            if *open == Open::Merge {
                <MergeDialog person={person.clone()} on_close={close.clone()} />
            }
            if let Open::Entry(id) = &*open {
                if let Some((entry, _)) = history.iter().find(|(i, _)| &i.id == id) {
                    <EntryForm entry={entry.clone()} on_close={close.clone()} />
                }
            }
            if let Open::Answer(interaction, exchange, sentence) = &*open {
                <AnswerForm interaction={interaction.clone()} exchange={exchange.clone()}
                    sentence={sentence.clone()} on_close={close.clone()} />
            }
            if *open == Open::Delete {
                <DeleteDialog person={person.clone()} interactions={history.len()} on_close={close.clone()} />
            }
        </article>
    }
}

#[derive(Properties, PartialEq)]
struct SettleProps {
    app: AppHandle,
    interaction: InteractionId,
    exchange: ExchangeId,
    /// What is owed, in words.
    label: String,
    /// Half of what is left, when it can be split.
    half: Option<Portion>,
}

/// "Settle" (all that is left) and "Settle half", each with Undo.
#[component]
fn SettleButtons(props: &SettleProps) -> Html {
    let settle = |portion: Option<Portion>, message: &'static str| {
        let app = props.app.clone();
        let interaction = props.interaction.clone();
        let exchange = props.exchange.clone();
        Callback::from(move |_: MouseEvent| {
            let command = Command::Settle {
                interaction: interaction.clone(),
                exchange: exchange.clone(),
                on: browser::today(),
                portion,
                note: String::new(),
            };
            if let Err(err) = app.run(vec![command], message) {
                app.toast(Toast::say(format!("Could not settle: {err}")));
            }
        })
    };
    html! {
        <span class="settle">
            <button type="button" class="button small" onclick={settle(None, "Settled.")}
                aria-label={format!("Settle: {}", props.label)}>{ "Settle" }</button>
            if let Some(half) = props.half {
                <button type="button" class="button small" onclick={settle(Some(half), "Half settled.")}
                    aria-label={format!("Settle half: {}", props.label)}>{ "Settle half" }</button>
            }
        </span>
    }
}

#[derive(Properties, PartialEq)]
struct MergeProps {
    person: Person,
    on_close: Callback<()>,
}

/// Merge another person into this one.
#[component]
fn MergeDialog(props: &MergeProps) -> Html {
    let app = use_app();
    let other = use_state(String::new);
    let error = use_state(|| None::<String>);
    let options =
        app.read(|journal| person_options(journal, Some(&props.person.id), "Choose someone"));
    let submit = {
        let app = app.clone();
        let other = other.clone();
        let error = error.clone();
        let keep = props.person.id.clone();
        let on_close = props.on_close.clone();
        let message = format!("Merged into {}.", props.person.name);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Ok(absorb) = other.parse::<PersonId>() else {
                error.set(Some("Choose the person to merge into this one.".to_owned()));
                return;
            };
            let command = Command::MergePeople {
                keep: keep.clone(),
                absorb,
            };
            match app.run(vec![command], &message) {
                Ok(_) => on_close.emit(()),
                Err(err) => error.set(Some(err.to_string())),
            }
        })
    };
    let on_close = props.on_close.clone();
    html! {
        <Dialog title={format!("Merge into {}", props.person.name)} on_close={props.on_close.clone()}>
            <form onsubmit={submit}>
                <p>{ "The other person's interactions, tags and details move here, and their entry goes away. Nothing logged is lost." }</p>
                <SelectField id="merge-other" label="Merge this person in" options={options} value={(*other).clone()}
                    on_change={{ let other = other.clone(); Callback::from(move |v| other.set(v)) }} />
                if let Some(message) = (*error).clone() { <p class="error" role="alert">{ message }</p> }
                <div class="dialog-actions">
                    <button type="button" class="button" onclick={Callback::from(move |_| on_close.emit(()))}>{ "Cancel" }</button>
                    <button type="submit" class="button primary">{ "Merge" }</button>
                </div>
            </form>
        </Dialog>
    }
}

#[derive(Properties, PartialEq)]
struct DeleteProps {
    person: Person,
    interactions: usize,
    on_close: Callback<()>,
}

/// Confirm a deletion; the toast afterwards offers an undo.
#[component]
fn DeleteDialog(props: &DeleteProps) -> Html {
    let app = use_app();
    let delete = {
        let app = app.clone();
        let person = props.person.clone();
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| {
            let command = Command::DeletePerson(person.id.clone());
            match app.run(vec![command], &format!("Deleted {}.", person.name)) {
                Ok(_) => {
                    on_close.emit(());
                    navigate(&Route::People);
                }
                Err(err) => app.toast(Toast::say(format!("Could not delete: {err}"))),
            }
        })
    };
    let on_close = props.on_close.clone();
    let logged = match props.interactions {
        0 => "Nothing is logged with them.".to_owned(),
        1 => "They are removed from the 1 entry they appear in; an entry left with nobody is deleted.".to_owned(),
        n => format!("They are removed from the {n} entries they appear in; entries left with nobody are deleted."),
    };
    html! {
        <Dialog title={format!("Delete {}?", props.person.name)} on_close={props.on_close.clone()}>
            <p>{ logged }</p>
            <p>{ "To keep their history instead, archive them." }</p>
            <div class="dialog-actions">
                <button type="button" class="button" onclick={Callback::from(move |_| on_close.emit(()))}>{ "Cancel" }</button>
                <button type="button" class="button danger" onclick={delete}>{ "Delete" }</button>
            </div>
        </Dialog>
    }
}
