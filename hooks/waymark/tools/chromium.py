"""Where Debian's Chromium is and how to start it headless, for the browser tests and `make bench`.

Playwright's own browser download does not work on these machines; the Makefile installs
Debian's `chromium` package instead and Playwright drives it through `executable_path`.
"""

from __future__ import annotations

import os
import shutil

#: Flags for a quiet, offline headless Chromium (no sandbox: CI runs as root in a container).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str:
    """Debian's Chromium: $WAYMARK_CHROMIUM, else `chromium` on PATH, else /usr/bin/chromium."""
    return os.environ.get("WAYMARK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
