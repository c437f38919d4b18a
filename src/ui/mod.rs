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
pub mod format;
pub mod hooks;
pub mod pages;
pub mod route;
pub mod session;
pub mod state;

pub use app::App;

/// Mounts the app on the document body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
