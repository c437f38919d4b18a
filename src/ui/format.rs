//! Words for numbers and for spans of days, as the screens show them.
//! Calendar dates are written by [`crate::ui::dates`].

use chrono::NaiveDate;

use crate::model::dates::gap_in_words;
use crate::model::stats::gave_got_phrase;
use crate::model::words::times;
use crate::model::{DueStatus, PersonStats};

/// "today", "yesterday", "3 days ago", "3 weeks ago", then long gaps in the
/// model's words ("about 5 months ago", "over 2 years ago"); dates after
/// today read "in 3 days".
pub fn relative_day(date: NaiveDate, today: NaiveDate) -> String {
    let days = (today - date).num_days();
    if days < 0 {
        return match -days {
            1 => "tomorrow".to_owned(),
            n => format!("in {n} days"),
        };
    }
    match days {
        0 => "today".to_owned(),
        1 => "yesterday".to_owned(),
        2..=13 => format!("{days} days ago"),
        14..=59 => format!("{} weeks ago", days / 7),
        _ => format!("{} ago", gap_in_words(days)),
    }
}

/// When you were last in touch: "3 weeks ago", or "No contact yet".
pub fn last_contact(stats: Option<&PersonStats>, today: NaiveDate) -> String {
    match stats.and_then(|s| s.last_contact) {
        Some(date) => relative_day(date, today),
        None => "No contact yet".to_owned(),
    }
}

/// The cadence status in words; colour alone never carries it.
pub fn status_label(status: DueStatus) -> &'static str {
    match status {
        DueStatus::Ok => "On track",
        DueStatus::DueSoon => "Due soon",
        DueStatus::Overdue => "Overdue",
        DueStatus::PastMax => "Long overdue",
    }
}

/// The CSS class that colours a status.
pub fn status_class(status: DueStatus) -> &'static str {
    match status {
        DueStatus::Ok => "status-ok",
        DueStatus::DueSoon => "status-soon",
        DueStatus::Overdue => "status-overdue",
        DueStatus::PastMax => "status-pastmax",
    }
}

/// "You gave 4 · they gave 2 · you asked 1 · they asked 5 · you said no 0 times".
pub fn counters_sentence(stats: &PersonStats) -> String {
    format!(
        "{} · you asked {} · they asked {} · you said no {}",
        gave_got_phrase(stats.gave, stats.got),
        stats.asks_by_me,
        stats.asks_by_them,
        times(stats.nos_by_me)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn relative_days_read_naturally() {
        let today = d(2026, 11, 25);
        assert_eq!(relative_day(today, today), "today");
        assert_eq!(relative_day(d(2026, 11, 24), today), "yesterday");
        assert_eq!(relative_day(d(2026, 11, 20), today), "5 days ago");
        assert_eq!(relative_day(d(2026, 11, 4), today), "3 weeks ago");
        assert_eq!(relative_day(d(2026, 6, 1), today), "about 6 months ago");
        assert_eq!(relative_day(d(2025, 9, 1), today), "over a year ago");
        assert_eq!(relative_day(d(2023, 11, 1), today), "over 3 years ago");
        assert_eq!(relative_day(d(2026, 11, 28), today), "in 3 days");
    }

    #[test]
    fn counters_read_as_a_sentence() {
        let stats = PersonStats {
            gave: 4,
            got: 2,
            asks_by_me: 1,
            asks_by_them: 5,
            ..PersonStats::default()
        };
        assert_eq!(
            counters_sentence(&stats),
            "You gave 4 · they gave 2 · you asked 1 · they asked 5 · you said no 0 times"
        );
    }
}
