"""The handlers: hand furo the cached tree, and give every page its breadcrumbs."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import Any, cast

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment
from sphinx.environment.adapters.toctree import global_toctree_for_doc

from . import __version__, store
from .furo_details import FURO_NAVIGATION_KEY, FURO_TOCTREE_ARGUMENTS, is_builders_own_toctree
from .sidebar import FolderTree, ancestors, build_folder_tree

_STASH = "cached_navigation_stash"
#: The page name no document has, for which the tree is rendered per folder.
_NO_PAGE = "__cached_navigation__"


class NavigationCache:
    """What one build has computed: a tree per folder, the toctree's parents."""

    def __init__(self) -> None:
        self.folders: dict[str, FolderTree] = {}
        self.parent_of: dict[str, str] | None = None
        self.hidden: set[str] | None = None

    def forget(self, app: Sphinx, env: BuildEnvironment) -> None:
        """A new set of documents: compute everything again (never stale)."""
        self.folders.clear()
        self.parent_of = None
        self.hidden = None

    def before_furo(self, app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
        toctree = context.get("toctree")
        if app.builder.name != "html" or toctree is None:
            return
        if is_builders_own_toctree(toctree):
            marked, on_the_page = self._marked_page(app.env, pagename, context)
            tree = self._folder_tree(app, posixpath.dirname(pagename)).html_for(marked, on_the_page=on_the_page)
        else:
            tree = self._foreign_tree(app, toctree)
        if tree is not None:
            # Without "toctree" furo renders nothing; after_furo puts both back.
            context[_STASH] = (context.pop("toctree"), tree)

    def after_furo(self, app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
        stashed = context.pop(_STASH, None)
        if stashed is not None:
            context["toctree"], context[FURO_NAVIGATION_KEY] = stashed
        # A page with a toctree of its own (a 404 page served at any address) would get
        # breadcrumbs with links relative to the wrong folder: it gets none.
        own = is_builders_own_toctree(context.get("toctree"))
        context["breadcrumbs"] = self._breadcrumbs(app, pagename, context) if own else []
        context["breadcrumbs_label"] = app.config.cached_navigation_breadcrumbs_label

    def _marked_page(self, env: BuildEnvironment, pagename: str, context: dict[str, Any]) -> tuple[str | None, bool]:
        """The page whose branch opens, and whether the reader is on it."""
        if pagename not in env.all_docs:
            return context.get("navigation_parent"), False
        hidden = self._hidden(env)
        if pagename not in hidden:
            return pagename, True
        for parent in ancestors(self._parents(env), pagename):
            if parent not in hidden:
                return parent, False
        return None, False

    def _folder_tree(self, app: Sphinx, folder: str) -> FolderTree:
        """The tree of one folder: the root folder's, with its links made relative to
        this folder, or (for a tree with links to sections) rendered anew."""
        if folder in self.folders:
            return self.folders[folder]
        if folder == "":
            tree = self._root_tree(app)
        elif (root := self._folder_tree(app, "")).relocatable:
            builder = cast(StandaloneHTMLBuilder, app.builder)
            no_page = posixpath.join(folder, _NO_PAGE)
            tree = root.relocated(lambda docname: builder.get_relative_uri(no_page, docname))
        else:
            tree = self._rendered_tree(app, folder)
        self.folders[folder] = tree
        return self.folders[folder]

    def _root_tree(self, app: Sphinx) -> FolderTree:
        """The root folder's tree: the one of the last build if nothing it shows changed."""
        key = store.tree_key(app, self._hidden(app.env), __version__)
        tree = store.load(app, key)
        if tree is None:
            tree = self._rendered_tree(app, "")
            store.save(app, key, tree)
        return tree

    def _rendered_tree(self, app: Sphinx, folder: str) -> FolderTree:
        """Sphinx's rendering of the tree for a page in ``folder`` that it does not list."""
        env, builder = app.env, cast(StandaloneHTMLBuilder, app.builder)
        no_page = posixpath.join(folder, _NO_PAGE)
        node = global_toctree_for_doc(env, no_page, builder, tags=builder.tags, **FURO_TOCTREE_ARGUMENTS)
        html = builder.render_partial(node)["fragment"] if node is not None else ""
        hrefs = {builder.get_relative_uri(no_page, docname): docname for docname in env.all_docs}
        return build_folder_tree(
            html, hrefs.get, hidden=self._hidden(env), toggle_label=app.config.cached_navigation_toggle_label
        )

    def _foreign_tree(self, app: Sphinx, toctree: Callable[..., str]) -> str | None:
        """A page with a toctree of its own (sphinx-notfound-page's 404 page, with
        absolute links): rendered as furo would, then with the same pages hidden and
        the same words as every other page. Links are matched on their ending."""
        env, builder = app.env, app.builder
        targets = {builder.get_target_uri(docname): docname for docname in env.all_docs}

        def docname_of(href: str) -> str | None:
            parts = href.split("#", 1)[0].split("/")
            return next(
                (targets["/".join(parts[i:])] for i in range(len(parts)) if "/".join(parts[i:]) in targets), None
            )

        tree = build_folder_tree(
            toctree(**FURO_TOCTREE_ARGUMENTS),
            docname_of,
            hidden=self._hidden(env),
            toggle_label=app.config.cached_navigation_toggle_label,
        )
        return tree.html_for(None)

    def _hidden(self, env: BuildEnvironment) -> set[str]:
        """The pages not listed one by one: marked so, or in a toctree with too many pages."""
        if self.hidden is None:
            marked = {docname for docname in env.all_docs if _is_hidden(env, docname)}
            self.hidden = marked | crowded_pages(env, env.config.cached_navigation_max_pages)
        return self.hidden

    def _parents(self, env: BuildEnvironment) -> dict[str, str]:
        if self.parent_of is None:
            # As Sphinx does: a page in two toctrees belongs to the last one.
            self.parent_of = {}
            for parent in sorted(env.toctree_includes):
                for child in env.toctree_includes[parent]:
                    self.parent_of[child] = parent
        return self.parent_of

    def _breadcrumbs(self, app: Sphinx, pagename: str, context: dict[str, Any]) -> list[dict[str, str | None]]:
        """Root page first, the current page last (without a link)."""
        env, builder = app.env, app.builder
        root = app.config.root_doc
        if pagename == root:
            return []
        start = pagename if pagename in env.all_docs else context.get("navigation_parent")
        chain = [start, *ancestors(self._parents(env), start)] if start in env.all_docs else []
        if pagename not in env.all_docs and start is not None:
            chain.insert(0, pagename)
        if root not in chain:
            chain.append(root)
        chain = chain[: chain.index(root) + 1]
        crumbs: list[dict[str, str | None]] = []
        for docname in reversed(chain):
            if docname == root:
                title = app.config.cached_navigation_home
            elif docname in env.titles:
                title = env.titles[docname].astext()
            else:
                title = str(context.get("title", ""))
            url = None if docname == pagename else builder.get_relative_uri(pagename, docname)
            crumbs.append({"title": title, "url": url})
        if pagename not in chain:
            crumbs.append({"title": str(context.get("title", "")), "url": None})
        return crumbs


def crowded_pages(env: BuildEnvironment, max_pages: int | None) -> set[str]:
    """The pages listed by a toctree that lists more than ``max_pages`` pages.

    Not those of the root page: the sidebar's first level is always shown. ``None``
    or 0: no limit, as furo itself does.
    """
    if not max_pages:
        return set()
    crowded: set[str] = set()
    for parent, children in env.toctree_includes.items():
        listed = set(children) & env.all_docs.keys()
        if parent != env.config.root_doc and len(listed) > max_pages:
            crowded |= listed
    return crowded


def _is_hidden(env: BuildEnvironment, docname: str) -> bool:
    return env.metadata.get(docname, {}).get("navigation") == "hidden"
