//! Renders the site in memory: every page through the theme's Tera
//! templates (in parallel), plus the theme's assets and the code stylesheet.
//! `update` renders again after an edit, only what the edit can change.
//! The pages are those `view` declares; their contexts are converted to
//! Tera's values here ([`Templates`] is the views' [`view::Engine`]).

mod update;
mod value;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::error::{Error, Result};
use crate::highlight;
use crate::model::Dossier;
use crate::progress::{Progress, Stage};
use crate::routes::Route;
use crate::theme::Theme;
use crate::view::{self, Page, Views};
use crate::xref::Xref;

pub(crate) use update::{Cache, Files, update};
pub(crate) use value::TemplateValue;

pub(crate) use crate::output::Output;

/// The theme's templates, parsed once.
pub(crate) struct Templates {
    tera: Tera,
}

impl Templates {
    pub(crate) fn new(theme: &Theme) -> Result<Templates> {
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        let templates = theme.templates()?;
        tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| template_error("(parsing)", &e))?;
        Ok(Templates { tera })
    }

    /// Renders a page built by [`Views::build`].
    pub(crate) fn render(&self, page: Page<Result<Context>>) -> Result<String> {
        self.render_context(page.template, &page.context?)
    }

    fn render_context(&self, template: &str, context: &Context) -> Result<String> {
        self.tera.render(template, context).map_err(|e| template_error(template, &e))
    }
}

/// Views are converted to Tera's values: each shared reference once, each
/// page's context as it is built.
impl view::Engine for Templates {
    type Shared = TemplateValue;
    type Context = Result<Context>;

    fn share<T: Serialize>(&self, view: &T) -> TemplateValue {
        TemplateValue::new(view)
    }

    fn context<T: Serialize>(&self, template: &'static str, page: &T) -> Result<Context> {
        Context::from_serialize(page).map_err(|e| template_error(template, &e))
    }
}

fn template_error(name: &str, e: &tera::Error) -> Error {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    Error::Template { name: name.to_owned(), message }
}

/// Every file of the site, sorted by path.
#[cfg(test)]
pub(crate) fn site(dossier: &Dossier, theme: &Theme) -> Result<Vec<Output>> {
    let files = std::sync::Mutex::new(Vec::new());
    site_into(dossier, theme, &crate::progress::Silent, &|file| {
        files.lock().expect("no panics while held").push(file);
        Ok(())
    })?;
    let mut files = files.into_inner().expect("no panics while held");
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Renders every file of the site and hands each to `sink` as soon as it
/// is made, from several threads and in no set order, so that pages need
/// not be held in memory: a 10,000-article site is written as it renders.
/// `progress` learns how many pages there are before the first is made.
/// Returns how many files were made.
pub(crate) fn site_into(
    dossier: &Dossier,
    theme: &Theme,
    progress: &dyn Progress,
    sink: &(dyn Fn(Output) -> Result<()> + Sync),
) -> Result<usize> {
    let templates = Templates::new(theme)?;
    let xref = Xref::new(dossier);
    // The exports are made once, each handed on as it is made; their
    // sizes are kept for the downloads page.
    let downloads = crate::export::files_into(&xref, &mut |file| sink(file))?;
    let views = Views::new(&xref, &templates, &downloads);
    let pages = view::pages(&xref);
    progress.start(Stage::Render, Some(pages.len()));
    let mut count = pages.len() + downloads.len();
    pages.par_iter().try_for_each(|page| {
        let page = views.build(page);
        let path = page.path.clone();
        let html = templates.render(page)?;
        sink(Output { path, bytes: html.into_bytes() })
    })?;
    let routes: Vec<Route<'_>> = pages.iter().map(|page| page.route()).collect();
    extras(&xref, &routes, assets(theme), &mut |file| {
        count += 1;
        sink(file)
    })?;
    Ok(count)
}

/// What is not a page nor an export: publishing files (which list the
/// pages), the search index, and assets.
fn extras(
    xref: &Xref<'_>,
    pages: &[Route<'_>],
    assets: Vec<Output>,
    sink: &mut dyn FnMut(Output) -> Result<()>,
) -> Result<()> {
    for file in crate::publish::files(xref.dossier, pages).into_iter().chain(assets) {
        sink(file)?;
    }
    crate::search::files_into(xref.dossier, xref, sink)
}

/// The theme's `static/` files under `assets/`, and the code stylesheet
/// unless the theme brings its own `syntax.css`.
fn assets(theme: &Theme) -> Vec<Output> {
    let mut out: Vec<Output> =
        theme.assets().map(|(p, b)| Output { path: Route::Asset(p).file(), bytes: b.to_vec() }).collect();
    let syntax = Route::SYNTAX.file();
    if !out.iter().any(|o| o.path == syntax) {
        out.push(Output { path: syntax, bytes: highlight::stylesheet().into_bytes() });
    }
    out
}

#[cfg(test)]
mod update_props;
#[cfg(test)]
mod update_tests;
