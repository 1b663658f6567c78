"""Shared fixtures: build small test roots with ``sphinx.testing``."""

from __future__ import annotations

import contextlib
import gzip
import importlib.util
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType, SimpleNamespace

import jinja2
import jinja2.bccache
import pytest
from filelock import FileLock
from sphinx.jinja2glue import BuiltinTemplateLoader
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from kennisbank.model.agenda import CalendarEvent, calendar_event
from kennisbank.model.objects import KBObject
from kennisbank.model.schema import TYPES
from kennisbank.model.values import parse_when

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"
DOCS = Path(__file__).parents[1] / "docs"
#: Where the Pagefind writer stages the records of objects that share a page.
STAGED = "/_kennisbank_zoekdelen/"
CONF = 'extensions = ["myst_parser", "kennisbank"]\nlanguage = "nl"\nhtml_baseurl = "https://kennisbank.example/"\n'


class SharedTemplateCode(jinja2.BytecodeCache):
    """Compiled Jinja templates shared by every build in this test process.

    Each Sphinx application compiles furo's templates afresh (about 0.02 s of a 0.3 s
    build of a small project). Jinja keys a bucket by template name and file and checks the
    source's checksum, so a changed template is still compiled again.
    """

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


def _share_compiled_templates() -> None:
    shared = SharedTemplateCode()
    init = BuiltinTemplateLoader.init

    def init_with_shared_code(self: BuiltinTemplateLoader, *args: object, **kwargs: object) -> None:
        init(self, *args, **kwargs)  # type: ignore[arg-type]
        self.environment.bytecode_cache = shared

    BuiltinTemplateLoader.init = init_with_shared_code  # type: ignore[method-assign]


_share_compiled_templates()


#: The tiers that take long: their modules run first.
SLOW_TIERS = ("browser", "pdf", "slow")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that opens chromium is in the ``browser`` tier, which ``make test-snel`` leaves out.

    The modules with tests of the slow tiers go first, each module's tests kept together and in
    their order: pytest-xdist (``--dist loadfile``) hands out modules in this order, so the long
    ones start at once and the short ones fill up both cores at the end.
    """
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
    slow = {item.path for item in items if any(item.get_closest_marker(tier) for tier in SLOW_TIERS)}
    items.sort(key=lambda item: item.path not in slow)  # a stable sort: the order within stays


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``pytest.mark.sphinx(testroot="basic")`` finds ``tests/roots/test-basic``."""
    return ROOTS


@pytest.fixture
def app_params(app_params, request, tmp_path):
    """sphinx.testing's parameters, with a build folder of the test's own.

    sphinx.testing reads a test root in place and builds every test of one root in
    the same ``<tmp>/<root>/_build``, where a second test would only build
    incrementally and see none of the first build's warnings. So a test that uses
    ``app`` never edits its sources (``copy_root`` gives a copy to edit) and builds
    into its own folder.
    """
    if not any("builddir" in marker.kwargs for marker in request.node.iter_markers("sphinx")):
        app_params.kwargs["builddir"] = tmp_path / "_build"
    return app_params


@pytest.fixture(scope="module")
def _builds_of_this_module():
    builds: dict[str, SphinxTestApp] = {}
    yield builds
    builds.clear()


@pytest.fixture
def built_app(app_params, _builds_of_this_module, tmp_path_factory) -> SphinxTestApp:
    """The test's ``pytest.mark.sphinx`` project, built once per module.

    Like sphinx.testing's ``app``, but already built and shared by every test of the
    module with the same marker: for tests that only read the output.
    """
    args, kwargs = app_params
    kwargs = {key: value for key, value in kwargs.items() if key != "builddir"}
    key = repr((args, sorted(kwargs.items())))
    if key not in _builds_of_this_module:
        builder, *rest = args or ["html"]
        builddir = tmp_path_factory.mktemp(Path(kwargs["srcdir"]).name)
        _builds_of_this_module[key] = build_once(builder, *rest, builddir=builddir, **kwargs)
    return _builds_of_this_module[key]


@pytest.fixture(scope="session")
def docs_html(tmp_path_factory):
    """The real site in docs/, built once with the HTML builder for every module that reads it."""
    return build_once("html", DOCS, tmp_path_factory.mktemp("docs-html"))


@pytest.fixture(scope="session")
def docs_pdf(request, tmp_path_factory) -> SimpleNamespace:
    """The real site's PDFs (kennisbank.pdf and every board pack): their folder as ``outdir``.

    Built once per run, also on several cores: with pytest-xdist the first worker that needs
    them builds them in the run's own folder (above each worker's), and the others wait for
    it and read the same files (12 s each, otherwise).
    """
    if not hasattr(request.config, "workerinput"):  # one process
        return SimpleNamespace(outdir=_pdfs_of_docs(tmp_path_factory.mktemp("docs-pdf")))
    shared = tmp_path_factory.getbasetemp().parent / "docs-pdf"
    done = shared / "gebouwd.txt"
    with FileLock(f"{shared}.lock"):
        if not done.exists():
            done.parent.mkdir(parents=True, exist_ok=True)
            done.write_text(str(_pdfs_of_docs(shared)), encoding="utf-8")
    return SimpleNamespace(outdir=Path(done.read_text(encoding="utf-8")))


def _pdfs_of_docs(builddir: Path) -> Path:
    app = build_once("kennisbank-pdf", DOCS, builddir)
    assert warnings_of(app) == ""
    return Path(app.outdir)


@pytest.fixture(scope="session")
def browser():
    """One chromium for the whole run: every browser test opens its own contexts in it.

    Skipped, with the reason, without chromium or Playwright (test_browser.py says which)."""
    from test_browser import launched

    with launched() as chromium:
        yield chromium


@pytest.fixture(scope="session")
def site_url(docs_html):
    """The real site served on localhost under /kennisbank/ as GitHub Pages does, with the CSP header."""
    from test_browser import PREFIX, Handler, served

    assert warnings_of(docs_html) == ""
    with served(docs_html.outdir, Handler) as root:
        yield root.removesuffix("/") + PREFIX


@pytest.fixture
def copy_root(tmp_path):
    """Copy a test root to a fresh folder, so a test may edit its sources."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(ROOTS / f"test-{name}", target)
        return target

    return copy


@pytest.fixture
def write_source(tmp_path):
    """Write a small project from a mapping of file names to MyST text."""

    def write(files: dict[str, str], name: str = "src") -> Path:
        srcdir = tmp_path / name
        srcdir.mkdir()
        (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
        for path, text in files.items():
            (srcdir / path).parent.mkdir(parents=True, exist_ok=True)
            (srcdir / path).write_text(text, encoding="utf-8")
        return srcdir

    return write


#: Front matter of a page outside every toctree: it gives no warning of its own.
ORPHAN = "---\norphan: true\n---\n"


def case_project(
    setup: str, snippet: str, page: str = "voorbeeld.md", header: str = ORPHAN + "# Case\n"
) -> tuple[dict[str, str], int]:
    """The files of a project for one bad-input case, and the number of lines above the snippet.

    ``setup`` (the objects the case refers to) is the themes page in the toctree; the
    snippet is on an orphan ``page`` that sorts after it, so that a duplicate id is
    reported on the case page.
    """
    files = {"index.md": "# Index\n\n```{toctree}\nthemas\n```\n", "themas.md": setup, page: header + snippet}
    return files, header.count("\n")


def case_table(
    srcdir: Path, setup: str, snippets: dict[str, str], page: str = "voorbeeld", header: str = ORPHAN + "# Case\n"
) -> dict[str, str]:
    """One project for a whole table of cases, a page per case: each case's page by its name.

    As :func:`case_project` for one case: ``setup`` is the themes page in the toctree, and
    each snippet is on an orphan page below ``header`` (so its lines are ``header``'s lines
    further down), named ``<page>-NN-<case>.md``: numbered, so that cases whose names read
    alike keep their own page, and sorting after the themes page.
    """
    srcdir.mkdir(parents=True)
    files = {"conf.py": CONF, "index.md": "# Index\n\n```{toctree}\nthemas\n```\n", "themas.md": setup}
    pages = {}
    for number, (case, snippet) in enumerate(snippets.items()):
        pages[case] = f"{page}-{number:02d}-" + re.sub(r"[^a-z0-9]+", "-", case.lower()).strip("-") + ".md"
        files[pages[case]] = header + snippet
    for name, text in files.items():
        (srcdir / name).write_text(text, encoding="utf-8")
    return pages


def build_case_table(
    directory: Path, setup: str, cases: dict[str, tuple], page: str = "voorbeeld", header: str = ORPHAN + "# Case\n"
):
    """Build :func:`case_table`'s project for ``cases`` (each case's text first): the app, and each case's page."""
    pages = case_table(directory / "src", setup, {case: text for case, (text, *_) in cases.items()}, page, header)
    return build_once("html", directory / "src", directory / "_build"), pages


def only_message_on(app, page: str) -> str:
    """The one warning about a page, as 'line: WARNING: message ...'."""
    found = messages_on(app, page)
    assert len(found) == 1, found
    return found[0]


def messages_on(app, page: str) -> list[str]:
    """The warnings about one page of a build, each as 'line: WARNING: message ...'."""
    prefix = f"{app.srcdir / page}:"
    return [line.removeprefix(prefix) for line in warnings_of(app).splitlines() if line.startswith(prefix)]


@pytest.fixture
def build(make_app, tmp_path):
    """Build ``srcdir`` with one builder; return the app (warnings in ``app.warning``)."""

    def run(srcdir: Path, builder: str = "html", builddir: Path | None = None, **kwargs):
        app = make_app(builder, srcdir=srcdir, builddir=builddir or srcdir / "_build", **kwargs)
        app.build()
        # Unregister this app's nodes and roles, so that a second app in the
        # same test starts as cleanly as the first.
        app.cleanup()
        return app

    return run


def build_once(builder: str, srcdir: Path, builddir: Path, **kwargs):
    """Build a project outside the per-test fixtures (for module-scoped builds)."""
    app = SphinxTestApp(builder, srcdir=srcdir, builddir=builddir, **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def settings_for_builds(builds: int):
    """Hypothesis settings for a test whose every example is a build of a batch of cases:
    no deadline and no database, and no shrinking (a failure names its case instead)."""
    from hypothesis import HealthCheck, Phase, settings

    return settings(
        max_examples=builds,
        deadline=None,
        database=None,
        phases=(Phase.explicit, Phase.reuse, Phase.generate),
        suppress_health_check=list(HealthCheck),
    )


def pagefind_records(outdir: Path) -> dict[str, dict]:
    """Every record of the Pagefind index by its address (a staged one's as the page and anchor it stands for)."""
    from kennisbank.writers import pagefind_order

    found = {}
    for path in (outdir / "pagefind" / "fragment").rglob("*.pf_fragment"):
        data = json.loads(gzip.decompress(path.read_bytes())[len(pagefind_order.SIGNATURE) :])
        url = data["url"]
        if url.startswith(STAGED):
            page, anchor = url.removeprefix(STAGED).rsplit("/", 1)
            url = f"/{page}.html#{anchor.removesuffix('.html')}"
        found[url] = data
    return found


def git(repo: Path, *args: str, date: str = "") -> None:
    """Run git in ``repo`` as a test author, at ``date`` (ISO, for author and committer) if given."""
    when = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else {}
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(repo), **when},
    )


def warnings_of(app) -> str:
    return strip_colors(app.warning.getvalue())


def status_of(app) -> str:
    return strip_colors(app.status.getvalue())


def html_files(outdir: Path) -> dict[str, bytes]:
    """Every HTML page of a build, by relative path."""
    return {str(path.relative_to(outdir)): path.read_bytes() for path in sorted(outdir.rglob("*.html"))}


def output_files(outdir: Path) -> dict[str, bytes]:
    """Every file a build wrote to its output folder, by relative POSIX path.

    Pages, Pagefind's search index (``pagefind/``), ``objects.inv``, the feeds, ``agenda.ics``,
    ``kennisbank.json``, ``_static`` and ``.buildinfo``: nothing is left out,
    so an incremental build must leave exactly what a clean build leaves.
    """
    return {
        path.relative_to(outdir).as_posix(): path.read_bytes() for path in sorted(outdir.rglob("*")) if path.is_file()
    }


def calendar_event_of(obj_id: str, start: str, **fields: str) -> CalendarEvent:
    """An event as the calendar sees it, from field values as a page writes them."""
    values = {
        "start": parse_when(start),
        "organisator": "vereniging",
        **{name: parse_when(value) if name in ("eind", "verplaatst-naar") else value for name, value in fields.items()},
    }
    if "thema" in values:
        values["thema"] = tuple(values["thema"].split())
    title = obj_id.replace("-", " ").capitalize()
    return calendar_event(KBObject("evenement", obj_id, title, f"agenda/{obj_id}", 1, values))


@contextlib.contextmanager
def script_module(path: Path) -> Iterator[ModuleType]:
    """A script outside the package (``benchmarks/``), imported as a module while inside."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module  # dataclasses look their module up there
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[path.stem]


#: Where the guide explains every message a contributor can get.
GUIDE_TO_MESSAGES = DOCS / "bijdragen" / "controles.md"
#: A word that carries a value the contributor wrote (an id, a date, an address, a path, a field
#: written ':veld:'), not the message's own.
_VALUE = re.compile(r"[\d'\"“”‘’`/@…]|\w\.\w|^:|^#+$")
#: The types and fields a message names: which it names depends on where the mistake is.
_NAMES = {spec.label.lower() for spec in TYPES.values()} | {f.name for spec in TYPES.values() for f in spec.fields}


def unexplained(message: str) -> list[str]:
    """The wording of a message that the guide's list of messages lacks; [] when it is there.

    ``message`` is a message as the build, the form or the check gives it, with or without
    'file:line: WARNING: ' before it and its category after it. Its wording is each run of
    two or more words that holds no value (no digit, quote, slash, @ or ellipsis, nor the name
    of a type or field): what stays the same whatever the contributor wrote, and so what a contributor
    searches the guide for.
    """
    text = re.sub(r"\s\[kennisbank\.[a-z-]+\]$", "", message.partition("WARNING: ")[2] or message)
    runs: list[list[str]] = [[]]
    for word in text.split():
        if _VALUE.search(word) or word.strip(",.:;") in _NAMES:
            runs.append([])
        else:
            runs[-1].append(word)
    wording = [" ".join(run) for run in runs if len(run) >= 2]
    assert wording, f"no wording to look for in {message!r}"
    guide = " ".join(GUIDE_TO_MESSAGES.read_text(encoding="utf-8").split())
    return [phrase for phrase in wording if phrase not in guide]
