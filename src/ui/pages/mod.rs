//! One module per screen.

pub mod backups;
pub mod insights;
pub mod journal;
pub mod not_found;
pub mod people;
pub mod person;
pub mod recovery;
pub mod settings;
pub mod today;
pub mod welcome;
