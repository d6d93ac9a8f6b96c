//! What GitHub Pages and crawlers need besides the pages: `.nojekyll`,
//! `CNAME`, `robots.txt`, `sitemap.xml` and the Atom feed `atom.xml`.
//! Absolute URLs come from `base_url`; without it, sitemap and feed are
//! not written (they cannot be made of relative links).

use std::fmt::Write as _;

use crate::escape;
use crate::model::{Article, Dossier};
use crate::output::Output;
use crate::routes::Route;
use crate::sidecar::characters;

/// The extra files, given the site's pages.
pub(crate) fn files(dossier: &Dossier, pages: &[Route<'_>]) -> Vec<Output> {
    let site = &dossier.site;
    // GitHub Pages would otherwise run the site through Jekyll.
    let mut out = vec![Output { path: Route::NoJekyll.file(), bytes: Vec::new() }];
    if let Some(cname) = &site.cname {
        out.push(Output { path: Route::Cname.file(), bytes: format!("{cname}\n").into_bytes() });
    }
    let mut robots = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = &site.base_url {
        let _ = writeln!(robots, "Sitemap: {}", Route::Sitemap.url(base));
        out.push(Output { path: Route::Sitemap.file(), bytes: sitemap(dossier, base, pages).into_bytes() });
        out.push(Output { path: Route::Feed.file(), bytes: feed(dossier, base).into_bytes() });
    }
    out.push(Output { path: Route::Robots.file(), bytes: robots.into_bytes() });
    out
}

fn sitemap(dossier: &Dossier, base: &str, pages: &[Route<'_>]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (page, url) in pages.iter().filter_map(|page| Some((page, page.canonical(Some(base))?))) {
        let _ = write!(xml, "  <url><loc>{}</loc>", xml_text(&url));
        let published = match page {
            Route::Article(id) => dossier.articles.get(*id).and_then(|a| a.published),
            _ => None,
        };
        if let Some(date) = published {
            let _ = write!(xml, "<lastmod>{date}</lastmod>");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// Atom (RFC 4287). Dates are whole days at midnight UTC; an undated
/// article takes the feed's date, so the feed stays the same between
/// builds of the same content (no clock is read).
fn feed(dossier: &Dossier, base: &str) -> String {
    let site = &dossier.site;
    let mut articles: Vec<&Article> = dossier.articles.values().collect();
    articles.sort_by(|a, b| b.published.cmp(&a.published).then_with(|| a.id.cmp(&b.id)));
    let updated = articles.iter().filter_map(|a| a.published).max();
    let stamp =
        |d: Option<crate::model::Date>| d.map_or("1970-01-01T00:00:00Z".to_owned(), |d| format!("{d}T00:00:00Z"));
    let feed_updated = stamp(updated);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(xml, "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">", xml_text(&site.language));
    let _ = writeln!(xml, "  <title>{}</title>", xml_text(&site.title));
    if let Some(description) = &site.description {
        let _ = writeln!(xml, "  <subtitle>{}</subtitle>", xml_text(description));
    }
    let home = xml_text(&Route::Home.url(base));
    let _ = writeln!(xml, "  <id>{home}</id>");
    let _ = writeln!(
        xml,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        xml_text(&Route::Feed.url(base))
    );
    let _ = writeln!(xml, "  <link rel=\"alternate\" type=\"text/html\" href=\"{home}\"/>");
    let _ = writeln!(xml, "  <updated>{feed_updated}</updated>");
    let _ = writeln!(xml, "  <author><name>{}</name></author>", xml_text(&site.title));
    let _ = writeln!(xml, "  <generator>dossier</generator>");
    for a in articles {
        let url = xml_text(&Route::Article(&a.id).url(base));
        let when = if a.published.is_some() { stamp(a.published) } else { feed_updated.clone() };
        xml.push_str("  <entry>\n");
        let _ = writeln!(xml, "    <title>{}</title>", xml_text(&a.title));
        let _ = writeln!(xml, "    <id>{url}</id>");
        let _ = writeln!(xml, "    <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>");
        let _ = writeln!(xml, "    <updated>{when}</updated>");
        let by = a.author.clone().or_else(|| a.outlet.as_ref().map(|o| dossier.actors[o].name.clone()));
        if let Some(by) = by {
            let _ = writeln!(xml, "    <author><name>{}</name></author>", xml_text(&by));
        }
        let summary = format!("{} annotated passages.", a.annotations.len());
        let _ = writeln!(xml, "    <summary>{}</summary>", xml_text(&summary));
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// Text for XML: escaped, and with any character XML 1.0 cannot hold
/// replaced by U+FFFD. `check` refuses such characters in every field
/// already; this keeps the files readable whatever reaches them.
fn xml_text(text: &str) -> String {
    let escaped = escape::html(text);
    if characters::find(&escaped).is_none() {
        return escaped;
    }
    escaped.chars().map(|c| if characters::forbidden(c) { '\u{fffd}' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Id, Site};

    /// Feed and sitemap stay well-formed XML even if a control character
    /// reached the model (resolution reports them; this is the last guard).
    #[test]
    fn feeds_are_valid_xml_whatever_the_text() {
        let mut dossier = Dossier {
            site: Site {
                title: "Site \u{1}<&>\"".into(),
                description: Some("a\u{b}b\u{fffe}".into()),
                base_url: Some("https://example.org/".into()),
                language: "en".into(),
                ..Site::default()
            },
            ..Dossier::default()
        };
        let id = Id::parse("a").unwrap();
        let article = Article {
            title: "T\u{0}itle".into(),
            author: Some("A\u{7f}\u{85}".into()),
            ..Article::untitled(id.clone(), "content/articles/a.md".into())
        };
        dossier.articles.insert(id.clone(), article);
        let out = files(&dossier, &[Route::Home, Route::Article(&id)]);
        for name in ["atom.xml", "sitemap.xml"] {
            let file = out.iter().find(|o| o.path == name).unwrap();
            let text = std::str::from_utf8(&file.bytes).unwrap();
            assert!(characters::find(text).is_none(), "{name}: {text:?}");
            assert!(text.contains("Site \u{fffd}&lt;&amp;&gt;&quot;") || name == "sitemap.xml", "{text}");
        }
    }
}
