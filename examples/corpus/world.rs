//! The registries of the corpus: regions, actors and claims.
//!
//! The world is split into regions of about 100 articles, 20 actors and 50
//! claims each; an article quotes only the people and claims of its region.
//! So every claim gets about 20 annotations and every speaker a bounded set
//! of peers, at any N, as in a real dossier that grows by covering more
//! places. Each region has two sides; a speaker supports the claims of its
//! side and disputes the others, so no actor contradicts itself and
//! `dossier check` stays silent.

use std::collections::BTreeSet;

use super::rng::Rng;
use super::words::*;

pub struct Actor {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub kind: &'static str,
    pub role: Option<String>,
    /// Index into [`World::actors`].
    pub affiliation: Option<usize>,
    /// 0 or 1 for persons and institutions.
    pub side: usize,
    pub surname: String,
}

pub struct Claim {
    pub id: String,
    /// The statement as a clause: "the old town of Velykivka is …".
    pub clause: String,
    /// The short key of its template ("bridge-destroyed"), for annotation ids.
    pub key: &'static str,
    pub about: Vec<usize>,
    pub tag: &'static str,
    /// The claim it contradicts, stated on both.
    pub contradicts: Option<usize>,
    /// The side whose speakers support it.
    pub side: usize,
    pub verdict: Option<(&'static str, Option<&'static str>)>,
}

impl Claim {
    pub fn statement(&self) -> String {
        let mut s = capitalise(&self.clause);
        s.push('.');
        s
    }
}

pub struct Region {
    pub place: usize,
    pub place_name: String,
    pub institutions: Vec<usize>,
    pub media: Vec<usize>,
    pub persons: Vec<usize>,
    pub claims: Vec<usize>,
}

pub struct World {
    pub actors: Vec<Actor>,
    pub claims: Vec<Claim>,
    pub regions: Vec<Region>,
}

/// Sizes for `articles` articles: N/2 claims, N/5 actors, N/100 regions.
pub struct Sizes {
    pub regions: usize,
    pub actors: usize,
    pub claims: usize,
}

impl Sizes {
    pub fn new(articles: usize) -> Sizes {
        Sizes { regions: (articles / 100).max(1), actors: (articles / 5).max(5), claims: (articles / 2).max(2) }
    }
}

/// `n` split into `parts` near-equal shares; share `i`.
fn share(n: usize, parts: usize, i: usize) -> usize {
    n / parts + usize::from(i < n % parts)
}

pub fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// A spelling variant, as transliterations give: "Velykivka" → "Velikivka".
fn variant(name: &str) -> Option<String> {
    let v = name.replace("ky", "ki").replace("yi", "i").replace("ia", "ya").replace("kh", "h");
    (v != name).then_some(v)
}

pub fn build(seed: u64, articles: usize) -> World {
    let sizes = Sizes::new(articles);
    let mut rng = Rng::fork(seed, "world", 0);
    let mut places: Vec<String> = PLACE_MARKS
        .iter()
        .flat_map(|m| PLACE_HEADS.iter().flat_map(move |h| PLACE_TAILS.iter().map(move |t| format!("{m}{h}{t}"))))
        .collect();
    assert!(sizes.regions <= places.len(), "at most {} regions (N ≤ {})", places.len(), places.len() * 100);
    // The plain names first, shuffled; marked ones only when those run out.
    let plain = PLACE_HEADS.len() * PLACE_TAILS.len();
    rng.shuffle(&mut places[..plain]);
    let mut people: Vec<(usize, usize)> =
        (0..FIRST_NAMES.len()).flat_map(|f| (0..SURNAMES.len()).map(move |s| (f, s))).collect();
    rng.shuffle(&mut people);

    let mut w = World { actors: Vec::new(), claims: Vec::new(), regions: Vec::new() };
    let mut ids = BTreeSet::new();
    let mut person_count = 0;
    for r in 0..sizes.regions {
        let k = share(sizes.actors, sizes.regions, r);
        let (n_inst, n_media) = ((k / 10).max(1), (k * 3 / 20).max(1));
        let n_persons = k - 1 - n_inst - n_media;
        let place_name = places[r].clone();
        let mut push = |w: &mut World, a: Actor| {
            assert!(ids.insert(a.id.clone()), "duplicate actor id {}", a.id);
            w.actors.push(a);
            w.actors.len() - 1
        };
        let place = push(&mut w, actor(&place_name, "place", Some("Town in the contested east".into()), 0));
        w.actors[place].aliases.extend(variant(&place_name));
        let institutions: Vec<usize> = (0..n_inst)
            .map(|i| {
                let (kind, pattern, side) = INSTITUTIONS[(r + i) % INSTITUTIONS.len()];
                push(&mut w, actor(&pattern.replace("{p}", &place_name), kind, None, side))
            })
            .collect();
        let media: Vec<usize> = (0..n_media)
            .map(|i| {
                let name = format!("{place_name} {}", MEDIA_NAMES[(r + i) % MEDIA_NAMES.len()]);
                let role = if name.ends_with("Radio") { "Regional radio station" } else { "Local news outlet" };
                push(&mut w, actor(&name, "media", Some(role.into()), 0))
            })
            .collect();
        let persons: Vec<usize> = (0..n_persons)
            .map(|i| {
                let p = person(&mut rng, &w, &people, person_count, i % 2, &place_name, &institutions);
                person_count += 1;
                push(&mut w, p)
            })
            .collect();
        let claims = region_claims(&mut rng, &mut w, share(sizes.claims, sizes.regions, r), place, &institutions);
        w.regions.push(Region { place, place_name, institutions, media, persons, claims });
    }
    w
}

fn actor(name: &str, kind: &'static str, role: Option<String>, side: usize) -> Actor {
    Actor {
        id: slug(name),
        name: name.to_owned(),
        aliases: Vec::new(),
        kind,
        role,
        affiliation: None,
        side,
        surname: name.rsplit(' ').next().unwrap_or(name).to_owned(),
    }
}

/// The `n`-th person: unique name, a role on its side, often an affiliation.
fn person(
    rng: &mut Rng,
    w: &World,
    people: &[(usize, usize)],
    n: usize,
    side: usize,
    place: &str,
    institutions: &[usize],
) -> Actor {
    let (f, s) = people[n % people.len()];
    let (first, surname) = (FIRST_NAMES[f], SURNAMES[s]);
    let round = n / people.len();
    let name = if round == 0 {
        format!("{first} {surname}")
    } else {
        // Past the first/last combinations, a middle initial keeps names unique.
        format!("{first} {}. {surname}", (b'A' + (round - 1) as u8 % 26) as char)
    };
    let own: Vec<usize> = institutions.iter().copied().filter(|&i| w.actors[i].side == side).collect();
    let affiliation = (!own.is_empty() && rng.chance(70)).then(|| *rng.pick(&own));
    let roles: Vec<&str> =
        ROLES[side].iter().copied().filter(|r| affiliation.is_some() || !r.contains("{i}")).collect();
    let role = rng.pick(&roles).replace("{p}", place);
    let role = affiliation.map_or(role.clone(), |i| role.replace("{i}", &w.actors[i].name));
    let mut a = actor(&name, "person", Some(role), side);
    a.affiliation = affiliation;
    if rng.chance(25) {
        a.aliases.push(format!("{}. {surname}", &first[..1]));
    }
    a
}

/// `m` claims about one place. Claims go in fours: the first two contradict
/// each other (stated on both), the next two stand alone.
fn region_claims(rng: &mut Rng, w: &mut World, m: usize, place: usize, institutions: &[usize]) -> Vec<usize> {
    let keys = CLAIMS.len() * DISTRICTS.len();
    assert!(m * 3 / 4 < keys, "too many claims per region: {m}");
    let place_name = w.actors[place].name.clone();
    let mut out = Vec::with_capacity(m);
    let mut key = 0;
    for l in 0..m {
        let paired = l % 4 < 2 && (l ^ 1) < m;
        let side = if paired { l % 2 } else { rng.below(2) };
        if !(paired && l % 4 == 1) && l > 0 {
            key += 1;
        }
        // A bijection of `key` onto (template, district) that varies both.
        let (t, d) = (key % CLAIMS.len(), (key / CLAIMS.len() + key * 5) % DISTRICTS.len());
        let (k0, c0, k1, c1) = CLAIMS[t];
        let (k, clause) = if side == 0 { (k0, c0) } else { (k1, c1) };
        let clause = clause.replace("{d}", DISTRICTS[d]).replace("{p}", &place_name);
        let index = w.claims.len();
        let verdict = rng.chance(30).then(|| {
            let v = *rng.pick(&["unverified", "unverified", "confirmed", "misleading", "false"]);
            (v, rng.chance(50).then(|| *rng.pick(VERDICT_NOTES)))
        });
        w.claims.push(Claim {
            id: format!("{}-{}-{k}", slug(&place_name), slug(DISTRICTS[d])),
            clause,
            key: k,
            about: vec![place, institutions[l % institutions.len()]],
            tag: TAGS[t],
            contradicts: paired.then(|| if l % 2 == 0 { index + 1 } else { index - 1 }),
            side,
            verdict,
        });
        out.push(index);
    }
    out
}
