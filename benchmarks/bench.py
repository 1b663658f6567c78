"""Benchmark: the knowledge base with our extension against two hand-written baselines.

    python benchmarks/bench.py                  # default size: 1,000 pages, 5,000 events, ...
    python benchmarks/bench.py --scale 0.1      # a tenth of that, for a quick look
    python benchmarks/bench.py --stock-full     # also the stock baseline at the full size (~15 min more)
    python benchmarks/bench.py --write docs/prestaties.md

It generates one synthetic knowledge base (fixed seed) three times: as pages with
our directives and roles ("kennisbank"), and twice as plain MyST with the same
text and the same links written by hand (labels, {ref} links, hand-made
"Gerelateerd" lists and agenda): once with furo as is (the stock baseline), once
with ``furo_cached_navigation`` (with our limit of pages listed per folder) and the
event pages marked ``navigation: hidden``, so that its sidebar has the same shape
as ours. All three use the same theme.

In one run it measures, each build a ``sphinx-build`` process of its own, timed
from its start to its exit as ``make html`` runs it: the clean build, an
incremental build after one event edit (and how many pages it rewrote), a -j 2
build, peak memory, the median and largest HTML page, the board-pack PDF after
the HTML build (sharing its doctrees), and a growth table of clean builds at
several sizes. The stock baseline is measured at the full size only with
--stock-full: it grows with the square of the pages. The script compares the
figures against the targets and can write the tables to a docs page. A fixed
loop of pure Python, timed at the start and at the end, tells how fast the
machine was during the run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kennisbank.sphinx_ext.navigation import SIDEBAR_MAX_PAGES

DEFAULT = {"pages": 1000, "events": 5000, "networks": 500, "people": 1000, "themes": 50}
ORGANISATIONS = 100
#: MyST comments: the site does not render HTML (a contributor's HTML shows as text).
MARK_START, MARK_END = "% bench:start", "% bench:end"
#: Where --zoeken puts its table.
SEARCH_START, SEARCH_END = "% bench-zoeken:start", "% bench-zoeken:end"

#: The three sites, in the order of the tables' columns.
STOCK, SAME_NAVIGATION, OURS = "stock", "navigation", "ours"
VARIANTS = (STOCK, SAME_NAVIGATION, OURS)
LABELS = {
    STOCK: "basislijn, Furo zoals het is",
    SAME_NAVIGATION: "basislijn, dezelfde navigatie",
    OURS: "kennisbank",
}
#: The growth table's sizes, as fractions of --scale; the stock baseline up to STOCK_LIMIT
#: unless --stock-full.
GROWTH = (0.1, 0.25, 0.5, 1.0)
STOCK_LIMIT = 0.5


@dataclass(frozen=True)
class Targets:
    """The norms at the default size (issue 13); times are wall-clock seconds."""

    clean_seconds: float = 45.0
    speedup_over_stock: float = 10.0
    cost_over_same_navigation: float = 1.15
    growth_from_quarter: float = 4.5
    incremental_seconds: float = 5.0
    incremental_over_baseline: float = 2.0
    pdf_seconds: float = 10.0
    median_page_kb: float = 50.0
    largest_page_kb: float = 250.0  # issue 31: directories stay light at scale
    run_minutes: float = 15.0


TARGETS = Targets()


# -- the synthetic knowledge base ---------------------------------------------------


@dataclass
class Item:
    kind: str
    id: str
    title: str
    page: str  # docname
    fields: dict = field(default_factory=dict)
    refs: list = field(default_factory=list)  # (field, kind, id)


def plan(scale: float, seed: int = 2023) -> tuple[list[Item], dict[str, list[Item]]]:
    rng = random.Random(seed)
    n = {key: max(1, round(value * scale)) for key, value in DEFAULT.items()}
    n_orgs = max(2, round(ORGANISATIONS * scale))
    people_pages, network_pages, org_pages = max(1, n["people"] // 20), max(1, n["networks"] // 5), max(1, n_orgs // 10)
    agenda_pages = max(1, n["pages"] - n["themes"] - people_pages - network_pages - org_pages - 6)
    items: list[Item] = []
    themes = [
        Item("thema", f"t{i}", f"Thema {i}", f"themas/t{i}", {"samenvatting": f"Over thema {i}."})
        for i in range(n["themes"])
    ]
    orgs = [
        Item("organisatie", f"o{i}", f"Organisatie {i}", f"organisaties/p{i % org_pages}", {"soort": "gemeente"})
        for i in range(n_orgs)
    ]
    people = []
    for i in range(n["people"]):
        person = Item("persoon", f"p{i}", f"Persoon {i}", f"personen/p{i % people_pages}")
        for org in rng.sample(orgs, k=min(2, len(orgs)) if i % 3 == 0 else 1):
            person.refs.append(("rollen", "organisatie", org.id))
        people.append(person)
    networks = []
    for i in range(n["networks"]):
        network = Item(
            "netwerk",
            f"n{i}",
            f"Netwerk {i}",
            f"netwerken/p{i % network_pages}",
            {"status": "actief", "expertise": [f"Vakgebied {i % 12}"]},
        )
        network.refs += [("coordinator", "organisatie", rng.choice(orgs).id), ("thema", "thema", rng.choice(themes).id)]
        if i:
            network.refs.append(("partners", "netwerk", f"n{rng.randrange(i)}"))
        networks.append(network)
    events = []
    start = dt.datetime(2023, 1, 2, 9, 0)
    for i in range(n["events"]):
        when = start + dt.timedelta(days=rng.randrange(900), hours=rng.choice([0, 4, 6]))
        event = Item("evenement", f"e{i}", f"Bijeenkomst {i}", f"agenda/p{i % agenda_pages}", {"start": when})
        event.refs += [("organisator", "organisatie", rng.choice(orgs).id)]
        event.refs += [("thema", "thema", t.id) for t in rng.sample(themes, k=min(2, len(themes)))]
        if rng.random() < 0.5:
            event.refs.append(("netwerk", "netwerk", rng.choice(networks).id))
        if rng.random() < 0.5:
            event.refs.append(("sprekers", "persoon", rng.choice(people).id))
        events.append(event)
    items = themes + orgs + people + networks + events
    pages: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        pages[item.page].append(item)
    return items, pages


def _date(when: dt.datetime) -> str:
    return when.strftime("%Y-%m-%d %H:%M")


def _is_own_page(docname: str) -> bool:
    """A theme's page, or an event's page: the page bears its first object's title.

    An event's page also lists a few more events of the series (the site has
    more events than pages), each under its own heading. The knowledge base
    leaves an event's page out of the sidebar; the baseline with the same
    navigation marks it so by hand.
    """
    return docname.startswith(("themas/", "agenda/"))


def write_site(variant: str, root: Path, items: list[Item], pages: dict[str, list[Item]]) -> None:
    """One of the three sites (see VARIANTS) in ``root``."""
    if variant == OURS:
        write_extension_site(root, items, pages, "Benchmark")
    else:
        write_baseline_site(root, items, pages, "Benchmark", same_navigation=variant == SAME_NAVIGATION)


def write_extension_site(root: Path, items: list[Item], pages: dict[str, list[Item]], title: str) -> None:
    _common(
        root,
        title,
        extensions='["myst_parser", "kennisbank"]',
        extra='kennisbank_reference_date = "2024-01-01"\nhtml_baseurl = "https://bench.example/"\nkennisbank_pdf_whole = False\n',
    )
    for docname, page_items in pages.items():
        lines = [f"# {_page_title(docname, page_items)}", ""]
        for item in page_items:
            if not (_is_own_page(docname) and item is page_items[0]):
                lines += [f"## {item.title}", ""]
            lines += [f"```{{{item.kind}}} {item.id}", "---"]
            fields = dict(item.fields)
            grouped = defaultdict(list)
            for name, _kind, target in item.refs:
                grouped[name].append(target)
            for name, value in fields.items():
                if name == "start":
                    lines.append(f"start: {_date(value)}")
                elif isinstance(value, list):
                    lines += [f"{name}: |", *(f"  {v}" for v in value)]
                else:
                    lines.append(f"{name}: {value}")
            for name, targets in grouped.items():
                if name == "rollen":
                    lines += ["rollen: |", *(f"  lid; {t}" for t in targets)]
                else:
                    lines.append(f"{name}: {', '.join(targets)}")
            lines += ["---", f"Tekst over {item.title}, met een verwijzing naar {{thema}}`t0`.", "```", ""]
        _write(root / f"{docname}.md", lines)
    # As on the site: the coming events (the first kennisbank_coming_limit, then the month
    # pages), the archive as a page per year, and the month view with a page per month.
    agenda = ["```{agenda} komend", "```", "", "```{agenda} archief", "```", "", "```{maandoverzicht}", "```"]
    _write_indexes(root, pages, agenda=agenda)
    _write(root / "gids.md", ["# Gids", "", "```{gids} netwerken", "```", "", "```{gids} personen", "```"])
    themes = [i.id for i in items if i.kind == "thema"][:10]
    _write(
        root / "pakket.md",
        [
            "# Pakket",
            "",
            "```{bestuurspakket}",
            "---",
            "vergadering: Algemeen bestuur",
            "datum: 2024-01-15",
            "onderdelen: |",
            *(f"  {t}" for t in themes),
            "agenda-maanden: 2",
            "---",
            "```",
        ],
    )


def write_baseline_site(
    root: Path, items: list[Item], pages: dict[str, list[Item]], title: str, same_navigation: bool = False
) -> None:
    """The same text and links, written by hand: labels, {ref} links, hand-made lists.

    With ``same_navigation`` the site loads ``furo_cached_navigation`` with the
    knowledge base's limit of pages listed per folder, and its event pages carry
    ``navigation: hidden``: the sidebar of the knowledge base, built the same way,
    without the rest of our extension. It loads ``sphinx_frozen_gc`` and
    ``sphinx_quick_transforms`` as our extension does, so that the two differ only
    in the knowledge base's own work.
    """
    if same_navigation:
        extensions = '["myst_parser", "furo_cached_navigation", "sphinx_frozen_gc", "sphinx_quick_transforms"]'
        extra = f"cached_navigation_max_pages = {SIDEBAR_MAX_PAGES}\n"
    else:
        extensions, extra = '["myst_parser"]', ""
    _common(root, title, extensions=extensions, extra=extra)
    by_id = {i.id: i for i in items}
    incoming: dict[str, list[tuple[Item, str]]] = defaultdict(list)
    for item in items:
        for name, _kind, target in item.refs:
            incoming[target].append((item, name))

    def ref(target: str) -> str:
        return f"{{ref}}`{by_id[target].title} <kb-{by_id[target].kind}-{target}>`"

    for docname, page_items in pages.items():
        lines = []
        if same_navigation and page_items[0].kind == "evenement":
            lines += ["---", "navigation: hidden", "---", ""]
        if _is_own_page(docname):
            lines += [f"(kb-{page_items[0].kind}-{page_items[0].id})=", ""]
        lines += [f"# {_page_title(docname, page_items)}", ""]
        for item in page_items:
            if not (_is_own_page(docname) and item is page_items[0]):
                lines += [f"(kb-{item.kind}-{item.id})=", f"## {item.title}", ""]
            for name, value in item.fields.items():
                shown = _date(value) if name == "start" else ", ".join(value) if isinstance(value, list) else value
                lines.append(f":{name}: {shown}")
            grouped = defaultdict(list)
            for name, _kind, target in item.refs:
                grouped[name].append(ref(target))
            lines += [f":{name}: {', '.join(targets)}" for name, targets in grouped.items()]
            lines += ["", f"Tekst over {item.title}, met een verwijzing naar {ref('t0')}.", ""]
            if incoming[item.id]:
                lines += ["**Gerelateerd**", ""]
                for source, name in sorted(incoming[item.id], key=lambda s: s[0].id):
                    lines.append(f"- {ref(source.id)} ({name})")
                lines.append("")
        _write(root / f"{docname}.md", lines)
    events = sorted((i for i in items if i.kind == "evenement"), key=lambda e: e.fields["start"])
    agenda = [f"- {_date(e.fields['start'])}: {ref(e.id)}" for e in events]
    _write_indexes(root, pages, agenda=agenda)

    def entry(item: Item) -> str:
        """A directory line as our {gids} shows it: the object and its organisations."""
        orgs = [ref(target) for _name, kind, target in item.refs if kind == "organisatie"]
        return f"- {ref(item.id)}" + (f": {', '.join(orgs)}" if orgs else "")

    networks = [entry(i) for i in items if i.kind == "netwerk"]
    people = [entry(i) for i in items if i.kind == "persoon"]
    _write(root / "gids.md", ["# Gids", "", "## Netwerken", "", *networks, "", "## Personen", "", *people])
    _write(root / "pakket.md", ["# Pakket", "", "Algemeen bestuur, 15 januari 2024."])


def _common(root: Path, title: str, extensions: str, extra: str) -> None:
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / "conf.py").write_text(
        f'project = "{title}"\nlanguage = "nl"\nextensions = {extensions}\nhtml_theme = "furo"\n'
        'exclude_patterns = ["_build"]\n' + extra,
        encoding="utf-8",
    )


def _write_indexes(root: Path, pages: dict[str, list[Item]], agenda: list[str]) -> None:
    sections = defaultdict(list)
    for docname in sorted(pages, key=lambda d: (d.split("/")[0], int(re.sub(r"\D", "", d.split("/")[1]) or 0))):
        sections[docname.split("/")[0]].append(docname.split("/")[1])
    for section, names in sections.items():
        _write(
            root / section / "index.md",
            [f"# {section.capitalize()}", "", "```{toctree}", ":maxdepth: 1", "", *names, "```"],
        )
    _write(root / "agenda-overzicht.md", ["# Agenda", "", *agenda])
    toctree = [f"{s}/index" for s in sections] + ["agenda-overzicht", "gids", "pakket"]
    _write(root / "index.md", ["# Benchmark", "", "```{toctree}", ":maxdepth: 1", "", *toctree, "```"])


def _page_title(docname: str, items: list[Item]) -> str:
    return items[0].title if _is_own_page(docname) else f"{docname.split('/')[0].capitalize()} {docname.split('/')[1]}"


def _write(path: Path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# -- measuring ----------------------------------------------------------------------


def measure(
    srcdir: Path, outdir: Path, builder: str = "html", jobs: int = 1, fresh: bool = True, may_fail: bool = False
) -> dict:
    """One ``sphinx-build``, as ``make html`` runs it: a process of its own, timed from
    its start to its exit (Python's start-up and shut-down included: a reader waits for
    both), with its processor time and peak memory (MiB) as the kernel counts them for
    it and the helper processes it waited for, the pages written and the documents read.

    A fresh build starts from an empty output folder; any other shares the
    doctrees (``outdir/.doctrees``) with the builds before it. A failed build
    stops the run, unless ``may_fail``: then the result carries the error
    (``failure``), for the report."""
    if fresh and outdir.exists():
        shutil.rmtree(outdir)
    doctrees = outdir / ".doctrees"
    args = [sys.executable, "-m", "sphinx", "-b", builder, "-d", str(doctrees), "-j", str(jobs)]
    args += ["-E"] if fresh else []
    args += [str(srcdir), str(outdir / builder)]
    started_ns, started = time.time_ns(), time.perf_counter()
    with tempfile.TemporaryFile() as log:  # not a pipe: a full pipe would stall the build
        process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=build_environment())
        _pid, status, usage = os.wait4(process.pid, 0)  # the rusage of this one build
        seconds = time.perf_counter() - started
        process.returncode = code = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().decode("utf-8", errors="replace")
    result = {
        "code": code,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_mib": round(usage.ru_maxrss / 1024, 1),  # the largest of its processes
        "written": pages_written(outdir / builder, since_ns=started_ns),
        "read": documents_read(doctrees, since_ns=started_ns),
    }
    if code != 0:
        if not may_fail:
            raise SystemExit(f"De build van {srcdir} ({builder}) mislukte (code {code}):\n{output[-4000:]}")
        result["failure"] = build_error(output)
    return result


def build_environment() -> dict[str, str]:
    """The environment of a measured build: this one, with Python's bytecode cache on.

    A machine may turn the cache off (``PYTHONDONTWRITEBYTECODE``, as the sandbox
    this was written on does); every build would then compile the extensions'
    sources again, which no contributor's or CI's build does twice."""
    return {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def build_error(log: str) -> str:
    """The one line of a failed build's output that says why."""
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    reasons = [line for line in lines if re.match(r"(Reason|([\w.]+\.)?\w*(Error|Exception))\b", line)]
    return (reasons or lines or ["onbekende fout"])[-1][:300]


def measure_best(repeat: int, srcdir: Path, outdir: Path, **options) -> dict:
    """The fastest of ``repeat`` runs: this shared machine varies ~10% between runs.

    An incremental build can only be measured once per edit, so callers repeat
    only clean builds."""
    return min((measure(srcdir, outdir, **options) for _ in range(repeat)), key=lambda r: r["seconds"])


def pages_written(outdir: Path, since_ns: int) -> int:
    """Pages (HTML or PDF files) the build wrote: Sphinx's own progress lines count
    chunks, not pages, under ``-j``, and the PDF builder prints none."""
    return sum(
        1 for path in outdir.rglob("*") if path.suffix in {".html", ".pdf"} and path.stat().st_mtime_ns >= since_ns
    )


def documents_read(doctrees: Path, since_ns: int) -> int:
    """Source pages the build (re)read: each one leaves a fresh ``.doctree`` pickle."""
    return sum(1 for path in doctrees.rglob("*.doctree") if path.stat().st_mtime_ns >= since_ns)


def page_sizes(htmldir: Path) -> dict:
    """Median and largest HTML page in KB (1,000 bytes), and the largest page's name."""
    sizes = {str(path.relative_to(htmldir)): path.stat().st_size for path in htmldir.rglob("*.html")}
    largest = max(sizes, key=sizes.__getitem__)
    return {
        "median_kb": round(statistics.median(sizes.values()) / 1000, 1),
        "largest_kb": round(sizes[largest] / 1000, 1),
        "largest_page": largest,
    }


#: The page whose first event the incremental builds move.
EDITED_PAGE = Path("agenda", "p0.md")
#: Incremental builds take seconds, and this shared machine varies by a second from one
#: to the next: each is measured this many times, each time after moving the same event
#: by one more day, and the fastest counts, as for the clean builds with --repeat.
INCREMENTAL_ROUNDS = 3


def edit_one_event(root: Path) -> None:
    page = root / EDITED_PAGE
    text = page.read_text(encoding="utf-8")
    match = re.search(r"(start: |:start: )(\d{4}-\d{2}-\d{2})", text)
    moved = (dt.date.fromisoformat(match.group(2)) + dt.timedelta(days=1)).isoformat()
    page.write_text(text[: match.start(2)] + moved + text[match.end(2) :], encoding="utf-8")


def measure_incremental(srcdir: Path, outdir: Path, rounds: int = INCREMENTAL_ROUNDS) -> dict:
    """The fastest of ``rounds`` incremental builds, each after moving one event by a day."""
    return measure_incremental_in_turns({"": (srcdir, outdir)}, rounds)[""]


def measure_incremental_in_turns(sites: dict[str, tuple[Path, Path]], rounds: int = INCREMENTAL_ROUNDS) -> dict:
    """Per site (name: source and output folder), the fastest of ``rounds`` incremental builds.

    The sites take turns, round by round: a slow minute of this shared machine then falls
    on both sides of the comparison of their incremental builds, not on one of them."""
    results: dict[str, list[dict]] = {name: [] for name in sites}
    for _ in range(rounds):
        for name, (srcdir, outdir) in sites.items():
            edit_one_event(srcdir)
            results[name].append(measure(srcdir, outdir, fresh=False))
    return {name: min(found, key=lambda result: result["seconds"]) for name, found in results.items()}


def reference_seconds(repeat: int = 3) -> float:
    """How long a fixed loop of pure Python takes here now, the fastest of ``repeat``.

    The same work on every machine and day: it tells how fast the machine was during a
    run, so that runs on a slower day can be read against each other (lower is faster)."""
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        total = 0
        for number in range(REFERENCE_LOOP):
            total += number
        timings.append(time.perf_counter() - started)
    return min(timings)


#: The reference loop's length: 0.8 s on this project's 2-core machine on 30 November 2026.
REFERENCE_LOOP = 20_000_000


def documents_of(root: Path) -> int:
    return sum(1 for _ in root.rglob("*.md"))


# -- one run ------------------------------------------------------------------------


@dataclass
class GrowthRow:
    """Clean builds at one size of the growth table, per variant."""

    factor: float  # of --scale
    scale: float
    documents: int
    clean: dict[str, dict] = field(default_factory=dict)


@dataclass
class Run:
    """Everything one benchmark run measured, for the report."""

    scale: float
    repeat: int
    documents: int
    counts: dict[str, int]
    builds: dict[str, dict[str, dict]]  # variant -> {"clean", "incremental", "j2", "sizes"}
    pdf: dict | None
    growth: list[GrowthRow]
    stock_full: bool
    seconds: float = 0.0  # the whole run, wall clock
    stock_full_seconds: float = 0.0  # of which the stock baseline at full size (--stock-full)
    clock: str = "seconds"  # the time the norms judge: wall clock ("seconds") or "cpu_seconds"
    reference: tuple[float, float] | None = None  # reference_seconds() at the start and at the end


def run_benchmark(args: argparse.Namespace, progress=print) -> Run:
    """Every build of one run: each variant at the full size (--scale), then the growth table.

    The growth table's full-size row reuses the clean builds measured first."""
    started = time.perf_counter()
    reference_at_start = reference_seconds()
    items, pages = plan(args.scale)
    counts = {
        k: sum(1 for i in items if i.kind == k) for k in ("thema", "evenement", "netwerk", "persoon", "organisatie")
    }
    variants = [SAME_NAVIGATION, OURS] + ([STOCK] if args.stock_full else [])
    for variant in variants:
        write_site(variant, args.workdir / variant / "src", items, pages)
    documents = documents_of(args.workdir / OURS / "src")
    progress(f"Gegenereerd: {documents} pagina's, {counts}")

    def step(name: str, result: dict) -> dict:
        progress(f"{name}: {result}")  # a run takes minutes: show progress
        return result

    builds: dict[str, dict[str, dict]] = {variant: {} for variant in variants}
    sites = {variant: (args.workdir / variant / "src", args.workdir / variant / "out") for variant in variants}
    stock_full_seconds = 0.0
    for variant, (src, out) in sites.items():
        variant_started = time.perf_counter()
        repeat = 1 if variant == STOCK else args.repeat  # the stock baseline at full size: once
        builds[variant]["clean"] = step(f"{variant} schoon", measure_best(repeat, src, out))
        builds[variant]["sizes"] = step(f"{variant} paginagrootte", page_sizes(out / "html"))
        if variant == STOCK:  # its incremental build is not judged: once
            builds[variant]["incremental"] = step(f"{variant} incrementeel", measure_incremental(src, out, 1))
            stock_full_seconds += time.perf_counter() - variant_started
    judged = {variant: site for variant, site in sites.items() if variant != STOCK}
    for variant, result in measure_incremental_in_turns(judged).items():
        builds[variant]["incremental"] = step(f"{variant} incrementeel", result)
    # The board packs, with the doctrees of the HTML builds just made (make html, then make pdf).
    src, out = sites[OURS]
    pdf = step("bestuurspakket-PDF", measure(src, out, builder="kennisbank-pdf", fresh=False, may_fail=True))
    for variant, (src, _out) in judged.items():
        builds[variant]["j2"] = step(
            f"{variant} -j 2", measure_best(args.repeat, src, args.workdir / variant / "out-j2", jobs=2)
        )

    growth = []
    for factor in GROWTH:
        if factor == 1.0:
            row = GrowthRow(factor, args.scale, documents)
            row.clean = {variant: build["clean"] for variant, build in builds.items()}
        else:
            scale = round(args.scale * factor, 4)
            items, pages = plan(scale)
            base = args.workdir / f"groei-{factor}"
            row = GrowthRow(factor, scale, 0)
            for variant in VARIANTS:
                if variant == STOCK and factor > STOCK_LIMIT:
                    continue
                write_site(variant, base / variant / "src", items, pages)
                row.documents = documents_of(base / variant / "src")
                row.clean[variant] = step(
                    f"groei {scale} {variant}",
                    measure_best(args.repeat, base / variant / "src", base / variant / "out"),
                )
        growth.append(row)
    return Run(
        scale=args.scale,
        repeat=args.repeat,
        documents=documents,
        counts=counts,
        builds=builds,
        pdf=pdf,
        growth=growth,
        stock_full=args.stock_full,
        seconds=time.perf_counter() - started,
        stock_full_seconds=stock_full_seconds,
        clock="cpu_seconds" if args.cpu_norms else "seconds",
        reference=(reference_at_start, reference_seconds()),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="size of the site; 1.0 is the default size")
    parser.add_argument("--workdir", type=Path, default=Path("build/bench"))
    parser.add_argument("--write", type=Path, help="docs page to put the results tables in")
    parser.add_argument("--repeat", type=int, default=1, help="measure each clean build N times, keep the fastest")
    parser.add_argument(
        "--stock-full",
        action="store_true",
        help="also build the stock baseline at the full size, once (about 15 minutes at the default size)",
    )
    parser.add_argument(
        "--cpu-norms",
        action="store_true",
        help="judge the time norms on CPU time instead of wall time (on a machine others are using)",
    )
    parser.add_argument(
        "--zoeken",
        action="store_true",
        help="alleen de zoekfunctie meten: Pagefind tegen de zoekfunctie van Sphinx (benchmarks/searchbench.py)",
    )
    parser.add_argument(
        "--voorbeeld",
        action="store_true",
        help="only the preview of a pull request on main's cached build (benchmarks/preview.py), 3 to 5 minutes",
    )
    parser.add_argument(
        "--hergebruik",
        action="store_true",
        help="met --zoeken: de sites van de vorige meting niet opnieuw bouwen, alleen opnieuw zoeken",
    )
    args = parser.parse_args()
    if args.zoeken:
        import searchbench  # beside this script

        found = searchbench.measure_search(
            sys.modules[__name__],
            args.scale,
            args.workdir,
            progress=lambda line: print(line, flush=True),
            reuse=args.hergebruik,
        )
        table = searchbench.report(sys.modules[__name__], found)
        print(table)
        if args.write:
            text = args.write.read_text(encoding="utf-8")
            args.write.write_text(with_table(text, table, SEARCH_START, SEARCH_END), encoding="utf-8")
        return 0
    if args.voorbeeld:
        import preview

        return preview.main(
            ["--scale", str(args.scale), "--workdir", str(args.workdir / "voorbeeld")]
            + (["--write", str(args.write)] if args.write else [])
        )
    run = run_benchmark(args, progress=lambda line: print(line, flush=True))
    table = report(run, machine=describe_machine(), when=dt.date.today())
    print(table)
    if args.write:
        args.write.write_text(with_table(args.write.read_text(encoding="utf-8"), table), encoding="utf-8")
    return 0


def with_table(page: str, table: str, start_mark: str = MARK_START, end_mark: str = MARK_END) -> str:
    """``page`` with ``table`` between the markers, each on a line of its own."""
    start, end = page.index(start_mark) + len(start_mark), page.index(end_mark)
    return page[:start] + "\n\n" + table + "\n\n" + page[end:]


def describe_machine() -> str:
    cpu = platform.machine()
    try:
        names = re.findall(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), flags=re.MULTILINE)
        cpu = names[0].strip() if names else cpu
    except OSError:
        pass
    return f"{platform.system()}, {cpu}, {os.cpu_count()} kernen, Python {platform.python_version()}"


# -- the report ---------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    goal: str
    measured: str
    norm: str
    met: bool | None  # None: not judged in this run

    @property
    def outcome(self) -> str:
        return {True: "gehaald", False: "niet gehaald", None: "niet beoordeeld"}[self.met]


def stock_clean_seconds(run: Run) -> tuple[float, bool] | None:
    """The stock baseline's clean build at the full size, and whether it is estimated.

    Without --stock-full it is extrapolated from the two largest sizes of the
    growth table, as pages^k (furo as is grows faster than linearly)."""
    if STOCK in run.builds:
        return run.builds[STOCK]["clean"][run.clock], False
    points = sorted((row.documents, row.clean[STOCK][run.clock]) for row in run.growth if STOCK in row.clean)
    if len(points) < 2 or points[-1][0] == points[-2][0]:
        return None
    (pages_1, seconds_1), (pages_2, seconds_2) = points[-2:]
    power = math.log(seconds_2 / seconds_1) / math.log(pages_2 / pages_1)
    return seconds_2 * (run.documents / pages_2) ** power, True


def growth_ratio(run: Run, variant: str, factor: float = 0.25) -> float | None:
    """The clean build at the full size over the one at ``factor`` of it."""
    rows = {row.factor: row for row in run.growth}
    if factor not in rows or 1.0 not in rows or variant not in rows[1.0].clean or variant not in rows[factor].clean:
        return None
    return rows[1.0].clean[variant][run.clock] / rows[factor].clean[variant][run.clock]


def judge(run: Run) -> list[Verdict]:
    t = TARGETS
    ours, same = run.builds[OURS], run.builds[SAME_NAVIGATION]
    verdicts = [
        Verdict(
            "schone build",
            f"{ours['clean'][run.clock]:.1f} s",
            f"≤ {t.clean_seconds:g} s",
            ours["clean"][run.clock] <= t.clean_seconds,
        )
    ]
    stock = stock_clean_seconds(run)
    if stock is None:
        verdicts.append(
            Verdict(
                "sneller dan de basislijn met Furo zoals het is", "niet gemeten", f"≥ {t.speedup_over_stock:g}×", None
            )
        )
    else:
        seconds, estimated = stock
        speedup = seconds / ours["clean"][run.clock]
        label = f"{speedup:.1f}× (geschat: {seconds:.0f} s)" if estimated else f"{speedup:.1f}× ({seconds:.0f} s)"
        verdicts.append(
            Verdict(
                "sneller dan de basislijn met Furo zoals het is",
                label,
                f"≥ {t.speedup_over_stock:g}×",
                speedup >= t.speedup_over_stock,
            )
        )
    cost = ours["clean"][run.clock] / same["clean"][run.clock]
    verdicts.append(
        Verdict(
            "schone build t.o.v. de basislijn met dezelfde navigatie",
            f"{cost:.2f}×",
            f"≤ {t.cost_over_same_navigation:g}×",
            cost <= t.cost_over_same_navigation,
        )
    )
    growth = growth_ratio(run, OURS)
    verdicts.append(
        Verdict(
            "groei: volle omvang t.o.v. een kwart",
            "niet gemeten" if growth is None else f"{growth:.2f}×",
            f"≤ {t.growth_from_quarter:g}×",
            None if growth is None else growth <= t.growth_from_quarter,
        )
    )
    incremental = ours["incremental"][run.clock]
    verdicts.append(
        Verdict(
            "incrementeel na één evenement",
            f"{incremental:.1f} s",
            f"≤ {t.incremental_seconds:g} s",
            incremental <= t.incremental_seconds,
        )
    )
    versus = incremental / same["incremental"][run.clock]
    verdicts.append(
        Verdict(
            "incrementeel t.o.v. de basislijn met dezelfde navigatie",
            f"{versus:.2f}×",
            f"≤ {t.incremental_over_baseline:g}×",
            versus <= t.incremental_over_baseline,
        )
    )
    if run.pdf is None:
        verdicts.append(Verdict("bestuurspakket-PDF na de HTML-build", "niet gemeten", f"≤ {t.pdf_seconds:g} s", None))
    elif "failure" in run.pdf:
        verdicts.append(Verdict("bestuurspakket-PDF na de HTML-build", "mislukt", f"≤ {t.pdf_seconds:g} s", False))
    else:
        verdicts.append(
            Verdict(
                "bestuurspakket-PDF na de HTML-build",
                f"{run.pdf[run.clock]:.1f} s",
                f"≤ {t.pdf_seconds:g} s",
                run.pdf[run.clock] <= t.pdf_seconds,
            )
        )
    median = ours["sizes"]["median_kb"]
    verdicts.append(
        Verdict("mediane HTML-pagina", f"{median:.1f} KB", f"< {t.median_page_kb:g} KB", median < t.median_page_kb)
    )
    largest = ours["sizes"]
    verdicts.append(
        Verdict(
            "grootste HTML-pagina",
            f"{largest['largest_kb']:.1f} KB ({largest['largest_page']})",
            f"≤ {t.largest_page_kb:g} KB",
            largest["largest_kb"] <= t.largest_page_kb,
        )
    )
    minutes = (run.seconds - run.stock_full_seconds) / 60
    measured = f"{minutes:.1f} min" + (
        f" (zonder de {run.stock_full_seconds / 60:.1f} min van --stock-full)" if run.stock_full else ""
    )
    verdicts.append(Verdict("de hele run (make bench)", measured, f"< {t.run_minutes:g} min", minutes < t.run_minutes))
    return verdicts


def _time(result: dict | None) -> str:
    if result is None:
        return "niet gemeten"
    return f"{result['seconds']:.1f} s (CPU {result['cpu_seconds']:.1f} s)"


def pdf_summary(pdf: dict, documents: int) -> str:
    """The board pack after the HTML build: its time, and whether it could reuse that build's reading."""
    start = "Bestuurspakket-PDF na de HTML-build, met dezelfde doctrees (`-b kennisbank-pdf -d`): "
    reread = f"{pdf['read']} van de {documents} pagina's opnieuw gelezen"
    if "failure" in pdf:
        return start + f"mislukt na {pdf['seconds']:.1f} s ({reread}). Fout: `{pdf['failure']}`"
    reuse = (
        " (de PDF-build kon de omgeving van de HTML-build niet hergebruiken)" if pdf["read"] >= documents // 2 else ""
    )
    return start + f"{_time(pdf)}, piekgeheugen {pdf['peak_mib']:.0f} MiB, {reread}{reuse}."


def report(run: Run, machine: str, when: dt.date) -> str:
    builds = {variant: run.builds.get(variant) for variant in VARIANTS}

    def row(name: str, cell) -> str:
        return f"| {name} | " + " | ".join(cell(b) if b else "niet gemeten" for b in builds.values()) + " |"

    def incremental(build: dict) -> str:
        return f"{_time(build['incremental'])}; {build['incremental']['written']} pagina's herschreven"

    def largest(build: dict) -> str:
        return f"{build['sizes']['largest_kb']:.1f} KB ({build['sizes']['largest_page']})"

    header = "| " + " | ".join(LABELS[v] for v in VARIANTS) + " |"
    lines = [
        "| Meting " + header,
        "| --- |" + " ---: |" * len(VARIANTS),
        row("schone build", lambda b: _time(b["clean"])),
        row("incrementeel na één evenement", incremental),
        row("`-j 2`", lambda b: _time(b.get("j2"))),
        row("piekgeheugen (schone build)", lambda b: f"{b['clean']['peak_mib']:.0f} MiB"),
        row("mediane HTML-pagina", lambda b: f"{b['sizes']['median_kb']:.1f} KB"),
        row("grootste HTML-pagina", largest),
        "",
    ]
    if run.pdf is not None:
        lines += [pdf_summary(run.pdf, run.documents), ""]
    lines += [
        "| Schaal | Pagina's " + header,
        "| ---: | ---: |" + " ---: |" * len(VARIANTS),
        *(
            f"| {size.scale:g} | {size.documents} | "
            + " | ".join(_time(size.clean[v]) if v in size.clean else "niet gemeten" for v in VARIANTS)
            + " |"
            for size in run.growth
        ),
        "",
    ]
    ratios = [(LABELS[v], growth_ratio(run, v)) for v in VARIANTS]
    measured = [f"{label} {ratio:.2f}×" for label, ratio in ratios if ratio is not None]
    if measured:
        lines += [f"Groei van een kwart naar de volle omvang (schone build): {'; '.join(measured)}.", ""]
    lines += [
        "| Doel | Gemeten | Norm | Uitkomst |",
        "| --- | ---: | ---: | --- |",
        *(f"| {v.goal} | {v.measured} | {v.norm} | {v.outcome} |" for v in judge(run)),
        "",
        f"Omvang: {run.documents} pagina's; {run.counts['thema']} thema's, {run.counts['evenement']} evenementen, "
        f"{run.counts['netwerk']} netwerken, {run.counts['persoon']} personen, {run.counts['organisatie']} organisaties "
        f"(schaal {run.scale:g}; schone builds: snelste van {run.repeat}; "
        f"incrementele builds: snelste van {INCREMENTAL_ROUNDS}, "
        "de basislijn met dezelfde navigatie en de kennisbank om beurten"
        + ("; de basislijn met Furo zoals het is op volle omvang eenmaal, met `--stock-full`" if run.stock_full else "")
        + "). Tijden zijn wandkloktijd, met de processortijd (CPU) erbij; de normen voor tijden gelden de "
        + ("processortijd (`--cpu-norms`). " if run.clock == "cpu_seconds" else "wandkloktijd. ")
        + f"Gemeten op {when.isoformat()} op {machine}; de hele run duurde {run.seconds / 60:.1f} minuten.",
    ]
    if run.reference is not None:
        steps = f"{REFERENCE_LOOP:_}".replace("_", ".")  # 20.000.000, as Dutch writes it
        start, end = run.reference
        lines[-1] += (
            f" Rekentest (een vaste lus in Python van {steps} stappen, snelste van 3; lager is sneller): "
            f"{start:.2f} s aan het begin en {end:.2f} s aan het eind van de run."
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
