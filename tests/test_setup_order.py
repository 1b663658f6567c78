"""The order of ``kennisbank.COMPONENTS`` carries no meaning.

Where handlers of one event must run in a given order, they say so with a priority from
``sphinx_ext/priorities.py``; nothing depends on which component Sphinx set up first.
Built with the components in reverse, a project gives the same files and the same
messages in the same order, in a clean build and in an incremental one after a page
was removed (the search index reads the output folder only once the removed page's
output is deleted).
"""

from __future__ import annotations

import pytest

import kennisbank
from conftest import output_files, warnings_of

#: Pages that give one message each from a different check after reading, so that their
#: order in the log shows the order of the checks.
PROBLEMS = {
    "themas/dubbel.md": "# Dubbel\n\n```{thema} jeugd\n:samenvatting: Nog eens jeugd.\n```\n",
    "themas/verkeerd.md": "# Verkeerd\n\n```{programma} verkeerd\n:thema: bestaat-niet\n```\n",
    "los.md": "# Los\n\nDeze pagina staat in geen inhoudsopgave.\n",
}
#: A page that is there in the first build and removed before the second.
REMOVED = "weg"


@pytest.fixture
def news_with_problems(copy_root):
    root = copy_root("news")
    for name, text in PROBLEMS.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / f"{REMOVED}.md").write_text("# Weg\n\nEen pagina die verdwijnt, met woorden voor de zoekindex.\n")
    index = root / "index.md"
    toctree = "themas/jeugd\nthemas/dubbel\nthemas/verkeerd\n"
    index.write_text(
        index.read_text(encoding="utf-8").replace("themas/jeugd\n", toctree + f"{REMOVED}\n"), encoding="utf-8"
    )
    return root


def remove_page(root) -> None:
    (root / f"{REMOVED}.md").unlink()
    index = root / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace(f"{REMOVED}\n", ""), encoding="utf-8")


def test_the_order_of_the_components_changes_no_file_and_no_message(news_with_problems, build, tmp_path, monkeypatch):
    root = news_with_problems
    listed = build(root, builddir=tmp_path / "listed")
    warnings = warnings_of(listed)
    assert "'jeugd'" in warnings and "bestaat-niet" in warnings and "los.md" in warnings  # each check spoke
    monkeypatch.setattr(kennisbank, "COMPONENTS", tuple(reversed(kennisbank.COMPONENTS)))
    backwards = build(root, builddir=tmp_path / "backwards")
    assert warnings_of(backwards) == warnings
    assert output_files(backwards.outdir) == output_files(listed.outdir)

    remove_page(root)
    again = build(root, builddir=tmp_path / "backwards")
    assert not (again.outdir / f"{REMOVED}.html").exists()
    monkeypatch.undo()
    clean = build(root, builddir=tmp_path / "clean")
    assert output_files(again.outdir) == output_files(clean.outdir)
