"""The prebuilt search index (features/search/postings.py) scores as lunr.js itself would.

The build counts the words; the browser works the weights out from those counts and the corpus's
statistics. Here lunr.js builds one index over the very same documents, under Node, and every
weight and every query's scores must be lunr's.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from project import PROJECT
from waymark.data.catalogue import Catalogue, load_catalogue
from waymark.features.search.index import (
    FIELDS,
    core_documents,
    indexed_texts,
    service_documents,
    write_search_files,
)
from waymark.features.search.postings import FREQUENCY_BASE, terms, trim

NODE = shutil.which("node") or "node"  # Node.js is on every machine this runs on (see the Makefile)
SEED = 20261207

#: Guide pages written to meet the reader's edge cases: other scripts, marks at words' edges,
#: JavaScript's white space, a word more often than FREQUENCY_BASE, words that are names of
#: JavaScript object properties, hyphens, apostrophes, a field of nothing but punctuation.
GUIDES = [
    (
        "guides/scripts/",
        "Help in اردو and język polski",
        "Pomoc — pomóż! «Cymraeg» (Welsh) ‘quoted’ \u00a0nbsp\u2003em\ufeffbom",
    ),
    ("guides/repeat/", "Refuge refuge", " ".join(["refuge"] * (FREQUENCY_BASE + 7)) + " end"),
    ("guides/props/", "constructor __proto__ toString", "hasOwnProperty valueOf prototype constructor"),
    ("guides/hyphens/", "non-molestation order — what's that?", "co-ordinated self-referral it's he's 24/7 999"),
    ("guides/digits/", "Figures for 2025–26", "«2025» ١٢٣ section 42(1)(a) £1,500"),
    ("guides/punctuation/", "— … !!", "*** --- ((( )))"),
]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(PROJECT / "data", dt.date.today())


def clauses_for(words: list[str], rng: random.Random) -> list[list[dict[str, Any]]]:
    """Queries as search.js makes them: words with boosts 10, 4 and 1, some read only in some fields,
    a word twice, a word no document holds."""
    names = [name for name, *_ in FIELDS]
    queries: list[list[dict[str, Any]]] = [
        [{"term": "refuge", "boost": 10}],
        [{"term": "refuge", "boost": 10}, {"term": "leeds", "boost": 10, "fields": ["kind", "body", "lang"]}],
        [{"term": "abuse", "boost": 10}, {"term": "abused", "boost": 4}, {"term": "abuse", "boost": 1}],
        [{"term": "no-such-word-anywhere", "boost": 10}, {"term": "order", "boost": 10}],
        [{"term": "constructor", "boost": 10}, {"term": "refuge", "boost": 4}],
    ]
    for _ in range(60):
        picked = rng.sample(words, rng.randint(1, 6))
        query = []
        for word in picked:
            clause: dict[str, Any] = {"term": word, "boost": rng.choice([10, 4, 1])}
            if rng.random() < 0.2:
                clause["fields"] = rng.sample(names, rng.randint(1, len(names) - 1))
            query.append(clause)
        queries.append(query)
    return queries


def test_the_browser_scores_as_lunr_does(catalogue: Catalogue, tmp_path: Path) -> None:
    write_search_files(tmp_path, catalogue, GUIDES)
    folder = tmp_path / "search"
    texts = indexed_texts(core_documents(catalogue, GUIDES), service_documents(catalogue).values())
    core = json.loads((folder / "core.json").read_text(encoding="utf-8"))
    words = sorted(core["ix"]["terms"])
    queries = clauses_for(words, random.Random(SEED))
    given = {"keys": list(texts), "texts": list(texts.values()), "queries": queries}
    (folder / "texts.json").write_text(json.dumps(given, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run(
        [NODE, str(PROJECT / "tests" / "node" / "index_parity.js"), str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout)
    assert found["missing"] == []
    assert found["documents"] == found["n"] == len(texts)
    assert found["weights"] > 20_000, "the bundled data should give many weights"
    assert found["differCount"] == 0, f"weights lunr gives otherwise (field/doc/word, lunr, ours): {found['differ']}"
    matched = 0
    for clauses, both in zip(queries, found["queries"], strict=True):
        ours = sorted((round(score, 9), ref) for ref, score in both["ours"])
        lunrs = sorted((round(score, 9), ref) for ref, score in both["lunr"])
        assert ours == lunrs, f"scores differ for {clauses}"
        ordered = [round(score, 9) for _, score in both["ours"]]
        assert ordered == sorted(ordered, reverse=True), "results are not best first"
        matched += bool(ours)
    assert matched > len(queries) // 2, "most queries should find something"


def test_words_are_read_as_lunr_and_search_js_read_them() -> None:
    stop = frozenset({"the", "yn"})
    assert terms("The Refuge\u00a0in-Leeds, (24/7)", stop) == ["refuge", "in", "leeds", "24/7"]
    assert terms("mae hi yn Gymraeg — «iawn»", stop) == ["mae", "hi", "gymraeg", "iawn"]
    assert trim("«język»,") == "język"
    assert trim("(اردو)") == "اردو"
    assert trim("«2025»") == "2025"
    assert trim("—") == ""
