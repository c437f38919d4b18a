//! Everything the Insights screen draws, computed in one pass over the log.
//!
//! [`insights`] narrows the journal with a [`NetworkFilter`] (a tag and a date
//! range, with the same rules as `network.rs`) and returns every figure the
//! charts need: give and take and new people per time bucket, who initiated,
//! the usual circle against everyone else, the purposes, and a 52-week strip
//! of weeks with networking not tied to an ask.
//!
//! # The range and its buckets
//!
//! The range runs from the filter's `from` (or, without one, the first day
//! with data: the earliest interaction or new person that passes the tag
//! filter) to the filter's `to` (or `today`). Time series are split into
//! calendar buckets whose size follows the length of the range:
//!
//! | Months in the range | Buckets |
//! |---------------------|---------|
//! | up to 24            | months  |
//! | 25 to 48            | quarters |
//! | more                | years   |
//!
//! The first and last buckets are whole calendar periods even when the range
//! starts or ends inside them; only data inside the range is counted.
//!
//! # The strip
//!
//! The strip is the 52 ISO weeks ending with the week of `today` (or of the
//! filter's `to`, when that is earlier). A week is counted when it holds an
//! interaction in the range with no ask from you, as for
//! [`weekly_streak`](super::network::weekly_streak); weeks outside the range
//! are marked so the chart can grey them out.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use rustc_hash::{FxHashMap, FxHashSet};

use chrono::{Datelike, NaiveDate};

use super::dates::{add_days, week_start, YearMonth};
use super::ids::{PersonId, PurposeId};
use super::interaction::{Direction, Initiator};
use super::journal::Journal;
use super::network::{
    new_person_date, streak_in, CircleSplit, GiveTake, NetworkFilter, PurposeCount,
};
use super::person::same_text;
use super::purpose::NO_PURPOSE;
use super::query::fold;
use super::stats::InitiationCounts;
use super::words::{capitalise, times};

/// Weeks in the strip.
pub const STRIP_WEEKS: usize = 52;

/// What the usual-circle insight says before the user has chosen the circle.
pub const NO_CIRCLE_YET: &str = "Your usual circle is not chosen yet. \
    In Settings, under Usual circle, tick the circles or tags of the people you see most; \
    this chart then compares your contacts with them and with everyone else.";

/// The size of a time bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Granularity {
    Month,
    Quarter,
    Year,
}

impl Granularity {
    /// The bucket size for a range of `months` calendar months (see the module docs).
    pub fn for_months(months: u32) -> Self {
        match months {
            0..=24 => Granularity::Month,
            25..=48 => Granularity::Quarter,
            _ => Granularity::Year,
        }
    }

    /// "month", "quarter" or "year".
    pub fn noun(self) -> &'static str {
        match self {
            Granularity::Month => "month",
            Granularity::Quarter => "quarter",
            Granularity::Year => "year",
        }
    }

    /// Months in one bucket.
    fn months(self) -> i32 {
        match self {
            Granularity::Month => 1,
            Granularity::Quarter => 3,
            Granularity::Year => 12,
        }
    }

    /// The first month of the bucket holding `month`.
    fn start_of(self, month: YearMonth) -> YearMonth {
        let offset = (month.month() as i32 - 1) % self.months();
        month.plus(-offset)
    }
}

/// One calendar period of a time series. The model names it only in ISO
/// form ("2026-03", "2026-Q1", "2026"); the screens name it in the reader's
/// words, and the sentences below take that naming as an argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bucket {
    /// Its size.
    pub granularity: Granularity,
    /// Its first month.
    pub first: YearMonth,
}

impl Bucket {
    /// The first day of the period.
    pub fn start(&self) -> NaiveDate {
        self.first.first_day()
    }

    /// The last day of the period.
    pub fn end(&self) -> NaiveDate {
        self.first.plus(self.granularity.months() - 1).last_day()
    }

    /// Whether the period starts a calendar year.
    pub fn starts_year(&self) -> bool {
        self.first.month() == 1
    }
}

impl fmt::Display for Bucket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.granularity {
            Granularity::Month => write!(f, "{}", self.first),
            Granularity::Quarter => {
                write!(
                    f,
                    "{}-Q{}",
                    self.first.year(),
                    (self.first.month() - 1) / 3 + 1
                )
            }
            Granularity::Year => write!(f, "{}", self.first.year()),
        }
    }
}

/// One week of the strip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekCell {
    /// Monday of the ISO week.
    pub week_start: NaiveDate,
    /// It held networking not tied to an ask (inside the range).
    pub counted: bool,
    /// It overlaps the range.
    pub in_range: bool,
}

/// Every figure of the Insights screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Insights {
    /// First day of the range (see the module docs).
    pub from: NaiveDate,
    /// Last day of the range.
    pub to: NaiveDate,
    /// Size of the buckets.
    pub granularity: Granularity,
    /// The buckets, oldest first; empty when `from` is after `to`.
    pub buckets: Vec<Bucket>,
    /// Delivered gives and takes per bucket (exchanges whose person passes the tag filter).
    pub give_take: Vec<GiveTake>,
    /// New people per bucket, archived included, each on the day they count
    /// as new ([`Person::new_on`](super::person::Person::new_on)).
    pub new_people: Vec<u32>,
    /// Interactions in the range.
    pub interactions: u32,
    /// Who initiated those interactions.
    pub initiated: InitiationCounts,
    /// Those interactions with your usual circle and with everyone else.
    pub circle: CircleSplit,
    /// The tags that mark the usual circle, as chosen in Settings; empty
    /// until chosen (then `circle` counts everything as "everyone else").
    pub circle_tags: Vec<String>,
    /// Those interactions per purpose: every purpose in list order, then
    /// "No purpose" when some have none.
    pub purposes: Vec<PurposeCount>,
    /// The 52-week strip, oldest first.
    pub weeks: Vec<WeekCell>,
    /// The streak in weeks, as of the strip's last week.
    pub streak: u32,
    /// The longest run of counted weeks in the strip.
    pub longest_run: u32,
}

#[derive(Default)]
struct MonthTotals {
    give_take: GiveTake,
    new_people: u32,
}

/// Months from `a` to `b` (negative when `b` is earlier).
fn months_between(a: YearMonth, b: YearMonth) -> i64 {
    (i64::from(b.year()) - i64::from(a.year())) * 12 + i64::from(b.month()) - i64::from(a.month())
}

/// Tags used in the journal, each once (ignoring case, first spelling wins),
/// sorted ignoring case and accents.
pub fn tags(journal: &Journal) -> Vec<String> {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for person in journal.people() {
        for tag in &person.tags {
            seen.entry(fold(tag)).or_insert_with(|| tag.clone());
        }
    }
    seen.into_values().collect()
}

/// What Settings offers for the usual circle: every tag in the journal (as
/// [`tags`]), then chosen tags that nobody carries any more (so they can
/// still be unticked), each with whether it is chosen.
pub fn circle_choices(journal: &Journal) -> Vec<(String, bool)> {
    let settings = journal.settings();
    let mut choices: Vec<(String, bool)> = tags(journal)
        .into_iter()
        .map(|tag| {
            let chosen = settings.is_circle_tag(&tag);
            (tag, chosen)
        })
        .collect();
    for chosen in &settings.circles {
        if !choices.iter().any(|(tag, _)| same_text(tag, chosen)) {
            choices.push((chosen.clone(), true));
        }
    }
    choices
}

/// Every figure of the Insights screen for `filter` on `today`.
///
/// One pass over the interactions and
/// one over the people; tag membership is looked up in sets built once.
pub fn insights(journal: &Journal, filter: &NetworkFilter, today: NaiveDate) -> Insights {
    let tagged: Option<FxHashSet<&PersonId>> = filter.tag.as_deref().map(|tag| {
        journal
            .people()
            .filter(|p| p.has_tag(tag))
            .map(|p| &p.id)
            .collect()
    });
    let passes = |id: &PersonId| tagged.as_ref().is_none_or(|set| set.contains(id));
    let settings = journal.settings();
    let circle_tags = settings.circles.clone();
    let circle: FxHashSet<&PersonId> = journal
        .people()
        .filter(|p| settings.in_circle(p))
        .map(|p| &p.id)
        .collect();

    let to = filter.to.unwrap_or(today);
    let strip_end = to.min(today);
    let mut months: BTreeMap<YearMonth, MonthTotals> = BTreeMap::new();
    let mut first_day: Option<NaiveDate> = None;
    let mut interactions = 0u32;
    let mut initiated = InitiationCounts::default();
    let mut split = CircleSplit::default();
    let mut by_purpose: FxHashMap<Option<&PurposeId>, u32> = FxHashMap::default();
    let mut weeks: BTreeSet<NaiveDate> = BTreeSet::new();

    // Reading every record once is cheaper than walking the date index,
    // which costs a lookup per entry.
    let in_range = journal
        .interactions()
        .filter(|i| i.date <= to && filter.from.is_none_or(|from| i.date >= from));
    for interaction in in_range {
        if !interaction.people.iter().any(&passes) {
            continue;
        }
        first_day = Some(first_day.map_or(interaction.date, |d| d.min(interaction.date)));
        interactions += 1;
        match interaction.initiated_by {
            Initiator::Me => initiated.me += 1,
            Initiator::Them => initiated.them += 1,
            Initiator::Mutual => initiated.mutual += 1,
        }
        if interaction.people.iter().any(|p| circle.contains(p)) {
            split.usual += 1;
        } else {
            split.others += 1;
        }
        *by_purpose.entry(interaction.purpose.as_ref()).or_insert(0) += 1;
        let mut here = GiveTake::default();
        for exchange in &interaction.exchanges {
            if exchange.is_delivered() && passes(&exchange.person) {
                match exchange.direction {
                    Direction::Gave => here.gave += 1,
                    Direction::Got => here.got += 1,
                }
            }
        }
        if here != GiveTake::default() {
            let entry = months.entry(YearMonth::of(interaction.date)).or_default();
            entry.give_take.gave += here.gave;
            entry.give_take.got += here.got;
        }
        if interaction.date <= strip_end && !interaction.has_ask_from_me() {
            weeks.insert(week_start(interaction.date));
        }
    }

    for person in journal.people().filter(|p| passes(&p.id)) {
        let Some(met) = new_person_date(journal, person) else {
            continue;
        };
        if filter.from.is_none_or(|from| met >= from) && met <= to {
            first_day = Some(first_day.map_or(met, |d| d.min(met)));
            months.entry(YearMonth::of(met)).or_default().new_people += 1;
        }
    }

    let from = filter.from.or(first_day).unwrap_or(to);
    let span = months_between(YearMonth::of(from), YearMonth::of(to)) + 1;
    let granularity = Granularity::for_months(u32::try_from(span.max(0)).unwrap_or(u32::MAX));
    let first_bucket = granularity.start_of(YearMonth::of(from));
    let count = if from > to {
        0
    } else {
        (months_between(first_bucket, YearMonth::of(to)) / i64::from(granularity.months()) + 1)
            as usize
    };
    let buckets: Vec<Bucket> = (0..count)
        .map(|n| Bucket {
            granularity,
            first: first_bucket.plus(n as i32 * granularity.months()),
        })
        .collect();
    let mut give_take = vec![GiveTake::default(); count];
    let mut new_people = vec![0u32; count];
    for (month, totals) in &months {
        let index =
            months_between(first_bucket, *month).div_euclid(i64::from(granularity.months()));
        if let Some(slot) = usize::try_from(index).ok().filter(|&i| i < count) {
            give_take[slot].gave += totals.give_take.gave;
            give_take[slot].got += totals.give_take.got;
            new_people[slot] += totals.new_people;
        }
    }

    let mut purposes: Vec<PurposeCount> = journal
        .purposes()
        .iter()
        .map(|p| PurposeCount {
            purpose: Some(p.id.clone()),
            label: p.label.clone(),
            count: by_purpose.get(&Some(&p.id)).copied().unwrap_or(0),
        })
        .collect();
    if let Some(&count) = by_purpose.get(&None) {
        purposes.push(PurposeCount {
            purpose: None,
            label: NO_PURPOSE.to_owned(),
            count,
        });
    }

    let last_week = week_start(strip_end);
    let first_week = add_days(last_week, -7 * (STRIP_WEEKS as i64 - 1));
    let strip: Vec<WeekCell> = (0..STRIP_WEEKS as i64)
        .map(|n| {
            let monday = add_days(first_week, 7 * n);
            let sunday = add_days(monday, 6);
            WeekCell {
                week_start: monday,
                counted: weeks.contains(&monday),
                in_range: filter.from.is_none_or(|f| sunday >= f) && monday <= to,
            }
        })
        .collect();
    let mut longest_run = 0;
    let mut run = 0;
    for cell in &strip {
        run = if cell.counted { run + 1 } else { 0 };
        longest_run = longest_run.max(run);
    }

    Insights {
        from,
        to,
        granularity,
        buckets,
        give_take,
        new_people,
        interactions,
        initiated,
        circle: split,
        circle_tags,
        purposes,
        weeks: strip,
        streak: streak_in(&weeks, strip_end),
        longest_run,
    }
}

fn percent(part: u32, total: u32) -> u32 {
    if total == 0 {
        0
    } else {
        (part * 200 + total) / (2 * total)
    }
}

fn people(n: u32) -> String {
    if n == 1 {
        "1 new person".to_owned()
    } else {
        format!("{n} new people")
    }
}

fn contacts(n: u32) -> String {
    if n == 1 {
        "1 contact".to_owned()
    } else {
        format!("{n} contacts")
    }
}

impl Insights {
    /// "from April 2025 to March 2026", "in March 2026", or "" without
    /// buckets; `name` names a period ("March 2026").
    pub fn period_phrase(&self, name: impl Fn(&Bucket) -> String) -> String {
        match (self.buckets.first(), self.buckets.last()) {
            (Some(first), Some(last)) if first == last => format!("in {}", name(first)),
            (Some(first), Some(last)) => format!("from {} to {}", name(first), name(last)),
            _ => String::new(),
        }
    }

    /// Gives and takes over the whole range.
    pub fn give_take_total(&self) -> GiveTake {
        self.give_take
            .iter()
            .fold(GiveTake::default(), |sum, g| GiveTake {
                gave: sum.gave + g.gave,
                got: sum.got + g.got,
            })
    }

    /// New people over the whole range.
    pub fn new_people_total(&self) -> u32 {
        self.new_people.iter().sum()
    }

    /// "From April 2025 to March 2026 you gave 12 times and received 9 times."
    /// `name` names a period, as for [`Insights::period_phrase`].
    pub fn give_take_summary(&self, name: impl Fn(&Bucket) -> String) -> String {
        if self.buckets.is_empty() {
            return "Nothing to show for this range.".to_owned();
        }
        let total = self.give_take_total();
        format!(
            "{} you gave {} and received {}.",
            capitalise(&self.period_phrase(name)),
            times(total.gave),
            times(total.got)
        )
    }

    /// "Of 40 contacts, you reached out for 18 (45%), they did for 14 (35%) and 8 (20%) were mutual."
    pub fn initiated_summary(&self) -> String {
        let c = self.initiated;
        let total = c.total();
        if total == 0 {
            return "No contacts in this range.".to_owned();
        }
        format!(
            "Of {}, you reached out for {} ({}%), they did for {} ({}%) and {} ({}%) {} mutual.",
            contacts(total),
            c.me,
            c.percent(Initiator::Me),
            c.them,
            c.percent(Initiator::Them),
            c.mutual,
            c.percent(Initiator::Mutual),
            if c.mutual == 1 { "was" } else { "were" }
        )
    }

    /// "5 new people from April 2025 to March 2026; the most in June 2025 (2)."
    /// `name` names a period, as for [`Insights::period_phrase`].
    pub fn new_people_summary(&self, name: impl Fn(&Bucket) -> String) -> String {
        if self.buckets.is_empty() {
            return "Nothing to show for this range.".to_owned();
        }
        let total = self.new_people_total();
        let mut text = format!("{} {}", people(total), self.period_phrase(&name));
        // The busiest bucket, when one stands out.
        let most = self.new_people.iter().copied().max().unwrap_or(0);
        let mut busiest = self
            .new_people
            .iter()
            .enumerate()
            .filter(|(_, &n)| n == most);
        if let (Some((index, _)), None) = (busiest.next(), busiest.next()) {
            if most > 0 && self.buckets.len() > 1 {
                text.push_str(&format!(
                    "; the most in {} ({most})",
                    name(&self.buckets[index])
                ));
            }
        }
        text.push('.');
        text
    }

    /// The usual circle's tags for labels: "crew" or "crew, family".
    pub fn circle_name(&self) -> String {
        self.circle_tags.join(", ")
    }

    /// "12 of 40 contacts (30%) were with your usual circle (posse); 28 (70%)
    /// with everyone else." With no circle chosen, how to choose one.
    pub fn circle_summary(&self) -> String {
        if self.circle_tags.is_empty() {
            return NO_CIRCLE_YET.to_owned();
        }
        let total = self.circle.usual + self.circle.others;
        if total == 0 {
            return "No contacts in this range.".to_owned();
        }
        format!(
            "{} of {} ({}%) {} with your usual circle ({}); {} ({}%) with everyone else.",
            self.circle.usual,
            contacts(total),
            self.circle.usual_percent(),
            if self.circle.usual == 1 {
                "was"
            } else {
                "were"
            },
            self.circle_name(),
            self.circle.others,
            percent(self.circle.others, total)
        )
    }

    /// "By purpose: Staying in touch 12, Job search 4, …, No purpose 2."
    pub fn purposes_summary(&self) -> String {
        if self.purposes.is_empty() {
            return "The purpose list is empty.".to_owned();
        }
        let parts: Vec<String> = self
            .purposes
            .iter()
            .map(|p| format!("{} {}", p.label, p.count))
            .collect();
        format!("By purpose: {}.", parts.join(", "))
    }

    /// Counted weeks in the strip.
    pub fn weeks_counted(&self) -> u32 {
        self.weeks.iter().filter(|w| w.counted).count() as u32
    }

    /// "Networking without an ask in 30 of the last 52 weeks. Current streak: 5 weeks. Longest run: 9 weeks."
    pub fn weeks_summary(&self) -> String {
        let weeks = |n: u32| {
            if n == 1 {
                "1 week".to_owned()
            } else {
                format!("{n} weeks")
            }
        };
        format!(
            "Networking without an ask in {} of the last {} weeks. Current streak: {}. Longest run: {}.",
            self.weeks_counted(),
            self.weeks.len(),
            weeks(self.streak),
            weeks(self.longest_run)
        )
    }
}

/// A date range the Insights screen offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum RangePreset {
    /// This month and the two before.
    Last3Months,
    /// This month and the eleven before.
    #[default]
    Last12Months,
    /// Everything up to today.
    AllTime,
}

impl RangePreset {
    /// Every preset, in menu order.
    pub const ALL: [RangePreset; 3] = [
        RangePreset::Last3Months,
        RangePreset::Last12Months,
        RangePreset::AllTime,
    ];

    /// Label for the menu.
    pub fn label(self) -> &'static str {
        match self {
            RangePreset::Last3Months => "Last 3 months",
            RangePreset::Last12Months => "Last 12 months",
            RangePreset::AllTime => "All time",
        }
    }

    /// A filter with this range and `tag`.
    pub fn filter(self, today: NaiveDate, tag: Option<String>) -> NetworkFilter {
        let base = NetworkFilter {
            tag,
            ..NetworkFilter::default()
        };
        match self {
            RangePreset::Last3Months => base.last_months(today, 3),
            RangePreset::Last12Months => base.last_months(today, 12),
            RangePreset::AllTime => NetworkFilter {
                to: Some(today),
                ..base
            },
        }
    }
}

/// A day written `YYYY-MM-DD`, as date inputs give it; `None` when blank or invalid.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|d| (super::dates::MIN_YEAR..=super::dates::MAX_YEAR).contains(&d.year()))
}
