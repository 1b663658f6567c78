"""The agenda at the end of a board pack: every event in its window, dated no more precisely than known.

The window arithmetic and the selection are pure (``kennisbank.model.packs``) and tested
here without Sphinx; the PDF tests read the pack's text with pypdf, from a small root
(``test-pdf-packs``: a pack dated to a month, with events in and around its window) and
from the real April 2023 pack in docs/.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build_once, calendar_event_of, warnings_of
from kennisbank.model.packs import AgendaWindow, agenda_window, pack_agenda
from kennisbank.model.values import parse_when

DOCS = Path(__file__).parents[1] / "docs"
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


# -- the window ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("meeting", "months", "first", "last", "label"),
    [
        ("2023-04-20", 3, "2023-04-20", "2023-07-20", "van 20 april tot en met 20 juli 2023"),
        ("2023-04-20 19:30", 1, "2023-04-20", "2023-05-20", "van 20 april tot en met 20 mei 2023"),
        # The same day does not exist in the last month: its last day instead.
        ("2023-01-31", 1, "2023-01-31", "2023-02-28", "van 31 januari tot en met 28 februari 2023"),
        ("2024-01-31", 1, "2024-01-31", "2024-02-29", "van 31 januari tot en met 29 februari 2024"),
        ("2023-08-31", 1, "2023-08-31", "2023-09-30", "van 31 augustus tot en met 30 september 2023"),
        # Over the turn of the year, both years are written.
        ("2023-11-15", 3, "2023-11-15", "2024-02-15", "van 15 november 2023 tot en met 15 februari 2024"),
        ("2023-10-31", 4, "2023-10-31", "2024-02-29", "van 31 oktober 2023 tot en met 29 februari 2024"),
        # Known only to the month: whole months, from its first day, and no day named.
        ("2023-04", 3, "2023-04-01", "2023-07-31", "van april tot en met juli 2023"),
        ("2023-02", 1, "2023-02-01", "2023-03-31", "van februari tot en met maart 2023"),
        ("2023-11", 2, "2023-11-01", "2024-01-31", "van november 2023 tot en met januari 2024"),
        ("2023-12", 12, "2023-12-01", "2024-12-31", "van december 2023 tot en met december 2024"),
        # Known only to the year: from January to N months after December.
        ("2023", 3, "2023-01-01", "2024-03-31", "van januari 2023 tot en met maart 2024"),
        # A typo in agenda-maanden: the calendar's end, not a crash of the build.
        ("2023-04-20", 10**6, "2023-04-20", "9999-12-31", "van 20 april 2023 tot en met 31 december 9999"),
    ],
)
def test_agenda_window(meeting, months, first, last, label):
    window = agenda_window(parse_when(meeting), months)
    assert (window.first.isoformat(), window.last.isoformat()) == (first, last)
    assert window.by_month == (len(meeting) <= 7)
    assert window.label == label


@pytest.mark.parametrize("meeting", ["2023-04", "2023-12", "2023"])
def test_a_window_by_month_never_names_a_day(meeting):
    label = agenda_window(parse_when(meeting), 3).label
    assert not re.search(r"\b\d{1,2} [a-z]", label), label
    assert not any(day in label for day in WEEKDAYS), label


# -- the selection ------------------------------------------------------------------


APRIL = AgendaWindow(dt.date(2023, 4, 1), dt.date(2023, 7, 31), by_month=True)
TOPICS = {"wonen": "Wonen"}


def test_every_event_in_the_window_by_date_with_the_packs_topics_marked():
    events = [
        calendar_event_of("voor-de-vergadering", "2023-03-31", thema="wonen"),
        calendar_event_of("overleg-zorg", "2023-05-25 13:30", eind="2023-05-25 16:00", thema="zorg", plaats="Delft"),
        calendar_event_of("overleg-wonen", "2023-05-12", thema="wonen zorg"),
        calendar_event_of("werkbezoek", "2023-04", thema="wonen"),
        calendar_event_of("begin-april", "2023-04-01"),
        calendar_event_of("eind-juli", "2023-07-31"),
        calendar_event_of("na-het-venster", "2023-08-01", thema="wonen"),
        calendar_event_of("congres", "2023", thema="wonen"),
    ]
    agenda = pack_agenda(APRIL, events, TOPICS)
    # April's event without a day comes after April's known days, as on the site.
    assert [e.event.id for e in agenda.entries] == [
        "begin-april",
        "werkbezoek",
        "overleg-wonen",
        "overleg-zorg",
        "eind-juli",
    ]
    assert [e.event.id for e in agenda.maybe] == ["congres"]  # any day of 2023: perhaps in the window
    marked = {e.event.id: e.on_topic for e in (*agenda.entries, *agenda.maybe)}
    assert marked == {
        "begin-april": False,
        "werkbezoek": True,
        "overleg-wonen": True,
        "overleg-zorg": False,
        "eind-juli": False,
        "congres": True,
    }
    by_id = {e.event.id: e for e in agenda.entries}
    assert by_id["overleg-wonen"].notes == ("onderwerp van dit pakket: Wonen",)
    assert by_id["overleg-zorg"].notes == ()
    assert by_id["overleg-zorg"].when == "donderdag 25 mei 2023, 13.30–16.00 uur"
    assert by_id["overleg-zorg"].where == "Delft"
    assert by_id["werkbezoek"].when == "april 2023"  # no weekday: the day is not known


def test_the_heading_and_intro_state_the_window_and_the_selection():
    agenda = pack_agenda(APRIL, [calendar_event_of("overleg-wonen", "2023-05-12", thema="wonen")], TOPICS)
    assert agenda.heading == "Agenda: alle bijeenkomsten van april tot en met juli 2023"
    assert "alle bijeenkomsten in deze periode, ook die buiten de onderwerpen van dit pakket" in agenda.intro
    assert "“onderwerp van dit pakket”" in agenda.intro
    assert "De dag van de vergadering is niet bekend" in agenda.intro
    by_day = AgendaWindow(dt.date(2023, 4, 20), dt.date(2023, 7, 20), by_month=False)
    assert "vergadering is niet bekend" not in pack_agenda(by_day, [], TOPICS).intro
    assert pack_agenda(by_day, [], TOPICS).intro == "In deze periode staan geen bijeenkomsten op de agenda."


def test_a_month_only_event_at_the_edge_of_a_window_by_day_is_only_perhaps_in_it():
    by_day = AgendaWindow(dt.date(2023, 4, 20), dt.date(2023, 7, 20), by_month=False)
    events = [
        calendar_event_of("april", "2023-04"),
        calendar_event_of("mei", "2023-05"),
        calendar_event_of("juli", "2023-07"),
    ]
    agenda = pack_agenda(by_day, events, TOPICS)
    assert [e.event.id for e in agenda.entries] == ["mei"]
    assert [e.event.id for e in agenda.maybe] == ["april", "juli"]


def test_cancelled_and_moved_events_say_so_in_words():
    events = [
        calendar_event_of("vervallen", "2023-06-08", status="geannuleerd", thema="wonen"),
        calendar_event_of("verschoven", "2023-06-01", status="verplaatst", **{"verplaatst-naar": "2023-07-06"}),
        calendar_event_of(
            "naar-buiten-het-venster", "2023-07-01", status="verplaatst", **{"verplaatst-naar": "2023-09-01"}
        ),
    ]
    agenda = pack_agenda(APRIL, events, TOPICS)
    notes = {e.event.id: e.notes for e in agenda.entries}
    assert notes == {
        "vervallen": ("geannuleerd", "onderwerp van dit pakket: Wonen"),
        "verschoven": ("verplaatst, was donderdag 1 juni 2023",),
    }


def test_place_name_city_and_online_without_repeating_the_city():
    events = [
        calendar_event_of("a", "2023-05-01", locatie="Eenhoorn Amersfoort", plaats="Amersfoort"),
        calendar_event_of(
            "b", "2023-05-02", locatie="Stadhuis", plaats="Gouda", online="https://example.org", deelname="hybride"
        ),
        calendar_event_of("c", "2023-05-03", online="https://example.org"),
        calendar_event_of("d", "2023-05-04"),
    ]
    where = [e.where for e in pack_agenda(APRIL, events, TOPICS).entries]
    assert where == ["Eenhoorn Amersfoort", "Stadhuis, Gouda, hybride", "online", ""]


# -- the PDF ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pypdf():
    """pypdf, or a skip that says what is missing (the optional extra 'pdf', or Pango)."""
    try:
        import weasyprint  # noqa: F401
    except ImportError as error:
        pytest.skip(f"PDF-tests overgeslagen: installeer de extra 'pdf' ({error})")
    except OSError as error:  # WeasyPrint is installed, the system library Pango is not
        pytest.skip(f"PDF-tests overgeslagen: Pango ontbreekt ({error})")
    return pytest.importorskip("pypdf", reason="PDF-tests overgeslagen: installeer de extra 'pdf'")


def pdf_text(pypdf, path: Path) -> str:
    """The PDF's text as one line: the agenda's lines wrap, and WeasyPrint hyphenates
    words at line ends (the expected texts below have no hyphen of their own)."""
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    return " ".join(re.sub(r"[-\u2010\u00ad]\n(?=\w)", "", text).split())


def agenda_part(text: str) -> str:
    """From the agenda's heading where its section starts (the heading stands in the
    table of contents and the running header too)."""
    start = re.search(r"Agenda: alle bijeenkomsten [^.]*? Hier staan ", text)
    assert start, text
    return text[start.start() :]


def april_days(text: str) -> list[str]:
    """Days of April 2023 named in ``text``: none is known in these packs, so any is invented
    (before, 'zaterdag 1 april 2023' for a meeting known only as 'april 2023')."""
    return re.findall(r"\w+ \d{1,2} april 2023", text)


@pytest.fixture(scope="module")
def small_pack(pypdf, rootdir, tmp_path_factory):
    app = build_once("kennisbank-pdf", rootdir / "test-pdf-packs", tmp_path_factory.mktemp("pdf-packs"))
    assert warnings_of(app) == ""
    return app


@pytest.mark.pdf
def test_small_pack_lists_every_event_of_its_window(pypdf, small_pack):
    agenda = agenda_part(pdf_text(pypdf, small_pack.outdir / "bestuurspakket-2023-04.pdf"))
    assert agenda.startswith(
        "Agenda: alle bijeenkomsten van april tot en met juli 2023 "
        "Hier staan alle bijeenkomsten in deze periode, ook die buiten de onderwerpen van dit pakket."
    )
    lines = [
        # On 1 September 2023 (the root's reference date) April is over, the year is not.
        "april 2023 [precieze datum niet vastgelegd]: Werkbezoek wonen (onderwerp van dit pakket: Wonen)",
        "vrijdag 12 mei 2023: Overleg wonen (Gouda) (onderwerp van dit pakket: Wonen)",
        "donderdag 25 mei 2023, 13.30–16.00 uur: Overleg zorg (Stadhuis, Delft)",
        "donderdag 8 juni 2023: Vervallen zorgdag (geannuleerd)",
        "donderdag 6 juli 2023: Verschoven woondag (verplaatst, was donderdag 1 juni 2023) "
        "(onderwerp van dit pakket: Wonen)",
        "maandag 31 juli 2023: Zomerborrel (online)",
        "Mogelijk in deze periode; de precieze datum is nog niet bekend: 2023 [precieze datum volgt]: Jaarcongres",
    ]
    positions = [agenda.find(line) for line in lines]
    assert -1 not in positions, [line for line, at in zip(lines, positions, strict=True) if at < 0]
    assert positions == sorted(positions)
    assert "Najaarsoverleg" not in agenda and "Voorjaarsoverleg" not in agenda  # 1 August, 31 March


@pytest.mark.pdf
def test_small_pack_names_no_weekday_for_the_month_only_meeting(pypdf, small_pack):
    text = pdf_text(pypdf, small_pack.outdir / "bestuurspakket-2023-04.pdf")
    assert "Achteraan staat de agenda met alle bijeenkomsten van april tot en met juli 2023." in text
    assert april_days(text) == []


@pytest.mark.pdf
def test_agenda_links_into_the_pdf_or_to_the_website(pypdf, small_pack):
    html = (small_pack.outdir / "bestuurspakket-2023-04.html").read_text(encoding="utf-8")
    section = BeautifulSoup(html, "html.parser").find(id="kb-pakket-agenda")
    links = {a.get_text(): a["href"] for a in section.select("li a")}
    assert links["Overleg wonen"] == "#kb-evenement-overleg-wonen"  # its page is in the pack
    assert links["Overleg zorg"] == "https://kennisbank.example/agenda/overig.html#kb-evenement-overleg-zorg"
    # ... and they are links in the PDF itself, not only in its HTML source.
    uris, internal = set(), 0
    for page in pypdf.PdfReader(small_pack.outdir / "bestuurspakket-2023-04.pdf").pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            action = annot.get("/A") or {}
            if "/URI" in action:
                uris.add(str(action["/URI"]))
            elif "/Dest" in annot or action.get("/S") == "/GoTo":
                internal += 1
    assert "https://kennisbank.example/agenda/overig.html#kb-evenement-overleg-zorg" in uris
    assert internal >= 1


def test_the_site_pack_page_names_the_window_without_a_weekday(rootdir, tmp_path_factory):
    app = build_once("html", rootdir / "test-pdf-packs", tmp_path_factory.mktemp("pdf-packs-html"))
    assert warnings_of(app) == ""
    page = (app.outdir / "pakketten" / "april.html").read_text(encoding="utf-8")
    text = " ".join(BeautifulSoup(page, "html.parser").body.get_text(" ").split())
    assert "Achteraan staat de agenda met alle bijeenkomsten van april tot en met juli 2023." in text
    assert april_days(text) == []


# -- the real April 2023 pack -------------------------------------------------------


@pytest.fixture(scope="module")
def real_pack(pypdf, docs_pdf):
    """The April 2023 pack of docs/, from the PDFs built once for the whole run."""
    return pdf_text(pypdf, docs_pdf.outdir / "bestuurspakket-2023-04.pdf")


@pytest.mark.pdf
def test_april_2023_pack_lists_the_12_and_25_may_events(real_pack):
    agenda = agenda_part(real_pack)
    assert agenda.startswith("Agenda: alle bijeenkomsten van april tot en met juli 2023 ")
    assert "vrijdag 12 mei 2023: Bestuurdersdag 2023 (Den Haag)" in agenda
    assert "donderdag 25 mei 2023, 13.30–16.00 uur: Discussiebijeenkomst Verenigingsstrategie 2030" in agenda


@pytest.mark.pdf
def test_april_2023_pack_invents_no_day(real_pack):
    assert "Achteraan staat de agenda met alle bijeenkomsten van april tot en met juli 2023." in real_pack
    # Printed after April 2023: the day of the meeting was never recorded.
    assert "april 2023 [precieze datum niet vastgelegd]: Algemeen bestuur VZHG, april 2023" in agenda_part(real_pack)
    assert april_days(real_pack) == []
