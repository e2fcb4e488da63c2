"""The crisis layer: 999 with the Silent Solution on every page, and who to call now in each nation.

- the emergency line (`Settings.emergency_html`): every "999" a tap-to-call link.
- `crisis_lines`: the 24-hour lines of data/crisis.yaml as plain data for `_crisis.html`: each
  line's name and page, who it is for, and every way in (phone, text, BSL, Relay UK) from the
  service record, the one place a number lives.

The block is rendered into the first screen of the home page (`<!-- waymark:crisis -->` in
docs/index.md) and at the top of every place's page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from .. import i18n
from ..data.model import AUDIENCES, JURISDICTIONS
from ..data.phones import sms_href, tel_href
from ..i18n import N_, _
from .renderer import Renderer


@dataclass(frozen=True)
class Line:
    """One 24-hour line as the crisis block shows it."""

    name: str
    url: str
    for_whom: str  # "" when it is for everyone
    ways: tuple[dict[str, str], ...]  # {kind, label, number, href}


def line_of(renderer: Renderer, service_id: str) -> Line | None:
    """A service as a crisis line (None if the catalogue has no such service)."""
    service = renderer.catalogue.service(service_id)
    if service is None:
        return None
    contact = service.data["contact"]
    ways: list[dict[str, str]] = []
    for phone in contact.get("phones") or []:
        ways.append({"kind": "call", "label": N_("Call"), "number": phone["number"], "href": tel_href(phone["number"])})
    for text in contact.get("texts") or []:
        href = sms_href(text["number"])
        ways.append({"kind": "text", "label": N_("Text"), "number": text["number"], "href": href})
    if contact.get("relay_uk"):
        relay = contact["relay_uk"]
        ways.append({"kind": "relay", "label": N_("Relay UK"), "number": relay, "href": tel_href(relay)})
    if contact.get("bsl"):
        ways.append({"kind": "bsl", "label": N_("British Sign Language"), "number": "", "href": contact["bsl"]})
    audiences = (service.data.get("eligibility") or {}).get("for") or ["everyone"]
    for_whom = "" if "everyone" in audiences else ", ".join(_(AUDIENCES.get(a, a)) for a in audiences)
    return Line(service.name, service.url, for_whom, tuple(ways))


def crisis_lines(renderer: Renderer, nations: list[str] | None = None) -> list[dict[str, Any]]:
    """For each nation (all four by default): its id, name and own 24-hour lines."""
    crisis = renderer.catalogue.crisis
    out = []
    for nation in nations or list(JURISDICTIONS):
        lines = [line_of(renderer, i) for i in crisis.nations.get(nation, ())]
        out.append({"id": nation, "name": JURISDICTIONS[nation], "lines": [line for line in lines if line]})
    return out


def crisis_block(renderer: Renderer, root: str, nations: list[str] | None = None) -> Markup:
    """The crisis block: each nation's 24-hour lines, then the UK-wide ones (999 is on every page).
    The same for every page at one depth with the same nations: made once per build for each."""
    key = ("crisis", root, tuple(nations or ()))
    return renderer.once(key, lambda: _crisis_block(renderer, root, nations))


def _crisis_block(renderer: Renderer, root: str, nations: list[str] | None) -> Markup:
    everywhere = [line_of(renderer, i) for i in renderer.catalogue.crisis.everywhere]
    html = renderer.render(
        "_crisis.html",
        root,
        nations=crisis_lines(renderer, nations),
        everywhere=[line for line in everywhere if line],
    )
    return Markup(html)  # rendered by the autoescaping environment


def deaf_routes(renderer: Renderer) -> Markup:
    """The ways Deaf people and people who cannot speak reach 999 (data/first-response.yaml), as one
    line for every page, beside the Silent Solution; empty when the file gives none."""
    language = i18n.CURRENT.language
    routes = [
        {**route, "shown": ((route.get("labels") or {}).get(language) or {}).get("text") or route["label"]}
        for route in renderer.catalogue.first_response.deaf_routes
    ]
    return Markup(renderer.render("_deaf_routes.html", "", routes=routes)) if routes else Markup("")


def after_rape(renderer: Renderer, root: str, nation: str, full: bool = True) -> Markup:
    """After rape or sexual assault, in `nation` (made once per build for each depth and nation)."""
    return renderer.once(("after-rape", root, nation, full), lambda: _after_rape(renderer, root, nation, full))


def _after_rape(renderer: Renderer, root: str, nation: str, full: bool) -> Markup:
    """After rape or sexual assault, in `nation`: its sexual-violence line, what a SARC does
    without the police and, with `full`, the time windows of the first days and the route for
    under-18s (the guide's answer); without it, the line and one sentence (a place's page)."""
    first = renderer.catalogue.first_response
    after = first.after_rape
    if not after:
        return Markup("")
    line = renderer.catalogue.service(first.line_for(nation))
    under_18 = first.for_nation(after["under_18"], nation)
    guide = renderer.catalogue.guide
    need = next((n for n in guide.needs if "sexual-violence" in n.categories), None) if guide else None
    return Markup(
        renderer.render(
            "_after_rape.html",
            root,
            full=full,
            nation=nation,
            intro=after["intro"],
            line=line,
            sarc=first.for_nation(after["sarc_without_police"], nation),
            windows=[first.for_nation(w, nation) for w in after["time_windows"]],
            under_18=under_18,
            young=[s for s in (renderer.catalogue.service(i) for i in after["under_18"]["services"]) if s],
            more_url=f"help/{need.id}/{nation}/" if need else "",
        )
    )
