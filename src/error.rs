//! Failures that stop a run: I/O (always with the path), themes, output
//! safety. Content problems are not errors but diagnostics.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::escape::controls;

/// A failure that stops a run; its `Display` says what and where, in words.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing `path` failed.
    Io {
        /// What was being done: "read", "write", "create", …
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// Why it failed.
        source: io::Error,
    },
    /// A theme template failed to parse or render.
    Template {
        /// The template's file name.
        name: String,
        /// What went wrong, with the place in the template.
        message: String,
    },
    /// The output folder cannot safely be replaced.
    UnsafeOutput {
        /// The output folder as given.
        path: PathBuf,
        /// The folder it really names (links and `..` followed).
        real: PathBuf,
        /// Why it may not be written.
        reason: String,
        /// What to do instead.
        hint: String,
    },
    /// A command-line value that cannot be used.
    Usage(String),
    /// The dossier has no `content/` folder.
    NoContent {
        /// The dossier root as given.
        path: PathBuf,
    },
}

/// A result whose failure is an [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Wraps an I/O error with what was being done and to which path.
    pub fn io<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(io::Error) -> Error + 'a {
        move |source| Error::Io { action, path: path.to_owned(), source }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { action, path, source } => write!(f, "failed to {action} `{}`: {source}", shown(path)),
            Error::Template { name, message } => write!(f, "theme template `{name}`: {message}"),
            Error::UnsafeOutput { path, real, reason, hint } => {
                write!(f, "refusing to write to `{}`", shown(path))?;
                if real != path {
                    write!(f, " (the folder `{}`)", shown(real))?;
                }
                write!(f, ": {reason}\nhelp: {hint}")
            }
            Error::Usage(message) => f.write_str(message),
            Error::NoContent { path } => write!(
                f,
                "no dossier at `{}`: expected a `content/` folder with site.yaml (use --root to point at the dossier)",
                shown(path)
            ),
        }
    }
}

/// A path as a message shows it: a name with a line break in it must not
/// start a line of its own in a terminal or a CI log.
fn shown(path: &Path) -> String {
    controls(&path.display().to_string()).into_owned()
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder named with a line break could print a line of its own,
    /// such as a `::error` workflow command in a CI log.
    #[test]
    fn newline_injection_paths_in_errors_stay_on_their_line() {
        let path = PathBuf::from("site\n::error file=a.md::forged");
        let io = Error::Io { action: "read", path: path.clone(), source: io::Error::other("gone") };
        let refused =
            Error::UnsafeOutput { path: path.clone(), real: path.join("x"), reason: "r".into(), hint: "h".into() };
        for e in [io, refused, Error::NoContent { path }] {
            let text = e.to_string();
            assert!(text.lines().all(|l| !l.starts_with("::")), "{text}");
            assert!(text.contains("site\\n::error file=a.md::forged"), "{text}");
        }
    }
}
