"""A service card: the few facts someone needs to act (name, who runs it, what it does, a number).

One markup (`_card.html`) for every list of services: pages render it on the server, and search
and the filters clone the same markup from a `<template>` in the page and fill its slots, so the
card cannot look different in a list that JavaScript built. `card_data` is the one definition of
what a card holds; search ships the same keys in its files.
"""

from __future__ import annotations

from typing import Any

from ..data.model import Record
from ..data.phones import sms_href, tel_href

#: What each key of a card holds (search files use the same short keys: 10,000 cards may be fetched).
CARD_KEYS = {
    "u": "page address",
    "t": "name",
    "o": "organisation",
    "s": "summary",
    "p": "first phone number",
    "pl": "its label",
    "ph": "its tel: link",
    "tx": "first text (SMS) number",
    "txh": "its sms: link",
    "h": "open 24 hours",
    "web": "its own website, when it has no number to call or text (every card shows a way in)",
}


def card_data(record: Record) -> dict[str, Any]:
    """The card of one service, as plain data (keys: CARD_KEYS)."""
    data = record.data
    contact = data["contact"]
    phones = contact.get("phones") or []
    texts = contact.get("texts") or []
    return {
        "u": record.url,
        "t": record.name,
        "o": data["organisation"],
        "s": data["summary"],
        "p": phones[0]["number"] if phones else "",
        "ph": tel_href(phones[0]["number"]) if phones else "",
        "pl": phones[0].get("label", "") if phones else "",
        "tx": texts[0]["number"] if texts else "",
        "txh": sms_href(texts[0]["number"]) if texts else "",
        "h": bool(contact.get("open_24_7")),
        "web": "" if phones or texts else contact.get("website") or contact.get("webchat") or "",
    }


#: The card the browser clones: every slot present, so the script only fills or removes them
#: ("open": the "Open now" badge, which only the browser can know).
TEMPLATE_CARD = {
    "u": "",
    "t": "",
    "o": "",
    "s": "",
    "p": "0",
    "ph": "tel:0",
    "pl": "-",
    "tx": "0",
    "txh": "sms:0",
    "h": True,
    "open": True,
    "web": "https://x",
}
