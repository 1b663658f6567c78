"""Plain data of the knowledge base: what a page declares, free of docutils.

Everything here is picklable, because Sphinx keeps it in the build environment
between incremental builds and sends it between processes in parallel builds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Precision = Literal["year", "month", "day", "minute"]


@dataclass(frozen=True, order=True)
class When:
    """A moment as precise as the source knows it: "2023", "2023-04", a day, or a day and time."""

    value: dt.datetime
    precision: Precision

    @property
    def is_exact_day(self) -> bool:
        return self.precision in ("day", "minute")

    @property
    def has_time(self) -> bool:
        return self.precision == "minute"


@dataclass(frozen=True)
class MissingLink:
    """A link the source names but does not give yet; shown as "link volgt"."""


Url = str | MissingLink


@dataclass(frozen=True)
class Role:
    function: str
    organisation: str  # id of an organisatie
    period: str = ""


Value = str | int | When | MissingLink | tuple


@dataclass(frozen=True)
class KBObject:
    kind: str
    id: str
    title: str
    docname: str
    lineno: int
    fields: dict[str, Value] = field(default_factory=dict, compare=False, hash=False)

    @property
    def anchor(self) -> str:
        # Prefixed, so it never collides with the id of a heading ("Programma NOVEX").
        return f"kb-{self.kind}-{self.id}"


@dataclass(frozen=True)
class Mention:
    """A role in running text, such as {thema}`jeugd`, that points at an object."""

    docname: str
    lineno: int
    target: str
    kind: str


@dataclass(frozen=True)
class Relation:
    """One typed link from an object to another, read from a relation field."""

    source: str  # object id
    field: str
    target: str  # object id
    detail: str = ""  # e.g. the function of a role


@dataclass(frozen=True)
class Problem:
    docname: str
    lineno: int
    message: str
