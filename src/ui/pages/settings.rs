//! Settings: storage use and durability, theme, the installed app and its icon's
//! count, the purpose list, backups and demo data.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::model::demo::{DemoBuilder, DemoSize};
use crate::model::insights::circle_choices;
use crate::model::purpose::NO_PURPOSE;
use crate::model::words::{MAKING_DEMO, STORING_DEMO};
use crate::model::{Action, Journal, Purpose, PurposeId, PurposeRemoval};
use crate::storage::preferences::{stored_theme, Preferences};
use crate::ui::browser;
use crate::ui::components::dialog::Dialog;
use crate::ui::components::field::SelectField;
use crate::ui::components::install_note::InstallSteps;
use crate::ui::components::progress::ProgressBar;
use crate::ui::hooks::use_app;
use crate::ui::platform::{
    self, installs_apart, DisplayMode, INSTALLED_SHARES, INSTALL_NOTE, INSTALL_SHARES,
};
use crate::ui::route::Route;
use crate::ui::session::Session;
use crate::ui::state::Toast;

/// The Settings screen.
#[component]
pub fn SettingsPage() -> Html {
    html! {
        <div class="settings">
            <h1>{ "Settings" }</h1>
            <StorageSection />
            <ThemeSection />
            <AppSection />
            <UsualCircleSection />
            <PurposesSection />
            <section class="card" aria-labelledby="backups-link-title">
                <h2 id="backups-link-title">{ "Backups" }</h2>
                <p>{ "Export your journal, import a backup, or bring in contacts from your phone or LinkedIn." }</p>
                <crate::ui::backup::LastBackup />
                <a class="button" href={Route::Backups.href()}>{ "Backups and import" }</a>
            </section>
            <DemoSection />
        </div>
    }
}

/// `fraction` (0 to 1) with four decimals, for the meter's value attribute.
/// Integer arithmetic: `{:.4}` on a float would bring in the standard
/// library's exact float formatting (about 5 KB of wasm).
fn four_decimals(fraction: f64) -> String {
    let units = (fraction * 10_000.0).round().max(0.0) as u64;
    format!("{}.{:04}", units / 10_000, units % 10_000)
}

#[component]
fn StorageSection() -> Html {
    let app = use_app();
    let persisted = use_state(|| None::<bool>);
    {
        let persisted = persisted.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                persisted.set(browser::is_persisted().await)
            });
        });
    }
    let ask = {
        let persisted = persisted.clone();
        Callback::from(move |_: MouseEvent| {
            let persisted = persisted.clone();
            wasm_bindgen_futures::spawn_local(async move {
                persisted.set(browser::request_persistence().await)
            });
        })
    };
    let usage = app.read_session(Session::usage);
    html! {
        <section class="card" aria-labelledby="storage-title">
            <h2 id="storage-title">{ "Storage" }</h2>
            if let Some(usage) = usage {
                <p>
                    <label for="storage-meter">{ usage.sentence() }</label>
                </p>
                <meter id="storage-meter" min="0" max="1" low="0.6" high="0.8" optimum="0"
                    value={four_decimals(usage.fraction())}>{ usage.percent_phrase() }</meter>
                if usage.is_high() {
                    <p class="warning" role="alert">{ "Storage is over 80% full. Download a backup, and consider archiving or exporting old entries." }</p>
                }
            } else {
                <p>{ "Storage use could not be measured." }</p>
            }
            <h3>{ "Keeping your data" }</h3>
            <p>
                { match *persisted {
                    Some(true) => "This browser has promised to keep Rapport's data, even when space runs low.",
                    Some(false) => "This browser may clear Rapport's data if space runs low or the site goes unused.",
                    None => "This browser does not say whether it will keep Rapport's data.",
                } }
            </p>
            if *persisted != Some(true) {
                <button type="button" class="button" onclick={ask}>{ "Ask the browser to keep my data" }</button>
            }
            <p class="muted">
                { "On iPhone and iPad, Safari deletes data from sites you have not opened for 7 days. \
                   Add Rapport to your Home Screen (Share, then Add to Home Screen) to keep it, and download a backup now and then." }
            </p>
        </section>
    }
}

#[component]
fn ThemeSection() -> Html {
    let app = use_app();
    let theme = use_state(stored_theme);
    let choose = |value: &'static str| {
        let app = app.clone();
        let theme = theme.clone();
        Callback::from(move |_: Event| {
            let kept = Preferences::open()
                .map_err(Into::into)
                .and_then(|mut preferences| preferences.set_theme(value));
            if let Err(err) = kept {
                app.toast(Toast::say(format!(
                    "The theme is changed for now, but could not be kept: {err}"
                )));
            }
            browser::apply_theme(value);
            theme.set(value.to_owned());
        })
    };
    html! {
        <section class="card" aria-labelledby="theme-title">
            <h2 id="theme-title">{ "Theme" }</h2>
            <fieldset class="radios">
                <legend>{ "Colours" }</legend>
                { for [("system", "Same as this device"), ("light", "Light"), ("dark", "Dark")].into_iter().map(|(value, label)| {
                    let id = format!("theme-{value}");
                    html! {
                        <label for={id.clone()} class="radio">
                            <input type="radio" id={id} name="theme" checked={*theme == value} onchange={choose(value)} />
                            { label }
                        </label>
                    }
                }) }
            </fieldset>
        </section>
    }
}

/// Whether Rapport runs installed or in a browser tab, what that means for the
/// journal, and the count on the installed app's icon.
#[component]
fn AppSection() -> Html {
    let app = use_app();
    let mode = use_memo((), |_| platform::display_mode());
    let badge_available = use_memo((), |_| platform::badge_available());
    let badge_on = use_state(platform::badge_wanted);
    let toggle_badge = {
        let app = app.clone();
        let badge_on = badge_on.clone();
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            let kept = Preferences::open()
                .map_err(Into::into)
                .and_then(|mut preferences| preferences.set_app_badge(on));
            if let Err(err) = kept {
                app.toast(Toast::say(format!(
                    "The app's icon count is changed for now, but could not be kept: {err}"
                )));
            }
            if on {
                platform::show_badge(app.read(platform::due_today));
            } else {
                platform::clear_badge();
            }
            badge_on.set(on);
        })
    };
    html! {
        <section class="card" aria-labelledby="app-title">
            <h2 id="app-title">{ "This app on this device" }</h2>
            <p>{ mode.sentence() }</p>
            if !installs_apart() {
                <p>{ if *mode == DisplayMode::Installed { INSTALLED_SHARES } else { INSTALL_SHARES } }</p>
            } else if *mode == DisplayMode::Installed {
                <p>{ "The installed app keeps a journal of its own, apart from the browser's. \
                      To bring a journal from the browser, export it there as a backup, then restore it here under Backups." }</p>
            } else {
                <p>{ INSTALL_NOTE }</p>
                <InstallSteps />
            }
            <h3>{ "Count on the app's icon" }</h3>
            if *badge_available {
                <label for="app-badge" class="checkbox">
                    <input type="checkbox" id="app-badge" checked={*badge_on} onchange={toggle_badge} />
                    { "Show how many people are due today on the app's icon" }
                </label>
                if *mode == DisplayMode::BrowserTab {
                    <p class="muted">{ "The count shows on the icon of Rapport installed from this browser." }</p>
                }
            } else {
                <p class="muted">{ "Not available in this browser." }</p>
            }
        </section>
    }
}

/// Which circles or tags make up the usual circle that Insights compares
/// with everyone else: one checkbox per tag in the journal.
#[component]
fn UsualCircleSection() -> Html {
    let app = use_app();
    let error = use_state(|| None::<String>);
    let (choices, settings) =
        app.read(|journal| (circle_choices(journal), journal.settings().clone()));
    let toggle = |tag: &str| {
        let app = app.clone();
        let error = error.clone();
        let settings = settings.clone();
        let tag = tag.to_owned();
        Callback::from(move |e: Event| {
            let chosen = e.target_unchecked_into::<HtmlInputElement>().checked();
            match app.apply(Action::UpdateSettings(
                settings.with_circle_tag(&tag, chosen),
            )) {
                Ok(()) => error.set(None),
                Err(err) => error.set(Some(err.to_string())),
            }
        })
    };
    html! {
        <section class="card" aria-labelledby="circle-title">
            <h2 id="circle-title">{ "Usual circle" }</h2>
            <p class="muted">{ "The people you see most. Insights compares your contacts with them and with everyone else. \
                Tick the circles or tags they carry." }</p>
            if choices.is_empty() {
                <p>{ "Nobody has a circle or tag yet. Add one to people (Edit, then Circles or tags) and choose it here." }</p>
            } else {
                <fieldset class="radios">
                    <legend>{ "In your usual circle" }</legend>
                    { for choices.iter().enumerate().map(|(index, (tag, chosen))| {
                        let id = format!("circle-{index}");
                        html! {
                            <label for={id.clone()} class="checkbox" key={tag.clone()}>
                                <input type="checkbox" id={id} checked={*chosen} onchange={toggle(tag)} />
                                { tag.clone() }
                            </label>
                        }
                    }) }
                </fieldset>
            }
            if let Some(message) = (*error).clone() { <p class="error" role="alert">{ message }</p> }
        </section>
    }
}

#[component]
fn PurposesSection() -> Html {
    let app = use_app();
    let new_label = use_state(String::new);
    let error = use_state(|| None::<String>);
    let removing = use_state(|| None::<Purpose>);
    let purposes: Vec<Purpose> = app.read(|journal| journal.purposes().to_vec());

    let add = {
        let app = app.clone();
        let new_label = new_label.clone();
        let error = error.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let label = new_label.trim().to_owned();
            if label.is_empty() {
                error.set(Some("Type a name for the purpose.".to_owned()));
                return;
            }
            match app.apply(Action::AddPurpose(Purpose::new(
                PurposeId::new(browser::random_u64()),
                label,
            ))) {
                Ok(()) => {
                    new_label.set(String::new());
                    error.set(None);
                }
                Err(err) => error.set(Some(err.to_string())),
            }
        })
    };
    let rename = |purpose: &Purpose| {
        let app = app.clone();
        let id = purpose.id.clone();
        let old = purpose.label.clone();
        let error = error.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let label = input.value().trim().to_owned();
            if label == old {
                return;
            }
            match app.apply(Action::RenamePurpose {
                id: id.clone(),
                label,
            }) {
                Ok(()) => error.set(None),
                Err(err) => {
                    input.set_value(&old);
                    error.set(Some(err.to_string()));
                }
            }
        })
    };
    let ask_remove = |purpose: &Purpose| {
        let removing = removing.clone();
        let purpose = purpose.clone();
        Callback::from(move |_: MouseEvent| removing.set(Some(purpose.clone())))
    };
    let close_remove = {
        let removing = removing.clone();
        Callback::from(move |()| removing.set(None))
    };

    html! {
        <section class="card" aria-labelledby="purposes-title">
            <h2 id="purposes-title">{ "Purposes" }</h2>
            <p class="muted">{ "What your contacts are for. Rename one by editing it; entries keep their purpose." }</p>
            <ul class="purposes">
                { for purposes.iter().map(|purpose| {
                    let id = format!("purpose-{}", purpose.id);
                    html! {
                        <li key={purpose.id.to_string()}>
                            <label for={id.clone()} class="visually-hidden">{ format!("Purpose: {}", purpose.label) }</label>
                            <input id={id} type="text" value={purpose.label.clone()} onchange={rename(purpose)} />
                            <button type="button" class="button small" onclick={ask_remove(purpose)}
                                aria-label={format!("Remove {}", purpose.label)}>{ "Remove" }</button>
                        </li>
                    }
                }) }
            </ul>
            <form class="inline-form" onsubmit={add}>
                <div class="field">
                    <label for="purpose-new">{ "New purpose" }</label>
                    <input id="purpose-new" type="text" value={(*new_label).clone()}
                        oninput={{ let new_label = new_label.clone(); Callback::from(move |e: InputEvent| new_label.set(e.target_unchecked_into::<HtmlInputElement>().value())) }} />
                </div>
                <button type="submit" class="button">{ "Add purpose" }</button>
            </form>
            if let Some(message) = (*error).clone() { <p class="error" role="alert">{ message }</p> }
            if let Some(purpose) = (*removing).clone() {
                <RemovePurposeDialog {purpose} others={purposes.clone()} on_close={close_remove} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RemovePurposeProps {
    purpose: Purpose,
    others: Vec<Purpose>,
    on_close: Callback<()>,
}

#[component]
fn RemovePurposeDialog(props: &RemovePurposeProps) -> Html {
    let app = use_app();
    let target = use_state(String::new);
    let in_use = app.read(|journal| {
        journal
            .interactions()
            .filter(|i| i.purpose.as_ref() == Some(&props.purpose.id))
            .count()
    });
    let options: Vec<(String, String)> = std::iter::once((String::new(), NO_PURPOSE.to_owned()))
        .chain(
            props
                .others
                .iter()
                .filter(|p| p.id != props.purpose.id)
                .map(|p| (p.id.to_string(), p.label.clone())),
        )
        .collect();
    let remove = {
        let app = app.clone();
        let target = target.clone();
        let id = props.purpose.id.clone();
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| {
            let removal = match target.parse::<PurposeId>() {
                Ok(other) => PurposeRemoval::ReassignTo(other),
                Err(_) => PurposeRemoval::ClearFromInteractions,
            };
            if let Err(err) = app.apply(Action::RemovePurpose {
                id: id.clone(),
                removal,
                now: browser::now(),
            }) {
                app.toast(Toast::say(format!("Could not remove it: {err}")));
            }
            on_close.emit(());
        })
    };
    let on_close = props.on_close.clone();
    html! {
        <Dialog title={format!("Remove “{}”?", props.purpose.label)} on_close={props.on_close.clone()}>
            if in_use > 0 {
                <p>{ format!("{in_use} entries use it.") }</p>
                <SelectField id="purpose-move-to" label="Move those entries to" options={options} value={(*target).clone()}
                    on_change={{ let target = target.clone(); Callback::from(move |v| target.set(v)) }} />
            } else {
                <p>{ "No entries use it." }</p>
            }
            <div class="dialog-actions">
                <button type="button" class="button" onclick={Callback::from(move |_| on_close.emit(()))}>{ "Cancel" }</button>
                <button type="button" class="button danger" onclick={remove}>{ "Remove" }</button>
            </div>
        </Dialog>
    }
}

/// Records made between two looks at the clock while demo data is made.
const DEMO_BATCH: usize = 100;

#[component]
fn DemoSection() -> Html {
    let app = use_app();
    let size = use_state(|| "small".to_owned());
    let confirming = use_state(|| false);
    // While demo data is made: what it is doing, records done, records in all.
    let progress = use_state(|| None::<(&'static str, usize, usize)>);
    let empty = app.read(Journal::person_count) == 0;
    let load = {
        let app = app.clone();
        let size = size.clone();
        let confirming = confirming.clone();
        let progress = progress.clone();
        Callback::from(move |_: MouseEvent| {
            if progress.is_some() {
                return;
            }
            if !empty && !*confirming {
                confirming.set(true);
                return;
            }
            let demo_size = match size.as_str() {
                "large" => DemoSize::Large,
                "medium" => DemoSize::Medium,
                "tiny" => DemoSize::Tiny,
                _ => DemoSize::Small,
            };
            confirming.set(false);
            let mut builder = DemoBuilder::new(2026, demo_size, browser::today());
            progress.set(Some((MAKING_DEMO, 0, builder.total())));
            let (app, progress) = (app.clone(), progress.clone());
            // Made in slices, so the page keeps painting the bar and answering;
            // stored in one save at the end, so a tab closed meanwhile stores nothing.
            wasm_bindgen_futures::spawn_local(async move {
                browser::yield_now().await;
                browser::in_slices(
                    || (builder.step(DEMO_BATCH), builder.total()),
                    |done, total| progress.set(Some((MAKING_DEMO, done, total))),
                )
                .await;
                let total = builder.total();
                let made = builder.finish();
                progress.set(Some((STORING_DEMO, total, total)));
                browser::yield_now().await;
                let loaded = format!(
                    "Loaded a demo journal of {} people.",
                    crate::ui::dates::count(demo_size.people())
                );
                let failed = match made {
                    Ok(journal) => app
                        .replace_with_undo(journal, &loaded)
                        .err()
                        .map(|err| format!("The demo journal could not be stored: {err}")),
                    Err(err) => Some(format!("The demo journal could not be made: {err}")),
                };
                progress.set(None);
                if let Some(message) = failed {
                    app.toast(Toast::say(message));
                }
            });
        })
    };
    html! {
        <section class="card" aria-labelledby="demo-title">
            <h2 id="demo-title">{ "Demo data" }</h2>
            <p class="muted">{ "A made-up journal, to try Rapport out. It replaces what is here." }</p>
            <SelectField id="demo-size" label="Size" value={(*size).clone()}
                options={vec![
                    ("tiny".to_owned(), "Tiny: 50 people, 500 entries".to_owned()),
                    ("small".to_owned(), "Small: 200 people, 2,000 entries".to_owned()),
                    ("medium".to_owned(), "Medium: 2,000 people, 20,000 entries".to_owned()),
                    ("large".to_owned(), "Large: 5,000 people, 50,000 entries".to_owned()),
                ]}
                on_change={{ let size = size.clone(); Callback::from(move |v| size.set(v)) }} />
            if *confirming {
                <p class="warning" role="alert">{ "This replaces your whole journal. Download a backup first if you want to keep it. Press again to go ahead." }</p>
            }
            if let Some((doing, done, total)) = *progress {
                <ProgressBar id="demo-progress" {doing} {done} {total} />
            }
            <button type="button" class="button" onclick={load} disabled={progress.is_some()}>
                { if *confirming { "Replace my journal with demo data" } else { "Load demo data" } }
            </button>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::four_decimals;

    #[test]
    fn the_meter_value_has_four_decimals_without_float_formatting() {
        assert_eq!(four_decimals(0.3481), "0.3481");
        assert_eq!(four_decimals(0.05), "0.0500");
        assert_eq!(four_decimals(1.0), "1.0000");
    }
}
