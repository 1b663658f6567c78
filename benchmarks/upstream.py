"""Minimal reproductions of costs in Sphinx, MyST-Parser and furo, for upstream reports.

    python benchmarks/upstream.py              # every finding, as a short report in English
    python benchmarks/upstream.py toctree      # one of them (see FINDINGS)

Profiling the knowledge base's clean build at the benchmark's default size (1,003
pages) found work in the libraries it builds on that every Sphinx site pays for,
ours and the baselines alike. Each finding here builds a tiny project of its own,
with nothing of the knowledge base in it, and counts the work (copies made, option
parsers built, reprs computed, bytes pickled) instead of timing it, so the figures
are the same on any machine. Upstream projects write in English, so the reports are
in English.

``tests/test_upstream.py`` runs each finding and fails when it no longer holds: the
sign that a library fixed it and that ``docs/prestaties.md`` should say so.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from docutils import frontend, nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.adapters.toctree import TocTree
from sphinx.util.docutils import docutils_namespace, patch_docutils


@dataclass(frozen=True)
class Finding:
    """What one reproduction measured: counts, and the report to file upstream."""

    project: str  # where to report it
    title: str
    figures: dict[str, Any]
    holds: bool  # the cost is still there in the installed versions
    report: str

    def text(self) -> str:
        state = "still present" if self.holds else "NOT reproduced (fixed upstream?)"
        return f"## {self.title} [{self.project}: {state}]\n\n{self.report}\n"


# -- a tiny project and its build ------------------------------------------------


def write_project(root: Path, pages: dict[str, str], conf: str = "") -> Path:
    """A Sphinx project with these pages (docname: source, ``.md`` or ``.rst``)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(f'project = "repro"\nexclude_patterns = ["_build"]\n{conf}', encoding="utf-8")
    for name, text in pages.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def build(
    root: Path, builder: str = "html", parallel: int = 0, handlers: dict[str, Callable[..., Any]] | None = None
) -> Sphinx:
    """A fresh build of the project, quiet, in ``root/_build``, with these event handlers;
    the application afterwards."""
    out = root / "_build"
    with patch_docutils(root), docutils_namespace():
        app = Sphinx(
            str(root),
            str(root),
            str(out / builder),
            str(out / "doctrees"),
            builder,
            status=None,
            warning=io.StringIO(),
            freshenv=True,
            parallel=parallel,
        )
        for event, handler in (handlers or {}).items():
            app.connect(event, handler)
        app.build()
    return app


@contextlib.contextmanager
def watching(owner: Any, name: str, record: Callable[..., None]) -> Iterator[None]:
    """While inside, call ``record(result, *args, **kwargs)`` after each call of ``owner.name``."""
    original = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        record(result, *args, **kwargs)
        return result

    setattr(owner, name, wrapper)
    try:
        yield
    finally:
        setattr(owner, name, original)


def listed_pages(root: Path, pages: int, sections: int, conf: str = "") -> Path:
    """A MyST project: a home page whose toctree lists ``pages`` pages of ``sections`` sections."""
    entries = "\n".join(f"p{i}" for i in range(pages))
    body = "".join(f"\n## Section {i}\n\nText.\n" for i in range(sections))
    return write_project(
        root,
        {"index.md": f"# Home\n\n```{{toctree}}\n{entries}\n```\n"}
        | {f"p{i}.md": f"# Page {i}\n{body}" for i in range(pages)},
        f'extensions = ["myst_parser"]\n{conf}',
    )


# -- the findings ----------------------------------------------------------------------


def toctree_titles_only(work: Path, pages: int = 20, sections: int = 40) -> Finding:
    """Sphinx copies every section of every page into a titles-only toctree, then drops them."""
    copies: dict[int, int] = {}
    shown: dict[int, int] = {}
    for count in (0, sections):
        root = listed_pages(work / f"toctree-{count}", pages, count)
        app = build(root, "dummy")
        made = 0

        def note(*_args: Any, **_kwargs: Any) -> None:
            nonlocal made
            made += 1

        # Every node of a copied tree is made by its class's copy() (deepcopy calls it too).
        with watching(nodes.Element, "copy", note), watching(nodes.Text, "copy", note):
            tree = TocTree(app.env).get_toctree_for(
                "index", app.builder, collapse=False, titles_only=True, maxdepth=-1, includehidden=True
            )
        copies[count] = made
        shown[count] = sum(1 for _ in tree.findall()) if tree is not None else 0
    holds = shown[0] == shown[sections] and copies[sections] > 2 * copies[0]
    return Finding(
        project=f"Sphinx {version('sphinx')}",
        title="A titles-only toctree deep-copies every page's full table of contents",
        figures={"shown": shown, "copies": copies, "pages": pages, "sections": sections},
        holds=holds,
        report=(
            f"`TocTree.get_toctree_for(..., titles_only=True, maxdepth=-1)` for a page whose toctree "
            f"lists {pages} pages returns the same {shown[sections]} nodes whether each listed page has "
            f"0 or {sections} sections. It copies {copies[0]} nodes in the first case and "
            f"{copies[sections]} in the second: `_toctree_standard_entry` copies each page's whole "
            f"table of contents (`_toctree_copy`, or `deepcopy()` for an ancestor of the current page) "
            f"and `_entries_from_toctree` then removes everything below the titles. With titles_only, "
            f"copying only the top level would give the same tree. Themes that render the full "
            f"navigation on every page (furo) pay this once per page, so the cost grows with "
            f"pages times sections."
        ),
    )


def settings_per_page(work: Path, pages: int = 10) -> Finding:
    """Each Markdown page builds two docutils option parsers: one in Sphinx, one in MyST-Parser."""
    built: dict[str, dict[str, int]] = {}
    for suffix, source in (("rst", "Page {i}\n======\n\nText.\n"), ("md", "# Page {i}\n\nText.\n")):
        root = write_project(
            work / f"settings-{suffix}",
            {f"p{i}.{suffix}": source.format(i=i) for i in range(pages)}
            | {f"index.{suffix}": "Home\n====\n" if suffix == "rst" else "# Home\n"},
            'extensions = ["myst_parser"]\n',
        )
        built[suffix] = _option_parsers_built(root)
    documents = pages + 1
    holds = built["md"]["myst_parser"] >= documents and built["md"]["sphinx"] >= documents
    return Finding(
        project=f"Sphinx {version('sphinx')} and MyST-Parser {version('myst-parser')}",
        title="Two docutils OptionParsers per Markdown page",
        figures={"documents": documents, "parsers": built},
        holds=holds,
        report=(
            f"Reading {documents} Markdown pages builds {built['md']['sphinx']} "
            f"`docutils.frontend.OptionParser`s in Sphinx and {built['md']['myst_parser']} in "
            f"MyST-Parser; {documents} reST pages build {built['rst']['sphinx']} in Sphinx. "
            f"Sphinx's `_parse_str_to_doctree` calls `_get_settings`, which builds a new "
            f"OptionParser (every component's settings spec, then its defaults) for each page, "
            f"although the settings differ per page only in the source path; it could build the "
            f"defaults once per build and copy them. MyST-Parser's `DocutilsRenderer.setup_render` "
            f"calls `options.get('document', make_document())`: Python evaluates the default before "
            f"the lookup, so every page builds a docutils document with default settings (another "
            f"OptionParser) and throws it away, although Sphinx always passes the document. At "
            f"1,000 pages the two cost about 3 s of a 65 s build (py-spy)."
        ),
    )


def _option_parsers_built(root: Path) -> dict[str, int]:
    """The docutils OptionParsers built while the project builds, by who built them."""
    by = {"sphinx": 0, "myst_parser": 0}
    sphinx_settings = os.path.join("sphinx", "util", "docutils")

    def note(*_args: Any, **_kwargs: Any) -> None:
        callers = {frame.f_code.co_filename for frame in _frames(sys._getframe(2))}
        if any("myst_parser" in name for name in callers):
            by["myst_parser"] += 1
        elif any(sphinx_settings in name for name in callers):
            by["sphinx"] += 1

    with watching(frontend.OptionParser, "__init__", note):
        build(root, "dummy")
    return by


def _frames(frame: Any) -> Iterator[Any]:
    while frame is not None:
        yield frame
        frame = frame.f_back


class _Probe:
    """An event argument that counts how often it is turned into text."""

    def __init__(self) -> None:
        self.reprs = 0

    def __repr__(self) -> str:
        self.reprs += 1
        return "<probe>"


def event_repr(work: Path, emits: int = 100, paragraphs: int = 2000) -> Finding:
    """Sphinx turns every event's arguments into text for a debug message nobody sees."""
    root = write_project(
        work / "events",
        {"index.md": "# Home\n\n" + "".join(f"Paragraph {i} of a long page.\n\n" for i in range(paragraphs))},
        'extensions = ["myst_parser"]\n',
    )
    # What emit() turns into text for the page's html-page-context: its context holds the body.
    sizes: list[int] = []

    def measure(_app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
        if pagename == "index":
            sizes.append(len(repr((pagename, templatename, context, doctree))))

    app = build(root, "html", handlers={"html-page-context": measure})
    app.events.add("repro-probe")
    probe = _Probe()
    for _ in range(emits):
        app.events.emit("repro-probe", probe)
    body = len(Path(app.outdir, "index.html").read_bytes())
    holds = probe.reprs >= emits
    return Finding(
        project=f"Sphinx {version('sphinx')}",
        title="EventManager.emit() computes repr() of every event's arguments at any verbosity",
        figures={"emits": emits, "reprs": probe.reprs, "context_repr": sizes[0] if sizes else 0, "page": body},
        holds=holds,
        report=(
            f"At verbosity 0, {emits} emits of an event computed `repr()` of its argument "
            f"{probe.reprs} times: `EventManager.emit` builds `repr(args)` for a `logger.debug` call "
            f"before the logger decides to drop it. For `html-page-context` the arguments include the "
            f"page's context, whose `body` is the page's HTML: for a page of {body:,} bytes that repr "
            f"is {sizes[0] if sizes else 0:,} characters, made and thrown away on every page. Passing "
            f"the arguments to the logger (`logger.debug('...%r', name, args)`) or checking "
            f"`logger.isEnabledFor(logging.DEBUG)` first would avoid it."
        ),
    )


def furo_second_toc(work: Path, pages: int = 10, sections: int = 20) -> Finding:
    """furo builds each page's table of contents a second time, only to count its entries."""
    import sphinx.builders.html as html_builder
    import sphinx.environment.adapters.toctree as toctree

    root = listed_pages(work / "furo", pages, sections, 'html_theme = "furo"\n')
    calls = {"sphinx": 0, "furo": 0}

    def by(who: str) -> Callable[..., None]:
        def note(*_args: Any, **_kwargs: Any) -> None:
            calls[who] += 1

        return note

    # The HTML builder imported document_toc into its own module; furo reaches it through
    # TocTree.get_toc_for, which looks it up in the toctree module.
    with watching(html_builder, "document_toc", by("sphinx")), watching(toctree, "document_toc", by("furo")):
        build(root, "html")
    documents = pages + 1
    holds = calls["furo"] >= documents
    return Finding(
        project=f"furo {version('furo')}",
        title="furo copies each page's table of contents again to decide whether to hide it",
        figures={"documents": documents, "calls": calls},
        holds=holds,
        report=(
            f"Building {documents} pages, Sphinx's HTML builder copied a page's table of contents "
            f"{calls['sphinx']} times (once per page, for the `toc` in the context) and furo "
            f"{calls['furo']} times more: "
            f"`_compute_hide_toc` calls `has_not_enough_items_to_show_toc`, which calls "
            f"`TocTree(env).get_toc_for()`, a full copy of the page's sections, only to see whether "
            f"it has more than one entry. `env.tocs[docname]` could be inspected without copying. At "
            f"1,000 pages this was 0.64 s of a 65 s build (py-spy)."
        ),
    )


def parallel_read_pickles(work: Path, pages: int = 200) -> Finding:
    """With -j, each reading process sends back the whole environment, not its own pages."""
    root = write_project(
        work / "parallel",
        {
            "index.rst": "Home\n====\n\n.. toctree::\n\n" + "".join(f"   p{i}\n" for i in range(pages)),
            **{f"p{i}.rst": f"Page {i}\n=======\n\n{'Some text. ' * 50}\n" for i in range(pages)},
        },
    )
    sizes_file = work / "parallel-sizes.txt"
    sizes_file.write_text("", encoding="utf-8")

    def note(data: bytes, obj: Any, *_args: Any, **_kwargs: Any) -> None:
        if isinstance(obj, BuildEnvironment):  # the reading process's answer (forked: write it down)
            with sizes_file.open("a", encoding="utf-8") as out:
                out.write(f"{len(obj.all_docs)} {len(data)}\n")

    with watching(pickle, "dumps", note):
        build(root, "dummy", parallel=2)
    sent = [tuple(int(n) for n in line.split()) for line in sizes_file.read_text(encoding="utf-8").splitlines()]
    sent.sort()
    first, last = sent[0], sent[-1]
    holds = len(sent) > 2 and last[0] > 2 * first[0] and last[1] > 2 * first[1]
    total = sum(size for _, size in sent)
    return Finding(
        project=f"Sphinx {version('sphinx')}",
        title="Parallel reading pickles the whole environment for every chunk",
        figures={"chunks": len(sent), "first": first, "last": last, "total_bytes": total},
        holds=holds,
        report=(
            f"With `-j 2`, {pages + 1} pages are read in {len(sent)} chunks. Each reading process "
            f"returns `pickle.dumps(self.env)`: the environment it was forked with, holding every "
            f"chunk merged so far, plus its own. The first chunk sent {first[1]:,} bytes for "
            f"{first[0]} documents, the last {last[1]:,} bytes for {last[0]} documents; {total:,} "
            f"bytes in all, each unpickled again by the main process before `merge_info_from` takes "
            f"only the chunk's own documents. The work grows with chunks times pages; sending only "
            f"what the chunk's documents added would keep it linear."
        ),
    )


def garbage_at_exit(work: Path, pages: int = 50) -> Finding:
    """After a build, its objects are garbage in reference cycles, for Python's exit to free."""
    root = listed_pages(work / "exit", pages, 10)
    gc.collect()
    build(root, "html")
    # The application is gone; a doctree's nodes point to their parents, so nothing of the
    # build is freed by reference counting: the collector has to find it all.
    found = gc.collect()
    per_page = found // (pages + 1)
    holds = found > 100 * (pages + 1)
    return Finding(
        project=f"Sphinx {version('sphinx')}",
        title="sphinx-build leaves the whole build for Python's last garbage collection",
        figures={"documents": pages + 1, "garbage": found},
        holds=holds,
        report=(
            f"After building {pages + 1} small pages and dropping the application, a garbage "
            f"collection finds {found:,} unreachable objects, {per_page:,} per page: doctrees and the "
            f"environment are cycles (every node points to its parent), so they are freed only by "
            f"the cyclic collector. `sphinx-build` exits right after the build, and Python's last "
            f"collection at exit then traverses and frees them one by one, only for the operating "
            f"system to reclaim the memory. At 1,000 pages the process lingered 10.9 s after the "
            f"build had finished (76 s). Calling `gc.freeze()` before `sphinx-build` returns (the "
            f"process is about to exit) cut that to 0.2 s; the knowledge base's `sphinx_frozen_gc` "
            f"extension does so at exit."
        ),
    )


FINDINGS: dict[str, Callable[[Path], Finding]] = {
    "toctree": toctree_titles_only,
    "settings": settings_per_page,
    "events": event_repr,
    "furo": furo_second_toc,
    "parallel": parallel_read_pickles,
    "exit": garbage_at_exit,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("findings", nargs="*", metavar="finding", help=f"any of {', '.join(FINDINGS)} (default: all)")
    args = parser.parse_args()
    unknown = [key for key in args.findings if key not in FINDINGS]
    if unknown:
        parser.error(f"unknown finding: {', '.join(unknown)}")
    with tempfile.TemporaryDirectory() as work:
        for key in args.findings or FINDINGS:
            print(FINDINGS[key](Path(work) / key).text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
