//! Encrypted backups through the browser's WebCrypto (`SubtleCrypto`):
//! PBKDF2-SHA256 turns the passphrase and a random salt into an AES-256-GCM
//! key; the backup is sealed with a random 12-byte nonce and wrapped in the
//! backup module's envelope.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

use crate::backup::envelope::{Envelope, EXPORT_MIN_ITERATIONS, NONCE_BYTES};

/// PBKDF2 iterations for a new encrypted backup.
pub const ITERATIONS: u32 = EXPORT_MIN_ITERATIONS;
/// Salt length for a new encrypted backup.
pub const SALT_BYTES: usize = 16;

fn crypto() -> Result<web_sys::Crypto, String> {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or_else(|| "this browser has no WebCrypto".to_owned())
}

fn subtle() -> Result<SubtleCrypto, String> {
    Ok(crypto()?.subtle())
}

/// Cryptographically random bytes.
fn random_bytes(n: usize) -> Result<Vec<u8>, String> {
    let mut bytes = vec![0u8; n];
    crypto()?
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(|_| "the browser could not make random numbers".to_owned())?;
    Ok(bytes)
}

fn object(pairs: &[(&str, JsValue)]) -> Result<Object, String> {
    let object = Object::new();
    for (key, value) in pairs {
        Reflect::set(&object, &JsValue::from_str(key), value)
            .map_err(|_| "the browser refused the encryption settings".to_owned())?;
    }
    Ok(object)
}

fn bytes(data: &[u8]) -> Object {
    Uint8Array::from(data).into()
}

fn usages(list: &[&str]) -> JsValue {
    list.iter()
        .map(|u| JsValue::from_str(u))
        .collect::<Array>()
        .into()
}

async fn wait(promise: Result<js_sys::Promise, JsValue>, what: &str) -> Result<JsValue, String> {
    let promise = promise.map_err(|_| format!("the browser could not {what}"))?;
    JsFuture::from(promise)
        .await
        .map_err(|_| format!("the browser could not {what}"))
}

/// The AES-GCM key for `passphrase` and `salt`.
async fn derive_key(passphrase: &str, salt: &[u8], iterations: u32) -> Result<CryptoKey, String> {
    let subtle = subtle()?;
    let base = wait(
        subtle.import_key_with_str(
            "raw",
            &bytes(passphrase.as_bytes()),
            "PBKDF2",
            false,
            &usages(&["deriveKey"]),
        ),
        "read the passphrase",
    )
    .await?
    .dyn_into::<CryptoKey>()
    .map_err(|_| "the browser could not read the passphrase".to_owned())?;
    let algorithm = object(&[
        ("name", "PBKDF2".into()),
        ("hash", "SHA-256".into()),
        ("salt", Uint8Array::from(salt).into()),
        ("iterations", JsValue::from(iterations)),
    ])?;
    let key_type = object(&[("name", "AES-GCM".into()), ("length", JsValue::from(256))])?;
    wait(
        subtle.derive_key_with_object_and_object(
            &algorithm,
            &base,
            &key_type,
            false,
            &usages(&["encrypt", "decrypt"]),
        ),
        "derive a key from the passphrase",
    )
    .await?
    .dyn_into::<CryptoKey>()
    .map_err(|_| "the browser could not derive a key from the passphrase".to_owned())
}

fn gcm(nonce: &[u8]) -> Result<Object, String> {
    object(&[
        ("name", "AES-GCM".into()),
        ("iv", Uint8Array::from(nonce).into()),
    ])
}

/// Encrypts a backup's text and returns the envelope's text.
pub async fn encrypt_backup(plaintext: &str, passphrase: &str) -> Result<String, String> {
    let salt = random_bytes(SALT_BYTES)?;
    let nonce = random_bytes(NONCE_BYTES)?;
    let key = derive_key(passphrase, &salt, ITERATIONS).await?;
    let sealed = wait(
        subtle()?.encrypt_with_object_and_buffer_source(
            &gcm(&nonce)?,
            &key,
            &bytes(plaintext.as_bytes()),
        ),
        "encrypt the backup",
    )
    .await?;
    let ciphertext = Uint8Array::new(&sealed).to_vec();
    Envelope::new(ITERATIONS, &salt, &nonce, &ciphertext)
        .map(|envelope| envelope.to_json())
        .map_err(|err| err.to_string())
}

/// Decrypts a checked envelope. A wrong passphrase and a tampered file look
/// the same to AES-GCM, so they share one message.
pub async fn decrypt_backup(envelope: &Envelope, passphrase: &str) -> Result<Vec<u8>, String> {
    let key = derive_key(passphrase, &envelope.salt, envelope.iterations).await?;
    let promise = subtle()?
        .decrypt_with_object_and_buffer_source(
            &gcm(&envelope.nonce)?,
            &key,
            &bytes(&envelope.ciphertext),
        )
        .map_err(|_| "the browser could not decrypt the backup".to_owned())?;
    let plain = JsFuture::from(promise).await.map_err(|_| {
        "The passphrase is wrong, or the file was changed after it was encrypted. Nothing was imported."
            .to_owned()
    })?;
    Ok(Uint8Array::new(&plain).to_vec())
}
