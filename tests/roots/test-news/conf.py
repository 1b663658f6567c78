project = "Testkennisbank"
author = "Testvereniging"
extensions = ["myst_parser", "kennisbank"]
language = "nl"
exclude_patterns = ["_build"]
html_baseurl = "https://kennisbank.example/"
kennisbank_reference_date = "2023-05-01"
