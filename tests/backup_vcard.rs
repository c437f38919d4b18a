//! vCard import of real exports (iPhone, Android, Gmail, Outlook 2007, the
//! RFC 6350 example), asserted field by field; broken cards; and the vCard
//! 4.0 export read back by the importer without loss.
#![cfg(not(target_arch = "wasm32"))]

use chrono::DateTime;
use proptest::prelude::*;
use rapport::backup::*;
use rapport::model::{Birthday, Person, PersonId};

macro_rules! fixture {
    ($name:literal) => {
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/fixtures/vcard/",
            $name
        ))
    };
}

fn import(bytes: &[u8]) -> ContactImport {
    import_vcard(bytes).unwrap()
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn birthday(month: u32, day: u32, year: Option<i32>) -> Option<Birthday> {
    Some(Birthday::new(month, day, year).unwrap())
}

#[test]
fn iphone_export() {
    let result = import(fixture!("John_Doe_IPHONE.vcf"));
    assert_eq!(result.problems, []);
    assert_eq!(result.contacts.len(), 1);
    let john = &result.contacts[0];
    assert_eq!(john.name, "Mr. John Richter James Doe Sr.");
    assert_eq!(john.org.as_deref(), Some("IBM"));
    assert_eq!(john.role.as_deref(), Some("Money Counter"));
    assert_eq!(john.emails, strings(&["john.doe@ibm.com"]));
    assert_eq!(
        john.phones,
        strings(&[
            "905-555-1234",
            "905-666-1234",
            "905-777-1234",
            "905-888-1234",
            "905-999-1234",
            "905-111-1234",
            "905-222-1234"
        ])
    );
    assert_eq!(john.links, strings(&["http://www.ibm.com"]));
    assert_eq!(john.birthday, birthday(6, 6, Some(2012)));
    assert_eq!(john.tags, Vec::<String>::new());
    assert_eq!(john.notes, "");
    assert_eq!(john.line, 1);
}

#[test]
fn android_export_with_quoted_printable_and_nameless_cards() {
    let result = import(fixture!("John_Doe_ANDROID.vcf"));
    let names: Vec<&str> = result.contacts.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "john.doe@company.com",
            "jane.doe@company.com",
            "Ñ Ñ Ñ Ñ Ñ",
            "Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ",
            "Ñ Ñ Ñ Ñ",
            "ÑÑÑÑ"
        ]
    );
    let lines: Vec<usize> = result.contacts.iter().map(|c| c.line).collect();
    assert_eq!(lines, [1, 6, 11, 18, 36, 71]);
    let problems: Vec<String> = result.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [
            "card 1 (line 1): it has no name, so it is named after its email address",
            "card 2 (line 6): it has no name, so it is named after its email address",
        ]
    );
    let [first, _, third, fourth, bob, henry] = result.contacts.as_slice() else {
        panic!("six contacts expected");
    };
    assert_eq!(first.emails, strings(&["john.doe@company.com"]));
    assert_eq!(first.tags, strings(&["My Contacts"]));
    assert_eq!(third.phones, strings(&["123456789"]));
    assert_eq!(
        fourth.phones,
        strings(&["123456", "234567", "3456789", "45678901"])
    );
    // Two identical notes, with soft line breaks, become one.
    assert_eq!(fourth.notes, "Ñ Ñ Ñ Ñ Ñ Ñ Ñ ÑÑ Ñ Ñ Ñ Ñ Ñ Ñ ÑÑ Ñ Ñ Ñ Ñ ");
    assert_eq!(bob.org.as_deref(), Some("ÑÑÑÑÑÑÑÑÑÑÑÑ"));
    assert_eq!(bob.emails, strings(&["bob@company.com", "ÑÑÑÑÑÑÑÑÑÑÑÑÑÑ"]));
    assert_eq!(bob.phones, strings(&["123456"]));
    assert_eq!(
        bob.links,
        strings(&["www.company.com", "http://www.company.com"])
    );
    assert_eq!(bob.tags, Vec::<String>::new());
    assert_eq!(henry.org.as_deref(), Some(&*"Ñ".repeat(44)));
    assert_eq!(henry.emails, strings(&["henry@company.com"]));
    assert_eq!(henry.phones, strings(&["55556666"]));
    assert!(result.contacts.iter().all(|c| c.birthday.is_none()));
}

#[test]
fn gmail_exports() {
    let result = import(fixture!("John_Doe_GMAIL.vcf"));
    assert_eq!(result.problems, []);
    let john = &result.contacts[0];
    assert_eq!(john.name, "Mr. John Richter, James Doe Sr.");
    assert_eq!(john.org.as_deref(), Some("IBM"));
    assert_eq!(john.role.as_deref(), Some("Money Counter"));
    assert_eq!(john.emails, strings(&["john.doe@ibm.com"]));
    assert_eq!(john.phones, strings(&["905-555-1234", "905-666-1234"]));
    assert_eq!(john.links, strings(&["http://www.ibm.com"]));
    assert_eq!(john.birthday, birthday(3, 22, Some(1980)));
    assert!(john.notes.starts_with(
        "THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS \"AS IS\" AND ANY"
    ));
    assert!(john.notes.contains(
        "(INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS"
    ));
    assert!(john
        .notes
        .ends_with("POSSIBILITY OF SUCH DAMAGE.\nFavotire Color: Blue"));

    let result = import(fixture!("gmail-single.vcf"));
    assert_eq!(result.problems, []);
    let greg = &result.contacts[0];
    assert_eq!(greg.name, "Greg Dartmouth");
    assert_eq!(greg.org.as_deref(), Some("TheCompany"));
    assert_eq!(greg.role.as_deref(), Some("TheJobTitle"));
    assert_eq!(greg.emails, strings(&["gdartmouth@hotmail.com"]));
    assert_eq!(greg.phones, strings(&["555 555 1111", "555 555 2222"]));
    assert_eq!(greg.links, strings(&["http://TheProfile.com"]));
    assert_eq!(greg.birthday, birthday(9, 10, Some(1960)));
    assert_eq!(
        greg.notes,
        "This is GMail's note field.\nIt should be added as a NOTE type.\nACustomField: CustomField"
    );
}

#[test]
fn outlook_2007_export() {
    let result = import(fixture!("outlook-2007.vcf"));
    assert_eq!(result.problems, []);
    let mike = &result.contacts[0];
    assert_eq!(mike.name, "Mr. Michael Angstadt Jr.");
    assert_eq!(mike.org.as_deref(), Some("TheCompany"));
    assert_eq!(mike.role.as_deref(), Some("TheJobTitle"));
    assert_eq!(mike.emails, strings(&["mike.angstadt@gmail.com"]));
    assert_eq!(
        mike.phones,
        strings(&[
            "(111) 555-1111",
            "(111) 555-2222",
            "(111) 555-4444",
            "(111) 555-3333"
        ])
    );
    assert_eq!(mike.links, strings(&["http://mikeangstadt.name"]));
    assert_eq!(mike.birthday, birthday(3, 10, Some(1922)));
    assert_eq!(
        mike.notes,
        "This is the NOTE field\t\nI assume it encodes this text inside a NOTE vCard type.\n\
         But I'm not sure because there's text formatting going on here.\nIt does not preserve the formatting"
    );
}

#[test]
fn rfc_6350_example() {
    let result = import(fixture!("rfc6350-example.vcf"));
    assert_eq!(result.problems, []);
    let simon = &result.contacts[0];
    assert_eq!(simon.name, "Simon Perreault");
    assert_eq!(simon.org.as_deref(), Some("Viagenie"));
    assert_eq!(simon.role, None);
    assert_eq!(simon.emails, strings(&["simon.perreault@viagenie.ca"]));
    assert_eq!(
        simon.phones,
        strings(&["+1-418-656-9254 ext. 102", "+1-418-262-6501"])
    );
    assert_eq!(simon.links, strings(&["http://nomis80.org"]));
    assert_eq!(simon.birthday, birthday(2, 3, None));
}

#[test]
fn one_broken_card_does_not_sink_the_others() {
    let file = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nBDAY:circa 1800\r\nEND:VCARD\r\n\
                BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Broken\r\nthis line has no colon\r\nEND:VCARD\r\n\
                BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Unfinished\r\n\
                BEGIN:VCARD\r\nVERSION:3.0\r\nN:Okafor;Ben;;;\r\nEND:VCARD\r\n\
                BEGIN:VCARD\r\nVERSION:4.0\r\nNOTE:nothing to call it\r\nEND:VCARD\r\n\
                BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Truncated";
    let result = import(file.as_bytes());
    let names: Vec<&str> = result.contacts.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Ana", "Ben Okafor"]);
    let problems: Vec<String> = result.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [
            "card 1 (line 4): the birthday \"circa 1800\" is not a date; it was left out",
            "card 2 (line 9): this line is not a vCard property (it has no ':'); skipped",
            "card 3 (line 11): it has no END:VCARD line before the next card; skipped",
            "card 5 (line 18): it has no name, organisation, email or phone; skipped",
            "card 6 (line 22): it has no END:VCARD line; the file may be truncated; skipped",
        ]
    );
}

#[test]
fn latin1_apple_groups_and_birthdays_without_a_year() {
    let mut file = b"BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=FCrgen\n".to_vec();
    file.extend_from_slice(
        b"ORG:Caf\xE9 Lumi\xE8re;Kitchen\nitem1.EMAIL;type=INTERNET:j@example.org\n",
    );
    file.extend_from_slice(
        b"item1.X-ABLabel:_$!<Work>!$_\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-03-10\n",
    );
    file.extend_from_slice(b"CATEGORIES:posse,Book club\\, Tuesdays,POSSE\nPHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQ\n AAAA\n\nEND:VCARD\n");
    let result = import(&file);
    assert_eq!(result.problems, []);
    let jurgen = &result.contacts[0];
    assert_eq!(jurgen.name, "Jürgen Müller");
    assert_eq!(jurgen.org.as_deref(), Some("Café Lumière"));
    assert_eq!(jurgen.emails, strings(&["j@example.org"]));
    assert_eq!(jurgen.birthday, birthday(3, 10, None));
    assert_eq!(jurgen.tags, strings(&["posse", "Book club, Tuesdays"]));
    for (text, expected) in [
        ("--0412", birthday(4, 12, None)),
        ("--04-12", birthday(4, 12, None)),
        ("1985-04-12", birthday(4, 12, Some(1985))),
        ("19850412", birthday(4, 12, Some(1985))),
        ("1985-04-12T00:00:00Z", birthday(4, 12, Some(1985))),
    ] {
        let card = format!("BEGIN:VCARD\nVERSION:4.0\nFN:X\nBDAY:{text}\nEND:VCARD\n");
        assert_eq!(
            import(card.as_bytes()).contacts[0].birthday,
            expected,
            "{text}"
        );
    }
}

#[test]
fn files_that_are_not_vcards_are_refused_plainly() {
    let err = |bytes: &[u8]| import_vcard(bytes).unwrap_err().to_string();
    assert_eq!(
        err(b"Name,Email\nAna,a@x.example\n"),
        "this is not a vCard file: it has no BEGIN:VCARD line"
    );
    assert_eq!(err(b""), "this file is empty");
    let utf16: Vec<u8> = "BEGIN:VCARD\r\nFN:Ana\r\nEND:VCARD\r\n"
        .encode_utf16()
        .flat_map(u16::to_be_bytes)
        .collect();
    assert_eq!(
        err(&utf16),
        "this file is not UTF-8 text; it looks like UTF-16. Save it as UTF-8 and try again"
    );
    assert_eq!(
        err(b"\xFF\xD8\xFF\xE0\0\x10JFIF"),
        "this is not a vCard file: it looks like a binary file, not text"
    );
}

#[test]
fn export_is_vcard_4_with_crlf_and_folded_lines() {
    let mut ana = Person::new(
        PersonId::new(1),
        "Ana María Silva",
        DateTime::from_timestamp(0, 0).unwrap(),
    );
    ana.org = Some("Lumen Labs, Inc.".into());
    ana.role = Some("Staff Engineer".into());
    ana.emails = vec!["ana@example.org".into()];
    ana.phones = vec!["+44 7700 900123".into()];
    ana.links = vec!["https://social.example/@ana".into()];
    ana.birthday = birthday(7, 4, Some(1990));
    ana.tags = vec!["posse".into(), "book club".into()];
    ana.notes = "Loves \"naïve\" forecasting; ".repeat(4);
    let text = export_vcard([&ana]);
    assert!(text.starts_with(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ana María Silva\r\nN:Silva;Ana María;;;\r\nORG:Lumen Labs\\, Inc.\r\nTITLE:Staff Engineer\r\n\
         EMAIL:ana@example.org\r\nTEL:+44 7700 900123\r\nURL:https://social.example/@ana\r\nBDAY:19900704\r\n\
         CATEGORIES:posse,book club\r\nNOTE:Loves \"naïve\" forecasting\\; Loves"
    ));
    assert!(text.ends_with("\r\nEND:VCARD\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
        assert!(!line.contains('\n') && !line.contains('\r'));
    }
    assert_eq!(
        vcard_file_name(chrono::NaiveDate::from_ymd_opt(2026, 1, 2).unwrap()),
        "rapport-contacts-2026-01-02.vcf"
    );
}

/// Text as the model keeps it: trimmed, not empty, no control characters.
fn field() -> impl Strategy<Value = String> {
    "[^\\p{Cc}]{1,30}"
        .prop_map(|s| s.trim().to_owned())
        .prop_filter("not blank", |s| !s.is_empty())
}

fn person_strategy() -> impl Strategy<Value = Person> {
    (
        field(),
        proptest::option::of(field()),
        proptest::option::of(field()),
        proptest::collection::vec("[a-z0-9.+_-]{1,10}@[a-z]{1,8}\\.example", 0..3),
        proptest::collection::vec(field(), 0..3),
        proptest::collection::vec(field(), 0..3),
        proptest::option::of((1u32..=12, 1u32..=28, proptest::option::of(1000i32..=9999))),
        proptest::collection::vec(field(), 0..4),
        "([^\\p{Cc}]|\n|\t){0,120}",
    )
        .prop_map(
            |(name, org, role, emails, phones, links, bday, tags, notes)| {
                let mut person = Person::new(
                    PersonId::new(9),
                    name,
                    DateTime::from_timestamp(0, 0).unwrap(),
                );
                person.org = org;
                person.role = role;
                person.emails = dedupe(emails, true);
                person.phones = dedupe(phones, false);
                person.links = dedupe(links, false);
                person.birthday = bday.and_then(|(m, d, y)| Birthday::new(m, d, y).ok());
                person.tags = dedupe(tags, true);
                person.notes = if notes.trim().is_empty() {
                    String::new()
                } else {
                    notes
                };
                person
            },
        )
}

fn dedupe(list: Vec<String>, ignore_case: bool) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    for item in list {
        let key = |s: &str| {
            if ignore_case {
                s.to_lowercase()
            } else {
                s.to_owned()
            }
        };
        if !kept.iter().any(|k| key(k) == key(&item)) {
            kept.push(item);
        }
    }
    kept
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn exported_vcards_read_back_without_loss(people in proptest::collection::vec(person_strategy(), 1..4)) {
        let text = export_vcard(&people);
        let result = import_vcard(text.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(result.problems, vec![]);
        prop_assert_eq!(result.contacts.len(), people.len());
        for (person, contact) in people.iter().zip(&result.contacts) {
            prop_assert_eq!(&contact.name, &person.name);
            prop_assert_eq!(&contact.org, &person.org);
            prop_assert_eq!(&contact.role, &person.role);
            prop_assert_eq!(&contact.emails, &person.emails);
            prop_assert_eq!(&contact.phones, &person.phones);
            prop_assert_eq!(&contact.links, &person.links);
            prop_assert_eq!(contact.birthday, person.birthday);
            prop_assert_eq!(&contact.tags, &person.tags);
            prop_assert_eq!(&contact.notes, &person.notes);
        }
    }
}
