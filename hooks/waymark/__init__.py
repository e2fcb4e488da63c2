"""Waymark: signposting and legal options for domestic abuse and sexual violence, built from YAML records.

The package, one room per concern:

    data/      read YAML (bounded), validate (schema, text rules, content rules), the catalogue
    settings.py  the one checked settings object (mkdocs.yml extra.waymark)
    i18n/      interface strings: the language of a build, one catalogue per language (cy.yaml)
    render/    shared rendering: templates, cards, the crisis block, Markdown, contents lists, privacy, deploy headers
    features/  one browser feature per folder (Python, template, JS, CSS, browser test): exit, search…
    glue/      the MkDocs adapter: generated pages, the fast page writer, the finishing rules for every page
    tools/     the command line and what it runs: sheets, ORUK, new region, offline copy, stale, bench

Imports point one way: tools -> glue -> features -> render -> settings, i18n -> data.
Only glue/ and tools/ import MkDocs.
"""

from pathlib import Path

#: The project folder (mkdocs.yml, data/, docs/): two levels above this package (hooks/waymark/).
PROJECT = Path(__file__).resolve().parents[2]
