//! The toast: what just happened, with an undo when it can be undone.

use yew::prelude::*;

use crate::ui::hooks::use_app;

/// Shows the current toast, if any.
#[component]
pub fn ToastArea() -> Html {
    let app = use_app();
    let toast = app.current_toast();
    // A toast goes away by itself; one with an undo stays longer.
    {
        let app = app.clone();
        use_effect_with(toast.clone(), move |toast| {
            if let Some(toast) = toast.clone() {
                let seconds = if toast.undo.is_some() { 12 } else { 6 };
                yew::platform::spawn_local(async move {
                    yew::platform::time::sleep(std::time::Duration::from_secs(seconds)).await;
                    app.expire_toast(toast.message);
                });
            }
        });
    }
    let dismiss = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dismiss_toast())
    };
    let redo = toast.as_ref().is_some_and(|t| t.redo);
    let undo = toast.as_ref().and_then(|t| t.undo.clone()).map(|undo| {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.undo(undo.clone(), redo))
    });
    html! {
        <div class="toast-area" role="status" aria-live="polite">
            if let Some(toast) = toast {
                <div class="toast">
                    <span>{ toast.message }</span>
                    if let Some(undo) = undo {
                        <button type="button" class="link-button" onclick={undo}>{ if redo { "Redo" } else { "Undo" } }</button>
                    }
                    <button type="button" class="icon-button" aria-label="Dismiss" onclick={dismiss}>{ "×" }</button>
                </div>
            }
        </div>
    }
}
