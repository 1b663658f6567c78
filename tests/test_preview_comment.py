"""The comment on a pull request about its preview (syrupy snapshots of its Markdown), the
checks on the data the pull request's build reports, who may have a preview put online, and
that the deploy side needs nothing but the standard library."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from kennisbank.tools import manifest
from kennisbank.tools.comment import (
    PreviewData,
    PreviewDataError,
    Problem,
    code,
    comment_markdown,
    may_publish,
    plain,
    read_preview_data,
)
from kennisbank.tools.manifest import Page, compare

ROOT = Path(__file__).parents[1]

# -- the comment ---------------------------------------------------------------------------


class CommentSnapshot(SingleFileSnapshotExtension):
    """The Markdown itself, one file per snapshot, so a diff reads like the comment."""

    _write_mode = WriteMode.TEXT
    file_extension = "md"


PREVIEW_URL = "https://vzhg.github.io/kennisbank/pr-preview/pr-12/"
SITE_URL = "https://vzhg.github.io/kennisbank/"
PUBLISHED = {
    "index.html": Page("i1", "n1", "Kennisbank VZHG"),
    "themas/wonen.html": Page("w1", "n1", "Wonen - Kennisbank VZHG"),
    "agenda/oud.html": Page("o1", "n1", "Oud overleg - Kennisbank VZHG"),
    **{f"netwerken/n{n}.html": Page(f"c{n}", "n1", f"Netwerk {n}") for n in range(40)},
}
PREVIEW = {
    "index.html": Page("i2", "n2", "Kennisbank VZHG"),
    "themas/wonen.html": Page("w2", "n2", "Wonen *en* [bouwen] - Kennisbank VZHG"),
    "agenda/nieuw.html": Page("a1", "n2", "Bestuurdersdag 2027 - Kennisbank VZHG"),
    **{f"netwerken/n{n}.html": Page(f"c{n}", "n2", f"Netwerk {n}") for n in range(40)},
}
DATA = PreviewData(
    pull_request=12,
    commit="0123456789abcdef0123456789abcdef01234567",
    seconds=14.26,
    incremental=True,
    base="fedcba9876543210fedcba9876543210fedcba98",
    read=2,
    written=9,
    problems=[
        Problem("docs/agenda/nieuw.md", 6, "Evenement 'nieuw', veld 'start': '14u' is geen tijd: schrijf 14:00"),
        Problem("docs/themas/wonen.md", None, "document isn't included in any toctree"),
        Problem("docs/themas/wonen.md", 9, "Zie <script>alert(1)</script> en @iemand,\nop `twee` regels"),
    ],
)


def test_the_comment_of_an_incremental_preview_with_problems(snapshot):
    changes = compare(PUBLISHED, PREVIEW)
    text = comment_markdown(DATA, changes, PUBLISHED, PREVIEW, PREVIEW_URL, SITE_URL)
    assert text == snapshot(extension_class=CommentSnapshot)


def test_the_comment_of_a_clean_build_without_problems(snapshot):
    data = PreviewData(12, DATA.commit, 95.0, incremental=False, reason="code", read=93, written=93)
    changes = compare(PUBLISHED, PUBLISHED)
    text = comment_markdown(data, changes, PUBLISHED, PUBLISHED, PREVIEW_URL, SITE_URL)
    assert text == snapshot(extension_class=CommentSnapshot)


def test_the_comment_of_a_preview_a_maintainer_has_to_allow(snapshot):
    text = comment_markdown(DATA, None, {}, PREVIEW, None, SITE_URL, withheld=True)
    assert text == snapshot(extension_class=CommentSnapshot)


def test_a_long_list_is_cut_short():
    published = {f"p{n}.html": Page("a", "n", f"P{n}") for n in range(100)}
    preview_pages = {path: Page("b", "n", page.title) for path, page in published.items()}
    text = comment_markdown(DATA, compare(published, preview_pages), published, preview_pages, PREVIEW_URL, SITE_URL)
    assert "100 pagina's gewijzigd" in text and "- en nog 70" in text and text.count("](https://") == 31


def test_untrusted_text_becomes_plain_markdown():
    assert plain("*vet* [x](javascript:y) <b>@team</b> & `c`") == (
        "\\*vet\\* \\[x\\](javascript:y) \\<b\\>@\u2060team\\</b\\> \\& \\`c\\`"
    )
    assert plain("a\nb   c") == "a b c"
    assert plain("x" * 500).endswith("…") and len(plain("x" * 500)) == 400
    assert code("docs/a.md:3") == "`docs/a.md:3`"
    assert code("a``b") == "```a``b```"
    assert code("`a") == "`` `a ``"


VALID = DATA.to_json()


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("pr", "12"),
        ("pr", True),
        ("pr", 0),
        ("pr", 12.5),
        ("commit", "main"),
        ("commit", "0123456789ABCDEF0123456789ABCDEF01234567"),
        ("seconden", -1),
        ("seconden", "14"),
        ("incrementeel", "ja"),
        ("incrementeel", 1),
        ("reden", "omdat ik het zeg"),
        ("basis", "$(rm -rf /)"),
        ("gelezen", None),
        ("problemen", "geen"),
        ("problemen", [{"bestand": "a.md", "regel": "3", "melding": "x"}]),
        ("problemen", [{"bestand": "a.md", "regel": True, "melding": "x"}]),
        ("problemen", [{"bestand": 1, "regel": None, "melding": "x"}]),
        ("problemen", [{"bestand": "a.md", "regel": None}]),
    ],
)
def test_preview_data_with_one_wrong_field_is_refused_whole(key, value):
    assert read_preview_data(VALID) == DATA
    data = json.loads(VALID)
    data[key] = value
    with pytest.raises(PreviewDataError):
        read_preview_data(json.dumps(data))
    for text in ("", "[]", "null"):
        with pytest.raises(PreviewDataError):
            read_preview_data(text)


@pytest.mark.parametrize(
    ("same", "association", "labels", "allowed"),
    [
        (True, "NONE", [], True),
        (False, "MEMBER", [], True),
        (False, "OWNER", [], True),
        (False, "COLLABORATOR", [], True),
        (False, "CONTRIBUTOR", [], False),
        (False, "FIRST_TIME_CONTRIBUTOR", ["documentatie"], False),
        (False, "NONE", ["voorbeeld"], True),
    ],
)
def test_a_preview_from_outside_waits_for_a_maintainers_label(same, association, labels, allowed):
    assert may_publish(same, association, labels) is allowed


def test_the_deploy_side_runs_on_the_standard_library_alone(tmp_path):
    """The deploy workflow runs ``reactie`` with a bare Python: no installed package is loaded."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        "<html><head><title>Start</title></head><body>Tekst</body></html>", encoding="utf-8"
    )
    (tmp_path / "voorbeeld.json").write_text(VALID, encoding="utf-8")
    (tmp_path / "main.json").write_text(manifest.manifest_text({"index.html": Page("x", "y", "Oud")}), encoding="utf-8")
    script = (
        "import sys, runpy\n"
        f"sys.path[:0] = [{str(ROOT / 'extensions')!r}]\n"
        "sys.argv = ['preview', 'reactie', '--site', 'site', '--gegevens', 'voorbeeld.json',\n"
        "            '--gepubliceerd', 'main.json', '--site-adres', 'https://s/', '--uitvoer', 'reactie.md']\n"
        "try:\n    runpy.run_module('kennisbank.tools.preview', run_name='__main__')\n"
        "except SystemExit as stop:\n    assert not stop.code, stop.code\n"
        "outside = {name.split('.')[0] for name in sys.modules} - set(sys.stdlib_module_names) - {'kennisbank', '__main__'}\n"
        "print(sorted(outside))\n"
    )
    result = subprocess.run(
        [sys.executable, "-S", "-c", script], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
    text = (tmp_path / "reactie.md").read_text(encoding="utf-8")
    assert "1 pagina gewijzigd" in text and "Het voorbeeld van commit `0123456` staat niet online." in text
