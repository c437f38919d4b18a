//! Reading an imported file's bytes as text.
//!
//! Every importer starts here: the size cap is checked before anything is
//! parsed, and files that are not text (UTF-16, binary, empty) get a plain
//! answer instead of a parser error about byte 0.

use std::borrow::Cow;
use std::fmt;

/// Largest file any importer reads: 25 MB.
pub const MAX_IMPORT_BYTES: usize = 25 * 1024 * 1024;

/// How many leading bytes are looked at to tell text from binary.
const SNIFF_BYTES: usize = 8 * 1024;

/// Why a file could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextError {
    /// Larger than [`MAX_IMPORT_BYTES`].
    TooLarge {
        /// The file's size.
        bytes: usize,
    },
    /// No content, or only whitespace.
    Empty,
    /// UTF-16 text (Windows "Unicode" exports), which Rapport does not read.
    Utf16,
    /// Not text at all; `expected` names what the file should have been.
    Binary {
        /// What the file should have been, e.g. "a vCard file".
        expected: &'static str,
    },
    /// Text that is not valid UTF-8; the first bad byte is at this position.
    NotUtf8 {
        /// 1-based line.
        line: usize,
        /// 1-based column, in bytes.
        column: usize,
    },
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TextError::TooLarge { bytes } => {
                // Tenths of a megabyte in integers: float formatting costs 10 KB of wasm.
                let tenths = bytes.saturating_mul(10) / (1024 * 1024);
                write!(
                    f,
                    "this file is {}.{} MB; Rapport imports files of up to {} MB",
                    tenths / 10,
                    tenths % 10,
                    MAX_IMPORT_BYTES / (1024 * 1024)
                )
            }
            TextError::Empty => write!(f, "this file is empty"),
            TextError::Utf16 => write!(
                f,
                "this file is not UTF-8 text; it looks like UTF-16. Save it as UTF-8 and try again"
            ),
            TextError::Binary { expected } => write!(
                f,
                "this is not {expected}: it looks like a binary file, not text"
            ),
            TextError::NotUtf8 { line, column } => write!(
                f,
                "this file is not UTF-8 text (the first unreadable byte is on line {line}, column {column})"
            ),
        }
    }
}

impl std::error::Error for TextError {}

/// Refuses files over the size cap; cheap, so it runs before anything else.
pub fn check_size(bytes: &[u8]) -> Result<(), TextError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        Err(TextError::TooLarge { bytes: bytes.len() })
    } else {
        Ok(())
    }
}

/// Checks size, UTF-16, binary content and emptiness; returns the bytes with
/// any UTF-8 byte-order mark removed. `expected` completes "this is not …".
pub fn sniff<'a>(bytes: &'a [u8], expected: &'static str) -> Result<&'a [u8], TextError> {
    check_size(bytes)?;
    if looks_like_utf16(bytes) {
        return Err(TextError::Utf16);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if looks_binary(bytes) {
        return Err(TextError::Binary { expected });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(TextError::Empty);
    }
    Ok(bytes)
}

/// The file as UTF-8 text (JSON must be UTF-8), byte-order mark removed.
pub fn decode_utf8<'a>(bytes: &'a [u8], expected: &'static str) -> Result<&'a str, TextError> {
    let bytes = sniff(bytes, expected)?;
    std::str::from_utf8(bytes).map_err(|err| {
        let (line, column) = line_col_bytes(bytes, err.valid_up_to());
        TextError::NotUtf8 { line, column }
    })
}

/// The file as text: UTF-8 when it is valid UTF-8, otherwise read as
/// Windows-1252, which older address-book and spreadsheet exports use.
pub fn decode_lenient<'a>(
    bytes: &'a [u8],
    expected: &'static str,
) -> Result<Cow<'a, str>, TextError> {
    let bytes = sniff(bytes, expected)?;
    Ok(match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => Cow::Owned(windows_1252(bytes)),
    })
}

/// UTF-16 has a byte-order mark, or a zero byte in every other position of
/// mostly-ASCII text.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return true;
    }
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if head.len() < 4 {
        return false;
    }
    let pairs = head.len() / 2;
    let even_zero = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_zero = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    even_zero.max(odd_zero) * 10 >= pairs * 7 && even_zero.min(odd_zero) * 10 <= pairs
}

/// Binary: known file signatures, a zero byte, or many control characters.
fn looks_binary(bytes: &[u8]) -> bool {
    const SIGNATURES: [&[u8]; 8] = [
        b"%PDF",
        b"PK\x03\x04",
        b"\x89PNG",
        b"GIF8",
        b"\xFF\xD8\xFF",
        b"\x1F\x8B",
        b"7z\xBC\xAF",
        b"\x7FELF",
    ];
    if SIGNATURES.iter().any(|sig| bytes.starts_with(sig)) {
        return true;
    }
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    controls * 100 > head.len()
}

/// 1-based line and column (in characters) of a byte offset in valid text.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before
        .get(line_start..)
        .map_or(1, |s| s.chars().count() + 1);
    (line, column)
}

/// 1-based line and column (in bytes) of a byte offset in raw bytes.
fn line_col_bytes(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    (line, offset - line_start + 1)
}

/// Windows-1252 to text. Bytes 0x80..=0x9F map to the typographic characters
/// Windows puts there; the five unassigned ones map to U+FFFD.
pub(crate) fn windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{FFFD}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{FFFD}', 'Ž',
        '\u{FFFD}', '\u{FFFD}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ',
        '\u{FFFD}', 'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_with_and_without_bom_is_named() {
        assert_eq!(sniff(b"\xFF\xFEh\0i\0", "x"), Err(TextError::Utf16));
        let utf16le: Vec<u8> = "BEGIN:VCARD\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(sniff(&utf16le, "x"), Err(TextError::Utf16));
        assert_eq!(
            TextError::Utf16.to_string(),
            "this file is not UTF-8 text; it looks like UTF-16. Save it as UTF-8 and try again"
        );
    }

    #[test]
    fn binary_empty_and_large_files_are_refused() {
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\n", "a Rapport backup"),
            Err(TextError::Binary {
                expected: "a Rapport backup"
            })
        );
        assert_eq!(
            sniff(b"ab\0cd", "x"),
            Err(TextError::Binary { expected: "x" })
        );
        assert_eq!(sniff(b" \r\n\t", "x"), Err(TextError::Empty));
        assert_eq!(sniff(b"\xEF\xBB\xBF", "x"), Err(TextError::Empty));
        let big = vec![b'a'; MAX_IMPORT_BYTES + 1];
        assert_eq!(
            sniff(&big, "x"),
            Err(TextError::TooLarge {
                bytes: MAX_IMPORT_BYTES + 1
            })
        );
        assert_eq!(
            TextError::TooLarge {
                bytes: 30 * 1024 * 1024
            }
            .to_string(),
            "this file is 30.0 MB; Rapport imports files of up to 25 MB"
        );
    }

    #[test]
    fn bom_is_removed_and_bad_utf8_is_located() {
        assert_eq!(decode_utf8(b"\xEF\xBB\xBF{}", "x"), Ok("{}"));
        assert_eq!(
            decode_utf8(b"{\n  \"a\": \"\xE9\"}", "x"),
            Err(TextError::NotUtf8 { line: 2, column: 9 })
        );
        assert_eq!(
            decode_lenient(b"Ren\xE9e \x80", "x").map(|t| t.into_owned()),
            Ok("Renée €".to_owned())
        );
    }

    #[test]
    fn line_and_column_count_characters() {
        let text = "ab\nçd\nef";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, 5), (2, 2));
        assert_eq!(line_col(text, 100), (3, 3));
    }
}
