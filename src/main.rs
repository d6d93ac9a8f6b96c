//! The `dossier` command line: parses arguments, runs the library, prints.

mod terminal;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use dossier::serve::{Event, Status};
use dossier::{BuildOptions, NewArticle, Report};

// Rendering allocates and frees many small values (template contexts) on
// several threads at once; mimalloc does that much faster than the system
// allocator. Without transparent huge pages (the `no_thp` feature), which
// would add about 100 MiB of mostly empty memory to a 10,000-article build.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "dossier", version, about = "Build an annotated dossier: articles, claims and actors, linked")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build content/ into a static site (public/ by default).
    Build {
        #[command(flatten)]
        common: Common,
        /// Where the site goes [default: <root>/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Overrides `base_url` from site.yaml for this build.
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Validate the dossier without writing anything.
    Check {
        #[command(flatten)]
        common: Common,
        /// Apply the fixes that are safe to apply mechanically, then check again.
        #[arg(long)]
        fix: bool,
        /// With --fix: write nothing, print the changes as a unified diff.
        #[arg(long, requires = "fix")]
        dry_run: bool,
    },
    /// Create something new in the dossier.
    #[command(subcommand)]
    New(New),
    /// Preview while editing: build in memory, serve on 127.0.0.1, rebuild
    /// and reload open pages on every change to content/ or themes/.
    Serve {
        /// The dossier's root folder (it holds content/ and themes/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port on 127.0.0.1; 0 picks a free one.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
    },
}

#[derive(Subcommand)]
enum New {
    /// Write `content/articles/<slug>.md` and a commented sidecar; never overwrites.
    Article {
        /// The article's id: lowercase letters, digits and single hyphens.
        slug: String,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        url: Option<String>,
        /// The dossier's root folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(clap::Args)]
struct Common {
    /// The dossier's root folder (it holds content/ and themes/).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Fail on warnings too.
    #[arg(long)]
    deny_warnings: bool,
    /// Print only diagnostics: no progress bar, no summary.
    #[arg(long, short, conflicts_with = "verbose")]
    quiet: bool,
    /// Also print how long each stage took.
    #[arg(long, short)]
    verbose: bool,
}

impl Common {
    fn display(&self) -> terminal::Display {
        terminal::Display::new(match (self.quiet, self.verbose) {
            (true, _) => terminal::Verbosity::Quiet,
            (_, true) => terminal::Verbosity::Verbose,
            _ => terminal::Verbosity::Normal,
        })
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
    Github,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (common, result) = match cli.command {
        Command::Build { common, output, base_url } => {
            let mut options = BuildOptions::new(&common.root).with_deny_warnings(common.deny_warnings);
            options.output = output;
            options.base_url = base_url;
            let result = dossier::build_with(&options, &common.display());
            (common, result)
        }
        Command::Check { common, fix: true, dry_run } => return fix(&common, dry_run),
        Command::Check { common, .. } => {
            let result = dossier::check_with(&common.root, &common.display());
            (common, result)
        }
        Command::New(New::Article { slug, title, url, root }) => return new_article(&slug, title, url, &root),
        Command::Serve { root, port, open } => {
            return serve(&dossier::serve::Options::new(root).with_port(port).with_open(open));
        }
    };
    match result {
        Ok(report) => finish(&common, &report),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// `check --fix`: prints each fix (and, in a dry run, the diff), then
/// what remains, as `check` does.
fn fix(common: &Common, dry_run: bool) -> ExitCode {
    let report = match dossier::fix(&common.root, &dossier::FixOptions::new().with_dry_run(dry_run)) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let verb = if dry_run { "would fix" } else { "fixed" };
    for applied in &report.applied {
        eprintln!("{verb} {}", applied.render());
    }
    if dry_run {
        print!("{}", report.diff);
    }
    if !common.quiet {
        let n = report.applied.len();
        eprintln!("{verb} {n} problem{}", if n == 1 { "" } else { "s" });
    }
    finish(common, &report.remaining)
}

fn new_article(slug: &str, title: Option<String>, url: Option<String>, root: &std::path::Path) -> ExitCode {
    let new = match NewArticle::from_args(slug, title, url) {
        Ok(new) => new,
        Err(problems) => {
            for problem in problems {
                eprintln!("error: {problem}");
            }
            return ExitCode::from(2);
        }
    };
    match dossier::new_article(root, &new) {
        Ok(paths) => {
            for path in paths {
                eprintln!("created {}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Runs until stopped; prints what happens. Exit 2 if it cannot start.
fn serve(options: &dossier::serve::Options) -> ExitCode {
    let color = std::io::stderr().is_terminal();
    match dossier::serve::serve(options, |event| print_event(&event, color)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn print_event(event: &Event<'_>, color: bool) {
    match event {
        Event::Serving { url } => eprintln!("serving {url} (Ctrl-C to stop)"),
        Event::Changed(paths) => {
            let more = paths.len().saturating_sub(3);
            let more = if more > 0 { format!(" and {more} more") } else { String::new() };
            eprintln!("changed: {}{more}", paths[..paths.len().min(3)].join(", "));
        }
        Event::Watch(problem) => eprintln!("warning: watching for changes: {problem}"),
        Event::Built(outcome) => {
            let report = &outcome.report;
            eprint!("{}", report.render_human(color));
            if !report.diagnostics.is_empty() {
                eprintln!("{}", report.summary());
            }
            let ms = outcome.elapsed.as_millis();
            match &outcome.status {
                Status::Built { pages, rendered, changed } => {
                    eprintln!("built in {ms} ms: {rendered} of {pages} pages rendered, {changed} files changed");
                }
                Status::ContentErrors => eprintln!("not rebuilt: fix the errors above (open pages show them too)"),
                Status::Failed(e) => eprintln!("error: {e}\nnot rebuilt (open pages show this too)"),
            }
        }
    }
}

/// Prints the diagnostics; exit 1 on errors (or warnings, if denied).
fn finish(common: &Common, report: &Report) -> ExitCode {
    let clean = report.diagnostics.is_empty();
    match common.format {
        Format::Human => {
            eprint!("{}", report.render_human(std::io::stderr().is_terminal()));
            if !clean {
                eprintln!("{}", report.summary());
            }
            if report.written > 0 && !common.quiet {
                eprintln!("wrote {} files", report.written);
            }
        }
        Format::Json => print!("{}", report.render_json()),
        Format::Github => print!("{}", report.render_github()),
    }
    let failed = report.has_errors() || (common.deny_warnings && !clean);
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}
