"""True on its date, the pure side: roles with dates, news that appears and ages, calls to action,
placeholders, and the editors' maintenance list, each on the day before and on the day of its
boundary. The same pages built on such days: test_timeline_build.py."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from conftest import calendar_event_of
from kennisbank.model.maintenance import Finding, PageFacts, Settings, findings, report_markdown, report_text
from kennisbank.model.objects import KBObject, MissingLink, Role
from kennisbank.model.timeline import (
    PageTimeline,
    can_act,
    can_still_come,
    current_summary,
    is_old,
    is_scheduled,
    never_recorded,
    news_boundaries,
    old_from,
    role_boundaries,
    role_label,
    role_state,
    what_happened,
)
from kennisbank.model.values import FieldError, parse_role, parse_when
from kennisbank.sphinx_ext.lastchanged import ignored_commits, is_maintenance
from kennisbank.tools.upkeep import classify

D = dt.date.fromisoformat


# -- roles: the syntax ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "start", "end"),
    [
        ("voorzitter; vng; vanaf 2023-06-14", "2023-06-14", None),
        ("voorzitter; vng; sinds 2022", "2022", None),  # as the old content writes it
        ("lid; vng; tot 2026-06", None, "2026-06"),
        ("lid; vng; tot en met 2026-06-30", None, "2026-06-30"),
        ("lid; vng; t/m 2026", None, "2026"),
        ("lid; vng; vanaf 2023-06 tot 2024-02", "2023-06", "2024-02"),
        ("lid; vng; tot juni 2026", None, "2026-06"),  # a date in words reads as one
        ("lid; vng; vanaf 14 juni 2023", "2023-06-14", None),
        # Old content in words stays free text.
        ("lid; vng; mei 2023", None, None),
        ("lid; vng; sinds de oprichting", None, None),
        ("lid; vng; sinds 2022 (herkozen 2024)", None, None),
        ("lid; vng", None, None),
    ],
)
def test_a_role_period_gives_dates_where_it_names_them(line, start, end):
    role = parse_role(line)
    assert role.start == (parse_when(start) if start else None)
    assert role.end == (parse_when(end) if end else None)
    assert role.period == (line.split(";")[2].strip() if line.count(";") == 2 else "")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("lid; vng; vanaf 2023-02-30", "'2023-02-30' bestaat niet als datum; schrijf JJJJ-MM-DD, JJJJ-MM of JJJJ"),
        (
            "lid; vng; vanaf 2023-06-14 10:00",
            "een rol begint of eindigt op een dag, zonder tijd: schrijf alleen 2023-06-14",
        ),
        ("lid; vng; vanaf 2024 tot 2023-06", "het einde (2023-06) ligt vóór het begin (2024)"),
    ],
)
def test_a_role_date_that_cannot_be_says_so_in_dutch(line, message):
    with pytest.raises(FieldError) as error:
        parse_role(line)
    assert str(error.value) == f"rol '{line}': {message}"


# -- roles: how they read on a day --------------------------------------------------------


COMING = Role("aankomend voorzitter", "vng", "vanaf 2023-06-14", start=parse_when("2023-06-14"))
ENDING = Role("penningmeester", "vng", "tot 2026-06", end=parse_when("2026-06"))


@pytest.mark.parametrize(
    ("role", "day", "state", "label"),
    [
        (COMING, "2023-06-13", "komend", "aankomend voorzitter, vanaf 14 juni 2023"),
        (COMING, "2023-06-14", "huidig", "voorzitter, sinds 14 juni 2023"),
        (ENDING, "2026-06-30", "huidig", "penningmeester, tot en met juni 2026"),
        (ENDING, "2026-07-01", "voorbij", "voormalig penningmeester, tot en met juni 2026"),
        (Role("lid", "vng", "mei 2023"), "2030-01-01", "huidig", "lid, mei 2023"),
    ],
)
def test_a_role_turns_on_its_date(role, day, state, label):
    assert role_state(role, D(day)) == state
    assert role_label(role, D(day)) == label


def test_a_role_changes_on_its_first_day_and_on_the_day_after_its_last():
    both = parse_role("lid; vng; vanaf 2023-06 tot 2024-02")
    assert role_boundaries(both) == (D("2023-06-01"), D("2024-03-01"))
    assert role_label(both, D("2024-03-01")) == "voormalig lid, van juni 2023 tot en met februari 2024"


# -- news -----------------------------------------------------------------------------------


def news(day: str, **fields) -> KBObject:
    return KBObject("bericht", "b", "Bericht", "actueel/b", 3, {"datum": parse_when(day), **fields})


def test_a_news_item_appears_on_its_day_and_ages_after_a_year():
    item = news("2024-02-29")
    assert is_scheduled(item, D("2024-02-28")) and not is_scheduled(item, D("2024-02-29"))
    assert old_from(D("2024-02-29"), 12) == D("2025-02-28")  # no 29 February: the month's last day
    assert not is_old(item, D("2025-02-27"), 12) and is_old(item, D("2025-02-28"), 12)
    assert is_old(item, D("2024-05-29"), 3)
    assert news_boundaries(item, 12) == (D("2024-02-29"), D("2025-02-28"))


# -- calls to action -----------------------------------------------------------------------


EVENT = dataclasses.replace(calendar_event_of("ledendag", "2024-06-12"), deadline=parse_when("2024-06-05"))


@pytest.mark.parametrize(
    ("day", "open_", "said"),
    [
        ("2024-06-05", True, ""),
        ("2024-06-06", False, "Aanmelden voor Ledendag kon tot en met 5 juni 2024."),
        ("2024-06-13", False, "Ledendag was op woensdag 12 juni 2024."),
    ],
)
def test_a_call_to_action_holds_until_registration_closes_or_the_event_is_over(day, open_, said):
    assert can_act(EVENT, D(day)) is open_
    if said:
        assert what_happened(EVENT, D(day)) == said


def test_a_cancelled_or_vaguely_dated_event_says_what_became_of_it():
    cancelled = calendar_event_of("ledendag", "2024-06-12", status="geannuleerd")
    assert not can_act(cancelled, D("2024-01-01"))
    assert what_happened(cancelled, D("2024-01-01")) == "Ledendag gaat niet door."
    assert what_happened(calendar_event_of("x", "2024-06"), D("2024-07-01")) == "X was in juni 2024."


def test_a_news_item_says_what_happened_once_its_call_is_over():
    item = news("2024-05-20", samenvatting="Meld u aan.", oproep="ledendag")
    assert current_summary(item, D("2024-06-05"), EVENT) == "Meld u aan."
    assert current_summary(item, D("2024-06-13"), EVENT) == "Ledendag was op woensdag 12 juni 2024."
    told = news("2024-05-20", samenvatting="Meld u aan.", **{"na-afloop": "Het was een mooie dag."})
    assert current_summary(told, D("2024-06-13"), EVENT) == "Het was een mooie dag."
    assert current_summary(told, D("2024-06-13"), None) == "Meld u aan."  # no call: its summary


# -- placeholders ---------------------------------------------------------------------------


def test_a_placeholder_says_it_was_never_recorded_the_day_after_its_last():
    assert can_still_come(D("2024-06-30"), D("2024-06-30")) and not can_still_come(D("2024-06-30"), D("2024-07-01"))
    assert never_recorded("[link volgt]") == "[link niet vastgelegd]"
    assert never_recorded(" [precieze datum volgt]") == " [precieze datum niet vastgelegd]"


def test_a_page_is_stale_once_one_of_its_days_has_come_either_way():
    page = PageTimeline(D("2024-06-15"), frozenset({D("2024-06-10"), D("2024-07-01")}))
    assert not page.is_stale(D("2024-06-10")) and not page.is_stale(D("2024-06-30"))
    assert page.is_stale(D("2024-07-01")) and page.is_stale(D("2024-06-09"))


# -- what counts as a change of the content ---------------------------------------------------


def test_a_commit_marked_as_maintenance_is_no_change(tmp_path):
    assert is_maintenance("abc1234def", "onderhoud", ())
    assert is_maintenance("abc1234def", "Onderhoud ", ())
    assert not is_maintenance("abc1234def", "", ()) and not is_maintenance("abc1234def", "inhoud", ())
    revs = tmp_path / ".git-blame-ignore-revs"
    revs.write_text(
        "# mass edit\nABC1234DEF0000000000000000000000000000000  # new field syntax\nxyz\n", encoding="utf-8"
    )
    assert ignored_commits(revs) == ("abc1234def0000000000000000000000000000000",)
    assert is_maintenance("abc1234def0000000000000000000000000000000", "", ignored_commits(revs))
    assert ignored_commits(tmp_path / "absent") == ()


# -- the maintenance list ---------------------------------------------------------------------


TODAY = D("2024-08-15")


def one_of_each_kind() -> tuple[dict[str, PageFacts], dict[str, KBObject]]:
    pages = {
        "oud": PageFacts("oud", "oud.md", "Oude pagina", changed=D("2023-01-01")),
        "nagekeken": PageFacts("nagekeken", "nagekeken.md", "Nagekeken", D("2023-01-01"), reviewed=D("2024-08-01")),
        "agenda": PageFacts("agenda", "agenda.md", "Agenda", D("2024-08-01")),
        "index": PageFacts(
            "index",
            "index.md",
            "Start",
            D("2024-07-01"),
            placeholders=((9, "{linkvolgt}`Programma`", ""),),
            announcements=((4, "Noteer alvast", D("2024-06-10")),),
        ),
        "mensen": PageFacts("mensen", "mensen.md", "Mensen", D("2024-08-01")),
    }
    lines = {"start": (6, 6), "rollen": (5, 6, 7)}
    objects = {
        "overleg": KBObject("evenement", "overleg", "Overleg", "agenda", 4, {"start": parse_when("2024-06")}, lines),
        "bert": KBObject(
            "persoon",
            "bert",
            "Bert",
            "mensen",
            4,
            {"rollen": (Role("lid", "v"), Role("penningmeester", "v", "tot 2024-06-14", end=parse_when("2024-06-14")))},
            lines,
        ),
    }
    return pages, objects


def test_the_list_has_one_of_each_kind_at_its_line():
    pages, objects = one_of_each_kind()
    events = {"overleg": calendar_event_of("overleg", "2024-06")}
    found = findings(pages, objects, events, TODAY, Settings(review_months=12, placeholder_days=30))
    assert [(f.kind, f.source, f.line) for f in found] == [
        ("herzien", "oud.md", 1),
        ("plaatshouder", "index.md", 9),
        ("datum", "agenda.md", 6),
        ("aankondiging", "index.md", 4),
        ("rol", "mensen.md", 7),
    ]
    assert found[1].what == (
        "{linkvolgt}`Programma` (sinds 1 juli 2024 niet gewijzigd of herzien): vul in of schrijf dat het niet bekend is"
    )
    assert found[4].since == D("2024-06-15")


@pytest.mark.parametrize(
    ("day", "kinds"),
    [
        # Before the event's month and the announcement's day are over, and 30 days after the page changed.
        ("2024-06-10", []),
        ("2024-07-30", ["datum", "aankondiging", "rol"]),
        ("2024-07-31", ["plaatshouder", "datum", "aankondiging", "rol"]),
    ],
)
def test_each_kind_comes_on_its_day(day, kinds):
    pages, objects = one_of_each_kind()
    pages.pop("oud")
    events = {"overleg": calendar_event_of("overleg", "2024-06")}
    assert [f.kind for f in findings(pages, objects, events, D(day))] == kinds


def test_a_check_takes_an_object_off_the_list():
    pages, objects = one_of_each_kind()
    checked = {
        k: KBObject(o.kind, o.id, o.title, o.docname, o.lineno, {**o.fields, "herzien": parse_when("2024-08-02")})
        for k, o in objects.items()
    }
    events = {"overleg": calendar_event_of("overleg", "2024-06")}
    kinds = [f.kind for f in findings(pages, checked, events, TODAY)]
    assert "datum" not in kinds and "rol" not in kinds and "herzien" in kinds


def test_the_list_as_text_and_as_the_issue(snapshot):
    pages, objects = one_of_each_kind()
    found = findings(pages, objects, {"overleg": calendar_event_of("overleg", "2024-06")}, TODAY)
    found.append(
        Finding("link", "oud", "oud.md", 3, "Oude pagina", "https://example.org/weg geeft 404 (niet gevonden)")
    )
    text = report_text(found, TODAY)
    assert text.splitlines()[0] == "Onderhoud van de kennisbank op 15 augustus 2024: 6 punten."
    assert "  docs/agenda.md:6: Agenda: voorbij, maar de dag is niet vastgelegd" in text
    urls = {d: f"https://kennisbank.example/{d}.html" for d in pages}
    edits = {d: f"https://github.com/test/edit/main/docs/{d}.md" for d in pages}
    issue = report_markdown(found, TODAY, urls, edits, notes=["Externe links gecontroleerd: 1 werkt niet meer."])
    assert issue.splitlines()[1] == "<!-- onderhoud: 6 punten -->"
    assert issue == snapshot


def test_the_issue_text_cannot_be_made_to_link_or_mention():
    page = PageFacts("p", "p.md", "Titel [klik](https://kwaad.example) @iedereen `x`", D("2020-01-01"))
    found = findings({"p": page}, {}, {}, TODAY)
    issue = report_markdown(found, TODAY, {}, {})
    assert "[klik](" not in issue and "@iedereen" not in issue and "\\[klik\\]" in issue


def test_an_empty_list_says_so():
    assert report_text([], TODAY).startswith("Onderhoud van de kennisbank op 15 augustus 2024: niets te doen.")
    assert "<!-- onderhoud: 0 punten -->" in report_markdown([], TODAY, {}, {})


# -- the link check's answers ----------------------------------------------------------------


def test_only_a_link_its_site_says_is_gone_counts():
    results = [
        {"status": "broken", "code": 404, "uri": "https://a.example/weg"},
        {"status": "broken", "code": 410, "uri": "https://a.example/opgeheven"},
        {"status": "broken", "code": 0, "uri": "https://a.example/oud", "info": "404 Client Error: Not Found for url"},
        {"status": "broken", "code": 0, "uri": "https://geen-netwerk.example"},  # no network: unknown
        {"status": "broken", "code": 503, "uri": "https://storing.example"},  # a server error: unknown
        {"status": "broken", "code": 403, "uri": "https://weert-robots.example"},  # refuses robots: unknown
        {"status": "timeout", "code": 0, "uri": "https://traag.example"},
        {"status": "working", "code": 0, "uri": "https://goed.example"},
        {"status": "redirected", "code": 301, "uri": "https://verhuisd.example"},
    ]
    broken, unknown = classify(results)
    assert [r["uri"] for r in broken] == [
        "https://a.example/weg",
        "https://a.example/opgeheven",
        "https://a.example/oud",
    ]
    assert broken[2]["code"] == 404
    assert unknown == 3


def test_a_missing_link_field_is_a_placeholder_until_its_event_is_over():
    pages = {"agenda": PageFacts("agenda", "agenda.md", "Agenda", D("2024-01-01"))}
    fields = {"start": parse_when("2024-09-01"), "aanmelden": MissingLink()}
    objects = {"dag": KBObject("evenement", "dag", "Dag", "agenda", 3, fields, {"aanmelden": (8, 8)})}
    events = {"dag": calendar_event_of("dag", "2024-09-01")}
    assert [(f.kind, f.line) for f in findings(pages, objects, events, TODAY)] == [("plaatshouder", 8)]
    assert findings(pages, objects, events, D("2024-09-02")) == []
