"""The bridge between MkDocs events and Waymark. The hook module (hooks/waymark_hooks.py) only calls these.

One `Site` per build: the checked settings and catalogue, the pages they generate, and what the
build collects on the way (the page shell, hand-written guides for search, every page's URL).
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import jinja2
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .. import i18n
from ..data.catalogue import Catalogue, load_catalogue, today_for_checks
from ..data.freshness import warn_stale
from ..data.languages import language
from ..data.problems import DataError
from ..data.reuse import MEMO
from ..render.crisis import deaf_routes
from ..render.deploy import write_header_files
from ..render.feature import Output
from ..render.lookup import asset_files, shipped_script, stylesheet
from ..render.markdown import link_numbers
from ..render.pages import GeneratedPage
from ..render.renderer import Renderer, compiled_templates
from ..render.shards import plain_text
from ..render.toc import toc_tokens
from ..settings import Settings, SettingsError
from .blocks import UnknownBlock, fill_blocks
from .finish import finish_content, finish_document
from .languages import OtherLanguages, OtherLanguagesFailed, handed_over, serve_worker
from .markdown_memo import MARKDOWN
from .page_memo import PAGES, outside_digest
from .pages import PageClash, generated_pages
from .registry import features
from .writer import BODY, SHELL_STUB, SHELL_TOC, Shell, depth_of, shell_uri, trimmed, write_sitemap, writing_pages

ASSET_URL = "assets/waymark/"
STYLESHEET = "waymark.css"  # render/assets' CSS and every feature's, one file: one request
TOC_LIST = '<ul class="md-nav__list" data-md-component="toc"'  # the theme's contents list of a page


def use_translated_pages(files: Files, config: MkDocsConfig, language: str) -> set[str]:
    """A hand-written page may have a version in another language beside it (`x.cy.md` beside
    `x.md`): that language's build uses it in place of the English page, at the same address, and
    no build publishes it as a page of its own. Returns the pages replaced."""
    replaced = set()
    others = i18n.languages()[1:]
    for file in list(files):
        code = next((c for c in others if file.src_uri.endswith(f".{c}.md")), None)
        if code is None:
            continue
        files.remove(file)
        english = files.get_file_from_path(file.src_uri.removesuffix(f".{code}.md") + ".md")
        if code == language and english is not None and file.abs_src_path is not None:
            files.remove(english)
            files.append(File.generated(config, english.src_uri, abs_src_path=file.abs_src_path))
            replaced.add(english.src_uri)
    return replaced


def starting(command: str) -> None:
    """MkDocs starts `command`: under `serve`, which builds again at every edit, loads reuse what
    did not change (data/reuse.py); a single build keeps nothing."""
    MEMO.enable(command == "serve")
    MARKDOWN.enable(command == "serve")
    PAGES.enable(command == "serve")
    serve_worker(command == "serve")  # after the memos: the worker keeps its own


def stopping() -> None:
    """MkDocs stops (`make serve` ended): the worker building the other languages goes too."""
    serve_worker(False)


class Site:
    """State for one build."""

    def __init__(self, catalogue: Catalogue, settings: Settings):
        self.catalogue = catalogue
        self.settings = settings
        self.renderer = Renderer(catalogue, settings)
        try:
            self.pages: dict[str, GeneratedPage] = generated_pages(self.renderer)
        except PageClash as err:
            raise PluginError(str(err)) from None
        self.shell_depths = sorted({depth_of(p.src_uri) for p in self.pages.values() if p.fast} or {2})
        self.shell_uris = {shell_uri(depth): depth for depth in self.shell_depths}
        self.shell_html: dict[int, str] = {}
        self.theme: jinja2.Environment | None = None
        self.guides: list[tuple[str, str, str]] = []  # hand-written pages for search: url, title, text
        self.urls: list[str] = []  # every page MkDocs wrote, for the sitemap
        self.unsafe: list[str] = []  # pages the finishing rules refused
        self.translated: set[str] = set()  # hand-written pages this language has its own text of
        self.others: OtherLanguages | None = None  # the English build's other languages (glue/languages.py)
        self.converted: set[str] = set()  # the Markdown pages of this build (glue/markdown_memo.py)

    @classmethod
    def from_config(cls, config: MkDocsConfig) -> Site:
        """Load data/ beside mkdocs.yml and the settings; stop the build with every problem at once."""
        data_dir = Path(config.config_file_path).parent / "data"
        try:
            catalogue = handed_over(data_dir) or load_catalogue(data_dir)
            settings = Settings.from_extra(dict(config.extra), set(catalogue.areas))
        except (DataError, SettingsError) as err:
            raise PluginError(str(err)) from None
        language = str(config.theme.get("language") or "en")
        if language not in i18n.languages():
            raise PluginError(
                f"theme.language {language!r}: Waymark has interface strings in {', '.join(i18n.languages())}"
            )
        problems = i18n.catalogue_problems()
        if problems:
            raise PluginError("interface strings (hooks/waymark/i18n/):\n" + "\n".join(f"  {p}" for p in problems))
        i18n.use(language)
        built = i18n.built_languages(Path(config.config_file_path))
        settings = replace(settings, site_url=config.site_url or "", language=language, languages=built)
        if language != i18n.SOURCE_LANGUAGE and config.nav:
            config.nav = i18n.translate_nav(config.nav)
        site = cls(catalogue, settings)
        docs = Path(config.docs_dir)
        PAGES.begin(catalogue, lambda: outside_digest(catalogue, docs, language, repr(settings), today_for_checks()))
        config.extra_css.append(ASSET_URL + STYLESHEET)
        for feature in features():
            for name in feature.scripts:
                config.extra_javascript.append(ExtraScriptValue(ASSET_URL + name))
        return site

    def add_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add the generated pages MkDocs renders, the page shell and the assets."""
        clashes = [uri for uri in [*self.pages, *self.shell_uris] if files.get_file_from_path(uri) is not None]
        if clashes:
            raise PluginError(
                "These docs/ pages clash with generated pages; move or rename them: " + ", ".join(sorted(clashes))
            )
        self.translated = use_translated_pages(files, config, self.settings.language)
        if self.settings.language == i18n.SOURCE_LANGUAGE and self.others is None:
            # The site folder is clean now: the other languages may start writing theirs.
            self.others = OtherLanguages(config, self.catalogue)
            self.others.start()
        for page in self.pages.values():
            if not page.fast:
                files.append(File.generated(config, page.src_uri, content=page.stub))
        for uri in self.shell_uris:
            files.append(File.generated(config, uri, content=SHELL_STUB))
        for name, path in asset_files().items():
            files.append(File.generated(config, ASSET_URL + name, content=shipped_script(path)))
        files.append(File.generated(config, ASSET_URL + STYLESHEET, content=stylesheet()))
        return files

    def use_theme(self, env: jinja2.Environment) -> jinja2.Environment:
        """The theme's templates see the same settings as the Python (`waymark` in overrides/)."""
        env.bytecode_cache = compiled_templates()
        env.globals["waymark"] = self.settings
        env.globals["_"] = i18n._
        env.globals["language_own_name"] = lambda code: (language(code) or language("en")).own  # type: ignore[union-attr]
        env.globals["waymark_deaf_routes"] = deaf_routes(self.renderer)
        for feature in features():
            env.globals.update(feature.theme_globals(self.renderer))
        self.theme = env
        return env

    def pre_page(self, page: Page, config: MkDocsConfig, files: Files) -> Page:
        """Before MkDocs reads a page: under serve, its conversion is reused while its inputs are the same."""
        self.converted.add(page.file.src_uri)
        MARKDOWN.wrap(page, config, files)
        return page

    def page_body(self, html: str, page: Page) -> str:
        """The body of a generated page and its contents list (from its headings); others pass through."""
        if page.file.src_uri in self.shell_uris:
            page.toc = get_toc(SHELL_TOC)  # type: ignore[arg-type]
            return BODY
        generated = self.pages.get(page.file.src_uri)
        root = "../" * page.url.count("/")
        if generated is None:
            if not page.url.startswith("maintainers/"):
                self.guides.append((page.url, page.title or "", plain_text(html)))
            try:
                filled = fill_blocks(link_numbers(html), self.renderer, root)
            except UnknownBlock as err:
                raise PluginError(f"{page.file.src_uri}: {err}") from None
            if "waymark:" in html:  # blocks bring headings of their own: the contents list follows them
                page.toc = get_toc(toc_tokens(filled))  # type: ignore[arg-type]
            if page.file.src_uri in self.translated:  # written in this language: its own title and text
                return filled
            if page.title and self.settings.language != i18n.SOURCE_LANGUAGE:
                page.meta["title"] = i18n._(page.title)  # a title the interface also uses (nav) is translated
            return i18n.english_page(filled)

        body = PAGES.body(f"{self.settings.language}:{generated.src_uri}", lambda: generated.render(root))
        page.toc = get_toc(toc_tokens(body))  # type: ignore[arg-type]
        return body

    def finish(self, output: str, where: str) -> str:
        """The finishing rules; anything unsafe is remembered and fails the build at the end."""
        html, unsafe = finish_document(output, self.settings)
        if unsafe:
            self.unsafe.append(f"{where or 'the home page'}: {', '.join(unsafe)}")
        return html

    def finish_page(self, output: str, page: Page) -> str:
        """A page MkDocs wrote; the shell is kept as it is, to pour the fast pages into."""
        if page.file.src_uri in self.shell_uris:
            self.shell_html[self.shell_uris[page.file.src_uri]] = output
            return output
        self.urls.append(page.url)
        generated = self.pages.get(page.file.src_uri)
        if generated is None and self.settings.language != i18n.SOURCE_LANGUAGE:
            # A hand-written page is in English: so are the headings its contents list repeats.
            output = output.replace(TOC_LIST, TOC_LIST.replace("<ul ", '<ul lang="en" '))
        return self.finish(output, f"{page.url} ({generated.source or 'generated'})" if generated else page.url)

    def finish_template(self, output: str, template_name: str) -> str:
        """Theme pages rendered outside the page loop (404.html); sitemaps pass through (rewritten later)."""
        return self.finish(output, template_name) if template_name.endswith(".html") else output

    def finish_build(self, config: MkDocsConfig) -> None:
        """After MkDocs: the fast pages, search files, deploy headers and sitemap; then fail if any page was unsafe."""
        site_dir = Path(config.site_dir)
        if set(self.shell_html) != set(self.shell_depths) or self.theme is None:
            raise PluginError("the page shells were not built")
        toc_item = self.theme.get_template("partials/toc-item.html")
        shells = {}
        for depth, html in self.shell_html.items():
            finished, unsafe = finish_document(html, self.settings)
            if unsafe:
                self.unsafe.append(f"every page out of the nav (the theme around them): {', '.join(unsafe)}")
            shells[depth] = Shell(trimmed(finished), toc_item, depth)
        fast = [page for page in self.pages.values() if page.fast]
        source_language = self.settings.language == i18n.SOURCE_LANGUAGE
        language = self.settings.language
        output = Output(
            site_dir,
            self.renderer,
            tuple(self.guides),
            source_language,
            keep=lambda key, make: PAGES.body(f"{language}:files:{key}", make),
        )
        # The features' files (search, sheet, postcode shards) read the records, not the pages: this
        # process writes them while the other cores write the pages.
        with writing_pages(site_dir, shells, fast, finish_content) as written:
            for feature in features():
                if feature.files is not None:
                    feature.files(output)
            if source_language:  # other languages share the English site's headers
                write_header_files(site_dir)
            else:
                (site_dir / ASSET_URL / "strings.js").write_text(
                    i18n.CURRENT.script_strings(i18n.script_msgids()), encoding="utf-8"
                )
                # The server answers every missing address with the English site's not-found page (it
                # links to this language's home); a second one here would load the English site's assets.
                (site_dir / "404.html").unlink(missing_ok=True)
            refused = written()
        self.unsafe += [f"{url} ({source}): {', '.join(found)}" for url, source, found in refused]
        if self.unsafe:
            lines = "\n".join(f"  {line}" for line in self.unsafe)
            raise PluginError(
                f"{len(self.unsafe)} page(s) hold something that could run or redirect; record text must stay "
                f"text (check the data files named):\n{lines}"
            )
        write_sitemap(site_dir, config.site_url or "", [*self.urls, *(p.url for p in fast)])
        if self.settings.language == i18n.SOURCE_LANGUAGE:
            MARKDOWN.keep_only(self.converted)
        PAGES.end()
        warn_stale(self.catalogue, self.settings.stale_after_months)
        for warning in self.settings.warnings:
            print(f"WARNING - waymark: {warning}", file=sys.stderr)
        if self.settings.language != i18n.SOURCE_LANGUAGE:
            print(f"INFO    - waymark: {i18n.review_line(self.settings.language)}", file=sys.stderr)
        elif self.others is not None:
            others, self.others = self.others, None
            try:
                others.finish()
            except OtherLanguagesFailed as err:
                raise PluginError(f"the build of another language failed:\n{err}") from None

    def abandon(self) -> None:
        """The build failed: stop the other languages' build if it runs."""
        if self.others is not None:
            self.others.abandon()
            self.others = None
