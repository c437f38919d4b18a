//! A key repeated within one object is refused wherever it is: serde_json
//! would keep the last one and silently drop the first (a second, empty
//! `"people"` list would empty the journal on "Replace"). Each repeat is
//! reported at its path with both places.
#![cfg(not(target_arch = "wasm32"))]

use chrono::{DateTime, NaiveDate, Utc};
use rapport::backup::*;
use rapport::model::*;

fn problems(text: &str) -> Vec<String> {
    match parse_backup(text.as_bytes()) {
        Ok(_) => vec!["(accepted)".to_owned()],
        Err(errors) => errors.lines(),
    }
}

#[test]
fn a_second_people_list_is_refused_not_kept() {
    let text = concat!(
        "{\"format\": \"rapport-backup\", \"schema\": 1, \"interactions\": [],  \"purposes\": [], \"people\": [\n",
        "{\"id\": \"p1\", \"name\": \"Ana\", \"created\": 0, \"updated\": 0}],\n",
        " \"people\": []}\n"
    );
    assert_eq!(
        problems(text),
        ["people: this key appears twice (line 1, column 80 and line 3, column 2)"]
    );
    // The same key spelled with an escape is the same key.
    let escaped = r#"{"format": "rapport-backup", "schema": 1, "interactions": [], "purposes": [], "people": [], "peop\u006ce": []}"#;
    assert_eq!(
        problems(escaped),
        ["people: this key appears twice (line 1, column 79 and line 1, column 93)"]
    );
}

#[test]
fn a_key_repeated_inside_a_person_is_refused() {
    let text = concat!(
        "{\"format\": \"rapport-backup\", \"schema\": 1, \"interactions\": [], \"purposes\": [], \"people\": [\n",
        "{\"id\": \"p1\", \"name\": \"Ana\", \"created\": 0, \"updated\": 0},\n",
        "{\"id\": \"p2\", \"name\": \"Ben\", \"notes\": \"a\", \"name\": \"Eve\", \"created\": 0, \"updated\": 0}\n",
        "]}\n"
    );
    assert_eq!(
        problems(text),
        ["people[1].name: this key appears twice (line 3, column 14 and line 3, column 43)"]
    );
}

#[test]
fn a_key_repeated_inside_an_interaction_is_refused() {
    let text = concat!(
        "{\"format\": \"rapport-backup\", \"schema\": 1, \"purposes\": [],\n",
        "\"people\": [{\"id\": \"p1\", \"name\": \"Ana\", \"created\": 0, \"updated\": 0}],\n",
        "\"interactions\": [\n",
        "{\"id\": \"i1\", \"date\": \"2024-01-01\", \"who\": [\"p1\"], \"kind\": \"call\", \"by\": \"me\", \"created\": 0, \"updated\": 0},\n",
        "{\"id\": \"i2\", \"date\": \"2024-01-02\", \"who\": [\"p1\"], \"kind\": \"call\", \"by\": \"me\", \"created\": 0, \"updated\": 0},\n",
        "{\"id\": \"i3\", \"date\": \"2024-01-03\", \"who\": [\"p1\"], \"kind\": \"call\", \"by\": \"me\", \"created\": 0, \"updated\": 0},\n",
        "{\"id\": \"i4\", \"date\": \"2024-01-04\", \"who\": [\"p1\"], \"kind\": \"call\", \"by\": \"me\", \"date\": \"2023-01-04\", \"created\": 0, \"updated\": 0}\n",
        "]}\n"
    );
    assert_eq!(
        problems(text),
        ["interactions[3].date: this key appears twice (line 7, column 14 and line 7, column 79)"]
    );
}

#[test]
fn every_repeat_in_a_file_is_listed_in_file_order() {
    let text = concat!(
        "{\"format\": \"rapport-backup\", \"schema\": 1, \"purposes\": [],\n",
        "\"people\": [{\"id\": \"p1\", \"name\": \"Ana\", \"created\": 0, \"updated\": 0}],\n",
        "\"interactions\": [\n",
        "{\"id\": \"i1\", \"date\": \"2024-01-01\", \"who\": [\"p1\"], \"kind\": \"call\", \"by\": \"me\", \"ex\": [{\"id\": \"x1\", \"dir\": \"gave\", \"who\": \"p1\", \"kind\": \"advice\", \"who\": \"p2\"}], \"created\": 0, \"updated\": 0}\n",
        "],\n",
        "\"settings\": {\"nudges\": {\"streak\": 4, \"streak\": 40}}}\n"
    );
    assert_eq!(
        problems(text),
        [
            "interactions[0].ex[0].who: this key appears twice (line 4, column 114 and line 4, column 145)",
            "settings.nudges.streak: this key appears twice (line 6, column 25 and line 6, column 38)",
        ]
    );
}

fn small_journal() -> Journal {
    let now = DateTime::<Utc>::from_timestamp(1_700_000_000, 0).unwrap();
    let ana = Person::new("p1".parse().unwrap(), "Ana", now);
    let call = Interaction::new(
        "i1".parse().unwrap(),
        NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
        vec![ana.id.clone()],
        InteractionKind::Call,
        Initiator::Me,
        now,
    );
    Journal::from_parts(JournalParts {
        people: vec![ana],
        interactions: vec![call],
        ..JournalParts::default()
    })
    .unwrap()
}

/// An encrypted backup holds the text of a plain backup; once decrypted, that
/// text goes through the same check, so a repeated key inside it is refused too.
#[test]
fn a_key_repeated_inside_the_decrypted_plaintext_is_refused() {
    let exported = DateTime::<Utc>::from_timestamp(1_795_000_000, 0).unwrap();
    let plaintext = export_backup(&small_journal(), exported).unwrap();
    assert!(parse_backup(plaintext.as_bytes()).is_ok());
    // One record per line: line 6 opens the people, line 12 the purposes.
    assert!(plaintext
        .lines()
        .nth(5)
        .unwrap()
        .starts_with("\"people\": ["));
    assert!(plaintext
        .lines()
        .nth(11)
        .unwrap()
        .starts_with("\"purposes\": ["));
    let tampered = plaintext.replacen("\n\"purposes\": [", "\n\"people\": [],\n\"purposes\": [", 1);
    assert_eq!(
        problems(&tampered),
        ["people: this key appears twice (line 6, column 1 and line 12, column 1)"]
    );
}

#[test]
fn a_key_repeated_in_the_envelope_is_refused() {
    let text = build_envelope(600_000, &[1; 16], &[2; 12], &[3; 20]).unwrap();
    assert!(parse_envelope(text.as_bytes()).is_ok());
    // A second ciphertext would otherwise replace the first unnoticed.
    let tampered = text.replacen(
        "\"ciphertext\":",
        "\"ciphertext\":\"AAAA\",\"ciphertext\":",
        1,
    );
    assert_eq!(
        parse_envelope(tampered.as_bytes()).map_err(|e| e.to_string()),
        Err(
            "ciphertext: this key appears twice (line 1, column 204 and line 1, column 224)"
                .to_owned()
        )
    );
    // Deeper in: the key derivation's settings.
    let tampered = text.replacen(
        "\"hash\":\"SHA-256\"",
        "\"hash\":\"SHA-256\",\"hash\":\"MD5\"",
        1,
    );
    assert_eq!(
        parse_envelope(tampered.as_bytes()).map_err(|e| e.to_string()),
        Err(
            "kdf.hash: this key appears twice (line 1, column 73 and line 1, column 90)".to_owned()
        )
    );
    // And the backup parser, which is given the file when its kind is unclear, says the same.
    assert_eq!(
        problems(&tampered),
        ["kdf.hash: this key appears twice (line 1, column 73 and line 1, column 90)"]
    );
}
