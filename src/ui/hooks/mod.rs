//! Custom hooks; each returns a handle with the operations a screen needs.

mod use_app;
mod use_file_input;
mod use_route;

pub use use_app::{use_app, AppHandle, ChangeError};
pub use use_file_input::{use_file_input, FileInputHandle};
pub use use_route::{navigate, use_route};
