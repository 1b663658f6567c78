"""The Sphinx glue: the ``kb`` domain, directives, roles, transforms, checks and settings.
A new directive or role goes here, and so does the reporting of a new check.

Each module registers itself in its own ``setup``; ``kennisbank.COMPONENTS`` lists them
with those of ``writers`` and ``builders``.
"""
