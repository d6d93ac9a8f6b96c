//! Rendering again after an edit, for `serve`. After an edit of articles
//! only, the pages it can change are built again (each kind of page names
//! its own: [`view::affected`]); of those,
//! only the ones whose context differs from the cached one are rendered.
//! After any other change every page is built, and again only the changed
//! ones rendered. The publishing files and the exports are made again
//! (only those that changed are handed on) and the search index updated. The caller gets what changed, to apply to the site it holds.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;
use tera::Context;

use super::{Output, Templates, assets};
use crate::error::Result;
use crate::export::Download;
use crate::model::{Article, Dossier, Id};
use crate::resolve::Changes;
use crate::theme::Theme;
use crate::view::{self, Downloads, PageId, Views};
use crate::xref::{Snapshot, Xref};

/// The site as a preview holds it: bytes by path, shared with the server.
pub(crate) type Files = BTreeMap<String, Arc<Vec<u8>>>;

/// What the pages were last made from. Only valid with the theme and
/// `Templates` that filled it: start a new one with a new theme.
#[derive(Default)]
pub(crate) struct Cache {
    pages: HashMap<PageId, Cached>,
    /// The cross-references of the last update.
    snapshot: Option<Snapshot>,
    search: crate::search::Index,
    /// The paths of the publishing files last made.
    published: BTreeSet<String>,
    /// Whether the theme's assets were given (they change only with the theme).
    assets: bool,
    /// The files under `data/` last made: a hash of each one's bytes by
    /// its path (the bytes themselves would hold the whole dossier again);
    /// and the downloads as their page listed them.
    exports: BTreeMap<String, u64>,
    downloads: Vec<Download>,
}

/// A page as last made: the same template with the same context gives
/// the same bytes.
struct Cached {
    path: String,
    template: &'static str,
    context: Context,
}

/// What an update made.
#[derive(Debug, Default)]
pub(crate) struct Update {
    /// Files made again: the pages rendered (their bytes may be the same
    /// as before), the publishing files, the exports and the search files
    /// that changed, and the assets the first time.
    pub files: Vec<Output>,
    /// Files that are no longer part of the site.
    pub removed: Vec<String>,
    /// Pages of the site.
    pub pages: usize,
    /// Pages rendered: new, or with another context than before.
    pub rendered: usize,
}

impl Update {
    /// Applies the update to the site; returns how many files were added,
    /// removed or changed.
    pub(crate) fn apply(self, files: &mut Files) -> usize {
        let mut changed = 0;
        for file in self.files {
            if files.get(&file.path).is_none_or(|old| **old != file.bytes) {
                files.insert(file.path, Arc::new(file.bytes));
                changed += 1;
            }
        }
        for path in self.removed {
            changed += usize::from(files.remove(&path).is_some());
        }
        changed
    }
}

/// Renders `dossier` again after `changes` (since the last update of
/// `cache`). Applied to the files of the previous updates, the result is
/// the site [`super::site`] renders.
pub(crate) fn update(
    dossier: &Dossier,
    theme: &Theme,
    templates: &Templates,
    cache: &mut Cache,
    changes: &Changes,
) -> Result<Update> {
    let xref = Xref::new(dossier);
    let pages = view::pages(&xref);
    let changed = match changes {
        Changes::Articles(changed) if cache.snapshot.is_some() => Some(changed),
        _ => None,
    };
    // The exports hold every article: made again after any change, before
    // the pages, since the downloads page lists their sizes.
    let exports = match changed {
        Some(changed) if changed.is_empty() => None,
        _ => Some(crate::export::files(&xref)),
    };
    let downloads = exports.as_deref().map_or_else(|| cache.downloads.clone(), crate::export::downloads);
    let listed = Downloads { before: &cache.downloads, after: &downloads };
    let (views, plan) =
        rayon::join(|| Views::new(&xref, templates, &downloads), || plan(&pages, cache, &xref, changed, listed));
    let articles: Option<BTreeSet<&Id>> = changed.map(|c| c.keys().collect());
    let (old, index) = (&cache.pages, &mut cache.search);
    // The search index and the snapshot are made meanwhile: rendering
    // seldom keeps both cores busy (one large page often takes longest).
    let (made, (search, snapshot)) = rayon::join(
        || plan.into_par_iter().map(|page| make(&views, templates, old, page)).collect::<Result<Vec<_>>>(),
        || (index.update(dossier, &xref, articles.as_ref()), Snapshot::new(&xref)),
    );
    let mut update = Update { pages: pages.len(), ..Update::default() };
    let same_pages = store(cache, made?, &pages, &mut update);
    let same_feed = changed.is_some_and(|c| c.iter().all(|(id, before)| same_in_feed(before, dossier, id)));
    if !(same_pages && same_feed) {
        publish(cache, dossier, &pages, &mut update);
    }
    if let Some(exports) = exports {
        export(cache, exports, &mut update);
    }
    cache.downloads = downloads;
    if !cache.assets {
        update.files.extend(assets(theme));
        cache.assets = true;
    }
    update.removed.extend(search.removed);
    for path in search.files {
        let bytes = cache.search.file(&path).expect("an indexed file").to_vec();
        update.files.push(Output { path, bytes });
    }
    cache.snapshot = Some(snapshot);
    Ok(update)
}

/// Stores the pages made in the cache, and those rendered in the update;
/// drops the pages that are gone. Returns whether the site has the pages
/// it had.
fn store(
    cache: &mut Cache,
    made: Vec<(PageId, Cached, Option<Vec<u8>>)>,
    pages: &[PageId],
    update: &mut Update,
) -> bool {
    let new = made.iter().filter(|(key, ..)| !cache.pages.contains_key(key)).count();
    let mut replaced = Vec::with_capacity(made.len());
    for (key, cached, bytes) in made {
        if let Some(bytes) = bytes {
            update.rendered += 1;
            update.files.push(Output { path: cached.path.clone(), bytes });
        }
        replaced.extend(cache.pages.insert(key, cached));
    }
    let live: HashSet<&PageId> = pages.iter().collect();
    let gone: Vec<PageId> = cache.pages.keys().filter(|page| !live.contains(page)).cloned().collect();
    let same = gone.is_empty() && new == 0;
    for key in gone {
        let page = cache.pages.remove(&key).expect("listed above");
        update.removed.push(page.path.clone());
        replaced.push(page);
    }
    // Freeing a page's context takes about as long as building it: the
    // old ones are freed on another thread while this one goes on.
    std::thread::spawn(move || drop(replaced));
    same
}

/// Makes the publishing files again (they list every page).
fn publish(cache: &mut Cache, dossier: &Dossier, pages: &[PageId], update: &mut Update) {
    let routes: Vec<_> = pages.iter().map(PageId::route).collect();
    let published = crate::publish::files(dossier, &routes);
    let made: BTreeSet<String> = published.iter().map(|o| o.path.clone()).collect();
    update.removed.extend(cache.published.difference(&made).cloned());
    cache.published = made;
    update.files.extend(published);
}

/// Hands on the exports whose bytes changed, and names those gone.
fn export(cache: &mut Cache, exports: Vec<Output>, update: &mut Update) {
    let hash = |bytes: &[u8]| {
        let mut hasher = std::hash::DefaultHasher::new();
        std::hash::Hash::hash(bytes, &mut hasher);
        std::hash::Hasher::finish(&hasher)
    };
    let mut made = BTreeMap::new();
    for file in exports {
        let sum = hash(&file.bytes);
        made.insert(file.path.clone(), sum);
        if cache.exports.get(&file.path) != Some(&sum) {
            update.files.push(file);
        }
    }
    update.removed.extend(cache.exports.keys().filter(|path| !made.contains_key(*path)).cloned());
    cache.exports = made;
}

/// Whether the publishing files (sitemap, feed) show the same of an
/// article as before: a page list that is the same, and these fields.
fn same_in_feed(before: &Option<Article>, dossier: &Dossier, id: &Id) -> bool {
    match (before, dossier.articles.get(id)) {
        (Some(b), Some(a)) => {
            (&b.title, &b.published, &b.author, &b.outlet, b.annotations.len())
                == (&a.title, &a.published, &a.author, &a.outlet, a.annotations.len())
        }
        _ => false,
    }
}

/// The pages to build: those `changed` can affect, and those new to the
/// site; every page when anything else changed.
fn plan(
    pages: &[PageId],
    cache: &Cache,
    xref: &Xref<'_>,
    changed: Option<&BTreeMap<Id, Option<Article>>>,
    downloads: Downloads<'_>,
) -> Vec<PageId> {
    let (Some(changed), Some(old)) = (changed, &cache.snapshot) else {
        return pages.to_vec();
    };
    let new = pages.iter().filter(|page| !cache.pages.contains_key(page)).cloned();
    let mut seen = HashSet::new();
    view::affected(old, xref, changed, downloads)
        .into_iter()
        .chain(new)
        .filter(|page| seen.insert(page.clone()))
        .collect()
}

/// Builds a page's context, and renders it unless the cache has it.
fn make(
    views: &Views<'_, Templates>,
    templates: &Templates,
    old: &HashMap<PageId, Cached>,
    id: PageId,
) -> Result<(PageId, Cached, Option<Vec<u8>>)> {
    let page = views.build(&id);
    let context = page.context?;
    let same = old.get(&id).is_some_and(|c| c.path == page.path && c.template == page.template && c.context == context);
    let bytes = match same {
        true => None,
        false => Some(templates.render_context(page.template, &context)?.into_bytes()),
    };
    Ok((id, Cached { path: page.path, template: page.template, context }, bytes))
}
