"""Every contributor mistake gives a Dutch warning with file and line."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from sphinx.cmd.build import build_main

from conftest import ORPHAN, assert_reported_once, case_project, warnings_of

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
        3,
        "Programma 'p', veld 'thema': er bestaat geen thema met id 'armoede'",
    ),
    "relation to the wrong type": (
        "```{programma} p\n:titel: P\n:thema: anne\n```\n",
        3,
        "Programma 'p', veld 'thema': 'anne' is een persoon, maar hier hoort een thema",
    ),
    "duplicate id": (
        "```{thema} wonen\n:titel: Nog eens wonen\n```\n",
        1,
        "Dubbele id 'wonen': deze id is al gebruikt voor thema 'Wonen' in themas.md, regel 10",
    ),
    "unknown field": (
        "```{thema} t\n:titel: T\n:samenvating: kort\n```\n",
        3,
        "Thema 't': onbekend veld 'samenvating' (bedoelt u 'samenvatting'?)",
    ),
    "missing required field": (
        "```{evenement} e\n:titel: E\n:organisator: vng\n```\n",
        1,
        "Evenement 'e': verplicht veld 'start' ontbreekt (bijvoorbeeld 'start: 2023-05-25 13:30')",
    ),
    "impossible date": (
        "```{evenement} e\n:titel: E\n:start: 2023-02-30\n:organisator: vng\n```\n",
        3,
        "Evenement 'e', veld 'start': '2023-02-30' bestaat niet als datum of tijd",
    ),
    "end before start": (
        "```{evenement} e\n:titel: E\n:start: 2023-05-25 13:30\n:eind: 2023-05-25 12:00\n:organisator: vng\n```\n",
        4,
        "Evenement 'e', veld 'eind': het einde ligt vóór het begin",
    ),
    "unknown time zone": (
        "```{evenement} e\n:titel: E\n:start: 2023-05-25 13:30\n:tijdzone: Europe/Amstelveen\n:organisator: vng\n```\n",
        4,
        "Evenement 'e', veld 'tijdzone': 'Europe/Amstelveen' is geen bekende tijdzone",
    ),
    "registration deadline after the start": (
        "```{evenement} e\n:titel: E\n:start: 2023-05-25 13:30\n:aanmelden-tot: 2023-05-26\n:organisator: vng\n```\n",
        4,
        "Evenement 'e', veld 'aanmelden-tot': de aanmeldtermijn ('aanmelden-tot') sluit pas na het begin",
    ),
    "online event without a link": (
        "```{evenement} e\n:titel: E\n:start: 2023-05-25\n:deelname: online\n:organisator: vng\n```\n",
        4,
        "Evenement 'e', veld 'deelname': een online evenement heeft een link nodig in het veld 'online'",
    ),
    "hybrid event without a link": (
        "```{evenement} e\n:titel: E\n:start: 2023-05-25\n:plaats: Gouda\n:deelname: hybride\n:organisator: vng\n```\n",
        5,
        "Evenement 'e', veld 'deelname': een hybride evenement heeft een link nodig in het veld 'online'",
    ),
    "postponed event without its new date": (
        "```{evenement} e\n:titel: E\n:start: 2023-05-25\n:status: verplaatst\n:organisator: vng\n```\n",
        4,
        "Evenement 'e', veld 'status': een verplaatst evenement heeft een nieuwe datum nodig in 'verplaatst-naar'",
    ),
    "new date without the status": (
        "```{evenement} e\n:titel: E\n:start: 2023-05-25\n:verplaatst-naar: 2023-06-01\n:organisator: vng\n```\n",
        4,
        "Evenement 'e', veld 'verplaatst-naar': 'verplaatst-naar' hoort bij 'status: verplaatst'",
    ),
    "start with time, end without": (
        "```{evenement} e\n:titel: E\n:start: 2023-05-25 13:30\n:eind: 2023-05-26\n:organisator: vng\n```\n",
        4,
        "Evenement 'e', veld 'eind': geef begin en einde allebei met tijd, of allebei zonder",
    ),
    "unknown partner": (
        "```{netwerk} n\n:naam: N\n:partners: viamorgen\n```\n",
        3,
        "Netwerk 'n', veld 'partners': er bestaat geen netwerk met id 'viamorgen'",
    ),
    "unknown member": (
        "```{netwerk} n\n:naam: N\n:leden: gouda\n```\n",
        3,
        "Netwerk 'n', veld 'leden': er bestaat geen organisatie met id 'gouda'",
    ),
    "personal e-mail without a recorded basis": (
        "```{persoon} p\n:naam: P\n:rollen: lid; vng\n:e-mail: p@example.nl\n```\n",
        4,
        "Persoon 'p', veld 'e-mail': een persoonlijk e-mailadres (…@example.nl) publiceert de kennisbank alleen met "
        "een vastgelegde grondslag (AVG)",
    ),
    "personal phone without a recorded basis": (
        "```{persoon} p\n:naam: P\n:rollen: lid; vng\n:telefoon: 06 12345678\n```\n",
        4,
        "Persoon 'p', veld 'telefoon': een persoonlijk telefoonnummer (061…78) publiceert de kennisbank alleen met "
        "een vastgelegde grondslag (AVG)",
    ),
    "malformed url": (
        "```{organisatie} o\n:naam: O\n:soort: gemeente\n:website: www.o.nl\n```\n",
        4,
        "Organisatie 'o', veld 'website': 'www.o.nl' is geen webadres",
    ),
    "malformed e-mail": (
        "```{organisatie} o\n:naam: O\n:soort: gemeente\n:contact: info@o\n```\n",
        4,
        "Organisatie 'o', veld 'contact': 'info@o' is geen geldig e-mailadres",
    ),
    "value outside the choices": (
        "```{organisatie} o\n:naam: O\n:soort: stichting\n```\n",
        3,
        "Organisatie 'o', veld 'soort': 'stichting' is geen toegestane waarde",
    ),
    "malformed id": (
        "```{thema} Brede_Welvaart\n:titel: B\n```\n",
        1,
        "Thema: 'Brede_Welvaart' is geen geldige id",
    ),
    "role without organisation": (
        "```{persoon} p\n:naam: P\n:rollen: burgemeester\n```\n",
        3,
        "Persoon 'p', veld 'rollen': rol 'burgemeester' mist de organisatie",
    ),
    "network as its own partner": (
        "```{netwerk} n\n:naam: N\n:partners: n\n```\n",
        3,
        "Netwerk 'n', veld 'partners': een netwerk kan niet naar zichzelf verwijzen",
    ),
    "time skipped when the clock jumps forward": (
        "```{evenement} e\n:titel: E\n:start: 2026-03-29 02:30\n:organisator: vng\n```\n",
        3,
        "Evenement 'e', veld 'start': 2.30 uur bestaat niet op zondag 29 maart 2026 in tijdzone Europe/Amsterdam: "
        "die nacht gaat de klok om 2.00 uur een uur vooruit, naar 3.00 uur. Kies een tijd vóór 2.00 of vanaf 3.00 uur",
    ),
    "end skipped in another time zone": (
        "```{evenement} e\n:titel: E\n:start: 2026-03-08 01:00\n:eind: 2026-03-08 02:15\n"
        ":tijdzone: America/New_York\n:organisator: vng\n```\n",
        4,
        "Evenement 'e', veld 'eind': 2.15 uur bestaat niet op zondag 8 maart 2026 in tijdzone America/New_York: "
        "die nacht gaat de klok om 2.00 uur een uur vooruit, naar 3.00 uur",
    ),
    "control character in a value": (
        "```{thema} t\n:titel: T\n:samenvatting: kort\x07 verhaal\n```\n",
        3,
        "Thema 't', veld 'samenvatting': bevat een onzichtbaar stuurteken (U+0007): typ de waarde opnieuw",
    ),
    "field in a YAML block": (
        "```{programma} p\n---\ntitel: P\nthema: armoede\n---\n```\n",
        4,
        "Programma 'p', veld 'thema': er bestaat geen thema met id 'armoede'",
    ),
    "second of several roles": (
        "```{persoon} p\n---\nnaam: P\nrollen: |\n  lid; vng\n  lid; gouda\n---\n```\n",
        6,
        "Persoon 'p', veld 'rollen': er bestaat geen organisatie of netwerk met id 'gouda'",
    ),
    "role in a theme": (
        "```{persoon} p\n:naam: P\n:rollen: lid; jeugd\n```\n",
        3,
        "Persoon 'p', veld 'rollen': 'jeugd' is een thema, maar hier hoort een organisatie of netwerk",
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
    "object without a title": (
        "Tekst.\n\n```{thema} t\n```\n",
        3,
        "Thema 't' heeft geen titel",
    ),
}


def source_for(snippet: str) -> tuple[dict[str, str], int]:
    """A project with the snippet on its own page, and the number of lines above it.

    The case page is an orphan (not in a toctree), so that a page without a
    heading gives no warning of its own; it sorts after the themes page, so
    that a duplicate is reported on the case page.
    """
    return case_project(THEMES, snippet, header=ORPHAN if snippet.startswith("Tekst") else ORPHAN + "# Case\n")


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_input_is_reported_with_file_and_line(case, write_source, build):
    snippet, line, message = CASES[case]
    files, offset = source_for(snippet)
    srcdir = write_source(files)
    assert_reported_once(warnings_of(build(srcdir)), f"{srcdir / 'voorbeeld.md'}:{offset + line}", message)


def test_refused_personal_contact_is_not_published(write_source, build):
    files, _ = source_for(CASES["personal e-mail without a recorded basis"][0])
    app = build(write_source(files))
    # Sphinx cloaks a published address (p<span>@</span>example..., mailto:p%40example...):
    # look in the text and the link targets, not in the raw HTML.
    page = BeautifulSoup((app.outdir / "voorbeeld.html").read_text(encoding="utf-8"), "html.parser")
    assert "p@example.nl" not in page.get_text("")
    assert not [a["href"] for a in page.select("a[href]") if "p@example.nl" in unquote(a["href"])]
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


# -- suggestions name only ids of the expected type ------------------------------


SUGGESTIONS = {
    # 'anne' is a person: close to 'anna', but no theme.
    "role": ("Zie {thema}`anna`.\n", "Verwijzing: onbekend thema 'anna' [kennisbank.verwijzing]"),
    "field": (
        "```{programma} p\n:titel: P\n:thema: anna\n```\n",
        "Programma 'p', veld 'thema': er bestaat geen thema met id 'anna' [kennisbank.relatie]",
    ),
    "field of the right type": (
        "```{programma} p\n:titel: P\n:thema: wonn\n```\n",
        "Programma 'p', veld 'thema': er bestaat geen thema met id 'wonn' (bedoelt u 'wonen'?) [kennisbank.relatie]",
    ),
}


@pytest.mark.parametrize("case", SUGGESTIONS)
def test_suggestions_name_only_ids_of_the_expected_type(case, write_source, build):
    snippet, message = SUGGESTIONS[case]
    warnings = warnings_of(build(write_source(source_for(snippet)[0])))
    assert f"WARNING: {message}\n" in warnings, warnings


# -- a typo never crashes the build ----------------------------------------------

TYPOS = ("2024-09-31 14:00", "25-09-2024 14:00", "25 september 2024", "2024-09-25 14:00 uur", None)


@pytest.mark.parametrize("start", TYPOS, ids=[str(t) for t in TYPOS])
def test_a_wrong_start_of_an_organisations_event_does_not_crash(start, write_source, build):
    """The organisation directory lists the organiser's events with their dates."""
    start_line = f":start: {start}\n" if start else ""
    files, offset = source_for(f"```{{evenement}} e\n:titel: E\n{start_line}:organisator: vng\n```\n")
    files["gids.md"] = "---\norphan: true\n---\n# Gids\n\n```{gids} organisaties\n```\n"
    srcdir = write_source(files)
    app = build(srcdir)
    warnings = warnings_of(app)
    line = offset + (3 if start else 1)
    field = "veld 'start':" if start else "verplicht veld 'start' ontbreekt"
    assert f"voorbeeld.md:{line}: WARNING: Evenement 'e'" in warnings and field in warnings, warnings
    assert warnings.count("WARNING") == 1, warnings
    page = (app.outdir / "gids.html").read_text(encoding="utf-8")
    assert ">E</a>" in page and "interne fout" not in page.lower()


def test_an_unreadable_field_block_is_explained_in_dutch_at_its_line(write_source, build):
    """MyST drops the whole block for an unclosed quote and says so in English; we add the Dutch fix."""
    files, offset = source_for('```{thema} t\n:titel: T\n:samenvatting: "half open\n```\n')
    srcdir = write_source(files)
    warnings = warnings_of(build(srcdir))
    expected = (
        f"{srcdir / 'voorbeeld.md'}:{offset + 3}: WARNING: Thema 't': de velden konden niet worden gelezen "
        "(samenvatting, titel). Begint een waarde met een aanhalingsteken"
    )
    assert expected in warnings, warnings
