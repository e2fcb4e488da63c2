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

import re
from pathlib import Path

import yaml

from .catalogue import load_catalogue
from .validate import ID_PATTERN

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


def start_region(project: Path, region_id: str, region_name: str, nation_id: str) -> list[str]:
    """Make `project` a regional copy; returns what was done, one line each."""
    if not ID_PATTERN.match(region_id):
        raise NewRegionError(f"ID: expected lowercase words joined by hyphens; found {region_id!r}")
    if not region_name.strip():
        raise NewRegionError("NAME: expected the region's name; found nothing")
    data_dir = project / "data"
    new_areas = areas_yaml(data_dir, region_id, region_name, nation_id)
    config = project / "mkdocs.yml"
    settings = f"    region: {{name: {region_name}, area: {region_id}, jurisdiction: {nation_id}}}"
    text = config.read_text(encoding="utf-8")
    if not REGION_LINE.search(text):
        raise NewRegionError("mkdocs.yml: expected a `region:` line under extra.waymark (see the bundled file)")
    removed = local_services(data_dir)
    done = []
    for path in removed:
        path.unlink()
        done.append(f"removed local service {path.relative_to(project)}")
    (data_dir / "areas.yaml").write_text(new_areas, encoding="utf-8")
    done.append(f"data/areas.yaml: one region, {region_id} ({region_name}), under {nation_id}")
    config.write_text(REGION_LINE.sub(settings, text, count=1), encoding="utf-8")
    done.append(f"mkdocs.yml: {settings.strip()}")
    return done
