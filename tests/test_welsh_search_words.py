"""Welsh search words (#28): each Welsh word cites where it was read, and Welsh mutations are known."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from project import FIXTURES, PROJECT
from waymark.data.catalogue import load_catalogue
from waymark.data.problems import DataError
from waymark.features.search.index import core_documents, typed_forms, welsh_forms


def test_welsh_forms_change_only_the_first_sound() -> None:
    assert welsh_forms("Caerdydd") == ["caerdydd", "gaerdydd", "nghaerdydd", "chaerdydd"]
    assert welsh_forms("lloches") == ["lloches", "loches"]
    assert welsh_forms("Gwynedd") == ["gwynedd", "wynedd", "ngwynedd"]
    assert welsh_forms("Abertawe") == ["abertawe"]  # a vowel does not change
    assert welsh_forms("chwilio") == ["chwilio"]  # nor does a sound that is already one of the forms
    assert welsh_forms("Bro Morgannwg") == ["bro morgannwg", "fro morgannwg", "mro morgannwg"]


def test_only_welsh_words_get_welsh_forms() -> None:
    assert typed_forms(("Cardiff",), "en") == ["cardiff"]
    assert "nghaerdydd" in typed_forms(("Caerdydd",), "cy")


def test_a_place_in_wales_is_found_by_its_own_name_mutated() -> None:
    """ "ym Mhowys", "yn Nhorfaen": Welsh mutates a Welsh place's own name, not only its Welsh name."""
    catalogue = load_catalogue(PROJECT / "data")
    aliases = {doc["u"]: doc["al"] for doc in core_documents(catalogue, []) if "al" in doc}
    assert {"mhowys", "bowys"} <= set(aliases["areas/powys/"])
    assert "nhorfaen" in aliases["areas/torfaen/"] and "ngwynedd" in aliases["areas/gwynedd/"]
    assert not {"gambridge", "nghambridge", "chambridge"} & set(aliases["areas/cambridge/"])  # England's


def problems_with(tmp_path: Path, name: str, text: str) -> str:
    """The DataError a copy of the fixtures gives with data/<name> holding `text`."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", data, dirs_exist_ok=True)
    (data / name).write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_catalogue(data)
    return str(err.value)


def test_a_word_in_another_language_must_cite_where_it_was_read(tmp_path: Path) -> None:
    found = problems_with(tmp_path, "synonyms.yaml", "- words: [lloches]\n  means: refuge\n  language: cy\n")
    assert "synonyms.yaml" in found and "source" in found


def test_a_place_name_must_belong_to_a_known_place(tmp_path: Path) -> None:
    found = problems_with(
        tmp_path,
        "place-names.yaml",
        "last_reviewed: 2026-12-07\nsource: {title: t, url: 'https://example.org'}\n"
        "places:\n  - {area: atlantis, language: cy, names: [Atlantis]}\n",
    )
    assert "place-names.yaml:4" in found and "atlantis" in found


def test_a_respelling_is_one_word_read_as_its_meaning(tmp_path: Path) -> None:
    """`respell` entries replace a typed word (or pair) before search reads the query."""
    tonite = "- words: [tonite]\n  means: tonight\n  respell: true\n"
    found = problems_with(
        tmp_path, "synonyms.yaml", tonite + "- words: [safe 2 stay]\n  means: safe to stay\n  respell: true\n"
    )
    assert "synonyms.yaml:4" in found and "one word or a pair of words each" in found
    (tmp_path / "data" / "synonyms.yaml").write_text(tonite, encoding="utf-8")
    catalogue = load_catalogue(tmp_path / "data")
    assert [(s.words, s.means, s.respell) for s in catalogue.synonyms] == [(("tonite",), "tonight", True)]
