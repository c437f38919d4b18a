//! Small reusable pieces of the interface.

pub mod header;
