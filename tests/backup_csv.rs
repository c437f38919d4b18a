//! CSV: a LinkedIn Connections.csv (written like LinkedIn's, see
//! `tests/fixtures/contacts/README.md`) field by field, generic CSV with a column
//! mapping, and the interactions export.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use chrono::{DateTime, NaiveDate, NaiveTime};
use proptest::prelude::*;
use rapport::backup::csv::{push_record, read_records};
use rapport::backup::*;
use rapport::model::*;
use support::real_samples;

const LINKEDIN: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/contacts/linkedin-connections.csv"
));

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// Name, organisation, role, emails, links, met on, line.
type Summary<'a> = (
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
    Vec<String>,
    Vec<String>,
    Option<NaiveDate>,
    usize,
);

#[test]
fn linkedin_connections_field_by_field() {
    let result = import_linkedin(LINKEDIN).unwrap();
    let summary: Vec<Summary> = result
        .contacts
        .iter()
        .map(|c| {
            (
                c.name.as_str(),
                c.org.as_deref(),
                c.role.as_deref(),
                c.emails.clone(),
                c.links.clone(),
                c.met_on,
                c.line,
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "Ingrid Solberg",
                Some("Fjordline Design, AS"),
                Some("Product Designer"),
                strings(&["ingrid.solberg@example.com"]),
                strings(&["https://www.linkedin.com/in/ingrid-solberg-9f8e7d"]),
                Some(d(2024, 12, 1)),
                5
            ),
            (
                "Marcus Bell",
                Some("Harbor Analytics"),
                Some("Head of Data, Europe"),
                vec![],
                strings(&["https://www.linkedin.com/in/marcus-bell"]),
                Some(d(2019, 1, 3)),
                6
            ),
            (
                "Zoë Achterberg",
                Some("Studio Achterberg"),
                Some("Partner \"and\" Co-founder"),
                vec![],
                strings(&["https://www.linkedin.com/in/zoe-a"]),
                Some(d(2022, 2, 7)),
                7
            ),
            (
                "Yusuf",
                None,
                None,
                vec![],
                strings(&["https://www.linkedin.com/in/yusuf"]),
                Some(d(2026, 9, 28)),
                8
            ),
            (
                "Ólafur Jónsson",
                Some("Reykjavik Rowing Club"),
                Some("Volunteer Treasurer"),
                strings(&["olafur@example.org"]),
                strings(&["https://www.linkedin.com/in/olafur-jonsson"]),
                Some(d(2025, 11, 15)),
                10
            ),
        ]
    );
    let problems: Vec<String> = result.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        ["row 5 (line 9): this connection has no name (https://www.linkedin.com/in/private-member); skipped"]
    );
    assert!(result
        .contacts
        .iter()
        .all(|c| c.phones.is_empty() && c.birthday.is_none() && c.notes.is_empty()));
}

#[test]
fn linkedin_file_is_recognised_by_the_generic_sniffer() {
    let preview = sniff_csv(LINKEDIN).unwrap();
    assert_eq!(
        preview.headers,
        strings(&[
            "First Name",
            "Last Name",
            "URL",
            "Email Address",
            "Company",
            "Position",
            "Connected On"
        ])
    );
    assert!(preview.looks_like_linkedin);
    assert_eq!(preview.row_count, 6);
    assert_eq!(preview.rows.len(), 5);
    assert_eq!(preview.rows[0][4], "Fjordline Design, AS");
    assert_eq!(preview.delimiter, ',');
    assert_eq!(preview.suggested.first_name, Some(0));
    assert_eq!(preview.suggested.last_name, Some(1));
    assert_eq!(preview.suggested.emails, [3]);
    assert_eq!(preview.suggested.org, Some(4));
    assert_eq!(preview.suggested.role, Some(5));
    assert_eq!(preview.suggested.met_date, Some(6));
    // Imported through the generic path with that mapping, the hidden member
    // (who has only a URL) is skipped the same way.
    let result = import_csv(LINKEDIN, &preview.suggested).unwrap();
    assert_eq!(result.contacts.len(), 5);
    assert_eq!(
        result.contacts[2].role.as_deref(),
        Some("Partner \"and\" Co-founder")
    );
    assert_eq!(result.problems.len(), 1);
    assert_eq!(
        result.problems[0].to_string(),
        "row 5 (line 9): it has no name, organisation, email or phone; skipped"
    );
}

#[test]
fn not_a_linkedin_file() {
    assert_eq!(
        import_linkedin(b"Name,Email\nAna,a@x.example\n").unwrap_err().to_string(),
        "this is not a LinkedIn connections file: no row has the columns \"First Name\" and \"Last Name\""
    );
}

#[test]
fn generic_csv_with_semicolons_several_values_and_problems() {
    let file = "Name;E-mail;Phone;Company;Tags;Met;Notes\r\n\
                Zoë Müller;zoe@example.org ::: ZOE@example.org;+47 22 00 00 00;Fjord Labs;posse, climbing;2021-05-01;\"Likes; semicolons\"\r\n\
                ;ana@example.org;;;;12/03/2024;\r\n\
                ;;;;;;\r\n\
                Ben;;;;;soon;\r\n\
                ;;;;;;just a note\r\n";
    let preview = sniff_csv(file.as_bytes()).unwrap();
    assert_eq!(preview.delimiter, ';');
    assert_eq!(preview.row_count, 4);
    let mapping = ColumnMapping {
        name: Some(0),
        emails: vec![1],
        phones: vec![2],
        org: Some(3),
        tags: Some(4),
        met_date: Some(5),
        notes: Some(6),
        ..ColumnMapping::default()
    };
    assert_eq!(preview.suggested, mapping);
    let result = import_csv(file.as_bytes(), &mapping).unwrap();
    let zoe = &result.contacts[0];
    assert_eq!(zoe.name, "Zoë Müller");
    assert_eq!(zoe.emails, strings(&["zoe@example.org"]));
    assert_eq!(zoe.phones, strings(&["+47 22 00 00 00"]));
    assert_eq!(zoe.org.as_deref(), Some("Fjord Labs"));
    assert_eq!(zoe.tags, strings(&["posse", "climbing"]));
    assert_eq!(zoe.met_on, Some(d(2021, 5, 1)));
    assert_eq!(zoe.notes, "Likes; semicolons");
    let names: Vec<&str> = result.contacts.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Zoë Müller", "ana@example.org", "Ben"]);
    let problems: Vec<String> = result.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [
            "row 2 (line 3): \"12/03/2024\" could be day/month or month/day; write it as YYYY-MM-DD; the date was left out",
            "row 2 (line 3): it has no name, so it is named after its email address",
            "row 3 (line 5): \"soon\" is not a date; the date was left out",
            "row 4 (line 6): it has no name, organisation, email or phone; skipped",
        ]
    );
}

#[test]
fn first_and_last_name_columns_and_mapping_errors() {
    let file = b"First,Last,Email\nAda,Quill,ada@example.org\n\"Bram\",\"O'Kafor, Jr.\",\n";
    let mapping = ColumnMapping {
        first_name: Some(0),
        last_name: Some(1),
        emails: vec![2],
        ..ColumnMapping::default()
    };
    let names: Vec<String> = import_csv(file, &mapping)
        .unwrap()
        .contacts
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(names, ["Ada Quill", "Bram O'Kafor, Jr."]);
    let wide = ColumnMapping {
        notes: Some(7),
        ..mapping.clone()
    };
    assert_eq!(
        import_csv(file, &wide).unwrap_err().to_string(),
        "column 8 does not exist; this file has 3 columns"
    );
    assert_eq!(
        import_csv(file, &ColumnMapping::default())
            .unwrap_err()
            .to_string(),
        "choose the column with names (or first and last names) first"
    );
    let truncated = b"Name,Notes\nAna,fine\nBen,\"never closed\n";
    let result = import_csv(
        truncated,
        &ColumnMapping {
            name: Some(0),
            notes: Some(1),
            ..ColumnMapping::default()
        },
    )
    .unwrap();
    assert_eq!(result.contacts.len(), 1);
    assert_eq!(
        result.problems[0].to_string(),
        "row 2 (line 3): a quoted field is never closed, so the rest of the file could not be read (is it truncated?); skipped"
    );
}

/// Real LinkedIn exports, when `RAPPORT_SAMPLES` names them: every row is
/// either imported, with a name, or reported as skipped.
#[test]
fn real_samples_import_cleanly() {
    let Some(samples) = real_samples("csv") else {
        eprintln!("RAPPORT_SAMPLES is not set: no real CSV files checked");
        return;
    };
    for (name, bytes) in samples {
        let preview = sniff_csv(&bytes).unwrap_or_else(|err| panic!("{name}: {err}"));
        if !preview.looks_like_linkedin {
            eprintln!("{name}: not a LinkedIn export; skipped");
            continue;
        }
        let result = import_linkedin(&bytes).unwrap_or_else(|err| panic!("{name}: {err}"));
        let skipped = result.problems.iter().filter(|p| p.skipped).count();
        eprintln!(
            "{name}: {} connections, {skipped} skipped",
            result.contacts.len()
        );
        assert!(!result.contacts.is_empty(), "{name}: no connection read");
        assert_eq!(
            result.contacts.len() + skipped + result.more_problems,
            preview.row_count,
            "{name}: every row is imported or reported"
        );
        assert!(result.contacts.iter().all(|c| !c.name.trim().is_empty()));
    }
}

fn journal() -> Journal {
    let created = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    let mut ana = Person::new("pana".parse().unwrap(), "Ana \"AJ\" Silva", created);
    ana.org = Some("Lumen".into());
    let ben = Person::new("pben".parse().unwrap(), "=Ben, the formula", created);
    let mut coffee = Interaction::new(
        "i1".parse().unwrap(),
        d(2024, 3, 12),
        vec![ana.id.clone(), ben.id.clone()],
        InteractionKind::Coffee,
        Initiator::Them,
        created,
    );
    coffee.time = NaiveTime::from_hms_opt(9, 30, 0);
    coffee.purpose = Some("job".parse().unwrap());
    coffee.note = "Talked about the move,\nthen \"the offer\".".into();
    coffee.exchanges = vec![
        Exchange::new(
            ExchangeId::new(1),
            Direction::Gave,
            ana.id.clone(),
            ExchangeKind::Introduction,
        ),
        Exchange::new(
            ExchangeId::new(2),
            Direction::Got,
            ben.id.clone(),
            ExchangeKind::Loan,
        )
        .with_item_loan("a tent")
        .with_ask(Party::Me, Outcome::Open),
    ];
    let call = Interaction::new(
        "i2".parse().unwrap(),
        d(2024, 1, 5),
        vec![ben.id.clone()],
        InteractionKind::Video,
        Initiator::Mutual,
        created,
    );
    Journal::from_parts(JournalParts {
        people: vec![ana, ben],
        interactions: vec![coffee, call],
        ..JournalParts::default()
    })
    .unwrap()
}

#[test]
fn interactions_export_is_quoted_and_ordered_by_date() {
    let journal = journal();
    let text = export_interactions_csv(&journal, journal.interactions_by_date());
    assert_eq!(
        text,
        "\u{FEFF}Date,Time,People,Kind,Initiated by,Purpose,Note,Exchanges\r\n\
         2024-01-05,,\"'=Ben, the formula\",Video call,Mutual,,,\r\n\
         2024-03-12,09:30,\"Ana \"\"AJ\"\" Silva; =Ben, the formula\",Coffee,Them,Job search,\
         \"Talked about the move,\nthen \"\"the offer\"\".\",\
         \"gave an introduction to Ana \"\"AJ\"\" Silva; got a loan of a tent from =Ben, the formula (asked by me, open)\"\r\n"
    );
    // Read back with the importer's own CSV reader: same cells.
    let records = read_records(text.trim_start_matches('\u{FEFF}'), ',').records;
    assert_eq!(records.len(), 3);
    assert_eq!(
        records[2].fields[6],
        "Talked about the move,\nthen \"the offer\"."
    );
    assert_eq!(records[1].fields[2], "'=Ben, the formula");
    assert_eq!(
        interactions_csv_file_name(d(2026, 11, 25)),
        "rapport-interactions-2026-11-25.csv"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn written_records_read_back_the_same(rows in proptest::collection::vec(
        proptest::collection::vec("([^\r]){0,12}", 1..5), 1..6)
    ) {
        let mut text = String::new();
        for row in &rows {
            push_record(&mut text, row);
        }
        let read: Vec<Vec<String>> = read_records(&text, ',').records.into_iter().map(|r| r.fields).collect();
        // Rows whose cells are all blank are skipped by the reader.
        let expected: Vec<Vec<String>> = rows.into_iter().filter(|r| r.iter().any(|c| !c.trim().is_empty())).collect();
        prop_assert_eq!(read, expected);
    }
}
