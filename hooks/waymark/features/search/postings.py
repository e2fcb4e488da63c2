"""The search index, built once at build time: every search file carries the postings of its own
documents, and core.json the statistics of the whole corpus.

Why. At 10,000 services the browser spent about a second building one lunr index over the
documents of the files a search needed, before it could show a first result. Now the build counts
each document's words once, and the browser only reads the counts of the files it fetched.

Ranking is unchanged in kind: search.js scores a query exactly as ONE lunr.js 2.3.9 index over
every document of the site would (BM25 with k1 = 1.2 and b = 0.75, each weight rounded to three
decimals, a document's field scores summed), with the document frequencies and average field
lengths of the whole corpus (`corpus_stats`), so a result from any file can be ranked against a
result from any other. Words are read as lunr.js and search.js read them: lower case, split on
white space and hyphens (`SEPARATOR`, JavaScript's `\\s`), anything that is not a letter or a
digit in any script trimmed from a word's edges, lunr's English stop words and WELSH_STOP_WORDS
left out. tests/test_search_index.py runs lunr.js itself over the bundled documents and checks that
every weight search.js works out from these files is the weight lunr gives.

A file's index (`FileIndex.data`): `terms` (its words), `df` (each word's document frequency in the
whole corpus: the (document, field) pairs that hold it, as lunr counts) and `post` (each word's
postings). A posting is the pair (document number in the file × number of fields + field number,
term frequency), written as one number: the key's difference from the previous posting's key,
times 32, plus the frequency (a frequency of 32 or more is written as 0, then the frequency).
A field's length is the sum of its frequencies, so it is not written.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from lunr.stop_word_filter import WORDS

#: lunr's English stop words: the list of lunr.js 2.3.9, as its Python port (a dependency) holds it.
ENGLISH_STOP_WORDS = frozenset(WORDS)
#: lunr.js's tokenizer separator, /[\s\-]+/, with JavaScript's `\s` spelled out (Python's differs).
SEPARATOR = re.compile("[\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff-]+")
_ASCII_EDGES = re.compile(r"^[^a-z0-9]+|[^a-z0-9]+$")
#: A posting's frequency shares its number with the key's step: step × FREQUENCY_BASE + frequency.
FREQUENCY_BASE = 32


def _inner(char: str) -> bool:
    """True for a letter or a digit in any script (JavaScript's \\p{L} and \\p{N})."""
    return unicodedata.category(char)[0] in "LN"


def trim(word: str) -> str:
    """`word` without what is not a letter or digit at its edges ("(leeds)," -> "leeds")."""
    if word.isascii():
        return _ASCII_EDGES.sub("", word)
    start, end = 0, len(word)
    while start < end and not _inner(word[start]):
        start += 1
    while end > start and not _inner(word[end - 1]):
        end -= 1
    return word[start:end]


def terms(text: str, stop_words: frozenset[str]) -> list[str]:
    """The words of `text` as the index holds them, in order (repeats kept: they are the frequency)."""
    out = []
    for piece in SEPARATOR.split(text.lower()):
        word = trim(piece)
        if word and word not in stop_words:
            out.append(word)
    return out


@dataclass
class Corpus:
    """Every document of one language's search files, each counted once (by its address), with
    the counts the statistics and the files' postings are made of."""

    fields: Sequence[str]
    stop_words: frozenset[str]
    counts: dict[str, list[Counter[str]]] = field(default_factory=dict)
    _memo: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, key: str, texts: Sequence[str]) -> None:
        """Count the words of one document (`texts`: one per field, in `fields` order), once."""
        if key in self.counts:
            return
        per_field = []
        for text in texts:
            counted = self._memo.get(text)
            if counted is None:
                counted = self._memo[text] = Counter(terms(text, self.stop_words))
            per_field.append(counted)
        self.counts[key] = per_field

    def stats(self) -> dict[str, Any]:
        """What every file's weights are worked out with: the number of documents and each field's
        average length (in words), for core.json."""
        total = [0] * len(self.fields)
        for per_field in self.counts.values():
            for number, counted in enumerate(per_field):
                total[number] += sum(counted.values())
        count = len(self.counts)
        return {"n": count, "avg": [length / count if count else 0 for length in total]}

    def document_frequencies(self) -> Counter[str]:
        """Each word's number of (document, field) pairs that hold it (lunr's count for idf)."""
        frequencies: Counter[str] = Counter()
        for per_field in self.counts.values():
            for counted in per_field:
                frequencies.update(counted.keys())
        return frequencies


def file_index(corpus: Corpus, keys: Iterable[str], frequencies: Mapping[str, int]) -> dict[str, Any]:
    """The index of one file whose documents are `keys`, in the file's order (module docstring)."""
    width = len(corpus.fields)
    postings: defaultdict[str, list[tuple[int, int]]] = defaultdict(list)
    for number, key in enumerate(keys):
        place = number * width
        for counted in corpus.counts[key]:
            for word, frequency in counted.items():
                postings[word].append((place, frequency))
            place += 1
    words = sorted(postings)
    encoded = []
    for word in words:
        numbers: list[int] = []
        previous = 0
        for place, frequency in postings[word]:  # already in key order: documents, then fields
            step = (place - previous) * FREQUENCY_BASE
            previous = place
            if frequency < FREQUENCY_BASE:
                numbers.append(step + frequency)
            else:
                numbers += (step, frequency)
        encoded.append(numbers)
    return {"terms": words, "df": [frequencies[w] for w in words], "post": encoded}
