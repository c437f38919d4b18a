//! Flagging imported contacts that are probably people already in the
//! journal (or earlier in the same file), so the user can merge or skip them.
//!
//! A match is any of:
//! * the same email, ignoring case and spaces;
//! * the same phone number: digits only, a leading `00` or `0` dropped, equal,
//!   or one ending with the other when the shorter has at least 7 digits
//!   (`+44 7700 900123` matches `07700 900123`);
//! * a near-identical name: ignoring case, accents and repeated spaces
//!   (`Zoë  MÜLLER` matches `Zoe Muller`).

use std::collections::BTreeMap;

use super::contact::ImportedContact;
use crate::model::{Journal, PersonId};

/// Why two contacts look like the same person.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum MatchReason {
    /// They share this email address (as written in the import).
    SameEmail(String),
    /// They share this phone number (as written in the import).
    SamePhone(String),
    /// Their names are the same apart from case, accents and spacing.
    SimilarName,
}

/// Who the imported contact seems to duplicate.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DuplicateOf {
    /// A person already in the journal.
    Existing(PersonId),
    /// An earlier contact in the same import (by index).
    Earlier(usize),
}

/// One likely duplicate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LikelyDuplicate {
    /// Index of the imported contact.
    pub contact: usize,
    /// Who it seems to duplicate.
    pub of: DuplicateOf,
    /// The other side's name, for the preview.
    pub name: String,
    /// Why they look the same.
    pub reason: MatchReason,
}

/// An email compared ignoring case and spaces.
pub fn normalize_email(email: &str) -> String {
    email
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A phone number's digits without an international `00` or trunk `0` prefix.
pub fn normalize_phone(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    digits.trim_start_matches('0').to_owned()
}

fn phones_match(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    !short.is_empty() && (short == long || (short.len() >= 7 && long.ends_with(short)))
}

/// A name compared ignoring case, accents and repeated whitespace.
pub fn fold_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars().flat_map(char::to_lowercase) {
            match fold_letter(c) {
                Some(plain) => out.push_str(plain),
                None => out.push(c),
            }
        }
    }
    out
}

/// The unaccented form of a lower-case Latin letter, if it has one.
fn fold_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'ễ' | 'ế' | 'ề' | 'ệ' => {
            "e"
        }
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ơ' | 'ộ' | 'ố' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ư' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'þ' => "th",
        _ => return None,
    })
}

/// Someone to compare against: a journal person or an earlier imported contact.
struct Known<'a> {
    of: DuplicateOf,
    name: &'a str,
    emails: Vec<String>,
    phones: Vec<String>,
}

/// The likely duplicates among `contacts`, against `journal` and against
/// earlier contacts of the same import; at most one entry per pair, with the
/// strongest reason (email, then phone, then name).
pub fn find_duplicates(contacts: &[ImportedContact], journal: &Journal) -> Vec<LikelyDuplicate> {
    let mut known: Vec<Known> = journal
        .people()
        .map(|p| Known {
            of: DuplicateOf::Existing(p.id.clone()),
            name: &p.name,
            emails: p.emails.iter().map(|e| normalize_email(e)).collect(),
            phones: p.phones.iter().map(|t| normalize_phone(t)).collect(),
        })
        .collect();
    // Indexes from a normalised value to positions in `known`.
    let mut by_email: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut by_phone_tail: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let index = |k: usize,
                 entry: &Known,
                 by_email: &mut BTreeMap<String, Vec<usize>>,
                 by_phone_tail: &mut BTreeMap<String, Vec<usize>>,
                 by_name: &mut BTreeMap<String, Vec<usize>>| {
        for email in entry.emails.iter().filter(|e| !e.is_empty()) {
            by_email.entry(email.clone()).or_default().push(k);
        }
        for phone in entry.phones.iter().filter(|p| !p.is_empty()) {
            by_phone_tail.entry(tail(phone)).or_default().push(k);
        }
        by_name.entry(fold_name(entry.name)).or_default().push(k);
    };
    for (k, entry) in known.iter().enumerate() {
        index(k, entry, &mut by_email, &mut by_phone_tail, &mut by_name);
    }

    let mut found = Vec::new();
    for (c, contact) in contacts.iter().enumerate() {
        let emails: Vec<(String, &String)> = contact
            .emails
            .iter()
            .map(|e| (normalize_email(e), e))
            .collect();
        let phones: Vec<(String, &String)> = contact
            .phones
            .iter()
            .map(|p| (normalize_phone(p), p))
            .collect();
        let mut matched: Vec<(usize, MatchReason)> = Vec::new();
        let mut note = |k: usize, reason: MatchReason| {
            if !matched.iter().any(|(seen, _)| *seen == k) {
                matched.push((k, reason));
            }
        };
        for (email, shown) in emails.iter().filter(|(e, _)| !e.is_empty()) {
            for &k in by_email.get(email).into_iter().flatten() {
                note(k, MatchReason::SameEmail((*shown).clone()));
            }
        }
        for (phone, shown) in phones.iter().filter(|(p, _)| !p.is_empty()) {
            for &k in by_phone_tail.get(&tail(phone)).into_iter().flatten() {
                if known[k]
                    .phones
                    .iter()
                    .any(|theirs| phones_match(theirs, phone))
                {
                    note(k, MatchReason::SamePhone((*shown).clone()));
                }
            }
        }
        let folded = fold_name(&contact.name);
        for &k in by_name.get(&folded).into_iter().flatten() {
            note(k, MatchReason::SimilarName);
        }
        for (k, reason) in matched {
            found.push(LikelyDuplicate {
                contact: c,
                of: known[k].of.clone(),
                name: known[k].name.to_owned(),
                reason,
            });
        }
        let entry = Known {
            of: DuplicateOf::Earlier(c),
            name: &contact.name,
            emails: emails.into_iter().map(|(e, _)| e).collect(),
            phones: phones.into_iter().map(|(p, _)| p).collect(),
        };
        index(
            known.len(),
            &entry,
            &mut by_email,
            &mut by_phone_tail,
            &mut by_name,
        );
        known.push(entry);
    }
    found
}

/// The last 7 digits: numbers that can match share them.
fn tail(phone: &str) -> String {
    phone[phone.len().saturating_sub(7)..].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising() {
        assert_eq!(normalize_email(" Ada@Example.ORG "), "ada@example.org");
        assert_eq!(normalize_phone("+44 (0)7700 900-123"), "4407700900123");
        assert_eq!(normalize_phone("07700 900123"), "7700900123");
        assert!(phones_match(
            &normalize_phone("+44 7700 900123"),
            &normalize_phone("07700 900123")
        ));
        assert!(!phones_match(
            &normalize_phone("123"),
            &normalize_phone("0123123")
        ));
        assert!(!phones_match("", ""));
        assert_eq!(fold_name("  Zoë   MÜLLER "), "zoe muller");
        assert_eq!(fold_name("Łukasz Dąbrowski"), "lukasz dabrowski");
        assert_eq!(fold_name("Straße"), "strasse");
    }
}
