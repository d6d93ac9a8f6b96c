//! Themes: the embedded default, overridden file by file by the dossier's
//! own `themes/<name>/` (templates in `templates/`, assets in `static/`).

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

/// A theme's files by path inside the theme: `templates/claim.html`, `static/style.css`.
#[derive(Clone, Debug, Default)]
pub struct Theme {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// The theme compiled into the binary.
    pub fn embedded() -> Theme {
        Theme { files: embedded::FILES.iter().map(|(p, b)| ((*p).to_owned(), b.to_vec())).collect() }
    }

    /// The embedded default overlaid with `<root>/themes/<name>/`: the files
    /// of its `templates/` and `static/`. Links are followed only inside the
    /// dossier's folder, and a theme is read only up to a bound, so a link
    /// to a system folder fails at once rather than reading it all.
    pub fn load(root: &Path, name: &str) -> Result<Theme> {
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
    pub fn templates(&self) -> Result<Vec<(String, String)>> {
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

    /// Static assets by their path under `static/`.
    pub fn assets(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().filter_map(|(p, b)| p.strip_prefix("static/").map(|n| (n, b.as_slice())))
    }
}
