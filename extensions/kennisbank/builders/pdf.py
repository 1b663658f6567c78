"""The ``kennisbank-pdf`` builder: the whole knowledge base and each board pack as PDF.

It writes a print-specific single HTML page per PDF (theme ``kennisbank-print``)
and has WeasyPrint render it with CSS paged media. Two things of Sphinx 9's
``singlehtml`` are repaired on the way: in-page links (``#document-x#anchor``)
and the chapter anchor that sat before the page break (each page is now a
``div.kb-doc`` that carries its own anchor).

The book is laid out like the site (printbook.py): each top-level section of the
site (Thema's, Agenda, ...) is a chapter, its pages come after it, and their
headings take the level of their place in the book (``h1`` chapter, ``h2`` page,
``h3`` section), from which WeasyPrint makes the bookmarks and the print
stylesheet the sizes. pdfrender.py has WeasyPrint write the PDF.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Set
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.errors import SphinxError
from sphinx.util import logging
from sphinx.writers.html5 import HTML5Translator

from ..model.dates import format_date, format_span
from ..model.downloads import WHOLE, pack_file
from ..model.packs import PACK_AGENDA_ID, AgendaEntry, BoardPack, pack_documents
from ..model.packs import pack_agenda as select_pack_agenda
from ..model.schema import TYPES
from ..sphinx_ext.buildstate import build_state
from ..sphinx_ext.config import website_page_url
from ..sphinx_ext.domain import kb_domain
from ..sphinx_ext.downloads import content_day
from ..sphinx_ext.render import vague_date_marker
from .pdfrender import chapter_end_tag, chapter_tag, render_pdf
from .printbook import leave_out, make_chapters, print_chapter, table_of_contents
from .singlehtml import document_link

logger = logging.getLogger(__name__)

ASSOCIATION = "Vereniging van Zuid-Hollandse Gemeenten"
PANGO_HELP = (
    "WeasyPrint kan niet starten: de systeembibliotheek Pango ontbreekt. Installeer die met "
    "'sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0' (Debian/Ubuntu) of 'brew install pango' "
    "(macOS), en probeer 'make pdf' opnieuw. ({error})"
)


class PrintTranslator(HTML5Translator):
    """Each chapter becomes a ``div.kb-hoofdstuk``, each inlined page a ``div.kb-doc``
    that carries its own anchor, and its title the heading level of the page's place
    in the book (``kb_level``, set by :func:`printbook.make_chapters`)."""

    def __init__(self, document: nodes.document, builder: Any) -> None:
        super().__init__(document, builder)
        self.outer_section_levels: list[int] = []

    def visit_start_of_file(self, node: nodes.Element) -> None:
        self.docnames.append(node["docname"])
        level = node.get("kb_level", 1)
        self.outer_section_levels.append(self.section_level)
        self.section_level = level - 1
        docname = html.escape(node["docname"])
        self.body.append(f'<div class="kb-doc kb-niveau-{level}" id="document-{docname}">')

    def depart_start_of_file(self, node: nodes.Element) -> None:
        self.body.append("</div>")
        self.section_level = self.outer_section_levels.pop()
        self.docnames.pop()

    def visit_print_chapter(self, node: print_chapter) -> None:
        self.body.append(chapter_tag(node["number"]))

    def depart_print_chapter(self, node: print_chapter) -> None:
        self.body.append(chapter_end_tag(node["number"]) + "</div>\n")


class KennisbankPDFBuilder(SingleFileHTMLBuilder):
    name = "kennisbank-pdf"
    epilog = "De PDF's staan in %(outdir)s."
    search = False
    copysource = False
    #: Printed, not read on a screen: no soft hyphens, calendar links or tables as cards
    #: (sphinx_ext/capabilities.py).
    kb_printed = True

    def init(self) -> None:
        try:
            import weasyprint  # noqa: F401  (fails without Pango)
        except (ImportError, OSError) as error:
            raise SphinxError(PANGO_HELP.format(error=error)) from error
        # The site's templates (docs/_templates, the extension's Dutch furo page) are
        # furo pages; the print layout is the print theme's alone.
        self.config.templates_path = []
        super().init()
        self.to_render: list[str] = []
        self.page_extras: dict[str, Any] = {}

    def get_theme_config(self) -> tuple[str, dict[str, Any]]:
        return "kennisbank-print", {}

    def get_doc_context(self, docname: str, body: str, metatags: str) -> dict[str, Any]:
        # As the single-page builder's, without its rendering of the site's whole toctree
        # (a second each at a thousand pages): the print layout has its own table of
        # contents (kb_toc), made from the chapters in the PDF.
        context = {
            "parents": [],
            "prev": None,
            "next": None,
            "docstitle": None,
            "title": self.config.html_title,
            "meta": None,
            "body": body,
            "metatags": metatags,
            "rellinks": [],
            "sourcename": "",
            "toc": "",
            "display_toc": False,
        }
        context.update(self.page_extras)
        return context

    # -- writing -------------------------------------------------------------

    def write_documents(self, _docnames: Set[str]) -> None:
        self.prepare_writing(self.env.all_docs.keys())
        config = build_state(self.env).settings

        if config.pdf_whole:
            tree = self.assemble_doctree()
            leave_out(tree, config.pdf_exclude)
            included = {self.config.root_doc} | {n["docname"] for n in tree.findall(addnodes.start_of_file)}
            facts = [("Stand van", format_date(content_day(self.env, WHOLE)))]
            if self.config.release:
                facts.append(("Versie", self.config.release))
            cover = {
                "association": ASSOCIATION,
                "subtitle": "Kennisbank",
                "title": self.config.project,
                "facts": facts,
                "draft": False,
            }
            self.write_print_page("kennisbank", tree, included, cover)

        domain = kb_domain(self.env)
        for pack in sorted(domain.packs.values(), key=lambda p: (p.filename, p.docname)):
            chosen, problems = pack_documents(pack, domain.objects, self.env.all_docs)
            if problems:  # reported by the consistency check; print what is valid
                logger.info("bestuurspakket %s: %d onderdelen overgeslagen", pack.filename, len(problems))
            tree = self.assemble_pack(pack, [docname for _, docname in chosen])
            included = {pack.docname} | {docname for _, docname in chosen}
            self.write_print_page(pack.filename, tree, included, self.pack_cover(pack))

    def write_print_page(self, pagename: str, tree: nodes.document, included: set[str], cover: dict[str, Any]) -> None:
        make_chapters(tree)
        self.fix_links(tree, included)
        self.page_extras = {"kb_cover": cover, "kb_toc": table_of_contents(tree)}
        self.write_doc_serialized(pagename, tree)
        self.write_doc(pagename, tree)
        self.to_render.append(pagename)

    def pack_cover(self, pack: BoardPack) -> dict[str, Any]:
        assert pack.date is not None  # only a pack with a date is noted (BoardPackDirective.make)
        facts = [("Datum", format_span(pack.date))]
        if pack.place:
            facts.append(("Plaats", pack.place))
        if pack.version:
            facts.append(("Versie", pack.version_label))
        elif pack.draft:
            facts.append(("Status", pack.version_label))
        # As the pack's page and the downloads page say beside its link: the day its content last changed.
        facts.append(("Stand van", format_date(content_day(self.env, pack_file(pack)))))
        return {
            "association": ASSOCIATION,
            "subtitle": "Bestuurspakket",
            "title": pack.meeting,
            "facts": facts,
            "draft": pack.draft,
        }

    # -- assembling ----------------------------------------------------------

    def assemble_pack(self, pack: BoardPack, docnames: list[str]) -> nodes.document:
        tree = _without_toctrees(self.env.get_doctree(pack.docname))
        for docname in docnames:
            page = _without_toctrees(self.env.get_doctree(docname))
            part = addnodes.start_of_file(docname=docname)
            part.children = page.children
            for child in part.children:
                child.parent = part
            tree += part
        agenda = self.pack_agenda(pack, docnames)
        if agenda is not None:
            tree += agenda
        tree["docname"] = pack.docname
        assert pack.date is not None  # only a pack with a date is noted (BoardPackDirective.make)
        tree["kb_reference_date"] = pack.date.value.date().isoformat()
        window = pack.agenda_window()
        if window is not None:  # the theme pages then point to the pack's agenda
            tree["kb_pack_agenda_period"] = window.label
        self.env.resolve_references(tree, pack.docname, self)
        return tree

    def pack_agenda(self, pack: BoardPack, docnames: list[str]) -> nodes.section | None:
        """Every event in the pack's window; those on the pack's topics say so in words."""
        window = pack.agenda_window()
        if window is None:
            return None
        domain = kb_domain(self.env)
        topics = {o.id: o.title for o in domain.objects.values() if o.docname in docnames and TYPES[o.kind].has_agenda}
        agenda = select_pack_agenda(window, domain.events, topics, build_state(domain.env).settings.today())
        section = nodes.section("", nodes.title(agenda.heading, agenda.heading), ids=[PACK_AGENDA_ID])
        section += nodes.paragraph(agenda.intro, agenda.intro)
        today = build_state(domain.env).settings.today()
        if agenda.entries:
            section += self.pack_agenda_list(agenda.entries, today)
        if agenda.maybe:
            section += nodes.paragraph(agenda.maybe_intro, agenda.maybe_intro)
            section += self.pack_agenda_list(agenda.maybe, today)
        return section

    @staticmethod
    def pack_agenda_list(entries: tuple[AgendaEntry, ...], today: dt.date) -> nodes.bullet_list:
        """Date, title (a link), place, then status and topic in words: the PDF may be printed in grey."""
        listing = nodes.bullet_list(classes=["kb-agenda"])
        for entry in entries:
            event = entry.event
            # Resolved by fix_links: into this PDF if the event's page is in it, else to the website.
            ref = nodes.reference("", event.title, internal=True, refuri=f"#document-{event.docname}#{event.anchor}")
            line = nodes.paragraph("", "", nodes.Text(entry.when))
            if not event.precise:
                line += vague_date_marker(event.last_day, today)
            line += [nodes.Text(": "), ref]
            if entry.where:
                line += nodes.Text(f" ({entry.where})")
            for note in entry.notes:
                line += [nodes.Text(" ("), nodes.strong(note, note), nodes.Text(")")]
            listing += nodes.list_item("", line)
        return listing

    def fix_links(self, tree: nodes.document, included: set[str]) -> None:
        """In-page links for pages in this PDF; links to the website for the rest."""
        for ref in tree.findall(nodes.reference):
            link = document_link(ref.get("refuri", ""))
            if link is None:
                continue
            docname, anchor = link
            if docname in included:
                ref["refuri"] = f"#{anchor}" if anchor else f"#document-{docname}"
            elif url := website_page_url(self.config, docname, anchor):
                ref["refuri"] = url
            else:
                ref.replace_self(nodes.inline("", "", *ref.children))

    # -- rendering -------------------------------------------------------------

    def finish(self) -> None:
        super().finish()  # copies the stylesheet and fonts the PDFs need
        options = {
            "pdf_variant": build_state(self.env).settings.pdf_variant,
            "pdf_tags": True,
            "custom_metadata": True,
            "uncompressed_pdf": False,
        }
        for pagename in self.to_render:
            source = Path(self.get_outfilename(pagename))
            target = source.with_suffix(".pdf")
            started = dt.datetime.now()
            squeezed = render_pdf(source, target, options)
            seconds = (dt.datetime.now() - started).total_seconds()
            tighter = f", {len(squeezed)} hoofdstuk(ken) krapper gezet" if squeezed else ""
            logger.info("PDF geschreven: %s (%.1f s%s)", target.name, seconds, tighter)


def _without_toctrees(doctree: nodes.document) -> nodes.document:
    tree = doctree.deepcopy()
    for node in list(tree.findall(addnodes.toctree)):
        wrapper: nodes.Element = node.parent if isinstance(node.parent, nodes.compound) else node
        wrapper.parent.remove(wrapper)
    return tree


PRINT_THEME = Path(__file__).parent.parent / "print_theme"


def setup(app: Sphinx) -> None:
    app.add_builder(KennisbankPDFBuilder)
    app.set_translator(KennisbankPDFBuilder.name, PrintTranslator)
    app.add_html_theme("kennisbank-print", str(PRINT_THEME))
