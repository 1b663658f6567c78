"""``{nieuwsbrief}``: declare a newsletter edition on a page; ``{nieuwsbrieven}``: the archive.

The edition's page shows its introduction (the directive's content) and, once all
pages are read, its sections as standard nodes with a link to every object. The
builder ``nieuwsbrief`` (builders/newsletter.py) writes the same edition as e-mail.
Editions live in a small domain of their own (data only, no roles: domain.py); they are
checked when all pages are read: unknown ids, ids of the wrong type, numbers used
twice, each at its own line.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from ..model.agenda import CalendarEvent
from ..model.news import format_news_date
from ..model.newsletter import (
    MAILTO,
    NEWSLETTER,
    SECTIONS,
    SIGNUP_TEXT,
    Edition,
    EditionPart,
    Entry,
    Nieuwsbrief,
    Today,
    duplicate_numbers,
    edition_parts,
    edition_problems,
    entry_of,
    newest_first,
    signup_sentence,
)
from ..model.objects import KBObject, Value, ids_in, value_of
from ..model.schema import Evenement
from .buildstate import build_state
from .directives import AnyFieldName, KBDirective
from .domain import KnowledgeBaseDomain, kb_domain, newsletter_domain
from .failures import guarded, internal_errors, page_location
from .internals import builder_of
from .nodes import Placeholder
from .placeholders import placeholders_in
from .priorities import CHECK_NEWSLETTERS, FILL_PLACEHOLDERS, PAGES_TO_REWRITE
from .render import mail_link, url_nodes, vague_date_marker, when_nodes

logger = logging.getLogger(__name__)

WHERE = "Nieuwsbrief"


class edition_placeholder(Placeholder):
    """The sections of the edition declared on this page."""


class archive_placeholder(Placeholder):
    """The list of every edition, newest first."""


# -- the directives ------------------------------------------------------------------


class NewsletterDirective(KBDirective):
    has_content = True
    option_spec = AnyFieldName({f.name: directives.unchanged for f in NEWSLETTER.fields})

    def make(self) -> list[nodes.Node]:
        fields = self.read_fields(NEWSLETTER, WHERE)
        intro = nodes.container(classes=["kb-nieuwsbrief-inleiding"], is_div=True)
        self.set_source_info(intro)
        if self.content:
            self.state.nested_parse(self.content, self.content_offset, intro)
        edition = self.edition(fields)
        if edition is None:  # reported: the page keeps its text, without the edition's sections
            return [intro]
        domain = newsletter_domain(self.env)
        if self.env.docname in domain.editions:
            self.warn("%s: zet één nieuwsbrief per pagina; deze tweede telt niet mee", WHERE)
            return [intro]
        domain.editions[self.env.docname] = edition
        return [self.facts(edition), intro, self.placed(edition_placeholder(edition=self.env.docname))]

    def edition(self, fields: Mapping[str, Value]) -> Edition | None:
        number, date = value_of(fields, Nieuwsbrief.nummer), value_of(fields, Nieuwsbrief.datum)
        if number == 0:
            self.warn("%s, veld 'nummer': het nummer is 1 of hoger", WHERE, line=self.line_of(Nieuwsbrief.nummer.name))
            number = None
        if date is not None and not date.is_exact_day:
            message = "%s, veld 'datum': een nieuwsbrief heeft een datum met een dag nodig, zoals 2023-05-01"
            self.warn(message, WHERE, line=self.line_of(Nieuwsbrief.datum.name))
            date = None
        if number is None or date is None:
            return None
        items = {s.field: ids_in(fields[s.field]) for s in SECTIONS if s.field in fields}
        months = value_of(fields, Nieuwsbrief.agenda_maanden)
        lines = {name: tuple(self.line_of(name, index) for index in range(len(ids))) for name, ids in items.items()}
        return Edition(
            docname=self.env.docname,
            lineno=self.lineno,
            number=number,
            date=date,
            subject=value_of(fields, Nieuwsbrief.onderwerp) or "",
            items=items,
            item_lines=lines,
            agenda_months=Edition.agenda_months if months is None else months,  # 0: no generated agenda
            number_line=self.line_of(Nieuwsbrief.nummer.name),
        )

    @staticmethod
    def facts(edition: Edition) -> nodes.field_list:
        facts = nodes.field_list(classes=["kb-facts", "kb-nieuwsbrief"])
        for label, body in (("Nummer", [nodes.Text(str(edition.number))]), ("Datum", when_nodes(edition.date))):
            facts += nodes.field(
                "", nodes.field_name(label, label), nodes.field_body("", nodes.paragraph("", "", *body))
            )
        return facts


class NewsletterArchiveDirective(KBDirective):
    """``{nieuwsbrieven}``: every edition, newest first."""

    def make(self) -> list[nodes.Node]:
        newsletter_domain(self.env).archives[self.env.docname] = True
        return [self.placed(archive_placeholder())]


# -- what an edition shows, for the site and the e-mail ----------------------------------


def edition_entries(env: BuildEnvironment, edition: Edition) -> list[tuple[EditionPart, list[Entry]]]:
    """Each section with something to show, and an entry for each object it lists, as on the reference date:
    the site's page and the e-mail alike show no call to action that can no longer be acted on."""
    domain = kb_domain(env)
    settings = build_state(domain.env).settings
    today = Today(settings.today(), {event.id: event for event in domain.events}, settings.placeholder_days)
    parts = edition_parts(edition, domain.objects, domain.events, today.day)
    return [
        (part, [entry_of(obj, domain.objects, _event(domain, obj), today) for obj in part.objects]) for part in parts
    ]


def _event(domain: KnowledgeBaseDomain, obj: KBObject) -> CalendarEvent | None:
    return domain.event(obj.id) if obj.kind == "evenement" and obj.has(Evenement.start) else None


def image_path(env: BuildEnvironment, entry: Entry) -> str | None:
    """Where the entry's image is among the build's images (relative to the sources); None if it is not."""
    if entry.image is None:
        return None
    path = env.relfn2path(entry.image[0], entry.obj.docname)[0]
    return path if path in env.images else None  # a missing file was reported at the item


class EditionView:
    """Renders an edition and the archive as standard nodes, for one page (``docname``)."""

    def __init__(self, env: BuildEnvironment, builder: Builder, docname: str):
        self.env = env
        self.builder = builder
        self.docname = docname
        self.domain = kb_domain(env)
        self.today = build_state(self.env).settings.today()

    def link(self, obj_id: str) -> nodes.reference:
        return self.domain.reference(self.builder, self.docname, self.domain.objects[obj_id])

    def edition(self, edition: Edition) -> list[nodes.Node]:
        result: list[nodes.Node] = []
        for part, entries in edition_entries(self.env, edition):
            section = nodes.section("", ids=[f"nieuwsbrief-{part.section.field}"], classes=["kb-nieuwsbrief-sectie"])
            section += nodes.title(part.heading, part.heading)
            for entry in entries:
                section += self.entry(part, entry)
            if part.window is not None:
                section += nodes.paragraph(part.agenda_intro, part.agenda_intro)
                section += self.agenda(part)
            result.append(section)
        return [*result, *self.signup()]

    def signup(self) -> list[nodes.Node]:
        """How to get the newsletter by e-mail (``kennisbank_newsletter_signup``)."""
        link = build_state(self.env).settings.newsletter_signup_link
        if not link:
            return []
        before, after = signup_sentence(link)
        ref = nodes.reference(SIGNUP_TEXT, SIGNUP_TEXT, refuri=link, classes=["kb-aanmelden-nieuwsbrief"])
        return [
            nodes.paragraph("", "", nodes.Text(before), ref, nodes.Text(after), classes=["kb-nieuwsbrief-aanmelden"])
        ]

    def entry(self, part: EditionPart, entry: Entry) -> nodes.section:
        section = nodes.section("", ids=[f"nieuwsbrief-{part.section.field}-{entry.obj.id}"])
        section += nodes.title("", "", self.link(entry.obj.id))
        if entry.when:
            line = nodes.paragraph("", entry.when, classes=["kb-nieuwsbrief-wanneer"])
            if entry.vague:
                line += vague_date_marker(entry.until, self.today)
            for text in (entry.where, *entry.notes):
                if text:
                    line += nodes.Text(f" · {text}")
            section += line
        path = image_path(self.env, entry)
        if path is not None and entry.image is not None:
            section += nodes.image("", uri=path, candidates={"*": path}, alt=entry.image[1], classes=["kb-afbeelding"])
        if entry.summary:
            section += nodes.paragraph(entry.summary, entry.summary)
        facts = nodes.field_list(classes=["kb-facts"])
        for label, url in entry.links:
            if isinstance(url, str) and url.startswith(MAILTO):
                facts += _fact(label, [mail_link(url.removeprefix(MAILTO))])
            else:
                facts += _fact(label, url_nodes(url))
        for label, ids in entry.related:
            facts += _fact(label, _joined(self.link(i) for i in ids))
        if len(facts):
            section += facts
        return section

    def agenda(self, part: EditionPart) -> nodes.bullet_list:
        listing = nodes.bullet_list(classes=["kb-agenda", "kb-nieuwsbrief-agenda"])
        for item in part.agenda:
            event = item.event
            line = nodes.paragraph("", item.when)
            if not event.precise:
                line += vague_date_marker(event.last_day, self.today)
            line += [nodes.Text(": "), self.link(event.id)]
            if item.where:
                line += nodes.Text(f" ({item.where})")
            for note in item.notes:
                line += nodes.Text(f" ({note})")
            listing += nodes.list_item("", line)
        return listing

    def archive(self) -> list[nodes.Node]:
        editions = newest_first(newsletter_domain(self.env).editions.values())
        if not editions:
            text = "Er zijn nog geen nieuwsbrieven."
            return [nodes.paragraph(text, text), *self.signup()]
        listing = nodes.bullet_list(classes=["kb-nieuwsbrieven"])
        for edition in editions:
            about = f" (nummer {edition.number}, {format_news_date(edition.date.value.date())})"
            link = self.domain.page_reference(self.builder, self.docname, edition.docname)
            listing += nodes.list_item("", nodes.paragraph("", "", link, nodes.Text(about)))
        return [listing, *self.signup()]


def _fact(label: str, body: list[nodes.Node]) -> nodes.field:
    return nodes.field("", nodes.field_name(label, label), nodes.field_body("", nodes.paragraph("", "", *body)))


def _joined(links: Iterable[nodes.Node]) -> list[nodes.Node]:
    result: list[nodes.Node] = []
    for link in links:
        if result:
            result.append(nodes.Text(", "))
        result.append(link)
    return result


class FillNewsletters(SphinxPostTransform):
    default_priority = FILL_PLACEHOLDERS

    def run(self, **kwargs: Any) -> None:
        placeholders = [*placeholders_in(self, edition_placeholder), *placeholders_in(self, archive_placeholder)]
        if not placeholders:
            return
        view = EditionView(self.env, builder_of(self.env), self.env.docname)
        domain = newsletter_domain(self.env)
        for node in placeholders:
            with internal_errors("de nieuwsbrief", page_location(self.env, node), placeholder=node):
                if isinstance(node, edition_placeholder):
                    node.replace_self(view.edition(domain.editions[node["edition"]]))
                else:
                    node.replace_self(view.archive())


# -- checks and freshness ------------------------------------------------------------


@guarded("het controleren van de nieuwsbrieven")
def check_editions(app: Sphinx, env: BuildEnvironment) -> None:
    domain = newsletter_domain(env)
    objects = kb_domain(env).objects
    for edition in sorted(domain.editions.values(), key=lambda e: e.docname):
        for problem in edition_problems(edition, objects):
            _warn(problem.message, problem.docname, problem.lineno)
    for edition, first in duplicate_numbers(domain.editions.values()):
        message = (
            f"{WHERE}: nummer {edition.number} is al gebruikt in {env.doc2path(first.docname, base=False)}, "
            f"regel {first.number_line}; geef elke nieuwsbrief een eigen nummer"
        )
        _warn(message, edition.docname, edition.number_line)


def _warn(message: str, docname: str, line: int) -> None:
    logger.warning(message, location=(docname, line), type="kennisbank", subtype="nieuwsbrief")


@guarded("het bepalen welke nieuwsbriefpagina's opnieuw moeten", default=[])
def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The edition and archive pages whose generated content changed since this folder's last build."""
    domain = newsletter_domain(env)
    folder = str(app.builder.outdir)
    old = domain.signatures.get(folder, {})
    new = {docname: _digest(_edition_inputs(env, edition)) for docname, edition in domain.editions.items()}
    if domain.archives:
        shown = [
            (e.docname, e.number, e.date, e.subject, _title(env, e.docname))
            for e in newest_first(domain.editions.values())
        ]
        new.update({docname: _digest(shown) for docname in domain.archives})
    domain.signatures[folder] = new
    return sorted(docname for docname, digest in new.items() if old.get(docname) != digest)


def _edition_inputs(env: BuildEnvironment, edition: Edition) -> list[object]:
    objects = kb_domain(env).objects
    shown: list[object] = [edition]
    today = build_state(env).settings.today()
    for part, entries in edition_entries(env, edition):
        # With what of it changes with the date: a heading of calls to action, a day never recorded.
        vague = [item.event.last_day < today for item in part.agenda] + [
            bool(e.until and e.until < today) for e in entries
        ]
        shown.append((part.section.field, part.heading, part.window, [repr(item) for item in part.agenda], vague))
        for entry in entries:
            related = [(i, objects[i].title, objects[i].docname) for _, ids in entry.related for i in ids]
            shown.append((repr(entry), sorted(entry.obj.fields.items(), key=repr), related, image_path(env, entry)))
    return shown


def _title(env: BuildEnvironment, docname: str) -> str | None:
    title = env.titles.get(docname)
    return title.astext() if title is not None else None


def _digest(value: object) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()


def setup(app: Sphinx) -> None:
    app.add_directive("nieuwsbrief", NewsletterDirective)
    app.add_directive("nieuwsbrieven", NewsletterArchiveDirective)
    app.add_node(edition_placeholder)
    app.add_node(archive_placeholder)
    app.add_post_transform(FillNewsletters)
    app.connect("env-check-consistency", check_editions, priority=CHECK_NEWSLETTERS)
    app.connect("env-get-updated", pages_to_rewrite, priority=PAGES_TO_REWRITE)
