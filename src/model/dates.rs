//! Calendar helpers: months, quarters, ISO weeks and birthdays.
//!
//! Everything here works on `NaiveDate` (a calendar day with no time zone).
//! Interactions are logged as local calendar days, so daylight-saving changes
//! cannot move a contact to another day and every "days since" figure is a
//! whole number of calendar days.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::error::ModelError;

/// Earliest year the model accepts in any date.
pub const MIN_YEAR: i32 = 1000;
/// Latest year the model accepts in any date.
pub const MAX_YEAR: i32 = 9999;

/// Rejects dates outside [`MIN_YEAR`]..=[`MAX_YEAR`], which keeps all date
/// arithmetic in the model far away from chrono's limits.
pub fn check_date(date: NaiveDate) -> Result<(), ModelError> {
    if (MIN_YEAR..=MAX_YEAR).contains(&date.year()) {
        Ok(())
    } else {
        Err(ModelError::DateOutOfRange(date))
    }
}

/// Whole calendar days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    to.signed_duration_since(from).num_days()
}

/// A gap of `days` in words, as people say it: "1 day", "45 days",
/// "about 5 months", "over a year", "over 11 years". Negative gaps read as
/// 0 days. Under two months the exact count is kept (it is compared with
/// cadences typed in days); longer gaps are rounded in words, never a day
/// count nobody can picture.
pub fn gap_in_words(days: i64) -> String {
    match days.max(0) {
        1 => "1 day".to_owned(),
        n @ 0..=59 => format!("{n} days"),
        // Months of 365/12 days, rounded; 11 at most, so it never reads "about 12 months".
        n @ 60..=364 => format!("about {} months", ((n * 12 + 182) / 365).min(11)),
        365..=729 => "over a year".to_owned(),
        n => format!("over {} years", n / 365),
    }
}

/// `date` moved by `days` (either sign), saturating at chrono's limits.
pub fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    let magnitude = Days::new(days.unsigned_abs());
    let moved = if days >= 0 {
        date.checked_add_days(magnitude)
    } else {
        date.checked_sub_days(magnitude)
    };
    moved.unwrap_or(if days >= 0 {
        NaiveDate::MAX
    } else {
        NaiveDate::MIN
    })
}

/// `date` moved by whole months; a day that does not exist in the target
/// month is clamped to that month's last day (Mar 31 minus one month is Feb 28
/// or Feb 29).
pub fn add_months_clamped(date: NaiveDate, months: i32) -> NaiveDate {
    let magnitude = Months::new(months.unsigned_abs());
    let moved = if months >= 0 {
        date.checked_add_months(magnitude)
    } else {
        date.checked_sub_months(magnitude)
    };
    moved.unwrap_or(date)
}

/// The Monday that starts the ISO week containing `date`.
pub fn week_start(date: NaiveDate) -> NaiveDate {
    add_days(date, -i64::from(date.weekday().num_days_from_monday()))
}

/// A calendar month, e.g. `2024-02`. Always a valid month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    year: i32,
    month: u32,
}

impl YearMonth {
    /// The month `month` (1..=12) of `year`, or `None` when `month` is out of range.
    pub fn new(year: i32, month: u32) -> Option<Self> {
        (1..=12).contains(&month).then_some(Self { year, month })
    }

    /// The month containing `date`.
    pub fn of(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1..=12.
    pub fn month(self) -> u32 {
        self.month
    }

    /// The month `n` months later (earlier when negative).
    pub fn plus(self, n: i32) -> Self {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 + i64::from(n);
        Self {
            year: index.div_euclid(12) as i32,
            month: index.rem_euclid(12) as u32 + 1,
        }
    }

    /// The first day of the month.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or_default()
    }

    /// The last day of the month (handles 28/29/30/31).
    pub fn last_day(self) -> NaiveDate {
        add_days(self.plus(1).first_day(), -1)
    }

    /// Whether `date` falls in this month.
    pub fn contains(self, date: NaiveDate) -> bool {
        Self::of(date) == self
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// A calendar quarter, e.g. `2024-Q2`. Always valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    year: i32,
    quarter: u32,
}

impl Quarter {
    /// Quarter `quarter` (1..=4) of `year`, or `None` when out of range.
    pub fn new(year: i32, quarter: u32) -> Option<Self> {
        (1..=4).contains(&quarter).then_some(Self { year, quarter })
    }

    /// The quarter containing `date`.
    pub fn of(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            quarter: (date.month() - 1) / 3 + 1,
        }
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The quarter, 1..=4.
    pub fn quarter(self) -> u32 {
        self.quarter
    }

    /// The following quarter.
    pub fn next(self) -> Self {
        if self.quarter == 4 {
            Self {
                year: self.year + 1,
                quarter: 1,
            }
        } else {
            Self {
                year: self.year,
                quarter: self.quarter + 1,
            }
        }
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-Q{}", self.year, self.quarter)
    }
}

/// A birthday: month and day, with the year when known.
///
/// Serialised as an ISO 8601 string: `"1990-02-29"` with a year, `"--02-29"`
/// without one. Someone born on 29 February celebrates on **28 February** in
/// common years (they stay in their birth month; this is also the rule many
/// jurisdictions use for coming of age).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Birthday {
    month: u32,
    day: u32,
    year: Option<i32>,
}

impl Birthday {
    /// A birthday on `month`/`day`, optionally in `year`. 29 February is
    /// accepted without a year; with a year the date must exist.
    pub fn new(month: u32, day: u32, year: Option<i32>) -> Result<Self, ModelError> {
        let invalid = || {
            ModelError::InvalidBirthday(match year {
                Some(y) => format!("{y:04}-{month:02}-{day:02}"),
                None => format!("--{month:02}-{day:02}"),
            })
        };
        // 2000 is a leap year, so this accepts Feb 29 when no year is given.
        NaiveDate::from_ymd_opt(2000, month, day).ok_or_else(invalid)?;
        if let Some(y) = year {
            if !(MIN_YEAR..=MAX_YEAR).contains(&y) {
                return Err(invalid());
            }
            NaiveDate::from_ymd_opt(y, month, day).ok_or_else(invalid)?;
        }
        Ok(Self { month, day, year })
    }

    /// Reads a birthday the way people type it and contact files write it:
    /// `1990-04-12` or `19900412` with the year, `--04-12`, `--0412` or
    /// `04-12` without; months and days between dashes may have one digit
    /// (`1990-4-12`). `None` when it is not a birthday.
    pub fn read(text: &str) -> Option<Self> {
        let (year, month, day) = birthday_parts(text)?;
        Self::new(month, day, year).ok()
    }

    /// As [`Birthday::read`], with any year written dropped (contact apps
    /// write a placeholder year for birthdays without one).
    pub fn read_without_year(text: &str) -> Option<Self> {
        let (_, month, day) = birthday_parts(text)?;
        Self::new(month, day, None).ok()
    }

    /// The birthday of someone born on `date`.
    pub fn from_date(date: NaiveDate) -> Result<Self, ModelError> {
        Self::new(date.month(), date.day(), Some(date.year()))
    }

    /// Month, 1..=12.
    pub fn month(self) -> u32 {
        self.month
    }

    /// Day of the month.
    pub fn day(self) -> u32 {
        self.day
    }

    /// Birth year, when known.
    pub fn year(self) -> Option<i32> {
        self.year
    }

    /// The day the birthday is celebrated in `year` (29 Feb becomes 28 Feb in common years).
    pub fn celebrated_in(self, year: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, self.month, self.day)
            .or_else(|| NaiveDate::from_ymd_opt(year, self.month, self.day - 1))
            .unwrap_or_default()
    }

    /// The next celebration on or after `today`.
    pub fn next_on_or_after(self, today: NaiveDate) -> NaiveDate {
        let this_year = self.celebrated_in(today.year());
        if this_year >= today {
            this_year
        } else {
            self.celebrated_in(today.year() + 1)
        }
    }

    /// Age reached on the celebration in `year`, when the birth year is known
    /// and not after `year`.
    pub fn age_in(self, year: i32) -> Option<u32> {
        self.year.and_then(|born| u32::try_from(year - born).ok())
    }
}

impl fmt::Display for Birthday {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            Some(y) => write!(f, "{y:04}-{:02}-{:02}", self.month, self.day),
            None => write!(f, "--{:02}-{:02}", self.month, self.day),
        }
    }
}

impl FromStr for Birthday {
    type Err = ModelError;

    /// The stored form only, exactly as [`Birthday`] writes it: `1990-04-12`
    /// or `--04-12`. Typed and imported text goes through [`Birthday::read`].
    fn from_str(text: &str) -> Result<Self, ModelError> {
        Self::read(text)
            .filter(|birthday| birthday.to_string() == text)
            .ok_or_else(|| ModelError::InvalidBirthday(text.to_owned()))
    }
}

/// Month, day and year (when written) of a birthday in any form
/// [`Birthday::read`] accepts; the numbers are not checked yet.
fn birthday_parts(text: &str) -> Option<(Option<i32>, u32, u32)> {
    let text = text.trim();
    if let Some(rest) = text.strip_prefix('-') {
        let (month, day) = month_and_day(rest.trim_start_matches('-'))?;
        return Some((None, month, day));
    }
    match text.split('-').collect::<Vec<_>>()[..] {
        [basic] if basic.len() == 8 && all_digits(basic) => Some((
            Some(basic[..4].parse().ok()?),
            basic[4..6].parse().ok()?,
            basic[6..].parse().ok()?,
        )),
        [year, month, day] if year.len() == 4 && all_digits(year) => Some((
            Some(year.parse().ok()?),
            short_number(month)?,
            short_number(day)?,
        )),
        [month, day] => Some((None, short_number(month)?, short_number(day)?)),
        _ => None,
    }
}

/// `04-12`, `4-12` or `0412`.
fn month_and_day(text: &str) -> Option<(u32, u32)> {
    match text.split_once('-') {
        Some((month, day)) => Some((short_number(month)?, short_number(day)?)),
        // Digits are checked before slicing: "é" is two bytes.
        None if text.len() == 4 && all_digits(text) => {
            Some((text[..2].parse().ok()?, text[2..].parse().ok()?))
        }
        None => None,
    }
}

/// A month or day number of one or two digits.
fn short_number(text: &str) -> Option<u32> {
    if (1..=2).contains(&text.len()) && all_digits(text) {
        text.parse().ok()
    } else {
        None
    }
}

fn all_digits(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_digit())
}

impl TryFrom<String> for Birthday {
    type Error = ModelError;
    fn try_from(text: String) -> Result<Self, ModelError> {
        text.parse()
    }
}

impl From<Birthday> for String {
    fn from(b: Birthday) -> String {
        b.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn year_month_steps_across_years_and_knows_month_ends() {
        let jan = YearMonth::new(2024, 1).unwrap();
        assert_eq!(jan.plus(-1).to_string(), "2023-12");
        assert_eq!(jan.plus(13).to_string(), "2025-02");
        assert_eq!(jan.plus(1).last_day(), d(2024, 2, 29));
        assert_eq!(jan.plus(13).last_day(), d(2025, 2, 28));
        assert_eq!(YearMonth::new(2023, 4).unwrap().last_day(), d(2023, 4, 30));
        assert_eq!(
            YearMonth::new(2023, 12).unwrap().last_day(),
            d(2023, 12, 31)
        );
        assert!(YearMonth::new(2023, 13).is_none());
    }

    #[test]
    fn quarters_and_weeks() {
        assert_eq!(Quarter::of(d(2024, 3, 31)).to_string(), "2024-Q1");
        assert_eq!(Quarter::of(d(2024, 4, 1)).to_string(), "2024-Q2");
        assert_eq!(Quarter::of(d(2024, 12, 31)).next().to_string(), "2025-Q1");
        // 2021-01-03 is a Sunday in ISO week 2020-W53, which starts on Monday 2020-12-28.
        assert_eq!(week_start(d(2021, 1, 3)), d(2020, 12, 28));
        assert_eq!(week_start(d(2024, 7, 1)), d(2024, 7, 1));
    }

    #[test]
    fn add_months_clamps_to_month_end() {
        assert_eq!(add_months_clamped(d(2024, 3, 31), -1), d(2024, 2, 29));
        assert_eq!(add_months_clamped(d(2023, 3, 31), -1), d(2023, 2, 28));
        assert_eq!(add_months_clamped(d(2024, 2, 29), -12), d(2023, 2, 28));
        assert_eq!(add_months_clamped(d(2024, 1, 31), 1), d(2024, 2, 29));
    }

    #[test]
    fn birthdays_read_as_typed_and_as_contact_files_write_them() {
        let with_year = Birthday::new(4, 12, Some(1985)).ok();
        for text in ["1985-04-12", "19850412", " 1985-04-12 ", "1985-4-12"] {
            assert_eq!(Birthday::read(text), with_year, "{text}");
        }
        let no_year = Birthday::new(4, 12, None).ok();
        for text in ["--0412", "--04-12", "04-12", "4-12", "-04-12"] {
            assert_eq!(Birthday::read(text), no_year, "{text}");
        }
        assert_eq!(Birthday::read_without_year("1604-04-12"), no_year);
        assert_eq!(
            Birthday::read_without_year("1604-02-29"),
            Birthday::new(2, 29, None).ok()
        );
        for bad in [
            "--aé1",
            "--é1é",
            "19é5-0412",
            "1é8é0412",
            "circa 1800",
            "1985-04",
            "---12",
            "1985-02-30",
            "198-504-12",
            "--0230",
            "02-30",
            "",
            "--04122",
            "1985-004-12",
        ] {
            assert_eq!(Birthday::read(bad), None, "{bad}");
        }
    }

    #[test]
    fn birthday_text_forms() {
        let leap = Birthday::new(2, 29, None).unwrap();
        assert_eq!(leap.to_string(), "--02-29");
        assert_eq!("--02-29".parse::<Birthday>(), Ok(leap));
        assert_eq!(
            "1990-07-04".parse::<Birthday>(),
            Birthday::new(7, 4, Some(1990))
        );
        for bad in [
            "1990-02-29",
            "--02-30",
            "--13-01",
            "90-01-01",
            "1990-1-01",
            "--0101",
            " 1990-07-04",
            "--4-12",
            "",
        ] {
            assert_eq!(
                bad.parse::<Birthday>(),
                Err(ModelError::InvalidBirthday(bad.to_string())),
                "{bad}"
            );
        }
    }

    #[test]
    fn leap_day_birthday_is_celebrated_on_feb_28_in_common_years() {
        let b = Birthday::new(2, 29, Some(2000)).unwrap();
        assert_eq!(b.celebrated_in(2023), d(2023, 2, 28));
        assert_eq!(b.celebrated_in(2024), d(2024, 2, 29));
        assert_eq!(b.next_on_or_after(d(2023, 3, 1)), d(2024, 2, 29));
        assert_eq!(b.next_on_or_after(d(2024, 3, 1)), d(2025, 2, 28));
        assert_eq!(b.age_in(2023), Some(23));
        assert_eq!(b.age_in(1999), None);
    }
}
