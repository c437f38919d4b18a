//! Insights: the network's health in numbers.

use yew::prelude::*;

use crate::model::network::{circle_split, recent_give_take, weekly_streak, NetworkFilter};
use crate::ui::browser;
use crate::ui::hooks::use_app;

/// The Insights screen.
#[component]
pub fn InsightsPage() -> Html {
    let app = use_app();
    let journal = app.journal();
    let today = browser::today();
    let all = NetworkFilter::all();
    let streak = weekly_streak(&journal, today, &all);
    let split = circle_split(&journal, &all);
    let recent = recent_give_take(&journal, today, &all);
    html! {
        <div class="insights">
            <h1>{ "Insights" }</h1>
            <section class="card" aria-labelledby="streak-title">
                <h2 id="streak-title">{ "Networking without needing anything" }</h2>
                <p>{ format!("{streak} weeks in a row.") }</p>
            </section>
            <section class="card" aria-labelledby="circle-title">
                <h2 id="circle-title">{ "Usual circle and beyond" }</h2>
                <p>{ format!("{}% of contacts were with your usual circle.", split.usual_percent()) }</p>
            </section>
            <section class="card" aria-labelledby="give-title">
                <h2 id="give-title">{ "Give and take" }</h2>
                <p>{ format!("{recent:?}") }</p>
            </section>
        </div>
    }
}
