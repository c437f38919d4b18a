//! Writing people as vCard 4.0 (RFC 6350): `FN`, `N`, `ORG`, `TITLE`,
//! `EMAIL`, `TEL`, `URL`, `BDAY` (`--MMDD` without a year), `CATEGORIES` and
//! `NOTE`, escaped, folded at 75 octets, with CRLF line ends.
//!
//! `N` is derived from the name (last word as family name), since Rapport
//! keeps one name field. Control characters other than tab are left out of
//! text, and carriage returns become line breaks.

use chrono::NaiveDate;

use super::content_line::{escape_text, escape_uri, push_folded};
use crate::model::{Birthday, Person};

/// The suggested file name of a contacts export made on `date`.
pub fn vcard_file_name(date: NaiveDate) -> String {
    format!("rapport-contacts-{}.vcf", date)
}

/// The people as one vCard 4.0 file, one card each, in the order given.
pub fn export_vcard<'a>(people: impl IntoIterator<Item = &'a Person>) -> String {
    let mut out = String::new();
    for person in people {
        write_card(&mut out, person);
    }
    out
}

fn write_card(out: &mut String, person: &Person) {
    let mut line = |text: String| push_folded(out, &text);
    line("BEGIN:VCARD".to_owned());
    line("VERSION:4.0".to_owned());
    line(format!("FN:{}", escape_text(&person.name)));
    let (given, family) = split_name(&person.name);
    line(format!(
        "N:{};{};;;",
        escape_text(family),
        escape_text(given)
    ));
    if let Some(org) = &person.org {
        line(format!("ORG:{}", escape_text(org)));
    }
    if let Some(role) = &person.role {
        line(format!("TITLE:{}", escape_text(role)));
    }
    for email in &person.emails {
        line(format!("EMAIL:{}", escape_text(email)));
    }
    for phone in &person.phones {
        line(format!("TEL:{}", escape_text(phone)));
    }
    for link in &person.links {
        line(format!("URL:{}", escape_uri(link)));
    }
    if let Some(birthday) = person.birthday {
        line(format!("BDAY:{}", vcard_date(birthday)));
    }
    if !person.tags.is_empty() {
        let tags: Vec<String> = person.tags.iter().map(|t| escape_text(t)).collect();
        line(format!("CATEGORIES:{}", tags.join(",")));
    }
    if !person.notes.trim().is_empty() {
        line(format!("NOTE:{}", escape_text(&person.notes)));
    }
    line("END:VCARD".to_owned());
}

/// ("Ana María", "Silva") from "Ana María Silva"; a one-word name is a given name.
fn split_name(name: &str) -> (&str, &str) {
    let name = name.trim();
    match name.rsplit_once(char::is_whitespace) {
        Some((given, family)) => (given.trim_end(), family),
        None => (name, ""),
    }
}

/// `19900704`, or `--0704` without a year (RFC 6350 basic date format).
fn vcard_date(birthday: Birthday) -> String {
    match birthday.year() {
        Some(year) => format!("{year:04}{:02}{:02}", birthday.month(), birthday.day()),
        None => format!("--{:02}{:02}", birthday.month(), birthday.day()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PersonId;
    use chrono::DateTime;

    #[test]
    fn a_card_with_every_field_is_escaped_and_folded() {
        let mut person = Person::new(
            PersonId::new(1),
            "Zoë Müller",
            DateTime::from_timestamp(0, 0).unwrap(),
        );
        person.org = Some("Fjord Labs; Oslo".into());
        person.birthday = Birthday::new(2, 29, None).ok();
        person.tags = vec!["posse".into(), "a,b".into()];
        person.notes = format!("Line one\nLine two {}", "x".repeat(70));
        let card = export_vcard([&person]);
        assert_eq!(
            card,
            format!(
                "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Zoë Müller\r\nN:Müller;Zoë;;;\r\nORG:Fjord Labs\\; Oslo\r\n\
                 BDAY:--0229\r\nCATEGORIES:posse,a\\,b\r\nNOTE:Line one\\nLine two {}\r\n {}\r\nEND:VCARD\r\n",
                "x".repeat(51),
                "x".repeat(19)
            )
        );
        assert_eq!(
            vcard_date(Birthday::new(7, 4, Some(1990)).unwrap()),
            "19900704"
        );
        assert_eq!(split_name("Cher"), ("Cher", ""));
    }
}
