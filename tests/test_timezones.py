"""Time zones: VTIMEZONE onsets as RFC 5545 defines them, skipped and doubled local times.

The expected transitions come from Python's ``zoneinfo`` (the IANA database),
found by scanning; the VTIMEZONE is read back with our own small resolver, so
neither side trusts the code under test.
"""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar

from conftest import warnings_of
from kennisbank.formats.vtimezone import timezone_component

ZONES = (
    "Europe/Amsterdam",
    "Europe/London",
    "America/New_York",
    "America/Sao_Paulo",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Asia/Tokyo",
)


def zoneinfo_transitions(
    zone: str, first: dt.date, last: dt.date
) -> set[tuple[dt.datetime, dt.timedelta, dt.timedelta]]:
    """Every change of UTC offset in [first, last): (UTC instant, offset before, offset after)."""
    tz = ZoneInfo(zone)
    moment = dt.datetime(first.year, first.month, first.day, tzinfo=dt.UTC)
    end = dt.datetime(last.year, last.month, last.day, tzinfo=dt.UTC)
    found = set()
    step = dt.timedelta(hours=6)
    while moment < end:
        before, after = moment.astimezone(tz).utcoffset(), (moment + step).astimezone(tz).utcoffset()
        if before != after:
            low, high = moment, moment + step
            while high - low > dt.timedelta(seconds=1):
                middle = low + (high - low) / 2
                low, high = (middle, high) if middle.astimezone(tz).utcoffset() == before else (low, middle)
            found.add((high.replace(microsecond=0, tzinfo=None), before, after))
        moment += step
    return found


def emitted_transitions(vtimezone) -> set[tuple[dt.datetime, dt.timedelta, dt.timedelta]]:
    """Every onset of a VTIMEZONE as a UTC instant: local onset minus TZOFFSETFROM (RFC 5545 3.6.5)."""
    found = set()
    for observance in vtimezone.subcomponents:
        before, after = observance["TZOFFSETFROM"].td, observance["TZOFFSETTO"].td
        if before == after:
            continue
        assert "RRULE" not in observance, "expand RRULEs too if the library starts writing them"
        onsets = [observance["DTSTART"].dt]
        rdates = observance.get("RDATE", [])
        for dates in rdates if isinstance(rdates, list) else [rdates]:
            onsets += [d.dt for d in dates.dts]
        found |= {(onset - before, before, after) for onset in onsets}
    return found


@pytest.mark.parametrize("zone", ZONES)
def test_every_onset_we_emit_matches_zoneinfo_from_1970_to_2037(zone):
    first, last = dt.date(1970, 1, 1), dt.date(2038, 1, 1)
    emitted = emitted_transitions(timezone_component(zone, first, last))
    assert emitted == zoneinfo_transitions(zone, first, last)


def test_the_library_alone_is_still_wrong():
    """Remove vtimezone.py's correction once this fails: icalendar then writes the onsets right."""
    from icalendar import Timezone

    library = Timezone.from_tzid("Europe/Amsterdam", first_date=dt.date(2023, 1, 1), last_date=dt.date(2024, 1, 1))
    expected = zoneinfo_transitions("Europe/Amsterdam", dt.date(2023, 1, 1), dt.date(2024, 1, 1))
    assert emitted_transitions(library) != expected


# -- in a built site ---------------------------------------------------------------

EVENTS = """\
# Agenda

```{evenement} herfst
:titel: Herfstnacht
:start: 2026-10-25 02:30
:eind: 2026-10-25 04:00
:organisator: vng
:plaats: Gouda
```

```{evenement} new-york
:titel: New York
:start: 2025-11-02 01:30
:tijdzone: America/New_York
:organisator: vng
:online: https://example.org/live
```

```{evenement} sydney
:titel: Sydney
:start: 2024-04-07 02:30
:tijdzone: Australia/Sydney
:organisator: vng
:plaats: Sydney
```

```{evenement} lente
:titel: Lente
:start: 2026-03-29 01:30
:eind: 2026-03-29 03:30
:organisator: vng
:plaats: Delft
```

```{organisatie} vng
:naam: VNG
:soort: landelijke koepel
```
"""


@pytest.fixture(scope="module")
def zones_app(tmp_path_factory):
    from conftest import CONF, build_once

    srcdir = tmp_path_factory.mktemp("zones") / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(CONF + 'kennisbank_reference_date = "2024-01-01"\n', encoding="utf-8")
    (srcdir / "index.md").write_text("# Index\n\n```{toctree}\nagenda\n```\n", encoding="utf-8")
    (srcdir / "agenda.md").write_text(EVENTS, encoding="utf-8")
    return build_once("html", srcdir, srcdir.parent / "_build")


def resolve(local: dt.datetime, vtimezone) -> dt.datetime:
    """A local time read through a VTIMEZONE as a client does: the first occurrence (RFC 5545 3.3.5)."""
    changes = sorted(emitted_transitions(vtimezone))
    offsets = {offset for _, before, after in changes for offset in (before, after)}

    def offset_at(instant: dt.datetime) -> dt.timedelta:
        current = changes[0][1]
        for when, _, after in changes:
            if when <= instant:
                current = after
        return current

    candidates = [local - offset for offset in offsets if offset_at(local - offset) == offset]
    return min(candidates)


def test_feed_timezones_match_zoneinfo_and_doubled_times_are_summer_time(zones_app):
    calendar = Calendar.from_ical((zones_app.outdir / "agenda.ics").read_bytes())
    vtimezones = {str(tz["TZID"]): tz for tz in calendar.walk("VTIMEZONE")}
    assert set(vtimezones) == {"Europe/Amsterdam", "America/New_York", "Australia/Sydney"}
    for zone, vtimezone in vtimezones.items():
        # The feed covers the year before the first event to two years after the last.
        emitted = emitted_transitions(vtimezone)
        assert emitted == zoneinfo_transitions(zone, dt.date(2023, 1, 1), dt.date(2028, 1, 1)), zone
    events = {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    autumn = events["evenement-herfst"]["DTSTART"].dt
    assert autumn.replace(tzinfo=None) == dt.datetime(2026, 10, 25, 2, 30)
    # Read through our VTIMEZONE, 2.30 that night is the first 2.30: 0.30 UTC, summer time.
    assert resolve(autumn.replace(tzinfo=None), vtimezones["Europe/Amsterdam"]) == dt.datetime(2026, 10, 25, 0, 30)
    new_york = events["evenement-new-york"]["DTSTART"].dt.replace(tzinfo=None)
    assert resolve(new_york, vtimezones["America/New_York"]) == dt.datetime(2025, 11, 2, 5, 30)  # EDT, -4


def test_doubled_time_is_resolved_the_same_way_on_the_page_and_in_json_ld(zones_app):
    soup = BeautifulSoup((zones_app.outdir / "agenda.html").read_text(encoding="utf-8"), "html.parser")
    herfst = soup.select_one("#kb-evenement-herfst").parent
    assert "zondag 25 oktober 2026, 2.30–4.00 uur (2.30 uur zomertijd)" in herfst.get_text(" ", strip=True)
    sydney = soup.select_one("#kb-evenement-sydney").parent
    assert "2.30 uur (zomertijd)" in sydney.get_text(" ", strip=True)
    data = {d["name"]: d for d in (json.loads(s.string) for s in soup.select('script[type="application/ld+json"]'))}
    assert data["Herfstnacht"]["startDate"] == "2026-10-25T02:30:00+02:00"
    assert data["New York"]["startDate"] == "2025-11-02T01:30:00-04:00"
    assert data["Sydney"]["startDate"] == "2024-04-07T02:30:00+11:00"


def test_a_span_across_the_spring_change_is_built_without_warning(zones_app):
    """1.30 and 3.30 both exist; the event lasts one real hour, and the instants say so."""
    assert warnings_of(zones_app) == ""
    calendar = Calendar.from_ical((zones_app.outdir / "feeds" / "evenement" / "lente.ics").read_bytes())
    (event,) = calendar.walk("VEVENT")
    start, end = (event[name].dt.astimezone(dt.UTC) for name in ("DTSTART", "DTEND"))
    assert end - start == dt.timedelta(hours=1)
