//! What follows a milestone, as cards for Today and the Journal: the people
//! to thank after a new job, the "keep in touch" nudge, and the one-time offer
//! of a new stage's purposes. Each list comes from `model::milestone`.

use yew::prelude::*;

use crate::model::milestone::{keep_going, stage_offer, thanks_due, KeepGoing};
use crate::model::{Command, MilestoneId, PersonId};
use crate::ui::browser;
use crate::ui::dates;
use crate::ui::hooks::use_app;
use crate::ui::route::Route;

/// "Thank the people who helped": everyone `thanks_due` lists, each with a
/// one-tap "Log a thank-you", and "Dismiss" for the whole list.
#[component]
pub fn ThanksCard() -> Html {
    let app = use_app();
    let today = browser::today();
    let Some((milestone, rows)) = app.read(|journal| {
        let (id, helpers) = thanks_due(journal, today)?;
        let headline = journal
            .milestone(&id)
            .map(|m| format!("{} ({})", m.headline(), dates::long_date(m.date)))?;
        let rows: Vec<(PersonId, String, String)> = helpers
            .iter()
            .filter_map(|h| {
                let name = journal.person(&h.person)?.name.clone();
                Some((h.person.clone(), name, h.summary()))
            })
            .collect();
        Some(((id, headline), rows))
    }) else {
        return html! {};
    };
    let (id, headline) = milestone;
    let log = |person: PersonId, name: String| {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            let command = Command::LogThanks {
                person: person.clone(),
                on: browser::today(),
            };
            if app
                .run(vec![command], &format!("Logged a thank-you to {name}."))
                .is_ok()
            {
                browser::focus("thanks-title");
            }
        })
    };
    let dismiss = {
        let app = app.clone();
        let id: MilestoneId = id.clone();
        Callback::from(move |_: MouseEvent| {
            let _ = app.run(
                vec![Command::DismissThanks(id.clone())],
                "Thank-you list dismissed.",
            );
        })
    };
    html! {
        <section id="thanks" class={classes!("card", "today-card", "thanks-card")} aria-labelledby="thanks-title">
            <h2 id="thanks-title" tabindex="-1">{ "Thank the people who helped" }</h2>
            <p class="muted card-intro">{ format!("They helped in the months before your new job: {headline}.") }</p>
            <ul id="thanks-list" class="today-list due-list">
                { for rows.into_iter().map(|(person, name, gave)| html! {
                    <li key={person.to_string()} class="due-item">
                        <div class="due-who">
                            <a class="person-name" href={Route::Person(person.clone()).href()}>{ name.clone() }</a>
                            <span class="muted">{ gave }</span>
                        </div>
                        <div class="due-actions">
                            <button type="button" class="button small primary" onclick={log(person.clone(), name.clone())}>
                                <span>{ "Log a thank-you" }<span class="visually-hidden">{ format!(" to {name}") }</span></span>
                            </button>
                        </div>
                    </li>
                }) }
            </ul>
            <button type="button" class="button small" onclick={dismiss}>
                { "Dismiss the thank-you list" }
            </button>
        </section>
    }
}

/// "You landed the job — keep in touch while you don't need anything."
#[component]
pub fn KeepGoingCard() -> Html {
    let app = use_app();
    let today = browser::today();
    let Some(nudge) = app.read(|journal| keep_going(journal, today)) else {
        return html! {};
    };
    let open_log = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.open_quick_log(None))
    };
    html! {
        <section id="keep-going" class={classes!("card", "today-card")} aria-labelledby="keep-going-title">
            <h2 id="keep-going-title">{ "Keep going" }</h2>
            <p>{ KeepGoing::MESSAGE }</p>
            <p class="muted">{ format!("No contact with anyone in {} days.", nudge.quiet_days) }</p>
            <button type="button" class="button small" onclick={open_log}>{ "Log a contact" }</button>
        </section>
    }
}

/// After retiring or unretiring, once: add the stage's purposes, or not.
#[component]
pub fn StageOfferCard() -> Html {
    let app = use_app();
    let today = browser::today();
    let Some((id, intro, labels)) = app.read(|journal| {
        let (id, purposes) = stage_offer(journal, today)?;
        let milestone = journal.milestone(&id)?;
        let intro = format!(
            "{} on {}. These purposes help you log what this stage is about:",
            milestone.headline(),
            dates::long_date(milestone.date)
        );
        let labels: Vec<String> = purposes.into_iter().map(|p| p.label).collect();
        Some((id, intro, labels))
    }) else {
        return html! {};
    };
    let answer = |accept: bool| {
        let app = app.clone();
        let id = id.clone();
        let count = labels.len();
        Callback::from(move |_: MouseEvent| {
            let message = match (accept, count) {
                (false, _) => "No purposes added.".to_owned(),
                (true, 1) => "Added 1 purpose.".to_owned(),
                (true, n) => format!("Added {n} purposes."),
            };
            let command = Command::AnswerStageOffer {
                milestone: id.clone(),
                accept,
            };
            let _ = app.run(vec![command], &message);
        })
    };
    html! {
        <section id="stage-offer" class={classes!("card", "today-card", "stage-card")} aria-labelledby="stage-offer-title">
            <h2 id="stage-offer-title">{ "Purposes for a new stage" }</h2>
            <p class="muted card-intro">{ intro }</p>
            <ul class="stage-purposes">
                { for labels.iter().map(|label| html! { <li>{ label.clone() }</li> }) }
            </ul>
            <div class="actions">
                <button type="button" class="button primary" onclick={answer(true)}>{ "Add these purposes" }</button>
                <button type="button" class="button" onclick={answer(false)}>{ "No thanks" }</button>
            </div>
        </section>
    }
}
