"""`kennisbank controleer` (make check) starts from empty folders, and empties only its own."""

from __future__ import annotations

import pytest

from kennisbank.tools.checks import OWN_FOLDER, clear_folder
from kennisbank.tools.cli import main as kennisbank


def test_a_deleted_page_leaves_no_false_dead_link_in_the_next_check(copy_root, monkeypatch, capsys):
    docs = copy_root("workflow")
    # A meeting on the theme's page: the theme then has an agenda, which links its own feed.
    with (docs / "themas" / "wonen.md").open("a", encoding="utf-8") as page:
        page.write(
            "\n```{evenement} woondag\n:titel: Woondag\n:start: 2023-05-25\n:organisator: vng\n:thema: wonen\n```\n"
        )
    monkeypatch.chdir(docs.parent)
    check = ["controleer", "--docs", "workflow", "--uitvoer", "out"]
    assert kennisbank(check) == 0
    page, feed = docs.parent / "out" / "themas" / "wonen.html", "../feeds/thema/wonen.ics"
    assert feed in page.read_text(encoding="utf-8")  # the page links its own feed
    # The contributor deletes the page and its toctree entry; the feed goes with it.
    (docs / "themas" / "wonen.md").unlink()
    index = docs / "themas" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("\nwonen\n", "\n"), encoding="utf-8")
    capsys.readouterr()
    assert kennisbank(check) == 0
    out, err = capsys.readouterr()
    assert "geen problemen gevonden" in out and "dode link" not in err
    assert not page.exists()
    assert not (docs.parent / "check-doctrees" / "themas" / "wonen.doctree").exists()


@pytest.mark.parametrize("mark", [OWN_FOLDER, ".buildinfo", "environment.pickle"])
def test_a_folder_of_an_earlier_check_or_sphinx_build_is_emptied(tmp_path, mark):
    folder = tmp_path / "out"
    (folder / "themas").mkdir(parents=True)
    (folder / mark).touch()
    (folder / "themas" / "oud.html").touch()
    assert clear_folder(folder, tmp_path / "docs") is None
    assert sorted(p.name for p in folder.iterdir()) == [OWN_FOLDER]


def test_a_new_folder_is_made_and_marked_as_the_checks_own(tmp_path):
    assert clear_folder(tmp_path / "build" / "check-html", tmp_path / "docs") is None
    assert (tmp_path / "build" / "check-html" / OWN_FOLDER).exists()


def test_a_folder_with_other_files_or_the_sources_is_left_alone(tmp_path):
    mine = tmp_path / "mijn-map"
    mine.mkdir()
    (mine / "brief.docx").touch()
    assert (
        clear_folder(mine, tmp_path / "docs")
        == f"de map '{mine}' bevat al andere bestanden; kies een nieuwe of lege map"
    )
    docs = tmp_path / "project" / "docs"
    docs.mkdir(parents=True)
    (tmp_path / "project" / ".buildinfo").touch()  # an earlier build into the project itself
    assert clear_folder(tmp_path / "project", docs) == (
        f"de map '{tmp_path / 'project'}' bevat de bronbestanden; kies een eigen map voor de uitvoer"
    )
    assert (mine / "brief.docx").exists() and docs.exists()
    (tmp_path / "bestand").touch()
    assert clear_folder(tmp_path / "bestand", docs) == f"'{tmp_path / 'bestand'}' is een bestand, geen map"


def test_the_check_refuses_such_a_folder_in_dutch(copy_root, monkeypatch, capsys):
    docs = copy_root("workflow")
    monkeypatch.chdir(docs.parent)
    with pytest.raises(SystemExit) as stopped:
        kennisbank(["controleer", "--docs", "workflow", "--uitvoer", "."])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "kennisbank controleer: --uitvoer: de map '.' bevat de bronbestanden; kies een eigen map" in err
    assert (docs / "index.md").exists()
