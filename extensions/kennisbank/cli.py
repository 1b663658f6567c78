"""``kennisbank``: the contributors' command line.

    kennisbank nieuw evenement bestuurdersdag-2024 --titel "Bestuurdersdag 2024"
    kennisbank controleer

``controleer`` runs the strict Sphinx build, the internal link check and the
open data validation. Every message names file and line; inside GitHub Actions
each is also written as a workflow annotation, so it shows on the pull request.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import tempfile
from pathlib import Path

from .checks import annotation, check_data, check_links, sphinx_findings
from .scaffold import ScaffoldError, scaffold
from .schema import TYPES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kennisbank", description="Hulpmiddelen voor de kennisbank van de VZHG.")
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("nieuw", help="maak een nieuwe pagina of een nieuw item")
    new.add_argument("type", choices=list(TYPES))
    new.add_argument("id", help="de vaste id: kleine letters, cijfers en streepjes")
    new.add_argument("--titel", help="de titel (kop) van de pagina of het item")
    new.add_argument("--docs", type=Path, default=Path("docs"))
    check = commands.add_parser("controleer", help="strikte build, linkcontrole en controle van de open data")
    check.add_argument("--docs", type=Path, default=Path("docs"))
    check.add_argument("--uitvoer", type=Path, default=Path("build/check-html"))
    args = parser.parse_args(argv)
    if args.command == "nieuw":
        return _new(args)
    return _check(args)


def _new(args) -> int:
    title = args.titel or args.id.replace("-", " ").capitalize()
    try:
        created = scaffold(args.docs, args.type, args.id, title)
    except ScaffoldError as error:
        print(f"kennisbank nieuw: {error}", file=sys.stderr)
        return 2
    print(f"Gemaakt: {created.path}")
    if created.toctree:
        print(f"Toegevoegd aan de inhoudsopgave van {created.toctree}")
    print("Vul alles in waar 'VUL IN' of 'vul-in' staat; 'make check' meldt wat er nog ontbreekt.")
    return 0


def _check(args) -> int:
    from sphinx.cmd.build import build_main

    root = Path.cwd()
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "waarschuwingen.txt"
        doctrees = args.uitvoer.parent / "check-doctrees"
        # Sphinx's own output is replaced by ours: the same messages, sorted, as file:line.
        with contextlib.redirect_stderr(io.StringIO()):
            status = build_main(
                [
                    "-b",
                    "html",
                    "-W",
                    "--keep-going",
                    "-n",
                    "-q",
                    "-d",
                    str(doctrees),
                    "-w",
                    str(log),
                    str(args.docs),
                    str(args.uitvoer),
                ]
            )
        findings = sphinx_findings(log.read_text(encoding="utf-8") if log.exists() else "", root.resolve())
    if status == 0:
        findings += check_links(args.uitvoer, args.docs)
        findings += check_data(args.uitvoer)
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    findings.sort(key=lambda f: (f.path, f.line, f.message))
    for finding in findings:
        print(finding, file=sys.stderr)
        if in_actions:
            print(annotation(finding))
    if status != 0 or findings:
        count = len(findings)
        summary = "1 probleem" if count == 1 else f"{count} problemen" if count else "de build is mislukt"
        print(f"kennisbank controleer: {summary}", file=sys.stderr)
        return 1
    print("kennisbank controleer: geen problemen gevonden")
    return 0


if __name__ == "__main__":
    sys.exit(main())
