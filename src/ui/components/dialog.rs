//! A modal dialog on the native `<dialog>` element: the browser makes the rest of
//! the page inert (so focus stays inside) and Escape asks it to close. Focus goes
//! back to where it was when the dialog closes.

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{HtmlDialogElement, HtmlElement};
use yew::prelude::*;

const FOCUSABLE: &str =
    "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), \
                         textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/// Wraps Tab and Shift+Tab around at the dialog's ends, so focus never leaves it.
fn keep_focus_inside(dialog: &HtmlDialogElement, key: &web_sys::KeyboardEvent) {
    if key.key() != "Tab" {
        return;
    }
    let Ok(nodes) = dialog.query_selector_all(FOCUSABLE) else {
        return;
    };
    let focusable: Vec<HtmlElement> = (0..nodes.length())
        .filter_map(|i| nodes.get(i))
        .filter_map(|node| node.dyn_into::<HtmlElement>().ok())
        .filter(|element| {
            element.offset_parent().is_some() || element.get_client_rects().length() > 0
        })
        .collect();
    let (Some(first), Some(last)) = (focusable.first(), focusable.last()) else {
        return;
    };
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let is = |element: &HtmlElement| {
        active
            .as_ref()
            .is_some_and(|a| a == element.as_ref() as &web_sys::Element)
    };
    let inside = active.as_ref().is_some_and(|a| dialog.contains(Some(a)));
    if key.shift_key() && (is(first) || !inside) {
        key.prevent_default();
        let _ = last.focus();
    } else if !key.shift_key() && (is(last) || !inside) {
        key.prevent_default();
        let _ = first.focus();
    }
}

/// What a dialog shows.
#[derive(Properties, PartialEq)]
pub struct DialogProps {
    /// The dialog's heading, also its accessible name.
    pub title: AttrValue,
    /// Called when the user asks to close it (Escape or the close button).
    pub on_close: Callback<()>,
    /// The body.
    pub children: Html,
    /// An extra class, e.g. for a wider dialog.
    #[prop_or_default]
    pub class: Classes,
}

/// A modal dialog.
#[component]
pub fn Dialog(props: &DialogProps) -> Html {
    let node = use_node_ref();
    let title_id = use_memo((), |_| {
        format!("dialog-title-{}", crate::ui::browser::random_token())
    });

    {
        let node = node.clone();
        let on_close = props.on_close.clone();
        use_effect_with((), move |_| {
            let previous = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element())
                .and_then(|e| e.dyn_into::<HtmlElement>().ok());
            let dialog = node.cast::<HtmlDialogElement>();
            let listeners = dialog.as_ref().map(|dialog| {
                let _ = dialog.show_modal();
                let options = EventListenerOptions::enable_prevent_default();
                let cancel =
                    EventListener::new_with_options(dialog, "cancel", options, move |event| {
                        event.prevent_default();
                        on_close.emit(());
                    });
                let trap = {
                    let dialog = dialog.clone();
                    EventListener::new_with_options(
                        dialog.clone().as_ref(),
                        "keydown",
                        options,
                        move |event| {
                            if let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() {
                                keep_focus_inside(&dialog, key);
                            }
                        },
                    )
                };
                (cancel, trap)
            });
            move || {
                drop(listeners);
                if let Some(dialog) = dialog {
                    dialog.close();
                }
                if let Some(previous) = previous {
                    let _ = previous.focus();
                }
            }
        });
    }

    let close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };

    html! {
        <dialog ref={node} class={classes!("dialog", props.class.clone())} aria-labelledby={(*title_id).clone()}>
            <div class="dialog-header">
                <h2 id={(*title_id).clone()}>{ props.title.clone() }</h2>
                <button type="button" class="icon-button" aria-label="Close" onclick={close}>{ "×" }</button>
            </div>
            { props.children.clone() }
        </dialog>
    }
}
