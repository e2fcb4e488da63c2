"""Publishing: the shipped nginx config, run by a real nginx on 127.0.0.1, and Netlify's _headers."""

from __future__ import annotations

import gzip
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from project import PROJECT, free_port
from waymark.render.privacy import content_security_policy

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
WANTED = {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}


class Nginx:
    """A real nginx serving the built site with deploy/nginx.conf (paths and port changed only)."""

    def __init__(self, site: Path, work: Path) -> None:
        self.port = free_port()
        self.log = work / "access.log"
        conf = (PROJECT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
        conf = conf.replace("listen 80;", f"listen 127.0.0.1:{self.port};")
        conf = conf.replace("/var/www/waymark/site", str(site))
        conf = conf.replace("/var/log/nginx/waymark.access.log", str(self.log))
        conf = conf.replace("/var/log/nginx/waymark.error.log", str(work / "error.log"))
        (work / "waymark.conf").write_text(conf, encoding="utf-8")
        (work / "nginx.conf").write_text(
            # As a real install: workers run as an unprivileged user, who must be able to read the site.
            ("user nobody nogroup;\n" if os.geteuid() == 0 else "")
            + f"pid {work}/nginx.pid;\nerror_log {work}/main-error.log;\nevents {{}}\n"
            f"http {{\n  include /etc/nginx/mime.types;\n  client_body_temp_path {work};\n"
            f"  proxy_temp_path {work};\n  fastcgi_temp_path {work};\n  uwsgi_temp_path {work};\n"
            f"  scgi_temp_path {work};\n  include {work}/waymark.conf;\n}}\n",
            encoding="utf-8",
        )
        self.process = subprocess.Popen(
            [NGINX, "-p", str(work), "-c", str(work / "nginx.conf"), "-g", "daemon off;"],
            stderr=subprocess.PIPE,
        )
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.1).close()
                return
            except OSError:
                if self.process.poll() is not None:
                    errors = self.process.stderr.read().decode()  # type: ignore[union-attr]
                    raise AssertionError(f"nginx did not start: {errors}") from None
                time.sleep(0.05)
        raise AssertionError("nginx did not start listening")

    def get(self, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as err:
            return err.code, dict(err.headers), err.read()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def public_site(built_site: Path) -> Iterator[Path]:
    """The bundled site as `make build` built it (its own modes kept), under a folder anyone may
    enter (like /var/www): a web server's own user must be able to read it."""
    parent = Path(tempfile.mkdtemp(prefix="waymark-www-"))
    parent.chmod(0o755)
    try:
        shutil.copytree(built_site, parent / "site", symlinks=True)
        yield parent / "site"
    finally:
        shutil.rmtree(parent, ignore_errors=True)


@pytest.fixture(scope="module")
def nginx(public_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Nginx]:
    assert Path(NGINX).exists(), "nginx is missing: `make test` installs it"
    server = Nginx(public_site, tmp_path_factory.mktemp("nginx"))
    yield server
    server.stop()


@pytest.mark.parametrize("path", ["/", "/orders/", "/cover-your-tracks/", "/search/"])
def test_nginx_sends_every_security_header(nginx: Nginx, path: str) -> None:
    status, headers, body = nginx.get(path)
    assert status == 200
    for name, value in WANTED.items():
        assert headers.get(name) == value, name
    assert "camera=()" in headers["Permissions-Policy"] and "geolocation=()" in headers["Permissions-Policy"]
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp and "unsafe-inline" not in csp
    # The same policy as the page's own meta tag: scripts from this site only, no inline script at all.
    assert csp == content_security_policy() + "; frame-ancestors 'none'" and "sha256" not in csp
    assert f'content="{content_security_policy()}"' in body.decode("utf-8")


def test_nginx_404_page_hides_header_files_and_gzips(nginx: Nginx) -> None:
    status, headers, body = nginx.get("/no-such-page/")
    assert status == 404 and b"Exit this page" in body and headers.get("Referrer-Policy") == "no-referrer"
    assert nginx.get("/_headers")[0] == 404 and nginx.get("/_headers.nginx")[0] == 404
    status, headers, body = nginx.get("/assets/waymark/search.js", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("Content-Encoding") == "gzip" and gzip.decompress(body)


def test_nginx_access_log_records_no_ip_query_referrer_or_agent(nginx: Nginx) -> None:
    nginx.get("/orders/?q=secret-words", Referer="https://elsewhere.example/", **{"User-Agent": "AgentSmith/1"})
    for _ in range(50):  # nginx writes the line after the response
        if nginx.log.exists() and "/orders/" in nginx.log.read_text():
            break
        time.sleep(0.05)
    log = nginx.log.read_text()
    assert '"GET /orders/ HTTP/1.1" 200' in log
    for leak in ("127.0.0.1", "secret-words", "elsewhere", "AgentSmith"):
        assert leak not in log, leak


def test_netlify_headers_match_the_nginx_headers(built_site: Path) -> None:
    netlify = (built_site / "_headers").read_text(encoding="utf-8").splitlines()
    assert netlify[0] == "/*"
    names = dict(line.strip().split(": ", 1) for line in netlify[1:])
    nginx_lines = (built_site / "_headers.nginx").read_text(encoding="utf-8")
    for name, value in names.items():
        assert f'add_header {name} "{value}" always;' in nginx_lines
    assert names["Referrer-Policy"] == "no-referrer" and "frame-ancestors 'none'" in names["Content-Security-Policy"]


def test_lookup_files_are_served_but_never_logged(nginx: Nginx) -> None:
    """A postcode file's name gives the area letters someone typed; a search file, the region searched."""
    assert nginx.get("/postcode/LS.json")[0] == 200 and nginx.get("/search/core.json")[0] == 200
    assert nginx.get("/sheet/services-national.json")[0] == 200
    # Every language's files too (#25): the Welsh site's search and sheet data are never logged.
    assert nginx.get("/cy/search/core.json")[0] == 200 and nginx.get("/cy/sheet/services-national.json")[0] == 200
    assert nginx.get("/search/")[0] == 200  # the search page itself is a page like any other
    nginx.get("/orders/")  # a marker request after them: once it is logged, the earlier ones would be
    for _ in range(50):
        if nginx.log.exists() and nginx.log.read_text().count("/orders/") >= 2:
            break
        time.sleep(0.05)
    log = nginx.log.read_text()
    assert "/postcode/" not in log and "core.json" not in log and "services-national" not in log
    assert "/cy/search/" not in log and "/cy/sheet/" not in log
