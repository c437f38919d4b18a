//! Importing contacts from any CSV file, in two steps: [`sniff_csv`] shows
//! the columns and a few rows (with a suggested mapping), the user says which
//! column is what, then [`import_csv`] reads every row.
//!
//! The header is the first row with the usual number of columns, so a
//! preamble such as LinkedIn's "Notes:" is passed over. Email, phone and tag
//! cells may hold several values separated by `;`, `,` or Google's ` ::: `.
//! A row with no name is named after its organisation, email or phone, in
//! that order, or reported and skipped when it has none of them.

use super::contact::{
    clean_list, non_blank, ContactFileError, ContactImport, ImportedContact, RecordKind,
};
use super::csv::{read_records, sniff_delimiter, Record, Records};
use super::dates::parse_loose_date;
use super::text::decode_lenient;

/// Rows shown in a preview.
pub const SAMPLE_ROWS: usize = 5;

/// The first look at a CSV file, for the column-mapping step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvPreview {
    /// The header row's cells.
    pub headers: Vec<String>,
    /// Up to [`SAMPLE_ROWS`] rows after the header.
    pub rows: Vec<Vec<String>>,
    /// How many rows follow the header.
    pub row_count: usize,
    /// The delimiter found: `,`, `;` or tab.
    pub delimiter: char,
    /// A mapping guessed from the header names, for the form's initial state.
    pub suggested: ColumnMapping,
    /// True when the header is LinkedIn's (then `import_linkedin` reads it without a mapping).
    pub looks_like_linkedin: bool,
}

/// Which column (0-based) holds what. Unset columns are not read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnMapping {
    /// The full name; used before first and last name when both are set.
    pub name: Option<usize>,
    /// First (given) name.
    pub first_name: Option<usize>,
    /// Last (family) name.
    pub last_name: Option<usize>,
    /// Organisation or company.
    pub org: Option<usize>,
    /// Role or job title.
    pub role: Option<usize>,
    /// Every column with email addresses.
    pub emails: Vec<usize>,
    /// Every column with phone numbers.
    pub phones: Vec<usize>,
    /// Tags, several to a cell.
    pub tags: Option<usize>,
    /// Notes.
    pub notes: Option<usize>,
    /// The day you met.
    pub met_date: Option<usize>,
}

impl ColumnMapping {
    /// A mapping guessed from header names ("First Name", "E-mail 1 - Value", "Company", …).
    pub fn guess(headers: &[String]) -> Self {
        let normal: Vec<String> = headers
            .iter()
            .map(|h| {
                h.to_lowercase()
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect()
            })
            .collect();
        let find = |names: &[&str]| normal.iter().position(|h| names.contains(&h.as_str()));
        let all = |test: &dyn Fn(&str) -> bool| -> Vec<usize> {
            normal
                .iter()
                .enumerate()
                .filter(|(_, h)| test(h))
                .map(|(i, _)| i)
                .collect()
        };
        Self {
            name: find(&["name", "fullname", "displayname", "contact", "contactname"]),
            first_name: find(&["firstname", "givenname", "first"]),
            last_name: find(&["lastname", "familyname", "surname", "last"]),
            org: find(&[
                "company",
                "organization",
                "organisation",
                "org",
                "organization1name",
                "employer",
            ]),
            role: find(&[
                "title",
                "jobtitle",
                "position",
                "role",
                "organization1title",
            ]),
            emails: all(&|h| h.contains("email") && !h.contains("type") && !h.contains("label")),
            phones: all(&|h| {
                (h.contains("phone") || h.contains("mobile") || h == "tel" || h == "telephone")
                    && !h.contains("type")
                    && !h.contains("label")
            }),
            tags: find(&[
                "tags",
                "labels",
                "groups",
                "groupmembership",
                "categories",
                "circles",
            ]),
            notes: find(&["notes", "note", "comments", "comment"]),
            met_date: find(&["connectedon", "met", "metdate", "datemet", "metat", "since"]),
        }
    }

    fn columns(&self) -> impl Iterator<Item = usize> + '_ {
        [
            self.name,
            self.first_name,
            self.last_name,
            self.org,
            self.role,
            self.tags,
            self.notes,
            self.met_date,
        ]
        .into_iter()
        .flatten()
        .chain(self.emails.iter().copied())
        .chain(self.phones.iter().copied())
    }
}

/// A CSV file split into header and rows.
struct Table {
    delimiter: char,
    header: Record,
    rows: Vec<Record>,
    unclosed_quote_at: Option<usize>,
}

fn read_table(bytes: &[u8]) -> Result<Table, ContactFileError> {
    let text = decode_lenient(bytes, "a CSV file")?;
    let delimiter = sniff_delimiter(&text);
    let Records {
        mut records,
        unclosed_quote_at,
    } = read_records(&text, delimiter);
    // The header: the first row at least as wide as most of the first rows,
    // which skips a short preamble such as LinkedIn's "Notes:".
    let mut counts: Vec<usize> = records.iter().take(20).map(|r| r.fields.len()).collect();
    counts.sort_unstable();
    let usual = counts
        .chunk_by(|a, b| a == b)
        .max_by_key(|run| (run.len(), run[0]))
        .map_or(0, |run| run[0]);
    let header_index = records
        .iter()
        .position(|r| r.fields.len() >= usual)
        .ok_or_else(|| ContactFileError::NoHeader("this CSV file has no rows".to_owned()))?;
    let rows = records.split_off(header_index + 1);
    let header = records
        .pop()
        .ok_or_else(|| ContactFileError::NoHeader("this CSV file has no rows".to_owned()))?;
    Ok(Table {
        delimiter,
        header,
        rows,
        unclosed_quote_at,
    })
}

/// Reads the header and a few rows so the user can map the columns.
pub fn sniff_csv(bytes: &[u8]) -> Result<CsvPreview, ContactFileError> {
    let table = read_table(bytes)?;
    let headers: Vec<String> = table
        .header
        .fields
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let has = |name: &str| headers.iter().any(|h| h.eq_ignore_ascii_case(name));
    Ok(CsvPreview {
        suggested: ColumnMapping::guess(&headers),
        looks_like_linkedin: has("First Name") && has("Last Name") && has("Connected On"),
        rows: table
            .rows
            .iter()
            .take(SAMPLE_ROWS)
            .map(|r| r.fields.clone())
            .collect(),
        row_count: table.rows.len(),
        delimiter: table.delimiter,
        headers,
    })
}

/// Splits a cell holding several values.
fn several(cell: &str, separators: &[char]) -> Vec<String> {
    cell.split(":::")
        .flat_map(|part| part.split(separators))
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .collect()
}

/// Reads every row with the given mapping.
pub fn import_csv(
    bytes: &[u8],
    mapping: &ColumnMapping,
) -> Result<ContactImport, ContactFileError> {
    let table = read_table(bytes)?;
    let width = table.header.fields.len();
    if let Some(bad) = mapping.columns().find(|&c| c >= width) {
        return Err(ContactFileError::Mapping(format!(
            "column {} does not exist; this file has {width} column{}",
            bad + 1,
            if width == 1 { "" } else { "s" }
        )));
    }
    if mapping.name.is_none()
        && mapping.first_name.is_none()
        && mapping.last_name.is_none()
        && mapping.org.is_none()
        && mapping.emails.is_empty()
    {
        return Err(ContactFileError::Mapping(
            "choose the column with names (or first and last names) first".to_owned(),
        ));
    }
    let mut result = ContactImport::default();
    for (index, row) in table.rows.iter().enumerate() {
        let number = index + 1;
        let cell = |column: Option<usize>| {
            column
                .and_then(|c| row.fields.get(c))
                .map_or("", |f| f.as_str())
        };
        let mut contact = ImportedContact {
            org: non_blank(cell(mapping.org)),
            role: non_blank(cell(mapping.role)),
            emails: mapping
                .emails
                .iter()
                .flat_map(|&c| several(cell(Some(c)), &[';', ',', ' ']))
                .collect(),
            phones: mapping
                .phones
                .iter()
                .flat_map(|&c| several(cell(Some(c)), &[';']))
                .collect(),
            tags: several(cell(mapping.tags), &[';', ',']),
            notes: cell(mapping.notes).to_owned(),
            line: row.line,
            ..ImportedContact::default()
        };
        clean_list(&mut contact.emails, true);
        clean_list(&mut contact.phones, false);
        clean_list(&mut contact.tags, true);
        if let Some(text) = non_blank(cell(mapping.met_date)) {
            match parse_loose_date(&text) {
                Ok(date) => contact.met_on = Some(date),
                Err(why) => result.problem(
                    RecordKind::Row,
                    number,
                    row.line,
                    format!("{why}; the date was left out"),
                    false,
                ),
            }
        }
        let full = non_blank(cell(mapping.name));
        let parts = non_blank(&format!(
            "{} {}",
            cell(mapping.first_name).trim(),
            cell(mapping.last_name).trim()
        ));
        let name = match full.or(parts) {
            Some(name) => name,
            None => match contact.name_stand_in() {
                Some((value, what)) => {
                    result.problem(
                        RecordKind::Row,
                        number,
                        row.line,
                        format!("it has no name, so it is named after its {what}"),
                        false,
                    );
                    value
                }
                None => {
                    result.problem(
                        RecordKind::Row,
                        number,
                        row.line,
                        "it has no name, organisation, email or phone",
                        true,
                    );
                    continue;
                }
            },
        };
        contact.name = name;
        result.contacts.push(contact);
    }
    if let Some(line) = table.unclosed_quote_at {
        result.problem(
            RecordKind::Row,
            table.rows.len() + 1,
            line,
            "a quoted field is never closed, so the rest of the file could not be read (is it truncated?)",
            true,
        );
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mapping_is_guessed_from_common_headers() {
        let headers: Vec<String> = [
            "Given Name",
            "Family Name",
            "E-mail 1 - Type",
            "E-mail 1 - Value",
            "Phone 1 - Value",
            "Organization 1 - Name",
            "Organization 1 - Title",
            "Notes",
            "Group Membership",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let mapping = ColumnMapping::guess(&headers);
        assert_eq!(mapping.first_name, Some(0));
        assert_eq!(mapping.last_name, Some(1));
        assert_eq!(mapping.emails, [3]);
        assert_eq!(mapping.phones, [4]);
        assert_eq!(mapping.org, Some(5));
        assert_eq!(mapping.role, Some(6));
        assert_eq!(mapping.notes, Some(7));
        assert_eq!(mapping.tags, Some(8));
        assert_eq!(mapping.name, None);
    }

    #[test]
    fn several_values_in_one_cell() {
        assert_eq!(
            several("a@x.example ::: b@y.example; c@z.example", &[';', ',', ' ']),
            ["a@x.example", "b@y.example", "c@z.example"]
        );
        assert_eq!(
            several("+44 20 7946 0000; 555 1234", &[';']),
            ["+44 20 7946 0000", "555 1234"]
        );
    }
}
