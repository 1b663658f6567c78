"""Directives that declare objects (``{thema}``, ``{evenement}``...) and list them (``{overzicht}``)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..model.agenda import event_problems
from ..model.fieldblock import read_block
from ..model.hints import slug_for
from ..model.news import news_problems
from ..model.objects import KBObject, Value
from ..model.privacy import check_fields
from ..model.relations import closest
from ..model.schema import SUMMARY, TYPES, Bericht, ObjectType
from ..model.sourcelines import FieldLines, field_lines, line_in
from ..model.values import FieldError, check_slug, parse_value
from . import render
from .buildstate import build_state
from .domain import kb_domain
from .failures import internal_errors
from .nodes import Placeholder, overview_placeholder, related_placeholder

logger = logging.getLogger(__name__)


#: Checks across the fields of one object.
CROSS_CHECKS = {"evenement": event_problems, "bericht": news_problems}


class AnyFieldName(dict[str, Callable[[str], Any]]):
    """Accepts every option name, so the directive itself can report unknown
    fields in plain Dutch (with a suggestion) instead of the parser's English."""

    def __missing__(self, key: str) -> Callable[[str | None], str]:
        return directives.unchanged


class KBDirective(SphinxDirective):
    """Base of our directives: Dutch warnings at the line they are about, typed fields."""

    #: Lines at the top of the body that were fields after all (see written_fields).
    body_lines = 0

    @functools.cached_property
    def unread(self) -> set[str]:
        """The fields written but left out, reported: a preview shows where they would be."""
        return set()

    def run(self) -> list[nodes.Node]:
        with internal_errors(
            f"de opdracht '{self.name}'", self.get_location(), self.arguments[0] if self.arguments else ""
        ):
            return self.make()
        return []  # reported: the page is built without this part

    def make(self) -> list[nodes.Node]:
        raise NotImplementedError

    def placed(self, node: Placeholder) -> Placeholder:
        """A placeholder that knows its line, so that a failure to fill it can be located."""
        self.set_source_info(node)
        return node

    def warn(self, message: str, *args: object, line: int | None = None) -> None:
        source, own_line = self.get_source_info()
        location = f"{source}:{line or own_line}" if source else self.get_location()
        logger.warning(message, *args, location=location, type="kennisbank", subtype="invoer")

    @functools.cached_property
    def field_lines(self) -> FieldLines:
        """Where each option stands in the source (read again from the directive's text, once)."""
        return field_lines(self.block_text or "", self.lineno)

    def line_of(self, name: str, item: int | None = None) -> int:
        return line_in(self.field_lines, name, self.lineno, item)

    def read_fields(self, spec: ObjectType, where: str) -> dict[str, Value]:
        """Parse the fields as ``spec``'s; report unknown, malformed and missing ones, each once."""
        written = self.written_fields(spec, where)
        fields: dict[str, Value] = {}
        meant = set()  # the fields that a misspelt one stands for: not missing, misspelt
        for name, raw in written.items():
            field = spec.field(name)
            if field is None:
                close = closest(name, spec.field_names)
                hint = f" (bedoelt u '{close}'?)" if close else f". Toegestaan: {', '.join(spec.field_names)}."
                self.warn("%s: onbekend veld '%s'%s", where, name, hint, line=self.line_of(name))
                meant.add(close)
                continue
            try:
                fields[name] = parse_value(field, raw or "")
            except FieldError as error:
                self.warn("%s, veld '%s': %s", where, name, error, line=self.line_of(name))
                self.unread.add(name)
        for field in spec.fields:
            if field.required and field.name not in written and field.name not in meant:
                example = f" (bijvoorbeeld '{field.name}: {field.example}')" if field.example else ""
                self.warn("%s: verplicht veld '%s' ontbreekt%s", where, field.name, example)
        # Personal contact details (AVG), in any field: see privacy.py.
        privacy = check_fields(spec, self.options, fields, build_state(self.env).settings.functions)
        for problem in privacy.problems:
            line = self.line_of(problem.field, problem.item)
            self.warn("%s, veld '%s': %s", where, problem.field, problem.message, line=line)
        return {
            name: privacy.redacted.get(name, value) for name, value in fields.items() if name not in privacy.withheld
        }

    def written_fields(self, spec: ObjectType, where: str) -> dict[str, str | None]:
        """The fields as the contributor meant them, each mistake in the block reported at its line.

        MyST's reading where it managed, ours (model/fieldblock.py) where it gave up on the
        block, and ours for each value it repairs. MyST's own English message about the
        block is left out of the log (see logfilters.py): this says it in Dutch.
        """
        block = read_block(self.block_text or "", self.lineno, spec.field_names)
        if block is None:  # reStructuredText: docutils read the fields
            return dict(self.options)
        for mistake in block.mistakes:
            about = f"{where}, veld '{mistake.field}'" if spec.field(mistake.field) else where
            self.warn("%s: %s", about, mistake.message, line=mistake.line)
        for name, lines in block.lines.items():
            self.field_lines.setdefault(name, lines)
        self.body_lines = block.body_lines
        refused = bool(block.values) and not self.options
        if refused and not block.mistakes:  # MyST stumbled where we read on: never silently
            first = min(lines[0] for lines in block.lines.values())
            self.warn(
                "%s: de velden konden niet worden gelezen; controleer de aanhalingstekens en dubbele punten",
                where,
                line=first,
            )
        text = next((line for line in self.content[block.body_lines :] if line.strip()), None)
        if not self.has_content and text is not None:
            source = (self.block_text or "").splitlines()
            line = self.lineno + next((n for n in range(1, len(source)) if source[n] == text), 1)
            self.warn(
                "%s: in dit blok hoort geen tekst onder de velden: zet die boven of onder het blok", where, line=line
            )
        repaired = {name: block.values[name] for name in block.repaired if name in block.values}
        return {**(block.values if refused else self.options), **repaired}


class ObjectDirective(KBDirective):
    """Declares one object. The type comes from the directive's name.

    Without a ``titel``/``naam`` field the object takes the heading it stands
    under: that is how a theme or programme page declares itself.
    """

    # The id is checked here, in Dutch: docutils would refuse a missing id or one with spaces in English.
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = AnyFieldName({name: directives.unchanged for t in TYPES.values() for name in t.field_names})

    @property
    def spec(self) -> ObjectType:
        return TYPES[self.name.rpartition(":")[2]]

    def make(self) -> list[nodes.Node]:
        spec = self.spec
        obj_id = self.checked_id()
        if not obj_id:
            return []
        fields = self.parse_fields(obj_id)
        # Without a title field the object is named after its heading; that
        # title is filled in once the page is read (see references.py).
        written_title = fields.pop(spec.title_field, None)
        explicit_title = written_title if isinstance(written_title, str) else None  # a text field
        title = explicit_title or ""
        obj = KBObject(spec.name, obj_id, title, self.env.docname, self.lineno, fields, self.field_lines)
        kb_domain(self.env).note_object(obj)

        container = nodes.container(classes=["kb-object", f"kb-{spec.name}"], kb_object=obj_id, is_div=True)
        container["kb_heading_title"] = not explicit_title
        self.set_source_info(container)
        if explicit_title:
            container += nodes.rubric(title, title, classes=["kb-object-title"])
        summary = obj.get(SUMMARY)
        if summary is not None:
            container += nodes.paragraph(summary, summary, classes=["kb-samenvatting"])
        image = obj.get(Bericht.afbeelding)
        if image is not None:  # never without its alt text (model/news.py, news_problems)
            container += self.image(f"{spec.label} '{obj_id}'", image, obj.get(Bericht.alt_tekst) or "")
        # As they read on the reference date; sphinx_ext/timeline.py reads the page again when that changes.
        settings = build_state(self.env).settings
        facts = render.fact_list(obj, self.unread, settings.today(), settings.placeholder_days)
        if len(facts):
            container += facts
        # Sphinx looks up the source of a rubric or field name that has none, and writes
        # each one out as XML for a debug message on the way: 1.4 s per thousand pages.
        # A plain walk: docutils' findall with a function as the condition is its slow path.
        for node in container.findall():
            if isinstance(node, (nodes.rubric, nodes.field_name)):
                self.set_source_info(node)
        if self.content[self.body_lines :]:
            self.state.nested_parse(self.content[self.body_lines :], self.content_offset + self.body_lines, container)
        # Also for an id another page declares too: which page keeps it is known once all are
        # read (duplicates.py); the other shows no "Gerelateerd" (generated.py).
        container += self.placed(
            related_placeholder(object_id=obj_id, own_section=not explicit_title, docname=self.env.docname)
        )
        target = nodes.target("", "", ids=[obj.anchor])
        self.set_source_info(target)
        return [target, container]

    def checked_id(self) -> str:
        """The object's id; written wrongly, the id it should be (reported), so that the page still works."""
        spec = self.spec
        written = self.arguments[0] if self.arguments else ""
        if not written:
            self.warn(
                "%s: de id ontbreekt: schrijf hem achter de naam van het type, zoals ```{%s} mijn-id",
                spec.label,
                spec.name,
            )
            return ""
        try:
            return check_slug(written)
        except FieldError as error:
            self.warn("%s: %s", spec.label, error)
        return slug_for(written) or written

    def image(self, where: str, path: str, alt: str) -> list[nodes.Node]:
        """The image of a news item, from a file beside its page (see news.py for the other checks)."""
        shown, absolute = self.env.relfn2path(path, self.env.docname)
        try:
            found = Path(absolute).is_file()
        except (OSError, ValueError):  # no name a file can have (far too long, say)
            self.warn(
                "%s, veld 'afbeelding': '%s' is geen bestandsnaam",
                where,
                path,
                line=self.line_of(Bericht.afbeelding.name),
            )
            return []
        # Also when it is missing: once the file is added, the page is read again.
        self.env.note_dependency(absolute)
        if not found:
            self.warn(
                "%s, veld 'afbeelding': het bestand '%s' bestaat niet (gezocht als %s in de bronmap)",
                where,
                path,
                shown,
                line=self.line_of(Bericht.afbeelding.name),
            )
            return []
        image = nodes.image(path, uri=path, alt=alt, classes=["kb-afbeelding"])
        self.set_source_info(image)
        return [image]

    def parse_fields(self, obj_id: str) -> dict[str, Value]:
        spec = self.spec
        where = f"{spec.label} '{obj_id}'"
        fields = self.read_fields(spec, where)
        check = CROSS_CHECKS.get(spec.name)
        for problem in check(fields) if check else ():
            line = self.line_of(problem.field)
            self.warn("%s, veld '%s': %s", where, problem.field, problem.message, line=line)
            if problem.drop:
                fields.pop(problem.field, None)
                self.unread.add(problem.field)
        return fields


class OverviewDirective(KBDirective):
    """``{overzicht} programma``: a generated list of every object of one type."""

    required_arguments = 1
    option_spec = {"alleen-bestuursprioriteiten": directives.flag}

    def make(self) -> list[nodes.Node]:
        kind = self.arguments[0]
        if kind not in TYPES:
            self.warn("Overzicht: onbekend type '%s'; kies uit %s", kind, ", ".join(TYPES))
            return []
        kb_domain(self.env).note_overview(self.env.docname, kind)
        only_priorities = "alleen-bestuursprioriteiten" in self.options
        return [self.placed(overview_placeholder(kind=kind, priorities_only=only_priorities))]


def setup(app: Sphinx) -> None:
    for kind in TYPES:
        app.add_directive(kind, ObjectDirective)
    app.add_directive("overzicht", OverviewDirective)
