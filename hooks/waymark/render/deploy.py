"""HTTP security headers for a published site, written at build for Netlify and nginx.

The pages already carry a CSP and referrer policy as <meta> tags (see `privacy`), which is all
GitHub Pages allows. A host that can send headers adds what a meta tag cannot: frame-ancestors
(no framing), nosniff, a Permissions-Policy. The header CSP is the same policy as the meta tag.

Files written into the site folder (the server must not serve them; deploy/nginx.conf refuses):
- `_headers`         Netlify's format, read from the publish folder;
- `_headers.nginx`   `add_header` lines that deploy/nginx.conf includes.
"""

from __future__ import annotations

from pathlib import Path

from .privacy import content_security_policy

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=(), browsing-topics=()"
)


def security_headers() -> dict[str, str]:
    """The headers every response carries."""
    csp = content_security_policy() + "; frame-ancestors 'none'"
    return {
        "Content-Security-Policy": csp,
        "Referrer-Policy": "no-referrer",
        "Permissions-Policy": PERMISSIONS_POLICY,
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


def netlify_headers(headers: dict[str, str]) -> str:
    """Netlify `_headers`: every path gets the headers; the header files themselves are hidden."""
    lines = ["/*"] + [f"  {name}: {value}" for name, value in headers.items()]
    return "\n".join(lines) + "\n"


def nginx_headers(headers: dict[str, str]) -> str:
    """nginx `add_header ... always;` lines for deploy/nginx.conf to include."""
    lines = ["# Written by `make build` (waymark.deploy). Included by deploy/nginx.conf."]
    lines += [f'add_header {name} "{value}" always;' for name, value in headers.items()]
    return "\n".join(lines) + "\n"


def write_header_files(site_dir: Path) -> None:
    """Write `_headers` (Netlify) and `_headers.nginx` into the built site."""
    headers = security_headers()
    (site_dir / "_headers").write_text(netlify_headers(headers), encoding="utf-8")
    (site_dir / "_headers.nginx").write_text(nginx_headers(headers), encoding="utf-8")
