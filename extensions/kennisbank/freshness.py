"""Keep generated sections fresh in incremental builds.

A page's generated content (its "Gerelateerd" sections, its overviews, the
titles its links show) depends on other pages. After reading, we compute a
digest of exactly that input for every page and ask Sphinx to rewrite the
pages whose digest changed; unchanged pages are left alone.
"""

from __future__ import annotations

import hashlib

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .model import KBObject
from .relations import relations_of


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    domain = env.domains["kb"]
    old: dict[str, str] = domain.data["signatures"]
    new = {docname: _digest(env, docname) for docname in sorted(env.all_docs)}
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


def _public(obj: KBObject) -> tuple:
    """What another page shows of an object: enough to notice any visible change."""
    return (obj.kind, obj.id, obj.title, obj.docname, repr(sorted(obj.fields.items())))


def _target(domain, target: str) -> tuple:
    obj = domain.objects.get(target)
    return (target, None) if obj is None else (target, obj.kind, obj.title, obj.docname)


def _field_targets(obj: KBObject) -> list[str]:
    return [rel.target for rel in relations_of(obj)]
