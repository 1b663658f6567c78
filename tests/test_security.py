"""A page full of script payloads, in every field of every object type, yields no executable markup."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from conftest import warnings_of

# Furo's one inline script (it applies the chosen colour theme); allowed by hash in the CSP.
THEME_SCRIPT = 'document.body.dataset.theme = localStorage.getItem("theme") || "auto";'


pytestmark = pytest.mark.sphinx("html", testroot="security")


@pytest.fixture
def attacked(built_app):
    return built_app


def test_payloads_are_reported_not_run(attacked):
    warnings = warnings_of(attacked)
    assert "'javascript:alert(4)' is geen webadres" in warnings
    page = (attacked.outdir / "index.html").read_text(encoding="utf-8")
    # The payload text is there, shown as text.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page


def test_raw_html_is_refused_in_dutch_at_its_line(attacked):
    source = (attacked.srcdir / "index.md").read_text(encoding="utf-8").splitlines()
    lines = [n for n, text in enumerate(source, start=1) if text.startswith(("```{raw}", "```{eval-rst}"))]
    refused = [line for line in warnings_of(attacked).splitlines() if "ruwe HTML (de opdracht 'raw')" in line]
    assert len(refused) == 2, refused
    assert f"index.md:{lines[0]}:" in refused[0]
    # Inside {eval-rst} the directive stands on the block's third line.
    assert f"index.md:{lines[1] + 1}:" in refused[1] or f"index.md:{lines[1] + 2}:" in refused[1]
    page = (attacked.outdir / "index.html").read_text(encoding="utf-8")
    assert "alert(11)" not in page and "aanvaller.example" not in page


def test_no_executable_markup_in_any_page(attacked):
    for path in attacked.outdir.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script"):
            if script.get("src"):
                assert script["src"].startswith("_static/"), path
            elif script.get("type") == "application/ld+json":
                data = script.string or ""
                assert "<" not in data  # escaped as \u003c: the element cannot be closed early
                json.loads(data)
            else:
                assert (script.string or "").strip() in ("", THEME_SCRIPT), (path, script)
        for tag in soup.find_all(True):
            handlers = [a for a in tag.attrs if a.lower().startswith("on")]
            assert handlers == [], (path, tag.name, handlers)
            for attribute in ("href", "src", "action", "formaction", "xlink:href"):
                value = re.sub(r"\s", "", str(tag.get(attribute, ""))).lower()
                assert not value.startswith(("javascript:", "vbscript:", "data:text/html")), (path, tag)
        assert not soup.find_all(["iframe", "object", "embed", "svg"], attrs={"onload": True})


def test_feeds_and_open_data_carry_payloads_only_as_text(attacked):
    data = json.loads((attacked.outdir / "kennisbank.json").read_text(encoding="utf-8"))
    event = next(o for o in data["objecten"] if o["id"] == "aanval-evenement")
    assert event["titel"].startswith("<script>")  # data, for the consumer to escape
    assert "online" not in event["velden"]  # the javascript: link was refused
    for path in attacked.outdir.rglob("*.ics"):
        unfolded = path.read_bytes().replace(b"\r\n ", b"")  # a folded line could split the word
        assert b"javascript:" not in unfolded, path
