//! `use_route`: the current hash route, updated on `hashchange`.

use gloo_events::EventListener;
use yew::prelude::*;

use crate::ui::route::Route;

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Goes to `route`, adding a history entry so Back returns here.
pub fn navigate(route: &Route) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash(&route.href());
    }
}

/// The current route; re-renders the component when it changes.
#[hook]
pub fn use_route() -> Route {
    let route = use_state(|| Route::parse(&current_hash()));
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "hashchange", move |_| {
                    route.set(Route::parse(&current_hash()))
                })
            });
            move || drop(listener)
        });
    }
    (*route).clone()
}
