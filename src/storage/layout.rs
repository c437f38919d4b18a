//! The layout of keys: one small head that names every segment, and the segments.
//!
//! ```text
//! rapport/head            {"schema":1,"app":"0.1.0","gen":42,"seg":{"cfg":"40-k3","p0":"42-k3-mxa5y5y2",...},
//!                          "id":"42-k3-mxa5y5y2","prev":["41-x9-mxa5y1q0",...]}
//! rapport/s/cfg/40-k3     purposes, settings and milestones
//! rapport/s/p0/42-k3      up to 64 people
//! rapport/s/i7/41-x9      up to 128 interactions
//! ```
//!
//! * The head is plain JSON, so a curious user can read it. Segments are packed
//!   (see [`codec`](super::codec)).
//! * Segments are never overwritten. A save writes the changed segments under fresh
//!   keys (the new generation and a token unique to the writing tab), then replaces
//!   the head in one `setItem`, then (later, see below) removes the superseded keys. A tab that dies
//!   part-way leaves the old head pointing at old, intact segments: the next load sees
//!   the old state, or, once the head is written, the new one, never a mix.
//! * Segments hold a bounded number of records, so one save costs the same whatever
//!   the size of the journal. New records go to the newest segment with room.
//! * Saves are serialised across tabs by a Web Lock (see [`lock`](super::lock)). Even
//!   so, another process's view of localStorage can lag behind, so each head also
//!   carries its own `id` and the ids of the heads before it (`prev`): a tab whose
//!   save is missing from the newest head's lineage saves its change again.
//! * The superseded segments of a save are removed once a later look at the head
//!   shows the save stands; leftovers are removed at load, but only once they are
//!   ten minutes old, since a younger one may be a save another tab is committing.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// Every key Rapport writes starts with this.
pub const PREFIX: &str = "rapport/";
/// The key of the head.
pub const HEAD_KEY: &str = "rapport/head";
/// Segment keys start with this.
pub const SEGMENT_PREFIX: &str = "rapport/s/";
/// Most people in one segment.
pub const PEOPLE_PER_SEGMENT: usize = 64;
/// Most interactions in one segment.
pub const INTERACTIONS_PER_SEGMENT: usize = 128;
/// How many earlier head ids a head remembers (see [`Head::prev`]).
pub const LINEAGE_LENGTH: usize = 16;
/// Segments no head names are removed only once they are this old (ten minutes):
/// a younger one may belong to a save another tab has not committed yet.
pub const GARBAGE_MIN_AGE_MS: u64 = 10 * 60 * 1000;

/// A segment's name: the configuration, or a numbered chunk of people or interactions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SegmentName {
    /// Purposes, settings and milestones (left out while there are none, so
    /// a store written before milestones existed loads unchanged).
    Config,
    /// A chunk of people.
    People(u32),
    /// A chunk of interactions.
    Interactions(u32),
}

impl SegmentName {
    /// Parses `cfg`, `p12` or `i7`.
    pub fn parse(text: &str) -> Option<Self> {
        if text == "cfg" {
            return Some(Self::Config);
        }
        let number = |rest: &str| rest.parse::<u32>().ok().filter(|_| !rest.starts_with('+'));
        match text.split_at_checked(1)? {
            ("p", rest) => number(rest).map(Self::People),
            ("i", rest) => number(rest).map(Self::Interactions),
            _ => None,
        }
    }

    /// The storage key of this segment at `version`.
    pub fn key(self, version: &str) -> String {
        format!("{SEGMENT_PREFIX}{self}/{version}")
    }
}

impl fmt::Display for SegmentName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SegmentName::Config => write!(f, "cfg"),
            SegmentName::People(n) => write!(f, "p{n}"),
            SegmentName::Interactions(n) => write!(f, "i{n}"),
        }
    }
}

/// The head: which schema, which generation, and where each segment lives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Head {
    /// The journal's JSON format version.
    pub schema: u32,
    /// The app version that wrote it, for the user's information.
    #[serde(default)]
    pub app: String,
    /// Increases by one with every save.
    pub gen: u64,
    /// Segment name to its version, `"<gen>-<token>"` or `"<gen>-<token>-<time>"`.
    pub seg: BTreeMap<String, String>,
    /// This head's own version: the one its newly written segments carry.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// The ids of the heads before this one, newest first (at most
    /// [`LINEAGE_LENGTH`]). A tab whose head is not among them knows that another
    /// tab wrote over its save without seeing it, and saves its change again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prev: Vec<String>,
}

impl Head {
    /// A head with no segments, before the first save.
    pub fn empty(schema: u32) -> Self {
        Self {
            schema,
            app: String::new(),
            gen: 0,
            seg: BTreeMap::new(),
            id: String::new(),
            prev: Vec::new(),
        }
    }

    /// The segments, by parsed name. Unknown names are reported.
    pub fn segments(&self) -> Result<BTreeMap<SegmentName, String>, String> {
        self.seg
            .iter()
            .map(|(name, version)| match SegmentName::parse(name) {
                Some(parsed) => Ok((parsed, version.clone())),
                None => Err(format!("the head names an unknown segment \"{name}\"")),
            })
            .collect()
    }
}

/// The generation a segment version was written at: the number before the dash.
pub fn version_generation(version: &str) -> Option<u64> {
    version.split('-').next()?.parse().ok()
}

/// When a segment version was written, in milliseconds since 1970, if it says
/// (the third part, base 36; versions written before it was added have none).
pub fn version_time(version: &str) -> Option<u64> {
    u64::from_str_radix(version.split('-').nth(2)?, 36).ok()
}

/// A segment version: generation, the writing tab's token and, when known, the time.
pub fn make_version(gen: u64, token: &str, now_ms: Option<u64>) -> String {
    match now_ms {
        Some(ms) => format!("{gen}-{token}-{}", base36(ms)),
        None => format!("{gen}-{token}"),
    }
}

fn base36(mut n: u64) -> String {
    let mut digits = Vec::new();
    loop {
        let d = (n % 36) as u8;
        digits.push(if d < 10 { b'0' + d } else { b'a' + d - 10 });
        n /= 36;
        if n == 0 {
            break;
        }
    }
    digits.reverse();
    String::from_utf8(digits).unwrap_or_default()
}

/// Splits a segment key into its name and version.
pub fn parse_segment_key(key: &str) -> Option<(SegmentName, &str)> {
    let rest = key.strip_prefix(SEGMENT_PREFIX)?;
    let (name, version) = rest.split_once('/')?;
    Some((SegmentName::parse(name)?, version))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_names_round_trip_and_reject_strangers() {
        for name in [
            SegmentName::Config,
            SegmentName::People(0),
            SegmentName::Interactions(417),
        ] {
            assert_eq!(SegmentName::parse(&name.to_string()), Some(name));
        }
        for bad in ["", "p", "x1", "p-1", "p+1", "i1.5", "cfg2"] {
            assert_eq!(SegmentName::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn segment_keys_carry_name_and_version() {
        let key = SegmentName::Interactions(7).key("41-x9");
        assert_eq!(key, "rapport/s/i7/41-x9");
        assert_eq!(
            parse_segment_key(&key),
            Some((SegmentName::Interactions(7), "41-x9"))
        );
        assert_eq!(version_generation("41-x9"), Some(41));
        assert_eq!(version_time("41-x9"), None);
        let timed = make_version(41, "x9", Some(1_767_000_000_000));
        assert_eq!(version_generation(&timed), Some(41));
        assert_eq!(version_time(&timed), Some(1_767_000_000_000));
        assert_eq!(parse_segment_key("rapport/head"), None);
    }
}
