//! Horizontal bars for a few named categories (purposes, who initiated, the
//! usual circle): each row has its label and number above a bar, so long
//! labels fit on a phone. A table repeats the numbers.

use yew::prelude::*;

use super::chart::{num, DataTable, WIDTH};

/// One row of the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct BarRow {
    /// What the row counts, e.g. "Job search".
    pub label: AttrValue,
    /// The count.
    pub value: u32,
    /// Extra words after the count, e.g. "43%".
    pub note: Option<AttrValue>,
    /// CSS class that colours the bar.
    pub class: &'static str,
}

const ROW: f64 = 36.0;
const BAR: f64 = 11.0;
/// Labels longer than this are cut with an ellipsis in the drawing (the table has them whole).
const MAX_LABEL: usize = 34;

/// Props for [`BarList`].
#[derive(Properties, PartialEq)]
pub struct BarListProps {
    /// Prefix for element ids.
    pub id: AttrValue,
    /// The chart in words, shown above it and used as its accessible name.
    pub summary: AttrValue,
    /// The rows, in order.
    pub rows: Vec<BarRow>,
    /// Table headers: the category column and the count column.
    pub headers: (AttrValue, AttrValue),
}

fn short(label: &str) -> String {
    if label.chars().count() <= MAX_LABEL {
        label.to_owned()
    } else {
        let cut: String = label.chars().take(MAX_LABEL - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

fn reading(row: &BarRow) -> String {
    match &row.note {
        Some(note) => format!("{} ({note})", row.value),
        None => row.value.to_string(),
    }
}

/// Labelled horizontal bars, scaled to the largest value.
#[component]
pub fn BarList(props: &BarListProps) -> Html {
    let max = props.rows.iter().map(|r| r.value).max().unwrap_or(0).max(1);
    let height = ROW * props.rows.len().max(1) as f64 + 2.0;
    let rows = props.rows.iter().enumerate().map(|(i, row)| {
        let top = ROW * i as f64;
        let width = WIDTH * f64::from(row.value) / f64::from(max);
        html! {
            <g class="chart-row">
                <text class="chart-row-label" x="0" y={num(top + 13.0)}>{ short(&row.label) }</text>
                <text class="chart-row-value" x={num(WIDTH)} y={num(top + 13.0)} text-anchor="end">{ reading(row) }</text>
                <rect class="chart-track" x="0" y={num(top + 19.0)} width={num(WIDTH)} height={num(BAR)} rx="2" />
                <rect class={classes!("chart-bar", row.class)} x="0" y={num(top + 19.0)} width={num(width)} height={num(BAR)} rx="2"
                    data-value={row.value.to_string()} data-category={row.label.clone()}>
                    <title>{ format!("{}: {}", row.label, reading(row)) }</title>
                </rect>
            </g>
        }
    });
    let summary_id = format!("{}-summary", props.id);
    let has_notes = props.rows.iter().any(|r| r.note.is_some());
    let mut headers = vec![props.headers.0.clone(), props.headers.1.clone()];
    if has_notes {
        headers.push("Share".into());
    }
    let table_rows: Vec<Vec<AttrValue>> = props
        .rows
        .iter()
        .map(|r| {
            let mut cells = vec![r.label.clone(), AttrValue::from(r.value.to_string())];
            if has_notes {
                cells.push(r.note.clone().unwrap_or_default());
            }
            cells
        })
        .collect();
    html! {
        <div class="chart chart-list">
            <p class="chart-caption" id={summary_id.clone()}>{ props.summary.clone() }</p>
            <svg class="chart-svg" role="img" aria-labelledby={summary_id.clone()}
                viewBox={format!("0 0 {} {}", num(WIDTH), num(height))}>
                { for rows }
            </svg>
            <DataTable id={props.id.clone()} caption={props.summary.clone()} {headers} rows={table_rows} />
        </div>
    }
}
