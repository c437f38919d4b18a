//! Finding people on the People screen: search folds case and accents, every
//! word must match, filters and sort orders apply, and the search index kept
//! between keystrokes never changes an answer, even when it is out of date.

mod support;

use rapport::model::query::{
    find_people, find_people_in, PeopleQuery, SearchIndex, SortOrder, StatusFilter,
};
use rapport::model::{Action, DeleteMode, Journal};
use support::{day, now, person};

fn journal() -> Journal {
    let mut journal = Journal::new();
    let mut chloe = person(1, "Chloé Martin");
    chloe.org = Some("Fondation Œuvre".to_owned());
    chloe.tags = vec!["Lyon".to_owned()];
    let mut lukasz = person(2, "Łukasz Nowak");
    lukasz.notes = "Met at the Kraków meetup; knows everyone in fintech.".to_owned();
    let mut ana = person(3, "Ana Ruiz");
    ana.tags = vec!["lyon".to_owned(), "posse".to_owned()];
    let mut bea = person(4, "Béatrice Adam");
    bea.org = Some("Martin & Fils".to_owned());
    for p in [chloe, lukasz, ana, bea] {
        journal.apply(Action::AddPerson(p)).unwrap();
    }
    journal
        .apply(Action::DeletePerson {
            id: "p-4".parse().unwrap(),
            mode: DeleteMode::Archive,
            now: now(),
        })
        .unwrap();
    journal
}

fn names(journal: &Journal, ids: Vec<rapport::model::PersonId>) -> Vec<String> {
    ids.iter()
        .map(|id| {
            journal
                .person(id)
                .map_or("?".to_owned(), |p| p.name.clone())
        })
        .collect()
}

fn search(journal: &Journal, text: &str) -> Vec<String> {
    let query = PeopleQuery {
        text: text.to_owned(),
        ..PeopleQuery::default()
    };
    names(journal, find_people(journal, &query, day(11, 25)))
}

#[test]
fn search_ignores_case_and_accents_and_needs_every_word() {
    let j = journal();
    assert_eq!(search(&j, "chloe"), ["Chloé Martin"]);
    assert_eq!(search(&j, "LUKASZ"), ["Łukasz Nowak"]);
    assert_eq!(search(&j, "krakow fintech"), ["Łukasz Nowak"]);
    assert_eq!(search(&j, "oeuvre"), ["Chloé Martin"]);
    assert_eq!(
        search(&j, "martin"),
        ["Chloé Martin"],
        "archived people are left out"
    );
    assert_eq!(search(&j, "martin lyon"), ["Chloé Martin"]);
    assert_eq!(search(&j, "martin paris"), Vec::<String>::new());
    assert_eq!(
        search(&j, "  "),
        ["Ana Ruiz", "Chloé Martin", "Łukasz Nowak"]
    );
}

#[test]
fn filters_by_tag_and_status_and_sorts_by_folded_name() {
    let j = journal();
    let lyon = PeopleQuery {
        tag: Some("LYON".to_owned()),
        ..PeopleQuery::default()
    };
    assert_eq!(
        names(&j, find_people(&j, &lyon, day(11, 25))),
        ["Ana Ruiz", "Chloé Martin"]
    );
    let archived = PeopleQuery {
        status: StatusFilter::Archived,
        ..PeopleQuery::default()
    };
    assert_eq!(
        names(&j, find_people(&j, &archived, day(11, 25))),
        ["Béatrice Adam"]
    );
    let by_contact = PeopleQuery {
        sort: SortOrder::LastContact,
        ..PeopleQuery::default()
    };
    // Nobody has been contacted: the name decides, folded ("Ł" sorts as "l").
    assert_eq!(
        names(&j, find_people(&j, &by_contact, day(11, 25))),
        ["Ana Ruiz", "Chloé Martin", "Łukasz Nowak"]
    );
}

#[test]
fn an_index_from_before_people_came_and_went_gives_the_same_answers() {
    let before = journal();
    let index = SearchIndex::new(&before);
    let mut after = before.clone();
    let mut renamed = after.person(&"p-1".parse().unwrap()).unwrap().clone();
    renamed.name = "Chloé Zébulon".to_owned();
    after.apply(Action::EditPerson(renamed)).unwrap();
    after
        .apply(Action::AddPerson(person(0, "Aaron Zed")))
        .unwrap();
    after
        .apply(Action::DeletePerson {
            id: "p-2".parse().unwrap(),
            mode: DeleteMode::RemoveFromInteractions,
            now: now(),
        })
        .unwrap();
    for text in ["", "z", "chloe", "martin", "lukasz", "ana", "lyon"] {
        for sort in [SortOrder::Name, SortOrder::LastContact, SortOrder::Balance] {
            let query = PeopleQuery {
                text: text.to_owned(),
                sort,
                ..PeopleQuery::default()
            };
            assert_eq!(
                find_people_in(&after, &index, &query, day(11, 25)),
                find_people(&after, &query, day(11, 25)),
                "{text:?} sorted by {sort:?}"
            );
        }
    }
    assert_eq!(search(&after, "zebulon"), ["Chloé Zébulon"]);
}
