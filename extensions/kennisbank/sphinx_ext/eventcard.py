"""An event's page opens with a summary card: what, when, where, who, how to register.

The card is standard docutils nodes (a titled container with a field list and
paragraphs of links), so the PDF and text builders print it too, without the
registration button and the calendar links, which are for screens. It is
measured from the reference date: a past event says "Afgelopen" and offers
neither registration nor calendar links; in the browser a small script does
the same once the event's end has passed, so a page never goes stale by itself.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..formats.feeds import feed_path
from ..formats.jsonld import event_data, script_json
from ..model.agenda import CalendarEvent
from ..model.calendarlinks import google_link, outlook_link, route_link, webcal_link
from ..model.objects import KBObject
from ..model.schema import EVENEMENT, Evenement
from .addresses import context_of, feed_link, page_url
from .buildstate import build_state
from .capabilities import is_for_screens, is_site
from .config import site_url
from .domain import kb_domain
from .failures import internal_errors, page_location
from .internals import builder_of
from .priorities import EVENT_CARD

#: The card's class: its paragraphs (status, calendar links) are no running text about the page.
CARD_CLASS = "kb-kaart"
#: Facts that move into the card, by field; "Wanneer" and "Waar" are made of several fields.
CARD_FIELDS = ("online", "organisator", "aanmelden", "aanmelden-tot")
#: Facts the card replaces: the status is its badge, the attendance mode is part of "Waar".
REPLACED_FIELDS = ("status", "deelname")
#: Only useful while the event is still to come.
BEFORE_ONLY = ("aanmelden", "aanmelden-tot")


def status_label(event: CalendarEvent, is_past: bool) -> str:
    if event.cancelled:
        return "Geannuleerd"
    if is_past:
        return "Afgelopen"
    if event.moved_from is not None:
        return "Verplaatst"
    return "Gepland"


class EventCards(SphinxPostTransform):
    default_priority = EVENT_CARD

    def run(self, **kwargs: Any) -> None:
        domain = kb_domain(self.env)
        for container in list(self.document.findall(nodes.container)):
            obj = domain.objects.get(container.get("kb_object", ""))
            if obj is None or obj.kind != EVENEMENT.name or not obj.has(Evenement.start):
                continue  # without a start the event was reported; its facts stay as they are
            with internal_errors("de samenvatting van een evenement", page_location(self.env, container), obj.id):
                self.add_card(container, obj)

    def add_card(self, container: nodes.container, obj: KBObject) -> None:
        event = kb_domain(self.env).event(obj.id)
        today = build_state(self.env).settings.today()
        is_past = event.is_past(today)
        facts = next(iter(container.findall(nodes.field_list)), None)
        by_label = _facts_by_label(facts)

        card = nodes.container(
            classes=[CARD_CLASS, "kb-kaart-afgelopen" if is_past else "kb-kaart-komend"], is_div=True
        )
        status = status_label(event, is_past)
        badge = nodes.inline(status, status, classes=["kb-status", f"kb-status-{status.lower()}"])
        card += nodes.paragraph("", "", badge, classes=["kb-status-regel"])
        card_facts = nodes.field_list(classes=["kb-facts", "kb-kaart-feiten"])
        for label in ("Wanneer", "Waar", *_labels(CARD_FIELDS)):
            field = by_label.pop(label, None)
            if field is None:
                continue
            field.parent.remove(field)
            if is_past and label in _labels(BEFORE_ONLY):
                continue
            if label == "Waar":
                self.add_route(field, event)
            card_facts += field
        for label in _labels(REPLACED_FIELDS):
            field = by_label.pop(label, None)
            if field is not None:
                field.parent.remove(field)
        card += card_facts
        # The buttons and calendar links are for screens; on paper the facts say how to register.
        if not is_past and not event.cancelled and is_for_screens(builder_of(self.env)):
            card += self.actions(obj, event)
        if facts is not None and facts.parent is container:
            position = container.index(facts)
            if not len(facts):
                container.remove(facts)
        else:
            position = _after_summary(container)
        container.insert(position, card)
        self.add_structured_data(container, card, event)

    def add_route(self, field: nodes.field, event: CalendarEvent) -> None:
        link = route_link(event.place) if event.place is not None else None
        if link is None:
            return
        paragraph = next(iter(field.findall(nodes.paragraph)), None)
        if paragraph is None:
            return
        text = "route (OpenStreetMap)"
        paragraph += [nodes.Text(" · "), nodes.reference(text, text, refuri=link, classes=["kb-route"])]

    def actions(self, obj: KBObject, event: CalendarEvent) -> list[nodes.Node]:
        builder = builder_of(self.env)
        result: list[nodes.Node] = []
        registration = obj.get(Evenement.aanmelden)
        # A missing link needs no button: the card's "Aanmelden" fact says it follows.
        if isinstance(registration, str):
            text = "Meld u aan"
            button = nodes.reference(
                text, text, refuri=registration, classes=["kb-aanmelden", "sd-btn", "sd-btn-primary"]
            )
            result.append(nodes.paragraph("", "", button, classes=["kb-aanmeld-actie"]))
        if not event.precise:
            note = "Deze bijeenkomst staat nog niet in de agenda-feeds: de precieze datum is niet bekend."
            result.append(nodes.paragraph(note, note, classes=["kb-niet-in-feed"]))
            return result
        path = feed_path("evenement", obj.id)
        links: list[tuple[str, str, str]] = []
        download = feed_link(builder, self.env.docname, path)
        if download:
            links.append(("Agendabestand (.ics)", download, "kb-ics"))
        base = site_url(self.config)
        if base:
            links.append(("Abonneren (webcal)", webcal_link(f"{base}/{path}"), "kb-webcal"))
            url = page_url(builder, obj.docname, obj.anchor)
            links.append(("Google Agenda", google_link(event, url), "kb-google"))
            links.append(("Outlook", outlook_link(event, url), "kb-outlook"))
        if not links:
            return result
        paragraph = nodes.paragraph(
            "", "", nodes.strong("Zet in uw agenda:", "Zet in uw agenda:"), classes=["kb-agenda-acties"]
        )
        for number, (text, refuri, cls) in enumerate(links):
            paragraph += nodes.Text(" " if number == 0 else " · ")
            paragraph += nodes.reference(text, text, refuri=refuri, classes=[cls])
        result.append(paragraph)
        return result

    def add_structured_data(self, container: nodes.container, card: nodes.container, event: CalendarEvent) -> None:
        """schema.org data for search engines, in HTML; the page's script reads its end date too."""
        builder = builder_of(self.env)
        if not is_site(builder) or not self.config.html_baseurl or not event.precise:
            return
        domain = kb_domain(self.env)
        organiser = domain.objects.get(event.organiser)
        organiser_url = page_url(builder, organiser.docname, organiser.anchor) if organiser else ""
        data = event_data(event, context_of(self.env, builder, event), organiser_url)
        if data is not None:
            script = f'<script type="application/ld+json">\n{script_json(data)}\n</script>\n'
            container.insert(container.index(card) + 1, nodes.raw("", script, format="html"))


def _labels(names: tuple[str, ...]) -> list[str]:
    """The labels the fact list shows for these fields, in order."""
    return [field.label for name in names if (field := EVENEMENT.field(name)) is not None]


def _facts_by_label(facts: nodes.field_list | None) -> dict[str, nodes.field]:
    if facts is None:
        return {}
    return {field[0].astext(): field for field in facts.children if isinstance(field, nodes.field)}


def _after_summary(container: nodes.container) -> int:
    for index, child in enumerate(container.children):
        if isinstance(child, nodes.Element) and "kb-samenvatting" in child["classes"]:
            return index + 1
    return 0


def setup(app: Sphinx) -> None:
    app.add_post_transform(EventCards)
