"""Each object type: declared, referenced by its role, and backlinked."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import warnings_of

pytestmark = pytest.mark.sphinx("html", testroot="basic")


@pytest.fixture
def site(built_app):
    def page(name: str) -> BeautifulSoup:
        return BeautifulSoup((built_app.outdir / f"{name}.html").read_text(encoding="utf-8"), "html.parser")

    return page


def test_the_root_builds_without_warnings(built_app):
    assert warnings_of(built_app) == ""


def text(node) -> str:
    """Visible text, without the spaces BeautifulSoup puts before punctuation."""
    return re.sub(r"\s+([:,)])", r"\1", node.get_text(" ", strip=True))


def links(soup, selector: str = "") -> dict[str, str]:
    return {a.get_text(" ", strip=True): a["href"] for a in soup.select(f"{selector} a.reference.internal")}


def related(soup, anchor: str) -> dict[str, list[str]]:
    """The "Gerelateerd" groups of one object: group label -> entry texts."""
    key = anchor.removeprefix("kb-")
    section = soup.find(id=f"gerelateerd-{key}")
    if section is None:  # an entry on a shared page: a rubric inside the object
        section = soup.find(id=f"kb-{key}")
    groups = {}
    for item in section.select("ul.kb-gerelateerd > li"):
        label = item.find("strong").get_text()
        groups[label] = [text(li) for li in item.select("ul > li")]
    return groups


def test_every_type_is_declared_with_an_anchor(site):
    assert site("themas/jeugd").find(id="kb-thema-jeugd")
    assert site("themas/wonen").find(id="kb-programma-woningbouw")
    assert site("agenda/overleg").find(id="kb-evenement-overleg-jeugd")
    mensen = site("mensen")
    for anchor in ("kb-netwerk-juristen", "kb-organisatie-rijk", "kb-persoon-anne"):
        assert mensen.find(id=anchor), anchor


def test_roles_link_with_the_object_title(site):
    found = links(site("index"), "[role=main] section > p")
    assert found == {
        "Jeugd": "themas/jeugd.html#kb-thema-jeugd",
        "Over wonen": "themas/wonen.html#kb-thema-wonen",
        "Programma Woningbouw": "themas/wonen.html#kb-programma-woningbouw",
        "Overleg jeugd": "agenda/overleg.html#kb-evenement-overleg-jeugd",
        "Juristennetwerk": "mensen.html#kb-netwerk-juristen",
        "Rijksoverheid": "mensen.html#kb-organisatie-rijk",
        "Anne": "mensen.html#kb-persoon-anne",
    }
    # A tooltip names the object only where the link text does not.
    tooltips = {a.get_text(): a.get("title") for a in site("index").select("[role=main] section > p a")}
    assert tooltips["Over wonen"] == "Wonen"
    assert tooltips["Jeugd"] is None and tooltips["Anne"] is None


def test_missing_link_is_marked_not_linked(site):
    index = site("index")
    marker = index.select_one(".kb-link-volgt")
    assert marker.get_text() == "[link volgt]"
    assert marker.find_parent("a") is None
    assert not index.select('[role=main] a[href="#"]')


def test_facts_are_rendered_with_dutch_dates_and_links(site):
    facts = text(site("agenda/overleg").select_one("dl.kb-facts"))
    assert "Wanneer: donderdag 25 mei 2023, 13.30–16.00 uur" in facts
    assert "Waar: Eenhoorn Amersfoort, Barchman Wuytierslaan 2, 3818 LH Amersfoort" in facts
    assert "Organisator: Rijksoverheid" in facts
    assert "Aanmelden: [link volgt]" in facts


def test_theme_backlinks_are_grouped_by_type_and_sorted(site):
    # Events are not repeated here: a theme lists them in its own agenda section.
    assert related(site("themas/jeugd"), "kb-thema-jeugd") == {
        "Programma’s": ["Programma Woningbouw"],  # the heading says what it is
        "Genoemd op": ["Kennisbank test"],
    }


def test_organisation_backlinks_cover_every_relation(site):
    assert related(site("mensen"), "kb-organisatie-rijk") == {
        "Programma’s": ["Programma Woningbouw (eigenaar)"],
        "Bijeenkomsten": ["donderdag 25 mei 2023, 13.30 uur: Overleg jeugd (organisator)"],
        "Netwerken": ["Juristennetwerk (coördinator)"],
        "Personen": ["Anne (gedeputeerde, 2023)"],
        "Genoemd op": ["Kennisbank test"],
    }


def test_partner_and_speaker_backlinks(site):
    mensen = site("mensen")
    assert related(mensen, "kb-netwerk-strategen") == {"Netwerken": ["Juristennetwerk (partner)"]}
    assert related(mensen, "kb-persoon-anne")["Bijeenkomsten"] == [
        "donderdag 25 mei 2023, 13.30 uur: Overleg jeugd (spreker)"
    ]


def test_page_objects_get_a_real_section_entries_a_rubric(site):
    jeugd = site("themas/jeugd")
    section = jeugd.find(id="gerelateerd-thema-jeugd")
    assert section.name == "section" and section.h2.get_text(strip=True).startswith("Gerelateerd")
    # It comes after the page's own sub-sections, beside them (not inside one).
    assert section.find_previous_sibling("section", id="subkop")
    entry = site("themas/wonen").find(id="kb-programma-woningbouw")
    assert entry.select_one("p.rubric.kb-gerelateerd-titel").get_text() == "Gerelateerd"


def test_overview_lists_every_theme_in_order(site):
    items = [text(li) for li in site("index").select("ul.kb-overzicht-thema > li")]
    assert items == ["Jeugd: Jeugdzorg en onderwijs.", "Wonen"]


@pytest.mark.sphinx(confoverrides={"kennisbank_ignore_mentions_from": ["ind*"]})
def test_mentions_from_ignored_pages_are_no_backlinks(app):
    app.build()
    page = BeautifulSoup((app.outdir / "themas/jeugd.html").read_text(encoding="utf-8"), "html.parser")
    assert "Genoemd op" not in related(page, "kb-thema-jeugd")


@pytest.mark.sphinx(confoverrides={"kennisbank_ignore_mentions_from": [1]})
def test_invalid_setting_stops_the_build(app_params, make_app):
    from sphinx.errors import ConfigError

    with pytest.raises(ConfigError, match="lijst van patronen"):
        make_app(*app_params.args, **app_params.kwargs)
