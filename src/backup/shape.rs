//! The shape of a backup record, field by field: which keys it may have,
//! which are required, and what each must hold. The tables mirror the
//! model's serde shape (a test checks the enum names against the model), so
//! a wrong value is reported at its exact path with a specific reason.

use chrono::{DateTime, NaiveDate, NaiveTime};
use serde_json::{Map, Value};

use super::check::Problems;
use super::json::{kind_of, show};
use crate::model::dates::{MAX_YEAR, MIN_YEAR};
use crate::model::PersonId;

/// Whether a key may be left out or be `null`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Presence {
    /// Must be there and not null.
    Required,
    /// May be left out, but not null (a list or text with a default).
    Optional,
    /// May be left out or null (an optional value).
    Nullable,
}

/// What a field must hold.
pub(crate) enum Kind {
    Id,
    Text,
    NonBlankText,
    Date,
    Time,
    Timestamp,
    Birthday,
    Bool,
    U32,
    U64,
    OneOf(&'static [&'static str]),
    ListOf(&'static Kind),
    Object(&'static [Field]),
    Loan,
}

pub(crate) type Field = (&'static str, Kind, Presence);

use Kind::*;
use Presence::*;

const TEXT_LIST: Kind = ListOf(&Text);

const MET: &[Field] = &[
    ("where", Text, Nullable),
    ("date", Date, Nullable),
    ("via", Id, Nullable),
];

const CADENCE: &[Field] = &[("ideal", U32, Required), ("max", U32, Nullable)];

pub(crate) const PERSON: &[Field] = &[
    ("id", Id, Required),
    ("name", NonBlankText, Required),
    ("org", Text, Nullable),
    ("role", Text, Nullable),
    ("emails", TEXT_LIST, Optional),
    ("phones", TEXT_LIST, Optional),
    ("links", TEXT_LIST, Optional),
    ("birthday", Birthday, Nullable),
    ("met", Object(MET), Optional),
    ("tags", TEXT_LIST, Optional),
    ("cadence", Object(CADENCE), Nullable),
    ("boundaries", Text, Optional),
    ("notes", Text, Optional),
    ("archived", Bool, Optional),
    ("snooze", Date, Nullable),
    ("imported", Bool, Optional),
    ("created", Timestamp, Required),
    ("updated", Timestamp, Required),
];

const INTERACTION_KINDS: &[&str] = &[
    "coffee",
    "meal",
    "call",
    "video",
    "message",
    "email",
    "event",
    "introduction",
    "other",
];

const EXCHANGE_KINDS: &[&str] = &[
    "favour",
    "introduction",
    "advice",
    "referral",
    "gift",
    "loan",
];

const ASK: &[Field] = &[
    ("by", OneOf(&["me", "them"]), Required),
    ("outcome", OneOf(OUTCOMES), Required),
    ("on", Date, Nullable),
];

const OUTCOMES: &[&str] = &[
    "granted",
    "declined_by_them",
    "declined_by_me",
    "withdrawn",
    "open",
];

const SETTLEMENT: &[Field] = &[
    ("date", Date, Required),
    ("amount", U64, Nullable),
    ("percent", U32, Nullable),
    ("note", Text, Optional),
];

const EXCHANGE: &[Field] = &[
    ("id", Id, Required),
    ("dir", OneOf(&["gave", "got"]), Required),
    ("who", Id, Required),
    ("kind", OneOf(EXCHANGE_KINDS), Required),
    ("ask", Object(ASK), Nullable),
    ("loan", Loan, Nullable),
    ("promised", Bool, Optional),
    ("settled", ListOf(&Object(SETTLEMENT)), Optional),
    ("note", Text, Optional),
];

pub(crate) const INTERACTION: &[Field] = &[
    ("id", Id, Required),
    ("date", Date, Required),
    ("time", Time, Nullable),
    ("who", ListOf(&Id), Required),
    ("kind", OneOf(INTERACTION_KINDS), Required),
    ("by", OneOf(&["me", "them", "mutual"]), Required),
    ("purpose", Id, Nullable),
    ("note", Text, Optional),
    ("ex", ListOf(&Object(EXCHANGE)), Optional),
    ("created", Timestamp, Required),
    ("updated", Timestamp, Required),
];

const MILESTONE_KINDS: &[&str] = &["new_job", "left_job", "retired", "unretired", "other"];

pub(crate) const MILESTONE: &[Field] = &[
    ("id", Id, Required),
    ("date", Date, Required),
    ("kind", OneOf(MILESTONE_KINDS), Required),
    ("note", Text, Optional),
    ("thanks_dismissed", Bool, Optional),
    ("purposes_offered", Bool, Optional),
    ("created", Timestamp, Required),
    ("updated", Timestamp, Required),
];

pub(crate) const PURPOSE: &[Field] = &[("id", Id, Required), ("label", NonBlankText, Required)];

const NUDGES: &[Field] = &[
    ("streak", U32, Optional),
    ("window", U32, Optional),
    ("asks", U32, Optional),
];

pub(crate) const SETTINGS: &[Field] = &[
    ("circles", ListOf(&NonBlankText), Optional),
    // The older shape of the usual circle, one tag; read as a list of one.
    ("circle", NonBlankText, Optional),
    ("nudges", Object(NUDGES), Optional),
];

/// Checks one value against `kind`, reporting under `path`; true when it is fine.
pub(crate) fn check(kind: &Kind, value: &Value, path: &str, problems: &mut Problems) -> bool {
    let fail = |problems: &mut Problems, message: String| {
        problems.add(path, message);
        false
    };
    match kind {
        Id => match value.as_str() {
            Some(text) if text.parse::<PersonId>().is_ok() => true,
            Some(_) => fail(
                problems,
                format!(
                    "{} is not a valid id (use 1 to 40 letters, digits, '-' or '_')",
                    show(value)
                ),
            ),
            None => fail(problems, format!("{} is not an id", show(value))),
        },
        Text => value.is_string() || fail(problems, format!("{} is not text", show(value))),
        NonBlankText => match value.as_str() {
            Some(text) if !text.trim().is_empty() => true,
            Some(_) => fail(problems, "must not be empty".to_owned()),
            None => fail(problems, format!("{} is not text", show(value))),
        },
        Date => match value.as_str().map(str::parse::<NaiveDate>) {
            Some(Ok(date)) if (MIN_YEAR..=MAX_YEAR).contains(&chrono::Datelike::year(&date)) => {
                true
            }
            Some(Ok(_)) => fail(
                problems,
                format!(
                    "{} is outside the years {MIN_YEAR} to {MAX_YEAR}",
                    show(value)
                ),
            ),
            _ => fail(problems, format!("{} is not a date", show(value))),
        },
        Time => {
            let ok = value.as_str().is_some_and(|text| {
                NaiveTime::parse_from_str(text, "%H:%M").is_ok()
                    || NaiveTime::parse_from_str(text, "%H:%M:%S%.f").is_ok()
            });
            ok || fail(
                problems,
                format!("{} is not a time of day (use HH:MM)", show(value)),
            )
        }
        Timestamp => {
            let ok = value
                .as_i64()
                .and_then(DateTime::from_timestamp_millis)
                .is_some();
            ok || fail(
                problems,
                format!("{} is not a time (milliseconds since 1970)", show(value)),
            )
        }
        Birthday => {
            let ok = value
                .as_str()
                .is_some_and(|text| text.parse::<crate::model::Birthday>().is_ok());
            ok || fail(
                problems,
                format!(
                    "{} is not a birthday (use YYYY-MM-DD, or --MM-DD without a year)",
                    show(value)
                ),
            )
        }
        Bool => {
            value.is_boolean() || fail(problems, format!("{} is not true or false", show(value)))
        }
        U32 => {
            let ok = value.as_u64().is_some_and(|n| n <= u64::from(u32::MAX));
            ok || fail(
                problems,
                format!(
                    "{} is not a whole number from 0 to {}",
                    show(value),
                    u32::MAX
                ),
            )
        }
        U64 => {
            value.as_u64().is_some()
                || fail(
                    problems,
                    format!("{} is not a whole number of 0 or more", show(value)),
                )
        }
        OneOf(choices) => {
            let ok = value.as_str().is_some_and(|text| choices.contains(&text));
            ok || fail(
                problems,
                format!("{} is not one of {}", show(value), choices.join(", ")),
            )
        }
        ListOf(item) => match value.as_array() {
            Some(items) => {
                let mut ok = true;
                for (index, element) in items.iter().enumerate() {
                    ok &= check(item, element, &format!("{path}[{index}]"), problems);
                }
                ok
            }
            None => fail(problems, format!("{} is not a list", show(value))),
        },
        Object(fields) => match value.as_object() {
            Some(map) => check_fields(fields, map, path, problems),
            None => fail(
                problems,
                format!("expected an object, found {}", kind_of(value)),
            ),
        },
        Loan => check_loan(value, path, problems),
    }
}

fn check_fields(
    fields: &[Field],
    map: &Map<String, Value>,
    path: &str,
    problems: &mut Problems,
) -> bool {
    let mut ok = true;
    for (key, kind, presence) in fields {
        let at = format!("{path}.{key}");
        match (map.get(*key), presence) {
            (None, Required) | (Some(Value::Null), Required) => {
                problems.add(at, "missing");
                ok = false;
            }
            (None, _) | (Some(Value::Null), Nullable) => {}
            (Some(Value::Null), Optional) => {
                problems.add(at, "must not be null (leave it out instead)");
                ok = false;
            }
            (Some(value), _) => ok &= check(kind, value, &at, problems),
        }
    }
    ok
}

/// A loan is `{"amount": …, "currency": "EUR"}` or `{"item": "a ladder"}`.
fn check_loan(value: &Value, path: &str, problems: &mut Problems) -> bool {
    const MONEY: &[Field] = &[("amount", U64, Required), ("currency", Text, Required)];
    const ITEM: &[Field] = &[("item", Text, Required)];
    match value.as_object() {
        Some(map) if map.contains_key("amount") || map.contains_key("currency") => {
            check_fields(MONEY, map, path, problems)
        }
        Some(map) if map.contains_key("item") => check_fields(ITEM, map, path, problems),
        Some(_) => {
            problems.add(
                path,
                "needs either \"amount\" and \"currency\", or \"item\"",
            );
            false
        }
        None => {
            problems.add(
                path,
                format!("expected an object, found {}", kind_of(value)),
            );
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ExchangeKind, InteractionKind};
    use serde_json::json;

    #[test]
    fn enum_names_match_the_model() {
        let names = |values: Vec<Value>| -> Vec<String> {
            values
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        };
        let kinds = InteractionKind::ALL
            .iter()
            .map(|k| serde_json::to_value(k).unwrap_or_default())
            .collect();
        assert_eq!(names(kinds), INTERACTION_KINDS);
        let kinds = ExchangeKind::ALL
            .iter()
            .map(|k| serde_json::to_value(k).unwrap_or_default())
            .collect();
        assert_eq!(names(kinds), EXCHANGE_KINDS);
        let kinds = crate::model::MilestoneKind::ALL
            .iter()
            .map(|k| serde_json::to_value(k).unwrap_or_default())
            .collect();
        assert_eq!(names(kinds), MILESTONE_KINDS);
    }

    #[test]
    fn every_ask_outcome_and_exchange_field_of_the_model_is_accepted() {
        use crate::model::{Ask, Direction, Exchange, ExchangeId, ExchangeKind, Outcome, Party};
        let outcomes = [
            Outcome::Granted,
            Outcome::DeclinedByThem,
            Outcome::DeclinedByMe,
            Outcome::Withdrawn,
            Outcome::Open,
        ];
        for outcome in outcomes {
            let mut ask = Ask::new(Party::Them, outcome);
            ask.answered = NaiveDate::from_ymd_opt(2024, 3, 1);
            let mut exchange = Exchange::new(
                ExchangeId::new(1),
                Direction::Gave,
                PersonId::new(2),
                ExchangeKind::Favour,
            )
            .promised();
            exchange.ask = Some(ask);
            let value = serde_json::to_value(&exchange).unwrap_or_default();
            assert!(value.get("promised").is_some() && value["ask"].get("on").is_some());
            assert_eq!(problems_of(&Object(EXCHANGE), value), Vec::<String>::new());
        }
        let answered = json!({"by": "them", "outcome": "withdrawn", "on": "soon"});
        assert_eq!(
            problems_of(&Object(ASK), answered),
            ["x.on: \"soon\" is not a date"]
        );
    }

    fn problems_of(kind: &Kind, value: Value) -> Vec<String> {
        let mut problems = Problems::default();
        check(kind, &value, "x", &mut problems);
        problems.into_errors().lines()
    }

    #[test]
    fn scalar_kinds_explain_themselves() {
        assert_eq!(
            problems_of(&Date, json!("2024-02-30")),
            ["x: \"2024-02-30\" is not a date"]
        );
        assert_eq!(
            problems_of(&Date, json!("0999-12-31")),
            ["x: \"0999-12-31\" is outside the years 1000 to 9999"]
        );
        assert_eq!(
            problems_of(&Time, json!("25:00")),
            ["x: \"25:00\" is not a time of day (use HH:MM)"]
        );
        assert!(problems_of(&Time, json!("09:30:15")).is_empty());
        assert_eq!(
            problems_of(&Id, json!("p 1")),
            ["x: \"p 1\" is not a valid id (use 1 to 40 letters, digits, '-' or '_')"]
        );
        assert_eq!(
            problems_of(&U32, json!(-1)),
            ["x: -1 is not a whole number from 0 to 4294967295"]
        );
        assert_eq!(
            problems_of(&OneOf(&["me", "them"]), json!("us")),
            ["x: \"us\" is not one of me, them"]
        );
        assert_eq!(
            problems_of(&NonBlankText, json!("  ")),
            ["x: must not be empty"]
        );
        assert_eq!(
            problems_of(&Timestamp, json!("yesterday")),
            ["x: \"yesterday\" is not a time (milliseconds since 1970)"]
        );
    }

    #[test]
    fn nested_paths_name_every_level() {
        let value = json!({"id": "i1", "date": "2024-01-01", "who": ["p1", 7], "kind": "coffee",
            "by": "me", "ex": [{"id": "x1", "dir": "up", "who": "p1", "kind": "gift"}],
            "created": 0});
        assert_eq!(
            problems_of(&Object(INTERACTION), value),
            [
                "x.who[1]: 7 is not an id",
                "x.ex[0].dir: \"up\" is not one of gave, got",
                "x.updated: missing",
            ]
        );
    }

    #[test]
    fn loans_need_money_or_an_item() {
        assert!(problems_of(&Loan, json!({"amount": 5, "currency": "EUR"})).is_empty());
        assert!(problems_of(&Loan, json!({"item": "tent"})).is_empty());
        assert_eq!(
            problems_of(&Loan, json!({"amount": 5})),
            ["x.currency: missing"]
        );
        assert_eq!(
            problems_of(&Loan, json!({})),
            ["x: needs either \"amount\" and \"currency\", or \"item\""]
        );
    }
}
