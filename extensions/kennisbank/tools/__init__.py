"""The contributors' tools: the ``kennisbank`` command (``nieuw``, ``controleer``,
``formulieren``, ``formulier``), the scaffold it writes new pages with, its checks on a
built site, the issue forms for new content with the workflow behind them, and the preview
of a pull request that the workflows build (``python -m kennisbank.tools.preview``).

Sphinx is only imported inside the commands that build (``controleer``, ``onderhoud
--links``), so the command starts fast.
"""
