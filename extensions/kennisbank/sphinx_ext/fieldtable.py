"""``{velden} evenement``: the fields of one object type as a table, from the schema.

The authoring guide uses it, so the guide can never drift from what the build accepts.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from ..model.newsletter import NEWSLETTER
from ..model.objects import Value
from ..model.packs import PACK
from ..model.schema import TYPES, Field, Kind
from .directives import KBDirective
from .render import table

HEADERS = ("Veld", "Betekenis", "Wat u invult", "Verplicht", "Voorbeeld")


class FieldTableDirective(KBDirective):
    required_arguments = 1

    def make(self) -> list[nodes.Node]:
        others = {PACK.name: PACK, NEWSLETTER.name: NEWSLETTER}  # declared on a page, but no objects
        spec = TYPES.get(self.arguments[0]) or others.get(self.arguments[0])
        if spec is None:
            self.warn(
                "Velden: onbekend type '%s'; kies uit %s",
                self.arguments[0],
                ", ".join([*TYPES, *others]),
            )
            return []
        rows = [_row(field, spec.title_field) for field in spec.fields]
        body = (_table_row(row) for row in rows)
        return [table(f"Velden van {spec.label.lower()}", HEADERS, body, colwidth=1, classes=["kb-velden"])]


def _row(field: Field[Value], title_field: str) -> tuple[str, ...]:
    if field.name == title_field and not field.required:
        required = "nee (anders de kop erboven)"
    else:
        required = "ja" if field.required else "nee"
    return (field.name, field.label, _what(field) + _notes(field), required, field.example)


def _notes(field: Field[Value]) -> str:
    """What the reader sees of the field, where that is not simply its value."""
    if not field.shown and field.kind is Kind.WORDS:
        return "; lezers zien ze niet, de zoekfunctie vindt ze"
    if not field.shown:
        return "; alleen voor de bouw, lezers zien het niet"
    if field.when_missing:
        return f"; zonder dit veld staat er '[{field.when_missing}]'"
    return ""


def _what(field: Field[Value]) -> str:
    if field.kind in (Kind.CHOICE, Kind.CHOICES):
        many = "een of meer van" if field.kind is Kind.CHOICES else "een van"
        return f"{many}: " + ", ".join(field.choices)
    if field.is_relation:
        targets = " of ".join(field.targets)
        if field.kind is Kind.ROLES:
            # "organisatie- of netwerk-id"
            ids = " of ".join([*(f"{t}-" for t in field.targets[:-1]), f"{field.targets[-1]}-id"])
            return f"per regel: functie; {ids}; periode"
        return f"id van een {targets}" + (" (meerdere met komma's)" if field.kind is Kind.REFS else "")
    return {
        Kind.TEXT: "tekst",
        Kind.LINES: "tekst, één per regel",
        Kind.URL: "webadres, of 'volgt'",
        Kind.EMAIL: "e-mailadres (functiemailbox)",
        Kind.WHEN: "JJJJ-MM-DD, met tijd: JJJJ-MM-DD UU:MM",
        Kind.TIMEZONE: "IANA-tijdzone; standaard Europe/Amsterdam",
        Kind.PHONE: "telefoonnummer, alleen met grondslag",
        Kind.NUMBER: "getal",
        Kind.WORDS: "woorden, gescheiden door komma's",
    }[field.kind]


def _table_row(cells: tuple[str, ...]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        row += nodes.entry("", nodes.paragraph(cell, cell))
    return row


def setup(app: Sphinx) -> None:
    app.add_directive("velden", FieldTableDirective)
