//! The vocabulary of the synthetic corpus: names, places, claim templates
//! and the phrases articles are built from. No digits anywhere here: the
//! only numbers in an article come from its sequence of unique numbers, so
//! every quoted sentence anchors exactly once.

pub const FIRST_NAMES: &[&str] = &[
    "Olena", "Mykola", "Iryna", "Taras", "Natalia", "Serhiy", "Oksana", "Andriy", "Halyna", "Dmytro", "Svitlana",
    "Yuriy", "Larysa", "Bohdan", "Tetiana", "Vasyl", "Marta", "Roman", "Kateryna", "Oleh", "Anna", "Pavlo", "Daria",
    "Ihor", "Sofia", "Artem", "Vira", "Maksym", "Liudmyla", "Petro", "Nadia", "Viktor", "Alina", "Stepan", "Zoya",
    "Hryhoriy", "Yulia", "Fedir", "Olha", "Kyrylo", "Inna", "Leonid", "Maria", "Borys", "Ruslana", "Anton", "Emilia",
    "Yaroslav",
];

pub const SURNAMES: &[&str] = &[
    "Kovalenko",
    "Bondarenko",
    "Tkachenko",
    "Shevchuk",
    "Kravets",
    "Melnyk",
    "Polishchuk",
    "Lysenko",
    "Moroz",
    "Savchenko",
    "Rudenko",
    "Marchenko",
    "Hnatiuk",
    "Kuzmenko",
    "Oliynyk",
    "Pavlenko",
    "Zhuk",
    "Vlasenko",
    "Ostapchuk",
    "Demchenko",
    "Karpenko",
    "Yatsenko",
    "Petrenko",
    "Hrytsenko",
    "Sydorenko",
    "Boyko",
    "Klymenko",
    "Fedorenko",
    "Holub",
    "Levchenko",
    "Mazur",
    "Nazarenko",
    "Ponomarenko",
    "Romanyuk",
    "Semenko",
    "Tymoshenko",
    "Ustymenko",
    "Vakulenko",
    "Yurchenko",
    "Zinchenko",
    "Dovzhenko",
    "Honchar",
    "Ivanyshyn",
    "Kushnir",
    "Lozynsky",
    "Mykhailenko",
    "Nechyporuk",
    "Onyshchenko",
    "Prykhodko",
    "Rybak",
    "Sokolenko",
    "Tarasenko",
    "Verbytsky",
    "Yakymenko",
    "Zaporozhets",
    "Andrusyshyn",
    "Bilous",
    "Chornovol",
    "Dmytrenko",
    "Fesenko",
    "Haidai",
    "Kharchenko",
    "Lytvyn",
    "Muzychko",
];

pub const PLACE_HEADS: &[&str] = &[
    "Vel", "Kras", "Bor", "Lis", "Zor", "Myr", "Stav", "Hor", "Dub", "Sosn", "Ozer", "Kam", "Lyp", "Vys", "Yar", "Pol",
    "Tern", "Ber", "Zel", "Chorn",
];

pub const PLACE_TAILS: &[&str] =
    &["ykivka", "opil", "ove", "ets", "ivka", "ansk", "yne", "ohrad", "ychi", "ianka", "iv", "ovychi"];

/// Used when the head-and-tail names run out.
pub const PLACE_MARKS: &[&str] = &["", "Nova ", "Stara ", "Verkhnia ", "Nyzhnia ", "Mala ", "Velyka "];

pub const MEDIA_NAMES: &[&str] =
    &["Herald", "Courier", "Radio", "Daily", "Observer", "Voice", "Telegraph", "Review", "Monitor", "Bulletin"];

/// Institutions: (kind, name pattern, side). `{p}` is the place.
pub const INSTITUTIONS: &[(&str, &str, usize)] = &[
    ("government", "{p} Regional Administration", 0),
    ("military", "{p} Volunteer Battalion", 1),
    ("organization", "{p} Relief Network", 0),
    ("military", "{p} Territorial Defence Brigade", 0),
    ("group", "{p} Residents Committee", 1),
    ("government", "{p} Provisional Council", 1),
];

/// Person roles by side; `{p}` is the place, `{i}` the affiliation's name.
pub const ROLES: [&[&str]; 2] = [
    &[
        "spokesperson for the {i}",
        "deputy head of the {i}",
        "mayor of {p}",
        "head of the civil-military administration of {p}",
        "press officer of the {i}",
    ],
    &[
        "commander in the {i}",
        "self-styled governor of {p}",
        "representative of the {i}",
        "field commander near {p}",
        "adviser to the {i}",
    ],
];

pub const DISTRICTS: &[&str] = &[
    "rail yard district",
    "old town",
    "river quarter",
    "northern suburbs",
    "industrial zone",
    "market district",
    "eastern bank",
    "hospital quarter",
    "grain terminal",
    "airfield area",
    "southern outskirts",
    "cement works",
    "bus station area",
    "school district",
    "water works",
    "garden suburbs",
];

/// Claim templates: (key, statement for side 0, key, statement for side 1).
/// `{d}` is the district, `{p}` the place. Each pair cannot both be true.
pub const CLAIMS: &[(&str, &str, &str, &str)] = &[
    (
        "government-control",
        "the {d} of {p} is under government control",
        "opposition-control",
        "the {d} of {p} is held by opposition fighters",
    ),
    (
        "bridge-destroyed",
        "the bridge into the {d} of {p} was destroyed",
        "bridge-standing",
        "the bridge into the {d} of {p} is still standing",
    ),
    (
        "corridor-open",
        "the evacuation corridor from the {d} of {p} is open",
        "corridor-closed",
        "the evacuation corridor from the {d} of {p} has been closed",
    ),
    (
        "aid-arrived",
        "aid convoys reached the {d} of {p} this week",
        "aid-blocked",
        "no aid convoy has reached the {d} of {p} this week",
    ),
    (
        "water-restored",
        "running water has been restored in the {d} of {p}",
        "water-cut",
        "the {d} of {p} remains without running water",
    ),
    (
        "civilians-held",
        "civilians are being kept in the {d} of {p} against their will",
        "civilians-free",
        "civilians are free to leave the {d} of {p}",
    ),
    (
        "hospital-shelled",
        "the hospital in the {d} of {p} was hit by artillery",
        "hospital-fortified",
        "the hospital in the {d} of {p} was used as a military position",
    ),
    (
        "ceasefire-holds",
        "the ceasefire around the {d} of {p} is holding",
        "ceasefire-collapsed",
        "the ceasefire around the {d} of {p} has collapsed",
    ),
];

pub const TAGS: &[&str] = &[
    "territorial-control",
    "infrastructure",
    "evacuation",
    "humanitarian-aid",
    "utilities",
    "civilians",
    "casualties",
    "ceasefire",
];

/// How a speaker's stance is introduced: supports, disputes, context.
pub const SAYS: [&[&str]; 3] = [
    &["said that", "confirmed that", "insisted that", "told reporters that", "stated that"],
    &["denied that", "rejected reports that", "dismissed claims that", "disputed that", "called it false that"],
    &["noted that", "recalled that", "said it was unclear whether", "would not confirm that", "remarked that"],
];

/// Ends of a statement; `{n}` is the sentence's unique number.
pub const TAILS: &[&str] = &[
    "citing {n} separate reports from the ground",
    "pointing to {n} *intercepted* messages",
    "after {n} hours of heavy shelling",
    "according to a tally of {n} incidents",
    "on the basis of {n} **verified** videos",
    "in a briefing that lasted {n} minutes",
    "referring to {n} photographs taken by residents",
    "after speaking with {n} people who left the area",
];

/// Sentences in the article's own voice; `{p}` place, `{d}` district, `{n}` number.
pub const FILLERS: &[&str] = &[
    "Residents of {p} queued for water near the central square as {n} families waited for news.",
    "The {d} remained quiet for most of the day, with {n} vehicles crossing the main road.",
    "Local volunteers said they had delivered {n} parcels of food and medicine since the weekend.",
    "Power lines in the {d} were damaged again overnight, leaving {n} homes *without* electricity.",
    "The regional hospital reported treating {n} patients, most of them with shrapnel wounds.",
    "Schools in {p} have moved their lessons online, and {n} pupils now study from shelters.",
    "A convoy of {n} trucks was seen leaving the {d} before dawn, witnesses said.",
    "Journalists who reached the {d} counted {n} burned-out cars along the embankment.",
    "The mood in {p} is **tense** but calm, a shopkeeper said after serving {n} customers before noon.",
    "Independent observers have not been able to visit the {d} for {n} days.",
    "Satellite images published this week show {n} new craters near the {d}.",
    "The railway line through {p} carried {n} evacuation trains last month.",
    "Aid groups estimate that {n} elderly people still live in the {d} alone.",
    "Farmers outside {p} say {n} hectares of fields cannot be harvested because of mines.",
    "The local council met in a basement, where {n} members voted on the emergency budget.",
    "Mobile networks in the {d} were restored after {n} hours of silence.",
    "Church volunteers in {p} have opened {n} heated rooms for people without shelter.",
    "Prices at the market in the {d} have risen sharply, and {n} stalls have closed.",
    "Engineers from the utility company say {n} transformers in the {d} need to be replaced before winter.",
    "At the main checkpoint outside {p}, soldiers checked the papers of {n} drivers during the morning.",
    "The ferry across the river made {n} crossings on Sunday, carrying mostly women and children.",
    "A bakery in the {d} has kept its ovens running and handed out {n} loaves of bread for free.",
    "Doctors at the field clinic say they have run out of antibiotics after treating {n} wounded.",
    "Volunteers from abroad brought {n} *boxes* of warm clothes to the sports hall in {p}.",
    "The last bus out of the {d} left with {n} passengers, and the driver said he would not come back.",
    "Air raid sirens sounded {n} times in {p} over the past week, according to the city council.",
];

/// Items of the article's bullet list; `{n}` is unique, `{d}` the district.
pub const LIST_ITEMS: &[&str] = &[
    "{n} households registered for evacuation in the {d}",
    "{n} tonnes of humanitarian cargo delivered by volunteers",
    "{n} buildings damaged, according to the local council",
    "{n} kilometres of road cleared of debris",
    "{n} volunteers working at the aid distribution points",
    "{n} generators installed in shelters and hospitals",
];

pub const HEADINGS: &[&str] = &[
    "What officials say",
    "The view from the ground",
    "Behind the front line",
    "Life under shelling",
    "Conflicting accounts",
    "What happens next",
];

/// Title patterns; `{p}` place, `{d}` district.
pub const TITLES: &[(&str, &str)] = &[
    ("fighting", "{p}: fighting for the {d} continues"),
    ("accounts", "Rival accounts of the {d} in {p}"),
    ("residents", "Residents of {p} wait for news from the {d}"),
    ("aid", "Aid and accusations in {p}"),
    ("shelling", "Shelling resumes near the {d} of {p}"),
    ("officials", "Officials in {p} trade claims over the {d}"),
];

pub const VERDICT_NOTES: &[&str] = &[
    "No independent source has confirmed either account.",
    "Satellite images support this account.",
    "Repeated by both sides, with different meanings.",
    "Contradicted by the photographs published by residents.",
];
