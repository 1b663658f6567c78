"""Plain data of the knowledge base: what a page declares, free of docutils.

Everything here is picklable, because Sphinx keeps it in the build environment
between incremental builds and sends it between processes in parallel builds.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, NamedTuple, TypeVar

from .sourcelines import line_in

if TYPE_CHECKING:  # fields.py imports this module
    from .fields import Field

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

    @property
    def last_day(self) -> dt.date:
        """The last day the date stands for: its day, or the end of its month or year."""
        value = self.value
        if self.precision == "year":
            return dt.date(value.year, 12, 31)
        if self.precision == "month":
            return dt.date(value.year + value.month // 12, value.month % 12 + 1, 1) - dt.timedelta(days=1)
        return value.date()


@dataclass(frozen=True)
class MissingLink:
    """A link the source names but does not give yet; shown as "link volgt"."""


Url = str | MissingLink


@dataclass(frozen=True)
class Role:
    function: str
    target: str  # id of an organisatie, or of a netwerk the person is a member of
    period: str = ""  # as written: free text ('mei 2023'), or the dates below in words
    #: From when and up to and including when the role holds, where the period gives dates
    #: ('vanaf 2023-06-14', 'tot 2026-06'); how it reads on a given day: model/timeline.py.
    start: When | None = None
    end: When | None = None

    @property
    def label(self) -> str:
        """What the role is, without where, as written: 'vice-voorzitter, sinds 2022'."""
        return f"{self.function}, {self.period}" if self.period else self.function


#: A parsed field value; which one a field holds follows from its Kind (see values.parse_value).
#: Read one through its typed Field (schema.py): ``obj.get(Evenement.start)`` is a ``When | None``.
Value = str | int | When | MissingLink | tuple[str, ...] | tuple[Role, ...]

T = TypeVar("T", bound=Value)


def value_of(fields: Mapping[str, Value], field: Field[T]) -> T | None:
    """The value of ``field``, if ``fields`` hold one of its kind (as every value read does)."""
    value = fields.get(field.name)
    return value if value is not None and field.holds(value) else None


def ids_in(value: Value | None) -> tuple[str, ...]:
    """The object ids a reference field holds: one (a REF) or several (REFS)."""
    if isinstance(value, str):
        return (value,)
    return tuple(i for i in value if isinstance(i, str)) if isinstance(value, tuple) else ()


@dataclass(frozen=True)
class KBObject:
    kind: str
    id: str
    title: str
    docname: str
    lineno: int
    fields: dict[str, Value] = field(default_factory=dict, compare=False, hash=False)
    #: Where each field stands in the source: its name's line, then each value line.
    lines: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @functools.cached_property
    def digest(self) -> str:
        """What the object is (type, id, title, page, fields), not where it stands, as one digest.

        Worked out once per object read: it is stored with the object in the environment,
        so an incremental build compares thousands of objects without spelling them out.
        What goes into it may only change with the domain's ``data_version``, which makes
        Sphinx read every page again (and so work out every digest anew)."""
        shown = (self.kind, self.id, self.title, self.docname, sorted(self.fields.items()))
        return hashlib.sha256(repr(shown).encode()).hexdigest()

    def get(self, field: Field[T]) -> T | None:
        """The value of ``field``, typed (None if the object has none): ``obj.get(Evenement.start)``."""
        value = self.fields.get(field.name)  # as value_of, without a second call: read thousands of times
        return value if value is not None and field.holds(value) else None

    def has(self, field: Field[Value]) -> bool:
        return field.name in self.fields

    def line_of(self, name: str, item: int | None = None) -> int:
        """The line of a field, or of its ``item``-th value line; else the object's own line."""
        return line_in(self.lines, name, self.lineno, item)

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


class Relation(NamedTuple):
    """One typed link from an object to another, read from a relation field.

    A named tuple, not a dataclass: a build makes tens of thousands and a frozen
    dataclass is several times slower to create."""

    source: str  # object id
    field: str
    target: str  # object id
    detail: str = ""  # e.g. the function of a role


@dataclass(frozen=True)
class Problem:
    docname: str
    lineno: int
    message: str


@dataclass(frozen=True)
class FieldProblem:
    """A contradiction between fields of one object, reported at ``field``'s line."""

    message: str
    field: str
    drop: bool = False  # leave the field out: what it says cannot be published
    item: int | None = None  # the field's value line the problem is on, if not the first
