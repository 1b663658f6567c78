"""One word for one thing, and a way to sign up for the newsletter.

Readers meet a "bijeenkomst", never an "evenement" (the name of the page type and of
``{evenement}``, which only contributors type), no "Binnenkort" heading and no English
"Save the date": in every page, feed and newsletter e-mail the build writes. And the
newsletter's pages and e-mails say how to get it (``kennisbank_newsletter_signup``).
"""

from __future__ import annotations

import re
from email import policy
from email.parser import BytesParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from sphinx.errors import ConfigError

from conftest import ROOTS, build_once, warnings_of
from kennisbank.model.newsletter import signup_link
from kennisbank.sphinx_ext.config import KennisbankConfig

ROOT = ROOTS / "test-agenda-states"
FORBIDDEN = re.compile(r"\b(evenement(en)?|binnenkort|save the date)\b", re.IGNORECASE)
#: Pages of the real site where the words may stand: the contributors' guide (which
#: explains ``{evenement}``) and the benchmark report, both for builders, not members.
NOT_FOR_MEMBERS = ("bijdragen/", "prestaties.html")
#: The glossary explains crowd control "bij evenementen": festivals, not our meetings.
ALLOWED_PHRASES = ("bijvoorbeeld bij evenementen",)
URL = re.compile(r"\b(?:https?|webcal|mailto):\S+")
#: The lines of an .ics feed that a calendar app shows (not its UIDs and addresses).
SHOWN_ICS = ("SUMMARY", "DESCRIPTION", "NAME", "X-WR-CALNAME", "X-WR-CALDESC", "CATEGORIES", "LOCATION")
SIGNUP = "mailto:secretariaat@kennisbank.example?subject=Aanmelden%20nieuwsbrief"


def visible_text(html: str) -> str:
    """What a reader reads: no scripts or styles, no code (technical names), no addresses."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "code", "head"]):
        hidden.decompose()
    shown = [soup.get_text(" ")]
    shown += [element[name] for name in ("alt", "title", "aria-label") for element in soup.find_all(attrs={name: True})]
    return URL.sub("", " ".join(" ".join(shown).split()))


def forbidden_in(text: str) -> list[str]:
    for phrase in ALLOWED_PHRASES:
        text = text.replace(phrase, "")
    return [text[max(0, m.start() - 40) : m.end() + 40] for m in FORBIDDEN.finditer(text)]


def ics_text(data: str) -> str:
    unfolded = data.replace("\r\n ", "").replace("\r\n\t", "")
    lines = [line.split(":", 1)[1] for line in unfolded.splitlines() if line.split(";")[0].split(":")[0] in SHOWN_ICS]
    return URL.sub("", " ".join(lines).replace("\\n", " ").replace("\\,", ","))


def written_words(outdir: Path) -> dict[str, list[str]]:
    """Per file, the forbidden words a reader would read in it."""
    found = {}
    for path in sorted(outdir.rglob("*")):
        name = path.relative_to(outdir).as_posix()
        if name.startswith(("_static/", "_sources/")) or name.startswith(NOT_FOR_MEMBERS):
            continue
        if path.suffix == ".html":
            words = forbidden_in(visible_text(path.read_text(encoding="utf-8")))
        elif path.suffix == ".ics":
            words = forbidden_in(ics_text(path.read_text(encoding="utf-8")))
        elif path.name.endswith(".xml") and "sitemap" not in path.name:  # the news feeds
            words = forbidden_in(URL.sub("", re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))))
        elif path.suffix == ".txt":
            words = forbidden_in(URL.sub("", path.read_text(encoding="utf-8")))
        else:
            continue
        if words:
            found[name] = words
    return found


@pytest.fixture(scope="module")
def states(tmp_path_factory):
    """The agenda-states root as pages and as newsletter e-mails, before and after its events."""
    built = {}
    for date in ("2024-04-15", "2025-02-01"):
        for builder in ("html", "nieuwsbrief"):
            overrides = {"kennisbank_reference_date": date}
            app = build_once(builder, ROOT, tmp_path_factory.mktemp(f"{builder}-{date}"), confoverrides=overrides)
            assert warnings_of(app) == ""
            built[(builder, date)] = Path(app.outdir)
    return built


def test_no_generated_text_says_evenement_binnenkort_or_save_the_date(states):
    for outdir in states.values():
        assert written_words(outdir) == {}, outdir


def test_the_real_site_says_bijeenkomst_to_its_members(docs_html):
    assert written_words(Path(docs_html.outdir)) == {}


def test_the_word_check_finds_what_it_looks_for():
    html = "<p>Er staan geen komende evenementen. <code>{evenement}</code> <a href='https://x.nl/evenement'>x</a></p>"
    assert forbidden_in(visible_text(html)) == ["Er staan geen komende evenementen. x"]
    assert len(forbidden_in(visible_text("<h2>Binnenkort</h2><h2>Save the date</h2>"))) == 2
    assert forbidden_in(ics_text("X-WR-CALDESC:Alle evenementen\r\nUID:evenement-x@kb\r\n")) == ["Alle evenementen"]


# -- signing up for the newsletter -------------------------------------------------------------


def test_the_signup_link_is_the_setting_or_a_mail_to_the_secretary():
    secretary, sender = "secretariaat@vzhg.nl", "redactie@vzhg.nl"
    assert signup_link("", secretary, sender) == "mailto:secretariaat@vzhg.nl?subject=Aanmelden%20nieuwsbrief"
    assert signup_link("", "", sender) == "mailto:redactie@vzhg.nl?subject=Aanmelden%20nieuwsbrief"
    assert signup_link("leden@vzhg.nl", secretary, sender) == "mailto:leden@vzhg.nl?subject=Aanmelden%20nieuwsbrief"
    assert signup_link("https://vzhg.nl/aanmelden", secretary, sender) == "https://vzhg.nl/aanmelden"
    assert signup_link("mailto:a@vzhg.nl?subject=Hoi", secretary, sender) == "mailto:a@vzhg.nl?subject=Hoi"
    assert signup_link("", "", "") == ""
    settings = KennisbankConfig(newsletter_from="Nieuwsbrief <redactie@vzhg.nl>", newsletter_reply_to=secretary)
    assert settings.newsletter_signup_link == "mailto:secretariaat@vzhg.nl?subject=Aanmelden%20nieuwsbrief"


@pytest.mark.parametrize("value", ["aanmelden bij de secretaris", "ftp://vzhg.nl/", "https://", "mailto:geen-adres"])
def test_a_signup_setting_that_is_no_address_stops_the_build_in_dutch(value):
    with pytest.raises(ConfigError, match="kennisbank_newsletter_signup moet een webadres"):
        KennisbankConfig(newsletter_signup=value)


@pytest.mark.parametrize("name", ["nieuwsbrief/index.html", "nieuwsbrief/2024-1.html"])
def test_the_newsletter_pages_say_how_to_sign_up(states, name):
    soup = BeautifulSoup((states[("html", "2024-04-15")] / name).read_text(encoding="utf-8"), "html.parser")
    signup = soup.select_one("p.kb-nieuwsbrief-aanmelden")
    assert " ".join(signup.get_text(" ", strip=True).split()) == (
        "Wilt u de nieuwsbrief per e-mail ontvangen? Meld u aan voor de nieuwsbrief : "
        "u stuurt dan een e-mail aan secretariaat@kennisbank.example."
    )
    # The site hides addresses from harvesters (cloak_email_addresses): %40 for @, as mail programs read it.
    assert unquote(signup.a["href"]) == unquote(SIGNUP) and signup.a.get_text() == "Meld u aan voor de nieuwsbrief"


def test_a_signup_form_is_linked_as_it_is(tmp_path):
    overrides = {"kennisbank_newsletter_signup": "https://kennisbank.example/aanmelden"}
    app = build_once("html", ROOT, tmp_path, confoverrides=overrides)
    soup = BeautifulSoup((Path(app.outdir) / "nieuwsbrief/index.html").read_text(encoding="utf-8"), "html.parser")
    signup = soup.select_one("p.kb-nieuwsbrief-aanmelden")
    assert signup.a["href"] == "https://kennisbank.example/aanmelden"
    assert signup.get_text(" ", strip=True).endswith("Meld u aan voor de nieuwsbrief .")


def test_every_newsletter_email_ends_with_the_way_to_sign_up(states):
    outdir = states[("nieuwsbrief", "2024-04-15")]
    html = BeautifulSoup((outdir / "nieuwsbrief-1.html").read_text(encoding="utf-8"), "html.parser")
    footer = html.select_one("td.kb-footer")
    link = footer.find("a", string="Meld u aan voor de nieuwsbrief")
    assert link["href"] == SIGNUP
    assert "Noteer alvast" in html.get_text()
    text = (outdir / "nieuwsbrief-1.txt").read_text(encoding="utf-8")
    assert (
        "Hebt u deze nieuwsbrief doorgestuurd gekregen? Meld u aan voor de nieuwsbrief "
        f"<{SIGNUP}>: u stuurt dan een e-mail aan secretariaat@kennisbank.example."
    ) in " ".join(text.split())
    assert "NOTEER ALVAST" in text
    message = BytesParser(policy=policy.default).parsebytes((outdir / "nieuwsbrief-1.eml").read_bytes())
    assert all(SIGNUP in part.get_content() for part in message.iter_parts())
