"""Pages are bounded by what is specific to them (#23): adding a hundred nation-wide services, some
of them for people who harm, changes no place's own cards and grows no page past its caps."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from project import FIXTURE_TODAY, FIXTURES, card_names
from waymark.data.catalogue import Catalogue, load_catalogue
from waymark.features.places.place import WIDE_CARDS, area_page
from waymark.features.search.page import find_service
from waymark.render.renderer import HARM_CARDS, Renderer
from waymark.settings import Settings

WIDE = 100
HARM_CATEGORY = {
    "id": "perpetrator",
    "name": "Help to stop abusive behaviour",
    "description": "For people worried about their own behaviour.",
    "group": "for-people-who-harm",
}


def fixture_copy(dest: Path, wide: int) -> Catalogue:
    """The fixture data with a category for people who harm and `wide` clones of a local service
    moved to cover all of England or the whole UK (every fourth one, UK-wide, for people who harm)."""
    data = dest / "data"
    shutil.copytree(FIXTURES / "data", data)
    categories = data / "categories.yaml"
    categories.write_text(
        categories.read_text(encoding="utf-8") + yaml.safe_dump([HARM_CATEGORY], sort_keys=False), encoding="utf-8"
    )
    source = yaml.safe_load((data / "services" / "example-idva.yaml").read_text(encoding="utf-8"))
    for number in range(wide):
        area = "national" if number % 2 == 0 else "england"
        record = {**source, "name": f"Wide service {number:03d}", "areas": [area]}
        record.pop("address")
        record["last_verified"] = FIXTURE_TODAY
        record["categories"] = ["perpetrator"] if number % 4 == 0 else ["idva"]
        (data / "services" / f"wide-{number:03d}.yaml").write_text(yaml.safe_dump(record), encoding="utf-8")
    return load_catalogue(data, dt.date.fromisoformat(FIXTURE_TODAY))


def section(html: str, start: str, end: str | None) -> str:
    begin = html.index(start)
    return html[begin : html.index(end, begin)] if end else html[begin:]


@pytest.fixture(scope="module")
def catalogues(tmp_path_factory: pytest.TempPathFactory) -> tuple[Catalogue, Catalogue]:
    """The fixture data as it is, and with WIDE England-wide services added."""
    return (
        fixture_copy(tmp_path_factory.mktemp("small"), 0),
        fixture_copy(tmp_path_factory.mktemp("wide"), WIDE),
    )


def test_a_places_own_cards_do_not_change_when_nation_wide_services_are_added(
    catalogues: tuple[Catalogue, Catalogue],
) -> None:
    small, wide = catalogues
    before = area_page(Renderer(small, Settings()), small.areas["north-testshire"], "../../")
    after = area_page(Renderer(wide, Settings()), wide.areas["north-testshire"], "../../")
    own = ('id="services"', 'id="wide"')
    assert card_names(section(after, *own)) == card_names(section(before, *own)) != []
    shown_wide = [n for n in card_names(section(after, 'id="wide"', None)) if n.startswith("Wide service")]
    assert len(shown_wide) == WIDE_CARDS
    # a hundred more services, WIDE_CARDS cards more: the page does not grow with them
    assert len(after) - len(before) < WIDE_CARDS * 3000


def test_find_a_service_lists_a_bounded_number_of_services_for_people_who_harm(
    catalogues: tuple[Catalogue, Catalogue],
) -> None:
    _, wide = catalogues
    assert sum(s.data["categories"] == ["perpetrator"] for s in wide.services) > HARM_CARDS
    html = find_service(Renderer(wide, Settings()), "../")
    harm = section(html, 'id="for-people-who-harm"', None)
    assert len(card_names(harm)) == HARM_CARDS
    assert 'href="../categories/perpetrator/"' in harm


#: The largest page the issue allows (#23): a maintainer's log that grows past it is split in two.
LARGEST_PAGE = 150 * 1024


def test_no_page_of_the_built_site_is_over_150_kb(built_site: Path) -> None:
    sizes = {p.relative_to(built_site).as_posix(): p.stat().st_size for p in built_site.rglob("*.html")}
    assert sizes
    over = {page: size for page, size in sizes.items() if size > LARGEST_PAGE}
    assert over == {}
