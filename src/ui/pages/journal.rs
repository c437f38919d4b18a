//! The Journal: every logged entry and every milestone of a working life, newest
//! first. Milestones are added, edited and deleted here; the list comes from
//! `model::milestone::timeline` and renders a page at a time.

use yew::prelude::*;

use crate::model::milestone::{timeline, TimelineItem};
use crate::model::{Interaction, InteractionId, Journal, Milestone, MilestoneId};
use crate::ui::components::entry_form::EntryForm;
use crate::ui::components::milestone_cards::StageOfferCard;
use crate::ui::components::milestone_form::MilestoneForm;
use crate::ui::dates;
use crate::ui::hooks::use_app;
use crate::ui::route::Route;

/// Lines rendered per page of the timeline.
const PAGE_SIZE: usize = 50;

#[derive(Clone, PartialEq)]
enum Open {
    Nothing,
    AddMilestone,
    Milestone(MilestoneId),
    Entry(InteractionId),
}

fn milestone_line(milestone: &Milestone, open: &Callback<Open>) -> Html {
    let edit = {
        let open = open.clone();
        let id = milestone.id.clone();
        Callback::from(move |_: MouseEvent| open.emit(Open::Milestone(id.clone())))
    };
    let headline = milestone.headline().to_owned();
    let date = dates::long_date(milestone.date);
    html! {
        <li key={format!("m-{}", milestone.id)} class="timeline-milestone">
            <p class="timeline-head">
                <strong>{ "Milestone: " }{ milestone.kind.label() }</strong>
                { format!(" · {date}") }
            </p>
            if headline != milestone.kind.label() { <p>{ headline.clone() }</p> }
            <button type="button" class="button small" onclick={edit}
                aria-label={format!("Edit the milestone “{headline}” of {date}")}>{ "Edit" }</button>
        </li>
    }
}

fn entry_line(journal: &Journal, entry: &Interaction, open: &Callback<Open>) -> Html {
    let edit = {
        let open = open.clone();
        let id = entry.id.clone();
        Callback::from(move |_: MouseEvent| open.emit(Open::Entry(id.clone())))
    };
    let purpose = entry
        .purpose
        .as_ref()
        .and_then(|id| journal.purpose(id))
        .map(|p| p.label.clone());
    let people = entry
        .people
        .iter()
        .filter_map(|id| Some((id, journal.person(id)?)))
        .enumerate()
        .map(|(n, (id, person))| {
            html! {
                <>
                    if n > 0 { { ", " } }
                    <a class="person-name" href={Route::Person(id.clone()).href()}>{ person.name.clone() }</a>
                </>
            }
        });
    let date = dates::long_date(entry.date);
    html! {
        <li key={format!("e-{}", entry.id)}>
            <p class="timeline-head">
                <strong>{ entry.kind.label() }</strong>
                { format!(" · {date} · {}", entry.initiated_by.phrase()) }
                if let Some(label) = purpose { { format!(" · {label}") } }
            </p>
            <p class="timeline-people">{ "With " }{ for people }</p>
            if !entry.note.is_empty() { <p>{ entry.note.clone() }</p> }
            <button type="button" class="button small" onclick={edit}
                aria-label={format!("Edit the {} of {date}", entry.kind.label().to_lowercase())}>{ "Edit" }</button>
        </li>
    }
}

/// The Journal screen.
#[component]
pub fn JournalPage() -> Html {
    let app = use_app();
    let open = use_state(|| Open::Nothing);
    let shown = use_state(|| PAGE_SIZE);
    let set_open = {
        let open = open.clone();
        Callback::from(move |value: Open| open.set(value))
    };
    let close = {
        let open = open.clone();
        Callback::from(move |()| open.set(Open::Nothing))
    };
    let add = {
        let set_open = set_open.clone();
        Callback::from(move |_: MouseEvent| set_open.emit(Open::AddMilestone))
    };
    let more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(*shown + PAGE_SIZE))
    };
    let (lines, total) = app.read(|journal| {
        let items = timeline(journal);
        let lines: Vec<Html> = items
            .iter()
            .take(*shown)
            .map(|item| match item {
                TimelineItem::Milestone(m) => milestone_line(m, &set_open),
                TimelineItem::Entry(e) => entry_line(journal, e, &set_open),
            })
            .collect();
        (lines, items.len())
    });
    let dialog = match &*open {
        Open::Nothing => html! {},
        Open::AddMilestone => html! { <MilestoneForm on_close={close.clone()} /> },
        Open::Milestone(id) => match app.read(|journal| journal.milestone(id).cloned()) {
            Some(milestone) => html! { <MilestoneForm {milestone} on_close={close.clone()} /> },
            None => html! {},
        },
        Open::Entry(id) => match app.read(|journal| journal.interaction(id).cloned()) {
            Some(entry) => html! { <EntryForm {entry} on_close={close.clone()} /> },
            None => html! {},
        },
    };

    html! {
        <div class="journal">
            <header class="page-header">
                <h1>{ "Journal" }</h1>
                <button type="button" class="button primary" onclick={add}>{ "Add a milestone" }</button>
            </header>
            <p class="muted">{ "Everything you logged, newest first, with the milestones of your working life: a new job, retiring, going back to work." }</p>
            <StageOfferCard />
            <section aria-labelledby="timeline-title">
                <h2 id="timeline-title" class="visually-hidden">{ "Timeline" }</h2>
                if total == 0 {
                    <p class="muted">{ "Nothing logged yet. Log a contact with + Log, or add a milestone." }</p>
                } else {
                    <ol class="timeline" aria-labelledby="timeline-title">{ for lines }</ol>
                    if total > *shown {
                        <button type="button" class="button" onclick={more}>
                            { format!("Show more ({} of {total} shown)", *shown) }
                        </button>
                    }
                }
            </section>
            { dialog }
        </div>
    }
}
