"""News items as the listings and feeds see them: which are published, in what order. Pure.

A news item (``{bericht}``) is dated to the day, optionally to the minute. The
Actueel page, the news sections of themes, the front page and the Atom feeds all
read the same order from here: newest first, items of one moment in their
``volgorde``, then by title.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from zoneinfo import ZoneInfo

from babel.dates import format_date as format_date_babel

from .objects import FieldProblem, KBObject, Value, When, ids_in, value_of
from .schema import BERICHT, Bericht, Kind

NEWS = BERICHT.name
#: Noted as an overview of the page with ``{berichten} archief``: its year pages hang under it.
ARCHIVE_VIEW = "berichtenarchief"
#: A news item's date and time are Dutch time: the association publishes from here.
NEWS_TIMEZONE = "Europe/Amsterdam"
#: The fields that tie an item to other objects (and so to their news sections and feeds).
RELATION_FIELDS = tuple(f for f in BERICHT.fields if f.kind is Kind.REFS)
_URL_STARTS = ("http://", "https://", "//", "data:")


def news_problems(fields: Mapping[str, Value]) -> list[FieldProblem]:
    """What a news item's fields cannot say together, each at the field it is about."""
    problems = []
    day = value_of(fields, Bericht.datum)
    if day is not None and not day.is_exact_day:
        message = (
            "een bericht heeft een datum met een dag nodig, zoals 2023-05-01 (eventueel met tijd: 2023-05-01 09:00)"
        )
        problems.append(FieldProblem(message, Bericht.datum.name, drop=True))
    image, alt = value_of(fields, Bericht.afbeelding), value_of(fields, Bericht.alt_tekst)
    if image is not None and image.lower().startswith(_URL_STARTS):
        message = (
            "een afbeelding moet in de kennisbank zelf staan (een bestand naast de pagina), geen webadres: "
            "de site laadt niets van andere websites"
        )
        problems.append(FieldProblem(message, Bericht.afbeelding.name, drop=True))
    elif image is not None and alt is None:
        message = (
            "een afbeelding heeft een alt-tekst nodig: beschrijf in 'alt-tekst' wat er te zien is, "
            "voor wie de afbeelding niet kan zien"
        )
        problems.append(FieldProblem(message, Bericht.afbeelding.name, drop=True))
    if alt is not None and image is None:
        problems.append(
            FieldProblem(
                "'alt-tekst' hoort bij een afbeelding; vul ook 'afbeelding' in", Bericht.alt_tekst.name, drop=True
            )
        )
    return problems


def is_published(obj: KBObject, today: dt.date | None = None) -> bool:
    """A news item with a valid date (the build reported every other one and leaves it out of lists),
    and, given ``today``, not one scheduled for a later day: it appears on its day, not before."""
    day = obj.get(Bericht.datum)
    if obj.kind != NEWS or day is None or not day.is_exact_day:
        return False
    return today is None or day.value.date() <= today


def moment(obj: KBObject) -> When:
    day = obj.get(Bericht.datum)
    if day is None:  # asked only of published items, which have one
        raise KeyError(f"{obj.id}: {Bericht.datum.name}")
    return day


def order_key(obj: KBObject) -> tuple[int, int, str, str]:
    """Newest first; items of the same moment by 'volgorde', then by title."""
    value = moment(obj).value
    minutes = value.toordinal() * 1440 + value.hour * 60 + value.minute  # no clock or time zone of the machine
    order = obj.get(Bericht.volgorde)
    return (-minutes, order if order is not None else 10**6, obj.title.casefold(), obj.id)


def newest_first(objects: Iterable[KBObject], today: dt.date | None = None) -> list[KBObject]:
    """The news items among ``objects`` published (on ``today``), newest first."""
    return sorted((o for o in objects if is_published(o, today)), key=order_key)


def related_ids(obj: KBObject, objects: Mapping[str, KBObject]) -> tuple[str, ...]:
    """The objects an item is about, in field order, each once: only ids that exist and are of
    the type their field asks for (any other was reported, and counts for nothing)."""
    found: list[str] = []
    for spec in RELATION_FIELDS:
        for target in ids_in(obj.fields.get(spec.name)):
            other = objects.get(target)
            if other is not None and other.kind in spec.targets:
                found.append(target)
    return tuple(dict.fromkeys(found))


def published_at(obj: KBObject) -> dt.datetime:
    """The moment an item was published, as an aware time: its day at midnight, or its time, Dutch time."""
    return moment(obj).value.replace(tzinfo=ZoneInfo(NEWS_TIMEZONE))


def years(items: Iterable[KBObject]) -> tuple[int, ...]:
    """The years with news, newest first."""
    return tuple(sorted({moment(item).value.year for item in items}, reverse=True))


@functools.lru_cache(maxsize=4096)
def format_news_date(day: dt.date) -> str:
    """'1 mei 2023': a news item's date, without the weekday an event needs."""
    return format_date_babel(day, "d MMMM y", locale="nl")


def tag_uri(authority: str, tag_date: str, specific: str) -> str:
    """An Atom id as a tag URI (RFC 4151): ``tag:kennisbank.vzhg.nl,2023:bericht/jeugd``.

    Made of what never changes: the site's domain, the day it started minting ids,
    and the object's id. A new title, date or address keeps the entry's id, so feed
    readers update the entry instead of showing it twice.
    """
    return f"tag:{authority},{tag_date}:{specific}"
