//! Adding or editing a person. Every field is checked before anything is saved, and
//! each problem is shown next to its field.

use chrono::NaiveDate;
use yew::prelude::*;

use crate::model::query::people_named;
use crate::model::{Birthday, Cadence, Command, Person, PersonId};
use crate::ui::browser;
use crate::ui::components::dialog::Dialog;
use crate::ui::components::field::{edits, person_options, SelectField, TextArea, TextField};
use crate::ui::hooks::{navigate, use_app};
use crate::ui::route::Route;

/// The form's text, as typed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PersonDraft {
    pub name: String,
    pub org: String,
    pub role: String,
    pub emails: String,
    pub phones: String,
    pub links: String,
    pub tags: String,
    pub ideal_days: String,
    pub max_days: String,
    pub met_where: String,
    pub met_on: String,
    pub introduced_by: String,
    pub birthday: String,
    pub boundaries: String,
    pub notes: String,
}

/// Problems with a draft, by field.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DraftErrors {
    pub name: Option<String>,
    pub ideal_days: Option<String>,
    pub max_days: Option<String>,
    pub met_on: Option<String>,
    pub birthday: Option<String>,
}

impl DraftErrors {
    /// A problem in a field under "More details".
    fn any_detail(&self) -> bool {
        self.ideal_days.is_some()
            || self.max_days.is_some()
            || self.met_on.is_some()
            || self.birthday.is_some()
    }

    fn any(&self) -> bool {
        self.name.is_some()
            || self.ideal_days.is_some()
            || self.max_days.is_some()
            || self.met_on.is_some()
            || self.birthday.is_some()
    }
}

fn list(text: &str) -> Vec<String> {
    text.split([',', '\n', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn optional(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// A birthday as typed in the form ([`Birthday::read`]); blank is none.
pub fn parse_birthday(text: &str) -> Result<Option<Birthday>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    Birthday::read(text).map(Some).ok_or_else(|| {
        format!("\"{text}\" is not a birthday; use 1990-04-12, or 04-12 without the year.")
    })
}

fn birthday_text(birthday: Option<Birthday>) -> String {
    match birthday {
        Some(b) => match b.year() {
            Some(year) => format!("{year:04}-{:02}-{:02}", b.month(), b.day()),
            None => format!("{:02}-{:02}", b.month(), b.day()),
        },
        None => String::new(),
    }
}

fn days(text: &str, what: &str) -> Result<Option<u32>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<u32>() {
        Ok(n) if n >= 1 => Ok(Some(n)),
        _ => Err(format!("{what} must be a whole number of days, 1 or more.")),
    }
}

impl PersonDraft {
    /// Whether anything besides the name is filled in: such a form opens with
    /// its "More details" shown.
    pub fn has_details(&self) -> bool {
        let Self {
            name: _,
            org,
            role,
            emails,
            phones,
            links,
            tags,
            ideal_days,
            max_days,
            met_where,
            met_on,
            introduced_by,
            birthday,
            boundaries,
            notes,
        } = self;
        [
            org,
            role,
            emails,
            phones,
            links,
            tags,
            ideal_days,
            max_days,
            met_where,
            met_on,
            introduced_by,
            birthday,
            boundaries,
            notes,
        ]
        .iter()
        .any(|text| !text.trim().is_empty())
    }

    /// The form filled from an existing person.
    pub fn from_person(person: &Person) -> Self {
        Self {
            name: person.name.clone(),
            org: person.org.clone().unwrap_or_default(),
            role: person.role.clone().unwrap_or_default(),
            emails: person.emails.join(", "),
            phones: person.phones.join(", "),
            links: person.links.join(", "),
            tags: person.tags.join(", "),
            ideal_days: person
                .cadence
                .map(|c| c.ideal.to_string())
                .unwrap_or_default(),
            max_days: person
                .cadence
                .and_then(|c| c.max)
                .map(|m| m.to_string())
                .unwrap_or_default(),
            met_where: person.met.place.clone().unwrap_or_default(),
            met_on: person.met.date.map(|d| d.to_string()).unwrap_or_default(),
            introduced_by: person
                .met
                .introduced_by
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            birthday: birthday_text(person.birthday),
            boundaries: person.boundaries.clone(),
            notes: person.notes.clone(),
        }
    }

    /// Checks the draft and builds the person, or says what is wrong where.
    pub fn to_person(&self, base: Person) -> Result<Person, DraftErrors> {
        let mut errors = DraftErrors::default();
        let name = self.name.trim();
        if name.is_empty() {
            errors.name = Some("Give them a name.".to_owned());
        }
        let ideal = days(&self.ideal_days, "Keep in touch every").unwrap_or_else(|e| {
            errors.ideal_days = Some(e);
            None
        });
        let max = days(&self.max_days, "At most").unwrap_or_else(|e| {
            errors.max_days = Some(e);
            None
        });
        let cadence = match (ideal, max) {
            (Some(ideal), Some(max)) if max < ideal => {
                errors.max_days = Some(format!(
                    "At most must be at least the usual gap ({ideal} days)."
                ));
                None
            }
            (Some(ideal), max) => Some(Cadence::new(ideal, max)),
            (None, Some(_)) => {
                errors.ideal_days =
                    Some("Say how often you'd like to be in touch, too.".to_owned());
                None
            }
            (None, None) => None,
        };
        let met_on = match self.met_on.trim() {
            "" => None,
            text => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                Ok(date) => Some(date),
                Err(_) => {
                    errors.met_on = Some(format!("\"{text}\" is not a date; use YYYY-MM-DD."));
                    None
                }
            },
        };
        let birthday = parse_birthday(&self.birthday).unwrap_or_else(|e| {
            errors.birthday = Some(e);
            None
        });
        if errors.any() {
            return Err(errors);
        }
        let mut person = base;
        person.name = name.to_owned();
        person.org = optional(&self.org);
        person.role = optional(&self.role);
        person.emails = list(&self.emails);
        person.phones = list(&self.phones);
        person.links = list(&self.links);
        person.tags = list(&self.tags);
        person.cadence = cadence;
        person.met.place = optional(&self.met_where);
        person.met.date = met_on;
        person.met.introduced_by = self.introduced_by.parse::<PersonId>().ok();
        person.birthday = birthday;
        person.boundaries = self.boundaries.trim().to_owned();
        person.notes = self.notes.trim().to_owned();
        Ok(person)
    }
}

/// Props for [`PersonForm`].
#[derive(Properties, PartialEq)]
pub struct PersonFormProps {
    /// The person being edited; `None` adds someone new.
    #[prop_or_default]
    pub person: Option<Person>,
    /// Called when the dialog should close.
    pub on_close: Callback<()>,
}

/// The add/edit person dialog.
#[component]
pub fn PersonForm(props: &PersonFormProps) -> Html {
    let app = use_app();
    let draft = use_state(|| {
        props
            .person
            .as_ref()
            .map(PersonDraft::from_person)
            .unwrap_or_default()
    });
    let errors = use_state(DraftErrors::default);
    // Only the name is asked for at first; the rest waits under "More details",
    // open from the start when editing someone who has some.
    let more_open = use_state(|| draft.has_details());
    let form_error = use_state(|| None::<String>);
    let editing = props.person.clone();
    // Adding someone whose name is taken: the name a Save was stopped for. The
    // first Save stops and offers the person; once warned, "Add anyway" (or a
    // second Save) goes ahead with that same name.
    let warned_for = use_state(|| None::<String>);
    let open_same = use_node_ref();
    let same_named: Vec<Person> = if editing.is_none() {
        app.read(|journal| {
            people_named(journal, &draft.name)
                .iter()
                .filter_map(|id| journal.person(id).cloned())
                .take(3)
                .collect()
        })
    } else {
        Vec::new()
    };
    let confirming = !same_named.is_empty() && warned_for.as_deref() == Some(draft.name.as_str());

    let field = |value: fn(&PersonDraft) -> &String, set: fn(&mut PersonDraft, String)| {
        (AttrValue::from(value(&draft).clone()), edits(&draft, set))
    };

    let submit = {
        let app = app.clone();
        let draft = draft.clone();
        let errors = errors.clone();
        let form_error = form_error.clone();
        let on_close = props.on_close.clone();
        let editing = editing.clone();
        let name_taken = !same_named.is_empty();
        let warned_for = warned_for.clone();
        let open_same = open_same.clone();
        let more_open = more_open.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // The first Save of a taken name stops, and offers the person.
            if name_taken && !confirming {
                warned_for.set(Some(draft.name.clone()));
                if let Some(link) = open_same.cast::<web_sys::HtmlElement>() {
                    let _ = link.focus();
                }
                return;
            }
            let base = editing.clone().unwrap_or_else(|| {
                Person::new(PersonId::new(browser::random_u64()), "", browser::now())
            });
            let person = match draft.to_person(base) {
                Ok(person) => person,
                Err(found) => {
                    // A problem in a hidden detail must be seen.
                    if found.any_detail() {
                        more_open.set(true);
                    }
                    errors.set(found);
                    return;
                }
            };
            let name = person.name.clone();
            let (command, message) = if editing.is_some() {
                (Command::EditPerson(person), format!("Saved {name}."))
            } else {
                (Command::AddPerson(person), format!("Added {name}."))
            };
            match app.run(vec![command], &message) {
                Ok(done) => {
                    on_close.emit(());
                    if let Some(id) = done.added_people.first() {
                        navigate(&Route::Person(id.clone()));
                    }
                }
                Err(err) => form_error.set(Some(err.to_string())),
            }
        })
    };

    let introducers =
        app.read(|journal| person_options(journal, editing.as_ref().map(|p| &p.id), "Nobody"));

    let (name, set_name) = field(|d| &d.name, |d, v| d.name = v);
    let (org, set_org) = field(|d| &d.org, |d, v| d.org = v);
    let (role, set_role) = field(|d| &d.role, |d, v| d.role = v);
    let (emails, set_emails) = field(|d| &d.emails, |d, v| d.emails = v);
    let (phones, set_phones) = field(|d| &d.phones, |d, v| d.phones = v);
    let (links, set_links) = field(|d| &d.links, |d, v| d.links = v);
    let (tags, set_tags) = field(|d| &d.tags, |d, v| d.tags = v);
    let (ideal, set_ideal) = field(|d| &d.ideal_days, |d, v| d.ideal_days = v);
    let (max, set_max) = field(|d| &d.max_days, |d, v| d.max_days = v);
    let (met_where, set_met_where) = field(|d| &d.met_where, |d, v| d.met_where = v);
    let (met_on, set_met_on) = field(|d| &d.met_on, |d, v| d.met_on = v);
    let (introduced_by, set_introduced_by) =
        field(|d| &d.introduced_by, |d, v| d.introduced_by = v);
    let (birthday, set_birthday) = field(|d| &d.birthday, |d, v| d.birthday = v);
    let (boundaries, set_boundaries) = field(|d| &d.boundaries, |d, v| d.boundaries = v);
    let (notes, set_notes) = field(|d| &d.notes, |d, v| d.notes = v);
    let title = if editing.is_some() {
        "Edit person"
    } else {
        "Add someone"
    };
    let on_close = props.on_close.clone();
    // The disclosure is drawn from state, so a problem in a detail can open it.
    let toggle_more = {
        let more_open = more_open.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            more_open.set(!*more_open);
        })
    };

    html! {
        <Dialog title={title} on_close={props.on_close.clone()}>
            <form onsubmit={submit} novalidate=true>
                if let Some(error) = (*form_error).clone() {
                    <p class="error" role="alert">{ error }</p>
                }
                <TextField id="person-name" label="Name" value={name} on_change={set_name} required=true
                    error={errors.name.clone()} autocomplete={AttrValue::from("off")} />
                if editing.is_none() {
                    <div class="same-name" role="status">
                        if let Some(first) = same_named.first() {
                            <p class="warning">{ match same_named.len() {
                                1 => format!("You already have someone called {}.", first.name),
                                n => format!("You already have {n} people called {}.", first.name),
                            } }</p>
                            <ul class="same-name-people">
                                { for same_named.iter().enumerate().map(|(i, person)| {
                                    let on_close = props.on_close.clone();
                                    let mut label = format!("Open {}", person.name);
                                    if let Some(org) = &person.org {
                                        label.push_str(&format!(" ({org})"));
                                    }
                                    if person.archived {
                                        label.push_str(" (archived)");
                                    }
                                    html! {
                                        <li>
                                            <a class="button" href={Route::Person(person.id.clone()).href()}
                                                ref={if i == 0 { open_same.clone() } else { NodeRef::default() }}
                                                onclick={Callback::from(move |_| on_close.emit(()))}>
                                                { label }
                                            </a>
                                        </li>
                                    }
                                }) }
                            </ul>
                            if confirming {
                                // Any submit goes ahead now; this one says so, where the eye is.
                                <p class="same-name-anyway">
                                    { "Someone else with the same name?" }
                                    <button type="submit" class="button">{ "Add anyway" }</button>
                                </p>
                            }
                        }
                    </div>
                }
                <details class="more-details" open={*more_open}>
                <summary onclick={toggle_more}>{ "More details" }</summary>
                <div class="field-row">
                    <TextField id="person-org" label="Organisation" value={org} on_change={set_org} />
                    <TextField id="person-role" label="Role" value={role} on_change={set_role} />
                </div>
                <TextField id="person-tags" label="Circles or tags" value={tags} on_change={set_tags}
                    hint={AttrValue::from("Separate with commas, e.g. posse, alumni, volunteering")} />
                <div class="field-row">
                    <TextField id="person-ideal" label="Keep in touch every (days)" input_type="number" min={AttrValue::from("1")}
                        value={ideal} on_change={set_ideal} error={errors.ideal_days.clone()} />
                    <TextField id="person-max" label="At most (days)" input_type="number" min={AttrValue::from("1")}
                        value={max} on_change={set_max} error={errors.max_days.clone()} />
                </div>
                <div class="field-row">
                    <TextField id="person-met-where" label="Where you met" value={met_where} on_change={set_met_where} />
                    <TextField id="person-met-on" label="When you met" input_type="date" value={met_on}
                        on_change={set_met_on} error={errors.met_on.clone()} />
                </div>
                <SelectField id="person-introduced-by" label="Introduced by" options={introducers}
                    value={introduced_by} on_change={set_introduced_by} />
                <div class="field-row">
                    <TextField id="person-emails" label="Email addresses" input_type="text" value={emails} on_change={set_emails} />
                    <TextField id="person-phones" label="Phone numbers" value={phones} on_change={set_phones} />
                </div>
                <TextField id="person-links" label="Links" value={links} on_change={set_links} />
                <TextField id="person-birthday" label="Birthday" value={birthday} on_change={set_birthday}
                    error={errors.birthday.clone()} hint={AttrValue::from("1990-04-12, or 04-12 without the year")} />
                <TextArea id="person-boundaries" label="Boundaries: what you say no to" value={boundaries} on_change={set_boundaries} />
                <TextArea id="person-notes" label="Notes" value={notes} on_change={set_notes} />
                </details>
                <div class="dialog-actions">
                    <button type="button" class="button" onclick={Callback::from(move |_| on_close.emit(()))}>{ "Cancel" }</button>
                    <button type="submit" class="button primary">{ "Save" }</button>
                </div>
            </form>
        </Dialog>
    }
}
