"""What keeps the front page current by itself: dated announcements, recent changes.

``{aankondiging}`` holds a notice ("save the date") until its date has passed;
then it disappears from the page, measured from the reference date, like the
coming events. ``{recent-gewijzigd}`` lists the pages changed last (from git).
Both are placeholders filled after reading; freshness.py rewrites the page
when the date or the list moves on.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..model.dates import format_date
from .buildstate import build_state
from .directives import KBDirective
from .domain import kb_domain
from .failures import internal_errors, page_location
from .internals import builder_of
from .lastchanged import last_commit_date
from .nodes import announcement_placeholder, recent_placeholder
from .placeholders import placeholders_in
from .priorities import FILL_PLACEHOLDERS
from .timeline import ANNOUNCEMENTS, SCHEDULED, note

#: Noted as an overview of pages with ``{recent-gewijzigd}`` (see freshness.py).
RECENT = "recent-gewijzigd"


class AnnouncementDirective(KBDirective):
    """``{aankondiging} Titel`` with ``:tot: 2023-05-12``: shown up to and including that day."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {"tot": directives.unchanged_required}

    def make(self) -> list[nodes.Node]:
        raw = self.options.get("tot")
        if raw is None:
            self.warn("Aankondiging: verplicht veld 'tot' ontbreekt (bijvoorbeeld ':tot: 2023-05-12')")
            return []
        try:
            until = dt.date.fromisoformat(raw.strip())
        except ValueError:
            self.warn("Aankondiging, veld 'tot': '%s' is geen datum; schrijf die als 2023-05-12", raw)
            return []
        # "today" moves: freshness.py rewrites the page when it does.
        kb_domain(self.env).note_overview(self.env.docname, "evenement")
        title = self.arguments[0]
        note(self.env, ANNOUNCEMENTS, (self.lineno, title, until))  # for the editors' list once it is past
        notice = nodes.admonition("", classes=["tip", "kb-aankondiging"])
        notice += nodes.title(title, title)
        self.state.nested_parse(self.content, self.content_offset, notice)
        return [self.placed(announcement_placeholder("", notice, until=until.isoformat()))]


class RecentChangesDirective(KBDirective):
    """``{recent-gewijzigd}``: the pages changed last, newest first."""

    option_spec = {"aantal": directives.positive_int, "behalve": directives.unchanged}

    def make(self) -> list[nodes.Node]:
        kb_domain(self.env).note_overview(self.env.docname, RECENT)
        excluded = tuple((self.options.get("behalve") or "").split())
        return [self.placed(recent_placeholder(count=self.options.get("aantal", 5), excluded=excluded))]


def recently_changed(env: BuildEnvironment, count: int, excluded: tuple[str, ...]) -> list[tuple[str, dt.date]]:
    """(docname, date) of the ``count`` pages changed last; the front page itself not included."""
    dated = []
    for docname in env.found_docs:
        if docname == env.config.root_doc or any(fnmatch.fnmatch(docname, p) for p in excluded):
            continue
        if SCHEDULED in env.metadata.get(docname, {}):  # a news item still to appear
            continue
        day = last_commit_date(env, docname)
        if day is not None:
            dated.append((docname, day))
    return sorted(dated, key=lambda item: (-item[1].toordinal(), item[0]))[:count]


class FillFrontPage(SphinxPostTransform):
    default_priority = FILL_PLACEHOLDERS

    def run(self, **kwargs: Any) -> None:
        domain = kb_domain(self.env)
        today = build_state(domain.env).settings.today()
        for node in placeholders_in(self, announcement_placeholder):
            with internal_errors("een aankondiging", page_location(self.env, node), placeholder=node):
                if dt.date.fromisoformat(node["until"]) < today:
                    node.parent.remove(node)
                else:
                    node.replace_self(node.children)
        for recent in placeholders_in(self, recent_placeholder):
            with internal_errors(
                "de lijst van recent gewijzigde pagina's", page_location(self.env, recent), placeholder=recent
            ):
                recent.replace_self(self.recent(recent["count"], tuple(recent["excluded"])))

    def recent(self, count: int, excluded: tuple[str, ...]) -> list[nodes.Node]:
        found = recently_changed(self.env, count, excluded)
        if not found:
            text = "Er zijn nog geen wijzigingen bekend."
            return [nodes.paragraph(text, text, classes=["kb-agenda-leeg"])]
        domain, builder = kb_domain(self.env), builder_of(self.env)
        listing = nodes.bullet_list(classes=["kb-recent"])
        for docname, day in found:
            item = nodes.paragraph("", "", domain.page_reference(builder, self.env.docname, docname))
            item += nodes.Text(f" ({format_date(day)})")
            listing += nodes.list_item("", item)
        return [listing]


def setup(app: Sphinx) -> None:
    app.add_node(announcement_placeholder)
    app.add_node(recent_placeholder)
    app.add_directive("aankondiging", AnnouncementDirective)
    app.add_directive("recent-gewijzigd", RecentChangesDirective)
    app.add_post_transform(FillFrontPage)
