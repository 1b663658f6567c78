"""The sidebar tree of one folder, rendered once, with slots for a page's marks.

Sphinx renders the global table of contents anew for every page only to mark
the current page and its ancestors ("current" classes, an opened branch);
furo then reworks that HTML with BeautifulSoup, so a site of n pages costs
n² work. Within one folder every page has the same relative links, so the tree
is rendered here once per folder, for no page in particular, with markers where
the marks go. A page then costs a few list assignments and one join.

The markup is the same as furo's ``furo.navigation.get_navigation_tree``;
``tests/test_navigation.py`` compares the two page by page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from bs4 import BeautifulSoup, Tag

from .furo_details import FURO_EXPAND_ICON

_VALUE = "\ue000{}\ue001"  # a marked attribute value
# A marked attribute, present on a page or not. BeautifulSoup writes attributes
# sorted by name, so the marker starts with the name of the attribute it stands for.
_ATTRIBUTE = "{}\ue002{}"
_MARKER = re.compile(' [a-z]+\ue002(\\d+)=""|\ue000(\\d+)\ue001')


@dataclass
class Entry:
    """One ``<li>`` of the tree, and the slots its marks go into."""

    docname: str | None  # None for links outside the site or to a section
    classes: list[str]  # Sphinx's classes, before any marks
    has_children: bool
    parent: int | None  # index of the enclosing entry
    li: int = -1  # the slots: the <li>'s class, the <a>'s class and href,
    link_class: int = -1  # the switch's "checked", the enclosing <ul>'s class
    href: int = -1
    switch: int = -1
    ul: int = -1


@dataclass
class FolderTree:
    """The rendered tree of one folder: fixed text and slots, in order."""

    parts: list[str]
    entries: list[Entry]
    by_docname: dict[str, list[int]] = field(default_factory=dict)
    link_defaults: dict[int, str] = field(default_factory=dict)
    #: Whether every link is to a page or outside the site: then another folder's tree
    #: is this one with other relative links (see relocated).
    relocatable: bool = True

    def relocated(self, href_of: Callable[[str], str]) -> FolderTree:
        """The same tree for another folder: each page's link made relative to it."""
        parts = list(self.parts)
        for entry in self.entries:
            if entry.docname is not None:
                parts[entry.href] = href_of(entry.docname)
        return replace(self, parts=parts)

    def html_for(self, marked: str | None, *, on_the_page: bool = True) -> str | None:
        """The tree with ``marked``'s branches open and marked as current.

        ``on_the_page`` is false when the reader is on a page the tree leaves
        out (under ``marked``): the branch opens, but its link stays a link.
        None means "let furo render it": a page listed twice in one toctree,
        where Sphinx's marks follow rules not worth copying.
        """
        found = self.by_docname.get(marked or "", [])
        if not found:
            return "".join(self.parts)
        roots = [self._root_of(index) for index in found]
        if len(set(roots)) < len(roots):
            return None
        parts = list(self.parts)
        for occurrence in found:
            index: int | None = occurrence
            while index is not None:
                entry = self.entries[index]
                classes = [*entry.classes, "current"]
                if entry.has_children:
                    classes.append("has-children")
                    parts[entry.switch] = ' checked=""'
                if index == occurrence and on_the_page:
                    parts[entry.link_class] = "current " + self.link_defaults[entry.link_class]
                    parts[entry.href] = "#"
                if index == found[-1]:  # furo marks the last one in document order
                    classes.append("current-page")
                parts[entry.li] = " ".join(classes)
                parts[entry.ul] = ' class="current"'
                index = entry.parent
        return "".join(parts)

    def _root_of(self, index: int) -> int:
        """The top-level list (one per toctree) an entry is in."""
        while (parent := self.entries[index].parent) is not None:
            index = parent
        return self.entries[index].ul


def build_folder_tree(
    toctree_html: str,
    docname_of_href: Callable[[str], str | None],
    *,
    hidden: set[str],
    toggle_label: str,
) -> FolderTree:
    """Parse Sphinx's rendering of the global toctree (for a page it does not list)."""
    soup = BeautifulSoup(toctree_html, "html.parser")
    _drop_hidden(soup, docname_of_href, hidden)
    slots: list[str] = []  # the neutral value of every slot

    def slot(value: str) -> int:
        slots.append(value)
        return len(slots) - 1

    entries: list[Entry] = []
    position: dict[int, int] = {}  # id(<li>) -> index in entries
    ul_slot: dict[int, int] = {}  # id(<ul>) -> slot
    switches = 0
    for element in soup.find_all("li"):
        link = element.find("a")
        if link is None:
            continue
        href = str(link.get("href", ""))
        classes = [c for c in element.get_attribute_list("class") if c]
        has_children = element.find("ul") is not None
        parent_li = element.find_parent("li")
        entry = Entry(
            docname=docname_of_href(href),
            classes=classes,
            has_children=has_children,
            parent=position.get(id(parent_li)) if parent_li is not None else None,
        )
        position[id(element)] = len(entries)
        entries.append(entry)
        enclosing = element.find_parent("ul")
        if enclosing is not None:
            if id(enclosing) not in ul_slot:
                if enclosing.get("class"):
                    raise ValueError("a <ul> of the toctree has classes of its own")
                ul_slot[id(enclosing)] = slot("")
                enclosing[_ATTRIBUTE.format("class", ul_slot[id(enclosing)])] = ""
            entry.ul = ul_slot[id(enclosing)]
        link_classes = " ".join(c for c in link.get_attribute_list("class") if c)
        entry.link_class = slot(link_classes)
        link["class"] = _VALUE.format(entry.link_class)
        entry.href = slot(href)
        link["href"] = _VALUE.format(entry.href)
        entry.li = slot(" ".join(classes + (["has-children"] if has_children else [])))
        element["class"] = _VALUE.format(entry.li)
        if has_children:
            switches += 1
            checkbox = _add_switch(soup, element, switches, toggle_label.format(title=link.text))
            entry.switch = slot("")
            checkbox[_ATTRIBUTE.format("checked", entry.switch)] = ""

    parts: list[str] = []
    where: dict[int, int] = {}  # slot -> index in parts
    text = str(soup)
    last = 0
    for match in _MARKER.finditer(text):
        parts.append(text[last : match.start()])
        number = int(match.group(1) or match.group(2))
        where[number] = len(parts)
        parts.append(slots[number])
        last = match.end()
    parts.append(text[last:])

    tree = FolderTree(parts=parts, entries=entries)
    # Before the slots become positions in parts: slots[entry.href] is the link as rendered.
    tree.relocatable = all(e.docname is not None or _outside_the_site(slots[e.href]) for e in entries)
    for index, entry in enumerate(entries):
        entry.li, entry.link_class, entry.href = where[entry.li], where[entry.link_class], where[entry.href]
        entry.ul = where[entry.ul] if entry.ul >= 0 else -1
        entry.switch = where[entry.switch] if entry.has_children else -1
        tree.link_defaults[entry.link_class] = parts[entry.link_class]
        if entry.docname is not None:
            tree.by_docname.setdefault(entry.docname, []).append(index)
    return tree


def _outside_the_site(href: str) -> bool:
    return "://" in href or href.startswith("mailto:")


def _drop_hidden(soup: BeautifulSoup, docname_of_href: Callable[[str], str | None], hidden: set[str]) -> None:
    """Leave out the pages not to be listed one by one (and lists left empty)."""
    if not hidden:
        return
    for link in list(soup.find_all("a")):
        if link.decomposed:  # below a hidden page, already gone with it
            continue
        if docname_of_href(str(link.get("href", ""))) in hidden:
            item = link.find_parent("li")
            if item is not None:
                item.decompose()
    for bullets in list(soup.find_all("ul")):
        if not bullets.find("li"):
            bullets.decompose()


def _add_switch(soup: BeautifulSoup, item: Tag, number: int, accessible_name: str) -> Tag:
    """furo's expand/collapse switch: a checkbox and its label after the link."""
    name = f"toctree-checkbox-{number}"
    label = soup.new_tag("label", attrs={"for": name})
    label.append(BeautifulSoup(FURO_EXPAND_ICON, "html.parser"))
    item.insert(1, label)
    checkbox = soup.new_tag(
        "input",
        attrs={
            "type": "checkbox",
            "class": "toctree-checkbox",
            "id": name,
            "name": name,
            "role": "switch",
            "aria-label": accessible_name,
        },
    )
    item.insert(1, checkbox)
    return checkbox


def ancestors(parent_of: dict[str, str], docname: str) -> Iterable[str]:
    """``docname``'s parents in the toctree, nearest first (a cycle stops it)."""
    seen = {docname}
    while docname in parent_of and parent_of[docname] not in seen:
        docname = parent_of[docname]
        seen.add(docname)
        yield docname
