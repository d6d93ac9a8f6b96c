//! Failures that stop a run: I/O (always with the path), themes, output
//! safety. Content problems are not errors but diagnostics.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

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
            Error::Io { action, path, source } => write!(f, "failed to {action} `{}`: {source}", path.display()),
            Error::Template { name, message } => write!(f, "theme template `{name}`: {message}"),
            Error::UnsafeOutput { path, real, reason, hint } => {
                write!(f, "refusing to write to `{}`", path.display())?;
                if real != path {
                    write!(f, " (the folder `{}`)", real.display())?;
                }
                write!(f, ": {reason}\nhelp: {hint}")
            }
            Error::Usage(message) => f.write_str(message),
            Error::NoContent { path } => write!(
                f,
                "no dossier at `{}`: expected a `content/` folder with site.yaml (use --root to point at the dossier)",
                path.display()
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
