"""What an HTML build writes besides its pages, from the environment: the agenda feeds, the
news feeds, the open data, the sitemap and the members' search index; and what a page's
``<head>`` tells search engines, link previews and feed readers. A new file beside the
pages goes here.

Each module connects to Sphinx's events (``build-finished``, ``html-page-context``) or runs
in the background process beside the page writing (``background.py``); the files' formats
are in ``formats``, what they say comes from the domain (``sphinx_ext``).
"""
