"""The search measured: what a member downloads and waits for, Pagefind against Sphinx's search.

    python benchmarks/bench.py --zoeken               # only this, at the default size
    python benchmarks/bench.py --zoeken --scale 0.2   # a fifth, while developing
    python benchmarks/bench.py --zoeken --hergebruik  # search the sites of the last run again

The synthetic knowledge base of bench.py is built twice, clean: with our extension
(Pagefind) and as the baseline with the same navigation (furo, Sphinx's own search, the
same text). Each is served as a static host serves it (gzip for text, as GitHub Pages
does) and opened in Chromium on a throttled phone profile (1.6 Mbps down, 750 kbps up,
150 ms latency, through the DevTools protocol): first the front page, whose CSS and
scripts are then cached, then a query sent in each of three ways (FLOWS): the search page's
address with the query (a link, the address bar), typed after the search button on a phone,
and typed in a page's search field on a laptop, each ended by Enter.
Counted: every byte over the wire from leaving the front page until the search is done
(Pagefind: the page, engine, WebAssembly, index chunks, filter chunks and the excerpts of
the first ten results; Sphinx: the page, its scripts, ``searchindex.js`` and every result
page it fetches for its excerpts), and the time from sending the query until its first result shows. The build
times give the cost of indexing: Pagefind's step as the build logs it, against the clean
build it is part of. A script, never a timed test.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

#: The norms (issue 32).
MAX_SEARCH_KB, MAX_SHARE_OF_SPHINX, MAX_SECONDS, MAX_INDEX_SHARE = 150.0, 1 / 3, 1.0, 0.10
#: The phone profile: bytes per second and milliseconds.
DOWN, UP, LATENCY = 1_600_000 / 8, 750_000 / 8, 150
#: What members of the synthetic site type: a theme, a person, an event series.
QUERIES = ("Thema 7", "Persoon 42", "Bijeenkomst 123")
COMPRESSED = (".html", ".js", ".css", ".json", ".svg", ".txt", ".xml")
#: How a member sends a query: the address (a link, the address bar), typed after the search
#: button on a phone (ours only: the baseline's field is in the closed menu), or typed in the
#: search field of a page on a laptop, then Enter.
FLOWS = {"adres": "via het adres", "telefoon": "zoekknop op de telefoon", "zoekveld": "zoekveld van een pagina"}
BASELINE_FLOWS = ("adres", "zoekveld")
#: Milliseconds between two keys: a quick typist on a phone.
KEY_DELAY = 200


@dataclass
class SearchRun:
    query: str
    kilobytes: float  # over the wire, gzip where a host would use it
    requests: int
    seconds: float  # until the first result shows
    results: int
    flow: str = "adres"


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """A static host: text compressed with gzip, everything else as it is, and each file fresh
    for ten minutes (GitHub Pages: ``Cache-Control: max-age=600``), so that the search page
    takes the CSS and scripts the front page loaded from the browser's cache."""

    def send_head(self):  # noqa: ANN201 (the standard library's signature)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix.lower() not in COMPRESSED or not path.is_file():
            return super().send_head()
        body = _compressed(str(path), path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, *args: object) -> None:
        pass


@functools.lru_cache(maxsize=8192)
def _compressed(path: str, _mtime: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def search_in_browser(browser, root: str, query: str, ours: bool, flow: str = "adres") -> SearchRun:  # noqa: ANN001
    """One search from the front page (loaded, so its CSS and scripts are in the cache), in
    one of FLOWS; the seconds from sending the query (the address, or Enter) to its first result."""
    context = browser.new_context(viewport={"width": 1280 if flow == "zoekveld" else 375, "height": 800})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": LATENCY, "downloadThroughput": DOWN, "uploadThroughput": UP},
    )
    page.goto(root + "index.html", wait_until="networkidle")
    sizes: dict[str, float] = {}
    pending: set[str] = set()
    cdp.on("Network.requestWillBeSent", lambda event: pending.add(event["requestId"]))
    cdp.on("Network.loadingFailed", lambda event: pending.discard(event["requestId"]))

    def finished(event: dict) -> None:
        sizes[event["requestId"]] = event["encodedDataLength"]
        pending.discard(event["requestId"])

    cdp.on("Network.loadingFinished", finished)
    first = ".kb-resultaat" if ours else "#search-results ul.search li"
    if flow == "adres":
        started = time.perf_counter()
        page.goto(f"{root}search.html?q={quote(query)}", wait_until="commit")
    else:
        if flow == "telefoon":  # the header's button opens the search page, with the field focused
            page.click(".kb-zoekknop")
            page.wait_for_function("document.activeElement && document.activeElement.id === 'kb-zoekveld'")
        else:  # the search field in a page's menu
            page.click("form.sidebar-search-container input")
        page.keyboard.type(query, delay=KEY_DELAY)
        started = time.perf_counter()
        page.keyboard.press("Enter")
    if ours:  # the results of this query, not of what was typed before it
        page.wait_for_function(
            "q => document.getElementById('kb-zoekstatus').textContent.includes('‘' + q + '’')"
            " && document.querySelector('.kb-resultaat')",
            arg=query,
            timeout=120_000,
        )
    else:
        page.wait_for_selector(first, timeout=120_000)
    seconds = time.perf_counter() - started
    # Sphinx fetches every result's page for its excerpt, one after another: until none is left
    # (counted here: a search on the page it was typed in has no load state to wait for).
    quiet = 0
    while quiet < 5:
        page.wait_for_timeout(100)
        quiet = 0 if pending else quiet + 1
    count = page.locator(first).count()
    context.close()
    return SearchRun(query, round(sum(sizes.values()) / 1000, 1), len(sizes), round(seconds, 2), count, flow)


def build(srcdir: Path, outdir: Path) -> tuple[float, float | None]:
    """A clean build's seconds, and the seconds of its search index step (ours) from its log."""
    shutil.rmtree(outdir, ignore_errors=True)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-E", "-d", str(outdir / ".doctrees"), str(srcdir), str(outdir)],
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"De build van {srcdir} mislukte:\n{done.stderr[-3000:]}")
    step = re.search(r"zoekindex: Pagefind, .* in ([\d.]+) s", done.stdout)
    return seconds, float(step.group(1)) if step else None


def measure_search(bench, scale: float, workdir: Path, progress=print, reuse: bool = False) -> dict:  # noqa: ANN001
    """Build both sites at ``scale`` (or, with ``reuse``, take those of the last run as they
    are) and search each; the results for ``report``."""
    from playwright.sync_api import sync_playwright

    builds = workdir / "zoeken" / "builds.json"
    if reuse:
        sites = {variant: tuple(times) for variant, times in json.loads(builds.read_text())["build"].items()}
    else:
        items, pages = bench.plan(scale)
        sites = {}
        for variant in (bench.OURS, bench.SAME_NAVIGATION):
            bench.write_site(variant, workdir / "zoeken" / variant / "src", items, pages)
            sites[variant] = build(workdir / "zoeken" / variant / "src", workdir / "zoeken" / variant / "html")
            progress(f"zoeken: {variant} gebouwd in {sites[variant][0]:.1f} s")
        builds.write_text(json.dumps({"scale": scale, "build": sites}))
    runs: dict[str, list[SearchRun]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        for variant in (bench.OURS, bench.SAME_NAVIGATION):
            server, root = serve(workdir / "zoeken" / variant / "html")
            try:
                ours = variant == bench.OURS
                runs[variant] = [
                    search_in_browser(browser, root, q, ours, flow)
                    for flow in (FLOWS if ours else BASELINE_FLOWS)
                    for q in QUERIES
                ]
            finally:
                server.shutdown()
            progress(f"zoeken: {variant} {runs[variant]}")
        browser.close()
    return {
        "documents": bench.documents_of(workdir / "zoeken" / bench.OURS / "src"),
        "scale": json.loads(builds.read_text())["scale"],
        "build": sites,
        "runs": runs,
    }


def report(bench, found: dict) -> str:  # noqa: ANN001 (the bench module)
    ours, sphinx = found["runs"][bench.OURS], found["runs"][bench.SAME_NAVIGATION]
    theirs_by = {(run.flow, run.query): run for run in sphinx}
    lines = [
        "| Zoekvraag | Hoe | Pagefind (kennisbank) | Sphinx (basislijn, dezelfde navigatie) | verhouding |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    shares = []
    for mine in ours:
        theirs = theirs_by.get((mine.flow, mine.query))
        cell = (
            f"{theirs.kilobytes:.0f} KB in {theirs.requests} verzoeken, eerste resultaat na {theirs.seconds:.2f} s"
            if theirs
            else "(het zoekveld zit in het gesloten menu)"
        )
        ratio = f"{mine.kilobytes / theirs.kilobytes:.2f}×" if theirs else ""
        if theirs:
            shares.append(mine.kilobytes / theirs.kilobytes)
        lines.append(
            f"| {mine.query} | {FLOWS[mine.flow]} | {mine.kilobytes:.0f} KB in {mine.requests} verzoeken, eerste "
            f"resultaat na {mine.seconds:.2f} s ({mine.results} getoond) | {cell} | {ratio} |"
        )
    clean, step = found["build"][bench.OURS]
    largest = max(run.kilobytes for run in ours)
    typed = max(run.seconds for run in ours if run.flow != "adres")
    linked = max(run.seconds for run in ours if run.flow == "adres")
    verdicts = [
        (
            "gedownload per zoekvraag (grootste)",
            f"{largest:.0f} KB",
            f"≤ {MAX_SEARCH_KB:g} KB",
            largest <= MAX_SEARCH_KB,
        ),
        ("t.o.v. de zoekfunctie van Sphinx", f"{max(shares):.2f}×", "≤ 0,33×", max(shares) <= MAX_SHARE_OF_SPHINX),
        (
            "eerste resultaat na Enter, getypt (traagste)",
            f"{typed:.2f} s",
            f"≤ {MAX_SECONDS:g} s",
            typed <= MAX_SECONDS,
        ),
        (
            "eerste resultaat via een link of de adresbalk (traagste)",
            f"{linked:.2f} s",
            f"≤ {MAX_SECONDS:g} s",
            linked <= MAX_SECONDS,
        ),
    ]
    if step is not None:
        verdicts.append(
            (
                "zoekindex t.o.v. de rest van de schone build",
                f"{step:.1f} s van {clean:.1f} s ({step / (clean - step):.1%})",
                "≤ 10%",
                step / (clean - step) <= MAX_INDEX_SHARE,
            )
        )
    lines += ["", "| Doel | Gemeten | Norm | Uitkomst |", "| --- | ---: | ---: | --- |"]
    lines += [
        f"| {goal} | {value} | {norm} | {'gehaald' if met else 'niet gehaald'} |" for goal, value, norm, met in verdicts
    ]
    lines += [
        "",
        f"Omvang: {found['documents']} pagina's (schaal {found['scale']:g}). Telefoonprofiel: 1,6 Mbps, 150 ms "
        "vertraging (Chromium via het DevTools-protocol), tekst met gzip zoals een webhost die stuurt; de startpagina "
        f"was al geladen. Getypt met {KEY_DELAY} ms per toets; de tijd loopt vanaf Enter. Schone build van de "
        f"basislijn (met de zoekindex van Sphinx): {found['build'][bench.SAME_NAVIGATION][0]:.1f} s; van de "
        f"kennisbank: {clean:.1f} s.",
    ]
    return "\n".join(lines)
