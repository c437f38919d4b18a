//! Insights: the network's health in charts, each narrowed to a circle or tag
//! and a time range. `model::insights::insights` computes every number in one
//! pass; this page only draws them.

use std::rc::Rc;

use chrono::NaiveDate;
use yew::prelude::*;

use crate::model::insights::{insights, parse_day, tags, Granularity, Insights, RangePreset};
use crate::model::milestone::milestones_between;
use crate::model::network::NetworkFilter;
use crate::ui::browser;
use crate::ui::components::chart::{BarChart, Category, ChartMarker, ChartSeries};
use crate::ui::components::chart_bars::{BarList, BarRow};
use crate::ui::components::chart_strip::WeekStrip;
use crate::ui::components::field::labels;
use crate::ui::components::field::{SelectField, TextField};
use crate::ui::dates;
use crate::ui::hooks::use_app;
use crate::ui::pages::welcome::Welcome;
use crate::ui::route::Route;

/// Value of the "choose dates" entry in the range menu.
const CUSTOM: &str = "custom";

fn preset_value(preset: RangePreset) -> &'static str {
    match preset {
        RangePreset::Last3Months => "3m",
        RangePreset::Last12Months => "12m",
        RangePreset::AllTime => "all",
    }
}

fn preset_of(value: &str) -> Option<RangePreset> {
    RangePreset::ALL
        .into_iter()
        .find(|p| preset_value(*p) == value)
}

/// The filter chosen in the menus, or why the dates do not work.
fn chosen_filter(
    range: &str,
    tag: &str,
    from: &str,
    to: &str,
    today: NaiveDate,
) -> Result<NetworkFilter, String> {
    let tag = (!tag.is_empty()).then(|| tag.to_owned());
    if let Some(preset) = preset_of(range) {
        return Ok(preset.filter(today, tag));
    }
    let parse = |text: &str, which: &str| -> Result<Option<NaiveDate>, String> {
        if text.trim().is_empty() {
            Ok(None)
        } else {
            parse_day(text).map(Some).ok_or_else(|| {
                format!("The {which} date is not a date; use the date picker or YYYY-MM-DD.")
            })
        }
    };
    let from = parse(from, "start")?;
    let to = parse(to, "end")?.or(Some(today));
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err("The start date must be on or before the end date.".to_owned());
        }
    }
    Ok(NetworkFilter { tag, from, to })
}

fn categories(data: &Insights) -> Vec<Category> {
    data.buckets
        .iter()
        .enumerate()
        .map(|(i, bucket)| Category {
            label: dates::period_short(bucket).into(),
            long_label: dates::period_long(bucket).into(),
            mark: (bucket.granularity != Granularity::Year && (i == 0 || bucket.starts_year()))
                .then(|| bucket.first.year().to_string().into()),
        })
        .collect()
}

/// The milestones within the charts' dates, each at its period.
fn milestone_markers(journal: &crate::model::Journal, data: &Insights) -> Vec<ChartMarker> {
    milestones_between(journal, data.from, data.to)
        .into_iter()
        .filter_map(|m| {
            let category = data
                .buckets
                .iter()
                .position(|b| b.start() <= m.date && m.date <= b.end())?;
            let what = if m.headline() == m.kind.label() {
                m.kind.label().to_owned()
            } else {
                format!("{}: {}", m.kind.label(), m.headline())
            };
            Some(ChartMarker {
                category,
                label: format!("{what}, {}", dates::long_date(m.date)).into(),
            })
        })
        .collect()
}

fn percent_note(part: u32, total: u32) -> Option<AttrValue> {
    (total > 0).then(|| format!("{}%", (part * 200 + total) / (2 * total)).into())
}

fn period_header(granularity: Granularity) -> AttrValue {
    match granularity {
        Granularity::Month => "Month".into(),
        Granularity::Quarter => "Quarter".into(),
        Granularity::Year => "Year".into(),
    }
}

fn weeks(n: u32) -> String {
    if n == 1 {
        "1 week".to_owned()
    } else {
        format!("{n} weeks")
    }
}

/// The Insights screen.
#[component]
pub fn InsightsPage() -> Html {
    let app = use_app();
    let today = browser::today();
    let tag = use_state(String::new);
    let range = use_state(|| preset_value(RangePreset::default()).to_owned());
    let from = use_state(|| {
        RangePreset::Last12Months
            .filter(today, None)
            .from
            .map(|d| d.to_string())
            .unwrap_or_default()
    });
    let to = use_state(|| today.to_string());

    let filter = chosen_filter(&range, &tag, &from, &to, today);
    let data = {
        let app = app.clone();
        use_memo(
            (app.revision(), filter.clone().ok(), today),
            move |(_, filter, today)| {
                filter
                    .as_ref()
                    .map(|filter| Rc::new(app.read(|journal| insights(journal, filter, *today))))
            },
        )
    };
    let tag_list = {
        let app = app.clone();
        use_memo(app.revision(), move |_| app.read(tags))
    };
    if app.read(|journal| journal.person_count()) == 0 {
        return html! { <Welcome /> };
    }

    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |value: String| state.set(value))
    };
    let tag_options: Vec<(String, String)> =
        std::iter::once((String::new(), "Everyone".to_owned()))
            .chain(tag_list.iter().map(|t| (t.clone(), t.clone())))
            .collect();
    let range_options: Vec<(String, String)> = RangePreset::ALL
        .into_iter()
        .map(|p| (preset_value(p).to_owned(), p.label().to_owned()))
        .chain(std::iter::once((
            CUSTOM.to_owned(),
            "Choose dates…".to_owned(),
        )))
        .collect();

    let scope = match (&filter, data.as_ref()) {
        (Err(message), _) => message.clone(),
        (Ok(_), Some(data)) => {
            let who = if tag.is_empty() {
                "everyone".to_owned()
            } else {
                format!("people tagged “{}”", *tag)
            };
            let contacts = match data.interactions {
                1 => "1 contact".to_owned(),
                n => format!("{n} contacts"),
            };
            format!(
                "{contacts} with {who}, {} to {}.",
                dates::long_date(data.from),
                dates::long_date(data.to)
            )
        }
        (Ok(_), None) => String::new(),
    };

    html! {
        <div class="insights">
            <h1>{ "Insights" }</h1>
            <div class="insights-filters" role="group" aria-label="Narrow the charts">
                <SelectField id="insights-tag" label="Circle or tag" options={tag_options}
                    value={(*tag).clone()} on_change={set(&tag)} />
                <SelectField id="insights-range" label="Time range" options={range_options}
                    value={(*range).clone()} on_change={set(&range)} />
                if *range == CUSTOM {
                    <div class="field-row insights-dates">
                        <TextField id="insights-from" label="From" input_type="date"
                            value={(*from).clone()} on_change={set(&from)} />
                        <TextField id="insights-to" label="To" input_type="date"
                            value={(*to).clone()} on_change={set(&to)} />
                    </div>
                }
            </div>
            <p class={classes!("insights-scope", filter.is_err().then_some("error"))} role="status">{ scope }</p>
            if let Some(data) = data.as_ref() {
                <Charts data={data.clone()} markers={app.read(|journal| milestone_markers(journal, data))} />
            }
        </div>
    }
}

/// Props for [`Charts`].
#[derive(Properties, PartialEq)]
struct ChartsProps {
    data: Rc<Insights>,
    /// The milestones, marked on the charts over time.
    markers: Vec<ChartMarker>,
}

/// The six charts.
#[component]
fn Charts(props: &ChartsProps) -> Html {
    let data = &*props.data;
    let noun = data.granularity.noun();
    let categories = categories(data);
    let give_take = vec![
        ChartSeries {
            name: "You gave".into(),
            class: "series-give",
            values: data.give_take.iter().map(|g| g.gave).collect(),
        },
        ChartSeries {
            name: "You received".into(),
            class: "series-take",
            values: data.give_take.iter().map(|g| g.got).collect(),
        },
    ];
    let new_people = vec![ChartSeries {
        name: "New people".into(),
        class: "series-new",
        values: data.new_people.clone(),
    }];
    let c = data.initiated;
    let total = c.total();
    let initiated = vec![
        BarRow {
            label: "You reached out".into(),
            value: c.me,
            note: percent_note(c.me, total),
            class: "series-me",
        },
        BarRow {
            label: "They reached out".into(),
            value: c.them,
            note: percent_note(c.them, total),
            class: "series-them",
        },
        BarRow {
            label: "Mutual".into(),
            value: c.mutual,
            note: percent_note(c.mutual, total),
            class: "series-mutual",
        },
    ];
    let split = data.circle;
    let split_total = split.usual + split.others;
    let circle = vec![
        BarRow {
            label: format!("Usual circle ({})", data.circle_name()).into(),
            value: split.usual,
            note: percent_note(split.usual, split_total),
            class: "series-usual",
        },
        BarRow {
            label: "Everyone else".into(),
            value: split.others,
            note: percent_note(split.others, split_total),
            class: "series-others",
        },
    ];
    let purposes: Vec<BarRow> = data
        .purposes
        .iter()
        .map(|p| BarRow {
            label: p.label.clone().into(),
            value: p.count,
            note: None,
            class: if p.purpose.is_some() {
                "series-purpose"
            } else {
                "series-none"
            },
        })
        .collect();

    html! {
        <div class="chart-grid">
            <section class="card chart-card" aria-labelledby="give-take-title">
                <h2 id="give-take-title">{ format!("Give and take per {noun}") }</h2>
                <BarChart id="give-take" summary={data.give_take_summary(dates::period_long)} categories={categories.clone()}
                    series={give_take} category_header={period_header(data.granularity)}
                    markers={props.markers.clone()} markers_title={AttrValue::from("Milestones")} />
            </section>
            <section class="card chart-card" aria-labelledby="new-people-title">
                <h2 id="new-people-title">{ format!("New people per {noun}") }</h2>
                <BarChart id="new-people" summary={data.new_people_summary(dates::period_long)} {categories}
                    series={new_people} category_header={period_header(data.granularity)}
                    markers={props.markers.clone()} markers_title={AttrValue::from("Milestones")} />
            </section>
            <section class="card chart-card" aria-labelledby="initiated-title">
                <h2 id="initiated-title">{ "Who reaches out" }</h2>
                <BarList id="initiated" summary={data.initiated_summary()} rows={initiated}
                    headers={(AttrValue::from("Who"), AttrValue::from("Contacts"))} />
            </section>
            <section class="card chart-card" aria-labelledby="circle-title">
                <h2 id="circle-title">{ "Usual circle and everyone else" }</h2>
                if data.circle_tags.is_empty() {
                    <p>{ data.circle_summary() }</p>
                    <a class="button" href={Route::Settings.href()}>{ "Choose your usual circle" }</a>
                } else {
                    <BarList id="circle" summary={data.circle_summary()} rows={circle}
                        headers={(AttrValue::from("With"), AttrValue::from("Contacts"))} />
                }
            </section>
            <section class="card chart-card" aria-labelledby="purposes-title">
                <h2 id="purposes-title">{ labels::WHAT_IT_WAS_FOR }</h2>
                <BarList id="purposes" summary={data.purposes_summary()} rows={purposes}
                    headers={(AttrValue::from("Purpose"), AttrValue::from("Contacts"))} />
            </section>
            <section class="card chart-card" aria-labelledby="weeks-title">
                <h2 id="weeks-title">{ "Weeks of networking without needing anything" }</h2>
                <dl class="streak-stats">
                    <div><dt>{ "Current streak" }</dt><dd>{ weeks(data.streak) }</dd></div>
                    <div><dt>{ "Longest run" }</dt><dd>{ weeks(data.longest_run) }</dd></div>
                    <div><dt>{ "Weeks counted" }</dt><dd>{ format!("{} of {}", data.weeks_counted(), data.weeks.len()) }</dd></div>
                </dl>
                <WeekStrip id="weeks" summary={data.weeks_summary()} weeks={data.weeks.clone()} />
            </section>
        </div>
    }
}
