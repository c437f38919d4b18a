//! `use_app`: read the journal and change it, from any component.

use std::cell::Ref;

use yew::prelude::*;

use crate::model::{Action, Journal, ModelError, PersonId};
use crate::ui::session::{SaveState, Session};
use crate::ui::state::{AppAction, AppContext, Toast};

/// What a component can do with the journal.
#[derive(Clone, PartialEq)]
pub struct AppHandle {
    context: AppContext,
}

impl AppHandle {
    /// The journal, borrowed for rendering.
    pub fn journal(&self) -> Ref<'_, Journal> {
        Ref::map(self.context.session.borrow(), Session::journal)
    }

    /// The session, for storage details.
    pub fn session(&self) -> Ref<'_, Session> {
        self.context.session.borrow()
    }

    /// Changes the journal. A rejected action changes nothing and says why.
    pub fn apply(&self, action: Action) -> Result<(), ModelError> {
        self.apply_all(vec![action])
    }

    /// Applies several actions as one step.
    pub fn apply_all(&self, actions: Vec<Action>) -> Result<(), ModelError> {
        let state = self.context.session.borrow_mut().apply_all(actions)?;
        if state == SaveState::Saved {
            ask_to_persist_once();
        }
        self.context.dispatch(AppAction::Changed(state));
        Ok(())
    }

    /// Applies an action and shows `message` with an undo.
    pub fn apply_with_undo(
        &self,
        action: Action,
        message: String,
        undo: Vec<Action>,
    ) -> Result<(), ModelError> {
        self.apply(action)?;
        self.toast(Toast {
            message,
            undo: Some(undo),
        });
        Ok(())
    }

    /// Replaces the whole journal.
    pub fn replace(&self, journal: Journal) -> Result<(), String> {
        self.context.session.borrow_mut().replace(journal)?;
        self.context.dispatch(AppAction::Changed(SaveState::Saved));
        Ok(())
    }

    /// Tries again to store what is unsaved.
    pub fn retry_save(&self) {
        let state = self.context.session.borrow_mut().retry();
        self.context.dispatch(AppAction::Changed(state));
    }

    /// Pulls in another tab's changes and re-renders if there were any.
    pub fn sync(&self) {
        if self.context.session.borrow_mut().sync() {
            self.context.dispatch(AppAction::Synced);
        }
    }

    /// Whether everything is stored.
    pub fn save_state(&self) -> SaveState {
        self.context.save_state.clone()
    }

    /// Moves on with every change; use it as an effect or memo dependency.
    pub fn revision(&self) -> u64 {
        self.context.revision
    }

    /// Shows a toast.
    pub fn toast(&self, toast: Toast) {
        self.context.dispatch(AppAction::Toast(toast));
    }

    /// The current toast.
    pub fn current_toast(&self) -> Option<Toast> {
        self.context.toast.clone()
    }

    /// Hides the toast if it still says `message`.
    pub fn expire_toast(&self, message: String) {
        self.context.dispatch(AppAction::ExpireToast(message));
    }

    /// Hides the toast.
    pub fn dismiss_toast(&self) {
        self.context.dispatch(AppAction::DismissToast);
    }

    /// Opens the quick log, perhaps for one person.
    pub fn open_quick_log(&self, person: Option<PersonId>) {
        self.context.dispatch(AppAction::OpenQuickLog(person));
    }

    /// Closes the quick log.
    pub fn close_quick_log(&self) {
        self.context.dispatch(AppAction::CloseQuickLog);
    }

    /// Whether the quick log is open, and for whom.
    pub fn quick_log(&self) -> Option<Option<PersonId>> {
        self.context.quick_log.clone()
    }
}

thread_local! {
    static ASKED_TO_PERSIST: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// After the first save, asks the browser once per session to keep the data
/// (Settings shows the answer).
fn ask_to_persist_once() {
    if ASKED_TO_PERSIST.with(|asked| asked.replace(true)) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        if crate::ui::browser::is_persisted().await == Some(false) {
            let _ = crate::ui::browser::request_persistence().await;
        }
    });
}

/// The app handle; components must sit under the app's context provider.
#[hook]
pub fn use_app() -> AppHandle {
    let context = use_context::<AppContext>();
    match context {
        Some(context) => AppHandle { context },
        // A component outside the provider is a programming error, caught in tests.
        None => panic!("use_app must be called under the app's context provider"),
    }
}
