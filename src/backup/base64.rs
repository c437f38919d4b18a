//! Standard base64 (RFC 4648, section 4: `A-Z a-z 0-9 + /`, `=` padding).
//!
//! Hand-written because the envelope needs only these two functions: the
//! `base64` crate adds about 5.7 KB gzipped to the wasm bundle, this about
//! half a kilobyte. Decoding is strict (padding required, no whitespace, no
//! stray bits), so every value has exactly one accepted spelling.

use std::fmt;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Why a base64 text could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base64Error {
    /// The length is not a multiple of 4.
    Length(usize),
    /// A character outside the alphabet.
    Character {
        /// Its 1-based position in the text.
        position: usize,
        /// The character.
        found: char,
    },
    /// `=` somewhere other than the last one or two places.
    Padding,
    /// The last character before the padding has bits that encode nothing.
    TrailingBits,
}

impl fmt::Display for Base64Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Base64Error::Length(n) => write!(f, "its length ({n}) is not a multiple of 4"),
            Base64Error::Character { position, found } => {
                write!(f, "character {position} ({found:?}) is not base64")
            }
            Base64Error::Padding => write!(f, "the '=' padding is misplaced"),
            Base64Error::TrailingBits => write!(f, "its last character is not a valid ending"),
        }
    }
}

impl std::error::Error for Base64Error {}

/// Encodes bytes as padded standard base64.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn value_of(byte: u8) -> Option<u32> {
    let v = match byte {
        b'A'..=b'Z' => byte - b'A',
        b'a'..=b'z' => byte - b'a' + 26,
        b'0'..=b'9' => byte - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    };
    Some(u32::from(v))
}

/// Decodes padded standard base64, strictly.
pub fn decode(text: &str) -> Result<Vec<u8>, Base64Error> {
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(4) {
        if let Some((position, found)) = text
            .chars()
            .enumerate()
            .find(|(_, c)| !(c.is_ascii() && (value_of(*c as u8).is_some() || *c == '=')))
        {
            return Err(Base64Error::Character {
                position: position + 1,
                found,
            });
        }
        return Err(Base64Error::Length(text.chars().count()));
    }
    let padding = bytes.iter().rev().take_while(|&&b| b == b'=').count();
    if padding > 2 {
        return Err(Base64Error::Padding);
    }
    let body = &bytes[..bytes.len() - padding];
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    let mut acc = 0u32;
    let mut bits = 0u32;
    for (index, &byte) in body.iter().enumerate() {
        let Some(value) = value_of(byte) else {
            if byte == b'=' {
                return Err(Base64Error::Padding);
            }
            let found = text
                .get(index..)
                .and_then(|s| s.chars().next())
                .unwrap_or('?');
            return Err(Base64Error::Character {
                position: text.get(..index).map_or(index, |s| s.chars().count()) + 1,
                found,
            });
        };
        acc = (acc << 6) | value;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if acc != 0 {
        return Err(Base64Error::TrailingBits);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The test vectors of RFC 4648, section 10.
    const VECTORS: [(&str, &str); 7] = [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ];

    #[test]
    fn rfc_4648_vectors_round_trip() {
        for (plain, encoded) in VECTORS {
            assert_eq!(encode(plain.as_bytes()), encoded);
            assert_eq!(decode(encoded), Ok(plain.as_bytes().to_vec()));
        }
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(decode(&encode(&all)), Ok(all));
        assert_eq!(encode(&[0xFB, 0xFF]), "+/8=");
    }

    #[test]
    fn malformed_text_is_refused_with_a_reason() {
        assert_eq!(decode("Zm9"), Err(Base64Error::Length(3)));
        assert_eq!(
            decode("Zm9v!A=="),
            Err(Base64Error::Character {
                position: 5,
                found: '!'
            })
        );
        assert_eq!(
            decode("Zm é"),
            Err(Base64Error::Character {
                position: 3,
                found: ' '
            })
        );
        assert_eq!(decode("Z==="), Err(Base64Error::Padding));
        assert_eq!(decode("Zg=a"), Err(Base64Error::Padding));
        assert_eq!(decode("Zh=="), Err(Base64Error::TrailingBits));
        assert_eq!(
            Base64Error::Character {
                position: 5,
                found: '!'
            }
            .to_string(),
            "character 5 ('!') is not base64"
        );
    }
}
