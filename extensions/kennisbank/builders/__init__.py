"""How pages are written: our own builders (``kennisbank-pdf``, ``nieuwsbrief``) and our
changes to how Sphinx's HTML builders write a page (visitors that wrap the ones registered
before them, the singlehtml links). A new builder goes here.
"""
