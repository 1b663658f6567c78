"""The preview of a pull request: build on ``main``'s last build, and say what changed.

    python -m kennisbank.tools.preview bewaar --docs docs --bouwmap build
    python -m kennisbank.tools.preview bouw --docs docs --bouwmap build --pr 12 --gegevens voorbeeld.json
    python -m kennisbank.tools.preview reactie --site site --gegevens voorbeeld.json ...
    python -m kennisbank.tools.preview mag-publiceren

``bewaar`` runs after the publish build: it writes the manifest of the site and the record
of what the build was made from, which the cache of GitHub Actions keeps with the build.
``bouw`` runs in the pull request's job: it decides whether the restored build fits
(``buildcache.py``), sets the modification times (``mtimes.py``) or starts from scratch,
builds with warnings allowed (``-n --keep-going``, no ``-W``) and writes what it found.
``reactie`` and ``mag-publiceren`` run in the deploy workflow, on data only: they use the
standard library alone, so that workflow installs nothing and runs no pull request's code.
The workflows call these; a contributor does not need them.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import NoReturn

from .buildcache import RECORD_FILE, BuildRecord, Decision, decide, packages_digest, read_record
from .comment import PreviewData, Problem, comment_markdown, may_publish, read_preview_data
from .manifest import MANIFEST_FILE, ManifestError, compare, manifest_of, read_manifest, write_manifest
from .mtimes import apply_times, now_ns, planned_times, settle_templates

WARNINGS_FILE = "voorbeeld-waarschuwingen.txt"


@dataclass(frozen=True)
class BuildFolders:
    """Where a build lies: the build folder (with the record), the pages and the doctrees."""

    root: Path
    html: Path
    doctrees: Path

    @classmethod
    def of(cls, build: Path) -> BuildFolders:
        """The folders as the Makefile names them: ``build/html`` and ``build/doctrees``."""
        return cls(build, build / "html", build / "doctrees")


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout


def _git_files(root: Path, *args: str) -> list[str]:
    return [path for path in _git(root, *args, "-z").split("\0") if path]


def project_root(docs: Path) -> Path:
    return Path(_git(docs, "rev-parse", "--show-toplevel").strip())


def current_record(docs: Path) -> BuildRecord:
    """What a build here and now is made from."""
    packages = packages_digest((dist.metadata["Name"] or "", dist.version) for dist in metadata.distributions())
    return BuildRecord(
        commit=_git(docs, "rev-parse", "HEAD").strip(),
        source=str(docs.resolve()),
        python=platform.python_version(),
        packages=packages,
    )


def changed_since(root: Path, commit: str) -> list[str] | None:
    """The files changed, added or deleted since ``commit`` (uncommitted work included), or None
    when this checkout does not know that commit."""
    if subprocess.run(["git", "cat-file", "-e", f"{commit}^{{commit}}"], cwd=root, capture_output=True).returncode:
        return None
    return _git_files(root, "diff", "--name-only", "--no-renames", commit) + _git_files(
        root, "ls-files", "--others", "--exclude-standard"
    )


def prepare(
    docs: Path, build: BuildFolders, installed: Sequence[Path] | None = None
) -> tuple[Decision, BuildRecord | None]:
    """Make the restored build ready for an incremental build, or remove it.

    ``installed``: where the installed packages' templates lie (by default this Python's
    site-packages). Returns the decision and the record of the restored build (None when
    there was none)."""
    record_path = build.root / RECORD_FILE
    cached = read_record(record_path.read_text(encoding="utf-8")) if record_path.exists() else None
    root = project_root(docs)
    changed = changed_since(root, cached.commit) if cached else None
    decision = decide(cached, current_record(docs), changed)
    if decision.incremental:
        assert changed is not None  # decide() builds on a cache only when the changes are known
        tracked = _git_files(root, "ls-files") + _git_files(root, "ls-files", "--others", "--exclude-standard")
        output = build.root.resolve()
        outside = [path for path in tracked if not (root / path).resolve().is_relative_to(output)]
        apply_times(root, planned_times(outside, changed, now_ns()))  # never the build itself
        settle_templates(_installed_template_folders() if installed is None else installed)
    else:
        for folder in (build.html, build.doctrees):
            shutil.rmtree(folder, ignore_errors=True)
    # main's manifest describes the published site, not the preview.
    (build.html / MANIFEST_FILE).unlink(missing_ok=True)
    return decision, cached


def _installed_template_folders() -> list[Path]:
    """Where the installed packages lie (their templates: Sphinx's, furo's, sphinx-design's)."""
    import sysconfig

    return sorted({Path(sysconfig.get_path(name)) for name in ("purelib", "platlib")})


@dataclass(frozen=True)
class BuildResult:
    code: int
    seconds: float
    read: int
    written: int
    warnings: str


def sphinx_build(docs: Path, build: BuildFolders, parallel: bool = False, options: Sequence[str] = ()) -> BuildResult:
    """The HTML build as the publish workflow runs it, with warnings allowed: every page is
    written, and the warnings are collected (``-w``) for the comment. ``options``: more
    options for sphinx-build (the screenshots fix the reference date with ``-D``)."""
    log = build.root / WARNINGS_FILE
    build.root.mkdir(parents=True, exist_ok=True)
    args = [sys.executable, "-m", "sphinx", "-b", "html", "-d", str(build.doctrees), "-n", "--keep-going"]
    args += ["-j", "auto"] if parallel else []
    args += [*options, "-w", str(log), str(docs), str(build.html)]
    started_ns, started = time.time_ns(), time.perf_counter()
    code = subprocess.run(args).returncode
    seconds = time.perf_counter() - started
    return BuildResult(
        code=code,
        seconds=seconds,
        read=_newer_than(build.doctrees, ".doctree", started_ns),
        written=_newer_than(build.html, ".html", started_ns),
        warnings=log.read_text(encoding="utf-8") if log.exists() else "",
    )


def _newer_than(folder: Path, suffix: str, since_ns: int) -> int:
    return sum(1 for path in folder.rglob(f"*{suffix}") if path.stat().st_mtime_ns >= since_ns)


def problems_of(warnings: str, root: Path) -> list[Problem]:
    from .checks import sphinx_findings

    found = sorted(set(sphinx_findings(warnings, root)), key=lambda f: (f.path, f.line or 0, f.message))
    return [Problem(finding.path, finding.line, finding.message) for finding in found]


def build_preview(
    docs: Path, build: BuildFolders, pull_request: int, options: Sequence[str] = ()
) -> tuple[PreviewData, BuildResult]:
    decision, cached = prepare(docs, build)
    result = sphinx_build(docs, build, parallel=not decision.incremental, options=options)
    data = PreviewData(
        pull_request=pull_request,
        commit=current_record(docs).commit,
        seconds=round(result.seconds, 1),
        incremental=decision.incremental,
        reason=decision.reason,
        base=cached.commit if cached and decision.incremental else None,
        read=result.read,
        written=result.written,
        problems=problems_of(result.warnings, project_root(docs)),
    )
    return data, result


def keep(docs: Path, build: BuildFolders) -> None:
    """After the publish build: the manifest beside the pages, the record beside the build."""
    write_manifest(build.html)
    (build.root / RECORD_FILE).write_text(current_record(docs).to_json(), encoding="utf-8")


def comment_for(
    site: Path, data_text: str, published_text: str | None, preview_url: str | None, published_url: str, withheld: bool
) -> str:
    """The comment, from the pull request's pages and data (untrusted) and the published manifest."""
    data = read_preview_data(data_text)
    preview = manifest_of(site)
    try:
        published = read_manifest(published_text) if published_text is not None else None
    except ManifestError:
        published = None
    changes = compare(published, preview) if published is not None else None
    return comment_markdown(data, changes, published or {}, preview, preview_url, published_url, withheld)


# -- the command line ---------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: ongeldige aanroep ({message})\n")


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="python -m kennisbank.tools.preview", description="Het voorbeeld van een pull request.")
    commands = parser.add_subparsers(dest="opdracht", required=True)
    keep_command = commands.add_parser("bewaar", help="manifest en vastlegging na de publicatiebuild")
    build_command = commands.add_parser("bouw", help="bouw het voorbeeld op de bewaarde build van main")
    for command in (keep_command, build_command):
        command.add_argument("--docs", type=Path, default=Path("docs"))
        command.add_argument("--bouwmap", type=Path, default=Path("build"))
    build_command.add_argument("--pr", type=int, required=True)
    build_command.add_argument("--gegevens", type=Path, required=True, help="waar voorbeeld.json komt")
    comment = commands.add_parser("reactie", help="de reactie op de pull request, uit de gegevens van de build")
    comment.add_argument("--site", type=Path, required=True)
    comment.add_argument("--gegevens", type=Path, required=True)
    comment.add_argument("--gepubliceerd", type=Path, required=True, help="het manifest van de gepubliceerde site")
    comment.add_argument("--voorbeeld-adres", default="")
    comment.add_argument("--site-adres", required=True)
    comment.add_argument("--achtergehouden", action="store_true")
    comment.add_argument("--uitvoer", type=Path, required=True)
    commands.add_parser("mag-publiceren", help="ja of nee, uit SAME_REPOSITORY, AUTHOR_ASSOCIATION en LABELS")
    args = parser.parse_args(argv)

    if args.opdracht == "bewaar":
        keep(args.docs, BuildFolders.of(args.bouwmap))
    elif args.opdracht == "bouw":
        data, result = build_preview(args.docs, BuildFolders.of(args.bouwmap), args.pr)
        args.gegevens.write_text(data.to_json(), encoding="utf-8")
        how = "voortbouwend op main" if data.incremental else f"helemaal opnieuw ({data.reason})"
        print(f"Voorbeeld gebouwd in {data.seconds:.0f} s, {how}: {data.read} gelezen, {data.written} geschreven.")
        return 0 if result.code in (0, 1) else result.code  # 1: warnings only; more is a failed build
    elif args.opdracht == "reactie":
        published = args.gepubliceerd.read_text(encoding="utf-8") if args.gepubliceerd.is_file() else None
        text = comment_for(
            args.site,
            args.gegevens.read_text(encoding="utf-8"),
            published,
            args.voorbeeld_adres or None,
            args.site_adres,
            args.achtergehouden,
        )
        args.uitvoer.write_text(text, encoding="utf-8")
    else:
        import json

        labels = json.loads(os.environ.get("LABELS") or "[]")
        allowed = may_publish(
            os.environ.get("SAME_REPOSITORY") == "true",
            os.environ.get("AUTHOR_ASSOCIATION", ""),
            [label for label in labels if isinstance(label, str)] if isinstance(labels, list) else [],
        )
        print("ja" if allowed else "nee")
    return 0


if __name__ == "__main__":
    sys.exit(main())
