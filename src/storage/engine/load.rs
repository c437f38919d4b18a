//! Loading a journal from its segments, upgrading data written by older versions.

use std::collections::{BTreeMap, BTreeSet};

use serde::de::DeserializeOwned;

use super::commit::to_json;
use super::error::{corrupt_head, unavailable, LoadError};
use super::{Config, Store};
use crate::model::{
    Interaction, InteractionId, Journal, JournalParts, Person, PersonId, Settings, FORMAT_VERSION,
};
use crate::storage::backend::Backend;
use crate::storage::codec;
use crate::storage::layout::{Head, SegmentName, HEAD_KEY};
use crate::storage::migrate;

impl<B: Backend> Store<B> {
    /// The stored head, if there is one.
    pub(super) fn read_head(&self) -> Result<Option<Head>, LoadError> {
        match self.backend.get(HEAD_KEY).map_err(unavailable)? {
            Some(text) => parse_head(&text).map(Some),
            None => Ok(None),
        }
    }

    /// Reads every segment `head` names, upgrading older data and writing it back.
    pub(super) fn load_from(&mut self, head: Head) -> Result<Journal, LoadError> {
        let segments = head.segments().map_err(corrupt_head)?;
        let upgrading = head.schema < FORMAT_VERSION;
        let mut loaded = Loaded::default();
        let mut raw = RawDocument::default();
        for (name, version) in &segments {
            if upgrading {
                raw.read(&self.backend, *name, version)?;
            } else {
                self.read_segment(*name, version, &mut loaded)?;
            }
        }
        if upgrading {
            loaded = raw.upgrade(head.schema)?;
        }

        let config = loaded.config.clone().unwrap_or_else(|| Config {
            purposes: JournalParts::default().purposes,
            settings: Settings::default(),
            milestones: Vec::new(),
        });
        let parts = JournalParts {
            version: FORMAT_VERSION,
            people: std::mem::take(&mut loaded.people),
            interactions: std::mem::take(&mut loaded.interactions),
            purposes: config.purposes,
            settings: config.settings,
            milestones: config.milestones,
        };
        let journal = Journal::from_parts(parts).map_err(|err| LoadError::Corrupt {
            key: "journal".to_owned(),
            reason: err.to_string(),
        })?;

        for (chunk, ids) in loaded.people_in {
            for id in ids {
                self.people.insert(chunk, id);
            }
        }
        for (chunk, ids) in loaded.interactions_in {
            for id in ids {
                self.interactions.insert(chunk, id);
            }
        }
        self.head = head;
        self.head_text.clear();

        if upgrading {
            self.rewrite_everything(&journal).map_err(|err| {
                LoadError::Unavailable(format!("the upgraded journal could not be saved: {err}"))
            })?;
        }
        Ok(journal)
    }

    /// Reads one segment into `loaded`, noting which chunk each record came from.
    pub(super) fn read_segment(
        &self,
        name: SegmentName,
        version: &str,
        loaded: &mut Loaded,
    ) -> Result<(), LoadError> {
        let key = name.key(version);
        let bytes = read_bytes(&self.backend, &key)?;
        match name {
            SegmentName::Config => loaded.config = Some(parse_records(&key, &bytes)?),
            SegmentName::People(n) => {
                let people: Vec<Person> = parse_records(&key, &bytes)?;
                loaded
                    .people_in
                    .entry(n)
                    .or_default()
                    .extend(people.iter().map(|p| p.id.clone()));
                loaded.people.extend(people);
            }
            SegmentName::Interactions(n) => {
                let interactions: Vec<Interaction> = parse_records(&key, &bytes)?;
                loaded
                    .interactions_in
                    .entry(n)
                    .or_default()
                    .extend(interactions.iter().map(|i| i.id.clone()));
                loaded.interactions.extend(interactions);
            }
        }
        Ok(())
    }
}

/// Records read from segments, and which segment each came from.
#[derive(Debug, Default)]
pub(super) struct Loaded {
    pub(super) people: Vec<Person>,
    pub(super) interactions: Vec<Interaction>,
    pub(super) config: Option<Config>,
    pub(super) people_in: BTreeMap<u32, BTreeSet<PersonId>>,
    pub(super) interactions_in: BTreeMap<u32, BTreeSet<InteractionId>>,
}

/// Segments read as untyped JSON, for a migration from an older schema.
#[derive(Debug, Default)]
struct RawDocument {
    people: Vec<(u32, serde_json::Value)>,
    interactions: Vec<(u32, serde_json::Value)>,
    config: Option<serde_json::Value>,
}

impl RawDocument {
    fn read<B: Backend>(
        &mut self,
        backend: &B,
        name: SegmentName,
        version: &str,
    ) -> Result<(), LoadError> {
        let key = name.key(version);
        let bytes = read_bytes(backend, &key)?;
        match name {
            SegmentName::Config => self.config = Some(parse_records(&key, &bytes)?),
            SegmentName::People(n) => {
                let records: Vec<serde_json::Value> = parse_records(&key, &bytes)?;
                self.people.extend(records.into_iter().map(|r| (n, r)));
            }
            SegmentName::Interactions(n) => {
                let records: Vec<serde_json::Value> = parse_records(&key, &bytes)?;
                self.interactions
                    .extend(records.into_iter().map(|r| (n, r)));
            }
        }
        Ok(())
    }

    /// Runs the migrations on the whole document, then reads it as the current schema.
    fn upgrade(self, from: u32) -> Result<Loaded, LoadError> {
        let mut document = serde_json::Map::new();
        document.insert("v".into(), from.into());
        document.insert(
            "people".into(),
            self.people.iter().map(|(_, r)| r.clone()).collect(),
        );
        document.insert(
            "log".into(),
            self.interactions.iter().map(|(_, r)| r.clone()).collect(),
        );
        if let Some(serde_json::Value::Object(config)) = self.config {
            document.extend(config);
        }
        let upgraded = migrate::upgrade(serde_json::Value::Object(document)).map_err(|reason| {
            LoadError::Corrupt {
                key: "journal".to_owned(),
                reason,
            }
        })?;
        // Through bytes, not `from_value`: one deserializer for every record type
        // keeps the wasm smaller.
        let after_upgrading = |reason: String| LoadError::Corrupt {
            key: "journal".to_owned(),
            reason: format!("after upgrading: {reason}"),
        };
        let bytes = to_json(&upgraded).map_err(|err| after_upgrading(err.to_string()))?;
        let parts: JournalParts =
            serde_json::from_slice(&bytes).map_err(|err| after_upgrading(err.to_string()))?;
        Ok(Loaded {
            people: parts.people,
            interactions: parts.interactions,
            config: Some(Config {
                purposes: parts.purposes,
                settings: parts.settings,
                milestones: parts.milestones,
            }),
            // Chunk membership is rebuilt when everything is rewritten.
            people_in: BTreeMap::new(),
            interactions_in: BTreeMap::new(),
        })
    }
}

/// Reads a head's text, refusing one written by a newer version.
pub(super) fn parse_head(text: &str) -> Result<Head, LoadError> {
    let head: Head = serde_json::from_slice(text.as_bytes()).map_err(|err| LoadError::Corrupt {
        key: HEAD_KEY.to_owned(),
        reason: format!("is not a valid head ({err})"),
    })?;
    if head.schema > FORMAT_VERSION {
        return Err(LoadError::NewerVersion {
            found: head.schema,
            supported: FORMAT_VERSION,
        });
    }
    Ok(head)
}

/// A segment's bytes, decoded from its stored text.
fn read_bytes<B: Backend>(backend: &B, key: &str) -> Result<Vec<u8>, LoadError> {
    let text = backend
        .get(key)
        .map_err(unavailable)?
        .ok_or_else(|| LoadError::Corrupt {
            key: key.to_owned(),
            reason: "is missing".to_owned(),
        })?;
    codec::decode(&text).map_err(|err| LoadError::Corrupt {
        key: key.to_owned(),
        reason: err.to_string(),
    })
}

/// Parses a segment; on failure, finds the first record that is wrong and says which.
fn parse_records<T: DeserializeOwned>(key: &str, bytes: &[u8]) -> Result<T, LoadError> {
    serde_json::from_slice(bytes).map_err(|err| {
        let detail = match serde_json::from_slice::<Vec<serde_json::Value>>(bytes) {
            Ok(records) => format!(
                "a record does not match the expected shape ({err}); it holds {} records",
                records.len()
            ),
            Err(_) => format!("is not valid JSON ({err})"),
        };
        LoadError::Corrupt {
            key: key.to_owned(),
            reason: detail,
        }
    })
}
