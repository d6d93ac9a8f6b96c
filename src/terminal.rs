//! The command line's progress display (part of the binary, not the
//! library): a bar on a terminal once a build has run for a second, stage
//! timings with `--verbose`, nothing at all in pipes, CI or with `--quiet`.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use dossier::progress::{Progress, Stage};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How much to say while working.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

/// A short build stays silent: the bar appears only after this long.
const SHOW_AFTER: Duration = Duration::from_secs(1);

pub struct Display {
    verbosity: Verbosity,
    /// A bar is drawn only on an interactive terminal outside CI.
    interactive: bool,
    started: Instant,
    bar: Mutex<Option<ProgressBar>>,
}

impl Display {
    pub fn new(verbosity: Verbosity) -> Display {
        let interactive = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        Display { verbosity, interactive, started: Instant::now(), bar: Mutex::new(None) }
    }

    fn with_bar(&self, f: impl FnOnce(&mut Option<ProgressBar>)) {
        if let Ok(mut bar) = self.bar.lock() {
            f(&mut bar);
        }
    }
}

impl Progress for Display {
    fn start(&self, stage: Stage, total: Option<usize>) {
        if !self.interactive || self.verbosity == Verbosity::Quiet {
            return;
        }
        let bar = match total {
            Some(n) => ProgressBar::with_draw_target(Some(n as u64), ProgressDrawTarget::hidden()).with_style(
                ProgressStyle::with_template("{msg:>10} [{bar:30}] {pos}/{len} pages, {eta} left")
                    .expect("a valid template")
                    .progress_chars("=> "),
            ),
            None => ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden())
                .with_style(ProgressStyle::with_template("{msg:>10} {spinner}").expect("a valid template")),
        };
        bar.set_message(stage.as_str());
        // Shown once the build has run for SHOW_AFTER, even in a stage that
        // makes no steps (checking): a watcher thread reveals it then.
        let wait = SHOW_AFTER.saturating_sub(self.started.elapsed());
        let shown = bar.clone();
        std::thread::spawn(move || {
            std::thread::sleep(wait);
            if !shown.is_finished() {
                shown.set_draw_target(ProgressDrawTarget::stderr());
                shown.enable_steady_tick(Duration::from_millis(120));
            }
        });
        self.with_bar(|slot| *slot = Some(bar));
    }

    fn step(&self) {
        self.with_bar(|slot| {
            if let Some(bar) = slot {
                bar.inc(1);
            }
        });
    }

    fn end(&self, stage: Stage, items: usize, took: Duration) {
        self.with_bar(|slot| {
            if let Some(bar) = slot.take() {
                bar.finish_and_clear();
            }
        });
        if self.verbosity == Verbosity::Verbose {
            let what = match stage {
                Stage::Load => "files read",
                Stage::Resolve => "articles checked",
                Stage::Render => "files written",
            };
            eprintln!("{:>10}: {items} {what} in {} ms", stage.as_str(), took.as_millis());
        }
    }
}
