/*
 * sr_words.c - the closed word lists of the extractor (prepositions,
 * auxiliaries, words that are never places, ...), kept in one place and
 * turned into one hash table when a handle is created.  Each document looks
 * every token up once (sr_words_mark); a membership test is then a bit test,
 * which matters because the incident stage asks it millions of times.
 */
#include "sr_extract.h"

#include <string.h>
/* Words after a number that make it a measure, not a head count. */
static const char *const unit_words[] = {
    "km", "kms", "kilometers", "kilometres", "kilometer", "kilometre", "miles", "mile", "meters",
    "metres", "meter", "metre", "m", "kg", "kilograms", "kilos", "pounds", "lb", "tons", "tonnes",
    "percent", "per", "%", "hours", "hour", "minutes", "minute", "seconds", "days", "day",
    "weeks", "week", "months", "month", "years", "year", "am", "pm", "a.m", "p.m", "gmt", "utc",
    "dollars", "euros", "million", "billion", "mm", "cm", "ft", "feet", "inch", "inches", "acres",
    "hectares", "degrees", "magnitude", "times", "o'clock", "oclock", "rounds", "st", "nd", "rd",
    "th", "mph", "km/h", "sq", "square", "storey", "story", "floors", "floor", "litres", "liters",
    "gallons", "caliber", "calibre", "points", "goals", NULL};
static const char *const currency_words[] = {"$", "£", "€", "us$", "usd", "rs", "no", "number",
                                             "page", "route", "highway", "flight", "resolution",
                                             "article", "room", "chapter", "level", "grade", NULL};
static const char *const loc_preps[] = {"in", "at", "near", "outside", "of", "from", "across",
                                        "into", "around", "towards", "toward", "to", "inside",
                                        "between", "nearby", "within", "on", "en", "de", NULL};
static const char *const near_words[] = {"near", "outside", "nearby", "around", "outskirts",
                                         "north", "south", "east", "west", "northeast", "northwest",
                                         "southeast", "southwest", "close", "km", "kilometers",
                                         "kilometres", "miles", NULL};
static const char *const region_words[] = {
    "province", "governorate", "district", "city", "town", "village", "region", "state",
    "department", "county", "area", "municipality", "neighborhood", "neighbourhood", "suburb",
    "prefecture", "oblast", "valley", "subdistrict", "sub-district", "tehsil", "camp", "township",
    "commune", "ward", "quarter", "locality", "hamlet", "settlement", "parish", "canton",
    "base", "airbase", "airport", "field", "fields", "dam", "border", "crossing", "axis",
    "mountain", "mountains", "hill", "hills", "river", "island", "islands", "countryside",
    "neighbourhoods", "neighborhoods", "villages", "governorates", "provinces", "districts",
    "corregimiento", "vereda", "municipio", "aldea", "caserio", "barrio", "colonia", "ejido",
    "comuna", "kebele", "woreda", "upazila", "thana", "tambon", "amphoe", "barangay", "sitio",
    "mahalla", "agency", "frontier", "front", "junction", "roundabout", "crossroads", NULL};
/* Capitalised words that are not places whatever the gazetteer says. */
static const char *const not_places[] = {
    "the", "a", "an", "and", "or", "of", "in", "on", "at", "by", "for", "with", "from", "to",
    "he", "she", "it", "they", "we", "i", "you", "his", "her", "their", "its", "our", "this",
    "that", "these", "those", "there", "here", "after", "before", "when", "while", "but", "if",
    "police", "army", "government", "president", "minister", "ministry", "security", "forces",
    "military", "official", "officials", "according", "said", "says", "some", "all", "no", "not",
    "one", "two", "three", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "mr", "mrs", "ms", "dr", "gen", "col",
    "general", "colonel", "captain", "major", "lieutenant", "sergeant", "media", "news",
    "reuters", "afp", "ap", "xinhua", "efe", "bbc", "cnn", "state", "national", "central",
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "new", "old",
    "city", "province", "district", "region", "village", "town", "capital", "islamic", "isis",
    "group", "forces", "union", "council", "party", "front", "movement", "army", "brigade",
    "brigades", "militants", "people", "man", "men", "women", "children", "victims", "bomb",
    "attack", "attacks", "killed", "dead", "text", "report", "san", "santa", "el", "la", "los",
    "las", "al", "as", "an", "at", "us", "un", "eu", "tv", "radio", "television", "domestic",
    "service", "station", "office", "airport", "university", "hospital", "church", "mosque",
    "market", "street", "road", "avenue", "square", "bridge", "president", "king", "prince",
    "god", "allah", "christmas", "easter", "ramadan", "independence", "liberation", "republic",
    "democratic", "popular", "revolutionary", "armed", "guard", "guards", "patriotic", "daily",
    "times", "post", "press", "agency", "ministry", "court", "supreme", "human", "rights",
    "red", "cross", "crescent", "nations", "united", "american", "british", "french", "however",
    "also", "meanwhile", "later", "earlier", "today", "yesterday", "tomorrow", "unknown",
    "casualties", "assailants", "gunmen", "soldiers", "troops", "drone", "drones", "between",
    "additionally", "sources", "source", "coded", "generic", "militia", "rebels", "regime",
    "positions", "base", "camp", "area", "zone", "lines", "front", "frontline", "part", "parts",
    "side", "edge", "center", "centre", "heart", "middle", "vicinity", "border",
    /* common English words that are also towns somewhere (wire copy is all
     * capitals, so capitals cannot tell them apart) */
    "be", "make", "charge", "law", "will", "can", "only", "more", "most", "last", "first", "over",
    "under", "among", "even", "still", "now", "then", "well", "good", "best", "great", "long",
    "little", "big", "high", "low", "point", "time", "order", "case", "place", "home", "house",
    "war", "peace", "hope", "faith", "victory", "progress", "concord", "justice", "mercy",
    "friendship", "truth", "unity", "reform", "nation", "nations", "world", "life", "power",
    "union", "labor", "commerce", "industry", "trade", "money", "cash", "gold", "silver", "iron",
    "stone", "rock", "river", "lake", "sea", "bay", "port", "gate", "hill", "valley", "mount",
    "sale", "start", "end", "march", "may", "june", "august", "lead", "led", "deal", "way",
    /* seas, coasts and continents: a bare "Gulf" or "Horn" is not the town or
     * province of that name */
    "gulf", "horn", "ocean", "strait", "straits", "coast", "peninsula", "africa", "europe",
    "asia", "americas",
    "ways", "road", "street", "bridge", "office", "station", "school", "church", "hospital",
    "during", "since", "until", "without", "within", "about", "above", "below", "across",
    "many", "much", "such", "each", "other", "another", "some", "any", "every", "both", NULL};
/* Lower-case words inside place names: "Deir ez Zor", "Ras al Ain". */
static const char *const connectors[] = {"al", "el", "ez", "es", "az", "as", "ad", "ar", "an",
                                         "ash", "at", "ad", "de", "del", "la", "le", "les", "da",
                                         "do", "dos", "das", "di", "du", "bin", "ibn", "y", "e",
                                         "et", "sur", "am", "an", "der", "den", "van", "los", "las", "les", NULL};
static const char *const aux_words[] = {"was", "were", "been", "be", "being", "are", "is", "has",
                                        "have", "had", "reportedly", "also", "later", "allegedly",
                                        "confirmed", "officially", "subsequently", "all", "both",
                                        "reported", "initially", "seriously", "critically",
                                        "slightly", "badly", "severely", "lightly", "gravely",
                                        "instantly", "immediately", "then", "eventually",
                                        "mortally", "who", "get", "got", "not", "never", NULL};
static const char *const sing_aux[] = {"was", "is", "has", NULL};
static const char *const stop_left[] = {"that", "which", "after", "when", "while", "but",
                                        "because", "before", "since", "as", "said", "says",
                                        "claimed", "where", "whereas", "although", "though",
                                        "than", "if", "until", "during", "following", "amid",
                                        "by", "with", "against", "on", "at", "in", NULL};
static const char *const neg_words[] = {"no", "nobody", "none", "without", "not", "neither",
                                        "nor", "zero", "noone", NULL};
static const char *const total_words[] = {"total", "altogether", "overall", "toll", "combined",
                                          NULL};
static const char *const toll_skip[] = {"rose", "risen", "rise", "rises", "rising", "climbed",
                                        "climbs", "climbing", "reached", "reaches", "stood",
                                        "stands", "now", "to", "at", "of", "is", "was", "has",
                                        "had", "have", "increased", "jumped", "grew", "hit",
                                        "hits", "already", "since", "further", "been",
                                        "stands", "the", "sharply", "put", "puts", "officially",
                                        "reportedly", "so", "far", "mounted", "soared", ",", "coded", "as", "recorded",
                                        "ticked", "inched", "crept", "went", "gone", "surged",
                                        "swelled", "up", NULL};
static const char *const right_skip[] = {"the", "off", "them", "all", "about", ",", "of", "another", "some", NULL};
static const char *const say_words[] = {"said", "says", "say", "told", "reported", "reports",
                                        "stated", "confirmed", "announced", "added", NULL};
/* Phrases that move the rest of a sentence into the background. */
static const char *const bg_clause[] = {"retaliation", "revenge", "avenge", "anniversary",
                                        "previous", "previously", "earlier", "last", "since",
                                        "ago", NULL};
static const char *const target_preps[] = {"targeting", "targeted", "against", "on", "at",
                                           "attacked", "attacking", "struck", "hit", "bombed",
                                           "shelled", "killed", "killing", NULL};
static const char *const perp_mods[] = {"unidentified", "unknown", "armed", "masked", "suspected",
                                        "heavily", "several", "two", "three", "four", "five",
                                        "alleged", NULL};

/* Words that can start a number phrase (sr_num_parse): calling the parser
 * only there keeps the number scan off most tokens. */
static const char *const num_start[] = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fourty", "fifty", "sixty", "seventy", "eighty",
    "ninety", "hundred", "thousand", "million", "dozen", "score", "dozens", "scores", "hundreds",
    "thousands", "millions", "tens", "several", "a", "an", "half", "at", "no", "not", "more",
    "over", "well", "just", "upwards", "upward", "in", "greater", "nearly", "almost", "about",
    "around", "approximately", "approx", "some", "roughly", "estimated", "close", "circa", "up",
    "as", "fewer", "less", "under", "between", "from", NULL};
/* Words that can start a date expression (sr_date_parse_at); "on", "in" and
 * "the" are left out: the parse starts at the month or weekday after them. */
static const char *const date_start[] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat",
    "sun", "yesterday", "today", "tonight", "tomorrow", "last", "this", "earlier", "early",
    "late", "mid", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "overnight", "midnight", "dawn", NULL};

/* Titles of people whose targeted killing GTD calls an assassination. */
static const char *const titles[] = {
    "president", "minister", "governor", "mayor", "commander", "chief", "colonel", "brigadier",
    "general", "judge", "prosecutor", "official", "elder", "leader", "mullah", "cleric", "imam",
    "sheikh", "senator", "deputy", "lawmaker", "mp", "parliamentarian", "ambassador", "director",
    "councillor", "councilor", "candidate", "activist", "journalist", "editor", "prince", "king",
    "emir", "chairman", "secretary", "spokesman", "spokesperson", "inspector", "superintendent",
    "magistrate", "premier", "vice", "head", "warlord", "ayatollah", "bishop", "priest", NULL};
/* Words after which the next noun phrase is what was attacked. */
static const char *const target_verbs[] = {
    "targeting", "targeted", "assassinated", "killed", "shot", "ambushed", "on", "of", NULL};

/* Capitalised words that make a name an organisation or a place, not a
 * person ("King Khalid Air Base", "Redeployment Coordination Committee"). */
static const char *const org_words[] = {
    "committee", "council", "organization", "organisation", "division", "command", "company",
    "party", "ministry", "treaty", "corps", "brigade", "battalion", "army", "forces", "force",
    "airbase", "base", "air", "facility", "field", "fields", "airport", "palace", "station",
    "university", "school", "hospital", "mosque", "church", "bank", "hotel", "center", "centre",
    "office", "headquarters", "camp", "plant", "refinery", "port", "bridge", "road", "street",
    "district", "province", "city", "village", "town", "agency", "department", "regiment",
    "group", "front", "union", "association", "movement", "coalition", "alliance", "guard",
    "police", "network", "authority", "directorate", "service", "services", "institute", "action",
    "board", "school", "college", "market", "mosque", "compound", "complex", NULL};
/* Words that make a capitalised name a venue or a body, never a place. */
static const char *const venue_words[] = {
    "school", "college", "university", "hospital", "action", "board", "committee", "council",
    "company", "ministry", "agency", "office", "mosque", "church", "market", "bank", "hotel",
    "headquarters", "restaurant", "stadium", "club", "party", "organization", "organisation", NULL};

/* Modifiers between a preposition and a place: "in northern Mosul". */
static const char *const place_mods[] = {
    "northern", "southern", "eastern", "western", "central", "rural", "northeastern",
    "northwestern", "southeastern", "southwestern", "greater", "downtown", "suburban", "outer",
    "inner", "upper", "lower", "the", "remote", "neighbouring", "neighboring", "nearby", "northeast",
    "northwest", "southeast", "southwest", "north", "south", "east", "west", NULL};

/* Words that make an attack attempted or threatened (sr_incident.c). */
static const char *const attempt_words[] = {
    "attempted", "attempt", "attempts", "foiled", "thwarted", "defused", "deactivated",
    "dismantled", "intercepted", "failed", "unsuccessful", "prevented", "averted", "disarmed",
    "frustrated", NULL};
static const char *const threat_words[] = {"threatened", "threat", "threats", "threatening", NULL};

/* Event names (sr_names.c). */
static const char *const storm_words[] = {"hurricane", "typhoon", "cyclone", "storm", NULL};
static const char *const storm_first[] = {"tropical", "super", "winter", NULL};
static const char *const hazard_words[] = {
    "fire", "wildfire", "blaze", "complex", "flood", "floods", "flooding", "earthquake",
    "quake", "tornado", "landslide", "mudslide", "explosion", "blast", NULL};
/* Capitalised words that describe rather than name (headlines capitalise
 * every word), and words that cannot follow a storm word as its name. */
static const char *const not_name[] = {
    "the", "a", "an", "this", "that", "deadly", "huge", "massive", "major", "big", "new",
    "latest", "large", "small", "great", "worst", "forest", "bush", "brush", "grass", "house",
    "home", "building", "apartment", "factory", "plant", "warehouse", "market", "hotel",
    "hospital", "school", "church", "mosque", "car", "truck", "bus", "train", "gas", "chemical",
    "oil", "fuel", "mine", "suicide", "bomb", "deadliest", "devastating", "fatal", "killer",
    "raging", "wind", "winds", "wind-driven", "flash", "river", "coastal", "urban", "historic",
    "record", "another", "second", "third", "first", "last", "recent", "overnight", "early",
    "late", "local", "state", "national", "federal", "county", "city", "of", "and", "in",
    "on", "at", "for", "by", "from", "with", "after", "before", "as", "to", "its", "his",
    "her", "their", "our", "my", "your", "no", "not", "any", "some", "every", "each", "more",
    "most", "major", "tropical", "severe", "powerful", "strong", "weak", "category", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "watch", "warning", "warnings", "season", "center", "centre",
    "update", "updates", "live", "breaking", "news", "report", "reports", "photos", "video",
    "suspicious", "suspected", "possible", "arson", "accidental", "fresh", "renewed", "minor",
    "serious", "terrible", "tragic", NULL};
/* Words after "Fire" that make it a body: "Fire Department", "Fire Chief". */
static const char *const fire_body[] = {
    "department", "dept", "chief", "chiefs", "service", "services", "station", "brigade",
    "rescue", "marshal", "marshals", "authority", "protection", "fighters", "district",
    "commissioner", "captain", "academy", "hall", "engine", "crew", "crews", "official",
    "officials", "spokesman", "spokeswoman", "spokesperson", "investigator", "investigators",
    "agency", "board", "bureau", NULL};

/* Who or what a sentence acts upon (sr_incident.c, acted_upon): harm verbs
 * and prepositions before people, before things, harm nouns before "of",
 * words that may stand between a victim and its passive verb, and words
 * where the search backwards stops (a clause or a locative phrase). */
static const char *const harm_people[] = {
    "killed", "kill", "killing", "murdered", "murder", "murdering", "assassinated",
    "assassinate", "kidnapped", "kidnap", "kidnapping", "abducted", "abduct", "abducting",
    "wounded", "wounding", "injured", "injuring", "shot", "shooting", "attacked", "attack",
    "attacking", "ambushed", "executed", "massacred", "tortured", "slain", "hurt", "seized",
    "machinegunned", "threatened", "targeted", "targeting", "against", "hit", "struck",
    "stabbed", "beheaded", "hacked", "beaten", "beat", "strangled", "lynched", "hostage",
    "hostages", "held", "freed", "released", "rescued", "captured", "disappeared", "dead",
    "died", "die", "victims", "victim", "robbed", "riddled", "gunned", "raped", NULL};
static const char *const harm_things[] = {
    "attacked", "attack", "attacking", "bombed", "bombing", "dynamited", "destroyed",
    "destroying", "damaged", "damaging", "burned", "burnt", "burning", "torched", "set",
    "blew", "blown", "hit", "struck", "against", "on", "at", "outside", "near", "front",
    "exploded", "raided", "stormed", "seized", "occupied", "looted", "sabotaged", "shelled",
    "fired", "targeted", "targeting", "hijacked", "ambushed", "machinegunned", "shaken", "rocked",
    "shook", "rocking", NULL};
static const char *const harm_nouns[] = {
    "murder", "murders", "killing", "killings", "assassination", "kidnapping", "abduction",
    "death", "deaths", "massacre", "execution", "shooting", "wounding", "disappearance",
    "attack", "attacks", "bombing", "destruction", "burning", "release", "rescue",
    "assassinations", "slaying", "slayings", "sabotage", NULL};
static const char *const harm_aux[] = {
    "reportedly", "also", "later", "who", "which", "allegedly", "seriously", "slightly", "badly",
    "critically", "fatally", "completely", "partially", "totally", "heavily", "being",
    "apparently", "all", "both", "then", "has", "have", "had", "not", "similarly", "likewise",
    "again", "simultaneously", "repeatedly", "brutally", NULL};
static const char *const harm_stop[] = {
    "that", "who", "which", "said", "reported", "by", "in", "from", "to", "with", "for",
    "during", "after", "when", "while", NULL};
/* Words that start compound place names without being one ("North
 * Carolina", "San Miguel"). */
static const char *const name_start[] = {
    "north", "south", "east", "west", "new", "upper", "lower", "central", "northern", "southern",
    "eastern", "western", "san", "santa", "santo", "sao", "saint", "st", NULL};
/* Forms of "be" that make the participle after them passive. */
static const char *const passive[] = {"was", "were", "been", "is", "are", "be", NULL};
/* Verbs of a fall whose height may come before "to his death" ("fell 300
 * metres to his death"). */
static const char *const fall_verbs[] = {"fell", "fallen", "fall", "falls", "falling", "plunged",
                                         "plunge", "plunges", "plunging", "plummeted",
                                         "plummeting", "tumbled", "tumbling", NULL};
/* Words that end an "of" phrase after a person ("members of the army in
 * Ayacucho", "troops of the brigade who ..."). */
static const char *const of_phrase_stop[] = {
    "in", "at", "on", "near", "from", "with", "during", "after", "before", "when", "while", "who",
    "which", "that", "and", "or", "had", "has", "have", "today", "yesterday", "tonight", "last", "early", "late", NULL};

const char *const *const sr_word_lists[SR_W_COUNT] = {
    unit_words,
    currency_words,
    loc_preps,
    near_words,
    region_words,
    not_places,
    connectors,
    aux_words,
    sing_aux,
    stop_left,
    neg_words,
    total_words,
    toll_skip,
    right_skip,
    say_words,
    bg_clause,
    target_preps,
    perp_mods,
    num_start,
    date_start,
    titles,
    target_verbs,
    org_words,
    place_mods,
    venue_words,
    attempt_words,
    threat_words,
    storm_words,
    storm_first,
    hazard_words,
    not_name,
    fire_body,
    harm_people,
    harm_things,
    harm_nouns,
    harm_aux,
    harm_stop,
    name_start,
    passive,
    fall_verbs,
    of_phrase_stop,
};

_Static_assert(SR_W_COUNT <= 64, "a token's list bits are a uint64_t");

/* The slot of hash h whose word is w, or the empty slot where it goes. */
static sr_wordslot *slot_of(const sr_wordtab *t, uint64_t h, const char *w)
{
    for (size_t k = (size_t)h & t->mask;; k = (k + 1) & t->mask) {
        sr_wordslot *s = &t->slot[k];
        if (!s->w || (s->h == h && strcmp(s->w, w) == 0))
            return s;
    }
}

sitrep_status sr_wordsets_build(const sr_alloc *a, sr_model *m)
{
    size_t total = 0;
    for (int l = 0; l < SR_W_COUNT; l++)
        for (const char *const *w = sr_word_lists[l]; *w; w++)
            total++;
    /* at most half full, so that probes stay short and always end */
    size_t n = 64;
    while (n < 2 * total)
        n *= 2;
    sr_wordtab *t = &m->words;
    t->slot = sr_calloc(a, n, sizeof *t->slot);
    if (!t->slot)
        return SITREP_E_NOMEM;
    t->mask = n - 1;
    for (int l = 0; l < SR_W_COUNT; l++)
        for (const char *const *w = sr_word_lists[l]; *w; w++) {
            uint64_t h = sr_hash(*w, strlen(*w));
            sr_wordslot *s = slot_of(t, h, *w);
            s->h = h;
            s->w = *w;
            s->lists |= (uint64_t)1 << l;
        }
    return SITREP_OK;
}

void sr_wordsets_free(const sr_alloc *a, sr_model *m)
{
    if (m->words.slot)
        sr_free(a, m->words.slot, (m->words.mask + 1) * sizeof *m->words.slot);
    m->words.slot = NULL;
    m->words.mask = 0;
}

sitrep_status sr_words_mark(sr_doc *d)
{
    const sr_tokens *t = &d->t;
    d->wlists = sr_arena_array(d->ar, t->ntok + 1, sizeof(uint64_t));
    if (!d->wlists)
        return SITREP_E_NOMEM;
    const sr_wordtab *wt = &d->m->words;
    for (size_t i = 0; i < t->ntok; i++) {
        const sr_wordslot *s = slot_of(wt, t->tok[i].hash, sr_tok_norm(t, i));
        d->wlists[i] = s->w ? s->lists : 0;
    }
    return SITREP_OK;
}
