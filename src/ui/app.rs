//! The root component.

use yew::prelude::*;

use super::components::header::Header;
use super::pages::welcome::Welcome;

/// The whole app.
#[component]
pub fn App() -> Html {
    html! {
        <>
            <Header />
            <main id="main" class="page">
                <Welcome />
            </main>
        </>
    }
}
