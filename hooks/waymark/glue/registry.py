"""The registry of features: every features/<name>/feature.py, found by looking, never by name.

The glue loops over this tuple; adding a feature is adding a folder with a `feature.py` whose
`FEATURE` is a render.feature.Feature. Order is by folder name, so it never depends on the disk.
"""

from __future__ import annotations

import functools
import importlib
from pathlib import Path

from ..render.feature import Feature

FEATURES_DIR = Path(__file__).resolve().parent.parent / "features"


@functools.cache
def features() -> tuple[Feature, ...]:
    """Every feature, in folder-name order."""
    found = []
    for folder in sorted(p for p in FEATURES_DIR.iterdir() if (p / "feature.py").is_file()):
        module = importlib.import_module(f"waymark.features.{folder.name}.feature")
        feature = getattr(module, "FEATURE", None)
        if not isinstance(feature, Feature):
            raise TypeError(f"{folder}/feature.py: expected FEATURE = Feature(...)")
        found.append(feature)
    return tuple(found)
