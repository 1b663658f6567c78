extensions = ["myst_parser", "kennisbank"]
language = "nl"
exclude_patterns = ["_build"]
html_baseurl = "https://kennisbank.example/"
kennisbank_reference_date = "2023-05-01"
# The authoring guide's live examples are no backlinks, as on the real site.
kennisbank_ignore_mentions_from = ["bijdragen/*"]
