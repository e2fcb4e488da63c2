"""Search and filter data, written at build time and fetched only when someone searches or filters.

Files written to `site/search/` (this module is the one definition of their contract; search.js
reads every field name, weight and key from them and repeats none):

- `core.json`: the contract (`fields`: which index field reads which key of a document, and its
  weight), the synonyms, the shard sizes, and one document per order, duty, route, support option,
  guide page, category and area.
- `areas.json`: every area with its name, the shard its services are in, and the areas around it.
  The one route by which the browser learns the area tree (the page's <select> holds only names).
- `services-<shard>.json`: the services listed for one region (or nation without regions, or the
  `national` shard for UK- and nation-wide services): each a card (features/cards) plus the facts
  the filters need and the words search indexes.

Each file carries the prebuilt index of its own documents (`ix`, features/search/postings.py), and
core.json the statistics of every document of the site (`stats`): the browser scores a query as one
lunr index over every document would, so results from any files are ranked together, and no index
is built on the device. The words a document is found by (INDEX_ONLY_KEYS) are in its postings,
not in the files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from ... import i18n
from ...data.catalogue import Catalogue
from ...data.chooser import RECORD_LINK
from ...data.councils import ROLE as COUNCIL_ROLE
from ...data.language_help import LANGUAGE_HELP_URL, search_words
from ...data.languages import language_named
from ...data.model import LEGAL_TYPES, SERVICE, Record, kind_label
from ...data.places import WIDE_LEVELS
from ...data.ranking import TIERS, in_order, tier
from ...i18n import N_, _
from ...render.cards import card_data
from ...render.feature import Keep, made_now
from ...render.shards import BODY_LIMIT, LOAD_ALL_BELOW, NATIONAL_SHARD, service_shards, shard_of, write_json
from .postings import ENGLISH_STOP_WORDS, FREQUENCY_BASE, Corpus, file_index

#: (index field, weight, key it reads in a core document, key it reads in a service document; ""
#: when that kind of document has none). A service's name and organisation are fields of their
#: own, so the everyday words in some services' names can be kept out of them alone.
FIELDS = (
    ("title", 10, "t", ""),
    ("name", 8, "", "t"),
    ("aka", 8, "x", ""),
    ("org", 6, "", "o"),
    ("kind", 3, "k", "kn"),
    ("where", 3, "w", "w"),
    ("lang", 4, "lg", "lg"),
    ("body", 1, "b", "s"),
)
#: Keys of the documents that only the index reads: they are counted into the postings and left
#: out of the files (a service's category names, places and languages; a record's or guide's text).
INDEX_ONLY_KEYS = {"core": ("b",), "service": ("kn", "w", "lg")}
#: lunr.js's BM25 constants, as lunr.Builder sets them: search.js reads them from core.json.
BM25 = {"k1": 1.2, "b": 0.75}
#: Index fields that can hold a place's name (a service's name and organisation, the places it
#: covers): search.js matches a word of a place's name in them only when the query names the place.
PLACE_FIELDS = ("title", "name", "aka", "org", "where")
#: The fields of a service's own name: search.js reads the ORDINARY_NAME_WORDS of a query only
#: outside them.
NAME_FIELDS = ("name", "org")
#: Keys of a service document besides its card: what the filters test and the order uses.
FILTER_KEYS = {
    "c": "category ids",
    "a": "area ids",
    "f": "who it is for",
    "n": "accepts people with no recourse to public funds",
    "l": "languages (lower case)",
    "r": "you can contact it yourself",
    "tr": "tier in the first-minute order (data/ranking.py TIERS; 3: for people who harm)",
    "rk": "place in the first-minute order (data/ranking.py), worked out once by the build: lists sort by it",
    "oh": "opening hours as [day bits (Monday 1 … Sunday 64), opens, closes] in minutes, UK time",
    "kn": "category names (indexed: in the postings, not in the file)",
    "w": "place names (indexed: in the postings, not in the file)",
    "lg": "languages in English and in their own names, interpreters, BSL, Relay UK (indexed: in the postings)",
}
#: How much a core document's relevance counts, by kind: a place name is a weak match for words
#: like "car" or "wife" (Carmarthenshire, Fife), so place pages rank below records unless named.
PLACE_KIND = N_("Area")
#: Words an official place name carries that people leave out when they say it.
_PLACE_FILLER = {"city", "of", "county", "the", "borough", "royal", "islands"}
KIND_WEIGHTS = {PLACE_KIND: 0.35}
#: A place's page is a result only when the query names the place in whole words (its name, or the
#: words of its name): never by a prefix or a typo of an ordinary word ("wife" is not Fife, "man"
#: is not Manchester). search.js reads `placeKind` and applies this rule.
#: Words that name a nation in a query; records under that nation's law then rank higher.

NATION_WORDS = {
    "england": ["england", "english"],
    # Cymru's mutated forms as written after "i", "yng", "a" ("i Gymru", "yng Nghymru", "a Chymru",
    # as on llyw.cymru): "wedi ffoi o Lundain i Gymru" means Wales, not London's nation.
    "wales": ["wales", "welsh", "cymru", "gymru", "nghymru", "chymru"],
    # Welsh names of the other nations, read on GOV.UK's Welsh page on child arrangements ('Mae
    # proses wahanol yn yr Alban a Gogledd Iwerddon'), with the nasal mutation of "yng Ngogledd
    # Iwerddon" written out: a Welsh query on /cy/ otherwise means Wales.
    "scotland": ["scotland", "scottish", "police scotland", "procurator fiscal", "copfs", "sheriff court", "yr alban"],
    "northern-ireland": [
        "northern ireland",
        "northern irish",
        "housing executive",
        "nihe",
        "psni",
        "gogledd iwerddon",
        "ngogledd iwerddon",
    ],
}
#: How much each tier's relevance counts in search, so a 24-hour line wins a near tie.

TIER_WEIGHTS = {0: 1.5, 1: 1.2, 2: 1.0, 3: 0.6}
#: The nation a query means when it names none, by the site's language: someone searching the
#: Welsh site is almost always in Wales, so Wales's own lines and law come first there.
LANGUAGE_NATION = {"cy": "wales"}
#: The nation whose places are named in Welsh, mutations and all.
WELSH_NATION = LANGUAGE_NATION["cy"]
#: How much more a record under the law of the nation a query names counts (and how much less
#: another nation's record or service counts).
NATION_BOOST = 2.0
#: How much more a service counts when it is listed for a place the query names, or for a county or
#: region around it ("hull sarc": Humber's SARC over Greater Manchester's); a UK- or nation-wide
#: service keeps its score, and one for another place counts this much less.
PLACE_BOOST = 2.0
#: Words of a housing need ("homeless in fife", "digartref Wrecsam"): with a council the query
#: names, that council's homelessness route comes right after the place's page. English and Welsh
#: (the Welsh words as in data/synonyms.yaml and the Welsh best bets of data/phrases.yaml, whose
#: sources are logged there); mutated forms are matched as the synonyms' are.
HOUSING_NEED_WORDS = {
    "en": (
        "homeless",
        "homelessness",
        "housing",
        "evicted",
        "eviction",
        "nowhere to stay",
        "nowhere to live",
        "somewhere to stay",
        "somewhere to live",
        "kicked out",
        "thrown out",
        "emergency accommodation",
        "temporary accommodation",
        "housing options",
        "council house",
        "nowhere to go",
        "emergency housing",
        "somewhere safe to stay",
    ),
    "cy": (
        "digartref",
        "digartrefedd",
        "llety brys",
        "llety argyfwng",
        "llety dros dro",
        "dim lle i fynd",
        "unman i fynd",
        "lle i fyw",
    ),
}
#: Words of a need for the help after rape or sexual assault ("rape support norwich", "treisio
#: Caerdydd"): with a place the query names, its SARC and Rape Crisis centre come right after the
#: place's page. The Welsh words as in data/phrases.yaml's Welsh best bets, whose sources are logged.
SEXUAL_VIOLENCE_WORDS = {
    "en": (
        "rape",
        "raped",
        "rape crisis",
        "sexual assault",
        "sexually assaulted",
        "sexual violence",
        "sexual abuse",
        "sexually abused",
        "sarc",
        "sexual assault referral centre",
    ),
    "cy": ("treisio", "trais rhywiol", "ymosodiad rhywiol", "cam-drin rhywiol"),
}
#: A need that has a door in every place, and the local doors (data/model.py ROLES) that answer it,
#: in the order they come after the place's page.
NEED_DOORS = (
    (HOUSING_NEED_WORDS, (COUNCIL_ROLE,)),
    (SEXUAL_VIOLENCE_WORDS, ("sarc", "rape-crisis-centre")),
)
#: At most this many services of one role are a place's doors in search (the nearest first).
DOORS_PER_ROLE = 2
#: The bit of each day in a service's opening hours ("oh"); search.js reads them from areas.json.
DAY_BITS = {"mon": 1, "tue": 2, "wed": 4, "thu": 8, "fri": 16, "sat": 32, "sun": 64}
#: "Who it is for" ("f") of a service open to anyone: it passes every "who it is for" filter.
EVERYONE = "everyone"


#: The file-name prefixes of a nation's own version of a legal record ("ni-stalking-protection-order"
#: is Northern Ireland's "stalking-protection-order"); England's and England-and-Wales's carry none.
NATION_PREFIXES = ("ni-", "scotland-", "wales-")


def counterparts(catalogue: Catalogue) -> dict[str, dict[str, str]]:
    """Each legal record's versions for other nations, by nation: records of one type whose file
    names differ only by a NATION_PREFIXES prefix, each for one nation. A best bet that names
    another nation's record gives way to the version for the nation a query means (search.js)."""
    found: dict[str, dict[str, str]] = {}
    for rtype in LEGAL_TYPES:
        groups: dict[str, list[Record]] = {}
        for record in catalogue.of_type(rtype):
            base = next((record.id[len(p) :] for p in NATION_PREFIXES if record.id.startswith(p)), record.id)
            groups.setdefault(base, []).append(record)
        for group in groups.values():
            single = {r.data["jurisdictions"][0]: r.url for r in group if len(r.data["jurisdictions"]) == 1}
            for record in group:
                others = {n: url for n, url in single.items() if url != record.url}
                if others:
                    found[record.url] = others
    return found


def core_documents(catalogue: Catalogue, guides: Sequence[tuple[str, str, str]]) -> list[dict[str, Any]]:
    """Legal records, guide pages (url, title, text), categories and areas."""
    docs: list[dict[str, Any]] = []
    for rtype in LEGAL_TYPES:
        for record in catalogue.of_type(rtype):
            data = record.data
            for_you = re.sub(r"\[\[[a-z0-9-]+\]\]|[*_`#>\[\]]|\(https?://[^)]*\)", " ", data.get("for_you") or "")
            docs.append(
                {
                    "u": record.url,
                    "t": record.name,
                    "k": _(kind_label(record)),
                    "s": data["summary"],
                    "x": " ".join([*(data.get("abbreviations") or []), *(data.get("keywords") or [])]),
                    "b": (data["summary"] + " " + " ".join(for_you.split()))[:BODY_LIMIT],
                    "w": " ".join(data["jurisdictions"]).replace("-", " "),
                }
            )
    pages = list(guides)
    if catalogue.language_help is not None:
        intro = catalogue.language_help.intro
        docs.append(
            {
                "u": LANGUAGE_HELP_URL,
                "t": _("Help in your language"),
                "k": _("Guide"),
                "s": intro[:160],
                "x": "",
                "b": intro,
                "w": "",
                "lg": search_words(catalogue.services, catalogue.language_help),
            }
        )
    for chooser in catalogue.choosers:  # generated guides: not among the hand-written pages
        text = " ".join(RECORD_LINK.sub(r"\1", p) for s in chooser.situations for p in (s.heading, *s.points))
        pages.append((chooser.url, chooser.title, f"{chooser.intro} {text}"))
    for url, title, text in pages:
        docs.append({"u": url, "t": title, "k": _("Guide"), "s": text[:160], "x": "", "b": text[:BODY_LIMIT], "w": ""})
    for category in catalogue.categories.values():
        docs.append(
            {
                "u": category.url,
                "t": category.name,
                "k": _("Type of service"),
                "s": category.description,
                "x": category.id.replace("-", " "),
                "b": category.description,
                "w": "",
            }
        )
    own_names = {area.name.lower() for area in catalogue.areas.values()}
    for area in catalogue.areas.values():
        aliases = [
            *(alias for alias in place_aliases(area.name) if alias not in own_names),
            *(
                form
                for name, language in catalogue.place_names.get(area.id, ())
                for form in typed_forms((name,), language)
            ),
            # A place in Wales is named in Welsh by its own name too, mutated after "yn", "i", "o"
            # ("ym Mhowys", "yng Ngwynedd", "yn Nhorfaen"): the name's other forms find it.
            *(welsh_forms(area.name)[1:] if WELSH_NATION in {a.id for a in area.ancestors()} else ()),
        ]
        docs.append(
            {
                "u": area.url,
                "t": _("Services in {place}", place=area.name),
                "k": _(PLACE_KIND),
                "al": aliases,
                "s": _("Domestic abuse and sexual violence services in {place}.", place=area.name),
                "x": area.name,
                "b": "",
                # Indexed: the places around it, and its other names (so "Abertawe" finds Swansea).
                "w": " ".join([*(a.name for a in area.ancestors()), *aliases]),
            }
        )
    return docs


#: Words around a place's name that do not stop a query being only a place ("help in Leeds",
#: "yng Nghaerdydd"): search.js reads them from core.json ("placeFiller").
PLACE_FILLER_WORDS = ("in", "near", "around", "help", "services", "service", "the", "yn", "yng", "ym", "ger", "i")
#: Welsh function words (articles, pronouns, prepositions, the verb "to be"), left out of matching as
#: lunr leaves out English ones, so "mae fy mhartner yn fy nharo" is not matched on "fy" and "yn"
#: in every Welsh page. Only words of Bangor University's Welsh stop-word list (techiaith,
#: github.com/techiaith/ataleiriau, cy_ataleiriau_stopwords.txt, read 2026-12-07), and only the
#: function words of it: its content words ("angen", "plentyn", "dilyn", "gadael") are searched,
#: as are "dim" ("dim hawl i arian cyhoeddus") and "ni" (NI, Northern Ireland).
WELSH_STOP_WORDS = tuple(
    """
    a ac ag am ar at bod beth ble chi dwi dy ef efo ei eich ein eu fe fel fi fo fod fy gan gyda gydag
    hi hon hwn hyn hynny i mae maen mewn mi mod na nad neu nhw nid o oedd ond os pa pam pan pryd
    roedd rwy rwyf rydw sut sy sydd ti wedi y yn yng ym yma yna yr yw ydy â
    """.split()  # noqa: SIM905 - a word list reads best as words
)
#: Words nearly every query on a help site holds, in either language ("will the council help",
#: "dwi angen help rwan plis"): matched, they lift the pages whose short titles carry them ("Help in
#: your language") above the answer. Phrases still read them ("help for men", "help yn Gymraeg").
WEAK_WORDS = ("help", "please", "pls", "plz", "plis")
#: The words the index leaves out: lunr's English stop words, the Welsh function words and the weak words.
STOP_WORDS = ENGLISH_STOP_WORDS | frozenset(WELSH_STOP_WORDS) | frozenset(WEAK_WORDS)
#: Everyday words that some services carry in their names ("Trust House", "Family Matters", "Hope
#: House", "One Front Door", "Spring Lodge"): they are not read in a service's name or organisation
#: (NAME_FIELDS), so "left the house", "my family" or "at the door" do not bring those services.
#: A query that names a service's whole title still finds it first (search.js).
ORDINARY_NAME_WORDS = tuple(
    """
    house home lodge door front family matters hope trust place spring bridge glade sky blue
    yellow compass harbour horizon axis survive staying put net mountain valley star rainbow
    treetops suite foundation one millfield willow rowan topaz saturn haven oak
    """.split()  # noqa: SIM905 - a word list reads best as words
)
#: Welsh changes a word's first sound after some words ("Caerdydd", "i Gaerdydd", "yng Nghaerdydd",
#: "a Chaerdydd"): each first letter or pair and what it may become (soft, nasal, aspirate).
WELSH_MUTATIONS = {
    "c": ("g", "ngh", "ch"),
    "p": ("b", "mh", "ph"),
    "t": ("d", "nh", "th"),
    "g": ("", "ng"),
    "b": ("f", "m"),
    "d": ("dd", "n"),
    "ll": ("l",),
    "m": ("f",),
    "rh": ("r",),
}
#: First letters that are already one Welsh sound and do not change ("ch", "dd", "ff", "ng", "ph", "th").
_WELSH_FIXED = ("ch", "dd", "ff", "ng", "ph", "th")


def welsh_forms(text: str) -> list[str]:
    """A Welsh word or name in lower case, and the forms its first sound takes after other words
    ("caerdydd" -> "gaerdydd", "nghaerdydd", "chaerdydd"; "lloches" -> "loches"). Only the start
    changes; a name that starts with a vowel, or an unchanging sound, has one form."""
    lower = text.lower().strip()
    if lower.startswith(_WELSH_FIXED):
        return [lower]
    start = next((s for s in sorted(WELSH_MUTATIONS, key=len, reverse=True) if lower.startswith(s)), None)
    if start is None:
        return [lower]
    return [lower, *(changed + lower[len(start) :] for changed in WELSH_MUTATIONS[start])]


def typed_forms(words: tuple[str, ...], language: str) -> list[str]:
    """Words a query may hold for a synonym: in Welsh, each with its mutated forms too."""
    if language != "cy":
        return [word.lower() for word in words]
    return list(dict.fromkeys(form for word in words for form in welsh_forms(word)))


def place_aliases(name: str) -> list[str]:
    """Shorter names people use for a place, made from its official name by two safe rules:
    without the words every official name carries ("Glasgow City" -> "glasgow", "City of Edinburgh"
    -> "edinburgh", "County Durham" -> "durham", "Orkney Islands" -> "orkney"), and the town before "upon" or "-on-"
    ("Stoke-on-Trent" -> "stoke", "Newcastle upon Tyne" -> "newcastle"). Never a word of a name
    joined by "and" on its own ("Barking and Dagenham" is not "barking"): ordinary words collide.
    Not the town before "-under-": "Newcastle" alone is Newcastle upon Tyne to most people, not
    Newcastle-under-Lyme (whose whole name still finds it). An alias that is another place's own
    name is left out where the aliases are used ("City of London" is not "London")."""
    words = re.findall(r"[^\W\d_]+", name.lower())
    found = []
    plain = [w for w in words if w not in _PLACE_FILLER]
    if plain and plain != words:
        found.append(" ".join(plain))
    head = re.split(r"\s+upon\s+|-on-", name, maxsplit=1, flags=re.IGNORECASE)
    if len(head) == 2:
        found.append(" ".join(re.findall(r"[^\W\d_]+", head[0].lower())))
    return sorted({a for a in found if a and a != " ".join(words)})


def service_document(record: Record, catalogue: Catalogue, rank: int) -> dict[str, Any]:
    """A service as search and the filters see it: its card plus FILTER_KEYS (`rank`: its place
    in the first-minute order of every service)."""
    data = record.data
    eligibility = data.get("eligibility") or {}
    areas = [catalogue.areas[a] for a in data["areas"]]
    return {
        **card_data(record),
        "tr": TIERS[tier(record, catalogue.categories)],
        "rk": rank,
        "oh": opening_hours(record),
        "c": data["categories"],
        "a": data["areas"],
        "f": eligibility.get("for") or [EVERYONE],
        "n": bool(eligibility.get("nrpf_accepted")),
        "l": [language.lower() for language in data.get("languages") or []],
        "r": bool(data["referral"]["self"]),
        "kn": " ".join(catalogue.categories[c].name for c in data["categories"]),
        "w": " ".join(sorted({p.name for a in areas for p in [a, *a.ancestors()]})),
        "lg": access_words(record),
    }


def access_words(record: Record) -> str:
    """Words a service is found by for language and access: each language other than English in
    English and in its own name ("Welsh Cymraeg"), and interpreters, BSL, Relay UK if it offers them."""
    data = record.data
    spoken = [language_named(name) for name in data.get("languages") or []]
    words = [f"{lang.english} {lang.own}" for lang in spoken if lang and lang.code != "en"]
    contact = data["contact"]
    words += ["interpreter interpreters"] if data.get("interpreters") else []
    words += ["BSL British Sign Language Deaf"] if contact.get("bsl") else []
    words += ["Relay UK text relay"] if contact.get("relay_uk") else []
    return " ".join(words)


def opening_hours(record: Record) -> list[list[int]]:
    """The service's structured hours, compact: [[day bits, opens, closes], …] in minutes since midnight."""
    out = []
    for entry in record.data["contact"].get("schedule") or []:
        bits = sum(DAY_BITS[d] for d in entry["days"])
        opens, closes = (int(t[:2]) * 60 + int(t[3:]) for t in (entry["opens"], entry["closes"]))
        out.append([bits, opens, closes])
    return out


def area_documents(catalogue: Catalogue) -> list[dict[str, Any]]:
    """Every area below the whole UK: id, name, level, shard and the ids of the areas around it."""
    return [
        {"id": a.id, "name": a.name, "level": a.level, "shard": shard_of(a), "up": [p.id for p in a.ancestors()]}
        for a in catalogue.areas.values()
        if a.level != "national"
    ]


def service_documents(catalogue: Catalogue, keep: Keep = made_now) -> dict[str, dict[str, Any]]:
    """Every service's document, by id. Its place in the first-minute order ("rk") depends on the
    service only (its tier, its nearest area's level, its name), so one ranking of every service
    orders any list the browser makes: it never works the order out. The rest of a document is
    the service's own, so `keep` may give back one made by an earlier build (render/feature.py)."""
    ranked = in_order(catalogue.of_type(SERVICE), catalogue.categories, catalogue.areas)
    ranks = {r.id: n for n, r in enumerate([*ranked.help, *ranked.for_people_who_harm])}
    docs = {}
    for record in catalogue.of_type(SERVICE):
        doc = keep(f"search:{record.id}", partial(service_document, record, catalogue, 0))
        doc["rk"] = ranks[record.id]
        docs[record.id] = doc
    return docs


def place_doors(catalogue: Catalogue, roles: Sequence[str]) -> dict[str, list[str]]:
    """Area id -> the addresses of the services of `roles` that serve it (listed for it or for an
    area around it), role by role, the nearest first, at most DOORS_PER_ROLE of a role."""
    listed: dict[tuple[str, str], list[Record]] = {}
    for record in catalogue.of_type(SERVICE):
        role = record.data.get("role") or ""
        if role in roles:
            for area_id in record.data["areas"]:
                listed.setdefault((role, area_id), []).append(record)
    doors: dict[str, list[str]] = {}
    for area in catalogue.areas.values():
        if area.level in WIDE_LEVELS:
            continue
        urls = []
        for role in roles:
            found = [r.url for place in (area, *area.ancestors()) for r in listed.get((role, place.id), [])]
            urls += list(dict.fromkeys(found))[:DOORS_PER_ROLE]
        if urls:
            doors[area.id] = urls
    return doors


def indexed_texts(core_docs: Sequence[dict[str, Any]], services: Iterable[dict[str, Any]]) -> dict[str, list[str]]:
    """What the index reads of each document, one text per field of FIELDS, by the document's key in
    the corpus: "#<number>" for the n-th core document, its address for a service (listed in
    several shards, it is one document)."""
    texts = {f"#{n}": [doc.get(key, "") if key else "" for _, _, key, _ in FIELDS] for n, doc in enumerate(core_docs)}
    for doc in services:
        texts.setdefault(doc["u"], [doc.get(key, "") if key else "" for _, _, _, key in FIELDS])
    return texts


def standing_lines(catalogue: Catalogue) -> dict[str, Any]:
    """What a search that finds something always shows among its first five, besides the nation's
    first 24-hour line (core.json `nationLines`): with no nation, the category page every nation's
    first line shares (it lists them all); never after a page for people who harm (their own list)."""
    services = catalogue.records.get("service", {})
    firsts = [services[ids[0]] for ids in catalogue.crisis.nations.values() if ids and ids[0] in services]
    shared = [c for c in catalogue.categories if all(c in (s.data.get("categories") or []) for s in firsts)]
    harm = [c.url for c in catalogue.categories.values() if c.group == "for-people-who-harm"]
    return {
        "anywhere": catalogue.categories[shared[0]].url if shared and firsts else "",
        "notAfter": harm,
    }


def _without(doc: dict[str, Any], keys: Sequence[str]) -> dict[str, Any]:
    """`doc` without `keys`."""
    return {key: value for key, value in doc.items() if key not in keys}


def write_search_files(
    site_dir: Path, catalogue: Catalogue, guides: Sequence[tuple[str, str, str]], keep: Keep = made_now
) -> dict[str, int]:
    """Write search/core.json, search/areas.json and one services file per shard; returns bytes per
    file (`keep`: see service_documents)."""
    out = site_dir / "search"
    out.mkdir(parents=True, exist_ok=True)
    documents = service_documents(catalogue, keep)
    shards = {name: [documents[r.id] for r in records] for name, records in service_shards(catalogue).items()}
    core_docs = core_documents(catalogue, guides)
    corpus = Corpus([name for name, *_ in FIELDS], STOP_WORDS)
    for key, texts in indexed_texts(core_docs, documents.values()).items():
        corpus.add(key, texts)
    frequencies = corpus.document_frequencies()
    sizes = {
        f"services-{n}.json": write_json(
            out / f"services-{n}.json",
            {
                "docs": [_without(doc, INDEX_ONLY_KEYS["service"]) for doc in docs],
                "ix": file_index(corpus, [doc["u"] for doc in docs], frequencies),
            },
        )
        for n, docs in shards.items()
    }
    areas = {
        "order": {"harmTier": TIERS["for-people-who-harm"]},
        "dayBits": DAY_BITS,
        "everyone": EVERYONE,
        "wideShard": NATIONAL_SHARD,  # the shard every filter and search loads: UK- and nation-wide services
        # with a place named, only a service listed below these (the place, a county or region around
        # it) counts as the place's own
        "wideLevels": list(WIDE_LEVELS),
        "areas": area_documents(catalogue),
    }
    sizes["areas.json"] = write_json(out / "areas.json", areas)
    core = {
        "fields": [{"name": n, "boost": b, "core": c, "service": s} for n, b, c, s in FIELDS],
        "fieldsWithoutPlaces": [n for n, *_ in FIELDS if n not in PLACE_FIELDS],
        "fieldsWithoutNames": [n for n, *_ in FIELDS if n not in NAME_FIELDS],
        "tierWeights": TIER_WEIGHTS,
        "kindWeights": {_(kind): weight for kind, weight in KIND_WEIGHTS.items()},
        "placeKind": _(PLACE_KIND),
        "nations": NATION_WORDS,
        "nationBoost": NATION_BOOST,
        "nation": LANGUAGE_NATION.get(i18n.CURRENT.language, ""),
        # Each nation's own 24-hour lines (data/crisis.yaml): they take the place of a best-bet line
        # that is another nation's ("my husband hits me" on the Welsh site: Live Fear Free, not
        # the National Domestic Abuse Helpline, which is England's).
        "nationLines": {n: [f"services/{i}/" for i in ids] for n, ids in catalogue.crisis.nations.items()},
        # Another nation's law page a best bet names gives way to the nation's own version.
        "counterparts": counterparts(catalogue),
        # A search that finds something always shows a way to talk to someone now (`standing`).
        "standing": standing_lines(catalogue),
        "placeBoost": PLACE_BOOST,
        # A need's words, and each place's doors for it (a council's homelessness route; the SARC and
        # Rape Crisis centre that serve it), for that need in a named place.
        "doors": [
            {
                "words": sorted({form for language, ws in words.items() for form in typed_forms(ws, language)}),
                "routes": place_doors(catalogue, roles),
            }
            for words, roles in NEED_DOORS
        ],
        "phrases": [
            {
                "says": list(p.says),
                "find": list(p.find),
                **({"alone": True} if p.alone else {}),
                **({"allOf": [list(group) for group in p.all_of]} if p.all_of else {}),
                **({"within": p.within} if p.within is not None else {}),
                **({"unless": list(p.unless)} if p.unless else {}),
            }
            for p in catalogue.phrases
        ],
        "synonyms": [
            {"words": typed_forms(s.words, s.language), "means": s.means} for s in catalogue.synonyms if not s.respell
        ],
        "respell": {word: s.means for s in catalogue.synonyms if s.respell for word in s.words},
        "placeFiller": list(PLACE_FILLER_WORDS),
        "nameWords": list(ORDINARY_NAME_WORDS),
        "stopWords": [*WELSH_STOP_WORDS, *WEAK_WORDS],
        "shards": {name: len(docs) for name, docs in shards.items()},
        "loadAll": len(catalogue.of_type(SERVICE)) < LOAD_ALL_BELOW,
        "bm25": BM25,
        "postingBase": FREQUENCY_BASE,
        "stats": corpus.stats(),
        "docs": [_without(doc, INDEX_ONLY_KEYS["core"]) for doc in core_docs],
        "ix": file_index(corpus, [f"#{n}" for n in range(len(core_docs))], frequencies),
    }
    sizes["core.json"] = write_json(out / "core.json", core)
    return sizes
