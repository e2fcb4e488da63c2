"""What a record is: the record types, their folders, URLs and the sections their pages show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from . import reads
from .read import SourceFile

JURISDICTIONS = {
    "england": "England",
    "wales": "Wales",
    "scotland": "Scotland",
    "northern-ireland": "Northern Ireland",
}


@dataclass(frozen=True)
class RecordType:
    """One kind of record: where its files live, its schema and how its page is laid out."""

    name: str  # schema and template name, e.g. "order"
    folder: str  # data/<folder>/ and /<folder>/<id>/
    title: str  # hub page title
    singular: str
    date_field: str  # the date a person last checked it
    # (field, heading) pairs for the "for workers" part, in page order
    sections: tuple[tuple[str, str], ...]

    @property
    def is_legal(self) -> bool:
        """Legal records (orders, duties, routes, options) can be linked by bare id."""
        return self.name != "service"


SERVICE = RecordType(
    "service",
    "services",
    "Find a service",
    "service",
    "last_verified",
    (("description", "About this service"),),
)
ORDER = RecordType(
    "order",
    "orders",
    "Protective orders and offences",
    "order",
    "last_reviewed",
    (
        ("status_note", "Where and since when"),
        ("elements", "What counts as this offence"),
        ("who_can_apply", "Who can apply"),
        ("how_to_apply", "How to apply"),
        ("cost", "Cost and legal aid"),
        ("timescale", "How long it takes"),
        ("duration", "How long it lasts"),
        ("breach", "If it is broken"),
        ("penalty", "Maximum penalty"),
        ("evidence", "Evidence that helps"),
    ),
)
HOUSING = RecordType(
    "housing",
    "housing",
    "Housing and homelessness duties",
    "housing duty",
    "last_reviewed",
    (
        ("who_owes", "Who owes this duty"),
        ("trigger", "What triggers it"),
        ("what_you_get", "What the person gets"),
        ("time_limits", "Time limits"),
        ("what_to_bring", "What to bring"),
        ("what_to_say", "What to say at the council"),
        ("challenge", "How to challenge a decision"),
    ),
)
_ROUTE_SECTIONS = (
    ("who_qualifies", "Who qualifies"),
    ("what_it_gives", "What it gives"),
    ("duration", "How long it lasts"),
    ("how_to_apply", "How to apply"),
    ("evidence", "Evidence"),
    ("timescale", "How long it takes"),
    ("cost", "Cost"),
    ("who_can_help", "Who can help"),
    ("risks", "Risks to weigh"),
)
NRPF = RecordType(
    "nrpf",
    "nrpf",
    "No recourse to public funds (NRPF): routes to support",
    "NRPF route",
    "last_reviewed",
    _ROUTE_SECTIONS,
)
SUPPORT = RecordType(
    "support",
    "support",
    "Money, health and safeguarding",
    "support option",
    "last_reviewed",
    _ROUTE_SECTIONS,
)

JUSTICE = RecordType(
    "justice",
    "justice",
    "Through the justice system: reporting, rights, court and release",
    "justice step",
    "last_reviewed",
    (
        ("status_note", "Where and since when"),
        ("what_happens", "What happens"),
        ("your_rights", "Your rights"),
        ("who_qualifies", "Who qualifies"),
        ("how_to_apply", "How to ask for it"),
        ("timescale", "Time limits and how long it takes"),
        ("how_to_complain", "If it goes wrong: reviews and complaints"),
        ("who_can_help", "Who can help"),
        ("risks", "Things to weigh"),
    ),
)

RECORD_TYPES: tuple[RecordType, ...] = (SERVICE, ORDER, HOUSING, NRPF, SUPPORT, JUSTICE)
LEGAL_TYPES: tuple[RecordType, ...] = tuple(t for t in RECORD_TYPES if t.is_legal)

ORDER_KINDS = {
    "civil": "Civil orders (you or someone for you applies to a court)",
    "police": "Police-led notices, orders and schemes",
    "criminal": "Criminal court orders and bail",
    "offence": "Offences to name when reporting",
}


#: Who a service is for (`eligibility.for` in service.schema.json), as people read it; a test holds
#: the keys to the schema's enum.
AUDIENCES = {
    "everyone": "Everyone",
    "women": "Women",
    "men": "Men",
    "lgbt": "LGBT+ people",
    "black-minoritised": "Black and minoritised people",
    "deaf": "Deaf people",
    "disabled": "Disabled people",
    "older": "Older people",
    "children-young-people": "Children and young people",
}
#: The local doors a service can be (`role` in service.schema.json), in the order a place's page
#: shows them after the 24-hour lines, with each one's heading; a test holds the keys to the schema.
ROLES = {
    "council-homelessness": "Your council: somewhere safe to live",
    "sarc": "After rape or sexual assault: a sexual assault referral centre (SARC)",
    "paediatric-sarc": "For children and young people: a SARC for under-18s",
    "rape-crisis-centre": "Rape Crisis centre",
}
#: A legal record's `status` (common.schema.json), as its page labels it ("in-force" has no label).
STATUS_LABELS = {
    "pilot": "Pilot: only in some areas so far",
    "partly-in-force": "Only partly in force",
    "not-in-force": "Not in force yet",
    "unconfirmed": "Not confirmed: check before relying on it",
}
JURISDICTION_GROUPS = (
    ("england-wales", "England and Wales", {"england", "wales"}),
    ("scotland", "Scotland", {"scotland"}),
    ("northern-ireland", "Northern Ireland", {"northern-ireland"}),
)
#: The first paragraph of each legal type's hub page.
HUB_INTROS = {
    "housing": "What your council must do if you are homeless or at risk because of abuse, and how "
    "to stay safe in your home. The law differs in England, Wales, Scotland and Northern Ireland.",
    "nrpf": "If your visa says no recourse to public funds, you can still get help. These routes give "
    "money, somewhere to live or a way to stay. Get advice from a regulated immigration adviser.",
    "support": "Money, child maintenance, legal aid and how workers make safeguarding and MARAC referrals.",
    "justice": "What happens after you report, the rights you have, court, and being told when "
    "he is released. The system differs in England and Wales, Scotland and Northern Ireland.",
}


@dataclass
class Record:
    """One validated record: its type, id, data and the file it came from.

    Reading `data` is noted while a page that depends on it is made (data/reads.py: under `make
    serve`, a page is made again only when what it read changed); `fields` is the same data, read
    without a note (for digests and checks that are not a page's).
    """

    type: RecordType
    id: str
    fields: dict[str, Any]
    source: SourceFile

    @property
    def data(self) -> dict[str, Any]:
        """The record's fields (the read is noted: see the class)."""
        if reads.is_open:
            reads.note_record(self.id)
        return self.fields

    @property
    def url(self) -> str:
        """Site-relative URL of the record's page, e.g. ``orders/non-molestation-order/``."""
        return f"{self.type.folder}/{self.id}/"

    @property
    def name(self) -> str:
        """The record's display name."""
        return str(self.data.get("name", self.id))

    @property
    def checked_on(self) -> dt.date | None:
        """The date a person last checked this record against its sources."""
        value = self.data.get(self.type.date_field)
        try:
            return dt.date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            return None


def kind_label(record: Record) -> str:
    """What a legal record is, in a few words: an order's kind ("Civil orders"), else its type ("NRPF route")."""
    if record.type is ORDER:
        return ORDER_KINDS[record.data["kind"]].split(" (")[0]
    singular = record.type.singular
    return singular[:1].upper() + singular[1:]
