"""Write a new page or entry for each object type, and newsletter editions. Pure file handling.

``kennisbank nieuw`` writes placeholders for the required fields: the build refuses
each with a clear message, so nothing half-done can be merged. The form workflow
(``kennisbank formulier``) writes the values a contributor gave, already checked,
with the same code: the same place, the same field block, the same toctree entry.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..model.newsletter import NEWSLETTER
from ..model.schema import TYPES, ObjectType
from ..model.values import SLUG
from .content import next_edition_number, read_objects

#: Everything a contributor creates: the object types, and newsletter editions (a page without an id of its own).
CREATABLE: dict[str, ObjectType] = {**TYPES, NEWSLETTER.name: NEWSLETTER}

#: Where each type lives: its own page in a section folder, or an entry on a shared page.
FOLDERS = {
    "thema": "themas",
    "programma": "programmas",
    "evenement": "agenda",
    "netwerk": "netwerken",
    "bericht": "actueel",
    "nieuwsbrief": "nieuwsbrief",
}
SHARED_PAGES = {"organisatie": "organisaties.md", "persoon": "personen.md"}

#: Placeholders: each fails validation until replaced, with a message that says what to do.
PLACEHOLDERS = {
    "thema": "vul-in-thema-id",
    "start": "JJJJ-MM-DD UU:MM",
    "datum": "JJJJ-MM-DD",
    "organisator": "vul-in-organisatie-id",
    "soort": "VUL-IN (vereniging, gemeente, provincie, ...)",
    "rollen": "functie; vul-in-organisatie-id",
}
#: What a new page or entry says until the contributor writes its text.
TEXT_PLACEHOLDERS = {
    "page": "VUL IN: de tekst van deze pagina.",
    "entry": "VUL IN: een korte beschrijving.",
    "nieuwsbrief": "VUL IN: de inleiding van deze editie.",
}
#: What MyST's option parser takes as more than text at the start of a plain value: a quote, a
#: block marker or a comment (tested against the parser in tests/test_forms.py).
_NOT_PLAIN_START = "#\"'>|"
_FENCE = "```\n"


class ScaffoldError(Exception):
    """Refused, with a message for the contributor."""


@dataclass(frozen=True)
class Created:
    path: Path
    toctree: Path | None  # the index page the new page was added to


def existing_ids(docs: Path) -> dict[str, Path]:
    """Every object id declared anywhere under docs/, with the file that declares it."""
    return {obj_id: declared.path for obj_id, declared in read_objects(docs).items()}


def slug_of(text: str) -> str:
    """The id that text probably means: 'Mijn id' becomes 'mijn-id', 'Café' 'cafe'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def target_path(docs: Path, kind: str, obj_id: str) -> Path:
    """The file a new object of ``kind`` goes into."""
    if kind in SHARED_PAGES:
        return docs / SHARED_PAGES[kind]
    return docs / FOLDERS[kind] / f"{obj_id}.md"


def scaffold(
    docs: Path,
    kind: str,
    obj_id: str,
    title: str,
    fields: Mapping[str, str] | None = None,
    text: str | None = None,
) -> Created:
    """Write a new object: ``fields`` (raw text by field name) and ``text`` as given, or placeholders.

    Refuses, before it touches a file, an unknown type, an id that is no id or is taken,
    and a page that exists.
    """
    if kind not in CREATABLE:
        raise ScaffoldError(f"onbekend type '{kind}'; kies uit {', '.join(CREATABLE)}")
    if not SLUG.match(obj_id):
        raise ScaffoldError(f"'{obj_id}' is geen geldige id: gebruik kleine letters, cijfers en streepjes")
    taken = existing_ids(docs)
    if kind != NEWSLETTER.name and obj_id in taken:
        raise ScaffoldError(f"de id '{obj_id}' bestaat al, in {taken[obj_id].relative_to(docs.parent)}")
    if fields is None:
        fields = _placeholders(docs, kind)
    block = _block(kind, obj_id, fields)
    path = target_path(docs, kind, obj_id)
    if kind in SHARED_PAGES:
        body = TEXT_PLACEHOLDERS["entry"] if text is None else text
        existing = path.read_text(encoding="utf-8").rstrip("\n")
        path.write_text(f"{existing}\n\n## {title}\n\n{block}{_paragraphs(body)}", encoding="utf-8")
        return Created(path, None)
    index = path.parent / "index.md"
    if not index.is_file():
        raise ScaffoldError(
            f"{index.relative_to(docs.parent)} ontbreekt: daar komt de nieuwe pagina in de inhoudsopgave"
        )
    if path.exists():
        raise ScaffoldError(f"de pagina {path.relative_to(docs.parent)} bestaat al; kies een andere id")
    if kind == NEWSLETTER.name:
        # The introduction is the directive's content: the e-mail opens with it.
        body = TEXT_PLACEHOLDERS["nieuwsbrief"] if text is None else text
        page = f"# {title}\n\n{block.removesuffix(_FENCE)}{_paragraphs(body)}{_FENCE}"
    else:
        body = TEXT_PLACEHOLDERS["page"] if text is None else text
        page = f"# {title}\n\n{block}{_paragraphs(body)}"
    path.write_text(page, encoding="utf-8")
    _add_to_toctree(index, obj_id)
    return Created(path, index)


def _placeholders(docs: Path, kind: str) -> dict[str, str]:
    if kind == NEWSLETTER.name:
        return {"nummer": str(next_edition_number(docs)), "datum": PLACEHOLDERS["datum"]}
    fields = {"samenvatting": "VUL IN: één zin voor overzichten."}
    for field in TYPES[kind].fields:
        if field.required and field.name != "samenvatting":
            fields[field.name] = PLACEHOLDERS.get(field.name, "VUL-IN")
    return fields


def _block(kind: str, obj_id: str, fields: Mapping[str, str]) -> str:
    argument = "" if kind == NEWSLETTER.name else f" {obj_id}"
    lines = [f"```{{{kind}}}{argument}", "---"]
    lines += [field_line(name, value) for name, value in fields.items()]
    lines += ["---", "```", ""]
    return "\n".join(lines)


def field_line(name: str, value: str) -> str:
    """One field of the block, written so that MyST reads back exactly ``value``.

    Plainly when that is safe; otherwise (several lines, a leading quote, ': ' or ' #'
    inside) as a literal block, which YAML takes as it stands.
    """
    lines = value.strip("\n").splitlines() or [""]
    if len(lines) == 1 and _is_plain(lines[0]):
        return f"{name}: {lines[0]}"
    return "\n".join([f"{name}: |", *(f"  {line}" if line.strip() else "" for line in lines)])


def _is_plain(text: str) -> bool:
    return (
        bool(text)
        and text == text.strip()
        and text[0] not in _NOT_PLAIN_START
        and " #" not in text
        and "\t" not in text
    )


def _paragraphs(text: str) -> str:
    text = text.strip("\n")
    return f"\n{text}\n" if text else ""


def _add_to_toctree(index: Path, docname: str) -> None:
    """Append the page to the first toctree of the section's index page."""
    text = index.read_text(encoding="utf-8")
    match = re.search(r"^(`{3,}|:{3,})\{toctree\}.*?$(.*?)^\1\s*$", text, flags=re.M | re.S)
    if match is None:
        raise ScaffoldError(f"{index}: geen toctree gevonden om de nieuwe pagina aan toe te voegen")
    body_end = match.end(2)
    addition = docname + "\n"
    index.write_text(text[:body_end] + addition + text[body_end:], encoding="utf-8")
