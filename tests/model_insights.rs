//! The Insights screen's numbers on a hand-made journal (today = Wed 2026-03-04),
//! with every filter, plus agreement with `network.rs` on the demo journal.
#![cfg(not(target_arch = "wasm32"))]

mod network_oracle;
mod support;

use network_oracle::{circle_split, monthly_give_take, new_people_per_month, purpose_breakdown};
use rapport::model::demo::{generate, DemoSize};
use rapport::model::insights::*;
use rapport::model::network::{weekly_streak, weeks_counted, CircleSplit, GiveTake, NetworkFilter};
use rapport::model::{
    Action, Direction::*, ExchangeKind::*, Initiator, Interaction, Journal, Outcome::*, Party,
    Person, PurposeId, Settings,
};
use support::*;

fn today() -> chrono::NaiveDate {
    d(2026, 3, 4)
}

fn with_purpose(mut i: Interaction, purpose: &str) -> Interaction {
    i.purpose = Some(purpose.parse::<PurposeId>().unwrap());
    i
}

/// Ana (1, posse), Ben (2, posse + alumni), Cai (3, alumni, no met date,
/// first seen 10 Feb 2026), Dee (4), Eve (5, alumni, archived); the usual
/// circle is "posse".
fn sample() -> Journal {
    let mut ana = person(1, "Ana");
    ana.tags = vec!["posse".into()];
    ana.met.date = Some(d(2025, 4, 10));
    let mut ben = person(2, "Ben");
    ben.tags = vec!["posse".into(), "Alumni".into()];
    ben.met.date = Some(d(2025, 6, 2));
    let mut cai = person(3, "Cai");
    cai.tags = vec!["alumni".into()];
    cai.created = ts(2026, 2, 20);
    cai.updated = ts(2026, 2, 20);
    let mut dee = person(4, "Dee");
    dee.met.date = Some(d(2024, 1, 15));
    let mut eve = person(5, "Eve");
    eve.tags = vec!["alumni".into()];
    eve.met.date = Some(d(2026, 3, 1));
    eve.archived = true;

    let mut j1 = with_purpose(meet(1, d(2026, 3, 2), &[1], Initiator::Me), "touch");
    j1.exchanges.push(exchange(1, Gave, 1, Advice));
    let mut j2 = with_purpose(meet(2, d(2026, 2, 25), &[2], Initiator::Them), "job");
    j2.exchanges
        .push(exchange(1, Got, 2, Referral).with_ask(Party::Me, Granted));
    let mut j3 = with_purpose(meet(3, d(2026, 2, 10), &[3], Initiator::Mutual), "info");
    j3.exchanges.push(exchange(1, Got, 3, Advice));
    j3.exchanges
        .push(exchange(2, Gave, 3, Favour).with_ask(Party::Them, DeclinedByMe));
    let mut j4 = with_purpose(meet(4, d(2026, 1, 20), &[1, 4], Initiator::Me), "touch");
    j4.exchanges.push(exchange(1, Gave, 4, Introduction));
    let mut j5 = meet(5, d(2025, 12, 5), &[4], Initiator::Them);
    j5.exchanges.push(exchange(1, Got, 4, Gift));
    let mut j6 = with_purpose(meet(6, d(2025, 6, 15), &[2], Initiator::Me), "volunteer");
    j6.exchanges
        .push(exchange(1, Gave, 2, Favour).with_ask(Party::Them, Open));
    let mut j7 = with_purpose(meet(7, d(2025, 3, 31), &[1], Initiator::Me), "touch");
    j7.exchanges.push(exchange(1, Gave, 1, Gift));
    let mut j8 = with_purpose(meet(8, d(2024, 2, 10), &[4], Initiator::Them), "gig");
    j8.exchanges.push(exchange(1, Got, 4, Advice));
    let j9 = with_purpose(meet(9, d(2026, 2, 27), &[5], Initiator::Them), "help");
    let mut j = journal(
        vec![ana, ben, cai, dee, eve],
        vec![j1, j2, j3, j4, j5, j6, j7, j8, j9],
    );
    j.apply(Action::UpdateSettings(Settings {
        circles: vec!["posse".into()],
        ..Settings::default()
    }))
    .unwrap();
    j
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month(bucket: &Bucket, plus: i32) -> &'static str {
    MONTHS[bucket.first.plus(plus).month() as usize - 1]
}

/// A period's axis label as an English screen writes it: "Mar", "Q1", "2026".
fn short(bucket: &Bucket) -> String {
    match bucket.granularity {
        Granularity::Month => month(bucket, 0)[..3].to_owned(),
        Granularity::Quarter => format!("Q{}", (bucket.first.month() - 1) / 3 + 1),
        Granularity::Year => bucket.first.year().to_string(),
    }
}

/// A period in full as an English screen writes it: "March 2026",
/// "Jan–Mar 2026", "2026". The model's sentences take it as their namer.
fn long(bucket: &Bucket) -> String {
    let year = bucket.first.year();
    match bucket.granularity {
        Granularity::Month => format!("{} {year}", month(bucket, 0)),
        Granularity::Quarter => {
            format!(
                "{}–{} {year}",
                &month(bucket, 0)[..3],
                &month(bucket, 2)[..3]
            )
        }
        Granularity::Year => year.to_string(),
    }
}

fn labels(i: &Insights) -> Vec<String> {
    i.buckets.iter().map(short).collect()
}

fn pairs(i: &Insights) -> Vec<(u32, u32)> {
    i.give_take.iter().map(|g| (g.gave, g.got)).collect()
}

fn purposes(i: &Insights) -> Vec<(String, u32)> {
    i.purposes
        .iter()
        .map(|p| (p.label.clone(), p.count))
        .collect()
}

fn counted(i: &Insights) -> Vec<chrono::NaiveDate> {
    i.weeks
        .iter()
        .filter(|w| w.counted)
        .map(|w| w.week_start)
        .collect()
}

#[test]
fn the_last_12_months_month_by_month() {
    let j = sample();
    let filter = RangePreset::Last12Months.filter(today(), None);
    assert_eq!(filter, NetworkFilter::all().between(d(2025, 4, 1), today()));
    let i = insights(&j, &filter, today());
    assert_eq!((i.from, i.to), (d(2025, 4, 1), today()));
    assert_eq!(i.granularity, Granularity::Month);
    assert_eq!(
        labels(&i),
        vec!["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"]
    );
    assert_eq!(long(&i.buckets[0]), "April 2025");
    assert_eq!(long(&i.buckets[11]), "March 2026");
    assert_eq!(i.buckets[0].to_string(), "2025-04");
    assert!(i.buckets[9].starts_year());
    // Give and take: j7 (31 March 2025) is a day too early; the unanswered ask
    // (j6) and the declined one (j3) never count.
    assert_eq!(
        pairs(&i),
        vec![
            (0, 0),
            (0, 0),
            (0, 0),
            (0, 0),
            (0, 0),
            (0, 0),
            (0, 0),
            (0, 0),
            (0, 1),
            (1, 0),
            (0, 2),
            (1, 0),
        ]
    );
    assert_eq!(i.give_take_total(), GiveTake { gave: 2, got: 3 });
    // New people: Ana (Apr), Ben (Jun), Cai by first contact (Feb), Eve archived (Mar).
    assert_eq!(i.new_people, vec![1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    assert_eq!(i.new_people_total(), 4);

    // Who initiated the 7 interactions in range.
    assert_eq!(i.interactions, 7);
    assert_eq!(
        (i.initiated.me, i.initiated.them, i.initiated.mutual),
        (3, 3, 1)
    );
    assert_eq!(
        (
            i.initiated.percent(Initiator::Me),
            i.initiated.percent(Initiator::Them),
            i.initiated.percent(Initiator::Mutual)
        ),
        (43, 43, 14)
    );
    // Usual circle (posse: Ana, Ben): j1, j2, j4, j6.
    assert_eq!(
        i.circle,
        CircleSplit {
            usual: 4,
            others: 3
        }
    );
    assert_eq!(i.circle_tags, ["posse"]);
    assert_eq!(
        purposes(&i),
        vec![
            ("Staying in touch".to_string(), 2),
            ("Job search".to_string(), 1),
            ("Consulting gig".to_string(), 0),
            ("Information".to_string(), 1),
            ("Volunteering".to_string(), 1),
            ("Helping them".to_string(), 1),
            ("No purpose".to_string(), 1),
        ]
    );

    // The strip: 52 weeks ending with the week of Monday 2 March 2026; the
    // first three weeks end before 1 April 2025 and are outside the range.
    assert_eq!(i.weeks.len(), 52);
    assert_eq!(i.weeks[0].week_start, d(2025, 3, 10));
    assert_eq!(i.weeks[51].week_start, d(2026, 3, 2));
    assert_eq!(
        i.weeks.iter().map(|w| w.in_range).collect::<Vec<_>>(),
        [vec![false; 3], vec![true; 49]].concat()
    );
    // j2 carried an ask from you; j7 is before the range although its week is in it.
    assert_eq!(
        counted(&i),
        vec![
            d(2025, 6, 9),
            d(2025, 12, 1),
            d(2026, 1, 19),
            d(2026, 2, 9),
            d(2026, 2, 23),
            d(2026, 3, 2),
        ]
    );
    assert_eq!(i.weeks_counted(), 6);
    assert_eq!((i.streak, i.longest_run), (2, 2));

    // The text equivalents of the charts.
    assert_eq!(
        i.give_take_summary(long),
        "From April 2025 to March 2026 you gave 2 times and received 3 times."
    );
    assert_eq!(
        i.initiated_summary(),
        "Of 7 contacts, you reached out for 3 (43%), they did for 3 (43%) and 1 (14%) was mutual."
    );
    assert_eq!(
        i.new_people_summary(long),
        "4 new people from April 2025 to March 2026."
    );
    assert_eq!(
        i.circle_summary(),
        "4 of 7 contacts (57%) were with your usual circle (posse); 3 (43%) with everyone else."
    );
    assert_eq!(
        i.purposes_summary(),
        "By purpose: Staying in touch 2, Job search 1, Consulting gig 0, Information 1, \
         Volunteering 1, Helping them 1, No purpose 1."
    );
    assert_eq!(
        i.weeks_summary(),
        "Networking without an ask in 6 of the last 52 weeks. Current streak: 2 weeks. Longest run: 2 weeks."
    );
}

#[test]
fn narrowed_to_a_tag() {
    let j = sample();
    // Tags compare ignoring case: Ben's "Alumni" counts.
    let filter = RangePreset::Last12Months.filter(today(), Some("ALUMNI".into()));
    let i = insights(&j, &filter, today());
    assert_eq!(i.interactions, 4); // j2 (Ben), j3 (Cai), j6 (Ben), j9 (Eve)
    assert_eq!(
        (i.initiated.me, i.initiated.them, i.initiated.mutual),
        (1, 2, 1)
    );
    assert_eq!(
        i.circle,
        CircleSplit {
            usual: 2,
            others: 2
        }
    );
    assert_eq!(
        purposes(&i).iter().map(|p| p.1).collect::<Vec<_>>(),
        vec![0, 1, 0, 1, 1, 1]
    );
    assert_eq!(i.give_take_total(), GiveTake { gave: 0, got: 2 });
    assert_eq!(i.give_take[10], GiveTake { gave: 0, got: 2 });
    assert_eq!(i.new_people, vec![0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    assert_eq!(
        counted(&i),
        vec![d(2025, 6, 9), d(2026, 2, 9), d(2026, 2, 23)]
    );
    assert_eq!((i.streak, i.longest_run), (1, 1));
    assert_eq!(
        i.new_people_summary(long),
        "3 new people from April 2025 to March 2026."
    );
    assert_eq!(
        i.circle_summary(),
        "2 of 4 contacts (50%) were with your usual circle (posse); 2 (50%) with everyone else."
    );

    // A tag nobody has: nothing at all, but the buckets are still there.
    let none = insights(
        &j,
        &RangePreset::Last12Months.filter(today(), Some("nobody".into())),
        today(),
    );
    assert_eq!(none.interactions, 0);
    assert_eq!(none.buckets.len(), 12);
    assert_eq!(none.new_people_total(), 0);
    assert_eq!(none.initiated_summary(), "No contacts in this range.");
    assert_eq!(none.circle_summary(), "No contacts in this range.");
    assert_eq!(none.purposes.iter().map(|p| p.count).sum::<u32>(), 0);
}

#[test]
fn the_last_3_months() {
    let j = sample();
    let filter = RangePreset::Last3Months.filter(today(), None);
    assert_eq!(
        (filter.from, filter.to),
        (Some(d(2026, 1, 1)), Some(today()))
    );
    let i = insights(&j, &filter, today());
    assert_eq!(labels(&i), vec!["Jan", "Feb", "Mar"]);
    assert_eq!(pairs(&i), vec![(1, 0), (0, 2), (1, 0)]);
    assert_eq!(i.new_people, vec![0, 1, 1]);
    assert_eq!(i.interactions, 5);
    assert_eq!(
        i.circle,
        CircleSplit {
            usual: 3,
            others: 2
        }
    );
    assert_eq!(
        counted(&i),
        vec![d(2026, 1, 19), d(2026, 2, 9), d(2026, 2, 23), d(2026, 3, 2)]
    );
    // Weeks that end before 1 January are greyed out; the week of 29 December is in.
    let in_range = i.weeks.iter().filter(|w| w.in_range).count();
    assert_eq!(in_range, 10);
    assert_eq!(
        i.weeks.iter().find(|w| w.in_range).unwrap().week_start,
        d(2025, 12, 29)
    );
    assert_eq!(
        i.give_take_summary(long),
        "From January 2026 to March 2026 you gave 2 times and received 2 times."
    );
    assert_eq!(
        i.new_people_summary(long),
        "2 new people from January 2026 to March 2026."
    );
}

#[test]
fn all_time_uses_quarters_from_the_first_day_with_data() {
    let j = sample();
    let filter = RangePreset::AllTime.filter(today(), None);
    assert_eq!((filter.from, filter.to), (None, Some(today())));
    let i = insights(&j, &filter, today());
    // Dee was met on 15 January 2024, before the first interaction (j8).
    assert_eq!(i.from, d(2024, 1, 15));
    assert_eq!(i.granularity, Granularity::Quarter);
    assert_eq!(
        labels(&i),
        vec!["Q1", "Q2", "Q3", "Q4", "Q1", "Q2", "Q3", "Q4", "Q1"]
    );
    assert_eq!(long(&i.buckets[0]), "Jan–Mar 2024");
    assert_eq!(long(&i.buckets[8]), "Jan–Mar 2026");
    assert_eq!(i.buckets[8].to_string(), "2026-Q1");
    assert_eq!(i.buckets[8].end(), d(2026, 3, 31));
    assert_eq!(
        pairs(&i),
        vec![
            (0, 1),
            (0, 0),
            (0, 0),
            (0, 0),
            (1, 0),
            (0, 0),
            (0, 0),
            (0, 1),
            (2, 2),
        ]
    );
    assert_eq!(i.new_people, vec![1, 0, 0, 0, 0, 2, 0, 0, 2]);
    assert_eq!(i.interactions, 9);
    assert_eq!(
        (i.initiated.me, i.initiated.them, i.initiated.mutual),
        (4, 4, 1)
    );
    assert_eq!(i.weeks.iter().filter(|w| w.in_range).count(), 52);
    // j7 (31 March 2025) now counts: its week is in the strip.
    assert_eq!(i.weeks_counted(), 7);
    assert_eq!(
        i.new_people_summary(long),
        "5 new people from Jan–Mar 2024 to Jan–Mar 2026."
    );
}

#[test]
fn long_ranges_use_years_and_custom_ranges_end_the_strip_early() {
    let j = sample();
    let years = insights(
        &j,
        &NetworkFilter::all().between(d(2020, 1, 1), today()),
        today(),
    );
    assert_eq!(years.granularity, Granularity::Year);
    assert_eq!(
        labels(&years),
        vec!["2020", "2021", "2022", "2023", "2024", "2025", "2026"]
    );
    assert_eq!(
        pairs(&years),
        vec![(0, 0), (0, 0), (0, 0), (0, 0), (0, 1), (1, 1), (2, 2)]
    );

    // From mid-May to the end of 2025: months May..Dec; the strip ends with the
    // week of 29 December 2025.
    let custom = insights(
        &j,
        &NetworkFilter::all().between(d(2025, 5, 15), d(2025, 12, 31)),
        today(),
    );
    assert_eq!(
        labels(&custom),
        vec!["May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    );
    assert_eq!(custom.interactions, 2); // j5, j6
    assert_eq!(custom.new_people, vec![0, 1, 0, 0, 0, 0, 0, 0]);
    assert_eq!(custom.weeks[51].week_start, d(2025, 12, 29));
    assert_eq!(counted(&custom), vec![d(2025, 6, 9), d(2025, 12, 1)]);
    assert_eq!(custom.streak, 0);
    assert_eq!(
        custom.give_take_summary(long),
        "From May 2025 to December 2025 you gave 0 times and received once."
    );

    // One month only.
    let march = insights(
        &j,
        &NetworkFilter::all().between(d(2026, 3, 1), d(2026, 3, 31)),
        today(),
    );
    assert_eq!(labels(&march), vec!["Mar"]);
    assert_eq!(
        march.give_take_summary(long),
        "In March 2026 you gave once and received 0 times."
    );
    assert_eq!(
        march.new_people_summary(long),
        "1 new person in March 2026."
    );

    // An inverted range has no buckets and counts nothing.
    let inverted = insights(
        &j,
        &NetworkFilter::all().between(d(2026, 3, 1), d(2026, 1, 1)),
        today(),
    );
    assert!(inverted.buckets.is_empty());
    assert_eq!(inverted.interactions, 0);
    assert_eq!(
        inverted.give_take_summary(long),
        "Nothing to show for this range."
    );
    assert_eq!(
        inverted.new_people_summary(long),
        "Nothing to show for this range."
    );
}

#[test]
fn the_busiest_bucket_is_named_when_it_stands_out() {
    let mut j = sample();
    let mut fin = person(6, "Fin");
    fin.met.date = Some(d(2025, 6, 20));
    j.apply(rapport::model::Action::AddPerson(fin)).unwrap();
    let i = insights(
        &j,
        &RangePreset::Last12Months.filter(today(), None),
        today(),
    );
    assert_eq!(
        i.new_people_summary(long),
        "5 new people from April 2025 to March 2026; the most in June 2025 (2)."
    );
}

#[test]
fn an_empty_journal() {
    let j = Journal::new();
    let i = insights(&j, &RangePreset::AllTime.filter(today(), None), today());
    assert_eq!((i.from, i.to), (today(), today()));
    assert_eq!(labels(&i), vec!["Mar"]);
    assert_eq!(i.interactions, 0);
    assert_eq!(i.weeks_counted(), 0);
    assert_eq!(i.purposes.len(), 6);
    assert_eq!(
        i.weeks_summary(),
        "Networking without an ask in 0 of the last 52 weeks. Current streak: 0 weeks. Longest run: 0 weeks."
    );
}

#[test]
fn tags_are_listed_once_ignoring_case() {
    assert_eq!(tags(&sample()), vec!["Alumni", "posse"]);
    assert!(tags(&Journal::new()).is_empty());
}

#[test]
fn presets_and_dates() {
    assert_eq!(RangePreset::default(), RangePreset::Last12Months);
    assert_eq!(
        RangePreset::ALL.map(RangePreset::label),
        ["Last 3 months", "Last 12 months", "All time"]
    );
    assert_eq!(
        NetworkFilter::all().last_months(d(2024, 1, 31), 1),
        NetworkFilter::all().between(d(2024, 1, 1), d(2024, 1, 31))
    );
    assert_eq!(
        NetworkFilter::all().last_months(d(2024, 1, 31), 0).from,
        Some(d(2024, 1, 1))
    );
    assert_eq!(parse_day("2026-03-04"), Some(d(2026, 3, 4)));
    assert_eq!(parse_day(" 2026-03-04 "), Some(d(2026, 3, 4)));
    assert_eq!(parse_day(""), None);
    assert_eq!(parse_day("2026-02-30"), None);
    assert_eq!(parse_day("0999-01-01"), None);
    assert_eq!(Granularity::for_months(24), Granularity::Month);
    assert_eq!(Granularity::for_months(25), Granularity::Quarter);
    assert_eq!(Granularity::for_months(49), Granularity::Year);
}

/// The one-pass figures agree with the separate `network.rs` functions.
#[test]
fn agrees_with_the_network_functions_on_the_demo_journal() {
    let j = generate(2026, DemoSize::Small, today()).unwrap();
    let filters = [
        RangePreset::Last12Months.filter(today(), None),
        RangePreset::Last3Months.filter(today(), Some("posse".into())),
        RangePreset::AllTime.filter(today(), Some("alumni".into())),
        NetworkFilter::all().between(d(2019, 6, 1), d(2021, 5, 31)),
    ];
    for filter in &filters {
        let i = insights(&j, filter, today());
        assert_eq!(i.circle, circle_split(&j, filter), "{filter:?}");
        let split = i.circle;
        assert_eq!(i.interactions, split.usual + split.others);
        assert_eq!(i.initiated.total(), i.interactions);
        assert_eq!(i.purposes, purpose_breakdown(&j, filter), "{filter:?}");
        let end = filter.to.unwrap().min(today());
        assert_eq!(i.streak, weekly_streak(&j, end, filter), "{filter:?}");
        let strip: Vec<bool> = weeks_counted(&j, end, filter)
            .iter()
            .map(|w| w.counted)
            .collect();
        assert_eq!(
            i.weeks.iter().map(|w| w.counted).collect::<Vec<_>>(),
            strip,
            "{filter:?}"
        );
        if i.granularity == Granularity::Month && filter.from.is_some() {
            let months: Vec<u32> = new_people_per_month(&j, filter)
                .iter()
                .map(|c| c.count)
                .collect();
            assert_eq!(i.new_people, months, "{filter:?}");
        }
    }
    let last12 = insights(&j, &filters[0], today());
    let monthly: Vec<(u32, u32)> = monthly_give_take(&j, today(), &NetworkFilter::all())
        .iter()
        .map(|m| (m.gave, m.got))
        .collect();
    assert_eq!(pairs(&last12), monthly);
}

/// The numbers the end-to-end test reads on the Insights screen with the demo
/// journal (seed 2026, small, today = 2026-03-04).
#[test]
fn demo_journal_insights_numbers() {
    let j = generate(2026, DemoSize::Small, today()).unwrap();
    let i = insights(
        &j,
        &RangePreset::Last12Months.filter(today(), None),
        today(),
    );
    assert_eq!(
        i.give_take_summary(long),
        "From April 2025 to March 2026 you gave 110 times and received 133 times."
    );
    assert_eq!(
        pairs(&i),
        vec![
            (3, 7),
            (3, 5),
            (6, 3),
            (10, 11),
            (6, 5),
            (3, 6),
            (9, 14),
            (12, 12),
            (12, 18),
            (17, 17),
            (18, 19),
            (11, 16),
        ]
    );
    assert_eq!(i.new_people, vec![3, 1, 1, 2, 1, 1, 2, 2, 2, 2, 2, 1]);
    assert_eq!(
        i.new_people_summary(long),
        "20 new people from April 2025 to March 2026; the most in April 2025 (3)."
    );
    assert_eq!(
        i.initiated_summary(),
        "Of 861 contacts, you reached out for 400 (46%), they did for 301 (35%) and 160 (19%) were mutual."
    );
    assert_eq!(
        i.circle_summary(),
        "248 of 861 contacts (29%) were with your usual circle (posse); 613 (71%) with everyone else."
    );
    assert_eq!(
        i.purposes_summary(),
        "By purpose: Staying in touch 125, Job search 124, Consulting gig 129, Information 112, \
         Volunteering 114, Helping them 116, No purpose 141."
    );
    // The first three weeks of the strip end before 1 April 2025.
    assert_eq!(
        i.weeks.iter().map(|w| w.counted).collect::<Vec<_>>(),
        [vec![false; 3], vec![true; 49]].concat()
    );
    assert_eq!(
        i.weeks_summary(),
        "Networking without an ask in 49 of the last 52 weeks. Current streak: 49 weeks. Longest run: 49 weeks."
    );

    let posse = insights(
        &j,
        &RangePreset::Last12Months.filter(today(), Some("posse".into())),
        today(),
    );
    assert_eq!(
        posse.initiated_summary(),
        "Of 248 contacts, you reached out for 116 (47%), they did for 87 (35%) and 45 (18%) were mutual."
    );
    assert_eq!(
        posse.give_take_summary(long),
        "From April 2025 to March 2026 you gave 30 times and received 40 times."
    );
    assert_eq!(
        purposes(&posse).iter().map(|p| p.1).collect::<Vec<_>>(),
        vec![43, 28, 41, 27, 33, 40, 36]
    );
    assert_eq!(
        posse.weeks_summary(),
        "Networking without an ask in 46 of the last 52 weeks. Current streak: 26 weeks. Longest run: 26 weeks."
    );

    let recent = insights(&j, &RangePreset::Last3Months.filter(today(), None), today());
    assert_eq!(
        recent.give_take_summary(long),
        "From January 2026 to March 2026 you gave 46 times and received 52 times."
    );
    assert_eq!(pairs(&recent), vec![(17, 17), (18, 19), (11, 16)]);
    assert_eq!(recent.weeks.iter().filter(|w| w.in_range).count(), 10);

    let all = insights(&j, &RangePreset::AllTime.filter(today(), None), today());
    assert_eq!(all.granularity, Granularity::Year);
    assert_eq!(
        labels(&all),
        vec![
            "2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023", "2024", "2025", "2026"
        ]
    );
    assert_eq!(
        all.give_take_summary(long),
        "From 2016 to 2026 you gave 292 times and received 300 times."
    );
}

/// The usual circle is the tags chosen in Settings: with none chosen the
/// insight says how to choose; with several, anyone carrying one counts.
#[test]
fn the_usual_circle_follows_the_chosen_tags() {
    let mut j = sample();
    let filter = RangePreset::Last12Months.filter(today(), None);
    j.apply(Action::UpdateSettings(Settings::default()))
        .unwrap();
    let i = insights(&j, &filter, today());
    assert!(i.circle_tags.is_empty());
    assert_eq!(
        i.circle,
        CircleSplit {
            usual: 0,
            others: 7
        }
    );
    assert_eq!(i.circle_summary(), NO_CIRCLE_YET);
    assert!(NO_CIRCLE_YET.contains("In Settings, under Usual circle, tick"));
    assert_eq!(
        circle_choices(&j),
        vec![("Alumni".to_owned(), false), ("posse".to_owned(), false)]
    );

    // Ana, Ben (posse) and Cai, Eve (alumni): everyone but Dee on her own (j5).
    j.apply(Action::UpdateSettings(Settings {
        circles: vec!["alumni".into(), "Posse".into(), "old friends".into()],
        ..Settings::default()
    }))
    .unwrap();
    let i = insights(&j, &filter, today());
    assert_eq!(
        i.circle,
        CircleSplit {
            usual: 6,
            others: 1
        }
    );
    assert_eq!(
        i.circle_summary(),
        "6 of 7 contacts (86%) were with your usual circle (alumni, Posse, old friends); 1 (14%) with everyone else."
    );
    // A chosen tag nobody carries any more is still offered, so it can be unticked.
    assert_eq!(
        circle_choices(&j),
        vec![
            ("Alumni".to_owned(), true),
            ("posse".to_owned(), true),
            ("old friends".to_owned(), true)
        ]
    );
}

/// A person counts as new at their met date, else at their first logged
/// contact, else on the day they were added; people brought in by an import
/// count only when a date says so (their met date, e.g. LinkedIn's Connected On).
#[test]
fn new_people_count_at_met_date_else_first_contact_else_the_day_added() {
    let added = |n: u64, name: &str, y: i32, m: u32, day: u32| -> Person {
        let mut p = person(n, name);
        p.created = ts(y, m, day);
        p.updated = ts(y, m, day);
        p
    };
    // Met in 2015, added today: new in 2015, not this month.
    let mut priya = added(1, "Priya", 2026, 3, 4);
    priya.met.date = Some(d(2015, 5, 1));
    // No met date, added this month, a coffee logged back in December: December.
    let sam = added(2, "Sam", 2026, 3, 1);
    // No met date and nothing logged: the day added (February).
    let lee = added(3, "Lee", 2026, 2, 15);
    // Imported this month, no date: never new.
    let mut kim = added(4, "Kim", 2026, 3, 2);
    kim.imported = true;
    // Imported, with a logged contact but no met date: still not new.
    let mut max = added(5, "Max", 2026, 3, 2);
    max.imported = true;
    // Imported from LinkedIn, connected in January: January.
    let linkedin = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
        Jo,March,,,,,05 Jan 2026\n";
    let mut import = rapport::backup::import_linkedin(linkedin).unwrap();
    let jo = import
        .contacts
        .remove(0)
        .into_person(pid(6), ts(2026, 3, 2));
    assert!(jo.imported);
    assert_eq!(jo.met.date, Some(d(2026, 1, 5)));

    let j = journal(
        vec![priya, sam, lee, kim, max, jo],
        vec![
            meet(1, d(2025, 12, 20), &[2], Initiator::Me),
            meet(2, d(2026, 3, 3), &[5], Initiator::Me),
        ],
    );
    let day = |n: u64| {
        let p = j.person(&pid(n)).unwrap();
        rapport::model::network::new_person_date(&j, p)
    };
    assert_eq!(
        (1..=6).map(day).collect::<Vec<_>>(),
        vec![
            Some(d(2015, 5, 1)),
            Some(d(2025, 12, 20)),
            Some(d(2026, 2, 15)),
            None,
            None,
            Some(d(2026, 1, 5)),
        ]
    );
    let i = insights(&j, &RangePreset::Last3Months.filter(today(), None), today());
    assert_eq!(labels(&i), vec!["Jan", "Feb", "Mar"]);
    // Jo (January) and Lee (February); nobody is new this month.
    assert_eq!(i.new_people, vec![1, 1, 0]);
    assert_eq!(
        i.new_people_summary(long),
        "2 new people from January 2026 to March 2026."
    );
    let months: Vec<u32> =
        new_people_per_month(&j, &RangePreset::Last3Months.filter(today(), None))
            .iter()
            .map(|c| c.count)
            .collect();
    assert_eq!(months, vec![1, 1, 0]);
}
