# What a reader sees on a given day: no reference date here, the tests set SOURCE_DATE_EPOCH
# (as the nightly build's date), so that a later day is an incremental build of the same sources.
project = "Tijdtest"
author = "Testvereniging"
extensions = ["myst_parser", "kennisbank"]
language = "nl"
exclude_patterns = ["_build"]
html_baseurl = "https://kennisbank.example/"
html_theme = "furo"
html_theme_options = {"source_edit_link": "https://github.com/test/kennisbank/edit/main/docs/{filename}"}
kennisbank_newsletter_from = "Testnieuwsbrief <redactie@kennisbank.example>"
kennisbank_board_organisation = "vereniging"
kennisbank_pdf_whole = False  # only the pack: its cover says "stand van"
kennisbank_review_exclude = ["onderhoud"]
