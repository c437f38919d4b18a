//! The first-run screen: what Rapport is for.

use yew::prelude::*;

/// The empty state a new user sees.
#[component]
pub fn Welcome() -> Html {
    html! {
        <section class="empty-state" aria-labelledby="welcome-title">
            <h1 id="welcome-title">{ "Your networking journal" }</h1>
            <p>
                { "Rapport helps you keep relationships steady and two-way: who you met, \
                   when you last spoke, who asked and who gave. Everything stays in this browser." }
            </p>
        </section>
    }
}
