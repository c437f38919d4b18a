//! The root: opens the journal, then either shows the app or the recovery screen.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{KeyboardEvent, StorageEvent};
use yew::prelude::*;

use crate::storage::layout::HEAD_KEY;
use crate::storage::preferences::stored_theme;

use super::browser;
use super::components::header::Header;
use super::components::install_note::InstallNote;
use super::components::quick_log::QuickLog;
use super::components::save_banner::SaveBanner;
use super::components::toast::ToastArea;
use super::hooks::{use_app, use_route};
use super::pages::backups::BackupsPage;
use super::pages::insights::InsightsPage;
use super::pages::journal::JournalPage;
use super::pages::not_found::NotFound;
use super::pages::people::PeoplePage;
use super::pages::person::PersonPage;
use super::pages::recovery::Recovery;
use super::pages::settings::SettingsPage;
use super::pages::today::TodayPage;
use super::route::Route;
use super::session::Session;
use super::state::{AppContext, AppState};

/// The opened session, compared by identity.
#[derive(Clone)]
pub struct SharedSession(pub Rc<RefCell<Session>>);

impl PartialEq for SharedSession {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The whole app.
#[component]
pub fn App() -> Html {
    let boot = use_memo((), |_| {
        browser::apply_theme(&stored_theme());
        Session::open().map(|session| SharedSession(Rc::new(RefCell::new(session))))
    });
    match &*boot {
        Ok(session) => html! { <Shell session={session.clone()} /> },
        Err(error) => {
            html! { <><Header route={Route::Today} /><Recovery error={error.clone()} /></> }
        }
    }
}

/// Props for [`Shell`].
#[derive(Properties, PartialEq)]
pub struct ShellProps {
    /// The opened journal.
    pub session: SharedSession,
}

/// The app around a loaded journal: context, navigation and the current screen.
#[component]
pub fn Shell(props: &ShellProps) -> Html {
    let session = props.session.0.clone();
    let state = use_reducer(move || AppState::from_shared(session));
    html! {
        <ContextProvider<AppContext> context={state}>
            <Screens />
        </ContextProvider<AppContext>>
    }
}

#[component]
fn Screens() -> Html {
    let app = use_app();
    let route = use_route();

    // Another tab saved: pull its changes in (the storage event fires only in other tabs).
    {
        let app = app.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "storage", move |event| {
                    let key = event.dyn_ref::<StorageEvent>().and_then(StorageEvent::key);
                    if key.as_deref().is_none_or(|k| k == HEAD_KEY) {
                        app.sync();
                    }
                })
            });
            move || drop(listener)
        });
    }

    // "n" opens the quick log from anywhere, unless the user is typing.
    {
        let app = app.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window()
                .and_then(|w| w.document())
                .map(|document| {
                    let options = EventListenerOptions::enable_prevent_default();
                    EventListener::new_with_options(&document, "keydown", options, move |event| {
                        let Some(key) = event.dyn_ref::<KeyboardEvent>() else {
                            return;
                        };
                        let plain = !key.ctrl_key() && !key.meta_key() && !key.alt_key();
                        if plain
                            && key.key() == "n"
                            && !browser::typing_in_field()
                            && app.quick_log().is_none()
                        {
                            key.prevent_default();
                            app.open_quick_log(None);
                        }
                    })
                });
            move || drop(listener)
        });
    }

    // Files handed to the app from outside (a share, "Open with") open in the
    // Backups preview; nothing is imported until the user chooses.
    use_effect_with((), |_| {
        super::platform::receive_launched_files();
        wasm_bindgen_futures::spawn_local(super::platform::receive_shared_file());
    });

    // The count on the app's icon follows every change, and the date when the
    // app comes back into view.
    {
        let app = app.clone();
        use_effect_with(app.revision(), move |_| {
            app.read(super::platform::refresh_badge);
        });
    }
    {
        let app = app.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window()
                .and_then(|w| w.document())
                .map(|document| {
                    EventListener::new(&document, "visibilitychange", move |_| {
                        app.read(super::platform::refresh_badge);
                    })
                });
            move || drop(listener)
        });
    }

    // A new screen starts at the top.
    use_effect_with(route.clone(), |_| {
        if let Some(window) = web_sys::window() {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
    });

    let page = match &route {
        Route::Today => html! { <TodayPage /> },
        Route::People => html! { <PeoplePage /> },
        Route::Person(id) => html! { <PersonPage id={id.clone()} /> },
        Route::Journal => html! { <JournalPage /> },
        Route::Insights => html! { <InsightsPage /> },
        Route::Settings => html! { <SettingsPage /> },
        Route::Backups => html! { <BackupsPage /> },
        Route::NotFound(hash) => html! { <NotFound hash={hash.clone()} /> },
    };
    let open_log = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.open_quick_log(None))
    };

    html! {
        <>
            <Header route={route.clone()} />
            <SaveBanner />
            <main id="main" class="page" tabindex="-1">
                if route == Route::Today { <InstallNote /> }
                { page }
            </main>
            // Backups is about files, not people: no floating button to cover its controls.
            if route != Route::Backups {
                <button type="button" class="fab" onclick={open_log} aria-keyshortcuts="n">
                    <span aria-hidden="true">{ "+ " }</span>{ "Log" }
                </button>
            }
            if let Some(person) = app.quick_log() {
                <QuickLog {person} />
            }
            <ToastArea />
        </>
    }
}

impl AppState {
    /// The state around an already opened session.
    pub fn from_shared(session: Rc<RefCell<Session>>) -> Self {
        Self {
            session,
            revision: 0,
            save_state: Default::default(),
            toast: None,
            quick_log: None,
        }
    }
}
