"""An offline copy: the built site as a folder (and zip) that works opened from disk, search included.

`make offline` builds the site as usual, then makes a copy in which
- every link to a page folder (`orders/x/`) names its file (`orders/x/index.html`), because a
  browser opening files shows a folder listing, not the page;
- every data file (`search/*.json`, `postcode/*.json`) also exists as a `.js` script that hands the same
  data to `window.WaymarkData` (pages opened from disk may not fetch() files; they may load
  scripts). search.js picks the script form when the page is a file:// page.
There is no service worker: nothing is installed in the browser, nothing stays behind.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

_LINK = re.compile(r"""(\b(?:href|src)=)(["'])([^"'#?:]*?/)([#?][^"']*)?\2""")


def _spell_out(match: re.Match[str]) -> str:
    attr, quote, path, rest = match.group(1), match.group(2), match.group(3), match.group(4) or ""
    if path.startswith("//"):
        return match.group(0)  # another host: never rewritten (and never present: see privacy)
    return f"{attr}{quote}{path}index.html{rest}{quote}"


def spell_out_links(html: str) -> str:
    """Relative links to folders (`../orders/`, `./`) become links to their index.html."""
    html = _LINK.sub(_spell_out, html)
    return re.sub(r"""(\bhref=)(["'])(\.\.|\.)\2""", r"\1\2\3/index.html\2", html)


#: Folders of data files the browser fetches (search, postcode lookup, referral sheet): each gets a script form.
DATA_FOLDERS = ("search", "postcode", "sheet")


def search_script(path_in_site: str, data: object) -> str:
    """The script form of one data file."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"(window.WaymarkData=window.WaymarkData||{{}})[{json.dumps(path_in_site)}]={payload};\n"


def make_offline_copy(site: Path, out: Path, zip_path: Path | None = None) -> int:
    """Copy `site` to `out` for opening from disk; optionally zip it. Returns the pages rewritten."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(site, out, ignore=shutil.ignore_patterns("_headers", "_headers.nginx"))
    pages = 0
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        new = spell_out_links(text)
        if new != text:
            page.write_text(new, encoding="utf-8")
            pages += 1
    for data_file in sorted(f for folder in DATA_FOLDERS for f in (out / folder).glob("*.json")):
        relative = data_file.relative_to(out).as_posix()
        data = json.loads(data_file.read_text(encoding="utf-8"))
        data_file.with_suffix(".js").write_text(search_script(relative, data), encoding="utf-8")
    if zip_path is not None:
        with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(out.rglob("*")):
                if path.is_file():
                    archive.write(path, Path(out.name) / path.relative_to(out))
    return pages
