//! Fenced code blocks, highlighted by syntect with class-based CSS.

use std::sync::LazyLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Classes are prefixed so they never clash with the theme's own.
const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

// Loaded once per process: the syntax set takes milliseconds to unpack.
static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// `<pre class="code"><code>…</code></pre>` with classed spans.
pub fn code_block(code: &str, lang: &str) -> String {
    let syntax = (!lang.is_empty())
        .then(|| SYNTAXES.find_syntax_by_token(lang))
        .flatten()
        .unwrap_or_else(|| SYNTAXES.find_syntax_plain_text());
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, &SYNTAXES, STYLE);
    for line in LinesWithEndings::from(code) {
        if generator.parse_html_for_line_which_includes_newline(line).is_err() {
            // A grammar that fails on this input: show the code unhighlighted.
            return plain(code);
        }
    }
    let lang_attr: String =
        lang.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+')).collect();
    format!("<pre class=\"code\" data-lang=\"{lang_attr}\"><code>{}</code></pre>\n", generator.finalize())
}

fn plain(code: &str) -> String {
    format!("<pre class=\"code\"><code>{}</code></pre>\n", crate::markdown::escape_html(code))
}

/// The stylesheet for the highlight classes (light, then dark).
pub fn stylesheet() -> String {
    let themes = ThemeSet::load_defaults();
    let css = |name: &str| css_for_theme_with_class_style(&themes.themes[name], STYLE).unwrap_or_default();
    format!(
        "/* Code highlighting, generated from syntect's themes. */\n{}\n@media (prefers-color-scheme: dark) {{\n{}}}\n",
        css("InspiredGitHub"),
        css("base16-ocean.dark")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_known_languages_with_classes() {
        let html = code_block("fn main() {}\n", "rust");
        assert!(html.starts_with("<pre class=\"code\" data-lang=\"rust\"><code>"), "{html}");
        assert!(html.contains("class=\"hl-"), "{html}");
    }

    #[test]
    fn unknown_languages_are_plain_and_escaped() {
        let html = code_block("<script>\n", "no-such-lang\"><x");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("data-lang=\"no-such-langx\""), "{html}");
    }

    #[test]
    fn stylesheet_covers_both_schemes() {
        let css = stylesheet();
        assert!(css.contains(".hl-"));
        assert!(css.contains("prefers-color-scheme: dark"));
    }
}
