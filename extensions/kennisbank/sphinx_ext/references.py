"""Checks on references: mentions in running text, relation fields, missing targets."""

from __future__ import annotations

import re
from fnmatch import fnmatch
from typing import cast

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..model.objects import Mention
from ..model.relations import check_relations, of_kinds, suggest
from ..model.schema import TYPES
from .buildstate import build_state
from .domain import KnowledgeBaseDomain, kb_domain
from .failures import guarded
from .nodes import enclosing_section
from .priorities import CHECK_RELATIONS, REFERENCES
from .roles import MissingLinkRole

logger = logging.getLogger(__name__)


#: What ``kennisbank nieuw`` leaves for the contributor to fill in.
PLACEHOLDER = re.compile(r"VUL[ -]IN|vul-in-")
_INLINE_CODE = re.compile(r"`[^`]*`")


@guarded("het zoeken naar plaatshouders")
def check_placeholders(app: Sphinx, docname: str, source: list[str]) -> None:
    """A page with a placeholder from the scaffold is not finished."""
    for number, line in enumerate(source[0].splitlines(), start=1):
        # Inside `code` a placeholder is being written about, as in the guide.
        if PLACEHOLDER.search(_INLINE_CODE.sub("", line)):
            logger.warning(
                "Nog niet ingevuld: vervang de plaatshouder in '%s'",
                line.strip(),
                location=(docname, number),
                type="kennisbank",
                subtype="plaatshouder",
            )


@guarded("het zoeken naar nultekens")
def check_null_characters(app: Sphinx, docname: str, source: list[str]) -> None:
    """A NUL character vanishes while docutils reads the page (it uses it internally): say where it was."""
    for number, line in enumerate(source[0].splitlines(), start=1):
        if "\x00" in line:
            logger.warning(
                "Deze regel bevat een onzichtbaar nulteken (U+0000); typ de regel opnieuw",
                location=(docname, number),
                type="kennisbank",
                subtype="invoer",
            )


@guarded("het lezen van de objecten op een pagina")
def collect_from_doctree(app: Sphinx, doctree: nodes.document) -> None:
    name_objects_after_headings(app, doctree)
    collect_mentions(app, doctree)


def name_objects_after_headings(app: Sphinx, doctree: nodes.document) -> None:
    """Give objects declared without a title the title of the heading they stand under."""
    domain = kb_domain(app.env)
    for container in doctree.findall(nodes.container):
        obj = domain.declared_on(app.env.docname, container.get("kb_object", ""))
        if not container.get("kb_heading_title") or obj is None:
            continue
        section = enclosing_section(container)
        if section is not None and isinstance(section[0], nodes.title):
            domain.rename(obj, section[0].astext())
        else:
            spec = TYPES[obj.kind]
            logger.warning(
                "%s '%s' heeft geen titel: zet het onder een kop of geef het veld '%s'",
                spec.label,
                obj.id,
                spec.title_field,
                location=container,
                type="kennisbank",
                subtype="invoer",
            )
            domain.rename(obj, obj.id)


def collect_mentions(app: Sphinx, doctree: nodes.document) -> None:
    """Remember which objects a page mentions through roles, for the backlinks.

    A page listed in ``kennisbank_ignore_mentions_from`` gives no backlinks, but
    its mentions are kept apart: the page still links to those objects, so it is
    rewritten when one of them is renamed or removed (see freshness.py).
    """
    docname = app.env.docname
    mentions = tuple(
        Mention(docname, node.line or 0, node["reftarget"], node["reftype"])
        for node in doctree.findall(pending_xref)
        if node.get("refdomain") == "kb" and not node.get("kb_field")
    )
    ignored = any(fnmatch(docname, pattern) for pattern in build_state(app.env).settings.ignore_mentions_from)
    kb_domain(app.env).note_mentions(docname, mentions, backlinks=not ignored)


@guarded("het controleren van de relaties")
def check_consistency(app: Sphinx, env: BuildEnvironment) -> None:
    """Report every relation field that points nowhere or at the wrong type."""
    for problem in check_relations(kb_domain(env).index):
        logger.warning(
            problem.message,
            location=(problem.docname, problem.lineno),
            type="kennisbank",
            subtype="relatie",
        )


@guarded("het melden van een onbekende verwijzing")
def warn_missing_reference(app: Sphinx, domain: Domain, node: pending_xref) -> bool | None:
    """Explain an unresolved ``{thema}`...``-style role in Dutch.

    References from fields are skipped: :func:`check_consistency` reported them.
    """
    if domain is None or domain.name != "kb":
        return None
    if node.get("kb_field"):
        return True
    target, wanted = node["reftarget"], TYPES[node["reftype"]]
    objects = cast(KnowledgeBaseDomain, domain).objects  # the domain named "kb" is ours
    other = objects.get(target)
    if other is not None:
        message = (
            f"'{target}' is een {TYPES[other.kind].label.lower()}, geen {wanted.label.lower()}: "
            f"schrijf {{{other.kind}}}`{target}`"
        )
    else:
        hint = suggest(target, of_kinds(objects, (wanted.name,)))
        message = f"onbekend {wanted.label.lower()} '{target}'{hint}"
    logger.warning("Verwijzing: %s", message, location=node, type="kennisbank", subtype="verwijzing")
    return True


def setup(app: Sphinx) -> None:
    app.add_role("linkvolgt", MissingLinkRole())
    app.connect("source-read", check_placeholders)
    app.connect("source-read", check_null_characters)
    app.connect("doctree-read", collect_from_doctree, priority=REFERENCES)
    app.connect("env-check-consistency", check_consistency, priority=CHECK_RELATIONS)
    app.connect("warn-missing-reference", warn_missing_reference)
