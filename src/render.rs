//! Renders the site in memory: every page through the theme's Tera
//! templates (in parallel), plus the theme's assets and the code stylesheet.

use std::collections::HashMap;

use rayon::prelude::*;
use tera::{Context, Tera};

use crate::error::{Error, Result};
use crate::highlight;
use crate::model::Dossier;
use crate::progress::{Progress, Stage};
use crate::theme::Theme;
use crate::view::{self, Page, Views};
use crate::xref::Xref;

/// A file of the built site: its path below the output folder, and bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The theme's templates, parsed once.
pub struct Templates {
    tera: Tera,
}

impl Templates {
    pub fn new(theme: &Theme) -> Result<Templates> {
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        let templates = theme.templates()?;
        tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| template_error("(parsing)", &e))?;
        Ok(Templates { tera })
    }

    pub fn render(&self, page: &Page) -> Result<String> {
        self.render_context(page.template, &context(page)?)
    }

    fn render_context(&self, template: &str, context: &Context) -> Result<String> {
        self.tera.render(template, context).map_err(|e| template_error(template, &e))
    }
}

fn context(page: &Page) -> Result<Context> {
    Context::from_serialize(&page.data).map_err(|e| template_error(page.template, &e))
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
pub fn site(dossier: &Dossier, theme: &Theme) -> Result<Vec<Output>> {
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
pub fn site_into(
    dossier: &Dossier,
    theme: &Theme,
    progress: &dyn Progress,
    sink: &(dyn Fn(Output) -> Result<()> + Sync),
) -> Result<usize> {
    let templates = Templates::new(theme)?;
    let xref = Xref::new(dossier);
    let views = Views::new(&xref);
    let specs = view::pages(&xref);
    progress.start(Stage::Render, Some(specs.len()));
    let paths: Vec<String> = specs
        .par_iter()
        .map(|&spec| {
            let page = views.build(spec);
            let html = templates.render(&page)?;
            sink(Output { path: page.path.clone(), bytes: html.into_bytes() })?;
            Ok(page.path)
        })
        .collect::<Result<_>>()?;
    let mut count = paths.len();
    extras(&xref, &paths, assets(theme), &mut |file| {
        count += 1;
        sink(file)
    })?;
    Ok(count)
}

/// Pages rendered before, by path, with the template and context each was
/// rendered from: the same template with the same context gives the same
/// bytes, so such a page need not be rendered again. Only valid with the
/// theme and `Templates` that filled it: start a new one with a new theme.
#[derive(Default)]
pub struct Cache {
    pages: HashMap<String, Cached>,
    /// The theme's assets, which only a new theme changes.
    assets: Option<Vec<Output>>,
}

struct Cached {
    template: &'static str,
    context: Context,
    bytes: Vec<u8>,
}

/// What [`site_cached`] made.
pub struct Rendered {
    /// The same files [`site`] gives.
    pub files: Vec<Output>,
    pub pages: usize,
    /// Pages whose context changed (or that are new), so were rendered.
    pub rendered: usize,
}

/// [`site`] for a preview that rebuilds on every edit: templates are parsed
/// once by the caller, and only pages whose context differs from `cache`
/// are rendered; the rest keep their bytes. An edit to one sidecar thus
/// renders its article, the claims and actors it touches and the indexes.
/// Every context is still built (about a third of the cost of rendering
/// it), but unlike a hand-kept list of what depends on what, comparing
/// contexts cannot miss a dependency.
pub fn site_cached(dossier: &Dossier, theme: &Theme, templates: &Templates, cache: &mut Cache) -> Result<Rendered> {
    let xref = Xref::new(dossier);
    let views = Views::new(&xref);
    let specs = view::pages(&xref);
    let old = &cache.pages;
    let pages: Vec<(String, Cached, bool)> = specs
        .par_iter()
        .map(|&spec| {
            let page = views.build(spec);
            let context = context(&page)?;
            let same = old.get(&page.path).filter(|c| c.template == page.template && c.context == context);
            let (bytes, rendered) = match same {
                Some(cached) => (cached.bytes.clone(), false),
                None => (templates.render_context(page.template, &context)?.into_bytes(), true),
            };
            Ok((page.path, Cached { template: page.template, context, bytes }, rendered))
        })
        .collect::<Result<_>>()?;
    let rendered = pages.iter().filter(|(_, _, r)| *r).count();
    let files = pages.iter().map(|(path, c, _)| Output { path: path.clone(), bytes: c.bytes.clone() }).collect();
    // Replaced whole, so pages that are gone (a deleted article) leave the cache.
    cache.pages = pages.into_iter().map(|(path, c, _)| (path, c)).collect();
    let assets = cache.assets.get_or_insert_with(|| assets(theme)).clone();
    Ok(Rendered { files: finish(&xref, files, assets)?, pages: specs.len(), rendered })
}

/// Adds to the pages what is not a page, and sorts by path.
fn finish(xref: &Xref<'_>, mut files: Vec<Output>, assets: Vec<Output>) -> Result<Vec<Output>> {
    let pages: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
    extras(xref, &pages, assets, &mut |file| {
        files.push(file);
        Ok(())
    })?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// What is not a page: publishing files (which list the pages), the search
/// index, and assets.
fn extras(
    xref: &Xref<'_>,
    pages: &[String],
    assets: Vec<Output>,
    sink: &mut dyn FnMut(Output) -> Result<()>,
) -> Result<()> {
    let pages: Vec<&str> = pages.iter().map(String::as_str).collect();
    for file in crate::publish::files(xref.dossier, &pages).into_iter().chain(assets) {
        sink(file)?;
    }
    crate::search::files_into(xref.dossier, xref, sink)
}

/// The theme's `static/` files under `assets/`, and the code stylesheet
/// unless the theme brings its own `syntax.css`.
fn assets(theme: &Theme) -> Vec<Output> {
    let mut out: Vec<Output> =
        theme.assets().map(|(p, b)| Output { path: format!("assets/{p}"), bytes: b.to_vec() }).collect();
    if !out.iter().any(|o| o.path == "assets/syntax.css") {
        out.push(Output { path: "assets/syntax.css".into(), bytes: highlight::stylesheet().into_bytes() });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stance;

    fn sample() -> Dossier {
        let (dossier, report) = crate::check(env!("CARGO_MANIFEST_DIR").as_ref()).unwrap();
        assert!(!report.has_errors());
        dossier
    }

    /// After each edit, the cached render gives exactly the bytes of a full
    /// render, and renders fewer pages when the edit is small.
    #[test]
    fn cached_render_is_the_full_render() {
        type Edit = fn(&mut Dossier);
        let edits: [(&str, Edit, bool); 6] = [
            ("nothing", |_| {}, true),
            (
                "a stance",
                |d| {
                    let annotation = &mut d.articles.values_mut().next().unwrap().annotations[0];
                    let flipped =
                        if annotation.stance == Stance::Supports { Stance::Disputes } else { Stance::Supports };
                    annotation.stance = flipped;
                },
                true,
            ),
            (
                "a claim",
                |d| {
                    let other = d.claims.keys().last().unwrap().clone();
                    d.articles.values_mut().next().unwrap().annotations[0].claim = other;
                },
                true,
            ),
            (
                "a speaker",
                |d| {
                    let other = d.actors.keys().last().unwrap().clone();
                    d.articles.values_mut().last().unwrap().annotations[1].by = Some(other);
                },
                true,
            ),
            ("an article's title", |d| d.articles.values_mut().next().unwrap().title.push_str(" (updated)"), true),
            (
                "an article",
                |d| {
                    let first = d.articles.keys().next().unwrap().clone();
                    d.articles.remove(&first);
                },
                false,
            ),
        ];
        let theme = Theme::embedded();
        let templates = Templates::new(&theme).unwrap();
        let mut cache = Cache::default();
        let mut before = sample();
        let first = site_cached(&before, &theme, &templates, &mut cache).unwrap();
        assert_eq!(first.files, site(&before, &theme).unwrap());
        assert_eq!(first.rendered, first.pages);
        for (what, edit, small) in edits {
            let mut after = before.clone();
            edit(&mut after);
            let cached = site_cached(&after, &theme, &templates, &mut cache).unwrap();
            assert!(cached.files == site(&after, &theme).unwrap(), "editing {what}: not the full render");
            if small {
                assert!(cached.rendered < cached.pages, "editing {what}: {} of {}", cached.rendered, cached.pages);
            }
            before = after;
        }
        // A removed article's page is gone, not left over from the cache.
        assert_eq!(cache.pages.len(), view::pages(&Xref::new(&before)).len());
    }
}
