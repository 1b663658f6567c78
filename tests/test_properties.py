"""Property-based: no contributor input crashes the build, and every mistake is located.

Hypothesis writes pages with objects of every type (and board packs), each field
either valid or deliberately malformed: empty, the wrong kind of value, dates that
do not exist, local times skipped by daylight saving, unknown time zones, unknown
ids, ids of the wrong type, very long text, control characters, markup. One build
checks a batch of such cases, so a few builds cover hundreds of them. Properties:

- the build finishes and writes a page for every source page;
- every message is ours (Dutch, type ``kennisbank.*``) and has a file and a line;
- no internal error ("Interne fout"), no traceback;
- every deliberately malformed field is reported at that field's own line, and every
  missing required field at the object's line.

``make test`` runs ``PROPERTY_BUILDS`` builds of ``CASES_PER_BUILD`` cases with a
fixed seed; set ``KENNISBANK_PROPERTY_BUILDS`` (``make test-eigenschappen``) for more.
"""

from __future__ import annotations

import json
import os
import re
import string
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from icalendar import Calendar

from conftest import CONF, build_once, settings_for_builds, warnings_of
from kennisbank.model.packs import PACK
from kennisbank.model.schema import TYPES, Field, Kind, ObjectType
from kennisbank.tools.checks import check_data

PROPERTY_BUILDS = int(os.environ.get("KENNISBANK_PROPERTY_BUILDS", "10"))
CASES_PER_BUILD = 40

#: Objects every case may point at, by type.
BASE_IDS = {
    "thema": ("jeugd",),
    "programma": ("novex",),
    "evenement": ("overleg",),
    "netwerk": ("juristen",),
    "organisatie": ("vng", "vzhg-bestuur"),
    "persoon": ("anne",),
}
BASE = """\
# Basis

## Jeugd

```{thema} jeugd
:samenvatting: Jeugdzorg.
```

## Novex

```{programma} novex
:thema: jeugd
```

## Overleg

```{evenement} overleg
:start: 2023-05-25 13:30
:organisator: vng
:thema: jeugd
:plaats: Gouda
```

## Juristen

```{netwerk} juristen
:coordinator: vng
```

## VNG

```{organisatie} vng
:soort: landelijke koepel
```

## Bestuur

```{organisatie} vzhg-bestuur
:soort: bestuursorgaan
```

## Anne

```{persoon} anne
:rollen: voorzitter; vzhg-bestuur
```
"""
LISTINGS = """\
# Overzichten

```{gids} netwerken
```

```{gids} expertise
```

```{gids} organisaties
```

```{gids} personen
```

```{agenda} komend
```

```{agenda} archief
```

```{maandoverzicht}
:maanden: 3
```
""" + "".join(f"\n```{{overzicht}} {kind}\n```\n" for kind in TYPES)
INDEX = "# Kennisbank\n\n```{toctree}\n:glob:\n\nbasis\noverzichten\ncases/*\n```\n"
EXTRA_CONF = 'kennisbank_reference_date = "2023-05-01"\nkennisbank_board_organisation = "vzhg-bestuur"\n'

# -- values ----------------------------------------------------------------------

#: Letters and signs of ordinary Dutch text, including what YAML or MyST might read as syntax inside a value.
TEXT_CHARS = string.ascii_letters + string.digits + " .,;:-()&*!?/@#%`<>éëïöü’€"
#: Control characters a contributor can paste in (not the ones Python treats as line breaks).
CONTROL = [chr(c) for c in (*range(0x00, 0x09), 0x7F, 0x1B)]
ZONES = ("Europe/Amsterdam", "Europe/London", "America/New_York", "Asia/Tokyo")


def plain_text(min_size: int = 1, max_size: int = 40):
    # A value must not start with a character MyST reads as syntax: that is its own case.
    return (
        st.text(TEXT_CHARS, min_size=min_size, max_size=max_size)
        .map(str.strip)
        .filter(lambda t: t and t[0] not in "'\">|-[{&*!%@`#")
    )


long_text = st.integers(300, 3000).map(lambda n: ("Brede welvaart " * n)[:n].strip())
markup = st.sampled_from(
    ["<script>alert(1)</script>", "**vet** en *schuin*", "{thema}`jeugd` in tekst", "<b>x</b> & y", "a]]>b"]
)
text = st.one_of(plain_text(), long_text, markup)


def dates(with_time: bool | None = None):
    day = st.dates(
        min_value=__import__("datetime").date(2022, 1, 1), max_value=__import__("datetime").date(2024, 12, 31)
    )
    exact = day.map(lambda d: d.isoformat())
    timed = st.tuples(day, st.integers(9, 17), st.sampled_from([0, 15, 30, 45])).map(
        lambda t: f"{t[0].isoformat()} {t[1]:02d}:{t[2]:02d}"
    )
    vague = st.one_of(day.map(lambda d: d.strftime("%Y-%m")), day.map(lambda d: str(d.year)))
    if with_time is True:
        return timed
    if with_time is False:
        return exact
    return st.one_of(exact, timed, vague)


def valid_value(spec: Field, kind_name: str):
    """A value the build must accept (other fields may still contradict it)."""
    ids = [i for target in spec.targets for i in BASE_IDS.get(target, ())]
    match spec.kind:
        case Kind.TEXT:
            return text
        case Kind.LINES:
            if spec.name == "onderdelen":
                return st.lists(
                    st.sampled_from(["jeugd", "novex", "juristen", "basis"]), min_size=1, max_size=3, unique=True
                )
            return st.lists(plain_text(), min_size=1, max_size=3)
        case Kind.URL:
            return st.sampled_from(["https://www.vzhg.nl/", "https://example.org/pad?x=1", "volgt"])
        case Kind.EMAIL:
            return st.sampled_from(["secretariaat@vzhg.nl", "info@example.org"])
        case Kind.WHEN:
            return dates()
        case Kind.TIMEZONE:
            return st.sampled_from(ZONES)
        case Kind.PHONE:
            return st.just("070 123 45 67")
        case Kind.NUMBER:
            return st.integers(0, 500).map(str)
        case Kind.CHOICE:
            return st.sampled_from(spec.choices)
        case Kind.CHOICES:
            return st.lists(st.sampled_from(spec.choices), min_size=1, unique=True).map(", ".join)
        case Kind.REF:
            return st.sampled_from(ids)
        case Kind.REFS:
            return st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True).map(", ".join)
        case Kind.WORDS:
            return st.lists(st.sampled_from(["jeugdzorg", "jeugdhulp", "sociaal domein"]), min_size=1, unique=True).map(
                ", ".join
            )
        case Kind.ROLES:
            return st.lists(
                st.tuples(st.sampled_from(["voorzitter", "lid", "wethouder"]), st.sampled_from(ids)).map(
                    lambda r: f"{r[0]}; {r[1]}"
                ),
                min_size=1,
                max_size=2,
            )
    raise AssertionError(spec.kind)


def bad_value(spec: Field):
    """A value the build must refuse, with a warning at the field's line."""
    wrong_type = [i for kind, ids in BASE_IDS.items() if kind not in spec.targets for i in ids]
    control = st.tuples(plain_text(max_size=10), st.sampled_from(CONTROL)).map(lambda t: f"a{t[1]}{t[0]}")
    generic = st.one_of(st.just(""), control)
    specific = {
        Kind.URL: st.sampled_from(["www.vzhg.nl", "ftp://vzhg.nl", "vzhg punt nl"]),
        Kind.EMAIL: st.sampled_from(["info@", "geen adres", "a@b"]),
        Kind.WHEN: st.sampled_from(
            [
                "2024-09-31 14:00",
                "25-09-2024 14:00",
                "25 september 2024",
                "2024-09-25 14:00 uur",
                "2023-13-01",
                "morgen",
            ]
        ),
        Kind.TIMEZONE: st.sampled_from(["Europe/Amstelveen", "CET+1", "Mars/Olympus"]),
        Kind.PHONE: st.sampled_from(["12", "bel ons"]),
        Kind.NUMBER: st.sampled_from(["-1", "drie", "1.5"]),
        Kind.CHOICE: st.just("iets anders"),
        Kind.CHOICES: st.just(f"{spec.choices[0]}, iets anders") if spec.choices else st.nothing(),
        Kind.REF: st.one_of(st.sampled_from(["bestaat-niet", "Brede Welvaart", "x_y"]), st.sampled_from(wrong_type)),
        Kind.REFS: st.one_of(st.sampled_from(["bestaat-niet", "jeugd, Nee Nee"]), st.sampled_from(wrong_type)),
        Kind.ROLES: st.sampled_from([["burgemeester"], ["a; b; c; d"], ["lid; bestaat-niet"], ["lid; jeugd"]]),
    }
    if spec.kind in specific and not (spec.kind in (Kind.REF, Kind.REFS) and not wrong_type):
        # The mistakes of the field's own kind are the interesting ones: draw them most.
        return st.one_of(specific[spec.kind], specific[spec.kind], specific[spec.kind], generic)
    return generic


# -- cases -----------------------------------------------------------------------


@dataclass
class Case:
    kind: str
    obj_id: str
    yaml: bool
    fields: list[tuple[str, object, bool]]  # name, value (text or lines), deliberately bad
    lines: dict[str, int] = field(default_factory=dict)  # filled in when written
    object_line: int = 0

    @property
    def spec(self) -> ObjectType:
        return PACK if self.kind == "bestuurspakket" else TYPES[self.kind]


@st.composite
def cases(draw) -> Case:
    kind = draw(st.sampled_from([*TYPES, "bestuurspakket"]))
    spec = PACK if kind == "bestuurspakket" else TYPES[kind]
    chosen = []
    gap = False
    for spec_field in spec.fields:
        if not draw(st.booleans()) and not (spec_field.required and draw(st.booleans())):
            continue
        bad = draw(st.integers(0, 3)) == 0
        value = draw(bad_value(spec_field) if bad else valid_value(spec_field, kind))
        chosen.append((spec_field.name, value, bad))
    names = [name for name, _, _ in chosen]
    if kind == "evenement" and "start" in names and "tijdzone" not in names and draw(st.integers(0, 5)) == 0:
        # A local time that does not exist: the clock jumps from 2.00 to 3.00 that night.
        chosen = [(n, "2024-03-31 02:30", True) if n == "start" else (n, v, b) for n, v, b in chosen]
        gap = True
    yaml = draw(st.booleans()) or any(isinstance(v, list) and len(v) > 1 for _, v, _ in chosen) or gap
    return Case(kind, "", yaml, chosen)


def block(case: Case) -> list[str]:
    """The directive's lines; remembers where each field stands."""
    head = f"```{{{case.kind}}}" + (f" {case.obj_id}" if case.kind != "bestuurspakket" else "")
    lines = [head]
    if case.yaml:
        lines.append("---")
    for name, value, _ in case.fields:
        case.lines[name] = len(lines)
        values = value if isinstance(value, list) else [value]
        if case.yaml and len(values) > 1:
            lines += [f"{name}: |", *(f"  {v}" for v in values)]
        elif case.yaml:
            lines.append(f"{name}: {values[0]}".rstrip())
        else:
            lines.append(f":{name}: {values[0]}".rstrip())
    if case.yaml:
        lines.append("---")
    lines.append("```")
    return lines


def write_project(root: Path, batch: list[Case]) -> Path:
    srcdir = root / "src"
    (srcdir / "cases").mkdir(parents=True)
    (srcdir / "conf.py").write_text(CONF + EXTRA_CONF, encoding="utf-8")
    (srcdir / "index.md").write_text(INDEX, encoding="utf-8")
    (srcdir / "basis.md").write_text(BASE, encoding="utf-8")
    (srcdir / "overzichten.md").write_text(LISTINGS, encoding="utf-8")
    for number, case in enumerate(batch):
        case.obj_id = f"geval-{number}"
        header = [f"# Geval {number}", "", f"## Object {number}", ""]
        case.object_line = len(header) + 1
        body = block(case)
        for name in case.lines:
            case.lines[name] += case.object_line
        text = "\n".join([*header, *body, ""])
        (srcdir / "cases" / f"geval-{number}.md").write_text(text, encoding="utf-8")
    return srcdir


JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
MESSAGE = re.compile(
    r"^(?P<path>/[^:]+):(?P<line>\d+): (?P<level>WARNING|ERROR): (?P<text>.*) \[kennisbank\.[a-z-]+\]$"
)


@pytest.mark.slow
@seed(20261129)
@settings(
    max_examples=PROPERTY_BUILDS,
    deadline=None,
    database=None,
    # Shrinking a batch means dozens of builds; the failing case is named in the message instead.
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
@given(batch=st.lists(cases(), min_size=CASES_PER_BUILD, max_size=CASES_PER_BUILD))
def test_any_input_builds_and_every_mistake_is_located(batch, tmp_path_factory):
    root = tmp_path_factory.mktemp("eigenschappen")
    srcdir = write_project(root, batch)
    app = build_once("html", srcdir, root / "_build")
    warnings = warnings_of(app)

    # Every message is ours, in Dutch, with a file and a line; none is an internal error.
    located: set[tuple[str, int]] = set()
    for line in warnings.splitlines():
        match = MESSAGE.match(line)
        assert match, f"bericht zonder bestand en regel, of niet van ons: {line}"
        assert "Interne fout" not in line and "Traceback" not in line, line
        located.add((Path(match["path"]).name, int(match["line"])))

    # Every page is written.
    for number in range(len(batch)):
        assert (app.outdir / "cases" / f"geval-{number}.html").exists()
    for page in ("index", "basis", "overzichten"):
        assert (app.outdir / f"{page}.html").exists()

    # What the build writes besides pages stays valid: open data, feeds, structured data.
    assert check_data(app.outdir) == []
    for feed in app.outdir.rglob("*.ics"):
        calendar = Calendar.from_ical(feed.read_bytes())
        assert all("DTSTART" in event for event in calendar.walk("VEVENT")), feed
    for page in app.outdir.rglob("*.html"):
        for data in JSON_LD.findall(page.read_text(encoding="utf-8")):
            assert "location" in json.loads(data), page

    # Every deliberate mistake is reported at its own line, every missing required field at the object's.
    for number, case in enumerate(batch):
        page = f"geval-{number}.md"
        for name, value, bad in case.fields:
            if bad:
                assert (page, case.lines[name]) in located, (page, case.lines[name], name, value, block(case))
        given_names = {name for name, _, _ in case.fields}
        for spec_field in case.spec.fields:
            if spec_field.required and spec_field.name not in given_names:
                assert (page, case.object_line) in located, (page, spec_field.name, warnings)


@pytest.mark.pdf
@seed(20261130)
@settings_for_builds(2)
@given(batch=st.lists(cases(), min_size=CASES_PER_BUILD, max_size=CASES_PER_BUILD))
def test_any_input_prints(batch, tmp_path_factory):
    """The PDF builder (whole knowledge base and every board pack) copes with the same input."""
    pytest.importorskip("weasyprint", reason="de PDF-extra (weasyprint) is niet geïnstalleerd")
    root = tmp_path_factory.mktemp("eigenschappen-pdf")
    app = build_once("kennisbank-pdf", write_project(root, batch), root / "_build")
    assert "Interne fout" not in warnings_of(app) and "Traceback" not in warnings_of(app)
    assert (app.outdir / "kennisbank.pdf").exists()
