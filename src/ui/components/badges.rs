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

/// A short balance indicator: an arrow and the reading in words.
#[component]
pub fn BalanceMeter(props: &BalanceMeterProps) -> Html {
    let (symbol, words, class) = match props.balance.reading {
        BalanceReading::NothingYet => ("·", "nothing yet", "balance-none"),
        BalanceReading::Balanced => ("⇄", "balanced", "balance-even"),
        BalanceReading::YouGiveMore => ("→", "you give more", "balance-give"),
        BalanceReading::TheyGiveMore => ("←", "they give more", "balance-take"),
        BalanceReading::YouMostlyAsk => ("?→", "you mostly ask", "balance-take"),
        BalanceReading::TheyMostlyAsk => ("←?", "they mostly ask", "balance-give"),
    };
    html! {
        <span class={classes!("balance", class)}>
            <span aria-hidden="true">{ symbol }</span>{ " " }{ words }
        </span>
    }
}
