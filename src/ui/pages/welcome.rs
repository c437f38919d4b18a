//! The first-run screen: what Rapport is for, and the ways to start. In the
//! installed app, whose storage is its own, bringing the journal from the
//! browser comes first.

use yew::prelude::*;

use crate::ui::components::person_form::PersonForm;
use crate::ui::platform::{display_mode, installs_apart, DisplayMode, BRING_STEPS};
use crate::ui::route::Route;

/// The empty state a new user sees.
#[component]
pub fn Welcome() -> Html {
    let adding = use_state(|| false);
    let open = {
        let adding = adding.clone();
        Callback::from(move |_: MouseEvent| adding.set(true))
    };
    let close = {
        let adding = adding.clone();
        Callback::from(move |()| adding.set(false))
    };
    // Only an installed app with storage of its own starts apart from the browser's journal.
    let installed = *use_memo((), |_| {
        display_mode() == DisplayMode::Installed && installs_apart()
    });
    html! {
        <section class="empty-state" aria-labelledby="welcome-title">
            <h1 id="welcome-title">{ "Your networking journal" }</h1>
            <p>
                { "Rapport helps you keep relationships steady and two-way: who you met, \
                   when you last spoke, who asked and who gave. Everything stays in this browser." }
            </p>
            <h2>{ if installed { "Four ways to start" } else { "Three ways to start" } }</h2>
            <ul class="start-options">
                if installed {
                    <li class="bring-journal">
                        <a class="button primary" href={format!("{}#restore", Route::Backups.href())}>{ "Bring your journal from the browser" }</a>
                        <span class="muted">{ " This installed app keeps its own journal, apart from the browser's. Export yours in the browser tab, then import it here:" }</span>
                        <ol class="install-steps">
                            { for BRING_STEPS.iter().map(|step| html! { <li>{ *step }</li> }) }
                        </ol>
                    </li>
                }
                <li>
                    <button type="button" class={if installed { "button" } else { "button primary" }} onclick={open}>{ "Add someone" }</button>
                    <span class="muted">{ " One person you'd like to stay in touch with." }</span>
                </li>
                <li>
                    <a class="button" href={format!("{}#import-vcard", Route::Backups.href())}>{ "Import your phone's contacts" }</a>
                    <span class="muted">{ " From a vCard (.vcf) file." }</span>
                </li>
                <li>
                    <a class="button" href={format!("{}#import-linkedin", Route::Backups.href())}>{ "Import a LinkedIn export" }</a>
                    <span class="muted">{ " From LinkedIn's Connections.csv." }</span>
                </li>
            </ul>
            if *adding {
                <PersonForm on_close={close} />
            }
        </section>
    }
}
