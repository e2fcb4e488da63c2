"""`make bench`: build the site with N synthetic services and print what it costs.

Synthetic services are clones of the bundled ones with varied text, spread over synthetic
regions and local authorities (a national directory's shape), built in a temporary copy of the
project with the real config, theme and hooks. Figures are printed, never asserted.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from .loader import load_yaml

WORDS = [
    "advice",
    "support",
    "safety",
    "housing",
    "court",
    "family",
    "children",
    "refuge",
    "outreach",
    "helpline",
    "legal",
    "counselling",
    "advocacy",
    "recovery",
    "young",
    "older",
    "deaf",
    "disabled",
    "migrant",
    "women",
    "men",
    "community",
]
REGIONS_PER_1000 = 5
AUTHORITIES_PER_REGION = 6


def source_data(project: Path) -> Path:
    """The data folder to clone: the bundled data, or the test fixtures if it has no services."""
    bundled = project / "data"
    if any((bundled / "services").glob("*.yaml")):
        return bundled
    return project / "tests" / "fixtures" / "data"


def _templates(data: Path) -> list[dict[str, Any]]:
    """The services in `data` to clone."""
    found = []
    for path in sorted((data / "services").glob("*.yaml")):
        src, problems = load_yaml(path, path.name)
        if not problems and isinstance(src.data, dict):
            found.append(src.data)
    if not found:
        raise SystemExit(f"no services to clone in {data}")
    return found


def _areas(count: int) -> tuple[dict[str, Any], list[str]]:
    """A synthetic England with `count` services' worth of regions and local authorities."""
    regions = max(1, count * REGIONS_PER_1000 // 1000)
    tree = {
        "national": {"id": "national", "name": "Whole UK"},
        "nations": [
            {
                "id": "england",
                "name": "England",
                "jurisdiction": "england",
                "regions": [
                    {
                        "id": f"region-{r}",
                        "name": f"Region {r}",
                        "local_authorities": [
                            {"id": f"la-{r}-{a}", "name": f"Authority {r}.{a}"} for a in range(AUTHORITIES_PER_REGION)
                        ],
                    }
                    for r in range(regions)
                ],
            },
            {"id": "wales", "name": "Wales", "jurisdiction": "wales"},
            {"id": "scotland", "name": "Scotland", "jurisdiction": "scotland"},
            {"id": "northern-ireland", "name": "Northern Ireland", "jurisdiction": "northern-ireland"},
        ],
    }
    local = [f"la-{r}-{a}" for r in range(regions) for a in range(AUTHORITIES_PER_REGION)]
    return tree, local + [f"region-{r}" for r in range(regions)]


def copy_project(project: Path, dest: Path, data: Path | None = None) -> Path:
    """A throwaway copy of the project (config, docs, theme, hooks), optionally with other data."""
    for name in ("mkdocs.yml", "docs", "overrides", "hooks"):
        src = project / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    shutil.copytree(data or project / "data", dest / "data")
    return dest


def make_project(project: Path, dest: Path, count: int, seed: int = 1) -> None:
    """A copy of the project whose data/services holds `count` synthetic services."""
    data = source_data(project)
    copy_project(project, dest, data)
    services = dest / "data" / "services"
    templates = _templates(data)
    shutil.rmtree(services)
    services.mkdir()
    tree, places = _areas(count)
    (dest / "data" / "areas.yaml").write_text(yaml.safe_dump(tree, sort_keys=False), encoding="utf-8")
    rng = random.Random(seed)
    for number in range(count):
        record = dict(templates[number % len(templates)])
        words = " ".join(rng.choice(WORDS) for _ in range(8))
        record["name"] = f"{record['name']} {number}"
        record["summary"] = f"{words.capitalize()}. {record['summary']}"[:300]
        record["description"] = f"{words}. " + str(record.get("description") or record["summary"])
        record["areas"] = [rng.choice(places)]
        record["jurisdictions"] = ["england"]
        record.pop("address", None)
        with open(services / f"synthetic-{number:05d}.yaml", "w", encoding="utf-8") as out:
            yaml.safe_dump(record, out, sort_keys=False, allow_unicode=True)


def _build(project: Path) -> tuple[float, int]:
    """Seconds and peak resident memory (bytes) of one strict build in a child process."""
    env = {**os.environ, "PYTHONPATH": str(project / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "waymark", "build"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"build failed:\n{child.stderr.read().decode() if child.stderr else ''}")
    return seconds, usage.ru_maxrss * 1024


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def run(project: Path, sizes: list[int]) -> dict[int, dict[str, float]]:
    """Build each size once and print a table; returns the figures."""
    results: dict[int, dict[str, float]] = {}
    print(f"{'services':>9} {'build s':>8} {'ms/record':>10} {'peak MB':>8} {'site MB':>8} {'pages':>7}")
    for count in sizes:
        with tempfile.TemporaryDirectory(prefix="waymark-bench-") as tmp:
            copy = Path(tmp)
            make_project(project, copy, count)
            seconds, peak = _build(copy)
            site = copy / "site"
            pages = sum(1 for _ in site.rglob("index.html"))
            results[count] = {"seconds": seconds, "peak": peak, "bytes": _size(site), "pages": pages}
        r = results[count]
        print(
            f"{count:>9,} {r['seconds']:>8.1f} {1000 * r['seconds'] / count:>10.2f} "
            f"{r['peak'] / 1e6:>8.0f} {r['bytes'] / 1e6:>8.1f} {pages:>7,}",
            flush=True,
        )
    if len(sizes) >= 2:
        small, large = min(sizes), max(sizes)
        ratio = results[large]["seconds"] / results[small]["seconds"]
        print(f"{large:,}/{small:,} build time ratio: {ratio:.1f} (linear would be {large / small:.0f})")
    return results
