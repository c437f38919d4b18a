//! Browser tests of the app shell, run by wasm-bindgen-test in headless Chromium.
#![cfg(target_arch = "wasm32")]

use rapport::ui::App;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn mount_point() -> web_sys::Element {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    let root = document.create_element("div").expect("a div");
    document
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("appended");
    root
}

#[wasm_bindgen_test]
async fn the_first_screen_names_the_app_and_says_what_it_is_for() {
    let root = mount_point();
    // The test runner puts its own state in the hash; start from the home screen.
    web_sys::window()
        .expect("a window")
        .location()
        .set_hash("/")
        .expect("hash set");
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;

    let text = root.text_content().unwrap_or_default();
    assert!(text.contains("Rapport"), "app name missing from: {text}");
    assert!(
        text.contains("Everything stays in this browser"),
        "empty state missing from: {text}"
    );
}
