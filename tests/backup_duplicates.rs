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
        contact("Ben O.", &[], &["07700 900123"]),
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
                MatchReason::SamePhone("07700 900123".to_owned())
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

#[test]
fn the_sample_exports_find_themselves_again() {
    let iphone = import_vcard(include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/fixtures/vcard/John_Doe_IPHONE.vcf"
    )))
    .unwrap();
    let gmail = import_vcard(include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/fixtures/vcard/John_Doe_GMAIL.vcf"
    )))
    .unwrap();
    let mut journal = Journal::new();
    let now = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    let john = iphone.contacts[0]
        .clone()
        .into_person(PersonId::new(1), now);
    journal.apply(Action::AddPerson(john)).unwrap();
    let found = find_duplicates(&gmail.contacts, &journal);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].reason,
        MatchReason::SameEmail("john.doe@ibm.com".to_owned())
    );
    assert_eq!(found[0].of, DuplicateOf::Existing(PersonId::new(1)));
    // Merging the Gmail card fills nothing new but the note, and keeps the iPhone name.
    let existing = journal.person(&PersonId::new(1)).unwrap();
    let later = DateTime::from_timestamp(1_700_000_500, 0).unwrap();
    let merged = gmail.contacts[0].merge_into(existing, later);
    assert_eq!(merged.name, "Mr. John Richter James Doe Sr.");
    assert_eq!(merged.phones.len(), 7);
    assert!(merged.notes.ends_with("Favotire Color: Blue"));
    assert_eq!(merged.updated, later);
    journal.apply(Action::EditPerson(merged)).unwrap();
    assert!(journal
        .person(&PersonId::new(1))
        .unwrap()
        .notes
        .starts_with("THIS SOFTWARE"));
}
