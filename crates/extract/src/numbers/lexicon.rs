//! Words that give numbers their meaning in news copy: what is counted
//! (units), what happened to it (predicates), and how sure the writer is
//! (hedges). Canonical classes let "soldiers" and "troops", or "killed" and
//! "deaths", line up across outlets.

/// `canonical: form form …` — a counted noun and its class.
const UNITS: &[(&str, &[&str])] = &[
    (
        "troops",
        &[
            "soldiers",
            "soldier",
            "troops",
            "troop",
            "servicemen",
            "personnel",
            "fighters",
            "conscripts",
            "servicemembers",
            "mercenaries",
            "combatants",
            "sailors",
            "marines",
            "paratroopers",
        ],
    ),
    (
        "people",
        &[
            "people",
            "men",
            "women",
            "persons",
            "residents",
            "civilians",
            "others",
            "individuals",
            "victims",
            "inhabitants",
            "citizens",
            "bodies",
            "lives",
            "passengers",
            "survivors",
            "migrants",
            "refugees",
            "tourists",
            "pilgrims",
            "patients",
        ],
    ),
    (
        "children",
        &["children", "kids", "minors", "students", "pupils"],
    ),
    (
        "prisoners",
        &[
            "prisoners",
            "pows",
            "captives",
            "detainees",
            "hostages",
            "inmates",
        ],
    ),
    ("jobs", &["jobs", "positions", "roles", "posts"]),
    ("police", &["police", "officers", "policemen", "officials"]),
    ("workers", &["workers", "employees", "staff", "staffers"]),
    (
        "buildings",
        &[
            "buildings",
            "homes",
            "houses",
            "structures",
            "apartments",
            "dwellings",
            "schools",
            "hospitals",
        ],
    ),
    ("aftershocks", &["aftershocks", "tremors"]),
    ("vehicles", &["vehicles", "tanks", "trucks", "cars"]),
    (
        "aircraft",
        &[
            "aircraft",
            "planes",
            "jets",
            "drones",
            "helicopters",
            "missiles",
            "rockets",
        ],
    ),
];

/// `canonical: forms` — what happened to the counted things.
const PREDICATES: &[(&str, &[&str])] = &[
    (
        "killed",
        &[
            "killed",
            "kill",
            "killing",
            "dead",
            "deaths",
            "death",
            "died",
            "die",
            "fatalities",
            "toll",
            "perished",
        ],
    ),
    (
        "injured",
        &[
            "injured", "wounded", "injuries", "hurt", "injuring", "wounding", "wounds",
        ],
    ),
    (
        "deployed",
        &[
            "deployed",
            "deploy",
            "deploying",
            "deployment",
            "sent",
            "send",
            "sending",
            "dispatched",
            "transferred",
            "stationed",
            "mobilised",
            "mobilized",
        ],
    ),
    (
        "captured",
        &[
            "captured",
            "capturing",
            "detained",
            "arrested",
            "seized",
            "taken",
            "captive",
            "abducted",
            "kidnapped",
        ],
    ),
    ("missing", &["missing", "unaccounted"]),
    (
        "displaced",
        &[
            "displaced",
            "evacuated",
            "homeless",
            "fled",
            "evacuation",
            "evacuations",
            "uprooted",
        ],
    ),
    (
        "rescued",
        &["rescued", "saved", "pulled", "freed", "released"],
    ),
    ("affected", &["affected"]),
    ("casualties", &["casualties"]),
    (
        "destroyed",
        &["destroyed", "damaged", "collapsed", "flattened", "razed"],
    ),
    (
        "cut",
        &[
            "cut",
            "cuts",
            "slashed",
            "eliminated",
            "axed",
            "shed",
            "layoffs",
            "laid",
            "eliminate",
            "cutting",
        ],
    ),
    ("hired", &["hired", "hire", "created", "add", "added"]),
    (
        "valued",
        &[
            "valued", "worth", "paid", "pay", "priced", "bought", "acquired", "acquire", "sold",
            "offered", "bid", "deal", "raised", "invested", "invest", "spent", "cost", "costs",
        ],
    ),
    (
        "increased",
        &[
            "rose",
            "risen",
            "increased",
            "climbed",
            "jumped",
            "grew",
            "gained",
            "hiked",
            "up",
        ],
    ),
    (
        "decreased",
        &[
            "fell",
            "fallen",
            "dropped",
            "declined",
            "decreased",
            "slid",
            "shrank",
            "down",
            "lowered",
        ],
    ),
];

/// Noun predicates that are also the counted thing ("300 deaths").
const PREDICATE_NOUNS: &[&str] = &[
    "deaths",
    "fatalities",
    "injuries",
    "casualties",
    "evacuations",
    "layoffs",
    "cuts",
    "arrests",
];

/// Hedges, longest first so "more than" wins over "more".
pub const HEDGES: &[&str] = &[
    "as many as",
    "as few as",
    "more than",
    "fewer than",
    "less than",
    "at least",
    "at most",
    "up to",
    "close to",
    "an estimated",
    "upwards of",
    "in excess of",
    "some",
    "about",
    "around",
    "approximately",
    "roughly",
    "nearly",
    "almost",
    "over",
    "under",
    "estimated",
    "approx",
    "roughly",
    "just over",
    "just under",
    "well over",
];

/// Words after a number that make it a duration, age, time or ordinal.
pub const NOT_COUNTS: &[&str] = &[
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "hour",
    "hours",
    "minute",
    "minutes",
    "second",
    "seconds",
    "am",
    "pm",
    "a.m.",
    "p.m.",
    "st",
    "nd",
    "rd",
    "th",
    "s",
    "o'clock",
    "times",
    "decades",
    "centuries",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "meters",
    "feet",
    "kg",
    "tonnes",
    "tons",
    "degrees",
];

/// Auxiliaries that mark the main verb of a passive clause ("have been killed").
pub const AUXILIARIES: &[&str] = &[
    "have", "has", "had", "been", "were", "was", "are", "is", "be", "being", "got",
];

/// Reporting verbs whose subject is the source of a figure.
pub const REPORTING_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "reported",
    "reports",
    "report",
    "estimated",
    "estimates",
    "estimate",
    "believes",
    "believe",
    "believed",
    "told",
    "informed",
    "claimed",
    "claims",
    "announced",
    "confirmed",
    "stated",
    "according",
    "put",
    "puts",
    "counted",
    "recorded",
    "tallied",
    "wrote",
];

pub const NUMBER_WORDS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("hundred", 100.0),
    ("dozen", 12.0),
];

pub const SCALES: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
    ("bn", 1e9),
    ("mn", 1e6),
    ("m", 1e6),
    ("k", 1e3),
];

pub const CURRENCY_SYMBOLS: &[(&str, &str)] = &[
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("₹", "INR"),
    ("₽", "RUB"),
];

pub const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("dollars", "USD"),
    ("dollar", "USD"),
    ("euros", "EUR"),
    ("euro", "EUR"),
    ("pounds", "GBP"),
    ("yen", "JPY"),
    ("rupees", "INR"),
    ("roubles", "RUB"),
    ("rubles", "RUB"),
    ("yuan", "CNY"),
    ("won", "KRW"),
    ("lira", "TRY"),
    ("dirhams", "MAD"),
    ("soles", "PEN"),
    ("reais", "BRL"),
    ("francs", "CHF"),
    ("hryvnias", "UAH"),
];

/// The class of a counted noun, if it is a known one.
pub fn unit_class(word: &str) -> Option<&'static str> {
    let w = word.to_lowercase();
    UNITS
        .iter()
        .find(|(_, forms)| forms.contains(&w.as_str()))
        .map(|(class, _)| *class)
}

/// The canonical predicate of a word, if it is one.
pub fn predicate(word: &str) -> Option<&'static str> {
    let w = word.to_lowercase();
    PREDICATES
        .iter()
        .find(|(_, forms)| forms.contains(&w.as_str()))
        .map(|(class, _)| *class)
}

pub fn is_predicate_noun(word: &str) -> bool {
    PREDICATE_NOUNS.contains(&word.to_lowercase().as_str())
}

pub fn number_word(word: &str) -> Option<f64> {
    let w = word.to_lowercase();
    NUMBER_WORDS.iter().find(|(n, _)| *n == w).map(|(_, v)| *v)
}

pub fn scale(word: &str) -> Option<f64> {
    let w = word.to_lowercase();
    SCALES.iter().find(|(n, _)| *n == w).map(|(_, v)| *v)
}

pub fn currency_word(word: &str) -> Option<&'static str> {
    let w = word.to_lowercase();
    CURRENCY_WORDS
        .iter()
        .find(|(n, _)| *n == w)
        .map(|(_, c)| *c)
}

pub fn currency_symbol(sym: &str) -> Option<&'static str> {
    CURRENCY_SYMBOLS
        .iter()
        .find(|(s, _)| *s == sym)
        .map(|(_, c)| *c)
}
