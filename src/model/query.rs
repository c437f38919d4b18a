//! Finding people: accent-insensitive search, filters and sort orders for the
//! People list and the quick-log picker.
//!
//! Search folds both sides ([`fold`]): case, accents, apostrophes, hyphens,
//! dots and extra spaces are ignored, so "chloe" finds "Chloé", "LUKASZ" finds
//! "Łukasz" and "obrien" finds "O’Brien". Every word of the query must match
//! somewhere in the person's name, organisation, role, tags or notes.
//! [`people_named`] says who a typed name is exactly, so that typing a name in
//! full never makes a second person of someone already there.

use chrono::{Datelike, NaiveDate};

use super::ids::PersonId;
use super::journal::Journal;
use super::nudges::{nudges_for, Nudge};
use super::person::Person;
use super::stats::DueStatus;

/// Folds text for comparison only: lowercases, strips accents from Latin
/// letters, drops apostrophes (' ’ ‘ ʼ), hyphens, dots and invisible
/// characters, and turns each run of spaces into one, with none at the ends.
/// "O’Brien", "o'brien" and "OBrien" all fold to "obrien"; "o brien" keeps its
/// space, and still finds "O’Brien" because search also looks at the name
/// without spaces (see [`searchable_text`] and [`people_named`]).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // A space is written only once something follows it: runs collapse and
    // the ends are trimmed.
    let mut gap = false;
    for c in text.chars() {
        let folded = match fold_char(c) {
            Folded::Drop => continue,
            Folded::Space => {
                gap = true;
                continue;
            }
            kept => kept,
        };
        if gap && !out.is_empty() {
            out.push(' ');
        }
        gap = false;
        match folded {
            Folded::One(f) => out.push(f),
            Folded::Two(a, b) => {
                out.push(a);
                out.push(b);
            }
            // `Lower`; dropped characters and spaces never get here.
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

enum Folded {
    One(char),
    Two(char, char),
    Lower,
    /// Punctuation that people type or leave out at will.
    Drop,
    /// Any kind of space.
    Space,
}

fn fold_char(c: char) -> Folded {
    // Most text is ASCII: settle it before the long match below.
    if c.is_ascii() {
        return match c {
            '\'' | '`' | '-' | '.' => Folded::Drop,
            c if c.is_whitespace() => Folded::Space,
            c => Folded::One(c.to_ascii_lowercase()),
        };
    }
    let base = match c {
        // Apostrophes and primes: "O’Brien" is "O'Brien" is "OBrien".
        '’' | '‘' | 'ʼ' | 'ʻ' | '´' | '′' => return Folded::Drop,
        // Hyphens (the soft one is invisible), the en dash often typed for one,
        // the middle dot of "l·l", zero-width characters pasted with a name,
        // and combining accents of decomposed text ("e" + "\u{301}").
        '\u{ad}' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '·' => return Folded::Drop,
        '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' => return Folded::Drop,
        '\u{300}'..='\u{36f}' => return Folded::Drop,
        c if c.is_whitespace() => return Folded::Space,
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' => 'a',
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Č' | 'č' | 'Ĉ' | 'ĉ' | 'Ċ' | 'ċ' => 'c',
        'Ď' | 'ď' | 'Đ' | 'đ' | 'Ð' | 'ð' => 'd',
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' | 'Ė' | 'ė' | 'Ę' | 'ę' | 'Ě' | 'ě' => 'e',
        'Ĕ' | 'ĕ' | 'Ế' | 'ế' | 'Ề' | 'ề' | 'Ễ' | 'ễ' | 'Ệ' | 'ệ' => 'e',
        'Ğ' | 'ğ' | 'Ģ' | 'ģ' | 'Ĝ' | 'ĝ' | 'Ġ' | 'ġ' => 'g',
        'Ĥ' | 'ĥ' | 'Ħ' | 'ħ' => 'h',
        'Ì'..='Ï' | 'ì'..='ï' | 'Ī' | 'ī' | 'Į' | 'į' | 'İ' | 'ı' => 'i',
        'Ĩ' | 'ĩ' | 'Ĭ' | 'ĭ' => 'i',
        'Ĵ' | 'ĵ' => 'j',
        'Ķ' | 'ķ' => 'k',
        'Ł' | 'ł' | 'Ĺ' | 'ĺ' | 'Ļ' | 'ļ' | 'Ľ' | 'ľ' | 'Ŀ' | 'ŀ' => 'l',
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ņ' | 'ņ' | 'Ň' | 'ň' => 'n',
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō' | 'ō' | 'Ő' | 'ő' => 'o',
        'Ŏ' | 'ŏ' | 'Ơ' | 'ơ' | 'Ố' | 'ố' | 'Ộ' | 'ộ' => 'o',
        'Ŕ' | 'ŕ' | 'Ř' | 'ř' | 'Ŗ' | 'ŗ' => 'r',
        'Ś' | 'ś' | 'Š' | 'š' | 'Ş' | 'ş' | 'Ș' | 'ș' | 'Ŝ' | 'ŝ' => 's',
        'Ť' | 'ť' | 'Ţ' | 'ţ' | 'Ț' | 'ț' | 'Ŧ' | 'ŧ' => 't',
        'Ù'..='Ü' | 'ù'..='ü' | 'Ū' | 'ū' | 'Ů' | 'ů' | 'Ű' | 'ű' | 'Ų' | 'ų' => 'u',
        'Ũ' | 'ũ' | 'Ŭ' | 'ŭ' | 'Ư' | 'ư' => 'u',
        'Ŵ' | 'ŵ' => 'w',
        'Ý' | 'ý' | 'ÿ' | 'Ÿ' | 'Ŷ' | 'ŷ' => 'y',
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' => 'z',
        'ß' => return Folded::Two('s', 's'),
        'Æ' | 'æ' => return Folded::Two('a', 'e'),
        'Œ' | 'œ' => return Folded::Two('o', 'e'),
        'Þ' | 'þ' => return Folded::Two('t', 'h'),
        _ => return Folded::Lower,
    };
    Folded::One(base)
}

/// Whether every word of `query` appears in the person's searchable text.
pub fn matches(person: &Person, query: &str) -> bool {
    let words: Vec<String> = fold(query).split_whitespace().map(str::to_owned).collect();
    if words.is_empty() {
        return true;
    }
    let haystack = searchable_text(person);
    words.iter().all(|word| haystack.contains(word.as_str()))
}

/// The folded text a person is searched by: the folded name first, then, for
/// a name of several words, the name run together (so "obrien" finds
/// "O Brien" and "jeanluc" finds "Jean Luc"), then the other fields, each on
/// its own line.
pub fn searchable_text(person: &Person) -> String {
    let name = fold(&person.name);
    let mut text = name.clone();
    if name.contains(' ') {
        text.push('\n');
        text.extend(name.split(' '));
    }
    for part in [&person.org, &person.role].into_iter().flatten() {
        text.push('\n');
        text.push_str(&fold(part));
    }
    for tag in &person.tags {
        text.push('\n');
        text.push_str(&fold(tag));
    }
    text.push('\n');
    text.push_str(&fold(&person.notes));
    text
}

/// What the People list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    /// Everyone who is not archived.
    #[default]
    Active,
    /// Overdue or past the maximum gap.
    Overdue,
    /// Due within the due-soon window.
    DueSoon,
    /// Relationships a one-sided nudge applies to.
    OneSided,
    /// Archived people only.
    Archived,
}

/// How the People list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// A to Z, ignoring case and accents.
    #[default]
    Name,
    /// Most recent contact first; never-contacted last.
    LastContact,
    /// Most overdue first (by days past the ideal gap); no cadence last.
    MostOverdue,
    /// You give most first (balance score, descending).
    Balance,
}

/// A People-list query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PeopleQuery {
    /// Free text; empty matches everyone.
    pub text: String,
    /// Only people with this tag.
    pub tag: Option<String>,
    /// Which people.
    pub status: StatusFilter,
    /// Order.
    pub sort: SortOrder,
}

/// True for nudges that say the relationship is one-sided.
pub fn is_one_sided(nudge: &Nudge) -> bool {
    matches!(
        nudge,
        Nudge::TwoWayStreet { .. } | Nudge::OnlyWhenYouNeedSomething { .. }
    )
}

/// The folded search text of every person, in the journal's order, so that a
/// keystroke in the search box folds nothing but the query. Build it once per
/// journal revision.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchIndex {
    entries: Vec<IndexEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct IndexEntry {
    id: PersonId,
    /// [`searchable_text`]: the folded name first, then a newline.
    text: String,
    /// Length of the folded name at the start of `text`.
    name_len: usize,
}

impl IndexEntry {
    fn new(person: &Person) -> Self {
        let text = searchable_text(person);
        // A folded name has no newline: the first one ends it.
        let name_len = text.find('\n').unwrap_or(text.len());
        Self {
            id: person.id.clone(),
            text,
            name_len,
        }
    }

    fn name(&self) -> &str {
        &self.text[..self.name_len]
    }
}

impl SearchIndex {
    /// Folds everyone's searchable text once.
    pub fn new(journal: &Journal) -> Self {
        Self {
            entries: journal.people().map(IndexEntry::new).collect(),
        }
    }

    /// Whether the index lines up with `journal`'s people (same people, same
    /// order); an edited record is not noticed, see [`find_people_in`].
    fn lines_up_with(&self, journal: &Journal) -> bool {
        self.entries.len() == journal.person_count()
            && self
                .entries
                .iter()
                .zip(journal.people())
                .all(|(entry, person)| entry.id == person.id)
    }
}

/// The ids of the people matching `query`, in its order.
pub fn find_people(journal: &Journal, query: &PeopleQuery, today: NaiveDate) -> Vec<PersonId> {
    find_people_in(journal, &SearchIndex::new(journal), query, today)
}

/// [`find_people`] with the folded text taken from `index`, which must have
/// been built from this revision of the journal to see edits to a person's
/// text; when people were added or removed since, it is built afresh here.
pub fn find_people_in(
    journal: &Journal,
    index: &SearchIndex,
    query: &PeopleQuery,
    today: NaiveDate,
) -> Vec<PersonId> {
    let fresh;
    let index = if index.lines_up_with(journal) {
        index
    } else {
        fresh = SearchIndex::new(journal);
        &fresh
    };
    let words: Vec<String> = fold(&query.text)
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let mut found: Vec<(&Person, SortKey)> = journal
        .people()
        .zip(&index.entries)
        .filter(|(p, _)| match query.status {
            StatusFilter::Archived => p.archived,
            _ => !p.archived,
        })
        .filter(|(p, _)| query.tag.as_deref().is_none_or(|tag| p.has_tag(tag)))
        .filter(|(_, entry)| words.iter().all(|w| entry.text.contains(w.as_str())))
        .filter(|(p, _)| {
            let due = || journal.contact_due(&p.id, today).map(|d| d.status);
            match query.status {
                StatusFilter::Overdue => {
                    matches!(due(), Some(DueStatus::Overdue | DueStatus::PastMax))
                }
                StatusFilter::DueSoon => due() == Some(DueStatus::DueSoon),
                StatusFilter::OneSided => {
                    nudges_for(journal, &p.id, today).iter().any(is_one_sided)
                }
                StatusFilter::Active | StatusFilter::Archived => true,
            }
        })
        .map(|(p, entry)| (p, sort_key(journal, p, entry.name(), query.sort, today)))
        .collect();
    found.sort_unstable_by(|(a, ka), (b, kb)| ka.cmp(kb).then_with(|| a.id.cmp(&b.id)));
    found.into_iter().map(|(p, _)| p.id.clone()).collect()
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum SortKey<'a> {
    Text(&'a str),
    Number(i64, &'a str),
}

fn sort_key<'a>(
    journal: &Journal,
    person: &Person,
    name: &'a str,
    sort: SortOrder,
    today: NaiveDate,
) -> SortKey<'a> {
    match sort {
        SortOrder::Name => SortKey::Text(name),
        SortOrder::LastContact => {
            let last = journal.stats(&person.id).and_then(|s| s.last_contact);
            // Newest first; never contacted sorts after everyone.
            SortKey::Number(
                last.map_or(i64::MAX, |d| -i64::from(d.num_days_from_ce())),
                name,
            )
        }
        SortOrder::MostOverdue => {
            let until = journal
                .contact_due(&person.id, today)
                .and_then(|d| d.days_until_due);
            SortKey::Number(until.unwrap_or(i64::MAX), name)
        }
        SortOrder::Balance => {
            let score = journal.balance(&person.id).map_or(0, |b| b.score);
            SortKey::Number(-score, name)
        }
    }
}

/// People for the quick-log picker, best first: whoever has exactly the typed
/// name (see [`people_named`]), then names starting with it, names with a word
/// starting with it, names containing it, and matches elsewhere. Archived
/// people come after everyone else, except that an exact name comes before
/// any partial one.
pub fn pick_people(journal: &Journal, text: &str, limit: usize) -> Vec<PersonId> {
    let folded = fold(text);
    if folded.is_empty() {
        return Vec::new();
    }
    let words: Vec<&str> = folded.split(' ').collect();
    let elsewhere = |p: &Person| {
        let text = searchable_text(p);
        words.iter().all(|w| text.contains(w))
    };
    // Sorted by: not the exact name, archived, rank, folded name, id.
    let mut found: Vec<((bool, bool, u8), String, &Person)> = journal
        .people()
        .filter_map(|p| {
            let name = fold(&p.name);
            let rank = if same_name(&name, &folded) {
                0
            } else if name.starts_with(&folded) {
                1
            } else if name.split(' ').any(|w| w.starts_with(&folded)) {
                2
            } else if name.contains(&folded) {
                3
            } else if elsewhere(p) {
                4
            } else {
                return None;
            };
            Some(((rank != 0, p.archived, rank), name, p))
        })
        .collect();
    found.sort_unstable_by(|a, b| (a.0, &a.1, &a.2.id).cmp(&(b.0, &b.1, &b.2.id)));
    found
        .into_iter()
        .take(limit)
        .map(|(_, _, p)| p.id.clone())
        .collect()
}

/// The people whose name is `name`, ignoring case, accents, apostrophes,
/// hyphens, dots and spaces ("o brien", "O’Brien" and "OBrien" are one name;
/// "Rachel Kimball" is not "Rachel Kim"): the ones not archived first, each
/// group in the journal's order. Empty when `name` folds to nothing. This is
/// how a name typed in full finds the person it already belongs to instead of
/// making a second one.
pub fn people_named(journal: &Journal, name: &str) -> Vec<PersonId> {
    let wanted = fold(name);
    if wanted.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<&Person> = journal
        .people()
        .filter(|p| same_name(&fold(&p.name), &wanted))
        .collect();
    // Stable, so each group keeps the journal's order.
    found.sort_by_key(|p| p.archived);
    found.into_iter().map(|p| p.id.clone()).collect()
}

/// Whether two folded names are the same name; spaces only say where words
/// break, and people disagree about that ("Jean Luc", "Jean-Luc").
fn same_name(a: &str, b: &str) -> bool {
    let letter = |c: &u8| *c != b' ';
    a.bytes().filter(letter).eq(b.bytes().filter(letter))
}

/// Everyone's id and name, ordered by name ignoring case and accents (for menus).
pub fn people_by_name(journal: &Journal) -> Vec<(PersonId, String)> {
    let mut people: Vec<(String, PersonId, String)> = journal
        .people()
        .map(|p| (fold(&p.name), p.id.clone(), p.name.clone()))
        .collect();
    people.sort_unstable();
    people.into_iter().map(|(_, id, name)| (id, name)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_and_accents() {
        assert_eq!(fold("Chloé"), "chloe");
        assert_eq!(fold("ŁUKASZ Żółć"), "lukasz zolc");
        assert_eq!(fold("Siobhán Ó Súilleabháin"), "siobhan o suilleabhain");
        assert_eq!(fold("Straße Œuvre"), "strasse oeuvre");
        assert_eq!(fold("Ĥŵŷ Nguyễn Ŝŭ Ŀlibre"), "hwy nguyen su llibre");
        assert_eq!(fold("Δημήτρης"), "δημήτρης");
    }

    #[test]
    fn folding_drops_punctuation_and_extra_spaces() {
        assert_eq!(
            fold("  Siobhán  O’Brien-Ní\u{a0}Dhuibh "),
            "siobhan obrienni dhuibh"
        );
        assert_eq!(fold("J.R.R. Tolkien"), "jrr tolkien");
        assert_eq!(fold("Sio\u{200b}bha\u{301}n"), "siobhan");
        assert_eq!(fold("’ - . "), "");
    }
}
