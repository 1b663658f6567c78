"""Soft hyphens in long words, remembered from one build to the next.

Loading Pyphen's Dutch dictionary takes about a fifth of a second, in every build
that writes a heading or a calendar day with a long word: a twentieth of an
incremental build after one edit. So the words once hyphenated are kept in a small
file next to the doctrees, as the feeds keep theirs (cache.py), and the dictionary
is loaded only for a word not seen before. The file names the Pyphen version and
language it was made with; made with others, or unreadable, it is ignored and
written anew.
"""

from __future__ import annotations

import functools
import json
import re
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import load_cache, save_cache

if TYPE_CHECKING:
    import pyphen

#: Shorter words fit a heading at 320 px whole.
HYPHENATE_FROM = 12
SOFT_HYPHEN = "\u00ad"
_WORD = re.compile(rf"\w{{{HYPHENATE_FROM},}}")
#: Three letters at least on either side: no "ver-" alone at a line's end.
MARGINS = {"left": 3, "right": 3}


class Hyphenator:
    """Puts soft hyphens in the long words of a text, where ``language`` breaks them."""

    def __init__(self, language: str, store: Path | None = None) -> None:
        self.language = language
        self.store = store
        self.made_with = f"pyphen {version('pyphen')}, {language}, {MARGINS}"
        self.words = self._stored_words()
        self.learned = False

    def __call__(self, text: str) -> str:
        if not _WORD.search(text):
            return text
        return _WORD.sub(lambda match: self.word(match.group()), text)

    def word(self, word: str) -> str:
        known = self.words.get(word)
        if known is None:
            dictionary = self.dictionary
            known = dictionary.inserted(word, hyphen=SOFT_HYPHEN) if dictionary is not None else word
            self.words[word] = known
            self.learned = True
        return known

    @functools.cached_property
    def dictionary(self) -> pyphen.Pyphen | None:
        """Loaded at the first unknown word, once."""
        import pyphen  # a twentieth of a second; not needed when every word is known

        return pyphen.Pyphen(lang=self.language, **MARGINS) if self.language in pyphen.LANGUAGES else None

    def save(self) -> None:
        """Keep the words for the next build, if this one learned any."""
        if self.store is None or not self.learned:
            return
        words = dict(sorted(self.words.items()))
        save_cache(self.store, self.made_with, words, lambda stored: json.dumps(stored, ensure_ascii=False).encode())
        self.learned = False

    def _stored_words(self) -> dict[str, str]:
        words = load_cache(self.store, self.made_with, json.loads)[0] if self.store is not None else {}
        return {word: form for word, form in words.items() if _same_word(word, form)}


def _same_word(word: object, form: object) -> bool:
    # A stored form must be the word itself with soft hyphens: an edited file cannot change a heading.
    return isinstance(word, str) and isinstance(form, str) and form.replace(SOFT_HYPHEN, "") == word
