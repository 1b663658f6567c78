extensions = ["myst_parser", "kennisbank"]
language = "nl"
html_baseurl = "https://kennisbank.example/"
kennisbank_reference_date = "2023-05-01"
kennisbank_search_exclude = ["bijdragen/*"]
kennisbank_search_synonyms = {"ALV": ["algemene ledenvergadering"], "jeugdzorg": "jeugd"}
kennisbank_site_description = "Een kleine kennisbank om het zoeken mee te testen."
html_theme = "furo"  # the site theme: its article is the indexed content
