//! Milestones: dated turning points in a working life ("Started at Fabrikam",
//! "Retired", "Back to part-time work"), and what the journal offers after them.
//!
//! | Rule | What it gives |
//! |------|---------------|
//! | [`people_to_thank`] | after a new job: everyone who helped in the [`THANKS_WINDOW_MONTHS`] before it and has not been thanked since |
//! | [`thanks_due`] | the newest new-job milestone whose thank-you list is neither dismissed nor empty |
//! | [`keep_going`] | for [`KEEP_GOING_DAYS`] after a new job, a nudge once a week has passed with no contact at all |
//! | [`stage_offer`] | after retiring or unretiring, once: the stage's purposes the journal lacks ([`STAGE_PURPOSES`]) |
//! | [`boundary_suggestion`] | a one-line boundary that suits the stage, for the "okay to say no" nudge |
//!
//! Who helped, precisely: in an entry dated within the window (the
//! milestone's day included), an exchange where **they gave me** an
//! introduction, a referral or advice (given outright, or asked for and
//! granted), or where they **granted an ask of mine** of any kind on an entry
//! whose purpose is the job search. Open, declined and withdrawn asks do not
//! count. They count as thanked once an entry with them whose purpose is the
//! thank-you purpose is dated on or after the milestone.

use std::collections::BTreeMap;

use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::dates::add_days;
use super::ids::{MilestoneId, PersonId, PurposeId};
use super::interaction::{Direction, Exchange, ExchangeKind, Interaction, Outcome, Party};
use super::journal::Journal;
use super::purpose::Purpose;

/// How many months before a new job count as the search it ended.
pub const THANKS_WINDOW_MONTHS: u32 = 6;
/// For how many days after a new job the "keep in touch" nudge watches.
pub const KEEP_GOING_DAYS: i64 = 90;
/// How many days without any contact make a quiet week.
pub const QUIET_DAYS: i64 = 7;

/// What kind of turning point a milestone is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneKind {
    /// Started a new job.
    NewJob,
    /// Left a job.
    LeftJob,
    /// Retired.
    Retired,
    /// Came back to work after retiring: part-time, a gig, a volunteer role.
    Unretired,
    /// Anything else worth marking.
    Other,
}

impl MilestoneKind {
    /// Every kind, in menu order.
    pub const ALL: [MilestoneKind; 5] = [
        Self::NewJob,
        Self::LeftJob,
        Self::Retired,
        Self::Unretired,
        Self::Other,
    ];

    /// The stored name (`new_job`…), for forms and files.
    pub fn code(self) -> &'static str {
        match self {
            Self::NewJob => "new_job",
            Self::LeftJob => "left_job",
            Self::Retired => "retired",
            Self::Unretired => "unretired",
            Self::Other => "other",
        }
    }

    /// The kind with this stored name.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The kind in a menu and on the timeline.
    pub fn label(self) -> &'static str {
        match self {
            Self::NewJob => "New job",
            Self::LeftJob => "Left a job",
            Self::Retired => "Retired",
            Self::Unretired => "Back to work after retiring",
            Self::Other => "Other milestone",
        }
    }

    /// Whether the stage after it calls for the unretirement purposes.
    pub fn opens_a_new_stage(self) -> bool {
        matches!(self, Self::Retired | Self::Unretired)
    }
}

/// A dated turning point in the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    /// Stable id.
    pub id: MilestoneId,
    /// The local day it happened.
    pub date: NaiveDate,
    /// New job, retired…
    pub kind: MilestoneKind,
    /// What happened, in the user's words ("Started at Fabrikam").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The thank-you list after it was dismissed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub thanks_dismissed: bool,
    /// The stage's purposes were offered (accepted or declined): never again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub purposes_offered: bool,
    /// When it was created (UTC, epoch milliseconds).
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub created: DateTime<Utc>,
    /// When it last changed (UTC, epoch milliseconds); used for merge-by-newer.
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub updated: DateTime<Utc>,
}

impl Milestone {
    /// A milestone with no note, created and updated at `now`.
    pub fn new(id: MilestoneId, date: NaiveDate, kind: MilestoneKind, now: DateTime<Utc>) -> Self {
        Self {
            id,
            date,
            kind,
            note: String::new(),
            thanks_dismissed: false,
            purposes_offered: false,
            created: now,
            updated: now,
        }
    }

    /// The line shown for it: the note, or the kind when there is none.
    pub fn headline(&self) -> &str {
        if self.note.trim().is_empty() {
            self.kind.label()
        } else {
            self.note.trim()
        }
    }
}

/// A purpose the journal may need, with the other labels that mean the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownPurpose {
    /// The id it gets when added.
    pub id: &'static str,
    /// The label it gets when added.
    pub label: &'static str,
    /// Labels (lower case) that already mean it.
    pub also: &'static [&'static str],
}

impl KnownPurpose {
    /// Whether `purpose` already means this one: the same id, or a label that says the same.
    pub fn matches(&self, purpose: &Purpose) -> bool {
        let label = fold(&purpose.label);
        purpose.id.as_str() == self.id || label == fold(self.label) || self.also.contains(&&*label)
    }

    /// The journal's purpose that means this one.
    pub fn find<'a>(&self, purposes: &'a [Purpose]) -> Option<&'a Purpose> {
        purposes.iter().find(|p| self.matches(p))
    }

    /// The purpose to add when it is missing.
    pub fn to_purpose(&self) -> Option<Purpose> {
        self.id.parse().ok().map(|id| Purpose::new(id, self.label))
    }
}

fn fold(text: &str) -> String {
    text.trim().to_lowercase()
}

/// The purpose of a thank-you.
pub const THANKS_PURPOSE: KnownPurpose = KnownPurpose {
    id: "thanks",
    label: "Thank-you",
    also: &["thank you", "thanks", "saying thanks", "gratitude"],
};

/// The purpose of looking for work.
pub const JOB_SEARCH_PURPOSE: KnownPurpose = KnownPurpose {
    id: "job",
    label: "Job search",
    also: &["job hunt", "job hunting", "looking for work", "jobs"],
};

/// What a retired or unretired stage needs: part-time work, consulting,
/// benefits, volunteering. Existing purposes that say the same are kept.
pub const STAGE_PURPOSES: [KnownPurpose; 4] = [
    KnownPurpose {
        id: "parttime",
        label: "Part-time job",
        also: &[
            "part time job",
            "part-time work",
            "part time work",
            "part-time",
        ],
    },
    KnownPurpose {
        id: "gig",
        label: "Consulting gig",
        also: &["consulting", "consulting gigs", "freelance", "freelancing"],
    },
    KnownPurpose {
        id: "benefits",
        label: "Benefits (Social Security, Medicare, pensions)",
        also: &["benefits", "information on benefits", "pensions"],
    },
    KnownPurpose {
        id: "volunteer",
        label: "Volunteer role",
        also: &["volunteering", "volunteer", "volunteer work"],
    },
];

/// The stage purposes the journal lacks, in [`STAGE_PURPOSES`] order, each
/// with an id no purpose uses yet.
pub fn missing_stage_purposes(purposes: &[Purpose]) -> Vec<Purpose> {
    STAGE_PURPOSES
        .iter()
        .filter(|known| known.find(purposes).is_none())
        .filter_map(|known| fresh_purpose(known, purposes))
        .collect()
}

/// `known` as a new purpose, under its own id or (when taken by a purpose
/// that means something else) the first free `id-2`, `id-3`…
pub fn fresh_purpose(known: &KnownPurpose, purposes: &[Purpose]) -> Option<Purpose> {
    let taken = |id: &str| purposes.iter().any(|p| p.id.as_str() == id);
    let id = std::iter::once(known.id.to_owned())
        .chain((2..).map(|n| format!("{}-{n}", known.id)))
        .find(|id| !taken(id))?;
    Some(Purpose::new(id.parse().ok()?, known.label))
}

/// Whether `exchange` of `interaction` helped my job search (see the module docs).
pub fn helped_me(exchange: &Exchange, interaction: &Interaction, job: Option<&PurposeId>) -> bool {
    if exchange.direction != Direction::Got {
        return false;
    }
    let granted_or_given = exchange
        .ask
        .is_none_or(|ask| ask.outcome == Outcome::Granted);
    let useful = matches!(
        exchange.kind,
        ExchangeKind::Introduction | ExchangeKind::Referral | ExchangeKind::Advice
    );
    let granted_job_ask = exchange
        .ask
        .is_some_and(|ask| ask.by == Party::Me && ask.outcome == Outcome::Granted)
        && job.is_some()
        && interaction.purpose.as_ref() == job;
    (useful && granted_or_given) || granted_job_ask
}

/// The first day of the thank-you window of a milestone on `date`.
pub fn window_start(date: NaiveDate) -> NaiveDate {
    date.checked_sub_months(Months::new(THANKS_WINDOW_MONTHS))
        .unwrap_or(date)
}

/// Someone to thank, with what they gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Helper {
    /// Who.
    pub person: PersonId,
    /// What they gave, in first-given order, each kind once.
    pub gave: Vec<ExchangeKind>,
}

impl Helper {
    /// "An introduction and advice".
    pub fn summary(&self) -> String {
        let phrases: Vec<&str> = self.gave.iter().map(|k| k.phrase()).collect();
        let text = match phrases.as_slice() {
            [] => String::new(),
            [one] => (*one).to_owned(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        };
        super::words::capitalise(&text)
    }
}

/// Whether `person` has an entry with the thank-you purpose on or after `since`.
pub fn thanked_since(journal: &Journal, person: &PersonId, since: NaiveDate) -> bool {
    let Some(thanks) = THANKS_PURPOSE.find(journal.purposes()) else {
        return false;
    };
    journal
        .interactions_with(person)
        .iter()
        .any(|i| i.date >= since && i.purpose.as_ref() == Some(&thanks.id))
}

/// Everyone who helped in the window before a new-job milestone and has not
/// been thanked since, by name. Archived people are left out. Other kinds of
/// milestone have nobody to thank.
pub fn people_to_thank(journal: &Journal, milestone: &Milestone) -> Vec<Helper> {
    if milestone.kind != MilestoneKind::NewJob {
        return Vec::new();
    }
    let job = JOB_SEARCH_PURPOSE
        .find(journal.purposes())
        .map(|p| p.id.clone());
    let mut helpers: BTreeMap<PersonId, Vec<ExchangeKind>> = BTreeMap::new();
    for interaction in
        journal.interactions_between(Some(window_start(milestone.date)), Some(milestone.date))
    {
        for exchange in &interaction.exchanges {
            if helped_me(exchange, interaction, job.as_ref()) {
                let gave = helpers.entry(exchange.person.clone()).or_default();
                if !gave.contains(&exchange.kind) {
                    gave.push(exchange.kind);
                }
            }
        }
    }
    let mut list: Vec<(String, Helper)> = helpers
        .into_iter()
        .filter_map(|(person, gave)| {
            let record = journal.person(&person)?;
            let out = record.archived || thanked_since(journal, &person, milestone.date);
            (!out).then(|| (fold(&record.name), Helper { person, gave }))
        })
        .collect();
    list.sort_by(|a, b| (&a.0, &a.1.person).cmp(&(&b.0, &b.1.person)));
    list.into_iter().map(|(_, helper)| helper).collect()
}

/// The thank-you list Today shows: the newest new-job milestone up to
/// `today` whose list is not dismissed, with its people (when there are any).
pub fn thanks_due(journal: &Journal, today: NaiveDate) -> Option<(MilestoneId, Vec<Helper>)> {
    let milestone = journal
        .milestones_by_date()
        .rev()
        .filter(|m| m.date <= today)
        .find(|m| m.kind == MilestoneKind::NewJob)?;
    if milestone.thanks_dismissed {
        return None;
    }
    let people = people_to_thank(journal, milestone);
    (!people.is_empty()).then(|| (milestone.id.clone(), people))
}

/// "You landed the job": a week without contact in the first months of a new job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeepGoing {
    /// The new-job milestone.
    pub milestone: MilestoneId,
    /// Days since the last contact (or since the milestone, when later).
    pub quiet_days: i64,
}

impl KeepGoing {
    /// The nudge's words.
    pub const MESSAGE: &'static str =
        "You landed the job — keep in touch while you don't need anything.";
}

/// The keep-in-touch nudge on `today`: within [`KEEP_GOING_DAYS`] after the
/// newest new-job milestone, once [`QUIET_DAYS`] have passed since the last
/// contact with anyone (counting from the milestone when it is later).
pub fn keep_going(journal: &Journal, today: NaiveDate) -> Option<KeepGoing> {
    let milestone = journal
        .milestones_by_date()
        .rev()
        .filter(|m| m.date <= today)
        .find(|m| m.kind == MilestoneKind::NewJob)?;
    if today >= add_days(milestone.date, KEEP_GOING_DAYS) {
        return None;
    }
    let last_contact = journal
        .interactions_between(Some(milestone.date), Some(today))
        .next_back()
        .map_or(milestone.date, |i| i.date);
    let quiet_days = (today - last_contact).num_days();
    (quiet_days >= QUIET_DAYS).then(|| KeepGoing {
        milestone: milestone.id.clone(),
        quiet_days,
    })
}

/// The newest retired or unretired milestone up to `today` whose purposes
/// were not offered yet, with the purposes to offer (none missing: no offer).
pub fn stage_offer(journal: &Journal, today: NaiveDate) -> Option<(MilestoneId, Vec<Purpose>)> {
    let milestone = journal
        .milestones_by_date()
        .rev()
        .filter(|m| m.date <= today)
        .find(|m| m.kind.opens_a_new_stage())?;
    if milestone.purposes_offered {
        return None;
    }
    let missing = missing_stage_purposes(journal.purposes());
    (!missing.is_empty()).then(|| (milestone.id.clone(), missing))
}

/// A one-line boundary that suits the stage after the newest milestone, as
/// an example for the "okay to say no" nudge.
pub fn boundary_suggestion(journal: &Journal, today: NaiveDate) -> &'static str {
    let newest = journal
        .milestones_by_date()
        .rev()
        .find(|m| m.date <= today)
        .map(|m| m.kind);
    match newest {
        Some(MilestoneKind::NewJob) => "Not taking new consulting clients",
        Some(MilestoneKind::LeftJob) => "Not discussing my last employer",
        Some(MilestoneKind::Retired) => "Not looking for full-time work",
        Some(MilestoneKind::Unretired) => "Part-time only, at most two days a week",
        Some(MilestoneKind::Other) | None => "Not lending money",
    }
}

/// One line of the journal's timeline: a logged entry or a milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineItem<'a> {
    /// A milestone, listed before the entries of its day.
    Milestone(&'a Milestone),
    /// A logged entry.
    Entry(&'a Interaction),
}

impl TimelineItem<'_> {
    /// The day it sits on.
    pub fn date(&self) -> NaiveDate {
        match self {
            Self::Milestone(m) => m.date,
            Self::Entry(i) => i.date,
        }
    }
}

/// Every entry and milestone, newest day first; on one day the milestones
/// come first, then that day's entries.
pub fn timeline(journal: &Journal) -> Vec<TimelineItem<'_>> {
    let mut milestones = journal.milestones_by_date().rev().peekable();
    let mut entries = journal.interactions_by_date().rev().peekable();
    let mut list = Vec::with_capacity(journal.milestone_count() + journal.interaction_count());
    loop {
        let next = match (milestones.peek(), entries.peek()) {
            (Some(m), Some(e)) if m.date >= e.date => {
                milestones.next().map(TimelineItem::Milestone)
            }
            (_, Some(_)) => entries.next().map(TimelineItem::Entry),
            (Some(_), None) => milestones.next().map(TimelineItem::Milestone),
            (None, None) => None,
        };
        match next {
            Some(item) => list.push(item),
            None => return list,
        }
    }
}

/// The milestones dated within `from..=to`, oldest first.
pub fn milestones_between(journal: &Journal, from: NaiveDate, to: NaiveDate) -> Vec<&Milestone> {
    journal
        .milestones_by_date()
        .filter(|m| m.date >= from && m.date <= to)
        .collect()
}
