"""Start a regional copy: keep the national content, keep only the region's local services, name the region.

`make new-region ID=west-of-england NAME="West of England" NATION=england [AREAS=bristol,...]` in a
fresh copy of the repository (a fork or a clone) does this and prints each step:
1. the region: an existing region, county or local authority of NATION is used as it is
   (`ID=west-yorkshire`); a new id becomes a region of NATION in data/areas.yaml, holding the
   local authorities AREAS names (moved from where they were). Every other UK place stays, so a
   postcode from anywhere still finds its council and its nation's lines;
2. removes every local service that covers no place in the region (national and nation-wide
   services, the local layer of council homelessness routes, SARCs and Rape Crisis centres,
   orders, housing duties, NRPF routes and guides stay), and their best-bet entries in
   data/phrases.yaml;
3. sets `extra.waymark.region` in mkdocs.yml to the region.
All of it is checked in a scratch copy first: a copy that would not build is refused, and nothing
changes. Git shows exactly what it did and can undo it.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from ..data.catalogue import load_catalogue
from ..data.places import read_areas
from ..data.problems import DataError
from ..data.read import SourceFile
from ..data.schema import id_problem
from ..settings import Settings, SettingsError
from .areas_yaml import areas_text

REGION_LINE = re.compile(r"^    # region: .*$|^    region: .*$", re.MULTILINE)


class NewRegionError(ValueError):
    """The new region's settings are unusable."""


def _places(entry: dict[str, Any]) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Every place below `entry` in an areas.yaml tree, with the list that holds it."""
    for key in ("nations", "regions", "counties", "local_authorities"):
        for child in entry.get(key) or []:
            yield child, entry[key]
            yield from _places(child)


def areas_yaml(text: str, region_id: str, region_name: str, nation_id: str, authorities: list[str]) -> tuple[str, str]:
    """data/areas.yaml (`text`) for the regional copy, and what changed.

    Every UK place is kept, so a postcode from anywhere still finds its council and its nation's
    lines. An existing region, county or authority of NATION is used as it is; a new id becomes a
    region of NATION holding `authorities` (existing local authority ids, moved from where they were).
    """
    authorities = list(dict.fromkeys(authorities))  # a council named twice moves once
    data = yaml.safe_load(text)
    nations = {n["id"]: n for n in data["nations"]}
    if nation_id not in nations:
        raise NewRegionError(f"NATION: expected one of {', '.join(nations)}; found {nation_id!r}")
    nation = nations[nation_id]
    below = {place["id"]: (place, holder) for place, holder in _places(nation)}
    if region_id in below:
        if authorities:
            raise NewRegionError(f"AREAS: {region_id} is already a place in data/areas.yaml; leave AREAS out")
        return text, f"data/areas.yaml: unchanged; the region is {region_id}"
    if any(region_id == place["id"] for place, _ in _places(data)):
        raise NewRegionError(f"ID: expected a place in {nation_id} or a new id; found {region_id!r}, a place elsewhere")
    unknown = [a for a in authorities if a not in below or any(True for _ in _places(below[a][0]))]
    if unknown:
        raise NewRegionError(
            f"AREAS: expected local authority ids in {nation_id} from data/areas.yaml; found {', '.join(unknown)}"
        )
    moved = []
    for authority in authorities:
        place, holder = below[authority]
        holder.remove(place)
        moved.append(place)
    region = {"id": region_id, "name": region_name.strip(), "local_authorities": moved}
    nation.setdefault("regions", []).append(region)
    header = [line for line in text.splitlines() if line.startswith("#")]
    header.append(f"# {region_name.strip()} was added by `make new-region`; move local authorities into it as needed.")
    changed = f"data/areas.yaml: a new region, {region_id} ({region_name.strip()}), under {nation_id}"
    changed += f", holding {', '.join(authorities)}" if authorities else " (empty: move its local authorities into it)"
    return areas_text(data, header), changed


class _MkDocsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as YAML, keeping MkDocs' own tags (!ENV, !relative) as plain values."""


_MkDocsLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _write(path: Path, text: str) -> None:
    """Replace a file whole (temporary file, then rename)."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def _without_services(text: str, removed: set[str]) -> str:
    """data/phrases.yaml (or any file of `find: [...]` lists) without the removed services' pages."""
    for ident in removed:
        text = re.sub(rf"(\[|, )services/{re.escape(ident)}/(?=[,\]])", lambda m: "[" if m[1] == "[" else "", text)
    return text.replace("[, ", "[")


def start_region(
    project: Path, region_id: str, region_name: str, nation_id: str, authorities: list[str] | None = None
) -> list[str]:
    """Make `project` a regional copy; returns what was done, one line each.

    Everything new is made and checked first (the areas file, the settings, mkdocs.yml as YAML, and
    the whole data folder as it would be, in a scratch copy); only then are files written and local
    services removed, so a refusal changes nothing.
    """
    if id_problem(region_id):
        raise NewRegionError(f"ID: expected {id_problem(region_id)}; found {region_id!r}")
    if not region_name.strip() or any(unicodedata.category(c) in ("Cc", "Cf") for c in region_name):
        raise NewRegionError(f"NAME: expected the region's name on one line; found {region_name!r}")
    data_dir = project / "data"
    old_areas = (data_dir / "areas.yaml").read_text(encoding="utf-8")
    new_areas, areas_done = areas_yaml(old_areas, region_id, region_name, nation_id, authorities or [])
    areas, problems = read_areas(SourceFile(data_dir / "areas.yaml", "data/areas.yaml", yaml.safe_load(new_areas)))
    if problems:
        raise NewRegionError("the new data/areas.yaml would not be valid:\n" + "\n".join(f"  {p}" for p in problems))
    inside = {region_id, *(a.id for a in areas[region_id].descendants())}
    config = project / "mkdocs.yml"
    values = {"name": region_name.strip(), "area": region_id, "jurisdiction": nation_id}
    settings = "    region: {" + ", ".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in values.items()) + "}"
    text = config.read_text(encoding="utf-8")
    if not REGION_LINE.search(text):
        raise NewRegionError("mkdocs.yml: expected a `region:` line under extra.waymark (see the bundled file)")
    new_config = REGION_LINE.sub(lambda _: settings, text, count=1)
    extra = (yaml.load(new_config, Loader=_MkDocsLoader) or {}).get("extra") or {}
    if ((extra.get("waymark") or {}).get("region") or {}) != values:
        raise NewRegionError(f"mkdocs.yml: the new region line would not read back as {values}")
    try:
        Settings.from_extra(extra, set(areas))
    except SettingsError as err:
        raise NewRegionError(str(err)) from None

    catalogue = load_catalogue(data_dir)
    # The local layer (each council's homelessness route, SARCs, Rape Crisis centres: a `role`)
    # stays everywhere, so a postcode from anywhere still finds its council's door and its SARC.
    local = [s for s in catalogue.services if not catalogue.is_wide(s) and not s.data.get("role")]
    # A service covers the region if it lists a place in it, or a place that held one of its
    # councils before they moved (a county the region's councils came from still covers them).
    councils = [catalogue.areas[a] for a in inside if a in catalogue.areas]
    covering = inside | {up.id for council in councils for up in council.ancestors()}
    removed = sorted(s.id for s in local if not set(s.data["areas"]) & covering)
    phrases = data_dir / "phrases.yaml"
    old_phrases = phrases.read_text(encoding="utf-8") if phrases.is_file() else None
    new_phrases = _without_services(old_phrases, set(removed)) if old_phrases is not None else None
    with tempfile.TemporaryDirectory() as scratch:  # the data folder as it would be, checked whole
        trial = Path(scratch) / "data"
        shutil.copytree(data_dir, trial, ignore=shutil.ignore_patterns("postcodes"))
        (trial / "areas.yaml").write_text(new_areas, encoding="utf-8")
        if new_phrases is not None:
            (trial / "phrases.yaml").write_text(new_phrases, encoding="utf-8")
        for ident in removed:
            (trial / "services" / f"{ident}.yaml").unlink()
        try:
            load_catalogue(trial, schema_dir=data_dir / "schema" if (data_dir / "schema").is_dir() else None)
        except DataError as err:
            raise NewRegionError(
                "without the local services outside the region, data/ would not be valid; fix these first "
                f"(nothing was changed):\n{err}"
            ) from None

    if new_areas != old_areas:
        _write(data_dir / "areas.yaml", new_areas)
    if new_phrases is not None and new_phrases != old_phrases:
        _write(phrases, new_phrases)
    _write(config, new_config)
    done = []
    for ident in removed:
        (data_dir / "services" / f"{ident}.yaml").unlink()
        done.append(f"removed local service data/services/{ident}.yaml (it covers no place in {region_id})")
    kept = [s.id for s in local if s.id not in removed]
    if kept:
        done.append(f"kept {len(kept)} local service(s) in {region_id}: {', '.join(kept)}")
    done.append(areas_done)
    done.append(f"mkdocs.yml: {settings.strip()}")
    return done
