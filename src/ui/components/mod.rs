//! Small reusable pieces of the interface.

pub mod badges;
pub mod dialog;
pub mod field;
pub mod header;
pub mod person_form;
pub mod quick_log;
pub mod save_banner;
pub mod toast;
