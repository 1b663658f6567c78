"""Write ``kennisbank.json`` and its JSON Schema next to the HTML pages, beside the
page writing (:mod:`kennisbank.writers.background`)."""

from __future__ import annotations

import hashlib
import json
import pickle
from pathlib import Path

from sphinx.application import Sphinx

from ..formats.cache import load_cache, save_cache, writer_version
from ..model.opendata import DATA_FILE, SCHEMA_FILE, document_text, exported, json_schema, record, record_text
from ..model.timeline import state_of
from ..sphinx_ext.addresses import page_url
from ..sphinx_ext.buildstate import build_state
from ..sphinx_ext.config import site_url
from ..sphinx_ext.domain import kb_domain
from .background import Job

#: Beside the doctrees: each object's record as last encoded, by the digest of its input.
RECORDS_CACHE = "kennisbank-opendata.pickle"


def write_open_data(app: Sphinx) -> None:
    # Without html_baseurl write_feeds warns; the export needs it too.
    if not app.config.html_baseurl:
        return
    base = site_url(app.config)
    domain = kb_domain(app.env)
    objects, index = domain.objects, domain.index
    settings = build_state(domain.env).settings
    today, months = settings.today(), settings.news_old_after_months
    version = writer_version()
    cache_file = Path(app.doctreedir, RECORDS_CACHE)
    cached, _ = load_cache(cache_file, version, pickle.loads)
    records: dict[str, str] = {}
    for obj in exported(objects, today):
        url = page_url(app.builder, obj.docname, obj.anchor)
        relations = index.outgoing(obj.id)
        # A record shows the object, its address, the type of each object it points at, and its roles as today.
        kinds = [objects[rel.target].kind if rel.target in objects else None for rel in relations]
        key = hashlib.sha256(repr((obj.digest, url, kinds, state_of(obj, today, months))).encode()).hexdigest()
        text = cached.get(key)
        records[key] = text if text is not None else record_text(record(obj, objects, url, relations, today))
    Path(app.outdir, DATA_FILE).write_text(document_text(app.config.project, base, records.values()), encoding="utf-8")
    if records.keys() != cached.keys():
        save_cache(cache_file, version, records, pickle.dumps)
    schema = json.dumps(json_schema(base), ensure_ascii=False, indent=2) + "\n"
    Path(app.outdir, SCHEMA_FILE).write_text(schema, encoding="utf-8")


#: Like the feeds, the export needs only the environment: written while the pages are
#: (see background_jobs.py).
JOB = Job("het schrijven van de open data", write_open_data)
