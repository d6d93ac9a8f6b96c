//! The content format as written: raw serde types for YAML files and
//! front matter, every field spanned so problems can point at it.
//!
//! Unknown fields are refused (`deny_unknown_fields`): a typo must never
//! pass silently. Values are kept as strings here; `resolve` checks them.
//! Each type has a lenient twin in [`lenient`] that accepts unknown fields,
//! so that after a typo is reported the rest of the item is still checked.

pub(crate) mod characters;
mod parse;
pub(crate) mod schema;

pub(crate) use parse::Src;
use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

use schema::{DateText, FormKeyword, IdText, KindKeyword, StanceKeyword, VerdictKeyword};

/// A string value and where it stands.
pub(crate) type Text = Spanned<String>;

/// Declares the strict types and their lenient twins, field for field.
macro_rules! formats {
    ($($(#[$doc:meta])* struct $name:ident { $($(#[$attr:meta])* $field:ident: $ty:ty,)* })*) => {
        $(
            $(#[$doc])*
            #[derive(Debug, Deserialize, JsonSchema)]
            #[serde(deny_unknown_fields)]
            pub(crate) struct $name { $($(#[$attr])* pub(crate) $field: $ty,)* }
        )*

        /// The same shapes, accepting unknown fields.
        pub(crate) mod lenient {
            use super::*;
            $(
                #[derive(Debug, Deserialize, JsonSchema)]
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
        #[schemars(with = "String")]
        title: Text,
        description: Option<String>,
        #[schemars(with = "Option<String>")]
        base_url: Option<Text>,
        #[schemars(with = "Option<String>")]
        language: Option<Text>,
        #[schemars(with = "Option<IdText>")]
        theme: Option<Text>,
        #[schemars(with = "Option<String>")]
        repo_url: Option<Text>,
        #[schemars(with = "Option<String>")]
        cname: Option<Text>,
        publisher: Option<RawPublisher>,
        #[schemars(with = "Option<String>")]
        license: Option<Text>,
        require_archive: Option<bool>,
    }

    /// One entry of `actors.yaml` / `actors/*.yaml`.
    struct RawActor {
        #[schemars(with = "IdText")]
        id: Text,
        #[schemars(with = "String")]
        name: Text,
        #[serde(default)]
        #[schemars(with = "Vec<String>")]
        aliases: Vec<Text>,
        #[schemars(with = "Option<KindKeyword>")]
        kind: Option<Text>,
        role: Option<String>,
        #[schemars(with = "Option<IdText>")]
        affiliation: Option<Text>,
    }

    /// One entry of `claims.yaml` / `claims/*.yaml`.
    struct RawClaim {
        #[schemars(with = "IdText")]
        id: Text,
        #[schemars(with = "String")]
        statement: Text,
        #[serde(default)]
        #[schemars(with = "Vec<IdText>")]
        about: Vec<Text>,
        #[serde(default)]
        #[schemars(with = "Vec<IdText>")]
        tags: Vec<Text>,
        #[serde(default)]
        #[schemars(with = "Vec<IdText>")]
        contradicts: Vec<Text>,
        #[schemars(with = "Option<VerdictKeyword>")]
        verdict: Option<Text>,
        verdict_note: Option<String>,
        #[schemars(with = "Option<DateText>")]
        verdict_on: Option<Text>,
    }

    /// An article's front matter.
    struct FrontMatter {
        #[schemars(with = "String")]
        title: Text,
        #[schemars(with = "Option<IdText>")]
        outlet: Option<Text>,
        #[schemars(with = "Option<String>")]
        url: Option<Text>,
        #[schemars(with = "Option<String>")]
        archive: Option<Text>,
        #[schemars(with = "Option<DateText>")]
        archived_on: Option<Text>,
        #[schemars(with = "Option<DateText>")]
        published: Option<Text>,
        author: Option<String>,
        #[schemars(with = "Option<String>")]
        language: Option<Text>,
    }

    /// One annotation of a sidecar.
    struct RawAnnotation {
        #[schemars(with = "IdText")]
        id: Text,
        #[schemars(with = "String")]
        quote: Text,
        #[schemars(with = "Option<String>")]
        prefix: Option<Text>,
        #[schemars(with = "Option<String>")]
        suffix: Option<Text>,
        #[schemars(with = "IdText")]
        claim: Text,
        #[schemars(with = "StanceKeyword")]
        stance: Text,
        #[schemars(with = "Option<FormKeyword>")]
        form: Option<Text>,
        #[schemars(with = "Option<String>")]
        translation: Option<Text>,
        #[schemars(with = "Option<IdText>")]
        by: Option<Text>,
        #[schemars(with = "Option<IdText>")]
        via: Option<Text>,
        #[schemars(with = "Option<DateText>")]
        said_on: Option<Text>,
        note: Option<String>,
    }
}

/// `publisher:` in `site.yaml`: who publishes the dossier's reviews.
/// Strict in both forms: a typo inside it is reported as unknown.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPublisher {
    #[schemars(with = "String")]
    pub(crate) name: Text,
    #[schemars(with = "Option<String>")]
    pub(crate) url: Option<Text>,
}

/// A sidecar: `articles/<slug>.yaml`.
#[derive(Debug, Deserialize, JsonSchema)]
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

    /// A recursive alias in one claim made every claim of its file
    /// unknown: the list could not be read even for its items' places.
    #[test]
    fn one_unreadable_item_leaves_the_others_of_its_list() {
        let text = "- id: a\n  statement: A\n- id: b\n  statement: B\n  tags: &t [x, *t]\n- id: c\n  statement: C\n";
        let (items, errors) = Src::whole("claims.yaml", text).parse_list::<RawClaim, lenient::RawClaim>();
        let ids: Vec<&str> = items.iter().map(|(_, c)| c.id.value.as_str()).collect();
        assert_eq!(ids, ["a", "c"]);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!((3..=5).contains(&errors[0].location.line), "{:?}", errors[0]);
    }

    /// `claim:` indented 3 spaces where its entry's keys have 4 was
    /// reported as `missing field claim` a line above.
    #[test]
    fn a_misindented_key_is_a_yaml_error_at_its_own_line() {
        let text = "annotations:\n  - id: a\n    quote: b\n   claim: c\n    stance: supports\n  - id: d\n    quote: e\n    claim: f\n    stance: disputes\n";
        let (items, errors) = Src::whole("s.yaml", text).parse_sidecar();
        assert_eq!(errors.len(), 1, "{errors:?}");
        let d = &errors[0];
        assert_eq!(d.code, crate::diagnostic::Code::Yaml, "{d:?}");
        assert_eq!((d.location.line, d.location.column), (4, 4), "{d:?}");
        assert_eq!(d.message, "`claim` is indented 3 spaces, but the keys before it in its entry are indented 4");
        assert!(d.help.as_deref().unwrap().starts_with("indent `claim:` by 4 spaces"), "{d:?}");
        assert_eq!(items.len(), 1, "the other entry is still read");
    }

    #[test]
    fn keys_indented_alike_are_never_blamed() {
        let ok = [
            "- id: a\n  name: A\n  aliases:\n    - B\n    - C\n  kind: place\n",
            "title: T\npublisher:\n  name: N\n  url: https://e.org\nlicense: x\n",
            "annotations:\n  - id: a\n    note: |\n      a: b\n     c: d\n    quote: \"x\n       y: z\"\n",
        ];
        for text in ok {
            assert!(Src::whole("s.yaml", text).misindented_key().is_none(), "{text}");
        }
    }

    #[test]
    fn no_front_matter_is_none() {
        assert!(split_front_matter("a.md", "# Title\n").is_none());
        assert!(split_front_matter("a.md", "---\ntitle: x\n").is_none(), "unclosed");
    }
}
