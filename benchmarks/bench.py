"""Benchmark: the knowledge base with our extension against a hand-written baseline.

    python benchmarks/bench.py                  # default size: 1,000 pages, 5,000 events, ...
    python benchmarks/bench.py --scale 0.1      # a tenth of that, for a quick look
    python benchmarks/bench.py --write docs/prestaties.md

It generates one synthetic knowledge base (fixed seed) twice: once as pages with
our directives and roles, once as plain MyST with the same text and the same
links written by hand (labels, {ref} links, hand-made "Gerelateerd" lists and
agenda). Both use the same theme. In one run it measures, each in a fresh
process: the clean build of both, an incremental build after one event edit
(and how many pages it rewrote), a -j 2 build of both, peak memory, and the board-pack
PDF. It compares against the targets and can write the table to a docs page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT = {"pages": 1000, "events": 5000, "networks": 500, "people": 1000, "themes": 50}
ORGANISATIONS = 100
TARGETS = {"clean": 1.15, "incremental": 0.10, "memory": 1.20}
MARK_START, MARK_END = "<!-- bench:start -->", "<!-- bench:end -->"


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
            if not docname.startswith("themas/"):
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
    _write_indexes(root, pages, agenda=["```{agenda} komend", "```", "", "```{agenda} archief", "```"])
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


def write_baseline_site(root: Path, items: list[Item], pages: dict[str, list[Item]], title: str) -> None:
    """The same text and links, written by hand: labels, {ref} links, hand-made lists."""
    _common(root, title, extensions='["myst_parser"]', extra="")
    by_id = {i.id: i for i in items}
    incoming: dict[str, list[tuple[Item, str]]] = defaultdict(list)
    for item in items:
        for name, _kind, target in item.refs:
            incoming[target].append((item, name))

    def ref(target: str) -> str:
        return f"{{ref}}`{by_id[target].title} <kb-{by_id[target].kind}-{target}>`"

    for docname, page_items in pages.items():
        lines = []
        if docname.startswith("themas/"):
            lines += [f"(kb-thema-{page_items[0].id})=", ""]
        lines += [f"# {_page_title(docname, page_items)}", ""]
        for item in page_items:
            if not docname.startswith("themas/"):
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
    return (
        items[0].title
        if docname.startswith("themas/")
        else f"{docname.split('/')[0].capitalize()} {docname.split('/')[1]}"
    )


def _write(path: Path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# -- measuring ----------------------------------------------------------------------


def measure(srcdir: Path, outdir: Path, builder: str = "html", jobs: int = 1, fresh: bool = True) -> dict:
    """One sphinx-build in a fresh process: seconds, peak memory (MiB), pages written."""
    args = [sys.executable, __file__, "--run-one", str(srcdir), str(outdir), builder, str(jobs), "1" if fresh else "0"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def measure_best(repeat: int, srcdir: Path, outdir: Path, **options) -> dict:
    """The fastest of ``repeat`` runs: this shared machine varies ~10% between runs.

    An incremental build can only be measured once per edit, so callers repeat
    only clean builds."""
    return min((measure(srcdir, outdir, **options) for _ in range(repeat)), key=lambda r: r["seconds"])


def run_one(srcdir: str, outdir: str, builder: str, jobs: str, fresh: str) -> None:
    import contextlib
    import io

    from sphinx.cmd.build import build_main

    argv = ["-b", builder, "-d", f"{outdir}/.doctrees", "-j", jobs, srcdir, f"{outdir}/{builder}"]
    if fresh == "1":
        argv.insert(0, "-E")
    started_ns = time.time_ns()
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = build_main(argv)
    seconds = time.perf_counter() - started
    peak = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    )
    print(
        json.dumps(
            {
                "code": code,
                "seconds": round(seconds, 2),
                "peak_mib": round(peak / 1024, 1),
                "written": pages_written(Path(outdir) / builder, since_ns=started_ns),
            }
        )
    )


def pages_written(outdir: Path, since_ns: int) -> int:
    """Pages (HTML or PDF files) the build wrote: Sphinx's own progress lines count
    chunks, not pages, under ``-j``, and the PDF builder prints none."""
    return sum(
        1 for path in outdir.rglob("*") if path.suffix in {".html", ".pdf"} and path.stat().st_mtime_ns >= since_ns
    )


def edit_one_event(root: Path) -> None:
    page = root / "agenda" / "p0.md"
    text = page.read_text(encoding="utf-8")
    match = re.search(r"(start: |:start: )(\d{4}-\d{2}-\d{2})", text)
    moved = (dt.date.fromisoformat(match.group(2)) + dt.timedelta(days=1)).isoformat()
    page.write_text(text[: match.start(2)] + moved + text[match.end(2) :], encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--workdir", type=Path, default=Path("build/bench"))
    parser.add_argument("--write", type=Path, help="docs page to put the results table in")
    parser.add_argument("--repeat", type=int, default=1, help="measure each clean build N times, keep the fastest")
    parser.add_argument("--run-one", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run_one:
        run_one(*args.run_one)
        return 0

    items, pages = plan(args.scale)
    ours, base = args.workdir / "kennisbank", args.workdir / "basislijn"
    write_extension_site(ours / "src", items, pages, "Benchmark")
    write_baseline_site(base / "src", items, pages, "Benchmark")
    counts = {
        k: sum(1 for i in items if i.kind == k) for k in ("thema", "evenement", "netwerk", "persoon", "organisatie")
    }
    documents = len(list((ours / "src").rglob("*.md")))
    print(f"Gegenereerd: {documents} pagina's, {counts}", flush=True)

    results = {}

    def record(name: str, result: dict) -> None:
        results[name] = result
        print(name, result, flush=True)  # a run takes an hour: show progress

    for label, root in (("basislijn", base), ("kennisbank", ours)):
        record(f"{label} schoon", measure_best(args.repeat, root / "src", root / "out"))
        edit_one_event(root / "src")
        record(f"{label} incrementeel", measure(root / "src", root / "out", fresh=False))
    for label, root in (("basislijn", base), ("kennisbank", ours)):
        record(f"{label} -j 2", measure_best(args.repeat, root / "src", root / "out-j2", jobs=2))
    record("bestuurspakket-PDF", measure(ours / "src", ours / "out-pdf", builder="kennisbank-pdf"))

    table = report(results, documents, counts, args.scale, args.repeat)
    print(table)
    if args.write:
        page = args.write.read_text(encoding="utf-8")
        start, end = page.index(MARK_START) + len(MARK_START), page.index(MARK_END)
        args.write.write_text(page[:start] + "\n" + table + "\n" + page[end:], encoding="utf-8")
    return 0


def report(results: dict, documents: int, counts: dict, scale: float, repeat: int) -> str:
    base, ours = results["basislijn schoon"], results["kennisbank schoon"]
    inc = results["kennisbank incrementeel"]
    ratios = {
        "clean": ours["seconds"] / base["seconds"],
        "incremental": inc["seconds"] / ours["seconds"],
        "memory": ours["peak_mib"] / base["peak_mib"],
    }
    verdict = {k: "gehaald" if ratios[k] <= TARGETS[k] else "niet gehaald" for k in ratios}
    rows = [
        "| Meting | Tijd (s) | Piekgeheugen (MiB) | HTML/PDF-bestanden geschreven |",
        "| --- | ---: | ---: | ---: |",
        *(f"| {name} | {r['seconds']} | {r['peak_mib']} | {r['written']} |" for name, r in results.items()),
        "",
        "| Doel | Gemeten | Norm | Uitkomst |",
        "| --- | ---: | ---: | --- |",
        f"| schone build t.o.v. basislijn | {ratios['clean']:.2f}× | ≤ {TARGETS['clean']}× | {verdict['clean']} |",
        f"| incrementeel na één evenement t.o.v. schoon | {ratios['incremental']:.1%} | ≤ {TARGETS['incremental']:.0%} | {verdict['incremental']} |",
        f"| piekgeheugen t.o.v. basislijn | {ratios['memory']:.2f}× | ≤ {TARGETS['memory']}× | {verdict['memory']} |",
        "",
        f"Omvang: {documents} pagina's; {counts['thema']} thema's, {counts['evenement']} evenementen, "
        f"{counts['netwerk']} netwerken, {counts['persoon']} personen, {counts['organisatie']} organisaties "
        f"(schaal {scale}; schone builds: snelste van {repeat}). Gemeten op {platform.system()} {platform.machine()}, Python "
        f"{platform.python_version()}, {os.cpu_count()} kernen.",
    ]
    return "\n".join(rows)


if __name__ == "__main__":
    sys.exit(main())
