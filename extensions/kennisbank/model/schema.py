"""The object types of the knowledge base and their fields.

Pure data: no docutils, no Sphinx. Each type's fields are the typed constants of a
class named after the type, in the order of its page and its form: code reads a value
as ``obj.get(Evenement.start)`` (a ``When | None``), and a misspelt field is an error
for mypy and an ``AttributeError`` at import. A field with a hyphen in its name is an
attribute with an underscore (``Evenement.aanmelden_tot``). What a field is: fields.py.
"""

from __future__ import annotations

from .fields import Field, Kind, ObjectType, fields_of
from .objects import Role, Url, When

__all__ = [
    "BERICHT",
    "EVENEMENT",
    "KEYWORDS",
    "NETWERK",
    "ORGANISATIE",
    "PERSOON",
    "PROGRAMMA",
    "REVIEWED",
    "SUMMARY",
    "THEMA",
    "THEMES",
    "TYPES",
    "Bericht",
    "Evenement",
    "Field",
    "Kind",
    "Netwerk",
    "ObjectType",
    "Organisatie",
    "Persoon",
    "Programma",
    "Thema",
    "fields_of",
]


def _title(name: str = "titel") -> Field[str]:
    # Optional: without it, the object takes the heading it stands under.
    return Field(name, name.capitalize())


#: Fields several types share; read through them where the type does not matter.
SUMMARY: Field[str] = Field("samenvatting", "Samenvatting")
#: Words members may search with that the page does not use; never shown, only found.
KEYWORDS: Field[tuple[str, ...]] = Field(
    "trefwoorden", "Trefwoorden", Kind.WORDS, example="jeugdzorg, jeugdhulp", shown=False
)
#: The themes an object is about (a programme must name one: its own field, of the same name).
THEMES: Field[tuple[str, ...]] = Field(
    "thema", "Thema’s", Kind.REFS, targets=("thema",), example="brede-welvaart, jeugd", backlink=""
)
_WEBSITE: Field[Url] = Field("website", "Website", Kind.URL, example="https://www.vzhg.nl")
#: The day someone last checked that the object is still right; for editors, not shown
#: (`kennisbank onderhoud` lists what nobody looked at for a while).
REVIEWED: Field[When] = Field("herzien", "Herzien", Kind.WHEN, example="2026-12-07", shown=False, needs_day=True)


class Thema:
    titel: Field[str] = _title()
    samenvatting: Field[str] = SUMMARY
    trefwoorden: Field[tuple[str, ...]] = KEYWORDS
    bestuursprioriteit: Field[str] = Field(
        "bestuursprioriteit",
        "Bestuursprioriteit",
        Kind.CHOICE,
        choices=("ja", "nee"),
        reader_label="Prioriteit",
        reader_words=(
            ("ja", "Het bestuur heeft dit thema tot prioriteit gemaakt."),
            ("nee", "Het bestuur heeft dit thema niet tot prioriteit gemaakt."),
        ),
    )
    volgorde: Field[int] = Field("volgorde", "Volgorde", Kind.NUMBER, example="3", shown=False)
    omschrijving: Field[str] = Field("omschrijving", "Volledige naam")
    herzien: Field[When] = REVIEWED


THEMA = ObjectType("thema", "Thema", "Thema’s", fields_of(Thema), has_agenda=True, has_news=True)


class Programma:
    titel: Field[str] = _title()
    samenvatting: Field[str] = SUMMARY
    trefwoorden: Field[tuple[str, ...]] = KEYWORDS
    thema: Field[tuple[str, ...]] = Field(
        "thema", "Thema’s", Kind.REFS, required=True, targets=("thema",), example="brede-welvaart", backlink=""
    )
    eigenaar: Field[str] = Field("eigenaar", "Eigenaar", Kind.REF, targets=("organisatie",), example="vng")
    onderdeel_van: Field[str] = Field("onderdeel-van", "Onderdeel van", Kind.REF, targets=("programma",))
    verschenen: Field[When] = Field("verschenen", "Verschenen", Kind.WHEN, example="2022-07")
    website: Field[Url] = _WEBSITE
    publicatie: Field[Url] = Field("publicatie", "Publicatie", Kind.URL)
    herzien: Field[When] = REVIEWED


PROGRAMMA = ObjectType("programma", "Programma", "Programma’s", fields_of(Programma), has_agenda=True, has_news=True)


class Evenement:
    titel: Field[str] = _title()
    samenvatting: Field[str] = SUMMARY
    trefwoorden: Field[tuple[str, ...]] = KEYWORDS
    start: Field[When] = Field("start", "Begin", Kind.WHEN, required=True, example="2023-05-25 13:30")
    eind: Field[When] = Field("eind", "Einde", Kind.WHEN, example="2023-05-25 16:00")
    tijdzone: Field[str] = Field("tijdzone", "Tijdzone", Kind.TIMEZONE, example="Europe/Amsterdam")
    locatie: Field[str] = Field("locatie", "Locatie", example="Eenhoorn Amersfoort")
    adres: Field[str] = Field("adres", "Adres", example="Barchman Wuytierslaan 2")
    postcode: Field[str] = Field("postcode", "Postcode", example="3818 LH")
    plaats: Field[str] = Field("plaats", "Plaats", example="Amersfoort")
    online: Field[Url] = Field("online", "Online", Kind.URL, example="https://vng.nl/live")
    deelname: Field[str] = Field("deelname", "Deelname", Kind.CHOICE, choices=("ter plaatse", "online", "hybride"))
    organisator: Field[str] = Field(
        "organisator", "Organisator", Kind.REF, required=True, targets=("organisatie", "netwerk"), example="vng"
    )
    thema: Field[tuple[str, ...]] = THEMES
    programma: Field[tuple[str, ...]] = Field(
        "programma", "Programma’s", Kind.REFS, targets=("programma",), backlink=""
    )
    netwerk: Field[tuple[str, ...]] = Field("netwerk", "Netwerken", Kind.REFS, targets=("netwerk",), backlink="")
    sprekers: Field[tuple[str, ...]] = Field(
        "sprekers", "Sprekers", Kind.REFS, targets=("persoon",), backlink="spreker"
    )
    doelgroep: Field[str] = Field("doelgroep", "Doelgroep", example="burgemeesters en wethouders")
    deelnemers: Field[str] = Field("deelnemers", "Deelnemers", example="circa 100 bestuurders")
    aanmelden: Field[Url] = Field("aanmelden", "Aanmelden", Kind.URL)
    aanmelden_tot: Field[When] = Field("aanmelden-tot", "Aanmelden tot", Kind.WHEN, example="2023-05-19")
    status: Field[str] = Field("status", "Status", Kind.CHOICE, choices=("gepland", "geannuleerd", "verplaatst"))
    verplaatst_naar: Field[When] = Field("verplaatst-naar", "Verplaatst naar", Kind.WHEN, example="2023-06-22 13:30")
    wijziging: Field[int] = Field("wijziging", "Wijzigingsnummer", Kind.NUMBER, example="1", shown=False)
    terugkijken: Field[Url] = Field("terugkijken", "Terugkijken", Kind.URL)
    verslag: Field[Url] = Field("verslag", "Verslag", Kind.URL)
    herzien: Field[When] = REVIEWED


EVENEMENT = ObjectType(
    "evenement",
    "Evenement",
    "Bijeenkomsten",  # for readers a "bijeenkomst" (docs/bijdragen/objecten.md: one word for one thing)
    fields_of(Evenement),
    # Its facts already link its themes, networks and people; few pages link back to it.
    quiet_when_unrelated=True,
    reader_label="Bijeenkomst",
)


class Netwerk:
    naam: Field[str] = _title("naam")
    samenvatting: Field[str] = SUMMARY
    trefwoorden: Field[tuple[str, ...]] = KEYWORDS
    doel: Field[str] = Field("doel", "Doel")
    coordinator: Field[str] = Field(
        "coordinator", "Coördinatie", Kind.REF, targets=("organisatie",), example="vng", backlink="coördinator"
    )
    contact: Field[str] = Field("contact", "Contact", Kind.EMAIL, example="secretariaat@vzhg.nl")
    bijeenkomsten: Field[str] = Field("bijeenkomsten", "Bijeenkomsten", example="circa 2 keer per jaar")
    vorm: Field[tuple[str, ...]] = Field("vorm", "Vorm", Kind.CHOICES, choices=("digitaal", "fysiek"))
    beoogde_omvang: Field[str] = Field("beoogde-omvang", "Beoogde omvang", example="circa 10-20 juristen per provincie")
    aantal_deelnemers: Field[int] = Field("aantal-deelnemers", "Aantal deelnemers", Kind.NUMBER, example="60")
    expertise: Field[tuple[str, ...]] = Field("expertise", "Expertise", Kind.LINES)
    leden: Field[tuple[str, ...]] = Field("leden", "Leden", Kind.REFS, targets=("organisatie",), backlink="lid")
    partners: Field[tuple[str, ...]] = Field(
        "partners", "Partners", Kind.REFS, targets=("netwerk",), backlink="partner"
    )
    thema: Field[tuple[str, ...]] = THEMES
    status: Field[str] = Field("status", "Status", Kind.CHOICE, choices=("in oprichting", "actief"))
    aansluiten: Field[str] = Field(
        "aansluiten", "Aansluiten", example="mail naar secretariaat@vzhg.nl", when_missing="volgt"
    )
    kanalen: Field[str] = Field("kanalen", "Kanalen", example="appgroep")
    website: Field[Url] = _WEBSITE
    herzien: Field[When] = REVIEWED


NETWERK = ObjectType(
    "netwerk", "Netwerk", "Netwerken", fields_of(Netwerk), title_field="naam", has_agenda=True, has_news=True
)


class Organisatie:
    naam: Field[str] = _title("naam")
    samenvatting: Field[str] = SUMMARY
    trefwoorden: Field[tuple[str, ...]] = KEYWORDS
    afkorting: Field[str] = Field("afkorting", "Afkorting", example="VZHG")
    soort: Field[str] = Field(
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
    )
    onderdeel_van: Field[str] = Field("onderdeel-van", "Onderdeel van", Kind.REF, targets=("organisatie",))
    website: Field[Url] = _WEBSITE
    contact: Field[str] = Field("contact", "Contact", Kind.EMAIL)
    sociale_media: Field[Url] = Field("sociale-media", "Sociale media", Kind.URL)
    herzien: Field[When] = REVIEWED


ORGANISATIE = ObjectType(
    "organisatie", "Organisatie", "Organisaties", fields_of(Organisatie), title_field="naam", this="deze"
)


class Persoon:
    naam: Field[str] = _title("naam")
    samenvatting: Field[str] = SUMMARY
    trefwoorden: Field[tuple[str, ...]] = KEYWORDS
    rollen: Field[tuple[Role, ...]] = Field(
        "rollen",
        "Rollen",
        Kind.ROLES,
        required=True,
        # In a network too: "lid; strategennetwerk" makes the person one of its members.
        targets=("organisatie", "netwerk"),
        example="vice-voorzitter; vzhg-bestuur; sinds 2022",
    )
    # Personal contact details are published only with a recorded basis (AVG):
    # normally people are reached through their organisation's role mailbox.
    e_mail: Field[str] = Field("e-mail", "E-mail", Kind.EMAIL)
    telefoon: Field[str] = Field("telefoon", "Telefoon", Kind.PHONE, example="070 123 45 67")
    grondslag: Field[str] = Field(
        "grondslag", "Grondslag publicatie contactgegevens", example="toestemming per e-mail, 2023-05-01"
    )
    herzien: Field[When] = REVIEWED


PERSOON = ObjectType("persoon", "Persoon", "Personen", fields_of(Persoon), title_field="naam", this="deze")


#: A news item: one page in docs/actueel/, dated, with typed links to what it is about.
class Bericht:
    titel: Field[str] = _title()
    datum: Field[When] = Field("datum", "Datum", Kind.WHEN, required=True, example="2023-05-01", needs_day=True)
    samenvatting: Field[str] = Field(
        "samenvatting",
        "Samenvatting",
        required=True,
        example="Het bestuur kiest acht thema's die deze periode extra aandacht krijgen.",
    )
    trefwoorden: Field[tuple[str, ...]] = KEYWORDS
    # Shown as the image itself (with its alt text), not as a fact.
    afbeelding: Field[str] = Field("afbeelding", "Afbeelding", example="afbeeldingen/bestuurdersdag.jpg", shown=False)
    alt_tekst: Field[str] = Field(
        "alt-tekst", "Alt-tekst", example="Bestuurders in gesprek aan een ronde tafel", shown=False
    )
    thema: Field[tuple[str, ...]] = Field(
        "thema", "Thema’s", Kind.REFS, targets=("thema",), example="brede-welvaart", backlink=""
    )
    programma: Field[tuple[str, ...]] = Field(
        "programma", "Programma’s", Kind.REFS, targets=("programma",), example="novex", backlink=""
    )
    netwerk: Field[tuple[str, ...]] = Field(
        "netwerk", "Netwerken", Kind.REFS, targets=("netwerk",), example="strategennetwerk", backlink=""
    )
    evenement: Field[tuple[str, ...]] = Field(
        "evenement", "Bijeenkomsten", Kind.REFS, targets=("evenement",), example="vng-alv-2023", backlink=""
    )
    persoon: Field[tuple[str, ...]] = Field(
        "persoon", "Personen", Kind.REFS, targets=("persoon",), example="emile-jaensch", backlink=""
    )
    organisatie: Field[tuple[str, ...]] = Field(
        "organisatie", "Organisaties", Kind.REFS, targets=("organisatie",), example="vng", backlink=""
    )
    lees_meer: Field[Url] = Field("lees-meer", "Lees meer", Kind.URL, example="https://vng.nl/nieuws")
    # A call to take part in an event ("meld u aan"): shown until the event is over, cancelled or
    # closed for registration; then the item says what happened (its 'na-afloop', or the event's date).
    oproep: Field[str] = Field(
        "oproep",
        "Oproep voor",
        Kind.REF,
        targets=("evenement",),
        example="bestuurdersdag-2023",
        shown=False,
        backlink="",
    )
    na_afloop: Field[str] = Field(
        "na-afloop", "Na afloop", example="De Bestuurdersdag was op 12 mei 2023 in Den Haag.", shown=False
    )
    # Items of the same day in the order of the newsletter they come from.
    volgorde: Field[int] = Field("volgorde", "Volgorde", Kind.NUMBER, example="1", shown=False)
    herzien: Field[When] = REVIEWED


BERICHT = ObjectType("bericht", "Bericht", "Berichten", fields_of(Bericht), quiet_when_unrelated=True)

#: All types, in the order the "Gerelateerd" sections list them.
TYPES: dict[str, ObjectType] = {
    t.name: t for t in (THEMA, PROGRAMMA, EVENEMENT, NETWERK, ORGANISATIE, PERSOON, BERICHT)
}
