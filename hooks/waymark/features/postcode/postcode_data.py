"""Browser lookup files for "which local authority is this postcode in?", resolved on the device.

One shard per postcode AREA (the letters: ``LS``, ``G``, ``BT``): the browser fetches only the shard of
the area typed, so the server learns the area letters and nothing more. Built from the same pinned
ONS Postcode Directory as data/areas.yaml (see waymark.tools.areas_source).

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

Run ``PYTHONPATH=hooks python -m waymark.features.postcode.postcode_data --out DIR [--areas LS,BD]``.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from waymark.tools.areas_source import (
    ONSPD_ATTRIBUTION,
    PACKAGE_ATTRIBUTION,
    POSTCODE_RE,
    AreaTree,
    area_tree,
    place_authorities,
    read_ons_2021_lookup,
    read_postcodes,
)

FORMAT_VERSION = 1
#: Letters used in the last two characters of a postcode (never C, I, K, M, O, V).
UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
#: Postcode areas with postcodes but no UK local authority: Guernsey, Jersey (Channel Islands), Isle of Man.
OUTSIDE_AREAS = ("GY", "IM", "JE")
#: Each shard must stay under this many bytes once gzipped.
SHARD_BUDGET_GZIP = 60 * 1024
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


def encode_units(units: Iterable[str]) -> str:
    """The 400-bit set of units, as base64 without padding (67 characters)."""
    bits = bytearray(50)
    for unit in units:
        bit = unit_bit(unit)
        bits[bit >> 3] |= 0x80 >> (bit & 7)
    return base64.b64encode(bytes(bits)).decode("ascii").rstrip("=")


def has_unit(encoded: str, unit: str) -> bool:
    """Whether a unit is in an encoded set."""
    bit = unit_bit(unit)
    if bit < 0:
        return False
    bits = base64.b64decode(encoded + "=" * (-len(encoded) % 4))
    return bool(bits[bit >> 3] & (0x80 >> (bit & 7)))


def build_shards(
    postcodes: Iterable[tuple[str, str]],
    names: dict[str, tuple[str, str]],
    areas: Iterable[str] | None = None,
) -> dict[str, dict[str, Any]]:
    """Shards by postcode area from (postcode without spaces, GSS code) pairs.

    `names` maps each GSS code to (area id, name). `areas` keeps only those postcode areas.
    """
    keep = {a.upper() for a in areas} if areas is not None else None
    # area -> district -> sector digit -> unit -> gss
    tree: dict[str, dict[str, dict[str, dict[str, str]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(dict)))
    for postcode, gss in postcodes:
        match = POSTCODE_RE.match(postcode)
        if match is None:
            continue
        area, rest, digit, unit = match.groups()
        if keep is not None and area not in keep:
            continue
        tree[area][area + rest][digit][unit] = gss
    shards = {}
    for area in sorted(tree):
        per_la = Counter(
            gss for district in tree[area].values() for sector in district.values() for gss in sector.values()
        )
        order = [gss for gss, _ in sorted(per_la.items(), key=lambda item: (-item[1], item[0]))]
        index = {gss: i for i, gss in enumerate(order)}
        districts: dict[str, Any] = {}
        for outward in sorted(tree[area], key=_district_order):
            sectors = tree[area][outward]
            in_district = Counter(gss for sector in sectors.values() for gss in sector.values())
            entry: dict[str, Any] = {
                "la": [
                    index[gss] for gss, _ in sorted(in_district.items(), key=lambda item: (-item[1], index[item[0]]))
                ]
            }
            entry["s"] = {digit: _sector(sectors[digit], index) for digit in sorted(sectors)}
            districts[outward] = entry
        shards[area] = {
            "v": FORMAT_VERSION,
            "area": area,
            "la": [[gss, *names[gss]] for gss in order],
            "d": districts,
        }
    return shards


def _district_order(outward: str) -> tuple[int, str]:
    digits = re.search(r"[0-9]+", outward)
    return (int(digits.group(0)) if digits else 0, outward)


def _sector(units: dict[str, str], index: dict[str, int]) -> list[Any]:
    counts = Counter(units.values())
    default = max(counts, key=lambda gss: (counts[gss], -index[gss]))
    value: list[Any] = [index[default], encode_units(units)]
    for gss in sorted(counts, key=lambda g: index[g]):
        if gss != default:
            value.extend([index[gss], "".join(sorted(u for u, g in units.items() if g == gss))])
    return value


def index_file(shipped: Iterable[str], every_area: Iterable[str], release: str) -> dict[str, Any]:
    """index.json: which shards this copy ships, which areas exist at all, and the attribution."""
    return {
        "v": FORMAT_VERSION,
        "release": release,
        "areas": sorted(shipped),
        "all": sorted(every_area),
        "outside": list(OUTSIDE_AREAS),
        "attribution": ONSPD_ATTRIBUTION,
        "package_attribution": PACKAGE_ATTRIBUTION,
    }


def to_json(data: Any) -> str:
    """Compact JSON, as shipped."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def to_script(key: str, data: Any) -> str:
    """The script form of a file for file:// pages: hands the data to window.WaymarkData[key]."""
    return f"(window.WaymarkData=window.WaymarkData||{{}})[{json.dumps(key)}]={to_json(data)};\n"


@dataclass
class BuildStats:
    """Sizes of what was written (bytes), and how long the build took (seconds)."""

    files: dict[str, tuple[int, int]] = field(default_factory=dict)  # name -> (raw, gzip)
    seconds: float = 0.0

    def shards(self, suffix: str = ".json") -> dict[str, tuple[int, int]]:
        """Shard files only (not the index), of one form."""
        return {k: v for k, v in self.files.items() if k.endswith(suffix) and not k.startswith("index.")}

    def summary(self) -> str:
        """Counts, largest shard and totals for both forms."""
        lines = [f"built in {self.seconds:.1f} s"]
        for suffix in (".json", ".js"):
            shards = self.shards(suffix)
            if not shards:
                continue
            largest = max(shards.items(), key=lambda item: item[1][1])
            raw = sum(v[0] for v in shards.values())
            gz = sum(v[1] for v in shards.values())
            lines.append(
                f"{suffix}: {len(shards)} shards, total {raw:,} B raw / {gz:,} B gzip, "
                f"largest {largest[0]} {largest[1][0]:,} B raw / {largest[1][1]:,} B gzip"
            )
        return "\n".join(lines)


def write_files(
    out: Path, shards: dict[str, dict[str, Any]], index: dict[str, Any], prefix: str = "postcode/", scripts: bool = True
) -> BuildStats:
    """Write each shard and the index as JSON (and script) into `out`; returns their sizes."""
    out.mkdir(parents=True, exist_ok=True)
    stats = BuildStats()
    for name, data in [*((f"{area}.json", shard) for area, shard in shards.items()), ("index.json", index)]:
        forms = {name: to_json(data)}
        if scripts:
            forms[name[: -len(".json")] + ".js"] = to_script(prefix + name, data)
        for file_name, text in forms.items():
            raw = text.encode("utf-8")
            (out / file_name).write_bytes(raw)
            stats.files[file_name] = (len(raw), len(gzip.compress(raw, compresslevel=9, mtime=0)))
    return stats


def authority_names(tree: AreaTree) -> dict[str, tuple[str, str]]:
    """GSS code -> (area id, name) for every local authority in the tree."""
    out: dict[str, tuple[str, str]] = {}

    def visit(entry: dict[str, Any]) -> None:
        for la in entry.get("local_authorities") or []:
            out[la["gss"]] = (la["id"], la["name"])
        for key in ("regions", "counties"):
            for child in entry.get(key) or []:
                visit(child)

    for nation in tree.data["nations"]:
        visit(nation)
    return out


def areas_for_authorities(postcodes: Iterable[tuple[str, str]], gss_codes: set[str]) -> set[str]:
    """Postcode areas with at least one postcode in one of these authorities (for a regional copy)."""
    found = set()
    for postcode, gss in postcodes:
        if gss in gss_codes:
            match = POSTCODE_RE.match(postcode)
            if match:
                found.add(match.group(1))
    return found


def gss_in_yaml(path: Path) -> set[str]:
    """Every local authority GSS code in an areas.yaml (a regional copy's own)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    found: set[str] = set()

    def visit(entry: Any) -> None:
        if not isinstance(entry, dict):
            return
        for la in entry.get("local_authorities") or []:
            if isinstance(la, dict) and isinstance(la.get("gss"), str):
                found.add(la["gss"])
        for key in ("regions", "counties"):
            for child in entry.get(key) or []:
                visit(child)

    for nation in data.get("nations") or []:
        visit(nation)
    return found


def build(
    out: Path, areas: Iterable[str] | None = None, prefix: str = "postcode/", scripts: bool = True
) -> tuple[BuildStats, dict[str, dict[str, Any]], dict[str, Any]]:
    """Read the pinned release and write every shard (or those of `areas`) and the index."""
    start = time.perf_counter()
    postcodes = list(read_postcodes())
    lookup = read_ons_2021_lookup()
    tree = area_tree(place_authorities({gss for _, gss in postcodes}, lookup), lookup)
    every_area = {m.group(1) for m in (POSTCODE_RE.match(p) for p, _ in postcodes) if m}
    shards = build_shards(postcodes, authority_names(tree), areas)
    index = index_file(shards, every_area, tree.release.describe())
    stats = write_files(out, shards, index, prefix, scripts)
    stats.seconds = time.perf_counter() - start
    return stats, shards, index


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


def main(argv: list[str] | None = None) -> int:
    """Command line: build the shards into --out and print their sizes."""
    parser = argparse.ArgumentParser(
        prog="python -m waymark.features.postcode.postcode_data", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--out", type=Path, required=True, help="folder to write <AREA>.json/.js and index.json/.js")
    parser.add_argument("--areas", help="only these postcode areas, comma-separated (e.g. LS,BD,HX,HD,WF)")
    parser.add_argument("--areas-yaml", type=Path, help="only the areas holding postcodes of this file's authorities")
    parser.add_argument("--prefix", default="postcode/", help="path of the folder in the site (script keys)")
    parser.add_argument("--no-scripts", action="store_true", help="JSON only (no file:// script form)")
    args = parser.parse_args(argv)
    areas: set[str] | None = None
    if args.areas:
        areas = {a.strip().upper() for a in args.areas.split(",") if a.strip()}
    if args.areas_yaml:
        wanted = areas_for_authorities(read_postcodes(), gss_in_yaml(args.areas_yaml))
        areas = wanted if areas is None else areas | wanted
    stats, shards, _ = build(args.out, areas, args.prefix, not args.no_scripts)
    print(stats.summary())
    over = {name: size for name, (_, size) in stats.shards().items() if size > SHARD_BUDGET_GZIP}
    if over:
        print(f"over the {SHARD_BUDGET_GZIP:,} B gzip budget: {over}", file=sys.stderr)
        return 1
    print(f"{len(shards)} areas: {' '.join(sorted(shards))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
