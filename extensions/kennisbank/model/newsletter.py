"""Newsletter editions (``{nieuwsbrief}``): their sections, checked, and what each entry shows. Pure.

An edition lists, per section, the ids of the objects it brings to the readers'
attention: news items, events, themes, programmes, networks. The sections come
in the order of the association's newsletter: "Noteer alvast" (save the date), the
board, themes, the agenda and networks. The agenda section also lists, generated, every event
from the edition's date up to ``agenda-maanden`` months later (the window of a
board pack, see packs.py). The website page, the e-mail and its text all read
the same :class:`EditionPart` and :class:`Entry` from here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import quote, unquote
from zoneinfo import ZoneInfo

from .agenda import CalendarEvent
from .news import NEWS, NEWS_TIMEZONE, is_published
from .objects import KBObject, MissingLink, Problem, Url, When, ids_in
from .packs import AgendaEntry, AgendaWindow, agenda_window, pack_agenda
from .relations import of_kinds, suggest
from .schema import TYPES, Bericht, Evenement, Field, Kind, ObjectType, fields_of
from .timeline import can_act, can_still_come, current_summary

AGENDA = "agenda"
#: The subject of the default sign-up mail (see :func:`signup_link`).
SIGNUP_SUBJECT = "Aanmelden nieuwsbrief"
SIGNUP_TEXT = "Meld u aan voor de nieuwsbrief"
#: Its question in an e-mail's footer: that reader has it already, unless it was passed on.
FORWARDED = "Hebt u deze nieuwsbrief doorgestuurd gekregen?"
#: Without ``agenda-maanden``: the events of the two months after the edition.
DEFAULT_AGENDA_MONTHS = 2


class Nieuwsbrief:
    """The fields of ``{nieuwsbrief}``, typed as those of an object type (schema.py)."""

    nummer: Field[int] = Field("nummer", "Nummer", Kind.NUMBER, required=True, example="1")
    datum: Field[When] = Field("datum", "Datum", Kind.WHEN, required=True, example="2023-05-01", needs_day=True)
    onderwerp: Field[str] = Field("onderwerp", "Onderwerp", example="VZHG Nieuwsbrief voorjaar 2023")
    save_the_date: Field[tuple[str, ...]] = Field(
        "save-the-date", "Noteer alvast", Kind.LINES, example="bestuurdersdag-2023"
    )
    bestuur: Field[tuple[str, ...]] = Field("bestuur", "Bestuur", Kind.LINES, example="bestuurlijke-prioriteiten-2023")
    themas: Field[tuple[str, ...]] = Field(
        "themas", "Thema’s", Kind.LINES, example="rondetafel-brede-welvaart-terugkijken"
    )
    agenda: Field[tuple[str, ...]] = Field(
        "agenda", "Agenda", Kind.LINES, example="bijeenkomsten-zuid-holland-academie"
    )
    agenda_maanden: Field[int] = Field("agenda-maanden", "Agenda (maanden na de datum)", Kind.NUMBER, example="2")
    netwerken: Field[tuple[str, ...]] = Field(
        "netwerken", "Netwerken", Kind.LINES, example="strategennetwerk-van-start"
    )


NEWSLETTER = ObjectType(
    "nieuwsbrief", "Nieuwsbrief", "Nieuwsbrieven", fields_of(Nieuwsbrief), title_field="onderwerp", this="deze"
)


@dataclass(frozen=True)
class Section:
    field: str  # the directive's field that lists its ids
    heading: str
    kinds: tuple[str, ...]  # the object types it may list
    #: The heading once nothing in it can be acted on any more (a call to note a date, of past events).
    heading_when_over: str = ""

    @property
    def wanted(self) -> str:
        """'bericht, thema of programma': what an id in this section may name."""
        labels = [TYPES[kind].label.lower() for kind in self.kinds]
        return " of ".join([", ".join(labels[:-1]), labels[-1]]) if len(labels) > 1 else labels[0]


#: The sections in the order of the newsletter.
SECTIONS = (
    Section("save-the-date", "Noteer alvast", ("evenement", NEWS), heading_when_over="Aangekondigd"),
    Section("bestuur", "Bestuur", (NEWS, "thema", "programma")),
    Section("themas", "Thema’s", (NEWS, "thema", "programma")),
    Section(AGENDA, "Agenda", ("evenement", NEWS)),
    Section("netwerken", "Netwerken", (NEWS, "netwerk")),
)


@dataclass(frozen=True)
class Edition:
    docname: str
    lineno: int
    number: int
    date: When  # to the day (the directive refuses less)
    subject: str = ""  # the e-mail's subject; empty: the page's title
    #: Per section field, its ids in order, and the source line of each.
    items: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    item_lines: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    agenda_months: int = DEFAULT_AGENDA_MONTHS  # 0: no generated agenda
    number_line: int = 0

    def line(self, section: str, index: int) -> int:
        lines = self.item_lines.get(section, ())
        return lines[index] if index < len(lines) else self.lineno

    @property
    def filename(self) -> str:
        """The name of its e-mail files: nieuwsbrief-1.html, .txt and .eml."""
        return f"nieuwsbrief-{self.number}"

    @property
    def sent_at(self) -> dt.datetime:
        """Its date as an aware time (the day at midnight unless a time is given), Dutch time."""
        return self.date.value.replace(tzinfo=ZoneInfo(NEWS_TIMEZONE))

    def message_id(self, domain: str) -> str:
        """The same for every build of this edition: mail tools recognise a second import."""
        return f"<{self.filename}@{domain}>"

    def agenda_window(self) -> AgendaWindow | None:
        return agenda_window(self.date, self.agenda_months) if self.agenda_months else None


def newest_first(editions: Iterable[Edition]) -> list[Edition]:
    return sorted(editions, key=lambda e: (e.date.value, e.number, e.docname), reverse=True)


# -- checks ------------------------------------------------------------------------


def edition_problems(edition: Edition, objects: Mapping[str, KBObject]) -> list[Problem]:
    """Every id that names nothing, names the wrong type for its section, or comes twice."""
    _, problems = _select(edition, objects)
    return problems


def duplicate_numbers(editions: Iterable[Edition]) -> list[tuple[Edition, Edition]]:
    """(edition, the one that already has its number), in page order: the second one is at fault."""
    first: dict[int, Edition] = {}
    found = []
    for edition in sorted(editions, key=lambda e: (e.docname, e.lineno)):
        if edition.number in first:
            found.append((edition, first[edition.number]))
        else:
            first[edition.number] = edition
    return found


def _select(
    edition: Edition, objects: Mapping[str, KBObject], today: dt.date | None = None
) -> tuple[dict[str, list[KBObject]], list[Problem]]:
    chosen: dict[str, list[KBObject]] = {}
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for section in SECTIONS:
        for index, item in enumerate(edition.items.get(section.field, ())):
            message = _item_problem(section, item, objects, seen)
            if message:
                where = f"Nieuwsbrief {edition.number}, veld '{section.field}'"
                problems.append(Problem(edition.docname, edition.line(section.field, index), f"{where}: {message}"))
                continue
            seen[item] = section.field
            obj = objects[item]
            # An item whose date was reported waits until it has one; one of a later day than the
            # edition's (or, for an edition already out, than today) waits for its day.
            horizon = max(edition.date.value.date(), today) if today is not None else None
            if obj.kind == NEWS and not is_published(obj, horizon):
                continue
            chosen.setdefault(section.field, []).append(obj)
    return chosen, problems


def _item_problem(section: Section, item: str, objects: Mapping[str, KBObject], seen: Mapping[str, str]) -> str:
    obj = objects.get(item)
    if obj is None:
        hint = suggest(item, of_kinds(objects, section.kinds))
        return f"er bestaat geen {section.wanted} met id '{item}'{hint}"
    if obj.kind not in section.kinds:
        label = TYPES[obj.kind].label.lower()
        return f"'{item}' is een {label}, maar onder '{section.heading}' hoort een {section.wanted}"
    if item in seen:
        return f"'{item}' staat al in deze nieuwsbrief (veld '{seen[item]}'); noem het één keer"
    return ""


# -- what an edition shows --------------------------------------------------------------


@dataclass(frozen=True)
class EditionPart:
    section: Section
    objects: tuple[KBObject, ...]
    #: The agenda section's generated list: every event known to fall in the window.
    #: Events known only to a month or year that reaches beyond the window are left out:
    #: a newsletter cannot tell whether they are still to come.
    window: AgendaWindow | None = None
    agenda: tuple[AgendaEntry, ...] = ()
    heading: str = ""  # as it reads on the day it is shown (see Section.heading_when_over)

    @property
    def agenda_intro(self) -> str:
        if self.window is None:
            return ""
        if not self.agenda:
            label = self.window.label
            return f"{label[:1].upper()}{label[1:]} staan er geen bijeenkomsten op de agenda."
        return f"Alle bijeenkomsten {self.window.label}:"


def edition_parts(
    edition: Edition,
    objects: Mapping[str, KBObject],
    events: Iterable[CalendarEvent],
    today: dt.date | None = None,
) -> list[EditionPart]:
    """The sections with something to show, in order; ids with a problem are left out (reported).

    Given ``today``, a section of calls to action (save the date) whose events are all over or
    cancelled by then takes its other heading: it no longer calls on anyone."""
    chosen, _ = _select(edition, objects, today)
    by_id = {event.id: event for event in events}
    parts = []
    for section in SECTIONS:
        listed = tuple(chosen.get(section.field, ()))
        window = edition.agenda_window() if section.field == AGENDA else None
        heading = section.heading
        calls = [by_id[obj.id] for obj in listed if obj.id in by_id]
        if section.heading_when_over and today is not None and calls and not any(can_act(e, today) for e in calls):
            heading = section.heading_when_over
        if window is not None:
            agenda = pack_agenda(window, by_id.values(), {})
            parts.append(EditionPart(section, listed, window, agenda.entries, heading))
        elif listed:
            parts.append(EditionPart(section, listed, heading=heading))
    return parts


@dataclass(frozen=True)
class Entry:
    """One object in an edition: what a reader needs to decide to read on."""

    obj: KBObject
    summary: str
    when: str = ""  # an event's date, as precisely as known
    vague: bool = False  # known only to the month or year
    until: dt.date | None = None  # the last day an event may take place (the end of that month or year)
    where: str = ""
    notes: tuple[str, ...] = ()  # 'geannuleerd', 'verplaatst, was ...'
    #: Its web addresses by label ('Lees meer', 'Aanmelden'); a MissingLink shows "[link volgt]";
    #: a mailbox is a mailto: address.
    links: tuple[tuple[str, Url], ...] = ()
    #: What it is about, by label ('Thema’s', 'Personen'): ids that exist and have the right type.
    related: tuple[tuple[str, tuple[str, ...]], ...] = ()
    image: tuple[str, str] | None = None  # (path as written beside its page, alt text)


#: A news item's entry also gives the links of the events, programmes and networks it is
#: about: the newsletter's calls to action ("Aanmelden", "Terugkijken", a network's
#: website or mailbox), and the links still to come.
LINKS_OF_RELATED = (Bericht.evenement, Bericht.programma, Bericht.netwerk)
MAILTO = "mailto:"


@dataclass(frozen=True)
class Today:
    """The day an edition is shown on, and what is needed to judge its calls to action then."""

    day: dt.date
    events: Mapping[str, CalendarEvent]  # by id
    grace: int = 0  # days after an event in which a link to its report may still come


def entry_of(
    obj: KBObject, objects: Mapping[str, KBObject], event: CalendarEvent | None = None, today: Today | None = None
) -> Entry:
    """What one object shows; given ``today``, without calls to action that can no longer be acted on
    (registering for a past or cancelled event) or links that can no longer come."""
    spec = TYPES[obj.kind]
    links = _links(obj, event, today)
    if obj.kind == NEWS:
        for about in LINKS_OF_RELATED:  # each names the type it points at
            for target in obj.get(about) or ():
                other = objects.get(target)
                if other is not None and other.kind == about.name:
                    of_other = _links(other, today.events.get(target) if today else None, today)
                    links += [(f"{label} ({other.title})", url) for label, url in of_other]
    unique: list[tuple[str, Url]] = []
    for label, url in links:  # a programme's publication is often the item's "lees meer"
        if not isinstance(url, str) or all(url != other for _, other in unique):
            unique.append((label, url))
    related = []
    for f in spec.fields:
        if f.kind not in (Kind.REF, Kind.REFS) or not f.shown:
            continue
        ids = ids_in(obj.fields.get(f.name))
        valid = tuple(i for i in ids if i in objects and objects[i].kind in f.targets and i != obj.id)
        if valid:
            related.append((f.label, valid))
    image = obj.get(Bericht.afbeelding)
    summary = obj.get(Bericht.samenvatting) or ""
    if obj.kind == NEWS and today is not None:
        summary = current_summary(obj, today.day, today.events.get(obj.get(Bericht.oproep) or ""))
    entry = Entry(
        obj=obj,
        summary=summary,
        links=tuple(unique),
        related=tuple(related),
        image=(image, obj.get(Bericht.alt_tekst) or "") if image else None,
    )
    if event is None:
        return entry
    listed = AgendaEntry(event)
    over = today is not None and event.is_past(today.day) and not event.cancelled
    notes = (*listed.notes, *(("afgelopen",) if over else ()))
    return replace(
        entry, when=listed.when, vague=not event.precise, until=event.last_day, where=listed.where, notes=notes
    )


#: An event's links that call on the reader to act: left out once that cannot be done.
CALLS_TO_ACTION = (Evenement.aanmelden.name,)
#: An event's links that may still come after it (as on its page: render.AFTER_EVENT_FIELDS).
AFTER_EVENT = (Evenement.terugkijken.name, Evenement.verslag.name)


def _links(obj: KBObject, event: CalendarEvent | None = None, today: Today | None = None) -> list[tuple[str, Url]]:
    """The object's web addresses (and missing links) and mailboxes (as mailto:) by field label, in schema order."""
    found: list[tuple[str, Url]] = []
    for f in TYPES[obj.kind].fields:
        value = obj.fields.get(f.name)
        if value is None or not f.shown:
            continue
        if event is not None and today is not None:
            if f.name in CALLS_TO_ACTION and not can_act(event, today.day):
                continue
            until = event.last_day + dt.timedelta(days=today.grace if f.name in AFTER_EVENT else 0)
            if isinstance(value, MissingLink) and not can_still_come(until, today.day):
                continue  # "[link volgt]" for a link that will not come any more
        if f.kind is Kind.URL and isinstance(value, str | MissingLink):
            found.append((f.label, value))
        elif f.kind is Kind.EMAIL:
            found.append((f.label, f"{MAILTO}{value}"))
    return found


def signup_link(setting: str, reply_to: str, sender: str) -> str:
    """Where a reader signs up: the setting (a web address, a ``mailto:`` link, or an e-mail
    address, which becomes one), else a mail to the reply-to address, else to the sender,
    with the subject "Aanmelden nieuwsbrief"; empty when none of them is given."""
    if setting.startswith(("https://", "http://", MAILTO)):
        return setting
    address = setting or reply_to or sender
    return f"{MAILTO}{address}?subject={quote(SIGNUP_SUBJECT)}" if address else ""


def signup_sentence(link: str, question: str = "Wilt u de nieuwsbrief per e-mail ontvangen?") -> tuple[str, str]:
    """The words around a sign-up link, before and after it: a mail says to whom it goes."""
    if not link.startswith(MAILTO):
        return (f"{question} ", ".")
    address = unquote(link.removeprefix(MAILTO).split("?", 1)[0])
    return (f"{question} ", f": u stuurt dan een e-mail aan {address}.")
