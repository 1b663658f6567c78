"""When our own code fails: a Dutch message that names the page and the object.

A traceback is always a bug in the extension, never the contributor's fault.
Instead of stopping the build with Sphinx's English "please report this to
Sphinx", we log one error with the page (and the object, where there is one),
keep the full traceback in a file, say where to report it to us, and build the
rest of the site. The error still fails the strict build (``-W``).
"""

from __future__ import annotations

import functools
import platform
import tempfile
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ParamSpec, TypeVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from .. import ISSUES_URL
from .nodes import Placeholder
from .placeholders import placeholders_in
from .priorities import AFTER_EVERYTHING

logger = logging.getLogger(__name__)

_P = ParamSpec("_P")
_R = TypeVar("_R")

NOTICE = "[Dit onderdeel kon door een fout in de kennisbank-extensie niet worden gemaakt.]"


def report(error: BaseException, task: str, location: Any = None, obj_id: str = "") -> None:
    """Log an internal error in Dutch, with where to report it."""
    try:
        keep = f" en voeg het bestand {save_traceback(error)} toe"
    except Exception:  # the report itself must never fail
        keep = ""
    about = f" (object '{obj_id}')" if obj_id else ""
    logger.error(
        "Interne fout in de kennisbank-extensie bij %s%s: %s: %s. Dit ligt niet aan uw tekst maar aan onze "
        "code; de rest van de site is gewoon gebouwd. Meld het alstublieft op %s%s.",
        task,
        about,
        type(error).__name__,
        error,
        ISSUES_URL,
        keep,
        location=location,
        type="kennisbank",
        subtype="interne-fout",
    )


def save_traceback(error: BaseException) -> str:
    """Write the full traceback, with the versions that matter, to a temporary file."""
    from importlib.metadata import version

    versions = ", ".join(
        f"{name} {version(name)}" for name in ("kennisbank-vzhg", "sphinx", "myst-parser", "icalendar")
    )
    text = f"Python {platform.python_version()}; {versions}\n\n" + "".join(traceback.format_exception(error))
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", prefix="kennisbank-fout-", suffix=".log", delete=False
    ) as f:
        f.write(text)
    return f.name


def page_location(env: BuildEnvironment, node: nodes.Node) -> tuple[str, int | None]:
    """The page being written and the node's line, for a report from a post-transform."""
    return env.docname, node.line


@contextmanager
def internal_errors(
    task: str, location: Any = None, obj_id: str = "", placeholder: Placeholder | None = None
) -> Iterator[None]:
    """Report (instead of raise) any exception inside the block.

    A ``placeholder`` that the block was filling is marked, so that
    :class:`ReplaceLeftovers` replaces it without reporting it a second time.
    """
    try:
        yield
    except Exception as error:
        report(error, task, location, obj_id)
        if placeholder is not None:
            placeholder["kb_failed"] = True


def guarded(task: str, default: Any = None) -> Callable[[Callable[_P, _R]], Callable[_P, _R]]:
    """For event handlers: an exception is reported, and ``default`` returned."""

    def decorate(handler: Callable[_P, _R]) -> Callable[_P, _R]:
        @functools.wraps(handler)
        def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
            try:
                return handler(*args, **kwargs)
            except Exception as error:
                report(error, task)
                fallback: _R = default  # the handler's own kind of result, as its caller chose it
                return fallback

        return run

    return decorate


class ReplaceLeftovers(SphinxPostTransform):
    """Any placeholder still in the tree after our transforms: its part failed.

    A writer would crash on it; a visible notice takes its place instead.
    """

    default_priority = AFTER_EVERYTHING

    def run(self, **kwargs: Any) -> None:
        for placeholder in placeholders_in(self, Placeholder):
            if not placeholder.get("kb_failed"):  # not reported yet: a part that was forgotten
                report(
                    RuntimeError(f"{type(placeholder).__name__} niet ingevuld"),
                    "het invullen van de pagina",
                    page_location(self.env, placeholder),
                )
            placeholder.replace_self(nodes.paragraph(NOTICE, NOTICE, classes=["kb-interne-fout"]))


def setup(app: Sphinx) -> None:
    app.add_post_transform(ReplaceLeftovers)
