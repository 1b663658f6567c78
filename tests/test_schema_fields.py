"""Typed fields: each type's Field constants are its schema, typed by their kind. Pure."""

from __future__ import annotations

import datetime as dt
import textwrap
import typing
from pathlib import Path

import pytest

from kennisbank.model import schema
from kennisbank.model.fields import VALUE_TYPES, Field, ObjectType, fields_of
from kennisbank.model.newsletter import NEWSLETTER, Nieuwsbrief
from kennisbank.model.objects import KBObject, MissingLink, When, value_of
from kennisbank.model.packs import PACK, Bestuurspakket
from kennisbank.model.schema import TYPES, Bericht, Evenement
from kennisbank.model.values import parse_value

EXTENSIONS = Path(__file__).resolve().parent.parent / "extensions"

#: Each object type (and the two directives with fields of their own) with the class of its fields.
NAMESPACES: list[tuple[ObjectType, type]] = [
    *((spec, getattr(schema, spec.name.capitalize())) for spec in TYPES.values()),
    (NEWSLETTER, Nieuwsbrief),
    (PACK, Bestuurspakket),
]


@pytest.mark.parametrize(("spec", "namespace"), NAMESPACES, ids=lambda v: getattr(v, "name", None) or v.__name__)
def test_the_constants_are_the_types_fields_in_order(spec, namespace):
    constants = {name: value for name, value in vars(namespace).items() if isinstance(value, Field)}
    assert spec.fields == fields_of(namespace)
    assert [name.replace("_", "-") for name in constants] == [f.name for f in spec.fields]


@pytest.mark.parametrize(("spec", "namespace"), NAMESPACES, ids=lambda v: getattr(v, "name", None) or v.__name__)
def test_each_constant_is_typed_as_its_kind_reads(spec, namespace):
    """What mypy believes a field holds (its annotation) is what parse_value makes of its kind."""
    hints = typing.get_type_hints(namespace, vars(schema))
    declared = {name: typing.get_args(hint)[0] for name, hint in hints.items()}
    assert declared.keys() == {n for n, v in vars(namespace).items() if isinstance(v, Field)}
    for name, value_type in declared.items():
        field = getattr(namespace, name)
        assert value_type == VALUE_TYPES[field.kind], field.name


def test_every_example_reads_as_its_fields_type():
    fields = [f for spec, _ in NAMESPACES for f in spec.fields if f.example]
    assert len(fields) > 50
    for field in fields:
        assert field.holds(parse_value(field, field.example)), field.name


def test_a_value_is_read_through_its_typed_field():
    start = When(dt.datetime(2026, 10, 25, 2, 30), "minute")
    fields = {"start": start, "online": MissingLink(), "status": "gepland", "wijziging": 2}
    event = KBObject("evenement", "x", "X", "agenda/x", 1, fields)
    assert event.get(Evenement.start) == start
    assert event.get(Evenement.online) == MissingLink()
    assert event.get(Evenement.wijziging) == 2
    assert event.get(Evenement.eind) is None and not event.has(Evenement.eind)
    # Read by its name: another type's field of that name is another field.
    assert event.get(Bericht.datum) is None
    # A value of another kind than the field's (never made by parse_value) is not passed off as one.
    assert value_of({"start": "morgen"}, Evenement.start) is None


def test_a_misspelt_field_fails_at_import():
    with pytest.raises(AttributeError):
        Evenement.strat  # noqa: B018
    with pytest.raises(KeyError):
        schema.EVENEMENT.named("strat")


@pytest.mark.slow  # a mypy process over the extension
def test_mypy_rejects_a_misspelt_field_and_a_wrong_type(tmp_path):
    """The point of the constants: a reader's mistake is a type error, not a silent default."""
    mypy_api = pytest.importorskip("mypy.api", reason="mypy comes with the dev extra")
    code = textwrap.dedent(
        """
        from kennisbank.model.objects import KBObject
        from kennisbank.model.schema import Evenement

        def read(event: KBObject) -> None:
            event.get(Evenement.strat)
            start: str | None = event.get(Evenement.start)
            ok: int = event.get(Evenement.wijziging) or 0
        """
    )
    (tmp_path / "reader.py").write_text(code, encoding="utf-8")
    (tmp_path / "mypy.ini").write_text(f"[mypy]\nmypy_path = {EXTENSIONS}\n", encoding="utf-8")
    # No colour: a CI runner may force it (FORCE_COLOR), and the escape codes split the messages.
    options = ["--strict", "--no-color-output", "--config-file", str(tmp_path / "mypy.ini")]
    options += ["--cache-dir", str(tmp_path / "cache")]
    out, _, status = mypy_api.run([*options, str(tmp_path / "reader.py")])
    assert status == 1
    errors = [line.split("reader.py:", 1)[1] for line in out.splitlines() if "reader.py:" in line]
    assert len(errors) == 2, out
    assert '6: error: "type[Evenement]" has no attribute "strat"' in errors[0]
    assert "7: error: Incompatible types in assignment" in errors[1] and '"When | None"' in errors[1]
