//! `dossier new claim` and `dossier new actor`: the entry, checked by the
//! rules `check` applies, and the registry file that receives it.

use std::collections::BTreeMap;

use super::append::{Entry, Field, append};
use super::modeline;
use crate::diagnostic::Severity;
use crate::load::{SourceFile, Sources};
use crate::model::{ActorKind, Id, Verdict};
use crate::sidecar::{RawActor, RawClaim, Src, characters, lenient};

/// A new claim for `claims.yaml`: [`NewClaim::new`] and the `with_`
/// methods. Nothing is checked until it is added.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct NewClaim {
    /// Its id.
    pub id: String,
    /// What it says, as one sentence.
    pub statement: String,
    /// Ids of the actors it is about.
    pub about: Vec<String>,
    /// Its tags (ids).
    pub tags: Vec<String>,
    /// Ids of the claims it contradicts.
    pub contradicts: Vec<String>,
    /// The maintainers' verdict.
    pub verdict: Option<String>,
}

impl NewClaim {
    /// The claim `id`, saying `statement`.
    pub fn new(id: impl Into<String>, statement: impl Into<String>) -> NewClaim {
        NewClaim { id: id.into(), statement: statement.into(), ..NewClaim::default() }
    }

    /// About the actor `id` too.
    pub fn with_about(mut self, id: impl Into<String>) -> NewClaim {
        self.about.push(id.into());
        self
    }

    /// Tagged `tag` too.
    pub fn with_tag(mut self, tag: impl Into<String>) -> NewClaim {
        self.tags.push(tag.into());
        self
    }

    /// Contradicting the claim `id` too.
    pub fn with_contradicts(mut self, id: impl Into<String>) -> NewClaim {
        self.contradicts.push(id.into());
        self
    }

    /// With the verdict `verdict` (`unverified`, `confirmed`, `misleading`, `false`).
    pub fn with_verdict(mut self, verdict: impl Into<String>) -> NewClaim {
        self.verdict = Some(verdict.into());
        self
    }
}

/// A new actor for `actors.yaml`: [`NewActor::new`] and the `with_`
/// methods. Nothing is checked until it is added.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct NewActor {
    /// Its id.
    pub id: String,
    /// Its name, as pages show it.
    pub name: String,
    /// What sort of actor: `person`, `organization`, `government`,
    /// `military`, `media`, `group` or `place`.
    pub kind: Option<String>,
    /// Other spellings of its name.
    pub aliases: Vec<String>,
    /// Who or what it is, in a few words.
    pub role: Option<String>,
    /// The id of the actor it belongs to.
    pub affiliation: Option<String>,
}

impl NewActor {
    /// The actor `id`, named `name`.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> NewActor {
        NewActor { id: id.into(), name: name.into(), ..NewActor::default() }
    }

    /// Of the kind `kind`.
    pub fn with_kind(mut self, kind: impl Into<String>) -> NewActor {
        self.kind = Some(kind.into());
        self
    }

    /// Also spelled `alias`.
    pub fn with_alias(mut self, alias: impl Into<String>) -> NewActor {
        self.aliases.push(alias.into());
        self
    }

    /// With the role `role`.
    pub fn with_role(mut self, role: impl Into<String>) -> NewActor {
        self.role = Some(role.into());
        self
    }

    /// Belonging to the actor `id`.
    pub fn with_affiliation(mut self, id: impl Into<String>) -> NewActor {
        self.affiliation = Some(id.into());
        self
    }
}

/// Which registry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Registry {
    Actors,
    Claims,
}

impl Registry {
    fn name(self) -> &'static str {
        match self {
            Registry::Actors => "actors",
            Registry::Claims => "claims",
        }
    }

    fn files(self, sources: &Sources) -> &[SourceFile] {
        match self {
            Registry::Actors => &sources.actors,
            Registry::Claims => &sources.claims,
        }
    }
}

/// The ids a registry defines, each with where (`file:line:column`).
pub(crate) type Defined = BTreeMap<String, String>;

/// The ids of a registry; an error names the first problem of its files,
/// which must be fixed before anything is added.
pub(crate) fn defined(sources: &Sources, registry: Registry) -> Result<Defined, String> {
    let mut ids = Defined::new();
    for file in registry.files(sources) {
        if file.text.trim().is_empty() {
            continue;
        }
        let src = Src::whole(&file.path, &file.text);
        let (ids_here, errors): (Vec<(String, crate::diagnostic::Location)>, _) = match registry {
            Registry::Actors => {
                let (items, errors) = src.parse_list::<RawActor, lenient::RawActor>();
                (items.into_iter().map(|(s, a)| (a.id.value.clone(), s.at(&a.id))).collect(), errors)
            }
            Registry::Claims => {
                let (items, errors) = src.parse_list::<RawClaim, lenient::RawClaim>();
                (items.into_iter().map(|(s, c)| (c.id.value.clone(), s.at(&c.id))).collect(), errors)
            }
        };
        if let Some(e) = errors.iter().find(|d| d.severity == Severity::Error) {
            return Err(format!(
                "{}:{}:{}: {}; fix it first (`dossier check` shows every problem)",
                e.location.file, e.location.line, e.location.column, e.message
            ));
        }
        for (id, at) in ids_here {
            ids.entry(id).or_insert_with(|| format!("{}:{}:{}", at.file, at.line, at.column));
        }
    }
    Ok(ids)
}

/// Checks an id and that it names nothing yet, or names something known.
fn id_problems(problems: &mut Vec<String>, what: &str, id: &str, defined: &Defined, must_exist: bool) {
    if let Err(e) = Id::parse(id) {
        problems.push(format!("`{}` is not a valid {what} id: {e}", id.escape_debug()));
    } else if must_exist && !defined.contains_key(id) {
        problems.push(format!("there is no {what} `{id}`: add it first (`dossier new {what} {id} …`)"));
    } else if !must_exist && let Some(at) = defined.get(id) {
        problems.push(format!("the {what} `{id}` is already defined at {at}; ids must be unique"));
    }
}

/// Checks free text as `check` does: not empty, no control characters.
fn text_problems(problems: &mut Vec<String>, flag: &str, text: &str) {
    if text.trim().is_empty() {
        problems.push(format!("{flag} is empty"));
    } else if let Some((_, c)) = characters::find(text) {
        problems.push(format!("{flag} `{}` contains {}: remove it", text.escape_debug(), characters::describe(c)));
    }
}

/// The claim's entry, or every problem with it.
pub(crate) fn claim(new: &NewClaim, actors: &Defined, claims: &Defined) -> Result<Entry, Vec<String>> {
    let mut problems = Vec::new();
    id_problems(&mut problems, "claim", &new.id, claims, false);
    text_problems(&mut problems, "--statement", &new.statement);
    for id in &new.about {
        id_problems(&mut problems, "actor", id, actors, true);
    }
    for tag in &new.tags {
        if let Err(e) = Id::parse(tag) {
            problems.push(format!("`{}` is not a valid tag: {e}", tag.escape_debug()));
        }
    }
    for id in &new.contradicts {
        id_problems(&mut problems, "claim", id, claims, true);
    }
    if let Some(verdict) = &new.verdict
        && Verdict::parse(verdict).is_none()
    {
        problems.push(format!("`{}` is not a verdict: a verdict is {}", verdict.escape_debug(), Verdict::choices()));
    }
    let mut fields = vec![("id", Field::Word(new.id.clone())), ("statement", Field::Text(new.statement.clone()))];
    for (key, list) in [("about", &new.about), ("tags", &new.tags), ("contradicts", &new.contradicts)] {
        if !list.is_empty() {
            fields.push((key, Field::Words(list.clone())));
        }
    }
    if let Some(verdict) = &new.verdict {
        fields.push(("verdict", Field::Word(verdict.clone())));
    }
    if problems.is_empty() { Ok(Entry { fields }) } else { Err(problems) }
}

/// The actor's entry, or every problem with it.
pub(crate) fn actor(new: &NewActor, actors: &Defined) -> Result<Entry, Vec<String>> {
    let mut problems = Vec::new();
    id_problems(&mut problems, "actor", &new.id, actors, false);
    text_problems(&mut problems, "--name", &new.name);
    for alias in &new.aliases {
        text_problems(&mut problems, "--alias", alias);
    }
    if let Some(kind) = &new.kind
        && ActorKind::parse(kind).is_none()
    {
        problems.push(format!("`{}` is not a kind: a kind is {}", kind.escape_debug(), ActorKind::choices()));
    }
    if let Some(role) = &new.role {
        text_problems(&mut problems, "--role", role);
    }
    if let Some(id) = &new.affiliation {
        id_problems(&mut problems, "actor", id, actors, true);
    }
    let mut fields = vec![("id", Field::Word(new.id.clone())), ("name", Field::Text(new.name.clone()))];
    if !new.aliases.is_empty() {
        fields.push(("aliases", Field::Texts(new.aliases.clone())));
    }
    if let Some(kind) = &new.kind {
        fields.push(("kind", Field::Word(kind.clone())));
    }
    if let Some(role) = &new.role {
        fields.push(("role", Field::Text(role.clone())));
    }
    if let Some(id) = &new.affiliation {
        fields.push(("affiliation", Field::Word(id.clone())));
    }
    if problems.is_empty() { Ok(Entry { fields }) } else { Err(problems) }
}

/// A registry file to write: its path from the dossier root, its text
/// before (`None`: a new file) and after.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Change {
    pub path: String,
    pub before: Option<String>,
    pub after: String,
}

/// Adds `entry` to the registry: to its own file (`content/claims.yaml`)
/// when there is one, else to the last file of its folder in path order
/// (the entry then comes last, as it would in the one file), else to a
/// new `content/claims.yaml`.
pub(crate) fn add(sources: &Sources, registry: Registry, entry: &Entry) -> Result<Change, String> {
    let own = format!("content/{}.yaml", registry.name());
    let files = registry.files(sources);
    let target = files.iter().find(|f| f.path == own).or_else(|| files.last());
    match target {
        Some(file) => {
            let after = append(&file.text, entry).map_err(|e| format!("cannot add to {}: {e}", file.path))?;
            Ok(Change { path: file.path.clone(), before: Some(file.text.clone()), after })
        }
        None => {
            let header = modeline(&own, &format!("{}.schema.json", registry.name()));
            let after = append(&header, entry).map_err(|e| format!("cannot write {own}: {e}"))?;
            Ok(Change { path: own, before: None, after })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(actors: &[(&str, &str)], claims: &[(&str, &str)]) -> Sources {
        let files = |list: &[(&str, &str)]| {
            list.iter().map(|(p, t)| SourceFile { path: (*p).into(), text: (*t).into() }).collect()
        };
        Sources { actors: files(actors), claims: files(claims), ..Sources::default() }
    }

    #[test]
    fn a_duplicate_is_refused_where_it_is_defined() {
        let s = sources(&[], &[("content/claims/b.yaml", "# x\n- id: a\n  statement: A\n")]);
        let claims = defined(&s, Registry::Claims).unwrap();
        let problems = claim(&NewClaim::new("a", "Again"), &Defined::new(), &claims).unwrap_err();
        assert_eq!(problems, ["the claim `a` is already defined at content/claims/b.yaml:2:7; ids must be unique"]);
    }

    #[test]
    fn every_problem_is_named_at_once() {
        let actors = Defined::from([("known".to_owned(), "x".to_owned())]);
        let new = NewActor::new("Bad_Id", " ").with_kind("people").with_affiliation("unknown").with_alias("a\u{1}");
        let problems = actor(&new, &actors).unwrap_err();
        assert_eq!(problems.len(), 5, "{problems:?}");
        assert!(problems[0].starts_with("`Bad_Id` is not a valid actor id"), "{problems:?}");
        assert!(problems[3].contains("a kind is `person`"), "{problems:?}");
        assert!(problems[4].contains("there is no actor `unknown`"), "{problems:?}");
        let ok = NewClaim::new("c", "C").with_about("known").with_verdict("false").with_tag("t");
        let entry = claim(&ok, &actors, &Defined::new()).unwrap();
        assert_eq!(entry.fields.len(), 5);
    }

    #[test]
    fn the_own_file_then_the_folders_last_then_a_new_file() {
        let entry = Entry { fields: vec![("id", Field::Word("z".into())), ("name", Field::Text("Z".into()))] };
        let folder = [("content/actors/a.yaml", "- id: a\n  name: A\n"), ("content/actors/b.yaml", "")];
        let both = [("content/actors.yaml", "[]\n"), folder[0], folder[1]];
        assert_eq!(add(&sources(&both, &[]), Registry::Actors, &entry).unwrap().path, "content/actors.yaml");
        assert_eq!(add(&sources(&folder, &[]), Registry::Actors, &entry).unwrap().path, "content/actors/b.yaml");
        let new = add(&sources(&[], &[]), Registry::Actors, &entry).unwrap();
        assert_eq!(new.path, "content/actors.yaml");
        assert_eq!(new.before, None);
        assert!(new.after.starts_with("# yaml-language-server: $schema=../schemas/actors.schema.json\n- id: z\n"));
    }
}
