"""Stale issue forms, for a contributor who works only in the browser.

A theme renamed in the browser makes the forms stale (they list themes by title), and
nobody in a browser can run `make formulieren`. So:

- `kennisbank formulieren --controleer --melding` reports stale forms as a notice (a GitHub
  ``::notice`` annotation) and succeeds; without `--melding` it fails, saying what an editor
  runs and that a browser contributor need do nothing;
- in a pull request on GitHub (GITHUB_BASE_REF, set only there) it does so by itself, so the
  pull request's check (and `make check` there) needs no switch;
- the publish workflow's job `formulieren` makes the forms anew after the merge and commits
  them with the trailer "Kennisbank: onderhoud": its script is run here in a temporary git
  repository with a bare "origin", for stale forms, forms already up to date, and a main
  that moved on meanwhile.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import unexplained
from kennisbank.tools.cli import main as kennisbank
from kennisbank.tools.forms import FOLDER, stale_files

ROOT = Path(__file__).parents[1]
FORMS_ROOT = Path(__file__).parent / "roots" / "test-forms"
PUBLISH = ROOT / ".github" / "workflows" / "publish.yml"
PULL_REQUEST = ROOT / ".github" / "workflows" / "pull-request.yml"
KENNISBANK = Path(sys.executable).parent / "kennisbank"
GIT = shutil.which("git")
BASH = shutil.which("bash")
NEW_THEME = "# Zorg\n\n```{thema} zorg\n```\n"


def project_with_stale_forms(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    shutil.copytree(FORMS_ROOT, docs)
    assert kennisbank(["formulieren", "--docs", str(docs)]) == 0
    (docs / "themas" / "zorg.md").write_text(NEW_THEME, encoding="utf-8")
    return docs


# -- kennisbank formulieren --controleer [--melding] ------------------------------------


def test_stale_forms_are_a_notice_with_melding(tmp_path, capsys, monkeypatch):
    docs = project_with_stale_forms(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    capsys.readouterr()
    assert kennisbank(["formulieren", "--docs", str(docs), "--controleer", "--melding"]) == 0
    out, err = capsys.readouterr()
    (notice,) = [line for line in out.splitlines() if line.startswith("::")]
    assert notice.startswith("::notice title=Formulieren verouderd::De formulieren voor nieuwe inhoud (")
    assert "nieuw-evenement.yml" in notice and "nieuw-thema.yml" not in notice  # only the forms that list themes
    assert "U hoeft niets te doen: na het samenvoegen maakt GitHub de formulieren vanzelf opnieuw" in notice
    assert "'make formulieren'" in notice
    assert unexplained(notice.partition("::")[2].partition("::")[2]) == []  # docs/bijdragen/controles.md has it
    assert "U hoeft niets te doen" in err  # also in the log, for whoever reads it there
    assert stale_files(docs, tmp_path / FOLDER)  # a notice changes nothing


def test_without_melding_stale_forms_fail_and_say_what_a_browser_contributor_does(tmp_path, capsys, monkeypatch):
    docs = project_with_stale_forms(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.delenv("GITHUB_BASE_REF", raising=False)  # the suite may run in a pull request's job
    capsys.readouterr()
    assert kennisbank(["formulieren", "--docs", str(docs), "--controleer"]) == 1
    out, err = capsys.readouterr()
    assert "::notice" not in out
    assert "Maak ze opnieuw met 'kennisbank formulieren' (of 'make formulieren')" in err
    assert "Werkt u alleen in de browser, dan hoeft u niets te doen" in err


def test_up_to_date_forms_give_no_notice(tmp_path, capsys, monkeypatch):
    docs = project_with_stale_forms(tmp_path)
    assert kennisbank(["formulieren", "--docs", str(docs)]) == 0
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    capsys.readouterr()
    assert kennisbank(["formulieren", "--docs", str(docs), "--controleer", "--melding"]) == 0
    out, err = capsys.readouterr()
    assert out == "kennisbank formulieren: de formulieren kloppen\n" and err == ""


def test_melding_belongs_to_controleer(tmp_path, capsys):
    docs = project_with_stale_forms(tmp_path)
    with pytest.raises(SystemExit) as stopped:
        kennisbank(["formulieren", "--docs", str(docs), "--melding"])
    assert stopped.value.code == 2
    assert "--melding hoort bij --controleer" in capsys.readouterr().err
    assert stale_files(docs, tmp_path / FOLDER)  # nothing written


@pytest.mark.parametrize(("base_ref", "notice"), [("main", True), ("", False)], ids=["pull request", "elders"])
def test_in_a_pull_request_on_github_stale_forms_are_a_notice_by_themselves(base_ref, notice, tmp_path, monkeypatch):
    """GitHub sets GITHUB_BASE_REF in a pull request's run only: there the check needs no --melding."""
    docs = project_with_stale_forms(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_BASE_REF", base_ref)
    result = subprocess.run(
        [KENNISBANK, "formulieren", "--controleer", "--docs", str(docs)], capture_output=True, text=True
    )
    assert result.returncode == (0 if notice else 1), result.stderr
    assert ("::notice title=Formulieren verouderd::" in result.stdout) is notice


def test_the_pull_requests_check_runs_the_forms_check():
    """Without --melding: in a pull request the command makes stale forms a notice by itself."""
    workflow = yaml.safe_load(PULL_REQUEST.read_text(encoding="utf-8"))
    commands = [step.get("run", "") for job in workflow["jobs"].values() for step in job.get("steps", [])]
    assert any("kennisbank formulieren --controleer" in c or "make check" in c for c in commands)
    assert not any("FORMULIEREN" in c or "GITHUB_BASE_REF" in c for c in commands)  # nothing to switch there


# -- the publish workflow's job `formulieren` --------------------------------------------


def publish_job() -> dict:
    return yaml.safe_load(PUBLISH.read_text(encoding="utf-8"))["jobs"]["formulieren"]


def test_the_job_may_write_contents_only_and_takes_no_expression_into_its_scripts():
    job = publish_job()
    assert job["permissions"] == {"contents": "write"}
    assert "needs" not in job  # the forms do not wait for the site (nor fail with it)
    for step in job["steps"]:
        assert "${{" not in step.get("run", ""), step
        assert "env" not in step, step  # nothing but main and GitHub's own variables
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert "with" not in checkout  # the commit of this run, nothing from elsewhere
    workflow = yaml.safe_load(PUBLISH.read_text(encoding="utf-8"))
    assert workflow[True]["push"] == {"branches": ["main"]}  # never a pull request's code


def upkeep_script() -> str:
    (script,) = [s["run"] for s in publish_job()["steps"] if "kennisbank formulieren" in s.get("run", "")]
    return script


def git(repo: Path, *args: str) -> str:
    return subprocess.run([GIT, *args], cwd=repo, check=True, capture_output=True, text=True).stdout.strip()


def commit_all(repo: Path, message: str) -> str:
    git(repo, "add", "--all")
    git(repo, "-c", "user.name=T", "-c", "user.email=t@example.nl", "commit", "-qm", message)
    return git(repo, "rev-parse", "HEAD")


@pytest.fixture
def origin_and_clone(tmp_path):
    """A bare origin whose main has stale forms, and a clone of it as actions/checkout leaves it."""
    if GIT is None or BASH is None:
        pytest.skip("git of bash ontbreekt")
    work = tmp_path / "werk"
    docs = project_with_stale_forms(work)
    assert docs.parent == work
    git(work, "init", "-q", "-b", "main")
    sha = commit_all(work, "Thema zorg, in de browser")
    origin = tmp_path / "origin.git"
    git(tmp_path, "clone", "-q", "--bare", str(work), str(origin))
    clone = tmp_path / "checkout"
    git(tmp_path, "clone", "-q", str(origin), str(clone))
    return origin, clone, sha


def run_upkeep(clone: Path, sha: str) -> subprocess.CompletedProcess[str]:
    """The step's script as GitHub runs it: bash -eo pipefail, with GitHub's variables."""
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_SHA": sha,
        "GITHUB_REF_NAME": "main",
    }
    script = clone.parent / "stap.sh"
    script.write_text(upkeep_script(), encoding="utf-8")
    command = [BASH, "--noprofile", "--norc", "-eo", "pipefail", str(script)]
    return subprocess.run(command, cwd=clone, env=env, capture_output=True, text=True)


def test_stale_forms_are_committed_on_main_with_the_trailer(origin_and_clone):
    origin, clone, sha = origin_and_clone
    result = run_upkeep(clone, sha)
    assert result.returncode == 0, result.stdout + result.stderr
    head = git(origin, "rev-parse", "main")
    assert head != sha and git(origin, "rev-parse", "main^") == sha
    assert git(origin, "log", "-1", "--format=%(trailers:key=Kennisbank,valueonly)", "main") == "onderhoud"
    assert git(origin, "log", "-1", "--format=%s", "main") == "Formulieren voor nieuwe inhoud bijgewerkt"
    assert git(origin, "log", "-1", "--format=%an", "main") == "github-actions[bot]"
    changed = git(origin, "diff", "--name-only", sha, "main").splitlines()
    assert changed and all(name.startswith(".github/ISSUE_TEMPLATE/nieuw-") for name in changed)
    assert "Zorg (zorg)" in git(origin, "show", "main:.github/ISSUE_TEMPLATE/nieuw-evenement.yml")
    assert stale_files(clone / "docs", clone / FOLDER) == []


def test_forms_that_are_up_to_date_make_no_commit(origin_and_clone):
    origin, clone, sha = origin_and_clone
    assert run_upkeep(clone, sha).returncode == 0
    again = clone.parent / "nogmaals"
    git(clone.parent, "clone", "-q", str(origin), str(again))
    head = git(origin, "rev-parse", "main")
    result = run_upkeep(again, head)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "De formulieren passen al bij de inhoud." in result.stdout
    assert git(origin, "rev-parse", "main") == head


def test_after_a_newer_push_the_newer_run_is_left_to_do_it(origin_and_clone, tmp_path):
    origin, clone, sha = origin_and_clone
    other = tmp_path / "ander"
    git(tmp_path, "clone", "-q", str(origin), str(other))
    (other / "docs" / "themas" / "zorg.md").write_text(NEW_THEME + "\nMeer tekst.\n", encoding="utf-8")
    newer = commit_all(other, "Nog een wijziging")
    git(other, "push", "-q", "origin", "main")
    result = run_upkeep(clone, sha)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "::notice title=Formulieren::main is intussen verder" in result.stdout
    assert git(origin, "rev-parse", "main") == newer  # untouched: that push's own run does it
