"""pytest, for the whole project: tests in tests/ and the browser tests beside each feature
(hooks/waymark/features/<name>/test_*.py) share the fixtures below."""

from __future__ import annotations

import pytest

pytest_plugins = ["site_fixtures", "chromium_fixtures", "ons_fixtures"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest tests (marked `slow`) first, the rest in their own order: with two workers, a
    long test left for the end keeps one worker busy while the other has nothing to do."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
