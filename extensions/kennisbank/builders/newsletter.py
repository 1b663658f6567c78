"""The ``nieuwsbrief`` builder: each newsletter edition as e-mail.

Per edition (``{nieuwsbrief}``, see sphinx_ext/newsletter.py) it writes into its
output folder ``nieuwsbrief-<nummer>.html`` (the e-mail's HTML),
``nieuwsbrief-<nummer>.txt`` (its plain-text alternative) and
``nieuwsbrief-<nummer>.eml`` (both in one MIME message, to open in a mail program).
We never send mail.

Every address is absolute: the builder names each page by its address on the
published site (``html_baseurl`` and the HTML builder's page names, see
config.website_page_url), so that the domain's own references, resolved for this
builder, point there. It reads the same environment as ``make html``
(``build/doctrees``) and writes every edition on each run; a file whose bytes did
not change is left alone, and the files of an edition that is gone are deleted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Set
from email.utils import parseaddr
from pathlib import Path
from urllib.parse import quote, urljoin

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.errors import SphinxError
from sphinx.util import logging
from sphinx.util.images import get_image_size

from ..formats.letter import (
    AgendaLine,
    Block,
    Headers,
    Image,
    Letter,
    LetterEntry,
    LetterSection,
    Line,
    Span,
    Style,
    mime_message,
    render_html,
    render_text,
)
from ..model.news import format_news_date
from ..model.newsletter import MAILTO, Edition, Entry, duplicate_numbers
from ..model.objects import KBObject, MissingLink, Url
from ..model.timeline import can_still_come, never_recorded
from ..sphinx_ext.buildstate import build_state
from ..sphinx_ext.config import site_url, website_page_url
from ..sphinx_ext.domain import kb_domain, newsletter_domain
from ..sphinx_ext.failures import internal_errors
from ..sphinx_ext.newsletter import edition_entries, image_path
from ..sphinx_ext.render import MISSING_LINK_TEXT

logger = logging.getLogger(__name__)

SUFFIXES = (".html", ".txt", ".eml")
#: The width of the letter's text column: 600 px less its padding.
COLUMN = 552
BASEURL_HELP = (
    "De nieuwsbrief heeft volledige webadressen nodig: stel html_baseurl in docs/conf.py in "
    "(het adres van de gepubliceerde site)"
)
FROM_HELP = (
    "Stel de afzender van de nieuwsbrief in docs/conf.py in, zoals "
    'kennisbank_newsletter_from = "VZHG Nieuwsbrief <secretaris@vzhg.nl>"'
)
VAGUE_DATE = " [precieze datum volgt]"


class NewsletterBuilder(Builder):
    name = "nieuwsbrief"
    # Not "html": that would make Sphinx expect an HTML page writer (a math renderer and all).
    format = "email"
    epilog = "De nieuwsbrieven staan in %(outdir)s: per nummer een .html, .txt en .eml."

    def init(self) -> None:
        if not site_url(self.config):
            raise SphinxError(BASEURL_HELP)
        if not build_state(self.env).settings.newsletter_from:
            raise SphinxError(FROM_HELP)

    def get_outdated_docs(self) -> str:
        return "alle nieuwsbrieven"

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        """A page's address on the published site: every link in an e-mail is absolute."""
        return website_page_url(self.config, docname)

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        return self.get_target_uri(to, typ)

    def prepare_writing(self, docnames: Set[str]) -> None:
        pass

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass  # pages are the website's business; see write_documents

    def write_documents(self, _docnames: Set[str]) -> None:
        editions = newsletter_domain(self.env).editions
        second = {edition.docname for edition, _ in duplicate_numbers(editions.values())}  # reported
        outdir = Path(self.outdir)
        outdir.mkdir(parents=True, exist_ok=True)
        written: set[str] = set()
        for edition in sorted(editions.values(), key=lambda e: (e.number, e.docname)):
            if edition.docname in second:
                continue
            with internal_errors(f"nieuwsbrief {edition.number}", (edition.docname, edition.lineno)):
                for name, data in self.files(edition).items():
                    written.add(name)
                    target = outdir / name
                    if not target.exists() or target.read_bytes() != data:
                        target.write_bytes(data)
        for path in _our_files(outdir):  # an edition that is gone, or renumbered
            if path.name not in written:
                path.unlink()

    def files(self, edition: Edition) -> dict[str, bytes]:
        letter = LetterMaker(self, edition).letter()
        html, text = render_html(letter), render_text(letter)
        settings = build_state(self.env).settings
        headers = Headers(
            sender=settings.newsletter_from,
            subject=letter.subject,
            date=edition.sent_at,
            message_id=edition.message_id(settings.uid_domain),
            reply_to=settings.newsletter_reply_to,
            to=settings.newsletter_to,
        )
        return {
            f"{edition.filename}.html": html.encode("utf-8"),
            f"{edition.filename}.txt": text.encode("utf-8"),
            f"{edition.filename}.eml": mime_message(headers, text, html),
        }


def _our_files(outdir: Path) -> Iterator[Path]:
    for path in sorted(outdir.glob("nieuwsbrief-*")):
        stem, suffix = path.stem, path.suffix
        if suffix in SUFFIXES and stem.removeprefix("nieuwsbrief-").isdigit():
            yield path


class LetterMaker:
    """Fills a :class:`Letter` from the build: the edition's page, its objects, their addresses."""

    def __init__(self, builder: NewsletterBuilder, edition: Edition):
        self.builder = builder
        self.env = builder.env
        self.config = builder.config
        self.edition = edition
        self.domain = kb_domain(builder.env)
        self.web_url = builder.get_target_uri(edition.docname)

    def letter(self) -> Letter:
        settings = build_state(self.env).settings
        title = self.env.titles[self.edition.docname].astext()
        archive = newsletter_domain(self.env).archive_page()
        return Letter(
            name=parseaddr(settings.newsletter_from)[0] or "Nieuwsbrief",
            subject=self.edition.subject or title,
            title=title,
            number=self.edition.number,
            date=format_news_date(self.edition.date.value.date()),
            web_url=self.web_url,
            intro=tuple(self.intro()),
            sections=tuple(self.sections()),
            publisher=str(self.config.author or self.config.project),
            site_url=site_url(self.config) + "/",
            archive_url=self.builder.get_target_uri(archive) if archive else "",
            reply_to=parseaddr(settings.newsletter_reply_to or settings.newsletter_from)[1],
            signup=settings.newsletter_signup_link,
            language=str(self.config.language or "nl"),
        )

    # -- the introduction: the directive's content, read from the resolved page ------------

    def intro(self) -> list[Block]:
        tree = self.env.get_and_resolve_doctree(self.edition.docname, self.builder, tags=self.builder.tags)
        found = [n for n in tree.findall(nodes.container) if "kb-nieuwsbrief-inleiding" in n["classes"]]
        return IntroReader(self.web_url, self.site_image).blocks(found[0]) if found else []

    # -- the sections ------------------------------------------------------------------

    def sections(self) -> Iterator[LetterSection]:
        for part, entries in edition_entries(self.env, self.edition):
            agenda = tuple(
                AgendaLine(
                    when=(Span(item.when), *([self.vague(item.event.last_day)] if not item.event.precise else [])),
                    title=self.link(self.domain.objects[item.event.id]),
                    where=", ".join(p for p in (item.where, *item.notes) if p),
                )
                for item in part.agenda
            )
            yield LetterSection(
                heading=part.heading,
                entries=tuple(self.entry(entry) for entry in entries),
                agenda_intro=part.agenda_intro,
                agenda=agenda,
            )

    def entry(self, entry: Entry) -> LetterEntry:
        when: list[Span] = []
        if entry.when:
            when.append(Span(entry.when))
            if entry.vague:
                when.append(self.vague(entry.until))
            when += [Span(f" · {text}") for text in (entry.where, *entry.notes) if text]
        facts: list[tuple[str, Line]] = [(label, (url_span(url),)) for label, url in entry.links]
        for label, ids in entry.related:
            links: list[Span] = []
            for index, obj_id in enumerate(ids):
                links += [Span(", ")] if index else []
                links.append(self.link(self.domain.objects[obj_id]))
            facts.append((label, tuple(links)))
        return LetterEntry(
            title=self.link(entry.obj),
            when=tuple(when),
            image=self.image(entry),
            summary=entry.summary,
            facts=tuple(facts),
        )

    def vague(self, until: dt.date | None) -> Span:
        """' [precieze datum volgt]', or once that month or year is over ' [precieze datum niet vastgelegd]'."""
        today = build_state(self.env).settings.today()
        return Span(VAGUE_DATE if can_still_come(until, today) else never_recorded(VAGUE_DATE))

    def link(self, obj: KBObject) -> Span:
        """The object's address as the domain makes it (for this builder: absolute)."""
        ref = self.domain.reference(self.builder, self.edition.docname, obj)
        url = ref.get("refuri") or f"{self.web_url}#{ref['refid']}"  # an object on the edition's own page
        return Span(obj.title, url=url)

    def image(self, entry: Entry) -> Image | None:
        path = image_path(self.env, entry)
        if path is None or entry.image is None:
            return None
        return self.site_image(path, entry.image[1], f"'{entry.obj.id}'")

    def site_image(self, path: str, alt: str, whose: str = "de inleiding") -> Image | None:
        """An image of the build (``path`` relative to the sources) at its address on the site."""
        if path not in self.env.images:
            return None  # a missing file was reported where the page names it
        if path.lower().endswith(".svg"):
            logger.warning(
                "Nieuwsbrief %s: de afbeelding van %s is een SVG-bestand, dat Gmail en Outlook niet tonen; "
                "gebruik een PNG of JPG",
                self.edition.number,
                whose,
                location=(self.edition.docname, self.edition.lineno),
                type="kennisbank",
                subtype="nieuwsbrief",
            )
        unique = self.env.images[path][1]
        size = get_image_size(Path(self.env.srcdir, path))
        width, height = size if size else (COLUMN, None)
        if width > COLUMN and height is not None:
            width, height = COLUMN, round(height * COLUMN / width)
        # The site's copy (the item's page shows the image): the HTML builder puts it in _images.
        src = f"{site_url(self.config)}/_images/{quote(unique)}"
        return Image(src=src, alt=alt, width=min(width, COLUMN), height=height)


def url_span(url: Url) -> Span:
    """As on the site: the address without its scheme (a mailbox: the address), or "[link volgt]"."""
    if isinstance(url, MissingLink):
        return Span(MISSING_LINK_TEXT, missing=True)
    shown = url.removeprefix(MAILTO).removeprefix("https://").removeprefix("http://").removesuffix("/")
    return Span(shown, url=url)


INLINE_STYLES: dict[type[nodes.Node], Style] = {nodes.strong: "strong", nodes.emphasis: "em", nodes.literal: "code"}


class IntroReader:
    """The edition's introduction (MyST, resolved) as paragraphs and lists of spans.

    What an e-mail cannot show as such (a table, a note box) is kept as its text:
    nothing of the introduction is left out.
    """

    INVISIBLE = (nodes.target, nodes.comment, nodes.substitution_definition, nodes.system_message)

    def __init__(self, page_url: str, image: Callable[[str, str], Image | None]):
        self.page_url = page_url
        self.image = image  # (path relative to the sources, alt text) -> the image on the site

    def blocks(self, container: nodes.Element) -> list[Block]:
        found: list[Block] = []
        for child in container.children:
            if isinstance(child, self.INVISIBLE):
                continue
            if isinstance(child, nodes.paragraph):
                found.append(Block("p", (self.line(child),)))
            elif isinstance(child, nodes.image):
                picture = self.image(child["uri"], child.get("alt", ""))
                if picture is not None:
                    found.append(Block("img", (), picture))
            elif isinstance(child, nodes.bullet_list):
                found.append(Block("ul", tuple(self.item(li) for li in child.children)))
            elif isinstance(child, nodes.enumerated_list):
                found.append(Block("ol", tuple(self.item(li) for li in child.children)))
            elif isinstance(child, nodes.table):  # a row a line: 'Anne – spreekt'
                for row in child.findall(nodes.row):
                    cells = " – ".join(" ".join(entry.astext().split()) for entry in row.children)
                    found.append(Block("p", ((Span(cells),),)))
            elif isinstance(child, nodes.title | nodes.rubric):
                found.append(Block("p", ((Span(child.astext(), style="strong"),),)))
            elif isinstance(child, nodes.Element) and any(isinstance(c, nodes.Body) for c in child.children):
                found += self.blocks(child)  # a section, a note, a quote: its contents
            elif child.astext().strip():
                found.append(Block("p", ((Span(" ".join(child.astext().split())),),)))
        return found

    def item(self, item: nodes.Node) -> Line:
        spans: list[Span] = []
        for block in self.blocks(item) if isinstance(item, nodes.Element) else []:
            for line in block.lines:
                spans += [Span(" – ")] if spans else []
                spans += line
        return tuple(spans)

    def line(self, node: nodes.Element, url: str = "", style: Style = "") -> Line:
        spans: list[Span] = []
        for child in node.children:
            if isinstance(child, nodes.Text):
                spans.append(Span(" ".join(str(child).split("\n")), url=url, style=style))
            elif isinstance(child, nodes.inline) and "kb-link-volgt" in child["classes"]:
                spans.append(Span(MISSING_LINK_TEXT, missing=True))
            elif isinstance(child, nodes.reference):
                target = child.get("refuri") or (f"#{child['refid']}" if child.get("refid") else "")
                spans += self.line(child, urljoin(self.page_url, target) if target else url, style)
            elif isinstance(child, nodes.strong | nodes.emphasis | nodes.literal):
                spans += self.line(child, url, style or INLINE_STYLES[type(child)])
            elif isinstance(child, nodes.image):
                spans.append(Span(child.get("alt", ""), url=url, style=style))  # inline: its words
            elif isinstance(child, nodes.Element):
                spans += self.line(child, url, style)
        return tuple(spans)


def setup(app: Sphinx) -> None:
    app.add_builder(NewsletterBuilder)
