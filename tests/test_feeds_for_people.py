"""News feeds for people: a browser that opens one shows a Dutch page, feed readers still read it.

Each Atom feed names an XSLT stylesheet on the same site (``<?xml-stylesheet?>``,
relative to the feed); the browser turns the feed into a page that says what a feed is,
how to subscribe, and lists the items. Checked three ways: the processing instruction
and feedparser on the test root's feeds, the stylesheet applied with lxml (as a
browser's XSLT does), and the real site's feed opened in chromium, with axe.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path, PurePosixPath

import feedparser
import pytest

from conftest import warnings_of
from kennisbank.formats.atom import AtomFeed, Entry, write_atom

pytestmark = pytest.mark.sphinx("html", testroot="news")

STYLESHEET = re.compile(rb'^<\?xml-stylesheet type="text/xsl" href="([^"]+)"\?>$', re.M)


def feeds_of(outdir: Path) -> list[Path]:
    return sorted([outdir / "actueel" / "atom.xml", *outdir.glob("feeds/*/*.atom.xml")])


def test_write_atom_puts_the_stylesheet_after_the_declaration():
    feed = AtomFeed(
        "tag:x,2023:f", "Nieuws", "Alles", "https://x.example/f.xml", "https://x.example/", "X", "https://x.example/"
    )
    moment = dt.datetime(2023, 5, 1, tzinfo=dt.UTC)
    entries = [Entry("tag:x,2023:e", "Een", "https://x.example/e.html", moment, "Samenvatting")]
    plain = write_atom(feed, entries)
    assert b"xml-stylesheet" not in plain
    styled = write_atom(AtomFeed(**{**feed.__dict__, "stylesheet": '../_static/a"b.xsl'}), entries)
    lines = styled.splitlines()
    assert lines[0] == b"<?xml version='1.0' encoding='utf-8'?>"
    assert lines[1] == b'<?xml-stylesheet type="text/xsl" href="../_static/a&quot;b.xsl"?>'
    assert styled.replace(lines[1] + b"\n", b"") == plain  # nothing else changes


def test_every_feed_names_the_stylesheet_of_its_own_site_and_still_parses(built_app):
    assert warnings_of(built_app) == ""
    outdir = Path(built_app.outdir)
    feeds = feeds_of(outdir)
    assert len(feeds) > 3
    for path in feeds:
        data = path.read_bytes()
        href = STYLESHEET.search(data).group(1).decode()
        assert not href.startswith(("http:", "https:", "//")), href  # same host, relative
        target = PurePosixPath(path.relative_to(outdir).parent.as_posix()) / href
        assert (outdir / target).resolve() == (outdir / "_static" / "kennisbank-feed.xsl").resolve()
        parsed = feedparser.parse(data)
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version == "atom10" and parsed.entries


def test_the_stylesheet_makes_a_dutch_page_with_every_item(built_app):
    etree = pytest.importorskip("lxml.etree", reason="lxml ontbreekt (pip install -e '.[test]')")
    outdir = Path(built_app.outdir)
    transform = etree.XSLT(etree.parse(str(outdir / "_static" / "kennisbank-feed.xsl")))
    feed_path = outdir / "actueel" / "atom.xml"
    parsed = feedparser.parse(feed_path.read_bytes())
    html = transform(etree.parse(str(feed_path))).getroot()
    assert html.tag == "html" and html.get("lang") == "nl"
    assert html.findtext("head/title") == f"{parsed.feed.title} (nieuwsfeed)"
    assert html.findtext(".//h1") == parsed.feed.title
    assert [h.text for h in html.iter("h2")] == ["Wat is dit?", "Berichten in deze feed"]
    assert html.find(".//code").text == parsed.feed.links[0].href  # the address to copy
    items = html.findall(".//ul[@class='berichten']/li")
    assert [li.find("h3/a").text for li in items] == [entry.title for entry in parsed.entries]
    assert [li.find("h3/a").get("href") for li in items] == [entry.link for entry in parsed.entries]
    # Dates in Dutch, from the entry's own date: 2023-04-10T09:30:00+02:00.
    dates = {li.find("h3/a").text: li.find(".//time").text.strip() for li in items}
    assert dates["Woningen voor jongeren"] == "10 april 2023"
    assert dates["Jeugdplan vastgesteld"] == "15 november 2022"
