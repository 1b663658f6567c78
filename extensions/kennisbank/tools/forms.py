"""The GitHub issue forms for new content, made from the schema and the sources (``kennisbank formulieren``).

One form per type a contributor creates, in ``.github/ISSUE_TEMPLATE/nieuw-<type>.yml``:
the schema's labels, a help text (model/fieldhelp.py) with the format the field's kind
asks for, the schema's example as placeholder, required fields marked, and dropdowns
with the current themes, programmes, networks, organisations and people as
"Title (id)". The same :class:`Form` is what the issue-body parser reads a submitted
form against (issuebody.py), so form and parser cannot drift apart.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..model.fieldhelp import TITLE_EXAMPLES, asked, help_text
from ..model.newsletter import NEWSLETTER, SECTIONS
from ..model.objects import Value
from ..model.relations import fold
from ..model.schema import TYPES, Field, Kind
from .content import Declared, next_edition_number, read_objects
from .scaffold import CREATABLE, SHARED_PAGES

#: The forms, in the order of the template chooser's file names (alphabetical).
FORM_TYPES = ("bericht", "evenement", "netwerk", "nieuwsbrief", "organisatie", "persoon", "programma", "thema")
#: Object types whose ids a form offers in a dropdown; others are typed as ids.
DROPDOWN_TYPES = ("thema", "programma", "netwerk", "organisatie", "persoon")
#: The issue label each form sets: the workflow reads the type from it.
LABEL_PREFIX = "formulier-"
FOLDER = Path(".github") / "ISSUE_TEMPLATE"
HEADER = (
    "# Gemaakt door `kennisbank formulieren` uit het schema (extensions/kennisbank/model/) en de inhoud\n"
    "# van docs/. Niet met de hand bewerken: draai `kennisbank formulieren` (of `make formulieren`).\n"
)
#: The form's own elements, beside the schema's fields.
TITLE, ID, TEXT, CONSENT = "titel", "id", "tekst", "controle"
#: A type's own title field: in the form its title is the heading of the page or entry.
_TITLE_FIELDS = ("titel", "naam")
#: Text fields that take a paragraph rather than a line.
_LONG_TEXT = ("samenvatting", "doel")
_FORMAT = {
    Kind.WHEN: "Schrijf JJJJ-MM-DD, met tijd JJJJ-MM-DD UU:MM.",
    Kind.URL: "Begin met https://, of schrijf ‘volgt’ als de link er nog niet is.",
    Kind.NUMBER: "Alleen cijfers.",
    Kind.TIMEZONE: "Een naam als Europe/Amsterdam.",
    Kind.LINES: "Eén per regel.",
    Kind.WORDS: "Gescheiden door komma’s.",
    Kind.REF: "De id, zoals die in het webadres van de pagina staat.",
    Kind.REFS: "Id’s, gescheiden door komma’s, zoals ze in het webadres van de pagina staan.",
}
CONSENT_OPTION = (
    "Er staan geen persoonlijke e-mailadressen of telefoonnummers in, tenzij de persoon daar "
    "toestemming voor gaf (AVG)."
)


@dataclass(frozen=True)
class Element:
    """One element of a form: GitHub's ``type``, ``id`` and ``attributes``, and the field it fills."""

    type: str  # markdown, input, textarea, dropdown or checkboxes
    id: str = ""
    label: str = ""
    description: str = ""
    placeholder: str = ""
    value: str = ""  # the text of a markdown element
    options: tuple[str, ...] = ()
    multiple: bool = False
    required: bool = False
    field: Field[Value] | None = None  # the schema's field it fills; None for the form's own elements

    @property
    def filled(self) -> Field[Value]:
        """The field of an element known to fill one (KeyError for the form's own elements)."""
        if self.field is None:
            raise KeyError(f"{self.id}: fills no field")
        return self.field


@dataclass(frozen=True)
class Form:
    kind: str
    name: str
    description: str
    title: str  # what the title starts with
    label: str
    body: tuple[Element, ...]

    @property
    def filename(self) -> str:
        return f"nieuw-{self.kind}.yml"

    def element(self, element_id: str) -> Element | None:
        return next((e for e in self.body if e.id == element_id), None)


def build_forms(docs: Path) -> list[Form]:
    objects = read_objects(docs)
    return [build_form(kind, objects, docs) for kind in FORM_TYPES]


def build_form(kind: str, objects: Mapping[str, Declared], docs: Path) -> Form:
    spec = CREATABLE[kind]
    this = f"{spec.this} {spec.label.lower()}"
    body = [
        Element("markdown", value=_introduction(kind, guide_url(docs))),
        Element(
            "input",
            TITLE,
            title_label(kind),
            f"De {title_label(kind).lower()} van {this}, zoals lezers die zien: de kop van de {page_word(kind)}.",
            TITLE_EXAMPLES[kind],
            required=True,
        ),
        Element(
            "input",
            ID,
            "Id",
            "De vaste naam in het webadres. Meestal laat u dit leeg: de kennisbank maakt hem "
            + ("uit het jaar en het nummer." if kind == NEWSLETTER.name else "uit de titel.")
            + " Anders: kleine letters, cijfers en streepjes; de id verandert later niet meer.",
            "2023-2" if kind == NEWSLETTER.name else _slug_example(TITLE_EXAMPLES[kind]),
        ),
    ]
    for field in spec.fields:
        if not asked(kind, field.name) or (field.name in _TITLE_FIELDS and kind != NEWSLETTER.name):
            continue
        body.append(_field_element(kind, field, objects, docs))
    body.append(_text_element(kind))
    body.append(Element("checkboxes", CONSENT, "Controle", options=(CONSENT_OPTION,), required=True))
    return Form(
        kind,
        f"Nieuw: {spec.label.lower()}",
        f"Stel {_a(kind)} {spec.label.lower()} voor; de kennisbank maakt er een pagina van.",
        f"[{spec.label}] ",
        LABEL_PREFIX + kind,
        tuple(body),
    )


def _introduction(kind: str, guide: str) -> str:
    spec, page = CREATABLE[kind], page_word(kind)
    more = f"\n\nMeer uitleg staat in [Bijdragen aan de kennisbank]({guide})." if guide else ""
    return (
        f"Met dit formulier stelt u {_a(kind)} {spec.label.lower()} voor. Velden met een rode * zijn verplicht.\n\n"
        "- Na het versturen controleert de kennisbank binnen een paar minuten wat u invulde.\n"
        f"- Klopt alles, dan maakt zij een voorstel (een pull request) met de nieuwe {page} en zet de link "
        "als reactie onder uw issue. Een redacteur kijkt het na en publiceert het.\n"
        "- Klopt er iets niet, dan leest u in die reactie wat u moet aanpassen.\n\n"
        f"De titel van het issue, bovenaan na [{spec.label}], is alleen voor het overzicht van de redactie; "
        f"de {title_label(kind).lower()} vult u hieronder in. Later iets veranderen doet u op de pagina zelf, "
        f"met ‘Bewerk deze pagina’.{more}"
    )


def title_label(kind: str) -> str:
    """'Titel', or 'Naam' for the types that have a name (a person, an organisation, a network)."""
    spec = CREATABLE[kind]
    return "Naam" if spec.title_field == "naam" else "Titel"


def page_word(kind: str) -> str:
    return "vermelding" if kind in SHARED_PAGES else "pagina"


def _field_element(kind: str, field: Field[Value], objects: Mapping[str, Declared], docs: Path) -> Element:
    required = field.required
    described = [help_text(kind, field.name)]
    if kind == NEWSLETTER.name and field.kind is Kind.LINES:
        section = next(s for s in SECTIONS if s.field == field.name)
        described.append(f"Id’s van een {section.wanted}, één per regel.")
        return Element("textarea", field.name, field.label, _join(described), field.example, field=field)
    placeholder = field.example or ("https://" if field.kind is Kind.URL else "")
    if kind == NEWSLETTER.name and field.name == "nummer":
        placeholder = str(next_edition_number(docs))
        described.append(f"Het volgende nummer is {placeholder}.")
    if field.kind in (Kind.CHOICE, Kind.CHOICES):
        multiple = field.kind is Kind.CHOICES
        described.append("U kunt er meer kiezen." if multiple else "")
        return Element(
            "dropdown",
            field.name,
            field.label,
            _join(described),
            options=field.choices,
            multiple=multiple,
            required=required,
            field=field,
        )
    options = dropdown_options(field, objects) if field.kind in (Kind.REF, Kind.REFS) else ()
    if options:
        multiple = field.kind is Kind.REFS
        described.append("U kunt er meer kiezen." if multiple else "")
        described.append(f"Staat het er niet bij? Stel het dan eerst voor met het formulier ‘{_missing(field)}’.")
        return Element(
            "dropdown",
            field.name,
            field.label,
            _join(described),
            options=options,
            multiple=multiple,
            required=required,
            field=field,
        )
    if field.kind is Kind.ROLES:
        described.append(_ids_of(("organisatie",), objects))
    else:
        described.append(_FORMAT.get(field.kind, ""))
    long = field.kind in (Kind.LINES, Kind.ROLES) or field.name in _LONG_TEXT
    element_type = "textarea" if long else "input"
    return Element(element_type, field.name, field.label, _join(described), placeholder, required=required, field=field)


def dropdown_options(field: Field[Value], objects: Mapping[str, Declared]) -> tuple[str, ...]:
    """ "Title (id)" of every object the field may point to, by title; () if it is typed as ids."""
    if not field.targets or not set(field.targets) <= set(DROPDOWN_TYPES):
        return ()
    targets = sorted((o for o in objects.values() if o.kind in field.targets), key=lambda o: (fold(o.title), o.id))
    return tuple(option_text(o.title, o.id) for o in targets)


def option_text(title: str, obj_id: str) -> str:
    return f"{title} ({obj_id})"


def _ids_of(kinds: Iterable[str], objects: Mapping[str, Declared]) -> str:
    found = sorted((o for o in objects.values() if o.kind in kinds), key=lambda o: o.id)
    return "Bekende id’s: " + ", ".join(f"{o.id} ({o.title})" for o in found) + "." if found else ""


def _missing(field: Field[Value]) -> str:
    return "’ of ‘".join(f"Nieuw: {TYPES[t].label.lower()}" for t in field.targets)


def _text_element(kind: str) -> Element:
    shared = kind in SHARED_PAGES
    label = {"nieuwsbrief": "Inleiding"}.get(kind, "Beschrijving" if shared else "Tekst van de pagina")
    heading = "###" if shared else "##"  # under the entry's own ## heading, or under the page's # title
    description = (
        "Gewone tekst; een witregel begint een nieuwe alinea. Opmaak mag: `**vet**`, een link als "
        f"`[tekst](https://www.vzhg.nl)`, `{heading} Tussenkop`. Een verwijzing naar een thema schrijft u als "
        "`` {thema}`brede-welvaart` ``, naar een organisatie als `` {organisatie}`vng` ``."
    )
    return Element("textarea", TEXT, label, description)


def _join(parts: Iterable[str]) -> str:
    return " ".join(part for part in parts if part)


def _a(kind: str) -> str:
    return "een nieuwe" if CREATABLE[kind].this == "deze" else "een nieuw"


def _slug_example(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def guide_url(docs: Path) -> str:
    """The authoring guide on the published site, from ``html_baseurl`` in conf.py ('' without it)."""
    conf = docs / "conf.py"
    found = re.search(r"^html_baseurl\s*=\s*[\"']([^\"']+)[\"']", conf.read_text(encoding="utf-8"), flags=re.M)
    return f"{found[1].rstrip('/')}/bijdragen/index.html" if found else ""


# -- YAML --------------------------------------------------------------------------


def form_yaml(form: Form) -> str:
    """The form as GitHub reads it. Every string is written JSON-quoted, which YAML reads as is."""
    lines = [
        HEADER.rstrip("\n"),
        f"name: {_q(form.name)}",
        f"description: {_q(form.description)}",
        f"title: {_q(form.title)}",
        f"labels: [{_q(form.label)}]",
        "body:",
    ]
    for element in form.body:
        lines.append(f"  - type: {element.type}")
        if element.id:
            lines.append(f"    id: {element.id}")
        lines.append("    attributes:")
        attributes = {
            "value": element.value,
            "label": element.label,
            "description": element.description,
            "placeholder": element.placeholder,
        }
        lines += [f"      {key}: {_q(text)}" for key, text in attributes.items() if text]
        if element.type == "dropdown":
            lines.append(f"      multiple: {'true' if element.multiple else 'false'}")
            lines += ["      options:", *(f"        - {_q(option)}" for option in element.options)]
        if element.type == "checkboxes":
            lines.append("      options:")
            for option in element.options:
                lines += [f"        - label: {_q(option)}", "          required: true"]
        if element.required and element.type != "checkboxes":
            lines += ["    validations:", "      required: true"]
    return "\n".join(lines) + "\n"


def config_yaml(docs: Path) -> str:
    """The template chooser: blank issues stay possible (for faults), and a link to the guide."""
    guide = guide_url(docs)
    lines = [HEADER.rstrip("\n"), "blank_issues_enabled: true"]
    if guide:
        lines += [
            "contact_links:",
            f"  - name: {_q('Uitleg: bijdragen aan de kennisbank')}",
            f"    url: {_q(guide)}",
            f"    about: {_q('Hoe u iets nieuws voorstelt met een formulier, of een pagina bewerkt.')}",
        ]
    return "\n".join(lines) + "\n"


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def generated_files(docs: Path) -> dict[str, str]:
    """File name (in .github/ISSUE_TEMPLATE) -> text, for every form and the chooser's configuration."""
    files = {form.filename: form_yaml(form) for form in build_forms(docs)}
    files["config.yml"] = config_yaml(docs)
    return files


def stale_files(docs: Path, folder: Path) -> list[str]:
    """The files in ``folder`` that differ from what the schema and content make now, missing or left over."""
    wanted = generated_files(docs)
    ours = {p.name for p in folder.glob("nieuw-*.yml")} if folder.is_dir() else set()
    differ = [name for name, text in wanted.items() if _read(folder / name) != text]
    return sorted(set(differ) | (ours - set(wanted)))


def write_forms(docs: Path, folder: Path) -> list[str]:
    """Write every form; remove forms of types that no longer have one. Returns the changed files."""
    changed = stale_files(docs, folder)
    folder.mkdir(parents=True, exist_ok=True)
    wanted = generated_files(docs)
    for name in changed:
        if name in wanted:
            (folder / name).write_text(wanted[name], encoding="utf-8")
        else:
            (folder / name).unlink()
    return changed


def _read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.is_file() else None
