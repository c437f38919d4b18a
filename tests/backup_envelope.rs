//! The encrypted-backup envelope: exact text, round trip, and every rule
//! with its message.
#![cfg(not(target_arch = "wasm32"))]

use rapport::backup::envelope::{EXPORT_MIN_ITERATIONS, IMPORT_MIN_ITERATIONS, MAX_ITERATIONS};
use rapport::backup::*;
use serde_json::{json, Value};

const SALT: [u8; 16] = *b"0123456789abcdef";
const NONCE: [u8; 12] = [0xFF; 12];

fn ciphertext() -> Vec<u8> {
    (0u8..40).collect()
}

fn valid() -> Value {
    serde_json::from_str(&build_envelope(600_000, &SALT, &NONCE, &ciphertext()).unwrap()).unwrap()
}

fn parse(value: &Value) -> Result<Envelope, String> {
    parse_envelope(value.to_string().as_bytes()).map_err(|e| e.to_string())
}

#[test]
fn built_envelope_is_the_documented_json_and_parses_back() {
    let text = build_envelope(600_000, &SALT, &NONCE, &ciphertext()).unwrap();
    assert_eq!(
        text,
        "{\"format\":\"rapport-encrypted-backup\",\"version\":1,\
         \"kdf\":{\"name\":\"PBKDF2\",\"hash\":\"SHA-256\",\"iterations\":600000,\"salt\":\"MDEyMzQ1Njc4OWFiY2RlZg==\"},\
         \"cipher\":{\"name\":\"AES-256-GCM\",\"nonce\":\"////////////////\"},\
         \"ciphertext\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJw==\"}\n"
    );
    let envelope = parse_envelope(text.as_bytes()).unwrap();
    assert_eq!(envelope.iterations, 600_000);
    assert_eq!(envelope.salt, SALT);
    assert_eq!(envelope.nonce, NONCE);
    assert_eq!(envelope.ciphertext, ciphertext());
    assert_eq!(detect_backup_kind(text.as_bytes()), BackupKind::Encrypted);
    assert_eq!(
        encrypted_backup_file_name(chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()),
        "rapport-backup-2026-11-25.encrypted.json"
    );
}

#[test]
fn export_needs_600000_iterations_and_well_sized_inputs() {
    assert_eq!(EXPORT_MIN_ITERATIONS, 600_000);
    let err = |iterations, salt: &[u8], nonce: &[u8], ct: &[u8]| {
        build_envelope(iterations, salt, nonce, ct)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        err(599_999, &SALT, &NONCE, &ciphertext()),
        "kdf.iterations: 599999 is too few to protect a backup (at least 600000 are needed)"
    );
    assert_eq!(
        err(10_000_001, &SALT, &NONCE, &ciphertext()),
        "kdf.iterations: 10000001 is more than Rapport accepts (10000000); the file is probably damaged"
    );
    assert_eq!(
        err(600_000, &SALT[..15], &NONCE, &ciphertext()),
        "kdf.salt: 15 bytes is not a usable salt (use 16 to 1024 bytes)"
    );
    assert_eq!(
        err(600_000, &SALT, &NONCE[..11], &ciphertext()),
        "cipher.nonce: must be exactly 12 bytes, not 11"
    );
    assert_eq!(
        err(600_000, &SALT, &NONCE, &[1; 15]),
        "ciphertext: 15 bytes is shorter than the 16-byte authentication tag; the file is damaged or truncated"
    );
}

#[test]
fn import_accepts_older_iteration_counts_but_not_absurd_ones() {
    let mut file = valid();
    file["kdf"]["iterations"] = json!(IMPORT_MIN_ITERATIONS);
    assert_eq!(parse(&file).map(|e| e.iterations), Ok(100_000));
    file["kdf"]["iterations"] = json!(99_999);
    assert_eq!(
        parse(&file),
        Err(
            "kdf.iterations: 99999 is too few to protect a backup (at least 100000 are needed)"
                .to_owned()
        )
    );
    file["kdf"]["iterations"] = json!(u64::from(MAX_ITERATIONS) + 1);
    assert_eq!(
        parse(&file),
        Err("kdf.iterations: 10000001 is more than Rapport accepts (10000000); the file is probably damaged".to_owned())
    );
    file["kdf"]["iterations"] = json!(1e12);
    assert_eq!(
        parse(&file),
        Err("kdf.iterations: 1000000000000.0 is not a whole number".to_owned())
    );
}

#[test]
fn every_field_is_checked_with_a_clear_message() {
    let with = |path: &[&str], value: Value| {
        let mut file = valid();
        let mut slot = &mut file;
        for key in &path[..path.len() - 1] {
            slot = &mut slot[*key];
        }
        match value {
            Value::Null => {
                slot.as_object_mut().unwrap().remove(path[path.len() - 1]);
            }
            value => slot[path[path.len() - 1]] = value,
        }
        parse(&file).unwrap_err()
    };
    assert_eq!(
        with(&["kdf", "name"], json!("scrypt")),
        "kdf.name: \"scrypt\" is not supported (Rapport uses \"PBKDF2\")"
    );
    assert_eq!(
        with(&["kdf", "hash"], json!("SHA-1")),
        "kdf.hash: \"SHA-1\" is not supported (Rapport uses \"SHA-256\")"
    );
    assert_eq!(
        with(&["cipher", "name"], json!("AES-128-CBC")),
        "cipher.name: \"AES-128-CBC\" is not supported (Rapport uses \"AES-256-GCM\")"
    );
    assert_eq!(with(&["kdf", "salt"], Value::Null), "kdf.salt: missing");
    assert_eq!(
        with(&["kdf", "salt"], json!("c2FsdA==")),
        "kdf.salt: 4 bytes is not a usable salt (use 16 to 1024 bytes)"
    );
    assert_eq!(
        with(&["kdf", "salt"], json!("not base64!")),
        "kdf.salt: not valid base64: character 4 (' ') is not base64"
    );
    assert_eq!(
        with(&["cipher", "nonce"], json!("AAAAAAAAAAAAAAAAAAAA")),
        "cipher.nonce: must be exactly 12 bytes, not 15"
    );
    assert_eq!(
        with(&["ciphertext"], json!(42)),
        "ciphertext: 42 is not base64 text"
    );
    assert_eq!(
        with(&["cipher"], json!([])),
        "cipher: a list is not an object"
    );
    assert_eq!(
        with(&["version"], json!(2)),
        "version: this encrypted backup is version 2, newer than this version of Rapport (1) reads. Update the app to import it."
    );
    assert_eq!(
        with(&["format"], Value::Null),
        "this is not an encrypted Rapport backup: it has no \"format\""
    );
}

#[test]
fn other_files_are_refused_plainly() {
    let err = |bytes: &[u8]| parse_envelope(bytes).unwrap_err().to_string();
    assert_eq!(
        err(br#"{"format":"rapport-backup","schema":1}"#),
        "this backup is not encrypted; import it without a password"
    );
    assert_eq!(
        err(b"{\"format\": \"rapport-encrypted-backup\", \"kdf\": {"),
        "the file ends too early (line 1, column 47); it may be truncated or incomplete"
    );
    assert_eq!(
        err(b"\x00\x01\x02binary"),
        "this is not an encrypted Rapport backup: it looks like a binary file, not text"
    );
    assert_eq!(
        err(b"[]"),
        "this is not an encrypted Rapport backup: the file does not hold a JSON object"
    );
    assert_eq!(
        detect_backup_kind(br#"{"format":"rapport-backup"}"#),
        BackupKind::Plain
    );
    assert_eq!(detect_backup_kind(b"BEGIN:VCARD"), BackupKind::Unknown);
}
