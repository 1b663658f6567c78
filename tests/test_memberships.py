"""People as members of networks: ``rollen: lid; strategen`` on a person.

Shown on the network's page (under "Leden", organisations and people apart), on the
person's page, in the people directory and in the open data; pure model first.
"""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator

from conftest import html_files, warnings_of
from kennisbank.model.directories import network_members
from kennisbank.model.objects import KBObject, Role
from kennisbank.model.opendata import json_schema, record
from kennisbank.model.relations import RelationIndex, check_relations

pytestmark = pytest.mark.sphinx("html", testroot="gids")


# -- pure ------------------------------------------------------------------------


def objects(*items: KBObject) -> dict[str, KBObject]:
    return {o.id: o for o in items}


NETWORK = KBObject("netwerk", "strategen", "Strategennetwerk", "n", 1, {"leden": ("gouda", "delft", "onbekend")})
GOUDA = KBObject("organisatie", "gouda", "Gemeente Gouda", "o", 1, {"soort": "gemeente"})
DELFT = KBObject("organisatie", "delft", "Gemeente Delft", "o", 5, {"soort": "gemeente"})
BRAM = KBObject(
    "persoon", "bram", "Bram Bos", "p", 1, {"rollen": (Role("lid", "strategen"), Role("wethouder", "gouda"))}
)
ANNE = KBObject("persoon", "anne", "Anne Aa", "p", 9, {"rollen": (Role("voorzitter", "strategen", "sinds 2022"),)})
ALL = objects(NETWORK, GOUDA, DELFT, BRAM, ANNE)


def test_a_network_has_member_organisations_and_member_people_apart():
    members = network_members(RelationIndex(ALL, []), NETWORK)
    assert [o.id for o in members.organisations] == ["delft", "gouda"]  # A to Z; an unknown id was reported
    assert [(m.person.id, m.role.label) for m in members.people] == [
        ("anne", "voorzitter, sinds 2022"),
        ("bram", "lid"),
    ]


def test_a_role_may_point_at_a_network_but_not_at_a_theme():
    theme = KBObject("thema", "jeugd", "Jeugd", "t", 1)
    wrong = KBObject("persoon", "cor", "Cor", "p", 20, {"rollen": (Role("lid", "jeugd"),)}, {"rollen": (20, 21)})
    problems = check_relations(RelationIndex(objects(*ALL.values(), theme, wrong), []))
    assert [p.message for p in problems] == [
        "Netwerk 'strategen', veld 'leden': er bestaat geen organisatie met id 'onbekend'",
        "Persoon 'cor', veld 'rollen': 'jeugd' is een thema, maar hier hoort een organisatie of netwerk",
    ]


def test_the_open_data_says_whether_a_role_is_at_an_organisation_or_in_a_network():
    index = RelationIndex(ALL, [])
    data = record(BRAM, ALL, "https://x.example/p.html#kb-persoon-bram", index.outgoing("bram"))
    assert data["velden"]["rollen"] == [
        {"functie": "lid", "netwerk": "strategen", "periode": "", "vanaf": None, "tot": None},
        {"functie": "wethouder", "organisatie": "gouda", "periode": "", "vanaf": None, "tot": None},
    ]
    assert {"veld": "rollen", "doel": "strategen", "doeltype": "netwerk", "detail": "lid"} in data["relaties"]
    schema = json_schema("https://x.example")
    person = next(s for s in schema["properties"]["objecten"]["items"]["oneOf"] if s["title"] == "Persoon")
    roles = person["properties"]["velden"]["properties"]["rollen"]
    validator = Draft202012Validator(roles)
    assert list(validator.iter_errors(data["velden"]["rollen"])) == []
    assert list(validator.iter_errors([{"functie": "lid", "thema": "jeugd", "periode": ""}]))
    assert list(validator.iter_errors([{"functie": "lid", "netwerk": "x", "organisatie": "y", "periode": ""}]))


# -- the build -------------------------------------------------------------------


def page(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def texts(found) -> list[str]:
    return [" ".join(n.get_text(" ", strip=True).split()) for n in found]


def test_the_root_with_memberships_builds_clean(built_app):
    assert warnings_of(built_app) == ""


def test_the_network_page_lists_its_members_organisations_and_people_apart(built_app):
    soup = page(built_app, "netwerken")
    members = soup.find(id="leden-netwerk-juristen")
    assert members.find("h3").get_text(strip=True).startswith("Leden")
    groups = {
        g.select_one("p strong").get_text(strip=True): texts(g.select("ul > li"))
        for g in members.select("ul.kb-leden > li")
    }
    assert groups == {"Organisaties": ["Gemeente Gouda"], "Personen": ["Dirk Dekker (lid, sinds 2023)"]}
    assert members.select_one("a[href='organisaties.html#kb-organisatie-gouda']")
    assert members.select_one("a[href='personen.html#kb-persoon-dirk']")
    # The organisations are no longer a fact of their own; the people are not "Gerelateerd" too.
    facts = soup.find(id="kb-netwerk-juristen").select_one("dl.kb-facts").get_text(" ", strip=True)
    assert "Leden" not in facts
    strategen = texts(soup.select("#leden-netwerk-strategen ul.kb-leden > li"))
    assert strategen == ["Personen Dirk Dekker (voorzitter)"]
    assert "Dirk" not in soup.find(id="gerelateerd-netwerk-strategen").get_text()


def test_a_network_without_members_has_no_members_section(built_app):
    assert page(built_app, "netwerken").find(id="leden-netwerk-academie") is None


def test_the_person_page_shows_the_networks_among_the_roles(built_app):
    dirk = page(built_app, "personen").find(id="kb-persoon-dirk")
    roles = texts(dirk.select("dl.kb-facts ul > li"))
    assert roles == [
        "voorzitter, Strategennetwerk",
        "lid, Juristennetwerk (sinds 2023)",
        "beleidsadviseur, Gemeente Gouda",
    ]
    assert dirk.select_one("a[href='netwerken.html#kb-netwerk-strategen']")


def test_the_event_of_a_network_keeps_valid_structured_data(built_app):
    soup = page(built_app, "netwerken")
    (script,) = soup.select('script[type="application/ld+json"]')
    data = json.loads(script.string)
    assert data["@type"] == "Event" and data["organizer"]["name"] == "Strategennetwerk"
    assert data["organizer"]["url"] == "https://kennisbank.example/netwerken.html#kb-netwerk-strategen"
    assert {"name", "startDate", "location", "eventStatus", "url"} <= data.keys()


def test_the_open_data_of_the_build(built_app):
    data = json.loads((built_app.outdir / "kennisbank.json").read_text(encoding="utf-8"))
    schema = json.loads((built_app.outdir / "kennisbank.schema.json").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(data)) == []
    dirk = next(o for o in data["objecten"] if o["id"] == "dirk")
    assert dirk["velden"]["rollen"][:2] == [
        {
            "functie": "voorzitter",
            "netwerk": "strategen",
            "periode": "",
            "vanaf": None,
            "tot": None,
            "status": "huidig",
        },
        {
            "functie": "lid",
            "netwerk": "juristen",
            "periode": "sinds 2023",
            "vanaf": "2023",
            "tot": None,
            "status": "huidig",
        },
    ]


def test_becoming_a_member_on_another_page_equals_a_clean_build(copy_root, build, tmp_path):
    """The network's page is not read again, yet shows its new member; the person's role names
    the network by its title, which changes when the network is renamed."""
    srcdir = copy_root("gids")
    people = srcdir / "personen.md"
    build(srcdir, builddir=tmp_path / "inc")
    steps = [
        ("  wethouder; gouda\n", "  wethouder; gouda\n  lid; academie\n"),
        (
            ":status: actief\n```\n\n## Bijeenkomst",
            ":naam: Academie voor bestuurders\n:status: actief\n```\n\n## Bijeenkomst",
        ),
        ("  lid; academie\n", ""),
    ]
    for number, (old, new) in enumerate(steps):
        source = people if old in people.read_text() else srcdir / "netwerken.md"
        text = source.read_text()
        assert old in text
        source.write_text(text.replace(old, new))
        incremental = build(srcdir, builddir=tmp_path / "inc")
        clean = build(srcdir, builddir=tmp_path / f"clean-{number}")
        assert warnings_of(incremental) == warnings_of(clean) == ""
        assert html_files(incremental.outdir) == html_files(clean.outdir), number
        for name in ("kennisbank.json", "kennisbank.schema.json"):
            assert (incremental.outdir / name).read_bytes() == (clean.outdir / name).read_bytes()
        members = page(incremental, "netwerken").find(id="leden-netwerk-academie")
        zoe = page(incremental, "personen").find(id="kb-persoon-zoe").get_text(" ", strip=True)
        if number == 0:
            assert texts(members.select("ul.kb-leden li li")) == ["Zoë Aalders (lid)"]
        elif number == 1:
            assert re.search(r"lid, Academie voor bestuurders", zoe)
        else:
            assert members is None and "Academie" not in zoe
