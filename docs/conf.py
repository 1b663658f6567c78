"""Sphinx configuration of the VZHG knowledge base."""

import contextlib
import io

from kennisbank.model.privacy import DEFAULT_FUNCTION_ADDRESSES

# sphinxext-opengraph prints "matplotlib is not installed, social cards will not be generated"
# when it is imported without matplotlib. This site makes no social cards (ogp_social_cards
# below), so it is imported here once, quietly, before Sphinx loads it: a build prints only
# Dutch and Sphinx's own progress.
with contextlib.redirect_stdout(io.StringIO()):
    import sphinxext.opengraph  # noqa: F401
del contextlib, io, sphinxext

project = "Kennisbank VZHG"
author = "Vereniging van Zuid-Hollandse Gemeenten"
copyright = "2023, Vereniging van Zuid-Hollandse Gemeenten"
language = "nl"

extensions = ["myst_parser", "sphinx_design", "notfound.extension", "sphinxext.opengraph", "kennisbank"]

# The repository, set once: the "Bewerk deze pagina" links are built from it.
repository_url = "https://github.com/vzhg/kennisbank"
repository_branch = "main"
# Where the site is published; feeds and structured data need full addresses.
html_baseurl = "https://vzhg.github.io/kennisbank/"
# The box with a page's problems in a preview links the published list of messages.
kennisbank_messages_url = html_baseurl + "bijdragen/controles.html"

exclude_patterns = ["_build"]
templates_path = ["_templates"]
html_static_path = ["_static"]

# Contributors write MyST; raw HTML could carry scripts, so it is switched off.
myst_enable_extensions = ["colon_fence", "deflist"]
myst_disable_syntax = ["html_block", "html_inline"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = "Kennisbank VZHG"
# Our own wordmark and icon (docs/_static), drawn for this site: no third-party assets.
html_logo = "_static/vzhg-logo.svg"
html_favicon = "_static/favicon.svg"
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
html_theme_options = {
    "source_edit_link": f"{repository_url}/edit/{repository_branch}/docs/{{filename}}",
    # Off: Sphinx's arrow-key handler jumps to the next or previous page even
    # while focus is in a table or code block that the reader scrolls with those
    # keys, so a keyboard user would leave the page instead (WCAG 2.1.1).
    "navigation_with_keys": False,
}
html_context = {
    "association": {
        "name": "Vereniging van Zuid-Hollandse Gemeenten",
        "contact": "Anne de Baat",
        "email": "secretaris@vzhg.nl",
        "website": "http://www.vzhg.nl",
        "twitter": "https://twitter.com/VZHG_sec",
    },
}

latex_engine = "xelatex"
latex_documents = [("index", "kennisbank.tex", project, author, "manual")]
html_css_files = ["vzhg.css"]
kennisbank_ignore_mentions_from = ["bijdragen/*"]
# The contributors' guide, the benchmark and hosting stay on the site, but members'
# searches do not find them; nor the page shown for an address that does not exist.
kennisbank_search_exclude = ["bijdragen/*", "prestaties", "hosting", "404"]
# What members type that the knowledge base writes otherwise: an object or page whose
# title, keywords or abbreviation hold one of the words on the right is found by the word
# on the left too, and "Bedoelde u ...?" knows it.
kennisbank_search_synonyms = {
    "ALV": ["algemene ledenvergadering", "ledenvergadering"],
    "LPLG": ["Landelijk Programma Landelijk Gebied"],
    "ZHPLG": ["Zuid-Hollands Programma Landelijk Gebied"],
    "NOVI": ["Nationale Omgevingsvisie"],
    "jeugdzorg": ["jeugd"],
    "wonen": ["woningbouw", "woon- en bouwagenda", "huisvesting"],
    "vluchtelingen": ["asiel", "statushouders"],
    "raadsleden": ["gemeenteraad", "raadsleden"],
}
# Pages the editors' maintenance list (bijdragen/onderhoud) does not ask to review: written
# by a script, or the "page not found" page.
kennisbank_review_exclude = ["prestaties", "404"]
# The description of pages without text of their own (search results, index).
kennisbank_site_description = (
    "De kennisbank van de Vereniging van Zuid-Hollandse Gemeenten: thema's, programma's, "
    "netwerken, de agenda en wie is wie."
)

# Link previews (Open Graph) and the meta description; object pages are described
# by their samenvatting (kennisbank/writers/sharing.py), other pages by their first words.
ogp_site_url = html_baseurl
ogp_site_name = project
ogp_type = "website"
ogp_image = "_static/vzhg-deelkaart.png"
ogp_image_alt = "Kennisbank VZHG, Vereniging van Zuid-Hollandse Gemeenten"
ogp_social_cards = {"enable": False}  # no generated images (they need matplotlib)
ogp_custom_meta_tags = ['<meta property="og:locale" content="nl_NL" />']
# E-mail addresses and phone numbers of a function rather than a person, which any page may
# publish (AVG): the association's own domain and the role mailboxes of every organisation
# (info@, secretaris@, secretariaat@, communicatie@ and the like). Any other address or number
# is reported and left out, unless a person records it with a basis ('grondslag').
kennisbank_function_addresses = [*DEFAULT_FUNCTION_ADDRESSES, "*@vzhg.nl"]
# The association's board comes first in the directory of people.
kennisbank_board_organisation = "vzhg-bestuur"
# kennisbank.pdf is for readers such as board members: the pages about the website itself
# (open data, hosting, benchmark, accessibility statement, subscribing in an agenda app,
# the downloads) and the contributors' guide stay on the site; links to them in the PDF
# go there.
kennisbank_pdf_exclude = [
    "open-data",
    "hosting",
    "prestaties",
    "toegankelijkheid",
    "agenda/abonneren",
    "downloads",
    "bijdragen/*",
    # News and newsletter editions are of their day: on the site, not in the reference book.
    "actueel/*",
    "nieuwsbrief/*",
]

# The newsletter e-mails (make nieuwsbrief): the sender, whose name heads each edition,
# and where replies go (also named in each edition's footer).
kennisbank_newsletter_from = "VZHG Nieuwsbrief <secretaris@vzhg.nl>"
kennisbank_newsletter_reply_to = "secretaris@vzhg.nl"

# The 404 page (docs/404.md) is served for any missing address, so its links
# must be absolute: the site lives under /kennisbank/ on GitHub Pages.
notfound_urls_prefix = "/kennisbank/"
