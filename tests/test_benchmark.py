"""The benchmark script (never timed here): are its baselines a fair comparison, and
are its figures counted and judged right?"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import itertools
import re
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build_once, script_module, warnings_of
from kennisbank.sphinx_ext.navigation import SIDEBAR_MAX_PAGES

BENCH = Path(__file__).parent.parent / "benchmarks" / "bench.py"
OBJECT_ANCHOR = re.compile(r"kb-(?:thema|programma|evenement|netwerk|persoon|organisatie)-\w+$")


@pytest.fixture(scope="module")
def bench():
    with script_module(BENCH) as module:
        yield module


@pytest.fixture(scope="module")
def sites(bench, tmp_path_factory):
    """The three synthetic sites at a tiny scale, built once with the HTML builder."""
    root = tmp_path_factory.mktemp("bench")
    items, pages = bench.plan(0.01)
    for variant in bench.VARIANTS:
        bench.write_site(variant, root / variant, items, pages)
    apps = {variant: build_once("html", root / variant, root / variant / "_build") for variant in bench.VARIANTS}
    return items, apps


def object_links(html_path: Path) -> set[str]:
    """Objects a page links to (anchors ``kb-<type>-<id>``), from its main content."""
    article = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser").find("article")
    links = (a["href"] for a in article.find_all("a", href=True))
    return {m.group(0) for href in links if (m := OBJECT_ANCHOR.search(href))}


def sidebar_links(html_path: Path) -> list[str]:
    """The pages the sidebar's navigation tree lists, in order."""
    tree = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser").select_one(".sidebar-tree")
    return [a["href"] for a in tree.find_all("a", href=True)]


@pytest.mark.slow  # three builds of the benchmark's site
def test_all_sites_build_without_warnings_and_have_the_same_pages(bench, sites):
    _items, apps = sites
    for variant in bench.VARIANTS:
        assert warnings_of(apps[variant]) == "", variant
    pages = {name: {p.relative_to(app.outdir) for p in Path(app.outdir).rglob("*.html")} for name, app in apps.items()}
    # Ours has the archive as a page per year and the month view as a page per month under
    # the agenda page, as the site has; the baselines list every event on that page.
    generated = {p for p in pages[bench.OURS] if p.parent == Path("agenda-overzicht")}
    years = {p for p in generated if re.fullmatch(r"\d{4}", p.stem)}
    months = {p for p in generated if re.fullmatch(r"\d{4}-\d{2}", p.stem)}
    assert years and months and generated == years | months
    assert pages[bench.OURS] - {Path("404.html")} - generated == pages[bench.STOCK] == pages[bench.SAME_NAVIGATION]


@pytest.mark.slow  # three builds of the benchmark's site
def test_baselines_link_at_least_what_the_extension_generates(bench, sites):
    """The baselines are no straw man: every object link our extension puts on a page
    (fields, "Gerelateerd", agenda, directories) is written by hand on the same page."""
    _items, apps = sites
    ours = Path(apps[bench.OURS].outdir)
    checked = 0
    for page in sorted(ours.rglob("*.html")):
        relative = page.relative_to(ours)
        if relative.parts[0] in {"_static", "404.html"} or relative.name in {"genindex.html", "search.html"}:
            continue
        if relative.name == "pakket.html":
            continue  # the baseline's pack is a plain page; the pack's content is measured as PDF
        # A year of the archive is, in the baselines, part of the agenda page.
        same = Path("agenda-overzicht.html") if relative.parent == Path("agenda-overzicht") else relative
        for baseline in (bench.STOCK, bench.SAME_NAVIGATION):
            missing = object_links(page) - object_links(Path(apps[baseline].outdir) / same)
            assert not missing, f"{baseline} {relative}: lacks {sorted(missing)[:5]}"
        checked += 1
    assert checked > 10


@pytest.mark.slow  # three builds of the benchmark's site
def test_the_baseline_with_the_same_navigation_has_our_sidebar(bench, sites):
    """Ours and the baseline with the same navigation leave the event pages out of the
    sidebar, on every page alike; the stock baseline lists them one by one."""
    _items, apps = sites
    outdirs = {variant: Path(app.outdir) for variant, app in apps.items()}
    pages = ["index.html", "themas/t0.html", "agenda/p0.html", "agenda/index.html", "personen/p0.html"]
    for page in pages:
        ours = sidebar_links(outdirs[bench.OURS] / page)
        assert ours == sidebar_links(outdirs[bench.SAME_NAVIGATION] / page), page
        assert not any(re.search(r"agenda/p\d+\.html$", link) or re.fullmatch(r"p\d+\.html", link) for link in ours)
    stock = sidebar_links(outdirs[bench.STOCK] / "index.html")
    assert "agenda/p0.html" in stock
    assert len(stock) > len(sidebar_links(outdirs[bench.OURS] / "index.html"))


def test_only_the_same_navigation_baseline_has_our_navigation_settings(bench, tmp_path):
    items, pages = bench.plan(0.01)
    for variant in (bench.STOCK, bench.SAME_NAVIGATION):
        bench.write_site(variant, tmp_path / variant, items, pages)
    conf = {v: (tmp_path / v / "conf.py").read_text(encoding="utf-8") for v in (bench.STOCK, bench.SAME_NAVIGATION)}
    assert "furo_cached_navigation" in conf[bench.SAME_NAVIGATION]
    assert "furo_cached_navigation" not in conf[bench.STOCK]
    # The same limit of pages per folder as the knowledge base sets for itself.
    assert f"cached_navigation_max_pages = {SIDEBAR_MAX_PAGES}\n" in conf[bench.SAME_NAVIGATION]
    assert "cached_navigation_max_pages" not in conf[bench.STOCK]
    event_page = "agenda/p0.md"
    assert (
        (tmp_path / bench.SAME_NAVIGATION / event_page)
        .read_text(encoding="utf-8")
        .startswith("---\nnavigation: hidden\n---\n")
    )
    assert "navigation:" not in (tmp_path / bench.STOCK / event_page).read_text(encoding="utf-8")
    assert "navigation:" not in (tmp_path / bench.SAME_NAVIGATION / "themas" / "t0.md").read_text(encoding="utf-8")


def test_edit_one_event_moves_one_start_by_a_day(bench, tmp_path):
    items, pages = bench.plan(0.01)
    bench.write_extension_site(tmp_path / "ours", items, pages, "Benchmark")
    page = tmp_path / "ours" / "agenda" / "p0.md"
    before = page.read_text(encoding="utf-8")
    bench.edit_one_event(tmp_path / "ours")
    after = page.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert len(changed) == 1
    old, new = (dt.date.fromisoformat(re.search(r"\d{4}-\d{2}-\d{2}", line).group(0)) for line in changed[0])
    assert new - old == dt.timedelta(days=1)


def test_pages_written_and_documents_read_count_only_files_newer_than_the_build(bench, tmp_path):
    (tmp_path / "old.html").write_text("x")
    (tmp_path / "style.css").write_text("x")
    (tmp_path / "old.doctree").write_text("x")
    since = time.time_ns()
    time.sleep(0.01)
    (tmp_path / "new.html").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pack.pdf").write_text("x")
    (tmp_path / "sub" / "new.doctree").write_text("x")
    assert bench.pages_written(tmp_path, since_ns=since) == 2
    assert bench.documents_read(tmp_path, since_ns=since) == 1


def test_page_sizes_gives_the_median_and_the_largest_page(bench, tmp_path):
    for name, size in {"a.html": 1000, "b.html": 3000, "sub/c.html": 120_000, "style.css": 999_999}.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"x" * size)
    assert bench.page_sizes(tmp_path) == {"median_kb": 3.0, "largest_kb": 120.0, "largest_page": "sub/c.html"}


def test_measured_builds_keep_pythons_bytecode_cache(bench, monkeypatch):
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.setenv("BENCH_OTHER", "kept")
    environment = bench.build_environment()
    assert "PYTHONDONTWRITEBYTECODE" not in environment
    assert environment["BENCH_OTHER"] == "kept"


def test_build_error_names_the_reason(bench):
    log = "Traceback\n  File x\nsphinx.errors.ThemeError: An error.\nReason: TemplateNotFound('base.html')\n\nThe full"
    assert bench.build_error(log) == "Reason: TemplateNotFound('base.html')"
    # sphinx-build's own report of an unexpected error: the exception, named with its module.
    log = "  raise ThemeError(x)\nsphinx.errors.ThemeError: no theme named 'x' found\n\nPlease also report this"
    assert bench.build_error(log) == "sphinx.errors.ThemeError: no theme named 'x' found"


@pytest.mark.slow
def test_a_measured_build_is_a_sphinx_build_process_timed_until_it_exits(bench, tmp_path):
    # What make html costs a reader includes Python's start and its exit after the build
    # (seconds, at a thousand pages): a process that lingers a second at exit is timed so.
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text("import atexit, time\natexit.register(time.sleep, 1.5)\n", encoding="utf-8")
    (src / "index.rst").write_text("Home\n====\n\nText.\n", encoding="utf-8")
    clean = bench.measure(src, tmp_path / "out")
    assert clean["code"] == 0
    assert clean["seconds"] >= 1.5
    assert clean["read"] == 1 and clean["written"] >= 1  # index, and Sphinx's own pages
    assert clean["cpu_seconds"] > 0 and clean["peak_mib"] > 10
    again = bench.measure(src, tmp_path / "out", fresh=False)
    # Nothing read again; Sphinx writes its index and search pages at every build, not the page.
    assert again["read"] == 0 and again["written"] == clean["written"] - 1


def test_a_failed_build_stops_the_run_or_reports_why(bench, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["no_such_extension"]\n', encoding="utf-8")
    (src / "index.rst").write_text("Home\n====\n", encoding="utf-8")
    failed = bench.measure(src, tmp_path / "out", may_fail=True)
    assert failed["code"] != 0
    assert "no_such_extension" in failed["failure"]
    with pytest.raises(SystemExit, match="no_such_extension"):
        bench.measure(src, tmp_path / "out")


def test_the_incremental_build_is_the_fastest_of_several_one_event_edits(bench, tmp_path, monkeypatch):
    items, pages = bench.plan(0.01)
    bench.write_extension_site(tmp_path / "ours", items, pages, "Benchmark")
    page = tmp_path / "ours" / bench.EDITED_PAGE
    seen, times = [], iter([9.0, 4.0, 6.0])

    def measure(srcdir, outdir, builder="html", jobs=1, fresh=True, may_fail=False):
        assert not fresh
        seen.append(page.read_text(encoding="utf-8"))
        return fake(next(times))

    monkeypatch.setattr(bench, "measure", measure)
    before = page.read_text(encoding="utf-8")
    result = bench.measure_incremental(tmp_path / "ours", tmp_path / "out", rounds=3)
    assert result["seconds"] == 4.0
    # Each build follows one edit: the page differs from the one before in one line.
    for old, new in zip([before, *seen], seen, strict=False):
        changed = [(a, b) for a, b in zip(old.splitlines(), new.splitlines(), strict=True) if a != b]
        assert len(changed) == 1


# -- one run's order of builds (with the builds replaced by fakes) ------------------


def fake(seconds: float, cpu: float | None = None, peak: float = 100, written: int = 1, read: int = 0) -> dict:
    cpu = seconds if cpu is None else cpu
    return {"code": 0, "seconds": seconds, "cpu_seconds": cpu, "peak_mib": peak, "written": written, "read": read}


@pytest.fixture
def recorded_run(bench, tmp_path, monkeypatch):
    """Run the benchmark at a tiny scale with every build replaced by a record of it."""
    calls = []

    def measure(srcdir, outdir, builder="html", jobs=1, fresh=True, may_fail=False):
        calls.append({"src": Path(srcdir), "out": Path(outdir), "builder": builder, "jobs": jobs, "fresh": fresh})
        return fake(1.0)

    monkeypatch.setattr(bench, "measure", measure)
    monkeypatch.setattr(bench, "page_sizes", lambda htmldir: {"median_kb": 1, "largest_kb": 2, "largest_page": "x"})
    references = itertools.cycle([0.8, 0.9])  # at the start, at the end of each run
    monkeypatch.setattr(bench, "reference_seconds", lambda: next(references))

    def run(**options):
        calls.clear()
        args = argparse.Namespace(scale=0.02, workdir=tmp_path, repeat=1, stock_full=False, cpu_norms=False, write=None)
        vars(args).update(options)
        return bench.run_benchmark(args, progress=lambda line: None), list(calls)

    return run


def test_the_stock_baseline_is_built_at_full_size_only_with_the_flag(bench, recorded_run, tmp_path):
    run, calls = recorded_run()
    stock_sizes = sorted(row.factor for row in run.growth if bench.STOCK in row.clean)
    assert stock_sizes == [0.1, 0.25, 0.5]
    assert not any(call["src"] == tmp_path / bench.STOCK / "src" for call in calls)
    assert [row.factor for row in run.growth] == [0.1, 0.25, 0.5, 1.0]
    assert set(run.growth[-1].clean) == {bench.SAME_NAVIGATION, bench.OURS}

    run, calls = recorded_run(stock_full=True)
    full_stock = [call for call in calls if call["src"] == tmp_path / bench.STOCK / "src"]
    assert [(c["fresh"], c["jobs"]) for c in full_stock] == [(True, 1), (False, 1)]  # clean once, incremental
    assert set(run.growth[-1].clean) == set(bench.VARIANTS)
    assert run.stock_full_seconds > 0


def test_the_pack_is_built_after_the_html_build_with_its_doctrees(bench, recorded_run, tmp_path):
    _run, calls = recorded_run()
    ours = [c for c in calls if c["src"] == tmp_path / bench.OURS / "src"]
    kinds = [(c["builder"], c["fresh"], c["jobs"], c["out"].name) for c in ours]
    incremental = [("html", False, 1, "out")] * bench.INCREMENTAL_ROUNDS
    assert kinds == [
        ("html", True, 1, "out"),
        *incremental,
        ("kennisbank-pdf", False, 1, "out"),  # the same output folder, so the same .doctrees
        ("html", True, 2, "out-j2"),
    ]


def test_the_judged_incremental_builds_take_turns_round_by_round(bench, recorded_run, tmp_path):
    run, calls = recorded_run()
    incremental = [c["src"].parent.name for c in calls if not c["fresh"] and c["builder"] == "html"]
    assert incremental == [bench.SAME_NAVIGATION, bench.OURS] * bench.INCREMENTAL_ROUNDS
    assert run.builds[bench.OURS]["incremental"]["seconds"] == 1.0


def test_the_machine_is_timed_at_the_start_and_the_end_of_a_run(bench, recorded_run):
    run, _calls = recorded_run()
    assert run.reference == (0.8, 0.9)


def test_the_reference_loop_keeps_the_fastest_of_its_timings(bench, monkeypatch):
    ticks = iter([0.0, 3.0, 10.0, 11.5, 20.0, 22.0])  # three timings: 3, 1.5 and 2 seconds
    monkeypatch.setattr(bench, "REFERENCE_LOOP", 10)
    monkeypatch.setattr(bench.time, "perf_counter", lambda: next(ticks))
    assert bench.reference_seconds(repeat=3) == 1.5


def test_growth_sizes_are_fractions_of_the_scale(bench, recorded_run):
    run, _calls = recorded_run()
    assert [row.scale for row in run.growth] == [0.002, 0.005, 0.01, 0.02]
    assert all(row.documents > 0 for row in run.growth)


# -- judging the targets --------------------------------------------------------------


def a_run(bench, ours_clean=40.0, stock_full=False, pdf=None, growth_quarter=10.0, seconds=600.0):
    """A run at 1,000 pages; the stock baseline grows with the square of the pages."""
    builds = {
        bench.SAME_NAVIGATION: {
            "clean": fake(36.0, cpu=30.0),
            "incremental": fake(2.5),
            "j2": fake(30.0),
            "sizes": {"median_kb": 30.0, "largest_kb": 200.0, "largest_page": "agenda-overzicht.html"},
        },
        bench.OURS: {
            "clean": fake(ours_clean, cpu=35.0),
            "incremental": fake(4.9, written=14),
            "j2": fake(35.0),
            "sizes": {"median_kb": 49.9, "largest_kb": 250.0, "largest_page": "themas/t0.html"},
        },
    }
    if stock_full:
        builds[bench.STOCK] = {"clean": fake(900.0), "incremental": fake(4.0), "sizes": builds[bench.OURS]["sizes"]}
    growth = [
        bench.GrowthRow(0.25, 0.25, 250, {bench.STOCK: fake(900 / 16), bench.OURS: fake(growth_quarter)}),
        bench.GrowthRow(0.5, 0.5, 500, {bench.STOCK: fake(900 / 4), bench.OURS: fake(20.0)}),
        bench.GrowthRow(1.0, 1.0, 1000, {v: b["clean"] for v, b in builds.items()}),
    ]
    counts = {"thema": 1, "evenement": 2, "netwerk": 3, "persoon": 4, "organisatie": 5}
    return bench.Run(
        scale=1.0,
        repeat=1,
        documents=1000,
        counts=counts,
        builds=builds,
        pdf=fake(9.0, read=0) if pdf is None else pdf,
        growth=growth,
        stock_full=stock_full,
        seconds=seconds,
        stock_full_seconds=900.0 if stock_full else 0.0,
    )


def outcomes(bench, run) -> dict[str, tuple[str, str]]:
    return {v.goal: (v.measured, v.outcome) for v in bench.judge(run)}


def test_judge_passes_a_run_that_meets_every_target(bench):
    result = outcomes(bench, a_run(bench))
    assert result["schone build"] == ("40.0 s", "gehaald")
    assert result["schone build t.o.v. de basislijn met dezelfde navigatie"] == ("1.11×", "gehaald")
    assert result["groei: volle omvang t.o.v. een kwart"] == ("4.00×", "gehaald")
    assert result["incrementeel na één evenement"] == ("4.9 s", "gehaald")
    assert result["incrementeel t.o.v. de basislijn met dezelfde navigatie"] == ("1.96×", "gehaald")
    assert result["bestuurspakket-PDF na de HTML-build"] == ("9.0 s", "gehaald")
    assert result["mediane HTML-pagina"] == ("49.9 KB", "gehaald")
    assert result["grootste HTML-pagina"] == ("250.0 KB (themas/t0.html)", "gehaald")
    assert result["de hele run (make bench)"] == ("10.0 min", "gehaald")


def test_the_speedup_over_stock_is_estimated_from_the_growth_table_without_the_flag(bench):
    """250 → 500 pages quadruples the time: pages², so 900 s at 1,000 pages."""
    measured, outcome = outcomes(bench, a_run(bench))["sneller dan de basislijn met Furo zoals het is"]
    assert (measured, outcome) == ("22.5× (geschat: 900 s)", "gehaald")
    measured, outcome = outcomes(bench, a_run(bench, ours_clean=91.0))["sneller dan de basislijn met Furo zoals het is"]
    assert (measured, outcome) == ("9.9× (geschat: 900 s)", "niet gehaald")


def test_the_speedup_over_stock_is_measured_with_the_flag_and_its_time_left_out_of_the_run(bench):
    run = a_run(bench, stock_full=True, seconds=1500.0)
    result = outcomes(bench, run)
    assert result["sneller dan de basislijn met Furo zoals het is"] == ("22.5× (900 s)", "gehaald")
    assert result["de hele run (make bench)"] == ("10.0 min (zonder de 15.0 min van --stock-full)", "gehaald")


def test_judge_fails_each_target_it_misses(bench):
    run = a_run(bench, ours_clean=46.0, growth_quarter=10.0, seconds=901.0)
    run.builds[bench.OURS]["incremental"] = fake(5.1)
    run.builds[bench.OURS]["sizes"]["median_kb"] = 50.0
    run.builds[bench.OURS]["sizes"]["largest_kb"] = 250.1
    run.pdf = fake(10.1)
    result = outcomes(bench, run)
    assert result["schone build"] == ("46.0 s", "niet gehaald")
    assert result["schone build t.o.v. de basislijn met dezelfde navigatie"] == ("1.28×", "niet gehaald")
    assert result["groei: volle omvang t.o.v. een kwart"] == ("4.60×", "niet gehaald")
    assert result["incrementeel na één evenement"] == ("5.1 s", "niet gehaald")
    assert result["incrementeel t.o.v. de basislijn met dezelfde navigatie"] == ("2.04×", "niet gehaald")
    assert result["bestuurspakket-PDF na de HTML-build"] == ("10.1 s", "niet gehaald")
    assert result["mediane HTML-pagina"] == ("50.0 KB", "niet gehaald")
    assert result["grootste HTML-pagina"] == ("250.1 KB (themas/t0.html)", "niet gehaald")
    assert result["de hele run (make bench)"] == ("15.0 min", "niet gehaald")


def test_cpu_norms_judge_processor_time(bench):
    run = a_run(bench, ours_clean=50.0)  # 35 s of CPU
    assert outcomes(bench, run)["schone build"] == ("50.0 s", "niet gehaald")
    run.clock = "cpu_seconds"
    assert outcomes(bench, run)["schone build"] == ("35.0 s", "gehaald")
    assert "de normen voor tijden gelden de processortijd" in bench.report(run, "testmachine", dt.date(2024, 1, 1))


def test_a_failed_pack_is_reported_with_its_reason(bench):
    pdf = fake(6.0) | {"code": 2, "failure": "Reason: TemplateNotFound('base.html')"}
    run = a_run(bench, pdf=pdf)
    assert outcomes(bench, run)["bestuurspakket-PDF na de HTML-build"] == ("mislukt", "niet gehaald")
    assert "mislukt na 6.0 s (0 van de 1000 pagina's opnieuw gelezen). Fout: `Reason: TemplateNotFound" in bench.report(
        run, "testmachine", dt.date(2024, 1, 1)
    )


def test_report_has_the_three_variants_the_growth_table_and_the_targets(bench):
    table = bench.report(a_run(bench), "Linux, testprocessor, 2 kernen", dt.date(2024, 1, 1))
    assert "| Meting | basislijn, Furo zoals het is | basislijn, dezelfde navigatie | kennisbank |" in table
    assert "| schone build | niet gemeten | 36.0 s (CPU 30.0 s) | 40.0 s (CPU 35.0 s) |" in table
    assert "| incrementeel na één evenement | niet gemeten | 2.5 s (CPU 2.5 s); 1 pagina's herschreven |" in table
    assert (
        "| grootste HTML-pagina | niet gemeten | 200.0 KB (agenda-overzicht.html) | 250.0 KB (themas/t0.html) |"
        in table
    )
    assert "| 0.25 | 250 | 56.2 s (CPU 56.2 s) | niet gemeten | 10.0 s (CPU 10.0 s) |" in table
    assert "| 1 | 1000 | niet gemeten | 36.0 s (CPU 30.0 s) | 40.0 s (CPU 35.0 s) |" in table
    assert "Groei van een kwart naar de volle omvang (schone build): kennisbank 4.00×." in table
    assert "9.0 s (CPU 9.0 s), piekgeheugen 100 MiB, 0 van de 1000 pagina's opnieuw gelezen." in table
    assert "Gemeten op 2024-01-01 op Linux, testprocessor, 2 kernen" in table
    assert table.count("| gehaald |") == 10
    assert "Rekentest" not in table  # not timed in this run
    timed = bench.report(dataclasses.replace(a_run(bench), reference=(0.78, 0.91)), "Linux", dt.date(2024, 1, 1))
    assert (
        "Rekentest (een vaste lus in Python van 20.000.000 stappen, snelste van 3; lager is sneller): "
        "0.78 s aan het begin en 0.91 s aan het eind van de run." in timed
    )


def test_the_table_goes_between_the_markers_of_the_prestaties_page(bench):
    page = (Path(__file__).parent.parent / "docs" / "prestaties.md").read_text(encoding="utf-8")
    assert page.count(bench.MARK_START) == 1 and page.count(bench.MARK_END) == 1
    once = bench.with_table(page, "| a |\n| --- |\n| 1 |")
    assert once.count("| a |") == 1 and "schone build |" not in once.split(bench.MARK_END)[0].split(bench.MARK_START)[1]
    assert bench.with_table(once, "| a |\n| --- |\n| 1 |") == once  # a second run replaces, not adds
    assert f"{bench.MARK_START}\n\n| a |" in once and f"| 1 |\n\n{bench.MARK_END}" in once


def test_the_prestaties_page_holds_nothing_hand_written_between_markers(bench):
    """A run replaces all that stands between its markers: a hand-written explanation there
    would be lost at the next run. What a run writes is tables and one-line paragraphs, the
    last of them "Omvang: ..."; what is written by hand is wrapped, and goes after the end."""
    page = (Path(__file__).parent.parent / "docs" / "prestaties.md").read_text(encoding="utf-8")
    with script_module(BENCH.with_name("preview.py")) as preview:
        markers = [(bench.MARK_START, bench.MARK_END), (bench.SEARCH_START, bench.SEARCH_END)]
        markers.append((preview.MARK_START, preview.MARK_END))
    for start, end in markers:
        block = page.split(start, 1)[1].split(end, 1)[0]
        paragraphs = [part.strip().splitlines() for part in block.split("\n\n") if part.strip()]
        hand_written = [lines[0] for lines in paragraphs if len(lines) > 1 and not lines[0].startswith("|")]
        assert hand_written == [], f"tussen {start} en {end}"
        assert paragraphs[-1][0].startswith("Omvang:"), f"tussen {start} en {end}"
