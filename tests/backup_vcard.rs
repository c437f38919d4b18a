//! vCard import of exports written the way iPhone, Android, Gmail, Outlook
//! 2007 and RFC 6350 write them (see `tests/fixtures/contacts/README.md`),
//! asserted field by field; broken cards; and the vCard 4.0 export read back
//! by the importer without loss.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use chrono::DateTime;
use proptest::prelude::*;
use rapport::backup::*;
use rapport::model::{Birthday, Person, PersonId};
use support::real_samples;

macro_rules! fixture {
    ($name:literal) => {
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/contacts/",
            $name
        ))
    };
}

fn import(bytes: &[u8]) -> ContactImport {
    import_vcard(bytes).unwrap()
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn birthday(month: u32, day: u32, year: Option<i32>) -> Option<Birthday> {
    Some(Birthday::new(month, day, year).unwrap())
}

#[test]
fn iphone_export() {
    let result = import(fixture!("iphone.vcf"));
    assert_eq!(result.problems, []);
    let [marta, tomas] = result.contacts.as_slice() else {
        panic!("two contacts expected, got {:?}", result.contacts);
    };
    assert_eq!(marta.name, "Dr. Marta Elin Sofia Lindqvist PhD");
    assert_eq!(marta.org.as_deref(), Some("Harbor Analytics"));
    assert_eq!(marta.role.as_deref(), Some("Data Steward"));
    // item1.EMAIL with its X-ABLabel, and item2.TEL, belong to the card.
    assert_eq!(marta.emails, strings(&["marta.lindqvist@example.com"]));
    assert_eq!(
        marta.phones,
        strings(&["555-0101", "555-0102", "555-0103", "555-0104"])
    );
    // "https\://" is an escaped colon.
    assert_eq!(marta.links, strings(&["https://harbor.example.org/marta"]));
    assert_eq!(marta.birthday, birthday(11, 5, Some(1988)));
    assert_eq!(marta.tags, Vec::<String>::new());
    assert_eq!(marta.notes, "");
    assert_eq!(marta.line, 1);
    // The folded PHOTO ends on line 27; the next card starts on line 28.
    assert_eq!(tomas.name, "Tomás Ferreira");
    assert_eq!(tomas.org.as_deref(), Some("Café Aurora"));
    assert_eq!(tomas.phones, strings(&["+1 555 010 0199"]));
    // X-APPLE-OMIT-YEAR marks 1604 as "no year".
    assert_eq!(tomas.birthday, birthday(4, 12, None));
    assert_eq!(tomas.line, 28);
}

#[test]
fn android_export_with_quoted_printable_and_a_nameless_card() {
    let result = import(fixture!("android.vcf"));
    let names: Vec<&str> = result.contacts.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "kofi.mensah@example.com",
            "José Niño",
            "Łucja Małgorzata Wiśniewska-Kowalczyk",
            "Renée Dubois"
        ]
    );
    let lines: Vec<usize> = result.contacts.iter().map(|c| c.line).collect();
    assert_eq!(lines, [1, 6, 13, 31]);
    let problems: Vec<String> = result.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        ["card 1 (line 1): it has no name, so it is named after its email address"]
    );
    let [kofi, jose, lucja, renee] = result.contacts.as_slice() else {
        panic!("four contacts expected");
    };
    assert_eq!(kofi.emails, strings(&["kofi.mensah@example.com"]));
    assert_eq!(kofi.tags, strings(&["My Contacts"]));
    assert_eq!(jose.phones, strings(&["555-0111"]));
    assert_eq!(
        lucja.phones,
        strings(&["555-0121", "555-0122", "555-0123", "555-0124"])
    );
    assert_eq!(lucja.tags, strings(&["My Contacts", "Climbing"]));
    // Two identical notes, each with soft line breaks, become one.
    assert_eq!(
        lucja.notes,
        "Met at the harbour clean-up. Owes me a book; lent him a tent in May. \
         Likes long walks and longer stories."
    );
    // The first of two ORG lines is kept.
    assert_eq!(
        renee.org.as_deref(),
        Some("Société Générale des Fromages Affinés et Crémeux")
    );
    assert_eq!(
        renee.emails,
        strings(&["renee@example.org", "renée.dubois@example.org"])
    );
    // The same number as CELL and WORK is kept once.
    assert_eq!(renee.phones, strings(&["555-0131", "555-0132"]));
    assert_eq!(
        renee.links,
        strings(&[
            "www.fromages.example.org",
            "http://www.fromages.example.org"
        ])
    );
    assert_eq!(renee.tags, Vec::<String>::new());
    assert!(result.contacts.iter().all(|c| c.birthday.is_none()));
}

#[test]
fn gmail_export() {
    let result = import(fixture!("gmail.vcf"));
    assert_eq!(result.problems, []);
    let [marta, priya] = result.contacts.as_slice() else {
        panic!("two contacts expected, got {:?}", result.contacts);
    };
    assert_eq!(marta.name, "Dr. Marta Lindqvist, PhD");
    assert_eq!(marta.org.as_deref(), Some("Harbor Analytics"));
    assert_eq!(marta.role.as_deref(), Some("Data Steward"));
    assert_eq!(marta.emails, strings(&["Marta.Lindqvist@example.com"]));
    assert_eq!(marta.phones, strings(&["555-0101", "555-0102"]));
    assert_eq!(marta.links, strings(&["https://harbor.example.org/marta"]));
    assert_eq!(marta.birthday, birthday(11, 5, Some(1988)));
    // Folded every 75 octets, with escaped quotes, commas, semicolons and newlines.
    assert_eq!(
        marta.notes,
        "Introduced by Kofi at the \"Open Data\" meetup; we talked for an hour about \
         archives, tide tables, and whether a harbour can have a memory. She wants an \
         introduction to someone at the city library, ideally before March.\nFavourite tea: Earl Grey"
    );
    assert_eq!(marta.line, 1);

    assert_eq!(priya.name, "Priya Raman");
    assert_eq!(priya.org.as_deref(), Some("Tidewater Press"));
    assert_eq!(priya.role.as_deref(), Some("Commissioning Editor"));
    assert_eq!(priya.emails, strings(&["priya.raman@example.net"]));
    // item1.TEL with Gmail's GRAND_CENTRAL label is a phone like any other.
    assert_eq!(priya.phones, strings(&["555 010 0141", "555 010 0142"]));
    assert_eq!(priya.links, strings(&["http://priya.example.net"]));
    assert_eq!(priya.birthday, birthday(2, 28, Some(1979)));
    assert_eq!(
        priya.notes,
        "Edits the harbour history series.\nPrefers email to calls.\nBook club: Thursdays"
    );
    assert_eq!(priya.line, 25);
}

#[test]
fn outlook_2007_export() {
    let result = import(fixture!("outlook-2007.vcf"));
    assert_eq!(result.problems, []);
    let [chidi] = result.contacts.as_slice() else {
        panic!("one contact expected, got {:?}", result.contacts);
    };
    assert_eq!(chidi.name, "Mr. Chidi Okonkwo Jr.");
    assert_eq!(chidi.org.as_deref(), Some("Meridian Freight"));
    // TITLE comes before ROLE, and wins.
    assert_eq!(chidi.role.as_deref(), Some("Route Planner"));
    assert_eq!(chidi.emails, strings(&["chidi.okonkwo@example.com"]));
    // X-MS-TEL repeats the mobile number and is not a TEL.
    assert_eq!(
        chidi.phones,
        strings(&[
            "(555) 010-0151",
            "(555) 010-0152",
            "(555) 010-0153",
            "(555) 010-0154"
        ])
    );
    // The same URL as HOME and WORK is kept once.
    assert_eq!(chidi.links, strings(&["http://chidi.example.com"]));
    assert_eq!(chidi.birthday, birthday(9, 10, Some(1975)));
    assert_eq!(
        chidi.notes,
        "Met at the ports conference\t\nFollow up about the warehouse tour.\n\
         Asked for an intro to the harbour archive"
    );
}

#[test]
fn vcard_4_as_rfc_6350_writes_it() {
    let result = import(fixture!("vcard-4.vcf"));
    assert_eq!(result.problems, []);
    let [noor] = result.contacts.as_slice() else {
        panic!("one contact expected, got {:?}", result.contacts);
    };
    assert_eq!(noor.name, "Noor Haddad");
    assert_eq!(noor.org.as_deref(), Some("Quayside Robotics"));
    assert_eq!(noor.role, None);
    assert_eq!(noor.emails, strings(&["noor.haddad@example.org"]));
    assert_eq!(
        noor.phones,
        strings(&["+1-555-010-0161 ext. 12", "+1-555-010-0162"])
    );
    assert_eq!(noor.links, strings(&["http://noor.example.org"]));
    assert_eq!(noor.birthday, birthday(6, 12, None));
}

#[test]
fn one_broken_card_does_not_sink_the_others() {
    let file = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nBDAY:circa 1800\r\nEND:VCARD\r\n\
                BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Broken\r\nthis line has no colon\r\nEND:VCARD\r\n\
                BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Unfinished\r\n\
                BEGIN:VCARD\r\nVERSION:3.0\r\nN:Okafor;Ben;;;\r\nEND:VCARD\r\n\
                BEGIN:VCARD\r\nVERSION:4.0\r\nNOTE:nothing to call it\r\nEND:VCARD\r\n\
                BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Truncated";
    let result = import(file.as_bytes());
    let names: Vec<&str> = result.contacts.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Ana", "Ben Okafor"]);
    let problems: Vec<String> = result.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [
            "card 1 (line 4): the birthday \"circa 1800\" is not a date; it was left out",
            "card 2 (line 9): this line is not a vCard property (it has no ':'); skipped",
            "card 3 (line 11): it has no END:VCARD line before the next card; skipped",
            "card 5 (line 18): it has no name, organisation, email or phone; skipped",
            "card 6 (line 22): it has no END:VCARD line; the file may be truncated; skipped",
        ]
    );
}

#[test]
fn latin1_apple_groups_and_birthdays_without_a_year() {
    let mut file = b"BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=FCrgen\n".to_vec();
    file.extend_from_slice(
        b"ORG:Caf\xE9 Lumi\xE8re;Kitchen\nitem1.EMAIL;type=INTERNET:j@example.org\n",
    );
    file.extend_from_slice(
        b"item1.X-ABLabel:_$!<Work>!$_\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-03-10\n",
    );
    file.extend_from_slice(b"CATEGORIES:posse,Book club\\, Tuesdays,POSSE\nPHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQ\n AAAA\n\nEND:VCARD\n");
    let result = import(&file);
    assert_eq!(result.problems, []);
    let jurgen = &result.contacts[0];
    assert_eq!(jurgen.name, "Jürgen Müller");
    assert_eq!(jurgen.org.as_deref(), Some("Café Lumière"));
    assert_eq!(jurgen.emails, strings(&["j@example.org"]));
    assert_eq!(jurgen.birthday, birthday(3, 10, None));
    assert_eq!(jurgen.tags, strings(&["posse", "Book club, Tuesdays"]));
    for (text, expected) in [
        ("--0412", birthday(4, 12, None)),
        ("--04-12", birthday(4, 12, None)),
        ("1985-04-12", birthday(4, 12, Some(1985))),
        ("19850412", birthday(4, 12, Some(1985))),
        ("1985-04-12T00:00:00Z", birthday(4, 12, Some(1985))),
    ] {
        let card = format!("BEGIN:VCARD\nVERSION:4.0\nFN:X\nBDAY:{text}\nEND:VCARD\n");
        assert_eq!(
            import(card.as_bytes()).contacts[0].birthday,
            expected,
            "{text}"
        );
    }
}

#[test]
fn files_that_are_not_vcards_are_refused_plainly() {
    let err = |bytes: &[u8]| import_vcard(bytes).unwrap_err().to_string();
    assert_eq!(
        err(b"Name,Email\nAna,a@x.example\n"),
        "this is not a vCard file: it has no BEGIN:VCARD line"
    );
    assert_eq!(err(b""), "this file is empty");
    let utf16: Vec<u8> = "BEGIN:VCARD\r\nFN:Ana\r\nEND:VCARD\r\n"
        .encode_utf16()
        .flat_map(u16::to_be_bytes)
        .collect();
    assert_eq!(
        err(&utf16),
        "this file is not UTF-8 text; it looks like UTF-16. Save it as UTF-8 and try again"
    );
    assert_eq!(
        err(b"\xFF\xD8\xFF\xE0\0\x10JFIF"),
        "this is not a vCard file: it looks like a binary file, not text"
    );
}

#[test]
fn export_is_vcard_4_with_crlf_and_folded_lines() {
    let mut ana = Person::new(
        PersonId::new(1),
        "Ana María Silva",
        DateTime::from_timestamp(0, 0).unwrap(),
    );
    ana.org = Some("Lumen Labs, Inc.".into());
    ana.role = Some("Staff Engineer".into());
    ana.emails = vec!["ana@example.org".into()];
    ana.phones = vec!["+44 7700 900123".into()];
    ana.links = vec!["https://social.example/@ana".into()];
    ana.birthday = birthday(7, 4, Some(1990));
    ana.tags = vec!["posse".into(), "book club".into()];
    ana.notes = "Loves \"naïve\" forecasting; ".repeat(4);
    let text = export_vcard([&ana]);
    assert!(text.starts_with(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ana María Silva\r\nN:Silva;Ana María;;;\r\nORG:Lumen Labs\\, Inc.\r\nTITLE:Staff Engineer\r\n\
         EMAIL:ana@example.org\r\nTEL:+44 7700 900123\r\nURL:https://social.example/@ana\r\nBDAY:19900704\r\n\
         CATEGORIES:posse,book club\r\nNOTE:Loves \"naïve\" forecasting\\; Loves"
    ));
    assert!(text.ends_with("\r\nEND:VCARD\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
        assert!(!line.contains('\n') && !line.contains('\r'));
    }
    assert_eq!(
        vcard_file_name(chrono::NaiveDate::from_ymd_opt(2026, 1, 2).unwrap()),
        "rapport-contacts-2026-01-02.vcf"
    );
}

/// Text as the model keeps it: trimmed, not empty, no control characters.
fn field() -> impl Strategy<Value = String> {
    "[^\\p{Cc}]{1,30}"
        .prop_map(|s| s.trim().to_owned())
        .prop_filter("not blank", |s| !s.is_empty())
}

fn person_strategy() -> impl Strategy<Value = Person> {
    (
        field(),
        proptest::option::of(field()),
        proptest::option::of(field()),
        proptest::collection::vec("[a-z0-9.+_-]{1,10}@[a-z]{1,8}\\.example", 0..3),
        proptest::collection::vec(field(), 0..3),
        proptest::collection::vec(field(), 0..3),
        proptest::option::of((1u32..=12, 1u32..=28, proptest::option::of(1000i32..=9999))),
        proptest::collection::vec(field(), 0..4),
        "([^\\p{Cc}]|\n|\t){0,120}",
    )
        .prop_map(
            |(name, org, role, emails, phones, links, bday, tags, notes)| {
                let mut person = Person::new(
                    PersonId::new(9),
                    name,
                    DateTime::from_timestamp(0, 0).unwrap(),
                );
                person.org = org;
                person.role = role;
                person.emails = dedupe(emails, true);
                person.phones = dedupe(phones, false);
                person.links = dedupe(links, false);
                person.birthday = bday.and_then(|(m, d, y)| Birthday::new(m, d, y).ok());
                person.tags = dedupe(tags, true);
                person.notes = if notes.trim().is_empty() {
                    String::new()
                } else {
                    notes
                };
                person
            },
        )
}

fn dedupe(list: Vec<String>, ignore_case: bool) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    for item in list {
        let key = |s: &str| {
            if ignore_case {
                s.to_lowercase()
            } else {
                s.to_owned()
            }
        };
        if !kept.iter().any(|k| key(k) == key(&item)) {
            kept.push(item);
        }
    }
    kept
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn exported_vcards_read_back_without_loss(people in proptest::collection::vec(person_strategy(), 1..4)) {
        let text = export_vcard(&people);
        let result = import_vcard(text.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(result.problems, vec![]);
        prop_assert_eq!(result.contacts.len(), people.len());
        for (person, contact) in people.iter().zip(&result.contacts) {
            prop_assert_eq!(&contact.name, &person.name);
            prop_assert_eq!(&contact.org, &person.org);
            prop_assert_eq!(&contact.role, &person.role);
            prop_assert_eq!(&contact.emails, &person.emails);
            prop_assert_eq!(&contact.phones, &person.phones);
            prop_assert_eq!(&contact.links, &person.links);
            prop_assert_eq!(contact.birthday, person.birthday);
            prop_assert_eq!(&contact.tags, &person.tags);
            prop_assert_eq!(&contact.notes, &person.notes);
        }
    }
}

/// Real vCard exports, when `RAPPORT_SAMPLES` names them: each file gives at
/// least one contact, and every contact, as a person, survives an export.
#[test]
fn real_samples_import_cleanly() {
    let Some(samples) = real_samples("vcf") else {
        eprintln!("RAPPORT_SAMPLES is not set: no real vCard files checked");
        return;
    };
    let created = DateTime::from_timestamp(0, 0).unwrap();
    let as_people = |contacts: Vec<ImportedContact>| -> Vec<Person> {
        contacts
            .into_iter()
            .enumerate()
            .map(|(n, contact)| contact.into_person(PersonId::new(n as u64 + 1), created))
            .collect()
    };
    for (name, bytes) in samples {
        let result = import_vcard(&bytes).unwrap_or_else(|err| panic!("{name}: {err}"));
        assert!(!result.contacts.is_empty(), "{name}: no contact read");
        eprintln!(
            "{name}: {} contacts, {} problems",
            result.contacts.len(),
            result.problems.len()
        );
        let people = as_people(result.contacts);
        let again = import_vcard(export_vcard(&people).as_bytes())
            .unwrap_or_else(|err| panic!("{name}, exported again: {err}"));
        assert_eq!(again.problems, [], "{name}, exported again");
        assert_eq!(as_people(again.contacts), people, "{name}, exported again");
    }
}
