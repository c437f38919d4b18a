#![cfg(not(target_arch = "wasm32"))]
use rapport::model::demo::{generate, DemoSize};
use rapport::model::today::overview;
use rapport::model::*;
#[test]
fn scratch() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
    let j = generate(2026, DemoSize::Small, today).unwrap();
    let o = overview(&j, today);
    println!("reconnect {} by_me {} to_me {} bdays {} sayno {} onesided {} streak {:?} wait_on_me {} wait_on_them {}",
        o.reconnect.len(), o.owed.by_me.len(), o.owed.to_me.len(), o.birthdays.len(), o.nudges.say_no.len(), o.nudges.one_sided.len(), o.streak, o.waiting.on_me.len(), o.waiting.on_them.len());
    // Independent count from the raw log.
    let (mut by_me, mut to_me, mut on_me, mut on_them, mut promised, mut withdrawn) = (0, 0, 0, 0, 0, 0);
    let mut kinds = std::collections::BTreeMap::new();
    for i in j.interactions() {
        for e in &i.exchanges {
            if j.person(&e.person).unwrap().archived { continue; }
            if e.promised { promised += 1; }
            match e.ask.map(|a| (a.by, a.outcome)) {
                Some((Party::Them, Outcome::Open)) => { on_me += 1; continue; }
                Some((Party::Me, Outcome::Open)) => { on_them += 1; continue; }
                Some((_, Outcome::Withdrawn)) => { withdrawn += 1; continue; }
                Some((_, Outcome::DeclinedByMe | Outcome::DeclinedByThem)) => continue,
                _ => {}
            }
            if e.kind != ExchangeKind::Loan && !e.promised { continue; }
            let whole: u64 = match &e.loan { Some(LoanSubject::Money { amount, .. }) if e.kind == ExchangeKind::Loan => *amount, _ => 100 };
            let settled: u64 = e.settlements.iter().map(|s| match s.portion { Portion::Amount(a) => a, Portion::Percent(p) => p as u64 }).sum();
            if settled >= whole { continue; }
            *kinds.entry(format!("{:?}", e.kind)).or_insert(0) += 1;
            // loan: receiver owes; promise: giver owes
            let me_owe = if e.kind == ExchangeKind::Loan { e.direction == Direction::Got } else { e.direction == Direction::Gave };
            if me_owe { by_me += 1 } else { to_me += 1 }
        }
    }
    println!("indep by_me {by_me} to_me {to_me} on_me {on_me} on_them {on_them} promised {promised} withdrawn {withdrawn} kinds {kinds:?}");
    println!("first due {}", j.person(&o.reconnect[0].person).unwrap().name);
    println!("{}", o.streak.message());
}
