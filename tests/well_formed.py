"""An HTML well-formedness check: every element closed, in order (void elements excepted)."""

from __future__ import annotations

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SVG_VOID = {"path", "circle", "rect", "line", "polyline", "polygon", "use", "stop"}  # often written <path ... />


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, int]] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.open.append((tag, self.getpos()[0]))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.errors.append(f"line {self.getpos()[0]}: </{tag}> closes an element that has no end")
            return
        if self.open and self.open[-1][0] == tag:
            self.open.pop()
            return
        if tag in SVG_VOID:
            return
        top = f"<{self.open[-1][0]}> from line {self.open[-1][1]}" if self.open else "nothing"
        self.errors.append(f"line {self.getpos()[0]}: </{tag}> while {top} is open")
        if any(name == tag for name, _ in self.open):
            while self.open and self.open[-1][0] != tag:
                self.open.pop()
            self.open.pop()


def html_errors(html: str) -> list[str]:
    """Mismatched and unclosed tags in a page (empty when it is well formed)."""
    checker = _Checker()
    checker.feed(html)
    checker.close()
    return checker.errors + [f"<{name}> from line {line} is never closed" for name, line in checker.open]
