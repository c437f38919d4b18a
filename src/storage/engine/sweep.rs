//! Clearing stale segments: those no head can point to any more.

use std::collections::BTreeSet;

use super::Store;
use crate::storage::backend::Backend;
use crate::storage::layout::{
    parse_segment_key, version_generation, version_time, SegmentName, GARBAGE_MIN_AGE_MS,
};

impl<B: Backend> Store<B> {
    /// Removes `keys`, best effort: a key left behind is removed by a later sweep.
    pub(super) fn remove_keys(&mut self, keys: &[String]) {
        for key in keys {
            let _ = self.backend.remove(key);
        }
    }

    /// Removes segments no head can point to any more: those left by an interrupted
    /// or overwritten save. Only generations up to the head's are touched, and only
    /// segments at least [`GARBAGE_MIN_AGE_MS`] old, so a save another tab is making
    /// right now (even one that has not yet seen the newest head) is left alone.
    pub(super) fn collect_garbage(&mut self) {
        let Ok(keys) = self.backend.keys() else {
            return;
        };
        let now = self.backend.now_ms();
        let old_enough = |version: &str| match (version_time(version), now) {
            // Written before versions carried a time.
            (None, _) => true,
            (Some(written), Some(now)) => now.saturating_sub(written) >= GARBAGE_MIN_AGE_MS,
            (Some(_), None) => false,
        };
        let live: BTreeSet<String> = self
            .head
            .seg
            .iter()
            .filter_map(|(name, version)| SegmentName::parse(name).map(|n| n.key(version)))
            .collect();
        for key in keys {
            let Some((_, version)) = parse_segment_key(&key) else {
                continue;
            };
            let stale = version_generation(version).is_none_or(|gen| gen <= self.head.gen);
            if stale && old_enough(version) && !live.contains(&key) {
                let _ = self.backend.remove(&key);
            }
        }
    }
}
