//! `dossier serve`: builds the site in memory, serves it on 127.0.0.1,
//! rebuilds when `content/` or `themes/` change and reloads open pages.
//!
//! `preview` holds the site and rebuilds it; `http` answers requests. A
//! broken edit keeps the last good site up, with its problems over every
//! page until they are fixed. Nothing is written to disk.

mod http;
#[cfg(test)]
mod incremental_tests;
mod preview;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::Duration;

use notify_debouncer_full::notify::{Config, EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer_opt};

use crate::error::{Error, Result};
pub use preview::{Outcome, Status};

/// Long enough to take an editor's save (write, rename, chmod) and a
/// `git checkout` of several files as one change; short enough to feel
/// immediate.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// What to serve and how: [`Options::new`] and the `with_` methods, or set
/// the fields.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Options {
    /// The dossier: `content/` and `themes/` are watched below it.
    pub root: PathBuf,
    /// 0 picks a free port; the one taken is in [`Event::Serving`].
    pub port: u16,
    /// Open the site in the default browser once it is served.
    pub open: bool,
}

impl Options {
    /// Serves the dossier at `root` on port 1111, without opening a browser.
    pub fn new(root: impl Into<PathBuf>) -> Options {
        Options { root: root.into(), port: 1111, open: false }
    }

    /// Serves on `port` of 127.0.0.1 (0 picks a free one).
    pub fn with_port(mut self, port: u16) -> Options {
        self.port = port;
        self
    }

    /// Whether to open the site in the default browser once it is served.
    pub fn with_open(mut self, open: bool) -> Options {
        self.open = open;
        self
    }
}

/// What the server reports, for the caller to print.
#[derive(Debug)]
pub enum Event<'a> {
    /// A build finished: the first one, or one after an edit.
    Built(&'a Outcome),
    /// The server answers at `url` (after the first build).
    Serving {
        /// `http://127.0.0.1:<port>/`, where the site is served.
        url: &'a str,
    },
    /// These files changed (relative to the root); a build follows.
    Changed(&'a [String]),
    /// The file watcher had a problem; serving goes on.
    Watch(String),
}

/// Builds, serves and rebuilds until the process is stopped. Fails only at
/// the start: no `content/`, the port is taken, nothing can be watched.
pub fn serve(options: &Options, mut on_event: impl FnMut(Event<'_>)) -> Result<()> {
    let root = std::fs::canonicalize(&options.root).map_err(Error::io("read", &options.root))?;
    let content = root.join("content");
    if !content.is_dir() {
        return Err(Error::NoContent { path: options.root.clone() });
    }
    let themes = root.join("themes");

    // Taken first, so a busy port fails at once; requests wait until the
    // first build is published.
    let address = format!("127.0.0.1:{}", options.port);
    let server = tiny_http::Server::http(&address).map_err(|e| Error::Io {
        action: "listen on",
        path: PathBuf::from(&address),
        source: std::io::Error::other(e),
    })?;
    let port = server.server_addr().to_ip().map_or(options.port, |a| a.port());

    // Watching starts before the first build reads anything, so no edit
    // can fall between the two.
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = watch(&root, &content, &themes, tx)?;

    let mut preview = preview::Preview::new(root.clone());
    let live = Arc::new(http::LiveSite::new(port));
    let outcome = preview.rebuild(None);
    live.publish(preview.files(), outcome.problems(), preview.base_path());
    on_event(Event::Built(&outcome));

    let handler = Arc::clone(&live);
    thread::spawn(move || http::run(server, handler));
    let url = format!("http://127.0.0.1:{port}/");
    on_event(Event::Serving { url: &url });
    if options.open {
        open_browser(&url);
    }

    while let Ok(result) = rx.recv() {
        // Whatever else arrived meanwhile joins this build.
        let (paths, mut lost) = drain(result, &rx, &mut on_event);
        let paths: Vec<PathBuf> =
            paths.into_iter().filter(|p| p.starts_with(&content) || p.starts_with(&themes)).collect();
        if paths.is_empty() && !lost {
            continue;
        }
        // A folder removed, moved away or replaced takes its watch with it
        // (inotify watches the folder, not its name): watch whatever is
        // there now, and read everything, so no file written before the
        // new watch is missed.
        for folder in [&content, &themes] {
            if lost || paths.iter().any(|p| p == folder) {
                lost |= folder == &content;
                if let Err(e) = rewatch(&mut debouncer, folder) {
                    on_event(Event::Watch(format!("cannot watch `{}`: {e}", folder.display())));
                }
            }
        }
        let relative: Vec<String> = paths.iter().map(|p| relative_to(p, &root)).collect();
        on_event(Event::Changed(&relative));
        let outcome = preview.rebuild((!lost).then_some(paths.as_slice()));
        live.publish(preview.files(), outcome.problems(), preview.base_path());
        on_event(Event::Built(&outcome));
    }
    Ok(())
}

/// Watches the root (not recursively, to see `content/` and `themes/` go
/// and come back), `content/` and `themes/`.
fn watch(
    root: &Path,
    content: &Path,
    themes: &Path,
    tx: mpsc::Sender<DebounceEventResult>,
) -> Result<Debouncer<RecommendedWatcher, RecommendedCache>> {
    // The watcher does not follow links: one may lead anywhere (a theme
    // linked to a system folder). Links that are read lead inside the
    // dossier, and while there are any, every change reads everything
    // again (see `load::Reader`).
    let config = Config::default().with_follow_symlinks(false);
    let mut debouncer = new_debouncer_opt::<_, RecommendedWatcher, RecommendedCache>(
        DEBOUNCE,
        None,
        tx,
        RecommendedCache::new(),
        config,
    )
    .map_err(watch_error(root))?;
    debouncer.watch(root, RecursiveMode::NonRecursive).map_err(watch_error(root))?;
    debouncer.watch(content, RecursiveMode::Recursive).map_err(watch_error(content))?;
    if themes.is_dir() {
        debouncer.watch(themes, RecursiveMode::Recursive).map_err(watch_error(themes))?;
    }
    Ok(debouncer)
}

/// The paths `first` and whatever else has arrived name, and whether
/// events may have been lost (an error, or the watcher says so): then
/// every file is read again.
fn drain(
    first: DebounceEventResult,
    rx: &mpsc::Receiver<DebounceEventResult>,
    on_event: &mut impl FnMut(Event<'_>),
) -> (BTreeSet<PathBuf>, bool) {
    let mut paths = BTreeSet::new();
    let mut lost = false;
    for result in std::iter::once(first).chain(rx.try_iter()) {
        match result {
            Ok(events) => {
                lost |= events.iter().any(|e| e.need_rescan());
                let changes = events.into_iter().filter(|e| !matches!(e.kind, EventKind::Access(_)));
                paths.extend(changes.flat_map(|e| e.event.paths));
            }
            Err(errors) => {
                lost = true;
                errors.into_iter().for_each(|e| on_event(Event::Watch(e.to_string())));
            }
        }
    }
    (paths, lost)
}

/// Drops the watch on `folder` (it may be gone already) and watches it
/// again if it is there.
fn rewatch<T, C>(
    debouncer: &mut notify_debouncer_full::Debouncer<T, C>,
    folder: &Path,
) -> notify_debouncer_full::notify::Result<()>
where
    T: notify_debouncer_full::notify::Watcher,
    C: notify_debouncer_full::FileIdCache,
{
    let _ = debouncer.unwatch(folder);
    if folder.is_dir() { debouncer.watch(folder, RecursiveMode::Recursive) } else { Ok(()) }
}

fn watch_error(path: &Path) -> impl FnOnce(notify_debouncer_full::notify::Error) -> Error + '_ {
    move |e| Error::Io { action: "watch", path: path.to_owned(), source: std::io::Error::other(e) }
}

fn relative_to(path: &Path, root: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Best effort: with no browser to open, the address is printed anyway.
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        Command::new("open")
    } else if cfg!(windows) {
        let mut c = Command::new("cmd");
        // `start` takes its first quoted argument as a window title.
        c.args(["/C", "start", ""]);
        c
    } else {
        Command::new("xdg-open")
    };
    let spawned = command.arg(url).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).spawn();
    if let Ok(mut child) = spawned {
        // Reaped, so it does not linger as a zombie while we serve.
        thread::spawn(move || child.wait());
    }
}
