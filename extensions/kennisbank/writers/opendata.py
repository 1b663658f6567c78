"""Write ``kennisbank.json`` and its JSON Schema next to the HTML pages."""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx

from ..model.opendata import DATA_FILE, SCHEMA_FILE, dumps, export_document, json_schema
from ..sphinx_ext.config import site_url
from ..sphinx_ext.domain import kb_domain
from ..sphinx_ext.failures import guarded
from .feeds import FEED_BUILDERS, page_url


@guarded("het schrijven van de open data")
def write_open_data(app: Sphinx, exception: Exception | None) -> None:
    # Without html_baseurl write_feeds has already warned; the export needs it too.
    if exception is not None or app.builder.name not in FEED_BUILDERS or not app.config.html_baseurl:
        return
    base = site_url(app.config)
    objects = kb_domain(app.env).objects
    data = export_document(objects, lambda o: page_url(app.builder, o.docname, o.anchor), app.config.project, base)
    Path(app.outdir, DATA_FILE).write_text(dumps(data), encoding="utf-8")
    schema = json.dumps(json_schema(base), ensure_ascii=False, indent=2) + "\n"
    Path(app.outdir, SCHEMA_FILE).write_text(schema, encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.connect("build-finished", write_open_data)
