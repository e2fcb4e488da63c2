"""MkDocs event adapters for Waymark. No logic here: each hook hands over to the waymark package.

MkDocs does not reload hook modules under `mkdocs serve`, so per-build state is reset in
on_config.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from waymark.site import Site

_site: Site | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _site
    _site = Site.from_config(config)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    assert _site is not None
    return _site.add_files(files, config)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _site is not None
    return _site.page_body(html, page)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    assert _site is not None
    return _site.finish_page(output, page)


def on_post_build(*, config: MkDocsConfig) -> None:
    assert _site is not None
    _site.finish_build(config)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    assert _site is not None
    return _site.finish_template(output_content, template_name)
