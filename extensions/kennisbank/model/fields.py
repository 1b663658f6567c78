"""What a field and an object type are; the types themselves are in schema.py.

Pure data: no docutils, no Sphinx. Field names are the Dutch option names that
contributors write in a page; labels are what readers see.

Each type's fields are the typed constants of a class named after it (``Evenement.start``
is a ``Field[When]``): code reads a value with ``obj.get(Evenement.start)``, so mypy
knows what it holds, and a misspelt field is an error at type-check time and an
``AttributeError`` at import (tests/test_schema_fields.py checks each declared type
against its kind).
"""

from __future__ import annotations

import functools
import types
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Generic, TypeVar

from .objects import Role, Url, Value, When

if TYPE_CHECKING:
    from typing_extensions import TypeIs


class Kind(Enum):
    """How a field's raw text is parsed (see :mod:`kennisbank.model.values`)."""

    TEXT = "tekst"
    LINES = "regels"  # one item per line
    URL = "url"  # an http(s) address, or "volgt" while the link is missing
    EMAIL = "e-mail"
    WHEN = "datum"  # a year, month, day or day and time
    TIMEZONE = "tijdzone"  # an IANA name such as Europe/Amsterdam
    PHONE = "telefoon"
    NUMBER = "getal"
    CHOICE = "keuze"
    CHOICES = "keuzes"  # comma-separated choices
    REF = "verwijzing"  # one object id
    REFS = "verwijzingen"  # comma-separated object ids
    ROLES = "rollen"  # one "functie; organisatie; periode" per line
    WORDS = "woorden"  # comma-separated words or phrases, free text


#: What a field of each kind holds once read (model/values.py, parse_value).
VALUE_TYPES: dict[Kind, type | types.UnionType | types.GenericAlias] = {
    Kind.TEXT: str,
    Kind.LINES: tuple[str, ...],
    Kind.URL: Url,
    Kind.EMAIL: str,
    Kind.WHEN: When,
    Kind.TIMEZONE: str,
    Kind.PHONE: str,
    Kind.NUMBER: int,
    Kind.CHOICE: str,
    Kind.CHOICES: tuple[str, ...],
    Kind.REF: str,
    Kind.REFS: tuple[str, ...],
    Kind.ROLES: tuple[Role, ...],
    Kind.WORDS: tuple[str, ...],
}
#: The class (or classes) ``isinstance`` can check of each: a tuple's items are not looked at.
_CLASSES: dict[Kind, type | types.UnionType] = {
    kind: tuple if isinstance(t, types.GenericAlias) else t for kind, t in VALUE_TYPES.items()
}

#: What a field's value is; covariant, so that every Field[...] is a Field[Value].
V = TypeVar("V", bound=Value, covariant=True)


@dataclass(frozen=True)
class Field(Generic[V]):
    name: str
    label: str
    kind: Kind = Kind.TEXT
    required: bool = False
    targets: tuple[str, ...] = ()  # object types a REF/REFS/ROLES field may point to
    choices: tuple[str, ...] = ()
    example: str = ""  # shown by the authoring guide and in error messages
    #: How the target's "Gerelateerd" names this relation; None: the label in lower case,
    #: "": no name, because the type heading already says it (a programme under "Programma’s").
    backlink: str | None = None
    #: False for a field meant for the build (ordering, sequence numbers): never shown to readers.
    shown: bool = True
    #: Shown as a visible "[...]" marker on the object's page while the field is not filled in.
    when_missing: str = ""
    #: A date field that needs the day: "JJJJ-MM" alone is refused (and not offered in messages).
    needs_day: bool = False
    #: For a choice that says little on its own ("Bestuursprioriteit: ja"): the label readers
    #: see, and per choice the words they read instead of the choice.
    reader_label: str = ""
    reader_words: tuple[tuple[str, str], ...] = ()

    @property
    def shown_label(self) -> str:
        return self.reader_label or self.label

    def in_words(self, value: str) -> str:
        """What a reader sees of a choice."""
        return dict(self.reader_words).get(value, value)

    @property
    def backlink_label(self) -> str:
        return self.label.lower() if self.backlink is None else self.backlink

    @property
    def is_relation(self) -> bool:
        return self.kind in (Kind.REF, Kind.REFS, Kind.ROLES)

    def holds(self, value: Value) -> TypeIs[V]:
        """Whether ``value`` is of this field's kind: what lets a reader of ``obj.get(field)``
        rely on its type without a cast."""
        return isinstance(value, self._value_class)

    @functools.cached_property
    def _value_class(self) -> type | types.UnionType:
        # Looked up once per field: hashing an Enum member runs Python code, on every read.
        return _CLASSES[self.kind]


@dataclass(frozen=True)
class ObjectType:
    name: str
    label: str  # what contributors call the type, in messages and forms: "Evenement"
    plural: str  # what readers see: "Bijeenkomsten"
    fields: tuple[Field[Value], ...]
    title_field: str = "titel"
    #: The Dutch demonstrative for "this <type>": "dit" for het-words, "deze" for de-words.
    this: str = "dit"
    #: Whether its page gets an agenda section and a feed of its own.
    has_agenda: bool = False
    #: Whether its page gets a news section (its latest news items) and an Atom feed of its own.
    has_news: bool = False
    #: Whether its page leaves out an empty "Gerelateerd" section: events and news items are rarely referred to.
    quiet_when_unrelated: bool = False

    #: What readers call one, where that is not the label ("Bijeenkomst" for an "Evenement").
    reader_label: str = ""

    @property
    def shown_label(self) -> str:
        return self.reader_label or self.label

    def this_one(self) -> str:
        """'dit thema', 'deze organisatie'."""
        return f"{self.this} {self.label.lower()}"

    def field(self, name: str) -> Field[Value] | None:
        return self._by_name.get(name)

    def named(self, name: str) -> Field[Value]:
        """One of the type's own fields, by a name known to be one (KeyError otherwise)."""
        return self._by_name[name]

    @functools.cached_property
    def _by_name(self) -> dict[str, Field[Value]]:
        return {f.name: f for f in self.fields}

    @functools.cached_property
    def relation_fields(self) -> tuple[Field[Value], ...]:
        """The fields that point at other objects, in field order (read for every object, every build)."""
        return tuple(f for f in self.fields if f.is_relation)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


def fields_of(namespace: type) -> tuple[Field[Value], ...]:
    """The Field constants of a type's class, in the order they are written there."""
    return tuple(value for value in vars(namespace).values() if isinstance(value, Field))
