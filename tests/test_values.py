"""Pure parsing and formatting: no Sphinx involved."""

from __future__ import annotations

import datetime as dt

import pytest

from kennisbank.model.dates import format_span
from kennisbank.model.objects import MissingLink, Role
from kennisbank.model.schema import TYPES
from kennisbank.model.values import FieldError, parse_value, parse_when


def field(kind: str, name: str):
    return TYPES[kind].field(name)


@pytest.mark.parametrize(
    ("text", "precision", "value"),
    [
        ("2023", "year", dt.datetime(2023, 1, 1)),
        ("2023-04", "month", dt.datetime(2023, 4, 1)),
        ("2023-05-25", "day", dt.datetime(2023, 5, 25)),
        ("2023-05-25 13:30", "minute", dt.datetime(2023, 5, 25, 13, 30)),
        ("2023-05-25T09.05", "minute", dt.datetime(2023, 5, 25, 9, 5)),
    ],
)
def test_dates_keep_their_precision(text, precision, value):
    when = parse_when(text)
    assert (when.value, when.precision) == (value, precision)


@pytest.mark.parametrize("text", ["2023-02-30", "2023-13-01", "2023-05-25 25:00", "25 mei", "2023/05/25"])
def test_impossible_dates_are_refused(text):
    with pytest.raises(FieldError):
        parse_when(text)


def test_dutch_wording_of_dates():
    start, end = parse_when("2023-05-25 13:30"), parse_when("2023-05-25 16:00")
    assert format_span(start, end) == "donderdag 25 mei 2023, 13.30–16.00 uur"
    assert format_span(parse_when("2023-04")) == "april 2023"
    assert format_span(parse_when("2023-06-09")) == "vrijdag 9 juni 2023"
    assert format_span(parse_when("2023-05-12"), parse_when("2023-05-13")) == (
        "vrijdag 12 mei 2023 – zaterdag 13 mei 2023"
    )


def test_field_values_are_typed():
    assert parse_value(field("programma", "thema"), "jeugd, brede-welvaart") == ("jeugd", "brede-welvaart")
    assert parse_value(field("programma", "website"), "volgt") == MissingLink()
    assert parse_value(field("netwerk", "aantal-deelnemers"), "60") == 60
    assert parse_value(field("netwerk", "vorm"), "digitaal, fysiek") == ("digitaal", "fysiek")
    assert parse_value(field("persoon", "rollen"), "lid; vng; tot juni 2026\nvoorzitter; vzhg") == (
        Role("lid", "vng", "tot juni 2026", end=parse_when("2026-06")),  # a date in words counts as one
        Role("voorzitter", "vzhg"),
    )


@pytest.mark.parametrize(
    ("kind", "name", "text", "message"),
    [
        ("programma", "website", "www.vng.nl", "geen webadres"),
        ("netwerk", "contact", "secretariaat@vzhg", "geen geldig e-mailadres"),
        ("netwerk", "aantal-deelnemers", "zestig", "geen getal"),
        ("netwerk", "status", "slapend", "kies uit 'in oprichting', 'actief'"),
        ("programma", "thema", "Brede Welvaart", "geen geldige id"),
        ("persoon", "rollen", "gedeputeerde", "mist de organisatie"),
        ("thema", "samenvatting", "   ", "is leeg"),
    ],
)
def test_malformed_values_explain_themselves(kind, name, text, message):
    with pytest.raises(FieldError, match=message):
        parse_value(field(kind, name), text)


# -- an object's digest --------------------------------------------------------------


def test_an_objects_digest_follows_what_it_is_not_where_it_stands():
    from dataclasses import replace

    from kennisbank.model.objects import KBObject

    when = parse_when("2024-05-02")
    obj = KBObject("evenement", "overleg", "Overleg", "agenda", 3, {"start": when, "thema": ("jeugd",)})
    moved_down = KBObject("evenement", "overleg", "Overleg", "agenda", 9, {"thema": ("jeugd",), "start": when})
    assert moved_down.digest == obj.digest  # other lines, other field order: the same object
    assert replace(obj, title="Overleg jeugd").digest != obj.digest
    assert replace(obj, docname="agenda/overleg").digest != obj.digest
    assert replace(obj, fields={**obj.fields, "thema": ("wonen",)}).digest != obj.digest


def test_an_objects_digest_is_stored_with_it():
    """Worked out once, then kept in the pickled environment: not worked out again."""
    import pickle

    from kennisbank.model.objects import KBObject

    obj = KBObject("thema", "jeugd", "Jeugd", "themas/jeugd", 1, {})
    digest = obj.digest
    stored = pickle.loads(pickle.dumps(obj))
    assert stored.__dict__["digest"] == digest
    assert stored == obj
