"""Command line for maintainers: `python -m waymark check|build|...` (the Makefile wraps these)."""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import PROJECT
from ..data.catalogue import DEFAULT_SCHEMA_DIR, load_catalogue
from ..data.content import OFFICIAL_TARGET, WEAK_LIMIT, source_figures
from ..data.problems import DataError
from ..data.schema import schema_file_problems
from .service_import import ImportRefused


def check(args: argparse.Namespace) -> int:
    """Validate data/ only: fast, every problem at once (errors fail; warnings are listed)."""
    schema_dir = Path(args.data) / "schema"
    broken = schema_file_problems(schema_dir if schema_dir.is_dir() else DEFAULT_SCHEMA_DIR)
    if broken:
        print(DataError(broken), file=sys.stderr)
        return 1
    try:
        catalogue = load_catalogue(Path(args.data))
    except DataError as err:
        print(err, file=sys.stderr)
        return 1
    for warning in catalogue.warnings:
        print(f"  {warning}")
    from .. import i18n

    interface = i18n.catalogue_problems()
    if interface:
        print("interface strings (hooks/waymark/i18n/):\n" + "\n".join(f"  {p}" for p in interface), file=sys.stderr)
        return 1
    for language in i18n.languages()[1:]:
        print(i18n.review_line(language))
    counts = ", ".join(f"{len(v)} {k}" for k, v in catalogue.records.items())
    print(f"data OK: {counts}; {len(catalogue.areas)} areas, {len(catalogue.categories)} categories")
    from ..data.coverage import local_coverage

    print(local_coverage(catalogue))
    if catalogue.source_hosts is not None:
        legal = list(catalogue.legal_records.values())
        figures = source_figures(legal, catalogue.source_hosts)
        met = figures.share("official") >= OFFICIAL_TARGET and figures.share("weak") <= WEAK_LIMIT
        verdict = (
            "target met" if met else f"target: at least {OFFICIAL_TARGET:.0%} official, at most {WEAK_LIMIT:.0%} weak"
        )
        print(f"sources of {len(legal)} legal records: {figures} ({verdict})")
        if args.sources:
            for record in sorted(legal, key=lambda r: r.source.shown_path):
                print(f"  {record.source.shown_path}: {source_figures([record], catalogue.source_hosts)}")
    if catalogue.warnings:
        print(f"{len(catalogue.warnings)} warning(s) above do not stop a build.")
    return 0


def build_site(config_file: Path, site_dir: Path) -> None:
    """Build with `--strict` into a temporary folder, then swap it in.

    A failed build raises and leaves `site_dir` exactly as it was. The build runs under a umask of
    022, so every folder it makes is 0755 and every file 0644 whatever the caller's umask: a web
    server's own user (www-data, nobody) can read the site. Only the temporary folder itself starts
    private (0700, which a real nginx answers with 403) and is opened before the swap.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from ..i18n import SOURCE_LANGUAGE, use

    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    new = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site_dir.parent))
    umask = os.umask(0o022)
    try:
        config = load_config(str(config_file), strict=True, site_dir=str(new))
        build(config)  # every other language too, into a folder of its own (glue/languages.py)
        new.chmod(0o755)
        old = site_dir.with_name(f".{site_dir.name}-old")
        shutil.rmtree(old, ignore_errors=True)
        if site_dir.exists():
            site_dir.rename(old)
        new.rename(site_dir)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        os.umask(umask)
        shutil.rmtree(new, ignore_errors=True)
        use(SOURCE_LANGUAGE)  # whatever ran last, this process speaks English again


def build_command(args: argparse.Namespace) -> int:
    """`build`: strict build, atomic swap; non-zero exit and untouched site/ on failure."""
    from mkdocs.exceptions import MkDocsException

    logging.basicConfig(level=logging.WARNING, format="%(levelname)-7s - %(message)s")
    try:
        build_site(Path(args.config), Path(args.site_dir))
    except (MkDocsException, DataError) as err:
        print(f"build failed; {args.site_dir} left as it was:\n{err}", file=sys.stderr)
        return 1
    print(f"built {args.site_dir}")
    return 0


def bench(args: argparse.Namespace) -> int:
    """`bench`: build time, memory and size for synthetic directories."""
    from .bench import run

    run(PROJECT, [int(n) for n in args.sizes.split(",")])
    return 0


def _extra(config_file: Path) -> dict[str, Any]:
    """`extra:` from mkdocs.yml, without building."""
    from mkdocs.config import load_config

    return dict(load_config(str(config_file)).extra)


def stale(args: argparse.Namespace) -> int:
    """`stale`: records not re-checked within the configured months (oldest first), and facts left unverified."""
    from ..data.freshness import report, report_not_verified, stale_records
    from ..settings import Settings, SettingsError

    try:
        catalogue = load_catalogue(Path(args.data))
        months = args.months or Settings.from_extra(_extra(Path(args.config)), set(catalogue.areas)).stale_after_months
    except (DataError, SettingsError) as err:
        print(err, file=sys.stderr)
        return 1
    report(stale_records(catalogue, months), months, sys.stdout)
    report_not_verified(catalogue, sys.stdout)
    return 0


def import_command(args: argparse.Namespace) -> int:
    """`import`: a CSV/XLSX sheet into data/services/; every row checked, all or nothing."""
    from .sheets import import_sheet

    try:
        catalogue = load_catalogue(Path(args.data))
        result = import_sheet(Path(args.sheet), catalogue, dry_run=args.dry_run)
    except (DataError, ImportRefused, ValueError, OSError) as err:
        print(err, file=sys.stderr)
        return 1
    print(("dry run, nothing written: " if args.dry_run else "") + str(result))
    print(changed_lines(result.created, result.updated, args.dry_run))
    return 0


def export_command(args: argparse.Namespace) -> int:
    """`export`: services to a CSV/XLSX sheet (`--template` for an empty one with an example row)."""
    from .sheets import export_sheet, template_rows, write_sheet

    try:
        if args.template:
            write_sheet(Path(args.sheet), template_rows())
            print(f"wrote the template to {args.sheet}")
            return 0
        catalogue = load_catalogue(Path(args.data))
        if args.area and args.area not in catalogue.areas:
            print(f"--area: expected an id from data/areas.yaml; found {args.area!r}", file=sys.stderr)
            return 1
        count = export_sheet(Path(args.sheet), catalogue, args.area)
    except (DataError, ValueError, OSError) as err:
        print(err, file=sys.stderr)
        return 1
    print(f"wrote {count} services to {args.sheet}")
    return 0


def oruk_command(args: argparse.Namespace) -> int:
    """`oruk-export` / `oruk-import`: Open Referral UK JSON out of, or into, data/services/."""
    import json

    from .oruk import export_oruk, import_oruk

    try:
        catalogue = load_catalogue(Path(args.data))
        if args.command == "oruk-export":
            page = export_oruk(catalogue, args.site_url)
            Path(args.file).write_text(json.dumps(page, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            print(f"wrote {page['total_items']} services to {args.file}")
            return 0
        created, updated, unchanged = import_oruk(Path(args.file), catalogue, dry_run=args.dry_run)
    except (DataError, ImportRefused, ValueError, OSError) as err:
        print(err, file=sys.stderr)
        return 1
    prefix = "dry run, nothing written: " if args.dry_run else ""
    print(f"{prefix}{len(created)} created, {len(updated)} updated, {len(unchanged)} unchanged")
    print(changed_lines(created, updated, args.dry_run))
    return 0


def changed_lines(created: list[str], updated: list[str], dry_run: bool) -> str:
    """Which records an import made or changed (or would), one line each kind."""
    verb = "would be " if dry_run else ""
    lines = [
        f"  {verb}created: {', '.join(created)}" if created else "",
        f"  {verb}updated: {', '.join(updated)}" if updated else "",
    ]
    return "\n".join(line for line in lines if line) or "  nothing changed"


def offline_command(args: argparse.Namespace) -> int:
    """`offline`: build, then make a copy that works opened from a folder or a zip."""
    from mkdocs.exceptions import MkDocsException

    from .offline import make_offline_copy

    logging.basicConfig(level=logging.WARNING, format="%(levelname)-7s - %(message)s")
    with tempfile.TemporaryDirectory(prefix="waymark-offline-") as work:
        try:
            build_site(Path(args.config), Path(work) / "site")
        except (MkDocsException, DataError) as err:
            print(f"build failed; nothing written:\n{err}", file=sys.stderr)
            return 1
        out = Path(args.out)
        make_offline_copy(Path(work) / "site", out, Path(args.zip) if args.zip else None)
    print(f"offline copy in {out}/ (open {out}/index.html)" + (f" and {args.zip}" if args.zip else ""))
    return 0


def new_region_command(args: argparse.Namespace) -> int:
    """`new-region`: turn this copy into a regional directory (national content kept)."""
    from .new_region import NewRegionError, start_region

    try:
        authorities = [a.strip() for a in args.areas.split(",") if a.strip()]
        done = start_region(Path(args.project), args.id, args.name, args.nation, authorities)
    except (DataError, NewRegionError, OSError) as err:
        print(err, file=sys.stderr)
        return 1
    print("\n".join(done))
    print("next: add your services to data/services/ (or `make import`), then `make check`")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point for `python -m waymark`."""
    parser = argparse.ArgumentParser(prog="waymark", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    commands: dict[str, Callable[[argparse.Namespace], int]] = {}

    p = sub.add_parser("check", help="validate data/ and report every problem")
    p.add_argument("--data", default=str(PROJECT / "data"))
    p.add_argument("--sources", action="store_true", help="list the share of official sources of every legal record")
    commands["check"] = check

    p = sub.add_parser("build", help="strict build into site/, replaced only on success")
    p.add_argument("--config", default=str(PROJECT / "mkdocs.yml"))
    p.add_argument("--site-dir", default=str(PROJECT / "site"))
    commands["build"] = build_command

    p = sub.add_parser("bench", help="build with synthetic services and print the cost")
    p.add_argument("--sizes", default="1000,3000,4000,10000", help="comma-separated service counts")
    commands["bench"] = bench

    p = sub.add_parser("stale", help="list records not re-checked recently, oldest first")
    p.add_argument("--data", default=str(PROJECT / "data"))
    p.add_argument("--config", default=str(PROJECT / "mkdocs.yml"))
    p.add_argument("--months", type=int, default=0, help="override extra.waymark.stale_after_months")
    commands["stale"] = stale

    p = sub.add_parser("import", help="CSV or XLSX sheet -> data/services/*.yaml (all rows checked first)")
    p.add_argument("sheet")
    p.add_argument("--data", default=str(PROJECT / "data"))
    p.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    commands["import"] = import_command

    p = sub.add_parser("export", help="data/services -> CSV or XLSX sheet")
    p.add_argument("sheet")
    p.add_argument("--data", default=str(PROJECT / "data"))
    p.add_argument("--area", help="only services in this area (id from data/areas.yaml)")
    p.add_argument("--template", action="store_true", help="write the empty template with an example row")
    commands["export"] = export_command

    p = sub.add_parser("oruk-export", help="data/services -> Open Referral UK JSON")
    p.add_argument("file")
    p.add_argument("--data", default=str(PROJECT / "data"))
    p.add_argument("--site-url", default="", help="public address, so each service links to its page")
    commands["oruk-export"] = oruk_command

    p = sub.add_parser("oruk-import", help="Open Referral UK JSON -> data/services/*.yaml (all checked first)")
    p.add_argument("file")
    p.add_argument("--data", default=str(PROJECT / "data"))
    p.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    commands["oruk-import"] = oruk_command

    p = sub.add_parser("offline", help="a copy of the site that works from a folder or zip, search included")
    p.add_argument("--config", default=str(PROJECT / "mkdocs.yml"))
    p.add_argument("--out", default=str(PROJECT / "site-offline"))
    p.add_argument("--zip", default=str(PROJECT / "waymark-offline.zip"), help="zip file to write ('' for none)")
    commands["offline"] = offline_command

    p = sub.add_parser("new-region", help="make this copy a regional directory: local services emptied")
    p.add_argument("--id", required=True, help="region id, e.g. west-of-england")
    p.add_argument("--name", required=True, help='region name, e.g. "West of England"')
    p.add_argument("--nation", default="england", help="england, wales, scotland or northern-ireland")
    p.add_argument("--areas", default="", help="for a new region: its local authority ids, comma-separated")
    p.add_argument("--project", default=str(PROJECT))
    commands["new-region"] = new_region_command

    args = parser.parse_args(argv)
    return commands[args.command](args)
