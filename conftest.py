"""pytest, for the whole project: tests in tests/ and the browser tests beside each feature
(hooks/waymark/features/<name>/test_*.py) share the fixtures below."""

pytest_plugins = ["site_fixtures", "chromium_fixtures", "ons_fixtures"]
