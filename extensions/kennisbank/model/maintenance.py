"""What needs an editor's care: the maintenance list (``kennisbank onderhoud``). Pure.

The build gathers, per page, what this module needs (:class:`PageFacts`) and the
objects it declared; :func:`findings` turns them into the list, measured from the
reference date; :func:`report_text` and :func:`report_markdown` write it for the
command line and for the GitHub issue "Onderhoud"; the editors' page shows the
same findings. Six kinds, in this order:

- pages nobody reviewed (``herzien``) or changed within ``review_months``;
- placeholders ("[link volgt]", ``{linkvolgt}``, ``{nog-niet-bekend}``, a month
  for a date) on a page whose content did not change for ``placeholder_days``;
- past events whose day was never recorded;
- announcements and calls to action past their date;
- roles whose dates have passed, or that still say "aankomend";
- external links that no longer work (only with the optional link check).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .agenda import CalendarEvent
from .dates import format_plain
from .objects import KBObject, MissingLink, Role, When
from .schema import REVIEWED, TYPES, Evenement, Persoon
from .timeline import COMING_PREFIX, can_act, old_from, role_state, roles_of

#: The kinds of finding, in the order of the list, with their heading.
KINDS = {
    "herzien": "Niet herzien",
    "plaatshouder": "Plaatshouders",
    "datum": "Afgelopen bijeenkomsten zonder vastgelegde datum",
    "aankondiging": "Aankondigingen en oproepen voorbij hun datum",
    "rol": "Rollen die zijn afgelopen of nog ‘aankomend’ heten",
    "link": "Externe links die niet meer werken",
}


@dataclass(frozen=True)
class PageFacts:
    """What the build knows of one page that the list needs."""

    docname: str
    source: str  # the source file, relative to the source folder: 'agenda/bestuurdersdag-2023.md'
    title: str
    changed: dt.date | None = None  # the last change of its content (git, maintenance left out)
    reviewed: dt.date | None = None  # the latest 'herzien' of the page or of an object on it
    #: Placeholders written in its text: (line, what, the event it waits for or ""),
    #: such as (14, "{linkvolgt}`Aanmelden`", "bestuurdersdag-2023").
    placeholders: tuple[tuple[int, str, str], ...] = ()
    #: ``{aankondiging}`` blocks: (line, title, last day shown).
    announcements: tuple[tuple[int, str, dt.date], ...] = ()
    #: ``{oproep}`` blocks: (line, event id).
    calls: tuple[tuple[int, str], ...] = ()
    reviewable: bool = True  # False for pages the editors need not review (kennisbank_review_exclude)


@dataclass(frozen=True)
class Finding:
    kind: str  # a key of KINDS
    docname: str
    source: str
    line: int
    title: str  # of the page
    what: str  # Dutch: what needs care, and what to do
    since: dt.date | None = None  # from when it needs care, where that is known


@dataclass(frozen=True)
class Settings:
    review_months: int = 12
    placeholder_days: int = 30


@dataclass
class _Collector:
    pages: Mapping[str, PageFacts]
    today: dt.date
    found: list[Finding] = field(default_factory=list)

    def add(self, kind: str, docname: str, line: int, what: str, since: dt.date | None = None) -> None:
        page = self.pages.get(docname)
        if page is not None:
            self.found.append(Finding(kind, docname, page.source, line, page.title, what, since))


def findings(
    pages: Mapping[str, PageFacts],
    objects: Mapping[str, KBObject],
    events: Mapping[str, CalendarEvent],
    today: dt.date,
    settings: Settings = Settings(),
) -> list[Finding]:
    """Everything that needs care on ``today``, by kind, then by page and line."""
    out = _Collector(pages, today)
    _unreviewed(out, settings.review_months)
    _placeholders(out, objects, events, settings.placeholder_days)
    for obj in objects.values():
        event = events.get(obj.id)
        over = event.last_day + dt.timedelta(days=1) if event is not None else None
        if event is not None and over is not None and not event.precise and not _checked_since(obj, over, today):
            what = (
                "voorbij, maar de dag is niet vastgelegd: vul die in als die bekend is, anders zet 'herzien' op vandaag"
            )
            out.add("datum", obj.docname, obj.line_of(Evenement.start.name), what, over)
        for index, role in enumerate(roles_of(obj)):
            _role(out, obj, index, role)
    for page in pages.values():
        for line, title, until in page.announcements:
            if until < today:
                shown = format_plain(_day(until))
                what = f"aankondiging '{title}' (tot en met {shown}) staat niet meer op de site: haal haar weg"
                out.add("aankondiging", page.docname, line, what, until + dt.timedelta(days=1))
        for line, event_id in page.calls:
            event = events.get(event_id)
            if event is not None and not can_act(event, today):
                out.add(
                    "aankondiging",
                    page.docname,
                    line,
                    f"de oproep voor '{event.title}' kan niet meer: de pagina "
                    "zegt nu wat er gebeurde; pas de tekst aan of haal de oproep weg",
                )
    kinds = list(KINDS)
    return sorted(out.found, key=lambda f: (kinds.index(f.kind), f.source, f.line, f.what))


def _checked_since(obj: KBObject, day: dt.date, today: dt.date) -> bool:
    """Whether someone checked the object (its ``herzien``) on or after ``day``; also true before ``day``."""
    checked = obj.get(REVIEWED)
    return day > today or (checked is not None and checked.value.date() >= day)


def _day(day: dt.date) -> When:
    return When(dt.datetime(day.year, day.month, day.day), "day")


def _unreviewed(out: _Collector, months: int) -> None:
    for page in out.pages.values():
        if not page.reviewable:
            continue
        seen = max((d for d in (page.changed, page.reviewed) if d is not None), default=None)
        if seen is None:
            out.add("herzien", page.docname, 1, "nooit herzien: controleer de pagina en zet 'herzien' op vandaag")
        elif old_from(seen, months) <= out.today:
            out.add(
                "herzien",
                page.docname,
                1,
                f"laatst herzien of gewijzigd op {format_plain(_day(seen))}: "
                "controleer de pagina en zet 'herzien' op vandaag",
                old_from(seen, months),
            )


def _placeholders(
    out: _Collector, objects: Mapping[str, KBObject], events: Mapping[str, CalendarEvent], days: int
) -> None:
    """Placeholders on pages whose content has not changed for ``days`` days (or whose age is not known).

    Not those of an event that is over: they say by then that it was never recorded."""

    def over(event_id: str) -> bool:
        event = events.get(event_id)
        return event is not None and event.is_past(out.today)

    written: dict[str, list[tuple[int, str]]] = {
        d: [(line, what) for line, what, event in p.placeholders if not over(event)] for d, p in out.pages.items()
    }
    for obj in objects.values():
        if over(obj.id):
            continue
        for spec in TYPES[obj.kind].fields:
            value = obj.fields.get(spec.name)
            if isinstance(value, MissingLink):
                written.setdefault(obj.docname, []).append((obj.line_of(spec.name), f"{spec.name}: volgt"))
            elif value is None and spec.when_missing:
                written.setdefault(obj.docname, []).append(
                    (obj.lineno, f"{spec.name} ontbreekt ([{spec.when_missing}])")
                )
        start = obj.get(Evenement.start)
        if obj.kind == "evenement" and start is not None and not start.is_exact_day and start.last_day >= out.today:
            written.setdefault(obj.docname, []).append((obj.line_of(Evenement.start.name), "de precieze datum volgt"))
    for docname, found in written.items():
        page = out.pages.get(docname)
        if page is None or not found:
            continue
        seen = max((d for d in (page.changed, page.reviewed) if d is not None), default=None)
        since = seen + dt.timedelta(days=days) if seen is not None else None
        if since is not None and since > out.today:
            continue
        for line, what in sorted(set(found)):
            age = f"sinds {format_plain(_day(seen))} niet gewijzigd of herzien" if seen else "leeftijd onbekend"
            out.add("plaatshouder", docname, line, f"{what} ({age}): vul in of schrijf dat het niet bekend is", since)


def _role(out: _Collector, person: KBObject, index: int, role: Role) -> None:
    line = person.line_of(Persoon.rollen.name, index)
    state = role_state(role, out.today)
    name = f"{person.title}: '{role.function}'"
    over = role.end.last_day + dt.timedelta(days=1) if role.end is not None else None
    if state == "voorbij" and role.end is not None and over is not None and not _checked_since(person, over, out.today):
        what = (
            f"{name} liep tot en met {format_plain(role.end)}: de site toont haar als vroegere rol; haal haar weg, "
            "of laat haar staan en zet 'herzien' op vandaag"
        )
        out.add("rol", person.docname, line, what, over)
    elif role.function.startswith(COMING_PREFIX) and role.start is None:
        out.add(
            "rol",
            person.docname,
            line,
            f"{name} zonder begindatum: schrijf 'vanaf JJJJ-MM-DD', dan wordt de rol op die dag vanzelf de huidige",
        )
    elif role.function.startswith(COMING_PREFIX) and state != "komend":
        out.add("rol", person.docname, line, f"{name} is begonnen: schrijf de functie zonder 'aankomend'")


# -- the list as text ------------------------------------------------------------------


def counts(found: Iterable[Finding]) -> dict[str, int]:
    result = dict.fromkeys(KINDS, 0)
    for finding in found:
        result[finding.kind] += 1
    return result


def report_text(found: Sequence[Finding], today: dt.date, folder: str = "docs") -> str:
    """For the command line: 'docs/agenda/x.md:12: what', by kind, every kind with its count."""
    lines = [f"Onderhoud van de kennisbank op {format_plain(_day(today))}: {_total(found)}."]
    for kind, heading in KINDS.items():
        of_kind = [f for f in found if f.kind == kind]
        if not of_kind:
            continue
        lines += ["", f"{heading} ({len(of_kind)}):"]
        lines += [f"  {folder}/{f.source}:{f.line}: {f.title}: {f.what}" for f in of_kind]
    return "\n".join(lines) + "\n"


def _total(found: Sequence[Finding]) -> str:
    return "niets te doen" if not found else f"{len(found)} {'punt' if len(found) == 1 else 'punten'}"


def report_markdown(
    found: Sequence[Finding],
    today: dt.date,
    page_url: Mapping[str, str],
    edit_url: Mapping[str, str],
    folder: str = "docs",
    notes: Sequence[str] = (),
) -> str:
    """The body of the GitHub issue 'Onderhoud': a section per kind with a task per finding."""
    lines = [
        "<!-- Bijgewerkt door de nachtelijke publicatie (kennisbank onderhoud); wijzigingen hier gaan verloren. -->",
        f"<!-- onderhoud: {len(found)} punten -->",  # the workflow reads it: reopen the issue when not 0
        f"**Onderhoud op {format_plain(_day(today))}: {_total(found)}.** Zie ook de pagina "
        "*Onderhoud* onder Bijdragen; wat u verbetert, verdwijnt na de volgende publicatie vanzelf van deze lijst.",
    ]
    for kind, heading in KINDS.items():
        of_kind = [f for f in found if f.kind == kind]
        lines += ["", f"### {heading} ({len(of_kind)})", ""]
        if not of_kind:
            lines.append("Niets.")
        for f in of_kind:
            page = f"[{_escaped(f.title)}]({page_url[f.docname]})" if page_url.get(f.docname) else _escaped(f.title)
            where = f"`{folder}/{f.source}:{f.line}`"
            edit = f" ([bewerk]({edit_url[f.docname]}))" if edit_url.get(f.docname) else ""
            lines.append(f"- [ ] {page}, {where}{edit}: {_escaped(f.what)}")
    lines += [*(["", *notes] if notes else [])]
    return "\n".join(lines) + "\n"


def _escaped(text: str) -> str:
    """Text from the sources as plain text in Markdown: no links, mentions or markup of its own."""
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text.replace("@", "@\u200b")
