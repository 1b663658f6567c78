"""The domains: ``kb`` (objects per page, cross-references and their resolution) and
``nieuwsbrief`` (the newsletter editions, data only), each with typed properties for what it
stores; no other module reads their ``data`` (tests/test_architecture.py)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any, ClassVar, cast

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from ..model.agenda import CalendarEvent
from ..model.newsletter import Edition
from ..model.objects import KBObject, Mention
from ..model.packs import BoardPack
from ..model.relations import RelationIndex
from ..model.schema import TYPES
from ..model.timeline import PageTimeline
from .objectroles import DOMAIN, ObjectRole
from .views import DomainViews, is_page_object

logger = logging.getLogger(__name__)


#: The stored data kept per page as it was read, and merged as such from a parallel reader.
PER_PAGE = ("mentions", "other_mentions", "overviews", "packs", "timeline")


class KnowledgeBaseDomain(Domain):
    name = DOMAIN
    label = "Kennisbank"
    object_types = {kind: ObjType(spec.label, kind) for kind, spec in TYPES.items()}
    roles = {kind: ObjectRole(warn_dangling=True, innernodeclass=nodes.inline) for kind in TYPES}
    initial_data: ClassVar[dict[str, Any]] = {
        "objects": {},  # id -> KBObject
        "ids_on_page": {},  # docname -> ids of the objects registered from it, for clear_doc
        "duplicates": {},  # docname -> objects declared on it whose id another page holds, see duplicates.py
        "problems": {},  # docname -> what was reported while reading it, see problems.py
        "mentions": {},  # docname -> tuple[Mention, ...]
        "other_mentions": {},  # docname -> mentions on pages that give no backlinks (the guide)
        "overviews": {},  # docname -> frozenset of listed kinds
        "packs": {},  # docname -> BoardPack
        "timeline": {},  # docname -> the days on which it reads otherwise, see timeline.py
        "signatures": {},  # output folder -> docname -> digest of its generated content, see freshness.py
        "tocs": {},  # output folder -> docname -> digest of its headings, see freshness.py
    }
    data_version = 6  # 5: duplicates kept per page; 6: roles with dates, pages with days they change

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._views: DomainViews | None = None

    # -- stored data -------------------------------------------------------
    # Sphinx types ``data`` as dict[str, Any]: each property names what its entry holds, for mypy.

    @property
    def objects(self) -> dict[str, KBObject]:
        stored: dict[str, KBObject] = self.data["objects"]
        return stored

    @property
    def mentions(self) -> dict[str, tuple[Mention, ...]]:
        stored: dict[str, tuple[Mention, ...]] = self.data["mentions"]
        return stored

    @property
    def overviews(self) -> dict[str, frozenset[str]]:
        stored: dict[str, frozenset[str]] = self.data["overviews"]
        return stored

    @property
    def problems(self) -> dict[str, list[tuple[int, str]]]:
        """Per page, what was reported while it was read, as (line, message) (problems.py)."""
        stored: dict[str, list[tuple[int, str]]] = self.data["problems"]
        return stored

    @property
    def timelines(self) -> dict[str, PageTimeline]:
        """Per page, the days on which it reads otherwise and what it announces (timeline.py)."""
        stored: dict[str, PageTimeline] = self.data["timeline"]
        return stored

    @property
    def signatures(self) -> dict[str, dict[str, str]]:
        """Per output folder, each page's digest of its generated content (freshness.py)."""
        stored: dict[str, dict[str, str]] = self.data["signatures"]
        return stored

    @property
    def tocs(self) -> dict[str, dict[str, str]]:
        """Per output folder, each page's digest of its headings (freshness.py)."""
        stored: dict[str, dict[str, str]] = self.data.setdefault("tocs", {})
        return stored

    # -- views of it, made anew after any change (views.py) --------------------

    @property
    def views(self) -> DomainViews:
        if self._views is None:
            self._views = DomainViews(self.env, self.objects, self.mentions)
        return self._views

    def _changed(self) -> None:
        self._views = None

    @property
    def index(self) -> RelationIndex:
        """Inverse relations: backlinks, mentions, the check of every relation."""
        return self.views.index

    @property
    def events(self) -> list[CalendarEvent]:
        """All events as the calendar sees them."""
        return self.views.events

    def event(self, obj_id: str) -> CalendarEvent:
        """One event (with a start) as the calendar sees it."""
        return self.views.event_by_id[obj_id]

    def events_in_month(self, year: int, month: int) -> list[CalendarEvent]:
        """The events a month view of (year, month) shows: on one of its days, or in it without a day."""
        return self.views.months.get((year, month), [])

    def event_months(self) -> Iterable[tuple[int, int]]:
        """The months in which an event is or may be, as (year, month)."""
        return self.views.months.keys()

    def events_of(self, obj_id: str) -> list[CalendarEvent]:
        """The events of one theme, programme or network, by its id."""
        return self.views.events_of.get(obj_id, [])

    @property
    def news(self) -> list[KBObject]:
        """Every published news item, newest first."""
        return self.views.news

    def news_of(self, obj_id: str) -> list[KBObject]:
        """The news items about one object (any relation of theirs points at it), newest first."""
        return self.views.news_of.get(obj_id, [])

    def note_object(self, obj: KBObject) -> bool:
        """Register an object; one whose id is taken waits among the duplicates (see duplicates.py)."""
        if obj.id in self.objects:
            self.data["duplicates"].setdefault(obj.docname, []).append(obj)
            return False
        self.objects[obj.id] = obj
        self.data["ids_on_page"].setdefault(obj.docname, []).append(obj.id)
        self._changed()
        return True

    def objects_on(self, docname: str) -> list[KBObject]:
        """The objects declared on one page, in their order."""
        return [self.objects[obj_id] for obj_id in self.data["ids_on_page"].get(docname, ())]

    @property
    def duplicates(self) -> dict[str, list[KBObject]]:
        stored: dict[str, list[KBObject]] = self.data["duplicates"]
        return stored

    def promote(self, obj: KBObject) -> None:
        """Give a duplicate its id: the object that held it (if any) becomes the duplicate."""
        waiting = self.duplicates[obj.docname]
        waiting.remove(obj)
        if not waiting:
            del self.duplicates[obj.docname]
        holder = self.objects.pop(obj.id, None)
        if holder is not None:
            self.data["ids_on_page"][holder.docname].remove(obj.id)
            self.duplicates.setdefault(holder.docname, []).append(holder)
        self.note_object(obj)

    def declared_on(self, docname: str, obj_id: str) -> KBObject | None:
        """The object with this id declared on this page, whether it holds the id or waits."""
        obj = self.objects.get(obj_id)
        if obj is not None and obj.docname == docname:
            return obj
        return next((o for o in self.duplicates.get(docname, ()) if o.id == obj_id), None)

    def rename(self, obj: KBObject, title: str) -> None:
        renamed = replace(obj, title=title)
        if self.objects.get(obj.id) is obj:
            self.objects[obj.id] = renamed
        else:
            waiting = self.duplicates[obj.docname]
            waiting[waiting.index(obj)] = renamed
        self._changed()

    def note_mentions(self, docname: str, mentions: Iterable[Mention], backlinks: bool = True) -> None:
        """The objects a page mentions; only with ``backlinks`` do they list the page under "Genoemd op"."""
        self.mentions[docname] = tuple(mentions) if backlinks else ()
        self.data["other_mentions"][docname] = () if backlinks else tuple(mentions)
        self._changed()

    def all_mentions(self, docname: str) -> tuple[Mention, ...]:
        """Every object the page mentions, whether or not that counts as a backlink."""
        return (*self.mentions.get(docname, ()), *self.data["other_mentions"].get(docname, ()))

    @property
    def packs(self) -> dict[str, BoardPack]:
        stored: dict[str, BoardPack] = self.data["packs"]
        return stored

    def note_pack(self, pack: BoardPack) -> None:
        self.packs[pack.docname] = pack

    def note_overview(self, docname: str, kind: str) -> None:
        self.overviews[docname] = self.overviews.get(docname, frozenset()) | {kind}

    def clear_doc(self, docname: str) -> None:
        # By page, not by a search through all objects: a clean build clears every page.
        for obj_id in self.data["ids_on_page"].pop(docname, ()):
            del self.objects[obj_id]
        for key in ("duplicates", "problems", *PER_PAGE):
            self.data[key].pop(docname, None)
        self._changed()

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        docnames = set(docnames)
        for obj in otherdata["objects"].values():
            if obj.docname in docnames:
                self.note_object(obj)
        for docname, waiting in otherdata["duplicates"].items():
            if docname in docnames:
                for obj in waiting:
                    self.note_object(obj)
        # Not "problems": a reading process logs nothing itself, its log is replayed here (problems.py).
        for key in PER_PAGE:
            for docname, value in otherdata[key].items():
                if docname in docnames:
                    self.data[key][docname] = value
        self._changed()

    # -- cross-references --------------------------------------------------

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        obj = self.objects.get(target)
        if obj is None or obj.kind not in node.get("kb_kinds", (typ,)):
            return None
        return self.reference(builder, fromdocname, obj, None if not node.get("refexplicit") else contnode)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        obj = self.objects.get(target)
        if obj is None:
            return []
        return [(f"{self.name}:{obj.kind}", self.reference(builder, fromdocname, obj))]

    def reference(
        self, builder: Builder, fromdocname: str, obj: KBObject, child: nodes.Node | None = None
    ) -> nodes.reference:
        """A link to an object, with its title as text unless ``child`` is given.

        The title is a tooltip only where the text differs from it: a tooltip that
        repeats the link text is read twice by some screen readers. The title goes
        straight into the link (no inner span): pages list thousands of links."""
        if child is None:
            ref = make_refnode(builder, fromdocname, obj.docname, obj.anchor, nodes.Text(obj.title))
            ref["classes"] += ["kb-ref", f"kb-ref-{obj.kind}"]
            return ref
        tooltip = obj.title if child.astext() != obj.title else None
        return make_refnode(builder, fromdocname, obj.docname, obj.anchor, child, tooltip)

    def page_reference(self, builder: Builder, fromdocname: str, docname: str) -> nodes.reference:
        """A link to a whole page, with its title as text."""
        title = self.env.titles[docname].astext()
        return make_refnode(builder, fromdocname, docname, None, nodes.Text(title))

    def is_page_object(self, obj: KBObject) -> bool:
        """Whether the page is about this object alone: it bears the page's title (a theme's, an event's page)."""
        return is_page_object(self.env, obj)

    def page_object(self, docname: str) -> KBObject | None:
        """The object a page is about, if the page is one object's own."""
        return self.views.page_objects.get(docname)

    @property
    def page_objects(self) -> dict[str, KBObject]:
        """Per page, the object it is about (the first, should two bear its title)."""
        return self.views.page_objects

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for obj in sorted(self.objects.values(), key=lambda o: o.id):
            # Search finds an object that is its page as that page, so its own entry would be a
            # second hit (priority -1: not in the search index, still in objects.inv); an object
            # among others, such as a person on the people page, keeps its entry.
            priority = -1 if self.page_objects.get(obj.docname) is obj else 1
            yield obj.id, obj.title, obj.kind, obj.docname, obj.anchor, priority


def kb_domain(env: BuildEnvironment) -> KnowledgeBaseDomain:
    """This build's knowledge base domain, typed: the one way in for every other module."""
    return cast(KnowledgeBaseDomain, env.domains[KnowledgeBaseDomain.name])


class NewsletterDomain(Domain):
    """Where the editions are kept between builds and merged after a parallel read."""

    name = "nieuwsbrief"
    label = "Nieuwsbrief"
    initial_data: ClassVar[dict[str, Any]] = {
        "editions": {},  # docname -> Edition
        "archives": {},  # docname -> True: pages with {nieuwsbrieven}
        "signatures": {},  # output folder -> docname -> digest of what the page shows of other pages
    }
    data_version = 1

    @property
    def editions(self) -> dict[str, Edition]:
        stored: dict[str, Edition] = self.data["editions"]
        return stored

    @property
    def archives(self) -> dict[str, bool]:
        stored: dict[str, bool] = self.data["archives"]
        return stored

    @property
    def signatures(self) -> dict[str, dict[str, str]]:
        """Per output folder, each page's digest of what it shows of other pages (newsletter.pages_to_rewrite)."""
        stored: dict[str, dict[str, str]] = self.data["signatures"]
        return stored

    def clear_doc(self, docname: str) -> None:
        self.editions.pop(docname, None)
        self.archives.pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        wanted = set(docnames)
        for key in ("editions", "archives"):
            self.data[key].update({d: v for d, v in otherdata[key].items() if d in wanted})

    def archive_page(self) -> str | None:
        return min(self.archives, default=None)


def newsletter_domain(env: BuildEnvironment) -> NewsletterDomain:
    return cast(NewsletterDomain, env.domains[NewsletterDomain.name])


def setup(app: Sphinx) -> None:
    app.add_domain(KnowledgeBaseDomain)
    app.add_domain(NewsletterDomain)
    for kind in TYPES:
        # Also without the "kb:" prefix: contributors write {thema}`jeugd`.
        app.add_role(kind, KnowledgeBaseDomain.roles[kind])
