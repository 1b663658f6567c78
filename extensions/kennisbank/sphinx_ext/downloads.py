"""Links to the PDFs: on every board pack page, and ``{downloads}``, the list of all of them
(``{downloads} bestuurspakketten``: the board packs only, for their overview).

A link says what it does, which file, its format and size: "Download het
bestuurspakket van april 2023 (PDF, 105 kB)", then the date of its content.

``make site`` builds the PDFs first and copies them into the HTML output's PDF
folder (``kennisbank_pdf_folder``, "pdf"), then builds the HTML: a page links a
PDF relatively, with its size and date, only when the file is there. Without it
(``make html`` alone) the page says where the PDF comes from, never a dead link
(in words for readers: no ``make``). Other builders (the PDF builder, text, LaTeX)
show the file name.

The pages that show PDF facts depend on files, not on sources: freshness.py adds
:func:`PdfShelf.shown_on` to their digest, so they are written again when a PDF
comes, goes or changes size, and the downloads page when a pack is added or removed.
"""

from __future__ import annotations

import datetime as dt
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode
from sphinx.util.osutil import relative_uri

from ..model.downloads import WHOLE, WHOLE_SUBJECT, PdfFile, download_text, newest_first, pack_file, pack_subject
from ..model.packs import BoardPack, pack_agenda, pack_documents
from .buildstate import build_state
from .capabilities import is_for_screens
from .config import stamp
from .directives import KBDirective
from .domain import kb_domain
from .failures import internal_errors, page_location
from .internals import builder_of
from .lastchanged import content_date
from .nodes import downloads_placeholder
from .placeholders import placeholders_in
from .priorities import FILL_PLACEHOLDERS
from .render import when_nodes

#: Noted as an overview of pages with ``{downloads}`` (see freshness.py).
DOWNLOADS = "downloads"

NOT_BUILT = "nog niet gemaakt in dit voorbeeld; op de gepubliceerde site staat de PDF hier"
#: ``{downloads} bestuurspakketten``: the packs only.
PACKS_ONLY = "bestuurspakketten"


class PdfShelf:
    """The PDFs as this build's pages show them: where they lie, how big, from when."""

    def __init__(self, env: BuildEnvironment, builder: Builder):
        self.env = env
        self.builder = builder
        self.settings = build_state(env).settings
        self.folder = self.settings.pdf_folder.rstrip("/")
        self.links = is_for_screens(builder)  # the PDF builder prints the names

    def file(self, name: str) -> PdfFile | None:
        """The PDF in the output's PDF folder, if this builder links PDFs and the file is there."""
        if not self.links:
            return None
        path = Path(self.builder.outdir, self.folder, name)
        if not path.is_file():
            return None
        return PdfFile(name, path.stat().st_size, content_day(self.env, name))

    def href(self, fromdocname: str, name: str) -> str:
        """The PDF's address relative to the page, as the builder places the page."""
        return relative_uri(self.builder.get_target_uri(fromdocname), f"{self.folder}/{name}")

    def link(self, fromdocname: str, name: str, subject: str) -> list[nodes.Node]:
        """'Download <subject> (PDF, 412 kB)' linked, then the date of its content.

        Without the file: the subject and that the PDF is not made yet; the file name
        for a builder that links no PDFs (a printed page names the file to look for)."""
        found = self.file(name)
        if found is None:
            if not self.links:
                return [nodes.literal(name, name)]
            text = f"{subject} als PDF ({NOT_BUILT})"
            return [nodes.inline(text, text, classes=["kb-pdf-volgt"])]
        text = download_text(subject, found)
        reference = nodes.reference(text, text, internal=True, refuri=self.href(fromdocname, name))
        reference["classes"].append("kb-pdf")
        return [reference, nodes.Text(f", {found.as_of}")]

    def facts(self, names: list[str]) -> tuple[object, ...]:
        """What the pages show of these files: equal facts, equal pages."""
        if not self.links:
            return ()
        return tuple((name, self.file(name)) for name in names)

    def offered(self) -> list[str]:
        """Every PDF the downloads page lists, in its order."""
        whole = [WHOLE] if self.settings.pdf_whole else []
        return [*whole, *(pack_file(pack) for pack in newest_first(kb_domain(self.env).packs.values()))]

    def shown_on(self, docname: str) -> tuple[object, ...]:
        """What a page shows about PDFs (for its digest); empty for a page that shows none."""
        domain = kb_domain(self.env)
        shown: list[object] = []
        pack = domain.packs.get(docname)
        if pack is not None and pack.date is not None:
            shown.append(("pack", self.facts([pack_file(pack)])))
        if DOWNLOADS in domain.overviews.get(docname, ()):
            packs = newest_first(domain.packs.values())
            over = [p.date is not None and p.date.last_day < self.settings.today() for p in packs]  # "[... volgt]"
            shown.append(("downloads", [repr(p) for p in packs], over, self.facts(self.offered())))
        return tuple(shown)


def content_day(env: BuildEnvironment, name: str) -> dt.date:
    """The "stand van" of a PDF, on its cover and beside its link alike: the day its content last
    changed (its pages' last commit that was no maintenance, see lastchanged.py); without git, a
    pack's own date, or for the whole knowledge base the sources' date."""
    domain = kb_domain(env)
    settings = build_state(domain.env).settings
    pack = next((p for p in domain.packs.values() if p.date is not None and pack_file(p) == name), None)
    if pack is None:
        pages = [d for d in env.found_docs if not any(fnmatchcase(d, p) for p in settings.pdf_exclude)]
        return content_date(env, pages) or stamp(Path(env.srcdir), settings.today()).date()
    chosen, _ = pack_documents(pack, domain.objects, env.found_docs)
    window = pack.agenda_window()
    agenda = pack_agenda(window, domain.events, {}) if window is not None else None
    events = [e.event.docname for e in (*agenda.entries, *agenda.maybe)] if agenda is not None else []
    assert pack.date is not None  # found by its file name, which needs the date
    return content_date(env, [pack.docname, *(d for _, d in chosen), *events]) or pack.date.value.date()


class DownloadsDirective(KBDirective):
    """``{downloads}``: kennisbank.pdf and every board pack, the newest meeting first;
    ``{downloads} bestuurspakketten``: the packs only (``:aantal: 1``: the newest)."""

    optional_arguments = 1
    option_spec = {"aantal": directives.positive_int}

    def make(self) -> list[nodes.Node]:
        part = self.arguments[0] if self.arguments else ""
        if part not in ("", PACKS_ONLY):
            self.warn("Downloads: schrijf '{downloads}' of '{downloads} %s', niet '%s'", PACKS_ONLY, part)
            return []
        kb_domain(self.env).note_overview(self.env.docname, DOWNLOADS)
        placeholder = downloads_placeholder(packs_only=bool(part), count=self.options.get("aantal", 0))
        return [self.placed(placeholder)]


class FillDownloads(SphinxPostTransform):
    default_priority = FILL_PLACEHOLDERS

    def run(self, **kwargs: Any) -> None:
        for node in placeholders_in(self, downloads_placeholder):
            with internal_errors("de lijst met downloads", page_location(self.env, node), placeholder=node):
                node.replace_self(self.listing(packs_only=node["packs_only"], count=node["count"]))

    def listing(self, *, packs_only: bool, count: int) -> list[nodes.Node]:
        shelf = PdfShelf(self.env, builder_of(self.env))
        docname = self.env.docname
        result: list[nodes.Node] = []
        if not packs_only:
            if shelf.settings.pdf_whole:
                line = nodes.paragraph("", "", *shelf.link(docname, WHOLE, WHOLE_SUBJECT))
                result.append(nodes.bullet_list("", nodes.list_item("", line), classes=["kb-downloads"]))
            title = "Bestuurspakketten"
            result.append(nodes.rubric(title, title, classes=["kb-downloads-titel"]))
        packs = newest_first(kb_domain(self.env).packs.values())
        if not packs:
            text = "Er zijn nog geen bestuurspakketten."
            result.append(nodes.paragraph(text, text))
            return result
        listing = nodes.bullet_list(classes=["kb-downloads", "kb-downloads-pakketten"])
        for pack in packs[:count] if count else packs:
            listing += nodes.list_item("", self.pack_line(shelf, pack))
        result.append(listing)
        return result

    def pack_line(self, shelf: PdfShelf, pack: BoardPack) -> nodes.paragraph:
        assert pack.date is not None  # newest_first keeps only packs with a date
        meeting = nodes.inline(pack.meeting, pack.meeting)
        page = make_refnode(builder_of(self.env), self.env.docname, pack.docname, None, meeting, pack.meeting)
        line = nodes.paragraph("", "", page, nodes.Text(", "), *when_nodes(pack.date, today=shelf.settings.today()))
        if pack.version_label:  # "versie 0.3 (concept)", or "concept"
            line += nodes.Text(f", versie {pack.version_label}" if pack.version else f", {pack.version_label}")
        line += nodes.Text(": ")
        line.extend(shelf.link(self.env.docname, pack_file(pack), pack_subject(pack)))
        return line


def setup(app: Sphinx) -> None:
    app.add_node(downloads_placeholder)
    app.add_directive("downloads", DownloadsDirective)
    app.add_post_transform(FillDownloads)
