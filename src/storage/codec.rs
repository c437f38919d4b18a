//! How a segment's bytes become a localStorage string, and back.
//!
//! localStorage counts UTF-16 code units, not bytes, and a plain JSON string spends a
//! whole unit on each ASCII character. A segment is therefore deflated, then packed
//! fifteen bits to a code unit. Fifteen rather than sixteen keeps every unit a valid,
//! non-surrogate character, so the value survives any browser's storage and
//! wasm-bindgen's UTF-8 string passing unchanged.
//!
//! A packed value is `"Z"`, one flag character, then the payload. The flag says
//! whether the last decoded byte is padding.

use std::fmt;

use miniz_oxide::deflate::compress_to_vec;
use miniz_oxide::inflate::decompress_to_vec_with_limit;

/// The first character of every packed value.
const MAGIC: char = 'Z';
/// Each code unit carries this many bits of data.
const BITS_PER_UNIT: u32 = 15;
/// Added to each 15-bit group so that no unit is a control character.
const UNIT_OFFSET: u32 = 0x20;
/// Deflate level: 6 is zlib's default balance of speed and size.
const LEVEL: u8 = 6;
/// No segment inflates past this; a larger result means the value is not ours.
pub const MAX_INFLATED_BYTES: usize = 64 * 1024 * 1024;

/// Why a stored value could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodecError {
    /// The value does not start with the packed-value marker.
    NotPacked,
    /// A character lies outside the range the packer writes.
    BadCharacter { position: usize },
    /// The deflate stream is damaged or truncated.
    Damaged,
}

impl fmt::Display for CodecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CodecError::NotPacked => write!(f, "the value is not in Rapport's packed format"),
            CodecError::BadCharacter { position } => {
                write!(f, "unexpected character at position {position}")
            }
            CodecError::Damaged => write!(f, "the compressed data is damaged or truncated"),
        }
    }
}

impl std::error::Error for CodecError {}

/// Compresses and packs bytes into a storable string.
pub fn encode(bytes: &[u8]) -> String {
    pack(&compress_to_vec(bytes, LEVEL))
}

/// Reverses [`encode`].
pub fn decode(value: &str) -> Result<Vec<u8>, CodecError> {
    let compressed = unpack(value)?;
    decompress_to_vec_with_limit(&compressed, MAX_INFLATED_BYTES).map_err(|_| CodecError::Damaged)
}

/// Packs bytes fifteen bits to a character.
pub fn pack(bytes: &[u8]) -> String {
    let units = (bytes.len() * 8).div_ceil(BITS_PER_UNIT as usize);
    let decoded_len = units * BITS_PER_UNIT as usize / 8;
    let padding_byte = decoded_len > bytes.len();

    let mut out = String::with_capacity(2 + units * 3);
    out.push(MAGIC);
    out.push(if padding_byte { '1' } else { '0' });

    let mut acc: u32 = 0;
    let mut bits: u32 = 0;
    for &byte in bytes {
        acc = (acc << 8) | u32::from(byte);
        bits += 8;
        if bits >= BITS_PER_UNIT {
            bits -= BITS_PER_UNIT;
            push_unit(&mut out, (acc >> bits) & 0x7fff);
            acc &= (1 << bits) - 1;
        }
    }
    if bits > 0 {
        push_unit(&mut out, (acc << (BITS_PER_UNIT - bits)) & 0x7fff);
    }
    out
}

fn push_unit(out: &mut String, group: u32) {
    // The range 0x20..0x8020 holds no surrogates, so every group is a char.
    if let Some(c) = char::from_u32(group + UNIT_OFFSET) {
        out.push(c);
    }
}

/// Reverses [`pack`].
pub fn unpack(value: &str) -> Result<Vec<u8>, CodecError> {
    let mut chars = value.chars();
    if chars.next() != Some(MAGIC) {
        return Err(CodecError::NotPacked);
    }
    let padding_byte = match chars.next() {
        Some('0') => false,
        Some('1') => true,
        _ => return Err(CodecError::NotPacked),
    };

    let mut out = Vec::with_capacity(value.len());
    let mut acc: u32 = 0;
    let mut bits: u32 = 0;
    for (index, c) in chars.enumerate() {
        let code = c as u32;
        if !(UNIT_OFFSET..UNIT_OFFSET + 0x8000).contains(&code) {
            return Err(CodecError::BadCharacter {
                position: index + 2,
            });
        }
        acc = (acc << BITS_PER_UNIT) | (code - UNIT_OFFSET);
        bits += BITS_PER_UNIT;
        while bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xff) as u8);
        }
        acc &= (1 << bits) - 1;
    }
    if padding_byte && out.pop().is_none() {
        return Err(CodecError::Damaged);
    }
    Ok(out)
}

/// The number of UTF-16 code units a string occupies in localStorage.
pub fn utf16_units(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pack_round_trips_every_length_up_to_64() {
        for len in 0..64u8 {
            let bytes: Vec<u8> = (0..len)
                .map(|i| i.wrapping_mul(37).wrapping_add(11))
                .collect();
            assert_eq!(unpack(&pack(&bytes)), Ok(bytes), "length {len}");
        }
    }

    #[test]
    fn packed_text_uses_fifteen_bits_per_unit() {
        let bytes = vec![0xffu8; 15_000];
        // 120,000 bits in 8,000 units, plus the two header characters.
        assert_eq!(utf16_units(&pack(&bytes)), 8_002);
    }

    #[test]
    fn encode_round_trips_and_shrinks_json() {
        let json = r#"[{"id":"p1","n":"Chloé","t":["posse"]}]"#.repeat(200);
        let stored = encode(json.as_bytes());
        assert!(
            utf16_units(&stored) * 10 < json.len(),
            "{} units",
            utf16_units(&stored)
        );
        assert_eq!(decode(&stored), Ok(json.into_bytes()));
    }

    #[test]
    fn hand_edited_values_are_rejected_not_misread() {
        assert_eq!(decode("[1,2,3]"), Err(CodecError::NotPacked));
        assert_eq!(
            decode("Z0\u{10}"),
            Err(CodecError::BadCharacter { position: 2 })
        );
        let stored = encode(b"hello hello hello hello");
        let truncated: String = stored.chars().take(stored.chars().count() / 2).collect();
        assert_eq!(decode(&truncated), Err(CodecError::Damaged));
    }
}
