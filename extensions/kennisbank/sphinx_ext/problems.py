"""Problems where contributors look: a box on the page in a preview, a Dutch summary at the end.

``make html`` and ``make serve`` finish with a warning or two in the terminal and a page
that silently leaves out the field it could not read. So every warning is noted
against the page it is about, and

- in the HTML of a preview (``make html``, ``make serve``, a pull request's site) each
  page with a problem opens with a box: "Let op: 2 problemen op deze pagina", each
  with its line; a field left out shows where it would be (render.unread_fact). The
  published site shows neither: its strict build publishes nothing while there is a
  problem. ``kennisbank_show_problems = False`` switches the box off for other builds.
  (The publish build keeps the default, so that a pull request's preview, built on its
  cache, has the same configuration and rewrites only what changed);
- the build ends with "Kennisbank: 3 problemen op 2 pagina's: agenda/x.md (2), ...".

Sphinx logs a page's warnings only when it reads or writes that page again, so what
is noted must outlive the build: what was reported while reading a page is kept with
the page in the domain (``clear_doc`` forgets it when the page is read again; parallel
reading sends the log home, where it is noted); what the consistency check and the
writing of pages reported is kept beside the doctrees (``PROBLEMS_FILE``), the former
for builds that check nothing, the latter per output folder for the summary.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.utils import get_source_line
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.util import logging as sphinx_logging
from sphinx.util.build_phase import BuildPhase
from sphinx.util.logging import NAMESPACE, is_suppressed_warning

from ..formats.cache import load_cache, save_cache
from .buildstate import build_state
from .capabilities import is_site
from .domain import kb_domain
from .failures import guarded
from .logfilters import FIELD_DIRECTIVES, ExplainedInDutch
from .nodes import unread_field
from .priorities import NOTE_CHECKS, SUMMARY

logger = sphinx_logging.getLogger(__name__)

#: Beside the doctrees: what the consistency check and the writing of pages reported last.
PROBLEMS_FILE = "kennisbank-problemen.json"
PROBLEMS_VERSION = "1"
#: (line, message); line 0 when the problem is about the whole page.
Problem = tuple[int, str]


@dataclass
class ProblemLog:
    """What this build reported, by page; kept in the domain's BuildState, never stored."""

    reading: set[str] = field(default_factory=set)  # the pages read in this build
    checked: dict[str, list[Problem]] | None = None  # None: no consistency check in this build
    checking: bool = False  # from our first consistency check until writing starts
    written: dict[str, list[Problem]] = field(default_factory=dict)
    written_docs: set[str] = field(default_factory=set)
    elsewhere: int = 0  # problems without a page (conf.py, a file outside the pages)
    stored: dict[str, Any] | None = None  # PROBLEMS_FILE, once read


class problem_box(nodes.General, nodes.Element):
    """The box at the top of a page in a preview; its ``problems`` are (line, message) pairs."""


def problem_log(env: BuildEnvironment) -> ProblemLog:
    state = build_state(env)
    if state.problem_log is None:
        state.problem_log = ProblemLog()
    return state.problem_log


class ProblemRecorder(logging.Handler):
    """Notes each warning against its page as it is logged.

    A handler of its own, not a filter of Sphinx's warning handler: Sphinx holds back the
    warnings of reading and writing until all pages are done, and a page's box is made
    when the page is written. A warning held back passes here twice (logged, then let
    out); it is noted once.
    """

    def __init__(self, app: Sphinx) -> None:
        super().__init__(logging.WARNING)
        self.app = app
        self.explained = ExplainedInDutch(FIELD_DIRECTIVES)

    def emit(self, record: logging.LogRecord) -> None:
        if getattr(record, "kb_noted", False) or self.explained.explained(record):
            return
        record.kb_noted = True
        suppressed = self.app.config.suppress_warnings
        if is_suppressed_warning(getattr(record, "type", ""), getattr(record, "subtype", ""), suppressed):
            return
        try:
            self.note(record)
        except Exception:  # noqa: BLE001  # the log itself must never fail a build
            return

    def note(self, record: logging.LogRecord) -> None:
        env = getattr(self.app, "env", None)
        if env is None:
            return
        log = problem_log(env)
        docname, line = where(env, getattr(record, "location", None))
        problem = (line, logging.LogRecord.getMessage(record))
        phase = self.app.phase
        if docname is None or docname not in env.found_docs:
            log.elsewhere += 1
        elif phase == BuildPhase.READING and docname in log.reading:
            kb_domain(env).problems.setdefault(docname, []).append(problem)
        elif log.checking and log.checked is not None:
            log.checked.setdefault(docname, []).append(problem)
        elif phase in (BuildPhase.RESOLVING, BuildPhase.WRITING):  # RESOLVING is CONSISTENCY_CHECK's number
            log.written.setdefault(docname, []).append(problem)
        else:
            log.elsewhere += 1


def where(env: BuildEnvironment, location: object) -> tuple[str | None, int]:
    """The page and line of a warning's location, in any of the forms Sphinx accepts."""
    if isinstance(location, tuple) and len(location) == 2:
        docname, line = location
        return (docname or None), int(line or 0)
    if isinstance(location, nodes.Node):
        source, line = get_source_line(location)
        return (env.path2doc(source) if source else None), int(line or 0)
    if isinstance(location, str) and location:
        path, _, line_text = location.rpartition(":")
        if path and line_text.isdigit():
            return env.path2doc(path), int(line_text)
        if path and not line_text:  # "path:" (a node without a line)
            return env.path2doc(path), 0
        return (location if location in env.found_docs else env.path2doc(location)), 0
    return None, 0


def page_problems(env: BuildEnvironment, docname: str, folder: str) -> list[Problem]:
    """Every problem of one page that this build (or the last that checked or wrote it) knows of."""
    log = problem_log(env)
    found = list(kb_domain(env).problems.get(docname, ()))
    checked = log.checked if log.checked is not None else stored(env).get("checked", {})
    found += [(int(line), str(message)) for line, message in checked.get(docname, ())]
    written = log.written if docname in log.written_docs else stored(env).get("written", {}).get(folder, {})
    found += [(int(line), str(message)) for line, message in written.get(docname, ())]
    return sorted(set(found))


def stored(env: BuildEnvironment) -> dict[str, Any]:
    log = problem_log(env)
    if log.stored is None:
        data, _ = load_cache(Path(env.doctreedir) / PROBLEMS_FILE, PROBLEMS_VERSION, json.loads)
        log.stored = data
    return log.stored


# -- events ----------------------------------------------------------------------------


def note_pages_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    problem_log(env).reading = set(docnames)


def note_check(app: Sphinx, env: BuildEnvironment) -> None:
    """The consistency check begins (Sphinx's own part of it, before, is switched off: unlisted.py)."""
    log = problem_log(env)
    log.checked, log.checking = {}, True


def note_writing(app: Sphinx, builder: Builder) -> None:
    problem_log(app.env).checking = False


def in_preview(builder: Builder) -> bool:
    """Whether this build shows problems on the pages: HTML for the screen, and not switched off."""
    return is_site(builder) and build_state(builder.env).settings.show_problems


@guarded("het kader met problemen")
def show_problems(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The box at the top of a page with problems, under its title."""
    problem_log(app.env).written_docs.add(docname)
    if not in_preview(app.builder):
        return
    problems = page_problems(app.env, docname, str(app.builder.outdir))
    if not problems:
        return
    settings = build_state(app.env).settings
    box = problem_box(problems=problems, source=str(app.env.doc2path(docname, base=False)), guide=settings.messages_url)
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        section.insert(1, box)
    else:
        doctree.insert(0, box)


@guarded("het samenvatten van de problemen")
def summarise(app: Sphinx, exception: Exception | None) -> None:
    """Keep what the check and the pages reported, and say in Dutch how many problems on which pages."""
    if exception is not None:
        return
    env = app.env
    log = problem_log(env)
    folder = str(app.builder.outdir)
    previous = stored(env)
    checked = log.checked if log.checked is not None else previous.get("checked", {})
    written = {d: p for d, p in previous.get("written", {}).get(folder, {}).items() if d not in log.written_docs}
    written.update(log.written)
    pages = set(env.all_docs)
    keep = {
        "checked": {d: p for d, p in checked.items() if d in pages},
        "written": {**previous.get("written", {}), folder: {d: p for d, p in written.items() if d in pages}},
    }
    save_cache(Path(env.doctreedir) / PROBLEMS_FILE, PROBLEMS_VERSION, keep, lambda d: json.dumps(d).encode())
    log.stored = keep
    counts = {}
    for docname in sorted(pages):
        count = len(page_problems(env, docname, folder))
        if count:
            counts[str(env.doc2path(docname, base=False))] = count
    logger.info(summary(counts, log.elsewhere))


def summary(counts: dict[str, int], elsewhere: int = 0, shown: int = 10) -> str:
    """'Kennisbank: 3 problemen op 2 pagina's: agenda/x.md (2), themas/y.md (1)'."""
    total = sum(counts.values()) + elsewhere
    if not total:
        return "Kennisbank: geen problemen"
    pages = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    listed = ", ".join(f"{path} ({count})" for path, count in pages[:shown])
    if len(pages) > shown:
        listed += f" en {len(pages) - shown} andere pagina's"
    if elsewhere:
        listed += (", " if listed else "") + f"{elsewhere} buiten de pagina's"
    noun = "probleem" if total == 1 else "problemen"
    page_noun = "pagina" if len(pages) == 1 else "pagina's"
    on = f" op {len(pages)} {page_noun}" if pages else ""
    return f"Kennisbank: {total} {noun}{on}: {listed}"


# -- HTML -------------------------------------------------------------------------------


def visit_problem_box(self: Any, node: problem_box) -> None:
    problems: list[Problem] = node["problems"]
    count = len(problems)
    heading = f"Let op: {count} {'probleem' if count == 1 else 'problemen'} op deze pagina"
    self.body.append('<section class="kb-problemen" aria-labelledby="kb-problemen-kop" data-pagefind-ignore="all">\n')
    self.body.append(f'<h2 id="kb-problemen-kop" class="kb-problemen-kop">{self.encode(heading)}</h2>\n')
    self.body.append(
        f"<p>De bron van deze pagina, <code>{self.encode(node['source'])}</code>, bevat "
        f"{'een fout' if count == 1 else 'fouten'}. Dit kader staat alleen in een voorbeeld, "
        "niet op de gepubliceerde site; de controle (<code>make check</code>) slaagt pas als alles "
        "is opgelost.</p>\n<ul>\n"
    )
    for line, message in problems:
        where = f'<span class="kb-problemen-regel">regel {line}</span>: ' if line else ""
        self.body.append(f"<li>{where}{self.encode(message)}</li>\n")
    self.body.append("</ul>\n")
    if node["guide"]:
        self.body.append(
            f'<p>Wat elke melding betekent en hoe u de fout oplost: <a href="{self.encode(node["guide"])}">'
            "Meldingen: wat ze betekenen</a>.</p>\n"
        )
    self.body.append("</section>\n")
    raise nodes.SkipNode


def visit_unread_field(self: Any, node: unread_field) -> None:
    if in_preview(self.builder):
        text = f"[veld '{node['field']}' niet te lezen, zie hierboven]"
        self.body.append(
            f'<dt class="kb-onleesbaar" data-pagefind-ignore>{self.encode(node["label"])}<span class="colon">:</span></dt>\n'
        )
        self.body.append(f'<dd class="kb-onleesbaar" data-pagefind-ignore><p>{self.encode(text)}</p></dd>\n')
    raise nodes.SkipNode


def skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    # Ours only among the handlers; each application gets its own (Sphinx makes new ones per application).
    root = logging.getLogger(NAMESPACE)
    for handler in [h for h in root.handlers if isinstance(h, ProblemRecorder)]:
        root.removeHandler(handler)
    root.addHandler(ProblemRecorder(app))
    # Written in HTML (where a preview shows them), nothing in every other format.
    for node, visit in ((problem_box, visit_problem_box), (unread_field, visit_unread_field)):
        skipped = (skip, None)
        app.add_node(node, html=(visit, None), latex=skipped, text=skipped, man=skipped, texinfo=skipped)
    app.connect("env-before-read-docs", note_pages_read)
    app.connect("env-check-consistency", note_check, priority=NOTE_CHECKS)
    app.connect("write-started", note_writing)
    app.connect("doctree-resolved", show_problems)
    app.connect("build-finished", summarise, priority=SUMMARY)
