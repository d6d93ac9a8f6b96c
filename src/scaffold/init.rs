//! `dossier init`: the files of a new dossier, with or without its one
//! example article. Pure; `write::create_in_empty` puts them on disk.

use super::{SCHEMAS, modeline};
use crate::sidecar::schema;

/// What to put in a new dossier: [`NewDossier::new`] and `with_` methods.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct NewDossier {
    /// The folder: missing or empty.
    pub dir: std::path::PathBuf,
    /// With the example article, its sidecar and the entries they use.
    pub example: bool,
}

impl NewDossier {
    /// A new dossier in `dir`, with the example article.
    pub fn new(dir: impl Into<std::path::PathBuf>) -> NewDossier {
        NewDossier { dir: dir.into(), example: true }
    }

    /// With the example article (`true`, the default) or without (`dossier init --bare`).
    pub fn with_example(mut self, example: bool) -> NewDossier {
        self.example = example;
        self
    }
}

const SITE: &str = "\
# The site. Every field is described in docs/content-format.md, \"site.yaml\".
title: \"My dossier\"
# description: \"One or two sentences on what this dossier follows.\"
# base_url: \"https://user.github.io/repo/\"   # where the site is published
language: en
";

const ACTORS: &str = "\
# The actors: who speaks, who publishes, who or what claims are about.
# Add one with `dossier new actor <id> --name \"…\" --kind person`, or by hand:
#
# - id: jane-doe                  # lowercase letters, digits, single hyphens
#   name: \"Jane Doe\"
#   kind: person                  # person | organization | government | military | media | group | place
#   aliases: [\"J. Doe\"]           # optional: other spellings of the name
#   role: \"Mayor of Exampleton\"   # optional
#   affiliation: town-council     # optional: the id of the actor it belongs to
";

const CLAIMS: &str = "\
# The claims: statements that sources support or dispute.
# Add one with `dossier new claim <id> --statement \"…\"`, or by hand:
#
# - id: bridge-reopens-in-march
#   statement: \"The bridge reopens to traffic in March.\"
#   about: [jane-doe]             # optional: ids of actors it is about
#   tags: [infrastructure]        # optional
#   contradicts: [other-claim]    # optional: ids of claims that cannot both be true
#   verdict: unverified           # optional: unverified | confirmed | misleading | false
";

const EXAMPLE_ACTORS: &str = "
# The example's actors: delete them with the example article.
- id: example-gazette
  name: \"The Example Gazette\"
  kind: media
- id: exampleton-council
  name: \"Exampleton town council\"
  kind: government
";

const EXAMPLE_CLAIMS: &str = "
# The example's claim: delete it with the example article.
- id: exampleton-bridge-reopens
  statement: \"The old bridge in Exampleton reopens to traffic on 1 March.\"
  about: [exampleton-council]
";

const EXAMPLE_ARTICLE: &str = "\
---
title: \"Example: the Exampleton bridge reopens\"
outlet: example-gazette
url: https://example.org/news/exampleton-bridge
published: 2026-01-15
---

This article is a made-up example, to show how a dossier works. Delete it,
its sidecar beside it, and the example entries of `actors.yaml` and
`claims.yaml` when you add your own.

The Exampleton town council said on Monday that the old bridge over the
river will reopen to traffic on 1 March, after two years of repairs.
";

const EXAMPLE_SIDECAR: &str = "\
# The annotations of example-bridge-reopens.md: each ties a passage of
# the article to a claim, with a stance. See docs/content-format.md.
annotations:
  - id: council-announces-reopening
    quote: \"the old bridge over the river will reopen to traffic on 1 March\"
    claim: exampleton-bridge-reopens
    stance: supports
    form: reported
    by: exampleton-council
    note: \"An example: the council's announcement, as the article reports it.\"
";

/// The path of the example article, from the dossier's root.
pub(crate) const EXAMPLE: &str = "content/articles/example-bridge-reopens.md";

/// Every file of the new dossier: its path from the dossier's root and
/// its text.
pub(crate) fn files(new: &NewDossier) -> Vec<(String, String)> {
    let with = |base: &str, example: &str| if new.example { format!("{base}{example}") } else { base.to_owned() };
    let mut files = vec![
        (".gitignore".to_owned(), "/public/\n/.public.dossier-*\n".to_owned()),
        ("content/site.yaml".to_owned(), SITE.to_owned()),
        ("content/actors.yaml".to_owned(), with(ACTORS, EXAMPLE_ACTORS)),
        ("content/claims.yaml".to_owned(), with(CLAIMS, EXAMPLE_CLAIMS)),
    ];
    if new.example {
        files.push((EXAMPLE.to_owned(), EXAMPLE_ARTICLE.to_owned()));
        files.push((EXAMPLE.replace(".md", ".yaml"), EXAMPLE_SIDECAR.to_owned()));
    }
    // Every YAML file starts with the line that names its schema.
    for (path, text) in &mut files {
        let name = match path.as_str() {
            "content/site.yaml" => "site.schema.json",
            "content/actors.yaml" => "actors.schema.json",
            "content/claims.yaml" => "claims.schema.json",
            _ if path.ends_with(".yaml") => "sidecar.schema.json",
            _ => continue,
        };
        *text = modeline(path, name) + text;
    }
    files.extend(schema::all().into_iter().map(|(name, text)| (format!("{SCHEMAS}/{name}"), text)));
    files
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{SourceFile, Sources};

    fn sources(files: &[(String, String)]) -> Sources {
        let pick = |p: &str| -> Vec<SourceFile> {
            let found = files.iter().filter(|(path, _)| path == p);
            found.map(|(path, text)| SourceFile { path: path.clone(), text: text.clone() }).collect()
        };
        Sources {
            site: pick("content/site.yaml").pop(),
            actors: pick("content/actors.yaml"),
            claims: pick("content/claims.yaml"),
            articles: pick(EXAMPLE),
            sidecars: pick(&EXAMPLE.replace(".md", ".yaml")),
            unreadable: Vec::new(),
        }
    }

    #[test]
    fn both_dossiers_resolve_without_a_diagnostic() {
        for example in [true, false] {
            let files = files(&NewDossier::new("x").with_example(example));
            let (dossier, diagnostics) = crate::resolve::resolve(&sources(&files));
            assert!(diagnostics.is_empty(), "{diagnostics:?}");
            assert_eq!(dossier.articles.len(), usize::from(example));
            assert_eq!(dossier.claims.len(), usize::from(example));
        }
    }
}
