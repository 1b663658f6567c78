"""Small inline roles for content writers."""

from __future__ import annotations

import datetime as dt

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from .buildstate import build_state
from .domain import kb_domain
from .render import event_last_day, missing_link
from .timeline import PLACEHOLDERS, note


class MissingLinkRole(SphinxRole):
    """``{linkvolgt}`Programma NOVEX```: the text, with a visible "link volgt" marker.

    On an event's page the link can come until a while after the event (a report, a
    recording: ``kennisbank_placeholder_days``); after that the marker says it was never
    recorded. The page is read again on that day (timeline.py)."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        domain = kb_domain(self.env)
        settings = build_state(domain.env).settings
        events = [(obj.id, day) for obj in domain.objects_on(self.env.docname) if (day := event_last_day(obj))]
        until = events[0][1] + dt.timedelta(days=settings.placeholder_days) if events else None
        # For the editors' list of placeholders (model/maintenance.py).
        note(self.env, PLACEHOLDERS, (self.lineno, f"{{linkvolgt}}`{self.text}`", events[0][0] if events else ""))
        return missing_link(self.text, until, settings.today()), []
