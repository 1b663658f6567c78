"""Setting up: what `make` installs, the Python it accepts, the dev container.

The Makefile's set-up runs here in a temporary copy with stand-ins for Python: shell scripts
that tell a version, make a `.venv` whose python is the stand-in again, and write down what
pip is asked to install. So every test runs the real Makefile and scripts/venv.sh in
milliseconds, without pip or a network.
"""

from __future__ import annotations

import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import json5
import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).parents[1]
MAKE = shutil.which("make")
needs_make = pytest.mark.skipif(MAKE is None, reason="geen make")

#: A stand-in for Python: `-c` (the only code scripts/venv.sh runs) prints the version, `-m venv`
#: makes a venv whose python is this script, `-m pip` writes its arguments to $PIP_LOG; an old
#: Python's pip refuses the project as a real one does.
FAKE_PYTHON = """#!/bin/sh
case "$1" in
    -c) echo {version} ;;
    -m) case "$2" in
            venv) mkdir -p "$3/bin" && echo "version = {version}" > "$3/pyvenv.cfg" && ln -s "{path}" "$3/bin/python" ;;
            pip) {pip} ;;
        esac ;;
esac
"""
LOGS_PIP = 'shift 2; echo "$*" >> "$PIP_LOG"'
REFUSES = "echo \"ERROR: Package 'kennisbank-vzhg' requires a different Python: {version} not in '>=3.11'\" >&2; exit 1"


def fake_python(folder: Path, version: str) -> Path:
    path = folder / f"python-{version}"
    pip = LOGS_PIP if tuple(map(int, version.split("."))) >= (3, 11) else REFUSES.format(version=version)
    path.write_text(FAKE_PYTHON.format(version=version, path=path, pip=pip), encoding="utf-8")
    path.chmod(0o755)
    return path


@pytest.fixture
def project(tmp_path):
    """What the Makefile's set-up reads, in a folder of its own, with a log of pip's installs."""
    folder = tmp_path / "project"
    (folder / "scripts").mkdir(parents=True)
    for name in ("Makefile", "pyproject.toml", "scripts/venv.sh"):
        shutil.copy2(ROOT / name, folder / name)
    return folder


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without what would change the Makefile's defaults (or an outer make's flags)."""
    changes = {"PYTHON", "SERVE_HOST", "SERVE_PORT", "MAKEFLAGS", "MFLAGS", "MAKELEVEL"}
    env = {k: v for k, v in os.environ.items() if k not in changes}
    return {**env, **extra}


def make(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    log = project / "pip.log"
    return subprocess.run(
        [MAKE, "--no-print-directory", *args],
        cwd=project,
        env=clean_env(PIP_LOG=str(log)),
        capture_output=True,
        text=True,
    )


def installs(project: Path) -> list[str]:
    """What pip was asked to install so far, as the extras requested ("." is the project alone)."""
    log = project / "pip.log"
    lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return [line.split(" -e ")[1] for line in lines]


# -- an old or missing Python ------------------------------------------------------


@needs_make
@pytest.mark.parametrize("goal", ["html", "test"])
def test_an_old_python_is_refused_in_dutch_before_anything_is_made(project, goal):
    old = fake_python(project.parent, "3.10.13")
    result = make(project, goal, f"PYTHON={old}")
    assert result.returncode == 2  # make's code for a recipe that failed
    assert f"De kennisbank heeft Python 3.11 of nieuwer nodig, maar '{old}' is Python 3.10.13." in result.stderr
    assert f"Geef die daarna aan make mee: make {goal} PYTHON=python3.12" in result.stderr
    assert "Er is niets geïnstalleerd." in result.stderr
    assert not (project / ".venv").exists()
    assert installs(project) == []


@needs_make
def test_a_missing_python_is_named(project):
    result = make(project, "html", "PYTHON=python-die-er-niet-is")
    assert result.returncode == 2
    assert "maar 'python-die-er-niet-is' is niet gevonden of start niet." in result.stderr
    assert "make html PYTHON=python3.12" in result.stderr
    assert not (project / ".venv").exists()


@pytest.mark.parametrize("python", ["python2.7", "python3.6", "python3.10"])
def test_real_old_pythons_are_refused(tmp_path, python):
    """Where this machine has an old Python, scripts/venv.sh refuses it for real."""
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    found = next((p for p in pyenv.glob(f"versions/*/bin/{python}")), None) or shutil.which(python)
    if found is None or subprocess.run([found, "-c", "pass"], capture_output=True).returncode != 0:
        pytest.skip(f"geen {python} op deze computer")
    result = venv_script(tmp_path, str(found), given="ja")
    assert result.returncode == 1
    assert re.search(rf"maar '{re.escape(str(found))}' is Python {python[6:]}\.\d+\.", result.stderr)
    assert not (tmp_path / ".venv").exists()


# -- a .venv of another Python -------------------------------------------------------


def venv_script(folder: Path, python: str, given: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["sh", str(ROOT / "scripts" / "venv.sh"), python, ".venv", given, "html"],
        cwd=folder,
        capture_output=True,
        text=True,
    )


def make_venv(project: Path, version: str) -> Path:
    """A .venv as that Python makes it, with a file that shows whether it was kept."""
    subprocess.run([fake_python(project.parent, version), "-m", "venv", project / ".venv"], check=True)
    (project / ".venv" / "kept").touch()
    return project / ".venv"


@needs_make
def test_a_new_venv_installs_the_project_once(project):
    python = fake_python(project.parent, "3.12.1")
    assert make(project, "setup", f"PYTHON={python}").returncode == 0
    assert installs(project) == [".[test,pdf,dev]", ".[serve]"]
    result = make(project, "setup", f"PYTHON={python}")
    assert (result.returncode, result.stdout, installs(project)) == (0, "", [".[test,pdf,dev]", ".[serve]"])
    # A changed dependency is installed on the next run.
    os.utime(project / "pyproject.toml")
    assert make(project, "setup", f"PYTHON={python}").returncode == 0
    assert installs(project)[2:] == [".[test,pdf,dev]", ".[serve]"]


@needs_make
@pytest.mark.parametrize(
    ("made_with", "message"),
    [
        ("3.10.13", "De map .venv is gemaakt met Python 3.10.13; de kennisbank heeft Python 3.11 of nieuwer nodig."),
        ("3.13.0", "De map .venv is gemaakt met Python 3.13.0, niet met {python}."),
    ],
)
def test_a_venv_of_another_python_is_made_again_and_installed(project, made_with, message):
    venv = make_venv(project, made_with)
    (venv / ".installed-serve").touch()  # installed by that other Python: no longer counts
    python = fake_python(project.parent, "3.12.1")
    result = make(project, "setup", f"PYTHON={python}")
    assert result.returncode == 0, result.stderr
    expected = message.format(python=python) + f" De map wordt opnieuw gemaakt met {python} (Python 3.12.1)."
    assert result.stdout.splitlines()[0] == expected
    assert not (venv / "kept").exists()
    assert (venv / "pyvenv.cfg").read_text() == "version = 3.12.1\n"
    assert installs(project) == [".[test,pdf,dev]", ".[serve]"]


@needs_make
def test_a_venv_whose_python_no_longer_starts_is_made_again(project):
    venv = make_venv(project, "3.12.1")
    (project.parent / "python-3.12.1").unlink()  # the Python it was made with is gone
    python = fake_python(project.parent, "3.11.7")
    result = make(project, "setup", f"PYTHON={python}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("De map .venv werkt niet meer: de Python waarmee die gemaakt is, start niet.")
    assert not (venv / "kept").exists()


def test_a_working_venv_is_kept_unless_another_python_is_named(tmp_path):
    """Once made with `PYTHON=python3.12`, a plain `make html` goes on using .venv, whatever python3 is."""
    project = tmp_path / "project"
    project.mkdir()
    venv = make_venv(project, "3.12.1")
    other = fake_python(tmp_path, "3.13.0")
    for python, given in ((tmp_path / "python-3.12.1", "ja"), (other, "nee"), ("python-die-er-niet-is", "nee")):
        result = venv_script(project, str(python), given)
        assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
        assert (venv / "kept").exists()


def test_the_venv_script_is_posix_shell():
    shellcheck = shutil.which("shellcheck")
    if shellcheck is None:
        pytest.skip("geen shellcheck")
    result = subprocess.run(
        [shellcheck, "--shell=sh", str(ROOT / "scripts" / "venv.sh")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


# -- what each target installs --------------------------------------------------------


def dry_run(target: str, **env: str) -> str:
    """What `make -n` would run for a target, continued lines joined."""
    result = subprocess.run([MAKE, "-n", target], cwd=ROOT, env=clean_env(**env), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return re.sub(r"\\\n\s*", " ", result.stdout)


@needs_make
@pytest.mark.parametrize(
    ("target", "extras"),
    [
        ("html", ['"."']),
        ("serve", ['".[serve]"']),
        ("nieuw", ['"."']),
        ("check", ['"."', '".[dev]"']),  # the strict build, then mypy
        ("pdf", ['".[pdf]"']),
        ("test", ['".[test,pdf,dev]"']),
    ],
)
def test_each_target_installs_only_what_it_needs(target, extras):
    commands = dry_run(target)
    assert re.findall(r"pip install .* -e (\S+)", commands) == extras
    assert 'sh scripts/venv.sh "python3" ".venv" "nee"' in commands


def runtime_distributions() -> set[str]:
    """The project and its runtime dependencies, with theirs: what `make html` installs."""
    found: set[str] = set()
    todo = ["kennisbank-vzhg"]
    while todo:
        name = canonicalize_name(todo.pop())
        if name in found:
            continue
        found.add(name)
        for text in importlib.metadata.requires(name) or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return found


#: Runs an HTML build with the modules named on the command line hidden, as if not installed.
BUILD_WITH_HIDDEN_MODULES = """
import contextlib, io, sys
from sphinx.cmd.build import build_main

class Hide:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in sys.argv[3:]:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)

sys.meta_path.insert(0, Hide())
with contextlib.redirect_stdout(io.StringIO()):
    sys.exit(build_main(["-q", "-b", "html", sys.argv[1], sys.argv[2]]))
"""


@pytest.mark.slow
def test_building_the_site_needs_only_the_runtime_dependencies(tmp_path):
    """The site builds with every package that `make html` does not install hidden.

    Optional imports (bs4 tries lxml, urllib3 brotli) then take their fallback, as they do
    after a fresh `make html`; a hard import of a test or dev package fails the build.
    """
    runtime = runtime_distributions()
    hidden = sorted(
        module
        for module, owners in importlib.metadata.packages_distributions().items()
        if not runtime & {canonicalize_name(owner) for owner in owners}
    )
    assert "pytest" in hidden and "sphinx" not in hidden
    command = [sys.executable, "-c", BUILD_WITH_HIDDEN_MODULES, str(ROOT / "docs"), str(tmp_path), *hidden]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "index.html").exists()


# -- the dev container ----------------------------------------------------------------


def devcontainer() -> dict:
    # JSON with comments, as VS Code and Codespaces read it.
    return json5.loads((ROOT / ".devcontainer" / "devcontainer.json").read_text(encoding="utf-8"))


def serve_address(commands: str) -> tuple[str, int]:
    match = re.search(r"sphinx-autobuild .* --host (\S+) --port (\d+)", commands)
    assert match, commands
    return match[1], int(match[2])


def test_the_dev_container_has_python_3_11_or_newer_and_builds_the_site():
    config = devcontainer()
    image, tag = config["image"].split(":")
    assert image == "mcr.microsoft.com/devcontainers/python"
    assert tuple(map(int, tag.split("-")[0].split("."))) >= (3, 11)
    assert config["postCreateCommand"] == "make html"
    assert "ExecutableBookProject.myst-highlight" in config["customizations"]["vscode"]["extensions"]


@needs_make
def test_the_dev_container_forwards_the_port_make_serve_listens_on_from_outside():
    config = devcontainer()
    host, port = serve_address(dry_run("serve", **config["containerEnv"]))
    assert host == "0.0.0.0"  # inside the container, or the forwarded port reaches nothing
    assert config["forwardPorts"] == [port]
    assert config["portsAttributes"][str(port)]["label"] == "Voorbeeld van de kennisbank (make serve)"
    # Outside the container, only this computer.
    assert serve_address(dry_run("serve")) == ("127.0.0.1", port)


#: A rule that says whether the Python the Makefile's commands run writes bytecode.
SHOW_BYTECODE_CACHE = (
    "cache: ; @" + sys.executable + " -c 'import sys; print(\"schrijft bytecode:\", not sys.dont_write_bytecode)'"
)


@needs_make
def test_the_makefiles_commands_keep_pythons_bytecode_cache_where_the_machine_turns_it_off(tmp_path):
    # Else each pytest worker rewrites every test module's asserts again, and every process
    # compiles the extension again (the Makefile says what that costs).
    shown = subprocess.run(
        [MAKE, "--no-print-directory", "-f", str(ROOT / "Makefile"), "--eval", SHOW_BYTECODE_CACHE, "cache"],
        cwd=tmp_path,
        env=clean_env(PYTHONDONTWRITEBYTECODE="1"),
        capture_output=True,
        text=True,
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip() == "schrijft bytecode: True"
