//! The encrypted backup: a self-describing JSON envelope around an AES-GCM
//! ciphertext. Encryption and decryption run in the browser (WebCrypto); this
//! module only builds and checks the envelope.
//!
//! ```json
//! {"format":"rapport-encrypted-backup","version":1,
//!  "kdf":{"name":"PBKDF2","hash":"SHA-256","iterations":600000,"salt":"<base64>"},
//!  "cipher":{"name":"AES-256-GCM","nonce":"<base64 of 12 bytes>"},
//!  "ciphertext":"<base64>"}
//! ```
//!
//! The key is PBKDF2-HMAC-SHA-256 of the password (UTF-8) with `salt` and
//! `iterations`, 256 bits long. The plaintext is the UTF-8 text of a plain
//! backup (`rapport-backup-….json`); the ciphertext ends with the 16-byte GCM
//! tag, as WebCrypto returns it. No additional authenticated data is used.

use std::fmt;

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::base64;
use super::json::{parse_json, show, BACKUP_FORMAT};
use super::text::{decode_utf8, TextError};

/// The value of the `"format"` key of an encrypted backup.
pub const ENVELOPE_FORMAT: &str = "rapport-encrypted-backup";
/// The envelope version written by this build.
pub const ENVELOPE_VERSION: u32 = 1;
/// Fewest PBKDF2 iterations written on export (OWASP's 2023 advice for PBKDF2-HMAC-SHA-256).
pub const EXPORT_MIN_ITERATIONS: u32 = 600_000;
/// Fewest PBKDF2 iterations accepted on import (older or hand-made files).
pub const IMPORT_MIN_ITERATIONS: u32 = 100_000;
/// Most PBKDF2 iterations accepted: more would freeze the browser for minutes.
pub const MAX_ITERATIONS: u32 = 10_000_000;
/// Shortest salt accepted.
pub const MIN_SALT_BYTES: usize = 16;
/// Longest salt accepted (a guard against absurd files).
pub const MAX_SALT_BYTES: usize = 1024;
/// AES-GCM nonce length.
pub const NONCE_BYTES: usize = 12;
/// AES-GCM authentication tag length, the least a ciphertext can be.
pub const TAG_BYTES: usize = 16;

/// A checked envelope, ready for WebCrypto.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    /// PBKDF2 iterations.
    pub iterations: u32,
    /// PBKDF2 salt.
    pub salt: Vec<u8>,
    /// AES-GCM nonce (IV).
    pub nonce: [u8; NONCE_BYTES],
    /// AES-GCM output: the encrypted backup followed by the tag.
    pub ciphertext: Vec<u8>,
}

/// Why an envelope could not be built or read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnvelopeError {
    /// The file is not text, too large, or empty.
    Text(TextError),
    /// Not JSON, or JSON with a key repeated in one object (the message has line and column).
    NotJson(String),
    /// JSON, but not an encrypted Rapport backup.
    NotEnvelope(String),
    /// A plain backup was given where an encrypted one was expected.
    NotEncrypted,
    /// Written by a newer Rapport.
    NewerVersion(u64),
    /// A required key is missing or has the wrong type.
    Field {
        /// The key's path, e.g. `kdf.salt`.
        field: &'static str,
        /// What is wrong with it.
        problem: String,
    },
    /// A key derivation or cipher other than the one Rapport uses.
    Unsupported {
        /// The key's path, e.g. `kdf.hash`.
        field: &'static str,
        /// What the file says.
        found: String,
        /// What Rapport uses.
        expected: &'static str,
    },
    /// Fewer iterations than allowed.
    TooFewIterations {
        /// The file's count.
        found: u64,
        /// The least accepted.
        minimum: u32,
    },
    /// More iterations than allowed.
    TooManyIterations {
        /// The file's count.
        found: u64,
    },
    /// The salt is too short or too long.
    SaltLength(usize),
    /// The nonce is not 12 bytes.
    NonceLength(usize),
    /// The ciphertext is shorter than the authentication tag.
    CiphertextTooShort(usize),
}

impl fmt::Display for EnvelopeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use EnvelopeError::*;
        match self {
            Text(err) => err.fmt(f),
            NotJson(message) => f.write_str(message),
            NotEnvelope(why) => write!(f, "this is not an encrypted Rapport backup: {why}"),
            NotEncrypted => write!(f, "this backup is not encrypted; import it without a password"),
            NewerVersion(v) => write!(
                f,
                "version: this encrypted backup is version {v}, newer than this version of Rapport ({ENVELOPE_VERSION}) reads. Update the app to import it."
            ),
            Field { field, problem } => write!(f, "{field}: {problem}"),
            Unsupported { field, found, expected } => write!(
                f,
                "{field}: {found} is not supported (Rapport uses \"{expected}\")"
            ),
            TooFewIterations { found, minimum } => write!(
                f,
                "kdf.iterations: {found} is too few to protect a backup (at least {minimum} are needed)"
            ),
            TooManyIterations { found } => write!(
                f,
                "kdf.iterations: {found} is more than Rapport accepts ({MAX_ITERATIONS}); the file is probably damaged"
            ),
            SaltLength(n) => write!(
                f,
                "kdf.salt: {n} bytes is not a usable salt (use {MIN_SALT_BYTES} to {MAX_SALT_BYTES} bytes)"
            ),
            NonceLength(n) => write!(f, "cipher.nonce: must be exactly {NONCE_BYTES} bytes, not {n}"),
            CiphertextTooShort(n) => write!(
                f,
                "ciphertext: {n} bytes is shorter than the {TAG_BYTES}-byte authentication tag; the file is damaged or truncated"
            ),
        }
    }
}

impl std::error::Error for EnvelopeError {}

/// The suggested file name of an encrypted backup made on `date`.
pub fn encrypted_backup_file_name(date: NaiveDate) -> String {
    format!("rapport-backup-{}.encrypted.json", date)
}

impl Envelope {
    /// An envelope for export; requires at least [`EXPORT_MIN_ITERATIONS`].
    pub fn new(
        iterations: u32,
        salt: &[u8],
        nonce: &[u8],
        ciphertext: &[u8],
    ) -> Result<Self, EnvelopeError> {
        check_iterations(u64::from(iterations), EXPORT_MIN_ITERATIONS)?;
        Self::checked(iterations, salt.to_vec(), nonce, ciphertext.to_vec())
    }

    fn checked(
        iterations: u32,
        salt: Vec<u8>,
        nonce: &[u8],
        ciphertext: Vec<u8>,
    ) -> Result<Self, EnvelopeError> {
        if !(MIN_SALT_BYTES..=MAX_SALT_BYTES).contains(&salt.len()) {
            return Err(EnvelopeError::SaltLength(salt.len()));
        }
        let nonce: [u8; NONCE_BYTES] = nonce
            .try_into()
            .map_err(|_| EnvelopeError::NonceLength(nonce.len()))?;
        if ciphertext.len() < TAG_BYTES {
            return Err(EnvelopeError::CiphertextTooShort(ciphertext.len()));
        }
        Ok(Self {
            iterations,
            salt,
            nonce,
            ciphertext,
        })
    }

    /// The envelope as JSON text, keys in the documented order.
    pub fn to_json(&self) -> String {
        format!(
            "{{\"format\":\"{ENVELOPE_FORMAT}\",\"version\":{ENVELOPE_VERSION},\
             \"kdf\":{{\"name\":\"PBKDF2\",\"hash\":\"SHA-256\",\"iterations\":{},\"salt\":\"{}\"}},\
             \"cipher\":{{\"name\":\"AES-256-GCM\",\"nonce\":\"{}\"}},\
             \"ciphertext\":\"{}\"}}\n",
            self.iterations,
            base64::encode(&self.salt),
            base64::encode(&self.nonce),
            base64::encode(&self.ciphertext)
        )
    }
}

/// Builds the text of an encrypted backup from WebCrypto's outputs.
pub fn build_envelope(
    iterations: u32,
    salt: &[u8],
    nonce: &[u8],
    ciphertext: &[u8],
) -> Result<String, EnvelopeError> {
    Envelope::new(iterations, salt, nonce, ciphertext).map(|e| e.to_json())
}

fn check_iterations(found: u64, minimum: u32) -> Result<u32, EnvelopeError> {
    if found < u64::from(minimum) {
        Err(EnvelopeError::TooFewIterations { found, minimum })
    } else if found > u64::from(MAX_ITERATIONS) {
        Err(EnvelopeError::TooManyIterations { found })
    } else {
        Ok(found as u32)
    }
}

/// Reads and checks an encrypted backup file.
pub fn parse_envelope(bytes: &[u8]) -> Result<Envelope, EnvelopeError> {
    let text = decode_utf8(bytes, "an encrypted Rapport backup").map_err(EnvelopeError::Text)?;
    let root =
        parse_json(text).map_err(|errors| EnvelopeError::NotJson(errors.lines().join("; ")))?;
    let Some(root) = root.as_object() else {
        return Err(EnvelopeError::NotEnvelope(
            "the file does not hold a JSON object".to_owned(),
        ));
    };
    match root.get("format").and_then(Value::as_str) {
        Some(ENVELOPE_FORMAT) => {}
        Some(BACKUP_FORMAT) => return Err(EnvelopeError::NotEncrypted),
        Some(other) => {
            return Err(EnvelopeError::NotEnvelope(format!(
                "its format is {}",
                show(&Value::String(other.to_owned()))
            )))
        }
        None => {
            return Err(EnvelopeError::NotEnvelope(
                "it has no \"format\"".to_owned(),
            ))
        }
    }
    let version = number(root, "version", "version")?;
    if version > u64::from(ENVELOPE_VERSION) {
        return Err(EnvelopeError::NewerVersion(version));
    }
    if version < 1 {
        return Err(field_error(
            "version",
            format!("{version} is not an envelope version"),
        ));
    }
    let kdf = object(root, "kdf", "kdf")?;
    expect_name(kdf, "name", "kdf.name", "PBKDF2")?;
    expect_name(kdf, "hash", "kdf.hash", "SHA-256")?;
    let iterations = check_iterations(
        number(kdf, "iterations", "kdf.iterations")?,
        IMPORT_MIN_ITERATIONS,
    )?;
    let salt = bytes_of(kdf, "salt", "kdf.salt")?;
    let cipher = object(root, "cipher", "cipher")?;
    expect_name(cipher, "name", "cipher.name", "AES-256-GCM")?;
    let nonce = bytes_of(cipher, "nonce", "cipher.nonce")?;
    let ciphertext = bytes_of(root, "ciphertext", "ciphertext")?;
    Envelope::checked(iterations, salt, &nonce, ciphertext)
}

fn field_error(field: &'static str, problem: impl Into<String>) -> EnvelopeError {
    EnvelopeError::Field {
        field,
        problem: problem.into(),
    }
}

fn get<'a>(
    map: &'a Map<String, Value>,
    key: &str,
    field: &'static str,
) -> Result<&'a Value, EnvelopeError> {
    map.get(key).ok_or_else(|| field_error(field, "missing"))
}

fn object<'a>(
    map: &'a Map<String, Value>,
    key: &str,
    field: &'static str,
) -> Result<&'a Map<String, Value>, EnvelopeError> {
    let value = get(map, key, field)?;
    value
        .as_object()
        .ok_or_else(|| field_error(field, format!("{} is not an object", show(value))))
}

fn number(map: &Map<String, Value>, key: &str, field: &'static str) -> Result<u64, EnvelopeError> {
    let value = get(map, key, field)?;
    value
        .as_u64()
        .ok_or_else(|| field_error(field, format!("{} is not a whole number", show(value))))
}

fn expect_name(
    map: &Map<String, Value>,
    key: &str,
    field: &'static str,
    expected: &'static str,
) -> Result<(), EnvelopeError> {
    let value = get(map, key, field)?;
    match value.as_str() {
        Some(name) if name == expected => Ok(()),
        _ => Err(EnvelopeError::Unsupported {
            field,
            found: show(value),
            expected,
        }),
    }
}

fn bytes_of(
    map: &Map<String, Value>,
    key: &str,
    field: &'static str,
) -> Result<Vec<u8>, EnvelopeError> {
    let value = get(map, key, field)?;
    let text = value
        .as_str()
        .ok_or_else(|| field_error(field, format!("{} is not base64 text", show(value))))?;
    base64::decode(text).map_err(|err| field_error(field, format!("not valid base64: {err}")))
}

/// What a chosen file holds, so the UI knows whether to ask for a password.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BackupKind {
    /// A plain backup: give it to [`parse_backup`](super::json::parse_backup).
    Plain,
    /// An encrypted backup: ask for the password, decrypt, then parse the plaintext.
    Encrypted,
    /// Neither (parse it anyway to get a precise message).
    Unknown,
}

/// Looks at the `"format"` key without checking the rest.
pub fn detect_backup_kind(bytes: &[u8]) -> BackupKind {
    let Ok(text) = decode_utf8(bytes, "a Rapport backup") else {
        return BackupKind::Unknown;
    };
    /// Only the format is read; serde skips the rest without building it.
    #[derive(serde::Deserialize)]
    struct FormatOnly {
        #[serde(default)]
        format: Option<Value>,
    }
    match serde_json::from_str::<FormatOnly>(text) {
        Ok(FormatOnly { format }) => match format.as_ref().and_then(Value::as_str) {
            Some(ENVELOPE_FORMAT) => BackupKind::Encrypted,
            Some(BACKUP_FORMAT) => BackupKind::Plain,
            _ => BackupKind::Unknown,
        },
        Err(_) => BackupKind::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Envelope {
        Envelope::new(600_000, &[7; 16], &[1; 12], &[9; 40]).unwrap()
    }

    #[test]
    fn envelope_text_round_trips() {
        let text = sample().to_json();
        assert!(text.starts_with(
            "{\"format\":\"rapport-encrypted-backup\",\"version\":1,\"kdf\":{\"name\":\"PBKDF2\",\"hash\":\"SHA-256\",\"iterations\":600000,\"salt\":\"BwcHBwcHBwcHBwcHBwcHBw==\"}"
        ));
        assert_eq!(parse_envelope(text.as_bytes()), Ok(sample()));
        assert_eq!(detect_backup_kind(text.as_bytes()), BackupKind::Encrypted);
    }

    #[test]
    fn export_rules_are_stricter_than_import_rules() {
        assert_eq!(
            Envelope::new(100_000, &[7; 16], &[1; 12], &[9; 40]),
            Err(EnvelopeError::TooFewIterations {
                found: 100_000,
                minimum: 600_000
            })
        );
        let old = Envelope::checked(100_000, vec![7; 16], &[1; 12], vec![9; 40]).unwrap();
        assert_eq!(
            parse_envelope(old.to_json().as_bytes()).map(|e| e.iterations),
            Ok(100_000)
        );
        assert_eq!(
            Envelope::new(600_000, &[7; 15], &[1; 12], &[9; 40]),
            Err(EnvelopeError::SaltLength(15))
        );
        assert_eq!(
            Envelope::new(600_000, &[7; 16], &[1; 16], &[9; 40]),
            Err(EnvelopeError::NonceLength(16))
        );
        assert_eq!(
            Envelope::new(600_000, &[7; 16], &[1; 12], &[9; 15]),
            Err(EnvelopeError::CiphertextTooShort(15))
        );
    }
}
