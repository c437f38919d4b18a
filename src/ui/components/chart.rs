//! A small bar chart drawn as inline SVG: one or more series over categories
//! (months, quarters, years), with a table of the same numbers for screen
//! readers and anyone who prefers numbers.
//!
//! Colours come from CSS classes (`series-*`), so dark mode works and no
//! inline style is needed. Every bar is a `rect.chart-bar` carrying its number
//! in `data-value`, so tests can read the drawing as well as the table.

use yew::prelude::*;

/// One series of numbers, one per category.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSeries {
    /// Name for the legend and the table header, e.g. "You gave".
    pub name: AttrValue,
    /// CSS class that colours it, e.g. `series-give`.
    pub class: &'static str,
    /// One value per category.
    pub values: Vec<u32>,
}

/// One category on the axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    /// Short axis label: "Mar".
    pub label: AttrValue,
    /// Full label for the table and tooltips: "March 2026".
    pub long_label: AttrValue,
    /// A second axis line, such as the year where a new year starts.
    pub mark: Option<AttrValue>,
}

/// A labelled line across a chart at one category, such as a milestone. The
/// drawing numbers it; a numbered list under the chart says what it marks.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartMarker {
    /// The category it falls in.
    pub category: usize,
    /// What it marks, in words: "New job: Started at Fabrikam, Tue, Mar 3, 2026".
    pub label: AttrValue,
}

/// Width of the drawing in SVG units (it scales to the card).
pub const WIDTH: f64 = 320.0;
const HEIGHT: f64 = 180.0;
const LEFT: f64 = 30.0;
const RIGHT: f64 = 4.0;
const TOP: f64 = 8.0;
const BOTTOM: f64 = 32.0;
/// Approximate width of one character of axis text, in SVG units.
const CHAR_WIDTH: f64 = 6.4;
/// The most axis labels a phone-width chart shows side by side.
const PHONE_LABELS: usize = 8;
/// A milestone marker's circle, big enough for a 12 px number.
const MARKER_RADIUS: f64 = 9.0;
/// From one marker's circle to the next in the same month.
const MARKER_STEP: f64 = 2.0 * MARKER_RADIUS + 2.0;

/// A "nice" scale for values up to `max`: a step of 1, 2 or 5 × 10ⁿ giving at
/// most four intervals, and the top of the axis (a multiple of the step, at least 1).
pub fn nice_scale(max: u32) -> (u32, u32) {
    let mut magnitude = 1u32;
    loop {
        for factor in [1u32, 2, 5] {
            let step = factor.saturating_mul(magnitude);
            if step.saturating_mul(4) >= max || step == u32::MAX {
                let top = max.div_ceil(step).max(1).saturating_mul(step);
                return (step, top);
            }
        }
        magnitude = magnitude.saturating_mul(10);
    }
}

/// Rounds to one decimal for SVG attributes. Written with integers: `{:.1}`
/// would bring in the standard library's exact float formatting (about 5 KB).
pub fn num(value: f64) -> String {
    // Chart coordinates are far inside i64's range; `as` saturates anyway.
    let tenths = (value * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let (whole, tenth) = (tenths.unsigned_abs() / 10, tenths.unsigned_abs() % 10);
    if tenth == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{tenth}")
    }
}

/// Props for [`BarChart`].
#[derive(Properties, PartialEq)]
pub struct BarChartProps {
    /// Prefix for element ids.
    pub id: AttrValue,
    /// The chart in one or two sentences, shown above it and used as its accessible name.
    pub summary: AttrValue,
    /// The categories, in order.
    pub categories: Vec<Category>,
    /// The series (bars side by side within each category).
    pub series: Vec<ChartSeries>,
    /// Header of the table's first column, e.g. "Month".
    pub category_header: AttrValue,
    /// Lines at some categories (milestones), with what they mark.
    #[prop_or_default]
    pub markers: Vec<ChartMarker>,
    /// The heading of the markers' list, e.g. "Milestones".
    #[prop_or_default]
    pub markers_title: Option<AttrValue>,
}

/// A vertical bar chart with grouped series, a legend and a table.
#[component]
pub fn BarChart(props: &BarChartProps) -> Html {
    let count = props.categories.len();
    let max = props
        .series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .max()
        .unwrap_or(0);
    let (step, top) = nice_scale(max);
    let plot_width = WIDTH - LEFT - RIGHT;
    let plot_height = HEIGHT - TOP - BOTTOM;
    let base = TOP + plot_height;
    let y_of = |value: u32| base - plot_height * f64::from(value) / f64::from(top);
    let group = if count == 0 {
        plot_width
    } else {
        plot_width / count as f64
    };
    let series_count = props.series.len().max(1) as f64;
    let bar = (group * 0.78 / series_count).min(22.0);
    let inset = (group - bar * series_count) / 2.0;
    let widest = props
        .categories
        .iter()
        .map(|c| c.label.chars().count())
        .max()
        .unwrap_or(1) as f64;
    let stride = ((widest * CHAR_WIDTH + 2.0) / group).ceil().max(1.0) as usize;

    let ticks = (0..=top / step).map(|n| {
        let value = n * step;
        let y = num(y_of(value));
        html! {
            <g class="chart-tick">
                <line class="chart-gridline" x1={num(LEFT)} x2={num(WIDTH - RIGHT)} y1={y.clone()} y2={y.clone()} />
                <text class="chart-tick-label" x={num(LEFT - 4.0)} y={y} dy="0.35em" text-anchor="end">{ value }</text>
            </g>
        }
    });
    let bars = props
        .categories
        .iter()
        .enumerate()
        .flat_map(|(i, category)| {
            props.series.iter().enumerate().map(move |(s, series)| {
            let value = series.values.get(i).copied().unwrap_or(0);
            let x = LEFT + group * i as f64 + inset + bar * s as f64;
            let y = y_of(value);
            html! {
                <rect class={classes!("chart-bar", series.class)} x={num(x)} y={num(y)}
                    width={num((bar - 1.0).max(1.0))} height={num(base - y)}
                    data-value={value.to_string()} data-series={series.name.clone()}
                    data-category={category.long_label.clone()}>
                    <title>{ format!("{}: {} {value}", category.long_label, series.name) }</title>
                </rect>
            }
        })
        });
    let labels = props.categories.iter().enumerate().map(|(i, category)| {
        let x = num(LEFT + group * (i as f64 + 0.5));
        let shown = i % stride == 0;
        let mark = category.mark.clone().filter(|_| shown || i == 0);
        // Every label fits a wide screen; a phone draws the chart smaller, and
        // there every other one gives way so that none run together. A label
        // with a year under it always stays, so the count starts again there
        // and the one just before it gives way.
        let since_mark = props.categories[..=i]
            .iter()
            .rev()
            .position(|c| c.mark.is_some())
            .unwrap_or(i);
        let before_mark = props
            .categories
            .get(i + 1)
            .is_some_and(|next| next.mark.is_some());
        let gives_way = stride == 1
            && count > PHONE_LABELS
            && category.mark.is_none()
            && (since_mark % 2 == 1 || before_mark);
        html! {
            <>
                if shown {
                    <text class={classes!("chart-label", gives_way.then_some("chart-label-wide-only"))}
                        x={x.clone()} y={num(base + 13.0)} text-anchor="middle">{ category.label.clone() }</text>
                }
                if let Some(mark) = mark {
                    <text class="chart-mark" x={x} y={num(base + 26.0)} text-anchor="middle">{ mark }</text>
                }
            </>
        }
    });
    let summary_id = format!("{}-summary", props.id);
    let markers = props.markers.iter().enumerate().map(|(n, marker)| {
        // Markers in one category stack downwards, on the same line: side by
        // side, two numbers run together ("1" and "2" read as "12") and the
        // last month's would leave the drawing.
        let before = props.markers[..n]
            .iter()
            .filter(|m| m.category == marker.category)
            .count();
        let x = LEFT + group * (marker.category as f64 + 0.5);
        let y = TOP + MARKER_RADIUS - 6.0 + MARKER_STEP * before as f64;
        let number = (n + 1).to_string();
        html! {
            <g class="chart-marker" data-label={marker.label.clone()}>
                <title>{ format!("{number}. {}", marker.label) }</title>
                <line class="chart-marker-line" x1={num(x)} x2={num(x)} y1={num(y + MARKER_RADIUS)} y2={num(base)} />
                <circle class="chart-marker-dot" cx={num(x)} cy={num(y)} r={num(MARKER_RADIUS)} />
                <text class="chart-marker-number" x={num(x)} y={num(y)} dy="0.35em" text-anchor="middle">{ number }</text>
            </g>
        }
    });
    let markers_id = format!("{}-markers", props.id);

    html! {
        <div class="chart">
            <p class="chart-caption" id={summary_id.clone()}>{ props.summary.clone() }</p>
            <svg class="chart-svg" role="img" aria-labelledby={summary_id.clone()}
                viewBox={format!("0 0 {} {}", num(WIDTH), num(HEIGHT))} preserveAspectRatio="xMidYMid meet">
                <g class="chart-grid">{ for ticks }</g>
                <line class="chart-axis" x1={num(LEFT)} x2={num(WIDTH - RIGHT)} y1={num(base)} y2={num(base)} />
                <g class="chart-bars">{ for bars }</g>
                <g class="chart-labels">{ for labels }</g>
                <g class="chart-markers">{ for markers }</g>
            </svg>
            if !props.markers.is_empty() {
                <div class="chart-marker-key">
                    <p id={markers_id.clone()} class="chart-marker-title">
                        { props.markers_title.clone().unwrap_or(AttrValue::Static("Marked on the chart")) }
                    </p>
                    <ol aria-labelledby={markers_id}>
                        { for props.markers.iter().map(|m| html! { <li>{ m.label.clone() }</li> }) }
                    </ol>
                </div>
            }
            if props.series.len() > 1 {
                <Legend series={props.series.iter().map(|s| (s.name.clone(), s.class)).collect::<Vec<_>>()} />
            }
            <DataTable id={props.id.clone()} caption={props.summary.clone()}
                headers={std::iter::once(props.category_header.clone()).chain(props.series.iter().map(|s| s.name.clone())).collect::<Vec<_>>()}
                rows={props.categories.iter().enumerate().map(|(i, c)| {
                    std::iter::once(c.long_label.clone())
                        .chain(props.series.iter().map(|s| AttrValue::from(s.values.get(i).copied().unwrap_or(0).to_string())))
                        .collect::<Vec<_>>()
                }).collect::<Vec<_>>()} />
        </div>
    }
}

/// Props for [`Legend`].
#[derive(Properties, PartialEq)]
pub struct LegendProps {
    /// `(name, class)` per entry.
    pub series: Vec<(AttrValue, &'static str)>,
}

/// Colour keys under a chart; the words carry the meaning, the swatch repeats it.
#[component]
pub fn Legend(props: &LegendProps) -> Html {
    html! {
        <ul class="chart-legend">
            { for props.series.iter().map(|(name, class)| html! {
                <li><span class={classes!("swatch", *class)} aria-hidden="true"></span>{ name.clone() }</li>
            }) }
        </ul>
    }
}

/// Props for [`DataTable`].
#[derive(Properties, PartialEq)]
pub struct DataTableProps {
    /// Prefix for element ids.
    pub id: AttrValue,
    /// The table's caption (for screen readers).
    pub caption: AttrValue,
    /// Column headers; the first column holds row headers.
    pub headers: Vec<AttrValue>,
    /// Rows of cells, the first being the row header.
    pub rows: Vec<Vec<AttrValue>>,
}

/// The numbers behind a chart, in a table that opens on demand.
#[component]
pub fn DataTable(props: &DataTableProps) -> Html {
    html! {
        <details class="chart-data">
            <summary>{ "Show the numbers" }</summary>
            <div class="table-scroll">
                <table id={format!("{}-table", props.id)}>
                    <caption class="visually-hidden">{ props.caption.clone() }</caption>
                    <thead>
                        <tr>{ for props.headers.iter().map(|h| html! { <th scope="col">{ h.clone() }</th> }) }</tr>
                    </thead>
                    <tbody>
                        { for props.rows.iter().map(|row| html! {
                            <tr>
                                { for row.iter().enumerate().map(|(i, cell)| if i == 0 {
                                    html! { <th scope="row">{ cell.clone() }</th> }
                                } else {
                                    html! { <td>{ cell.clone() }</td> }
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_scales() {
        assert_eq!(nice_scale(0), (1, 1));
        assert_eq!(nice_scale(3), (1, 3));
        assert_eq!(nice_scale(4), (1, 4));
        assert_eq!(nice_scale(5), (2, 6));
        assert_eq!(nice_scale(9), (5, 10));
        assert_eq!(nice_scale(17), (5, 20));
        assert_eq!(nice_scale(40), (10, 40));
        assert_eq!(nice_scale(41), (20, 60));
        assert_eq!(nice_scale(999), (500, 1000));
    }

    #[test]
    fn numbers_for_attributes() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.345), "12.3");
        assert_eq!(num(0.04), "0");
    }
}

#[cfg(test)]
mod num_tests {
    use super::num;

    #[test]
    fn coordinates_keep_one_decimal_and_drop_a_zero_one() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.34), "12.3");
        assert_eq!(num(12.96), "13");
        assert_eq!(num(0.05), "0.1");
        assert_eq!(num(-2.25), "-2.3");
        assert_eq!(num(-0.04), "0");
    }
}
