"""What members find with the search box, through Sphinx's own means.

- Pages matching ``kennisbank_search_exclude`` (the contributors' guide) get
  Sphinx's page metadata ``no-search``: they stay on the site and in its
  navigation, but the search index holds only their name, no words.
- An object's ``trefwoorden`` become a ``<meta name="keywords">`` of its page,
  which Sphinx's search index reads (``sphinx.search.WordCollector``), so a
  search for "jeugdzorg" finds the Jeugd theme though the page never says it;
  readers do not see them.

Objects that are their page's subject are found once, as the page: see
``KnowledgeBaseDomain.get_objects``.
"""

from __future__ import annotations

from fnmatch import fnmatch
from typing import cast

from docutils import nodes
from sphinx.application import Sphinx

from .domain import kb_domain
from .failures import guarded

#: The page metadata that keeps a page's words out of the index (``StandaloneHTMLBuilder.index_page``).
NO_SEARCH = "no-search"


@guarded("het instellen van de zoekfunctie voor een pagina")
def prepare_for_search(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    domain = kb_domain(app.env)
    if any(fnmatch(docname, pattern) for pattern in domain.build.settings.search_exclude):
        app.env.metadata[docname][NO_SEARCH] = True
    for container in doctree.findall(nodes.container):
        obj = domain.objects.get(container.get("kb_object", ""))
        if obj is None or obj.docname != docname:
            continue
        keywords = cast(tuple[str, ...], obj.fields.get("trefwoorden", ()))
        if keywords:
            doctree += nodes.meta(name="keywords", content=", ".join(keywords))


def setup(app: Sphinx) -> None:
    # After Sphinx's metadata collector, which fills in the page's metadata at priority 500.
    app.connect("doctree-read", prepare_for_search, priority=600)
