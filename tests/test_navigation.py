"""The cached navigation (extensions/furo_cached_navigation) against furo itself.

The extension renders furo's sidebar tree once per folder and marks the current
page by a cheap edit; these tests build the same small site with and without it
and compare every page's tree: links relative to each folder and depth, the
"current" marks, the open branches and switch numbers, captions, a hidden
toctree, an external link, a page listed twice, an orphan and the search page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import warnings_of
from furo_cached_navigation import furo_details

TREE = re.compile(r'<div class="sidebar-tree">(.*?)</div>\s*\n', re.S)
WITH = {"extensions": ["myst_parser", "furo_cached_navigation"]}


def trees(outdir: Path) -> dict[str, str]:
    found = {}
    for path in sorted(outdir.rglob("*.html")):
        match = TREE.search(path.read_text(encoding="utf-8"))
        found[str(path.relative_to(outdir))] = match.group(1) if match else ""
    return found


@pytest.fixture
def without_hidden_page(copy_root):
    """The test root with its hidden page listed, as furo alone would list it."""
    root = copy_root("navigation")
    page = root / "deel" / "dieper" / "verborgen.md"
    page.write_text("# Niet in de zijbalk\n", encoding="utf-8")
    return root


def test_every_page_gets_the_tree_furo_would_render(without_hidden_page, build, tmp_path):
    furo = build(without_hidden_page, builddir=tmp_path / "furo")
    cached = build(without_hidden_page, builddir=tmp_path / "cached", confoverrides=WITH)
    assert warnings_of(furo) == warnings_of(cached) == ""
    expected, actual = trees(furo.outdir), trees(cached.outdir)
    assert expected.keys() == actual.keys()
    assert {"deel/dieper/blad.html", "los/wees.html", "search.html", "genindex.html"} <= expected.keys()
    for page in expected:
        assert actual[page] == expected[page], page
    # The comparison is not empty: marks, open branches and folder-relative links.
    blad = actual["deel/dieper/blad.html"]
    assert 'class="toctree-l3 current current-page"' in blad
    assert '<a class="current reference internal" href="#">Blad</a>' in blad
    assert 'href="../index.html">Deel <em>met nadruk</em></a>' in blad
    assert blad.count('checked=""') == 2
    assert 'href="https://example.org/"' in blad


def test_the_tree_is_kept_between_builds_until_a_title_changes(without_hidden_page, build, tmp_path, monkeypatch):
    from furo_cached_navigation import pages

    rendered = []
    original = pages.global_toctree_for_doc
    monkeypatch.setattr(pages, "global_toctree_for_doc", lambda *a, **k: rendered.append(1) or original(*a, **k))
    builddir = tmp_path / "cached"
    build(without_hidden_page, builddir=builddir, confoverrides=WITH)
    assert len(rendered) == 1  # once per build, not per page
    blad = without_hidden_page / "deel" / "dieper" / "blad.md"

    # Only text changes: the next build reuses the stored tree.
    blad.write_text("# Blad\n\nMeer tekst.\n", encoding="utf-8")
    build(without_hidden_page, builddir=builddir, confoverrides=WITH)
    assert len(rendered) == 1
    assert (
        '<a class="current reference internal" href="#">Blad</a>' in trees(builddir / "html")["deel/dieper/blad.html"]
    )

    # A new title: the stored tree is stale, so it is rendered again and shows it.
    blad.write_text("# Blad met een nieuwe titel\n", encoding="utf-8")
    build(without_hidden_page, builddir=builddir, confoverrides=WITH)
    assert len(rendered) == 2
    tree = trees(builddir / "html")["deel/dieper/blad.html"]
    assert '<a class="current reference internal" href="#">Blad met een nieuwe titel</a>' in tree
    furo = build(without_hidden_page, builddir=tmp_path / "furo")
    assert tree == trees(furo.outdir)["deel/dieper/blad.html"]


def test_the_whole_page_is_unchanged(without_hidden_page, build, tmp_path):
    furo = build(without_hidden_page, builddir=tmp_path / "furo")
    cached = build(without_hidden_page, builddir=tmp_path / "cached", confoverrides=WITH)
    page = "deel/pagina.html"
    with_crumbs = (cached.outdir / page).read_text(encoding="utf-8")
    without = re.sub(r'\n<nav class="breadcrumbs".*?</nav>', "", with_crumbs, flags=re.S)
    assert without != with_crumbs  # the only addition: the breadcrumbs
    assert (furo.outdir / page).read_text(encoding="utf-8") == without


def test_a_page_listed_in_two_toctrees_is_marked_in_both(without_hidden_page, build, tmp_path):
    cached = build(without_hidden_page, builddir=tmp_path / "cached", confoverrides=WITH)
    tree = trees(cached.outdir)["los/een.html"]
    assert tree.count('href="#"') == 2 and tree.count("current-page") == 1


def test_a_hidden_page_is_not_listed_and_opens_its_parents_branch(copy_root, build):
    app = build(copy_root("navigation"), confoverrides=WITH)
    assert warnings_of(app) == ""
    found = trees(app.outdir)
    assert all("Niet in de zijbalk" not in tree for tree in found.values())
    hidden = found["deel/dieper/verborgen.html"]
    assert (
        '<li class="toctree-l2 current has-children current-page"><a class="reference internal" href="index.html">Dieper</a>'
        in hidden
    )
    assert 'href="#"' not in hidden  # the reader is not on "Dieper": its link stays a link
    # Still in Sphinx's toctree: previous/next links reach it.
    assert "verborgen.html" in (app.outdir / "deel" / "dieper" / "blad.html").read_text(encoding="utf-8")


@pytest.fixture
def crowded_folder(without_hidden_page):
    """The test root with a third page under "Dieper": its toctree lists three pages."""
    folder = without_hidden_page / "deel" / "dieper"
    (folder / "derde.md").write_text("# Derde\n", encoding="utf-8")
    index = folder / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("verborgen\n", "verborgen\nderde\n"), encoding="utf-8")
    return without_hidden_page


def test_a_toctree_with_more_pages_than_the_limit_is_shown_by_its_page_only(crowded_folder, build, tmp_path):
    furo = trees(build(crowded_folder, builddir=tmp_path / "furo").outdir)
    app = build(crowded_folder, builddir=tmp_path / "cached", confoverrides={**WITH, "cached_navigation_max_pages": 2})
    assert warnings_of(app) == ""
    found = trees(app.outdir)
    assert all(title in furo["index.html"] for title in (">Blad<", ">Niet in de zijbalk<", ">Derde<"))
    for page, tree in found.items():
        assert all(title not in tree for title in (">Blad<", ">Niet in de zijbalk<", ">Derde<")), page
        # "Deel" lists two pages, no more than the limit: they stay.
        assert ">Pagina<" in tree and ">Dieper<" in tree, page
    # "Dieper" is a plain entry now: no switch to open an empty branch.
    assert (
        '<li class="toctree-l2"><a class="reference internal" href="deel/dieper/index.html">Dieper</a>\n</li>'
        in (found["index.html"])
    )
    # On a page it no longer lists, the branch of "Dieper" opens, as for a hidden page.
    assert (
        '<li class="toctree-l2 current current-page"><a class="reference internal" href="index.html">Dieper</a>\n</li>'
        in found["deel/dieper/blad.html"]
    )


@pytest.mark.parametrize("value", [-1, "30", True])
def test_a_wrong_limit_stops_the_build(copy_root, make_app, tmp_path, value):
    from sphinx.errors import ConfigError

    settings = {**WITH, "cached_navigation_max_pages": value}
    with pytest.raises(ConfigError, match=r"cached_navigation_max_pages must be None or a whole number of 0 or more"):
        make_app("html", srcdir=copy_root("navigation"), builddir=tmp_path / "b", confoverrides=settings)


BREADCRUMBS = re.compile(r'<nav class="breadcrumbs" aria-label="Kruimelpad">\s*<ol>(.*?)</ol>', re.S)


def test_breadcrumbs_follow_the_toctree(copy_root, build):
    settings = {**WITH, "cached_navigation_home": "Startpagina", "cached_navigation_breadcrumbs_label": "Kruimelpad"}
    app = build(copy_root("navigation"), confoverrides=settings)

    def crumbs(page: str) -> list[str]:
        match = BREADCRUMBS.search((app.outdir / page).read_text(encoding="utf-8"))
        return [" ".join(item.split()) for item in re.findall(r"<li[^>]*>(.*?)</li>", match.group(1))] if match else []

    assert crumbs("deel/dieper/blad.html") == [
        '<a href="../../index.html">Startpagina</a>',
        '<a href="../index.html">Deel met nadruk</a>',
        '<a href="index.html">Dieper</a>',
        "Blad",
    ]
    assert '<li aria-current="page">Blad</li>' in (app.outdir / "deel/dieper/blad.html").read_text(encoding="utf-8")
    assert crumbs("index.html") == []
    assert crumbs("los/wees.html") == ['<a href="../index.html">Startpagina</a>', "Wees"]
    assert crumbs("deel/dieper/verborgen.html")[-2:] == ['<a href="index.html">Dieper</a>', "Niet in de zijbalk"]


def test_the_furo_details_still_hold():
    """Fails loudly when furo changes what the extension copies or relies on."""
    import inspect

    import furo
    import furo.navigation

    source = inspect.getsource(furo._compute_navigation_tree)
    for name, value in furo_details.FURO_TOCTREE_ARGUMENTS.items():
        assert f"{name}={value}" in source, name
    assert '"toctree" in context' in source
    assert f'context["{furo_details.FURO_NAVIGATION_KEY}"]' in inspect.getsource(furo._html_page_context)
    navigation = inspect.getsource(furo.navigation)
    assert "f\"Toggle navigation of {element.find('a').text}\"" in navigation
    assert '"#svg-arrow-right"' in navigation
    assert "last_element_with_current" in navigation


# -- the knowledge base's own navigation (docs/) -----------------------------------


def test_the_sidebar_does_not_list_events_one_by_one(docs_html):
    from kennisbank.sphinx_ext.domain import kb_domain

    events = {o.docname for o in kb_domain(docs_html.env).objects.values() if o.kind == "evenement"}
    assert len(events) >= 10
    found = trees(docs_html.outdir)
    agenda = found["agenda/index.html"]
    branch = agenda[agenda.index(">Agenda</a>") :]
    branch = branch[: branch.index("</ul>")]
    assert re.findall(r'<li class="toctree-l2[^"]*"><a [^>]*>(.*?)</a>', branch) == [
        "Maandoverzicht",
        "Archief",
        "Abonneren op de agenda",
    ]
    for page, tree in found.items():
        for event in events:
            assert f'{event.rsplit("/", 1)[1]}.html"' not in tree, (page, event)
    # On an event's page the Agenda branch is open and marked.
    assert (
        'class="toctree-l1 current has-children current-page"><a class="reference internal" href="index.html">Agenda</a>'
        in found["agenda/bestuurdersdag-2023.html"]
    )


@pytest.mark.parametrize(("pages", "listed"), [(30, True), (31, False)])
def test_the_knowledge_base_lists_at_most_thirty_pages_of_a_folder(write_source, build, pages, listed):
    files = {"index.md": "# Start\n\n```{toctree}\nmap/index\n```\n"}
    files["map/index.md"] = "# Map\n\n```{toctree}\n" + "".join(f"p{i}\n" for i in range(pages)) + "```\n"
    files.update({f"map/p{i}.md": f"# Pagina {i}\n" for i in range(pages)})
    app = build(write_source(files), confoverrides={"html_theme": "furo"})
    assert warnings_of(app) == ""
    assert app.config.cached_navigation_max_pages == 30
    found = trees(app.outdir)
    assert ("Pagina 7</a>" in found["index.html"]) is listed
    assert ("Pagina 7</a>" in found["map/p7.html"]) is listed
    # The folder's own page lists them all.
    assert (app.outdir / "map" / "index.html").read_text(encoding="utf-8").count('href="p') >= pages


def test_the_knowledge_base_refuses_a_wrong_limit_in_dutch(write_source, make_app, tmp_path):
    from sphinx.errors import ConfigError

    srcdir = write_source({"index.md": "# Start\n"})
    with pytest.raises(ConfigError, match=r"cached_navigation_max_pages moet een heel getal van 0 of meer zijn"):
        make_app("html", srcdir=srcdir, builddir=tmp_path / "b", confoverrides={"cached_navigation_max_pages": -5})


def test_every_page_but_the_front_page_has_breadcrumbs(docs_html):
    pages = sorted(docs_html.outdir.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        name = str(path.relative_to(docs_html.outdir))
        html = path.read_text(encoding="utf-8")
        match = re.search(r'<nav class="breadcrumbs" aria-label="Kruimelpad">\s*<ol>(.*?)</ol>', html, re.S)
        if name in ("index.html", "404.html"):
            assert match is None, name
            continue
        assert match, name
        items = re.findall(r"<li[^>]*>(.*?)</li>", match.group(1), re.S)
        assert items[0].startswith('<a href="') and items[0].endswith(">Startpagina</a>"), name
        assert "<a " not in items[-1], name  # the current page is no link
    month = (docs_html.outdir / "agenda" / "maand" / "2023-05.html").read_text(encoding="utf-8")
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', month, re.S).group(0)
    assert [re.sub("<[^>]+>", "", item).strip() for item in re.findall(r"<li[^>]*>(.*?)</li>", crumbs, re.S)] == [
        "Startpagina",
        "Agenda",
        "Maandoverzicht",
        "Agenda van mei 2023",
    ]


def test_a_hidden_page_takes_the_pages_below_it_along():
    from furo_cached_navigation.sidebar import build_folder_tree

    html = (
        '<ul><li class="toctree-l1"><a class="reference internal" href="a.html">A</a></li>'
        '<li class="toctree-l1"><a class="reference internal" href="over.html">Over</a><ul>'
        '<li class="toctree-l2"><a class="reference internal" href="privacy.html">Privacy</a></li>'
        "</ul></li></ul>"
    )
    tree = build_folder_tree(
        html, lambda href: href.removesuffix(".html"), hidden={"over"}, toggle_label="{title} tonen"
    )
    assert [entry.docname for entry in tree.entries] == ["a"]
    assert "Privacy" not in tree.html_for(None)
