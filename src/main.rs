//! The browser entry point. Everything lives in the library.

fn main() {
    #[cfg(target_arch = "wasm32")]
    rapport::ui::start();
}
