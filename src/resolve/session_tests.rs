//! A session gives what a fresh resolution gives, after any sequence of
//! edits, and names exactly the articles that changed.

use proptest::prelude::*;

use super::*;
use crate::model::Stance;
use crate::resolve::resolve;

fn id(s: &str) -> Id {
    Id::parse(s).unwrap()
}

fn file(path: &str, text: &str) -> SourceFile {
    SourceFile { path: path.to_owned(), text: text.to_owned() }
}

const ACTORS: &str = "- id: kupiansk\n  name: Kupiansk\n  kind: place\n- id: gantsev\n  name: Vitaly Gantsev\n  kind: person\n- id: ria\n  name: RIA Novosti\n  kind: media\n- id: nobody\n  name: Nobody\n";
const CLAIMS: &str = "- id: russia-30\n  statement: Russia holds 30%.\n  about: [kupiansk]\n  contradicts: [ukraine-all]\n- id: ukraine-all\n  statement: Ukraine holds nearly all.\n";

fn md(title: &str) -> String {
    format!(
        "---\ntitle: {title}\noutlet: ria\npublished: 2025-12-29\n---\n\nGantsev said Russian forces hold *about 30%* of the city. Kyiv says it holds nearly all of it.\n"
    )
}

fn sidecar(stance: &str, by: &str) -> String {
    format!(
        "annotations:\n  - id: thirty\n    quote: \"Russian forces hold about 30%\"\n    claim: russia-30\n    stance: {stance}\n    by: {by}\n  - id: all\n    quote: \"holds nearly all\"\n    claim: ukraine-all\n    stance: supports\n"
    )
}

fn sources() -> Sources {
    let mut s = Sources {
        site: Some(file("content/site.yaml", "title: T\n")),
        actors: vec![file("content/actors.yaml", ACTORS)],
        claims: vec![file("content/claims.yaml", CLAIMS)],
        ..Sources::default()
    };
    for name in ["a", "b", "c"] {
        s.articles.push(file(&format!("content/articles/{name}.md"), &md(name)));
        s.sidecars.push(file(&format!("content/articles/{name}.yaml"), &sidecar("supports", "gantsev")));
    }
    s
}

/// One edit of the files, as a person (or a broken editor) makes it.
#[derive(Clone, Debug)]
enum Edit {
    Stance(usize, &'static str),
    Speaker(usize, &'static str),
    Title(usize, &'static str),
    Comment(usize),
    BreakSidecar(usize),
    RemoveArticle(usize),
    AddArticle(&'static str),
    UnknownClaim(usize),
    Claims(&'static str),
    Site(&'static str),
}

fn apply(s: &mut Sources, edit: &Edit) {
    let pick = |n: usize, len: usize| n % len.max(1);
    match *edit {
        Edit::Stance(i, stance) => {
            if let Some(f) = {
                let n = pick(i, s.sidecars.len());
                s.sidecars.get_mut(n)
            } {
                f.text = sidecar(stance, "gantsev");
            }
        }
        Edit::Speaker(i, by) => {
            if let Some(f) = {
                let n = pick(i, s.sidecars.len());
                s.sidecars.get_mut(n)
            } {
                f.text = sidecar("disputes", by);
            }
        }
        Edit::Title(i, title) => {
            if let Some(f) = {
                let n = pick(i, s.articles.len());
                s.articles.get_mut(n)
            } {
                f.text = md(title);
            }
        }
        Edit::Comment(i) => {
            if let Some(f) = {
                let n = pick(i, s.sidecars.len());
                s.sidecars.get_mut(n)
            } {
                f.text.push_str("# a comment changes nothing\n");
            }
        }
        Edit::BreakSidecar(i) => {
            if let Some(f) = {
                let n = pick(i, s.sidecars.len());
                s.sidecars.get_mut(n)
            } {
                f.text = "annotations:\n  - id: [unclosed\n".to_owned();
            }
        }
        Edit::UnknownClaim(i) => {
            if let Some(f) = {
                let n = pick(i, s.sidecars.len());
                s.sidecars.get_mut(n)
            } {
                f.text = f.text.replace("claim: russia-30", "claim: russia-31");
            }
        }
        Edit::RemoveArticle(i) => {
            if !s.articles.is_empty() {
                let md = s.articles.remove(pick(i, s.articles.len()));
                s.sidecars.retain(|f| f.path.trim_end_matches(".yaml") != md.path.trim_end_matches(".md"));
            }
        }
        Edit::AddArticle(name) => {
            let path = format!("content/articles/{name}.md");
            if !s.articles.iter().any(|f| f.path == path) {
                s.articles.push(file(&path, &md(name)));
                s.sidecars.push(file(&format!("content/articles/{name}.yaml"), &sidecar("disputes", "gantsev")));
                s.articles.sort_by(|a, b| a.path.cmp(&b.path));
                s.sidecars.sort_by(|a, b| a.path.cmp(&b.path));
            }
        }
        Edit::Claims(extra) => s.claims[0].text = format!("{CLAIMS}{extra}"),
        Edit::Site(title) => s.site = Some(file("content/site.yaml", &format!("title: {title}\n"))),
    }
}

/// Updates `session` and checks it against a fresh resolution.
fn update(session: &mut Session, s: &Sources) -> Changes {
    let (diagnostics, changes) = session.update(s);
    let (dossier, expected) = resolve(s);
    assert_eq!(diagnostics, expected, "the diagnostics of a fresh resolution");
    assert!(*session.dossier() == dossier, "the dossier of a fresh resolution");
    changes
}

fn changed(changes: &Changes) -> Vec<&str> {
    match changes {
        Changes::All => vec!["*"],
        Changes::Articles(articles) => articles.keys().map(Id::as_str).collect(),
    }
}

#[test]
fn only_edited_articles_are_changes() {
    let mut session = Session::default();
    let mut s = sources();
    assert_eq!(changed(&update(&mut session, &s)), ["*"], "the first update changes everything");
    assert!(update(&mut session, &s).is_empty(), "the same files again change nothing");

    apply(&mut s, &Edit::Stance(1, "disputes"));
    let changes = update(&mut session, &s);
    assert_eq!(changed(&changes), ["b"]);
    let Changes::Articles(before) = changes else { unreachable!() };
    let old = before[&id("b")].as_ref().expect("b was there");
    assert_eq!(old.annotations.iter().find(|a| a.id.as_str() == "thirty").unwrap().stance, Stance::Supports);

    apply(&mut s, &Edit::Comment(0));
    assert!(update(&mut session, &s).is_empty(), "a comment resolves to the same article");

    apply(&mut s, &Edit::AddArticle("d"));
    let changes = update(&mut session, &s);
    assert!(matches!(&changes, Changes::Articles(a) if a.len() == 1 && a[&id("d")].is_none()));

    apply(&mut s, &Edit::RemoveArticle(0));
    let changes = update(&mut session, &s);
    assert!(matches!(&changes, Changes::Articles(a) if a.len() == 1 && a[&id("a")].is_some()));

    apply(&mut s, &Edit::Claims("- id: new-claim\n  statement: New.\n"));
    assert_eq!(changed(&update(&mut session, &s)), ["*"], "a registry edit changes everything");
}

#[test]
fn changes_add_up_until_they_are_used() {
    let mut session = Session::default();
    let mut s = sources();
    update(&mut session, &s);
    apply(&mut s, &Edit::Stance(0, "context"));
    let first = update(&mut session, &s);
    apply(&mut s, &Edit::Stance(0, "disputes"));
    apply(&mut s, &Edit::Title(2, "Another title"));
    let both = first.then(update(&mut session, &s));
    let Changes::Articles(before) = both else { panic!("only articles changed") };
    assert_eq!(before.keys().map(Id::as_str).collect::<Vec<_>>(), ["a", "c"]);
    let a = before[&id("a")].as_ref().unwrap();
    assert_eq!(
        a.annotations.iter().find(|n| n.id.as_str() == "thirty").unwrap().stance,
        Stance::Supports,
        "a as it was first"
    );
    assert!(matches!(Changes::All.then(Changes::Articles(BTreeMap::new())), Changes::All));
}

fn edit() -> impl Strategy<Value = Edit> {
    let i = 0..4usize;
    prop_oneof![
        (i.clone(), prop_oneof![Just("supports"), Just("disputes"), Just("context"), Just("nonsense")])
            .prop_map(|(i, s)| Edit::Stance(i, s)),
        (i.clone(), prop_oneof![Just("gantsev"), Just("kupiansk"), Just("nobody")])
            .prop_map(|(i, b)| Edit::Speaker(i, b)),
        (i.clone(), prop_oneof![Just("A"), Just("Z"), Just("")]).prop_map(|(i, t)| Edit::Title(i, t)),
        i.clone().prop_map(Edit::Comment),
        i.clone().prop_map(Edit::BreakSidecar),
        i.clone().prop_map(Edit::UnknownClaim),
        i.clone().prop_map(Edit::RemoveArticle),
        prop_oneof![Just("a"), Just("d"), Just("e")].prop_map(Edit::AddArticle),
        prop_oneof![Just(""), Just("- id: russia-31\n  statement: Typo fixed.\n")].prop_map(Edit::Claims),
        prop_oneof![Just("T"), Just("U")].prop_map(Edit::Site),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Whatever the edits, each update is a fresh resolution, and the
    /// articles it names are exactly those that differ.
    #[test]
    fn any_edits_resolve_as_from_scratch(edits in proptest::collection::vec(edit(), 1..12)) {
        let mut session = Session::default();
        let mut s = sources();
        update(&mut session, &s);
        for e in &edits {
            let before = session.dossier().clone();
            apply(&mut s, e);
            match update(&mut session, &s) {
                Changes::All => {}
                Changes::Articles(changed) => {
                    let after = session.dossier();
                    let ids: std::collections::BTreeSet<&Id> = before.articles.keys().chain(after.articles.keys()).collect();
                    for id in ids {
                        let differs = before.articles.get(id) != after.articles.get(id);
                        prop_assert_eq!(differs, changed.contains_key(id), "{} after {:?}", id, e);
                        if let Some(old) = changed.get(id) {
                            prop_assert!(old.as_ref() == before.articles.get(id), "{} was as before", id);
                        }
                    }
                }
            }
        }
    }
}
