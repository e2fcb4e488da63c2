"""Browser lookup files for "which local authority is this postcode in?", resolved on the device.

One shard per postcode AREA (the letters: ``LS``, ``G``, ``BT``): the browser fetches only the shard of
the area typed, so the server learns the area letters and nothing more. Built from the same pinned
ONS Postcode Directory as data/areas.yaml (see waymark.tools.areas_source and tools.postcodes).

Shard ``<AREA>.json`` (format version 1)::

    {"v": 1, "area": "LS",
     "la": [["E08000035", "leeds", "Leeds"], ...],       # this shard's authorities: gss, area id, name
     "d": {"LS6": {"la": [0, 3],                         # district (outward code): authorities it spans,
                   "s": {"1": [0, "<units>"],            #   most postcodes first; sectors by digit:
                         "2": [0, "<units>", 3, "ABAD"]} # [default, known units, then exceptions]
                  }, ...}}

A sector's authority is the default unless the unit (the last two letters) is listed after an exception
index (units as concatenated letter pairs). ``<units>`` is a 400-bit set of the units that exist (base64,
no padding; bit ``20 * a + b`` for unit letters ``a``, ``b`` in ``UNIT_LETTERS``) so that a postcode
not in the directory is answered "unknown" rather than guessed. ``index.json`` lists the shipped areas,
every area with data, the areas outside the UK's local authorities (GY, JE, IM) and the attribution.

Every JSON file also exists as a script (``<AREA>.js``) that hands the same data to
``window.WaymarkData["<prefix><AREA>.json"]`` for pages opened from disk (file://), like search files.

The files are made by `make areas` (waymark.tools.postcodes) from the pinned ONS release into
data/postcodes/; the build ships the shards whose area holds one of this copy's authorities
(`ship_postcodes`). This module also mirrors postcode.js in Python, for the tests.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FORMAT_VERSION = 1
#: Letters used in the last two characters of a postcode (never C, I, K, M, O, V).
UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
#: Postcode areas with postcodes but no UK local authority: Guernsey, Jersey (Channel Islands), Isle of Man.
OUTSIDE_AREAS = ("GY", "IM", "JE")
#: Each shard must stay under this many bytes once gzipped.
SHARD_BUDGET_GZIP = 60 * 1024
#: Where `make areas` keeps the files, under data/, and where the site serves them.
DATA_FOLDER = "postcodes"
SITE_FOLDER = "postcode"
#: Removed before reading a postcode: every Unicode space (incl. no-break ones), zero-width space, BOM.
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f\u200b\ufeff]+")
_OUTWARD = re.compile(r"([A-Z]{1,2})[0-9][A-Z0-9]?")
#: A full postcode's shape (any unit letters: one with C, I, K, M, O or V is "unknown", not "invalid").
_FULL = re.compile(r"([A-Z]{1,2})([0-9][A-Z0-9]?)([0-9])([A-Z]{2})")


@dataclass(frozen=True)
class Parsed:
    """What a person typed, read as a postcode: kind is full, sector, outward or invalid."""

    kind: str
    area: str = ""
    outward: str = ""
    sector: str = ""
    unit: str = ""

    @property
    def text(self) -> str:
        """The canonical form: ``LS6 1AB``, ``LS6 1`` or ``LS6``; empty when invalid."""
        inward = f"{self.sector}{self.unit}"
        return f"{self.outward} {inward}" if inward else self.outward


def parse(text: str) -> Parsed:
    """Read typed text as a full postcode, an outward code with a sector digit, or an outward code.

    Any case; spaces of any kind anywhere (a full postcode may be typed without its space). A sector
    (``LS6 1``) is only read as such when a space separates it; ``LS61`` is the outward code LS61.
    """
    raw = text.upper() if isinstance(text, str) else ""
    compact = _SPACES.sub("", raw)
    full = _FULL.fullmatch(compact)
    if full:
        area, rest, digit, unit = full.groups()
        return Parsed("full", area, area + rest, digit, unit)
    sector = re.fullmatch(r"(\S+) ([0-9])", _SPACES.sub(" ", raw).strip())
    outward = _OUTWARD.fullmatch(sector.group(1) if sector else compact)
    if outward and sector:
        return Parsed("sector", outward.group(1), outward.group(0), sector.group(2))
    if outward:
        return Parsed("outward", outward.group(1), outward.group(0))
    return Parsed("invalid")


def unit_bit(unit: str) -> int:
    """Position of a unit (two letters) in a sector's 400-bit set; -1 for letters no unit uses."""
    if len(unit) != 2 or unit[0] not in UNIT_LETTERS or unit[1] not in UNIT_LETTERS:
        return -1
    return UNIT_LETTERS.index(unit[0]) * len(UNIT_LETTERS) + UNIT_LETTERS.index(unit[1])


def has_unit(encoded: str, unit: str) -> bool:
    """Whether a unit is in an encoded set."""
    bit = unit_bit(unit)
    if bit < 0:
        return False
    bits = base64.b64decode(encoded + "=" * (-len(encoded) % 4))
    return bool(bits[bit >> 3] & (0x80 >> (bit & 7)))


# --- Resolution: the Python mirror of postcode.js, for tests and for checking a build. ---


def _authorities(shard: dict[str, Any], indexes: Iterable[int]) -> list[dict[str, str]]:
    return [dict(zip(("gss", "id", "name"), shard["la"][i], strict=True)) for i in indexes]


def resolve(text: str, index: dict[str, Any], load: Callable[[str], dict[str, Any] | None]) -> dict[str, Any]:
    """What postcode.js answers for typed text: status, kind, query and authorities.

    status: ``found`` (one authority), ``choice`` (several: an outward code or sector spanning them),
    ``unknown`` (postcode shape, but not in the directory), ``invalid`` (not a UK postcode),
    ``outside`` (Channel Islands, Isle of Man), ``not-covered`` (this copy ships no shard for the area).
    `load(area)` returns the shard of an area (or None).
    """
    parsed = parse(text)
    result: dict[str, Any] = {"status": "invalid", "kind": parsed.kind, "query": parsed.text, "authorities": []}
    if parsed.kind == "invalid":
        return result
    if parsed.area in index["outside"]:
        return {**result, "status": "outside"}
    if parsed.area not in index["all"]:
        return {**result, "status": "unknown"}
    if parsed.area not in index["areas"]:
        return {**result, "status": "not-covered"}
    shard = load(parsed.area)
    district = shard["d"].get(parsed.outward) if shard else None
    if shard is None or district is None:
        return {**result, "status": "unknown"}
    result["district"] = _authorities(shard, district["la"])
    if parsed.kind == "outward":
        found = district["la"]
    else:
        sector = district["s"].get(parsed.sector)
        if sector is None:
            return {**result, "status": "unknown"}
        if parsed.kind == "sector":
            found = [sector[0]] + [sector[i] for i in range(2, len(sector), 2)]
        elif not has_unit(sector[1], parsed.unit):
            return {**result, "status": "unknown"}
        else:
            found = [sector[0]]
            for i in range(2, len(sector), 2):
                units = sector[i + 1]
                if any(units[j : j + 2] == parsed.unit for j in range(0, len(units), 2)):
                    found = [sector[i]]
    result["authorities"] = _authorities(shard, found)
    result["status"] = "found" if len(found) == 1 else "choice"
    return result


def read_index(data_dir: Path) -> dict[str, Any] | None:
    """data/postcodes/index.json, or None when this copy has no postcode data."""
    path = data_dir / DATA_FOLDER / "index.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def ship_postcodes(data_dir: Path, site_dir: Path, authority_gss: set[str]) -> dict[str, int]:
    """Copy into site/postcode/ the shards whose area holds one of this copy's authorities.

    The shipped index lists only those areas, so a postcode elsewhere is answered "not covered"
    (with the nation's lines) instead of linking to pages this copy does not have. Returns bytes
    per file written.
    """
    index = read_index(data_dir)
    if index is None:
        return {}
    source, out = data_dir / DATA_FOLDER, site_dir / SITE_FOLDER
    out.mkdir(parents=True, exist_ok=True)
    sizes: dict[str, int] = {}
    shipped = []
    for area in index["areas"]:
        shard_text = (source / f"{area}.json").read_text(encoding="utf-8")
        if any(gss in authority_gss for gss, *_ in json.loads(shard_text)["la"]):
            (out / f"{area}.json").write_text(shard_text, encoding="utf-8")
            sizes[f"{area}.json"] = len(shard_text.encode("utf-8"))
            shipped.append(area)
    text = json.dumps({**index, "areas": shipped}, ensure_ascii=False, separators=(",", ":"))
    (out / "index.json").write_text(text, encoding="utf-8")
    sizes["index.json"] = len(text.encode("utf-8"))
    return sizes
