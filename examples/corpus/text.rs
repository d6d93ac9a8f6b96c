//! One article: about 600 words of Markdown (paragraphs, a `##` heading, a
//! bullet list, emphasis) and its 10 annotations.
//!
//! Every sentence carries a number drawn from a strictly increasing
//! sequence, always written with a space before and a word after. A quote
//! that spans its sentence's number therefore occurs exactly once in the
//! article's text, whatever else the sentence shares with others.

use super::rng::Rng;
use super::words::*;
use super::world::{Region, World, slug};

pub const ANNOTATIONS: usize = 10;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Stance {
    Supports,
    Disputes,
    Context,
}

impl Stance {
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Supports => "supports",
            Stance::Disputes => "disputes",
            Stance::Context => "context",
        }
    }
}

pub struct Annotation {
    pub id: String,
    pub quote: String,
    pub claim: usize,
    pub stance: Stance,
    pub by: usize,
    pub via: Option<usize>,
    pub note: Option<String>,
}

pub struct Article {
    pub id: String,
    pub title: String,
    pub outlet: usize,
    pub url: String,
    pub published: String,
    pub author: String,
    pub body: String,
    pub annotations: Vec<Annotation>,
}

/// Statements per paragraph: 10 in all, between the fillers.
const PLAN: [usize; 7] = [1, 2, 1, 2, 1, 2, 1];
/// The heading comes before this paragraph, the list after it.
const HEADING_BEFORE: usize = 3;
const LIST_AFTER: usize = 3;

/// Article `i` (0-based) of the corpus.
pub fn article(w: &World, seed: u64, i: usize) -> Article {
    let mut rng = Rng::fork(seed, "article", i as u64);
    let region = &w.regions[i % w.regions.len()];
    let local = i / w.regions.len();
    let place = region.place_name.as_str();
    let outlet = region.media[local % region.media.len()];

    // Ten distinct claims of the region, in a rotating window.
    let m = region.claims.len();
    let claims: Vec<usize> = (0..ANNOTATIONS).map(|j| region.claims[(local * ANNOTATIONS + j) % m]).collect();
    let district = DISTRICTS[rng.below(DISTRICTS.len())];
    let (title_key, title) = *rng.pick(TITLES);
    let title = title.replace("{p}", place).replace("{d}", district);
    let id = format!("{}-{title_key}-{}", slug(place), i + 1);

    let cx = Cx { w, region, local, outlet };
    let mut fillers: Vec<usize> = (0..FILLERS.len()).collect();
    rng.shuffle(&mut fillers);
    let mut fillers = fillers.into_iter().cycle();
    let mut numbers = Numbers { next: 2 + rng.below(30) as u64 };
    let mut body = String::new();
    let mut annotations: Vec<Annotation> = Vec::with_capacity(ANNOTATIONS);
    let mut spoken: Vec<usize> = Vec::new();
    for (p, &statements) in PLAN.iter().enumerate() {
        if p == HEADING_BEFORE {
            body.push_str("## ");
            let heading = *rng.pick(HEADINGS);
            body.push_str(heading);
            body.push_str("\n\n");
        }
        let fill = 2 + rng.below(3) + usize::from(p == 0);
        let mut slots: Vec<bool> = [vec![true; statements], vec![false; fill]].concat();
        rng.shuffle(&mut slots[1..]);
        let mut sentences = Vec::new();
        for statement in slots {
            if statement {
                let j = annotations.len();
                let (md, a) = cx.statement(&mut rng, &mut numbers, claims[j], &spoken, j);
                spoken.push(a.by);
                annotations.push(a);
                sentences.push(md);
            } else {
                let template = FILLERS[fillers.next().expect("cycles")];
                let d = DISTRICTS[rng.below(DISTRICTS.len())];
                sentences.push(numbers.fill(&template.replace("{p}", place).replace("{d}", d)));
            }
        }
        body.push_str(&sentences.join(" "));
        body.push_str("\n\n");
        if p == LIST_AFTER {
            let mut items: Vec<&str> = LIST_ITEMS.to_vec();
            rng.shuffle(&mut items);
            for item in &items[..4] {
                body.push_str("- ");
                body.push_str(&numbers.fill(&item.replace("{d}", district)));
                body.push('\n');
            }
            body.push('\n');
        }
    }
    body.pop();
    dedupe_ids(&mut annotations);

    let day = rng.below(730) as i64;
    let published = date(19_358 + day); // 2023-01-01 + up to two years
    let url = format!("https://{}.example.org/{}/{id}/", w.actors[outlet].id, &published[..7].replace('-', "/"));
    let author = format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(SURNAMES));
    Article { id, title, outlet, url, published, author, body, annotations }
}

/// What a statement needs to know about its article.
struct Cx<'a> {
    w: &'a World,
    region: &'a Region,
    local: usize,
    outlet: usize,
}

impl Cx<'_> {
    /// Who speaks in statement `j`: the first cycles through all the
    /// region's people (so each speaks somewhere); the others come from the
    /// ~8 people the outlet usually quotes, so agreement stays local.
    fn speaker(&self, rng: &mut Rng, j: usize) -> usize {
        let persons = &self.region.persons;
        if j == 0 {
            return persons[self.local % persons.len()];
        }
        let media = &self.region.media;
        let o = media.iter().position(|&m| m == self.outlet).unwrap_or(0);
        let start = o * persons.len() / media.len();
        persons[(start + rng.below(persons.len().min(8))) % persons.len()]
    }

    /// Sometimes the statement reached the outlet through another medium.
    fn via(&self, rng: &mut Rng) -> Option<usize> {
        let others: Vec<usize> = self.region.media.iter().copied().filter(|&m| m != self.outlet).collect();
        (!others.is_empty() && rng.chance(25)).then(|| *rng.pick(&others))
    }

    /// Statement sentence `j` (Markdown) and its annotation.
    fn statement(
        &self,
        rng: &mut Rng,
        numbers: &mut Numbers,
        claim: usize,
        spoken: &[usize],
        j: usize,
    ) -> (String, Annotation) {
        let by = self.speaker(rng, j);
        let speaker = &self.w.actors[by];
        let c = &self.w.claims[claim];
        let stance = if rng.chance(20) {
            Stance::Context
        } else if speaker.side == c.side {
            Stance::Supports
        } else {
            Stance::Disputes
        };
        let says = *rng.pick(SAYS[stance as usize]);
        let who = if spoken.contains(&by) {
            speaker.surname.clone()
        } else {
            format!("{}, {},", speaker.name, speaker.role.as_deref().unwrap_or("a resident"))
        };
        let mut clause = c.clause.clone();
        if rng.chance(25) {
            // Emphasis inside the claim's words: quotes must cross it.
            let mut words: Vec<String> = clause.split(' ').map(str::to_owned).collect();
            let k = 1 + rng.below(words.len() - 1);
            let mark = if rng.chance(30) { "**" } else { "*" };
            words[k] = format!("{mark}{}{mark}", words[k]);
            clause = words.join(" ");
        }
        let tail = *rng.pick(TAILS);
        let tail = numbers.fill(tail);
        let head = format!("{who} {says}");
        // The whole sentence, or from the claim's words on; never the final stop.
        let quote = if rng.chance(50) { format!("{head} {clause}, {tail}") } else { format!("{clause}, {tail}") };
        let via = self.via(rng);
        let note = match via {
            Some(v) if rng.chance(50) => Some(format!("Reported by *{}*.", self.w.actors[v].name)),
            _ => rng.chance(10).then(|| "Said again, in other words, later the same day.".to_owned()),
        };
        let id = format!("{}-{}", slug(&speaker.surname), c.key);
        let a = Annotation { id, quote: quote.replace('*', ""), claim, stance, by, via, note };
        (format!("{head} {clause}, {tail}."), a)
    }
}

fn dedupe_ids(annotations: &mut [Annotation]) {
    for i in 1..annotations.len() {
        let mut n = 2;
        let base = annotations[i].id.clone();
        while annotations[..i].iter().any(|a| a.id == annotations[i].id) {
            annotations[i].id = format!("{base}-{n}");
            n += 1;
        }
    }
}

/// The strictly increasing numbers of one article.
struct Numbers {
    next: u64,
}

impl Numbers {
    fn fill(&mut self, template: &str) -> String {
        let n = self.next;
        self.next += 1 + n % 37;
        template.replace("{n}", &n.to_string())
    }
}

/// Days since 1970-01-01 as `YYYY-MM-DD` (Howard Hinnant's civil_from_days).
pub fn date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}
