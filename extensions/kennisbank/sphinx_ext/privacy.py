"""Personal contact details anywhere on a page: reported at their line and left out.

The fields of objects, newsletters and board packs are checked as they are read
(``KBDirective.read_fields``, with :mod:`kennisbank.model.privacy`). This module
checks the rest of every page as a reader sees it: each paragraph, heading, table
cell and code block (its lines joined, so an address split over lines is found),
the targets of ``mailto:`` and ``tel:`` links, and the alt text of images. A
personal address or number is replaced by "[e-mailadres weggelaten]" or
"[telefoonnummer weggelaten]" and a link to it is taken away, before anything
else (titles, search index, newsletter, PDF) reads the page. It may stand on the
page of a person who records it with a basis.

Most pages hold no address or number at all: the source is searched once when it
is read, and only a page where something could be one is walked.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from ..model import contactdetails
from ..model.contactdetails import ContactDetail
from ..model.privacy import OMITTED, link_message, recorded_details, redact, text_message
from .buildstate import build_state
from .domain import kb_domain
from .failures import guarded
from .priorities import WITHHOLD_PRIVATE_CONTACT

logger = logging.getLogger(__name__)

_SUSPECT = "kb_contact_suspect"
#: Checked when their fields were read, or the schema's own examples (the field tables of the guide).
CHECKED_CLASSES = frozenset({"kb-facts", "kb-samenvatting", "kb-object-title", "kb-velden"})
_LINK_SCHEMES = ("mailto:", "tel:")


@guarded("het zoeken naar contactgegevens")
def note_suspect_source(app: Sphinx, docname: str, source: list[str]) -> None:
    # An included file's text is not in the page's source: a page that may include one is walked.
    text = source[0]
    suspect = contactdetails.might_contain(text) or "include" in text
    app.env.current_document[_SUSPECT] = suspect


@dataclass
class _Block:
    """The text of one paragraph (or heading, cell, code block) as a reader sees it."""

    texts: list[nodes.Text]
    links: list[tuple[nodes.Element, int]]  # a mailto:/tel: link and where its text starts
    images: list[nodes.image]  # their alt text is read too

    @property
    def joined(self) -> str:
        return "".join(self.texts)


class WithholdPrivateContact(SphinxTransform):
    """Report and leave out personal addresses and numbers in a page's running text."""

    default_priority = WITHHOLD_PRIVATE_CONTACT

    def apply(self, **kwargs: object) -> None:
        if not self.env.current_document.get(_SUSPECT, True):
            return
        domain = kb_domain(self.env)
        self.functions = build_state(domain.env).settings.functions
        people = [o for o in domain.objects_on(self.env.docname) if o.kind == "persoon"]
        self.recorded = {detail.key for person in people for detail in recorded_details(person.fields)}
        self.reported: set[tuple[int, str]] = set()
        for node in _blocks(self.document):
            if isinstance(node, nodes.image):
                self.check_image(node)
            else:
                self.check_block(node)

    def is_private(self, detail: ContactDetail) -> bool:
        return detail not in self.functions and detail.key not in self.recorded

    def check_block(self, block: nodes.TextElement) -> None:
        found = _read(block)
        joined = found.joined
        first = _line_of(block)
        private = [d for d in contactdetails.find(joined) if self.is_private(d)]
        changed = bool(private)
        for detail in private:
            self.report(text_message(detail), detail, first + joined.count("\n", 0, detail.start))
        for link, start in found.links:
            target = contactdetails.detail_of_link(_link_target(link))
            if target is None or not self.is_private(target):
                if isinstance(link, pending_xref):  # MyST takes "tel:" for a reference to look up
                    link.replace_self(nodes.reference("", "", *link.children, refuri=_link_target(link)))
                continue
            shown = any(d.key == target.key and d.start <= start < d.end for d in private)
            if not shown:  # its text says something else ("mail Jan"): the link is the address
                self.report(link_message(target), target, first + joined.count("\n", 0, start))
            link.replace_self(link.children)
            changed = True
        for image in found.images:
            changed = self.check_image(image) or changed
        if private:
            _redact(found.texts, [(d.start, d.end, OMITTED[d.kind]) for d in private])
            if isinstance(block, nodes.title) and isinstance(block.parent, nodes.section):
                self.rename_section(block.parent, [joined[d.start : d.end] for d in private])
        if changed:
            _forget_source(block)

    def rename_section(self, section: nodes.section, written: list[str]) -> None:
        """A heading's anchor is made from its text when the page is parsed: make it from what is left."""
        leaks = {form for text in written for form in (text, nodes.make_id(text), nodes.fully_normalize_name(text))}

        def leaky(name: str) -> bool:
            return any(leak and leak in name for leak in leaks)

        document = self.document
        for old in [i for i in section["ids"] if leaky(i)]:
            section["ids"].remove(old)
            document.ids.pop(old, None)
        for old in [n for n in section["names"] if leaky(n)]:
            section["names"].remove(old)
            document.nameids.pop(old, None)
            document.nametypes.pop(old, None)
        slugs = getattr(document, "myst_slugs", {})  # MyST's heading anchors (myst_heading_anchors)
        for slug in [slug for slug, (_, _, title) in slugs.items() if leaky(slug) or leaky(title)]:
            del slugs[slug]
        if not section["ids"]:
            section["names"].append(nodes.fully_normalize_name(section[0].astext()))
            document.note_implicit_target(section, section)

    def check_image(self, image: nodes.image) -> bool:
        """Whether the image's alt text held something private (now left out)."""
        alt = image.get("alt", "")
        private = [d for d in contactdetails.find(alt) if self.is_private(d)]
        for detail in private:
            self.report(text_message(detail), detail, _line_of(image))
        if private:
            image["alt"] = image.rawsource = redact(alt, private)
        return bool(private)

    def report(self, message: str, detail: ContactDetail, line: int) -> None:
        if (line, detail.key) in self.reported:
            return
        self.reported.add((line, detail.key))
        logger.warning(
            "%s",
            message[:1].upper() + message[1:],
            location=(self.env.docname, line),
            type="kennisbank",
            subtype="privacy",
        )


def _forget_source(block: nodes.TextElement) -> None:
    """The source text of what was left out, kept with the doctree: Sphinx highlights a code
    block from it, and it should not hold the address any more than the page does."""
    for node in block.findall(nodes.Element):
        if isinstance(node, nodes.image):
            node.rawsource = node.get("alt", "")
        elif node.rawsource:
            node.rawsource = node.astext()


def _link_target(node: nodes.Element) -> str:
    return str(node.get("refuri") or node.get("reftarget") or "")


def _blocks(node: nodes.Element) -> Iterator[nodes.TextElement | nodes.image]:
    """The blocks of text a reader sees, outside the fields and hidden nodes."""
    for child in node.children:
        if not isinstance(child, nodes.Element) or isinstance(child, (nodes.Invisible, nodes.system_message)):
            continue
        if CHECKED_CLASSES.intersection(child["classes"]):
            continue
        if isinstance(child, nodes.image):
            yield child
        elif isinstance(child, nodes.TextElement) and not isinstance(child, nodes.Inline):
            yield child
        else:
            yield from _blocks(child)


def _read(block: nodes.TextElement) -> _Block:
    texts: list[nodes.Text] = []
    links: list[tuple[nodes.Element, int]] = []
    images: list[nodes.image] = []
    length = 0
    for node in block.findall():
        if isinstance(node, nodes.Text):
            texts.append(node)
            length += len(node)
        elif isinstance(node, (nodes.reference, pending_xref)) and _link_target(node).lower().startswith(_LINK_SCHEMES):
            links.append((node, length))
        elif isinstance(node, nodes.image):
            images.append(node)
    return _Block(texts, links, images)


def _line_of(node: nodes.Node) -> int:
    """The source line a block's text starts on (MyST gives blocks a line; their inline parts have none)."""
    row = next((n for n in _ancestors(node) if isinstance(n, nodes.row)), None)
    table = next((n for n in _ancestors(node) if isinstance(n, nodes.table)), None)
    if row is not None and table is not None and table.line and row.line == table.line:
        # A Markdown table: MyST gives every row the table's line; one row a line, the rule after the head.
        rows = list(table.findall(nodes.row))
        head = sum(1 for r in rows if isinstance(r.parent, nodes.thead))
        index = rows.index(row)
        return table.line + index + (1 if index >= head else 0)
    line = next((n.line for n in _ancestors(node) if n.line), 0)
    if isinstance(node, nodes.literal_block) and _is_fenced(node, line):
        return line + 1  # the fence's line; the code starts below it
    return line


def _ancestors(node: nodes.Node) -> Iterator[nodes.Node]:
    current: nodes.Node | None = node
    while current is not None:
        yield current
        current = current.parent


def _is_fenced(block: nodes.literal_block, line: int) -> bool:
    """Whether a code block's line is its fence (```, ~~~ or a directive) rather than its first line of code.

    Read from the source only when there is something to report: rare."""
    try:
        with open(block.source or "", encoding="utf-8") as source:
            text = next((t for number, t in enumerate(source, start=1) if number == line), "")
    except OSError:
        return False
    return text.lstrip().startswith(("```", "~~~", ":::", ".. "))


def _redact(texts: list[nodes.Text], spans: list[tuple[int, int, str]]) -> None:
    """Put "[marker]" in place of each span of the joined texts, which may run over several nodes."""
    offset = 0
    for text in texts:
        start_of_node, end_of_node = offset, offset + len(text)
        offset = end_of_node
        overlapping = [s for s in spans if s[0] < end_of_node and start_of_node < s[1]]
        if not overlapping:
            continue
        value, pieces, cursor = str(text), [], start_of_node
        for start, end, marker in overlapping:
            pieces.append(value[max(cursor, start_of_node) - start_of_node : max(start, start_of_node) - start_of_node])
            if start >= start_of_node:
                pieces.append(f"[{marker}]")
            cursor = min(end, end_of_node)
        pieces.append(value[cursor - start_of_node :])
        text.parent.replace(text, nodes.Text("".join(pieces)))


def setup(app: Sphinx) -> None:
    app.connect("source-read", note_suspect_source)
    app.add_transform(WithholdPrivateContact)
