"""Every word a browser script shows goes through T(), so a page in Welsh never shows English the
scripts wrote (#25): a sentence left as a plain string, or glued from pieces, is found here.
(That each T() string has its Welsh is checked by the build: i18n.catalogue_problems.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from waymark.render.lookup import asset_files

#: A string literal, and the call it is the first argument of (if any).
_LITERAL = re.compile(r"""(?P<call>\b[\w.]+\(\s*)?(?P<q>["'])(?P<text>(?:\\.|(?!(?P=q)).)*)(?P=q)""")
_COMMENT = re.compile(r"/\*.*?\*/|^\s*//[^\n]*", re.DOTALL | re.MULTILINE)
#: Words someone reads: two words of letters, or a capitalised word (never a selector, key or URL).
_WORDS = re.compile(r"[A-Za-z]{2,} [A-Za-z]{2,}|^[A-Z][a-z]+$")
#: Calls whose strings no one reads on the page (a directive, an error kept for the console).
_UNREAD = ("Error(",)
#: Keyboard key names the scripts compare event.key with.
_KEYS = {"Enter", "Escape", "Shift", "Tab", "Home", "End", "ArrowUp", "ArrowDown"}


def shown_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of each string literal in a script that reads as words and is not given to T()."""
    code = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), source)
    found = []
    for match in _LITERAL.finditer(code):
        text, call = match.group("text"), (match.group("call") or "").replace(" ", "")
        if text == "use strict" or text in _KEYS or call.startswith("T(") or call.endswith(_UNREAD):
            continue
        if _WORDS.search(text) and not re.search(r"[\[\]#=<>{}]", text):
            found.append((code[: match.start()].count("\n") + 1, text))
    return found


SCRIPTS = sorted(path for name, path in asset_files().items() if not name.startswith("lunr"))


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_no_script_shows_words_outside_t(script: Path) -> None:
    assert shown_literals(script.read_text(encoding="utf-8")) == []


def test_the_check_finds_a_sentence_glued_from_pieces() -> None:
    glued = 'offer(found, result.query + " covers more than one place. Choose yours:");\nx.textContent = "Loading";'
    assert [line for line, _ in shown_literals(glued)] == [1, 2]
    assert shown_literals('status.textContent = T("Loading…"); el("li", "wm-result"); /* Two words */') == []
