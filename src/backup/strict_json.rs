//! JSON parsing that refuses a key repeated within one object.
//!
//! serde_json keeps the last of two equal keys, so a backup with `"people"`
//! twice would silently lose the first list. [`parse_strict`] builds the same
//! [`Value`] as `serde_json::from_slice` but stops at a repeated key; only
//! then does [`repeated_keys`] scan the text again to name every repeated key
//! with its path and both places. A clean file pays for nothing but the
//! check on each insert.

use std::borrow::Cow;
use std::fmt;

use rustc_hash::FxHashMap;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::json_path::string_end;
use super::read::Problems;

/// What the parser says when it meets a repeated key; only used to recognise its own error.
const REPEATED: &str = "a key is repeated in one object";

/// The message for a repeated key, `at` its path: "this key appears twice (line 1, column 80 and line 3, column 2)".
pub(crate) fn repeated_key_message(first: (usize, usize), again: (usize, usize)) -> String {
    format!(
        "this key appears twice (line {}, column {} and line {}, column {})",
        first.0, first.1, again.0, again.1
    )
}

/// Why [`parse_strict`] failed.
pub(crate) enum StrictError {
    /// Not JSON: serde_json's own error, with its line and column.
    Syntax(serde_json::Error),
    /// Valid JSON, but an object repeats a key.
    Repeated,
}

/// Parses `bytes` into a [`Value`] like `serde_json::from_slice`, but fails on a repeated key.
pub(crate) fn parse_strict(bytes: &[u8]) -> Result<Value, StrictError> {
    match serde_json::from_slice::<Strict>(bytes) {
        Ok(Strict(value)) => Ok(value),
        Err(err) if err.classify() == serde_json::error::Category::Data => {
            if err.to_string().starts_with(REPEATED) {
                Err(StrictError::Repeated)
            } else {
                Err(StrictError::Syntax(err))
            }
        }
        Err(err) => Err(StrictError::Syntax(err)),
    }
}

/// A JSON value read with repeated keys refused.
struct Strict(Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        // As serde_json: a float JSON cannot hold (never produced by its parser) becomes null.
        Ok(serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Strict(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let Strict(value) = map.next_value()?;
            if object.insert(key, value).is_some() {
                return Err(de::Error::custom(REPEATED));
            }
        }
        Ok(Value::Object(object))
    }
}

/// Longest key shown in a path; a longer one is cut with "…".
const SHOWN_KEY_CHARS: usize = 40;

/// One level of the scan: an object (its keys so far and the current one) or a list.
enum Frame<'a> {
    Object {
        keys: FxHashMap<Cow<'a, str>, usize>,
        current: Option<Cow<'a, str>>,
    },
    List {
        index: usize,
    },
}

/// Adds a problem for every key that appears again in the same object, at
/// its path (`people[3].name`), with the line and column of both places.
///
/// The scan follows JSON's structure loosely (strings, brackets, commas and
/// colons), so it also copes with text that serde_json would reject later on.
pub(crate) fn repeated_keys(text: &str, problems: &mut Problems) {
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut expect_key = false;
    // (path, first offset, repeated offset), placed in the text afterwards in one pass.
    let mut found: Vec<(String, usize, usize)> = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'{' => {
                stack.push(Frame::Object {
                    keys: FxHashMap::default(),
                    current: None,
                });
                expect_key = true;
            }
            b'[' => {
                stack.push(Frame::List { index: 0 });
                expect_key = false;
            }
            b'}' | b']' => {
                stack.pop();
                expect_key = false;
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { .. }) => expect_key = true,
                Some(Frame::List { index }) => *index += 1,
                None => {}
            },
            b':' => expect_key = false,
            b'"' => {
                let end = string_end(bytes, at);
                if expect_key {
                    let key = decode_key(text, at, end);
                    let parent_count = stack.len().saturating_sub(1);
                    let (parents, last) = stack.split_at_mut(parent_count);
                    if let Some(Frame::Object { keys, current }) = last.first_mut() {
                        match keys.get(&key) {
                            Some(&first) => found.push((path_of(parents, &key), first, at)),
                            None => {
                                keys.insert(key.clone(), at);
                            }
                        }
                        *current = Some(key);
                    }
                    expect_key = false;
                }
                at = end;
            }
            _ => {}
        }
        at += 1;
    }
    let places = line_cols(text, &found);
    for ((path, _, _), (first, again)) in found.into_iter().zip(places) {
        problems.add(path, repeated_key_message(first, again));
    }
}

/// A key's text, escapes decoded (`"na\u006de"` is `name`), so that spelling
/// a key differently does not hide the repeat.
fn decode_key(text: &str, start: usize, end: usize) -> Cow<'_, str> {
    let inner = text.get(start + 1..end).unwrap_or("");
    if !inner.contains('\\') {
        return Cow::Borrowed(inner);
    }
    match text
        .get(start..=end)
        .and_then(|quoted| serde_json::from_str::<String>(quoted).ok())
    {
        Some(decoded) => Cow::Owned(decoded),
        None => Cow::Borrowed(inner),
    }
}

/// `people[3].name`, from the frames above the object and the key in it.
fn path_of(frames: &[Frame], key: &str) -> String {
    let mut path = String::new();
    for frame in frames {
        match frame {
            Frame::Object { current, .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&shown_key(current.as_deref().unwrap_or("")));
            }
            Frame::List { index } => path.push_str(&format!("[{index}]")),
        }
    }
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(&shown_key(key));
    path
}

fn shown_key(key: &str) -> Cow<'_, str> {
    match key.char_indices().nth(SHOWN_KEY_CHARS) {
        Some((cut, _)) => Cow::Owned(format!("{}…", &key[..cut])),
        None => Cow::Borrowed(key),
    }
}

/// The 1-based line and column (in characters) of both offsets of each
/// repeat, found in one pass over the text however many there are.
fn line_cols(
    text: &str,
    found: &[(String, usize, usize)],
) -> Vec<((usize, usize), (usize, usize))> {
    let mut offsets: Vec<usize> = found.iter().flat_map(|(_, a, b)| [*a, *b]).collect();
    offsets.sort_unstable();
    offsets.dedup();
    let mut placed: FxHashMap<usize, (usize, usize)> = FxHashMap::default();
    let (mut line, mut column) = (1, 1);
    let mut next = offsets.iter().peekable();
    for (offset, c) in text.char_indices() {
        while next.peek().is_some_and(|&&wanted| wanted <= offset) {
            if let Some(&wanted) = next.next() {
                placed.insert(wanted, (line, column));
            }
        }
        if next.peek().is_none() {
            break;
        }
        if c == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    let place = |offset: &usize| placed.get(offset).copied().unwrap_or((line, column));
    found
        .iter()
        .map(|(_, first, again)| (place(first), place(again)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repeats(text: &str) -> Vec<String> {
        let mut problems = Problems::default();
        repeated_keys(text, &mut problems);
        problems.into_errors().lines()
    }

    #[test]
    fn strict_parsing_matches_serde_json_on_clean_text() {
        let text =
            r#"{"a": [1, -2, 3.5, "x\u00e9", true, null, {"b": {}}], "c": 18446744073709551615}"#;
        let ours = parse_strict(text.as_bytes()).ok();
        let theirs: Option<Value> = serde_json::from_str(text).ok();
        assert!(ours.is_some());
        assert_eq!(ours, theirs);
    }

    #[test]
    fn repeated_keys_are_refused_at_any_depth() {
        for text in [
            r#"{"a": 1, "a": 2}"#,
            r#"{"a": [{"b": 1, "c": {"d": 1, "d": 1}}]}"#,
            r#"{"na\u006de": 1, "name": 2}"#,
        ] {
            assert!(matches!(
                parse_strict(text.as_bytes()),
                Err(StrictError::Repeated)
            ));
        }
        assert!(parse_strict(br#"{"a": {"a": {"a": 1}}, "b": [{"a": 1}, {"a": 2}]}"#).is_ok());
    }

    #[test]
    fn every_repeat_is_named_with_its_path_and_both_places() {
        assert_eq!(
            repeats("{\"a\": 1,\n \"b\": [{\"c\": 1, \"x\\\"y\": 2}, {\"c\": 1, \"c\": 2}],\n\"a\": 3, \"a\": 4}"),
            [
                "b[1].c: this key appears twice (line 2, column 30 and line 2, column 38)",
                "a: this key appears twice (line 1, column 2 and line 3, column 1)",
                "a: this key appears twice (line 1, column 2 and line 3, column 9)",
            ]
        );
        assert_eq!(
            repeats(r#"{"k": {"ü\"": 1, "\u00fc\"": 2}}"#),
            ["k.ü\": this key appears twice (line 1, column 8 and line 1, column 18)"]
        );
        let long = "k".repeat(50);
        assert_eq!(
            repeats(&format!("{{\"{long}\":1,\"{long}\":2}}")),
            [format!(
                "{}…: this key appears twice (line 1, column 2 and line 1, column 57)",
                "k".repeat(40)
            )]
        );
        assert!(repeats(r#"{"a": "{\"a\": 1, \"a\": 2}", "b": ["a", "a"]}"#).is_empty());
    }
}
