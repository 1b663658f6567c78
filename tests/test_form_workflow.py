"""From a submitted form to a branch, a commit and a comment: the form workflow end to end.

Each test makes a git repository with a copy of tests/roots/test-forms and its forms,
writes a GitHub ``issues`` event as .github/workflows/formulier.yml receives it, and
runs what that workflow runs (``kennisbank formulier --gebeurtenis ... --commit``).
It then looks at what the later jobs of the workflow take over: the branch and its
commit (and the git bundle they travel in), the page and its toctree entry, the
outputs, and the text of the comment, for a correct form and for each kind of
mistake. The page a form writes passes the strict build.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import unexplained, warnings_of
from kennisbank.tools.forms import FOLDER, stale_files
from kennisbank.tools.replies import (
    PULL_REQUEST_URL,
    failure_comment,
    mistakes_comment,
    success_comment,
    waiting_comment,
)
from kennisbank.tools.submission import Proposal

ROOT = Path(__file__).parents[1]
FORMS_ROOT = Path(__file__).parent / "roots" / "test-forms"
FIXTURES = Path(__file__).parent / "fixtures" / "formulieren"
KENNISBANK = Path(sys.executable).parent / "kennisbank"
GIT = shutil.which("git")
BRANCH = "formulier/issue-7"
FORM_LABEL = "formulier-evenement"

pytestmark = pytest.mark.skipif(GIT is None, reason="git ontbreekt")


def git(repo: Path, *args: str) -> str:
    return subprocess.run([GIT, *args], cwd=repo, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(FORMS_ROOT, repo / "docs")
    subprocess.run([KENNISBANK, "formulieren", "--docs", "docs"], cwd=repo, check=True, capture_output=True)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "-c", "user.name=T", "-c", "user.email=t@example.nl", "commit", "-qm", "begin")
    return repo


def submit(repo: Path, body: str, labels=(FORM_LABEL,), **event) -> tuple[dict[str, str], Path]:
    """Run the workflow's command on an event; return its outputs and the output folder."""
    payload = {
        "action": event.get("action", "opened"),
        "issue": {
            "number": 7,
            "body": body,
            "labels": [{"name": label} for label in labels],
            "author_association": event.get("association", "MEMBER"),
            "user": {"login": "fatima"},
            "state": "open",
        },
        "sender": {"login": event.get("sender", "fatima")},
    }
    path = repo.parent / "gebeurtenis.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    output = repo.parent / "uitvoer"
    shutil.rmtree(output, ignore_errors=True)
    result = subprocess.run(
        [KENNISBANK, "formulier", "--gebeurtenis", str(path), "--commit", "--uitvoer", str(output)],
        cwd=repo,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    outputs = dict(line.split("=", 1) for line in result.stdout.splitlines())
    return outputs, output


def fixture(name: str) -> str:
    return (FIXTURES / f"{name}.md").read_text(encoding="utf-8")


def branches(repo: Path) -> list[str]:
    return git(repo, "branch", "--format=%(refname:short)").split()


EVENT_PAGE = """\
# Ledendag “Samen sterk” 2024

```{evenement} ledendag-samen-sterk-2024
---
samenvatting: Een dag voor alle leden: bestuurders en ambtenaren.
trefwoorden: ledenvergadering, netwerken
start: 2024-06-13 13:30
eind: 2024-06-13 17:00
locatie: Stadhuis Gouda
adres: Markt 1
postcode: 2801 JG
plaats: Gouda
organisator: vzhg
thema: jeugd, wonen
netwerk: strategen
sprekers: jan-de-vries
doelgroep: burgemeesters en wethouders
aanmelden: https://www.vzhg.nl/aanmelden
aanmelden-tot: 2024-06-01
---
```

De ledendag staat dit jaar in het teken van ‘samen sterk’: wat kunnen gemeenten van elkaar leren?

## Programma

### Middag

- 13:30 ontvangst
- 14:00 opening door {persoon}`jan-de-vries`

Meer over het thema leest u bij {thema}`wonen`.
"""

SUCCESS = """\
<!-- kennisbank-formulier -->
**Uw voorstel staat klaar: PULL_REQUEST_URL**

Dank u wel! De kennisbank maakte van uw formulier het evenement ‘Ledendag “Samen sterk” 2024’ \
(id `ledendag-samen-sterk-2024`, in `docs/agenda/ledendag-samen-sterk-2024.md`).

- Een redacteur bekijkt het voorstel en publiceert het; daarna staat het op de site.
- Wilt u nog iets veranderen? Klik bij dit issue op **···** › **Edit**, verbeter de tekst onder de kop \
van het veld en kies **Update comment**; het voorstel wordt dan bijgewerkt.
"""


def test_a_correct_form_becomes_a_commit_with_the_page_on_its_own_branch(repo, build, tmp_path):
    base = git(repo, "rev-parse", "main").strip()
    body = fixture("evenement-goed").replace("\n", "\r\n")  # as GitHub's API gives a body typed in a browser
    outputs, output = submit(repo, body)
    assert outputs == {"uitkomst": "pull-request", "label-erbij": "", "label-eraf": "", "tak": BRANCH}
    # One commit on a branch of its own, straight on the commit the workflow checked out.
    assert git(repo, "rev-parse", "--abbrev-ref", "HEAD").strip() == BRANCH
    assert git(repo, "rev-parse", f"{BRANCH}~1").strip() == base
    assert git(repo, "log", "-1", "--format=%an|%s%n%b", BRANCH) == (
        "github-actions[bot]|Nieuw: evenement ‘Ledendag “Samen sterk” 2024’\nUit het formulier in issue #7.\n\n"
    )
    changed = git(repo, "show", "--name-only", "--format=", BRANCH).split()
    assert changed == ["docs/agenda/index.md", "docs/agenda/ledendag-samen-sterk-2024.md"]
    assert git(repo, "status", "--porcelain") == ""
    page = repo / "docs" / "agenda" / "ledendag-samen-sterk-2024.md"
    assert page.read_text(encoding="utf-8") == EVENT_PAGE
    assert "\nledendag\nledendag-samen-sterk-2024\n```" in (repo / "docs" / "agenda" / "index.md").read_text()
    # What the later jobs read: the comment, the pull request's title and text, and the bundle.
    assert (output / "reactie.md").read_text(encoding="utf-8") == SUCCESS
    assert (output / "pr-titel.txt").read_text(encoding="utf-8") == "Nieuw: evenement ‘Ledendag “Samen sterk” 2024’"
    pull_request = (output / "pr.md").read_text(encoding="utf-8")
    assert pull_request.startswith(
        "Het evenement ‘Ledendag “Samen sterk” 2024’ (`docs/agenda/ledendag-samen-sterk-2024.md`), "
        "uit het formulier in #7 van @fatima."
    )
    assert "Sluit deze pull request en heropen haar om de controle te starten" in pull_request
    assert pull_request.rstrip().endswith("Closes #7")
    assert "storing" in (output / "reactie-storing.md").read_text(encoding="utf-8")
    clone = tmp_path / "kloon"  # the pushing job: a checkout of the same commit, then the bundle
    subprocess.run([GIT, "clone", "-q", "--single-branch", "--branch", "main", str(repo), str(clone)], check=True)
    git(clone, "fetch", "-q", str(output / "formulier.bundle"), f"{BRANCH}:{BRANCH}")
    assert git(clone, "rev-parse", BRANCH) == git(repo, "rev-parse", BRANCH)
    # The page the form wrote passes the strict build, and the event is on it.
    app = build(repo / "docs", builddir=tmp_path / "html")
    assert warnings_of(app) == ""
    html = (tmp_path / "html" / "html" / "agenda" / "ledendag-samen-sterk-2024.html").read_text(encoding="utf-8")
    assert "donderdag 13 juni 2024" in html and "Vereniging van Zuid-Hollandse Gemeenten" in html


def test_a_new_organisation_and_person_are_offered_by_the_forms_in_the_same_commit(repo, build, tmp_path):
    outputs, _ = submit(repo, fixture("organisatie"), labels=("formulier-organisatie",))
    assert outputs["uitkomst"] == "pull-request"
    changed = git(repo, "show", "--name-only", "--format=", BRANCH).split()
    forms = [name for name in changed if name.startswith(".github/")]
    assert "docs/organisaties.md" in changed and ".github/ISSUE_TEMPLATE/nieuw-evenement.yml" in forms
    assert "Gemeente Gouda (gouda)" in (repo / FOLDER / "nieuw-evenement.yml").read_text(encoding="utf-8")
    assert stale_files(repo / "docs", repo / FOLDER) == []  # the pull request's own check stays green
    organisations = (repo / "docs" / "organisaties.md").read_text(encoding="utf-8")
    assert organisations.endswith(
        "## Gemeente Gouda\n\n```{organisatie} gouda\n---\nsoort: gemeente\nwebsite: https://www.gouda.nl\n"
        "contact: info@gouda.nl\n---\n```\n"
    )
    git(repo, "switch", "-q", "main")
    outputs, _ = submit(repo, fixture("persoon"), labels=("formulier-persoon",))
    assert outputs["uitkomst"] == "pull-request"
    people = (repo / "docs" / "personen.md").read_text(encoding="utf-8")
    assert people.endswith(
        "## Fatima El Amrani\n\n```{persoon} fatima-el-amrani\n---\n"
        "samenvatting: Wethouder in Gouda en lid van het bestuur.\n"
        "rollen: |\n  wethouder; vng; sinds 2022\n  bestuurslid; vzhg\n---\n```\n\n"
        "Fatima El Amrani is wethouder van wonen.\n"
    )
    assert warnings_of(build(repo / "docs", builddir=tmp_path / "html")) == ""


MISTAKES = {
    "evenement-fouten": (
        FORM_LABEL,
        [
            "- **Id**: 'Bestuurders Dag' is geen geldige id: gebruik alleen kleine letters, cijfers en streepjes "
            "(bedoelt u 'bestuurders-dag'?)",
            "- **Begin**: de datum (2027-04-15) klopt, maar de tijd '14u' niet: schrijf de tijd als UU:MM",
            "- **Einde**: '12-05-2027' is geen datum in de vorm JJJJ-MM-DD (bedoelt u 2027-05-12?)",
            "- **Online**: 'www.vzhg.nl/live' is geen webadres: begin met https:// of schrijf 'volgt' als de link "
            "nog ontbreekt",
            "- **Organisator**: er bestaat geen organisatie of netwerk met id 'vgn' (bedoelt u 'vng'?)",
            "- **Thema’s**: er bestaat geen thema met id 'armoede'",
            "- **Sprekers**: 'wonen' is een thema, maar hier hoort een persoon",
            "- **Tekst van de pagina**: regel 1 bevat HTML of een codeblok ('\\<script\\>alert(1)\\</script\\>'); "
            "schrijf gewone tekst, een link als \\[tekst\\](https://…)",
            "- **Controle**: vink het vakje aan als er geen persoonlijke contactgegevens zonder toestemming in staan",
        ],
    ),
    "persoon-fouten": (
        "formulier-persoon",
        [
            "- **Id**: de id 'jan-de-vries' bestaat al: persoon ‘Jan de Vries’ in docs/personen.md. "
            "Vul een andere id in",
            "- **Rollen**: rol 'wethouder' mist de organisatie: schrijf 'functie; organisatie- of netwerk-id; periode', "
            "zoals 'vice-voorzitter; vzhg; sinds 2022' of 'lid; strategennetwerk'",
            "- **E-mail**: een persoonlijk e-mailadres (p…@\u200bgouda.nl) publiceert de kennisbank alleen met een "
            "vastgelegde grondslag (AVG). Verwijs naar een functieadres van de organisatie, of leg vast wat de "
            "grondslag is en sinds wanneer, zoals 'grondslag: toestemming per e-mail, 2023-05-01'",
            "- **Beschrijving**: regel 1: begin deze tussenkop met ### (de titel is de kop erboven)",
        ],
    ),
    "bericht-leeg": (
        "formulier-bericht",
        [
            "- **Titel**: vul de titel in, zoals die boven de pagina komt",
            "- **Datum**: dit veld is verplicht: vul het in, bijvoorbeeld 2023-05-01",
            "- **Samenvatting**: dit veld is verplicht: vul het in, bijvoorbeeld Het bestuur kiest",
            "- **Bijeenkomsten**: er bestaat geen evenement met id 'ledendagg' (bedoelt u 'ledendag'?)",
        ],
    ),
    "nieuwsbrief-fouten": (
        "formulier-nieuwsbrief",
        [
            "- **Nummer**: nummer 1 is al gebruikt, in docs/nieuwsbrief/2023-1.md; het volgende nummer is 2",
            "- **Bestuur**: 'strategen' is een netwerk, maar onder 'Bestuur' hoort een bericht, thema of programma",
        ],
    ),
    "evenement-tegenstrijdig": (
        FORM_LABEL,
        ["- **Einde**: het einde ligt vóór het begin"],
    ),
}


def mistaken_body(name: str) -> str:
    """The fixtures with mistakes; two are made from a correct one, by hand as a contributor edits it."""
    if name == "bericht-leeg":
        return (
            "### Titel\n\n_No response_\n\n### Datum\n\n_No response_\n\n### Samenvatting\n\n\n\n"
            "### Bijeenkomsten\n\nledendagg\n\n### Controle\n\n- [X] Er staan geen persoonlijke gegevens in\n"
        )
    if name == "nieuwsbrief-fouten":
        return (
            fixture("nieuwsbrief")
            .replace("### Nummer\n\n2", "### Nummer\n\n1")
            .replace("### Bestuur\n\n_No response_", "### Bestuur\n\nstrategen")
        )
    if name == "evenement-tegenstrijdig":
        return fixture("evenement-goed").replace("2024-06-13 17:00", "2024-06-13 11:00")
    return fixture(name)


@pytest.mark.parametrize("name", MISTAKES)
def test_each_mistake_is_one_line_of_the_comment_and_there_is_no_branch(repo, name):
    label, expected = MISTAKES[name]
    outputs, output = submit(repo, mistaken_body(name).replace("\n", "\r\n"), labels=(label,))
    assert outputs == {"uitkomst": "fouten", "label-erbij": "", "label-eraf": ""}
    assert branches(repo) == ["main"] and git(repo, "status", "--porcelain") == ""
    assert sorted(p.name for p in output.iterdir()) == ["reactie.md"]
    comment = (output / "reactie.md").read_text(encoding="utf-8")
    lines = comment.splitlines()
    assert lines[0] == "<!-- kennisbank-formulier -->"
    assert lines[1].startswith("**Uw formulier is nog niet helemaal goed**, en daarom is er nog geen voorstel")
    listed = [line for line in lines if line.startswith("- ")]
    assert len(listed) == len(expected), listed
    for line, start in zip(listed, expected, strict=True):
        assert line.startswith(start), (line, start)
    assert not any("weggelaten" in line for line in listed), "a form is refused, not published with a gap"
    assert lines[-1].startswith("Zo past u het aan: klik bij dit issue op **···** › **Edit**")


def test_the_guide_explains_every_comment_and_mistake():
    """docs/bijdragen/controles.md, "Het formulier": the comments' first words and each mistake's wording."""
    for _, expected in MISTAKES.values():
        for line in expected:
            message = re.sub(r"^- \*\*[^*]+\*\*: ", "", line).replace("\\", "")
            message = message.partition(", bijvoorbeeld ")[0]  # then the field's example, unquoted: a value
            assert unexplained(message) == [], line
    proposal = Proposal("evenement", "x", "X", {}, "", Path("x.md"))
    comments = [
        success_comment(proposal, "docs/agenda/x.md"),
        mistakes_comment([]),
        waiting_comment(revoked=False),
        waiting_comment(revoked=True),
        failure_comment(),
    ]
    for comment in comments:
        for opening in re.findall(r"\*\*(.+?)\*\*", comment.splitlines()[1].replace(PULL_REQUEST_URL, "")):
            assert unexplained(opening) == [], opening


def test_outsiders_wait_for_an_editor_and_an_edit_withdraws_the_approval(repo):
    body = fixture("evenement-goed")
    outputs, output = submit(repo, body, association="NONE")
    assert outputs == {"uitkomst": "wacht-op-redactie", "label-erbij": "wacht-op-redactie", "label-eraf": ""}
    waiting = (output / "reactie.md").read_text(encoding="utf-8")
    assert "Een redacteur bekijkt uw voorstel" in waiting and "zet het label `voorstel-goedgekeurd`" in waiting
    assert branches(repo) == ["main"]
    # An editor sets the label: the proposal goes ahead, and the waiting label comes off.
    approved = (FORM_LABEL, "wacht-op-redactie", "voorstel-goedgekeurd")
    outputs, _ = submit(repo, body, labels=approved, association="NONE", action="labeled", sender="redacteur")
    assert outputs["uitkomst"] == "pull-request" and outputs["label-eraf"] == "wacht-op-redactie"
    assert BRANCH in branches(repo)
    # The contributor changes the text afterwards: an editor looks again.
    git(repo, "switch", "-q", "main")
    labels = (FORM_LABEL, "voorstel-goedgekeurd")
    outputs, output = submit(repo, body.replace("Gouda", "Delft"), labels=labels, association="NONE", action="edited")
    assert outputs == {
        "uitkomst": "wacht-op-redactie",
        "label-erbij": "wacht-op-redactie",
        "label-eraf": "voorstel-goedgekeurd",
    }
    assert "nadat een redacteur het had goedgekeurd" in (output / "reactie.md").read_text(encoding="utf-8")
    # An editor's own edit of an approved proposal does not withdraw it.
    outputs, _ = submit(repo, body, labels=labels, association="NONE", action="edited", sender="redacteur")
    assert outputs["uitkomst"] == "pull-request"


def test_editing_the_issue_makes_the_branch_again_from_the_checked_out_commit(repo):
    base = git(repo, "rev-parse", "main").strip()
    submit(repo, fixture("evenement-goed"))
    first = git(repo, "rev-parse", BRANCH).strip()
    git(repo, "switch", "-q", "main")  # each run of the workflow starts from a fresh checkout
    outputs, _ = submit(
        repo, fixture("evenement-goed").replace("2024-06-13 13:30", "2024-06-13 14:00"), action="edited"
    )
    assert outputs["tak"] == BRANCH
    again = git(repo, "rev-parse", BRANCH).strip()
    assert again != first and git(repo, "rev-parse", f"{BRANCH}~1").strip() == base
    assert "start: 2024-06-13 14:00\n" in git(repo, "show", f"{BRANCH}:docs/agenda/ledendag-samen-sterk-2024.md")


def test_an_issue_without_a_form_label_is_left_alone(repo):
    outputs, output = submit(repo, "### Titel\n\nEen vraag", labels=("vraag",))
    assert outputs == {"uitkomst": "geen-formulier", "label-erbij": "", "label-eraf": ""}
    assert list(output.iterdir()) == [] and branches(repo) == ["main"]


def test_on_ones_own_machine_the_form_writes_the_page(repo, capsys):
    from kennisbank.tools.cli import main as kennisbank

    body = repo.parent / "issue.md"
    body.write_text(fixture("persoon"), encoding="utf-8")
    docs, output = str(repo / "docs"), str(repo.parent / "uit")
    assert (
        kennisbank(["formulier", "--tekst", str(body), "--type", "persoon", "--docs", docs, "--uitvoer", output]) == 0
    )
    assert "```{persoon} fatima-el-amrani" in (repo / "docs" / "personen.md").read_text(encoding="utf-8")
    assert branches(repo) == ["main"]  # without --commit: no branch
    with pytest.raises(SystemExit):
        kennisbank(["formulier", "--tekst", str(body), "--type", "persoonn", "--docs", docs])
    assert "--type: kies uit bericht, evenement" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        kennisbank(["formulier", "--docs", docs])
    assert "geef --gebeurtenis, of --tekst met --type" in capsys.readouterr().err
