"""The object types of the knowledge base and their fields.

Pure data: no docutils, no Sphinx. Field names are the Dutch option names that
contributors write in a page; labels are what readers see.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    """How a field's raw text is parsed (see :mod:`kennisbank.model.values`)."""

    TEXT = "tekst"
    LINES = "regels"  # one item per line
    URL = "url"  # an http(s) address, or "volgt" while the link is missing
    EMAIL = "e-mail"
    WHEN = "datum"  # a year, month, day or day and time
    TIMEZONE = "tijdzone"  # an IANA name such as Europe/Amsterdam
    PHONE = "telefoon"
    NUMBER = "getal"
    CHOICE = "keuze"
    CHOICES = "keuzes"  # comma-separated choices
    REF = "verwijzing"  # one object id
    REFS = "verwijzingen"  # comma-separated object ids
    ROLES = "rollen"  # one "functie; organisatie; periode" per line
    WORDS = "woorden"  # comma-separated words or phrases, free text


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: Kind = Kind.TEXT
    required: bool = False
    targets: tuple[str, ...] = ()  # object types a REF/REFS/ROLES field may point to
    choices: tuple[str, ...] = ()
    example: str = ""  # shown by the authoring guide and in error messages
    #: How the target's "Gerelateerd" names this relation; None: the label in lower case,
    #: "": no name, because the type heading already says it (a programme under "Programma’s").
    backlink: str | None = None
    #: False for a field meant for the build (ordering, sequence numbers): never shown to readers.
    shown: bool = True
    #: Shown as a visible "[...]" marker on the object's page while the field is not filled in.
    when_missing: str = ""
    #: A date field that needs the day: "JJJJ-MM" alone is refused (and not offered in messages).
    needs_day: bool = False
    #: For a choice that says little on its own ("Bestuursprioriteit: ja"): the label readers
    #: see, and per choice the words they read instead of the choice.
    reader_label: str = ""
    reader_words: tuple[tuple[str, str], ...] = ()

    @property
    def shown_label(self) -> str:
        return self.reader_label or self.label

    def in_words(self, value: str) -> str:
        """What a reader sees of a choice."""
        return dict(self.reader_words).get(value, value)

    @property
    def backlink_label(self) -> str:
        return self.label.lower() if self.backlink is None else self.backlink

    @property
    def is_relation(self) -> bool:
        return self.kind in (Kind.REF, Kind.REFS, Kind.ROLES)


@dataclass(frozen=True)
class ObjectType:
    name: str
    label: str  # what contributors call the type, in messages and forms: "Evenement"
    plural: str  # what readers see: "Bijeenkomsten"
    fields: tuple[Field, ...]
    title_field: str = "titel"
    #: The Dutch demonstrative for "this <type>": "dit" for het-words, "deze" for de-words.
    this: str = "dit"
    #: Whether its page gets an agenda section and a feed of its own.
    has_agenda: bool = False
    #: Whether its page gets a news section (its latest news items) and an Atom feed of its own.
    has_news: bool = False
    #: Whether its page leaves out an empty "Gerelateerd" section: events and news items are rarely referred to.
    quiet_when_unrelated: bool = False

    #: What readers call one, where that is not the label ("Bijeenkomst" for an "Evenement").
    reader_label: str = ""

    @property
    def shown_label(self) -> str:
        return self.reader_label or self.label

    def this_one(self) -> str:
        """'dit thema', 'deze organisatie'."""
        return f"{self.this} {self.label.lower()}"

    def field(self, name: str) -> Field | None:
        return self._by_name.get(name)

    @functools.cached_property
    def _by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    @functools.cached_property
    def relation_fields(self) -> tuple[Field, ...]:
        """The fields that point at other objects, in field order (read for every object, every build)."""
        return tuple(f for f in self.fields if f.is_relation)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


def _title(name: str = "titel") -> Field:
    # Optional: without it, the object takes the heading it stands under.
    return Field(name, name.capitalize())


_SUMMARY = Field("samenvatting", "Samenvatting")
#: Words members may search with that the page does not use; never shown, only found.
_KEYWORDS = Field("trefwoorden", "Trefwoorden", Kind.WORDS, example="jeugdzorg, jeugdhulp", shown=False)
_THEMES = Field("thema", "Thema’s", Kind.REFS, targets=("thema",), example="brede-welvaart, jeugd", backlink="")
_WEBSITE = Field("website", "Website", Kind.URL, example="https://www.vzhg.nl")
#: The day someone last checked that the object is still right; for editors, not shown
#: (`kennisbank onderhoud` lists what nobody looked at for a while).
_REVIEWED = Field("herzien", "Herzien", Kind.WHEN, example="2026-12-07", shown=False, needs_day=True)

THEMA = ObjectType(
    "thema",
    "Thema",
    "Thema’s",
    (
        _title(),
        _SUMMARY,
        _KEYWORDS,
        Field(
            "bestuursprioriteit",
            "Bestuursprioriteit",
            Kind.CHOICE,
            choices=("ja", "nee"),
            reader_label="Prioriteit",
            reader_words=(
                ("ja", "Het bestuur heeft dit thema tot prioriteit gemaakt."),
                ("nee", "Het bestuur heeft dit thema niet tot prioriteit gemaakt."),
            ),
        ),
        Field("volgorde", "Volgorde", Kind.NUMBER, example="3", shown=False),
        Field("omschrijving", "Volledige naam"),
        _REVIEWED,
    ),
    has_agenda=True,
    has_news=True,
)

PROGRAMMA = ObjectType(
    "programma",
    "Programma",
    "Programma’s",
    (
        _title(),
        _SUMMARY,
        _KEYWORDS,
        Field(
            "thema",
            "Thema’s",
            Kind.REFS,
            required=True,
            targets=("thema",),
            example="brede-welvaart",
            backlink="",
        ),
        Field("eigenaar", "Eigenaar", Kind.REF, targets=("organisatie",), example="vng"),
        Field("onderdeel-van", "Onderdeel van", Kind.REF, targets=("programma",)),
        Field("verschenen", "Verschenen", Kind.WHEN, example="2022-07"),
        _WEBSITE,
        Field("publicatie", "Publicatie", Kind.URL),
        _REVIEWED,
    ),
    has_agenda=True,
    has_news=True,
)

EVENEMENT = ObjectType(
    "evenement",
    "Evenement",
    "Bijeenkomsten",  # for readers a "bijeenkomst" (docs/bijdragen/objecten.md: one word for one thing)
    (
        _title(),
        _SUMMARY,
        _KEYWORDS,
        Field("start", "Begin", Kind.WHEN, required=True, example="2023-05-25 13:30"),
        Field("eind", "Einde", Kind.WHEN, example="2023-05-25 16:00"),
        Field("tijdzone", "Tijdzone", Kind.TIMEZONE, example="Europe/Amsterdam"),
        Field("locatie", "Locatie", example="Eenhoorn Amersfoort"),
        Field("adres", "Adres", example="Barchman Wuytierslaan 2"),
        Field("postcode", "Postcode", example="3818 LH"),
        Field("plaats", "Plaats", example="Amersfoort"),
        Field("online", "Online", Kind.URL, example="https://vng.nl/live"),
        Field("deelname", "Deelname", Kind.CHOICE, choices=("ter plaatse", "online", "hybride")),
        Field(
            "organisator",
            "Organisator",
            Kind.REF,
            required=True,
            targets=("organisatie", "netwerk"),
            example="vng",
        ),
        _THEMES,
        Field("programma", "Programma’s", Kind.REFS, targets=("programma",), backlink=""),
        Field("netwerk", "Netwerken", Kind.REFS, targets=("netwerk",), backlink=""),
        Field("sprekers", "Sprekers", Kind.REFS, targets=("persoon",), backlink="spreker"),
        Field("doelgroep", "Doelgroep", example="burgemeesters en wethouders"),
        Field("deelnemers", "Deelnemers", example="circa 100 bestuurders"),
        Field("aanmelden", "Aanmelden", Kind.URL),
        Field("aanmelden-tot", "Aanmelden tot", Kind.WHEN, example="2023-05-19"),
        Field("status", "Status", Kind.CHOICE, choices=("gepland", "geannuleerd", "verplaatst")),
        Field("verplaatst-naar", "Verplaatst naar", Kind.WHEN, example="2023-06-22 13:30"),
        Field("wijziging", "Wijzigingsnummer", Kind.NUMBER, example="1", shown=False),
        Field("terugkijken", "Terugkijken", Kind.URL),
        Field("verslag", "Verslag", Kind.URL),
        _REVIEWED,
    ),
    # Its facts already link its themes, networks and people; few pages link back to it.
    quiet_when_unrelated=True,
    reader_label="Bijeenkomst",
)

NETWERK = ObjectType(
    "netwerk",
    "Netwerk",
    "Netwerken",
    (
        _title("naam"),
        _SUMMARY,
        _KEYWORDS,
        Field("doel", "Doel"),
        Field("coordinator", "Coördinatie", Kind.REF, targets=("organisatie",), example="vng", backlink="coördinator"),
        Field("contact", "Contact", Kind.EMAIL, example="secretariaat@vzhg.nl"),
        Field("bijeenkomsten", "Bijeenkomsten", example="circa 2 keer per jaar"),
        Field("vorm", "Vorm", Kind.CHOICES, choices=("digitaal", "fysiek")),
        Field("beoogde-omvang", "Beoogde omvang", example="circa 10-20 juristen per provincie"),
        Field("aantal-deelnemers", "Aantal deelnemers", Kind.NUMBER, example="60"),
        Field("expertise", "Expertise", Kind.LINES),
        Field("leden", "Leden", Kind.REFS, targets=("organisatie",), backlink="lid"),
        Field("partners", "Partners", Kind.REFS, targets=("netwerk",), backlink="partner"),
        _THEMES,
        Field("status", "Status", Kind.CHOICE, choices=("in oprichting", "actief")),
        Field("aansluiten", "Aansluiten", example="mail naar secretariaat@vzhg.nl", when_missing="volgt"),
        Field("kanalen", "Kanalen", example="appgroep"),
        _WEBSITE,
        _REVIEWED,
    ),
    title_field="naam",
    has_agenda=True,
    has_news=True,
)

ORGANISATIE = ObjectType(
    "organisatie",
    "Organisatie",
    "Organisaties",
    (
        _title("naam"),
        _SUMMARY,
        _KEYWORDS,
        Field("afkorting", "Afkorting", example="VZHG"),
        Field(
            "soort",
            "Soort",
            Kind.CHOICE,
            required=True,
            choices=(
                "vereniging",
                "bestuursorgaan",
                "gemeente",
                "provincie",
                "landelijke koepel",
                "rijksoverheid",
                "commissie",
                "netwerk-partner",
            ),
        ),
        Field("onderdeel-van", "Onderdeel van", Kind.REF, targets=("organisatie",)),
        _WEBSITE,
        Field("contact", "Contact", Kind.EMAIL),
        Field("sociale-media", "Sociale media", Kind.URL),
        _REVIEWED,
    ),
    title_field="naam",
    this="deze",
)

PERSOON = ObjectType(
    "persoon",
    "Persoon",
    "Personen",
    (
        _title("naam"),
        _SUMMARY,
        _KEYWORDS,
        Field(
            "rollen",
            "Rollen",
            Kind.ROLES,
            required=True,
            # In a network too: "lid; strategennetwerk" makes the person one of its members.
            targets=("organisatie", "netwerk"),
            example="vice-voorzitter; vzhg-bestuur; sinds 2022",
        ),
        # Personal contact details are published only with a recorded basis (AVG):
        # normally people are reached through their organisation's role mailbox.
        Field("e-mail", "E-mail", Kind.EMAIL),
        Field("telefoon", "Telefoon", Kind.PHONE, example="070 123 45 67"),
        Field("grondslag", "Grondslag publicatie contactgegevens", example="toestemming per e-mail, 2023-05-01"),
        _REVIEWED,
    ),
    title_field="naam",
    this="deze",
)

#: A news item: one page in docs/actueel/, dated, with typed links to what it is about.
BERICHT = ObjectType(
    "bericht",
    "Bericht",
    "Berichten",
    (
        _title(),
        Field("datum", "Datum", Kind.WHEN, required=True, example="2023-05-01", needs_day=True),
        Field(
            "samenvatting",
            "Samenvatting",
            required=True,
            example="Het bestuur kiest acht thema's die deze periode extra aandacht krijgen.",
        ),
        _KEYWORDS,
        # Shown as the image itself (with its alt text), not as a fact.
        Field("afbeelding", "Afbeelding", example="afbeeldingen/bestuurdersdag.jpg", shown=False),
        Field("alt-tekst", "Alt-tekst", example="Bestuurders in gesprek aan een ronde tafel", shown=False),
        Field("thema", "Thema’s", Kind.REFS, targets=("thema",), example="brede-welvaart", backlink=""),
        Field("programma", "Programma’s", Kind.REFS, targets=("programma",), example="novex", backlink=""),
        Field("netwerk", "Netwerken", Kind.REFS, targets=("netwerk",), example="strategennetwerk", backlink=""),
        Field("evenement", "Bijeenkomsten", Kind.REFS, targets=("evenement",), example="vng-alv-2023", backlink=""),
        Field("persoon", "Personen", Kind.REFS, targets=("persoon",), example="emile-jaensch", backlink=""),
        Field("organisatie", "Organisaties", Kind.REFS, targets=("organisatie",), example="vng", backlink=""),
        Field("lees-meer", "Lees meer", Kind.URL, example="https://vng.nl/nieuws"),
        # A call to take part in an event ("meld u aan"): shown until the event is over, cancelled or
        # closed for registration; then the item says what happened (its 'na-afloop', or the event's date).
        Field(
            "oproep",
            "Oproep voor",
            Kind.REF,
            targets=("evenement",),
            example="bestuurdersdag-2023",
            shown=False,
            backlink="",
        ),
        Field("na-afloop", "Na afloop", example="De Bestuurdersdag was op 12 mei 2023 in Den Haag.", shown=False),
        # Items of the same day in the order of the newsletter they come from.
        Field("volgorde", "Volgorde", Kind.NUMBER, example="1", shown=False),
        _REVIEWED,
    ),
    quiet_when_unrelated=True,
)

#: All types, in the order the "Gerelateerd" sections list them.
TYPES: dict[str, ObjectType] = {
    t.name: t for t in (THEMA, PROGRAMMA, EVENEMENT, NETWERK, ORGANISATIE, PERSOON, BERICHT)
}
