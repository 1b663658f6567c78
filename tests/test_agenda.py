"""The agenda: pages, month grids, iCalendar feeds and schema.org data."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar, Event, vUri

from conftest import ROOTS, calendar_event_of, html_files, warnings_of
from kennisbank.formats import cache, ics
from kennisbank.model.agenda import by_month, month_pages
from kennisbank.writers import feeds

EPOCH = 1700000000  # 2023-11-14 22:13:20 UTC
AMS = ZoneInfo("Europe/Amsterdam")


pytestmark = pytest.mark.sphinx("html", testroot="agenda")


@pytest.fixture(scope="module", autouse=True)
def source_date_epoch():
    """Every build of this module stamps its feeds with the same DTSTAMP."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
        yield


@pytest.fixture
def agenda_app(built_app):
    return built_app


def test_the_root_builds_without_warnings(agenda_app):
    assert warnings_of(agenda_app) == ""


def feed(app, path: str) -> Calendar:
    return Calendar.from_ical((app.outdir / path).read_bytes())


def events_by_uid(cal: Calendar) -> dict:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def page(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def ics_files(app) -> dict[str, bytes]:
    return {str(p.relative_to(app.outdir)): p.read_bytes() for p in app.outdir.rglob("*.ics")}


def uid(event_id: str) -> str:
    return f"evenement-{event_id}@kennisbank.vzhg.nl"


# -- the site feed -----------------------------------------------------------


def test_site_feed_has_the_calendar_properties(agenda_app):
    cal = feed(agenda_app, "agenda.ics")
    assert cal["METHOD"] == "PUBLISH"
    assert cal["VERSION"] == "2.0"
    assert str(cal["NAME"]) == str(cal["X-WR-CALNAME"]) == "Testagenda"
    assert cal["REFRESH-INTERVAL"].dt == dt.timedelta(hours=12)
    assert str(cal["URL"]) == "https://kennisbank.example/agenda.ics"


def test_every_precise_event_is_in_the_site_feed_once(agenda_app):
    uids = [str(e["UID"]) for e in feed(agenda_app, "agenda.ics").walk("VEVENT")]
    # Not "september": only its month is known.
    expected = ["zomertijd", "wintertijd", "londen", "hele-dag", "drie-dagen", "afgelast", "verplaatst", "voorbij"]
    assert sorted(uids) == sorted(uid(e) for e in expected)


def test_a_vtimezone_for_each_tzid_used(agenda_app):
    cal = feed(agenda_app, "agenda.ics")
    used = {e["DTSTART"].params["TZID"] for e in cal.walk("VEVENT") if "TZID" in e["DTSTART"].params}
    declared = {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")}
    assert used == declared == {"Europe/Amsterdam", "Europe/London"}


def test_timed_events_across_both_daylight_saving_changes(agenda_app):
    events = events_by_uid(feed(agenda_app, "agenda.ics"))
    summer, winter, london = events[uid("zomertijd")], events[uid("wintertijd")], events[uid("londen")]
    assert summer["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert summer["DTSTART"].dt.astimezone(dt.UTC) == dt.datetime(2024, 3, 31, 8, 0, tzinfo=dt.UTC)
    assert summer["DTEND"].dt.astimezone(dt.UTC) == dt.datetime(2024, 3, 31, 10, 0, tzinfo=dt.UTC)
    assert winter["DTSTART"].dt.astimezone(dt.UTC) == dt.datetime(2024, 10, 27, 9, 0, tzinfo=dt.UTC)
    assert london["DTSTART"].params["TZID"] == "Europe/London"
    assert london["DTSTART"].dt.astimezone(dt.UTC) == dt.datetime(2024, 10, 27, 10, 0, tzinfo=dt.UTC)


def test_all_day_and_multi_day_events_use_dates_with_exclusive_end(agenda_app):
    raw = (agenda_app.outdir / "agenda.ics").read_bytes().decode()
    assert "DTSTART;VALUE=DATE:20240512\r\nDTEND;VALUE=DATE:20240513" in raw
    assert "DTSTART;VALUE=DATE:20240603\r\nDTEND;VALUE=DATE:20240606" in raw


def test_cancelled_and_postponed_events(agenda_app):
    events = events_by_uid(feed(agenda_app, "agenda.ics"))
    cancelled, moved, normal = events[uid("afgelast")], events[uid("verplaatst")], events[uid("zomertijd")]
    assert (cancelled["STATUS"], cancelled["SEQUENCE"]) == ("CANCELLED", 1)
    assert (moved["STATUS"], moved["SEQUENCE"]) == ("CONFIRMED", 1)
    assert moved["DTSTART"].dt == dt.datetime(2024, 5, 16, 14, 0, tzinfo=AMS)
    assert moved["DTEND"].dt == dt.datetime(2024, 5, 16, 16, 0, tzinfo=AMS)
    assert "oorspronkelijk gepland op donderdag 18 april 2024, 14.00 uur" in str(moved["DESCRIPTION"])
    assert (normal["STATUS"], normal["SEQUENCE"]) == ("CONFIRMED", 0)


def test_stamp_link_and_location(agenda_app):
    event = events_by_uid(feed(agenda_app, "agenda.ics"))[uid("zomertijd")]
    assert event["DTSTAMP"].dt == dt.datetime.fromtimestamp(EPOCH, dt.UTC)
    assert str(event["URL"]) == "https://kennisbank.example/agenda/zomertijd.html#kb-evenement-zomertijd"
    assert str(event["LOCATION"]) == "Stadhuis, Markt 1, 2611 GP Delft"
    assert "Aanmelden: https://voorbeeld.nl/aanmelden" in str(event["DESCRIPTION"])


def test_feeds_use_crlf_folding_and_no_email_addresses(agenda_app):
    for path in agenda_app.outdir.rglob("*.ics"):
        raw = path.read_bytes()
        lines = raw.split(b"\r\n")
        assert lines[-1] == b"" and all(b"\n" not in line for line in lines), path
        assert max(len(line) for line in lines) <= 75, path
        text = raw.decode().replace("\r\n ", "")
        addresses = set(re.findall(r"[\w.+-]+@[\w-]+\.[\w.-]+", text)) - {
            f"evenement-{e}@kennisbank.vzhg.nl" for e in re.findall(r"UID:evenement-([\w-]+)@", text)
        }
        assert not addresses, (path, addresses)  # the organiser has info@voorbeeld.nl: not published


@pytest.mark.parametrize("length", [1, 60, 65, 66, 67, 68, 74, 75, 76, 150])
@pytest.mark.parametrize("filler", ["a", "é", "€", ",", ";", "\\", "\n"])
def test_feed_lines_are_written_as_icalendar_writes_them(length, filler):
    # ics.to_ical skips icalendar's folding for short lines: it must give the same bytes
    # at and around the fold, with multi-byte characters and escapes on the boundary.
    vevent = Event()
    vevent.add("summary", filler * length)
    vevent.add("description", "x" * length + filler * 3)
    vevent.add("location", "é" * (length // 2) + filler)
    vevent.add("url", vUri("https://kennisbank.example/" + "p" * length), parameters={"VALUE": "URI"})
    vevent.add("categories", ["Bestuur", filler * length])
    vevent.add("dtstart", dt.datetime(2026, 3, 29, 1, 30, tzinfo=ZoneInfo("Europe/Amsterdam")))
    assert ics.to_ical(vevent) == vevent.to_ical()


def test_theme_network_and_event_feeds(agenda_app):
    theme = events_by_uid(feed(agenda_app, "feeds/thema/bestuur.ics"))
    assert set(theme) == {uid(e) for e in ("zomertijd", "londen", "hele-dag", "afgelast", "verplaatst")}
    network = events_by_uid(feed(agenda_app, "feeds/netwerk/netwerk.ics"))
    assert set(network) == {uid("wintertijd")}
    single = feed(agenda_app, "feeds/evenement/drie-dagen.ics")
    assert [str(e["UID"]) for e in single.walk("VEVENT")] == [uid("drie-dagen")]
    assert str(single["X-WR-CALNAME"]) == "Drie dagen"


def test_uid_is_stable_when_the_title_changes(agenda_app, copy_root, build, tmp_path):
    before = events_by_uid(feed(agenda_app, "agenda.ics"))
    srcdir = copy_root("agenda")
    page_path = srcdir / "agenda" / "dagen.md"
    page_path.write_text(page_path.read_text().replace("## Drie dagen", "## Driedaagse conferentie"))
    after = events_by_uid(feed(build(srcdir, builddir=tmp_path / "b"), "agenda.ics"))
    assert set(after) == set(before)
    assert str(after[uid("drie-dagen")]["SUMMARY"]) == "Driedaagse conferentie"


def test_two_clean_builds_give_identical_feeds(agenda_app, app):
    app.build()  # the same root, a second clean build
    assert ics_files(app) == ics_files(agenda_app)
    assert len(ics_files(app)) == 1 + 2 + 9  # site, theme+network, events


# -- JSON-LD -----------------------------------------------------------------


def json_ld(app, name: str) -> list[dict]:
    scripts = page(app, name).select('script[type="application/ld+json"]')
    return [json.loads(s.string) for s in scripts]


def test_json_ld_describes_the_same_instants_as_the_feed(agenda_app):
    events = events_by_uid(feed(agenda_app, "agenda.ics"))
    checked = 0
    for name in ("agenda/zomertijd", "agenda/wintertijd", "agenda/dagen", "agenda/wijzigingen"):
        for data in json_ld(agenda_app, name):
            event = events[uid(data["url"].rpartition("#kb-evenement-")[2])]
            start, end = event["DTSTART"].dt, event["DTEND"].dt
            if isinstance(start, dt.datetime):
                assert dt.datetime.fromisoformat(data["startDate"]) == start
                assert dt.datetime.fromisoformat(data["endDate"]) == end
            else:  # all day: schema.org names the last day, iCalendar the day after
                assert dt.date.fromisoformat(data["startDate"]) == start
                assert dt.date.fromisoformat(data["endDate"]) == end - dt.timedelta(days=1)
            checked += 1
    # The one dated event without a place or link (voorbij) has none.
    assert checked == 7


def test_an_event_without_a_place_gets_no_structured_data(agenda_app):
    """schema.org requires ``location``: without one we publish no Event rather than an invalid one."""
    urls = [d["url"].rpartition("#")[2] for d in json_ld(agenda_app, "agenda/wijzigingen")]
    assert urls == ["kb-evenement-afgelast", "kb-evenement-verplaatst"]  # not "voorbij": no place
    assert all(
        "location" in data for name in ("agenda/zomertijd", "agenda/dagen") for data in json_ld(agenda_app, name)
    )
    events = events_by_uid(feed(agenda_app, "agenda.ics"))
    assert uid("voorbij") in events  # still in the calendar feed, where a place is optional


def test_json_ld_fields(agenda_app):
    (summer,) = json_ld(agenda_app, "agenda/zomertijd")
    assert summer["@type"] == "Event" and summer["name"] == "Zomertijd"
    assert summer["startDate"] == "2024-03-31T10:00:00+02:00"
    assert summer["eventStatus"] == "https://schema.org/EventScheduled"
    assert summer["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert summer["location"]["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Markt 1",
        "postalCode": "2611 GP",
        "addressLocality": "Delft",
        "addressCountry": "NL",
    }
    assert summer["organizer"] == {
        "@type": "Organization",
        "name": "Gemeente Voorbeeld",
        "url": "https://kennisbank.example/thema.html#kb-organisatie-voorbeeld",
    }
    winter, london = json_ld(agenda_app, "agenda/wintertijd")
    assert winter["startDate"] == "2024-10-27T10:00:00+01:00"
    assert winter["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert winter["location"] == {"@type": "VirtualLocation", "url": "https://voorbeeld.nl/live"}
    assert london["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [loc["@type"] for loc in london["location"]] == ["Place", "VirtualLocation"]
    cancelled, moved = json_ld(agenda_app, "agenda/wijzigingen")
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"
    assert moved["eventStatus"] == "https://schema.org/EventRescheduled"
    assert moved["previousStartDate"] == "2024-04-18T14:00:00+02:00"


def card(app, page_name: str, event_id: str):
    return page(app, page_name).select_one(f"#kb-evenement-{event_id} .kb-kaart")


def card_facts(found) -> dict[str, str]:
    return {
        dt.get_text(strip=True).rstrip(":"): " ".join(dt.find_next_sibling("dd").get_text(" ", strip=True).split())
        for dt in found.select("dl.kb-kaart-feiten > dt")
    }


def test_a_coming_event_opens_with_a_card_and_calendar_links(agenda_app):
    found = card(agenda_app, "agenda/dagen", "drie-dagen")
    assert found.select_one(".kb-status").get_text() == "Gepland"
    assert card_facts(found) == {
        "Wanneer": "maandag 3 juni 2024 – woensdag 5 juni 2024",
        "Waar": "Leiden · route (OpenStreetMap)",
        "Organisator": "Gemeente Voorbeeld",
    }
    assert found.select_one("a.kb-route")["href"] == "https://www.openstreetmap.org/search?query=Leiden"
    actions = found.select_one(".kb-agenda-acties")
    assert actions.select_one("strong").get_text() == "Zet in uw agenda:"
    links = {a.get_text(): a["href"] for a in actions.select("a")}
    assert list(links) == ["Agendabestand (.ics)", "Abonneren (webcal)", "Google Agenda", "Outlook"]
    assert links["Agendabestand (.ics)"] == "../feeds/evenement/drie-dagen.ics"
    assert links["Abonneren (webcal)"] == "webcal://kennisbank.example/feeds/evenement/drie-dagen.ics"
    assert links["Google Agenda"].startswith(
        "https://calendar.google.com/calendar/render?action=TEMPLATE&text=Drie%20dagen&dates=20240603%2F20240606&"
    )
    assert "startdt=2024-06-03&enddt=2024-06-06" in links["Outlook"] and "allday=true" in links["Outlook"]
    # The card's facts are not repeated below it.
    assert page(agenda_app, "agenda/dagen").select("#kb-evenement-drie-dagen dl.kb-facts") == [found.select_one("dl")]


def test_a_timed_event_gives_calendars_its_instants_in_utc(agenda_app):
    links = {
        a.get_text(): a["href"]
        for a in card(agenda_app, "agenda/wijzigingen", "verplaatst").select(".kb-agenda-acties a")
    }
    # Moved to 16 May 2024, 14.00–16.00 summer time: 12.00–14.00 UTC.
    assert "dates=20240516T120000Z%2F20240516T140000Z" in links["Google Agenda"]
    assert card(agenda_app, "agenda/wijzigingen", "verplaatst").select_one(".kb-status").get_text() == "Verplaatst"


def test_a_past_event_says_afgelopen_and_offers_no_actions(agenda_app):
    found = card(agenda_app, "agenda/zomertijd", "zomertijd")
    assert found.select_one(".kb-status").get_text() == "Afgelopen"
    assert "kb-kaart-afgelopen" in found["class"]
    assert found.select_one(".kb-agenda-acties") is None and found.select_one(".kb-aanmeld-actie") is None
    assert list(card_facts(found)) == ["Wanneer", "Waar", "Organisator"]  # no registration
    text = page(agenda_app, "agenda/zomertijd").select_one("#kb-evenement-zomertijd").get_text(" ")
    assert "gepland" not in text.lower() and "Status" not in text and "Zet in uw agenda" not in text


def test_a_cancelled_event_offers_no_calendar_links(agenda_app):
    found = card(agenda_app, "agenda/wijzigingen", "afgelast")
    assert found.select_one(".kb-status").get_text() == "Geannuleerd"
    assert found.select_one(".kb-agenda-acties") is None


def test_before_the_event_the_card_offers_registration(copy_root, build):
    app = build(copy_root("agenda"), confoverrides={"kennisbank_reference_date": "2024-03-01"})
    found = card(app, "agenda/zomertijd", "zomertijd")
    button = found.select_one(".kb-aanmeld-actie a")
    assert (button.get_text(), button["href"]) == ("Meld u aan", "https://voorbeeld.nl/aanmelden")
    facts = card_facts(found)
    assert facts["Aanmelden tot"] == "maandag 25 maart 2024"
    assert facts["Waar"] == "Stadhuis, Markt 1, 2611 GP Delft · route (OpenStreetMap)"
    assert (
        found.select_one("a.kb-route")["href"]
        == "https://www.openstreetmap.org/search?query=Markt%201%2C%202611%20GP%20Delft"
    )


def test_an_event_without_a_known_day_is_not_in_the_feeds(agenda_app):
    found = card(agenda_app, "agenda/dagen", "september")
    assert found.select_one(".kb-agenda-acties") is None
    assert "nog niet in de agenda-feeds" in found.select_one(".kb-niet-in-feed").get_text()


# -- the agenda pages -----------------------------------------------------------


def items(soup, selector: str) -> list[str]:
    return [" ".join(li.get_text(" ", strip=True).split()) for li in soup.select(selector)]


def coming_entries(soup) -> list[tuple[str, str, str]]:
    """(date block, title, details) of each coming event."""

    def text(node) -> str:
        return " ".join(node.get_text(" ", strip=True).split())

    return [
        (
            text(li.select_one(".kb-datumblok")),
            text(li.select_one(".kb-agenda-titel")),
            text(li.select_one(".kb-agenda-details")),
        )
        for li in soup.select("ul.kb-agenda-komend > li")
    ]


def test_coming_events_from_the_reference_date_in_dutch(agenda_app):
    assert coming_entries(page(agenda_app, "index")) == [
        ("2 mei", "Afgelast", "donderdag 2 mei 2024, 19.30–21.00 uur · Gouda · geannuleerd"),
        ("12 mei", "Een hele dag", "zondag 12 mei 2024 · Den Haag"),
        (
            "16 mei",
            "Verplaatst",
            "donderdag 16 mei 2024, 14.00–16.00 uur · Zoetermeer · verplaatst, was donderdag 18 april 2024, 14.00 uur",
        ),
        ("3 jun", "Drie dagen", "maandag 3 juni 2024 – woensdag 5 juni 2024 · Leiden"),
        ("sep 2024", "Ergens in september", "september 2024 [precieze datum volgt]"),
        ("27 okt", "In Londen", "zondag 27 oktober 2024, 10.00–11.00 uur · Londen, hybride"),
        ("27 okt", "Wintertijd", "zondag 27 oktober 2024, 10.00–11.30 uur · online"),
    ]
    # Subscribing first (calendar apps keep a webcal:// feed up to date), the file second.
    index = page(agenda_app, "index")
    assert index.select_one(".kb-feed-link a")["href"] == "webcal://kennisbank.example/agenda.ics"
    assert index.select_one(".kb-feed-download a")["href"] == "agenda.ics"


def test_a_long_coming_list_stops_and_continues_on_the_month_pages(copy_root, build):
    app = build(copy_root("agenda"), confoverrides={"kennisbank_coming_limit": 2})
    soup = page(app, "index")
    assert [title for _, title, _ in coming_entries(soup)] == ["Afgelast", "Een hele dag"]
    more = soup.select_one(".kb-agenda-meer")
    assert more.get_text(" ", strip=True).startswith("Daarna staan er nog 5 bijeenkomsten op de agenda.")
    link = more.select_one("a")
    assert link.get_text() == "de agenda van mei 2024" and link["href"] == "maand/2024-05.html"
    assert (app.outdir / "maand" / "2024-05.html").exists()


def test_on_paper_a_theme_agenda_prints_the_next_and_last_few_and_points_to_the_rest(copy_root, build):
    root = copy_root("agenda")
    site = build(root, "html", builddir=root / "_site")
    text = build(root, "text", confoverrides={"kennisbank_coming_limit": 1})
    theme = (text.outdir / "thema.txt").read_text(encoding="utf-8")
    on_site = page(site, "thema").select_one("#kb-thema-bestuur").find_parent("section")
    coming_on_site = len(on_site.select("ul.kb-agenda-komend > li"))
    assert coming_on_site > 1  # the site lists them all
    agenda = theme.split("Agenda\n======", 1)[1]  # the theme's own (the network's comes first)
    coming, earlier = agenda.split("Eerder", 1)
    assert len([line for line in coming.splitlines() if line.startswith("* ")]) == 1
    assert len([line for line in earlier.splitlines() if line.startswith("* ")]) <= 1
    assert (
        "Nog 4 bijeenkomsten bij dit thema staan alleen op de website:\nhttps://kennisbank.example/thema.html#kb-thema-bestuur."
        in theme
    )
    # One left out is said in the singular.
    four = build(root, "text", builddir=root / "_vier", confoverrides={"kennisbank_coming_limit": 4})
    theme = (four.outdir / "thema.txt").read_text(encoding="utf-8")
    assert "Nog 1 bijeenkomst bij dit thema staat alleen op de website:" in " ".join(theme.split())


def test_on_paper_related_lists_stop_after_the_limit_and_point_to_the_website(copy_root, build):
    root = copy_root("agenda")
    site = build(root, "html", builddir=root / "_site")
    text = build(root, "text", confoverrides={"kennisbank_coming_limit": 1})
    organiser = page(site, "thema").find(id="kb-organisatie-voorbeeld").find_parent("section")
    on_site = len(organiser.select("ul.kb-gerelateerd li li"))
    assert on_site == 8  # the events it organises, all listed on the website
    theme = (text.outdir / "thema.txt").read_text(encoding="utf-8")
    related = theme.split("Gemeente Voorbeeld", 1)[1].split("Netwerk\n", 1)[0]
    assert len(re.findall(r"^\s+\* \w+dag \d", related, flags=re.M)) == 1
    assert (
        f"Nog {on_site - 1} verwijzingen naar deze organisatie staan alleen op de website:\n"
        "https://kennisbank.example/thema.html#kb-organisatie-voorbeeld." in related
    )


def test_no_page_is_described_by_an_event_card(agenda_app):
    # The card opens with the status: "Gepland" is no description of a page of events.
    described = {}
    for name, content in html_files(agenda_app.outdir).items():
        tag = BeautifulSoup(content, "html.parser").find("meta", attrs={"name": "description"})
        if tag is not None:
            described[name] = tag["content"]
    # The first running text after the card; nor is the label of a list of related objects.
    assert described["agenda/zomertijd.html"] == "Op de dag dat de zomertijd ingaat."
    card_text = ("Gepland", "Afgelopen", "Geannuleerd", "Verplaatst", "Zet in uw agenda", "Bijeenkomsten")
    assert {name: text for name, text in described.items() if text.startswith(card_text)} == {}


def test_the_archive_lists_years_and_each_year_has_a_page_by_month_newest_first(agenda_app):
    years = [(a.get_text(), a["href"]) for a in page(agenda_app, "index").select("ul.kb-archief-jaren a")]
    assert years == [("2024", "index/2024.html")]
    assert "(2 bijeenkomsten)" in page(agenda_app, "index").select_one("ul.kb-archief-jaren li").get_text()
    year = page(agenda_app, "index/2024")
    assert year.h1.get_text(strip=True).rstrip("¶") == "Archief 2024"
    assert [(a.get_text(), a["href"]) for a in year.select(".kb-maandnavigatie a")] == [("alle jaren", "../index.html")]
    archive = year.select("ul.kb-agenda-archief > li")
    months = [li.find("strong").get_text() for li in archive]
    assert months == ["maart 2024", "februari 2024"]
    assert items(archive[1], "li li") == ["donderdag 8 februari 2024, 9.00–10.00 uur: Voorbij"]


def day_number(cell) -> str:
    """The day's number as the grid shows it (the weekday and month are for the list on a phone)."""
    number = cell.select_one(".kb-dagnummer")
    return "".join(t for t in number.find_all(string=True, recursive=False)).strip()


def test_month_view_shows_the_current_month_and_links_every_month_page(agenda_app):
    soup = page(agenda_app, "maand")
    tables = soup.select("table.kb-maand")
    assert [t.caption.get_text(" ", strip=True).rstrip("¶ ").strip() for t in tables] == ["april 2024"]
    today = tables[0].select_one("td.kb-vandaag")
    assert day_number(today) == "15" and "vandaag" in today.get_text()
    links = [(a.get_text(), a["href"]) for a in soup.select("ul.kb-maandpagina-s a")]
    assert links == [
        ("februari", "maand/2024-02.html"),
        ("maart", "maand/2024-03.html"),
        ("april", "maand/2024-04.html"),
        ("mei", "maand/2024-05.html"),
        ("juni", "maand/2024-06.html"),
        ("september", "maand/2024-09.html"),
        ("oktober", "maand/2024-10.html"),
    ]


def test_month_pages_are_accessible_tables_with_their_neighbours(agenda_app):
    may = page(agenda_app, "maand/2024-05")
    assert may.h1.get_text(strip=True).rstrip("¶") == "Agenda van mei 2024"
    # The current month (April) has no events: the way back skips it, and says how far it goes.
    navigation = [(a.get_text(), a["href"]) for a in may.select(".kb-maandnavigatie a")]
    assert navigation == [
        ("maart 2024", "2024-03.html"),
        ("alle maanden", "../maand.html"),
        ("juni 2024", "2024-06.html"),
    ]
    assert [s.get_text() for s in may.select(".kb-maandnavigatie-stap")] == [
        "← Vorige maand met bijeenkomsten: maart 2024 (2 maanden eerder)",
        "Volgende maand met bijeenkomsten: juni 2024 (1 maand later) →",
    ]
    grid = may.select_one("table.kb-maand")
    assert [th.get_text(strip=True) for th in grid.select("thead th")] == [
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
    ]
    cells = {day_number(c): c for c in grid.select("td") if c.select_one(".kb-dagnummer")}
    assert cells["2"].get_text(" ", strip=True) == "donderdag 2 mei Afgelast (geannuleerd)"
    assert "kb-dag-leeg" in cells["3"]["class"] and "kb-dag-leeg" not in cells["2"]["class"]
    assert cells["16"].a["href"] == "../agenda/wijzigingen.html#kb-evenement-verplaatst"
    june = page(agenda_app, "maand/2024-06").select_one("table.kb-maand")
    assert [day_number(c) for c in june.select("td") if "Drie dagen" in c.get_text()] == ["3", "4", "5"]
    # The month the reference date is in has a page, even without events of its own.
    april = page(agenda_app, "maand/2024-04")
    assert [a.get_text() for a in april.select(".kb-maandnavigatie a")] == ["maart 2024", "alle maanden", "mei 2024"]
    september = page(agenda_app, "maand/2024-09")
    assert "Ergens in september" in september.select_one("ul.kb-agenda").get_text()


def test_a_month_without_events_loses_its_page_in_an_incremental_build(copy_root, build, tmp_path):
    srcdir = copy_root("agenda")
    build(srcdir, builddir=tmp_path / "inc")
    page_path = srcdir / "agenda" / "dagen.md"
    page_path.write_text(page_path.read_text().replace(":start: 2024-09\n", ":start: 2024-10\n"))
    incremental = build(srcdir, builddir=tmp_path / "inc")
    clean = build(srcdir, builddir=tmp_path / "clean")
    assert not (incremental.outdir / "maand" / "2024-09.html").exists()
    assert html_files(incremental.outdir) == html_files(clean.outdir)


def test_theme_and_network_pages_have_their_own_agenda(agenda_app):
    soup = page(agenda_app, "thema")
    agenda = soup.find(id="agenda-thema-bestuur")
    # Plain lines here: a theme can have a hundred coming events.
    coming = [" ".join(li.get_text(" ", strip=True).split()) for li in agenda.select("ul.kb-agenda-komend > li")]
    assert [c.split(": ", 1)[1] for c in coming] == [
        "Afgelast (Gouda) geannuleerd",
        "Een hele dag (Den Haag)",
        "Verplaatst (Zoetermeer) verplaatst, was donderdag 18 april 2024, 14.00 uur",
        "Ergens in september [precieze datum volgt]",
        "In Londen (Londen, hybride)",
    ]
    assert "Zomertijd" in agenda.select_one("ul.kb-agenda:not(.kb-agenda-komend)").get_text()
    assert agenda.select_one(".kb-feed-link a")["href"] == "webcal://kennisbank.example/feeds/thema/bestuur.ics"
    assert agenda.select_one(".kb-feed-download a")["href"] == "feeds/thema/bestuur.ics"
    network = soup.find(id="agenda-netwerk-netwerk")
    assert network.find(["h2", "h3"]).get_text(strip=True).rstrip("¶") == "Agenda"
    assert "Wintertijd" in network.select_one("ul.kb-agenda-komend").get_text()


# -- incremental -----------------------------------------------------------------


def test_moving_an_event_updates_every_view_like_a_clean_build(copy_root, build, tmp_path):
    srcdir = copy_root("agenda")
    build(srcdir, builddir=tmp_path / "inc")
    page_path = srcdir / "agenda" / "dagen.md"
    page_path.write_text(page_path.read_text().replace(":start: 2024-05-12", ":start: 2024-04-02"))
    incremental = build(srcdir, builddir=tmp_path / "inc")
    clean = build(srcdir, builddir=tmp_path / "clean")
    assert html_files(incremental.outdir) == html_files(clean.outdir)
    assert ics_files(incremental) == ics_files(clean)
    archive = page(incremental, "index/2024").select("ul.kb-agenda-archief > li")
    assert "Een hele dag" in archive[0].get_text()  # now past: 2 April is before 15 April


def test_reference_date_moves_coming_events_to_the_archive(copy_root, build, tmp_path):
    srcdir = copy_root("agenda")
    build(srcdir, builddir=tmp_path / "inc")
    later = {"kennisbank_reference_date": "2024-06-04"}
    incremental = build(srcdir, builddir=tmp_path / "inc", confoverrides=later)
    clean = build(srcdir, builddir=tmp_path / "clean", confoverrides=later)
    assert html_files(incremental.outdir) == html_files(clean.outdir)
    coming = coming_entries(page(incremental, "index"))
    assert coming[0][1] == "Drie dagen"  # still running on the 4th


# -- the feed caches belong to the code that filled them ---------------------------


def test_the_writer_version_changes_with_our_code_and_the_libraries(tmp_path, monkeypatch):
    package = tmp_path / "kennisbank"
    shutil.copytree(Path(ics.__file__).parent, package)
    version = cache.writer_version.__wrapped__  # not cached: the files change under it
    before = version(package)
    (package / "ics.py").write_text((package / "ics.py").read_text() + "\n# changed\n")
    changed = version(package)
    assert changed != before
    monkeypatch.setattr(cache.importlib.metadata, "version", lambda name: "99.0")
    assert version(package) != changed


def test_a_saved_cache_is_read_back_by_its_version_only_and_replaces_the_old_one(tmp_path):
    path = tmp_path / "kennisbank-feeds.json"
    path.write_text("half a file from a build that was stopped", encoding="utf-8")
    dumps = lambda stored: json.dumps(stored).encode()  # noqa: E731
    cache.save_cache(path, "v2", {"agenda.ics": "abc"}, dumps)
    assert cache.load_cache(path, "v2", json.loads) == ({"agenda.ics": "abc"}, {"agenda.ics"})
    assert cache.load_cache(path, "v3", json.loads) == ({}, {"agenda.ics"})  # keys still tell what was written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kennisbank-feeds.json"]  # nothing left beside it


def test_a_code_change_rewrites_the_cached_feeds(build, tmp_path, monkeypatch):
    srcdir = ROOTS / "test-agenda"  # read in place, never edited
    build(srcdir, builddir=tmp_path / "b")
    site_feed = tmp_path / "b" / "html" / "agenda.ics"
    assert b"PRODID:-//Vereniging van Zuid-Hollandse Gemeenten//Kennisbank//NL" in site_feed.read_bytes()
    monkeypatch.setattr(ics, "PRODID", "-//Nieuwe code//NL")
    build(srcdir, builddir=tmp_path / "b", freshenv=True)
    # Same inputs, same version: the cache keeps the feed (which is why the version must be in it).
    assert b"PRODID:-//Nieuwe code//NL" not in site_feed.read_bytes()
    monkeypatch.setattr(feeds, "writer_version", lambda *args: "een andere versie")
    build(srcdir, builddir=tmp_path / "b", freshenv=True)
    assert b"PRODID:-//Nieuwe code//NL" in site_feed.read_bytes()
    event_feed = tmp_path / "b" / "html" / "feeds" / "evenement" / "drie-dagen.ics"
    assert b"PRODID:-//Nieuwe code//NL" in event_feed.read_bytes()


def test_a_feed_missing_from_the_output_is_written_again(build, tmp_path):
    """The cache says the feed is unchanged, but someone deleted the file: it comes back."""
    srcdir = ROOTS / "test-agenda"  # read in place, never edited
    build(srcdir, builddir=tmp_path / "b")
    event_feed = tmp_path / "b" / "html" / "feeds" / "evenement" / "drie-dagen.ics"
    site_feed = tmp_path / "b" / "html" / "agenda.ics"
    written = event_feed.read_bytes(), site_feed.read_bytes()
    event_feed.unlink()
    site_feed.unlink()
    build(srcdir, builddir=tmp_path / "b")
    assert (event_feed.read_bytes(), site_feed.read_bytes()) == written


def test_feed_names_are_escaped_text(write_source, build):
    """RFC 5545 TEXT: a comma, semicolon or backslash in a title is escaped in NAME and X-WR-CALNAME too."""
    srcdir = write_source(
        {
            "index.md": "# Index\n\n```{toctree}\nagenda\n```\n",
            "agenda.md": "# Agenda\n\n```{evenement} e\n:titel: Jeugd, zorg; wonen\n:start: 2024-05-02\n"
            ":organisator: o\n```\n\n```{organisatie} o\n:naam: O\n:soort: gemeente\n```\n",
        }
    )
    app = build(srcdir)
    text = (app.outdir / "feeds" / "evenement" / "e.ics").read_bytes().decode("utf-8")
    assert "\r\nNAME:Jeugd\\, zorg\\; wonen\r\n" in text
    assert "\r\nX-WR-CALNAME:Jeugd\\, zorg\\; wonen\r\n" in text
    assert "\r\nSUMMARY:Jeugd\\, zorg\\; wonen\r\n" in text


def test_month_pages_are_written_by_a_build_that_rewrites_nothing(copy_root, build, tmp_path):
    # Sphinx sets the builder's figure numbers only while it writes a document.
    srcdir = copy_root("agenda")
    first = build(srcdir, builddir=tmp_path / "inc")
    again = build(srcdir, builddir=tmp_path / "inc")
    assert warnings_of(again) == warnings_of(first) == ""
    assert "Drie dagen" in page(again, "maand/2024-06").select_one("table.kb-maand").get_text()


def test_an_incremental_build_rewrites_only_the_agenda_pages_that_changed(copy_root, build, tmp_path):
    srcdir = copy_root("agenda")
    build(srcdir, builddir=tmp_path / "inc")
    month_pages = sorted((tmp_path / "inc" / "html" / "maand").glob("*.html"))
    before = {path.name: path.stat().st_mtime_ns for path in month_pages}
    page_path = srcdir / "agenda" / "wintertijd.md"
    page_path.write_text(page_path.read_text().replace("10:00", "10:15", 1))  # an October event
    incremental = build(srcdir, builddir=tmp_path / "inc")
    after = {path.name: path.stat().st_mtime_ns for path in month_pages}
    assert [name for name in before if after[name] != before[name]] == ["2024-10.html"]
    clean = build(srcdir, builddir=tmp_path / "clean")
    assert html_files(incremental.outdir) == html_files(clean.outdir)


# -- the month index (model) --------------------------------------------------------


def test_the_month_index_holds_each_event_in_every_month_it_may_be_in():
    across = calendar_event_of("across", "2023-05-30", eind="2023-07-02")  # three months
    vague = calendar_event_of("vague", "2023-09")  # day not known yet: in its month, without a day
    year = calendar_event_of("year", "2024")  # only the year: in no month view
    months = by_month([across, vague, year])
    assert {key: [e.id for e in found] for key, found in months.items()} == {
        (2023, 5): ["across"],
        (2023, 6): ["across"],
        (2023, 7): ["across"],
        (2023, 9): ["vague"],
    }
    # Those months get a page, and so does the current month, even without events.
    pages = month_pages("agenda-overzicht", months, dt.date(2023, 11, 15))
    assert pages.months == ((2023, 5), (2023, 6), (2023, 7), (2023, 9), (2023, 11))
