//! Where a position in JSON text is: the path to the value there
//! (`ex[0].settled[1].date`) and where that value starts.
//!
//! serde_json reports a problem by line and column only; the typed reader
//! turns that into the path the user can find in the file. The scan follows
//! JSON's structure loosely (strings, brackets, commas and colons), so it
//! also copes with text that is broken further on. It runs only for a record
//! that has a problem.

/// One step of a path: a key in an object or a position in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    Key(String),
    Index(usize),
}

/// A path written as the user sees it: `people[3].met.via`.
pub(crate) fn join(steps: &[Step]) -> String {
    let mut path = String::new();
    for step in steps {
        match step {
            Step::Key(key) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Step::Index(index) => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

/// The byte offset of a 1-based line and column as serde_json counts them.
pub(crate) fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.bytes()
            .enumerate()
            .filter(|(_, byte)| *byte == b'\n')
            .nth(line - 2)
            .map_or(text.len(), |(at, _)| at + 1)
    };
    (line_start + column).min(text.len())
}

enum Frame {
    Object {
        key: Option<String>,
        expect_key: bool,
    },
    List {
        index: usize,
    },
}

/// The path of the value at `offset` (a value that ends there or starts
/// there), and the offset where the last value before it began.
pub(crate) fn path_at(text: &str, offset: usize) -> (Vec<Step>, Option<usize>) {
    let bytes = text.as_bytes();
    let end = offset.min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut value_start = None;
    let mut at = 0;
    while at < end {
        let byte = bytes[at];
        let expecting_key = matches!(
            stack.last(),
            Some(Frame::Object {
                expect_key: true,
                ..
            })
        );
        match byte {
            b'{' => {
                value_start = Some(at);
                stack.push(Frame::Object {
                    key: None,
                    expect_key: true,
                });
            }
            b'[' => {
                value_start = Some(at);
                stack.push(Frame::List { index: 0 });
            }
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { expect_key, .. }) => *expect_key = true,
                Some(Frame::List { index }) => *index += 1,
                None => {}
            },
            b'"' => {
                let close = string_end(bytes, at);
                if expecting_key {
                    let key = decode(text, at, close);
                    if let Some(Frame::Object {
                        key: slot,
                        expect_key,
                    }) = stack.last_mut()
                    {
                        *slot = Some(key);
                        *expect_key = false;
                    }
                } else {
                    value_start = Some(at);
                }
                at = close;
            }
            // The first character of a number or a literal starts a value.
            b if (b == b'-' || b.is_ascii_alphanumeric())
                && (at == 0 || !is_token_byte(bytes[at - 1])) =>
            {
                value_start = Some(at);
            }
            _ => {}
        }
        at += 1;
    }
    let steps = stack
        .into_iter()
        .filter_map(|frame| match frame {
            Frame::Object { key, .. } => key.map(Step::Key),
            Frame::List { index } => Some(Step::Index(index)),
        })
        .collect();
    (steps, value_start)
}

fn is_token_byte(byte: u8) -> bool {
    byte == b'-' || byte == b'+' || byte == b'.' || byte.is_ascii_alphanumeric()
}

/// The position of the quote that closes the string opening at `start` (or the end of the text).
pub(crate) fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut at = start + 1;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'"' => return at,
            _ => at += 1,
        }
    }
    bytes.len()
}

/// A key's text with escapes decoded (`"na\u006de"` is `name`).
fn decode(text: &str, start: usize, end: usize) -> String {
    let inner = text.get(start + 1..end).unwrap_or("");
    if !inner.contains('\\') {
        return inner.to_owned();
    }
    text.get(start..=end)
        .and_then(|quoted| serde_json::from_str::<String>(quoted).ok())
        .unwrap_or_else(|| inner.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(text: &str, marker: &str) -> String {
        let offset = text.find(marker).map_or(0, |at| at + marker.len());
        join(&path_at(text, offset).0)
    }

    #[test]
    fn paths_follow_keys_and_positions() {
        let text = r#"{"id":"i1","who":["p1","p 2"],"ex":[{"id":"x1"},{"id":"x2","settled":[{"date":"2024-13-01"}]}]}"#;
        assert_eq!(path(text, r#""p 2""#), "who[1]");
        assert_eq!(path(text, r#""2024-13-01""#), "ex[1].settled[0].date");
        assert_eq!(path(text, r#""id":"i1""#), "id");
        // After an object has closed, the path is the object's own.
        assert_eq!(path(text, r#"{"id":"x1"}"#), "ex[0]");
    }

    #[test]
    fn escaped_keys_are_decoded_and_offsets_count_lines() {
        let text = "{\n\"na\\u006de\": 5}";
        assert_eq!(path(text, "5"), "name");
        assert_eq!(offset_of(text, 2, 3), 5);
        assert_eq!(offset_of(text, 1, 1), 1);
    }
}
