"""Write a valid new page or entry for each object type. Pure file handling.

Required fields the contributor still has to fill in get a placeholder that
the build refuses with a clear message, so nothing half-done can be merged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..model.schema import TYPES
from ..model.values import SLUG

#: Where each type lives: its own page in a section folder, or an entry on a shared page.
FOLDERS = {
    "thema": "themas",
    "programma": "programmas",
    "evenement": "agenda",
    "netwerk": "netwerken",
    "bericht": "actueel",
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
_DECLARATION = re.compile(r"^[`:]{3,}\{(?:kb:)?(" + "|".join(TYPES) + r")\}\s+(\S+)", re.M)


class ScaffoldError(Exception):
    """Refused, with a message for the contributor."""


@dataclass(frozen=True)
class Created:
    path: Path
    toctree: Path | None  # the index page the new page was added to


def existing_ids(docs: Path) -> dict[str, Path]:
    """Every object id declared anywhere under docs/, with the file that declares it."""
    found: dict[str, Path] = {}
    for path in sorted(docs.rglob("*.md")):
        for _kind, obj_id in _DECLARATION.findall(path.read_text(encoding="utf-8")):
            found.setdefault(obj_id, path)
    return found


def scaffold(docs: Path, kind: str, obj_id: str, title: str) -> Created:
    if kind not in TYPES:
        raise ScaffoldError(f"onbekend type '{kind}'; kies uit {', '.join(TYPES)}")
    if not SLUG.match(obj_id):
        raise ScaffoldError(f"'{obj_id}' is geen geldige id: gebruik kleine letters, cijfers en streepjes")
    taken = existing_ids(docs)
    if obj_id in taken:
        raise ScaffoldError(f"de id '{obj_id}' bestaat al, in {taken[obj_id].relative_to(docs.parent)}")
    block = _block(kind, obj_id)
    if kind in SHARED_PAGES:
        path = docs / SHARED_PAGES[kind]
        text = path.read_text(encoding="utf-8").rstrip("\n")
        path.write_text(f"{text}\n\n## {title}\n\n{block}\nVUL IN: een korte beschrijving.\n", encoding="utf-8")
        return Created(path, None)
    folder = docs / FOLDERS[kind]
    path = folder / f"{obj_id}.md"
    index = folder / "index.md"
    if not index.is_file():
        raise ScaffoldError(
            f"{index.relative_to(docs.parent)} ontbreekt: daar komt de nieuwe pagina in de inhoudsopgave"
        )
    if path.exists():
        raise ScaffoldError(f"de pagina {path.relative_to(docs.parent)} bestaat al; kies een andere id")
    path.write_text(f"# {title}\n\n{block}\nVUL IN: de tekst van deze pagina.\n", encoding="utf-8")
    _add_to_toctree(index, obj_id)
    return Created(path, index)


def _block(kind: str, obj_id: str) -> str:
    lines = [f"```{{{kind}}} {obj_id}", "---", "samenvatting: VUL IN: één zin voor overzichten."]
    for field in TYPES[kind].fields:
        if field.required and field.name != "samenvatting":
            lines.append(f"{field.name}: {PLACEHOLDERS.get(field.name, 'VUL-IN')}")
    lines += ["---", "```", ""]
    return "\n".join(lines)


def _add_to_toctree(index: Path, docname: str) -> None:
    """Append the page to the first toctree of the section's index page."""
    text = index.read_text(encoding="utf-8")
    match = re.search(r"^(`{3,}|:{3,})\{toctree\}.*?$(.*?)^\1\s*$", text, flags=re.M | re.S)
    if match is None:
        raise ScaffoldError(f"{index}: geen toctree gevonden om de nieuwe pagina aan toe te voegen")
    body_end = match.end(2)
    addition = docname + "\n"
    index.write_text(text[:body_end] + addition + text[body_end:], encoding="utf-8")
