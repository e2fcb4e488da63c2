"""`make bench`: build the site with N synthetic services and print what it costs.

Synthetic services are clones of the bundled ones with varied text, spread over synthetic
regions and local authorities (a national directory's shape), built in a temporary copy of the
project with the real config, theme and hooks. Figures are printed, never asserted.
"""

from __future__ import annotations

import gzip
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from ..data.read import load_yaml
from .chromium import CHROMIUM_ARGS, chromium_path
from .workspace import copy_project, served

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


def _templates(data: Path) -> dict[str, dict[str, Any]]:
    """The services in `data` to clone, by id."""
    found = {}
    for path in sorted((data / "services").glob("*.yaml")):
        src, problems = load_yaml(path, path.name)
        if not problems and isinstance(src.data, dict):
            found[path.stem] = src.data
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


WIDE = ("national", "england", "wales", "scotland", "northern-ireland")


def make_project(project: Path, dest: Path, count: int, seed: int = 1) -> None:
    """A copy of the project whose data/services holds `count` services: the bundled ones (legal
    records name them) moved onto synthetic places, then synthetic clones of them."""
    data = source_data(project)
    copy_project(project, dest, data)
    services = dest / "data" / "services"
    templates = _templates(data)
    shutil.rmtree(services)
    services.mkdir()
    tree, places = _areas(count)
    (dest / "data" / "areas.yaml").write_text(yaml.safe_dump(tree, sort_keys=False), encoding="utf-8")
    rng = random.Random(seed)

    def place(record: dict[str, Any]) -> list[str]:
        wide = [a for a in record["areas"] if a in WIDE]
        return wide or [rng.choice(places)]

    for record_id, record in templates.items():
        moved = {**record, "areas": place(record)}
        moved.pop("address", None)
        (services / f"{record_id}.yaml").write_text(yaml.safe_dump(moved, sort_keys=False, allow_unicode=True))
    originals = list(templates.values())
    for number in range(max(0, count - len(templates))):
        record = dict(originals[number % len(originals)])
        words = " ".join(rng.choice(WORDS) for _ in range(8))
        record["name"] = f"{record['name']} {number}"
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


def gz(path: Path) -> int:
    """Bytes of `path` as a server sends it with gzip."""
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def search_figures(site: Path, chromium: str) -> dict[str, float]:
    """What the first search and the first filter download (gzip), and how long until results.

    The search names a region ("refuge Region 3"), so it needs the core, the national shard and
    that region's shard; the filter picks a local authority in the same region.
    """
    from playwright.sync_api import sync_playwright

    fetched: dict[str, list[str]] = {"search": [], "filter": []}
    figures: dict[str, float] = {}
    with served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for kind, path in (("search", "search/"), ("filter", "services/")):
            page = browser.new_page()
            page.goto(url + path, wait_until="load")
            before = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
            start = page.evaluate("performance.now()")
            if kind == "search":
                page.fill("#wm-q", "refuge Region 3")
                page.locator("#wm-status", has_text=re.compile(r"\d+ results?|No results")).wait_for()
            else:
                page.select_option("#wm-f-area", "la-3-1")
                page.locator("#wm-f-status", has_text=re.compile(r"\d+ services? in|No services")).wait_for()
            done = page.evaluate("performance.now()")
            figures[f"{kind} ms"] = done - start
            entries = page.evaluate(
                "performance.getEntriesByType('resource').map(e => ({name: e.name, end: e.responseEnd}))"
            )
            new = [e for e in entries if e["name"] not in before]
            fetched[kind] = [e["name"].removeprefix(url) for e in new if not e["name"].endswith("favicon.png")]
            figures[f"{kind} ms after download"] = done - max((e["end"] for e in new), default=start)
            page.close()
        browser.close()
    for kind, names in fetched.items():
        figures[f"{kind} KB"] = sum(gz(site / name) for name in names) / 1024
        figures[f"{kind} files"] = len(names)
        print(f"  {kind} fetched: {', '.join(names)}")
    return figures


def page_type_paths(site: Path) -> dict[str, str]:
    """One page of each type in a built site (the first in name order)."""

    def first(folder: str) -> str:
        found = sorted(p.parent.relative_to(site).as_posix() for p in (site / folder).glob("*/index.html"))
        return found[0] + "/" if found else folder + "/"

    return {
        "home": "",
        "service": first("services"),
        "order": first("orders"),
        "housing duty": first("housing"),
        "NRPF route": first("nrpf"),
        "area": first("areas"),
        "category": first("categories"),
        "find a service": "services/",
        "search": "search/",
        "cover your tracks": "cover-your-tracks/",
    }


def page_weights(site: Path, chromium: str) -> dict[str, tuple[float, float, int]]:
    """Per page type: first-visit KB gzip, repeat-visit KB gzip, requests to other hosts.

    First visit: a fresh browser profile loads the page; every file it fetches counts, at the size
    a server sends with gzip. Repeat visit: the same profile then opens another page of the same
    type; only files it had not fetched yet count (the shared CSS and JavaScript are cached).
    """
    from urllib.parse import urlsplit

    from playwright.sync_api import Request, sync_playwright

    paths = page_type_paths(site)
    weights: dict[str, tuple[float, float, int]] = {}
    with served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        host = urlsplit(url).netloc
        for kind, path in paths.items():
            context = browser.new_context()
            seen: list[str] = []
            other: list[str] = []

            def note(request: Request, mine: list[str] = seen, others: list[str] = other) -> None:
                (mine if urlsplit(request.url).netloc == host else others).append(request.url)

            context.on("request", note)
            page = context.new_page()
            page.goto(url + path, wait_until="networkidle")
            first = {u.removeprefix(url) for u in seen}
            seen.clear()
            page.goto(url + path + "?again", wait_until="networkidle")
            repeat = {u.removeprefix(url).removesuffix("?again") for u in seen} - (first - {path})

            def kb(names: set[str]) -> float:
                files = [site / (n.split("?")[0] or "index.html") for n in names]
                files = [f / "index.html" if f.is_dir() else f for f in files]
                return sum(gz(f) for f in files if f.is_file()) / 1024

            weights[kind] = (kb(first), kb(repeat), len(other))
            context.close()
        browser.close()
    return weights


#: Postcode letters the lookup is timed with: England (B, L), Wales (C), Scotland (E), NI (B).
POSTCODE_LETTERS = ("B", "C", "E", "L")
POSTCODE_SAMPLE = 12


def _postcode_sizes(folder: Path) -> tuple[int, int, int, int]:
    """Files, bytes raw, bytes gzip, largest file gzip, of a site/postcode/ folder."""
    files = sorted(folder.glob("*.json"))
    sized = [gz(f) for f in files]
    return len(files), sum(f.stat().st_size for f in files), sum(sized), max(sized, default=0)


def postcode_figures(project: Path, chromium: str) -> None:
    """Print what the postcode box adds to a site and costs a person, on the bundled data.

    Sizes: the whole-UK copy, and the regional copy of the region with most local services (what a
    regional organisation ships). Lookup: real postcodes from the pinned ONS release typed into the
    home page's box in a fresh browser each time; fetched bytes (gzip) and the time from the last
    postcode file arriving to the council's page being asked for.
    """
    from playwright.sync_api import Request, sync_playwright

    from ..data.catalogue import load_catalogue
    from ..features.postcode.lookup import ship_postcodes
    from .areas_source import read_postcodes

    with tempfile.TemporaryDirectory(prefix="waymark-bench-postcode-") as tmp:
        (Path(tmp) / "project").mkdir()
        copy = copy_project(project, Path(tmp) / "project")
        _build(copy)
        site = copy / "site"
        files, raw, packed, largest = _postcode_sizes(site / "postcode")
        print(
            f"postcode data, whole UK: {files} files, {raw / 1e6:.2f} MB raw, {packed / 1e3:.0f} KB gzip "
            f"added to site/; largest file {largest / 1e3:.1f} KB gzip"
        )
        catalogue = load_catalogue(copy / "data")
        regions = [a for a in catalogue.areas.values() if a.level == "region"]
        if regions:
            region = max(regions, key=lambda r: len(catalogue.services_in(r)))
            gss = {a.gss for a in region.descendants() if a.gss}
            regional = Path(tmp) / "regional"
            ship_postcodes(copy / "data", regional, gss)
            files, raw, packed, largest = _postcode_sizes(regional / "postcode")
            print(
                f"postcode data, regional copy ({region.name}, {len(gss)} councils): {files} files, "
                f"{raw / 1e3:.0f} KB raw, {packed / 1e3:.1f} KB gzip"
            )
        rng = random.Random(7)
        by_letter: dict[str, list[str]] = {}
        for postcode, _ in read_postcodes(POSTCODE_LETTERS):
            by_letter.setdefault(postcode[0], []).append(postcode)
        sample = [p for letter in sorted(by_letter) for p in rng.sample(by_letter[letter], 3)][:POSTCODE_SAMPLE]
        payloads: list[float] = []
        waits: list[float] = []
        with served(site) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            for postcode in sample:
                context = browser.new_context()
                page = context.new_page()
                page.goto(url, wait_until="load")
                arrived: list[tuple[str, float]] = []
                asked: list[float] = []

                def finished(request: Request, log: list[tuple[str, float]] = arrived) -> None:
                    if "/postcode/" in request.url:
                        log.append((request.url.removeprefix(url), time.perf_counter()))

                def started(request: Request, log: list[float] = asked) -> None:
                    if "/areas/" in request.url and request.is_navigation_request():
                        log.append(time.perf_counter())

                page.on("requestfinished", finished)
                page.on("request", started)
                page.fill("#wm-pc-go", postcode)
                page.click(".wm-postcode__go")
                page.wait_for_url("**/areas/**", timeout=15_000)
                payloads.append(sum(gz(site / name) for name, _ in arrived) / 1024)
                waits.append(1000 * (asked[0] - max(t for _, t in arrived)) if asked and arrived else float("nan"))
                context.close()
            browser.close()
    payloads.sort()
    waits.sort()
    print(
        f"postcode lookup ({len(sample)} real postcodes, {', '.join(sorted(by_letter))}): fetched "
        f"{payloads[len(payloads) // 2]:.1f} KB gzip median, {payloads[-1]:.1f} KB max (budget 60); "
        f"council page asked for {waits[len(waits) // 2]:.0f} ms median, {waits[-1]:.0f} ms max "
        f"after the last byte (budget 300)"
    )


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
            if count == max(sizes):
                search = search_figures(site, chromium_path())
                weights = page_weights(site, chromium_path())
        r = results[count]
        print(
            f"{count:>9,} {r['seconds']:>8.1f} {1000 * r['seconds'] / count:>10.2f} "
            f"{r['peak'] / 1e6:>8.0f} {r['bytes'] / 1e6:>8.1f} {pages:>7,}",
            flush=True,
        )
    print(
        f"first search at {max(sizes):,} services: {search['search KB']:.0f} KB gzip in "
        f"{search['search files']:.0f} files, results {search['search ms']:.0f} ms after typing, "
        f"{search['search ms after download']:.0f} ms after the last byte"
    )
    print(
        f"first filter at {max(sizes):,} services: {search['filter KB']:.0f} KB gzip in "
        f"{search['filter files']:.0f} files, results {search['filter ms']:.0f} ms after choosing, "
        f"{search['filter ms after download']:.0f} ms after the last byte"
    )
    print(f"page weight at {max(sizes):,} services (gzip; goal <= 90 KB first visit, 0 other hosts):")
    print(f"  {'page type':<18} {'first KB':>9} {'repeat KB':>10} {'other hosts':>12}")
    for kind, (first_kb, repeat_kb, other) in weights.items():
        print(f"  {kind:<18} {first_kb:>9.1f} {repeat_kb:>10.1f} {other:>12}")
    if len(sizes) >= 2:
        small, large = min(sizes), max(sizes)
        ratio = results[large]["seconds"] / results[small]["seconds"]
        print(f"{large:,}/{small:,} build time ratio: {ratio:.1f} (linear would be {large / small:.0f})")
    postcode_figures(project, chromium_path())
    return results
