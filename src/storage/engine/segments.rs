//! Which segment holds each record: new records fill the newest segment with room,
//! so a change rewrites only the segments it touches.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::Hash;

/// Which segment holds each record, for one kind of record.
#[derive(Debug, Clone)]
pub(super) struct Chunks<Id> {
    at: HashMap<Id, u32>,
    /// The records in each chunk.
    pub(super) members: BTreeMap<u32, BTreeSet<Id>>,
    capacity: usize,
}

impl<Id: Clone + Ord + Hash> Chunks<Id> {
    /// No records yet; each chunk holds at most `capacity`.
    pub(super) fn new(capacity: usize) -> Self {
        Self {
            at: HashMap::new(),
            members: BTreeMap::new(),
            capacity,
        }
    }

    /// Records that `id` is stored in `chunk`.
    pub(super) fn insert(&mut self, chunk: u32, id: Id) {
        self.at.insert(id.clone(), chunk);
        self.members.entry(chunk).or_default().insert(id);
    }

    /// Replaces one chunk's members.
    pub(super) fn set_members(&mut self, chunk: u32, ids: BTreeSet<Id>) {
        if let Some(old) = self.members.remove(&chunk) {
            for id in old {
                if self.at.get(&id) == Some(&chunk) {
                    self.at.remove(&id);
                }
            }
        }
        if !ids.is_empty() {
            for id in &ids {
                self.at.insert(id.clone(), chunk);
            }
            self.members.insert(chunk, ids);
        }
    }

    /// The new members of every chunk touched by `ids`: existing records stay where
    /// they are, vanished ones leave, new ones fill the newest chunk with room.
    pub(super) fn plan(
        &self,
        ids: &BTreeSet<Id>,
        exists: impl Fn(&Id) -> bool,
    ) -> BTreeMap<u32, BTreeSet<Id>> {
        let mut planned: BTreeMap<u32, BTreeSet<Id>> = BTreeMap::new();
        let mut newcomers = Vec::new();
        for id in ids {
            match (self.at.get(id), exists(id)) {
                (Some(&chunk), present) => {
                    let members = planned
                        .entry(chunk)
                        .or_insert_with(|| self.members.get(&chunk).cloned().unwrap_or_default());
                    if !present {
                        members.remove(id);
                    }
                }
                (None, true) => newcomers.push(id.clone()),
                (None, false) => {}
            }
        }
        let mut open = self.members.keys().next_back().copied().unwrap_or(0);
        for id in newcomers {
            loop {
                let members = planned
                    .entry(open)
                    .or_insert_with(|| self.members.get(&open).cloned().unwrap_or_default());
                if members.len() < self.capacity {
                    members.insert(id);
                    break;
                }
                open += 1;
            }
        }
        planned
    }
}
