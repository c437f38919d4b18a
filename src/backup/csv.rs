//! Reading and writing CSV (RFC 4180, read leniently).
//!
//! Hand-written: the `csv` crate adds about 26 KB gzipped to the wasm bundle
//! (`csv-core` alone about 20 KB), for a grammar this module covers in a page.
//!
//! Reading: fields separated by a delimiter (comma, semicolon or tab), quoted
//! with `"` (a quote inside is doubled), records ended by CRLF, LF or CR.
//! A quote in the middle of an unquoted field is kept as a character, and
//! text after a closing quote is kept too. Blank lines are skipped.

/// One record and the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The 1-based line the record starts on.
    pub line: usize,
    /// The cells, unquoted.
    pub fields: Vec<String>,
}

/// The records of a CSV text, and the line of a quoted field that never
/// closes (everything after it is lost in that field, so it is reported).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Records {
    /// Every record that is not blank.
    pub records: Vec<Record>,
    /// The line of a quoted field that never closes, if any.
    pub unclosed_quote_at: Option<usize>,
}

/// Splits `text` into records.
pub fn read_records(text: &str, delimiter: char) -> Records {
    let mut out = Records::default();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut line = 1;
    let mut record_line = 1;
    let mut quoted = false;
    let mut at_field_start = true;
    let mut quote_line = 0;
    let mut chars = text.chars().peekable();
    let end_record =
        |fields: &mut Vec<String>, field: &mut String, out: &mut Records, record_line: usize| {
            fields.push(std::mem::take(field));
            let blank = fields.iter().all(|f| f.trim().is_empty());
            if !blank {
                out.records.push(Record {
                    line: record_line,
                    fields: std::mem::take(fields),
                });
            }
            fields.clear();
        };
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\r' => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    field.push('\n');
                    line += 1;
                }
                '\n' => {
                    field.push('\n');
                    line += 1;
                }
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                quoted = true;
                quote_line = line;
                at_field_start = false;
            }
            c if c == delimiter => {
                fields.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                end_record(&mut fields, &mut field, &mut out, record_line);
                line += 1;
                record_line = line;
                at_field_start = true;
            }
            c => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if quoted {
        out.unclosed_quote_at = Some(quote_line);
        fields.clear();
        field.clear();
    } else if !field.is_empty() || !fields.is_empty() {
        end_record(&mut fields, &mut field, &mut out, record_line);
    }
    out
}

/// The delimiter that splits the first lines most consistently into more
/// than one column: comma, semicolon (European spreadsheets) or tab.
pub fn sniff_delimiter(text: &str) -> char {
    let sample: String = text.lines().take(20).collect::<Vec<_>>().join("\n");
    let mut best = (',', 0usize);
    for delimiter in [',', ';', '\t'] {
        let records = read_records(&sample, delimiter).records;
        let mut counts: Vec<usize> = records
            .iter()
            .map(|r| r.fields.len())
            .filter(|&n| n > 1)
            .collect();
        counts.sort_unstable();
        // Score: how many records share the most common column count.
        let mut score = 0;
        let mut run = 0;
        for (i, n) in counts.iter().enumerate() {
            run = if i > 0 && counts[i - 1] == *n {
                run + 1
            } else {
                1
            };
            score = score.max(run);
        }
        if score > best.1 {
            best = (delimiter, score);
        }
    }
    best.0
}

/// Appends one field, quoted when it holds the delimiter, a quote, a line
/// break or leading/trailing spaces.
pub fn push_field(out: &mut String, field: &str) {
    let needs_quotes = field.contains([',', '"', '\n', '\r', ';'])
        || field.starts_with(' ')
        || field.ends_with(' ');
    if needs_quotes {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// Appends a record with CRLF.
pub fn push_record<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(out, field.as_ref());
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str) -> Vec<Vec<String>> {
        read_records(text, ',')
            .records
            .into_iter()
            .map(|r| r.fields)
            .collect()
    }

    #[test]
    fn quoted_fields_line_breaks_and_blank_lines() {
        assert_eq!(
            fields("a,\"b,c\",\"d \"\"e\"\"\"\r\n\r\n1,,\"x\ny\"\n"),
            [vec!["a", "b,c", "d \"e\""], vec!["1", "", "x\ny"]]
        );
        let records = read_records("h\r\n\"two\r\nlines\"\r\nlast", ',');
        assert_eq!(
            records.records.iter().map(|r| r.line).collect::<Vec<_>>(),
            [1, 2, 4]
        );
    }

    #[test]
    fn lenient_quotes_and_unclosed_quotes() {
        assert_eq!(fields("ab\"c,\"d\"e"), [vec!["ab\"c", "de"]]);
        let records = read_records("a,b\n\"open,c\nd,e\n", ',');
        assert_eq!(records.records.len(), 1);
        assert_eq!(records.unclosed_quote_at, Some(2));
    }

    #[test]
    fn delimiter_is_sniffed() {
        assert_eq!(
            sniff_delimiter("Name;Email\nAna;a@x.example\nBen;b@x.example"),
            ';'
        );
        assert_eq!(sniff_delimiter("Name\tEmail, work\nAna\ta@x.example"), '\t');
        assert_eq!(sniff_delimiter("Name,Email\nAna,a@x.example"), ',');
    }

    #[test]
    fn writing_quotes_only_when_needed() {
        let mut out = String::new();
        push_record(
            &mut out,
            &["plain", "a,b", "say \"hi\"", "two\nlines", " pad"],
        );
        assert_eq!(
            out,
            "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" pad\"\r\n"
        );
        assert_eq!(
            fields(&out),
            [vec!["plain", "a,b", "say \"hi\"", "two\nlines", " pad"]]
        );
    }
}
