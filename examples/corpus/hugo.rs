//! The same articles as a Hugo site: the nearest Hugo equivalent of
//! dossier's claim and actor pages is a taxonomy term page, so each
//! article carries `claims` and `actors` in its front matter, and each term
//! has a content page with its statement or name.
//!
//! Templates are minimal but show what dossier's pages show at their
//! simplest: title, body, linked terms; lists of linked pages.

use std::fs;
use std::io;
use std::path::Path;

use super::q;
use super::text::Article;
use super::world::World;

const CONFIG: &str = r#"# A synthetic Hugo site for benchmarks, the twin of ../dossier.
baseURL = "https://example.org/bench/"
languageCode = "en"
title = "Synthetic dossier"
# Like dossier: one feed for the site, a sitemap, no feed per list page.
[outputs]
home = ["html", "rss"]
section = ["html"]
taxonomy = ["html"]
term = ["html"]
[taxonomies]
claim = "claims"
actor = "actors"
"#;

const BASEOF: &str = r#"<!DOCTYPE html>
<html lang="{{ site.Language.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ site.Title }}</title>
</head>
<body>
<header><a href="{{ relURL "" }}">{{ site.Title }}</a>
<nav><a href="{{ relURL "articles/" }}">Articles</a> <a href="{{ relURL "claims/" }}">Claims</a> <a href="{{ relURL "actors/" }}">Actors</a></nav>
</header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"#;

const SINGLE: &str = r#"{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p>{{ .Date.Format "2006-01-02" }}{{ with .Params.outlet }} · {{ . }}{{ end }}</p>
{{ .Content }}
<h2>Claims</h2>
<ul>{{ range .GetTerms "claims" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
<h2>Actors</h2>
<ul>{{ range .GetTerms "actors" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
</article>
{{ end }}
"#;

const LIST: &str = r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ .Date.Format "2006-01-02" }}</li>{{ end }}</ul>
{{ end }}
"#;

const TAXONOMY: &str = r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
"#;

const TERM: &str = r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<h2>Articles</h2>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ .Date.Format "2006-01-02" }}</li>{{ end }}</ul>
{{ end }}
"#;

/// The configuration, templates, section and term pages.
pub fn prepare(root: &Path, w: &World, articles: usize) -> io::Result<()> {
    let layouts = root.join("layouts");
    fs::create_dir_all(&layouts)?;
    fs::create_dir_all(root.join("content/articles"))?;
    fs::write(root.join("hugo.toml"), CONFIG)?;
    for (name, text) in [("baseof", BASEOF), ("single", SINGLE), ("list", LIST), ("taxonomy", TAXONOMY), ("term", TERM)]
    {
        fs::write(layouts.join(format!("{name}.html")), text)?;
    }
    let home = format!("---\ntitle: \"Synthetic dossier, {articles} articles\"\n---\n");
    fs::write(root.join("content/_index.md"), home)?;
    fs::write(root.join("content/articles/_index.md"), "---\ntitle: \"Articles\"\n---\n")?;
    for c in &w.claims {
        term(root, "claims", &c.id, &c.statement(), "")?;
    }
    for a in &w.actors {
        term(root, "actors", &a.id, &a.name, a.role.as_deref().unwrap_or(""))?;
    }
    Ok(())
}

fn term(root: &Path, taxonomy: &str, id: &str, title: &str, body: &str) -> io::Result<()> {
    let dir = root.join("content").join(taxonomy).join(id);
    fs::create_dir_all(&dir)?;
    fs::write(dir.join("_index.md"), format!("---\ntitle: {}\n---\n\n{body}\n", q(title)))
}

/// `content/articles/<id>.md`: the dossier article's body, with its claims
/// and actors (speakers, channels, outlet) as taxonomy terms.
pub fn article(root: &Path, w: &World, a: &Article) -> io::Result<()> {
    let mut claims: Vec<&str> = Vec::new();
    let mut actors: Vec<&str> = vec![&w.actors[a.outlet].id];
    for n in &a.annotations {
        push_new(&mut claims, &w.claims[n.claim].id);
        push_new(&mut actors, &w.actors[n.by].id);
        if let Some(via) = n.via {
            push_new(&mut actors, &w.actors[via].id);
        }
    }
    let text = format!(
        "---\ntitle: {}\ndate: {}\noutlet: {}\nclaims: [{}]\nactors: [{}]\n---\n\n{}",
        q(&a.title),
        a.published,
        q(&w.actors[a.outlet].name),
        claims.join(", "),
        actors.join(", "),
        a.body
    );
    fs::write(root.join("content/articles").join(format!("{}.md", a.id)), text)
}

fn push_new<'a>(list: &mut Vec<&'a str>, id: &'a str) {
    if !list.contains(&id) {
        list.push(id);
    }
}
