"""Sample pages of the PDFs for the authoring guide, as a board secretary sees them.

    python scripts/pdf_examples.py        # or: make pdf-voorbeelden

Builds kennisbank.pdf and the board packs of docs/ with a fixed reference date (the
one of the screenshots, so that the agenda has coming events), then renders a few
pages of each with pdftoppm (poppler-utils) as small PNGs into
docs/_static/pdf-voorbeeld/, which docs/bijdragen/bestuurspakket.md shows. The pages
are found by their bookmarks, so the selection follows the content: the cover, the
table of contents, the start of a chapter and the pack's agenda.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE_DATE = "2023-05-01"
PACK = "bestuurspakket-2023-04.pdf"
BOOK = "kennisbank.pdf"
#: Dots per inch: an A4 page becomes about 410 by 580 pixels, readable once enlarged.
RESOLUTION = 50
TARGET = ROOT / "docs" / "_static" / "pdf-voorbeeld"


def build(outdir: Path) -> None:
    # The cover's date is the reference date too, so the images change only with the layout.
    day = dt.datetime.fromisoformat(f"{REFERENCE_DATE}T12:00:00+00:00")
    environment = {**os.environ, "SOURCE_DATE_EPOCH": str(int(day.timestamp()))}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-q",
            "-E",
            "-b",
            "kennisbank-pdf",
            "-D",
            f"kennisbank_reference_date={REFERENCE_DATE}",
            str(ROOT / "docs"),
            str(outdir),
        ],
        check=True,
        env=environment,
    )


def bookmark_pages(path: Path, *, chapters_only: bool = False) -> dict[str, int]:
    """The page (from 1) of each bookmark, by its title; the first if a title recurs."""
    import pypdf

    reader = pypdf.PdfReader(path)
    found: dict[str, int] = {}

    def walk(outline: list) -> None:
        for item in outline:
            if isinstance(item, list):
                if not chapters_only:
                    walk(item)
            else:
                found.setdefault(item.title, reader.get_destination_page_number(item) + 1)

    walk(reader.outline)
    return found


def selection(outdir: Path) -> list[tuple[str, Path, int]]:
    """(file name, PDF, page number) of every sample page."""
    pack, book = outdir / PACK, outdir / BOOK
    in_pack = list(bookmark_pages(pack, chapters_only=True).values())
    in_book = bookmark_pages(book)
    return [
        ("pakket-01.png", pack, 1),  # the cover
        ("pakket-02.png", pack, 2),  # the table of contents
        ("pakket-03.png", pack, in_pack[1]),  # the first item of the pack
        ("pakket-04.png", pack, in_pack[-1]),  # the agenda at the end
        ("kennisbank-01.png", book, 2),  # the table of contents
        ("kennisbank-02.png", book, in_book["Thema’s"]),  # a chapter starts on a new page
        ("kennisbank-03.png", book, in_book["Brede welvaart"]),  # its pages follow on
        ("kennisbank-04.png", book, in_book["Maandoverzicht"]),  # the month view as a dated list
    ]


def render(pdf: Path, page: int, target: Path) -> None:
    stem = target.with_suffix("")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            str(RESOLUTION),
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(stem),
        ],
        check=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--uitvoer", type=Path, default=ROOT / "build" / "pdf-voorbeelden")
    args = parser.parse_args()
    if shutil.which("pdftoppm") is None:
        raise SystemExit("pdftoppm ontbreekt: installeer poppler-utils (zie .ci/run).")
    build(args.uitvoer)
    TARGET.mkdir(parents=True, exist_ok=True)
    for name, pdf, page in selection(args.uitvoer):
        render(pdf, page, TARGET / name)
        print(f"{(TARGET / name).relative_to(ROOT)}  ({pdf.name}, pagina {page})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
