"""The front page keeps itself current: dated announcements, coming events, recent changes."""

from __future__ import annotations

from bs4 import BeautifulSoup

from conftest import git, html_files, warnings_of

PAGE = """# Start

```{aankondiging} Save the date: de ledenvergadering
:tot: 2024-05-12

Noteer {evenement}`alv` in uw agenda.
```

## Binnenkort

```{agenda} komend
:aantal: 2
```

## Recent gewijzigd

```{recent-gewijzigd}
:aantal: 2
:behalve: bijdragen/*
```

```{toctree}
:hidden:

agenda
oud
bijdragen/gids
```
"""

AGENDA = """# Agenda

```{evenement} alv
:titel: Ledenvergadering
:start: 2024-05-12
:organisator: vzhg
```

```{evenement} later
:titel: Werkbezoek
:start: 2024-06-01
:organisator: vzhg
```

```{evenement} veel-later
:titel: Najaarscongres
:start: 2024-09-01
:organisator: vzhg
```

```{evenement} nog-later
:titel: Winterborrel
:start: 2024-12-01
:organisator: vzhg
```

```{organisatie} vzhg
:naam: VZHG
:soort: vereniging
```
"""


def soup(app, name: str = "index") -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def site(write_source):
    return write_source({"index.md": PAGE, "agenda.md": AGENDA, "oud.md": "# Oud\n", "bijdragen/gids.md": "# Gids\n"})


def test_an_announcement_shows_until_its_day_and_then_disappears(write_source, build, tmp_path):
    srcdir = site(write_source)
    before = build(srcdir, builddir=tmp_path / "a", confoverrides={"kennisbank_reference_date": "2024-05-12"})
    assert warnings_of(before) == ""
    notice = soup(before).select_one(".kb-aankondiging")
    assert notice.select_one(".admonition-title").get_text() == "Save the date: de ledenvergadering"
    assert notice.a["href"] == "agenda.html#kb-evenement-alv"
    # The next day, in an incremental build of unchanged sources: gone, as in a clean build.
    later = {"kennisbank_reference_date": "2024-05-13"}
    after = build(srcdir, builddir=tmp_path / "a", confoverrides=later)
    clean = build(srcdir, builddir=tmp_path / "b", confoverrides=later)
    assert soup(after).select_one(".kb-aankondiging") is None
    assert "Save the date" not in soup(after).get_text()
    assert html_files(after.outdir) == html_files(clean.outdir)


def test_the_front_page_lists_the_next_events_from_the_reference_date(write_source, build):
    app = build(site(write_source), confoverrides={"kennisbank_reference_date": "2024-05-13"})
    titles = [t.get_text(strip=True) for t in soup(app).select("ul.kb-agenda-komend .kb-agenda-titel")]
    assert titles == ["Werkbezoek", "Najaarscongres"]  # the meeting is past; two at most


def test_an_announcement_needs_a_valid_date(write_source, build):
    srcdir = write_source(
        {
            "index.md": "# Start\n\n```{aankondiging} Iets\n:tot: 12 mei\n\nTekst.\n```\n\n```{aankondiging} Zonder\n\nTekst.\n```\n"
        }
    )
    warnings = warnings_of(build(srcdir))
    assert (
        "index.md:3: WARNING: Aankondiging, veld 'tot': '12 mei' is geen datum; schrijf die als 2023-05-12" in warnings
    )
    assert "index.md:9: WARNING: Aankondiging: verplicht veld 'tot' ontbreekt" in warnings


def test_recently_changed_pages_come_from_git(write_source, build):
    srcdir = site(write_source)

    git(srcdir, "init", "-q")
    git(srcdir, "add", "index.md", "conf.py", "agenda.md")
    git(srcdir, "commit", "-qm", "een", date="2024-01-01T12:00:00+00:00")
    git(srcdir, "add", "oud.md", "bijdragen")
    git(srcdir, "commit", "-qm", "twee", date="2024-03-05T12:00:00+00:00")
    app = build(srcdir)
    entries = [" ".join(li.get_text(" ", strip=True).split()) for li in soup(app).select("ul.kb-recent > li")]
    # Newest first, the front page itself and the excluded folder left out, two at most.
    assert entries == ["Oud (dinsdag 5 maart 2024)", "Agenda (maandag 1 januari 2024)"]
