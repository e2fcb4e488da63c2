"""Start a regional copy: keep the national content, empty the local services, name the region.

`make new-region ID=west-of-england NAME="West of England" NATION=england` in a fresh copy of the
repository (a fork or a clone) does three things and prints each:
1. removes every service that covers only places inside a region (national and nation-wide
   services, orders, housing duties, NRPF routes and guides stay);
2. rewrites data/areas.yaml with the nations and one new, empty region under NATION (add its
   local authorities next);
3. sets `extra.waymark.region` in mkdocs.yml to the new region.
Nothing else changes; git shows exactly what it did and can undo it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from ..build.settings import Settings, SettingsError
from ..data.catalogue import load_catalogue
from ..data.places import read_areas
from ..data.read import SourceFile
from ..data.schema import id_problem

REGION_LINE = re.compile(r"^    # region: .*$|^    region: .*$", re.MULTILINE)


class NewRegionError(ValueError):
    """The new region's settings are unusable."""


def local_services(data_dir: Path) -> list[Path]:
    """Service files whose areas are all regions or local authorities."""
    catalogue = load_catalogue(data_dir)
    return [
        data_dir / "services" / f"{service.id}.yaml" for service in catalogue.services if not catalogue.is_wide(service)
    ]


def areas_yaml(data_dir: Path, region_id: str, region_name: str, nation_id: str) -> str:
    """data/areas.yaml with every existing region removed and the new one added under its nation."""
    data = yaml.safe_load((data_dir / "areas.yaml").read_text(encoding="utf-8"))
    nations = {n["id"]: n for n in data["nations"]}
    if nation_id not in nations:
        raise NewRegionError(f"NATION: expected one of {', '.join(nations)}; found {nation_id!r}")
    for nation in data["nations"]:
        nation["regions"] = []
    nations[nation_id]["regions"] = [{"id": region_id, "name": region_name, "local_authorities": []}]
    head = (
        "# Areas a service can cover. `national` means the whole UK.\n"
        "# Nations contain regions; regions contain local authorities. Every id is unique.\n"
        f"# Add {region_name}'s local authorities under local_authorities, e.g.\n"
        "#   - id: bristol\n#     name: Bristol\n"
    )
    return head + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


class _MkDocsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as YAML, keeping MkDocs' own tags (!ENV, !relative) as plain values."""


_MkDocsLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _write(path: Path, text: str) -> None:
    """Replace a file whole (temporary file, then rename)."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def start_region(project: Path, region_id: str, region_name: str, nation_id: str) -> list[str]:
    """Make `project` a regional copy; returns what was done, one line each.

    Everything new is made and checked first (the areas file, the settings, mkdocs.yml as YAML);
    only then are files written and local services removed, so a refusal changes nothing.
    """
    if id_problem(region_id):
        raise NewRegionError(f"ID: expected {id_problem(region_id)}; found {region_id!r}")
    if not region_name.strip() or "\n" in region_name:
        raise NewRegionError(f"NAME: expected the region's name on one line; found {region_name!r}")
    data_dir = project / "data"
    new_areas = areas_yaml(data_dir, region_id, region_name, nation_id)
    areas, problems = read_areas(SourceFile(data_dir / "areas.yaml", "data/areas.yaml", yaml.safe_load(new_areas)))
    if problems:
        raise NewRegionError("the new data/areas.yaml would not be valid:\n" + "\n".join(f"  {p}" for p in problems))
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
    removed = local_services(data_dir)
    _write(data_dir / "areas.yaml", new_areas)
    _write(config, new_config)
    done = [f"removed local service {path.relative_to(project)}" for path in removed]
    for path in removed:
        path.unlink()
    done.append(f"data/areas.yaml: one region, {region_id} ({region_name}), under {nation_id}")
    done.append(f"mkdocs.yml: {settings.strip()}")
    return done
