//! Recording the answer to an open ask, on the day it came.

use yew::prelude::*;

use crate::model::{Answer, Command, ExchangeId, InteractionId};
use crate::ui::browser;
use crate::ui::components::dialog::Dialog;
use crate::ui::components::field::{labels, parse_day, TextField};
use crate::ui::hooks::use_app;

/// The answers an open ask can get.
const ANSWERS: [Answer; 3] = [Answer::Yes, Answer::No, Answer::Withdrawn];

/// Props for [`AnswerForm`].
#[derive(Properties, PartialEq)]
pub struct AnswerFormProps {
    /// The entry the ask was logged in.
    pub interaction: InteractionId,
    /// The ask.
    pub exchange: ExchangeId,
    /// The ask in words, as the page shows it.
    pub sentence: AttrValue,
    /// Called when the dialog should close.
    pub on_close: Callback<()>,
}

/// The answer dialog.
#[component]
pub fn AnswerForm(props: &AnswerFormProps) -> Html {
    let app = use_app();
    let answer = use_state(|| Answer::Yes);
    let date = use_state(|| browser::today().to_string());
    let error = use_state(|| None::<String>);
    let date_error = use_state(|| None::<String>);
    let save = {
        let app = app.clone();
        let answer = answer.clone();
        let date = date.clone();
        let error = error.clone();
        let date_error = date_error.clone();
        let on_close = props.on_close.clone();
        let interaction = props.interaction.clone();
        let exchange = props.exchange.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let on = match parse_day(&date) {
                Ok(day) => day,
                Err(message) => {
                    date_error.set(Some(message));
                    return;
                }
            };
            let command = Command::AnswerAsk {
                interaction: interaction.clone(),
                exchange: exchange.clone(),
                answer: *answer,
                on,
            };
            match app.run(vec![command], "Answer recorded.") {
                Ok(_) => on_close.emit(()),
                Err(err) => error.set(Some(err.to_string())),
            }
        })
    };
    let on_close = props.on_close.clone();
    html! {
        <Dialog title="Record the answer" on_close={props.on_close.clone()}>
            <form onsubmit={save} novalidate=true>
                <p>{ props.sentence.clone() }</p>
                if let Some(message) = (*error).clone() { <p class="error" role="alert">{ message }</p> }
                <fieldset class="radios">
                    <legend>{ labels::THE_ANSWER }</legend>
                    { for ANSWERS.into_iter().enumerate().map(|(i, value)| {
                        let answer = answer.clone();
                        let id = format!("answer-{i}");
                        html! {
                            <label for={id.clone()} class="radio">
                                <input type="radio" id={id} name="answer" checked={*answer == value}
                                    onchange={Callback::from(move |_| answer.set(value))} />
                                { value.label() }
                            </label>
                        }
                    }) }
                </fieldset>
                <TextField id="answer-date" label="On" input_type="date" value={(*date).clone()}
                    error={(*date_error).clone()}
                    on_change={{ let date = date.clone(); Callback::from(move |v| date.set(v)) }} />
                <div class="dialog-actions">
                    <button type="button" class="button" onclick={Callback::from(move |_| on_close.emit(()))}>{ "Cancel" }</button>
                    <button type="submit" class="button primary">{ "Save the answer" }</button>
                </div>
            </form>
        </Dialog>
    }
}
