//! The app bar with the app's name.

use yew::prelude::*;

/// The top bar shown on every screen.
#[component]
pub fn Header() -> Html {
    html! {
        <header class="app-bar">
            <span class="app-name">{ "Rapport" }</span>
        </header>
    }
}
