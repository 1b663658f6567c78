"""The contributors' tools: the ``kennisbank`` command (``nieuw``, ``controleer``,
``formulieren``, ``formulier``), the scaffold it writes new pages with, its checks on a
built site, and the issue forms for new content with the workflow behind them.

Sphinx is only imported inside ``controleer``, so the command starts fast.
"""
