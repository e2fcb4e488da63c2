"""Pages stay small when a directory is large: many helping services become a compact list."""

from __future__ import annotations

import pytest
from project import FIXTURES
from waymark.data.catalogue import load_catalogue
from waymark.render import renderer as render
from waymark.settings import Settings


def test_many_helping_services_show_wide_ones_as_cards_and_local_ones_compact(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    catalogue = load_catalogue(FIXTURES / "data")
    order = catalogue.records["order"]["example-order"]
    helpers = {s.id for s in catalogue.helped_by("example-order")}
    assert {"example-helpline", "example-idva"} <= helpers

    renderer = render.Renderer(catalogue, Settings())
    small = renderer.legal_page(order, "../../")
    assert small.count('class="wm-card"') == len(helpers) and 'id="help-local"' not in small

    monkeypatch.setattr(render, "CARD_LIMIT", 1)
    large = render.Renderer(catalogue, Settings()).legal_page(order, "../../")
    assert 'id="help-local"' in large
    cards, compact = large.split('id="help-local"')
    assert "Example Helpline" in cards and "North Testshire IDVA Service" not in cards
    assert 'href="../../services/example-idva/">North Testshire IDVA Service</a>' in compact
    assert "North Testshire" in compact.split("wm-compact__where")[1]
