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

/// A count with its thousands grouped: "950", "4,000", "22,000".
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// What long work is doing, beside its progress bar.
pub const MAKING_DEMO: &str = "Creating demo journal";
/// What long work is doing, beside its progress bar.
pub const WRITING_BACKUP: &str = "Writing the backup";
/// What the demo data does once every record is made.
pub const STORING_DEMO: &str = "Storing demo journal";

/// What reading a backup does, beside its progress bar.
pub const CHECKING_BACKUP: &str = "Checking the file";

/// The label of a progress bar: "Creating demo journal: 4,000 of 22,000
/// records", with the counts written by `count` (the screen groups them as
/// the reader's locale does).
pub fn progress(doing: &str, done: usize, total: usize, count: fn(usize) -> String) -> String {
    format!(
        "{doing}: {} of {} record{}",
        count(done),
        count(total),
        if total == 1 { "" } else { "s" }
    )
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
    fn counts_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(950), "950");
        assert_eq!(grouped(4_000), "4,000");
        assert_eq!(grouped(22_000), "22,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }

    #[test]
    fn progress_counts_records() {
        assert_eq!(
            progress(MAKING_DEMO, 4_000, 22_000, grouped),
            "Creating demo journal: 4,000 of 22,000 records"
        );
        assert_eq!(
            progress(WRITING_BACKUP, 0, 1, grouped),
            "Writing the backup: 0 of 1 record"
        );
    }

    #[test]
    fn times_says_once_for_one() {
        assert_eq!(times(0), "0 times");
        assert_eq!(times(1), "once");
        assert_eq!(times(3), "3 times");
    }
}
