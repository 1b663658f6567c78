"""What each field is for, in a sentence: the help texts of the new-content forms. Pure data.

The forms (``kennisbank formulieren``, tools/forms.py) show a field's label from the
schema, this sentence, and the format its kind asks for with the schema's example.
Kept beside schema.py rather than in every ``Field``: the schema, which every layer
reads, stays a short list of names and kinds.
"""

from __future__ import annotations

#: Fields the forms do not ask, per type ("*": every type): an editor sets them afterwards (an order, an
#: image file beside the page), or they tell of a change later on, made with "Bewerk deze pagina".
NOT_ASKED: dict[str, frozenset[str]] = {
    "*": frozenset({"volgorde", "wijziging", "afbeelding", "alt-tekst", "herzien"}),
    "evenement": frozenset({"status", "verplaatst-naar", "terugkijken", "verslag", "tijdzone"}),
}

#: The example title each form shows (the title becomes the heading of the page or entry).
TITLE_EXAMPLES = {
    "thema": "Armoede en schulden",
    "programma": "Programma Woningbouw",
    "evenement": "Bestuurdersdag 2024",
    "netwerk": "Juristennetwerk",
    "organisatie": "Gemeente Gouda",
    "persoon": "Jan Jansen",
    "bericht": "Nieuwe handreiking voor raadsleden",
    "nieuwsbrief": "Nieuwsbrief najaar 2023",
}

#: Fields with the same meaning in every type.
_SHARED = {
    "samenvatting": "Eén zin die in overzichten en zoekresultaten onder de titel staat.",
    "trefwoorden": "Woorden waarop leden zoeken maar die niet in de tekst staan; ze zijn niet te zien, alleen te vinden.",
    "thema": "De thema’s waar dit over gaat.",
    "website": "Het adres van de eigen website.",
}

#: Per type, per field; a field not named here takes the shared text, or none (its label says it all).
HELP: dict[str, dict[str, str]] = {
    "thema": {
        "bestuursprioriteit": "Of het bestuur dit thema deze periode tot prioriteit heeft gemaakt.",
        "omschrijving": "De volledige naam, als de titel een verkorte vorm is.",
    },
    "programma": {
        "thema": "Het thema of de thema’s waaronder het programma valt.",
        "eigenaar": "De organisatie die het programma trekt.",
        "onderdeel-van": "Het grotere programma waar dit een deel van is.",
        "verschenen": "Wanneer het programma verscheen: een jaar, een maand of een dag.",
        "publicatie": "De link naar het programmadocument.",
    },
    "evenement": {
        "start": "De dag en het beginuur; staat de dag nog niet vast, dan alleen de maand.",
        "eind": "De dag en het einduur; bij een bijeenkomst van meer dagen de laatste dag.",
        "tijdzone": "Alleen voor een bijeenkomst buiten Nederland.",
        "locatie": "De naam van het gebouw of de zaal.",
        "adres": "Straat en huisnummer.",
        "online": "De link om online mee te doen (livestream of vergaderlink).",
        "deelname": "Leeg laten mag: de kennisbank leidt het af uit de locatie en de online link.",
        "organisator": "De organisatie of het netwerk dat de bijeenkomst organiseert.",
        "thema": "De thema’s waar de bijeenkomst over gaat.",
        "programma": "De programma’s waar de bijeenkomst bij hoort.",
        "netwerk": "De netwerken voor wie de bijeenkomst is.",
        "sprekers": "Sprekers die in de kennisbank staan.",
        "doelgroep": "Voor wie de bijeenkomst is.",
        "deelnemers": "Hoeveel deelnemers er verwacht worden.",
        "aanmelden": "De link naar het aanmeldformulier.",
        "aanmelden-tot": "De laatste dag waarop men zich kan aanmelden.",
        "status": "Leeg laten bij een nieuwe bijeenkomst.",
        "verplaatst-naar": "Alleen bij de status ‘verplaatst’: de nieuwe dag en tijd.",
        "terugkijken": "Na afloop: de link naar de opname.",
        "verslag": "Na afloop: de link naar het verslag.",
    },
    "netwerk": {
        "doel": "Waarvoor het netwerk er is.",
        "coordinator": "De organisatie die het netwerk coördineert.",
        "contact": "Het algemene e-mailadres van het netwerk, geen persoonlijk adres.",
        "bijeenkomsten": "Hoe vaak het netwerk bijeenkomt.",
        "vorm": "Hoe het netwerk bijeenkomt.",
        "beoogde-omvang": "Hoe groot het netwerk wil worden.",
        "aantal-deelnemers": "Hoeveel deelnemers er nu zijn.",
        "expertise": "De vakgebieden van het netwerk.",
        "leden": "De organisaties die lid zijn.",
        "partners": "Andere netwerken waarmee dit netwerk samenwerkt.",
        "aansluiten": "Hoe men zich bij het netwerk aansluit.",
        "kanalen": "Waar het netwerk onderling contact houdt.",
    },
    "organisatie": {
        "afkorting": "De gangbare afkorting, als die er is.",
        "soort": "Wat voor organisatie het is.",
        "onderdeel-van": "De organisatie waar deze deel van uitmaakt, zoals het bestuur van een vereniging.",
        "contact": "Een algemeen e-mailadres (een functiemailbox), geen persoonlijk adres.",
        "sociale-media": "De link naar het account op sociale media.",
    },
    "persoon": {
        "rollen": "Eén rol per regel: functie; id van de organisatie of het netwerk; periode (de periode mag weg), zoals lid; strategennetwerk.",
        "e-mail": "Alleen met vastgelegde toestemming (zie de grondslag hieronder); meestal laat u dit leeg.",
        "telefoon": "Alleen met vastgelegde toestemming (zie de grondslag hieronder); meestal laat u dit leeg.",
        "grondslag": "Waarom e-mail of telefoon gepubliceerd mag worden en sinds wanneer: de grondslag en een datum, zoals toestemming per e-mail, 2023-05-01.",
    },
    "bericht": {
        "datum": "De dag van het bericht.",
        "samenvatting": "De kern van het bericht in één of twee zinnen; overzichten en de nieuwsfeed tonen die.",
        "thema": "De thema’s waar het bericht over gaat.",
        "programma": "De programma’s waar het bericht over gaat.",
        "netwerk": "De netwerken waar het bericht over gaat.",
        "evenement": "De bijeenkomsten waar het bericht over gaat.",
        "persoon": "De mensen over wie het bericht gaat.",
        "organisatie": "De organisaties waar het bericht over gaat.",
        "lees-meer": "De link naar het hele bericht elders.",
        "oproep": "Roept het bericht op om u aan te melden of de datum te noteren? De bijeenkomst waarvoor: "
        "na afloop toont de kennisbank de oproep niet meer.",
        "na-afloop": "Wat er na afloop van die bijeenkomst in plaats van de samenvatting staat; leeg: de datum.",
    },
    "nieuwsbrief": {
        "nummer": "Het volgnummer van deze editie.",
        "datum": "De dag waarop de nieuwsbrief verschijnt.",
        "onderwerp": "De onderwerpregel van de e-mail; leeg: de titel.",
        "agenda-maanden": "Hoeveel maanden na de datum de agenda toont (leeg: 2).",
    },
}


def asked(kind: str, field: str) -> bool:
    """Whether the form for ``kind`` asks ``field``."""
    return field not in NOT_ASKED["*"] and field not in NOT_ASKED.get(kind, frozenset())


def help_text(kind: str, field: str) -> str:
    """The sentence for one field of one type, or ''."""
    return HELP.get(kind, {}).get(field) or _SHARED.get(field, "")
