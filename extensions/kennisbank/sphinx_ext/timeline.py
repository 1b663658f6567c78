"""True on its date: what a page shows that changes with the reference date.

The wording is model/timeline.py's; this module keeps the pages in step with it:

- each page notes, as it is read, the days on which its own text reads otherwise
  (a role begins or ends, a news item appears or gets old, an event on it is
  over) and the events its calls to action are about; a page one of whose days
  has passed since it was read is read again (``env-get-outdated``), and the
  state of those events is part of its digest (freshness.py). An incremental
  build the morning after equals a clean one.
- a news item dated later than the reference date appears on that day, not
  before: until then its page says when it will appear, and nothing lists it,
  finds it or links it (the domain's news and relation index leave it out).
- a news item older than ``kennisbank_news_old_after_months`` opens with "Dit bericht
  is van 1 mei 2023" and carries its date for the search (``<meta name="kb-datum">``).
- ``{oproep} event-id`` holds a call to action ("meld u aan") while the event can
  be acted on, and ``{nog-niet-bekend} event-id`` what is not known about it yet
  while it is to come; afterwards each says what happened, or its ``:daarna:``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from ..model.agenda import CalendarEvent, calendar_event
from ..model.news import format_news_date
from ..model.objects import KBObject
from ..model.relations import of_kinds, suggest
from ..model.schema import Bericht, Evenement
from ..model.timeline import (
    PageTimeline,
    can_act,
    can_still_come,
    current_summary,
    event_boundaries,
    is_old,
    is_scheduled,
    news_boundaries,
    news_day,
    role_boundaries,
    roles_of,
    state_of,
    what_happened,
)
from .buildstate import build_state
from .directives import KBDirective
from .domain import KnowledgeBaseDomain, kb_domain
from .failures import guarded, internal_errors, page_location
from .nodes import announcement_placeholder, timed_block
from .placeholders import placeholders_in
from .priorities import CHECK_CALLS_TO_ACTION, FILL_TIMELINE, HOLD_BACK_SCHEDULED
from .render import event_last_day
from .search import NO_SEARCH

logger = logging.getLogger(__name__)

#: The directives, with what they are called in messages.
TIMED = {"oproep": "Oproep", "nog-niet-bekend": "Nog niet bekend"}
#: What ``{nog-niet-bekend}`` says once the event is over, without a ``:daarna:`` of its own.
NOT_RECORDED = "Meer is hierover niet vastgelegd."
#: Page metadata of a news item that is still to appear: its day (the sitemap leaves it out).
SCHEDULED = "kennisbank-verschijnt"
#: What a page notes while it is read, in ``env.current_document``, gathered at ``doctree-read``.
CALLS, PLACEHOLDERS, ANNOUNCEMENTS = "kb_timeline_calls", "kb_timeline_placeholders", "kb_timeline_announcements"


def note(env: BuildEnvironment, key: str, entry: tuple[Any, ...]) -> None:
    """Note a call, placeholder or announcement of the page being read (see PageTimeline)."""
    cast(list[tuple[Any, ...]], env.current_document.setdefault(key, [])).append(entry)


class TimedBlockDirective(KBDirective):
    """``{oproep} bestuurdersdag-2023`` or ``{nog-niet-bekend}``, with ``:daarna:`` optional.

    Without an id, the event of the page (on an event's page) or of the news item's
    ``oproep`` field."""

    optional_arguments = 1
    has_content = True
    option_spec = {"daarna": directives.unchanged}

    def make(self) -> list[nodes.Node]:
        label = TIMED[self.name]
        event = self.arguments[0].strip() if self.arguments else self.event_of_page()
        if not event:
            self.warn(
                "%s: noem de bijeenkomst waar dit over gaat, zoals ```{%s} bestuurdersdag-2023 (alleen op de pagina "
                "van een bijeenkomst, of in een bericht met het veld 'oproep', mag u die weglaten)",
                label,
                self.name,
            )
        block = timed_block("", kind=self.name, event=event, after=" ".join(self.options.get("daarna", "").split()))
        self.set_source_info(block)
        self.state.nested_parse(self.content, self.content_offset, block)
        if event:  # an editor who wrote what to say afterwards needs no reminder (model/maintenance.py)
            note(self.env, CALLS, (event, self.lineno, self.name + (":daarna" if block["after"] else "")))
        if self.name == "nog-niet-bekend":
            note(self.env, PLACEHOLDERS, (self.lineno, "{nog-niet-bekend}", event))
        return [block]

    def event_of_page(self) -> str:
        """The event this page is about: an event declared on it, or the call of a news item on it."""
        for obj in kb_domain(self.env).objects_on(self.env.docname):
            if obj.kind == "evenement":
                return obj.id
            if obj.kind == "bericht" and (call := obj.get(Bericht.oproep)) is not None:
                return call
        return ""


@guarded("het bijhouden van wat op een pagina met de datum verandert")
def note_page_timeline(app: Sphinx, doctree: nodes.document) -> None:
    """Note the page's days and calls; a news item still to appear loses its text until its day."""
    env = app.env
    docname = env.docname
    domain = kb_domain(env)
    settings = build_state(domain.env).settings
    today = settings.today()
    days: set[dt.date] = set()
    for obj in domain.objects_on(docname):
        if obj.kind == "persoon":
            days.update(day for role in roles_of(obj) for day in role_boundaries(role))
        elif obj.kind == "bericht":
            days.update(news_boundaries(obj, settings.news_old_after_months))
            if is_scheduled(obj, today):
                _hold_back(env, doctree, obj, alone=len(domain.objects_on(docname)) == 1)
            elif is_old(obj, today, settings.news_old_after_months):
                _say_age(doctree, obj)
            _date_for_search(doctree, obj, today, settings.news_old_after_months)
        elif (last_day := event_last_day(obj)) is not None:
            days.update(event_boundaries(calendar_event(obj)))
            days.add(last_day + dt.timedelta(days=settings.placeholder_days + 1))  # see roles.MissingLinkRole
    pack = domain.packs.get(docname)
    if pack is not None and pack.date is not None:  # a meeting known to its month: "[... volgt]" until it is over
        days.add(pack.date.last_day + dt.timedelta(days=1))
    if env.current_document.get(ANNOUNCEMENTS):
        days.update(_without_past_announcements(doctree, today))
    noted = [tuple(env.current_document.get(key) or ()) for key in (CALLS, PLACEHOLDERS, ANNOUNCEMENTS)]
    if days or any(noted):
        domain.timelines[docname] = PageTimeline(today, frozenset(days), *noted)


def _without_past_announcements(doctree: nodes.document, today: dt.date) -> set[dt.date]:
    """An announcement past its day is gone before the page's mentions are read: no backlink stays
    behind. The days after each announcement's last, on which the page is read again."""
    days = set()
    for node in list(doctree.findall(announcement_placeholder)):
        until = dt.date.fromisoformat(node["until"])
        days.add(until + dt.timedelta(days=1))
        if until < today:
            node.parent.remove(node)
    return days


def _hold_back(env: BuildEnvironment, doctree: nodes.document, item: KBObject, alone: bool) -> None:
    """Before its day: only the title, and when it will appear; not in the sidebar, search or sitemap.

    An item that shares its page with other objects (not how news is written) loses only its block."""
    day = news_day(item)
    assert day is not None  # a scheduled item has a valid day
    text = f"Dit bericht verschijnt op {format_news_date(day)}."
    notice = nodes.paragraph(text, text, classes=["kb-bericht-gepland"])
    if not alone:
        container = _container_of(doctree, item)
        if container is not None:
            container.replace_self(notice)
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None:
        del section[1:]
        section += notice
    metadata = env.metadata[env.docname]
    metadata.update({"navigation": "hidden", NO_SEARCH: True, SCHEDULED: day.isoformat()})
    doctree += nodes.meta(name="robots", content="noindex")


def _say_age(doctree: nodes.document, item: KBObject) -> None:
    """'Dit bericht is van 1 mei 2023.' at the top of an old item."""
    day = news_day(item)
    container = _container_of(doctree, item)
    if day is None or container is None:
        return
    text = f"Dit bericht is van {format_news_date(day)}."
    container.insert(0, nodes.paragraph(text, text, classes=["kb-bericht-leeftijd"]))


def _date_for_search(doctree: nodes.document, item: KBObject, today: dt.date, months: int) -> None:
    """The item's day (and whether it is old) as page metadata the search can rank by."""
    day = news_day(item)
    if day is not None and not is_scheduled(item, today):
        doctree += nodes.meta(name="kb-datum", content=day.isoformat())
        if is_old(item, today, months):
            doctree += nodes.meta(name="kb-oud", content="ja")


def _container_of(tree: nodes.Node, obj: KBObject) -> nodes.container | None:
    return next((c for c in tree.findall(nodes.container) if c.get("kb_object") == obj.id), None)


@guarded("het bepalen welke pagina's met de datum veranderen", default=[])
def pages_to_read_again(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages one of whose days has come since they were read (or, dated back, not yet)."""
    today = build_state(env).settings.today()
    timelines = kb_domain(env).timelines
    return sorted(
        d for d, line in timelines.items() if d in env.found_docs and d not in removed and line.is_stale(today)
    )


def call_states(domain: KnowledgeBaseDomain, docname: str) -> list[tuple[object, ...]]:
    """What the page's calls to action depend on that another page declares (for its digest)."""
    timeline = domain.timelines.get(docname)
    if timeline is None:
        return []
    settings = build_state(domain.env).settings
    today, months = settings.today(), settings.news_old_after_months
    found: list[tuple[object, ...]] = []
    for event_id, _, _ in timeline.calls:
        obj = domain.objects.get(event_id)
        event = _event(domain, event_id)
        found.append((event_id, obj.digest if obj else None, state_of(obj, today, months, event) if obj else ()))
    return found


def news_summary(domain: KnowledgeBaseDomain, item: KBObject) -> str:
    """A news item's summary on the reference date: what happened, once its call to action is over."""
    return current_summary(
        item, build_state(domain.env).settings.today(), _event(domain, item.get(Bericht.oproep) or "")
    )


def _event(domain: KnowledgeBaseDomain, event_id: str) -> CalendarEvent | None:
    obj = domain.objects.get(event_id)
    return domain.event(event_id) if obj is not None and obj.kind == "evenement" and obj.has(Evenement.start) else None


@guarded("het controleren van de oproepen")
def check_calls(app: Sphinx, env: BuildEnvironment) -> None:
    """Each ``{oproep}`` and ``{nog-niet-bekend}`` names an event."""
    domain = kb_domain(env)
    for docname, timeline in sorted(domain.timelines.items()):
        for event_id, line, name in timeline.calls:
            obj = domain.objects.get(event_id)
            if obj is not None and obj.kind == "evenement":
                continue
            what = f"'{event_id}' is een {obj.kind}" if obj else f"er bestaat geen evenement met id '{event_id}'"
            hint = "" if obj else suggest(event_id, of_kinds(domain.objects, ("evenement",)))
            logger.warning(
                "%s: %s%s; hier hoort de id van een bijeenkomst",
                TIMED[name.partition(":")[0]],
                what,
                hint,
                location=(docname, line),
                type="kennisbank",
                subtype="invoer",
            )


@guarded("het overslaan van een bericht dat nog moet verschijnen")
def skip_scheduled_neighbours(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """'Vorige' and 'Volgende' do not lead to a news item that is still to appear."""
    relations = getattr(app.builder, "relations", {}).get(pagename)
    if not relations:
        return
    _, previous, following = relations
    for key, docname in (("prev", previous), ("next", following)):
        if docname and SCHEDULED in app.env.metadata.get(docname, {}):
            context[key] = None


class FillTimeline(SphinxPostTransform):
    """Calls to action and what is not known yet, as they read on the reference date."""

    default_priority = FILL_TIMELINE

    def run(self, **kwargs: Any) -> None:
        domain = kb_domain(self.env)
        today = build_state(domain.env).settings.today()
        for block in placeholders_in(self, timed_block):
            with internal_errors("een oproep", page_location(self.env, block), block["event"], block):
                self.fill(block, _event(domain, block["event"]), today)
        for item in domain.objects_on(self.env.docname):
            call = _event(domain, item.get(Bericht.oproep) or "") if item.kind == "bericht" else None
            if call is not None and not can_act(call, today):
                self.say_what_happened(item, call, today)

    def say_what_happened(self, item: KBObject, call: CalendarEvent, today: dt.date) -> None:
        """A news item whose call to action is over: its summary at the top says what happened."""
        container = _container_of(self.document, item)
        found = container.findall(nodes.paragraph) if container is not None else ()
        summary = next((p for p in found if "kb-samenvatting" in p["classes"]), None)
        if summary is not None:
            text = current_summary(item, today, call)
            summary.replace_self(nodes.paragraph(text, text, classes=summary["classes"]))

    def fill(self, block: timed_block, event: CalendarEvent | None, today: dt.date) -> None:
        holds = event is None or (
            can_act(event, today) if block["kind"] == "oproep" else can_still_come(event.last_day, today)
        )
        if holds:  # an unknown event was reported: the text stays as written
            block.replace_self(nodes.container("", *block.children, classes=[f"kb-{block['kind']}"]))
            return
        assert event is not None
        default = what_happened(event, today) if block["kind"] == "oproep" else NOT_RECORDED
        text = block["after"] or default
        block.replace_self(nodes.paragraph(text, text, classes=[f"kb-{block['kind']}-voorbij"]))


def setup(app: Sphinx) -> None:
    for name in TIMED:
        app.add_directive(name, TimedBlockDirective)
    app.add_node(timed_block)
    # Before Sphinx's collectors (500): a news item held back gives no headings, mentions or words.
    app.connect("doctree-read", note_page_timeline, priority=HOLD_BACK_SCHEDULED)
    app.connect("env-get-outdated", pages_to_read_again)
    app.connect("env-check-consistency", check_calls, priority=CHECK_CALLS_TO_ACTION)
    app.add_post_transform(FillTimeline)
    app.connect("html-page-context", skip_scheduled_neighbours)
