"""The bridge between MkDocs events and the catalogue. The hook module only calls these."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .catalogue import Catalogue, load_catalogue
from .deploy import write_header_files
from .pages import GeneratedPage, generated_pages, service_pages
from .privacy import add_security_meta, harden_links, inline_script_hashes
from .problems import DataError
from .quick_exit import QuickExit, QuickExitError
from .region import Region, RegionError
from .search import plain_text, write_search_files
from .shell import SHELL_URI, write_pages
from .stale import DEFAULT_MONTHS, StaleSettingError, stale_after_months, warn_stale

ASSETS = Path(__file__).parent / "assets"


class Site:
    """State for one build: the catalogue and the pages it generates."""

    def __init__(
        self,
        catalogue: Catalogue,
        quick_exit: QuickExit | None = None,
        stale_after: int = DEFAULT_MONTHS,
        region: Region | None = None,
    ):
        self.catalogue = catalogue
        self.region = region or Region()
        self.stale_after_months = stale_after
        self.quick_exit = quick_exit or QuickExit()
        self.pages: dict[str, GeneratedPage] = generated_pages(catalogue, self.region)
        self.shell: str | None = None
        self.guides: list[tuple[str, str, str]] = []  # hand-written pages for search: url, title, text
        self.script_hashes: set[str] = set()  # CSP hashes of every page's inline scripts

    @classmethod
    def from_config(cls, config: MkDocsConfig) -> Site:
        """Load data/ beside mkdocs.yml; stop the build with every data problem at once."""
        data_dir = Path(config.config_file_path).parent / "data"
        try:
            catalogue = load_catalogue(data_dir)
            extra = config.extra
            region = Region.from_extra(extra, set(catalogue.areas))
            return cls(catalogue, QuickExit.from_extra(extra), stale_after_months(extra), region)
        except (DataError, QuickExitError, StaleSettingError, RegionError) as err:
            raise PluginError(str(err)) from None

    def add_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add one generated file per page; a hand-written page may not take a generated path."""
        clashes = [uri for uri in self.pages if files.get_file_from_path(uri) is not None]
        if clashes:
            raise PluginError(
                "These docs/ pages clash with generated pages; move or rename them: " + ", ".join(sorted(clashes))
            )
        for page in self.pages.values():
            files.append(File.generated(config, page.src_uri, content=page.stub))
        for asset in sorted(ASSETS.iterdir()):
            files.append(File.generated(config, f"assets/waymark/{asset.name}", abs_src_path=str(asset)))
        return files

    def finish_page(self, output: str, page: Page) -> str:
        """Privacy rules for a built page; the service shell is kept to pour services into."""
        output = self.finish_html(output)
        if page.file.src_uri == SHELL_URI:
            self.shell = output
        return output

    def finish_html(self, html: str) -> str:
        """Every page, including theme pages such as 404: safe links, exit control, CSP."""
        html = self.quick_exit.insert(harden_links(html))
        hashes = inline_script_hashes(html)
        self.script_hashes.update(hashes)
        return add_security_meta(html, hashes)

    def finish_template(self, output: str, template_name: str) -> str:
        """Theme pages rendered outside the page loop (404.html); sitemaps pass through."""
        return self.finish_html(output) if template_name.endswith(".html") else output

    def finish_build(self, config: MkDocsConfig) -> None:
        """After MkDocs: write the service pages and the search files."""
        self.write_services(config)
        write_search_files(Path(config.site_dir), self.catalogue, self.guides, self.catalogue.synonyms)
        write_header_files(Path(config.site_dir), self.script_hashes)
        warn_stale(self.catalogue, self.stale_after_months)

    def write_services(self, config: MkDocsConfig) -> None:
        """Write every service page from the shell (see `shell`)."""
        if self.shell is None:
            raise PluginError("the service page shell was not built")
        pages = [(i, t, d, lambda b=body: harden_links(b())) for i, t, d, body in service_pages(self.catalogue)]
        write_pages(Path(config.site_dir), self.shell, pages)

    def page_body(self, html: str, page: Page) -> str:
        """The body of a generated page (and its table of contents); others pass through."""
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            if not page.url.startswith("maintainers/"):
                self.guides.append((page.url, page.title or "", plain_text(html)))
            return html
        root = "../" * page.url.count("/")
        body, toc = generated.render(root)
        page.toc = get_toc(toc)  # type: ignore[arg-type]
        return body
