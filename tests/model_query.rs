//! Finding people on the People screen: search folds case, accents,
//! apostrophes, hyphens, dots and extra spaces, every word must match, filters
//! and sort orders apply, and the search index kept between keystrokes never
//! changes an answer, even when it is out of date. A name typed in full is the
//! person who already has it, in the quick log and the person form.

mod support;

use rapport::model::query::{
    find_people, find_people_in, people_named, pick_people, PeopleQuery, SearchIndex, SortOrder,
    StatusFilter,
};
use rapport::model::{Action, DeleteMode, Journal};
use support::{day, now, person, pid};

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
            id: pid(4),
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
    let mut renamed = after.person(&pid(1)).unwrap().clone();
    renamed.name = "Chloé Zébulon".to_owned();
    after.apply(Action::EditPerson(renamed)).unwrap();
    after
        .apply(Action::AddPerson(person(0, "Aaron Zed")))
        .unwrap();
    after
        .apply(Action::DeletePerson {
            id: pid(2),
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

/// Whether typing `typed` finds the person saved as `saved`, and whether it is
/// exactly their name (so the quick log picks them and the person form warns).
struct Row {
    typed: &'static str,
    saved: &'static str,
    finds: bool,
    same_name: bool,
}

const fn row(typed: &'static str, saved: &'static str, finds: bool, same_name: bool) -> Row {
    Row {
        typed,
        saved,
        finds,
        same_name,
    }
}

/// The folding table. Apostrophes (' ’ ‘ ʼ), hyphens and dots are dropped and
/// runs of spaces count as one. Search looks at a name with and without its
/// spaces, and a name is the same name with or without them: "o brien",
/// "O’Brien" and "OBrien" are one name, because people disagree about where
/// such names break ("Jean Luc", "Jean-Luc").
const TABLE: &[Row] = &[
    row("Rachel Kim", "Rachel Kim", true, true),
    row("rachel kim", "Rachel Kim", true, true),
    row("  RACHEL   kim ", "Rachel Kim", true, true),
    row("rachel\u{a0}kim", "Rachel Kim", true, true),
    row("obrien", "O’Brien", true, true),
    row("o'brien", "O’Brien", true, true),
    row("o‘brien", "O’Brien", true, true),
    row("oʼbrien", "O’Brien", true, true),
    row("O’Brien", "O'Brien", true, true),
    row("O’Brien", "OBrien", true, true),
    row("o brien", "O’Brien", true, true),
    row("obrien", "O Brien", true, true),
    row("o. brien", "O’Brien", true, true),
    row("siobhan o'brien", "Siobhán O’Brien", true, true),
    row("obrien", "Siobhán O’Brien", true, false),
    row("o'brien", "Siobhán O’Brien", true, false),
    row("jean luc picard", "Jean-Luc Picard", true, true),
    row("jean-luc picard", "Jean Luc Picard", true, true),
    row("Jean‐Luc Picard", "Jean-Luc Picard", true, true),
    row("mary-jane", "Mary Jane Watson", true, false),
    row("jr smith", "J.R. Smith", true, true),
    row("j.r smith", "J. R. Smith", true, true),
    row("st john", "St. John Rivers", true, false),
    row("zoe muller", "Zoë Müller", true, true),
    row("Sio\u{200b}bha\u{301}n", "Siobhán", true, true),
    row("rachel kim", "Rachel Kimball", true, false),
    row("kim rachel", "Rachel Kim", true, false),
    row("rachel kim", "Rachael Kim", false, false),
    row("obrien", "Brian O'Neil", false, false),
    row("o'neil", "Brian O’Neill", true, false),
    row("o'neill", "Brian O’Neil", false, false),
    row("siobhan", "Sean O’Brien", false, false),
];

#[test]
fn the_folding_table() {
    let mut wrong = Vec::new();
    for r in TABLE {
        // The saved person, and someone else who must never turn up.
        let mut journal = Journal::new();
        journal
            .apply(Action::AddPerson(person(1, r.saved)))
            .unwrap();
        journal
            .apply(Action::AddPerson(person(2, "Ximena Quispe")))
            .unwrap();
        let found = search(&journal, r.typed);
        let picked = names(&journal, pick_people(&journal, r.typed, 6));
        let named = names(&journal, people_named(&journal, r.typed));
        let expected = |yes: bool| {
            if yes {
                vec![r.saved.to_owned()]
            } else {
                Vec::new()
            }
        };
        if found != expected(r.finds) {
            wrong.push(format!(
                "People search for {:?} found {found:?}, not {:?}",
                r.typed,
                expected(r.finds)
            ));
        }
        if picked != expected(r.finds) {
            wrong.push(format!(
                "the quick log offered {picked:?} for {:?}",
                r.typed
            ));
        }
        if named != expected(r.same_name) {
            wrong.push(format!(
                "{:?} named {named:?}, not {:?}",
                r.typed,
                expected(r.same_name)
            ));
        }
        // The same name is the same either way round.
        let mut other = Journal::new();
        other.apply(Action::AddPerson(person(1, r.typed))).unwrap();
        if people_named(&other, r.saved).is_empty() == r.same_name {
            wrong.push(format!("{:?} and {:?} are not symmetric", r.saved, r.typed));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_name_typed_in_full_is_that_person_before_anyone_archived_or_partial() {
    let mut journal = Journal::new();
    for (n, name) in [
        (1, "Rachel Kimball"),
        (2, "rachel KIM"),
        (3, "Rachel Kim"),
        (4, "Ana Kim"),
    ] {
        journal.apply(Action::AddPerson(person(n, name))).unwrap();
    }
    journal
        .apply(Action::DeletePerson {
            id: pid(2),
            mode: DeleteMode::Archive,
            now: now(),
        })
        .unwrap();
    // Someone archived with the name comes after the active one, but before
    // anyone whose name only starts the same way.
    assert_eq!(people_named(&journal, "Rachel  Kim"), [pid(3), pid(2)]);
    assert_eq!(
        pick_people(&journal, "rachel kim", 6),
        [pid(3), pid(2), pid(1)]
    );
    assert_eq!(
        pick_people(&journal, "kim", 6),
        [pid(4), pid(3), pid(1), pid(2)]
    );
    assert!(people_named(&journal, " ’ ").is_empty());
    assert!(pick_people(&journal, " - ", 6).is_empty());
}
