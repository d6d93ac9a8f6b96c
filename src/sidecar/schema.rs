//! JSON Schemas (draft 2020-12) of the content format, made from the raw
//! types of [`super`], so a field added there is in the schemas too.
//! Editors with the YAML language server use them to complete and check
//! fields as they are typed; `check` stays the judge (it also checks
//! references, quotes and dates on the calendar).
//!
//! The raw types hold `Spanned` strings; each field names the schema of
//! what it holds with `#[schemars(with = ...)]`, through the marker types
//! below: ids by their pattern, dates by theirs, closed sets as `enum`s.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use super::{FrontMatter, RawActor, RawClaim, SidecarFile, SiteFile};
use crate::model::{ActorKind, Form, MAX_ID_LEN, Stance, Verdict};

/// `Id::parse`'s rule, as a regular expression.
pub(crate) const ID_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";
/// `YYYY-MM-DD` with a month from 01 to 12 and a day from 01 to 31.
pub(crate) const DATE_PATTERN: &str = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";

/// An id: a lowercase slug. YAML reads an unquoted `2025` as a number,
/// which `check` takes as the id `2025`, so digits alone pass too.
pub(crate) struct IdText;

impl JsonSchema for IdText {
    fn schema_name() -> Cow<'static, str> {
        "Id".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An id: lowercase letters, digits and single hyphens, at most 80 characters.",
            "anyOf": [
                { "type": "string", "pattern": ID_PATTERN, "maxLength": MAX_ID_LEN },
                { "type": "integer", "minimum": 0 }
            ]
        })
    }
}

/// A date, `YYYY-MM-DD`.
pub(crate) struct DateText;

impl JsonSchema for DateText {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A date, YYYY-MM-DD.",
            "type": "string",
            "pattern": DATE_PATTERN
        })
    }
}

/// Declares the schema of a closed set of keywords from its `ALL`.
macro_rules! keyword_schema {
    ($marker:ident, $keywords:ident, $name:literal, $description:literal) => {
        #[doc = $description]
        pub(crate) struct $marker;

        impl JsonSchema for $marker {
            fn schema_name() -> Cow<'static, str> {
                $name.into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                let values: Vec<&str> = $keywords::ALL.iter().map(|k| k.as_str()).collect();
                json_schema!({ "description": $description, "type": "string", "enum": values })
            }
        }
    };
}

keyword_schema!(StanceKeyword, Stance, "Stance", "How the passage relates to the claim.");
keyword_schema!(FormKeyword, Form, "Form", "Whose words the passage is.");
keyword_schema!(KindKeyword, ActorKind, "Kind", "What sort of actor this is.");

/// A verdict; `verdict: false` may be written unquoted, which YAML reads
/// as the boolean `false`.
pub(crate) struct VerdictKeyword;

impl JsonSchema for VerdictKeyword {
    fn schema_name() -> Cow<'static, str> {
        "Verdict".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let values: Vec<&str> = Verdict::ALL.iter().map(|k| k.as_str()).collect();
        json_schema!({
            "description": "The maintainers' own assessment of the claim.",
            "anyOf": [{ "type": "string", "enum": values }, { "const": false }]
        })
    }
}

/// The name of each schema file and where editors should use it.
pub(crate) const FILES: &[(&str, &str)] = &[
    ("site.schema.json", "content/site.yaml"),
    ("actors.schema.json", "content/actors.yaml and content/actors/*.yaml"),
    ("claims.schema.json", "content/claims.yaml and content/claims/*.yaml"),
    ("sidecar.schema.json", "content/articles/**/*.yaml"),
    ("front-matter.schema.json", "the front matter of content/articles/**/*.md"),
];

/// Every schema: its file name and its JSON text (pretty, ending in a
/// line break), in the order of [`FILES`].
pub(crate) fn all() -> Vec<(&'static str, String)> {
    let schemas = [
        titled::<SiteFile>("site.yaml", "The site: content/site.yaml."),
        registry::<RawActor>("actors", "A list of actors: content/actors.yaml, or any file under content/actors/."),
        registry::<RawClaim>("claims", "A list of claims: content/claims.yaml, or any file under content/claims/."),
        titled::<SidecarFile>("sidecar", "The annotations of one article: the .yaml file beside its .md."),
        titled::<FrontMatter>("front matter", "The front matter of an article, between its two --- lines."),
    ];
    FILES
        .iter()
        .zip(schemas)
        .map(|((name, _), schema)| {
            let mut text = serde_json::to_string_pretty(&schema).expect("a schema is JSON");
            text.push('\n');
            (*name, text)
        })
        .collect()
}

fn titled<T: JsonSchema>(title: &str, description: &str) -> Schema {
    let mut schema = SchemaGenerator::default().into_root_schema_for::<T>();
    schema.insert("title".into(), title.into());
    schema.insert("description".into(), description.into());
    schema
}

/// A registry file: a list of entries, or nothing at all (an empty file,
/// or one of comments only, is allowed).
fn registry<T: JsonSchema>(title: &str, description: &str) -> Schema {
    titled::<Option<Vec<T>>>(title, description)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(name: &str) -> serde_json::Value {
        let (_, text) = all().into_iter().find(|(n, _)| *n == name).unwrap();
        serde_json::from_str(&text).unwrap()
    }

    #[test]
    fn closed_sets_ids_and_dates_are_spelled_out() {
        let sidecar = schema("sidecar.schema.json");
        let defs = &sidecar["$defs"];
        assert_eq!(sidecar["$schema"], "https://json-schema.org/draft/2020-12/schema");
        assert_eq!(defs["Stance"]["enum"], serde_json::json!(["supports", "disputes", "context"]));
        assert_eq!(defs["Form"]["enum"].as_array().unwrap().len(), 4);
        assert_eq!(defs["Id"]["anyOf"][0]["pattern"], ID_PATTERN);
        assert_eq!(defs["Date"]["pattern"], DATE_PATTERN);
        assert_eq!(defs["RawAnnotation"]["additionalProperties"], false);
        assert_eq!(sidecar["additionalProperties"], false);
        let actors = schema("actors.schema.json");
        assert_eq!(actors["$defs"]["Kind"]["enum"].as_array().unwrap().len(), ActorKind::ALL.len());
        assert_eq!(actors["$defs"]["RawActor"]["additionalProperties"], false);
        let required = &actors["$defs"]["RawActor"]["required"];
        assert_eq!(required, &serde_json::json!(["id", "name"]));
    }
}
