//! Reading vCard 2.1, 3.0 and 4.0 files (one or many cards).
//!
//! Hand-written: the `ical` crate fails on vCard 2.1 (Android and Outlook
//! exports) and on several of the sample files, and `calcard` does not build
//! for `wasm32-unknown-unknown` without a project-wide `getrandom` setting.
//!
//! What it handles: LF, CRLF and CR CR LF line ends; folded lines; 2.1
//! quoted-printable values with soft line breaks, in UTF-8 or Latin-1;
//! 2.1 bare parameters (`TEL;CELL;PREF`); Apple `itemN.` groups; quoted
//! parameter values; backslash escapes (including Google's `\:`); `FN` with
//! `N` as the fallback name; `ORG`, `TITLE`, `EMAIL`, `TEL`, `URL`, `NOTE`,
//! `BDAY` and `CATEGORIES`. Photos, keys and other properties are skipped.
//! A card that cannot be read is reported with its number and line and
//! skipped; the others still import.

use std::cell::RefCell;

use super::contact::{
    clean_list, non_blank, ContactFileError, ContactImport, ImportedContact, RecordKind,
};
use super::dates::parse_vcard_birthday;
use super::text::{sniff, windows_1252};

/// One property line, unfolded, with its value still encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Property {
    /// Upper-case name without the group (`EMAIL` for `item1.EMAIL`).
    name: String,
    /// Upper-case parameter names with their values.
    params: Vec<(String, Vec<String>)>,
    /// The raw value bytes.
    value: Vec<u8>,
    /// Line the property starts on.
    line: usize,
}

impl Property {
    fn param_values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.params
            .iter()
            .filter(move |(n, _)| n == name)
            .flat_map(|(_, values)| values.iter().map(String::as_str))
    }

    fn has_param(&self, name: &str) -> bool {
        self.params.iter().any(|(n, _)| n == name)
    }

    /// Whether the value is a URI (`VALUE=uri`, as vCard 4.0 writes `tel:` numbers).
    fn is_uri(&self) -> bool {
        self.param_values("VALUE")
            .any(|v| v.eq_ignore_ascii_case("uri"))
    }

    fn is_quoted_printable(&self) -> bool {
        self.param_values("ENCODING")
            .any(|e| e.eq_ignore_ascii_case("QUOTED-PRINTABLE"))
    }

    /// The value as text: quoted-printable decoded, charset applied, line
    /// breaks made `\n`. The flag is true when bytes had to be replaced.
    fn text(&self) -> (String, bool) {
        let raw = if self.is_quoted_printable() {
            decode_quoted_printable(&self.value)
        } else {
            self.value.clone()
        };
        let charset = self
            .param_values("CHARSET")
            .next()
            .map(str::to_ascii_lowercase);
        let latin = matches!(
            charset.as_deref(),
            Some("iso-8859-1" | "iso-8859-15" | "latin1" | "windows-1252" | "cp1252")
        );
        let (text, lossy) = if latin {
            (windows_1252(&raw), false)
        } else {
            match String::from_utf8(raw) {
                Ok(text) => (text, false),
                Err(err) if charset.as_deref() == Some("utf-8") => {
                    (String::from_utf8_lossy(err.as_bytes()).into_owned(), true)
                }
                Err(err) => (windows_1252(err.as_bytes()), false),
            }
        };
        (text.replace("\r\n", "\n").replace('\r', "\n"), lossy)
    }
}

/// Splits bytes into lines on LF, CRLF, CR CR LF (old iPhone exports) or lone CR.
fn split_lines(bytes: &[u8]) -> Vec<&[u8]> {
    let separator = if bytes.contains(&b'\n') { b'\n' } else { b'\r' };
    bytes
        .split(|&b| b == separator)
        .map(|line| {
            let end = line.iter().rposition(|&b| b != b'\r').map_or(0, |i| i + 1);
            &line[..end]
        })
        .collect()
}

fn is_card_boundary(line: &[u8]) -> bool {
    let upper: Vec<u8> = line.iter().take(12).map(u8::to_ascii_uppercase).collect();
    upper.starts_with(b"BEGIN:VCARD") || upper.starts_with(b"END:VCARD")
}

/// Parses `[group.]NAME[;PARAM[=value[,value]]]*:value`.
fn parse_property(line: &[u8], number: usize) -> Result<Property, String> {
    let colon =
        find_unquoted(line, b':').ok_or("this line is not a vCard property (it has no ':')")?;
    let head = &line[..colon];
    let mut pieces = split_unquoted(head, b';').into_iter();
    let full_name = String::from_utf8_lossy(pieces.next().unwrap_or_default())
        .trim()
        .to_ascii_uppercase();
    let name = full_name.rsplit('.').next().unwrap_or_default().to_owned();
    let valid_name =
        |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if !valid_name(&name) {
        return Err(format!(
            "\"{}\" is not a vCard property name",
            full_name.chars().take(40).collect::<String>()
        ));
    }
    let mut params = Vec::new();
    for piece in pieces {
        let piece = String::from_utf8_lossy(piece);
        let (key, values) = match piece.split_once('=') {
            Some((key, values)) => (key.trim().to_ascii_uppercase(), values.to_owned()),
            // vCard 2.1 bare parameters: TEL;CELL;PREF, NOTE;QUOTED-PRINTABLE.
            None => {
                let bare = piece.trim().to_ascii_uppercase();
                let key = match bare.as_str() {
                    "QUOTED-PRINTABLE" | "BASE64" | "B" | "8BIT" | "7BIT" => "ENCODING",
                    _ => "TYPE",
                };
                (key.to_owned(), bare)
            }
        };
        // TYPE="work,voice" (RFC 6350's own example) means two values.
        let values = values
            .split(',')
            .map(|v| v.trim().trim_matches('"').to_owned())
            .collect();
        params.push((key, values));
    }
    Ok(Property {
        name,
        params,
        value: line[colon + 1..].to_vec(),
        line: number,
    })
}

fn find_unquoted(bytes: &[u8], target: u8) -> Option<usize> {
    let mut quoted = false;
    bytes.iter().position(|&b| {
        if b == b'"' {
            quoted = !quoted;
        }
        b == target && !quoted
    })
}

fn split_unquoted(bytes: &[u8], separator: u8) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    let mut quoted = false;
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == separator && !quoted {
            parts.push(&bytes[start..i]);
            start = i + 1;
        }
    }
    parts.push(&bytes[start..]);
    parts
}

/// Decodes quoted-printable (`=C3=91` → `Ñ`); malformed escapes are kept as written.
fn decode_quoted_printable(bytes: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' {
            if let (Some(hi), Some(lo)) = (
                bytes.get(i + 1).and_then(|&b| hex(b)),
                bytes.get(i + 2).and_then(|&b| hex(b)),
            ) {
                out.push(hi << 4 | lo);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// Splits an escaped value on `separator` where it is not escaped.
fn split_escaped(text: &str, separator: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == separator {
            parts.push(&text[start..i]);
            start = i + c.len_utf8();
        }
    }
    parts.push(&text[start..]);
    parts
}

/// Undoes vCard escapes: `\n`, `\,`, `\;` and `\\`. A backslash before
/// other punctuation is dropped too (Google writes `\:` and `\"`), but kept
/// before a letter or digit, where it is more likely part of the text (`C:\Users`).
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(c) if c.is_ascii_punctuation() => out.push(c),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// A card being read.
struct Card {
    number: usize,
    line: usize,
    properties: Vec<Property>,
    /// The first line that could not be read, and why.
    broken: Option<(usize, String)>,
}

/// Reads every card of a vCard file.
pub fn import_vcard(bytes: &[u8]) -> Result<ContactImport, ContactFileError> {
    let bytes = sniff(bytes, "a vCard file")?;
    let lines = split_lines(bytes);
    let mut result = ContactImport::default();
    let mut card: Option<Card> = None;
    let mut cards = 0;
    let mut i = 0;
    while i < lines.len() {
        let start = i + 1;
        let mut logical = lines[i].to_vec();
        i += 1;
        while i < lines.len() && matches!(lines[i].first(), Some(b' ' | b'\t')) {
            logical.extend_from_slice(&lines[i][1..]);
            i += 1;
        }
        if logical.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let mut property = match parse_property(&logical, start) {
            Ok(property) => property,
            Err(why) => {
                if let Some(card) = &mut card {
                    card.broken.get_or_insert((start, why));
                }
                continue;
            }
        };
        // Quoted-printable soft line breaks: a value ending in '=' goes on.
        if property.is_quoted_printable() {
            while property.value.last() == Some(&b'=')
                && i < lines.len()
                && !is_card_boundary(lines[i])
            {
                property.value.pop();
                property.value.extend_from_slice(lines[i]);
                i += 1;
            }
        }
        let is_vcard = String::from_utf8_lossy(&property.value)
            .trim()
            .eq_ignore_ascii_case("VCARD");
        match property.name.as_str() {
            "BEGIN" if is_vcard => {
                if let Some(open) = card.take() {
                    result.problem(
                        RecordKind::Card,
                        open.number,
                        open.line,
                        "it has no END:VCARD line before the next card",
                        true,
                    );
                }
                cards += 1;
                card = Some(Card {
                    number: cards,
                    line: start,
                    properties: Vec::new(),
                    broken: None,
                });
            }
            "END" if is_vcard => {
                if let Some(done) = card.take() {
                    finish(done, &mut result);
                }
            }
            _ => {
                if let Some(card) = &mut card {
                    card.properties.push(property);
                }
            }
        }
    }
    if let Some(open) = card {
        result.problem(
            RecordKind::Card,
            open.number,
            open.line,
            "it has no END:VCARD line; the file may be truncated",
            true,
        );
    }
    if cards == 0 {
        return Err(ContactFileError::NoCards);
    }
    Ok(result)
}

/// Turns a complete card into a contact, or reports why it cannot be one.
fn finish(card: Card, result: &mut ContactImport) {
    let (number, line) = (card.number, card.line);
    if let Some((bad_line, why)) = card.broken {
        result.problem(RecordKind::Card, number, bad_line, why, true);
        return;
    }
    // Shared by the closure below and the checks further down.
    let warnings = RefCell::new(Vec::new());
    let text_of = |property: &Property| {
        let (text, lossy) = property.text();
        if lossy {
            warnings.borrow_mut().push((
                property.line,
                format!(
                    "{} is not valid UTF-8; unreadable characters were replaced",
                    property.name
                ),
            ));
        }
        text
    };
    let properties = &card.properties;
    let all = |name: &'static str| properties.iter().filter(move |p| p.name == name);
    let first = |name: &'static str| properties.iter().find(|p| p.name == name);

    let mut contact = ImportedContact {
        line,
        ..ImportedContact::default()
    };
    contact.org = first("ORG").and_then(|p| {
        let text = text_of(p);
        split_escaped(&text, ';')
            .first()
            .and_then(|org| non_blank(&unescape(org)))
    });
    contact.role = first("TITLE")
        .or_else(|| first("ROLE"))
        .and_then(|p| non_blank(&unescape(&text_of(p))));
    contact.emails = all("EMAIL")
        .map(|p| {
            let email = unescape(&text_of(p));
            let email = email.trim();
            match p.is_uri() {
                true => strip_prefix_ignore_case(email, "mailto:")
                    .unwrap_or(email)
                    .to_owned(),
                false => email.to_owned(),
            }
        })
        .collect();
    clean_list(&mut contact.emails, true);
    contact.phones = all("TEL")
        .map(|p| phone_text(&text_of(p), p.is_uri()))
        .collect();
    clean_list(&mut contact.phones, false);
    contact.links = all("URL").map(|p| unescape(&text_of(p))).collect();
    clean_list(&mut contact.links, false);
    contact.tags = all("CATEGORIES")
        .flat_map(|p| {
            let text = text_of(p);
            split_escaped(&text, ',')
                .into_iter()
                .map(unescape)
                .collect::<Vec<_>>()
        })
        .collect();
    clean_list(&mut contact.tags, true);
    let mut notes: Vec<String> = Vec::new();
    for note in all("NOTE").map(|p| unescape(&text_of(p))) {
        if !note.trim().is_empty() && !notes.contains(&note) {
            notes.push(note);
        }
    }
    contact.notes = notes.join("\n\n");
    if let Some(bday) = first("BDAY") {
        let text = unescape(&text_of(bday));
        match parse_vcard_birthday(&text, bday.has_param("X-APPLE-OMIT-YEAR")) {
            Some(birthday) => contact.birthday = Some(birthday),
            None => warnings.borrow_mut().push((
                bday.line,
                format!(
                    "the birthday \"{}\" is not a date; it was left out",
                    text.trim()
                ),
            )),
        }
    }

    let formatted = first("FN").and_then(|p| non_blank(&unescape(&text_of(p))));
    let structured = first("N").and_then(|p| name_from_n(&text_of(p)));
    let nickname = first("NICKNAME").and_then(|p| non_blank(&unescape(&text_of(p))));
    let name = match (formatted, structured, nickname) {
        (Some(name), _, _) | (None, Some(name), _) | (None, None, Some(name)) => Some(name),
        (None, None, None) => match contact.name_stand_in() {
            Some((value, what)) => {
                warnings.borrow_mut().push((
                    line,
                    format!("it has no name, so it is named after its {what}"),
                ));
                Some(value)
            }
            None => None,
        },
    };
    let Some(name) = name else {
        result.problem(
            RecordKind::Card,
            number,
            line,
            "it has no name, organisation, email or phone",
            true,
        );
        return;
    };
    contact.name = name;
    for (at, warning) in warnings.into_inner() {
        result.problem(RecordKind::Card, number, at, warning, false);
    }
    result.contacts.push(contact);
}

/// A display name from `N` (family;given;additional;prefix;suffix):
/// "prefix given additional family suffix".
fn name_from_n(text: &str) -> Option<String> {
    let parts: Vec<String> = split_escaped(text, ';')
        .into_iter()
        .map(|part| {
            split_escaped(part, ',')
                .into_iter()
                .map(|v| unescape(v).trim().to_owned())
                .filter(|v| !v.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let pick = |i: usize| parts.get(i).map(String::as_str).unwrap_or("");
    let ordered = [pick(3), pick(1), pick(2), pick(0), pick(4)];
    non_blank(
        &ordered
            .iter()
            .filter(|p| !p.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// A phone number as people write it. A `tel:` URI (vCard 4.0 `VALUE=uri`)
/// such as `tel:+1-418-656-9254;ext=102` becomes `+1-418-656-9254 ext. 102`;
/// text values are only unescaped.
fn phone_text(raw: &str, is_uri: bool) -> String {
    let raw = raw.trim();
    if !is_uri {
        return unescape(raw);
    }
    let raw = strip_prefix_ignore_case(raw, "tel:").unwrap_or(raw);
    let mut parts = split_escaped(raw, ';').into_iter();
    let number = unescape(parts.next().unwrap_or_default());
    match parts.find_map(|part| part.strip_prefix("ext=")) {
        Some(ext) => format!("{number} ext. {}", unescape(ext)),
        None => number,
    }
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_with_groups_bare_and_quoted_parameters() {
        let p = parse_property(b"item1.EMAIL;type=INTERNET;type=pref:a@b.example", 3).unwrap();
        assert_eq!(p.name, "EMAIL");
        assert_eq!(
            p.param_values("TYPE").collect::<Vec<_>>(),
            ["INTERNET", "pref"]
        );
        assert_eq!(p.value, b"a@b.example");
        let p = parse_property(b"TEL;CELL;PREF:123", 1).unwrap();
        assert_eq!(p.param_values("TYPE").collect::<Vec<_>>(), ["CELL", "PREF"]);
        let p = parse_property(br#"TEL;VALUE=uri;TYPE="work,voice";PREF=1:tel:+1-418"#, 1).unwrap();
        assert_eq!(
            p.param_values("TYPE").collect::<Vec<_>>(),
            ["work", "voice"]
        );
        assert_eq!(p.value, b"tel:+1-418");
        assert!(parse_property(b"NOTE;QUOTED-PRINTABLE:=41", 1)
            .unwrap()
            .is_quoted_printable());
        assert_eq!(
            parse_property(b"no colon here", 9),
            Err("this line is not a vCard property (it has no ':')".to_owned())
        );
    }

    #[test]
    fn quoted_printable_and_escapes() {
        assert_eq!(
            decode_quoted_printable(b"=C3=91=20x=ZZ="),
            "Ñ x=ZZ=".as_bytes()
        );
        assert_eq!(
            unescape(r#"a\,b\;c\nd\\e\:f\qg\"h\"#),
            "a,b;c\nd\\e:f\\qg\"h\\"
        );
        assert_eq!(
            split_escaped(r"Doe;John;Richter\, James", ';'),
            ["Doe", "John", r"Richter\, James"]
        );
        assert_eq!(
            name_from_n("Doe;John;Richter,James;Mr.;Sr."),
            Some("Mr. John Richter James Doe Sr.".to_owned())
        );
        assert_eq!(name_from_n(";;;;"), None);
        assert_eq!(
            phone_text("tel:+1-418-656-9254;ext=102", true),
            "+1-418-656-9254 ext. 102"
        );
        assert_eq!(phone_text(r"tel:1\;ext=2", false), "tel:1;ext=2");
    }

    #[test]
    fn line_ends_of_every_kind() {
        assert_eq!(
            split_lines(b"a\r\r\nb\r\nc\nd"),
            [&b"a"[..], b"b", b"c", b"d"]
        );
        assert_eq!(split_lines(b"a\rb"), [&b"a"[..], b"b"]);
    }
}
