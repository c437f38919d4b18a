//! One save at a time across every tab of the origin, with the Web Locks API.
//!
//! A save reads the head, merges, writes segments and writes the head. Two tabs doing
//! that at the same instant would both write the same next generation and one save
//! would be lost, so each save runs while holding the lock [`SAVE_LOCK`]. Web Locks
//! are in every current engine (Chromium 69+, Firefox 96+, Safari 15.4+) but only in
//! secure contexts (https or localhost). Without them the save runs at once, and the
//! store's lineage check ([`Store::sync`](super::Store::sync)) notices a save that
//! another tab wrote over and writes it again.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The name of the lock every tab takes to save.
pub const SAVE_LOCK: &str = "rapport-save";

#[wasm_bindgen]
extern "C" {
    /// `navigator.locks`.
    type LockManager;

    #[wasm_bindgen(method, catch, js_name = request)]
    fn request(
        this: &LockManager,
        name: &str,
        callback: &js_sys::Function,
    ) -> Result<LockRequest, JsValue>;

    /// The promise `request` returns.
    type LockRequest;

    #[wasm_bindgen(method, js_name = catch)]
    fn catch_with(this: &LockRequest, callback: &JsValue) -> JsValue;
}

fn lock_manager() -> Option<LockManager> {
    let navigator = web_sys::window()?.navigator();
    let locks = js_sys::Reflect::get(&navigator, &JsValue::from_str("locks")).ok()?;
    (!locks.is_undefined() && !locks.is_null()).then(|| locks.unchecked_into())
}

/// Whether this browser serialises saves with Web Locks.
pub fn locks_available() -> bool {
    lock_manager().is_some()
}

/// Runs `work` while holding the save lock: later, once every other tab's save has
/// finished. Without Web Locks, or if the request fails, runs it at once. `work`
/// runs exactly once either way.
pub fn with_save_lock(work: impl FnOnce() + 'static) {
    let slot = Rc::new(RefCell::new(Some(work)));
    let run = {
        let slot = slot.clone();
        move || {
            let work = slot.borrow_mut().take();
            if let Some(work) = work {
                work();
            }
        }
    };
    let Some(manager) = lock_manager() else {
        run();
        return;
    };
    let held = {
        let run = run.clone();
        // The work is synchronous, so returning from the callback releases the lock.
        Closure::once_into_js(move |_lock: JsValue| run())
    };
    match manager.request(SAVE_LOCK, held.unchecked_ref()) {
        Ok(promise) => {
            // A refused request (for example, the document is not fully active) must
            // not lose the change: save without the lock.
            let refused = Closure::once_into_js(move |_err: JsValue| run());
            let _ = promise.catch_with(&refused);
        }
        Err(_) => run(),
    }
}
