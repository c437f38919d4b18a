//! Storage: the journal in localStorage.

pub mod backend;
pub mod codec;
pub mod local;
