"""Postcode shards: real ONS postcodes resolve to their authority through the files the browser reads.

Run: cd /work/wt/postcode && PYTHONPATH=hooks python -m pytest -q hooks/waymark/features/postcode
"""

from __future__ import annotations

import gzip
import json
import random
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from project import once_per_run

from waymark import PROJECT
from waymark.features.postcode.lookup import SHARD_BUDGET_GZIP, has_unit, parse, resolve
from waymark.tools.postcodes import build, encode_units

NODE = shutil.which("node") or "node"  # Node.js is on every machine this runs on (see the Makefile)
SEED = 20261201


@pytest.fixture(scope="session")
def ons(ons_postcodes: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Every postcode of the pinned release with its authority, as the build reads them."""
    return ons_postcodes


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """All shards, built once a test run into a temporary folder (the workers share it)."""

    def make(out: Path) -> None:
        build(out, postcodes=request.getfixturevalue("ons_postcodes"))

    return once_per_run(tmp_path_factory, "postcode-shards", make)


def loader(folder: Path) -> Any:
    """Read shards as the browser would: the JSON file of the area, or nothing."""

    def load(area: str) -> dict[str, Any] | None:
        path = folder / f"{area}.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None

    return load


def index_of(folder: Path) -> dict[str, Any]:
    """The build's index.json."""
    index: dict[str, Any] = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    return index


def spaced(postcode: str) -> str:
    """``LS61AB`` -> ``LS6 1AB``."""
    return f"{postcode[:-3]} {postcode[-3:]}"


def sample(ons: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Postcodes drawn from the data: 200 per nation, one per authority, 200 in sectors split between authorities."""
    rng = random.Random(SEED)
    by_nation: dict[str, list[tuple[str, str]]] = defaultdict(list)
    first_of: dict[str, tuple[str, str]] = {}
    sectors: dict[str, set[str]] = defaultdict(set)
    for postcode, gss in ons:
        by_nation[gss[0]].append((postcode, gss))
        first_of.setdefault(gss, (postcode, gss))
        sectors[postcode[:-2]].add(gss)
    assert set(by_nation) == {"E", "W", "S", "N"}
    picked = [pair for rows in by_nation.values() for pair in rng.sample(rows, 200)]
    picked += list(first_of.values())
    split = [pair for pair in ons if len(sectors[pair[0][:-2]]) > 1]
    picked += rng.sample(split, 200)
    return picked


def test_sampled_postcodes_from_every_nation_resolve_to_their_authority(
    ons: list[tuple[str, str]], built: Path
) -> None:
    index, load = index_of(built), loader(built)
    picked = sample(ons)
    assert len({gss for _, gss in picked}) == 361
    wrong = []
    for postcode, gss in picked:
        result = resolve(spaced(postcode), index, load)
        if result["status"] != "found" or [a["gss"] for a in result["authorities"]] != [gss]:
            wrong.append((postcode, gss, result["status"], result["authorities"]))
    assert not wrong, wrong[:5]


def test_outward_codes_offer_every_authority_they_span(ons: list[tuple[str, str]], built: Path) -> None:
    index, load = index_of(built), loader(built)
    districts: dict[str, set[str]] = defaultdict(set)
    for postcode, gss in ons:
        districts[postcode[:-3]].add(gss)
    rng = random.Random(SEED)
    split = [d for d, codes in districts.items() if len(codes) > 1]
    whole = [d for d, codes in districts.items() if len(codes) == 1]
    assert len(districts) > 3000 and len(split) > 1500
    for outward in rng.sample(split, 100) + rng.sample(whole, 50):
        result = resolve(outward.lower(), index, load)
        assert result["status"] == ("choice" if outward in split else "found"), outward
        assert {a["gss"] for a in result["authorities"]} == districts[outward], outward


def test_sector_answers_and_unknown_units(ons: list[tuple[str, str]], built: Path) -> None:
    index, load = index_of(built), loader(built)
    sectors: dict[str, set[str]] = defaultdict(set)
    units: dict[str, set[str]] = defaultdict(set)
    for postcode, gss in ons:
        sectors[postcode[:-2]].add(gss)
        units[postcode[:-2]].add(postcode[-2:])
    rng = random.Random(SEED)
    for sector in rng.sample(sorted(sectors), 200):
        result = resolve(f"{sector[:-1]} {sector[-1]}", index, load)
        assert {a["gss"] for a in result["authorities"]} == sectors[sector]
        assert result["status"] == ("found" if len(sectors[sector]) == 1 else "choice")
        missing = next((u for u in ("ZZ", "YY", "XX", "UU", "QQ") if u not in units[sector]), None)
        if missing:
            unknown = resolve(f"{sector[:-1]} {sector[-1]}{missing}", index, load)
            assert unknown["status"] == "unknown" and unknown["authorities"] == []
            assert unknown["district"], "an unknown postcode still offers its district's authorities"


@pytest.mark.parametrize(
    ("text", "kind", "query"),
    [
        ("LS6 1AB", "full", "LS6 1AB"),
        ("ls61ab", "full", "LS6 1AB"),
        ("  ls6   1ab  ", "full", "LS6 1AB"),
        ("l s 6 1 a b", "full", "LS6 1AB"),
        ("LS6\u00a01AB", "full", "LS6 1AB"),
        ("\tsw1a\u202f2aa\n", "full", "SW1A 2AA"),
        ("\ufeffEC1A 1BB\u200b", "full", "EC1A 1BB"),
        ("b1 1aa", "full", "B1 1AA"),
        ("LS6", "outward", "LS6"),
        ("ls6 ", "outward", "LS6"),
        ("LS61", "outward", "LS61"),
        ("LS6 1", "sector", "LS6 1"),
        ("sw1a 2", "sector", "SW1A 2"),
        ("", "invalid", ""),
        ("LS", "invalid", ""),
        ("LS6 1A", "invalid", ""),
        ("LS6 1AB2", "invalid", ""),
        ("SW1A-2AA", "invalid", ""),
        ("12345", "invalid", ""),
        ("75008", "invalid", ""),
        ("K1A 0B1", "invalid", ""),
        ("D02 X285", "invalid", ""),
        ("hello world", "invalid", ""),
        ("LS6 1AB; DROP", "invalid", ""),
    ],
)
def test_parse(text: str, kind: str, query: str) -> None:
    parsed = parse(text)
    assert (parsed.kind, parsed.text) == (kind, query)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("JE2 3AB", "outside"),
        ("gy1 1aa", "outside"),
        ("IM1 1AA", "outside"),
        ("QQ1 1AA", "unknown"),
        ("ZZ9 9ZZ", "unknown"),
        ("LS99 1AB", "unknown"),
        ("LS6 1CC", "unknown"),
        ("not a postcode", "invalid"),
        ("90210", "invalid"),
    ],
)
def test_statuses_outside_the_data(text: str, status: str, built: Path) -> None:
    assert resolve(text, index_of(built), loader(built))["status"] == status


def test_the_committed_files_are_what_the_pinned_release_makes(built: Path) -> None:
    """data/postcodes/ is generated (`make areas`): it must equal a fresh build from the pinned release."""
    committed = PROJECT / "data" / "postcodes"
    assert sorted(p.name for p in committed.iterdir()) == sorted(p.name for p in built.iterdir())
    for path in built.iterdir():
        assert (committed / path.name).read_bytes() == path.read_bytes(), path.name


def test_every_shard_within_budget(built: Path) -> None:
    shards = sorted(p for p in built.glob("*.json") if p.name != "index.json")
    assert len(shards) == 121
    for path in shards:
        raw = path.read_bytes()
        assert len(gzip.compress(raw, compresslevel=9)) <= SHARD_BUDGET_GZIP, path.name
    index = index_of(built)
    assert index["areas"] == index["all"] == [p.stem for p in shards]
    assert index["outside"] == ["GY", "IM", "JE"]


def test_shard_names_hold_area_letters_only(built: Path) -> None:
    for path in built.iterdir():
        assert path.stem == "index" or (path.stem.isalpha() and path.stem.isupper() and len(path.stem) <= 2)


def test_a_regional_copy_ships_only_its_areas(tmp_path: Path, built: Path) -> None:
    stats, shards, index = build(tmp_path, areas=["LS", "bd"])
    assert sorted(shards) == ["BD", "LS"] and index["areas"] == ["BD", "LS"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["BD.json", "LS.json", "index.json"]
    assert resolve("HG1 1AA", index, loader(tmp_path))["status"] == "not-covered"
    assert resolve("LS6", index, loader(tmp_path))["authorities"][0]["id"] == "leeds"
    assert stats.shards()["LS.json"] == (len((built / "LS.json").read_bytes()), stats.shards()["LS.json"][1])


def test_unit_sets_round_trip() -> None:
    units = ["AA", "ZZ", "AB", "QT"]
    encoded = encode_units(units)
    assert len(encoded) == 67
    assert all(has_unit(encoded, u) for u in units)
    assert not has_unit(encoded, "BA") and not has_unit(encoded, "CC") and not has_unit(encoded, "A")


def test_postcode_js_answers_as_python_does(ons: list[tuple[str, str]], built: Path) -> None:
    rng = random.Random(SEED + 1)
    picked = rng.sample(ons, 300)
    queries = [spaced(p).lower() for p, _ in picked]
    queries += [p[:-3] for p, _ in picked[:40]] + [f"{p[:-3]} {p[-3]}" for p, _ in picked[40:80]]
    queries += ["JE2 3AB", "QQ1 1AA", "LS6 1CC", "ls6\u00a01ab", "LS6 1A", "hello", "", "K1A 0B1", "LS99 9ZZ"]
    run = subprocess.run(
        [NODE, str(PROJECT / "tests" / "node" / "postcode_check.js"), str(built)],
        input=json.dumps(queries),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    output = json.loads(run.stdout)
    index, load = index_of(built), loader(built)
    for text, js in zip(queries, output["results"], strict=True):
        py = resolve(text, index, load)
        assert (js["status"], js["query"], js["authorities"]) == (py["status"], py["query"], py["authorities"]), text
    for (postcode, gss), js in zip(picked, output["results"][: len(picked)], strict=True):
        assert js["status"] == "found" and js["authorities"][0]["gss"] == gss, postcode
    # Only the index and area shards were read, each once, named by area letters alone.
    reads = output["reads"]
    assert reads[0] == "postcode/index.json" and len(reads) == len(set(reads))
    assert all(r.startswith("postcode/") and r.endswith(".json") and r[9:-5].isalpha() for r in reads[1:])
