"""`make serve`: the preview a maintainer uses shows every language's site, as `make build` does."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from project import FIXTURES, copy_project, free_port, waymark_env


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


#: The edited record's page in each language.
EDITED_PAGES = ("services/example-idva/", "cy/services/example-idva/")


def _serving(server: subprocess.Popen[bytes], port: int, urls: tuple[str, ...], text: str) -> set[str]:
    """The pages of `urls` that show `text` within two minutes (polled, while the server runs)."""
    showing: set[str] = set()
    started = time.monotonic()
    while len(showing) < len(urls) and time.monotonic() < started + 120 and server.poll() is None:
        time.sleep(0.5)
        showing |= {url for url in urls if text in (_get(f"http://127.0.0.1:{port}/{url}") or "")}
    return showing


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # it ended while being read
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def test_serve_shows_the_welsh_site_the_language_link_leads_to(tmp_path: Path) -> None:
    project = copy_project(tmp_path, FIXTURES / "data", languages=True)
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"]
    log = (tmp_path / "serve.log").open("w")
    scratch = tmp_path / "scratch"  # where `mkdocs serve` builds: what it leaves there is seen
    scratch.mkdir()
    env = {**waymark_env(project), "TMPDIR": str(scratch)}
    server = subprocess.Popen(command, cwd=project, env=env, stdout=log, stderr=log)
    try:
        english = None
        deadline = time.monotonic() + 240
        while english is None and time.monotonic() < deadline and server.poll() is None:
            time.sleep(1)
            english = _get(f"http://127.0.0.1:{port}/orders/")  # served once every language is built
        welsh = _get(f"http://127.0.0.1:{port}/cy/orders/")
        strings = _get(f"http://127.0.0.1:{port}/cy/assets/waymark/strings.js")
        # An edit to one record reaches both languages' pages (the other languages build in a
        # child process under serve too: a fresh interpreter, as the server runs threads).
        record = project / "data" / "services" / "example-idva.yaml"
        record.write_text(record.read_text().replace("Advisers for", "Edited, advisers for", 1))
        started = time.monotonic()
        edited = _serving(server, port, EDITED_PAGES, "Edited, advisers for")
        print(f"one record edited: both languages served it {time.monotonic() - started:.1f} s later")
        # The process that builds the other languages under serve dies (killed, out of memory):
        # the next edit still reaches both languages (a child of its own builds them).
        for child in _children(server.pid):
            os.kill(child, signal.SIGKILL)
        record.write_text(record.read_text().replace("Edited, advisers for", "Checked, advisers for", 1))
        again = _serving(server, port, EDITED_PAGES, "Checked, advisers for")
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl-C, as a maintainer stops it
        server.wait(timeout=30)
        log.close()
    output = (tmp_path / "serve.log").read_text(encoding="utf-8")
    assert welsh is not None, output
    assert '<html lang="cy"' in welsh and english is not None and 'href="../cy/orders/" hreflang="cy"' in english
    assert strings is not None and "Yn chwilio" in strings
    assert edited == set(EDITED_PAGES), output
    assert again == set(EDITED_PAGES), output
    assert "Traceback" not in output, output
    # (Jinja's cache of compiled templates stays there on purpose: every build of this user shares it.)
    assert list(scratch.glob("mkdocs_*")) == [], "serve left its temporary build behind"
