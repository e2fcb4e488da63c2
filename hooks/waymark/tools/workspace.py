"""Throwaway copies of the project and a quiet local server for a built site (make bench, the tests)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path


def copy_project(project: Path, dest: Path, data: Path | None = None, languages: bool = False) -> Path:
    """A throwaway copy of the project (config, docs, theme, hooks), optionally with other data;
    with `languages`, each other language's config too (mkdocs.<code>.yml: built with English).

    The hooks' compiled bytecode (`__pycache__`) comes along: Python checks each file against its
    source's time and size, so the copy starts without compiling every module again (about 0.4 s
    a process where bytecode is never written, e.g. under PYTHONDONTWRITEBYTECODE)."""
    names = ["mkdocs.yml", "docs", "overrides", "hooks"]
    names += sorted(p.name for p in project.glob("mkdocs.*.yml")) if languages else []
    for name in names:
        src = project / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        else:
            shutil.copy2(src, dest / name)
    shutil.copytree(data or project / "data", dest / "data")
    if not (dest / "data" / "schema").is_dir():  # test fixtures use the project's schemas
        shutil.copytree(project / "data" / "schema", dest / "data" / "schema")
    return dest


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    """`site` on a local port, quietly; yields its URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass
