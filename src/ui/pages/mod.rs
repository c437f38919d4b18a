//! One module per screen.

pub mod welcome;
