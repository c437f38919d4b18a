//! Small pieces of wording that several screens and figures share, so that
//! each reads the same everywhere and a change of wording is one edit.

/// "this file…" → "This file…": the first letter in upper case.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// How many times something happened: "once", "0 times", "3 times".
pub fn times(n: u32) -> String {
    if n == 1 {
        "once".to_owned()
    } else {
        format!("{n} times")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitalise_handles_accents_and_empty_text() {
        assert_eq!(capitalise("this file"), "This file");
        assert_eq!(capitalise("émile"), "Émile");
        assert_eq!(capitalise(""), "");
    }

    #[test]
    fn times_says_once_for_one() {
        assert_eq!(times(0), "0 times");
        assert_eq!(times(1), "once");
        assert_eq!(times(3), "3 times");
    }
}
