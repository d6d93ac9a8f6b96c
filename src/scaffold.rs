//! `dossier new article`, `init`, `new claim` and `new actor`: the text
//! of new files, and of registries with an entry added. Pure; `write`
//! puts them on disk.

pub(crate) mod append;
pub(crate) mod entry;
pub(crate) mod init;

use crate::escape;
use crate::model::Id;
use crate::resolve::url::{self, UrlKind};
use crate::sidecar::characters;

/// What to put in a new article's front matter.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct NewArticle {
    /// The article's id, which names its two files.
    pub id: Option<Id>,
    /// Its headline, one line.
    pub title: Option<String>,
    /// The address of the source it copies.
    pub url: Option<String>,
}

impl NewArticle {
    /// The arguments of `dossier new article`, checked as `check` would
    /// check the file they make: the id a slug, the title one line of text
    /// (a line break or a control character is refused rather than
    /// written: `check` would refuse it), the URL a web address. Every
    /// problem, in words.
    pub fn from_args(slug: &str, title: Option<String>, url: Option<String>) -> Result<NewArticle, Vec<String>> {
        let mut problems = Vec::new();
        let id = Id::parse(slug)
            .map_err(|e| problems.push(format!("`{}` is not a valid article id: {e}", slug.escape_debug())))
            .ok();
        if let Some(title) = &title {
            if title.trim().is_empty() {
                problems.push("--title is empty: give the article's headline".to_owned());
            } else if let Some(c) = title.chars().find(|&c| matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')) {
                problems.push(format!(
                    "--title `{}` has a line break (U+{:04X}): a title is one line",
                    title.escape_debug(),
                    u32::from(c)
                ));
            } else if let Some((_, c)) = characters::find(title) {
                problems.push(format!(
                    "--title `{}` contains {}: remove it",
                    title.escape_debug(),
                    characters::describe(c)
                ));
            }
        }
        if let Some(address) = &url
            && let Err(e) = url::check(address, UrlKind::Page)
        {
            problems.push(format!(
                "--url `{}` is not a web address: {e}; e.g. https://example.org/report",
                address.escape_debug()
            ));
        }
        if problems.is_empty() { Ok(NewArticle { id, title, url }) } else { Err(problems) }
    }
}

/// The Markdown file: front matter and a place for the text.
pub(crate) fn article(new: &NewArticle) -> String {
    let title = new.title.as_deref().unwrap_or("Title of the article");
    let url =
        new.url.as_deref().map_or_else(|| "# url: https://…".to_owned(), |u| format!("url: {}", escape::yaml_str(u)));
    format!(
        "---\ntitle: {}\n{url}\n# outlet: actor-id-of-the-publisher   (only if the source names it)\n# published: YYYY-MM-DD\n# author: \"…\"\n# language: en\n---\n\nPaste the article's text here, paragraph by paragraph, wording unchanged.\n",
        escape::yaml_str(title)
    )
}

/// The folder of a dossier that holds the schemas, from its root.
pub(crate) const SCHEMAS: &str = "schemas";

/// The line that tells editors with the YAML language server which schema
/// the file at `file` (from the dossier's root) follows: the schema
/// `name` in [`SCHEMAS`], named relative to the file.
pub(crate) fn modeline(file: &str, name: &str) -> String {
    let up = vec![".."; file.matches('/').count()];
    format!("# yaml-language-server: $schema={}/{SCHEMAS}/{name}\n", up.join("/"))
}

/// The sidecar: nothing yet, and an example annotation in comments that
/// is valid once its lines lose their first `# ` (the optional fields stay
/// commented). `claim` fills the example's claim, when the dossier has one.
pub(crate) fn sidecar(claim: Option<&str>) -> String {
    // `new article` writes sidecars into `content/articles/`.
    let claim_line = format!("claim: {}", claim.unwrap_or("claim-id"));
    let mut out = modeline("content/articles/a.yaml", "sidecar.schema.json");
    out.push_str(&format!(
        "# Annotations of the article beside this file (same name, .md).\n\
# Each ties a verbatim passage to a claim (claims.yaml), with a stance.\n\
# To add the first one, remove the \"# \" at the start of each line below,\n\
# from `annotations:` on, and fill it in. See docs/content-format.md.\n\
#\n\
# annotations:\n\
#   - id: short-anchor-id             # unique in this file; the highlight is #a-<id>\n\
#     quote: \"the exact words of the article\"\n\
#     {claim_line:<31} # a claim of claims.yaml\n\
#     stance: supports                # supports | disputes | context\n\
#     # by: actor-id                  # optional: who says it (else the outlet)\n\
#     # via: actor-id                 # optional: the channel it was reported through\n\
#     # form: reported                # optional: direct | reported | headline | narration\n\
#     # said_on: YYYY-MM-DD           # optional: when it was said, only if the source gives the date\n\
#     # prefix: \"words just before \"  # optional: picks one of several matches\n\
#     # suffix: \" words just after\"   # optional\n\
#     # note: \"Optional Markdown note.\"\n"
    ));
    out
}

/// The sidecar's example, uncommented as its header says: every line from
/// `# annotations:` on loses its first `# `.
#[cfg(test)]
pub(crate) fn uncomment_example(sidecar: &str) -> String {
    let mut started = false;
    sidecar
        .lines()
        .map(|line| {
            started |= line == "# annotations:";
            let line = if started { line.strip_prefix("# ").unwrap_or(line) } else { line };
            format!("{line}\n")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sidecar::{FrontMatter, SidecarFile, Src, split_front_matter};

    #[test]
    fn the_new_files_parse_as_the_format() {
        let md = article(&NewArticle {
            title: Some("A \"quoted\" title".into()),
            url: Some("https://e.org/a".into()),
            id: None,
        });
        let parts = split_front_matter("a.md", &md).unwrap();
        let front: FrontMatter = parts.front_matter.parse().unwrap();
        assert_eq!(front.title.value, "A \"quoted\" title");
        assert_eq!(front.url.unwrap().value, "https://e.org/a");
        let text = sidecar(None);
        let (annotations, errors) = Src::whole("a.yaml", &text).parse_sidecar();
        assert!(annotations.is_empty() && errors.is_empty(), "{errors:?}");
    }

    /// Whatever the title, the front matter reads it back unchanged and
    /// holds no other field.
    #[test]
    fn any_title_is_written_as_one_yaml_string() {
        for title in
            ["x\"\nurl: y", "a\\b \\\" c", "tab\there", "\u{1}\u{fffe}\u{2028}\u{10fffe}", "'single' #hash: colon"]
        {
            let md = article(&NewArticle { title: Some(title.into()), ..NewArticle::default() });
            let parts = split_front_matter("a.md", &md).unwrap();
            let front: FrontMatter = parts.front_matter.parse().unwrap_or_else(|e| panic!("{title:?}: {e:?}\n{md}"));
            assert_eq!(front.title.value, title);
            assert!(front.url.is_none(), "{md}");
        }
    }

    #[test]
    fn arguments_are_checked_all_at_once() {
        let ok = NewArticle::from_args("a-b", Some("A \"title\"".into()), Some("https://e.org/a".into())).unwrap();
        assert_eq!(ok.id.unwrap().as_str(), "a-b");
        let problems =
            NewArticle::from_args("Bad_Slug", Some("x\"\nurl: y".into()), Some("javascript:alert(1)".into()))
                .unwrap_err();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].contains("`Bad_Slug` is not a valid article id"), "{problems:?}");
        assert!(problems[1].contains("line break"), "{problems:?}");
        assert!(problems[2].starts_with("--url `javascript:alert(1)` is not a web address"), "{problems:?}");
        for title in ["", "  ", "a\u{1}b", "a\rb"] {
            assert!(NewArticle::from_args("a", Some(title.into()), None).is_err(), "{title:?}");
        }
        for url in ["https://x.org//evil/", "https://x.org/\"", "data:text/html,x", "https://javascript:alert(1)//x/"] {
            assert!(NewArticle::from_args("a", None, Some(url.into())).is_err(), "{url:?}");
        }
    }

    /// Uncommented, the example annotation is valid: every field it shows
    /// exists, and the optional ones stay commented (a placeholder date
    /// would be an error).
    #[test]
    fn the_commented_example_uses_real_fields() {
        let text = uncomment_example(&sidecar(Some("a-claim")));
        let parsed: SidecarFile = Src::whole("a.yaml", &text).parse().unwrap_or_else(|e| panic!("{e:?}\n{text}"));
        let example = &parsed.annotations[0];
        assert_eq!(example.claim.value, "a-claim");
        assert_eq!(example.stance.value, "supports");
        assert!(example.said_on.is_none() && example.by.is_none() && example.prefix.is_none());
        let all_fields: String = text.lines().map(|l| l.replacen("    # ", "    ", 1) + "\n").collect();
        let parsed: SidecarFile = Src::whole("a.yaml", &all_fields).parse().unwrap_or_else(|e| panic!("{e:?}"));
        assert!(parsed.annotations[0].via.is_some() && parsed.annotations[0].note.is_some());
    }
}
