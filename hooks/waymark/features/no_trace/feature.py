"""No trace: Material's storage helpers replaced by ones that keep nothing (no-storage.js).

The theme loads no-storage.js itself (overrides/partials/javascripts/base.html), before any of
Material's scripts run, so this feature adds nothing else to a page.
"""

from __future__ import annotations

from ...render.feature import Feature

FEATURE = Feature("no_trace")
