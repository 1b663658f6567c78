"""A newsletter edition as e-mail: HTML, plain text and the MIME message around both.

:class:`Letter` holds what the edition says, already resolved to absolute web
addresses (builders/newsletter.py fills it from the build). From it:

- :func:`render_html`: the Jinja2 templates in ``templates/newsletter/`` (a single
  600 px table, colours on every cell); css-inline writes ``email.css`` into the
  ``style`` attributes, and only the ``@media`` rules of ``email-media.css`` stay in
  ``<style>`` (dark mode and small screens, for the clients that read them);
- :func:`render_text`: the same content as plain text, every link written out as
  ``<https://…>``, lines of at most 72 characters where words allow;
- :func:`mime_message`: multipart/alternative, UTF-8, with headers from the
  edition and the settings only: two builds give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import textwrap
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses
from pathlib import Path
from typing import Literal

import css_inline
import jinja2
from markupsafe import Markup

from ..model.newsletter import FORWARDED, SIGNUP_TEXT, signup_sentence

TEMPLATES = Path(__file__).parent.parent / "templates" / "newsletter"
MISSING_LINK_TEXT = "[link volgt]"
WIDTH = 72


Style = Literal["", "strong", "em", "code"]


@dataclass(frozen=True)
class Span:
    """A run of inline text: plain, a link (``url``), or the marker of a link that is missing."""

    text: str
    url: str = ""
    style: Style = ""
    missing: bool = False


Line = tuple[Span, ...]


@dataclass(frozen=True)
class Image:
    src: str  # absolute
    alt: str
    width: int
    height: int | None = None


@dataclass(frozen=True)
class Block:
    """A paragraph (one line), a list (a line per item) or an image."""

    kind: Literal["p", "ul", "ol", "img"]
    lines: tuple[Line, ...]
    image: Image | None = None


@dataclass(frozen=True)
class LetterEntry:
    title: Span  # a link to the object's page
    when: Line = ()  # date, place, notes
    image: Image | None = None
    summary: str = ""
    facts: tuple[tuple[str, Line], ...] = ()  # ('Lees meer', link), ('Thema’s', links)


@dataclass(frozen=True)
class AgendaLine:
    when: Line
    title: Span
    where: str = ""


@dataclass(frozen=True)
class LetterSection:
    heading: str
    entries: tuple[LetterEntry, ...] = ()
    agenda_intro: str = ""
    agenda: tuple[AgendaLine, ...] = ()


@dataclass(frozen=True)
class Letter:
    name: str  # 'VZHG Nieuwsbrief': the masthead
    subject: str
    title: str  # the edition's page title
    number: int
    date: str  # '1 mei 2023'
    web_url: str  # the edition's page on the site
    intro: tuple[Block, ...]
    sections: tuple[LetterSection, ...]
    publisher: str  # 'Vereniging van Zuid-Hollandse Gemeenten'
    site_url: str
    archive_url: str = ""
    reply_to: str = ""  # an address readers may write to
    signup: str = ""  # where a reader who was forwarded the letter signs up (a web or mailto: address)
    language: str = "nl"

    @property
    def links(self) -> list[str]:
        """Every web and mail address the letter links to, in reading order."""
        return [span.url for span in self.spans() if span.url]

    def spans(self) -> Iterator[Span]:
        for block in self.intro:
            for line in block.lines:
                yield from line
        for section in self.sections:
            for entry in section.entries:
                yield entry.title
                yield from entry.when
                for _, line in entry.facts:
                    yield from line
            for item in section.agenda:
                yield from item.when
                yield item.title


# -- HTML ------------------------------------------------------------------------


@functools.cache
def _templates() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(letter: Letter) -> str:
    """The e-mail's HTML: the body with email.css in its style attributes, email-media.css in ``<style>``."""
    templates = _templates()
    signup = (*signup_sentence(letter.signup, FORWARDED), SIGNUP_TEXT) if letter.signup else None
    body = templates.get_template("email-body.html").render(letter=letter, missing=MISSING_LINK_TEXT, signup=signup)
    inlined = css_inline.inline_fragment(body, _stylesheet("email.css"))
    return templates.get_template("email.html").render(
        letter=letter, body=Markup(inlined), media=Markup(_stylesheet("email-media.css"))
    )


@functools.cache
def _stylesheet(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


# -- plain text ------------------------------------------------------------------------


def render_text(letter: Letter) -> str:
    """The plain-text alternative: the same content, every link as ``<address>``."""
    out: list[str] = [
        f"{letter.name} – nummer {letter.number}, {letter.date}",
        "",
        f"Bekijk deze nieuwsbrief online: <{letter.web_url}>",
        "",
        "",
        letter.title.upper(),
        "",
    ]
    for block in letter.intro:
        out += [*_block_text(block), ""]
    for section in letter.sections:
        out += ["", "=" * WIDTH, section.heading.upper(), "=" * WIDTH, ""]
        for entry in section.entries:
            out += _entry_text(entry)
        if section.agenda_intro:
            out += [*_wrap(section.agenda_intro), ""]
        for item in section.agenda:
            head = _line_text(item.when) + ": " + _span_text(item.title)
            out += _wrap(f"- {head}" + (f" ({item.where})" if item.where else ""), indent="  ")
        if section.agenda:
            out.append("")
    out += ["", "-" * WIDTH, *_footer_text(letter)]
    return "\n".join(out).rstrip() + "\n"


def _entry_text(entry: LetterEntry) -> list[str]:
    out = _wrap(_span_text(entry.title))
    if entry.when:
        out += _wrap(_line_text(entry.when))
    if entry.image is not None:
        out += _wrap(f"Afbeelding: {entry.image.alt} <{entry.image.src}>")
    if entry.summary:
        out += _wrap(entry.summary)
    for label, line in entry.facts:
        out += _wrap(f"{label}: {_line_text(line)}", indent="  ")
    return [*out, ""]


def _footer_text(letter: Letter) -> list[str]:
    out = _wrap(f"Deze nieuwsbrief is een uitgave van de {letter.publisher}.")
    if letter.reply_to:
        out += _wrap(f"Vragen of reacties? Mail naar {letter.reply_to} <mailto:{letter.reply_to}>.")
        out += _wrap(
            f"Wilt u deze nieuwsbrief niet meer ontvangen? Mail dan naar {letter.reply_to} <mailto:{letter.reply_to}>."
        )
    if letter.signup:
        before, after = signup_sentence(letter.signup, FORWARDED)
        out += _wrap(f"{before}{SIGNUP_TEXT} <{letter.signup}>{after}")
    if letter.archive_url:
        out += _wrap(f"Alle nieuwsbrieven: <{letter.archive_url}>")
    out += _wrap(f"Kennisbank: <{letter.site_url}>")
    return out


def _block_text(block: Block) -> list[str]:
    if block.image is not None:
        return _wrap(f"Afbeelding: {block.image.alt} <{block.image.src}>")
    if block.kind == "p":
        return [line for spans in block.lines for line in _wrap(_line_text(spans))]
    out = []
    for number, spans in enumerate(block.lines, start=1):
        bullet = f"{number}. " if block.kind == "ol" else "- "
        out += _wrap(bullet + _line_text(spans), indent=" " * len(bullet))
    return out


def _line_text(spans: Iterable[Span]) -> str:
    return "".join(_span_text(span) for span in spans)


def _span_text(span: Span) -> str:
    if span.missing:
        return MISSING_LINK_TEXT
    if not span.url:
        return span.text
    if span.text in (span.url, ""):
        return f"<{span.url}>"
    return f"{span.text} <{span.url}>"


def _wrap(text: str, indent: str = "") -> list[str]:
    # Addresses are never broken: a reader's mail program must find them whole.
    return textwrap.wrap(text, WIDTH, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False) or [""]


# -- the message ------------------------------------------------------------------------


@dataclass(frozen=True)
class Headers:
    sender: str  # 'VZHG Nieuwsbrief <secretaris@vzhg.nl>'
    subject: str
    date: dt.datetime  # aware: the edition's date, never the clock
    message_id: str
    reply_to: str = ""
    to: str = ""


def mime_message(headers: Headers, text: str, html: str) -> bytes:
    """A multipart/alternative message (text first, HTML preferred), UTF-8, reproducible.

    ``X-Unsent: 1`` makes Outlook open it as a draft to send; other mail programs
    ignore it. The MIME boundary is made from the content, not at random.
    """
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = _addresses(headers.sender)
    if headers.to:
        message["To"] = _addresses(headers.to)
    if headers.reply_to:
        message["Reply-To"] = _addresses(headers.reply_to)
    message["Subject"] = headers.subject
    message["Date"] = format_datetime(headers.date)
    message["Message-ID"] = headers.message_id
    message["X-Unsent"] = "1"
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    message["Content-Language"] = "nl"  # after the content: setting it clears the Content-* headers
    digest = hashlib.sha256(f"{headers}\n{text}\n{html}".encode()).hexdigest()[:32]
    message.set_boundary(f"=_nieuwsbrief_{digest}")
    return message.as_bytes()


def _addresses(value: str) -> tuple[Address, ...]:
    return tuple(Address(display_name=name, addr_spec=address) for name, address in getaddresses([value]))
