"""``kennisbank formulieren`` and ``kennisbank formulier``: the forms for new content, and a submitted one.

    kennisbank formulieren                 # write .github/ISSUE_TEMPLATE/nieuw-<type>.yml
    kennisbank formulieren --controleer    # exit 1 when they are stale (make check runs this)
    kennisbank formulieren --controleer --melding   # stale forms are a notice, not a failure
    kennisbank formulier --gebeurtenis "$GITHUB_EVENT_PATH" --commit --uitvoer "$RUNNER_TEMP/formulier"
    kennisbank formulier --tekst issue.md --type evenement   # on your own machine: write the page

No Sphinx: the forms and the checks read the sources as text (content.py).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import NoReturn, Protocol

from ..model.relations import suggest
from .forms import FOLDER, FORM_TYPES, LABEL_PREFIX, stale_files, write_forms
from .issueops import Issue, Outcome, carry_out, decide, read_event

STALE = (
    "kennisbank formulieren: de formulieren in {folder} passen niet meer bij het schema en de inhoud "
    "({files}). Maak ze opnieuw met 'kennisbank formulieren' (of 'make formulieren') en neem ze op in "
    "uw commit. Werkt u alleen in de browser, dan hoeft u niets te doen: na het samenvoegen maakt GitHub "
    "de formulieren vanzelf opnieuw."
)
#: The same, as a notice in a pull request: its author may have renamed a theme in the browser,
#: where nobody can run `make formulieren`; the publish workflow makes the forms anew after the merge.
STALE_NOTICE = (
    "De formulieren voor nieuwe inhoud ({folder}: {files}) passen niet meer bij de inhoud, bijvoorbeeld "
    "omdat deze wijziging een thema, programma, netwerk, organisatie of persoon toevoegt, weghaalt of een "
    "andere titel geeft. U hoeft niets te doen: na het samenvoegen maakt GitHub de formulieren vanzelf "
    "opnieuw. Werkt u op uw eigen computer, dan kan het ook meteen: 'make formulieren', en neem de "
    "formulieren op in uw commit."
)
NOTICE_TITLE = "Formulieren verouderd"
#: Set by GitHub Actions in the run of a pull request only: there stale forms are a notice by themselves.
PULL_REQUEST_VARIABLE = "GITHUB_BASE_REF"


class _Failing(Protocol):
    def fail(self, message: str) -> NoReturn: ...


def add_generate_options(group: argparse._ArgumentGroup) -> None:
    group.add_argument(
        "--map",
        type=Path,
        default=None,
        metavar="MAP",
        help=f"waar de formulieren komen (standaard: {FOLDER} naast de map met bronbestanden)",
    )
    group.add_argument(
        "--controleer",
        action="store_true",
        help="schrijf niets; stop met een melding als de formulieren niet meer kloppen",
    )
    group.add_argument(
        "--melding",
        action="store_true",
        help="met --controleer: verouderde formulieren zijn een opmerking (in GitHub Actions een notice), "
        f"geen fout; zo ook vanzelf in een pull request op GitHub ({PULL_REQUEST_VARIABLE} is gezet)",
    )


def add_submit_options(group: argparse._ArgumentGroup) -> None:
    group.add_argument(
        "--gebeurtenis", type=Path, metavar="JSON", help="de GitHub-gebeurtenis van het issue ($GITHUB_EVENT_PATH)"
    )
    group.add_argument("--tekst", type=Path, metavar="BESTAND", help="de tekst van het issue, zonder --gebeurtenis")
    group.add_argument("--type", help=f"het soort formulier bij --tekst: {', '.join(FORM_TYPES)}")
    group.add_argument("--issue", type=int, default=0, metavar="NUMMER", help="het nummer van het issue bij --tekst")
    group.add_argument(
        "--uitvoer",
        type=Path,
        default=Path("build/formulier"),
        metavar="MAP",
        help="de map voor de reactie en de pull request (standaard: build/formulier)",
    )
    group.add_argument(
        "--commit",
        action="store_true",
        help="zet de pagina in een commit op de tak formulier/issue-<nummer>, als git-bundel in de uitvoermap",
    )


def generate(parser: _Failing, args: argparse.Namespace) -> int:
    if args.melding and not args.controleer:
        parser.fail("--melding hoort bij --controleer")
    folder = args.map if args.map is not None else args.docs.resolve().parent / FOLDER
    if args.controleer:
        stale = stale_files(args.docs, folder)
        if stale and (args.melding or os.environ.get(PULL_REQUEST_VARIABLE)):
            notice = STALE_NOTICE.format(folder=_shown(folder), files=", ".join(stale))
            print(f"kennisbank formulieren: {notice}", file=sys.stderr)
            if os.environ.get("GITHUB_ACTIONS") == "true":
                from .checks import escape

                print(f"::notice title={NOTICE_TITLE}::{escape(notice)}")
            return 0
        if stale:
            print(STALE.format(folder=_shown(folder), files=", ".join(stale)), file=sys.stderr)
            return 1
        print("kennisbank formulieren: de formulieren kloppen")
        return 0
    changed = write_forms(args.docs, folder)
    for name in changed:
        print(f"Bijgewerkt: {_shown(folder / name)}")
    if not changed:
        print("kennisbank formulieren: de formulieren waren al bij")
    return 0


def submit(parser: _Failing, args: argparse.Namespace) -> int:
    issue = _issue(parser, args)
    decision = decide(issue, args.docs)
    outputs = carry_out(issue, decision, args.docs, args.uitvoer, args.commit)
    for name, value in outputs.items():
        print(f"{name}={value}")
    if decision.outcome is Outcome.MISTAKES:
        print("Het formulier is nog niet goed:", file=sys.stderr)
        for mistake in decision.mistakes:
            print(f"- {mistake}", file=sys.stderr)
    elif decision.outcome is Outcome.PULL_REQUEST and decision.proposal is not None:
        print(f"Geschreven: {_shown(decision.proposal.path)}", file=sys.stderr)
    elif decision.outcome is Outcome.WAITING:
        print("Het formulier is in orde; het wacht op een redacteur.", file=sys.stderr)
    else:
        print("Dit issue is geen formulier voor nieuwe inhoud.", file=sys.stderr)
    return 0


def _issue(parser: _Failing, args: argparse.Namespace) -> Issue:
    if args.gebeurtenis is not None:
        try:
            return read_event(args.gebeurtenis)
        except (OSError, ValueError, KeyError, TypeError) as error:
            parser.fail(f"--gebeurtenis: '{args.gebeurtenis}' is geen leesbare GitHub-gebeurtenis ({error})")
    if args.tekst is None:
        parser.fail("geef --gebeurtenis, of --tekst met --type")
    if args.type not in FORM_TYPES:
        parser.fail(f"--type: kies uit {', '.join(FORM_TYPES)}{suggest(args.type or '', FORM_TYPES)}")
    try:
        body = args.tekst.read_text(encoding="utf-8")
    except OSError as error:
        parser.fail(f"--tekst: '{args.tekst}' is niet te lezen ({error.strerror})")
    # On one's own machine, as an editor: the page is written straight away.
    return Issue(args.issue, body, (LABEL_PREFIX + args.type,), "OWNER", "")


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)
