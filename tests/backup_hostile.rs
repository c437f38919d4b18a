//! Hostile inputs: every file of `tests/hostile/` through every parser, big
//! and deeply nested inputs generated here, and fuzz-style property tests
//! that feed random and mutated files to each parser. Nothing may panic.
//! Backups are imported into a real store (the storage engine over its
//! in-memory backend): a rejected file leaves the stored bytes exactly as
//! they were, and an accepted one is stored, loads back and exports again
//! without loss.
//!
//! The fuzz tests run a few hundred cases by default; set
//! `RAPPORT_FUZZ_CASES` (as `make fuzz` does) for a longer run.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use proptest::prelude::*;
use rapport::backup::*;
use rapport::model::demo::generate_with;
use rapport::model::{Action, Journal, PersonId};
use rapport::storage::{MemoryBackend, Store};

fn corpus(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/hostile")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_000_000, 0).unwrap()
}

fn journal() -> Journal {
    generate_with(42, 8, 20, NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()).unwrap()
}

fn load(backend: MemoryBackend) -> (Store<MemoryBackend>, Journal) {
    Store::load(backend, "t1").unwrap_or_else(|err| panic!("load failed: {err}"))
}

/// The demo journal saved in the in-memory backend, as a tab leaves it.
fn stored_journal() -> MemoryBackend {
    let (mut store, _) = load(MemoryBackend::default());
    store
        .replace_all(&journal())
        .unwrap_or_else(|err| panic!("save failed: {err}"));
    store.into_backend()
}

/// Imports a backup the way the backups page does: check the file, build the
/// new journal in memory, then save every record that changed. On an error
/// nothing may have been written.
fn import_into_store(
    bytes: &[u8],
    mode: Mode,
    store: &mut Store<MemoryBackend>,
    journal: &mut Journal,
) -> Result<(), String> {
    let parsed = parse_backup(bytes).map_err(|errors| errors.lines().join(" | "))?;
    let mut after = apply_import(journal, parsed, mode).map_err(|err| err.to_string())?;
    store.stage_replacement(journal, &after);
    store.retry(&mut after).map_err(|err| err.to_string())?;
    *journal = after;
    Ok(())
}

/// Imports `bytes` into a copy of `stored` and checks what must hold for
/// any file. Rejected: every stored byte and the journal in memory are as they
/// were. Accepted: the store loads back the imported journal, which exports
/// and reads back the same. Returns the number of people imported, or why not.
fn import_checked(bytes: &[u8], mode: Mode, stored: &MemoryBackend) -> Result<usize, String> {
    let (mut store, mut journal) = load(stored.clone());
    let bytes_before = store.backend().snapshot();
    let journal_before = journal.clone();
    if let Err(why) = import_into_store(bytes, mode, &mut store, &mut journal) {
        assert_eq!(
            store.backend().snapshot(),
            bytes_before,
            "a rejected file ({mode:?}: {why}) changed the stored bytes"
        );
        assert_eq!(
            journal, journal_before,
            "a rejected file changed the journal"
        );
        return Err(why);
    }
    let (_, reloaded) = load(store.into_backend());
    assert_eq!(
        reloaded, journal,
        "{mode:?}: the store loads back the import"
    );
    let exported = export_backup(&journal, now())
        .unwrap_or_else(|err| panic!("{mode:?}: the import does not export: {err}"));
    let again = parse_backup(exported.as_bytes())
        .unwrap_or_else(|err| panic!("{mode:?}: its export does not read back: {err}"));
    assert_eq!(again.into_journal(), journal, "{mode:?}: export round trip");
    Ok(journal.person_count())
}

/// What importing `bytes` into the stored demo journal gives, with
/// [`import_checked`]'s checks: the first line of the error, or a short
/// summary of what was read.
fn backup_outcome(bytes: &[u8], stored: &MemoryBackend) -> String {
    let merged = import_checked(bytes, Mode::Merge, stored);
    let replaced = import_checked(bytes, Mode::Replace, stored);
    match parse_backup(bytes) {
        Ok(parsed) => {
            assert_eq!(merged.is_ok(), replaced.is_ok());
            let preview = preview(&parsed, &load(stored.clone()).1);
            format!(
                "ok: {} new people, replace gives {:?}",
                preview.people.new,
                replaced.ok()
            )
        }
        Err(errors) => {
            let rejected = errors.lines().join(" | ");
            assert_eq!(merged, Err(rejected.clone()));
            assert_eq!(replaced, Err(rejected.clone()));
            rejected
        }
    }
}

fn envelope_outcome(bytes: &[u8]) -> String {
    match parse_envelope(bytes) {
        Ok(envelope) => format!("ok: {} bytes", envelope.ciphertext.len()),
        Err(err) => err.to_string(),
    }
}

fn contacts_outcome(result: Result<ContactImport, ContactFileError>) -> String {
    match result {
        Ok(import) => format!(
            "ok: {} contacts, {} problems{}",
            import.contacts.len(),
            import.problems.len(),
            import
                .problems
                .first()
                .map(|p| format!(" ({p})"))
                .unwrap_or_default()
        ),
        Err(err) => err.to_string(),
    }
}

fn csv_outcome(bytes: &[u8]) -> String {
    match sniff_csv(bytes) {
        Ok(preview) => {
            let mapping = ColumnMapping {
                name: Some(0),
                ..ColumnMapping::default()
            };
            format!(
                "ok: {} columns; {}",
                preview.headers.len(),
                contacts_outcome(import_csv(bytes, &mapping))
            )
        }
        Err(err) => err.to_string(),
    }
}

/// What each parser makes of one file: backup, envelope, vCard, LinkedIn, generic CSV.
fn outcomes(bytes: &[u8], stored: &MemoryBackend) -> [String; 5] {
    [
        backup_outcome(bytes, stored),
        envelope_outcome(bytes),
        contacts_outcome(import_vcard(bytes)),
        contacts_outcome(import_linkedin(bytes)),
        csv_outcome(bytes),
    ]
}

const NOT_VCARD: &str = "this is not a vCard file: it has no BEGIN:VCARD line";
const NOT_LINKEDIN: &str =
    "this is not a LinkedIn connections file: no row has the columns \"First Name\" and \"Last Name\"";
const UTF16: &str =
    "this file is not UTF-8 text; it looks like UTF-16. Save it as UTF-8 and try again";

#[test]
fn every_corpus_file_through_every_parser() {
    let expectations: [(&str, [&str; 5]); 18] = [
        ("empty.txt", ["this file is empty"; 5]),
        (
            "binary.bin",
            [
                "this is not a Rapport backup: it looks like a binary file, not text",
                "this is not an encrypted Rapport backup: it looks like a binary file, not text",
                "this is not a vCard file: it looks like a binary file, not text",
                "this is not a LinkedIn connections file: it looks like a binary file, not text",
                "this is not a CSV file: it looks like a binary file, not text",
            ],
        ),
        ("utf16.vcf", [UTF16; 5]),
        ("utf16.csv", [UTF16; 5]),
        (
            "truncated-backup.json",
            [
                "the file ends too early (line 11, column 56); it may be truncated or incomplete",
                "the file ends too early (line 11, column 56); it may be truncated or incomplete",
                NOT_VCARD,
                NOT_LINKEDIN,
                "ok: 2 columns; ok: 9 contacts, 0 problems",
            ],
        ),
        (
            "duplicate-ids.json",
            [
                "people[1].id: duplicates people[0].id | people[2].met.via: \"pghost\" is not anyone in this file | interactions[0].who[1]: \"p123\" is not anyone in this file | interactions[0].ex[0].who: \"p123\" is not anyone in this file | interactions[1].id: duplicates interactions[0].id | interactions[1].purpose: \"gone\" is not a purpose in this file",
                "this backup is not encrypted; import it without a password",
                NOT_VCARD,
                NOT_LINKEDIN,
                "ok: 2 columns; ok: 17 contacts, 0 problems",
            ],
        ),
        (
            "invalid-dates.json",
            [
                "interactions[0].date: \"2024-02-30\" is not a date | interactions[1].date: \"12/03/2024\" is not a date | interactions[1].ex[0].settled[0].date: \"2024-13-01\" is not a date | interactions[1].time: \"25:61\" is not a time of day (use HH:MM) | interactions[1].updated: \"yesterday\" is not a time (milliseconds since 1970)",
                "this backup is not encrypted; import it without a password",
                NOT_VCARD,
                NOT_LINKEDIN,
                "ok: 2 columns; ok: 16 contacts, 0 problems",
            ],
        ),
        (
            "future-schema.json",
            [
                "schema: this backup is format 7, newer than this version of Rapport (1) reads. Update the app to import it.",
                "this backup is not encrypted; import it without a password",
                NOT_VCARD,
                NOT_LINKEDIN,
                "ok: 2 columns; ok: 13 contacts, 0 problems",
            ],
        ),
        (
            "html-names.json",
            [
                "ok: 4 new people, replace gives Some(4)",
                "this backup is not encrypted; import it without a password",
                NOT_VCARD,
                NOT_LINKEDIN,
                "ok: 2 columns; ok: 15 contacts, 0 problems",
            ],
        ),
        (
            "html-names.vcf",
            [
                "this is not valid JSON: expected value (line 1, column 1)",
                "this is not valid JSON: expected value (line 1, column 1)",
                "ok: 4 contacts, 0 problems",
                NOT_LINKEDIN,
                "ok: 1 columns; ok: 23 contacts, 0 problems",
            ],
        ),
        (
            "html-names.csv",
            [
                "this is not valid JSON: expected value (line 1, column 1)",
                "this is not valid JSON: expected value (line 1, column 1)",
                NOT_VCARD,
                NOT_LINKEDIN,
                "ok: 3 columns; ok: 4 contacts, 0 problems",
            ],
        ),
        (
            "truncated.vcf",
            [
                "this is not valid JSON: expected value (line 1, column 1)",
                "this is not valid JSON: expected value (line 1, column 1)",
                "ok: 1 contacts, 1 problems (card 2 (line 6): it has no END:VCARD line; the file may be truncated; skipped)",
                NOT_LINKEDIN,
                "ok: 1 columns; ok: 7 contacts, 0 problems",
            ],
        ),
        (
            "not-a-backup.json",
            [
                "this is not a Rapport backup (the file holds a list, not an object)",
                "this is not an encrypted Rapport backup: the file does not hold a JSON object",
                NOT_VCARD,
                NOT_LINKEDIN,
                "ok: 2 columns; ok: 0 contacts, 0 problems",
            ],
        ),
        (
            "bad-envelope.json",
            [
                "this backup is encrypted: open it with its password to import it",
                "kdf.iterations: 1000 is too few to protect a backup (at least 100000 are needed)",
                NOT_VCARD,
                NOT_LINKEDIN,
                "ok: 9 columns; ok: 0 contacts, 0 problems",
            ],
        ),
        (
            "truncated-envelope.json",
            [
                "the file ends too early (line 1, column 137); it may be truncated or incomplete",
                "the file ends too early (line 1, column 137); it may be truncated or incomplete",
                NOT_VCARD,
                NOT_LINKEDIN,
                "ok: 6 columns; ok: 0 contacts, 0 problems",
            ],
        ),
        // The first list of people would be lost: serde_json keeps the last of two keys.
        (
            "repeated-people.json",
            [
                "people: this key appears twice (line 1, column 80 and line 3, column 2)",
                "people: this key appears twice (line 1, column 80 and line 3, column 2)",
                NOT_VCARD,
                NOT_LINKEDIN,
                "ok: 5 columns; ok: 2 contacts, 0 problems",
            ],
        ),
        (
            "repeated-envelope-key.json",
            [
                "kdf.salt: this key appears twice (line 1, column 110 and line 1, column 144)",
                "kdf.salt: this key appears twice (line 1, column 110 and line 1, column 144)",
                NOT_VCARD,
                NOT_LINKEDIN,
                "ok: 10 columns; ok: 0 contacts, 0 problems",
            ],
        ),
        (
            "README.md",
            [
                "this is not valid JSON: expected value (line 1, column 1)",
                "this is not valid JSON: expected value (line 1, column 1)",
                NOT_VCARD,
                NOT_LINKEDIN,
                "ok: 1 columns; ok: 4 contacts, 0 problems",
            ],
        ),
    ];
    let mut names: Vec<String> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile"))
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
    names.sort();
    let mut listed: Vec<String> = expectations
        .iter()
        .map(|(name, _)| name.to_string())
        .collect();
    listed.sort();
    assert_eq!(names, listed, "every corpus file has expectations");
    let stored = stored_journal();
    let mut mismatches = Vec::new();
    for (name, expected) in expectations {
        let got = outcomes(&corpus(name), &stored);
        for (parser, (got, expected)) in ["backup", "envelope", "vcard", "linkedin", "csv"]
            .iter()
            .zip(got.iter().zip(expected))
        {
            if got != expected {
                mismatches.push(format!(
                    "{name} / {parser}:\n  got      {got}\n  expected {expected}"
                ));
            }
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn html_payloads_import_as_literal_text() {
    let payloads = [
        "<script>alert('pwned')</script>",
        "<img src=x onerror=\"alert(1)\">",
        "\"><svg/onload=alert(2)>",
        "Ana & <b>Bold</b> &amp; &lt;",
    ];
    let parsed = parse_backup(&corpus("html-names.json")).unwrap();
    let journal = apply_import(&Journal::new(), parsed, Mode::Replace).unwrap();
    let names: Vec<&str> = journal.people().map(|p| p.name.as_str()).collect();
    assert_eq!(names, payloads);
    assert!(journal
        .people()
        .all(|p| p.org.as_deref() == Some(p.name.as_str())
            && p.notes == p.name
            && p.tags == [p.name.clone()]));
    let vcard = import_vcard(&corpus("html-names.vcf")).unwrap();
    assert_eq!(
        vcard
            .contacts
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>(),
        payloads
    );
    assert!(vcard
        .contacts
        .iter()
        .all(|c| c.org.as_deref() == Some(c.name.as_str()) && c.notes == c.name));
    let csv = import_csv(
        &corpus("html-names.csv"),
        &ColumnMapping {
            name: Some(0),
            org: Some(1),
            notes: Some(2),
            ..ColumnMapping::default()
        },
    )
    .unwrap();
    assert_eq!(
        csv.contacts
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>(),
        payloads
    );
}

#[test]
fn ten_megabyte_strings_are_handled() {
    let big = "é".repeat(5 * 1024 * 1024);
    let backup = format!(
        "{{\"format\":\"rapport-backup\",\"schema\":1,\"people\":[{{\"id\":\"p1\",\"name\":\"{big}\",\"created\":0,\"updated\":0}}],\"interactions\":[],\"purposes\":[]}}"
    );
    let parsed = parse_backup(backup.as_bytes()).unwrap();
    assert_eq!(
        parsed.records().people.first().map(|p| p.name.len()),
        Some(10 * 1024 * 1024)
    );
    let bad_date = format!("{{\"format\":\"rapport-backup\",\"schema\":1,\"people\":[],\"interactions\":[{{\"date\":\"{big}\"}}],\"purposes\":[]}}");
    let message = parse_backup(bad_date.as_bytes()).unwrap_err().to_string();
    assert!(message.starts_with(&format!(
        "interactions[0].date: \"{}\"… is not a date\ninteractions[0].id: missing",
        "é".repeat(60)
    )));
    assert!(message.len() < 1000);

    let vcard = format!("BEGIN:VCARD\r\nFN:Ana\r\nNOTE:{big}\r\nEND:VCARD\r\n");
    assert_eq!(
        import_vcard(vcard.as_bytes()).unwrap().contacts[0]
            .notes
            .len(),
        big.len()
    );
    let no_lines = format!("BEGIN:VCARD{big}");
    assert_eq!(
        import_vcard(no_lines.as_bytes()).unwrap_err().to_string(),
        NOT_VCARD
    );

    let csv = format!("Name,Notes\r\nAna,\"{big}\"\r\n");
    let result = import_csv(
        csv.as_bytes(),
        &ColumnMapping {
            name: Some(0),
            notes: Some(1),
            ..ColumnMapping::default()
        },
    )
    .unwrap();
    assert_eq!(result.contacts[0].notes.len(), big.len());
    let unclosed = format!("Name\r\n\"{big}");
    assert_eq!(
        import_csv(
            unclosed.as_bytes(),
            &ColumnMapping {
                name: Some(0),
                ..ColumnMapping::default()
            }
        )
        .unwrap()
        .contacts
        .len(),
        0
    );

    let ciphertext = vec![7u8; 7 * 1024 * 1024];
    let envelope = build_envelope(600_000, &[1; 16], &[2; 12], &ciphertext).unwrap();
    assert!(envelope.len() > 9 * 1024 * 1024);
    assert_eq!(
        parse_envelope(envelope.as_bytes())
            .unwrap()
            .ciphertext
            .len(),
        ciphertext.len()
    );
}

#[test]
fn deep_nesting_and_oversized_files_are_refused_before_parsing() {
    let deep = format!(
        "{{\"format\":\"rapport-backup\",\"schema\":1,\"people\":[{{\"id\":\"p1\",\"name\":{}1{}}}]}}",
        "[".repeat(1_000_000),
        "]".repeat(1_000_000)
    );
    let expected = "this file nests brackets more than 127 levels deep (line 1, column 191); it is not a Rapport backup";
    assert_eq!(
        parse_backup(deep.as_bytes()).unwrap_err().to_string(),
        expected
    );
    assert_eq!(
        parse_envelope(deep.as_bytes()).unwrap_err().to_string(),
        expected
    );
    let objects = "{\"a\":".repeat(200_000);
    assert!(parse_backup(objects.as_bytes())
        .unwrap_err()
        .to_string()
        .starts_with("this file nests brackets more than 127 levels deep"));

    let mut huge = vec![b'a'; MAX_IMPORT_BYTES + 1];
    huge[..11].copy_from_slice(b"BEGIN:VCARD");
    let too_big = "this file is 25.0 MB; Rapport imports files of up to 25 MB";
    assert_eq!(parse_backup(&huge).unwrap_err().to_string(), too_big);
    assert_eq!(parse_envelope(&huge).unwrap_err().to_string(), too_big);
    assert_eq!(import_vcard(&huge).unwrap_err().to_string(), too_big);
    assert_eq!(import_linkedin(&huge).unwrap_err().to_string(), too_big);
    assert_eq!(sniff_csv(&huge).unwrap_err().to_string(), too_big);
}

fn fuzz_cases() -> u32 {
    std::env::var("RAPPORT_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300)
}

/// Pieces that make random input look like each format, so fuzzing gets past the first byte.
fn tokens() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("BEGIN:VCARD\r\n".to_owned()),
        Just("END:VCARD\r\n".to_owned()),
        Just("VERSION:2.1\r\n".to_owned()),
        Just("FN:".to_owned()),
        Just("N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:".to_owned()),
        Just("BDAY:".to_owned()),
        Just("=C3=91=\r\n".to_owned()),
        Just("item1.EMAIL;type=\"a,b\":".to_owned()),
        Just("\r\n ".to_owned()),
        Just("\\".to_owned()),
        Just(";".to_owned()),
        Just(",".to_owned()),
        Just("\"".to_owned()),
        Just("\r".to_owned()),
        Just("\n".to_owned()),
        Just("{\"format\":\"rapport-backup\",\"schema\":1,".to_owned()),
        Just("\"people\":[{\"id\":\"p1\",\"name\":\"A\",\"created\":0,\"updated\":0}],".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just("First Name,Last Name,Connected On\r\n".to_owned()),
        Just("7-Feb-22".to_owned()),
        Just("--0229".to_owned()),
        Just("--aé1".to_owned()),
        Just("19é5-04-1".to_owned()),
        Just("é".to_owned()),
        "[^\u{0}]{0,8}",
    ];
    proptest::collection::vec(pieces, 0..40).prop_map(|parts| parts.concat())
}

/// A mutation of a valid file: replace, insert or delete a byte, or truncate.
fn mutate(base: &[u8], edits: &[(usize, u8, u8)], cut: Option<usize>) -> Vec<u8> {
    let mut bytes = base.to_vec();
    for &(at, kind, byte) in edits {
        if bytes.is_empty() {
            bytes.push(byte);
            continue;
        }
        let at = at % bytes.len();
        match kind % 3 {
            0 => bytes[at] = byte,
            1 => bytes.insert(at, byte),
            _ => {
                bytes.remove(at);
            }
        }
    }
    if let Some(cut) = cut {
        bytes.truncate(cut % (bytes.len() + 1));
    }
    bytes
}

fn valid_backup() -> Vec<u8> {
    export_backup(&journal(), now()).unwrap().into_bytes()
}

fn valid_envelope() -> Vec<u8> {
    build_envelope(600_000, &[3; 16], &[4; 12], &[5; 64])
        .unwrap()
        .into_bytes()
}

fn mapping_strategy() -> impl Strategy<Value = ColumnMapping> {
    let column = || proptest::option::of(0usize..12);
    (
        column(),
        column(),
        column(),
        column(),
        proptest::collection::vec(0usize..12, 0..3),
        column(),
        column(),
    )
        .prop_map(
            |(name, first_name, last_name, org, emails, tags, met_date)| ColumnMapping {
                name,
                first_name,
                last_name,
                org,
                emails,
                tags,
                met_date,
                ..ColumnMapping::default()
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: fuzz_cases(), max_shrink_iters: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_backup_is_refused_untouched_or_stored_and_read_back(
        random in proptest::collection::vec(any::<u8>(), 0..400),
        text in tokens(),
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 0..6),
        cut in proptest::option::of(any::<usize>()),
    ) {
        let stored = stored_journal();
        for bytes in [random, text.into_bytes(), mutate(&valid_backup(), &edits, cut)] {
            // Asserts the store is untouched or the import round-trips.
            backup_outcome(&bytes, &stored);
            let _ = detect_backup_kind(&bytes);
        }
    }

    #[test]
    fn envelope_parser_never_panics(
        random in proptest::collection::vec(any::<u8>(), 0..400),
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 0..6),
        cut in proptest::option::of(any::<usize>()),
    ) {
        for bytes in [random, mutate(&valid_envelope(), &edits, cut)] {
            if let Ok(envelope) = parse_envelope(&bytes) {
                // Whatever is accepted obeys the import rules and builds again.
                prop_assert!(envelope.iterations >= 100_000 && envelope.iterations <= 10_000_000);
                prop_assert!(envelope.salt.len() >= 16);
                prop_assert!(envelope.ciphertext.len() >= 16);
            }
        }
    }

    #[test]
    fn vcard_parser_never_panics(
        text in tokens(),
        random in proptest::collection::vec(any::<u8>(), 0..400),
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 0..8),
        cut in proptest::option::of(any::<usize>()),
    ) {
        let fixture = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/contacts/outlook-2007.vcf"));
        let stored = stored_journal();
        for bytes in [text.into_bytes(), random, mutate(fixture, &edits, cut)] {
            if let Ok(import) = import_vcard(&bytes) {
                prop_assert!(import.contacts.iter().all(|c| !c.name.trim().is_empty()));
                // Every contact read becomes a person, saved and loaded back.
                let (mut store, mut journal) = load(stored.clone());
                let _ = find_duplicates(&import.contacts, &journal);
                for (n, contact) in import.contacts.into_iter().enumerate() {
                    let person = contact.into_person(PersonId::new(u64::MAX - n as u64), now());
                    let applied = journal
                        .apply(Action::AddPerson(person))
                        .map_err(|err| TestCaseError::fail(err.to_string()))?;
                    store
                        .save(&mut journal, &applied)
                        .map_err(|err| TestCaseError::fail(err.to_string()))?;
                }
                prop_assert_eq!(load(store.into_backend()).1, journal);
            }
        }
    }

    #[test]
    fn csv_parsers_never_panic(
        text in tokens(),
        random in proptest::collection::vec(any::<u8>(), 0..400),
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 0..8),
        cut in proptest::option::of(any::<usize>()),
        mapping in mapping_strategy(),
    ) {
        let fixture = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/contacts/linkedin-connections.csv"));
        for bytes in [text.into_bytes(), random, mutate(fixture, &edits, cut)] {
            let _ = sniff_csv(&bytes);
            if let Ok(import) = import_csv(&bytes, &mapping) {
                prop_assert!(import.contacts.iter().all(|c| !c.name.trim().is_empty()));
            }
            if let Ok(import) = import_linkedin(&bytes) {
                prop_assert!(import.contacts.iter().all(|c| !c.name.trim().is_empty()));
            }
        }
    }

    #[test]
    fn any_property_value_is_read_without_panicking(
        properties in proptest::collection::vec(
            ("(item1\\.)?(FN|N|ORG|TITLE|ROLE|BDAY|TEL|EMAIL|URL|NOTE|CATEGORIES|NICKNAME)(;[A-Za-z=\",-]{0,12}){0,2}", "[^\\p{Cc}]{0,16}"),
            0..10,
        ),
        cells in proptest::collection::vec("[^\\p{Cc},\"]{0,14}", 4),
    ) {
        let mut card = String::from("BEGIN:VCARD\r\nVERSION:3.0\r\n");
        for (name, value) in &properties {
            card.push_str(&format!("{name}:{value}\r\n"));
        }
        card.push_str("END:VCARD\r\n");
        let import = import_vcard(card.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(import.contacts.len() + import.problems.iter().filter(|p| p.skipped).count(), 1);
        // Every cell of a row, in every column role, including the date column.
        let csv = format!("Name,Email,Tags,Met\r\n{}\r\n", cells.join(","));
        let mapping = ColumnMapping { name: Some(0), emails: vec![1], phones: vec![2], tags: Some(2), met_date: Some(3), ..ColumnMapping::default() };
        prop_assert!(import_csv(csv.as_bytes(), &mapping).is_ok());
        let mapping = ColumnMapping { name: Some(3), met_date: Some(0), notes: Some(1), org: Some(2), ..ColumnMapping::default() };
        prop_assert!(import_csv(csv.as_bytes(), &mapping).is_ok());
    }
}
