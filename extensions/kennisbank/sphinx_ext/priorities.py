"""Every order our handlers and transforms rely on, in one place, each with its reason.

Sphinx calls the handlers of one event by priority (lower first; 500 when none is given),
and among equal priorities in the order they were connected; docutils applies transforms
the same way. The order of ``kennisbank.COMPONENTS`` must not matter
(``tests/test_setup_order.py`` builds with it reversed), so a handler that has to run
before or after another one, of ours or of Sphinx's, says so with one of these. Handlers
not named here do not depend on each other's order.
"""

from __future__ import annotations

from .internals import FURO_TABLE_WRAPPING_PRIORITY

# -- config-inited -------------------------------------------------------------------------

#: navigation.use_our_defaults: before furo_cached_navigation checks its settings (500), so
#: that a mistake in conf.py is reported in Dutch.
NAVIGATION_DEFAULTS = 400

# -- builder-inited ------------------------------------------------------------------------

#: builders/htmlfixes.py and builders/stackedtables.py put our HTML visitors in place: late,
#: once every extension has registered its own, so that ours wrap theirs. The two wrap
#: different nodes, so their own order does not matter.
WRAP_VISITORS = 900

# -- doctree-read --------------------------------------------------------------------------

#: timeline.note_page_timeline: a news item still to appear loses its text before the
#: mentions in it are collected (REFERENCES), so that it gives no backlinks yet.
HOLD_BACK_SCHEDULED = 400
#: references.collect_from_doctree: objects without a title take their heading's, and the
#: page's mentions are noted; with Sphinx's own collectors (the title collector among them).
REFERENCES = 500
#: search.mark_shared_objects compares an object's title with its page's, and
#: maintenance.check_front_matter reads the page's front matter: after Sphinx and
#: REFERENCES gave both.
AFTER_TITLES = 600

# -- env-get-updated -----------------------------------------------------------------------

#: duplicates.settle: the older of two pages keeps an id, before anything looks at the
#: objects (every page that shows the object depends on which page holds it).
SETTLE_DUPLICATES = 300
#: navigation.hide_event_pages: events' pages leave the sidebar before the pages to rewrite
#: are chosen (PAGES_TO_REWRITE), whose digest of the navigation holds the hidden pages.
HIDE_EVENT_PAGES = 400
#: freshness.pages_to_rewrite and newsletter.pages_to_rewrite.
PAGES_TO_REWRITE = 500

# -- env-check-consistency -----------------------------------------------------------------

#: problems.note_check: before every check, so that what they report is noted on its page.
NOTE_CHECKS = 1
#: The checks once every page is read, in the order their messages appear in the log:
#: ids, relations, board packs, newsletters, calls to action, pages in no toctree.
CHECK_DUPLICATE_IDS = 500
CHECK_RELATIONS = 501
CHECK_BOARD_PACKS = 502
CHECK_NEWSLETTERS = 503
CHECK_CALLS_TO_ACTION = 504
CHECK_UNLISTED_PAGES = 505

# -- html-page-context ---------------------------------------------------------------------

#: writers/sharing.py: the page's description before sphinxext-opengraph (500) writes its
#: tags, which then takes that description instead of making one; the site's description
#: after it, for the pages that have none.
BEFORE_OPENGRAPH = 400
AFTER_OPENGRAPH = 600

# -- html-collect-pages --------------------------------------------------------------------

#: writers/pagefind.py starts Pagefind on the written pages: last, so that the pages of the
#: other handlers are written first (Sphinx writes each handler's pages in turn); the
#: search page itself is written after the index.
START_SEARCH_INDEX = 900

# -- build-finished ------------------------------------------------------------------------

#: freshness.delete_removed_output: the pages of removed documents go before the search index
#: is finished (SEARCH_INDEX; the index leaves them out itself when it starts earlier).
CLEAN_OUTPUT = 400
#: writers/pagefind.py finishes the search index (started at START_SEARCH_INDEX): after the
#: background writers' wait (WAIT_FOR_BACKGROUND), so that Pagefind runs beside it, and after
#: CLEAN_OUTPUT; before the summary of problems (SUMMARY), which counts those of the index.
SEARCH_INDEX = 900
#: writers/background.py waits for the feeds and the open data: late, so that the other
#: handlers run while the background process writes.
WAIT_FOR_BACKGROUND = 800
#: problems.summarise: last, once everything that reports a problem has (WAIT_FOR_BACKGROUND too).
SUMMARY = 950

# -- transforms (priorities of docutils transforms, not of events) -----------------------

#: privacy.WithholdPrivateContact: after parsing, before Sphinx collects titles and the
#: search index from the page (and before the doctree is stored).
WITHHOLD_PRIVATE_CONTACT = 400
#: placeholders.NotePlaceholderKinds: one walk that notes which placeholders a tree holds,
#: before every fill transform asks it.
NOTE_PLACEHOLDERS = 1
#: The fill transforms of generated.py, agenda.py, news.py, directories.py, ... (each its own
#: kinds of placeholder, made only by directives: their order does not matter): before
#: Sphinx resolves references (10), so that what they make is resolved like the rest.
FILL_PLACEHOLDERS = 5
#: eventcard.EventCards: after the generated sections (FILL_PLACEHOLDERS).
EVENT_CARD = 6
#: timeline.FillTimeline: calls to action and unknowns as they read on the reference date,
#: after the generated sections and the event card it may stand in.
FILL_TIMELINE = 7
#: builders/htmlfixes.UniqueTableIds: right after furo wraps the tables (and copies their ids).
UNIQUE_TABLE_IDS = FURO_TABLE_WRAPPING_PRIORITY + 1
#: failures.ReplaceLeftovers and builders/singlehtml.FixDoubleAnchors: after every transform
#: that fills placeholders and every reference resolved.
AFTER_EVERYTHING = 900
