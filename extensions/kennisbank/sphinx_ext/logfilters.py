"""What a build prints: Dutch, or Sphinx's own progress.

Two libraries print English a contributor cannot act on:

- MyST-Parser warns in English about a field block it cannot read ("Invalid options
  format: expected ':' after key") and drops the block. Our directives read such a
  block themselves and explain each mistake in Dutch at its line (directives.py,
  model/fieldblock.py), so MyST's warning about the field block of one of our
  directives is left out, and nothing else of MyST's.
- MyST-Parser logs its whole configuration, a thousand characters, at every build
  (``myst v5.2.0: MdParserConfig(...)``); that one message is left out.

(sphinxext-opengraph prints a notice when it is imported without matplotlib, before
any extension can filter it; ``docs/conf.py`` imports it quietly, see there.)
"""

from __future__ import annotations

import logging
from collections.abc import Collection

from sphinx.application import Sphinx
from sphinx.util.logging import NAMESPACE, WarningStreamHandler

from ..model.newsletter import NEWSLETTER
from ..model.packs import PACK
from ..model.schema import TYPES

#: MyST's warnings about a directive's text (its fields, a body where none belongs).
MYST_BLOCK_WARNINGS = frozenset({"directive_option", "directive_comments", "directive_parse"})
#: The logger MyST-Parser's configuration dump comes from, and how the message starts.
MYST_CONFIG_LOGGER = f"{NAMESPACE}.myst_parser.sphinx_ext.main"
MYST_CONFIG_MESSAGE = "myst v%s:"


class ExplainedInDutch(logging.Filter):
    """Leaves out MyST's English warnings about the field blocks of the given directives."""

    def __init__(self, directives: Collection[str]) -> None:
        super().__init__()
        # MyST starts each such message with the directive's name: "'evenement': Invalid options ..."
        self.prefixes = tuple(f"{name!r}: " for name in sorted(directives))

    def filter(self, record: logging.LogRecord) -> bool:
        return not self.explained(record)

    def explained(self, record: logging.LogRecord) -> bool:
        return (
            getattr(record, "type", "") == "myst"
            and getattr(record, "subtype", "") in MYST_BLOCK_WARNINGS
            and str(record.msg).startswith(self.prefixes)
        )


class WithoutMystConfiguration(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return MYST_CONFIG_MESSAGE not in str(record.msg)


#: Our directives that read fields, and so explain their field blocks themselves.
FIELD_DIRECTIVES = (*TYPES, PACK.name, NEWSLETTER.name)


def setup(app: Sphinx) -> None:
    """Put the filters in place for this application's log (Sphinx makes new handlers per application).

    First among the warning handler's filters: a warning left out is not counted either
    ("build succeeded, N warnings"), and ``-W`` does not stop on it.
    """
    explained = ExplainedInDutch(FIELD_DIRECTIVES)
    for handler in logging.getLogger(NAMESPACE).handlers:
        if isinstance(handler, WarningStreamHandler):
            handler.filters.insert(0, explained)
    config_logger = logging.getLogger(MYST_CONFIG_LOGGER)
    if not any(isinstance(f, WithoutMystConfiguration) for f in config_logger.filters):
        config_logger.addFilter(WithoutMystConfiguration())
