//! Finding people: accent-insensitive search, filters and sort orders for the
//! People list and the quick-log picker.
//!
//! Search folds case and accents on both sides, so "chloe" finds "Chloé" and
//! "LUKASZ" finds "Łukasz". Every word of the query must match somewhere in the
//! person's name, organisation, role, tags or notes.

use chrono::{Datelike, NaiveDate};

use super::ids::PersonId;
use super::journal::Journal;
use super::nudges::{nudges_for, Nudge};
use super::person::Person;
use super::stats::DueStatus;

/// Lowercases and strips accents from Latin letters, for comparison only.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match fold_char(c) {
            Folded::One(f) => out.push(f),
            Folded::Two(a, b) => {
                out.push(a);
                out.push(b);
            }
            Folded::Lower => out.extend(c.to_lowercase()),
        }
    }
    out
}

enum Folded {
    One(char),
    Two(char, char),
    Lower,
}

fn fold_char(c: char) -> Folded {
    let base = match c {
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' => 'a',
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Č' | 'č' | 'Ĉ' | 'ĉ' | 'Ċ' | 'ċ' => 'c',
        'Ď' | 'ď' | 'Đ' | 'đ' | 'Ð' | 'ð' => 'd',
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' | 'Ė' | 'ė' | 'Ę' | 'ę' | 'Ě' | 'ě' => 'e',
        'Ğ' | 'ğ' | 'Ģ' | 'ģ' => 'g',
        'Ì'..='Ï' | 'ì'..='ï' | 'Ī' | 'ī' | 'Į' | 'į' | 'İ' | 'ı' => 'i',
        'Ķ' | 'ķ' => 'k',
        'Ł' | 'ł' | 'Ĺ' | 'ĺ' | 'Ļ' | 'ļ' | 'Ľ' | 'ľ' => 'l',
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ņ' | 'ņ' | 'Ň' | 'ň' => 'n',
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō' | 'ō' | 'Ő' | 'ő' => 'o',
        'Ŕ' | 'ŕ' | 'Ř' | 'ř' => 'r',
        'Ś' | 'ś' | 'Š' | 'š' | 'Ş' | 'ş' | 'Ș' | 'ș' => 's',
        'Ť' | 'ť' | 'Ţ' | 'ţ' | 'Ț' | 'ț' => 't',
        'Ù'..='Ü' | 'ù'..='ü' | 'Ū' | 'ū' | 'Ů' | 'ů' | 'Ű' | 'ű' | 'Ų' | 'ų' => 'u',
        'Ý' | 'ý' | 'ÿ' | 'Ÿ' => 'y',
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' => 'z',
        'ß' => return Folded::Two('s', 's'),
        'Æ' | 'æ' => return Folded::Two('a', 'e'),
        'Œ' | 'œ' => return Folded::Two('o', 'e'),
        'Þ' | 'þ' => return Folded::Two('t', 'h'),
        c if c.is_ascii() => return Folded::One(c.to_ascii_lowercase()),
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

/// The folded text a person is searched by.
pub fn searchable_text(person: &Person) -> String {
    let mut text = fold(&person.name);
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
        let name_len = fold(&person.name).len();
        Self {
            id: person.id.clone(),
            text: searchable_text(person),
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

/// People for the quick-log picker: name matches first (names starting with the
/// query before others), then matches elsewhere; archived people last.
pub fn pick_people(journal: &Journal, text: &str, limit: usize) -> Vec<PersonId> {
    let folded = fold(text.trim());
    if folded.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(u8, String, &Person)> = journal
        .people()
        .filter_map(|p| {
            let name = fold(&p.name);
            let rank = if name.starts_with(&folded) {
                0
            } else if name.split_whitespace().any(|w| w.starts_with(&folded)) {
                1
            } else if name.contains(&folded) {
                2
            } else if matches(p, text) {
                3
            } else {
                return None;
            };
            Some((rank + if p.archived { 10 } else { 0 }, name, p))
        })
        .collect();
    found.sort_unstable_by(|a, b| (a.0, &a.1, &a.2.id).cmp(&(b.0, &b.1, &b.2.id)));
    found
        .into_iter()
        .take(limit)
        .map(|(_, _, p)| p.id.clone())
        .collect()
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
        assert_eq!(fold("Δημήτρης"), "δημήτρης");
    }
}
