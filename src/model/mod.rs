//! The domain model (in progress).
