"""The needs-first guide (/help/): its pages (guide.py, guide_*.html)."""

from __future__ import annotations

from ...render.feature import Feature
from .guide import guide_pages

FEATURE = Feature("guide", pages=guide_pages)
