"""Fixtures: the pinned ONS postcode release, read once per worker.

Reading all 2.7 million postcodes takes about 5 seconds; the postcode, postcode-box and area-tree
tests share one reading. (pytest-xdist's `--dist loadgroup` would send them all to one worker, but
with pytest 9 it does not group: xdist 3.8 renames the tests through a field pytest 9 no longer reads.)
"""

from __future__ import annotations

import pytest
from waymark.tools.areas_source import read_postcodes


@pytest.fixture(scope="session")
def ons_postcodes() -> list[tuple[str, str]]:
    """Every postcode of the pinned release with its authority's GSS code, as the build reads them."""
    return list(read_postcodes())
