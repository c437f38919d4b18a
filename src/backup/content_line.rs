//! Writing vCard (RFC 6350) and iCalendar (RFC 5545) content lines: text
//! escaping and folding at 75 octets with CRLF line ends.

/// Longest line, in octets, before folding (CRLF not counted).
pub const FOLD_AT: usize = 75;

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks.
/// Control characters other than tab are dropped (neither format allows them).
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Escapes a URI value: only what would break the line (backslashes and line breaks).
pub fn escape_uri(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded at [`FOLD_AT`] octets (continuation lines start with
/// a space, which counts), never splitting a UTF-8 character, each line
/// ending in CRLF.
pub fn push_folded(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let size = c.len_utf8();
        if width + size > FOLD_AT {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += size;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escaping() {
        assert_eq!(
            escape_text("a,b;c\\d\ne\r\nf\rg\u{7}"),
            "a\\,b\\;c\\\\d\\ne\\nf\\ng"
        );
        assert_eq!(
            escape_uri("http://x.example/a,b;c"),
            "http://x.example/a,b;c"
        );
    }

    #[test]
    fn folding_counts_octets_and_keeps_characters_whole() {
        let mut out = String::new();
        push_folded(&mut out, &"a".repeat(160));
        let lines: Vec<&str> = out.split("\r\n").collect();
        assert_eq!(
            lines.iter().map(|l| l.len()).collect::<Vec<_>>(),
            [75, 75, 12, 0]
        );
        let mut out = String::new();
        push_folded(&mut out, &format!("NOTE:{}", "é".repeat(40)));
        for line in out.split("\r\n") {
            assert!(line.len() <= FOLD_AT, "{line}");
        }
        assert_eq!(out.split("\r\n").next().map(str::len), Some(75));
        assert_eq!(
            out.replace("\r\n ", "").trim_end(),
            format!("NOTE:{}", "é".repeat(40))
        );
    }
}
