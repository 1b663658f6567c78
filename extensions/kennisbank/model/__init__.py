"""The pure data model: object types and fields, values, relations, the agenda's
instants, board packs, directories, open data. Plain dataclasses and functions. The rule
of a new check of what contributors write goes here.

Nothing here imports docutils, Sphinx or a writer library (tested in
``tests/test_architecture.py``), so it can be used and tested on its own.
"""
