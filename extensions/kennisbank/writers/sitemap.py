"""``sitemap.xml``: the address of every page, for search engines.

Written after each HTML build from the environment, which knows every page, so
an incremental or parallel build writes the same file as a clean one. Not
sphinx-sitemap: it collects the pages as they are written, so after an
incremental build its sitemap lists only the rewritten pages
(https://github.com/jdillard/sphinx-sitemap/issues/13), and its order depends
on the order in which parallel processes finish.

Every page is in it, the pages left out of the search too and the month and
year pages the extension makes, except the "page not found" page. Addresses are ``html_baseurl`` plus the page's path, without a
language segment: the site has one language.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from ..formats.sitemap import sitemap_xml
from ..sphinx_ext.buildstate import build_state
from ..sphinx_ext.capabilities import is_site
from ..sphinx_ext.config import site_url
from ..sphinx_ext.failures import guarded
from ..sphinx_ext.timeline import SCHEDULED
from .sharing import not_found_page

SITEMAP = "sitemap.xml"


@guarded("het schrijven van sitemap.xml")
def write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    base = site_url(app.config)
    if exception is not None or not is_site(app.builder) or not base:
        return
    skipped = not_found_page(app.config)
    generated = build_state(app.env).generated_pages  # month and year pages, all of them
    # A news item still to appear is not announced to search engines either (sphinx_ext/timeline.py).
    scheduled = {docname for docname, metadata in app.env.metadata.items() if SCHEDULED in metadata}
    found = (docname for docname in app.env.found_docs if docname != skipped and docname not in scheduled)
    pages = sorted({*found, *generated})
    addresses = [f"{base}/{app.builder.get_target_uri(docname)}" for docname in pages]
    Path(app.outdir, SITEMAP).write_bytes(sitemap_xml(addresses))


def setup(app: Sphinx) -> None:
    app.connect("build-finished", write_sitemap)
