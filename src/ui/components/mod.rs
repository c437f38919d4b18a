//! Small reusable pieces of the interface.

pub mod answer_form;
pub mod badges;
pub mod chart;
pub mod chart_bars;
pub mod chart_strip;
pub mod dialog;
pub mod entry_form;
pub mod field;
pub mod header;
pub mod import_contacts;
pub mod install_note;
pub mod milestone_cards;
pub mod milestone_form;
pub mod person_form;
pub mod progress;
pub mod quick_log;
pub mod save_banner;
pub mod toast;
