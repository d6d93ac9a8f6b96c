//! Themes: the embedded default, overridden file by file by the dossier's
//! own `themes/<name>/` (templates in `templates/`, assets in `static/`).

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use walkdir::WalkDir;

use crate::error::{Error, Result};

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

    /// The embedded default overlaid with `<root>/themes/<name>/`.
    pub fn load(root: &Path, name: &str) -> Result<Theme> {
        let mut theme = Theme::embedded();
        let dir = root.join("themes").join(name);
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
        for entry in WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.map_err(|e| Error::Io { action: "read theme", path: dir.clone(), source: e.into() })?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(&dir).expect("walked below the theme");
            let name = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            let bytes = fs::read(entry.path()).map_err(Error::io("read", entry.path()))?;
            theme.files.insert(name, bytes);
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
