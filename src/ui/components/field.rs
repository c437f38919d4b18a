//! Labelled form fields that show their error next to them.

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The labels the quick log and the entry editor share, so both ask the same way.
pub mod labels {
    /// The legend of the "I did / They did / Both of us" choice.
    pub const WHO_REACHED_OUT: &str = "Who reached out";
    /// The purpose menu.
    pub const WHAT_IT_WAS_FOR: &str = "What it was for";
    /// The kind of a favour, intro, loan…
    pub const KIND: &str = "Kind";
    /// Granted, said no, withdrawn or not answered yet.
    pub const THE_ANSWER: &str = "The answer";
}

/// A text-like input.
#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    /// The element id; the label points at it.
    pub id: AttrValue,
    /// The visible label.
    pub label: AttrValue,
    /// The current value.
    pub value: AttrValue,
    /// Called with the new value on every keystroke.
    pub on_change: Callback<String>,
    /// `text`, `date`, `number`, `email`, …
    #[prop_or(AttrValue::Static("text"))]
    pub input_type: AttrValue,
    /// A message shown under the field when the value is wrong.
    #[prop_or_default]
    pub error: Option<String>,
    /// A hint shown under the field.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// Whether the field must be filled.
    #[prop_or_default]
    pub required: bool,
    /// The browser's autocomplete hint.
    #[prop_or_default]
    pub autocomplete: Option<AttrValue>,
    /// Extra attributes for numbers.
    #[prop_or_default]
    pub min: Option<AttrValue>,
}

/// A labelled input with its error.
#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let on_input = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            on_change.emit(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let error_id = format!("{}-error", props.id);
    let hint_id = format!("{}-hint", props.id);
    let described = match (&props.error, &props.hint) {
        (Some(_), _) => Some(error_id.clone()),
        (None, Some(_)) => Some(hint_id.clone()),
        _ => None,
    };
    html! {
        <div class={classes!("field", props.error.is_some().then_some("has-error"))}>
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <input
                id={props.id.clone()}
                type={props.input_type.clone()}
                value={props.value.clone()}
                oninput={on_input}
                required={props.required}
                min={props.min.clone()}
                autocomplete={props.autocomplete.clone()}
                aria-invalid={props.error.is_some().then_some("true")}
                aria-describedby={described}
            />
            if let Some(hint) = &props.hint {
                <p class="hint" id={hint_id}>{ hint.clone() }</p>
            }
            if let Some(error) = &props.error {
                <p class="error" id={error_id}>{ error.clone() }</p>
            }
        </div>
    }
}

/// A multi-line text area.
#[derive(Properties, PartialEq)]
pub struct TextAreaProps {
    /// The element id.
    pub id: AttrValue,
    /// The visible label.
    pub label: AttrValue,
    /// The current value.
    pub value: AttrValue,
    /// Called with the new value.
    pub on_change: Callback<String>,
}

/// A labelled text area.
#[component]
pub fn TextArea(props: &TextAreaProps) -> Html {
    let on_input = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            on_change.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    html! {
        <div class="field">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <textarea id={props.id.clone()} value={props.value.clone()} oninput={on_input} rows="3" />
        </div>
    }
}

/// Menu options for choosing a person: `first` (such as "Nobody"), then everyone
/// but `except`, by name.
pub fn person_options(
    journal: &crate::model::Journal,
    except: Option<&crate::model::PersonId>,
    first: &str,
) -> Vec<(String, String)> {
    std::iter::once((String::new(), first.to_owned()))
        .chain(
            crate::model::query::people_by_name(journal)
                .into_iter()
                .filter(|(id, _)| Some(id) != except)
                .map(|(id, name)| (id.to_string(), name)),
        )
        .collect()
}

/// Menu options for choosing a purpose: "No particular purpose", then the journal's list.
pub fn purpose_options(journal: &crate::model::Journal) -> Vec<(String, String)> {
    std::iter::once((String::new(), "No particular purpose".to_owned()))
        .chain(
            journal
                .purposes()
                .iter()
                .map(|p| (p.id.to_string(), p.label.clone())),
        )
        .collect()
}

/// A callback that changes one field of a form kept in `state`, re-rendering once.
pub fn edits<T: Clone + 'static>(
    state: &UseStateHandle<T>,
    change: fn(&mut T, String),
) -> Callback<String> {
    let state = state.clone();
    Callback::from(move |value: String| {
        let mut next = (*state).clone();
        change(&mut next, value);
        state.set(next);
    })
}

/// The day a date field holds, or the message to show next to it.
pub fn parse_day(text: &str) -> Result<chrono::NaiveDate, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("A date is needed; pick one with the date picker.".to_owned());
    }
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("\"{text}\" is not a date; use the date picker or YYYY-MM-DD."))
}

/// A select box.
#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    /// The element id.
    pub id: AttrValue,
    /// The visible label.
    pub label: AttrValue,
    /// `(value, label)` pairs.
    pub options: Vec<(String, String)>,
    /// The selected value.
    pub value: AttrValue,
    /// Called with the chosen value.
    pub on_change: Callback<String>,
    /// The id of text elsewhere on the page that explains the choice.
    #[prop_or_default]
    pub described_by: Option<AttrValue>,
}

/// A labelled select box.
#[component]
pub fn SelectField(props: &SelectFieldProps) -> Html {
    let on_change = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| {
            on_change.emit(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    html! {
        <div class="field">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <select id={props.id.clone()} onchange={on_change} aria-describedby={props.described_by.clone()}>
                { for props.options.iter().map(|(value, label)| html! {
                    <option value={value.clone()} selected={*value == *props.value}>{ label.clone() }</option>
                }) }
            </select>
        </div>
    }
}

/// Menu options whose values are positions in a list, so a form never
/// depends on how a type prints itself.
pub fn indexed_options<'a>(labels: impl Iterator<Item = &'a str>) -> Vec<(String, String)> {
    labels
        .enumerate()
        .map(|(i, label)| (i.to_string(), label.to_owned()))
        .collect()
}

/// The item an [`indexed_options`] value names.
pub fn pick_indexed<T: Copy>(items: &[T], value: &str) -> Option<T> {
    value
        .parse::<usize>()
        .ok()
        .and_then(|i| items.get(i).copied())
}

#[cfg(test)]
mod tests {
    use super::parse_day;

    #[test]
    fn a_date_field_says_what_is_wrong_in_words() {
        assert_eq!(
            parse_day(" 2026-03-04 ").map(|d| d.to_string()),
            Ok("2026-03-04".to_owned())
        );
        assert_eq!(
            parse_day("  "),
            Err("A date is needed; pick one with the date picker.".to_owned())
        );
        assert_eq!(
            parse_day("2024-02-30"),
            Err("\"2024-02-30\" is not a date; use the date picker or YYYY-MM-DD.".to_owned())
        );
    }
}
