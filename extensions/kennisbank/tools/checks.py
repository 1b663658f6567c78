"""Checks on a finished HTML build, for ``kennisbank controleer``. Pure file handling.

- every internal link points at an existing page and anchor;
- ``kennisbank.json`` validates against ``kennisbank.schema.json``.

Each problem names the source file and, where it can be found, the line. Before the build,
``clear_folder`` empties the folders of the previous check.
"""

from __future__ import annotations

import json
import posixpath
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import cast
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from ..model.opendata import DATA_FILE, SCHEMA_FILE
from ..model.schema import TYPES

_SKIP = {"genindex.html", "search.html"}


@dataclass(frozen=True)
class Finding:
    path: str  # source file, relative to the project
    line: int | None  # None: the message is about the whole file
    message: str  # may span several lines

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


#: Left in each folder ``kennisbank controleer`` writes, so that the next run knows it may empty it.
OWN_FOLDER = ".kennisbank-controleer"
#: What Sphinx leaves in a folder it wrote: its HTML output, its doctrees. Folders of a check made
#: before OWN_FOLDER existed carry only these.
_SPHINX_FOLDER = (".buildinfo", "environment.pickle")


def clear_folder(folder: Path, *keep: Path) -> str | None:
    """Empty ``folder`` for a new check, or say in Dutch why it is left alone.

    Every run starts from empty folders: a page deleted since the last run would otherwise stay
    in the output and be checked again, its links to its own feeds (deleted with it) reported as
    dead. Only a folder that a check or Sphinx wrote is emptied, never one that holds a ``keep``
    folder (the sources, the project) or anything else.
    """
    if folder.exists():
        if not folder.is_dir():
            return f"'{folder}' is een bestand, geen map"
        if any(kept.resolve().is_relative_to(folder.resolve()) for kept in keep):
            return f"de map '{folder}' bevat de bronbestanden; kies een eigen map voor de uitvoer"
        if any(folder.iterdir()) and not any((folder / mark).exists() for mark in (OWN_FOLDER, *_SPHINX_FOLDER)):
            return f"de map '{folder}' bevat al andere bestanden; kies een nieuwe of lege map"
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / OWN_FOLDER).touch()
    return None


def check_links(outdir: Path, docs: Path) -> list[Finding]:
    pages = {p.relative_to(outdir).as_posix(): p for p in outdir.rglob("*.html")}
    ids: dict[str, set[str]] = {}

    def anchors(page: str) -> set[str]:
        if page not in ids:
            soup = BeautifulSoup(pages[page].read_text(encoding="utf-8"), "html.parser")
            ids[page] = {cast(str, tag["id"]) for tag in soup.find_all(id=True)}  # single-valued: a str
        return ids[page]

    findings = []
    for page in sorted(pages):
        if page in _SKIP or page.startswith("_"):
            continue
        soup = BeautifulSoup(pages[page].read_text(encoding="utf-8"), "html.parser")
        main = soup.select_one("[role=main]") or soup
        for link in main.find_all("a", href=True):
            href = cast(str, link["href"])  # single-valued: a str, never bs4's list of classes
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("mailto:"):
                continue
            target = (
                posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path))) if parts.path else page
            )
            if target.endswith("/"):
                target += "index.html"
            if parts.path and not (outdir / target).exists():
                findings.append(_finding(docs, page, href, f"dode link '{href}': {target} bestaat niet"))
            elif parts.fragment and target in pages and parts.fragment not in anchors(target):
                findings.append(_finding(docs, page, href, f"link '{href}' wijst naar een onbekend anker"))
    return findings


def check_data(outdir: Path) -> list[Finding]:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match

    data_path, schema_path = outdir / DATA_FILE, outdir / SCHEMA_FILE
    if not data_path.exists():
        return [Finding(DATA_FILE, 1, "kennisbank.json ontbreekt: is html_baseurl ingesteld?")]
    data = json.loads(data_path.read_text(encoding="utf-8"))
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    findings = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
        path = list(error.absolute_path)
        where = DATA_FILE
        if len(path) >= 2 and path[0] == "objecten":
            obj = data["objecten"][path[1]]
            where = f"{obj.get('type')} '{obj.get('id')}'"
            # The object matched none of the per-type schemas: explain with its own type's.
            kinds = list(TYPES)
            own = [
                e
                for e in error.context
                if obj.get("type") in kinds and e.relative_schema_path[0] == kinds.index(obj["type"])
            ]
            if own:
                error = best_match(own)
        findings.append(Finding(DATA_FILE, 1, f"open data: {where}: {error.message}"))
    return findings


def _finding(docs: Path, page: str, href: str, message: str) -> Finding:
    """Point at the Markdown source of the page, at the first line that mentions the target."""
    source = docs / (page.removesuffix(".html") + ".md")
    if not source.exists():
        return Finding(f"{docs.name}/{page}", 1, message)
    needle = urlsplit(href).fragment or posixpath.basename(urlsplit(href).path).removesuffix(".html")
    line = 1
    for number, text in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
        if needle and needle in text:
            line = number
            break
    return Finding(f"{docs.name}/{source.relative_to(docs).as_posix()}", line, message)


#: The first line of a message in Sphinx's warning log: ``[location: ]LEVEL: message``, where the
#: location is ``path:line``, ``path:`` or ``path``. Further lines (docutils quotes the source, some
#: messages explain over several lines) follow until the next message.
_LEVEL = r"(?:WARNING|ERROR|CRITICAL)"
MESSAGE = re.compile(rf"^(?:(?!{_LEVEL}: )(?P<location>\S.*?): )?(?P<level>{_LEVEL}): (?P<message>.*)$")
_LOCATION = re.compile(r"^(?P<path>.*?)(?::(?P<line>\d*))?$")


def sphinx_findings(log: str, root: Path, fallback: str = "docs/conf.py") -> list[Finding]:
    """Read Sphinx's warning log into findings with paths relative to the project.

    Every message, with all its lines. One without a file is attributed to ``fallback``
    (the configuration); one without a line number to the whole file.
    """
    findings: list[Finding] = []
    path, line = "", None
    lines: list[str] = []

    def close() -> None:
        if lines:
            findings.append(Finding(path, line, "\n".join(lines).rstrip()))

    for text in log.splitlines():
        match = MESSAGE.match(text)
        if match is None:
            if lines:  # a further line of the message before
                lines.append(text)
            continue
        close()
        path, line = fallback, None
        if match["location"]:
            where = _LOCATION.match(match["location"])
            assert where is not None  # the pattern matches any one line
            path = shown_path(where["path"], root)
            line = int(where["line"]) if where["line"] else None
        lines = [match["message"]]
    close()
    return findings


def split_crash(output: str) -> tuple[str, str]:
    """Split what Sphinx printed when the build stopped with an exception: (the warnings, the report).

    The report follows the last warning after an empty line (Sphinx's ``handle_exception``); a
    warning may itself contain empty lines, but only before the first line of the next warning.
    """
    lines = output.splitlines(keepends=True)
    last = max((i for i, text in enumerate(lines) if MESSAGE.match(text.rstrip("\r\n"))), default=None)
    if last is None:
        return "", output.strip("\n")
    start = next((i for i in range(last + 1, len(lines)) if not lines[i].strip()), len(lines))
    return "".join(lines[:start]), "".join(lines[start:]).strip("\n")


def shown_path(path: str | Path, root: Path) -> str:
    """A path as the contributor knows it: relative to the project where it lies inside it."""
    shown = Path(path)
    if shown.is_absolute() and shown.is_relative_to(root):
        return shown.relative_to(root).as_posix()
    return shown.as_posix()


def annotation(finding: Finding) -> str:
    """A GitHub Actions workflow command, so the message shows on the pull request's diff."""
    where = f"file={finding.path}" if finding.line is None else f"file={finding.path},line={finding.line}"
    return f"::error {where}::{escape(finding.message)}"


def escape(message: str) -> str:
    """Escape a message for a GitHub Actions workflow command (several lines stay several lines)."""
    return message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
