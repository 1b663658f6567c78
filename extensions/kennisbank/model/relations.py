"""Typed relations between objects: reading them, checking them, inverting them.

Pure functions over :mod:`kennisbank.model` data; the Sphinx glue calls them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from .news import NEWS, is_published, newest_first, order_key
from .objects import KBObject, Mention, Problem, Relation, Role
from .schema import TYPES, Evenement, Thema
from .timeline import is_scheduled, role_label


def relations_of(obj: KBObject, today: dt.date | None = None) -> list[Relation]:
    """The outgoing relations of one object, in field order; a role's detail as it reads on ``today``."""
    return [relation for _, _, relation in _field_relations(obj, today)]


def _field_relations(obj: KBObject, today: dt.date | None = None) -> Iterator[tuple[str, int | None, Relation]]:
    """Each relation with its field and, for a role, its place in the field's list."""
    for spec in TYPES[obj.kind].relation_fields:
        value = obj.fields.get(spec.name)
        if value is None:
            continue
        if isinstance(value, str):  # one id
            yield spec.name, None, Relation(obj.id, spec.name, value)
        elif isinstance(value, tuple):  # ids, or roles
            for item, entry in enumerate(value):
                if isinstance(entry, str):
                    yield spec.name, None, Relation(obj.id, spec.name, entry)
                elif isinstance(entry, Role):
                    label = entry.label if today is None else role_label(entry, today)
                    yield spec.name, item, Relation(obj.id, spec.name, entry.target, label)


def check_relations(index: RelationIndex) -> list[Problem]:
    """Every relation of the index's objects that points nowhere, at the wrong type, or at itself."""
    objects = index.objects
    problems = []
    for obj in sorted(objects.values(), key=lambda o: (o.docname, o.lineno)):
        for position, rel in enumerate(index.outgoing(obj.id)):
            if _is_valid(obj, rel, objects):
                continue
            # Rare: only now read which line it stands on (a role has a line of its own).
            name, item, _ = list(_field_relations(obj))[position]
            problems.append(Problem(obj.docname, obj.line_of(name, item), _relation_problem(obj, rel, objects)))
    return problems


def _is_valid(obj: KBObject, rel: Relation, objects: Mapping[str, KBObject]) -> bool:
    target = objects.get(rel.target)
    return target is not None and rel.target != obj.id and target.kind in _targets(obj.kind, rel.field)


def _targets(kind: str, field: str) -> tuple[str, ...]:
    return TYPES[kind].named(field).targets  # a relation is read from one of its type's fields


def _relation_problem(obj: KBObject, rel: Relation, objects: Mapping[str, KBObject]) -> str:
    targets = _targets(obj.kind, rel.field)
    wanted = " of ".join(TYPES[t].label.lower() for t in targets)
    where = f"{TYPES[obj.kind].label} '{obj.id}', veld '{rel.field}'"
    if rel.target == obj.id:
        return f"{where}: een {TYPES[obj.kind].label.lower()} kan niet naar zichzelf verwijzen"
    target = objects.get(rel.target)
    if target is None:
        hint = suggest(rel.target, of_kinds(objects, targets))
        return f"{where}: er bestaat geen {wanted} met id '{rel.target}'{hint}"
    return f"{where}: '{rel.target}' is een {TYPES[target.kind].label.lower()}, maar hier hoort een {wanted}"


def suggest(unknown: str, candidates: Iterable[str]) -> str:
    """A "did you mean" hint; pass only the ids that would be right here."""
    close = closest(unknown, candidates)
    return f" (bedoelt u '{close}'?)" if close else ""


def closest(unknown: str, candidates: Iterable[str]) -> str:
    """The candidate ``unknown`` is probably a misspelling of; empty if none is close."""
    close = difflib.get_close_matches(unknown, list(candidates), n=1)
    return close[0] if close else ""


def of_kinds(objects: Mapping[str, KBObject], kinds: Iterable[str]) -> list[str]:
    """The ids of the objects of the given types: the only sensible suggestions for a field or role."""
    wanted = set(kinds)
    return [obj_id for obj_id, obj in objects.items() if obj.kind in wanted]


def sort_key(obj: KBObject) -> tuple[str, str, str]:
    """Events by date, everything else alphabetically, accents ignored."""
    start = obj.get(Evenement.start)
    return (start.value.isoformat() if start else "", fold(obj.title), obj.id)


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class Backlinks:
    """Everything that refers to one object: related objects by type, then pages."""

    by_type: tuple[tuple[str, tuple[tuple[KBObject, tuple[str, ...]], ...]], ...]
    pages: tuple[str, ...]  # docnames that mention the object in running text

    def __bool__(self) -> bool:
        return bool(self.by_type or self.pages)

    def without(self, kind: str) -> Backlinks:
        return Backlinks(tuple((k, items) for k, items in self.by_type if k != kind), self.pages)


class RelationIndex:
    """The inverse of all relations and mentions, built once per set of objects.

    Given ``today``, roles read as they do on that day, and news items scheduled for a
    later day (and their pages' mentions) are no backlinks yet."""

    def __init__(self, objects: Mapping[str, KBObject], mentions: Iterable[Mention], today: dt.date | None = None):
        self.objects = objects
        self.today = today
        self._incoming: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self._outgoing: dict[str, list[Relation]] = {}
        scheduled = {o.docname for o in objects.values() if today is not None and is_scheduled(o, today)}
        for obj in objects.values():
            self._outgoing[obj.id] = relations_of(obj, today)
            for rel in self._outgoing[obj.id]:
                label = rel.detail or _backlink_label(obj.kind, rel.field)
                self._incoming[rel.target][rel.source].append(label)
        self._pages: dict[str, set[str]] = defaultdict(set)
        for mention in mentions:
            if mention.docname not in scheduled:
                self._pages[mention.target].add(mention.docname)

    def outgoing(self, source_id: str) -> list[Relation]:
        """``relations_of`` the object, computed once with the index."""
        return self._outgoing.get(source_id, [])

    def incoming(self, target_id: str) -> Mapping[str, list[str]]:
        """Unsorted: source id -> the labels of its relations to the target."""
        return self._incoming.get(target_id, {})

    def mentioned_on(self, target_id: str) -> set[str]:
        """Unsorted: the pages that mention the target in running text."""
        return self._pages.get(target_id, set())

    def backlinks(self, target_id: str) -> Backlinks:
        """Sorted for the page: asked for only by the page that shows the target."""
        target = self.objects[target_id]
        incoming = self._incoming.get(target_id, {})
        grouped: dict[str, list[tuple[KBObject, tuple[str, ...]]]] = defaultdict(list)
        for source_id, labels in incoming.items():
            source = self.objects[source_id]
            # An empty label (a relation the type heading already names) is not shown.
            grouped[source.kind].append((source, tuple(sorted(set(labels) - {""}))))
        by_type = tuple(
            (kind, items) for kind in TYPES if (items := tuple(_in_listing_order(kind, grouped[kind], self.today)))
        )
        # A page that is already listed through one of its objects is not repeated.
        listed = {target.docname} | {source.docname for _, items in by_type for source, _ in items}
        pages = tuple(sorted(self._pages.get(target_id, set()) - listed))
        return Backlinks(by_type, pages)

    def of_kind(self, kind: str) -> list[KBObject]:
        return of_kind(self.objects, kind, self.today)


def _backlink_label(kind: str, field: str) -> str:
    return TYPES[kind].named(field).backlink_label


def of_kind(objects: Mapping[str, KBObject], kind: str, today: dt.date | None = None) -> list[KBObject]:
    """The objects of one type as every listing shows them: by 'volgorde' where given, then events
    by date and the rest alphabetically; news items newest first, from their day on (see news.py)."""
    if kind == NEWS:
        return newest_first((o for o in objects.values() if o.kind == kind), today)
    return sorted((o for o in objects.values() if o.kind == kind), key=_listing_key)


def _in_listing_order(
    kind: str, items: list[tuple[KBObject, tuple[str, ...]]], today: dt.date | None
) -> list[tuple[KBObject, tuple[str, ...]]]:
    """Related objects of one type: news items newest first, the rest by sort_key."""
    if kind == NEWS:  # an item without a valid date was reported, and waits until it has one
        return sorted((item for item in items if is_published(item[0], today)), key=lambda item: order_key(item[0]))
    return sorted(items, key=lambda item: sort_key(item[0]))


def _listing_key(obj: KBObject) -> tuple[int, str, str, str]:
    order = obj.get(Thema.volgorde)  # a news item's has the same name and kind
    return (order if order is not None else 10**6, *sort_key(obj))
