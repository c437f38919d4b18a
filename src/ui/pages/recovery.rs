//! Shown when the stored journal cannot be read. Nothing is wiped: the user can
//! download exactly what is stored, and start fresh only after confirming.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::storage::local::LocalBackend;
use crate::storage::{erase_all, raw_dump, LoadError};
use crate::ui::browser;

/// Props for [`Recovery`].
#[derive(Properties, PartialEq)]
pub struct RecoveryProps {
    /// Why the journal could not be loaded.
    pub error: LoadError,
}

/// The recovery screen.
#[component]
pub fn Recovery(props: &RecoveryProps) -> Html {
    let confirmed = use_state(|| false);
    let message = use_state(|| None::<String>);

    if let LoadError::NewerVersion { .. } = props.error {
        let reload = Callback::from(|_: MouseEvent| {
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        });
        return html! {
            <main id="main" class="page">
                <section class="empty-state" aria-labelledby="update-title">
                    <h1 id="update-title">{ "Rapport needs updating" }</h1>
                    <p>{ props.error.to_string() }</p>
                    <button type="button" class="button primary" onclick={reload}>{ "Reload" }</button>
                </section>
            </main>
        };
    }

    let download = {
        let message = message.clone();
        Callback::from(move |_: MouseEvent| {
            let result = LocalBackend::open()
                .map_err(|err| err.to_string())
                .and_then(|backend| raw_dump(&backend).map_err(|err| err.to_string()))
                .and_then(|text| {
                    let name = format!("rapport-stored-data-{}.json", browser::today());
                    browser::download(&name, "application/json", &text)
                });
            message.set(Some(match result {
                Ok(()) => {
                    "Downloaded. Keep this file: it holds everything that was stored.".to_owned()
                }
                Err(err) => format!("The download failed: {err}"),
            }));
        })
    };
    let start_fresh = {
        let confirmed = confirmed.clone();
        let message = message.clone();
        Callback::from(move |_: MouseEvent| {
            if !*confirmed {
                message.set(Some("Tick the box first to confirm.".to_owned()));
                return;
            }
            let result = LocalBackend::open().and_then(|mut backend| erase_all(&mut backend));
            match result {
                Ok(()) => {
                    if let Some(window) = web_sys::window() {
                        let _ = window.location().set_hash("/");
                        let _ = window.location().reload();
                    }
                }
                Err(err) => message.set(Some(format!("Could not clear the stored data: {err}"))),
            }
        })
    };
    let on_confirm = {
        let confirmed = confirmed.clone();
        Callback::from(move |e: Event| {
            confirmed.set(e.target_unchecked_into::<HtmlInputElement>().checked())
        })
    };

    html! {
        <main id="main" class="page">
            <section class="empty-state recovery" aria-labelledby="recovery-title">
                <h1 id="recovery-title">{ "Your journal could not be read" }</h1>
                <p>{ "Something stored in this browser is not as Rapport wrote it, so nothing has been loaded and nothing has been changed." }</p>
                <p class="error-detail"><strong>{ "What is wrong: " }</strong><code>{ props.error.to_string() }</code></p>
                <h2>{ "What you can do" }</h2>
                <ol>
                    <li>
                        <p>{ "Download everything that is stored, exactly as it is. A backup file from Rapport can be imported again after starting fresh." }</p>
                        <button type="button" class="button primary" onclick={download}>{ "Download the stored data" }</button>
                    </li>
                    <li>
                        <p>{ "Start fresh with an empty journal. This deletes the stored journal from this browser." }</p>
                        <label class="checkbox" for="recovery-confirm">
                            <input type="checkbox" id="recovery-confirm" checked={*confirmed} onchange={on_confirm} />
                            { " I have downloaded what I need; delete the stored journal" }
                        </label>
                        <button type="button" class="button danger" onclick={start_fresh} disabled={!*confirmed}>{ "Start fresh" }</button>
                    </li>
                </ol>
                if let Some(text) = (*message).clone() { <p role="status">{ text }</p> }
            </section>
        </main>
    }
}
