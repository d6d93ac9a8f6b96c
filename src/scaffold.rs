//! `dossier new article`: the text of a new article and of its commented
//! sidecar, ready to fill in. Pure; `write::create_new` puts them on disk.

use crate::model::Id;

/// What to put in a new article's front matter.
#[derive(Clone, Debug, Default)]
pub struct NewArticle {
    pub id: Option<Id>,
    pub title: Option<String>,
    pub url: Option<String>,
}

/// A YAML double-quoted string.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The Markdown file: front matter and a place for the text.
pub fn article(new: &NewArticle) -> String {
    let title = new.title.as_deref().unwrap_or("Title of the article");
    let url = new.url.as_deref().map_or_else(|| "# url: https://…".to_owned(), |u| format!("url: {}", quoted(u)));
    format!(
        "---\ntitle: {}\n{url}\n# outlet: actor-id-of-the-publisher   (only if the source names it)\n# published: YYYY-MM-DD\n# author: \"…\"\n# language: en\n---\n\nPaste the article's text here, paragraph by paragraph, wording unchanged.\n",
        quoted(title)
    )
}

/// The sidecar: an empty list with a commented example annotation.
pub fn sidecar() -> String {
    "# Annotations of the article beside this file (same name, .md).\n\
# Each ties a verbatim passage to a claim (claims.yaml), with a stance.\n\
# See docs/content-format.md.\n\
annotations: []\n\
#  - id: short-anchor-id             # unique in this file; the highlight is #a-<id>\n\
#    quote: \"the exact words of the article\"\n\
#    prefix: \"words just before \"   # optional: picks one of several matches\n\
#    suffix: \" words just after\"    # optional\n\
#    claim: claim-id\n\
#    stance: supports                # supports | disputes | context\n\
#    by: actor-id                    # optional: who says it (else the outlet)\n\
#    via: actor-id                   # optional: the channel it was reported through\n\
#    said_on: YYYY-MM-DD             # optional: when it was said, only if the source gives the date\n\
#    note: \"Optional Markdown note.\"\n"
        .to_owned()
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
        let sidecar: SidecarFile = Src::whole("a.yaml", &sidecar()).parse().unwrap();
        assert!(sidecar.annotations.is_empty());
    }

    /// Uncommented, the example annotation is valid: every field it shows exists.
    #[test]
    fn the_commented_example_uses_real_fields() {
        let text: String = sidecar()
            .lines()
            .map(|l| match l {
                "annotations: []" => "annotations:",
                _ if l.starts_with("#  ") => &l[1..],
                _ => l,
            })
            .map(|l| format!("{l}\n"))
            .collect();
        let parsed: SidecarFile = Src::whole("a.yaml", &text).parse().unwrap();
        let example = &parsed.annotations[0];
        assert_eq!(example.said_on.as_ref().unwrap().value, "YYYY-MM-DD");
        assert!(example.via.is_some() && example.note.is_some() && example.prefix.is_some());
    }
}
