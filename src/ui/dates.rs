//! Every date a person reads, in the reader's locale and local time.
//!
//! The browser formats them through `Intl.DateTimeFormat` with the reader's
//! languages (`navigator.languages`), so a German reader sees "Di., 3. März
//! 2026" where an American one sees "Tue, Mar 3, 2026". Building a formatter
//! is slow, so each style is built once and kept. Files never come here: they
//! carry ISO dates, written by the model and the backup formats.
//!
//! Host builds (the unit tests) have no `Intl`; there every function falls
//! back to the ISO form of the date.

use chrono::{DateTime, NaiveDate, Utc};

use crate::model::insights::{Bucket, Granularity};

/// A count in the reader's locale, for progress: "12,000" or "12.000".
pub fn count(n: usize) -> String {
    intl::count(n)
}

/// The day in full, for the Today heading: "Wednesday, March 4, 2026".
pub fn heading_date(date: NaiveDate) -> String {
    intl::date(Style::Heading, date)
}

/// A day in timelines and messages: "Tue, Mar 3, 2026".
pub fn long_date(date: NaiveDate) -> String {
    intl::date(Style::Day, date)
}

/// A day within the coming weeks, without the year: "Wed, Mar 11".
pub fn day_this_year(date: NaiveDate) -> String {
    intl::date(Style::DayNoYear, date)
}

/// A day without its weekday, for dense tables: "Mar 2, 2026".
pub fn short_date(date: NaiveDate) -> String {
    intl::date(Style::Plain, date)
}

/// The month of a day, short, for chart marks: "Mar".
pub fn month_name(date: NaiveDate) -> String {
    intl::date(Style::Month, date)
}

/// A moment, in local time: "Dec 1, 2026, 9:36 PM".
pub fn moment(time: DateTime<Utc>) -> String {
    intl::moment(time)
}

/// A chart bucket's axis label: "Mar", "Q1" or "2026".
pub fn period_short(bucket: &Bucket) -> String {
    match bucket.granularity {
        Granularity::Month => month_name(bucket.start()),
        Granularity::Quarter => format!("Q{}", (bucket.first.month() - 1) / 3 + 1),
        Granularity::Year => bucket.first.year().to_string(),
    }
}

/// A chart bucket in full: "March 2026", "Jan – Mar 2026" or "2026".
pub fn period_long(bucket: &Bucket) -> String {
    match bucket.granularity {
        Granularity::Month => intl::date(Style::MonthYear, bucket.start()),
        Granularity::Quarter => intl::range(Style::Months, bucket.start(), bucket.end())
            .unwrap_or_else(|| bucket.to_string()),
        Granularity::Year => bucket.first.year().to_string(),
    }
}

/// The ways a date is written on screen.
#[derive(Clone, Copy)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
enum Style {
    Heading,
    Day,
    DayNoYear,
    Plain,
    Month,
    MonthYear,
    Months,
    Moment,
}

#[cfg(target_arch = "wasm32")]
mod intl {
    use std::cell::OnceCell;

    use chrono::{DateTime, Datelike, NaiveDate, Utc};
    use js_sys::Intl::{
        DateTimeFormat, DateTimeFormatOptions, DateTimeStyle, DayFormat, MonthFormat,
        WeekdayFormat, YearFormat,
    };
    use js_sys::{Array, Date};
    use wasm_bindgen::{JsCast, JsValue};

    use super::Style;

    const STYLES: usize = 8;

    thread_local! {
        static FORMATTERS: [OnceCell<DateTimeFormat>; STYLES] = Default::default();
    }

    fn options(style: Style) -> DateTimeFormatOptions {
        let o = DateTimeFormatOptions::new();
        let day = |o: &DateTimeFormatOptions, weekday, month| {
            if let Some(weekday) = weekday {
                o.set_weekday(weekday);
            }
            o.set_day(DayFormat::Numeric);
            o.set_month(month);
        };
        match style {
            Style::Heading => day(&o, Some(WeekdayFormat::Long), MonthFormat::Long),
            Style::Day | Style::DayNoYear => {
                day(&o, Some(WeekdayFormat::Short), MonthFormat::Short)
            }
            Style::Plain => day(&o, None, MonthFormat::Short),
            Style::Month => o.set_month(MonthFormat::Short),
            Style::MonthYear => o.set_month(MonthFormat::Long),
            Style::Months => o.set_month(MonthFormat::Short),
            Style::Moment => {
                o.set_date_style(DateTimeStyle::Medium);
                o.set_time_style(DateTimeStyle::Short);
            }
        }
        if !matches!(style, Style::DayNoYear | Style::Month | Style::Moment) {
            o.set_year(YearFormat::Numeric);
        }
        o
    }

    /// The reader's languages that `Intl` accepts, most wanted first; empty
    /// means the browser's default. Some browsers report a system locale such
    /// as "C" or "en_US.UTF-8", which `Intl` rejects with a RangeError.
    fn languages() -> Array {
        let reported = web_sys::window()
            .map(|window| window.navigator().languages())
            .unwrap_or_default();
        reported
            .iter()
            .filter_map(|tag| tag.as_string())
            .filter_map(|tag| super::language_tag(&tag))
            .map(|tag| JsValue::from_str(&tag))
            .collect()
    }

    /// `new Intl.DateTimeFormat(languages, options)`, or the browser's default
    /// locale when the languages are still refused.
    fn formatter(style: Style) -> DateTimeFormat {
        let options = options(style);
        let construct = |languages: &Array| -> Option<DateTimeFormat> {
            let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
            let class = js_sys::Reflect::get(&intl, &"DateTimeFormat".into()).ok()?;
            let class: js_sys::Function = class.dyn_into().ok()?;
            let made = js_sys::Reflect::construct(&class, &Array::of2(languages, &options)).ok()?;
            // What `new Intl.DateTimeFormat` returns is one; a checked cast
            // (instanceof through the `Intl` namespace) refuses it.
            Some(made.unchecked_into())
        };
        construct(&languages())
            .or_else(|| construct(&Array::new()))
            .unwrap_or_else(|| DateTimeFormat::new(&Array::new(), &options))
    }

    fn with_formatter<T>(style: Style, f: impl FnOnce(&DateTimeFormat) -> T) -> T {
        FORMATTERS.with(|cells| {
            let formatter = cells[style as usize].get_or_init(|| formatter(style));
            f(formatter)
        })
    }

    /// Local noon of the day: a whole day away from any edge a time zone could move.
    fn local_day(date: NaiveDate) -> Date {
        Date::new_with_year_month_day_hr(
            date.year().max(0) as u32,
            date.month0() as i32,
            date.day() as i32,
            12,
        )
    }

    fn write(style: Style, date: &Date) -> Option<String> {
        with_formatter(style, |formatter| {
            formatter
                .format()
                .call1(&JsValue::NULL, date)
                .ok()?
                .as_string()
        })
    }

    /// `n.toLocaleString(languages)`, or plain digits if the languages are refused.
    pub fn count(n: usize) -> String {
        // Number.prototype.toLocaleString, called on the number.
        let get = |target: &JsValue, key: &str| js_sys::Reflect::get(target, &key.into()).ok();
        let to_locale = get(&js_sys::global(), "Number")
            .and_then(|number| get(&number, "prototype"))
            .and_then(|prototype| get(&prototype, "toLocaleString"))
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        to_locale
            .and_then(|f| f.call1(&JsValue::from_f64(n as f64), &languages()).ok())
            .and_then(|text| text.as_string())
            .unwrap_or_else(|| crate::model::words::grouped(n))
    }

    pub fn date(style: Style, day: NaiveDate) -> String {
        write(style, &local_day(day)).unwrap_or_else(|| day.to_string())
    }

    pub fn range(style: Style, from: NaiveDate, to: NaiveDate) -> Option<String> {
        with_formatter(style, |formatter| {
            formatter
                .format_range(&local_day(from), &local_day(to))
                .ok()
                .map(String::from)
        })
    }

    pub fn moment(time: DateTime<Utc>) -> String {
        let date = Date::new(&JsValue::from_f64(time.timestamp_millis() as f64));
        write(Style::Moment, &date).unwrap_or_else(|| super::iso_moment(time))
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod intl {
    use chrono::{DateTime, NaiveDate, Utc};

    use super::Style;

    pub fn count(n: usize) -> String {
        crate::model::words::grouped(n)
    }

    pub fn date(_: Style, day: NaiveDate) -> String {
        day.to_string()
    }

    pub fn range(_: Style, from: NaiveDate, to: NaiveDate) -> Option<String> {
        Some(format!("{from} – {to}"))
    }

    pub fn moment(time: DateTime<Utc>) -> String {
        super::iso_moment(time)
    }
}

/// A reported language as a BCP 47 tag `Intl` accepts, or `None`.
///
/// A system locale becomes a tag ("en_US.UTF-8" is "en-US"); what is still
/// not well formed ("C", "POSIX", an empty subtag) is dropped, so one odd
/// entry cannot stop every date from showing.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn language_tag(reported: &str) -> Option<String> {
    let tag = reported
        .split(['.', '@'])
        .next()
        .unwrap_or_default()
        .replace('_', "-");
    let mut subtags = tag.split('-');
    let language = subtags.next().unwrap_or_default();
    let language_ok = matches!(language.len(), 2 | 3 | 5..=8)
        && language.chars().all(|c| c.is_ascii_alphabetic());
    let rest: Vec<&str> = subtags.collect();
    let rest_ok = rest
        .iter()
        .all(|s| (1..=8).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric()))
        // A singleton ("u", "x") must introduce something.
        && rest.last().is_none_or(|s| s.len() > 1);
    let posix = language.eq_ignore_ascii_case("posix");
    (language_ok && rest_ok && !posix).then_some(tag)
}

/// The fallback for a moment: "2026-12-01 21:36 UTC".
fn iso_moment(time: DateTime<Utc>) -> String {
    use chrono::Timelike;
    format!(
        "{} {:02}:{:02} UTC",
        time.date_naive(),
        time.hour(),
        time.minute()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_builds_write_iso_dates() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 3).unwrap_or_default();
        assert_eq!(long_date(day), "2026-03-03");
        assert_eq!(heading_date(day), "2026-03-03");
        let noon = day.and_hms_opt(12, 5, 0).unwrap_or_default().and_utc();
        assert_eq!(moment(noon), "2026-03-03 12:05 UTC");
    }

    #[test]
    fn reported_languages_become_tags_intl_accepts() {
        let tag = |s: &str| language_tag(s);
        assert_eq!(tag("en-US").as_deref(), Some("en-US"));
        assert_eq!(tag("de").as_deref(), Some("de"));
        assert_eq!(tag("zh-Hant-TW").as_deref(), Some("zh-Hant-TW"));
        assert_eq!(tag("en_US.UTF-8").as_deref(), Some("en-US"));
        assert_eq!(tag("sr_RS@latin").as_deref(), Some("sr-RS"));
        assert_eq!(
            tag("de-DE-u-ca-gregory").as_deref(),
            Some("de-DE-u-ca-gregory")
        );
        for refused in [
            "C",
            "C.UTF-8",
            "POSIX",
            "",
            "en-",
            "en--US",
            "en-u",
            "e1",
            "en-toolongsubtag",
        ] {
            assert_eq!(tag(refused), None, "{refused:?}");
        }
    }
}
