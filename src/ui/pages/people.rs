//! Everyone: search as you type, filter, sort. The list renders a page at a time,
//! so the DOM stays small with thousands of people.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::model::insights::tags;
use crate::model::query::{find_people_in, PeopleQuery, SearchIndex, SortOrder, StatusFilter};
use crate::ui::browser;
use crate::ui::components::badges::{BalanceMeter, StatusBadge};
use crate::ui::components::field::SelectField;
use crate::ui::components::person_form::PersonForm;
use crate::ui::format;
use crate::ui::hooks::use_app;
use crate::ui::pages::welcome::Welcome;
use crate::ui::route::Route;

/// Rows rendered per page of the list.
pub const PAGE_SIZE: usize = 50;

const STATUS_OPTIONS: [(StatusFilter, &str, &str); 5] = [
    (StatusFilter::Active, "active", "Everyone"),
    (StatusFilter::Overdue, "overdue", "Overdue"),
    (StatusFilter::DueSoon, "due-soon", "Due soon"),
    (StatusFilter::OneSided, "one-sided", "One-sided"),
    (StatusFilter::Archived, "archived", "Archived"),
];

const SORT_OPTIONS: [(SortOrder, &str, &str); 4] = [
    (SortOrder::Name, "name", "Name"),
    (SortOrder::LastContact, "last-contact", "Last contact"),
    (SortOrder::MostOverdue, "overdue", "Most overdue"),
    (SortOrder::Balance, "balance", "Balance"),
];

/// What the balance order means, shown under the filters while it is chosen.
const BALANCE_ORDER_HINT: &str = "Ordered by what you gave minus what they gave you: \
    people you give more to come first, people who give you more come last.";

fn options<T>(table: &[(T, &str, &str)]) -> Vec<(String, String)> {
    table
        .iter()
        .map(|(_, value, label)| ((*value).to_owned(), (*label).to_owned()))
        .collect()
}

fn value_of<T: PartialEq + Copy>(table: &[(T, &'static str, &str)], item: T) -> &'static str {
    table
        .iter()
        .find(|(t, _, _)| *t == item)
        .map_or("", |(_, v, _)| v)
}

fn item_of<T: Copy>(table: &[(T, &str, &str)], value: &str) -> Option<T> {
    table
        .iter()
        .find(|(_, v, _)| *v == value)
        .map(|(t, _, _)| *t)
}

/// The People screen.
#[component]
pub fn PeoplePage() -> Html {
    let app = use_app();
    let query = use_state(PeopleQuery::default);
    let shown = use_state(|| PAGE_SIZE);
    let adding = use_state(|| false);
    let today = browser::today();

    // Folded once per change to the journal, not once per keystroke.
    let tag_list = {
        let app = app.clone();
        use_memo(app.revision(), move |_| app.read(tags))
    };
    let index = {
        let app = app.clone();
        use_memo(app.revision(), move |_| app.read(SearchIndex::new))
    };
    let found = {
        let app = app.clone();
        let index = index.clone();
        use_memo((app.revision(), (*query).clone()), move |(_, query)| {
            app.read(|journal| find_people_in(journal, &index, query, today))
        })
    };

    if app.read(|journal| journal.person_count()) == 0 {
        return html! { <Welcome /> };
    }

    let update = |change: fn(&mut PeopleQuery, String)| {
        let query = query.clone();
        let shown = shown.clone();
        Callback::from(move |value: String| {
            let mut next = (*query).clone();
            change(&mut next, value);
            query.set(next);
            shown.set(PAGE_SIZE);
        })
    };
    let on_search = {
        let set = update(|q: &mut PeopleQuery, v: String| q.text = v);
        Callback::from(move |e: InputEvent| {
            set.emit(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };

    let tag_options: Vec<(String, String)> =
        std::iter::once((String::new(), "All circles".to_owned()))
            .chain(tag_list.iter().map(|t| (t.clone(), t.clone())))
            .collect();

    let by_balance = query.sort == SortOrder::Balance;
    let total = found.len();
    let visible = (*shown).min(total);
    let rows: Html = app.read(|journal| found[..visible].iter().filter_map(|id| {
        let person = journal.person(id)?;
        let stats = journal.stats(id);
        let due = journal.contact_due(id, today);
        let balance = journal.balance(id);
        let detail: Vec<&str> = [person.role.as_deref(), person.org.as_deref()].into_iter().flatten().collect();
        Some(html! {
            <li class="person-row" key={id.to_string()}>
                <div class="person-row-main">
                    <a class="person-name" href={Route::Person(id.clone()).href()}>{ person.name.clone() }</a>
                    if !detail.is_empty() {
                        <span class="muted">{ detail.join(", ") }</span>
                    }
                </div>
                <div class="person-row-facts">
                    <span class="last-contact">{ format::last_contact(stats, today) }</span>
                    if let Some(due) = due.filter(|_| person.cadence.is_some()) {
                        <StatusBadge status={due.status} />
                    }
                    if let Some(balance) = balance {
                        <BalanceMeter {balance} />
                    }
                </div>
            </li>
        })
    }).collect());

    let show_more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(*shown + PAGE_SIZE))
    };
    let open_add = {
        let adding = adding.clone();
        Callback::from(move |_: MouseEvent| adding.set(true))
    };
    let close_add = {
        let adding = adding.clone();
        Callback::from(move |()| adding.set(false))
    };

    html! {
        <section aria-labelledby="people-title">
            <div class="page-header">
                <h1 id="people-title">{ "People" }</h1>
                <button type="button" class="button primary" onclick={open_add}>{ "Add someone" }</button>
            </div>
            <div class="filters" role="search">
                <div class="field search">
                    <label for="people-search">{ "Search people" }</label>
                    <input id="people-search" type="search" value={query.text.clone()} oninput={on_search}
                        placeholder="Name, organisation, tag or note" autocomplete="off" />
                </div>
                <SelectField id="people-circle" label="Circle" options={tag_options}
                    value={query.tag.clone().unwrap_or_default()}
                    on_change={update(|q: &mut PeopleQuery, v: String| q.tag = (!v.is_empty()).then_some(v))} />
                <SelectField id="people-show" label="Show" options={options(&STATUS_OPTIONS)}
                    value={value_of(&STATUS_OPTIONS, query.status)}
                    on_change={update(|q: &mut PeopleQuery, v: String| q.status = item_of(&STATUS_OPTIONS, &v).unwrap_or_default())} />
                <SelectField id="people-sort" label="Sort by" options={options(&SORT_OPTIONS)}
                    value={value_of(&SORT_OPTIONS, query.sort)}
                    described_by={by_balance.then_some(AttrValue::Static("people-sort-hint"))}
                    on_change={update(|q: &mut PeopleQuery, v: String| q.sort = item_of(&SORT_OPTIONS, &v).unwrap_or_default())} />
            </div>
            if by_balance {
                <p class="sort-hint" id="people-sort-hint">{ BALANCE_ORDER_HINT }</p>
            }
            <p class="result-count" role="status">
                { match total { 0 => "Nobody matches.".to_owned(), 1 => "1 person".to_owned(), n => format!("{n} people") } }
            </p>
            <ul class="people-list" aria-label="People">{ rows }</ul>
            if visible < total {
                <button type="button" class="button show-more" onclick={show_more}>
                    { format!("Show more ({} of {total} shown)", visible) }
                </button>
            }
            if *adding {
                <PersonForm on_close={close_add} />
            }
        </section>
    }
}
