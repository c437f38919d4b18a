//! The one-time note, in a browser tab that holds a journal, that installing
//! Rapport makes a separate copy with storage of its own (as on iPhone), and how
//! to move the journal across. Dismissed once, it stays dismissed on this
//! device; Settings keeps saying it.

use yew::prelude::*;

use crate::model::Journal;
use crate::storage::preferences::Preferences;
use crate::ui::hooks::use_app;
use crate::ui::platform::{display_mode, installs_apart, DisplayMode, INSTALL_NOTE, INSTALL_STEPS};
use crate::ui::route::Route;
use crate::ui::state::Toast;

/// The two steps of moving a journal into the installed app, as a numbered list.
#[component]
pub fn InstallSteps() -> Html {
    html! {
        <ol class="install-steps">
            { for INSTALL_STEPS.iter().map(|step| html! { <li>{ *step }</li> }) }
        </ol>
    }
}

/// The note, when it applies.
#[component]
pub fn InstallNote() -> Html {
    let app = use_app();
    let dismissed = use_state(|| {
        Preferences::open()
            .and_then(|preferences| preferences.install_note_dismissed())
            // Unreadable storage: the journal's own messages say more; stay quiet.
            .unwrap_or(true)
    });
    let has_journal = app.read(Journal::person_count) > 0;
    if *dismissed || !has_journal || display_mode() != DisplayMode::BrowserTab || !installs_apart()
    {
        return html! {};
    }
    let dismiss = {
        let dismissed = dismissed.clone();
        Callback::from(move |_: MouseEvent| {
            let kept = Preferences::open()
                .map_err(Into::into)
                .and_then(|mut preferences| preferences.dismiss_install_note());
            if let Err(err) = kept {
                app.toast(Toast::say(format!(
                    "The note is hidden for now, but this browser could not remember it: {err}"
                )));
            }
            dismissed.set(true);
        })
    };
    html! {
        <section class="card install-note" aria-labelledby="install-note-title">
            <h2 id="install-note-title">{ "Before you install Rapport" }</h2>
            <p>{ INSTALL_NOTE }</p>
            <InstallSteps />
            <div class="dialog-actions">
                <button type="button" class="button" onclick={dismiss}>{ "Got it" }</button>
                <a class="button" href={format!("{}#export", Route::Backups.href())}>{ "Go to Backups" }</a>
            </div>
        </section>
    }
}
