//! The Yew user interface: pages, components and hooks over the model and storage.

mod app;
pub mod components;
pub mod pages;

pub use app::App;

/// Mounts the app on the document body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
