"""Whether a build restored from a cache fits the checkout it is restored into. Pure.

The publish workflow saves ``main``'s build (doctrees, HTML and this file's record of it)
in the cache of GitHub Actions; a pull request's preview starts from it. It fits only when
Sphinx would build on it exactly as on its own last build: the same Python and installed
packages (their templates and code are what the cached pages were made with), the same
source folder (Sphinx starts afresh when it moved), a commit this checkout knows (to tell
which files changed since), and no change to our extension's code or to the dependencies
(an incremental build follows changed pages, not changed code). Otherwise the preview is
a clean build, and its comment says why.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass

#: Where the record lies, beside the doctrees and the HTML in the build folder.
RECORD_FILE = "kennisbank-bouw.json"
FORMAT = 1
#: Changed files that make the cached build unusable: code that shapes every page.
CODE = ("extensions/", "pyproject.toml")

#: Why a preview was built from scratch, by the code its data carries.
REASONS = {
    "geen-cache": "er was geen bewaarde build van main met dezelfde afhankelijkheden en extensie "
    "(bijvoorbeeld omdat deze pull request die wijzigt, of omdat main nog niet is gepubliceerd)",
    "formaat": "de bewaarde build van main is in een ouder formaat vastgelegd",
    "python": "de bewaarde build van main is met een andere versie van Python gemaakt",
    "pakketten": "de bewaarde build van main is met andere versies van de geïnstalleerde pakketten gemaakt",
    "map": "de bewaarde build van main is in een andere map gemaakt",
    "commit": "de commit van de bewaarde build van main is in deze kopie niet bekend",
    "code": "deze pull request wijzigt de code van de extensie of de afhankelijkheden (pyproject.toml)",
}


@dataclass(frozen=True)
class BuildRecord:
    """What a build was made from."""

    commit: str
    source: str  # the absolute path of the source folder (docs/)
    python: str
    packages: str  # digest of the installed distributions and their versions
    format: int = FORMAT

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2) + "\n"


def read_record(text: str) -> BuildRecord | None:
    """The record in ``text``, or None when it is not one (of this format or any)."""
    try:
        data = json.loads(text)
        return BuildRecord(**data) if isinstance(data, dict) else None
    except (ValueError, TypeError):
        return None


def packages_digest(distributions: Iterable[tuple[str, str]]) -> str:
    """A digest of (name, version) pairs, in any order."""
    listed = "\n".join(sorted(f"{name.lower()}=={version}" for name, version in distributions))
    return hashlib.sha256(listed.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Decision:
    incremental: bool
    reason: str | None = None  # a key of REASONS when not incremental


def decide(cached: BuildRecord | None, current: BuildRecord, changed: Iterable[str] | None) -> Decision:
    """Build on the cached build, or from scratch (and why).

    ``changed``: the files changed since the cached build's commit, None when that commit
    is unknown here. ``current.commit`` is not compared: it is what the preview builds.
    """
    if cached is None:
        return Decision(False, "geen-cache")
    for reason, fits in (
        ("formaat", cached.format == FORMAT),
        ("python", cached.python == current.python),
        ("pakketten", cached.packages == current.packages),
        ("map", cached.source == current.source),
        ("commit", changed is not None),
    ):
        if not fits:
            return Decision(False, reason)
    assert changed is not None  # checked just above
    if any(path.startswith(code) if code.endswith("/") else path == code for path in changed for code in CODE):
        return Decision(False, "code")
    return Decision(True)
