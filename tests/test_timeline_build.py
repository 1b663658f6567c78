"""True on its date, built: ``tests/roots/test-tijd`` (a page per case) read on the day before its
boundaries and on a day after them, in every output: the pages, the Atom feeds, the open data, the
sitemap and search index, the newsletter's HTML, text and .eml, and a board pack's PDF.

- 25 May 2024: the news item of 20 June is still to appear; the call to register for the ledendag
  of 12 June (registration until 5 June) holds; Ada is the coming chair from 15 June, Bert treasurer
  until 14 June; the meeting of "June 2024" has no day yet; the item of 1 June 2023 is not a year old.
- 15 August 2024: all of it has turned (and the 30 days a report link may still come are over).

The day comes from SOURCE_DATE_EPOCH, as in the nightly build, so the later day is an incremental
build of the same sources: it must equal a clean one. The editors' list and the "stand van" of a
pack need git history: the last test makes some.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import json
import re
import shutil
import subprocess
import threading
from email import message_from_bytes
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOTS, build_once, git, output_files, pagefind_records, warnings_of
from kennisbank.tools.cli import main as kennisbank

BEFORE, AFTER = "2024-05-25", "2024-08-15"


def epoch(day: str) -> str:
    moment = dt.datetime.fromisoformat(day).replace(hour=12, tzinfo=dt.UTC)
    return str(int(moment.timestamp()))


def build_on(day: str, srcdir: Path, builddir: Path, builder: str = "html", **kwargs):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", epoch(day))
        return build_once(builder, srcdir, builddir, **kwargs)


@pytest.fixture(scope="module")
def days(tmp_path_factory) -> dict[str, Path]:
    """The site and the newsletter on each day, built from a copy outside git (no commit dates)."""
    srcdir = tmp_path_factory.mktemp("tijd") / "bron"
    shutil.copytree(ROOTS / "test-tijd", srcdir)
    built = {}
    for day in (BEFORE, AFTER):
        builddir = srcdir.parent / day
        app = build_on(day, srcdir, builddir)
        assert warnings_of(app) == ""
        build_on(day, srcdir, builddir, "nieuwsbrief")
        built[day] = builddir
    return built


def page(builddir: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((builddir / "html" / name).read_text(encoding="utf-8"), "html.parser")


def text_of(builddir: Path, name: str) -> str:
    main = page(builddir, name).select_one("[role=main]")
    return " ".join(main.get_text(" ").replace("\xad", "").split())


def file(builddir: Path, name: str) -> str:
    return (builddir / name).read_text(encoding="utf-8")


# -- content with a date in the future -------------------------------------------------------


def test_a_news_item_appears_on_its_day_and_not_before(days):
    before, after = days[BEFORE], days[AFTER]
    # Before: its page says when it appears; nothing lists, links, finds or announces it.
    assert text_of(before, "actueel/zomerbericht.html").endswith("Dit bericht verschijnt op 20 juni 2024.")
    assert page(before, "actueel/zomerbericht.html").select_one('meta[name="robots"][content="noindex"]')
    for listing in ("index.html", "actueel/index.html", "themas/wonen.html"):
        assert "Zomerfeest" not in text_of(before, listing), listing
    for data in (
        "html/actueel/atom.xml",
        "html/feeds/thema/wonen.atom.xml",
        "html/kennisbank.json",
        "html/sitemap.xml",
    ):
        assert "zomerbericht" not in file(before, data) and "Zomerfeest" not in file(before, data), data
    assert "picknick" not in json.dumps(pagefind_records(before / "html"))
    # On a later day: everywhere.
    assert "picknick in het park" in text_of(after, "actueel/zomerbericht.html")
    for listing in ("index.html", "actueel/index.html", "themas/wonen.html"):
        assert "Zomerfeest aangekondigd" in text_of(after, listing), listing
    for data in (
        "html/actueel/atom.xml",
        "html/feeds/thema/wonen.atom.xml",
        "html/kennisbank.json",
        "html/sitemap.xml",
    ):
        assert "zomerbericht" in file(after, data), data
    assert "picknick" in json.dumps(pagefind_records(after / "html"))


# -- calls to action ------------------------------------------------------------------------------


def test_a_call_to_action_shows_while_it_can_be_acted_on_then_says_what_happened(days):
    before, after = days[BEFORE], days[AFTER]
    item, event = "actueel/ledendag-oproep.html", "agenda/ledendag.html"
    assert "Meld u nu aan voor de Ledendag" in text_of(before, item)
    assert page(before, event).select_one("a.kb-aanmelden")["href"] == "https://kennisbank.example/aanmelden"
    assert "Zet 12 juni in uw agenda en meld u aan." in text_of(before, event)
    assert "Meld u uiterlijk 5 juni aan" in file(before, "html/actueel/atom.xml")
    assert "Noteer alvast: de ledendag" in text_of(before, "index.html")
    # Afterwards: what happened, in its place, on the page, in the lists and in the feed.
    assert "Meld u" not in text_of(after, item)
    assert text_of(after, item).count("De ledendag was op 12 juni 2024 in Gouda.") == 1  # its na-afloop
    assert "Ledendag was op woensdag 12 juni 2024." in text_of(after, item)  # the {oproep} block
    assert page(after, event).select_one("a.kb-aanmelden") is None
    assert "Ledendag was op woensdag 12 juni 2024." in text_of(after, event)
    assert "meld u aan" not in text_of(after, event).lower()
    assert "De ledendag was op 12 juni 2024 in Gouda." in text_of(after, "actueel/index.html")
    feed = file(after, "html/actueel/atom.xml")
    assert "Meld u uiterlijk" not in feed and "De ledendag was op 12 juni 2024 in Gouda." in feed
    assert "Noteer alvast" not in text_of(after, "index.html")


def without_signup(text: str) -> str:
    """The text without the way to sign up for the newsletter itself, which is always offered."""
    return re.sub(r"Aanmelden(%20| )nieuwsbrief", "", text)


def test_the_newsletter_calls_on_no_one_once_its_events_are_over(days):
    before, after = days[BEFORE], days[AFTER]
    sent = file(before, "nieuwsbrief/nieuwsbrief-1.txt")
    assert "NOTEER ALVAST" in sent and "Aanmelden (Ledendag)" in sent and "Meld u uiterlijk 5 juni aan" in sent
    later = {suffix: file(after, f"nieuwsbrief/nieuwsbrief-1.{suffix}") for suffix in ("txt", "html")}
    mail = message_from_bytes((after / "nieuwsbrief" / "nieuwsbrief-1.eml").read_bytes())
    later["eml"] = "\n".join(part.get_payload(decode=True).decode() for part in mail.walk() if not part.is_multipart())
    for suffix, text in later.items():
        text = without_signup(text)
        assert "Aanmelden" not in text and "noteer alvast" not in text.lower(), suffix
        assert "De ledendag was op 12 juni 2024 in Gouda." in text, suffix
    assert "AANGEKONDIGD" in later["txt"] and "afgelopen" in later["txt"]
    site = without_signup(text_of(after, "nieuwsbrief/2024-1.html"))
    assert "Aangekondigd" in site and "Aanmelden" not in site and "Noteer alvast" not in site


# -- roles ------------------------------------------------------------------------------------------


def test_a_role_turns_on_its_date_on_every_page_and_in_the_open_data(days):
    before, after = days[BEFORE], days[AFTER]
    people = text_of(before, "personen.html")
    assert "Ada Aarts (aankomend voorzitter, vanaf 15 juni 2024)" in people
    assert "aankomend voorzitter, Testvereniging (vanaf 15 juni 2024)" in people
    assert "Bert Bos (penningmeester, tot en met 14 juni 2024)" in people
    people = text_of(after, "personen.html")
    assert "Ada Aarts (voorzitter, sinds 15 juni 2024)" in people and "aankomend" not in people
    assert "Bert Bos (voormalig penningmeester, tot en met 14 juni 2024)" in people
    past = page(after, "personen.html").select(".kb-rol-voorbij")
    assert {" ".join(p.get_text(" ").split()) for p in past} >= {
        "voormalig penningmeester, Testvereniging (tot en met 14 juni 2024)"
    }
    # The organisation's "Gerelateerd" and the open data say the same.
    assert "Ada Aarts (voorzitter, sinds 15 juni 2024)" in text_of(after, "organisaties.html")
    for day, states in ((before, ["komend", "huidig", "huidig"]), (after, ["huidig", "voorbij", "huidig"])):
        data = json.loads(file(day, "html/kennisbank.json"))
        roles = [r for o in data["objecten"] if o["type"] == "persoon" for r in o["velden"]["rollen"]]
        assert [r["status"] for r in roles] == states
        assert roles[0]["vanaf"] == "2024-06-15" and roles[1]["tot"] == "2024-06-14"


# -- placeholders -----------------------------------------------------------------------------------


def test_a_placeholder_says_it_was_never_recorded_once_it_can_no_longer_come(days):
    before, after = days[BEFORE], days[AFTER]
    meeting = "agenda/najaarsoverleg.html"
    assert "juni 2024 [precieze datum volgt]" in text_of(before, meeting)
    assert "Verslag : [link volgt]" in text_of(before, meeting)
    assert "Programma [link volgt]" in text_of(before, meeting) and "De dag wordt nog gekozen." in text_of(
        before, meeting
    )
    text = text_of(after, meeting)
    assert "juni 2024 [precieze datum niet vastgelegd]" in text and "volgt]" not in text
    assert "Verslag : [link niet vastgelegd]" in text and "Programma [link niet vastgelegd]" in text
    assert "Meer is hierover niet vastgelegd." in text and "nog gekozen" not in text
    assert "Het programma van de dag is niet vastgelegd." in text_of(after, "agenda/ledendag.html")
    assert "[precieze datum niet vastgelegd]" in text_of(after, "agenda/index/2024.html")


# -- the age of news --------------------------------------------------------------------------------


def test_an_old_news_item_says_its_age_and_lists_show_it_below_the_current_ones(days):
    before, after = days[BEFORE], days[AFTER]
    item = "actueel/oud-nieuws.html"
    assert "Dit bericht is van" not in text_of(before, item)
    assert "Ouder dan een jaar" not in text_of(before, "index.html")
    assert page(after, item).select_one("h1").find_next("p").get_text() == "Dit bericht is van 1 juni 2023."
    meta = {m["name"]: m["content"] for m in page(after, item).select("meta[name^=kb-]")}
    assert meta == {"kb-datum": "2023-06-01", "kb-oud": "ja"}
    front = text_of(after, "index.html")
    assert front.index("Ledendag op 12 juni") < front.index("Ouder dan een jaar:") < front.index("Wonen op de agenda")
    assert page(after, "index.html").select("li.kb-bericht-oud a")[0].get_text() == "Wonen op de agenda"


# -- the next morning -----------------------------------------------------------------------------


def test_the_morning_after_an_incremental_build_equals_a_clean_one(days, tmp_path):
    srcdir = days[BEFORE].parent / "bron"
    incremental = tmp_path / "incrementeel"
    build_on(BEFORE, srcdir, incremental)
    app = build_on(AFTER, srcdir, incremental)
    assert warnings_of(app) == ""
    clean = output_files(days[AFTER] / "html")
    assert output_files(incremental / "html") == clean
    parallel = build_on(AFTER, srcdir, tmp_path / "parallel", parallel=2)
    assert output_files(Path(parallel.outdir)) == clean


# -- with git history: the editors' list and a pack's "stand van" -----------------------------------


@pytest.fixture
def served(tmp_path):
    """A small web server on this machine: one page that exists; any other address is a 404."""
    folder = tmp_path / "web"
    folder.mkdir()
    (folder / "bestaat.html").write_text("<p>hier</p>", encoding="utf-8")
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def test_the_editors_list_has_one_of_each_kind_and_the_issue_says_it(tmp_path, served, snapshot, capsys):
    repo = tmp_path / "repo"
    docs = repo / "docs"
    shutil.copytree(ROOTS / "test-tijd", docs)
    links = f"- [bestaat]({served}/bestaat.html)\n- [weg]({served}/weg.html)\n- [geen antwoord](http://127.0.0.1:1/)\n"
    (docs / "themas" / "wonen.md").write_text(file(docs, "themas/wonen.md") + "\n" + links, encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "De kennisbank", date="2023-01-01T12:00:00+00:00")
    # A maintenance commit is no change of the content: wonen stays unreviewed since 2023.
    (docs / "themas" / "wonen.md").write_text(file(docs, "themas/wonen.md") + "\n", encoding="utf-8")
    git(repo, "commit", "-qam", "Witregels", "-m", "Kennisbank: onderhoud", date="2024-08-10T12:00:00+00:00")
    # Recent changes of content: those pages need no review (the rest of the site does, since 2023).
    for name in ("index.md", "agenda/najaarsoverleg.md", "personen.md"):
        (docs / name).write_text(file(docs, name) + "\n<!-- nagekeken -->\n", encoding="utf-8")
    git(repo, "commit", "-qam", "Nagekeken", date="2024-08-01T12:00:00+00:00")
    doctrees = tmp_path / "build" / "doctrees"
    app = build_on(AFTER, docs, tmp_path / "build")
    assert warnings_of(app) == ""
    assert kennisbank(["onderhoud", "--docs", str(docs), "--doctrees", str(doctrees)]) == 0
    printed = capsys.readouterr().out
    issue = tmp_path / "onderhoud.md"
    code = kennisbank(
        [
            "onderhoud",
            "--links",
            "--wachttijd",
            "5",
            "--docs",
            str(docs),
            "--doctrees",
            str(doctrees),
            "--markdown",
            str(issue),
        ]
    )
    assert code == 0
    listed = capsys.readouterr().out
    assert f"{docs.as_posix()}/themas/wonen.md:1: Wonen: laatst herzien of gewijzigd op 1 januari 2023" in printed
    assert "Externe links zijn niet gecontroleerd" in printed
    body = issue.read_text(encoding="utf-8").replace(served, "http://server").replace(docs.as_posix(), "docs")
    assert body == snapshot
    # One of each kind: the organisation's website "volgt" since 2023; the meeting of June without its
    # day; the announcement, and two calls to register without a text for afterwards; Bert's past role,
    # and Ada's role that began while its function still says "aankomend"; the link that is gone.
    for heading in ("Niet herzien", "Plaatshouders (1)", "zonder vastgelegde datum (1)", "voorbij hun datum (3)"):
        assert heading in body, heading
    assert "Rollen die zijn afgelopen of nog ‘aankomend’ heten (2)" in body
    assert "Externe links die niet meer werken (1)" in body and "/weg.html geeft 404" in body
    assert "1 kon niet worden gecontroleerd" in listed  # no answer: counted apart, no failure
    # The editors' page shows the same list.
    editors = text_of(tmp_path / "build", "onderhoud.html")
    assert "Rollen die zijn afgelopen of nog ‘aankomend’ heten (2)" in editors
    assert "personen.md:20" in editors and "organisaties.md:8" in editors


@pytest.mark.pdf
def test_a_pack_is_as_of_the_last_change_of_its_content_on_its_cover_and_its_link(tmp_path):
    pytest.importorskip("pypdf", reason="PDF-tests overgeslagen: installeer de extra 'pdf'")
    try:
        import weasyprint  # noqa: F401
    except OSError as error:  # WeasyPrint is installed, the system library Pango is not
        pytest.skip(f"PDF-tests overgeslagen: Pango ontbreekt ({error})")
    import pypdf

    repo = tmp_path / "repo"
    shutil.copytree(ROOTS / "test-tijd", repo)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "De kennisbank", date="2023-01-01T12:00:00+00:00")
    (repo / "themas" / "wonen.md").write_text(file(repo, "themas/wonen.md") + "\nNieuw over wonen.\n", encoding="utf-8")
    git(repo, "commit", "-qam", "Wonen bijgewerkt", date="2024-03-01T12:00:00+00:00")
    (repo / "themas" / "wonen.md").write_text(file(repo, "themas/wonen.md") + "\n", encoding="utf-8")
    git(repo, "commit", "-qam", "Witregel", "-m", "Kennisbank: onderhoud", date="2024-07-01T12:00:00+00:00")
    builddir = tmp_path / "build"
    build_on(AFTER, repo, builddir, "kennisbank-pdf")  # make site: the PDFs first, then the HTML
    (builddir / "html" / "pdf").mkdir(parents=True)
    shutil.copy(builddir / "kennisbank-pdf" / "bestuurspakket-2024-06-20.pdf", builddir / "html" / "pdf")
    build_on(AFTER, repo, builddir)
    cover = pypdf.PdfReader(builddir / "kennisbank-pdf" / "bestuurspakket-2024-06-20.pdf").pages[0].extract_text()
    assert "Stand van vrijdag 1 maart 2024" in " ".join(cover.split())
    downloads = text_of(builddir, "downloads.html")
    assert re.search(
        r"Download het bestuurspakket van 20 juni 2024 \(PDF, \d+ kB\) , stand van vrijdag 1 maart 2024", downloads
    )
    assert "stand van vrijdag 1 maart 2024" in text_of(builddir, "pakketten/juni.html")


def test_a_review_day_in_a_pages_front_matter_is_checked_and_counted(write_source, build):
    srcdir = write_source(
        {
            "index.md": "# Start\n\n```{toctree}\ngoed\nfout\n```\n",
            "goed.md": "---\nherzien: 2024-08-01\n---\n# Goed\n\nTekst.\n",
            "fout.md": "---\ntitel: x\nherzien: december\n---\n# Fout\n\nTekst.\n",
        }
    )
    app = build(srcdir, confoverrides={"kennisbank_reference_date": "2024-08-15"})
    assert warnings_of(app).strip().splitlines() == [
        f"{srcdir / 'fout.md'}:3: WARNING: Kop van de pagina, veld 'herzien': 'december' is geen dag; schrijf de "
        "dag waarop u de pagina controleerde als JJJJ-MM-DD, zoals herzien: 2026-12-07 [kennisbank.invoer]"
    ]
    report = json.loads((Path(app.doctreedir) / "kennisbank-onderhoud.json").read_text(encoding="utf-8"))
    unreviewed = [f["docname"] for f in report["bevindingen"] if f["kind"] == "herzien"]
    assert unreviewed == ["fout", "index"]  # outside git, only 'herzien' tells: goed was checked


# -- the nightly issue "Onderhoud" ------------------------------------------------------------------

PUBLISH = Path(__file__).parents[1] / ".github" / "workflows" / "publish.yml"
#: A stand-in for GitHub's gh: logs each call; SCENARIO says which issues exist.
FAKE_GH = """#!/bin/sh
echo "$*" >> "$GH_LOG"
case "$*" in
  "issue list --label onderhoud"*) [ "$SCENARIO" = gelabeld ] || [ "$SCENARIO" = gesloten ] && echo 7 ;;
  "issue list --state all --search"*) [ "$SCENARIO" = zonder-label ] && echo 9 ;;
  "issue view"*) [ "$SCENARIO" = gesloten ] && echo CLOSED || echo OPEN ;;
esac
exit 0
"""


def issue_step() -> tuple[dict, str]:
    import yaml

    job = yaml.safe_load(PUBLISH.read_text(encoding="utf-8"))["jobs"]["onderhoud"]
    step = next(s for s in job["steps"] if "run" in s)
    return job, step["run"]


@pytest.mark.parametrize(
    ("scenario", "points", "calls"),
    [
        ("geen", 3, ["issue create --title Onderhoud --label onderhoud --body-file"]),
        ("gelabeld", 3, ["issue edit 7 --add-label onderhoud --body-file", "issue view 7"]),
        ("zonder-label", 0, ["issue edit 9 --add-label onderhoud --body-file"]),
        ("gesloten", 3, ["issue edit 7 --add-label onderhoud --body-file", "issue view 7", "issue reopen 7"]),
        ("gesloten", 0, ["issue edit 7 --add-label onderhoud --body-file"]),
    ],
)
def test_the_nightly_run_keeps_one_issue_and_never_opens_a_second(scenario, points, calls, tmp_path):
    job, script = issue_step()
    assert job["permissions"] == {"issues": "write"} and job["needs"] == "publiceren"
    assert "${{" not in script  # the body comes from our file, through the environment
    fake = tmp_path / "bin" / "gh"
    fake.parent.mkdir()
    fake.write_text(FAKE_GH, encoding="utf-8")
    fake.chmod(0o755)
    report = tmp_path / "onderhoud.md"
    report.write_text(f"<!-- onderhoud: {points} punten -->\n", encoding="utf-8")
    log = tmp_path / "gh.log"
    env = {"PATH": f"{fake.parent}:/usr/bin:/bin", "RAPPORT": str(report), "GH_LOG": str(log), "SCENARIO": scenario}
    subprocess.run(["bash", "-e", "-c", script], env=env, check=True)
    made = [
        line for line in log.read_text(encoding="utf-8").splitlines() if not line.startswith(("label", "issue list"))
    ]
    assert len(made) == len(calls) and all(line.startswith(call) for line, call in zip(made, calls, strict=True)), made
    assert all(line.endswith(str(report)) for line in made if "--body-file" in line)
