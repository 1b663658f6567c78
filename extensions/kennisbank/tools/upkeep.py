"""``kennisbank onderhoud``: the editors' maintenance list, as the last build made it.

Every build writes the list beside its doctrees (``kennisbank-onderhoud.json``,
sphinx_ext/maintenance.py), measured from its reference date; this command reads
it without Sphinx and prints it with file and line. ``--markdown`` also writes it
as the body of the GitHub issue "Onderhoud" (the publish workflow keeps that issue
up to date). ``--links`` adds the external links that no longer work: Sphinx's own
``linkcheck`` builder asks each site, with a time limit (``--wachttijd``), on the
same doctrees. Only an answer that says the page is gone (404, 410 and the like)
counts; no network, a timeout or a server error says nothing about the link, and
is counted apart, never a failure: the command always ends with 0 when it could
read the list.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NoReturn

from ..model.calendarlinks import GOOGLE, OPENSTREETMAP, OUTLOOK
from ..model.maintenance import Finding, report_markdown, report_text

#: Beside the doctrees (sphinx_ext/maintenance.REPORT_FILE; the tools do not import the glue).
REPORT_FILE = "kennisbank-onderhoud.json"
#: Answers that say a page is gone; others (401, 403, 429: a site that refuses robots) tell nothing.
GONE = frozenset({400, 404, 410}) | frozenset(range(406, 429)) - {408}
#: The links the pages make themselves (route, calendars): not the editors' to mend.
OURS = tuple(re.escape(address) for address in (GOOGLE, OUTLOOK, OPENSTREETMAP))
#: linkcheck writes the status of an HTTP error in its message, with code 0.
_HTTP_ERROR = re.compile(r"^(\d{3}) (?:Client|Server) Error")
NO_LIST = (
    "er is nog geen onderhoudslijst in {folder}: bouw eerst de site (make html), die schrijft "
    f"{REPORT_FILE} naast de doctrees"
)


def add_options(options: argparse._ArgumentGroup) -> None:
    options.add_argument(
        "--doctrees",
        type=Path,
        default=Path("build/doctrees"),
        metavar="MAP",
        help="de doctrees van de laatste build (standaard: build/doctrees)",
    )
    options.add_argument("--links", action="store_true", help="controleer ook de externe links (vraagt internet)")
    options.add_argument(
        "--wachttijd",
        type=int,
        default=10,
        metavar="SECONDEN",
        help="hoe lang de linkcontrole per link wacht op antwoord (standaard: 10)",
    )
    options.add_argument(
        "--markdown", type=Path, metavar="BESTAND", help="schrijf de lijst ook als tekst voor het GitHub-issue"
    )


def run(fail: Callable[[str], NoReturn], args: argparse.Namespace) -> int:
    path = args.doctrees / REPORT_FILE
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        fail(NO_LIST.format(folder=args.doctrees))
    today = dt.date.fromisoformat(report["datum"])
    found = [_finding(item) for item in report["bevindingen"]]
    notes: list[str] = []
    if args.links:
        broken, unknown = check_links(args.docs, args.doctrees, args.wachttijd)
        links = [link_finding(report["paginas"], entry) for entry in broken]
        found += [link for link in links if link is not None]
        notes.append(links_note(len(broken), unknown))
    else:
        notes.append("Externe links zijn niet gecontroleerd (kennisbank onderhoud --links).")
    folder = args.docs.as_posix()
    print(report_text(found, today, folder) + "\n" + "\n".join(notes))
    if args.markdown is not None:
        pages = report["paginas"]
        urls = {d: page["url"] for d, page in pages.items() if page.get("url")}
        edits = {d: page["bewerk"] for d, page in pages.items() if page.get("bewerk")}
        text = report_markdown(found, today, urls, edits, folder, notes)
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(text, encoding="utf-8")
    return 0


def _finding(item: dict[str, Any]) -> Finding:
    since = item.get("since")
    return Finding(**{**item, "since": dt.date.fromisoformat(since) if since else None})


def links_note(broken: int, unknown: int) -> str:
    text = f"Externe links gecontroleerd: {broken} {'werkt' if broken == 1 else 'werken'} niet meer."
    if unknown:
        text += (
            f" {unknown} kon{'' if unknown == 1 else 'den'} niet worden gecontroleerd (geen antwoord of een storing)."
        )
    return text


def check_links(docs: Path, doctrees: Path, wait: int) -> tuple[list[dict[str, Any]], int]:
    """The links Sphinx's linkcheck finds gone, and how many it could not judge."""
    from sphinx.cmd.build import build_main

    output = doctrees.parent / "linkcheck"
    options = {"linkcheck_timeout": str(wait), "linkcheck_retries": "1", "linkcheck_anchors": "0"}
    options["linkcheck_ignore"] = ",".join(OURS)
    settings = [f"-D{name}={value}" for name, value in options.items()]
    quiet = io.StringIO()
    with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):  # Sphinx's English
        build_main(["-b", "linkcheck", "-q", *settings, "-d", str(doctrees), str(docs), str(output)])
    lines = (output / "output.json").read_text(encoding="utf-8").splitlines() if output.exists() else []
    return classify(json.loads(line) for line in lines if line.strip())


def classify(results: Iterable[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """(links whose site says they are gone, how many could not be judged) from linkcheck's output."""
    broken, unknown = [], 0
    for result in results:
        if result.get("status") != "broken":
            continue
        found = _HTTP_ERROR.match(str(result.get("info", "")))
        code = result.get("code") or (int(found.group(1)) if found else 0)
        if code in GONE:
            broken.append({**result, "code": code})
        else:
            unknown += 1
    return broken, unknown


def link_finding(pages: dict[str, dict[str, str]], result: dict[str, Any]) -> Finding | None:
    source = str(result.get("filename", ""))
    docname = next((d for d, page in pages.items() if page.get("bron") == source), None)
    if docname is None:
        return None
    what = f"{result.get('uri')} geeft {result.get('code')} (niet gevonden): zoek het nieuwe adres of haal de link weg"
    return Finding("link", docname, source, int(result.get("lineno") or 1), pages[docname]["titel"], what)
