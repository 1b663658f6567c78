"""Keep generated sections fresh in incremental builds.

A page's generated content (its "Gerelateerd" sections, its overviews, the
titles its links show) depends on other pages. After reading, we compute a
digest of exactly that input for every page and ask Sphinx to rewrite the
pages whose digest changed; unchanged pages are left alone.

Sphinx itself leaves two things stale that we fix here too: the navigation
(every page shows the site's table of contents and its neighbours, which
change when a page is added, removed or retitled), and the output files of
removed pages, which it never deletes: the page itself and the copy of its
source under ``_sources`` (``html_copy_source``).

The digests are kept per output folder: ``make site`` builds the PDFs and the
HTML from one environment (shared doctrees), and a page the PDF build read again,
or whose generated content it saw change, must still be written again in the HTML
build. So each page's digest also holds when it was last read, and a page that
is gone since this folder was last built has its output deleted, whichever
builder read the change.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Set
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.environment import BuildEnvironment

from ..model.objects import KBObject
from ..model.schema import TYPES, Evenement
from ..model.search import PAST_KINDS, is_of_the_past
from ..model.timeline import state_of
from .agenda import ARCHIVE_VIEW, MONTH_VIEW, view_page_of
from .buildstate import build_state
from .domain import kb_domain
from .downloads import PdfShelf
from .failures import guarded
from .frontpage import RECENT, recently_changed
from .internals import builder_of, put_back_toctree_parents, take_out_toctree_parents, toctree_includes
from .lastchanged import last_commit_date
from .maintenance import MAINTENANCE, findings_digest
from .priorities import CLEAN_OUTPUT, PAGES_TO_REWRITE
from .timeline import call_states


@guarded("het bepalen welke pagina's opnieuw moeten", default=[])
def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    if isinstance(app.builder, SingleFileHTMLBuilder):
        # It writes every page into one file at each build (the PDFs too): nothing to choose,
        # and digests of a thousand pages would only delay a board pack.
        return []
    domain = kb_domain(env)
    folder = str(app.builder.outdir)
    old = domain.signatures.get(folder, {})
    inputs = _Inputs(env)
    navigation = navigation_digest(env)
    new = {docname: f"{navigation}{env.all_docs[docname]}{inputs.digest(docname)}" for docname in sorted(env.all_docs)}
    domain.signatures[folder] = new
    build_state(domain.env).removed_docs |= old.keys() - new.keys()  # also those another builder's build read as gone
    stale = [docname for docname, digest in new.items() if old.get(docname) != digest]
    old_tocs = domain.tocs.get(folder, {})
    tocs = {docname: old_tocs[docname] for docname in new.keys() & old_tocs.keys()}
    tocs.update((docname, toc_digest(env, docname)) for docname in stale)  # only a stale page was read again
    domain.tocs[folder] = tocs
    same_headings = {d for d in stale if d in old_tocs and old_tocs[d] == tocs[d]}
    if old and navigation == _navigation_of(old):
        # Same titles and toctrees: a stale page whose own headings are unchanged too shows the
        # same in every toctree that lists it, and those pages need not be written again.
        build_state(domain.env).same_in_toctrees = same_headings
    # New headings show in every toctree above the page, not only its parent's (which is all
    # Sphinx rewrites).
    return sorted({*stale, *toctree_ancestors(env, set(stale) - same_headings)})


def toctree_ancestors(env: BuildEnvironment, docnames: Set[str]) -> set[str]:
    """The pages whose toctree lists one of these pages, directly or through other pages."""
    parents: dict[str, list[str]] = defaultdict(list)
    for parent, children in toctree_includes(env).items():
        for child in children:
            parents[child].append(parent)
    found: set[str] = set()
    todo = [parent for docname in docnames for parent in parents.get(docname, ())]
    while todo:
        docname = todo.pop()
        if docname not in found:
            found.add(docname)
            todo.extend(parents.get(docname, ()))
    return found


def toc_digest(env: BuildEnvironment, docname: str) -> str:
    """A page's headings and their anchors, as a toctree that lists the page shows them."""
    toc = env.tocs.get(docname)
    return hashlib.sha256(toc.pformat().encode()).hexdigest() if toc is not None else ""


def _navigation_of(signatures: dict[str, str]) -> str | None:
    """The navigation digest the last build of a folder saw (each signature starts with it)."""
    first = next(iter(signatures.values()), None)
    return first[:NAVIGATION_DIGEST_LENGTH] if first else None


class _Inputs:
    """What each page's generated content is made of, gathered once per build."""

    def __init__(self, env: BuildEnvironment):
        self.env = env
        self.domain = kb_domain(env)
        self.hosted: dict[str, list[KBObject]] = defaultdict(list)
        for obj in sorted(self.domain.objects.values(), key=lambda o: o.id):
            self.hosted[obj.docname].append(obj)
        self.listings: dict[str, str] = {}
        self.today = build_state(self.env).settings.today()
        self.months = build_state(self.env).settings.news_old_after_months
        self.states: dict[str, tuple[object, ...]] = {}
        self.views = (view_page_of(self.domain, MONTH_VIEW), view_page_of(self.domain, ARCHIVE_VIEW))
        self.pdfs = PdfShelf(env, builder_of(env))
        # What other pages show of a page: asked for once each, not once per page.
        self.titles: dict[str, str] = {}

    def digest(self, docname: str) -> str:
        index = self.domain.index
        parts: list[tuple[object, ...]] = []
        for obj in self.hosted.get(docname, ()):
            # What its "Gerelateerd" section is made of, unsorted: the order it shows follows
            # from these, and sorting every object's backlinks would cost more than the digest.
            incoming = index.incoming(obj.id)
            related = [(self.shown(s), sorted(incoming[s])) for s in sorted(incoming)]
            pages = [(d, self.title(d)) for d in sorted(index.mentioned_on(obj.id)) if d in self.env.titles]
            fields = [self.target(rel.target) for rel in index.outgoing(obj.id)]
            parts.append((obj.id, related, pages, fields))
            if obj.kind in PAST_KINDS:  # its search data says whether it is past: rewritten when it gets so
                parts.append(("voorbij", obj.id, is_of_the_past(obj, self.today)))
        # Also the mentions that are no backlinks: the page still links to them.
        for mention in self.domain.all_mentions(docname):
            parts.append(("mention", self.target(mention.target)))
        pack = self.domain.packs.get(docname)
        if pack is not None:  # the pack's page lists its items by title
            parts.append(
                ("pack", [self.target(item) if item in self.domain.objects else self.page(item) for item in pack.items])
            )
        overviews = sorted(self.domain.overviews.get(docname, ()))
        for kind in overviews:
            parts.append(("overview", kind, self.listing(kind)))
        if RECENT in overviews:  # commits change it, not the sources
            parts.append(("recent", self.recent()))
        if MAINTENANCE in overviews:  # every page, commit and the date change the editors' list
            parts.append(("onderhoud", findings_digest(self.env)))
        if "evenement" in overviews or any(TYPES[o.kind].has_agenda for o in self.hosted.get(docname, ())):
            parts.append(("today", self.today))  # "coming" and "past" move with the date
            # Agenda lists link to the month and year pages, which hang under these pages.
            parts.append(("views", self.views))
        calls = call_states(self.domain, docname)
        if calls:  # another page's event decides what its calls to action say
            parts.append(("calls", calls))
        changed = last_commit_date(self.env, docname)
        if changed is not None:  # "Laatst gewijzigd" under the page: a commit changes it, not the source
            parts.append(("changed", changed))
        pdfs = self.pdfs.shown_on(docname)
        if pdfs:  # files in the output folder, not sources: a PDF that comes, goes or grows
            parts.append(("pdf", pdfs))
        return hashlib.sha256(repr(parts).encode()).hexdigest() if parts else ""

    def title(self, docname: str) -> str:
        if docname not in self.titles:
            self.titles[docname] = self.env.titles[docname].astext()
        return self.titles[docname]

    def recent(self) -> list[tuple[str, dt.date]]:
        # Every dated page: whatever the page's own count and exclusions pick from them.
        return recently_changed(self.env, len(self.env.found_docs), ())

    def listing(self, kind: str) -> str:
        # One digest per kind and build: several pages list every event (thousands at scale).
        if kind not in self.listings:
            # By id: the listing's own order follows from what each object shows.
            of_kind = sorted(obj_id for obj_id, obj in self.domain.objects.items() if obj.kind == kind)
            shown = repr([self.shown(obj_id) for obj_id in of_kind])
            self.listings[kind] = hashlib.sha256(shown.encode()).hexdigest()
        return self.listings[kind]

    def page(self, docname: str) -> tuple[object, ...]:
        title = self.env.titles.get(docname)
        return (docname, title.astext() if title is not None else None)

    def target(self, target: str) -> tuple[object, ...]:
        obj = self.domain.objects.get(target)
        return (target, None) if obj is None else (target, obj.kind, obj.title, obj.docname, self.state(obj))

    def shown(self, obj_id: str) -> tuple[object, ...]:
        """What a list shows of an object: the object, and what of it changes with the date."""
        obj = self.domain.objects[obj_id]
        return (obj.digest, self.state(obj))

    def state(self, obj: KBObject) -> tuple[object, ...]:
        """A role begun, a news item appeared or old, an event over (model/timeline.py): once per object."""
        state = self.states.get(obj.id)
        if state is None:
            event = self.domain.event(obj.id) if obj.kind == "evenement" and obj.has(Evenement.start) else None
            state = self.states[obj.id] = state_of(obj, self.today, self.months, event)
        return state


#: A SHA-256 in hexadecimal.
NAVIGATION_DIGEST_LENGTH = 64


def navigation_digest(env: BuildEnvironment) -> str:
    """What every page's sidebar and breadcrumbs are made of: the toctree, titles, hidden pages."""
    tree = sorted((doc, tuple(children)) for doc, children in toctree_includes(env).items())
    titles = sorted((doc, title.astext()) for doc, title in env.titles.items())
    hidden = sorted(doc for doc, metadata in env.metadata.items() if metadata.get("navigation") == "hidden")
    return hashlib.sha256(repr((tree, titles, hidden)).encode()).hexdigest()


@guarded("het overslaan van ongewijzigde inhoudsopgaven")
def skip_unchanged_toctrees(app: Sphinx, builder: Builder) -> None:
    build = build_state(app.env)
    build.toctree_parents = take_out_toctree_parents(app.env, build.same_in_toctrees)


@guarded("het terugzetten van de inhoudsopgaven")
def restore_toctrees(app: Sphinx, exception: Exception | None) -> None:
    build = build_state(app.env)
    put_back_toctree_parents(app.env, build.toctree_parents)
    build.toctree_parents = {}


@guarded("het bijhouden van verwijderde pagina's", default=[])
def note_removed_pages(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    build_state(env).removed_docs = set(removed)
    return []


@guarded("het opruimen van verwijderde pagina's")
def delete_removed_output(app: Sphinx, exception: Exception | None) -> None:
    """Delete the pages Sphinx wrote for documents that no longer exist, and their sources."""
    builder = app.builder
    if exception is not None or not hasattr(builder, "get_outfilename"):
        return
    for docname in sorted(build_state(app.env).removed_docs):
        Path(builder.get_outfilename(docname)).unlink(missing_ok=True)
        for name in _copied_source_names(app, docname):
            Path(builder.outdir, "_sources", name).unlink(missing_ok=True)


#: Next to the environment: per output folder, the images the pages used at the last build.
IMAGES_CACHE = "kennisbank-afbeeldingen.json"


@guarded("het opruimen van afbeeldingen die geen pagina meer gebruikt")
def delete_unused_images(app: Sphinx, exception: Exception | None) -> None:
    """Delete the copies in ``_images`` of images no page uses any more (Sphinx keeps them).

    Only images this build's pages held before are deleted: files other extensions
    write to ``_images`` are not ours to judge.
    """
    imagedir = getattr(app.builder, "imagedir", "")
    if exception is not None or not imagedir:
        return
    cache = Path(app.doctreedir) / IMAGES_CACHE
    try:
        stored = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stored = {}
    stored = stored if isinstance(stored, dict) else {}
    folder = str(app.builder.outdir)
    held = sorted({unique for _docnames, unique in app.env.images.values()})
    for name in set(stored.get(folder, [])) - set(held):
        Path(app.builder.outdir, imagedir, name).unlink(missing_ok=True)
    stored[folder] = held
    cache.write_text(json.dumps(stored, sort_keys=True), encoding="utf-8")


def _copied_source_names(app: Sphinx, docname: str) -> list[str]:
    """Where the HTML builder may have copied a document's source, as Sphinx names it.

    The source file is gone, so its suffix is unknown: try each source suffix.
    """
    link_suffix = app.config.html_sourcelink_suffix
    return [docname + suffix + ("" if suffix == link_suffix else link_suffix) for suffix in app.config.source_suffix]


def setup(app: Sphinx) -> None:
    app.connect("env-get-outdated", note_removed_pages)
    app.connect("env-get-updated", pages_to_rewrite, priority=PAGES_TO_REWRITE)
    app.connect("write-started", skip_unchanged_toctrees)
    app.connect("build-finished", restore_toctrees)
    app.connect("build-finished", delete_removed_output, priority=CLEAN_OUTPUT)
    app.connect("build-finished", delete_unused_images)
