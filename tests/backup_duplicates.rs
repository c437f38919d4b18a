//! Likely duplicates between imported contacts and the journal, and turning
//! contacts into people (new, or merged into an existing person).
#![cfg(not(target_arch = "wasm32"))]

use chrono::DateTime;
use rapport::backup::*;
use rapport::model::*;

fn journal() -> Journal {
    let created = DateTime::from_timestamp(1_600_000_000, 0).unwrap();
    let mut zoe = Person::new("pzoe".parse().unwrap(), "Zoë Müller", created);
    zoe.emails = vec!["Zoe@Fjord.example".into()];
    let mut ben = Person::new("pben".parse().unwrap(), "Benjamin Okafor", created);
    ben.phones = vec!["+44 7700 900123".into()];
    let ana = Person::new("pana".parse().unwrap(), "Ana Silva", created);
    Journal::from_parts(JournalParts {
        people: vec![zoe, ben, ana],
        ..JournalParts::default()
    })
    .unwrap()
}

fn contact(name: &str, emails: &[&str], phones: &[&str]) -> ImportedContact {
    ImportedContact {
        name: name.to_owned(),
        emails: emails.iter().map(|e| e.to_string()).collect(),
        phones: phones.iter().map(|p| p.to_string()).collect(),
        ..ImportedContact::default()
    }
}

#[test]
fn duplicates_by_email_phone_and_name() {
    let contacts = vec![
        contact("Z. Müller", &[" zoe@fjord.EXAMPLE "], &[]),
        contact("Ben O.", &[], &["+44 (0)7700 900-123"]),
        contact("  ana   SILVA ", &[], &[]),
        contact("Zoe Muller", &[], &[]),
        contact("Cid", &["cid@example.org"], &["123"]),
        contact("Cid Campeador", &["CID@example.org"], &["0123"]),
        contact("Nobody", &[], &["900123"]),
    ];
    let found: Vec<(usize, DuplicateOf, String, MatchReason)> =
        find_duplicates(&contacts, &journal())
            .into_iter()
            .map(|d| (d.contact, d.of, d.name, d.reason))
            .collect();
    let existing = |id: &str| DuplicateOf::Existing(id.parse().unwrap());
    assert_eq!(
        found,
        [
            (
                0,
                existing("pzoe"),
                "Zoë Müller".to_owned(),
                MatchReason::SameEmail(" zoe@fjord.EXAMPLE ".to_owned())
            ),
            (
                1,
                existing("pben"),
                "Benjamin Okafor".to_owned(),
                MatchReason::SamePhone("+44 (0)7700 900-123".to_owned())
            ),
            (
                2,
                existing("pana"),
                "Ana Silva".to_owned(),
                MatchReason::SimilarName
            ),
            (
                3,
                existing("pzoe"),
                "Zoë Müller".to_owned(),
                MatchReason::SimilarName
            ),
            (
                5,
                DuplicateOf::Earlier(4),
                "Cid".to_owned(),
                MatchReason::SameEmail("CID@example.org".to_owned())
            ),
        ]
    );
}

/// Phone numbers are compared whole: in E.164 form when they carry a country
/// code, otherwise as all their digits. A number written without its
/// country code cannot be told apart from one with it ("maybe"), which is no
/// match but no sign of two different people either.
#[test]
fn phone_pairs() {
    use PhoneMatch::*;
    let table = [
        ("+44 7700 900123", "+44 7700 900123", Same),
        ("+44 (0)7700 900123", "+447700900123", Same),
        ("0044 7700 900123", "+44 7700 900123", Same),
        ("07700 900123", "07700-900-123", Same),
        ("(555) 010-9999", "555.010.9999", Same),
        // A number that ends another is a different number.
        ("3456789", "123456789", Different),
        ("123456789", "3456789", Different),
        ("+44 7700 900123", "+1 7700 900123", Different),
        ("+44 7700 900123", "+44 7700 900124", Different),
        ("+44 7700 900123", "900123", Different),
        ("0123", "123", Different),
        ("", "", Different),
        ("n/a", "n/a", Different),
        // National and international forms of one number.
        ("+44 7700 900123", "07700 900123", Maybe),
        ("07700 900123", "+44 7700 900123", Maybe),
        ("+1 555 010 9999", "(555) 010-9999", Maybe),
        ("+447700900123", "447700900123", Maybe),
    ];
    let got: Vec<(&str, &str, PhoneMatch)> = table
        .iter()
        .map(|&(a, b, _)| {
            (
                a,
                b,
                compare_phones(&normalize_phone(a), &normalize_phone(b)),
            )
        })
        .collect();
    assert_eq!(got, table);
}

/// Two contacts, as (name, emails, phones), and whether the second looks like
/// the first: an email or phone in common, or the same name with no email or
/// phone that says otherwise.
#[test]
fn name_and_contact_pairs() {
    type Card = (
        &'static str,
        &'static [&'static str],
        &'static [&'static str],
    );
    let same_email = |e: &str| Some(MatchReason::SameEmail(e.to_owned()));
    let same_phone = |p: &str| Some(MatchReason::SamePhone(p.to_owned()));
    let name = Some(MatchReason::SimilarName);
    let table: Vec<(Card, Card, Option<MatchReason>)> = vec![
        // Two different Sam Lees: different phones and emails.
        (
            ("Sam Lee", &["sam@a.example"], &["+44 7700 900001"]),
            ("Sam Lee", &["slee@b.example"], &["+44 7700 900002"]),
            None,
        ),
        (
            ("Sam Lee", &["sam@a.example"], &[]),
            ("Sam Lee", &["slee@b.example"], &[]),
            None,
        ),
        (
            ("Sam Lee", &[], &["+44 7700 900001"]),
            ("Sam Lee", &[], &["+44 7700 900002"]),
            None,
        ),
        // A suffix is not a match, and with the same name it is a conflict.
        (
            ("Ana", &[], &["123456789"]),
            ("Bob", &[], &["3456789"]),
            None,
        ),
        (
            ("Ana", &[], &["123456789"]),
            ("Ana", &[], &["3456789"]),
            None,
        ),
        // The same name and nothing that disagrees.
        (("Sam Lee", &[], &[]), ("Sam Lee", &[], &[]), name.clone()),
        (
            ("Sam Lee", &["sam@a.example"], &[]),
            ("sam  LEE", &[], &["+44 7700 900002"]),
            name.clone(),
        ),
        (
            ("Zoë Müller", &[], &[]),
            ("Zoe Muller", &[], &[]),
            name.clone(),
        ),
        (
            ("Sam Lee", &[], &["+44 7700 900123"]),
            ("Sam Lee", &[], &["07700 900123"]),
            name.clone(),
        ),
        // One shared phone among others is enough, and outranks the name.
        (
            ("Sam Lee", &[], &["+44 7700 900001", "020 7946 0000"]),
            ("Sam Lee", &[], &["+44 7700 900002", "020-7946-0000"]),
            same_phone("020-7946-0000"),
        ),
        // A shared email outranks differing phones.
        (
            ("Sam Lee", &["sam@a.example"], &["+44 7700 900001"]),
            ("S. Lee", &[" SAM@a.example"], &["+44 7700 900002"]),
            same_email(" SAM@a.example"),
        ),
        (
            ("Ana", &[], &["+44 7700 900123"]),
            ("Bob", &[], &["0044 7700 900123"]),
            same_phone("0044 7700 900123"),
        ),
        (("Ana", &[], &[]), ("Bob", &[], &[]), None),
    ];
    let card = |(name, emails, phones): Card| contact(name, emails, phones);
    let mut got = Vec::new();
    let mut expected = Vec::new();
    for (first, second, reason) in table {
        // Within one import, and against a person already in the journal.
        let within = find_duplicates(&[card(first), card(second)], &Journal::new());
        let within: Vec<_> = within
            .into_iter()
            .map(|d| (d.contact, d.of, d.reason))
            .collect();
        let mut person = Person::new(
            "pfirst".parse().unwrap(),
            first.0,
            DateTime::from_timestamp(0, 0).unwrap(),
        );
        person.emails = first.1.iter().map(|e| e.to_string()).collect();
        person.phones = first.2.iter().map(|p| p.to_string()).collect();
        let journal = Journal::from_parts(JournalParts {
            people: vec![person],
            ..JournalParts::default()
        })
        .unwrap();
        let existing = find_duplicates(&[card(second)], &journal);
        let existing: Vec<_> = existing
            .into_iter()
            .map(|d| (d.contact, d.of, d.reason))
            .collect();
        got.push((first.0, second.0, within, existing));
        let flagged = |of: DuplicateOf, index: usize| {
            reason
                .clone()
                .map(|r| (index, of, r))
                .into_iter()
                .collect::<Vec<_>>()
        };
        expected.push((
            first.0,
            second.0,
            flagged(DuplicateOf::Earlier(0), 1),
            flagged(DuplicateOf::Existing("pfirst".parse().unwrap()), 0),
        ));
    }
    assert_eq!(got, expected);
}

/// The same person exported from an iPhone and from Gmail: the Gmail card is
/// found by its email (written with other capitals) and merged into the
/// iPhone one.
#[test]
fn the_same_person_from_two_exports_is_found_and_merged() {
    let iphone = import_vcard(include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/contacts/iphone.vcf"
    )))
    .unwrap();
    let gmail = import_vcard(include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/contacts/gmail.vcf"
    )))
    .unwrap();
    let mut journal = Journal::new();
    let now = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    let marta = iphone.contacts[0]
        .clone()
        .into_person(PersonId::new(1), now);
    journal.apply(Action::AddPerson(marta)).unwrap();
    let found = find_duplicates(&gmail.contacts, &journal);
    assert_eq!(found.len(), 1, "only Marta is in both files: {found:?}");
    assert_eq!(found[0].contact, 0);
    assert_eq!(
        found[0].reason,
        MatchReason::SameEmail("Marta.Lindqvist@example.com".to_owned())
    );
    assert_eq!(found[0].of, DuplicateOf::Existing(PersonId::new(1)));
    // Merging the Gmail card fills nothing new but the note, and keeps the iPhone name.
    let existing = journal.person(&PersonId::new(1)).unwrap();
    let later = DateTime::from_timestamp(1_700_000_500, 0).unwrap();
    let merged = gmail.contacts[0].merge_into(existing, later);
    assert_eq!(merged.name, "Dr. Marta Elin Sofia Lindqvist PhD");
    assert_eq!(
        merged.emails,
        ["marta.lindqvist@example.com".to_owned()],
        "the same address in other capitals is not added again"
    );
    assert_eq!(
        merged.phones,
        ["555-0101", "555-0102", "555-0103", "555-0104"].map(String::from)
    );
    assert!(merged.notes.ends_with("Favourite tea: Earl Grey"));
    assert_eq!(merged.updated, later);
    journal.apply(Action::EditPerson(merged)).unwrap();
    assert!(journal
        .person(&PersonId::new(1))
        .unwrap()
        .notes
        .starts_with("Introduced by Kofi at the \"Open Data\" meetup;"));
}
