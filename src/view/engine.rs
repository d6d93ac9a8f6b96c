//! What `view` asks of the template engine, without knowing it.

use std::fmt::Debug;

use serde::Serialize;

/// The template engine's side of the views: the form it takes a page's
/// context and a shared reference in. Views build typed contexts and know
/// no engine; the renderer converts them.
pub(crate) trait Engine: Sync {
    /// A claim, actor or article reference converted once and shared by
    /// every page that shows it: a page copies a pointer to it.
    type Shared: Serialize + Clone + Debug + Send + Sync;
    /// A page's context, converted (or why it could not be).
    type Context: Send;
    fn share<T: Serialize>(&self, view: &T) -> Self::Shared;
    fn context<T: Serialize>(&self, template: &'static str, page: &T) -> Self::Context;
}
