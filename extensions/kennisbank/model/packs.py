"""Board packs (bestuurspakketten): what goes in, checked. Pure.

A pack lists, in order, the pages or objects for one board meeting. An item is
an object id (its page is included) or a document name such as
``themas/jeugd``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from .objects import KBObject, Problem, When
from .relations import suggest
from .schema import Field, Kind, ObjectType

PACK = ObjectType(
    "bestuurspakket",
    "Bestuurspakket",
    "Bestuurspakketten",
    (
        Field("vergadering", "Vergadering", required=True, example="Algemeen bestuur VZHG"),
        Field("datum", "Datum", Kind.WHEN, required=True, example="2023-04-20"),
        Field("plaats", "Plaats", example="Den Haag"),
        Field("versie", "Versie", example="1.0"),
        Field("concept", "Concept", Kind.CHOICE, choices=("ja", "nee")),
        Field("onderdelen", "Onderdelen", Kind.LINES, required=True, example="ruimtelijke-puzzel"),
        Field("agenda-maanden", "Agenda (maanden na de vergadering)", Kind.NUMBER, example="3"),
    ),
    title_field="vergadering",
)


@dataclass(frozen=True)
class BoardPack:
    docname: str
    lineno: int
    meeting: str
    date: When | None
    place: str = ""
    version: str = ""
    draft: bool = False
    items: tuple[str, ...] = ()
    agenda_months: int = 0  # events for this many months after the meeting; 0: none
    item_lines: tuple[int, ...] = ()  # the source line of each item, for precise messages

    @property
    def version_label(self) -> str:
        """'0.3 (concept)', '1.0', or 'concept' for a draft without a version; empty if neither."""
        if self.version:
            return self.version + (" (concept)" if self.draft else "")
        return "concept" if self.draft else ""

    def item_line(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.lineno

    @property
    def filename(self) -> str:
        """bestuurspakket-2023-04-20, or bestuurspakket-2023-04 while only the month is known."""
        assert self.date is not None
        shown = {"year": "%Y", "month": "%Y-%m"}.get(self.date.precision, "%Y-%m-%d")
        return "bestuurspakket-" + self.date.value.strftime(shown)

    def agenda_period(self) -> tuple[dt.date, dt.date] | None:
        """From the meeting day up to and including the same day N months later."""
        if not self.agenda_months or self.date is None:
            return None
        start = self.date.value.date()
        month = start.month - 1 + self.agenda_months
        year, month = start.year + month // 12, month % 12 + 1
        day = min(start.day, calendar.monthrange(year, month)[1])
        return start, dt.date(year, month, day)


def pack_documents(
    pack: BoardPack, objects: Mapping[str, KBObject], docnames: Collection[str]
) -> tuple[list[tuple[str, str]], list[Problem]]:
    """The pack's (item, docname) pairs in order, and what is wrong with its list."""
    chosen: list[tuple[str, str]] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for index, item in enumerate(pack.items):
        line = pack.item_line(index)
        if item in objects:
            docname = objects[item].docname
        elif item in docnames:
            docname = item
        else:
            hint = suggest(item, [*objects, *docnames])
            problems.append(Problem(pack.docname, line, f"Bestuurspakket: onbekende pagina of id '{item}'{hint}"))
            continue
        if docname in seen:
            problems.append(
                Problem(
                    pack.docname,
                    line,
                    f"Bestuurspakket: '{item}' staat op dezelfde pagina ({docname}) als '{seen[docname]}', "
                    "die al in het pakket zit",
                )
            )
            continue
        seen[docname] = item
        chosen.append((item, docname))
    return chosen, problems
