"""One phone rule (data/phones.py): what a number looks like, what can be dialled, its link, numbers in text."""

from __future__ import annotations

import json

import pytest
from project import PROJECT
from waymark.data import phones
from waymark.data.text import phone_numbers_in
from waymark.render.markdown import link_numbers
from waymark.settings import Settings, SettingsError


def test_the_schema_uses_the_phone_module_shape() -> None:
    common = json.loads((PROJECT / "data" / "schema" / "common.schema.json").read_text(encoding="utf-8"))
    assert common["$defs"]["phone_number"]["pattern"] == phones.SHAPE


@pytest.mark.parametrize(
    ("number", "text", "expected"),
    [
        ("0808 2000 247", False, True),
        ("0800 1111", False, True),
        ("+44 20 7008 0151", False, True),
        ("116 123", False, True),
        ("18001 0808 2000 247", False, False),  # a relay prefix and a number: not one number
        ("85258", False, False),  # a short code cannot be called
        ("85258", True, True),  # but can take a text
        ("2345 678", False, False),  # no UK number starts 2
        ("808 2000 247", False, False),  # a spreadsheet dropped the 0
        ("+1 212 555 0100", False, False),
        ("0808 2000 247 ext", False, False),
    ],
)
def test_what_can_be_dialled(number: str, text: bool, expected: bool) -> None:
    assert phones.dialable(number, text) is expected


def test_links_keep_only_digits_and_plus() -> None:
    assert phones.tel_href("0808 2000 247") == "tel:08082000247"
    assert phones.tel_href("+44 (0)20 7008 0151") == "tel:+442070080151"
    assert phones.sms_href("07860 077333") == "sms:07860077333"


@pytest.mark.parametrize("bad", ["2345 678", "808 2000 247", "85258", "999 999 9999 9999 9999 99"])
def test_a_helpline_setting_must_be_a_number_people_can_dial(bad: str) -> None:
    with pytest.raises(SettingsError, match="helplines"):
        Settings.from_extra({"waymark": {"helplines": [{"label": "Line", "number": bad}]}}, {"national"})


def test_a_helpline_setting_that_can_be_dialled_is_kept() -> None:
    settings = Settings.from_extra({"waymark": {"helplines": [{"label": "Line", "number": "0300 123 4567"}]}}, set())
    assert [h.number for h in settings.helplines] == ["0300 123 4567"]


def test_numbers_typed_in_text_are_found_but_short_public_ones_are_not_flagged() -> None:
    text = "Call 0808 2000 247 or 0800 1111, or +44 20 7008 0151. In danger call 999; Samaritans 116 123."
    assert phone_numbers_in(text) == ["08082000247", "08001111", "02070080151"]


def test_numbers_in_page_text_become_links_and_texts_become_sms() -> None:
    html = link_numbers("<p>Call 0808 2000 247, text 07860 077333, or 999.</p>")
    assert '<a href="tel:08082000247">0808 2000 247</a>' in html
    assert '<a href="sms:07860077333">07860 077333</a>' in html
    assert '<a href="tel:999">999</a>' in html


def test_numbers_inside_links_and_addresses_are_left_alone() -> None:
    html = '<p><a href="https://x.example/0808-2000-247">0808 2000 247</a> and https://x.example/p/01234567890</p>'
    assert link_numbers(html) == html
