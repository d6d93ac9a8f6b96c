//! Images and their alt text: every `<img>` of a page carries `alt` (an
//! image without it is invalid HTML, and screen readers read its address
//! instead), and `check` warns about the images an article gives none.

use std::ops::Range;

/// One start tag: its name (lowercase), the attributes' names (lowercase),
/// and where it ends (the offset of its `>`, or the text's end).
struct Tag {
    name: String,
    attributes: Vec<String>,
    end: usize,
}

/// Reads the start tag at `at` (a `<`), as HTML does: names end at
/// whitespace, `/`, `=` or `>`; values are quoted (`"`, `'`) or end at
/// whitespace or `>`. `None` when no letter follows the `<`.
fn tag_at(html: &str, at: usize) -> Option<Tag> {
    let bytes = html.as_bytes();
    let name_len = bytes[at + 1..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
    if name_len == 0 || !bytes[at + 1].is_ascii_alphabetic() {
        return None;
    }
    let name = html[at + 1..at + 1 + name_len].to_ascii_lowercase();
    let mut i = at + 1 + name_len;
    let mut attributes = Vec::new();
    let word_end = |i: usize, stops: &[u8]| i + bytes[i..].iter().take_while(|b| !stops.contains(b)).count();
    loop {
        i += bytes[i..].iter().take_while(|b| b.is_ascii_whitespace() || **b == b'/').count();
        if i >= bytes.len() || bytes[i] == b'>' {
            return Some(Tag { name, attributes, end: i.min(bytes.len()) });
        }
        let end = word_end(i + 1, b" \t\n\r\x0c/=>");
        attributes.push(html[i..end].to_ascii_lowercase());
        i = end + bytes[end..].iter().take_while(|b| b.is_ascii_whitespace()).count();
        if bytes.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        i += bytes[i..].iter().take_while(|b| b.is_ascii_whitespace()).count();
        i = match bytes.get(i) {
            Some(&q @ (b'"' | b'\'')) => word_end(i + 1, &[q]) + 1,
            Some(_) => word_end(i, b" \t\n\r\x0c>"),
            None => i,
        }
        .min(bytes.len());
    }
}

/// Sanitised HTML with `alt=""` given to every `<img>` without `alt` (raw
/// HTML such as `<img src=x onerror=…>` is left as `<img src="x">`).
/// Sanitised HTML has a `<` only where a tag starts, outside attribute
/// values, and tags are read whole, so one in a value is never taken for
/// an image.
pub(super) fn give_images_alt(html: String) -> String {
    if !html.contains("<img") {
        return html;
    }
    let mut out = String::with_capacity(html.len() + 16);
    let mut copied = 0;
    let mut i = 0;
    while let Some(lt) = memchr::memchr(b'<', &html.as_bytes()[i..]).map(|p| i + p) {
        let Some(tag) = tag_at(&html, lt) else {
            i = lt + 1;
            continue;
        };
        if tag.name == "img" && !tag.attributes.iter().any(|a| a == "alt") {
            let close = if html[..tag.end].ends_with('/') { tag.end - 1 } else { tag.end };
            out.push_str(&html[copied..close]);
            out.push_str(" alt=\"\"");
            copied = close;
        }
        i = tag.end.max(lt + 1);
    }
    out.push_str(&html[copied..]);
    out
}

/// The `<img>` tags of raw HTML (a block or inline HTML event, starting at
/// `offset` in the source) that have no `alt`, as source ranges.
pub(super) fn raw_images_without_alt(html: &str, offset: usize) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let lower = html.to_ascii_lowercase();
    for (lt, _) in lower.match_indices("<img") {
        if let Some(tag) = tag_at(html, lt).filter(|t| t.name == "img" && !t.attributes.iter().any(|a| a == "alt")) {
            found.push(offset + lt..offset + (tag.end + 1).min(html.len()));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hostile `<img src=x onerror=…>` came out as `<img src="x">`,
    /// which the Nu Html Checker refuses.
    #[test]
    fn an_image_left_without_alt_by_sanitising_gets_an_empty_one() {
        assert_eq!(give_images_alt("<p><img src=\"x\"></p>".into()), "<p><img src=\"x\" alt=\"\"></p>");
        assert_eq!(give_images_alt("<img src=\"x\" alt=\"a map\">".into()), "<img src=\"x\" alt=\"a map\">");
        assert_eq!(give_images_alt("<img src=\"x\" />".into()), "<img src=\"x\"  alt=\"\"/>");
        let value = "<a title=\"<img src=y>\" href=\"z\">t</a>";
        assert_eq!(give_images_alt(value.into()), value, "a `<img` inside a value is not an image");
    }

    #[test]
    fn raw_images_without_alt_are_found_where_they_stand() {
        let html = "<p>x <IMG SRC=x onerror='a>b'> y <img alt=\"\" src=z></p>";
        let found = raw_images_without_alt(html, 10);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0], 15..40);
    }

    #[test]
    fn markdown_images_without_alt_are_found_where_they_stand() {
        let parsed = crate::markdown::Parsed::new("See ![](x.png) and ![a map](y.png), and <img src=z>.\n");
        let found = parsed.body.images_without_alt;
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].clone(), found[1].clone()), (4..14, 40..51));
    }
}
