//! Interactions as CSV, for spreadsheets.
//!
//! Columns: Date, Time, People, Kind, Initiated by, Purpose, Note, Exchanges.
//! People are names joined with "; ", exchanges a short sentence each. The
//! file starts with a UTF-8 byte-order mark (so Excel reads accents) and uses
//! CRLF. A cell that starts with `=`, `+`, `-` or `@` gets a leading `'` so
//! that a spreadsheet shows it as text instead of running it as a formula.

use chrono::{NaiveDate, Timelike};

use super::csv::push_record;
use crate::model::interaction::format_money;
use crate::model::{Direction, Exchange, ExchangeKind, Interaction, Journal, LoanSubject, Portion};

/// The header row.
pub const HEADERS: [&str; 8] = [
    "Date",
    "Time",
    "People",
    "Kind",
    "Initiated by",
    "Purpose",
    "Note",
    "Exchanges",
];

/// The suggested file name of an interactions export made on `date`.
pub fn interactions_csv_file_name(date: NaiveDate) -> String {
    format!("rapport-interactions-{}.csv", date)
}

/// The given interactions as CSV text, in the order given (names and
/// purpose labels are looked up in `journal`).
pub fn export_interactions_csv<'a>(
    journal: &Journal,
    interactions: impl IntoIterator<Item = &'a Interaction>,
) -> String {
    let mut out = String::from("\u{FEFF}");
    push_record(&mut out, &HEADERS);
    for interaction in interactions {
        let name = |id: &crate::model::PersonId| {
            journal
                .person(id)
                .map_or_else(|| id.to_string(), |p| p.name.clone())
        };
        let people: Vec<String> = interaction.people.iter().map(name).collect();
        let exchanges: Vec<String> = interaction
            .exchanges
            .iter()
            .map(|e| describe_exchange(e, &name(&e.person)))
            .collect();
        let row = [
            interaction.date.to_string(),
            interaction
                .time
                .map(|t| format!("{:02}:{:02}", t.hour(), t.minute()))
                .unwrap_or_default(),
            people.join("; "),
            interaction.kind.label().to_owned(),
            interaction.initiated_by.label().to_owned(),
            interaction
                .purpose
                .as_ref()
                .map(|id| {
                    journal
                        .purpose(id)
                        .map_or_else(|| id.to_string(), |p| p.label.clone())
                })
                .unwrap_or_default(),
            interaction.note.clone(),
            exchanges.join("; "),
        ];
        let row: Vec<String> = row.iter().map(|cell| defuse_formula(cell)).collect();
        push_record(&mut out, &row);
    }
    out
}

/// "gave a loan of 50.00 EUR to Ana (asked by them, granted, 12.50 EUR repaid)".
pub fn describe_exchange(exchange: &Exchange, person: &str) -> String {
    let what = match &exchange.loan {
        Some(LoanSubject::Money { amount, currency }) if exchange.kind == ExchangeKind::Loan => {
            format!(
                "{} of {}",
                exchange.kind.phrase(),
                format_money(*amount, currency)
            )
        }
        Some(LoanSubject::Item { item }) if exchange.kind == ExchangeKind::Loan => {
            format!("{} of {item}", exchange.kind.phrase())
        }
        _ => exchange.kind.phrase().to_owned(),
    };
    let mut text = match exchange.direction {
        Direction::Gave => format!("gave {what} to {person}"),
        Direction::Got => format!("got {what} from {person}"),
    };
    let mut details = Vec::new();
    if let Some(ask) = exchange.ask {
        details.push(ask.by.asked_by().to_owned());
        details.push(ask.outcome.label().to_owned());
    }
    if !exchange.settlements.is_empty() {
        let settled = exchange.settled_total();
        let money = exchange
            .settlements
            .iter()
            .any(|s| matches!(s.portion, Portion::Amount(_)));
        details.push(match (&exchange.loan, money) {
            (Some(LoanSubject::Money { currency, .. }), true) => {
                format!("{} repaid", format_money(settled, currency))
            }
            _ => format!("{settled}% settled"),
        });
    }
    if !details.is_empty() {
        text.push_str(&format!(" ({})", details.join(", ")));
    }
    if !exchange.note.trim().is_empty() {
        text.push_str(&format!(": {}", exchange.note.trim()));
    }
    text
}

/// Prefixes `'` to a cell a spreadsheet would read as a formula.
fn defuse_formula(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ExchangeId, Outcome, Party, PersonId};

    #[test]
    fn exchanges_read_as_sentences() {
        let loan = Exchange::new(
            ExchangeId::new(1),
            Direction::Gave,
            PersonId::new(1),
            ExchangeKind::Loan,
        )
        .with_money_loan(5000, "EUR")
        .with_ask(Party::Them, Outcome::Granted)
        .with_settlement(crate::model::Settlement::new(
            NaiveDate::from_ymd_opt(2024, 2, 1).unwrap(),
            Portion::Amount(1250),
        ));
        assert_eq!(
            describe_exchange(&loan, "Ana"),
            "gave a loan of 50.00 EUR to Ana (asked by them, granted, 12.50 EUR repaid)"
        );
        let advice = Exchange::new(
            ExchangeId::new(2),
            Direction::Got,
            PersonId::new(1),
            ExchangeKind::Advice,
        );
        assert_eq!(describe_exchange(&advice, "Ben"), "got advice from Ben");
    }

    #[test]
    fn formulas_are_defused() {
        assert_eq!(defuse_formula("=1+1"), "'=1+1");
        assert_eq!(defuse_formula("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defuse_formula("Coffee"), "Coffee");
    }
}
