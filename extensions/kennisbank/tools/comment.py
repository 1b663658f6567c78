"""The Dutch comment on a pull request about its preview. Pure.

The preview is built in the pull request's own job, which runs the pull request's code; the
deploy workflow reads what that job reports (``voorbeeld.json``) as untrusted data: every
field is checked for its type and size here, text is escaped before it becomes Markdown,
and a reason for a clean build is a code whose Dutch text is ours. The comment carries a
hidden marker, so that the workflow updates its one comment instead of adding another.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from .buildcache import REASONS
from .manifest import Changes, Page

MARKER = "<!-- kennisbank-voorbeeld -->"
#: At most this many pages per list, and problems: a comment stays readable (and under GitHub's limit).
LIST_LIMIT = 30
PROBLEM_LIMIT = 50
MESSAGE_LIMIT = 400
#: Who may have a preview published without a maintainer's label (GitHub's author_association).
TRUSTED_AUTHORS = frozenset({"OWNER", "MEMBER", "COLLABORATOR"})
#: The label a maintainer sets to publish the preview of a pull request from outside.
ALLOW_LABEL = "voorbeeld"


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    message: str


@dataclass(frozen=True)
class PreviewData:
    """What the pull request's build reports about itself (``voorbeeld.json``)."""

    pull_request: int
    commit: str
    seconds: float
    incremental: bool
    reason: str | None = None  # a key of buildcache.REASONS when not incremental
    base: str | None = None  # the commit of main's build it started from
    read: int = 0
    written: int = 0
    problems: list[Problem] = field(default_factory=list)

    def to_json(self) -> str:
        data = {
            "pr": self.pull_request,
            "commit": self.commit,
            "seconden": self.seconds,
            "incrementeel": self.incremental,
            "reden": self.reason,
            "basis": self.base,
            "gelezen": self.read,
            "geschreven": self.written,
            "problemen": [{"bestand": p.path, "regel": p.line, "melding": p.message} for p in self.problems],
        }
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


class PreviewDataError(ValueError):
    """``voorbeeld.json`` is not what our build writes: nothing of it is used."""


_COMMIT = re.compile(r"[0-9a-f]{40}")


def read_preview_data(text: str) -> PreviewData:
    """Parse and check ``voorbeeld.json``; refuse it whole when one field is wrong."""
    try:
        data = json.loads(text)
    except ValueError as error:
        raise PreviewDataError(f"voorbeeld.json is geen JSON: {error}") from None
    if not isinstance(data, dict):
        raise PreviewDataError("voorbeeld.json is geen object")
    problems = _field(data, "problemen", list, lambda items: len(items) <= 10_000)
    return PreviewData(
        pull_request=_field(data, "pr", int, lambda n: 0 < n < 10**9),
        commit=_field(data, "commit", str, _COMMIT.fullmatch),
        seconds=float(_field(data, "seconden", (int, float), lambda s: 0 <= s < 86_400)),
        incremental=_field(data, "incrementeel", bool),
        reason=_field(data, "reden", (str, type(None)), lambda r: r is None or r in REASONS),
        base=_field(data, "basis", (str, type(None)), lambda c: c is None or _COMMIT.fullmatch(c)),
        read=_field(data, "gelezen", int, lambda n: 0 <= n < 10**7),
        written=_field(data, "geschreven", int, lambda n: 0 <= n < 10**7),
        problems=[_problem(item) for item in problems],
    )


def _field(
    data: dict[str, Any], name: str, kinds: type | tuple[type, ...], fits: Callable[[Any], object] = bool
) -> Any:
    """``data[name]`` if it is of one of ``kinds`` (a bool is no number here) and ``fits``."""
    value = data.get(name)
    allowed = kinds if isinstance(kinds, tuple) else (kinds,)
    if isinstance(value, bool) and bool not in allowed or not isinstance(value, allowed):
        raise PreviewDataError(f"voorbeeld.json: '{name}' heeft een onjuiste waarde")
    if not isinstance(value, bool) and not fits(value):
        raise PreviewDataError(f"voorbeeld.json: '{name}' heeft een onjuiste waarde")
    return value


def _problem(item: object) -> Problem:
    if (
        isinstance(item, dict)
        and isinstance(item.get("bestand"), str)
        and len(item["bestand"]) < 1000
        and (item.get("regel") is None or (type(item["regel"]) is int and 0 <= item["regel"] < 10**7))
        and isinstance(item.get("melding"), str)
    ):
        return Problem(item["bestand"], item.get("regel"), item["melding"])
    raise PreviewDataError("voorbeeld.json: een probleem heeft een onjuiste vorm")


def may_publish(same_repository: bool, author_association: str, labels: list[str]) -> bool:
    """Whether the preview of a pull request goes online without a maintainer looking first.

    A preview is served from the site's own domain, and a pull request from outside may
    change the code that builds it (or use the raw HTML of MyST), so a maintainer first
    sets the label ``voorbeeld`` on a pull request from someone outside the organisation.
    """
    return same_repository or author_association in TRUSTED_AUTHORS or ALLOW_LABEL in labels


# -- the Markdown --------------------------------------------------------------------------

_ESCAPED = re.compile(r"([\\`*_\[\]<>|~&#!])")


def plain(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """Untrusted text as one line of Markdown that shows as written: no markup, links or mentions."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    # A word joiner after @ keeps GitHub from notifying whoever a message names.
    return _ESCAPED.sub(r"\\\1", text).replace("@", "@\u2060")


def code(text: str) -> str:
    """Untrusted text (a path) as inline code, however many backticks it holds."""
    text = " ".join(text.split())[:300]
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"


def _link(url: str | None, path: str) -> str:
    return f"{url}{quote(path)}" if url else ""


def _count(number: int, one: str, more: str) -> str:
    return f"{number} {one if number == 1 else more}"


def _short_title(path: str, pages: dict[str, Page]) -> str:
    """The page's title without the site's ("Wonen - Kennisbank VZHG" is "Wonen")."""
    title = pages[path].title if path in pages else ""
    site = pages["index.html"].title if "index.html" in pages else ""
    if site and title.endswith(f" - {site}"):
        title = title.removesuffix(f" - {site}")
    return title or path


def _page_lines(paths: list[str], pages: dict[str, Page], url: str | None) -> list[str]:
    lines = []
    for path in paths[:LIST_LIMIT]:
        title = plain(_short_title(path, pages), 120)
        lines.append(f"- [{title}]({_link(url, path)}) {code(path)}" if url else f"- {title} {code(path)}")
    if len(paths) > LIST_LIMIT:
        lines.append(f"- en nog {len(paths) - LIST_LIMIT}")
    return lines


def _source_page(path: str) -> str | None:
    """The page a problem's source file becomes: ``docs/themas/wonen.md`` is ``themas/wonen.html``."""
    if path.startswith("docs/") and path.endswith((".md", ".rst")):
        return path.removeprefix("docs/").rsplit(".", 1)[0] + ".html"
    return None


def _changes_lines(
    changes: Changes | None,
    published: dict[str, Page],
    preview: dict[str, Page],
    preview_url: str | None,
    published_url: str,
) -> list[str]:
    if changes is None:
        return [
            "De gepubliceerde site heeft nog geen overzicht van haar pagina's (`_manifest.json`); "
            "na de volgende publicatie van main staan hier de gewijzigde pagina's."
        ]
    parts = [
        _count(len(changes.changed), "pagina gewijzigd", "pagina's gewijzigd"),
        _count(len(changes.added), "nieuw", "nieuw"),
        _count(len(changes.removed), "verwijderd", "verwijderd"),
    ]
    if not (changes.changed or changes.added or changes.removed):
        parts = ["Geen pagina gewijzigd, nieuw of verwijderd"]
    lines = [", ".join(parts) + " ten opzichte van de gepubliceerde site."]
    if changes.navigation_only:
        others = _count(len(changes.navigation_only), "andere pagina", "andere pagina's")
        lines[-1] += f" Bij {others} veranderde alleen het menu of de kruimelpaden."
    for heading, paths, pages, url in (
        ("Gewijzigd", changes.changed, preview, preview_url),
        ("Nieuw", changes.added, preview, preview_url),
        ("Verwijderd (nog op de gepubliceerde site)", changes.removed, published, published_url),
    ):
        if paths:
            lines += ["", f"**{heading}**", "", *_page_lines(paths, pages, url)]
    return lines


def comment_markdown(
    data: PreviewData,
    changes: Changes | None,
    published: dict[str, Page],
    preview: dict[str, Page],
    preview_url: str | None,
    published_url: str,
    withheld: bool = False,
) -> str:
    """The comment: where the preview is, the pages it changes, the problems, the build.

    ``changes`` is None when the published site has no manifest to compare with;
    ``preview_url`` ends in a slash, or is None when there is no preview online;
    ``withheld``: it is not online because a maintainer has to allow it first.
    """
    lines = [MARKER, "## Voorbeeld van deze pull request", ""]
    short = data.commit[:7]
    if preview_url:
        lines.append(f"**[Bekijk het voorbeeld]({preview_url})**, gebouwd van commit `{short}`.")
    elif withheld:
        lines.append(
            f"Het voorbeeld van commit `{short}` staat nog niet online: deze pull request komt van buiten "
            f"de organisatie. Een beheerder zet het online met het label `{ALLOW_LABEL}`."
        )
    else:
        lines.append(f"Het voorbeeld van commit `{short}` staat niet online.")
    lines += ["", "### Pagina's", "", *_changes_lines(changes, published, preview, preview_url, published_url)]
    lines += ["", "### Problemen", ""]
    if not data.problems:
        lines.append("Geen problemen gevonden.")
    else:
        lines.append(
            f"{_count(len(data.problems), 'probleem', 'problemen')}. De strikte controle (de check "
            "**Controle**) houdt de pull request tegen tot ze zijn opgelost; de meldingen staan ook bij "
            "de regels onder **Files changed**."
        )
        lines.append("")
        for problem in data.problems[:PROBLEM_LIMIT]:
            where = code(problem.path if problem.line is None else f"{problem.path}:{problem.line}")
            page = _source_page(problem.path)
            if preview_url and page is not None and page in preview:
                where += f" ([bekijk]({_link(preview_url, page)}))"
            lines.append(f"- {where}: {plain(problem.message)}")
        if len(data.problems) > PROBLEM_LIMIT:
            lines.append(f"- en nog {len(data.problems) - PROBLEM_LIMIT}")
    lines += ["", "### Build", ""]
    seconds = f"{data.seconds:.0f} s"
    if data.incremental:
        base = f" (`{data.base[:7]}`)" if data.base else ""
        read = _count(data.read, "pagina", "pagina's")
        lines.append(
            f"Gebouwd in {seconds}, voortbouwend op de laatste build van main{base}: "
            f"{read} opnieuw gelezen, {data.written} geschreven."
        )
    else:
        reason = REASONS.get(data.reason or "", "")
        lines.append(f"Gebouwd in {seconds}, helemaal opnieuw" + (f": {reason}." if reason else "."))
    lines += ["", "_Deze reactie wordt bij elke nieuwe commit bijgewerkt._", ""]
    return "\n".join(lines)
