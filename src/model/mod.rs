//! The Rapport domain model: people, the interaction log, and everything
//! computed from it. Pure Rust (no browser APIs), so it is tested on the host.
//!
//! # Where things are
//!
//! | File | What it holds |
//! |------|---------------|
//! | `ids.rs` | `PersonId`, `InteractionId`, `ExchangeId`, `PurposeId`: strings like `p7k2m9x1q3`, made from caller-supplied entropy (`PersonId::new(random)`) |
//! | `person.rs` | [`Person`], [`HowWeMet`], [`Cadence`] |
//! | `interaction.rs` | [`Interaction`], [`Exchange`], asks, loans, settlements, and the reciprocity rules (what counts as a give, what is owed) |
//! | `purpose.rs`, `settings.rs` | the user-editable purpose list; the usual-circle tags and nudge thresholds |
//! | `milestone.rs` | [`Milestone`] (new job, retired…) and what follows one: people to thank, the keep-in-touch nudge, the stage's purposes, boundary examples |
//! | `journal.rs` | [`Journal`]: the records, the caches, [`Journal::apply`], loading ([`Journal::from_parts`]) and saving |
//! | `command.rs` | [`Command`]: what a person does (log, edit, delete, answer an ask, settle, archive, merge, undo…), executed as one step by [`Journal::execute`] with a [`Minter`] (clock and entropy); returns [`Executed`] with its exact [`Undo`] |
//! | `action.rs` | [`Action`] (the reducer's low-level changes) and [`Applied`] (what changed, for storage) |
//! | `error.rs` | [`ModelError`], one enum whose `Display` is plain English |
//! | `stats.rs` | per-person counters ([`PersonStats`]), the balance reading, cadence status ([`ContactDue`]) |
//! | `nudges.rs` | the nudge rules ([`Nudge`]) |
//! | `network.rs` | [`NetworkFilter`] (a tag and a date range), the weekly streak and its line of text, and the figure types Insights fills (circle split, give and take, purposes) |
//! | `insights.rs` | everything the Insights screen draws, in one pass over the log: time buckets, give and take, who initiated, new people, usual circle, purposes, the 52-week strip |
//! | `today.rs` | lists for the Today screen: who to reconnect with (snoozes honoured), what you owe and lent, upcoming birthdays, nudges |
//! | `dates.rs` | months, quarters, ISO weeks, [`Birthday`] |
//! | `demo.rs` | deterministic demo journals (S/M/L) from a seed |
//! | `words.rs` | wording several places share: `capitalise`, `times` ("once", "3 times") |
//! | `validate.rs` | normalisation and validation shared by the reducer and loading (private) |
//!
//! # Design rules
//!
//! * **The log is the truth.** Counters, balances, due dates and nudges are
//!   always derived from interactions; nothing derived is stored in the JSON.
//!   The journal keeps a per-person stats cache plus two indexes (person →
//!   interaction ids, date → interaction ids). `apply` updates them
//!   incrementally: only the people touched by an action are re-derived, from
//!   their own interactions via the index. [`Journal::recompute_all`] and
//!   [`stats::compute_all`] rebuild from scratch; a property test checks the
//!   two always agree.
//! * **Commands, each with its undo.** The screens send [`Command`]s; the
//!   model turns each into reducer actions, minting ids (64 bits of entropy)
//!   and timestamps itself, and remembers how every touched record looked so
//!   that [`Undo`] can put it back. An undo is a new, later change: `updated`
//!   never moves backwards, so merging backups keeps it.
//! * **One reducer.** Every change is an [`Action`] passed to
//!   [`Journal::apply`]. It validates first and changes nothing on error, so
//!   no id can ever dangle (people in interactions and exchanges, purposes,
//!   "introduced by"). On success it returns [`Applied`]: people and
//!   interactions upserted/removed (interactions with old and new dates, so
//!   per-month segments can be rewritten) and whether purposes or settings
//!   changed.
//! * **No clock.** Actions that stamp records carry `now`; functions that
//!   need the current day take `today: NaiveDate`. Edits never move an
//!   `updated` time backwards, which keeps merge-by-newer-updated safe.
//! * **Calendar days.** Interactions are dated with `NaiveDate` (local day)
//!   and an optional `NaiveTime`, so DST can never move a contact to another
//!   day. Timestamps (`created`, `updated`) are UTC with millisecond precision.
//! * **Deleting people is explicit.** `DeletePerson { mode: Archive }` keeps
//!   them and their history; `RemoveFromInteractions` takes them out of every
//!   interaction with their exchanges and deletes interactions left with
//!   nobody. Merging rewrites every reference and keeps every interaction.
//!
//! # JSON shape (format version 1)
//!
//! The same shape is used for localStorage and backup files. Field names are
//! short but readable; empty strings, empty lists, `None` and `false` are left
//! out; enums are lowercase strings; unknown fields are ignored when reading.
//! Loading goes through [`Journal::from_parts`], which validates everything
//! and rebuilds the caches.
//!
//! ```json
//! {
//!   "v": 1,
//!   "people": [
//!     {
//!       "id": "p000000001", "name": "Zoë Müller",
//!       "org": "Fjord Labs", "role": "Engineer",
//!       "emails": ["zoe@example.com"], "phones": ["+44 7700 900000"], "links": ["https://…"],
//!       "birthday": "--02-29",
//!       "met": { "where": "PyCon", "date": "2019-05-01", "via": "p000000002" },
//!       "tags": ["posse"],
//!       "cadence": { "ideal": 30, "max": 60 },
//!       "boundaries": "No lending money.", "notes": "…",
//!       "archived": true, "snooze": "2024-04-07", "imported": true,
//!       "created": 1577880000000, "updated": 1577880000000
//!     }
//!   ],
//!   "log": [
//!     {
//!       "id": "i000000001", "date": "2024-03-31", "time": "09:30",
//!       "who": ["p000000001", "p000000002"],
//!       "kind": "meal", "by": "them", "purpose": "job", "note": "Tapas",
//!       "ex": [
//!         { "id": "x000000001", "dir": "got", "who": "p000000001", "kind": "loan",
//!           "loan": { "amount": 5000, "currency": "EUR" },
//!           "settled": [ { "date": "2024-04-02", "amount": 2000 } ] },
//!         { "id": "x000000002", "dir": "gave", "who": "p000000002", "kind": "introduction",
//!           "ask": { "by": "them", "outcome": "declined_by_me" } }
//!       ],
//!       "created": 1711886400000, "updated": 1711886400000
//!     }
//!   ],
//!   "purposes": [ { "id": "job", "label": "Job search" } ],
//!   "settings": { "circles": ["crew", "family"], "nudges": { "streak": 4, "window": 5, "asks": 3 } }
//! }
//! ```
//!
//! | Field | Meaning |
//! |-------|---------|
//! | `v` | format version, currently 1 |
//! | `people[]` | [`Person`], ordered by id. `birthday` is `"YYYY-MM-DD"` or `"--MM-DD"` without a year. `met.via` is the introducer's id. `cadence.ideal`/`max` are days. `snooze` (optional) is the day someone snoozed on the Today screen comes back to "Reconnect". `imported` (only when true) marks someone brought in by a contacts import; they count as a new person only by `met.date`. `created`/`updated` are epoch milliseconds (UTC). |
//! | `log[]` | [`Interaction`], ordered by date then id. `date` is the local day, `time` `"HH:MM"` (or `"HH:MM:SS"`). `who` lists person ids. `kind`: `coffee` `meal` `call` `video` `message` `email` `event` `introduction` `other`. `by` (who initiated): `me` `them` `mutual`. `purpose` is a purpose id. |
//! | `ex[]` | [`Exchange`]: `dir` `gave` (I gave to them) / `got` (they gave to me); `who` one of the interaction's people; `kind`: `favour` `introduction` `advice` `referral` `gift` `loan`; `ask.by` `me`/`them`; `ask.outcome`: `granted` `declined_by_them` `declined_by_me` `open`; `loan` is `{amount, currency}` (minor units, ISO 4217) or `{item}`; `settled[]` holds `{date, amount}` for money loans or `{date, percent}` otherwise, plus an optional `note`. |
//! | `purposes[]` | [`Purpose`] in display order; always written (an empty list is a valid choice). A new journal has `touch`, `job`, `gig`, `info`, `volunteer`, `help`; a file without the field gets those. |
//! | `milestones[]` | [`Milestone`], by date then id; left out when empty. `date` is the local day; `kind`: `new_job` `left_job` `retired` `unretired` `other`; `note` what happened ("Started at Fabrikam"); `thanks_dismissed` (only when true) hides its thank-you list; `purposes_offered` (only when true) means the stage's purposes were offered once; `created`/`updated` as for people. |
//! | `settings` | [`Settings`]; left out entirely while default. `circles` lists the tags whose people form the usual circle (left out until the user chooses; an older `"circle": "crew"` is read as `["crew"]`); `nudges` the thresholds (left out while default). |
//!
//! Storage that keeps interactions in per-month segments can write each
//! segment as a plain JSON array of interactions
//! ([`Journal::interactions_in_month`]), and load by concatenating segments
//! into [`JournalParts`].

pub mod action;
pub mod command;
pub mod dates;
pub mod demo;
pub mod error;
pub mod ids;
pub mod insights;
pub mod interaction;
pub mod journal;
pub mod milestone;
pub mod network;
pub mod nudges;
pub mod person;
pub mod purpose;
pub mod query;
pub mod settings;
pub mod stats;
pub mod today;
mod validate;
pub mod words;

pub use action::{
    Action, Applied, DeleteMode, InteractionRemoval, InteractionUpsert, PurposeRemoval,
};
pub use command::{
    Answer, Command, EntryDraft, ExchangeDraft, Executed, Gesture, Minter, Undo, Who,
    PROMISED_LABEL,
};
pub use dates::{Birthday, Quarter, YearMonth};
pub use error::ModelError;
pub use ids::{ExchangeId, InteractionId, MilestoneId, PersonId, PurposeId};
pub use interaction::{
    Ask, Direction, Exchange, ExchangeKind, Initiator, Interaction, InteractionKind, LoanSubject,
    Obligation, ObligationKind, Outcome, Outstanding, Party, Portion, Settlement,
};
pub use journal::{
    CheckedParts, Found, Journal, JournalParts, OpenItem, RecordList, Unread, FORMAT_VERSION,
};
pub use milestone::{Helper, KeepGoing, Milestone, MilestoneKind};
pub use network::NetworkFilter;
pub use nudges::Nudge;
pub use person::{Cadence, HowWeMet, Person};
pub use purpose::Purpose;
pub use settings::{NudgeConfig, Settings};
pub use stats::{Balance, BalanceReading, ContactDue, DueStatus, PersonStats};
