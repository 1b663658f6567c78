"""Benchmark of a pull request's preview: built on main's cached build in a fresh checkout.

    python benchmarks/preview.py                     # default size (1,003 pages), 3 to 5 minutes
    python benchmarks/preview.py --scale 0.1 --write docs/prestaties.md
    python benchmarks/bench.py --voorbeeld           # the same, from the main benchmark script

It simulates what the workflows do on GitHub, with the benchmark's generated site in a git
repository: main's publication builds the base commit and keeps the build (``bewaar``) in a
cache; the pull request moves one event by a day; its job clones the head into a fresh
folder at the same path (as every runner's workspace is), restores the cache with the files'
times, lets ``kennisbank.tools.preview`` decide and set the modification times, and builds.
Measured, each build a ``sphinx-build`` process as in bench.py: that preview build (the
fastest of three fresh checkouts), the incremental build in place after one event edit (the
fastest of three, as bench.py measures it), the same fresh checkout without the times (what
the times save), and a clean build of the head, which the preview's output must equal file
by file (``.buildinfo`` aside). The steps around the build (clone, cache, artefact) are timed
too, for the estimate of the content job on GitHub's runners.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import bench  # noqa: E402  (a script beside this one, not a package)

from kennisbank.tools import preview  # noqa: E402

MARK_START, MARK_END = "% voorbeeld:start", "% voorbeeld:end"
ROUNDS = 3


@dataclass(frozen=True)
class Targets:
    """The norms of issue 30, at the default size on this 2-core machine."""

    preview_seconds: float = 20.0
    over_incremental: float = 3.0
    content_job_minutes: float = 3.0


TARGETS = Targets()


@dataclass
class PreviewRun:
    scale: float
    documents: int
    clean_base: dict
    in_place: dict  # the fastest incremental build in place
    preview: dict  # the fastest preview build in a fresh checkout
    prepare_seconds: float  # deciding and setting the times, for that fastest round
    without_times: dict
    clean_head: dict
    differences: list[str]
    steps: dict[str, float] = field(default_factory=dict)  # clone, cache pack/unpack, artefact (s)
    sizes: dict[str, float] = field(default_factory=dict)  # MB
    seconds: float = 0.0
    reference: tuple[float, float] | None = None


def _git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": "2024-01-01T10:00:00Z", "GIT_COMMITTER_DATE": "2024-01-01T10:00:00Z"}
    command = ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.nl", "-c", "init.defaultBranch=main"]
    return subprocess.run([*command, *args], cwd=cwd, check=True, capture_output=True, text=True, env=env).stdout


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _folders(checkout: Path) -> preview.BuildFolders:
    """bench.measure's layout: the pages in out/html, the doctrees in out/.doctrees."""
    out = checkout / "out"
    return preview.BuildFolders(out, out / "html", out / ".doctrees")


def _fresh_checkout(origin: Path, checkout: Path, cache: Path) -> float:
    """A clone of the head at ``checkout`` with the cache restored into it; returns the clone's time."""
    if checkout.exists():
        shutil.rmtree(checkout)
    seconds = _timed(lambda: _git(origin.parent, "clone", "-q", str(origin), str(checkout)))
    shutil.copytree(cache, checkout / "out")  # copy2 keeps the times, as the cache's tar does
    return seconds


def differences(actual: Path, expected: Path) -> list[str]:
    """The files that differ between two output folders, ``.buildinfo`` aside."""

    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    found, wanted = files(actual), files(expected)
    return sorted(
        path for path in found.keys() | wanted.keys() if path != ".buildinfo" and found.get(path) != wanted.get(path)
    )


def _pack_seconds(folder: Path, target: Path) -> tuple[float, float, float]:
    """Pack ``folder`` as actions/cache does (tar, zstd) and unpack it: (pack s, unpack s, MB)."""
    target.mkdir()
    archive = target / "cache.tar.zst"
    pack = _timed(
        lambda: subprocess.run(
            ["tar", "--posix", "-I", "zstd -T0", "-cf", str(archive), "-C", str(folder), "."], check=True
        )
    )
    unpacked = target / "unpacked"
    unpacked.mkdir()
    unpack = _timed(
        lambda: subprocess.run(["tar", "-I", "zstd -d", "-xf", str(archive), "-C", str(unpacked)], check=True)
    )
    return pack, unpack, archive.stat().st_size / 1e6


def _artefact_megabytes(html: Path, target: Path) -> float:
    with tarfile.open(target / "artefact.tar.gz", "w:gz") as archive:
        archive.add(html, arcname="html")
    return (target / "artefact.tar.gz").stat().st_size / 1e6


def run_preview_benchmark(scale: float, workdir: Path, progress: Callable[[str], object] = print) -> PreviewRun:
    started = time.perf_counter()
    reference_at_start = bench.reference_seconds()
    if workdir.exists():
        shutil.rmtree(workdir)
    origin, checkout, cache = workdir / "origin", workdir / "werkmap", workdir / "cache"
    items, pages = bench.plan(scale)
    bench.write_site(bench.OURS, origin / "docs", items, pages)
    (origin / ".gitignore").write_text("out/\n", encoding="utf-8")
    _git(origin, "init", "-q")
    _git(origin, "add", ".")
    _git(origin, "commit", "-qm", "main")
    documents = bench.documents_of(origin / "docs")

    # main's publication: a clean build, kept with its record and manifest, then cached.
    _git(workdir, "clone", "-q", str(origin), str(checkout))
    clean_base = bench.measure(checkout / "docs", checkout / "out")
    progress(f"main, schoon: {clean_base}")
    preview.keep(checkout / "docs", _folders(checkout))
    shutil.copytree(checkout / "out", cache)

    # The incremental build in place, after one event edit: the figure the preview is held against.
    in_place = bench.measure_incremental(checkout / "docs", checkout / "out")
    progress(f"incrementeel ter plaatse: {in_place}")

    # The pull request: one event moved by a day, committed.
    bench.edit_one_event(origin / "docs")
    _git(origin, "commit", "-qam", "Eén evenement een dag later")

    rounds = []
    clone_seconds = []
    for _ in range(ROUNDS):
        clone_seconds.append(_fresh_checkout(origin, checkout, cache))
        prepare_started = time.perf_counter()
        decision, _cached = preview.prepare(checkout / "docs", _folders(checkout))
        prepare_seconds = time.perf_counter() - prepare_started
        if not decision.incremental:
            raise SystemExit(f"De bewaarde build paste niet ({decision.reason}): de meting klopt niet.")
        build = bench.measure(checkout / "docs", checkout / "out", fresh=False)
        build["prepare_seconds"] = round(prepare_seconds, 2)
        progress(f"voorbeeld in een verse kopie: {build}")
        rounds.append(build)
    fastest = min(rounds, key=lambda r: r["seconds"] + r["prepare_seconds"])
    preview_html = workdir / "voorbeeld-html"  # the last round's pages: every round builds the same
    shutil.copytree(checkout / "out" / "html", preview_html)

    with tempfile.TemporaryDirectory(dir=workdir) as scratch:
        pack, unpack, cache_mb = _pack_seconds(cache, Path(scratch) / "bouw")
        artefact_mb = _artefact_megabytes(preview_html, Path(scratch))
        # This .venv, as the cache of the Python environment: an upper bound, since it holds the
        # test and dev extras as well (the workflows' holds the runtime and the pdf extra).
        _pack, venv_unpack, venv_mb = _pack_seconds(Path(sys.prefix), Path(scratch) / "venv")

    # The same fresh checkout without the times: every file as new as the clone.
    _fresh_checkout(origin, checkout, cache)
    without_times = bench.measure(checkout / "docs", checkout / "out", fresh=False)
    progress(f"verse kopie zonder de tijden: {without_times}")

    clean_head = bench.measure(checkout / "docs", workdir / "schoon")
    progress(f"head, schoon: {clean_head}")
    found = differences(preview_html, workdir / "schoon" / "html")
    return PreviewRun(
        scale=scale,
        documents=documents,
        clean_base=clean_base,
        in_place=in_place,
        preview=fastest,
        prepare_seconds=fastest["prepare_seconds"],
        without_times=without_times,
        clean_head=clean_head,
        differences=found,
        steps={"clone": min(clone_seconds), "cache_pack": pack, "cache_unpack": unpack, "venv_unpack": venv_unpack},
        sizes={"cache": cache_mb, "artefact": artefact_mb, "venv": venv_mb},
        seconds=time.perf_counter() - started,
        reference=(reference_at_start, bench.reference_seconds()),
    )


# -- the estimate of the content job on GitHub's runners -----------------------------------

#: Steps measured elsewhere or taken from GitHub's documentation and typical runs, in seconds:
#: a job's start on a hosted runner, actions/checkout and actions/setup-python with a cached
#: Python, a cache or an artefact moving at about 50 MB/s between GitHub's storage and a runner,
#: the workflow_run event starting the deploy, the deploy's git push to gh-pages, the comment.
FIXED_STEPS = {
    "start van de job": 15.0,
    "checkout en Python": 10.0,
    "start van de publicatie (workflow_run) en zijn job": 25.0,
    "voorbeeld op gh-pages zetten (git push)": 20.0,
    "reactie plaatsen": 3.0,
}
TRANSFER_MB_PER_SECOND = 50.0


def content_job_estimate(run: PreviewRun) -> list[tuple[str, float]]:
    """(step, seconds) from a push to the comment, for a one-page change."""
    transfer = run.sizes["cache"] / TRANSFER_MB_PER_SECOND + run.steps["cache_unpack"]
    artefact = run.sizes["artefact"] / TRANSFER_MB_PER_SECOND
    return [
        ("start van de job", FIXED_STEPS["start van de job"]),
        ("checkout en Python", FIXED_STEPS["checkout en Python"] + run.steps["clone"]),
        (
            "Python-omgeving van main uit de cache halen",
            run.sizes["venv"] / TRANSFER_MB_PER_SECOND + run.steps["venv_unpack"],
        ),
        ("build van main uit de cache halen", transfer),
        ("tijden zetten en bouwen", run.prepare_seconds + run.preview["seconds"]),
        ("artefact uploaden en downloaden", 2 * artefact + 5.0),
        (
            "start van de publicatie (workflow_run) en zijn job",
            FIXED_STEPS["start van de publicatie (workflow_run) en zijn job"],
        ),
        ("voorbeeld op gh-pages zetten (git push)", FIXED_STEPS["voorbeeld op gh-pages zetten (git push)"]),
        ("reactie plaatsen", FIXED_STEPS["reactie plaatsen"]),
    ]


# -- the report ------------------------------------------------------------------------------


def judge(run: PreviewRun) -> list[bench.Verdict]:
    t = TARGETS
    total = run.prepare_seconds + run.preview["seconds"]
    ratio = total / run.in_place["seconds"]
    minutes = sum(seconds for _step, seconds in content_job_estimate(run)) / 60
    return [
        bench.Verdict(
            "voorbeeld in een verse kopie, op de bewaarde build van main",
            f"{total:.1f} s",
            f"≤ {t.preview_seconds:g} s",
            total <= t.preview_seconds,
        ),
        bench.Verdict(
            "t.o.v. de incrementele build ter plaatse",
            f"{ratio:.2f}×",
            f"≤ {t.over_incremental:g}×",
            ratio <= t.over_incremental,
        ),
        bench.Verdict(
            "uitvoer gelijk aan een schone build van de head",
            "gelijk" if not run.differences else f"{len(run.differences)} bestanden verschillen",
            "gelijk",
            not run.differences,
        ),
        bench.Verdict(
            "van push tot reactie op GitHub (geschat)",
            f"{minutes:.1f} min",
            f"< {t.content_job_minutes:g} min",
            minutes < t.content_job_minutes,
        ),
    ]


def _build(result: dict) -> str:
    return f"{bench._time(result)}; {result['read']} gelezen, {result['written']} geschreven"


def report(run: PreviewRun, machine: str, when: dt.date) -> str:
    total = run.prepare_seconds + run.preview["seconds"]
    lines = [
        "| Meting | Tijd; pagina's gelezen en geschreven |",
        "| --- | ---: |",
        f"| schone build van main (de publicatie) | {_build(run.clean_base)} |",
        f"| incrementeel ter plaatse, na één evenement | {_build(run.in_place)} |",
        f"| voorbeeld: verse kopie, bewaarde build van main, tijden gezet | {total:.1f} s, waarvan "
        f"{run.prepare_seconds:.1f} s beslissen en tijden zetten; {_build(run.preview)} |",
        f"| dezelfde verse kopie zonder de tijden | {_build(run.without_times)} |",
        f"| schone build van de head (ter vergelijking) | {_build(run.clean_head)} |",
        "",
        "| Stap van push tot reactie (geschat voor GitHub) | Seconden |",
        "| --- | ---: |",
        *(f"| {step} | {seconds:.0f} |" for step, seconds in content_job_estimate(run)),
        f"| **totaal** | **{sum(s for _step, s in content_job_estimate(run)):.0f}** |",
        "",
        "| Doel | Gemeten | Norm | Uitkomst |",
        "| --- | ---: | ---: | --- |",
        *(f"| {v.goal} | {v.measured} | {v.norm} | {v.outcome} |" for v in judge(run)),
        "",
        f"Omvang: {run.documents} pagina's (schaal {run.scale:g}). Bewaarde build (tar met zstd, zoals "
        f"actions/cache): {run.sizes['cache']:.0f} MB, inpakken {run.steps['cache_pack']:.1f} s, uitpakken "
        f"{run.steps['cache_unpack']:.1f} s; de Python-omgeving {run.sizes['venv']:.0f} MB, uitpakken "
        f"{run.steps['venv_unpack']:.1f} s (een bovengrens: deze `.venv` heeft ook de test-extra's); "
        f"de pagina's van het voorbeeld als artefact (gzip) "
        f"{run.sizes['artefact']:.0f} MB; een volledige kopie van de repository {run.steps['clone']:.1f} s. "
        f"Het voorbeeld en de incrementele build ter plaatse: snelste van {ROUNDS}. "
        f"Gemeten op {when.isoformat()} op {machine}; de hele run duurde {run.seconds / 60:.1f} minuten.",
    ]
    if run.differences:
        lines[-1] += " Verschillende bestanden: " + ", ".join(f"`{p}`" for p in run.differences[:10]) + "."
    if run.reference is not None:
        start, end = run.reference
        lines[-1] += f" Rekentest (zie hierboven): {start:.2f} s aan het begin en {end:.2f} s aan het eind."
    return "\n".join(lines)


def with_table(page: str, table: str) -> str:
    start, end = page.index(MARK_START) + len(MARK_START), page.index(MARK_END)
    return page[:start] + "\n\n" + table + "\n\n" + page[end:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--workdir", type=Path, default=Path("build/bench-voorbeeld"))
    parser.add_argument("--write", type=Path, help="docs page to put the results tables in")
    args, _rest = parser.parse_known_args(argv)
    run = run_preview_benchmark(args.scale, args.workdir.resolve(), progress=lambda line: print(line, flush=True))
    table = report(run, machine=bench.describe_machine(), when=dt.date.today())
    print(table)
    if args.write:
        args.write.write_text(with_table(args.write.read_text(encoding="utf-8"), table), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
