//! Merging two devices' exports: a record is known by its id and its
//! `created` time. The same record edited on both devices ends with the later
//! edit on both; two different records that share an id are both kept, the
//! younger under a new id, with every reference to it following.
#![cfg(not(target_arch = "wasm32"))]

use chrono::{DateTime, NaiveDate, Utc};
use rapport::backup::*;
use rapport::model::*;

fn at(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_700_000_000 + seconds, 0).unwrap()
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 5, 1).unwrap()
}

fn id<T: std::str::FromStr>(text: &str) -> T
where
    T::Err: std::fmt::Debug,
{
    text.parse().unwrap()
}

fn person(pid: &str, name: &str, created: i64) -> Person {
    Person::new(id(pid), name, at(created))
}

fn call(iid: &str, who: &[&str], created: i64) -> Interaction {
    Interaction::new(
        id(iid),
        day(),
        who.iter().map(|p| id(p)).collect(),
        InteractionKind::Call,
        Initiator::Me,
        at(created),
    )
}

fn journal_of(people: Vec<Person>, interactions: Vec<Interaction>) -> Journal {
    Journal::from_parts(JournalParts {
        people,
        interactions,
        ..JournalParts::default()
    })
    .unwrap()
}

fn export(journal: &Journal) -> String {
    export_backup(journal, at(1_000_000)).unwrap()
}

/// `journal` after merging `other`'s export into it.
fn merged(journal: &Journal, other: &Journal) -> Journal {
    let parsed = parse_backup(export(other).as_bytes()).unwrap();
    apply_import(journal, parsed, Mode::Merge).unwrap()
}

fn records(journal: &Journal) -> (Vec<Person>, Vec<Interaction>) {
    (
        journal.people().cloned().collect(),
        journal.interactions().cloned().collect(),
    )
}

#[test]
fn two_devices_that_edit_the_same_entry_end_with_the_later_edit_on_both() {
    let base = journal_of(vec![person("p1", "Ana", 0)], vec![call("i1", &["p1"], 0)]);
    let edit = |name: &str, name_at: i64, note: &str, note_at: i64| {
        let mut journal = base.clone();
        let mut ana = journal.person(&id("p1")).cloned().unwrap();
        ana.name = name.to_owned();
        ana.updated = at(name_at);
        journal.apply(Action::EditPerson(ana)).unwrap();
        let mut entry = journal.interaction(&id("i1")).cloned().unwrap();
        entry.note = note.to_owned();
        entry.updated = at(note_at);
        journal.apply(Action::EditInteraction(entry)).unwrap();
        journal
    };
    // The phone renames Ana first and notes the call last; the laptop the other way round.
    let phone = edit("Ana Silva", 10, "from the phone", 40);
    let laptop = edit("Ana S.", 20, "from the laptop", 30);

    let preview = preview(&parse_backup(export(&laptop).as_bytes()).unwrap(), &phone);
    assert_eq!((preview.people.conflicts, preview.people.kept_both), (1, 0));
    assert_eq!(preview.conflicts[0].newer, Newer::File);
    assert!(preview.kept_both.is_empty());

    let on_phone = merged(&phone, &laptop);
    let on_laptop = merged(&laptop, &phone);
    for journal in [&on_phone, &on_laptop] {
        assert_eq!(journal.person_count(), 1);
        assert_eq!(journal.interaction_count(), 1);
        assert_eq!(
            journal.person(&id("p1")).map(|p| p.name.as_str()),
            Some("Ana S.")
        );
        assert_eq!(
            journal.interaction(&id("i1")).map(|i| i.note.as_str()),
            Some("from the phone")
        );
    }
    assert_eq!(records(&on_phone), records(&on_laptop));
}

/// Two devices that each made a person `p1` and a call `i1` on their own.
fn two_devices() -> (Journal, Journal) {
    // The phone's Ana is the older `p1`; its call `i1` too.
    let ana = person("p1", "Ana", 0);
    let mut cid = person("p2", "Cid", 5);
    cid.met.introduced_by = Some(id("p1"));
    let mut phone_call = call("i1", &["p1", "p2"], 5);
    phone_call.note = "phone".to_owned();
    phone_call.exchanges.push(Exchange::new(
        ExchangeId::new(1),
        Direction::Got,
        id("p1"),
        ExchangeKind::Advice,
    ));
    let phone = journal_of(vec![ana, cid], vec![phone_call]);

    // The laptop's Ben is a different `p1`, made later; so is its `i1`.
    let ben = person("p1", "Ben", 100);
    let mut dee = person("p3", "Dee", 100);
    dee.met.introduced_by = Some(id("p1"));
    let mut laptop_call = call("i1", &["p1", "p3"], 105);
    laptop_call.note = "laptop".to_owned();
    laptop_call.exchanges.push(Exchange::new(
        ExchangeId::new(1),
        Direction::Gave,
        id("p1"),
        ExchangeKind::Favour,
    ));
    let mut lunch = call("i2", &["p1"], 110);
    lunch.kind = InteractionKind::Meal;
    let laptop = journal_of(vec![ben, dee], vec![laptop_call, lunch]);
    (phone, laptop)
}

fn person_named<'a>(journal: &'a Journal, name: &str) -> &'a Person {
    journal
        .people()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("{name} is missing"))
}

fn interaction_noted<'a>(journal: &'a Journal, note: &str) -> &'a Interaction {
    journal
        .interactions()
        .find(|i| i.note == note)
        .unwrap_or_else(|| panic!("the {note} call is missing"))
}

#[test]
fn records_made_separately_with_the_same_id_are_both_kept() {
    let (phone, laptop) = two_devices();

    let preview = preview(&parse_backup(export(&laptop).as_bytes()).unwrap(), &phone);
    assert_eq!(
        preview.people,
        Counts {
            new: 1,
            identical: 0,
            conflicts: 0,
            kept_both: 1,
            only_in_journal: 1
        }
    );
    assert_eq!(
        (preview.interactions.new, preview.interactions.kept_both),
        (1, 1)
    );
    assert!(preview.conflicts.is_empty());
    let kept: Vec<(RecordKind, &str, &str, &str)> = preview
        .kept_both
        .iter()
        .map(|k| {
            (
                k.kind,
                k.id.as_str(),
                k.file_label.as_str(),
                k.journal_label.as_str(),
            )
        })
        .collect();
    assert_eq!(
        kept,
        [
            (RecordKind::Person, "p1", "Ben", "Ana"),
            (
                RecordKind::Interaction,
                "i1",
                "2024-05-01, Call with Ben, Dee",
                "2024-05-01, Call with Ana, Cid"
            ),
        ]
    );

    let on_phone = merged(&phone, &laptop);
    assert_eq!(on_phone.person_count(), 4);
    assert_eq!(on_phone.interaction_count(), 3);
    // Nothing of the phone's was replaced or moved: the older records keep their ids.
    for original in phone.people() {
        assert_eq!(on_phone.person(&original.id), Some(original));
    }
    for original in phone.interactions() {
        assert_eq!(on_phone.interaction(&original.id), Some(original));
    }
    // The laptop's Ben has a new id, and everything of the laptop's that named him follows.
    let ben = person_named(&on_phone, "Ben");
    assert_ne!(ben.id, id::<PersonId>("p1"));
    assert_eq!(ben.created, at(100));
    let dee = person_named(&on_phone, "Dee");
    assert_eq!(dee.met.introduced_by.as_ref(), Some(&ben.id));
    let laptop_call = interaction_noted(&on_phone, "laptop");
    assert_ne!(laptop_call.id, id::<InteractionId>("i1"));
    assert_eq!(laptop_call.people, [ben.id.clone(), dee.id.clone()]);
    assert_eq!(laptop_call.exchanges[0].person, ben.id);
    let lunch = on_phone.interaction(&id("i2")).unwrap();
    assert_eq!(lunch.people, std::slice::from_ref(&ben.id));

    // The laptop, merging the phone's export, renames its own younger records
    // the same way, so both devices hold the same journal.
    let on_laptop = merged(&laptop, &phone);
    assert_eq!(records(&on_laptop), records(&on_phone));

    // Merging again adds nothing, on either side, and neither does a third
    // device that still has the laptop's old records.
    assert_eq!(records(&merged(&on_phone, &on_laptop)), records(&on_phone));
    assert_eq!(records(&merged(&on_laptop, &on_phone)), records(&on_phone));
    assert_eq!(records(&merged(&laptop, &on_phone)), records(&on_phone));
    assert_eq!(records(&merged(&phone, &on_laptop)), records(&on_phone));
}

#[test]
fn a_kept_record_edited_later_still_merges_by_its_new_id() {
    let (phone, laptop) = two_devices();
    let on_phone = merged(&phone, &laptop);
    // The laptop has not merged yet and renames Ben under his old id.
    let mut renamed = laptop.clone();
    let mut ben = renamed.person(&id("p1")).cloned().unwrap();
    ben.name = "Benjamin".to_owned();
    ben.updated = at(500);
    renamed.apply(Action::EditPerson(ben)).unwrap();

    for journal in [merged(&on_phone, &renamed), merged(&renamed, &on_phone)] {
        assert_eq!(journal.person_count(), 4);
        let names: Vec<&str> = journal.people().map(|p| p.name.as_str()).collect();
        assert!(
            names.contains(&"Benjamin") && !names.contains(&"Ben"),
            "{names:?}"
        );
        assert_eq!(
            journal.person(&id("p1")).map(|p| p.name.as_str()),
            Some("Ana")
        );
    }
}
