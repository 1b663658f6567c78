"""The root folder's tree, kept between builds next to the doctrees.

Rendering the whole tree once per build still costs a second or more on a site of
a thousand pages, and an incremental build after an edit that changes no title and
no toctree would render exactly the same tree again. So the tree is stored with a
key of everything it is made of, and reused while that key holds.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from .sidebar import FolderTree

FILE = "cached-navigation.pickle"
#: toctree options that change what the tree lists or how.
_TOCTREE_OPTIONS = ("entries", "includefiles", "caption", "hidden", "includehidden", "maxdepth", "titlesonly", "glob")


def tree_key(app: Sphinx, hidden: set[str], version: str) -> str:
    """A digest of what the root tree is made of: titles, toctrees, hidden pages, settings."""
    env = app.env
    parts: list[Any] = [
        version,
        _version_of("sphinx"),
        _version_of("furo"),
        app.builder.name,
        getattr(app.builder, "out_suffix", ""),
        getattr(app.builder, "link_suffix", ""),
        app.config.root_doc,
        app.config.cached_navigation_toggle_label,
        sorted(hidden),
        sorted(env.toc_secnumbers.items()),
    ]
    for docname in sorted(env.tocs):
        toc = env.tocs[docname]
        title = next(toc.findall(nodes.reference), None)  # the entry's text, markup included
        parts.append((docname, title.pformat() if title is not None else None))
        for toctree in toc.findall(addnodes.toctree):
            parts.append([toctree.get(option) for option in _TOCTREE_OPTIONS])
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def load(app: Sphinx, key: str) -> FolderTree | None:
    try:
        stored = pickle.loads(Path(app.doctreedir, FILE).read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        return None
    if not isinstance(stored, dict) or stored.get("key") != key or not isinstance(stored.get("tree"), FolderTree):
        return None
    tree: FolderTree = stored["tree"]  # checked above
    return tree


def save(app: Sphinx, key: str, tree: FolderTree) -> None:
    path = Path(app.doctreedir, FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written whole, then renamed: the writer processes of a parallel build may save at once.
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=FILE, delete=False) as file:
        file.write(pickle.dumps({"key": key, "tree": tree}))
    os.replace(file.name, path)


def _version_of(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "-"
