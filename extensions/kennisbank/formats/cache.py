"""Caches of written output beside the doctrees, valid for one version of the writers.

The feeds and the open data are written after every build, from the whole
environment; most of what goes into them did not change. Their writers keep
what they serialised last time, keyed by a digest of its input, so that only
changed parts are serialised again (hyphenation.py keeps its words the same
way). The caches are not published.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: The libraries whose output the caches hold: an upgrade of one invalidates them.
WRITER_LIBRARIES = ("icalendar", "babel", "tzdata")


@functools.cache
def writer_version(package: Path = Path(__file__).parent.parent, libraries: tuple[str, ...] = WRITER_LIBRARIES) -> str:
    """Our code and the libraries that write the feeds and the open data, as one digest.

    The caches are only valid for the code that filled them: after a change to
    the extension or an upgrade of icalendar, babel or the time zone data,
    everything is serialised again.
    """
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.read_bytes())
    for library in libraries:
        try:
            digest.update(f"{library} {importlib.metadata.version(library)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{library} -".encode())
    return digest.hexdigest()


def load_cache(path: Path, version: str, loads: Callable[[bytes], Any]) -> tuple[dict[str, Any], set[str]]:
    """The cache if this version of the code wrote it (else empty), and all its keys.

    The keys of an outdated cache still say what was written last time: the
    feeds of removed events are deleted across an upgrade too.
    """
    try:
        stored = loads(path.read_bytes())
    except (OSError, ValueError, pickle.UnpicklingError, EOFError):
        return {}, set()
    if not isinstance(stored, dict):
        return {}, set()
    data = stored.get("data", {})
    keys = set(data) if isinstance(data, dict) else set()
    return (data if stored.get("version") == version else {}), keys


def save_cache(path: Path, version: str, data: dict[str, Any], dumps: Callable[[dict[str, Any]], bytes]) -> None:
    """Store ``data`` for :func:`load_cache`, as made by this ``version`` of the code.

    Written beside the cache, then moved into its place: a build stopped halfway
    leaves the old cache, not half a new one.
    """
    partial = path.with_name(path.name + ".tmp")
    partial.write_bytes(dumps({"version": version, "data": data}))
    partial.replace(path)
