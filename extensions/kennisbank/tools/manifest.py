"""The manifest of a built site: each page with a digest of what it shows. Pure file handling.

Every publish writes one (``_manifest.json`` beside the pages); a pull request's preview
compares its own with it to list the pages it adds, changes and removes. A page has two
digests: its *content* (its title, description, structured data and body) and its
*navigation* (the sidebar, the breadcrumbs and the previous/next links). One new title
changes the navigation of every page in the sidebar, so a page whose only change is its
navigation is counted, not listed. Left out of both: the links to the stylesheets and
scripts, whose ``?v=`` digests change on every page when one stylesheet does.

Only the standard library: the preview's deploy workflow runs this on the pages of a
pull request without installing anything.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST_FILE = "_manifest.json"
FORMAT = 1

#: The navigation of a furo page with our breadcrumbs: (start, end, whether the end marker
#: belongs to the region). Each occurs once per page (tests/test_preview.py checks the real site).
NAVIGATION = (
    ('<aside class="sidebar-drawer">', "</aside>", True),
    ('<nav class="breadcrumbs"', "</nav>", True),
    ('<div class="related-pages">', '<div class="bottom-of-page">', False),
)
#: Stylesheets, icons and scripts loaded from a file: their addresses carry a digest of the file.
_ASSETS = re.compile(r'<link\b[^>]*>|<script\b[^>]*\bsrc="[^"]*"[^>]*>\s*</script>')
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
#: Pages that are tools rather than content: the search page names the files of the search
#: index, which change with any page, so it would be listed as changed by every pull request.
NOT_CONTENT = frozenset({"search.html"})


@dataclass(frozen=True)
class Page:
    content: str
    navigation: str
    title: str


def page_digests(text: str) -> Page:
    """The digests of one page's HTML, and its title as the browser shows it."""
    navigation: list[str] = []
    for start_marker, end_marker, inclusive in NAVIGATION:
        start = text.find(start_marker)
        end = text.find(end_marker, start + 1) if start >= 0 else -1
        if end < 0:
            continue
        end += len(end_marker) if inclusive else 0
        navigation.append(text[start:end])
        text = text[:start] + text[end:]
    title = _TITLE.search(text)
    return Page(
        content=_digest(_ASSETS.sub("", text)),
        navigation=_digest("".join(navigation)),
        title=html.unescape(title.group(1)).strip() if title else "",
    )


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def site_pages(outdir: Path) -> list[Path]:
    """The HTML pages of a built site, without Sphinx's own folders (``_static``, ``_sources``)
    and without the pages that are tools (NOT_CONTENT)."""
    return sorted(
        path
        for path in outdir.rglob("*.html")
        if not any(part.startswith("_") for part in path.relative_to(outdir).parts[:-1])
        and path.relative_to(outdir).as_posix() not in NOT_CONTENT
    )


def manifest_of(outdir: Path) -> dict[str, Page]:
    """Every page of the site in ``outdir``, by its path there (``themas/wonen.html``)."""
    return {
        path.relative_to(outdir).as_posix(): page_digests(path.read_text(encoding="utf-8", errors="replace"))
        for path in site_pages(outdir)
    }


def manifest_text(pages: dict[str, Page]) -> str:
    entries = {path: [page.content, page.navigation, page.title] for path, page in sorted(pages.items())}
    return json.dumps({"formaat": FORMAT, "paginas": entries}, ensure_ascii=False, indent=0) + "\n"


def write_manifest(outdir: Path) -> Path:
    target = outdir / MANIFEST_FILE
    target.write_text(manifest_text(manifest_of(outdir)), encoding="utf-8")
    return target


class ManifestError(ValueError):
    """A manifest that cannot be read: another format, or not one at all."""


def read_manifest(text: str) -> dict[str, Page]:
    """A manifest written by ``manifest_text``; anything else is refused, never half read."""
    try:
        data = json.loads(text)
    except ValueError as error:
        raise ManifestError(f"geen JSON: {error}") from None
    if not isinstance(data, dict) or data.get("formaat") != FORMAT or not isinstance(data.get("paginas"), dict):
        raise ManifestError(f"geen manifest van formaat {FORMAT}")
    pages = {}
    for path, entry in data["paginas"].items():
        if not (isinstance(entry, list) and len(entry) == 3 and all(isinstance(part, str) for part in entry)):
            raise ManifestError(f"onleesbare regel voor {path!r}")
        pages[path] = Page(*entry)
    return pages


@dataclass(frozen=True)
class Changes:
    """What a preview changes against the published site, each list sorted by path."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    navigation_only: list[str] = field(default_factory=list)


def compare(published: dict[str, Page], preview: dict[str, Page]) -> Changes:
    common = sorted(published.keys() & preview.keys())
    return Changes(
        added=sorted(preview.keys() - published.keys()),
        changed=[path for path in common if published[path].content != preview[path].content],
        removed=sorted(published.keys() - preview.keys()),
        navigation_only=[
            path
            for path in common
            if published[path].content == preview[path].content
            and published[path].navigation != preview[path].navigation
        ],
    )
