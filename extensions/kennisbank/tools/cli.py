"""``kennisbank``: the contributors' command line.

    kennisbank nieuw evenement bestuurdersdag-2024 --titel "Bestuurdersdag 2024"
    kennisbank controleer
    kennisbank formulieren [--controleer]
    kennisbank formulier --gebeurtenis "$GITHUB_EVENT_PATH" --commit
    kennisbank onderhoud [--links] [--markdown onderhoud.md]

``controleer`` runs the strict Sphinx build, the internal link check and the
open data validation. Every message names file and line; inside GitHub Actions
each is also written as a workflow annotation, so it shows on the pull request.
``formulieren`` makes the issue forms for new content, ``formulier`` turns a
submitted one into a page (see formcommands.py). ``onderhoud`` prints the editors'
maintenance list of the last build (see upkeep.py).

Everything the reader sees is Dutch, argparse's help and errors included. Sphinx
and the checks are imported only by the command that needs them.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn

from .. import ISSUES_URL
from ..model.relations import suggest
from ..model.values import SLUG
from . import formcommands, upkeep
from .scaffold import CREATABLE, ScaffoldError, scaffold, slug_of

CRASHED = (
    "kennisbank controleer: de build is afgebroken door een fout in de kennisbank-extensie, niet in uw tekst. "
    f"Meld dit op {ISSUES_URL} (niet bij Sphinx, wat er hierboven ook staat) en voeg de melding hierboven toe."
)


def main(argv: list[str] | None = None) -> int:
    parser, commands = _parsers()
    # Unknown words are ours to explain: `make nieuw ID=mijn id` passes the id as two words.
    args, extra = parser.parse_known_args(argv)
    if args.opdracht is None:
        names = list(commands)
        parser.fail(f"geef een opdracht: {', '.join(names[:-1])} of {names[-1]}")
    command = commands[args.opdracht]
    options = [word for word in extra if word.startswith("-")]
    if options or (extra and args.opdracht != "nieuw"):
        command.fail(_unknown(options or extra))
    _require_docs(command, args.docs)
    if args.opdracht == "nieuw":
        return _new(command, args, extra)
    if args.opdracht == "formulieren":
        return formcommands.generate(command, args)
    if args.opdracht == "formulier":
        return formcommands.submit(command, args)
    if args.opdracht == "onderhoud":
        return upkeep.run(command.fail, args)
    _clear_output(command, args)
    return _check(args)


def _parsers() -> tuple[_Parser, dict[str, _Parser]]:
    parser = _Parser(
        prog="kennisbank",
        description="Hulpmiddelen voor de kennisbank van de VZHG.",
        epilog="Meer over een opdracht: kennisbank <opdracht> --help",
    )
    commands = parser.add_subparsers(dest="opdracht", title="opdrachten")
    kinds = ", ".join(list(CREATABLE)[:-1]) + f" of {list(CREATABLE)[-1]}"
    new = commands.add_parser(
        "nieuw",
        help="maak een nieuwe pagina of een nieuw item",
        description="Maak een nieuwe pagina of een nieuw item, met wat u nog moet invullen gemarkeerd.",
    )
    new.arguments.add_argument("type", help=f"het soort: {kinds}")
    new.arguments.add_argument("id", help="de vaste id: kleine letters, cijfers en streepjes")
    new.options.add_argument("--titel", help="de titel (kop) van de pagina of het item")
    _docs_option(new)
    check = commands.add_parser(
        "controleer",
        help="strikte build, linkcontrole en controle van de open data",
        description="Strikte build, controle van de interne links en van de open data; "
        "elke melding met bestand en regel.",
    )
    _docs_option(check)
    check.options.add_argument(
        "--uitvoer",
        type=Path,
        default=Path("build/check-html"),
        metavar="MAP",
        help="de map voor de gecontroleerde site (standaard: build/check-html)",
    )
    forms = commands.add_parser(
        "formulieren",
        help="maak de formulieren voor nieuwe inhoud (GitHub-issueformulieren)",
        description="Maak de formulieren in .github/ISSUE_TEMPLATE opnieuw uit het schema en de inhoud.",
    )
    _docs_option(forms)
    formcommands.add_generate_options(forms.options)
    form = commands.add_parser(
        "formulier",
        help="maak van een ingevuld formulier een pagina, of zeg wat er niet klopt",
        description="Controleer een ingevuld formulier (de tekst van een issue) zoals de build dat doet, "
        "en schrijf de pagina, of de lijst van wat er anders moet.",
    )
    _docs_option(form)
    formcommands.add_submit_options(form.options)
    upkeep_parser = commands.add_parser(
        "onderhoud",
        help="wat er onderhoud nodig heeft, volgens de laatste build",
        description="De onderhoudslijst van de redactie zoals de laatste build die maakte: pagina's die lang niet zijn "
        "nagekeken, oude plaatshouders, voorbije aankondigingen en rollen, en met --links ook externe links die "
        "niet meer werken.",
    )
    _docs_option(upkeep_parser)
    upkeep.add_options(upkeep_parser.options)
    commands_by_name = {"nieuw": new, "controleer": check, "formulieren": forms, "formulier": form}
    return parser, {**commands_by_name, "onderhoud": upkeep_parser}


def _docs_option(parser: _Parser) -> None:
    parser.options.add_argument(
        "--docs",
        type=Path,
        default=Path("docs"),
        metavar="MAP",
        help="de map met de bronbestanden en conf.py (standaard: docs)",
    )


def _require_docs(parser: _Parser, docs: Path) -> None:
    if not docs.is_dir():
        parser.fail(f"--docs: de map '{docs}' bestaat niet")
    if not (docs / "conf.py").is_file():
        parser.fail(f"--docs: in de map '{docs}' staat geen conf.py; geef de map met de bronbestanden")


def _doctrees(output: Path) -> Path:
    return output.parent / "check-doctrees"


def _clear_output(parser: _Parser, args: argparse.Namespace) -> None:
    """Start from empty folders, so that no page of an earlier run is checked again."""
    from .checks import clear_folder

    for folder in (args.uitvoer, _doctrees(args.uitvoer)):
        # The project is the current folder (make check runs there); the sources may lie elsewhere.
        refusal = clear_folder(folder, args.docs, Path.cwd())
        if refusal:
            parser.fail(f"--uitvoer: {refusal}")


def _new(parser: _Parser, args: argparse.Namespace, extra: list[str]) -> int:
    obj_id = " ".join([args.id, *extra])
    title = args.titel or (
        f"Nieuwsbrief {obj_id}" if args.type == "nieuwsbrief" else obj_id.replace("-", " ").capitalize()
    )
    try:
        created = scaffold(args.docs, args.type, obj_id, title)
    except ScaffoldError as error:
        # scaffold() refuses a wrong type or id before it touches a file: a mistake in the arguments.
        if args.type not in CREATABLE:
            parser.fail(f"{error}{suggest(args.type, list(CREATABLE))}")
        if not SLUG.match(obj_id):
            meant = slug_of(obj_id)
            parser.fail(f"{error} (bedoelt u '{meant}'?)" if SLUG.match(meant) else str(error))
        print(f"kennisbank nieuw: {error}", file=sys.stderr)
        return 2
    print(f"Gemaakt: {created.path}")
    if created.toctree:
        print(f"Toegevoegd aan de inhoudsopgave van {created.toctree}")
    print("Vul alles in waar 'VUL IN' of 'vul-in' staat; 'make check' meldt wat er nog ontbreekt.")
    return 0


def _check(args: argparse.Namespace) -> int:
    import contextlib
    import io
    import tempfile

    from sphinx.cmd.build import build_main
    from sphinx.util.console import strip_colors

    from .checks import annotation, check_data, check_links, escape, shown_path, sphinx_findings, split_crash

    root = Path.cwd().resolve()
    stderr = io.StringIO()
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "waarschuwingen.txt"
        doctrees = _doctrees(args.uitvoer)
        # Sphinx's own output is replaced by ours: the same messages, sorted, as file:line.
        with contextlib.redirect_stderr(stderr):
            try:
                status = build_main(
                    [
                        "-b",
                        "html",
                        "-W",
                        "--keep-going",
                        "-n",
                        "-q",
                        "-E",  # read every page: a page read in an earlier run would not warn again
                        "-T",  # the full traceback, should the build fail with an exception
                        "-d",
                        str(doctrees),
                        "-w",
                        str(log),
                        str(args.docs),
                        str(args.uitvoer),
                    ]
                )
            except SystemExit:  # sphinx-build refused its arguments; what it said is in stderr
                status = 2
        output = log.read_text(encoding="utf-8") if log.exists() else ""
    crashed = status not in (0, 1)  # 2: the build stopped with an exception
    if crashed:
        # After the warnings Sphinx reports the exception; print what it printed on stderr.
        output = split_crash(output)[0]
        report = split_crash(strip_colors(stderr.getvalue()))[1]
    findings = sphinx_findings(output, root, fallback=shown_path(args.docs / "conf.py", root))
    if status == 0:
        findings += check_links(args.uitvoer, args.docs)
        findings += check_data(args.uitvoer)
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    # A handler that runs twice (build-finished, after an exception) repeats its warnings.
    findings = sorted(set(findings), key=lambda f: (f.path, f.line or 0, f.message))
    for finding in findings:
        print(finding, file=sys.stderr)
        if in_actions:
            print(annotation(finding))
    if crashed:
        if report:
            print(f"\n{report}\n", file=sys.stderr)
        print(CRASHED, file=sys.stderr)
        if in_actions:
            print(f"::error::{escape(CRASHED)}")
        return 1
    if status != 0 or findings:
        count = len(findings)
        summary = "1 probleem" if count == 1 else f"{count} problemen" if count else "de build is mislukt"
        print(f"kennisbank controleer: {summary}", file=sys.stderr)
        return 1
    print("kennisbank controleer: geen problemen gevonden")
    return 0


# -- argparse in Dutch -------------------------------------------------------------


class _Formatter(argparse.HelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Dutch: usage, section titles, help option and errors.

    Arguments go in ``self.arguments`` or ``self.options``, the Dutch-titled groups; argparse's
    own (English) groups stay empty and are therefore not shown.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(add_help=False, **kwargs)
        self.arguments = self.add_argument_group("argumenten")
        self.options = self.add_argument_group("opties")
        self.options.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")

    def error(self, message: str) -> NoReturn:
        """argparse's own complaint, in English: say it in Dutch."""
        self.fail(_dutch(message))

    def fail(self, message: str) -> NoReturn:
        """Refuse the arguments: the right usage, the message, and where to read more; exit code 2."""
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {message}\nMeer uitleg: {self.prog} --help\n")


def _dutch(message: str) -> str:
    """Translate an argparse error message (Python 3.11 and later)."""
    for pattern, translate in _ARGPARSE_ERRORS:
        match = re.fullmatch(pattern, message, flags=re.S)
        if match:
            return translate(match)
    return f"ongeldige aanroep ({message})"


def _missing(match: re.Match[str]) -> str:
    names = [f"'{name}'" for name in match["names"].split(", ")]
    if len(names) == 1:
        return f"het argument {names[0]} ontbreekt"
    return f"de argumenten {', '.join(names[:-1])} en {names[-1]} ontbreken"


def _invalid_choice(match: re.Match[str]) -> str:
    value = match["value"].strip("'\"")
    choices = [choice.strip("'\"") for choice in match["choices"].split(", ")]
    what = f"{match['name']}: onbekende waarde" if match["name"].startswith("-") else f"onbekende {match['name']}"
    return f"{what} '{value}'; kies uit {', '.join(choices)}{suggest(value, choices)}"


_ARGPARSE_ERRORS = [
    (r"the following arguments are required: (?P<names>.+)", _missing),
    (r"unrecognized arguments: (?P<words>.+)", lambda m: _unknown(m["words"].split())),
    (r"argument (?P<name>.+?): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\).*", _invalid_choice),
    (r"argument (?P<name>.+?): expected one argument", lambda m: f"{m['name']} verwacht een waarde"),
    (r"argument (?P<name>.+?): expected .+ arguments?", lambda m: f"{m['name']}: verkeerd aantal waarden"),
    (r"argument (?P<name>.+?): ignored explicit argument (?P<value>.+)", lambda m: f"{m['name']} neemt geen waarde"),
    (
        r"argument (?P<name>.+?): invalid \S+ value: (?P<value>.+)",
        lambda m: f"{m['name']}: ongeldige waarde {m['value']}",
    ),
    (
        r"argument (?P<name>.+?): not allowed with argument (?P<other>.+)",
        lambda m: f"{m['name']} gaat niet samen met {m['other']}",
    ),
    (
        r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)",
        lambda m: f"{m['option']} is niet eenduidig: bedoelt u {m['matches'].replace(', ', ' of ')}?",
    ),
    (r"one of the arguments (?P<names>.+) is required", lambda m: f"geef een van deze argumenten: {m['names']}"),
]


def _unknown(words: list[str]) -> str:
    return f"{'onbekend argument' if len(words) == 1 else 'onbekende argumenten'}: {' '.join(words)}"


if __name__ == "__main__":
    sys.exit(main())
