"""The contributors' tools: the ``kennisbank`` command (``nieuw``, ``controleer``),
the scaffold it writes new pages with, and its checks on a built site; and the preview of
a pull request that the workflows build (``python -m kennisbank.tools.preview``).

Sphinx is only imported inside ``controleer``, so the command starts fast.
"""
