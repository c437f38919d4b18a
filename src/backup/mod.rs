//! Backups, imports and exports: everything that turns a journal into a file
//! or a file into journal records. Pure Rust; the browser side (downloads,
//! file pickers, WebCrypto) lives in the UI.
//!
//! * Native backup ([`json`], [`read`], [`merge`]): export, a full check of an
//!   imported file with every problem located, a preview, then merge or replace.
//! * Encrypted backup ([`envelope`]): the JSON envelope around a WebCrypto
//!   AES-GCM ciphertext; [`base64`] is its codec.
//! * Contacts from other tools ([`vcard_read`], [`linkedin`], [`csv_import`])
//!   become [`ImportedContact`]s plus a list of problems; [`duplicates`] flags
//!   likely duplicates of people already in the journal.
//! * Exports for other tools: [`vcard_write`] (vCard 4.0), [`csv_export`]
//!   (interactions as CSV) and [`ics`] (a calendar of due dates and birthdays).
//!
//! Every importer reads through [`text`] first: 25 MB cap, and plain
//! messages for UTF-16, binary and empty files. The format is documented in
//! `docs/backup-format.md`.

pub mod base64;
pub mod contact;
pub mod content_line;
pub mod csv;
pub mod csv_export;
pub mod csv_import;
pub mod dates;
pub mod duplicates;
pub mod envelope;
pub mod ics;
pub mod json;
mod json_path;
pub mod linkedin;
pub mod merge;
pub mod read;
mod strict_json;
pub mod text;
pub mod vcard_read;
pub mod vcard_write;

pub use contact::{
    ContactFileError, ContactImport, ContactProblem, ImportedContact,
    RecordKind as ContactRecordKind,
};
pub use csv_export::{export_interactions_csv, interactions_csv_file_name};
pub use csv_import::{import_csv, sniff_csv, ColumnMapping, CsvPreview};
pub use duplicates::{
    compare_phones, find_duplicates, normalize_phone, DuplicateOf, LikelyDuplicate, MatchReason,
    PhoneMatch,
};
pub use envelope::{
    build_envelope, detect_backup_kind, encrypted_backup_file_name, parse_envelope, BackupKind,
    Envelope, EnvelopeError,
};
pub use ics::{calendar_file_name, export_calendar};
pub use json::ExportWriter;
pub use json::{
    backup_file_name, export_backup, parse_backup, ExportError, ImportErrors, ImportProblem,
    ParsedBackup, BACKUP_FORMAT, BACKUP_SCHEMA,
};
pub use linkedin::import_linkedin;
pub use merge::{
    apply_import, preview, ApplyError, Conflict, Counts, KeptBoth, Mode, Newer, Preview, RecordKind,
};
pub use read::{BackupReader, Progress};
pub use text::{TextError, MAX_IMPORT_BYTES};
pub use vcard_read::import_vcard;
pub use vcard_write::{export_vcard, vcard_file_name};
