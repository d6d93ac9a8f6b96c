//! Views already in Tera's form: a claim, actor or article reference is
//! converted once per build, and a page that shows it copies a pointer
//! ([`crate::view::Engine::Shared`]).

use std::fmt;

use serde::{Serialize, Serializer};

/// A view converted to a template value. Serialising it into a page
/// context copies a pointer; into anything else, its fields.
#[derive(Clone)]
pub(crate) struct TemplateValue(tera::Value);

impl TemplateValue {
    pub(crate) fn new<T: Serialize>(view: &T) -> TemplateValue {
        TemplateValue(tera::Value::from_serializable(view))
    }
}

impl Serialize for TemplateValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl fmt::Debug for TemplateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}
