extensions = ["myst_parser", "kennisbank"]
language = "nl"
project = "Werkwijzetest"
html_baseurl = "https://kennisbank.example/"
kennisbank_reference_date = "2024-01-01"
