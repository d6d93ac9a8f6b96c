//! Renders the site in memory: every page through the theme's Tera
//! templates (in parallel), plus the theme's assets and the code stylesheet.

use rayon::prelude::*;
use tera::{Context, Tera};

use crate::error::{Error, Result};
use crate::highlight;
use crate::model::Dossier;
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
        let context = Context::from_serialize(&page.data).map_err(|e| template_error(page.template, &e))?;
        self.tera.render(page.template, &context).map_err(|e| template_error(page.template, &e))
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
pub fn site(dossier: &Dossier, theme: &Theme) -> Result<Vec<Output>> {
    let templates = Templates::new(theme)?;
    let xref = Xref::new(dossier);
    let views = Views { x: &xref };
    let specs = view::pages(dossier);
    let mut files: Vec<Output> = specs
        .par_iter()
        .map(|&spec| {
            let page = views.build(spec);
            let html = templates.render(&page)?;
            Ok(Output { path: page.path, bytes: html.into_bytes() })
        })
        .collect::<Result<_>>()?;
    let pages: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let extra = crate::publish::files(dossier, &pages);
    files.extend(extra);
    files.extend(assets(theme));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
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
