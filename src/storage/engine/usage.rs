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

    /// The share in use as a whole percentage, rounded down, so a nearly full
    /// store never reads as 100 %. The one place the percentage is worked out.
    pub fn percent_used(&self) -> u32 {
        (self.fraction() * 100.0).floor().clamp(0.0, 100.0) as u32
    }

    /// The share in words a person knows: "2%", or "less than 1%".
    pub fn percent_phrase(&self) -> String {
        match self.percent_used() {
            0 => "less than 1%".to_owned(),
            n => format!("{n}%"),
        }
    }

    /// The storage line: "2% of this browser's space for Rapport is in use."
    pub fn sentence(&self) -> String {
        format!(
            "{} of this browser's space for Rapport is in use.",
            self.percent_phrase()
        )
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

#[cfg(test)]
mod tests {
    use super::*;

    fn used(units: usize) -> Usage {
        Usage {
            used_units: units,
            rapport_units: units,
            quota_units: 1000,
        }
    }

    #[test]
    fn the_share_reads_as_a_whole_percentage() {
        assert_eq!(used(0).percent_phrase(), "less than 1%");
        assert_eq!(used(9).percent_phrase(), "less than 1%");
        assert_eq!(used(10).percent_phrase(), "1%");
        assert_eq!(used(25).percent_phrase(), "2%");
        assert_eq!(used(999).percent_phrase(), "99%");
        assert_eq!(used(1000).percent_phrase(), "100%");
        assert_eq!(
            used(20).sentence(),
            "2% of this browser's space for Rapport is in use."
        );
    }
}
