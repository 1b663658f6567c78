"""The editors' maintenance list: ``{onderhoud}`` on a page, and beside the doctrees for the command line.

The list itself is model/maintenance.py's; this module gives it what the build
knows of each page (its title, source, last content change, ``herzien``, the
placeholders and announcements noted while it was read: timeline.py), shows it
with ``{onderhoud}`` (the editors' page under Bijdragen), and writes it as
``kennisbank-onderhoud.json`` beside the doctrees at the end of every build, where
``kennisbank onderhoud`` (tools/upkeep.py) reads it. A page may say when someone
last checked it in its front matter (``herzien: 2026-12-07``), as an object does in
its field ``herzien``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from ..model.dates import format_date
from ..model.maintenance import KINDS, Finding, PageFacts, Settings, findings
from ..model.schema import REVIEWED as REVIEWED_FIELD
from ..model.values import FieldError, parse_when
from .buildstate import build_state
from .config import website_page_url
from .directives import KBDirective
from .domain import KnowledgeBaseDomain, kb_domain
from .failures import guarded, internal_errors, page_location
from .internals import builder_of
from .lastchanged import last_commit_date
from .nodes import Placeholder
from .placeholders import placeholders_in
from .priorities import AFTER_TITLES, FILL_PLACEHOLDERS
from .render import COMPACT

logger = logging.getLogger(__name__)

#: Beside the doctrees: the list as the last build saw it, for ``kennisbank onderhoud``.
REPORT_FILE = "kennisbank-onderhoud.json"
#: Noted as an overview of the page with ``{onderhoud}`` (see freshness.py).
MAINTENANCE = "onderhoud"
#: The front matter field of a page without an object of its own: named as the objects' field.
REVIEWED = REVIEWED_FIELD.name


class maintenance_placeholder(Placeholder):
    """Where the editors' list goes."""


class MaintenanceDirective(KBDirective):
    """``{onderhoud}``: what needs the editors' care, on the reference date."""

    def make(self) -> list[nodes.Node]:
        kb_domain(self.env).note_overview(self.env.docname, MAINTENANCE)
        return [self.placed(maintenance_placeholder())]


def page_facts(env: BuildEnvironment) -> dict[str, PageFacts]:
    """What the list needs of every page."""
    domain = kb_domain(env)
    excluded = build_state(domain.env).settings.review_exclude
    reviewed: dict[str, list[dt.date]] = {}
    for obj in domain.objects.values():
        if (day := obj.get(REVIEWED_FIELD)) is not None:
            reviewed.setdefault(obj.docname, []).append(day.value.date())
    facts = {}
    for docname in sorted(env.found_docs):
        timeline = domain.timelines.get(docname)
        title = env.titles.get(docname)
        days = [*reviewed.get(docname, ()), *([d] if (d := _front_matter_day(env, docname)) else [])]
        facts[docname] = PageFacts(
            docname=docname,
            source=Path(env.doc2path(docname, base=False)).as_posix(),
            title=title.astext() if title is not None else docname,
            changed=last_commit_date(env, docname),
            reviewed=max(days, default=None),
            placeholders=timeline.placeholders if timeline else (),
            announcements=timeline.announcements if timeline else (),
            calls=tuple((line, event) for event, line, kind in timeline.calls if kind == "oproep") if timeline else (),
            reviewable=not any(fnmatchcase(docname, pattern) for pattern in excluded),
        )
    return facts


def _front_matter_day(env: BuildEnvironment, docname: str) -> dt.date | None:
    value = env.metadata.get(docname, {}).get(REVIEWED)
    try:
        return parse_when(str(value)).value.date() if value else None
    except FieldError:
        return None  # reported when the page was read


@guarded("het lezen van 'herzien' in de kop van een pagina")
def check_front_matter(app: Sphinx, doctree: nodes.document) -> None:
    value = app.env.metadata.get(app.env.docname, {}).get(REVIEWED)
    if value is None:
        return
    try:
        day = parse_when(str(value))
        if day.is_exact_day:
            return
    except FieldError:
        pass
    logger.warning(
        "Kop van de pagina, veld 'herzien': '%s' is geen dag; schrijf de dag waarop u de pagina controleerde "
        "als JJJJ-MM-DD, zoals herzien: 2026-12-07",
        value,
        location=(app.env.docname, _front_matter_line(Path(app.env.doc2path(app.env.docname)))),
        type="kennisbank",
        subtype="invoer",
    )


def _front_matter_line(path: Path) -> int:
    """The line of 'herzien:' in the page's front matter (the first lines, between '---')."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next((n for n, line in enumerate(lines[:50], start=1) if line.startswith(f"{REVIEWED}:")), 1)


def current_findings(env: BuildEnvironment) -> list[Finding]:
    """The list on the reference date."""
    return _upkeep(env)[1]


def _upkeep(env: BuildEnvironment) -> tuple[dict[str, PageFacts], list[Finding]]:
    """The pages' facts and the list, worked out once per build (after reading, nothing they read changes)."""
    state = build_state(env)
    if state.upkeep is None:
        domain, settings = kb_domain(env), state.settings
        facts = page_facts(env)
        events = {event.id: event for event in domain.events}
        limits = Settings(settings.review_months, settings.placeholder_days)
        state.upkeep = (facts, findings(facts, domain.objects, events, settings.today(), limits))
    return state.upkeep


def findings_digest(env: BuildEnvironment) -> str:
    """What the editors' page shows (for its digest: freshness.py)."""
    return hashlib.sha256(repr(current_findings(env)).encode()).hexdigest()


class FillMaintenance(SphinxPostTransform):
    default_priority = FILL_PLACEHOLDERS

    def run(self, **kwargs: Any) -> None:
        for node in placeholders_in(self, maintenance_placeholder):
            with internal_errors("de onderhoudslijst", page_location(self.env, node), placeholder=node):
                node.replace_self(self.listing(current_findings(self.env)))

    def listing(self, found: list[Finding]) -> list[nodes.Node]:
        domain = kb_domain(self.env)
        today = build_state(domain.env).settings.today()
        result: list[nodes.Node] = []
        for kind, heading in KINDS.items():
            of_kind = [f for f in found if f.kind == kind]
            title = f"{heading} ({len(of_kind)})"
            result.append(nodes.rubric(title, title, classes=["kb-onderhoud-soort"]))
            if kind == "link":
                text = "Die controleert ‘kennisbank onderhoud --links’; de nachtelijke publicatie zet ze in het issue."
                result.append(nodes.paragraph(text, text, classes=["kb-onderhoud-leeg"]))
                continue
            if not of_kind:
                text = "Niets te doen."
                result.append(nodes.paragraph(text, text, classes=["kb-onderhoud-leeg"]))
                continue
            listing = nodes.bullet_list(classes=["kb-onderhoud", COMPACT])
            for finding in of_kind:
                listing += nodes.list_item("", nodes.paragraph("", "", *self.line(domain, finding)))
            result.append(listing)
        text = f"Stand van {format_date(today)}; de lijst wordt bij elke publicatie opnieuw gemaakt."
        result.append(nodes.paragraph(text, text, classes=["kb-onderhoud-stand"]))
        return result

    def line(self, domain: KnowledgeBaseDomain, finding: Finding) -> list[nodes.Node]:
        where = f"{finding.source}:{finding.line}"
        if finding.docname == self.env.docname:  # this page itself: no link to where one is
            page: nodes.Node = nodes.Text(finding.title)
        else:
            page = domain.page_reference(builder_of(self.env), self.env.docname, finding.docname)
        return [page, nodes.Text(" ("), nodes.literal(where, where), nodes.Text(f"): {finding.what}")]


@guarded("het schrijven van de onderhoudslijst")
def write_report(app: Sphinx, exception: Exception | None) -> None:
    """The list as this build saw it, beside the doctrees, for ``kennisbank onderhoud``."""
    if exception is not None or not hasattr(app.env, "found_docs"):
        return
    env = app.env
    edit = str((app.config.html_theme_options or {}).get("source_edit_link", ""))
    facts, found = _upkeep(env)
    report = {
        "datum": build_state(env).settings.today().isoformat(),
        "bevindingen": [
            {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in finding.__dict__.items()}
            for finding in found
        ],
        # Every page, for the command line's link check and the links.
        "paginas": {
            docname: {
                "titel": page.title,
                "bron": page.source,
                "url": website_page_url(app.config, docname),
                "bewerk": edit.format(filename=page.source) if "{filename}" in edit else "",
            }
            for docname, page in facts.items()
        },
    }
    path = Path(app.doctreedir, REPORT_FILE)
    text = json.dumps(report, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.add_directive("onderhoud", MaintenanceDirective)
    app.add_node(maintenance_placeholder)
    app.add_post_transform(FillMaintenance)
    app.connect("doctree-read", check_front_matter, priority=AFTER_TITLES)
    app.connect("build-finished", write_report)
