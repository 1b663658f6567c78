"""Long directories and archive years, in short (``kennisbank_long_list``).

At the benchmark's size the networks table and the people by organisation made a
page of half a megabyte, and a year of the agenda's archive one of 365 kB. A list
with more entries than ``kennisbank_long_list`` shows a line per entry or group;
the details stand on the pages it links. Here the limit is 1, on the small roots
of the directories and the agenda, each built once.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from conftest import warnings_of

SHORT = {"kennisbank_long_list": 1}


def page(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def lines(soup, selector: str) -> list[str]:
    return [" ".join(li.get_text(" ", strip=True).split()) for li in soup.select(selector)]


@pytest.mark.sphinx("html", testroot="gids", confoverrides=SHORT)
def test_a_long_directory_shows_a_line_per_entry_and_says_where_the_rest_is(built_app):
    assert warnings_of(built_app) == ""
    soup = page(built_app, "gids")
    networks = soup.select_one(".kb-gids-netwerken")
    assert networks.select("table") == []
    assert "Wat een netwerk doet en wie het coördineert, staat op de pagina van het netwerk" in networks.get_text()
    entries = lines(networks, "li.kb-filter-item")
    assert len(entries) == 3 and all(":" in entry for entry in entries)
    assert any(entry.endswith("[volgt]") for entry in entries)  # how to join, or that it follows
    assert networks.select_one("li.kb-filter-item a[href='netwerken.html#kb-netwerk-juristen']")
    organisations = soup.select_one(".kb-gids-organisaties")
    assert "Wie er werkt en waaraan zij meedoet, staat bij de organisatie zelf" in organisations.get_text()
    assert not organisations.select("li.kb-filter-item ul")  # no people, networks or events under them
    people = soup.select_one(".kb-gids-personen")
    counts = lines(people, "li.kb-filter-item")
    assert counts and all(entry.endswith(("persoon)", "personen)")) for entry in counts)
    assert any("(netwerk, " in entry for entry in counts)
    # A directory of one entry per area stays as it is: it is not long.
    assert soup.select_one(".kb-gids-expertise li.kb-filter-group")


@pytest.mark.sphinx("html", testroot="agenda", confoverrides=SHORT)
def test_a_long_year_of_the_archive_lists_its_months_with_their_pages(built_app):
    assert warnings_of(built_app) == ""
    year = page(built_app, "index/2024")
    assert year.select("ul.kb-agenda-archief") == []
    assert "In dit jaar waren 2 bijeenkomsten" in year.get_text()
    months = [
        (a.get_text(), a["href"], " ".join(li.get_text(" ", strip=True).split()))
        for li in year.select("ul.kb-archief-maanden li")
        for a in li.select("a")
    ]
    assert months == [
        ("maart 2024", "../maand/2024-03.html", "maart 2024 (1 bijeenkomst)"),
        ("februari 2024", "../maand/2024-02.html", "februari 2024 (1 bijeenkomst)"),
    ]
    # The month's page lists the event the year leaves out.
    assert "Voorbij" in page(built_app, "maand/2024-02").select_one("[role=main]").get_text()
