//! A file input whose chosen file is read whole, as bytes.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::ui::backup::read_chosen_file;

/// The handle [`use_file_input`] returns: the input's node and what to do with it.
#[derive(Clone, PartialEq)]
pub struct FileInputHandle {
    /// Goes on the `<input type="file">` as its `ref`.
    pub node: NodeRef,
}

impl FileInputHandle {
    /// Clears the choice, so that choosing the same file again is noticed.
    pub fn reset(&self) {
        if let Some(input) = self.node.cast::<HtmlInputElement>() {
            input.set_value("");
        }
    }

    /// An `onchange` handler: calls `started` at once, then `done` with the
    /// file's bytes, or with a sentence saying why it could not be read.
    pub fn on_change(
        started: impl Fn() + 'static,
        done: impl Fn(Result<Vec<u8>, String>) + 'static,
    ) -> Callback<Event> {
        let done = Rc::new(done);
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            started();
            let done = done.clone();
            wasm_bindgen_futures::spawn_local(async move {
                done(read_chosen_file(&input).await);
            });
        })
    }
}

/// A file input to read a chosen file from.
#[hook]
pub fn use_file_input() -> FileInputHandle {
    FileInputHandle {
        node: use_node_ref(),
    }
}
