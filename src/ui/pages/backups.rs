//! Backups: download the journal; imports arrive with the backup formats.

use yew::prelude::*;

use crate::ui::backup::{backup_file_name, backup_json};
use crate::ui::browser;
use crate::ui::hooks::use_app;
use crate::ui::state::Toast;

/// The Backups screen.
#[component]
pub fn BackupsPage() -> Html {
    let app = use_app();
    let download = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            let text = backup_json(&app.journal());
            if let Err(err) = browser::download(&backup_file_name(), "application/json", &text) {
                app.toast(Toast {
                    message: format!("Download failed: {err}"),
                    undo: None,
                });
            }
        })
    };
    html! {
        <div class="backups">
            <h1>{ "Backups" }</h1>
            <section class="card" aria-labelledby="export-title">
                <h2 id="export-title">{ "Download a backup" }</h2>
                <p>{ "One file with everything in your journal. Keep it somewhere safe." }</p>
                <button type="button" class="button primary" onclick={download}>{ "Download a backup" }</button>
            </section>
            <section class="card" aria-labelledby="import-title">
                <h2 id="import-title">{ "Import" }</h2>
                <p class="muted">{ "Importing backups, phone contacts (vCard) and LinkedIn's Connections.csv is coming soon." }</p>
            </section>
        </div>
    }
}
