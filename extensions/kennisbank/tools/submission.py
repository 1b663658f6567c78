"""Check a submitted form as the build would, and say what to write: a :class:`Proposal`, or mistakes.

Every value goes through the build's own parser (model/values.py), the cross-field
checks of its type, and the relation checks against the objects in docs/ (with the
build's "bedoelt u ...?"), so a form is refused for exactly what the build would
refuse, with the same words. Each mistake names the field as the form labels it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..model.agenda import event_problems
from ..model.news import news_problems
from ..model.newsletter import NEWSLETTER, SECTIONS, Edition, Nieuwsbrief, edition_problems
from ..model.objects import FieldProblem, KBObject, Value, When, ids_in, value_of
from ..model.privacy import FunctionAddresses, check_fields, without_consequence
from ..model.relations import RelationIndex, check_relations
from ..model.schema import TYPES, Field, Kind
from ..model.values import FieldError, check_slug, parse_value
from .content import Declared, function_addresses, next_edition_number, read_editions
from .forms import CONSENT, ID, TEXT, TITLE, Element, Form, page_word, title_label
from .issuebody import Answers, option_id, parse_issue_body
from .scaffold import SHARED_PAGES, slug_of, target_path

#: The build's checks across the fields of one type (as sphinx_ext/directives.py runs them).
CROSS_CHECKS: dict[str, Callable[[Mapping[str, Value]], list[FieldProblem]]] = {
    "evenement": event_problems,
    "bericht": news_problems,
}
_NO_DATE = When(dt.datetime(1, 1, 1), "day")
#: Quotes a word processor puts around a value; around an address, date or number they cannot be meant.
QUOTES = "\"'“”‘’„‚«»"
_BARE_KINDS = (Kind.URL, Kind.EMAIL, Kind.PHONE, Kind.WHEN, Kind.NUMBER, Kind.TIMEZONE, Kind.REF)
#: What a page's text may not hold: raw HTML (a Markdown autolink <https://...> is fine) and fences.
_HTML = re.compile(r"<(?!https?://|mailto:)[A-Za-z!/]")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,}|:{3,})")
_HEADING = re.compile(r"^(#{1,6})\s")
#: A line far from any real one: relation problems come back at it, one per field.
_FIRST_FAKE_LINE = 100_000


@dataclass(frozen=True)
class Mistake:
    label: str  # the field as the form names it
    message: str  # what is wrong, and how to write it

    def __str__(self) -> str:
        return f"{self.label}: {self.message}"


@dataclass(frozen=True)
class Proposal:
    """A checked submission: what scaffold() writes."""

    kind: str
    id: str
    title: str
    fields: dict[str, str]  # raw text by field name, in the schema's order, as written in the block
    text: str
    path: Path


@dataclass(frozen=True)
class _Sources:
    """What a submission is checked against: its form, and the objects and pages there are."""

    form: Form
    objects: Mapping[str, Declared]
    docs: Path


def check_submission(body: str, form: Form, objects: Mapping[str, Declared], docs: Path) -> Proposal | list[Mistake]:
    answers = parse_issue_body(body, form)
    mistakes: list[Mistake] = []
    title = " ".join(answers.texts.get(TITLE, "").split())
    if not title:
        label = title_label(form.kind)
        mistakes.append(Mistake(label, f"vul de {label.lower()} in, zoals die boven de {page_word(form.kind)} komt"))
    raw: dict[str, str] = {}
    parsed: dict[str, Value] = {}
    for element in form.body:
        if element.field is None:
            continue
        text = _raw(element, answers)
        if not text:
            if element.required:
                mistakes.append(Mistake(element.label, _required(element)))
            continue
        try:
            parsed[element.field.name] = parse_value(element.field, text)
        except FieldError as error:
            mistakes.append(Mistake(element.label, str(error)))
            continue
        raw[element.field.name] = _written(element.field, text)
    labels = {e.field.name: e.label for e in form.body if e.field is not None}
    check = CROSS_CHECKS.get(form.kind)
    for problem in check(parsed) if check else []:
        mistakes.append(Mistake(labels.get(problem.field, problem.field), problem.message))
    # The build's privacy rules, with the site's function addresses: a form refuses what the build would leave out.
    privacy = check_fields(TYPES.get(form.kind, NEWSLETTER), raw, parsed, FunctionAddresses(function_addresses(docs)))
    for problem in privacy.problems:
        mistakes.append(Mistake(labels.get(problem.field, problem.field), without_consequence(problem.message)))
    if form.kind == NEWSLETTER.name:
        mistakes += _number_mistakes(parsed, docs, labels)
    sources = _Sources(form, objects, docs)
    obj_id = _checked_id(sources, answers.texts.get(ID, "").strip(), title, parsed, mistakes)
    mistakes += _reference_mistakes(sources, obj_id or "nieuw", title, parsed, labels)
    text = answers.texts.get(TEXT, "")
    mistakes += _text_mistakes(text, form)
    if CONSENT not in answers.choices or not answers.choices[CONSENT]:
        consent = "vink het vakje aan als er geen persoonlijke contactgegevens zonder toestemming in staan"
        mistakes.append(Mistake("Controle", consent))
    if mistakes or obj_id is None:
        order = {e.label: index for index, e in enumerate(form.body)}
        return sorted(mistakes, key=lambda m: order.get(m.label, len(order)))
    return Proposal(form.kind, obj_id, title, raw, text, target_path(docs, form.kind, obj_id))


def _raw(element: Element, answers: Answers) -> str:
    """The answer as the text a contributor would have written in the field block."""
    field = element.filled
    if element.type == "dropdown":
        chosen = answers.choices.get(element.id, ())
        if field.kind in (Kind.REF, Kind.REFS):
            chosen = tuple(option_id(option) for option in chosen)
        return ", ".join(chosen)
    text = answers.texts.get(element.id, "").strip()
    if field.kind in _BARE_KINDS and len(text) > 1 and text[0] in QUOTES and text[-1] in QUOTES:
        text = text[1:-1].strip()
    return text


def _written(field: Field[Value], text: str) -> str:
    """How the value goes into the block: one line, or one item per line for a list of lines."""
    if field.kind in (Kind.LINES, Kind.ROLES):
        return "\n".join(line.strip() for line in text.splitlines() if line.strip())
    return " ".join(text.split())


def _required(element: Element) -> str:
    if element.type == "dropdown":
        return "dit veld is verplicht: kies er een uit de lijst"
    field = element.filled
    example = f", bijvoorbeeld {field.example}" if field.example else ""
    return f"dit veld is verplicht: vul het in{example}"


def _checked_id(
    sources: _Sources, given: str, title: str, parsed: Mapping[str, Value], mistakes: list[Mistake]
) -> str | None:
    """The id given, or made from the title (a newsletter: year and number); None with a mistake."""
    form, objects, docs = sources.form, sources.objects, sources.docs
    obj_id = given or _default_id(form.kind, title, parsed)
    if not obj_id:
        return None  # the title or the newsletter's date and number are missing: reported there
    try:
        check_slug(obj_id)
    except FieldError as error:  # its message already says which id was meant
        mistakes.append(Mistake("Id", str(error)))
        return None
    made = "" if given else ", gemaakt uit de titel,"
    if form.kind != NEWSLETTER.name and obj_id in objects:
        other = objects[obj_id]
        where = other.path.relative_to(docs.parent)
        message = f"de id '{obj_id}'{made} bestaat al: {TYPES[other.kind].label.lower()} ‘{other.title}’ in {where}"
        mistakes.append(Mistake("Id", f"{message}. Vul een andere id in"))
        return None
    path = target_path(docs, form.kind, obj_id)
    if form.kind not in SHARED_PAGES and path.exists():
        mistakes.append(Mistake("Id", f"de pagina {path.relative_to(docs.parent)} bestaat al. Vul een andere id in"))
        return None
    return obj_id


def _default_id(kind: str, title: str, parsed: Mapping[str, Value]) -> str:
    if kind != NEWSLETTER.name:
        return slug_of(title)
    date, number = value_of(parsed, Nieuwsbrief.datum), value_of(parsed, Nieuwsbrief.nummer)
    return f"{date.value.year}-{number}" if date is not None and number is not None else ""


def _reference_mistakes(
    sources: _Sources, obj_id: str, title: str, parsed: Mapping[str, Value], labels: Mapping[str, str]
) -> list[Mistake]:
    """Ids that name nothing or the wrong type, in the build's words (model/relations.py, model/newsletter.py)."""
    form = sources.form
    known = {o.id: KBObject(o.kind, o.id, o.title, str(o.path), o.line) for o in sources.objects.values()}
    fields = [name for name in labels if name in parsed]
    line_of = {name: _FIRST_FAKE_LINE + index for index, name in enumerate(fields)}
    field_at = {line: name for name, line in line_of.items()}
    if form.kind == NEWSLETTER.name:
        items = {s.field: ids_in(parsed[s.field]) for s in SECTIONS if s.field in parsed}
        edition = Edition(
            "nieuw",
            0,
            value_of(parsed, Nieuwsbrief.nummer) or 0,
            # Its ids are checked without a reference date, so its own date is never read: a
            # missing one (reported on its own) does not keep the ids from being checked.
            value_of(parsed, Nieuwsbrief.datum) or _NO_DATE,
            items=items,
            item_lines={name: (line_of[name],) * len(ids) for name, ids in items.items()},
        )
        problems = edition_problems(edition, known)
    else:
        lines: dict[str, tuple[int, ...]] = {name: (line,) for name, line in line_of.items()}
        new = KBObject(form.kind, obj_id, title, "nieuw", 0, dict(parsed), lines)
        problems = check_relations(RelationIndex({**known, obj_id: new}, ()))
    return [Mistake(labels[field_at[p.lineno]], p.message.partition(": ")[2]) for p in problems if p.lineno in field_at]


def _number_mistakes(parsed: Mapping[str, Value], docs: Path, labels: Mapping[str, str]) -> list[Mistake]:
    """A newsletter number that an edition already has (the build reports the second one)."""
    number = value_of(parsed, Nieuwsbrief.nummer)
    taken = next((e for e in read_editions(docs) if e.number == number), None)
    if taken is None:
        return []
    where = taken.path.relative_to(docs.parent).as_posix()
    message = f"nummer {number} is al gebruikt, in {where}; het volgende nummer is {next_edition_number(docs)}"
    return [Mistake(labels[Nieuwsbrief.nummer.name], message)]


def _text_mistakes(text: str, form: Form) -> list[Mistake]:
    """What would break the page around the text: HTML, a fence, a heading that skips a level.

    The text stands under the page's # title, or on a shared page under the entry's ## heading;
    MyST warns when a heading goes down more than one level at a time.
    """
    label = next(e.label for e in form.body if e.id == TEXT)
    top = 3 if form.kind in SHARED_PAGES else 2
    level = top - 1
    for number, line in enumerate(text.splitlines(), start=1):
        if _HTML.search(line) or _FENCE.match(line):
            shown = line.strip()[:40]
            advice = "schrijf gewone tekst, een link als [tekst](https://…)"
            return [Mistake(label, f"regel {number} bevat HTML of een codeblok ('{shown}'); {advice}")]
        heading = _HEADING.match(line)
        if heading is None:
            continue
        if not top <= len(heading[1]) <= level + 1:
            wanted = "#" * (level + 1 if len(heading[1]) > level + 1 else top)
            return [Mistake(label, f"regel {number}: begin deze tussenkop met {wanted} (de titel is de kop erboven)")]
        level = len(heading[1])
    return []
