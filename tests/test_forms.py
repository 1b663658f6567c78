"""The issue forms for new content: made from the schema and the sources, read back from GitHub's text.

- the generator against the schema: every type a contributor creates has a form, every
  field it asks is there with the schema's label, required where the schema requires it;
- the dropdowns of the committed forms list exactly the objects the built site has
  (its open data), and the committed forms are what `kennisbank formulieren` makes now;
- the issue-body parser on fixtures written as GitHub writes a submitted form
  (tests/fixtures/formulieren/), with Windows line ends, "_No response_", text over
  several lines, and Word's curly quotes;
- every value the scaffold writes reads back the same through MyST's own option parser.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from kennisbank.model.fieldhelp import asked
from kennisbank.model.schema import TYPES, Kind
from kennisbank.tools.cli import main as kennisbank
from kennisbank.tools.content import read_objects
from kennisbank.tools.forms import (
    CONSENT,
    DROPDOWN_TYPES,
    FOLDER,
    FORM_TYPES,
    ID,
    TEXT,
    TITLE,
    build_forms,
    generated_files,
    stale_files,
)
from kennisbank.tools.issuebody import parse_issue_body, split_options
from kennisbank.tools.scaffold import CREATABLE, field_line

ROOT = Path(__file__).parents[1]
FORMS_ROOT = Path(__file__).parent / "roots" / "test-forms"
FIXTURES = Path(__file__).parent / "fixtures" / "formulieren"
COMMITTED = ROOT / FOLDER


def forms_of(docs: Path) -> dict:
    return {form.kind: form for form in build_forms(docs)}


# -- the generator against the schema ----------------------------------------------------


def test_every_creatable_type_has_a_form_that_asks_its_fields():
    forms = forms_of(FORMS_ROOT)
    assert set(forms) == set(FORM_TYPES) == set(CREATABLE)
    for kind, form in forms.items():
        spec = CREATABLE[kind]
        ids = [e.id for e in form.body if e.type != "markdown"]
        assert ids[:2] == [TITLE, ID] and ids[-2:] == [TEXT, CONSENT], kind
        elements = {e.field.name: e for e in form.body if e.field is not None}
        expected = {
            f.name
            for f in spec.fields
            if asked(kind, f.name) and (f.name not in ("titel", "naam") or kind == "nieuwsbrief")
        }
        assert set(elements) == expected, kind
        for name, element in elements.items():
            field = spec.field(name)
            assert element.label == field.label and element.required == field.required, (kind, name)
            if field.example and element.type in ("input", "textarea") and kind != "nieuwsbrief":
                assert element.placeholder == field.example, (kind, name)
            if field.kind in (Kind.CHOICE, Kind.CHOICES):
                assert element.options == field.choices and element.multiple == (field.kind is Kind.CHOICES)
        # GitHub writes the answers under the labels: they must be unique, like the ids.
        labels = [e.label for e in form.body if e.type != "markdown"]
        assert len(labels) == len(set(labels)) and len(ids) == len(set(ids)), kind
        assert all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids)


def test_the_committed_forms_are_what_github_accepts():
    files = sorted(COMMITTED.glob("nieuw-*.yml"))
    assert [p.name for p in files] == [f"nieuw-{kind}.yml" for kind in FORM_TYPES]
    for path in files:
        form = yaml.safe_load(path.read_text(encoding="utf-8"))
        kind = path.stem.removeprefix("nieuw-")
        assert form["labels"] == [f"formulier-{kind}"]
        assert form["name"] and form["description"] and form["title"].startswith("[")
        for element in form["body"]:
            attributes = element["attributes"]
            assert set(element) <= {"type", "id", "attributes", "validations"}
            if element["type"] == "markdown":
                assert attributes["value"] and "id" not in element
                continue
            assert attributes["label"]
            if element["type"] == "dropdown":
                assert attributes["options"] and len(set(attributes["options"])) == len(attributes["options"])
                assert "None" not in attributes["options"]
            if element["type"] == "checkboxes":
                assert all(option["required"] is True for option in attributes["options"])
        required = {e["id"] for e in form["body"] if e.get("validations", {}).get("required")}
        spec = CREATABLE[kind]
        assert {f.name for f in spec.fields if f.required} | {"titel"} <= required | {"controle"}
    config = yaml.safe_load((COMMITTED / "config.yml").read_text(encoding="utf-8"))
    assert config["blank_issues_enabled"] is True
    assert config["contact_links"][0]["url"] == "https://vzhg.github.io/kennisbank/bijdragen/index.html"


def test_the_committed_forms_are_up_to_date():
    stale = stale_files(ROOT / "docs", COMMITTED)
    if stale and os.environ.get("GITHUB_BASE_REF"):
        # As make check there: a theme renamed in the browser, the forms made anew after the merge.
        pytest.skip(f"in een pull request een opmerking, geen fout: verouderd zijn {', '.join(stale)}")
    assert stale == [], (
        f"De formulieren in .github/ISSUE_TEMPLATE zijn verouderd ({', '.join(stale)}): "
        "draai `kennisbank formulieren` (of `make formulieren`) en commit het resultaat."
    )


def test_the_dropdowns_list_exactly_the_objects_of_the_built_site(docs_html):
    data = json.loads((Path(docs_html.outdir) / "kennisbank.json").read_text(encoding="utf-8"))
    built = {(o["type"], o["id"], o["titel"]) for o in data["objecten"]}
    read = {(o.kind, o.id, o.title) for o in read_objects(ROOT / "docs").values()}
    assert read == built  # the sources read as text give the build's own titles
    event = yaml.safe_load((COMMITTED / "nieuw-evenement.yml").read_text(encoding="utf-8"))
    dropdowns = {e["id"]: e["attributes"]["options"] for e in event["body"] if e["type"] == "dropdown"}
    for field in TYPES["evenement"].fields:
        if field.kind in (Kind.REF, Kind.REFS) and set(field.targets) <= set(DROPDOWN_TYPES):
            wanted = {f"{title} ({obj_id})" for kind, obj_id, title in built if kind in field.targets}
            assert set(dropdowns[field.name]) == wanted and wanted, field.name


def test_a_new_theme_makes_the_forms_stale_and_the_check_says_how_to_fix_it(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("GITHUB_BASE_REF", raising=False)  # in a pull request's job they would be a notice
    docs = tmp_path / "docs"
    shutil.copytree(FORMS_ROOT, docs)
    assert kennisbank(["formulieren", "--docs", str(docs)]) == 0
    assert "Bijgewerkt:" in capsys.readouterr().out
    assert kennisbank(["formulieren", "--docs", str(docs), "--controleer"]) == 0
    (docs / "themas" / "zorg.md").write_text("# Zorg\n\n```{thema} zorg\n```\n", encoding="utf-8")
    assert kennisbank(["formulieren", "--docs", str(docs), "--controleer"]) == 1
    err = capsys.readouterr().err
    assert "passen niet meer bij het schema en de inhoud" in err
    assert "nieuw-bericht.yml" in err and "nieuw-thema.yml" not in err  # only forms that list themes
    assert "Maak ze opnieuw met 'kennisbank formulieren' (of 'make formulieren')" in err
    assert kennisbank(["formulieren", "--docs", str(docs)]) == 0
    assert "Zorg (zorg)" in (tmp_path / FOLDER / "nieuw-evenement.yml").read_text(encoding="utf-8")
    assert stale_files(docs, tmp_path / FOLDER) == []


def test_a_form_left_over_from_a_removed_type_is_stale(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(FORMS_ROOT, docs)
    folder = tmp_path / FOLDER
    folder.mkdir(parents=True)
    for name, text in generated_files(docs).items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "nieuw-oud.yml").write_text("name: oud\n", encoding="utf-8")
    (folder / "melding.yml").write_text("name: een eigen formulier\n", encoding="utf-8")
    assert stale_files(docs, folder) == ["nieuw-oud.yml"]  # ours only; another template is left alone


# -- the issue-body parser ---------------------------------------------------------------


@pytest.mark.parametrize("line_end", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_a_submitted_event_reads_back_as_typed(line_end):
    form = forms_of(FORMS_ROOT)["evenement"]
    body = (FIXTURES / "evenement-goed.md").read_text(encoding="utf-8").replace("\n", line_end)
    answers = parse_issue_body(body, form)
    assert answers.missing == ()
    assert answers.texts[TITLE] == "Ledendag “Samen sterk” 2024"
    assert answers.texts[ID] == "" and answers.texts["online"] == ""  # _No response_
    assert answers.texts["samenvatting"] == "Een dag voor alle leden:\nbestuurders en ambtenaren."
    assert answers.texts["aanmelden"] == "“https://www.vzhg.nl/aanmelden”"  # as typed; the check takes the quotes off
    assert answers.choices["organisator"] == ("Vereniging van Zuid-Hollandse Gemeenten (vzhg)",)
    assert answers.choices["thema"] == ("Jeugd en gezin (jeugd)", "Wonen (wonen)")
    assert answers.choices["netwerk"] == ("Strategennetwerk, Zuid-Holland (strategen)",)  # a comma in a title
    assert answers.choices["deelname"] == () and answers.choices["programma"] == ()
    assert answers.choices[CONSENT] == (form.element(CONSENT).options[0],)
    text = answers.texts[TEXT]
    # A heading typed in the text is part of it; only the form's own labels start an answer.
    assert text.startswith("De ledendag staat dit jaar in het teken van ‘samen sterk’")
    assert "\n\n## Programma\n\n### Middag\n\n- 13:30 ontvangst\n" in text
    assert text.endswith("Meer over het thema leest u bij {thema}`wonen`.") and "\r" not in text


def test_unchecked_boxes_missing_headings_and_answers_typed_by_hand():
    form = forms_of(FORMS_ROOT)["evenement"]
    body = (
        "### Titel\r\n\r\nDag\r\n\r\n### Begin\r\n\r\n2024-01-02\r\n\r\n"
        "### Organisator\r\n\r\nvng\r\n\r\n### Thema’s\r\n\r\nWonen, Jeugd en gezin (jeugd), wonen\r\n\r\n"
        "### Controle\r\n\r\n- [ ] Er staan geen persoonlijke gegevens in\r\n"
    )
    answers = parse_issue_body(body, form)
    assert answers.texts == {TITLE: "Dag", "start": "2024-01-02"}
    assert answers.choices["organisator"] == ("vng",)
    assert answers.choices["thema"] == ("Wonen", "Jeugd en gezin (jeugd)", "wonen")
    assert answers.choices[CONSENT] == ()
    assert ID in answers.missing and "eind" in answers.missing


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("", ()),
        ("None", ()),
        ("A, B (b)", ("A, B (b)",)),  # an option whose title has a comma
        ("A, B (b), C (c)", ("A, B (b)", "C (c)")),
        ("A, C (c)", ("A", "C (c)")),  # "A" is no option: typed by hand
        ("C (c),A, B (b)", ("C (c)", "A, B (b)")),
        ("  A,   B (b)  ", ("A, B (b)",)),
    ],
)
def test_dropdown_answers_split_on_the_options_they_name(answer, expected):
    assert split_options(answer, ("A, B (b)", "C (c)")) == expected


# -- what the scaffold writes reads back the same -----------------------------------------


#: A line of a form's answer: anything but a line break (submission.py writes a text on one line).
LINE = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x85"), min_size=1
).map(str.strip)


def read_back(text: str) -> list:
    from myst_parser.parsers.options import options_to_items

    items, _state = options_to_items(text)
    return items


@settings(max_examples=300, deadline=None, derandomize=True)
@given(LINE.filter(bool))
def test_every_written_line_reads_back_through_myst(value):
    assert read_back(field_line("veld", value) + "\nander: x") in (
        [("veld", value), ("ander", "x")],
        [("veld", value + "\n"), ("ander", "x")],
    )


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.lists(LINE.filter(bool), min_size=2, max_size=4))
def test_every_written_list_of_lines_reads_back_through_myst(lines):
    value = "\n".join(lines)
    # Followed by the block's closing ---, as in a page: a literal block keeps its last line end.
    assert read_back(field_line("veld", value) + "\nander: x") == [("veld", value + "\n"), ("ander", "x")]


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("Markt 1", "veld: Markt 1"),
        ("Zaal #3", "veld: |\n  Zaal #3"),
        ('"Samen" sterk', 'veld: |\n  "Samen" sterk'),
        ("“Samen” sterk", "veld: “Samen” sterk"),
        ("> 100 deelnemers", "veld: |\n  > 100 deelnemers"),
        ("een: twee", "veld: een: twee"),
    ],
)
def test_values_are_written_plainly_when_that_is_safe(value, written):
    assert field_line("veld", value) == written


def test_contributing_names_every_type_a_contributor_creates():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for kind in CREATABLE:
        assert f"`{kind}`" in text, kind


def test_the_preview_draws_every_element_of_a_form():
    from bs4 import BeautifulSoup

    from conftest import script_module

    form = yaml.safe_load((COMMITTED / "nieuw-evenement.yml").read_text(encoding="utf-8"))
    with script_module(ROOT / "scripts" / "form_preview.py") as preview:
        soup = BeautifulSoup(preview.render(form), "html.parser")
    elements = [e for e in form["body"] if e["type"] != "markdown"]
    labels = [
        label.get_text(" ", strip=True)
        for label in soup.select("div.element > label:not(.checkbox), div.element > .label")
    ]
    required = [e for e in elements if e.get("validations", {}).get("required")]
    # The issue's own title first, then every element, a red * on exactly the required ones.
    assert labels[0] == "Add a title *"
    assert [label.removesuffix(" *") for label in labels[1:]] == [e["attributes"]["label"] for e in elements]
    assert sum(label.endswith(" *") for label in labels[1:]) == len(required)
    for element in elements:
        shown = soup.find(id=element["id"]) if element["type"] != "checkboxes" else None
        if element["type"] in ("input", "textarea"):
            assert shown.get("placeholder", "") == element["attributes"].get("placeholder", "")
        if element["type"] == "dropdown":
            listed = [li.get_text() for li in shown.find_next_sibling("ul").find_all("li")]
            assert listed == element["attributes"]["options"]
    assert "Bijdragen aan de kennisbank" in soup.get_text()  # the introduction, as Markdown
