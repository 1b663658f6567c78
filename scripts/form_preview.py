"""See an issue form as a contributor sees it on GitHub: rendered from its YAML, photographed at 375 and 1280 px.

    python scripts/form_preview.py                      # the event form
    python scripts/form_preview.py bericht persoon      # other forms (nieuw-<type>.yml)
    python scripts/form_preview.py --html build/form    # also keep the HTML pages

GitHub draws a form from .github/ISSUE_TEMPLATE/nieuw-<type>.yml: the title field, then
each element with its label (a red * when required), its description (Markdown), a text
field or area with the placeholder, a dropdown, checkboxes. This page draws the same
elements in GitHub's light style (system fonts, nothing loaded from elsewhere); the
words around the form ("Add a title", "Submit new issue") are GitHub's own, in English,
as contributors see them. Playwright with Debian's chromium photographs the whole page
into docs/_static/schermafbeeldingen/formulier-<type>-<width>.png, and two parts of it that
fit on a page of the authoring guide: the top down to the first date field (or the id),
formulier-<type>-begin-<width>.png, and the text of the page down to the button,
formulier-<type>-einde-<width>.png.
"""

from __future__ import annotations

import argparse
import html
import shutil
import sys
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[1]
FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"
TARGET = ROOT / "docs" / "_static" / "schermafbeeldingen"
WIDTHS = (375, 1280)
#: The parts photographed apart: (the ids of the fields it may start at, of those it may end at);
#: the first id the form has counts, none at all means the top or the bottom of the page.
PARTS = {
    "begin": ((), ("start", "datum", "id")),
    "einde": (("tekst",), ()),
}
#: A part's box in CSS pixels of the page: from the field's element (or the page's top or bottom),
#: as wide as the form itself (on a wide screen GitHub leaves space either side, which a guide
#: page would only shrink the form's text for).
_BOUNDS = """([first, last]) => {
    const element = (ids) => ids.map((id) => document.getElementById(id)).find((found) => found);
    const box = (ids) => element(ids)?.closest(".element")?.getBoundingClientRect();
    const form = document.querySelector(".box").getBoundingClientRect();
    const left = Math.max(0, form.left - 16), right = Math.min(window.innerWidth, form.right + 16);
    // GitHub's bar across the top, cut to the form's width, would lose its words: left out then.
    const page = left > 0 ? document.querySelector("main").getBoundingClientRect().top : 0;
    const top = first.length ? box(first).top - 8 : page;
    const bottom = last.length ? box(last).bottom + 8 : document.documentElement.scrollHeight;
    return {x: left, y: top + window.scrollY, width: right - left, height: bottom - top};
}"""
MARKDOWN = MarkdownIt("commonmark", {"html": False})

STYLE = """
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: #1f2328; font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans",
  Helvetica, Arial, sans-serif; }
header { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 16px; }
header .crumbs { color: #59636e; }
main { max-width: 1012px; margin: 0 auto; padding: 24px 16px; display: flex; gap: 16px; }
.avatar { width: 40px; height: 40px; border-radius: 50%; background: #d1d9e0; flex: none; }
.box { flex: 1; min-width: 0; }
.template { border: 1px solid #d1d9e0; border-radius: 6px; padding: 8px 16px; margin-bottom: 16px; }
.template strong { display: block; }
.template span, .description { color: #59636e; }
.element { margin: 24px 0; }
label, .label { display: block; font-weight: 600; margin-bottom: 6px; }
.required { color: #d1242f; }
.description { margin: 0 0 8px; font-size: 12px; }
.description p, .markdown p { margin: 0 0 8px; }
input, textarea, .dropdown { width: 100%; font: inherit; padding: 5px 12px; border: 1px solid #d1d9e0;
  border-radius: 6px; background: #f6f8fa; color: #1f2328; }
input::placeholder, textarea::placeholder { color: #818b98; }
textarea { min-height: 100px; }
.dropdown { display: flex; justify-content: space-between; width: auto; max-width: 100%; background: #f6f8fa;
  font-weight: 500; cursor: pointer; }
.options { margin: 6px 0 0; padding: 8px 12px; border: 1px solid #d1d9e0; border-radius: 6px; font-size: 12px;
  color: #59636e; list-style: none; }
.options li::before { content: "\\2610  "; }
.checkbox { display: flex; gap: 8px; align-items: flex-start; font-weight: 400; }
.checkbox input { width: auto; margin-top: 4px; }
.markdown { border-left: 0; }
.title input { font-size: 16px; background: #fff; }
.submit { background: #1f883d; color: #fff; border: 0; border-radius: 6px; padding: 6px 16px; font-weight: 500; }
a { color: #0969da; }
@media (max-width: 544px) { .avatar { display: none; } main { padding: 16px 12px; } }
"""


def render(form: dict) -> str:
    """The form as an HTML page in GitHub's style."""
    parts = [
        f'<div class="template"><strong>{_e(form["name"])}</strong><span>{_e(form["description"])}</span></div>',
        '<div class="element title"><label for="titel-issue">Add a title <span class="required">*</span></label>',
        f'<input id="titel-issue" value="{_e(form.get("title", ""))}"></div>',
    ]
    for element in form["body"]:
        parts.append(_element(element))
    parts.append('<p><button class="submit" type="button">Submit new issue</button></p>')
    return (
        '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(form['name'])}</title><style>{STYLE}</style></head><body>"
        '<header><span class="crumbs">vzhg / kennisbank</span> &rsaquo; <strong>New issue</strong></header>'
        f'<main><div class="avatar"></div><div class="box">{"".join(parts)}</div></main></body></html>'
    )


def _element(element: dict) -> str:
    kind, attributes = element["type"], element["attributes"]
    if kind == "markdown":
        return f'<div class="element markdown">{MARKDOWN.render(attributes["value"])}</div>'
    required = element.get("validations", {}).get("required") or any(
        option.get("required") for option in attributes.get("options", []) if isinstance(option, dict)
    )
    star = ' <span class="required">*</span>' if required else ""
    name = element.get("id", "")
    described = attributes.get("description", "")
    description = f'<div class="description">{MARKDOWN.render(described)}</div>' if described else ""
    if kind == "checkboxes":
        boxes = "".join(
            f'<label class="checkbox"><input type="checkbox"> <span>{_inline(option["label"])}'
            f"{' <span class=required>*</span>' if option.get('required') else ''}</span></label>"
            for option in attributes["options"]
        )
        return f'<div class="element"><span class="label">{_e(attributes["label"])}</span>{description}{boxes}</div>'
    label = f'<label for="{_e(name)}">{_e(attributes["label"])}{star}</label>'
    placeholder = _e(attributes.get("placeholder", ""))
    if kind == "input":
        field = f'<input id="{_e(name)}" placeholder="{placeholder}">'
    elif kind == "textarea":
        field = f'<textarea id="{_e(name)}" placeholder="{placeholder}"></textarea>'
    else:
        # GitHub shows a button; its options open on a click. Listed here, so that a picture shows them.
        shown = "Selections: " if attributes.get("multiple") else ""
        options = "".join(f"<li>{_e(option)}</li>" for option in attributes["options"])
        field = (
            f'<button type="button" id="{_e(name)}" class="dropdown">{shown}None &#9662;</button>'
            f'<ul class="options" aria-label="keuzes">{options}</ul>'
        )
    return f'<div class="element">{label}{description}{field}</div>'


def _inline(text: str) -> str:
    return MARKDOWN.renderInline(text)


def _e(text: str) -> str:
    return html.escape(str(text), quote=True)


def photograph(pages: dict[str, str], target: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    browser_path = shutil.which("chromium") or shutil.which("google-chrome")
    if browser_path is None:
        raise SystemExit("Geen chromium gevonden: installeer Debians chromium (zie .ci/run).")
    target.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_path, args=["--no-sandbox"])
        for kind, page_html in pages.items():
            for width in WIDTHS:
                context = browser.new_context(viewport={"width": width, "height": 900 if width > 500 else 800})
                page = context.new_page()
                page.set_content(page_html)
                path = target / f"formulier-{kind}-{width}.png"
                page.screenshot(path=str(path), full_page=True)
                written.append(path)
                for part, ids in PARTS.items():
                    clip = page.evaluate(_BOUNDS, [list(ids[0]), list(ids[1])])
                    path = target / f"formulier-{kind}-{part}-{width}.png"
                    page.screenshot(path=str(path), clip=clip, full_page=True)
                    written.append(path)
                context.close()
        browser.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("types", nargs="*", default=["evenement"], help="de formulieren (standaard: evenement)")
    parser.add_argument("--html", type=Path, help="schrijf de HTML-pagina's ook in deze map")
    parser.add_argument("--uitvoer", type=Path, default=TARGET, help="de map voor de schermafbeeldingen")
    args = parser.parse_args()
    pages = {}
    for kind in args.types:
        source = FORMS / f"nieuw-{kind}.yml"
        if not source.is_file():
            parser.error(f"{source.relative_to(ROOT)} bestaat niet; maak de formulieren met 'kennisbank formulieren'")
        pages[kind] = render(yaml.safe_load(source.read_text(encoding="utf-8")))
    if args.html:
        args.html.mkdir(parents=True, exist_ok=True)
        for kind, page_html in pages.items():
            (args.html / f"formulier-{kind}.html").write_text(page_html, encoding="utf-8")
    for path in photograph(pages, args.uitvoer):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
