extensions = ["myst_parser", "kennisbank"]
language = "nl"
html_baseurl = "https://kennisbank.example/"
kennisbank_search_exclude = ["bijdragen/*"]
kennisbank_site_description = "Een kleine kennisbank om het zoeken mee te testen."
html_theme = "furo"  # the site theme: snippets come from its [role=main]
