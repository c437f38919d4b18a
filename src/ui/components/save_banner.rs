//! The banner that stays while changes are not stored, with a way out.

use yew::prelude::*;

use crate::ui::hooks::use_app;
use crate::ui::session::SaveState;

/// Warns that changes are not saved and offers a backup download and a retry.
#[component]
pub fn SaveBanner() -> Html {
    let app = use_app();
    let SaveState::Unsaved(reason) = app.save_state() else {
        return html! {};
    };
    let download = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            let text = app.read(crate::ui::backup::backup_json);
            let name = crate::ui::backup::backup_file_name();
            if let Err(err) = crate::ui::browser::download(&name, "application/json", &text) {
                app.toast(crate::ui::state::Toast::say(format!(
                    "Download failed: {err}"
                )));
            }
        })
    };
    let retry = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.retry_save())
    };
    html! {
        <div class="banner banner-danger" role="alert">
            <p>
                <strong>{ "Your latest changes are not saved. " }</strong>
                { reason }
                { " They are kept while this tab stays open. Download a backup so nothing is lost, then free some space." }
            </p>
            <div class="banner-actions">
                <button type="button" class="button primary" onclick={download}>{ "Download a backup now" }</button>
                <button type="button" class="button" onclick={retry}>{ "Try saving again" }</button>
            </div>
        </div>
    }
}
