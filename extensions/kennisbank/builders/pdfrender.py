"""WeasyPrint renders a print page to PDF, without near-empty last pages of chapters.

A chapter starts on a new page, so its last page may hold only a line or two that
did not fit on the page before. Such a chapter is set a little tighter (the print
stylesheet's ``kb-krap-1``, or else ``kb-krap-2``), so those lines move up; a
chapter that would still spill over stays as it is. Whether a page is nearly empty
is read from where the empty element at each chapter's end
(:func:`printbook.chapter_end_id`) lands: WeasyPrint reports every anchor's page
and position.

Because every chapter starts on a page of its own, its layout does not depend on
the others: the steps are tried on those chapters alone, and the book is laid out a
second time only if a chapter is set tighter (the page numbers change with it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .printbook import chapter_end_id, chapter_id

#: The classes that set a chapter tighter, mildest first (see print.css).
SQUEEZE_STEPS = ("kb-krap-1", "kb-krap-2")
#: A last page whose text ends above this share of the page height is nearly empty
#: (about ten lines on A4 below the running header).
NEARLY_EMPTY = 0.25
CHAPTER_ANCHOR = re.compile(r"kb-(hoofdstuk|einde)-(\d+)")


def chapter_tag(number: int, squeeze: str = "") -> str:
    """The opening tag of a chapter, as the print translator writes it and this module finds it."""
    classes = f"kb-hoofdstuk {squeeze}".strip()
    return f'<div class="{classes}" id="{chapter_id(number)}">'


def chapter_end_tag(number: int) -> str:
    return f'<div class="kb-einde" id="{chapter_end_id(number)}"></div>'


def render_pdf(source: Path, target: Path, options: dict[str, Any]) -> dict[int, str]:
    """Write ``target`` from the HTML page ``source``; return the chapters set tighter.

    The page beside the PDF is rewritten as it was finally rendered.
    """
    from weasyprint import CSS, HTML

    def layout(text: str, *stylesheets: str) -> Any:
        extra = [CSS(string=css) for css in stylesheets]
        return HTML(string=text, base_url=source.resolve().as_uri()).render(**{**options, "stylesheets": extra})

    text = source.read_text(encoding="utf-8")
    document = layout(text)
    spilled = nearly_empty_endings(document.pages)
    squeezed: dict[int, str] = {}
    for step in SQUEEZE_STEPS:
        if not spilled:
            break
        still = nearly_empty_endings(layout(chapters_alone(text, dict.fromkeys(spilled, step))).pages)
        squeezed.update(dict.fromkeys(spilled - still, step))
        spilled = still
    if squeezed:
        text = with_squeeze(text, squeezed)
        source.write_text(text, encoding="utf-8")
        document = layout(text)
    document.write_pdf(target, **options)
    return squeezed


def nearly_empty_endings(pages: Iterable[Any]) -> set[int]:
    """The chapters whose last page is not their first and is nearly empty.

    ``pages`` are WeasyPrint's pages: each has ``height`` and ``anchors``, from a name
    to a position that starts with ``x, y`` from the page's top-left corner, in CSS pixels
    (WeasyPrint 68 adds the far corner).
    """
    first_page: dict[int, int] = {}
    found = set()
    for index, page in enumerate(pages):
        for name, position in page.anchors.items():
            match = CHAPTER_ANCHOR.fullmatch(name)
            if match is None:
                continue
            number = int(match[2])
            if match[1] == "hoofdstuk":
                first_page.setdefault(number, index)
            elif first_page.get(number, index) < index and position[1] < page.height * NEARLY_EMPTY:
                found.add(number)
    return found


def chapters_alone(text: str, squeezed: dict[int, str]) -> str:
    """The print page with only these chapters in its body, each set tighter as given."""
    chapters = []
    for number in sorted(squeezed):
        start = text.index(chapter_tag(number))
        end = text.index(chapter_end_tag(number), start) + len(chapter_end_tag(number))
        chapters.append(with_squeeze(text[start:end], squeezed) + "</div>")
    return f'{text[: text.index("<body")]}<body><main class="kb-tekst">{"".join(chapters)}</main></body></html>'


def with_squeeze(text: str, squeezed: dict[int, str]) -> str:
    for number, step in squeezed.items():
        text = text.replace(chapter_tag(number), chapter_tag(number, step), 1)
    return text
