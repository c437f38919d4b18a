//! Small indicators: cadence status (colour and words) and balance.

use yew::prelude::*;

use crate::model::{Balance, BalanceReading, DueStatus};
use crate::ui::format::{status_class, status_label};

/// Props for [`StatusBadge`].
#[derive(Properties, PartialEq)]
pub struct StatusBadgeProps {
    /// The status to show.
    pub status: DueStatus,
}

/// The cadence status, in colour and in words.
#[component]
pub fn StatusBadge(props: &StatusBadgeProps) -> Html {
    html! {
        <span class={classes!("badge", status_class(props.status))}>{ status_label(props.status) }</span>
    }
}

/// Props for [`BalanceMeter`].
#[derive(Properties, PartialEq)]
pub struct BalanceMeterProps {
    /// The balance to show.
    pub balance: Balance,
}

/// A short balance indicator, in words only: "balanced", "you give more",
/// or the raw counts while there are too few to read ("You gave 1 · they gave 0").
#[component]
pub fn BalanceMeter(props: &BalanceMeterProps) -> Html {
    let reading = props.balance.reading;
    let class = match reading {
        BalanceReading::NothingYet
        | BalanceReading::FewSoFar { .. }
        | BalanceReading::OnlyOneWay { .. } => "balance-none",
        BalanceReading::Balanced => "balance-even",
        BalanceReading::YouGiveMore | BalanceReading::TheyMostlyAsk => "balance-give",
        BalanceReading::TheyGiveMore | BalanceReading::YouMostlyAsk => "balance-take",
    };
    html! {
        <span class={classes!("balance", class)}>{ reading.label() }</span>
    }
}
