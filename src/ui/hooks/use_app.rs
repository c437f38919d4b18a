//! `use_app`: read the journal and change it, from any component.
//!
//! The session lives in a `RefCell`. A component never holds a borrow of it: it
//! reads inside a closure ([`AppHandle::read`]), so the borrow ends with the
//! closure, and every change borrows with `try_borrow_mut`, so a borrow still in
//! use becomes a reported [`ChangeError::Busy`] instead of a panic.

use std::fmt;
use std::rc::Rc;

use yew::prelude::*;

use crate::model::{Action, Command, Executed, Journal, ModelError, PersonId};
use crate::storage::lock;
use crate::ui::session::{SaveState, Session};
use crate::ui::state::{AppAction, AppContext, TakeBack, Toast};

/// What the toast says after a change that could not be stored (the banner says why).
const NOT_SAVED: &str = "Changed here, but not saved yet.";

/// Why a change was not made. Nothing changed.
#[derive(Debug, Clone, PartialEq)]
pub enum ChangeError {
    /// The model refused it; the reason says why.
    Model(ModelError),
    /// The journal was still in use by another step.
    Busy,
}

impl fmt::Display for ChangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChangeError::Model(err) => err.fmt(f),
            ChangeError::Busy => write!(f, "the journal was busy with another change; try again"),
        }
    }
}

impl std::error::Error for ChangeError {}

impl From<ModelError> for ChangeError {
    fn from(err: ModelError) -> Self {
        ChangeError::Model(err)
    }
}

/// What a component can do with the journal.
#[derive(Clone, PartialEq)]
pub struct AppHandle {
    context: AppContext,
}

impl AppHandle {
    /// Reads the journal. The borrow ends when `read` returns, so it can never be
    /// held across a change. Changes borrow only inside this handle and never call
    /// out while they do, so a read cannot meet one.
    pub fn read<R>(&self, read: impl FnOnce(&Journal) -> R) -> R {
        read(self.context.session.borrow().journal())
    }

    /// Reads the session, for storage details; like [`AppHandle::read`].
    pub fn read_session<R>(&self, read: impl FnOnce(&Session) -> R) -> R {
        read(&self.context.session.borrow())
    }

    /// Changes the session, or says it is busy when a borrow is still in use.
    fn change<R>(&self, change: impl FnOnce(&mut Session) -> R) -> Result<R, ChangeError> {
        let mut session = self
            .context
            .session
            .try_borrow_mut()
            .map_err(|_| ChangeError::Busy)?;
        Ok(change(&mut session))
    }

    /// Saves what is staged; a busy session counts as not saved, and says why.
    fn commit(&self) -> SaveState {
        self.change(Session::commit)
            .unwrap_or_else(|busy| SaveState::Unsaved(busy.to_string()))
    }

    /// Executes commands as one step and, once stored, says `message` with an
    /// Undo. A rejected batch changes nothing and says why.
    pub fn run(&self, commands: Vec<Command>, message: &str) -> Result<Executed, ChangeError> {
        self.run_as(commands, message, false)
    }

    /// Applies one lower-level change (purposes, settings) as a step with Undo.
    pub fn apply(&self, action: Action) -> Result<(), ChangeError> {
        let message = match &action {
            Action::AddPurpose(_) => "Purpose added.",
            Action::RenamePurpose { .. } => "Purpose renamed.",
            Action::RemovePurpose { .. } => "Purpose removed.",
            Action::UpdateSettings(_) => "Settings saved.",
            _ => "Saved.",
        };
        self.run(vec![Command::Apply(action)], message).map(|_| ())
    }

    /// Takes back a step or a replacement (`redo`: one that was itself an undo).
    pub fn undo(&self, take_back: TakeBack, redo: bool) {
        let message = if redo { "Redone." } else { "Undone." };
        let result = match take_back {
            TakeBack::Step(undo) => self
                .run_as(vec![Command::Undo(undo)], message, !redo)
                .map(|_| ())
                .map_err(|err| err.to_string()),
            TakeBack::Replace(before) => self.replace_as((*before).clone(), message, !redo),
        };
        if let Err(err) = result {
            self.toast(Toast::say(format!("Could not undo: {err}")));
        }
    }

    fn run_as(
        &self,
        commands: Vec<Command>,
        message: &str,
        redo: bool,
    ) -> Result<Executed, ChangeError> {
        let executed = self.change(|session| session.execute(commands))??;
        // Shown at once; announced once stored.
        self.context.dispatch(AppAction::Synced);
        self.commit_then_say(Toast {
            message: message.to_owned(),
            undo: Some(TakeBack::Step(executed.undo.clone())),
            redo,
        });
        Ok(executed)
    }

    /// Saves what is staged while holding the save lock (no other tab saves in
    /// between), then shows `toast`, or, when the save failed, says the change is
    /// not stored: a change that is not stored is never announced as done.
    fn commit_then_say(&self, toast: Toast) {
        let handle = self.clone();
        lock::with_save_lock(move || {
            let state = handle.commit();
            let toast = match &state {
                SaveState::Saved => {
                    ask_to_persist_once();
                    toast
                }
                SaveState::Unsaved(_) => Toast {
                    message: NOT_SAVED.to_owned(),
                    ..toast
                },
            };
            handle.context.dispatch(AppAction::Changed(state));
            handle.toast(toast);
        });
    }

    /// Saves what is staged while holding the save lock, saying only a failure.
    fn commit_quietly(&self) {
        let handle = self.clone();
        lock::with_save_lock(move || {
            let state = handle.commit();
            if let SaveState::Unsaved(_) = state {
                handle.toast(Toast::say(NOT_SAVED));
            }
            handle.context.dispatch(AppAction::Changed(state));
        });
    }

    /// Replaces the whole journal (an import, demo data) and, once stored, says
    /// `message` with an Undo that puts the journal before it back. Like any
    /// change it shows at once; when it cannot be stored, the banner says so and the
    /// toast offers the Undo. Only the records that differ are written, merged with
    /// whatever another tab saved meanwhile.
    pub fn replace_with_undo(&self, journal: Journal, message: &str) -> Result<(), String> {
        self.replace_as(journal, message, false)
    }

    fn replace_as(&self, journal: Journal, message: &str, redo: bool) -> Result<(), String> {
        let before = Rc::new(self.read(Journal::clone));
        self.change(|session| session.replace(journal))
            .map_err(|busy| busy.to_string())?;
        self.context.dispatch(AppAction::Synced);
        self.commit_then_say(Toast {
            message: message.to_owned(),
            undo: Some(TakeBack::Replace(before)),
            redo,
        });
        Ok(())
    }

    /// Replaces the whole journal, without a toast of its own unless it cannot be
    /// stored (see [`AppHandle::replace_with_undo`]).
    pub fn replace(&self, journal: Journal) -> Result<(), String> {
        self.change(|session| session.replace(journal))
            .map_err(|busy| busy.to_string())?;
        self.context.dispatch(AppAction::Synced);
        self.commit_quietly();
        Ok(())
    }

    /// Tries again to store what is unsaved.
    pub fn retry_save(&self) {
        let handle = self.clone();
        lock::with_save_lock(move || {
            let state = handle.commit();
            handle.context.dispatch(AppAction::Changed(state));
        });
    }

    /// Pulls in another tab's changes and re-renders if there were any. When that
    /// tab had written over a save of this one, saves it again.
    pub fn sync(&self) {
        let synced = match self.change(Session::sync) {
            Ok(synced) => synced,
            Err(busy) => {
                self.toast(Toast::say(format!(
                    "Another tab's changes could not be shown: {busy}."
                )));
                return;
            }
        };
        if synced.changed {
            self.context.dispatch(AppAction::Synced);
        }
        if synced.must_save {
            self.commit_quietly();
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
