"""Screenshots of a pull request's preview for the guide: its comment, and the page it changed.

    python scripts/preview_screenshots.py        # or: make schermafbeeldingen

Does what the workflows do, on this machine: the site in docs/ is committed in a temporary
git repository and built as the publication builds it (reference date 1 May 2023, as
scripts/screenshots.py); a contributor's edit follows (a later end time for an event, one
written as "16u30", which the build reports); the preview is built on the kept build with
``kennisbank.tools.preview``, and its comment composed. The comment's Markdown is rendered
to HTML (markdown-it-py, in a frame like GitHub's) and photographed at 375 and 1280 px, and
so is the changed page of the preview. The PNGs go into docs/_static/schermafbeeldingen/,
which docs/bijdragen/voorbeeld.md shows.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from markdown_it import MarkdownIt
from screenshots import REFERENCE_DATE, ROOT, WIDTHS, photograph

from kennisbank.tools import preview
from kennisbank.tools.comment import MARKER
from kennisbank.tools.manifest import MANIFEST_FILE

PAGE = "agenda/discussiebijeenkomst-verenigingsstrategie"
EDIT = (
    ("eind: 2023-05-25 16:00", "eind: 2023-05-25 16u30"),
    ("van 13.30 tot 16.00 uur", "van 13.30 tot 16.30 uur"),
)
PREVIEW_URL = "https://vzhg.github.io/kennisbank/pr-preview/pr-42/"
SITE_URL = "https://vzhg.github.io/kennisbank/"
OPTIONS = ("-D", f"kennisbank_reference_date={REFERENCE_DATE}")

#: A comment as GitHub frames it, in system fonts: nothing is loaded from elsewhere.
FRAME = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Reactie bij pull request #42</title>
<style>
body {{ margin: 0; padding: 16px; background: #fff; color: #1f2328;
  font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }}
.comment {{ border: 1px solid #d1d9e0; border-radius: 6px; max-width: 880px; }}
.head {{ background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 8px 16px; color: #59636e; }}
.head b {{ color: #1f2328; }}
.body {{ padding: 16px; overflow-wrap: anywhere; }}
h2 {{ font-size: 1.5em; border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; margin-top: 0; }}
h3 {{ font-size: 1.25em; margin: 24px 0 16px; }}
a {{ color: #0969da; }}
code {{ background: #eff1f3; border-radius: 6px; padding: .2em .4em; font-size: 85%;
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }}
ul {{ padding-left: 2em; }} li + li {{ margin-top: .25em; }}
</style></head>
<body><div class="comment"><div class="head"><b>github-actions</b> <span>bot</span> reageerde</div>
<div class="body">{body}</div></div></body></html>
"""


def _git(cwd: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": "2023-04-28T10:00:00Z", "GIT_COMMITTER_DATE": "2023-04-28T10:00:00Z"}
    command = ["git", "-c", "user.name=VZHG", "-c", "user.email=secretaris@vzhg.nl", "-c", "init.defaultBranch=main"]
    subprocess.run([*command, *args], cwd=cwd, check=True, capture_output=True, env=env)


def preview_comment(work: Path) -> tuple[str, Path]:
    """Build main and the pull request as the workflows do; the comment and the preview's pages."""
    if work.exists():
        shutil.rmtree(work)
    repository = work / "kennisbank"
    shutil.copytree(ROOT / "docs", repository / "docs", ignore=shutil.ignore_patterns("_build"))
    (repository / ".gitignore").write_text("build/\n", encoding="utf-8")
    _git(repository, "init", "-q")
    _git(repository, "add", ".")
    _git(repository, "commit", "-qm", "main")
    docs, build = repository / "docs", preview.BuildFolders.of(repository / "build")
    if preview.sphinx_build(docs, build, options=OPTIONS).code:
        raise SystemExit("De build van main mislukte.")
    preview.keep(docs, build)
    published = (build.html / MANIFEST_FILE).read_text(encoding="utf-8")
    page = docs / f"{PAGE}.md"
    text = page.read_text(encoding="utf-8")
    for old, new in EDIT:
        text = text.replace(old, new)
    page.write_text(text, encoding="utf-8")
    _git(repository, "commit", "-qam", "Later einde")
    data, result = preview.build_preview(docs, build, pull_request=42, options=OPTIONS)
    if result.code:
        raise SystemExit("De build van het voorbeeld mislukte.")
    comment = preview.comment_for(build.html, data.to_json(), published, PREVIEW_URL, SITE_URL, withheld=False)
    return comment, build.html


def photograph_comment(comment: str, work: Path, target: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    # GitHub shows no HTML comment, so neither does the picture: the marker line goes.
    body = MarkdownIt("commonmark", {"html": False}).render(comment.removeprefix(MARKER + "\n"))
    page_file = work / "reactie.html"
    page_file.write_text(FRAME.format(body=body), encoding="utf-8")
    browser_path = shutil.which("chromium") or shutil.which("google-chrome")
    if browser_path is None:
        raise SystemExit("Geen chromium gevonden: installeer Debians chromium (zie .ci/run).")
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_path, args=["--no-sandbox"])
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 800})
            page = context.new_page()
            page.goto(page_file.as_uri())
            path = target / f"voorbeeld-reactie-{width}.png"
            page.screenshot(path=str(path), full_page=True)
            written.append(path)
            context.close()
        browser.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--uitvoer", type=Path, default=ROOT / "build" / "schermafbeeldingen-voorbeeld")
    args = parser.parse_args()
    comment, site = preview_comment(args.uitvoer.resolve())
    (args.uitvoer / "reactie.md").write_text(comment, encoding="utf-8")
    target = ROOT / "docs" / "_static" / "schermafbeeldingen"
    target.mkdir(parents=True, exist_ok=True)
    written = photograph_comment(comment, args.uitvoer.resolve(), target)
    written += photograph(site, target, pages=(("voorbeeld-pagina", f"{PAGE}.html"),))
    for path in written:
        print(path.relative_to(ROOT))
    print(comment)
    return 0


if __name__ == "__main__":
    sys.exit(main())
