//! Escaping text for the formats dossier writes: HTML (and XML, which
//! takes the same escaping), JSON strings, JSON inside a page's
//! `<script>`, and text shown on a terminal or in a CI log (`controls`).
//! A leaf: it knows strings only.

use std::borrow::Cow;
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
/// a `<script>` goes through [`json_in_script`] too, so that no
/// `</script>` in it could end the script.
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

/// JSON text made safe to stand inside a page's `<script>` element (as
/// `application/ld+json`): every `<`, `>` and `&` written as its `\u`
/// escape, so that nothing in it can close the script (`</script>`), open
/// a comment (`<!--`) or read as markup. Outside strings JSON has none of
/// these characters, so the text means the same JSON after.
pub(crate) fn json_in_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

/// `s` with its control characters (newlines, carriage returns, escapes,
/// C1 controls) and the characters that reorder text on screen written as
/// escapes: `\n`, `\r`, `\t`, `\u{1b}`. A backslash stays as it is: the
/// escapes are for reading, not for parsing back.
pub(crate) fn controls(s: &str) -> Cow<'_, str> {
    let hidden = |c: char| {
        c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !s.chars().any(hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if hidden(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A YAML double-quoted scalar that reads back as `s`, exactly: quotes
/// and backslashes escaped, line breaks and tabs as `\n`, `\t`, `\r`, and
/// every character YAML would not keep as written, or that `check` refuses
/// (controls, noncharacters, line separators, the BOM), as `\u`/`\U`
/// escapes. For what the tool writes into sidecars and registries, and
/// the values its messages suggest.
pub(crate) fn yaml_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        let code = u32::from(c);
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            _ if c.is_control()
                || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fdd0}'..='\u{fdef}')
                || code & 0xfffe == 0xfffe =>
            {
                if code > 0xffff {
                    let _ = write!(out, "\\U{code:08X}");
                } else {
                    let _ = write!(out, "\\u{code:04X}");
                }
            }
            _ => out.push(c),
        }
    }
    out.push('"');
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
    fn json_in_a_script_cannot_close_it() {
        let json = r#"{"a":"</script><script>alert(1)</script> & <!-- x"}"#;
        let safe = json_in_script(json);
        assert_eq!(
            safe,
            r#"{"a":"\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e \u0026 \u003c!-- x"}"#
        );
        assert!(!safe.contains(['<', '>', '&']));
    }

    #[test]
    fn json_strings_escape_quotes_backslashes_and_controls() {
        assert_eq!(json_str("a\"b\\c\nd\u{1}\té"), "\"a\\\"b\\\\c\\nd\\u0001\\u0009é\"");
        let mut out = String::from("[");
        push_json_str(&mut out, "");
        assert_eq!(out, "[\"\"");
    }
}
