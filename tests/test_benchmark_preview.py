"""The benchmark of a pull request's preview (benchmarks/preview.py; never timed here): does its
simulation build incrementally and equal a clean build, and are its figures judged right?"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import script_module

# A benchmark run, tiny but whole: left out by `make test-snel`.
pytestmark = pytest.mark.slow

BENCHMARKS = Path(__file__).parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def preview_bench():
    with script_module(BENCHMARKS / "preview.py") as module:
        yield module


def test_a_tiny_run_builds_the_preview_incrementally_and_equal_to_a_clean_build(preview_bench, tmp_path):
    run = preview_bench.run_preview_benchmark(0.01, tmp_path / "werk", progress=lambda line: None)
    assert run.preview["read"] == 1  # the page of the moved event, nothing else
    assert run.without_times["read"] == run.documents  # without the times every page is read again
    assert run.clean_head["read"] == run.documents
    assert run.differences == []
    assert run.sizes["cache"] > 0 and run.steps["clone"] > 0
    report = preview_bench.report(run, machine="testmachine", when=dt.date(2026, 12, 7))
    assert "| uitvoer gelijk aan een schone build van de head | gelijk | gelijk | gehaald |" in report


def fake(seconds: float, read: int = 1, written: int = 9) -> dict:
    return {"seconds": seconds, "cpu_seconds": seconds, "read": read, "written": written, "peak_mib": 100.0}


def a_run(preview_bench, preview_seconds=1.6, in_place=2.4, differences=(), venv_mb=180.0):
    return preview_bench.PreviewRun(
        scale=1.0,
        documents=1003,
        clean_base=fake(45.0, read=1003, written=1036),
        in_place=fake(in_place),
        preview=fake(preview_seconds),
        prepare_seconds=0.1,
        without_times=fake(39.0, read=1003),
        clean_head=fake(46.0, read=1003, written=1036),
        differences=list(differences),
        steps={"clone": 0.1, "cache_pack": 0.6, "cache_unpack": 0.6, "venv_unpack": 2.0},
        sizes={"cache": 6.0, "artefact": 5.0, "venv": venv_mb},
        seconds=360.0,
    )


def outcomes(preview_bench, run) -> dict[str, tuple[str, str]]:
    return {v.goal: (v.measured, v.outcome) for v in preview_bench.judge(run)}


def test_judge_passes_a_run_that_meets_every_target(preview_bench):
    assert {outcome for _measured, outcome in outcomes(preview_bench, a_run(preview_bench)).values()} == {"gehaald"}


def test_judge_fails_each_target_it_misses(preview_bench):
    found = outcomes(preview_bench, a_run(preview_bench, preview_seconds=21.0, in_place=5.0))
    assert found["voorbeeld in een verse kopie, op de bewaarde build van main"] == ("21.1 s", "niet gehaald")
    assert found["t.o.v. de incrementele build ter plaatse"] == ("4.22×", "niet gehaald")
    found = outcomes(preview_bench, a_run(preview_bench, differences=["index.html"]))
    assert found["uitvoer gelijk aan een schone build van de head"] == ("1 bestanden verschillen", "niet gehaald")
    found = outcomes(preview_bench, a_run(preview_bench, venv_mb=10_000.0))  # 200 s to fetch the environment
    assert found["van push tot reactie op GitHub (geschat)"][1] == "niet gehaald"


def test_the_estimate_adds_up_the_measured_and_the_assumed_steps(preview_bench):
    steps = dict(preview_bench.content_job_estimate(a_run(preview_bench)))
    assert steps["tijden zetten en bouwen"] == pytest.approx(1.7)
    assert steps["build van main uit de cache halen"] == pytest.approx(6.0 / 50 + 0.6)
    assert steps["Python-omgeving van main uit de cache halen"] == pytest.approx(180.0 / 50 + 2.0)
    assert set(preview_bench.FIXED_STEPS) <= set(steps)


def test_differences_leave_out_the_build_info_only(preview_bench, tmp_path):
    for side, text in (("a", "1"), ("b", "2")):
        (tmp_path / side / "sub").mkdir(parents=True)
        (tmp_path / side / ".buildinfo").write_text(text, encoding="utf-8")
        (tmp_path / side / "same.html").write_text("x", encoding="utf-8")
        (tmp_path / side / "sub" / "page.html").write_text(text, encoding="utf-8")
    (tmp_path / "a" / "extra.js").write_text("", encoding="utf-8")
    assert preview_bench.differences(tmp_path / "a", tmp_path / "b") == ["extra.js", "sub/page.html"]


def test_the_table_goes_between_its_own_markers_of_the_prestaties_page(preview_bench):
    page = (Path(__file__).parent.parent / "docs" / "prestaties.md").read_text(encoding="utf-8")
    assert page.count(preview_bench.MARK_START) == 1 and page.count(preview_bench.MARK_END) == 1
    once = preview_bench.with_table(page, "| v |\n| --- |\n| 1 |")
    assert preview_bench.with_table(once, "| v |\n| --- |\n| 1 |") == once
    assert "% bench:start" in once and "% bench:end" in once  # the main benchmark's table stays
