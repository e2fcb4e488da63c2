"""The UK area tree from the pinned ONS data, and the committed data/areas.yaml made from it.

Run: cd /work/wt/postcode && PYTHONPATH=hooks python -m pytest -q hooks/waymark/tools
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from waymark.tools.areas_source import (
    KEEP_IDS,
    SUPPLEMENT,
    AreaTree,
    SourceError,
    area_tree,
    check_tree,
    counts,
    place_authorities,
    read_ons_2021_lookup,
    render_yaml,
    slug,
)

AREAS_YAML = Path(__file__).resolve().parents[3] / "data" / "areas.yaml"


@pytest.fixture(scope="module")
def tree(ons_postcodes: list[tuple[str, str]]) -> AreaTree:
    """The tree from the installed (pinned) packages (their postcodes read once, see ons_fixtures)."""
    lookup = read_ons_2021_lookup()
    return area_tree(place_authorities({gss for _, gss in ons_postcodes}, lookup), lookup)


def places(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every entry of a tree by id."""
    found: dict[str, dict[str, Any]] = {}
    stack: list[dict[str, Any]] = [data["national"], *data["nations"]]
    while stack:
        entry = stack.pop()
        found[entry["id"]] = entry
        for key in ("regions", "counties", "local_authorities"):
            stack.extend(entry.get(key) or [])
    return found


def find(data: dict[str, Any], ident: str) -> dict[str, Any]:
    """The entry with this id anywhere in the tree (KeyError if none)."""
    return places(data)[ident]


def test_committed_areas_yaml_is_what_the_generator_makes(tree: AreaTree) -> None:
    """The bundled file is exactly what the release makes. A regional copy (places deleted, or a
    region `make new-region` added) is not: then every place it keeps must be as the release has it."""
    committed = places(yaml.safe_load(AREAS_YAML.read_text(encoding="utf-8")))
    released = places(tree.data)
    if set(committed) == set(released):
        assert AREAS_YAML.read_text(encoding="utf-8") == render_yaml(tree)
        return
    kept = set(committed) & set(released)
    assert kept, "a regional copy keeps at least the UK and its nations"
    changed = [i for i in kept if committed[i].get("gss") != released[i].get("gss")]
    changed += [i for i in kept if committed[i]["name"] != released[i]["name"]]
    added = [i for i in set(committed) - kept if committed[i].get("gss")]
    assert changed == [] and added == [], "a regional copy may delete places or add a region, not change them"


def test_counts_per_nation_and_level(tree: AreaTree) -> None:
    table = counts(tree)
    assert table["england"] == {
        "regions": 9,
        "metropolitan counties": 6,
        "shire counties": 21,
        "local authorities": 296,
        "E06": 63,
        "E07": 164,
        "E08": 36,
        "E09": 33,
    }
    assert table["wales"]["local authorities"] == table["wales"]["W06"] == 22
    assert table["scotland"]["local authorities"] == table["scotland"]["S12"] == 32
    assert table["northern-ireland"]["local authorities"] == table["northern-ireland"]["N09"] == 11


def test_ids_and_codes_unique_and_existing_ids_kept(tree: AreaTree) -> None:
    assert check_tree(tree.data, KEEP_IDS) == []
    assert [n["id"] for n in tree.data["nations"]] == ["england", "wales", "scotland", "northern-ireland"]
    west_yorkshire = find(tree.data, "west-yorkshire")
    assert west_yorkshire["gss"] == "E11000006"
    assert [la["id"] for la in west_yorkshire["local_authorities"]] == [
        "bradford",
        "calderdale",
        "kirklees",
        "leeds",
        "wakefield",
    ]
    assert find(tree.data, "leeds")["gss"] == "E08000035"
    assert find(tree.data, "bristol")["name"] == "Bristol, City of"
    assert find(tree.data, "kingston-upon-hull")["gss"] == "E06000010"
    assert find(tree.data, "west-midlands")["gss"] == "E12000005"
    assert find(tree.data, "west-midlands-county")["gss"] == "E11000005"


def test_every_region_and_nation_carries_its_gss(tree: AreaTree) -> None:
    england = tree.data["nations"][0]
    assert [r["gss"] for r in england["regions"]] == [f"E1200000{n}" for n in range(1, 10)]
    assert find(tree.data, "yorkshire-and-the-humber")["name"] == "Yorkshire and The Humber"
    assert all("regions" not in n and n["local_authorities"] for n in tree.data["nations"][1:])


def test_yaml_header_says_how_it_was_made(tree: AreaTree) -> None:
    text = render_yaml(tree)
    header = text.split("national:")[0]
    for words in ("GENERATED", "python -m waymark.tools.areas_source --write data/areas.yaml", "2026.1.1", "2021.4"):
        assert words in header
    assert "regional copy may delete" in header
    assert yaml.safe_load(text) == tree.data


@pytest.mark.parametrize(
    ("name", "ident"),
    [
        ("Bristol, City of", "bristol"),
        ("Kingston upon Hull, City of", "kingston-upon-hull"),
        ("Herefordshire, County of", "herefordshire"),
        ("King's Lynn and West Norfolk", "kings-lynn-and-west-norfolk"),
        ("St. Helens", "st-helens"),
        ("Stockton-on-Tees", "stockton-on-tees"),
        ("Na h-Eileanan Siar", "na-h-eileanan-siar"),
        ("Armagh City, Banbridge and Craigavon", "armagh-city-banbridge-and-craigavon"),
    ],
)
def test_slug(name: str, ident: str) -> None:
    assert slug(name) == ident


def test_a_code_the_supplement_cannot_place_stops_the_generator(tree: AreaTree) -> None:
    lookup = read_ons_2021_lookup()
    codes = set(tree.authorities)
    with pytest.raises(SourceError, match="S12000099: no name"):
        place_authorities(codes | {"S12000099"}, lookup)
    with pytest.raises(SourceError, match="E06000066 is not a current code"):
        place_authorities(codes - {"E06000066"}, lookup)
    assert place_authorities(codes, lookup, SUPPLEMENT) == tree.authorities
