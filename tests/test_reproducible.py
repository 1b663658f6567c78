"""The real site: byte-identical clean builds, -j 2 equal to -j 1, valid HTML (Nu HTML Checker)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import build_once, warnings_of

# The real site built with -j 2, and the Nu HTML Checker on Java: left out by `make test-snel`.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).parents[1]
DOCS = ROOT / "docs"


def build_site(builddir: Path, parallel: int = 0) -> Path:
    app = build_once("html", DOCS, builddir, parallel=parallel)
    assert warnings_of(app) == ""
    return Path(app.outdir)


def all_files(outdir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(outdir)): p.read_bytes() for p in sorted(outdir.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    try:
        first = build_site(tmp_path_factory.mktemp("een"))
        second = build_site(tmp_path_factory.mktemp("twee"), parallel=2)
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    return first, second


def test_clean_builds_are_byte_identical_and_parallel_equals_serial(builds):
    serial, parallel = all_files(builds[0]), all_files(builds[1])
    assert serial.keys() == parallel.keys()
    assert [name for name in serial if serial[name] != parallel[name]] == []
    assert any(name.endswith(".ics") for name in serial) and "kennisbank.json" in serial


def find_vnu() -> Path | None:
    for candidate in (
        os.environ.get("KB_VNU_JAR"),
        ROOT / ".ci" / "node" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar",
    ):
        if candidate and Path(candidate).exists():
            return Path(candidate)
    return None


def test_every_page_is_valid_html(builds):
    vnu, java = find_vnu(), shutil.which("java")
    if vnu is None or java is None:
        pytest.skip("Nu HTML Checker (npm vnu-jar) of Java ontbreekt: .ci/run installeert ze")
    result = subprocess.run(
        [java, "-jar", str(vnu), "--errors-only", "--format", "json", "--skip-non-html", str(builds[0])],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{m.get('url', '').rpartition('/html/')[2]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]
    assert errors == []
    pages = len(list(builds[0].rglob("*.html")))
    assert pages > 50
