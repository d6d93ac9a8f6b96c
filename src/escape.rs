//! Escaping text for the formats dossier writes: HTML (and XML, which
//! takes the same escaping) and JSON strings. A leaf: it knows strings
//! only.

use std::fmt::Write as _;

/// `text` HTML-escaped, for text and double-quoted attribute values; the
/// same escaping serves XML's.
pub(crate) fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    html_into(text, &mut out);
    out
}

/// Appends `text` to `out`, HTML-escaped.
pub(crate) fn html_into(text: &str, out: &mut String) {
    // Runs without special characters are copied whole: every word of
    // every article passes through here.
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(&text[start..]);
}

/// Appends `s` to `out` as a JSON string.
///
/// `<` is written as it is: these strings go into JSON files (the search
/// index) and reports, never inside a page's `<script>`. JSON put inside
/// a `<script>` would need `<` escaped too, so that no `</script>` in it
/// could end the script.
pub(crate) fn push_json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `s` as a JSON string.
pub(crate) fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_json_str(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_markup_and_quotes_only() {
        assert_eq!(html("a < b && c > \"d\" 'e' é"), "a &lt; b &amp;&amp; c &gt; &quot;d&quot; 'e' é");
        assert_eq!(html("plain"), "plain");
        let mut out = String::from("<p>");
        html_into("</p><script>", &mut out);
        assert_eq!(out, "<p>&lt;/p&gt;&lt;script&gt;");
    }

    #[test]
    fn json_strings_escape_quotes_backslashes_and_controls() {
        assert_eq!(json_str("a\"b\\c\nd\u{1}\té"), "\"a\\\"b\\\\c\\nd\\u0001\\u0009é\"");
        let mut out = String::from("[");
        push_json_str(&mut out, "");
        assert_eq!(out, "[\"\"");
    }
}
