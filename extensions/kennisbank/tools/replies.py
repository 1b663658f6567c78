"""What the form workflow writes on GitHub: the comment on the issue, the pull request's title and text.

Markdown, Dutch, addressed to the contributor as "u". Kept here rather than in the
workflow's shell so that tests read every word. Text from the form is escaped: it
can neither mention people (``@name``) nor add markup to our comment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .scaffold import CREATABLE
from .submission import Mistake, Proposal

#: The first line of every comment of ours: the workflow finds it again to update it.
MARKER = "<!-- kennisbank-formulier -->"
#: Replaced by the workflow with the pull request's address once it exists.
PULL_REQUEST_URL = "PULL_REQUEST_URL"
APPROVED_LABEL = "voorstel-goedgekeurd"
WAITING_LABEL = "wacht-op-redactie"
_MARKUP = re.compile(r"([\\`*_\[\]<>|~])")
_EDIT = "klik bij dit issue op **···** › **Edit**"
_FIX = ", verbeter de tekst onder de kop van het veld en kies **Update comment**"


def escaped(text: str) -> str:
    """User text shown as text in Markdown: no markup, no mentions."""
    return _MARKUP.sub(r"\\\1", text).replace("@", "@\u200b")


def _what(proposal: Proposal) -> str:
    spec = CREATABLE[proposal.kind]
    article = "de" if spec.this == "deze" else "het"
    return f"{article} {spec.label.lower()} ‘{escaped(proposal.title)}’"


def success_comment(proposal: Proposal, page: str) -> str:
    return "\n".join(
        [
            MARKER,
            f"**Uw voorstel staat klaar: {PULL_REQUEST_URL}**",
            "",
            f"Dank u wel! De kennisbank maakte van uw formulier {_what(proposal)} (id `{proposal.id}`, in `{page}`).",
            "",
            "- Een redacteur bekijkt het voorstel en publiceert het; daarna staat het op de site.",
            f"- Wilt u nog iets veranderen? {_EDIT[0].upper()}{_EDIT[1:]}{_FIX}; het voorstel wordt dan bijgewerkt.",
            "",
        ]
    )


def mistakes_comment(mistakes: Iterable[Mistake]) -> str:
    lines = [
        MARKER,
        "**Uw formulier is nog niet helemaal goed**, en daarom is er nog geen voorstel gemaakt. Dit moet anders:",
        "",
    ]
    lines += [f"- **{escaped(m.label)}**: {escaped(m.message)}" for m in mistakes]
    lines += ["", f"Zo past u het aan: {_EDIT}{_FIX}. De kennisbank controleert het dan opnieuw.", ""]
    return "\n".join(lines)


def waiting_comment(revoked: bool) -> str:
    if revoked:
        first = (
            "**U wijzigde uw voorstel nadat een redacteur het had goedgekeurd.** Een redacteur bekijkt uw "
            "voorstel daarom opnieuw; daarna maakt de kennisbank er een pagina van."
        )
    else:
        first = (
            "**Dank u wel voor uw voorstel!** Het formulier is in orde. Een redacteur bekijkt uw voorstel "
            "en daarna maakt de kennisbank er een pagina van. U hoeft niets meer te doen."
        )
    return "\n".join(
        [
            MARKER,
            first,
            "",
            f"_Voor de redactie: zet het label `{APPROVED_LABEL}` op dit issue; dan maakt de kennisbank de pull "
            "request._",
            "",
        ]
    )


def failure_comment() -> str:
    return "\n".join(
        [
            MARKER,
            "**Uw formulier is in orde, maar het voorstel kon door een storing niet worden gemaakt.** "
            "Een beheerder kijkt ernaar; u hoeft niets te doen.",
            "",
        ]
    )


def pull_request_title(proposal: Proposal) -> str:
    return f"Nieuw: {CREATABLE[proposal.kind].label.lower()} ‘{proposal.title}’"


def pull_request_body(proposal: Proposal, page: str, issue: int, author: str) -> str:
    return "\n".join(
        [
            f"{_what(proposal)[0].upper()}{_what(proposal)[1:]} (`{page}`), uit het formulier in #{issue}"
            + (f" van @{author}." if author else "."),
            "",
            "Voor de redacteur: kijk of de tekst klopt, en of er geen persoonlijke gegevens zonder grondslag "
            "in staan. Bewerkt de indiener het issue, dan werkt de kennisbank deze pull request bij.",
            "",
            "> De controle start niet vanzelf bij een pull request die een workflow opende. Sluit deze pull "
            "request en heropen haar om de controle te starten (of stel een GitHub App in; zie de README).",
            "",
            f"Closes #{issue}",
            "",
        ]
    )


def commit_message(proposal: Proposal, issue: int) -> str:
    return f"{pull_request_title(proposal)}\n\nUit het formulier in issue #{issue}.\n"
