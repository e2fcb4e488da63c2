"""Maintainer tools: generators for bundled data files (run by hand, never during a site build)."""
