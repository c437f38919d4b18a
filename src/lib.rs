//! Rapport: a private networking journal that runs entirely in the browser.

pub mod backup;
pub mod model;
pub mod storage;
pub mod ui;
