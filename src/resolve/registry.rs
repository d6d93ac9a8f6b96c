//! Actors and claims: registries in one file or a folder, merged, with
//! ids unique across all files and every reference checked.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::Findings;
use crate::diagnostic::{Code, Diagnostic, LineStarts, Location};
use crate::load::SourceFile;
use crate::markdown;
use crate::model::{Actor, ActorKind, Claim, Dossier, Id, Verdict};
use crate::sidecar::{RawActor, RawClaim, Src, Text, lenient};

/// Parses each registry file as a YAML list of `T`.
fn entries<'a, T, L>(findings: &mut Findings, files: &'a [SourceFile], lines: &'a [LineStarts]) -> Vec<(Src<'a>, T)>
where
    T: for<'de> serde::Deserialize<'de>,
    L: for<'de> serde::Deserialize<'de> + Into<T>,
{
    let mut out = Vec::new();
    for (file, lines) in files.iter().zip(lines) {
        let src = Src { lines: Some(lines), ..Src::whole(&file.path, &file.text) };
        if file.text.trim().is_empty() {
            continue;
        }
        let (items, errors) = src.parse_list::<T, L>();
        out.extend(items);
        findings.diagnostics.extend(errors);
    }
    out
}

/// Reports a second definition of an id, pointing at the first.
fn duplicate(findings: &mut Findings, what: &str, id: &Id, here: Location, first: &Location) {
    let d = Diagnostic::error(Code::DuplicateId, format!("the {what} id `{id}` is defined twice"), here)
        .label("defined again here")
        .note(first.clone(), "first defined here")
        .help(format!("{what} ids must be unique across all files: rename or merge one of them"));
    findings.push(d);
}

pub(super) fn keyword<K>(
    findings: &mut Findings,
    src: Src<'_>,
    value: &Text,
    what: &str,
    parse: fn(&str) -> Option<K>,
    choices: String,
) -> Option<K> {
    let parsed = parse(&value.value);
    if parsed.is_none() {
        let d = Diagnostic::error(
            match what {
                "stance" => Code::BadStance,
                "verdict" => Code::BadVerdict,
                "form" => Code::BadForm,
                _ => Code::BadKind,
            },
            format!("`{}` is not a {what}", value.value),
            src.at(value),
        )
        .label(format!("unknown {what}"))
        .help(format!("a {what} is {choices}"));
        findings.push(d);
    }
    parsed
}

pub(super) fn actors(findings: &mut Findings, files: &[SourceFile], dossier: &mut Dossier) {
    // A registry may hold thousands of entries: locate them by line index.
    let lines: Vec<LineStarts> = files.iter().map(|f| LineStarts::new(&f.text)).collect();
    let raw: Vec<(Src<'_>, RawActor)> = entries::<_, lenient::RawActor>(findings, files, &lines);
    for (src, a) in &raw {
        let kind =
            a.kind.as_ref().and_then(|k| keyword(findings, *src, k, "kind", ActorKind::parse, ActorKind::choices()));
        let Some(id) = findings.id(*src, &a.id, "actor") else { continue };
        if let Some(first) = findings.actor_defs.get(&id).cloned() {
            duplicate(findings, "actor", &id, src.at(&a.id), &first);
            continue;
        }
        Arc::make_mut(&mut findings.actor_defs).insert(id.clone(), src.at(&a.id));
        let actor = Actor {
            id: id.clone(),
            name: a.name.value.clone(),
            aliases: a.aliases.iter().map(|s| s.value.clone()).collect(),
            kind,
            role: a.role.clone(),
            affiliation: None,
        };
        dossier.actors.insert(id, actor);
    }
    // Affiliations may point at actors defined later or in other files.
    for (src, a) in &raw {
        let (Ok(id), Some(aff)) = (Id::parse(&a.id.value), &a.affiliation) else { continue };
        if findings.actor_defs.get(&id) != Some(&src.at(&a.id)) {
            continue; // a duplicate, already reported
        }
        if let Some(target) = findings.actor_ref(*src, aff, "affiliation") {
            if target == id {
                let d = Diagnostic::error(
                    Code::SelfAffiliation,
                    format!("actor `{id}` is affiliated with itself"),
                    src.at(aff),
                )
                .help("remove `affiliation`, or name the organisation the actor belongs to");
                findings.push(d);
                continue;
            }
            dossier.actors.get_mut(&id).expect("inserted above").affiliation = Some(target);
        }
    }
}

pub(super) fn claims(findings: &mut Findings, files: &[SourceFile], dossier: &mut Dossier) {
    let lines: Vec<LineStarts> = files.iter().map(|f| LineStarts::new(&f.text)).collect();
    let raw: Vec<(Src<'_>, RawClaim)> = entries::<_, lenient::RawClaim>(findings, files, &lines);
    let mut defined = Vec::new();
    for (src, c) in &raw {
        let Some(id) = findings.id(*src, &c.id, "claim") else { continue };
        if let Some(first) = findings.claim_defs.get(&id).cloned() {
            duplicate(findings, "claim", &id, src.at(&c.id), &first);
            continue;
        }
        Arc::make_mut(&mut findings.claim_defs).insert(id.clone(), src.at(&c.id));
        if c.statement.value.trim().is_empty() {
            let d = Diagnostic::error(
                Code::EmptyStatement,
                format!("claim `{id}` has an empty statement"),
                src.at(&c.statement),
            )
            .help("state the claim in one checkable sentence");
            findings.push(d);
        }
        let about = c.about.iter().filter_map(|a| findings.actor_ref(*src, a, "about")).collect();
        let tags = c.tags.iter().filter_map(|t| findings.id(*src, t, "tag")).map(|t| t.as_str().to_owned()).collect();
        let verdict =
            c.verdict.as_ref().and_then(|v| keyword(findings, *src, v, "verdict", Verdict::parse, Verdict::choices()));
        let claim = Claim {
            id: id.clone(),
            statement: c.statement.value.clone(),
            about,
            tags,
            contradicts: BTreeSet::new(),
            verdict,
            verdict_note: c.verdict_note.as_deref().map(markdown::render_note),
            verdict_note_source: c.verdict_note.clone(),
            verdict_on: c.verdict_on.as_ref().and_then(|d| super::date(findings, *src, d)),
        };
        dossier.claims.insert(id.clone(), claim);
        defined.push((*src, id, c));
    }
    // `contradicts` is symmetric: record both directions.
    for (src, id, c) in defined {
        let mut listed: std::collections::BTreeMap<Id, Location> = std::collections::BTreeMap::new();
        for other in &c.contradicts {
            let Some(target) = findings.claim_ref(src, other, "contradicts") else { continue };
            if let Some(first) = listed.get(&target) {
                let d = Diagnostic::warning(
                    Code::RepeatedContradiction,
                    format!("claim `{id}` lists `{target}` in `contradicts` twice"),
                    src.at(other),
                )
                .label("listed again here")
                .note(first.clone(), "first listed here")
                .help("remove the repetition: each contradicting claim is listed once");
                findings.push(d);
                continue;
            }
            listed.insert(target.clone(), src.at(other));
            if target == id {
                let d = Diagnostic::error(
                    Code::SelfContradiction,
                    format!("claim `{id}` contradicts itself"),
                    src.at(other),
                )
                .help("`contradicts` lists other claims that cannot be true together with this one");
                findings.push(d);
                continue;
            }
            dossier.claims.get_mut(&id).expect("inserted above").contradicts.insert(target.clone());
            dossier.claims.get_mut(&target).expect("known claim").contradicts.insert(id.clone());
        }
    }
}

/// Warns about actors and claims that nothing uses.
pub(super) fn warn_unused(findings: &mut Findings) {
    let unused_claims: Vec<(Id, Location)> = findings
        .claim_defs
        .iter()
        .filter(|(id, _)| !findings.used_claims.contains(*id))
        .map(|(i, l)| (i.clone(), l.clone()))
        .collect();
    for (id, location) in unused_claims {
        let d = Diagnostic::warning(
            Code::UnusedClaim,
            format!("claim `{id}` has no evidence: no annotation names it"),
            location,
        )
        .help("annotate a passage with `claim: ".to_owned() + id.as_str() + "`, or remove the claim");
        findings.push(d);
    }
    let unused_actors: Vec<(Id, Location)> = findings
        .actor_defs
        .iter()
        .filter(|(id, _)| !findings.used_actors.contains(*id))
        .map(|(i, l)| (i.clone(), l.clone()))
        .collect();
    for (id, location) in unused_actors {
        let d = Diagnostic::warning(Code::UnusedActor, format!("actor `{id}` is not used"), location)
            .help("name it in `by`, `via`, `outlet`, `about` or `affiliation`, or remove it");
        findings.push(d);
    }
}
