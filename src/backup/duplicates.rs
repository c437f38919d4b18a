//! Flagging imported contacts that are probably people already in the
//! journal (or earlier in the same file), so the user can merge or skip them.
//!
//! A match is any of:
//! * the same email, ignoring case and spaces;
//! * the same phone number, compared whole: in E.164 form when it has a
//!   country code (`+44 (0)7700 900123` and `0044 7700 900123` are both
//!   `+447700900123`), otherwise as its full string of digits. One number
//!   ending with another is not a match (`3456789` is not `123456789`);
//! * a near-identical name, folded as the People search folds it
//!   ([`fold`]: case, accents, apostrophes, hyphens, dots and repeated spaces
//!   ignored, so `Zoë  MÜLLER` matches `Zoe Muller`), but only when the two have no
//!   conflicting phones or emails: two "Sam Lee"s with different numbers and
//!   addresses are two people.

use std::collections::BTreeMap;

use super::contact::ImportedContact;
use crate::model::query::fold;
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

/// A phone number as compared: `+` and its digits (E.164) when it starts
/// with a country code (`+` or `00`), otherwise all its digits. Empty when it
/// has no digits.
pub fn normalize_phone(phone: &str) -> String {
    let text = phone.trim();
    let digits = |text: &str| -> String { text.chars().filter(char::is_ascii_digit).collect() };
    let all = digits(text);
    let international = text.starts_with('+') || all.starts_with("00");
    if !international {
        return all;
    }
    // "+44 (0)7700 …": the trunk zero in brackets is not dialled after a country code.
    let national = digits(&text.replace("(0)", ""));
    let national = if text.starts_with('+') {
        national.as_str()
    } else {
        national.get(2..).unwrap_or("")
    };
    if national.is_empty() {
        String::new()
    } else {
        format!("+{national}")
    }
}

/// How two normalised phone numbers compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneMatch {
    /// The same number.
    Same,
    /// Cannot tell: one has a country code and the other, written without
    /// one, is its national part (`+44 7700 900123` and `07700 900123`).
    /// Not a match, but not a sign of two different people either.
    Maybe,
    /// Different numbers.
    Different,
}

/// Compares two numbers from [`normalize_phone`].
pub fn compare_phones(a: &str, b: &str) -> PhoneMatch {
    if a.is_empty() || b.is_empty() {
        return PhoneMatch::Different;
    }
    if a == b {
        return PhoneMatch::Same;
    }
    let (international, national) = match (a.strip_prefix('+'), b.strip_prefix('+')) {
        (Some(e164), None) => (e164, b),
        (None, Some(e164)) => (e164, a),
        _ => return PhoneMatch::Different,
    };
    // A national number drops the country code (1 to 3 digits) and may add
    // a trunk 0; or the `+` alone was left out.
    let significant = national.trim_start_matches('0');
    let country_code = international.len().saturating_sub(significant.len());
    if significant.len() >= 6 && international.ends_with(significant) && country_code <= 3 {
        PhoneMatch::Maybe
    } else {
        PhoneMatch::Different
    }
}

/// Whether two people's details say they are different people: both have
/// emails and none is shared, or both have phones and none could be the same.
fn details_conflict(a_emails: &[String], a_phones: &[String], b: &Known) -> bool {
    let usable = |list: &[String]| list.iter().any(|v| !v.is_empty());
    let emails_conflict = usable(a_emails)
        && usable(&b.emails)
        && !a_emails
            .iter()
            .any(|e| !e.is_empty() && b.emails.contains(e));
    let phones_conflict = usable(a_phones)
        && usable(&b.phones)
        && !a_phones.iter().any(|mine| {
            b.phones
                .iter()
                .any(|theirs| compare_phones(mine, theirs) != PhoneMatch::Different)
        });
    emails_conflict || phones_conflict
}

/// Email first, then phone, then name.
fn strength(reason: &MatchReason) -> u8 {
    match reason {
        MatchReason::SameEmail(_) => 0,
        MatchReason::SamePhone(_) => 1,
        MatchReason::SimilarName => 2,
    }
}

/// The strongest reason `known` matches a contact (email, then phone, then name).
fn match_reason(
    shown_emails: &[String],
    emails: &[String],
    shown_phones: &[String],
    phones: &[String],
    folded_name: &str,
    known: &Known,
) -> Option<MatchReason> {
    let email = emails
        .iter()
        .zip(shown_emails)
        .find(|(e, _)| !e.is_empty() && known.emails.contains(e));
    if let Some((_, shown)) = email {
        return Some(MatchReason::SameEmail(shown.clone()));
    }
    let phone = phones.iter().zip(shown_phones).find(|(p, _)| {
        known
            .phones
            .iter()
            .any(|theirs| compare_phones(p, theirs) == PhoneMatch::Same)
    });
    if let Some((_, shown)) = phone {
        return Some(MatchReason::SamePhone(shown.clone()));
    }
    (folded_name == fold(known.name) && !details_conflict(emails, phones, known))
        .then_some(MatchReason::SimilarName)
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
    // Candidates by normalised email, phone and name: positions in `known`.
    let mut index: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let keys = |entry: &Known| -> Vec<String> {
        let emails = entry.emails.iter().filter(|e| !e.is_empty());
        let phones = entry.phones.iter().filter(|p| !p.is_empty());
        emails
            .map(|e| format!("e:{e}"))
            .chain(phones.map(|p| format!("p:{p}")))
            .chain([format!("n:{}", fold(entry.name))])
            .collect()
    };
    for (k, entry) in known.iter().enumerate() {
        for key in keys(entry) {
            index.entry(key).or_default().push(k);
        }
    }

    let mut found = Vec::new();
    for (c, contact) in contacts.iter().enumerate() {
        let entry = Known {
            of: DuplicateOf::Earlier(c),
            name: &contact.name,
            emails: contact.emails.iter().map(|e| normalize_email(e)).collect(),
            phones: contact.phones.iter().map(|p| normalize_phone(p)).collect(),
        };
        let entry_keys = keys(&entry);
        let mut candidates: Vec<usize> = entry_keys
            .iter()
            .filter_map(|key| index.get(key))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let folded = fold(&contact.name);
        let mut matches: Vec<(usize, MatchReason)> = candidates
            .into_iter()
            .filter_map(|k| {
                match_reason(
                    &contact.emails,
                    &entry.emails,
                    &contact.phones,
                    &entry.phones,
                    &folded,
                    &known[k],
                )
                .map(|reason| (k, reason))
            })
            .collect();
        // Strongest reason first, so the first flag of a contact is the best one.
        matches.sort_by_key(|(k, reason)| (strength(reason), *k));
        found.extend(matches.into_iter().map(|(k, reason)| LikelyDuplicate {
            contact: c,
            of: known[k].of.clone(),
            name: known[k].name.to_owned(),
            reason,
        }));
        for key in entry_keys {
            index.entry(key).or_default().push(known.len());
        }
        known.push(entry);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising() {
        assert_eq!(normalize_email(" Ada@Example.ORG "), "ada@example.org");
        assert_eq!(normalize_phone("+44 (0)7700 900-123"), "+447700900123");
        assert_eq!(normalize_phone("0044 7700 900123"), "+447700900123");
        assert_eq!(normalize_phone("07700 900123"), "07700900123");
        assert_eq!(normalize_phone("(555) 010-9999"), "5550109999");
        assert_eq!(normalize_phone("+ (0)"), "");
        assert_eq!(normalize_phone("call me"), "");
        assert_eq!(compare_phones("", ""), PhoneMatch::Different);
        assert_eq!(fold("  Zoë   MÜLLER "), "zoe muller");
        assert_eq!(fold("Łukasz Dąbrowski"), "lukasz dabrowski");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("O’Brien"), fold("OBrien"));
    }
}
