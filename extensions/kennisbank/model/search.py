"""What members' search knows of each object and page, and the words it suggests from.

Pure data for the Sphinx glue (``sphinx_ext/search.py``, which writes it into each page
as Pagefind's ``data-pagefind-*`` data) and the indexer (``writers/pagefind.py``):

- :class:`SearchFacts`: a result's kind and key fact (shown with it), its filters (kind,
  theme, year), its date to sort by, the words it is also found by (``trefwoorden`` and
  the synonyms of ``kennisbank_search_synonyms``), and whether it is of the past (an
  event that is over, an old news item), which the search page ranks lower;
- :func:`vocabulary`: the words of titles, ids, keywords and synonyms, from which the
  search page suggests "Bedoelde u ...?" when nothing matches.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from .agenda import calendar_event
from .dates import format_day
from .news import format_news_date, is_published, moment
from .objects import KBObject, When
from .schema import KEYWORDS, THEMES, TYPES, Evenement, Netwerk, Organisatie, Persoon, Programma, Thema

#: Pagefind's names of what each result carries. The keys are Dutch where the search
#: page shows them (filters), Pagefind's own where it has one (``title``).
META_TITLE, META_KIND, META_FACT, META_KEYWORDS = "title", "soort", "feit", "trefwoorden"
#: The words of an object's id ("aanmelden-bestuurdersdag-2023"): contributors choose ids as short names.
META_ID = "kenmerk"
FILTER_KIND, FILTER_THEME, FILTER_YEAR, FILTER_TIME = "soort", "thema", "jaar", "tijd"
SORT_DATE = "datum"
#: The value of FILTER_TIME for a past event or an old news item; current ones have none.
PAST = "voorbij"

#: The kinds of result that are no object of the domain, with their labels.
PACK_KIND, NEWSLETTER_KIND = "Bestuurspakket", "Nieuwsbrief"
#: The kinds that can be of the past (see is_of_the_past).
PAST_KINDS = ("evenement", "bericht")
#: A news item this many days old or older counts as old news: it ranks below current ones.
OLD_NEWS_DAYS = 183

#: Words shorter than this are no suggestions ("de", "van"): too many are one typo apart.
MIN_WORD = 3


@dataclass(frozen=True)
class SearchFacts:
    """One search result's data beside its text."""

    title: str
    kind: str = ""  # what readers call its type ("Bijeenkomst"); empty for a page that is no object
    fact: str = ""  # its key fact: "donderdag 25 mei 2023, Amersfoort", "vice-voorzitter, Bestuur van de VZHG"
    themes: tuple[str, ...] = ()  # titles of its themes
    year: int | None = None
    date: str = ""  # ISO date, for sorting events and news
    keywords: tuple[str, ...] = ()  # found by these words too, never shown
    id: str = ""
    past: bool = False

    def meta(self) -> dict[str, str]:
        found = {META_TITLE: self.title, META_KIND: self.kind, META_FACT: self.fact}
        found[META_KEYWORDS] = ", ".join(self.keywords)
        found[META_ID] = " ".join(self.id.split("-"))
        return {key: value for key, value in found.items() if value}

    def filters(self) -> dict[str, tuple[str, ...]]:
        found = {
            FILTER_KIND: (self.kind,) if self.kind else (),
            FILTER_THEME: self.themes,
            FILTER_YEAR: (str(self.year),) if self.year else (),
            FILTER_TIME: (PAST,) if self.past else (),
        }
        return {key: values for key, values in found.items() if values}

    def sort(self) -> dict[str, str]:
        return {SORT_DATE: self.date} if self.date else {}


def object_facts(
    obj: KBObject, objects: Mapping[str, KBObject], today: dt.date, synonyms: Mapping[str, tuple[str, ...]]
) -> SearchFacts:
    """An object's search data; ``objects`` gives the titles of what it refers to."""
    keywords = obj.get(KEYWORDS) or ()
    own_words = (obj.title, *keywords, obj.get(Organisatie.afkorting) or "")
    facts = SearchFacts(
        title=obj.title,
        kind=TYPES[obj.kind].shown_label,
        id=obj.id,
        themes=(obj.title,) if obj.kind == "thema" else _titles(obj.get(THEMES) or (), objects),
        keywords=keywords + tuple(w for w in synonyms_of(own_words, synonyms) if w not in keywords),
    )
    if obj.kind == "evenement":
        return _event_facts(obj, facts, today)
    if obj.kind == "bericht":
        return _news_facts(obj, facts, today)
    return _with(facts, fact=_key_fact(obj, objects), when=obj.get(Programma.verschenen))


def page_facts(
    title: str,
    synonyms: Mapping[str, tuple[str, ...]],
    kind: str = "",
    fact: str = "",
    when: When | None = None,
) -> SearchFacts:
    """A page's search data: a board pack, a newsletter edition, or a page that is no object."""
    facts = SearchFacts(title=title, kind=kind, keywords=synonyms_of((title,), synonyms))
    return _with(facts, fact=fact, when=when)


def _with(facts: SearchFacts, fact: str, when: When | None) -> SearchFacts:
    if when is None:
        return replace(facts, fact=fact)
    return replace(facts, fact=fact, year=when.value.year, date=when.value.date().isoformat())


def _event_facts(obj: KBObject, facts: SearchFacts, today: dt.date) -> SearchFacts:
    if not obj.has(Evenement.start):  # unreadable, and reported: the event has no date to find it by
        return facts
    event = calendar_event(obj)
    where = event.place.city or event.place.name if event.place else ("online" if event.online else "")
    fact = ", ".join(part for part in (format_day(event.when), where) if part)
    if event.cancelled:
        fact = f"geannuleerd: {fact}"
    return replace(_with(facts, fact=fact, when=event.when), past=event.is_past(today))


def _news_facts(obj: KBObject, facts: SearchFacts, today: dt.date) -> SearchFacts:
    if not is_published(obj):
        return facts
    day = moment(obj)
    return replace(_with(facts, fact=format_news_date(day.value.date()), when=day), past=is_of_the_past(obj, today))


def is_of_the_past(obj: KBObject, today: dt.date) -> bool:
    """An event that is over, or a news item of OLD_NEWS_DAYS ago or more: it ranks below current ones."""
    if obj.kind == "evenement":
        return obj.has(Evenement.start) and calendar_event(obj).is_past(today)
    if obj.kind == "bericht" and is_published(obj):
        return (today - moment(obj).value.date()).days >= OLD_NEWS_DAYS
    return False


def _key_fact(obj: KBObject, objects: Mapping[str, KBObject]) -> str:
    """What a member wants to know at a glance, per type (events and news: their date)."""
    if obj.kind == "persoon":
        roles = obj.get(Persoon.rollen) or ()
        return "; ".join(f"{role.function}, {_title(role.target, objects)}" for role in roles[:2])
    if obj.kind == "organisatie":
        kind, short = obj.get(Organisatie.soort) or "", obj.get(Organisatie.afkorting) or ""
        return f"{kind} ({short})" if kind and short else kind or short
    if obj.kind == "netwerk":
        lead = obj.get(Netwerk.coordinator) or ""
        parts = [obj.get(Netwerk.status) or "", f"coördinatie: {_title(lead, objects)}" if lead else ""]
        return ", ".join(part for part in parts if part)
    if obj.kind == "programma":
        owner = obj.get(Programma.eigenaar) or ""
        return f"eigenaar: {_title(owner, objects)}" if owner else ""
    if obj.kind == "thema":
        return "bestuursprioriteit" if obj.get(Thema.bestuursprioriteit) == "ja" else ""
    return ""


def _title(obj_id: str, objects: Mapping[str, KBObject]) -> str:
    obj = objects.get(obj_id)
    return obj.title if obj is not None else obj_id


def _titles(ids: tuple[str, ...], objects: Mapping[str, KBObject]) -> tuple[str, ...]:
    """The titles of the objects that exist among ``ids``, each once (unknown ids were reported)."""
    found = (objects[i].title for i in ids if i in objects)
    return tuple(dict.fromkeys(found))


def synonyms_of(texts: Iterable[str], synonyms: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The words members type (keys of ``synonyms``) for which one of ``texts`` has a meaning
    (one of its phrases, as whole words, in any case): "ALV" for "Algemene ledenvergadering VNG"."""
    folded = " ".join(text.casefold() for text in texts if text)
    return tuple(word for word, phrases in synonyms.items() if any(_phrase(p).search(folded) for p in phrases))


@functools.lru_cache(maxsize=1024)
def _phrase(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, phrase.casefold().split())) + r"(?!\w)")


def words(text: str) -> list[str]:
    """The words of a text or id, lower case: "Bestuurlijk gesprek LPLG", "vng-alv-2023"."""
    return [word for word in re.split(r"[^\w]+|_", text.casefold()) if len(word) >= MIN_WORD and not word.isdigit()]


def vocabulary(texts: Iterable[str]) -> dict[str, int]:
    """Each word of ``texts`` (titles, ids, keywords, synonyms) with how many of them use it,
    most used first, then alphabetically: the search page prefers a common word when two
    are as close to what was typed."""
    counts = Counter(word for text in texts for word in set(words(text)))
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
