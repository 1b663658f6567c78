"""The workflows of the pull requests' previews and checks: which files make the code job run
(the paths filter, read from the workflow, with GitHub's glob rules), that no workflow hands
pull-request text to a shell, that the one that may write never runs a pull request's code,
and that the publication keeps the previews and saves the build they start from."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from wcmatch import glob

ROOT = Path(__file__).parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"


def workflow(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def steps(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def uses(step: dict, action: str) -> bool:
    return step.get("uses", "").split("@")[0] == action


# -- the paths filter ---------------------------------------------------------------------


def code_filter() -> list[str]:
    (step,) = [s for s in steps(workflow("pull-request.yml")) if uses(s, "dorny/paths-filter")]
    return yaml.safe_load(step["with"]["filters"])["code"]


def code_job_runs(path: str) -> bool:
    """dorny/paths-filter matches with picomatch and ``dot: true``: ``*`` within a folder,
    ``**`` across folders, names starting with a dot included. wcmatch's GLOBSTAR and DOTGLOB
    are those rules."""
    return glob.globmatch(path, code_filter(), flags=glob.GLOBSTAR | glob.DOTGLOB)


@pytest.mark.parametrize(
    ("path", "runs"),
    [
        ("docs/agenda/bestuurdersdag-2024.md", False),
        ("docs/themas/wonen.md", False),
        ("docs/bijdragen/werkwijze.md", False),
        ("docs/_static/schermafbeeldingen/agenda-375.png", True),  # docs/_static holds the CSS as well
        ("README.md", False),
        ("CONTRIBUTING.md", False),
        ("docs/conf.py", True),
        ("docs/_templates/page.html", True),
        ("docs/_static/vzhg.css", True),
        ("extensions/kennisbank/model/values.py", True),
        ("extensions/kennisbank/templates/furo/page.html", True),
        ("tests/roots/test-basic/index.md", True),
        ("tests/test_preview.py", True),
        ("benchmarks/bench.py", True),
        ("scripts/screenshots.py", True),
        ("pyproject.toml", True),
        ("Makefile", True),
        (".ci/run", True),
        (".github/workflows/publish.yml", True),
        (".github/ISSUE_TEMPLATE/evenement.yml", True),
        (".devcontainer/devcontainer.json", True),
        (".pre-commit-config.yaml", True),
        (".readthedocs.yaml", True),
        ("docs/extensions/kennisbank.md", False),  # a pattern is anchored at the repository's root
        ("Makefile.bak", False),
    ],
)
def test_the_code_job_runs_only_when_code_changes(path, runs):
    assert code_job_runs(path) is runs


def test_the_code_job_waits_for_the_filter_and_the_content_check_does_not():
    jobs = workflow("pull-request.yml")["jobs"]
    assert jobs["code"]["needs"] == "wijzigingen"
    assert "needs.wijzigingen.outputs.code == 'true'" in jobs["code"]["if"]
    assert "needs" not in jobs["inhoud"] and "if" not in jobs["inhoud"]
    runs = " ".join(s.get("run", "") for s in jobs["code"]["steps"])
    assert "make test" in runs and "make typecheck" in runs
    assert "kennisbank controleer" in " ".join(s.get("run", "") for s in jobs["inhoud"]["steps"])


def test_the_guide_documents_the_same_filter():
    guide = (ROOT / "docs" / "bijdragen" / "werkwijze.md").read_text(encoding="utf-8")
    section = guide[guide.index("Wanneer de tests van de code draaien") :]
    block = re.search(r"```text\n(.*?)```", section, flags=re.S)
    assert block is not None
    assert block.group(1).split() == code_filter()


# -- untrusted text and write permissions ----------------------------------------------------


@pytest.mark.parametrize("name", sorted(p.name for p in WORKFLOWS.glob("*.yml")))
def test_no_workflow_puts_an_expression_into_a_shell_or_a_script(name):
    """Pull-request and issue text reaches a step through env: or a file, never as code."""
    for step in steps(workflow(name)):
        assert "${{" not in step.get("run", ""), (name, step.get("name"))
        assert "${{" not in step.get("with", {}).get("script", ""), (name, step.get("name"))


def test_the_preview_is_built_with_read_only_permissions():
    build = workflow("voorbeeld-bouwen.yml")
    assert build[True]["pull_request"]["types"] == ["opened", "synchronize", "reopened", "labeled"]
    assert build["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in build["jobs"].values())
    text = (WORKFLOWS / "voorbeeld-bouwen.yml").read_text(encoding="utf-8")
    assert "secrets." not in text
    (upload,) = [s for s in steps(build) if uses(s, "actions/upload-artifact")]
    assert upload["with"]["name"] == "voorbeeld"
    assert upload["with"]["path"].split() == ["build/html", "build/voorbeeld.json"]


@pytest.mark.parametrize("name", ["voorbeeld-publiceren.yml", "voorbeeld-verwijderen.yml"])
def test_the_workflows_that_may_write_never_run_a_pull_requests_code(name):
    data = workflow(name)
    assert data["permissions"] == {}
    for step in steps(data):
        if uses(step, "actions/checkout"):
            assert not {"ref", "repository"} & set(step.get("with", {})), step  # main, as the event gives it
        run = step.get("run", "")
        assert not re.search(r"\bmake\b|\bpip\b|\.venv|npm", run), step
        for python in re.findall(r"python3? .*", run):
            assert python.startswith("python3 -m kennisbank.tools.preview "), python
        if "python3" in run:
            assert step["env"]["PYTHONPATH"] == "extensions"


def test_the_deploy_checks_the_artefact_against_githubs_record():
    data = workflow("voorbeeld-publiceren.yml")
    assert data[True]["workflow_run"] == {"workflows": ["Voorbeeld bouwen"], "types": ["completed"]}
    assert workflow("voorbeeld-bouwen.yml")["name"] == "Voorbeeld bouwen"
    job = data["jobs"]["publiceren"]
    assert "github.event.workflow_run.event == 'pull_request'" in job["if"]
    script = next(s for s in job["steps"] if s.get("id") == "pr")["with"]["script"]
    assert "Number.isSafeInteger(number)" in script and "pr.head.sha !== process.env.HEAD_SHA" in script
    deploy = next(s for s in job["steps"] if uses(s, "rossjrw/pr-preview-action"))
    assert deploy["if"] == "steps.toestemming.outputs.publiceren == 'ja'"
    assert deploy["with"]["pr-number"] == "${{ steps.pr.outputs.nummer }}"  # the checked number
    assert deploy["with"]["comment"] is False  # ours is the one comment


def test_closing_a_pull_request_removes_its_preview():
    data = workflow("voorbeeld-verwijderen.yml")
    assert data[True] == {"pull_request_target": {"types": ["closed"]}}
    (remove,) = [s for s in steps(data) if uses(s, "rossjrw/pr-preview-action")]
    assert remove["with"]["action"] == "remove" and remove["with"]["umbrella-dir"] == "pr-preview"


# -- the publication and the cache -----------------------------------------------------------


def test_the_publication_keeps_the_previews_and_saves_the_build():
    publish = workflow("publish.yml")
    assert publish["permissions"] == {"contents": "write"}
    runs = [s.get("run", "") for s in steps(publish)]
    assert runs.index('make site SPHINXOPTS="-W --keep-going -n"') < runs.index(
        ".venv/bin/python -m kennisbank.tools.preview bewaar --docs docs --bouwmap build"
    )
    (deploy,) = [s for s in steps(publish) if uses(s, "JamesIves/github-pages-deploy-action")]
    assert deploy["with"]["clean-exclude"] == "pr-preview/" and deploy["with"]["force"] is False
    (save,) = [s for s in steps(publish) if uses(s, "actions/cache/save")]
    build = workflow("voorbeeld-bouwen.yml")
    (restore,) = [s for s in steps(build) if uses(s, "actions/cache/restore") and "build/html" in s["with"]["path"]]
    assert save["with"]["path"].split() == restore["with"]["path"].split()
    assert save["with"]["key"].startswith("${{ steps.sleutel.outputs.prefix }}")
    assert restore["with"]["restore-keys"] == "${{ steps.sleutel.outputs.prefix }}"
    key_step = [next(s["run"] for s in steps(wf) if s.get("id") == "sleutel") for wf in (publish, build)]
    assert key_step[0] == key_step[1]


def test_every_job_takes_the_same_python_environment():
    keys = set()
    for name in ("publish.yml", "voorbeeld-bouwen.yml", "pull-request.yml"):
        for step in steps(workflow(name)):
            if step.get("with", {}).get("path") == ".venv":
                keys.add(step["with"]["key"])
    assert keys == {
        "venv-${{ runner.os }}-${{ steps.python.outputs.python-version }}-${{ hashFiles('pyproject.toml') }}"
    }


def test_read_the_docs_has_the_whole_history_and_builds_pull_requests_with_warnings():
    config = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert config["build"]["jobs"]["post_checkout"] == ["git fetch --unshallow || true"]
    command = config["build"]["jobs"]["build"]["html"][0]
    assert '"$READTHEDOCS_VERSION_TYPE" = external ]; then make site SPHINXOPTS="--keep-going -n"' in command
    assert 'else make site SPHINXOPTS="-W --keep-going -n"' in command
