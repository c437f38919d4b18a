//! An address that names no screen.

use yew::prelude::*;

use crate::ui::route::Route;

/// Props for [`NotFound`].
#[derive(Properties, PartialEq)]
pub struct NotFoundProps {
    /// The address that was asked for.
    pub hash: AttrValue,
}

/// Says the address is unknown, literally, and offers a way back.
#[component]
pub fn NotFound(props: &NotFoundProps) -> Html {
    html! {
        <section class="empty-state">
            <h1>{ "Nothing here" }</h1>
            <p>{ format!("There is no screen at “{}”.", props.hash) }</p>
            <a class="button" href={Route::Today.href()}>{ "Go to Today" }</a>
        </section>
    }
}
