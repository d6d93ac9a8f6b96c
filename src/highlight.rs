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
pub(crate) fn code_block(code: &str, lang: &str) -> String {
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
    format!("<pre class=\"code\"><code>{}</code></pre>\n", crate::escape::html(code))
}

/// The code block's background in each scheme (`--surface-2` in the default
/// theme's style.css): every colour of the stylesheet is made to read on it.
const LIGHT_BACKGROUND: Rgb = [0xf1, 0xf1, 0xed];
const DARK_BACKGROUND: Rgb = [0x24, 0x28, 0x2d];
/// WCAG AA for normal text is 4.5:1; a little more absorbs rounding.
const MIN_CONTRAST: f64 = 4.6;

type Rgb = [u8; 3];

/// The stylesheet for the highlight classes: the light theme, and the dark
/// one, each only in its own scheme (a light rule's compound selector would
/// otherwise outrank the dark theme's simpler one), with every colour
/// darkened or lightened until it meets WCAG AA on the code background.
pub(crate) fn stylesheet() -> String {
    let themes = ThemeSet::load_defaults();
    let css = |name: &str, background: Rgb| {
        readable(&css_for_theme_with_class_style(&themes.themes[name], STYLE).unwrap_or_default(), background)
    };
    format!(
        "/* Code highlighting, generated from syntect's themes. */\n\
         @media not screen and (prefers-color-scheme: dark) {{\n{}}}\n\
         @media screen and (prefers-color-scheme: dark) {{\n{}}}\n",
        css("InspiredGitHub", LIGHT_BACKGROUND),
        css("base16-ocean.dark", DARK_BACKGROUND)
    )
}

/// Rewrites each `color: #rrggbb` of `css` to reach [`MIN_CONTRAST`] on
/// `background`, moving it towards black or white (whichever contrasts).
fn readable(css: &str, background: Rgb) -> String {
    let mut out = String::with_capacity(css.len());
    for line in css.lines() {
        let hex = line.trim().strip_prefix("color: #").and_then(|v| v.strip_suffix(';'));
        match hex.and_then(parse_hex) {
            Some(color) => {
                let [r, g, b] = legible(color, background);
                out.push_str(&format!(" color: #{r:02x}{g:02x}{b:02x};"));
            }
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

fn parse_hex(hex: &str) -> Option<Rgb> {
    let byte = |i: usize| hex.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok());
    if hex.len() != 6 {
        return None;
    }
    Some([byte(0)?, byte(2)?, byte(4)?])
}

fn legible(color: Rgb, background: Rgb) -> Rgb {
    let target: f64 = if luminance(background) > 0.5 { 0.0 } else { 255.0 };
    (0..=20)
        .map(|step| {
            let t = f64::from(step) / 20.0;
            color.map(|c| (f64::from(c) + (target - f64::from(c)) * t).round() as u8)
        })
        .find(|c| contrast(*c, background) >= MIN_CONTRAST)
        .unwrap_or(if target == 0.0 { [0, 0, 0] } else { [255, 255, 255] })
}

/// WCAG 2 relative luminance.
fn luminance(rgb: Rgb) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2])
}

fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
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
        assert!(css.contains("@media not screen and (prefers-color-scheme: dark)"));
        assert!(css.contains("@media screen and (prefers-color-scheme: dark)"));
    }

    #[test]
    fn every_colour_meets_wcag_aa_on_the_code_background() {
        let css = stylesheet();
        let (light, dark) = css.split_once("@media screen and").unwrap();
        for (part, background) in [(light, LIGHT_BACKGROUND), (dark, DARK_BACKGROUND)] {
            let colours: Vec<Rgb> = part
                .lines()
                .filter_map(|l| l.trim().strip_prefix("color: #")?.strip_suffix(';').and_then(parse_hex))
                .collect();
            assert!(colours.len() > 10, "{part}");
            for c in colours {
                assert!(contrast(c, background) >= 4.5, "{c:?} on {background:?}: {:.2}", contrast(c, background));
            }
        }
    }

    #[test]
    fn legible_keeps_colours_that_already_read_and_fixes_the_rest() {
        assert_eq!(legible([0x18, 0x36, 0x91], LIGHT_BACKGROUND), [0x18, 0x36, 0x91]);
        let fixed = legible([0x96, 0x98, 0x96], LIGHT_BACKGROUND);
        assert!(contrast(fixed, LIGHT_BACKGROUND) >= MIN_CONTRAST && fixed[0] < 0x96, "{fixed:?}");
        let fixed = legible([0x65, 0x73, 0x7e], DARK_BACKGROUND);
        assert!(contrast(fixed, DARK_BACKGROUND) >= MIN_CONTRAST && fixed[0] > 0x65, "{fixed:?}");
    }
}
