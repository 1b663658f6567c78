"""Every contributor mistake gives a Dutch warning with file and line."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from sphinx.cmd.build import build_main

from conftest import (
    CONF,
    ORPHAN,
    build_once,
    case_project,
    case_table,
    messages_on,
    status_of,
    unexplained,
    warnings_of,
)
from kennisbank.sphinx_ext.unlisted import index_page, toctree_entry

THEMES = """\
# Thema's

## Jeugd

```{thema} jeugd
```

## Wonen

```{thema} wonen
```

```{organisatie} vng
:naam: VNG
:soort: landelijke koepel
```

```{persoon} anne
:naam: Anne Koning
:rollen: gedeputeerde; vng
```
"""

E = "```{{evenement}} {id}\n:titel: E\n{fields}```\n"
Y = "```{{evenement}} {id}\n---\ntitel: E\n{fields}---\n```\n"
START = ":start: 2027-05-12 14:00\n"

#: Every contributor mistake, each on a page of its own in one project: (page text, line, message).
#: The line is the line in the page text; the message is the start of the one warning on that page.
CASES = {
    "unknown role target": ("Zie {thema}`jeugt`.\n", 1, "Verwijzing: onbekend thema 'jeugt' (bedoelt u 'jeugd'?)"),
    "role of the wrong type": (
        "Zie {thema}`anne`.\n",
        1,
        "Verwijzing: 'anne' is een persoon, geen thema: schrijf {persoon}`anne`",
    ),
    "unknown reference in a field": (
        "```{programma} p1\n:titel: P\n:thema: wonen, armoede\n```\n",
        3,
        "Programma 'p1', veld 'thema': er bestaat geen thema met id 'armoede'",
    ),
    "relation to the wrong type": (
        "```{programma} p2\n:titel: P\n:thema: anne\n```\n",
        3,
        "Programma 'p2', veld 'thema': 'anne' is een persoon, maar hier hoort een thema",
    ),
    "duplicate id": (  # themas.md is committed, this page is not: this page is the newer
        "```{thema} wonen\n:titel: Nog eens wonen\n```\n",
        1,
        "Dubbele id 'wonen': deze id is al gebruikt voor thema 'Wonen' in themas.md, regel 10. Kies een andere id.",
    ),
    "role with a date that does not exist": (
        "```{persoon} rol1\n:naam: P\n:rollen: lid; vng; vanaf 2023-02-30\n```\n",
        3,
        "Persoon 'rol1', veld 'rollen': rol 'lid; vng; vanaf 2023-02-30': '2023-02-30' bestaat niet als datum; "
        "schrijf JJJJ-MM-DD, JJJJ-MM of JJJJ",
    ),
    "role with a time of day": (
        "```{persoon} rol2\n:naam: P\n:rollen: lid; vng; vanaf 2023-06-14 10:00\n```\n",
        3,
        "Persoon 'rol2', veld 'rollen': rol 'lid; vng; vanaf 2023-06-14 10:00': een rol begint of eindigt op een "
        "dag, zonder tijd: schrijf alleen 2023-06-14",
    ),
    "role ending before it begins": (
        "```{persoon} rol3\n:naam: P\n:rollen: lid; vng; vanaf 2024 tot 2023-06\n```\n",
        3,
        "Persoon 'rol3', veld 'rollen': rol 'lid; vng; vanaf 2024 tot 2023-06': het einde (2023-06) ligt vóór het "
        "begin (2024)",
    ),
    "call to action without its event": (
        "```{oproep}\nMeld u aan.\n```\n",
        1,
        "Oproep: noem de bijeenkomst waar dit over gaat, zoals ```{oproep} bestuurdersdag-2023",
    ),
    "call to action for an event that does not exist": (
        "```{nog-niet-bekend} ledendag\nDe dag volgt.\n```\n",
        1,
        "Nog niet bekend: er bestaat geen evenement met id 'ledendag'; hier hoort de id van een bijeenkomst",
    ),
    "unknown field": (
        "```{thema} t1\n:titel: T\n:samenvating: kort\n```\n",
        3,
        "Thema 't1': onbekend veld 'samenvating' (bedoelt u 'samenvatting'?) [kennisbank.invoer]",
    ),
    "missing required field": (
        "```{evenement} e1\n:titel: E\n:organisator: vng\n```\n",
        1,
        "Evenement 'e1': verplicht veld 'start' ontbreekt (bijvoorbeeld 'start: 2023-05-25 13:30')",
    ),
    "impossible date": (
        "```{evenement} e2\n:titel: E\n:start: 2023-02-30\n:organisator: vng\n```\n",
        3,
        "Evenement 'e2', veld 'start': '2023-02-30' bestaat niet als datum of tijd",
    ),
    "end before start": (
        "```{evenement} e3\n:titel: E\n:start: 2023-05-25 13:30\n:eind: 2023-05-25 12:00\n:organisator: vng\n```\n",
        4,
        "Evenement 'e3', veld 'eind': het einde ligt vóór het begin",
    ),
    "unknown time zone": (
        "```{evenement} e4\n:titel: E\n:start: 2023-05-25 13:30\n:tijdzone: Europe/Amstelveen\n:organisator: vng\n```\n",
        4,
        "Evenement 'e4', veld 'tijdzone': 'Europe/Amstelveen' is geen bekende tijdzone",
    ),
    "registration deadline after the start": (
        "```{evenement} e5\n:titel: E\n:start: 2023-05-25 13:30\n:aanmelden-tot: 2023-05-26\n:organisator: vng\n```\n",
        4,
        "Evenement 'e5', veld 'aanmelden-tot': de aanmeldtermijn ('aanmelden-tot') sluit pas na het begin",
    ),
    "online event without a link": (
        "```{evenement} e6\n:titel: E\n:start: 2023-05-25\n:deelname: online\n:organisator: vng\n```\n",
        4,
        "Evenement 'e6', veld 'deelname': een online evenement heeft een link nodig in het veld 'online'",
    ),
    "hybrid event without a link": (
        "```{evenement} e7\n:titel: E\n:start: 2023-05-25\n:plaats: Gouda\n:deelname: hybride\n:organisator: vng\n```\n",
        5,
        "Evenement 'e7', veld 'deelname': een hybride evenement heeft een link nodig in het veld 'online'",
    ),
    "postponed event without its new date": (
        "```{evenement} e8\n:titel: E\n:start: 2023-05-25\n:status: verplaatst\n:organisator: vng\n```\n",
        4,
        "Evenement 'e8', veld 'status': een verplaatst evenement heeft een nieuwe datum nodig in 'verplaatst-naar'",
    ),
    "new date without the status": (
        "```{evenement} e9\n:titel: E\n:start: 2023-05-25\n:verplaatst-naar: 2023-06-01\n:organisator: vng\n```\n",
        4,
        "Evenement 'e9', veld 'verplaatst-naar': 'verplaatst-naar' hoort bij 'status: verplaatst'",
    ),
    "start with time, end without": (
        "```{evenement} e10\n:titel: E\n:start: 2023-05-25 13:30\n:eind: 2023-05-26\n:organisator: vng\n```\n",
        4,
        "Evenement 'e10', veld 'eind': geef begin en einde allebei met tijd, of allebei zonder",
    ),
    "unknown partner": (
        "```{netwerk} n1\n:naam: N\n:partners: viamorgen\n```\n",
        3,
        "Netwerk 'n1', veld 'partners': er bestaat geen netwerk met id 'viamorgen'",
    ),
    "unknown member": (
        "```{netwerk} n2\n:naam: N\n:leden: gouda\n```\n",
        3,
        "Netwerk 'n2', veld 'leden': er bestaat geen organisatie met id 'gouda'",
    ),
    "personal e-mail without a recorded basis": (
        "```{persoon} pe1\n:naam: P\n:rollen: lid; vng\n:e-mail: p@example.nl\n```\n",
        4,
        "Persoon 'pe1', veld 'e-mail': een persoonlijk e-mailadres (…@example.nl) publiceert de kennisbank alleen met "
        "een vastgelegde grondslag (AVG)",
    ),
    "personal phone without a recorded basis": (
        "```{persoon} pe2\n:naam: P\n:rollen: lid; vng\n:telefoon: 06 12345678\n```\n",
        4,
        "Persoon 'pe2', veld 'telefoon': een persoonlijk telefoonnummer (061…78) publiceert de kennisbank alleen met "
        "een vastgelegde grondslag (AVG)",
    ),
    "malformed url": (
        "```{organisatie} o1\n:naam: O\n:soort: gemeente\n:website: www.o.nl\n```\n",
        4,
        "Organisatie 'o1', veld 'website': 'www.o.nl' is geen webadres",
    ),
    "malformed e-mail": (
        "```{organisatie} o2\n:naam: O\n:soort: gemeente\n:contact: info@o\n```\n",
        4,
        "Organisatie 'o2', veld 'contact': 'info@o' is geen geldig e-mailadres",
    ),
    "value outside the choices": (
        "```{organisatie} o3\n:naam: O\n:soort: stichting\n```\n",
        3,
        "Organisatie 'o3', veld 'soort': 'stichting' is geen toegestane waarde",
    ),
    "malformed id": (
        "```{thema} Brede_Welvaart\n:titel: B\n```\n",
        1,
        "Thema: 'Brede_Welvaart' is geen geldige id: gebruik alleen kleine letters, cijfers en streepjes "
        "(bedoelt u 'brede-welvaart'?)",
    ),
    "role without organisation": (
        "```{persoon} pe3\n:naam: P\n:rollen: burgemeester\n```\n",
        3,
        "Persoon 'pe3', veld 'rollen': rol 'burgemeester' mist de organisatie",
    ),
    "network as its own partner": (
        "```{netwerk} n3\n:naam: N\n:partners: n3\n```\n",
        3,
        "Netwerk 'n3', veld 'partners': een netwerk kan niet naar zichzelf verwijzen",
    ),
    "time skipped when the clock jumps forward": (
        "```{evenement} e11\n:titel: E\n:start: 2026-03-29 02:30\n:organisator: vng\n```\n",
        3,
        "Evenement 'e11', veld 'start': 2.30 uur bestaat niet op zondag 29 maart 2026 in tijdzone Europe/Amsterdam: "
        "die nacht gaat de klok om 2.00 uur een uur vooruit, naar 3.00 uur. Kies een tijd vóór 2.00 of vanaf 3.00 uur",
    ),
    "end skipped in another time zone": (
        "```{evenement} e12\n:titel: E\n:start: 2026-03-08 01:00\n:eind: 2026-03-08 02:15\n"
        ":tijdzone: America/New_York\n:organisator: vng\n```\n",
        4,
        "Evenement 'e12', veld 'eind': 2.15 uur bestaat niet op zondag 8 maart 2026 in tijdzone America/New_York: "
        "die nacht gaat de klok om 2.00 uur een uur vooruit, naar 3.00 uur",
    ),
    "control character in a value": (
        "```{thema} t2\n:titel: T\n:samenvatting: kort\x07 verhaal\n```\n",
        3,
        "Thema 't2', veld 'samenvatting': bevat een onzichtbaar stuurteken (U+0007): typ de waarde opnieuw",
    ),
    "field in a YAML block": (
        "```{programma} p3\n---\ntitel: P\nthema: armoede\n---\n```\n",
        4,
        "Programma 'p3', veld 'thema': er bestaat geen thema met id 'armoede'",
    ),
    "second of several roles": (
        "```{persoon} pe4\n---\nnaam: P\nrollen: |\n  lid; vng\n  lid; gouda\n---\n```\n",
        6,
        "Persoon 'pe4', veld 'rollen': er bestaat geen organisatie of netwerk met id 'gouda'",
    ),
    "role in a theme": (
        "```{persoon} pe9\n:naam: P\n:rollen: lid; jeugd\n```\n",
        3,
        "Persoon 'pe9', veld 'rollen': 'jeugd' is een thema, maar hier hoort een organisatie of netwerk",
    ),
    "role on a later line of its paragraph": (
        "Eerst een regel\nen *dan* {thema}`jeugt`.\n",
        2,
        "Verwijzing: onbekend thema 'jeugt' (bedoelt u 'jeugd'?)",
    ),
    "board-pack item on its own line": (
        "```{bestuurspakket}\n---\nvergadering: AB\ndatum: 2023-04-20\nonderdelen: |\n  jeugd\n  jeugt\n---\n```\n",
        7,
        "Bestuurspakket: onbekende pagina of id 'jeugt' (bedoelt u 'jeugd'?)",
    ),
    "text in a block that has none": (
        "```{bestuurspakket}\n---\nvergadering: AB\ndatum: 2023-06-15\nonderdelen: |\n  jeugd\n---\nWat tekst.\n```\n",
        8,
        "Bestuurspakket: in dit blok hoort geen tekst onder de velden: zet die boven of onder het blok [",
    ),
    "object without a title": ("Tekst.\n\n```{thema} t3\n```\n", 3, "Thema 't3' heeft geen titel"),
    # -- a field block MyST cannot read: one Dutch message at the line, the other fields kept
    "missing colon, :naam: lines": (
        E.format(id="v1", fields=START + ":plaats Den Haag\n:organisator: vng\n"),
        4,
        "Evenement 'v1', veld 'plaats': na ':plaats' ontbreekt de dubbele punt: schrijf ':plaats: Den Haag' [",
    ),
    "missing colon, --- block": (
        Y.format(id="v2", fields="start: 2027-05-12 14:00\nplaats Den Haag\norganisator: vng\n"),
        5,
        "Evenement 'v2', veld 'plaats': na 'plaats' ontbreekt de dubbele punt: schrijf 'plaats: Den Haag' [",
    ),
    "missing leading colon": (
        E.format(id="v3", fields=START + "plaats: Den Haag\n:organisator: vng\n"),
        4,
        "Evenement 'v3', veld 'plaats': de dubbele punt vooraan ontbreekt: schrijf ':plaats: Den Haag' [",
    ),
    "tab after the colon, :naam: lines": (
        E.format(id="v4", fields=START + ":plaats:\tDen Haag\n:organisator: vng\n"),
        4,
        "Evenement 'v4', veld 'plaats': na de dubbele punt staat een tab: gebruik een spatie: ':plaats: Den Haag' [",
    ),
    "tab before a field, --- block": (
        Y.format(id="v5", fields="start: 2027-05-12 14:00\n\tplaats: Den Haag\norganisator: vng\n"),
        5,
        "Evenement 'v5', veld 'plaats': de regel begint met een tab: zet het veld aan het begin van de regel: "
        "'plaats: Den Haag' [",
    ),
    "tab after the colon, --- block": (
        Y.format(id="v6", fields="start: 2027-05-12 14:00\nplaats:\tDen Haag\norganisator: vng\n"),
        5,
        "Evenement 'v6', veld 'plaats': na de dubbele punt staat een tab: gebruik een spatie: 'plaats: Den Haag' [",
    ),
    "unclosed quote, :naam: lines": (
        E.format(id="v7", fields=START + ':plaats: "Den Haag\n:organisator: vng\n'),
        4,
        "Evenement 'v7', veld 'plaats': het aanhalingsteken (\") aan het begin van de waarde wordt niet gesloten: "
        "laat het weg (':plaats: Den Haag') of zet er ook een aan het eind [",
    ),
    "unclosed quote, --- block": (
        Y.format(id="v8", fields='start: 2027-05-12 14:00\nplaats: "Den Haag\norganisator: vng\n'),
        5,
        "Evenement 'v8', veld 'plaats': het aanhalingsteken (\") aan het begin van de waarde wordt niet gesloten: "
        "laat het weg ('plaats: Den Haag') of zet er ook een aan het eind [",
    ),
    "leading quote, :naam: lines": (
        E.format(id="v9", fields=START + ':plaats: "Den" Haag\n:organisator: vng\n'),
        4,
        "Evenement 'v9', veld 'plaats': de waarde begint met een aanhalingsteken (\") maar gaat na het sluitende "
        "aanhalingsteken verder: zet de hele waarde tussen enkele aanhalingstekens, zo: :plaats: '\"Den\" Haag' [",
    ),
    "leading quote, --- block": (
        Y.format(id="v10", fields='start: 2027-05-12 14:00\nplaats: "Den" Haag\norganisator: vng\n'),
        5,
        "Evenement 'v10', veld 'plaats': de waarde begint met een aanhalingsteken (\") maar gaat na het sluitende "
        "aanhalingsteken verder: zet de hele waarde tussen enkele aanhalingstekens, zo: plaats: '\"Den\" Haag' [",
    ),
    "curly quotes around a value, :naam: lines": (
        E.format(id="v11", fields=START + ":plaats: “Den Haag”\n:organisator: vng\n"),
        4,
        "Evenement 'v11', veld 'plaats': de waarde staat tussen gekrulde aanhalingstekens (“ en ”), zoals een "
        "tekstverwerker ze zet: laat ze weg: ':plaats: Den Haag' [",
    ),
    "curly quotes around a value, --- block": (
        Y.format(id="v12", fields="start: 2027-05-12 14:00\nplaats: ‘Den Haag’\norganisator: vng\n"),
        5,
        "Evenement 'v12', veld 'plaats': de waarde staat tussen gekrulde aanhalingstekens (‘ en ’), zoals een "
        "tekstverwerker ze zet: laat ze weg: 'plaats: Den Haag' [",
    ),
    "apostrophe at the start of a value": (
        E.format(id="v13", fields=START + ":plaats: 's-Gravenhage\n:organisator: vng\n"),
        4,
        "Evenement 'v13', veld 'plaats': een waarde die met een apostrof begint ('s-Gravenhage) leest de build als "
        "een waarde tussen aanhalingstekens die niet wordt gesloten: zet de hele waarde tussen dubbele "
        'aanhalingstekens, zo: :plaats: "\'s-Gravenhage" [',
    ),
    "hash sign in a value": (
        E.format(id="v14", fields=START + ":locatie: Zaal #3\n:organisator: vng\n"),
        4,
        "Evenement 'v14', veld 'locatie': '#' met een spatie ervoor leest de build als het begin van een opmerking, "
        "dus '#3' zou wegvallen: zet de hele waarde tussen aanhalingstekens, zo: :locatie: \"Zaal #3\" [",
    ),
    "field indented into the one above, --- block": (
        Y.format(id="v15", fields="start: 2027-05-12 14:00\n  plaats: Den Haag\norganisator: vng\n"),
        5,
        "Evenement 'v15', veld 'plaats': het veld is ingesprongen en hoort zo bij 'start' erboven: zet het aan het "
        "begin van de regel: 'plaats: Den Haag' [",
    ),
    # -- dates and times written otherwise: what is wrong, and what was probably meant
    "time written 14u": (
        E.format(id="w1", fields=":start: 2027-04-15 14u\n:organisator: vng\n"),
        3,
        "Evenement 'w1', veld 'start': de datum (2027-04-15) klopt, maar de tijd '14u' niet: schrijf de tijd als "
        "UU:MM, met een dubbele punt (bedoelt u 2027-04-15 14:00?) [",
    ),
    "time written 14.00 uur": (
        E.format(id="w2", fields=":start: 2027-04-15 14.00 uur\n:organisator: vng\n"),
        3,
        "Evenement 'w2', veld 'start': de datum (2027-04-15) klopt, maar de tijd '14.00 uur' niet: schrijf de tijd "
        "als UU:MM, met een dubbele punt (bedoelt u 2027-04-15 14:00?) [",
    ),
    "time written 14h": (
        E.format(id="w3", fields=":start: 2027-04-15 14h\n:organisator: vng\n"),
        3,
        "Evenement 'w3', veld 'start': de datum (2027-04-15) klopt, maar de tijd '14h' niet: schrijf de tijd als "
        "UU:MM, met een dubbele punt (bedoelt u 2027-04-15 14:00?) [",
    ),
    "time written 16u30": (
        E.format(id="w9", fields=":start: 2027-04-15 16u30\n:organisator: vng\n"),
        3,
        "Evenement 'w9', veld 'start': de datum (2027-04-15) klopt, maar de tijd '16u30' niet: schrijf de tijd "
        "als UU:MM, met een dubbele punt (bedoelt u 2027-04-15 16:30?) [",
    ),
    "date written 12-05-2027": (
        E.format(id="w4", fields=":start: 12-05-2027\n:organisator: vng\n"),
        3,
        "Evenement 'w4', veld 'start': '12-05-2027' is geen datum in de vorm JJJJ-MM-DD (bedoelt u 2027-05-12?) [",
    ),
    "date written 12/05/2027": (
        E.format(id="w5", fields=":start: 12/05/2027\n:organisator: vng\n"),
        3,
        "Evenement 'w5', veld 'start': '12/05/2027' is geen datum in de vorm JJJJ-MM-DD (bedoelt u 2027-05-12?) [",
    ),
    "date written 12 mei 2027": (
        E.format(id="w6", fields=":start: 12 mei 2027\n:organisator: vng\n"),
        3,
        "Evenement 'w6', veld 'start': '12 mei 2027' is geen datum in de vorm JJJJ-MM-DD (bedoelt u 2027-05-12?) [",
    ),
    "date and time written 12-05-2027 14u": (
        E.format(id="w7", fields=":start: 12-05-2027 14u\n:organisator: vng\n"),
        3,
        "Evenement 'w7', veld 'start': '12-05-2027 14u' is geen datum in de vorm JJJJ-MM-DD UU:MM "
        "(bedoelt u 2027-05-12 14:00?) [",
    ),
    "address in curly quotes": (
        E.format(id="w8", fields=":start: 2027-05-12\n:online: “https://vng.nl/live”\n:organisator: vng\n"),
        4,
        "Evenement 'w8', veld 'online': de waarde staat tussen gekrulde aanhalingstekens (“ en ”), zoals een "
        "tekstverwerker ze zet: laat ze weg: ':online: https://vng.nl/live' [",
    ),
    "news item with a date in words": (
        "```{bericht} b1\n:titel: B\n:datum: 12 mei 2023\n:samenvatting: Kort.\n```\n",
        3,
        "Bericht 'b1', veld 'datum': '12 mei 2023' is geen datum in de vorm JJJJ-MM-DD (bedoelt u 2023-05-12?) [",
    ),
    "news item with no date at all": (  # never offered "alleen JJJJ-MM", which a news item may not have
        "```{bericht} b2\n:titel: B\n:datum: volgende week\n:samenvatting: Kort.\n```\n",
        3,
        "Bericht 'b2', veld 'datum': 'volgende week' is geen datum: schrijf JJJJ-MM-DD, eventueel met tijd "
        "(2023-05-25 13:30) [kennisbank.invoer]",
    ),
    # -- names and ids
    "misspelt field, :naam: lines": (
        E.format(id="x1", fields=":start: 2027-05-12\n:organistor: vng\n"),
        4,
        "Evenement 'x1': onbekend veld 'organistor' (bedoelt u 'organisator'?) [kennisbank.invoer]",
    ),
    "misspelt field, --- block": (
        Y.format(id="x2", fields="start: 2027-05-12\norganistor: vng\n"),
        5,
        "Evenement 'x2': onbekend veld 'organistor' (bedoelt u 'organisator'?) [kennisbank.invoer]",
    ),
    "id in capitals": (
        "```{thema} Jeugdhulp\n:titel: J\n```\n",
        1,
        "Thema: 'Jeugdhulp' is geen geldige id: gebruik alleen kleine letters, cijfers en streepjes "
        "(bedoelt u 'jeugdhulp'?) [",
    ),
    "id with spaces": (
        "```{thema} Sociaal Domein\n:titel: S\n```\n",
        1,
        "Thema: 'Sociaal Domein' is geen geldige id: gebruik alleen kleine letters, cijfers en streepjes "
        "(bedoelt u 'sociaal-domein'?) [",
    ),
    "unknown part of the downloads": (
        "```{downloads} pakketten\n```\n",
        1,
        "Downloads: schrijf '{downloads}' of '{downloads} bestuurspakketten', niet 'pakketten' [",
    ),
    "id missing": (
        "```{thema}\n:titel: Zonder id\n```\n",
        1,
        "Thema: de id ontbreekt: schrijf hem achter de naam van het type, zoals ```{thema} mijn-id [",
    ),
}

#: Read as meant, without a message: quotes around a whole value are YAML's, a tab before ":naam:" MyST's own.
ACCEPTED = {
    "straight quotes around a value, :naam: lines": E.format(
        id="ok1", fields=START + ':plaats: "Den Haag"\n:organisator: vng\n'
    ),
    "straight quotes around a value, --- block": Y.format(
        id="ok2", fields="start: 2027-05-12 14:00\nplaats: 'Den Haag'\norganisator: vng\n"
    ),
    "tab before a :naam: field": E.format(id="ok3", fields=START + "\t:plaats: Den Haag\n:organisator: vng\n"),
}

#: Pages without a heading of their own (a page without one gives no warning as an orphan).
WITHOUT_HEADING = {"object without a title"}
HEADER = ORPHAN + "# Case\n"
#: A page in no toctree (not an orphan): the message names the index page and the line of its toctree.
UNLISTED = "# Los\n\nTekst.\n"
#: Two pages with one id, the one that sorts first committed last: that page is told.
OLDER = "---\norphan: true\n---\n# Ouder\n\n```{thema} gedeeld\n:titel: Ouder\n```\n"
NEWER = "---\norphan: true\n---\n# Nieuwer\n\n```{thema} gedeeld\n:titel: Nieuwer\n```\n"


def page_of(case: str) -> str:
    """The page of a case: numbered, as "12-05-2027" and "12/05/2027" read alike."""
    number = [*CASES, *ACCEPTED].index(case)
    return f"{number:02d}-" + re.sub(r"[^a-z0-9]+", "-", case.lower()).strip("-") + ".md"


def table_files() -> dict[str, str]:
    files = {"index.md": "# Index\n\n```{toctree}\nthemas\n```\n", "themas.md": THEMES}
    for case, (text, _, _) in CASES.items():
        files[page_of(case)] = (ORPHAN if case in WITHOUT_HEADING else HEADER) + text
    for case, text in ACCEPTED.items():
        files[page_of(case)] = HEADER + text
    files["los.md"] = UNLISTED
    files["aa-nieuwer.md"], files["zz-ouder.md"] = NEWER, OLDER
    return files


def commit(srcdir: Path, names: list[str], date: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "add", *names], cwd=srcdir, check=True, env=env)
    subprocess.run([*git, "commit", "-q", "-m", f"tot {date}"], cwd=srcdir, check=True, env=env)


def write_table(root: Path) -> Path:
    """The project, in git: the setup and the older page committed first, the newer page later, the cases not."""
    root.mkdir(parents=True)
    (root / "conf.py").write_text(CONF, encoding="utf-8")
    for name, text in table_files().items():
        (root / name).write_text(text, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    commit(root, ["conf.py", "index.md", "themas.md", "zz-ouder.md"], "2023-01-02T10:00:00+01:00")
    commit(root, ["aa-nieuwer.md"], "2024-03-04T10:00:00+01:00")
    return root


@pytest.fixture(scope="module")
def table(tmp_path_factory):
    srcdir = write_table(tmp_path_factory.mktemp("tabel") / "src")
    return build_once("html", srcdir, srcdir.parent / "_build")


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_each_mistake_gives_one_dutch_message_at_its_line(case, table):
    _, line, message = CASES[case]
    offset = (ORPHAN if case in WITHOUT_HEADING else HEADER).count("\n")
    found = messages_on(table, page_of(case))
    assert len(found) == 1 and found[0].startswith(f"{offset + line}: WARNING: {message}"), found


def test_nothing_else_is_reported(table):
    """No English from MyST or Sphinx, no false "ontbreekt": one message per case, and no other."""
    warnings = warnings_of(table)
    assert warnings.count("WARNING") == len(CASES) + 2, warnings  # the unlisted page and the newer duplicate
    for page in ("index.md", "themas.md", "zz-ouder.md", *map(page_of, ACCEPTED)):
        assert messages_on(table, page) == []
    assert "Invalid options" not in warnings and "isn't included" not in warnings


def test_a_page_in_no_toctree_is_told_which_index_page_to_add_it_to(table):
    assert messages_on(table, "los.md") == [
        "1: WARNING: Deze pagina staat in geen inhoudsopgave (toctree), dus lezers vinden haar niet via het menu: "
        "voeg de regel 'los' toe aan de toctree in index.md (regel 3). Hoort de pagina bewust nergens bij, zet dan "
        "'orphan: true' in de kop (tussen de regels ---) [kennisbank.inhoudsopgave]"
    ]


def test_the_index_page_of_a_page_in_no_toctree():
    docs = {"index", "agenda/index", "agenda/x", "agenda/sub/y", "los"}
    assert index_page("agenda/x", docs, "index") == "agenda/index"
    assert index_page("agenda/sub/y", docs, "index") == "agenda/index"  # no agenda/sub/index
    assert index_page("agenda/index", docs, "index") == "index"
    assert index_page("los", docs, "index") == "index"
    assert toctree_entry("agenda/sub/y", "agenda/index") == "sub/y"
    assert toctree_entry("los", "index") == "los"


def test_a_duplicate_id_is_reported_at_the_newer_page(table):
    """aa-nieuwer.md is read first, but zz-ouder.md was committed first: the older page keeps the id."""
    assert messages_on(table, "aa-nieuwer.md") == [
        "6: WARNING: Dubbele id 'gedeeld': deze id is al gebruikt voor thema 'Ouder' in zz-ouder.md, regel 6. "
        "Kies een andere id. [kennisbank.duplicate]"
    ]
    assert messages_on(table, "zz-ouder.md") == []
    older = (table.outdir / "zz-ouder.html").read_text(encoding="utf-8")
    assert 'id="kb-thema-gedeeld"' in older and "Gerelateerd" in older
    assert "Gerelateerd" not in (table.outdir / "aa-nieuwer.html").read_text(encoding="utf-8")


def html_of(app, case: str) -> BeautifulSoup:
    path = app.outdir / page_of(case).replace(".md", ".html")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_the_fields_that_can_be_read_are_kept(table):
    """One wrong line costs the page that field at most: no false "ontbreekt", every other fact shown."""
    for case in [c for c in CASES if c.endswith((", :naam: lines", ", --- block")) and "misspelt" not in c]:
        page = html_of(table, case)
        facts = page.select_one("dl.kb-facts").get_text(" ")
        assert "woensdag 12 mei 2027" in facts and "VNG" in facts, (case, facts)
        # As written: '"Den" Haag' (with quotes Sphinx makes curly) is what the contributor wrote there.
        assert ("“Den” Haag" if "leading" in case else "Den Haag") in facts, (case, facts)
        assert ":organisator:" not in page.get_text(), case  # a field is never left in the text
    assert "s-Gravenhage" in html_of(table, "apostrophe at the start of a value").select_one("dl.kb-facts").get_text()
    assert "Zaal #3" in html_of(table, "hash sign in a value").select_one("dl.kb-facts").get_text()


@pytest.mark.parametrize("case", ACCEPTED)
def test_quotes_around_a_whole_value_are_read_without_them(case, table):
    assert messages_on(table, page_of(case)) == []
    facts = html_of(table, case).select_one("dl.kb-facts").get_text(" ")
    assert "Den Haag" in facts and '"' not in facts and "'" not in facts


def test_the_guide_explains_every_message_of_the_table(table):
    """docs/bijdragen/controles.md has the wording of each: a contributor finds it with Ctrl+F."""
    missing = {line: unexplained(line) for line in warnings_of(table).splitlines() if "WARNING: " in line}
    assert len(missing) == len(CASES) + 2  # with the page in no toctree and the newer duplicate
    assert {line: phrases for line, phrases in missing.items() if phrases} == {}


def test_the_build_ends_with_a_dutch_summary(table):
    count = len(CASES) + 2  # one problem on each page
    assert f"Kennisbank: {count} problemen op {count} pagina's: " in status_of(table)


def test_the_table_reads_the_same_in_parallel(table, tmp_path):
    srcdir = write_table(tmp_path / "src")
    parallel = build_once("html", srcdir, tmp_path / "_build", parallel=2)
    serial = sorted(line.replace(str(table.srcdir), "") for line in warnings_of(table).splitlines())
    assert sorted(line.replace(str(srcdir), "") for line in warnings_of(parallel).splitlines()) == serial


def test_refused_personal_contact_is_not_published(table):
    # Sphinx cloaks a published address (p<span>@</span>example..., mailto:p%40example...):
    # look in the text and the link targets, not in the raw HTML.
    page = html_of(table, "personal e-mail without a recorded basis")
    assert "p@example.nl" not in page.get_text("")
    assert not [a["href"] for a in page.select("a[href]") if "p@example.nl" in unquote(a["href"])]
    assert "p@example.nl" not in (table.outdir / "kennisbank.json").read_text(encoding="utf-8")


def source_for(snippet: str) -> tuple[dict[str, str], int]:
    """A project with the snippet on its own page (an orphan that sorts after the themes page)."""
    return case_project(THEMES, snippet)


def test_the_good_page_alone_builds_clean(write_source, build):
    srcdir = write_source(source_for("Alles klopt: {thema}`jeugd`.\n")[0])
    assert warnings_of(build(srcdir)) == ""


def test_strict_build_fails_on_bad_input(write_source, tmp_path):
    srcdir = write_source(source_for(CASES["unknown reference in a field"][0])[0])
    strict = ["-W", "--keep-going", "-n", "-q", "-b", "html"]
    assert build_main([*strict, str(srcdir), str(tmp_path / "out")]) != 0
    fixed = write_source(source_for("Alles klopt.\n")[0], name="fixed")
    assert build_main([*strict, str(fixed), str(tmp_path / "out-fixed")]) == 0


# -- suggestions name only ids of the expected type ------------------------------


SUGGESTIONS = {
    # 'anne' is a person: close to 'anna', but no theme.
    "role": ("Zie {thema}`anna`.\n", "Verwijzing: onbekend thema 'anna' [kennisbank.verwijzing]"),
    "field": (
        "```{programma} p1\n:titel: P\n:thema: anna\n```\n",
        "Programma 'p1', veld 'thema': er bestaat geen thema met id 'anna' [kennisbank.relatie]",
    ),
    "field of the right type": (
        "```{programma} p2\n:titel: P\n:thema: wonn\n```\n",
        "Programma 'p2', veld 'thema': er bestaat geen thema met id 'wonn' (bedoelt u 'wonen'?) [kennisbank.relatie]",
    ),
}


@pytest.fixture(scope="module")
def suggestions(tmp_path_factory):
    """The app of one project with every case of SUGGESTIONS on a page of its own, and each case's page."""
    srcdir = tmp_path_factory.mktemp("suggesties") / "src"
    pages = case_table(srcdir, THEMES, {case: snippet for case, (snippet, _) in SUGGESTIONS.items()})
    return build_once("html", srcdir, srcdir.parent / "_build"), pages


@pytest.mark.parametrize("case", SUGGESTIONS)
def test_suggestions_name_only_ids_of_the_expected_type(case, suggestions):
    app, pages = suggestions
    _, message = SUGGESTIONS[case]
    found = [line.partition(" WARNING: ")[2] for line in messages_on(app, pages[case])]
    assert found == [message], warnings_of(app)


# -- a typo never crashes the build ----------------------------------------------

TYPOS = ("2024-09-31 14:00", "25-09-2024 14:00", "25 september 2024", "2024-09-25 14:00 uur", None)


def typo_event(number: int, start: str | None) -> str:
    """An event of the organisation 'vng' with this start, titled E<number>."""
    start_line = f":start: {start}\n" if start else ""
    return f"```{{evenement}} e{number}\n:titel: E{number}\n{start_line}:organisator: vng\n```\n"


@pytest.fixture(scope="module")
def typos(tmp_path_factory):
    """One project: each event of TYPOS on a page of its own, and the directory of organisations."""
    srcdir = tmp_path_factory.mktemp("tikfouten") / "src"
    pages = case_table(srcdir, THEMES, {str(start): typo_event(n, start) for n, start in enumerate(TYPOS)})
    (srcdir / "gids.md").write_text("---\norphan: true\n---\n# Gids\n\n```{gids} organisaties\n```\n", "utf-8")
    return build_once("html", srcdir, srcdir.parent / "_build"), pages


@pytest.mark.parametrize("start", TYPOS, ids=[str(t) for t in TYPOS])
def test_a_wrong_start_of_an_organisations_event_does_not_crash(start, typos):
    """The organisation directory lists the organiser's events with their dates."""
    app, pages = typos
    number = TYPOS.index(start)
    found = messages_on(app, pages[str(start)])
    line = HEADER.count("\n") + (3 if start else 1)
    field = "veld 'start':" if start else "verplicht veld 'start' ontbreekt"
    assert len(found) == 1 and found[0].startswith(f"{line}: WARNING: Evenement 'e{number}'"), found
    assert field in found[0], found
    assert warnings_of(app).count("WARNING") == len(TYPOS), warnings_of(app)
    page = (app.outdir / "gids.html").read_text(encoding="utf-8")
    assert f">E{number}</a>" in page and "interne fout" not in page.lower()
