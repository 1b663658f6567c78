"""Every contributor mistake gives a Dutch warning with file and line."""

from __future__ import annotations

import pytest
from sphinx.cmd.build import build_main

from conftest import warnings_of

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

CASES = {
    "unknown role target": (
        "Zie {thema}`jeugt`.\n",
        1,
        "Verwijzing: onbekend thema 'jeugt' (bedoelt u 'jeugd'?)",
    ),
    "role of the wrong type": (
        "Zie {thema}`anne`.\n",
        1,
        "Verwijzing: 'anne' is een persoon, geen thema: schrijf {persoon}`anne`",
    ),
    "unknown reference in a field": (
        "```{programma} p\n:titel: P\n:thema: wonen, armoede\n```\n",
        1,
        "Programma 'p', veld 'thema': er bestaat geen thema met id 'armoede'",
    ),
    "relation to the wrong type": (
        "```{programma} p\n:titel: P\n:thema: anne\n```\n",
        1,
        "Programma 'p', veld 'thema': 'anne' is een persoon, maar hier hoort een thema",
    ),
    "duplicate id": (
        "```{thema} wonen\n:titel: Nog eens wonen\n```\n",
        1,
        "Dubbele id 'wonen': deze id is al gebruikt voor thema 'Wonen' in themas.md, regel 10",
    ),
    "unknown field": (
        "```{thema} t\n:titel: T\n:samenvating: kort\n```\n",
        1,
        "Thema 't': onbekend veld 'samenvating'. Bedoelt u 'samenvatting'?",
    ),
    "missing required field": (
        "```{evenement} e\n:titel: E\n:organisator: vng\n```\n",
        1,
        "Evenement 'e': verplicht veld 'start' ontbreekt (bijvoorbeeld 'start: 2023-05-25 13:30')",
    ),
    "impossible date": (
        "```{evenement} e\n:titel: E\n:start: 2023-02-30\n:organisator: vng\n```\n",
        1,
        "Evenement 'e', veld 'start': '2023-02-30' bestaat niet als datum of tijd",
    ),
    "end before start": (
        "```{evenement} e\n:titel: E\n:start: 2023-05-25 13:30\n:eind: 2023-05-25 12:00\n:organisator: vng\n```\n",
        1,
        "Evenement 'e': het einde ligt vóór het begin",
    ),
    "unknown time zone": (
        "```{evenement} e\n:titel: E\n:start: 2023-05-25 13:30\n:tijdzone: Europe/Amstelveen\n:organisator: vng\n```\n",
        1,
        "Evenement 'e', veld 'tijdzone': 'Europe/Amstelveen' is geen bekende tijdzone",
    ),
    "registration deadline after the start": (
        "```{evenement} e\n:titel: E\n:start: 2023-05-25 13:30\n:aanmelden-tot: 2023-05-26\n:organisator: vng\n```\n",
        1,
        "Evenement 'e': de aanmeldtermijn ('aanmelden-tot') sluit pas na het begin",
    ),
    "online event without a link": (
        "```{evenement} e\n:titel: E\n:start: 2023-05-25\n:deelname: online\n:organisator: vng\n```\n",
        1,
        "Evenement 'e': een online evenement heeft een link nodig in het veld 'online'",
    ),
    "hybrid event without a link": (
        "```{evenement} e\n:titel: E\n:start: 2023-05-25\n:plaats: Gouda\n:deelname: hybride\n:organisator: vng\n```\n",
        1,
        "Evenement 'e': een hybride evenement heeft een link nodig in het veld 'online'",
    ),
    "postponed event without its new date": (
        "```{evenement} e\n:titel: E\n:start: 2023-05-25\n:status: verplaatst\n:organisator: vng\n```\n",
        1,
        "Evenement 'e': een verplaatst evenement heeft een nieuwe datum nodig in 'verplaatst-naar'",
    ),
    "new date without the status": (
        "```{evenement} e\n:titel: E\n:start: 2023-05-25\n:verplaatst-naar: 2023-06-01\n:organisator: vng\n```\n",
        1,
        "Evenement 'e': 'verplaatst-naar' hoort bij 'status: verplaatst'",
    ),
    "start with time, end without": (
        "```{evenement} e\n:titel: E\n:start: 2023-05-25 13:30\n:eind: 2023-05-26\n:organisator: vng\n```\n",
        1,
        "Evenement 'e': geef begin en einde allebei met tijd, of allebei zonder",
    ),
    "unknown partner": (
        "```{netwerk} n\n:naam: N\n:partners: viamorgen\n```\n",
        1,
        "Netwerk 'n', veld 'partners': er bestaat geen netwerk met id 'viamorgen'",
    ),
    "unknown member": (
        "```{netwerk} n\n:naam: N\n:leden: gouda\n```\n",
        1,
        "Netwerk 'n', veld 'leden': er bestaat geen organisatie met id 'gouda'",
    ),
    "personal e-mail without a recorded basis": (
        "```{persoon} p\n:naam: P\n:rollen: lid; vng\n:e-mail: p@example.nl\n```\n",
        1,
        "Persoon 'p': persoonlijk contactgegeven 'e-mail' wordt niet gepubliceerd zonder vastgelegde grondslag (AVG)",
    ),
    "personal phone without a recorded basis": (
        "```{persoon} p\n:naam: P\n:rollen: lid; vng\n:telefoon: 06 12345678\n```\n",
        1,
        "Persoon 'p': persoonlijk contactgegeven 'telefoon' wordt niet gepubliceerd zonder vastgelegde grondslag (AVG)",
    ),
    "malformed url": (
        "```{organisatie} o\n:naam: O\n:soort: gemeente\n:website: www.o.nl\n```\n",
        1,
        "Organisatie 'o', veld 'website': 'www.o.nl' is geen webadres",
    ),
    "malformed e-mail": (
        "```{organisatie} o\n:naam: O\n:soort: gemeente\n:contact: info@o\n```\n",
        1,
        "Organisatie 'o', veld 'contact': 'info@o' is geen geldig e-mailadres",
    ),
    "value outside the choices": (
        "```{organisatie} o\n:naam: O\n:soort: stichting\n```\n",
        1,
        "Organisatie 'o', veld 'soort': 'stichting' is geen toegestane waarde",
    ),
    "malformed id": (
        "```{thema} Brede_Welvaart\n:titel: B\n```\n",
        1,
        "Thema: 'Brede_Welvaart' is geen geldige id",
    ),
    "role without organisation": (
        "```{persoon} p\n:naam: P\n:rollen: burgemeester\n```\n",
        1,
        "Persoon 'p', veld 'rollen': rol 'burgemeester' mist de organisatie",
    ),
    "network as its own partner": (
        "```{netwerk} n\n:naam: N\n:partners: n\n```\n",
        1,
        "Netwerk 'n', veld 'partners': een netwerk kan niet naar zichzelf verwijzen",
    ),
    "object without a title": (
        "Tekst.\n\n```{thema} t\n```\n",
        3,
        "Thema 't' heeft geen titel",
    ),
}


ORPHAN = "---\norphan: true\n---\n"


def source_for(snippet: str) -> tuple[dict[str, str], int]:
    """A project with the snippet on its own page, and the number of lines above it.

    The case page is an orphan (not in a toctree), so that a page without a
    heading gives no warning of its own; it sorts after the themes page, so
    that a duplicate is reported on the case page.
    """
    header = ORPHAN if snippet.startswith("Tekst") else ORPHAN + "# Case\n"
    files = {
        "index.md": "# Index\n\n```{toctree}\nthemas\n```\n",
        "themas.md": THEMES,
        "voorbeeld.md": header + snippet,
    }
    return files, header.count("\n")


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_input_is_reported_with_file_and_line(case, write_source, build):
    snippet, line, message = CASES[case]
    files, offset = source_for(snippet)
    srcdir = write_source(files)
    warnings = warnings_of(build(srcdir))
    expected = f"{srcdir / 'voorbeeld.md'}:{offset + line}: WARNING: {message}"
    assert expected in warnings, warnings
    assert warnings.count("WARNING") == 1, warnings


def test_refused_personal_contact_is_not_published(write_source, build):
    files, _ = source_for(CASES["personal e-mail without a recorded basis"][0])
    app = build(write_source(files))
    assert "p@example.nl" not in (app.outdir / "voorbeeld.html").read_text(encoding="utf-8")
    assert "p@example.nl" not in (app.outdir / "kennisbank.json").read_text(encoding="utf-8")


def test_the_good_page_alone_builds_clean(write_source, build):
    srcdir = write_source(source_for("Alles klopt: {thema}`jeugd`.\n")[0])
    assert warnings_of(build(srcdir)) == ""


def test_strict_build_fails_on_bad_input(write_source, tmp_path):
    srcdir = write_source(source_for(CASES["unknown reference in a field"][0])[0])
    strict = ["-W", "--keep-going", "-n", "-q", "-b", "html"]
    assert build_main([*strict, str(srcdir), str(tmp_path / "out")]) != 0
    fixed = write_source(source_for("Alles klopt.\n")[0], name="fixed")
    assert build_main([*strict, str(fixed), str(tmp_path / "out-fixed")]) == 0
