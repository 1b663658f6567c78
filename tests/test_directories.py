"""Directories of networks, organisations and people; the open data export."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator

from conftest import html_files, warnings_of
from kennisbank.model.opendata import dumps, export_document
from kennisbank.sphinx_ext.addresses import page_url
from kennisbank.sphinx_ext.buildstate import build_state
from kennisbank.sphinx_ext.domain import kb_domain
from kennisbank.writers.opendata import RECORDS_CACHE

pytestmark = pytest.mark.sphinx("html", testroot="gids")


@pytest.fixture
def gids(built_app):
    return built_app


def test_the_root_builds_without_warnings(gids):
    assert warnings_of(gids) == ""


def page(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def texts(nodes) -> list[str]:
    # Sphinx cloaks e-mail addresses with spans; join those back up.
    return [" ".join(n.get_text(" ", strip=True).split()).replace(" @ ", "@").replace(" . ", ".") for n in nodes]


def network_table(soup: BeautifulSoup) -> tuple[list[str], list[list[str]]]:
    table = soup.select_one("table#kb-netwerken-tabel")
    rows = [[" | ".join(texts(td.select("p"))) for td in tr.select("td")] for tr in table.select("tbody tr")]
    return texts(table.select("thead th")), rows


def test_networks_a_to_z_with_key_facts(gids):
    soup = page(gids, "gids")
    headers, rows = network_table(soup)
    # No network in this root has a summary: that column is left out.
    assert headers == ["Netwerk", "Kenmerken", "Aansluiten"]
    assert rows == [
        ["Academie", "Status: actief", "[volgt]"],
        [
            "Juristennetwerk",
            "Status: in oprichting | Coördinatie: VNG | Bijeenkomsten: circa 2 keer per jaar, digitaal of fysiek"
            " | Omvang: beoogd 10-20 juristen | Contact: juristen@vng.example",
            "[volgt]",
        ],
        ["Strategennetwerk", "Status: actief | Coördinatie: Vereniging | Omvang: 60 deelnemers", "mail de coördinator"],
    ]
    assert soup.select_one("table#kb-netwerken-tabel a[href='netwerken.html#kb-netwerk-juristen']")


def test_every_network_says_how_to_join_or_that_it_follows(gids):
    table = page(gids, "gids").select_one("table#kb-netwerken-tabel")
    join = [tr.select("td")[-1] for tr in table.select("tbody tr")]
    marked = [(td.get_text(strip=True), td.select_one(".kb-link-volgt") is not None) for td in join]
    assert marked == [("[volgt]", True), ("[volgt]", True), ("mail de coördinator", False)]
    # The network's own page says the same, in its facts.
    facts = page(gids, "netwerken").find(id="kb-netwerk-academie").select_one("dl.kb-facts")
    assert "Aansluiten : [volgt]" in facts.get_text(" ", strip=True)
    assert facts.select_one(".kb-link-volgt")


NETWORKS_WITHOUT_FACTS = """# Netwerken

```{netwerk} alfa
:naam: Alfa
:samenvatting: Het eerste netwerk.
```

```{netwerk} beta
:naam: Beta
:aansluiten: via de website
```

```{gids} netwerken
```
"""


def test_a_column_empty_for_every_network_is_left_out(write_source, build):
    app = build(write_source({"index.md": NETWORKS_WITHOUT_FACTS}))
    assert warnings_of(app) == ""
    headers, rows = network_table(page(app, "index"))
    assert headers == ["Netwerk", "Omschrijving", "Aansluiten"]  # no network has "Kenmerken"
    assert rows == [["Alfa", "Het eerste netwerk.", "[volgt]"], ["Beta", "", "via de website"]]


def test_networks_by_area_of_expertise(gids):
    box = page(gids, "gids").select_one(".kb-gids-expertise")
    groups = {
        g.select_one(".kb-filter-label").get_text(strip=True): texts(g.select(".kb-filter-item"))
        for g in box.select(".kb-filter-group")
    }
    assert groups == {
        "Gemeentewet": ["Juristennetwerk"],
        "Omgevingsrecht": ["Juristennetwerk"],
        "Strategie": ["Strategennetwerk"],
        "Zonder vastgelegd vakgebied": ["Academie"],
    }
    assert list(groups)[-1] == "Zonder vastgelegd vakgebied"


def test_organisations_with_people_networks_and_events(gids):
    entries = {
        e.find("strong").get_text(strip=True): e for e in page(gids, "gids").select(".kb-gids-organisaties > ul > li")
    }
    assert list(entries) == ["Bestuur van de vereniging", "Gemeente Gouda", "Vereniging", "VNG"]
    vng = texts(entries["VNG"].select("li"))
    assert vng == [
        "Mensen: Carla Claes (beleidsmedewerker)",
        "Netwerken: Juristennetwerk (coördinator)",
        "Bijeenkomsten: Bijeenkomst (donderdag 1 juni 2023)",
    ]
    assert texts(entries["Gemeente Gouda"].select("li")) == [
        "Mensen: Dirk Dekker (beleidsadviseur), Zoë Aalders (wethouder)",
        "Netwerken: Juristennetwerk (lid)",
    ]
    assert "Onderdelen: Bestuur van de vereniging" in texts(entries["Vereniging"].select("li"))


def test_people_by_organisation_and_role_board_first_then_networks(gids):
    groups = page(gids, "gids").select(".kb-gids-personen .kb-filter-group")
    listing = [
        (g.select_one(".kb-filter-label").get_text(" ", strip=True), texts(g.select(".kb-filter-item"))) for g in groups
    ]
    assert listing == [
        ("Bestuur van de vereniging", ["Bram Bos (voorzitter, sinds 2021)", "Zoë Aalders (lid)"]),
        ("Gemeente Gouda", ["Dirk Dekker (beleidsadviseur)", "Zoë Aalders (wethouder)"]),
        ("VNG", ["Carla Claes (beleidsmedewerker)"]),
        ("Juristennetwerk (netwerk)", ["Dirk Dekker (lid, sinds 2023)"]),
        ("Strategennetwerk (netwerk)", ["Dirk Dekker (voorzitter)"]),
    ]


def test_partners_show_in_both_directions(gids):
    soup = page(gids, "netwerken")
    own = soup.find(id="kb-netwerk-juristen").select_one("dl.kb-facts").get_text(" ", strip=True)
    assert "Partners : Strategennetwerk" in own
    other = soup.find(id="gerelateerd-netwerk-strategen")
    assert texts(other.select("ul.kb-gerelateerd > li > ul > li")) == ["Juristennetwerk (partner)"]


def test_network_page_shows_themes_events_and_partners(gids):
    agenda = page(gids, "netwerken").find(id="agenda-netwerk-juristen")
    assert "Bijeenkomst" in agenda.select_one("ul.kb-agenda-komend").get_text()


def test_filter_is_progressive_enhancement(gids):
    soup = page(gids, "gids")
    boxes = soup.select(".kb-filterbaar")
    assert len(boxes) == 4
    assert all(box.select(".kb-filter-item") for box in boxes)
    assert not soup.select("[role=main] input")  # the script adds it; without it the full list shows
    scripts = [s["src"].partition("?")[0] for s in soup.select("script[src]")]
    assert "_static/kennisbank.js" in scripts
    script = (gids.outdir / "_static" / "kennisbank.js").read_text(encoding="utf-8")
    assert "http" not in script and "kb-filter-item" in script
    assert 'createElement("label")' in script  # the field it adds gets a <label>


def test_personal_contact_with_recorded_basis_is_published(gids):
    carla = page(gids, "personen").find(id="kb-persoon-carla")
    assert carla.select_one("a[href^=mailto]")["href"] == "mailto:carla%40vng.example"
    assert "toestemming" in carla.get_text()


# -- open data -------------------------------------------------------------


def test_export_validates_against_its_schema(gids):
    data = json.loads((gids.outdir / "kennisbank.json").read_text(encoding="utf-8"))
    schema = json.loads((gids.outdir / "kennisbank.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    errors = list(Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).iter_errors(data))
    assert errors == []
    ids = [(o["type"], o["id"]) for o in data["objecten"]]
    assert len(ids) == 13 and ids[0] == ("evenement", "overleg")
    juristen = next(o for o in data["objecten"] if o["id"] == "juristen")
    assert juristen["url"] == "https://kennisbank.example/netwerken.html#kb-netwerk-juristen"
    assert juristen["velden"]["expertise"] == ["Omgevingsrecht", "Gemeentewet"]
    assert {"veld": "partners", "doel": "strategen", "doeltype": "netwerk", "detail": ""} in juristen["relaties"]
    zoe = next(o for o in data["objecten"] if o["id"] == "zoe")
    assert zoe["velden"]["rollen"][0] == {
        "functie": "lid",
        "organisatie": "bestuur",
        "periode": "",
        "vanaf": None,
        "tot": None,
        "status": "huidig",
    }


def test_schema_rejects_what_the_build_would_refuse(gids):
    data = json.loads((gids.outdir / "kennisbank.json").read_text(encoding="utf-8"))
    schema = json.loads((gids.outdir / "kennisbank.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema)
    broken = json.loads(json.dumps(data))
    network = next(o for o in broken["objecten"] if o["id"] == "juristen")
    network["velden"]["status"] = "slapend"
    assert list(validator.iter_errors(broken))
    network["velden"]["status"] = "actief"
    network["velden"]["onbekend"] = "x"
    assert list(validator.iter_errors(broken))


def test_export_is_deterministic(gids, app_params, make_app):
    parallel = make_app(*app_params.args, **app_params.kwargs, parallel=2)  # the same root, built again
    parallel.build()
    for name in ("kennisbank.json", "kennisbank.schema.json"):
        assert (gids.outdir / name).read_bytes() == (parallel.outdir / name).read_bytes()


def test_a_record_follows_the_objects_it_points_at_in_an_incremental_build(copy_root, build, tmp_path):
    """Zoë's page is not read again, but her record names the type of each organisation she
    has a role in: the record kept from the last build must not be reused."""
    srcdir = copy_root("gids")
    first = build(srcdir, builddir=tmp_path / "inc")
    read_at = first.env.all_docs["personen"]
    cached = pickle.loads((Path(first.doctreedir) / RECORDS_CACHE).read_bytes())["data"]
    assert len(cached) == 13
    organisations = srcdir / "organisaties.md"
    organisations.write_text(organisations.read_text().split("## Gouda")[0])
    incremental = build(srcdir, builddir=tmp_path / "inc")
    assert incremental.env.all_docs["personen"] == read_at  # not read again
    clean = build(srcdir, builddir=tmp_path / "clean")
    assert (incremental.outdir / "kennisbank.json").read_bytes() == (clean.outdir / "kennisbank.json").read_bytes()
    data = json.loads((incremental.outdir / "kennisbank.json").read_text(encoding="utf-8"))
    zoe = next(o for o in data["objecten"] if o["id"] == "zoe")
    assert {"veld": "rollen", "doel": "gouda", "doeltype": None, "detail": "wethouder"} in zoe["relaties"]
    assert "er bestaat geen organisatie met id 'gouda'" in warnings_of(incremental)


def test_the_written_export_is_the_export_encoded_at_once(gids):
    """The build joins each object's encoded record; the file must be what encoding the
    whole export at once gives."""
    domain = kb_domain(gids.env)
    url_of = lambda obj: page_url(gids.builder, obj.docname, obj.anchor)  # noqa: E731
    today = build_state(gids.env).settings.today()
    whole = dumps(export_document(domain.objects, url_of, gids.config.project, "https://kennisbank.example", today))
    assert (gids.outdir / "kennisbank.json").read_text(encoding="utf-8") == whole


def test_moving_a_person_to_another_role_equals_a_clean_build(copy_root, build, tmp_path):
    srcdir = copy_root("gids")
    build(srcdir, builddir=tmp_path / "inc")
    people = srcdir / "personen.md"
    people.write_text(people.read_text().replace("  voorzitter; bestuur; sinds 2021", "  directeur; vng; sinds 2023"))
    incremental = build(srcdir, builddir=tmp_path / "inc")
    clean = build(srcdir, builddir=tmp_path / "clean")
    assert html_files(incremental.outdir) == html_files(clean.outdir)
    assert (incremental.outdir / "kennisbank.json").read_bytes() == (clean.outdir / "kennisbank.json").read_bytes()
    groups = page(incremental, "gids").select(".kb-gids-personen .kb-filter-group")
    assert texts(groups[0].select(".kb-filter-item")) == ["Zoë Aalders (lid)"]
    assert "Bram Bos (directeur, sinds 2023)" in texts(groups[2].select(".kb-filter-item"))
