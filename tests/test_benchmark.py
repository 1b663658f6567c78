"""The benchmark script (never timed here): is its baseline a fair comparison, and
are its figures counted right?"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import sys
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build_once, warnings_of

BENCH = Path(__file__).parent.parent / "benchmarks" / "bench.py"
OBJECT_ANCHOR = re.compile(r"kb-(?:thema|programma|evenement|netwerk|persoon|organisatie)-\w+$")


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    yield module
    del sys.modules["bench"]


@pytest.fixture(scope="module")
def sites(bench, tmp_path_factory):
    """Both synthetic sites at a tiny scale, built once with the HTML builder."""
    root = tmp_path_factory.mktemp("bench")
    items, pages = bench.plan(0.01)
    bench.write_extension_site(root / "ours", items, pages, "Benchmark")
    bench.write_baseline_site(root / "base", items, pages, "Benchmark")
    apps = {name: build_once("html", root / name, root / name / "_build") for name in ("ours", "base")}
    return items, apps


def object_links(html_path: Path) -> set[str]:
    """Objects a page links to (anchors ``kb-<type>-<id>``), from its main content."""
    article = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser").find("article")
    links = (a["href"] for a in article.find_all("a", href=True))
    return {m.group(0) for href in links if (m := OBJECT_ANCHOR.search(href))}


def test_both_sites_build_without_warnings_and_have_the_same_pages(sites):
    _items, apps = sites
    assert warnings_of(apps["ours"]) == ""
    assert warnings_of(apps["base"]) == ""
    pages = {name: {p.relative_to(app.outdir) for p in Path(app.outdir).rglob("*.html")} for name, app in apps.items()}
    assert pages["ours"] - {Path("404.html")} == pages["base"]


def test_baseline_links_at_least_what_the_extension_generates(sites):
    """The baseline is no straw man: every object link our extension puts on a page
    (fields, "Gerelateerd", agenda, directories) is written by hand on the same page."""
    items, apps = sites
    ours, base = Path(apps["ours"].outdir), Path(apps["base"].outdir)
    checked = 0
    for page in sorted(ours.rglob("*.html")):
        relative = page.relative_to(ours)
        if relative.parts[0] in {"_static", "404.html"} or relative.name in {"genindex.html", "search.html"}:
            continue
        if relative.name == "pakket.html":
            continue  # the baseline's pack is a plain page; the pack's content is measured as PDF
        missing = object_links(page) - object_links(base / relative)
        assert not missing, f"{relative}: baseline lacks {sorted(missing)[:5]}"
        checked += 1
    assert checked > 10


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


def test_pages_written_counts_only_files_newer_than_the_build(bench, tmp_path):
    (tmp_path / "old.html").write_text("x")
    (tmp_path / "style.css").write_text("x")
    since = time.time_ns()
    time.sleep(0.01)
    (tmp_path / "new.html").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pack.pdf").write_text("x")
    assert bench.pages_written(tmp_path, since_ns=since) == 2


def test_report_judges_each_target(bench):
    def run(seconds, peak):
        return {"code": 0, "seconds": seconds, "peak_mib": peak, "written": 1}

    results = {
        "basislijn schoon": run(100, 100),
        "basislijn incrementeel": run(1, 50),
        "kennisbank schoon": run(115, 121),
        "kennisbank incrementeel": run(11.6, 60),
        "kennisbank -j 2": run(90, 150),
        "bestuurspakket-PDF": run(30, 300),
    }
    counts = {"thema": 1, "evenement": 2, "netwerk": 3, "persoon": 4, "organisatie": 5}
    table = bench.report(results, 10, counts, 0.01, 3)
    assert "| schone build t.o.v. basislijn | 1.15× | ≤ 1.15× | gehaald |" in table
    assert "| incrementeel na één evenement t.o.v. schoon | 10.1% | ≤ 10% | niet gehaald |" in table
    assert "| piekgeheugen t.o.v. basislijn | 1.21× | ≤ 1.2× | niet gehaald |" in table
    assert "snelste van 3" in table
