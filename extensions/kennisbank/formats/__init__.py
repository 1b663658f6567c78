"""File formats, pure: iCalendar with VTIMEZONE, Atom, schema.org JSON-LD, the e-mail letter,
the sitemap, the feeds' paths, the caches beside the doctrees and the soft hyphens. The
format of a new output goes here.

Each module turns plain values (``model`` objects and dataclasses of its own) into bytes or
text; none imports docutils or Sphinx (tested in ``tests/test_architecture.py``), so each is
tested on its own. Where and when a file is written is decided elsewhere: by an event
handler in ``writers`` or by a builder in ``builders``.
"""
