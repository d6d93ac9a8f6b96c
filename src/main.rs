//! The `dossier` command line: parses arguments, runs the library, prints.

mod terminal;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use dossier::serve::{Event, Status};
use dossier::{BuildOptions, ImportOptions, NewActor, NewArticle, NewClaim, NewDossier, Report};

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
    /// Add annotations to the sidecars from W3C Web Annotation JSON-LD or
    /// Hypothesis JSON; never overwrites an annotation.
    Import {
        /// The files to import (an annotation, a page, a collection with its
        /// pages beside it, a Hypothesis search result or list).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The dossier's root folder (it holds content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The address the site's annotations were exported under, if not
        /// `base_url` from site.yaml.
        #[arg(long)]
        base_url: Option<String>,
        /// How to print diagnostics.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Print only diagnostics.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Start a new dossier in an empty or new folder: content/ with an
    /// example article, .gitignore and the JSON Schemas in schemas/.
    Init {
        /// The folder, missing or empty.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Leave out the example article and its entries.
        #[arg(long)]
        bare: bool,
    },
    /// Write the JSON Schemas of the content format, for editors.
    Schema {
        /// Where they go [default: <root>/schemas].
        #[arg(long)]
        output: Option<PathBuf>,
        /// The dossier's root folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
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
    /// Add a claim to content/claims.yaml (or the last file of content/claims/).
    Claim {
        /// The claim's id: lowercase letters, digits and single hyphens.
        id: String,
        /// What the claim says, one sentence.
        // Text may start with `-`: it is a value, never a flag.
        #[arg(long, allow_hyphen_values = true)]
        statement: String,
        /// An actor the claim is about (repeat for more).
        #[arg(long)]
        about: Vec<String>,
        /// A tag (repeat for more).
        #[arg(long)]
        tag: Vec<String>,
        /// A claim this one contradicts (repeat for more).
        #[arg(long)]
        contradicts: Vec<String>,
        /// unverified, confirmed, misleading or false.
        #[arg(long)]
        verdict: Option<String>,
        /// The dossier's root folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Add an actor to content/actors.yaml (or the last file of content/actors/).
    Actor {
        /// The actor's id: lowercase letters, digits and single hyphens.
        id: String,
        /// Its name, as pages show it.
        #[arg(long, allow_hyphen_values = true)]
        name: String,
        /// person, organization, government, military, media, group or place.
        #[arg(long)]
        kind: Option<String>,
        /// Another spelling of the name (repeat for more).
        #[arg(long, allow_hyphen_values = true)]
        alias: Vec<String>,
        /// Who or what it is, in a few words.
        #[arg(long, allow_hyphen_values = true)]
        role: Option<String>,
        /// The id of the actor it belongs to.
        #[arg(long)]
        affiliation: Option<String>,
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
        Command::Import { files, root, base_url, format, quiet } => {
            let mut options = ImportOptions::new(root, files);
            options.base_url = base_url;
            return import(&options, format, quiet);
        }
        Command::New(New::Claim { id, statement, about, tag, contradicts, verdict, root }) => {
            let mut new = NewClaim::new(id, statement);
            (new.about, new.tags, new.contradicts, new.verdict) = (about, tag, contradicts, verdict);
            return created(dossier::new_claim(&root, &new).map(|p| vec![p]), "added to");
        }
        Command::New(New::Actor { id, name, kind, alias, role, affiliation, root }) => {
            let mut new = NewActor::new(id, name);
            (new.kind, new.aliases, new.role, new.affiliation) = (kind, alias, role, affiliation);
            return created(dossier::new_actor(&root, &new).map(|p| vec![p]), "added to");
        }
        Command::Init { dir, bare } => {
            return created(dossier::init(&NewDossier::new(dir).with_example(!bare)), "created");
        }
        Command::Schema { output, root } => {
            return created(dossier::write_schemas(&output.unwrap_or_else(|| root.join("schemas"))), "wrote");
        }
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

/// Imports, prints what could not be imported and what was; exit 1 if
/// anything could not be (or the dossier has errors), 2 on a failure.
fn import(options: &ImportOptions, format: Format, quiet: bool) -> ExitCode {
    let imported = match dossier::import(options) {
        Ok(imported) => imported,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let report = &imported.report;
    match format {
        Format::Human => {
            eprint!("{}", report.render_human(std::io::stderr().is_terminal()));
            if !report.diagnostics.is_empty() {
                eprintln!("{}", report.summary());
            }
            if !quiet {
                let (n, files) = (imported.annotations, imported.sidecars.len());
                let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
                eprintln!("imported {} into {}", plural(n, "annotation"), plural(files, "sidecar"));
            }
        }
        Format::Json => print!("{}", report.render_json()),
        Format::Github => print!("{}", report.render_github()),
    }
    if report.has_errors() { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// Prints each path written, or the error (exit 2).
fn created(result: dossier::Result<Vec<PathBuf>>, verb: &str) -> ExitCode {
    match result {
        Ok(paths) => {
            for path in paths {
                eprintln!("{verb} {}", path.display());
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
