"""The contributors' workflow: scaffolding, `kennisbank controleer`, CI files, hygiene."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import warnings_of
from kennisbank.tools.cli import main as kennisbank
from kennisbank.tools.scaffold import existing_ids

ROOT = Path(__file__).parents[1]
NEW = {
    "thema": ("armoede", "themas/armoede.md"),
    "programma": ("woningbouw", "programmas/woningbouw.md"),
    "evenement": ("bestuurdersdag-2024", "agenda/bestuurdersdag-2024.md"),
    "netwerk": ("juristen", "netwerken/juristen.md"),
    "organisatie": ("gouda", "organisaties.md"),
    "persoon": ("jan-jansen", "personen.md"),
}
FILLED = {
    "VUL IN: één zin voor overzichten.": "Een korte samenvatting.",
    "VUL IN: de tekst van deze pagina.": "De tekst.",
    "VUL IN: een korte beschrijving.": "Een beschrijving.",
    "vul-in-thema-id": "wonen",
    "vul-in-organisatie-id": "vng",
    "JJJJ-MM-DD UU:MM": "2024-05-16 14:00",
    "VUL-IN (vereniging, gemeente, provincie, ...)": "gemeente",
}


@pytest.fixture
def docs(copy_root):
    return copy_root("workflow")


def scaffold_all(docs: Path) -> None:
    for kind, (obj_id, _) in NEW.items():
        assert (
            kennisbank(["nieuw", kind, obj_id, "--titel", obj_id.replace("-", " ").title(), "--docs", str(docs)]) == 0
        )


def test_scaffold_places_each_type_and_adds_it_to_the_toctree(docs):
    scaffold_all(docs)
    for kind, (obj_id, path) in NEW.items():
        text = (docs / path).read_text(encoding="utf-8")
        assert re.search(rf"^```{{{kind}}} {obj_id}$", text, flags=re.M), kind
    assert "bestuurdersdag-2024" in (docs / "agenda" / "index.md").read_text()
    assert "wonen\narmoede\n" in (docs / "themas" / "index.md").read_text()
    assert set(existing_ids(docs)) >= {obj_id for obj_id, _ in NEW.values()}


def test_scaffold_marks_what_is_missing_and_the_build_reports_it(docs, build):
    scaffold_all(docs)
    warnings = warnings_of(build(docs))
    event = docs / "agenda" / "bestuurdersdag-2024.md"
    assert f"{event}:5: WARNING: Nog niet ingevuld" in warnings
    assert (
        f"{event}:6: WARNING: Evenement 'bestuurdersdag-2024', veld 'start': 'JJJJ-MM-DD UU:MM' is geen datum"
        in warnings
    )
    assert "er bestaat geen organisatie of netwerk met id 'vul-in-organisatie-id'" in warnings
    assert "Programma 'woningbouw', veld 'thema': er bestaat geen thema met id 'vul-in-thema-id'" in warnings


def test_filled_in_scaffolds_pass_the_strict_check(docs, monkeypatch, capsys):
    scaffold_all(docs)
    for path in {p for _, p in NEW.values()}:
        text = (docs / path).read_text(encoding="utf-8")
        for placeholder, value in FILLED.items():
            text = text.replace(placeholder, value)
        (docs / path).write_text(text, encoding="utf-8")
    monkeypatch.chdir(docs.parent)
    assert kennisbank(["controleer", "--docs", str(docs), "--uitvoer", str(docs.parent / "out")]) == 0
    assert "geen problemen gevonden" in capsys.readouterr().out


def test_scaffold_refuses_an_existing_id(docs, capsys):
    assert kennisbank(["nieuw", "netwerk", "wonen", "--docs", str(docs)]) == 2
    assert "de id 'wonen' bestaat al, in workflow/themas/wonen.md" in capsys.readouterr().err
    assert not (docs / "netwerken" / "wonen.md").exists()


def test_scaffold_writes_a_newsletter_edition_the_build_asks_to_fill_in(copy_root, build, tmp_path):
    docs = copy_root("forms")
    assert (
        kennisbank(["nieuw", "nieuwsbrief", "2024-1", "--titel", "Nieuwsbrief voorjaar 2024", "--docs", str(docs)]) == 0
    )
    edition = docs / "nieuwsbrief" / "2024-1.md"
    text = edition.read_text(encoding="utf-8")
    # The next number after the editions there are; the introduction inside the block, as the e-mail opens with it.
    assert text == (
        "# Nieuwsbrief voorjaar 2024\n\n```{nieuwsbrief}\n---\nnummer: 2\ndatum: JJJJ-MM-DD\n---\n\n"
        "VUL IN: de inleiding van deze editie.\n```\n"
    )
    assert "2023-1\n2024-1\n```" in (docs / "nieuwsbrief" / "index.md").read_text(encoding="utf-8")
    warnings = warnings_of(build(docs, builddir=tmp_path / "ongevuld"))
    assert f"{edition}:6: WARNING: Nieuwsbrief, veld 'datum': 'JJJJ-MM-DD' is geen datum" in warnings
    assert f"{edition}:9: WARNING: Nog niet ingevuld" in warnings
    edition.write_text(
        text.replace("JJJJ-MM-DD", "2024-04-01").replace("VUL IN: de inleiding van deze editie.", "Welkom."),
        encoding="utf-8",
    )
    assert warnings_of(build(docs, builddir=tmp_path / "gevuld")) == ""
    assert kennisbank(["nieuw", "nieuwsbrief", "2024-1", "--docs", str(docs)]) == 2  # the page exists


def test_check_names_file_and_line_and_annotates_in_github_actions(docs, monkeypatch, capsys):
    page = docs / "themas" / "wonen.md"
    page.write_text(page.read_text() + "\nZie {thema}`wonn` en [elders](armoede.md).\n")
    monkeypatch.chdir(docs.parent)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert kennisbank(["controleer", "--docs", "workflow", "--uitvoer", "out"]) == 1
    captured = capsys.readouterr()
    assert "workflow/themas/wonen.md:6: Verwijzing: onbekend thema 'wonn' (bedoelt u 'wonen'?)" in captured.err
    assert "::error file=workflow/themas/wonen.md,line=6::Verwijzing: onbekend thema 'wonn'" in captured.out


# -- the command line: Dutch argument errors and help ----------------------------

ENGLISH = ("usage:", "error:", "invalid choice", "required", "unrecognized", "expected", "options:", "positional")


@pytest.mark.parametrize(
    ("argv", "usage", "message"),
    [
        (
            ["nieuw", "evenementt", "x"],
            "gebruik: kennisbank nieuw ",
            "kennisbank nieuw: onbekend type 'evenementt'; kies uit thema, programma, evenement, netwerk, "
            "organisatie, persoon, bericht, nieuwsbrief (bedoelt u 'evenement'?)",
        ),
        (
            ["nieuw", "evenement", "mijn", "id"],
            "gebruik: kennisbank nieuw ",
            "kennisbank nieuw: 'mijn id' is geen geldige id: gebruik kleine letters, cijfers en streepjes "
            "(bedoelt u 'mijn-id'?)",
        ),
        (["nieuw", "evenement", "Mijn_ID"], "gebruik: kennisbank nieuw ", "(bedoelt u 'mijn-id'?)"),
        (["nieuw", "evenement"], "gebruik: kennisbank nieuw ", "kennisbank nieuw: het argument 'id' ontbreekt"),
        (["nieuw"], "gebruik: kennisbank nieuw ", "kennisbank nieuw: de argumenten 'type' en 'id' ontbreken"),
        (["nieuw", "thema", "x", "--titel"], "gebruik: kennisbank nieuw ", "--titel verwacht een waarde"),
        (
            ["controleer", "--snel"],
            "gebruik: kennisbank controleer ",
            "kennisbank controleer: onbekend argument: --snel",
        ),
        (
            ["controleren"],
            "gebruik: kennisbank ",
            "onbekende opdracht 'controleren'; kies uit nieuw, controleer, formulieren, formulier",
        ),
        (
            [],
            "gebruik: kennisbank ",
            "kennisbank: geef een opdracht: nieuw, controleer, formulieren, formulier of onderhoud",
        ),
    ],
)
def test_argument_errors_are_dutch_with_usage(argv, usage, message, tmp_path, monkeypatch, capsys):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "conf.py").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # for the default --docs
    with pytest.raises(SystemExit) as raised:
        kennisbank(argv)
    assert raised.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(usage)
    assert message in captured.err
    assert "--help" in captured.err.splitlines()[-1]  # where to read more
    assert not [word for word in ENGLISH if word in captured.err.lower()]
    assert [p.name for p in tmp_path.rglob("*")] == ["docs", "conf.py"]  # nothing was written


def test_check_refuses_a_folder_without_conf_py(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as raised:
        kennisbank(["controleer", "--docs", "nergens"])
    assert raised.value.code == 2
    assert "kennisbank controleer: --docs: de map 'nergens' bestaat niet" in capsys.readouterr().err


def test_an_id_with_a_space_from_make_fails_in_dutch_with_exit_code_2(tmp_path):
    # `make nieuw ID=mijn id` passes two words; the real command, exit code and streams.
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "conf.py").write_text("", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "kennisbank.tools.cli", "nieuw", "evenement", "mijn", "id"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith("gebruik: kennisbank nieuw")
    assert "'mijn id' is geen geldige id" in result.stderr


@pytest.mark.parametrize("argv", [["--help"], ["-h"], ["nieuw", "--help"], ["controleer", "-h"]])
def test_help_is_dutch(argv, capsys):
    with pytest.raises(SystemExit) as raised:
        kennisbank(argv)
    assert raised.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("gebruik: kennisbank")
    assert re.search(r"^  -h, --help +toon deze hulp en stop$", out, flags=re.M)
    assert "opties:" in out
    assert not [word for word in ENGLISH + ("show this help",) if word in out.lower()]
    # Each option and command on a line of its own, described: the usage line names them too.
    if argv[0] == "nieuw":
        assert "argumenten:" in out and "evenement" in out
        assert re.search(r"^ +--titel TITEL +\S", out, flags=re.M)
    if argv[0].startswith("-"):
        assert "opdrachten:" in out
        for command in ("nieuw", "controleer"):
            assert re.search(rf"^ +{command} +\S", out, flags=re.M), command


# -- kennisbank controleer: every Sphinx message, in full ---------------------------


def test_sphinx_findings_reads_every_kind_of_message(tmp_path):
    from kennisbank.tools.checks import Finding, sphinx_findings

    page = tmp_path / "docs" / "index.md"
    log = (
        f"{page}:5: WARNING: Unknown directive type: 'foo' [myst.directive_unknown]\n"
        f'{page}:6: ERROR: Unknown directive type "foo".\n'
        "\n"
        ".. foo::\n"
        "\n"
        "   bar [docutils]\n"
        f"{page}: WARNING: document isn't included in any toctree [toc.not_included]\n"
        f"{page}:: WARNING: a node with a source but no line\n"
        f"{page}:7: CRITICAL: Title level inconsistent:\n"
        "\n"
        "Kop\n"
        "===\n"
        "WARNING: een waarschuwing zonder plek\n"
        "met een tweede regel\n"
        "  en een derde\n"
        "ERROR: een fout zonder plek, met WARNING: erin\n"
        "<unknown>:3: WARNING: ergens\n"
        "/elders/conf.py:12: WARNING: buiten het project\n"
        "\n"
    )
    assert sphinx_findings(log, tmp_path) == [
        Finding("docs/index.md", 5, "Unknown directive type: 'foo' [myst.directive_unknown]"),
        Finding("docs/index.md", 6, 'Unknown directive type "foo".\n\n.. foo::\n\n   bar [docutils]'),
        Finding("docs/index.md", None, "document isn't included in any toctree [toc.not_included]"),
        Finding("docs/index.md", None, "a node with a source but no line"),
        Finding("docs/index.md", 7, "Title level inconsistent:\n\nKop\n==="),
        Finding("docs/conf.py", None, "een waarschuwing zonder plek\nmet een tweede regel\n  en een derde"),
        Finding("docs/conf.py", None, "een fout zonder plek, met WARNING: erin"),
        Finding("<unknown>", 3, "ergens"),
        Finding("/elders/conf.py", 12, "buiten het project"),
    ]
    assert sphinx_findings("WARNING: x\n", tmp_path, fallback="bron/conf.py") == [Finding("bron/conf.py", None, "x")]
    assert sphinx_findings("", tmp_path) == []


def test_findings_print_and_annotate_with_or_without_a_line():
    from kennisbank.tools.checks import Finding, annotation

    with_line, file_only = Finding("docs/a.md", 3, "eerste\ntweede 100%"), Finding("docs/a.md", None, "los")
    assert str(with_line) == "docs/a.md:3: eerste\ntweede 100%"
    assert str(file_only) == "docs/a.md: los"
    assert annotation(with_line) == "::error file=docs/a.md,line=3::eerste%0Atweede 100%25"
    assert annotation(file_only) == "::error file=docs/a.md::los"


def test_sphinx_output_after_an_exception_splits_into_warnings_and_the_report():
    from kennisbank.tools.checks import split_crash

    warnings = "/p/index.md:3: WARNING: een\nmet vervolg\nWARNING: twee\n"
    report = (
        "\nExtension error (crash)!\n\nVersions\n========\n\n* Platform: linux\n\nTraceback\n=========\n\n    boom\n"
    )
    assert split_crash(warnings + report) == (warnings, report.strip("\n"))
    assert split_crash(report) == ("", report.strip("\n"))
    assert split_crash(warnings) == (warnings, "")


def test_check_shows_every_message_in_full_with_file_and_line_also_on_a_second_run(docs, monkeypatch, capsys):
    event = docs / "agenda" / "dag.md"
    event.write_text(
        "# Dag\n\n```{evenement} dag\n---\nsamenvatting: Een dag.\nstart: morgen\norganisator: vng\n"
        "thema: wonen\n---\n```\n",
        encoding="utf-8",
    )
    (docs / "los.md").write_text("# Los\n\n```{eval-rst}\n.. foo::\n\n   bar\n```\n", encoding="utf-8")
    monkeypatch.chdir(docs.parent)
    expected = [  # sorted by file, then line
        "workflow/agenda/dag.md:1: Deze pagina staat in geen inhoudsopgave (toctree), dus lezers vinden haar niet "
        "via het menu: voeg de regel 'dag' toe aan de toctree in agenda/index.md (regel ",
        "workflow/agenda/dag.md:6: Evenement 'dag', veld 'start': 'morgen' is geen datum: schrijf JJJJ-MM-DD",
        "workflow/los.md:1: Deze pagina staat in geen inhoudsopgave (toctree), dus lezers vinden haar niet "
        "via het menu: voeg de regel 'los' toe aan de toctree in index.md (regel ",
        'workflow/los.md:4: Unknown directive type "foo".\n\n.. foo::\n\n   bar [docutils]\n',
    ]
    # The second run reuses nothing that would hide the first run's messages.
    for _run in range(2):
        assert kennisbank(["controleer", "--docs", "workflow", "--uitvoer", "out"]) == 1
        err = capsys.readouterr().err
        for text in expected:
            assert text in err
        assert [err.index(text) for text in expected] == sorted(err.index(text) for text in expected)
        assert err.rstrip().endswith("kennisbank controleer: 4 problemen")


CRASH = """\
from sphinx.util import logging


def boom(app, exception):
    logging.getLogger(__name__).warning("eerst een waarschuwing\\nover twee regels", location="index")
    raise RuntimeError("kapot in build-finished")


def setup(app):
    app.connect("build-finished", boom)
    return {"parallel_read_safe": True}
"""


def test_check_reports_an_exception_in_the_build_as_a_bug_to_report_to_us(tmp_path, monkeypatch, capsys):
    src = tmp_path / "docs"
    src.mkdir()
    (src / "kb_crash_test.py").write_text(CRASH, encoding="utf-8")
    monkeypatch.syspath_prepend(src)  # a tiny local extension that fails when the build has finished
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "kennisbank", "kb_crash_test"]\nlanguage = "nl"\n'
        'html_baseurl = "https://kennisbank.example/"\n',
        encoding="utf-8",
    )
    (src / "index.md").write_text("# Start\n\nTekst.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert kennisbank(["controleer", "--docs", "docs", "--uitvoer", "out"]) == 1
    captured = capsys.readouterr()
    err = captured.err
    assert err.count("docs/index.md: eerst een waarschuwing\nover twee regels\n") == 1
    assert "kapot in build-finished" in err  # what Sphinx said about the exception
    assert "Traceback" in err
    last = err.rstrip().splitlines()[-1]
    assert "fout in de kennisbank-extensie" in last and "niet in uw tekst" in last
    assert "https://github.com/vzhg/kennisbank/issues" in last and "niet bij Sphinx" in last
    assert "::error file=docs/index.md::eerst een waarschuwing%0Aover twee regels" in captured.out
    assert "::error::" in captured.out and "https://github.com/vzhg/kennisbank/issues" in captured.out


def test_internal_link_check_finds_dead_links(docs, build):
    from kennisbank.tools.checks import check_links

    app = build(docs)
    (app.outdir / "themas" / "wonen.html").write_text(
        '<div role="main"><a href="../bestaat-niet.html">x</a><a href="#geen-anker">y</a></div>'
    )
    findings = [str(f) for f in check_links(app.outdir, docs)]
    assert any("dode link '../bestaat-niet.html'" in f and f.startswith("workflow/themas/wonen.md:1") for f in findings)
    assert any("'#geen-anker' wijst naar een onbekend anker" in f for f in findings)


def test_open_data_validation_reports_errors(docs, build):
    import json

    from kennisbank.tools.checks import check_data

    app = build(docs)
    assert check_data(app.outdir) == []
    data = json.loads((app.outdir / "kennisbank.json").read_text())
    vng = next(o for o in data["objecten"] if o["id"] == "vng")
    vng["velden"]["soort"] = "stichting"
    (app.outdir / "kennisbank.json").write_text(json.dumps(data))
    (finding,) = check_data(app.outdir)
    assert str(finding).startswith("kennisbank.json:1: open data: organisatie 'vng': 'stichting' is not one of")


# -- last changed, from git ------------------------------------------------------


def test_pages_show_the_last_commit_date(docs, build):
    git = shutil.which("git")
    if git is None:
        pytest.skip("git ontbreekt")
    env = {**os.environ, "GIT_AUTHOR_DATE": "2023-05-12T10:00:00Z", "GIT_COMMITTER_DATE": "2023-05-12T10:00:00Z"}
    for args in (
        ["init", "-q"],
        ["add", "."],
        ["-c", "user.name=T", "-c", "user.email=t@example.nl", "commit", "-qm", "x"],
    ):
        subprocess.run([git, *args], cwd=docs, check=True, env=env)
    app = build(docs, confoverrides={"templates_path": [str(ROOT / "docs" / "_templates")], "html_context": CONTEXT})
    html = (app.outdir / "themas" / "wonen.html").read_text(encoding="utf-8")
    assert "Laatst gewijzigd: vrijdag 12 mei 2023" in html


def test_without_git_history_pages_show_no_date_and_no_warning(docs, build):
    app = build(docs, confoverrides={"templates_path": [str(ROOT / "docs" / "_templates")], "html_context": CONTEXT})
    html = (app.outdir / "themas" / "wonen.html").read_text(encoding="utf-8")
    assert "Laatst gewijzigd" not in html and warnings_of(app) == ""


CONTEXT = {
    "association": {"name": "V", "contact": "C", "email": "s@v.nl", "website": "https://v.nl", "twitter": "https://t"}
}


# -- repository files ----------------------------------------------------------

KNOWN_ACTIONS = {
    "actions/checkout@v4",
    "actions/setup-python@v5",
    "actions/upload-artifact@v4",
    "actions/download-artifact@v4",
    "actions/create-github-app-token@v2",
    "actions/cache@v4",
    "actions/cache/restore@v4",
    "actions/cache/save@v4",
    "actions/github-script@v7",
    # Third-party actions, pinned to a commit (the tag it was, in the workflow's comment).
    "dorny/paths-filter@7b450fff21473bca461d4b92ce414b9d0420d706",
    "rossjrw/pr-preview-action@ffa7509e91a3ec8dfc2e5536c4d5c1acdf7a6de9",
    "JamesIves/github-pages-deploy-action@4a3abc783e1a24aeb44c16e869ad83caf6b4cc23",
}


def workflows() -> dict[str, dict]:
    return {p.name: yaml.safe_load(p.read_text()) for p in (ROOT / ".github" / "workflows").glob("*.yml")}


def test_workflows_are_valid_and_use_only_existing_actions():
    found = workflows()
    assert set(found) == {
        "pull-request.yml",
        "publish.yml",
        "formulier.yml",
        "voorbeeld-bouwen.yml",
        "voorbeeld-publiceren.yml",
        "voorbeeld-verwijderen.yml",
    }
    used = {
        step["uses"]
        for wf in found.values()
        for job in wf["jobs"].values()
        for step in job.get("steps", [])
        if "uses" in step
    }
    assert used <= KNOWN_ACTIONS
    for wf in found.values():
        for job in wf["jobs"].values():
            assert job["runs-on"].startswith("ubuntu-")


def test_pull_requests_are_checked_and_built_main_is_published():
    # More in tests/test_preview_workflows.py: the paths filter, the preview, the cache.
    pr, publish = workflows()["pull-request.yml"], workflows()["publish.yml"]
    assert "pull_request" in pr[True]  # YAML reads the key "on" as True
    assert set(pr["jobs"]) == {"wijzigingen", "inhoud", "code"}
    assert publish[True]["push"]["branches"] == ["main"]
    published = " ".join(s.get("run", "") for job in publish["jobs"].values() for s in job["steps"])
    assert 'make site SPHINXOPTS="-W --keep-going -n"' in published
    deploy = [
        s
        for job in publish["jobs"].values()
        for s in job["steps"]
        if s.get("uses", "").startswith("JamesIves/github-pages-deploy-action@")
    ]
    assert deploy and deploy[0]["with"]["branch"] == "gh-pages" and publish["permissions"]["contents"] == "write"


def test_read_the_docs_configuration():
    config = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text())
    assert config["version"] == 2
    assert (ROOT / config["sphinx"]["configuration"]).exists()
    # make site as the publish workflow runs it (strict; a pull request's build allows warnings),
    # served from where Read the Docs looks.
    commands = config["build"]["jobs"]["build"]["html"]
    assert 'make site SPHINXOPTS="-W --keep-going -n"' in commands[0]
    assert any("build/html/" in c and "$READTHEDOCS_OUTPUT/html" in c for c in commands[1:])


def test_codeowners_guard_the_files_that_run_code():
    owners = (ROOT / ".github" / "CODEOWNERS").read_text()
    for path in ("/docs/conf.py", "/extensions/", "/Makefile", "/pyproject.toml", "/.github/"):
        assert re.search(rf"^{re.escape(path)}\s+@", owners, flags=re.M), path
    template = (ROOT / ".github" / "pull_request_template.md").read_text()
    assert template.count("- [ ]") >= 5


@pytest.mark.slow
def test_pre_commit_passes_on_the_repository(tmp_path):
    git, pre_commit = shutil.which("git"), Path(os.sys.executable).parent / "pre-commit"
    if git is None or not (ROOT / ".git").exists() or not pre_commit.exists():
        pytest.skip("geen git-repository of pre-commit")
    clone = tmp_path / "clone"
    subprocess.run([git, "clone", "-q", str(ROOT), str(clone)], check=True)

    # Work on what is in the working tree now, committed or not: every file git tracks or
    # would track (not the ignored ones) as it is now; deleted and renamed files are gone.
    def files(where: Path, *options: str) -> set[str]:
        listed = subprocess.run([git, "ls-files", "-z", *options], cwd=where, capture_output=True, check=True)
        return {path for path in listed.stdout.decode().split("\0") if path and (where / path).is_file()}

    now = files(ROOT, "--cached", "--others", "--exclude-standard")
    for path in files(clone) - now:
        (clone / path).unlink()
    for path in now:
        (clone / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / path, clone / path)
    subprocess.run([git, "add", "--all"], cwd=clone, check=True)  # so that pre-commit checks them all
    env = {
        **os.environ,
        "PATH": f"{pre_commit.parent}{os.pathsep}{os.environ['PATH']}",
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
    }
    result = subprocess.run([str(pre_commit), "run", "--all-files"], cwd=clone, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
