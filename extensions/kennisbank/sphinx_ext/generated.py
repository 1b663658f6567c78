"""Fill the placeholders: "Gerelateerd" sections and overviews, as standard nodes.

Runs as a post-transform, so it sees every page's objects and works for every
builder; the result contains only ordinary docutils nodes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..model.directories import NetworkMembers, network_members
from ..model.news import NEWS, format_news_date, moment
from ..model.objects import KBObject
from ..model.relations import Backlinks, fold
from ..model.schema import SUMMARY, TYPES, Bericht, Evenement, Thema
from .agenda import AgendaView
from .buildstate import build_state
from .capabilities import is_for_screens
from .domain import KnowledgeBaseDomain, kb_domain
from .failures import internal_errors, page_location
from .internals import builder_of
from .news import NewsView
from .nodes import enclosing_section, overview_placeholder, related_placeholder
from .placeholders import placeholders_in
from .priorities import FILL_PLACEHOLDERS
from .render import COMPACT, labeled_group, left_out, rest_on_the_website, when_nodes
from .timeline import news_summary

RELATED_TITLE = "Gerelateerd"
MEMBERS_TITLE = "Leden"
AGENDA_TITLE = "Agenda"
NEWS_TITLE = "Nieuws"


class FillGeneratedSections(SphinxPostTransform):
    default_priority = FILL_PLACEHOLDERS

    @property
    def domain(self) -> KnowledgeBaseDomain:
        return kb_domain(self.env)

    def run(self, **kwargs: Any) -> None:
        self._agenda: AgendaView | None = None
        for placeholder in placeholders_in(self, related_placeholder):
            where = page_location(self.env, placeholder)
            with internal_errors("de sectie Gerelateerd", where, placeholder["object_id"], placeholder):
                self.fill_related(placeholder)
        for overview in placeholders_in(self, overview_placeholder):
            with internal_errors("een overzicht", page_location(self.env, overview), placeholder=overview):
                overview.replace_self(self.overview(overview["kind"], overview["priorities_only"]))

    # -- Gerelateerd -------------------------------------------------------

    def fill_related(self, placeholder: related_placeholder) -> None:
        obj = self.domain.objects.get(placeholder["object_id"])
        # Removed since this page was read (the page is re-read next), or a duplicate id that
        # an older page keeps (reported). The placeholder's page, not the tree's: one tree
        # holds every page in a PDF or a single page.
        if obj is None or obj.docname != placeholder.get("docname", obj.docname):
            placeholder.parent.remove(placeholder)
            return
        links = self.domain.index.backlinks(obj.id)
        parts = []
        if obj.kind == "netwerk":
            # Its member organisations and people, apart: people point at a network only as members.
            members = network_members(self.domain.index, obj)
            if members:
                parts.append((MEMBERS_TITLE, "leden", self.members_body(members)))
            links = links.without("persoon")
        # What points here and is shown in a section of its own: related all the same.
        shown_apart = False
        if TYPES[obj.kind].has_agenda:
            # Its events get an agenda of their own, coming and past, with a feed.
            parts.append((AGENDA_TITLE, "agenda", self.agenda.object_agenda(obj.id)))
            shown_apart = bool(self.domain.events_of(obj.id))
            links = links.without("evenement")
        if TYPES[obj.kind].has_news and self.domain.news_of(obj.id):
            # Its news gets a section of its own too: the newest items in full, with a feed.
            news = NewsView(self.env, builder_of(self.env), self.env.docname)
            parts.append((NEWS_TITLE, "nieuws", news.object_news(obj)))
            shown_apart = True
            links = links.without(NEWS)
        # "Er verwijst nog niets naar ..." only when nothing does, its news and events included.
        if links or not (shown_apart or TYPES[obj.kind].quiet_when_unrelated):
            parts.append((RELATED_TITLE, "gerelateerd", self.related_body(obj, links)))
        section = enclosing_section(placeholder)
        if placeholder["own_section"] and section is not None:
            # The object is the page (or heading): these become sub-sections at the end.
            placeholder.parent.remove(placeholder)
            for title, name, body in parts:
                sub = nodes.section("", ids=[f"{name}-{obj.kind}-{obj.id}"], classes=[f"kb-{name}"])
                sub += nodes.title(title, title)
                sub.extend(body)
                section += sub
        else:
            replacement = []
            for title, name, body in parts:
                replacement += [nodes.rubric(title, title, classes=[f"kb-{name}-titel"]), *body]
            placeholder.replace_self(replacement)

    @property
    def today(self) -> dt.date:
        return build_state(self.env).settings.today()

    @property
    def agenda(self) -> AgendaView:
        if self._agenda is None:
            self._agenda = AgendaView.for_transform(self)
        return self._agenda

    def related_body(self, obj: KBObject, links: Backlinks) -> list[nodes.Node]:
        if not links:
            text = f"Er verwijst nog niets naar {TYPES[obj.kind].this_one()}."
            return [nodes.paragraph(text, text, classes=["kb-gerelateerd-leeg"])]
        groups = nodes.bullet_list(classes=["kb-gerelateerd", COMPACT])
        limit = self.paper_limit
        for kind, items in links.by_type:
            entries = [self.object_entry(source, labels) for source, labels in (items[:limit] if limit else items)]
            groups += labeled_group(nodes.Text(TYPES[kind].plural), entries)
        if links.pages:
            pages = sorted(links.pages, key=lambda d: fold(self.env.titles[d].astext()))
            pages = pages[:limit] if limit else pages
            entries = [[self.domain.page_reference(builder_of(self.env), self.env.docname, d)] for d in pages]
            groups += labeled_group(nodes.Text("Genoemd op"), entries)
        count = left_out(limit, *(len(items) for _, items in links.by_type), len(links.pages)) if limit else 0
        things = ("verwijzing", "verwijzingen")
        return [groups, *rest_on_the_website(self.env.config, obj, count, things, "naar", "kb-gerelateerd-meer")]

    def members_body(self, members: NetworkMembers) -> list[nodes.Node]:
        """'Organisaties: ...' and 'Personen: ... (lid, sinds 2022)', each only when there are any."""
        groups = nodes.bullet_list(classes=["kb-leden", COMPACT])
        if members.organisations:
            entries = [self.object_entry(org) for org in members.organisations]
            groups += labeled_group(nodes.Text(TYPES["organisatie"].plural), entries)
        if members.people:
            entries = [self.object_entry(m.person, (m.label,)) for m in members.people]
            groups += labeled_group(nodes.Text(TYPES["persoon"].plural), entries)
        return [groups]

    @property
    def paper_limit(self) -> int:
        """On paper, how many entries a group lists (0: all): a theme mentioned on a thousand
        pages would otherwise print pages of names (the website lists them all)."""
        if is_for_screens(builder_of(self.env)):
            return 0
        return build_state(self.env).settings.coming_limit

    def object_entry(self, obj: KBObject, labels: tuple[str, ...] = ()) -> list[nodes.Node]:
        parts: list[nodes.Node] = []
        start = obj.get(Evenement.start)
        if start is not None:
            parts += [*when_nodes(start, today=self.today), nodes.Text(": ")]
        elif obj.kind == NEWS and obj.has(Bericht.datum):
            parts += [nodes.Text(format_news_date(moment(obj).value.date())), nodes.Text(": ")]
        parts.append(self.domain.reference(builder_of(self.env), self.env.docname, obj))
        if labels:
            parts.append(nodes.Text(f" ({', '.join(labels)})"))
        return parts

    # -- overzicht ---------------------------------------------------------

    def overview(self, kind: str, priorities_only: bool) -> nodes.Node:
        objects = self.domain.index.of_kind(kind)
        if priorities_only:
            objects = [o for o in objects if o.get(Thema.bestuursprioriteit) == "ja"]
        if not objects:
            text = f"Er zijn nog geen {TYPES[kind].plural.lower()}."
            return nodes.paragraph(text, text)
        listing = nodes.bullet_list(classes=["kb-overzicht", f"kb-overzicht-{kind}"])
        for obj in objects:
            parts = self.object_entry(obj)
            summary = news_summary(self.domain, obj) if obj.kind == NEWS else obj.get(SUMMARY)
            if summary:
                parts.append(nodes.Text(f": {summary}"))
            listing += nodes.list_item("", nodes.paragraph("", "", *parts))
        return listing


def setup(app: Sphinx) -> None:
    app.add_node(related_placeholder)
    app.add_node(overview_placeholder)
    app.add_post_transform(FillGeneratedSections)
