//! Measuring how much of the browser's storage quota is in use.

use crate::storage::backend::{Backend, BackendError, QUOTA_UNITS};
use crate::storage::codec::utf16_units;
use crate::storage::layout::PREFIX;

/// How much of the origin's quota is in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    /// UTF-16 code units used by every key and value of this origin.
    pub used_units: usize,
    /// Units used by Rapport's own keys.
    pub rapport_units: usize,
    /// The quota, in units.
    pub quota_units: usize,
}

impl Usage {
    /// The share of the quota in use, from 0 to 1.
    pub fn fraction(&self) -> f64 {
        self.used_units as f64 / self.quota_units as f64
    }

    /// At or past the point where the user should be warned (80 %).
    pub fn is_high(&self) -> bool {
        self.fraction() >= 0.8
    }
}

/// Measures how much of the quota is used, as the browser counts it.
pub fn usage<B: Backend>(backend: &B) -> Result<Usage, BackendError> {
    let mut used = 0;
    let mut ours = 0;
    for key in backend.keys()? {
        let units = utf16_units(&key) + backend.get(&key)?.map_or(0, |v| utf16_units(&v));
        used += units;
        if key.starts_with(PREFIX) {
            ours += units;
        }
    }
    Ok(Usage {
        used_units: used,
        rapport_units: ours,
        quota_units: QUOTA_UNITS,
    })
}
