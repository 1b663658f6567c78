"""``{bestuurspakket}``: declare a board pack on a page; the PDF builder prints it.

On the website the page shows the meeting and the pack's contents as links.
The pack's list is checked once all pages are read.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from ..model.downloads import pack_file, pack_subject
from ..model.objects import value_of
from ..model.packs import PACK, Bestuurspakket, BoardPack, pack_documents
from .buildstate import build_state
from .directives import AnyFieldName, KBDirective
from .domain import kb_domain
from .downloads import PdfShelf
from .failures import guarded, internal_errors, page_location
from .internals import builder_of
from .nodes import pack_placeholder
from .placeholders import placeholders_in
from .priorities import CHECK_BOARD_PACKS, FILL_PLACEHOLDERS
from .render import when_nodes

logger = logging.getLogger(__name__)


class BoardPackDirective(KBDirective):
    has_content = False
    option_spec = AnyFieldName({f.name: directives.unchanged for f in PACK.fields})

    def make(self) -> list[nodes.Node]:
        fields = self.read_fields(PACK, PACK.label)
        items = value_of(fields, Bestuurspakket.onderdelen) or ()
        pack = BoardPack(
            docname=self.env.docname,
            lineno=self.lineno,
            meeting=value_of(fields, Bestuurspakket.vergadering) or "",
            date=value_of(fields, Bestuurspakket.datum),
            place=value_of(fields, Bestuurspakket.plaats) or "",
            version=value_of(fields, Bestuurspakket.versie) or "",
            draft=value_of(fields, Bestuurspakket.concept) == "ja",
            items=items,
            item_lines=tuple(self.line_of(Bestuurspakket.onderdelen.name, index) for index in range(len(items))),
            agenda_months=value_of(fields, Bestuurspakket.agenda_maanden) or 0,
        )
        if pack.date is None:  # no date, no file name: reported above, not printed
            return []
        kb_domain(self.env).note_pack(pack)  # its items' titles show here: see freshness.py
        return [self.placed(pack_placeholder(pack=self.env.docname))]


class FillBoardPack(SphinxPostTransform):
    default_priority = FILL_PLACEHOLDERS

    def run(self, **kwargs: Any) -> None:
        domain = kb_domain(self.env)
        for node in placeholders_in(self, pack_placeholder):
            with internal_errors("het bestuurspakket", page_location(self.env, node), placeholder=node):
                node.replace_self(self.summary(domain.packs[node["pack"]]))

    def summary(self, pack: BoardPack) -> list[nodes.Node]:
        domain = kb_domain(self.env)
        builder = builder_of(self.env)
        facts = nodes.field_list(classes=["kb-facts", "kb-bestuurspakket"])
        assert pack.date is not None  # only a pack with a date is noted (BoardPackDirective.make)
        rows: list[tuple[str, list[nodes.Node]]] = [
            ("Vergadering", [nodes.Text(pack.meeting)]),
            ("Datum", when_nodes(pack.date, today=build_state(domain.env).settings.today())),
        ]
        if pack.place:
            rows.append(("Plaats", [nodes.Text(pack.place)]))
        if pack.version:
            rows.append(("Versie", [nodes.Text(pack.version_label)]))
        rows.append(("PDF", PdfShelf(self.env, builder).link(self.env.docname, pack_file(pack), pack_subject(pack))))
        for label, body in rows:
            facts += nodes.field(
                "", nodes.field_name(label, label), nodes.field_body("", nodes.paragraph("", "", *body))
            )
        contents = nodes.enumerated_list(classes=["kb-pakket-inhoud"])
        chosen, _ = pack_documents(pack, domain.objects, self.env.all_docs)
        for item, docname in chosen:
            obj = domain.objects.get(item)
            if obj is not None:
                link = domain.reference(builder, self.env.docname, obj)
            else:
                link = domain.page_reference(builder, self.env.docname, docname)
            contents += nodes.list_item("", nodes.paragraph("", "", link))
        result: list[nodes.Node] = [facts, nodes.paragraph("In dit pakket:", "In dit pakket:"), contents]
        window = pack.agenda_window()
        if window:  # no weekday: the meeting's day may not be known (see model.packs.agenda_window)
            text = f"Achteraan staat de agenda met alle bijeenkomsten {window.label}."
            result.append(nodes.paragraph(text, text))
        return result


@guarded("het controleren van de bestuurspakketten")
def check_packs(app: Sphinx, env: BuildEnvironment) -> None:
    domain = kb_domain(env)
    for pack in sorted(domain.packs.values(), key=lambda p: p.docname):
        _, problems = pack_documents(pack, domain.objects, env.found_docs)
        for problem in problems:
            logger.warning(
                problem.message, location=(problem.docname, problem.lineno), type="kennisbank", subtype="bestuurspakket"
            )


def setup(app: Sphinx) -> None:
    app.add_directive("bestuurspakket", BoardPackDirective)
    app.add_node(pack_placeholder)
    app.add_post_transform(FillBoardPack)
    app.connect("env-check-consistency", check_packs, priority=CHECK_BOARD_PACKS)
