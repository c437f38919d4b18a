//! The app bar: the app's name and the main navigation.

use yew::prelude::*;

use crate::ui::route::Route;

/// Props for [`Header`].
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// The screen being shown, marked in the navigation.
    pub route: Route,
}

/// The top bar shown on every screen.
#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let section = match &props.route {
        Route::Person(_) => Route::People,
        Route::Backups => Route::Settings,
        other => other.clone(),
    };
    let link = |route: Route, label: &'static str| {
        let current = (route == section).then_some("page");
        html! { <li><a href={route.href()} aria-current={current}>{ label }</a></li> }
    };
    // The hash holds the route, so the skip link moves focus itself.
    let skip = Callback::from(|event: MouseEvent| {
        event.prevent_default();
        crate::ui::browser::focus("main");
    });
    html! {
        <header class="app-bar">
            <a class="skip-link" href="#main" onclick={skip}>{ "Skip to content" }</a>
            <span class="app-name">{ "Rapport" }</span>
            <nav aria-label="Main">
                <ul>
                    { link(Route::Today, "Today") }
                    { link(Route::People, "People") }
                    { link(Route::Journal, "Journal") }
                    { link(Route::Insights, "Insights") }
                    { link(Route::Settings, "Settings") }
                </ul>
            </nav>
        </header>
    }
}
