//! The content format as written: raw serde types for YAML files and
//! front matter, every field spanned so problems can point at it.
//!
//! Unknown fields are refused (`deny_unknown_fields`): a typo must never
//! pass silently. Values are kept as strings here; `resolve` checks them.
//! Each type has a lenient twin in [`lenient`] that accepts unknown fields,
//! so that after a typo is reported the rest of the item is still checked.

pub(crate) mod characters;
mod parse;

pub(crate) use parse::Src;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// A string value and where it stands.
pub(crate) type Text = Spanned<String>;

/// Declares the strict types and their lenient twins, field for field.
macro_rules! formats {
    ($($(#[$doc:meta])* struct $name:ident { $($(#[$attr:meta])* $field:ident: $ty:ty,)* })*) => {
        $(
            $(#[$doc])*
            #[derive(Debug, Deserialize)]
            #[serde(deny_unknown_fields)]
            pub(crate) struct $name { $($(#[$attr])* pub(crate) $field: $ty,)* }
        )*

        /// The same shapes, accepting unknown fields.
        pub(crate) mod lenient {
            use super::*;
            $(
                #[derive(Debug, Deserialize)]
                pub(crate) struct $name { $($(#[$attr])* pub(crate) $field: $ty,)* }

                impl From<$name> for super::$name {
                    fn from(l: $name) -> super::$name {
                        super::$name { $($field: l.$field,)* }
                    }
                }
            )*
        }
    };
}

formats! {
    /// `content/site.yaml`.
    struct SiteFile {
        title: Text,
        description: Option<String>,
        base_url: Option<Text>,
        language: Option<Text>,
        theme: Option<Text>,
        repo_url: Option<Text>,
        cname: Option<Text>,
        publisher: Option<RawPublisher>,
        license: Option<Text>,
        require_archive: Option<bool>,
    }

    /// One entry of `actors.yaml` / `actors/*.yaml`.
    struct RawActor {
        id: Text,
        name: Text,
        #[serde(default)]
        aliases: Vec<Text>,
        kind: Option<Text>,
        role: Option<String>,
        affiliation: Option<Text>,
    }

    /// One entry of `claims.yaml` / `claims/*.yaml`.
    struct RawClaim {
        id: Text,
        statement: Text,
        #[serde(default)]
        about: Vec<Text>,
        #[serde(default)]
        tags: Vec<Text>,
        #[serde(default)]
        contradicts: Vec<Text>,
        verdict: Option<Text>,
        verdict_note: Option<String>,
        verdict_on: Option<Text>,
    }

    /// An article's front matter.
    struct FrontMatter {
        title: Text,
        outlet: Option<Text>,
        url: Option<Text>,
        archive: Option<Text>,
        archived_on: Option<Text>,
        published: Option<Text>,
        author: Option<String>,
        language: Option<Text>,
    }

    /// One annotation of a sidecar.
    struct RawAnnotation {
        id: Text,
        quote: Text,
        prefix: Option<Text>,
        suffix: Option<Text>,
        claim: Text,
        stance: Text,
        form: Option<Text>,
        translation: Option<Text>,
        by: Option<Text>,
        via: Option<Text>,
        said_on: Option<Text>,
        note: Option<String>,
    }
}

/// `publisher:` in `site.yaml`: who publishes the dossier's reviews.
/// Strict in both forms: a typo inside it is reported as unknown.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPublisher {
    pub(crate) name: Text,
    pub(crate) url: Option<Text>,
}

/// A sidecar: `articles/<slug>.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SidecarFile {
    #[serde(default)]
    pub annotations: Vec<RawAnnotation>,
}

/// An article file split into its front matter and body.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Article<'a> {
    /// The YAML between the `---` lines, and where it starts.
    pub front_matter: Src<'a>,
    /// The Markdown after the closing `---`, and where it starts.
    pub body: &'a str,
    pub body_offset: usize,
}

/// Splits `---\n<yaml>\n---\n<markdown>`; `None` if there is no front matter.
pub(crate) fn split_front_matter<'a>(file: &'a str, text: &'a str) -> Option<Article<'a>> {
    let first = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = first.strip_prefix("---\n").or_else(|| first.strip_prefix("---\r\n"))?;
    let yaml_start = text.len() - rest.len();
    let mut pos = yaml_start;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let body_offset = pos + line.len();
            let yaml = Src { file, text: &text[..pos], offset: yaml_start, lines: None };
            return Some(Article { front_matter: yaml, body: &text[body_offset..], body_offset });
        }
        pos += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_point_into_the_file() {
        let text = "---\ntitle: \"Hello\"\n---\nBody";
        let article = split_front_matter("a.md", text).unwrap();
        let fm: FrontMatter = article.front_matter.parse().unwrap();
        let loc = article.front_matter.at(&fm.title);
        assert_eq!((loc.line, loc.column), (2, 8));
        assert_eq!(article.body, "Body");
        assert_eq!(article.body_offset, 23);
    }

    #[test]
    fn unknown_fields_suggest_the_nearest() {
        let text = "annotations:\n  - id: a\n    quote: b\n    claim: c\n    stanse: supports\n";
        let err = Src::whole("s.yaml", text).parse::<SidecarFile>().unwrap_err();
        assert_eq!(err.code, crate::diagnostic::Code::UnknownField);
        assert_eq!(err.help.as_deref(), Some("did you mean `stance`?"), "{}", err.message);
        assert_eq!(err.location.line, 5, "{err:?}");
    }

    #[test]
    fn no_front_matter_is_none() {
        assert!(split_front_matter("a.md", "# Title\n").is_none());
        assert!(split_front_matter("a.md", "---\ntitle: x\n").is_none(), "unclosed");
    }
}
