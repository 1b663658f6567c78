"""The PDFs the site offers for download: their order and how their facts read. Pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from babel.dates import format_date as format_date_babel
from babel.units import format_unit

from .dates import LOCALE, format_date
from .packs import BoardPack

#: The whole knowledge base as one PDF (written unless ``kennisbank_pdf_whole`` is off).
WHOLE = "kennisbank.pdf"


@dataclass(frozen=True)
class PdfFile:
    """A PDF as it lies in the site's PDF folder: what a reader sees before downloading it."""

    name: str
    size: int  # bytes
    made: dt.date  # the sources' date the PDF was built from (config.stamp)

    @property
    def description(self) -> str:
        """'PDF, 412 kB, stand van 1 mei 2023'."""
        return f"{self.kind_and_size}, {self.as_of}"

    @property
    def kind_and_size(self) -> str:
        """'PDF, 412 kB': what a link to the file says about it."""
        return f"PDF, {size_text(self.size)}"

    @property
    def as_of(self) -> str:
        """'stand van maandag 1 mei 2023'."""
        return f"stand van {format_date(self.made)}"


#: What the PDF of the whole knowledge base is, in a sentence.
WHOLE_SUBJECT = "de hele kennisbank"


def pack_subject(pack: BoardPack) -> str:
    """'het bestuurspakket van april 2023' (or '... van 20 april 2023'): which pack, in words."""
    assert pack.date is not None
    shown = {"year": "y", "month": "LLLL y"}.get(pack.date.precision, "d MMMM y")
    return f"het bestuurspakket van {format_date_babel(pack.date.value.date(), shown, locale=LOCALE)}"


def download_text(subject: str, pdf: PdfFile) -> str:
    """'Download het bestuurspakket van april 2023 (PDF, 105 kB)': the action, the file, its format and size."""
    return f"Download {subject} ({pdf.kind_and_size})"


def size_text(size: int) -> str:
    """'412 kB', '1,2 MB': decimal units as file managers show them; never '0 kB'."""
    if size < 999_500:
        return format_unit(max(1, round(size / 1000)), "digital-kilobyte", length="short", locale=LOCALE)
    return format_unit(round(size / 1_000_000, 1), "digital-megabyte", length="short", locale=LOCALE, format="#,##0.#")


def pack_file(pack: BoardPack) -> str:
    """The PDF's file name of a board pack."""
    return f"{pack.filename}.pdf"


def newest_first(packs: Iterable[BoardPack]) -> list[BoardPack]:
    """Board packs with a date, the latest meeting first; the same day: by file and page name."""
    dated = [pack for pack in packs if pack.date is not None]
    by_name = sorted(dated, key=lambda p: (p.filename, p.docname))
    return sorted(by_name, key=lambda p: p.date.value if p.date else dt.datetime.min, reverse=True)
