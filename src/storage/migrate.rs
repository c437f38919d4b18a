//! Schema migrations, shared by storage and backups.
//!
//! A migration turns a whole journal document (the backup shape: `{"v":N,"people":[…],
//! "log":[…],"purposes":[…],"settings":{…}}`) of version N into version N + 1, as plain
//! JSON, before it is read into the model. Storage runs them when its head has an older
//! schema and then rewrites every segment; an import runs them on the file's body.
//!
//! Version 1 is the first format; there is no older data to migrate yet. The first
//! change to the format adds a step here and a fixture under `tests/fixtures/storage/`.

use serde_json::Value;

use crate::model::FORMAT_VERSION;

/// One step: upgrades a document from `from` to `from + 1`.
pub struct Migration {
    /// The version this step reads.
    pub from: u32,
    /// The transformation.
    pub run: fn(Value) -> Result<Value, String>,
}

/// Every migration Rapport knows, oldest first.
pub const MIGRATIONS: &[Migration] = &[];

/// Upgrades a document to [`FORMAT_VERSION`].
pub fn upgrade(document: Value) -> Result<Value, String> {
    upgrade_with(document, MIGRATIONS, FORMAT_VERSION)
}

/// Upgrades a document to `target` with the given steps.
pub fn upgrade_with(
    mut document: Value,
    steps: &[Migration],
    target: u32,
) -> Result<Value, String> {
    let mut version = read_version(&document)?;
    if version > target {
        return Err(format!(
            "v: the data is format {version}, newer than this version of Rapport reads ({target}); update the app"
        ));
    }
    while version < target {
        let step = steps
            .iter()
            .find(|step| step.from == version)
            .ok_or_else(|| format!("v: format {version} is not one Rapport has ever written"))?;
        document = (step.run)(document)?;
        version += 1;
        if let Value::Object(map) = &mut document {
            map.insert("v".to_owned(), Value::from(version));
        }
    }
    Ok(document)
}

/// The `"v"` field of a document.
pub fn read_version(document: &Value) -> Result<u32, String> {
    match document.get("v") {
        Some(Value::Number(n)) => n
            .as_u64()
            .and_then(|v| u32::try_from(v).ok())
            .ok_or_else(|| format!("v: {n} is not a format version")),
        Some(other) => Err(format!("v: {other} is not a format version")),
        None => Err("v: the format version is missing".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rename_notes(mut doc: Value) -> Result<Value, String> {
        if let Some(Value::Array(people)) = doc.get_mut("people") {
            for person in people {
                if let Some(map) = person.as_object_mut() {
                    if let Some(note) = map.remove("note") {
                        map.insert("notes".to_owned(), note);
                    }
                }
            }
        }
        Ok(doc)
    }

    #[test]
    fn steps_run_in_order_up_to_the_target() {
        let steps = [Migration {
            from: 1,
            run: rename_notes,
        }];
        let old = json!({"v": 1, "people": [{"id": "p1", "note": "hi"}]});
        let new = upgrade_with(old, &steps, 2).ok();
        assert_eq!(
            new,
            Some(json!({"v": 2, "people": [{"id": "p1", "notes": "hi"}]}))
        );
    }

    #[test]
    fn newer_and_unknown_versions_are_refused_with_a_reason() {
        assert_eq!(
            upgrade(json!({"v": 99})),
            Err("v: the data is format 99, newer than this version of Rapport reads (1); update the app".to_owned())
        );
        assert_eq!(
            upgrade_with(json!({"v": 0}), &[], 1),
            Err("v: format 0 is not one Rapport has ever written".to_owned())
        );
        assert_eq!(
            upgrade(json!({})),
            Err("v: the format version is missing".to_owned())
        );
        assert_eq!(
            upgrade(json!({"v": "one"})),
            Err("v: \"one\" is not a format version".to_owned())
        );
    }

    #[test]
    fn the_current_version_passes_through_unchanged() {
        let doc = json!({"v": FORMAT_VERSION, "people": []});
        assert_eq!(upgrade(doc.clone()), Ok(doc));
    }
}
