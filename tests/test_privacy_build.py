"""Privacy (AVG) in the build: every personal address or number on a page is reported
once at its line and left out of the page, the search index and the open data.

One project with a page per case (the table below), one generated project
(Hypothesis: addresses in the Markdown a contributor writes, links and autolinks
included), and the newsletter e-mail. The rules themselves: test_privacy.py.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, seed
from hypothesis import strategies as st

from conftest import CONF, ROOTS, build_once, pagefind_records, settings_for_builds, unexplained, warnings_of

SETUP = """\
# Opzet

```{organisatie} vng
:naam: VNG
:soort: landelijke koepel
```

```{persoon} anne
---
naam: Anne Koning
rollen: gedeputeerde; vng
e-mail: anne.koning@gmail.com
grondslag: toestemming per e-mail, 2023-05-01
---
```
"""
EXTRA_CONF = 'kennisbank_function_addresses = ["*@vzhg.nl", "info@*", "secretariaat@*", "070 123 45 67"]\n'
#: A one-pixel PNG, for the case of an image whose alt text holds an address.
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e60000000049454e44ae426082"
)
EMAIL, PHONE, LINK = "Een persoonlijk e-mailadres", "Een persoonlijk telefoonnummer", "Een link naar een persoonlijk"

#: name -> (snippet, [(line in the snippet, start of the message)], text that must be gone, text that must stay)
CASES: dict[str, tuple[str, list[tuple[int, str]], list[str], list[str]]] = {
    "running text": ("Mail jan.jansen@gmail.com voor meer.\n", [(1, EMAIL)], ["jan.jansen@gmail.com"], []),
    "split over lines": (
        "Bel 06 12 34\n56 78 of mail\npiet [at] gouda [punt] nl.\n",
        [(1, PHONE), (3, EMAIL)],
        ["12 34 56 78", "piet"],
        ["[telefoonnummer weggelaten]", "[e-mailadres weggelaten]"],
    ),
    "link with other text": (
        "[Mail Klaas](mailto:klaas@gmail.com) voor vragen.\n",
        [(1, LINK)],
        ["klaas"],
        ["Mail Klaas"],
    ),
    "autolink": ("Schrijf naar\n<kees@gmail.com>.\n", [(2, EMAIL)], ["kees@gmail.com"], []),
    "phone link": ("Of [bel ons](tel:+31612345678).\n", [(1, LINK)], ["612345678"], ["bel ons"]),
    "heading": ("## Bel 0612345678\n\nTekst.\n", [(1, PHONE)], ["0612345678"], []),
    "table cell": ("| Wie | Nummer |\n|---|---|\n| Jan | 06-12345678 |\n", [(3, PHONE)], ["12345678"], ["Jan"]),
    "code": ("```text\ne-mail: jan@gmail.com\n```\n", [(2, EMAIL)], ["jan@gmail.com"], []),
    "emphasis inside the address": ("Mail *jan*@gmail.com.\n", [(1, EMAIL)], ["gmail"], []),
    "image alt text": ("![Foto, mail foto@gmail.com](pixel.png)\n", [(1, EMAIL)], ["foto@gmail.com"], []),
    "function addresses and numbers": (
        "Mail secretariaat@vzhg.nl, info@gouda.nl of bel (070) 123 45 67, zoals naam@example.org.\n",
        [],
        [],
        ["secretariaat@vzhg.nl", "info@gouda.nl", "123 45 67", "naam@example.org"],
    ),
    "a network's contact": (
        "```{netwerk} n\n:naam: N\n:contact: jan@gmail.com\n```\n",
        [(3, "Netwerk 'n', veld 'contact': een persoonlijk e-mailadres (j…@gmail.com)")],
        ["jan@gmail.com"],
        [],
    ),
    "a line of a field": (
        "```{netwerk} m\n---\nnaam: M\naansluiten: |\n  mail naar info@gouda.nl\n  of bel 06 12345678\n---\n```\n",
        [(6, "Netwerk 'm', veld 'aansluiten': een persoonlijk telefoonnummer")],
        ["12345678"],
        ["mail naar info@gouda.nl of bel [telefoonnummer weggelaten]"],
    ),
    "a person without a basis": (
        "```{persoon} p\n:naam: P\n:rollen: lid; vng\n:e-mail: p@gmail.com\n```\n",
        [(4, "Persoon 'p', veld 'e-mail': een persoonlijk e-mailadres (…@gmail.com) publiceert de kennisbank alleen")],
        ["p@gmail.com"],
        [],
    ),
    "a bare yes": (
        "```{persoon} q\n---\nnaam: Q\nrollen: lid; vng\ntelefoon: 06 99887766\ngrondslag: ja\n---\n```\n",
        [(6, "Persoon 'q', veld 'grondslag': 'ja' is geen vastgelegde grondslag")],
        ["99887766"],
        [],
    ),
    "a basis, repeated in the text": (
        "```{persoon} r\n---\nnaam: R\nrollen: lid; vng\ne-mail: r.r@gmail.com\n"
        "grondslag: toestemming per e-mail, 2023-05-01\n---\n```\n\nMail R via r.r@gmail.com.\n",
        [],
        [],
        ["r.r@gmail.com"],
    ),
    "a basis on another page": ("Mail Anne via anne.koning@gmail.com.\n", [(1, EMAIL)], ["anne.koning"], []),
    "a news item": (
        "```{bericht} b\n---\ntitel: B\ndatum: 2023-05-01\nsamenvatting: Bel 06 12345678.\n---\n```\n\n"
        "Of mail b@gmail.com.\n",
        [(5, "Bericht 'b', veld 'samenvatting': een persoonlijk telefoonnummer"), (9, EMAIL)],
        ["12345678", "b@gmail.com"],
        ["Bel [telefoonnummer weggelaten]."],  # a required summary stays, and with it the news item
    ),
}
HEADER = "---\norphan: true\n---\n# Geval\n\n"
OFFSET = HEADER.count("\n")


def write(srcdir: Path, pages: dict[str, str], extra_conf: str = EXTRA_CONF) -> Path:
    srcdir.mkdir(parents=True)
    (srcdir / "conf.py").write_text(CONF + 'kennisbank_reference_date = "2023-05-01"\n' + extra_conf, encoding="utf-8")
    (srcdir / "pixel.png").write_bytes(PIXEL)
    for name, text in pages.items():
        (srcdir / name).write_text(text, encoding="utf-8")
    return srcdir


def slug(name: str) -> str:
    return re.sub(r"[^a-z]+", "-", name).strip("-")


@pytest.fixture(scope="module")
def cases_built(tmp_path_factory):
    root = tmp_path_factory.mktemp("privacy")
    pages = {"index.md": "# Privacy\n\n```{toctree}\nopzet\n```\n", "opzet.md": SETUP}
    pages |= {f"{slug(name)}.md": HEADER + snippet for name, (snippet, *_) in CASES.items()}
    # As published: a preview's problem box quotes each message, with the address masked.
    return build_once(
        "html", write(root / "src", pages), root / "_build", confoverrides={"kennisbank_show_problems": False}
    )


def published(app, page: str) -> str:
    """What a reader gets of a page: its text and its links' targets."""
    soup = BeautifulSoup((Path(app.outdir) / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    main = soup.select_one("[role=main]")
    # Sphinx cloaks an address it publishes in spans ("jan<span>@</span>..."): read it as text.
    text = re.sub(r"\s+", " ", main.get_text(""))
    return text + " " + " ".join(unquote(a["href"]) for a in main.select("a[href]")) + str(main.select("img[alt]"))


@pytest.mark.parametrize("case", CASES)
def test_each_personal_detail_is_reported_once_at_its_line_and_left_out(case, cases_built):
    snippet, expected, gone, kept = CASES[case]
    page = slug(case)
    warnings = [line for line in warnings_of(cases_built).splitlines() if f"/{page}.md:" in line]
    found = sorted((int(re.search(r"\.md:(\d+):", w)[1]) - OFFSET, w) for w in warnings)
    assert [line for line, _ in found] == [line for line, _ in expected], warnings
    for (_, warning), (_, start) in zip(found, sorted(expected), strict=True):
        assert f"WARNING: {start}" in warning
        assert warning.endswith("[kennisbank.invoer]" if "veld" in start else "[kennisbank.privacy]"), warning
    text = published(cases_built, page)
    for part in gone:
        assert part not in text, (part, text)
    for part in kept:
        assert part in text, (part, text)


def test_the_guide_explains_every_message(cases_built):
    warnings = [line for line in warnings_of(cases_built).splitlines() if "WARNING: " in line]
    assert len(warnings) == sum(len(expected) for _, expected, _, _ in CASES.values())
    assert {line: unexplained(line) for line in warnings if unexplained(line)} == {}


def test_left_out_of_the_open_data_the_search_index_and_the_stored_pages(cases_built):
    data = (Path(cases_built.outdir) / "kennisbank.json").read_text(encoding="utf-8")
    records = pagefind_records(Path(cases_built.outdir))
    assert "/code.html" in records  # the pages are indexed, without the addresses
    index = json.dumps(records, ensure_ascii=False)
    # The doctrees keep each node's source text too; a builder may read it (a code block's highlighting).
    doctrees = b"".join(path.read_bytes() for path in Path(cases_built.doctreedir).glob("*.doctree"))
    for private in ("jan@gmail.com", "p@gmail.com", "99887766", "12345678", "jan.jansen", "kees", "klaas@", "foto@"):
        assert private not in data and private not in index and private.encode() not in doctrees, private
    assert '"e-mail": "r.r@gmail.com"' in data and '"e-mail": "anne.koning@gmail.com"' in data  # with a basis
    assert '"samenvatting": "Bel [telefoonnummer weggelaten]."' in data


def test_a_code_block_is_still_highlighted(cases_built):
    page = BeautifulSoup((Path(cases_built.outdir) / "code.html").read_text(encoding="utf-8"), "html.parser")
    assert "[e-mailadres weggelaten]" in page.select_one("div.highlight-text div.highlight pre").get_text()


def test_messages_do_not_repeat_the_address(cases_built):
    """Messages end up in logs and pull-request annotations: they show only enough to find it."""
    warnings = warnings_of(cases_built)
    for private in ("jan.jansen@gmail.com", "06 12345678", "0612345678", "klaas@gmail.com"):
        assert private not in warnings


def test_a_pattern_that_matches_nothing_stops_the_build(tmp_path):
    srcdir = write(tmp_path / "src", {"index.md": "# Start\n"}, 'kennisbank_function_addresses = ["vzhg.nl"]\n')
    with pytest.raises(Exception, match="'vzhg.nl' is geen patroon voor een e-mailadres"):
        build_once("html", srcdir, tmp_path / "_build")


# -- generated: an address in whatever Markdown a contributor writes ---------------------

local = st.from_regex(r"[a-z]{2,6}(\.[a-z]{2,6})?", fullmatch=True)
domain = st.from_regex(r"[a-z]{3,8}\.(nl|com|eu)", fullmatch=True)
number = st.from_regex(r"6[0-9]{8}", fullmatch=True).map(lambda n: f"0{n}")


@st.composite
def markdown(draw) -> tuple[str, int, str, bool]:
    """(Markdown, line of the detail within it, what must not be published, whether it is a function address)."""
    mailbox = draw(st.sampled_from(["info", "secretariaat"])) if draw(st.integers(0, 4)) == 0 else draw(local)
    address = f"{mailbox}@{draw(domain)}"
    digits = draw(number)
    phone = draw(st.sampled_from([digits, f"{digits[:2]} {digits[2:]}", f"{digits[:2]}-{digits[2:]}"]))
    detail, gone = draw(st.sampled_from([(address, address), (phone, digits[2:])]))
    template, line, splittable = draw(
        st.sampled_from(
            [
                ("Zie {d} graag.", 0, True),
                ("Eerst tekst,\ndan {d}.", 1, True),
                ("[{d}](mailto:{d})", 0, False),
                ("<{d}>", 0, False),
                ("**Let op**: {d}", 0, True),
                ("- punt\n- {d}", 1, True),
                ("> citaat met\n> {d}", 1, True),
                ("## Kop {d}", 0, False),
                ("| a | b |\n|---|---|\n| c | {d} |", 2, False),
            ]
        )
    )
    if "@" not in detail and template in ("[{d}](mailto:{d})", "<{d}>"):
        template = "[bel](tel:{d})" if " " not in detail else "`{d}`"
    split = " " in detail and splittable and draw(st.booleans())
    text = template.format(d=detail.replace(" ", "\n", 1) if split else detail)
    return text, line, gone, detail.split("@")[0] in ("info", "secretariaat")


@seed(20230501)
@settings_for_builds(2)
@given(batch=st.lists(markdown(), min_size=30, max_size=30))
def test_generated_markdown_with_addresses_and_numbers(batch, tmp_path_factory):
    root = tmp_path_factory.mktemp("privacy-gegenereerd")
    pages = {"index.md": "# Start\n\n```{toctree}\n:glob:\n\ngeval-*\n```\n"}
    for number_, (text, _, _, _) in enumerate(batch):
        pages[f"geval-{number_}.md"] = f"# Geval {number_}\n\nInleiding.\n\n{text}\n"
    app = build_once("html", write(root / "src", pages, ""), root / "_build")
    warnings = warnings_of(app).splitlines()
    for number_, (text, line, gone, function) in enumerate(batch):
        here = [w for w in warnings if f"/geval-{number_}.md:" in w]
        if function:
            assert here == [], (text, here)
            continue
        # A ``tel:`` link behind a word ("bel") is named as a link to the number.
        where = f"/geval-{number_}.md:{5 + line}: WARNING: Een (link naar een )?persoonlijk"
        assert len(here) == 1 and re.search(where, here[0]), (text, here)
        assert gone not in published(app, f"geval-{number_}"), text


# -- the newsletter e-mail ---------------------------------------------------------------


def test_the_newsletter_e_mail_leaves_them_out_too(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-newsletter", srcdir)
    edition = srcdir / "nieuwsbrief" / "2023-1.md"
    edition.write_text(edition.read_text().replace("- tweede punt.", "- mail jan.jansen@gmail.com."), encoding="utf-8")
    item = srcdir / "actueel" / "juristen.md"
    item.write_text(item.read_text().replace("nieuwe leden.", "nieuwe leden: bel 06 12345678."), encoding="utf-8")
    letters = build_once("nieuwsbrief", srcdir, tmp_path / "_build")
    warnings = warnings_of(letters)
    assert "2023-1.md:25: WARNING: Een persoonlijk e-mailadres (j…@gmail.com)" in warnings, warnings
    assert "juristen.md:6: WARNING: Bericht 'juristen-zoeken-leden', veld 'samenvatting'" in warnings, warnings
    for suffix in ("html", "txt", "eml"):
        text = (Path(letters.outdir) / f"nieuwsbrief-1.{suffix}").read_text(encoding="utf-8")
        assert "jan.jansen" not in text and "12345678" not in text
    text = (Path(letters.outdir) / "nieuwsbrief-1.txt").read_text(encoding="utf-8")
    assert "[e-mailadres weggelaten]" in text and "nieuwe leden: bel [telefoonnummer weggelaten]" in text
