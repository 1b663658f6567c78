"""The Sphinx glue: the ``kb`` domain, directives, roles, transforms, checks and settings.

Each module registers itself in its own ``setup``; ``kennisbank.COMPONENTS`` lists them
with those of ``writers`` and ``builders``.
"""
