//! Today: who to reconnect with, what you owe, birthdays, and the nudges.

use yew::prelude::*;

use crate::model::query::is_one_sided;
use crate::model::today::{all_nudges, due_contacts, upcoming_birthdays};
use crate::model::Nudge;
use crate::ui::browser;
use crate::ui::components::badges::StatusBadge;
use crate::ui::format;
use crate::ui::hooks::use_app;
use crate::ui::pages::welcome::Welcome;
use crate::ui::route::Route;

/// The home screen.
#[component]
pub fn TodayPage() -> Html {
    let app = use_app();
    let today = browser::today();
    let journal = app.journal();
    if journal.person_count() == 0 {
        return html! { <Welcome /> };
    }
    let name = |id: &crate::model::PersonId| {
        journal
            .person(id)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    };
    let person_link = |id: &crate::model::PersonId| html! { <a href={Route::Person(id.clone()).href()}>{ name(id) }</a> };

    let due = due_contacts(&journal, today);
    let birthdays = upcoming_birthdays(&journal, today, 7);
    let nudges = all_nudges(&journal, today);
    let owe: Vec<_> = nudges
        .iter()
        .filter(|n| matches!(n.nudge, Nudge::YouOweThem { .. }))
        .collect();
    let say_no: Vec<_> = nudges
        .iter()
        .filter(|n| matches!(n.nudge, Nudge::OkayToSayNo { .. }))
        .collect();
    let one_sided: Vec<_> = nudges.iter().filter(|n| is_one_sided(&n.nudge)).collect();

    let log_for = |id: &crate::model::PersonId| {
        let app = app.clone();
        let id = id.clone();
        Callback::from(move |_: MouseEvent| app.open_quick_log(Some(id.clone())))
    };

    html! {
        <div class="today">
            <h1>{ "Today" }</h1>
            <section aria-labelledby="reconnect-title" class="card">
                <h2 id="reconnect-title">{ "Reconnect" }</h2>
                if due.is_empty() {
                    <p class="muted">{ "Nobody is due. Well kept." }</p>
                } else {
                    <ul class="due-list">
                        { for due.iter().take(20).map(|d| html! {
                            <li>
                                { person_link(&d.person) }{ " " }<StatusBadge status={d.due.status} />
                                <span class="muted">{ format!(" last contact {}", format::relative_day(d.due.since, today)) }</span>
                                <button type="button" class="button small" onclick={log_for(&d.person)}
                                    aria-label={format!("Log contact with {}", name(&d.person))}>{ "Log contact" }</button>
                            </li>
                        }) }
                    </ul>
                }
            </section>
            if !owe.is_empty() {
                <section aria-labelledby="owe-title" class="card">
                    <h2 id="owe-title">{ "You owe" }</h2>
                    <ul>{ for owe.iter().map(|n| html! { <li>{ person_link(&n.person) }{ ": " }{ n.nudge.message() }</li> }) }</ul>
                </section>
            }
            if !birthdays.is_empty() {
                <section aria-labelledby="birthdays-title" class="card">
                    <h2 id="birthdays-title">{ "Birthdays this week" }</h2>
                    <ul>{ for birthdays.iter().map(|b| html! {
                        <li>{ person_link(&b.person) }{ format!(" — {}", format::relative_day(b.date, today)) }
                            if let Some(age) = b.turning { { format!(", turning {age}") } }
                        </li>
                    }) }</ul>
                </section>
            }
            if !say_no.is_empty() {
                <section aria-labelledby="no-title" class="card">
                    <h2 id="no-title">{ "It's okay to say no" }</h2>
                    <ul>{ for say_no.iter().map(|n| html! { <li>{ person_link(&n.person) }{ ": " }{ n.nudge.message() }</li> }) }</ul>
                </section>
            }
            if !one_sided.is_empty() {
                <section aria-labelledby="one-sided-title" class="card">
                    <h2 id="one-sided-title">{ "One-sided" }</h2>
                    <ul>{ for one_sided.iter().map(|n| html! { <li>{ person_link(&n.person) }{ ": " }{ n.nudge.message() }</li> }) }</ul>
                </section>
            }
        </div>
    }
}
