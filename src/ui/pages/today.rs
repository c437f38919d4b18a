//! Today, the home screen: who to reconnect with, asks waiting on you and on
//! them, what you owe and what you are owed,
//! birthdays this week, the say-no and one-sided nudges, and the weekly streak.
//! Every list comes from `model::today::overview`; this page only draws it.

use chrono::NaiveDate;
use yew::prelude::*;

use crate::model::milestone::boundary_suggestion;
use crate::model::today::{
    overview, short_message, snooze_until, DueContact, OpenAsk, OwedItem, PersonNudge,
    PersonNudges, TodayOverview, UpcomingBirthday,
};
use crate::model::{Command, Journal, PersonId};
use crate::ui::browser;
use crate::ui::components::badges::StatusBadge;
use crate::ui::components::milestone_cards::{KeepGoingCard, StageOfferCard, ThanksCard};
use crate::ui::hooks::use_app;
use crate::ui::pages::welcome::Welcome;
use crate::ui::route::Route;
use crate::ui::{dates, format};

/// Rows a list shows before "Show all".
const SHORT_LIST: usize = 5;
/// Rows of the Reconnect list shown before "Show all".
const RECONNECT_LIST: usize = 8;

fn person_link(journal: &Journal, id: &PersonId) -> Html {
    let name = journal
        .person(id)
        .map(|p| p.name.clone())
        .unwrap_or_default();
    html! { <a class="person-name" href={Route::Person(id.clone()).href()}>{ name }</a> }
}

fn due_row(journal: &Journal, due: &DueContact, today: NaiveDate) -> Html {
    let last = match journal.stats(&due.person).and_then(|s| s.last_contact) {
        Some(date) => format!("Last contact {}", format::relative_day(date, today)),
        None => "No contact yet".to_owned(),
    };
    let name = journal
        .person(&due.person)
        .map(|p| p.name.clone())
        .unwrap_or_default();
    html! { <DueRow key={due.person.to_string()} due={due.clone()} {name} {last} /> }
}

fn owed_row(journal: &Journal, item: &OwedItem, today: NaiveDate) -> Html {
    html! {
        <li key={format!("{}-{}", item.interaction, item.exchange)}>
            { person_link(journal, &item.person) }
            <span class="owed-what">{ item.summary() }</span>
            <span class="muted">{ format!("since {} ({})", dates::long_date(item.since), format::relative_day(item.since, today)) }</span>
        </li>
    }
}

fn ask_row(journal: &Journal, ask: &OpenAsk, today: NaiveDate) -> Html {
    let name = journal
        .person(&ask.person)
        .map(|p| p.name.clone())
        .unwrap_or_default();
    html! {
        <li key={format!("{}-{}", ask.interaction, ask.exchange)}>
            <a class="person-name" href={Route::Person(ask.person.clone()).href()}>{ ask.sentence(&name) }</a>
            <span class="muted">{ format!("asked {} ({})", dates::long_date(ask.since), format::relative_day(ask.since, today)) }</span>
        </li>
    }
}

fn birthday_row(journal: &Journal, birthday: &UpcomingBirthday) -> Html {
    let when = match birthday.in_days {
        0 => "today".to_owned(),
        1 => format!("tomorrow, {}", dates::day_this_year(birthday.date)),
        n => format!("in {n} days, {}", dates::day_this_year(birthday.date)),
    };
    let turning = birthday
        .turning
        .map(|age| format!(", turning {age}"))
        .unwrap_or_default();
    html! {
        <li key={birthday.person.to_string()}>
            { person_link(journal, &birthday.person) }<span>{ when }{ turning }</span>
        </li>
    }
}

fn nudge_row(journal: &Journal, nudge: &PersonNudge) -> Html {
    html! {
        <li key={format!("{}-{}", nudge.person, nudge.nudge.key())}>
            { person_link(journal, &nudge.person) }<span>{ short_message(&nudge.nudge) }</span>
        </li>
    }
}

/// A say-no row; after a milestone it offers a one-line boundary note too.
fn say_no_row(journal: &Journal, nudge: &PersonNudge, today: NaiveDate) -> Html {
    let has_milestone = journal.milestones_by_date().any(|m| m.date <= today);
    let Some(person) = journal.person(&nudge.person).filter(|_| has_milestone) else {
        return nudge_row(journal, nudge);
    };
    html! {
        <BoundaryRow key={format!("{}-{}", nudge.person, nudge.nudge.key())}
            person={nudge.person.clone()} name={person.name.clone()}
            boundaries={person.boundaries.clone()} message={short_message(&nudge.nudge)}
            suggestion={boundary_suggestion(journal, today)} />
    }
}

fn one_sided_row(journal: &Journal, entry: &PersonNudges) -> Html {
    let lines: Vec<String> = entry.nudges.iter().map(short_message).collect();
    html! {
        <li key={entry.person.to_string()}>
            { person_link(journal, &entry.person) }<span>{ lines.join(" ") }</span>
        </li>
    }
}

/// The home screen.
#[component]
pub fn TodayPage() -> Html {
    let app = use_app();
    let today = browser::today();
    let data = {
        let app = app.clone();
        use_memo((app.revision(), today), move |(_, today)| {
            app.read(|journal| overview(journal, *today))
        })
    };
    if app.read(Journal::person_count) == 0 {
        return html! { <Welcome /> };
    }
    // Each list draws only the rows it shows.
    let rows = |draw: fn(&Journal, &TodayOverview, usize, NaiveDate) -> Html| {
        let app = app.clone();
        let data = data.clone();
        Callback::from(move |index: usize| app.read(|journal| draw(journal, &data, index, today)))
    };

    let due_count = data.reconnect.len();
    let reconnect_intro = match due_count {
        0 => "Nobody is due. Well kept.".to_owned(),
        1 => "1 person is due by your cadence.".to_owned(),
        n => format!("{n} people are due by your cadence, most overdue first."),
    };
    let snoozed_note = match data.snoozed {
        0 => None,
        1 => Some("1 person is snoozed.".to_owned()),
        n => Some(format!("{n} people are snoozed.")),
    };

    html! {
        <div class="today">
            <header class="today-header">
                <h1>{ "Today" }</h1>
                <p class="today-date muted">{ dates::heading_date(today) }</p>
            </header>
            <p class="streak-line" id="streak-line">{ data.streak.message() }</p>
            <div class="today-grid">
                <div class="today-main">
                <ThanksCard />
                <KeepGoingCard />
                <StageOfferCard />
                <ListCard id="reconnect" title="Reconnect" intro={reconnect_intro} limit={RECONNECT_LIST}
                    note={snoozed_note} list_class="due-list" count={due_count}
                    row={rows(|j, d, i, t| due_row(j, &d.reconnect[i], t))} />
                </div>
                <div class="today-side">
                if !data.waiting.on_me.is_empty() {
                    <ListCard id="waiting-on-you" title="Waiting on you" count={data.waiting.on_me.len()}
                        intro={"Asks you have not answered yet. Saying no is an answer too."}
                        row={rows(|j, d, i, t| ask_row(j, &d.waiting.on_me[i], t))} />
                }
                if !data.owed.by_me.is_empty() {
                    <ListCard id="owe" title="You owe" count={data.owed.by_me.len()}
                        intro={"What you promised and loans to pay back, oldest first."}
                        row={rows(|j, d, i, t| owed_row(j, &d.owed.by_me[i], t))} />
                }
                if !data.birthdays.is_empty() {
                    <ListCard id="birthdays" title="Birthdays this week" count={data.birthdays.len()}
                        row={rows(|j, d, i, _| birthday_row(j, &d.birthdays[i]))} />
                }
                if !data.nudges.say_no.is_empty() {
                    <ListCard id="say-no" title="It's okay to say no" count={data.nudges.say_no.len()}
                        intro={"They ask often and you have always said yes."}
                        row={rows(|j, d, i, t| say_no_row(j, &d.nudges.say_no[i], t))} />
                }
                if !data.nudges.one_sided.is_empty() {
                    <ListCard id="one-sided" title="One-sided" count={data.nudges.one_sided.len()}
                        intro={"You always make the call, or reach out only to ask."}
                        row={rows(|j, d, i, _| one_sided_row(j, &d.nudges.one_sided[i]))} />
                }
                if !data.waiting.on_them.is_empty() {
                    <ListCard id="waiting-on-them" title="Waiting on them" count={data.waiting.on_them.len()}
                        intro={"Your asks they have not answered yet."}
                        row={rows(|j, d, i, t| ask_row(j, &d.waiting.on_them[i], t))} />
                }
                if !data.owed.to_me.is_empty() {
                    <ListCard id="they-owe" title="They owe" count={data.owed.to_me.len()}
                        intro={"What they promised and what you lent, oldest first."}
                        row={rows(|j, d, i, t| owed_row(j, &d.owed.to_me[i], t))} />
                }
                </div>
            </div>
        </div>
    }
}

/// Props for [`ListCard`].
#[derive(Properties, PartialEq)]
struct ListCardProps {
    /// Prefix for element ids.
    id: AttrValue,
    /// The heading.
    title: AttrValue,
    /// A line under the heading.
    #[prop_or_default]
    intro: Option<AttrValue>,
    /// A muted line after the list.
    #[prop_or_default]
    note: Option<String>,
    /// Rows shown before "Show all".
    #[prop_or(SHORT_LIST)]
    limit: usize,
    /// Extra class for the list.
    #[prop_or_default]
    list_class: Classes,
    /// How many rows there are.
    count: usize,
    /// Draws row `n` (an `<li>`).
    row: Callback<usize, Html>,
}

/// A card with a heading and a list that shows its first few rows, then all on demand.
#[component]
fn ListCard(props: &ListCardProps) -> Html {
    let expanded = use_state(|| false);
    let toggle = {
        let expanded = expanded.clone();
        Callback::from(move |_: MouseEvent| expanded.set(!*expanded))
    };
    let count = props.count;
    let shown = if *expanded {
        count
    } else {
        props.limit.min(count)
    };
    let title_id = format!("{}-title", props.id);
    let list_id = format!("{}-list", props.id);
    html! {
        <section class={classes!("card", "today-card")} aria-labelledby={title_id.clone()}>
            <h2 id={title_id} tabindex="-1">{ props.title.clone() }</h2>
            if let Some(intro) = &props.intro {
                <p class="muted card-intro">{ intro.clone() }</p>
            }
            if count > 0 {
                <ul id={list_id.clone()} class={classes!("today-list", props.list_class.clone())}>
                    { for (0..shown).map(|i| props.row.emit(i)) }
                </ul>
            }
            if count > props.limit {
                <button type="button" class="link-button show-all" aria-controls={list_id} aria-expanded={expanded.to_string()} onclick={toggle}>
                    { if *expanded { "Show fewer".to_owned() } else { format!("Show all {}", count) } }
                </button>
            }
            if let Some(note) = &props.note {
                <p class="muted card-note">{ note.clone() }</p>
            }
        </section>
    }
}

/// Props for [`DueRow`].
#[derive(Properties, PartialEq)]
struct DueRowProps {
    due: DueContact,
    name: AttrValue,
    /// "Last contact 3 weeks ago" or "No contact yet".
    last: String,
}

/// One person to reconnect with: status, last contact, "Log contact" and "Snooze".
#[component]
fn DueRow(props: &DueRowProps) -> Html {
    let app = use_app();
    let id = props.due.person.clone();
    let log = {
        let app = app.clone();
        let id = id.clone();
        Callback::from(move |_: MouseEvent| app.open_quick_log(Some(id.clone())))
    };
    let snooze = {
        let app = app.clone();
        let id = id.clone();
        Callback::from(move |_: MouseEvent| {
            let today = browser::today();
            let Some(name) = app.read(|journal| journal.person(&id).map(|p| p.name.clone())) else {
                return;
            };
            let until = snooze_until(today);
            let message = format!("Snoozed {name} until {}.", dates::long_date(until));
            let command = Command::Snooze {
                person: id.clone(),
                until: Some(until),
            };
            if app.run(vec![command], &message).is_ok() {
                browser::focus("reconnect-title");
            }
        })
    };
    html! {
        <li class="due-item">
            <div class="due-who">
                <a class="person-name" href={Route::Person(id.clone()).href()}>{ props.name.clone() }</a>
                <span class="due-facts">
                    <StatusBadge status={props.due.due.status} />
                    <span class="muted">{ props.last.clone() }</span>
                </span>
            </div>
            <div class="due-actions">
                <button type="button" class="button small primary" onclick={log}>
                    <span>{ "Log contact" }<span class="visually-hidden">{ format!(" with {}", props.name) }</span></span>
                </button>
                <button type="button" class="button small" onclick={snooze}>
                    <span>{ "Snooze" }<span class="visually-hidden">{ format!(" {} for", props.name) }</span>{ " a week" }</span>
                </button>
            </div>
        </li>
    }
}

/// Props for [`BoundaryRow`].
#[derive(Properties, PartialEq)]
struct BoundaryRowProps {
    person: PersonId,
    name: AttrValue,
    /// What they already have as boundaries.
    boundaries: AttrValue,
    /// The nudge in a few words.
    message: AttrValue,
    /// An example that suits the stage, as the placeholder.
    suggestion: &'static str,
}

/// A say-no row with a one-line boundary note, added to the person's boundaries.
#[component]
fn BoundaryRow(props: &BoundaryRowProps) -> Html {
    let app = use_app();
    let text = use_state(String::new);
    let input_id = format!("boundary-{}", props.person);
    let on_input = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            text.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            )
        })
    };
    let save = {
        let app = app.clone();
        let text = text.clone();
        let id = props.person.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let line = text.trim().to_owned();
            if line.is_empty() {
                return;
            }
            let Some(mut person) = app.read(|journal| journal.person(&id).cloned()) else {
                return;
            };
            person.boundaries = match person.boundaries.trim() {
                "" => line,
                before => format!("{before}\n{line}"),
            };
            let message = format!("Boundary saved for {}.", person.name);
            if app.run(vec![Command::EditPerson(person)], &message).is_ok() {
                text.set(String::new());
            }
        })
    };
    html! {
        <li class="boundary-row">
            <div class="boundary-head">
                <a class="person-name" href={Route::Person(props.person.clone()).href()}>{ props.name.clone() }</a>
                <span>{ props.message.clone() }</span>
            </div>
            if !props.boundaries.is_empty() {
                <p class="muted boundary-now">{ format!("Boundaries: {}", props.boundaries) }</p>
            }
            <form class="boundary-form" onsubmit={save}>
                <label for={input_id.clone()}>{ format!("A boundary with {}", props.name) }</label>
                <div class="boundary-line">
                    <input id={input_id} type="text" value={(*text).clone()} oninput={on_input}
                        placeholder={format!("e.g. {}", props.suggestion)} />
                    <button type="submit" class="button small">
                        <span>{ "Save" }<span class="visually-hidden">{ format!(" the boundary with {}", props.name) }</span></span>
                    </button>
                </div>
            </form>
        </li>
    }
}
