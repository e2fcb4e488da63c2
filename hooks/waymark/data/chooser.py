"""data/which-order-fits*.yaml: "which order fits?" in plain words, linked to the order records.

One file per body of law: `which-order-fits.yaml` (England and Wales, page orders/which-order-fits/),
`which-order-fits-scotland.yaml` (orders/which-order-fits-scotland/) and so on; the page's id is
the file name.

    title: Which order fits?
    jurisdictions: [england, wales]
    intro: Find what is happening to you, then open the order to read more.
    situations:
      - heading: Someone you live with is hurting or scaring you
        points:
          - Ask the family court for a [non-molestation order](non-molestation-order). It can ...

Each point is one or two plain sentences; `[words](id)` links to a legal record by its id (an
order, housing duty, NRPF route or support option, or `services` for Find a service). An id that
does not exist is a data error like any other, so the page never links to nothing. The file is
optional: without it there is no page (a regional copy may delete it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import JURISDICTIONS
from .problems import Problem, did_you_mean, shown
from .read import SourceFile
from .text import markup_in

RECORD_LINK = re.compile(r"\[([^\]]+)\]\(([a-z0-9]+(?:-[a-z0-9]+)*)\)")
PAGE_LINKS = {"services": "services/", "search": "search/", "orders": "orders/"}


@dataclass(frozen=True)
class Situation:
    """One situation and the plain points that answer it."""

    heading: str
    points: tuple[str, ...]


@dataclass(frozen=True)
class Chooser:
    """The whole page."""

    id: str
    title: str
    intro: str
    situations: tuple[Situation, ...]
    jurisdictions: tuple[str, ...] = ("england", "wales")

    @property
    def url(self) -> str:
        """Site-relative URL of the page."""
        return f"orders/{self.id}/"


def read_chooser(src: SourceFile, legal_ids: set[str]) -> tuple[Chooser | None, list[Problem]]:
    """Read and check the file; every problem reported with its line."""
    data = src.data
    if not isinstance(data, dict) or not isinstance(data.get("situations"), list):
        return None, [Problem(src.shown_path, 1, "", "", "a mapping with title, intro and situations", shown(data))]
    problems = []
    jurisdictions = data.get("jurisdictions", ["england", "wales"])
    if not isinstance(jurisdictions, list) or not jurisdictions or not set(jurisdictions) <= set(JURISDICTIONS):
        line = src.line_of(("jurisdictions",))
        problems.append(
            Problem(
                src.shown_path,
                line,
                "",
                "jurisdictions",
                f"a list from {', '.join(JURISDICTIONS)}",
                shown(jurisdictions),
            )
        )
    for key in ("title", "intro"):
        if not isinstance(data.get(key), str) or not data[key].strip() or markup_in(data[key]):
            problems.append(Problem(src.shown_path, src.line_of((key,)), "", key, "plain text", shown(data.get(key))))
    situations = []
    known = legal_ids | set(PAGE_LINKS)
    for i, entry in enumerate(data["situations"]):
        heading = entry.get("heading") if isinstance(entry, dict) else None
        points = entry.get("points") if isinstance(entry, dict) else None
        if not isinstance(heading, str) or markup_in(heading) or not isinstance(points, list) or not points:
            line = src.line_of(("situations", i))
            problems.append(Problem(src.shown_path, line, "", f"situations[{i}]", "heading and points", shown(entry)))
            continue
        for j, point in enumerate(points):
            path = ("situations", i, "points", j)
            if not isinstance(point, str) or markup_in(point):
                where = f"situations[{i}].points[{j}]"
                problems.append(Problem(src.shown_path, src.line_of(path), "", where, "plain text", shown(point)))
                continue
            for _, target in RECORD_LINK.findall(point):
                if target not in known:
                    problems.append(
                        Problem(
                            src.shown_path,
                            src.line_of(path),
                            "",
                            f"situations[{i}].points[{j}]",
                            "a link to a record id",
                            repr(target),
                            did_you_mean(target, known),
                        )
                    )
        situations.append(Situation(heading, tuple(p for p in points if isinstance(p, str))))
    if problems:
        return None, problems
    chooser_id = src.path.stem
    return Chooser(chooser_id, data["title"], data["intro"], tuple(situations), tuple(jurisdictions)), []
