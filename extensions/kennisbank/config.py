"""Settings of the extension in ``conf.py``, read into one validated dataclass."""

from __future__ import annotations

from dataclasses import dataclass, fields

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

PREFIX = "kennisbank_"


@dataclass(frozen=True)
class KennisbankConfig:
    #: Pages (fnmatch patterns on document names) whose mentions do not count as
    #: backlinks, such as the authoring guide with its live examples.
    ignore_mentions_from: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not all(isinstance(p, str) for p in self.ignore_mentions_from):
            raise ConfigError(f"{PREFIX}ignore_mentions_from moet een lijst van patronen (tekst) zijn")


def add_config_values(app: Sphinx) -> None:
    for field in fields(KennisbankConfig):
        # Lists and tuples are both natural to write in conf.py.
        app.add_config_value(PREFIX + field.name, field.default, "env", types=frozenset({list, tuple}))


def settings(config: Config) -> KennisbankConfig:
    values = {f.name: getattr(config, PREFIX + f.name) for f in fields(KennisbankConfig)}
    values["ignore_mentions_from"] = tuple(values["ignore_mentions_from"])
    return KennisbankConfig(**values)


def validate_config(app: Sphinx, config: Config) -> None:
    """Check the settings at start-up, so a mistake in conf.py stops the build at once."""
    settings(config)
