//! Reading LinkedIn's `Connections.csv` (Settings → Data privacy → Get a copy of your data).
//!
//! The file starts with a byte-order mark and a "Notes:" preamble before the
//! header row `First Name,Last Name,URL,Email Address,Company,Position,Connected On`.
//! "Connected On" becomes the day you met, Company the organisation,
//! Position the role, URL a link and Email Address an email. Dates come as
//! `12 Mar 2024` or `7-Feb-22`.
//!
//! LinkedIn leaves the name empty for members who hide it from exports; those
//! rows are reported and skipped rather than named after their profile
//! address, which is often not a name at all.

use super::contact::{
    clean_list, non_blank, ContactFileError, ContactImport, ImportedContact, RecordKind,
};
use super::csv::{read_records, Record};
use super::dates::parse_loose_date;
use super::text::decode_lenient;

/// The columns Rapport reads, by header name.
struct Columns {
    first: usize,
    last: usize,
    url: Option<usize>,
    email: Option<usize>,
    company: Option<usize>,
    position: Option<usize>,
    connected: Option<usize>,
}

fn find_columns(header: &Record) -> Option<Columns> {
    let find = |name: &str| {
        header
            .fields
            .iter()
            .position(|f| f.trim().eq_ignore_ascii_case(name))
    };
    Some(Columns {
        first: find("First Name")?,
        last: find("Last Name")?,
        url: find("URL"),
        email: find("Email Address"),
        company: find("Company"),
        position: find("Position"),
        connected: find("Connected On"),
    })
}

/// Reads a LinkedIn connections export.
pub fn import_linkedin(bytes: &[u8]) -> Result<ContactImport, ContactFileError> {
    let text = decode_lenient(bytes, "a LinkedIn connections file")?;
    let parsed = read_records(&text, ',');
    let (header_index, columns) = parsed
        .records
        .iter()
        .enumerate()
        .find_map(|(i, record)| find_columns(record).map(|c| (i, c)))
        .ok_or_else(|| {
            ContactFileError::NoHeader(
                "this is not a LinkedIn connections file: no row has the columns \"First Name\" and \"Last Name\""
                    .to_owned(),
            )
        })?;
    let mut result = ContactImport::default();
    for (number, record) in parsed.records[header_index + 1..].iter().enumerate() {
        let number = number + 1;
        let cell = |column: Option<usize>| {
            column
                .and_then(|c| record.fields.get(c))
                .map_or("", |f| f.trim())
        };
        let name = format!("{} {}", cell(Some(columns.first)), cell(Some(columns.last)));
        let Some(name) = non_blank(&name) else {
            let url = cell(columns.url);
            let detail = if url.is_empty() {
                String::new()
            } else {
                format!(" ({url})")
            };
            result.problem(
                RecordKind::Row,
                number,
                record.line,
                format!("this connection has no name{detail}"),
                true,
            );
            continue;
        };
        let mut contact = ImportedContact {
            name,
            org: non_blank(cell(columns.company)),
            role: non_blank(cell(columns.position)),
            emails: vec![cell(columns.email).to_owned()],
            links: vec![cell(columns.url).to_owned()],
            line: record.line,
            ..ImportedContact::default()
        };
        clean_list(&mut contact.emails, true);
        clean_list(&mut contact.links, false);
        let connected = cell(columns.connected);
        if !connected.is_empty() {
            match parse_loose_date(connected) {
                Ok(date) => contact.met_on = Some(date),
                Err(why) => result.problem(
                    RecordKind::Row,
                    number,
                    record.line,
                    format!("Connected On: {why}; the date was left out"),
                    false,
                ),
            }
        }
        result.contacts.push(contact);
    }
    if let Some(line) = parsed.unclosed_quote_at {
        result.problem(
            RecordKind::Row,
            parsed.records.len().saturating_sub(header_index),
            line,
            "a quoted field is never closed, so the rest of the file could not be read (is it truncated?)",
            true,
        );
    }
    Ok(result)
}
