//! The weekly streak as a compact calendar strip: 52 cells, one per ISO week,
//! oldest first, filled where the week held networking not tied to an ask.

use chrono::Datelike;
use yew::prelude::*;

use crate::model::insights::WeekCell;
use crate::ui::dates;

use super::chart::{num, DataTable, Legend};

// 52 cells of 6 units fit a 360 px phone at about one unit to the pixel, so
// the month names stay at least 12 px as drawn.
const CELL: f64 = 5.0;
const GAP: f64 = 1.0;
const CELL_HEIGHT: f64 = 28.0;
/// Weeks between month names, so neighbours never touch.
const LABEL_GAP: usize = 5;

/// Props for [`WeekStrip`].
#[derive(Properties, PartialEq)]
pub struct WeekStripProps {
    /// Prefix for element ids.
    pub id: AttrValue,
    /// The strip in words, shown above it and used as its accessible name.
    pub summary: AttrValue,
    /// The weeks, oldest first.
    pub weeks: Vec<WeekCell>,
}

fn state(week: &WeekCell) -> (&'static str, &'static str) {
    match (week.in_range, week.counted) {
        (false, _) => ("strip-out", "outside the range"),
        (true, true) => ("strip-on", "networking without an ask"),
        (true, false) => ("strip-off", "only asks, or no contact"),
    }
}

/// 52 weekly cells with month initials underneath.
#[component]
pub fn WeekStrip(props: &WeekStripProps) -> Html {
    let width = (CELL + GAP) * props.weeks.len().max(1) as f64 - GAP;
    let height = CELL_HEIGHT + 17.0;
    let mut last_label: Option<usize> = None;
    let mut labels = Vec::new();
    for (i, week) in props.weeks.iter().enumerate() {
        // Label each month at its first Monday, if there is room.
        let new_month = i == 0 || props.weeks[i - 1].week_start.month() != week.week_start.month();
        if new_month
            && last_label.is_none_or(|l| i - l >= LABEL_GAP)
            && i + LABEL_GAP - 1 < props.weeks.len()
        {
            labels.push(html! {
                <text class="chart-mark" x={num((CELL + GAP) * i as f64)} y={num(CELL_HEIGHT + 14.0)}>
                    { dates::month_name(week.week_start) }
                </text>
            });
            last_label = Some(i);
        }
    }
    let cells = props.weeks.iter().enumerate().map(|(i, week)| {
        let (class, words) = state(week);
        html! {
            <rect class={classes!("strip-cell", class)} x={num((CELL + GAP) * i as f64)} y="0"
                width={num(CELL)} height={num(CELL_HEIGHT)} rx="1"
                data-week={week.week_start.to_string()}>
                <title>{ format!("Week of {}: {words}", dates::short_date(week.week_start)) }</title>
            </rect>
        }
    });
    let summary_id = format!("{}-summary", props.id);
    let rows: Vec<Vec<AttrValue>> = props
        .weeks
        .iter()
        .rev()
        .map(|week| {
            let answer = match (week.in_range, week.counted) {
                (false, _) => "Outside the range",
                (true, true) => "Yes",
                (true, false) => "No",
            };
            vec![
                AttrValue::from(dates::short_date(week.week_start)),
                AttrValue::from(answer),
            ]
        })
        .collect();
    let mut legend = vec![
        (AttrValue::from("Networking without an ask"), "strip-on"),
        (AttrValue::from("Only asks, or no contact"), "strip-off"),
    ];
    if props.weeks.iter().any(|w| !w.in_range) {
        legend.push((AttrValue::from("Outside the range"), "strip-out"));
    }
    html! {
        <div class="chart chart-strip">
            <p class="chart-caption" id={summary_id.clone()}>{ props.summary.clone() }</p>
            <svg class="chart-svg strip-svg" role="img" aria-labelledby={summary_id.clone()}
                viewBox={format!("0 0 {} {}", num(width), num(height))}>
                <g class="strip-cells">{ for cells }</g>
                <g class="chart-labels">{ for labels }</g>
            </svg>
            <Legend series={legend} />
            <DataTable id={props.id.clone()} caption={props.summary.clone()}
                headers={vec![AttrValue::from("Week of (newest first)"), AttrValue::from("Networking without an ask")]}
                {rows} />
        </div>
    }
}
