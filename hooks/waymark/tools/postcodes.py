"""Make the postcode lookup files from the pinned ONS Postcode Directory (`make areas`).

Writes data/postcodes/<AREA>.json and index.json in the format features/postcode/lookup.py
documents and the browser reads; see tools/areas_source.py for the release and its licence.

Run ``PYTHONPATH=hooks python -m waymark.tools.postcodes --out data/postcodes [--areas LS,BD]``.
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
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..features.postcode.lookup import FORMAT_VERSION, OUTSIDE_AREAS, SHARD_BUDGET_GZIP, unit_bit
from .areas_source import (
    ONSPD_ATTRIBUTION,
    PACKAGE_ATTRIBUTION,
    POSTCODE_RE,
    AreaTree,
    area_tree,
    place_authorities,
    read_ons_2021_lookup,
    read_postcodes,
)


def encode_units(units: Iterable[str]) -> str:
    """The 400-bit set of units, as base64 without padding (67 characters)."""
    bits = bytearray(50)
    for unit in units:
        bit = unit_bit(unit)
        bits[bit >> 3] |= 0x80 >> (bit & 7)
    return base64.b64encode(bytes(bits)).decode("ascii").rstrip("=")


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
        for suffix in (".json",):
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
    out: Path,
    shards: dict[str, dict[str, Any]],
    index: dict[str, Any],
    prefix: str = "postcode/",
    scripts: bool = False,
) -> BuildStats:
    """Write each shard and the index as JSON (and script) into `out`; returns their sizes."""
    out.mkdir(parents=True, exist_ok=True)
    stats = BuildStats()
    for name, data in [*((f"{area}.json", shard) for area, shard in shards.items()), ("index.json", index)]:
        for file_name, text in {name: to_json(data)}.items():
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
    out: Path, areas: Iterable[str] | None = None, postcodes: list[tuple[str, str]] | None = None
) -> tuple[BuildStats, dict[str, dict[str, Any]], dict[str, Any]]:
    """Read the pinned release and write every shard (or those of `areas`) and the index.

    `postcodes` is what `read_postcodes()` gives, when the caller has read it already.
    """
    start = time.perf_counter()
    postcodes = postcodes if postcodes is not None else list(read_postcodes())
    lookup = read_ons_2021_lookup()
    tree = area_tree(place_authorities({gss for _, gss in postcodes}, lookup), lookup)
    every_area = {m.group(1) for m in (POSTCODE_RE.match(p) for p, _ in postcodes) if m}
    shards = build_shards(postcodes, authority_names(tree), areas)
    index = index_file(shards, every_area, tree.release.describe())
    stats = write_files(out, shards, index)
    stats.seconds = time.perf_counter() - start
    return stats, shards, index


def main(argv: list[str] | None = None) -> int:
    """Command line: build the shards into --out and print their sizes."""
    parser = argparse.ArgumentParser(prog="python -m waymark.tools.postcodes", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder to write <AREA>.json/.js and index.json/.js")
    parser.add_argument("--areas", help="only these postcode areas, comma-separated (e.g. LS,BD,HX,HD,WF)")
    parser.add_argument("--areas-yaml", type=Path, help="only the areas holding postcodes of this file's authorities")
    args = parser.parse_args(argv)
    areas: set[str] | None = None
    if args.areas:
        areas = {a.strip().upper() for a in args.areas.split(",") if a.strip()}
    if args.areas_yaml:
        wanted = areas_for_authorities(read_postcodes(), gss_in_yaml(args.areas_yaml))
        areas = wanted if areas is None else areas | wanted
    stats, shards, _ = build(args.out, areas)
    print(stats.summary())
    over = {name: size for name, (_, size) in stats.shards().items() if size > SHARD_BUDGET_GZIP}
    if over:
        print(f"over the {SHARD_BUDGET_GZIP:,} B gzip budget: {over}", file=sys.stderr)
        return 1
    print(f"{len(shards)} areas: {' '.join(sorted(shards))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
