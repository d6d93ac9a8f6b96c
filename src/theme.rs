//! Themes: the embedded default, overridden file by file by the dossier's
//! own `themes/<name>/` (templates in `templates/`, assets in `static/`).
//! The stylesheet and the script are kept in parts (`static/css/`,
//! `static/js/`) and joined here, after the overlay, so a dossier can
//! replace one part (its colours: `static/css/tokens.css`) and keep the rest.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::error::{Error, Result};
use crate::load::walk::{self, BadLink, Found};

/// How many files and folders `templates/` and `static/` may each hold,
/// and how many bytes a theme's files may add up to: far more than a theme
/// needs, far less than a system folder.
const MAX_THEME_ENTRIES: usize = 10_000;
const MAX_THEME_BYTES: u64 = 256 * 1024 * 1024;

fn refused(path: std::path::PathBuf, bad: &BadLink) -> Error {
    let source =
        std::io::Error::other(format!("{}; a theme's files must be inside the dossier's folder", bad.describe()));
    Error::Io { action: "read theme", path, source }
}

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

/// A theme's files by path inside the theme: `templates/claim.html`, `static/css/tokens.css`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Theme {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// The theme compiled into the binary.
    pub(crate) fn embedded() -> Theme {
        Theme { files: embedded::FILES.iter().map(|(p, b)| ((*p).to_owned(), b.to_vec())).collect() }
    }

    /// The embedded default overlaid with `<root>/themes/<name>/`: the files
    /// of its `templates/` and `static/`. Links are followed only inside the
    /// dossier's folder, and a theme is read only up to a bound, so a link
    /// to a system folder fails at once rather than reading it all.
    pub(crate) fn load(root: &Path, name: &str) -> Result<Theme> {
        let mut theme = Theme::embedded();
        let canonical = fs::canonicalize(root).map_err(Error::io("read", root))?;
        let dir = root.join("themes").join(name);
        for path in [root.join("themes"), dir.clone()] {
            if let (Found::Refused(bad), _) = walk::inspect(&canonical, &path) {
                return Err(refused(path, &bad));
            }
        }
        if !dir.is_dir() {
            if name == "default" {
                return Ok(theme);
            }
            let source = std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "site.yaml names this theme, but its folder does not exist",
            );
            return Err(Error::Io { action: "read theme", path: dir, source });
        }
        let mut total: u64 = 0;
        for part in ["templates", "static"] {
            let walked = walk::walk(&canonical, &dir.join(part), &|_| true, MAX_THEME_ENTRIES)?;
            if let Some((path, bad)) = walked.refused.into_iter().next() {
                return Err(refused(path, &bad));
            }
            for path in walked.files {
                total += fs::metadata(&path).map_err(Error::io("read", &path))?.len();
                if total > MAX_THEME_BYTES {
                    let source =
                        std::io::Error::other(format!("the theme's files add up to more than {MAX_THEME_BYTES} bytes"));
                    return Err(Error::Io { action: "read theme", path: dir, source });
                }
                let rel = path.strip_prefix(&dir).expect("walked below the theme");
                let name = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                let bytes = fs::read(&path).map_err(Error::io("read", &path))?;
                theme.files.insert(name, bytes);
            }
        }
        Ok(theme)
    }

    /// Templates by name (`claim.html`), as text.
    pub(crate) fn templates(&self) -> Result<Vec<(String, String)>> {
        let mut out = Vec::new();
        for (path, bytes) in &self.files {
            if let Some(name) = path.strip_prefix("templates/") {
                let text = String::from_utf8(bytes.clone()).map_err(|_| Error::Template {
                    name: name.to_owned(),
                    message: "the template is not UTF-8".to_owned(),
                })?;
                out.push((name.to_owned(), text));
            }
        }
        Ok(out)
    }

    /// Static assets by their path under `static/`, in path order: every
    /// file as it is, but the parts of a [`JOINED`] asset only joined.
    pub(crate) fn assets(&self) -> impl Iterator<Item = (&str, Cow<'_, [u8]>)> {
        let mut out: BTreeMap<&str, Cow<'_, [u8]>> = self
            .files
            .iter()
            .filter_map(|(p, b)| p.strip_prefix("static/").map(|n| (n, b.as_slice())))
            .filter(|(name, _)| !is_part(name))
            .map(|(name, bytes)| (name, Cow::Borrowed(bytes)))
            .collect();
        for (asset, parts) in JOINED {
            // A theme's own whole `static/style.css` wins over the parts.
            if !out.contains_key(asset)
                && let Some(joined) = join(parts.iter().filter_map(|p| self.files.get(&format!("static/{p}"))))
            {
                out.insert(asset, Cow::Owned(joined));
            }
        }
        out.into_iter()
    }
}

/// The assets made of parts, each with its parts under `static/` in the
/// order they are joined. The order is the cascade's (tokens first, print
/// last) and the script's (`core.js` opens the one function scope that
/// `start.js` closes).
pub(crate) const JOINED: &[(&str, &[&str])] = &[
    (
        "style.css",
        &["css/tokens.css", "css/base.css", "css/layout.css", "css/components.css", "css/pages.css", "css/print.css"],
    ),
    (
        "dossier.js",
        &["js/core.js", "js/disk.js", "js/article.js", "js/card.js", "js/keys.js", "js/filters.js", "js/start.js"],
    ),
];

fn is_part(name: &str) -> bool {
    JOINED.iter().any(|(_, parts)| parts.contains(&name))
}

/// The parts one after another, a line break added after any part that
/// lacks one (a closing `// comment` must not swallow the next part's first
/// line). `None` when there are no parts.
fn join<'a>(parts: impl Iterator<Item = &'a Vec<u8>>) -> Option<Vec<u8>> {
    let mut out: Option<Vec<u8>> = None;
    for part in parts {
        let joined = out.get_or_insert_with(Vec::new);
        joined.extend_from_slice(part);
        if !part.is_empty() && !part.ends_with(b"\n") {
            joined.push(b'\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme(files: &[(&str, &str)]) -> Theme {
        Theme { files: files.iter().map(|(p, b)| ((*p).to_owned(), b.as_bytes().to_vec())).collect() }
    }

    fn asset(theme: &Theme, name: &str) -> Option<String> {
        theme.assets().find(|(n, _)| *n == name).map(|(_, b)| String::from_utf8(b.into_owned()).unwrap())
    }

    #[test]
    fn style_css_is_its_parts_in_cascade_order_not_name_order() {
        let t = theme(&[
            ("static/css/base.css", "base\n"),
            ("static/css/components.css", "components\n"),
            ("static/css/layout.css", "layout\n"),
            ("static/css/pages.css", "pages\n"),
            ("static/css/print.css", "print\n"),
            ("static/css/tokens.css", "tokens\n"),
        ]);
        assert_eq!(asset(&t, "style.css").unwrap(), "tokens\nbase\nlayout\ncomponents\npages\nprint\n");
    }

    #[test]
    fn dossier_js_is_its_parts_in_order_inside_one_scope() {
        let t = theme(&[
            ("static/js/article.js", "article\n"),
            ("static/js/card.js", "card\n"),
            ("static/js/core.js", "(function () {\n"),
            ("static/js/disk.js", "disk\n"),
            ("static/js/filters.js", "filters\n"),
            ("static/js/keys.js", "keys\n"),
            ("static/js/start.js", "})();\n"),
        ]);
        assert_eq!(asset(&t, "dossier.js").unwrap(), "(function () {\ndisk\narticle\ncard\nkeys\nfilters\n})();\n");
    }

    #[test]
    fn parts_are_published_only_joined_and_other_files_as_they_are() {
        let t = theme(&[
            ("static/css/tokens.css", "tokens\n"),
            ("static/css/extra.css", "extra\n"),
            ("static/favicon.svg", "<svg/>"),
            ("templates/base.html", "<html>"),
        ]);
        let names: Vec<&str> = t.assets().map(|(n, _)| n).collect();
        assert_eq!(names, ["css/extra.css", "favicon.svg", "style.css"]);
    }

    #[test]
    fn a_themes_whole_style_css_wins_over_the_parts() {
        let t = theme(&[("static/css/tokens.css", "tokens\n"), ("static/style.css", "whole\n")]);
        assert_eq!(asset(&t, "style.css").unwrap(), "whole\n");
        assert_eq!(t.assets().count(), 1, "the parts are not published alone");
    }

    #[test]
    fn a_part_without_a_final_line_break_does_not_run_into_the_next() {
        let t = theme(&[("static/js/core.js", "// no line break"), ("static/js/start.js", "go();\n")]);
        assert_eq!(asset(&t, "dossier.js").unwrap(), "// no line break\ngo();\n");
    }

    #[test]
    fn the_embedded_theme_names_every_part_it_has() {
        let t = Theme::embedded();
        for (asset, parts) in JOINED {
            for part in *parts {
                assert!(t.files.contains_key(&format!("static/{part}")), "{asset}: no part {part}");
            }
        }
        let stray: Vec<&String> = t
            .files
            .keys()
            .filter(|p| p.starts_with("static/css/") || p.starts_with("static/js/"))
            .filter(|p| !is_part(&p["static/".len()..]))
            .collect();
        assert!(stray.is_empty(), "parts not in JOINED would be published alone: {stray:?}");
        let names: Vec<&str> = t.assets().map(|(n, _)| n).collect();
        assert_eq!(names, ["dossier.js", "favicon.svg", "search-index.js", "search.js", "style.css"]);
    }
}
