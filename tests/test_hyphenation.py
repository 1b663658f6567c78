"""Soft hyphens in long words, remembered between builds (formats/hyphenation.py).

Loading Pyphen's dictionary costs a fifth of a second in every build that writes a
long word; a word hyphenated once is kept next to the doctrees, so the next build
loads the dictionary only for a word it has not seen.
"""

from __future__ import annotations

import json

import pyphen
import pytest

from conftest import warnings_of
from kennisbank.formats.hyphenation import SOFT_HYPHEN, Hyphenator
from kennisbank.sphinx_ext.buildstate import HYPHENATION_STORE

WORD = "Verenigingsstrategie"


@pytest.fixture
def dictionaries_loaded(monkeypatch):
    """How often a Pyphen dictionary was loaded."""
    loaded = []
    stock = pyphen.Pyphen

    def counting(*args, **kwargs):
        loaded.append(kwargs.get("lang"))
        return stock(*args, **kwargs)

    monkeypatch.setattr(pyphen, "Pyphen", counting)
    return loaded


def test_long_words_get_soft_hyphens_where_dutch_breaks_them(dictionaries_loaded):
    hyphens = Hyphenator("nl")
    text = hyphens(f"De {WORD} van 2026")
    assert text.replace(SOFT_HYPHEN, "") == f"De {WORD} van 2026"
    assert f"Ver{SOFT_HYPHEN}e{SOFT_HYPHEN}ni{SOFT_HYPHEN}gings" in text
    assert hyphens("Korte woorden blijven heel") == "Korte woorden blijven heel"
    assert dictionaries_loaded == ["nl"]


def test_a_word_once_hyphenated_needs_no_dictionary_in_the_next_build(tmp_path, dictionaries_loaded):
    store = tmp_path / HYPHENATION_STORE
    first = Hyphenator("nl", store)
    hyphenated = first(WORD)
    first.save()
    assert dictionaries_loaded == ["nl"]

    second = Hyphenator("nl", store)
    assert second(WORD) == hyphenated
    assert dictionaries_loaded == ["nl"]  # not loaded again
    # A new word still gets its hyphens, from the dictionary.
    assert SOFT_HYPHEN in second("Samenwerkingsverband")
    assert dictionaries_loaded == ["nl", "nl"]


def cache(version: str, words: object) -> str:
    return json.dumps({"version": version, "data": words})


MADE_WITH = Hyphenator("nl").made_with


@pytest.mark.parametrize(
    "stored",
    [
        "{half a file",
        json.dumps(["a", "list"]),
        cache(MADE_WITH.replace("pyphen ", "pyphen 0.1"), {WORD: "Ver-eni-gings"}),
        cache(MADE_WITH.replace(", nl,", ", de,"), {WORD: "Ve-re-ni"}),
        # The form of a word must be that word: an edited file cannot change a heading.
        cache(MADE_WITH, {WORD: "Iets anders"}),
    ],
    ids=["unreadable", "not a mapping", "other pyphen", "other language", "another word"],
)
def test_a_file_that_does_not_fit_is_ignored_and_written_anew(tmp_path, stored, dictionaries_loaded):
    store = tmp_path / HYPHENATION_STORE
    store.write_text(stored, encoding="utf-8")
    hyphens = Hyphenator("nl", store)
    assert hyphens(WORD).replace(SOFT_HYPHEN, "") == WORD and SOFT_HYPHEN in hyphens(WORD)
    assert "Iets" not in hyphens(WORD)
    hyphens.save()
    assert json.loads(store.read_text(encoding="utf-8")) == {"version": MADE_WITH, "data": {WORD: hyphens(WORD)}}


def test_a_language_without_a_dictionary_keeps_its_words_whole():
    assert Hyphenator("tlh")(WORD) == WORD


PAGE = f"# {WORD}\n\nTekst.\n"


def test_an_incremental_build_writes_the_same_heading_without_loading_the_dictionary(
    write_source, build, dictionaries_loaded
):
    srcdir = write_source({"index.md": PAGE})
    first = build(srcdir)
    assert warnings_of(first) == ""
    heading = (first.outdir / "index.html").read_text(encoding="utf-8")
    assert f"Ver{SOFT_HYPHEN}e{SOFT_HYPHEN}ni" in heading
    assert WORD in json.loads((first.doctreedir / HYPHENATION_STORE).read_text(encoding="utf-8"))["data"]
    assert dictionaries_loaded == ["nl"]

    (srcdir / "index.md").write_text(PAGE + "\nMeer tekst.\n", encoding="utf-8")
    second = build(srcdir)
    assert "Meer tekst." in (second.outdir / "index.html").read_text(encoding="utf-8")
    assert (second.outdir / "index.html").read_text(encoding="utf-8").count(f"Ver{SOFT_HYPHEN}e{SOFT_HYPHEN}ni") == (
        heading.count(f"Ver{SOFT_HYPHEN}e{SOFT_HYPHEN}ni")
    )
    assert dictionaries_loaded == ["nl"]
