//! Dates as other tools write them.
//!
//! * vCard birthdays: `1985-04-12`, `19850412`, `1985-04-12T00:00:00Z`, and
//!   without a year `--0412` or `--04-12`.
//! * Spreadsheet and LinkedIn dates: `2024-03-12`, `2024/03/12`, `12 Mar 2024`,
//!   `7-Feb-22`, `March 12, 2024`, `12.03.2024`, and `12/03/2024` when the
//!   day/month order is unambiguous. Two-digit years are 2000 to 2069 or 1970
//!   to 1999.

use chrono::NaiveDate;

use crate::model::dates::{MAX_YEAR, MIN_YEAR};
use crate::model::Birthday;

/// A vCard `BDAY` value as a birthday; `omit_year` drops the year (Apple
/// writes year 1604 with `X-APPLE-OMIT-YEAR` for birthdays without one).
/// The date itself is read by [`Birthday::read`]; only the time part vCard
/// allows is cut off here.
pub fn parse_vcard_birthday(text: &str, omit_year: bool) -> Option<Birthday> {
    let text = text.trim();
    // Drop a time part: 1985-04-12T00:00:00Z, 19850412T000000.
    let date = match text.find(['T', 't']) {
        Some(at) => &text[..at],
        None => text,
    };
    if omit_year {
        Birthday::read_without_year(date)
    } else {
        Birthday::read(date)
    }
}

fn all_digits(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_digit())
}

fn number(digits: &str) -> Option<u32> {
    if digits.is_empty() || !all_digits(digits) {
        return None;
    }
    digits.parse().ok()
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month name or its first three letters (`Mar`, `march`, `Sept`).
fn month_named(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_lowercase();
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&word) || (word == "sept" && *m == "september"))
        .map(|i| i as u32 + 1)
}

/// A year of two or four digits; `22` is 2022, `85` is 1985.
fn year_from(digits: &str) -> Option<i32> {
    let value = i32::try_from(number(digits)?).ok()?;
    match digits.len() {
        2 if value < 70 => Some(2000 + value),
        2 => Some(1900 + value),
        4 => Some(value),
        _ => None,
    }
}

fn make(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day).filter(|_| (MIN_YEAR..=MAX_YEAR).contains(&year))
}

/// A date in any of the common spreadsheet forms listed in the module docs.
pub fn parse_loose_date(text: &str) -> Result<NaiveDate, String> {
    let trimmed = text.trim();
    let not_a_date = || format!("\"{trimmed}\" is not a date");
    // Leave out a time part: "2024-03-12 10:00", "2024-03-12T10:00:00Z".
    let date_part = trimmed
        .split(|c: char| c == 'T' || c.is_whitespace())
        .next()
        .filter(|first| first.len() >= 8 && first.bytes().filter(u8::is_ascii_digit).count() >= 6)
        .unwrap_or(trimmed);
    let parts: Vec<&str> = date_part
        .split(|c: char| c == '-' || c == '/' || c == '.' || c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    let [a, b, c] = parts.as_slice() else {
        return Err(not_a_date());
    };
    let numeric = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let date = if numeric(a) && a.len() == 4 {
        // 2024-03-12, 2024/03/12
        make(
            year_from(a).ok_or_else(not_a_date)?,
            number(b).ok_or_else(not_a_date)?,
            number(c).ok_or_else(not_a_date)?,
        )
    } else if let Some(month) = month_named(b).filter(|_| numeric(a)) {
        // 12 Mar 2024, 7-Feb-22
        make(
            year_from(c).ok_or_else(not_a_date)?,
            month,
            number(a).ok_or_else(not_a_date)?,
        )
    } else if let Some(month) = month_named(a).filter(|_| numeric(b)) {
        // March 12, 2024
        make(
            year_from(c).ok_or_else(not_a_date)?,
            month,
            number(b).ok_or_else(not_a_date)?,
        )
    } else if numeric(a) && numeric(b) && numeric(c) {
        let year = year_from(c).ok_or_else(not_a_date)?;
        let (first, second) = (
            number(a).ok_or_else(not_a_date)?,
            number(b).ok_or_else(not_a_date)?,
        );
        if date_part.contains('.') || first > 12 {
            make(year, second, first) // 12.03.2024 and 25/03/2024 are day first
        } else if second > 12 || first == second {
            make(year, first, second) // 03/25/2024 is month first
        } else {
            return Err(format!(
                "\"{trimmed}\" could be day/month or month/day; write it as YYYY-MM-DD"
            ));
        }
    } else {
        None
    };
    date.ok_or_else(not_a_date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// The date forms themselves are `Birthday::read`'s (tested in
    /// model::dates); here only what vCard adds: a time part, and the
    /// placeholder year of `X-APPLE-OMIT-YEAR`.
    #[test]
    fn vcard_birthday_forms() {
        let with_year = Birthday::new(4, 12, Some(1985)).ok();
        for text in ["1985-04-12", "1985-04-12T00:00:00Z", "19850412T000000"] {
            assert_eq!(parse_vcard_birthday(text, false), with_year, "{text}");
        }
        let no_year = Birthday::new(4, 12, None).ok();
        assert_eq!(parse_vcard_birthday("--0412", false), no_year);
        assert_eq!(parse_vcard_birthday("1604-04-12", true), no_year);
        assert_eq!(parse_vcard_birthday("1604-04-12t000000", true), no_year);
        for bad in ["circa 1800", "1985-02-30T00:00:00Z", "T1985-04-12", ""] {
            assert_eq!(parse_vcard_birthday(bad, false), None, "{bad}");
        }
    }

    #[test]
    fn spreadsheet_date_forms() {
        assert_eq!(parse_loose_date("12 Mar 2024"), Ok(d(2024, 3, 12)));
        assert_eq!(parse_loose_date("03 Jan 2019"), Ok(d(2019, 1, 3)));
        assert_eq!(parse_loose_date("7-Feb-22"), Ok(d(2022, 2, 7)));
        assert_eq!(parse_loose_date("2024-03-12"), Ok(d(2024, 3, 12)));
        assert_eq!(parse_loose_date("2024/03/12 10:15"), Ok(d(2024, 3, 12)));
        assert_eq!(parse_loose_date("2024-03-12T10:15:00Z"), Ok(d(2024, 3, 12)));
        assert_eq!(parse_loose_date("March 12, 2024"), Ok(d(2024, 3, 12)));
        assert_eq!(parse_loose_date("12.03.2024"), Ok(d(2024, 3, 12)));
        assert_eq!(parse_loose_date("25/03/2024"), Ok(d(2024, 3, 25)));
        assert_eq!(parse_loose_date("03/25/85"), Ok(d(1985, 3, 25)));
        assert_eq!(
            parse_loose_date("03/04/2024"),
            Err(
                "\"03/04/2024\" could be day/month or month/day; write it as YYYY-MM-DD".to_owned()
            )
        );
        assert_eq!(
            parse_loose_date("30 Feb 2024"),
            Err("\"30 Feb 2024\" is not a date".to_owned())
        );
        assert_eq!(
            parse_loose_date("soon"),
            Err("\"soon\" is not a date".to_owned())
        );
        assert_eq!(
            parse_loose_date("0999-01-01"),
            Err("\"0999-01-01\" is not a date".to_owned())
        );
    }
}
