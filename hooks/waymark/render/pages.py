"""A page made from data: `GeneratedPage`, the one shape every generated page takes, whoever adds it.

Pages in the nav (the hubs and indexes) go through MkDocs as tiny Markdown stubs whose body comes
from `render` when MkDocs asks. Pages out of the nav (every record, area, category and guide page:
up to 10,000s) all sit at the same depth and share the theme's output but for title, description,
contents list and body, so the fast writer (glue/writer.py) pours them into one themed shell.
Both kinds get their contents list from their own headings and the same finishing rules.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import escape

Body = Callable[[str], str]  # root ("../../") -> body HTML


@dataclass(frozen=True)
class GeneratedPage:
    """A page made from data: where it goes, its title and description, and how to render its body."""

    src_uri: str  # e.g. "orders/non-molestation-order.md"
    title: str  # plain text
    description: str  # plain text
    render: Body
    source: str = ""  # the data file behind it, named when something is wrong with the page
    fast: bool = False  # out of the nav: written by the fast writer

    @property
    def url(self) -> str:
        """Site-relative URL: ``orders/x/`` (``orders/`` for ``orders/index.md``)."""
        path = self.src_uri.removesuffix(".md")
        if path == "index" or path.endswith("/index"):
            return path.removesuffix("index")
        return path + "/"

    @property
    def stub(self) -> str:
        """The Markdown MkDocs reads for this page: front matter only.

        The theme prints `page.meta.title` and `page.meta.description` without escaping, so they
        are escaped here; JSON strings are valid YAML scalars, so any text is quoted safely.
        """
        title, description = json.dumps(str(escape(self.title))), json.dumps(str(escape(self.description)))
        return f"---\ntitle: {title}\ndescription: {description}\n---\n"
