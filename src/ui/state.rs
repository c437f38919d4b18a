//! App-wide UI state: one root `use_reducer`, shared through a context.
//!
//! The journal itself lives in a [`Session`] behind `Rc<RefCell<…>>`, changed in
//! place, because copying 50,000 interactions on every keystroke would be slow.
//! The reducer tracks what the screens need to re-render: a revision that moves on
//! every change, whether everything is saved, the toast with its undo, and whether
//! the quick log is open.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::model::{Journal, PersonId, Undo};

use super::session::{SaveState, Session};

/// What the toast's Undo takes back.
#[derive(Debug, Clone)]
pub enum TakeBack {
    /// A step of commands: the model's undo of it.
    Step(Undo),
    /// A whole-journal replacement (an import or demo data): the journal before it.
    Replace(Rc<Journal>),
}

impl PartialEq for TakeBack {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Step(a), Self::Step(b)) => a == b,
            // Comparing two whole journals on every render would be slow; identity is enough.
            (Self::Replace(a), Self::Replace(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

/// A short message at the bottom of the screen, perhaps with an undo.
#[derive(Debug, Clone, PartialEq)]
pub struct Toast {
    /// What happened.
    pub message: String,
    /// What takes it back, if it can be taken back.
    pub undo: Option<TakeBack>,
    /// Whether taking it back re-does an undone change (the button says "Redo").
    pub redo: bool,
}

impl Toast {
    /// A message with nothing to take back.
    pub fn say(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            undo: None,
            redo: false,
        }
    }
}

/// UI state shared by every screen.
pub struct AppState {
    /// The journal and its store.
    pub session: Rc<RefCell<Session>>,
    /// Moves on with every change to the journal.
    pub revision: u64,
    /// Whether the journal in memory is stored.
    pub save_state: SaveState,
    /// The current toast.
    pub toast: Option<Toast>,
    /// The quick log, when open, with the person it was opened for.
    pub quick_log: Option<Option<PersonId>>,
}

impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.session, &other.session)
            && self.revision == other.revision
            && self.save_state == other.save_state
            && self.toast == other.toast
            && self.quick_log == other.quick_log
    }
}

/// Everything that changes [`AppState`].
pub enum AppAction {
    /// The journal changed here; this is whether it was saved.
    Changed(SaveState),
    /// The journal changed in another tab and was merged in.
    Synced,
    /// Shows a toast.
    Toast(Toast),
    /// Hides the toast.
    DismissToast,
    /// Hides the toast if it still says this (its time is up).
    ExpireToast(String),
    /// Opens the quick log, perhaps for one person.
    OpenQuickLog(Option<PersonId>),
    /// Closes the quick log.
    CloseQuickLog,
}

impl Reducible for AppState {
    type Action = AppAction;

    fn reduce(self: Rc<Self>, action: AppAction) -> Rc<Self> {
        let mut next = AppState {
            session: Rc::clone(&self.session),
            revision: self.revision,
            save_state: self.save_state.clone(),
            toast: self.toast.clone(),
            quick_log: self.quick_log.clone(),
        };
        match action {
            AppAction::Changed(save_state) => {
                next.revision += 1;
                next.save_state = save_state;
            }
            AppAction::Synced => next.revision += 1,
            AppAction::Toast(toast) => next.toast = Some(toast),
            AppAction::DismissToast => next.toast = None,
            AppAction::ExpireToast(message) => {
                if next.toast.as_ref().is_some_and(|t| t.message == message) {
                    next.toast = None;
                }
            }
            AppAction::OpenQuickLog(person) => next.quick_log = Some(person),
            AppAction::CloseQuickLog => next.quick_log = None,
        }
        Rc::new(next)
    }
}

/// The context every screen reads.
pub type AppContext = UseReducerHandle<AppState>;
