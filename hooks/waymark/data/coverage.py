"""How much of the UK the local layer covers: councils with a verified homelessness number, and
councils a SARC or a Rape Crisis centre serves. Printed by `make check` and `make bench`."""

from __future__ import annotations

from dataclasses import dataclass

from .catalogue import Catalogue


@dataclass(frozen=True)
class Coverage:
    """Counts of local authorities (councils) by what the directory has for them."""

    councils: int
    with_route: int  # a homelessness route record
    with_phone: int  # ... that gives a number read on an official page
    with_sarc: int
    with_rape_crisis: int

    def __str__(self) -> str:
        def share(n: int) -> str:
            return f"{n} ({n / self.councils:.0%})" if self.councils else str(n)

        return (
            f"local layer, of {self.councils} councils: homelessness route {share(self.with_route)}, "
            f"with a verified number {share(self.with_phone)}; a SARC {share(self.with_sarc)}; "
            f"a Rape Crisis centre {share(self.with_rape_crisis)}"
        )


def local_coverage(catalogue: Catalogue) -> Coverage:
    """What the local layer gives each council (a service covers a council when it lists it or a
    place around it: its county, region or nation)."""
    councils = [a for a in catalogue.areas.values() if a.level == "local-authority"]
    served: dict[str, set[str]] = {"council-homelessness": set(), "sarc": set(), "rape-crisis-centre": set()}
    phoned: set[str] = set()
    for service in catalogue.services:
        role = service.data.get("role")
        role = "sarc" if role == "paediatric-sarc" else role
        if role not in served:
            continue
        listed = set(service.data["areas"])
        for council in councils:
            if council.id in listed or listed & {a.id for a in council.ancestors()}:
                served[role].add(council.id)
                if role == "council-homelessness" and (service.data["contact"].get("phones")):
                    phoned.add(council.id)
    return Coverage(
        len(councils),
        len(served["council-homelessness"]),
        len(phoned),
        len(served["sarc"]),
        len(served["rape-crisis-centre"]),
    )
