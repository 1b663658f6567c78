"""The site as a book: chapters, heading levels, pages left out, the table of contents.

``singlehtml`` puts each page where its parent's toctree was, inside the parent's
last section, so headings and bookmarks would nest the whole book under the home
page. :func:`make_chapters` turns that tree into chapters: the home page, each
page the home page lists, and each section the builder adds (a board pack's
agenda) start one; the pages below follow in reading order, each with its level
(``kb_level``: 1 chapter, 2 a page in it, ...). The print translator gives a
page's title the heading of its level, from which WeasyPrint makes the bookmarks.
"""

from __future__ import annotations

import fnmatch
import html

from docutils import nodes
from sphinx import addnodes


class print_chapter(nodes.Element):  # noqa: N801  (docutils dispatches on the class name)
    """One chapter of a printed book; only the PDF builder's translator writes it."""


def chapter_id(number: int) -> str:
    return f"kb-hoofdstuk-{number}"


def chapter_end_id(number: int) -> str:
    """An empty element at a chapter's end: where it lands shows how full the last page is."""
    return f"kb-einde-{number}"


def leave_out(node: nodes.Element, patterns: tuple[str, ...]) -> None:
    """Remove the pages whose document name matches a pattern, with the pages below them."""
    for container, part in _child_files(node):
        if any(fnmatch.fnmatchcase(part["docname"], pattern) for pattern in patterns):
            container.remove(part)
        else:
            leave_out(part, patterns)


def make_chapters(tree: nodes.document) -> None:
    """Regroup the document's children into chapters (see the module's docstring)."""
    chapters: list[list[nodes.Node]] = []
    for child in list(tree.children):
        parts: list[nodes.Node] = [child]
        if isinstance(child, addnodes.start_of_file):
            child["kb_level"] = 1
            parts += _pages_below(child, 2)
        elif isinstance(child, nodes.Element):
            parts += _pages_below(child, 1)
        for part in parts:
            starts = isinstance(part, nodes.section) or (
                isinstance(part, addnodes.start_of_file) and part["kb_level"] == 1
            )
            if starts or not chapters:
                chapters.append([])
            chapters[-1].append(part)
    tree.children = []
    for number, parts in enumerate(chapters, start=1):
        tree += print_chapter("", *parts, ids=[chapter_id(number)], number=number)
    _drop_empty_toctree_wrappers(tree)


def table_of_contents(tree: nodes.document) -> str:
    """Every chapter and page, and a section the builder added (a pack's agenda), linked to
    its anchor; the page numbers come from the CSS.

    A flat list with a class per level: WeasyPrint's leaders fail in nested lists.
    """
    entries = []
    for chapter in tree.findall(print_chapter):
        for child in chapter.children:
            if isinstance(child, addnodes.start_of_file):
                level, title, anchor = child["kb_level"], first_title(child), f"document-{child['docname']}"
            elif isinstance(child, nodes.section) and child["ids"] and isinstance(child[0], nodes.title):
                level, title, anchor = 1, child[0].astext(), child["ids"][0]
            else:
                continue
            href = html.escape(f"#{anchor}")
            entries.append(
                f'<li class="kb-inhoud-niveau-{min(level, 3)}"><a href="{href}">{html.escape(title)}</a></li>'
            )
    return f"<ul>{''.join(entries)}</ul>" if entries else ""


def first_title(part: nodes.Element) -> str:
    for section in part.findall(nodes.section):
        if len(section) and isinstance(section[0], nodes.title):
            return section[0].astext()
    return str(part["docname"])


def _pages_below(node: nodes.Element, level: int) -> list[nodes.Node]:
    """The pages inlined in ``node``, taken out of it, each followed by the pages below it."""
    found: list[nodes.Node] = []
    for container, part in _child_files(node):
        container.remove(part)
        part["kb_level"] = level
        found += [part, *_pages_below(part, level + 1)]
    return found


def _drop_empty_toctree_wrappers(node: nodes.Element) -> None:
    for child in list(node.children):
        if isinstance(child, nodes.compound) and "toctree-wrapper" in child["classes"] and not child.children:
            node.remove(child)
        elif isinstance(child, nodes.Element):
            _drop_empty_toctree_wrappers(child)


def _child_files(node: nodes.Element) -> list[tuple[nodes.Element, addnodes.start_of_file]]:
    """The start_of_file nodes below ``node`` (not inside another one), each with the
    element that holds it (``singlehtml`` leaves stale parent links inside a page)."""
    found = []
    for child in node.children:
        if isinstance(child, addnodes.start_of_file):
            found.append((node, child))
        elif isinstance(child, nodes.Element):
            found.extend(_child_files(child))
    return found
