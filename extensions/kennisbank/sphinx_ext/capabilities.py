"""What a build's output can hold, asked of its builder: its format and its kind, not its name.

Three kinds, each contained in the one before:

- **HTML** (``builder.format == "html"``): Sphinx's HTML builders, the e-book and our PDF
  builder, which prints an HTML page;
- **for screens**: HTML that is not printed (our PDF builder says ``kb_printed``; WeasyPrint
  hyphenates by itself) and not embedded in another format (``embedded``: the e-book).
  Soft hyphens in long headings, tables as cards on a phone, calendar links and the
  registration button, links to the PDFs;
- **a site**: for screens, a file per page, the files beside each other (Sphinx's
  ``html`` and ``dirhtml``, not ``singlehtml``). Only a site gets the files written beside
  its pages (the feeds, the month and year pages, the search index, the sitemap), links
  them relatively, and in a preview shows each page's problems.

A builder of another extension is judged by the same attributes, so a new HTML builder
needs no list to be added to.
"""

from __future__ import annotations

from typing import TypeGuard

from sphinx.builders import Builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.builders.singlehtml import SingleFileHTMLBuilder

#: A builder class attribute: its HTML is printed, not read on a screen (builders/pdf.py).
PRINTED = "kb_printed"


def writes_html(builder: Builder) -> bool:
    """Whether the builder writes HTML, for a screen or for print."""
    return builder.format == "html"


def is_for_screens(builder: Builder) -> bool:
    """Whether the output is read on a screen: HTML, neither printed nor an e-book."""
    return writes_html(builder) and not getattr(builder, PRINTED, False) and not getattr(builder, "embedded", False)


def is_site(builder: Builder) -> TypeGuard[StandaloneHTMLBuilder]:
    """Whether the output is a site of pages, a file each, with the files written beside them."""
    return (
        is_for_screens(builder)
        and isinstance(builder, StandaloneHTMLBuilder)
        and not isinstance(builder, SingleFileHTMLBuilder)
    )
