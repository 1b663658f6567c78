"""A page in no table of contents: said in Dutch, with the index page and the line to add.

Sphinx says "document isn't included in any toctree", in English, without advice.
Its own check is switched off (``suppress_warnings``) and this one says the same
of the same pages: which index page (the ``index`` of the page's folder, or the
nearest one above it) should list the page, and what to write there.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from .failures import guarded
from .priorities import CHECK_UNLISTED_PAGES

logger = logging.getLogger(__name__)

SPHINX_CHECK = "toc.not_included"
_TOCTREE = re.compile(r"^\s*(`{3,}|~{3,}|:{3,})\{toctree\}")


def take_over_sphinx_check(app: Sphinx, config: Config) -> None:
    if SPHINX_CHECK not in config.suppress_warnings:
        config.suppress_warnings = [*config.suppress_warnings, SPHINX_CHECK]


def index_page(docname: str, docnames: set[str] | frozenset[str], root: str) -> str:
    """The index page that should list ``docname``: its folder's, or the nearest one above."""
    folders = docname.split("/")[:-1]
    while folders:
        candidate = "/".join([*folders, "index"])
        if candidate != docname and candidate in docnames:
            return candidate
        folders.pop()
    return root


def toctree_entry(docname: str, index: str) -> str:
    """How the index page's toctree names the page: relative to the index page's folder."""
    folder = index.rpartition("/")[0]
    return docname[len(folder) + 1 :] if folder and docname.startswith(folder + "/") else docname


def toctree_line(source: Path) -> int | None:
    """The line of the first toctree in a page's source, if it has one."""
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return next((number for number, line in enumerate(lines, start=1) if _TOCTREE.match(line)), None)


@guarded("het zoeken naar pagina's buiten de inhoudsopgave")
def report_unlisted(app: Sphinx, env: BuildEnvironment) -> None:
    """Sphinx's check (environment.check_consistency), with a Dutch message that says what to do."""
    included = set().union(*env.included.values())
    root = env.config.root_doc
    for docname in sorted(env.all_docs):
        if docname in env.files_to_rebuild or docname == root or docname in included:
            continue
        if "orphan" in env.metadata[docname]:
            continue
        index = index_page(docname, env.found_docs, root)
        entry = toctree_entry(docname, index)
        index_path = env.doc2path(index, base=False)
        line = toctree_line(Path(env.doc2path(index)))
        if line is not None:
            advice = f"voeg de regel '{entry}' toe aan de toctree in {index_path} (regel {line})"
        else:
            advice = f"zet in {index_path} een toctree met deze pagina: ```{{toctree}}, dan '{entry}', dan ```"
        logger.warning(
            "Deze pagina staat in geen inhoudsopgave (toctree), dus lezers vinden haar niet via het menu: %s. "
            "Hoort de pagina bewust nergens bij, zet dan 'orphan: true' in de kop (tussen de regels ---)",
            advice,
            location=(docname, 1),
            type="kennisbank",
            subtype="inhoudsopgave",
        )


def setup(app: Sphinx) -> None:
    app.connect("config-inited", take_over_sphinx_check)
    app.connect("env-check-consistency", report_unlisted, priority=CHECK_UNLISTED_PAGES)
