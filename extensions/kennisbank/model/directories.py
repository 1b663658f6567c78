"""The directories: who works where, which network does what. Pure.

Each function takes all objects and returns plain groupings; the Sphinx glue
in :mod:`kennisbank.sphinx_ext.directories` turns them into tables and lists.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from .objects import KBObject, Role
from .relations import RelationIndex, fold, of_kind, sort_key
from .schema import Evenement, Netwerk, Organisatie, Persoon
from .timeline import role_label, role_state, role_wording

#: Board functions in the order a board lists them; other functions follow alphabetically.
BOARD_ORDER = ("voorzitter", "vice-voorzitter", "secretaris", "penningmeester", "lid")
NO_EXPERTISE = "Zonder vastgelegd vakgebied"


def networks_by_expertise(objects: Mapping[str, KBObject]) -> list[tuple[str, list[KBObject]]]:
    groups: dict[str, list[KBObject]] = defaultdict(list)
    for network in of_kind(objects, "netwerk"):
        for area in network.get(Netwerk.expertise) or (NO_EXPERTISE,):
            groups[area].append(network)
    # The networks without an area come last, whatever their name.
    return sorted(groups.items(), key=lambda item: (item[0] == NO_EXPERTISE, fold(item[0])))


@dataclass(frozen=True)
class Membership:
    person: KBObject
    role: Role
    today: dt.date | None = None  # the day it is shown on: a role with dates reads as it does then

    @property
    def label(self) -> str:
        """'voorzitter, sinds 14 juni 2023'; without a day, as written."""
        return self.role.label if self.today is None else role_label(self.role, self.today)

    @property
    def is_past(self) -> bool:
        return self.today is not None and role_state(self.role, self.today) == "voorbij"


@dataclass(frozen=True)
class OrganisationEntry:
    organisation: KBObject
    people: tuple[Membership, ...]
    networks: tuple[tuple[KBObject, str], ...]  # network, "coördinator" or "lid"
    events: tuple[KBObject, ...]
    parts: tuple[KBObject, ...]  # organisations that are part of this one


def memberships(objects: Mapping[str, KBObject], today: dt.date | None = None) -> dict[str, list[Membership]]:
    """Every role, by the id of its organisation or network, in board order then by name; past roles last."""
    by_org: dict[str, list[Membership]] = defaultdict(list)
    for person in of_kind(objects, "persoon"):
        for role in person.get(Persoon.rollen) or ():
            by_org[role.target].append(Membership(person, role, today))
    return {org: sorted(items, key=_role_order) for org, items in by_org.items()}


@dataclass(frozen=True)
class NetworkMembers:
    """Who takes part in a network: organisations (its ``leden``) and people (by their ``rollen``)."""

    organisations: tuple[KBObject, ...]
    people: tuple[Membership, ...]

    def __bool__(self) -> bool:
        return bool(self.organisations or self.people)


def network_members(index: RelationIndex, network: KBObject) -> NetworkMembers:
    """The members of one network, each group in listing order; ids that name nothing were reported."""
    objects = index.objects
    ids = network.get(Netwerk.leden) or ()
    organisations = sorted(
        (objects[i] for i in set(ids) if i in objects and objects[i].kind == "organisatie"), key=sort_key
    )
    people = [
        Membership(person, role, index.today)
        for person in (objects[source] for source in index.incoming(network.id))
        if person.kind == "persoon"
        for role in person.get(Persoon.rollen) or ()
        if role.target == network.id
    ]
    return NetworkMembers(tuple(organisations), tuple(sorted(people, key=_role_order)))


def _role_order(membership: Membership) -> tuple[bool, int, str, str]:
    role, today = membership.role, membership.today
    function = (role_wording(role, today)[0] if today is not None else role.function).casefold()
    rank = BOARD_ORDER.index(function) if function in BOARD_ORDER else len(BOARD_ORDER)
    return (membership.is_past, rank, fold(function), fold(membership.person.title))


def organisation_directory(objects: Mapping[str, KBObject], today: dt.date | None = None) -> list[OrganisationEntry]:
    people = memberships(objects, today)
    entries = []
    for org in of_kind(objects, "organisatie"):
        networks = [
            (n, "coördinator" if n.get(Netwerk.coordinator) == org.id else "lid")
            for n in of_kind(objects, "netwerk")
            if n.get(Netwerk.coordinator) == org.id or org.id in (n.get(Netwerk.leden) or ())
        ]
        events = [e for e in of_kind(objects, "evenement") if e.get(Evenement.organisator) == org.id]
        parts = [o for o in of_kind(objects, "organisatie") if o.get(Organisatie.onderdeel_van) == org.id]
        entries.append(
            OrganisationEntry(org, tuple(people.get(org.id, ())), tuple(networks), tuple(events), tuple(parts))
        )
    return entries


def people_directory(
    objects: Mapping[str, KBObject], board: str = "", today: dt.date | None = None
) -> list[tuple[KBObject, list[Membership]]]:
    """People by organisation and role: the board first, then organisations A to Z, then networks A to Z."""
    people = memberships(objects, today)
    organisations = [o for o in of_kind(objects, "organisatie") if o.id in people]
    organisations.sort(key=lambda o: (o.id != board, fold(o.title)))
    networks = [n for n in of_kind(objects, "netwerk") if n.id in people]
    return [(group, people[group.id]) for group in (*organisations, *networks)]
