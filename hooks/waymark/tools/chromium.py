"""Where Debian's Chromium is and how to start it headless, for the browser tests and `make bench`.

Playwright's own browser download does not work on these machines; the Makefile installs
Debian's `chromium-headless-shell` package instead and Playwright drives it through
`executable_path`. The headless shell is Chromium's own headless browser (the same Blink and V8,
built from the same Debian source as `chromium`, without the desktop browser around them); it is
what Playwright itself runs for headless tests. Measured here on the 24 accessibility tests: the
full `chromium` in headless mode took 113 s of processor time, the shell 59 s, with the same results.
Set WAYMARK_CHROMIUM=/usr/bin/chromium to run the tests in the full browser.
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

#: The Debian package the Makefile installs, and the program it puts on PATH.
HEADLESS_SHELL = "chromium-headless-shell"


def chromium_path() -> str:
    """$WAYMARK_CHROMIUM, else Debian's headless shell on PATH, else where Debian puts it."""
    return os.environ.get("WAYMARK_CHROMIUM") or shutil.which(HEADLESS_SHELL) or f"/usr/bin/{HEADLESS_SHELL}"
