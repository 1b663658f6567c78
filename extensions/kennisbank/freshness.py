"""Keep generated sections fresh in incremental builds.

A page's generated content (its "Gerelateerd" sections, its overviews, the
titles its links show) depends on other pages. After reading, we compute a
digest of exactly that input for every page and ask Sphinx to rewrite the
pages whose digest changed; unchanged pages are left alone.

Sphinx itself leaves two things stale that we fix here too: the navigation
(every page shows the site's table of contents and its neighbours, which
change when a page is added, removed or retitled), and the output files of
removed pages, which it never deletes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .model import KBObject
from .relations import relations_of


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    domain = env.domains["kb"]
    old: dict[str, str] = domain.data["signatures"]
    navigation = _navigation_digest(env)
    new = {docname: navigation + _digest(env, docname) for docname in sorted(env.all_docs)}
    domain.data["signatures"] = new
    return [docname for docname, digest in new.items() if old.get(docname) != digest]


def _digest(env: BuildEnvironment, docname: str) -> str:
    domain = env.domains["kb"]
    index = domain.index
    parts: list[object] = []
    hosted = [o for o in domain.objects.values() if o.docname == docname]
    for obj in sorted(hosted, key=lambda o: o.id):
        links = index.backlinks(obj.id)
        parts.append(("related", obj.id, [(k, [(_public(o), labels) for o, labels in items]) for k, items in links.by_type]))
        parts.append(("pages", [(d, env.titles[d].astext()) for d in links.pages if d in env.titles]))
        parts.append(("fields", [_target(domain, target) for target in _field_targets(obj)]))
    for mention in domain.mentions.get(docname, ()):
        parts.append(("mention", _target(domain, mention.target)))
    for kind in sorted(domain.overviews.get(docname, ())):
        parts.append(("overview", kind, [_public(o) for o in index.of_kind(kind)]))
    if not parts:
        return ""
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _navigation_digest(env: BuildEnvironment) -> str:
    tree = sorted((doc, tuple(children)) for doc, children in env.toctree_includes.items())
    titles = sorted((doc, title.astext()) for doc, title in env.titles.items())
    return hashlib.sha256(repr((tree, titles)).encode()).hexdigest()


def note_removed_pages(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    env.domains["kb"].removed_docs = set(removed)
    return []


def delete_removed_output(app: Sphinx, exception: Exception | None) -> None:
    """Delete the pages Sphinx wrote for documents that no longer exist."""
    builder = app.builder
    if exception is not None or not hasattr(builder, "get_outfilename"):
        return
    for docname in sorted(app.env.domains["kb"].removed_docs):
        Path(builder.get_outfilename(docname)).unlink(missing_ok=True)


def _public(obj: KBObject) -> tuple:
    """What another page shows of an object: enough to notice any visible change."""
    return (obj.kind, obj.id, obj.title, obj.docname, repr(sorted(obj.fields.items())))


def _target(domain, target: str) -> tuple:
    obj = domain.objects.get(target)
    return (target, None) if obj is None else (target, obj.kind, obj.title, obj.docname)


def _field_targets(obj: KBObject) -> list[str]:
    return [rel.target for rel in relations_of(obj)]
