//! The Yew user interface: pages, components and hooks over the model and storage.
//!
//! * [`app`]: the root; opens the journal or shows the recovery screen.
//! * [`state`]: the one reducer shared through a context; [`session`] holds the journal.
//! * [`hooks`]: `use_app` (read and change the journal) and `use_route` (hash routes).
//! * [`pages`]: one module per screen; [`components`]: the pieces they share.

mod app;
pub mod backup;
pub mod browser;
pub mod components;
pub mod crypto;
pub mod dates;
pub mod format;
pub mod hooks;
pub mod pages;
pub mod platform;
pub mod route;
pub mod session;
pub mod state;

pub use app::App;

/// Mounts the app on the document body, in a task of its own: instantiating
/// the wasm and drawing the first screen are then two shorter tasks rather
/// than one long one, so the page answers input sooner on a slow phone.
pub fn start() {
    use wasm_bindgen::JsCast;

    let render = wasm_bindgen::closure::Closure::once_into_js(|| {
        yew::Renderer::<App>::new().render();
    });
    let scheduled = web_sys::window().is_some_and(|window| {
        window
            .set_timeout_with_callback_and_timeout_and_arguments_0(render.unchecked_ref(), 0)
            .is_ok()
    });
    if !scheduled {
        yew::Renderer::<App>::new().render();
    }
}
