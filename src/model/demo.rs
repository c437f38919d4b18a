//! Deterministic demo journals for screenshots, manual testing and benchmarks.
//!
//! `generate(seed, size, today)` always returns the same journal for the
//! same inputs. It uses its own small PRNG ([`SplitMix64`]) rather than a
//! crate, and builds the journal through [`Journal::from_parts`], so every
//! record passes the same validation as user data (every id resolves).
//!
//! What you get: names with accents, organisations, roles, contact details,
//! tags including "posse" (chosen as the usual circle), cadences, birthdays (some without a year, some on
//! 29 February), ten years of interactions ending at `today` with recent years
//! busier, 80-character notes, and exchanges on about a third of interactions
//! (asks with every outcome, money and item loans, partial settlements).

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use super::dates::{add_days, days_between, Birthday};
use super::error::ModelError;
use super::ids::{ExchangeId, InteractionId, PersonId, PurposeId};
use super::interaction::{
    Direction, Exchange, ExchangeKind, Initiator, Interaction, InteractionKind, Outcome, Party,
    Portion, Settlement,
};
use super::journal::{Journal, JournalParts};
use super::person::{Cadence, Person};
use super::purpose::DEFAULT_PURPOSES;
use super::settings::Settings;

/// Preset journal sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DemoSize {
    /// 50 people, 500 interactions: the baseline journal of the benchmarks.
    Tiny,
    /// 200 people, 2,000 interactions.
    Small,
    /// 2,000 people, 20,000 interactions.
    Medium,
    /// 5,000 people, 50,000 interactions.
    Large,
}

impl DemoSize {
    /// Number of people.
    pub fn people(self) -> usize {
        match self {
            DemoSize::Tiny => 50,
            DemoSize::Small => 200,
            DemoSize::Medium => 2_000,
            DemoSize::Large => 5_000,
        }
    }

    /// Number of interactions.
    pub fn interactions(self) -> usize {
        match self {
            DemoSize::Tiny => 500,
            DemoSize::Small => 2_000,
            DemoSize::Medium => 20_000,
            DemoSize::Large => 50_000,
        }
    }
}

/// The splitmix64 generator: tiny, fast and good enough for demo data.
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A uniformly chosen element; `items` must not be empty.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// An element chosen by weight; `items` must not be empty.
    pub fn weighted<'a, T>(&mut self, items: &'a [(T, u64)]) -> &'a T {
        let total: u64 = items.iter().map(|(_, w)| w).sum();
        let mut roll = self.below(total);
        for (item, weight) in items {
            if roll < *weight {
                return item;
            }
            roll -= weight;
        }
        &items[items.len() - 1].0
    }
}

const FIRST_NAMES: [&str; 40] = [
    "Chloé",
    "Zoë",
    "José",
    "Łukasz",
    "Siobhán",
    "Renée",
    "Søren",
    "Mónica",
    "Jürgen",
    "Anaïs",
    "Björn",
    "Inés",
    "François",
    "Noémie",
    "Dmitri",
    "Aoife",
    "Mateo",
    "Priya",
    "Kwame",
    "Yūki",
    "Ana",
    "Ben",
    "Clara",
    "David",
    "Elif",
    "Farah",
    "Gustavo",
    "Hannah",
    "Ivan",
    "Jonas",
    "Kateřina",
    "Leïla",
    "Marek",
    "Nora",
    "Olúwaseun",
    "Paweł",
    "Rosa",
    "Tomás",
    "Ulla",
    "Zsófia",
];

const LAST_NAMES: [&str; 40] = [
    "Müller",
    "García",
    "Nowak",
    "O'Sullivan",
    "Dubois",
    "Johansson",
    "Fernández",
    "Kowalczyk",
    "Novák",
    "Rossi",
    "Smith",
    "Nguyễn",
    "Öztürk",
    "Lefèvre",
    "Ó Briain",
    "Jensen",
    "Costa",
    "Hernández",
    "Virtanen",
    "Horváth",
    "Brown",
    "Okafor",
    "Patel",
    "Schröder",
    "Dąbrowski",
    "Ivanova",
    "Moreau",
    "Bianchi",
    "Kim",
    "Haddad",
    "Silva",
    "Andersen",
    "Mészáros",
    "Çelik",
    "Wójcik",
    "Sánchez",
    "Janssen",
    "Ferreira",
    "Lindqvist",
    "Murphy",
];

const ORGS: [&str; 20] = [
    "Acme Analytics",
    "Brightwave",
    "Café Lumière",
    "City Library",
    "Civic Hackers",
    "Dataweavers",
    "Ecole Numérique",
    "Fjord Labs",
    "Greenline Energy",
    "Harbour Health",
    "Independent",
    "Kraków Tech Hub",
    "Lisbon Design Co",
    "Mercado Verde",
    "Northwind Legal",
    "Open Source Collective",
    "Riverbank Bank",
    "Sunday Ventures",
    "Tallinn Robotics",
    "University of Somewhere",
];

const ROLES: [&str; 12] = [
    "Engineer",
    "Designer",
    "Product manager",
    "Recruiter",
    "Founder",
    "Researcher",
    "Data scientist",
    "Consultant",
    "Teacher",
    "Nurse",
    "Editor",
    "Community organiser",
];

const PLACES: [&str; 12] = [
    "PyCon",
    "RustConf",
    "a friend's wedding",
    "the climbing gym",
    "university",
    "old job",
    "a meetup in Berlin",
    "the food bank",
    "a hackathon",
    "book club",
    "parents' evening",
    "Café Lumière",
];

const DOMAINS: [&str; 4] = ["example.com", "example.org", "mail.example", "post.example"];

/// The tag of the demo's usual circle (about one person in ten carries it).
pub const DEMO_CIRCLE: &str = "posse";

const OTHER_TAGS: [&str; 9] = [
    "alumni",
    "volunteering",
    "climbing",
    "book club",
    "ex-colleagues",
    "mentors",
    "neighbours",
    "conference",
    "startup",
];

const BOUNDARIES: [&str; 5] = [
    "No lending money.",
    "Not available for weekend work.",
    "No politics at dinner.",
    "Won't write references.",
    "No calls after 9pm.",
];

const LOAN_ITEMS: [&str; 6] = [
    "a ladder", "a tent", "a book", "a camera", "a bike", "a drill",
];

const CURRENCIES: [&str; 4] = ["EUR", "GBP", "USD", "CHF"];

const NOTE_BITS: [&str; 16] = [
    "Talked about their new role and the move.",
    "Caught up over a flat white at the café.",
    "They mentioned a possible opening next spring.",
    "Shared notes on the conference talk.",
    "Kids are well; planning a trip to Kraków.",
    "Asked about contract rates for data work.",
    "Promised to send the article on naïve forecasting.",
    "Quick check-in, both busy with deadlines.",
    "They're volunteering at the food bank on Sundays.",
    "Discussed the über-long hiring process at their firm.",
    "Gave feedback on their portfolio site.",
    "Swapped book recommendations again.",
    "Follow up in a month about the referral.",
    "Celebrated the launch with the whole team.",
    "They want an intro to someone in climate tech.",
    "Long walk by the river, good conversation.",
];

const KINDS: [(InteractionKind, u64); 9] = [
    (InteractionKind::Coffee, 22),
    (InteractionKind::Meal, 12),
    (InteractionKind::Call, 15),
    (InteractionKind::Video, 10),
    (InteractionKind::Message, 20),
    (InteractionKind::Email, 10),
    (InteractionKind::Event, 6),
    (InteractionKind::Introduction, 3),
    (InteractionKind::Other, 2),
];

const EXCHANGE_KINDS: [(ExchangeKind, u64); 6] = [
    (ExchangeKind::Favour, 30),
    (ExchangeKind::Introduction, 15),
    (ExchangeKind::Advice, 25),
    (ExchangeKind::Referral, 10),
    (ExchangeKind::Gift, 10),
    (ExchangeKind::Loan, 10),
];

/// Days of history generated (ten years).
const HISTORY_DAYS: i64 = 3_652;

/// Builds a demo journal of a preset size.
pub fn generate(seed: u64, size: DemoSize, today: NaiveDate) -> Result<Journal, ModelError> {
    DemoBuilder::new(seed, size, today).finish()
}

/// Builds a demo journal with `people` people and `interactions` interactions
/// (no interactions when there are no people).
pub fn generate_with(
    seed: u64,
    people: usize,
    interactions: usize,
    today: NaiveDate,
) -> Result<Journal, ModelError> {
    DemoBuilder::with_counts(seed, people, interactions, today).finish()
}

/// A demo journal made a few records at a time, so that a caller can hand the
/// browser back its thread between slices and show how far it got. However it
/// is sliced, it makes the same journal as [`generate_with`]: the records come
/// from one generator in one order, people first, then interactions.
#[derive(Debug, Clone)]
pub struct DemoBuilder {
    rng: SplitMix64,
    today: NaiveDate,
    start: NaiveDate,
    people_wanted: usize,
    interactions_wanted: usize,
    people: Vec<Person>,
    used_people: HashSet<PersonId>,
    /// Made once every person is, since who is seen how often depends on them.
    plan: Option<InteractionPlan>,
    log: Vec<Interaction>,
}

/// What making interactions needs beyond the people: how often each is seen.
#[derive(Debug, Clone)]
struct InteractionPlan {
    cumulative: Vec<u64>,
    total: u64,
    purposes: Vec<PurposeId>,
    used: HashSet<InteractionId>,
}

impl DemoBuilder {
    /// A builder of the journal `generate(seed, size, today)` returns.
    pub fn new(seed: u64, size: DemoSize, today: NaiveDate) -> Self {
        Self::with_counts(seed, size.people(), size.interactions(), today)
    }

    /// A builder of the journal `generate_with(seed, people, interactions, today)` returns.
    pub fn with_counts(seed: u64, people: usize, interactions: usize, today: NaiveDate) -> Self {
        let interactions = if people == 0 { 0 } else { interactions };
        Self {
            rng: SplitMix64::new(seed),
            today,
            start: add_days(today, -HISTORY_DAYS),
            people_wanted: people,
            interactions_wanted: interactions,
            people: Vec::with_capacity(people),
            used_people: HashSet::with_capacity(people),
            plan: None,
            log: Vec::with_capacity(interactions),
        }
    }

    /// How many records (people and interactions) the journal will have.
    pub fn total(&self) -> usize {
        self.people_wanted + self.interactions_wanted
    }

    /// How many records are made so far.
    pub fn done(&self) -> usize {
        self.people.len() + self.log.len()
    }

    /// Whether every record is made (what is left is [`DemoBuilder::finish`]).
    pub fn is_complete(&self) -> bool {
        self.done() == self.total()
    }

    /// Makes up to `records` more records; returns how many are made so far.
    pub fn step(&mut self, records: usize) -> usize {
        let mut left = records;
        while left > 0 && self.people.len() < self.people_wanted {
            let person = make_person(
                &mut self.rng,
                &mut self.used_people,
                &self.people,
                self.start,
            );
            self.people.push(person);
            left -= 1;
        }
        if left > 0 && self.log.len() < self.interactions_wanted {
            let rng = &mut self.rng;
            let people = &self.people;
            let plan = self
                .plan
                .get_or_insert_with(|| InteractionPlan::new(rng, people, self.interactions_wanted));
            while left > 0 && self.log.len() < self.interactions_wanted {
                self.log
                    .push(make_interaction(rng, people, plan, self.today));
                left -= 1;
            }
        }
        self.done()
    }

    /// The journal: makes whatever is left, then builds it through the model's
    /// checks (one step that cannot be sliced).
    pub fn finish(mut self) -> Result<Journal, ModelError> {
        self.step(usize::MAX);
        Journal::from_parts(JournalParts {
            people: self.people,
            interactions: self.log,
            // The demo's usual circle is chosen, so Insights shows it.
            settings: Settings {
                circles: vec![DEMO_CIRCLE.to_owned()],
                ..Settings::default()
            },
            ..JournalParts::default()
        })
    }
}

fn at(date: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    date.and_time(NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or_default())
        .and_utc()
}

/// Lower-case ASCII form of a name for email addresses and handles.
fn ascii_fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let folded = match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' | 'ą' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ę' | 'ě' | 'ễ' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ł' => 'l',
            'ñ' | 'ń' => 'n',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'ø' => 'o',
            'ř' => 'r',
            'ś' | 'š' => 's',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
            'ý' => 'y',
            'ž' | 'ź' | 'ż' => 'z',
            'ğ' => 'g',
            c if c.is_ascii_alphanumeric() => c,
            _ => continue,
        };
        out.push(folded);
    }
    out
}

/// A note of exactly 80 characters.
fn note80(rng: &mut SplitMix64) -> String {
    let mut text = String::new();
    while text.chars().count() < 80 {
        if !text.is_empty() {
            text.push(' ');
        }
        let bit: &str = NOTE_BITS[rng.below(NOTE_BITS.len() as u64) as usize];
        text.push_str(bit);
    }
    let mut note: String = text.chars().take(80).collect();
    if note.ends_with(' ') {
        note.pop();
        note.push('.');
    }
    note
}

fn fresh<T: Eq + std::hash::Hash + Clone>(
    rng: &mut SplitMix64,
    used: &mut HashSet<T>,
    make: fn(u64) -> T,
) -> T {
    loop {
        let id = make(rng.next_u64());
        if used.insert(id.clone()) {
            return id;
        }
    }
}

/// The next person, after `people` (who may have introduced them).
fn make_person(
    rng: &mut SplitMix64,
    used: &mut HashSet<PersonId>,
    people: &[Person],
    start: NaiveDate,
) -> Person {
    let n = people.len();
    let id = fresh(rng, used, PersonId::new);
    let first = *rng.pick(&FIRST_NAMES);
    let last = *rng.pick(&LAST_NAMES);
    let met_on = add_days(start, rng.below(HISTORY_DAYS as u64 + 1) as i64);
    let created = at(met_on, 9 + rng.below(10) as u32, rng.below(60) as u32);
    let mut person = Person::new(id, format!("{first} {last}"), created);
    if rng.chance(85) {
        person.met.date = Some(met_on);
    }
    if rng.chance(60) {
        person.met.place = Some((*rng.pick(&PLACES)).to_owned());
    }
    if n > 0 && rng.chance(20) {
        person.met.introduced_by = Some(people[rng.below(n as u64) as usize].id.clone());
    }
    if rng.chance(70) {
        person.org = Some((*rng.pick(&ORGS)).to_owned());
        if rng.chance(70) {
            person.role = Some((*rng.pick(&ROLES)).to_owned());
        }
    }
    if rng.chance(60) {
        let domain = rng.pick(&DOMAINS);
        person.emails.push(format!(
            "{}.{}@{domain}",
            ascii_fold(first),
            ascii_fold(last)
        ));
    }
    if rng.chance(35) {
        person
            .phones
            .push(format!("+44 7700 9{:05}", rng.below(100_000)));
    }
    if rng.chance(25) {
        person
            .links
            .push(format!("https://social.example/@{}{n}", ascii_fold(first)));
    }
    if rng.chance(40) {
        person.birthday = random_birthday(rng);
    }
    if rng.chance(10) {
        person.tags.push(DEMO_CIRCLE.to_owned());
    }
    for _ in 0..rng.below(3) {
        let tag = (*rng.pick(&OTHER_TAGS)).to_owned();
        if !person.tags.contains(&tag) {
            person.tags.push(tag);
        }
    }
    if rng.chance(40) {
        let ideal = *rng.pick(&[14u32, 30, 45, 60, 90, 180]);
        let max = rng.chance(60).then(|| ideal * (2 + rng.below(2) as u32));
        person.cadence = Some(Cadence::new(ideal, max));
    }
    if rng.chance(8) {
        person.boundaries = (*rng.pick(&BOUNDARIES)).to_owned();
    }
    if rng.chance(40) {
        person.notes = note80(rng);
    }
    person.archived = rng.chance(4);
    person
}

fn random_birthday(rng: &mut SplitMix64) -> Option<Birthday> {
    let with_year = rng.chance(70);
    if rng.chance(2) {
        // A leap-day birthday: the year, if known, must be a leap year.
        let year = with_year.then(|| 1952 + 4 * rng.below(13) as i32);
        return Birthday::new(2, 29, year).ok();
    }
    let month = 1 + rng.below(12) as u32;
    let day = 1 + rng.below(28) as u32;
    let year = with_year.then(|| 1950 + rng.below(53) as i32);
    Birthday::new(month, day, year).ok()
}

impl InteractionPlan {
    fn new(rng: &mut SplitMix64, people: &[Person], count: usize) -> Self {
        // Contact frequency: the usual circle and people with a cadence are seen more.
        let mut cumulative = Vec::with_capacity(people.len());
        let mut total = 0u64;
        for person in people {
            let weight = if person.has_tag(DEMO_CIRCLE) {
                12
            } else if person.cadence.is_some() {
                4
            } else {
                1 + rng.below(3)
            };
            total += weight;
            cumulative.push(total);
        }
        let purposes: Vec<PurposeId> = DEFAULT_PURPOSES
            .iter()
            .filter_map(|(id, _)| id.parse().ok())
            .collect();
        Self {
            cumulative,
            total,
            purposes,
            used: HashSet::with_capacity(count),
        }
    }
}

/// The next interaction, with someone from `people` (never empty).
fn make_interaction(
    rng: &mut SplitMix64,
    people: &[Person],
    plan: &mut InteractionPlan,
    today: NaiveDate,
) -> Interaction {
    let roll = rng.below(plan.total);
    let primary = plan
        .cumulative
        .partition_point(|&c| c <= roll)
        .min(people.len() - 1);
    let met = people[primary].met_or_created().min(today);
    let span = days_between(met, today).max(0) as f64;
    // Skewed towards recent dates: recent years are busier.
    let days_back = (span * rng.unit().powf(1.7)) as i64;
    let date = add_days(today, -days_back);

    let mut who = vec![people[primary].id.clone()];
    if rng.chance(12) {
        for _ in 0..1 + rng.below(2) {
            let other = &people[rng.below(people.len() as u64) as usize].id;
            if !who.contains(other) {
                who.push(other.clone());
            }
        }
    }
    let time = rng
        .chance(55)
        .then(|| NaiveTime::from_hms_opt(7 + rng.below(15) as u32, 15 * rng.below(4) as u32, 0))
        .flatten();
    let created = match time {
        Some(t) => date.and_time(t).and_utc(),
        None => at(date, 20, 0),
    };
    let initiator = *rng.weighted(&[
        (Initiator::Me, 45),
        (Initiator::Them, 35),
        (Initiator::Mutual, 20),
    ]);
    let kind = *rng.weighted(&KINDS);
    let id = fresh(rng, &mut plan.used, InteractionId::new);
    let mut interaction = Interaction::new(id, date, who, kind, initiator, created);
    interaction.time = time;
    if rng.chance(85) {
        interaction.purpose = Some(rng.pick(&plan.purposes).clone());
    }
    if rng.chance(70) {
        interaction.note = note80(rng);
    }
    if rng.chance(33) {
        let n = if rng.chance(80) { 1 } else { 2 };
        for k in 0..n {
            let exchange = make_exchange(rng, &interaction, k, today);
            interaction.exchanges.push(exchange);
        }
    }
    let last_settled = interaction
        .exchanges
        .iter()
        .flat_map(|e| e.settlements.iter().map(|s| s.date))
        .max();
    if let Some(last) = last_settled {
        interaction.updated = interaction.updated.max(at(last, 21, 0));
    }
    interaction
}

fn make_exchange(
    rng: &mut SplitMix64,
    interaction: &Interaction,
    k: u64,
    today: NaiveDate,
) -> Exchange {
    // Exchange ids only need to be unique within their interaction.
    let id = ExchangeId::new(rng.next_u64().wrapping_mul(2).wrapping_add(k));
    let person = rng.pick(&interaction.people).clone();
    let direction = if rng.chance(50) {
        Direction::Gave
    } else {
        Direction::Got
    };
    let kind = *rng.weighted(&EXCHANGE_KINDS);
    let mut exchange = Exchange::new(id, direction, person, kind);
    if kind == ExchangeKind::Loan {
        exchange = if rng.chance(70) {
            let amount = 100 * (5 + rng.below(496));
            exchange.with_money_loan(amount, *rng.pick(&CURRENCIES))
        } else {
            exchange.with_item_loan(*rng.pick(&LOAN_ITEMS))
        };
    }
    if rng.chance(60) {
        // Usually the receiving side asks.
        let receiver_asks = rng.chance(85);
        let by = match (direction, receiver_asks) {
            (Direction::Got, true) | (Direction::Gave, false) => Party::Me,
            _ => Party::Them,
        };
        // Asks from the last few weeks may still wait for an answer; older
        // ones were answered, as they would be in a kept journal.
        let recent = days_between(interaction.date, today) <= 45;
        let no = match by {
            Party::Me => Outcome::DeclinedByThem,
            Party::Them => Outcome::DeclinedByMe,
        };
        let outcome = *rng.weighted(&[
            (Outcome::Granted, 58),
            (no, 22),
            (Outcome::Withdrawn, 5),
            (
                if recent {
                    Outcome::Open
                } else {
                    Outcome::Granted
                },
                15,
            ),
        ]);
        exchange = exchange.with_ask(by, outcome);
        if outcome != Outcome::Open && rng.chance(30) {
            // Answered a few days later.
            let later = add_days(interaction.date, 1 + rng.below(6) as i64);
            if let Some(ask) = exchange.ask.as_mut() {
                ask.answered = Some(later.min(today).max(interaction.date));
            }
        }
    }
    // Some gives are promised first and delivered later.
    let said_yes = exchange.ask.is_none_or(|a| a.outcome == Outcome::Granted);
    if said_yes && kind != ExchangeKind::Loan && rng.chance(12) {
        exchange.promised = true;
    }
    if exchange.obligation().is_some() && rng.chance(45) {
        add_settlements(rng, &mut exchange, interaction.date, today);
    }
    exchange
}

fn add_settlements(
    rng: &mut SplitMix64,
    exchange: &mut Exchange,
    from: NaiveDate,
    today: NaiveDate,
) {
    let Some(obligation) = exchange.obligation() else {
        return;
    };
    let whole = match obligation.outstanding.as_portion() {
        Portion::Amount(a) => a,
        Portion::Percent(p) => u64::from(p),
    };
    let money = matches!(obligation.outstanding.as_portion(), Portion::Amount(_));
    let available = days_between(from, today).max(0) as u64;
    let mut date = add_days(from, rng.below(available / 2 + 1) as i64);
    let mut left = whole;
    for _ in 0..1 + rng.below(2) {
        if left == 0 {
            break;
        }
        let share = *rng.pick(&[25u64, 50, 100]);
        let part = (whole * share / 100).clamp(1, left);
        let portion = if money {
            Portion::Amount(part)
        } else {
            Portion::Percent(part as u32)
        };
        exchange.settlements.push(Settlement::new(date, portion));
        left -= part;
        let remaining_days = days_between(date, today).max(0) as u64;
        date = add_days(date, rng.below(remaining_days + 1) as i64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_80_characters() {
        let mut rng = SplitMix64::new(7);
        for _ in 0..50 {
            assert_eq!(note80(&mut rng).chars().count(), 80);
        }
    }

    #[test]
    fn ascii_fold_strips_accents() {
        assert_eq!(ascii_fold("Łukasz"), "lukasz");
        assert_eq!(ascii_fold("Siobhán"), "siobhan");
        assert_eq!(ascii_fold("O'Sullivan"), "osullivan");
        assert_eq!(ascii_fold("Ó Briain"), "obriain");
    }

    #[test]
    fn splitmix_is_deterministic_and_bounded() {
        let mut a = SplitMix64::new(42);
        let mut b = SplitMix64::new(42);
        for _ in 0..100 {
            assert_eq!(a.next_u64(), b.next_u64());
            let (x, y) = (a.below(7), b.below(7));
            assert_eq!(x, y);
            assert!(x < 7);
        }
        assert_eq!(SplitMix64::new(0).next_u64(), 0xE220_A839_7B1D_CDAF);
    }
}
