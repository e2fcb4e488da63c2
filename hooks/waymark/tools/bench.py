"""`make bench`: build the site with N synthetic services and print what it costs.

Synthetic services are clones of the bundled ones with varied text, spread over synthetic
regions and local authorities (a national directory's shape), built in a temporary copy of the
project with the real config, theme and hooks. Figures are printed, never asserted.
"""

from __future__ import annotations

import gzip
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..data.read import load_yaml
from .chromium import CHROMIUM_ARGS, chromium_path
from .workspace import copy_project, served

if TYPE_CHECKING:
    from playwright.sync_api import Browser

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
#: The coverage mix of a national directory, as the scaling issue measured it on real data: about a
#: third of services cover the whole UK or a nation (helplines, national charities), the rest a
#: region, county or council. Wide clones come from the bundled wide services, local ones from the
#: bundled local services, spread over the real places of data/areas.yaml.
WIDE_SHARE = 1 / 3
#: Of the local clones: a council, a county, a region.
LOCAL_LEVELS = (("local-authority", 0.7), ("county", 0.2), ("region", 0.1))


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


def coverage_mix(data: Path) -> dict[str, int]:
    """How many services of `data` cover each widest level (whole UK, nation, region, county, council)."""
    from ..data.catalogue import load_catalogue

    catalogue = load_catalogue(data)
    order = ["national", "nation", "region", "county", "local-authority"]
    mix = dict.fromkeys(order, 0)
    for service in catalogue.services:
        levels = [catalogue.areas[a].level for a in service.data["areas"]]
        mix[min(levels, key=order.index)] += 1
    return mix


def make_project(project: Path, dest: Path, count: int, seed: int = 1) -> None:
    """A copy of the project whose data/services holds `count` services: the bundled ones, then
    clones of them with varied names and text, WIDE_SHARE of them UK- or nation-wide and the rest
    on real regions, counties and councils (the council routes of data/councils stay as they are)."""
    data = source_data(project)
    copy_project(project, dest, data, languages=True)
    services = dest / "data" / "services"
    templates = _templates(data)
    areas_src, _ = load_yaml(dest / "data" / "areas.yaml", "areas.yaml")
    levels: dict[str, list[str]] = {}

    def walk(node: dict[str, Any], level: str) -> None:
        levels.setdefault(level, []).append(node["id"])
        for key, child in (("regions", "region"), ("counties", "county"), ("local_authorities", "local-authority")):
            for entry in node.get(key) or []:
                walk(entry, child)

    for nation in areas_src.data["nations"]:
        walk(nation, "nation")
    wide_ids = {"national", *levels["nation"]}
    wide = [r for r in templates.values() if set(r["areas"]) & wide_ids]
    local = [r for r in templates.values() if not set(r["areas"]) & wide_ids]
    rng = random.Random(seed)
    for number in range(max(0, count - len(templates))):
        is_wide = rng.random() < WIDE_SHARE or not local
        source = rng.choice(wide if is_wide else local)
        record = dict(source)
        words = " ".join(rng.choice(WORDS) for _ in range(8))
        record["name"] = f"{record['name']} {number}"
        record["description"] = f"{words}. " + str(record.get("description") or record["summary"])
        if not is_wide:
            level = rng.choices([lv for lv, _ in LOCAL_LEVELS], [w for _, w in LOCAL_LEVELS])[0]
            record["areas"] = [rng.choice(levels.get(level) or levels["local-authority"])]
        record.pop("address", None)
        record.pop("role", None)  # one door per place: clones are ordinary services
        with open(services / f"synthetic-{number:05d}.yaml", "w", encoding="utf-8") as out:
            yaml.safe_dump(record, out, sort_keys=False, allow_unicode=True)


def make_bare_project(project: Path, dest: Path, count: int) -> None:
    """A bare MkDocs + Material site with the same services as pages (the yardstick): the theme's
    defaults (its search plugin on), one Markdown page per service, out of the nav as Waymark's are."""
    copy = dest.parent / "bench-source"
    copy.mkdir()
    make_project(project, copy, count)
    docs = dest / "docs" / "services"
    docs.mkdir(parents=True)
    (dest / "docs" / "index.md").write_text("# Services\n", encoding="utf-8")
    for path in sorted((copy / "data" / "services").glob("*.yaml")):
        src, _ = load_yaml(path, path.name)
        record = src.data
        contact = record.get("contact") or {}
        phones = "\n".join(f"- {p['number']}" for p in contact.get("phones") or [])
        text = f"# {record['name']}\n\n{record['summary']}\n\n{phones}\n\n{record.get('description') or ''}\n"
        (docs / f"{path.stem}.md").write_text(text, encoding="utf-8")
    (dest / "mkdocs.yml").write_text(
        "site_name: Bare\nsite_url: ''\ntheme:\n  name: material\nnav:\n  - index.md\nnot_in_nav: |\n  /services/\n",
        encoding="utf-8",
    )
    shutil.rmtree(copy)


def _build(project: Path, bare: bool = False) -> tuple[float, int]:
    """Seconds and peak resident memory (bytes) of one strict build in a child process (`bare`: a
    plain `mkdocs build` of a bare Material site)."""
    env = {**os.environ, "PYTHONPATH": str(project / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    command = ["-m", "mkdocs", "build", "-q"] if bare else ["-m", "waymark", "build"]
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, *command],
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


#: Installed in the page before the search or filter is used: the time of the event that starts it
#: (`input` or `change`) and of the first frame drawn after its status reports results, which
#: `window.__wmFinished` resolves with (a promise: the site's policy forbids evaluated strings);
#: with null if no results came in 30 seconds.
_CLOCK = """([event, status]) => {
  const clock = window.__wmClock = {};
  let finish;
  window.__wmFinished = new Promise((resolve) => { finish = resolve; });
  setTimeout(() => finish(null), 30000);
  document.addEventListener(event, () => { if (!clock.start) clock.start = performance.now(); }, true);
  const node = document.getElementById(status);
  new MutationObserver(() => {
    if (clock.shown || !/\\d+ (results?|services? in)|No (results|services)/.test(node.textContent)) return;
    clock.shown = true;
    requestAnimationFrame(() => { clock.done = performance.now(); finish(clock); });
  }).observe(node, { childList: true, characterData: true, subtree: true });
}"""


def search_figures(site: Path, chromium: str) -> dict[str, float]:
    """What the first search and the first filter download (gzip), and how long until results
    (`timed_first_use`), in a browser of its own."""
    from playwright.sync_api import sync_playwright

    with served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            return timed_first_use(browser, url, site)
        finally:
            browser.close()


def timed_first_use(browser: Browser, url: str, site: Path) -> dict[str, float]:
    """The first search and the first filter of `site` (served at `url`): what they download
    (gzip) and how long until results.

    The search names a place ("refuge Leeds"), so it needs the core, the national shard and that
    region's shard; the filter picks a council (Leeds). The time is the page's own clock: from the
    event the typing or choosing fires to the first frame drawn with the results. Playwright's
    own steps around it (finding the box, waiting for the text) are given apart, as "with the
    driver", since no one using the site waits for them.
    """
    fetched: dict[str, list[str]] = {"search": [], "filter": []}
    figures: dict[str, float] = {}
    for kind, path in (("search", "search/"), ("filter", "services/")):
        page = browser.new_page()
        page.goto(url + path, wait_until="load")
        event, status = ("input", "wm-status") if kind == "search" else ("change", "wm-f-status")
        page.evaluate(_CLOCK, [event, status])
        before = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
        start = page.evaluate("performance.now()")
        if kind == "search":
            page.fill("#wm-q", "refuge Leeds")
        else:
            page.select_option("#wm-f-area", "leeds")
        clock = page.evaluate("() => window.__wmFinished")
        if not clock:
            raise SystemExit(f"bench: the first {kind} showed no results in 30 seconds ({url}{path})")
        figures[f"{kind} ms with the driver"] = page.evaluate("performance.now()") - start
        figures[f"{kind} ms"] = clock["done"] - clock["start"]
        entries = page.evaluate(
            "performance.getEntriesByType('resource').map(e => ({name: e.name, end: e.responseEnd}))"
        )
        new = [e for e in entries if e["name"] not in before]
        fetched[kind] = [e["name"].removeprefix(url) for e in new if not e["name"].endswith("favicon.png")]
        figures[f"{kind} ms after download"] = clock["done"] - max((e["end"] for e in new), default=clock["start"])
        page.close()
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


def site_figures(site: Path) -> dict[str, float]:
    """Pages, total HTML bytes, largest page (bytes) and its address, of a built site."""
    pages = sorted(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    return {
        "pages": len(pages),
        "html": sum(p.stat().st_size for p in pages),
        "largest": pages[-1].stat().st_size if pages else 0,
        "largest at": str(pages[-1].relative_to(site)) if pages else "",  # type: ignore[dict-item]
    }


def _row(label: str, count: int, seconds: float, peak: int, figures: dict[str, Any]) -> None:
    print(
        f"{label:<22} {count:>7,} {seconds:>8.1f} {peak / 1e6:>8.0f} {figures['pages']:>7,} "
        f"{figures['html'] / 1e6:>8.1f} {figures['largest'] / 1e3:>9.0f}  {figures['largest at']}",
        flush=True,
    )


def run(project: Path, sizes: list[int]) -> dict[int, dict[str, float]]:
    """Build each size (both languages) and a bare Material site with the same services; print a table."""
    results: dict[int, dict[str, float]] = {}
    mix = coverage_mix(source_data(project))
    total = sum(mix.values())
    print(
        "bundled coverage (widest area of each service): "
        + ", ".join(f"{k} {v} ({v / total:.0%})" for k, v in mix.items())
        + f"; clones: {WIDE_SHARE:.0%} UK- or nation-wide, the rest on real regions, counties and councils"
    )
    from ..data.catalogue import load_catalogue
    from ..data.coverage import local_coverage

    print(local_coverage(load_catalogue(source_data(project))))
    print(f"{'build':<22} {'services':>7} {'seconds':>8} {'peak MB':>8} {'pages':>7} {'HTML MB':>8} {'largest KB':>9}")
    yardstick = min((n for n in sizes if n >= 3000), default=max(sizes))
    for count in sizes:
        with tempfile.TemporaryDirectory(prefix="waymark-bench-") as tmp:
            copy = Path(tmp) / "waymark"
            copy.mkdir()
            make_project(project, copy, count)
            seconds, peak = _build(copy)
            figures = site_figures(copy / "site")
            results[count] = {
                "seconds": seconds,
                "peak": peak,
                **{k: v for k, v in figures.items() if k != "largest at"},
            }
            _row("Waymark, both languages", count, seconds, peak, figures)
            if count == yardstick:
                for config in copy.glob("mkdocs.*.yml"):
                    config.unlink()
                shutil.rmtree(copy / "site")
                en_seconds, en_peak = _build(copy)
                _row("Waymark, English only", count, en_seconds, en_peak, site_figures(copy / "site"))
                bare = Path(tmp) / "bare"
                make_bare_project(project, bare, count)
                bare_seconds, bare_peak = _build(bare, bare=True)
                _row("bare Material (English)", count, bare_seconds, bare_peak, site_figures(bare / "site"))
                print(
                    f"  at {count:,}: English {en_seconds / bare_seconds:.2f}x and both languages "
                    f"{seconds / bare_seconds:.2f}x the time of bare Material (targets 0.5x and 0.75x)"
                )
            if count == max(sizes):
                search = search_figures(copy / "site", chromium_path())
                weights = page_weights(copy / "site", chromium_path())
    ordered = sorted(results)
    if len(ordered) >= 2:
        small, large = ordered[0], ordered[-1]
        pairs = [(a, b) for a in ordered for b in ordered if a < b]
        for a, b in pairs:
            margin = (results[b]["seconds"] - results[a]["seconds"]) / (b - a) * 1000
            print(f"marginal cost {a:,} -> {b:,}: {margin:.2f} ms a service (both languages)")
        print(f"{large:,}/{small:,} build time ratio: {results[large]['seconds'] / results[small]['seconds']:.1f}")
    print(
        f"first search at {max(sizes):,} services: {search['search KB']:.0f} KB gzip in "
        f"{search['search files']:.0f} files, results {search['search ms']:.0f} ms after typing, "
        f"{search['search ms after download']:.0f} ms after the last byte "
        f"({search['search ms with the driver']:.0f} ms with Playwright's own steps)"
    )
    print(
        f"first filter at {max(sizes):,} services: {search['filter KB']:.0f} KB gzip in "
        f"{search['filter files']:.0f} files, results {search['filter ms']:.0f} ms after choosing, "
        f"{search['filter ms after download']:.0f} ms after the last byte "
        f"({search['filter ms with the driver']:.0f} ms with Playwright's own steps)"
    )
    print(f"page weight at {max(sizes):,} services (gzip; goal <= 90 KB first visit, 0 other hosts):")
    print(f"  {'page type':<18} {'first KB':>9} {'repeat KB':>10} {'other hosts':>12}")
    for kind, (first_kb, repeat_kb, other) in weights.items():
        print(f"  {kind:<18} {first_kb:>9.1f} {repeat_kb:>10.1f} {other:>12}")
    postcode_figures(project, chromium_path())
    return results
