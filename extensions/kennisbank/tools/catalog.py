"""Compile the Dutch interface catalog (``locale/nl.po``) for Sphinx.

Writes ``locale/nl/LC_MESSAGES/sphinx.mo``, which Sphinx consults after its own
Dutch catalog, and ``sphinx.js``, the catalog of the search page: Sphinx's own
Dutch messages with the ones ours adds or fills in. The source lies outside
``LC_MESSAGES`` so that Sphinx never compiles it into the installed package.

Run ``python -m kennisbank.tools.catalog`` after editing ``nl.po``.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

LOCALE = Path(__file__).parents[1] / "locale"
SOURCE = LOCALE / "nl.po"
TARGET = LOCALE / "nl" / "LC_MESSAGES"
#: Sphinx's "(n != 1)" gives a boolean, which is no index into the plural forms.
PLURAL_EXPR = "n != 1 ? 1 : 0"


def compiled_catalog() -> bytes:
    """``nl.po`` as a ``.mo`` file."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with SOURCE.open("rb") as source:
        catalog = read_po(source, locale="nl")
    output = io.BytesIO()
    write_mo(output, catalog)
    return output.getvalue()


def search_page_catalog() -> str:
    """Sphinx's Dutch ``sphinx.js`` with our messages added: the text of ``sphinx.js``."""
    import sphinx
    from babel.messages.pofile import read_po

    theirs = Path(sphinx.__file__).parent / "locale" / "nl" / "LC_MESSAGES" / "sphinx.js"
    text = theirs.read_text(encoding="utf-8")
    start = text.index("{", text.index("("))
    messages: dict[str, str | list[str]] = json.loads(text[start : text.rindex(")")])["messages"]
    with SOURCE.open("rb") as source:
        for message in read_po(source, locale="nl"):
            if not message.id:
                continue
            key = str(message.id[0] if isinstance(message.id, tuple | list) else message.id)
            string = message.string
            messages[key] = [str(s) for s in string] if isinstance(string, tuple | list) else str(string or "")
    body = {"locale": "nl", "messages": dict(sorted(messages.items())), "plural_expr": PLURAL_EXPR}
    return "Documentation.addTranslations(" + json.dumps(body, indent=4, ensure_ascii=False) + ");\n"


def untranslated(js_text: str) -> list[str]:
    """The messages of a ``sphinx.js`` text that have no translation."""
    body = json.loads(re.search(r"\((\{.*\})\);?\s*$", js_text, flags=re.S).group(1))  # type: ignore[union-attr]  # the file is ours
    return [key for key, value in body["messages"].items() if not value or (isinstance(value, list) and not all(value))]


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    (TARGET / "sphinx.mo").write_bytes(compiled_catalog())
    (TARGET / "sphinx.js").write_text(search_page_catalog(), encoding="utf-8")
    print(f"Geschreven: {TARGET / 'sphinx.mo'} en {TARGET / 'sphinx.js'}")


if __name__ == "__main__":
    main()
