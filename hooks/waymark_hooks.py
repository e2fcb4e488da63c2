"""MkDocs event adapters for Waymark. No logic here: each hook hands over to the waymark package.

MkDocs does not reload hook modules under `mkdocs serve`, so per-build state is reset in
on_config. The hooks folder is on sys.path only while this module first loads, so the package is
imported here, at the top.
"""

from __future__ import annotations

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from waymark.glue.adapter import Site, starting, stopping

_site: Site | None = None


def _current() -> Site:
    assert _site is not None, "on_config has not run"
    return _site


def on_startup(*, command: str, dirty: bool) -> None:
    starting(command)


def on_shutdown() -> None:
    stopping()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _site
    _site = Site.from_config(config)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    return _current().add_files(files, config)


def on_env(env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    return _current().use_theme(env)


def on_pre_page(page: Page, *, config: MkDocsConfig, files: Files) -> Page:
    return _current().pre_page(page, config, files)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _current().page_body(html, page)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return _current().finish_page(output, page)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    return _current().finish_template(output_content, template_name)


def on_post_build(*, config: MkDocsConfig) -> None:
    _current().finish_build(config)


def on_build_error(*, error: Exception) -> None:
    if _site is not None:
        _site.abandon()
