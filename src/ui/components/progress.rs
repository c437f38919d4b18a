//! A bar for long work (demo data, a backup) with the count of records done.

use yew::prelude::*;

use crate::model::words::progress;
use crate::ui::dates;

/// Props of [`ProgressBar`].
#[derive(Properties, PartialEq)]
pub struct ProgressBarProps {
    /// The bar's id, which its label names.
    pub id: AttrValue,
    /// What the work is doing: "Creating demo journal".
    pub doing: &'static str,
    /// Records done so far.
    pub done: usize,
    /// Records in all.
    pub total: usize,
}

/// "Creating demo journal: 4,000 of 22,000 records" over a bar that fills up.
/// The words are the bar's accessible name, so they are read with its value.
#[component]
pub fn ProgressBar(props: &ProgressBarProps) -> Html {
    let label = progress(props.doing, props.done, props.total, dates::count);
    html! {
        <div class="progress">
            <label for={props.id.clone()}>{ label.clone() }</label>
            <progress id={props.id.clone()} max={props.total.max(1).to_string()}
                value={props.done.min(props.total).to_string()}>{ label }</progress>
        </div>
    }
}
