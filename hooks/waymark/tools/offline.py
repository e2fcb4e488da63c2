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


#: Folders every language shares from the English site (a Welsh page asks for "../postcode/…").
SHARED_FOLDERS = ("postcode",)


def search_script(path_in_site: str | list[str], data: object) -> str:
    """The script form of one data file, under each path a page may ask for it by."""
    keys = [path_in_site] if isinstance(path_in_site, str) else path_in_site
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    table = "(window.WaymarkData=window.WaymarkData||{})"
    if len(keys) == 1:
        return f"{table}[{json.dumps(keys[0])}]={payload};\n"
    sets = "".join(f"d[{json.dumps(k)}]=v;" for k in keys)
    return f"(function(d,v){{{sets}}})({table},{payload});\n"


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
    # Every language's own data (site/cy/search/…), asked for from its own root; the shared folders
    # are asked for from a language's folder as "../postcode/…" too.
    languages = sorted(p.name for p in out.iterdir() if p.is_dir() and (p / "search" / "core.json").is_file())
    for root in [out, *(out / code for code in languages)]:
        for data_file in sorted(f for folder in DATA_FOLDERS for f in (root / folder).glob("*.json")):
            relative = data_file.relative_to(root).as_posix()
            keys = [relative]
            if root == out and data_file.parent.name in SHARED_FOLDERS and languages:
                keys.append("../" + relative)
            data = json.loads(data_file.read_text(encoding="utf-8"))
            data_file.with_suffix(".js").write_text(search_script(keys, data), encoding="utf-8")
    if zip_path is not None:
        with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(out.rglob("*")):
                if path.is_file():
                    archive.write(path, Path(out.name) / path.relative_to(out))
    return pages
